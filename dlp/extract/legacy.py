"""Legacy Office files (Office 97-2003): Excel ``.xls`` and Word ``.doc``, with their properties.

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

PowerPoint 97-2003 (``.ppt``) is not read: it is reported unsupported (at least
review).  Sources: [MS-XLS], [MS-DOC] 2.4.1 and 2.5.1 (FIB), [MS-OLEPS].
"""
from __future__ import annotations

import io
import struct

from dlp.extract.ooxml import cell_context
from dlp.extract.xlsx import MAX_CONTEXT, _col_letters, render_number
from dlp.models import Chunk, Extraction, ScanError

# OLE property -> metadata part name (as for DOCX: dlp.extract.ooxml.CORE)
PROPERTIES = (("author", "author"), ("last_saved_by", "last_modified_by"), ("title", "title"),
              ("subject", "subject"), ("keywords", "keywords"), ("comments", "comments"),
              ("company", "company"), ("manager", "manager"), ("category", "category"))


def _open(data: bytes):
    import olefile

    return olefile.OleFileIO(io.BytesIO(data))


def properties(data: bytes, out: Extraction) -> None:
    """The OLE property sets of ``data`` as ``metadata:NAME`` chunks (nothing if it has none)."""
    try:
        ole = _open(data)
        try:
            meta = ole.get_metadata()
        finally:
            ole.close()
    except Exception:  # no property set, or a broken one: the content is what matters
        return
    for attr, name in PROPERTIES:
        value = getattr(meta, attr, None)
        if isinstance(value, bytes):
            value = value.decode(getattr(meta, "codepage_name", None) or "cp1252", errors="replace")
        if isinstance(value, str) and value.strip().strip("\x00"):
            out.chunks.append(Chunk(value.strip().strip("\x00"), f"metadata:{name}", name.replace("_", " ")))


# -- Excel ------------------------------------------------------------------------------
def extract_xls(data: bytes, ctx) -> Extraction:
    """Every non-empty cell of every sheet (hidden ones too), then the document properties."""
    import xlrd

    out = Extraction("application/vnd.ms-excel")
    book = xlrd.open_workbook(file_contents=data, on_demand=True, logfile=io.StringIO())
    try:
        cells, limit = 0, ctx.limits.max_cells
        for index in range(book.nsheets):
            sheet = book.get_sheet(index)
            name = sheet.name
            header: dict[int, str] | None = None  # the first row with two or more text cells
            first_text: dict[int, str] = {}
            for r in range(sheet.nrows):
                row_texts: dict[int, str] = {}
                label = ""
                for c, cell in enumerate(sheet.row(r)):
                    text = _cell_text(cell, book.datemode)
                    if not text or not text.strip():
                        continue
                    cells += 1
                    if cells > limit:
                        out.errors.append(ScanError("limit", f"more than {limit} cells", f"sheet {name}"))
                        return out
                    context = cell_context(text, header.get(c) if header else None, first_text.get(c), label)
                    out.chunks.append(Chunk(text, f"sheet {name}!{_col_letters(c + 1)}{r + 1}", context))
                    if cell.ctype == xlrd.XL_CELL_TEXT:
                        short = text.strip()[:MAX_CONTEXT]
                        row_texts[c] = short
                        if not label and not short.replace(".", "").isdigit():
                            label = short
                if header is None and len(row_texts) >= 2:
                    header = row_texts
                for c, text in row_texts.items():
                    first_text.setdefault(c, text)
                if r % 2000 == 1999 and ctx.expired():
                    out.errors.append(ScanError("timeout", f"stopped at row {r + 1}", f"sheet {name}"))
                    return out
            book.unload_sheet(index)
    finally:
        book.release_resources()
    properties(data, out)
    return out


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


def extract_doc(data: bytes, ctx) -> Extraction:
    """The text of each story of a Word 97-2003 document, then the document properties."""
    out = Extraction("application/msword")
    ole = _open(data)
    try:
        if not ole.exists("WordDocument"):
            out.errors.append(ScanError("corrupt", "no WordDocument stream"))
            return out
        word = ole.openstream("WordDocument").read()
        if len(word) < 0x1AA or struct.unpack_from("<H", word, 0)[0] != 0xA5EC:
            out.errors.append(ScanError("unsupported", "Word document older than Word 97"))
            return out
        flags = struct.unpack_from("<H", word, 0x0A)[0]
        if flags & 0x0100:  # fEncrypted (a password msoffcrypto could not open with an empty one)
            out.errors.append(ScanError("encrypted"))
            return out
        table_name = "1Table" if flags & 0x0200 else "0Table"
        if not ole.exists(table_name):
            out.errors.append(ScanError("corrupt", f"no {table_name} stream"))
            return out
        table = ole.openstream(table_name).read()
    finally:
        ole.close()
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
    properties(data, out)
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
