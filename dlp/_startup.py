"""Cold-start trimming: make ``echo draft | dlp scan -`` start faster.

A one-draft check spends most of its time importing, not analysing.  Without
these hooks ``import presidio_analyzer`` costs about 1.1 s: Presidio's package
``__init__`` imports every NLP engine, so spaCy (~0.8 s, of which ~0.3 s is
spaCy's own command-line interface: weasel, requests, httpx, jinja2, ...), and
every predefined recognizer, whose class-level ``Pattern`` objects compile
their regex at import only to validate it (~0.2 s, most of it Presidio's URL
pattern, which dlp never runs).  Those compiled objects are thrown away:
``PatternRecognizer`` compiles every pattern again, with its flags, the first
time it analyses.  dlp itself never uses spaCy: its engine runs Presidio's
``NoOpNlpEngine`` (see :func:`dlp.analyze.build_engine`) and no recognizer
asks for tokens.

:func:`install` adds import hooks, each scoped to the one import it changes;
no installed file is touched.  Only the command line installs them
(:mod:`dlp.cli`); importing dlp as a library changes nothing.

Tier 1 (always, unless ``DLP_NO_FAST_START=1``)
-----------------------------------------------

``spacy`` without its CLI
    While ``spacy/__init__.py`` runs, ``spacy.cli`` and ``spacy.cli.info`` are
    placeholders, so the CLI stack is not imported; they leave
    ``sys.modules`` right after, so a later ``import spacy.cli`` loads the real
    one.  ``spacy.info`` becomes a function that imports the real one on call.
    Nothing that analyses text uses spaCy's CLI.

Presidio patterns validated when first used
    ``Pattern``'s construction-time regex validation is skipped: a bad regex
    in a rule pack still fails (``regex.error`` on the first analysis, and
    ``tests/core`` compiles every shipped pattern), but the ~170 patterns of
    recognizers dlp never runs are never compiled.

Tier 2: Presidio without spaCy (on by default for verified Presidio releases)
----------------------------------------------------------------------------

While ``presidio_analyzer`` imports, stand-in ``spacy`` modules (and a
stand-in for Presidio's Hugging Face component, which pulls ``thinc``)
provide the few names Presidio touches at import time (``spacy.tokens.Doc``,
``spacy.vocab.Vocab``, ``spacy.language.Language`` and its decorators,
``spacy.util.registry``, ...) and the empty ``Doc``/``Vocab`` its no-op NLP
engine builds for every call.  They leave ``sys.modules`` right after, so a
later ``import spacy`` loads real spaCy normally.  Real spaCy is then never
imported by a scan: a one-draft check starts about 0.45 s sooner.

What is safe.  It is on by default only when the installed presidio-analyzer
is a plain release inside :data:`STUB_VERIFIED` (:func:`stub_verified`; the
version is read from the ``.dist-info`` folder beside the package, well under
a millisecond, no import).  Each version in that range was checked: same
findings with stand-ins as with real spaCy, on every kind of entity dlp
reports, in ``dlp scan`` reports over the dev corpus, and the tests of
``tests/core/test_cold_start_*.py`` (``test_cold_start_default.py`` runs that
comparison against whichever release is installed).  Any other version (older, newer, a pre-release, a
layout where the version cannot be read) silently gets tier 1 only.  And
should an import under stand-ins fail anyway (a Presidio release needing a
spaCy name they lack), the import is redone with real spaCy: the gain is lost,
nothing breaks.

What could break.  The stand-ins rest on how Presidio uses spaCy, not on a
public contract: a Presidio release that *uses* spaCy objects differently at
run time with the no-op engine could misbehave (that is why the range is
closed and each new release must be checked before it is added).  In a
process that ran the hooks, Presidio's modules keep the stand-ins they
imported: Presidio's spaCy, Stanza and transformers NLP engines, and any code
that hands Presidio a real spaCy ``Doc`` or tokens, are not supported there (the
stand-in ``Doc`` refuses tokens with a ``RuntimeError`` naming this switch).
Plain ``import spacy`` and ``spacy.blank`` keep working.

Switches (environment)
----------------------

``DLP_STUB_SPACY``
    unset, empty or ``auto``: tier 2 when the Presidio version is verified;
    ``0`` / ``false`` / ``no`` / ``off``: never (tier 1 only);
    ``1`` / ``true`` / ``yes`` / ``on``: always, whatever the version.
``DLP_NO_FAST_START=1``
    no hook at all (tiers 1 and 2), for a plain Presidio import.
"""
from __future__ import annotations

import importlib
import importlib.abc
import os
import sys
import types

_INSTALLED: set[str] = set()
_TIER2: bool | None = None  # tier 2 chosen by the first install() call (None: not called yet)


# -- the import-hook mechanism ------------------------------------------------------
class _HookLoader(importlib.abc.Loader):
    """Wraps a module's real loader with code run before and after it executes.

    With ``retry``, a module whose execution fails under the hook is executed
    again without it (after ``after`` has undone ``before`` and the package's
    half-imported submodules are dropped): a hook that no longer fits the
    installed library costs its gain, not the program.
    """

    def __init__(self, loader, before=None, after=None, retry=False):
        self._loader = loader
        self._before = before
        self._after = after
        self._retry = retry

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module):
        token = self._before(module) if self._before else None
        undone = False
        try:
            self._loader.exec_module(module)
        except Exception:
            if not self._retry:
                raise
            if self._after:
                self._after(module, token)
            undone = True
            prefix = module.__name__ + "."
            for name in [n for n in sys.modules if n.startswith(prefix)]:
                del sys.modules[name]
            self._loader.exec_module(module)
        finally:
            if self._after and not undone:
                self._after(module, token)

    def __getattr__(self, name):  # get_code, get_source, is_package, get_resource_reader ...
        return getattr(self._loader, name)


class _HookFinder(importlib.abc.MetaPathFinder):
    """Finds a hooked module's real spec with the other finders, then wraps its loader (once)."""

    def __init__(self, name: str, before=None, after=None, retry=False):
        self.name = name
        self.hook = (before, after, retry)
        self.done = False

    def find_spec(self, name, path, target=None):
        if self.done or name != self.name:
            return None
        self.done = True  # one shot; also keeps the search below from finding us
        spec = None
        for finder in list(sys.meta_path):
            find = getattr(finder, "find_spec", None)
            spec = find(name, path, target) if find else None
            if spec is not None:
                break
        if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
            return spec
        spec.loader = _HookLoader(spec.loader, *self.hook)
        return spec


def _hook(name: str, before=None, after=None, retry=False) -> bool:
    if name in sys.modules or name in _INSTALLED:
        return False
    sys.meta_path.insert(0, _HookFinder(name, before, after, retry))
    _INSTALLED.add(name)
    return True


def _place(stubs: dict) -> dict:
    """Put stand-in modules in ``sys.modules`` where no real one is; return those placed."""
    placed = {n: m for n, m in stubs.items() if n not in sys.modules}
    sys.modules.update(placed)
    return placed


def _remove(placed: dict) -> None:
    for name, stub in (placed or {}).items():
        if sys.modules.get(name) is stub:
            del sys.modules[name]
        parent, _, child = name.rpartition(".")
        if parent and getattr(sys.modules.get(parent), child, None) is stub:
            delattr(sys.modules[parent], child)


# -- tier 1: spaCy without its CLI ------------------------------------------------------
def _spacy_info(*args, **kwargs):
    """``spacy.info``: the real one, imported on first call."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


def _before_spacy(module):
    stubs = {}
    for name in ("spacy.cli", "spacy.cli.info"):
        stub = types.ModuleType(name, "placeholder while spaCy imports (dlp._startup)")
        stub.info = _spacy_info
        stubs[name] = stub
    return _place(stubs)


def _after_spacy(module, placed):
    _remove(placed)


# -- tier 1: Presidio patterns validated when first used ----------------------------
def _no_validation(pattern: str) -> None:
    return None


def _after_pattern(module, _token):
    cls = getattr(module, "Pattern", None)
    if cls is not None and hasattr(cls, "_Pattern__validate_regex"):
        cls._Pattern__validate_regex = staticmethod(_no_validation)


# -- tier 2: Presidio without spaCy (default where verified) --------------------------
def _real(name: str):
    return importlib.import_module(name)


class _Forward(types.ModuleType):
    """A stand-in module; names it does not define come from the real module, once it can load."""

    def __getattr__(self, name):
        if name.startswith("__") or sys.modules.get(self.__name__) is self:
            raise AttributeError(name)  # still standing in: the real module cannot load yet
        return getattr(_real(self.__name__), name)


class _Vocab:
    """Stand-in for ``spacy.vocab.Vocab``: the no-op NLP engine only keeps one."""

    def __init__(self, *args, **kwargs):
        self.strings = ()


class _Doc:
    """Stand-in for ``spacy.tokens.Doc``: the empty token list of the no-op NLP engine."""

    def __init__(self, vocab=None, words=None, *args, **kwargs):
        if words:
            raise RuntimeError("spaCy stand-in (dlp._startup) holds no tokens; set DLP_STUB_SPACY=0 "
                               "for real spaCy")
        self.vocab = vocab
        self.ents = ()
        self.text = ""

    def __len__(self):
        return 0

    def __iter__(self):
        return iter(())

    @classmethod
    def set_extension(cls, *args, **kwargs):
        return None

    @classmethod
    def has_extension(cls, name):
        return False


class _Language:
    """Stand-in for ``spacy.language.Language``: its decorators, registering nothing."""

    @classmethod
    def factory(cls, *args, **kwargs):
        return lambda fn: fn

    @classmethod
    def component(cls, *args, **kwargs):
        return lambda fn: fn


class _Registry:
    """Stand-in for ``spacy.util.registry``: decorators that register nothing."""

    def __getattr__(self, name):
        return lambda *a, **k: (lambda fn: fn)


def _blank(*args, **kwargs):
    """``spacy.blank`` through a stand-in: the real one, imported on call."""
    return _real("spacy").blank(*args, **kwargs)


def _spacy_stubs() -> dict:
    names = ("spacy", "spacy.tokens", "spacy.vocab", "spacy.language", "spacy.util", "spacy.pipeline")
    mods = {n: _Forward(n, "stand-in while presidio_analyzer imports (dlp._startup)") for n in names}
    top = mods["spacy"]
    top.__path__ = []
    tokens = mods["spacy.tokens"]
    tokens.Doc = _Doc
    tokens.Span = type("Span", (), {})
    tokens.Token = type("Token", (), {})
    tokens.SpanGroup = type("SpanGroup", (), {})
    mods["spacy.vocab"].Vocab = _Vocab
    mods["spacy.language"].Language = _Language
    mods["spacy.util"].registry = _Registry()
    mods["spacy.pipeline"].Pipe = type("Pipe", (), {})
    top.Language, top.blank = _Language, _blank
    for n in names[1:]:
        setattr(top, n.split(".")[1], mods[n])
    hf = types.ModuleType("presidio_analyzer.nlp_engine.huggingface_token_pipe",
                          "stand-in: Presidio's transformers component is off (dlp._startup)")
    hf.FACTORY_NAME = "presidio_hf_token_pipe"
    hf.is_available = lambda: False
    mods[hf.__name__] = hf
    return mods


def _before_presidio(module):
    if "spacy" in sys.modules:
        return {}
    return _place(_spacy_stubs())


def _after_presidio(module, placed):
    _remove(placed)


# -- which Presidio releases the stand-ins were verified against -----------------------
STUB_VERIFIED = ((2, 2, 364), (2, 2, 366))
"""Inclusive range of presidio-analyzer releases checked with the stand-ins (tier 2 by default).

2.2.364 is the first release with ``NoOpNlpEngine`` (older ones cannot run
dlp at all); 2.2.366 is the newest checked.  To add a release: install it (or
``pip install --no-deps --target DIR`` and put DIR first on ``PYTHONPATH``),
run ``python -m pytest tests/core/test_cold_start_default.py
tests/core/test_cold_start_hooks.py`` (same findings with and without real
spaCy), compare ``dlp scan --format json`` of the dev corpus with
``DLP_STUB_SPACY=0`` and ``=1``, then raise the upper bound.
"""

_DIST = "presidio_analyzer"
_OFF = ("0", "false", "no", "off")
_ON = ("1", "true", "yes", "on")


def stub_verified(version: str | None) -> bool:
    """Is ``version`` a plain presidio-analyzer release inside :data:`STUB_VERIFIED`?

    ``"2.2.366"`` -> True; ``"2.2.367"``, ``"2.3.0"``, ``"2.2.366rc1"``,
    ``"2.2.366.post1"``, ``"2.2.366+local"``, ``None`` -> False (unverified:
    real spaCy).
    """
    parts = (version or "").strip().split(".")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):  # pre/post/dev/local: unverified
        return False
    low, high = STUB_VERIFIED
    return low <= tuple(int(p) for p in parts) <= high


def presidio_version() -> str | None:
    """The version of the presidio-analyzer that ``import presidio_analyzer`` would load, or None.

    Read from the one ``presidio_analyzer-<version>.dist-info`` folder beside
    the package that the import system finds (no import, no metadata
    parsing: well under a millisecond).  With no such folder there (an
    editable or unusual install) ``importlib.metadata`` answers (~20 ms);
    with several (a stale leftover) the answer is None: unknown.
    """
    import importlib.util

    try:
        spec = importlib.util.find_spec(_DIST)
    except (ImportError, ValueError):
        return None
    locations = list(getattr(spec, "submodule_search_locations", None) or []) if spec else []
    if not locations:
        return None
    found = []
    for location in locations:
        parent = os.path.dirname(os.path.abspath(location))
        try:
            names = os.listdir(parent)
        except OSError:
            continue
        for name in names:
            stem, dot, suffix = name.rpartition(".")
            dist, _, version = stem.partition("-")
            if suffix == "dist-info" and dot and dist.lower().replace(".", "_").replace("-", "_") == _DIST:
                found.append(version)
    if len(found) == 1:
        return found[0]
    if found:
        return None
    try:
        from importlib import metadata

        return metadata.version("presidio-analyzer")
    except Exception:  # noqa: BLE001 - any failure means: unknown, so unverified
        return None


def stub_spacy_default() -> bool:
    """Tier 2 or not, from ``DLP_STUB_SPACY`` (see the module docstring) and the Presidio version."""
    flag = os.environ.get("DLP_STUB_SPACY", "").strip().lower()
    if flag in _OFF:
        return False
    if flag in _ON:
        return True
    return stub_verified(presidio_version())  # unset, "auto" or anything else: only where verified


# -- entry point ---------------------------------------------------------------------
def install(stub_spacy: bool | None = None) -> list[str]:
    """Install the cold-start hooks (idempotent; call before anything imports Presidio).

    ``stub_spacy`` (tier 2): True forces it, False turns it off, None (the
    default) decides by :func:`stub_spacy_default`.  The first call decides:
    a later one (``dlp.cli`` calls ``install()`` when it is imported) keeps
    that choice.  ``DLP_NO_FAST_START=1`` turns every hook off.  Returns the
    names of the modules hooked by this call.
    """
    global _TIER2
    if os.environ.get("DLP_NO_FAST_START", "") not in ("", "0"):
        return []
    hooked = []
    if _TIER2 is None:
        _TIER2 = bool("spacy" not in sys.modules and "presidio_analyzer" not in sys.modules
                      and (stub_spacy if stub_spacy is not None else stub_spacy_default())
                      and _hook("presidio_analyzer", _before_presidio, _after_presidio, retry=True))
        if _TIER2:
            hooked.append("presidio_analyzer")
    if _hook("spacy", _before_spacy, _after_spacy):
        hooked.append("spacy")
    if _hook("presidio_analyzer.pattern", None, _after_pattern):
        hooked.append("presidio_analyzer.pattern")
    return hooked
