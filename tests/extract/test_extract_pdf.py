"""PDF: page text, annotations, form fields, metadata, attachments; fail closed on the rest."""
import sys
import types

import pytest

from dlp.extract import Context, Limits, extract_bytes


@pytest.fixture(scope="module")
def two_pages(f):
    return f.pdf_document(["Halaman satu: NIK 3171012304850001\nbaris kedua", f"Halaman dua: {f.EMAIL}"],
                          author="Rina Kartika", title="Laporan Triwulan", subject="Rekap data pemohon",
                          keywords="internal, pemohon", annotation=f"Catatan penelaah: {f.PHONE}")


def test_each_page_in_its_part_with_line_breaks(two_pages, parts, f):
    ex = extract_bytes(two_pages)
    assert ex.media_type == "application/pdf" and ex.errors == []
    p = parts(ex)
    assert p["page 1"] == ["Halaman satu: NIK 3171012304850001\nbaris kedua"]
    assert p["page 2"] == [f"Halaman dua: {f.EMAIL}"]


def test_information_dictionary(two_pages, parts):
    p = parts(extract_bytes(two_pages))
    assert p["metadata:author"] == ["Rina Kartika"]
    assert p["metadata:title"] == ["Laporan Triwulan"]
    assert p["metadata:subject"] == ["Rekap data pemohon"]
    assert p["metadata:keywords"] == ["internal, pemohon"]
    assert p["metadata:creator"] == ["Sistem Arsip"]


def test_annotation_text(two_pages, parts, f):
    p = parts(extract_bytes(two_pages))
    assert p["page 1:annotation"] == [f"Catatan penelaah: {f.PHONE}"]


def test_form_field_attachment_and_xmp(f, parts):
    data = f.pdf_with_form_and_attachment("3171012304850001", f"Isi lampiran {f.EMAIL}".encode(),
                                          "lampiran.txt", xmp_creator="Penulis Lain")
    ex = extract_bytes(data)
    assert ex.errors == []
    p = parts(ex)
    assert p["field:nik_pemohon"] == ["3171012304850001"]
    field = next(c for c in ex.chunks if c.part == "field:nik_pemohon")
    assert "NIK pemohon" in field.context
    assert p["member:lampiran.txt"] == [f"Isi lampiran {f.EMAIL}"]
    assert p["metadata:xmp:creator"] == ["Penulis Lain"]


def test_mailto_link(f, parts):
    assert parts(extract_bytes(f.pdf_link(f.EMAIL)))["page 1:link"] == [f.EMAIL]


def test_hyphen_joined_by_pdfium_is_put_back(f):
    data = f.pdf_document(["Nomor telepon kantor yang dapat dihubungi oleh masyarakat umum adalah 0812-"
                           "3456-7890 pada jam kerja."])
    text = extract_bytes(data).chunks[0].text
    assert "\ufffe" not in text
    assert "0812-" in text and "3456-7890" in text


def test_user_password_is_encrypted(two_pages, f, codes):
    ex = extract_bytes(f.pdf_encrypted(two_pages))
    assert codes(ex) == [("encrypted", "")]
    assert ex.chunks == []


def test_owner_password_only_opens_with_the_empty_user_password(two_pages, f, parts):
    ex = extract_bytes(f.pdf_encrypted(two_pages, user=""))
    assert ex.errors == []
    assert parts(ex)["page 2"] == [f"Halaman dua: {f.EMAIL}"]


def test_truncated_pdf_is_corrupt_not_silently_empty(two_pages, f):
    ex = extract_bytes(f.pdf_truncated(two_pages))
    assert [e.code for e in ex.errors] == ["corrupt"]


def test_pdf_cut_off_at_its_end_is_read_as_far_as_it_goes_and_stays_corrupt(f, scanner):
    """A file cut off in its last pages (a broken download): qpdf rebuilds it, the pages before the cut
    are read, and the file is still reported corrupt."""
    pages = [f"Halaman {n}: data pemohon NIK 327301531101143{n}" if n == 1 else f"Halaman {n} lampiran" * 40
             for n in range(1, 6)]
    data = f.pdf_document(pages)
    cut = data[: int(len(data) * 0.85)]
    ex = extract_bytes(cut)
    assert [e.code for e in ex.errors] == ["corrupt"]
    assert any("3273015311011431" in c.text for c in ex.chunks if c.part == "page 1")
    result = scanner.scan_bytes(cut, "berkas.pdf")
    assert result.verdict == "block" and any(x.entity_type == "ID_NIK" for x in result.findings)


@pytest.mark.parametrize("cut", [0.3, 0.6, 0.9, 0.99])
def test_pdf_cut_anywhere_is_an_error(two_pages, cut):
    ex = extract_bytes(two_pages[: int(len(two_pages) * cut)])
    assert ex.errors and ex.errors[0].code == "corrupt"


def test_page_limit(two_pages, codes):
    ex = extract_bytes(two_pages, Context(Limits(max_pages=1)))
    assert [c.part for c in ex.chunks if c.part.startswith("page ")][:1] == ["page 1"]
    assert not any(c.part == "page 2" for c in ex.chunks)
    assert ("limit", "page 2") in codes(ex)


def test_time_limit_stops_with_timeout(two_pages):
    import time

    ex = extract_bytes(two_pages, Context(Limits(), deadline=time.monotonic() - 1))
    assert "timeout" in [e.code for e in ex.errors]


def test_scanned_page_goes_to_ocr_or_is_reported(f):
    ex = extract_bytes(f.pdf_image_only("NIK 3171012304850001"))
    ocr_chunks = [c for c in ex.chunks if c.part == "ocr:page 1"]
    ocr_errors = [e for e in ex.errors if e.part == "page 1" or e.part == "ocr:page 1"]
    assert ocr_chunks or ocr_errors  # never a silent empty success


def test_without_ocr_function_pages_are_ocr_unavailable(f, monkeypatch, codes):
    # An image module without ocr_pdf_pages: the fallback path.
    monkeypatch.setitem(sys.modules, "dlp.extract.image", types.ModuleType("dlp.extract.image"))
    data = f.pdf_document(["Halaman berteks yang cukup panjang."])
    # a text page, then a scanned page
    import io

    import pikepdf

    a = pikepdf.open(io.BytesIO(data))
    b = pikepdf.open(io.BytesIO(f.pdf_image_only()))
    a.pages.extend(b.pages)
    out = io.BytesIO()
    a.save(out)
    ex = extract_bytes(out.getvalue())
    assert codes(ex) == [("ocr_unavailable", "page 2")]
    assert [c.part for c in ex.chunks if c.part.startswith("page")] == ["page 1"]


def test_ocr_function_result_is_merged(f, monkeypatch, parts):
    from dlp.models import Chunk, Extraction, ScanError

    calls = []

    def fake_ocr(data, pages, ctx):
        calls.append(pages)
        return Extraction("application/pdf", [Chunk("teks hasil OCR", f"ocr:page {n}") for n in pages],
                          [ScanError("limit", "ocr pages", "ocr:page 9")])

    module = types.ModuleType("dlp.extract.image")
    module.ocr_pdf_pages = fake_ocr
    monkeypatch.setitem(sys.modules, "dlp.extract.image", module)
    ex = extract_bytes(f.pdf_image_only())
    assert calls == [[1]]
    assert parts(ex)["ocr:page 1"] == ["teks hasil OCR"]
    assert [e.code for e in ex.errors] == ["limit"]


def test_blank_page_is_not_sent_to_ocr(f, monkeypatch):
    monkeypatch.setitem(sys.modules, "dlp.extract.image", types.ModuleType("dlp.extract.image"))
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    ex = extract_bytes(bytes(pdf.output()))
    assert ex.errors == [] and ex.chunks == []


def test_pdf_with_junk_before_header_is_still_a_pdf(two_pages, parts):
    ex = extract_bytes(b"\r\n\x00junk" + two_pages)
    assert ex.media_type == "application/pdf"
    assert "page 1" in parts(ex)
