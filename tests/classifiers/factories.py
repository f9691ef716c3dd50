"""Factories of synthetic, structurally valid Indonesian identifiers for the recognizer tests.

Nothing here is real: numbers are built from their published structure
(region code + birth date + serial, Luhn check digits ...).  Load this module
by path (see ``load()`` in the test modules): ``tests/extract`` has a
``factories.py`` of its own.

    make_nik("3273", 1, date(1985, 4, 23), female=True, serial=3)   -> "3273016304850003"
    make_kk("3273", 1, date(2015, 3, 12), serial=7)                 -> "3273011203150007"
    make_nip(date(1985, 4, 23), (2010, 1), female=False, serial=1)  -> "198504232010011001"
    make_npwp("03", 418256, kpp="441")                              -> "03.418.256.8-441.000"
    make_card("453955216048371")                                    -> "4539552160483717"
"""
from __future__ import annotations

import datetime as dt
import random


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def luhn_complete(body: str) -> str:
    """``body`` followed by the digit that makes it pass Luhn."""
    return next(body + c for c in "0123456789" if luhn_ok(body + c))


def make_nik(region: str = "3273", district: int = 1, born: dt.date = dt.date(1985, 4, 23),
             female: bool = False, serial: int = 1) -> str:
    """A NIK: region (4 digits, province + regency/city), district, DDMMYY (+40 for women), serial."""
    day = born.day + (40 if female else 0)
    return f"{region}{district:02d}{day:02d}{born.month:02d}{born.year % 100:02d}{serial:04d}"


def make_kk(region: str = "3273", district: int = 1, issued: dt.date = dt.date(2015, 3, 12),
            serial: int = 7) -> str:
    """A KK number: region, district, issue date DDMMYY (never +40), serial."""
    return f"{region}{district:02d}{issued:%d%m}{issued.year % 100:02d}{serial:04d}"


def make_nip(born: dt.date = dt.date(1985, 4, 23), appointed: tuple[int, int] = (2010, 1),
             female: bool = False, serial: int = 1, pppk: bool = False) -> str:
    """A NIP: YYYYMMDD birth, YYYYMM appointment (YYYY21 for PPPK), gender 1/2, serial."""
    month = 21 if pppk else appointed[1]
    return f"{born:%Y%m%d}{appointed[0]}{month:02d}{2 if female else 1}{serial:03d}"


def fmt_nip(nip: str) -> str:
    """The spaced form printed on SK and ID cards: 19850423 201001 1 001."""
    return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"


def make_npwp(kind: str = "03", serial: int = 418256, kpp: str = "441", branch: str = "000",
              formatted: bool = True) -> str:
    """A 15-digit NPWP with its Luhn check digit over the first nine digits."""
    head = luhn_complete(f"{kind}{serial:06d}")
    d = head + kpp + branch
    if not formatted:
        return d
    return f"{d[:2]}.{d[2:5]}.{d[5:8]}.{d[8]}-{d[9:12]}.{d[12:]}"


def npwp_digits(npwp: str) -> str:
    return "".join(c for c in npwp if c.isdigit())


def make_card(body: str = "453955216048371") -> str:
    """A card number: ``body`` (issuer prefix + account digits) + the Luhn check digit."""
    return luhn_complete(body)


def spaced(num: str, group: int = 4, sep: str = " ") -> str:
    return sep.join(num[i:i + group] for i in range(0, len(num), group))


def random_niks(n: int, seed: int = 1, regions=("3273", "3171", "3578", "6471", "9101", "9301", "6501"),
                luhn: bool | None = None) -> list[str]:
    """``n`` valid NIKs; ``luhn=True`` only those that also pass the card check, ``False`` only those that fail."""
    rnd = random.Random(seed)
    out: list[str] = []
    while len(out) < n:
        born = dt.date.fromordinal(rnd.randint(dt.date(1940, 1, 1).toordinal(), dt.date(2015, 12, 31).toordinal()))
        nik = make_nik(rnd.choice(regions), rnd.randint(1, 20), born, rnd.random() < 0.5, rnd.randint(1, 9999))
        if luhn is None or luhn_ok(nik) == luhn:
            out.append(nik)
    return out


def mobile(prefix: str = "0812", rest: str = "34567890") -> str:
    return prefix + rest
