"""Images and scanned pages: OCR text, and the words and position a photo carries.

What leaks from government offices on social media is very often a picture:
a phone photo of a letter on a desk, a screenshot of a beneficiary list, a
scanned nota dinas saved as an image-only PDF, a selfie whose EXIF carries the
GPS position of a restricted site.  This module reads them:

* ``extract(data, ctx)`` - PNG, JPEG, WebP, TIFF (every page), BMP, GIF (first
  frame of an animation), HEIC/HEIF (iPhone photos; with pillow-heif): the text read by OCR (part ``ocr:image``, or
  ``ocr:page N`` for the pages of a multi-page TIFF), the text fields of the
  EXIF, XMP and IPTC metadata, PNG text chunks and JPEG/GIF comments (part
  ``metadata:exif:Artist``, ``metadata:xmp:dc:creator``,
  ``metadata:iptc:caption``, ``metadata:png:Comment``, ``metadata:comment``),
  and the EXIF GPS position as ``GPS -6.914744, 107.609810`` (part
  ``metadata:exif:gps``), which :mod:`dlp.classifiers.geolocation_recognizer`
  reports as ``GEOLOCATION``.
* ``ocr_pdf_pages(data, pages, ctx)`` - the given 1-based pages of a PDF,
  rendered with pypdfium2 at :data:`PDF_DPI` and read by OCR (part
  ``ocr:page N``); the PDF extractor calls it for pages without a usable text
  layer.

Fail closed, never crash: no OCR engine (or OCR switched off) is an
``ocr_unavailable`` error; a picture over ``ocr_pixels``, pages over
``ocr_pages``, a page over ``ocr_seconds`` or the file's deadline are
``limit``/``timeout`` errors - each makes the file at least ``review``.
"""
from __future__ import annotations

import io
import math
import re
import warnings
import xml.etree.ElementTree as ET

from dlp.models import Chunk, Extraction, ScanError

PDF_DPI = 200          # render resolution for scanned PDF pages (text of 8 pt and up reads well)
PDF_MIN_DPI = 100      # below this (a huge page under the pixel cap) the cut is reported
MIN_SIDE = 16          # a picture smaller than this holds no readable text
MIN_LENGTH = 48        # an embedded picture whose longer side is shorter holds no word (see too_small_for_text)
TILE_HEIGHT = 4000     # a long screenshot is read in tiles this tall ...
TILE_OVERLAP = 200     # ... overlapping so that no line is cut in two
MAX_METADATA_CHARS = 20_000  # per field

# -- metadata field tables -----------------------------------------------------------

# EXIF tags people write text into (IFD0 and the Exif sub-IFD).
EXIF_TEXT = {
    0x010D: "DocumentName", 0x010E: "ImageDescription", 0x013B: "Artist", 0x013C: "HostComputer",
    0x8298: "Copyright", 0x9C9B: "XPTitle", 0x9C9C: "XPComment", 0x9C9D: "XPAuthor",
    0x9C9E: "XPKeywords", 0x9C9F: "XPSubject",
}
EXIF_SUB_TEXT = {0x9286: "UserComment", 0xA430: "CameraOwnerName"}
XP_TAGS = {0x9C9B, 0x9C9C, 0x9C9D, 0x9C9E, 0x9C9F}  # Windows: UTF-16LE in a BYTE array

# IPTC-IIM record 2 datasets with free text.
IPTC_FIELDS = {
    5: "object_name", 25: "keywords", 40: "instructions", 80: "byline", 85: "byline_title",
    90: "city", 92: "sublocation", 95: "state", 101: "country", 105: "headline", 110: "credit",
    115: "source", 116: "copyright", 118: "contact", 120: "caption", 122: "writer",
}

# XMP properties with free text (local names), and conventional prefixes for their namespaces.
XMP_FIELDS = {
    "creator", "description", "title", "rights", "subject", "Headline", "CaptionWriter", "Credit",
    "Source", "City", "State", "Country", "Location", "Sublocation", "Instructions", "AuthorsPosition",
    "PersonInImage", "UserComment", "Artist", "ImageDescription", "Copyright", "Label", "Keywords",
    "Comment", "Notes", "Owner", "CameraOwnerName", "TransmissionReference",
}
XMP_PREFIX = {
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://ns.adobe.com/photoshop/1.0/": "photoshop",
    "http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/": "Iptc4xmpCore",
    "http://iptc.org/std/Iptc4xmpExt/2008-02-29/": "Iptc4xmpExt",
    "http://ns.adobe.com/exif/1.0/": "exif",
    "http://ns.adobe.com/exif/1.0/aux/": "aux",
    "http://ns.adobe.com/tiff/1.0/": "tiff",
    "http://ns.adobe.com/xap/1.0/": "xmp",
    "http://ns.adobe.com/xap/1.0/rights/": "xmpRights",
    "http://ns.adobe.com/pdf/1.3/": "pdf",
    "http://ns.microsoft.com/photo/1.0/": "MicrosoftPhoto",
}
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
PNG_SKIP = {"XML:com.adobe.xmp", "Raw profile type exif", "Raw profile type APP1", "Raw profile type iptc",
            "Raw profile type 8bim", "icc", "exif", "dpi", "gamma", "transparency", "aspect"}


# -- images ----------------------------------------------------------------------------
# The brands of an ISO-BMFF "ftyp" box that mark a HEIF picture (HEIC: what iPhones take photos in).
HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"}
_HEIF: list = []  # [whether pillow-heif's opener is registered], once tried


def _heif_opener() -> bool:
    """Register pillow-heif's opener with Pillow (on the first HEIF picture: the import costs)."""
    if not _HEIF:
        try:
            import pillow_heif

            pillow_heif.register_heif_opener()
            _HEIF.append(True)
        except ImportError:
            _HEIF.append(False)
    return _HEIF[0]


def extract(data: bytes, ctx) -> Extraction:
    """OCR text and metadata of an image (see the module docstring)."""
    from PIL import Image

    # Pillow warns past its own pixel threshold; ocr_pixels decides here.  (A
    # process-wide filter: warnings.catch_warnings() is not thread-safe.)
    warnings.filterwarnings("ignore", category=Image.DecompressionBombWarning)
    ex = Extraction("")
    if data[4:8] == b"ftyp" and data[8:12] in HEIF_BRANDS and not _heif_opener():
        ex.errors.append(ScanError("unsupported", "HEIC/HEIF image: pillow-heif not installed", "ocr:image"))
        return ex
    try:
        img = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError as exc:
        ex.errors.append(ScanError("limit", f"image too large to open: {exc}"[:200], "ocr:image"))
        return ex
    try:
        ex.chunks.extend(metadata_chunks(img))
    except Exception as exc:  # metadata is best effort: say it was not read
        ex.errors.append(ScanError("corrupt", f"metadata: {type(exc).__name__}: {exc}"[:200], "metadata"))
    frames = getattr(img, "n_frames", 1) if img.format == "TIFF" else 1
    if frames > 1:
        _ocr_frames(img, frames, ctx, ex)
    else:
        part = "ocr:image"
        page = _load_frame(img, 0, ctx, ex, part)
        if page is not None:
            _ocr_image(page, ctx, ex, part)
    return ex


def picture_size(data: bytes) -> tuple[int, int] | None:
    """``(width, height)`` of a picture from its header (Pillow opens lazily: nothing is decoded);
    None when Pillow cannot tell (a broken or unknown picture: the caller reads it and reports)."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as img:
            return img.size
    except Exception:
        return None


def too_small_for_text(data: bytes) -> bool:
    """Whether the picture ``data`` is too small, in pixels, to hold one word OCR can read: an icon,
    a bullet, a spacer.  Such pictures inside a document are skipped, not read.

    The test is on pixels, not bytes: a two-colour 600x90 "RAHASIA" stamp compresses to 3 KB,
    a 32x32 icon of noise to 4 KB.  A picture holds text if

    * its shorter side is at least :data:`MIN_SIDE` (16 px), one line of text: Tesseract needs an
      x-height of about 10-12 px (``ocr_prep.MIN_LINE``) and text is upscaled at most 3 times
      (``ocr_prep.MAX_UPSCALE``), so a line under 16 px (x-height under 6 px) reads as noise - the
      rule :func:`extract` applies to any picture;
    * its longer side is at least :data:`MIN_LENGTH` (48 px): at that smallest readable size a
      letter takes some 10 px, and the shortest text worth finding - a classification marking
      (RAHASIA: 7 letters), a phone number (10 digits) - is longer than 48 px.  16x16 and 32x32
      icons, 40x24 badges and 1x1 spacers are below it; a 600x90 stamp or a 300x20 banner is not.

    A picture whose size cannot be read is not "too small": it is read, and reported if broken.
    """
    size = picture_size(data)
    if size is None:
        return False
    w, h = size
    return min(w, h) < MIN_SIDE or max(w, h) < MIN_LENGTH


def _ocr_frames(img, frames: int, ctx, ex: Extraction) -> None:
    """The pages of a multi-page TIFF (a fax, a scanner's batch), each as ``ocr:page N``."""
    cap = ctx.limits.ocr_pages
    reason = _unavailable(ctx)
    if reason:
        ex.errors.append(ScanError("ocr_unavailable", f"{reason}: pages 1-{frames} not read", "page 1"))
        return
    for n in range(frames):
        part = f"ocr:page {n + 1}"
        if n >= cap:
            ex.errors.append(ScanError("limit", f"pages {n + 1}-{frames} not read by OCR (limit {cap} pages)",
                                       f"page {n + 1}"))
            return
        if ctx.expired():
            ex.errors.append(ScanError("timeout", f"pages {n + 1}-{frames} not read", f"page {n + 1}"))
            return
        page = _load_frame(img, n, ctx, ex, part)
        if page is not None and not _ocr_image(page, ctx, ex, part):
            return  # no engine: one error says it for every page


def _load_frame(img, index: int, ctx, ex: Extraction, part: str):
    """Decode frame ``index`` upright, within the pixel cap (or None with an error)."""
    from PIL import ImageOps

    if index:
        img.seek(index)
    w, h = img.size
    cap = ctx.limits.ocr_pixels
    if w < MIN_SIDE or h < MIN_SIDE:
        return None  # an icon or a tracking pixel: no text to read
    if w * h > cap:
        if img.format != "JPEG" or index:
            ex.errors.append(ScanError("limit", f"{w}x{h} pixels over the {cap} pixel limit: not read by OCR",
                                       part))
            return None
        # JPEG decodes at 1/2, 1/4, 1/8 scale for next to nothing: read a copy within the cap.
        factor = 1
        while (w // factor) * (h // factor) > cap and factor < 8:
            factor *= 2
        img.draft("RGB", (w // factor, h // factor))
        img.load()
        if img.size[0] * img.size[1] > cap:
            img = img.reduce(math.ceil(math.sqrt(img.size[0] * img.size[1] / cap)))
        ex.errors.append(ScanError("limit", f"{w}x{h} pixels over the {cap} pixel limit: read at "
                                            f"{img.size[0]}x{img.size[1]}", part))
    img.load()
    frame = img.copy() if index else img
    try:
        frame = ImageOps.exif_transpose(frame)
    except Exception:
        pass
    return frame


def _ocr_image(page, ctx, ex: Extraction, part: str) -> bool:
    """OCR one picture into ``ex``; False if no engine can run (the error is recorded)."""
    text, ok = ocr_picture(page, ctx, ex.errors, part.replace("ocr:", "") if part != "ocr:image" else part)
    if text.strip():
        ex.chunks.append(Chunk(text, part))
    return ok


def ocr_picture(page, ctx, errors: list, error_part: str) -> tuple[str, bool]:
    """Read ``page`` (a PIL image) within the caps; errors go to ``errors``.

    Returns (text, engine_available).  A long screenshot is read in
    overlapping tiles, each with its own time cap.
    """
    from dlp.extract import ocr

    reason = _unavailable(ctx)
    if reason:
        errors.append(ScanError("ocr_unavailable", reason, error_part))
        return "", False
    texts = []
    for tile in _tiles(page):
        if ctx.expired():
            errors.append(ScanError("timeout", "file time limit reached during OCR", error_part))
            break
        try:
            texts.append(ocr.recognize(tile, ctx.limits.ocr_seconds).text)
        except ocr.OcrTimeout as exc:
            errors.append(ScanError("timeout", f"OCR: {exc}", error_part))
        except ocr.OcrUnavailable as exc:
            errors.append(ScanError("ocr_unavailable", str(exc), error_part))
            return "\n".join(texts), False
        except ocr.OcrFailed as exc:
            errors.append(ScanError("unreadable", f"OCR failed: {exc}", error_part))
    return "\n".join(t for t in texts if t.strip()), True


def _unavailable(ctx) -> str:
    """Why no OCR can run here ("" if it can)."""
    if not ctx.limits.ocr:
        return "OCR switched off (ocr: false)"
    from dlp.extract import ocr

    try:
        ocr.check_available()
    except ocr.OcrUnavailable as exc:
        return str(exc)
    return ""


def _tiles(page):
    """The picture, or for a long screenshot (much taller than wide) overlapping horizontal strips."""
    w, h = page.size
    if h <= TILE_HEIGHT or h < 3 * w:
        yield page
        return
    top = 0
    while top < h:
        bottom = min(h, top + TILE_HEIGHT)
        yield page.crop((0, top, w, bottom))
        if bottom == h:
            break
        top = bottom - TILE_OVERLAP


# -- scanned PDF pages ---------------------------------------------------------------------

def ocr_pdf_pages(data: bytes, pages: list[int], ctx) -> Extraction:
    """Render the given 1-based ``pages`` of a PDF and read them by OCR (part ``ocr:page N``).

    At most ``ctx.limits.ocr_pages`` pages are read; the first page past the
    cap gets one ``limit`` error naming the pages left out.  Errors carry the
    part ``page N``.
    """
    ex = Extraction("application/pdf")
    if not pages:
        return ex
    pages = sorted(set(pages))
    cap = ctx.limits.ocr_pages
    todo, rest = pages[:cap], pages[cap:]
    reason = _unavailable(ctx)
    if reason:
        ex.errors.append(ScanError("ocr_unavailable", f"{reason}: {_pages(pages)} not read", f"page {pages[0]}"))
        return ex
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except Exception as exc:
        ex.errors.append(ScanError("corrupt", f"PDF not rendered: {exc}"[:200], f"page {pages[0]}"))
        return ex
    try:
        count = len(pdf)
        for i, n in enumerate(todo):
            if ctx.expired():
                ex.errors.append(ScanError("timeout", f"{_pages(todo[i:] + rest)} not read by OCR", f"page {n}"))
                rest = []
                break
            if not 1 <= n <= count:
                continue
            img = _render(pdf[n - 1], ctx, ex, n)
            if img is None:
                continue
            text, ok = ocr_picture(img, ctx, ex.errors, f"page {n}")
            if text.strip():
                ex.chunks.append(Chunk(text, f"ocr:page {n}"))
            if not ok:
                rest = []
                break
    finally:
        pdf.close()
    if rest:
        ex.errors.append(ScanError("limit", f"{_pages(rest)} not read by OCR (limit {cap} pages)",
                                   f"page {rest[0]}"))
    return ex


def _render(page, ctx, ex: Extraction, n: int):
    """One PDF page as an RGB picture at PDF_DPI, or less if the pixel cap demands it."""
    try:
        w, h = page.get_size()  # points
        scale = PDF_DPI / 72
        cap = ctx.limits.ocr_pixels
        if w * h * scale * scale > cap:
            scale = math.sqrt(cap / (w * h))
            if scale * 72 < PDF_MIN_DPI:
                ex.errors.append(ScanError("limit", f"page of {w:.0f}x{h:.0f} pt read at {scale * 72:.0f} dpi "
                                                    f"(pixel limit {cap})", f"page {n}"))
        bitmap = page.render(scale=scale)
        return bitmap.to_pil().convert("RGB")
    except Exception as exc:
        ex.errors.append(ScanError("corrupt", f"page not rendered: {type(exc).__name__}: {exc}"[:200], f"page {n}"))
        return None
    finally:
        page.close()


def _pages(pages: list[int]) -> str:
    if len(pages) == 1:
        return f"page {pages[0]}"
    if pages == list(range(pages[0], pages[-1] + 1)):
        return f"pages {pages[0]}-{pages[-1]}"
    return f"{len(pages)} pages ({', '.join(map(str, pages[:5]))}{', ...' if len(pages) > 5 else ''})"


# -- metadata -------------------------------------------------------------------------------

def metadata_chunks(img) -> list[Chunk]:
    """Text chunks from the picture's EXIF, GPS, XMP, IPTC, PNG text and comments."""
    chunks: list[Chunk] = []
    exif = None
    try:
        exif = img.getexif()
    except Exception:
        exif = None
    if not exif and "Raw profile type exif" in getattr(img, "info", {}):
        exif = _raw_profile_exif(img.info["Raw profile type exif"])
    gps = None
    if exif:
        chunks.extend(exif_chunks(exif))
        gps = exif_gps(exif)
        if gps:
            chunks.append(Chunk(gps_text(*gps), "metadata:exif:gps"))
    xmp = _xmp_packet(img)
    if xmp:
        fields, xgps = xmp_fields(xmp)
        chunks.extend(Chunk(v, f"metadata:xmp:{k}") for k, v in fields)
        if xgps and not gps:
            chunks.append(Chunk(gps_text(*xgps), "metadata:xmp:gps"))
    chunks.extend(iptc_chunks(img))
    info = getattr(img, "info", {}) or {}
    comment = info.get("comment")
    if comment:
        text = _decode(comment)
        if text.strip():
            chunks.append(Chunk(text[:MAX_METADATA_CHARS], "metadata:comment"))
    texts = getattr(img, "text", None) if img.format == "PNG" else None
    for key, value in (texts or {}).items():
        if key in PNG_SKIP or not isinstance(value, str) or not value.strip():
            continue
        chunks.append(Chunk(value[:MAX_METADATA_CHARS], f"metadata:png:{key}"))
    return [c for c in chunks if c.text.strip()]


def exif_chunks(exif) -> list[Chunk]:
    out = []
    for tag, name in EXIF_TEXT.items():
        if tag in exif:
            text = _exif_text(exif[tag], xp=tag in XP_TAGS)
            if text:
                out.append(Chunk(text, f"metadata:exif:{name}"))
    try:
        sub = exif.get_ifd(0x8769)
    except Exception:
        sub = {}
    for tag, name in EXIF_SUB_TEXT.items():
        if tag in sub:
            text = _user_comment(sub[tag]) if tag == 0x9286 else _exif_text(sub[tag])
            if text:
                out.append(Chunk(text, f"metadata:exif:{name}"))
    return out


def _exif_text(value, xp: bool = False) -> str:
    if isinstance(value, tuple) and all(isinstance(v, int) for v in value):
        value = bytes(value)
    if isinstance(value, bytes):
        if xp:
            text = value.decode("utf-16-le", "replace")
        else:
            text = _decode(value)
    elif isinstance(value, str):
        text = value
    else:
        return ""
    return text.replace("\x00", " ").strip()[:MAX_METADATA_CHARS]


def _user_comment(value) -> str:
    """EXIF UserComment: an 8-byte character code, then the text."""
    if isinstance(value, str):
        return value.replace("\x00", " ").strip()[:MAX_METADATA_CHARS]
    if not isinstance(value, bytes):
        return ""
    code, body = value[:8], value[8:]
    if code.startswith(b"UNICODE"):
        even, odd = body[0::2].count(0), body[1::2].count(0)
        text = body.decode("utf-16-be" if even > odd else "utf-16-le", "replace")
    elif code.startswith(b"JIS"):
        text = body.decode("shift_jis", "replace")
    elif code.startswith(b"ASCII") or code == b"\x00" * 8:
        text = _decode(body)
    else:
        text = _decode(value)
    return text.replace("\x00", " ").strip()[:MAX_METADATA_CHARS]


def _decode(value) -> str:
    if isinstance(value, str):
        return value
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        return value.decode("cp1252", "replace")


def _rational(v) -> float:
    try:
        if isinstance(v, tuple) and len(v) == 2:
            return v[0] / v[1]
        return float(v)
    except (ZeroDivisionError, TypeError, ValueError):
        return math.nan


def _dms(value) -> float:
    parts = [_rational(x) for x in value] if isinstance(value, (tuple, list)) else [_rational(value)]
    parts += [0.0] * (3 - len(parts))
    return parts[0] + parts[1] / 60 + parts[2] / 3600


def exif_gps(exif) -> tuple[float, float] | None:
    """Decimal (latitude, longitude) of the EXIF GPS IFD, or None if absent or not a position."""
    try:
        gps = exif.get_ifd(0x8825)
    except Exception:
        return None
    if not gps or 2 not in gps or 4 not in gps:
        return None
    try:
        lat, lon = _dms(gps[2]), _dms(gps[4])
    except Exception:
        return None
    if str(gps.get(1, "N")).strip("\x00 ").upper().startswith("S"):
        lat = -lat
    if str(gps.get(3, "E")).strip("\x00 ").upper().startswith("W"):
        lon = -lon
    return _valid_position(lat, lon)


def _valid_position(lat: float, lon: float) -> tuple[float, float] | None:
    if not (math.isfinite(lat) and math.isfinite(lon)):
        return None
    if abs(lat) > 90 or abs(lon) > 180 or (lat == 0 and lon == 0):  # 0,0: a camera with no fix
        return None
    return lat, lon


def gps_text(lat: float, lon: float) -> str:
    """The chunk text the GEOLOCATION recognizer anchors on: ``GPS -6.914744, 107.609810``."""
    return f"GPS {lat:.6f}, {lon:.6f}"


def _raw_profile_exif(value: str):
    """ImageMagick's PNG ``Raw profile type exif``: a hex dump of an Exif block."""
    from PIL import Image

    try:
        hexdata = "".join(value.strip().split("\n")[2:])
        raw = bytes.fromhex("".join(hexdata.split()))
        exif = Image.Exif()
        exif.load(raw[6:] if raw.startswith(b"Exif\x00\x00") else raw)
        return exif
    except Exception:
        return None


# XMP

def _xmp_packet(img) -> bytes | None:
    info = getattr(img, "info", {}) or {}
    for key in ("xmp", "XML:com.adobe.xmp"):
        v = info.get(key)
        if v:
            return v.encode("utf-8") if isinstance(v, str) else bytes(v)
    try:
        v = img.tag_v2.get(700)  # TIFF XMLPacket
        if v:
            return v.encode("utf-8") if isinstance(v, str) else bytes(v)
    except AttributeError:
        pass
    for marker, content in getattr(img, "applist", []) or []:
        if marker == "APP1" and content.startswith(b"http://ns.adobe.com/xap/1.0/\x00"):
            return content[29:]
    return None


_XMP_GPS = re.compile(r"^\s*(\d{1,3})(?:,(\d{1,2}(?:\.\d+)?))?(?:,(\d{1,2}(?:\.\d+)?))?\s*([NSEW])\s*$")


def _xmp_coordinate(value: str) -> float:
    """XMP GPSCoordinate ``DDD,MM.mmk`` or ``DDD,MM,SSk`` to decimal degrees."""
    m = _XMP_GPS.match(value or "")
    if not m:
        return math.nan
    deg = float(m.group(1)) + float(m.group(2) or 0) / 60 + float(m.group(3) or 0) / 3600
    return -deg if m.group(4) in "SW" else deg


def xmp_fields(packet: bytes) -> tuple[list[tuple[str, str]], tuple[float, float] | None]:
    """((prefix:name, text) of the free-text XMP properties, GPS position or None)."""
    if b"<!ENTITY" in packet or b"<!DOCTYPE" in packet:
        return [], None  # no entity expansion from a file's metadata
    text = packet.decode("utf-8", "replace").strip("\x00 \r\n\t")
    text = re.sub(r"<\?xpacket[^>]*\?>", "", text)
    try:
        root = ET.fromstring(text)
    except ET.ParseError:
        return [], None
    out: list[tuple[str, str]] = []
    gps: dict[str, str] = {}

    def name_of(tag: str) -> tuple[str, str]:
        if tag.startswith("{"):
            ns, local = tag[1:].split("}", 1)
            return XMP_PREFIX.get(ns, ""), local
        return "", tag

    for desc in root.iter(f"{{{RDF}}}Description"):
        # simple properties may be attributes of rdf:Description
        for attr, value in desc.attrib.items():
            prefix, local = name_of(attr)
            if local in ("GPSLatitude", "GPSLongitude"):
                gps[local] = value
            elif (local in XMP_FIELDS or local.startswith("Ci")) and value.strip():
                out.append((f"{prefix}:{local}" if prefix else local, value.strip()[:MAX_METADATA_CHARS]))
        for prop in desc:
            prefix, local = name_of(prop.tag)
            if local in ("GPSLatitude", "GPSLongitude"):
                gps[local] = (prop.text or "").strip()
                continue
            if not (local in XMP_FIELDS or local.startswith("Ci")):
                continue
            values = [t.strip() for t in prop.itertext() if t and t.strip()]
            values += [v.strip() for el in prop.iter() for a, v in el.attrib.items()
                       if name_of(a)[1].startswith("Ci") and v.strip()]
            if values:
                out.append((f"{prefix}:{local}" if prefix else local, "\n".join(values)[:MAX_METADATA_CHARS]))
    pos = None
    if "GPSLatitude" in gps and "GPSLongitude" in gps:
        pos = _valid_position(_xmp_coordinate(gps["GPSLatitude"]), _xmp_coordinate(gps["GPSLongitude"]))
    return out, pos


# IPTC

def iptc_chunks(img) -> list[Chunk]:
    if img.format not in ("JPEG", "TIFF"):
        return []
    from PIL import IptcImagePlugin

    try:
        info = IptcImagePlugin.getiptcinfo(img) or {}
    except Exception:
        return []
    utf8 = info.get((1, 90)) in (b"\x1b%G", [b"\x1b%G"])
    out = []
    for (record, dataset), value in info.items():
        if record != 2 or dataset not in IPTC_FIELDS:
            continue
        values = value if isinstance(value, list) else [value]
        texts = []
        for v in values:
            if isinstance(v, bytes):
                texts.append(v.decode("utf-8", "replace") if utf8 else _decode(v))
        text = "\n".join(t.strip() for t in texts if t.strip())
        if text:
            out.append(Chunk(text[:MAX_METADATA_CHARS], f"metadata:iptc:{IPTC_FIELDS[dataset]}"))
    return out
