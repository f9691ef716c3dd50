"""dlp: a data-leak-prevention scanner for Indonesian government drafts.

Data flows one way: extract -> analyze -> policy -> report.  The public entry
points are :func:`dlp.pipeline.Scanner` for code and the ``dlp`` command.
"""
from pathlib import Path as _Path

__version__ = "0.1.0"

# Installed, setuptools maps the repository's top-level `classifiers/` and
# `patterns/` into this package.  Run from a plain checkout (cli.py, `python -m
# dlp` in the repository root) they are found by adding the repository root to
# this package's search path, so `dlp.classifiers` is the same module either way.
_here = _Path(__file__).resolve().parent
if not (_here / "classifiers").exists() and (_here.parent / "classifiers" / "__init__.py").exists():
    __path__.append(str(_here.parent))  # type: ignore[name-defined]
