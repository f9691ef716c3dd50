"""ID_NPWP: 15-digit taxpayer numbers with their check digit, and the 16-digit form in tax context."""
from __future__ import annotations

import datetime as dt

import pytest

import dlp_tests_classifiers_factories as F  # registered by conftest.py

D = dt.date


def found(analyzer, text, entity):
    return [f.text for f in analyzer.analyze_text(text) if f.entity_type == entity]

NPWP = F.make_npwp("03", 418256, kpp="441")
NPWP2 = F.make_npwp("01", 3456, kpp="051", branch="001")
PLAIN = F.make_npwp("07", 991234, kpp="442", formatted=False)
NIK = F.make_nik("3273", 1, D(1985, 4, 23), serial=3)
NPWP16_BADAN = "0" + F.make_npwp("02", 777001, kpp="091", formatted=False)


def _bad_check(npwp: str) -> str:
    d = F.npwp_digits(npwp)
    wrong = str((int(d[8]) + 1) % 10)
    return npwp[:11] + wrong + npwp[12:]


POSITIVES = [
    (f"NPWP: {NPWP}", NPWP),
    (f"{NPWP2}", NPWP2),                                        # the NPWP grouping needs no label
    (f"NPWP {PLAIN}", PLAIN),                                   # plain 15 digits with a label
    (f"npwp {F.npwp_digits(NPWP)[:2]} {F.npwp_digits(NPWP)[2:5]} {F.npwp_digits(NPWP)[5:8]} "
     f"{F.npwp_digits(NPWP)[8]} {F.npwp_digits(NPWP)[9:12]} {F.npwp_digits(NPWP)[12:]}", None),
    (f"NPWP : {NPWP.replace('-', ' - ')}", NPWP.replace("-", " - ")),
    (f"NPWP {NIK}", NIK),                                       # 16-digit NPWP = NIK, in tax context
    (f"NPWP baru (16 digit): {NPWP16_BADAN}", NPWP16_BADAN),    # 0 + 15-digit NPWP
    (f"Nomor Pokok Wajib Pajak {NPWP}", NPWP),
    (f"NPWP: {_bad_check(NPWP)}", _bad_check(NPWP)),            # labelled, check digit wrong: reported
    # a spreadsheet's number cell: the leading 0 of a type 01-09 NPWP dropped
    (f"NPWP\n{F.npwp_digits(F.make_npwp('01', 579754, kpp='416'))[1:]}",
     F.npwp_digits(F.make_npwp("01", 579754, kpp="416"))[1:]),
]
POSITIVES = [(t, e if e is not None else t[5:]) for t, e in POSITIVES]

NEGATIVES = [
    _bad_check(NPWP),                       # NPWP shape but the check digit fails, no label
    PLAIN,                                  # plain 15 digits without a label
    "NOP PBB 32.73.010.001.001-0123.0",     # tax object number
    "00.000.000.0-000.000",                 # placeholder
    F.npwp_digits(F.make_npwp("01", 579754, kpp="416"))[1:],           # 14 digits without an NPWP label
    f"Rekening {F.npwp_digits(F.make_npwp('01', 579754, kpp='416'))[1:]}",
]


@pytest.mark.parametrize("text,expected", POSITIVES)
def test_npwp_found(analyzer, text, expected):
    assert expected in found(analyzer, text, "ID_NPWP")


@pytest.mark.parametrize("text", NEGATIVES)
def test_not_an_npwp(analyzer, text):
    assert found(analyzer, text, "ID_NPWP") == []


@pytest.mark.parametrize("npwp", ["01.762.043.6-093.000", "07.205.718.5-452.000"])
def test_check_digit_rule(npwp):
    from dlp.classifiers._digits import check_npwp15

    assert check_npwp15(F.npwp_digits(npwp)).ok
    assert not check_npwp15(F.npwp_digits(_bad_check(npwp))).ok


def test_sixteen_digits_without_tax_context_is_nik(analyzer):
    assert found(analyzer, NIK, "ID_NIK") == [NIK]
    assert found(analyzer, NIK, "ID_NPWP") == []


def test_nik_as_npwp_reported_once(analyzer):
    findings = [(f.entity_type, f.text) for f in analyzer.analyze_text(f"NIK {NIK}\nNPWP {NIK}")]
    assert findings == [("ID_NIK", NIK), ("ID_NPWP", NIK)]


def test_recognizer_alone_span():
    from dlp.classifiers.id_npwp_recognizer import IdNpwpRecognizer

    text = f"CV Mitra, NPWP {NPWP}, alamat"
    (r,) = IdNpwpRecognizer().analyze(text, ["ID_NPWP"])
    assert text[r.start:r.end] == NPWP and "tax office 441" in r.recognition_metadata["dlp_reason"]["en"]


# Finance papers: their numbers' labels end in "Pajak" or name a payment, and name no taxpayer.
NOT_A_TAXPAYER = [
    "1. Faktur Pajak 010.001-24.40297123 sudah diunggah rekanan",
    "No. Faktur Pajak: 010.000-24.12345678",
    "2. Kode Billing Pajak PPN: 267172520929164 (masa 05/2024)",
    "ID Billing pajak 112345678901234",
    f"Surat Setoran Pajak (SSP) nomor {NIK}",
    f"Kode Billing Pajak Daerah: {NIK}",
    f"Teller Bank BJB: sebutkan Kode Bayar {NIK}",
    f"Nomor Pembayaran {NIK} Pajak Daerah",
    f"NPWPD {NIK}",
    # a virtual account column among the columns of a PDF's table
    f"No NOP Virtual Account Tagihan (Rp) Status\n1 32.77.010.008.016-7722.4 {NIK} 751.115 Belum bayar\n",
]


@pytest.mark.parametrize("text", NOT_A_TAXPAYER)
def test_finance_numbers_are_no_identifiers(analyzer, text):
    assert [f for f in analyzer.analyze_text(text) if f.entity_type != "PERSON"] == []


def test_a_label_in_an_earlier_cell_gives_way_to_the_column():
    """A CSV row's first cell holds "SP2D" (a label of another kind); the NPWP column's header names the number."""
    from dlp.analyze import Analyzer

    plain = F.npwp_digits(NPWP)
    text = f"no_sp2d,tanggal,penerima,npwp_penerima,rekening\n2388/SP2D/LS/2023,2023-04-10,CV Mitra,{plain},0067590749525\n"
    assert found(Analyzer(), text, "ID_NPWP") == [plain]


@pytest.mark.parametrize("text, expected", [
    (f"NITKU penerima: {NIK}000000", f"{NIK}000000"),               # a person: NIK + 000000
    (f"No\tNama\tNITKU\n1\tBudi\t{NIK}000000\n", f"{NIK}000000"),
    (f"ID TKU {NPWP16_BADAN}000001", f"{NPWP16_BADAN}000001"),       # a company's branch, under its label
])
def test_nitku_carries_the_npwp(analyzer, text, expected):
    assert found(analyzer, text, "ID_NPWP") == [expected]


@pytest.mark.parametrize("text", ["Order 1234567890123456789012", f"Kode {NPWP16_BADAN}000001"])
def test_22_digits_without_a_nitku_are_none(analyzer, text):
    assert found(analyzer, text, "ID_NPWP") == []


def test_a_quoted_cell_holding_commas_keeps_the_columns():
    """A CSV's name cell with its degrees quoted ("EUIS SYAHPUTRA, A.Md."): its commas end no cell."""
    from dlp.analyze import Analyzer

    plain = F.npwp_digits(NPWP)
    text = f'nama,npwp,no_kk,no_rek\n"EUIS SYAHPUTRA, A.MD.",{plain},{NIK},\n'  # (no account: cells, not counts)
    got = [(f.entity_type, f.text) for f in Analyzer().analyze_text(text) if f.entity_type != "PERSON"]
    assert got == [("ID_NPWP", plain), ("ID_KK", NIK)]


def test_a_spreadsheet_cell_under_its_header_and_a_row_label_with_commas():
    """A workbook's cell comes with its column header and its row's label as context ("NPWP" and
    "Dr. Yuli Suryana, S.H., M.M."): the label's commas make no table of the context line."""
    from dlp.analyze import Analyzer
    from dlp.models import Chunk

    plain = F.npwp_digits(NPWP)
    found = Analyzer().analyze([Chunk(plain, "sheet PPh21!D2", "NPWP Dr. Yuli Suryana, S.H., M.M.")])
    assert [(f.entity_type, f.text) for f in found] == [("ID_NPWP", plain)]
