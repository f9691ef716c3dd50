"""PERSON: names of people in Indonesian documents, without a downloadable model.

What
    No trained Indonesian pipeline can be downloaded at run time, so names are
    found from the conventions that surround them in our documents, on plain
    compiled regexes (no tokenizer, no spaCy pipeline to build):

    * honorifics and titles: ``Bapak Slamet Riyadi``, ``Ibu``, ``Sdr.``,
      ``Sdri.``, ``Saudara/Saudari``, ``Pak``, ``Bu``, ``Kak``, ``Mas``,
      ``Mbak``, ``Kang``, ``Teh``, ``Ceu``; ``dr.``, ``Drs.``, ``Ir.``,
      ``H.``, ``Hj.``, ``Prof.`` before, degrees (``S.Kom.``, ``M.Si.``,
      ``S.E.``) after the name;
    * fields: ``Nama:``, ``Nama Lengkap:``, ``Nama Pemohon``, ``Pelapor``,
      ``Narahubung``, ``Contact person``, ``Penulis``, ``Dipesan oleh`` ...;
    * signature blocks: a name line after ``Hormat kami,``, ``Kepala Dinas
      ...,``, ``a.n.``, ``Plt.``, ``ttd.`` and before ``NIP ...``;
    * ``a.n. NAME`` (account holder on transfer receipts), ``hubungi NAME``,
      chat transcripts (``[10.47, 6/9/2022] NAME: ...``), e-mail display
      names (``NAME <x@y>``), table columns headed ``Nama``/``Petugas``,
      and the author fields of a file's metadata (part ``metadata:author``);
    * any run of two to four capitalised words that starts with a common
      Indonesian given name (``classifiers/data/person_names.yaml``).

    A name is one to four capitalised (or all-caps) words; words that name an
    office, a title or a place (Kepala, Dinas, Kota, Bandung, Jalan ...) are
    never part of it, and capitalised words after Jalan, RSUD, PT, Yayasan
    ... name a street or an organisation, not a person.

Why
    A name beside a NIK, a diagnosis or a disciplinary case is personal data
    (UU 27/2022 on personal data protection).  PERSON is ``info`` in the
    default policy: it explains a verdict, it does not make one, so recall is
    favoured over precision here.

Example
    ``Nama Lengkap : RIZAL FAUZAN`` -> PERSON ``RIZAL FAUZAN``.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import namedtuple
from functools import lru_cache
from itertools import chain

from presidio_analyzer import RecognizerResult

from dlp.classifiers._text import (REACH, Recognizer, dedupe, find_all, line_end, line_start, load_yaml,
                                   lower, parts)

ENTITY = "PERSON"
_NAME_KEY = RecognizerResult.RECOGNIZER_NAME_KEY
_ID_KEY = RecognizerResult.RECOGNIZER_IDENTIFIER_KEY
_SCORED_KEY = RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY

TOK = r"(?:[A-Z][a-z]+(?:['\u2019\-][A-Za-z]+)*|[A-Z]{2,}(?:['\u2019\-][A-Z]+)*|[A-Z]\.)"
CONN = r"(?:bin|binti|van|der|de|al|el)"
NAME = rf"{TOK}(?:[ ](?:{CONN}[ ])?{TOK}){{0,5}}"
TITLES = r"(?:(?:dr|Dr|DR|H|Hj|Ir|KH|Kh|R|Rr|Tb|Ust|Ustadz|Ustazah)\.|(?:Drs|Dra|Prof|PROF|DRS)\.?)"
DEGREE = (r"(?:(?:S|M|D\d?)\.[ ]?[A-Z][A-Za-z]{0,5}\.?(?:[ ]?[A-Z][a-z]{0,4}\.)?(?:[ ]?[A-Z][a-z]{0,4}\.)?|"
          r"A\.[ ]?Md\.?(?:[ ]?[A-Z][A-Za-z]{0,4}\.?)?|Amd\.?|Ph\.[ ]?D\.?|MBA|MPA|M\.Sc\.|B\.Sc\.|MSc|Ak\.|CPA|"
          r"Sp\.[ ]?[A-Z][A-Za-z]{0,4}\.?(?:\([A-Z]\))?|Apt\.|Ns\.|Lc\.|S[EHT]|M[MHTA]|MSi|SKom|SPd|SIP|SSos)"
          r"(?![A-Za-z])")
HON = (r"(?:(?i:bapak|bpk\.?|ibu|sdr\.?|sdri\.?|sdra\.?|saudara|saudari|pak|bu|mas|mbak|mba|kak|kakak|bang|"
       r"kang|akang|ceu|ceuceu)|Teh|Teteh|Abang|Om|Tante|Dik|Adik|Uda|Uni|Koh|Cik|Tuan|Nyonya|Ny\.|Nona|"
       r"Mr\.?|Mrs\.?|Ms\.?|Miss|Mister)")

PERSON_HEADER = re.compile(
    r"(?i)(?:no\.?\s+)?(?:nama(?:[ \t]+(?!(?:file|berkas|dokumen|kegiatan|acara|program|aplikasi|barang|produk|"
    r"usaha|toko|perusahaan|instansi|sekolah|kantor|bank|desa|jalan|kota|jabatan|unit|paket|proyek|kapal|akun|"
    r"pengguna|user|domain|server|host|jenis|layanan|wilayah|daerah|tempat|lokasi|ruang|gedung|kelurahan|"
    r"kecamatan|kabupaten|provinsi|obat|penyakit|bidang|dinas|badan|opd|satker|skpd|rekening\s+bank)\b)"
    r"[a-z]+){0,3}|name|full[ \t]+name|petugas|pegawai|peserta|penerima(?:[ \t]+manfaat)?|pemohon|penumpang|"
    r"pasien|narahubung|pic|penanggung[ \t]+jawab|pejabat|pelapor|karyawan|anggota|responden|kepala[ \t]+keluarga|"
    r"ahli[ \t]+waris|employee|staff|attendee|passenger|patient)[ \t]*:?")

# Field labels; "strong" ones take any clean name, the rest need a known name or two words.
STRONG_LABELS = (r"nama(?:[ \t]+(?!(?:file|berkas|dokumen|kegiatan|acara|program|aplikasi|barang|produk|usaha|"
                 r"toko|perusahaan|instansi|sekolah|kantor|bank|desa|jalan|kota|jabatan|unit|paket|proyek|akun|"
                 r"pengguna|user|domain|server|jenis|layanan|wilayah|daerah|tempat|lokasi|ruang|gedung|"
                 r"kelurahan|kecamatan|kabupaten|provinsi|bidang|dinas|badan|opd|satker|skpd|wajib)\b)[a-z]+){0,3}|"
                 r"name|full[ \t]+name|nama/name|surname|given[ \t]+names?|first[ \t]+name|last[ \t]+name|"
                 r"pemohon|pelapor|pengadu|narahubung|contact[ \t]+person|cp|pic|"
                 r"penanggung[ \t]+jawab|petugas|penulis|pengarang|author|penyusun|notulis|moderator|narasumber|"
                 r"pembicara|(?:disusun|dibuat|diperiksa|disetujui|ditandatangani|dipesan|diajukan|dilaporkan|"
                 r"diverifikasi|diterima|dikirim|diketahui|dicetak|diinput)[ \t]+oleh|atas[ \t]+nama|"
                 r"account[ \t]+(?:name|holder)|pemilik[ \t]+rekening|nama[ \t]+pemilik|kepala[ \t]+keluarga|"
                 r"ahli[ \t]+waris|pasien|patient|passenger|penumpang|requester|assignee|reporter")
WEAK_LABELS = (r"from|to|cc|bcc|reply-to|sender|dari|kepada|yth\.?|ketua|wakil[ \t]+ketua|sekretaris|bendahara|"
               r"koordinator|pemilik|nasabah|penerima|pengirim|tamu|guest|owner|recipient|employee|attendee|"
               r"peserta|responden|pelanggan|ayah|ibu|suami|istri|wali|anak|pasangan|kontak(?:[ \t]+darurat)?|"
               r"pendamping|saksi(?:[ \t]+\d)?|"
               r"pejabat(?:[ \t]+[a-z]+){0,2}|editor|fotografer|wartawan|operator|verifikator|pengawas|pelaksana")
# The value of a field, read right after its colon (anchored: cheap).
FIELD_VALUE = re.compile(rf"[ \t*_]*[\"']?(?:(?:{HON})[ \t]+)?(?:{TITLES}[ \t]*)*(?P<name>{NAME})")
CAPS_AFTER_NAMA = re.compile(
    r"(?i:nama)(?:[ \t]+(?i:lengkap|penerima|pengirim|pemilik|nasabah|rekening|pemohon|peserta|pasien|tujuan))*"
    r"[ \t]*[.:]?[ \t]*(?P<name>[A-Z]{2,}(?:[ ](?:[A-Z]{2,}|[A-Z]\.)){1,3})(?=[ \t\r]*(?:\n|$|,|\())")
# The label before a colon, read on the line up to the colon.
# (A key of JSON or YAML, "nama_lengkap": "...", is read as its words: _field_label makes its "_" blanks.)
FIELD_LABEL = re.compile(
    rf"(?:^|\t|\||\s\s|:[ \t]|[{{,][ \t]*(?=[\"']))[ \t>*_\-\u2022\u00b7\"']*(?:\d{{1,2}}[.)][ \t]*)?"
    rf"(?P<label>(?i:{STRONG_LABELS}|{WEAK_LABELS}))[ \t*_\"']*$")
_STRONG_FULL = re.compile(rf"(?i)(?:{STRONG_LABELS})")
# Last words of the labels: a colon whose preceding word is none of these is skipped at once.
LABEL_LAST = {"nama", "name", "lengkap", "pemohon", "pelapor", "pengadu", "narahubung", "person", "cp", "pic", "jawab",
              "petugas", "penulis", "pengarang", "author", "penyusun", "notulis", "moderator", "narasumber",
              "pembicara", "oleh", "holder", "rekening", "pemilik", "keluarga", "waris", "pasien", "patient",
              "passenger", "penumpang", "requester", "assignee", "reporter", "dari", "kepada", "yth", "yth.",
              "ketua", "sekretaris", "bendahara", "koordinator", "nasabah", "penerima", "pengirim", "tamu", "guest",
              "owner", "sender", "recipient", "employee", "attendee", "peserta", "responden", "pelanggan", "ayah",
              "ibu", "suami", "istri", "wali", "anak", "pasangan", "kontak", "darurat", "pendamping", "saksi",
              "editor", "fotografer", "wartawan", "operator", "verifikator", "pengawas", "pelaksana", "a.n.", "a.n",
              "an.", "name/nama", "nama/name", "surname", "names", "from", "to", "cc", "bcc", "reply-to", "sender"}
# Runs of two or more capitalised (or all-caps) words: every name the run pass considers.  The
# quantifiers are possessive (no backtracking into a word: faster on NIP, NIK, HP ...) and match the
# same runs, since a word can only be followed by a space or end the run.
RUN = re.compile(r"[A-Z][A-Za-z'\u2019\-]++ [A-Z][A-Za-z'\u2019\-]++(?: [A-Z][A-Za-z'\u2019\-]++)*")
# RUN tests every character against its first class ([A-Z]: no literal the search can jump to).  On
# the text's "shape", one byte per character (A: a capital; a: a small letter, ' or -; the space; the
# dot; "_" for anything else, the "?" that latin-1 puts for a character beyond it too), RUN_SHAPE
# starts with a literal and finds exactly RUN's spans, scan and all about twice as fast.  Only \u2019,
# one of RUN's word characters, has no byte of its own: a text holding it takes RUN itself.
SHAPE = bytes(ord("A") if 65 <= c <= 90 else ord("a") if 97 <= c <= 122 or c in b"'-" else 32 if c == 32
              else c if c == 46 else ord("_") for c in range(256))
RUN_SHAPE = re.compile(rb"A[Aa]++ A[Aa]++(?: A[Aa]++)*")
# What the run pass scans: RUN_SHAPE's runs, and where a capitalised word starts no run but a dot follows
# it, that word and its dot ("Sdr.", "Bpk.", but also "Yth.", "Saudara." at a sentence's end), so the
# same scan finds every place HON_DOT_ONE can match (see analyze).  A run's match is unchanged (the
# first branch is RUN_SHAPE), and the word is matched only where the run fails, so it never hides one.
# (Both branches start with a literal: a failed attempt costs next to nothing more.)
RUN_DOT_SHAPE = re.compile(rb"A[Aa]++(?: A[Aa]++(?: A[Aa]++)*|\.)")
HON_WORDS = {"bapak", "bpk", "ibu", "sdr", "sdri", "sdra", "saudara", "saudari", "pak", "bu", "mas", "mbak", "mba",
             "kak", "kakak", "bang", "abang", "kang", "akang", "ceu", "teh", "teteh", "om", "tante", "dik", "adik",
             "uda", "uni", "koh", "cik", "tuan", "nyonya", "ny", "nona", "mr", "mrs", "ms", "miss", "mister"}
# Greetings written before "Pak"/"Bu" + a name in chats and e-mails ("Halo Pak Bambang"), and the
# short forms of address they take: the run then starts with the greeting, not the honorific.
GREETINGS = {"halo", "hallo", "hai", "hi", "dear", "siap", "selamat", "assalamualaikum", "assalamu'alaikum",
             "terima", "kasih", "makasih", "permisi", "maaf", "mohon", "yth", "kepada", "pagi", "siang", "sore",
             "malam"}
ADDRESS_WORDS = {"pak", "bu", "bapak", "ibu", "mas", "mbak", "mba", "kak", "bang", "sdr", "sdri"}
CAPITAL_ONLY_HON = {"teh", "om", "uni", "uda", "tuan", "dik", "koh", "cik", "miss", "nona"}  # lower case = a noun
OFFICE_WORDS = frozenset(("dinas", "badan", "kantor", "kementerian"))  # place words that take no person's name (see _after_place)
TITLE_WORDS = {"dr", "drs", "dra", "ir", "h", "hj", "prof", "kh", "r", "rr", "tb", "ust", "ustadz", "ustazah"}
NUMBERING = "0123456789.)| \t"  # what a list number or a table row's first cells are made of, before a name
NUMBER_START = frozenset("0123456789|")  # (and how such a line starts)
# "a.n. NAME" (atas nama): the account holder
AN_FORMS = ("a.n. ", "a.n.", "a/n ", "an. ", "atas nama ", "a.n ")
CONTACT_WORDS = {"hubungi", "menghubungi", "kontak", "kepada", "oleh", "bersama", "narahubung", "dengan"}
TRIGGER_WORDS = HON_WORDS | TITLE_WORDS | CONTACT_WORDS
# An abbreviated honorific with its dot, then one capitalised word that no other one follows.
# Only abbreviations: after "Pak." or "Bu." the dot may end a sentence ("Terima kasih, Bu. Baik, ...").
# (the look-behinds stand after the first letter, so the regex starts with S, B, N or T: a fast scan)
HON_DOT_ONE = re.compile(r"(?:S(?<![\w.]S)dr[ia]?|B(?<![\w.]B)pk?|N(?<![\w.]N)y|T(?<![\w.]T)n)\.[ \t]+"
                         r"(?P<name>[A-Z][a-z]{2,}(?:['\-][A-Za-z]+)?)(?![\w'\-]|[ \t]+[A-Z])")
# The same abbreviations and the titles of two letters or more before a run of two or more words: the
# regex ends where the run starts (see analyze).
DOT_TITLES = frozenset(("dr", "drs", "dra", "ir", "hj", "prof", "kh"))
HON_DOT_RUN = re.compile(r"(?<![\w.])(?P<word>S[dD][rR][iaIA]?|B[pP][kK]?|N[yY]|T[nN]|[Dd][Rr][sSaA]?|I[rR]|H[jJ]|"
                         r"P[rR][oO][fF]|K[Hh])\.[ \t]+(?=[A-Z][A-Za-z'\-]+ [A-Z])")
LINE_END = re.compile(r"[ \t\r]*(?:\n|$)")
# A person's own number after the name (see _after_anchors): the label, then its digits.
ID_LABELS = ("NIK", "NIP")
ID_AFTER = re.compile(r"(?:PPPK)?[ \t]*[.:=]?[ \t]*\d")
HON_DOT = {"sdr", "sdri", "sdra", "bp", "bpk", "ny", "tn"}  # (Ny., Tn.: Nyonya, Tuan, as medical records write)  # the abbreviations HON_DOT_ONE starts with, in lower case
CHAT_STAMP = re.compile(r"(?m)^[ \t]*(?:\[[^\]\n]{3,40}\]|\d{1,2}/\d{1,2}/\d{2,4},?[ \t]+\d{1,2}[.:]\d{2}"
                        r"(?:[ \t]?[APap][Mm])?[ \t]+-)[ \t]*$")
CHAT_NAME = re.compile(rf"[ \t]*(?P<name>{NAME})[ \t]*:[ \t]")
DEGREE_AT = re.compile(rf",[ \t]*{DEGREE}")
# How every DEGREE starts ("S.", "Sp", "MBA" ...): after a comma and at most one blank, two
# characters outside this set start no degree, and DEGREE_AT need not run (", NIP ...", ", HP ...").
_DEGREE_PAIRS = frozenset(("S.", "Sp", "SE", "SH", "ST", "SK", "SP", "SI", "SS", "M.", "MB", "MP", "MS", "MM", "MH",
                           "MT", "MA", "A.", "Am", "Ak", "Ap", "Ph", "B.", "CP", "Ns", "Lc"))


_HON_SLASH = re.compile(r"(?i)(?<![a-z])(?:bapak|bpk|bp|pak|sdr|saudara)\.?/\Z")


def _hon_slash(before: str) -> bool:
    """Whether ``before`` ends with an honorific and a slash: "Bapak/" of "Bapak/Ibu Lilis Hakim"."""
    return before.endswith("/") and _HON_SLASH.search(before) is not None


def _may_be_degree(text: str, comma: int) -> bool:
    """False where ``DEGREE_AT.match(text, comma)`` cannot match (``text[comma]`` is a comma): a cheap
    test before the regex, for the commas after names in lists ("1. Rina Siregar, NIP ...")."""
    c = text[comma + 1:comma + 2]
    pair = text[comma + 2:comma + 4] if c == " " or c == "\t" else text[comma + 1:comma + 3]
    # (D\d? takes any decimal digit, and after a second blank the regex decides)
    return pair in _DEGREE_PAIRS or pair[:1] in ("D", " ", "\t")


_DEGREE_HINT_TAIL = r"[ \t]?(?:[SMD]\d?\.[ ]?[A-Z]|A\.[ ]?Md|Amd|Ph\.|Sp\.|M[MHTA]\b|S[EHT]\b)"
DEGREE_HINT = re.compile("," + _DEGREE_HINT_TAIL)
NAME_TAIL = re.compile(rf"(?:{TITLES}[ \t]*)*(?P<name>{NAME})$")
NAME_LINE = re.compile(rf"[ \t]*[(\[_]*[ \t]*(?:{TITLES}[ \t]*)*(?P<name>{NAME})(?:,?[ \t]*{DEGREE})*"
                       rf"[ \t]*[)\]_]*[ \t\r]*(?=\n|$)")
SKIP_LINE = re.compile(r"(?i)[\[(]?(?:ttd\.?|tertanda|cap(?:\s+dan\s+tanda\s+tangan)?|materai.*|meterai.*|"
                       r"tanda\s+tangan|[_.\-\s]+)[\])]?")
LINE_TAIL = re.compile(rf"(?:,?[ \t]*{DEGREE})*[ \t]*[)\]_]*[ \t\r]*(?:\n|$)")
SIG_CUE_BEFORE = re.compile(r"(?i)(?:,[ \t\r]*$|^[ \t]*(?:ttd\.?|\(ttd\)|tertanda|hormat\s+kami|salam|wassalam\w*|"
                            r"a\.\s?n\.|an\.|plt\.?|plh\.?|pj\.?|u\.b\.|ub\.|\[?tanda\s+tangan\]?|\[?ttd\]?|"
                            r"cap\s+dan\s+tanda\s+tangan|mengetahui|menyetujui)\b)")
# A line below a signed name: one scan for all keys (their matches cannot overlap), which also finds
# each line break after a comma (a job title above a name) on the way: the empty look-behind comes
# last, so a key after ",\n" is still matched.
SIG_BELOW = re.compile(r"\n(?:NIP|NRP|NIDN|NIK|Pangkat|Pembina|Penata|(?<=,\n))")
SIG_CUE_AFTER = re.compile(r"(?i)[ \t]*(?:NIP|NRP|NIDN|NIK|NPP|NIPPPK|Pangkat|Pembina|Penata|Pengatur|Juru)\b")
CONNECTORS = frozenset(("bin", "binti", "van", "der", "de", "al", "el"))
CELL_NAME = re.compile(rf"(?:(?:{HON})[ \t]+)?(?:{TITLES}[ \t]*)*(?P<name>{NAME})(?:,?[ \t]*{DEGREE})*")
# A finding before overlaps are resolved: dedupe() reads start, end and score; ``how`` keys REASONS.
_Candidate = namedtuple("_Candidate", "start end score how")
BLANK_ROW = re.compile(r"[\s|:\-+=]*")  # a table's rule line (``|---|:--|``) or an empty row
METADATA_PERSON = {"author", "authors", "last_modified_by", "lastmodifiedby", "last-modified-by", "modified_by",
                   "manager", "contributor", "people", "dc:creator", "xmp:creator", "pdf:author"}

REASONS = {
    "honorific": ("Person's name after an honorific", "Nama orang setelah sapaan"),
    "title": ("Person's name with a title or degree", "Nama orang bergelar"),
    "field": ("Person's name in a name field", "Nama orang pada isian nama"),
    "signature": ("Person's name in a signature block", "Nama orang pada blok tanda tangan"),
    "account": ("Account holder's name (a.n.)", "Nama pemilik rekening (a.n.)"),
    "chat": ("Name of a chat participant", "Nama peserta percakapan"),
    "contact": ("Contact person's name", "Nama narahubung"),
    "email": ("Display name of an e-mail address", "Nama pada alamat e-mail"),
    "metadata": ("Author's name in the file's metadata", "Nama penulis pada metadata file"),
    "table": ("Person's name in a name column", "Nama orang pada kolom nama"),
    "lexicon": ("Person's name (common Indonesian name)", "Nama orang (nama Indonesia yang umum)"),
    "id": ("Person's name before their NIK/NIP", "Nama orang sebelum NIK/NIP-nya"),
}


_REASON_DICTS = {how: {"en": en, "id": id_} for how, (en, id_) in REASONS.items()}  # (copied per result)


class PersonRecognizer(Recognizer):
    """Indonesian person names from honorifics, fields, signatures, tables, metadata and a name list.

    Example: ``Dengan ini kami sampaikan ... Sdr. Arief Budiman, NIP ...`` -> PERSON
    ``Arief Budiman``.  Source: conventions of Indonesian official letters
    (tata naskah dinas signature blocks), forms and chats; UU 27/2022 (PDP).
    """

    ENTITIES = (ENTITY,)

    def __init__(self, supported_language: str = "id", names: dict | None = None, **kwargs):
        super().__init__(supported_language=supported_language, **kwargs)
        data = names or load_yaml("dlp.classifiers", "data/person_names.yaml")
        self.given = frozenset(w.lower() for w in data.get("given") or ())
        self.family = frozenset(w.lower() for w in data.get("family") or ())
        self.known_names = self.given | self.family
        honorifics = {"bapak", "bpk", "ibu", "sdr", "sdri", "sdra", "saudara", "saudari", "pak", "bu", "yth"}
        self.stop = frozenset(w.lower() for w in data.get("stop") or ()) | honorifics
        self.place_prefix = frozenset(w.lower() for w in data.get("place_prefix") or ())
        self.gate = self.given | HON_WORDS  # a run must hold one of these to be looked at (see analyze)
        self._words: dict = {}  # a run's words in lower case -> _word_facts()
        self._cleaned: dict = {}  # (span, mode) -> _clean_span()
        self._heads: dict = {}  # the text before a colon -> _field_label()
        self._cues: dict = {}  # a line above a name -> the cue it is, or "" (see _signature_cue)
        self._cells: dict = {}  # a table cell -> _cell_name()
        self._befores: dict = {}  # the text before a run -> _before()
        # no place word is made of list-number characters (see _run): true of any real list
        self.numbered = all(w.strip(NUMBERING) for w in self.place_prefix)

    # -- name checks ----------------------------------------------------------------
    def _clean(self, text: str, start: int, end: int, mode: str = "cut"):
        """The name inside ``text[start:end]`` as (start, end, words), or None.

        ``cut``: keep the words before the first stop word; ``tail``: keep the
        words after the last one; ``strict``: no stop word allowed.  Names
        are single-space separated (the NAME pattern), which keeps this cheap.
        """
        span = text[start:end]
        got = self._cleaned.get((span, mode), False)  # (names recur: see _word_facts)
        if got is False:
            got = self._clean_span(span, mode)
        if got is None:
            return None
        shift, length, keys = got
        return start + shift, start + shift + length, keys

    def _clean_span(self, span: str, mode: str):
        """_clean() of a span, once for all its occurrences: (shift of its start, length, words) or None."""
        start = 0
        words = span.split(" ")
        keys = span.lower().split(" ")  # lower() once, not per word
        if "." in span or "," in span or "'" in span or "\u2019" in span:
            keys = [k.strip(".,'\u2019") for k in keys]
        stop = self.stop
        got = False
        if not stop.isdisjoint(keys):  # most candidates hold no stop word: nothing to cut
            if mode == "cut":
                for i, k in enumerate(keys):
                    if k in stop:
                        words, keys = words[:i], keys[:i]
                        break
            elif mode == "tail":
                for i in range(len(keys) - 1, -1, -1):
                    if keys[i] in stop:
                        start += sum(len(w) + 1 for w in words[:i + 1])
                        words, keys = words[i + 1:], keys[i + 1:]
                        break
            else:
                got = None
        if got is not None:
            # connectors and initials may not end a name
            while words and (keys[-1] in CONNECTORS or (len(words[-1]) == 2 and words[-1][1] == "." and len(words) > 1)):
                words, keys = words[:-1], keys[:-1]
            n = len(keys) if CONNECTORS.isdisjoint(keys) else len([k for k in keys if k not in CONNECTORS])
            length = len(" ".join(words))
            # initials only (no word longer than two letters) is no name; words averaging three letters
            # or more settle that without measuring each word
            if not n or n > 4 or (length < 3 * len(words) and max(map(len, words)) <= 2) \
                    or TITLE_WORDS.issuperset(keys):  # "Bapak Drs. H. Ahmad": "Drs" alone is a title, no name
                got = None
            else:
                got = (start, length, tuple(keys))  # (shared by every occurrence: read only)
        if len(self._cleaned) >= 20000:
            self._cleaned.clear()
        self._cleaned[span, mode] = got
        return got

    def _known(self, keys) -> bool:
        return not self.known_names.isdisjoint(keys)

    def _lexical(self, keys) -> bool:
        names = keys if CONNECTORS.isdisjoint(keys) else [k for k in keys if k not in CONNECTORS]
        return len(names) >= 2 and (names[0] in self.given or self.known_names.issuperset(names))

    def _after_place(self, text: str, start: int, degree: bool = False) -> bool:
        """Whether ``text[start:]`` follows a word such as Jalan, RSUD, PT (a street or an organisation).

        An office (Dinas, Badan, Kantor, Kementerian) is named by its field, never after a person:
        before a titled name ("Kepala Dinas Drs. H. Ahmad Yani") or a name with a ``degree`` after
        it ("Kepala Dinas Budi Santoso, M.Si.") it is that person's post, not a place."""
        head = text[start - 40 if start > 40 else 0:start]
        last = head.rsplit(None, 1)
        if not last:
            return False
        word = last[-1].lower()
        if word.rstrip(".") not in TITLE_WORDS:  # the common case: only the last word counts
            word = word.rstrip(".:,")
            return word in self.place_prefix and not (degree and word in OFFICE_WORDS)
        words = head.split()
        while words and words[-1].lower().rstrip(".") in TITLE_WORDS:
            words.pop()
        if not words:
            return False
        word = words[-1].lower().rstrip(".:,")
        return word in self.place_prefix and word not in OFFICE_WORDS

    # -- main -------------------------------------------------------------------------
    def analyze(self, text, entities=None, nlp_artifacts=None, regex_flags=None):
        # (start, end) -> (score, how) of the best candidate on that exact span.  dedupe() sorts by
        # score, length and start, stably, so of candidates with one span only the first with the
        # highest score can be kept: the others are dropped here at once (a table cell's name is
        # also a lexicon run, for instance), and only the survivors are sorted and compared.
        best: dict = {}

        def add(span, score, how, need=None):
            if span is None:
                return
            s, e, keys = span
            if need == "known" and not self._known(keys):
                return
            if need == "two" and not (len(keys) >= 2 or self._known(keys)):
                return
            if text[e:e + 1] == "@" or text[s - 1:s] in ("@", "/", "#"):
                return
            old = best.get((s, e))
            if old is None or score > old[0]:
                best[s, e] = (score, how)

        low = lower(text)
        # The table pass runs first but its candidates join the others in their old place (after the
        # signatures), so ties between passes resolve as they always did.  A span it claims at more than
        # the best lexicon score (0.6) needs no lexicon candidate from the run pass (it could not win),
        # and a name alone in a "|" cell needs no other check either (see _run).
        nam = _nama_name(low)  # read by two passes
        # (start, end) -> (score, how), as add() would have kept them.  Every table candidate scores
        # _TABLE_HIT's 0.7, above 0.6: the spans it holds are the ones the table pass claims.
        claimed: dict = {}
        commas: dict = {}  # see _comma_cues
        self._tables(text, low, claimed, commas, nam)
        self._fields(text, add)
        if nam:  # (it reads only where "nama" stands)
            self._caps_after_nama(text, low, add, nam)
        self._chat_stamps(text, add)
        seen, run = self._words, self._run
        if "\u2019" in text:  # (rare: see RUN_SHAPE and RUN_DOT_SHAPE)
            runs = RUN.finditer(text)
            if "Sdr" in text or "Bp" in text or "Ny." in text or "Tn." in text:
                self._one_name_after_honorific(text, add)
            hon_end = len(text) + 1  # (done: no place below is looked at again)
            dotted = {m.end(): m.group("word").lower() for m in HON_DOT_RUN.finditer(text)}
        else:
            # RUN.finditer(text)'s runs, about twice as fast, and the places HON_DOT_ONE can match, which
            # _one_name_after_honorific would search for: no other scan of the text for them.
            runs = RUN_DOT_SHAPE.finditer(text.encode("latin-1", "replace").translate(SHAPE))
            hon_end = 0  # where the last HON_DOT_ONE match ends (as finditer, no match starts before it)
            dotted = None  # (filled as the dotted abbreviations come: see below)
        befores = self._befores
        for m in runs:  # only runs holding a given name or an honorific go further
            s, e = m.span()
            # RUN matches ASCII letters, ' and -, so the slice of ``low`` is the run's lower case
            words = low[s:e]
            facts = seen.get(words)
            if facts is None:
                facts = self._word_facts(words)
            if not facts:
                if dotted and s in dotted:
                    self._after_dot(text, s, e, dotted[s], add)
                continue
            keys, stopless, known, lexicon, plain, dot = facts
            if dot:
                # _one_name_after_honorific, inline: "Sdr." or "Bpk." found by RUN_DOT_SHAPE, alone or
                # ending a run ("Sdr. Galih", "Kepada Yth Bpk. Dedi"), the only places HON_DOT_ONE can match
                p = e - dot
                if p >= hon_end:
                    h = HON_DOT_ONE.match(text, p)
                    if h:
                        hon_end = h.end()
                        add(self._clean(text, *h.span("name"), mode="strict"), 0.8, "honorific")
                    else:
                        # two or more words after it ("Sdri. Pratiwi Handayani"): the next run, which
                        # needs no given name to be read (see _after_dot)
                        h = HON_DOT_RUN.match(text, p)
                        if h:
                            if dotted is None:
                                dotted = {}
                            dotted[h.end()] = h.group("word").lower()
                if not keys:
                    continue  # no run, or one _run does not look at
            # The common cases of _run, inline (a name-dense text has a run every ~250 bytes; a call per
            # run showed in profiles); any other run, or one these cannot settle, goes to _run.
            span = (s, e)
            if claimed and span in claimed:
                # a name alone in a "|" cell the table pass holds (see _run)
                if plain and stopless and not text.startswith((",", " <", "<", '"<', '" '), e):
                    if s and (text[s - 1].isalnum() or text[s - 1] in "@/#._"):
                        continue
                    bar = text.rfind("|", s - 30 if s > 30 else 0, s)
                    if bar >= 0 and not text[bar + 1:s].strip(" \t"):
                        continue
            elif plain:
                line_pre = text[s - 30 if s > 30 else 0:s].rpartition("\n")[2]  # (as _run reads it)
                kind = befores.get(line_pre) or self._before(line_pre)
                if kind == "numbered":
                    # A lexicon run after a list number or a table's bars ("12. ", "3 | "), as _run decides
                    # it: no word before it, no degree or address after it.
                    if lexicon is not None:
                        p0 = text[e:e + 1]
                        if p0 == ",":
                            after = _may_be_degree(text, e) and DEGREE_AT.match(text, e)
                        elif p0 == "@":
                            continue  # (glued to an address: add() would drop it)
                        else:
                            after = text.startswith((" <", "<", '"<', '" '), e) and "@" in text[e:e + 80]
                        if not after:
                            old = best.get(span)
                            if old is None or lexicon > old[0]:
                                best[span] = (lexicon, "lexicon")
                            continue
                elif kind == "glued" or (kind == "field" and self._after_label(text, s, line_pre)):
                    continue  # no name starts there, or a field's value (_fields reads it): _run looks no further
            run(text, s, e, facts, add, best, claimed)
        self._after_anchors(text, add, commas, best)
        self._signatures(text, low, add)
        for span, hit in claimed.items():  # (add()'s last step)
            old = best.get(span)
            if old is None or hit[0] > old[0]:
                best[span] = hit
        spans = parts()
        if spans:
            self._metadata(text, add)
            self._cell_contexts(text, spans, add)
        # Overlaps are resolved before any RecognizerResult is built.  Spans sorted by start overlap
        # nowhere exactly when their bounds (start, end, start, end ...) are sorted too, and then
        # dedupe() would keep them all: it runs only when needed.
        if not best:
            return []
        # (the spans alone are sorted: pairs of ints compare faster than pairs of pairs)
        kept = sorted(best)
        bounds = list(chain.from_iterable(kept))
        if bounds != sorted(bounds):
            kept = [(c.start, c.end) for c in dedupe([_Candidate(s, e, *best[s, e]) for s, e in kept])]
        order = zip(kept, map(best.__getitem__, kept))
        # What self.result(ENTITY, s, e, score, None, reason(...), own_context=True) builds, inline: a
        # name-dense text has a result every ~50 bytes, and two calls per result showed in profiles.
        # Positional arguments (keywords cost a third more; the fifth is analysis_explanation); no
        # min(1.0, score): every score here is below 1.
        # Each reason is a copy of its own dict (a caller may change one result's reason, never another's).
        name, rid = self.name, self.id
        return [RecognizerResult(ENTITY, s, e, score, None, {
                    _NAME_KEY: name, _ID_KEY: rid, "dlp_reason": _REASON_DICTS[how].copy(), _SCORED_KEY: True})
                for (s, e), (score, how) in order]

    def _after_anchors(self, text: str, add, commas: dict, best: dict | None = None):
        """Names found from what follows them: ``, S.Kom.`` degrees, ``<x@y>`` addresses, the person's
        own NIK or NIP (``Pratiwi Handayani, NIK 3471...``, ``Heru Setiawan (NIP 1985...)``).

        ``commas``: see _comma_cues (where DEGREE_HINT matches, if the table pass already found it).
        ``best``: the candidates so far (a name already found before an ID is not looked for again).
        """
        ends = None
        for label in ID_LABELS:
            i = text.find(label)
            while i >= 0:  # (a str.find loop: most texts hold no such label)
                if ID_AFTER.match(text, i + len(label)):
                    j = i
                    while j and text[j - 1] in " \t":
                        j -= 1
                    if j and text[j - 1] in ",(/":
                        j -= 1
                        while j and text[j - 1] in " \t":
                            j -= 1
                    if j and text[j - 1].isalpha() and j < i:
                        if ends is None:
                            ends = {e for _, e in best} if best else set()
                        if j not in ends:
                            t = NAME_TAIL.search(text, j - 60 if j > 60 else 0, j)
                            if t:
                                add(self._clean(text, *t.span("name"), mode="tail"), 0.75, "id", "two")
                i = text.find(label, i + 1)
        hints = commas.get("degree")
        if hints is None:
            hints = [m.start() for m in DEGREE_HINT.finditer(text)]
        for at in hints:
            if not DEGREE_AT.match(text, at):
                continue
            t = NAME_TAIL.search(text, max(0, at - 60), at)
            if t:
                span = self._clean(text, *t.span("name"), mode="tail")
                if span and not self._after_place(text, span[0], degree=True):
                    add(span, 0.8, "title")
        if "@" in text:
            for i in find_all(text, "<"):
                if "@" not in text[i:i + 80] or not re.match(r"<[\w.+\-]+@", text[i:i + 80]):
                    continue
                j = i
                while j > 0 and text[j - 1] in ' "\t':
                    j -= 1
                t = NAME_TAIL.search(text, max(0, j - 60), j)
                if t:
                    add(self._clean(text, *t.span("name"), mode="tail"), 0.8, "email", "two")

    def _signatures(self, text: str, low: str, add):
        """Name lines in signature blocks: under a job title ending in "," or "ttd.", above "NIP ..."."""
        below: set[int] = set()
        keyed = []  # where a line below a name ("\nNIP ...") starts
        for k in SIG_BELOW.finditer(text):
            i = k.start()
            if i and text[i - 1] == ",":
                below.add(i + 1)
            if k.end() > i + 1:
                keyed.append(i)
        if "\r" in text:  # (a one-character test is much cheaper than looking for ",\r\n")
            for i in find_all(text, ",\r\n"):
                below.add(i + 3)
        # (a str.find loop, not find_all(): a text has one such line or none, and a generator costs more)
        i = low.find("ttd")
        while i >= 0:
            nl = line_end(text, i)
            if nl < len(text) and text[nl] == "\n":
                below.add(nl + 1)
            i = low.find("ttd", i + 1)
        read: set[int] = set()  # line starts already matched with NAME_LINE: the same add() again is a no-op
        for start in sorted(below):
            p, hops = start, 0
            while p < len(text) and hops < 3:  # skip blank and "ttd." / stamp lines
                nl = line_end(text, p)
                line = text[p:nl].strip()
                if line and not SKIP_LINE.fullmatch(line):
                    read.add(p)
                    m = NAME_LINE.match(text, p)
                    if m:
                        add(self._clean(text, *m.span("name"), mode="strict"), 0.8, "signature", "two")
                    break
                p, hops = nl + 1, hops + 1
        for i in keyed:
            a = line_start(text, i)
            if a < i and a not in read:
                m = NAME_LINE.match(text, a)
                if m and m.end() >= i:
                    add(self._clean(text, *m.span("name"), mode="strict"), 0.8, "signature", "two")

    def _fields(self, text: str, add):
        """``Label : Name`` - anchored on the colons, so prose costs next to nothing."""
        heads = self._heads
        # (a one-character test is next to free: no search for a full-width colon in most texts)
        for sep in (":", "\uff1a") if "\uff1a" in text else (":",):
            i = text.find(sep)
            while i >= 0:  # (a str.find loop: a generator per text and a step per colon cost more)
                at, i = i, text.find(sep, i + 1)
                nxt = text[at + 1:at + 5].lstrip(" \t*_\"'")[:1]
                if not (nxt.isupper() or nxt in ("d", "b", "i", "s", "p")):
                    continue
                lo = at - 60 if at > 60 else 0
                nl = text.rfind("\n", lo, at)
                head = text[nl + 1 if nl >= 0 else lo:at]  # at most 60 characters of the line before the colon
                need = heads.get(head, heads)  # (labels recur: "Nama", "Narahubung" ...)
                if need is heads:
                    need = self._field_label(head)
                if need is False:
                    continue
                v = FIELD_VALUE.match(text, at + 1)
                if v:
                    add(self._clean(text, *v.span("name")), 0.8, "field", need)
        if "\t" in text:
            self._tab_fields(text, add)

    def _tab_fields(self, text: str, add):
        """``Nama<TAB>Ni Made Ayu Lestari``: a form's two-cell row (a Word or HTML table read a row a
        line, its cells tab-separated), the label cell first on its line and the name the whole value
        cell.  (A header row, "Nama<TAB>NIK<TAB>Alamat", has more cells: no value.)"""
        heads = self._heads
        i = text.find("\t")
        while i >= 0:
            at, i = i, text.find("\t", i + 1)
            if not text[at + 1:at + 2].isupper():
                continue
            nl = text.rfind("\n", 0, at)
            head = text[nl + 1:at]
            if len(head) > 40 or "\t" in head:
                continue
            need = heads.get(head, heads)
            if need is heads:
                need = self._field_label(head)
            if need is False:
                continue
            v = FIELD_VALUE.match(text, at + 1)
            if v and LINE_END.match(text, v.end()):
                add(self._clean(text, *v.span("name")), 0.8, "field", need)

    def _after_label(self, text: str, s: int, line_pre: str) -> bool:
        """Whether the colon that ends ``line_pre`` (the line before the run at ``s``) ends a field label,
        whose value _fields reads; not a chat's sender ("Rini BPBD: Siti Aminah / 3578...") or a
        heading ("Pesan: ..."), after which a name is found as anywhere else."""
        at = s - len(line_pre) + len(line_pre.rstrip()) - 1  # the colon
        lo = at - 60 if at > 60 else 0
        nl = text.rfind("\n", lo, at)
        head = text[nl + 1 if nl >= 0 else lo:at]  # (what _fields reads before the colon)
        need = self._heads.get(head, self._heads)
        if need is self._heads:
            need = self._field_label(head)
        return need is not False

    def _field_label(self, head: str):
        """What _fields needs of the text before a colon (``head``), kept for the next colon after the same
        text: False when it ends with no field label, else what add() needs of the name (None after a
        strong label, "two" after a weak one)."""
        key = head.replace("_", " ") if "_" in head else head  # snake case: nama_lengkap, full_name
        words = key.rstrip(" \t*\"'").rsplit(None, 1)
        need = False
        if words and (words[-1].lower() in LABEL_LAST or "nama" in head.lower()):
            lm = FIELD_LABEL.search(key)
            if lm:
                need = None if _STRONG_FULL.fullmatch(" ".join(lm.group("label").split())) else "two"
        if len(self._heads) >= 20000:
            self._heads.clear()
        self._heads[head] = need
        return need

    def _caps_after_nama(self, text: str, low: str, add, nam=None):
        """``Nama DEDEN MULYANA`` (an ID card or receipt read by OCR, the colon lost): capitals only.

        ``nam``: _nama_name(low), if already known (it holds every "nama").
        """
        at = find_all(low, "nama") if nam is None else [i for i in nam if low[i + 3] == "a"]
        for i in at:
            if i and low[i - 1].isalnum():
                continue
            m = CAPS_AFTER_NAMA.match(text, i)
            if m:
                add(self._clean(text, *m.span("name"), mode="strict"), 0.7, "field", "two")

    def _after_dot(self, text: str, s: int, e: int, word: str, add):
        """A run of capitalised words none of which is a given name, right after an abbreviated honorific
        or title and its dot (``word``, lower case): ``Sdri. Pratiwi Handayani``, ``Drs. Paulus
        Wijanarko`` (a run holding a given name or an honorific is read by _run).  After a title, not
        after a street's or an organisation's word (``Jl. Dr. Sutomo``, ``RSUD Dr. Soetomo``)."""
        if word in HON_DOT:
            add(self._clean(text, s, e), 0.8, "honorific")
        elif not self._after_place(text, s):
            add(self._clean(text, s, e), 0.8, "title")

    def _one_name_after_honorific(self, text: str, add):
        """``Sdr. Galih``, ``Bpk. Dedi``, ``Ny. Onah``: one name after an abbreviated honorific.  (Two or more
        capitalised words make a run, which _run reads; one word after a dot makes none.)"""
        for m in HON_DOT_ONE.finditer(text):
            add(self._clean(text, *m.span("name"), mode="strict"), 0.8, "honorific")

    def _chat_stamps(self, text: str, add):
        """``[10.47, 6/9/2022] Name: ...`` - the speaker of a chat export line."""
        if "]" not in text:  # (a one-character test is next to free)
            return
        for i in find_all(text, "]"):
            a = line_start(text, i, 50)
            if i - a > 45 or not CHAT_STAMP.search(text, a, i + 1):
                continue
            m = CHAT_NAME.match(text, i + 1)
            if m:
                add(self._clean(text, *m.span("name"), mode="strict"), 0.7, "chat")

    def _before(self, line_pre: str) -> str:
        """What stands before a run, as _run sees it (``line_pre``: at most 30 characters of its line), kept
        for the next run after the same text ("12. ", "3 | " recur): "glued" to a word or an address (no
        name starts there), "numbered" (a list number or a table's bars: see _run), "field" (after a
        label's colon) or "other"."""
        if line_pre and (line_pre[-1].isalnum() or line_pre[-1] in "@/#._") and not _hon_slash(line_pre):
            kind = "glued"
        elif line_pre[:1] in NUMBER_START and len(line_pre) < 30 and not line_pre.strip(NUMBERING) \
                and self.numbered:
            kind = "numbered"
        elif line_pre.rstrip().endswith((":", "\uff1a")):
            kind = "field"
        else:
            kind = "other"
        if len(self._befores) >= 20000:
            self._befores.clear()
        self._befores[line_pre] = kind
        return kind

    def _word_facts(self, words: str):
        """What the run pass needs to know of a run's words (``words``: the run in lower case), kept for
        the next run of the same words: False when none is a given name or an honorific (the run is not
        looked at), else (keys, stopless, known, lexicon, plain, dot).  ``keys``: the words; ``stopless``:
        no stop word among them; ``known``: one is a known name; ``lexicon``: the score of the whole run as
        a lexicon candidate (see _lexicon_runs), or None when it is none; ``plain``: it starts with neither
        an honorific nor a greeting (the first two cases of _run do not apply); ``dot``: how far before
        the run's end an abbreviation of HON_DOT starts that ends the run after a blank, ' or -
        (HON_DOT_ONE may match there when a dot follows), else 0.  RUN_DOT_SHAPE's other match, one word
        and its dot, and a run with such an ending but no given name or honorific get
        ((), False, False, None, False, dot), or False without it."""
        if words[-1] == ".":  # RUN_DOT_SHAPE's other match
            last = words[:-1].rsplit("-", 1)[-1].rsplit("'", 1)[-1]
            facts = ((), False, False, None, False, len(last) + 1) if last in HON_DOT or last in DOT_TITLES \
                else False
            if len(self._words) >= 20000:
                self._words.clear()
            self._words[words] = facts
            return facts
        keys = tuple(words.split(" "))  # (shared by every run of these words: read only)
        last = keys[-1].rsplit("-", 1)[-1].rsplit("'", 1)[-1]
        dot = len(last) if last in HON_DOT or last in DOT_TITLES else 0
        if self.gate.isdisjoint(keys):
            facts = ((), False, False, None, False, dot) if dot else False
        else:
            stopless = self.stop.isdisjoint(keys)
            lexicon = None
            if stopless and 2 <= len(keys) <= 4 and self._lexical(keys):
                lexicon = 0.6 if self.known_names.issuperset(keys) else 0.55
            facts = (keys, stopless, not self.known_names.isdisjoint(keys), lexicon,
                     keys[0] not in HON_WORDS and keys[0] not in GREETINGS, dot)
        if len(self._words) >= 20000:  # names recur, within a text and across texts; the rest is bounded
            self._words.clear()
        self._words[words] = facts
        return facts

    def _run(self, text: str, s: int, e: int, facts: tuple, add, best: dict, claimed=frozenset()):
        """Decide on one run of capitalised words (``facts``: see _word_facts) from what stands around
        it (cheap rejects first).  ``best``: add()'s table, for the common lexicon case (see the end);
        ``claimed``: spans a better candidate already holds."""
        keys, stopless, known, lexicon = facts[:4]
        if s:
            c = text[s - 1]
            if (c.isalnum() or c in "@/#._") and not (c == "/" and _hon_slash(text[s - 12 if s > 12 else 0:s])):
                return
        k0 = keys[0]
        if k0 in HON_WORDS and not (k0 in CAPITAL_ONLY_HON and not text[s].isupper()):
            t = text.index(" ", s) + 1  # Bapak Slamet Riyadi, Ceu Imas
            add(self._clean(text, t, e), 0.8, "honorific")
            return
        if k0 in GREETINGS:
            # "Halo Pak Bambang", "Selamat Pagi Bu Rina,", "Siap Pak Dedi": a greeting starts the run
            i = 1
            while i < len(keys) - 1 and keys[i] in GREETINGS:
                i += 1
            if i < len(keys) - 1 and keys[i] in ADDRESS_WORDS:
                t = s + len(" ".join(keys[:i + 1])) + 1  # (keys are the run's words, lower-cased)
                add(self._clean(text, t, e), 0.8, "honorific")
                return
        if claimed and (s, e) in claimed and stopless and not text.startswith((",", " <", "<", '"<', '" '), e):
            bar = text.rfind("|", s - 30 if s > 30 else 0, s)
            if bar >= 0 and not text[bar + 1:s].strip(" \t"):
                # A name alone after the "|" of a table cell the table pass holds.  Before it stands no
                # honorific, title, "a.n." or colon, and it is no bare line; after it no degree or address:
                # of the checks below only the lexicon run could apply, and the cell outranks it.
                return
        lo = s - 30 if s > 30 else 0
        cut = text[lo:s].rpartition("\n")  # (cheaper than rfind() with bounds, then a slice)
        line_pre = cut[2]  # at most 30 characters of the line before the run
        post = text[e:e + 2]
        # A list number or a table's bars before the run ("12. ", "3 | "), the start of its line (shorter
        # than 30 characters: no cut), is the common case: no word there, so no honorific, title, "a.n.",
        # colon or place (self.numbered: no place word is made of such characters), and it is no bare line.
        numbered = line_pre[:1] in NUMBER_START and len(line_pre) < 30 and not line_pre.strip(NUMBERING) \
            and self.numbered
        if numbered:
            if not (known or post[:1] in (",", "<", ":", '"') or post == " <"):
                return
        else:
            bare = line_pre.strip(" \t([_*>-")
            pre_words = line_pre.rsplit(None, 1)
            pw_raw = pre_words[-1] if pre_words else ""
            pw = pw_raw.lower().rstrip(".:,")
            trigger = pw in TRIGGER_WORDS  # (the union of the honorifics, titles and contact words below)
            # each "a.n." form holds an "n" in its last five characters: most lines need no lower case
            tail = line_pre[-5:]
            an = ("n" in tail or "N" in tail) and line_pre.lower().endswith(AN_FORMS)
            if not (known or trigger or post[:1] in (",", "<", ":", '"') or post == " <" or not bare
                    or (an and not line_pre.lower().endswith("a.n "))):
                return
            if pw_raw.endswith((":", "\uff1a")) and self._after_label(text, s, line_pre):
                return  # a field value: see _fields (line_pre.rstrip() ends with its last word)
            if trigger:
                if pw in HON_WORDS and not (pw in CAPITAL_ONLY_HON and pw_raw[:1].islower()):
                    add(self._clean(text, s, e), 0.8, "honorific")
                    return
                if pw in TITLE_WORDS and pw_raw.endswith("."):
                    if not self._after_place(text, s):
                        add(self._clean(text, s, e), 0.8, "title")
                    return
            if an:
                add(self._clean(text, s, e), 0.75, "account", "two")
                return
        if post:  # what follows the run: its first character picks the one case that can apply
            p0 = post[0]
            if p0 == ",":
                if _may_be_degree(text, e) and DEGREE_AT.match(text, e):
                    span = self._clean(text, s, e, mode="tail")
                    if span and not self._after_place(text, span[0], degree=True):
                        add(span, 0.8, "title")
                    return
            elif p0 == ":":
                if not numbered and not bare:
                    if known:
                        add(self._clean(text, s, e, mode="strict"), 0.6, "chat")
                    return
            elif post.startswith((" <", "<", '"<', '" ')) and "@" in text[e:e + 80]:
                add(self._clean(text, s, e, mode="tail"), 0.8, "email", "two")
                return
        if not numbered:  # (a contact follows a word, a signature stands on a bare line)
            if trigger and pw in CONTACT_WORDS and known:
                span = self._clean(text, s, e, mode="tail")
                if span and span[2][0] in self.given:
                    add(span, 0.7, "contact")
                    return
            if not bare and stopless and LINE_TAIL.match(text, e):
                span = self._clean(text, s, e, mode="strict")
                cue = span and self._signature_cue(text, s - len(line_pre), e)
                if cue:
                    add(span, 0.8, cue, "two")
                    return
        if not known:
            return
        if not stopless:
            self._lexicon_runs(text, s, e, keys, add, claimed)
            return
        # The common case, _lexicon_runs(text, s, e, keys, add, claimed) for a run without a stop word,
        # inline (a name-dense text has a run every ~250 bytes): the whole run is one candidate.
        if lexicon is None or (claimed and (s, e) in claimed):
            return
        # _after_place(text, s) reads the last word of the 40 characters before the run: ``pw_raw``
        # whenever that word lies whole in line_pre (after a blank, at the line's or the text's
        # start), and unless it is a title (then the word before it counts) only that word decides.
        if numbered:
            pass  # (no place word)
        elif pw_raw and (cut[1] or not lo or len(pre_words) == 2 or line_pre[0].isspace()) \
                and pw not in TITLE_WORDS:
            if pw in self.place_prefix:
                return
        elif self._after_place(text, s):
            return
        # add((s, e, keys), score, "lexicon"), inline: what stands before the run was checked above
        if post[:1] != "@":
            old = best.get((s, e))
            if old is None or lexicon > old[0]:
                best[s, e] = (lexicon, "lexicon")

    def _signature_cue(self, text: str, begin: int, end: int) -> str:
        """What cues the name line as a name, as a reason (:data:`REASONS`), or "": a job title ending
        in "," / "ttd." / "Hormat kami," above or "NIP ..." below ("signature"); a column header
        naming people above ("table": "Nama", "Peserta", a spreadsheet cell's header)."""
        p, seen = begin, 0
        cues = self._cues
        while p > 0 and seen < 3:
            pa = line_start(text, p - 1)
            line = text[pa:p - 1]
            p = pa
            if not line.strip():
                continue
            seen += 1
            cue = cues.get(line)  # (the lines above a name recur: job titles, "Hormat kami,")
            if cue is None:
                cue = ("signature" if SIG_CUE_BEFORE.search(line) else
                       "table" if PERSON_HEADER.fullmatch(line.strip()) else "")
                if len(cues) >= 20000:
                    cues.clear()
                cues[line] = cue
            if cue:
                return cue
        nl = line_end(text, end)
        if nl < len(text) and text[nl] == "\n" and SIG_CUE_AFTER.match(text, nl + 1, line_end(text, nl + 1)):
            return "signature"
        return ""

    def _tables(self, text: str, low: str, names: dict, commas: dict, nam=None):
        """Names in the column of a delimited table (``|``, tab, ``;`` or ``,``) whose header names people.

        ``names``: gets (start, end) -> _TABLE_HIT for each name found - the checks of add() are done here
        (a span found twice keeps its first place, as a second add() of it would change nothing).
        ``commas``: filled by _comma_cues when a row may be separated by commas.
        ``nam``: _nama_name(low), if already known.
        """
        bar, tab, semi, comma = "|" in text, "\t" in text, ";" in text, "," in text
        if not (bar or tab or semi or comma):
            return
        if nam is None:
            nam = _nama_name(low)
        hits = nam + [m.start() for m in TABLE_HEADER_PE.finditer(low)]
        if not hits:
            return
        hits.sort()
        seen: set[int] = set()
        after: dict = {}  # separator -> (starts, ends) of HEADER_CELL_AFTER[separator] in the text
        done_to = -1
        n = len(text)
        for h in hits:
            if h < done_to:
                continue
            # line_bounds(text, h), inline (a hit per "pegawai", "peserta" ... in prose too), its end
            # only for a line not seen yet
            lo = h - REACH if h > REACH else 0
            nl = text.rfind("\n", lo, h)
            a = nl + 1 if nl >= 0 else lo
            if a in seen:
                continue
            seen.add(a)
            b = text.find("\n", h, h + REACH)
            if b < 0:
                b = min(n, h + REACH)
            # The header row is text[a:b] (read in place: it is sliced only when it may name people).  Its
            # separator: two "|" or more, else a tab, else two ";", else two ",".  (Two finds, not a count:
            # they stop at the second one; a separator the text lacks is not looked for at all.)
            if bar and (i := text.find("|", a, b)) >= 0 and text.find("|", i + 1, b) >= 0:
                sep = "|"
            elif tab and text.find("\t", a, b) >= 0:
                sep = "\t"
            elif semi and (i := text.find(";", a, b)) >= 0 and text.find(";", i + 1, b) >= 0:
                sep = ";"
            elif comma and (i := text.find(",", a, b)) >= 0 and text.find(",", i + 1, b) >= 0:
                sep = ","
            else:
                continue
            # Can a cell start with a header word?  (See HEADER_CELL_AFTER; most rows, prose lines with
            # commas among them, stop here.)  The matches after ";" or "," are found once per text (a
            # long prose line is a "header row" for each hit in it): they hold no other separator, so
            # none hides another, and the first one at or after ``a`` ends first.
            if sep in ("|", "\t"):  # (a "|" or tab table has many separators but one header row)
                cell_word = HEADER_CELL_AFTER[sep].search(text, a, b)
            else:
                found = after.get(sep)
                if found is None:
                    if sep == ",":
                        found = after[sep] = _comma_cues(text, commas)
                    else:
                        spans = [m.span() for m in HEADER_CELL_AFTER[sep].finditer(text)]
                        found = after[sep] = ([x for x, _ in spans], [y for _, y in spans])
                i = bisect_left(found[0], a)
                cell_word = i < len(found[0]) and found[1][i] <= b
            if not (cell_word or HEADER_CELL_START.match(text, a, b)):
                continue
            col = _person_column(text[a:b], sep)
            if col is None:
                continue
            pos, rows = b + 1, 0
            done_to = b
            cells = self._cells
            # The row is text[la:lb].  Its cell in the column is found in place, and what stands in it is
            # read once per distinct cell (names recur): see _cell_name.
            while pos < n and rows < 20000:
                # pos follows a newline on all but over-long lines: its line starts right there
                la = pos if text[pos - 1] == "\n" else line_start(text, pos)
                lb = text.find("\n", pos, pos + REACH)  # line_end(text, pos), inline: once per row
                if lb < 0:
                    lb = min(n, pos + REACH)
                pos = lb + 1
                if text.find(sep, la, lb) < 0:
                    break
                if sep == "|":
                    at = _pipe_cell(text, la, lb, col)
                else:
                    at = _cell(text[la:lb], sep, col)
                    if at is not None:
                        at = (la + at[0], la + at[1])
                if at is None:
                    got = _NO_CELL
                else:
                    cell = text[at[0]:at[1]]
                    got = cells.get(cell) or self._cell_name(cell)
                # a row with a name in it is no rule line: test for one only when there is no name
                if not got[0] and BLANK_ROW.fullmatch(text, la, lb):
                    continue
                rows += 1
                done_to = lb
                if got[1] is not None:
                    # add((start, end, keys), 0.7, "table", "two"), inline: the keys were weighed once
                    ns, ne = at[0] + got[1][0], at[0] + got[1][1]
                    if text[ne:ne + 1] != "@" and text[ns - 1:ns] not in ("@", "/", "#"):
                        names[ns, ne] = _TABLE_HIT

    def _cell_name(self, cell: str) -> tuple:
        """What _tables needs of a cell in a column of names, kept for the next cell written the same way:
        (whether CELL_NAME matches the stripped cell, and the (start, end) in ``cell`` of the name as
        ``add(self._clean(..., mode="strict"), 0.7, "table", "two")`` would keep it, or None)."""
        stripped = cell.strip()
        m = CELL_NAME.fullmatch(stripped)
        if m is None:
            got = _NO_CELL
        else:
            lead = len(cell) - len(cell.lstrip())  # (str.strip() removes what ``\s`` matches)
            span = self._clean(cell, lead + m.start("name"), lead + m.end("name"), mode="strict")
            kept = span is not None and (len(span[2]) >= 2 or self._known(span[2]))
            got = (True, (span[0], span[1]) if kept else None)
        if len(self._cells) >= 20000:
            self._cells.clear()
        self._cells[cell] = got
        return got

    def _cell_contexts(self, text: str, spans: tuple, add):
        """A cell whose column header (the chunk's context, just before it) names people: Nama, Petugas ..."""
        prev_end = 0
        for start, end, part in spans:
            ctx_start = prev_end + 2 if prev_end else 0
            prev_end = end
            if start - ctx_start < 3 or text[start - 1:start] != "\n":
                continue
            ctx = text[ctx_start:start - 1].strip()
            if not ctx or len(ctx) > 80 or not PERSON_HEADER.match(ctx.replace("_", " ")):
                continue
            value = text[start:end]
            stripped = value.strip()
            m = CELL_NAME.fullmatch(stripped)
            if m:
                s = start + value.find(stripped)
                add(self._clean(text, s + m.start("name"), s + m.end("name"), mode="strict"), 0.7, "table", "two")

    def _metadata(self, text: str, add):
        """A file's author fields (``metadata:author``, ``comment:author`` ...): each line that is a name."""
        for start, end, part in parts():
            p = (part or "").lower()
            field = p.rsplit(":", 1)[-1].strip()
            if p.startswith("header:"):
                if field not in ("from", "to", "cc", "sender", "reply-to"):
                    continue
            elif not (field in METADATA_PERSON or p.endswith(("xmp:creator", "dc:creator"))):
                continue
            pos = start
            for line in text[start:end].split("\n"):
                stripped = line.strip().strip('"')
                m = CELL_NAME.fullmatch(stripped) if stripped else None
                if m:
                    s = pos + line.find(stripped)
                    add(self._clean(text, s + m.start("name"), s + m.end("name"), mode="strict"), 0.7, "metadata",
                        "two")
                pos += len(line) + 1

    def _lexicon_runs(self, text: str, start: int, end: int, keys: list[str], add, claimed=frozenset()):
        """Runs of name words (split at stop words) that start with a known given name.

        ``claimed``: spans a candidate scoring more than any lexicon run already holds.
        """
        if self.known_names.isdisjoint(keys):
            return
        if self.stop.isdisjoint(keys):  # the common case: the whole run is one candidate
            if claimed and (start, end) in claimed:
                return
            if 2 <= len(keys) <= 4 and self._lexical(keys) and not self._after_place(text, start):
                score = 0.6 if self.known_names.issuperset(keys) else 0.55
                add((start, end, keys), score, "lexicon")
            return
        words = text[start:end].split(" ")
        pos = start
        run_start, run_keys, prev_key = None, [], None
        for w, k in list(zip(words, keys)) + [(None, None)]:
            if w is not None and k not in self.stop:
                if run_start is None:
                    run_start = pos
                run_keys.append(k)
                pos += len(w) + 1
                continue
            if 2 <= len(run_keys) <= 4 and self._lexical(run_keys):
                before = prev_key
                if not (before in self.place_prefix if before else self._after_place(text, run_start)):
                    score = 0.6 if all(x in self.known_names for x in run_keys) else 0.55
                    add((run_start, pos - 1, run_keys), score, "lexicon")
            if w is not None:
                pos += len(w) + 1
            prev_key, run_start, run_keys = k, None, []


# Words of a table header naming people: nama, name (_nama_name), petugas, pegawai, peserta, penerima,
# pemohon, penumpang.  A pattern with a literal prefix the regex engine searches fast (one pattern
# starting with "na" or "pe" is several times slower), and a str.find loop for the rarer "nam"; no word
# can overlap another of its own kind, so together they find every occurrence of every word.
TABLE_HEADER_PE = re.compile(r"pe(?:tugas|gawai|serta|nerima|mohon|numpang)")


def _nama_name(low: str) -> list[int]:
    """Where "nama" or "name" starts in ``low`` (a str.find loop: "nam" is rare, and a regex scan of
    the whole text costs more than this one)."""
    at = []
    i = low.find("nam")
    while i >= 0:
        if low[i + 3:i + 4] in ("a", "e"):
            at.append(i)
        i = low.find("nam", i + 1)
    return at


# A cell that can fullmatch PERSON_HEADER once stripped (str.strip(), then " *_:"; ``\s`` is what
# str.strip() removes) starts with one of these words: a row where none starts a cell (at the row's
# start or after a separator) has no person column (see _tables).  Searches with a literal first
# character instead of a regex per cell: prose lines with commas are "header rows" too.  (The
# look-ahead, implied by the words, rejects most cells in one step.)
# The words are no, nam, full, pe(tugas|gawai|serta|nerima|mohon|numpang|nanggung|jabat|lapor), pasien,
# narahubung, pic, karyawan, anggota, responden, kepala, ahli, employee, staff, attendee, passenger,
# patient, grouped by first letter (in their order, so the same word wins where two could): a cell
# starting with none of them costs one test per letter group, not one per word.
_HEADER_WORD_START = (r"[\s*_:]*(?=(?i:[nfpkares]))(?i:n(?:o|am|arahubung)|full|"
                      r"p(?:e(?:tugas|gawai|serta|nerima|mohon|numpang|nanggung|jabat|lapor)|asien|ic|assenger|atient)|"
                      r"k(?:aryawan|epala)|a(?:nggota|hli|ttendee)|responden|employee|staff)")
HEADER_CELL_START = re.compile(_HEADER_WORD_START)
HEADER_CELL_AFTER = {sep: re.compile(re.escape(sep) + _HEADER_WORD_START) for sep in ("|", "\t", ";", ",")}
# Both scans that start at a comma, in one: where DEGREE_HINT matches (no group), and where
# HEADER_CELL_AFTER[","] does (group 1 ends it).  No place matches both (no header word starts like
# a degree), and neither match holds a second comma, so each finds what its own finditer finds.
COMMA_CUES = re.compile(rf",(?:(?={_DEGREE_HINT_TAIL})|(?=({_HEADER_WORD_START})))")


def _comma_cues(text: str, commas: dict) -> tuple[list[int], list[int]]:
    """The (starts, ends) of HEADER_CELL_AFTER[","] in ``text``; where DEGREE_HINT matches goes into
    ``commas["degree"]`` on the way, for _after_anchors (one scan of the commas instead of two, once
    the table pass needs them: a long prose line with commas is a "header row" for every hit in it)."""
    starts, ends, degree = [], [], []
    for m in COMMA_CUES.finditer(text):
        if m.lastindex:
            starts.append(m.start())
            ends.append(m.end(1))
        else:
            degree.append(m.start())
    commas["degree"] = degree
    return starts, ends


@lru_cache(maxsize=1024)  # (a table's header row recurs: the same form, export or template in many files)
def _person_column(header: str, sep: str) -> int | None:
    """Index of the first cell of a delimited header row that names people (Nama, Petugas ...), or None.

    Cells are counted as in :func:`_cell`: an empty piece before a leading or after a closing ``|``
    is no cell.
    """
    cells = [piece.strip() for piece in header.split(sep)]
    if sep == "|":
        if len(cells) > 1 and not cells[-1]:
            cells.pop()
        if cells and not cells[0]:
            del cells[0]
    for i, cell in enumerate(cells):
        # (a database export writes its headers in snake case: nama_lengkap, full_name)
        if PERSON_HEADER.fullmatch(cell.strip(" *_:").replace("_", " ")):
            return i
    return None


_TABLE_HIT = (0.7, "table")  # the (score, how) of a name in a table's name column
_NO_CELL = (False, None)  # _cell_name() of a cell without a name, and of a row too short for the column
_ROW_OPEN = re.compile(r"\s*+\|")  # blanks and a "|" opening a row


def _pipe_cell(text: str, la: int, lb: int, col: int) -> tuple[int, int] | None:
    """(start, end) of cell number ``col`` of the ``|`` row ``text[la:lb]``, blanks and all, or None when
    the row is shorter: an optional blank first piece and its ``|`` (what _cell skips), ``col`` cells
    with their ``|``, then the cell up to the next ``|`` or the row's end.  Its stripped text is what
    _cell finds whenever it holds a name (CELL_NAME holds no ``|`` and neither starts nor ends with a
    blank); str.find calls in place, no split of the row.
    """
    j = la
    if la < lb and (text[la] == "|" or text[la].isspace()):
        m = _ROW_OPEN.match(text, la, lb)
        if m:
            j = m.end()
    for _ in range(col):
        j = text.find("|", j, lb) + 1
        if not j:
            return None
    end = text.find("|", j, lb)
    return j, end if end >= 0 else lb


def _cell(line: str, sep: str, col: int) -> tuple[int, int] | None:
    """(start, end) of the stripped cell number ``col`` of a delimited row, or None when the row is shorter.

    An empty piece before a leading or after a closing ``|`` is no cell.  Only the pieces up to the
    cell are measured.
    """
    pieces = line.split(sep, col + 2)  # enough pieces for the cell (the rest of the row stays in the last one)
    i = col + (sep == "|" and not pieces[0].strip())  # a leading "|" opens the row: no cell before it
    if i >= len(pieces) or (sep == "|" and i == len(pieces) - 1 and not pieces[i].strip()):
        return None  # past the last cell, or on the empty piece after a closing "|" (the split was complete)
    pos = sum(map(len, pieces[:i])) + i  # each piece before it, and its separator
    piece = pieces[i]
    s = pos + (len(piece) - len(piece.lstrip()))
    return s, max(s, pos + len(piece.rstrip()))
