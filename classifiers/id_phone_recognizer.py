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

How: a cheap regex finds tokens that start with ``+62``, ``62``, ``(0`` or
``0``; code extracts the digits, cuts at whitespace to the longest valid
number, and drops numbers glued to a longer digit token (an ISBN part, a bank
account), bare 10-digit landline-looking strings without a phone label (bank
accounts look like that), and numbers labelled as something else (``No. Rek``,
``Meeting ID``, ``NIB``, ``ISBN`` ...).

Source: Peraturan Menteri Kominfo on the national numbering plan (Rencana
Dasar Teknis, area codes and mobile prefixes; ITU-T E.164 country code 62).
"""
from __future__ import annotations

import re

from dlp.classifiers._digits import DigitRecognizer, make_result, scan

MOBILE_PREFIXES = frozenset(
    [str(p) for p in range(811, 820)] + ["821", "822", "823", "828", "831", "832", "833", "838",
                                         "851", "852", "853", "855", "856", "857", "858", "859", "868",
                                         "877", "878", "879"]
    + [str(p) for p in range(881, 890)] + [str(p) for p in range(895, 900)])
TWO_DIGIT_AREAS = frozenset(["21", "22", "24", "31", "61"])

# Starts with a literal (+, 6, ( or 0) so the regex engine skips ahead by character set;
# the look-behinds after the literal keep the number from starting inside a word or number.
_CAND = re.compile(
    r"(?:\+(?<![\w+]\+)[ \t]?62|62(?<![\w+]62)|\(0|0(?<![\w+]0))[\d() \t.\-\u2010-\u2015]{6,24}\d")
_SPLIT = re.compile(r"(\d+)")  # split keeping the digit groups: [lead, digits, sep, digits, ..., ""]
# what may not stand right before a number: a digit (with a joining mark) or a 4-8 digit group
_GLUED = re.compile(r"(?:\d[.\-/\u2010-\u2015]?|(?<!\d)\d{4,8}[ \t])\Z")
_JOINERS = ".-/\u2010\u2011\u2012\u2013\u2014\u2015"  # the joining marks of _GLUED
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
    if nsn[0] not in "234579" or (not intl and digits.startswith("62")):
        return None
    area = nsn[:2] if nsn[:2] in TWO_DIGIT_AREAS else nsn[:3]
    sub = nsn[len(area):]
    lo = 7 if len(area) == 2 else 5
    if lo <= len(sub) <= 8 and sub[0] not in "01":
        return "landline", nsn
    return None


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
            return []
        results = []
        sc = None
        pos = 0
        last_end = -1  # where the last reported number ends
        while True:
            m = _CAND.search(text, pos)
            if m is None:
                break
            s = m.start()
            # A rejected candidate is searched again from its next blank: "407.000 0812-3456-7890"
            # and "0812-3456-7890 0813-1111-2222" are one candidate each, the phone in the first
            # starts after its blank, and the second number of the second after the first ends.
            blank = _BLANK.search(text, s + 1, m.end())
            pos = blank.end() if blank else m.end()
            # glued to a longer digit token: "978-602-06-...", "12.0812...", "1234 0812 ...";
            # _GLUED can only match when a digit, a joining mark or a blank after a digit stands
            # right before the number, so the regex runs only then (most numbers follow a word).
            # Blanks after a number just reported do not glue: "(022) 7315642 0812-3456-7890".
            if s > 0:
                c = text[s - 1]
                if (c.isdigit() or c in _JOINERS or (c in " \t" and s > 1 and text[s - 2].isdigit())) \
                        and not (last_end >= 0 and not text[last_end:s].strip(" \t")) \
                        and _GLUED.search(text, max(0, s - 10), s):
                    continue
            found = self._best(text, m)
            if not found:
                continue
            start, end, kind, nsn, shaped = found
            pos = end  # what follows the number may hold another one
            if text[start] == "+" and start > 0 and text[start - 1] == "(" and ")" in text[start:start + 5]:
                start -= 1  # "(+62) 812 ..."
            if end < len(text) and (text[end].isalnum() or (text[end] in ".-" and text[end + 1:end + 2].isdigit())):
                continue
            if sc is None:
                sc = scan(text)
            lab = sc.label_for(start, end)
            cat = lab.cat if lab else None
            if cat and cat not in ("PHONE", "CARD") and lab.how in ("line", "above", "column"):
                continue  # named as an account, a meeting ID, an ID number ... ("SIM card 08..." stays)
            labelled = cat == "PHONE"
            if kind == "landline" and not shaped and not labelled:
                continue  # 0227208000: as likely a bank account as a phone
            word = lab.word if labelled else None
            number = "+62 " + nsn  # the national number, written international
            if kind == "mobile":
                score = 0.9 if labelled else 0.75
                en, id_ = f"Indonesian mobile number {number}", f"Nomor seluler Indonesia {number}"
            else:
                score = 0.85 if labelled else 0.6
                en, id_ = f"Indonesian landline number {number}", f"Nomor telepon rumah/kantor Indonesia {number}"
            if word:
                en += f" (labelled “{word}”)"
                id_ += f" (berlabel “{word}”)"
            results.append(make_result("PHONE_NUMBER", start, end, score, en, id_, self, word))  # (self.result)
            last_end = end
        return results

    @staticmethod
    def _best(text: str, m: re.Match):
        """The longest valid number in the candidate, cut only at whitespace between digit groups:
        (start, end, kind, national number, shaped), or None."""
        s = m.start()
        cand = m.group()
        intl = cand[0] == "+"
        parts = _SPLIT.split(cand)  # [lead, group, sep, group, ..., group, ""]: the candidate ends with a digit
        lead = parts[0]
        bracket = lead == "("
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
            return (s, m.end(), got[0], got[1], intl or bracket or last > 1) if got else None
        pos = m.start() + len(lead)  # text offset of the current group
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
