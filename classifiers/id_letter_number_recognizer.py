"""ID_LETTER_NUMBER: the number of an official letter (nomor naskah dinas).

What
    Every official document of an Indonesian government body carries a number
    built from slash-separated parts.  The tata naskah dinas rules (Perka ANRI
    on tata naskah dinas, PermenPAN-RB 80/2012 for ministries, Permendagri
    1/2023 for regional governments) order them as security code - serial -
    office code - archive classification code - month - year, and every
    institution varies the recipe::

        B-1234/KS.01.01/III/2021        security code B, serial, class code, month, year
        R-99/IJ/KP.07.6/04/2020         R, serial, unit, class code, month, year
        B/Speng-3/II/KKA/2023/Setum     bare security code first (Polri / TNI style)
        800/1234/BKD/2021               Permendagri: class code, serial, office, year
        045.2/123/Setda/2020            dotted class code
        000.8.3.3/15/OR                 Permendagri 1/2023 class code, no year
        S-12/MK.1/2021                  Kemenkeu: S-, ND-, UND-, SE-, KEP- ... are
        ND-118/BPKAD.03/2022            document types, not security codes

Why
    A letter number ties a leaked draft to a real, possibly classified, letter;
    its security code says how classified: ``SR`` sangat rahasia, ``R``
    rahasia, ``T`` terbatas, ``B`` biasa (Perka ANRI; PP 61/2010 and UU 14/2008
    on information that is excluded from disclosure).  The code goes into the
    finding's level, and the default policy blocks SR, R and T.

How
    The regex only proposes slash-separated candidates (and only when the text
    has a ``/`` at all); code decides from the parts: each is classified
    (year, month, serial, class code, office code, security or document-type
    prefix) and the whole must have the structure of a letter number.  A
    candidate whose structure is unmistakable (a security prefix with an office
    or class code; class code + serial + office + year) is reported even in
    prose; a weaker one needs context ("Nomor:", "No.", "Nomor Surat").
    Not letter numbers: citations of public regulations (``PMK
    112/PMK.03/2022``, ``Permendagri Nomor 73 Tahun 2022``), dates
    (``2022/10/03``), invoices (``INV/2022/11/00839``), URLs and paths,
    fractions and version strings.

Own formats
    An institution adds its own numbering format without code in
    ``patterns/letter_numbers.yaml``: a ``formats:`` entry read by this class
    (a regex; a named group ``sec`` is decoded as the security code), or a
    stock Presidio ``type: custom`` entry with ``supported_entity:
    ID_LETTER_NUMBER`` under ``recognizers:`` (review level, no decoding).
"""
from __future__ import annotations

import logging
import re
from functools import lru_cache

from dlp.classifiers._text import Recognizer, load_yaml, lower, reason

ENTITY = "ID_LETTER_NUMBER"
log = logging.getLogger(__name__)

# -- the parts of a number ----------------------------------------------------------

SECURITY = {
    "SR": ("sangat rahasia", "top secret"),
    "R": ("rahasia", "secret"),
    "T": ("terbatas", "restricted"),
    "B": ("biasa", "ordinary"),
}
# Long forms some institutions use for the same codes.
SECURITY_ALIASES = {"SRHS": "SR", "RHS": "R", "TBS": "T"}

# Document-type prefixes (Kemenkeu and others): the kind of document, not its classification.
DOC_TYPES = {
    "S": ("surat", "letter"), "ND": ("nota dinas", "memo"), "UND": ("undangan", "invitation"),
    "SE": ("surat edaran", "circular"), "KEP": ("keputusan", "decree"), "KEPMEN": ("keputusan menteri", "decree"),
    "PENG": ("pengumuman", "announcement"), "PRIN": ("surat perintah", "order"),
    "SPRIN": ("surat perintah", "order"), "ST": ("surat tugas", "assignment letter"),
    "SPT": ("surat perintah tugas", "assignment order"), "SK": ("surat keputusan", "decree"),
    "SKET": ("surat keterangan", "certificate"), "SP": ("surat perintah", "order"),
    "INS": ("instruksi", "instruction"), "LAP": ("laporan", "report"), "NOT": ("notulen", "minutes"),
    "MEMO": ("memo", "memo"), "BA": ("berita acara", "official record"),
    "PRJ": ("perjanjian", "agreement"), "SPK": ("surat perintah kerja", "work order"),
}
# Prefixes that number public regulations (Kemenkeu's PER- is a Peraturan Direktur Jenderal).
REGULATION_PREFIXES = {"PER", "PERDIRJEN", "PERMEN", "PMK", "KMK", "SE.MEN"}

# Office codes that only ever number public regulations.
REGULATION_CODES = {"PMK", "KMK", "POJK", "SEOJK", "PBI", "PADG", "PERMEN", "PERDA", "PERGUB", "PERWAL",
                    "PERBUP", "PERPRES", "KEPPRES", "INPRES", "UU", "PP", "PERKA", "PERBAN", "PERMENDAGRI",
                    "PERMENKES", "PERMENKEU"}
# Of those, the codes whose regulations are numbered with a unit after a dot (PMK 112/PMK.03/2022,
# KMK, POJK ...).  The others never are: "PP.04.1-Pu" is the KPU's archive code (PP: Penyelenggara
# Pemilu) of an announcement, 45/PP.04.1-Pu/3510/2023, no Peraturan Pemerintah.
REGULATION_DOTTED = {"PMK", "KMK", "POJK", "SEOJK", "PBI", "PADG", "PERMENKEU"}
# Case numbers of courts (Pdt.G, Pid.B, PTUN ...) are not naskah dinas.
COURT_CODES = {"PDT", "PID", "PUU", "PHPU", "PTUN", "TUN", "PAILIT", "PKPU", "PDT.G", "PID.B", "PID.SUS", "PDT.SUS"}
# First parts that make a commercial or system number, not a letter number.
NON_LETTER_PREFIXES = {"INV", "INVOICE", "PO", "SO", "DO", "TRX", "ORD", "ORDER", "REF", "RCP", "RESI",
                       "TIKET", "TICKET", "BILL", "NO"}
ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10,
         "XI": 11, "XII": 12}
MONTH_NAMES = {"jan", "feb", "mar", "apr", "mei", "may", "jun", "jul", "agu", "agt", "ags", "aug", "sep",
               "sept", "okt", "oct", "nov", "nop", "des", "dec", "januari", "februari", "maret", "april",
               "juni", "juli", "agustus", "september", "oktober", "november", "desember"}

_YEAR = re.compile(r"(?:19[5-9]\d|20\d\d)")
_NUM = re.compile(r"\d{1,7}[a-z]?")
_CLASS = re.compile(r"\d{3}(?:\.\d{1,3}){1,5}")                 # 045.2, 000.8.3.3, 800.1.11.1
_CLASS_ALPHA = re.compile(r"[A-Z]{2}(?:\.\d{1,3}){1,4}")        # KS.01.01, KP.07.6, HK.01
_UNIT = re.compile(r"\d{1,2}(?:[.\-]\d{1,3}){1,3}")               # a numbered unit: 3.2, 2.1.4, 01-23
_PREFIXED = re.compile(r"([A-Za-z]{1,8})-(\d{1,6}[A-Za-z]?)")  # B-1234, ND-45, Speng-3
_NUM_OFFICE = re.compile(r"\d{1,6}[A-Za-z]?[\-.][A-Z][A-Za-z0-9.\-]*"  # 1234-Disdik, 14.PK-Pokja.III (UKPBJ)
                         r"|\d{1,6}-\d{1,2}(?:\.\d{1,3}){1,3}")  # a land office's serial and regency: 1842-32.04
# A decree's serial written into its office part (Keputusan Bupati/Wali Kota): 188.45/Kep.512-Huk/2023
_DECREE = re.compile(r"(?i:kep|kpts)\.\d{1,6}(?:[.\-][A-Za-z0-9]+)*")
_OFFICE = re.compile(r"[A-Z][A-Za-z0-9.\-]*|\d{1,3}[A-Z][A-Za-z0-9.\-]*")  # BKD, Kel.Cpd, UN6.B, MK.1
_LOWER_DOTTED = re.compile(r"[a-z]{2,}\.[a-z]{2,}")            # a domain or file name

_SEG = r"[A-Za-z0-9][A-Za-z0-9.\-\u2010\u2013]{0,40}"
# Candidates are found from their slashes (a literal, so the scan is fast): the
# chain of parts after the first slash, then the first part before it.
# Between two slashes an office code may be two words: R-045/Satpol PP/HK.02.01/V/2024, B-12/Dinas PUPR/...
_SEG_MID = rf"{_SEG}(?: [A-Z][A-Za-z0-9.\-]{{0,15}}(?=[ ]?/))?"
# A line may end with a slash and the number go on on the next (a letter's narrow heading column).
_AFTER_SLASH = r"(?:[ ]?|[ \t]*\r?\n[ \t]*)"
CHAIN = re.compile(rf"/{_AFTER_SLASH}{_SEG_MID}(?:[ ]?/{_AFTER_SLASH}{_SEG_MID}){{1,8}}")
FIRST = re.compile(rf"{_SEG}[ ]?$")
BAD_BEFORE = set("/.-@#&=?%+\\_") | {"'"}

# A citation of a regulation ends just before the number: "PMK 112/...",
# "Peraturan Menteri Keuangan Nomor 112/...", "Permendagri No. 5/...".
_REGULATION = re.compile(
    # (not inside a number: "/PP.01/" is an archive code of the letter number before it)
    r"(?i)(?<![\w/.\-])(?:undang-undang|uu|perppu|pp|peraturan|perpres|keppres|inpres|instruksi|permen\w*|"
    r"kepmen\w*|pmk|kmk|perda|pergub|perwal|perwali|perbup|perkada|perka\w*|perdirjen|perban|pojk|seojk|"
    r"keputusan\s+(?:presiden|menteri|gubernur|bupati|wali\s*kota|walikota|direktur\s+jenderal|dirjen))"
    r"(?![\w])")
_REGULATION_PIECES = ("uu", "pp", "per", "kep", "pmk", "kmk", "inpres", "instruksi", "undang", "ojk")
_CITATION_BREAK = re.compile(r"(?i)\b(?:tentang|surat|nota|undangan|disposisi|naskah)\b|[.;]\s|\n\s*\n")

# Whole words (dlp.context) that make a weaker shape count; "hal", "surat" alone are too common in prose.
CONTEXT = ("nomor", "no", "no.", "nomor surat", "nomor naskah", "nomer", "nmr", "nomor agenda", "naskah dinas",
           "nota dinas", "surat edaran", "surat tugas", "surat undangan", "surat keputusan", "disposisi",
           "menunjuk surat", "merujuk surat", "ref", "referensi")


_NEXT_YEAR = __import__("datetime").date.today().year + 1  # (a letter dated next year: a late-year draft)
_DASHES = str.maketrans({"\u2010": "-", "\u2013": "-"})  # NFKC leaves these (a non-breaking hyphen becomes U+2010)
_FILE_EXT = re.compile(r"(?i)\.(?:pdf|docx?|xlsx?|pptx?|odt|ods|jpe?g|png|gif|tiff?|zip|rar|7z|txt|csv|html?|"
                       r"xml|json)$")


@lru_cache(maxsize=4096)  # the same parts (years, months, office codes) come back in every letter
def _segment_kind(seg: str) -> str:
    up = seg.upper()
    if re.split(r"[.\-]", up, 1)[0] in COURT_CODES or up in COURT_CODES:
        return "reg"
    if up.startswith("PT.TUN") or up.startswith("PT-TUN"):  # an appeal court's case: 118/B/2024/PT.TUN.JKT
        return "reg"
    if up.startswith("DIPA-"):  # a budget's DIPA number (public), not a letter's part
        return "junk"
    if _YEAR.fullmatch(seg):
        return "year"
    if seg in ROMAN:
        return "roman"
    if seg.lower() in MONTH_NAMES:
        return "monthname"
    if _NUM.fullmatch(seg):
        return "num"
    if _CLASS.fullmatch(seg):
        return "class"
    if _UNIT.fullmatch(seg):
        return "unit"  # neither serial nor office: it only keeps a number whole (PB.01.02/3.2/1234/2024)
    if _CLASS_ALPHA.fullmatch(seg):
        base = seg.split(".", 1)[0]
        return "reg" if base in REGULATION_DOTTED else "class_alpha"
    m = _PREFIXED.fullmatch(seg)
    if m:
        p = m.group(1)
        if p in SECURITY or p in SECURITY_ALIASES:
            return "sec"
        if p in DOC_TYPES:
            return "doc"
        if p.upper() in REGULATION_CODES or p.upper() in REGULATION_PREFIXES:
            return "reg"
        return "prefnum"
    if up in SECURITY and seg == up:
        return "secbare"
    if _NUM_OFFICE.fullmatch(seg) or _DECREE.fullmatch(seg):
        return "numoffice"
    if _LOWER_DOTTED.search(seg):
        return "junk"
    if _OFFICE.fullmatch(seg):
        base = re.split(r"[.\-]", seg, 1)[0].upper()
        if base in REGULATION_CODES and (base == up or base in REGULATION_DOTTED):
            return "reg"
        return "office"
    return "junk"


def _two_word_office(seg: str) -> str:
    """The kind of a part of two words (the chain allows it between slashes): an office code if
    each is one ("Dinas PUPR"; the second may be a regulation's code: "Satpol PP"), else junk."""
    words = seg.split()
    return "office2" if (len(words) == 2 and _segment_kind(words[0]) == "office"
                         and _segment_kind(words[1]) in ("office", "reg")) else "junk"


def analyze_number(number: str) -> tuple[float, str | None, str | None] | None:
    """(base score, security code or None, document type or None) of a candidate, or None.

    >>> analyze_number("B-1234/KS.01.01/III/2021")[1]
    'B'
    >>> analyze_number("2022/10/03") is None
    True
    """
    segs = [s.strip() for s in number.translate(_DASHES).split("/")]
    if len(segs) < 3 or any(not s for s in segs) or _FILE_EXT.search(segs[-1]):
        return None
    kinds = [_segment_kind(s) if " " not in s else _two_word_office(s) for s in segs]
    if "year" in kinds:
        # A serial can look like a year (the 2034th letter: 100.3.4/2034/Setda): of two years, the first is
        # the serial (900.1.3.1/2019/BPKAD/2024); a year after next is none.
        last = len(kinds) - 1 - kinds[::-1].index("year")
        kinds = ["num" if k == "year" and (n != last or int(segs[n]) > _NEXT_YEAR) else k
                 for n, k in enumerate(kinds)]
    if "office2" in kinds:  # (only after a security or document-type prefix or a class code: prose has such words)
        if not (kinds[0] in ("sec", "doc", "secbare", "class") or (kinds[0] == "num" and len(segs[0]) == 3)):
            return None
        kinds = ["office" if k == "office2" else k for k in kinds]
    if "reg" in kinds and (kinds[0] in ("sec", "secbare")
                           or (kinds[0] in ("class", "num") and len(segs[0]) >= 3 and kinds[1] == "num")):
        # No citation of a regulation starts with a security code ("SR-07/Dir/PP.01/2023") or with a
        # classification code and a serial ("800/12/PP/2024"): there "PP.01" or "UU" is the office's
        # archive code or unit, not a regulation.
        kinds = [("class_alpha" if "." in seg else "office") if k == "reg" else k for k, seg in zip(kinds, segs)]
    if "junk" in kinds or "reg" in kinds:
        return None
    if kinds[0] == "year" or segs[0].upper() in NON_LETTER_PREFIXES:
        return None
    if "year" in kinds:
        y = len(kinds) - 1 - kinds[::-1].index("year")
        if any(k in ("num", "class") for k in kinds[y + 1:]):  # INV/2022/11/00839: serial after the year
            return None
    has = set(kinds)
    # a one-letter part (a queue's "A") is too weak to count as an office code
    office = any(k in ("numoffice", "class_alpha", "prefnum") or (k == "office" and len(s) >= 2)
                 for k, s in zip(kinds, segs))
    month = bool(has & {"roman", "monthname"})
    year = "year" in has

    sec = doc = None
    first = segs[0]
    m = _PREFIXED.fullmatch(first) if kinds[0] in ("sec", "doc") else None
    if m:
        p = m.group(1)
        if kinds[0] == "sec":
            sec = SECURITY_ALIASES.get(p, p)
        else:
            doc = p
    elif kinds[0] == "secbare":
        sec = SECURITY_ALIASES.get(first.upper(), first.upper())
    elif "sec" in kinds[1:3] or "doc" in kinds[1:3]:  # "Speng/B-3/...": a prefix in second place
        i = 1 if kinds[1] in ("sec", "doc") else 2
        p = _PREFIXED.fullmatch(segs[i]).group(1)
        if kinds[i] == "sec":
            sec = SECURITY_ALIASES.get(p, p)
        else:
            doc = p

    serial = bool(has & {"sec", "doc", "prefnum", "numoffice"}) or "num" in kinds
    if not serial:
        return None

    # A. security / document-type prefix with its serial, plus an office or class code or a year.
    if kinds[0] in ("sec", "doc") and (office or "class" in has or year or month):
        return (0.65 if sec else 0.6), sec, doc
    # B. bare security code first (Polri / TNI): B/1234/IV/2021, B/Speng-3/II/KKA/2023/Setum.
    if kinds[0] == "secbare" and (year or month) and len(segs) >= 3:
        return 0.6, sec, None
    if (sec or doc) and (office or year):
        return 0.55, sec, doc
    # C. class code, serial, office (Permendagri): 800/1234/BKD/2021, 000.8.3.3/15/OR.
    first_is_class = kinds[0] == "class" or (kinds[0] == "num" and len(first) == 3)
    if first_is_class and kinds[1] in ("num", "numoffice") and office:
        if year:
            return 0.6, None, None
        return (0.5 if kinds[0] == "class" else 0.35), None, None
    # D. serial, office, year: 123/UN6.B/KP/2021, 12/KPTS/2021.
    if kinds[0] in ("num", "numoffice") and office and year:
        return 0.5, None, None
    # E. weaker shapes: only with context.
    if office and (year or month):
        return 0.35, None, None
    if first_is_class and kinds[1] == "num" and year and (month or len(segs) >= 4):
        return 0.3, None, None
    # serial, numbered office (BPN's regency code), month, year: 1234/32.04/V/2024
    if kinds[0] == "num" and kinds[1] == "unit" and year and month:
        return 0.3, None, None
    return None


def analyze_short(number: str) -> tuple[float, str | None, str | None] | None:
    """A two-part number after a "Nomor:" label (``421.3/1234-Disdik``, ``B-12/Setda``), or None."""
    segs = [s.strip() for s in number.translate(_DASHES).split("/")]
    if len(segs) != 2 or not all(segs) or _FILE_EXT.search(segs[-1]):
        return None
    kinds = [_segment_kind(s) for s in segs]
    if "junk" in kinds or "reg" in kinds or kinds[0] == "year" or segs[0].upper() in NON_LETTER_PREFIXES:
        return None
    has = set(kinds)
    office = bool(has & {"office", "numoffice", "class_alpha", "prefnum", "sec", "doc"})
    serial = bool(has & {"sec", "doc", "prefnum", "numoffice", "num"})
    if not (office and serial):
        return None
    sec = doc = None
    m = _PREFIXED.fullmatch(segs[0]) if kinds[0] in ("sec", "doc") else None
    if m:
        p = m.group(1)
        sec, doc = (SECURITY_ALIASES.get(p, p), None) if kinds[0] == "sec" else (None, p)
    return 0.5, sec, doc


# The label words a "Nomor: 12/ABC" number is found from, in the order they are tried; no two
# can start at one position or overlap, so one scan finds every occurrence of each.
LABEL_KEYS = ("nomor", "no.", "no :", "no:", "nomer", "nmr")
LABEL_KEY_RX = re.compile("|".join(re.escape(k) for k in LABEL_KEYS))
_LABEL_ORDER = {k: n for n, k in enumerate(LABEL_KEYS)}
LABELLED = re.compile(r"(?i:nomor|nomer|nmr|no)\.?(?:[ \t]+(?i:surat|naskah|agenda))?[ \t]*[:.]?[ \t]*"
                      r"(?P<num>[A-Za-z0-9][A-Za-z0-9.\-\u2010]{0,40}+[ ]?/[ ]?[A-Za-z0-9][A-Za-z0-9.\-\u2010]{0,40}+)"
                      r"(?![\w/])")


# A draft's number with its serial left blank, for the registry to fill in once the letter is signed:
# "Nomor : R/        /V/2024/Ditintelkam", "Nomor: B-       /M.2.10/Fd.1/05/2024", "No. : 800/....../BKD/2024".
# Only after a label and its colon; the number is judged with a serial put in the blank.
BLANK_SERIAL = re.compile(
    r"(?i:nomor|nomer|nmr|no)\.?(?:[ \t]+(?i:surat|naskah))?[ \t]*:[ \t]*"
    r"(?P<num>(?:(?P<head>[A-Za-z0-9][A-Za-z0-9.]{0,15})[ \t]*(?P<join>[-/\u2010\u2013])?)?"
    r"[ \t._\u2026]{2,}/[ \t]*"
    r"(?P<rest>[A-Za-z0-9][A-Za-z0-9.\-]*(?:[ ]?/[ ]?[A-Za-z0-9][A-Za-z0-9.\-]*){0,8}))[ \t]*(?=\r?\n|$)")


# A security code and its dash right before a number, with blanks or a line break between them.
_CUT_SECURITY = re.compile(r"(?<![\w/.\-])(SR|R|T|B)[ \t]*[-\u2010\u2013][ \t]*(?:\r?\n[ \t]*)?\Z")


# A land title's or survey's number ("SHM No. 00412/Sukamaju", "Surat Ukur No. 00234/Sidokarto/2019"): the
# land office's register, public in the village's land book, no letter's number.
_LAND_TITLE = re.compile(r"(?i)(?<![\w])(?:shm|shgb|shgu|shp|sertifikat(?:[ \t]+hak[ \t]+\w+(?:[ \t]+\w+)?)?|"
                         r"surat[ \t]+ukur|gambar[ \t]+situasi|girik|letter[ \t]+c|persil|kohir)"
                         r"[ \t.:]*(?:(?:no|nomor|nmr)\.?[ \t.:]*)?\Z")


def citation_before(text: str, start: int) -> bool:
    """Whether ``text[start:]`` is the number of a cited regulation (``PMK 112/...``)."""
    window = text[max(0, start - 120):start]
    # Every word of _REGULATION holds one of these pieces; on ASCII text, where (?i) is plain
    # lower-case equality, a window without any cannot match (elsewhere (?i) also folds "ı", "ſ").
    if window.isascii():
        low = window.lower()
        if not any(piece in low for piece in _REGULATION_PIECES):
            return False
    last = None
    for last in _REGULATION.finditer(window):
        pass
    if last is None:
        return False
    gap = window[last.end():]
    if "\n" in gap and last.group().isupper():
        return False  # a heading, "KEPUTUSAN BUPATI SLEMAN" / "NOMOR 800.1.3.2/344/BKPSDM/2026": the SK's own number
    if last.group().startswith("KEPUTUSAN") and not any(c.islower() for c in gap):
        return False  # the same on one line: "LAMPIRAN KEPUTUSAN WALI KOTA BANDUNG NOMOR 800.1.3.3/1412-BKPSDM/2024"
    return len(gap) <= 90 and not _CITATION_BREAK.search(gap)


def describe(number: str, sec: str | None, doc: str | None) -> dict[str, str]:
    if sec:
        id_, en = SECURITY[sec]
        return reason(f"Official letter number with security code {sec} ({en})",
                      f"Nomor naskah dinas berkode keamanan {sec} ({id_})")
    if doc:
        id_, en = DOC_TYPES[doc]
        return reason(f"Official letter number, document type {doc} ({en}; not a security code)",
                      f"Nomor naskah dinas, jenis naskah {doc} ({id_}; bukan kode keamanan)")
    return reason("Official letter number (no security code)", "Nomor naskah dinas (tanpa kode keamanan)")


class IdLetterNumberRecognizer(Recognizer):
    """Official letter numbers (nomor naskah dinas), with their security code decoded.

    Example: ``Nomor: R-99/IJ/KP.07.6/04/2020`` -> ID_LETTER_NUMBER, level ``R``.
    Source: Perka ANRI / Permendagri 1/2023 / PermenPAN-RB 80/2012 on tata naskah dinas.
    """

    ENTITIES = (ENTITY,)
    CONTEXT = CONTEXT

    def __init__(self, supported_language: str = "id", formats: list[dict] | None = None, **kwargs):
        super().__init__(supported_language=supported_language, **kwargs)
        if formats is None:
            formats = load_yaml("dlp.patterns", "letter_numbers.yaml").get("formats") or []
        self.formats = []
        for f in formats:
            try:
                self.formats.append((re.compile(f["regex"]), float(f.get("score", 0.6)), f.get("level"),
                                     f.get("name", "custom")))
            except (KeyError, TypeError, ValueError, re.error) as exc:
                log.warning("letter_numbers.yaml: bad format %r: %s", f, exc)

    def analyze(self, text, entities=None, nlp_artifacts=None, regex_flags=None):
        if "/" not in text:
            return []
        results = []
        taken: list[tuple[int, int]] = []

        def add(start: int, end: int, analyze, cited_at: int) -> None:
            """Report ``text[start:end]`` if no earlier number took it, it analyses as a letter
            number and no regulation citation stands before ``cited_at``."""
            if any(a < end and start < b for a, b in taken):
                return
            number = text[start:end]
            found = None
            if number[:1].isdigit() and "-" in text[max(0, start - 12):start]:
                # the security code cut off by a line break or blanks: "R-\n99/IJ/KP.07.6/04/2020"
                cut = _CUT_SECURITY.search(text, max(0, start - 12), start)
                if cut:
                    found = analyze(f"{cut.group(1)}-{number}")
                    if found is not None and found[1]:
                        start, number = cut.start(), f"{cut.group(1)}-{number}"
                    else:
                        found = None
            if found is None:
                found = analyze(number)
            if found is None or citation_before(text, cited_at) or _LAND_TITLE.search(text, max(0, cited_at - 40), cited_at):
                return
            score, sec, doc = found
            results.append(self.result(ENTITY, start, end, score, sec, describe(number, sec, doc)))
            taken.append((start, end))

        for rx, score, level, name in self.formats:
            for m in rx.finditer(text):
                sec = m.groupdict().get("sec") or level
                sec = SECURITY_ALIASES.get(sec, sec) if sec else None
                sec = sec if sec in SECURITY else None
                results.append(self.result(ENTITY, m.start(), m.end(), score, sec, describe(m.group(), sec, None)))
                taken.append(m.span())
        for m in CHAIN.finditer(text):
            first = FIRST.search(text, max(0, m.start() - 42), m.start())
            if first is None:
                continue
            start, end = first.start(), m.end()
            prev = text[start - 1:start]
            if prev and (prev.isalnum() or prev in BAD_BEFORE):
                continue
            if prev == ":" and start >= 2 and text[start - 2].isalpha() and not text[start - 3:start - 2].isalnum():
                continue  # a drive letter: D:/Arsip/...
            while end > start and text[end - 1] in ".-\u2010\u2013":
                end -= 1
            if end < len(text) and text[end] == "/":  # longer than any letter number
                continue
            add(start, end, analyze_number, start)
        low = lower(text)
        # One regex scan for all the keys (an "n" is cheap to test); hits taken key by key.  A labelled
        # number has its "/" on the label's line (nothing in LABELLED crosses a line break), so only the
        # lines with a "/" are scanned, each up to its last "/": in most texts a few short stretches.
        hits = []
        j = text.find("/")
        while j >= 0:
            a = text.rfind("\n", 0, j) + 1
            b = text.find("\n", j)
            b = len(text) if b < 0 else b
            hits += [(_LABEL_ORDER[k.group()], k.start()) for k in LABEL_KEY_RX.finditer(low, a, text.rfind("/", j, b))]
            j = text.find("/", b)
        hits.sort()
        for _, i in hits:
            if i and low[i - 1].isalpha():
                continue
            m = LABELLED.match(text, i)
            if not m:
                blank = BLANK_SERIAL.match(text, i)
                if blank:
                    self._blank_serial(text, blank, results, taken)
                continue
            start, end = m.span("num")
            while end > start and text[end - 1] in ".-":
                end -= 1
            add(start, end, analyze_short, i)
        return results

    def _blank_serial(self, text: str, m: re.Match, results: list, taken: list) -> None:
        """A labelled number whose serial is still blank (:data:`BLANK_SERIAL`), judged with one put in."""
        start, end = m.span("num")
        if any(a < end and start < b for a, b in taken) or citation_before(text, m.start()):
            return
        head, join, rest = m.group("head"), m.group("join"), re.sub(r"[ ]?/[ ]?", "/", m.group("rest"))
        number = f"{head}{(join or '/').translate(_DASHES)}1/{rest}" if head else f"1/{rest}"
        found = analyze_number(number)
        if found is None:
            return
        score, sec, doc = found
        why = describe(number, sec, doc)
        why = reason(f"{why['en']}, its serial not filled in yet (a draft)",
                     f"{why['id']}, nomor urutnya belum diisi (konsep)")
        results.append(self.result(ENTITY, start, end, score, sec, why))
        taken.append((start, end))
