"""ID_PASSPORT: letter + 7 digits, only where a passport label names it."""
from __future__ import annotations

import datetime as dt

import pytest


D = dt.date


def found(analyzer, text, entity):
    return [f.text for f in analyzer.analyze_text(text) if f.entity_type == entity]

POSITIVES = [
    ("No. Paspor: X1234567", "X1234567"),
    ("Passport No. B 7654321", "B 7654321"),
    ("Passport: E 018 3261", "E 018 3261"),                   # the digits grouped by blanks
    ("| No | Nama | Passport |\n| 1 | Ahmad Halim | X123 4567 |", "X123 4567"),
    ("nomor paspor C0012345 berlaku s.d. 2030", "C0012345"),
    ("paspor no: c1234567", "c1234567"),                      # typed in lower case (an evasion), labelled on its line
    ("paspor x1234567", "x1234567"),
    ("Paspor\nE9876543", "E9876543"),
    ("Nama\tNIK\tPaspor\nSiti\t3273016304850003\tX7654321\n", "X7654321"),
    ("Mohon paspor dibawa. Data: Budi Santoso, A2345678, berangkat 12/05", "A2345678"),
]

NEGATIVES = [
    "X1234567",                                  # no label
    "Kode barang B1234567",
    "paspor\nkode c1234567",                     # lower case needs the label on its line
    "kode barang c1234567 (lihat paspor)",
    "Nomor: B-1234567/KS.01/2021 paspor",        # a letter number
    "paspor X12345678",                          # eight digits
]


@pytest.mark.parametrize("text,expected", POSITIVES)
def test_passport_found(analyzer, text, expected):
    assert expected in found(analyzer, text, "ID_PASSPORT")


@pytest.mark.parametrize("text", NEGATIVES)
def test_not_a_passport(analyzer, text):
    assert found(analyzer, text, "ID_PASSPORT") == []


def test_long_table_under_passport_header(analyzer):
    rows = "".join(f"{i}\tPeserta Nomor {i}\tX{1000000 + i}\tKamar {i}\n" for i in range(1, 30))
    text = "No\tNama\tPaspor\tKeterangan\n" + rows
    assert len(found(analyzer, text, "ID_PASSPORT")) == 29


def test_column_header_as_chunk_context(analyzer):
    from dlp.models import Chunk

    findings = analyzer.analyze([Chunk("X7654321", "sheet Peserta!D3", context="No. Paspor"),
                                 Chunk("X7654322", "sheet Peserta!E3", context="Kode Booking")])
    assert [(f.entity_type, f.text) for f in findings] == [("ID_PASSPORT", "X7654321")]


def test_recognizer_alone():
    from dlp.classifiers.id_passport_recognizer import IdPassportRecognizer

    text = "Passport number: X1234567."
    (r,) = IdPassportRecognizer().analyze(text, ["ID_PASSPORT"])
    assert (r.start, r.end) == (17, 25)
