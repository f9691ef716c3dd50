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
import re
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
    "text/rtf": "rtf:extract",
    "application/rtf": "rtf:extract",
    "text/html": "html:extract",
    "application/xhtml+xml": "html:extract",
    "message/rfc822": "eml:extract",
    "application/pdf": "pdf:extract",
    DOCX: "docx:extract",
    XLSX: "xlsx:extract",
    PPTX: "pptx:extract",
    "application/vnd.oasis.opendocument.text": "odf:extract",
    "application/vnd.oasis.opendocument.spreadsheet": "odf:extract",
    "application/vnd.oasis.opendocument.presentation": "odf:extract",
    "application/vnd.oasis.opendocument.text-template": "odf:extract",
    "application/vnd.oasis.opendocument.spreadsheet-template": "odf:extract",
    "application/vnd.oasis.opendocument.presentation-template": "odf:extract",
    "application/zip": "archive:extract",
    "application/epub+zip": "archive:extract",
    "application/x-tar": "archive:extract_tar",
    "application/gzip": "archive:extract_compressed",
    "application/x-gzip": "archive:extract_compressed",
    "application/x-bzip2": "archive:extract_compressed",
    "application/x-xz": "archive:extract_compressed",
    "application/x-7z-compressed": "archive:extract_libarchive",
    "application/x-rar": "archive:extract_libarchive",
    "application/vnd.rar": "archive:extract_libarchive",
    "application/x-rar-compressed": "archive:extract_libarchive",
    "application/xml": "text:extract",
    "image/png": "image:extract",
    "image/jpeg": "image:extract",
    "image/webp": "image:extract",
    "image/tiff": "image:extract",
    "image/bmp": "image:extract",
    "image/x-ms-bmp": "image:extract",
    "image/gif": "image:extract",
    "image/heic": "image:extract",
    "image/heif": "image:extract",
}

# Types that are text even when libmagic names them otherwise.
TEXTUAL_PREFIXES = ("text/",)
# Encrypted OOXML (and old OLE Office files) come back as CDFV2 containers.
ENCRYPTED_OFFICE = {"application/encrypted", "application/x-ole-storage", "application/CDFV2",
                    "application/CDFV2-encrypted"}
# Legacy (97-2003) Office files, which may be encrypted too: read by dlp.extract.legacy once open.
LEGACY_OFFICE = {"application/vnd.ms-excel", "application/msword", "application/vnd.ms-powerpoint",
                 "application/vnd.ms-office", "application/vnd.ms-outlook"}

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
    if mt == "application/octet-stream" and b"%PDF-" in head[:1024]:
        return "application/pdf"  # a PDF with bytes before its header: readers accept it
    if mt == "application/octet-stream" and _looks_like_utf8_text(head):
        return "text/plain"  # libmagic gives up on very short texts ("ok", "x")
    if mt not in EXTRACTORS and _looks_like_text(head):
        # libmagic takes some texts for a format by their first bytes: "SPT Tahunan", "SPPD",
        # "NPWP;Nama" and "PA Kantor" for HP-GL, "P1 Prioritas" for a PBM image.  Bytes that read
        # as text, without a control character, are scanned as the text they are.
        return _sniff_text(head, "text/plain")
    return mt


_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _looks_like_utf8_text(head: bytes) -> bool:
    sample = head[:65536]
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(sample) - 3:  # only a character cut at the end of the sample is allowed
            return False
    return not _CONTROL.search(sample)


def _looks_like_text(head: bytes) -> bool:
    """UTF-8 or Windows-1252 text: no control characters, and every byte a character of one of them."""
    if _looks_like_utf8_text(head):
        return True
    sample = head[:65536]
    if _CONTROL.search(sample):
        return False
    try:
        sample.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


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
    if "content.xml" in names and "mimetype" in names:
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                declared = zf.read("mimetype")[:100].decode("ascii", "replace").strip()
        except Exception:
            declared = ""
        if declared in EXTRACTORS:
            return declared
    return "application/zip"


_HTML_START = re.compile(rb"<(?:html|head|body|div|p|table|span|meta|title|br|h[1-6]|ul|ol|section|article|!--)[\s>/]")
_HEADER_LINE = re.compile(rb"([A-Za-z][A-Za-z0-9-]*):[ \t]?[^\r\n]*\r?\n(?:[ \t][^\r\n]*\r?\n)*")
_MAIL_HEADERS = {b"from", b"to", b"cc", b"subject", b"date", b"mime-version", b"message-id", b"received",
                 b"return-path", b"reply-to", b"content-type"}


def _sniff_text(head: bytes, mt: str) -> str:
    lead = head.lstrip()[:512].lower()
    if lead.startswith((b"<!doctype html", b"<html")) or b"<html" in lead:
        return "text/html"
    if lead.startswith(b"<") and _HTML_START.match(lead):
        return "text/html"  # a fragment (a pasted <div>, a saved e-mail body) is HTML too
    if _looks_like_mail(head):
        return "message/rfc822"
    return mt if mt in EXTRACTORS else "text/plain"


def _looks_like_mail(head: bytes) -> bool:
    """A message whose first header libmagic does not know (``Subject:``, ``MIME-Version:``)."""
    pos, names = 0, set()
    for _ in range(60):
        m = _HEADER_LINE.match(head, pos)
        if not m:
            break
        names.add(m.group(1).lower())
        pos = m.end()
    at_blank = head[pos:pos + 1] == b"\n" or head[pos:pos + 2] == b"\r\n"
    return at_blank and len(names & _MAIL_HEADERS) >= 2 and bool(names & {b"from", b"mime-version", b"received"})


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
    if mt in ENCRYPTED_OFFICE or mt in LEGACY_OFFICE:
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
    """An OLE container: an encrypted Office file or a legacy (97-2003) one.

    An encrypted file is tried with the empty password and with Excel's
    built-in "VelvetSweatshop" (what a workbook that is only write-protected
    is encrypted with); the decrypted file is then extracted as usual.
    Anything else needs a password we do not have: ``encrypted``.  A container whose streams
    claim more bytes than the file holds is ``corrupt`` before anything reads them.  The file is
    opened once, here, and handed to the reader of its kind.
    """
    try:
        import olefile

        ole = olefile.OleFileIO(io.BytesIO(data))
    except ImportError as exc:
        return Extraction(mt, errors=[ScanError("unsupported", f"{mt}: {exc}")])
    except Exception as exc:  # not even an OLE file: broken
        return Extraction(mt, errors=[ScanError("corrupt", f"{type(exc).__name__}: {exc}"[:300])])
    try:
        broken = _ole_oversized(ole, len(data))
        if broken:
            return Extraction(mt, errors=[ScanError("corrupt", broken[:300])])
        try:
            import msoffcrypto
        except ImportError:
            return Extraction(mt, errors=[ScanError("encrypted", "msoffcrypto-tool not installed")])
        try:
            encrypted = msoffcrypto.OfficeFile(io.BytesIO(data)).is_encrypted()
        except Exception:
            encrypted = False
        if not encrypted:
            return _legacy_office(data, ctx, mt, ole)
    finally:
        ole.close()
    for password in ("", "VelvetSweatshop"):
        plain = _decrypt_office(data, password)
        if plain is not None:
            return extract_bytes(plain, ctx.child())
    return Extraction(mt, errors=[ScanError("encrypted")])


def _ole_oversized(ole, size: int) -> str | None:
    """Why the OLE file ``ole`` (of ``size`` bytes) must not be read - a stream, the mini stream or
    the MiniFAT claiming more than the whole file: olefile, and msoffcrypto through it, would follow
    a sector chain round and round to fill it - or None."""
    from dlp.extract.legacy import check_stream

    try:
        for entry in ole.listdir(streams=True, storages=False):
            check_stream(ole, "/".join(entry), size)
    except ValueError as exc:
        return str(exc)
    except Exception:  # the readers report what else is broken
        return None
    return None


def _legacy_office(data: bytes, ctx: Context, mt: str, ole) -> Extraction:
    """A legacy Office file (``ole``: ``data`` open) by the streams it holds: Word (.doc), Excel
    (.xls) and PowerPoint (.ppt) are read (:mod:`dlp.extract.legacy`), Outlook messages (.msg) too
    (:mod:`dlp.extract.msg`); any other OLE file is unsupported."""
    from dlp.extract import legacy, msg

    try:
        kind = ("doc" if ole.exists("WordDocument") else
                "xls" if ole.exists("Workbook") or ole.exists("Book") else
                "ppt" if ole.exists("PowerPoint Document") else
                "msg" if ole.exists("__properties_version1.0")
                or any(e[0].startswith("__substg1.0_") for e in ole.listdir()) else None)
        if kind is None:
            return Extraction(mt, errors=[ScanError("unsupported", f"{mt} (legacy Office format)")])
        read = msg.extract if kind == "msg" else getattr(legacy, f"extract_{kind}")
        return read(data, ctx, ole)
    except Exception as exc:  # fail closed: a parser's crash is a corrupt file
        return Extraction(mt, errors=[ScanError("corrupt", f"{type(exc).__name__}: {exc}"[:300])])


def _decrypt_office(data: bytes, password: str) -> bytes | None:
    """``data`` decrypted with ``password`` (verified, so a wrong one never yields garbage), or None."""
    import msoffcrypto

    try:
        office = msoffcrypto.OfficeFile(io.BytesIO(data))
        if password == "" and getattr(office, "format", "") == "ooxml":
            # msoffcrypto's load_key ignores an empty password; derive the key ourselves.
            if not _empty_password_key(office):
                return None
        else:
            try:
                office.load_key(password=password, verify_password=True)
            except TypeError:  # formats whose load_key verifies by itself
                office.load_key(password=password)
        out = io.BytesIO()
        office.decrypt(out)
        plain = out.getvalue()
    except Exception:
        return None
    return plain or None


def _empty_password_key(office) -> bool:
    """Set the OOXML file's key for the empty password if that password is right."""
    info = office.info
    if office.type == "agile":
        from msoffcrypto.method.ecma376_agile import ECMA376Agile

        if not ECMA376Agile.verify_password("", info["passwordSalt"], info["passwordHashAlgorithm"],
                                            info["encryptedVerifierHashInput"], info["encryptedVerifierHashValue"],
                                            info["spinValue"], info["passwordKeyBits"]):
            return False
        office.secret_key = ECMA376Agile.makekey_from_password(
            "", info["passwordSalt"], info["passwordHashAlgorithm"], info["encryptedKeyValue"],
            info["spinValue"], info["passwordKeyBits"])
        return True
    if office.type == "standard":
        from msoffcrypto.method.ecma376_standard import ECMA376Standard

        h, v = info["header"], info["verifier"]
        key = ECMA376Standard.makekey_from_password("", h["algId"], h["algIdHash"], h["providerType"],
                                                    h["keySize"], v["saltSize"], v["salt"])
        if not ECMA376Standard.verifykey(key, v["encryptedVerifier"], v["encryptedVerifierHash"]):
            return False
        office.secret_key = key
        return True
    return False


_NAME_NUMBER = re.compile(r"\d{9}")  # a long number in a member's name: KTP_3273026702010607.jpg


def nest(parent: Extraction, child: Extraction, member: str) -> None:
    """Add a member's chunks and errors to ``parent``, prefixing their parts.  A member's name that
    holds a long number is read too (part ``member:NAME:name``): an attachment or an archive member
    named after a NIK (``ktp/KTP_3273026702010607.jpg``) leaks it whatever the file holds."""
    if _NAME_NUMBER.search(member):
        parent.chunks.append(Chunk(member.rsplit("/", 1)[-1], f"member:{member}:name", "nama file"))
    for c in child.chunks:
        part = f"member:{member}" if c.part == "body" else f"member:{member}:{c.part}"
        parent.chunks.append(Chunk(c.text, part, c.context))
    for e in child.errors:
        part = f"member:{member}" + (f":{e.part}" if e.part else "")
        parent.errors.append(ScanError(e.code, e.detail, part))
