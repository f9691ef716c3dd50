"""The scan command for sweeps and CI: formats, redaction under CI, exit codes, the terminal view."""
from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys
import time

import pytest


@pytest.fixture
def sweep(tmp_path):
    root = tmp_path / "folder"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text("Kontak budi.s@contoh.go.id\n", encoding="utf-8")
    (root / "b.txt").write_text("Rapat biasa.\n", encoding="utf-8")
    (root / "sub" / "c.txt").write_text("Telp 0812-3456-7890 dan rina@contoh.go.id\n", encoding="utf-8")
    (root / "sub" / "d.bin").write_bytes(bytes(range(256)) * 8)
    return root


def test_compact_format_one_line_per_finding_and_a_summary(sweep, dlp):
    run = dlp("scan", sweep, "--format", "compact", "--jobs", "2")
    assert run.code == 0
    lines = run.out.splitlines()
    a = os.path.join(str(sweep), "a.txt")
    assert any(line.startswith(f"{a}:body: REVIEW EMAIL_ADDRESS E-mail address") for line in lines)
    c_lines = [l for l in lines if l.startswith(os.path.join(str(sweep), "sub", "c.txt") + ":body: REVIEW ")]
    assert sorted(l.split()[2] for l in c_lines) == ["EMAIL_ADDRESS", "PHONE_NUMBER"]
    d_line = [l for l in lines if "d.bin" in l]
    assert len(d_line) == 1 and ": ERROR " in d_line[0]
    assert lines[-1].startswith("dlp: REVIEW") and "4 files" in lines[-1]
    assert "budi.s@contoh.go.id" not in run.out  # the compact format never prints matched text


def test_compact_format_in_indonesian(sweep, dlp):
    run = dlp("scan", sweep, "--format", "compact", "--lang", "id")
    assert run.out.splitlines()[-1].startswith("dlp: REVIEW (Perlu ditinjau)")


@pytest.mark.parametrize("env,args,masked", [
    ({"CI": "true"}, [], True),
    ({"CI": "true"}, ["--no-redact"], False),
    ({}, [], False),
    ({}, ["--redact"], True),
])
def test_ci_masks_matched_text_unless_no_redact(sweep, dlp, env, args, masked):
    run = dlp("scan", sweep / "a.txt", "--format", "json", *args, env=env)
    rep = run.json()
    text = rep["files"][0]["findings"][0]["text"]
    assert rep["redacted"] is masked
    assert (text == "*" * len("budi.s@contoh.go.id")) is masked
    assert ("budi.s@contoh.go.id" in run.out) is not masked


@pytest.mark.parametrize("args,code", [
    ([], 2),                                   # no path
    (["--staged", "--since", "HEAD"], 2),
    (["-", "--staged"], 2),
    (["/nonexistent/x.txt"], 2),
    (["--format", "xml", "."], 2),
])
def test_usage_errors_exit_2(dlp, args, code):
    assert dlp("scan", *args).code == code


def test_fail_on_levels(sweep, dlp):
    assert dlp("scan", sweep).code == 0                       # review only: passes at the default level
    assert dlp("scan", sweep, "--fail-on", "review").code == 1


def test_stdin_still_works(dlp):
    run = dlp("scan", "-", "--format", "json", input="kontak x.y@contoh.go.id\n")
    assert run.code == 0
    assert run.json()["files"][0]["path"] == "-"
    assert run.json()["files"][0]["findings"][0]["entity_type"] == "EMAIL_ADDRESS"


def _run_with_tty_stderr(args, timeout=60):
    """Run ``python -m dlp ARGS`` with standard error on a pseudo-terminal; returns (code, stdout, stderr)."""
    master, slave = pty.openpty()
    env = {**os.environ, "COLUMNS": "120", "DLP_LANG": "en", "TERM": "xterm"}
    env.pop("CI", None)
    proc = subprocess.Popen([sys.executable, "-m", "dlp", *args], stdout=subprocess.PIPE, stderr=slave,
                            stdin=subprocess.DEVNULL, env=env)
    os.close(slave)
    chunks = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        r, _, _ = select.select([master], [], [], 0.2)
        if r:
            try:
                data = os.read(master, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        elif proc.poll() is not None:
            break
    out = proc.stdout.read().decode()
    proc.wait(10)
    os.close(master)
    return proc.returncode, out, re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", b"".join(chunks).decode("utf-8", "replace"))


def test_terminal_gets_progress_and_summary_table(sweep):
    code, out, err = _run_with_tty_stderr(["scan", str(sweep), "--format", "text"])
    assert code == 0
    assert "Scanning" in err and "4/4" in err           # the progress bar: files done / total
    assert "Verdicts" in err and "Top entity types" in err and "Worst files" in err
    worst = err[err.index("Worst files"):]
    assert "c.txt" in worst and "b.txt" not in worst     # safe files are not among the worst
    assert worst.index("c.txt") < worst.index("a.txt")  # two findings before one
    assert "a.txt" in out                                  # the report itself is on standard output


def test_no_progress_or_table_when_stderr_is_not_a_terminal(sweep, dlp):
    run = dlp("scan", sweep, "--format", "text")
    assert run.code == 0 and run.err == ""
    run = dlp("scan", sweep, "--format", "json")
    assert run.err == "" and run.out.lstrip().startswith("{")
