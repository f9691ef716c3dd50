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
import contextvars
import dataclasses
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

    from dlp.context import WordContextEnhancer

    def _stamp(res, rec) -> dict:
        """Name the recognizer in a result's metadata, as Presidio's analyze does; returns the metadata."""
        meta = res.recognition_metadata
        if meta is None:
            meta = res.recognition_metadata = {}
        if RecognizerResult.RECOGNIZER_IDENTIFIER_KEY not in meta:
            meta[RecognizerResult.RECOGNIZER_IDENTIFIER_KEY] = rec.id
        if RecognizerResult.RECOGNIZER_NAME_KEY not in meta:
            meta[RecognizerResult.RECOGNIZER_NAME_KEY] = rec.name
        return meta

    class Engine(AnalyzerEngine):
        """Presidio's engine with a linear recognizer-level context pass.

        Presidio splits the results by recognizer once per recognizer (two list
        scans each: recognizers x results), only to hand each recognizer its own
        results for ``enhance_using_context``, which almost no recognizer
        overrides.  Here results are grouped in one pass and only recognizers
        that override the hook are called; the text-level enhancer runs as before.
        :meth:`find`, dlp's own call, goes further when no recognizer has the hook (the
        usual case): each result is completed, raised on context and kept or dropped as it
        comes, in one pass over the results instead of four.
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
            floor = self._floors(recognizers)
            enhancer = self.context_aware_enhancer
            if (floor or self._hooked(recognizers) or not isinstance(enhancer, WordContextEnhancer)
                    or type(enhancer).enhance_using_context is not WordContextEnhancer.enhance_using_context):
                return self._find_in_passes(text, min_score, recognizers, entities, nlp_artifacts, floor)
            # The usual case in one pass, each recognizer's results as they come: the metadata keys,
            # the word context (dlp.context; results are independent of each other, so raising
            # each recognizer's own at once changes nothing), the score floor.  Results are
            # appended in recognizer order, as the pass-by-pass version leaves them.
            key, name_key = RecognizerResult.RECOGNIZER_IDENTIFIER_KEY, RecognizerResult.RECOGNIZER_NAME_KEY
            scored_key = RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY
            low = max(min_score, self.default_score_threshold)
            lookups = None  # the context searches of this text, set up on the first result that needs one
            results = []
            for rec in recognizers:
                if not rec.is_loaded:
                    rec.load()
                    rec.is_loaded = True
                found = rec.analyze(text, entities, nlp_artifacts)  # (Presidio's order; positional is cheaper)
                if not found:
                    continue
                short = False
                for res in found:
                    meta = res.recognition_metadata
                    if meta is None or key not in meta or name_key not in meta:
                        meta = _stamp(res, rec)  # (dlp's recognizers set both keys themselves)
                    if not meta.get(scored_key):  # most results: the recognizer decided the score itself
                        if lookups is None:
                            lookups = enhancer.lookups(text, recognizers)
                        enhancer.enhance_one(lookups, res, meta)
                    score = res.score
                    if not (score >= low and score > 0):
                        short = True
                if short:
                    found = [r for r in found if r.score >= low and r.score > 0]
                results.extend(found)
            return results

        def _find_in_passes(self, text, min_score, recognizers, entities, nlp_artifacts, floor) -> list:
            """:meth:`find` pass by pass, for engines that need it: recognizers overriding
            ``enhance_using_context``, another context enhancer, or score thresholds."""
            key = RecognizerResult.RECOGNIZER_IDENTIFIER_KEY
            results = []
            for rec in recognizers:
                if not rec.is_loaded:
                    rec.load()
                    rec.is_loaded = True
                found = rec.analyze(text, entities, nlp_artifacts)
                if found:
                    for res in found:
                        _stamp(res, rec)
                    results.extend(found)
            results = self._enhance_using_context(text, results, nlp_artifacts, recognizers)
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

        @staticmethod
        def _floors(recognizers: list) -> dict:
            """Recognizer id -> its score thresholds, for the recognizers that set any."""
            floor = {}
            for rec in recognizers:
                # (the stored dict, read only here: the property hands out a copy on every read)
                limits = rec.__dict__.get("_score_thresholds")
                if limits is None:
                    limits = rec.score_thresholds
                if limits:
                    floor[rec.id] = limits
            return floor

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
            if not chunk.text or chunk.text.isspace():  # (as "not text.strip()", without copying the text)
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
        # Pause Python's cycle collector while the batch is analyzed.  Analysis allocates many
        # small objects that live until the batch ends (windows, labels, results); each
        # collection would walk all of them, so on a large text the collector cost a third of
        # the time.  Nothing analysis builds needs it (reference counting frees it), and what
        # cycles there are wait for the next collection.  If the collector was already off
        # (another thread's batch, or the application's choice), it is left off.
        # The collection that gc.enable() lets loose (at the next allocation: profiles show it
        # where the batch returns) walks what the batch leaves alive, the findings and the
        # recognizers' caches; it is paid once per batch instead of every 700 allocations.
        was = gc.isenabled()
        gc.disable()
        try:
            return self._findings(joined, spans)
        finally:
            if was:
                gc.enable()

    def _findings(self, joined: str, spans: list) -> list[Finding]:
        token = CHUNK_PARTS.set(tuple([(s, e, c.part) for s, e, c, _ in spans]))
        try:
            if hasattr(self.engine, "find"):
                results = self.engine.find(joined, self.min_score)
            else:  # an engine built elsewhere: Presidio's own analyze
                results = [r for r in self.engine.analyze(text=joined, language=LANGUAGE) if r.score >= self.min_score]
        finally:
            CHUNK_PARTS.reset(token)
        return _to_findings(resolve_overlaps(results), spans)


def _rank(r):
    """Best first: higher score, then type priority, then the longer span, then the earlier one."""
    return (-r.score, _PRIO.get(r.entity_type, 99), -(r.end - r.start), r.start)


_START = operator.attrgetter("start")


def resolve_overlaps(results: list) -> list:
    """Keep, of overlapping results, the best one (score, then type priority, then length).

    Best first, each result is kept unless a kept one overlaps it.  Whether a result is kept
    depends only on the results it overlaps, directly or through others, so the text is cut
    into clusters of chained overlapping results (one pass in start order) and each cluster is
    decided alone: most results overlap nothing and cost no ranking at all (and when none
    does, the sorted list is the answer).
    """
    if not results:
        return []
    by_start = sorted(results, key=_START)  # stable: equal starts keep their order, as in one sort
    clusters = []  # (first, end) in by_start of each cluster of several results
    first = 0
    reach = -1
    for j, r in enumerate(by_start):
        start, end = r.start, r.end
        if end <= start:
            # an empty span can clash with a result that starts where it stands, in
            # another cluster: the whole list is decided the general way
            return _resolve_overlaps_sorted(sorted(results, key=_rank))
        if start < reach:
            if end > reach:
                reach = end
            continue
        if j - first > 1:
            clusters.append((first, j))
        first, reach = j, end
    if len(by_start) - first > 1:
        clusters.append((first, len(by_start)))
    if not clusters:
        return by_start
    kept: list = []
    done = 0
    for first, end in clusters:
        kept.extend(by_start[done:first])
        kept.extend(_resolve_cluster(by_start[first:end]))
        done = end
    kept.extend(by_start[done:])
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
_new = object.__new__


def _plain_finding() -> bool:
    """Whether a Finding is exactly its fields set in order (what _to_findings writes itself)."""
    names = ("entity_type", "text", "start", "end", "part", "score", "recognizer", "level", "reason",
             "severity", "allowed")
    if tuple(f.name for f in dataclasses.fields(Finding)) != names:
        return False
    values = ("E", "t", 1, 2, "p", 0.5, "r", "l", {"en": "x"}, "info", False)
    made = _new(Finding)
    for name, value in zip(names, values):
        setattr(made, name, value)
    return list(vars(made).items()) == list(vars(Finding(*values[:9])).items())


# Calling the dataclass costs 40% of the finding (the class call, then eleven parameters
# bound); the same attribute writes done here cost none of that.
_PLAIN_FINDING = _plain_finding()


def _to_findings(results: list, spans: list) -> list[Finding]:
    """:func:`to_finding` for each result (in start order) that lies inside a chunk's text.

    ``spans``: ``(start, end, chunk, normalized)`` of each chunk's text in the joined text, in
    order.  Findings point at the chunk's original text; results in a context prefix or across
    a chunk boundary are dropped.  to_finding's body is inlined (it runs once per finding, and
    the call and the chunk's attributes cost a tenth of it); the uncommon cases go to the
    helpers both share (_level_and_reason, _rounded).
    """
    findings: list[Finding] = []
    append = findings.append
    plain = _PLAIN_FINDING
    starts = [s[0] for s in spans]
    last = len(spans) - 1
    c_start = nxt = 0  # the current chunk's text starts at c_start; the next chunk's at nxt
    c_end = same = norm = text = part = rounded = None
    last_score = float("nan")  # the score rounded last (NaN equals nothing)
    for r in results:
        start = r.start
        if not c_start <= start < nxt:  # another chunk (results come in start order: rarely)
            i = bisect.bisect_right(starts, start) - 1
            if i < 0:
                continue  # before the first chunk's text: its context prefix
            c_start, c_end, chunk, norm = spans[i]
            nxt = starts[i + 1] if i < last else float("inf")
            same = norm.segments is None  # normalization changed nothing: offsets carry over
            text, part = chunk.text, chunk.part
        end = r.end
        if end > c_end:  # crosses a chunk boundary, or lies in the next chunk's context prefix
            continue
        if same:
            start, end = start - c_start, end - c_start
        else:
            start, end = norm.span(start - c_start, end - c_start)
        # -- to_finding(r, chunk, start, end), inline
        meta = r.recognition_metadata or _NO_META
        entity = r.entity_type
        found = text[start:end]
        level = meta.get("dlp_level")
        reason = meta.get("dlp_reason")
        if (level is None and entity == "IP_ADDRESS") or reason.__class__ is not dict or not reason:
            level, reason = _level_and_reason(meta, entity, found, level, reason)
        score = r.score
        if score != last_score:  # (runs of one recognizer's fixed scores: a compare, no hashing)
            rounded = _rounded(score)
            last_score = score
        name = meta.get("recognizer_name") or meta.get("recognizer_identifier") or ""
        if plain:  # Finding(entity, found, start, end, part, rounded, name, level, reason), see _PLAIN_FINDING
            f = _new(Finding)
            f.entity_type = entity
            f.text = found
            f.start = start
            f.end = end
            f.part = part
            f.score = rounded
            f.recognizer = name
            f.level = level
            f.reason = reason
            f.severity = "info"
            f.allowed = False
            append(f)
        else:
            append(Finding(entity, found, start, end, part, rounded, name, level, reason))
    return findings  # in document order: results are sorted by start


def to_finding(result, chunk: Chunk, start: int, end: int) -> Finding:
    meta = result.recognition_metadata or _NO_META
    entity = result.entity_type
    text = chunk.text[start:end]
    level, reason = _level_and_reason(meta, entity, text, meta.get("dlp_level"), meta.get("dlp_reason"))
    # positional: the keyword form costs as much again, once per finding
    return Finding(entity, text, start, end, chunk.part, _rounded(result.score),
                   meta.get("recognizer_name") or meta.get("recognizer_identifier") or "", level, reason)


def _level_and_reason(meta: dict, entity: str, text: str, level, reason) -> tuple:
    """A finding's level and reason from its metadata's (``level``, ``reason``): an IP address's level
    worked out, a reason given as a string made a dict, a missing one the default."""
    if level is None and entity == "IP_ADDRESS":
        level = ip_level(text)
    if reason.__class__ is not dict or not reason:  # (dlp's recognizers: a filled dict; one test for them)
        if isinstance(reason, str):
            reason = {"en": reason, "id": reason}
        if not reason:
            reason = default_reason(entity, level, meta.get("dlp_context"))
    return level, reason


def _rounded(score: float) -> float:
    """The report's score: round() costs as much as the rest of a finding, and the recognizers use a
    handful of fixed scores, so each distinct one is rounded once."""
    rounded = _ROUNDED.get(score)
    if rounded is None:
        rounded = round(float(score), 2)
        if len(_ROUNDED) < 4096:
            _ROUNDED[score] = rounded
    return rounded


def ip_level(text: str) -> str | None:
    try:
        ip = ipaddress.ip_address(text.strip())
    except ValueError:
        return None
    if ip.is_loopback or ip.is_unspecified:
        return "local"
    return "private" if (ip.is_private or ip.is_link_local) else "public"


_REASONS: dict = {}  # (entity, level, context word) -> (en, id) of default_reason


def default_reason(entity: str, level: str | None, context_word: str | None) -> dict[str, str]:
    """The reason of a finding whose recognizer gave none (a new dict on each call: callers may change it)."""
    key = (entity, level, context_word)
    try:
        got = _REASONS.get(key)  # (worked out once: an e-mail-dense text asks per address)
    except TypeError:  # a level that is no string (another recognizer's metadata)
        got = key = None
    if got is None:
        got = _default_reason(entity, level, context_word)
        if key is not None and len(_REASONS) < 4096:
            _REASONS[key] = got
    return {"en": got[0], "id": got[1]}


def _default_reason(entity: str, level: str | None, context_word: str | None) -> tuple[str, str]:
    from dlp.i18n import entity_name

    en, id_ = entity_name(entity, "en"), entity_name(entity, "id")
    if entity == "IP_ADDRESS" and level:
        where = level if level in ("private", "local") else "public"
        en += f" ({ {'private': 'private network', 'local': 'this computer itself', 'public': 'public'}[where]})"
        id_ += f" ({ {'private': 'jaringan internal', 'local': 'komputer ini sendiri', 'public': 'publik'}[where]})"
    if context_word:
        en += f", near “{context_word}”"
        id_ += f", di dekat “{context_word}”"
    return en, id_
