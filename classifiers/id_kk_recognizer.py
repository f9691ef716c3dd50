"""ID_KK: Nomor Kartu Keluarga, the 16-digit family-card number.

What: the same shape as a NIK - region code ``PP KK CC``, then the date the
card number was issued (``DDMMYY``, never shifted by 40), then a serial - so
the digits alone cannot tell a KK from a NIK.  It is told apart by its label:
``KK``, ``No. KK``, ``Nomor KK``, ``NKK``, ``Kartu Keluarga``, on the line, on
the line above, or as the column header of a table.  Example:
``No. KK: 3273011203150007``.

Why: the KK number unlocks a household's civil record (every member's NIK,
relationships, parents' names) and is asked for in aid, school and SIM-card
registration; it leaks with beneficiary lists.

How: the 16-digit decision is shared with the NIK recognizer
(:func:`dlp.classifiers._digits.decide16`): a number whose nearest label says
KK is reported as ``ID_KK`` - and not also as ``ID_NIK`` - when its region
code is valid and its date plausible, or, when written as one number, even if
it fails (a mistyped KK number still leaks).  Without a KK label a valid
number is a NIK.

Source: UU 23/2006 jo. UU 24/2013 on Administrasi Kependudukan; Permendagri
108/2019 (Peraturan Presiden 96/2018 pelaksanaan) on the KK document.
"""
from __future__ import annotations

from dlp.classifiers._digits import DigitRecognizer


class IdKkRecognizer(DigitRecognizer):
    """Indonesian family-card (KK) number: 16 digits named as KK by a label."""

    ENTITIES = ("ID_KK",)
    CONTEXT = ("kk", "no. kk", "nomor kk", "nkk", "kartu keluarga", "nomor kartu keluarga")

    def decide(self, sc):
        return self.from16(sc)
