"""ID_NIK: table of positives (with spans), true negatives and evasions, through the engine and alone."""
from __future__ import annotations

import datetime as dt

import pytest

import dlp_tests_classifiers_factories as F  # registered by conftest.py

D = dt.date

NIK_M = F.make_nik("3273", 1, D(1985, 4, 23), female=False, serial=3)      # Kota Bandung
NIK_F = F.make_nik("3578", 12, D(1992, 11, 5), female=True, serial=217)    # Kota Surabaya, woman: day 45
NIK_2003 = F.make_nik("3276", 3, D(2003, 2, 28), female=True, serial=41)   # Kota Depok, born 2003
NIK_KALTARA = F.make_nik("6501", 2, D(1979, 7, 1), serial=88)              # Kalimantan Utara (since 2012)
NIK_OLD_KALTIM = F.make_nik("6404", 2, D(1979, 7, 1), serial=89)           # same regency, pre-2012 code
NIK_PAPUA_SEL = F.make_nik("9301", 5, D(1990, 1, 9), serial=12)            # Papua Selatan (since 2022)
NIK_OLD_PAPUA = F.make_nik("9101", 5, D(1990, 1, 9), serial=13)            # Merauke, pre-2022 code
NIK_LEAP = F.make_nik("3171", 4, D(2000, 2, 29), female=True, serial=5)    # 29 Feb 2000
NIK_LUHN = F.random_niks(1, seed=7, luhn=True)[0]                           # also passes the card check
assert F.luhn_ok(NIK_LUHN)

# (text, expected finding text)
POSITIVES = [
    (f"Data pemohon: {NIK_M}", NIK_M),
    (f"NIK: {NIK_M}", NIK_M),
    (f"No. KTP {NIK_F}", NIK_F),
    (f"Nomor Induk Kependudukan : {NIK_2003}", NIK_2003),
    (f"{NIK_KALTARA} Tarakan", NIK_KALTARA),
    (f"warga lama {NIK_OLD_KALTIM}", NIK_OLD_KALTIM),
    (f"pemohon {NIK_PAPUA_SEL}", NIK_PAPUA_SEL),
    (f"pemohon {NIK_OLD_PAPUA}", NIK_OLD_PAPUA),
    (f"lahir kabisat {NIK_LEAP}", NIK_LEAP),
    (f"{NIK_LUHN}", NIK_LUHN),  # a Luhn-valid NIK without card context is a NIK
    (f"1. Budi Santoso\t{NIK_M}\tJl. Merdeka 10", NIK_M),
    (f"NIK {NIK_M}, NIK istri {NIK_F}", NIK_F),
    # labelled numbers are reported even when the structure fails (a mistyped NIK still leaks)
    ("NIK: 9912016304850003", "9912016304850003"),
    ("No. KTP 3273013204850003", "3273013204850003"),
    ("NIK : 3273 0163 0485 0000", "3273 0163 0485 0000"),
    ("N.I.K. 9912016304850003", "9912016304850003"),              # a dotted label names it too
    (f"NIK/NIP: {NIK_M}", NIK_M),                                   # a combined field: the NIK fits it
    (f"NIK: {NIK_M[:15]}", NIK_M[:15]),                             # a digit short: still a leak
    (f"No. KTP {NIK_M}7", f"{NIK_M}7"),                             # a digit too many
    (f"No. KK / NIK : {NIK_F}", NIK_F),
    ("No. KTP\n9912016304850003", "9912016304850003"),             # label on the line above
]

EVASIONS = [
    (f"NIK {F.spaced(NIK_M)}", F.spaced(NIK_M)),
    (f"NIK {F.spaced(NIK_M, 4, '-')}", F.spaced(NIK_M, 4, "-")),
    (f"ktp {NIK_M[:2]}.{NIK_M[2:4]}.{NIK_M[4:6]}.{NIK_M[6:12]}.{NIK_M[12:]}",
     f"{NIK_M[:2]}.{NIK_M[2:4]}.{NIK_M[4:6]}.{NIK_M[6:12]}.{NIK_M[12:]}"),
    (f"{NIK_F[:6]} {NIK_F[6:12]} {NIK_F[12:]}", f"{NIK_F[:6]} {NIK_F[6:12]} {NIK_F[12:]}"),
    (f"{NIK_F[:8]} {NIK_F[8:]}", f"{NIK_F[:8]} {NIK_F[8:]}"),
    (f"NIK : {NIK_M[:4]}.{NIK_M[4:8]}-{NIK_M[8:12]} {NIK_M[12:]}", f"{NIK_M[:4]}.{NIK_M[4:8]}-{NIK_M[8:12]} {NIK_M[12:]}"),
    (f"wrapped {NIK_F[:8]}\n{NIK_F[8:]} end", f"{NIK_F[:8]}\n{NIK_F[8:]}"),
    (" ".join(NIK_M), " ".join(NIK_M)),
    (f"NIK{NIK_M}", NIK_M),
    (f"NIK {NIK_M[:8]}-\n{NIK_M[8:]}", f"{NIK_M[:8]}-\n{NIK_M[8:]}"),          # hyphenated at a line break
    (f"NIK {F.spaced(NIK_F, 2)}", F.spaced(NIK_F, 2)),
    ("NIK: " + NIK_M.translate(str.maketrans("0123456789", "０１２３４５６７８９")),
     NIK_M.translate(str.maketrans("0123456789", "０１２３４５６７８９"))),
    (f"NIK {NIK_M[:4]}\u200b{NIK_M[4:8]}\u200b{NIK_M[8:]}", f"{NIK_M[:4]}\u200b{NIK_M[4:8]}\u200b{NIK_M[8:]}"),
    (f"NIK: {NIK_M.replace('0', 'O').replace('1', 'l')}", NIK_M.replace("0", "O").replace("1", "l")),
    # separators no digit run holds, after a NIK label
    (f"NIK {F.spaced(NIK_M, 4, '_')}", F.spaced(NIK_M, 4, "_")),
    (f"NIK {F.spaced(NIK_F, 4, ',')}", F.spaced(NIK_F, 4, ",")),
    (f"No. KTP: {F.spaced(NIK_M, 4, '/')}", F.spaced(NIK_M, 4, "/")),
    (f"nik {F.spaced(NIK_F, 4, ', ')}", F.spaced(NIK_F, 4, ", ")),
    # a word or two between the label and such a number; mixed separators; emoji
    (f"NIK ortu {F.spaced(NIK_M, 4, '/')}", F.spaced(NIK_M, 4, "/")),
    (f"NIK abdi {NIK_M[:2]}{NIK_M[2:].replace('0', 'O')}", f"{NIK_M[:2]}{NIK_M[2:].replace('0', 'O')}"),
    (f"NIK: {NIK_F[:4]}-{NIK_F[4:6]}.{NIK_F[6:12]}_{NIK_F[12:]}", f"{NIK_F[:4]}-{NIK_F[4:6]}.{NIK_F[6:12]}_{NIK_F[12:]}"),
    (f"NIK \U0001f449 {F.spaced(NIK_M, 4, chr(0x1f539))}", F.spaced(NIK_M, 4, chr(0x1f539))),
]

NEGATIVES = [
    # dates side by side pass as a NIK's 16 digits about once in sixteen: a DUK row, a service log
    "14-01-1969 01-04-2013",                  # (region 14.01.19: a real regency)
    "Tanggal 11-04-2026 12-04-2026 selesai",
    "17-11-2026 5 44 1 36 50",                # a date and a day's counts
    "14/01/1969 01/04/2013",
    "1969.01.14 2013.04.01",
    f"kode {F.spaced(NIK_M, 4, '_')}",        # odd separators without a NIK label
    "9912016304850003",                       # province 99 does not exist, no label
    f"nomor {NIK_M[:15]}",                    # 15 digits without a NIK label
    f"NIP: {NIK_M[:15]}",                     # ... or under another label
    "3299016304850003",                       # regency 32.99 does not exist
    "3273006304850003",                       # district 00
    "3273016313850003",                       # month 13
    "3273013104850003",                       # 31 April
    "3273016304850000",                       # serial 0000
    "3273********0003",                       # masked
    "3204xxxxxxxxxxxx",
    "NIK: 3273 **** **** 0003",
    f"{NIK_M}1",                              # 17 digits: not a NIK
    f"ab{NIK_M}cd",                           # inside an alphanumeric token
    "12345678\n87654321",                     # two unrelated numbers on consecutive lines
    "Rp 3.273.016.304.850.003",               # an amount
    "Sertifikat elektronik 9912016304850003",  # "nik" inside "elektronik" is no label
    "teknik unik 9912016304850003",
    f"No. Rekening: {NIK_M}",                 # named as a bank account
    "Contoh penulisan NIK: 3201234567890001",  # an example in a guide, structure fails
    "NIK: 1234567890123456",                  # placeholder
    "NIK: 9876543210987654",
    "NIK: 0000000000000000",
]


@pytest.fixture(scope="module")
def rec():
    from dlp.classifiers.id_nik_recognizer import IdNikRecognizer

    return IdNikRecognizer(supported_language="id")


def _found(analyzer, text, entity="ID_NIK"):
    return [f.text for f in analyzer.analyze_text(text) if f.entity_type == entity]


@pytest.mark.parametrize("text,expected", POSITIVES + EVASIONS)
def test_engine_reports_nik(analyzer, text, expected):
    assert expected in _found(analyzer, text)


@pytest.mark.parametrize("text,expected", [p for p in POSITIVES + EVASIONS if p[0].isascii()])
def test_recognizer_span(rec, text, expected):
    spans = [(r.start, r.end) for r in rec.analyze(text, ["ID_NIK"])]
    start = text.index(expected)
    assert (start, start + len(expected)) in spans


@pytest.mark.parametrize("text", NEGATIVES)
def test_not_a_nik(analyzer, text):
    assert _found(analyzer, text) == []


def test_luhn_valid_nik_is_not_a_card(analyzer):
    types = {f.entity_type for f in analyzer.analyze_text(f"Peserta: {NIK_LUHN}")}
    assert types == {"ID_NIK"}


def test_reason_decodes_region_and_birth(analyzer):
    (f,) = [f for f in analyzer.analyze_text(f"NIK: {NIK_F}") if f.entity_type == "ID_NIK"]
    assert "35.78.12" in f.reason["en"] and "Kota Surabaya" in f.reason["en"]
    assert "1992-11-05" in f.reason["en"] and "female" in f.reason["en"]
    assert "perempuan" in f.reason["id"]


def test_historical_code_named(analyzer):
    (f,) = [f for f in analyzer.analyze_text(NIK_OLD_PAPUA) if f.entity_type == "ID_NIK"]
    assert "Merauke" in f.reason["en"] and "93.01" in f.reason["en"]


def test_two_valid_halves_across_lines_only_when_valid(analyzer):
    # 8 + 8 digits on consecutive lines merge only if the 16 digits validate fully
    text = f"{NIK_M[:8]}\n{NIK_M[8:]}"
    assert _found(analyzer, text) == [text]
    labelled_bad = "NIK\n99120163\n04850003"
    assert _found(analyzer, labelled_bad) == []


def test_every_province_accepted(rec):
    from dlp.classifiers._digits import regions

    provinces = [c for c in regions() if len(c) == 2]
    assert len(provinces) == 38 and {"65", "91", "92", "93", "94", "95", "96"} <= set(provinces)
    for code in provinces:
        regency = min(c for c in regions() if c.startswith(code + ".") and len(c) == 5)
        nik = F.make_nik(regency.replace(".", ""), 1, D(1970, 6, 15), serial=1)
        assert rec.analyze(nik, ["ID_NIK"]), nik


def test_many_random_niks_found_alone(rec):
    for nik in F.random_niks(200, seed=3):
        assert [(r.start, r.end) for r in rec.analyze(f"x {nik} y", ["ID_NIK"])] == [(2, 18)], nik


@pytest.mark.parametrize("text", [f"NIK {NIK_M[:15]}/{NIK_M[15]}", f"NIK {NIK_M[:10]} / {NIK_M[10:]}"])
def test_no_nik_glued_across_one_slash(analyzer, text):
    """A number and a code after a slash, or two numbers with one slash between, are not one NIK
    written with odd separators (those take one separator between three or more groups)."""
    assert not [f for f in analyzer.analyze_text(text) if f.entity_type == "ID_NIK" and "/" in f.text]


@pytest.mark.parametrize("text", ["Belanja ATK 3.273.012.505 900.017", "Pagu 3.273.122.903 852.207 sisa"])
def test_amounts_side_by_side_are_no_nik(analyzer, text):
    assert [f for f in analyzer.analyze_text(text) if f.entity_type != "PERSON"] == []


@pytest.mark.parametrize("text", ["NIK belum di input 10 hari", "NIK ortu 1234/5678 hal 2"])
def test_words_after_a_label_make_no_number(analyzer, text):
    assert [f for f in analyzer.analyze_text(text) if f.entity_type != "PERSON"] == []


def test_numbers_of_neighbouring_cells_are_not_one_number(analyzer):
    """A Word or HTML table is read a row a line, its cells tab-separated: an area code, a population and
    a density side by side hold 16 digits that pass as a NIK, but are three numbers."""
    text = "Kecamatan\tKode\tPenduduk\tKepadatan\nCibeunying\t3273050\t70484\t5614\n"
    assert [f for f in analyzer.analyze_text(text) if f.entity_type != "PERSON"] == []
    assert _found(analyzer, f"NIK\t{F.spaced(NIK_M)}") == [F.spaced(NIK_M)]


@pytest.mark.parametrize("text", [f"NIP: {NIK_M}", f"No | Nama | NIP\n1 | Budi | 198504232010011001\n2 | Siti | {NIK_M}\n",
                                  f"Paspor: {NIK_M}"])
def test_a_nik_where_a_nip_or_passport_goes_is_a_nik(analyzer, text):
    assert _found(analyzer, text) == [NIK_M]
