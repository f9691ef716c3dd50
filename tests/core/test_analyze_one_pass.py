"""The analyzer's one-pass shortcuts give what the plain, pass-by-pass versions give.

* Engine.find handles each recognizer's results as they come (metadata keys, word context,
  score floor); Engine._find_in_passes is the pass-by-pass original (still used for engines
  with score thresholds or context hooks).
* The context search on ASCII text runs a case-sensitive regex over the lowered text; it must
  find exactly what the case-ignoring :func:`dlp.context.find_context` finds.
* _to_findings maps results to chunks and builds findings inline; to_finding is the reference.
"""
from __future__ import annotations

import bisect
import pickle
import random

import pytest
from presidio_analyzer import RecognizerResult

from dlp.analyze import LANGUAGE, _to_findings, default_reason, get_engine, to_finding
from dlp.context import WordContextEnhancer, find_context
from dlp.models import Chunk
from dlp.normalize import normalize

ID_KEY = RecognizerResult.RECOGNIZER_IDENTIFIER_KEY
SCORED_KEY = RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY

TEXTS = [
    "Email budi.santoso@contoh.go.id dan server 10.20.30.40",
    "E-MAIL: budi.santoso@contoh.go.id\nSUREL siti@dinas.go.id",
    "menghubungi budi.santoso@contoh.go.id (kontak glued: no context) dnsserver 10.1.2.3",
    "alamat   ip\t192.168.1.10, ip address 8.8.8.8, gateway: 10.0.0.1",
    "Surat B-12/KS.01/III/2021 dan nomor 800/1234/BKD/2021; hubungi a.b@contoh.go.id",
    # non-ASCII text: the case-ignoring search runs as before
    "\u00c9mail budi@contoh.go.id, \u212aontak siti@dinas.go.id, \u0130P 10.2.3.4",
    "No HP 0812-3456-7890, NIK 3273016304850003, kirim ke  x.y@contoh.go.id  ",
    "x@contoh.go.id" + " " * 23 + "email  y@contoh.go.id" + " " * 24 + "email",
]


def _shape(results):
    return [(r.entity_type, r.start, r.end, r.score, sorted((k, repr(v)) for k, v in r.recognition_metadata.items()))
            for r in results]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("min_score", [0.0, 0.4, 0.7])
def test_find_in_one_pass_equals_find_in_passes(text, min_score):
    engine = get_engine()
    recognizers, entities, artifacts = engine._per_call(LANGUAGE)
    one = engine.find(text, min_score)
    passes = engine._find_in_passes(text, min_score, recognizers, entities, artifacts, {})
    assert _shape(one) == _shape(passes)


def test_find_in_one_pass_raises_scores_on_context():
    engine = get_engine()
    got = {(r.entity_type, r.recognition_metadata.get("dlp_context")) for r in engine.find(TEXTS[0], 0.0)}
    assert ("EMAIL_ADDRESS", "Email") in got and ("IP_ADDRESS", "server") in got


class _Rec:
    """Just what the enhancer reads of a recognizer."""

    def __init__(self, words):
        self.id = "rec"
        self.context = list(words)


WORDS = [
    ("email", "e-mail", "surel", "kontak", "hubungi"),
    ("ip", "alamat ip", "ip address", "server", "dns"),
    ("no. kk", "kartu keluarga", "NIK", "(npwp)", "+62", "a|b"),
    ("hp", "  ", "telp"),
]
NOISE = ["EMAIL", "e-MAIL", "Surel", "KONTAK", "hubungi", "menghubungi", "IP", "ip_", "alamat  ip", "alamat\nIP", "Server",
         "dnsx", "No. KK", "no.kk", "kartu\tkeluarga", "nik", "NIKA", "(NPWP)", "+62", "A|B", "HP", "telp.", "_hp",
         " ", "  ", ":", "\n", "-", "9", "x", "@", "."]
NON_ASCII = ["\u00e9", "\u212aontak", "\u0130P", "SUREL\u00a0", "\u017furel"]  # the case-ignoring search runs


@pytest.mark.parametrize("seed", range(3))
def test_context_search_on_lowered_text_equals_find_context(seed):
    rng = random.Random(seed)
    enhancer = WordContextEnhancer()
    for _ in range(1500):
        words = rng.choice(WORDS)
        parts = [rng.choice(NOISE) for _ in range(rng.randint(0, 30))]
        if rng.random() < 0.3:
            parts.insert(rng.randint(0, len(parts)), rng.choice(NON_ASCII))
        at = rng.randint(0, len(parts))
        parts.insert(at, "\x00MATCH\x00")
        text = "".join(p if rng.random() < 0.7 else p + " " for p in parts)
        start = text.index("\x00MATCH\x00")
        text = text.replace("\x00", "q")  # glued to its neighbours or not
        end = start + len("qMATCHq")
        expected = find_context(text, start, end, words)
        result = RecognizerResult("X", start, end, 0.5, None, {ID_KEY: "rec"})
        enhancer.enhance_one(enhancer.lookups(text, [_Rec(words)]), result, result.recognition_metadata)
        if expected:
            assert result.recognition_metadata.get("dlp_context") == expected
            assert result.score == pytest.approx(0.85) and result.recognition_metadata[SCORED_KEY] is True
        else:
            assert "dlp_context" not in result.recognition_metadata and result.score == 0.5


def _reference_findings(results, spans):
    """The results inside a chunk's text, each found by a plain search and built by to_finding."""
    out = []
    for r in results:
        for c_start, c_end, chunk, norm in spans:
            if c_start <= r.start and r.end <= c_end:
                start, end = norm.span(r.start - c_start, r.end - c_start)
                out.append(to_finding(r, chunk, start, end))
                break
    return out


def _spans(chunks):
    spans, pos = [], 0
    for chunk in chunks:
        if chunk.context:
            pos += len(normalize(chunk.context).text) + 1
        norm = normalize(chunk.text)
        spans.append((pos, pos + len(norm.text), chunk, norm))
        pos += len(norm.text) + 2
    return spans, pos


CHUNK_TEXTS = ["NIK 3273016304850003 budi@contoh.go.id", "\uff13\uff12\uff17\uff13\u200b0163\u00ad04850003 ok",
               "10.20.30.40", "Nama: Budi", "\u200b\u200b", "a\ufb01b 0812\u00a03456 7890"]


@pytest.mark.parametrize("seed", range(4))
def test_to_findings_equals_to_finding(seed):
    rng = random.Random(seed)
    for _ in range(300):
        chunks = [Chunk(rng.choice(CHUNK_TEXTS), rng.choice(["body", "page 2", "sheet A!B3"]),
                        rng.choice(["", "", "No HP", "E\u200bmail"])) for _ in range(rng.choice([1, 1, 2, 4]))]
        spans, size = _spans(chunks)
        results = []
        for _ in range(rng.randint(0, 12)):
            s = rng.randint(0, size)
            e = s + rng.randint(0, 12)
            meta = rng.choice([None, {}, {"recognizer_name": "N", "dlp_reason": {"en": "e", "id": "i"}},
                               {"recognizer_identifier": "I", "dlp_level": "R", "dlp_reason": "plain"},
                               {"recognizer_name": "N", "dlp_context": "email", "dlp_reason": {}}])
            results.append(RecognizerResult(rng.choice(["ID_NIK", "IP_ADDRESS", "EMAIL_ADDRESS"]), s, e,
                                            rng.choice([0.4, 0.85, 0.849999, 1, 0.5]), None,
                                            None if meta is None else dict(meta)))
        results.sort(key=lambda r: r.start)
        if rng.random() < 0.2:
            rng.shuffle(results)  # not in start order: still right, only slower
        got = _to_findings(results, spans)
        want = _reference_findings(results, spans)
        assert [list(vars(f).items()) for f in got] == [list(vars(f).items()) for f in want]
        assert [pickle.dumps(f) for f in got] == [pickle.dumps(f) for f in want]


def test_default_reason_hands_out_a_new_dict_each_time():
    a = default_reason("EMAIL_ADDRESS", None, "surel")
    b = default_reason("EMAIL_ADDRESS", None, "surel")
    assert a == b and a is not b
    assert default_reason("EMAIL_ADDRESS", None, "email") != a
    a["en"] = "changed"
    assert default_reason("EMAIL_ADDRESS", None, "surel")["en"] != "changed"
    assert default_reason("IP_ADDRESS", "private", None)["id"].endswith("(jaringan internal)")
    assert default_reason("IP_ADDRESS", ["not", "hashable"], None)["en"].startswith("IP address")


def test_chunk_lookup_by_bisection_matches_in_any_order():
    """_to_findings walks chunks in start order and falls back to bisection otherwise."""
    chunks = [Chunk("aaaa"), Chunk("bbbb", context="ctx"), Chunk("cccc")]
    spans, _ = _spans(chunks)
    starts = [s[0] for s in spans]
    results = [RecognizerResult("ID_NIK", s[0] + 1, s[0] + 3, 0.9, None, {}) for s in reversed(spans)]
    got = _to_findings(results, spans)
    assert [f.text for f in got] == ["cc", "bb", "aa"]
    assert [bisect.bisect_right(starts, r.start) - 1 for r in results] == [2, 1, 0]
