"""E-mail messages (.eml, RFC 5322 / MIME): headers, every body part, every attachment.

Parsed with the standard library (:mod:`email`, ``policy.default``), which
undoes transfer encodings (quoted-printable soft line breaks, base64) and
RFC 2047 encoded words, and decodes each part's charset.  Chunks and parts:

=======================  ======================================================
``header:NAME``          each addressing or descriptive header on its own
                         (``header:from``, ``header:to``, ``header:subject``,
                         ``header:date`` ...), so a recognizer knows an
                         address came from ``From``; routing and signature
                         headers (Received, DKIM, ARC, Content-*) and message
                         identifiers (Message-ID, References) are left out:
                         they name machines, not people, and ``<id@host>``
                         would read as an e-mail address
``body``                 text/plain parts
``html``, ``html:...``   text/html parts through :mod:`dlp.extract.html`
                         (``html:comment``, ``html:field:NAME`` ...)
``member:NAME...``       attachments and inline files through
                         :func:`dlp.extract.extract_bytes`, recursively
                         (a forwarded message is a member too)
=======================  ======================================================
"""
from __future__ import annotations

import email
import re
from email import policy
from email.message import EmailMessage

from dlp.models import Chunk, Extraction, ScanError

MEDIA_TYPE = "message/rfc822"

# Headers that only route, sign or describe the encoding: not content.
SKIP_HEADERS = {
    "received", "dkim-signature", "domainkey-signature", "authentication-results", "received-spf",
    "arc-seal", "arc-message-signature", "arc-authentication-results", "mime-version", "content-type",
    "content-transfer-encoding", "content-disposition", "content-id", "content-description",
    "content-language", "content-class", "x-received", "x-google-smtp-source", "x-gm-message-state",
    "x-google-dkim-signature", "x-mailer", "user-agent", "x-mimeole", "x-priority", "x-msmail-priority",
    "importance", "priority", "precedence", "thread-index", "x-ms-has-attach", "x-ms-tnef-correlator",
    "x-originating-ip", "x-spam-status", "x-spam-score", "x-spam-flag", "x-virus-scanned", "list-unsubscribe",
    "list-unsubscribe-post", "feedback-id", "x-feedback-id", "x-mailgun-sid", "x-ses-outgoing",
    "autocrypt", "openpgp", "x-forefront-antispam-report", "x-microsoft-antispam",
    "x-microsoft-antispam-message-info", "x-auto-response-suppress", "accept-language",
}
SKIP_PREFIXES = ("x-ms-", "x-microsoft-", "x-exchange-", "x-google-", "x-gm-", "x-spam", "x-virus", "arc-",
                 "x-forefront-", "x-mimecast-", "x-proofpoint-", "x-originatororg", "x-eopattributedmessage",
                 "x-incomingtopheaderspresent", "x-incomingheadercount", "x-ironport-", "x-sender-ip")
# Message identifiers: <random@host> reads as an address; kept out.
ID_HEADERS = {"message-id", "in-reply-to", "references", "resent-message-id", "x-ms-exchange-organization-network-message-id"}


def extract(data: bytes, ctx) -> Extraction:
    out = Extraction(MEDIA_TYPE)
    msg = email.message_from_bytes(data, policy=policy.default)
    if not msg.keys() and not msg.get_payload():
        out.errors.append(ScanError("corrupt", "no message headers"))
        return out
    _message(msg, ctx, out, counter=[0])
    return out


# Defects that mean the message was cut off or its encoding broken: not fully read.
TRUNCATION_DEFECTS = {"CloseBoundaryNotFoundDefect", "StartBoundaryNotFoundDefect",
                      "InvalidBase64PaddingDefect", "InvalidBase64LengthDefect"}


def _message(msg: EmailMessage, ctx, out: Extraction, counter: list[int]) -> None:
    _headers(msg, out)
    for part in _leaves(msg):
        if ctx.expired():
            out.errors.append(ScanError("timeout", "message parts"))
            return
        _part(part, ctx, out, counter)
    # Decoding a part records its defects on it: look once all parts are read.
    broken = sorted({type(d).__name__ for p in [msg, *msg.walk()] for d in getattr(p, "defects", ())
                     if type(d).__name__ in TRUNCATION_DEFECTS})
    if broken:
        out.errors.append(ScanError("corrupt", "message cut off or badly encoded: " + ", ".join(broken)))


def _headers(msg: EmailMessage, out: Extraction) -> None:
    seen = set()
    for name, value in _safe_items(msg):
        key = name.lower()
        if key in SKIP_HEADERS or key in ID_HEADERS or key.startswith(SKIP_PREFIXES):
            continue
        text = str(value).strip()
        if not text or (key, text) in seen:
            continue
        seen.add((key, text))
        out.chunks.append(Chunk(text, f"header:{key}", name))


def _safe_items(msg):
    """Header (name, value) pairs; a header the parser cannot decode is kept raw."""
    for name in dict.fromkeys(msg.keys()):  # keys() repeats a name once per occurrence
        try:
            values = msg.get_all(name) or []
        except Exception:
            values = []
        for v in values:
            try:
                yield name, str(v)
            except Exception:
                yield name, getattr(v, "_raw", "") or ""


def _leaves(msg: EmailMessage):
    """The non-multipart parts of ``msg``, attached messages not descended into."""
    if msg.is_multipart() and msg.get_content_maintype() == "multipart":
        for sub in msg.iter_parts() if hasattr(msg, "iter_parts") else msg.get_payload():
            yield from _leaves(sub)
    else:
        yield msg


# The quote marks a reply puts before each line of the message it quotes ("> ", "> > ", ">>"): read
# without them, so a number the quoted message wrapped ("NIK 3273" / "> 055403870123") is whole again.
_QUOTE_MARKS = re.compile(r"^(?:[ \t]*>)+[ \t]?", re.MULTILINE)


def _part(part: EmailMessage, ctx, out: Extraction, counter: list[int]) -> None:
    ctype = part.get_content_type()
    filename = _filename(part)
    disposition = (part.get_content_disposition() or "").lower()
    attachment = bool(filename) or disposition == "attachment"

    if ctype == "message/rfc822" or (ctype.startswith("message/") and part.is_multipart()):
        counter[0] += 1
        name = filename or f"message-{counter[0]}.eml"
        inner = part.get_payload()
        inner = inner[0] if isinstance(inner, list) and inner else inner
        try:
            raw = inner.as_bytes(policy=policy.default) if hasattr(inner, "as_bytes") else bytes(inner)
        except Exception as exc:
            out.errors.append(ScanError("corrupt", f"attached message: {exc}"[:300], f"member:{name}"))
            return
        _nested(raw, name, ctx, out)
        return

    if not attachment and ctype in ("text/plain", "text/html", "text/enriched", "text/markdown"):
        text = _text(part, out)
        if text is None:
            return
        text = text.replace("\r\n", "\n")
        if ctype == "text/html":
            from dlp.extract.html import data_uris, html_text

            for c in html_text(text):
                out.chunks.append(Chunk(c.text, "html" if c.part == "body" else f"html:{c.part}", c.context))
            pasted = Extraction("")  # pictures pasted into the body as data: URIs
            data_uris(text, ctx, pasted)
            out.chunks.extend(Chunk(c.text, f"html:{c.part}", c.context) for c in pasted.chunks)
            out.errors.extend(ScanError(e.code, e.detail, f"html:{e.part}") for e in pasted.errors)
        elif text.strip():
            if ">" in text:
                text = _QUOTE_MARKS.sub("", text)
            out.chunks.append(Chunk(text, "body"))
        return

    try:
        payload = part.get_payload(decode=True)
    except Exception as exc:
        payload = None
        out.errors.append(ScanError("corrupt", f"{ctype}: {exc}"[:300], f"member:{filename or ctype}"))
    if payload is None:
        return
    counter[0] += 1
    name = filename or f"part-{counter[0]}{_extension(ctype)}"
    if not payload:
        return
    _nested(payload, name, ctx, out)


def _nested(data: bytes, name: str, ctx, out: Extraction) -> None:
    from dlp.extract import extract_bytes, nest

    lim = ctx.limits
    if ctx.depth + 1 > lim.max_depth:
        out.errors.append(ScanError("limit", f"nesting deeper than {lim.max_depth}", f"member:{name}"))
        return
    nest(out, extract_bytes(data, ctx.child()), name)


def _text(part: EmailMessage, out: Extraction) -> str | None:
    """A text part's content, decoded; our own charset guess when none is declared or it fails."""
    if part.get_param("charset") is not None:
        try:
            return part.get_content()
        except (LookupError, UnicodeError, AssertionError, ValueError, KeyError):
            pass
    try:
        raw = part.get_payload(decode=True) or b""
    except Exception as exc:
        out.errors.append(ScanError("corrupt", f"{part.get_content_type()}: {exc}"[:300], "body"))
        return None
    from dlp.extract.text import decode

    return decode(raw)


def _filename(part: EmailMessage) -> str:
    try:
        name = part.get_filename() or ""
    except Exception:
        name = ""
    name = re.sub(r"[\r\n\t]+", " ", name).strip()
    return name


_EXT = {"application/pdf": ".pdf", "text/plain": ".txt", "text/html": ".html", "image/png": ".png",
        "image/jpeg": ".jpg", "application/zip": ".zip", "text/csv": ".csv"}


def _extension(ctype: str) -> str:
    return _EXT.get(ctype, "")
