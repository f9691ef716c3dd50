"""Batch sweep benchmark: files/s and MB/s for --jobs 1 and --jobs 2, and plain Presidio on the same text.

Generates a folder of mixed synthetic files (text, CSV, Markdown, PDF, DOCX,
XLSX, PNG images) in a temporary directory, then, in one run:

1. sweeps it with the batch pool (:func:`dlp.batch.scan_tasks`, the code
   path of ``dlp scan FOLDER --jobs N``) at ``--jobs 1`` (one worker process:
   the CLI's default time limit is on) and ``--jobs 2``, the engine built once
   beforehand (its build time is printed separately);
2. extracts the text of the first files (``--text-mb``, 1 MB) and runs,
   single-process over that same text, (a) dlp's analyzer and (b) plain
   Presidio: an ``AnalyzerEngine`` with a no-op NLP engine and the default
   predefined recognizers for English (what a team would get from
   ``pip install presidio-analyzer`` without a spaCy model), to put dlp's
   speed beside the stock tool's.

The machine should be otherwise idle: with other work on its cores the
``--jobs`` scaling says more about the neighbours than about dlp.

Usage::

    python benchmarks/bench_batch.py [--files 1200] [--keep DIR] [--jobs 1,2] [--repeat 2] [--text-mb 1]

Synthetic data only: the identifiers are made up by a simple generator.
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

WORDS = ("laporan kegiatan dinas komunikasi informatika kota kabupaten pelayanan publik masyarakat "
         "anggaran tahun program rapat koordinasi kepala bidang surat undangan pengumuman jadwal "
         "sosialisasi peserta kecamatan kelurahan warga bantuan sosial data penerima pegawai").split()
NAMES = ("Budi Santoso", "Siti Rahmawati", "Agus Wijaya", "Dewi Lestari", "Rina Kusuma", "Joko Susilo")


def nik(rng: random.Random) -> str:
    day = rng.randint(1, 28) + (40 if rng.random() < 0.5 else 0)
    return f"{rng.choice(['3171', '3273', '3578', '1271'])}{rng.randint(1, 40):02d}{day:02d}" \
           f"{rng.randint(1, 12):02d}{rng.randint(60, 99):02d}{rng.randint(1, 999):04d}"


def sentence(rng: random.Random, pii: float = 0.15) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 16))]
    if rng.random() < pii:
        kind = rng.randrange(4)
        words.append({0: f"NIK {nik(rng)}",
                      1: f"telp 0812-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}",
                      2: f"email {rng.choice(['budi', 'siti', 'humas'])}{rng.randint(1, 99)}@contoh.go.id",
                      3: f"a.n. {rng.choice(NAMES)}"}[kind])
    return " ".join(words).capitalize() + "."


def paragraph(rng: random.Random, n: int) -> str:
    return " ".join(sentence(rng) for _ in range(n))


def make_pdf(rng, path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=10)
    for _ in range(rng.randint(1, 3)):
        pdf.add_page()
        pdf.multi_cell(0, 5, paragraph(rng, 25))
    pdf.output(str(path))


def make_docx(rng, path):
    import docx

    d = docx.Document()
    for _ in range(rng.randint(3, 8)):
        d.add_paragraph(paragraph(rng, 4))
    d.save(str(path))


def make_xlsx(rng, path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    ws.append(["Nama", "NIK", "Telepon", "Keterangan"])
    for _ in range(rng.randint(10, 40)):
        ws.append([rng.choice(NAMES), nik(rng), f"0812{rng.randint(10000000, 99999999)}", rng.choice(WORDS)])
    wb.save(str(path))


def make_png(rng, path):
    from PIL import Image, ImageDraw

    img = Image.new("L", (360, 90), 255)
    dr = ImageDraw.Draw(img)
    dr.text((8, 10), f"Pengumuman {rng.choice(WORDS)}", fill=0)
    dr.text((8, 40), f"NIK {nik(rng)}", fill=0)
    img.save(str(path))


def generate(root: Path, n: int, seed: int = 7) -> dict[str, int]:
    """``n`` mixed files under ``root``: about 56% text (txt, md, csv), 18% PDF, 12% DOCX, 10% XLSX, 4% PNG.

    Images are few because each costs an OCR run (a quarter to a few seconds),
    which would otherwise be all the benchmark measures.
    """
    rng = random.Random(seed)
    kinds = {"txt": 0, "md": 0, "csv": 0, "pdf": 0, "docx": 0, "xlsx": 0, "png": 0}
    for i in range(n):
        folder = root / f"batch{i % 10:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        r = rng.random()
        if r < 0.36:
            kind = "txt"
            (folder / f"draft{i:05d}.txt").write_text(paragraph(rng, rng.randint(5, 120)), encoding="utf-8")
        elif r < 0.46:
            kind = "md"
            (folder / f"post{i:05d}.md").write_text("# " + sentence(rng, 0) + "\n\n" + paragraph(rng, 30),
                                                    encoding="utf-8")
        elif r < 0.56:
            kind = "csv"
            rows = ["nama,nik,kecamatan"] + [f"{rng.choice(NAMES)},{nik(rng)},{rng.choice(WORDS)}"
                                             for _ in range(rng.randint(5, 60))]
            (folder / f"data{i:05d}.csv").write_text("\n".join(rows), encoding="utf-8")
        elif r < 0.74:
            kind = "pdf"
            make_pdf(rng, folder / f"doc{i:05d}.pdf")
        elif r < 0.86:
            kind = "docx"
            make_docx(rng, folder / f"nota{i:05d}.docx")
        elif r < 0.96:
            kind = "xlsx"
            make_xlsx(rng, folder / f"tabel{i:05d}.xlsx")
        else:
            kind = "png"
            make_png(rng, folder / f"scan{i:05d}.png")
        kinds[kind] += 1
    return kinds


IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")


def sweep(tasks, jobs: int, timeout: float):
    """One sweep over the pool: (results, wall seconds, CPU seconds of this process and its workers)."""
    from dlp import batch
    from dlp.pipeline import Scanner

    scanner = Scanner()
    scanner.analyzer  # noqa: B018  built before the clock starts (the CLI builds it before forking too)
    c0 = os.times()
    t = time.perf_counter()
    results = batch.scan_tasks(scanner, tasks, jobs=jobs, timeout=timeout)
    wall = time.perf_counter() - t
    c1 = os.times()
    # CPU of the workers (and their OCR subprocesses: all reaped) plus this process
    cpu = (c1.children_user + c1.children_system - c0.children_user - c0.children_system
           + c1.user + c1.system - c0.user - c0.system)
    return results, wall, cpu


def plain_presidio_engine():
    """Stock Presidio: default predefined recognizers for English, no spaCy model (no-op NLP engine)."""
    import tldextract
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import NoOpNlpEngine

    # Presidio's e-mail recognizer calls tldextract.extract, which would fetch
    # the public-suffix list; use the bundled snapshot (no network here).
    offline = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)
    tldextract.extract = offline
    registry = RecognizerRegistry(supported_languages=["en"])
    registry.load_predefined_recognizers(languages=["en"])
    registry.remove_recognizer("SpacyRecognizer")  # needs a spaCy model's entities; none without one
    nlp = NoOpNlpEngine(models=[{"lang_code": "en", "model_name": "none"}])
    nlp.load()
    return AnalyzerEngine(registry=registry, nlp_engine=nlp, supported_languages=["en"])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--files", type=int, default=1200)
    ap.add_argument("--jobs", default="1,2")
    ap.add_argument("--timeout", type=float, default=120.0)
    ap.add_argument("--repeat", type=int, default=2, help="sweeps per --jobs value (best is kept)")
    ap.add_argument("--text-mb", type=float, default=1.0, help="text compared with plain Presidio (MB)")
    ap.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    args = ap.parse_args(argv)
    sys.stdout.reconfigure(line_buffering=True)

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    root = args.keep or Path(tempfile.mkdtemp(prefix="dlp-bench-"))
    try:
        t = time.perf_counter()
        if not root.exists() or not any(root.iterdir()):
            root.mkdir(parents=True, exist_ok=True)
            kinds = generate(root, args.files)
            print(f"generated {args.files} files in {time.perf_counter() - t:.1f} s: "
                  + ", ".join(f"{k} {v}" for k, v in kinds.items()))
        files = [p for p in root.rglob("*") if p.is_file()]
        total_bytes = sum(p.stat().st_size for p in files)
        print(f"folder: {len(files)} files, {total_bytes / 1e6:.1f} MB")

        from dlp.analyze import get_engine

        t = time.perf_counter()
        get_engine()
        print(f"engine build: {time.perf_counter() - t:.2f} s (once per run; forked workers share it)")

        from dlp import batch

        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
        job_list = [int(j) for j in args.jobs.split(",")]
        all_tasks = batch.collect([str(root)])
        sets = {"all files": all_tasks,
                "without images (no OCR)": [t for t in all_tasks if not t.path.lower().endswith(IMAGE_SUFFIXES)]}
        for label, tasks in sets.items():
            nbytes = sum(os.path.getsize(t.path) for t in tasks)
            print(f"-- {label}: {len(tasks)} files, {nbytes / 1e6:.1f} MB")
            rates: dict[int, float] = {}
            for rnd in range(args.repeat):
                for jobs in (job_list if rnd % 2 == 0 else job_list[::-1]):  # interleaved: load evens out
                    results, dt, cpu = sweep(tasks, jobs, args.timeout)
                    errors = sum(1 for r in results if r.errors)
                    findings = sum(len(r.findings) for r in results)
                    rates[jobs] = max(rates.get(jobs, 0.0), len(results) / dt)
                    busy = cpu / dt
                    print(f"--jobs {jobs}: {dt:.1f} s = {len(results) / dt:.1f} files/s, "
                          f"{nbytes / dt / 1e6:.2f} MB/s; {findings} findings, {errors} files with errors; "
                          f"CPU {cpu:.1f} s = {busy:.2f} cores busy"
                          + ("  [cores taken by other work: figures low]"
                             if busy < 0.85 * min(jobs, cores) else ""))
            for jobs, rate in rates.items():
                print(f"best --jobs {jobs}: {rate:.1f} files/s, {rate * nbytes / len(tasks) / 1e6:.2f} MB/s")
            if 1 in rates and 2 in rates:
                print(f"scaling --jobs 2 / --jobs 1 (best of {args.repeat}): {rates[2] / rates[1]:.2f}x")

        # Same text, single process: dlp's analyzer vs plain Presidio, on the
        # text of the first files in walk order (all kinds) up to --text-mb.
        from dlp.analyze import Analyzer
        from dlp.extract import Context, extract_bytes

        chunk_lists, text_mb, t_extract = [], 0.0, 0.0
        for p in sorted(files):
            t = time.perf_counter()
            chunks = [c for c in extract_bytes(p.read_bytes(), Context()).chunks if c.text.strip()]
            t_extract += time.perf_counter() - t
            chunk_lists.append(chunks)
            text_mb += sum(len(c.text.encode("utf-8")) for c in chunks) / 1e6
            if text_mb >= args.text_mb:
                break
        print(f"text sample: {text_mb:.2f} MB from {len(chunk_lists)} files (extraction {t_extract:.1f} s)")

        analyzer = Analyzer(engine=get_engine())
        t = time.perf_counter()
        n_dlp = sum(len(analyzer.analyze(cl)) for cl in chunk_lists)
        t_dlp = time.perf_counter() - t

        engine = plain_presidio_engine()
        t = time.perf_counter()
        n_plain = 0
        for cl in chunk_lists:
            text = "\n\n".join(c.text for c in cl)
            if text:
                n_plain += len(engine.analyze(text=text, language="en"))
        t_plain = time.perf_counter() - t
        print(f"analysis, same text, 1 process: dlp {text_mb / t_dlp:.2f} MB/s ({n_dlp} findings), "
              f"plain Presidio {text_mb / t_plain:.2f} MB/s ({n_plain} results); "
              f"dlp/plain speed ratio {t_plain / t_dlp:.2f}x")
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
