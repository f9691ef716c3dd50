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
* **frames**: the box drawn around a word (a black stamp's frame, a boxed
  field) is whitened, its sides told from the letters' stems by what they
  join (:func:`frame_mask`) - only where nothing else is inked on the box's
  rows: beside other text (a stamp by the signature) the frame is what keeps
  tesseract from joining the boxed word to that text's line.  A coloured
  stamp's frame is removed in its own layer (:func:`remove_rules`);
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
    frames: bool = True           # whiten a box drawn around text that stands alone on its rows (a black stamp's frame)
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
    if prep.frames and has_rule(gray):
        gray = remove_frames(gray)
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


# -- rules and frames ---------------------------------------------------------------
#
# A word boxed in tightly - a rubber stamp RAHASIA in its rectangle, a form's
# field in its box - is the one thing tesseract reads worst: it takes the box
# for a picture, or its sides for ``I`` glued to the word (``IRAHASIAI``).
# Whitening the box fixes that, but only the box: a letter's stem is as long,
# straight and thin as a short box side, and erasing the stems of R, H, I, N,
# T, F, L leaves ``RA - AS A`` of RAHASIA.  What tells them apart is not length
# but what the stroke joins: a box side runs from the box's top rule to its
# bottom rule, and the letters stand clear of both (a stamp's padding).

FRAME_RATIO = 2.0  # a box's top and bottom rules are at least this many times as long as its sides
MIN_SIDE = 8       # shortest box side (pixels) looked for: smaller boxes are letters or check boxes
END_ROWS = 3       # a side meets its rule within this many rows of its ends (residual tilt, anti-aliasing)


def _runs(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The horizontal runs of True in ``mask``: (row, first column, length) of each, and a map
    giving every pixel the length of the run it is in (0 off the runs).  Vectorized: one pass
    over the flattened mask, no loop over rows."""
    h, w = mask.shape
    padded = np.zeros((h, w + 1), dtype=bool)  # a False column ends every run in its row
    padded[:, :w] = mask
    flat = padded.ravel()
    step = np.diff(flat.view(np.int8), prepend=np.int8(0))
    starts = np.flatnonzero(step == 1)
    ends = np.flatnonzero(step == -1)
    lengths = (ends - starts).astype(np.int32)
    delta = np.zeros(flat.size + 1, dtype=np.int32)
    delta[starts] = lengths
    delta[ends] -= lengths
    lenmap = np.cumsum(delta[:-1], dtype=np.int32).reshape(h, w + 1)[:, :w]
    return starts // (w + 1), starts % (w + 1), lengths, lenmap


def _paint(shape: tuple[int, int], rows: np.ndarray, cols: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Mask of the horizontal runs given by (row, first column, length)."""
    h, w = shape
    delta = np.zeros(h * (w + 1) + 1, dtype=np.int32)
    starts = rows * (w + 1) + cols
    np.add.at(delta, starts, 1)
    np.add.at(delta, starts + lengths, -1)
    return (np.cumsum(delta[:-1]) > 0).reshape(h, w + 1)[:, :w]


def _near(lenmap: np.ndarray, rows: int, down: bool) -> np.ndarray:
    """The largest value of ``lenmap`` within ``rows`` rows below (``down``) or above each pixel."""
    out = lenmap.copy()
    for k in range(1, rows):
        if down:
            np.maximum(out[:-k], lenmap[k:], out=out[:-k])
        else:
            np.maximum(out[k:], lenmap[:-k], out=out[k:])
    return out


def _enclosing(ink: np.ndarray, hmap: np.ndarray, xs: np.ndarray, y0s: np.ndarray, y1s: np.ndarray) -> np.ndarray:
    """Which candidate sides (column, top, bottom) close a box that holds something (text).

    A frame holds letters clear of its rules and sides: along the inside of
    a side runs a strip of paper (the padding) over most of its length, and
    between the rules there is ink that is neither a rule nor a column from
    rule to rule.  The upper bowl of a B is a small box too (its right side
    joins two bars twice its length), but an empty one: between its bars
    there is only the counter and the stem, which spans the box from bar to
    bar like a side.  The short gap between the arms of a K and its stem has
    no strip of paper beside it.  Candidates are
    grouped (adjacent columns of one side) and each group looked at once:
    they are few (a frame, the bowls of a few letters).
    """
    keep = np.zeros(len(xs), dtype=bool)
    order = np.lexsort((y0s, xs))
    groups: list[list[int]] = []
    for i in order:
        g = groups[-1] if groups else None
        if g and xs[i] - xs[g[-1]] <= 1 and y0s[i] <= y1s[g[-1]] and y1s[i] >= y0s[g[-1]]:
            g.append(i)
        else:
            groups.append([i])
    h, w = ink.shape
    for g in groups:
        idx = np.array(g)
        xa, xb = int(xs[idx].min()), int(xs[idx].max())
        y0, y1 = int(y0s[idx].min()), int(y1s[idx].max())
        n = y1 - y0 + 1
        # the rule at the top corner: which way does the box extend from this side?
        r = y0 + int(np.argmax(hmap[y0:y0 + END_ROWS, xa]))
        row = ink[r]
        gaps_left = np.flatnonzero(~row[:xa])
        gaps_right = np.flatnonzero(~row[xb + 1:])
        c0 = int(gaps_left[-1]) + 1 if len(gaps_left) else 0
        c1 = xb + 1 + int(gaps_right[0]) if len(gaps_right) else w
        step = 1 if c1 - 1 - xb >= xa - c0 else -1
        # the first column of paper inside the side (past its anti-aliased rim)
        inner = xb + 1 if step == 1 else xa - 1
        mid = (y0 + y1) // 2
        for _ in range(END_ROWS):
            if not 0 <= inner < w or not ink[mid, inner]:
                break
            inner += step
        if not 0 <= inner < w:
            continue
        cols = slice(inner, c1) if step == 1 else slice(c0, inner + 1)
        free = np.flatnonzero(~ink[y0:y1 + 1, inner])  # between the rules, beside the side
        # a frame's padding: paper all along the inside of the side, for most of its length
        if len(free) < n / 2 or len(free) < 0.8 * (free[-1] - free[0] + 1):
            continue
        rows = slice(y0 + int(free[0]), y0 + int(free[-1]) + 1)
        sub = ink[rows, cols] & (hmap[rows, cols] < FRAME_RATIO * n)  # not the box's own rules
        full = sub.all(axis=0)  # the far side, a table's column rule, a letter's stem from bar to bar
        if int(sub[:, ~full].sum()) >= MIN_SIDE:
            keep[idx] = True
    return keep


def frame_mask(ink: np.ndarray, rule_rows: np.ndarray | None = None) -> np.ndarray:
    """The pixels of ``ink`` (a level image) that belong to boxes drawn around text: sides and rules.

    A **side** is a vertical run of ink, at least :data:`MIN_SIDE` long, that
    joins two rules: within :data:`END_ROWS` rows of its top end and of its
    bottom end it meets a horizontal run of ink at least :data:`FRAME_RATIO`
    times its own length, while at its middle it is a thin stroke (not the
    inside of a filled area or of a thick rule).  That is a box around a line
    of text - a stamp is some 3-8 times as wide as tall - and never a letter:

    * a letter's stem starts and ends in its own strokes (the bars of E, the
      serifs of I, the bowl of R), shorter than the stem, or in nothing at all;
    * the letters inside a stamp stand clear of its frame (its padding), so
      they do not meet the frame's rules, however tight the frame is;
    * a rule alone (an underline, the double rule under a letterhead) has no
      side joining it to another.

    ``rule_rows`` (optional, one flag a row) marks rows known to be rules (see
    :func:`remove_rules`): a vertical run from one such row to another is a
    side too, whatever its length (the column rules of a table, a square frame).

    The **rules** taken with a side are the horizontal runs, at least
    ``FRAME_RATIO * MIN_SIDE`` long, that it touches: the box's top and bottom
    (a table's row rules where its column rules cross them).  Example: a
    64-pixel RAHASIA in a frame with 16 pixels of padding is some 95 pixels
    tall and 390 wide; its sides run from rule to rule and meet 390-pixel runs
    at their ends; the 47-pixel stems of R, H and I meet runs of 6 to 40.
    """
    h, w = ink.shape
    if h < MIN_SIDE or w < MIN_SIDE or not ink.any():
        return np.zeros_like(ink)
    hrow, hcol, hlen, hmap = _runs(ink)
    vx, vy0, vlen, _ = _runs(np.ascontiguousarray(ink.T))
    long_ = vlen >= MIN_SIDE
    vx, vy0, vlen = vx[long_], vy0[long_], vlen[long_]
    if len(vx) == 0:
        return np.zeros_like(ink)
    vy1 = vy0 + vlen - 1
    top = _near(hmap, END_ROWS, down=True)[vy0, vx]
    bottom = _near(hmap, END_ROWS, down=False)[vy1, vx]
    middle = hmap[(vy0 + vy1) // 2, vx]
    reach = FRAME_RATIO * vlen
    side = (top >= reach) & (bottom >= reach) & (middle < reach)
    if side.any():
        side[side] = _enclosing(ink, hmap, vx[side], vy0[side], vy1[side])
    if rule_rows is not None and rule_rows.any():
        band = rule_rows.astype(np.int32)[:, None]
        at_top = _near(band, END_ROWS, down=True)[vy0, 0] > 0
        at_bottom = _near(band, END_ROWS, down=False)[vy1, 0] > 0
        side |= at_top & at_bottom
    if not side.any():
        return np.zeros_like(ink)
    sides = _paint((w, h), vx[side], vy0[side], vlen[side]).T
    # the rules the sides touch
    flat = np.zeros((h, w + 1), dtype=np.int32)
    flat[:, :w] = sides
    cum = np.concatenate(([0], np.cumsum(flat.ravel())))
    starts = hrow * (w + 1) + hcol
    touched = (cum[starts + hlen] - cum[starts] > 0) & (hlen >= FRAME_RATIO * MIN_SIDE)
    return sides | _paint((h, w), hrow[touched], hcol[touched], hlen[touched])


def _grow(mask: np.ndarray) -> np.ndarray:
    """``mask`` grown by one pixel each way (a stroke's anti-aliased rim)."""
    return np.asarray(Image.fromarray(mask.astype(np.uint8) * 255, "L").filter(ImageFilter.MaxFilter(3))) > 0


def remove_rules(gray: Image.Image) -> Image.Image:
    """Whiten the rules and frames of the coloured-ink layer (a stamp's border, a table's rules).

    Tesseract takes a word boxed in tightly for a picture, or reads the border
    as ``I`` glued to it (``IRAHASIA``).  Whitened here:

    * a **rule**: a row that is ink for more than half the inked width (the
      layer is cropped to the coloured ink, so a stamp's frame spans it;
      letters never do);
    * a **side**: a vertical run that joins two such rows (a frame's sides, a
      table's column rules), or a box side by :func:`frame_mask`'s test.

    Not a column merely as long as half the inked height: with a tight frame
    (16 px of padding around 64 px capitals) the stems of R, H, I, N, F, T, L
    are that long, and whitening them turned RAHASIA into ``RA - AS A``.
    """
    arr = np.asarray(gray).copy()
    if arr.size == 0:
        return gray
    ink = arr < otsu(arr)
    ys, xs = np.nonzero(ink)
    if len(ys) == 0:
        return gray
    ink = arr < 200  # a thin rule is light grey after resampling: count it in
    width = xs.max() - xs.min() + 1
    rows_, _, lengths, _ = _runs(ink)
    longest = np.zeros(ink.shape[0], dtype=np.int64)
    np.maximum.at(longest, rows_, lengths)
    rules = longest > 0.5 * width
    gone = frame_mask(ink, rules)
    gone[rules] |= ink[rules]  # a rule row's ink (the rest of the row is paper already)
    if not gone.any():
        return gray
    arr[_grow(gone)] = 255
    return Image.fromarray(arr, "L")


RULE_GATE = 80  # pixels: a box's top rule is at least this long; no letter has such a horizontal stroke
FRAME_MARGIN = 12  # pixels beside a box still counted as its own (anti-aliasing, a stamp's smudge)
FRAME_BESIDE = 2   # ink pixels per row of the box's band allowed beside it (specks of a scan), not text


def has_rule(gray: Image.Image, length: int = RULE_GATE) -> bool:
    """Whether a row of ``gray`` holds a dark horizontal run of ``length`` pixels or more: what every box
    :func:`remove_frames` removes has (its top rule), and a page of text alone has not.  Read at half
    size where the image is large (a few milliseconds for a page, against a quarter second for
    :func:`frame_mask`, which most pages then skip)."""
    k = 2 if min(gray.size) >= 4 * length else 1
    small = gray.reduce(k) if k > 1 else gray
    n = max(2, length // k)
    dark = np.asarray(small) < 128
    if dark.shape[1] < n or not dark.any():
        return False
    cs = np.cumsum(dark, axis=1, dtype=np.int32)
    runs = cs[:, n - 1:].copy()
    runs[:, 1:] -= cs[:, :-n]
    return bool((runs >= n).any())


def remove_frames(gray: Image.Image) -> Image.Image:
    """Whiten the boxes drawn around text on a level page (a black stamp's frame, a boxed field).

    Only what :func:`frame_mask` calls a box goes: its sides and the rules
    they join.  Letters, underlines, a letterhead's rule and the rules of a
    table taller than it is wide stay (tesseract finds a table's lines
    itself).  Ink is judged locally (:func:`_ink`), so the shadow across a
    photographed page is not a box.
    """
    arr = np.asarray(gray)
    if arr.size == 0 or min(arr.shape) < MIN_SIDE:
        return gray
    ink = _ink(arr)
    gone = frame_mask(ink)
    if not gone.any():
        return gray
    # Only a box standing alone on its rows: with another text beside it (a stamp by the signature, a
    # letterhead's box by the address), tesseract would read the boxed word into that text's line.
    rows, cols = np.flatnonzero(gone.any(axis=1)), np.flatnonzero(gone.any(axis=0))
    band = ink[rows[0]:rows[-1] + 1]
    left, right = max(0, cols[0] - FRAME_MARGIN), cols[-1] + 1 + FRAME_MARGIN
    beside = int(band[:, :left].sum()) + int(band[:, right:].sum())
    if beside > FRAME_BESIDE * band.shape[0]:
        return gray
    gone = _grow(gone)
    rest = arr[~gone]
    paper = int(np.median(rest[:: max(1, rest.size // 100_000)])) if rest.size else 255
    out = arr.copy()
    out[gone] = paper
    return Image.fromarray(out, "L")
