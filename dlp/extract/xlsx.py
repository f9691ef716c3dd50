"""Excel workbooks (XLSX, XLSM): every cell of every sheet, and what hides around them.

The XML parts are streamed directly (see :mod:`dlp.extract.ooxml`), which is
several times faster than openpyxl and reaches what it does not model.  Hidden
and very hidden sheets, hidden rows and columns are read like any other: a
recipient unhides them with two clicks.  Chunks and their parts:

==================================  =========================================
``sheet NAME!B7``                   one non-empty cell; its ``context`` is
                                    the column header (the header row's cell,
                                    and the first text cell of the column)
                                    plus the row's label, so "NIK" in B1
                                    counts as context for B7
``sheet NAME!B7:formula``           string literals inside a formula
``sheet NAME!B7:comment``           a cell comment (notes and threaded
                                    comments); ``comment:author`` authors
``sheet NAME:header`` / ``:footer`` print headers and footers
``sheet NAME:drawing``              text boxes and shapes on the sheet
``sheet NAME:link``                 addresses behind ``mailto:`` links
``shared strings``                  strings stored in the workbook but used
                                    by no cell any more (deleted data)
``pivot cache:FIELD``               the copy of source data a pivot table
                                    keeps, even after its source is gone
``external link``                   cached values of linked workbooks
``defined name:NAME``               string constants in defined names
``metadata:NAME``                   document properties
``member:xl/embeddings/...``        embedded objects
==================================  =========================================

Numbers are rendered as Excel shows them in a General cell, without ``.0``
and without scientific notation: a 16-digit NIK stored as a number comes out
as its 16 digits.  Dates (cells with a date format) come out as ISO dates.
"""
from __future__ import annotations

import datetime as _dt
import io
import re
from decimal import Decimal, InvalidOperation

from dlp.extract.ooxml import (open_package, Package, PartTooBig, SheetContext, DigitBoxes, diagram_text, embedded, local,
                               properties, q,
                               relationships)
from dlp.models import Chunk, Extraction, ScanError

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_CONTEXT = 80

X_C = q("x", "c")
X_ROW = q("x", "row")
X_V = q("x", "v")
X_F = q("x", "f")
X_IS = q("x", "is")
X_T = q("x", "t")
X_R = q("x", "r")
X_RPH = q("x", "rPh")
X_SI = q("x", "si")
X_HEADERFOOTER = q("x", "headerFooter")
X_SHEETDATA = q("x", "sheetData")
A_T = q("a", "t")
X_SST = q("x", "sst")
_ITEM_TAGS = {q("x", "s"), q("x", "n"), q("x", "d")}

_DIGITS = "0123456789"
_FORMULA_STRING = re.compile(r'"((?:[^"]|"")*)"')
# Header/footer codes: &L &C &R sections, &P page, &N pages, &D date, &T time,
# &F file, &A sheet, &Z path, &G picture, &B/&I/&U/&S/&X/&Y/&E styles,
# &"font,style", &12 size, &Kcolour.
_HF_CODE = re.compile(r'&(?:"[^"]*"|K[0-9A-Fa-f]{6}|K\d{2}[+-]\d{3}|\d+|[LCRPNDTFAZGBIUSXYEO])')

# Built-in number formats that show dates or times.
_DATE_FORMAT_IDS = set(range(14, 23)) | {27, 30, 36, 45, 46, 47, 50, 57}
_DATE_CODE = re.compile(r"[dmyhs]", re.IGNORECASE)
_QUOTED_OR_BRACKET = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')


def extract(data: bytes, ctx) -> Extraction:
    out = Extraction(MEDIA_TYPE)
    pkg, book_name, book = open_package(data, ctx, out, "xl/workbook.xml", "workbook")
    if book is None:
        return out
    rels = relationships(pkg, book_name)
    strings, used = _shared_strings(pkg, rels, out)
    dates, date1904 = _date_styles(pkg, rels, out), _is_1904(book)
    state = _State(ctx, strings, used, dates, date1904)

    sheets = book.find(q("x", "sheets"))
    for sheet in (sheets if sheets is not None else ()):
        name = sheet.get("name") or "?"
        target = rels.get(sheet.get(q("r", "id")) or "")
        if not target or target[2]:
            continue
        if ctx.expired():
            out.errors.append(ScanError("timeout", "", f"sheet {name}"))
            break
        if state.stopped:
            break
        if target[0] == "worksheet":
            _worksheet(pkg, target[1], name, state, out)
        else:  # chartsheet, dialogsheet, macrosheet: only what they draw
            _sheet_extras(pkg, target[1], name, out, state)

    _defined_names(book, out)
    _orphan_strings(state, out)
    _pivot_caches(pkg, out, ctx)
    _external_links(pkg, out)
    diagram_text(pkg, "xl", out)
    _persons(pkg, out)
    properties(pkg, out)
    if not ctx.expired():
        embedded(pkg, ("xl",), ctx, out)
    return out


class _State:
    def __init__(self, ctx, strings, used, dates, date1904):
        self.ctx = ctx
        self.strings = strings
        self.used = used
        self.dates = dates
        self.date1904 = date1904
        self.cells = 0
        self.stopped = False


# -- shared strings and styles ----------------------------------------------------------
def _rel_target(rels, kind: str) -> str | None:
    for rtype, target, external in rels.values():
        if rtype == kind and not external:
            return target
    return None


def _shared_strings(pkg: Package, rels, out: Extraction) -> tuple[list[str], bytearray]:
    name = _rel_target(rels, "sharedStrings") or "xl/sharedStrings.xml"
    try:
        raw = pkg.read(name)
    except PartTooBig as exc:
        out.errors.append(ScanError("too_big", str(exc), "shared strings"))
        return [], bytearray()
    if not raw:
        return [], bytearray()
    import xml.etree.ElementTree as ET

    strings: list[str] = []
    sst = None
    try:
        for event, el in ET.iterparse(io.BytesIO(raw), events=("start", "end")):
            if event == "start":
                if el.tag == X_SST:
                    sst = el
                continue
            if el.tag == X_SI:
                strings.append(_rich_text(el))
                if sst is not None:
                    sst.remove(el)
    except ET.ParseError as exc:
        out.errors.append(ScanError("corrupt", f"{name}: {exc}"[:300], "shared strings"))
    return strings, bytearray(len(strings))


def _rich_text(el) -> str:
    """Text of a string item: its runs, without phonetic guides."""
    t = el.find(X_T)
    if t is not None and len(el) == 1:
        return t.text or ""
    parts = []
    for child in el:
        if child.tag == X_T:
            parts.append(child.text or "")
        elif child.tag == X_R:
            rt = child.find(X_T)
            if rt is not None and rt.text:
                parts.append(rt.text)
    return "".join(parts)


def _date_styles(pkg: Package, rels, out: Extraction) -> set[int]:
    """Indexes of cell styles (``s``) whose number format shows a date."""
    root = pkg.xml(_rel_target(rels, "styles") or "xl/styles.xml", out, "styles")
    if root is None:
        return set()
    custom_dates = set()
    fmts = root.find(q("x", "numFmts"))
    for fmt in (fmts if fmts is not None else ()):
        code = _QUOTED_OR_BRACKET.sub("", fmt.get("formatCode") or "")
        if _DATE_CODE.search(code) and "General" not in code:
            try:
                custom_dates.add(int(fmt.get("numFmtId")))
            except (TypeError, ValueError):
                pass
    xfs = root.find(q("x", "cellXfs"))
    out_set = set()
    for i, xf in enumerate(xfs if xfs is not None else ()):
        try:
            fid = int(xf.get("numFmtId") or 0)
        except ValueError:
            continue
        if fid in _DATE_FORMAT_IDS or fid in custom_dates:
            out_set.add(i)
    return out_set


def _is_1904(book) -> bool:
    pr = book.find(q("x", "workbookPr"))
    return pr is not None and (pr.get("date1904") or "").lower() in ("1", "true")


# -- cells ------------------------------------------------------------------------------
def render_number(v: str) -> str:
    """A stored number as Excel's General format shows it, but never in scientific notation.

    >>> render_number("3171012304850001"), render_number("3.171012304850001E+15"), render_number("0.1")
    ('3171012304850001', '3171012304850001', '0.1')
    """
    v = v.strip()
    try:
        d = Decimal(v)
    except InvalidOperation:
        return v
    if not d.is_finite():
        return v
    if d == d.to_integral_value():
        return str(int(d))
    s = repr(float(v))
    if "e" in s or "E" in s:
        s = format(Decimal(s), "f")
    return s


def render_date(v: str, date1904: bool) -> str | None:
    try:
        serial = float(v)
    except ValueError:
        return None
    if not 0 <= serial < 2958466:
        return None
    base = _dt.datetime(1904, 1, 1) if date1904 else _dt.datetime(1899, 12, 30)
    if not date1904 and serial < 60:
        serial += 1  # Excel's fictitious 1900-02-29
    moment = base + _dt.timedelta(seconds=round(serial * 86400))
    if moment.hour or moment.minute or moment.second:
        return moment.strftime("%Y-%m-%d %H:%M:%S") if serial >= 1 else moment.strftime("%H:%M:%S")
    return moment.strftime("%Y-%m-%d")


def _col_index(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def _col_letters(n: int) -> str:
    s = ""
    while n:
        n, rem = divmod(n - 1, 26)
        s = chr(65 + rem) + s
    return s


def _worksheet(pkg: Package, part: str, name: str, state: _State, out: Extraction) -> None:
    try:
        raw = pkg.read(part)
    except PartTooBig as exc:
        out.errors.append(ScanError("too_big", str(exc), f"sheet {name}"))
        return
    except Exception as exc:
        out.errors.append(ScanError("corrupt", f"{part}: {type(exc).__name__}: {exc}"[:300], f"sheet {name}"))
        return
    if raw is None:
        out.errors.append(ScanError("corrupt", f"{part} missing", f"sheet {name}"))
        return
    _cells(raw, part, name, state, out)
    _sheet_extras(pkg, part, name, out, state)


def _cells(raw: bytes, part: str, name: str, state: _State, out: Extraction) -> None:
    """Stream the cells of one worksheet into chunks, row by row."""
    import xml.etree.ElementTree as ET

    ctx = state.ctx
    lim = ctx.limits.max_cells
    strings, used, dates = state.strings, state.used, state.dates
    n_strings = len(strings)
    around = SheetContext(MAX_CONTEXT)  # the header row, each column's first text cell, the row's label
    row_no = 0
    prefix = f"sheet {name}!"
    chunks = out.chunks
    boxes = DigitBoxes(chunks)  # a form's digit boxes, one digit a cell, joined
    col_cache: dict[str, int] = {}
    try:
        for el in _rows(raw, name, out):
            r = el.get("r")
            row_no = int(r) if r and r.isdigit() else row_no + 1
            col_no = 0
            for c in el:
                if c.tag != X_C:
                    continue
                ref = c.get("r")
                letters = ref.rstrip(_DIGITS) if ref else ""
                if letters:
                    col_no = col_cache.get(letters) or col_cache.setdefault(letters, _col_index(letters))
                else:
                    col_no += 1
                    ref = f"{_col_letters(col_no)}{row_no}"
                t = c.get("t")
                v = c.find(X_V)
                value = v.text if v is not None else None
                text = None
                is_text = False
                if t == "s":
                    if value is not None:
                        try:
                            i = int(value)
                        except ValueError:
                            i = -1
                        if 0 <= i < n_strings:
                            text = strings[i]
                            used[i] = 1
                    is_text = True
                elif t == "inlineStr":
                    isel = c.find(X_IS)
                    text = _rich_text(isel) if isel is not None else None
                    is_text = True
                elif t == "str":
                    text = value
                    is_text = True
                elif t == "b" or t == "e":
                    text = None
                elif t == "d":
                    text = value
                elif value is not None:
                    s = c.get("s")
                    if s and dates and s.isdigit() and int(s) in dates:
                        text = render_date(value, state.date1904) or render_number(value)
                    else:
                        text = render_number(value)
                f = c.find(X_F)
                if f is not None and f.text and '"' in f.text:
                    lits = [x.replace('""', '"') for x in _FORMULA_STRING.findall(f.text)]
                    lits = [x for x in lits if len(x.strip()) >= 3]
                    if lits:
                        chunks.append(Chunk("\n".join(lits), f"{prefix}{ref}:formula"))
                if text is None or not text.strip():
                    continue
                state.cells += 1
                if state.cells > lim:
                    out.errors.append(ScanError("limit", f"more than {lim} cells", f"sheet {name}"))
                    state.stopped = True
                    return
                context = around.of(col_no, text)
                chunks.append(Chunk(text, prefix + ref, context))
                boxes.cell(col_no, text, prefix + ref, context)
                if is_text:
                    around.text(col_no, text)
            boxes.end()
            around.end_row()
            if row_no % 2000 == 0 and ctx.expired():
                out.errors.append(ScanError("timeout", f"stopped at row {row_no}", f"sheet {name}"))
                state.stopped = True
                return
    except ET.ParseError as exc:
        out.errors.append(ScanError("corrupt", f"{part}: {exc}"[:300], f"sheet {name}"))


# Sheets up to this size are parsed whole (fastest); larger ones are streamed.
STREAM_ABOVE = 32 * 1024 * 1024


def _rows(raw: bytes, name: str, out: Extraction):
    """The ``row`` elements of a worksheet, in order; print headers and footers go to ``out``."""
    import xml.etree.ElementTree as ET

    if len(raw) <= STREAM_ABOVE:
        root = ET.fromstring(raw)
        data = root.find(X_SHEETDATA)
        hf = root.find(X_HEADERFOOTER)
        if hf is not None:
            _header_footer(hf, name, out)
        if data is not None:
            yield from data.iter(X_ROW)
        return
    sheet_data = None
    for event, el in ET.iterparse(io.BytesIO(raw), events=("start", "end")):
        tag = el.tag
        if event == "start":
            if tag == X_SHEETDATA:
                sheet_data = el
            continue
        if tag == X_HEADERFOOTER:
            _header_footer(el, name, out)
        elif tag == X_ROW:
            yield el
            el.clear()
            if sheet_data is not None:
                sheet_data.remove(el)


def _header_footer(el, sheet: str, out: Extraction) -> None:
    """Print headers and footers (``&C RAHASIA``), with their formatting codes removed."""
    seen = set()
    for child in el:
        kind = "header" if "Header" in local(child.tag) else "footer"
        raw = child.text or ""
        text = _HF_CODE.sub(" ", raw.replace("&&", "\x00")).replace("\x00", "&")
        text = re.sub(r"[ \t]+", " ", text).strip()
        if text and (kind, text) not in seen:
            seen.add((kind, text))
            out.chunks.append(Chunk(text, f"sheet {sheet}:{kind}"))


def _sheet_extras(pkg: Package, part: str, name: str, out: Extraction, state: _State) -> None:
    """Comments, drawings (text boxes) and mailto links attached to one sheet."""
    from dlp.extract.ooxml import link_text

    for rtype, target, external in relationships(pkg, part).values():
        if external:
            if rtype == "hyperlink":
                t = link_text(target)
                if t:
                    out.chunks.append(Chunk(t, f"sheet {name}:link"))
            continue
        if rtype == "comments":
            root = pkg.xml(target, out, f"sheet {name}:comment")
            if root is None:
                continue
            authors = root.find(q("x", "authors"))
            for a in (authors if authors is not None else ()):
                if a.text and a.text.strip():
                    out.chunks.append(Chunk(a.text.strip(), "comment:author"))
            for c in root.iter(q("x", "comment")):
                text_el = c.find(q("x", "text"))
                text = _rich_text(text_el) if text_el is not None else ""
                if text.strip():
                    out.chunks.append(Chunk(text, f"sheet {name}!{c.get('ref') or ''}:comment"))
        elif rtype == "threadedComment":
            root = pkg.xml(target, out, f"sheet {name}:comment")
            if root is None:
                continue
            for c in root:
                text = "".join(t.text or "" for t in c if local(t.tag) == "text")
                if text.strip():
                    out.chunks.append(Chunk(text, f"sheet {name}!{c.get('ref') or ''}:comment"))
        elif rtype == "drawing":
            root = pkg.xml(target, out, f"sheet {name}:drawing")
            if root is None:
                continue
            lines = []
            for el in root.iter():
                if el.tag == A_T and el.text:
                    lines.append(el.text)
                elif local(el.tag) == "cNvPr":
                    lines.extend(v for v in (el.get("descr"), el.get("title")) if v)
            text = "\n".join(x for x in lines if x.strip())
            if text:
                out.chunks.append(Chunk(text, f"sheet {name}:drawing"))


# -- the rest of the workbook ------------------------------------------------------------
def _defined_names(book, out: Extraction) -> None:
    names = book.find(q("x", "definedNames"))
    for dn in (names if names is not None else ()):
        formula = dn.text or ""
        lits = [x.replace('""', '"') for x in _FORMULA_STRING.findall(formula) if len(x.strip()) >= 3]
        if lits:
            out.chunks.append(Chunk("\n".join(lits), f"defined name:{dn.get('name') or ''}"))


def _orphan_strings(state: _State, out: Extraction) -> None:
    """Shared strings no cell uses: data deleted from the sheets but still in the file."""
    if not state.strings or state.stopped:
        return
    orphans = [s for s, u in zip(state.strings, state.used) if not u and s.strip()]
    if orphans:
        out.chunks.append(Chunk("\n".join(orphans), "shared strings"))


def _pivot_caches(pkg: Package, out: Extraction, ctx) -> None:
    """Pivot caches keep a copy of the source data: field names, distinct items and records."""
    for name in pkg.names(r"xl/pivotCache/pivotCacheDefinition\d*\.xml"):
        root = pkg.xml(name, out, "pivot cache")
        if root is None:
            continue
        fields = []
        for cf in root.iter(q("x", "cacheField")):
            fname = cf.get("name") or ""
            values = [it.get("v") for it in cf.iter() if it.tag in _ITEM_TAGS]
            fields.append(fname)
            values = [render_number(v) if v and v[:1].isdigit() else v for v in values if v]
            if values:
                out.chunks.append(Chunk("\n".join(values), f"pivot cache:{fname}", fname))
        records = name.replace("Definition", "Records")
        rec = pkg.xml(records, out, "pivot cache")
        if rec is None:
            continue
        columns: dict[int, list[str]] = {}
        for r in rec:
            for i, item in enumerate(r):
                kind = local(item.tag)
                if kind in ("s", "n", "d") and item.get("v"):
                    v = item.get("v")
                    columns.setdefault(i, []).append(render_number(v) if kind == "n" else v)
            if ctx.expired():
                break
        for i, values in columns.items():
            fname = fields[i] if i < len(fields) else str(i)
            out.chunks.append(Chunk("\n".join(values), f"pivot cache:{fname}", fname))


def _external_links(pkg: Package, out: Extraction) -> None:
    """Cached cell values of other workbooks this one links to."""
    for name in pkg.names(r"xl/externalLinks/externalLink\d*\.xml"):
        root = pkg.xml(name, out, "external link")
        if root is None:
            continue
        values = []
        for cell in root.iter(q("x", "cell")):
            v = cell.find(q("x", "v"))
            if v is not None and v.text and v.text.strip():
                values.append(render_number(v.text) if cell.get("t") in (None, "n") else v.text)
        if values:
            out.chunks.append(Chunk("\n".join(values), "external link"))


def _persons(pkg: Package, out: Extraction) -> None:
    """People who wrote threaded comments, with their account (often an e-mail)."""
    for name in pkg.names(r"xl/persons/person\d*\.xml"):
        root = pkg.xml(name, out, "comment:author")
        if root is None:
            continue
        for p in root:
            for attr in ("displayName", "userId"):
                v = p.get(attr)
                if v and v.strip():
                    out.chunks.append(Chunk(v.strip(), "comment:author"))
