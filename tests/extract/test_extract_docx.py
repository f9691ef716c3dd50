"""DOCX: body, tables with context, headers and footers, notes, comments, revisions, properties."""
import pytest

from dlp.extract import extract_bytes


@pytest.fixture(scope="module")
def memo(f):
    return f.docx_document(
        body="Memo internal tentang pemohon.", header="TERBATAS", footer="Kontak: 0812-3456-7890",
        first_header="RAHASIA", comment="Cek lagi NIK ini", author="Rina Kartika",
        last_modified_by="budi.santoso@contoh.go.id", title="Memo Pemohon", subject="Verifikasi",
        keywords="pemohon; nik", comments="NIK contoh 3171012304850001", category="Internal",
        table=[["No", "Nama", "NIK"], ["1", "Budi Santoso", "3171012304850001"],
               ["2", "Siti Aminah", "3171012304850002"]])


def test_body(memo, parts):
    ex = extract_bytes(memo)
    assert ex.errors == []
    assert parts(ex)["body"] == ["Memo internal tentang pemohon.\nPenutup."]


def test_table_cells_with_header_and_row_label_as_context(memo):
    cells = {c.part: c for c in extract_bytes(memo).chunks if c.part.startswith("table 1!")}
    assert cells["table 1!C2"].text == "3171012304850001"
    assert "NIK" in cells["table 1!C2"].context
    assert "Budi Santoso" in cells["table 1!C2"].context
    assert cells["table 1!B3"].text == "Siti Aminah" and cells["table 1!B3"].context == "Nama"
    assert cells["table 1!A1"].text == "No" and cells["table 1!A1"].context == ""


def test_headers_and_footers_of_every_kind(memo, parts):
    p = parts(extract_bytes(memo))
    assert sorted(p["header"]) == ["RAHASIA", "TERBATAS"]  # default and first-page
    assert p["footer"] == ["Kontak: 0812-3456-7890"]


def test_comments_and_their_authors(memo, parts):
    p = parts(extract_bytes(memo))
    assert p["comment"] == ["Cek lagi NIK ini"]
    assert p["comment:author"] == ["Penelaah"]


def test_core_properties(memo, parts):
    p = parts(extract_bytes(memo))
    assert p["metadata:author"] == ["Rina Kartika"]
    assert p["metadata:last_modified_by"] == ["budi.santoso@contoh.go.id"]
    assert p["metadata:title"] == ["Memo Pemohon"]
    assert p["metadata:subject"] == ["Verifikasi"]
    assert p["metadata:keywords"] == ["pemohon; nik"]
    assert p["metadata:comments"] == ["NIK contoh 3171012304850001"]
    assert p["metadata:category"] == ["Internal"]


@pytest.fixture(scope="module")
def revised(f):
    return f.docx_full(deleted="3171012304850001", inserted="3171012304850099", textbox="Kotak: 0813-2222-3333",
                       alt="Foto KTP pemohon", footnote="Sumber: budi@contoh.go.id", link="rina.k@contoh.go.id")


def test_tracked_deletion_is_kept_apart_from_the_text(revised, parts):
    ex = extract_bytes(revised)
    assert ex.errors == []
    p = parts(ex)
    assert "NIK pemohon: 3171012304850099" in p["body"][0]
    assert "3171012304850001" not in p["body"][0]  # never glued to the inserted digits
    assert p["deleted"] == ["3171012304850001"]
    assert sorted(p["revision:author"]) == ["Budi Santoso", "Rina Kartika"]


def test_text_box_read_once_and_alt_text(revised, parts):
    p = parts(extract_bytes(revised))
    assert p["textbox"] == ["Kotak: 0813-2222-3333"]  # the VML fallback copy is not read again
    assert p["alt"] == ["Foto KTP pemohon"]


def test_footnotes_and_hyperlinks(revised, parts):
    p = parts(extract_bytes(revised))
    assert p["footnote"] == ["Sumber: budi@contoh.go.id"]
    assert p["link"] == ["rina.k@contoh.go.id"]


def test_nested_table(f):
    import io

    import docx

    d = docx.Document()
    outer = d.add_table(rows=2, cols=2)
    outer.cell(0, 0).text, outer.cell(0, 1).text = "Bagian", "Rincian"
    outer.cell(1, 0).text = "Pemohon"
    inner = outer.cell(1, 1).add_table(rows=2, cols=2)
    inner.cell(0, 0).text, inner.cell(0, 1).text = "Nama", "Telepon"
    inner.cell(1, 0).text, inner.cell(1, 1).text = "Budi", "0812-3456-7890"
    buf = io.BytesIO()
    d.save(buf)
    cells = {c.part: c for c in extract_bytes(buf.getvalue()).chunks}
    phone = [c for c in cells.values() if c.text == "0812-3456-7890"]
    assert len(phone) == 1 and phone[0].context.startswith("Telepon")
    assert cells["table 1!A2"].text == "Pemohon"


def test_embedded_workbook_is_scanned(f, parts):
    xlsx = f.xlsx_workbook(rows=[["Email"], [f.EMAIL]])
    data = f.docx_add_xml(f.docx_document(), extra_parts={"word/embeddings/Microsoft_Excel_Worksheet.xlsx": ""})
    # replace the empty placeholder with the real workbook bytes
    import io
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            raw = xlsx if info.filename.endswith(".xlsx") else src.read(info.filename)
            dst.writestr(info.filename, raw)
    p = parts(extract_bytes(out.getvalue()))
    assert p["member:word/embeddings/Microsoft_Excel_Worksheet.xlsx:sheet Data!A2"] == [f.EMAIL]


def test_broken_document_xml_is_corrupt(f):
    import io
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(f.docx_document()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            raw = src.read(info.filename)
            if info.filename == "word/document.xml":
                raw = raw[: len(raw) // 2]
            dst.writestr(info.filename, raw)
    ex = extract_bytes(out.getvalue())
    assert ("corrupt", "body") in [(e.code, e.part) for e in ex.errors]


def test_digit_boxes_in_a_table_row_are_joined(scanner):
    """A form's 16 boxes for a NIK, one digit a cell of a Word table (merged label cell included)."""
    import io

    import docx

    d = docx.Document()
    t = d.add_table(rows=2, cols=18)
    t.rows[0].cells[0].merge(t.rows[0].cells[1]).text = "NIK"
    for i, ch in enumerate("3273011207881327"):
        t.rows[0].cells[2 + i].text = ch
    t.rows[1].cells[0].text = "RT/RW"
    for i, ch in enumerate("005"):
        t.rows[1].cells[2 + i].text = ch
    buf = io.BytesIO()
    d.save(buf)
    ex = extract_bytes(buf.getvalue())
    assert [(c.part, c.text) for c in ex.chunks if ":" in c.part and c.part.startswith("table")] == \
        [("table 1!C1:R1", "3273011207881327")]
    found = {(f.entity_type, f.text) for f in scanner.scan_bytes(buf.getvalue(), "f101.docx").findings}
    assert ("ID_NIK", "3273011207881327") in found


def test_imported_html_chunk_is_read(scanner):
    """A web application's export: the NIK sits in an HTML part that Word renders in place (w:altChunk)."""
    import io
    import zipfile

    import docx

    d = docx.Document()
    d.add_paragraph("Data pemohon terlampir di bawah.")
    buf = io.BytesIO()
    d.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    rel = ('<Relationship Id="rIdAlt1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
           'aFChunk" Target="afchunk.html"/></Relationships>')
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            raw = src.read(info.filename)
            if info.filename == "word/_rels/document.xml.rels":
                raw = raw.replace(b"</Relationships>", rel.encode())
            elif info.filename == "[Content_Types].xml":
                raw = raw.replace(b"</Types>", b'<Default Extension="html" ContentType="text/html"/></Types>')
            elif info.filename == "word/document.xml":
                raw = raw.replace(b"<w:sectPr", b'<w:altChunk r:id="rIdAlt1"/><w:sectPr', 1)
            dst.writestr(info, raw)
        dst.writestr("word/afchunk.html", "<html><body><p>NIK pemohon: 3273015311011436</p></body></html>")
    ex = extract_bytes(out.getvalue())
    assert [(c.part, c.text) for c in ex.chunks if c.part.startswith("member:altchunk")] == \
        [("member:altchunk 1", "NIK pemohon: 3273015311011436")]
    assert scanner.scan_bytes(out.getvalue(), "ekspor.docx").verdict == "block"
