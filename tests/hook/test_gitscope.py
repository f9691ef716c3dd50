"""dlp scan --staged and --since REV on real git repositories."""
from __future__ import annotations

import os

from dlp import gitscope

SECRET = "bocor.pribadi@contoh.go.id"


def _files(run):
    return {f["path"]: f for f in run.json()["files"]}


def test_staged_scans_the_index_not_the_working_copy(repo, dlp):
    repo.write("a.md", "awal\n")
    repo.git("add", "a.md")
    repo.commit("awal")
    # staged: a leak; working copy: cleaned up but not staged -> the commit would still leak
    repo.write("a.md", f"kontak {SECRET}\n")
    repo.git("add", "a.md")
    repo.write("a.md", "sudah bersih\n")
    run = dlp("scan", "--staged", "--format", "json", "--no-redact")
    files = _files(run)
    assert list(files) == ["a.md"]
    assert [f["text"] for f in files["a.md"]["findings"]] == [SECRET]
    # and the reverse: leak only in the working copy -> nothing staged to block
    repo.git("add", "a.md")
    repo.write("a.md", f"kontak {SECRET}\n")
    run = dlp("scan", "--staged", "--format", "json")
    assert _files(run)["a.md"]["findings"] == []


def test_staged_takes_changed_files_only_and_skips_deletions(repo, dlp):
    repo.write("tetap.md", f"lama {SECRET}\n")
    repo.write("hapus.md", "akan dihapus\n")
    repo.git("add", ".")
    repo.commit("awal")
    repo.write("baru/berita.md", "berita baru tanpa data\n")
    repo.git("add", "baru/berita.md")
    repo.git("rm", "-q", "hapus.md")
    run = dlp("scan", "--staged", "--format", "json")
    assert list(_files(run)) == [os.path.join("baru", "berita.md")]
    assert run.code == 0


def test_staged_on_first_commit_and_with_paths(repo, dlp, tmp_path):
    repo.write("x/a.md", f"kontak {SECRET}\n")
    repo.write("x/b.md", "bersih\n")
    repo.write("y/c.md", "bersih\n")
    repo.git("add", ".")
    assert set(_files(dlp("scan", "--staged", "--format", "json"))) == {"x/a.md", "x/b.md", "y/c.md"}
    # paths restrict to index entries at or under them (pre-commit passes file names)
    assert list(_files(dlp("scan", "--staged", "y", "--format", "json"))) == ["y/c.md"]
    repo.commit("awal")
    # unchanged files given by name are still scanned from the index (pre-commit run --all-files)
    run = dlp("scan", "--staged", "x/a.md", "y/c.md", "--format", "json", "--fail-on", "review")
    assert list(_files(run)) == ["x/a.md", "y/c.md"] and run.code == 1


def test_staged_from_a_subfolder_reports_paths_relative_to_it(repo, dlp, monkeypatch):
    repo.write("docs/a.md", f"{SECRET}\n")
    repo.git("add", ".")
    monkeypatch.chdir(repo.path / "docs")
    assert list(_files(dlp("scan", "--staged", "--format", "json"))) == ["a.md"]
    assert list(_files(dlp("scan", "--staged", ".", "--format", "json"))) == ["a.md"]


def test_staged_respects_dlpignore_at_the_root(repo, dlp):
    repo.write(".dlpignore", "vendor/\n*.lock\n")
    repo.write("vendor/lib.md", f"{SECRET}\n")
    repo.write("deps.lock", f"{SECRET}\n")
    repo.write("a.md", "bersih\n")
    repo.git("add", ".")
    assert set(_files(dlp("scan", "--staged", "--format", "json"))) == {"a.md"}  # .dlpignore itself is configuration, not content


def test_since_takes_the_branch_changes_from_the_fork_point(repo, dlp):
    repo.write("lama.md", f"sudah ada {SECRET}\n")
    repo.write("ubah.md", "versi 1\n")
    repo.git("add", ".")
    repo.commit("awal")
    repo.git("checkout", "-q", "-b", "fitur")
    repo.write("ubah.md", "versi 2 kontak baru.orang@contoh.go.id\n")
    repo.write("tambah/baru.md", "berita\n")
    repo.git("add", ".")
    repo.commit("fitur")
    # main moves on after the fork: its changes are not the pull request's
    repo.git("checkout", "-q", "main")
    repo.write("main_saja.md", f"{SECRET}\n")
    repo.git("add", ".")
    repo.commit("di main")
    repo.git("checkout", "-q", "fitur")
    run = dlp("scan", "--since", "main", "--format", "json", "--fail-on", "review")
    files = _files(run)
    assert list(files) == ["tambah/baru.md", "ubah.md"]
    assert run.code == 1
    # uncommitted edits to tracked files count too; untracked files do not
    repo.write("lama.md", "diedit\n")
    repo.write("tak_dilacak.md", f"{SECRET}\n")
    assert list(_files(dlp("scan", "--since", "main", "--format", "json"))) == \
        ["lama.md", "tambah/baru.md", "ubah.md"]
    # restricted to a path
    assert list(_files(dlp("scan", "--since", "main", "tambah", "--format", "json"))) == ["tambah/baru.md"]


def test_git_errors_are_usage_errors(repo, dlp, tmp_path, monkeypatch):
    repo.write("a.md", "x\n")
    repo.git("add", ".")
    repo.commit()
    run = dlp("scan", "--since", "tidak-ada-rev")
    assert run.code == 2 and "tidak-ada-rev" in run.err
    outside = tmp_path / "bukan_repo"
    outside.mkdir()
    monkeypatch.chdir(outside)
    assert dlp("scan", "--staged").code == 2


def test_gitscope_reads_blobs_and_sizes(repo):
    repo.write("a.md", "isi dari indeks\n")
    repo.git("add", ".")
    (entry,) = gitscope.staged()
    assert entry.size == len("isi dari indeks\n")
    assert gitscope.read_blob(entry.root, entry.blob) == b"isi dari indeks\n"
