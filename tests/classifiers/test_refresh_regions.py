"""scripts/refresh_regions.py rebuilds the region table from the formats it documents."""
from __future__ import annotations

import gzip
import importlib.util
import json
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def refresh():
    spec = importlib.util.spec_from_file_location("dlp_refresh_regions", ROOT / "scripts" / "refresh_regions.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def table():
    rows = {}
    for line in (ROOT / "classifiers" / "data" / "regions.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            code, name = line.split("\t")[:2]
            rows[code] = name
    return rows


def _read(path):
    return {l.split("\t")[0]: l.split("\t")[1] for l in path.read_text(encoding="utf-8").splitlines()
            if l and not l.startswith("#")}


def test_bundled_table_header_records_source(table):
    head = (ROOT / "classifiers" / "data" / "regions.tsv").read_text(encoding="utf-8").splitlines()[:10]
    assert any("Source:" in h for h in head) and any("Kepmendagri" in h for h in head)
    assert sum(1 for c in table if len(c) == 2) == 38 and sum(1 for c in table if len(c) == 5) >= 514


def test_from_sql_dump(refresh, table, tmp_path):
    lines = [f'("{c}","{n.upper()}"),' for c, n in table.items()] + ['("32.73.01.1001","SUKARASA");']
    src = tmp_path / "wilayah.sql"
    src.write_text("INSERT INTO wilayah(kode,nama) VALUES\n" + "\n".join(lines), encoding="utf-8")
    out = tmp_path / "regions.tsv"
    assert refresh.main([str(src), "--out", str(out), "--note", "test source"]) == 0
    got = _read(out)
    assert set(got) == set(table)                       # villages dropped
    assert got["32.73"] == "Kota Bandung" and got["11.01"].startswith("Kabupaten ")
    assert "# test source" in out.read_text(encoding="utf-8")


def test_from_csv_plain_codes(refresh, table, tmp_path):
    src = tmp_path / "regions.csv"
    src.write_text("\n".join(f"{c.replace('.', '')},{n}" for c, n in table.items()), encoding="utf-8")
    out = tmp_path / "regions.tsv"
    refresh.main([str(src), "--out", str(out)])
    assert _read(out) == table


def test_from_gzipped_json(refresh, table, tmp_path):
    src = tmp_path / "wilayah.json.gz"
    src.write_bytes(gzip.compress(json.dumps(table).encode()))
    out = tmp_path / "regions.tsv"
    refresh.main([str(src), "--out", str(out)])
    assert _read(out) == table


def test_rejects_a_partial_source(refresh, tmp_path):
    src = tmp_path / "few.csv"
    src.write_text("32,Jawa Barat\n32.73,Kota Bandung\n", encoding="utf-8")
    with pytest.raises(SystemExit):
        refresh.main([str(src), "--out", str(tmp_path / "x.tsv")])
