"""Baselines: CI fails only on new findings; the file holds hashes, never the text."""
from __future__ import annotations

import json
import shutil

import pytest

from dlp.baseline import Baseline, BaselineError, normalized
from dlp.models import Finding

OLD = ["humas.lama@contoh.go.id", "arsip@contoh.go.id"]
NEW = "baru.bocor@contoh.go.id"


@pytest.fixture
def repo(tmp_path):
    root = tmp_path / "konten"
    (root / "berita").mkdir(parents=True)
    (root / "berita" / "a.md").write_text(f"Hubungi {OLD[0]} untuk info.\n", encoding="utf-8")
    (root / "berita" / "b.md").write_text(f"Arsip: {OLD[1]}\n", encoding="utf-8")
    (root / "bersih.md").write_text("Tidak ada data pribadi.\n", encoding="utf-8")
    return root


def test_round_trip_only_new_findings_count(repo, tmp_path, dlp, email_block_policy):
    base = tmp_path / "base.json"
    run = dlp("baseline", "create", repo, "-o", base, "--policy", email_block_policy)
    assert run.code == 0, run.err
    raw = base.read_text(encoding="utf-8")
    for value in OLD:
        assert value not in raw and normalized(value) not in raw
    data = json.loads(raw)
    assert data["schema"] == "dlp-baseline/1"
    assert sorted(e["entity_type"] for e in data["entries"]) == ["EMAIL_ADDRESS", "EMAIL_ADDRESS"]

    # without the baseline the old findings block; with it they are allowed
    assert dlp("scan", repo, "--policy", email_block_policy).code == 1
    run = dlp("scan", repo, "--policy", email_block_policy, "--baseline", base, "--format", "json", "--no-redact")
    assert run.code == 0
    rep = run.json()
    found = [f for file in rep["files"] for f in file["findings"]]
    assert sorted(f["text"] for f in found) == sorted(OLD)
    assert all(f["allowed"] is True for f in found)
    assert rep["verdict"] == "safe"

    # a new value fails the run, and only it counts
    (repo / "berita" / "c.md").write_text(f"Kontak {NEW}, juga {OLD[0]}\n", encoding="utf-8")
    run = dlp("scan", repo, "--policy", email_block_policy, "--baseline", base, "--format", "json", "--no-redact")
    assert run.code == 1
    counted = [f["text"] for file in run.json()["files"] for f in file["findings"] if not f.get("allowed")]
    assert counted == [NEW]


def test_moving_a_file_keeps_its_findings_known(repo, tmp_path, dlp, email_block_policy):
    base = tmp_path / "base.json"
    dlp("baseline", "create", repo, "-o", base, "--policy", email_block_policy)
    shutil.move(repo / "berita" / "a.md", repo / "dipindah.md")
    assert dlp("scan", repo, "--policy", email_block_policy, "--baseline", base).code == 0


def test_recreating_keeps_the_salt_and_is_stable(repo, tmp_path, dlp):
    base = tmp_path / "base.json"
    dlp("baseline", "create", repo, "-o", base)
    first = base.read_text(encoding="utf-8")
    dlp("baseline", "create", repo, "-o", base)
    assert base.read_text(encoding="utf-8") == first
    dlp("baseline", "create", repo, "-o", base, "--new-salt")
    assert json.loads(base.read_text())["salt"] != json.loads(first)["salt"]
    show = dlp("baseline", "show", base)
    assert show.code == 0 and "EMAIL_ADDRESS" in show.out and "2" in show.out


def test_baseline_file_inside_the_scanned_folder_is_not_scanned(repo, dlp):
    base = repo / ".dlp-baseline.json"
    dlp("baseline", "create", repo, "-o", base)
    rep = dlp("scan", repo, "--baseline", base, "--format", "json").json()
    assert not any(f["path"].endswith(".dlp-baseline.json") for f in rep["files"])


@pytest.mark.parametrize("a,b,same", [
    ("3171 0123 0485 0001", "3171-0123-0485-0001", True),
    ("3171012304850001", "３１７１０１２３０４８５０００１", True),   # full-width digits
    ("Budi@Contoh.go.id", "budi@contoh.go.id", True),
    ("3171012304850001", "3171012304850002", False),
])
def test_key_normalizes_the_matched_text(a, b, same):
    base = Baseline()
    assert (base.key("ID_NIK", a) == base.key("ID_NIK", b)) is same


def test_key_depends_on_entity_type_and_salt():
    a, b = Baseline(), Baseline()
    assert a.key("ID_NIK", "3171012304850001") != a.key("ID_KK", "3171012304850001")
    assert a.key("ID_NIK", "3171012304850001") != b.key("ID_NIK", "3171012304850001")


def test_mark_sets_allowed_and_policy_keeps_it_out_of_the_verdict():
    from dlp.models import FileResult
    from dlp.policy import Policy

    f = Finding("ID_NIK", "3171012304850001", 0, 16, "body", 0.9, "NikRecognizer")
    base = Baseline()
    base.add(f, "a.txt")
    other = Finding("ID_NIK", "3171012304850002", 20, 36, "body", 0.9, "NikRecognizer")
    fresh = [Finding(**{**f.__dict__}), other]
    assert base.mark(fresh) == 1
    result = Policy.default().apply(FileResult("a.txt", "text/plain", findings=fresh))
    assert fresh[0].allowed and not other.allowed and result.verdict == "block"
    result = Policy.default().apply(FileResult("a.txt", "text/plain", findings=fresh[:1]))
    assert result.verdict == "safe"


@pytest.mark.parametrize("content", ["{}", "[]", "not json", '{"schema": "dlp-baseline/1", "salt": "zz"}',
                                     '{"schema": "dlp-baseline/1", "salt": "00", "entries": [{"x": 1}]}'])
def test_bad_baseline_is_a_usage_error(tmp_path, dlp, content):
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(BaselineError):
        Baseline.load(bad)
    (tmp_path / "a.txt").write_text("halo\n", encoding="utf-8")
    assert dlp("scan", tmp_path / "a.txt", "--baseline", bad).code == 2
