"""The records that flow through the pipeline: chunks, findings, file results."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SEVERITIES = ("info", "review", "block")
VERDICTS = ("safe", "review", "block")


@dataclass
class Chunk:
    """A piece of extracted text and where in the file it came from.

    ``part`` follows the report contract: ``body``, ``page 3``,
    ``sheet Gaji!B7``, ``metadata:author``, ``ocr:page 1``,
    ``member:inner/file.pdf`` ...
    """

    text: str
    part: str = "body"
    # Words that stand near this text in the document but not in the chunk
    # (a column header for a spreadsheet cell, a form field's label): they
    # count as context for the recognizers, never as findings.
    context: str = ""


@dataclass
class ScanError:
    """Something that kept a file from being read fully.

    ``code`` is stable (for scripts); ``message`` is rendered in the user's
    language by the reporters from ``code`` and ``detail``.
    """

    code: str
    detail: str = ""
    part: str = ""

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        from dlp.i18n import error_message

        d = {"code": self.code, "message": error_message(self.code, self.detail, lang)}
        if self.part:
            d["part"] = self.part
        return d


@dataclass
class Extraction:
    """What an extractor returns: the media type, text chunks and errors."""

    media_type: str
    chunks: list[Chunk] = field(default_factory=list)
    errors: list[ScanError] = field(default_factory=list)


@dataclass
class Finding:
    entity_type: str
    text: str
    start: int
    end: int
    part: str
    score: float
    recognizer: str
    level: str | None = None  # e.g. "R" for a letter number, "rahasia" for a marking, "private" IP
    reason: dict[str, str] = field(default_factory=dict)  # {"en": ..., "id": ...}
    severity: str = "info"
    allowed: bool = False  # matched an allowlist or baseline; kept out of the verdict

    def reason_text(self, lang: str) -> str:
        return self.reason.get(lang) or self.reason.get("en") or ""


@dataclass
class FileResult:
    path: str
    media_type: str
    findings: list[Finding] = field(default_factory=list)
    errors: list[ScanError] = field(default_factory=list)
    verdict: str = "safe"
    size: int = 0


@dataclass
class Report:
    files: list[FileResult] = field(default_factory=list)

    @property
    def verdict(self) -> str:
        from dlp.policy import worst_verdict

        return worst_verdict(f.verdict for f in self.files)

    def summary(self) -> dict[str, int]:
        s = {"files": len(self.files), "safe": 0, "review": 0, "block": 0, "errors": 0}
        for f in self.files:
            s[f.verdict] += 1
            s["errors"] += bool(f.errors)
        return s
