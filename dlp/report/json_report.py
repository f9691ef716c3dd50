"""The JSON report of the contract (``dlp-report/1``)."""
from __future__ import annotations

import json
from typing import Any

from dlp.models import FileResult, Finding, Report
from dlp.report import shown_reason, shown_text

SCHEMA = "dlp-report/1"


def finding_dict(f: Finding, lang: str, redact: bool) -> dict[str, Any]:
    d: dict[str, Any] = {
        "entity_type": f.entity_type,
        "text": shown_text(f, redact),
        "start": f.start,
        "end": f.end,
        "part": f.part,
        "score": f.score,
        "severity": f.severity,
        "recognizer": f.recognizer,
        "reason": shown_reason(f, lang, redact),
    }
    if f.level is not None:
        d["level"] = f.level
    if f.allowed:
        d["allowed"] = True
    return d


def file_dict(r: FileResult, lang: str, redact: bool) -> dict[str, Any]:
    return {
        "path": r.path,
        "verdict": r.verdict,
        "media_type": r.media_type,
        "findings": [finding_dict(f, lang, redact) for f in r.findings],
        "errors": [e.to_dict(lang) for e in r.errors],
    }


def report_dict(report: Report, lang: str = "en", redact: bool = False) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "verdict": report.verdict,
        "redacted": redact,
        "files": [file_dict(r, lang, redact) for r in report.files],
        "summary": report.summary(),
    }


def render_json(report: Report, lang: str = "en", redact: bool = False) -> str:
    return json.dumps(report_dict(report, lang, redact), ensure_ascii=False, indent=2) + "\n"
