"""OpenDocument (LibreOffice): text, spreadsheet and presentation files."""
from dlp.extract import extract_bytes, sniff


def test_text_document(f, parts):
    body = ('<text:tracked-changes><text:changed-region text:id="c1"><text:deletion><office:change-info>'
            "<dc:creator>Budi</dc:creator></office:change-info><text:p>3171012304850009</text:p></text:deletion>"
            "</text:changed-region></text:tracked-changes>"
            '<text:h>Nota Dinas</text:h><text:p>NIK<text:s text:c="2"/>3171<text:span>0123</text:span>04850001'
            "<office:annotation><dc:creator>Rina</dc:creator><text:p>cek ini</text:p></office:annotation></text:p>"
            '<table:table table:name="T1"><table:table-row><table:table-cell><text:p>Nama</text:p></table:table-cell>'
            "<table:table-cell><text:p>Telp</text:p></table:table-cell></table:table-row><table:table-row>"
            "<table:table-cell><text:p>Siti</text:p></table:table-cell><table:table-cell><text:p>0812-3456-7890"
            "</text:p></table:table-cell></table:table-row></table:table>")
    data = f.odf_document("text", body, header="TERBATAS", author="Rina Kartika")
    assert sniff(data) == "application/vnd.oasis.opendocument.text"
    ex = extract_bytes(data)
    assert ex.errors == []
    p = parts(ex)
    assert p["body"] == ["Nota Dinas\nNIK  3171012304850001\nNama\tTelp\nSiti\t0812-3456-7890"]
    assert p["deleted"] == ["3171012304850009"]
    assert p["comment"] == ["cek ini"] and p["comment:author"] == ["Rina"]
    assert p["header"] == ["TERBATAS"]
    assert p["metadata:author"] == ["Rina Kartika"]


def test_spreadsheet_cells_with_context_and_repeats(f, parts):
    body = ('<table:table table:name="Data"><table:table-row>'
            '<table:table-cell office:value-type="string"><text:p>Nama</text:p></table:table-cell>'
            '<table:table-cell office:value-type="string"><text:p>NIK</text:p></table:table-cell>'
            '<table:table-cell table:number-columns-repeated="1022"/></table:table-row>'
            '<table:table-row table:number-rows-repeated="1048000"><table:table-cell '
            'table:number-columns-repeated="1024"/></table:table-row>'
            '<table:table-row><table:table-cell office:value-type="string"><text:p>Budi</text:p></table:table-cell>'
            '<table:table-cell office:value-type="float" office:value="3171012304850001"><text:p>3171012304850001'
            "</text:p></table:table-cell></table:table-row></table:table>")
    ex = extract_bytes(f.odf_document("spreadsheet", body))
    cells = {c.part: c for c in ex.chunks if c.part.startswith("sheet ")}
    assert set(cells) == {"sheet Data!A1", "sheet Data!B1", "sheet Data!A1048002", "sheet Data!B1048002"}
    assert cells["sheet Data!B1048002"].text == "3171012304850001"
    assert cells["sheet Data!B1048002"].context.startswith("NIK")


def test_spreadsheet_number_shown_in_scientific_notation_is_read_whole(f):
    """LibreOffice shows a 16-digit number as 3,27E+15; its stored value keeps every digit."""
    body = ('<table:table table:name="Data"><table:table-row>'
            '<table:table-cell office:value-type="string"><text:p>NIK</text:p></table:table-cell>'
            '<table:table-cell office:value-type="float" office:value="3273012005711470"><text:p>3,27E+15'
            '</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="1.5">'
            "<text:p>1,5</text:p></table:table-cell></table:table-row></table:table>")
    cells = {c.part: c.text for c in extract_bytes(f.odf_document("spreadsheet", body)).chunks
             if c.part.startswith("sheet ")}
    assert cells == {"sheet Data!A1": "NIK", "sheet Data!B1": "3273012005711470", "sheet Data!C1": "1,5"}


def test_presentation_slides_and_notes(f, parts):
    body = ('<draw:page draw:name="p1"><draw:frame><draw:text-box><text:p>Rencana</text:p></draw:text-box>'
            "</draw:frame><presentation:notes><draw:frame><draw:text-box><text:p>Hubungi 0812-3456-7890</text:p>"
            "</draw:text-box></draw:frame></presentation:notes></draw:page>")
    p = parts(extract_bytes(f.odf_document("presentation", body)))
    assert p["slide 1"] == ["Rencana"]
    assert p["slide 1:notes"] == ["Hubungi 0812-3456-7890"]
