"""Shared pieces of the core tests (imported as ``core_helpers``: a unique name, since
the test folders have no ``__init__.py``): a report built from model objects, golden files, the CLI.

Golden files live in ``tests/golden/``.  Regenerate them after an intended
change of a report format with::

    DLP_UPDATE_GOLDEN=1 python -m pytest tests/core -q

and review the diff: a golden that moves without a reason is a regression.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from dlp.models import FileResult, Finding, Report, ScanError
from dlp.policy import Policy

HERE = Path(__file__).resolve().parent
GOLDEN = HERE.parent / "golden"
SCHEMAS = HERE / "schemas"
REPO = HERE.parent.parent

# Synthetic values only (the NIK is the contract's example, built from a made-up
# region, date and serial; the rest are reserved or fictitious).
NIK = "3171012304850001"
EMAIL = "budi.santoso@contoh.go.id"
PHONE = "0812-3456-7890"
HOTLINE = "(022) 720-8000"
LETTER = "B-123/R/KU.01/XII/2024"
PERSON = "Siti Rahmawati"
SECRET = "sk_live_9f8e7d6c5b4a39281706"


def finding(entity, text, start, part="body", score=0.9, recognizer="TestRecognizer", level=None,
            reason=None, allowed=False) -> Finding:
    reason = reason or {"en": f"{entity} (test reason)", "id": f"{entity} (alasan uji)"}
    return Finding(entity_type=entity, text=text, start=start, end=start + len(text), part=part, score=score,
                   recognizer=recognizer, level=level, reason=reason, allowed=allowed)


def sample_report(policy: Policy | None = None) -> Report:
    """A report with every shape a renderer meets, made from dlp.models objects directly.

    Goldens built from it move only when a renderer (or the contract's default
    policy) changes, never when a recognizer does.
    """
    policy = policy or Policy.default()
    files = [
        FileResult(path="drafts/clean note.txt", media_type="text/plain", size=120),
        FileResult(
            path="drafts/surat-undangan.txt", media_type="text/plain", size=900,
            findings=[
                finding("PERSON", PERSON, 12, score=0.6, reason={"en": "Person's name", "id": "Nama orang"}),
                finding("ID_NIK", NIK, 40, score=0.95, recognizer="IdNikRecognizer",
                        reason={"en": "16-digit NIK: region 31.71.01, born 1985-04-23",
                                "id": "NIK 16 digit: wilayah 31.71.01, lahir 1985-04-23"}),
                finding("EMAIL_ADDRESS", EMAIL, 80, score=1.0, recognizer="EmailRecognizer",
                        reason={"en": "E-mail address", "id": "Alamat e-mail"}),
                finding("PHONE_NUMBER", HOTLINE, 120, score=0.75, recognizer="PhoneRecognizer",
                        reason={"en": "Phone number, near “telp”", "id": "Nomor telepon, di dekat “telp”"},
                        allowed=True),
            ]),
        FileResult(
            path="lampiran/nota dinas.pdf", media_type="application/pdf", size=20480,
            findings=[
                finding("ID_LETTER_NUMBER", LETTER, 5, part="page 2", score=0.85, level="R",
                        recognizer="IdLetterNumberRecognizer",
                        reason={"en": "Letter number with security code R (Rahasia)",
                                "id": "Nomor naskah dengan kode keamanan R (Rahasia)"}),
                finding("IP_ADDRESS", "10.20.30.40", 7, part="metadata:subject", level="private",
                        recognizer="IpRecognizer"),
            ],
            errors=[ScanError("limit", "OCR skipped on 3 pages", part="page 9")]),
        FileResult(path="-", media_type="text/plain", size=64,
                   findings=[finding("SECRET", SECRET, 9, score=0.8, recognizer="SecretRecognizer",
                                     reason={"en": "API key", "id": "Kunci API"})]),
        FileResult(path="arsip/rahasia.docx", media_type="application/octet-stream", size=4096,
                   errors=[ScanError("encrypted")]),
    ]
    return Report(files=[policy.apply(f) for f in files])


def raw_texts(report: Report) -> list[str]:
    return [f.text for r in report.files for f in r.findings]


def check_golden(name: str, text: str) -> None:
    """Compare ``text`` with ``tests/golden/<name>``; rewrite it when DLP_UPDATE_GOLDEN=1."""
    path = GOLDEN / name
    if os.environ.get("DLP_UPDATE_GOLDEN") == "1":
        GOLDEN.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    assert path.exists(), f"missing golden {path}; run with DLP_UPDATE_GOLDEN=1 to create it"
    expected = path.read_text(encoding="utf-8")
    assert text == expected, f"{name} differs from its golden file (DLP_UPDATE_GOLDEN=1 rewrites it)"


def load_schema(name: str) -> dict:
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


def dlp_env(**extra) -> dict:
    """A clean environment for the CLI: no CI, no colour forcing, English, plus ``extra``."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("CI", "FORCE_COLOR", "NO_COLOR", "DLP_LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE",
                        "DLP_FINGERPRINT_SALT")}
    env["LANG"] = "C.UTF-8"
    env.update(extra)
    return env


def run_dlp(*args, input: bytes | None = None, env: dict | None = None, cwd=None) -> subprocess.CompletedProcess:
    """``python -m dlp ARGS`` in a subprocess (the same entry point as the ``dlp`` command)."""
    return subprocess.run([sys.executable, "-m", "dlp", *map(str, args)], input=input if input is not None else b"",
                          capture_output=True, env=env or dlp_env(), cwd=cwd, timeout=180)
