"""Shared machinery of the Indonesian number recognizers (NIK, KK, NIP, NPWP, cards, phones).

Not a recognizer module (the leading underscore keeps the loader out).  It
holds what several recognizers need and what must be computed once per text:

* the Kemendagri region table (``data/regions.tsv`` plus the hand-kept
  ``data/regions_historical.tsv``) and the structural checks of each number
  type: :func:`check_nik`, :func:`check_kk`, :func:`check_nip`,
  :func:`check_npwp15`, :func:`check_card`;
* :class:`Scan`: the digit *runs* of a text (digit groups joined by spaces,
  dots, dashes or a single line break, so ``3204 1258 0791 0027``,
  ``32.04.12.580791.0027`` and a number wrapped across a PDF line are seen as
  one) and the *windows* of exactly N digits inside a run, cut only at
  whitespace so a dotted or dashed token is never sliced;
* labels: the field names people write in front of a number (``NIK:``,
  ``No. KK``, ``NPWP``, ``No. Rek.``, ``Telp``, ``Meeting ID`` ...), found as
  whole words, with the nearest one attached to each number - on its line, on
  the line above (a form or a spreadsheet cell whose column header is passed as
  chunk context), or by column in a table whose header row names several
  fields;
* :func:`decide16`: the one decision for a 16-digit number - NIK, KK, NPWP
  (16-digit form), payment card or nothing - shared by the NIK, KK, NPWP and
  card recognizers so a number is reported under exactly one type.

Everything per text is cached on the last text seen (the engine runs all
recognizers over the same string one after the other); a text with fewer
than 9 digits costs one pass of a small regex and nothing else, and labels are
looked for only around the numbers that need one.
"""
from __future__ import annotations

from bisect import bisect_left as _bisect_left, bisect_right as _bisect_right
import calendar
import datetime as dt
import re
import threading
import time
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, chain
from operator import itemgetter
from importlib import resources

from presidio_analyzer import EntityRecognizer, RecognizerResult

# --------------------------------------------------------------------------- region table


@dataclass(frozen=True)
class Region:
    code: str            # dotted, as in the table: "32", "32.73", "32.73.01"
    name: str
    now: str | None = None  # the current code of a historical one


@lru_cache(maxsize=1)
def regions() -> dict[str, Region]:
    """Dotted code -> :class:`Region` (current and historical codes)."""
    table: dict[str, Region] = {}
    root = resources.files("dlp.classifiers").joinpath("data")
    for fname in ("regions.tsv", "regions_historical.tsv"):
        for line in root.joinpath(fname).read_text(encoding="utf-8").splitlines():
            if not line or line.startswith("#"):
                continue
            parts = line.split("\t")
            code, name = parts[0], parts[1]
            now = parts[2] if len(parts) > 2 and parts[2] else None
            table.setdefault(code, Region(code, name, now))
    return table


def region_names(d: str) -> tuple[str | None, str | None, str | None, str | None]:
    """(province, regency, district, current regency code if historical) of a NIK's first 6 digits."""
    t = regions()
    p, r, c = t.get(d[:2]), t.get(f"{d[:2]}.{d[2:4]}"), t.get(f"{d[:2]}.{d[2:4]}.{d[4:6]}")
    return (p.name if p else None, r.name if r else None, c.name if c else None, r.now if r else None)


# --------------------------------------------------------------------------- checks

# Each digit doubled, its two digits summed: the Luhn check's value of every second digit from the right.
_LUHN_DOUBLE = str.maketrans("0123456789", "0246813579")
# The same as bytes tables: an ASCII digit to its value, and to its doubled value.
_LUHN_VALUE_BYTES = bytes.maketrans(b"0123456789", bytes(range(10)))
_LUHN_DOUBLE_BYTES = bytes.maketrans(b"0123456789", bytes((0, 2, 4, 6, 8, 1, 3, 5, 7, 9)))


def luhn_ok(digits: str) -> bool:
    if digits.isascii():
        if digits.isdigit():  # sums over two translated byte slices, all in C (7x faster than int() per digit)
            b = digits.encode()
            return (sum(b[-1::-2].translate(_LUHN_VALUE_BYTES))
                    + sum(b[-2::-2].translate(_LUHN_DOUBLE_BYTES))) % 10 == 0
        return (sum(map(int, digits[-1::-2])) + sum(map(int, digits[-2::-2].translate(_LUHN_DOUBLE)))) % 10 == 0
    total = 0  # other Unicode digits: as before, by code point
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i & 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


_UP, _DOWN = "0123456789" * 3, "9876543210" * 3


def junk(digits: str) -> bool:
    """Placeholder-like digit strings: one or two repeated digits, a counting sequence, mostly zeros."""
    if len(digits) < 3:
        return True  # (at most two digits: at most two distinct ones)
    start3 = digits[:3]
    # runs once per candidate number: the distinct-digit and sequence tests only where the first
    # three digits leave them possible (see _JUNK_START; most numbers start otherwise)
    if start3 in _JUNK_START or not start3.isascii():
        rest = digits.replace(digits[0], "")  # (two deletions: cheaper than a set of the digits)
        if not rest or not rest.replace(rest[0], "") or digits in _UP or digits in _DOWN:
            return True
    return digits.count("0") >= len(digits) - 3


_NEXT = {str(i): str((i + 1) % 10) for i in range(10)}  # the digit after each one in _UP
_PREV = {str(i): str((i - 1) % 10) for i in range(10)}  # and in _DOWN
# The first three ASCII digits of every string junk() can say yes to for its first two reasons
# (a repeated digit among them, or three in counting order): one set lookup tells a number that
# starts otherwise it needs only the zero count.
_JUNK_START = frozenset(a + b + c for a in "0123456789" for b in "0123456789" for c in "0123456789"
                        if a == b or c == a or c == b or (b == _NEXT[a] and c == _NEXT[b])
                        or (b == _PREV[a] and c == _PREV[b]))


_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_TWO = tuple(f"{i:02d}" for i in range(100))  # 0-99 with two digits, for the reason texts (no format spec per number)


_today_cache: list = [0.0, None, 0, 0]  # when read, the date, its year, its month * 100 + day


def _today() -> dt.date:
    """Today's date, read from the clock at most once a minute (checks run per candidate number)."""
    now = time.monotonic()
    if _today_cache[1] is None or now - _today_cache[0] > 60:
        today = dt.date.today()
        _today_cache[:] = [now, today, today.year, today.month * 100 + today.day]
    return _today_cache[1]


_monotonic = time.monotonic


@dataclass(slots=True)  # (made for every candidate number: no dict per object)
class Check:
    """The outcome of a structural check: ``ok`` and the facts for the reason text."""

    ok: bool
    en: str = ""      # decoded facts (ok) or the first failure (not ok)
    id: str = ""


# The failures whose text names no digits, built once (checks run per candidate number; read-only).
_PLACEHOLDER = Check(False, "placeholder digits", "angka contoh")
_SERIAL_0000 = Check(False, "serial 0000", "nomor urut 0000")
_NPWP_TYPE_00 = Check(False, "taxpayer-type code 00", "kode jenis wajib pajak 00")
_NPWP_LUHN = Check(False, "check digit (Luhn over the first 9 digits) fails",
                   "digit kontrol (Luhn atas 9 digit pertama) salah")
_NO_CARD_PREFIX = Check(False, "no known card issuer prefix", "awalan penerbit kartu tidak dikenal")


@lru_cache(maxsize=8192)
def _region_text(d: str) -> tuple[str, str]:
    """The reason text of a region code (the first 6 digits of ``d``; pass exactly those: cached)."""
    prov, reg, dist, now = region_names(d)
    code = f"{d[:2]}.{d[2:4]}.{d[4:6]}"
    names = ", ".join(x for x in (prov, reg, dist) if x)
    en = f"region {code} ({names})" if names else f"region {code}"
    id_ = f"wilayah {code} ({names})" if names else f"wilayah {code}"
    if now:
        en += f", historical code, now {now}"
        id_ += f", kode lama, kini {now}"
    return en, id_


def _region(d: str) -> tuple[Check | None, str, str]:
    """(:func:`_region_ok`, and when plausible the reason texts of :func:`_region_text`) of a
    6-digit region code (pass exactly those): one cached lookup per candidate number."""
    got = _REGIONS_SEEN.get(d)
    if got is None:
        bad = _region_ok(d)
        if len(_REGIONS_SEEN) >= 8192:
            _REGIONS_SEEN.clear()  # (bounded, as an lru_cache would be)
        got = _REGIONS_SEEN[d] = (bad, "", "") if bad else (None, *_region_text(d))
    return got


_REGIONS_SEEN: dict[str, tuple] = {}  # a plain dict: an lru_cache's bookkeeping costs more than the lookup here


@lru_cache(maxsize=8192)
def _region_ok(d: str) -> Check | None:
    """None when the province, regency and district parts of ``d[:6]`` are plausible, else the failure
    (pass exactly the 6 digits: cached)."""
    t = regions()
    if d[:2] not in t:
        return Check(False, f"province code {d[:2]} does not exist", f"kode provinsi {d[:2]} tidak ada")
    if f"{d[:2]}.{d[2:4]}" not in t:
        return Check(False, f"regency/city code {d[:2]}.{d[2:4]} does not exist",
                     f"kode kabupaten/kota {d[:2]}.{d[2:4]} tidak ada")
    if not 1 <= int(d[4:6]) <= DISTRICT_MAX:
        return Check(False, f"district code {d[4:6]} is out of range", f"kode kecamatan {d[4:6]} di luar rentang")
    return None


# District numbers are checked loosely: the bundled table has today's districts,
# but districts move to new regencies while the NIKs of their people keep the
# old regency's code and number, and no district-level history is shipped.
# Today's highest district number is 51.
DISTRICT_MAX = 60


def _birth_year(yy: int, m: int, d: int) -> int | None:
    """The birth year of a NIK's DDMMYY: this century if that date is not in the future."""
    if not 1 <= m <= 12:
        return None
    today = _today()
    for year in (2000 + yy, 1900 + yy):
        if year > today.year:  # (most NIKs: born last century, so yy is past this year's)
            continue
        if d <= _MONTH_DAYS[m] or (m == 2 and d == 29 and calendar.isleap(year)):
            if year < today.year or (m, d) <= (today.month, today.day):
                return year
    return None


@lru_cache(maxsize=4096)
def check_nik(d: str) -> Check:
    """Structure of a 16-digit NIK (Permendagri on NIK, UU 24/2013): PP KK CC DDMMYY SSSS.

    Region (province, regency/city against the bundled Kemendagri table,
    district 01-60), birth date (day + 40 for women; a real calendar date not in
    the future), serial 0001-9999, and no placeholder digits.
    """
    # (runs for every candidate 16-digit number: few calls and no objects on the way to the answer)
    region = d[:6]
    got = _REGIONS_SEEN.get(region)  # (_region's cache read inline: the common case)
    bad, reg_en, reg_id = got if got is not None else _region(region)
    if bad:
        return bad
    dmy = int(d[6:12])  # DDMMYY read as one number: one int() instead of three
    day, month, yy = dmy // 10000, dmy // 100 % 100, dmy % 100
    female = day > 40
    if female:
        day -= 40
    if 1 <= month <= 12 and 1 <= day <= _MONTH_DAYS[month]:
        # a date of every year (not 29 February): _birth_year's answer without its loop
        if _today_cache[1] is None or _monotonic() - _today_cache[0] > 60:
            _today()  # (inline: the cached year and month * 100 + day are read below)
        year = 2000 + yy
        if year > _today_cache[2] or (year == _today_cache[2] and month * 100 + day > _today_cache[3]):
            year -= 100
    else:
        year = _birth_year(yy, month, day) if 1 <= day <= 31 else None
    if year is None:
        return Check(False, f"{d[6:12]} is not a birth date (DDMMYY, day + 40 for women)",
                     f"{d[6:12]} bukan tanggal lahir (DDMMYY, tanggal + 40 untuk perempuan)")
    if d[12:] == "0000":
        return _SERIAL_0000
    start3 = d[:3]  # (junk's quick exit inline: most NIKs take it)
    if (start3 in _JUNK_START or not start3.isascii() or d.count("0") >= len(d) - 3) and junk(d):
        return _PLACEHOLDER
    born = f"{year}-{_TWO[month]}-{_TWO[day]}"
    return Check(True, f"{reg_en}, born {born}, {'female' if female else 'male'}",
                 f"{reg_id}, lahir {born}, {'perempuan' if female else 'laki-laki'}")


@lru_cache(maxsize=4096)
def check_kk(d: str) -> Check:
    """Structure of a 16-digit KK number: region as a NIK, then the issue date DDMMYY, then a serial.

    The date is checked loosely (day 1-31, month 1-12): it is the date the
    number was issued, never shifted by 40.
    """
    bad, reg_en, reg_id = _region(d[:6])
    if bad:
        return bad
    dm = int(d[6:10])  # DDMM read as one number
    day, month = dm // 100, dm % 100
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return Check(False, f"{d[6:12]} is not an issue date (DDMMYY)", f"{d[6:12]} bukan tanggal terbit (DDMMYY)")
    if junk(d):
        return _PLACEHOLDER
    return Check(True, f"{reg_en}, issued {d[6:8]}-{d[8:10]}-{d[10:12]}",
                 f"{reg_id}, terbit {d[6:8]}-{d[8:10]}-{d[10:12]}")


@lru_cache(maxsize=4096)
def check_nip(d: str) -> Check:
    """Structure of an 18-digit NIP (PP 11/2017 jo. Peraturan BKN on NIP): YYYYMMDD YYYYMM G SSS.

    Birth date 1940-2010 (real date); appointment (TMT CPNS) year-month no
    earlier than the 17th birthday year and not after this year - or, for a
    PPPK NIP, the appointment year followed by ``21``; gender 1 (male) or 2
    (female); serial 001-999.
    """
    ymd = int(d[:8])  # one int() instead of three
    by, bm, bd = ymd // 10000, ymd // 100 % 100, ymd % 100
    if not (1940 <= by <= 2010 and 1 <= bm <= 12
            and 1 <= bd <= (29 if bm == 2 and calendar.isleap(by) else _MONTH_DAYS[bm])):  # (a real date)
        return Check(False, f"{d[:8]} is not a birth date (YYYYMMDD, 1940-2010)",
                     f"{d[:8]} bukan tanggal lahir (YYYYMMDD, 1940-2010)")
    ym = int(d[8:14])
    ay, am = ym // 100, ym % 100
    pppk = am == 21
    if _today_cache[1] is None or _monotonic() - _today_cache[0] > 60:
        _today()  # (inline: the cached year is read below)
    if not (by + 17 <= ay <= _today_cache[2] and (1 <= am <= 12 or pppk)):
        return Check(False, f"{d[8:14]} is not an appointment date (YYYYMM)",
                     f"{d[8:14]} bukan TMT pengangkatan (YYYYMM)")
    if d[14] not in "12":
        return Check(False, f"gender digit {d[14]} is not 1 or 2", f"kode jenis kelamin {d[14]} bukan 1 atau 2")
    if d[15:] == "000":
        return Check(False, "serial 000", "nomor urut 000")
    born = f"{by}-{_TWO[bm]}-{_TWO[bd]}"
    sex_en, sex_id = ("male", "laki-laki") if d[14] == "1" else ("female", "perempuan")
    if pppk:
        return Check(True, f"PPPK, born {born}, appointed {ay}, {sex_en}",
                     f"PPPK, lahir {born}, diangkat {ay}, {sex_id}")
    return Check(True, f"born {born}, appointed {ay}-{_TWO[am]}, {sex_en}",
                 f"lahir {born}, TMT {ay}-{_TWO[am]}, {sex_id}")


def check_npwp15(d: str) -> Check:
    """Structure of a 15-digit NPWP (PER DJP on NPWP format): TT.SSS.SSS.C-KKK.CCC.

    TT taxpayer type (not 00), SSSSSS serial, C the Luhn check digit over the
    first nine digits, KKK the tax office (KPP), CCC the branch (000 = head
    office).
    """
    if d[:2] == "00":
        return _NPWP_TYPE_00
    if not luhn_ok(d[:9]):
        return _NPWP_LUHN
    if junk(d[:9]):
        return _PLACEHOLDER
    branch_en = "head office" if d[12:] == "000" else f"branch {d[12:]}"
    branch_id = "pusat" if d[12:] == "000" else f"cabang {d[12:]}"
    return Check(True, f"check digit valid, tax office {d[9:12]}, {branch_en}",
                 f"digit kontrol valid, KPP {d[9:12]}, {branch_id}")


# Issuer prefixes (ISO/IEC 7812 IIN ranges of the schemes used in Indonesia) and lengths.
_CARD_BRANDS = [
    ("Visa", re.compile(r"4"), (13, 16, 19)),
    ("Mastercard", re.compile(r"5[1-5]|2(?:22[1-9]|2[3-9]\d|[3-6]\d\d|7[01]\d|720)"), (16,)),
    ("American Express", re.compile(r"3[47]"), (15,)),
    ("JCB", re.compile(r"35(?:2[89]|[3-8]\d)"), (16, 17, 18, 19)),
    ("Diners Club", re.compile(r"3(?:0[0-5]|[689])"), (14, 15, 16, 17, 18, 19)),
    ("Discover", re.compile(r"6(?:011|4[4-9]|5)"), (16, 17, 18, 19)),
    ("UnionPay", re.compile(r"62"), (16, 17, 18, 19)),
    ("GPN", re.compile(r"9360"), (16, 17, 18, 19)),
    ("Maestro", re.compile(r"5018|5020|5038|5893|6304|6759|676[1-3]"), (12, 13, 14, 15, 16, 17, 18, 19)),
]


# All the prefixes in one regex, group i + 1 for brand i: the prefixes never overlap, so the one
# brand whose prefix a number has is found by one match instead of up to nine.
_CARD_PREFIX = re.compile("|".join(f"({rx.pattern})" for _, rx, _ in _CARD_BRANDS))


def check_card(d: str) -> Check:
    """A payment card number: a known issuer prefix and length, and the Luhn check digit (ISO/IEC 7812)."""
    m = _CARD_PREFIX.match(d)
    if m:
        brand, _, lengths = _CARD_BRANDS[m.lastindex - 1]
        if len(d) in lengths:
            if not luhn_ok(d):
                return Check(False, f"{brand} prefix but the Luhn check fails", f"awalan {brand} tetapi cek Luhn gagal")
            if junk(d[1:]):
                return _PLACEHOLDER
            return Check(True, f"{brand}, {len(d)} digits, Luhn check digit valid",
                         f"{brand}, {len(d)} digit, digit kontrol Luhn valid")
    return _NO_CARD_PREFIX


# --------------------------------------------------------------------------- labels

# Field names written in front of (or above, or after) a number, by category.
# Matched as whole words, case-insensitively; in a phrase a space stands for
# any run of spaces/tabs and a dot is optional.  The longest phrase wins, so
# "nomor kartu keluarga" is KK, not the card label "nomor kartu".
LABELS: dict[str, tuple[str, ...]] = {
    "NIK": ("nik", "n.i.k", "nik ktp", "nik/ktp", "no. nik", "nomor nik", "nomor induk kependudukan",
            "no. induk kependudukan", "ktp", "no. ktp", "nomor ktp", "e-ktp", "ktp-el", "no. e-ktp",
            "nomor identitas", "no. identitas", "national id", "id card number"),
    "KK": ("kk", "no. kk", "nomor kk", "nkk", "no. nkk", "kartu keluarga", "no. kartu keluarga",
           "nomor kartu keluarga", "family card", "family card number"),
    "NPWP": ("npwp", "no. npwp", "nomor npwp", "npwp16", "nomor pokok wajib pajak", "wajib pajak", "pajak",
             "nitku", "id tku", "nomor identitas tempat kegiatan usaha",
             "tax id", "taxpayer", "taxpayer id", "tax number", "tax identification number"),
    "NIP": ("nip", "n.i.p", "no. nip", "nomor nip", "nomor induk pegawai", "nip pppk", "nipppk", "ni pppk"),
    "CARD": ("kartu kredit", "kartu debit", "credit card", "debit card", "card number", "card no", "card",
             "nomor kartu", "no. kartu", "visa", "mastercard", "master card", "amex", "american express",
             "jcb", "cvv", "cvc", "valid thru", "expiry", "exp"),
    "ACCOUNT": ("rekening", "no. rekening", "nomor rekening", "rek", "no. rek", "norek", "account",
                "account number", "acct", "virtual account", "va", "bank account", "no. va"),
    "PHONE": ("telp", "tel", "telepon", "telpon", "tlp", "hp", "no. hp", "nomor hp", "handphone", "ponsel",
              "wa", "whatsapp", "no. wa", "phone", "mobile", "fax", "faks", "kontak", "hubungi", "call",
              "sms", "contact", "cp", "seluler", "hotline", "pesawat"),
    "PASSPORT": ("paspor", "pasport", "passport", "no. paspor", "nomor paspor", "passport no",
                 "passport number", "no. passport"),
    # A budget's amount columns: an amount's header above it or its column names it ("Anggaran" over
    # 628846338055: no +62 number, nor a card); on the number's own line such a word names nothing
    # ("jumlah peserta 45, HP 0812...").  See label_for.
    "AMOUNT": ("anggaran", "pagu", "pagu anggaran", "realisasi", "nilai", "jumlah", "total", "saldo",
               "harga", "biaya", "nominal"),
    "OTHER": ("meeting id", "zoom", "webinar id", "id rapat", "id meeting", "passcode", "kode akses",
              "isbn", "issn", "nib", "nomor induk berusaha", "invoice", "faktur", "no. faktur", "resi",
              "awb", "kode booking", "order id", "id transaksi", "no. transaksi", "trx", "ref", "no. ref",
              "referensi", "nuptk", "nisn", "nis", "polis", "no. polis", "sim", "no. sim",
              "imei", "serial number", "s/n", "nop", "no. sertifikat", "sertifikat", "kode pos", "npsn",
              "nidn", "nrp", "kode billing", "id billing", "ntpn", "no. kontrak",
              # finance and tax papers' numbers: a "Pajak" ending them names no taxpayer (see NPWP's "pajak")
              "faktur pajak", "no. faktur pajak", "nomor faktur pajak", "nomor seri faktur pajak", "seri faktur pajak",
              "kode billing pajak", "id billing pajak", "billing pajak", "surat setoran pajak", "ssp",
              "bukti potong", "nomor bukti potong", "no. bukti potong", "objek pajak", "nomor objek pajak",
              "pajak daerah", "npwpd", "kode bayar", "kode pembayaran", "nomor pembayaran", "no. pembayaran",
              "ntpd", "briva", "id pelanggan", "nomor pelanggan", "no. pelanggan", "nomor tagihan",
              "no. tagihan", "sp2d", "no. sp2d", "nomor sp2d", "no. spm", "nomor spm", "nomor kontrak",
              "no. spk", "nomor spk"),
}
# The label categories that can make a finding of a number whose structure fails, by the kind
# of number (a mistyped NIK labelled "NIK", a 16-digit card labelled "Visa" ...), for Scan.maybe_labelled.
MISTYPE_CATEGORIES = {
    "16": ("NIK", "KK", "NPWP", "CARD"),
    "NIP": ("NIP",),
    "NPWP": ("NPWP",),
}
ID_CATEGORIES = ("NIK", "KK", "NPWP", "NIP", "CARD", "ACCOUNT", "PHONE", "PASSPORT")
_ID_CATEGORIES = frozenset(ID_CATEGORIES)  # (for the membership tests)


_NORM_LABEL_RE = re.compile(r"[\s.]+")


@lru_cache(maxsize=2048)
def _norm_label(s: str) -> str:
    return _NORM_LABEL_RE.sub("", s.lower())


_LABEL_CAT: dict[str, str] = {}
for _cat, _words in LABELS.items():
    for _w in _words:
        _LABEL_CAT.setdefault(_norm_label(_w), _cat)
_WORD_CAT: dict[str, str | None] = {}  # label as written -> its category (a cache of _LABEL_CAT[_norm_label(word)])


def _trie_regex(phrases: list[str]) -> str:
    """A regex alternation built as a trie, so a failed position costs one character test."""
    trie: dict = {}
    for p in phrases:
        node = trie
        for ch in p:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts, optional = [], "" in node
        for ch in sorted(k for k in node if k):
            if ch == " ":
                piece = r"[ \t]*"
            elif ch == ".":
                piece = r"\.?[ \t]*"
            else:
                piece = re.escape(ch)
            alts.append(piece + emit(node[ch]))
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if optional else body

    return emit(trie)


_LABEL_TRIE = _trie_regex(sorted({w.lower() for ws in LABELS.values() for w in ws}))
# Case-sensitive over the lower-cased text (fast: the regex starts with a character set);
# the case-insensitive twins serve texts whose lower-casing changes their length.
# The leading [^a-z0-9] consumes the character before the label: the regex engine then only
# tries the trie at word starts (3x faster than a look-behind), found by its fast scan for a
# leading character set - a "(?:^|...)" alternative would switch that scan off (2x slower),
# so a label at the very start of the text has its own regex (_LABEL_AT0).  Group 1 is the label.
# The look-ahead for a label's first letter changes no match (every label starts with one) but lets
# the many word starts followed by a digit, a blank or a bracket fail on one set test instead of the
# trie's first branch point (12% fewer instructions for this pass over every dense text).
_LABEL_FIRST = "".join(sorted({w[0].lower() for ws in LABELS.values() for w in ws}))
_LABEL_LOW_RE = re.compile(r"[^a-z0-9](?=[" + _LABEL_FIRST + r"])(" + _LABEL_TRIE + r")(?![a-z])")
_LABEL_AT0 = re.compile(r"(" + _LABEL_TRIE + r")(?![a-z])")


@lru_cache(maxsize=1)
def _label_re_ci() -> tuple[re.Pattern, re.Pattern]:
    """The case-insensitive twins, compiled on first use (rare; compiling costs ~20 ms of a cold start)."""
    return (re.compile(_LABEL_LOW_RE.pattern, re.IGNORECASE), re.compile(_LABEL_AT0.pattern, re.IGNORECASE))


_GLUED_LABEL = re.compile(r"(?<![A-Za-z])[A-Za-z][A-Za-z.]{1,23}\Z")
_LONG_DIGITS = re.compile(r"\d{5}")
_CELL_BREAK = re.compile(r"[,;|\t]")  # what ends a delimited row's cell
# A line holding one number and nothing else (an item of a list under its label, a column read by OCR).
_NUMBER_ALONE = re.compile(r"[ \t]*\d[\d .\-]{7,40}[ \t\r]*")
# A label's line holding nothing else but marks ("No. KK", "NIK:", "- No KK -").
_LABEL_LINE_MARKS = " \t\r:.-=*#|"
LIST_REACH = 4000  # how far above a list of numbers alone its label is looked for
# A number token in a table row, for column counting: 9+ digits, single . or - between them
# (so dates, 8 digits, are not tokens), optionally after a "+", not glued to a word, a dot or a
# dash before it nor to a word after it.  Same starts as
#     (?<![\w.\-])\+?\d(?:[.\-]?\d){8,}(?!\w)
# but 1.5x faster: it starts with the character set [+\d], so the regex engine jumps from digit
# to digit (the first look-behind checks the character before that one, the second that a "+" has
# a digit after it); the group repeat is unrolled into single-character steps; and after the
# ninth digit it only needs the rest of the digit group followed by a non-word character (a "."
# or "-" there is one: the longer token the old form would take starts at the same place).
_ROW_TOKEN = re.compile(r"[+\d](?<![\w.\-].)(?:(?<=\+)\d|(?<!\+))" + r"[.\-]?\d" * 8 + r"\d*+(?!\w)")
# The same for an ASCII text, where \d and \w match what their ASCII forms do (which cost less).
_ROW_TOKEN_ASCII = re.compile(_ROW_TOKEN.pattern, re.ASCII)


def _row_tokens(text: str, start: int, end: int) -> list[int]:
    """Starts of the long numbers (9+ digits) on text[start:end]."""
    return [m.start() for m in (_ROW_TOKEN_ASCII if text.isascii() else _ROW_TOKEN).finditer(text, start, end)]


def _few_row_tokens(text: str, start: int, end: int) -> int:
    """How many long numbers text[start:end] holds, counted up to two (the searches stop there)."""
    rx = _ROW_TOKEN_ASCII if text.isascii() else _ROW_TOKEN
    m = rx.search(text, start, end)
    if m is None:
        return 0
    return 1 if rx.search(text, m.end(), end) is None else 2  # (where finditer looks on)


# "nomor kartu" is a card label, "nomor kartu keluarga" / "kartu tanda penduduk" are not
_CARD_LABEL_NOT = re.compile(r"[ \t]*(?:keluarga|tanda|identitas|pelajar|mahasiswa|pegawai|peserta|bpjs|nikah)",
                             re.IGNORECASE)


@dataclass(slots=True)
class Label:
    start: int
    end: int
    cat: str
    word: str
    # "line" (same line), "above" (line above), "column" (table header), "after", or "pair" (the
    # second number of "KK/NIK: <KK> / <NIK>", named by the second label)
    how: str
    # the categories of the labels joined to this one by "/" before it ("NIK/NIP:" -> ("NIK",) for
    # the NIP label): a combined field may hold either number
    also: tuple = ()


# "Kartu" joined by a slash to an account label: "No. Rekening/Kartu", "Rek / Kartu", "Kartu/Rekening".
# "Kartu" alone is no label (Kartu Keluarga, Kartu Indonesia Sehat, kartu peserta ...), but a field
# or column for an account or a card may hold a payment card: it is one if the number checks as one.
_KARTU_AFTER = re.compile(r"[ \t]*/[ \t]*kartu(?![^\W\d_])", re.IGNORECASE)
_KARTU_BEFORE = re.compile(r"(?<![^\W\d_])kartu[ \t]*/[ \t]*\Z", re.IGNORECASE)


# -- SQL dumps -------------------------------------------------------------------------------
# INSERT INTO t (c1, c2) VALUES (...), (...); - or with no column list, the columns of t's CREATE TABLE
# (mysqldump's extended inserts: one line of thousands of rows, the column names far above).
_SQL_CREATE = re.compile(r"(?i)create[ \t]+table[ \t]+(?:if[ \t]+not[ \t]+exists[ \t]+)?"
                         r"(?P<name>[`\"\[]?[\w.]+[`\"\]]?)\s*\(")
_SQL_INSERT = re.compile(r"(?i)insert[ \t]+(?:ignore[ \t]+)?into[ \t]+(?P<name>[`\"\[]?[\w.]+[`\"\]]?)\s*"
                         r"(?:\((?P<cols>[^()]*)\)\s*)?values\s*")
_SQL_TOKEN = re.compile(r"""'(?:[^'\\]|\\.|'')*'|"(?:[^"\\]|\\.)*"|[(),;]|[^\s(),;'"]+""")
_SQL_IDENT = re.compile(r"""\s*[`"\[]?(?P<col>\w+)[`"\]]?""")
_SQL_NOT_COLUMN = {"primary", "key", "unique", "index", "constraint", "foreign", "check", "fulltext", "spatial"}
_SQL_MAX_TOKENS = 5_000_000  # (a dump is read to this many values; beyond, its numbers are judged as any text's)


def _sql_label(text: str, col: tuple[int, int, str]) -> Label | None:
    """The Label a column name gives its values ("no_kk" -> KK, "nik" -> NIK), or None."""
    s, e, name = col
    cat = _LABEL_CAT.get(_norm_label(name.replace("_", " ")))
    return _account_or_card(text, s, e, cat, name, "column") if cat is not None else None


def sql_column_labels(text: str) -> dict[int, Label]:
    """Where each value of an SQL dump's INSERT statements starts (its first character after a quote)
    -> the Label of its column, for the columns that name a number (NIK, no_kk, npwp ...): a KK column
    after a NIK column is a KK column, whichever label stands nearest before the value."""
    tables: dict[str, list] = {}
    for m in _SQL_CREATE.finditer(text):
        cols, depth, start = [], 1, m.end()
        for t in _SQL_TOKEN.finditer(text, m.end()):
            tok = t.group()
            if tok == "(":
                depth += 1
            elif tok == ")" or (tok == "," and depth == 1):
                if depth == 1:
                    c = _SQL_IDENT.match(text, start)
                    if c and c.group("col").lower() not in _SQL_NOT_COLUMN:
                        cols.append((c.start("col"), c.end("col"), c.group("col")))
                    start = t.end()
                if tok == ")":
                    depth -= 1
                    if depth == 0:
                        break
        tables[m.group("name").strip("`\"[]").lower()] = cols
    out: dict[int, Label] = {}
    budget = _SQL_MAX_TOKENS
    for m in _SQL_INSERT.finditer(text):
        if m.group("cols") is not None:
            cols = [(c.start("col") + m.start("cols"), c.end("col") + m.start("cols"), c.group("col"))
                    for c in _SQL_IDENT.finditer(m.group("cols")) if c.group("col")]
        else:
            cols = tables.get(m.group("name").strip("`\"[]").lower(), [])
        labels = [_sql_label(text, c) for c in cols]
        if not any(labels):
            continue  # no column names a number: nothing to read
        depth, n = 0, 0
        for t in _SQL_TOKEN.finditer(text, m.end()):
            budget -= 1
            tok = t.group()
            if tok == "(":
                depth, n = depth + 1, 0
            elif tok == ")":
                depth -= 1
            elif tok == ",":
                n += depth == 1
            elif tok == ";" or budget <= 0:
                break
            elif depth == 1 and n < len(labels) and labels[n] is not None:
                out[t.start() + (tok[0] in "'\"")] = labels[n]
            elif depth == 0:
                break  # the statement ended without its ";"
        if budget <= 0:
            break
    return out


def _account_or_card(text: str, s: int, e: int, cat: str, word: str, how: str, also: tuple = ()) -> Label:
    """The Label of a label found at ``text[s:e]``; an account label joined to "kartu" also names
    cards (``also`` gains "CARD", the label's span and word take the "kartu" in)."""
    if cat == "ACCOUNT":
        m = _KARTU_AFTER.match(text, e)
        if m:
            e, also = m.end(), also + ("CARD",)
        else:
            m = _KARTU_BEFORE.search(text, s - 12 if s > 12 else 0, s)
            if m:
                s, also = m.start(), also + ("CARD",)
        if m:
            word = text[s:e]
    return Label(s, e, cat, word, how, also)


# --------------------------------------------------------------------------- runs and windows

_DASH = "\\-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
# (A tab is no separator between two groups of one number: it ends a table's cell - a Word or HTML table
# read a row a line, its cells tab-separated - and the numbers of neighbouring cells are not one number.)
_SEP = rf"(?:[ ]{{0,3}}[.{_DASH}][ ]{{0,3}}(?:\r?\n[ \t]*)?|[ ]{{1,4}}|[ \t]*\r?\n[ \t]*)"
# The same separators for the regexes below, 12% faster: blanks (the most common) tried first, and
# no quantifier gives back what it took.  Neither changes a match: the three forms never match the
# same text (a dot or dash; a line break and no dot or dash; blanks only), and what a quantifier
# could give back (blanks, digits) is never what the next part needs.
_SEP_FAST = rf"(?:[ ]{{1,4}}+|[ ]{{0,3}}+[.{_DASH}][ ]{{0,3}}+(?:\r?\n[ \t]*+)?|[ \t]*+\r?\n[ \t]*+)"
# A run starts only where the next 12 characters are all digits or separators, so the many
# short numbers of a text never reach Python (a run of 13+ characters always passes).  It starts
# at a number's first digit (the look-behind, tested before the look-ahead): where the look-ahead
# fails at a first digit it fails at the digits after it too (their 12 characters hold the same
# misfit), and a match always ends before a non-digit, so this skips only work, never a match.
RUN_RE = re.compile(rf"\d(?<!\d.)(?=[\d \t\r\n.{_DASH}]{{12}})\d*+(?:{_SEP_FAST}\d++)*")
# The same for a text without other decimal digits than 0-9 (every text dlp's normalizer hands
# over): there \d and [0-9] match the same characters, and the set test costs less (RUN_RE's
# pass is over every character of a dense text).
_RUN_RE_09 = re.compile(rf"[0-9](?<![0-9].)(?=[0-9 \t\r\n.{_DASH}]{{12}})[0-9]*+(?:{_SEP_FAST}[0-9]++)*")
# A decimal digit outside ASCII (Arabic-Indic, full-width ...): the search only stops at non-ASCII characters.
_OTHER_DIGIT = re.compile(r"[^\x00-\x7f](?<=\d)")
_SEP_SPLIT = re.compile(r"(\D+)")
# Deletes the separators RUN_RE allows between digit groups, leaving a run's digits.
_DROP_SEPS = str.maketrans("", "", " \t\r\n.-\u2010\u2011\u2012\u2013\u2014\u2015\u2212")
# The two tables for an ASCII run, as bytes tables: one C pass each (str.translate looks each
# character up in a dict, and one not in it raises and clears a KeyError).
_SHAPE_BYTES = bytes.maketrans(b"123456789", b"000000000")
_SEPS_BYTES = b" \t\r\n.-"


@dataclass(slots=True)
class Shape:
    """The layout of a run with separators, shared by every run written the same way
    (``9999 9999 9999 9999``, ``99.999.999.9-999.999``): offsets relative to the run."""

    spans: list[tuple[int, int]]     # offsets of each digit group
    offs: list[int]                  # digit offset of each group (+ the total at the end)
    lens: list[int]                  # digit count of each group
    seps: list[str]                  # separator text after each group but the last
    cuts: list[bool]                 # per separator: whitespace only, so a window may end/start there
    short: list[bool]                # per separator: at most 3 characters on one line (see Window.tight)
    windows: dict = field(default_factory=dict)  # (n, n_max) -> window templates, see _templates


_SHAPE = str.maketrans("123456789", "000000000")


@lru_cache(maxsize=4096)
def _shape(shape: str) -> Shape | None:
    """The :class:`Shape` of a run whose digits are all written ``0`` (None: under 13 digits)."""
    parts = _SEP_SPLIT.split(shape)          # digits, sep, digits, ..., digits
    groups = parts[0::2]
    lens = list(map(len, groups))
    if sum(lens) < Scan.MIN_RUN_DIGITS:
        return None
    seps = parts[1::2]
    pos = list(accumulate(map(len, parts), initial=0))
    return Shape(list(zip(pos[0::2], pos[1::2])), list(accumulate(lens, initial=0)), lens, seps,
                 [not x.strip(" \t\r\n") for x in seps], [len(x) <= 3 and "\n" not in x for x in seps])


def _templates(sh: Shape, n: int, n_max: int) -> list[tuple]:
    """The windows of ``n`` to ``n_max`` digits a run of shape ``sh`` can hold, cut only at
    whitespace and not amounts (:func:`_thousands`), as (first group, last group, start, end,
    digit slice start, digit slice end, groups, separators, tight) relative to the run."""
    got = sh.windows.get((n, n_max))
    if got is not None:
        return got
    got = []
    spans, offs, seps, cuts, short = sh.spans, sh.offs, sh.seps, sh.cuts, sh.short
    k, ndigits = len(spans), offs[-1]
    for i in range(k):
        if i > 0 and not cuts[i - 1]:
            continue
        base = offs[i]
        if ndigits - base < n:
            break  # too few digits left for any later start too
        for j in range(i, k):
            size = offs[j + 1] - base
            if size > n_max:
                break
            if size < n or (j < k - 1 and not cuts[j]):
                continue
            ws = tuple(seps[i:j])
            groups = tuple(sh.lens[i:j + 1])
            if j - i >= 2 and (_thousands(groups, ws) or _dated(groups, ws) or _amounts(groups, ws)):
                continue
            got.append((i == 0, j == k - 1, spans[i][0], spans[j][1], base, offs[j + 1], groups, ws, all(short[i:j])))
    sh.windows[n, n_max] = got
    return got


@dataclass(slots=True)
class Window:
    """N consecutive digits of a run, cut at whitespace: a candidate number."""

    start: int
    end: int
    digits: str
    groups: tuple[int, ...]          # digit count of each group
    seps: tuple[str, ...]
    tight: bool                      # one line, single short separators: written as one number


# Nine ASCII digits anywhere: stops at the ninth, and the possessive [^0-9]*+ makes a text with
# fewer fail in one pass (ten str.count passes over every dense text cost more).
_NINE_DIGITS = re.compile(r"(?:[^0-9]*+[0-9]){9}")


WINDOW_MIN, WINDOW_MAX = 13, 19  # card lengths; NPWP 15, NIK/KK 16, NIP 18 lie inside
# How far Scan.label_for looks: a label up to LABEL_BEFORE characters before the number or
# LABEL_AFTER after it, a table header row up to HEADER_REACH characters above.
LABEL_BEFORE, LABEL_AFTER, HEADER_REACH = 64, 24, 2000


class Scan:
    """Digit runs and labels of one text, computed once and shared by the recognizers.

    Labels are looked up lazily, in blocks of :data:`BLOCK` characters around
    the numbers that need them, so a long text with a few numbers pays for a
    few blocks only.
    """

    MIN_RUN_DIGITS = 13
    BLOCK = 4096

    def __init__(self, text: str):
        self.text = text
        # (start, end, digits, shape) of each digit run; shape is None for one plain block of digits
        # (plain tuples: a run is only read by _all_windows, and an object per run costs)
        self.runs: list[tuple[int, int, str, Shape | None]] = []
        self._low: str | None = None
        self._blocks: dict[int, tuple[list, list, list]] = {}   # block -> (labels, header rows, label starts)
        self._results: dict[str, object] = {}
        self._windows: list[Window] | None = None
        self._by_size: dict[int, list[Window]] = {}   # digit count -> those of _windows
        self._tokens: dict[tuple[int, int], list[int]] = {}   # line -> starts of its long numbers (table cells)
        self._ntokens: dict[tuple[int, int], int] = {}   # line -> how many long numbers, up to two
        self._run_starts: list[int] | None = None   # the start of each of runs
        self._plain_starts: list[int] | None = None   # the starts of the runs _plain_tokens counts
        # line start -> what label_for needs of the line (see _line), for the default reach; a number
        # wrapped over a line break, or another reach, keys (line start, end, before, header reach)
        self._lines: dict[int, list] = {}
        self._other_lines: dict[tuple, list] = {}
        self._heads: dict[int, tuple] = {}   # header row start -> its text, end, labels by column, delimiters
        self._head_labels: dict = {}   # header row start (and "numbers") -> its labels as column Labels
        self._list_labels: dict[int, object] = {}   # line start of a number alone -> its list's label (_list_label)
        self.ascii = text.isascii()  # (a flag of the string: no pass over it)
        self.dense = _NINE_DIGITS.match(text) is not None  # 9+ digits
        # an SQL dump's values, named by their columns (see sql_column_labels): worked out on first use
        self._sql: object = None
        if not self.dense:
            return
        if "INSERT INTO" in text or "insert into" in text:
            self._sql = UNKNOWN
        add = self.runs.append
        ascii_digits = self.ascii or not _OTHER_DIGIT.search(text)
        least, shape_of = self.MIN_RUN_DIGITS, _shape  # (per run: looked up once)
        for m in (_RUN_RE_09 if ascii_digits else RUN_RE).finditer(text):
            g = m[0]
            if g.isdigit():
                if len(g) >= least:
                    add((m.start(), m.end(), g, None))
                continue
            if g.isascii():
                b = g.encode()
                digits = b.translate(None, _SEPS_BYTES)
                if len(digits) >= least:  # (a phone number's 12 digits: no layout to work out)
                    add((m.start(), m.end(), digits.decode(), shape_of(b.translate(_SHAPE_BYTES).decode())))
                continue
            sh = _shape(g.translate(_SHAPE))
            if sh is not None:
                add((*m.span(), g.translate(_DROP_SEPS), sh))

    # -- memo for the recognizers (e.g. the 16-digit decisions) -------------------------
    def memo(self, key: str, fn):
        got = self._results.get(key, UNKNOWN)
        if got is UNKNOWN:
            got = self._results[key] = fn(self)
        return got

    # -- windows ------------------------------------------------------------------------
    def windows(self, n: int, n_max: int | None = None) -> list[Window]:
        """Every window of ``n`` (to ``n_max``) digits, cut only at whitespace, not glued to letters."""
        n_max = n if n_max is None else n_max
        if n < WINDOW_MIN or n_max > WINDOW_MAX:
            return self._all_windows(n, n_max)
        if self._windows is None:
            self._windows = self._all_windows(WINDOW_MIN, WINDOW_MAX)
            by_size = self._by_size
            for w in self._windows:  # sorted by size once, for the recognizers asking for one size
                got = by_size.get(len(w.digits))
                if got is None:
                    by_size[len(w.digits)] = [w]
                else:
                    got.append(w)  # (no empty list made per window, as setdefault would)
        if n == WINDOW_MIN and n_max == WINDOW_MAX:
            return list(self._windows)  # copies: a caller may change its list
        if n == n_max:
            return list(self._by_size.get(n, ()))
        return [w for w in self._windows if n <= len(w.digits) <= n_max]

    def _all_windows(self, n: int, n_max: int) -> list[Window]:
        out = []
        text = self.text
        size = len(text)
        for at, run_end, digits, shape in self.runs:
            if len(digits) < n:
                continue
            if shape is None:  # plain digits: the whole run or nothing
                if len(digits) > n_max or (at > 0 and text[at - 1].isalpha() and not self._glued_label(at)) \
                        or (run_end < size and text[run_end].isalpha()):
                    continue
                out.append(Window(at, run_end, digits, (len(digits),), (), True))
                continue
            # a run's first windows start where it starts, its last ones end where it ends: test those once
            glued_first = at > 0 and text[at - 1].isalpha() and not self._glued_label(at)
            glued_last = run_end < size and text[run_end].isalpha()
            for first, last, rs, re_, a, b, groups, ws, tight in _templates(shape, n, n_max):
                if (first and glued_first) or (last and glued_last):
                    continue
                out.append(Window(at + rs, at + re_, digits[a:b], groups, ws, tight))
        return out

    def _glued_label(self, pos: int) -> bool:
        """A label written right against the number: ``NIK3273...``."""
        m = _GLUED_LABEL.search(self.text, max(0, pos - 24), pos)
        return bool(m and _norm_label(m.group()) in _LABEL_CAT)

    # -- labels -------------------------------------------------------------------------
    def _block(self, b: int) -> tuple[list, list, list, list, dict]:
        """Labels starting in block ``b`` and the table header rows starting in it, the starts of
        each, and (filled by :meth:`_has_label`) the label starts of each kind of MISTYPE_CATEGORIES."""
        got = self._blocks.get(b)
        if got is not None:
            return got
        lo, hi = b * self.BLOCK, (b + 1) * self.BLOCK
        labels = self._find_labels(lo, hi)
        heads = []
        text = self.text
        starts = [lab[0] for lab in labels]
        k, n = 0, len(labels)
        while k < n:  # labels are sorted: those of one line are consecutive
            le = text.find("\n", starts[k])
            le = len(text) if le < 0 else le
            m = _bisect_left(starts, le, k + 1)  # (the first on a later line)
            delimited = None  # whether the line is a delimited table row: asked only where it matters
            if m - k < 2 and le <= hi:
                delimited = labels[k][2] in _ID_CATEGORIES and (_delimited(text, labels[k][0], le)
                                                               or _numbered_header(text, labels[k][0], le))
                if not delimited:
                    k = m
                    continue  # one label: no header row (a line running on past the block may hold more)
            ls = text.rfind("\n", 0, labels[k][0]) + 1
            if ls >= lo:  # a line starting in an earlier block belongs to that block
                row = labels[k:m] if le <= hi else [lab for lab in self._find_labels(ls, le) if ls <= lab[0] < le]
                ids = [lab for lab in row if lab[2] in _ID_CATEGORIES]
                # two labels ("No NOP Virtual Account Tagihan", "Kode Billing  NTPN"), or a number label in a
                # delimited header (a CSV's "NO,NAMA,NO_KK,ALAMAT"); every label of the row names a column, of
                # whatever kind (a NISN or NOP column counts as one)
                # (an amount's words - "tahun anggaran", "jumlah" - are frequent in prose: they count towards a
                # header row only beside a number label)
                if (ids and (len(row) >= 2 or (delimited if delimited is not None else _delimited(text, ls, le)))
                        or (len(row) >= 2 and (sum(lab[2] != "AMOUNT" for lab in row) >= 2 or _table_line(text, ls, le)))) \
                        and not self.row_token_count(ls, le, 1):
                    heads.append((ls, row))
            k = m
        got = (labels, heads, starts, [head[0] for head in heads], {})
        self._blocks[b] = got
        return got

    def lower(self) -> str:
        """The lower-cased text, or "" when lower-casing changes its length (offsets would shift)."""
        if self._low is None:
            low = self.text.lower()
            self._low = low if len(low) == len(self.text) else ""
        return self._low

    def _find_labels(self, lo: int, hi: int) -> list[tuple[int, int, str, str]]:
        text = self.text
        self.lower()
        out = []
        rx, at0, hay = (_LABEL_LOW_RE, _LABEL_AT0, self._low) if self._low else (*_label_re_ci(), text)
        pos, endpos = max(0, lo - 1), min(len(text), hi + 40)
        matches = rx.finditer(hay, pos, endpos)
        if pos == 0:  # rx needs a character before the label: the text's first word is tried alone
            m = at0.match(hay, 0, endpos)
            if m:
                matches = chain((m,), rx.finditer(hay, m.end(), endpos))
        # in an ASCII text the regex's [^a-z0-9] before the label is the whole test: no letter or
        # digit outside ASCII can stand there
        unicode = not self.ascii
        for m in matches:
            s, e = m.span(1)  # (the label ends where the match does: the look-ahead takes nothing)
            if s >= hi:
                break
            if s < lo or (unicode and s and text[s - 1].isalnum()):
                continue
            word = text[s:e]
            cat = _WORD_CAT.get(word, _WORD_CAT)
            if cat is _WORD_CAT:  # first time this spelling is seen
                cat = _WORD_CAT[word] = _LABEL_CAT.get(_norm_label(word))
                if len(_WORD_CAT) > 4096:
                    _WORD_CAT.clear()
            if cat is None or (cat == "CARD" and _CARD_LABEL_NOT.match(text, e)):
                continue
            out.append((s, e, cat, word))
        return out

    def found_labels(self) -> list[tuple[int, int, str, str]] | None:
        """All the text's labels, in order, when every block has been looked at already; else None."""
        blocks, n = self._blocks, len(self.text) // self.BLOCK + 1
        if n == 1:
            got = blocks.get(0)
            return None if got is None else got[0]
        if any(b not in blocks for b in range(n)):
            return None
        return [lab for b in range(n) for lab in blocks[b][0]]

    def labels_between(self, lo: int, hi: int) -> list[tuple[int, int, str, str]]:
        """The labels starting in ``[lo, hi)`` and ending by ``hi``."""
        return self._labels_with_starts(lo, hi)[0]

    def _labels_with_starts(self, lo: int, hi: int) -> tuple[list, list]:
        """:meth:`labels_between` and the start of each label."""
        if lo < 0:
            lo = 0
        first, last = lo // self.BLOCK, hi // self.BLOCK
        if first == last:  # (most lookups: one block)
            labels, _, starts, _, _ = self._blocks.get(first) or self._block(first)
            i = _bisect_left(starts, lo)
            j = _bisect_left(starts, hi, i)
            # a block's labels never overlap, so their ends rise too: those ending after hi are the last
            while j > i and labels[j - 1][1] > hi:
                j -= 1
            return labels[i:j], starts[i:j]
        out = []
        for b in range(first, last + 1):
            labels, _, starts, _, _ = self._block(b)
            if labels:
                i = _bisect_left(starts, lo)
                got = labels[i:_bisect_left(starts, hi, i)]
                # a block's labels never overlap, so their ends rise too: those ending after hi are the last
                while got and got[-1][1] > hi:
                    got.pop()
                out += got
        return out, [lab[0] for lab in out]

    def label_for(self, start: int, end: int, before: int = LABEL_BEFORE, after: int = LABEL_AFTER,
                  header_reach: int = HEADER_REACH) -> Label | None:
        """The label that names the number at ``text[start:end]``, or None.

        In order: the nearest label before it on its line (within ``before``
        characters, not already used by a number in between); a label alone on
        the line above; the column's label in the nearest table header row
        above (a line with two or more number labels and no numbers), matched
        by the number's column among the row's long numbers; a label just
        after it on its line.
        """
        # (one int-keyed lookup per number, no cache of answers: no number is asked twice but by
        # known_label, and an answer is a few comparisons once its line is known)
        if self._sql is not None:  # an SQL dump: a value is named by its column, whatever stands before it
            if self._sql is UNKNOWN:
                self._sql = sql_column_labels(self.text)
            lab = self._sql.get(start)
            if lab is not None:
                return lab
        text = self.text
        line_start = text.rfind("\n", 0, start) + 1
        line = self._lines.get(line_start)
        if line is None or end > line[5] or before != LABEL_BEFORE or header_reach != HEADER_REACH:
            line = self._line_of(line_start, start, end, before, header_reach)
        labels = line[0]
        i = _bisect_left(line[1], start) if labels else 0  # (most table rows hold no label)
        hi = end + after + 40
        lab = None
        # (a gap under 5 characters cannot hold 5 digits: the regex runs only for wider ones)
        if i and (prev := labels[i - 1])[1] <= hi and prev[1] >= start - before \
                and not (start - prev[1] >= 5 and _LONG_DIGITS.search(text, prev[1], start)):  # same line, before
            lab = line[4][i - 1]  # (made once per label of the line: the numbers after it share it)
            if lab is None:
                s, e, cat, word = prev
                also = ()
                j = i - 2
                while j >= 0 and text[labels[j][1]:s].strip(" \t.") == "/":  # "NIK/NIP", "No. KK / NIK", "NIP./NRP"
                    s, also = labels[j][0], also + (labels[j][2],)
                    j -= 1
                lab = line[4][i - 1] = _account_or_card(text, s, e, cat, text[s:e] if also else word, "line", also)
            if (cut := _CELL_BREAK.search(text, prev[1], start)) and text.count(cut[0], line_start, line[5]) >= 2:
                # the label stands in an earlier cell of a delimited row ("2388/SP2D/LS/2023,...,0312...");
                # the column's header, where one names it, says what the number is
                if line[2] is UNKNOWN:
                    self._context(line, before, header_reach)
                if (head := line[3]) is not None and (column := _column(head, text, line_start, start)) is not None:
                    lab = column
        elif (line[2] if line[2] is not UNKNOWN else self._context(line, before, header_reach)) is not None:
            lab = line[2]  # alone on the line above
        elif (head := line[3]) is not None \
                and (col := (text.count(head[0], line_start, start) if head[1] is None
                             else _count_sep(text, head[0], line_start, start)) if head[0]
                     else _bisect_right(head[1], start) - 1 if head[0] is None
                     else head[1].get(start - line_start, -1)) >= 0 \
                and (lab := head[2][col]) is not None:  # a table row under a header row: its column's label
            pass  # (:func:`_column`, inline: one call per number of every table row costs 0.5% of a dense pass)
        else:  # same line, after
            for s, e, cat, word in labels[i:]:
                if s < end:
                    continue
                if s - end > after or (s - end >= 5 and _LONG_DIGITS.search(text, end, s)):
                    break
                if (cut := _CELL_BREAK.search(text, end, s)) and text.count(cut[0], line_start, line[5]) >= 2:
                    break  # a later cell of a delimited row ("...,3273...,KK ganda"): a remark, no label
                if e <= hi:
                    lab = Label(s, e, cat, word, "after")
                    break
        if lab is not None and lab.cat == "AMOUNT" and lab.how != "column" and lab.how != "above":
            return None  # an amount's word in a sentence names no number of it: only a column's header does
        return lab

    def known_label(self, start: int, end: int):
        """:meth:`label_for`'s answer if its line has been looked at already (then the answer costs a
        few comparisons), else :data:`UNKNOWN`."""
        line = self._lines.get(self.text.rfind("\n", 0, start) + 1)
        return UNKNOWN if line is None or end > line[5] else self.label_for(start, end)

    def _line_of(self, line_start: int, start: int, end: int, before: int, header_reach: int) -> list:
        """:meth:`_line` of the line holding ``text[start:end]`` (from ``line_start`` to the line break
        after ``end``), computed once: kept by line start, or by the whole key for a number wrapped
        over a line break or a reach other than the default."""
        text = self.text
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        if before == LABEL_BEFORE and header_reach == HEADER_REACH and text.find("\n", start, end) < 0:
            got = self._lines[line_start] = self._line(line_start, line_end, before, header_reach)
            return got
        key = (line_start, line_end, before, header_reach)
        got = self._other_lines.get(key)
        if got is None:
            got = self._other_lines[key] = self._line(line_start, line_end, before, header_reach)
        return got

    def _line(self, line_start: int, line_end: int, before: int, header_reach: int) -> list:
        """What :meth:`label_for` needs of one line, computed once per line: its labels (and
        their starts), the label alone on the line above and the table header naming its columns
        (delimiter or None, the starts of the row's numbers when no delimiter, the label of each
        column) - both :data:`UNKNOWN` until :meth:`_context` works them out, which only a number
        without a label before it on its line needs -, room for the Label of each of its labels,
        made when a number first takes it, the line's end and its start."""
        labels, starts = self._labels_with_starts(line_start, line_end)
        return [labels, starts, UNKNOWN, UNKNOWN, [None] * len(labels) if labels else None, line_end, line_start]

    def _context(self, line: list, before: int, header_reach: int) -> Label | None:
        """Fill in the label alone on the line above and the header row of a :meth:`_line`, and
        return the first."""
        line_end, line_start = line[5], line[6]
        above_label = header = None
        if line_start > 0:
            text = self.text
            prev_start = text.rfind("\n", 0, line_start - 1) + 1
            if prev_start < line_start - 201:
                prev_start = line_start - 201  # (at most 200 characters of the line above)
            b = prev_start // self.BLOCK
            if b == line_end // self.BLOCK:  # (most lines: in one block, its lists cut directly)
                all_labels, heads, all_starts, head_starts, _ = block = self._blocks.get(b) or self._block(b)
                i = _bisect_left(all_starts, prev_start)
                k = _bisect_left(all_starts, line_start, i)
                above = all_labels[i:k] if k > i else ()
            else:
                block = None
                above = self.labels_between(prev_start, line_start)  # (no label spans a line break)
            head_above = False  # the line above a table's header row? then its columns name the numbers below
            if above:
                if block is not None:
                    h = _bisect_left(head_starts, prev_start)
                    head_above = h < len(head_starts) and head_starts[h] == prev_start
                else:
                    head_above = (row := self._header_row(line_start, header_reach)) is not None and row[0] == prev_start
            if above and not head_above:
                above_label = self._above(text, above, prev_start, line_start, line_end, before)
            if above_label is None:
                # a row under a header row: the header looked up first (found once per block), the
                # row's numbers only then, and their starts only for a table without delimiters
                if block is not None and (h := _bisect_left(head_starts, line_start) - 1) >= 0:
                    # (_header_row's answer from the block at hand: the nearest header row is in it)
                    lo = line_start - header_reach if line_start > header_reach else 0
                    row = heads[h] if head_starts[h] >= lo else None
                else:
                    row = self._header_row(line_start, header_reach)
                if row is not None and self.row_token_count(line_start, line_end, 1):
                    header = self._cells(row[0], line_start, line_end)
                    if header is None:
                        tokens = self.row_tokens(line_start, line_end)
                        if (len(tokens) >= 2 or (tokens and _NUMBERED_ROW.match(text, line_start))) \
                                and len(row[1]) == len(tokens):
                            # (one number under one number column: a numbered row of a table read by OCR,
                            # "2 Fitria Rahmawati 3204051007134361 Bojongsoang" under "No | Kepala Keluarga No. KK Desa")
                            header = (None, tokens, self._column_labels(row))
                        elif len(tokens) >= 2 and (numbers := self._column_labels(row, False)) is not None \
                                and len(numbers) == len(tokens):
                            header = (None, tokens, numbers)  # an amount's column of short numbers ("Jumlah (Rp)")
                        else:
                            header = self._aligned(row, line_start, tokens)
                if header is None and head_above:
                    # no column of the header row above names the line's numbers (a spreadsheet cell
                    # under its header and row label, "NPWP Dr. Yuli Suryana, S.H., M.M."): its label does
                    above_label = self._above(text, above, prev_start, line_start, line_end, before)
            if above_label is None and header is None and _NUMBER_ALONE.fullmatch(text, line_start, line_end):
                above_label = self._list_label(line_start)
        line[2], line[3] = above_label, header
        return above_label

    @staticmethod
    def _above(text: str, above, prev_start: int, line_start: int, line_end: int, before: int) -> Label | None:
        """The label of the line above (``above``: its labels) for the line at ``line_start``, or None.
        It names the line's numbers when it holds one kind of label and no number before its last: a
        table's header row naming several columns ("nama,nik,nisn,kelas": its last label is one
        column's), or a row of the table ("...,3273...,Gagal - rekening pasif": the remark names
        nothing below it), is read as a table (header row or none)."""
        gap = line_start - above[-1][1]
        if gap <= before and len({lab[2] for lab in above}) == 1 \
                and not (gap >= 5 and _LONG_DIGITS.search(text, above[-1][1], line_start)) \
                and not _ROW_TOKEN.search(text, prev_start, above[-1][0]):
            s, e, cat, word = above[-1]
            if cat == "AMOUNT" and not (_alone_on_line(text, s, e) or (
                    not text[prev_start:s].strip(_LABEL_LINE_MARKS) and _NUMBER_ALONE.fullmatch(text, line_start, line_end))):
                # an amount's word in a sentence ("tahun anggaran berjalan") is no column's header; a header
                # alone on its line is, or one starting the line above a number alone (a workbook cell under
                # its context: "Anggaran Perubahan Belanja Hibah" / 628590490749)
                return None
            return _account_or_card(text, s, e, cat, word, "above")
        return None

    def _list_label(self, line_start: int) -> Label | None:
        """The label of a list of numbers alone on their lines ("No. KK" then one KK number a line,
        blank lines between or not, as OCR reads a spreadsheet's column): the label alone on the
        first line above the list that is not a number, for the list's first number and every one
        after it (else only the first takes the label; the others would be judged by structure, and a
        KK's issue date passes as a birth date)."""
        text, known = self.text, self._list_labels
        lo = line_start - LIST_REACH if line_start > LIST_REACH else 0
        pos = line_start
        got: Label | None = None
        while pos > lo:
            prev_start = text.rfind("\n", 0, pos - 1) + 1
            if not text[prev_start:pos - 1].strip():
                pos = prev_start  # a blank line
            elif _NUMBER_ALONE.fullmatch(text, prev_start, pos - 1):
                got = known.get(prev_start, UNKNOWN)
                if got is not UNKNOWN:  # the number above has asked already: its answer is the list's
                    break
                pos = prev_start  # a number of the list
            else:
                got = UNKNOWN
                labels = self.labels_between(prev_start, pos - 1)
                if len(labels) == 1:
                    s, e, cat, word = labels[0]
                    if not (text[prev_start:s].strip(_LABEL_LINE_MARKS) or text[e:pos - 1].strip(_LABEL_LINE_MARKS)):
                        got = _account_or_card(text, s, e, cat, word, "above")  # the label alone on its line
                break
        if got is UNKNOWN:
            got = None
        known[line_start] = got
        return got

    def _header_row(self, line_start: int, reach: int) -> tuple[int, list] | None:
        """(start, ID labels) of the nearest table header row above ``line_start`` (within ``reach``), or None."""
        lo = line_start - reach if line_start > reach else 0
        b, first = line_start // self.BLOCK, lo // self.BLOCK
        while b >= first:
            _, heads, _, head_starts, _ = self._blocks.get(b) or self._block(b)
            k = _bisect_left(head_starts, line_start) - 1  # the last one starting before the line
            if k >= 0:
                return heads[k] if head_starts[k] >= lo else None
            b -= 1
        return None

    def _cells(self, head_start: int, line_start: int, line_end: int) -> tuple[str, None, list] | None:
        """Column labels by cell, for a row and its header row split by the same delimiter.

        A delimited table (``|``, tab, ``;`` or ``,``) whose header row and this row have the same
        number of delimiters (two or more) is read cell by cell: a number takes the label that
        stands in its cell of the header row, or none (a "Keterangan" column).  Counting long
        numbers instead breaks on an empty cell, a spaced card number or a short phone number.
        Returns (the delimiter, "quoted" if the row holds a quote else None, the label of each cell or
        None), as :meth:`label_for`
        reads it: a number's cell is the count of delimiters before it on its line.
        """
        text = self.text
        # the header row's part is worked out once per header row, not once per row under it
        got = self._heads.get(head_start)
        if got is None:
            head_end = text.find("\n", head_start)
            head_end = len(text) if head_end < 0 else head_end
            head = text[head_start:head_end]
            got = self._heads[head_start] = (head, head_end, {}, [(sep, n) for sep in ("|", "\t", ";", ",")
                                                                  if (n := _count_sep(head, sep, 0, len(head))) >= 2])
        head, head_end, by_sep, counts = got
        quoted = text.find('"', line_start, line_end) >= 0  # (a CSV's quoted cell may hold the delimiter)
        for sep, n in counts:
            if (_count_sep(text, sep, line_start, line_end) if quoted else text.count(sep, line_start, line_end)) == n:
                break
        else:
            return None
        labels = by_sep.get(sep)
        if labels is None:  # (shared by the rows of the table: read only)
            labels = by_sep[sep] = [None] * (n + 1)
            for lab in self.labels_between(head_start, head_end):
                col = _count_sep(head, sep, 0, lab[0] - head_start)
                if labels[col] is None:  # the first label of a cell names it ("No. Rekening/Kartu")
                    labels[col] = _account_or_card(text, *lab, "column")
        return sep, ("quoted" if quoted else None), labels  # (label_for counts the cells before a number)

    def _aligned(self, row: tuple[int, list], line_start: int, tokens: list[int]) -> tuple | None:
        """A fixed-width table's header row (a text report, a PDF's columns read with their blanks), for a
        row whose numbers cannot be counted against its labels (a hexadecimal NTPN beside a billing code, an
        empty cell): a number starting in the column where a label of the header starts (one character
        either way) is that label's - where every long number of the row (``tokens``: their starts) so
        starts, else the alignment is chance.  As :meth:`label_for` reads it: (False, column start ->
        label index, the column labels); None otherwise."""
        head = row[0]
        at: dict[int, int] = {}
        for k, lab in enumerate(row[1]):
            col = lab[0] - head
            for c in (col - 1, col, col + 1):
                at.setdefault(c, k)
        text = self.text
        head_end = text.find("\n", head)
        line_end = text.find("\n", line_start)
        if len(row[1]) < 2 or not all(t - line_start in at for t in tokens) \
                or len(_PADDING.findall(text, head, head_end)) < 2 \
                or len(_PADDING.findall(text, line_start, len(text) if line_end < 0 else line_end)) < 2:
            # not a fixed-width table (its columns padded with blanks): a number under a label is there by chance
            return None
        return (False, at, self._column_labels(row))

    def _column_labels(self, row: tuple[int, list], amounts: bool = True) -> list[Label] | None:
        """The labels of a header row (:meth:`_header_row`) as column Labels, made once per header row;
        with ``amounts`` False those of its columns but the amounts' (None if it has no amount column):
        a row's long numbers are counted against them, and an amount is seldom one."""
        key = row[0] if amounts else (row[0], "numbers")
        got = self._head_labels.get(key, UNKNOWN)
        if got is UNKNOWN:
            labs = row[1] if amounts else [lab for lab in row[1] if lab[2] != "AMOUNT"]
            got = self._head_labels[key] = (None if len(labs) == len(row[1]) and not amounts else
                                            [_account_or_card(self.text, *lab, "column") for lab in labs])
        return got

    def maybe_labelled(self, start: int, end: int, kind: str) -> bool:
        """Cheap test before :meth:`label_for` for a number that only a label could make a finding:
        is its line a table row (two or more long numbers) that a header might name, or does a
        label of one of ``kind``'s categories (:data:`MISTYPE_CATEGORIES`) start where
        :meth:`label_for` looks - from the line above to just after the number?  The labels are
        the block's, found once per text: no per-number search of the text.

        Before both, :meth:`may_be_named`: without a label of those categories within its reach,
        no label can make the number a finding, table row or not."""
        text = self.text
        line_start = text.rfind("\n", 0, start) + 1
        if not self._has_label(kind, line_start - HEADER_REACH, end + LABEL_AFTER + 40):
            return False  # (may_be_named, inline)
        line_end = text.find("\n", end)
        if self.row_token_count(line_start, len(text) if line_end < 0 else line_end) == 2:
            return True  # tested first: cached per line
        # as in _line: the line above, at most 200 characters of it; and as in label_for: a label
        # after the number ends by end + after + 40
        lo = max(text.rfind("\n", 0, line_start - 1) + 1, line_start - 1 - 200) if line_start else 0
        cats = MISTYPE_CATEGORIES[kind]
        return any(lab[2] in cats for lab in self.labels_between(lo, end + 24 + 40))

    def may_be_named(self, start: int, end: int, kind: str) -> bool:
        """Could :meth:`label_for` name the number at ``text[start:end]`` with a label of one of
        ``kind``'s categories (:data:`MISTYPE_CATEGORIES`)?  Only if such a label starts where it
        looks: from the nearest table header row it reads (up to ``HEADER_REACH`` above the
        number's line) to just after the number.  No: the number's label is none of those."""
        line_start = self.text.rfind("\n", 0, start) + 1
        return self._has_label(kind, line_start - HEADER_REACH, end + LABEL_AFTER + 40)

    def _has_label(self, kind: str, lo: int, hi: int) -> bool:
        """Does a label of one of ``kind``'s categories (:data:`MISTYPE_CATEGORIES`) start in
        ``[lo, hi)``?  (One search of the block's sorted starts of that kind, listed once.)"""
        if lo < 0:
            lo = 0
        b, last = lo // self.BLOCK, (hi - 1) // self.BLOCK
        while b <= last:
            labels, _, _, _, by_kind = self._blocks.get(b) or self._block(b)
            starts = by_kind.get(kind)
            if starts is None:
                cats = MISTYPE_CATEGORIES[kind]
                starts = by_kind[kind] = [lab[0] for lab in labels if lab[2] in cats]
            i = _bisect_left(starts, lo)
            if i < len(starts) and starts[i] < hi:
                return True
            b += 1
        return False

    def row_tokens(self, line_start: int, line_end: int) -> list[int]:
        """Starts of the long numbers on the line ``text[line_start:line_end]`` (whole line: a token
        never spans a line break), computed once per line and only for the lines asked about."""
        key = (line_start, line_end)
        got = self._tokens.get(key)
        if got is None:
            got = self._tokens[key] = _row_tokens(self.text, line_start, line_end)
        return got

    def row_token_count(self, line_start: int, line_end: int, need: int = 2) -> int:
        """How many long numbers the line holds (as :meth:`row_tokens`), counted up to ``need``
        (1 or 2): the tests "any" and "two or more" stop searching there."""
        key = (line_start, line_end)
        n = self._ntokens.get(key)
        if n is None:
            plain = self._plain_tokens(line_start, line_end, need)
            if plain >= need:  # known from the digit runs: no search of the line
                if plain == 2:
                    self._ntokens[key] = 2
                return plain
            got = self._tokens.get(key)
            n = self._ntokens[key] = min(len(got), 2) if got is not None \
                else _few_row_tokens(self.text, line_start, line_end)
        return n

    def _plain_number_at(self, pos: int) -> bool:
        """Is ``text[pos:]`` a blank, then a run of plain digits that _SUBST_RE's number (digits and
        look-alike letters, single separators) cannot run on past?  Then its number has no letter.

        The number would start at the run (the blank is its lead) and keep to the run's digits
        unless the run is followed by a character of its set, or by one separator and one.  (ASCII
        only: case folding outside it is left to the regex.)"""
        text = self.text
        if text[pos:pos + 1] != " ":
            return False
        starts = self._run_starts
        if starts is None:
            starts = self._run_starts = list(map(_first, self.runs))
        i = _bisect_left(starts, pos + 1)
        if i == len(starts) or starts[i] != pos + 1 or self.runs[i][3] is not None:
            return False
        low, at = self._low, self.runs[i][1]
        after = low[at:at + 2]
        if not after or (after[0].isascii() and after[0] not in _SUBST_CHARS
                         and (after[0] not in _SUBST_SEPS or len(after) < 2
                              or (after[1].isascii() and after[1] not in _SUBST_CHARS))):
            return True
        if after[0] == " " and len(after) == 2:
            # A word after the blank ("NIK 3273... sudah", "dan", "lahir"): the regex takes its first
            # letters that look like digits ("s", "d", "l") but must end before a letter or digit,
            # so a word that goes on with any other letter leaves the number as it was.
            j, size = at + 1, len(low)
            while j < size and low[j] in _SUBST_CHARS and low[j] != "|":  # (every end in it is followed by one)
                j += 1
            return j > at + 1 and j < size and low[j].isascii() and low[j].isalpha()
        return False

    def _plain_tokens(self, line_start: int, line_end: int, need: int = 2) -> int:
        """How many of the line's long numbers are plain runs of digits (13+) standing alone, up to ``need``.

        Such a run is a token of _ROW_TOKEN: nothing glued before it (a word character, a dot, a
        dash), no word character after it, and all digits; the runs are already known, and those
        standing alone are listed once per text (two searches of that list per line)."""
        starts = self._plain_starts
        if starts is None:
            text, size = self.text, len(self.text)
            starts = self._plain_starts = [
                at for at, run_end, _, shape in self.runs
                if shape is None and (at == 0 or not ((c := text[at - 1]).isalnum() or c in "_.-"))
                and (run_end == size or not ((c := text[run_end]).isalnum() or c == "_"))]
        i = _bisect_left(starts, line_start)
        n = _bisect_left(starts, line_end, i) - i
        return n if n < need else need


def _thousands(groups: tuple[int, ...], seps: tuple[str, ...]) -> bool:
    """1.250.000.000-style amounts: every group after the first has three digits, joined by dots or commas."""
    return (len(groups) >= 3 and groups[0] <= 3 and all(g == 3 for g in groups[1:])
            and all(s.strip() in (".", ",") for s in seps))


def _amounts(groups: tuple[int, ...], seps: tuple[str, ...]) -> bool:
    """Amounts side by side, a blank between them: ``3.273.122.903 852.207`` (a budget table's ceiling and
    realisation, read from a PDF's columns).  Every part between blanks is an amount of two or more
    groups (:func:`_thousands`' form); no identifier is written so."""
    k, parts = 0, 0
    for m in range(len(seps) + 1):
        if m == len(seps) or not seps[m].strip():
            part, joins = groups[k:m + 1], seps[k:m]
            if len(part) < 2 or part[0] > 3 or any(g != 3 for g in part[1:]) \
                    or any(x.strip() not in (".", ",") or len(x) != 1 for x in joins):
                return False
            k, parts = m + 1, parts + 1
    return parts >= 2


def _column(head: tuple, text: str, line_start: int, start: int) -> Label | None:
    """The label of the column of a row's number at ``start``, from the row's header (:meth:`Scan._context`):
    a delimited table's cell (the delimiters before the number: quote-aware where the row holds a
    quote), a counted table's long number (its place among the row's), or a fixed-width table's
    position."""
    sep, where, labels = head
    if sep:
        col = text.count(sep, line_start, start) if where is None else _count_sep(text, sep, line_start, start)
    elif sep is None:
        col = _bisect_right(where, start) - 1
    else:
        col = where.get(start - line_start, -1)
    return labels[col] if col >= 0 else None


_QUOTED = re.compile(r'"(?:[^"\n]|"")*"')


_UNIT_MARKS = re.compile(r"[ \t]*(?:\((?i:rp|rupiah|idr)\.?\)|(?i:rp|rupiah)\.?)?[ \t\r:]*")


def _alone_on_line(text: str, s: int, e: int) -> bool:
    """Whether the label at ``text[s:e]`` stands alone on its line, but for marks and an amount's unit
    ("Anggaran (Rp)"): a column's header, a spreadsheet cell's context."""
    a = text.rfind("\n", 0, s) + 1
    b = text.find("\n", e)
    b = len(text) if b < 0 else b
    return not text[a:s].strip(_LABEL_LINE_MARKS) and _UNIT_MARKS.fullmatch(text, e, b) is not None


def _count_sep(text: str, sep: str, a: int, b: int) -> int:
    """How many ``sep`` stand in ``text[a:b]`` outside a CSV's quoted cells (``"SYAHPUTRA, A.Md.",...``)."""
    n = text.count(sep, a, b)
    if n and text.find('"', a, b) >= 0:
        for q in _QUOTED.finditer(text, a, b):
            n -= q.group().count(sep)
    return n


_NUMBERED_ROW = re.compile(r"[ \t|]*\d{1,4}[ \t.)|]")  # a table row's number first
_NO_CELL = frozenset(("No", "NO", "no", "nO"))
_NUMBERED_HEAD = re.compile(r"[ \t|]*(?i:no)\.?[ \t|]+[^\d\n]*\Z")  # a table's "No" column first, no digits


def _numbered_header(text: str, lo: int, le: int) -> bool:
    """Whether the line of ``text[lo:le]`` (its one number label at ``lo``) is the header of a numbered
    table: "No | Kepala Keluarga No. KK Desa", as OCR reads a table's header with single blanks."""
    a = text.rfind("\n", 0, lo) + 1
    if le - a > 100 or (text[a:a + 2] not in _NO_CELL and text[a:a + 1] not in " \t|"):
        return False  # (most lines holding a label: no "No" column first)
    return _NUMBERED_HEAD.match(text[a:le]) is not None


_PROSE_COMMA = re.compile(r",[ ]")
_PADDING = re.compile(r"[ ]{2,}")  # a fixed-width table's blanks between two columns


def _table_line(text: str, a: int, b: int) -> bool:
    """Whether the line ``text[a:b]`` is a table's row by its delimiters: two or more tabs, bars or
    semicolons, or commas with no blank after them (a CSV's; a sentence's comma has one)."""
    return (text.count("\t", a, b) >= 2 or text.count("|", a, b) >= 2 or text.count(";", a, b) >= 2
            or text.count(",", a, b) - len(_PROSE_COMMA.findall(text, a, b)) >= 2)


def _delimited(text: str, lo: int, le: int) -> bool:
    """Whether the line part ``text[lo:le]`` holds two or more of one table delimiter (``,`` ``;`` tab ``|``)."""
    a = text.rfind("\n", 0, lo) + 1
    return any(text.count(d, a, le) >= 2 for d in (",", ";", "\t", "|"))


def _dated(groups: tuple[int, ...], seps: tuple[str, ...]) -> bool:
    """A date written in the window: two, two and four digits (or four, two, two) joined by the same
    "-", "/" or ".": ``14-01-1969 01-04-2013`` (two dates of a DUK row), ``17-11-2026 5 44 1 36 50`` (a
    date and a day's counts).  No identifier is written so; about 6% of two such dates pass as a NIK."""
    for k in range(len(groups) - 2):
        a, b = seps[k].strip(), seps[k + 1].strip()
        if a == b and a in ("-", "/", ".") and len(seps[k]) == 1 and len(seps[k + 1]) == 1 \
                and (groups[k:k + 3] == (2, 2, 4) or groups[k:k + 3] == (4, 2, 2)):
            return True
    return False


UNKNOWN = object()  # Scan.known_label: not looked up yet
_first = itemgetter(0)  # (a run's start: mapped over the runs in C)


_cache_lock = threading.Lock()
_last: tuple[str, Scan] | None = None


def scan(text: str) -> Scan:
    """The :class:`Scan` of ``text``, reused while the engine runs recognizer after recognizer."""
    global _last
    last = _last
    if last is not None and last[0] is text:
        return last[1]
    result = Scan(text)
    with _cache_lock:
        _last = (text, result)
    return result


# --------------------------------------------------------------------------- 16-digit decision

@dataclass(slots=True)
class Decision:
    entity: str
    start: int
    end: int
    score: float
    en: str
    id: str
    label: str | None = None


_LETTER_DIGITS = str.maketrans({"O": "0", "o": "0", "D": "0", "I": "1", "l": "1", "|": "1", "i": "1",
                                "S": "5", "B": "8", "Z": "2"})
# (between two of its characters: a blank, dot or dash as the digit scan reads them, or an odd
# separator the digit scan does not take - an underscore, comma, slash or star - with a blank or not)
# Emoji and pictographs as separators ("7371🔹0409🔹0185🔹2576") or pointing at the number
# ("NIK 👉 7371 ..."), with their variation selector.
_PICTO = "\u2190-\u21ff\u2300-\u23ff\u25a0-\u27bf\u2900-\u297f\u2b00-\u2bff\ufe0f\U0001f000-\U0001faff"
_SUBST_SEP = rf"(?:[ .\-]|[ ]?[_,/*][ ]?|[ ]?[{_PICTO}]{{1,3}}[ ]?)"
_SUBST_RE = re.compile(rf"[ \t]*[:=.\-]?[ \t]*(?:[{_PICTO}]{{1,3}}[ \t]*)?"
                       rf"([0-9OoDIli|SBZ](?:{_SUBST_SEP}?[0-9OoDIli|SBZ]){{15,21}})(?![A-Za-z0-9])")
_SUBST_RE_I = re.compile(_SUBST_RE.pattern, re.IGNORECASE)
# One or two words between the label and a number starting with a digit ("NIK ortu 3471/0370/0590/0908",
# "NIK abdi 32O5O40103751631").
_SUBST_WORDS_RE = re.compile(rf"[ \t]+(?:[A-Za-z]{{2,12}}[ \t]+){{1,2}}[:=.\-]?[ \t]*(?:[{_PICTO}]{{1,3}}[ \t]*)?"
                             rf"([0-9](?:{_SUBST_SEP}?[0-9OoDIli|SBZ]){{15,21}})(?![A-Za-z0-9])")
_SUBST_STEMS = ("nik", "ktp", "kk", "kependudukan", "keluarga")  # what the NIK and KK labels end with
_SUBST_CHARS = frozenset("0123456789odilsbz|")  # _SUBST_RE_I's characters, in a lower-cased ASCII text
_SUBST_SEPS = frozenset(" .-_,/*")  # and what may stand between two of them
_ODD_SEPS = re.compile(rf"[_,/*{_PICTO}]")  # the separators no digit run holds (see _SUBST_RE)
_SUBST_DROP = re.compile(rf"[ .\-_,/*{_PICTO}]")
_SEPARATED = re.compile(r"[^0-9A-Za-z|]+")  # what stands between a number's groups
_PLAIN_NUMBER = str.maketrans("", "", "0123456789 .-")  # deletes what a number of plain digits is made of


@lru_cache(maxsize=1024)  # asked per number; the label spellings of a text repeat
def labelled(word: str | None) -> tuple[str, str]:
    """The reason suffix naming the label of a number, in English and Indonesian ("" without one)."""
    return (f" (labelled “{word}”)", f" (berlabel “{word}”)") if word else ("", "")


def decide16(sc: Scan) -> list[Decision]:
    """Every 16-digit number of the text, decided once: ID_NIK, ID_KK, ID_NPWP, CREDIT_CARD or dropped.

    * a label decides the type: KK -> ``ID_KK``; NPWP/pajak -> ``ID_NPWP`` (the
      16-digit NPWP: a NIK, or 0 + the 15-digit NPWP); a card label and a valid
      card number -> ``CREDIT_CARD``; NIK/KTP -> ``ID_NIK``;
    * a labelled number written as one number (``tight``) is reported even when
      its structure fails: a mistyped NIK is still a leak;
    * without a label, a number that passes the NIK structure is a NIK, even if
      it also passes Luhn; a label naming something else (account, meeting
      ID, invoice ...) drops it;
    * a 16-digit payment card without a label that is not a valid NIK is left
      to the card recognizer.
    """
    out: list[Decision] = []
    add, label_for, maybe_labelled = out.append, sc.label_for, sc.maybe_labelled  # (per window: looked up once)
    pair = None  # (where the second number of a "KK/NIK: <KK> / <NIK>" pair starts, its Label)
    for w in sc.windows(16):
        d, start, end = w.digits, w.start, w.end
        nik = check_nik(d)
        if pair is not None and pair[0] == start:
            lab, pair = pair[1], None  # named by its place in the pair, as the first one is
        else:
            if not (nik.ok or check_kk(d).ok or (d[0] == "0" and check_npwp15(d[1:]).ok)):
                if not (w.tight and maybe_labelled(start, end, "16")):
                    continue  # nothing a label could make of it
            lab = label_for(start, end)
        if lab is None:  # only the last rule below can apply
            if nik.ok:
                add(Decision("ID_NIK", start, end, 0.85, f"16-digit NIK: {nik.en}", f"NIK 16 digit: {nik.id}", None))
            continue
        cat, word = lab.cat, lab.word
        if lab.also:
            order = lab.also[::-1] + (cat,)  # the joined labels as written ("KK/NIK": KK, NIK)
            m = _PAIR_NEXT.match(sc.text, end) if len(order) == 2 and lab.how == "line" else None
            if m:  # "KK/NIK: <KK> / <NIK>": the numbers are named in the labels' order
                pair = (m.end(), Label(lab.start, lab.end, order[1], word, "pair", order[:1]))
                cat, card = _combined_cat16(order[0], order[1:], d, nik.ok)
            else:
                cat, card = _combined_cat16(cat, lab.also, d, nik.ok)
        else:
            card = None
        near_en, near_id = labelled(word)
        if cat == "KK":
            kk = check_kk(d)
            if kk.ok:
                add(Decision("ID_KK", start, end, 0.95, f"16-digit KK number{near_en}: {kk.en}",
                             f"Nomor KK 16 digit{near_id}: {kk.id}", word))
            elif reportable_mistype(sc, w, lab):
                add(Decision("ID_KK", start, end, 0.7,
                             f"Labelled KK number{near_en} whose structure fails ({kk.en}): a mistyped number still leaks",
                             f"Nomor berlabel KK{near_id} dengan struktur salah ({kk.id}): salah ketik tetap bocor", word))
            continue
        if cat == "NPWP":
            npwp = check_npwp15(d[1:]) if d[0] == "0" else None
            if nik.ok:
                add(Decision("ID_NPWP", start, end, 0.95, f"16-digit NPWP (a NIK){near_en}: {nik.en}",
                             f"NPWP 16 digit (NIK){near_id}: {nik.id}", word))
            elif npwp is not None and npwp.ok:
                add(Decision("ID_NPWP", start, end, 0.95, f"16-digit NPWP (0 + 15-digit NPWP){near_en}: {npwp.en}",
                             f"NPWP 16 digit (0 + NPWP 15 digit){near_id}: {npwp.id}", word))
            elif reportable_mistype(sc, w, lab):
                add(Decision("ID_NPWP", start, end, 0.6,
                             f"Labelled 16-digit NPWP{near_en} whose structure fails: a mistyped number still leaks",
                             f"NPWP 16 digit berlabel{near_id} dengan struktur salah: salah ketik tetap bocor", word))
            continue
        if cat == "CARD":
            if card is None:
                card = check_card(d)
            if card.ok and w.tight:
                add(Decision("CREDIT_CARD", start, end, 0.95, f"Payment card{near_en}: {card.en}",
                             f"Kartu pembayaran{near_id}: {card.id}", word))
                continue
        if cat == "NIK":
            if nik.ok:
                add(Decision("ID_NIK", start, end, 0.95, f"16-digit NIK{near_en}: {nik.en}",
                             f"NIK 16 digit{near_id}: {nik.id}", word))
            elif reportable_mistype(sc, w, lab):
                add(Decision("ID_NIK", start, end, 0.7,
                             f"Labelled NIK{near_en} whose structure fails ({nik.en}): a mistyped NIK still leaks",
                             f"Nomor berlabel NIK{near_id} dengan struktur salah ({nik.id}): salah ketik tetap bocor", word))
            continue
        if cat in ("ACCOUNT", "OTHER", "AMOUNT") and lab.how in ("line", "above", "column"):
            continue  # named as something else
        if cat in ("NIP", "PASSPORT") and lab.how in ("line", "above", "column"):
            # no NIP has 16 digits, no passport number either: a NIK typed where the NIP goes (a
            # contract worker's row of a staff list) is a NIK
            if nik.ok:
                add(Decision("ID_NIK", start, end, 0.85, f"16-digit NIK (under “{word}”, which it is not): {nik.en}",
                             f"NIK 16 digit (di bawah “{word}”, padahal bukan): {nik.id}", word))
            continue
        if nik.ok:
            add(Decision("ID_NIK", start, end, 0.85, f"16-digit NIK: {nik.en}", f"NIK 16 digit: {nik.id}", word))
    out.extend(_substituted(sc))
    return out


def _decisions_by_entity(sc: Scan) -> dict[str, list[Decision]]:
    """The 16-digit decisions grouped by entity (in their order), so each recognizer reads only its own."""
    out: dict[str, list[Decision]] = {}
    for d in sc.memo("16", decide16):
        got = out.get(d.entity)
        if got is None:
            out[d.entity] = [d]
        else:
            got.append(d)  # (no empty list made per decision, as setdefault would)
    return out


# A slash and the next number after a number: the second of a pair under a joined label.
_PAIR_NEXT = re.compile(r"[ \t]*/[ \t]*(?=\d)")


def _combined_cat16(cat: str, also: tuple, d: str, nik_ok: bool) -> tuple[str, Check | None]:
    """The category a combined label ("NIK/NIP", "NIP/NIK", "KK/NIK") gives a 16-digit number:
    the nearest label's, unless the number fails it and passes the check of one joined to it; and
    the number's card check when it was made (decide16 needs it for a card: not made twice)."""
    card = None
    for c in (cat, *also):  # (the nearest label first, then the joined ones in their order)
        if c == "NIK":
            if nik_ok:
                return c, card
        elif c == "KK":
            if check_kk(d).ok:
                return c, card
        elif c == "NPWP":
            if nik_ok or (d[0] == "0" and check_npwp15(d[1:]).ok):
                return c, card
        elif c == "CARD":
            if card is None:
                card = check_card(d)
            if card.ok:
                return c, card
    return cat, card


_EXAMPLE = re.compile(r"(?<![a-z])(?:contoh|misal(?:nya)?|example|e\.g\.|format|dummy|sampel|sample)(?![a-z])",
                      re.IGNORECASE)
_EXAMPLE_WORDS = ("contoh", "misal", "example", "e.g.", "format", "dummy", "sampel", "sample")


def reportable_mistype(sc: Scan, w: Window, lab: Label) -> bool:
    """A labelled number that fails its check is still reported - a mistyped identifier leaks -
    when it is written as one number, is no placeholder, and is not shown as an example
    ("contoh NIK: 3201234567890001")."""
    if not w.tight or junk(w.digits):
        return False
    lo = lab.start - 40 if lab.start > 40 else 0
    before = sc.text[lo:lab.start]
    # An ASCII stretch without one of the words (in any case) cannot match: the regex (a search at
    # every character, 5x the cost) runs only where one is there, or where Unicode case folding
    # could make one.
    if before.isascii():
        before = before.lower()
        if not any(word in before for word in _EXAMPLE_WORDS):
            return True
    return not _EXAMPLE.search(sc.text, lo, lab.start)


def _substituted(sc: Scan) -> list[Decision]:
    """Labelled NIK/KK numbers with letters for digits (``NIK: 32730I49O5O32115``), or with digits
    separated by what no digit run holds (``NIK 3273_0149_0585_0003``, ``3273,0149,0585,0003``)."""
    out = []
    low = sc.lower()
    if not low:
        return out
    labels = []
    found = sc.found_labels()
    if found is None:  # the text's labels not looked for yet: search the stems (cheaper than all labels)
        for stem in _SUBST_STEMS:
            pos = low.find(stem)
            while pos >= 0:
                end = pos + len(stem)
                m = _SUBST_RE_I.match(low, end) or _SUBST_WORDS_RE.match(low, end)  # cheap: the number test first
                # a number of plain digits (most labelled numbers) is the digit scan's, not this one's
                if m and m.group(1).translate(_PLAIN_NUMBER):
                    labels.extend(lab for lab in sc.labels_between(pos - 30, end + 1)
                                  if lab[2] in ("NIK", "KK") and lab[1] == end)
                pos = low.find(stem, end)
    else:
        # The same from the labels: the NIK and KK labels that end with a stem starting at most 30
        # characters after them.  The stem search above finds every such stem (only "kk" can
        # overlap itself, and no label ends in "kkk"); at most one stem ends a label.
        for lab in found:
            if lab[2] == "NIK" or lab[2] == "KK":
                end = lab[1]
                for stem in _SUBST_STEMS:
                    if low.endswith(stem, 0, end):
                        if lab[0] >= end - len(stem) - 30 and not sc._plain_number_at(end):
                            m = _SUBST_RE_I.match(low, end) or _SUBST_WORDS_RE.match(low, end)
                            if m and m.group(1).translate(_PLAIN_NUMBER):
                                labels.append(lab)
                        break
    for s, e, cat, word in sorted(set(labels)):
        m = _SUBST_RE.match(sc.text, e)
        if not m or not m.group(1).translate(_PLAIN_NUMBER):
            m = _SUBST_WORDS_RE.match(sc.text, e) or m
        if not m:
            continue
        raw = m.group(1)
        # one evasion at a time: letters for digits, or odd separators ("10005/B 1234567" is a number
        # and a code after it, not a NIK with a B for an 8)
        letters, odd = re.search(r"[A-Za-z|]", raw) is not None, _ODD_SEPS.search(raw) is not None
        if letters == odd or sum(c.isdigit() for c in raw) < 10:
            continue
        mixed = False
        if odd:  # odd separators: one and the same between three or more groups ("3273_0149_0585_0003")
            seps = _SEPARATED.findall(raw)
            if len(seps) < 2:
                continue
            mixed = len(set(seps)) != 1  # "1271-06.251087_3603": only a number whose structure holds
        d = _SUBST_DROP.sub("", raw.translate(_LETTER_DIGITS))
        if len(d) != 16 or not d.isdigit():
            continue
        chk = check_kk(d) if cat == "KK" else check_nik(d)
        if odd and not chk.ok:
            continue  # (a number, a slash and a digit are more often two things than a mistyped NIK)
        ent = "ID_KK" if cat == "KK" else "ID_NIK"
        what = "KK number" if cat == "KK" else "NIK"
        state_en = chk.en if chk.ok else f"structure fails: {chk.en}"
        state_id = chk.id if chk.ok else f"struktur salah: {chk.id}"
        how_en, how_id = (("with letters for digits", "dengan huruf pengganti angka") if letters else
                          ("with odd separators", "dengan pemisah tak lazim"))
        out.append(Decision(ent, m.start(1), m.end(1), 0.9 if chk.ok else 0.7,
                            f"Labelled {what} (“{word}”) written {how_en} ({d}): {state_en}",
                            f"{'Nomor KK' if cat == 'KK' else 'NIK'} berlabel (“{word}”) ditulis {how_id} "
                            f"({d}): {state_id}", word))
    return out


# --------------------------------------------------------------------------- results

def make_result(entity: str, start: int, end: int, score: float, en: str, id_: str,
                recognizer, context_word: str | None = None) -> RecognizerResult:
    """A RecognizerResult carrying dlp's reason; marked as context-scored so no enhancer adds to it."""
    meta = {_NAME_KEY: recognizer.name, _ID_KEY: recognizer.id, _ENHANCED_KEY: True, "dlp_reason": {"en": en, "id": id_}}
    if context_word:
        meta["dlp_context"] = context_word
    return RecognizerResult(entity, start, end, score, None, meta)  # (positional: one call per finding)


_NAME_KEY = RecognizerResult.RECOGNIZER_NAME_KEY
_ID_KEY = RecognizerResult.RECOGNIZER_IDENTIFIER_KEY
_ENHANCED_KEY = RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY


# --------------------------------------------------------------------------- base class


class DigitRecognizer(EntityRecognizer):
    """Base of the number recognizers: entity list, context words, no model to load.

    ``CONTEXT`` documents the field names a subclass reacts to; the decision
    itself uses the shared :data:`LABELS` so that all number types agree on
    which label names which number.  Results are marked as already context-scored:
    the engine's context enhancer must not raise a score the recognizer decided.
    """

    ENTITIES: tuple[str, ...] = ()
    CONTEXT: tuple[str, ...] = ()

    def __init__(self, supported_language: str = "id", supported_entities: list[str] | None = None,
                 context: list[str] | None = None, name: str | None = None, **kwargs):
        super().__init__(supported_entities=list(supported_entities or self.ENTITIES),
                         supported_language=supported_language, name=name,
                         context=list(context if context is not None else self.CONTEXT), **kwargs)

    def load(self) -> None:  # nothing to load; the region table loads on first use
        pass

    def wanted(self, entities) -> bool:
        if not entities:
            return True
        if type(entities) is not tuple:  # a list may change between calls: ask every time
            return any(e in entities for e in self.supported_entities)
        last = self.__dict__.get("_wanted")  # dlp's engine passes one tuple per registry state: remember it
        if last is not None and last[0] is entities:
            return last[1]
        ok = any(e in entities for e in self.supported_entities)
        self._wanted = (entities, ok)  # (one tuple: read and written whole, also across threads)
        return ok

    def analyze(self, text, entities, nlp_artifacts=None):
        """Scan the text once (the scan is shared by all number recognizers), then :meth:`decide`."""
        if not self.wanted(entities):
            return []
        sc = scan(text)
        return self.decide(sc) if sc.dense else []

    def decide(self, sc: "Scan") -> list[RecognizerResult]:
        """The results for a text with enough digits; subclasses say what they report."""
        return []

    def from16(self, sc: "Scan") -> list[RecognizerResult]:
        """This recognizer's share of the shared 16-digit decisions (:func:`decide16`)."""
        if len(self.supported_entities) == 1:  # every number recognizer: its own list, no filtering
            mine = sc.memo("16 by entity", _decisions_by_entity).get(self.supported_entities[0], ())
        else:
            mine = [d for d in sc.memo("16", decide16) if d.entity in self.supported_entities]
        return self._results([(d.entity, d.start, d.end, d.score, d.en, d.id, d.label) for d in mine]) if mine else []

    def from_windows(self, sc: "Scan", key: str, decide, entity: str) -> list[RecognizerResult]:
        """Results of a window decision ``decide(sc) -> [(window, score, en, id, word)]``, memoized as ``key``."""
        found = sc.memo(key, decide)
        return self._results([(entity, w.start, w.end, score, en, id_, word)
                              for w, score, en, id_, word in found]) if found else []

    def _results(self, rows: list) -> list[RecognizerResult]:
        """The results of ``(entity, start, end, score, en, id, word)`` rows, as :meth:`result` makes them."""
        if type(self).result is not DigitRecognizer.result:  # a subclass builds its own results
            return [self.result(*row) for row in rows]
        # make_result's results, built here: one call less per finding, and the metadata keys that
        # are the same for all of them copied from one dict (in make_result's order)
        base, out = {_NAME_KEY: self.name, _ID_KEY: self.id, _ENHANCED_KEY: True}, []
        for entity, start, end, score, en, id_, word in rows:
            meta = base.copy()
            meta["dlp_reason"] = {"en": en, "id": id_}
            if word:
                meta["dlp_context"] = word
            out.append(RecognizerResult(entity, start, end, score, None, meta))
        return out

    def result(self, entity: str, start: int, end: int, score: float, en: str, id_: str,
               context_word: str | None = None) -> RecognizerResult:
        return make_result(entity, start, end, score, en, id_, self, context_word)
