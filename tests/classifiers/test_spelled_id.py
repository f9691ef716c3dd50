"""ID_NIK and ID_KK spelled in digit words after their label: positives (whole span), true negatives, evasions."""
import datetime as dt

import dlp_tests_classifiers_factories as F
import pytest

NIK = F.make_nik()                                   # 3273 01 230485 0001: valid
NIK_W = F.make_nik("3171", 4, dt.date(1990, 7, 9), female=True, serial=12)
KK = F.make_kk()
WORDS = "nol satu dua tiga empat lima enam tujuh delapan sembilan".split()
EN = "zero one two three four five six seven eight nine".split()


def spell(digits: str, words=WORDS, sep: str = " ") -> str:
    return sep.join(words[int(c)] for c in digits)


def spell_pairs(digits: str) -> str:
    """The digits read aloud in pairs, as to a transcriber: 32 "tiga puluh dua", 30 "tiga puluh",
    15 "lima belas", 10 "sepuluh", 11 "sebelas", 05 "kosong lima"."""
    out = []
    for i in range(0, len(digits), 2):
        a, b = int(digits[i]), int(digits[i + 1])
        if a == 0:
            out += ["kosong", WORDS[b]]
        elif a == 1:
            out.append({0: "sepuluh", 1: "sebelas"}.get(b) or f"{WORDS[b]} belas")
        else:
            out.append(f"{WORDS[a]} puluh" + (f" {WORDS[b]}" if b else ""))
    return " ".join(out)


NIK_PAIRS = F.make_nik("3273", 8, dt.date(1978, 3, 15), female=False, serial=2237)   # 32 73 08 15 03 78 22 37
NIK_ROUND = F.make_nik("3171", 10, dt.date(1990, 11, 30), female=True, serial=5110)  # 31 71 10 70 11 90 51 10

POSITIVES = [
    (f"NIK saya {spell(NIK)}", "ID_NIK", spell(NIK)),
    (f"No. KTP: {spell(NIK_W)}.", "ID_NIK", spell(NIK_W)),
    (f"Nomor Induk Kependudukan {spell(NIK, sep=', ')}", "ID_NIK", spell(NIK, sep=", ")),
    (f"nik-nya {spell(NIK, EN, '-')}", "ID_NIK", spell(NIK, EN, "-")),                   # English, dashes
    (f"ID number (NIK) {spell(NIK, EN, '-')}", "ID_NIK", spell(NIK, EN, "-")),          # the label in brackets
    (f"NIK {NIK[:4]} {spell(NIK[4:])}", "ID_NIK", f"{NIK[:4]} {spell(NIK[4:])}"),        # mixed with digits
    (f"No. KK {spell(KK)}", "ID_KK", spell(KK)),
    (f"Kartu Keluarga: {spell(KK).upper()}", "ID_KK", spell(KK).upper()),                # any case
    (f"NIK saya {spell(NIK)} dua anak", "ID_NIK", spell(NIK)),                          # words after it
    (f"NIK istri saya: {spell(NIK_W)}", "ID_NIK", spell(NIK_W)),                        # two words between
    (f"Data: NIK 3273014905850003, HP 081234567890\nNIK ibu {spell(NIK_W)}", "ID_NIK", spell(NIK_W)),  # in a text
    # read aloud in pairs (a voice note's transcript): tens and teens count as two digits
    (f"nik nya pak {spell_pairs(NIK_PAIRS)} atas nama wahyu", "ID_NIK", spell_pairs(NIK_PAIRS)),
    (f"NIK {spell_pairs(NIK_ROUND)}", "ID_NIK", spell_pairs(NIK_ROUND)),             # 70, 10, 11, 30 51
    (f"No KK {spell_pairs(KK)}", "ID_KK", spell_pairs(KK)),
]

NEGATIVES = [
    f"teknik {spell(NIK)}",                          # "nik" inside a word is no label
    f"Catatan: {spell(NIK)}",                        # no NIK or KK label: a NIK has no prefix to go by
    f"NIK {spell(NIK[:15])}",                        # 15 digits
    f"NIK {spell('3273013204850001')}",              # day 32: no NIK structure
    f"NIK {spell('9973012304850001')}",              # province 99 does not exist
    "NIK satu, dua, tiga, empat",                    # counting
    f"NIK {NIK}",                                    # digits: the digit scan's (found once, by it)
    "NIK: dua puluh lima orang",                     # tens are no digit words
    f"NIK {spell(NIK)[:-5]}lima",                    # the last two words glued: no 16th digit word
    "NIK tiga puluh dua tujuh puluh tiga",           # pairs, but not 16 digits
    f"NIK puluh {spell(NIK)}",                       # "puluh" with no digit word before it
    f"Catatan: {spell_pairs(NIK_PAIRS)}",            # pairs without a label
]


@pytest.fixture(scope="module")
def rec():
    from dlp.classifiers.spelled_number_recognizer import SpelledIdRecognizer

    return SpelledIdRecognizer(supported_language="id")


@pytest.mark.parametrize("text,entity,span", POSITIVES)
def test_spelled_id_found(rec, analyzer, text, entity, span):
    assert [(r.entity_type, text[r.start:r.end]) for r in rec.analyze(text)] == [(entity, span)]
    assert (entity, span) in [(f.entity_type, f.text) for f in analyzer.analyze_text(text)]


@pytest.mark.parametrize("text", NEGATIVES)
def test_not_a_spelled_id(rec, text):
    assert rec.analyze(text) == []


def test_reason_spells_the_digits_and_the_check(rec):
    [r] = rec.analyze(f"NIK saya {spell(NIK)}")
    reason = r.recognition_metadata["dlp_reason"]
    assert NIK in reason["en"] and "written in words" in reason["en"] and "Jawa Barat" in reason["en"]
    assert "ditulis dengan kata" in reason["id"]


def test_dense_and_plain_texts_agree(rec):
    """A text with long numbers reads its labels from the digit scan; one without searches the label
    stems: the same spelled numbers either way."""
    from dlp.classifiers import _digits as D

    body = f"Warga: NIK {spell(NIK)}; KK {spell(KK)}; teknik {spell(NIK_W)}; nik: {spell(NIK_W)}"
    plain = [(r.entity_type, r.start, r.end) for r in rec.analyze(body)]
    dense_text = body + "\nRekening 1234567890123"
    sc = D.scan(dense_text)
    for b in range(len(dense_text) // sc.BLOCK + 1):  # (as the digit recognizers leave it in the engine)
        sc._block(b)
    assert sc.found_labels() is not None
    dense = [(r.entity_type, r.start, r.end) for r in rec.analyze(dense_text)]
    assert sorted(plain) == sorted(dense) and len(plain) == 3
