"""Outlook messages (.msg, an OLE compound file, [MS-OXMSG]): addresses, subject, body, attachments.

What Outlook saves when a message is dragged out of it, and what gets attached
to another message or put in a shared folder.  Read with olefile, property by
property (``__substg1.0_IIIITTTT`` streams: property id, then type), with the
parts of an ``.eml`` (:mod:`dlp.extract.eml`):

=======================  ======================================================
``header:from``          the sender's name and address
``header:to`` ...        the display lines of To, Cc and Bcc, and each
                         recipient's name and address (``header:recipient``)
``header:subject``       the subject
``body``                 the plain-text body
``html``, ``html:...``   the HTML body through :mod:`dlp.extract.html`
``rtf``, ``rtf:...``     the RTF body (``PR_RTF_COMPRESSED``) through
                         :mod:`dlp.extract.rtf`, when the message has no plain
                         or HTML body
``member:NAME...``       attachments through :func:`dlp.extract.extract_bytes`;
                         an attached message (``.msg`` inside ``.msg``) the same
                         way, from its own storage
=======================  ======================================================

Outlook stores the plain-text body beside the RTF one, and it says the same, so the RTF body is
read only when no plain or HTML body is there (a message written as rich text by another
program): else each finding would be reported twice.  An RTF body that does not decompress is a
``corrupt`` error.  Sources: [MS-OXMSG] 2.1 and 2.2, [MS-OXPROPS], [MS-OXRTFCP] (the
compression).
"""
from __future__ import annotations

import struct
import zlib

from dlp.extract.legacy import opened, read_stream
from dlp.models import Chunk, Extraction, ScanError

MEDIA_TYPE = "application/vnd.ms-outlook"
# property id -> part, for string properties of the message
HEADERS = {0x0037: "header:subject", 0x0E04: "header:to", 0x0E03: "header:cc", 0x0E02: "header:bcc"}
SENDER = (0x0C1A, 0x0042)  # sender name, sent-representing name
SENDER_ADDRESS = (0x5D01, 0x0C1F, 0x0065)  # sender SMTP address, sender address, sent-representing address
BODY, HTML, RTF = 0x1000, 0x1013, 0x1009
RECIPIENT = (0x3001, 0x39FE, 0x3003)  # display name, SMTP address, address
ATTACH_NAME = (0x3707, 0x3704, 0x3001)  # long file name, file name, display name
ATTACH_DATA = 0x3701
CODEPAGE = 0x3FFD


class _Message:
    """The properties of one message (or recipient, or attachment) storage, read on demand."""

    def __init__(self, ole, prefix: str, codepage: str = "cp1252", limit: int = 0):
        self.ole, self.prefix, self.codepage = ole, prefix, codepage
        self.limit = limit  # the file's size: no stream of it is longer (see read_stream)

    def raw(self, prop: int, kind: str) -> bytes | None:
        path = f"{self.prefix}__substg1.0_{prop:04X}{kind}"
        return read_stream(self.ole, path, self.limit) if self.ole.exists(path) else None

    def text(self, prop: int) -> str | None:
        raw = self.raw(prop, "001F")
        if raw is not None:
            value = raw.decode("utf-16-le", errors="replace")
        else:
            raw = self.raw(prop, "001E")
            if raw is None:
                return None
            value = raw.decode(self.codepage, errors="replace")
        value = value.rstrip("\x00").strip()
        return value or None

    def first(self, props) -> str | None:
        return next((v for p in props if (v := self.text(p))), None)

    def storages(self, kind: str) -> list[str]:
        """The sub-storages of this message named ``__KIND_version1.0_#N`` (recipients, attachments)."""
        depth = self.prefix.count("/")
        found = {"/".join(e[:depth + 1]) + "/" for e in self.ole.listdir(streams=True, storages=True)
                 if len(e) > depth and "/".join(e[:depth]) + ("/" if depth else "") == self.prefix
                 and e[depth].startswith(f"__{kind}_version1.0_#")}
        return sorted(found)


def extract(data: bytes, ctx, ole=None) -> Extraction:
    """The message's parts (see the module docstring); ``ole``: ``data`` already open, if it is."""
    out = Extraction(MEDIA_TYPE)
    with opened(data, ole) as f:
        _message(_Message(f, "", limit=len(data)), ctx, out, depth=0)
    return out


def _message(msg: _Message, ctx, out: Extraction, depth: int) -> None:
    from dlp.extract import extract_bytes, nest

    cp = msg.raw(CODEPAGE, "0003")
    if cp and len(cp) >= 4:  # (a fixed-size property: in the __properties stream in real files; rarely here)
        msg.codepage = f"cp{int.from_bytes(cp[:4], 'little')}"
    name, address = msg.first(SENDER), msg.first(SENDER_ADDRESS)
    sender = " ".join(x for x in (name, f"<{address}>" if address else None) if x)
    if sender:
        out.chunks.append(Chunk(sender, "header:from"))
    for prop, part in HEADERS.items():
        value = msg.text(prop)
        if value:
            out.chunks.append(Chunk(value, part))
    for prefix in msg.storages("recip"):
        rec = _Message(msg.ole, prefix, msg.codepage, msg.limit)
        who = " ".join(dict.fromkeys(v for p in RECIPIENT if (v := rec.text(p))))
        if who:
            out.chunks.append(Chunk(who, "header:recipient"))
    body = msg.text(BODY)
    if body:
        out.chunks.append(Chunk(body, "body"))
    html = msg.raw(HTML, "0102") or (msg.text(HTML) or "").encode("utf-8")
    if html.strip(b"\x00 \r\n"):
        from dlp.extract import html as html_extractor

        page = html_extractor.extract(html.rstrip(b"\x00"), ctx)
        for c in page.chunks:
            out.chunks.append(Chunk(c.text, "html" if c.part == "body" else f"html:{c.part}", c.context))
        # a picture pasted into the body (a data: URI) that could not be read
        out.errors.extend(ScanError(e.code, e.detail, f"html:{e.part}" if e.part else "html") for e in page.errors)
    if not body and not html.strip(b"\x00 \r\n"):
        _rtf_body(msg, ctx, out)
    for n, prefix in enumerate(msg.storages("attach"), 1):
        att = _Message(msg.ole, prefix, msg.codepage, msg.limit)
        label = att.first(ATTACH_NAME) or f"attachment {n}"
        if ctx.expired():
            out.errors.append(ScanError("timeout", f"stopped at {label}"))
            return
        inner_prefix = f"{prefix}__substg1.0_{ATTACH_DATA:04X}000D/"
        if msg.ole.exists(inner_prefix.rstrip("/")) and not msg.ole.exists(inner_prefix + "__properties_version1.0"):
            # an embedded OLE object (a document pasted into the message), not a message: every
            # message storage has a property stream ([MS-OXMSG] 2.4)
            out.errors.append(ScanError("unsupported", "an OLE object embedded in the message", f"member:{label}"))
            continue
        if msg.ole.exists(inner_prefix.rstrip("/")):  # an attached message, in its own storage
            if depth + 1 >= ctx.limits.max_depth:
                out.errors.append(ScanError("limit", f"messages nested deeper than {ctx.limits.max_depth}",
                                            f"member:{label}"))
                continue
            child = Extraction(MEDIA_TYPE)
            _message(_Message(msg.ole, inner_prefix, msg.codepage, msg.limit), ctx.child(), child, depth + 1)
            nest(out, child, label)
            continue
        data = att.raw(ATTACH_DATA, "0102")
        if data:
            nest(out, extract_bytes(data, ctx.child()), label)


def _rtf_body(msg: _Message, ctx, out: Extraction) -> None:
    """The RTF body, decompressed, as the ``rtf`` parts; a damaged one is a ``corrupt`` error."""
    raw = msg.raw(RTF, "0102")
    if not raw:
        return
    try:
        rtf = decompress_rtf(raw)
    except ValueError as e:
        out.errors.append(ScanError("corrupt", f"RTF body: {e}", "rtf"))
        return
    from dlp.extract import rtf as rtf_extractor

    got = rtf_extractor.extract(rtf, ctx)
    for c in got.chunks:
        out.chunks.append(Chunk(c.text, "rtf" if c.part == "body" else f"rtf:{c.part}", c.context))
    for e in got.errors:
        out.errors.append(ScanError(e.code, e.detail, f"rtf:{e.part}" if e.part else "rtf"))


# The dictionary a compressed RTF stream starts from ([MS-OXRTFCP] 2.1.2.1): 207 bytes of RTF that
# the first references point into.
_LZFU_DICT = (b"{\\rtf1\\ansi\\mac\\deff0\\deftab720{\\fonttbl;}{\\f0\\fnil \\froman \\fswiss \\fmodern "
              b"\\fscript \\fdecor MS Sans SerifSymbolArialTimes New RomanCourier{\\colortbl\\red0\\green0"
              b"\\blue0\r\n\\par \\pard\\plain\\f0\\fs20\\b\\i\\u\\tab\\tx")


def decompress_rtf(data: bytes) -> bytes:
    """An RTF body as [MS-OXRTFCP] stores it: a 16-byte header (compressed size, raw size, "LZFu"
    or "MELA", CRC), then LZ77 data - control bytes whose bits, low first, say whether a literal
    byte or a 2-byte reference (12-bit offset into a 4096-byte ring, 4-bit length - 2) follows -
    ending with a reference to the ring's write position.  ValueError when it is damaged: too
    short, an unknown type, a CRC that does not match, more or fewer bytes than the header says."""
    if len(data) < 16:
        raise ValueError("shorter than its header")
    comp_size, raw_size, kind, crc = struct.unpack_from("<II4sI", data)
    body = data[16:comp_size + 4]  # (the compressed size counts the header's last 12 bytes)
    if comp_size < 12 or len(body) != comp_size - 12:
        raise ValueError("truncated")
    if kind == b"MELA":  # stored uncompressed
        return body[:raw_size]
    if kind != b"LZFu":
        raise ValueError(f"unknown compression {kind!r}")
    if zlib.crc32(body, 0xFFFFFFFF) ^ 0xFFFFFFFF != crc:  # (the spec's CRC: no initial or final inversion)
        raise ValueError("CRC mismatch")
    ring = bytearray(4096)
    ring[:len(_LZFU_DICT)] = _LZFU_DICT
    w, i, n, out = len(_LZFU_DICT), 0, len(body), bytearray()
    while i < n:
        flags = body[i]
        i += 1
        for bit in range(8):
            if i >= n:
                break
            if not flags >> bit & 1:  # a literal
                c = body[i]
                i += 1
                out.append(c)
                ring[w] = c
                w = (w + 1) & 4095
                continue
            if i + 2 > n:
                raise ValueError("truncated reference")
            ref = body[i] << 8 | body[i + 1]
            i += 2
            offset = ref >> 4
            if offset == w:  # the end
                if len(out) != raw_size:
                    raise ValueError(f"{len(out)} bytes where the header says {raw_size}")
                return bytes(out)
            for k in range((ref & 15) + 2):
                c = ring[(offset + k) & 4095]
                out.append(c)
                ring[w] = c
                w = (w + 1) & 4095
            if len(out) > raw_size:
                raise ValueError(f"more bytes than the header's {raw_size}")
    raise ValueError("no end marker")
