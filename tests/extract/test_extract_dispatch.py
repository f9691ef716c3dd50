"""Sniffing by content, encrypted Office files, and what cannot be read at all."""
import pytest

from dlp.extract import DOCX, PPTX, XLSX, extract_bytes, sniff


def test_ooxml_is_sniffed_from_its_members(f):
    assert sniff(f.docx_document()) == DOCX
    assert sniff(f.xlsx_workbook()) == XLSX
    assert sniff(f.pptx_deck()) == PPTX


def test_type_comes_from_bytes_not_name(f, parts):
    # the same PDF whatever it is called: there is no name at all here
    assert parts(extract_bytes(f.pdf_document(["Isi"])))["page 1"] == ["Isi"]


@pytest.mark.parametrize("builder", ["docx", "xlsx", "pptx"])
def test_encrypted_ooxml_with_a_password_is_encrypted(f, builder, codes):
    data = {"docx": f.docx_document, "xlsx": f.xlsx_workbook, "pptx": f.pptx_deck}[builder]()
    ex = extract_bytes(f.ooxml_encrypted(data, "sandi-rahasia"))
    assert codes(ex) == [("encrypted", "")]
    assert ex.chunks == []


@pytest.mark.parametrize("password", ["", "VelvetSweatshop"])
def test_encrypted_ooxml_with_a_default_password_is_read(f, password, parts):
    data = f.docx_document(body=f"Kontak {f.EMAIL}")
    ex = extract_bytes(f.ooxml_encrypted(data, password))
    assert ex.errors == []
    assert parts(ex)["body"][0].startswith(f"Kontak {f.EMAIL}")


def test_random_bytes_are_unsupported(f):
    ex = extract_bytes(f.random_bytes())
    assert [e.code for e in ex.errors] == ["unsupported"]


def test_picture_inside_office_file_is_not_an_error_when_tiny(f, parts):
    # an 8x8 PNG (a bullet, an icon) is skipped: no OCR, no error
    import io
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(f.docx_document()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info.filename))
        dst.writestr("word/media/image1.png", f.png_bytes())
    ex = extract_bytes(out.getvalue())
    assert ex.errors == []


@pytest.mark.parametrize("data", [b"x", b"ok\n", "Rp 5.000 \u2013 lunas".encode()])
def test_very_short_texts_are_text_not_unsupported(data, parts):
    ex = extract_bytes(data)
    assert ex.errors == []
    assert parts(ex)["body"] == [data.decode()]


def test_picture_inside_office_file_is_read_or_reported(f):
    import io

    import docx

    d = docx.Document()
    d.add_paragraph("Lampiran foto")
    d.add_picture(io.BytesIO(f.text_png("Telepon 0812 3456 7890")))
    buf = io.BytesIO()
    d.save(buf)
    ex = extract_bytes(buf.getvalue())
    member = "member:word/media/image1.png"
    read = [c.text for c in ex.chunks if c.part.startswith(member)]
    reported = [e for e in ex.errors if e.part.startswith(member)]
    assert any("3456" in t for t in read) or reported
