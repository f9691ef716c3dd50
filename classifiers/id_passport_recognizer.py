"""ID_PASSPORT: Indonesian passport numbers, only where a passport label names them.

What: one capital letter and seven digits (``A``/``B``/``C`` for ordinary
passports of successive series, ``E`` for the electronic passport, ``X`` for
the newer series ...), e.g. ``X1234567``, also written ``X 1234567`` or grouped ``E 018 3261``.

Why: a passport number with a name and birth date is enough to book travel
or open accounts abroad in someone's name; it leaks with travel bookings and
delegation lists.

How: a letter and seven digits is a common shape (stock numbers, letter
numbers, codes), so it is reported only when a passport label names it:
``paspor``, ``passport``, ``No. Paspor``, ``Passport No.`` on its line or the
line above (a spreadsheet cell whose column header is "Paspor"), a table
column headed "Paspor" (score 0.9); or the word within the preceding 1500
characters, as in a long table under a "Paspor" column header (score 0.6).
No label, no finding; a number typed in lower case (``c1234567``) only with a label on its line
(score 0.8).

Source: UU 6/2011 on Keimigrasian; Permenkumham 8/2014 on the passport
(letter + 7-digit numbering of the Direktorat Jenderal Imigrasi).
"""
from __future__ import annotations

import re

from dlp.classifiers._digits import DigitRecognizer, scan
from dlp.classifiers._text import lower_exact

_ANY_LABEL = re.compile(r"pas+port|paspor", re.IGNORECASE)
# The same words in the lower-cased text, where they all start with the literal "pas" that the regex
# engine scans for fast (the ignore-case search tries every "p" and "P"); it stands for _ANY_LABEL
# there unless the text holds a "ſ", which matches "s" ignoring case but lower-cases to itself.
_WORD_LOW = re.compile(r"pas+port|paspor")
_LONG_S = "\u017f"
# What a text must hold for any finding: "paspor", "passport" or "pasport" (which holds "paspor").
_GATE_LOW = re.compile(r"paspor|passport")
# The look-behind stands after the letter (it checks the character before it), so the pattern starts
# with [A-Z] and the regex engine skips to capital letters instead of trying a match at every position
# (2x faster on the long texts that name a passport somewhere; the same matches).
# The seven digits may be grouped by single blanks, as printed or read aloud: "E 018 3261", "X123 4567".
_PASSPORT = re.compile(r"([A-Z])(?<![A-Za-z0-9/\-][A-Z])[ \t]?(\d(?:[ ]?\d){6})(?![\w/\-])")
# The same typed in lower case ("paspor: c1234567"): only where a passport label names it on its line.
_PASSPORT_LOWER = re.compile(r"([a-z])(?<![A-Za-z0-9/\-][a-z])[ \t]?(\d{7})(?![\w/\-])")
WIDE = 1500  # a long table under a "Paspor" column header


class IdPassportRecognizer(DigitRecognizer):
    """Indonesian passport number (letter + 7 digits) near a passport label."""

    ENTITIES = ("ID_PASSPORT",)
    CONTEXT = ("paspor", "passport", "no. paspor", "nomor paspor", "passport no", "passport number")

    def analyze(self, text, entities, nlp_artifacts=None):
        if not self.wanted(entities):
            return []
        low = lower_exact(text)  # (the lower-cased text the other recognizers share)
        if low:
            if not _GATE_LOW.search(low):
                return []  # no passport word anywhere: nothing can be a passport number
        elif not _ANY_LABEL.search(text):
            return []
        words = low if low and _LONG_S not in text else None  # where _WORD_LOW stands for _ANY_LABEL
        start = 0
        if words is not None:
            # A number is named by a label or word before it, or by a label after it on its own line:
            # none on a line before the first passport word's line can be, so the scan starts there.
            start = text.rfind("\n", 0, _WORD_LOW.search(words).start()) + 1
        sc = scan(text)
        results = []
        for m in _PASSPORT.finditer(text, start):
            s, e = m.span()
            lab = sc.label_for(s, e)
            number = m.group(1) + m.group(2).replace(" ", "")
            if lab and lab.cat == "PASSPORT":
                results.append(self.result(
                    "ID_PASSPORT", s, e, 0.9,
                    f"Passport number {number} (labelled “{lab.word}”)",
                    f"Nomor paspor {number} (berlabel “{lab.word}”)", lab.word))
                continue
            if lab and lab.how in ("line", "above", "column"):
                continue  # named as something else
            near = None
            for near in (_ANY_LABEL.finditer(text, max(0, s - WIDE), s) if words is None
                         else _WORD_LOW.finditer(words, max(0, s - WIDE), s)):
                pass
            if near:
                word = text[near.start():near.end()]
                results.append(self.result(
                    "ID_PASSPORT", s, e, 0.6,
                    f"Passport number {number} (“{word}” earlier in the text)",
                    f"Nomor paspor {number} (“{word}” disebut sebelumnya)", word))
        for m in _PASSPORT_LOWER.finditer(text, start):
            s, e = m.span()
            lab = sc.label_for(s, e)
            if lab and lab.cat == "PASSPORT" and lab.how == "line":
                number = m.group(1).upper() + m.group(2)
                results.append(self.result(
                    "ID_PASSPORT", s, e, 0.8,
                    f"Passport number {number}, typed in lower case (labelled “{lab.word}”)",
                    f"Nomor paspor {number}, diketik huruf kecil (berlabel “{lab.word}”)", lab.word))
        if len(results) > 1:
            results.sort(key=lambda r: r.start)
        return results
