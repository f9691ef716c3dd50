"""Commands for the web page and the safe copy: ``dlp serve``, ``dlp redact`` (issue 6).

``register(app)`` adds them to the typer app in :mod:`dlp.cli`.

``dlp serve [--host 127.0.0.1] [--port 8000]`` starts the page and the JSON
API (FastAPI on uvicorn).  It listens on the loopback address unless told
otherwise: ``--host 0.0.0.0`` exposes it to the office network (there is no
login; put it behind the office's reverse proxy for that).

``dlp redact FILE -o OUT`` writes the safe copy of a text or DOCX file.
Exit status: 0 the copy was written and checks clean (``safe``); 1 it was
written but a check of the copy still finds something to review or block
(what the placeholders cannot fix, a policy that blocks names, ...); 2 bad
usage, a file type other than text or DOCX, or a file that cannot be opened.
"""
from __future__ import annotations

import ipaddress
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

MESSAGES = {
    "starting": ("Menyiapkan mesin pemeriksa…", "Building the engine…"),
    "ready": ("Halaman siap: {url}  (Ctrl+C untuk berhenti)", "Page ready: {url}  (Ctrl+C to stop)"),
    "exposed": ("Perhatian: halaman terbuka untuk jaringan di {host}; tidak ada login.",
                "Note: the page is open to the network on {host}; there is no login."),
    "missing_web": ("Paket web belum terpasang: pip install fastapi uvicorn python-multipart fastapi-offline ({error})",
                    "Web packages are not installed: pip install fastapi uvicorn python-multipart fastapi-offline ({error})"),
    "written": ("Salinan aman ditulis ke {out}: {n} bagian disamarkan. Diperiksa ulang: {verdict}.",
                "Safe copy written to {out}: {n} replacements. Checked again: {verdict}."),
    "engine_failed": ("Mesin pemeriksa gagal dibuat: {error}", "The engine could not be built: {error}"),
    "need_output": ("Salinan aman DOCX perlu --output FILE", "A DOCX safe copy needs --output FILE"),
    "missing": ("File tidak ditemukan: {path}", "File not found: {path}"),
    "same_file": ("--output tidak boleh sama dengan file masukan", "--output must not be the input file"),
    "unreadable": ("File tidak bisa dibaca: {error}", "File could not be read: {error}"),
}


class Lang(str, Enum):
    id = "id"
    en = "en"


def _msg(key: str, lang: str, **kw) -> str:
    pair = MESSAGES[key]
    return (pair[0] if lang == "id" else pair[1]).format(**kw)


def register(app) -> None:
    """Add this module's commands to ``app``."""
    import typer

    from dlp.i18n import default_lang

    @app.command()
    def serve(
        host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (0.0.0.0: every interface of this machine)."),
        port: int = typer.Option(8000, "--port", "-p", min=0, max=65535, help="Port to listen on."),
        policy: Optional[Path] = typer.Option(None, "--policy", help="Policy YAML merged over the default policy."),
        max_files: int = typer.Option(10, "--max-files", min=1, help="Attachments per check."),
        max_file_mb: float = typer.Option(20, "--max-file-mb", min=0.001, help="Size cap of one attachment, MB."),
        max_total_mb: float = typer.Option(50, "--max-total-mb", min=0.001, help="Size cap of one check (all uploads), MB."),
        access_log: bool = typer.Option(False, "--access-log/--no-access-log",
                                        help="Log each request's method, path and status (never bodies). Off by default."),
        lang: Optional[Lang] = typer.Option(None, "--lang", help="Language of these messages: id or en."),
    ) -> None:
        """Start the web page and JSON API for staff (binds 127.0.0.1 by default)."""
        import asyncio

        language = lang.value if lang else default_lang()
        try:
            import uvicorn

            from dlp.web.app import MB, WebConfig, create_app, server_log_config
        except ImportError as exc:
            typer.echo(_msg("missing_web", language, error=exc), err=True)
            raise typer.Exit(2)
        from dlp.policy import PolicyError
        from dlp.i18n import ui

        cfg = WebConfig(max_files=max_files, max_file_bytes=int(max_file_mb * MB),
                        max_total_bytes=int(max(max_total_mb, max_file_mb) * MB),
                        policy=str(policy) if policy else None)
        typer.echo(_msg("starting", language), err=True)
        try:
            application = create_app(cfg)
        except PolicyError as exc:
            typer.echo(f"dlp: {ui('bad_policy', language, error=exc)}", err=True)
            raise typer.Exit(2)
        except Exception as exc:  # the engine could not be built: say so, briefly
            typer.echo(f"dlp: {_msg('engine_failed', language, error=f'{type(exc).__name__}: {exc}')}", err=True)
            raise typer.Exit(1)
        if not _loopback(host):
            typer.echo(_msg("exposed", language, host=host), err=True)
        shown = f"[{host}]" if ":" in host else host
        config = uvicorn.Config(application, host=host, port=port, access_log=access_log,
                                log_config=server_log_config(), log_level="warning", server_header=False,
                                proxy_headers=False, date_header=False)
        server = uvicorn.Server(config)

        async def announce():
            # The port actually bound (port 0 picks a free one).
            while not server.started:
                await asyncio.sleep(0.05)
            bound = port
            for s in server.servers:
                for sock in s.sockets:
                    bound = sock.getsockname()[1]
            typer.echo(_msg("ready", language, url=f"http://{shown}:{bound}/"), err=True)

        async def main():
            task = asyncio.create_task(announce())
            await server.serve()
            task.cancel()

        try:
            asyncio.run(main())
        except KeyboardInterrupt:
            pass
        if not server.started:
            raise typer.Exit(1)

    @app.command()
    def redact(
        path: str = typer.Argument(..., help="A text or DOCX file; '-' reads text from standard input."),
        output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the safe copy here (text: default standard output)."),
        mask_persons: bool = typer.Option(False, "--mask-persons", help="Also replace people's names."),
        policy: Optional[Path] = typer.Option(None, "--policy", help="Policy YAML merged over the default policy."),
        copy_lang: Optional[Lang] = typer.Option(None, "--copy-lang", help="Language of the placeholders (default id)."),
        lang: Optional[Lang] = typer.Option(None, "--lang", help="Language of messages: id or en."),
    ) -> None:
        """Write a safe copy of a text or DOCX file: identifiers masked or replaced."""
        from dlp.extract import Limits
        from dlp.i18n import ui, verdict_word
        from dlp.pipeline import STDIN, Scanner
        from dlp.policy import Policy, PolicyError
        from dlp.redact import DOCX, RedactError, media_type_of, redact_bytes, should_redact

        language = lang.value if lang else default_lang()
        placeholders = copy_lang.value if copy_lang else "id"
        if path == STDIN:
            data = sys.stdin.buffer.read()
        else:
            src = Path(path)
            if not src.is_file():
                typer.echo(f"dlp: {_msg('missing', language, path=path)}", err=True)
                raise typer.Exit(2)
            if output is not None and output.exists() and output.resolve() == src.resolve():
                typer.echo(f"dlp: {_msg('same_file', language)}", err=True)
                raise typer.Exit(2)
            try:
                data = src.read_bytes()
            except OSError as exc:
                typer.echo(f"dlp: {_msg('unreadable', language, error=exc.strerror or exc)}", err=True)
                raise typer.Exit(2)
        try:
            pol = Policy.load(policy)
        except PolicyError as exc:
            typer.echo(f"dlp: {ui('bad_policy', language, error=exc)}", err=True)
            raise typer.Exit(2)
        mt = media_type_of(data)
        if mt == DOCX and output is None:
            typer.echo(f"dlp: {_msg('need_output', language)}", err=True)
            raise typer.Exit(2)
        scanner = Scanner(policy=pol, limits=Limits())
        literals = []
        try:
            if mt == DOCX:
                found = scanner.scan_bytes(data, path)
                literals = [(f.entity_type, f.text) for f in found.findings if should_redact(f, mask_persons)]
            copy = redact_bytes(data, scanner, lang=placeholders, mask_persons=mask_persons, literals=literals)
        except RedactError as exc:
            typer.echo(f"dlp: {exc.message(language)}", err=True)
            raise typer.Exit(2)
        again = scanner.scan_bytes(copy.data, str(output or "-"))
        if output is None:
            sys.stdout.buffer.write(copy.data)
            sys.stdout.flush()
        else:
            output.write_bytes(copy.data)
        typer.echo(_msg("written", language, out=output or "-", n=copy.replaced,
                        verdict=verdict_word(again.verdict, language)), err=True)
        raise typer.Exit(0 if again.verdict == "safe" else 1)


def _loopback(host: str) -> bool:
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
