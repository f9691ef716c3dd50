"""The command line: ``dlp scan``.  The only module that imports typer, prints or exits.

Exit status (report contract): 0 no file reached the ``--fail-on`` level,
1 at least one did, 2 bad usage.
"""
from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from dlp.i18n import default_lang, ui

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="dlp: periksa draf dan lampiran sebelum dibagikan / check drafts and attachments before they are shared.")


class Fmt(str, Enum):
    text = "text"
    json = "json"
    sarif = "sarif"


class Level(str, Enum):
    review = "review"
    block = "block"


class Lang(str, Enum):
    id = "id"
    en = "en"


def _fail_usage(msg: str) -> None:
    typer.echo(f"dlp: {msg}", err=True)
    raise typer.Exit(2)


@app.command()
def scan(
    paths: List[str] = typer.Argument(..., help="Files or folders; '-' reads one draft from standard input."),
    fmt: Fmt = typer.Option(Fmt.text, "--format", "-f", help="Report format."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the report here instead of standard output."),
    policy: Optional[Path] = typer.Option(None, "--policy", help="Policy YAML merged over the default policy."),
    fail_on: Level = typer.Option(Level.block, "--fail-on", help="Exit 1 when a file reaches this level."),
    redact: Optional[bool] = typer.Option(None, "--redact/--no-redact",
                                          help="Mask matched text in the report (default: on when CI is set)."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Worker processes."),
    lang: Optional[Lang] = typer.Option(None, "--lang", help="Language of messages: id or en (default from the locale)."),
) -> None:
    """Scan drafts and files and report a verdict: safe, review or block."""
    from dlp.extract import Limits
    from dlp.pipeline import STDIN, Scanner
    from dlp.policy import Policy, PolicyError
    from dlp.report import render

    language = lang.value if lang else default_lang()
    if redact is None:
        redact = bool(os.environ.get("CI"))
    for p in paths:
        if p != STDIN and not os.path.lexists(p):
            _fail_usage(ui("path_missing", language, path=p))
    try:
        pol = Policy.load(policy)
    except PolicyError as exc:
        _fail_usage(ui("bad_policy", language, error=exc))
    stdin = sys.stdin.buffer.read() if STDIN in paths else None
    scanner = Scanner(policy=pol, limits=Limits())
    report = scanner.scan(paths, stdin=stdin)

    color = fmt is Fmt.text and output is None and sys.stdout.isatty()
    text = render(report, fmt.value, lang=language, redact=redact, color=color)
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    order = {"safe": 0, "review": 1, "block": 2}
    failed = any(order[f.verdict] >= order[fail_on.value] for f in report.files)
    raise typer.Exit(1 if failed else 0)


@app.command()
def version() -> None:
    """Print the version."""
    from dlp import __version__

    typer.echo(__version__)


def main(argv: list[str] | None = None) -> int:
    try:
        app(args=argv, prog_name="dlp", standalone_mode=True)
    except SystemExit as exc:
        code = exc.code
        if code is None:
            return 0
        return code if isinstance(code, int) else 2
    return 0
