"""Image preparation before OCR: grayscale, coloured ink, polarity, skew, scale.

Tesseract reads best a page of dark, straight text lines on a light background
whose letters are some 20-40 pixels high.  Photos and screenshots are none of
that: light text on a dark app theme, a page tilted a few degrees on a desk, a
red RAHASIA stamp across a line, a thumbnail whose letters are 8 pixels high.
Each step here fixes one of these, cheaply (numpy on a downscaled copy, one
full-size resample at most), and each was kept only where
``benchmarks/bench_ocr.py`` showed it helps (see ``docs/ocr.md`` for the
figures):

* **gray**: luminance, with transparency composited onto a background that
  contrasts with the drawn pixels (a transparent PNG of black text would be
  black on black otherwise);
* **coloured ink** (:func:`split_colour`, called by :mod:`dlp.extract.ocr`):
  saturated strokes - a stamp, a coloured heading - are taken off the page
  and read on their own, straightened and stripped of their frame;
* **invert**: a dark page (the middle of the picture mostly dark) is
  inverted, so a dark-mode screenshot becomes dark text on light;
* **deskew**: the angle in +-10 degrees that makes the row profile of the ink
  sharpest (projection-profile method, computed on ink pixel coordinates, so
  41 + 21 candidate angles cost a few milliseconds);
* **scale**: the height of the text lines (runs of inked rows, or the line
  pitch from the autocorrelation of the row profile) - text too small for
  tesseract is upscaled to :data:`TARGET_LINE` pixels, never blindly (text that
  is already large enough is left alone), very large text is downscaled;
* **binarize**: global Otsu threshold - off: measured worse than tesseract's
  own thresholding.

Example::

    >>> from PIL import Image
    >>> img = prepare(Image.new("RGB", (200, 100), "white"))
    >>> img.mode
    'L'
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageFilter, ImageOps

# Height in pixels of the body of a text line (about the x-height, see
# line_height) below which tesseract starts losing characters, the height
# small text is brought to, and the height above which large text is
# downscaled (to twice the target).  Measured, see docs/ocr.md.
MIN_LINE = 11
TARGET_LINE = 20
MAX_LINE = 80
MAX_UPSCALE = 3.0
ANALYSIS_SIDE = 1000  # longest side of the copy that skew and scale are measured on


@dataclass(frozen=True)
class Prep:
    """Which steps :func:`prepare` runs (the benchmark switches them one by one)."""

    invert: bool = True
    deskew: bool = True
    scale: bool = True
    binarize: bool = False
    colour: bool = True           # read coloured ink (stamps) apart from the page
    max_pixels: int = 40_000_000  # never upscale past this many pixels


DEFAULT = Prep()


def to_gray(img: Image.Image) -> Image.Image:
    """Luminance of ``img``; transparency is flattened onto a contrasting background."""
    if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        alpha = np.asarray(rgba.getchannel("A"))
        gray = np.asarray(rgba.convert("L"))
        drawn = alpha > 127
        # Dark strokes on a see-through page go onto white, light ones onto black.
        dark = drawn.any() and float(gray[drawn].mean()) < 128
        bg = Image.new("RGBA", rgba.size, (255, 255, 255, 255) if dark or not drawn.any() else (0, 0, 0, 255))
        return Image.alpha_composite(bg, rgba).convert("L")
    if img.mode == "L":
        return img
    if img.mode in ("I;16", "I;16B", "I;16L", "I"):
        arr = np.asarray(img, dtype=np.float64)
        lo, hi = float(arr.min()), float(arr.max())
        scale = 255.0 / (hi - lo) if hi > lo else 1.0
        return Image.fromarray(((arr - lo) * scale).clip(0, 255).astype(np.uint8), "L")
    if img.mode == "1":
        return img.convert("L")
    return img.convert("RGB").convert("L")


def otsu(gray: np.ndarray) -> int:
    """Otsu's threshold of an 8-bit array (the level that best splits ink from paper)."""
    hist = np.bincount(gray.ravel(), minlength=256).astype(np.float64)
    total = hist.sum()
    if total == 0:
        return 128
    levels = np.arange(256, dtype=np.float64)
    w0 = np.cumsum(hist)
    w1 = total - w0
    m0 = np.cumsum(hist * levels)
    mean_all = m0[-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (mean_all * w0 / total - m0) ** 2 / (w0 * w1)
    between[~np.isfinite(between)] = 0
    return int(np.argmax(between))


def _small(gray: Image.Image) -> tuple[np.ndarray, float]:
    """A copy whose longest side is at most ANALYSIS_SIDE, and its scale factor."""
    w, h = gray.size
    f = min(1.0, ANALYSIS_SIDE / max(w, h))
    if f < 1.0:
        gray = gray.resize((max(1, round(w * f)), max(1, round(h * f))), Image.Resampling.BOX)
    return np.asarray(gray), f


def is_dark(gray: np.ndarray) -> bool:
    """True for a light-on-dark image: the middle of the picture is mostly dark.

    The middle, not the whole: a light page or card photographed on a dark desk
    is dark at its edges but still dark text on light.
    """
    h, w = gray.shape
    centre = gray[h // 5: h - h // 5 or h, w // 5: w - w // 5 or w]
    return float(np.median(centre if centre.size else gray)) < 110


def _ink(arr: np.ndarray) -> np.ndarray:
    """Mask of ink pixels: darker than their neighbourhood by a margin; empty if the image is flat.

    Local, not one global threshold: in a photo of a card on a desk the desk
    is dark too, but it is not ink.
    """
    if arr.size == 0 or int(arr.max()) - int(arr.min()) < 40:
        return np.zeros(arr.shape, dtype=bool)
    img = Image.fromarray(arr, "L")
    local = np.asarray(img.filter(ImageFilter.BoxBlur(12)), dtype=np.int16)
    smooth = np.asarray(img.filter(ImageFilter.BoxBlur(1)), dtype=np.int16)
    return smooth < local - 18


def _profile_score(ys: np.ndarray, xs: np.ndarray, angle: float, height: int) -> float:
    a = np.deg2rad(angle)
    proj = np.round(ys * np.cos(a) - xs * np.sin(a)).astype(np.int64)
    proj -= proj.min()
    hist = np.bincount(proj, minlength=height).astype(np.float64)
    return float(np.sum(np.diff(hist) ** 2))


def skew_angle(ink: np.ndarray, limit: float = 10.0) -> float:
    """How far the text lines are turned, in degrees counter-clockwise (PIL's sense); 0 if level."""
    ys, xs = np.nonzero(ink)
    if len(ys) < 200:
        return 0.0
    if len(ys) > 200_000:  # a sample is as good and keeps this cheap
        pick = np.random.default_rng(0).choice(len(ys), 200_000, replace=False)
        ys, xs = ys[pick], xs[pick]
    ys = ys.astype(np.float64)
    xs = xs.astype(np.float64)
    h = ink.shape[0] + ink.shape[1]
    coarse = np.arange(-limit, limit + 0.01, 0.5)
    scores = [_profile_score(ys, xs, a, h) for a in coarse]
    best = float(coarse[int(np.argmax(scores))])
    fine = np.arange(best - 0.5, best + 0.51, 0.05)
    scores = [_profile_score(ys, xs, a, h) for a in fine]
    best = float(fine[int(np.argmax(scores))])
    # Lines run along y = x*tan(best): a page turned counter-clockwise by t
    # degrees (rising to the right, y pointing down) gives best = -t.
    return -best


def line_pitch(ink: np.ndarray) -> float | None:
    """Typical distance between text lines (pixels of ``ink``), or None if no line structure shows.

    The autocorrelation of the row profile peaks at the line pitch; the first
    peak nearly as strong as the strongest is taken (the fundamental, not a
    multiple of it).
    """
    rows = ink.sum(axis=1).astype(np.float64)
    if rows.sum() < 50 or len(rows) < 16:
        return None
    rows -= rows.mean()
    n = len(rows)
    spec = np.fft.rfft(rows, 2 * n)
    ac = np.fft.irfft(spec * np.conj(spec))[:n]
    if ac[0] <= 0:
        return None
    ac /= ac[0]
    lo, hi = 4, min(n // 2, 400)
    if hi <= lo + 2:
        return None
    seg = ac[lo:hi]
    peaks = np.nonzero((seg[1:-1] > seg[:-2]) & (seg[1:-1] >= seg[2:]) & (seg[1:-1] > 0.15))[0]
    if len(peaks) == 0:
        return None
    top = seg[peaks + 1].max()
    for p in peaks:
        if seg[p + 1] >= 0.6 * top:
            return float(p + 1 + lo)
    return None


def line_height(ink: np.ndarray) -> float | None:
    """Typical height of the text lines of a level page, in pixels of ``ink``.

    Lines are runs of rows that hold a quarter of the ink of a busy row (so
    speckle between the lines of a noisy photo does not join them, and
    ascenders do not count: this is close to the x-height); the median is
    weighted by ink, so the few tall runs of a heading or the many short runs
    of noise do not decide it.
    """
    rows = ink.sum(axis=1)
    if rows.sum() < 50:
        return None
    busy = float(np.percentile(rows, 95))
    on = rows > max(1.0, ink.shape[1] / 400, 0.25 * busy)
    padded = np.concatenate(([False], on, [False]))
    edges = np.flatnonzero(padded[1:] != padded[:-1])
    starts, ends = edges[0::2], edges[1::2]
    runs = ends - starts
    keep = runs >= 2
    if not keep.any():
        return None
    runs, starts, ends = runs[keep], starts[keep], ends[keep]
    cum = np.concatenate(([0], np.cumsum(rows)))
    mass = (cum[ends] - cum[starts]).astype(np.float64)
    order = np.argsort(runs)
    acc = np.cumsum(mass[order])
    height = float(runs[order][np.searchsorted(acc, acc[-1] / 2)])
    if height > ink.shape[0] / 3:  # one run over much of the page: no line structure, use the pitch
        pitch = line_pitch(ink)
        return pitch / 3 if pitch else None
    return height


def scale_factor(ink: np.ndarray, f: float) -> float:
    """How much to resize the full image for tesseract: only text far from its comfort zone is resized.

    Tesseract reads text whose x-height is some 11-80 pixels about equally well
    (benchmarks/bench_ocr.py); smaller text is upscaled to TARGET_LINE, larger
    text downscaled (for speed; its accuracy does not suffer).
    Returns 1.0 when the height cannot be told: blind upscaling of text that is
    already large costs seconds and can lose it all.
    """
    height = line_height(ink)
    if height is None:
        return 1.0
    height /= f  # in full-size pixels
    if height < MIN_LINE:
        return min(MAX_UPSCALE, TARGET_LINE / height)
    if height > MAX_LINE:
        return max(0.5, TARGET_LINE * 2 / height)
    return 1.0


def prepare(img: Image.Image, prep: Prep = DEFAULT) -> Image.Image:
    """Return a grayscale image ready for OCR (see the module docstring)."""
    gray = to_gray(img)
    small, f = _small(gray)
    if prep.invert and is_dark(small):
        gray = ImageOps.invert(gray)
        small = 255 - small
    gray = ImageOps.autocontrast(gray, cutoff=0.5)
    ink = _ink(small)
    if prep.deskew and ink.any():
        angle = skew_angle(ink)
        if abs(angle) >= 0.3:
            gray = gray.rotate(-angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
            small, f = _small(gray)
            ink = _ink(small)
    if prep.scale and ink.any():
        k = scale_factor(ink, f)
        w, h = gray.size
        if k > 1.0:
            k = min(k, (prep.max_pixels / max(1, w * h)) ** 0.5)
        if abs(k - 1.0) > 0.15:
            gray = gray.resize((max(1, round(w * k)), max(1, round(h * k))),
                               Image.Resampling.LANCZOS if k > 1 else Image.Resampling.BOX)
    if prep.binarize:
        arr = np.asarray(gray)
        gray = Image.fromarray(np.where(arr < otsu(arr), 0, 255).astype(np.uint8), "L")
    return gray


# -- coloured ink (stamps, coloured headings) ---------------------------------------

SAT_INK = 70          # max-min channel spread above which a pixel is coloured ink
MIN_COLOUR = 0.001    # fraction of coloured pixels below which there is no coloured ink
MAX_COLOUR = 0.25     # above: colour is background (a poster, a photo), not ink
STAMP_SKEW = 30.0     # stamps are turned further than pages
FILLED = 20           # radius (analysis pixels) within which filled colour covers most pixels; ink does not


def _saturation(rgb: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(max - min channel spread, max channel) of an RGB array (element-wise: a reduction over the
    3-long last axis is ten times slower)."""
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    hi = np.maximum(np.maximum(r, g), b)
    lo = np.minimum(np.minimum(r, g), b)
    return hi.astype(np.int16) - lo, hi


def _dense(mask: np.ndarray, radius: int) -> np.ndarray:
    """The filled areas of ``mask``: where it covers most of a (2*radius+1)-square, grown back to its rim.

    A chat bubble or a banner is filled even with its text cut out of it;
    the strokes of a stamp, bold as they may be, never cover most of such a
    square.  Worked out at a quarter of the size (large rank filters are slow).
    """
    h, w = mask.shape
    im = Image.fromarray(mask.astype(np.uint8) * 255, "L")
    q = im.resize((max(1, w // 4), max(1, h // 4)), Image.Resampling.BOX)  # coverage, 0..255
    r = max(1, radius // 4)
    core = np.asarray(q.filter(ImageFilter.BoxBlur(r))) > 0.7 * 255
    if not core.any():
        return np.zeros_like(mask)
    grown = Image.fromarray(core.astype(np.uint8) * 255, "L").filter(ImageFilter.MaxFilter(2 * r + 1))
    return mask & (np.asarray(grown.resize((w, h), Image.Resampling.NEAREST)) > 127)


def colour_mask(img: Image.Image) -> tuple[np.ndarray, np.ndarray, float] | None:
    """(coloured strokes, filled colour areas, scale) on the analysis copy, or None without coloured ink.

    Coloured ink is a small share of saturated, not-too-dark pixels in strokes:
    a red RAHASIA stamp, a blue ink stamp, a coloured heading.  Filled colour
    (a chat bubble, a banner, a photo on an ID card) is background, not ink:
    the text on it is read with the page.  A picture that is mostly colour (a
    poster background, a photo) has no ink layer.
    """
    if img.mode not in ("RGB", "RGBA", "P", "CMYK"):
        return None
    w, h = img.size
    f = min(1.0, ANALYSIS_SIDE / max(w, h))
    small = img.convert("RGB")
    if f < 1.0:
        small = small.resize((max(1, round(w * f)), max(1, round(h * f))), Image.Resampling.BOX)
    # smoothed: the colour speckle of a noisy photo is not ink
    rgb = np.asarray(small.filter(ImageFilter.BoxBlur(1)))
    sat, bright = _saturation(rgb)
    mask = (sat > SAT_INK) & (bright > 90)
    if not MIN_COLOUR <= float(mask.mean()) <= MAX_COLOUR:
        return None
    filled = _dense(mask, FILLED)
    strokes = mask & ~filled
    share = float(strokes.mean())
    if share < MIN_COLOUR or share > MAX_COLOUR:
        return None
    return strokes, filled, f


def split_colour(img: Image.Image, gray: Image.Image | None = None) -> tuple[Image.Image, Image.Image] | None:
    """(page without coloured ink, coloured ink alone as dark-on-white), or None if no coloured ink.

    The first is what the body text is read from (a stamp across a line no
    longer hides it); the second is read on its own, straightened by its own
    angle (a stamp is seldom level with the text) and stripped of its frame,
    so the marking a stamp carries is read too.
    """
    found = colour_mask(img)
    if found is None:
        return None
    strokes_small, filled_small, f = found
    rgb_img = img.convert("RGB")
    W, H = rgb_img.size
    rgb = np.asarray(rgb_img.filter(ImageFilter.BoxBlur(1)))
    sat, bright = _saturation(rgb)
    # filled areas at full size, grown a little (on the small copy) so their anti-aliased rims go too
    filled = np.asarray(Image.fromarray(filled_small.astype(np.uint8) * 255, "L").filter(ImageFilter.MaxFilter(5))
                        .resize((W, H), Image.Resampling.NEAREST)) > 127
    coloured = (sat > SAT_INK) & (bright > 90) & ~filled
    ys, xs = np.nonzero(strokes_small)
    if len(ys) == 0 or not coloured.any():
        return None
    # the page: coloured strokes (grown by a pixel for their anti-aliased edges) become paper
    grown = coloured.copy()
    grown[1:, :] |= coloured[:-1, :]
    grown[:-1, :] |= coloured[1:, :]
    grown[:, 1:] |= coloured[:, :-1]
    grown[:, :-1] |= coloured[:, 1:]
    if gray is None:
        gray = to_gray(img)
    g = np.asarray(gray).copy()
    paper = int(np.median(g[~grown][:: max(1, int((~grown).sum()) // 100_000)])) if (~grown).any() else 255
    g[grown & (g > 60)] = paper  # ink that stays dark (black text under the stamp) is kept
    page = Image.fromarray(g, "L")
    # the layer: only where the colour is, straightened
    pad = 20
    x0, y0 = max(0, int(xs.min() / f) - pad), max(0, int(ys.min() / f) - pad)
    x1, y1 = min(W, int((xs.max() + 1) / f) + pad), min(H, int((ys.max() + 1) / f) + pad)
    sat, bright, filled = sat[y0:y1, x0:x1], bright[y0:y1, x0:x1], filled[y0:y1, x0:x1]
    # Coloured-ness (HSV saturation, so that dark red where the stamp's ink
    # darkens is still red) as darkness: 0 (full colour) .. 255 (none).
    hsv_sat = sat / np.maximum(bright, 1)
    ink = np.clip(255 - (hsv_sat - 0.3) * 640, 0, 255).astype(np.uint8)
    ink[filled] = 255
    # Near-black has no reliable hue; where black text crosses the stamp it
    # leaves holes in the colour: fill them from the coloured ink around (a
    # grey-level erosion spreads the dark ink a few pixels).
    dark = bright <= 60
    ink[dark] = 255
    if dark.any():
        spread = np.asarray(Image.fromarray(ink, "L").filter(ImageFilter.MinFilter(7)))
        ink[dark] = spread[dark]
    layer = Image.fromarray(ink, "L")
    small, fl = _small(layer)
    angle = skew_angle(_ink(small), STAMP_SKEW)
    if abs(angle) >= 0.3:
        layer = layer.rotate(-angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    return page, ImageOps.expand(remove_rules(layer), 30, fill=255)


def _longest_runs(mask: np.ndarray) -> np.ndarray:
    """Length of the longest run of True in each row of ``mask`` (a small image: the stamp layer)."""
    out = np.zeros(mask.shape[0], dtype=np.int64)
    for i, row in enumerate(mask):
        if row.any():
            padded = np.concatenate(([False], row, [False]))
            edges = np.flatnonzero(padded[1:] != padded[:-1])
            out[i] = int((edges[1::2] - edges[0::2]).max())
    return out


def remove_rules(gray: Image.Image) -> Image.Image:
    """Whiten straight frame lines (a stamp's border, a table's rules) of a level image.

    Tesseract takes a word boxed in tightly for a picture, or reads the border
    as ``I`` glued to it (``IRAHASIA``).  A rule is a row (column) that is ink
    for more than half the width (height); letters never are.
    """
    arr = np.asarray(gray).copy()
    if arr.size == 0:
        return gray
    ink = arr < otsu(arr)
    ys, xs = np.nonzero(ink)
    if len(ys) == 0:
        return gray
    ink = arr < 200  # a thin rule is light grey after resampling: count it in
    height, width = ys.max() - ys.min() + 1, xs.max() - xs.min() + 1
    rows = _longest_runs(ink) > 0.5 * width
    # Vertical rules only in a frame (with horizontal ones): on a single line of
    # text without a frame, every letter's stem spans the inked height.
    cols = _longest_runs(ink.T) > 0.5 * height if rows.any() else np.zeros(ink.shape[1], dtype=bool)
    if not rows.any() and not cols.any():
        return gray
    for mask, axis in ((rows, 0), (cols, 1)):
        grown = mask.copy()
        grown[1:] |= mask[:-1]
        grown[:-1] |= mask[1:]
        if axis == 0:
            arr[grown, :] = 255
        else:
            arr[:, grown] = 255
    return Image.fromarray(arr, "L")
