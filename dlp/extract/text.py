"""Plain text in any common encoding: UTF-8, UTF-16 (with or without BOM), Windows-1252.

CSV, logs, JSON, YAML and Markdown are text too: they are read whole, as a
recipient would see them.  Pictures pasted into them as base64 ``data:`` URIs
(a Markdown editor's ``![caption](data:image/png;base64,...)``, an ``<img>``
tag in Markdown, a CMS export in JSON) are read as embedded pictures, parts
``member:data-uri N...`` (:func:`dlp.extract.html.data_uris`).
"""
from __future__ import annotations

import codecs
import re

from dlp.models import Chunk, Extraction


def decode(data: bytes) -> str:
    """Decode bytes of unknown encoding, preferring the strict and likely."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"),
                     (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
                     (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(enc, errors="replace")
    # UTF-16 without a BOM: every other byte NUL (UTF-8 text has none).
    sample = data[:4096]
    if len(sample) >= 4:
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        if odd > 0.4 * len(sample) / 2 and even < odd / 10:
            return data.decode("utf-16-le", errors="replace")
        if even > 0.4 * len(sample) / 2 and odd < even / 10:
            return data.decode("utf-16-be", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Windows-1252 is what Indonesian offices' Windows machines write when not
    # UTF-8; it decodes strictly unless one of its five unused bytes occurs.
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000]).best()
        if best is not None and best.encoding:
            return data.decode(best.encoding, errors="replace")
    except (ImportError, LookupError):
        pass
    return data.decode("latin-1")


def extract(data: bytes, ctx) -> Extraction:
    """The whole text as one ``body`` chunk, and the pictures pasted into it as ``data:`` URIs
    (not when ``ctx`` is None: the body alone)."""
    text = decode(data)
    if "\x00" in text:  # stray NULs (a padded export) separate nothing a reader sees
        text = text.replace("\x00", "")
    if '"' in text and "\n" in text:
        text = one_line_fields(text)
    out = Extraction("text/plain", [Chunk(text, "body")] if text.strip() else [])
    if ctx is not None:
        from dlp.extract.html import data_uris

        data_uris(text, ctx, out)
    return out


# A quoted CSV field that holds a line break (an address typed with Alt+Enter) splits its record over
# two lines, and the columns after it no longer line up with the header's: "NIK;No KK;Alamat;HP" over
# '3273...;"Jl. A<newline>RT 01";3578...' read the KK number as a NIK.  In a text whose first line is
# a header of three or more delimited columns, such a field's line breaks become blanks (the same
# length: offsets hold).
_QUOTED_FIELD = re.compile(r'(?:^|(?<=[,;\t]))[ ]*"(?:[^"]|"")*"[ ]*(?=[,;\t]|\r?$)', re.MULTILINE)
_LINE_BREAK = str.maketrans("\r\n", "  ")


def one_line_fields(text: str) -> str:
    """``text`` with the line breaks inside its quoted CSV fields made blanks, if it is a CSV table."""
    first = text[:text.find("\n")]  # (the caller saw a line break)
    if not any(first.count(sep) >= 2 for sep in (",", ";", "\t")):
        return text
    pieces, last = [], 0
    for m in _QUOTED_FIELD.finditer(text):
        field = m.group()
        if "\n" in field:
            pieces += [text[last:m.start()], field.translate(_LINE_BREAK)]
            last = m.end()
    return "".join(pieces) + text[last:] if pieces else text
