"""SARIF 2.1.0 for code-scanning dashboards (GitHub, GitLab, Azure DevOps ...).

One run; the tool's rules are the entity types of the report contract (rule
ids = entity names, which are a contract: never rename one), plus any other
type a finding carries.  Each rule's ``defaultConfiguration.level`` comes from
the packaged default policy (``block`` -> ``error``, ``review`` ->
``warning``, ``info`` -> ``note``); each result's ``level`` from the severity
the policy in force gave the finding.

Where things go:

* ``physicalLocation.artifactLocation.uri``: the path as scanned, as a
  relative URI with forward slashes (an absolute path becomes a ``file:`` URI;
  standard input is ``stdin``).
* ``region``: only for the body of a file read as plain text, where offsets
  in the extracted text are offsets in the file: ``charOffset``/
  ``charLength`` (Unicode code points, see ``run.columnKind``), and
  ``startLine``/``startColumn``/``endLine``/``endColumn`` when the file can
  be read back and still holds the findings at their offsets (dashboards
  place results by line; not for standard input); a ``part`` such as
  ``page 3`` or ``sheet Gaji!B7`` goes in ``logicalLocations`` and
  ``properties.part``.  With the text unmasked the region carries a
  ``snippet`` (``properties.text`` where there is no region); with
  ``redact`` there is neither.
* ``partialFingerprints["dlpValueHash/v1"]``: :func:`dlp.policy.value_hash`
  of (entity type, normalized text), so a dashboard tracks a finding across
  runs without the raw text.
* Findings an allowlist or baseline accepted are results with an external
  ``suppression``.
* File errors (encrypted, corrupt, ...) are ``toolExecutionNotifications``
  of level ``error`` in ``invocations[0]`` (the run itself still succeeded);
  each file's verdict is in ``artifacts[i].properties.verdict`` and the run's
  in ``run.properties``.

With ``redact`` no matched text appears anywhere: no snippet, and messages
are the entity's generic reason.
"""
from __future__ import annotations

import bisect
import json
import posixpath
import re
from typing import Any
from urllib.parse import quote

from dlp.models import FileResult, Finding, Report
from dlp.report import shown_reason

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
TOOL_NAME = "dlp"
LEVELS = {"block": "error", "review": "warning", "info": "note"}
SECURITY_SEVERITY = {"block": "8.0", "review": "5.0", "info": "1.0"}  # GitHub's 0-10 scale
FINGERPRINT = "dlpValueHash/v1"
STDIN_URI = "stdin"
# Media types whose "body" part is the file's own text, so offsets are offsets in the file.
_TEXT_BODY = re.compile(r"^(text/(?!html)|application/(json|x-yaml|yaml|xml)$)")


def artifact_uri(path: str) -> str:
    """The path as a SARIF URI: relative with forward slashes, ``file:`` when absolute."""
    if path == "-":
        return STDIN_URI
    p = path.replace("\\", "/")
    absolute = p.startswith("/") or re.match(r"^[A-Za-z]:/", p) is not None
    p = posixpath.normpath(p) if p not in ("", ".") else p
    if p.startswith("//"):  # normpath keeps a leading '//'
        p = "/" + p.lstrip("/")
    if absolute:
        if not p.startswith("/"):
            p = "/" + p  # C:/x -> /C:/x
        return "file://" + quote(p, safe="/:")
    return quote(p, safe="/")


def _default_levels() -> dict[str, str]:
    """Entity type -> SARIF level under the packaged default policy."""
    from dlp.policy import Policy

    out = {}
    for name, spec in Policy.default().entities.items():
        sev = spec if isinstance(spec, str) else spec.get("default", "review")
        out[name] = LEVELS[sev]
    return out


def _rule(entity: str, lang: str, level: str) -> dict[str, Any]:
    from dlp.report.rules import describe

    d = describe(entity, lang)
    name = "".join(part.capitalize() for part in entity.split("_"))
    sev = {v: k for k, v in LEVELS.items()}[level]
    return {
        "id": entity,
        "name": name,
        "shortDescription": {"text": d["name"]},
        "fullDescription": {"text": f"{d['what']} {d['why']}"},
        "help": {"text": d["fix"], "markdown": f"**{d['name']}**\n\n{d['what']} {d['why']}\n\n{d['fix']}"},
        "defaultConfiguration": {"level": level},
        "properties": {"tags": ["security", "privacy", "dlp"], "security-severity": SECURITY_SEVERITY[sev],
                       "dlp-severity": sev},
    }


_NEWLINE = re.compile(r"\r\n|\r|\n")


class _Lines:
    """Line/column of offsets in a plain-text file, read back from disk for the report.

    The report holds offsets into the decoded text; code-scanning dashboards
    place a result by ``startLine``.  The file goes through the text
    extractor again and is used only if the result still holds every
    finding's text at its offsets (a file changed since the scan, or one read
    by another extractor, gets offsets only).
    """

    def __init__(self, text: str):
        self.text = text
        self.starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]

    @classmethod
    def of(cls, r: FileResult) -> "_Lines | None":
        if r.path == "-" or not any(f.part == "body" for f in r.findings):
            return None
        try:
            with open(r.path, "rb") as fh:
                data = fh.read(r.size + 1) if r.size else b""
        except OSError:
            return None
        if not data or len(data) != r.size:
            return None
        try:
            from dlp.extract.text import extract

            chunks = [c for c in extract(data, None).chunks if c.part == "body"]
            if len(chunks) != 1:
                return None
            lines = cls(chunks[0].text)
        except Exception:  # any decoding trouble: offsets only
            return None
        ok = all(lines.text[f.start:f.end] == f.text for f in r.findings if f.part == "body")
        return lines if ok else None

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of ``offset``."""
        i = bisect.bisect_right(self.starts, offset) - 1
        return i + 1, offset - self.starts[i] + 1


def _region(f: Finding, r: FileResult, redact: bool, lines: _Lines | None) -> dict[str, Any] | None:
    if f.part != "body" or not _TEXT_BODY.match(r.media_type or ""):
        return None
    region: dict[str, Any] = {}
    if lines is not None:
        region["startLine"], region["startColumn"] = lines.position(f.start)
        region["endLine"], region["endColumn"] = lines.position(max(f.start, f.end))
    region["charOffset"] = f.start
    region["charLength"] = max(0, f.end - f.start)
    if not redact:
        region["snippet"] = {"text": f.text}
    return region


def _result(f: Finding, r: FileResult, art: int, rule_index: dict[str, int], lang: str,
            redact: bool, lines: _Lines | None) -> dict[str, Any]:
    from dlp.policy import value_hash

    phys: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(r.path), "index": art}}
    region = _region(f, r, redact, lines)
    if region:
        phys["region"] = region
    location: dict[str, Any] = {"physicalLocation": phys}
    if f.part:
        location["logicalLocations"] = [{"name": f.part, "kind": "part"}]
    props: dict[str, Any] = {"severity": f.severity, "score": f.score, "recognizer": f.recognizer,
                             "part": f.part, "start": f.start, "end": f.end}
    if f.level is not None:
        props["level"] = f.level
    if region is None and not redact:
        props["text"] = f.text  # no region to carry a snippet (a PDF page, a cell, metadata)
    res: dict[str, Any] = {
        "ruleId": f.entity_type,
        "ruleIndex": rule_index[f.entity_type],
        "level": LEVELS.get(f.severity, "warning"),
        "message": {"text": shown_reason(f, lang, redact) or f.entity_type},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT: value_hash(f.entity_type, f.text)},
        "properties": props,
    }
    if f.allowed:
        res["suppressions"] = [{"kind": "external", "status": "accepted",
                                "justification": "allowlist or baseline"}]
    return res


def _notification(r: FileResult, e, art: int, lang: str) -> dict[str, Any]:
    d = e.to_dict(lang)
    loc: dict[str, Any] = {"physicalLocation": {"artifactLocation": {"uri": artifact_uri(r.path), "index": art}}}
    if d.get("part"):
        loc["logicalLocations"] = [{"name": d["part"], "kind": "part"}]
    return {
        "level": "error",
        "message": {"text": f"{r.path}: {d['message']}"},
        "descriptor": {"id": f"dlp/{e.code}"},
        "locations": [loc],
        "properties": {"code": e.code, "verdict": r.verdict},
    }


def _notification_descriptors(report: Report, lang: str) -> list[dict[str, Any]]:
    from dlp.i18n import error_message

    codes = sorted({e.code for r in report.files for e in r.errors})
    return [{"id": f"dlp/{c}", "shortDescription": {"text": error_message(c, "", lang)},
             "defaultConfiguration": {"level": "error"}} for c in codes]


def sarif_dict(report: Report, lang: str = "en", redact: bool = False) -> dict[str, Any]:
    """The SARIF log as a dict (see the module docstring)."""
    from dlp import __version__
    from dlp.report.rules import ORDER

    defaults = _default_levels()
    seen = {f.entity_type for r in report.files for f in r.findings}
    entities = [e for e in ORDER] + sorted((set(defaults) | seen) - set(ORDER))
    rules = [_rule(e, lang, defaults.get(e, "warning")) for e in entities]
    rule_index = {e: i for i, e in enumerate(entities)}

    artifacts, results, notes = [], [], []
    for i, r in enumerate(report.files):
        art: dict[str, Any] = {"location": {"uri": artifact_uri(r.path)},
                               "roles": ["analysisTarget"],
                               "properties": {"path": r.path, "verdict": r.verdict,
                                              "findings": sum(not f.allowed for f in r.findings),
                                              "errors": len(r.errors)}}
        if r.path == "-":
            art["roles"].append("standardStream")
        if r.media_type and "/" in r.media_type:
            art["mimeType"] = r.media_type
        if r.size:
            art["length"] = r.size
        artifacts.append(art)
        lines = _Lines.of(r) if _TEXT_BODY.match(r.media_type or "") else None
        results.extend(_result(f, r, i, rule_index, lang, redact, lines) for f in r.findings)
        notes.extend(_notification(r, e, i, lang) for e in r.errors)

    invocation: dict[str, Any] = {"executionSuccessful": True}
    driver: dict[str, Any] = {"name": TOOL_NAME, "version": __version__, "semanticVersion": __version__,
                              "language": "id-ID" if lang == "id" else "en-US", "rules": rules}
    if notes:
        invocation["toolExecutionNotifications"] = notes
        driver["notifications"] = _notification_descriptors(report, lang)
    run = {
        "tool": {"driver": driver},
        "invocations": [invocation],
        "artifacts": artifacts,
        "results": results,
        "columnKind": "unicodeCodePoints",
        "properties": {"verdict": report.verdict, "summary": report.summary(), "redacted": redact,
                       "schema": "dlp-report/1"},
    }
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def render_sarif(report: Report, lang: str = "en", redact: bool = False) -> str:
    return json.dumps(sarif_dict(report, lang, redact), ensure_ascii=False, indent=2) + "\n"
