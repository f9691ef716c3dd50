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
a NIK; one a digit short or long (15 or 17 digits) is reported when a NIK
label stands right before it.  A "No. KK" label makes it a KK number (:mod:`.id_kk_recognizer`), a
tax label an NPWP, a card label plus a valid card number a payment card.
Masked numbers (``3273********0003``) are not NIKs.

Source: UU 23/2006 jo. UU 24/2013 on Administrasi Kependudukan (Pasal 13: one
NIK for life); Permendagri on the Kemendagri region codes (current table:
Kepmendagri 300.2.2-2138/2025, see ``data/regions.tsv``).
"""
from __future__ import annotations

from dlp.classifiers._digits import DigitRecognizer, labelled, regions, reportable_mistype


def _wrong_length(sc):
    """NIK/KTP-labelled numbers a digit short or long (15 or 17 digits written as one block): a
    mistyped NIK still leaks.  Only with the label on the number's line, right before it."""
    out = []
    for w in sc.windows(15) + sc.windows(17):
        if len(w.groups) != 1:
            continue  # one block only: a spaced run's part is some other number's
        lab = sc.label_for(w.start, w.end)
        if lab is None or lab.cat != "NIK" or lab.how != "line" or not reportable_mistype(sc, w, lab):
            continue
        near_en, near_id = labelled(lab.word)
        n = len(w.digits)
        out.append((w, 0.6, f"Labelled NIK{near_en} with {n} digits instead of 16: a mistyped NIK still leaks",
                    f"Nomor berlabel NIK{near_id} dengan {n} digit, bukan 16: salah ketik tetap bocor", lab.word))
    return out


class IdNikRecognizer(DigitRecognizer):
    """Indonesian NIK (16 digits), validated by region code and birth date."""

    ENTITIES = ("ID_NIK",)
    CONTEXT = ("nik", "nomor induk kependudukan", "ktp", "no. ktp", "nomor ktp", "e-ktp", "ktp-el")

    def load(self) -> None:
        regions()  # read the region table at engine build, not on the first document

    def decide(self, sc):
        return self.from16(sc) + self.from_windows(sc, "nik-length", _wrong_length, "ID_NIK")
