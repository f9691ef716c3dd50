"""Legacy Office files (Office 97-2003): Excel ``.xls``, Word ``.doc``, PowerPoint ``.ppt``, with their properties.

Offices still keep years of these, and send them on.  Both are OLE compound
files (as are encrypted Office files: see ``extract_bytes``):

* **.xls** is read with xlrd: every cell of every sheet, hidden or not, as
  ``sheet NAME!B7`` chunks with the column header as context, numbers as Excel
  shows them in a General cell (a NIK stored as a number keeps its 16 digits),
  as for XLSX (:mod:`dlp.extract.xlsx`).
* **.doc** is read from its piece table (the CLX of the ``WordDocument``
  stream's FIB, MS-DOC 2.4.1 "Retrieving Text"): the main text, then the
  footnotes, headers and footers, comments, endnotes and text boxes, each its
  own part (``body``, ``footnote``, ``header``, ``comment``, ``endnote``,
  ``textbox``).  A field's instruction (``HYPERLINK "mailto:..."``) is kept
  beside its shown result; paragraph marks, cell marks and breaks become line
  breaks and tabs.  Files older than Word 97 are reported unsupported.
* the OLE property sets (SummaryInformation, DocumentSummaryInformation) give
  ``metadata:author``, ``metadata:last_modified_by``, ``metadata:title`` ...

* **.ppt** is read from the records of its ``PowerPoint Document`` stream
  ([MS-PPT] 2.3): the text atoms of the slide list (placeholders: titles and
  bodies) and of each slide's and notes page's shapes, as ``slide N`` and
  ``slide N:notes`` chunks, and ``master`` for the masters.  Old versions of a
  slide that a fast save left in the stream are read too: a recipient's tool
  can recover them.

Pictures of a .doc (its ``Data`` stream), a .ppt (its ``Pictures`` stream) and
an .xls (its drawing group, split over the workbook's MSODRAWINGGROUP and
CONTINUE records), PNG and JPEG, are read by OCR as ``picture N`` members, as
the pictures of DOCX and PPTX are.  Other picture formats are not (EMF, WMF:
vector previews).

Sources: [MS-XLS] 2.4.170 (MsoDrawingGroup) and 2.4.58 (Continue), [MS-DOC] 2.4.1 and 2.5.1 (FIB), [MS-PPT] 2.3 and 2.9, [MS-ODRAW] 2.2.23 (BLIP
records), [MS-OLEPS].
"""
from __future__ import annotations

import io
import re
import struct
from contextlib import contextmanager

from dlp.extract.ooxml import DigitBoxes, SheetContext
from dlp.extract.xlsx import MAX_CONTEXT, _col_letters, render_number
from dlp.models import Chunk, Extraction, ScanError

# OLE property -> metadata part name (as for DOCX: dlp.extract.ooxml.CORE)
PROPERTIES = (("author", "author"), ("last_saved_by", "last_modified_by"), ("title", "title"),
              ("subject", "subject"), ("keywords", "keywords"), ("comments", "comments"),
              ("company", "company"), ("manager", "manager"), ("category", "category"))


def pictures(stream: bytes, ctx, out: Extraction) -> None:
    """OCR the PNG and JPEG pictures stored in ``stream`` (a .doc's Data, a .ppt's Pictures), each
    nested as ``picture N``, as :func:`dlp.extract.ooxml.embedded` does for a DOCX's media."""
    from dlp.extract.ooxml import ocr_picture

    n = 0
    for blob in _carve(stream):
        if ctx.expired() or ctx.depth + 1 > ctx.limits.max_depth:
            out.errors.append(ScanError("timeout" if ctx.expired() else "limit", "pictures", f"picture {n + 1}"))
            return
        n = ocr_picture(blob, ctx, out, f"picture {n + 1}", n)
        if n is None:
            return


_PICTURE_START = re.compile(rb"\x89PNG\r\n\x1a\n|\xff\xd8\xff")


def _carve(stream: bytes):
    """The PNG and JPEG files inside ``stream``, each cut at the end its BLIP record gives (the
    record header stands 17 or 33 bytes before the picture: one or two ids and a tag), or else
    at the PNG's IEND chunk or the JPEG's end-of-image marker."""
    pos = 0
    while (m := _PICTURE_START.search(stream, pos)) is not None:
        start, end = m.start(), -1
        for before in (25, 41):  # the 8-byte record header, then 16 or 32 bytes of ids and one tag byte
            h = start - before
            if h >= 0:
                _, kind, length = struct.unpack_from("<HHI", stream, h)
                if 0xF018 <= kind <= 0xF117 and h + 8 + length <= len(stream) and length > before - 8:
                    end = h + 8 + length
                    break
        if end < 0:
            if stream[start] == 0x89:
                i = stream.find(b"IEND", start)
                end = i + 8 if i >= 0 else len(stream)
            else:
                i = stream.find(b"\xff\xd9", start)
                end = i + 2 if i >= 0 else len(stream)
        yield stream[start:end]
        pos = max(end, start + 1)


def check_stream(ole, path: str, limit: int) -> None:
    """ValueError if the stream ``path`` of ``ole`` (or the mini stream it is read from) claims more
    than ``limit`` bytes, the size of the whole file: a broken or hostile directory entry or header
    can claim gigabytes, and olefile would follow a sector chain round and round to fill them."""
    size = ole.get_size(path)
    if size > limit:
        raise ValueError(f"stream {path!r} claims {size} bytes, more than the file's {limit}")
    if size < ole.minisectorcutoff:  # (read from the mini stream, through the MiniFAT: both sized alike)
        for what, claimed in (("mini stream", ole.root.size), ("MiniFAT", ole.num_mini_fat_sectors * ole.sector_size)):
            if claimed > limit:
                raise ValueError(f"the {what} claims {claimed} bytes, more than the file's {limit}")


def read_stream(ole, path: str, limit: int) -> bytes:
    """The stream ``path`` of ``ole``, read whole, once :func:`check_stream` passes it."""
    check_stream(ole, path, limit)
    return ole.openstream(path).read()


def _read_streams(ole, names: tuple[str, ...], limit: int) -> dict[str, bytes]:
    """The streams of ``names`` that ``ole`` holds in its root, read whole (see :func:`read_stream`)."""
    return {name: read_stream(ole, name, limit) for name in names if ole.exists(name)}


@contextmanager
def opened(data: bytes, ole=None):
    """``ole``, the OLE file ``data`` already open (its opener closes it), or ``data`` opened here
    and closed after: the dispatcher opens a file once to tell what it is, and hands it on."""
    if ole is not None:
        yield ole
        return
    import olefile

    ole = olefile.OleFileIO(io.BytesIO(data))
    try:
        yield ole
    finally:
        ole.close()


def properties(ole, limit: int) -> list[Chunk]:
    """The OLE property sets of ``ole`` as ``metadata:NAME`` chunks (none if it has none)."""
    try:
        for name in ("\x05SummaryInformation", "\x05DocumentSummaryInformation"):
            if ole.exists(name):
                check_stream(ole, name, limit)
        meta = ole.get_metadata()
    except Exception:  # no property set, or a broken one: the content is what matters
        return []
    out = []
    for attr, name in PROPERTIES:
        value = getattr(meta, attr, None)
        if isinstance(value, bytes):
            value = value.decode(getattr(meta, "codepage_name", None) or "cp1252", errors="replace")
        if isinstance(value, str) and value.strip().strip("\x00"):
            out.append(Chunk(value.strip().strip("\x00"), f"metadata:{name}", name.replace("_", " ")))
    return out


# -- Excel ------------------------------------------------------------------------------
def extract_xls(data: bytes, ctx, ole=None) -> Extraction:
    """Every non-empty cell of every sheet (hidden ones too), then the document properties."""
    import xlrd

    out = Extraction("application/vnd.ms-excel")
    book = xlrd.open_workbook(file_contents=data, on_demand=True, logfile=io.StringIO())
    try:
        cells, limit = 0, ctx.limits.max_cells
        for index in range(book.nsheets):
            sheet = book.get_sheet(index)
            name = sheet.name
            around = SheetContext(MAX_CONTEXT)
            boxes = DigitBoxes(out.chunks)  # a form's digit boxes, one digit a cell, joined (as for XLSX)
            for r in range(sheet.nrows):
                for c, cell in enumerate(sheet.row(r)):
                    text = _cell_text(cell, book.datemode)
                    if not text or not text.strip():
                        continue
                    cells += 1
                    if cells > limit:
                        out.errors.append(ScanError("limit", f"more than {limit} cells", f"sheet {name}"))
                        return out
                    ref, context = f"sheet {name}!{_col_letters(c + 1)}{r + 1}", around.of(c, text)
                    out.chunks.append(Chunk(text, ref, context))
                    boxes.cell(c, text, ref, context)
                    if cell.ctype == xlrd.XL_CELL_TEXT:
                        around.text(c, text)
                boxes.end()
                around.end_row()
                if r % 2000 == 1999 and ctx.expired():
                    out.errors.append(ScanError("timeout", f"stopped at row {r + 1}", f"sheet {name}"))
                    return out
            book.unload_sheet(index)
    finally:
        book.release_resources()
    with opened(data, ole) as f:
        out.chunks.extend(properties(f, len(data)))
        streams = _read_streams(f, ("Workbook", "Book"), len(data))
    group = drawing_group(streams.get("Workbook") or streams.get("Book") or b"")
    if group:
        pictures(group, ctx, out)
    return out


_EOF, _MSODRAWINGGROUP, _CONTINUE = 0x000A, 0x00EB, 0x003C


def drawing_group(workbook: bytes) -> bytes:
    """The drawing group of a workbook stream's globals, where the pictures of all its sheets are
    stored: the data of its MSODRAWINGGROUP records and of the CONTINUE records after them, joined
    (a record holds at most 8,224 bytes).  Empty when the workbook has no pictures."""
    parts, pos, size, joined = [], 0, len(workbook), False
    while pos + 4 <= size:
        kind, length = struct.unpack_from("<HH", workbook, pos)
        if kind == _EOF:  # the end of the globals: the sheets' own records hold no picture data
            break
        if kind == _MSODRAWINGGROUP or (kind == _CONTINUE and joined):
            parts.append(workbook[pos + 4:pos + 4 + length])
            joined = True
        else:
            joined = False
        pos += 4 + length
    return b"".join(parts)


def _cell_text(cell, datemode: int) -> str | None:
    import xlrd

    if cell.ctype == xlrd.XL_CELL_TEXT:
        return cell.value
    if cell.ctype == xlrd.XL_CELL_NUMBER:
        return render_number(repr(cell.value))
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            moment = xlrd.xldate.xldate_as_datetime(cell.value, datemode)
        except Exception:
            return render_number(repr(cell.value))
        return moment.strftime("%Y-%m-%d %H:%M:%S" if moment.hour or moment.minute or moment.second else "%Y-%m-%d")
    return None


# -- Word -------------------------------------------------------------------------------
# The parts of a document's text, in the order the FIB counts their characters (FibRgLw97).
STORIES = ("body", "footnote", "header", None, "comment", "endnote", "textbox", "header:textbox")
# Word's special characters: paragraph and cell marks, breaks, field marks, anchors of pictures.
CONTROL = str.maketrans({"\r": "\n", "\x07": "\t", "\x0b": "\n", "\x0c": "\n", "\x0e": "\n", "\x13": " ",
                         "\x14": " ", "\x15": "", "\x01": "", "\x08": "", "\x02": "", "\x05": "",
                         "\x1e": "-", "\x1f": "", "\x00": ""})


def extract_doc(data: bytes, ctx, ole=None) -> Extraction:
    """The text of each story of a Word 97-2003 document, then the document properties."""
    out = Extraction("application/msword")
    with opened(data, ole) as f:
        streams = _read_streams(f, ("WordDocument", "0Table", "1Table", "Data"), len(data))
        meta = properties(f, len(data))  # (read while the file is open, reported after the stories)
    word = streams.get("WordDocument")
    if word is None:
        out.errors.append(ScanError("corrupt", "no WordDocument stream"))
        return out
    if len(word) < 0x1AA or struct.unpack_from("<H", word, 0)[0] != 0xA5EC:
        out.errors.append(ScanError("unsupported", "Word document older than Word 97"))
        return out
    flags = struct.unpack_from("<H", word, 0x0A)[0]
    if flags & 0x0100:  # fEncrypted (a password msoffcrypto could not open with an empty one)
        out.errors.append(ScanError("encrypted"))
        return out
    table_name = "1Table" if flags & 0x0200 else "0Table"
    table = streams.get(table_name)
    if table is None:
        out.errors.append(ScanError("corrupt", f"no {table_name} stream"))
        return out
    data_stream = streams.get("Data", b"")
    text = _doc_text(word, table)
    counts = struct.unpack_from("<8i", word, 0x4C)  # ccpText, ccpFtn, ccpHdd, ccpMcr, ccpAtn, ccpEdn, ...
    pos = 0
    for story, n in zip(STORIES, counts):
        n = max(0, n)
        piece = text[pos:pos + n]
        pos += n
        if story is None:
            continue
        piece = piece.translate(CONTROL)
        if piece.strip():
            out.chunks.append(Chunk(piece, story))
    if pos < len(text) and not any(counts[1:]):  # (a writer that left the counts out: all of it is text)
        rest = text[pos:].translate(CONTROL)
        if rest.strip():
            out.chunks.append(Chunk(rest, "body"))
    out.chunks.extend(meta)
    pictures(data_stream, ctx, out)
    return out


def _doc_text(word: bytes, table: bytes) -> str:
    """All the document's characters, in character-position order, from its piece table."""
    fc_clx, lcb_clx = struct.unpack_from("<II", word, 0x1A2)
    clx = table[fc_clx:fc_clx + lcb_clx]
    i = 0
    while i < len(clx) and clx[i] == 0x01:  # Prc: formatting, skipped by its size
        i += 3 + struct.unpack_from("<H", clx, i + 1)[0]
    if i >= len(clx) or clx[i] != 0x02:
        raise ValueError("no piece table in the CLX")
    size = struct.unpack_from("<I", clx, i + 1)[0]
    plc = clx[i + 5:i + 5 + size]
    n = (len(plc) - 4) // 12  # n + 1 character positions of 4 bytes, n piece descriptors of 8
    cps = struct.unpack_from(f"<{n + 1}i", plc, 0)
    parts = []
    for k in range(n):
        fc = struct.unpack_from("<I", plc, 4 * (n + 1) + 8 * k + 2)[0]
        length = max(0, cps[k + 1] - cps[k])
        if fc & 0x40000000:  # fCompressed: one byte a character, Windows-1252 (MS-DOC 2.9.73)
            start = (fc & 0x3FFFFFFF) // 2
            parts.append(word[start:start + length].decode("cp1252", errors="replace"))
        else:
            parts.append(word[fc:fc + 2 * length].decode("utf-16-le", errors="replace"))
    return "".join(parts)


# -- PowerPoint ---------------------------------------------------------------------------
# Record types ([MS-PPT] 2.13.24) that the walk below tells apart.
SLIDE_LIST, SLIDE_PERSIST = 0x0FF0, 0x03F3
SLIDE, NOTES, MAIN_MASTER = 0x03EE, 0x03F0, 0x03F8
TEXT_CHARS, TEXT_BYTES = 0x0FA0, 0x0FA8
PPT_CONTROL = str.maketrans({"\r": "\n", "\x0b": "\n", "\x00": ""})


def extract_ppt(data: bytes, ctx, ole=None) -> Extraction:
    """The text of every slide, notes page and master, then the document properties."""
    out = Extraction("application/vnd.ms-powerpoint")
    with opened(data, ole) as f:
        streams = _read_streams(f, ("PowerPoint Document", "Pictures"), len(data))
        meta = properties(f, len(data))  # (read while the file is open, reported after the slides)
    stream = streams.get("PowerPoint Document")
    if stream is None:
        out.errors.append(ScanError("corrupt", "no PowerPoint Document stream"))
        return out
    picture_stream = streams.get("Pictures", b"")
    texts: dict[str, list[str]] = {}
    counts = {"list 0": 0, "list 2": 0, SLIDE: 0, NOTES: 0}
    for part, text in _ppt_texts(stream, 0, len(stream), None, counts, 0):
        text = text.translate(PPT_CONTROL)
        got = texts.setdefault(part, [])
        if text.strip() and text not in got:  # (a placeholder's text stands in the list and the slide)
            got.append(text)
    for part, pieces in texts.items():
        if pieces:
            out.chunks.append(Chunk("\n".join(pieces), part))
    out.chunks.extend(meta)
    pictures(picture_stream, ctx, out)
    return out


def _ppt_texts(stream: bytes, pos: int, end: int, part: str | None, counts: dict, depth: int):
    """(part, text) of each text atom among the records in ``stream[pos:end]``, walked in order."""
    while pos + 8 <= end:
        ver_inst, kind, size = struct.unpack_from("<HHI", stream, pos)
        body, nxt = pos + 8, min(end, pos + 8 + size)
        pos = nxt
        if kind == TEXT_CHARS:
            yield part or "slides", stream[body:nxt].decode("utf-16-le", errors="replace")
        elif kind == TEXT_BYTES:
            yield part or "slides", stream[body:nxt].decode("latin-1")
        elif ver_inst & 0x0F == 0x0F and depth < 32:  # a container: its records, in their part
            inner = part
            if kind == SLIDE_LIST:
                yield from _ppt_list(stream, body, nxt, ver_inst >> 4, counts, depth)
                continue
            if kind in (SLIDE, NOTES):
                counts[kind] += 1
                inner = f"slide {counts[kind]}" + (":notes" if kind == NOTES else "")
            elif kind == MAIN_MASTER:
                inner = "master"
            yield from _ppt_texts(stream, body, nxt, inner, counts, depth + 1)


def _ppt_list(stream: bytes, pos: int, end: int, instance: int, counts: dict, depth: int):
    """The texts of a SlideListWithText: each after a SlidePersistAtom belongs to the next slide
    (or notes page) of the list; a masters' list (instance 1) is all ``master``."""
    key = f"list {instance}"
    part = "master" if instance == 1 else None
    while pos + 8 <= end:
        ver_inst, kind, size = struct.unpack_from("<HHI", stream, pos)
        body, nxt = pos + 8, min(end, pos + 8 + size)
        pos = nxt
        if kind == SLIDE_PERSIST and instance in (0, 2):
            counts[key] += 1
            part = f"slide {counts[key]}" + (":notes" if instance == 2 else "")
        elif kind in (TEXT_CHARS, TEXT_BYTES) and part is not None:
            yield part, (stream[body:nxt].decode("utf-16-le", errors="replace") if kind == TEXT_CHARS
                         else stream[body:nxt].decode("latin-1"))
        elif ver_inst & 0x0F == 0x0F and depth < 32:
            yield from _ppt_texts(stream, body, nxt, part, counts, depth + 1)
