"""Fixtures for the git and pre-commit tests: real repositories made in tmp_path."""
from __future__ import annotations

import os
import subprocess

import pytest

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Uji", "GIT_AUTHOR_EMAIL": "uji@contoh.go.id",
    "GIT_COMMITTER_NAME": "Uji", "GIT_COMMITTER_EMAIL": "uji@contoh.go.id",
    "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull,
}


class Repo:
    def __init__(self, path):
        self.path = path

    def git(self, *args, check=True, env=None):
        proc = subprocess.run(["git", *args], cwd=self.path, capture_output=True, text=True,
                              env={**os.environ, **GIT_ENV, **(env or {})})
        if check and proc.returncode != 0:
            raise AssertionError(f"git {' '.join(args)}: {proc.stderr}")
        return proc

    def write(self, name, text):
        p = self.path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
        return p

    def commit(self, message="perubahan"):
        self.git("commit", "-q", "-m", message)
        return self.git("rev-parse", "HEAD").stdout.strip()


@pytest.fixture
def repo(tmp_path, monkeypatch):
    path = tmp_path / "konten"
    path.mkdir()
    r = Repo(path)
    r.git("init", "-q", "-b", "main")
    for k, v in GIT_ENV.items():
        monkeypatch.setenv(k, v)
    monkeypatch.chdir(path)
    return r


@pytest.fixture
def dlp():
    """Run ``dlp ARGS...`` in-process (worker processes are real)."""
    from typer.testing import CliRunner

    from dlp.cli import app

    class Run:
        def __init__(self, res):
            self.code, self.out, self.err = res.exit_code, res.stdout, res.stderr

        def json(self):
            import json

            return json.loads(self.out)

    def run(*args, env=None):
        res = CliRunner().invoke(app, [str(a) for a in args], env={"CI": None, "DLP_LANG": "en", **(env or {})})
        if res.exception and not isinstance(res.exception, SystemExit):
            raise res.exception
        return Run(res)

    return run
