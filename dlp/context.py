"""Context on whole words, without lemmas.

Presidio's own context enhancer reads lemmas from the NLP pipeline (a blank
spaCy pipeline has none) and by default matches context words as substrings,
so ``nik`` fires inside ``teknik``, ``elektronik`` and ``unik``.  Here context
is looked up in a character window around the match, as whole words or whole
phrases (``no. kk``, ``kartu keluarga``), case-insensitively.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer

BEFORE = 64  # characters of text before a match searched for context
AFTER = 24   # characters after


@lru_cache(maxsize=512)
def context_regex(words: tuple[str, ...]) -> re.Pattern:
    """One case-insensitive regex matching any of ``words`` as whole words."""
    alts = sorted({re.escape(w.strip()).replace(r"\ ", r"\s+") for w in words if w.strip()},
                  key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(alts) + r")(?!\w)", re.IGNORECASE)


def find_context(text: str, start: int, end: int, words: Iterable[str],
                 before: int = BEFORE, after: int = AFTER) -> str | None:
    """The first context word found around ``text[start:end]``, or None."""
    words = tuple(words)
    if not words:
        return None
    rx = context_regex(words)
    m = rx.search(text, max(0, start - before), start) or rx.search(text, end, min(len(text), end + after))
    return m.group(0) if m else None


@lru_cache(maxsize=512)
def _lower_regex(words: tuple[str, ...]) -> re.Pattern | None:
    """:func:`context_regex` for text lowered beforehand: case-sensitive, lower-case words, and a
    look-ahead for the words' first letters.  None where that is not the same search (a
    non-ASCII word: ``K`` (Kelvin) matches ``k`` ignoring case, but its lower case does not).

    Both tricks let the regex engine skip a position on one character test: ignoring case it
    must try every alternative there (its quick first-character check is for case-sensitive
    literals only) and the leading look-behind hides the first letters from its search set.
    On ASCII text, lowering it changes no offset and matches exactly what ignoring case does.
    """
    rx = context_regex(words)
    firsts = {w.strip()[0].lower() for w in words if w.strip()}
    if not firsts or not rx.pattern.isascii():
        return None
    # (re.escape never escapes a letter, so lowering the pattern lowers only the words)
    return re.compile("(?=[" + "".join(sorted(map(re.escape, firsts))) + "])" + rx.pattern.lower())


class _Lookups:
    """The context searches around the results of one text: per recognizer its regex, worked out
    once, and the text lowered once (when it is ASCII, see :func:`_lower_regex`)."""

    __slots__ = ("text", "lower", "by_id", "recognizers", "extra", "regexes")

    def __init__(self, text: str, recognizers, context=None):
        self.text = text
        self.lower = text.lower() if text.isascii() else None
        self.by_id = None  # recognizer id -> recognizer, built on the first lookup
        self.recognizers = recognizers
        self.extra = tuple(context or ())
        self.regexes: dict = {}  # recognizer id -> (regex, regex for the lowered text) or None


class WordContextEnhancer(ContextAwareEnhancer):
    """Raise a result's score when one of its recognizer's context words stands near it."""

    def __init__(self, context_similarity_factor: float = 0.35,
                 min_score_with_context_similarity: float = 0.4,
                 before: int = BEFORE, after: int = AFTER):
        super().__init__(context_similarity_factor, min_score_with_context_similarity, 0, 0)
        self.before = before
        self.after = after

    def enhance_using_context(self, text, raw_results, nlp_artifacts, recognizers, context=None):
        lookups = None
        for result in raw_results:
            meta = result.recognition_metadata or {}
            if meta.get(RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY):
                continue  # most results: the recognizer decided the score itself
            if lookups is None:
                lookups = self.lookups(text, recognizers, context)
            self.enhance_one(lookups, result, meta)
        return raw_results

    @staticmethod
    def lookups(text: str, recognizers, context=None) -> _Lookups:
        """What :meth:`enhance_one` needs for the results of ``text`` (make it once per text)."""
        return _Lookups(text, recognizers, context)

    def enhance_one(self, lookups: _Lookups, result: RecognizerResult, meta: dict) -> None:
        """Raise ``result`` (whose metadata is ``meta``) if a context word of its recognizer stands near it."""
        rid = meta.get(RecognizerResult.RECOGNIZER_IDENTIFIER_KEY)
        regexes = lookups.regexes
        found = regexes.get(rid, regexes)  # (the dict itself: not worked out yet)
        if found is regexes:
            by_id = lookups.by_id
            if by_id is None:
                by_id = lookups.by_id = {r.id: r for r in lookups.recognizers}
            rec: EntityRecognizer | None = by_id.get(rid)
            words = tuple(rec.context or ()) + lookups.extra if rec else lookups.extra
            found = regexes[rid] = (context_regex(words), _lower_regex(words)) if words else None
        if found is None:
            return
        text, start, end = lookups.text, result.start, result.end
        lo, hi = max(0, start - self.before), min(len(text), end + self.after)
        low_rx, lower = found[1], lookups.lower
        if low_rx is not None and lower is not None:
            m = low_rx.search(lower, lo, start) or low_rx.search(lower, end, hi)
            word = text[m.start():m.end()] if m else None
        else:  # as find_context
            rx = found[0]
            m = rx.search(text, lo, start) or rx.search(text, end, hi)
            word = m.group(0) if m else None
        if word:
            result.score = min(max(result.score + self.context_similarity_factor,
                                   self.min_score_with_context_similarity), self.MAX_SCORE)
            meta[RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY] = True
            meta["dlp_context"] = word
