"""The JSON API through a real uvicorn server (httpx over loopback) and, where the
process itself is looked at, FastAPI's TestClient."""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time

import pytest

SEVERE = ("review", "block")

# The contract (shared/spec/report-format.md, dlp-report/1): what every report must carry.
CONTRACT = {
    "type": "object",
    "required": ["schema", "verdict", "files", "summary"],
    "properties": {
        "schema": {"const": "dlp-report/1"},
        "verdict": {"enum": ["safe", "review", "block"]},
        "summary": {"type": "object", "required": ["files", "safe", "review", "block", "errors"]},
        "files": {"type": "array", "items": {
            "type": "object",
            "required": ["path", "verdict", "media_type", "findings", "errors"],
            "properties": {
                "verdict": {"enum": ["safe", "review", "block"]},
                "findings": {"type": "array", "items": {
                    "type": "object",
                    "required": ["entity_type", "text", "start", "end", "part", "score", "severity", "recognizer",
                                 "reason"],
                    "properties": {"severity": {"enum": ["info", "review", "block"]},
                                   "start": {"type": "integer"}, "end": {"type": "integer"},
                                   "reason": {"type": "string"}}}},
                "errors": {"type": "array", "items": {"type": "object", "required": ["code", "message"]}},
            }}},
    },
}


def assert_contract(report: dict) -> None:
    import jsonschema

    jsonschema.validate(report, CONTRACT)


def assert_offsets_index(text: str, findings: list[dict]) -> None:
    for f in findings:
        assert text[f["start"]:f["end"]] == f["text"], f


# -- the page and the docs -----------------------------------------------------------

def test_page_is_indonesian_by_default_with_english_switch(http):
    r = http.get("/")
    assert r.status_code == 200
    assert '<html lang="id">' in r.text
    assert "Periksa sebelum dibagikan" in r.text and ">Periksa<" in r.text
    assert "default-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["cache-control"] == "no-store"
    assert 'name="viewport"' in r.text  # phone screens
    en = http.get("/?lang=en")
    assert '<html lang="en">' in en.text and "Check before you share" in en.text
    for asset in ("/static/app.js", "/static/style.css"):
        assert http.get(asset).status_code == 200


def test_page_loads_nothing_from_outside(http):
    html = http.get("/").text
    assert not re.search(r'(src|href)="(https?:)?//', html)
    for asset in ("/static/app.js", "/static/style.css"):
        assert not re.search(r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", http.get(asset).text, re.IGNORECASE), asset


def test_docs_work_offline_and_openapi_describes_the_upload(http):
    docs = http.get("/docs")
    assert docs.status_code == 200
    assert "cdn." not in docs.text
    js = re.search(r'src="([^"]*swagger-ui-bundle\.js)"', docs.text).group(1)
    assert js.startswith("/") and http.get(js).status_code == 200
    spec = http.get("/openapi.json").json()
    body = spec["paths"]["/api/scan"]["post"]["requestBody"]["content"]
    assert body["multipart/form-data"]["schema"]["properties"]["files"]["items"]["format"] == "binary"
    assert "application/json" in body
    assert "/api/redact" in spec["paths"]


# -- checks -------------------------------------------------------------------------------

def test_json_draft_gives_contract_report_and_safe_copy(http, w):
    r = http.post("/api/scan", json={"text": w.BLOCK_DRAFT})
    assert r.status_code == 200
    assert r.headers["cache-control"] == "no-store"
    d = r.json()
    assert_contract(d)
    assert d["verdict"] == "block"
    assert d["summary"] == {"files": 1, "safe": 0, "review": 0, "block": 1, "errors": 0}
    (draft,) = d["files"]
    assert draft["path"] == "draft" and draft["draft"] is True
    assert_offsets_index(w.BLOCK_DRAFT, draft["findings"])
    types = {f["entity_type"] for f in draft["findings"]}
    assert {"ID_NIK", "ID_LETTER_NUMBER", "PHONE_NUMBER", "EMAIL_ADDRESS"} <= types
    for f in draft["findings"]:
        assert f["label"]["id"] and f["label"]["en"] and f["label"]["id"] != f["entity_type"]
        assert f["reasons"]["id"] and f["where"]["id"] == "Isi"
    safe = d["safe_copy"]
    for secret in (w.NIK, w.PHONE, w.EMAIL, w.LETTER):
        assert secret not in safe["text"]
    assert f"NIK {w.NIK[:4]}{'*' * 12}" in safe["text"]
    for placeholder in ("[nomor telepon]", "[alamat e-mail]", "[nomor surat]"):
        assert placeholder in safe["text"]
    assert "Siti Rahma" in safe["text"]  # names stay unless asked
    assert safe["verdict"] == "safe"
    for c in safe["changes"]:
        assert safe["text"][c["start"]:c["end"]] == c["text"]


def test_multipart_text_and_attachments(http, w):
    pdf = w.make_pdf(["Lampiran daftar peserta", f"Siti, NIK {w.NIK_2}, telp {w.PHONE}"])
    files = [("files", ("peserta.pdf", pdf, "application/pdf")),
             ("files", ("undangan.docx", w.make_docx(), "application/octet-stream")),
             ("files", ("catatan.txt", w.CLEAN_DRAFT.encode(), "text/plain"))]
    r = http.post("/api/scan", data={"text": w.CLEAN_DRAFT, "lang": "en"}, files=files)
    assert r.status_code == 200, r.text
    d = r.json()
    assert_contract(d)
    assert [f["path"] for f in d["files"]] == ["draft", "peserta.pdf", "undangan.docx", "catatan.txt"]
    draft, pdf_entry, docx_entry, txt_entry = d["files"]
    assert draft["verdict"] == "safe" and draft["findings"] == []
    assert d["safe_copy"]["text"] == w.CLEAN_DRAFT
    assert pdf_entry["media_type"] == "application/pdf" and pdf_entry["verdict"] == "block"
    nik = [f for f in pdf_entry["findings"] if f["entity_type"] == "ID_NIK"]
    assert nik and nik[0]["text"] == w.NIK_2
    assert nik[0]["where"]["en"].startswith("Page 1") and nik[0]["where"]["id"].startswith("Halaman 1")
    assert docx_entry["verdict"] == "block" and docx_entry["redactable"] is True
    assert txt_entry["verdict"] == "safe" and txt_entry["draft"] is False
    assert d["verdict"] == "block" and d["summary"]["block"] == 2
    assert pdf_entry["findings"][0]["reason"] == pdf_entry["findings"][0]["reasons"]["en"]


def test_form_field_text_keeps_its_line_breaks(http, w):
    text = w.BLOCK_DRAFT.replace("\n", "\r\n")
    r = http.post("/api/scan", data={"text": text})
    draft = r.json()["files"][0]
    assert_offsets_index(text, draft["findings"])
    assert "\r\n" in r.json()["safe_copy"]["text"]


def test_text_sent_as_file_part_and_emoji_offsets(http, w):
    text = "📣📣 Hubungi " + w.PHONE + " 🙏"
    r = http.post("/api/scan", files={"text": ("draft.txt", text.encode("utf-8"), "text/plain")})
    (f,) = r.json()["files"][0]["findings"]
    assert text[f["start"]:f["end"]] == w.PHONE  # code-point offsets, as Python counts
    assert r.json()["safe_copy"]["text"] == "📣📣 Hubungi [nomor telepon] 🙏"


def test_mask_persons_and_english_placeholders(http, w):
    text = f"Narahubung: Siti Rahma ({w.PHONE})"
    plain = http.post("/api/scan", json={"text": text, "copy_lang": "en"}).json()
    assert "[phone number]" in plain["safe_copy"]["text"]
    masked = http.post("/api/scan", json={"text": text, "mask_persons": True}).json()
    persons = [f for f in masked["files"][0]["findings"] if f["entity_type"] == "PERSON"]
    if persons:  # a person recognizer is configured: its names go when asked
        assert "Siti Rahma" not in masked["safe_copy"]["text"]
    assert masked["safe_copy"]["mask_persons"] is True


def test_redact_option_masks_report_text(http, w):
    d = http.post("/api/scan", json={"text": w.BLOCK_DRAFT, "redact": True}).json()
    assert d["redacted"] is True
    assert w.NIK not in json.dumps(d["files"])  # the safe copy has its own masking


def test_json_files_as_base64(http, w):
    import base64

    pdf = w.make_pdf([f"NIK {w.NIK}"])
    r = http.post("/api/scan", json={"files": [{"name": "../../etc/a.pdf", "content_base64": base64.b64encode(pdf).decode()}]})
    d = r.json()
    assert d["safe_copy"] is None
    assert d["files"][0]["path"] == "a.pdf" and d["files"][0]["verdict"] == "block"


# -- files that cannot be read: said plainly, never safe ---------------------------------------

def test_corrupt_and_encrypted_files_are_at_least_review(http, w):
    pdf = w.make_pdf([f"NIK {w.NIK}"])
    docx = w.make_docx()
    files = [("files", ("terpotong.pdf", pdf[: len(pdf) // 2], "application/pdf")),
             ("files", ("rusak.docx", docx[: len(docx) // 2], "application/octet-stream")),
             ("files", ("terkunci.pdf", w.make_encrypted_pdf([f"NIK {w.NIK}"]), "application/pdf")),
             ("files", ("acak.bin", os.urandom(4096), "application/octet-stream"))]
    r = http.post("/api/scan", files=files)
    assert r.status_code == 200
    assert_contract(r.json())
    entries = {f["path"]: f for f in r.json()["files"]}
    for name, entry in entries.items():
        assert entry["verdict"] in SEVERE, name
        assert entry["errors"], name
        for e in entry["errors"]:
            assert e["messages"]["id"] and e["messages"]["en"] and e["message"] == e["messages"]["id"]
    locked = entries["terkunci.pdf"]
    assert any(e["code"] == "encrypted" for e in locked["errors"])
    assert any(e["messages"]["id"].startswith("File terenkripsi") for e in locked["errors"])


# -- caps ----------------------------------------------------------------------------------------

def test_oversize_file_is_413_with_both_languages(http, w):
    big = b"a" * (w.CAPS["max_file_bytes"] + 1)
    r = http.post("/api/scan?lang=en", files={"files": ("besar.txt", big, "text/plain")})
    assert r.status_code == 413
    err = r.json()["error"]
    assert err["code"] == "file_too_big"
    assert "besar.txt" in err["messages"]["id"] and "terlalu besar" in err["messages"]["id"]
    assert "too large" in err["messages"]["en"] and err["message"] == err["messages"]["en"]


def test_oversize_request_is_413_before_reading_it_all(http, w):
    body = b"x" * (w.CAPS["max_total_bytes"] + 1024)
    r = http.post("/api/scan", content=body, headers={"content-type": "multipart/form-data; boundary=zzz"})
    assert r.status_code == 413
    assert r.json()["error"]["code"] == "request_too_big"
    assert "Kiriman terlalu besar" in r.json()["error"]["message"]
    # the server is still fine afterwards
    assert http.post("/api/scan", json={"text": "halo"}).status_code == 200


def test_oversize_request_without_length_is_cut_while_streaming(http, w):
    def chunks():
        for _ in range(8):
            yield b"y" * (1024 * 1024)

    r = http.post("/api/scan", content=chunks(), headers={"content-type": "text/plain"})
    assert r.status_code == 413


def test_too_many_files_is_400(http, w):
    files = [("files", (f"f{i}.txt", b"halo", "text/plain")) for i in range(w.CAPS["max_files"] + 1)]
    r = http.post("/api/scan", files=files)
    assert r.status_code == 400
    err = r.json()["error"]
    assert err["code"] == "too_many_files" and str(w.CAPS["max_files"]) in err["messages"]["en"]


def test_text_too_long_is_413(http, w):
    r = http.post("/api/scan", json={"text": "a" * (w.CAPS["max_text_chars"] + 1)})
    assert r.status_code == 413 and r.json()["error"]["code"] == "text_too_long"


@pytest.mark.parametrize("kwargs, code", [
    ({"json": {"text": "   "}}, "nothing"),
    ({"data": {"lang": "id"}}, "nothing"),
    ({"content": b"{not json", "headers": {"content-type": "application/json"}}, "bad_request"),
    ({"json": ["a list"]}, "bad_request"),
    ({"json": {"text": 12}}, "bad_request"),
    ({"json": {"text": "halo", "lang": "fr"}}, "bad_option"),
    ({"json": {"files": [{"name": "x", "content_base64": "%%%"}]}}, "bad_request"),
    ({"content": b"--zzz\r\nbroken", "headers": {"content-type": "multipart/form-data"}}, "bad_request"),
])
def test_bad_requests_are_400_with_a_message(http, kwargs, code):
    r = http.post("/api/scan", **kwargs)
    assert r.status_code == 400, r.text
    err = r.json()["error"]
    assert err["code"] == code and err["messages"]["id"] and err["messages"]["en"]


# -- privacy ---------------------------------------------------------------------------------------

def test_uploads_never_spill_to_disk(client, w, monkeypatch):
    """Starlette spools uploads over 1 MB to a temporary file; ours stay in memory."""
    import tempfile as tf

    from starlette.formparsers import MultiPartParser

    rolled = []
    real = tf.TemporaryFile

    def spy(*args, **kwargs):
        rolled.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(tf, "TemporaryFile", spy)
    data = (w.CLEAN_DRAFT + "\n").encode() * (3 * 1024 * 1024 // len(w.CLEAN_DRAFT))
    assert len(data) > 2 * 1024 * 1024
    r = client.post("/api/scan", files={"files": ("besar.txt", data, "text/plain")})
    assert r.status_code == 200 and r.json()["files"][0]["verdict"] == "safe"
    assert rolled == []

    # The control: the stock parser, fed the same body, does write to a temporary file.
    import anyio
    from starlette.datastructures import Headers

    req = client.build_request("POST", "/", files={"files": ("besar.txt", data, "text/plain")})
    body = req.read()

    async def parse():
        async def stream():
            yield body
        form = await MultiPartParser(Headers({"content-type": req.headers["content-type"]}), stream()).parse()
        await form.close()

    anyio.run(parse)
    assert rolled, "the stock parser should have spilled: the check above proves nothing"


def test_serve_command_logs_nothing_of_what_is_sent(tmp_path, w):
    """`dlp serve` binds loopback, answers, and writes no request content to its output."""
    import httpx

    proc = subprocess.Popen([sys.executable, "-m", "dlp", "serve", "--port", "0", "--lang", "en"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "TMPDIR": str(tmp_path)})
    try:
        url = None
        deadline = time.monotonic() + 60
        lines = []
        while time.monotonic() < deadline:
            line = proc.stderr.readline()
            if not line:
                break
            lines.append(line)
            m = re.search(r"(http://127\.0\.0\.1:\d+)/", line)
            if m:
                url = m.group(1)
                break
        assert url, "".join(lines)
        r = httpx.post(url + "/api/scan", data={"text": w.BLOCK_DRAFT},
                       files={"files": ("x.pdf", w.make_pdf([f"NIK {w.NIK_2}"]), "application/pdf")}, timeout=60)
        assert r.status_code == 200 and r.json()["verdict"] == "block"
        assert httpx.get(url + "/nope", timeout=10).status_code == 404
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            out, err = proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate()
    logged = "".join(lines) + out + err
    for secret in (w.NIK, w.NIK_2, w.PHONE, w.EMAIL, "/api/scan", "/nope"):
        assert secret not in logged
    assert list(tmp_path.iterdir()) == []


# -- the safe copy of a file ------------------------------------------------------------------------

def test_redact_docx_download(http, w):
    r = http.post("/api/redact", files={"file": ("undangan rapat.docx", w.make_docx(), "application/octet-stream")})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert "undangan%20rapat-aman.docx" in r.headers["content-disposition"]
    assert int(r.headers["x-dlp-replaced"]) >= 5
    assert r.headers["x-dlp-verdict"] in ("safe", "review")
    everything = w.docx_all_text(r.content)
    for secret in (w.NIK, w.PHONE, w.EMAIL, w.LETTER, "Budi Santoso"):
        assert secret not in everything
    assert w.NIK[:4] + "*" * 12 in everything


def test_redact_text_file(http, w):
    r = http.post("/api/redact", files={"file": ("draf.txt", w.BLOCK_DRAFT.encode(), "text/plain")})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/plain")
    assert w.NIK not in r.text and "[nomor telepon]" in r.text
    assert r.headers["x-dlp-verdict"] == "safe"


def test_redact_refuses_other_types_plainly(http, w):
    r = http.post("/api/redact?lang=en", files={"file": ("a.pdf", w.make_pdf(["halo"]), "application/pdf")})
    assert r.status_code == 415
    err = r.json()["error"]
    assert "text and DOCX" in err["message"] and "teks dan DOCX" in err["messages"]["id"]
    r = http.post("/api/redact", data={"lang": "id"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "no_file"
