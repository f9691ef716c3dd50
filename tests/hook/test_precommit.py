"""The pre-commit hook for real: pre-commit installs this repository's hook and refuses a leaking commit.

The hook repository is a copy of this checkout committed in tmp_path (a
pre-commit ``repo:`` must be a git repository at a committed revision), so
the test exercises the real ``.pre-commit-hooks.yaml`` with ``language:
python``: pre-commit makes a virtualenv and pip-installs dlp into it.

Speed: a fully isolated install downloads every dependency (presidio, spaCy,
the PDF and Office libraries) and took 2 min 24 s here, so by default the
virtualenv sees the already installed packages
(``VIRTUALENV_SYSTEM_SITE_PACKAGES=1``) and only dlp itself is built and
installed, offline (about 10 s).  ``DLP_TEST_ISOLATED_PRECOMMIT=1`` runs the isolated
install instead (PyPI must be reachable).
"""
from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

# pre-commit is a test dependency (pyproject's `test` extra): no skip when it is missing, a failure.
CHECKOUT = Path(__file__).resolve().parents[2]
COPIED = ["dlp", "classifiers", "patterns", "pyproject.toml", "README.md", ".pre-commit-hooks.yaml"]


GIT_ENV = {
    "GIT_AUTHOR_NAME": "Uji", "GIT_AUTHOR_EMAIL": "uji@contoh.go.id",
    "GIT_COMMITTER_NAME": "Uji", "GIT_COMMITTER_EMAIL": "uji@contoh.go.id",
    "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull,
}


class Repo:
    def __init__(self, path: Path):
        self.path = path

    def git(self, *args):
        proc = subprocess.run(["git", *args], cwd=self.path, capture_output=True, text=True,
                              env={**os.environ, **GIT_ENV})
        assert proc.returncode == 0, f"git {' '.join(args)}: {proc.stderr}"
        return proc

    def write(self, name, text):
        p = self.path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")

    def commit(self, message):
        self.git("commit", "-q", "-m", message)
        return self.git("rev-parse", "HEAD").stdout.strip()


def _factories():
    spec = importlib.util.spec_from_file_location("dlp_tests_classifier_factories",
                                                  CHECKOUT / "tests" / "classifiers" / "factories.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    home = tmp_path_factory.mktemp("precommit-home")
    e = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(home), "DLP_LANG": "en"}
    e.pop("CI", None)
    if not os.environ.get("DLP_TEST_ISOLATED_PRECOMMIT"):
        e["VIRTUALENV_SYSTEM_SITE_PACKAGES"] = "1"
        e["PIP_NO_BUILD_ISOLATION"] = "0"  # (sic) pip reads this as "no isolation": use installed setuptools
        e["PIP_NO_INDEX"] = "1"            # everything is installed already: no network at all
    return e


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory, env):
    """A copy of this checkout, committed, as pre-commit wants a hook repository."""
    dst = tmp_path_factory.mktemp("hookrepo") / "dlp"
    dst.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc")
    for name in COPIED:
        src = CHECKOUT / name
        if src.is_dir():
            shutil.copytree(src, dst / name, ignore=ignore)
        elif src.exists():
            shutil.copy2(src, dst / name)
    if not (dst / "README.md").exists():
        (dst / "README.md").write_text("dlp\n", encoding="utf-8")
    repo = Repo(dst)
    repo.git("init", "-q", "-b", "main")
    repo.git("add", "-A")
    rev = repo.commit("hooks")
    return dst, rev


@pytest.fixture(scope="module")
def content(tmp_path_factory, hook_repo, env):
    """The content repository, with dlp listed in its .pre-commit-config.yaml and the hook installed."""
    path = tmp_path_factory.mktemp("content") / "situs"
    path.mkdir()
    repo = Repo(path)
    repo.git("init", "-q", "-b", "main")
    hooks, rev = hook_repo
    repo.write(".pre-commit-config.yaml", _config(hooks, rev, []))
    run = subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=path, env=env,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    run = subprocess.run([sys.executable, "-m", "pre_commit", "install-hooks"], cwd=path, env=env,
                         capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stdout + run.stderr
    repo.git("add", ".pre-commit-config.yaml")  # pre-commit wants its configuration staged
    return repo


def _config(hooks, rev, args) -> str:
    return (f"repos:\n  - repo: {hooks}\n    rev: {rev}\n    hooks:\n      - id: dlp\n"
            f"        args: {args!r}\n").replace("'", '"')


def _commit(repo: Repo, env, message):
    return subprocess.run(["git", "commit", "-m", message], cwd=repo.path, env=env, capture_output=True, text=True,
                          timeout=300)


def _head(repo: Repo) -> str:
    proc = subprocess.run(["git", "rev-parse", "--verify", "-q", "HEAD"], cwd=repo.path, capture_output=True,
                          text=True)
    return proc.stdout.strip()  # "" before the first commit


def test_commit_with_a_nik_is_refused_and_a_clean_one_passes(content, env):
    nik = _factories().make_nik("3171", 1, serial=17)
    before = _head(content)
    content.write("berita/pengumuman.md", f"# Pengumuman\n\nPendaftar: Budi, NIK {nik}.\n")
    content.git("add", "berita/pengumuman.md")
    run = _commit(content, env, "bocor")
    assert run.returncode != 0
    out = run.stdout + run.stderr
    assert "berita/pengumuman.md:body: BLOCK ID_NIK" in out
    assert _head(content) == before  # nothing was committed

    content.write("berita/pengumuman.md", "# Pengumuman\n\nPendaftaran dibuka Senin.\n")
    content.git("add", "berita/pengumuman.md")
    run = _commit(content, env, "bersih")
    assert run.returncode == 0, run.stdout + run.stderr
    assert _head(content) != before
    assert "berita/pengumuman.md" in content.git("show", "--name-only", "HEAD").stdout


def test_fail_on_review_via_hook_args_and_the_inline_marker(content, hook_repo, env):
    hooks, rev = hook_repo
    content.write(".pre-commit-config.yaml", _config(hooks, rev, ["--fail-on", "review"]))
    content.git("add", ".pre-commit-config.yaml")  # committed with the next change
    before = _head(content)
    # an e-mail address is `review`: allowed by default, refused with --fail-on review
    content.write("kontak.md", "Kontak: pribadi.staf@contoh.go.id\n")
    content.git("add", "kontak.md")
    run = _commit(content, env, "kontak")
    assert run.returncode != 0
    assert "kontak.md:body: REVIEW EMAIL_ADDRESS" in run.stdout + run.stderr
    assert _head(content) == before
    # a reviewer clears the line
    content.write("kontak.md", "Kontak: humas@contoh.go.id  <!-- dlp:allow alamat resmi -->\n")
    content.git("add", "kontak.md")
    run = _commit(content, env, "kontak resmi")
    assert run.returncode == 0, run.stdout + run.stderr
