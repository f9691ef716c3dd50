"""PHONE_NUMBER written in words, to slip past a filter: "nol delapan satu dua 3456 7890".

What: a run of digit words - Indonesian (nol/kosong, satu ... sembilan) or
English (zero ... nine) - mixed or not with groups of digits, that spells an
Indonesian mobile number (0 or 62, then an operator prefix such as 812, 10 to
13 digits in all).  At least three digits must be written as words: a number
of digits alone is the phone recognizer's.

Why: sellers and brokers in chat groups write "WA nol delapan satu tiga ..."
exactly because filters look for digits; a staff member's number written so
in a draft leaks as surely.

Not: counting in prose ("satu, dua, tiga"), amounts ("dua puluh lima",
"delapan belas": tens and teens are no digit words), a digit run that is no
mobile number.  Source: Kominfo's numbering plan (operator prefixes), as
:mod:`.id_phone_recognizer`.
"""
from __future__ import annotations

import re

from dlp.classifiers._text import Recognizer, lower, reason
from dlp.classifiers.id_phone_recognizer import MOBILE_PREFIXES

DIGIT_WORDS = {"nol": "0", "kosong": "0", "satu": "1", "dua": "2", "tiga": "3", "empat": "4", "lima": "5",
               "enam": "6", "tujuh": "7", "delapan": "8", "sembilan": "9", "zero": "0", "one": "1", "two": "2",
               "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9"}
_TOKEN = r"(?:" + "|".join(sorted(DIGIT_WORDS, key=len, reverse=True)) + r"|\d{1,4})"
# Six to twenty tokens, one to three blanks, commas, dots, dashes or slashes apart, on one line.
SPELLED = re.compile(rf"(?<![\w+])\+?{_TOKEN}(?:[ \t,.\-/]{{1,3}}{_TOKEN}){{5,19}}(?![\w])")
_WORD_OR_DIGITS = re.compile(_TOKEN)
# A mobile number starts with 0 8 or 62 8: every one spelled in words holds "delapan" or "eight".
GATE = ("delapan", "eight")


class SpelledPhoneRecognizer(Recognizer):
    """Indonesian mobile numbers spelled in digit words (Indonesian or English), mixed with digits or not."""

    ENTITIES = ("PHONE_NUMBER",)

    def analyze(self, text, entities=None, nlp_artifacts=None, regex_flags=None):
        low = lower(text)
        if not any(g in low for g in GATE):
            return []
        out = []
        for m in SPELLED.finditer(low):
            tokens = _WORD_OR_DIGITS.findall(m.group())
            if sum(1 for t in tokens if not t[0].isdigit()) < 3:
                continue  # digits mostly: the phone recognizer's to judge
            digits = "".join(DIGIT_WORDS.get(t, t) for t in tokens)
            if digits.startswith("62"):
                digits = "0" + digits[2:]
            if not (10 <= len(digits) <= 13 and digits[0] == "0" and digits[1:4] in MOBILE_PREFIXES):
                continue
            out.append(self.result("PHONE_NUMBER", m.start(), m.end(), 0.7, None,
                                   reason(f"Mobile number written in words ({digits})",
                                          f"Nomor ponsel ditulis dengan kata ({digits})"), own_context=True))
        return out
