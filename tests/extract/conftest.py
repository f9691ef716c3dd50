"""Fixtures for the extractor tests: the file factories and one shared scanner."""
from __future__ import annotations

import importlib.util
import pathlib

import pytest

_spec = importlib.util.spec_from_file_location("dlp_tests_extract_factories",
                                               pathlib.Path(__file__).with_name("factories.py"))
factories_module = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(factories_module)


@pytest.fixture(scope="session")
def f():
    """The file factories (:mod:`tests/extract/factories.py`)."""
    return factories_module


@pytest.fixture(scope="session")
def scanner():
    """One scanner for the end-to-end tests (building the engine takes a few seconds)."""
    from dlp.pipeline import Scanner

    return Scanner()


def by_part(extraction) -> dict[str, list[str]]:
    """``{part: [texts]}`` of an extraction, in order."""
    out: dict[str, list[str]] = {}
    for c in extraction.chunks:
        out.setdefault(c.part, []).append(c.text)
    return out


def error_codes(extraction) -> list[tuple[str, str]]:
    return [(e.code, e.part) for e in extraction.errors]


@pytest.fixture(scope="session")
def parts():
    return by_part


@pytest.fixture(scope="session")
def codes():
    return error_codes
