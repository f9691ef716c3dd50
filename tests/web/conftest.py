"""Fixtures for the web tests: synthetic files, one engine, a real uvicorn server on loopback.

Everything here is synthetic: NIKs are built from their structure (region
code, birth date, serial), files are made with fpdf2, python-docx and
pikepdf in the fixture itself.
"""
from __future__ import annotations

import datetime as dt
import io
import socket
import sys
import threading
import time

import pytest

# Small caps, so the over-size tests need a few MB, not fifty.
CAPS = dict(max_files=4, max_file_bytes=4 * 1024 * 1024, max_total_bytes=6 * 1024 * 1024, max_text_chars=20_000)


def make_nik(region: str = "320411", born: dt.date = dt.date(2002, 8, 14), female: bool = True, serial: int = 2764) -> str:
    """A structurally valid NIK: region (6 digits), DDMMYY (+40 for women), serial."""
    day = born.day + (40 if female else 0)
    return f"{region}{day:02d}{born.month:02d}{born.year % 100:02d}{serial:04d}"


NIK = make_nik()                                   # 3204115408022764
NIK_2 = make_nik("317101", dt.date(1985, 4, 23), female=False, serial=1)
PHONE = "0812-3456-7890"
EMAIL = "humas.diskominfo@sumedangkab.go.id"
LETTER = "800/123/R/Diskominfo/2024"               # a letter number (nomor naskah dinas)
PEM = ("-----BEGIN RSA PRIVATE KEY-----\n"
       "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n"
       "VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK\n"
       "-----END RSA PRIVATE KEY-----")

BLOCK_DRAFT = (
    "Siaran pers Dinas Komunikasi dan Informatika 📣\n\n"
    f"Menindaklanjuti surat nomor {LETTER}, pendaftaran pelatihan dibuka sampai Jumat.\n"
    f"Informasi: {EMAIL} atau {PHONE}.\n"
    f"Peserta terpilih atas nama Siti Rahma, NIK {NIK}.\n"
)
CLEAN_DRAFT = ("Hari ini Wali Kota meresmikan taman baca di Kecamatan Sukasari. "
               "Taman dibuka untuk umum setiap hari pukul 08.00-17.00. #BandungJuara")


def make_pdf(lines: list[str]) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    for line in lines:
        pdf.multi_cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def make_encrypted_pdf(lines: list[str]) -> bytes:
    import pikepdf

    src = pikepdf.open(io.BytesIO(make_pdf(lines)))
    out = io.BytesIO()
    src.save(out, encryption=pikepdf.Encryption(owner="pemilik-rahasia", user="sandi-rahasia", R=6))
    return out.getvalue()


def add_split_runs(paragraph, pieces: list[str]) -> None:
    """Add ``pieces`` as separate runs with alternating formatting (as Word splits text)."""
    for i, piece in enumerate(pieces):
        run = paragraph.add_run(piece)
        run.bold = i % 2 == 1


def add_hyperlink(paragraph, url: str, text: str) -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    r_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = text
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


def make_docx(author: str = "Budi Santoso") -> bytes:
    """A DOCX with identifiers in body runs (split), a table, header, footer and a hyperlink."""
    import docx

    d = docx.Document()
    d.core_properties.author = author
    d.core_properties.last_modified_by = author
    d.core_properties.comments = f"kontak {PHONE}"
    p = d.add_paragraph("Data peserta: NIK ")
    add_split_runs(p, [NIK[:4], NIK[4:9], NIK[9:]])
    p.add_run(", terima kasih.")
    q = d.add_paragraph("Surel: ")
    add_hyperlink(q, f"mailto:{EMAIL}", EMAIL)
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Telepon"
    cell = table.cell(0, 1).paragraphs[0]
    add_split_runs(cell, [PHONE[:4], PHONE[4:]])
    table.cell(1, 0).text = "Nomor surat"
    table.cell(1, 1).text = LETTER
    section = d.sections[0]
    section.header.paragraphs[0].text = f"RAHASIA - {LETTER}"
    section.footer.paragraphs[0].text = f"Narahubung {PHONE}"
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def docx_all_text(data: bytes) -> str:
    """Every XML part of a DOCX package as text (to check nothing survived anywhere)."""
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return "\n".join(zf.read(n).decode("utf-8", "replace") for n in zf.namelist()
                         if n.endswith((".xml", ".rels")))


@pytest.fixture(scope="session")
def scanner():
    """The engine, built once for every web test."""
    from dlp.web.app import WebConfig, build_scanner

    return build_scanner(WebConfig(**CAPS))


@pytest.fixture(scope="session")
def app(scanner):
    from dlp.web.app import WebConfig, create_app

    return create_app(WebConfig(**CAPS), scanner=scanner)


@pytest.fixture(scope="session")
def client(app):
    from fastapi.testclient import TestClient

    with TestClient(app) as c:
        yield c


@pytest.fixture(scope="session")
def server(app):
    """A real uvicorn server on a free 127.0.0.1 port, in a thread; yields its base URL."""
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off"))
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture(scope="session")
def http(server):
    import httpx

    with httpx.Client(base_url=server, timeout=60) as c:
        yield c


# Taken now: other folders have a conftest.py too, and sys.modules["conftest"]
# names whichever was imported last by the time a fixture runs.
_THIS = sys.modules[__name__]


@pytest.fixture(scope="session")
def w():
    """This module: the constants and file factories above (``w.NIK``, ``w.make_docx()`` ...)."""
    return _THIS
