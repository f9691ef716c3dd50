"""Boxed rubber stamps (RAHASIA in a rectangle) survive frame removal; table rules still go.

A stamp's frame is whitened before OCR (tesseract reads a tightly boxed word
as a picture), but with a tight frame the letters' stems are as long as the
frame's sides: the frame must go, the stems must stay.
"""
from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from dlp.extract import ocr_prep

RED, BLACK, BLUE = (190, 25, 30), (25, 25, 25), (30, 50, 170)
PAPER = (252, 252, 249)
SERIF_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf"
LETTER = ["Kepada Yth. Kepala Dinas Sosial", "di Tempat", "Dengan hormat, bersama ini kami sampaikan",
          "hasil rapat koordinasi bulan ini."]


def boxed(draw: ImageDraw.ImageDraw, at: tuple[int, int], word: str, font, colour, gap: int,
          rule: int) -> tuple[tuple[int, int, int, int], tuple[int, int, int, int]]:
    """Draw ``word`` in a rectangle ``gap`` pixels clear of its letters; return (text box, frame box)."""
    bb = draw.textbbox(at, word, font=font)
    frame = (bb[0] - gap - rule, bb[1] - gap - rule, bb[2] + gap + rule, bb[3] + gap + rule)
    draw.rectangle(frame, outline=colour, width=rule)
    draw.text(at, word, font=font, fill=colour)
    return bb, frame


def stamp_picture(img, word: str, colour, gap: int, letter: bool, px: int = 56):
    """A boxed stamp, alone or under a short letter."""
    f = img.font(px, bold=True)
    if letter:
        im = Image.new("RGB", (980, 420), PAPER)
        d = ImageDraw.Draw(im)
        for i, line in enumerate(LETTER):
            d.text((40, 30 + 36 * i), line, font=img.font(22), fill=(20, 20, 20))
        at = (70, 240)
    else:
        w = int(f.getlength(word))
        im = Image.new("RGB", (w + 2 * gap + 90, px + 2 * gap + 90), PAPER)
        d = ImageDraw.Draw(im)
        at = (45 + gap, 40 + gap)
    boxed(d, at, word, f, colour, gap, rule=6)
    return im


@pytest.mark.parametrize("letter", [True, False], ids=["on-letter", "alone"])
@pytest.mark.parametrize("gap", [4, 24], ids=["tight", "loose"])
@pytest.mark.parametrize("colour", [RED, BLACK], ids=["red", "black"])
@pytest.mark.parametrize("word, level", [
    ("RAHASIA", "rahasia"),
    ("SANGAT RAHASIA", "sangat_rahasia"),
    ("TERBATAS", "terbatas"),
    ("CONFIDENTIAL", "rahasia"),
])
def test_boxed_stamp_is_a_classification_marking(img, scanner, word, level, colour, gap, letter):
    res = scanner.scan_bytes(img.encode(stamp_picture(img, word, colour, gap, letter), "PNG"), "scan.png")
    markings = [(f.text.upper(), f.level) for f in res.findings if f.entity_type == "CLASSIFICATION_MARKING"]
    assert (word, level) in markings, markings
    assert res.verdict == "block"


# -- what frame removal takes, and what it leaves -------------------------------------------

def gray_canvas(size=(700, 260)):
    im = Image.new("L", size, 255)
    return im, ImageDraw.Draw(im)


@pytest.mark.parametrize("gap", [3, 6, 12, 20])
def test_tight_frame_goes_letter_stems_stay(img, gap):
    im, d = gray_canvas()
    text, frame = boxed(d, (80, 80), "HIRLINFT", img.font(64, bold=True), 0, gap, rule=6)
    out = np.asarray(ocr_prep.remove_rules(im))
    before = np.asarray(im)
    x0, y0, x1, y1 = frame
    assert (out[y0:y0 + 6, x0:x1] > 200).all() and (out[y1 - 5:y1 + 1, x0:x1] > 200).all()  # top, bottom
    assert (out[y0:y1, x0:x0 + 6] > 200).all() and (out[y0:y1, x1 - 5:x1 + 1] > 200).all()  # sides
    tx0, ty0, tx1, ty1 = text
    assert (out[ty0:ty1, tx0:tx1] == before[ty0:ty1, tx0:tx1]).all()  # every letter untouched


@pytest.mark.parametrize("font_path, text", [
    (None, "BEBEK 88 HEB"),            # bowls and bars: small boxes of the letters themselves
    (SERIF_BOLD, "IBE [HI] ELI"),      # serifs joined by stems, brackets
])
def test_letters_are_no_frame(img, font_path, text):
    f = ImageFont.truetype(font_path, 72) if font_path else img.font(72, bold=True)
    im, d = gray_canvas((900, 200))
    d.text((30, 40), text, font=f, fill=0)
    d.line((30, 150, 860, 150), fill=0, width=4)  # an underline: a rule alone, no box
    ink = np.asarray(im) < 200
    assert not ocr_prep.frame_mask(ink).any()
    assert ocr_prep.remove_frames(im) is im  # the page is left as it is


def test_black_box_on_page_goes(img):
    im, d = gray_canvas((900, 300))
    d.text((40, 20), "Dengan hormat, bersama ini kami sampaikan", font=img.font(22), fill=20)
    text, (x0, y0, x1, y1) = boxed(d, (120, 120), "RAHASIA", img.font(60, bold=True), 20, 5, rule=5)
    out = np.asarray(ocr_prep.remove_frames(im))
    before = np.asarray(im)
    assert (out[y0:y1 + 1, x0:x0 + 5] > 200).all() and (out[y0:y0 + 5, x0:x1] > 200).all()
    tx0, ty0, tx1, ty1 = text
    assert (out[ty0:ty1, tx0:tx1] == before[ty0:ty1, tx0:tx1]).all()
    assert (out[:80] == before[:80]).all()  # the body text above is untouched


def table(img, rows: int, cols: int, cell=(150, 44), colour=0, mode="L"):
    """A ruled table with a word in every cell; returns the picture and the rule positions."""
    w, h = cols * cell[0], rows * cell[1]
    im = Image.new(mode, (w + 60, h + 60), 255 if mode == "L" else PAPER)
    d = ImageDraw.Draw(im)
    xs = [30 + c * cell[0] for c in range(cols + 1)]
    ys = [30 + r * cell[1] for r in range(rows + 1)]
    for x in xs:
        d.line((x, ys[0], x, ys[-1]), fill=colour, width=3)
    for y in ys:
        d.line((xs[0], y, xs[-1], y), fill=colour, width=3)
    for r in range(rows):
        for c in range(cols):
            d.text((xs[c] + 12, ys[r] + 10), f"Data {r}{c}", font=img.font(20, bold=True), fill=colour)
    return im, xs, ys


@pytest.mark.parametrize("rows, cols", [(3, 4), (9, 2)], ids=["wide", "tall"])
def test_table_rules_are_removed(img, rows, cols):
    """The coloured layer's table rules go, wide or tall; the cells' text stays."""
    im, xs, ys = table(img, rows, cols)
    out = np.asarray(ocr_prep.remove_rules(im))
    for x in xs:
        assert (out[ys[0]:ys[-1], x - 1:x + 2] > 200).all()
    for y in ys:
        assert (out[y - 1:y + 2, xs[0]:xs[-1]] > 200).all()
    cell = np.asarray(im)[ys[0] + 8:ys[1] - 6, xs[0] + 8:xs[1] - 6]
    kept = out[ys[0] + 8:ys[1] - 6, xs[0] + 8:xs[1] - 6]
    assert (kept == cell).all() and (cell < 100).sum() > 50


def test_blue_table_is_read_without_its_rules(img):
    """A table in coloured ink is read from the colour layer: its rules are not read as letters."""
    page, _, _ = table(img, 2, 3, colour=BLUE, mode="RGB")
    split = ocr_prep.split_colour(page)
    assert split is not None
    layer = np.asarray(split[1])
    # what is left is letters: no row or column of the layer is inked for half its length
    ink = layer < 128
    assert ink.any()
    assert ink.sum(axis=1).max() < 0.5 * ink.shape[1] and ink.sum(axis=0).max() < 0.5 * ink.shape[0]


def test_the_frame_step_runs_only_where_a_rule_is_drawn():
    """has_rule gates remove_frames (a quarter second a page): a page of text holds no stroke a box's
    top rule is made of; a page with a boxed stamp does."""
    from PIL import Image, ImageDraw, ImageFont

    from dlp.extract.ocr_prep import has_rule

    img = Image.new("L", (1240, 900), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", 40)
    for i in range(12):
        draw.text((60, 40 + i * 56), "Kegiatan sosialisasi MMMWWW layanan 3273016304850003", fill=0, font=font)
    assert not has_rule(img)
    draw.rectangle((300, 760, 700, 860), outline=0, width=6)
    assert has_rule(img)


@pytest.mark.parametrize("colour", [RED], ids=["red"])
def test_a_stamp_beside_the_signature_stays_a_line_of_its_own(img, scanner, colour):
    """A boxed stamp on the signature's row, read in its own layer, is still a marking.  (A black one there
    is read into the signature's line, "Kepala Dinas, TERBATAS", frame or no frame: not a stamp line; which
    is why a page's frame is removed only where nothing else stands on its rows.)"""
    im = Image.new("RGB", (1100, 360), PAPER)
    d = ImageDraw.Draw(im)
    for i, line in enumerate(LETTER[:3]):
        d.text((40, 30 + 36 * i), line, font=img.font(22), fill=(20, 20, 20))
    d.text((40, 230), "Kepala Dinas,", font=img.font(26), fill=(20, 20, 20))
    boxed(d, (560, 215), "TERBATAS", img.font(56, bold=True), colour, 14, rule=6)
    res = scanner.scan_bytes(img.encode(im, "PNG"), "scan.png")
    assert ("TERBATAS", "terbatas") in [(f.text.upper(), f.level) for f in res.findings
                                        if f.entity_type == "CLASSIFICATION_MARKING"]
    assert res.verdict == "block"
