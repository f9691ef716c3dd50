"""HTML pages: the text a reader sees, plus what the page source hands to anyone who looks.

Parsed with the standard library's :mod:`html.parser` (tolerant of broken
markup, no dependency).  Chunks and their parts:

=====================  =========================================================
``body``               visible text as a browser lays it out: whitespace runs
                       collapsed, block elements (``p``, ``div``, ``td``,
                       ``li``, ``br`` ...) on lines of their own so that words of
                       different elements never glue together, ``pre`` kept
                       as is; the ``title`` first
``comment``            ``<!-- comments -->``: left-over notes leak
``field:NAME``         values of form fields (hidden inputs included), with
                       the field's name as context
``attribute:NAME``     ``alt``, ``title``, ``placeholder``, ``aria-label``,
                       ``data-*`` values, ``value`` of other elements
``link``               addresses behind ``mailto:``/``tel:`` links and WhatsApp chat links, and a
                       credential in a link's query (``access_token=...``)
``metadata:NAME``      ``<meta name=... content=...>`` (author, description ...)
``data``               JSON data blocks (``<script type="application/ld+json">``)
``member:data-uri N``  the Nth picture (or PDF) pasted into the page as a
                       base64 ``data:`` URI, read as an embedded picture is
                       (OCR: ``member:data-uri N:ocr:image``; see
                       :func:`data_uris`)
=====================  =========================================================

Script and style code is never read: it is code, not content.
"""
from __future__ import annotations

import base64
import binascii
import re
from html.parser import HTMLParser

from dlp.extract.text import decode
from dlp.models import Chunk, Extraction, ScanError

MEDIA_TYPE = "text/html"

# Elements whose content is not text for the reader.
SKIP = {"script", "style", "template", "svg:style", "noembed", "object", "applet"}
# Elements that start a new line when rendered.
BLOCK = {
    "address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd", "details", "dialog",
    "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "frameset", "h1", "h2",
    "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav",
    "noscript", "ol", "optgroup", "option", "p", "pre", "section", "select", "summary", "table", "tbody",
    "td", "textarea", "tfoot", "th", "thead", "title", "tr", "ul", "iframe",
}
# Table cells are separated by a tab, not a line, so a row reads as a row.
CELL = {"td", "th"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track",
        "wbr", "keygen"}
TEXT_ATTRIBUTES = ("alt", "title", "placeholder", "aria-label", "aria-description", "label", "summary",
                   "abbr", "content")
DATA_SCRIPT_TYPES = ("application/ld+json", "application/json")
_WS = re.compile(r"[ \t\r\n\f\u00a0]+")
# Where a table cell starts: made a tab once the line's blanks are folded, so a row reads as a
# tab-separated row ("Klasifikasi<TAB>Terbatas", "Siti<TAB>0813..."), as a spreadsheet's does, and a
# number's column header can be found.  (A tab in the page's source is only layout: folded as any blank.)
_CELL_MARK = "\x1f"
_CELL_GAP = re.compile(r" ?\x1f[ \x1f]*")
# A link's query parameter that carries a credential (a plain "key=" is left out: a Maps or Firebase
# browser key is public by design).
_CREDENTIAL_PARAM = re.compile(r"(?i)[?&;](?:access_?token|api_?token|auth_?token|id_?token|token|api_?key|apikey|"
                               r"secret|client_?secret|password|passwd|pwd|pass)=[^&#\s\"'<>]{6,}")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []     # finished lines of visible text
        self.line: list[str] = []      # pieces of the current line
        self.title: list[str] = []
        self.chunks: list[Chunk] = []
        self.skip = 0                  # depth inside script/style
        self.pre = 0
        self.in_title = False
        self.data_script = False
        self.data_buf: list[str] = []
        self.seen: set[tuple[str, str]] = set()
        self.select = ""               # the name of the <select> the parser is in
        self.option: tuple | None = None  # an <option>'s (value, part, context) until its text is read
        self.option_text: list[str] = []

    # -- visible text ----------------------------------------------------------------
    def _break(self):
        text = "".join(self.line)
        if not self.pre:
            text = _WS.sub(" ", text).strip(" " + _CELL_MARK)
        if _CELL_MARK in text:
            text = _CELL_GAP.sub("\t", text)
        if text.strip():
            self.lines.append(text)
        self.line = []

    def handle_starttag(self, tag, attrs):
        tag = tag.lower()
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag in ("option", "select", "optgroup"):
            self._option_done()
            if tag == "select":
                self.select = a.get("name") or a.get("id") or ""
        self._attributes(tag, a)
        if tag == "script":
            self.skip += 1
            if a.get("type", "").lower().split(";")[0].strip() in DATA_SCRIPT_TYPES:
                self.data_script = True
                self.data_buf = []
            return
        if tag in SKIP:
            self.skip += 1
            return
        if tag == "title":
            self.in_title = True
            return
        if tag == "pre":
            self._break()
            self.pre += 1
        elif tag in CELL:
            self.line.append(_CELL_MARK)
        elif tag in BLOCK:
            self._break()

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag.lower() not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        tag = tag.lower()
        if tag in ("option", "select", "optgroup"):
            self._option_done()
            if tag == "select":
                self.select = ""
        if tag == "script":
            if self.skip:
                self.skip -= 1
            if self.data_script:
                text = "".join(self.data_buf).strip()
                if text:
                    self.chunks.append(Chunk(text, "data"))
                self.data_script = False
            return
        if tag in SKIP:
            if self.skip:
                self.skip -= 1
            return
        if tag == "title":
            self.in_title = False
            return
        if tag == "pre":
            self._break()
            self.pre = max(0, self.pre - 1)
        elif tag in BLOCK and tag not in CELL:
            self._break()

    def handle_data(self, data):
        if self.skip:
            if self.data_script:
                self.data_buf.append(data)
            return
        if self.in_title:
            self.title.append(data)
            return
        if self.option is not None:
            self.option_text.append(data)
        self.line.append(data)

    def handle_comment(self, data):
        text = data.strip()
        # Conditional comments (<!--[if IE]>...) hold markup, not notes.
        if text and not text.startswith("[if") and not text.startswith("<!"):
            self._add(text, "comment")

    # -- hidden text in attributes ------------------------------------------------------
    def _attributes(self, tag: str, a: dict[str, str]) -> None:
        if not a:
            return
        if tag == "meta":
            content = a.get("content", "").strip()
            key = (a.get("name") or a.get("property") or a.get("itemprop") or a.get("http-equiv") or "").strip()
            if content and key.lower() not in ("viewport", "content-type", "x-ua-compatible", "charset",
                                               "refresh", "theme-color", "color-scheme", "referrer", "robots"):
                self._add(content, f"metadata:{key.lower() or 'meta'}", key)
            return
        if tag in ("input", "select", "button", "option", "param", "output", "data"):
            value = a.get("value", "").strip()
            kind = a.get("type", "").lower()
            if value and kind not in ("submit", "reset", "button", "image", "color", "range"):
                name = a.get("name") or a.get("id") or ""
                label = " ".join(x for x in (name, a.get("placeholder", ""), a.get("aria-label", "")) if x)
                if tag == "option":
                    # An option's value is named by its text ("<option value=...>KK pemohon</option>")
                    # and its list's name: added when the text has been read.
                    name = name or self.select
                    self.option = (value, f"field:{name}" if name else "field", " ".join(x for x in (
                        a.get("label", ""), name if name != label else "", label) if x))
                    self.option_text = []
                else:
                    self._add(value, f"field:{name}" if name else "field", label)
        for key, value in a.items():
            value = value.strip()
            if not value:
                continue
            if key in TEXT_ATTRIBUTES and tag != "meta":
                self._add(value, f"attribute:{key}")
            elif key.startswith("data-") and not _looks_like_code(value):
                self._add(value, f"attribute:{key}", key[5:].replace("-", " "))
            elif key in ("href", "src", "action", "formaction", "cite"):
                if value[:4].lower() in ("mail", "tel:", "sms:", "call") or "wa.me/" in value or "whatsapp" in value:
                    from dlp.extract.ooxml import link_text

                    t = link_text(value)
                    if t:
                        self._add(t, "link")
                elif "=" in value and not value.startswith("data:"):
                    # a credential in a link's query ("...?access_token=02c3..."): anyone with the page has it
                    for q in _CREDENTIAL_PARAM.finditer(value):
                        self._add(q.group().lstrip("?&;"), "link")

    def _option_done(self) -> None:
        """Add the pending option's value, with its text before its list's name as context."""
        if self.option is None:
            return
        value, part, names = self.option
        text = _WS.sub(" ", "".join(self.option_text)).strip()[:80]
        self.option, self.option_text = None, []
        self._add(value, part, " ".join(x for x in (text, names) if x))

    def _add(self, text: str, part: str, context: str = "") -> None:
        key = (part, text)
        if key in self.seen:
            return
        self.seen.add(key)
        self.chunks.append(Chunk(text, part, context))

    def result(self) -> list[Chunk]:
        self._option_done()
        self._break()
        body_lines = []
        title = _WS.sub(" ", "".join(self.title)).strip()
        if title:
            body_lines.append(title)
        body_lines.extend(self.lines)
        body = "\n".join(body_lines)
        out = [Chunk(body, "body")] if body.strip() else []
        return out + self.chunks


def _looks_like_code(value: str) -> bool:
    """Attribute values that are configuration, not text (``{"a":1}``, class lists, URLs)."""
    return value.startswith(("{", "[", "http://", "https://", "/", "#")) or len(value) > 2000


def declared_charset(data: bytes) -> str | None:
    m = _CHARSET.search(data[:4096])
    if not m:
        return None
    import codecs

    try:
        return codecs.lookup(m.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def html_text(text: str) -> list[Chunk]:
    """Chunks of an HTML document given as text."""
    parser = _Parser()
    parser.feed(text)
    parser.close()
    return parser.result()


def extract(data: bytes, ctx) -> Extraction:
    text = None
    charset = declared_charset(data)
    if charset and charset not in ("utf-8", "utf-16", "utf-16-le", "utf-16-be"):
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode(charset, errors="replace")
    if text is None:
        text = decode(data)
    out = Extraction(MEDIA_TYPE, html_text(text))
    data_uris(text, ctx, out)
    return out


# -- pictures pasted into the page ------------------------------------------------------------
# A data: URI whose base64 payload is a picture or a PDF (RFC 2397).  The payload may be wrapped
# over lines (base64 tools wrap at 76 characters) when it stands in a quoted attribute or
# parentheses (possessive quantifiers: an unterminated payload fails at once, not by backtracking,
# and only its first line is read), JSON-escaped (``image\/png``, ``\/``) or percent-encoded (``%2B``).
_B64 = r"[A-Za-z0-9+/=%\\]"
_DATA_URI = re.compile(
    r"data:(?P<type>image\\?/(?:png|jpe?g|pjpeg|gif|webp|bmp|x-ms-bmp|x-bmp|tiff?)|application\\?/pdf)"
    r"(?:;[^;,\s\"'<>()]*)*?;base64,"
    rf"(?:(?P<wrapped>\s*+{_B64}++(?:[ \t]*\r?\n[ \t]*{_B64}++)*+\s*+)(?=[\"')>\]]|\Z)|(?P<b64>{_B64}*))",
    re.IGNORECASE)
_HAS_BASE64 = re.compile(r";base64,", re.IGNORECASE)
_BLANKS = re.compile(r"\s+")
# A payload shorter than this (in base64 characters: 48 bytes) is no picture of text - the smallest
# PNG is 67 bytes, a 1x1 spacer GIF 35 - but an example in prose (``base64,iVBOR...``): not read.
MIN_PAYLOAD = 64


def data_uris(text: str, ctx, out: Extraction) -> None:
    """Read the pictures (and PDFs) pasted into ``text`` as base64 ``data:`` URIs into ``out``.

    CMS editors (TinyMCE, CKEditor, WordPress) and Markdown editors store a pasted screenshot
    inline: ``<img src="data:image/png;base64,iVBOR...">``, ``![caption](data:image/jpeg;base64,
    /9j/...)``, a CSS ``url(data:...)``.  A screenshot of a beneficiary list pasted into a web
    draft leaks its NIKs as surely as the same list typed in.

    The Nth such URI is the member ``data-uri N``: a picture goes the way of a picture embedded
    in a DOCX (:func:`dlp.extract.ooxml.ocr_picture`: OCR and metadata, icons and spacers too
    small to hold a word skipped, at most ``ocr_pages`` pictures, chunk parts
    ``member:data-uri N:ocr:image``), a PDF through :func:`dlp.extract.extract_bytes`.

    Fail closed: a payload that is no valid base64, a picture that does not open, a payload that
    is not what its type says, no OCR engine, or the caps (``max_bytes``, ``max_members``,
    ``max_depth``, the file's deadline) are errors on ``member:data-uri N``, so the file is at
    least ``review``.
    """
    if ctx is None or not _HAS_BASE64.search(text):
        return
    from dlp.extract import extract_bytes, nest, sniff
    from dlp.extract.ooxml import _PICTURE_TYPES, ocr_picture

    lim = ctx.limits
    n = pictures = 0
    for m in _DATA_URI.finditer(text):
        payload = _BLANKS.sub("", m.group("wrapped") or m.group("b64") or "")
        if len(payload) < MIN_PAYLOAD:
            continue
        n += 1
        member = f"data-uri {n}"
        if n > lim.max_members:
            out.errors.append(ScanError("limit", f"more than {lim.max_members} data: URIs", f"member:{member}"))
            return
        if ctx.expired():
            out.errors.append(ScanError("timeout", "data: URIs not read", f"member:{member}"))
            return
        if ctx.depth + 1 > lim.max_depth:
            out.errors.append(ScanError("limit", f"nesting deeper than {lim.max_depth}", f"member:{member}"))
            return
        declared = m.group("type").lower().replace("\\", "")
        if len(payload) // 4 * 3 > lim.max_bytes:
            out.errors.append(ScanError("too_big", f"{declared}: {len(payload) // 4 * 3} > {lim.max_bytes} bytes",
                                        f"member:{member}"))
            continue
        data = _b64decode(payload)
        if data is None:
            out.errors.append(ScanError("corrupt", f"{declared}: payload is not valid base64", f"member:{member}"))
            continue
        sniffed = sniff(data)
        if sniffed in _PICTURE_TYPES:
            pictures = ocr_picture(data, ctx, out, member, pictures)
            if pictures is None:  # past ocr_pages: the error is added
                return
        elif declared == "application/pdf" or sniffed == "application/pdf":
            nest(out, extract_bytes(data, ctx.child()), member)
        else:
            out.errors.append(ScanError("corrupt", f"declared {declared}, holds {sniffed}", f"member:{member}"))


def _b64decode(payload: str) -> bytes | None:
    """The bytes of a data: URI's base64 ``payload`` (blanks removed), or None if it is not base64.
    Missing padding is allowed, as browsers allow it (WHATWG forgiving-base64)."""
    if "\\" in payload:
        payload = payload.replace("\\/", "/").replace("\\n", "").replace("\\r", "")  # JSON escapes
    if "%" in payload:
        from urllib.parse import unquote

        payload = unquote(payload)
    payload = payload.rstrip("=")
    if len(payload) % 4 == 1:
        return None
    try:
        return base64.b64decode(payload + "=" * (-len(payload) % 4), validate=True)
    except (binascii.Error, ValueError):
        return None
