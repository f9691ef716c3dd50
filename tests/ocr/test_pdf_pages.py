"""Scanned (image-only) PDF pages are rendered and read by OCR."""
from __future__ import annotations

import pytest

from dlp.extract import Context, Limits
from dlp.extract.image import ocr_pdf_pages


def flat(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module")
def scan(img):
    nik = img.make_nik(regency=73, district=5, day=14, month=2, year=79, female=True, serial=42)
    num = img.letter_number(code="R", serial=7, unit="Dukcapil", klas="PK.01", month="IX", year=2022)
    page = img.letter_page(["NOTA DINAS", f"Nomor : {num}", f"NIK : {nik}", "Telp. 0813-2207-4518"],
                           size=(1240, 900))
    return img.image_pdf([page]), nik, num


def test_ocr_pdf_pages(scan):
    data, nik, num = scan
    result = ocr_pdf_pages(data, [1], Context())
    assert result.errors == []
    assert [c.part for c in result.chunks] == ["ocr:page 1"]
    text = result.chunks[0].text
    assert nik in flat(text)
    assert flat(num) in flat(text)
    assert "RAHASIA" in text


def test_scanned_pdf_end_to_end(scan, scanner):
    """The PDF extractor hands pages without text to OCR; findings carry ``ocr:page 1``."""
    data, _, _ = scan
    res = scanner.scan_bytes(data, "scan.pdf")
    assert res.media_type == "application/pdf"
    assert any(f.part == "ocr:page 1" and f.entity_type == "PHONE_NUMBER" for f in res.findings)
    assert res.verdict in ("review", "block")


def test_page_cap(img):
    """Pages past ``ocr_pages`` are not read, and that is an error on the first one left out."""
    from PIL import Image

    pages = [Image.new("RGB", (300, 200), "white") for _ in range(3)]
    result = ocr_pdf_pages(img.image_pdf(pages), [1, 2, 3], Context(Limits(ocr_pages=1)))
    assert [(e.code, e.part) for e in result.errors] == [("limit", "page 2")]
    assert "pages 2-3" in result.errors[0].detail
    assert all(c.part == "ocr:page 1" for c in result.chunks)


def test_unrenderable_pdf_is_an_error():
    result = ocr_pdf_pages(b"%PDF-1.4\nnot really a pdf", [1], Context())
    assert [e.code for e in result.errors] == ["corrupt"]


def test_multipage_tiff_pages_and_cap(img):
    """A scanner's multi-page TIFF: each page is ``ocr:page N``; pages past the cap are an error."""
    from PIL import Image

    from dlp.extract import extract_bytes

    pages = [Image.new("RGB", (300, 200), "white") for _ in range(3)]
    data = img.encode(pages[0], "TIFF", save_all=True, append_images=pages[1:])
    result = extract_bytes(data, Context(Limits(ocr_pages=2)))
    assert [(e.code, e.part) for e in result.errors] == [("limit", "page 3")]
    assert {c.part for c in result.chunks} <= {"ocr:page 1", "ocr:page 2"}
