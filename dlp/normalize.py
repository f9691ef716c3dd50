"""Normalization before analysis, with an offset map back to the original.

People (and PDF generators, and chat apps) write identifiers in ways that slip
past a naive regex: full-width digits (``３１７１``), zero-width spaces between
digit groups, soft hyphens at line breaks.  We fold them away before the
recognizers run - Unicode NFKC, then zero-width and soft-hyphen characters
dropped - and keep, for every character of the normalized text, the index of
the original character it came from, so a finding points at the text as it
stands in the file.
"""
from __future__ import annotations

import re
import unicodedata

# Characters that carry no visible text; removed before analysis.
INVISIBLE = "\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff"
_INVISIBLE_SET = frozenset(INVISIBLE)
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


class Normalized:
    """Normalized text plus the map from its offsets to the original's.

    ``index[i]`` is the original index of normalized character ``i``; the map
    is ``None`` when normalization changed nothing (the common, ASCII case).
    """

    __slots__ = ("text", "original", "index")

    def __init__(self, text: str, original: str, index: list[int] | None):
        self.text = text
        self.original = original
        self.index = index

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalized ``[start, end)`` span to the original text."""
        if self.index is None:
            return start, end
        if end <= start:
            o = self.index[start] if start < len(self.index) else len(self.original)
            return o, o
        return self.index[start], self.index[end - 1] + 1


def normalize(text: str) -> Normalized:
    """Return ``text`` NFKC-normalized with invisible characters removed."""
    if text.isascii():
        return Normalized(text, text, None)
    out: list[str] = []
    index: list[int] = []
    pos = 0
    changed = False
    for m in _NON_ASCII.finditer(text):
        a, b = m.span()
        if a > pos:
            out.append(text[pos:a])
            index.extend(range(pos, a))
        run = m.group()
        folded = unicodedata.normalize("NFKC", run)
        if folded == run and not (_INVISIBLE_SET & set(run)):
            out.append(run)
            index.extend(range(a, b))
        else:
            changed = True
            for i, ch in enumerate(run, start=a):
                if ch in _INVISIBLE_SET:
                    continue
                n = unicodedata.normalize("NFKC", ch)
                out.append(n)
                index.extend([i] * len(n))
        pos = b
    if not changed:
        return Normalized(text, text, None)
    if pos < len(text):
        out.append(text[pos:])
        index.extend(range(pos, len(text)))
    return Normalized("".join(out), text, index)
