"""Pictures of documents are read by OCR: the identifiers on them reach the recognizers."""
from __future__ import annotations

import pytest

from dlp.extract import Context, extract_bytes
from dlp.extract.image import TILE_HEIGHT, TILE_OVERLAP, _tiles


def flat(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module")
def page(img):
    nik = img.make_nik(day=9, month=5, year=3, serial=2115)
    num = img.letter_number()
    lines = ["DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", f"Nomor : {num}", f"NIK : {nik}",
             "Hubungi 0813-2207-4518 atau siti.rahma@bandung.go.id"]
    return img.letter_page(lines), nik, num


def ocr_text(result) -> str:
    return "\n".join(c.text for c in result.chunks if c.part == "ocr:image")


def test_png_page_text(img, page):
    picture, nik, num = page
    result = extract_bytes(img.encode(picture, "PNG"), Context())
    text = ocr_text(result)
    assert result.errors == []
    assert nik in flat(text)
    assert flat(num) in flat(text)
    assert "RAHASIA" in text  # the red stamp


def test_png_scanned_end_to_end(img, page, scanner):
    picture, _, _ = page
    res = scanner.scan_bytes(img.encode(picture, "PNG"), "x.png")
    assert res.media_type == "image/png"
    assert res.errors == []
    types = {f.entity_type for f in res.findings if f.part == "ocr:image"}
    assert {"PHONE_NUMBER", "EMAIL_ADDRESS"} <= types
    assert res.verdict in ("review", "block")


def test_jpeg_phone_photo(img, page):
    """A tilted, slightly blurred JPEG photo of the page."""
    picture, nik, num = page
    data = img.encode(img.photo_of(picture, angle=-4), "JPEG", quality=70)
    text = ocr_text(extract_bytes(data, Context()))
    assert nik in flat(text)
    assert flat(num) in flat(text)


def test_heic_iphone_photo(img, page, scanner):
    """An iPhone's HEIC photo of the page (written by pillow-heif, as Apple's encoder lays it out)."""
    import io

    import pillow_heif

    picture, nik, _ = page
    buf = io.BytesIO()
    pillow_heif.from_pillow(img.photo_of(picture, angle=2)).save(buf, quality=85)
    res = scanner.scan_bytes(buf.getvalue(), "IMG_0412.HEIC")
    assert res.media_type == "image/heic" and res.errors == []
    assert nik in flat(" ".join(f.text for f in res.findings if f.entity_type == "ID_NIK"))


def test_heic_without_pillow_heif_is_unsupported(img, page, monkeypatch):
    import io

    import pillow_heif

    from dlp.extract import image

    buf = io.BytesIO()
    pillow_heif.from_pillow(page[0]).save(buf, quality=50)
    monkeypatch.setattr(image, "_HEIF", [False])
    assert [e.code for e in extract_bytes(buf.getvalue(), Context()).errors] == ["unsupported"]


def test_dark_screenshot(img):
    """Light text on a dark app background (a dark-mode chat screenshot)."""
    from PIL import Image, ImageDraw

    nik = img.make_nik(regency=4, district=12, day=21, month=11, year=88, female=False, serial=37)
    im = Image.new("RGB", (900, 300), (18, 18, 20))
    d = ImageDraw.Draw(im)
    d.text((40, 60), "Data warga yang diminta:", font=img.font(24), fill=(230, 230, 230))
    d.text((40, 130), f"NIK {nik}", font=img.font(24), fill=(230, 230, 230))
    text = ocr_text(extract_bytes(img.encode(im, "PNG"), Context()))
    assert nik in flat(text)


def test_long_screenshot_is_read_in_overlapping_tiles():
    from PIL import Image

    tall = Image.new("L", (800, TILE_HEIGHT * 2 + 500), 255)
    tiles = list(_tiles(tall))
    assert len(tiles) == 3
    assert all(t.height <= TILE_HEIGHT for t in tiles)
    assert sum(t.height for t in tiles) == tall.height + TILE_OVERLAP * (len(tiles) - 1)
    assert list(_tiles(Image.new("L", (3000, 5000), 255))) != []  # a big photo stays whole
    assert len(list(_tiles(Image.new("L", (3000, 5000), 255)))) == 1


def test_rapidocr_engine(img, page, monkeypatch):
    """The optional engine, where installed (pip rapidocr-onnxruntime), reads the page too."""
    pytest.importorskip("rapidocr_onnxruntime")
    monkeypatch.setenv("DLP_OCR_ENGINE", "rapidocr")
    picture, nik, num = page
    text = ocr_text(extract_bytes(img.encode(picture, "PNG"), Context()))
    assert nik in flat(text)
    assert flat(num) in flat(text)


def test_rapidocr_missing_is_unavailable(img, page, monkeypatch):
    """Asked for by name but not importable: the picture is not read, and says so."""
    import sys

    monkeypatch.setenv("DLP_OCR_ENGINE", "rapidocr")
    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)  # import fails as if not installed
    from dlp.extract import ocr

    ocr._rapidocr_engine.cache_clear()
    try:
        result = extract_bytes(img.encode(page[0], "PNG"), Context())
    finally:
        ocr._rapidocr_engine.cache_clear()
    assert [(e.code, e.part) for e in result.errors] == [("ocr_unavailable", "ocr:image")]
    assert "rapidocr" in result.errors[0].detail
