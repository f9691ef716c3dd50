"""The web page and JSON API for staff: check a draft, get a safe copy (issue 6).

``create_app()`` returns a FastAPI application:

* ``GET /`` - the page (plain HTML, CSS and vanilla JavaScript under
  ``static/``, no build step; Bahasa Indonesia by default, English switch).
* ``POST /api/scan`` - text (form field, or JSON body) and files (multipart)
  in, the report of the contract (``dlp-report/1``) out, one entry per draft
  or file (the text draft's path is ``draft``), plus the safe copy of the
  draft under ``safe_copy``.
* ``POST /api/redact`` - one text or DOCX file in, its safe copy out.
* ``GET /docs``, ``/redoc``, ``/openapi.json`` - API documentation, served
  from the ``fastapi-offline`` package's copy of Swagger UI and ReDoc so that
  it works without internet (plain FastAPI would load them from a CDN).

Privacy, by construction:

* request bodies are read into memory, capped, and parsed in memory: the
  multipart parser's spooled files never roll over to disk (Starlette's
  default spills every upload over 1 MB to a temporary file);
* nothing a user sends is logged: the server runs with access logs off by
  default, and errors are logged by exception type only, never with their
  message (which could quote the input);
* responses carry ``Cache-Control: no-store``, so browsers do not keep
  results in their cache.

The engine (:class:`~dlp.pipeline.Scanner` with its Presidio analyzer) is
built once, when the application is created, and warmed with a first scan,
so every check after that answers in milliseconds for a caption.
"""
from __future__ import annotations

import base64
import binascii
import json
import logging
import os
import re
import sys
import unicodedata
from dataclasses import asdict, dataclass
from importlib import resources
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import UploadFile
from starlette.formparsers import FormParser, MultiPartException, MultiPartParser

from dlp import __version__
from dlp.i18n import entity_name, error_message, verdict_word
from dlp.models import FileResult, Report
from dlp.redact import (DOCX, RedactError, check_text, redact_bytes, redact_text, redactable,
                        should_redact)
from dlp.report import shown_reason
from dlp.report.json_report import report_dict
from dlp.web.messages import DEFAULT_LANG, LANGS, both, page_strings, part_label

log = logging.getLogger("dlp.web")

MB = 1024 * 1024
DRAFT_PATH = "draft"
# Bytes of an over-size body read and thrown away before answering 413, so the
# client (a browser still uploading) sees the answer instead of a reset
# connection.  Past this the connection is simply closed.
DRAIN_LIMIT = 256 * MB


@dataclass(frozen=True)
class WebConfig:
    """Caps and settings of the web app (``dlp serve`` options)."""

    max_files: int = 10                 # attachments per check
    max_file_bytes: int = 20 * MB       # one attachment
    max_total_bytes: int = 50 * MB      # one request body
    max_text_chars: int = 200_000       # the text draft
    concurrency: int = 2                # checks run at once in worker threads (CPU-bound)
    inline_chars: int = 16_000          # a text-only check up to this size runs on the event loop
    policy: str | None = None           # policy YAML merged over the default

    def limits(self) -> dict[str, Any]:
        return {"max_files": self.max_files, "max_file_mb": _mb(self.max_file_bytes),
                "max_total_mb": _mb(self.max_total_bytes), "max_text_chars": self.max_text_chars}


def _mb(n: int) -> str:
    v = n / MB
    return f"{v:.0f}" if v == int(v) else f"{v:.1f}"


class ApiError(Exception):
    """An answer other than 200, with a message in both languages."""

    def __init__(self, status: int, code: str, messages: dict[str, str] | None = None, **kw):
        self.status = status
        self.code = code
        self.messages = messages or both(code, **kw)
        super().__init__(code)

    def response(self, lang: str) -> JSONResponse:
        return JSONResponse({"error": {"code": self.code, "message": self.messages.get(lang, self.messages["en"]),
                                       "messages": self.messages}}, status_code=self.status)


class InMemoryMultiPartParser(MultiPartParser):
    """Starlette's multipart parser whose spooled upload files never spill to disk.

    The body handed to it is already capped in size and held in memory, so
    keeping the parts in memory as well costs nothing more.
    """

    spool_max_size = sys.maxsize


async def _once(data: bytes):
    yield data


@dataclass
class Inputs:
    text: str | None
    files: list[tuple[str, bytes]]
    lang: str = DEFAULT_LANG
    copy_lang: str = DEFAULT_LANG
    mask_persons: bool = False
    redact: bool = False


# -- reading requests --------------------------------------------------------------

async def read_body(request: Request, cap: int) -> bytes:
    """The request body, at most ``cap`` bytes, or :class:`ApiError` 413.

    An over-size body is refused as soon as its declared length or the bytes
    read pass the cap; the rest is read and thrown away (up to
    :data:`DRAIN_LIMIT`) so that a browser still uploading gets the answer.
    """
    stream = request.stream()
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > cap:
        await _drain(stream, 0)
        raise ApiError(413, "request_too_big", max_total_mb=_mb(cap))
    buf = bytearray()
    async for chunk in stream:
        buf += chunk
        if len(buf) > cap:
            size = len(buf)
            buf.clear()
            await _drain(stream, size)
            raise ApiError(413, "request_too_big", max_total_mb=_mb(cap))
    return bytes(buf)


async def _drain(stream, seen: int) -> None:
    try:
        async for chunk in stream:
            seen += len(chunk)
            if seen > DRAIN_LIMIT:
                return
    except Exception:  # the client went away: nothing left to drain
        return


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in ("1", "true", "yes", "on", "ya")


def _lang(value: Any, what: str) -> str:
    value = (str(value).strip().lower() if value is not None else "") or DEFAULT_LANG
    if value not in LANGS:
        raise ApiError(400, "bad_option", detail=f"{what}={value[:20]!r} (id, en)")
    return value


def clean_name(name: str | None, index: int) -> str:
    """A displayable file name: base name only, no control characters, bounded length."""
    name = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C").strip()
    return name[:200] or f"lampiran-{index}"


async def parse_inputs(request: Request, cfg: WebConfig, need_input: bool = True) -> Inputs:
    """Text, files and options of a check, from a multipart form, a URL-encoded form or JSON."""
    q = request.query_params
    options: dict[str, Any] = {k: q[k] for k in ("lang", "copy_lang", "mask_persons", "redact") if k in q}
    body = await read_body(request, cfg.max_total_bytes)
    ctype = request.headers.get("content-type", "").lower()
    text: str | None = None
    files: list[tuple[str, bytes]] = []
    if ctype.startswith("multipart/form-data") or ctype.startswith("application/x-www-form-urlencoded"):
        try:
            if ctype.startswith("multipart/"):
                parser = InMemoryMultiPartParser(request.headers, _once(body), max_files=1000, max_fields=100,
                                                 max_part_size=cfg.max_total_bytes)
            else:
                parser = FormParser(request.headers, _once(body))
            form = await parser.parse()
        except MultiPartException as exc:
            raise ApiError(400, "bad_request", detail=str(exc)[:200]) from None
        try:
            for key, value in form.multi_items():
                if isinstance(value, UploadFile):
                    data = await value.read()
                    if key == "text":
                        text = data.decode("utf-8", errors="replace")
                    elif key in ("files", "file", "files[]"):
                        files.append((clean_name(value.filename, len(files) + 1), data))
                elif key == "text":
                    text = value
                elif key in ("lang", "copy_lang", "mask_persons", "redact"):
                    options[key] = value
        finally:
            await form.close()
    elif ctype.startswith("application/json") or (body[:1] in (b"{",) and not ctype):
        try:
            payload = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ApiError(400, "bad_request", detail=f"JSON: {exc}"[:200]) from None
        if not isinstance(payload, dict):
            raise ApiError(400, "bad_request", detail="JSON body must be an object")
        text = payload.get("text")
        if text is not None and not isinstance(text, str):
            raise ApiError(400, "bad_request", detail="`text` must be a string")
        for i, item in enumerate(payload.get("files") or [], start=1):
            if not isinstance(item, dict) or not isinstance(item.get("content_base64"), str):
                raise ApiError(400, "bad_request", detail="each of `files` needs `name` and `content_base64`")
            try:
                data = base64.b64decode(item["content_base64"], validate=True)
            except (binascii.Error, ValueError):
                raise ApiError(400, "bad_request", detail=f"files[{i - 1}]: invalid base64") from None
            files.append((clean_name(item.get("name"), i), data))
        for key in ("lang", "copy_lang", "mask_persons", "redact"):
            if key in payload:
                options[key] = payload[key]
    elif ctype.startswith("text/plain"):
        text = body.decode("utf-8", errors="replace")
    elif body:
        raise ApiError(415, "bad_request", detail=f"content type {ctype[:60] or '-'}")

    lang = _lang(options.get("lang"), "lang")
    inputs = Inputs(text=text, files=files, lang=lang,
                    copy_lang=_lang(options.get("copy_lang", lang), "copy_lang"),
                    mask_persons=_flag(options.get("mask_persons", False)), redact=_flag(options.get("redact", False)))
    if len(files) > cfg.max_files:
        raise ApiError(400, "too_many_files", max_files=cfg.max_files)
    for name, data in files:
        if len(data) > cfg.max_file_bytes:
            raise ApiError(413, "file_too_big", name=name, max_file_mb=_mb(cfg.max_file_bytes))
    if text is not None and len(text) > cfg.max_text_chars:
        raise ApiError(413, "text_too_long", max_text_chars=cfg.max_text_chars)
    if need_input and not (text and text.strip()) and not files:
        raise ApiError(400, "nothing")
    return inputs


async def read_inputs(request: Request, cfg: WebConfig, need_input: bool = True) -> Inputs:
    """:func:`parse_inputs`, with any unexpected failure turned into a 400 that quotes nothing."""
    try:
        return await parse_inputs(request, cfg, need_input)
    except ApiError:
        raise
    except Exception as exc:
        log.error("request not readable: %s", type(exc).__name__)
        raise ApiError(400, "bad_request", detail=type(exc).__name__) from None


# -- the response ---------------------------------------------------------------------

def scan_response(report: Report, safe: dict | None, inputs: Inputs) -> dict[str, Any]:
    """The contract's report, with the keys the page (and bilingual tools) need added.

    Per file: ``draft`` (the text draft or an attachment), ``redactable`` (a
    safe copy can be downloaded from ``/api/redact``) and ``verdict_label``;
    per finding: ``label`` (plain name of the entity), ``reasons`` and
    ``where`` (its location in plain words), each as ``{"id": ..., "en": ...}``;
    per error: ``messages`` likewise.  Top level: ``lang`` and ``safe_copy``.
    """
    d = report_dict(report, lang=inputs.lang, redact=inputs.redact)
    d["lang"] = inputs.lang
    for i, (fd, fr) in enumerate(zip(d["files"], report.files)):
        annotate_file(fd, fr, inputs.redact, draft=(i == 0 and safe is not None))
    d["safe_copy"] = safe
    return d


def annotate_file(fd: dict, fr: FileResult, redact: bool, draft: bool = False) -> None:
    """Add plain-words labels in both languages to a file entry of the report."""
    fd["draft"] = draft
    fd["redactable"] = (not draft) and redactable(fr.media_type)
    fd["verdict_label"] = {lang: verdict_word(fr.verdict, lang) for lang in LANGS}
    for f_dict, f in zip(fd["findings"], fr.findings):
        f_dict["label"] = {lang: entity_name(f.entity_type, lang) for lang in LANGS}
        f_dict["reasons"] = {lang: shown_reason(f, lang, redact) for lang in LANGS}
        f_dict["where"] = {lang: part_label(f.part, lang) for lang in LANGS}
    for e_dict, e in zip(fd["errors"], fr.errors):
        e_dict["messages"] = {lang: error_message(e.code, e.detail, lang) for lang in LANGS}
        if e.part:
            e_dict["where"] = {lang: part_label(e.part, lang) for lang in LANGS}


# -- the application -------------------------------------------------------------------

_SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]
PAGE_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
            "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


class HeadersMiddleware:
    """Security headers everywhere; ``no-store`` on the page and the API (results are personal)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        path = scope.get("path", "")
        extra = list(_SECURITY_HEADERS)
        if not path.startswith(("/static/", "/static-offline-docs/")):
            extra.append((b"cache-control", b"no-store"))
        if path == "/":
            extra.append((b"content-security-policy", PAGE_CSP.encode()))

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [h for h in extra if h[0] not in names]
            await send(message)

        await self.app(scope, receive, send_with_headers)


SCAN_OPENAPI = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "text": {"type": "string", "description": "The draft: caption or press release."},
                        "files": {"type": "array", "items": {"type": "string", "format": "binary"},
                                  "description": "Attachments: photos, PDF, DOCX, XLSX, PPTX, e-mail, archives, ..."},
                        "lang": {"type": "string", "enum": list(LANGS), "default": DEFAULT_LANG,
                                 "description": "Language of messages and reasons."},
                        "copy_lang": {"type": "string", "enum": list(LANGS),
                                      "description": "Language of the safe copy's placeholders (default: lang)."},
                        "mask_persons": {"type": "boolean", "default": False,
                                         "description": "Also replace people's names in the safe copy."},
                        "redact": {"type": "boolean", "default": False,
                                   "description": "Mask matched text in the report (as `dlp scan --redact`)."},
                    },
                },
            },
            "application/json": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "text": {"type": "string"},
                        "files": {"type": "array", "items": {
                            "type": "object", "required": ["content_base64"],
                            "properties": {"name": {"type": "string"}, "content_base64": {"type": "string"}}}},
                        "lang": {"type": "string", "enum": list(LANGS)},
                        "copy_lang": {"type": "string", "enum": list(LANGS)},
                        "mask_persons": {"type": "boolean"},
                        "redact": {"type": "boolean"},
                    },
                },
                "example": {"text": "Info lebih lanjut hubungi 0812-3456-7890 atau humas@example.go.id"},
            },
        },
    },
    "responses": {
        "200": {"description": "The report (schema `dlp-report/1`) plus `safe_copy` of the text draft "
                               "and bilingual `label`/`reasons`/`where` on each finding."},
        "400": {"description": "Nothing to check, too many files, unreadable request."},
        "413": {"description": "Upload, file or text over the caps."},
    },
}

REDACT_OPENAPI = {
    "requestBody": {
        "required": True,
        "content": {"multipart/form-data": {"schema": {
            "type": "object", "required": ["file"],
            "properties": {
                "file": {"type": "string", "format": "binary", "description": "A text or DOCX file."},
                "copy_lang": {"type": "string", "enum": list(LANGS)},
                "lang": {"type": "string", "enum": list(LANGS)},
                "mask_persons": {"type": "boolean"},
            }}}},
    },
    "responses": {
        "200": {"description": "The safe copy (same type as the file); header `X-DLP-Replaced` counts replacements, "
                               "`X-DLP-Verdict` is the verdict of the copy checked again.",
                "content": {DOCX: {}, "text/plain": {}}},
        "415": {"description": "Not a text or DOCX file."},
        "422": {"description": "A DOCX file that cannot be opened."},
    },
}


def _fastapi(**kw) -> FastAPI:
    """FastAPI with Swagger UI and ReDoc served locally when fastapi-offline is installed."""
    try:
        from fastapi_offline import FastAPIOffline
    except ImportError:  # docs pages then need a browser with internet; /openapi.json works regardless
        return FastAPI(**kw)
    return FastAPIOffline(**kw)


def build_scanner(cfg: WebConfig):
    """The engine, built and warmed once (a first scan compiles regexes and loads lazy modules)."""
    from dlp.extract import Limits
    from dlp.pipeline import Scanner
    from dlp.policy import Policy

    scanner = Scanner(policy=Policy.load(cfg.policy), limits=Limits(max_bytes=max(cfg.max_file_bytes, 1)))
    if hasattr(scanner, "inline_allow"):
        # "dlp:allow" markers are for reviewed files in a repository; on the
        # page anyone could type one into a draft to silence a finding.
        scanner.inline_allow = False
    scanner.analyzer  # noqa: B018  (builds the Presidio engine now, not at the first request)
    warm = "Hubungi humas@example.go.id atau 0812-3456-7890."
    check_text(scanner, warm)
    redact_text(warm, check_text(scanner, warm).findings)
    return scanner


def create_app(config: WebConfig | None = None, scanner=None) -> FastAPI:
    """The application; builds the engine now unless ``scanner`` is given."""
    import anyio

    cfg = config or WebConfig()
    scanner = scanner or build_scanner(cfg)
    limiter = anyio.CapacityLimiter(max(1, cfg.concurrency))
    template = resources.files("dlp.web").joinpath("templates", "index.html").read_text(encoding="utf-8")
    strings = page_strings(cfg.limits())

    app = _fastapi(title="dlp", version=__version__,
                   description="Periksa draf dan lampiran sebelum dibagikan / check drafts and attachments "
                               "before they are shared. The page is at `/`.")
    app.state.scanner = scanner
    app.state.config = cfg
    app.add_middleware(HeadersMiddleware)
    static_dir = str(resources.files("dlp.web").joinpath("static"))
    app.mount("/static", StaticFiles(directory=static_dir), name="static")

    def request_lang(request: Request) -> str:
        value = request.query_params.get("lang", DEFAULT_LANG).lower()
        return value if value in LANGS else DEFAULT_LANG

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError):
        return exc.response(request_lang(request))

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def page(request: Request):
        lang = request_lang(request)
        return HTMLResponse(render_page(template, strings, lang, cfg))

    @app.get("/api/health", tags=["api"], summary="Is the engine ready?")
    async def health():
        return {"status": "ok", "version": __version__}

    @app.post("/api/scan", tags=["api"], summary="Check a draft and its attachments",
              openapi_extra=SCAN_OPENAPI)
    async def api_scan(request: Request):
        inputs = await read_inputs(request, cfg)

        def work():
            report = Report()
            safe = None
            if inputs.text is not None and inputs.text.strip():
                draft = check_text(scanner, inputs.text, DRAFT_PATH)
                report.files.append(draft)
                copy = redact_text(inputs.text, draft.findings, lang=inputs.copy_lang,
                                   mask_persons=inputs.mask_persons)
                again = check_text(scanner, copy.text, DRAFT_PATH)
                safe = {"path": DRAFT_PATH, "text": copy.text, "changes": [c.to_dict() for c in copy.changes],
                        "verdict": again.verdict, "lang": inputs.copy_lang, "mask_persons": inputs.mask_persons}
            for name, data in inputs.files:
                report.files.append(scanner.scan_bytes(data, name))
            return report, safe

        try:
            if not inputs.files and len(inputs.text or "") <= cfg.inline_chars:
                # A caption takes a few milliseconds: a hop to a worker thread
                # and back costs more than that once the GIL is contended.
                report, safe = work()
            else:
                report, safe = await anyio.to_thread.run_sync(work, limiter=limiter)
            body = scan_response(report, safe, inputs)
        except Exception as exc:  # never log the message: it may quote the input
            log.error("scan failed: %s", type(exc).__name__)
            raise ApiError(500, "server_error") from None
        return JSONResponse(body)

    @app.post("/api/redact", tags=["api"], summary="Safe copy of a text or DOCX file",
              openapi_extra=REDACT_OPENAPI, response_class=Response)
    async def api_redact(request: Request):
        inputs = await read_inputs(request, cfg, need_input=False)
        if len(inputs.files) != 1:
            raise ApiError(400, "no_file")
        name, data = inputs.files[0]

        def work():
            literals = []
            if redactable(_sniff(data)):
                found = scanner.scan_bytes(data, name)
                literals = [(f.entity_type, f.text) for f in found.findings if should_redact(f, inputs.mask_persons)]
            copy = redact_bytes(data, scanner, lang=inputs.copy_lang, mask_persons=inputs.mask_persons,
                                literals=literals)
            again = scanner.scan_bytes(copy.data, name)
            return copy, again.verdict

        try:
            copy, verdict = await anyio.to_thread.run_sync(work, limiter=limiter)
        except RedactError as exc:
            status = 415 if exc.code == "unsupported" else 422
            raise ApiError(status, exc.code, messages={lang: exc.message(lang) for lang in LANGS}) from None
        except Exception as exc:
            log.error("redact failed: %s", type(exc).__name__)
            raise ApiError(500, "server_error") from None
        out_name = safe_name(name, copy.kind)
        headers = {"Content-Disposition": content_disposition(out_name), "X-DLP-Replaced": str(copy.replaced),
                   "X-DLP-Verdict": verdict}
        return Response(copy.data, media_type=copy.media_type, headers=headers)

    return app


def _sniff(data: bytes) -> str:
    from dlp.redact import media_type_of

    return media_type_of(data)


def safe_name(name: str, kind: str) -> str:
    """``laporan.docx`` -> ``laporan-aman.docx`` (the safe copy's download name)."""
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem:
        stem, ext = name, ""
    ext = "docx" if kind == "docx" else (ext if ext and ext.lower() in ("txt", "md", "csv", "json") else "txt")
    return f"{stem}-aman.{ext}"


def content_disposition(name: str) -> str:
    ascii_name = re.sub(r'[^A-Za-z0-9._ -]', "_", name) or "salinan-aman"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"


def render_page(template: str, strings: dict, lang: str, cfg: WebConfig) -> str:
    """The page in ``lang``; every ``{{key}}`` is a string of :mod:`dlp.web.messages`."""
    words = strings[lang]
    config = {"lang": lang, "strings": strings, "limits": asdict(cfg) | {"policy": None}, "version": __version__}
    blob = json.dumps(config, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")
    html = template.replace("{{CONFIG}}", blob).replace("{{LANG}}", lang)
    return re.sub(r"\{\{(\w+)\}\}", lambda m: _escape(words.get(m.group(1), m.group(0))), html)


def _escape(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def server_log_config() -> dict:
    """uvicorn logging: errors only, by type; no access log (it would list every check)."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
        "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain", "stream": "ext://sys.stderr"}},
        "loggers": {
            "uvicorn": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
            "uvicorn.error": {"level": "INFO"},
            "uvicorn.access": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
            "dlp.web": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        },
    }


def env_config() -> WebConfig:
    """A :class:`WebConfig` from ``DLP_WEB_*`` environment variables (for ``uvicorn dlp.web.app:app_from_env``)."""
    def num(name: str, default: int) -> int:
        value = os.environ.get(f"DLP_WEB_{name}")
        return int(value) if value and value.isdigit() else default

    d = WebConfig()
    return WebConfig(max_files=num("MAX_FILES", d.max_files), max_file_bytes=num("MAX_FILE_BYTES", d.max_file_bytes),
                     max_total_bytes=num("MAX_TOTAL_BYTES", d.max_total_bytes),
                     max_text_chars=num("MAX_TEXT_CHARS", d.max_text_chars),
                     concurrency=num("CONCURRENCY", d.concurrency), inline_chars=num("INLINE_CHARS", d.inline_chars),
                     policy=os.environ.get("DLP_WEB_POLICY") or None)


def app_from_env() -> FastAPI:
    """Factory for ``uvicorn --factory dlp.web.app:app_from_env`` (several workers, each with its engine)."""
    return create_app(env_config())
