"""Baselines: findings already known and accepted, so CI fails only on new ones.

``dlp baseline create PATH... -o .dlp-baseline.json`` records every finding of
a scan; ``dlp scan --baseline .dlp-baseline.json`` then marks findings it
records as allowed (``"allowed": true`` in JSON): they are still reported but
no longer count for the verdict or the exit status.

What is stored (as detect-secrets does): never the matched text, only a salted
SHA-256 of the entity type and the *normalized* text (NFKC, case-folded,
spaces and punctuation removed, the comparison the policy's allowlist uses),
so ``3171 0123 0485 0001`` and ``3171-0123-0485-0001`` are one value; it is
:func:`dlp.policy.value_hash`, the fingerprint SARIF reports carry, with the
baseline's salt.  The salt is random per baseline and kept when the file is
re-created, so a refreshed baseline diffs cleanly.  Caveat: identifiers are short and
structured, so a hash of one can be brute-forced by whoever holds the file
and its salt; a baseline is no place to publish, just no plain-text leak.

The path is *not* part of the key: moving or renaming a file must not make
its old findings new, and the same value already accepted in one file is
known to whoever reviews the repository.  The paths where a value was seen
are stored beside the hash (``paths``), for people reviewing the baseline
only; they play no part in matching.

File format (``dlp-baseline/1``)::

    {"schema": "dlp-baseline/1", "hash": "sha256", "salt": "9f0c...",
     "entries": [{"entity_type": "ID_NIK", "hash": "5b1e...", "paths": ["drafts/a.txt"]}]}
"""
from __future__ import annotations

import json
import os
import secrets
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from dlp.models import FileResult, Finding
from dlp.policy import compact, value_hash

SCHEMA = "dlp-baseline/1"
DEFAULT_FILE = ".dlp-baseline.json"


class BaselineError(ValueError):
    """A baseline file that cannot be used."""


def normalized(text: str) -> str:
    """The form of a matched text that is hashed (see the module docstring)."""
    return compact(unicodedata.normalize("NFKC", text))


@dataclass
class Baseline:
    salt: str = field(default_factory=lambda: secrets.token_hex(16))
    entries: dict[str, dict] = field(default_factory=dict)  # hash -> {"entity_type", "hash", "paths"}

    def key(self, entity_type: str, text: str) -> str:
        """The value's fingerprint under this baseline's salt (:func:`dlp.policy.value_hash`)."""
        return value_hash(entity_type, text, salt=self.salt)

    def __contains__(self, finding: Finding) -> bool:
        return self.key(finding.entity_type, finding.text) in self.entries

    def __len__(self) -> int:
        return len(self.entries)

    def add(self, finding: Finding, path: str) -> None:
        k = self.key(finding.entity_type, finding.text)
        entry = self.entries.setdefault(k, {"entity_type": finding.entity_type, "hash": k, "paths": []})
        if path and path not in entry["paths"]:
            entry["paths"].append(path)

    def add_results(self, results: Iterable[FileResult]) -> None:
        """Record every finding of ``results`` that no allowlist already accepts."""
        for r in results:
            for f in r.findings:
                if not f.allowed:
                    self.add(f, r.path)

    def mark(self, findings: Iterable[Finding]) -> int:
        """Mark the findings this baseline records as allowed; returns how many."""
        n = 0
        for f in findings:
            if not f.allowed and f in self:
                f.allowed = True
                n += 1
        return n

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for e in self.entries.values():
            out[e["entity_type"]] = out.get(e["entity_type"], 0) + 1
        return dict(sorted(out.items(), key=lambda kv: (-kv[1], kv[0])))

    # -- files ---------------------------------------------------------------
    def to_dict(self) -> dict:
        entries = sorted(self.entries.values(), key=lambda e: (e["entity_type"], e["hash"]))
        return {
            "schema": SCHEMA,
            "hash": "sha256",
            "salt": self.salt,
            "entries": [{"entity_type": e["entity_type"], "hash": e["hash"], "paths": sorted(e["paths"])}
                        for e in entries],
        }

    def dumps(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"

    def save(self, path: str | Path) -> None:
        path = Path(path)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(self.dumps(), encoding="utf-8")
        os.replace(tmp, path)

    @classmethod
    def from_dict(cls, d: dict) -> "Baseline":
        if not isinstance(d, dict) or d.get("schema") != SCHEMA:
            raise BaselineError(f"not a {SCHEMA} file")
        salt = d.get("salt", "")
        try:
            bytes.fromhex(salt)
        except (TypeError, ValueError):
            raise BaselineError("bad salt") from None
        if d.get("hash", "sha256") != "sha256":
            raise BaselineError(f"unknown hash {d.get('hash')!r}")
        b = cls(salt=salt)
        for i, e in enumerate(d.get("entries") or []):
            if not isinstance(e, dict) or not isinstance(e.get("hash"), str) or "entity_type" not in e:
                raise BaselineError(f"entries[{i}]: needs entity_type and hash")
            b.entries[e["hash"]] = {"entity_type": str(e["entity_type"]), "hash": e["hash"],
                                    "paths": [str(p) for p in e.get("paths") or []]}
        return b

    @classmethod
    def load(cls, path: str | Path) -> "Baseline":
        try:
            with open(path, encoding="utf-8") as fh:
                data = json.load(fh)
        except (OSError, ValueError) as exc:
            raise BaselineError(f"{path}: {exc}") from exc
        try:
            return cls.from_dict(data)
        except BaselineError as exc:
            raise BaselineError(f"{path}: {exc}") from exc
