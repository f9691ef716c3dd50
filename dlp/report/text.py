"""A readable report for people: grouped by file, worst first within a file, a summary line."""
from __future__ import annotations

import io

from rich.console import Console
from rich.markup import escape

from dlp.i18n import entity_name, ui, verdict_word
from dlp.models import Report
from dlp.report import shown_reason, shown_text

STYLE = {"safe": "green", "review": "yellow", "block": "bold red", "info": "dim", "error": "magenta"}
_ORDER = {"block": 0, "review": 1, "info": 2}


def render_text(report: Report, lang: str = "en", redact: bool = False, color: bool = False) -> str:
    buf = io.StringIO()
    con = Console(file=buf, force_terminal=color, no_color=not color, width=100, highlight=False,
                  soft_wrap=True)
    for r in report.files:
        con.print(f"[{STYLE[r.verdict]}]{verdict_word(r.verdict, lang).upper()}[/] "
                  f"[bold]{escape(r.path)}[/] [dim]({escape(r.media_type)})[/]")
        findings = sorted(r.findings, key=lambda f: (_ORDER.get(f.severity, 3), f.part, f.start))
        for f in findings:
            sev = "allowed" if f.allowed else f.severity
            style = "dim" if f.allowed else STYLE.get(f.severity, "")
            text = shown_text(f, redact).replace("\n", "⏎")
            con.print(f"  [{style}]{sev:<7}[/] {escape(entity_name(f.entity_type, lang))}: "
                      f"[bold]{escape(text)}[/] [dim]@ {escape(f.part)}[/] — {escape(shown_reason(f, lang, redact))}")
        for e in r.errors:
            d = e.to_dict(lang)
            where = f" @ {d['part']}" if d.get("part") else ""
            con.print(f"  [{STYLE['error']}]{ui('errors', lang).lower():<7}[/] {escape(d['message'])}{escape(where)}")
        if not r.findings and not r.errors:
            con.print(f"  [dim]{ui('no_findings', lang)}[/]")
    s = report.summary()
    con.print()
    con.print(f"[{STYLE[report.verdict]}]{verdict_word(report.verdict, lang)}[/] — " + ui("summary", lang, **s)
              + (f" [dim]({ui('redacted_note', lang)})[/]" if redact else ""))
    return buf.getvalue()
