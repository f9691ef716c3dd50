"""The inline marker a reviewer puts on a cleared line of a text file."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("line,allowed", [
    ("Kontak: humas@contoh.go.id  <!-- dlp:allow -->", True),
    ("Kontak: humas@contoh.go.id  # dlp:allow (nomor resmi, disetujui)", True),
    ("Kontak: humas@contoh.go.id  // DLP:ALLOW", True),
    ("Kontak: humas@contoh.go.id  # dlp-ignore", True),
    ("Kontak: humas@contoh.go.id", False),
    ("Kontak: humas@contoh.go.id  # dlp:allowed-not", False),
    ("Kontak: humas@contoh.go.id  # xdlp:allow", False),
])
def test_marker_on_the_same_line(scanner, line, allowed):
    r = scanner.scan_text("Judul\n" + line + "\nPenutup\n", "a.md")
    emails = [f for f in r.findings if f.entity_type == "EMAIL_ADDRESS"]
    assert len(emails) == 1
    assert emails[0].allowed is allowed
    assert r.verdict == ("safe" if allowed else "review")


def test_marker_clears_only_its_own_line(scanner):
    text = "# dlp:allow\nsatu@contoh.go.id\ndua@contoh.go.id dlp:allow\n"
    r = scanner.scan_text(text, "a.txt")
    state = {f.text: f.allowed for f in r.findings}
    assert state == {"satu@contoh.go.id": False, "dua@contoh.go.id": True}


def test_marker_is_ignored_outside_text_files(scanner, files):
    data = files.docx("Kontak humas@contoh.go.id dlp:allow")
    r = scanner.scan_bytes(data, "nota.docx")
    assert [f.allowed for f in r.findings if f.entity_type == "EMAIL_ADDRESS"] == [False]
    assert r.verdict == "review"


def test_policy_allowlist_still_works_in_a_sweep(tmp_path, dlp):
    pol = tmp_path / "p.yaml"
    pol.write_text('allowlist:\n  - {value: "humas@contoh.go.id", entity: EMAIL_ADDRESS, note: "published"}\n',
                   encoding="utf-8")
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.txt").write_text("humas@contoh.go.id\n", encoding="utf-8")
    (tmp_path / "d" / "b.txt").write_text("pribadi@contoh.go.id\n", encoding="utf-8")
    rep = dlp("scan", tmp_path / "d", "--policy", pol, "--format", "json").json()
    assert [f["verdict"] for f in rep["files"]] == ["safe", "review"]
