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


class WordContextEnhancer(ContextAwareEnhancer):
    """Raise a result's score when one of its recognizer's context words stands near it."""

    def __init__(self, context_similarity_factor: float = 0.35,
                 min_score_with_context_similarity: float = 0.4,
                 before: int = BEFORE, after: int = AFTER):
        super().__init__(context_similarity_factor, min_score_with_context_similarity, 0, 0)
        self.before = before
        self.after = after

    def enhance_using_context(self, text, raw_results, nlp_artifacts, recognizers, context=None):
        by_id = None
        extra = tuple(context or ())
        for result in raw_results:
            meta = result.recognition_metadata or {}
            if meta.get(RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY):
                continue  # most results: the recognizer decided the score itself
            if by_id is None:
                by_id = {r.id: r for r in recognizers}
            rec: EntityRecognizer | None = by_id.get(meta.get(RecognizerResult.RECOGNIZER_IDENTIFIER_KEY))
            words = tuple(rec.context or ()) + extra if rec else extra
            if not words:
                continue
            word = find_context(text, result.start, result.end, words, self.before, self.after)
            if word:
                result.score = min(max(result.score + self.context_similarity_factor,
                                       self.min_score_with_context_similarity), self.MAX_SCORE)
                meta[RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY] = True
                meta["dlp_context"] = word
        return raw_results
