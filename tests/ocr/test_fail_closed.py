"""No OCR, OCR cut short, or a picture too big: the file is at least review, never safe."""
from __future__ import annotations


import pytest
from PIL import Image, ImageDraw

from dlp.extract import Context, Limits, extract_bytes
from dlp.extract.image import ocr_pdf_pages
from dlp.pipeline import Scanner


@pytest.fixture(scope="module")
def harmless_png(img):
    """A picture whose text alone would be safe."""
    im = Image.new("RGB", (500, 120), "white")
    ImageDraw.Draw(im).text((20, 40), "Selamat pagi semuanya", font=img.font(28), fill="black")
    return img.encode(im, "PNG")


def codes(result):
    return [e.code for e in result.errors]


def test_harmless_picture_is_safe(harmless_png, scanner):
    """The control: with OCR working, this picture is safe (so the cases below test the failure)."""
    res = scanner.scan_bytes(harmless_png, "x.png")
    assert res.errors == [] and res.verdict == "safe"


def test_configured_binary_missing(monkeypatch, harmless_png, scanner):
    monkeypatch.setenv("DLP_OCR_ENGINE", "tesseract")
    monkeypatch.setenv("DLP_TESSERACT", "/nonexistent/tesseract")
    res = scanner.scan_bytes(harmless_png, "x.png")
    assert codes(res) == ["ocr_unavailable"]
    assert res.errors[0].part == "ocr:image"
    assert res.verdict == "review"


def test_tesseract_not_on_path(monkeypatch, tmp_path, harmless_png, scanner):
    monkeypatch.delenv("DLP_TESSERACT", raising=False)
    monkeypatch.setenv("DLP_OCR_ENGINE", "tesseract")
    monkeypatch.setenv("PATH", str(tmp_path))  # an empty folder: no tesseract to be found
    res = scanner.scan_bytes(harmless_png, "x.png")
    assert codes(res) == ["ocr_unavailable"]
    assert res.verdict == "review"


def test_missing_engine_for_pdf_pages(monkeypatch, img):
    monkeypatch.setenv("DLP_OCR_ENGINE", "tesseract")
    monkeypatch.setenv("DLP_TESSERACT", "/nonexistent/tesseract")
    data = img.image_pdf([Image.new("RGB", (300, 200), "white")] * 2)
    result = ocr_pdf_pages(data, [1, 2], Context())
    assert [(e.code, e.part) for e in result.errors] == [("ocr_unavailable", "page 1")]
    assert "pages 1-2" in result.errors[0].detail


def test_ocr_switched_off(harmless_png):
    res = Scanner(limits=Limits(ocr=False)).scan_bytes(harmless_png, "x.png")
    assert codes(res) == ["ocr_unavailable"]
    assert "switched off" in res.errors[0].detail
    assert res.verdict == "review"


def test_picture_over_pixel_cap(harmless_png):
    res = Scanner(limits=Limits(ocr_pixels=500 * 120 - 1)).scan_bytes(harmless_png, "x.png")
    assert codes(res) == ["limit"]
    assert res.verdict == "review"


def test_jpeg_over_pixel_cap_is_read_smaller(img):
    im = Image.new("RGB", (1600, 1200), "white")
    ImageDraw.Draw(im).text((50, 500), "Selamat pagi", font=img.font(120), fill="black")
    result = extract_bytes(img.encode(im, "JPEG"), Context(Limits(ocr_pixels=600_000)))
    assert codes(result) == ["limit"]
    assert "read at 800x600" in result.errors[0].detail
    assert "Selamat" in " ".join(c.text for c in result.chunks)


def test_ocr_time_cap(harmless_png):
    res = Scanner(limits=Limits(ocr_seconds=0.001)).scan_bytes(harmless_png, "x.png")
    assert codes(res) == ["timeout"]
    assert res.verdict == "review"


@pytest.mark.parametrize("cut", [100, 400])
def test_truncated_picture(harmless_png, cut, scanner):
    res = scanner.scan_bytes(harmless_png[:cut], "x.png")
    assert res.errors and res.verdict != "safe"


def test_missing_engine_for_tiff_pages(monkeypatch, img):
    monkeypatch.setenv("DLP_TESSERACT", "/nonexistent/tesseract")
    pages = [Image.new("RGB", (300, 200), "white") for _ in range(2)]
    result = extract_bytes(img.encode(pages[0], "TIFF", save_all=True, append_images=pages[1:]), Context())
    assert [(e.code, e.part) for e in result.errors] == [("ocr_unavailable", "page 1")]
    assert "pages 1-2" in result.errors[0].detail
