"""Plain text in the encodings drafts arrive in."""
import pytest

from dlp.extract import extract_bytes, sniff

TEXT = "Memo \u201cpenting\u201d \u2013 caf\u00e9 \u00b1 5 \u2022 kontak: budi.santoso@contoh.go.id\nNIK 3171012304850001\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252"])
def test_encodings_decode_to_the_same_text(encoding, parts):
    ex = extract_bytes(TEXT.encode(encoding))
    assert ex.errors == []
    assert parts(ex) == {"body": [TEXT]}


def test_utf16_without_bom_is_sniffed_as_text():
    data = ("Daftar NIK pemohon\n" * 20).encode("utf-16-le")
    assert sniff(data).startswith("text/")
    assert extract_bytes(data).chunks[0].text.startswith("Daftar NIK pemohon\n")


def test_cp1252_punctuation_is_not_mojibake():
    text = extract_bytes(TEXT.encode("cp1252")).chunks[0].text
    assert "\u201cpenting\u201d" in text and "caf\u00e9" in text and "\u2022" in text


@pytest.mark.parametrize("data", [
    b"nama,nik,telepon\nBudi,3171012304850001,081234567890\nSiti,3171012304850002,081234567891\n",
    b'{"nama": "Budi", "nik": "3171012304850001"}\n',
    b"nama: Budi\nnik: '3171012304850001'\n",
    b"# Judul\n\n- NIK 3171012304850001\n",
    b"2021-05-18 07:52:10 INFO login user=budi nik=3171012304850001\n",
])
def test_structured_text_is_read_as_is(data):
    ex = extract_bytes(data)
    assert ex.errors == []
    assert ex.chunks[0].text == data.decode()
    assert ex.chunks[0].part == "body"


def test_empty_and_blank_files_are_fully_read_with_nothing_in_them():
    for data in (b"", b"   \n\n"):
        ex = extract_bytes(data)
        assert ex.errors == [] and ex.chunks == []


def test_undefined_cp1252_bytes_still_decode():
    data = b"Nomor: 0812 3456 7890 \x81\x8d end"
    ex = extract_bytes(data)
    assert "0812 3456 7890" in ex.chunks[0].text


# Texts whose first bytes libmagic takes for another format (HP-GL for "SP", "NP", "PA"; a PBM
# image for "P1"): common openings of Indonesian administrative texts, which must be read as text.
@pytest.mark.parametrize("opening", ["SPPD Perjalanan Dinas", "SPT Tahunan PPh", "NPWP;Nama;Nilai", "PA Kantor Wilayah",
                                     "P1 Prioritas tinggi", "SP2D nomor 12"])
@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])
def test_text_libmagic_takes_for_another_format(opening, encoding):
    data = f"{opening}\nPemohon caf\u00e9: NIK 3171012304850001\n".encode(encoding)
    assert sniff(data) == "text/plain"
    ex = extract_bytes(data)
    assert ex.errors == [] and "3171012304850001" in ex.chunks[0].text


def test_binary_of_an_unsupported_format_stays_unsupported():
    data = b"SP" + bytes(range(256)) * 4  # control bytes: no text
    assert sniff(data) != "text/plain"
    assert [e.code for e in extract_bytes(data).errors] == ["unsupported"]


def test_csv_field_with_a_line_break_keeps_the_columns_in_line(f, scanner):
    """An address typed with Alt+Enter splits its CSV record over two lines: read as one line (the
    break made a blank, offsets kept), the KK column after it is still the KK column."""
    nik, kk = f.make_nik(), "3578050403152472"
    data = (f'NIK;No KK;Alamat;HP\r\n{nik};{kk};"Jl. Asia Afrika 12\nRT 01 RW 02";081234567890\r\n').encode()
    body = extract_bytes(data).chunks[0].text
    assert '"Jl. Asia Afrika 12 RT 01 RW 02"' in body and len(body) == len(data.decode())
    found = {(x.entity_type, x.text) for x in scanner.scan_bytes(data, "kpm.csv").findings}
    assert ("ID_KK", kk) in found and ("ID_NIK", nik) in found


@pytest.mark.parametrize("text", [
    'Dia berkata "halo\ndunia", lalu pergi.\n',        # prose: no CSV header
    'a,b\n1,"x\ny",2\n',                              # a header of two columns only
])
def test_line_breaks_in_quotes_outside_a_csv_table_stay(text):
    from dlp.extract.text import one_line_fields

    assert one_line_fields(text) == text
