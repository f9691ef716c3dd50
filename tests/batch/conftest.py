"""Fixtures for the batch tests: a CLI runner, policies, and small real files."""
from __future__ import annotations

import io

import pytest


class Run:
    """The result of one ``dlp`` command run in this process."""

    def __init__(self, result):
        self.code = result.exit_code
        self.out = result.stdout
        self.err = result.stderr
        self.exception = result.exception

    def json(self):
        import json

        return json.loads(self.out)


@pytest.fixture
def dlp():
    """Run ``dlp ARGS...`` in-process (typer's runner; worker processes are real)."""
    from typer.testing import CliRunner

    from dlp.cli import app

    def run(*args, env=None, input=None):
        env = {"CI": None, "DLP_LANG": "en", **(env or {})}
        res = CliRunner().invoke(app, [str(a) for a in args], env=env, input=input)
        if res.exception and not isinstance(res.exception, SystemExit):
            raise res.exception
        return Run(res)

    return run


@pytest.fixture(scope="session")
def email_block_policy(tmp_path_factory):
    """A policy under which an e-mail address blocks (the default says review)."""
    p = tmp_path_factory.mktemp("policy") / "policy.yaml"
    p.write_text("entities:\n  EMAIL_ADDRESS: block\n", encoding="utf-8")
    return p


@pytest.fixture(scope="session")
def scanner():
    from dlp.pipeline import Scanner

    return Scanner()


def docx_bytes(*paragraphs: str) -> bytes:
    import docx

    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def pdf_bytes(*pages: str) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 6, text)
    return bytes(pdf.output())


def dense_text(megabytes: float) -> bytes:
    """Text that keeps the analyzer busy (an identifier-like token in every few words)."""
    line = ("Kontak budi.santoso{i}@contoh.go.id telp 0812-3456-{i:04d} rekening 4111 1111 1111 {i:04d} "
            "alamat 10.0.{j}.{k} catatan rapat.\n")
    out, size, i = [], 0, 0
    while size < megabytes * 1_000_000:
        s = line.format(i=i % 10000, j=i % 250, k=(i // 250) % 250)
        out.append(s)
        size += len(s)
        i += 1
    return "".join(out).encode()


@pytest.fixture
def files():
    """Helpers that make real files."""
    class F:
        docx = staticmethod(docx_bytes)
        pdf = staticmethod(pdf_bytes)
        dense = staticmethod(dense_text)

    return F
