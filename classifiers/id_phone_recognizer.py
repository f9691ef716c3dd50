"""PHONE_NUMBER: Indonesian mobile and landline numbers, replacing Presidio's PhoneRecognizer.

What: mobile numbers ``08xx`` with an operator prefix in use (Telkomsel
0811-0813, 0821-0823, 0851-0853; Indosat 0814-0816, 0855-0858; XL/Axis
0817-0819, 0859, 0877-0879, 0831-0833, 0838; Smartfren 0881-0889; Tri
0895-0899; 0828, 0868) and landlines ``0`` + area code (2 digits for
Jakarta 21, Bandung 22, Semarang 24, Surabaya 31, Medan 61; 3 digits
elsewhere) + a 5-8 digit subscriber number, in every common writing:
``0812-3456-7890``, ``0812 3456 7890``, ``081234567890``, ``+62 812-3456-7890``,
``+62812...``, ``62812...``, ``(0812) 3456 7890``, ``(022) 7315642``,
``021-47352816``, ``+62 21 4735 2816``, ``+62 (0)22 ...``.

Why: a personal mobile number with a name is contact data under UU 27/2022
(PDP); reported at review level by default.

Why replace Presidio's recognizer (python-phonenumbers, region ID): on the
table of ``tests/classifiers/test_id_phone.py`` both find all 135 positive
writings, but Presidio's also reports 5 of the 19 look-alikes (a number
labelled "Meeting ID" or "Invoice", ``0.8123456789``, a bare 10-digit bank
account, a toll-free 0800 number), and it is 2-4 times slower (measured
0.5-0.6 MB/s against 2.0-2.2 MB/s on number-dense text, 3.9-4.2 against
8-9 MB/s on prose).  This one requires the trunk ``0`` or the country code
``62``, checks the operator prefix or area code and the length, and reads
the label in front of the number.

How: two cheap regexes find tokens that start with ``0`` or ``(0`` and with
``62``, ``+62`` or ``+ 62``; the common writings come out of the regex already
split into their parts, for the others code extracts the digits and cuts at
whitespace to the longest valid number.  It drops numbers glued to a longer
digit token (an ISBN part, a bank account), bare 10-digit landline-looking
strings without a phone label (bank accounts look like that), and numbers
labelled as something else (``No. Rek``, ``Meeting ID``, ``NIB``, ``ISBN`` ...).

Source: Peraturan Menteri Kominfo on the national numbering plan (Rencana
Dasar Teknis, area codes and mobile prefixes; ITU-T E.164 country code 62).
"""
from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult

from dlp.classifiers._digits import DigitRecognizer, make_result, scan

_NAME_KEY = RecognizerResult.RECOGNIZER_NAME_KEY
_ID_KEY = RecognizerResult.RECOGNIZER_IDENTIFIER_KEY
_ENHANCED_KEY = RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY

MOBILE_PREFIXES = frozenset(
    [str(p) for p in range(811, 820)] + ["821", "822", "823", "828", "831", "832", "833", "838",
                                         "851", "852", "853", "855", "856", "857", "858", "859", "868",
                                         "877", "878", "879"]
    + [str(p) for p in range(881, 890)] + [str(p) for p in range(895, 900)])
TWO_DIGIT_AREAS = frozenset(["21", "22", "24", "31", "61"])

# The candidates: "0" or "(0", and "62", "+62" or "+ 62", then 6-24 characters a number is written
# with (_RUN) and a digit. The look-behinds keep a number from starting inside a word or number.
# One regex with the four first characters makes the engine test every character against that
# set; a regex starting with one literal skips ahead several times faster. So _ZERO finds the
# "0" ones (a "(" before it opens the candidate) and _SIXTWO the "62" ones (a "+" or "+ " before
# it opens the candidate), and analyze takes the earlier of the two.
_RUN = r"[\d() \t.\-\u2010-\u2015]"  # what a number is written with
_GENERAL = rf"{_RUN}{{6,24}}\d"
# The shortcuts (the common writings, tried first) match exactly the text _GENERAL would: the
# look-ahead fails wherever it would run on to a later digit (25 covers its whole reach), and
# where a letter or digit follows (analyze drops those; leaving them to _GENERAL spares it the
# test). Their groups already hold the number's parts, so _best need not split it; m.lastindex
# tells which:
#   4  a mobile number "0812-3456-7890", "0812 3456 7890", "081234567890", "(0812-3456-7890" (the
#      bracket only opens it), "+62 812-3456-7890": operator prefix, mark, middle and last group;
#   6  a landline with its area code in brackets "(022) 7315642": area code, subscriber number.
_END = rf"(?![^\W_]|{_RUN}{{0,25}}\d)"
_MOBILE = rf"(8\d\d)([-. ]?)(\d{{3,4}})\2(\d{{3,5}}){_END}"
# (A letter may stand right before the "0" or "62": analyze lets only a phone label written against
# the number through, "WA081234567890" - _GLUED_LABEL; no number starts inside another word.)
_ZERO = re.compile(rf"0(?<![\d_+]0)(?:{_MOBILE}|(\d\d\d?)\)[ \t]?(\d{{5,8}}){_END}|{_GENERAL})")
# a superset of the "62" that start or end a candidate's lead; _INTL and the "+" test decide
_SIXTWO = re.compile(rf"62(?<![\d_]62)(?:[ \t.\-]?{_MOBILE}|{_GENERAL})")
# A phone label written against the number: "WA081234567890", "HP0812-3456-7890", "Telp0227315642".
_GLUED_LABEL = re.compile(r"(?<![^\W\d_])(?i:wa|hp|cp|telp|tlp)\Z")
# 8 + 8-11 digits standing alone: a mobile number whose trunk 0 a spreadsheet dropped (9-12 digits)
# (the look-behind stands after the 8, so the regex starts with a literal: a fast scan)
_TRUNKLESS = re.compile(r"8(?<![\w+.\-/]8)\d{8,11}(?![\w.\-/])")
_INTL = re.compile(r"\+(?<![\w+]\+)[ \t]?62")  # (where a "62" is known to stand, _opens applies it in place)
_SPLIT = re.compile(r"(\d+)")  # split keeping the digit groups: [lead, digits, sep, digits, ..., ""]
# what may not stand right before a number: a digit (with a joining mark) or a 4-8 digit group
_GLUED = re.compile(r"(?:\d[.\-/\u2010-\u2015]?|(?<!\d)\d{4,8}[ \t])\Z")
_JOINERS = ".-/\u2010\u2011\u2012\u2013\u2014\u2015"  # the joining marks of _GLUED
_ASCII_DIGITS = "0123456789"
_BLANK = re.compile(r"[ \t]")


def classify(digits: str, intl: bool) -> tuple[str, str] | None:
    """('mobile'|'landline', national number) for valid digits, else None.

    ``digits`` starts with the trunk 0 or with the country code 62.
    """
    if intl or digits.startswith("62"):
        nsn = digits[2:]
        if nsn.startswith("0"):  # +62 (0)22 ...
            nsn = nsn[1:]
    else:
        nsn = digits[1:]
    if not nsn:
        return None
    if nsn[0] == "8":
        if nsn[:3] in MOBILE_PREFIXES and 9 <= len(nsn) <= 12:
            return "mobile", nsn
        return None
    if nsn[0] not in "2345679" or (not intl and digits.startswith("62")):
        return None
    area = nsn[:2] if nsn[:2] in TWO_DIGIT_AREAS else nsn[:3]
    sub = nsn[len(area):]
    lo = 7 if len(area) == 2 else 5
    if lo <= len(sub) <= 8 and sub[0] not in "01":
        return "landline", nsn
    return None


def _opens(text: str, plus: int) -> bool:
    """Whether the "+" at ``plus`` may open a number: _INTL's look-behind, no word character (``\\w``: what
    str.isalnum() accepts, and "_") and no second "+" before it."""
    return plus == 0 or not (text[plus - 1].isalnum() or text[plus - 1] in "_+")


def _again(text: str, s: int, e: int) -> int:
    """Where to search on after the candidate ``text[s:e]`` is rejected: after its first blank, else its end.

    "407.000 0812-3456-7890" and "0812-3456-7890 0813-1111-2222" are one candidate each: the
    phone in the first starts after its blank, and the second number of the second after the
    first ends (a found number moves the search to its end instead).
    """
    blank = _BLANK.search(text, s + 1, e)
    return blank.end() if blank else e


class IdPhoneRecognizer(DigitRecognizer):
    """Indonesian phone numbers (+62 / 62 / 0 prefixes), validated by operator prefix or area code."""

    ENTITIES = ("PHONE_NUMBER",)
    CONTEXT = ("telepon", "telp", "tlp", "hp", "handphone", "ponsel", "wa", "whatsapp", "kontak", "hubungi",
               "phone", "mobile", "fax", "faks")
    REPLACES = ("PhoneRecognizer",)

    def analyze(self, text, entities, nlp_artifacts=None):
        if not self.wanted(entities):
            return []
        if "0" not in text and "62" not in text:
            return self._without_trunk(text, [])
        results = []
        name, rid = self.name, self.id
        label_for = None  # the shared Scan's, looked up at the first number
        pos = 0
        n = len(text)
        last_end = -1  # where the last reported number ends
        zero_at, sixtwo_at = _ZERO.search, _SIXTWO.search
        # the next match of each regex from pos and where it starts (n + 1: none), kept while it
        # still starts at or after pos
        never = n + 1
        zm = zero_at(text)
        zq = zm.start() if zm else never
        sm = sixtwo_at(text) if "62" in text else None
        sq = sm.start() if sm else never
        while True:
            if zq < pos:
                zm = zero_at(text, pos)
                zq = zm.start() if zm else never
            if sq < pos:
                sm = sixtwo_at(text, pos)
                sq = sm.start() if sm else never
            nsn = None  # set by a shortcut: start, end, kind, nsn, shaped of the number
            # The earlier match is the next candidate: a "(" or "+" opening it stands between the
            # two matches' starts, so comparing these picks the same one.
            if sq < zq:
                m, r = sm, sq
                if r and text[r - 1].isalnum() and not _GLUED_LABEL.search(text, max(0, r - 5), r):
                    pos = r + 1  # inside a word
                    continue
                # (_INTL.match(text, r - 2) and (text, r - 1), read in place: the "62" is known to stand at r)
                if r >= pos + 2 and text[r - 2] == "+" and text[r - 1] in " \t" and _opens(text, r - 2):
                    s = r - 2  # "+ 62"
                elif r > pos and text[r - 1] == "+" and _opens(text, r - 1):
                    s = r - 1  # "+62"
                elif r and text[r - 1] == "+":
                    sm = sixtwo_at(text, r + 1)  # "x+62", or its "+" lies before pos: no candidate here
                    sq = sm.start() if sm else never
                    continue
                else:
                    s = r  # "62"
                e = m.end()
                if s < r and m.lastindex == 4:  # shortcut, international (see _END)
                    a = r + 3 if text[r + 2] in " \t.-" else r + 2  # group 1 (read in place, as below)
                    if text[a:a + 3] in MOBILE_PREFIXES:  # its 3+3+3 to 3+4+5 digits are always a valid length
                        mark = text[a + 3]
                        nsn = text[a:e] if mark.isdigit() else text[a:e].replace(mark, "")
                        start, end, kind, shaped = s, e, "mobile", True
                        if s > 0 and text[s - 1] == "(" and ")" in text[s:s + 5]:
                            start -= 1  # "(+62) 812 ..."
            elif zq < never:
                m, q = zm, zq
                if q and text[q - 1].isalnum() and not _GLUED_LABEL.search(text, max(0, q - 5), q):
                    pos = q + 1  # inside a word
                    continue
                s = q - 1 if q > pos and text[q - 1] == "(" else q
                e = m.end()
                shortcut = m.lastindex
                if shortcut == 4:
                    # The groups, read in place (cheaper than the match's): the operator prefix right
                    # after the "0", then the mark, if any, that stands twice between the digit groups.
                    if text[q + 1:q + 4] in MOBILE_PREFIXES:
                        # as _best would: a bracket that only opens the number is left out; shaped
                        # if more than one digit group
                        mark = text[q + 4]
                        if mark.isdigit():
                            start, end, kind, nsn, shaped = q, e, "mobile", text[q + 1:e], False
                        else:
                            start, end, kind, nsn, shaped = q, e, "mobile", text[q + 1:e].replace(mark, ""), True
                elif shortcut == 6 and s < q:
                    got = classify("0" + m[5] + m[6], False)
                    if got:
                        start, end, kind, nsn, shaped = s, e, got[0], got[1], True
            else:
                break
            # glued to a longer digit token: "978-602-06-...", "12.0812...", "1234 0812 ...";
            # _GLUED can only match when a digit, a joining mark or a blank after a digit stands
            # right before the number, so the regex runs only then (most numbers follow a word).
            # Blanks or one slash after a number just reported do not glue: "(022) 7315642 0812-3456-7890",
            # "081234567890/085711223344".
            if s > 0:
                c = text[s - 1]
                if c == " " or c == "\t":  # most numbers follow a blank: test that first
                    glued = s > 1 and text[s - 2].isdigit()
                else:
                    glued = c.isdigit() or c in _JOINERS
                # (an ASCII digit right before, or before a joining mark, is _GLUED's first branch: no search
                # for the number-dense text's commonest junk, the "0" after a dot inside an NPWP or a date)
                if glued and not (last_end >= 0 and text[last_end:s].strip(" \t") in ("", "/")) \
                        and (c in _ASCII_DIGITS or (c in _JOINERS and s > 1 and text[s - 2] in _ASCII_DIGITS)
                             or _GLUED.search(text, max(0, s - 10), s)):
                    pos = _again(text, s, e)
                    continue
            if nsn is None:
                found = self._best(text, s, e)
                if not found:
                    pos = _again(text, s, e)
                    continue
                start, end, kind, nsn, shaped = found
                pos = end  # what follows the number may hold another one
                if text[start] == "+" and start > 0 and text[start - 1] == "(" and ")" in text[start:start + 5]:
                    start -= 1  # "(+62) 812 ..."
                if end < n and (text[end].isalnum() or (text[end] in ".-" and text[end + 1:end + 2].isdigit())):
                    continue
            else:
                pos = end  # (a shortcut's end is never followed by a letter or digit: see _END)
            if label_for is None:
                label_for = scan(text).label_for
            lab = label_for(start, end)
            if lab is None:
                labelled = False
            else:
                cat = lab.cat
                if cat and cat not in ("PHONE", "CARD") and lab.how in ("line", "above", "column"):
                    continue  # named as an account, a meeting ID, an ID number ... ("SIM card 08..." stays)
                labelled = cat == "PHONE"
            # the national number, written international; the label word, if any, in the reason
            if kind == "mobile":
                score = 0.9 if labelled else 0.75
                en, id_ = "Indonesian mobile number +62 ", "Nomor seluler Indonesia +62 "
            elif not shaped and not labelled:
                continue  # 0227208000: as likely a bank account as a phone
            else:
                score = 0.85 if labelled else 0.6
                en, id_ = "Indonesian landline number +62 ", "Nomor telepon rumah/kantor Indonesia +62 "
            # What make_result("PHONE_NUMBER", start, end, score, en, id_, self, word) builds, inline (a
            # number-dense text has a phone every ~250 bytes; the call showed in profiles)
            if labelled and lab.word:
                word = lab.word
                results.append(RecognizerResult("PHONE_NUMBER", start, end, score, None, {
                    _NAME_KEY: name, _ID_KEY: rid, _ENHANCED_KEY: True,
                    "dlp_reason": {"en": f"{en}{nsn} (labelled “{word}”)",
                                   "id": f"{id_}{nsn} (berlabel “{word}”)"},
                    "dlp_context": word}))
            else:
                results.append(RecognizerResult("PHONE_NUMBER", start, end, score, None, {
                    _NAME_KEY: name, _ID_KEY: rid, _ENHANCED_KEY: True,
                    "dlp_reason": {"en": en + nsn, "id": id_ + nsn}}))
            last_end = end
        return self._without_trunk(text, results)

    def _without_trunk(self, text: str, results: list) -> list:
        """Mobile numbers without their leading 0 or +62, as a spreadsheet that stored them as numbers
        shows them ("81234567890" under "No HP"): only where a phone label names them."""
        if "8" not in text:
            return results
        sc = None
        for m in _TRUNKLESS.finditer(text):
            d = m.group()
            if d[:3] not in MOBILE_PREFIXES:
                continue
            if sc is None:
                sc = scan(text)
            lab = sc.label_for(m.start(), m.end())
            if lab is None or lab.cat != "PHONE":
                continue
            number = "+62 " + d
            results.append(make_result(
                "PHONE_NUMBER", m.start(), m.end(), 0.8,
                f"Indonesian mobile number {number}, written without its leading 0 (labelled “{lab.word}”)",
                f"Nomor seluler Indonesia {number}, ditulis tanpa 0 di depan (berlabel “{lab.word}”)", self, lab.word))
        return results

    @staticmethod
    def _best(text: str, s: int, e: int):
        """The longest valid number in the candidate ``text[s:e]``, cut only at whitespace between
        digit groups: (start, end, kind, national number, shaped), or None."""
        cand = text[s:e]
        intl = cand[0] == "+"
        parts = _SPLIT.split(cand)  # [lead, group, sep, group, ..., group, ""]: the candidate ends with a digit
        lead = parts[0]
        bracket = lead == "("
        pos = s + len(lead)  # text offset of the current group
        if bracket and not parts[2].startswith(")"):
            # "(0896-2718-4405)": the bracket encloses the number, it is no area-code bracket
            s += 1
            bracket = False
        if not intl and not bracket and cand[len(lead)] == "0" and len(parts[1]) < 3:
            return None  # "0.8123..." or "08 12": not how numbers are written
        last = len(parts) - 2  # index of the last digit group
        if " " not in cand and "\t" not in cand:
            # No blank between the groups ("0812-3456-7890", "081234567890"): the number can only end
            # with the candidate, as the loop below would find, group by group.
            digits = "".join(parts[1::2])
            if len(digits) > 15:
                return None
            got = classify(digits, intl)
            return (s, e, got[0], got[1], intl or bracket or last > 1) if got else None
        digits = ""
        best = None
        for k in range(1, last + 1, 2):
            group = parts[k]
            digits += group
            pos += len(group)
            if len(digits) > 15:
                break
            # a number may end here if the group is the last one or only blanks follow it
            if k == last or not parts[k + 1].strip(" \t"):
                got = classify(digits, intl)
                if got:
                    shaped = intl or bracket or k > 1  # +62, "(022)" or more than one group
                    best = (s, pos, got[0], got[1], shaped)
            if k < last:
                pos += len(parts[k + 1])
        return best
