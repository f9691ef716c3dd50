"""PHONE_NUMBER spelled in digit words: positives (whole span), true negatives, mixed writings."""
import pytest

E = "PHONE_NUMBER"

POSITIVES = [
    ("hubungi nol delapan satu dua 3456 7890", "nol delapan satu dua 3456 7890"),
    ("WA: kosong delapan lima tujuh - dua dua satu satu - tiga tiga empat empat",
     "kosong delapan lima tujuh - dua dua satu satu - tiga tiga empat empat"),
    ("call me zero eight one two three four five six seven eight nine zero",
     "zero eight one two three four five six seven eight nine zero"),
    ("nomornya 0812 tiga empat lima enam tujuh delapan sembilan", "0812 tiga empat lima enam tujuh delapan sembilan"),
    ("Nol Delapan Satu Tiga, 2211, 3344", "Nol Delapan Satu Tiga, 2211, 3344"),              # any case
    ("enam dua delapan satu dua tiga empat lima enam tujuh delapan sembilan",
     "enam dua delapan satu dua tiga empat lima enam tujuh delapan sembilan"),              # 62 for the 0
]

NEGATIVES = [
    "satu, dua, tiga, empat, lima, enam, tujuh, delapan",      # counting: no mobile number
    "umurnya delapan belas tahun, anaknya dua puluh lima",       # teens and tens are no digit words
    "nol delapan satu dua",                                      # too short
    "HP 0812 3456 7890",                                         # digits only: the phone recognizer's
    "nol delapan nol nol satu dua tiga empat lima enam",         # 0800: no operator prefix
    "delapan satu dua tiga empat lima enam tujuh delapan sembilan",  # no 0 or 62 before the 8
]


@pytest.fixture(scope="module")
def rec():
    from dlp.classifiers.spelled_number_recognizer import SpelledPhoneRecognizer

    return SpelledPhoneRecognizer(supported_language="id")


@pytest.mark.parametrize("text,span", POSITIVES)
def test_spelled_number_found(rec, analyzer, text, span):
    assert [text[r.start:r.end] for r in rec.analyze(text, [E])] == [span]
    assert span in [f.text for f in analyzer.analyze_text(text) if f.entity_type == E]


@pytest.mark.parametrize("text", NEGATIVES)
def test_not_a_spelled_number(rec, text):
    assert rec.analyze(text, [E]) == []


def test_reason_spells_the_digits(rec):
    [r] = rec.analyze("hubungi nol delapan satu dua 3456 7890", [E])
    assert "081234567890" in r.recognition_metadata["dlp_reason"]["id"]
