"""Word documents (DOCX): everything a recipient can reach, not only what Word shows.

The XML parts are read directly (see :mod:`dlp.extract.ooxml`): faster than
python-docx and complete where it has no API.  Chunks and their parts:

==========================  ===============================================
``body``                    paragraphs of the document, in order
``table N!B3``              one cell of table N (column B, row 3); its
                            context is the column's header cell and the
                            row's label cell, so "NIK" in the header counts
``header`` / ``footer``     every section's headers and footers (first
                            page, even pages, default), deduplicated
``footnote`` / ``endnote``  notes
``comment``                 review comments; ``comment:author`` their authors
``deleted``                 tracked deletions: text removed from the page
                            but still stored in the file (``header:deleted``
                            and so on for other parts)
``textbox``                 text boxes and shapes' text
``alt``                     pictures' alternative text and titles
``link``                    addresses behind ``mailto:``/``tel:`` links
``glossary``                building blocks stored with the document
``diagram``                 SmartArt text (stored apart from the page)
``metadata:NAME``           core, extended and custom properties
                            (``author``, ``last_modified_by``, ``title``,
                            ``subject``, ``keywords``, ``comments`` ...),
                            document variables, people who edited it
``member:word/embeddings/`` embedded objects (a workbook pasted in a memo,
                            an OLE package's file) and pictures (OCR)
==========================  ===============================================

Deleted text goes to its own chunk, never inline: "3171…" deleted next to
"3172…" inserted would otherwise read as one 32-digit number.
"""
from __future__ import annotations

from dlp.models import Chunk, Extraction, ScanError
from dlp.extract.ooxml import (open_package, MC_FALLBACK, DigitBoxes, Package, diagram_text, embedded, link_text, links,
                               local, properties, q)

W_P = q("w", "p")
W_T = q("w", "t")
W_TAB = q("w", "tab")
W_PTAB = q("w", "ptab")
W_BR = q("w", "br")
W_CR = q("w", "cr")
W_NBH = q("w", "noBreakHyphen")
W_DEL = q("w", "del")
W_DELTEXT = q("w", "delText")
W_MOVEFROM = q("w", "moveFrom")
W_INSTR = q("w", "instrText")
W_TBL = q("w", "tbl")
W_TR = q("w", "tr")
W_TC = q("w", "tc")
W_TCPR = q("w", "tcPr")
W_GRIDSPAN = q("w", "gridSpan")
W_VAL = q("w", "val")
W_TXBX = q("w", "txbxContent")
W_SYM = q("w", "sym")
W_CHAR = q("w", "char")
W_AUTHOR = q("w", "author")
WP_DOCPR = q("wp", "docPr")
A_T = q("a", "t")  # DrawingML text (WordArt, shapes in charts)

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MAX_CONTEXT = 80


class _Sink:
    """Collects the text of one story (body, a header, the comments ...)."""

    def __init__(self, part: str):
        self.part = part
        self.lines: list[str] = []
        self.deleted: list[str] = []
        self.textboxes: list = []       # w:txbxContent elements, walked after the story
        self.alt: list[str] = []
        self.instr: list[str] = []
        self.cells: list[Chunk] = []
        self.tables = 0


def extract(data: bytes, ctx) -> Extraction:
    out = Extraction(MEDIA_TYPE)
    pkg, main, root = open_package(data, ctx, out, "word/document.xml", "body", part="body")
    if pkg is None:
        return out
    authors: set[tuple[str, str]] = set()  # (part, name) of comment and revision authors

    if root is not None:
        _story(root, "body", out, authors)
    if ctx.expired():
        out.errors.append(ScanError("timeout", "", "body"))
        return out

    folder = main.rsplit("/", 1)[0] if "/" in main else ""
    prefix = f"{folder}/" if folder else ""
    seen: set[tuple[str, str]] = set()
    for kind in ("header", "footer"):
        for name in pkg.names(f"{prefix}{kind}\\d*\\.xml"):
            el = pkg.xml(name, out, kind)
            if el is not None:
                _story(el, kind, out, authors, seen)
    for name, part in ((f"{prefix}footnotes.xml", "footnote"), (f"{prefix}endnotes.xml", "endnote"),
                       (f"{prefix}glossary/document.xml", "glossary")):
        el = pkg.xml(name, out, part)
        if el is not None:
            _story(el, part, out, authors)

    comments = pkg.xml(f"{prefix}comments.xml", out, "comment")
    if comments is not None:
        for c in comments:
            author = c.get(W_AUTHOR)
            if author:
                authors.add(("comment:author", author.strip()))
            _story(c, "comment", out, authors)

    for kind in ("comment:author", "revision:author"):
        for _, name in sorted(a for a in authors if a[0] == kind):
            if name:
                out.chunks.append(Chunk(name, kind))
    _people(pkg, prefix, out)
    _variables(pkg, prefix, out)
    link_parts = [main] + pkg.names(f"{prefix}(header|footer)\\d*\\.xml") + [f"{prefix}footnotes.xml",
                                                                           f"{prefix}endnotes.xml"]
    for addr in dict.fromkeys(a for name in link_parts for a in links(pkg, name)):
        out.chunks.append(Chunk(addr, "link"))
    diagram_text(pkg, folder or "word", out)
    properties(pkg, out)
    if ctx.expired():
        out.errors.append(ScanError("timeout", "embedded objects"))
        return out
    embedded(pkg, (folder or "word",), ctx, out)
    _alt_chunks(pkg, main, ctx, out)
    return out


def _alt_chunks(pkg: Package, main: str, ctx, out: Extraction) -> None:
    """Content imported whole into the document (``w:altChunk``: an HTML, MHT, RTF or text part that
    Word renders in place; web applications export Word files so), read as ``altchunk N`` members."""
    from dlp.extract import extract_bytes, nest
    from dlp.extract.ooxml import PartTooBig, relationships

    n = 0
    for rtype, target, external in relationships(pkg, main).values():
        if rtype != "aFChunk" or external or not pkg.name(target):
            continue
        n += 1
        try:
            data = pkg.read(pkg.name(target))
        except PartTooBig as exc:
            out.errors.append(ScanError("too_big", str(exc), f"member:altchunk {n}"))
            continue
        if data:
            nest(out, extract_bytes(data, ctx.child()), f"altchunk {n}")


def _story(root, part: str, out: Extraction, authors: set, seen: set | None = None) -> None:
    """Walk one story and add its chunks to ``out``."""
    sink = _Sink(part)
    _block(root, sink, authors)
    # Text boxes found inside paragraphs, including text boxes in text boxes.
    boxes = _Sink(f"{part}:textbox" if part != "body" else "textbox")
    i = 0
    while i < len(sink.textboxes):
        before = len(boxes.textboxes)
        _block(sink.textboxes[i], boxes, authors)
        sink.textboxes.extend(boxes.textboxes[before:])
        i += 1
    for s in (sink, boxes):
        text = "\n".join(s.lines).strip("\n")
        key = (s.part, text)
        if text.strip() and (seen is None or key not in seen):
            out.chunks.append(Chunk(text, s.part))
            if seen is not None:
                seen.add(key)
        out.chunks.extend(s.cells)
        deleted = "\n".join(d for d in s.deleted if d.strip())
        if deleted:
            out.chunks.append(Chunk(deleted, "deleted" if s.part == "body" else f"{s.part}:deleted"))
        alt = "\n".join(dict.fromkeys(a for a in s.alt if a.strip()))
        if alt:
            out.chunks.append(Chunk(alt, "alt" if s.part == "body" else f"{s.part}:alt"))
        links_text = "\n".join(dict.fromkeys(s.instr))
        if links_text:
            out.chunks.append(Chunk(links_text, "link" if s.part == "body" else f"{s.part}:link"))


def _block(el, sink: _Sink, authors: set, lines: list[str] | None = None) -> None:
    """Walk block-level content (paragraphs, tables, content controls) under ``el``."""
    lines = sink.lines if lines is None else lines
    stack = [iter(el)]
    while stack:
        for child in stack[-1]:
            tag = child.tag
            if tag == W_P:
                lines.append(_paragraph(child, sink, authors))
            elif tag == W_TBL:
                _table(child, sink, authors)
            elif tag == MC_FALLBACK or not isinstance(tag, str):
                continue
            elif len(child):
                stack.append(iter(child))
                break
        else:
            stack.pop()


def _paragraph(p, sink: _Sink, authors: set) -> str:
    """The text of one paragraph as it stands; deletions, text boxes and alt text go aside."""
    buf: list[str] = []
    stack = [iter(p)]
    while stack:
        for el in stack[-1]:
            tag = el.tag
            if tag == W_T:
                if el.text:
                    buf.append(el.text)
            elif tag == W_TAB or tag == W_PTAB:
                buf.append("\t")
            elif tag == W_BR or tag == W_CR:
                buf.append("\n")
            elif tag == W_NBH:
                buf.append("-")
            elif tag == W_SYM:
                ch = el.get(W_CHAR)
                if ch:
                    try:
                        buf.append(chr(int(ch, 16)))
                    except ValueError:
                        pass
            elif tag == W_DEL or tag == W_MOVEFROM:
                author = el.get(W_AUTHOR)
                if author:
                    authors.add(("revision:author", author.strip()))
                text = "".join(t.text or "" for t in el.iter() if t.tag == W_DELTEXT or t.tag == W_T)
                if text:
                    sink.deleted.append(text)
            elif tag == W_DELTEXT:  # a deleted run outside w:del (malformed but seen)
                if el.text:
                    sink.deleted.append(el.text)
            elif tag == W_TXBX:
                sink.textboxes.append(el)
            elif tag == WP_DOCPR:
                for attr in ("descr", "title"):
                    v = el.get(attr)
                    if v:
                        sink.alt.append(v)
            elif tag == W_INSTR:
                _field(el.text or "", sink)
            elif tag == A_T:  # DrawingML text outside a text box (WordArt)
                if el.text:
                    sink.alt.append(el.text)
            elif tag == MC_FALLBACK or not isinstance(tag, str):
                continue
            else:
                if tag.endswith("}ins"):
                    author = el.get(W_AUTHOR)
                    if author:
                        authors.add(("revision:author", author.strip()))
                if len(el):
                    stack.append(iter(el))
                    break
        else:
            stack.pop()
    return "".join(buf)


def _field(instr: str, sink: _Sink) -> None:
    """Keep the target of a ``HYPERLINK "mailto:..."`` field."""
    if "HYPERLINK" not in instr.upper():
        return
    for piece in instr.split('"'):
        t = link_text(piece)
        if t:
            sink.instr.append(t)


def _table(tbl, sink: _Sink, authors: set) -> None:
    """One chunk per non-empty cell, with the column header and row label as context."""
    sink.tables += 1
    number = sink.tables
    prefix = "" if sink.part == "body" else f"{sink.part}:"
    header: dict[int, str] = {}
    first_row = True
    boxes = DigitBoxes(sink.cells)  # a form's digit boxes, one digit a cell, joined
    for r, tr in enumerate(_rows(tbl), start=1):
        col = 0
        label = ""
        for k, tc in enumerate(_cells(tr)):
            span = 1
            pr = tc.find(W_TCPR)
            if pr is not None:
                gs = pr.find(W_GRIDSPAN)
                if gs is not None:
                    try:
                        span = max(1, int(gs.get(W_VAL) or 1))
                    except ValueError:
                        span = 1
            lines: list[str] = []
            _block(tc, sink, authors, lines)
            text = "\n".join(lines).strip()
            if text:
                if first_row:
                    for c in range(col, col + span):
                        header.setdefault(c, text)
                    ctx_words = ""
                else:
                    ctx_parts = []
                    h = header.get(col, "")
                    if h and h != text:
                        ctx_parts.append(h[:MAX_CONTEXT])
                    if label and label != h:
                        ctx_parts.append(label[:MAX_CONTEXT])
                    ctx_words = " ".join(ctx_parts)
                ref = f"{prefix}table {number}!{_col_letter(col)}{r}"
                sink.cells.append(Chunk(text, ref, ctx_words))
                boxes.cell(k, text, ref, ctx_words or label[:MAX_CONTEXT])
                if not label and labels_a_row(text):
                    label = text
            col += span
        boxes.end()
        if first_row and header:
            first_row = False


def labels_a_row(text: str) -> bool:
    """Whether a cell's text can be its row's label: a row's label is its first cell that is not a number."""
    return bool(text) and not text.replace(".", "").isdigit()


def _rows(tbl):
    """The w:tr rows of a table, including rows wrapped in content controls."""
    for el in tbl:
        if el.tag == W_TR:
            yield el
        elif isinstance(el.tag, str) and local(el.tag) in ("sdt", "sdtContent", "customXml"):
            yield from _rows(el)


def _cells(tr):
    for el in tr:
        if el.tag == W_TC:
            yield el
        elif isinstance(el.tag, str) and local(el.tag) in ("sdt", "sdtContent", "customXml"):
            yield from _cells(el)


def _col_letter(i: int) -> str:
    s = ""
    i += 1
    while i:
        i, rem = divmod(i - 1, 26)
        s = chr(65 + rem) + s
    return s


def _people(pkg: Package, prefix: str, out: Extraction) -> None:
    """``word/people.xml``: everyone who edited or commented, with their account (often an e-mail)."""
    root = pkg.xml(f"{prefix}people.xml", out, "metadata:people")
    if root is None:
        return
    seen: dict[str, None] = {}
    for el in root.iter():
        for key, value in el.attrib.items():
            if local(key) in ("author", "userId") and value.strip():
                seen.setdefault(value.strip())
    if seen:
        out.chunks.append(Chunk("\n".join(seen), "metadata:people"))


def _variables(pkg: Package, prefix: str, out: Extraction) -> None:
    """Document variables (``w:docVar``) stored in ``settings.xml``: invisible, but in the file."""
    root = pkg.xml(f"{prefix}settings.xml", out, "metadata:variable")
    if root is None:
        return
    for var in root.iter(q("w", "docVar")):
        name, value = var.get(q("w", "name")) or "", var.get(W_VAL) or ""
        if value.strip():
            out.chunks.append(Chunk(value, f"metadata:variable:{name}", name))
