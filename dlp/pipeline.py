"""The pipeline: extract -> analyze -> policy, for one draft or many files.

The core never prints and never exits; the CLI and the web page decide what
to do with a :class:`~dlp.models.Report`.
"""
from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

from dlp.extract import Context, Limits, extract_bytes
from dlp.models import Chunk, Extraction, FileResult, Finding, Report, ScanError
from dlp.policy import Policy

if TYPE_CHECKING:
    from dlp.baseline import Baseline
    from dlp.ignore import Selector

STDIN = "-"

# A reviewer clears one line of a text file by writing this marker on it, in
# whatever comment syntax the file has: ``NIK contoh 3171... <!-- dlp:allow -->``.
# ``dlp-ignore`` / ``dlp:ignore`` are accepted too (gitleaks' ``gitleaks:allow``).
INLINE_MARKER = re.compile(r"(?<![\w-])dlp[:-](?:allow|ignore)(?![\w-])", re.IGNORECASE)
# Only files that are text as written honour the marker: in a PDF or an office
# document nobody reviews "lines", and the marker could hide in white-on-white.
INLINE_MEDIA = ("text/", "application/json", "application/x-yaml", "application/xml")


class Scanner:
    """Scans bytes, files and folders under one policy with one engine."""

    def __init__(self, policy: Policy | None = None, limits: Limits | None = None, analyzer=None,
                 baseline: "Baseline | None" = None, inline_allow: bool = True):
        self.policy = policy or Policy.default()
        self.limits = limits or Limits()
        self._analyzer = analyzer
        self.baseline = baseline
        self.inline_allow = inline_allow

    def __getstate__(self):  # for spawned workers: they build their own engine
        state = dict(self.__dict__)
        state["_analyzer"] = None
        return state

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
                self._mark_allowed(result.findings, extraction)
        except Exception as exc:  # fail closed, keep the run going
            result = FileResult(path=path, media_type="application/octet-stream", size=len(data),
                                errors=[ScanError("internal", f"{type(exc).__name__}: {exc}"[:300])])
        return self.policy.apply(result)

    def _mark_allowed(self, findings: list[Finding], extraction: Extraction) -> None:
        """Mark findings a reviewer cleared inline or the baseline records (before the policy runs)."""
        if self.inline_allow and findings and extraction.media_type.startswith(INLINE_MEDIA):
            mark_inline_allowed(findings, extraction.chunks)
        if self.baseline is not None:
            self.baseline.mark(findings)

    def scan_text(self, text: str, path: str = STDIN) -> FileResult:
        return self.scan_bytes(text.encode("utf-8"), path)

    def scan_file(self, path: str | Path, display: str | None = None) -> FileResult:
        display = display if display is not None else str(path)
        try:
            st = os.stat(path)
            size = st.st_size
            if not stat.S_ISREG(st.st_mode):  # a FIFO or device would block or never end
                result = FileResult(path=display, media_type="inode/x-special", size=0,
                                    errors=[ScanError("unreadable", "not a regular file")])
                return self.policy.apply(result)
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
    def scan(self, paths: Iterable[str], stdin: bytes | None = None, selector: "Selector | None" = None) -> Report:
        """Scan files and folders one after the other (the CLI's ``--jobs 1``).

        Folders are walked as the CLI walks them: ``.dlpignore`` files and the always-excluded
        folders (``.git`` ...) apply unless ``selector`` says otherwise; a file named in
        ``paths`` is always scanned.
        """
        if selector is None:
            from dlp.ignore import Selector

            selector = Selector(".")
        report = Report()
        for path in paths:
            if path == STDIN:
                report.files.append(self.scan_bytes(stdin or b"", STDIN))
                continue
            for file_path in walk(path, selector):
                report.files.append(self.scan_file(file_path))
        return report


def mark_inline_allowed(findings: list[Finding], chunks: list[Chunk]) -> int:
    """Mark as allowed the findings on a line that carries :data:`INLINE_MARKER`.

    A finding's offsets are in its chunk's text; the line around it is looked
    at, nothing else (a marker on the line above does not count).
    """
    by_part: dict[str, list[Chunk]] = {}
    for c in chunks:
        if INLINE_MARKER.search(c.text):
            by_part.setdefault(c.part, []).append(c)
    if not by_part:
        return 0
    n = 0
    for f in findings:
        for c in by_part.get(f.part, ()):
            text = c.text
            if text[f.start:f.end] != f.text:
                continue
            line_start = text.rfind("\n", 0, f.start) + 1
            line_end = text.find("\n", f.end)
            if INLINE_MARKER.search(text, line_start, len(text) if line_end < 0 else line_end):
                if not f.allowed:
                    f.allowed = True
                    n += 1
            break
    return n


def walk(path: str, selector: "Selector | None" = None) -> Iterator[str]:
    """The files under ``path`` (itself if a file), in a stable order, as displayed paths.

    Symbolic links are not followed out of the folder given.  With a
    :class:`~dlp.ignore.Selector`, folders and files it excludes (globs,
    ``.dlpignore``) are skipped; a file given by name is always yielded.
    """
    p = Path(path)
    if not p.is_dir():
        yield path
        return
    root = p.resolve()
    sel = selector.with_base(p) if selector is not None else None
    for dirpath, dirnames, filenames in os.walk(p):
        rel_dir = os.path.relpath(dirpath, p).replace(os.sep, "/")
        rel_dir = "" if rel_dir == "." else rel_dir + "/"
        dirnames.sort()
        dirnames[:] = [d for d in dirnames if not _escapes(Path(dirpath, d), root)
                       and not (sel and sel.excluded(rel_dir + d, True))]
        for name in sorted(filenames):
            full = Path(dirpath, name)
            if full.is_symlink() and _escapes(full, root):
                continue
            if sel and sel.excluded(rel_dir + name, False):
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
