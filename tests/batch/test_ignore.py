"""--include / --exclude globs and .dlpignore files (gitignore syntax)."""
from __future__ import annotations

import os

import pytest

from dlp.ignore import Selector, compile_pattern

# pattern, path, is_dir, matches
PATTERNS = [
    ("*.log", "a.log", False, True),
    ("*.log", "x/y/a.log", False, True),
    ("*.log", "a.log.txt", False, False),
    ("/top.txt", "top.txt", False, True),
    ("/top.txt", "sub/top.txt", False, False),
    ("doc/*.md", "doc/a.md", False, True),
    ("doc/*.md", "doc/x/a.md", False, False),
    ("doc/*.md", "x/doc/a.md", False, False),
    ("build/", "build", True, True),
    ("build/", "x/build", True, True),
    ("build/", "build", False, False),          # folders only
    ("**/arsip", "a/b/arsip", True, True),
    ("**/arsip", "arsip", False, True),
    ("arsip/**", "arsip/a/b.txt", False, True),
    ("arsip/**", "arsip", True, False),
    ("a/**/z.txt", "a/z.txt", False, True),
    ("a/**/z.txt", "a/b/c/z.txt", False, True),
    ("a/**/z.txt", "b/a/z.txt", False, False),
    ("draf?.txt", "draf1.txt", False, True),
    ("draf?.txt", "draf12.txt", False, False),
    ("draf[0-9].txt", "draf7.txt", False, True),
    ("draf[!0-9].txt", "draf7.txt", False, False),
    ("draf[!0-9].txt", "drafx.txt", False, True),
    ("\\#hash.txt", "#hash.txt", False, True),
    ("*.txt", "dir.txt/inner", False, False),
    ("nama dengan spasi.txt", "nama dengan spasi.txt", False, True),
]


@pytest.mark.parametrize("pattern,path,is_dir,expected", PATTERNS)
def test_gitignore_pattern_table(pattern, path, is_dir, expected):
    assert compile_pattern(pattern).matches(path, is_dir) is expected


@pytest.mark.parametrize("line", ["", "   ", "# komentar", "#*.txt", "/"])
def test_blank_and_comment_lines_are_no_patterns(line):
    assert compile_pattern(line) is None


def _tree(root, names):
    for name in names:
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(f"isi {name}\n", encoding="utf-8")


def _scanned(dlp, root, *args):
    run = dlp("scan", root, "--format", "json", *args)
    assert run.code in (0, 1), run.err
    return sorted(os.path.relpath(f["path"], root).replace(os.sep, "/") for f in run.json()["files"])


def test_dlpignore_comments_dirs_negation_and_nesting(tmp_path, dlp):
    _tree(tmp_path, ["a.txt", "b.log", "build/out.txt", "docs/keep.md", "docs/old/x.md", "docs/skip.md",
                     "pub/press/rilis.md", "pub/gen.html", ".git/config", "sub/.dlpignore", "sub/s.csv",
                     "sub/t.txt"])
    (tmp_path / ".dlpignore").write_text(
        "# generated and logs\n*.log\nbuild/\n\ndocs/*.md\n!docs/keep.md\npub/*\n!pub/press/\n", encoding="utf-8")
    (tmp_path / "sub" / ".dlpignore").write_text("*.csv\n", encoding="utf-8")
    got = _scanned(dlp, tmp_path)
    # the .dlpignore files themselves are configuration, not content
    assert got == ["a.txt", "docs/keep.md", "docs/old/x.md", "pub/press/rilis.md", "sub/t.txt"]
    # --no-dlpignore reads everything but version-control folders
    got = _scanned(dlp, tmp_path, "--no-dlpignore")
    assert "b.log" in got and "sub/s.csv" in got and "build/out.txt" in got
    assert not any(p.startswith(".git/") for p in got)


def test_include_and_exclude_globs(tmp_path, dlp):
    _tree(tmp_path, ["a.md", "b.txt", "arsip/c.md", "arsip/d.txt", "x/y/e.md"])
    assert _scanned(dlp, tmp_path, "--include", "*.md") == ["a.md", "arsip/c.md", "x/y/e.md"]
    assert _scanned(dlp, tmp_path, "--include", "*.md", "--exclude", "arsip/") == ["a.md", "x/y/e.md"]
    assert _scanned(dlp, tmp_path, "--exclude", "*.md", "--exclude", "/b.txt") == ["arsip/d.txt"]
    # --exclude wins over a .dlpignore re-include
    (tmp_path / ".dlpignore").write_text("*.md\n!a.md\n", encoding="utf-8")
    assert _scanned(dlp, tmp_path, "--include", "*.md") == ["a.md"]
    assert _scanned(dlp, tmp_path, "--include", "*.md", "--exclude", "a.md") == []


def test_explicit_files_obey_globs_but_not_dlpignore(tmp_path, dlp, monkeypatch):
    _tree(tmp_path, ["a.md", "b.txt"])
    (tmp_path / ".dlpignore").write_text("*.md\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    run = dlp("scan", "a.md", "b.txt", "--format", "json")
    assert [f["path"] for f in run.json()["files"]] == ["a.md", "b.txt"]
    run = dlp("scan", "a.md", "b.txt", "--format", "json", "--exclude", "*.txt")
    assert [f["path"] for f in run.json()["files"]] == ["a.md"]


def test_selector_checks_parent_folders_for_listed_paths(tmp_path):
    (tmp_path / ".dlpignore").write_text("vendor/\n", encoding="utf-8")
    sel = Selector(tmp_path)
    assert not sel.selected("vendor/lib/x.txt")
    assert sel.selected("src/x.txt")
    assert not sel.selected(".git/HEAD")


def test_library_scan_walks_folders_as_the_cli_does(tmp_path):
    """Scanner.scan(), the library's one-process scan, honours .dlpignore and skips .git."""
    from dlp.pipeline import Scanner

    (tmp_path / "arsip").mkdir()
    (tmp_path / ".git").mkdir()
    for rel in ("rilis.txt", "arsip/lama.txt", ".git/COMMIT_EDITMSG"):
        (tmp_path / rel).write_text("Peserta: NIK 3273016304850003\n", encoding="utf-8")
    (tmp_path / ".dlpignore").write_text("arsip/\n", encoding="utf-8")
    scanner = Scanner()

    walked = [os.path.relpath(f.path, tmp_path) for f in scanner.scan([str(tmp_path)]).files]
    assert walked == ["rilis.txt"]

    everything = Selector(".", use_ignore_files=False)
    walked = [os.path.relpath(f.path, tmp_path) for f in scanner.scan([str(tmp_path)], selector=everything).files]
    assert walked == ["rilis.txt", os.path.join("arsip", "lama.txt")]  # .git stays out

    named = scanner.scan([str(tmp_path / "arsip" / "lama.txt")]).files  # a file named is always scanned
    assert [f.verdict for f in named] == ["block"]
