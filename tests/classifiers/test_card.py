"""CREDIT_CARD: payment cards (Luhn + issuer prefix) versus NIKs and bank accounts."""
from __future__ import annotations

import datetime as dt

import pytest

import dlp_tests_classifiers_factories as F  # registered by conftest.py

D = dt.date


def found(analyzer, text, entity):
    return [f.text for f in analyzer.analyze_text(text) if f.entity_type == entity]

VISA = F.make_card("453955216048371")
MC = F.make_card("545301234567890")
AMEX = F.make_card("37828224631000")
JCB = F.make_card("353011133330000")
NIK_LUHN = F.random_niks(3, seed=11, luhn=True, regions=("5171", "3578", "6271"))  # Bali, Surabaya, Palangka Raya: card-like prefixes (51 Mastercard, 3578 JCB, 62 UnionPay)

POSITIVES = [
    (f"Kartu kredit: {F.spaced(VISA)}", F.spaced(VISA)),
    (f"{F.spaced(VISA)}", F.spaced(VISA)),                    # a valid card needs no label
    (f"card number {VISA}", VISA),
    (f"Mastercard {F.spaced(MC, 4, '-')}", F.spaced(MC, 4, "-")),
    (f"Amex {AMEX[:4]} {AMEX[4:10]} {AMEX[10:]}", f"{AMEX[:4]} {AMEX[4:10]} {AMEX[10:]}"),
    (f"JCB {JCB}", JCB),
    (f"kartu kredit {NIK_LUHN[0]}", NIK_LUHN[0]),             # NIK-shaped, but a card label says card
    (f"No. Rekening/Kartu: {VISA}", VISA),                    # a field for an account or a card
    (f"Kartu / Rekening {F.spaced(MC)}", F.spaced(MC)),
    (f"Rek/Kartu: {AMEX}", AMEX),
    (f"No | Nama | Rekening/Kartu | Telp\n1 | Siti | {F.spaced(MC)} | 0812-3456-7890", F.spaced(MC)),  # its column
    (f"Nama\tNIK\tNo. Rekening/Kartu\nSiti\t{NIK_LUHN[1]}\t{VISA}", VISA),
]

NEGATIVES = [
    NIK_LUHN[0],                                # a Luhn-valid NIK is a NIK
    f"NIK: {NIK_LUHN[1]}",
    f"peserta {F.spaced(NIK_LUHN[2])}",
    "0041827365092",                            # bank account, no issuer prefix
    "No. Rekening 1320011964527",
    F.spaced(VISA[:-1] + str((int(VISA[-1]) + 1) % 10)),   # Luhn fails
    "4444 4444 4444 4448",                      # placeholder
    f"No. Invoice {VISA}",                      # named as something else
    f"No. Rekening: {F.spaced(MC)}",            # named as an account: a card-like account number stays one
    "No. Rekening/Kartu: 1320011964527",        # an account or card field, but no card number in it
    f"Rekening/Kartunya {VISA}",                # "kartunya" is no "kartu"
    f"No | Nama | Rekening | Telp\n1 | Siti | {F.spaced(MC)} | 0812-3456-7890",  # an account column
    f"{VISA[:8]}\n{VISA[8:]}",                  # two lines: not one written card number
]


@pytest.mark.parametrize("text,expected", POSITIVES)
def test_card_found(analyzer, text, expected):
    assert expected in found(analyzer, text, "CREDIT_CARD")


@pytest.mark.parametrize("text", NEGATIVES)
def test_not_a_card(analyzer, text):
    assert found(analyzer, text, "CREDIT_CARD") == []


@pytest.mark.parametrize("nik", NIK_LUHN)
def test_luhn_nik_reported_as_nik(analyzer, nik):
    assert found(analyzer, f"Nama: Siti, {nik}", "ID_NIK") == [nik]


def test_replaces_presidio_card_recognizer():
    from dlp.analyze import build_engine

    names = {r.name for r in build_engine().registry.recognizers}
    assert "PaymentCardRecognizer" in names and "CreditCardRecognizer" not in names


def test_recognizer_alone():
    from dlp.classifiers.card_recognizer import PaymentCardRecognizer

    text = f"Visa {F.spaced(VISA)} exp 12/27"
    results = PaymentCardRecognizer().analyze(text, ["CREDIT_CARD"])
    assert [(text[r.start:r.end], r.score) for r in results] == [(F.spaced(VISA), 0.95)]
