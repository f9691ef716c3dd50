"""OCR engines: Tesseract (a subprocess) and, when installed, RapidOCR (in process).

Pictures leak as much as documents do: a phone photo of a letter on a desk, a
screenshot of a beneficiary list, a scanned nota dinas.  This module turns one
page image into text, offline, with Indonesian language data.

Engines (chosen with ``DLP_OCR_ENGINE``; see ``docs/ocr.md`` for the figures
behind the default):

* ``tesseract`` - the ``tesseract`` binary with the ``ind`` (and ``eng``)
  traineddata (Debian: ``tesseract-ocr``, ``tesseract-ocr-ind``), fed an image
  prepared by :mod:`dlp.extract.ocr_prep`.  Run with ``OMP_THREAD_LIMIT=1``:
  its OpenMP threads fight over the cores otherwise (0.25 s a page instead of
  1.8 s on 2 cores).  ``DLP_TESSERACT`` names the binary (default: the one on
  ``PATH``).
* ``rapidocr`` - RapidOCR (pip ``rapidocr-onnxruntime``: PP-OCR detection and
  recognition models inside the wheel; about 2.5 times tesseract's CPU time and
  650 MB of memory).  Better than tesseract on the worst phone photos, worse on
  everything else, and it runs words of capitals together (``SANGATRAHASIA``).
* ``auto`` (default) - tesseract; where its mean word confidence says the page
  was read badly (below :data:`AUTO_CONFIDENCE`, or hardly any words) and
  RapidOCR is installed, RapidOCR reads it too and the lines tesseract did
  not read are added (a finding in either counts).  If tesseract is missing,
  RapidOCR alone.  Without RapidOCR, ``auto`` is ``tesseract``.

Nothing here downloads anything.  An engine that is missing raises
:class:`OcrUnavailable`, which the extractors turn into an ``ocr_unavailable``
error: the file gets ``review``, never ``safe``.
"""
from __future__ import annotations

import io
import logging
import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from functools import lru_cache

from PIL import Image

from dlp.extract import ocr_prep

ENV_ENGINE = "DLP_OCR_ENGINE"
ENV_TESSERACT = "DLP_TESSERACT"
ENGINES = ("auto", "tesseract", "rapidocr")
DEFAULT_ENGINE = "auto"

# Page segmentation mode 4 ("a single column of text of variable sizes") keeps
# a form's label and value on one line ("Sifat : RAHASIA"), which the context
# words of the recognizers need; mode 3 splits them into separate columns.
TESSERACT_PSM = "4"
# None: "ind+eng" where both are installed, see tesseract_language().
TESSERACT_LANG: str | None = None
# Extra tesseract settings (-c name=value).  Measured, see docs/ocr.md.
TESSERACT_CONFIG: tuple[str, ...] = ()
# Below this mean word confidence (0-100) tesseract's reading is doubtful and
# ``auto`` asks RapidOCR too.  Measured, see docs/ocr.md.
AUTO_CONFIDENCE = 91.0
AUTO_MIN_WORDS = 3


class OcrUnavailable(Exception):
    """No OCR engine can run here (binary or package missing, OCR switched off)."""


class OcrTimeout(Exception):
    """The engine ran past the time allowed for one page."""


class OcrFailed(Exception):
    """The engine ran but failed on this image."""


@dataclass
class OcrText:
    """The text read from one image, and how it was read."""

    texts: list[str] = field(default_factory=list)
    engines: list[str] = field(default_factory=list)  # the engines that ran, in order
    confidence: float | None = None  # tesseract's mean word confidence, 0-100
    seconds: float = 0.0

    @property
    def text(self) -> str:
        return "\n\n".join(t for t in self.texts if t.strip())


def engine_choice() -> str:
    """The engine asked for in ``DLP_OCR_ENGINE`` (``auto`` if unset or unknown)."""
    name = os.environ.get(ENV_ENGINE, "").strip().lower()
    return name if name in ENGINES else DEFAULT_ENGINE


# -- tesseract ---------------------------------------------------------------------

def tesseract_binary() -> str:
    """Path of the tesseract binary, or raise :class:`OcrUnavailable`."""
    configured = os.environ.get(ENV_TESSERACT, "").strip()
    if configured:
        path = shutil.which(configured)
        if not path:
            raise OcrUnavailable(f"tesseract not found at {configured}")
        return path
    path = shutil.which("tesseract")
    if not path:
        raise OcrUnavailable("tesseract not installed")
    return path


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["OMP_THREAD_LIMIT"] = "1"
    return env


@lru_cache(maxsize=8)
def _languages(binary: str) -> tuple[str, ...]:
    try:
        out = subprocess.run([binary, "--list-langs"], capture_output=True, timeout=20, env=_env())
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise OcrUnavailable(f"tesseract does not run: {exc}") from exc
    if out.returncode != 0:
        raise OcrUnavailable(f"tesseract does not run (exit {out.returncode})")
    lines = out.stdout.decode("utf-8", "replace").splitlines()
    return tuple(ln.strip() for ln in lines[1:] if ln.strip())


def tesseract_language(binary: str) -> str:
    """``ind+eng`` where both are installed (measured: English data fixes some digit/letter
    confusions, e.g. ``PK.0O1``), else whichever of them is; raise if neither."""
    langs = _languages(binary)
    chosen = [lang for lang in ("ind", "eng") if lang in langs]
    if not chosen:
        raise OcrUnavailable("tesseract has no Indonesian (ind) or English (eng) language data")
    return "+".join(chosen)


def _encode(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    if img.mode in ("L", "RGB", "1"):
        img.save(buf, "PPM")  # PGM/PPM: no compression, fastest to write and read
    else:
        img.convert("RGB").save(buf, "PPM")
    return buf.getvalue()


def parse_tsv(tsv: str) -> tuple[str, float | None, int]:
    """Text (lines and blocks as tesseract found them), mean word confidence and word count."""
    lines: list[str] = []
    words: list[str] = []
    key = None
    block = None
    confs: list[float] = []
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5":
            continue
        word = cols[11].strip()
        if not word:
            continue
        k = (cols[2], cols[3], cols[4])
        if k != key:
            if words:
                lines.append(" ".join(words))
            if block is not None and cols[2] != block:
                lines.append("")
            words, key, block = [], k, cols[2]
        words.append(word)
        try:
            confs.append(float(cols[10]))
        except ValueError:
            pass
    if words:
        lines.append(" ".join(words))
    conf = sum(confs) / len(confs) if confs else None
    return "\n".join(lines), conf, len(confs)


def run_tesseract(img: Image.Image, timeout: float, *, psm: str | None = None, lang: str | None = None,
                  config: tuple[str, ...] | None = None) -> tuple[str, float | None, int]:
    """OCR ``img`` with the tesseract binary; return (text, mean confidence, words)."""
    binary = tesseract_binary()
    psm = psm or TESSERACT_PSM
    lang = lang or TESSERACT_LANG or tesseract_language(binary)
    config = TESSERACT_CONFIG if config is None else config
    cmd = [binary, "stdin", "stdout", "-l", lang, "--psm", psm]
    for c in config:
        cmd += ["-c", c]
    cmd.append("tsv")
    try:
        out = subprocess.run(cmd, input=_encode(img), capture_output=True, timeout=timeout, env=_env())
    except subprocess.TimeoutExpired as exc:
        raise OcrTimeout(f"tesseract over {timeout:g} s") from exc
    except OSError as exc:
        raise OcrUnavailable(f"tesseract does not run: {exc}") from exc
    if out.returncode != 0:
        err = out.stderr.decode("utf-8", "replace").strip().splitlines()
        raise OcrFailed(f"tesseract exit {out.returncode}: {err[-1] if err else ''}"[:200])
    return parse_tsv(out.stdout.decode("utf-8", "replace"))


def tesseract_available() -> bool:
    try:
        tesseract_language(tesseract_binary())
        return True
    except OcrUnavailable:
        return False


def merge_lines(text: str, extra: str) -> str:
    """``text`` plus the lines of ``extra`` whose words it does not hold already."""
    have = {"".join(ln.split()).lower() for ln in text.splitlines()}
    flat = "".join(text.split()).lower()
    new = []
    for ln in extra.splitlines():
        key = "".join(ln.split()).lower()
        if len(key) >= 2 and key not in have and key not in flat:
            new.append(ln.strip())
    return text + ("\n\n" + "\n".join(new) if new else "")


def read_tesseract(img: Image.Image, timeout: float, prep: ocr_prep.Prep | None = None, *,
                   psm: str | None = None, lang: str | None = None,
                   config: tuple[str, ...] | None = None) -> tuple[str, float | None, int]:
    """Prepare ``img`` and read it with tesseract; coloured ink (a stamp) is read apart.

    Returns (text, mean word confidence of the page, words on the page).
    """
    deadline = time.monotonic() + timeout
    prep = prep or ocr_prep.DEFAULT
    split = ocr_prep.split_colour(img) if prep.colour else None
    page = split[0] if split else img
    text, conf, words = run_tesseract(ocr_prep.prepare(page, prep), timeout, psm=psm, lang=lang, config=config)
    if split:
        left = deadline - time.monotonic()
        if left <= 0:
            raise OcrTimeout(f"tesseract over {timeout:g} s")
        layer = ocr_prep.prepare(split[1], ocr_prep.Prep(invert=False, deskew=False, colour=False))
        extra, _, _ = run_tesseract(layer, left, psm="6", lang=lang, config=config)
        text = merge_lines(text, extra)
    return text, conf, words


# -- OCR confusions in identifiers ---------------------------------------------------

# A letter-number-shaped token: segments joined by "/", ending in a year.
_LETTER_TOKEN = re.compile(r"(?<![\w/])[\w.\-|!]+(?:/[\w.\-|!]+){1,7}/(?:19|20)\d\d(?![\w/])")
_ROMAN_LOOK = re.compile(r"[IVXivx1l|!]{1,4}")
_ROMAN_MONTHS = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"}
_DIGITISH = re.compile(r"[0-9OoIl|]+")
_DIGIT_RUN = re.compile(r"(?<![\w])[0-9OoIl|]{8,20}(?![\w])")
_TO_DIGIT = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "|": "1"})
_TO_ROMAN = str.maketrans({"1": "I", "l": "I", "|": "I", "!": "I", "i": "I", "v": "V", "x": "X"})


def _fix_segment(seg: str) -> str:
    """Digits mistaken for letters inside a numeric piece: ``PK.O1`` -> ``PK.01``, ``2l`` -> ``21``."""
    out = []
    for piece in re.split(r"([.\-])", seg):
        if _DIGITISH.fullmatch(piece) and any(c.isdigit() for c in piece) and not piece.isdigit():
            piece = piece.translate(_TO_DIGIT)
        out.append(piece)
    return "".join(out)


def _fix_letter_number(m: re.Match) -> str:
    segs = m.group().split("/")
    month = segs[-2]
    if _ROMAN_LOOK.fullmatch(month) and not month.isdigit():
        roman = month.translate(_TO_ROMAN)
        if roman in _ROMAN_MONTHS:
            segs[-2] = roman
    return "/".join(_fix_segment(s) if i != len(segs) - 2 else s for i, s in enumerate(segs))


def _fix_digit_run(m: re.Match) -> str:
    run = m.group()
    digits = sum(c.isdigit() for c in run)
    return run.translate(_TO_DIGIT) if digits >= 0.75 * len(run) and digits < len(run) else run


def fix_confusions(text: str) -> str:
    """Undo the OCR confusions that break identifiers, only inside identifier-shaped tokens.

    * the Roman month of a letter number read with digits or punctuation:
      ``R-21/Dukcapil/PK.01/1X/2021`` -> ``.../IX/2021``, ``/1!1/`` -> ``/III/``
      (a month that reads as plain digits, ``/11/``, is left: it may be one);
    * O for 0 and l/I for 1 in the numeric pieces of a letter number
      (``PK.O1`` -> ``PK.01``) and in long digit runs (``3273O149...``), where
      at least three in four characters are digits already.
    """
    if "/" in text:
        text = _LETTER_TOKEN.sub(_fix_letter_number, text)
    return _DIGIT_RUN.sub(_fix_digit_run, text)


# -- rapidocr ----------------------------------------------------------------------

@lru_cache(maxsize=1)
def _rapidocr_engine():
    try:
        from rapidocr_onnxruntime import RapidOCR
    except Exception as exc:  # ImportError, or a broken onnxruntime/opencv install
        raise OcrUnavailable(f"rapidocr-onnxruntime not installed ({type(exc).__name__})") from exc
    logging.getLogger("RapidOCR").setLevel(logging.ERROR)
    logging.getLogger("rapidocr_onnxruntime").setLevel(logging.ERROR)
    # In a worker of a batch pool (dlp.batch sets DLP_POOL_WORKER) each process
    # gets one core: onnxruntime's own thread pool would only fight the others.
    threads = 1 if os.environ.get("DLP_POOL_WORKER") else -1
    return RapidOCR(intra_op_num_threads=threads, inter_op_num_threads=threads)


def rapidocr_available() -> bool:
    try:
        _rapidocr_engine()
        return True
    except OcrUnavailable:
        return False


def join_boxes(result) -> str:
    """RapidOCR's boxes as lines of text: boxes whose vertical centres fall in one line, left to right."""
    items = []
    for box, text, _score in result or []:
        ys = [p[1] for p in box]
        xs = [p[0] for p in box]
        items.append((min(ys), max(ys), min(xs), str(text)))
    items.sort(key=lambda t: (t[0] + t[1]) / 2)
    lines: list[list[tuple]] = []
    for it in items:
        centre = (it[0] + it[1]) / 2
        if lines:
            top = min(i[0] for i in lines[-1])
            bottom = max(i[1] for i in lines[-1])
            if top <= centre <= bottom:
                lines[-1].append(it)
                continue
        lines.append([it])
    return "\n".join(" ".join(i[3] for i in sorted(line, key=lambda i: i[2])) for line in lines)


def run_rapidocr(img: Image.Image) -> str:
    """OCR ``img`` with RapidOCR (raises :class:`OcrUnavailable` if not installed)."""
    engine = _rapidocr_engine()
    if img.mode != "RGB":
        img = img.convert("RGB")
    try:
        result, _ = engine(img)
    except Exception as exc:
        raise OcrFailed(f"rapidocr: {type(exc).__name__}: {exc}"[:200]) from exc
    return join_boxes(result)


# -- one page ----------------------------------------------------------------------

def check_available(engine: str | None = None) -> str:
    """The engine that will run for ``engine`` (or the configured choice); raise if none can."""
    engine = engine or engine_choice()
    if engine == "rapidocr":
        _rapidocr_engine()
        return "rapidocr"
    if engine == "tesseract":
        tesseract_language(tesseract_binary())
        return "tesseract"
    try:
        tesseract_language(tesseract_binary())
        return "tesseract"
    except OcrUnavailable as exc:
        try:
            _rapidocr_engine()
            return "rapidocr"
        except OcrUnavailable:
            raise exc from None


def recognize(img: Image.Image, timeout: float = 30.0, engine: str | None = None) -> OcrText:
    """Read the text of one page image with the configured engine (see the module docstring).

    Raises :class:`OcrUnavailable`, :class:`OcrTimeout` or :class:`OcrFailed`.
    """
    engine = engine or engine_choice()
    chosen = check_available(engine)
    start = time.monotonic()
    result = OcrText()
    if chosen == "rapidocr":
        result.texts.append(fix_confusions(run_rapidocr(img)))
        result.engines.append("rapidocr")
        result.seconds = time.monotonic() - start
        return result
    text, conf, words = read_tesseract(img, timeout)
    text = fix_confusions(text)
    result.engines.append("tesseract")
    result.confidence = conf
    doubtful = words < AUTO_MIN_WORDS or (conf is not None and conf < AUTO_CONFIDENCE)
    if engine == "auto" and doubtful and time.monotonic() - start < timeout / 2:
        try:
            extra = run_rapidocr(img)
        except (OcrUnavailable, OcrFailed):  # a second opinion only: tesseract's reading stands
            extra = ""
        if extra.strip():
            # only RapidOCR's lines that tesseract did not read, so a finding is not reported twice
            text = merge_lines(text, fix_confusions(extra))
            result.engines.append("rapidocr")
    result.texts.append(text)
    result.seconds = time.monotonic() - start
    return result
