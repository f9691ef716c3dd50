"""OCR engines compared on clean and degraded synthetic pages.

Renders its own test images with Pillow (nothing read from disk, nothing
real): a letter page with a NIK, a letter number, a phone number and a red
RAHASIA stamp, then degrades copies the way leaked pictures are degraded -
tilt, blur, noise, low resolution, JPEG artefacts, a stamp across the text, a
dark-mode screenshot, a photographed ID-card-like card, a phone photo of a
page.  For every engine it prints seconds per page and identifier accuracy:
the fraction of planted identifiers whose characters appear in the OCR text
once spaces are removed (a NIK split as ``3273 0149`` still counts), and the
fraction of planted multi-word phrases read with their word breaks intact
(what a marking recognizer needs: ``SANGAT RAHASIA``, not ``SANGATRAHASIA``).

    python benchmarks/bench_ocr.py                 # default engines
    python benchmarks/bench_ocr.py --ablation      # + preprocessing steps one by one
    python benchmarks/bench_ocr.py --variants 3 --save /tmp/ocr-bench   # keep the images

Times are CPU seconds (this process's threads plus the tesseract children),
which a busy machine disturbs far less than wall time; the last row gives
each engine's total as a multiple of the first engine's.  Still compare
ratios, not absolute seconds.
"""
from __future__ import annotations

import argparse
import io
import random
import re
import resource
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dlp.extract import ocr, ocr_prep  # noqa: E402

FONT_DIRS = ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/truetype", "/usr/share/fonts"]


def font(size: int, bold: bool = False, serif: bool = False) -> ImageFont.FreeTypeFont:
    name = ("DejaVuSerif" if serif else "DejaVuSans") + ("-Bold" if bold else "") + ".ttf"
    for d in FONT_DIRS:
        for p in Path(d).rglob(name) if Path(d).is_dir() else []:
            return ImageFont.truetype(str(p), size)
    return ImageFont.load_default(size=size)


# -- synthetic identifiers ------------------------------------------------------------

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
FIRST = ["Siti", "Budi", "Dewi", "Agus", "Rina", "Asep", "Yuni", "Dedi", "Euis", "Hendra"]
LAST = ["Rahmawati", "Santoso", "Lestari", "Saputra", "Wulandari", "Hidayat", "Kurniasih", "Gunawan"]
UNITS = ["Dukcapil", "Diskominfo", "Kesbangpol", "BKPSDM", "Dinkes", "Setda"]


def make_nik(rng: random.Random) -> str:
    """A structurally valid synthetic NIK: province 32, a Jawa Barat regency, date (+40 for women), serial."""
    regency = rng.choice([1, 4, 5, 7, 10, 73, 77, 79])
    district = rng.randint(1, 30)
    day = rng.randint(1, 28) + (40 if rng.random() < 0.5 else 0)
    month = rng.randint(1, 12)
    year = rng.randint(50, 99) if rng.random() < 0.6 else rng.randint(0, 5)
    serial = rng.randint(1, 2999)
    return f"32{regency:02d}{district:02d}{day:02d}{month:02d}{year:02d}{serial:04d}"


def make_letter_number(rng: random.Random) -> str:
    code = rng.choice(["R", "B", "SR", "T"])
    klas = rng.choice(["PK.01", "PR.04.01", "KP.02.03", "HM.01"])
    return f"{code}-{rng.randint(1, 999)}/{rng.choice(UNITS)}/{klas}/{rng.choice(ROMAN)}/{rng.randint(2019, 2024)}"


def make_phone(rng: random.Random) -> str:
    prefix = rng.choice([11, 12, 13, 21, 22, 52, 53, 56, 57, 77, 78, 95, 96])
    return f"08{prefix}-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}"


def make_name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


@dataclass
class Sample:
    scenario: str
    image: Image.Image
    ids: list[str]                      # compared without spaces, case-sensitively
    phrases: list[str] = field(default_factory=list)  # compared with single spaces, ignoring case


# -- rendering --------------------------------------------------------------------------

def stamp(text: str, size: int, angle: float, color=(200, 30, 40)) -> Image.Image:
    """A rubber-stamp marking: bold capitals in a double frame, turned a little."""
    f = font(size, bold=True)
    w = int(f.getlength(text)) + size
    h = int(size * 1.9)
    im = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    d = ImageDraw.Draw(im)
    d.rectangle([2, 2, w - 3, h - 3], outline=color + (230,), width=max(3, size // 10))
    d.rectangle([size // 5, size // 5, w - size // 5, h - size // 5], outline=color + (230,), width=max(1, size // 20))
    d.text((size // 2, int(size * 0.4)), text, font=f, fill=color + (235,))
    return im.rotate(angle, expand=True, resample=Image.Resampling.BICUBIC)


def letter(rng: random.Random, stamp_over_text: bool = False, size: int = 26) -> Sample:
    """A nota-dinas-like page (about A4 width at 150 dpi) with planted identifiers."""
    serif = rng.random() < 0.5
    f = font(size, serif=serif)
    fb = font(size + 4, bold=True, serif=serif)
    nik, num, phone, name = make_nik(rng), make_letter_number(rng), make_phone(rng), make_name(rng)
    W, H = 1240, 1060
    im = Image.new("RGB", (W, H), (252, 252, 250))
    d = ImageDraw.Draw(im)
    y = 50
    for line in ("PEMERINTAH KOTA BANDUNG", "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL"):
        tw = fb.getlength(line)
        d.text(((W - tw) / 2, y), line, font=fb, fill=(15, 15, 15))
        y += int(size * 1.6)
    d.line([80, y + 6, W - 80, y + 6], fill=(20, 20, 20), width=3)
    y += int(size * 1.5)
    rows = [("Nomor", num), ("Sifat", "Segera"), ("Lampiran", "1 (satu) berkas"), ("Hal", "Permohonan verifikasi data")]
    for k, v in rows:
        d.text((90, y), k, font=f, fill=(20, 20, 20))
        d.text((300, y), f": {v}", font=f, fill=(20, 20, 20))
        y += int(size * 1.5)
    y += size
    body = [
        "Dengan hormat, bersama ini kami sampaikan permohonan verifikasi",
        f"data penduduk atas nama {name}, NIK {nik},",
        f"yang dapat dihubungi melalui nomor {phone}. Mohon data",
        "tersebut tidak disebarluaskan dan hanya digunakan untuk",
        "keperluan pelayanan administrasi kependudukan.",
    ]
    nik_y = y + int(size * 1.5)
    for line in body:
        d.text((90, y), line, font=f, fill=(20, 20, 20))
        y += int(size * 1.5)
    y += size * 2
    d.text((760, y), "Kepala Dinas,", font=f, fill=(20, 20, 20))
    st = stamp("RAHASIA", int(size * 2.0), rng.uniform(-14, 14))
    if stamp_over_text:
        pos = (rng.randint(150, 450), nik_y - st.height // 2 + size // 2)
    else:
        pos = (W - st.width - 60, 30)
    # ink on paper multiplies: black text under a red stamp stays black
    layer = Image.new("RGB", im.size, (255, 255, 255))
    layer.paste(st, pos, st)
    im = ImageChops.multiply(im, layer)
    return Sample("clean", im, [nik, num, phone, "RAHASIA"],
                  ["Dinas Kependudukan dan Pencatatan Sipil", name])


def screenshot_dark(rng: random.Random) -> Sample:
    """A dark-mode chat/spreadsheet screenshot: light text on a near-black background, small font."""
    nik, num, phone, name = make_nik(rng), make_letter_number(rng), make_phone(rng), make_name(rng)
    W, H = 1080, 900
    im = Image.new("RGB", (W, H), (18, 18, 20))
    d = ImageDraw.Draw(im)
    f = font(24)
    fb = font(26, bold=True)
    d.rectangle([0, 0, W, 90], fill=(32, 34, 38))
    d.text((30, 28), "Grup Pelayanan Dukcapil", font=fb, fill=(235, 235, 235))
    msgs = [
        ("Pak, ini data yang diminta:", (45, 45, 50)),
        (f"Nama: {name}", (45, 45, 50)),
        (f"NIK {nik}", (45, 45, 50)),
        (f"HP {phone}", (45, 45, 50)),
        (f"Surat no {num}", (0, 92, 75)),
        ("Sifatnya RAHASIA ya, jangan disebar", (0, 92, 75)),
    ]
    y = 130
    for text, bubble in msgs:
        tw = f.getlength(text)
        x = 40 if bubble[1] < 60 else W - tw - 80
        d.rounded_rectangle([x - 16, y - 10, x + tw + 16, y + 40], radius=14, fill=bubble)
        d.text((x, y), text, font=f, fill=(232, 232, 232))
        y += 90
    return Sample("dark", im, [nik, num, phone, "RAHASIA"], [name])


def card(rng: random.Random) -> Sample:
    """An ID-card-like card (light blue, photo box, big NIK) photographed on a desk."""
    nik, name = make_nik(rng), make_name(rng).upper()
    W, H = 1012, 640
    c = Image.new("RGB", (W, H), (214, 232, 246))
    d = ImageDraw.Draw(c)
    d.text((300, 20), "PROVINSI JAWA BARAT", font=font(30, bold=True), fill=(10, 10, 10))
    d.text((370, 60), "KOTA BANDUNG", font=font(30, bold=True), fill=(10, 10, 10))
    d.text((40, 120), f"NIK   : {nik}", font=font(36, bold=True), fill=(10, 10, 10))
    f = font(22)
    rows = [("Nama", name), ("Tempat/Tgl Lahir", "BANDUNG, 12-05-1988"), ("Jenis Kelamin", "PEREMPUAN"),
            ("Alamat", "JL. MERDEKA NO. 12"), ("Agama", "ISLAM"), ("Pekerjaan", "PEGAWAI SWASTA")]
    y = 190
    for k, v in rows:
        d.text((40, y), k, font=f, fill=(10, 10, 10))
        d.text((290, y), f": {v}", font=f, fill=(10, 10, 10))
        y += 40
    d.rectangle([770, 170, 960, 420], fill=(200, 60, 60))
    # photographed: on a desk, turned, lit unevenly, soft, compressed
    desk = Image.new("RGB", (W + 300, H + 300), (92, 70, 52))
    dn = np.asarray(desk).astype(np.float64)
    dn += np.random.default_rng(rng.randint(0, 10**6)).normal(0, 10, dn.shape)
    desk = Image.fromarray(dn.clip(0, 255).astype(np.uint8))
    c = c.convert("RGBA").rotate(rng.uniform(3, 7) * rng.choice([-1, 1]), expand=True,
                                 resample=Image.Resampling.BICUBIC)
    desk.paste(c, (150 - (c.width - W) // 2, 150 - (c.height - H) // 2), c)
    img = lighting(desk, rng)
    img = img.filter(ImageFilter.GaussianBlur(1.1))
    img = jpeg(img, 45)
    return Sample("card", img, [nik], [name])


# -- degradations -------------------------------------------------------------------------

def tilt(img: Image.Image, rng: random.Random) -> Image.Image:
    return img.rotate(rng.uniform(3, 8) * rng.choice([-1, 1]), expand=True, fillcolor=(250, 250, 248),
                      resample=Image.Resampling.BICUBIC)


def blur(img: Image.Image, radius: float = 1.6) -> Image.Image:
    return img.filter(ImageFilter.GaussianBlur(radius))


def noise(img: Image.Image, rng: random.Random, sigma: float = 30) -> Image.Image:
    a = np.asarray(img).astype(np.float64) * 0.85 + 20  # greyish paper
    a += np.random.default_rng(rng.randint(0, 10**6)).normal(0, sigma, a.shape)
    return Image.fromarray(a.clip(0, 255).astype(np.uint8))


def lowres(img: Image.Image, f: float = 0.45) -> Image.Image:
    return img.resize((int(img.width * f), int(img.height * f)), Image.Resampling.BILINEAR)


def jpeg(img: Image.Image, quality: int = 12) -> Image.Image:
    buf = io.BytesIO()
    img.convert("RGB").save(buf, "JPEG", quality=quality)
    return Image.open(io.BytesIO(buf.getvalue())).convert("RGB")


def lighting(img: Image.Image, rng: random.Random) -> Image.Image:
    """Uneven light: a gradient from one corner, as under a desk lamp."""
    a = np.asarray(img.convert("RGB")).astype(np.float64)
    h, w = a.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w]
    cx, cy = rng.uniform(0, w), rng.uniform(0, h)
    dist = np.sqrt((xx - cx) ** 2 + (yy - cy) ** 2) / np.hypot(w, h)
    gain = 1.05 - 0.55 * dist
    return Image.fromarray((a * gain[..., None]).clip(0, 255).astype(np.uint8))


def perspective(img: Image.Image, rng: random.Random, k: float = 0.04) -> Image.Image:
    w, h = img.size
    j = lambda v: v * rng.uniform(0, k)  # noqa: E731
    quad = (j(w), j(h), j(w), h - j(h), w - j(w), h - j(h), w - j(w), j(h))
    return img.transform((w, h), Image.Transform.QUAD, quad, Image.Resampling.BICUBIC, fillcolor=(120, 110, 100))


def phone_photo(img: Image.Image, rng: random.Random) -> Image.Image:
    """A phone photo of a page on a desk: turned, skewed, lamp-lit, soft, noisy, compressed, smaller."""
    img = img.rotate(rng.uniform(3, 6) * rng.choice([-1, 1]), expand=True, fillcolor=(110, 100, 90),
                     resample=Image.Resampling.BICUBIC)
    img = perspective(img, rng)
    img = lighting(img, rng)
    img = blur(img, 1.2)
    img = noise(img, rng, 12)
    img = lowres(img, 0.8)
    return jpeg(img, 45)


def hard_photo(img: Image.Image, rng: random.Random) -> Image.Image:
    """A bad phone photo: turned further, lamp-lit, blurred, noisy, small and heavily compressed."""
    img = img.rotate(rng.uniform(5, 8) * rng.choice([-1, 1]), expand=True, fillcolor=(110, 100, 90),
                     resample=Image.Resampling.BICUBIC)
    img = perspective(img, rng, 0.06)
    img = lighting(img, rng)
    img = blur(img, 2.0)
    img = noise(img, rng, 18)
    img = lowres(img, 0.6)
    return jpeg(img, 30)


def samples(variants: int, seed: int = 7) -> list[Sample]:
    out = []
    for v in range(variants):
        rng = random.Random(seed * 1000 + v)
        base = letter(rng)
        out.append(Sample("clean", base.image, base.ids, base.phrases))
        for name, fn in (("tilt", lambda im: tilt(im, rng)), ("blur", blur), ("noise", lambda im: noise(im, rng)),
                         ("lowres", lambda im: lowres(im, rng.uniform(0.3, 0.5))), ("jpeg", jpeg),
                         ("photo", lambda im: phone_photo(im, rng)), ("photo-hard", lambda im: hard_photo(im, rng))):
            s = letter(rng)
            out.append(Sample(name, fn(s.image), s.ids, s.phrases))
        s = letter(rng, stamp_over_text=True)
        out.append(Sample("stamp-over", s.image, s.ids, s.phrases))
        out.append(screenshot_dark(rng))
        out.append(card(rng))
    return out


# -- scoring ---------------------------------------------------------------------------------

_WS = re.compile(r"\s+")


def found_ids(text: str, ids: list[str]) -> int:
    flat = _WS.sub("", text)
    return sum(_WS.sub("", i) in flat for i in ids)


def found_phrases(text: str, phrases: list[str]) -> int:
    flat = _WS.sub(" ", text).lower()
    return sum(_WS.sub(" ", p).lower() in flat for p in phrases)


# -- engines ------------------------------------------------------------------------------------

def tess_raw(img):
    """Tesseract as it comes: the picture as is, automatic page segmentation, Indonesian."""
    return ocr.run_tesseract(img.convert("RGB"), 60, psm="3", lang="ind")[0]


def pipeline(engine="tesseract", prep=ocr_prep.DEFAULT, psm=ocr.TESSERACT_PSM, lang=None, config=None, fix=True):
    """dlp's OCR (ocr.recognize) with one setting changed."""
    def run(img):
        saved = (ocr_prep.DEFAULT, ocr.TESSERACT_PSM, ocr.TESSERACT_LANG, ocr.TESSERACT_CONFIG, ocr.fix_confusions)
        ocr_prep.DEFAULT, ocr.TESSERACT_PSM = prep, psm
        ocr.TESSERACT_LANG = lang if lang is not None else ocr.TESSERACT_LANG
        ocr.TESSERACT_CONFIG = config if config is not None else ocr.TESSERACT_CONFIG
        if not fix:
            ocr.fix_confusions = lambda t: t
        try:
            return ocr.recognize(img, 60, engine=engine).text
        finally:
            ocr_prep.DEFAULT, ocr.TESSERACT_PSM, ocr.TESSERACT_LANG, ocr.TESSERACT_CONFIG, ocr.fix_confusions = saved
    return run


def rapid_raw(img):
    return ocr.run_rapidocr(img)


def engines(ablation: bool) -> dict:
    e = {"tesseract raw": tess_raw, "tesseract + prep": pipeline()}
    if ablation:
        P = ocr_prep.Prep
        e.update({
            "  psm 3": pipeline(psm="3"),
            "  lang ind": pipeline(lang="ind"),
            "  lang ind+eng": pipeline(lang="ind+eng"),
            "  - invert": pipeline(prep=P(invert=False)),
            "  - deskew": pipeline(prep=P(deskew=False)),
            "  - scale": pipeline(prep=P(scale=False)),
            "  - colour": pipeline(prep=P(colour=False)),
            "  - fixes": pipeline(fix=False),
            "  + otsu": pipeline(prep=P(binarize=True)),
            "  tess. Otsu": pipeline(config=()),
            "  tess. Sauvola": pipeline(config=("thresholding_method=2",)),
        })
    if ocr.rapidocr_available():
        e["rapidocr raw"] = rapid_raw
        e["rapidocr + fixes"] = pipeline(engine="rapidocr")
        e["auto (tess+rapid)"] = pipeline(engine="auto")
    return e


def cpu() -> float:
    """CPU seconds used so far by this process (all threads) and its finished children (tesseract).

    CPU time, not wall time: on a shared machine the wall clock measures the
    neighbours as much as the engine.
    """
    own = time.process_time()
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own + kids.ru_utime + kids.ru_stime


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--variants", type=int, default=2, help="images per scenario (different identifiers)")
    ap.add_argument("--ablation", action="store_true", help="also run each preprocessing step on/off")
    ap.add_argument("--save", help="write the rendered images to this folder")
    ap.add_argument("--only", help="comma-separated engine names to run")
    args = ap.parse_args(argv)

    if not ocr.tesseract_available():
        print("tesseract not available", file=sys.stderr)
        return 1
    t = time.perf_counter()
    items = samples(args.variants)
    print(f"rendered {len(items)} images in {time.perf_counter() - t:.1f} s")
    if args.save:
        Path(args.save).mkdir(parents=True, exist_ok=True)
        for i, s in enumerate(items):
            s.image.save(Path(args.save) / f"{i:02d}-{s.scenario}.png")
    if ocr.rapidocr_available():
        t = time.perf_counter()
        ocr.run_rapidocr(Image.new("RGB", (64, 32), "white"))
        print(f"rapidocr model load (once per process): {time.perf_counter() - t:.1f} s")

    scen = list(dict.fromkeys(s.scenario for s in items))
    table = {}
    eng = engines(args.ablation)
    if args.only:
        keep = {n.strip() for n in args.only.split(",")}
        eng = {k: v for k, v in eng.items() if k.strip() in keep}
    for name, fn in eng.items():
        # ids found, ids, phrases found, phrases, CPU seconds, pages, wall seconds
        per = {sc: [0, 0, 0, 0, 0.0, 0, 0.0] for sc in scen}
        for s in items:
            t = time.perf_counter()
            c = cpu()
            try:
                text = fn(s.image)
            except Exception as exc:  # an engine failing on a page scores zero there
                text = ""
                print(f"  {name} failed on {s.scenario}: {exc}", file=sys.stderr)
            dt = time.perf_counter() - t
            dc = cpu() - c
            r = per[s.scenario]
            r[0] += found_ids(text, s.ids)
            r[1] += len(s.ids)
            r[2] += found_phrases(text, s.phrases)
            r[3] += len(s.phrases)
            r[4] += dc
            r[5] += 1
            r[6] += dt
        table[name] = per
        tot = [sum(per[sc][i] for sc in scen) for i in range(7)]
        print(f"{name:20s} ids {tot[0]}/{tot[1]} = {tot[0] / tot[1]:.0%}  phrases {tot[2]}/{tot[3]} = "
              f"{tot[2] / max(1, tot[3]):.0%}  {tot[4] / tot[5]:.2f} CPU s/page  {tot[6] / tot[5]:.2f} wall s/page",
              flush=True)

    print()
    base = next(iter(table.values()))
    base_cpu = sum(base[sc][4] for sc in scen) or 1.0
    print("identifier accuracy (phrases with word breaks intact), CPU seconds per page")
    head = f"| {'scenario':10s} | " + " | ".join(f"{n.strip():>18s}" for n in table) + " |"
    print(head)
    print("|" + "---|" * (len(table) + 1))
    for sc in scen + ["all"]:
        cells = []
        for name, per in table.items():
            rows = [per[sc] for sc in scen] if sc == "all" else [per[sc]]
            f_, n_, pf, pn, sec, pages = (sum(r[i] for r in rows) for i in range(6))
            if sc == "all":
                cells.append(f"{f_ / n_:4.0%} ({pf / max(1, pn):4.0%}) {sec / pages:4.2f}s x{sec / base_cpu:.1f}")
                continue
            cells.append(f"{f_ / n_:4.0%} ({pf / max(1, pn):4.0%}) {sec / pages:4.2f}s")
        print(f"| {sc:10s} | " + " | ".join(f"{c:>18s}" for c in cells) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
