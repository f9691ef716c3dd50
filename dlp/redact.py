"""Safe copies: the draft (or a DOCX) with what must not be posted masked or replaced.

Staff do not only need a verdict; they need something they can post instead.
A safe copy replaces each finding that the policy marks ``review`` or
``block`` with a placeholder that still reads naturally in a caption or a
press release, using presidio-anonymizer's ``AnonymizerEngine`` with one
operator per entity type:

==========================  ==========================================
``ID_NIK``, ``ID_KK``       first 4 digits kept: ``NIK 3171************``
``PHONE_NUMBER``            ``[nomor telepon]``
``EMAIL_ADDRESS``           ``[alamat e-mail]``
``ID_LETTER_NUMBER``        ``[nomor surat]``
``SECRET``                  ``[rahasia dihapus]``
``CLASSIFICATION_MARKING``  ``[klasifikasi]``
``PERSON``                  left as is (names of officials are often
                            public), ``[nama]`` with ``mask_persons``
==========================  ==========================================

The first four digits of a NIK or KK number are the province and regency
code (Permendagri 72/2019 on region codes): they say where, not who, so the
masked number still shows readers what kind of number was there without
identifying anyone.

Every other occurrence of a replaced value in the same text is replaced too:
an identifier recognized once, next to its label, is not left standing where
it appears again without one.

For DOCX attachments :func:`redact_docx` does the same inside the document:
the text of every paragraph of the body, tables, headers, footers, footnotes,
endnotes and comments (including tracked deletions and field codes) is
analyzed, and each replacement is written into the runs, also when a value is
split across several runs (Word splits text at every change of formatting,
spell-check mark or revision).  A number typed one digit a cell into a form's
boxes (a Dukcapil form's 16 boxes for a NIK) is analyzed whole, as the scan
reads it, and masked box by box.  Hyperlink targets are analyzed as well; core
and extended document properties (author, last modified by, company, ...) and
the author names of comments and tracked changes are cleared.

Example::

    >>> from dlp.pipeline import Scanner
    >>> copy = redact_draft("Hubungi 0812-3456-7890", Scanner())
    >>> copy.text
    'Hubungi [nomor telepon]'

The core never prints and never exits: :mod:`dlp.cli_web` and :mod:`dlp.web`
decide what to do with the results.
"""
from __future__ import annotations

import bisect
import io
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

from dlp.models import Chunk, FileResult, Finding, ScanError

LANGS = ("id", "en")

# Placeholder written in place of a value, per entity type: (Bahasa Indonesia, English).
PLACEHOLDERS: dict[str, tuple[str, str]] = {
    "PHONE_NUMBER": ("[nomor telepon]", "[phone number]"),
    "EMAIL_ADDRESS": ("[alamat e-mail]", "[e-mail address]"),
    "ID_LETTER_NUMBER": ("[nomor surat]", "[letter number]"),
    "SECRET": ("[rahasia dihapus]", "[secret removed]"),
    "CLASSIFICATION_MARKING": ("[klasifikasi]", "[classification]"),
    "ID_NIP": ("[NIP]", "[NIP]"),
    "ID_NPWP": ("[NPWP]", "[NPWP]"),
    "ID_PASSPORT": ("[nomor paspor]", "[passport number]"),
    "CREDIT_CARD": ("[nomor kartu]", "[card number]"),
    "IP_ADDRESS": ("[alamat IP]", "[IP address]"),
    "PERSON": ("[nama]", "[name]"),
    "GEOLOCATION": ("[lokasi]", "[location]"),
}
# Any entity type not named above (a custom pattern pack, say).
DEFAULT_PLACEHOLDER = ("[disamarkan]", "[redacted]")

# Entity types masked digit by digit, keeping this many leading digits.
KEEP_DIGITS: dict[str, int] = {"ID_NIK": 4, "ID_KK": 4}
MASK_CHAR = "*"

# A value this short is replaced only where it was found, never elsewhere:
# repeating "12" everywhere would eat ordinary numbers.
MIN_LITERAL = 5

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TEXT_TYPES = ("application/json", "application/x-yaml", "application/xml", "application/x-empty",
              "application/csv", "application/x-ndjson")

MESSAGES = {
    "unsupported": ("Salinan aman hanya bisa dibuat untuk file teks dan DOCX (file ini: {media_type})",
                    "A safe copy can only be made of text and DOCX files (this file: {media_type})"),
    "corrupt": ("File DOCX rusak, tidak bisa dibuatkan salinan aman ({detail})",
                "The DOCX file is corrupt; no safe copy could be made ({detail})"),
}


def message(key: str, lang: str, **kw) -> str:
    pair = MESSAGES[key]
    return (pair[0] if lang == "id" else pair[1]).format(**kw)


class RedactError(ValueError):
    """No safe copy can be made of this input (``code``: ``unsupported`` or ``corrupt``)."""

    def __init__(self, code: str, **detail):
        self.code = code
        self.detail = detail
        super().__init__(message(code, "en", **detail))

    def message(self, lang: str) -> str:
        return message(self.code, lang, **self.detail)


# -- operators ------------------------------------------------------------------

def placeholder(entity: str, lang: str = "id") -> str:
    pair = PLACEHOLDERS.get(entity, DEFAULT_PLACEHOLDER)
    return pair[1] if lang == "en" else pair[0]


def keep_digits(value: str, keep: int = 4, char: str = MASK_CHAR) -> str:
    """Mask every digit after the first ``keep``; separators stay where they are.

    >>> keep_digits("3171 0123 0485 0001")
    '3171 **** **** ****'
    """
    seen = 0

    def repl(m: re.Match) -> str:
        nonlocal seen
        seen += 1
        return m.group() if seen <= keep else char

    return re.sub(r"\d", repl, value)


def operators(lang: str = "id") -> dict:
    """presidio-anonymizer operators, one per entity type (plus ``DEFAULT``)."""
    from presidio_anonymizer.entities import OperatorConfig

    ops = {entity: OperatorConfig("replace", {"new_value": placeholder(entity, lang)}) for entity in PLACEHOLDERS}
    for entity, keep in KEEP_DIGITS.items():
        ops[entity] = OperatorConfig("custom", {"lambda": lambda value, keep=keep: keep_digits(value, keep)})
    ops["DEFAULT"] = OperatorConfig("replace", {"new_value": placeholder("DEFAULT", lang)})
    return ops


@lru_cache(maxsize=1)
def anonymizer():
    """The process-wide presidio-anonymizer engine (cheap, but built once)."""
    from presidio_anonymizer import AnonymizerEngine

    return AnonymizerEngine()


_OPERATORS: dict[str, dict] = {}


def _operators(lang: str) -> dict:
    if lang not in _OPERATORS:
        _OPERATORS[lang] = operators(lang)
    return _OPERATORS[lang]


# -- choosing what to replace ------------------------------------------------------

def should_redact(f: Finding, mask_persons: bool = False) -> bool:
    """Whether a finding is replaced in the safe copy.

    Everything the policy counts against the draft (``review`` or ``block``)
    is; ``info`` findings are not (a public IP address, a "Biasa" marking),
    except names of people when ``mask_persons`` is asked for.  Values the
    policy's allowlist accepts stay.
    """
    if f.allowed:
        return False
    if f.severity in ("review", "block"):
        return True
    return mask_persons and f.entity_type == "PERSON"


@dataclass
class Span:
    entity_type: str
    start: int
    end: int
    score: float = 1.0


def spans_for(text: str, findings: Iterable[Finding], mask_persons: bool = False,
              literals: Iterable[tuple[str, str]] = ()) -> list[Span]:
    """Non-overlapping spans of ``text`` to replace, in order.

    A finding whose offsets do not match ``text`` (it came from another
    extraction of the same file) is looked up by its value.  Every value
    replaced once is replaced wherever else it occurs, and so is every
    ``(entity_type, value)`` in ``literals``.
    """
    spans: list[Span] = []
    values: dict[str, str] = {}
    for f in findings:
        if not should_redact(f, mask_persons):
            continue
        if 0 <= f.start < f.end <= len(text) and text[f.start:f.end] == f.text:
            spans.append(Span(f.entity_type, f.start, f.end, f.score))
        if len(f.text.strip()) >= MIN_LITERAL or not (0 <= f.start < f.end <= len(text)):
            values.setdefault(f.text, f.entity_type)
    for entity, value in literals:
        if len(value.strip()) >= MIN_LITERAL:
            values.setdefault(value, entity)
    if values:
        # Longest first, so that a value containing another wins at the same place.
        ordered = sorted((v for v in values if v), key=len, reverse=True)
        rx = re.compile("|".join(re.escape(v) for v in ordered))
        for m in rx.finditer(text):
            spans.append(Span(values[m.group()], m.start(), m.end(), 1.0))
    return _without_overlaps(spans)


def _without_overlaps(spans: list[Span]) -> list[Span]:
    spans.sort(key=lambda s: (s.start, -(s.end - s.start)))
    kept: list[Span] = []
    for s in spans:
        if kept and s.start < kept[-1].end:
            if s.end > kept[-1].end and s.start == kept[-1].start:
                kept[-1] = s
            continue
        kept.append(s)
    return kept


# -- text ---------------------------------------------------------------------------

@dataclass
class Change:
    """One replacement: ``source_start:source_end`` of the original became ``start:end`` of the copy."""

    entity_type: str
    source_start: int
    source_end: int
    start: int
    end: int
    text: str

    def to_dict(self) -> dict:
        return {"entity_type": self.entity_type, "source_start": self.source_start, "source_end": self.source_end,
                "start": self.start, "end": self.end, "text": self.text}


@dataclass
class SafeCopy:
    text: str
    changes: list[Change] = field(default_factory=list)


def anonymize(text: str, spans: list[Span], lang: str = "id") -> SafeCopy:
    """Replace ``spans`` (sorted, non-overlapping) of ``text`` with presidio-anonymizer."""
    if not spans:
        return SafeCopy(text)
    from presidio_anonymizer.entities import RecognizerResult

    results = [RecognizerResult(s.entity_type, s.start, s.end, s.score) for s in spans]
    out = anonymizer().anonymize(text=text, analyzer_results=results, operators=_operators(lang),
                                 merge_entities_with_spaces=False)
    items = sorted(out.items, key=lambda i: i.start)
    if len(items) != len(spans):  # the engine merged something after all: report no positions
        return SafeCopy(out.text)
    changes = [Change(s.entity_type, s.start, s.end, i.start, i.end, i.text) for s, i in zip(spans, items)]
    return SafeCopy(out.text, changes)


def redact_text(text: str, findings: Iterable[Finding], *, lang: str = "id", mask_persons: bool = False,
                literals: Iterable[tuple[str, str]] = ()) -> SafeCopy:
    """The safe copy of ``text`` given its findings (offsets into ``text``)."""
    return anonymize(text, spans_for(text, findings, mask_persons, literals), lang)


def check_text(scanner, text: str, path: str = "draft") -> FileResult:
    """Scan a draft as plain text: its findings' offsets index ``text`` itself.

    A pasted caption is text whatever it looks like, so the file-type sniffing
    of :meth:`Scanner.scan_bytes` is skipped (a draft that happens to start
    like HTML would otherwise be extracted as HTML, and offsets would point
    into the extracted text).  Never raises: a failure is an ``internal``
    error on the result, which the policy turns into at least ``review``.
    """
    result = FileResult(path=path, media_type="text/plain", size=len(text.encode("utf-8", "surrogatepass")))
    try:
        if text.strip():
            result.findings = scanner.analyzer.analyze([Chunk(text, "body")])
    except Exception as exc:  # fail closed
        result.findings = []
        result.errors.append(ScanError("internal", f"{type(exc).__name__}: {exc}"[:300]))
    return scanner.policy.apply(result)


def redact_draft(text: str, scanner, *, lang: str = "id", mask_persons: bool = False) -> SafeCopy:
    """Scan ``text`` and return its safe copy."""
    return redact_text(text, check_text(scanner, text).findings, lang=lang, mask_persons=mask_persons)


# -- DOCX -----------------------------------------------------------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = "{%s}" % W_NS
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
WML_PREFIX = "application/vnd.openxmlformats-officedocument.wordprocessingml."
HYPERLINK_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
# Text-bearing elements, each analyzed as its own stream per paragraph: shown
# text, text deleted under tracked changes (still in the file), field codes.
STREAMS = (("t", _W + "t"), ("del", _W + "delText"), ("instr", _W + "instrText"))
# Inside a shown-text stream these stand for characters but cannot be edited.
VIRTUAL = {_W + "tab": "\t", _W + "br": "\n", _W + "cr": "\n", _W + "noBreakHyphen": "-"}
# Attributes naming people: comment and revision authors, people.xml entries.
PERSON_ATTRS = {"author", "initials", "userId", "providerId"}
APP_FIELDS = ("Company", "Manager", "HyperlinkBase")


@dataclass
class DocxCopy:
    data: bytes
    replaced: int
    findings: list[Finding]


@dataclass
class _Stream:
    nodes: list  # lxml element or None (a virtual character)
    texts: list[str]
    text: str
    offsets: list[int]


def _streams(root) -> list[_Stream]:
    """The text streams of a WordprocessingML part: per paragraph and kind, in document order."""
    groups: dict[tuple[int, str], tuple[list, list]] = {}
    order: list[tuple[int, str]] = []
    tags = {tag: kind for kind, tag in STREAMS}
    wanted = set(tags) | set(VIRTUAL)
    paragraph_tag = _W + "p"
    run_tag = _W + "r"
    for el in root.iter(*wanted):
        para = next(el.iterancestors(paragraph_tag), None)
        owner = id(para) if para is not None else 0
        if el.tag in VIRTUAL:
            if el.getparent() is None or el.getparent().tag != run_tag:
                continue  # a tab stop in paragraph properties, not a character
            key = (owner, "t")
            if key not in groups:
                continue  # a tab before any text: nothing to join
            groups[key][0].append(None)
            groups[key][1].append(VIRTUAL[el.tag])
            continue
        key = (owner, tags[el.tag])
        if key not in groups:
            groups[key] = ([], [])
            order.append(key)
        groups[key][0].append(el)
        groups[key][1].append(el.text or "")
    streams = []
    for key in order:
        nodes, texts = groups[key]
        offsets, pos = [], 0
        for t in texts:
            offsets.append(pos)
            pos += len(t)
        streams.append(_Stream(nodes, texts, "".join(texts), offsets))
    return streams


def _apply(stream: _Stream, changes: list[Change]) -> int:
    """Write ``changes`` (source offsets into ``stream.text``) into the stream's nodes."""
    new = list(stream.texts)
    touched: set[int] = set()
    done = 0
    for ch in reversed(changes):
        first = bisect.bisect_right(stream.offsets, ch.source_start) - 1
        last = bisect.bisect_right(stream.offsets, max(ch.source_end - 1, ch.source_start)) - 1
        placed = False
        for k in range(max(first, 0), last + 1):
            if stream.nodes[k] is None:
                continue
            a = max(ch.source_start, stream.offsets[k]) - stream.offsets[k]
            b = min(ch.source_end, stream.offsets[k] + len(stream.texts[k])) - stream.offsets[k]
            new[k] = new[k][:a] + ("" if placed else ch.text) + new[k][b:]
            placed = True
            touched.add(k)
        done += placed
    for k in touched:
        node = stream.nodes[k]
        node.text = new[k]
        node.set(XML_SPACE, "preserve")
    return done


def _digit_boxes(root) -> list[tuple[Chunk, list]]:
    """The runs of a form's digit boxes in the tables of a part, one digit a cell, found as the
    DOCX extractor finds them (:class:`dlp.extract.ooxml.DigitBoxes`): each as a chunk of its
    digits, with the row's label as context, and the text node holding each digit, in order."""
    from dlp.extract.docx import MAX_CONTEXT, _cells, _rows, labels_a_row
    from dlp.extract.ooxml import DigitBoxes

    t_tag = _W + "t"
    out = []
    for tbl in root.iter(_W + "tbl"):
        for tr in _rows(tbl):
            found: list[Chunk] = []
            boxes = DigitBoxes(found)
            nodes = []
            label = ""
            for k, tc in enumerate(_cells(tr)):
                texts = [t for t in tc.iter(t_tag) if t.text and not t.text.isspace()]
                text = "".join(t.text for t in texts).strip()
                nodes.append(texts[0] if len(texts) == 1 else None)
                boxes.cell(k, text, str(k), label)
                if not label and labels_a_row(text):
                    label = text[:MAX_CONTEXT]
            boxes.end()
            for chunk in found:
                first, last = map(int, chunk.part.split(":"))
                out.append((chunk, nodes[first:last + 1]))
    return out


def _mask_boxes(nodes: list, digits: str, f: Finding) -> int:
    """Mask the digits of finding ``f`` in the box nodes, one digit a node (NIK and KK keep their
    region code, as :func:`keep_digits` does); returns 1 when anything was masked."""
    keep = KEEP_DIGITS.get(f.entity_type, 0)
    done = 0
    for i in range(f.start + keep, f.end):
        node = nodes[i]
        if node is not None and digits[i] in node.text:
            node.text = node.text.replace(digits[i], MASK_CHAR, 1)
            done = 1
    return done


def _xml_parts(document):
    """(part, root element, setter) for every WordprocessingML XML part of the package."""
    from lxml import etree

    for part in document.part.package.iter_parts():
        ct = getattr(part, "content_type", "") or ""
        if not (ct.startswith(WML_PREFIX) and ct.endswith("+xml")):
            continue
        element = getattr(part, "_element", None)
        if element is not None:
            yield part, element, None
            continue
        root = etree.fromstring(part.blob, parser=etree.XMLParser(resolve_entities=False, huge_tree=True))

        def store(root=root, part=part):
            part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

        yield part, root, store


def _clear_properties(document) -> None:
    """Clear core properties (author, last modified by, ...) and extended ones (company, manager)."""
    from lxml import etree

    cp = document.core_properties
    for name in ("author", "category", "comments", "content_status", "identifier", "keywords", "language",
                 "last_modified_by", "subject", "title", "version"):
        try:
            setattr(cp, name, "")
        except (ValueError, AttributeError):
            pass
    try:
        cp.revision = 1
    except (ValueError, AttributeError):
        pass
    for part in document.part.package.iter_parts():
        name = str(part.partname)
        if name not in ("/docProps/app.xml", "/docProps/custom.xml"):
            continue
        try:
            root = etree.fromstring(part.blob, parser=etree.XMLParser(resolve_entities=False))
        except etree.XMLSyntaxError:
            continue
        for el in root.iter():
            if not isinstance(el.tag, str):
                continue
            local = etree.QName(el).localname
            if name.endswith("custom.xml") and len(el) == 0 and el.text:
                el.text = ""
            elif local in APP_FIELDS and el.text:
                el.text = ""
        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def redact_docx(data: bytes, scanner, *, lang: str = "id", mask_persons: bool = False,
                literals: Iterable[tuple[str, str]] = ()) -> DocxCopy:
    """A redacted copy of a DOCX file (bytes in, bytes out).

    ``literals`` are ``(entity_type, value)`` pairs found elsewhere (say, by a
    scan of the whole file) that are replaced wherever they occur.
    Raises :class:`RedactError` (``corrupt``) when the file cannot be opened.
    """
    try:
        import docx
        from lxml import etree

        document = docx.Document(io.BytesIO(data))
        parts = list(_xml_parts(document))
    except Exception as exc:
        raise RedactError("corrupt", detail=f"{type(exc).__name__}: {exc}"[:200]) from exc

    # One analyzer call over every stream; each stream is its own chunk.
    streams: list[tuple[_Stream, object]] = []
    chunks: list[Chunk] = []
    for part, root, store in parts:
        for stream in _streams(root):
            if stream.text.strip():
                chunks.append(Chunk(stream.text, f"s{len(streams)}"))
                streams.append((stream, store))
    # A form's digit boxes (a NIK typed one digit a cell): the digits of each run as one more chunk.
    box_runs: list[tuple[list, str, object]] = []  # (the digits' nodes, the digits, the part's store)
    for part, root, store in parts:
        for chunk, nodes in _digit_boxes(root):
            chunks.append(Chunk(chunk.text, f"b{len(box_runs)}", chunk.context))
            box_runs.append((nodes, chunk.text, store))
    links = []  # (relationship, target)
    for part, _root, _store in parts:
        for rel in list(part.rels.values()):
            if rel.reltype == HYPERLINK_RT and rel.is_external and rel.target_ref:
                chunks.append(Chunk(rel.target_ref, f"l{len(links)}"))
                links.append(rel)

    result = FileResult(path="docx", media_type=DOCX)
    if chunks:
        result.findings = scanner.analyzer.analyze(chunks)
    scanner.policy.apply(result)
    by_part: dict[str, list[Finding]] = {}
    for f in result.findings:
        by_part.setdefault(f.part, []).append(f)
    found = list(literals) + [(f.entity_type, f.text) for f in result.findings if should_redact(f, mask_persons)]

    replaced = 0
    dirty = set()
    for i, (stream, store) in enumerate(streams):
        spans = spans_for(stream.text, by_part.get(f"s{i}", []), mask_persons, found)
        if not spans:
            continue
        copy = anonymize(stream.text, spans, lang)
        if not copy.changes and copy.text != stream.text:  # no positions: put the whole text in the first node
            copy.changes = [Change("DEFAULT", 0, len(stream.text), 0, len(copy.text), copy.text)]
        replaced += _apply(stream, copy.changes)
        if store is not None:
            dirty.add(store)
    for i, (nodes, digits, store) in enumerate(box_runs):
        for f in by_part.get(f"b{i}", []):
            if should_redact(f, mask_persons) and _mask_boxes(nodes, digits, f):
                replaced += 1
                if store is not None:
                    dirty.add(store)
    for i, rel in enumerate(links):
        target = rel.target_ref
        if spans_for(target, by_part.get(f"l{i}", []), mask_persons, found):
            rel._target = "#"
            replaced += 1
    for _part, root, store in parts:
        for el in root.iter():
            if not isinstance(el.tag, str):
                continue
            for attr in list(el.attrib):
                if attr.rsplit("}", 1)[-1] in PERSON_ATTRS and el.attrib[attr]:
                    el.attrib[attr] = ""
                    if store is not None:
                        dirty.add(store)
    for store in dirty:
        store()
    _clear_properties(document)
    out = io.BytesIO()
    document.save(out)
    return DocxCopy(out.getvalue(), replaced, result.findings)


# -- any supported file -----------------------------------------------------------------

@dataclass
class FileCopy:
    data: bytes
    media_type: str
    replaced: int
    kind: str  # "text" or "docx"


def media_type_of(data: bytes) -> str:
    from dlp.extract import sniff

    return sniff(data)


def is_textual(media_type: str) -> bool:
    # (RTF is text with its words split by control groups: masked as plain text, a number split by a
    # revision group would stay; no safe copy is made of it)
    return (media_type.startswith("text/") and media_type != "text/rtf") or media_type in TEXT_TYPES


def redactable(media_type: str) -> bool:
    """Whether a safe copy can be made of a file of this type."""
    return media_type == DOCX or is_textual(media_type)


def redact_bytes(data: bytes, scanner, *, lang: str = "id", mask_persons: bool = False,
                 literals: Iterable[tuple[str, str]] = ()) -> FileCopy:
    """A safe copy of a text or DOCX file; :class:`RedactError` for any other type."""
    mt = media_type_of(data)
    if mt == DOCX:
        copy = redact_docx(data, scanner, lang=lang, mask_persons=mask_persons, literals=literals)
        return FileCopy(copy.data, DOCX, copy.replaced, "docx")
    if is_textual(mt):
        from dlp.extract.text import decode

        text = decode(data)
        safe = redact_text(text, check_text(scanner, text).findings, lang=lang, mask_persons=mask_persons,
                           literals=literals)
        return FileCopy(safe.text.encode("utf-8"), "text/plain; charset=utf-8", len(safe.changes), "text")
    raise RedactError("unsupported", media_type=mt)
