"""Regenerate docs/web.png: the page after a check, in headless Chromium.

    python tests/web/make_screenshot.py [OUT.png] [--width 900]

Starts the app on a free 127.0.0.1 port in this process, pastes the synthetic
draft of the tests (a NIK, a letter number, an e-mail address, a phone
number), attaches a small synthetic PDF, presses Periksa and saves a
full-page screenshot.  Not a test (pytest does not collect it).
"""
from __future__ import annotations

import argparse
import pathlib
import shutil
import socket
import sys
import tempfile
import threading
import time

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import conftest as w  # noqa: E402  (the synthetic data and file factories of the web tests)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("out", nargs="?", default=str(HERE.parents[1] / "docs" / "web.png"))
    ap.add_argument("--width", type=int, default=900)
    args = ap.parse_args()

    import uvicorn
    from playwright.sync_api import sync_playwright

    from dlp.web.app import WebConfig, create_app

    app = create_app(WebConfig())
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)

    profile = tempfile.mkdtemp(prefix="dlp-shot-")
    pdf = w.make_pdf(["Lampiran: daftar peserta", f"Siti Rahma, NIK {w.NIK_2}, telp {w.PHONE}"])
    try:
        with sync_playwright() as p:
            ctx = p.chromium.launch_persistent_context(
                profile, executable_path=shutil.which("chromium") or "/usr/bin/chromium", headless=True,
                args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
                viewport={"width": args.width, "height": 900}, device_scale_factor=1)
            page = ctx.new_page()
            page.goto(url + "/")
            page.fill("#draft", w.BLOCK_DRAFT.replace(" 📣", ""))  # no emoji font on a bare Debian
            page.set_input_files("#files", [{"name": "daftar-peserta.pdf", "mimeType": "application/pdf", "buffer": pdf}])
            page.click("#check")
            page.wait_for_selector("#result:not([hidden])")
            page.evaluate("window.scrollTo(0, 0)")
            page.screenshot(path=args.out, full_page=True)
            ctx.close()
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        shutil.rmtree(profile, ignore_errors=True)
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
