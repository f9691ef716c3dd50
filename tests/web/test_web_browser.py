"""The page in a real browser: Debian's Chromium driven by Playwright, against a real server.

Skipped (with the reason) only when Chromium or Playwright is not installed;
scripts/setup.sh installs both for CI.  Playwright's own browser download is
never used: the system Chromium is launched by path.
"""
from __future__ import annotations

import os
import shutil
import tempfile

import pytest

CHROMIUM = os.environ.get("DLP_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage"]

playwright_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
if not os.path.exists(CHROMIUM):
    pytest.skip(f"Chromium not installed at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)


@pytest.fixture(scope="module")
def context():
    profile = tempfile.mkdtemp(prefix="dlp-chromium-")
    with playwright_api.sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, args=ARGS, headless=True,
                                                   viewport={"width": 1000, "height": 900}, accept_downloads=True)
        yield ctx
        ctx.close()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def page(context, server):
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.goto(server + "/")
    pg.evaluate("() => localStorage.clear()")
    pg.goto(server + "/")
    yield pg
    pg.close()
    assert errors == [], errors


def check(page, text: str, files: list[dict] | None = None) -> None:
    page.fill("#draft", text)
    if files:
        page.set_input_files("#files", files)
    page.click("#check")
    page.wait_for_selector("#result:not([hidden])", timeout=30_000)


def test_block_draft_with_pdf(page, w):
    pdf = w.make_pdf(["Lampiran: daftar peserta", f"Siti Rahma, NIK {w.NIK_2}, telp {w.PHONE}"])
    check(page, w.BLOCK_DRAFT, [{"name": "peserta.pdf", "mimeType": "application/pdf", "buffer": pdf}])

    # the verdict comes first, large and plain
    assert page.inner_text("#verdict-word") == "Jangan dibagikan"
    assert "verdict-block" in page.get_attribute("#verdict", "class")
    order = page.evaluate("""() => [...document.querySelectorAll('#verdict, #draft-result, #safe-copy, #attachments')]
                              .map(e => e.getBoundingClientRect().top)""")
    assert order == sorted(order)

    # each finding is marked in the draft, with plain words, not entity codes
    marks = page.locator("#draft-marked mark")
    entities = marks.evaluate_all("ms => ms.map(m => m.dataset.entity)")
    values = marks.all_inner_texts()
    assert {"ID_NIK", "ID_LETTER_NUMBER", "PHONE_NUMBER", "EMAIL_ADDRESS"} <= set(entities)
    assert w.NIK in values and w.LETTER in values and w.PHONE in values
    nik_mark = page.locator("#draft-marked mark[data-entity=ID_NIK]")
    assert "sev-block" in nik_mark.get_attribute("class")
    listed = page.inner_text("#draft-findings")
    assert "NIK (nomor KTP)" in listed and "Nomor naskah dinas" in listed
    assert "ID_NIK" not in listed and "PHONE_NUMBER" not in listed

    # the safe copy: no NIK, no phone, first four digits kept
    safe = page.input_value("#safe-text")
    for secret in (w.NIK, w.PHONE, w.EMAIL):
        assert secret not in safe
    assert f"NIK {w.NIK[:4]}************" in safe and "[nomor telepon]" in safe

    # the attachment, grouped by location
    card = page.locator("article.attachment[data-path='peserta.pdf']")
    assert card.locator(".badge").inner_text() == "Jangan dibagikan"
    assert card.locator("h4.where").first.inner_text().startswith("Halaman 1")
    assert w.NIK_2 in card.locator("mark").all_inner_texts()

    # the English switch re-renders the same result
    page.click(".lang button[data-lang=en]")
    assert page.inner_text("#verdict-word") == "Do not share"
    assert page.evaluate("document.documentElement.lang") == "en"
    assert "National ID" in page.inner_text("#draft-findings") or "NIK" in page.inner_text("#draft-findings")
    assert card.locator("h4.where").first.inner_text().startswith("Page 1")


def test_clean_draft_is_safe(page, w):
    check(page, w.CLEAN_DRAFT)
    assert page.inner_text("#verdict-word") == "Aman dibagikan"
    assert page.locator("#draft-marked mark").count() == 0
    assert page.input_value("#safe-text") == w.CLEAN_DRAFT
    assert page.is_visible("#draft-errors .none")


def test_copy_button_copies_the_safe_copy(page, context, server, w):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    check(page, f"Hubungi {w.PHONE} 📞")
    page.click("#copy")
    playwright_api.expect(page.locator("#copy-status")).to_have_text("Tersalin")
    assert page.evaluate("navigator.clipboard.readText()") == "Hubungi [nomor telepon] 📞"


def test_encrypted_attachment_is_said_plainly(page, w):
    locked = w.make_encrypted_pdf([f"NIK {w.NIK}"])
    check(page, w.CLEAN_DRAFT, [{"name": "terkunci.pdf", "mimeType": "application/pdf", "buffer": locked}])
    assert page.inner_text("#verdict-word") in ("Perlu ditinjau", "Jangan dibagikan")
    card = page.locator("article.attachment[data-path='terkunci.pdf']")
    assert card.locator(".errors li").first.inner_text().startswith("File terenkripsi")


def test_docx_safe_copy_download(page, w):
    check(page, "", [{"name": "undangan.docx", "mimeType": "application/octet-stream", "buffer": w.make_docx()}])
    card = page.locator("article.attachment[data-path='undangan.docx']")
    with page.expect_download() as info:
        card.locator("button.download").click()
    download = info.value
    assert download.suggested_filename == "undangan-aman.docx"
    data = open(download.path(), "rb").read()
    everything = w.docx_all_text(data)
    assert w.NIK not in everything and w.PHONE not in everything
    assert w.NIK[:4] + "*" * 12 in everything


def test_oversize_file_is_refused_with_a_message(page, w, tmp_path):
    big = tmp_path / "besar.txt"
    big.write_bytes(b"a" * (w.CAPS["max_file_bytes"] + 1))
    page.fill("#draft", "halo")
    page.set_input_files("#files", str(big))
    page.click("#check")
    assert page.is_visible("#message")
    assert "terlalu besar" in page.inner_text("#message") and "besar.txt" in page.inner_text("#message")
    assert page.is_hidden("#result")


def test_usable_on_a_phone_screen(context, server, w):
    pg = context.new_page()
    pg.set_viewport_size({"width": 360, "height": 740})
    pg.goto(server + "/")
    check(pg, w.BLOCK_DRAFT)
    width = pg.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"page scrolls sideways on a phone: {width}px"
    box = pg.locator("#check").bounding_box()
    assert box["height"] >= 40 and box["width"] >= 280  # a thumb-sized button, full width
    size = pg.evaluate("parseFloat(getComputedStyle(document.getElementById('verdict-word')).fontSize)")
    assert size >= 28
    pg.close()
