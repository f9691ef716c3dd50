"""Compact reports for CI logs and terminals: one line a finding, and the end-of-sweep summary table.

``render_compact`` (``dlp scan --format compact``) prints, for every finding
that counts for the verdict (severity ``review`` or ``block``, not allowed)::

    drafts/post-17.txt:body: BLOCK ID_NIK 16-digit NIK ...
    lampiran/data.xlsx:sheet Gaji!B7: REVIEW PHONE_NUMBER Nomor telepon
    lampiran/rusak.pdf: ERROR corrupt File is corrupt or truncated ...

and one summary line.  ``info`` findings and allowed ones (allowlist,
baseline, inline marker) are only counted in the summary line, so a CI log
shows what needs a person.  With ``redact`` the reasons name no personal
detail (the matched text is never printed in this format).

``render_summary`` is the table shown on a terminal after a sweep: files per
verdict, the most frequent entity types, the worst files first.
"""
from __future__ import annotations

import io
from collections import Counter

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from dlp.i18n import entity_name, error_message, ui, verdict_word
from dlp.models import Report
from dlp.report import shown_reason

_WORDS = {
    "allowed": ("{n} diizinkan (allowlist/baseline/penanda)", "{n} allowed (allowlist/baseline/marker)"),
    "info": ("{n} info", "{n} info"),
    "verdicts": ("Putusan", "Verdicts"),
    "verdict": ("Putusan", "Verdict"),
    "files": ("File", "Files"),
    "entities": ("Jenis temuan terbanyak", "Top entity types"),
    "entity": ("Jenis", "Entity"),
    "count": ("Jumlah", "Count"),
    "in_files": ("Di file", "In files"),
    "worst": ("File terburuk", "Worst files"),
    "findings": ("Temuan", "Findings"),
    "errors": ("Galat", "Errors"),
    "path": ("Path", "Path"),
    "more": ("… dan {n} file lagi", "… and {n} more files"),
}
_SEV_RANK = {"block": 2, "review": 1, "info": 0}
_VERDICT_RANK = {"block": 2, "review": 1, "safe": 0}
STYLE = {"safe": "green", "review": "yellow", "block": "bold red"}


def _w(key: str, lang: str, **kw) -> str:
    pair = _WORDS[key]
    return (pair[0] if lang == "id" else pair[1]).format(**kw)


def _one_line(s: str) -> str:
    return " ".join(s.split())


def render_compact(report: Report, lang: str = "en", redact: bool = False, color: bool = False) -> str:
    lines = []
    allowed = info = 0
    for r in report.files:
        for f in sorted(r.findings, key=lambda f: (-_SEV_RANK.get(f.severity, 0), f.part, f.start)):
            if f.allowed:
                allowed += 1
                continue
            if f.severity not in ("review", "block"):
                info += 1
                continue
            lines.append(f"{r.path}:{f.part}: {f.severity.upper()} {f.entity_type} "
                         f"{_one_line(shown_reason(f, lang, redact))}")
        for e in r.errors:
            where = f":{e.part}" if e.part else ""
            lines.append(f"{r.path}{where}: ERROR {e.code} {_one_line(error_message(e.code, e.detail, lang))}")
    tail = [ui("summary", lang, **report.summary())]
    if info:
        tail.append(_w("info", lang, n=info))
    if allowed:
        tail.append(_w("allowed", lang, n=allowed))
    lines.append(f"dlp: {report.verdict.upper()} ({verdict_word(report.verdict, lang)}) — " + "; ".join(tail))
    return "\n".join(lines) + "\n"


def render_summary(report: Report, lang: str = "en", color: bool = False, width: int = 100,
                   top: int = 8, worst: int = 10) -> str:
    """The end-of-sweep table (see the module docstring)."""
    buf = io.StringIO()
    con = Console(file=buf, force_terminal=color, no_color=not color, width=width, highlight=False)
    s = report.summary()

    t = Table(title=_w("verdicts", lang), title_justify="left", show_edge=False)
    t.add_column(_w("verdict", lang))
    t.add_column(_w("files", lang), justify="right")
    for v in ("block", "review", "safe"):
        t.add_row(f"[{STYLE[v]}]{escape(verdict_word(v, lang))}[/]", str(s[v]))
    t.add_row(_w("errors", lang), str(s["errors"]))
    con.print(t)

    counts: Counter = Counter()
    files_with: Counter = Counter()
    for r in report.files:
        kinds = set()
        for f in r.findings:
            if f.allowed or f.severity == "info":
                continue
            counts[f.entity_type] += 1
            kinds.add(f.entity_type)
        files_with.update(kinds)
    if counts:
        t = Table(title=_w("entities", lang), title_justify="left", show_edge=False)
        t.add_column(_w("entity", lang))
        t.add_column(_w("count", lang), justify="right")
        t.add_column(_w("in_files", lang), justify="right")
        for ent, n in counts.most_common(top):
            t.add_row(escape(entity_name(ent, lang)), str(n), str(files_with[ent]))
        con.print(t)

    def badness(r):
        counted = [f for f in r.findings if not f.allowed and f.severity != "info"]
        return (-_VERDICT_RANK[r.verdict], -sum(f.severity == "block" for f in counted), -len(counted), r.path)

    bad = sorted((r for r in report.files if r.verdict != "safe"), key=badness)
    if bad:
        t = Table(title=_w("worst", lang), title_justify="left", show_edge=False)
        t.add_column(_w("verdict", lang))
        t.add_column(_w("findings", lang), justify="right")
        t.add_column(_w("errors", lang), justify="right")
        t.add_column(_w("path", lang), overflow="fold")
        for r in bad[:worst]:
            n = sum(1 for f in r.findings if not f.allowed and f.severity != "info")
            t.add_row(f"[{STYLE[r.verdict]}]{escape(verdict_word(r.verdict, lang))}[/]", str(n),
                      ", ".join(sorted({e.code for e in r.errors})) or "0", escape(r.path))
        con.print(t)
        if len(bad) > worst:
            con.print(f"[dim]{escape(_w('more', lang, n=len(bad) - worst))}[/]")
    return buf.getvalue()
