"""Report: render a :class:`~dlp.models.Report` as text, JSON or SARIF.

Renderers return strings; only the CLI decides where they go.  With
``redact=True`` matched text is masked everywhere (type, offsets and length
are kept) and reasons are reduced to what names no personal detail.
"""
from __future__ import annotations

from dlp.models import Finding, Report

FORMATS = ("text", "json", "sarif", "compact")


def mask(text: str) -> str:
    """Same length, nothing readable: every character but line breaks becomes ``*``."""
    return "".join(c if c in "\r\n" else "*" for c in text)


def shown_text(f: Finding, redact: bool) -> str:
    return mask(f.text) if redact else f.text


def shown_reason(f: Finding, lang: str, redact: bool) -> str:
    """The finding's reason; with ``redact``, the entity's generic reason (recognizers'
    reasons may quote details of the value, such as a NIK's birth date)."""
    if redact:
        from dlp.analyze import default_reason

        reason = default_reason(f.entity_type, f.level, None)[lang if lang in ("en", "id") else "en"]
        if f.level and f.entity_type in _LEVEL_SHOWN:
            reason += f" ({_LEVEL_SHOWN[f.entity_type][0 if lang == 'id' else 1]} {f.level})"
        return reason
    return f.reason_text(lang)


# Entities whose level is a category, not part of anyone's data: safe to show masked.
_LEVEL_SHOWN = {"ID_LETTER_NUMBER": ("kode", "code"), "CLASSIFICATION_MARKING": ("tingkat", "level")}


def render(report: Report, fmt: str, *, lang: str = "en", redact: bool = False, color: bool = False) -> str:
    if fmt == "json":
        from dlp.report.json_report import render_json

        return render_json(report, lang=lang, redact=redact)
    if fmt == "sarif":
        from dlp.report.sarif import render_sarif

        return render_sarif(report, lang=lang, redact=redact)
    if fmt == "compact":
        from dlp.report.compact import render_compact

        return render_compact(report, lang=lang, redact=redact, color=color)
    if fmt == "text":
        from dlp.report.text import render_text

        return render_text(report, lang=lang, redact=redact, color=color)
    raise ValueError(f"unknown format {fmt!r}")
