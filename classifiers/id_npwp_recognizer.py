"""ID_NPWP: Nomor Pokok Wajib Pajak, the taxpayer number.

What: the 15-digit form ``TT.SSS.SSS.C-KKK.CCC`` (taxpayer type, serial, a
Luhn check digit over the first nine digits, tax office KPP, branch; e.g.
``03.418.256.8-441.000``), and the 16-digit form in use since 2024: for a
resident individual the NIK itself, for others ``0`` followed by the 15-digit
number.

Why: the NPWP opens a person's or company's tax record (income, assets) and
is asked for in procurement and payroll files; leaked with the name it is used
for invoice fraud.

How: a 15-digit window written in the NPWP grouping (2-3-3-1-3-3, any
separators) whose check digit holds is an NPWP without a label; the plain
15 digits need an NPWP/tax label.  The 16-digit form is reported only in tax
context ("NPWP", "pajak", "wajib pajak"), decided together with NIK and KK
(:func:`dlp.classifiers._digits.decide16`).  A labelled number written as one
number is reported even if the check digit fails.  Fourteen plain digits under
an NPWP label are an NPWP whose leading 0 a spreadsheet dropped (types 01-09),
when the check digit holds with the 0 put back.

Source: UU 6/1983 jo. UU 7/2021 (KUP, HPP) on the NPWP; PMK 112/PMK.03/2022
on NIK as NPWP (16 digits from 2024); PER DJP on the NPWP format and check
digit (Luhn over the nine-digit base).
"""
from __future__ import annotations

from dlp.classifiers._digits import DigitRecognizer, check_npwp15, labelled, reportable_mistype

NPWP_GROUPS = (2, 3, 3, 1, 3, 3)


def _decide15(sc):
    out = []
    for w in sc.windows(15):
        shaped = w.groups == NPWP_GROUPS
        if not shaped and not sc.may_be_named(w.start, w.end, "NPWP"):
            continue  # only an NPWP label makes it a finding, and none is within reach (a NIP's first 15 digits)
        chk = check_npwp15(w.digits)
        if not (chk.ok or (w.tight and sc.maybe_labelled(w.start, w.end, "NPWP"))):
            continue
        lab = sc.label_for(w.start, w.end)
        cat, word = (lab.cat, lab.word) if lab else (None, None)
        if chk.ok and (shaped or cat == "NPWP"):
            near_en, near_id = labelled(word)
            score = 0.95 if cat == "NPWP" else 0.9
            out.append((w, score, f"15-digit NPWP{near_en}: {chk.en}", f"NPWP 15 digit{near_id}: {chk.id}", word))
        elif cat == "NPWP" and reportable_mistype(sc, w, lab):
            near_en, near_id = labelled(word)
            out.append((w, 0.6, f"Labelled NPWP{near_en} whose check fails ({chk.en})",
                        f"Nomor berlabel NPWP{near_id} dengan cek gagal ({chk.id})", word))
    # A spreadsheet stores an NPWP typed as a number and drops its leading 0 (taxpayer types 01-09):
    # 14 plain digits under an NPWP label whose check holds with the 0 put back.
    for w in sc.windows(14):
        if w.groups != (14,) or not w.tight or not sc.may_be_named(w.start, w.end, "NPWP"):
            continue
        chk = check_npwp15("0" + w.digits)
        if not chk.ok:
            continue
        lab = sc.label_for(w.start, w.end)
        if lab is not None and lab.cat == "NPWP":
            near_en, near_id = labelled(lab.word)
            out.append((w, 0.85, f"15-digit NPWP{near_en} without its leading 0 (a spreadsheet dropped it): {chk.en}",
                        f"NPWP 15 digit{near_id} tanpa angka 0 di depan (terhapus oleh spreadsheet): {chk.id}",
                        lab.word))
    return out


class IdNpwpRecognizer(DigitRecognizer):
    """Indonesian taxpayer number (NPWP): 15 digits with a Luhn check digit, or 16 digits in tax context."""

    ENTITIES = ("ID_NPWP",)
    CONTEXT = ("npwp", "nomor pokok wajib pajak", "wajib pajak", "pajak")

    def decide(self, sc):
        return self.from_windows(sc, "15", _decide15, "ID_NPWP") + self.from16(sc)
