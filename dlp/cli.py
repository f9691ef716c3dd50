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

from dlp import _startup

# Cold-start trimming (Presidio imported with stand-ins for spaCy, which dlp
# never uses, on the Presidio releases checked for it; spaCy without its CLI;
# Presidio's unused patterns not compiled at import): installed before anything
# imports Presidio.  Only the command line does this; importing dlp as a
# library changes nothing.  See dlp/_startup.py for the switches.
_startup.install()

import typer  # noqa: E402

from dlp.i18n import default_lang, ui  # noqa: E402

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="dlp: periksa draf dan lampiran sebelum dibagikan / check drafts and attachments before they are shared.")


class Fmt(str, Enum):
    text = "text"
    json = "json"
    sarif = "sarif"
    compact = "compact"


class Level(str, Enum):
    review = "review"
    block = "block"


class Lang(str, Enum):
    id = "id"
    en = "en"


DEFAULT_TIMEOUT = 120.0  # seconds per file; 0 turns the hard limit off

_WORDS = {
    "no_paths": ("Berikan path, atau --staged / --since REV", "Give a path, or --staged / --since REV"),
    "staged_and_since": ("--staged dan --since tidak bisa dipakai bersama", "--staged and --since cannot be combined"),
    "stdin_git": ("'-' (masukan standar) tidak bisa dipakai dengan --staged / --since",
                  "'-' (standard input) cannot be used with --staged / --since"),
    "git": ("git: {error}", "git: {error}"),
    "bad_size": ("Ukuran tidak valid: {value} (contoh: 50M, 1G, 1048576)", "Bad size: {value} (e.g. 50M, 1G, 1048576)"),
    "bad_baseline": ("Baseline tidak valid: {error}", "Invalid baseline: {error}"),
    "scanning": ("Memeriksa", "Scanning"),
    "findings": ("temuan", "findings"),
    "baseline_written": ("Baseline: {n} nilai ({kinds}) ditulis ke {path}",
                         "Baseline: {n} values ({kinds}) written to {path}"),
    "baseline_show": ("{path}: {n} nilai", "{path}: {n} values"),
}


def _w(key: str, lang: str, **kw) -> str:
    pair = _WORDS[key]
    return (pair[0] if lang == "id" else pair[1]).format(**kw)


def _fail_usage(msg: str) -> None:
    typer.echo(f"dlp: {msg}", err=True)
    raise typer.Exit(2)


def parse_size(value: str) -> int:
    """``"50M"`` -> 52428800; plain numbers are bytes; K, M, G are powers of 1024."""
    v = value.strip().upper().removesuffix("B").removesuffix("I")
    mult = 1
    if v[-1:] in ("K", "M", "G"):
        mult = 1024 ** ("KMG".index(v[-1]) + 1)
        v = v[:-1]
    try:
        n = float(v)
    except ValueError:
        raise ValueError(value) from None
    if n <= 0:
        raise ValueError(value)
    return int(n * mult)


# Options shared by `dlp scan` and `dlp baseline create`.
_OPT = {
    "policy": lambda: typer.Option(None, "--policy", help="Policy YAML merged over the default policy."),
    "jobs": lambda: typer.Option(None, "--jobs", "-j", min=1,
                                 help="Worker processes (default: the number of cores)."),
    "lang": lambda: typer.Option(None, "--lang", help="Language of messages: id or en (default from the locale)."),
    "max_file_size": lambda: typer.Option(None, "--max-file-size", metavar="SIZE",
                                          help="Skip (and report) files larger than this, e.g. 50M (default 200M)."),
    "timeout": lambda: typer.Option(DEFAULT_TIMEOUT, "--timeout", min=0.0, metavar="SECONDS",
                                    help="Hard time limit per file; a file over it is abandoned and reported "
                                         "(0: none)."),
    "include": lambda: typer.Option(None, "--include", metavar="GLOB",
                                    help="Scan only files matching this glob (repeatable; .gitignore syntax)."),
    "exclude": lambda: typer.Option(None, "--exclude", metavar="GLOB",
                                    help="Skip files and folders matching this glob (repeatable; .gitignore syntax)."),
    "no_dlpignore": lambda: typer.Option(False, "--no-dlpignore", help="Do not read .dlpignore files."),
    "staged": lambda: typer.Option(False, "--staged",
                                   help="Scan the staged content of the files in git's index (for pre-commit)."),
    "since": lambda: typer.Option(None, "--since", metavar="REV",
                                  help="Scan the files changed since the fork point from REV (for pull requests)."),
    "progress": lambda: typer.Option(None, "--progress/--no-progress",
                                     help="Progress bar on standard error (default: when it is a terminal)."),
}


def _sweep(paths, *, policy, jobs, lang, max_file_size, timeout, include, exclude, no_dlpignore, staged, since,
           progress, baseline=None, skip=()):
    """Collect the files, scan them over the pool; returns (report, language). Exits 2 on bad usage."""
    from dlp import batch, gitscope
    from dlp.extract import Limits
    from dlp.ignore import Selector
    from dlp.pipeline import STDIN, Scanner
    from dlp.policy import Policy, PolicyError

    language = lang.value if lang else default_lang()
    paths = list(paths or [])
    if not paths and not staged and not since:
        _fail_usage(_w("no_paths", language))
    if staged and since:
        _fail_usage(_w("staged_and_since", language))
    if STDIN in paths and (staged or since):
        _fail_usage(_w("stdin_git", language))
    if not (staged or since):
        for p in paths:
            if p != STDIN and not os.path.lexists(p):
                _fail_usage(ui("path_missing", language, path=p))
    try:
        pol = Policy.load(policy)
    except PolicyError as exc:
        _fail_usage(ui("bad_policy", language, error=exc))
    limits = Limits()
    if max_file_size:
        try:
            from dataclasses import replace

            limits = replace(limits, max_bytes=parse_size(max_file_size))
        except ValueError:
            _fail_usage(_w("bad_size", language, value=max_file_size))
    selector = Selector(".", include or (), exclude or (), use_ignore_files=not no_dlpignore, extra_excluded=skip)
    try:
        if staged:
            tasks = batch.git_tasks(gitscope.staged(paths or None), selector)
        elif since:
            tasks = batch.git_tasks(gitscope.since(since, paths or None), selector)
        else:
            stdin = sys.stdin.buffer.read() if STDIN in paths else None
            tasks = batch.collect(paths, selector, stdin)
    except gitscope.GitError as exc:
        _fail_usage(_w("git", language, error=exc))

    scanner = Scanner(policy=pol, limits=limits, baseline=baseline)
    jobs = jobs or _cores()
    show = sys.stderr.isatty() if progress is None else progress
    try:
        return _run_tasks(batch, scanner, tasks, jobs, timeout, show, language), language
    except KeyboardInterrupt:
        typer.echo("dlp: interrupted / dihentikan", err=True)
        raise typer.Exit(130)


def _cores() -> int:
    """The cores this process may run on (a container's CPU set, not the host's count)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _run_tasks(batch, scanner, tasks, jobs, timeout, show, language):
    from dlp.models import Report

    if not show or not tasks:
        return Report(files=batch.scan_tasks(scanner, tasks, jobs=jobs, timeout=timeout or None))

    from rich.console import Console
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn,
                               TimeElapsedColumn, TimeRemainingColumn)

    # auto_refresh off: no rich thread runs while the pool forks its workers.
    bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                   TextColumn("{task.fields[findings]} " + _w("findings", language)),
                   TimeElapsedColumn(), TimeRemainingColumn(),
                   console=Console(stderr=True), auto_refresh=False, transient=True,
                   redirect_stdout=False, redirect_stderr=False)
    counted = [0]
    with bar:
        tid = bar.add_task(_w("scanning", language), total=len(tasks), findings=0)
        bar.refresh()

        def on_result(r):
            counted[0] += sum(1 for f in r.findings if not f.allowed and f.severity != "info")
            bar.update(tid, advance=1, findings=counted[0])

        results = batch.scan_tasks(scanner, tasks, jobs=jobs, timeout=timeout or None,
                                   on_result=on_result, on_tick=bar.refresh)
        bar.refresh()
    return Report(files=results)


@app.command()
def scan(
    paths: Optional[List[str]] = typer.Argument(None,
                                                help="Files or folders; '-' reads one draft from standard input."),
    fmt: Fmt = typer.Option(Fmt.text, "--format", "-f",
                            help="Report format (compact: one line a finding, for CI logs)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o",
                                          help="Write the report here instead of standard output."),
    policy: Optional[Path] = _OPT["policy"](),
    fail_on: Level = typer.Option(Level.block, "--fail-on", help="Exit 1 when a file reaches this level."),
    redact: Optional[bool] = typer.Option(None, "--redact/--no-redact",
                                          help="Mask matched text in the report (default: on when CI is set)."),
    jobs: Optional[int] = _OPT["jobs"](),
    lang: Optional[Lang] = _OPT["lang"](),
    max_file_size: Optional[str] = _OPT["max_file_size"](),
    timeout: float = _OPT["timeout"](),
    include: Optional[List[str]] = _OPT["include"](),
    exclude: Optional[List[str]] = _OPT["exclude"](),
    no_dlpignore: bool = _OPT["no_dlpignore"](),
    staged: bool = _OPT["staged"](),
    since: Optional[str] = _OPT["since"](),
    baseline: Optional[Path] = typer.Option(None, "--baseline", metavar="FILE",
                                            help="Findings recorded in this baseline are reported as allowed "
                                                 "and do not count (see `dlp baseline create`)."),
    progress: Optional[bool] = _OPT["progress"](),
) -> None:
    """Scan drafts and files and report a verdict: safe, review or block."""
    from dlp.report import render

    language = lang.value if lang else default_lang()
    if redact is None:
        redact = bool(os.environ.get("CI"))
    base = None
    if baseline is not None:
        from dlp.baseline import Baseline, BaselineError

        try:
            base = Baseline.load(baseline)
        except BaselineError as exc:
            _fail_usage(_w("bad_baseline", language, error=exc))
    skip = [p for p in (baseline, output) if p is not None]
    report, language = _sweep(paths, policy=policy, jobs=jobs, lang=lang, max_file_size=max_file_size,
                              timeout=timeout, include=include, exclude=exclude, no_dlpignore=no_dlpignore,
                              staged=staged, since=since, progress=progress, baseline=base, skip=skip)

    color = fmt in (Fmt.text, Fmt.compact) and output is None and sys.stdout.isatty()
    if fmt is Fmt.compact:
        from dlp.report.compact import render_compact

        text = render_compact(report, lang=language, redact=redact, color=color)
    else:
        text = render(report, fmt.value, lang=language, redact=redact, color=color)
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    if sys.stderr.isatty() and len(report.files) > 1 and (fmt in (Fmt.text, Fmt.compact) or output):
        from dlp.report.compact import render_summary

        sys.stderr.write("\n" + render_summary(report, lang=language, color=True))
        sys.stderr.flush()
    order = {"safe": 0, "review": 1, "block": 2}
    failed = any(order[f.verdict] >= order[fail_on.value] for f in report.files)
    raise typer.Exit(1 if failed else 0)


baseline_app = typer.Typer(no_args_is_help=True, help="Baselines: known findings that CI should not fail on again.")
app.add_typer(baseline_app, name="baseline")


@baseline_app.command("create")
def baseline_create(
    paths: Optional[List[str]] = typer.Argument(None, help="Files or folders to record."),
    output: Path = typer.Option(Path(".dlp-baseline.json"), "--output", "-o", help="Baseline file to write."),
    new_salt: bool = typer.Option(False, "--new-salt", help="Do not reuse the salt of an existing baseline file."),
    policy: Optional[Path] = _OPT["policy"](),
    jobs: Optional[int] = _OPT["jobs"](),
    lang: Optional[Lang] = _OPT["lang"](),
    max_file_size: Optional[str] = _OPT["max_file_size"](),
    timeout: float = _OPT["timeout"](),
    include: Optional[List[str]] = _OPT["include"](),
    exclude: Optional[List[str]] = _OPT["exclude"](),
    no_dlpignore: bool = _OPT["no_dlpignore"](),
    staged: bool = _OPT["staged"](),
    since: Optional[str] = _OPT["since"](),
    progress: Optional[bool] = _OPT["progress"](),
) -> None:
    """Record every current finding (as salted hashes, never the text) so later scans report only new ones."""
    from dlp.baseline import Baseline, BaselineError

    language = lang.value if lang else default_lang()
    base = Baseline()
    if output.exists() and not new_salt:
        try:
            base = Baseline(salt=Baseline.load(output).salt)
        except BaselineError as exc:
            _fail_usage(_w("bad_baseline", language, error=exc))
    report, language = _sweep(paths, policy=policy, jobs=jobs, lang=lang, max_file_size=max_file_size,
                              timeout=timeout, include=include, exclude=exclude, no_dlpignore=no_dlpignore,
                              staged=staged, since=since, progress=progress, skip=[output])
    base.add_results(report.files)
    base.save(output)
    kinds = ", ".join(f"{k} {v}" for k, v in base.counts().items()) or "-"
    typer.echo(_w("baseline_written", language, n=len(base), kinds=kinds, path=output), err=True)


@baseline_app.command("show")
def baseline_show(
    file: Path = typer.Argument(Path(".dlp-baseline.json"), help="Baseline file."),
    lang: Optional[Lang] = _OPT["lang"](),
) -> None:
    """Count the values a baseline records, by entity type."""
    from dlp.baseline import Baseline, BaselineError

    language = lang.value if lang else default_lang()
    try:
        base = Baseline.load(file)
    except BaselineError as exc:
        _fail_usage(_w("bad_baseline", language, error=exc))
    typer.echo(_w("baseline_show", language, n=len(base), path=file))
    for kind, n in base.counts().items():
        typer.echo(f"  {kind:<24} {n}")


@app.command()
def version() -> None:
    """Print the version."""
    from dlp import __version__

    typer.echo(__version__)


from dlp import cli_web  # noqa: E402  (commands of the web page, kept in their own module)

cli_web.register(app)


def main(argv: list[str] | None = None) -> int:
    try:
        app(args=argv, prog_name="dlp", standalone_mode=True)
    except SystemExit as exc:
        code = exc.code
        if code is None:
            return 0
        return code if isinstance(code, int) else 2
    return 0
