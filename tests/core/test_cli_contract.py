"""The command line of the contract, run for real in subprocesses: exit codes, stdin, --output,
--format, --redact / CI, --lang.  Only e-mail findings are used (Presidio's own recognizer), so
these tests do not depend on the Indonesian recognizers; a block case comes from a policy file."""
from __future__ import annotations

import json

import jsonschema
import pytest
from core_helpers import EMAIL, dlp_env, load_schema, run_dlp
from test_report_golden import check_contract

DRAFT = f"Yth. Bapak/Ibu,\nmohon kirim tanggapan ke {EMAIL} sebelum hari Kamis.\nTerima kasih.\n"
CLEAN = "Rapat koordinasi dipindah ke ruang 3 lantai 2. Terima kasih.\n"


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("cli")
    (d / "draft.txt").write_text(DRAFT, encoding="utf-8")
    (d / "clean.txt").write_text(CLEAN, encoding="utf-8")
    (d / "block-email.yaml").write_text("entities:\n  EMAIL_ADDRESS: block\n", encoding="utf-8")
    (d / "allow-email.yaml").write_text(f"allowlist:\n  - {{value: '{EMAIL.upper()}', entity: EMAIL_ADDRESS}}\n",
                                        encoding="utf-8")
    (d / "bad.yaml").write_text("entities: {EMAIL_ADDRESS: blocker}\n", encoding="utf-8")
    return d


def _json(proc) -> dict:
    assert proc.stdout, proc.stderr.decode(errors="replace")
    return json.loads(proc.stdout)


def test_review_exits_0_by_default_and_json_follows_the_contract(files):
    proc = run_dlp("scan", files / "draft.txt", files / "clean.txt", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = _json(proc)
    check_contract(data)
    assert data["verdict"] == "review"
    f, clean = data["files"]
    assert f["path"] == str(files / "draft.txt") and clean["path"] == str(files / "clean.txt")
    assert clean["verdict"] == "safe" and clean["findings"] == []
    emails = [x for x in f["findings"] if x["entity_type"] == "EMAIL_ADDRESS"]
    assert [x["text"] for x in emails] == [EMAIL]
    assert DRAFT[emails[0]["start"]:emails[0]["end"]] == EMAIL
    assert emails[0]["severity"] == "review" and emails[0]["part"] == "body"


def test_fail_on_review_exits_1_and_sarif_goes_to_the_output_file(files, tmp_path):
    out = tmp_path / "report.sarif"
    proc = run_dlp("scan", files / "draft.txt", "--fail-on", "review", "--format", "sarif", "--output", out)
    assert proc.returncode == 1
    assert EMAIL not in proc.stdout.decode()  # the report went to the file
    data = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(load_schema("sarif-schema-2.1.0.json")).validate(data)
    results = data["runs"][0]["results"]
    assert any(r["ruleId"] == "EMAIL_ADDRESS" and r["level"] == "warning" for r in results)


def test_stdin_clean_draft_with_fail_on_review_exits_0():
    proc = run_dlp("scan", "-", "--fail-on", "review", "--format", "json", input=CLEAN.encode("utf-8"))
    assert proc.returncode == 0
    data = _json(proc)
    check_contract(data)
    assert [(f["path"], f["verdict"]) for f in data["files"]] == [("-", "safe")]


def test_stdin_draft():
    proc = run_dlp("scan", "-", "--format", "json", input=DRAFT.encode("utf-8"))
    assert proc.returncode == 0
    data = _json(proc)
    assert [f["path"] for f in data["files"]] == ["-"]
    assert any(x["text"] == EMAIL for x in data["files"][0]["findings"])


def test_block_by_policy_exits_1(files):
    proc = run_dlp("scan", files / "draft.txt", "--policy", files / "block-email.yaml", "--format", "json")
    assert proc.returncode == 1
    data = _json(proc)
    assert data["verdict"] == "block"
    check_contract(data)


def test_allowlist_from_policy_file(files):
    proc = run_dlp("scan", files / "draft.txt", "--policy", files / "allow-email.yaml", "--format", "json",
                   "--fail-on", "review")
    assert proc.returncode == 0
    data = _json(proc)
    assert data["verdict"] == "safe"
    assert all(x.get("allowed") for x in data["files"][0]["findings"] if x["entity_type"] == "EMAIL_ADDRESS")


@pytest.mark.parametrize("args", [
    ["scan", "--no-such-option", "x.txt"],
    ["scan", "does/not/exist.txt"],
    ["scan", "draft.txt", "--format", "xml"],
    ["scan", "draft.txt", "--fail-on", "info"],
    ["scan", "draft.txt", "--policy", "bad.yaml"],
    ["scan", "draft.txt", "--policy", "missing.yaml"],
])
def test_bad_usage_exits_2(files, args):
    proc = run_dlp(*args, cwd=files)
    assert proc.returncode == 2, (args, proc.stdout, proc.stderr)
    assert proc.stderr  # says why


def test_ci_masks_text_unless_no_redact(files):
    masked = run_dlp("scan", files / "draft.txt", env=dlp_env(CI="1"))
    assert masked.returncode == 0
    assert EMAIL not in masked.stdout.decode() and "*" * len(EMAIL) in masked.stdout.decode()
    shown = run_dlp("scan", files / "draft.txt", "--no-redact", env=dlp_env(CI="1"))
    assert EMAIL in shown.stdout.decode()


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_redact_flag_masks_json_and_sarif(files, fmt):
    proc = run_dlp("scan", files / "draft.txt", "--redact", "--format", fmt)
    assert proc.returncode == 0
    out = proc.stdout.decode()
    assert EMAIL not in out and "budi.santoso" not in out and "contoh.go.id" not in out


def test_lang_and_no_colour_on_a_pipe(files):
    id_ = run_dlp("scan", files / "draft.txt", "--lang", "id").stdout.decode()
    en = run_dlp("scan", files / "draft.txt", "--lang", "en", env=dlp_env(FORCE_COLOR="1")).stdout.decode()
    assert "PERLU DITINJAU" in id_ and "Alamat e-mail" in id_
    assert "NEEDS REVIEW" in en and "E-mail address" in en
    assert "\x1b[" not in en and "\x1b[" not in id_
    from_locale = run_dlp("scan", files / "draft.txt", env=dlp_env(LANG="id_ID.UTF-8")).stdout.decode()
    assert "PERLU DITINJAU" in from_locale
