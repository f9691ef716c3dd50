"""Image preparation for tesseract: each step on pictures where the right answer is known."""
from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from dlp.extract import ocr, ocr_prep


def lines_image(img, px=24, n=10, width=900, dark=False):
    bg, fg = ((18, 18, 20), (230, 230, 230)) if dark else ((250, 250, 250), (20, 20, 20))
    im = Image.new("RGB", (width, int(n * px * 1.6) + 80), bg)
    d = ImageDraw.Draw(im)
    for i in range(n):
        d.text((40, 40 + int(i * px * 1.6)), "Kependudukan dan pencatatan sipil 3273", font=img.font(px), fill=fg)
    return im


@pytest.mark.parametrize("angle", [-7.0, -3.0, 0.0, 2.0, 5.5])
def test_skew_angle(img, angle):
    im = lines_image(img).convert("L").rotate(angle, expand=True, fillcolor=250, resample=Image.Resampling.BICUBIC)
    small, _ = ocr_prep._small(im)
    assert ocr_prep.skew_angle(ocr_prep._ink(small)) == pytest.approx(angle, abs=0.4)


def test_dark_background_is_inverted(img):
    out = ocr_prep.prepare(lines_image(img, dark=True))
    assert np.median(np.asarray(out)) > 200  # light paper after preparation


def test_light_card_on_dark_desk_is_not_inverted(img):
    desk = Image.new("RGB", (1200, 900), (60, 45, 35))
    desk.paste(lines_image(img, n=6, width=800), (200, 200))
    out = np.asarray(ocr_prep.prepare(desk))
    assert out[450, 600] > 200  # the card's paper stays light


@pytest.mark.parametrize("px, upscaled", [(9, True), (12, True), (24, False), (40, False)])
def test_small_text_is_upscaled_large_text_is_not(img, px, upscaled):
    im = lines_image(img, px=px, width=px * 40)
    out = ocr_prep.prepare(im, ocr_prep.Prep(deskew=False))
    assert (out.width > im.width * 1.2) is upscaled


def test_transparent_picture_of_black_text(img):
    im = Image.new("RGBA", (400, 100), (0, 0, 0, 0))
    ImageDraw.Draw(im).text((10, 30), "NIK 3273", font=img.font(30), fill=(0, 0, 0, 255))
    gray = np.asarray(ocr_prep.to_gray(im))
    assert np.median(gray) == 255 and gray.min() < 60


def test_red_stamp_is_read_apart(img):
    page = img.letter_page(["Dengan hormat, bersama ini kami sampaikan"], stamp="RAHASIA")
    split = ocr_prep.split_colour(page)
    assert split is not None
    clean, layer = split
    assert clean.mode == "L" and layer.width < page.width  # the layer is cropped to the stamp


def test_noise_is_not_coloured_ink(img):
    rng = np.random.default_rng(1)
    noisy = np.asarray(lines_image(img)).astype(float) + rng.normal(0, 30, (lines_image(img).height, 900, 3))
    assert ocr_prep.split_colour(Image.fromarray(noisy.clip(0, 255).astype(np.uint8))) is None


def test_parse_tsv_keeps_lines_and_blocks():
    head = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
    rows = [("1", "1", "1", "1", "90", "Sifat"), ("1", "1", "1", "2", "80", "RAHASIA"),
            ("1", "1", "2", "1", "70", "Nomor"), ("2", "1", "1", "1", "60", "Kepala")]
    tsv = head + "".join(f"5\t1\t{b}\t{p}\t{ln}\t{w}\t0\t0\t1\t1\t{c}\t{t}\n" for b, p, ln, w, c, t in rows)
    text, conf, words = ocr.parse_tsv(tsv)
    assert text == "Sifat RAHASIA\nNomor\n\nKepala"
    assert conf == pytest.approx(75.0) and words == 4


def test_join_boxes_orders_lines():
    box = lambda x, y: [[x, y], [x + 50, y], [x + 50, y + 20], [x, y + 20]]  # noqa: E731
    result = [[box(200, 12), "RAHASIA", 0.9], [box(10, 10), "Sifat", 0.9], [box(10, 60), "Nomor", 0.9]]
    assert ocr.join_boxes(result) == "Sifat RAHASIA\nNomor"


def test_merge_lines_adds_only_new_text():
    assert ocr.merge_lines("Sifat : Segera\nNomor", "RAHASIA\nSifat: Segera") == "Sifat : Segera\nNomor\n\nRAHASIA"


@pytest.mark.parametrize("read, fixed", [
    ("Nomor : SR-717/BKPSDM/KP.O2.03/1!1/2024", "Nomor : SR-717/BKPSDM/KP.02.03/III/2024"),
    ("B-50/Dinkes/HM.01/X1/2022", "B-50/Dinkes/HM.01/XI/2022"),
    ("B-651/Dukcapil/KP.02.03/1X/2024 tanggal", "B-651/Dukcapil/KP.02.03/IX/2024 tanggal"),
    ("R-3l/Disdik/KP.O2/IX/2022", "R-31/Disdik/KP.02/IX/2022"),
    ("NIK 32041l5408022764,", "NIK 3204115408022764,"),
    ("NIK 32O4115408O22764", "NIK 3204115408022764"),
])
def test_identifier_fixes(read, fixed):
    assert ocr.fix_confusions(read) == fixed


@pytest.mark.parametrize("text", [
    "T-561/Dukcapil/HM.01/11/2022",        # a month in digits may be one: left alone
    "tanggal 12/11/2021",                  # a date, not a letter number
    "https://ppid.bandung.go.id/a/b/2021",  # a path
    "Kode OKI/2021",                       # words stay words
    "ruang 2O1",                           # too short a run to say
    "BOOKING ID LOOOL1234567",             # mostly letters
])
def test_identifier_fixes_leave_other_text(text):
    assert ocr.fix_confusions(text) == text
