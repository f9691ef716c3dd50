"""Policy: which findings matter, how much, and the verdict they add up to.

The default policy (``default_policy.yaml``, packaged) is the report
contract's.  ``--policy FILE`` is merged over it: severities are overridden
entity by entity, allowlist entries are added.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from dlp.models import SEVERITIES, FileResult, Finding

_RANK = {s: i for i, s in enumerate(SEVERITIES)}
_COMPACT = re.compile(r"[\W_]+", re.UNICODE)


class PolicyError(ValueError):
    """A policy file that cannot be used."""


def compact(value: str) -> str:
    """Case-folded value with spaces and punctuation removed (for comparison)."""
    return _COMPACT.sub("", value).casefold()


@dataclass
class AllowRule:
    value: str | None = None
    regex: re.Pattern | None = None
    entity: str | None = None

    def matches(self, finding: Finding) -> bool:
        if self.entity and self.entity != finding.entity_type:
            return False
        if self.value is not None:
            return compact(finding.text) == self.value
        return bool(self.regex and self.regex.fullmatch(finding.text.strip()))


@dataclass
class Policy:
    entities: dict[str, Any]
    min_score: float = 0.4
    unknown_entity: str = "review"
    unreadable: str = "review"
    allowlist: list[AllowRule] = field(default_factory=list)

    # -- loading -----------------------------------------------------------------
    @classmethod
    def default(cls) -> "Policy":
        return cls.from_dict(_default_dict())

    @classmethod
    def load(cls, path: str | Path | None) -> "Policy":
        """The default policy, with the file at ``path`` merged over it."""
        base = _default_dict()
        if path is None:
            return cls.from_dict(base)
        try:
            with open(path, encoding="utf-8") as fh:
                override = yaml.safe_load(fh) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise PolicyError(f"{path}: {exc}") from exc
        if not isinstance(override, dict):
            raise PolicyError(f"{path}: top level must be a mapping")
        return cls.from_dict(merge(base, override))

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Policy":
        entities = d.get("entities") or {}
        for name, spec in entities.items():
            for sev in _severities_in(spec):
                if sev not in _RANK:
                    raise PolicyError(f"entities.{name}: unknown severity {sev!r}")
        for key in ("unknown_entity", "unreadable"):
            if d.get(key, "review") not in _RANK:
                raise PolicyError(f"{key}: unknown severity {d.get(key)!r}")
        rules = []
        for i, entry in enumerate(d.get("allowlist") or []):
            if isinstance(entry, str):
                entry = {"value": entry}
            if not isinstance(entry, dict) or not ({"value", "regex"} & entry.keys()):
                raise PolicyError(f"allowlist[{i}]: needs `value` or `regex`")
            try:
                rx = re.compile(entry["regex"], re.IGNORECASE) if "regex" in entry else None
            except re.error as exc:
                raise PolicyError(f"allowlist[{i}]: bad regex: {exc}") from exc
            rules.append(AllowRule(value=compact(str(entry["value"])) if "value" in entry else None,
                                   regex=rx, entity=entry.get("entity")))
        return cls(entities=entities, min_score=float(d.get("min_score", 0.4)),
                   unknown_entity=d.get("unknown_entity", "review"),
                   unreadable=d.get("unreadable", "review"), allowlist=rules)

    # -- applying ----------------------------------------------------------------
    def severity(self, finding: Finding) -> str:
        spec = self.entities.get(finding.entity_type)
        if spec is None:
            return self.unknown_entity
        if isinstance(spec, str):
            return spec
        levels = spec.get("levels") or {}
        if finding.level is not None and finding.level in levels:
            return levels[finding.level]
        return spec.get("default", self.unknown_entity)

    def allowed(self, finding: Finding) -> bool:
        return any(rule.matches(finding) for rule in self.allowlist)

    def apply(self, result: FileResult) -> FileResult:
        """Set each finding's severity and allowed flag, and the file's verdict."""
        worst = "info"
        for f in result.findings:
            f.severity = self.severity(f)
            f.allowed = f.allowed or self.allowed(f)
            if not f.allowed:
                worst = max(worst, f.severity, key=_RANK.__getitem__)
        if result.errors:
            worst = max(worst, self.unreadable, key=_RANK.__getitem__)
        result.verdict = "safe" if worst == "info" else worst
        return result


def worst_verdict(verdicts) -> str:
    order = {"safe": 0, "review": 1, "block": 2}
    return max(verdicts, key=order.__getitem__, default="safe")


def merge(base: dict, override: dict) -> dict:
    """``override`` over ``base``: mappings merged, allowlists concatenated."""
    out = dict(base)
    for key, val in override.items():
        if key == "allowlist":
            out[key] = list(base.get(key) or []) + list(val or [])
        elif key == "entities" and isinstance(val, dict):
            out[key] = {**(base.get(key) or {}), **val}
        else:
            out[key] = val
    return out


def _severities_in(spec) -> list[str]:
    if isinstance(spec, str):
        return [spec]
    if isinstance(spec, dict):
        return [spec.get("default", "review"), *(spec.get("levels") or {}).values()]
    raise PolicyError(f"bad entity severity: {spec!r}")


_DEFAULT_CACHE: dict | None = None


def _default_dict() -> dict:
    global _DEFAULT_CACHE
    if _DEFAULT_CACHE is None:
        text = resources.files("dlp").joinpath("default_policy.yaml").read_text(encoding="utf-8")
        _DEFAULT_CACHE = yaml.safe_load(text)
    import copy

    return copy.deepcopy(_DEFAULT_CACHE)
