"""Which files a scan looks at: ``--include``/``--exclude`` globs and ``.dlpignore`` files.

Patterns follow ``.gitignore`` (the syntax people already know):

* one pattern a line; blank lines and lines starting with ``#`` are skipped
  (``\\#`` for a literal ``#``); trailing spaces are dropped;
* ``*`` matches anything but ``/``, ``?`` one character but ``/``,
  ``[a-z]`` a class (``[!a-z]`` its complement), ``**`` any number of folders
  (``**/draft.md``, ``arsip/**``, ``a/**/b``);
* a pattern with a ``/`` at its start or in its middle is anchored to the
  folder of the ``.dlpignore`` (or the scanned folder); one without matches a
  name at any depth (``*.log``, ``node_modules/``);
* a trailing ``/`` matches folders only (and so everything inside them);
* ``!pattern`` re-includes what an earlier pattern excluded (not inside an
  excluded folder: that folder is never entered, as in git).

A ``.dlpignore`` applies to the folder it sits in and everything below; a
deeper one wins over a shallower one, and within a file the last matching line
wins.  ``--exclude`` globs are applied like one more ``.dlpignore`` at the
scanned folder's root that wins over the files; ``--include`` globs, when
given, keep only the files that match one of them (folders are always
entered).  Version-control folders (``.git/``, ``.hg/``, ``.svn/``) and the
``.dlpignore`` files themselves are never scanned.

Example ``.dlpignore``::

    # generated site, checked at its source
    public/
    *.min.js
    !public/press/*.md
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Iterable

IGNORE_FILE = ".dlpignore"
ALWAYS_EXCLUDED = (".git/", ".hg/", ".svn/", IGNORE_FILE)  # dlp's own ignore files are not content


@dataclass(frozen=True)
class Pattern:
    regex: re.Pattern
    negated: bool
    dir_only: bool
    source: str

    def matches(self, rel: str, is_dir: bool) -> bool:
        if self.dir_only and not is_dir:
            return False
        return self.regex.match(rel) is not None


def _translate(body: str) -> str:
    """The regex body for a gitignore glob (no anchoring)."""
    out: list[str] = []
    i, n = 0, len(body)
    while i < n:
        c = body[i]
        if c == "*":
            if body.startswith("**", i):
                at_start = i == 0 or body[i - 1] == "/"
                j = i + 2
                if at_start and (j == n or body[j] == "/"):
                    if j == n:            # "a/**": everything inside
                        out.append(".*")
                        i = j
                    else:                 # "**/" : zero or more folders
                        out.append("(?:.*/)?")
                        i = j + 1
                    continue
                out.append("[^/]*")        # "a**b" behaves like "a*b"
                i = j
                continue
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "[":
            j = body.find("]", i + 2 if body.startswith(("[!", "[^"), i) else i + 1)
            if j == -1:
                out.append(re.escape(c))
            else:
                cls = body[i + 1:j]
                if cls[:1] in ("!", "^"):
                    cls = "^" + cls[1:]
                out.append("[" + cls.replace("\\", "\\\\") + "]")
                i = j
        elif c == "\\" and i + 1 < n:
            i += 1
            out.append(re.escape(body[i]))
        else:
            out.append(re.escape(c))
        i += 1
    return "".join(out)


@lru_cache(maxsize=4096)
def compile_pattern(line: str) -> Pattern | None:
    """One ``.gitignore``-style line as a :class:`Pattern` (None for blanks and comments)."""
    raw = line.rstrip("\n\r")
    # trailing spaces are dropped unless escaped
    stripped = raw.rstrip(" ")
    if raw.endswith("\\ ") and stripped.endswith("\\"):
        stripped += " "
    if not stripped or stripped.startswith("#"):
        return None
    negated = stripped.startswith("!")
    body = stripped[1:] if negated else stripped
    if body.startswith(("\\#", "\\!")):
        body = body[1:]
    dir_only = body.endswith("/")
    body = body.rstrip("/")
    if not body:
        return None
    anchored = "/" in body
    body = body.lstrip("/")
    rx = _translate(body)
    if not anchored and not rx.startswith("(?:.*/)?"):
        rx = "(?:.*/)?" + rx
    return Pattern(re.compile(rx + r"\Z", re.DOTALL), negated, dir_only, stripped)


def parse(lines: Iterable[str]) -> list[Pattern]:
    return [p for p in (compile_pattern(line) for line in lines) if p is not None]


def _decide(patterns: list[Pattern], rel: str, is_dir: bool) -> bool | None:
    """True excluded, False re-included, None no opinion (last match wins)."""
    for p in reversed(patterns):
        if p.matches(rel, is_dir):
            return not p.negated
    return None


class Selector:
    """Decides which paths below ``base`` are scanned.

    ``rel`` arguments are paths relative to ``base`` with ``/`` separators.
    """

    def __init__(self, base: str | Path = ".", include: Iterable[str] = (), exclude: Iterable[str] = (),
                 use_ignore_files: bool = True, extra_excluded: Iterable[str] = ()):
        self.base = Path(base)
        self.include = parse(include)
        self.exclude = parse(list(ALWAYS_EXCLUDED) + list(exclude))
        self.use_ignore_files = use_ignore_files
        self.extra_excluded = {os.path.normcase(os.path.abspath(p)) for p in extra_excluded}
        self._files: dict[str, list[Pattern]] = {}

    def with_base(self, base: str | Path) -> "Selector":
        """The same rules for another scanned folder."""
        s = Selector.__new__(Selector)
        s.__dict__.update(self.__dict__)
        s.base = Path(base)
        s._files = {}
        return s

    def _ignore_file(self, folder_rel: str) -> list[Pattern]:
        if folder_rel not in self._files:
            path = self.base / folder_rel / IGNORE_FILE if folder_rel else self.base / IGNORE_FILE
            try:
                with open(path, encoding="utf-8", errors="replace") as fh:
                    self._files[folder_rel] = parse(fh)
            except OSError:
                self._files[folder_rel] = []
        return self._files[folder_rel]

    def excluded(self, rel: str, is_dir: bool) -> bool:
        """Whether ``rel`` itself is left out (its parent folders are not looked at)."""
        rel = rel.strip("/")
        if not rel:
            return False
        if self.extra_excluded and os.path.normcase(os.path.abspath(self.base / rel)) in self.extra_excluded:
            return True
        decision = None
        if self.use_ignore_files:
            parts = rel.split("/")
            for depth in range(len(parts)):  # shallow to deep: deeper files win
                folder = "/".join(parts[:depth])
                pats = self._ignore_file(folder)
                if pats:
                    sub = "/".join(parts[depth:])
                    d = _decide(pats, sub, is_dir)
                    if d is not None:
                        decision = d
        d = _decide(self.exclude, rel, is_dir)
        if d is not None:
            decision = d
        if decision:
            return True
        if not is_dir and self.include and _decide(self.include, rel, False) is not True:
            return True
        return False

    def selected(self, rel: str) -> bool:
        """Whether the file ``rel`` is scanned, checking every folder above it too."""
        rel = PurePosixPath(rel.replace(os.sep, "/")).as_posix().strip("/")
        parts = rel.split("/")
        for depth in range(1, len(parts)):
            if self.excluded("/".join(parts[:depth]), True):
                return False
        return not self.excluded(rel, False)

    def selected_file(self, path: str) -> bool:
        """For a file named on the command line: only the globs apply (no ``.dlpignore``)."""
        rel = os.path.relpath(os.path.abspath(path))
        if rel.startswith(".." + os.sep) or rel == "..":
            rel = os.path.basename(path)
        rel = rel.replace(os.sep, "/")
        if self.extra_excluded and os.path.normcase(os.path.abspath(path)) in self.extra_excluded:
            return False
        parts = rel.split("/")
        for depth in range(1, len(parts)):
            if _decide(self.exclude, "/".join(parts[:depth]), True):
                return False
        if _decide(self.exclude, rel, False):
            return False
        return not (self.include and _decide(self.include, rel, False) is not True)
