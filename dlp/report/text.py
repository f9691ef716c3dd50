"""A readable report for people: grouped by file, worst first, a summary line.

::

    JANGAN DIBAGIKAN  drafts/surat.txt  (text/plain)
      blokir  NIK (nomor KTP)   3171012304850001  body 120–136
              NIK 16 digit: wilayah 31.71.01, lahir 1985-04-23
      tinjau  Alamat e-mail     budi@contoh.go.id  body 160–177
      → Hapus NIK atau samarkan (misalnya 3171********0001) sebelum dibagikan.

    Jangan dibagikan — 1 file: 0 aman, 0 perlu ditinjau, 1 jangan dibagikan, 0 dengan galat

Files are listed worst verdict first (input order within a verdict); within
a file, findings by severity (allowed ones last), then in document order;
after them what to do about the entity types that decided the verdict, and the
file's errors.  Words come from :mod:`dlp.i18n` and :mod:`dlp.report.rules`
in the language asked for.  Colour only when the caller says the output is a
terminal (and ``NO_COLOR`` is not set); plain text otherwise.  Built with
plain string operations (ANSI codes for colour), so rendering thousands of
findings stays fast and imports nothing heavy.
"""
from __future__ import annotations

import os

from dlp.i18n import entity_name, ui, verdict_word
from dlp.models import FileResult, Finding, Report
from dlp.report import shown_reason, shown_text

# ANSI SGR codes per style
_ANSI = {"safe": "32", "review": "33", "block": "1;31", "info": "2", "allowed": "2", "error": "35",
         "bold": "1", "dim": "2"}
_SEV_ORDER = {"block": 0, "review": 1, "info": 2}
_VERDICT_ORDER = {"block": 0, "review": 1, "safe": 2}
MAX_SHOWN = 60  # characters of a matched text shown (a private key block would fill the screen)

WORDS = {
    "block": ("blokir", "block"),
    "review": ("tinjau", "review"),
    "info": ("info", "info"),
    "allowed": ("diizinkan", "allowed"),
    "error": ("galat", "error"),
    "stdin": ("masukan standar", "standard input"),
}


def _word(key: str, lang: str) -> str:
    pair = WORDS[key]
    return pair[0] if lang == "id" else pair[1]


class _Out:
    def __init__(self, color: bool):
        self.color = color
        self.lines: list[str] = []

    def style(self, text: str, style: str | None) -> str:
        if not self.color or not style or not text:
            return text
        return f"\x1b[{_ANSI[style]}m{text}\x1b[0m"

    def line(self, *parts: str) -> None:
        self.lines.append("".join(parts).rstrip())


def _clean(text: str) -> str:
    """One line, no control characters (a matched text may hold line breaks or escape codes)."""
    text = text.replace("\r\n", "⏎").replace("\n", "⏎").replace("\r", "⏎").replace("\t", " ")
    if not text.isprintable():
        text = "".join(c if c.isprintable() else "�" for c in text)
    return text


def _shorten(text: str, limit: int = MAX_SHOWN) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _where(f: Finding) -> str:
    return f"{_clean(f.part)} {f.start}–{f.end}" if f.part == "body" else _clean(f.part)


def _finding_key(item: tuple[int, Finding]):
    i, f = item
    return (1 if f.allowed else 0, _SEV_ORDER.get(f.severity, 3), i)


def _file(out: _Out, r: FileResult, lang: str, redact: bool) -> None:
    head = verdict_word(r.verdict, lang).upper()
    path = f"- ({_word('stdin', lang)})" if r.path == "-" else _clean(r.path)
    out.line(out.style(head, r.verdict), "  ", out.style(path, "bold"), "  ",
             out.style(f"({_clean(r.media_type)})", "dim"))
    findings = [f for _, f in sorted(enumerate(r.findings), key=_finding_key)]
    if findings:
        sev_w = max(len(_word("allowed" if f.allowed else f.severity, lang)) for f in findings)
        names = {f.entity_type: entity_name(f.entity_type, lang) for f in findings}
        name_w = min(max(len(n) for n in names.values()), 32)
        shown = {id(f): _shorten(_clean(shown_text(f, redact))) for f in findings}
        text_w = min(max(len(s) for s in shown.values()), MAX_SHOWN)
        for f in findings:
            key = "allowed" if f.allowed else f.severity
            name = names[f.entity_type]
            out.line("  ", out.style(_word(key, lang).ljust(sev_w), key), "  ", name.ljust(name_w), "  ",
                     out.style(shown[id(f)].ljust(text_w), "dim" if f.allowed else "bold"), "  ",
                     out.style(_where(f), "dim"))
            reason = _clean(shown_reason(f, lang, redact))
            if reason and reason != name:
                out.line("  ", " " * sev_w, "  ", out.style(reason, "dim"))
        _advice(out, r, lang)
    for e in r.errors:
        d = e.to_dict(lang)
        where = f" ({_clean(d['part'])})" if d.get("part") else ""
        out.line("  ", out.style(_word("error", lang), "error"), "  ", _clean(d["message"]), where)
    if not r.findings and not r.errors:
        out.line("  ", out.style(ui("no_findings", lang), "dim"))


def _advice(out: _Out, r: FileResult, lang: str) -> None:
    """What to do, once per entity type that counts for the verdict (block first)."""
    from dlp.report.rules import fix_text

    seen: list[str] = []
    for sev in ("block", "review"):
        for f in r.findings:
            if not f.allowed and f.severity == sev and f.entity_type not in seen:
                seen.append(f.entity_type)
    for entity in seen:
        out.line("  ", out.style("→ " + fix_text(entity, lang), "dim"))


def render_text(report: Report, lang: str = "en", redact: bool = False, color: bool = False) -> str:
    color = color and not os.environ.get("NO_COLOR")
    out = _Out(color)
    files = sorted(enumerate(report.files), key=lambda item: (_VERDICT_ORDER.get(item[1].verdict, 0), item[0]))
    for n, (_, r) in enumerate(files):
        if n:
            out.line()
        _file(out, r, lang, redact)
    s = report.summary()
    if files:
        out.line()
    tail = f"  ({ui('redacted_note', lang)})" if redact else ""
    out.line(out.style(verdict_word(report.verdict, lang), report.verdict), " — ", ui("summary", lang, **s),
             out.style(tail, "dim"))
    return "\n".join(out.lines) + "\n"
