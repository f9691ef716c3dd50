"""Shared plumbing for the Office Open XML extractors (DOCX, XLSX, PPTX).

An OOXML file is a zip of XML parts.  Reading the parts directly (rather than
through python-docx, openpyxl or python-pptx) is both faster and more
complete: those libraries expose what an editor shows, while a leak can sit in
what they do not model - deleted revisions, comments' authors, custom
properties, orphan shared strings, embedded workbooks.

Here:

* :class:`Package` reads parts from the zip under the size caps (a 1 KB DOCX
  that inflates to gigabytes is refused, not parsed);
* :func:`parse_xml` parses a part (no entity bombs, no external entities);
* :func:`relationships` resolves a part's ``_rels`` to absolute part names;
* :func:`properties` turns ``docProps/core.xml``, ``app.xml`` and
  ``custom.xml`` into ``metadata:NAME`` chunks;
* :func:`links` yields ``mailto:``/``tel:`` targets of hyperlinks (the
  address behind a "hubungi kami" link leaks as surely as a visible one);
* :func:`embedded` sends embedded objects and pictures through
  :func:`dlp.extract.extract_bytes`, so a workbook pasted into a memo or a
  photographed KTP in a slide deck is scanned too.
"""
from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib

from dlp.models import Chunk, Extraction, ScanError

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "x": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "ep": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
    "cup": "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
    "vt": "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
}


def q(prefix: str, local: str) -> str:
    """Clark notation ``{namespace}local`` for a prefixed name."""
    return f"{{{NS[prefix]}}}{local}"


MC_FALLBACK = q("mc", "Fallback")
R_ID = q("r", "id")

# A part larger than this is only inflated if its compression ratio is sane.
_RATIO_FLOOR = 50 * 1024 * 1024


class PartTooBig(Exception):
    """A part would inflate beyond the caps (zip bomb or absurd size)."""


class Package:
    """Bounded access to the parts of an OOXML zip."""

    def __init__(self, data: bytes, ctx):
        self.ctx = ctx
        self.zip = zipfile.ZipFile(io.BytesIO(data))
        self.infos = {i.filename: i for i in self.zip.infolist() if not i.is_dir()}
        # Part names are case-insensitive in OPC; producers disagree on case.
        self._lower = {n.lower(): n for n in self.infos}
        self.inflated = 0

    def name(self, name: str) -> str | None:
        """The stored name of part ``name`` (leading slash and case ignored), or None."""
        name = name.lstrip("/")
        if name in self.infos:
            return name
        return self._lower.get(name.lower())

    def names(self, pattern: str) -> list[str]:
        """Part names matching the regular expression ``pattern`` (whole name), in natural order."""
        rx = re.compile(pattern, re.IGNORECASE)
        return sorted((n for n in self.infos if rx.fullmatch(n)), key=natural_key)

    def read(self, name: str) -> bytes | None:
        """The bytes of part ``name``, or None when absent.

        Raises :class:`PartTooBig` when the part (or all parts read so far)
        would inflate beyond the limits, without inflating it.
        """
        stored = self.name(name)
        if stored is None:
            return None
        info = self.infos[stored]
        lim = self.ctx.limits
        cap = min(lim.max_bytes, lim.max_uncompressed - self.inflated)
        if info.file_size > cap:
            raise PartTooBig(f"{stored}: {info.file_size} bytes uncompressed")
        if info.file_size > _RATIO_FLOOR and info.file_size > lim.max_ratio * max(info.compress_size, 1):
            raise PartTooBig(f"{stored}: compression ratio {info.file_size // max(info.compress_size, 1)}:1")
        with self.zip.open(info) as fh:
            data = fh.read(cap + 1)  # never trust the declared size
        if len(data) > cap:
            raise PartTooBig(f"{stored}: over {cap} bytes uncompressed")
        self.inflated += len(data)
        return data

    def xml(self, name: str, out: Extraction | None = None, part: str = ""):
        """Part ``name`` parsed, or None (absent; or unreadable, noted in ``out``)."""
        try:
            data = self.read(name)
        except PartTooBig as exc:
            if out is not None:
                out.errors.append(ScanError("too_big", str(exc), part))
            return None
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
            if out is not None:
                out.errors.append(ScanError("corrupt", f"{name}: {exc}"[:300], part))
            return None
        if data is None:
            return None
        try:
            return parse_xml(data)
        except Exception as exc:  # ElementTree.ParseError and friends
            if out is not None:
                out.errors.append(ScanError("corrupt", f"{name}: {exc}"[:300], part))
            return None


def parse_xml(data: bytes):
    """Parse an XML part with the standard library's ElementTree.

    Its expat (2.4 and later) refuses entity-expansion bombs and never
    resolves external entities; walking its elements from Python is several
    times faster than walking lxml's proxies, which matters for a sheet of a
    hundred thousand cells.  Comments and processing instructions are dropped.
    """
    import xml.etree.ElementTree as ET

    return ET.fromstring(data)


def natural_key(s: str):
    """Sort key that orders ``slide2`` before ``slide10``."""
    return [int(t) if t.isdigit() else t.lower() for t in re.split(r"(\d+)", s)]


def rels_name(part: str) -> str:
    """The relationships part of ``part``: ``word/document.xml`` -> ``word/_rels/document.xml.rels``."""
    folder, base = posixpath.split(part.lstrip("/"))
    return posixpath.join(folder, "_rels", base + ".rels")


def relationships(pkg: Package, part: str) -> dict[str, tuple[str, str, bool]]:
    """``{rId: (type suffix, target, external)}`` for ``part``; internal targets made absolute."""
    root = pkg.xml(rels_name(part))
    out: dict[str, tuple[str, str, bool]] = {}
    if root is None:
        return out
    folder = posixpath.dirname(part.lstrip("/"))
    for rel in root:
        rid, target = rel.get("Id"), rel.get("Target") or ""
        if not rid:
            continue
        rtype = (rel.get("Type") or "").rsplit("/", 1)[-1]
        external = (rel.get("TargetMode") or "").lower() == "external"
        if not external:
            target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        out[rid] = (rtype, target, external)
    return out


def main_part(pkg: Package, default: str) -> str:
    """The package's main document part (from ``_rels/.rels``), else ``default``."""
    for rtype, target, external in relationships(pkg, "").values():
        if rtype == "officeDocument" and not external and pkg.name(target):
            return pkg.name(target)
    return default


def open_package(data: bytes, ctx, out, default_main: str, label: str, part: str = ""):
    """The package, its main part's name and parsed root; ``(None, None, None)`` if unreadable.

    A package that does not open, or whose main part is missing, gets a
    ``corrupt`` error on ``out`` (fail closed).
    """
    try:
        pkg = Package(data, ctx)
    except Exception as exc:
        out.errors.append(ScanError("corrupt", f"{type(exc).__name__}: {exc}"[:300]))
        return None, None, None
    name = main_part(pkg, default_main)
    root = pkg.xml(name, out, label)
    if root is None and not out.errors:
        out.errors.append(ScanError("corrupt", f"{name} missing", part))
    return pkg, name, root


def cell_context(text: str, header: str | None, first: str | None, label: str | None) -> str:
    """Context words of a spreadsheet cell: its column header, the column's first
    text cell and the row's label, each once and never the cell's own text."""
    parts: list[str] = []
    if header and header != text:
        parts.append(header)
    if first and first != text and first != header:
        parts.append(first)
    if label and label != text and label not in parts:
        parts.append(label)
    return " ".join(parts)


class SheetContext:
    """The context of a sheet's cells, row by row (:func:`cell_context`): the header row (the first
    with two or more text cells), each column's first text cell, and the row's label (its first
    text cell that is no number).  Per row: :meth:`of` for each cell, :meth:`text` for each text
    cell after it, :meth:`end_row` after the last."""

    __slots__ = ("header", "first", "row", "label", "width")

    def __init__(self, width: int = 80):
        self.header: dict[int, str] | None = None
        self.first: dict[int, str] = {}
        self.row: dict[int, str] = {}
        self.label = ""
        self.width = width  # the longest context text kept of a cell

    def of(self, col: int, text: str) -> str:
        header = self.header
        return cell_context(text, header.get(col) if header else None, self.first.get(col), self.label)

    def text(self, col: int, text: str) -> None:
        short = text.strip()[:self.width]
        self.row[col] = short
        if not self.label and not short.replace(".", "").isdigit():
            self.label = short

    def end_row(self) -> None:
        row = self.row
        if self.header is None and len(row) >= 2:
            self.header = row
        for col, text in row.items():
            if col not in self.first:
                self.first[col] = text
        self.row, self.label = {}, ""


class DigitBoxes:
    """A form's boxes, one digit a cell - the 16 boxes of a NIK on a Dukcapil form (F-1.01, biodata),
    filled in a spreadsheet or a Word table: the digits of consecutive cells of a row joined into
    one chunk (part ``first:last`` cell), so the number they make is analysed whole.  Call
    :meth:`cell` for each non-empty cell of a row in order, :meth:`end` after the row."""

    MIN = 10  # the shortest number worth joining (a phone number); a date's 8 boxes are not joined
    __slots__ = ("chunks", "digits", "at", "first", "last", "context")

    def __init__(self, chunks: list):
        self.chunks = chunks
        self.digits = ""
        self.at = self.first = self.last = self.context = None

    def cell(self, at: int, text: str, ref: str, context: str) -> None:
        """The cell ``text`` at position ``at`` of its row (a column or the cell's index), ``ref`` its part."""
        d = text.strip()
        if len(d) == 1 and "0" <= d <= "9":
            if self.digits and at == self.at + 1:
                self.digits += d
                self.at, self.last = at, ref
                return
            self.end()
            self.digits, self.at, self.first, self.last, self.context = d, at, ref, ref, context
        elif self.digits:
            self.end()

    def end(self) -> None:
        if len(self.digits) >= self.MIN:
            self.chunks.append(Chunk(self.digits, f"{self.first}:{self.last.rsplit('!', 1)[-1]}", self.context))
        self.digits = ""


def local(tag) -> str:
    """The local name of an element tag (no namespace)."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def clean(text: str) -> str:
    return text.strip() if text else ""


# -- document properties --------------------------------------------------------------
CORE = {
    "creator": "author",
    "lastModifiedBy": "last_modified_by",
    "title": "title",
    "subject": "subject",
    "keywords": "keywords",
    "description": "comments",
    "category": "category",
    "contentStatus": "content_status",
    "identifier": "identifier",
    "version": "version",
}
APP = {"Company": "company", "Manager": "manager", "HyperlinkBase": "hyperlink_base"}


def properties(pkg: Package, out: Extraction) -> None:
    """Add core, extended and custom document properties as ``metadata:NAME`` chunks."""
    core = pkg.xml("docProps/core.xml", out, "metadata")
    if core is not None:
        for el in core:
            name = CORE.get(local(el.tag))
            text = clean("".join(el.itertext()))
            if name and text:
                out.chunks.append(Chunk(text, f"metadata:{name}", name.replace("_", " ")))
    app = pkg.xml("docProps/app.xml", out, "metadata")
    if app is not None:
        for el in app:
            name = APP.get(local(el.tag))
            text = clean(el.text)
            if name and text:
                out.chunks.append(Chunk(text, f"metadata:{name}", name))
    custom = pkg.xml("docProps/custom.xml", out, "metadata")
    if custom is not None:
        for prop in custom:
            name = prop.get("name") or ""
            text = clean("".join(prop.itertext()))
            if text:
                out.chunks.append(Chunk(text, f"metadata:custom:{name}", name))


# -- hyperlinks -------------------------------------------------------------------------
_LINK_SCHEMES = ("mailto:", "tel:", "sms:", "callto:", "wa.me/", "whatsapp:")


_WHATSAPP_PHONE = re.compile(r"(?i)(?:api\.whatsapp\.com/send|whatsapp://send)/?\?(?:[^#]*&)?phone=([^&#]+)")


def link_text(target: str) -> str | None:
    """The address in a ``mailto:``/``tel:`` link target (or a WhatsApp chat link's number), decoded;
    None for other links."""
    from urllib.parse import unquote

    t = target.strip()
    low = t.lower()
    if "whatsapp" in low:
        m = _WHATSAPP_PHONE.search(t)
        if m:
            return unquote(m.group(1)).strip() or None
    for scheme in _LINK_SCHEMES:
        i = low.find(scheme)
        if i == 0 or (scheme == "wa.me/" and i >= 0):
            value = unquote(t[i + len(scheme):])
            return value.split("?", 1)[0].strip() or None
    return None


def links(pkg: Package, part: str) -> list[str]:
    """The addresses behind ``mailto:``/``tel:`` hyperlinks of ``part``, deduplicated."""
    seen: dict[str, None] = {}
    for _, target, external in relationships(pkg, part).values():
        if external:
            text = link_text(target)
            if text:
                seen.setdefault(text)
    return list(seen)


# -- embedded objects -------------------------------------------------------------------
# Pictures worth reading (OCR); vector previews (EMF/WMF) of OLE objects are not.
_PICTURE_TYPES = {"image/png", "image/jpeg", "image/tiff", "image/bmp", "image/x-ms-bmp", "image/gif",
                  "image/webp", "image/heic", "image/heif"}
# Pictures too small in pixels to hold a word (icons, bullets, spacers) are skipped: see
# dlp.extract.image.too_small_for_text.  (Not by bytes: a two-colour 600x90 stamp is 3 KB.)


def embedded(pkg: Package, folders: tuple[str, ...], ctx, out: Extraction) -> None:
    """Scan embedded objects (``*/embeddings/*``) and pictures (``*/media/*``) of the package.

    Embedded objects always go through :func:`~dlp.extract.extract_bytes`
    (an OLE object that cannot be read is reported); pictures only when they
    are of a type the image extractor reads and large enough, in pixels, to
    hold a word (:func:`dlp.extract.image.too_small_for_text`).  A picture in
    which OCR finds nothing is normal (a logo, a photo): its ``no_text``
    error is dropped.
    """
    from dlp.extract import extract_bytes, nest

    lim = ctx.limits
    pictures = 0
    for folder in folders:
        for name in pkg.names(re.escape(folder) + r"/(embeddings|media)/.+"):
            if ctx.expired():
                out.errors.append(ScanError("timeout", "embedded objects", f"member:{name}"))
                return
            picture = "/media/" in name.lower()
            if ctx.depth + 1 > lim.max_depth:
                out.errors.append(ScanError("limit", f"nesting deeper than {lim.max_depth}", f"member:{name}"))
                continue
            try:
                data = pkg.read(name)
            except PartTooBig as exc:
                out.errors.append(ScanError("too_big", str(exc), f"member:{name}"))
                continue
            except Exception as exc:
                out.errors.append(ScanError("corrupt", f"{type(exc).__name__}: {exc}"[:300], f"member:{name}"))
                continue
            if not data:
                continue
            if picture:
                pictures = ocr_picture(data, ctx, out, name, pictures)
                if pictures is None:
                    return
                continue
            nest(out, extract_bytes(unwrap_ole_package(data), ctx.child()), name)


def ocr_picture(data: bytes, ctx, out: Extraction, member: str, seen: int) -> int | None:
    """Read the picture ``data`` (OCR, metadata) into ``out`` as ``member``, unless it is of a type
    the image extractor does not read or too small in pixels to hold a word (an icon, a bullet, a
    spacer: :func:`dlp.extract.image.too_small_for_text`); ``seen``: the pictures read so far.  The
    new count, or None once past ``ocr_pages`` (the error added).  A picture in which OCR finds
    nothing is normal (a logo, a photo): its ``no_text`` error is dropped."""
    from dlp.extract import extract_bytes, nest, sniff
    from dlp.extract.image import too_small_for_text

    if sniff(data) not in _PICTURE_TYPES or too_small_for_text(data):
        return seen
    seen += 1
    if seen > ctx.limits.ocr_pages:
        out.errors.append(ScanError("limit", f"more than {ctx.limits.ocr_pages} pictures", f"member:{member}"))
        return None
    child = extract_bytes(data, ctx.child())
    child.errors = [e for e in child.errors if e.code != "no_text"]
    nest(out, child, member)
    return seen


def unwrap_ole_package(data: bytes) -> bytes:
    """The file inside an OLE "Package" object (``\\x01Ole10Native``), else ``data`` unchanged.

    Word and PowerPoint wrap an embedded PDF, text file or anything without
    its own OLE server in such a package; the payload is the original file.
    """
    if not data.startswith(b"\xd0\xcf\x11\xe0"):
        return data
    try:
        import olefile
    except ImportError:
        return data
    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
        try:
            if not ole.exists("\x01Ole10Native"):
                return data
            from dlp.extract.legacy import read_stream

            raw = read_stream(ole, "\x01Ole10Native", len(data))
        finally:
            ole.close()
        return _ole10native_payload(raw) or data
    except Exception:
        return data


def _ole10native_payload(raw: bytes) -> bytes | None:
    """Parse an Ole10Native stream: size, flags, label, path, ..., data size, data."""
    import struct

    try:
        pos = 4 + 2  # total size, flags
        for _ in range(2):  # label, original path: NUL-terminated
            pos = raw.index(b"\x00", pos) + 1
        pos += 4  # unknown (always 00 00 03 00)
        (n,) = struct.unpack_from("<I", raw, pos)
        pos += 4 + n  # temporary path
        (size,) = struct.unpack_from("<I", raw, pos)
        pos += 4
        payload = raw[pos:pos + size]
        return payload if len(payload) == size else None
    except (ValueError, struct.error):
        return None


def diagram_text(pkg: Package, folder: str, out: Extraction) -> None:
    """Text of SmartArt diagrams (``FOLDER/diagrams/data*.xml``), stored apart from the page."""
    a_t = q("a", "t")
    for name in pkg.names(re.escape(folder) + r"/diagrams/data\d*\.xml"):
        root = pkg.xml(name, out, "diagram")
        if root is None:
            continue
        text = "\n".join(t.text for t in root.iter(a_t) if t.text and t.text.strip())
        if text:
            out.chunks.append(Chunk(text, "diagram"))
