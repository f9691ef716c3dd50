"""CLASSIFICATION_MARKING: a document's security classification, as marked on it.

What
    The classification an Indonesian official document is marked with - Sangat
    Rahasia, Rahasia, Terbatas, Biasa / Terbuka - or its English equivalent
    (TOP SECRET, SECRET, CONFIDENTIAL, RESTRICTED, INTERNAL USE ONLY), where it
    stands as a marking:

    * a ``Sifat:`` / ``Klasifikasi:`` field (``Sifat : Rahasia``,
      ``Klasifikasi: Terbatas``, ``Classification: Confidential``), any case;
    * a stamp line alone, possibly decorated (``RAHASIA``,
      ``*** SANGAT RAHASIA ***``, ``// RAHASIA //``), an upper-case banner with
      document words or a distribution warning (``DOKUMEN RAHASIA``,
      ``CONFIDENTIAL - DO NOT DISTRIBUTE``, ``TERBATAS - dilarang
      memperbanyak``), or a tag in brackets (``[RAHASIA] Rencana ...``);
    * in any case, alone in a page header or footer chunk (or at the top or
      bottom line of a page).

    Not markings: the same words in prose or in a longer title ("resep
    rahasia", "bukan rahasia lagi", "kuota terbatas", "UJI COBA SEKOLAH TATAP
    MUKA TERBATAS", a book called "Rahasia Lembah Cikapundung", "pemerintahan
    terbuka"), and urgency (``Sifat: Segera``, ``Sifat: Penting``).  Stamps
    are matched case-sensitively for that reason; only field values ignore
    case.

Why
    A marked document must not leave the office; the level goes into the
    finding (``sangat_rahasia``, ``rahasia``, ``terbatas`` block; ``biasa``,
    ``terbuka`` are info).

Source
    Perka ANRI on tata naskah dinas (sifat naskah); UU 14/2008 and PP 61/2010
    on information excluded from disclosure; Perka BSSN on information
    classification.  The vocabulary lives in ``patterns/markings.yaml``.
"""
from __future__ import annotations

import re

from dlp.classifiers._text import (Recognizer, alternation, capitals, dedupe, find_all, line_bounds, load_yaml,
                                   lower, next_line, part_at, parts, prev_line, reason)

ENTITY = "CLASSIFICATION_MARKING"

LEVEL_NAMES = {
    "sangat_rahasia": ("sangat rahasia", "top secret"),
    "rahasia": ("rahasia", "secret"),
    "terbatas": ("terbatas", "restricted"),
    "biasa": ("biasa", "ordinary"),
    "terbuka": ("terbuka", "public"),
}

DEFAULT_STAMPS = {
    "sangat_rahasia": ["SANGAT RAHASIA", "TOP SECRET"],
    "rahasia": ["RAHASIA", "SECRET", "CONFIDENTIAL", "STRICTLY CONFIDENTIAL", "KONFIDENSIAL"],
    "terbatas": ["TERBATAS", "RESTRICTED", "INTERNAL USE ONLY", "FOR INTERNAL USE ONLY", "FOR OFFICIAL USE ONLY"],
    "biasa": ["BIASA"],
    "terbuka": ["TERBUKA", "UNCLASSIFIED"],
}
DEFAULT_FIELDS = {k: [w.lower() for w in v] for k, v in DEFAULT_STAMPS.items()}

# Words that may stand with a stamp on its line: DOKUMEN RAHASIA, SURAT INI BERSIFAT RAHASIA.
PRE_WORDS = r"(?:(?:DOKUMEN|SURAT|NASKAH|BERKAS|INFORMASI|MEMO|NOTA)(?:\s+INI)?(?:\s+BERSIFAT)?|BERSIFAT)"
# A page number may stand before a footer's marking: "Halaman 2 dari 5 | RAHASIA".
PAGE_MARK = r"(?:HALAMAN|Halaman|HAL\.?|Hal\.?|PAGE|Page)\s*\d+(?:\s*(?:dari|DARI|of|OF|/)\s*\d+)?"
POST_WORDS = r"(?:DOCUMENT|INFORMATION|MATERIAL)"
# A draft's banner: "DRAF - TERBATAS UNTUK INTERNAL", "DRAFT: RAHASIA".
DRAFT_WORDS = r"(?:DRAF|DRAFT|KONSEP|RANCANGAN|EMBARGO)"
# A distribution warning may follow a stamp after a single blank: "TERBATAS UNTUK INTERNAL",
# "RAHASIA HANYA UNTUK PIMPINAN" (TAIL_OK's words after a separator; here they must open the tail).
TAIL_AFTER_BLANK = (r"(?i:untuk\s+(?:internal|kalangan|dinas|pimpinan|pejabat)|hanya\s+untuk|tidak\s+untuk|"
                    r"bukan\s+untuk|belum\s+(?:untuk|boleh|di\w+)|dilarang|jangan|embargo|for\s+(?:internal|official)|"
                    r"not\s+for|do\s+not)\b")
# After a separator, a stamp may carry a distribution warning or a page number.
TAIL_OK = re.compile(
    r"(?i)dilarang|jangan|tidak\s+(?:untuk|boleh)|bukan\s+untuk|hanya\s+untuk|not\s+(?:for|to)|do\s+not|"
    # a press draft's "belum untuk dipublikasikan", "belum dirilis", "EMBARGO"
    r"belum\s+(?:untuk|boleh|di\w+)|embargo|"
    r"distribu|disebar|diperbanyak|memperbanyak|digandakan|copy|copies|salin|eksemplar|internal|only|"
    r"need\s+to\s+know|kalangan|pihak|page|halaman|hal\.?\s*\d|^\d+(?:\s*(?:/|dari|of)\s*\d+)?$|"
    # a draft's note after its marking: "RAHASIA - Draf v2", "FOR OFFICIAL USE ONLY - DRAFT v3", "(KONSEP)"
    r"\bdraf|\bkonsep\b|\brancangan\b|\bversi\b|\bversion\b|\brev(?:isi|ision)?\b|^v\.?\s?\d|"
    r"rahasia|terbatas|confidential|restricted|secret|noforn|orcon|rel\s+to|fouo|sensitive")  # see _lists_levels
DECOR = " \t\r*_=#~\"'`.:!<>[](){}|/\\-\u2013\u2014\u2022\u00b7+"
# A bare stamp that is really the end of a wrapped title or phrase ("KUOTA\nTERBATAS").
WRAP_BEFORE = {"KUOTA", "WAKTU", "STOK", "JUMLAH", "TEMPAT", "KURSI", "SLOT", "PESERTA", "EDISI", "PROMO",
               "PENAWARAN", "MUKA", "RESEP", "BUKAN", "KAPASITAS", "AKSES", "FORMASI", "PENDAFTARAN",
               "TAMPUNG", "PRODUKSI", "SECARA", "DAN", "YANG", "SANGAT", "AMAT", "PALING", "SUPER", "DISKON",
               "HARGA", "PERSEDIAAN", "TIKET", "KAMAR", "PORSI", "UNIT", "PAKET", "SEAT", "SPOT", "GRATIS",
               "VAKSIN", "DOSIS", "ANTREAN", "ANTRIAN"}
WRAP_AFTER = {"SUKSES", "UMUM", "DAPUR", "NEGARA", "KELUARGA", "DI", "DARI", "YANG", "UNTUK", "BAGI",
              "HANYA", "SAMPAI", "HINGGA", "LAGI", "ALAM", "HIDUP", "DIBALIK", "DI BALIK", "AGENT"}

FIELD_LABELS = (r"(?:sifat(?:\s+(?:surat|naskah|dokumen|informasi))?|"
                r"klasifikasi(?:\s+(?:keamanan|dokumen|informasi|surat|naskah|arsip))?(?:\s+keamanan)?|"
                r"tingkat\s+(?:klasifikasi|kerahasiaan|keamanan)|derajat\s+(?:klasifikasi|kerahasiaan|keamanan)|"
                r"(?:security\s+)?classification|sensitivity(?:\s+label)?|security\s+level|"
                r"kategori\s+informasi|status\s+(?:dokumen|informasi))")
FIELD_KEYS = ("sifat", "klasifikasi", "classification", "sensitivity", "kerahasiaan", "security level",
              "kategori informasi", "status dokumen", "status informasi", "tingkat keamanan", "derajat keamanan")
# Each key holds one of these: "sif" stands in sifat, klasifikasi and classification, "ity" in sensitivity and
# security level, "keamanan" in tingkat and derajat keamanan.  A text is searched for the anchors (one scan
# for those sharing a first letter) and each anchor found tells which keys stand around it.
FIELD_ANCHORS = ("sif", "ity", "status ", "kerahasiaan", "kategori informasi", "keamanan")
# anchor -> ((key, its order in FIELD_KEYS, the anchor's offset in it), ...); a key under its first anchor only
_ANCHOR_OF = {k: next(a for a in FIELD_ANCHORS if a in k) for k in FIELD_KEYS}
_KEYS_AT_ANCHOR = {a: tuple((k, n, k.index(a)) for n, k in enumerate(FIELD_KEYS) if _ANCHOR_OF[k] == a)
                   for a in FIELD_ANCHORS}
# The anchors sharing a first letter are looked for in one scan (``s(?=if|tatus )`` stops at each start of
# either, where two str.find loops scan the text twice); an anchor alone keeps its str.find loop.
_ANCHOR_GROUPS: dict[str, list[str]] = {}
for _a in FIELD_ANCHORS:
    _ANCHOR_GROUPS.setdefault(_a[0], []).append(_a)
del _a
_ANCHOR_SCANS = tuple((re.compile(re.escape(f) + "(?=" + "|".join(re.escape(a[1:]) for a in group) + ")"), tuple(group))
                      for f, group in _ANCHOR_GROUPS.items() if len(group) > 1)
_LONE_ANCHORS = tuple(group[0] for group in _ANCHOR_GROUPS.values() if len(group) == 1)
MAX_STAMP_LINE = 160
SUBJECT = re.compile(r"(?i)[ \t>]*(?:subject|subjek|perihal|re|fwd?|tr)[ \t]*:[ \t]*(?:(?:re|fwd?|tr)[ \t]*:[ \t]*)*")
SUBJECT_PART = re.compile(r"(?i)[ \t]*(?:(?:re|fwd?|tr)[ \t]*:[ \t]*)*")
URGENCY = r"(?:(?:sangat\s+)?segera|kilat|penting|amat\s+segera)"
# A form's tick boxes: "Klasifikasi: [ ] Rahasia [X] Terbatas [ ] Biasa" (a disposition sheet, a Word
# form's check boxes, which Word writes as U+2610/U+2612).  A box with a cross, a v or a tick is ticked; a
# filled square or dot is ticked only beside an empty box (alone it is a list's bullet).
TICKED = (r"(?:[\[(][ \t]*[xXvV\u2713\u2714\u221a\u2717\u2718][ \t]*[\])]|"
          r"[\u2611\u2612\u2705\u2713\u2714\u221a\u22a0])")
FILLED = r"[\u25a0\u25a3\u25cf\u25c9\u2b1b]"
EMPTY = r"(?:[\[(][ \t]*[\])]|[\u2610\u25a1\u25cb\u25ef\u2b1c])"
_BOX_GATE = re.compile(r"[\[(\u2610-\u2612\u2705\u2713\u2714\u221a\u22a0\u25a0-\u25ef\u2b1b\u2b1c]")
BOX_LINES = 4  # the options of a box list may stand one a line under their label


# "bersifat RAHASIA", "Dokumen ini RAHASIA": a level in capitals after the words that declare it (see
# _declared).  The level words are found by str.find and this is read back from each over 60
# characters: a scan of the text for the words' case-insensitive start costs ten times more, and a
# table's "(TERBATAS)" title is enough to call it.
DECLARED_BEFORE = re.compile(r"(?<![\w])(?i:bersifat|berklasifikasi|(?:dokumen|surat|naskah|berkas|informasi|"
                             r"laporan|materi|bahan)[ \t]+ini(?:[ \t]+(?:adalah|merupakan))?)"
                             r"[ \t]+(?P<sangat>SANGAT[ \t]+)?\Z")
DECLARED_WORDS = ("RAHASIA", "TERBATAS")
# A rule about a class of documents, not a document's own level: "Dokumen berklasifikasi SANGAT RAHASIA
# hanya boleh dibaca ...", "Naskah bersifat RAHASIA wajib disimpan ..." (an SOP, a training module).  With
# "ini" ("Surat ini bersifat RAHASIA, hanya untuk ...") the document speaks of itself and is marked.
_RULE_AFTER = re.compile(r"[ \t,]*(?i:hanya|harus|wajib|tidak\s+boleh|dilarang|disimpan|diberi|dapat|boleh|"
                         r"must|shall|may|should)(?![\w])")
_THIS = re.compile(r"(?i)(?<![\w])(?:ini|this)(?![\w])")
_SPACED_VALUE = re.compile(r"[ \t*_]*[:\uff1a][ \t*_]*(?P<value>[A-Za-z](?: {1,3}[A-Za-z]){3,})[ \t*_.\r]*(?=\n|$)")
_DISTRIBUTION = re.compile(r"(?i)(?:(?:for|untuk|hanya\s+untuk)\s+)?(?:kalangan\s+)?internal\s+use(?:\s+only)?|"
                           r"(?:for|untuk|kalangan)\s+internal")
# Words of a report on a document that got out (see _reported).
_REPORTED = re.compile(r"(?i)(?<![\w])(?:beredar|bocor\w*|kebocoran|membocorkan|tersebar|disebarluaskan|viral|"
                       r"diduga|disebut|dikabarkan|dilaporkan|hoaks|hoax|palsu|leaked|circulat\w*|reportedly|alleged\w*)"
                       r"(?![\w])")

_SPACED = re.compile(r"\w(?: \w)+(?:\s{2,}\w(?: \w)+)*")
# Every letter-spaced keyword (six letters or more, none a blank) holds " X Y ": one scan instead of one a keyword
# (worth it for more than a few keywords: a str.find of one runs ~10x faster than this regex's scan).
_SPACED_GATE = re.compile(r" \S \S ")
_SPACED_GATE_FROM = 4


# Letters joined by a dash, dot or underscore instead of a blank: "R-A-H-A-S-I-A", "R.A.H.A.S.I.A".
_JOINED = re.compile(r"\w(?:[-._]\w)+")


def _joined_rx(spaced: list[str]) -> re.Pattern | None:
    """One regex for the letter-spaced keywords of ``spaced`` written with their letters joined by a
    dash, a dot or an underscore instead ("R-A-H-A-S-I-A"); one-word keywords only, as each word of
    "S-A-N-G-A-T R-A-H-A-S-I-A" is joined on its own and found by its last."""
    alts = ["[-._]".join(map(re.escape, k.split(" "))) for k in spaced if "   " not in k]
    return re.compile("|".join(alts)) if alts else None


def _unspace(phrase: str) -> str:
    """``S A N G A T   R A H A S I A`` -> ``SANGAT RAHASIA`` (letters one space apart, words further);
    ``S-A-N-G-A-T R-A-H-A-S-I-A`` -> ``SANGAT RAHASIA`` (letters joined by a dash, dot or underscore)."""
    phrase = phrase.strip()
    if _SPACED.fullmatch(phrase):
        return " ".join(w.replace(" ", "") for w in re.split(r"\s{2,}", phrase))
    words = phrase.split()
    if all(_JOINED.fullmatch(w) for w in words):
        return " ".join(w[::2] for w in words)
    return " ".join(words)


def _capitalised(value: str) -> bool:
    """A level written as a field's value, not a word of prose: "Rahasia", "RAHASIA", "Sangat Rahasia"."""
    return all(w[:1].isupper() for w in value.split())


def _level_map(table: dict) -> dict[str, str]:
    out = {}
    for level, words in (table or {}).items():
        if level not in LEVEL_NAMES:
            continue
        for w in words or []:
            out[" ".join(str(w).split())] = level
    return out


class ClassificationMarkingRecognizer(Recognizer):
    """Security classification markings (stamps, banners, Sifat/Klasifikasi fields, headers).

    Example: ``Sifat : Rahasia`` -> CLASSIFICATION_MARKING ``Rahasia``, level ``rahasia``.
    Source: Perka ANRI tata naskah dinas; UU 14/2008; PP 61/2010.
    """

    ENTITIES = (ENTITY,)

    def __init__(self, supported_language: str = "id", stamps: dict | None = None, fields: dict | None = None,
                 **kwargs):
        super().__init__(supported_language=supported_language, **kwargs)
        data = load_yaml("dlp.patterns", "markings.yaml")
        self.stamps = _level_map(stamps or data.get("stamps") or DEFAULT_STAMPS)
        self.fields = {k.lower(): v for k, v in _level_map(fields or data.get("fields") or DEFAULT_FIELDS).items()}
        # The words whose presence lets the stamp rules run at all (case-sensitive),
        # and their letter-spaced forms ("R A H A S I A", a common stamp style).
        self.keywords = sorted({max(re.split(r"[\s\-]+", p), key=len) for p in self.stamps})
        self.spaced = sorted({" ".join(w) for w in self.keywords if len(w) >= 6})
        # Keywords of capitals only (the default vocabulary) are first looked for among the text's
        # capitals, see _stamps; any other keyword turns that filter off.
        self.capital_keys = (list(self.keywords)
                             if all(re.fullmatch("[A-Z]+", k) for k in self.keywords) else None)
        phrases = alternation(self.stamps)
        self.stamp_rx = re.compile(
            rf"^(?:{PAGE_MARK}\s*(?:[-|/\u2013\u2014\u2022\u00b7]+|\s{{2,}})\s*)?"
            rf"(?P<draft>{DRAFT_WORDS}\s*(?:[-:|/\u2013\u2014\u2022\u00b7]+\s*|\s))?"
            rf"(?:(?P<pre>{PRE_WORDS})\s+)?(?P<mark>{phrases})(?:\s+{POST_WORDS})?"
            rf"(?:\s*(?:[-:|/\u2013\u2014\u2022\u00b7]+|\s{{2,}}|,|\()\s*(?P<tail>.*)|[ \t](?P<warning>{TAIL_AFTER_BLANK}.*))?$")
        self.bracket_rx = re.compile(rf"[\[(<]\s*(?P<mark>{phrases})\s*[\])>]")
        # any level word, any case: a line naming several levels defines them, it marks nothing
        self.level_rx = re.compile(rf"(?i)(?<!\w){alternation(set(self.stamps) | set(self.fields))}(?!\w)")
        # after a field's value, another block-level word means a list of levels ("Rahasia, Terbatas ...")
        strong = {p for p, lv in self.stamps.items() if lv in ("sangat_rahasia", "rahasia", "terbatas")
                  and not {"INTERNAL", "OFFICIAL", "KALANGAN"} & set(p.split())}
        self.other_level_rx = re.compile(rf"(?i)(?<!\w){alternation(strong)}(?!\w)")
        values = alternation(self.fields)
        # Every value holds its longest word, so a field_rx match holds one of these (see _fields); only
        # for words of ASCII (where (?i) is what lower() does: "ſ" in a value would also match an "s")
        words = tuple(sorted({max(v.split(), key=len) for v in self.fields if v.split()}))
        self._value_words = words if all(w.isascii() for w in words) else None
        self._spaced_for: dict[tuple, tuple] = {}  # keywords found -> their letter-spaced forms, joined_rx (see _stamps)
        self._joined_all = _joined_rx(self.spaced)
        self.field_rx = re.compile(
            # a label and its translation: "Sifat / Classification", "Klasifikasi (Classification)"
            # (a label starts its line or a cell, or follows a sentence, a clause or a bracket: "... tim SAKIP.
            # Sifat: Terbatas", "DRAF - Sifat: Terbatas", "Draf v3 (Sifat: Terbatas)", "Draf, Klasifikasi: Rahasia")
            rf"(?i)(?:^|(?<=\t)|(?<=\|)|(?<=\s\s)|(?<=[.;,:(\[\-\u2013\u2014] )|(?<=[(\[]))[ \t>*_#\-\u2022\u00b7]*"
            rf"(?P<label>{FIELD_LABELS}(?:[ \t]*[/(][ \t]*{FIELD_LABELS}\)?)?)"
            rf"[ \t*_]*(?:[:\uff1a|]|\t)[ \t*_]*(?:{URGENCY}\s*(?:[,/&]|dan|and)\s*)?"
            # the level's code before it, or a bracket: "R (Rahasia)", "SR - Sangat Rahasia", "(Terbatas)"
            rf"(?:(?:SR|R|T|B)[ \t]*(?:\(|[-\u2013/][ \t]*)|\()?[ \t]*"
            rf"(?P<value>{values})(?=[ \t\r]*(?:$|[*_.,;()\]|/\-\u2013\u2014]|\s\s|\t))", re.MULTILINE)
        # The label ending its line and the value alone on the next (a table's cells read one a line, the
        # label as the value cell's context: "Sifat\nRahasia"; a PDF's two columns: "Sifat :\nRahasia"),
        # or a line of the label and the value alone, a column's gap between them ("Klasifikasi    Terbatas":
        # OCR of a two-column block, its colon lost).
        self.field_split_rx = re.compile(
            rf"(?i)(?P<label>{FIELD_LABELS})[ \t*_]*[:\uff1a]?[ \t*_]*\r?\n[ \t*_]*(?P<value>{values})[ \t*_.\r]*(?=\n|$)")
        self.field_line_rx = re.compile(
            rf"(?i)[ \t>*_#\-\u2022\u00b7]*(?P<label>{FIELD_LABELS})(?:[ \t]{{2,}}|\t)(?P<value>{values})[ \t*_.\r]*(?=\n|$)")
        self.box_rx = re.compile(rf"(?i)(?:(?P<ticked>{TICKED})|(?P<filled>{FILLED})|(?P<empty>{EMPTY}))[ \t]*"
                                 rf"(?P<value>{values})(?!\w)")
        self.box_line_rx = re.compile(rf"[ \t]*(?:{TICKED}|{FILLED}|{EMPTY})")

    # -- rules ------------------------------------------------------------------
    def analyze(self, text, entities=None, nlp_artifacts=None, regex_flags=None):
        results = list(self._stamps(text))
        results.extend(self._fields(text, lower(text)))
        results.extend(self._edges(text))
        # a declared level is RAHASIA or TERBATAS in capitals: a test of the text's capitals comes first
        # (few texts hold either), then "sif" of its verbs (bersifat, berklasifikasi) or "ini"
        caps = capitals(text)
        if ("RAHASIA" in caps or "TERBATAS" in caps) and ("sif" in text or "ini" in text):
            results.extend(self._declared(text))
        return dedupe(results) if results else results

    def _declared(self, text: str):
        """A document that declares its own level in capitals: "Dokumen ini bersifat RAHASIA",
        "berklasifikasi SANGAT RAHASIA", "Informasi ini TERBATAS".  (The level in capitals marks it; in lower case,
        "informasi ini bersifat rahasia", it stays prose.)"""
        found = []  # (start, end) of each mark: "SANGAT RAHASIA", "RAHASIA" or "TERBATAS", a word of its own
        size = len(text)
        for word in DECLARED_WORDS:
            i = text.find(word)
            while i >= 0:
                end = i + len(word)
                if not (end < size and (text[end].isalnum() or text[end] == "_")):
                    m = DECLARED_BEFORE.search(text, i - 60 if i > 60 else 0, i)
                    if m and (_RULE_AFTER.match(text, end) or self._reported(text, m.start(), end)) \
                            and not _THIS.search(text, m.start() - 40 if m.start() > 40 else 0, m.end()):
                        m = None  # a rule about such documents, or news of one
                    if m and not (m.group("sangat") and word != "RAHASIA"):
                        found.append((m.start("sangat") if m.group("sangat") else i, end))
                i = text.find(word, end)
        for start, end in sorted(found):
            r = self._finding(start, end, text[start:end], "declared", 0.8)
            if r:
                yield r

    @staticmethod
    def _reported(text: str, start: int, end: int) -> bool:
        """Whether the sentence around a declared level reports on another document (news, a rebuttal):
        "Beredar dokumen bersifat RAHASIA yang diduga milik kementerian", "surat telegram berklasifikasi
        RAHASIA beredar di media sosial"."""
        a = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
        b = min(x for x in (text.find(". ", end), text.find("\n", end), len(text)) if x >= 0)
        return _REPORTED.search(text, a, b) is not None

    def _finding(self, start: int, end: int, phrase: str, how: str, score: float):
        key = _unspace(phrase).upper()
        level = self.stamps.get(key) or self.fields.get(key.lower())
        if level is None:
            return None
        id_, en = LEVEL_NAMES[level]
        where_en, where_id = {
            "field": ("in a Sifat/Klasifikasi field", "pada isian Sifat/Klasifikasi"),
            "stamp": ("stamped on its own line", "sebagai cap/baris tersendiri"),
            "banner": ("as a banner", "sebagai spanduk/judul penanda"),
            "tag": ("as a tag", "sebagai label"),
            "edge": ("in the page header/footer", "di kepala/kaki halaman"),
            "declared": ("declared by the document", "dinyatakan oleh dokumen"),
        }[how]
        why = reason(f"Security classification marking “{phrase}” ({en}), {where_en}",
                     f"Tanda klasifikasi keamanan “{phrase}” ({id_}), {where_id}")
        return self.result(ENTITY, start, end, score, level, why, own_context=True)

    def _fields(self, text: str, low: str):
        hits = []  # (key's order, position): every key's occurrences, read from its anchor's
        for rx, group in _ANCHOR_SCANS:  # (every start of an anchor of the group: the match is its first letter)
            for m in rx.finditer(low):
                j = m.start()
                for anchor in group:
                    if low.startswith(anchor, j):
                        for key, n, off in _KEYS_AT_ANCHOR[anchor]:
                            if j >= off and low.startswith(key, j - off):
                                hits.append((n, j - off))
        for anchor in _LONE_ANCHORS:
            j = low.find(anchor)
            while j >= 0:  # (find_all inline: most anchors are absent, and a generator costs more than a find)
                for key, n, off in _KEYS_AT_ANCHOR[anchor]:
                    if j >= off and low.startswith(key, j - off):
                        hits.append((n, j - off))
                j = low.find(anchor, j + 1)
        hits.sort()  # key by key, each in text order (as a scan per key would find them)
        words = self._value_words
        for n, i in hits:
            a, b = line_bounds(text, i)
            lo, hi = max(a, i - 40), min(b, i + 90)
            # No value word in reach: no match.  On ASCII text only, where (?i) is what lower() does
            # (elsewhere it also folds "ſ" to s and "K" to k).
            in_reach = True
            if words is not None and (text.isascii() or text[lo:hi].isascii()):
                window = low[lo:hi]
                for w in words:
                    if w in window:
                        break
                else:
                    in_reach = False
            if in_reach:
                m = self.field_rx.search(text, lo, hi)
                if m and m.start("label") <= i + len(FIELD_KEYS[n]) \
                        and not self._other_level(text, m.group("value"), m.end("value"), b):
                    r = self._finding(m.start("value"), m.end("value"), m.group("value"), "field", 0.9)
                    if r:
                        yield r
                    continue
            if _BOX_GATE.search(text, i, min(len(text), b + 8)):
                ticked = self._ticked(text, i + len(FIELD_KEYS[n]), b)
                if ticked is not None:
                    yield from ticked
                    continue
            sp = _SPACED_VALUE.match(text, i + len(FIELD_KEYS[n]), b)
            if sp:  # "Sifat : T e r b a t a s": the value letter-spaced, as stamps are
                r = self._finding(sp.start("value"), sp.end("value"), sp.group("value"), "field", 0.85)
                if r:
                    yield r
                    continue
            m = self.field_split_rx.match(text, i) if b < len(text) else None
            if m is None and not text[a:i].strip(" \t>*_#-\u2022\u00b7"):  # the label first on its line
                m = self.field_line_rx.match(text, a)
            if m and m.start("label") == i and text[i].isupper() and _capitalised(m.group("value")):
                r = self._finding(m.start("value"), m.end("value"), m.group("value"), "field", 0.85)
                if r:
                    yield r

    def _other_level(self, text: str, value: str, lo: int, hi: int) -> bool:
        """Whether ``text[lo:hi]`` (the rest of a field's line after its value) names another level: a list
        of levels ("Rahasia, Terbatas, Biasa"), not the value's translation ("Terbatas (Restricted)",
        "Rahasia / Confidential")."""
        mine = self.fields.get(" ".join(value.lower().split()))
        for o in self.other_level_rx.finditer(text, lo, hi):
            if self.fields.get(" ".join(o.group().lower().split())) != mine:
                return True
        return False

    def _ticked(self, text: str, i: int, b: int) -> list | None:
        """The ticked options of a field's tick boxes after its label at ``i`` (its line ends at ``b``), on
        its line or one a line below it: ``Klasifikasi: [ ] Rahasia [X] Terbatas``, ``Klasifikasi:`` /
        ``\u2610 Rahasia`` / ``\u2612 Terbatas``.  None when the field has no boxed options (its value is
        read as any field's); an empty list when none is ticked (a blank form marks nothing)."""
        boxes = list(self.box_rx.finditer(text, i, b))
        end, size = b, len(text)
        for _ in range(BOX_LINES):  # the options under the label, one a line
            if end >= size or not self.box_line_rx.match(text, end + 1):
                break
            a, end = line_bounds(text, end + 1)
            boxes.extend(self.box_rx.finditer(text, a, end))
        if not boxes:
            return None
        empty = any(m.group("empty") for m in boxes)
        return [r for m in boxes if m.group("ticked") or (m.group("filled") and empty)
                for r in [self._finding(m.start("value"), m.end("value"), m.group("value"), "field", 0.9)] if r]

    def _stamps(self, text: str):
        keywords, spaced = self.keywords, self.spaced
        if self.capital_keys is not None:
            # A keyword of capitals, written together or letter-spaced ("R A H A S I A"), stands in
            # the text's capitals run together: one C pass (encode, delete the rest) leaves a string
            # ~25x shorter to search, and most texts hold no keyword there, so skip every full scan.
            caps = capitals(text)  # (shared: other rules test capitals too)
            keywords = [k for k in self.capital_keys if k in caps]
            if not keywords:
                return
            key = tuple(keywords)  # (a text holds one of a few such sets: each filtered once)
            got = self._spaced_for.get(key)
            if got is None:
                mine = [s for s in spaced if s.replace(" ", "") in keywords]
                got = self._spaced_for[key] = (mine, _joined_rx(mine))
            spaced, joined = got
        else:
            joined = self._joined_all
        seen: set[int] = set()
        for key in keywords:
            i = text.find(key)
            while i >= 0:  # (find_all inline: most keywords are absent, and a generator costs more than a find)
                a, b = line_bounds(text, i)
                if b - a <= MAX_STAMP_LINE:
                    if a not in seen:
                        seen.add(a)
                        yield from self._stamp_line(text, a, b)
                else:  # a long line is no stamp; a [TAG] in it still is
                    for t in self.bracket_rx.finditer(text, max(a, i - 4), min(b, i + len(key) + 30)):
                        r = self._finding(t.start("mark"), t.end("mark"), t.group("mark"), "tag", 0.75)
                        if r:
                            yield r
                i = text.find(key, i + 1)
        if not spaced:
            return
        blanks = len(spaced) < _SPACED_GATE_FROM or _SPACED_GATE.search(text)
        starts = [i for key in spaced if blanks for i in find_all(text, key)]
        if joined is not None:  # (the same keywords, their letters joined by "-", "." or "_": one scan)
            starts += [m.start() for m in joined.finditer(text)]
        for i in starts:
            a, b = line_bounds(text, i)
            if a in seen or b - a > MAX_STAMP_LINE:
                continue
            seen.add(a)
            line = text[a:b]
            content = line.strip(DECOR)
            m = self.stamp_rx.match(_unspace(content))
            if m and not (m.group("tail") or m.group("warning") or "").strip(DECOR):
                off = a + line.find(content)
                r = self._finding(off, off + len(content), content, "stamp", 0.85)
                if r:
                    yield r

    def _stamp_line(self, text: str, a: int, b: int, any_case: bool = False, how: str | None = None):
        line = text[a:b]
        subject = SUBJECT.match(line)  # "Subject: RAHASIA - Rencana ...": a subject may say anything after
        if subject is None and (part_at(a) or "").lower() == "header:subject":
            subject = SUBJECT_PART.match(line)
        if subject:
            a, line = a + subject.end(), line[subject.end():]
        content = line.strip(DECOR)
        if not content:
            return
        off = a + line.find(content)
        probe = content.upper() if any_case else content
        m = self.stamp_rx.match(probe)
        if m:
            tail = (m.group("tail") or m.group("warning") or "").strip(DECOR)
            bare = not m.group("pre") and not m.group("draft") and not tail and m.end("mark") == len(probe)
            if tail and not subject and not TAIL_OK.search(tail):
                m = None
            elif self._lists_levels(probe):
                m = None
            elif bare and not any_case and content == line.strip() and self._wrapped(text, a, b, m.group("mark")):
                m = None
            elif bare and "!" in line:  # "TERBATAS!" shouts on a poster; a stamp does not
                m = None
            elif (m.group("pre") or m.end("mark") < len(probe)) and not tail and not m.group("draft") \
                    and self._defined_below(text, b, content):
                m = None  # "CONFIDENTIAL INFORMATION" heading a definition: '"Confidential Information" means ...'

            if m:
                kind = how or ("stamp" if bare else "banner")
                r = self._finding(off + m.start("mark"), off + m.end("mark"), content[m.start("mark"):m.end("mark")],
                                  kind, 0.85)
                if r:
                    yield r
                return
        if not any_case:
            for t in self.bracket_rx.finditer(line):
                r = self._finding(a + t.start("mark"), a + t.end("mark"), t.group("mark"), "tag", 0.75)
                if r:
                    yield r

    @staticmethod
    def _defined_below(text: str, b: int, heading: str) -> bool:
        """Whether the heading ``heading`` (a banner with a document word, ``CONFIDENTIAL INFORMATION``,
        ``INFORMASI TERBATAS``) is the term the lines below it define or discuss: it stands there again,
        not in capitals (a section of an agreement's definitions, an article)."""
        below = text[b:b + 400]
        low = below.lower()
        i = low.find(" ".join(heading.split()).lower())
        return i >= 0 and not below[i:i + len(heading)].isupper()

    def _lists_levels(self, line: str) -> bool:
        """``RAHASIA / TERBATAS / BIASA``: a list of the levels (a legend, a definition), not a marking."""
        line = _DISTRIBUTION.sub(" ", line)  # "for internal use", "kalangan internal": a warning, no level
        found = [(m.group(), m.end()) for m in self.level_rx.finditer(line)]
        levels = {self.stamps.get(_unspace(w).upper()) or self.fields.get(_unspace(w).lower()) for w, _ in found}
        if len(levels) < 2:
            return False
        return len(levels) >= 3 or bool(re.search(r"[/,;]|\b(?:dan|and|atau|or)\b", line))

    @staticmethod
    def _wrapped(text: str, a: int, b: int, mark: str) -> bool:
        """Whether an undecorated bare stamp line is the broken-off end or start of a phrase."""
        prev = prev_line(text, a)
        if prev:
            words = text[prev[0]:prev[1]].strip(DECOR).split()
            if words and words[-1].upper() in WRAP_BEFORE and words[-1].isupper():
                return True
        nxt = next_line(text, b)
        if nxt:
            s = text[nxt[0]:nxt[1]].strip(DECOR)
            words = s.split()
            if words and (words[0].upper() in WRAP_AFTER and words[0].isupper()):
                return True
            if s[:1].islower():  # a sentence goes on
                return True
        return False

    def _edges(self, text: str):
        """Markings in any case alone in a header/footer chunk, or at a page's first/last line."""
        spans = parts()
        for start, end, part in spans:
            p = (part or "").lower()
            is_hf = p in ("header", "footer") or p.startswith(("footer:", "header:textbox", "first page header",
                                                                  "even page header"))
            is_page = p.startswith(("page", "slide", "ocr:page"))
            if not (is_hf or is_page):
                continue
            lines = []
            if is_hf:
                pos = start
                while pos < end:
                    a, b = line_bounds(text, pos)
                    lines.append((a, min(b, end)))
                    pos = b + 1
            else:
                chunk = text[start:end]
                stripped = chunk.strip()
                if not stripped:
                    continue
                first = start + chunk.find(stripped)
                last = first + len(stripped) - 1
                lines = [line_bounds(text, first), line_bounds(text, last)]
            for a, b in dict.fromkeys(lines):
                yield from self._stamp_line(text, a, b, any_case=True, how="edge")
