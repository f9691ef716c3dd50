"""Synthetic pictures for the OCR tests: letter pages, photos with metadata, image-only PDFs.

Everything is rendered here with Pillow; identifiers come from factories
(structurally valid, not real).
"""
from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts")


def font(size: int, bold: bool = False) -> ImageFont.ImageFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    for d in FONT_DIRS:
        if Path(d).is_dir():
            for p in Path(d).rglob(name):
                return ImageFont.truetype(str(p), size)
    return ImageFont.load_default(size=size)


def make_nik(province: int = 32, regency: int = 73, district: int = 1, day: int = 9, month: int = 5,
             year: int = 3, female: bool = True, serial: int = 2115) -> str:
    """A structurally valid synthetic NIK: region, birth date (day + 40 for women), serial."""
    day += 40 if female else 0
    return f"{province:02d}{regency:02d}{district:02d}{day:02d}{month:02d}{year % 100:02d}{serial:04d}"


def letter_number(code: str = "R", serial: int = 21, unit: str = "Dukcapil", klas: str = "PK.01",
                  month: str = "IV", year: int = 2021) -> str:
    return f"{code}-{serial}/{unit}/{klas}/{month}/{year}"


def stamp_layer(size: tuple[int, int], text: str, at: tuple[int, int], px: int, angle: float) -> Image.Image:
    """A red rubber stamp on a white sheet, to be multiplied onto a page (ink over ink stays dark)."""
    f = font(px, bold=True)
    w, h = int(f.getlength(text)) + px, int(px * 1.9)
    st = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    d = ImageDraw.Draw(st)
    d.rectangle([2, 2, w - 3, h - 3], outline=(200, 30, 40, 235), width=max(3, px // 10))
    d.text((px // 2, int(px * 0.4)), text, font=f, fill=(200, 30, 40, 235))
    st = st.rotate(angle, expand=True, resample=Image.Resampling.BICUBIC)
    sheet = Image.new("RGB", size, "white")
    sheet.paste(st, at, st)
    return sheet


def letter_page(lines: list[str], stamp: str | None = "RAHASIA", size=(1000, 560), px: int = 26) -> Image.Image:
    """Dark text lines on paper, with a red stamp top right."""
    im = Image.new("RGB", size, (252, 252, 250))
    d = ImageDraw.Draw(im)
    f = font(px)
    y = 150 if stamp else 40
    for line in lines:
        d.text((50, y), line, font=f, fill=(20, 20, 20))
        y += int(px * 1.6)
    if stamp:
        im = ImageChops.multiply(im, stamp_layer(size, stamp, (size[0] - 420, 20), int(px * 1.9), 6))
    return im


def photo_of(img: Image.Image, angle: float = 3.0, blur: float = 0.6) -> Image.Image:
    """The page as a phone photo: turned a little, soft."""
    out = img.rotate(angle, expand=True, fillcolor=(235, 232, 225), resample=Image.Resampling.BICUBIC)
    return out.filter(ImageFilter.GaussianBlur(blur))


def encode(img: Image.Image, fmt: str, **kw) -> bytes:
    buf = io.BytesIO()
    img.save(buf, fmt, **kw)
    return buf.getvalue()


def gps_exif(lat: float, lon: float, **text) -> Image.Exif:
    """EXIF with a GPS position (degrees, minutes, seconds with N/S, E/W refs) and text tags by number."""
    exif = Image.Exif()
    for tag, value in text.items():
        exif[int(tag.lstrip("t"), 16)] = value
    def dms(v: float) -> tuple[float, float, float]:
        v = abs(v)
        d = int(v)
        m = int((v - d) * 60)
        return (float(d), float(m), round((v - d - m / 60) * 3600, 4))
    exif.get_ifd(0x8825).update({1: "S" if lat < 0 else "N", 2: dms(lat), 3: "W" if lon < 0 else "E", 4: dms(lon)})
    return exif


def iptc_app13(fields: dict[int, str]) -> bytes:
    """A JPEG APP13 segment (Photoshop 3.0 image resource 0x0404) holding IPTC-IIM record-2 datasets."""
    iim = b"\x1c\x01\x5a\x00\x03\x1b%G"  # 1:90 coded character set: UTF-8
    for dataset, value in fields.items():
        raw = value.encode("utf-8")
        iim += bytes([0x1C, 2, dataset]) + len(raw).to_bytes(2, "big") + raw
    if len(iim) % 2:
        iim += b"\x00"
    res = b"8BIM" + (0x0404).to_bytes(2, "big") + b"\x00\x00" + len(iim).to_bytes(4, "big") + iim
    body = b"Photoshop 3.0\x00" + res
    return b"\xff\xed" + (len(body) + 2).to_bytes(2, "big") + body


def with_app_segment(jpeg: bytes, segment: bytes) -> bytes:
    """Insert an APPn segment right after the SOI marker of a JPEG."""
    assert jpeg[:2] == b"\xff\xd8"
    return jpeg[:2] + segment + jpeg[2:]


def image_pdf(pages: list[Image.Image]) -> bytes:
    """An image-only PDF (no text layer), one picture per page, as a scanner makes it."""
    buf = io.BytesIO()
    first, rest = pages[0], pages[1:]
    first.save(buf, "PDF", resolution=150, save_all=bool(rest), append_images=rest)
    return buf.getvalue()
