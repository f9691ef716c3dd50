"""dlp._startup: the cold-start import hooks change nothing but speed.

(The default spaCy stand-in, its verified Presidio range and a wider
comparison of findings are in ``test_cold_start_default.py``.)

Each check runs in a fresh interpreter (the hooks act on the first import of
spaCy and Presidio in a process).  Also: every Presidio ``Pattern`` in the
engine compiles, since with the hooks Presidio no longer validates patterns
when they are built.
"""
from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from core_helpers import dlp_env


def run_py(code: str, **env) -> str:
    clean = {k: v for k, v in dlp_env().items() if k not in ("DLP_STUB_SPACY", "DLP_NO_FAST_START")}
    proc = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                          env={**clean, **env}, timeout=180)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_tier1_spacy_works_and_its_cli_loads_on_demand():
    out = run_py("""
        import sys
        from dlp import _startup
        _startup.install(stub_spacy=False)  # may already be done by the package (the one-line hook)
        print(sorted(_startup._INSTALLED))
        import presidio_analyzer, spacy
        print("cli imported:", "spacy.cli" in sys.modules)
        print([t.text for t in spacy.blank("id")("Kirim ke budi@contoh.go.id, ya.")])
        import spacy.cli
        print("real cli:", hasattr(spacy.cli, "app") and hasattr(spacy.cli, "download"))
        print("info:", callable(spacy.info))
    """)
    assert "['presidio_analyzer.pattern', 'spacy']" in out
    assert "cli imported: False" in out
    assert "'budi@contoh.go.id'" in out
    assert "real cli: True" in out and "info: True" in out


def test_tier1_bad_regex_still_fails_when_used():
    out = run_py("""
        from dlp import _startup
        _startup.install(stub_spacy=False)
        from presidio_analyzer import Pattern, PatternRecognizer
        rec = PatternRecognizer("X_TEST", patterns=[Pattern("bad", "(unclosed", 0.5)], supported_language="id")
        try:
            rec.analyze("teks", ["X_TEST"])
        except Exception as exc:
            print("raised", type(exc).__name__)
        ok = PatternRecognizer("X_TEST", patterns=[Pattern("ok", r"\\d{4}", 0.5)], supported_language="id")
        print([(r.start, r.end) for r in ok.analyze("no 3171 ok", ["X_TEST"])])
    """)
    assert "raised" in out
    assert "[(3, 7)]" in out


def test_switched_off_by_environment():
    out = run_py("""
        import sys
        from dlp import _startup
        print(_startup.install())
        import presidio_analyzer
        print("cli imported:", "spacy.cli" in sys.modules)
    """, DLP_NO_FAST_START="1")
    assert "[]" in out and "cli imported: True" in out


def test_tier2_presidio_without_spacy_then_real_spacy():
    out = run_py("""
        import sys
        from dlp import _startup
        _startup.install(stub_spacy=True)
        from dlp.analyze import Analyzer
        a = Analyzer()
        print("spacy after engine:", "spacy" in sys.modules)
        print([(f.entity_type, f.text) for f in a.analyze_text("surel budi@contoh.go.id") if f.entity_type == "EMAIL_ADDRESS"])
        import spacy
        print("real spacy:", type(spacy.blank("id")).__name__, "spacy.tokens" in sys.modules)
    """)
    assert "spacy after engine: False" in out
    assert "[('EMAIL_ADDRESS', 'budi@contoh.go.id')]" in out
    assert "real spacy: Indonesian True" in out


def test_tier2_falls_back_to_real_spacy_when_a_stand_in_is_missing():
    """A Presidio release needing a spaCy name the stand-ins lack: imported for real, no error."""
    out = run_py("""
        import sys
        import dlp._startup as s
        make = s._spacy_stubs
        def lacking():
            mods = make()
            del mods["spacy.vocab"].Vocab
            return mods
        s._spacy_stubs = lacking
        s.install(stub_spacy=True)
        from presidio_analyzer.nlp_engine import NoOpNlpEngine
        engine = NoOpNlpEngine(models=[{"lang_code": "id", "model_name": "none"}])
        engine.load()
        print(type(engine.process_text("a b", "id").tokens).__module__)
    """)
    assert "spacy.tokens" in out


def test_same_findings_with_and_without_hooks():
    code = """
        import json
        from dlp import _startup
        _startup.install()
        from dlp.analyze import Analyzer
        text = ("NIK 3171012304850001, telp 0812-3456-7890, surel budi@contoh.go.id, "
                "server 10.1.2.3, kartu 4111 1111 1111 1111, Nomor: 005/123/R/2024.")
        print(json.dumps(sorted((f.entity_type, f.start, f.end, f.score) for f in Analyzer().analyze_text(text))))
    """
    plain = run_py(code, DLP_NO_FAST_START="1")
    tier1 = run_py(code, DLP_STUB_SPACY="0")
    default = run_py(code)  # the stand-in where the Presidio version is verified
    stub = run_py(code, DLP_STUB_SPACY="1")
    assert plain == tier1 == default == stub
    assert "EMAIL_ADDRESS" in plain


def test_every_pattern_in_the_engine_compiles():
    """Every Presidio ``Pattern`` the engine holds (YAML packs, classifiers, predefined)."""
    import regex

    from dlp.analyze import get_engine

    engine = get_engine()
    flags = engine.registry.global_regex_flags or 0
    bad = []
    for rec in engine.registry.recognizers:  # today all are classes with their own regexes
        for p in getattr(rec, "patterns", None) or []:
            try:
                regex.compile(p.regex, flags)
            except regex.error as exc:
                bad.append(f"{rec.name}:{p.name}: {exc}")
    assert not bad, bad


@pytest.mark.parametrize("flag", ["DLP_NO_FAST_START", "DLP_STUB_SPACY"])
def test_flags_are_documented(flag):
    import dlp._startup as startup

    assert flag in startup.__doc__
