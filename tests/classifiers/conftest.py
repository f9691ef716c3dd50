"""Shared by the recognizer tests: the number factories and one analyzer.

``factories.py`` is registered as the module ``dlp_tests_classifiers_factories``
(by path: ``tests/extract`` has a ``factories.py`` of its own), so a test module
can ``import dlp_tests_classifiers_factories as F`` for its tables.
"""
from __future__ import annotations

import importlib.util
import pathlib
import sys

import pytest

FACTORIES = "dlp_tests_classifiers_factories"
if FACTORIES not in sys.modules:
    _spec = importlib.util.spec_from_file_location(FACTORIES, pathlib.Path(__file__).with_name("factories.py"))
    _mod = importlib.util.module_from_spec(_spec)
    sys.modules[FACTORIES] = _mod
    _spec.loader.exec_module(_mod)


@pytest.fixture(scope="session")
def analyzer():
    """The real engine with every recognizer (built once)."""
    from dlp.analyze import Analyzer

    return Analyzer()
