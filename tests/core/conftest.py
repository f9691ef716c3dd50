"""Fixtures of the core tests; the helpers themselves are in ``core_helpers.py``."""
from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _no_fingerprint_salt(monkeypatch):
    """Fingerprints in goldens are computed without a salt."""
    monkeypatch.delenv("DLP_FINGERPRINT_SALT", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
