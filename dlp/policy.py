"""Policy: which findings matter, how much, and the verdict they add up to.

The default policy (``default_policy.yaml``, packaged) is the report
contract's.  ``--policy FILE`` is merged over it: severities are overridden
entity by entity, allowlist entries are added.
"""
from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from dlp.models import SEVERITIES, FileResult, Finding

_RANK = {s: i for i, s in enumerate(SEVERITIES)}
# libyaml's loader when PyYAML has it (10x faster to start; same YAML 1.1 rules)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_COMPACT = re.compile(r"[\W_]+", re.UNICODE)


class PolicyError(ValueError):
    """A policy file that cannot be used."""


def compact(value: str) -> str:
    """The value as compared: NFKC, case-folded, spaces and punctuation removed.

    ``(022) 720-8000``, ``022 7208000`` and full-width ``０２２７２０８０００`` are
    one value.
    """
    if not value.isascii():
        value = unicodedata.normalize("NFKC", value)
    return _COMPACT.sub("", value).casefold()


def value_hash(entity_type: str, text: str, salt: str | None = None) -> str:
    """A stable fingerprint of a finding's value that does not reveal it casually.

    SHA-256 of the entity type and the :func:`compact` form of the text, so a
    value re-spaced or re-punctuated keeps its fingerprint.  ``salt`` defaults
    to ``DLP_FINGERPRINT_SALT`` from the environment: set it (a CI secret) to
    keep fingerprints in SARIF files from being brute-forced - NIKs and phone
    numbers are short and structured, so an unsalted hash only stops a casual
    reader.
    """
    if salt is None:
        salt = os.environ.get("DLP_FINGERPRINT_SALT", "")
    h = hashlib.sha256()
    h.update(b"dlp-value/1\0")
    h.update(salt.encode("utf-8"))
    h.update(b"\0")
    h.update(entity_type.encode("utf-8"))
    h.update(b"\0")
    h.update(compact(text).encode("utf-8"))
    return h.hexdigest()


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
        if self.regex is None:
            return False
        text = finding.text.strip()
        if self.regex.fullmatch(text):
            return True
        folded = unicodedata.normalize("NFKC", text)
        return folded != text and bool(self.regex.fullmatch(folded))


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
                override = yaml.load(fh, Loader=_LOADER)
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            raise PolicyError(f"{path}: {exc}") from exc
        if override is None:
            override = {}
        if not isinstance(override, dict):
            raise PolicyError(f"{path}: top level must be a mapping")
        try:
            return cls.from_dict(merge(base, override))
        except PolicyError as exc:
            raise PolicyError(f"{path}: {exc}") from None

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Policy":
        """Build a policy from its YAML form; :class:`PolicyError` on anything unusable."""
        if not isinstance(d, dict):
            raise PolicyError("top level must be a mapping")
        version = d.get("version", 1)
        if version != 1:
            raise PolicyError(f"version: unsupported policy version {version!r} (this dlp reads 1)")
        entities = d.get("entities") or {}
        if not isinstance(entities, dict):
            raise PolicyError("entities: must be a mapping of entity type to severity")
        entities = {str(name): _entity_spec(str(name), spec) for name, spec in entities.items()}
        sev = {}
        for key in ("unknown_entity", "unreadable"):
            sev[key] = _severity(d.get(key, "review"), key)
        if sev["unreadable"] == "info":
            # The contract: a file not fully read is at least `review`, whatever the policy.
            raise PolicyError("unreadable: must be review or block (a file not fully read is never safe)")
        try:
            min_score = float(d.get("min_score", 0.4))
        except (TypeError, ValueError):
            raise PolicyError(f"min_score: not a number: {d.get('min_score')!r}") from None
        if not 0.0 <= min_score <= 1.0:
            raise PolicyError(f"min_score: must be between 0 and 1, not {min_score}")
        allow = d.get("allowlist") or []
        if not isinstance(allow, list):
            raise PolicyError("allowlist: must be a list")
        rules = [_allow_rule(i, entry) for i, entry in enumerate(allow)]
        return cls(entities=entities, min_score=min_score, unknown_entity=sev["unknown_entity"],
                   unreadable=sev["unreadable"], allowlist=rules)

    # -- applying ----------------------------------------------------------------
    def severity(self, finding: Finding) -> str:
        spec = self.entities.get(finding.entity_type)
        if spec is None:
            return self.unknown_entity
        if isinstance(spec, str):
            return spec
        levels = spec.get("levels") or {}
        if finding.level is not None and str(finding.level) in levels:
            return levels[str(finding.level)]
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
    """``override`` over ``base``: entities merged one by one, allowlists concatenated.

    An entity given as a mapping in both is merged too (``levels`` key by key),
    so a policy can change one level (``ID_LETTER_NUMBER: {levels: {B: info}}``)
    without repeating the others; given as a plain severity it replaces the
    whole entry.
    """
    out = dict(base)
    for key, val in override.items():
        if key == "allowlist":
            if val is not None and not isinstance(val, list):
                raise PolicyError("allowlist: must be a list")
            out[key] = list(base.get(key) or []) + list(val or [])
        elif key == "entities" and isinstance(val, dict):
            merged = dict(base.get(key) or {})
            for name, spec in val.items():
                old = merged.get(name)
                if isinstance(spec, dict) and isinstance(old, dict):
                    levels = spec.get("levels")
                    spec = {**old, **spec}
                    if isinstance(levels, dict) and isinstance(old.get("levels"), dict):
                        spec["levels"] = {**old["levels"], **levels}
                merged[name] = spec
            out[key] = merged
        else:
            out[key] = val
    return out


def _severity(value, where: str) -> str:
    sev = value.strip().lower() if isinstance(value, str) else value
    if sev not in _RANK:
        raise PolicyError(f"{where}: unknown severity {value!r} (use info, review or block)")
    return sev


def _entity_spec(name: str, spec) -> str | dict:
    """A checked entity entry: a severity, or ``{default: sev, levels: {LEVEL: sev}}``."""
    where = f"entities.{name}"
    if isinstance(spec, str):
        return _severity(spec, where)
    if not isinstance(spec, dict):
        raise PolicyError(f"{where}: bad entry {spec!r} (a severity, or a mapping with default/levels)")
    unknown = set(spec) - {"default", "levels", "note"}
    if unknown:
        raise PolicyError(f"{where}: unknown key(s) {', '.join(sorted(map(str, unknown)))}")
    levels = spec.get("levels") or {}
    if not isinstance(levels, dict):
        raise PolicyError(f"{where}.levels: must be a mapping of level to severity")
    out: dict[str, Any] = {"default": _severity(spec.get("default", "review"), f"{where}.default"),
                           "levels": {str(k): _severity(v, f"{where}.levels.{k}") for k, v in levels.items()}}
    return out


def _allow_rule(i: int, entry) -> AllowRule:
    where = f"allowlist[{i}]"
    if isinstance(entry, str):
        entry = {"value": entry}
    if not isinstance(entry, dict) or not ({"value", "regex"} & entry.keys()):
        raise PolicyError(f"{where}: needs `value` or `regex`")
    unknown = set(entry) - {"value", "regex", "entity", "note"}
    if unknown:
        raise PolicyError(f"{where}: unknown key(s) {', '.join(sorted(map(str, unknown)))}")
    if "value" in entry and "regex" in entry:
        raise PolicyError(f"{where}: give `value` or `regex`, not both")
    entity = entry.get("entity")
    if entity is not None and not isinstance(entity, str):
        raise PolicyError(f"{where}.entity: must be an entity type name")
    if "regex" in entry:
        if not isinstance(entry["regex"], str) or not entry["regex"]:
            raise PolicyError(f"{where}.regex: must be a non-empty string")
        try:
            rx = re.compile(entry["regex"], re.IGNORECASE)
        except re.error as exc:
            raise PolicyError(f"{where}: bad regex: {exc}") from exc
        return AllowRule(regex=rx, entity=entity)
    value = entry["value"]
    if not isinstance(value, str):
        # YAML reads 021234567 as the octal number 4536695, 6281234567890 as an int:
        # the value is not what was written and would silently never match.
        raise PolicyError(f"{where}.value: {value!r} is not text; put the value in quotes")
    folded = compact(str(value))
    if not folded:
        # All punctuation: it would compare equal to any finding that is too.
        raise PolicyError(f"{where}.value: {value!r} has no letters or digits")
    return AllowRule(value=folded, entity=entity)


_DEFAULT_CACHE: dict | None = None


def _default_dict() -> dict:
    global _DEFAULT_CACHE
    if _DEFAULT_CACHE is None:
        text = resources.files("dlp").joinpath("default_policy.yaml").read_text(encoding="utf-8")
        _DEFAULT_CACHE = yaml.load(text, Loader=_LOADER)
    import copy

    return copy.deepcopy(_DEFAULT_CACHE)
