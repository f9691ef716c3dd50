"""Analyze: one cached Presidio AnalyzerEngine over extracted text.

The engine is built once per process, fully offline:

* an explicit no-op NLP engine (a bare ``AnalyzerEngine()`` tries to download
  ``en_core_web_lg``; no trained Indonesian pipeline exists on the registry,
  and our recognizers need no tokens);
* Presidio's predefined recognizers that make sense for Indonesian text,
  enabled for our language ``id``: e-mail (with an offline public-suffix
  list), phone restricted to Indonesian numbering, payment card, IP address;
* every YAML pack in ``patterns/`` and every recognizer class in
  ``classifiers/``;
* whole-word context matching (:mod:`dlp.context`).

Chunks of a file are normalized (:mod:`dlp.normalize`), joined and analyzed in
one call; findings are mapped back to their chunk and to the original text.
"""
from __future__ import annotations

import bisect
import contextlib
import contextvars
import gc
import importlib
import inspect
import ipaddress
import logging
import operator
import pkgutil
from functools import lru_cache
from importlib import resources
from typing import Iterable

from dlp.models import Chunk, Finding
from dlp.normalize import normalize

LANGUAGE = "id"
SEPARATOR = "\n\n"
BATCH_CHARS = 1_000_000  # joined text analyzed per engine call

logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)

# When spans of different types overlap, the higher score wins; on equal
# scores, the type listed first here wins (then the longer span).
PRIORITY = ["SECRET", "ID_NIK", "ID_KK", "ID_NPWP", "ID_NIP", "ID_PASSPORT", "CREDIT_CARD",
            "ID_LETTER_NUMBER", "CLASSIFICATION_MARKING", "EMAIL_ADDRESS", "IP_ADDRESS",
            "PHONE_NUMBER", "GEOLOCATION", "PERSON"]
_PRIO = {e: i for i, e in enumerate(PRIORITY)}

# The chunks of the text being analyzed, as (start, end, part) in the joined
# text, for recognizers whose decision depends on where text stands (a lone
# marking in a page header, a name in metadata:author).  Empty when the engine
# is called directly.
CHUNK_PARTS: contextvars.ContextVar[tuple] = contextvars.ContextVar("dlp_chunk_parts", default=())


def _offline_tldextract():
    """A TLD extractor that uses the bundled public-suffix snapshot, never the network."""
    import tldextract

    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)


def predefined_recognizers(language: str = LANGUAGE, skip: Iterable[str] = ()) -> list:
    """Presidio's own recognizers worth running on Indonesian text, but those named in ``skip``
    (replaced by dlp's own: they are not even built, which saves start-up time)."""
    from presidio_analyzer.predefined_recognizers import (
        CreditCardRecognizer, EmailRecognizer, IpRecognizer, PhoneRecognizer)

    skip = set(skip)
    out = []
    if "EmailRecognizer" not in skip:
        extract = _offline_tldextract()

        class OfflineEmailRecognizer(EmailRecognizer):
            """Presidio's e-mail recognizer, validating the domain against the bundled suffix list."""

            def validate_result(self, pattern_text: str):
                return extract(pattern_text.rsplit("@", 1)[-1]).fqdn != ""

        out.append(OfflineEmailRecognizer(supported_language=language, name="EmailRecognizer"))
    if "PhoneRecognizer" not in skip:
        out.append(PhoneRecognizer(supported_language=language, supported_regions=("ID",),
                                   context=["telepon", "telp", "tlp", "hp", "handphone", "ponsel", "wa", "whatsapp",
                                            "kontak", "hubungi", "nomor", "no", "phone", "mobile", "fax", "faks"]))
    if "CreditCardRecognizer" not in skip:
        out.append(CreditCardRecognizer(supported_language=language,
                                        context=["kartu kredit", "kartu debit", "credit card", "card", "kartu", "visa",
                                                 "mastercard", "cc", "nomor kartu", "card number"]))
    if "IpRecognizer" not in skip:
        out.append(IpRecognizer(supported_language=language))
    return out


def pattern_files() -> list:
    """The YAML rule packs shipped in ``dlp.patterns``."""
    root = resources.files("dlp.patterns")
    return sorted((p for p in root.iterdir() if p.name.endswith((".yaml", ".yml"))), key=lambda p: p.name)


def classifier_classes() -> list[type]:
    """Every recognizer class defined in a module of ``dlp.classifiers``."""
    from presidio_analyzer import EntityRecognizer

    import dlp.classifiers as pkg

    classes = []
    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        mod = importlib.import_module(f"dlp.classifiers.{info.name}")
        for _, obj in inspect.getmembers(mod, inspect.isclass):
            if (issubclass(obj, EntityRecognizer) and obj.__module__ == mod.__name__
                    and not obj.__name__.startswith("_") and not inspect.isabstract(obj)
                    and getattr(obj, "ENABLED", True)):
                classes.append(obj)
    return classes


def build_engine(language: str = LANGUAGE):
    """Build the AnalyzerEngine (slow: call once, see :func:`get_engine`)."""
    import yaml
    from presidio_analyzer import PatternRecognizer, RecognizerRegistry
    from presidio_analyzer.nlp_engine import NoOpNlpEngine

    from dlp.context import WordContextEnhancer

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: 10x faster
    registry = RecognizerRegistry(supported_languages=[language])
    replaced: set[str] = set()
    own = []
    for cls in classifier_classes():
        own.append(cls(supported_language=language))
        replaced.update(getattr(cls, "REPLACES", ()))
    for rec in predefined_recognizers(language, skip=replaced):
        registry.add_recognizer(rec)
    for rec in own:
        registry.add_recognizer(rec)
    for path in pattern_files():
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {}
        for entry in data.get("recognizers") or []:
            entry = dict(entry)
            if entry.pop("type", "custom") != "custom":  # Presidio's registry-file marker
                continue
            entry.setdefault("supported_language", language)
            if entry["supported_language"] != language:
                continue
            registry.add_recognizer(PatternRecognizer.from_dict(entry))

    nlp = NoOpNlpEngine(models=[{"lang_code": language, "model_name": "none"}])
    nlp.load()
    _Engine = _engine_class()
    return _Engine(registry=registry, nlp_engine=nlp, supported_languages=[language],
                          context_aware_enhancer=WordContextEnhancer())


def _engine_class():
    from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerResult
    from presidio_analyzer.nlp_engine import NoOpNlpEngine

    class Engine(AnalyzerEngine):
        """Presidio's engine with a linear recognizer-level context pass.

        Presidio splits the results by recognizer once per recognizer (two list
        scans each: recognizers x results), only to hand each recognizer its own
        results for ``enhance_using_context``, which almost no recognizer
        overrides.  Here results are grouped in one pass and only recognizers
        that override the hook are called; the text-level enhancer runs as before.
        """

        def find(self, text: str, min_score: float, language: str = LANGUAGE) -> list:
            """:meth:`analyze` for dlp's own pipeline: every recognizer, the context pass, the
            score floor - and none of Presidio's per-result clean-up, which
            :func:`resolve_overlaps` makes redundant (it drops duplicates and any result
            overlapping a better one, so also one contained in a better one of its type).

            Per-recognizer score thresholds are honoured as in :meth:`analyze`.
            """
            recognizers, entities, nlp_artifacts = self._per_call(language)
            if nlp_artifacts is None:
                nlp_artifacts = self.nlp_engine.process_text(text, language)
            key, name_key = RecognizerResult.RECOGNIZER_IDENTIFIER_KEY, RecognizerResult.RECOGNIZER_NAME_KEY
            results = []
            for rec in recognizers:
                if not rec.is_loaded:
                    rec.load()
                    rec.is_loaded = True
                found = rec.analyze(text, entities, nlp_artifacts)  # (Presidio's order; positional is cheaper)
                if found:
                    for res in found:
                        meta = res.recognition_metadata
                        if meta is None:
                            meta = res.recognition_metadata = {}
                        if key not in meta:
                            meta[key] = rec.id
                        if name_key not in meta:
                            meta[name_key] = rec.name
                    results.extend(found)
            results = self._enhance_using_context(text, results, nlp_artifacts, recognizers)
            floor = {}
            for rec in recognizers:
                # (the stored dict, read only here: the property hands out a copy on every read)
                limits = rec.__dict__.get("_score_thresholds")
                if limits is None:
                    limits = rec.score_thresholds
                if limits:
                    floor[rec.id] = limits
            default = self.default_score_threshold
            if not floor:
                low = max(min_score, default)
                return [r for r in results if r.score >= low and r.score > 0]
            out = []
            for r in results:
                limits = floor.get(r.recognition_metadata.get(key))
                limit = default if limits is None else limits.get(r.entity_type, limits.get("default", default))
                if r.score >= max(min_score, limit) and r.score > 0:
                    out.append(r)
            return out

        def _per_call(self, language: str) -> tuple:
            """The recognizers and entities of ``language`` and, for the no-op NLP engine, its (empty)
            NLP artifacts: worked out once, and again only when the registry changes.  Presidio
            recomputes them on every call (three scans of the registry, a spaCy Doc per text)."""
            key = (language, tuple(self.registry.recognizers))
            got = self.__dict__.get("_dlp_per_call")
            if got is None or got[0] != key:
                recognizers = self.registry.get_recognizers(language=language, all_fields=True)
                entities = tuple(self.get_supported_entities(language=language))  # immutable: see DigitRecognizer.wanted
                # the no-op engine's artifacts are empty whatever the text; nothing writes to them
                blank = self.nlp_engine.process_text("", language) if isinstance(self.nlp_engine, NoOpNlpEngine) else None
                got = self._dlp_per_call = (key, (recognizers, entities, blank))
            return got[1]

        def _hooked(self, recognizers: list) -> list:
            """The recognizers that override ``enhance_using_context`` (remembered per recognizer list)."""
            got = self.__dict__.get("_dlp_hooked")
            if got is None or got[0] is not recognizers:
                hooked = [r for r in recognizers
                          if type(r).enhance_using_context is not EntityRecognizer.enhance_using_context]
                got = self._dlp_hooked = (recognizers, hooked)
            return got[1]

        def _enhance_using_context(self, text, raw_results, nlp_artifacts, recognizers, context=None):
            key = "recognizer_identifier"
            hooked = self._hooked(recognizers)
            if hooked:
                by_id: dict = {}
                for res in raw_results:
                    by_id.setdefault(res.recognition_metadata.get(key), []).append(res)
                results = []
                hooked_ids = {r.id for r in hooked}
                for rid, group in by_id.items():
                    if rid not in hooked_ids:
                        results.extend(group)
                for rec in hooked:
                    own = by_id.get(rec.id, [])
                    others = [res for res in raw_results if res.recognition_metadata.get(key) != rec.id]
                    results.extend(rec.enhance_using_context(text=text, raw_recognizer_results=own,
                                                             other_raw_recognizer_results=others,
                                                             nlp_artifacts=nlp_artifacts, context=context))
            else:
                results = list(raw_results)
            return self.context_aware_enhancer.enhance_using_context(
                text=text, raw_results=results, nlp_artifacts=nlp_artifacts,
                recognizers=recognizers, context=context)

    return Engine


@lru_cache(maxsize=1)
def get_engine():
    """The process-wide engine, built on first use."""
    return build_engine()


class Analyzer:
    """Turns extracted chunks into findings."""

    def __init__(self, engine=None, min_score: float = 0.4):
        self.engine = engine or get_engine()
        self.min_score = min_score

    def analyze(self, chunks: Iterable[Chunk]) -> list[Finding]:
        findings: list[Finding] = []
        batch: list[Chunk] = []
        size = 0
        for chunk in chunks:
            if not chunk.text or not chunk.text.strip():
                continue
            batch.append(chunk)
            size += len(chunk.text) + len(chunk.context) + 2 * len(SEPARATOR)
            if size >= BATCH_CHARS:
                findings.extend(self._analyze_batch(batch))
                batch, size = [], 0
        if batch:
            findings.extend(self._analyze_batch(batch))
        return findings

    def analyze_text(self, text: str, part: str = "body") -> list[Finding]:
        return self.analyze([Chunk(text, part)])

    # -- internals --------------------------------------------------------------
    def _analyze_batch(self, chunks: list[Chunk]) -> list[Finding]:
        pieces: list[str] = []
        spans = []  # (start, end, chunk, normalized) of each chunk's text in the joined text
        pos = 0
        for chunk in chunks:
            if chunk.context:
                # Context (a column header, a field label) precedes the chunk so
                # context words are found; findings inside it are dropped.
                ctx = normalize(chunk.context).text + "\n"
                pieces.append(ctx)
                pos += len(ctx)
            norm = normalize(chunk.text)
            pieces.append(norm.text)
            spans.append((pos, pos + len(norm.text), chunk, norm))
            pos += len(norm.text)
            pieces.append(SEPARATOR)
            pos += len(SEPARATOR)
        joined = "".join(pieces)
        with _no_cyclic_gc():
            return self._findings(joined, spans)

    def _findings(self, joined: str, spans: list) -> list[Finding]:
        token = CHUNK_PARTS.set(tuple((s, e, c.part) for s, e, c, _ in spans))
        try:
            if hasattr(self.engine, "find"):
                results = self.engine.find(joined, self.min_score)
            else:  # an engine built elsewhere: Presidio's own analyze
                results = [r for r in self.engine.analyze(text=joined, language=LANGUAGE) if r.score >= self.min_score]
        finally:
            CHUNK_PARTS.reset(token)
        results = resolve_overlaps(results)

        findings = []
        if len(spans) == 1:  # one chunk (a draft, a page): no lookup of the chunk per result
            c_start, c_end, chunk, norm = spans[0]
            same = norm.segments is None  # normalization changed nothing: offsets carry over
            for r in results:
                if r.start < c_start or r.end > c_end:  # in the context prefix
                    continue
                if same:
                    findings.append(to_finding(r, chunk, r.start - c_start, r.end - c_start))
                else:
                    o_start, o_end = norm.span(r.start - c_start, r.end - c_start)
                    findings.append(to_finding(r, chunk, o_start, o_end))
            return findings
        starts = [s[0] for s in spans]
        for r in results:
            i = bisect.bisect_right(starts, r.start) - 1
            if i < 0:
                continue
            c_start, c_end, chunk, norm = spans[i]
            if r.end > c_end:  # crosses a chunk boundary, or lies in a context prefix
                continue
            o_start, o_end = norm.span(r.start - c_start, r.end - c_start)
            findings.append(to_finding(r, chunk, o_start, o_end))
        return findings  # in document order: results are sorted by start


@contextlib.contextmanager
def _no_cyclic_gc():
    """Pause Python's cycle collector while one batch is analyzed.

    Analysis allocates many small objects that live until the batch ends (windows, labels,
    results); each collection walks all of them, so on a large text the collector costs a
    third of the time.  Nothing analysis builds needs it (reference counting frees it), and
    what cycles there are wait for the next collection after the batch.  If the collector
    was already off (another thread's batch, or the application's choice), it is left off.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _rank(r):
    """Best first: higher score, then type priority, then the longer span, then the earlier one."""
    return (-r.score, _PRIO.get(r.entity_type, 99), -(r.end - r.start), r.start)


_START = operator.attrgetter("start")


def resolve_overlaps(results: list) -> list:
    """Keep, of overlapping results, the best one (score, then type priority, then length).

    Best first, each result is kept unless a kept one overlaps it.  Whether a result is kept
    depends only on the results it overlaps, directly or through others, so the text is cut
    into clusters of chained overlapping results (one pass in start order) and each cluster is
    decided alone: most results overlap nothing and cost no ranking at all.
    """
    if not results:
        return []
    by_start = sorted(results, key=_START)  # stable: equal starts keep their order, as in one sort
    n = len(by_start)
    kept: list = []
    first = 0
    reach = -1
    for j in range(n + 1):
        r = by_start[j] if j < n else None
        if r is not None:
            if r.end <= r.start:
                # an empty span can clash with a result that starts where it stands, in
                # another cluster: the whole list is decided the general way
                return _resolve_overlaps_sorted(sorted(results, key=_rank))
            if r.start < reach:
                if r.end > reach:
                    reach = r.end
                continue
        if j - first == 1:
            kept.append(by_start[first])
        elif j > first:
            kept.extend(_resolve_cluster(by_start[first:j]))
        if r is not None:
            first, reach = j, r.end
    return kept


def _resolve_cluster(cluster: list) -> list:
    """The kept results of one cluster (given in start order), in start order.

    The kept spans are marked in a byte array, so each overlap test is one C-level search
    however many results the cluster holds (a giant span over a long table stays linear).
    """
    ordered = sorted(cluster, key=_rank)
    base = cluster[0].start
    taken = bytearray(max(r.end for r in cluster) - base)
    kept = []
    for r in ordered:
        a, b = r.start - base, r.end - base
        if taken.find(1, a, b) < 0:
            taken[a:b] = b"\x01" * (b - a)
            kept.append(r)
    kept.sort(key=_START)
    return kept


def _resolve_overlaps_sorted(ordered: list) -> list:
    kept: list = []   # disjoint, sorted by start: overlap tests by bisection
    starts: list = []
    for r in ordered:
        i = bisect.bisect_right(starts, r.start)
        if (i > 0 and kept[i - 1].end > r.start) or (i < len(kept) and kept[i].start < r.end):
            continue
        kept.insert(i, r)
        starts.insert(i, r.start)
    return kept


_ROUNDED: dict = {}  # score -> score rounded for the report (recognizers use a few fixed scores)
_NO_META: dict = {}


def to_finding(result, chunk: Chunk, start: int, end: int) -> Finding:
    meta = result.recognition_metadata or _NO_META
    entity = result.entity_type
    text = chunk.text[start:end]
    level = meta.get("dlp_level")
    reason = meta.get("dlp_reason")
    if level is None and entity == "IP_ADDRESS":
        level = ip_level(text)
    if reason.__class__ is not dict or not reason:  # (dlp's recognizers: a filled dict; one test for them)
        if isinstance(reason, str):
            reason = {"en": reason, "id": reason}
        if not reason:
            reason = default_reason(entity, level, meta.get("dlp_context"))
    # round() costs as much as the rest of a finding; the recognizers use a handful of fixed scores
    score = result.score
    rounded = _ROUNDED.get(score)
    if rounded is None:
        rounded = round(float(score), 2)
        if len(_ROUNDED) < 4096:
            _ROUNDED[score] = rounded
    # positional: the keyword form costs as much again, once per finding
    return Finding(entity, text, start, end, chunk.part, rounded,
                   meta.get("recognizer_name") or meta.get("recognizer_identifier") or "", level, reason)


def ip_level(text: str) -> str | None:
    try:
        ip = ipaddress.ip_address(text.strip())
    except ValueError:
        return None
    return "private" if (ip.is_private or ip.is_loopback or ip.is_link_local) else "public"


def default_reason(entity: str, level: str | None, context_word: str | None) -> dict[str, str]:
    from dlp.i18n import entity_name

    en, id_ = entity_name(entity, "en"), entity_name(entity, "id")
    if entity == "IP_ADDRESS" and level:
        en += f" ({'private network' if level == 'private' else 'public'})"
        id_ += f" ({'jaringan internal' if level == 'private' else 'publik'})"
    if context_word:
        en += f", near “{context_word}”"
        id_ += f", di dekat “{context_word}”"
    return {"en": en, "id": id_}
