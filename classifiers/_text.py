"""Shared helpers for the recognizers in this package (not a recognizer module).

* :class:`Recognizer` - a Presidio ``EntityRecognizer`` base whose results
  carry our metadata (``dlp_level``, ``dlp_reason``) and can opt out of the
  generic context enhancer when a recognizer weighs context itself;
* :func:`part_at` / :func:`parts` - which chunk (``body``, ``header``,
  ``page 3``, ``metadata:author`` ...) a position of the analyzed text came
  from, read from :data:`dlp.analyze.CHUNK_PARTS` (empty when the engine is
  called directly, so every rule must also work on plain text);
* line helpers, because many Indonesian document conventions (a stamp line,
  a ``Sifat :`` field, a signature block) are about lines;
* per-text work the recognizers share, done once for the text of an engine
  call: :func:`lower` and :func:`capitals` (the text's capitals run
  together, where a literal with capitals is looked for ~20x faster).
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache
from importlib import resources
from typing import Iterable

from presidio_analyzer import EntityRecognizer, RecognizerResult


def reason(en: str, id_: str) -> dict[str, str]:
    return {"en": en, "id": id_}


class Recognizer(EntityRecognizer):
    """Base for code recognizers: defaults for everything but the language."""

    ENTITIES: tuple[str, ...] = ()
    CONTEXT: tuple[str, ...] = ()

    def __init__(self, supported_language: str = "id", supported_entities=None, name: str | None = None,
                 context=None, **kwargs):
        super().__init__(supported_entities=list(supported_entities or self.ENTITIES),
                         supported_language=supported_language, name=name or type(self).__name__,
                         context=list(context if context is not None else self.CONTEXT), **kwargs)

    def load(self) -> None:  # nothing to load: patterns compile at import
        pass

    def result(self, entity: str, start: int, end: int, score: float, level: str | None = None,
               why: dict[str, str] | None = None, own_context: bool = False) -> RecognizerResult:
        """A result with our metadata.

        ``own_context=True`` marks it as already weighed for context, so the
        generic :class:`~dlp.context.WordContextEnhancer` leaves it alone.
        """
        # (module-level key names and positional arguments: this runs once per finding)
        meta = {_NAME_KEY: self.name, _ID_KEY: self.id}
        if level is not None:
            meta["dlp_level"] = level
        if why:
            meta["dlp_reason"] = why
        if own_context:
            meta[_ENHANCED_KEY] = True
        return RecognizerResult(entity, start, end, score if score < 1.0 else 1.0, None, meta)


_NAME_KEY = RecognizerResult.RECOGNIZER_NAME_KEY
_ID_KEY = RecognizerResult.RECOGNIZER_IDENTIFIER_KEY
_ENHANCED_KEY = RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY


# -- where a position came from -------------------------------------------------

_CHUNK_PARTS: list = []  # dlp.analyze.CHUNK_PARTS once imported (lazily: dlp.analyze imports this package)


def parts() -> tuple:
    """(start, end, part) of each chunk in the text being analyzed, or ()."""
    if not _CHUNK_PARTS:
        try:
            from dlp.analyze import CHUNK_PARTS
        except ImportError:  # pragma: no cover - the core always has it
            return ()
        _CHUNK_PARTS.append(CHUNK_PARTS)
    return _CHUNK_PARTS[0].get()


_STARTS: tuple = ((), [])  # (spans, their start offsets), for bisection


def part_at(pos: int, spans: tuple | None = None) -> str | None:
    """The part (``header``, ``page 2`` ...) of the chunk holding ``pos``, if known."""
    global _STARTS
    spans = parts() if spans is None else spans
    if not spans:
        return None
    cached = _STARTS
    if cached[0] is not spans:
        cached = _STARTS = (spans, [s[0] for s in spans])
    i = bisect.bisect_right(cached[1], pos) - 1
    if i >= 0 and spans[i][0] <= pos < spans[i][1]:
        return spans[i][2]
    return None


# -- lines ----------------------------------------------------------------------

REACH = 500  # how far a line is followed; longer "lines" (minified text) are cut here


def line_start(text: str, pos: int, reach: int = REACH) -> int:
    """Start of the line holding ``pos`` (at most ``reach`` characters back)."""
    lo = max(0, pos - reach)
    i = text.rfind("\n", lo, pos)
    return i + 1 if i >= 0 else lo


def line_end(text: str, pos: int, reach: int = REACH) -> int:
    """End of the line holding ``pos``, without the newline (at most ``reach`` characters on)."""
    hi = min(len(text), pos + reach)
    i = text.find("\n", pos, hi)
    return i if i >= 0 else hi


def line_bounds(text: str, start: int, end: int | None = None) -> tuple[int, int]:
    """(start, end) of the line(s) holding ``text[start:end]``, without the newline."""
    return line_start(text, start), line_end(text, start if end is None else end)


def prev_line(text: str, line_begin: int) -> tuple[int, int] | None:
    """Bounds of the line before the one starting at ``line_begin``, or None."""
    if line_begin <= 0 or text[line_begin - 1] != "\n":
        return None
    b = line_begin - 1
    return line_start(text, b), b


def next_line(text: str, line_stop: int) -> tuple[int, int] | None:
    """Bounds of the line after the one ending at ``line_stop``, or None."""
    if line_stop >= len(text) or text[line_stop] != "\n":
        return None
    a = line_stop + 1
    return a, line_end(text, a)


# -- data files -----------------------------------------------------------------

@lru_cache(maxsize=None)
def load_yaml(package: str, name: str) -> dict:
    """A YAML file shipped in ``package`` (``dlp.patterns``; ``dlp.classifiers``, ``data/x.yaml``)."""
    import yaml

    try:
        path = resources.files(package)
        for piece in name.split("/"):
            path = path.joinpath(piece)
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: 10x faster on the name lists
        return yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {}
    except (FileNotFoundError, ModuleNotFoundError, OSError):
        return {}


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` (longest first, spaces as ``\\s+``)."""
    alts = sorted({re.escape(w).replace(r"\ ", r"\s+") for w in words if w}, key=len, reverse=True)
    return "(?:" + "|".join(alts) + ")"


def dedupe(results: list[RecognizerResult]) -> list[RecognizerResult]:
    """Of overlapping results of one recognizer, keep the best (score, then length)."""
    # Most lists come in text order without overlaps (starts strictly rising, none before the
    # previous end): then every result is kept, in that order, and nothing needs sorting.
    prev_start = prev_end = -1
    for r in results:
        if r.start <= prev_start or r.start < prev_end:
            break
        prev_start, prev_end = r.start, r.end
    else:
        return list(results)
    ordered = sorted(results, key=lambda r: (-r.score, -(r.end - r.start), r.start))
    starts: list[int] = []  # kept spans, sorted by start (they never overlap)
    ends: list[int] = []
    kept: list[RecognizerResult] = []
    for r in ordered:
        i = bisect.bisect_left(starts, r.end)  # spans starting before r ends
        if i and ends[i - 1] > r.start:
            continue
        starts.insert(i, r.start)
        ends.insert(i, r.end)
        kept.append(r)
    kept.sort(key=lambda r: r.start)
    return kept


_LOWER: tuple = (None, "", True)  # (text, its lower case, whether str.lower kept the length); replaced whole,
# so threads never see a mixed triple


def _lowered(text: str) -> tuple:
    global _LOWER
    cached = _LOWER
    if cached[0] is text:
        return cached
    low = text.lower()
    exact = len(low) == len(text)
    if not exact:  # "İ" lower-cases to two characters: keep offsets aligned
        low = text.translate(_ASCII_LOWER)
    cached = _LOWER = (text, low, exact)
    return cached


def lower(text: str) -> str:
    """``text.lower()``, computed once for the text all recognizers of a call share."""
    return _lowered(text)[1]


def lower_exact(text: str) -> str:
    """``text.lower()`` if that keeps every offset (the usual case), else "" (where :func:`lower`
    lower-cases the ASCII letters only); shares :func:`lower`'s work."""
    _, low, exact = _lowered(text)
    return low if exact else ""


_ASCII_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}

_CAPITALS: tuple = (None, "")  # (text, its capitals), as _LOWER
# Bytes that are not ASCII capitals: deleting them leaves a text's capitals alone, run together.
_NOT_CAPITAL = bytes(b for b in range(256) if not 65 <= b <= 90)


def capitals(text: str) -> str:
    """The ASCII capitals of ``text`` run together (``"DAFTARPENERIMANIK..."``), once per text.

    A literal holding capitals ("RAHASIA", "AKIA", "GPS") can only stand in a text whose capitals
    hold its own capitals in a row (nothing between them is a capital), so a test of this string,
    ~20x shorter than the text, rules most texts out before any full scan.  One C pass: encode,
    delete the other bytes (UTF-8 writes every other character with bytes above 127); then back to
    str, where ``in`` costs a quarter of what it costs on bytes.
    """
    global _CAPITALS
    cached = _CAPITALS
    if cached[0] is text:
        return cached[1]
    caps = text.encode("utf-8", "surrogatepass").translate(None, _NOT_CAPITAL).decode("ascii")
    _CAPITALS = (text, caps)
    return caps


def caps_of(literal: str) -> str:
    """The capitals of ``literal`` as :func:`capitals` keeps them (``"AIza"`` -> ``"AI"``)."""
    return literal.encode("utf-8", "surrogatepass").translate(None, _NOT_CAPITAL).decode("ascii")


def find_all(haystack: str, needle: str, start: int = 0, end: int | None = None):
    """Every index of ``needle`` in ``haystack`` (C-speed ``str.find``, no regex)."""
    end = len(haystack) if end is None else end
    i = haystack.find(needle, start, end)
    while i >= 0:
        yield i
        i = haystack.find(needle, i + 1, end)
