"""Pipeline benchmark: analysis throughput and one-draft cold start, dlp beside plain Presidio.

Prints, in one run, on the same inputs:

(a) **Analysis throughput** on very dense synthetic Indonesian administrative text
    (~1.5 MB: letters, invitations, participant lists and payroll notes with a
    NIK, NIP, NPWP, KK, phone number, e-mail, letter number, IP address,
    card number ... every ~60-90 characters; with the names, a finding every
    ~30 bytes), in MB/s:

    * ``dlp``: :class:`dlp.analyze.Analyzer` with all its recognizers, one
      call per document (as ``dlp scan`` does per file), and once more over
      the whole corpus as a single text (no quadratic blow-up allowed);
    * ``plain Presidio``: ``AnalyzerEngine`` as a team would set it up for
      Indonesian without a trained model: a spaCy NLP engine running
      ``spacy.blank("id")`` (tokenizer only; what the issue's 37-100 KB/s
      figure describes), Presidio's predefined recognizers loaded for
      ``id`` (those declaring no language list: e-mail, phone with its
      default 8 regions, IP, URL, IBAN, crypto, date, MAC, UUID, medical
      licence, spaCy NER), the default lemma context enhancer;
    * ``Presidio + no-op NLP``: the same recognizers with Presidio's
      ``NoOpNlpEngine`` (no tokenizer at all): the most generous baseline.

    Presidio is slow, so the baselines run on the first documents of the
    corpus (~120 KB); dlp runs on those same documents too, and the ratio is
    taken there.  Everything single-threaded, engine built beforehand; MB/s
    is per CPU second of the process (``time.process_time``: "per core", and
    stable when other work shares the machine), wall-clock beside it.
    tldextract is pointed at its bundled snapshot for both (no network).

(a2) **Density sweep**: the same kind of documents with 0, 1, 2 and 4 prose
    sentences after each line that holds a number, dlp beside plain Presidio
    on each.  The issue describes "dense Indonesian text" by plain Presidio's
    speed on it (37-100 KB/s); each row says whether it lies in that band.

(b) **Cold start** of a one-draft check: wall time of
    ``echo <1 KB draft> | dlp scan -`` (median of N fresh processes) beside a
    plain-Presidio one-shot script doing the same work (import, engine with
    ``spacy.blank("id")``, analyze), plus variants of dlp's start-up
    (``dlp._startup``: as installed, i.e. Presidio imported with spaCy
    stand-ins where the Presidio release is verified; tier 1 hooks only; no
    hooks; stand-ins forced; and with ``--jobs 1 --timeout 0``).

(c) **Where the cold start goes**: import, engine build, first call, the
    rest, measured inside fresh processes (median of N).

(d) **Where analysis time goes**: seconds per recognizer of dlp's engine
    over dense text, and the time outside the recognizers (normalization,
    context, overlap resolution, building findings).

Targets (issue 2): analysis >= 2 MB/s per core on dense text; cold
``echo ... | dlp scan -`` of a 1 KB draft <= 1.0 s.

Usage::

    python benchmarks/bench_pipeline.py [--runs 5] [--size-mb 1.5] [--json]

Synthetic data only.  Runs in about 1-2 minutes on the 2-core dev machine
(longer when the machine is busy: the load average is printed).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# -- synthetic dense Indonesian administrative text ------------------------------------
KOTA = [("3171", "Jakarta Pusat"), ("3273", "Kota Bandung"), ("3578", "Kota Surabaya"), ("1271", "Kota Medan"),
        ("3374", "Kota Semarang"), ("7371", "Kota Makassar"), ("5171", "Kota Denpasar"), ("3471", "Kota Yogyakarta")]
DEPAN = ["Budi", "Siti", "Agus", "Dewi", "Rina", "Joko", "Ahmad", "Nur", "Putri", "Hendra", "Wahyu", "Ratna",
         "Fajar", "Indah", "Yusuf", "Maya"]
BELAKANG = ["Santoso", "Rahmawati", "Wijaya", "Lestari", "Kusuma", "Susilo", "Hidayat", "Saputra", "Pratama",
            "Nugroho", "Siregar", "Nasution", "Harahap", "Wulandari"]
INSTANSI = ["Dinas Komunikasi dan Informatika", "Badan Kepegawaian dan Pengembangan SDM", "Dinas Kesehatan",
            "Dinas Pendidikan", "Badan Pengelolaan Keuangan Daerah", "Sekretariat Daerah", "Dinas Sosial",
            "Dinas Kependudukan dan Pencatatan Sipil"]
DOMAIN = ["bandung.go.id", "jakarta.go.id", "surabaya.go.id", "kominfo.go.id", "gmail.com", "yahoo.co.id"]
HAL = ["Undangan Rapat Koordinasi", "Permohonan Data Pegawai", "Laporan Pelaksanaan Kegiatan",
       "Pemberitahuan Jadwal Sosialisasi", "Usulan Kenaikan Pangkat", "Verifikasi Data Penerima Bantuan"]
KODE = ["KU.01", "KP.02", "PR.03", "HK.01", "OT.01", "UM.02", "PS.01"]
BULAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
FILLER = [
    "Sehubungan dengan pelaksanaan program kerja tahun anggaran berjalan, kami mohon kehadiran Saudara.",
    "Demikian disampaikan, atas perhatian dan kerja samanya diucapkan terima kasih.",
    "Data tersebut agar diverifikasi kembali oleh bidang terkait sebelum batas waktu yang ditentukan.",
    "Kegiatan dilaksanakan di ruang rapat lantai 3 dengan tetap memperhatikan tata tertib kantor.",
    "Berkas kelengkapan administrasi diserahkan kepada subbagian umum dan kepegawaian.",
    "Untuk informasi lebih lanjut dapat menghubungi narahubung di bawah ini.",
]


def _luhn_complete(prefix: str, rng: random.Random, length: int = 16) -> str:
    digits = prefix + "".join(str(rng.randint(0, 9)) for _ in range(length - len(prefix) - 1))
    total = 0
    for i, d in enumerate(reversed(digits)):
        n = int(d)
        if i % 2 == 0:
            n = n * 2 - 9 if n * 2 > 9 else n * 2
        total += n
    return digits + str((10 - total % 10) % 10)


class Gen:
    """Makes structurally valid synthetic identifiers (nothing real)."""

    def __init__(self, seed: int = 2):
        self.r = random.Random(seed)

    def name(self):
        return f"{self.r.choice(DEPAN)} {self.r.choice(BELAKANG)}"

    def nik(self):
        region = self.r.choice(KOTA)[0] + f"{self.r.randint(1, 30):02d}"
        day = self.r.randint(1, 28) + (40 if self.r.random() < 0.5 else 0)
        return f"{region}{day:02d}{self.r.randint(1, 12):02d}{self.r.randint(60, 99):02d}{self.r.randint(1, 2999):04d}"

    def kk(self):
        region = self.r.choice(KOTA)[0] + f"{self.r.randint(1, 30):02d}"
        return f"{region}{self.r.randint(1, 28):02d}{self.r.randint(1, 12):02d}{self.r.randint(10, 23):02d}{self.r.randint(1, 99):04d}"

    def nip(self):
        y = self.r.randint(1965, 1998)
        return (f"{y}{self.r.randint(1, 12):02d}{self.r.randint(1, 28):02d} "
                f"{y + self.r.randint(22, 30)}{self.r.randint(1, 12):02d} {self.r.randint(1, 2)} "
                f"{self.r.randint(1, 999):03d}")

    def npwp(self):
        d = [self.r.randint(0, 9) for _ in range(15)]
        return f"{d[0]}{d[1]}.{d[2]}{d[3]}{d[4]}.{d[5]}{d[6]}{d[7]}.{d[8]}-{d[9]}{d[10]}{d[11]}.{d[12]}{d[13]}{d[14]}"

    def phone(self):
        a = self.r.choice(["0812", "0813", "0821", "0857", "0878", "0896"])
        if self.r.random() < 0.3:
            return f"+62 {a[1:]}-{self.r.randint(1000, 9999)}-{self.r.randint(1000, 9999)}"
        if self.r.random() < 0.2:
            return f"(022) {self.r.randint(200, 799)}{self.r.randint(1000, 9999)}"
        return f"{a}-{self.r.randint(1000, 9999)}-{self.r.randint(1000, 9999)}"

    def email(self, name=None):
        name = name or self.name()
        user = name.lower().replace(" ", self.r.choice([".", "_", ""]))
        return f"{user}{self.r.randint(1, 99) if self.r.random() < 0.4 else ''}@{self.r.choice(DOMAIN)}"

    def letter(self):
        code = self.r.choice(["B", "R", "T", "SR", "B", "B"])
        return (f"{code}-{self.r.randint(1, 999)}/{self.r.choice(KODE)}/{self.r.choice(BULAN)}/"
                f"{self.r.randint(2021, 2025)}")

    def ip(self):
        if self.r.random() < 0.6:
            return f"10.{self.r.randint(0, 255)}.{self.r.randint(0, 255)}.{self.r.randint(1, 254)}"
        return f"{self.r.randint(11, 223)}.{self.r.randint(0, 255)}.{self.r.randint(0, 255)}.{self.r.randint(1, 254)}"

    def card(self):
        c = _luhn_complete(self.r.choice(["4", "51", "52", "37"]), self.r)
        return " ".join(c[i:i + 4] for i in range(0, 16, 4))

    def passport(self):
        return f"{self.r.choice('ABCX')}{self.r.randint(1000000, 9999999)}"

    # -- documents ---------------------------------------------------------------------
    def letter_doc(self) -> str:
        kota = self.r.choice(KOTA)[1]
        n = self.name()
        lines = [
            f"Nomor   : {self.letter()}", "Sifat   : Segera", "Lampiran: 1 (satu) berkas",
            f"Hal     : {self.r.choice(HAL)}", "",
            f"Yth. Kepala {self.r.choice(INSTANSI)}", f"di {kota}", "",
            self.r.choice(FILLER), "Peserta yang diundang sebagai berikut:",
        ]
        for i in range(1, self.r.randint(6, 12)):
            p = self.name()
            lines.append(f"{i}. {p}, NIP {self.nip()}, NIK {self.nik()}, HP {self.phone()}, surel {self.email(p)}")
        lines += [self.r.choice(FILLER), f"Narahubung: {n} ({self.phone()}, {self.email(n)}).",
                  f"Server absensi daring: {self.ip()}.", self.r.choice(FILLER), "",
                  f"Kepala {self.r.choice(INSTANSI)},", "", n, f"NIP {self.nip()}", ""]
        return "\n".join(lines)

    def payroll_doc(self) -> str:
        lines = ["DAFTAR PENERIMA TUNJANGAN (TERBATAS)", "No | Nama | NIK | No. KK | NPWP | Rekening/Kartu | Telp"]
        for i in range(1, self.r.randint(10, 20)):
            lines.append(f"{i} | {self.name()} | {self.nik()} | {self.kk()} | {self.npwp()} | {self.card()} | "
                         f"{self.phone()}")
        lines += [self.r.choice(FILLER), f"Paspor pendamping perjalanan dinas: {self.passport()}.", ""]
        return "\n".join(lines)

    def corpus(self, size_bytes: int) -> list[str]:
        docs, total = [], 0
        while total < size_bytes:
            d = self.letter_doc() if self.r.random() < 0.6 else self.payroll_doc()
            docs.append(d)
            total += len(d.encode("utf-8"))
        return docs

    def dilute(self, doc: str, k: float) -> str:
        """``doc`` with ``k`` prose sentences after each line that holds a number: the same
        identifiers, less densely packed (a letter with explanatory text between its lists).
        A fractional ``k`` spreads its sentences evenly (0.5: one after every other such line)."""
        if not k:
            return doc
        out, owed = [], 0.0
        for line in doc.split("\n"):
            out.append(line)
            if any(c.isdigit() for c in line):
                owed += k
                n = int(owed + 1e-9)
                if n:
                    owed -= n
                    out.append(" ".join(self.r.choice(FILLER) for _ in range(n)))
        return "\n".join(out)

    def draft_1kb(self) -> str:
        n = self.name()
        text = (f"Yth. Bapak/Ibu Humas,\nBerikut draf siaran pers kegiatan vaksinasi di {self.r.choice(KOTA)[1]}. "
                f"{self.r.choice(FILLER)} Untuk konfirmasi hubungi {n} di {self.phone()} atau {self.email(n)}. "
                f"Data peserta: {self.name()} NIK {self.nik()}. {self.r.choice(FILLER)} ")
        while len(text) < 1000:
            text += self.r.choice(FILLER) + " "
        return text[:1024]


# -- helpers ----------------------------------------------------------------------------
# One document of each kind, analyzed before any timing: one-time costs (regexes compiled on
# first use, the public-suffix trie built for the first e-mail address) stay out of the figures.
WARM_TEXT = Gen(99).letter_doc() + "\n" + Gen(98).payroll_doc()


def warm(analyzer) -> None:
    from dlp.models import Chunk

    analyzer.analyze([Chunk(WARM_TEXT)])


def _mb(n_bytes: int) -> float:
    return n_bytes / 1e6


def offline_tldextract() -> None:
    """Make Presidio's stock e-mail recognizer use tldextract's bundled snapshot (no network)."""
    import tldextract

    ex = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)
    tldextract.extract = ex


def plain_presidio(nlp: str = "blank"):
    """Plain Presidio for Indonesian: see the module docstring."""
    import logging

    offline_tldextract()
    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import NoOpNlpEngine, SpacyNlpEngine

    if nlp == "blank":
        import spacy

        engine_nlp = SpacyNlpEngine(models=[{"lang_code": "id", "model_name": "blank:id"}])
        engine_nlp.nlp = {"id": spacy.blank("id")}
    else:
        engine_nlp = NoOpNlpEngine(models=[{"lang_code": "id", "model_name": "none"}])
        engine_nlp.load()
    registry = RecognizerRegistry(supported_languages=["id"])
    registry.load_predefined_recognizers(languages=["id"], nlp_engine=engine_nlp)
    return AnalyzerEngine(registry=registry, nlp_engine=engine_nlp, supported_languages=["id"])


def forget_numbers() -> None:
    """Empty dlp's caches keyed by a whole identifier (a NIK's check, an e-mail's domain), so a
    repeated timing pass pays what a document never seen before pays.  Caches keyed by what real
    documents share (region codes, label spellings, number layouts) stay warm, as in a long scan."""
    from dlp.classifiers import _digits, email_ip_recognizers

    for fn in (_digits.check_nik, _digits.check_kk, _digits.check_nip, email_ip_recognizers.valid_domain):
        fn.cache_clear()
    _digits._last = None


def _time(fn) -> float:
    """CPU seconds of this process spent in ``fn`` (what "per core" means; robust to a busy machine)."""
    t = time.process_time()
    fn()
    return time.process_time() - t


def _wall_time(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def throughput(size_mb: float, baseline_kb: int) -> dict:
    from dlp.analyze import Analyzer
    from dlp.models import Chunk

    gen = Gen()
    docs = gen.corpus(int(size_mb * 1e6))
    total = sum(len(d.encode("utf-8")) for d in docs)
    sub, sub_bytes = [], 0
    for d in docs:
        if sub_bytes >= baseline_kb * 1000:
            break
        sub.append(d)
        sub_bytes += len(d.encode("utf-8"))

    t = time.perf_counter()
    analyzer = Analyzer()
    dlp_build = time.perf_counter() - t
    warm(analyzer)
    n_findings = 0

    def run_docs(ds):
        nonlocal n_findings
        n_findings = 0
        for d in ds:
            n_findings += len(analyzer.analyze([Chunk(d)]))

    t_wall = time.perf_counter()
    dlp_full = _time(lambda: run_docs(docs))
    dlp_full_wall = time.perf_counter() - t_wall
    dlp_full_findings = n_findings
    dlp_sub = min(_time(lambda: (forget_numbers(), run_docs(sub))) for _ in range(2))
    dlp_sub_findings = n_findings
    joined = "\n\n".join(docs)
    forget_numbers()
    dlp_one = _time(lambda: analyzer.analyze([Chunk(joined)]))

    rows = {"corpus_bytes": total, "documents": len(docs), "baseline_bytes": sub_bytes,
            "baseline_documents": len(sub), "dlp_engine_build_s": dlp_build,
            "dlp_docs_mb_s": _mb(total) / dlp_full, "dlp_docs_wall_mb_s": _mb(total) / dlp_full_wall,
            "dlp_findings": dlp_full_findings,
            "dlp_one_text_mb_s": _mb(len(joined.encode("utf-8"))) / dlp_one,
            "dlp_subset_mb_s": _mb(sub_bytes) / dlp_sub, "dlp_subset_findings": dlp_sub_findings}
    for nlp in ("blank", "noop"):
        engine = plain_presidio(nlp)
        engine.analyze(WARM_TEXT, language="id")
        count = 0

        def run_plain():
            nonlocal count
            count = 0
            for d in sub:
                count += len(engine.analyze(d, language="id"))

        secs = _time(run_plain)
        rows[f"presidio_{nlp}_mb_s"] = _mb(sub_bytes) / secs
        rows[f"presidio_{nlp}_findings"] = count
        rows[f"ratio_vs_presidio_{nlp}"] = rows["dlp_subset_mb_s"] / rows[f"presidio_{nlp}_mb_s"]
    return rows


DILUTIONS = (0, 0.5, 1, 2, 4)


def density_sweep(baseline_kb: int, dilutions=DILUTIONS) -> list[dict]:
    """dlp and plain Presidio on the same documents at several densities.

    The issue describes its "dense Indonesian text" by plain Presidio's speed on
    it (37-100 KB/s here); Presidio slows as findings get denser (its context
    enhancer walks the tokens for every result), so each row says where it falls.
    """
    from dlp.analyze import Analyzer
    from dlp.models import Chunk

    analyzer = Analyzer()
    presidio = plain_presidio("blank")
    sets = {}
    for k in dilutions:
        gen = Gen(11)
        docs = [gen.dilute(d, k) for d in gen.corpus(baseline_kb * 1000 // 2)]
        sets[k] = (docs, sum(len(d.encode("utf-8")) for d in docs))
    warm(analyzer)
    presidio.analyze(WARM_TEXT, language="id")
    found = {k: sum(len(analyzer.analyze([Chunk(d)])) for d in docs) for k, (docs, _) in sets.items()}
    # Best of 5 passes, each as if the documents were new; the densities take turns within each
    # round, so a slow spell of this shared machine hits them all alike instead of one row.
    dlp_s = {k: float("inf") for k in sets}
    for _ in range(5):
        for k, (docs, _) in sets.items():
            dlp_s[k] = min(dlp_s[k], _time(lambda: (forget_numbers(), [analyzer.analyze([Chunk(d)]) for d in docs])))
    # Presidio's speed decides which rows are in the band: best of 3, in turns as well.
    pres_s = {k: float("inf") for k in sets}
    for _ in range(3):
        for k, (docs, _) in sets.items():
            pres_s[k] = min(pres_s[k], _time(lambda: [presidio.analyze(d, language="id") for d in docs]))
    rows = []
    for k, (docs, size) in sets.items():
        rows.append({"prose_sentences_per_number_line": k, "bytes": size, "dlp_findings": found[k],
                     "bytes_per_finding": size / max(found[k], 1), "dlp_mb_s": _mb(size) / dlp_s[k],
                     "presidio_blank_kb_s": size / 1e3 / pres_s[k], "ratio": pres_s[k] / dlp_s[k]})
    return rows


def band_edge(rows: list[dict], edge_kb_s: float = 37.0) -> tuple[float, float, float] | None:
    """dlp's MB/s where plain Presidio runs at ``edge_kb_s`` (the dense end of the issue's band),
    interpolated linearly between the two sweep rows around it: (MB/s, k below, k above)."""
    pts = sorted((r["presidio_blank_kb_s"], r["dlp_mb_s"], r["prose_sentences_per_number_line"]) for r in rows)
    for (p0, d0, k0), (p1, d1, k1) in zip(pts, pts[1:]):
        if p0 <= edge_kb_s <= p1 and p1 > p0:
            return d0 + (d1 - d0) * (edge_kb_s - p0) / (p1 - p0), k0, k1
    return None


def recognizer_profile(size_kb: int) -> dict:
    """Seconds spent in each recognizer of dlp's engine over dense text (and the rest of the call)."""
    from dlp.analyze import Analyzer
    from dlp.models import Chunk

    docs, total = [], 0
    for d in Gen(3).corpus(size_kb * 1000):
        docs.append(d)
        total += len(d.encode("utf-8"))
    analyzer = Analyzer()
    warm(analyzer)
    spent: dict[str, float] = {}
    originals = []
    for rec in analyzer.engine.registry.recognizers:
        orig = rec.analyze

        def timed(*a, _orig=orig, _name=rec.name, **k):
            t = time.perf_counter()
            try:
                return _orig(*a, **k)
            finally:
                spent[_name] = spent.get(_name, 0.0) + time.perf_counter() - t

        originals.append((rec, orig))
        rec.analyze = timed
    try:
        t = time.perf_counter()
        for d in docs:
            analyzer.analyze([Chunk(d)])
        wall = time.perf_counter() - t
    finally:
        for rec, orig in originals:
            rec.analyze = orig
    rows = sorted(spent.items(), key=lambda kv: -kv[1])
    return {"bytes": total, "wall_s": wall, "recognizers": dict(rows),
            "outside_recognizers_s": wall - sum(spent.values())}


# -- cold start ---------------------------------------------------------------------------
PLAIN_ONESHOT = """
import sys, logging
import tldextract
tldextract.extract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)
logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
from presidio_analyzer.nlp_engine import SpacyNlpEngine
import spacy
nlp = SpacyNlpEngine(models=[{"lang_code": "id", "model_name": "blank:id"}])
nlp.nlp = {"id": spacy.blank("id")}
reg = RecognizerRegistry(supported_languages=["id"])
reg.load_predefined_recognizers(languages=["id"], nlp_engine=nlp)
engine = AnalyzerEngine(registry=reg, nlp_engine=nlp, supported_languages=["id"])
text = sys.stdin.read()
for r in engine.analyze(text, language="id"):
    print(r.entity_type, r.start, r.end)
"""

WITH_HOOK = "import sys; from dlp import _startup; _startup.install(); from dlp.cli import main; sys.exit(main())"


def _env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "DLP_NO_FAST_START", "DLP_STUB_SPACY")}
    env.update(extra)
    return env


def _children_cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def _wall(cmd: list[str], stdin: bytes, env: dict, runs: int) -> tuple[float, float, float, int]:
    """Median wall, min wall and median CPU (user+sys, the process and the children it waited for)."""
    times, cpus, rc = [], [], 0
    for _ in range(runs):
        c = _children_cpu()
        t = time.perf_counter()
        proc = subprocess.run(cmd, input=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        times.append(time.perf_counter() - t)
        cpus.append(_children_cpu() - c)
        rc = proc.returncode
        if rc not in (0, 1):
            nan = float("nan")
            return nan, nan, nan, rc
    return statistics.median(times), min(times), statistics.median(cpus), rc


def _hook_wired() -> bool:
    """Is dlp._startup.install() called by importing the CLI (the one-line hook in place)?"""
    code = "import dlp.cli, dlp._startup as s; print(bool(s._INSTALLED))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=_env())
    return out.stdout.strip() == "True"


def cold_start(runs: int) -> dict:
    draft = Gen(7).draft_1kb().encode("utf-8")
    dlp_cmd = [os.path.join(os.path.dirname(sys.executable), "dlp")]
    if not os.path.exists(dlp_cmd[0]):
        dlp_cmd = [sys.executable, "-m", "dlp"]
    wired = _hook_wired()
    hook_cmd = (dlp_cmd if wired else [sys.executable, "-c", WITH_HOOK]) + ["scan", "-"]
    via = "" if wired else " (via -c)"
    variants = [
        ("python -c pass", [sys.executable, "-c", "pass"], _env()),
        ("plain Presidio one-shot (blank id)", [sys.executable, "-c", PLAIN_ONESHOT], _env()),
        ("dlp scan - (as installed: spaCy stand-in where verified)", dlp_cmd + ["scan", "-"], _env()),
        ("dlp scan -, tier 1 hooks only (DLP_STUB_SPACY=0)", hook_cmd, _env(DLP_STUB_SPACY="0")),
        ("dlp scan -, start-up hooks off (DLP_NO_FAST_START=1)", dlp_cmd + ["scan", "-"], _env(DLP_NO_FAST_START="1")),
        ("dlp scan -, stand-in forced (DLP_STUB_SPACY=1)" + via, hook_cmd, _env(DLP_STUB_SPACY="1")),
        ("dlp scan -, as installed, --jobs 1 --timeout 0" + via, hook_cmd + ["--jobs", "1", "--timeout", "0"], _env()),
    ]
    # Round-robin over the variants, so a change of machine load hits them all alike.
    samples = {label: ([], [], 0) for label, _, _ in variants}
    for _ in range(runs):
        for label, cmd, env in variants:
            walls, cpus, rc = samples[label]
            if rc not in (0, 1):
                continue  # failed before: skip
            _, wall, cpu, rc = _wall(cmd, draft, env, 1)
            walls.append(wall)
            cpus.append(cpu)
            samples[label] = (walls, cpus, rc)
    rows = []
    for label, _, _ in variants:
        walls, cpus, rc = samples[label]
        ok = rc in (0, 1) and walls
        nan = float("nan")
        rows.append({"variant": label, "median_s": statistics.median(walls) if ok else nan,
                     "min_s": min(walls) if ok else nan, "cpu_s": statistics.median(cpus) if ok else nan,
                     "exit": rc})
    plain = rows[1]["median_s"]
    for r in rows:
        r["vs_plain_presidio"] = r["median_s"] / plain if plain == plain and r["median_s"] == r["median_s"] else None
    return {"draft_bytes": len(draft), "runs": runs, "hook_wired": wired, "rows": rows}


BREAKDOWN_DLP = """
import json, sys, time
t0 = time.perf_counter()
if sys.argv[1] != "off":
    from dlp import _startup; _startup.install(stub_spacy=None if sys.argv[1] == "default" else False)
import dlp.cli  # typer, the CLI (installs the hooks itself unless DLP_NO_FAST_START=1; the first call decides)
t1 = time.perf_counter()
import presidio_analyzer
if sys.argv[1] != "default":
    import spacy  # no-op when presidio already imported it
t2 = time.perf_counter()
from dlp.analyze import get_engine
from dlp.extract import extract_bytes
from dlp.pipeline import Scanner
from dlp.policy import Policy
engine = get_engine()
t3 = time.perf_counter()
scanner = Scanner(policy=Policy.default())
data = sys.stdin.buffer.read()
result = scanner.scan_bytes(data, "-")
t4 = time.perf_counter()
from dlp.models import Report
from dlp.report import render
render(Report([result]), "text")
t5 = time.perf_counter()
print(json.dumps({"cpu": time.process_time(), "import dlp.cli (typer, core)": t1 - t0, "import presidio_analyzer (+spaCy)": t2 - t1,
                  "engine build (recognizers)": t3 - t2, "first scan (sniff, extract, analyze, policy)": t4 - t3,
                  "render text report": t5 - t4}))
"""

BREAKDOWN_PLAIN = """
import json, sys, time, logging
t0 = time.perf_counter()
import tldextract
tldextract.extract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)
logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
from presidio_analyzer.nlp_engine import SpacyNlpEngine
import spacy
t1 = time.perf_counter()
nlp = SpacyNlpEngine(models=[{"lang_code": "id", "model_name": "blank:id"}])
nlp.nlp = {"id": spacy.blank("id")}
reg = RecognizerRegistry(supported_languages=["id"])
reg.load_predefined_recognizers(languages=["id"], nlp_engine=nlp)
engine = AnalyzerEngine(registry=reg, nlp_engine=nlp, supported_languages=["id"])
t2 = time.perf_counter()
engine.analyze(sys.stdin.read(), language="id")
t3 = time.perf_counter()
print(json.dumps({"cpu": time.process_time(), "import presidio_analyzer (+spaCy)": t1 - t0, "engine build (blank id + predefined)": t2 - t1,
                  "first analyze call": t3 - t2}))
"""


def breakdown(runs: int) -> dict:
    draft = Gen(7).draft_1kb().encode("utf-8")
    out = {}
    for label, code, arg, env in (
            ("plain Presidio", BREAKDOWN_PLAIN, None, _env()),
            ("dlp, hooks off", BREAKDOWN_DLP, "off", _env(DLP_NO_FAST_START="1")),
            ("dlp, tier 1 hooks only", BREAKDOWN_DLP, "tier1", _env(DLP_STUB_SPACY="0")),
            ("dlp, as installed (stand-in)", BREAKDOWN_DLP, "default", _env())):
        samples = []
        for _ in range(runs):
            cmd = [sys.executable, "-c", code] + ([arg] if arg else [])
            proc = subprocess.run(cmd, input=draft, capture_output=True, env=env)
            if proc.returncode != 0:
                samples = None
                out[label] = {"error": proc.stderr.decode(errors="replace")[-400:]}
                break
            samples.append(json.loads(proc.stdout.decode().strip().splitlines()[-1]))
        if samples:
            out[label] = {k: statistics.median(s[k] for s in samples) for k in samples[0]}
    return out


# -- printing ----------------------------------------------------------------------------
def _fmt_table(rows: list[list[str]], head: list[str]) -> str:
    widths = [max(len(str(x)) for x in col) for col in zip(head, *rows)]
    line = lambda r: "  ".join(str(x).ljust(w) if i == 0 else str(x).rjust(w) for i, (x, w) in enumerate(zip(r, widths)))
    return "\n".join([line(head), line(["-" * w for w in widths])] + [line(r) for r in rows])


def print_report(res: dict) -> None:
    print(f"dlp pipeline benchmark   python {sys.version.split()[0]}, {os.cpu_count()} cores, "
          f"load average at start {res['load_start']:.2f}, at end {res['load_end']:.2f}")
    t = res.get("throughput")
    if t:
        print(f"\n(a) Analysis throughput, dense synthetic Indonesian text: {t['documents']} documents, "
              f"{t['corpus_bytes'] / 1e6:.2f} MB; baselines on the first {t['baseline_documents']} "
              f"({t['baseline_bytes'] / 1e3:.0f} KB)")
        rows = [
            ["dlp Analyzer, per document (whole corpus)", f"{t['dlp_docs_mb_s']:.2f}", f"{t['dlp_findings']}",
             f"wall: {t['dlp_docs_wall_mb_s']:.2f} MB/s"],
            ["dlp Analyzer, whole corpus as one text", f"{t['dlp_one_text_mb_s']:.2f}", "", ""],
            ["dlp Analyzer, per document (baseline subset)", f"{t['dlp_subset_mb_s']:.2f}",
             f"{t['dlp_subset_findings']}", "1.00x"],
            ["plain Presidio (spaCy blank 'id'), same subset", f"{t['presidio_blank_mb_s']:.3f}",
             f"{t['presidio_blank_findings']}", f"dlp {t['ratio_vs_presidio_blank']:.1f}x faster"],
            ["Presidio + NoOp NLP engine, same subset", f"{t['presidio_noop_mb_s']:.3f}",
             f"{t['presidio_noop_findings']}", f"dlp {t['ratio_vs_presidio_noop']:.1f}x faster"],
        ]
        print(_fmt_table(rows, ["analyzer (single thread)", "MB/s (CPU)", "findings", "ratio"]))
        ok = t["dlp_docs_mb_s"] >= 2.0
        print(f"target >= 2 MB/s per core: {'met' if ok else 'NOT met'} ({t['dlp_docs_mb_s']:.2f} MB/s); "
              f"dlp engine build {t['dlp_engine_build_s']:.2f} s (in-process, imports included)")
    sw = res.get("sweep")
    if sw:
        print("\n(a2) Density sweep: the same kind of documents with k prose sentences after each line that holds "
              "a number;\n     the issue's \"dense text\" is where plain Presidio runs at 37-100 KB/s")
        rows = []
        for r in sw:
            band = "in the issue's band" if 37 <= r["presidio_blank_kb_s"] <= 100 else (
                "denser than the band" if r["presidio_blank_kb_s"] < 37 else "sparser than the band")
            rows.append([f"k = {r['prose_sentences_per_number_line']}", f"{r['bytes'] / 1e3:.0f} KB",
                         f"{r['bytes_per_finding']:.0f}", f"{r['dlp_mb_s']:.2f}",
                         f"{r['presidio_blank_kb_s']:.0f}", f"dlp {r['ratio']:.1f}x faster", band,
                         "met" if r["dlp_mb_s"] >= 2.0 else "NOT met"])
        print(_fmt_table(rows, ["density", "text", "bytes/finding", "dlp MB/s (CPU)", "Presidio KB/s (CPU)",
                                "ratio", "where", ">= 2 MB/s"]))
        edge = band_edge(sw)
        if edge is None:
            print("the band's dense edge (plain Presidio at 37 KB/s) lies outside the densities measured")
        else:
            mb_s, lo, hi = edge
            print(f"at the band's dense edge (plain Presidio at 37 KB/s; interpolated between k = {lo} and k = {hi}): "
                  f"dlp {mb_s:.2f} MB/s, target >= 2 MB/s {'met' if mb_s >= 2.0 else 'NOT met'}")
    c = res.get("cold")
    if c:
        print(f"\n(b) Cold start: `echo <{c['draft_bytes']} B draft> | ... scan -`, median (min) of {c['runs']} "
              f"fresh processes; one-line start-up hook {'in place' if c['hook_wired'] else 'NOT wired yet (rows marked via -c run it by hand)'}")
        rows = []
        for r in c["rows"]:
            ratio = f"{r['vs_plain_presidio']:.2f}x" if r["vs_plain_presidio"] is not None else "-"
            rows.append([r["variant"], f"{r['median_s']:.2f}", f"{r['min_s']:.2f}", f"{r['cpu_s']:.2f}", ratio])
        print(_fmt_table(rows, ["command", "wall median s", "wall min s", "CPU median s", "wall vs plain Presidio"]))
        inst = c["rows"][2]
        print(f"target <= 1.0 s: {'met' if inst['median_s'] <= 1.0 else 'NOT met'} as installed "
              f"({inst['median_s']:.2f} s wall, {inst['cpu_s']:.2f} s CPU). "
              f"On a busy machine (load > cores) wall time is inflated; CPU time is what it would take idle.")
    p = res.get("profile")
    if p:
        print(f"\n(d) Time per recognizer of dlp's engine over {p['bytes'] / 1e3:.0f} KB of the dense text "
              f"(wall {p['wall_s']:.2f} s = {p['bytes'] / 1e6 / p['wall_s']:.2f} MB/s)")
        rows = [[name, f"{secs:.3f}", f"{100 * secs / p['wall_s']:.0f}%",
                 f"{p['bytes'] / 1e6 / secs:.1f}" if secs else "-"] for name, secs in p["recognizers"].items()]
        rows.append(["(outside recognizers: normalize, context, overlaps, findings)", f"{p['outside_recognizers_s']:.3f}",
                     f"{100 * p['outside_recognizers_s'] / p['wall_s']:.0f}%", ""])
        print(_fmt_table(rows, ["recognizer", "seconds", "share", "MB/s alone"]))
    b = res.get("breakdown")
    if b:
        print(f"\n(c) Where a cold one-draft check goes (median of {max(3, res['runs'] // 2)} fresh processes, wall seconds "
              f"per phase; python start-up ~{c['rows'][0]['median_s']:.2f} s not included)" if c else "\n(c) Breakdown")
        for label, phases in b.items():
            if "error" in phases:
                print(f"  {label}: failed: {phases['error']}")
                continue
            cpu = phases.get("cpu", float("nan"))
            phases = {k: v for k, v in phases.items() if k != "cpu"}
            total = sum(phases.values())
            parts = ", ".join(f"{k} {v:.2f}" for k, v in phases.items())
            print(f"  {label:28s} wall {total:.2f} (CPU {cpu:.2f}): {parts}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=5, help="fresh processes per cold-start variant (median)")
    ap.add_argument("--size-mb", type=float, default=1.5, help="size of the dense corpus")
    ap.add_argument("--baseline-kb", type=int, default=120, help="part of the corpus given to plain Presidio")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--profile-kb", type=int, default=300, help="text for the per-recognizer profile")
    ap.add_argument("--skip", default="", help="comma-separated parts to skip: throughput,sweep,cold,profile,breakdown")
    args = ap.parse_args(argv)
    skip = set(filter(None, args.skip.split(",")))
    res: dict = {"runs": args.runs, "load_start": os.getloadavg()[0]}
    if "throughput" not in skip:
        res["throughput"] = throughput(args.size_mb, args.baseline_kb)
    if "sweep" not in skip:
        res["sweep"] = density_sweep(args.baseline_kb)
    if "cold" not in skip:
        res["cold"] = cold_start(args.runs)
    if "profile" not in skip:
        res["profile"] = recognizer_profile(args.profile_kb)
    if "breakdown" not in skip:
        res["breakdown"] = breakdown(max(3, args.runs // 2))
    res["load_end"] = os.getloadavg()[0]
    if args.json:
        print(json.dumps(res, indent=2))
    else:
        print_report(res)
    return 0


if __name__ == "__main__":
    sys.exit(main())
