"""ID_NIP: Nomor Induk Pegawai of a civil servant (PNS) or PPPK, 18 digits.

What: ``YYYYMMDD YYYYMM G SSS`` - birth date, the year and month of
appointment as CPNS (TMT), gender (1 male, 2 female) and a serial.  PPPK
staff (government employees on contract, since 2019) have the same shape
with ``21`` in place of the appointment month.  Examples:
``198504232010011001``, ``NIP. 19850423 201001 1 001``.

Why: the NIP identifies the officer in every personnel file, pay list and
disposition sheet; with a name and birth date it is enough to impersonate
them in BKN and payroll services.  Reported at review level by default.

How: every 18-digit window of a digit run (the spaced form too) is checked:
a real birth date between 1940 and 2010, an appointment at 17 or later and
not in the future, gender 1 or 2, serial 001+.  A valid number is reported
without a label; a number labelled ``NIP`` is reported even if the check
fails (written as one number); a label naming something else (an account,
a tax object NOP ...) drops it.

Source: PP 11/2017 jo. PP 17/2020 on Manajemen PNS; Peraturan BKN on the
NIP (Peraturan Kepala BKN 22/2007, NIP baru 18 digit).
"""
from __future__ import annotations

from dlp.classifiers._digits import DigitRecognizer, check_nip, labelled, reportable_mistype


def _decide(sc):
    out = []
    for w in sc.windows(18):
        chk = check_nip(w.digits)
        if not (chk.ok or (w.tight and sc.maybe_labelled(w.start, w.end, "NIP"))):
            continue
        lab = sc.label_for(w.start, w.end)
        cat, word = (lab.cat, lab.word) if lab else (None, None)
        if chk.ok and cat != "NIP" and lab is not None and "NIP" in lab.also:
            cat = "NIP"  # a combined field ("NIK/NIP:") and a valid NIP
        near_en, near_id = labelled(word)
        if cat == "NIP":
            if chk.ok:
                out.append((w, 0.95, f"18-digit NIP{near_en}: {chk.en}", f"NIP 18 digit{near_id}: {chk.id}", word))
            elif reportable_mistype(sc, w, lab):
                out.append((w, 0.6, f"Labelled NIP{near_en} whose structure fails ({chk.en})",
                            f"Nomor berlabel NIP{near_id} dengan struktur salah ({chk.id})", word))
        elif chk.ok and not (cat and cat != "PHONE" and lab.how != "after"):
            out.append((w, 0.75, f"18-digit NIP: {chk.en}", f"NIP 18 digit: {chk.id}", word))
    return out


class IdNipRecognizer(DigitRecognizer):
    """Indonesian civil-servant number (NIP), 18 digits, validated by its dates."""

    ENTITIES = ("ID_NIP",)
    CONTEXT = ("nip", "nomor induk pegawai", "nip pppk")

    def decide(self, sc):
        return self.from_windows(sc, "18", _decide, "ID_NIP")
