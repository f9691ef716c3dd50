"""PDF: every page's text, and the annotations, form fields, metadata and attachments around it.

Page text comes from PDFium (pypdfium2: about a hundred times faster than
pdfplumber); line breaks are kept as laid out - the recognizers handle a
number broken across a line.  The rest comes from qpdf (pikepdf), which gives
plain access to the object tree.  Chunks and their parts:

=========================  ===================================================
``page N``                 the text layer of page N
``ocr:page N``             pages with no usable text layer (a scan), read by
                           OCR through :func:`dlp.extract.image.ocr_pdf_pages`
``page N:annotation``      comments, sticky notes, free text, stamps, unapplied
                           redactions' overlay text; ``...:author`` who wrote them
``page N:link``            addresses behind ``mailto:``/``tel:`` links
``field:NAME``             filled-in AcroForm values, the field's name and
                           tooltip as context; ``form data`` for XFA forms
``outline``                bookmark titles
``metadata:NAME``          the document information dictionary (``author``,
                           ``title``, ``subject``, ``keywords``, ``creator``,
                           ``producer``) and XMP metadata that differs from it
                           (``metadata:xmp:NAME``)
``member:NAME...``         embedded files and file-attachment annotations,
                           recursively through :func:`dlp.extract.extract_bytes`
=========================  ===================================================

Fail closed: a PDF that needs a password (the empty user password is tried)
is ``encrypted``; one that PDFium cannot open, whose pages fail to load, or
that is cut off (no ``%%EOF`` at its end - a download or a copy that stopped
half-way) is ``corrupt``, even when part of its text could be read.
"""
from __future__ import annotations

import io
import re

from dlp.models import Chunk, Extraction, ScanError

MEDIA_TYPE = "application/pdf"
# A page with fewer visible characters than this has no usable text layer.
MIN_PAGE_CHARS = 10
# Bytes allowed after the last %%EOF (line ends, padding some writers append).
EOF_SLACK = 1024
INFO_KEYS = ("Author", "Title", "Subject", "Keywords", "Creator", "Producer")
# XMP properties that carry identifiers, dates or formats, not text.
XMP_SKIP = {"DocumentID", "InstanceID", "OriginalDocumentID", "VersionID", "CreateDate", "ModifyDate",
            "MetadataDate", "format", "Trapped", "PDFVersion", "RenditionClass", "part", "conformance",
            "about", "lang"}
# XMP namespaces of bookkeeping (media management, resource events and references).
XMP_SKIP_NS = ("http://ns.adobe.com/xap/1.0/mm/", "http://ns.adobe.com/xap/1.0/sType/",
               "http://www.aiim.org/pdfa/ns/", "http://www.w3.org/XML/1998/namespace")
_RDF_CONTAINERS = {"li", "Seq", "Bag", "Alt"}
_NON_SPACE = re.compile(r"\S")


def extract(data: bytes, ctx) -> Extraction:
    import pypdfium2 as pdfium

    out = Extraction(MEDIA_TYPE)
    _check_end(data, out)
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code in (pdfium.raw.FPDF_ERR_PASSWORD, pdfium.raw.FPDF_ERR_SECURITY):
            out.errors = [ScanError("encrypted", "a password is required to open the PDF")]
            return out
        if not any(e.code == "corrupt" for e in out.errors):
            out.errors.append(ScanError("corrupt", str(exc)[:300]))
        # qpdf rebuilds a cut-off file's cross-reference table from its objects: the pages written
        # before the cut are read, the file stays reported corrupt (at least review)
        repaired = _repaired(data)
        if repaired is None:
            return out
        try:
            doc = pdfium.PdfDocument(repaired)
        except pdfium.PdfiumError:
            return out
        data = repaired
    try:
        scanned = _pages(doc, ctx, out)
        _info(doc, out)
    finally:
        doc.close()
    _objects(data, ctx, out)
    if scanned:
        _ocr(data, scanned, ctx, out)
    return out


def _repaired(data: bytes) -> bytes | None:
    """``data`` as qpdf (pikepdf) rebuilds and writes it, or None when it cannot."""
    try:
        import pikepdf

        with pikepdf.open(io.BytesIO(data), password="") as pdf:
            buf = io.BytesIO()
            pdf.save(buf)
            return buf.getvalue()
    except Exception:  # anything qpdf cannot make whole: the file is reported corrupt as it is
        return None


def _check_end(data: bytes, out: Extraction) -> None:
    """A PDF ends with ``%%EOF``; one that does not was cut off."""
    end = data.rfind(b"%%EOF", max(0, len(data) - 64 * 1024))
    if end < 0 or len(data[end + 5:].strip(b"\r\n\t \x00")) > EOF_SLACK:
        out.errors.append(ScanError("corrupt", "truncated: no %%EOF at the end of the file"))


def _pages(doc, ctx, out: Extraction) -> list[int]:
    """Add each page's text; return the 1-based numbers of pages without a text layer."""
    n = len(doc)
    if n == 0:
        out.errors.append(ScanError("corrupt", "the PDF has no pages"))
        return []
    limit = ctx.limits.max_pages
    scanned: list[int] = []
    for i in range(min(n, limit)):
        number = i + 1
        if ctx.expired():
            out.errors.append(ScanError("timeout", f"stopped at page {number} of {n}", f"page {number}"))
            return scanned
        page = textpage = None
        try:
            page = doc[i]
            textpage = page.get_textpage()
            text = textpage.get_text_range()
            # PDFium marks a hyphen it joined at a line end with U+FFFE: put the
            # hyphen and the line break back, as printed.
            text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufffe", "-\n").replace("\x00", "")
            stripped = text.strip()
            if len(stripped) < 200 and len(_NON_SPACE.findall(stripped)) < MIN_PAGE_CHARS and _drawn(page):
                scanned.append(number)  # pictured but not written: a scan, or text turned into curves
        except Exception as exc:  # PdfiumError, or a page tree pointing nowhere
            out.errors.append(ScanError("corrupt", f"page {number}: {exc}"[:300], f"page {number}"))
            continue
        finally:
            if textpage is not None:
                textpage.close()
            if page is not None:
                page.close()
        if text.strip():
            out.chunks.append(Chunk(text, f"page {number}"))
    if n > limit:
        out.errors.append(ScanError("limit", f"{n} pages, only the first {limit} read", f"page {limit + 1}"))
    return scanned


# Path objects above which a page without text is taken for text drawn as curves.
MANY_PATHS = 50


def _drawn(page) -> bool:
    """Whether a page without a text layer shows something OCR could read: a picture or many curves."""
    import pypdfium2.raw as raw

    paths = 0
    for obj in page.get_objects(max_depth=3):
        if obj.type == raw.FPDF_PAGEOBJ_IMAGE:
            return True
        if obj.type == raw.FPDF_PAGEOBJ_PATH:
            paths += 1
            if paths >= MANY_PATHS:
                return True
    return False


def _info(doc, out: Extraction) -> None:
    """The document information dictionary: Author, Title, Subject, Keywords, Creator, Producer."""
    try:
        meta = doc.get_metadata_dict(skip_empty=True)
    except Exception:
        return
    for key in INFO_KEYS:
        value = (meta.get(key) or "").strip().strip("\x00")
        if value:
            out.chunks.append(Chunk(value, f"metadata:{key.lower()}", key.lower()))


# -- the object tree (pikepdf) ---------------------------------------------------------
def _objects(data: bytes, ctx, out: Extraction) -> None:
    """Annotations, form fields, XMP, outline and embedded files."""
    try:
        import pikepdf
    except ImportError:
        out.errors.append(ScanError("unsupported", "pikepdf not installed: annotations and forms not read"))
        return
    try:
        pdf = pikepdf.open(io.BytesIO(data), password="")
    except pikepdf.PasswordError:
        out.errors.append(ScanError("encrypted", "annotations and form fields could not be decrypted"))
        return
    except Exception as exc:
        if not any(e.code == "corrupt" for e in out.errors):
            out.errors.append(ScanError("corrupt", f"object tree: {type(exc).__name__}: {exc}"[:300]))
        return
    try:
        known = {c.text for c in out.chunks if c.part.startswith("metadata:")}
        for step in (_annotations, _fields, _xmp, _outline, _attachments):
            if ctx.expired():
                out.errors.append(ScanError("timeout", f"stopped before {step.__name__.strip('_')}"))
                break
            try:
                if step is _xmp:
                    step(pdf, out, known)
                else:
                    step(pdf, ctx, out)
            except Exception as exc:  # one broken structure must not hide the others
                out.errors.append(ScanError("corrupt", f"{step.__name__.strip('_')}: {type(exc).__name__}: {exc}"[:300]))
    finally:
        pdf.close()


def _s(obj) -> str:
    """A PDF string or name as text."""
    if obj is None:
        return ""
    try:
        import pikepdf

        if isinstance(obj, pikepdf.Name):
            return str(obj)[1:]
        if isinstance(obj, pikepdf.Array):
            return "\n".join(_s(x) for x in obj)
        if isinstance(obj, pikepdf.Stream):
            return obj.read_bytes().decode("utf-8", errors="replace")
    except Exception:
        return ""
    return str(obj).strip()


def _annotations(pdf, ctx, out: Extraction) -> None:
    import pikepdf

    from dlp.extract.ooxml import link_text

    limit = ctx.limits.max_pages
    for i, page in enumerate(pdf.pages):
        if i >= limit:
            break
        annots = page.obj.get("/Annots")
        if not isinstance(annots, pikepdf.Array):
            continue
        where = f"page {i + 1}"
        texts, authors = [], []
        for a in annots:
            if not isinstance(a, pikepdf.Dictionary):
                continue
            subtype = _s(a.get("/Subtype"))
            if subtype in ("Popup", "Widget"):  # a popup repeats its parent; widgets are form fields
                continue
            if subtype == "Link":
                action = a.get("/A")
                if isinstance(action, pikepdf.Dictionary):
                    t = link_text(_s(action.get("/URI")))
                    if t:
                        out.chunks.append(Chunk(t, f"{where}:link"))
                continue
            for key in ("/Contents", "/OverlayText", "/Subj"):
                t = _s(a.get(key))
                if t and (key != "/Subj" or t.lower() not in _GENERIC_SUBJECTS):
                    texts.append(t)
            author = _s(a.get("/T"))
            if author:
                authors.append(author)
            if subtype == "FileAttachment":
                fs = a.get("/FS")
                if isinstance(fs, pikepdf.Dictionary):
                    _embedded_file(fs, ctx, out)
        if texts:
            out.chunks.append(Chunk("\n".join(dict.fromkeys(texts)), f"{where}:annotation"))
        if authors:
            out.chunks.append(Chunk("\n".join(dict.fromkeys(authors)), f"{where}:annotation:author"))


_GENERIC_SUBJECTS = {"comment", "note", "sticky note", "highlight", "underline", "strikeout", "strikethrough",
                     "squiggly", "text box", "typewriter", "callout", "stamp", "approved", "draft", "ink",
                     "pencil", "rectangle", "oval", "line", "arrow", "polygon", "file attachment", "redact",
                     "replace text", "inserted text", "cross-out", "text correction"}


def _fields(pdf, ctx, out: Extraction) -> None:
    """Filled-in AcroForm values (and XFA data), each with its field name as context."""
    import pikepdf

    form = pdf.Root.get("/AcroForm")
    if not isinstance(form, pikepdf.Dictionary):
        return
    fields = form.get("/Fields")
    stack = [(f, "") for f in (fields if isinstance(fields, pikepdf.Array) else [])]
    seen = set()
    count = 0
    while stack:
        field, parent = stack.pop(0)
        if not isinstance(field, pikepdf.Dictionary):
            continue
        try:
            key = field.objgen
        except Exception:
            key = None
        if key and key != (0, 0):
            if key in seen:
                continue
            seen.add(key)
        count += 1
        if count > ctx.limits.max_cells:
            out.errors.append(ScanError("limit", f"more than {ctx.limits.max_cells} form fields", "field"))
            return
        name = _s(field.get("/T"))
        full = f"{parent}.{name}" if parent and name else (name or parent)
        value = field.get("/V")
        if value is not None:
            text = _s(value)
            kind = _s(field.get("/FT"))
            if text and not (kind == "Btn" and text in ("Off", "Yes", "On", "1", "0")):
                label = " ".join(x for x in (full, _s(field.get("/TU"))) if x)
                out.chunks.append(Chunk(text, f"field:{full}" if full else "field", label))
        kids = field.get("/Kids")
        if isinstance(kids, pikepdf.Array):
            stack.extend((k, full) for k in kids)
    xfa = form.get("/XFA")
    if isinstance(xfa, pikepdf.Array):
        items = list(xfa)
        for j in range(0, len(items) - 1, 2):
            if _s(items[j]) == "datasets" and isinstance(items[j + 1], pikepdf.Stream):
                _xml_text(items[j + 1].read_bytes(), "form data", out)


def _xml_text(raw: bytes, part: str, out: Extraction) -> None:
    from dlp.extract.ooxml import local, parse_xml

    try:
        root = parse_xml(raw)
    except Exception:
        return
    for el in root.iter():
        if el.text and el.text.strip() and not len(el):
            out.chunks.append(Chunk(el.text.strip(), part, local(el.tag)))


def _xmp(pdf, out: Extraction, known: set[str]) -> None:
    """XMP properties whose values are not already in the information dictionary."""
    import pikepdf

    meta = pdf.Root.get("/Metadata")
    if not isinstance(meta, pikepdf.Stream):
        return
    from dlp.extract.ooxml import local, parse_xml

    try:
        root = parse_xml(meta.read_bytes())
    except Exception:
        return  # unparsable XMP is common and holds nothing the Info dictionary lacks
    seen = set(known)

    def add(tag: str, value: str) -> None:
        value = value.strip()
        name = local(tag)
        if not value or value in seen or name in XMP_SKIP or tag.startswith(tuple("{" + ns for ns in XMP_SKIP_NS)):
            return
        seen.add(value)
        out.chunks.append(Chunk(value, f"metadata:xmp:{name}", name))

    skip_ns = tuple("{" + ns for ns in XMP_SKIP_NS)
    # Walk with the nearest enclosing property: an rdf:li's value belongs to
    # the dc:creator (or dc:title ...) around its rdf:Seq.
    stack = [(root, None)]
    while stack:
        el, prop = stack.pop()
        if not isinstance(el.tag, str) or el.tag.startswith(skip_ns):
            continue
        name = local(el.tag)
        if name == "Description":
            for k, v in el.attrib.items():  # compact RDF: simple properties as attributes
                add(k, v)
        elif name not in _RDF_CONTAINERS and name not in ("RDF", "xmpmeta"):
            prop = el
        if len(el):
            stack.extend((child, prop) for child in reversed(list(el)))
        elif el.text and el.text.strip() and prop is not None:
            add(prop.tag, el.text)


def _outline(pdf, ctx, out: Extraction) -> None:
    titles = []
    with pdf.open_outline() as outline:
        stack = list(outline.root)
        while stack and len(titles) < 100_000:
            item = stack.pop(0)
            if item.title:
                titles.append(item.title)
            stack[0:0] = list(item.children)
    if titles:
        out.chunks.append(Chunk("\n".join(titles), "outline"))


def _attachments(pdf, ctx, out: Extraction) -> None:
    for name, spec in pdf.attachments.items():
        if ctx.expired():
            out.errors.append(ScanError("timeout", "embedded files", f"member:{name}"))
            return
        try:
            data = spec.get_file().read_bytes()
        except Exception as exc:
            out.errors.append(ScanError("corrupt", f"{type(exc).__name__}: {exc}"[:300], f"member:{name}"))
            continue
        _nest(data, spec.filename or name, ctx, out)


def _embedded_file(fs, ctx, out: Extraction) -> None:
    """The file of a file-attachment annotation's file specification."""
    import pikepdf

    ef = fs.get("/EF")
    if not isinstance(ef, pikepdf.Dictionary):
        return
    stream = ef.get("/UF") or ef.get("/F")
    if not isinstance(stream, pikepdf.Stream):
        return
    name = _s(fs.get("/UF")) or _s(fs.get("/F")) or "attachment"
    try:
        data = stream.read_bytes()
    except Exception as exc:
        out.errors.append(ScanError("corrupt", f"{type(exc).__name__}: {exc}"[:300], f"member:{name}"))
        return
    _nest(data, name, ctx, out)


def _nest(data: bytes, name: str, ctx, out: Extraction) -> None:
    from dlp.extract import extract_bytes, nest

    lim = ctx.limits
    if ctx.depth + 1 > lim.max_depth:
        out.errors.append(ScanError("limit", f"nesting deeper than {lim.max_depth}", f"member:{name}"))
        return
    if len(data) > lim.max_bytes:
        out.errors.append(ScanError("too_big", f"{len(data)} > {lim.max_bytes} bytes", f"member:{name}"))
        return
    nest(out, extract_bytes(data, ctx.child()), name)


# -- OCR of scanned pages --------------------------------------------------------------
def _ocr(data: bytes, pages: list[int], ctx, out: Extraction) -> None:
    """Read pages without a text layer by OCR; without OCR, say which pages went unread."""
    try:
        from dlp.extract.image import ocr_pdf_pages

        result = ocr_pdf_pages(data, pages, ctx)
    except (ImportError, AttributeError):
        result = None
    except Exception as exc:
        out.errors.extend(ScanError("ocr_unavailable", f"{type(exc).__name__}: {exc}"[:200], f"page {n}")
                          for n in pages)
        return
    if result is None:
        out.errors.extend(ScanError("ocr_unavailable", "", f"page {n}") for n in pages)
        return
    out.chunks.extend(result.chunks)
    out.errors.extend(result.errors)
