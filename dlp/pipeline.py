"""The pipeline: extract -> analyze -> policy, for one draft or many files.

The core never prints and never exits; the CLI and the web page decide what
to do with a :class:`~dlp.models.Report`.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Iterator

from dlp.extract import Context, Limits, extract_bytes
from dlp.models import FileResult, Report, ScanError
from dlp.policy import Policy

STDIN = "-"


class Scanner:
    """Scans bytes, files and folders under one policy with one engine."""

    def __init__(self, policy: Policy | None = None, limits: Limits | None = None, analyzer=None):
        self.policy = policy or Policy.default()
        self.limits = limits or Limits()
        self._analyzer = analyzer

    @property
    def analyzer(self):
        if self._analyzer is None:
            from dlp.analyze import Analyzer

            self._analyzer = Analyzer(min_score=self.policy.min_score)
        return self._analyzer

    # -- one item ----------------------------------------------------------------
    def scan_bytes(self, data: bytes, path: str = STDIN) -> FileResult:
        """Scan one file's bytes; never raises."""
        try:
            extraction = extract_bytes(data, Context(self.limits))
            result = FileResult(path=path, media_type=extraction.media_type, errors=list(extraction.errors),
                                size=len(data))
            if extraction.chunks:
                result.findings = self.analyzer.analyze(extraction.chunks)
        except Exception as exc:  # fail closed, keep the run going
            result = FileResult(path=path, media_type="application/octet-stream", size=len(data),
                                errors=[ScanError("internal", f"{type(exc).__name__}: {exc}"[:300])])
        return self.policy.apply(result)

    def scan_text(self, text: str, path: str = STDIN) -> FileResult:
        return self.scan_bytes(text.encode("utf-8"), path)

    def scan_file(self, path: str | Path, display: str | None = None) -> FileResult:
        display = display if display is not None else str(path)
        try:
            size = os.path.getsize(path)
            if size > self.limits.max_bytes:
                result = FileResult(path=display, media_type="application/octet-stream", size=size,
                                    errors=[ScanError("too_big", f"{size} > {self.limits.max_bytes} bytes")])
                return self.policy.apply(result)
            with open(path, "rb") as fh:
                data = fh.read()
        except OSError as exc:
            result = FileResult(path=display, media_type="application/octet-stream",
                                errors=[ScanError("unreadable", exc.strerror or str(exc))])
            return self.policy.apply(result)
        return self.scan_bytes(data, display)

    # -- many --------------------------------------------------------------------
    def scan(self, paths: Iterable[str], stdin: bytes | None = None) -> Report:
        report = Report()
        for path in paths:
            if path == STDIN:
                report.files.append(self.scan_bytes(stdin or b"", STDIN))
                continue
            for file_path in walk(path):
                report.files.append(self.scan_file(file_path))
        return report


def walk(path: str) -> Iterator[str]:
    """The files under ``path`` (itself if a file), in a stable order, as displayed paths.

    Symbolic links are not followed out of the folder given.
    """
    p = Path(path)
    if not p.is_dir():
        yield path
        return
    root = p.resolve()
    for dirpath, dirnames, filenames in os.walk(p):
        dirnames.sort()
        dirnames[:] = [d for d in dirnames if not _escapes(Path(dirpath, d), root)]
        for name in sorted(filenames):
            full = Path(dirpath, name)
            if full.is_symlink() and _escapes(full, root):
                continue
            yield str(full)


def _escapes(p: Path, root: Path) -> bool:
    if not p.is_symlink():
        return False
    try:
        p.resolve().relative_to(root)
        return False
    except (ValueError, OSError):
        return True
