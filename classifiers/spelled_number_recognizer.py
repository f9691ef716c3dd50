"""PHONE_NUMBER, ID_NIK and ID_KK written in words, to slip past a filter: "nol delapan satu dua 3456 7890".

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

A NIK or KK number spelled so ("NIK saya tiga dua tujuh tiga nol satu ...") is
found after its label (NIK, KTP, Nomor Induk Kependudukan; KK, Kartu Keluarga),
where it must spell 16 digits that pass the structure check of
:mod:`._digits` (region, date, serial): a NIK has no operator prefix to tell
it from a list of counted words, so both its label and its structure must be
there.  Read aloud to a transcriber, a NIK often comes in pairs ("tiga puluh dua
tujuh puluh tiga ...", "lima belas"): after the label, tens and teens count as
their two digits, under the same structure check.
"""
from __future__ import annotations

import re

from dlp.classifiers._digits import _SUBST_STEMS, check_kk, check_nik, scan
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


# The stems NIK and KK labels end with (the digit scan's letters-for-digits search uses the same), and
# the entity each names; what may stand between the label and the number: a colon, and up to two
# words that are no digit words ("NIK saya", "No. KK-nya adalah", "NIK ibu"); the label may close a
# bracket ("ID number (NIK) five-one-...").
ID_STEMS = tuple((stem, "ID_KK" if stem in ("kk", "keluarga") else "ID_NIK") for stem in _SUBST_STEMS)
# Tens and teens, read only after a NIK or KK label: "tiga puluh dua" 32, "tujuh puluh" 70, "lima belas" 15.
PAIR_WORDS = ("puluh", "belas", "sepuluh", "sebelas")
_PAIR_VALUE = {"sepuluh": "10", "sebelas": "11"}
_ID_TOKEN = r"(?:" + "|".join(sorted([*DIGIT_WORDS, *PAIR_WORDS], key=len, reverse=True)) + r"|\d{1,4})"
_ID_WORD_OR_DIGITS = re.compile(_ID_TOKEN)
_NOT_DIGIT_WORD = r"(?!(?:" + "|".join([*DIGIT_WORDS, *PAIR_WORDS]) + r")(?![a-z]))"
_LEAD = rf"(?:-?nya)?[)\]]?[ \t]*[:=.\-]?[ \t]*(?:{_NOT_DIGIT_WORD}[a-z]{{1,15}}\.?[ \t]*[:=]?[ \t]+){{0,2}}"
SPELLED_AFTER_LABEL = re.compile(rf"{_LEAD}({_ID_TOKEN}(?:[ \t,.\-/]{{1,3}}{_ID_TOKEN}){{3,31}})(?![\w])")


class SpelledIdRecognizer(Recognizer):
    """NIK and KK numbers spelled in digit words after their label, with a valid structure."""

    ENTITIES = ("ID_NIK", "ID_KK")

    def analyze(self, text, entities=None, nlp_artifacts=None, regex_flags=None):
        out = []
        low, ends = self._label_ends(text)
        for end, entity in ends:
            # worth the regex only if a word follows the label, or a short group of digits (most
            # labels are followed by a long number, or by the next column's label)
            rest = low[end:end + 12].lstrip(" \t:=.-)]")  # ("ID number (NIK) five-one-...")
            if not rest or not (rest[0].isalpha() or (rest[0].isdigit() and not rest[4:5].isdigit())):
                continue
            m = SPELLED_AFTER_LABEL.match(low, end)
            if m:
                found = self._decide(m, entity)
                if found:
                    out.append(found)
        return out

    @staticmethod
    def _label_ends(text: str) -> tuple[str, list[tuple[int, str]]]:
        """The lower-cased text, and where each NIK or KK label in it ends with the entity it names.
        A text with long numbers has had all its labels found by the digit scan, which this reads;
        in another one the stems are searched (five searches of the text: the labels are not
        worth finding for a rare evasion where the digit scan has not found them already)."""
        sc = scan(text)
        found = sc.found_labels() if sc.dense else None
        if found is not None:
            return sc.lower() or lower(text), [(lab[1], "ID_KK" if lab[2] == "KK" else "ID_NIK") for lab in found
                                               if lab[2] == "NIK" or lab[2] == "KK"]
        low, out = lower(text), []
        for stem, entity in ID_STEMS:
            pos = low.find(stem)
            while pos >= 0:
                end = pos + len(stem)
                # a label's own word: not the "nik" of "teknik", nor a longer word ("kkn")
                if (pos == 0 or not low[pos - 1].isalpha()) and not low[end:end + 1].isalpha():
                    out.append((end, entity))
                pos = low.find(stem, end)
        return low, out

    def _decide(self, m, entity: str):
        # the tokens up to the 16th digit: words may follow the number ("... tiga, dua anak")
        digits, words, end = "", 0, None
        tokens = list(_ID_WORD_OR_DIGITS.finditer(m.group(1)))
        i = 0
        while i < len(tokens):
            word, t = tokens[i].group(), tokens[i]
            nxt = tokens[i + 1].group() if i + 1 < len(tokens) else ""
            if word in _PAIR_VALUE:
                value = _PAIR_VALUE[word]
            elif word in PAIR_WORDS:
                return None  # "puluh" with no digit word before it: no number read aloud
            elif nxt in ("puluh", "belas") and word in DIGIT_WORDS and DIGIT_WORDS[word] != "0":
                i += 1
                t = tokens[i]
                if nxt == "belas":
                    value = "1" + DIGIT_WORDS[word]
                else:  # "tiga puluh dua" 32, "tiga puluh" 30
                    after = tokens[i + 1].group() if i + 1 < len(tokens) else ""
                    then = tokens[i + 2].group() if i + 2 < len(tokens) else ""
                    # (not the tens of the next pair: "tiga puluh, lima puluh satu" is 30 51)
                    if DIGIT_WORDS.get(after, "0") != "0" and not after[0].isdigit() and then not in ("puluh", "belas"):
                        i += 1
                        t = tokens[i]
                        value = DIGIT_WORDS[word] + DIGIT_WORDS[after]
                    else:
                        value = DIGIT_WORDS[word] + "0"
            else:
                value = DIGIT_WORDS.get(word, word)
            digits += value
            words += not word[0].isdigit()
            i += 1
            if len(digits) >= 16:
                end = m.start(1) + t.end()
                break
        if len(digits) != 16 or words < 3:
            return None  # (digits mostly: the digit scan's to judge)
        chk = check_kk(digits) if entity == "ID_KK" else check_nik(digits)
        if not chk.ok:
            return None
        what_en, what_id = ("KK number", "Nomor KK") if entity == "ID_KK" else ("NIK", "NIK")
        return self.result(entity, m.start(1), end, 0.85, None,
                           reason(f"{what_en} written in words ({digits}): {chk.en}",
                                  f"{what_id} ditulis dengan kata ({digits}): {chk.id}"), own_context=True)
