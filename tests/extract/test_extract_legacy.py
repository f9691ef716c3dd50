"""Legacy Office files (97-2003): .xls written by xlwt, .doc built to MS-DOC (factories.doc_document)."""
import datetime
import io

import pytest

from dlp.extract import extract_bytes, sniff


def _xls(sheets: dict[str, list[list]], hidden: tuple[str, ...] = ()) -> bytes:
    import xlwt

    book = xlwt.Workbook()
    dates = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    for name, rows in sheets.items():
        sheet = book.add_sheet(name)
        if name in hidden:
            sheet.visibility = 1
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, datetime.date):
                    sheet.write(r, c, value, dates)
                elif value is not None:
                    sheet.write(r, c, value)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def test_xls_cells_of_every_sheet_with_context(f, parts):
    nik = f.make_nik()
    data = _xls({"Data": [["Nama", "NIK", "Lahir"], ["Budi", int(nik), datetime.date(1985, 4, 23)]],
                 "Arsip": [["Kata sandi", "Bdg#2024aman"]]}, hidden=("Arsip",))
    assert sniff(data) == "application/vnd.ms-excel"
    ex = extract_bytes(data)
    assert ex.errors == []
    p = parts(ex)
    assert p["sheet Data!B2"] == [nik]            # a number keeps its 16 digits
    assert p["sheet Data!C2"] == ["1985-04-23"]
    assert p["sheet Arsip!B1"] == ["Bdg#2024aman"]  # a hidden sheet is read too
    cell = next(c for c in ex.chunks if c.part == "sheet Data!B2")
    assert cell.context.startswith("NIK")


def test_doc_stories_pieces_and_properties(f, parts):
    nik = f.make_nik()
    data = f.doc_document(f"Nota Dinas\nNIK\x07{nik}\x07\n\x13 HYPERLINK \"mailto:{f.EMAIL}\" \x14klik\x15\n",
                          footnote=f"Telepon {f.PHONE}\n", header="RAHASIA\n", wide="\u0418\u0432\u0430\u043d \u2713\n",
                          author="Rina Kartika")
    assert sniff(data) == "application/msword"
    ex = extract_bytes(data)
    assert ex.errors == []
    p = parts(ex)
    assert p["body"] == [f"Nota Dinas\nNIK\t{nik}\t\n  HYPERLINK \"mailto:{f.EMAIL}\"  klik\n"
                         "\u0418\u0432\u0430\u043d \u2713\n"]
    assert p["footnote"] == [f"Telepon {f.PHONE}\n"]
    assert p["header"] == ["RAHASIA\n"]
    assert p["metadata:author"] == ["Rina Kartika"]


def test_doc_findings_through_the_scanner(f, scanner):
    nik = f.make_nik()
    result = scanner.scan_bytes(f.doc_document(f"Daftar penerima\nNIK {nik}\n", header="RAHASIA\n"), "lama.doc")
    found = {(x.entity_type, x.text, x.part) for x in result.findings}
    assert ("ID_NIK", nik, "body") in found
    assert ("CLASSIFICATION_MARKING", "RAHASIA", "header") in found
    assert result.verdict == "block"


def test_ppt_slides_notes_and_shapes(f, parts):
    nik = f.make_nik()
    data = f.ppt_presentation(["Rapat Koordinasi", f"Peserta\nNIK {nik}", "Penutup \u2713"],
                              notes=["", f"Hubungi {f.PHONE}"], shape_text="RAHASIA", author="Rina Kartika")
    ex = extract_bytes(data)
    assert ex.errors == []
    p = parts(ex)
    assert p["slide 1"] == ["Rapat Koordinasi\nRAHASIA"]   # placeholder text, then the shape's
    assert p["slide 2"] == [f"Peserta\nNIK {nik}"]
    assert p["slide 3"] == ["Penutup \u2713"]                 # UTF-16 text atom
    assert p["slide 2:notes"] == [f"Hubungi {f.PHONE}"]
    assert p["metadata:author"] == ["Rina Kartika"]


def test_ppt_picture_is_read_or_reported(f):
    ex = extract_bytes(f.ppt_presentation(["Lampiran foto"], picture=f.text_png("Telepon 0812 3456 7890")))
    read = [c.text for c in ex.chunks if c.part.startswith("member:picture 1")]
    reported = [e for e in ex.errors if e.part.startswith("member:picture 1")]
    assert any("3456" in t for t in read) or reported


@pytest.mark.parametrize("compress", [6, 0])  # 0: a picture of 540 KB, over many CONTINUE records
def test_xls_picture_is_read_or_reported(f, compress):
    """A picture pasted into a legacy workbook (a photo of a KTP, a screenshot) is read by OCR."""
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.open(io.BytesIO(f.text_png("NIK 3273014905850003"))).save(buf, "PNG", compress_level=compress)
    ex = extract_bytes(f.xls_with_picture(buf.getvalue(), caption="Foto KTP"))
    assert [c.text for c in ex.chunks if c.part == "sheet Foto!A1"] == ["Foto KTP"]
    read = [c.text for c in ex.chunks if c.part.startswith("member:picture 1")]
    reported = [e for e in ex.errors if e.part.startswith("member:picture 1")]
    assert any("3273014905850003" in t for t in read) or reported


def test_xls_drawing_group_joins_its_continue_records_only():
    from dlp.extract.legacy import drawing_group

    def rec(kind, body):
        return kind.to_bytes(2, "little") + len(body).to_bytes(2, "little") + body

    stream = (rec(0x0809, b"bof") + rec(0x003C, b"not") + rec(0x00EB, b"ab") + rec(0x003C, b"cd")
              + rec(0x00FC, b"sst") + rec(0x003C, b"sst-more") + rec(0x00EB, b"ef") + rec(0x000A, b"")
              + rec(0x00EB, b"sheet"))
    assert drawing_group(stream) == b"abcdef"
    assert drawing_group(b"") == b"" and drawing_group(rec(0x00EB, b"x")[:3]) == b""


def _broken_doc(f) -> bytes:
    """A .doc whose FIB points its piece table past the end of the table stream."""
    data = bytearray(f.doc_document("Isi surat.\n"))
    at = data.find(b"\xec\xa5\xc1\x00")  # the FIB, in the WordDocument stream's first sector
    data[at + 0x1A2:at + 0x1A6] = (10_000_000).to_bytes(4, "little")
    return bytes(data)


def _oversized(f) -> bytes:
    """A .doc whose WordDocument entry claims 3 GB (olefile would follow the chain round and round)."""
    data = bytearray(f.doc_document("Isi surat.\n"))
    at = data.find("WordDocument".encode("utf-16-le"))
    data[at + 0x78:at + 0x80] = (3 << 30).to_bytes(8, "little")  # the entry's stream size
    return bytes(data)


def _oversized_minifat(f) -> bytes:
    """A .msg whose header claims a MiniFAT of 2 billion sectors."""
    data = bytearray(f.msg_message("s", ("n", "a@b.go.id"), "t", "isi"))
    data[0x40:0x44] = (2_000_000_000).to_bytes(4, "little")  # number of MiniFAT sectors
    return bytes(data)


@pytest.mark.parametrize("make, code", [
    (_oversized, "corrupt"),
    (_oversized_minifat, "corrupt"),
    (lambda f: f.ole_compound_file({"Contents": b"\0" * 64}), "unsupported"),            # no Office file
    (lambda f: f.ole_compound_file({"WordDocument": b"\xdc\xa5" + b"\0" * 1000}), "unsupported"),  # Word 6/95
    (_broken_doc, "corrupt"),
])
def test_unreadable_legacy_files_fail_closed(f, scanner, make, code):
    result = scanner.scan_bytes(make(f), "lama.doc")
    assert [e.code for e in result.errors] == [code]
    assert result.verdict in ("review", "block")


def test_xls_digit_boxes_are_joined(scanner):
    """A form's 16 boxes for a NIK, one digit a cell, in a legacy workbook (as for XLSX)."""
    import io

    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("F101")
    sheet.write(0, 0, "NIK")
    for i, ch in enumerate("3273011207881327"):
        sheet.write(0, 1 + i, int(ch))
    buf = io.BytesIO()
    book.save(buf)
    found = {(f.entity_type, f.text, f.part) for f in scanner.scan_bytes(buf.getvalue(), "f101.xls").findings}
    assert ("ID_NIK", "3273011207881327", "sheet F101!B1:Q1") in found
