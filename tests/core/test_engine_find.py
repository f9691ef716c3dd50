"""Engine.find (dlp's lean engine call) keeps what Presidio's own analyze() keeps.

find() skips Presidio's duplicate and containment clean-up because
resolve_overlaps() makes it redundant; these tests hold it to that, on a
text where several recognizers claim overlapping spans, and check that
recognizer score thresholds still apply.
"""
from __future__ import annotations

import pytest

from dlp.analyze import LANGUAGE, get_engine, resolve_overlaps

TEXT = """NOTA DINAS  -  RAHASIA
Nomor   : R-45/KP.02/IV/2024
Yth. Ibu Siti Rahmawati, NIP 19850423 201001 2 001, NIK 3273016304850003, HP 0812-3456-7890,
surel siti.rahmawati@bandung.go.id, server 10.20.30.40, kartu kredit 4539 5521 6048 3717.
No | Nama | NIK | No. KK | NPWP
1 | Budi Santoso | 3171012304850001 | 3171011203150007 | 03.418.256.8-441.000
password = Rahasia123!
"""


def spans(results):
    return [(r.entity_type, r.start, r.end, round(r.score, 4)) for r in resolve_overlaps(results)]


@pytest.mark.parametrize("min_score", [0.0, 0.4, 0.8])
def test_find_keeps_what_presidio_analyze_keeps(min_score):
    engine = get_engine()
    ours = engine.find(TEXT, min_score)
    theirs = [r for r in engine.analyze(text=TEXT, language=LANGUAGE) if r.score >= min_score]
    assert spans(ours) == spans(theirs)
    assert len({r.entity_type for r in resolve_overlaps(ours)}) >= 6 or min_score == 0.8


def test_find_honours_recognizer_score_thresholds():
    engine = get_engine()
    rec = next(r for r in engine.registry.recognizers if "ID_NIK" in r.supported_entities
               and r.name == "IdNikRecognizer")
    before = {(r.start, r.end) for r in engine.find(TEXT, 0.0) if r.entity_type == "ID_NIK"}
    assert before
    saved = rec.score_thresholds
    try:
        rec.score_thresholds = {"ID_NIK": 1.0}  # above the NIK scores (at most 0.95): every NIK goes
        after = {(r.start, r.end) for r in engine.find(TEXT, 0.0) if r.entity_type == "ID_NIK"}
        theirs = {(r.start, r.end) for r in engine.analyze(text=TEXT, language=LANGUAGE) if r.entity_type == "ID_NIK"}
    finally:
        rec.score_thresholds = saved
    assert after == theirs
    assert not after


def test_analysis_pauses_the_cycle_collector_and_restores_it():
    import gc

    from dlp.analyze import Analyzer

    class Probe:  # an engine that records the collector's state while it runs, then fails
        seen = None

        def find(self, text, min_score):
            Probe.seen = gc.isenabled()
            raise RuntimeError("boom")

    assert gc.isenabled()
    with pytest.raises(RuntimeError):
        Analyzer(engine=Probe()).analyze_text("NIK 3273016304850003")
    assert Probe.seen is False
    assert gc.isenabled()
    gc.disable()
    try:
        with pytest.raises(RuntimeError):
            Analyzer(engine=Probe()).analyze_text("x")
        assert not gc.isenabled()  # it was off before: left off
    finally:
        gc.enable()


def _reference_resolve(results):
    """The rule resolve_overlaps implements, written the slow, obvious way: best first (score,
    type priority, length, position), keep a result unless a kept one overlaps it."""
    from dlp.analyze import _PRIO

    kept = []
    for r in sorted(results, key=lambda r: (-r.score, _PRIO.get(r.entity_type, 99), -(r.end - r.start), r.start)):
        if not any(k.start < r.end and r.start < k.end for k in kept):
            kept.append(r)
    return sorted(kept, key=lambda r: r.start)


@pytest.mark.parametrize("seed", range(4))
def test_resolve_overlaps_follows_the_rule_on_random_results(seed):
    import random

    from presidio_analyzer import RecognizerResult

    from dlp.analyze import PRIORITY

    rng = random.Random(seed)
    for _ in range(1500):
        size = rng.choice([12, 40, 200])
        results = []
        for _ in range(rng.randint(0, 20)):
            start = rng.randint(0, size)
            length = rng.randint(1, rng.choice([4, 12, 50]))  # recognizers report no empty spans
            results.append(RecognizerResult(rng.choice(PRIORITY + ["OTHER"]), start, start + length,
                                            rng.choice([0.4, 0.6, 0.85, 0.95])))
        got = resolve_overlaps(list(results))
        assert [id(r) for r in got] == [id(r) for r in _reference_resolve(results)]


def test_find_sees_recognizers_added_after_the_first_call():
    from presidio_analyzer import Pattern, PatternRecognizer

    from dlp.analyze import build_engine

    engine = build_engine()
    text = "Kode internal ZX-99812 jangan dibagikan."
    assert not [r for r in engine.find(text, 0.0) if r.entity_type == "TEST_CODE"]
    rec = PatternRecognizer(supported_entity="TEST_CODE", supported_language=LANGUAGE, name="TestCode",
                            patterns=[Pattern("code", r"ZX-\d{5}", 0.9)])
    engine.registry.add_recognizer(rec)
    assert [(r.start, r.end) for r in engine.find(text, 0.0) if r.entity_type == "TEST_CODE"] == [(14, 22)]
    engine.registry.remove_recognizer("TestCode")
    assert not [r for r in engine.find(text, 0.0) if r.entity_type == "TEST_CODE"]
