"""Extract: the real type from the bytes, then text chunks with their locations.

``extract_bytes(data, name, ctx)`` sniffs the media type with python-magic
(never the file name), picks one extractor and returns an :class:`Extraction`.
Extractors are plain functions ``extract(data, ctx) -> Extraction`` in the
modules of this package, imported lazily so that one missing library fails one
format, not the tool.  Whatever an extractor raises becomes an error on the
file (``corrupt``), never a crash: the caller fails closed.
"""
from __future__ import annotations

import importlib
import io
import time
import zipfile
from dataclasses import dataclass, field, replace

from dlp.models import Chunk, Extraction, ScanError


@dataclass(frozen=True)
class Limits:
    """Caps that keep one bad file from stalling or sinking a scan."""

    max_bytes: int = 200 * 1024 * 1024        # a file (or archive member) larger is not read
    max_pages: int = 2000                     # PDF pages, slides, sheets
    max_cells: int = 2_000_000                # spreadsheet cells
    max_chars: int = 50_000_000               # extracted text per file
    max_depth: int = 4                        # archives / e-mails inside each other
    max_members: int = 10_000                 # members of one archive
    max_uncompressed: int = 1024 * 1024 * 1024  # total uncompressed bytes of one archive
    max_ratio: int = 200                      # compression ratio above which a member is a bomb
    seconds: float = 120.0                    # wall time per top-level file
    ocr: bool = True
    ocr_pages: int = 50                       # PDF pages OCR'd per file
    ocr_pixels: int = 50_000_000              # pixels per image
    ocr_seconds: float = 30.0                 # per page / image


@dataclass
class Context:
    limits: Limits = field(default_factory=Limits)
    depth: int = 0
    deadline: float = 0.0

    def __post_init__(self):
        if not self.deadline:
            self.deadline = time.monotonic() + self.limits.seconds

    def child(self) -> "Context":
        return replace(self, depth=self.depth + 1)

    def expired(self) -> bool:
        return time.monotonic() > self.deadline


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"

# media type -> "module:function" (module relative to this package)
EXTRACTORS = {
    "text/plain": "text:extract",
    "text/csv": "text:extract",
    "text/markdown": "text:extract",
    "text/x-markdown": "text:extract",
    "application/json": "text:extract",
    "text/x-yaml": "text:extract",
    "application/x-yaml": "text:extract",
    "text/html": "html:extract",
    "application/xhtml+xml": "html:extract",
    "message/rfc822": "eml:extract",
    "application/pdf": "pdf:extract",
    DOCX: "docx:extract",
    XLSX: "xlsx:extract",
    PPTX: "pptx:extract",
    "application/zip": "archive:extract",
    "image/png": "image:extract",
    "image/jpeg": "image:extract",
    "image/webp": "image:extract",
    "image/tiff": "image:extract",
    "image/bmp": "image:extract",
    "image/x-ms-bmp": "image:extract",
    "image/gif": "image:extract",
}

# Types that are text even when libmagic names them otherwise.
TEXTUAL_PREFIXES = ("text/",)
# Encrypted OOXML (and old OLE Office files) come back as CDFV2 containers.
ENCRYPTED_OFFICE = {"application/encrypted", "application/x-ole-storage", "application/CDFV2",
                    "application/CDFV2-encrypted"}

_MAGIC = None


def _magic():
    global _MAGIC
    if _MAGIC is None:
        import magic

        _MAGIC = magic.Magic(mime=True)
    return _MAGIC


def sniff(data: bytes) -> str:
    """The media type of ``data`` from its bytes alone."""
    if not data:
        return "application/x-empty"
    head = data[: 1 << 20]
    try:
        mt = _magic().from_buffer(head)
    except Exception:  # libmagic missing or failing: fall back to our own checks
        mt = "application/octet-stream"
    if mt in ("application/zip", "application/octet-stream", "application/x-zip-compressed") and data[:4] == b"PK\x03\x04":
        return _sniff_zip(data)
    if mt == "text/plain" or mt.startswith("text/x-"):
        return _sniff_text(head, mt)
    if mt in ("application/octet-stream", "application/x-empty") and _looks_like_utf16(head):
        return "text/plain"
    return mt


def _sniff_zip(data: bytes) -> str:
    """libmagic reports OOXML as plain zip: look at the members."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except Exception:
        return "application/zip"
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        return XLSX
    if "ppt/presentation.xml" in names:
        return PPTX
    return "application/zip"


def _sniff_text(head: bytes, mt: str) -> str:
    lead = head.lstrip()[:512].lower()
    if lead.startswith((b"<!doctype html", b"<html")) or b"<html" in lead:
        return "text/html"
    return mt if mt in EXTRACTORS else "text/plain"


def _looks_like_utf16(head: bytes) -> bool:
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return True
    sample = head[:4096]
    if len(sample) < 4:
        return False
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) / 2
    return max(even_nuls, odd_nuls) > 0.4 * half and min(even_nuls, odd_nuls) < 0.05 * half


def extract_bytes(data: bytes, ctx: Context | None = None) -> Extraction:
    """Extract text chunks from ``data``; never raises."""
    ctx = ctx or Context()
    if len(data) > ctx.limits.max_bytes:
        return Extraction("application/octet-stream",
                          errors=[ScanError("too_big", f"{len(data)} > {ctx.limits.max_bytes} bytes")])
    mt = sniff(data)
    if mt == "application/x-empty":
        return Extraction("text/plain")  # an empty file is fully read: nothing in it
    if mt in ENCRYPTED_OFFICE:
        return _office_container(data, ctx, mt)
    target = EXTRACTORS.get(mt)
    if target is None and mt.startswith(TEXTUAL_PREFIXES):
        target = EXTRACTORS["text/plain"]
    if target is None:
        return Extraction(mt, errors=[ScanError("unsupported", mt)])
    module, func = target.split(":")
    try:
        fn = getattr(importlib.import_module(f"dlp.extract.{module}"), func)
    except ImportError as exc:
        return Extraction(mt, errors=[ScanError("unsupported", f"{mt}: {exc}")])
    try:
        result = fn(data, ctx)
    except Exception as exc:  # fail closed: a parser's crash is a corrupt file
        return Extraction(mt, errors=[ScanError("corrupt", f"{type(exc).__name__}: {exc}"[:300])])
    if not result.media_type:
        result.media_type = mt
    total = sum(len(c.text) for c in result.chunks)
    if total > ctx.limits.max_chars:
        kept, size = [], 0
        for c in result.chunks:
            if size + len(c.text) > ctx.limits.max_chars:
                break
            kept.append(c)
            size += len(c.text)
        result.chunks = kept
        result.errors.append(ScanError("too_big", f"text over {ctx.limits.max_chars} characters"))
    return result


def _office_container(data: bytes, ctx: Context, mt: str) -> Extraction:
    """An OLE container: an encrypted OOXML file (tried with the empty password) or legacy Office."""
    try:
        import msoffcrypto

        office = msoffcrypto.OfficeFile(io.BytesIO(data))
        if office.is_encrypted():
            out = io.BytesIO()
            try:
                office.load_key(password="")
                office.decrypt(out)
            except Exception:
                # Excel's default "VelvetSweatshop" password is what an
                # unprotected-but-encrypted workbook uses.
                try:
                    office = msoffcrypto.OfficeFile(io.BytesIO(data))
                    office.load_key(password="VelvetSweatshop")
                    out = io.BytesIO()
                    office.decrypt(out)
                except Exception:
                    return Extraction(mt, errors=[ScanError("encrypted")])
            inner = extract_bytes(out.getvalue(), ctx.child())
            return inner
    except ImportError:
        return Extraction(mt, errors=[ScanError("encrypted", "msoffcrypto-tool not installed")])
    except Exception:
        pass
    return Extraction(mt, errors=[ScanError("unsupported", mt)])


def nest(parent: Extraction, child: Extraction, member: str) -> None:
    """Add a member's chunks and errors to ``parent``, prefixing their parts."""
    for c in child.chunks:
        part = f"member:{member}" if c.part == "body" else f"member:{member}:{c.part}"
        parent.chunks.append(Chunk(c.text, part, c.context))
    for e in child.errors:
        part = f"member:{member}" + (f":{e.part}" if e.part else "")
        parent.errors.append(ScanError(e.code, e.detail, part))
