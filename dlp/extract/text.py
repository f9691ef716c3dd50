"""Plain text in any common encoding: UTF-8, UTF-16 (with or without BOM), Windows-1252.

CSV, logs, JSON, YAML and Markdown are text too: they are read whole, as a
recipient would see them.
"""
from __future__ import annotations

import codecs

from dlp.models import Chunk, Extraction


def decode(data: bytes) -> str:
    """Decode bytes of unknown encoding, preferring the strict and likely."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"),
                     (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
                     (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(enc, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    sample = data[:4096]
    if len(sample) >= 4:
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        if odd > 0.4 * len(sample) / 2 and even < odd / 10:
            return data.decode("utf-16-le", errors="replace")
        if even > 0.4 * len(sample) / 2 and odd < even / 10:
            return data.decode("utf-16-be", errors="replace")
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000], cp_isolation=["cp1252", "latin_1", "utf_8", "cp1250"]).best()
        if best is not None and best.encoding:
            return data.decode(best.encoding, errors="replace")
    except ImportError:
        pass
    return data.decode("cp1252", errors="replace")


def extract(data: bytes, ctx) -> Extraction:
    return Extraction("text/plain", [Chunk(decode(data), "body")])
