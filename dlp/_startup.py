"""Cold-start trimming: make ``echo draft | dlp scan -`` start faster.

A one-draft check spends most of its time importing, not analysing.  Measured
here (``benchmarks/cold_start.py``): ``import presidio_analyzer`` costs about
1.1 s, because Presidio's package ``__init__`` imports every NLP engine (so
spaCy, ~0.8 s, of which ~0.3 s is spaCy's own command-line interface: weasel,
requests, httpx, jinja2, ...) and every predefined recognizer, whose
class-level ``Pattern`` objects compile their regex at import only to validate
it (~0.2 s, most of it Presidio's URL pattern, which dlp never runs).  Those
compiled objects are thrown away: ``PatternRecognizer`` compiles every pattern
again, with its flags, the first time it analyses.

:func:`install` adds import hooks, each scoped to the one import it changes;
no installed file is touched.  Tier 1 (on by default; off with
``DLP_NO_FAST_START=1``) is safe:

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

Tier 2 (opt-in, ``DLP_STUB_SPACY=1``) is fragile and says so: while
``presidio_analyzer`` imports, stand-in ``spacy`` modules (and a stand-in for
Presidio's Hugging Face component, which pulls ``thinc``) provide the few
names Presidio touches at import time and the empty ``Doc``/``Vocab`` its
no-op NLP engine builds per call.  They leave ``sys.modules`` right after, so
real spaCy imports normally later.  It saves another ~0.5 s, but it rests
on which spaCy names Presidio touches at import time: when a Presidio
release needs one the stand-ins lack, the import under stand-ins fails and is
redone for real (the gain is lost, nothing breaks); a release that *uses*
spaCy objects differently at run time with the no-op engine could still
misbehave.  Presidio's transformers engine is unusable in such a process, and
any NLP engine that really tokenizes needs real spaCy (unset the variable).
"""
from __future__ import annotations

import importlib
import importlib.abc
import os
import sys
import types

_INSTALLED: set[str] = set()


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


# -- tier 2: Presidio without spaCy (opt-in, fragile) -------------------------------
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
            raise RuntimeError("spaCy stand-in (DLP_STUB_SPACY) holds no tokens; unset DLP_STUB_SPACY")
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


# -- entry point ---------------------------------------------------------------------
def install(stub_spacy: bool | None = None) -> list[str]:
    """Install the cold-start hooks (idempotent; call before anything imports Presidio).

    ``stub_spacy`` defaults to the ``DLP_STUB_SPACY`` environment variable.
    Returns the names of the modules hooked by this call.
    """
    if os.environ.get("DLP_NO_FAST_START", "") not in ("", "0"):
        return []
    if stub_spacy is None:
        stub_spacy = os.environ.get("DLP_STUB_SPACY", "") not in ("", "0")
    hooked = []
    if stub_spacy and "spacy" not in sys.modules and _hook("presidio_analyzer", _before_presidio,
                                                           _after_presidio, retry=True):
        hooked.append("presidio_analyzer")
    if _hook("spacy", _before_spacy, _after_spacy):
        hooked.append("spacy")
    if _hook("presidio_analyzer.pattern", None, _after_pattern):
        hooked.append("presidio_analyzer.pattern")
    return hooked
