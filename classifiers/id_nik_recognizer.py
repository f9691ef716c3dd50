"""ID_NIK: Nomor Induk Kependudukan, the 16-digit number on every KTP.

What: ``PP KK CC DDMMYY SSSS`` - province, regency/city and district codes
(Kemendagri region codes), the holder's birth date with 40 added to the day
for women, and a serial.  Example: ``3273014905850003`` (Kota Bandung,
district 01, a woman born 1985-05-09, serial 0003), also written
``3273 0149 0585 0003``, ``32.73.01.490585.0003``, ``NIK : 3273-0149-0585-0003``
or wrapped across a line.

Why: the NIK is the key to a person's civil record, bank and health accounts;
a leaked NIK is used for loan fraud and SIM-card registration.

How ("the regex proposes, code decides"): every 16-digit window of a digit
run (:mod:`dlp.classifiers._digits`) is checked - region against the bundled
Kemendagri table (current and historical codes: a NIK never changes when a
province splits), a real, past birth date, serial 0001+.  A number that passes
is a NIK even without a label (also when it happens to pass the Luhn check of
a payment card); a number labelled NIK/KTP is reported even if the structure
fails (a mistyped NIK still leaks); a bare 16-digit number that fails is not
a NIK.  A "No. KK" label makes it a KK number (:mod:`.id_kk_recognizer`), a
tax label an NPWP, a card label plus a valid card number a payment card.
Masked numbers (``3273********0003``) are not NIKs.

Source: UU 23/2006 jo. UU 24/2013 on Administrasi Kependudukan (Pasal 13: one
NIK for life); Permendagri on the Kemendagri region codes (current table:
Kepmendagri 300.2.2-2138/2025, see ``data/regions.tsv``).
"""
from __future__ import annotations

from dlp.classifiers._digits import DigitRecognizer, regions


class IdNikRecognizer(DigitRecognizer):
    """Indonesian NIK (16 digits), validated by region code and birth date."""

    ENTITIES = ("ID_NIK",)
    CONTEXT = ("nik", "nomor induk kependudukan", "ktp", "no. ktp", "nomor ktp", "e-ktp", "ktp-el")

    def load(self) -> None:
        regions()  # read the region table at engine build, not on the first document

    def decide(self, sc):
        return self.from16(sc)
