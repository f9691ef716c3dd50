"""Which files a commit or a pull request touches: ``dlp scan --staged`` and ``--since REV``.

``--staged`` (for a pre-commit hook) scans what is about to be committed:
the content in git's index (``git cat-file blob <index object>``), not the
working copy, which may differ (``git add -p``).  Without paths it takes the
files the index changes against ``HEAD`` (added, copied, modified, renamed;
deleted files have nothing left to leak); with paths (pre-commit passes the
staged file names, or every file for ``pre-commit run --all-files``) it takes
the index entries at or under those paths.

``--since REV`` (for a CI job on a pull request) takes the files that differ
between the fork point ``git merge-base REV HEAD`` and the working tree, and
scans them as they stand in the working tree.  In a CI checkout the working
tree is ``HEAD``, so that is exactly the pull request's changes
(``git diff REV...HEAD``); on a developer's machine uncommitted edits to
tracked files are included too.  Untracked files are not (``git add`` them, or
scan the folder).  The history must reach the fork point: in CI, fetch with
depth 0 (see docs/ci.md).

Submodules and symbolic links are skipped (a link's blob is only its target's
name).  Paths are reported relative to the current folder, as git does.
"""
from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass

SYMLINK_MODE = "120000"
GITLINK_MODE = "160000"


class GitError(RuntimeError):
    """A git command failed (not a repository, unknown revision, ...)."""


@dataclass
class GitFile:
    """A file chosen from git: its path from the repository root, and where its content is."""

    rel: str               # path relative to the repository root, "/"-separated
    display: str           # path as reported (relative to the current folder)
    path: str | None       # working-tree file to read (``--since``)
    blob: str | None       # object id in the index to read (``--staged``)
    root: str = "."        # the repository's top folder
    size: int = -1


def git(args: list[str], cwd: str, input: bytes | None = None) -> bytes:
    try:
        proc = subprocess.run(["git", "--literal-pathspecs", *args], cwd=cwd, input=input,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    except OSError as exc:
        raise GitError(f"git: {exc}") from exc
    if proc.returncode != 0:
        msg = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(msg[-1] if msg else f"git {' '.join(args)} failed ({proc.returncode})")
    return proc.stdout


def repo_root(cwd: str = ".") -> str:
    return os.fsdecode(git(["rev-parse", "--show-toplevel"], cwd).rstrip(b"\n"))


def _split0(out: bytes) -> list[str]:
    return [os.fsdecode(p) for p in out.split(b"\0") if p]


def _pathspecs(root: str, paths: list[str] | None) -> list[str]:
    """User paths (relative to the current folder) as paths relative to the repository root."""
    specs = []
    for p in paths or []:
        rel = os.path.relpath(os.path.abspath(p), root).replace(os.sep, "/")
        if rel.startswith("../"):
            raise GitError(f"{p}: outside the repository {root}")
        specs.append("" if rel == "." else rel)
    return specs


def _display(root: str, rel: str) -> str:
    return os.path.relpath(os.path.join(root, rel))


def staged(paths: list[str] | None = None, cwd: str = ".") -> list[GitFile]:
    """The index entries to scan for a commit (see the module docstring), sorted by path."""
    root = repo_root(cwd)
    specs = _pathspecs(root, paths)
    if paths:
        names = None if "" in specs else specs
    else:
        names = _split0(git(["diff", "--cached", "--name-only", "-z", "--no-renames", "--diff-filter=ACMRT"],
                            root))
        if not names:
            return []
    args = ["ls-files", "--stage", "-z", "--"]
    out = git(args + (names if names is not None else []), root)
    entries = []
    seen = set()
    for rec in out.split(b"\0"):
        if not rec:
            continue
        meta, _, name = rec.partition(b"\t")
        mode, obj, stage = meta.decode().split(" ")
        rel = os.fsdecode(name)
        if mode in (SYMLINK_MODE, GITLINK_MODE) or rel in seen:
            continue
        if stage not in ("0", "2"):  # a merge conflict: "ours" (2) is what the commit gets
            continue
        seen.add(rel)
        entries.append(GitFile(rel=rel, display=_display(root, rel), path=None, blob=obj, root=root))
    _sizes(root, entries)
    return sorted(entries, key=lambda e: e.rel)


def since(rev: str, paths: list[str] | None = None, cwd: str = ".") -> list[GitFile]:
    """The files changed since the fork point from ``rev`` (see the module docstring), sorted."""
    root = repo_root(cwd)
    specs = [s for s in _pathspecs(root, paths) if s]
    try:
        base = git(["merge-base", rev, "HEAD"], root).strip().decode()
    except GitError as exc:
        raise GitError(f"{rev}: no common ancestor with HEAD ({exc}); in CI fetch the full history") from exc
    out = git(["diff", "--name-only", "-z", "--no-renames", "--diff-filter=ACMRT", base, "--"] + specs, root)
    entries = []
    for rel in sorted(set(_split0(out))):
        full = os.path.join(root, rel)
        if os.path.islink(full) or os.path.isdir(full) or not os.path.lexists(full):
            continue
        entries.append(GitFile(rel=rel, display=_display(root, rel), path=full, blob=None, root=root))
    return entries


def _sizes(root: str, entries: list[GitFile]) -> None:
    if not entries:
        return
    out = git(["cat-file", "--batch-check=%(objectname) %(objectsize)"], root,
              input="".join(e.blob + "\n" for e in entries).encode())
    sizes = {}
    for line in out.decode().splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[1].isdigit():
            sizes[parts[0]] = int(parts[1])
    for e in entries:
        e.size = sizes.get(e.blob, -1)


def read_blob(root: str, obj: str) -> bytes:
    """The content of a blob."""
    return git(["cat-file", "blob", obj], root)
