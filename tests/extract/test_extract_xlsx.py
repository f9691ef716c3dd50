"""XLSX: every cell of every sheet, with its column header as context, and what hides around them."""
import datetime

import pytest

from dlp.extract import Context, Limits, extract_bytes
from dlp.extract.xlsx import render_number


@pytest.fixture(scope="module")
def book(f):
    data = f.xlsx_workbook(
        rows=[["Daftar Pemohon"], ["No", "Nama", "NIK", "Telepon", "Lahir"],
              [1, "Budi Santoso", 3171012304850001, "0812-3456-7890", datetime.date(1985, 4, 23)],
              [2, "Siti Aminah", "3171012304850002", 0.5, datetime.datetime(2021, 5, 1, 8, 30)],
              [3, "Rudi", 1e20, 1234567.25, None]],
        hidden_sheet={"name": "Arsip", "rows": [["Email"], ["budi.santoso@contoh.go.id"]]},
        very_hidden={"name": "Kunci", "rows": [["sandi rahasia"]]},
        hidden_row=4, comment=("B3", "Konfirmasi ke 0813-2222-3333"), header="RAHASIA",
        formula=("F3", '=CONCATENATE("kontak: ","siti@contoh.go.id")'))
    return f.xlsx_shared_strings(data, orphan="nomor lama 0813-0000-1111")


def test_cells_with_parts(book, parts):
    ex = extract_bytes(book)
    assert ex.errors == []
    p = parts(ex)
    assert p["sheet Data!B3"] == ["Budi Santoso"]
    assert p["sheet Data!C4"] == ["3171012304850002"]  # hidden row read too


def test_numbers_without_dot_zero_or_exponent(book, parts):
    p = parts(extract_bytes(book))
    assert p["sheet Data!C3"] == ["3171012304850001"]  # a 16-digit number stays 16 digits
    assert p["sheet Data!C5"] == ["100000000000000000000"]
    assert p["sheet Data!A3"] == ["1"]
    assert p["sheet Data!D4"] == ["0.5"]
    assert p["sheet Data!D5"] == ["1234567.25"]


def test_dates_render_as_dates(book, parts):
    p = parts(extract_bytes(book))
    assert p["sheet Data!E3"] == ["1985-04-23"]
    assert p["sheet Data!E4"] == ["2021-05-01 08:30:00"]


def test_column_header_and_row_label_are_context(book):
    cells = {c.part: c for c in extract_bytes(book).chunks}
    assert cells["sheet Data!C3"].context.split()[0] == "NIK"
    assert "Budi Santoso" in cells["sheet Data!C3"].context
    assert cells["sheet Data!D3"].context.startswith("Telepon")
    assert cells["sheet Data!A1"].context == ""


def test_hidden_and_very_hidden_sheets(book, parts):
    p = parts(extract_bytes(book))
    assert p["sheet Arsip!A2"] == ["budi.santoso@contoh.go.id"]
    assert p["sheet Kunci!A1"] == ["sandi rahasia"]


def test_comment_header_formula_and_orphan_string(book, parts):
    p = parts(extract_bytes(book))
    assert p["sheet Data!B3:comment"] == ["Konfirmasi ke 0813-2222-3333"]
    assert p["comment:author"] == ["Penelaah"]
    assert p["sheet Data:header"] == ["RAHASIA"]
    assert "siti@contoh.go.id" in p["sheet Data!F3:formula"][0]
    assert p["shared strings"] == ["nomor lama 0813-0000-1111"]


def test_properties(book, parts):
    p = parts(extract_bytes(book))
    assert p["metadata:author"] == ["Rina Kartika"]
    assert p["metadata:title"] == ["Rekap"]


def test_inline_strings_as_openpyxl_writes_them(f, parts):
    p = parts(extract_bytes(f.xlsx_workbook(rows=[["NIK", "Nama"], ["3171012304850001", "Budi"]])))
    assert p["sheet Data!A2"] == ["3171012304850001"]


def test_cell_limit(book, codes):
    ex = extract_bytes(book, Context(Limits(max_cells=5)))
    assert len([c for c in ex.chunks if c.part.startswith("sheet ") and "!" in c.part
                and not c.part.endswith((":comment", ":formula"))]) == 5
    assert ("limit", "sheet Data") in codes(ex)


@pytest.mark.parametrize("raw, shown", [
    ("3171012304850001", "3171012304850001"),
    ("3.171012304850001E+15", "3171012304850001"),
    ("1E+20", "100000000000000000000"),
    ("12.0", "12"),
    ("0.1", "0.1"),
    ("1.1000000000000001", "1.1"),
    ("1E-7", "0.0000001"),
    ("-42", "-42"),
    ("abc", "abc"),
])
def test_render_number(raw, shown):
    assert render_number(raw) == shown


def test_large_sheet_is_fast(f):
    import io
    import time

    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["No", "Nama", "NIK", "Telepon", "Alamat"])
    for i in range(4000):
        ws.append([i, f"Nama {i}", f"3171012304{i:06d}", 81234567890 + i, f"Jl. Merdeka {i}"])
    buf = io.BytesIO()
    wb.save(buf)
    start = time.perf_counter()
    ex = extract_bytes(buf.getvalue())
    elapsed = time.perf_counter() - start
    assert len([c for c in ex.chunks if c.part.startswith("sheet ")]) == 5 * 4001
    assert elapsed < 5  # about 20k cells: well under a second on an idle core


@pytest.fixture
def form_boxes():
    """A Dukcapil-style form typed into a sheet: one digit a cell, as text or as numbers."""
    import io

    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "F-1.01"
    rows = {"NIK": "3273011207881327", "No. KK": "3273011203150007", "Tgl lahir": "12071988"}
    for r, (label, digits) in enumerate(rows.items(), start=1):
        ws.cell(r, 1, label)
        for i, ch in enumerate(digits):
            ws.cell(r, 2 + i, int(ch) if r == 2 else ch)
    ws.cell(4, 1, "Nilai")
    for i, ch in enumerate("3273011207881327"):
        ws.cell(4, 2 + 2 * i, ch)          # digits with an empty cell between: no boxes
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_digit_boxes_are_joined_into_the_number_they_make(form_boxes, scanner):
    ex = extract_bytes(form_boxes)
    joined = {c.part: (c.text, c.context) for c in ex.chunks if c.part.startswith("sheet F-1.01!") and ":" in c.part}
    assert joined == {"sheet F-1.01!B1:Q1": ("3273011207881327", "NIK"),
                      "sheet F-1.01!B2:Q2": ("3273011203150007", "No. KK")}   # a date's 8 boxes are left alone
    found = {(f.entity_type, f.text, f.part) for f in scanner.scan_bytes(form_boxes, "f101.xlsx").findings}
    assert ("ID_NIK", "3273011207881327", "sheet F-1.01!B1:Q1") in found
    assert ("ID_KK", "3273011203150007", "sheet F-1.01!B2:Q2") in found
