"""Normalization before analysis, with an offset map back to the original.

People (and PDF generators, and chat apps) write identifiers in ways that slip
past a naive regex: full-width digits (``３１７１``), zero-width spaces between
digit groups, soft hyphens at line breaks, no-break spaces, digits of another
script (Arabic-Indic ``٣١٧١``, Javanese ``꧓꧑꧗꧑``).  We fold them away before
the recognizers run:

* Unicode NFKC, character by character (full-width and mathematical digits,
  ligatures such as ``ﬁ``, no-break spaces, circled numbers);
* every decimal digit of any script to its ASCII digit (NFKC leaves
  Arabic-Indic, Devanagari, Thai, Javanese ... digits alone, Python's and
  Presidio's ``\\d`` would then match them, and validators doing ``int()``
  would accept them, so fold once here);
* zero-width characters, soft hyphens, direction marks, the BOM and the keycap
  mark of emoji digits (``0\ufe0f\u20e3``, broadcast posters' favourite) removed;
* a link's percent-escaped blanks (``%20``) and marks made blanks and marks of the same length (a
  ``wa.me`` prefill link's ``NIK%20saya%203171...`` glues the escape's ``20`` to the number);
* a chat message's time stamp and sender made blanks where the message only continues the digits
  ending the message before it (a NIK sent in two bubbles);
* the quote marks a mail reply puts before each line it quotes (``> ``,
  ``>>``) made blanks, so a number the quoted message wrapped (``NIK 3273260309``
  / ``> 681625``) reads as a number wrapped in plain text does.  A draft pasted
  from a mail thread is as common as an ``.eml`` file; blanks keep every offset.

For every character of the normalized text we keep the index of the original
character it came from, so a finding points at the text as it stands in the
file.  The map is stored as segments (runs where the offset difference is
constant), not one integer per character: a 10 MB extract with a few no-break
spaces costs a few segments, not 10 million integers.

Only non-ASCII runs are examined (one regex pass); pure-ASCII text comes back
unchanged with no map at all.
"""
from __future__ import annotations

import bisect
import re
import unicodedata

# Characters that carry no visible text; removed before analysis.
INVISIBLE = ("\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180e\u200b\u200c\u200d"
             "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067"
             "\u2068\u2069\u3164\ufe00\ufe01\ufe02\ufe03\ufe04\ufe05\ufe06\ufe07\ufe08\ufe09\ufe0a"
             "\ufe0b\ufe0c\ufe0d\ufe0e\ufe0f\ufeff\uffa0\u20e3")
_INVISIBLE_SET = frozenset(INVISIBLE)
# Marks that belong to the character before them (an emoji's presentation selector, the keycap of
# "0\ufe0f\u20e3"): a span ending on that character takes them in.
_TRAILING_MARKS = frozenset("\ufe0e\ufe0f\u20e3")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
# A non-ASCII decimal digit (Python's \d is Unicode Nd) or an invisible character.
_SPECIAL = re.compile(r"(?:(?![0-9])\d|[" + re.escape(INVISIBLE) + "])")

_FOLD_CACHE: dict[str, str] = {}
_QUOTE_MARKS = re.compile(r"^(?:[ \t]*>)+", re.MULTILINE)


def _blank(m: re.Match) -> str:
    return " " * (m.end() - m.start())


def unquote(text: str) -> str:
    """``text`` with the quote marks at the start of its lines made blanks (same length)."""
    if text.startswith(">") or "\n>" in text or (">" in text and _QUOTE_MARKS.search(text)):
        return _QUOTE_MARKS.sub(_blank, text)
    return text


# Percent-escapes of a link's query (a wa.me or Google Forms prefill link: "text=NIK%20saya%203171..."): the
# escaped blank glues its "20" to the digits after it.  Each becomes what it stands for, padded with blanks
# to its own length, so offsets stay.
_URL_ESCAPES = {"%20": "   ", "%2C": ",  ", "%2c": ",  ", "%3A": ":  ", "%3a": ":  ", "%0A": "\n  ",
                "%0a": "\n  ", "%0D": "   ", "%0d": "   ", "%2F": "/  ", "%2f": "/  ", "%3D": "=  ", "%3d": "=  "}
_URL_ESCAPE = re.compile("|".join(_URL_ESCAPES))


def unescape_url(text: str) -> str:
    """``text`` with a link's percent-escaped blanks and marks made readable (same length); only in a
    text holding an escaped blank."""
    if "%20" in text:
        return _URL_ESCAPE.sub(lambda m: _URL_ESCAPES[m.group()], text)
    return text


# A chat export's line: its time stamp and sender, then the message.  A number sent in two messages
# ("... nik saya 35780502" / "[12/03/24, 10.14.19] Eka: 11792011") reads as one number wrapped over a line
# break once the second message's time stamp and sender are blanks (same length: offsets stay).
_CHAT_GATE = re.compile(r"\n\[?\d{1,2}[/.]\d{1,2}[/.]\d{2,4}")
# A chat export's line head: its time stamp and sender, "[12/03/24, 10.14.07] Eka: ", "11/04/24 16.21 - Eka: "
# (also read by the secret recognizer, for a password sent as the next message).
CHAT_HEAD = (r"[ \t]*(?:\[[^\]\n]{5,40}\]|\d{1,2}[/.]\d{1,2}[/.]\d{2,4},?[ \t]+\d{1,2}[.:]\d{2}(?:[.:]\d{2})?"
             r"(?:[ \t]?[APap][Mm])?[ \t]+-)[ \t]*[^:\n]{1,40}:[ \t]*")
_CHAT_CONTINUED = re.compile(
    rf"(?<=\d)(?P<gap>[ \t]*\r?\n)(?P<head>{CHAT_HEAD})(?=\d[\d .\-]{{1,24}}[ \t\r]*(?:\n|$))")


def join_chat_numbers(text: str) -> str:
    """``text`` with the time stamp and sender of a chat message made blanks where the message is only
    digits continuing the digits that end the message before it (same length)."""
    if _CHAT_GATE.search(text):
        return _CHAT_CONTINUED.sub(lambda m: m.group("gap") + " " * len(m.group("head")), text)
    return text


def fold_char(ch: str) -> str:
    """What one character becomes: NFKC, decimal digits to ASCII, invisible to nothing."""
    out = _FOLD_CACHE.get(ch)
    if out is None:
        if ch in _INVISIBLE_SET:
            out = ""
        else:
            out = unicodedata.normalize("NFKC", ch)
            if not out.isascii():
                out = "".join(str(unicodedata.decimal(c)) if unicodedata.decimal(c, None) is not None
                              and not c.isascii() else c for c in out)
        if len(_FOLD_CACHE) < 65536:
            _FOLD_CACHE[ch] = out
    return out


class Normalized:
    """Normalized text plus the map from its offsets to the original's.

    The map is a list of segments ``(norm_start, orig_start, step)``: normalized
    characters from ``norm_start`` up to the next segment come from original
    index ``orig_start + step * (i - norm_start)``; ``step`` is 1 for text kept
    as is (or replaced one for one) and 0 for the characters one original
    character expanded into (``ﬁ`` -> ``fi``).  ``None`` when normalization
    changed nothing (the common, ASCII case).
    """

    __slots__ = ("text", "original", "segments", "_starts")

    def __init__(self, text: str, original: str, segments: list[tuple[int, int, int]] | None):
        self.text = text
        self.original = original
        self.segments = segments
        self._starts = [s[0] for s in segments] if segments else None

    @property
    def changed(self) -> bool:
        return self.segments is not None

    def orig_index(self, i: int) -> int:
        """The original index of normalized character ``i`` (``len(text)`` maps to ``len(original)``)."""
        if self.segments is None:
            return i
        if i >= len(self.text):
            return len(self.original)
        k = bisect.bisect_right(self._starts, i) - 1
        n0, o0, step = self.segments[k]
        return o0 + step * (i - n0)

    @property
    def index(self) -> list[int] | None:
        """The per-character map (``index[i]`` = original index of character ``i``); for tests and debugging."""
        if self.segments is None:
            return None
        return [self.orig_index(i) for i in range(len(self.text))]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalized ``[start, end)`` span to the original text.

        Removed characters inside the span are part of the original span;
        those just before or after it are not.  A span that ends inside an
        expansion (the ``f`` of ``ﬁ``) covers the whole original character.
        """
        if self.segments is None:
            return start, end
        if end <= start:
            o = self.orig_index(start)
            return o, o
        e, original = self.orig_index(end - 1) + 1, self.original
        while e < len(original) and original[e] in _TRAILING_MARKS:
            e += 1
        return self.orig_index(start), e


def normalize(text: str) -> Normalized:
    """Return ``text`` folded for analysis (see the module docstring), with its offset map."""
    if text.isascii():
        return Normalized(join_chat_numbers(unescape_url(unquote(text))), text, None)  # (same lengths: offsets stay)
    out: list[str] = []
    segments: list[tuple[int, int, int]] = []
    n_pos = 0  # length of the normalized text so far
    pos = 0    # original text consumed so far
    changed = False

    def keep(o_start: int, o_end: int) -> None:
        """Original text[o_start:o_end] is kept one for one."""
        nonlocal n_pos
        if o_end <= o_start:
            return
        if segments:
            n0, o0, step = segments[-1]
            if step == 1 and o0 - n0 == o_start - n_pos:
                n_pos += o_end - o_start  # continues the previous segment
                return
        segments.append((n_pos, o_start, 1))
        n_pos += o_end - o_start

    for m in _NON_ASCII.finditer(text):
        a, b = m.span()
        if a > pos:
            out.append(text[pos:a])
            keep(pos, a)
        run = m.group()
        if unicodedata.is_normalized("NFKC", run) and not _SPECIAL.search(run):
            out.append(run)
            keep(a, b)
        else:
            changed = True
            for i, ch in enumerate(run, start=a):
                folded = fold_char(ch)
                if not folded:
                    continue
                out.append(folded)
                if len(folded) == 1:
                    keep(i, i + 1)
                else:
                    segments.append((n_pos, i, 0))
                    n_pos += len(folded)
        pos = b
    if not changed:
        return Normalized(join_chat_numbers(unescape_url(unquote(text))), text, None)
    if pos < len(text):
        out.append(text[pos:])
        keep(pos, len(text))
    result = join_chat_numbers(unescape_url(unquote("".join(out))))
    if not segments:  # everything was removed
        segments.append((0, len(text), 0))
    return Normalized(result, text, segments)
