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

from dlp.classifiers._digits import DigitRecognizer, check_nik, check_npwp15, labelled, reportable_mistype

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


def _decide22(sc):
    """Coretax's NITKU (Nomor Identitas Tempat Kegiatan Usaha, on e-Faktur and withholding slips since
    2025): the 16-digit NPWP and a 6-digit place-of-business code, ``000000`` for the taxpayer's main
    place.  A person's NPWP is their NIK, so ``NIK + 000000`` carries the NIK whole: 22 digits written
    as one number whose first 16 are a NIK and last 6 are zeros, or any 22 digits under a NITKU label
    whose first 16 are a NIK or ``0`` + a 15-digit NPWP."""
    out = []
    for w in sc.windows(22):
        if not w.tight:
            continue
        d = w.digits
        nik = check_nik(d[:16])
        npwp = nik if nik.ok or d[0] != "0" else check_npwp15(d[1:16])
        if not npwp.ok:
            continue
        lab = sc.label_for(w.start, w.end) if d[16:] != "000000" else None
        if d[16:] != "000000" and (lab is None or lab.cat != "NPWP"):
            continue
        word = lab.word if lab else None
        near_en, near_id = labelled(word)
        what_en, what_id = ("a NIK", "NIK") if nik.ok else ("0 + a 15-digit NPWP", "0 + NPWP 15 digit")
        out.append((w, 0.85, f"NITKU{near_en} (16-digit NPWP, {what_en}, + place code {d[16:]}): {npwp.en}",
                    f"NITKU{near_id} (NPWP 16 digit, {what_id}, + kode tempat usaha {d[16:]}): {npwp.id}", word))
    return out


class IdNpwpRecognizer(DigitRecognizer):
    """Indonesian taxpayer number (NPWP): 15 digits with a Luhn check digit, or 16 digits in tax context."""

    ENTITIES = ("ID_NPWP",)
    CONTEXT = ("npwp", "nomor pokok wajib pajak", "wajib pajak", "pajak")

    def decide(self, sc):
        found = self.from_windows(sc, "15", _decide15, "ID_NPWP") + self.from16(sc)
        text = sc.text
        if "000000" in text or "TKU" in text or "tku" in text:  # (a NITKU's ending or its label: most texts hold neither)
            found += self.from_windows(sc, "22", _decide22, "ID_NPWP")
        return found
