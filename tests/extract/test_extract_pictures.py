"""Pictures that are easy to miss: pasted into web and Markdown drafts as ``data:`` URIs, and small
pictures (a stamp, a banner) inside Office files.  Each is read by OCR like any embedded picture;
only true icons (too small to hold a word) are skipped, and a picture that cannot be read is an
error, never a silent pass."""
from __future__ import annotations

import base64
import io

import pytest
from PIL import Image, ImageDraw, ImageFont

from dlp.extract import Context, Limits, extract_bytes
from dlp.pipeline import Scanner

FONT_DIR = "/usr/share/fonts/truetype/dejavu"


def font(px: int, bold: bool = False):
    return ImageFont.truetype(f"{FONT_DIR}/DejaVuSans{'-Bold' if bold else ''}.ttf", px)


def png(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "PNG", optimize=True)
    return buf.getvalue()


def text_picture(lines: list[str], size: tuple[int, int], px: int = 30, bold: bool = False, mode: str = "RGB"):
    """Dark lines of text on white, rendered with DejaVu at ``px`` pixels (Tesseract reads it)."""
    im = Image.new(mode, size, "white")
    d = ImageDraw.Draw(im)
    y = px // 2
    for line in lines:
        d.text((20, y), line, font=font(px, bold), fill="black")
        y += int(px * 1.6)
    return im


@pytest.fixture(autouse=True)
def tesseract_engine(monkeypatch):
    """Tesseract, as in tests/ocr: the same results with or without the optional RapidOCR, and fast."""
    monkeypatch.setenv("DLP_OCR_ENGINE", "tesseract")


@pytest.fixture(scope="module")
def nik(f):
    return f.make_nik(region="327301", day=23, month=4, year=1985, female=True)


@pytest.fixture(scope="module")
def nik_list_png(nik):
    """A screenshot of a beneficiary list: names and NIKs."""
    return png(text_picture(["Daftar Penerima Bantuan", f"Siti Aminah   NIK {nik}"], (820, 140)))


def data_uri(data: bytes, media_type: str = "image/png") -> str:
    return f"data:{media_type};base64,{base64.b64encode(data).decode('ascii')}"


def picture_findings(result, entity: str) -> list:
    return [x for x in result.findings if x.entity_type == entity]


# -- data: URIs in HTML and Markdown ---------------------------------------------------------

def html_page(uri: str) -> bytes:
    return (f'<!DOCTYPE html><html><head><title>Draf berita</title></head><body>'
            f'<p>Penyaluran bantuan sosial tahap dua berjalan lancar.</p>'
            f'<p><img src="{uri}" alt="tangkapan layar"></p></body></html>').encode()


def markdown_image(uri: str) -> bytes:
    return f"# Draf berita\n\nPenyaluran bantuan berjalan lancar.\n\n![tangkapan layar]({uri})\n".encode()


def markdown_img_tag(uri: str) -> bytes:
    return (f"# Draf berita\n\nPenyaluran bantuan berjalan lancar.\n\n"
            f'<img src="{uri}" width="600">\n\nSalam.\n').encode()


PAGES = {"html": (html_page, "draf.html"), "markdown": (markdown_image, "draf.md"),
         "markdown-img-tag": (markdown_img_tag, "draf.md")}


@pytest.mark.parametrize("kind", PAGES)
def test_pasted_screenshot_is_read(kind, nik, nik_list_png, scanner):
    """A screenshot pasted into a web or Markdown draft is read: its NIK blocks the draft, and the
    finding names the picture."""
    make, name = PAGES[kind]
    result = scanner.scan_bytes(make(data_uri(nik_list_png)), name)
    found = picture_findings(result, "ID_NIK")
    assert [x.text for x in found] == [nik]
    assert "data-uri 1" in found[0].part and "ocr" in found[0].part
    assert result.verdict == "block" and result.errors == []


def test_pasted_screenshot_in_email_body_is_read(nik, nik_list_png, scanner):
    from email.message import EmailMessage

    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "a@contoh.go.id", "b@contoh.go.id", "Data penerima"
    msg.set_content("Terlampir di badan surel.")
    msg.add_alternative(html_page(data_uri(nik_list_png)).decode(), subtype="html")
    result = scanner.scan_bytes(msg.as_bytes(), "surel.eml")
    found = picture_findings(result, "ID_NIK")
    assert [x.part for x in found] == ["html:member:data-uri 1:ocr:image"]
    assert result.verdict == "block" and result.errors == []


def test_page_text_alone_is_safe(scanner):
    """The control: without a picture in it, the same page is safe."""
    assert scanner.scan_bytes(html_page("https://contoh.go.id/a.png"), "draf.html").verdict == "safe"


def test_jpeg_and_several_pictures_are_numbered(nik, nik_list_png, parts):
    jpeg = io.BytesIO()
    Image.open(io.BytesIO(nik_list_png)).convert("RGB").save(jpeg, "JPEG", quality=90)
    page = (f'<html><body><img src="{data_uri(nik_list_png)}"><p>teks</p>'
            f"<div style=\"background: url('{data_uri(jpeg.getvalue(), 'image/jpeg')}')\"></div>"
            f"</body></html>").encode()
    ex = extract_bytes(page)
    p = parts(ex)
    assert ex.errors == []
    for n in (1, 2):
        assert nik in " ".join(p[f"member:data-uri {n}:ocr:image"]).replace(" ", "")


def test_base64_wrapped_over_lines_in_an_attribute(nik, nik_list_png, parts):
    b64 = base64.encodebytes(nik_list_png).decode("ascii")  # 76-character lines
    page = f'<html><body><img src="data:image/png;base64,\n{b64}"></body></html>'.encode()
    ex = extract_bytes(page)
    assert ex.errors == []
    assert nik in parts(ex)["member:data-uri 1:ocr:image"][0].replace(" ", "")


def test_pdf_data_uri_is_read(f, parts):
    pdf = f.pdf_document(pages=["Catatan rapat: anggaran tahap dua"])
    ex = extract_bytes(html_page(data_uri(pdf, "application/pdf")))
    assert any("anggaran" in t for part, texts in parts(ex).items() if part.startswith("member:data-uri 1")
               for t in texts)


def malformed() -> dict[str, str]:
    picture = png(text_picture(["Daftar Penerima Bantuan"], (600, 60)))
    b64 = base64.b64encode(picture).decode()
    return {
        "bad length": f"data:image/png;base64,{b64[:401]}",  # 401 characters: no base64 ends so
        "bad character": f"data:image/png;base64,{b64[:200]}!{b64[201:]}",  # read up to the "!"
        "truncated picture": f"data:image/png;base64,{b64[:len(b64) // 2]}",
        "not a picture": "data:image/jpeg;base64," + base64.b64encode(bytes(range(256)) * 8).decode(),
        "bad padding": f"data:application/pdf;base64,{b64[:100]}=={b64[100:200]}",
    }


MALFORMED = malformed()


@pytest.mark.parametrize("uri", MALFORMED.values(), ids=MALFORMED.keys())
@pytest.mark.parametrize("kind", ["html", "markdown"])
def test_malformed_data_uri_fails_closed(kind, uri, scanner):
    make, name = PAGES[kind]
    result = scanner.scan_bytes(make(uri), name)
    assert result.errors and all(e.part.startswith("member:data-uri 1") for e in result.errors)
    assert result.verdict in ("review", "block")


def test_examples_in_prose_are_not_pictures(scanner):
    """A truncated example in a how-to (``base64,iVBOR...``) is too short to be a picture of text."""
    text = ("Cara menempel gambar: `<img src=\"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAA...\">` "
            "atau ![](data:image/jpeg;base64,/9j/4AAQSkZJRg...)\n").encode()
    result = scanner.scan_bytes(text, "panduan.md")
    assert result.errors == [] and result.verdict == "safe"


def test_no_ocr_is_an_error_for_a_pasted_picture(nik_list_png):
    scanner = Scanner(limits=Limits(ocr=False))
    result = scanner.scan_bytes(markdown_image(data_uri(nik_list_png)), "draf.md")
    assert [(e.code, e.part) for e in result.errors] == [("ocr_unavailable", "member:data-uri 1:ocr:image")]
    assert result.verdict == "review"


def test_placeholder_pixels_are_skipped_without_error(parts):
    """Lazy-loading placeholders (a 1x1 GIF) and icons are not pictures of text: no OCR, no error."""
    gif = io.BytesIO()
    Image.new("P", (1, 1)).save(gif, "GIF")
    icon = png(Image.new("RGB", (16, 16), "navy"))
    page = (f'<html><body><p>Halo</p>' + f'<img src="{data_uri(gif.getvalue(), "image/gif")}">' * 80 +
            f'<img src="{data_uri(icon)}"></body></html>').encode()
    ex = extract_bytes(page)
    assert ex.errors == []  # 81 pictures, none counted against the OCR picture cap
    assert list(parts(ex)) == ["body", "attribute:alt"] or list(parts(ex)) == ["body"]


def test_picture_count_is_capped(nik_list_png):
    page = ('<html><body>' + f'<img src="{data_uri(nik_list_png)}">' * 3 + '</body></html>').encode()
    ex = extract_bytes(page, Context(Limits(ocr_pages=2)))
    assert [(e.code, e.part) for e in ex.errors] == [("limit", "member:data-uri 3")]


# -- small pictures in Office files ---------------------------------------------------------------

@pytest.fixture
def ocr_calls(monkeypatch):
    """How many pictures reach the OCR engine (the real engine runs; the calls are only counted)."""
    from dlp.extract import ocr

    calls = []
    real = ocr.recognize

    def counting(img, *args, **kwargs):
        calls.append(img.size)
        return real(img, *args, **kwargs)

    monkeypatch.setattr(ocr, "recognize", counting)
    return calls


def stamp_png() -> bytes:
    """A 600x90 "RAHASIA" stamp in two colours: well under 4 KB, yet plainly readable."""
    im = Image.new("1", (600, 90), 1)
    d = ImageDraw.Draw(im)
    d.rectangle([3, 3, 596, 86], outline=0, width=4)
    d.text((150, 15), "RAHASIA", font=font(52, bold=True), fill=0)
    return png(im)


def docx_with_pictures(body: str, header_pictures=(), body_pictures=()) -> bytes:
    import docx
    from docx.shared import Pt

    d = docx.Document()
    head = d.sections[0].header.paragraphs[0]
    for pic in header_pictures:
        head.add_run().add_picture(io.BytesIO(pic), width=Pt(180))
    d.add_paragraph(body)
    for pic in body_pictures:
        d.add_paragraph().add_run().add_picture(io.BytesIO(pic), width=Pt(12))
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_small_stamp_picture_in_docx_header_is_read(scanner, ocr_calls):
    stamp = stamp_png()
    assert len(stamp) < 4096  # the size below which pictures used to be skipped as icons
    result = scanner.scan_bytes(docx_with_pictures("Undangan rapat koordinasi.", header_pictures=[stamp]),
                                "undangan.docx")
    found = picture_findings(result, "CLASSIFICATION_MARKING")
    assert found and all(x.part.startswith("member:word/media/") for x in found)
    assert result.verdict == "block" and result.errors == []
    assert ocr_calls == [(600, 90)]


def icon(size: tuple[int, int], seed: int = 3) -> bytes:
    """A noisy icon: random colours, so that even a 32x32 one is over 4 KB."""
    import random

    rnd = random.Random(seed)
    return png(Image.frombytes("RGBA", size, rnd.randbytes(size[0] * size[1] * 4)))


def test_icons_and_spacers_in_docx_are_not_read(scanner, ocr_calls):
    icons = [icon((16, 16)), icon((32, 32)), icon((40, 24)), png(Image.new("RGB", (1, 1)))]
    assert len(icons[1]) > 4096  # over the old byte floor: skipped for its pixel size
    result = scanner.scan_bytes(docx_with_pictures("Undangan rapat koordinasi.", body_pictures=icons),
                                "undangan.docx")
    assert ocr_calls == []
    assert not [c for c in extract_bytes(docx_with_pictures("x", body_pictures=icons)).chunks
                if c.part.startswith("member:")]
    assert result.errors == [] and result.verdict == "safe"


def test_short_banner_is_read(ocr_calls, parts):
    """A picture just tall enough for one line of text (here 24 px) is read, however narrow the
    stored file."""
    banner = png(text_picture(["SANGAT RAHASIA"], (300, 24), px=16, bold=True, mode="L"))
    extract_bytes(docx_with_pictures("x", body_pictures=[banner]))
    assert ocr_calls == [(300, 24)]
