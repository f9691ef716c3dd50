"""OpenDocument files (ODT, ODS, ODP) as LibreOffice writes them.

An OpenDocument file is a zip of XML parts like OOXML (same bounded reading,
see :mod:`dlp.extract.ooxml`).  Chunks and their parts:

=====================  =======================================================
``body``               paragraphs and headings of a text document; a table row
                       is one line, cells separated by tabs
``sheet NAME!B7``      one non-empty cell of a spreadsheet, its column header
                       and row label as context (as for XLSX)
``slide N``            a presentation page; ``slide N:notes`` its notes
``header``/``footer``  page headers and footers of the page styles
``comment``            annotations; ``comment:author`` who wrote them
``deleted``            text removed with change tracking, still in the file
``metadata:NAME``      ``author``, ``initial_creator``, ``title``, ``subject``,
                       ``keywords``, ``comments`` and user-defined fields
=====================  =======================================================
"""
from __future__ import annotations

from dlp.extract.ooxml import Package, cell_context, local
from dlp.models import Chunk, Extraction, ScanError

NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "presentation": "urn:oasis:names:tc:opendocument:xmlns:presentation:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
}


def _q(prefix: str, name: str) -> str:
    return f"{{{NS[prefix]}}}{name}"


T_P, T_H, T_S, T_TAB, T_BR = _q("text", "p"), _q("text", "h"), _q("text", "s"), _q("text", "tab"), _q(
    "text", "line-break")
T_CHANGES = _q("text", "tracked-changes")
T_DELETION = _q("text", "deletion")
OFFICE_ANNOTATION = _q("office", "annotation")
TABLE = _q("table", "table")
ROW, CELL, COVERED = _q("table", "table-row"), _q("table", "table-cell"), _q("table", "covered-table-cell")
REPEAT_COLS = _q("table", "number-columns-repeated")
REPEAT_ROWS = _q("table", "number-rows-repeated")
DRAW_PAGE = _q("draw", "page")
NOTES = _q("presentation", "notes")
DC_CREATOR = _q("dc", "creator")
META = {"creator": "author", "initial-creator": "initial_creator", "title": "title", "subject": "subject",
        "keyword": "keywords", "description": "comments"}
MAX_CONTEXT = 80
# Repeated empty cells fill a sheet to its last column; repeated non-empty ones are rare: cap them.
MAX_REPEAT = 1000


def extract(data: bytes, ctx) -> Extraction:
    out = Extraction("application/vnd.oasis.opendocument")
    try:
        pkg = Package(data, ctx)
    except Exception as exc:
        out.errors.append(ScanError("corrupt", f"{type(exc).__name__}: {exc}"[:300]))
        return out
    mimetype = (pkg.read("mimetype") or b"").decode("ascii", "replace").strip()
    if mimetype:
        out.media_type = mimetype
    content = pkg.xml("content.xml", out, "body")
    if content is None:
        if not out.errors:
            out.errors.append(ScanError("corrupt", "content.xml missing"))
        return out
    body = content.find(_q("office", "body"))
    for doc in (body if body is not None else ()):
        kind = local(doc.tag)
        if kind == "spreadsheet":
            _spreadsheet(doc, ctx, out)
        elif kind == "presentation":
            _presentation(doc, out)
        else:
            _text_document(doc, out)
    styles = pkg.xml("styles.xml", out, "header")
    if styles is not None:
        seen = set()
        for el in styles.iter():
            name = local(el.tag)
            if el.tag.startswith("{" + NS["style"]) and name.startswith(("header", "footer")):
                kind = "header" if name.startswith("header") else "footer"
                text = "\n".join(_lines(el)).strip()
                if text and (kind, text) not in seen:
                    seen.add((kind, text))
                    out.chunks.append(Chunk(text, kind))
    _meta(pkg, out)
    return out


def _paragraph(p, deleted: list[str] | None = None) -> str:
    """Text of a paragraph: spans, links, ``text:s`` spaces, tabs, line breaks; annotations left out."""
    buf = [p.text or ""]
    for child in p:
        tag = child.tag
        if tag == OFFICE_ANNOTATION:
            pass
        elif tag == T_S:
            buf.append(" " * int(child.get(_q("text", "c")) or 1))
        elif tag == T_TAB:
            buf.append("\t")
        elif tag == T_BR:
            buf.append("\n")
        else:
            buf.append(_paragraph(child))
        buf.append(child.tail or "")
    return "".join(buf)


def _lines(el, out: Extraction | None = None, part: str = "body") -> list[str]:
    """Paragraph lines under ``el``; tables as tab-separated rows; comments and deletions aside."""
    lines: list[str] = []
    stack = [iter(el)]
    while stack:
        for child in stack[-1]:
            tag = child.tag
            if tag in (T_P, T_H):
                lines.append(_paragraph(child))
                for note in child.iter(OFFICE_ANNOTATION):
                    if out is not None:
                        _annotation(note, out)
            elif tag == TABLE:
                for row in child.iter(ROW):
                    cells = ["\n".join(_lines(c)).strip() for c in row if c.tag == CELL]
                    if any(cells):
                        lines.append("\t".join(cells))
            elif tag == OFFICE_ANNOTATION:
                if out is not None:
                    _annotation(child, out)
            elif tag == T_CHANGES:
                if out is not None:
                    deleted = ["\n".join(_lines(d)) for d in child.iter(T_DELETION)]
                    text = "\n".join(d for d in deleted if d.strip())
                    if text:
                        out.chunks.append(Chunk(text, "deleted"))
            elif len(child):
                stack.append(iter(child))
                break
        else:
            stack.pop()
    return lines


def _annotation(note, out: Extraction) -> None:
    author = note.find(DC_CREATOR)
    if author is not None and author.text and author.text.strip():
        out.chunks.append(Chunk(author.text.strip(), "comment:author"))
    text = "\n".join(_paragraph(p) for p in note.iter(T_P)).strip()
    if text:
        out.chunks.append(Chunk(text, "comment"))


def _text_document(doc, out: Extraction) -> None:
    text = "\n".join(_lines(doc, out)).strip("\n")
    if text.strip():
        out.chunks.insert(0, Chunk(text, "body"))


def _presentation(doc, out: Extraction) -> None:
    for number, page in enumerate(doc.iter(DRAW_PAGE), start=1):
        notes = page.find(NOTES)
        if notes is not None:
            page.remove(notes)
            text = "\n".join(_lines(notes, out)).strip()
            if text:
                out.chunks.append(Chunk(text, f"slide {number}:notes"))
        text = "\n".join(_lines(page, out)).strip()
        if text:
            out.chunks.append(Chunk(text, f"slide {number}"))


def _col_letters(n: int) -> str:
    s = ""
    while n:
        n, rem = divmod(n - 1, 26)
        s = chr(65 + rem) + s
    return s


def _spreadsheet(doc, ctx, out: Extraction) -> None:
    cells = 0
    limit = ctx.limits.max_cells
    for table in doc.iter(TABLE):
        name = table.get(_q("table", "name")) or "?"
        header: dict[int, str] | None = None
        first: dict[int, str] = {}
        row_no = 0
        for row in table.iter(ROW):
            repeat_rows = int(row.get(REPEAT_ROWS) or 1)
            texts: dict[int, str] = {}
            values: list[tuple[int, str]] = []
            col = 0
            for cell in row:
                if cell.tag not in (CELL, COVERED):
                    continue
                repeat = int(cell.get(REPEAT_COLS) or 1)
                text = "\n".join(_lines(cell, out)).strip()
                if ("E+" in text or "e+" in text) and cell.get(_q("office", "value")):
                    # a long number shown in scientific notation (3,27E+15): its stored value is the number
                    from dlp.extract.xlsx import render_number

                    text = render_number(cell.get(_q("office", "value")))
                if not text:
                    col += repeat
                    continue
                for _ in range(min(repeat, MAX_REPEAT)):
                    col += 1
                    values.append((col, text))
                    if cell.get(_q("office", "value-type")) in (None, "string"):
                        texts.setdefault(col, text[:MAX_CONTEXT])
                col += max(0, repeat - MAX_REPEAT)
            first_row = row_no + 1
            row_no += repeat_rows
            for r in range(first_row, first_row + (min(repeat_rows, MAX_REPEAT) if values else 0)):
                label = ""
                for col, text in values:
                    cells += 1
                    if cells > limit:
                        out.errors.append(ScanError("limit", f"more than {limit} cells", f"sheet {name}"))
                        return
                    context = cell_context(text, header.get(col) if header else None, first.get(col), label)
                    out.chunks.append(Chunk(text, f"sheet {name}!{_col_letters(col)}{r}", context))
                    if col in texts and not label and not text.replace(".", "").isdigit():
                        label = texts[col]
            if header is None and len(texts) >= 2:
                header = texts
            for col, text in texts.items():
                first.setdefault(col, text)
            if ctx.expired():
                out.errors.append(ScanError("timeout", f"stopped at row {row_no}", f"sheet {name}"))
                return


def _meta(pkg: Package, out: Extraction) -> None:
    root = pkg.xml("meta.xml", out, "metadata")
    if root is None:
        return
    meta = root.find(_q("office", "meta"))
    for el in (meta if meta is not None else ()):
        name = local(el.tag)
        text = (el.text or "").strip()
        if not text:
            continue
        if name in META:
            out.chunks.append(Chunk(text, f"metadata:{META[name]}", META[name].replace("_", " ")))
        elif name == "user-defined":
            field = el.get(_q("meta", "name")) or ""
            out.chunks.append(Chunk(text, f"metadata:custom:{field}", field))
