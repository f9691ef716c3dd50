"""Fixtures for the OCR tests: the picture factories and one shared scanner."""
from __future__ import annotations

import importlib.util
import pathlib

import pytest

_spec = importlib.util.spec_from_file_location("dlp_tests_ocr_images", pathlib.Path(__file__).with_name("images.py"))
images_module = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(images_module)


@pytest.fixture(autouse=True)
def tesseract_engine(monkeypatch):
    """Tesseract, the engine every set-up has, unless a test asks for another: the same results
    with or without the optional RapidOCR installed, and fast."""
    monkeypatch.setenv("DLP_OCR_ENGINE", "tesseract")


@pytest.fixture(scope="session")
def img():
    """The picture factories (:mod:`tests/ocr/images.py`)."""
    return images_module


@pytest.fixture(scope="session")
def scanner():
    from dlp.pipeline import Scanner

    return Scanner()

