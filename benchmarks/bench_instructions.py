"""Instruction counts of one analysis pass, dlp beside plain Presidio: figures that do not drift.

Wall and CPU times on a shared machine drift by +-20% from minute to minute, so a change of a few
per cent cannot be seen in them.  The number of machine instructions a pass executes can: run
under valgrind's callgrind, it repeats to 0.01%.  For each density of ``bench_pipeline``'s sweep
(``--k``, default 0 and 0.5: the dense end of the issue's band) this prints the instructions of
one pass of dlp's analyzer over the same synthetic documents, per finding and per byte, and the
same for plain Presidio (``bench_pipeline.plain_presidio``): their ratio is the speed-up with the
machine taken out.  Instructions are not time (a cache miss costs more than an addition), so
quote MB/s from ``bench_pipeline.py``; use this to tell whether a change made a pass cheaper.

Each measurement is one process under ``valgrind --tool=callgrind --instr-atstart=no``: the
imports, the engine and a warm-up pass run uninstrumented (fast), then the process turns
instrumentation on for exactly one pass (``callgrind_control -i on``/``off``) with the caches of
whole identifiers emptied first, as in ``bench_pipeline``.  Needs valgrind (``apt-get install
valgrind``); about a minute per dlp measurement, several for Presidio (``--no-presidio`` skips it).

    python benchmarks/bench_instructions.py [--k 0 0.5] [--kb 40] [--no-presidio]
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def _child(which: str, k: float, kb: int) -> None:
    """Inside valgrind: build, warm up, then one instrumented pass; print the findings and bytes."""
    sys.path.insert(0, HERE)
    import bench_pipeline as b

    gen = b.Gen(11)
    docs = [gen.dilute(d, k) for d in gen.corpus(kb * 1000)]
    if which == "dlp":
        from dlp.analyze import Analyzer
        from dlp.models import Chunk

        analyzer = Analyzer()
        b.warm(analyzer)

        def one_pass():
            b.forget_numbers()
            return sum(len(analyzer.analyze([Chunk(d)])) for d in docs)
    else:
        presidio = b.plain_presidio("blank")
        presidio.analyze(b.WARM_TEXT, language="id")

        def one_pass():
            return sum(len(presidio.analyze(d, language="id")) for d in docs)
    one_pass()  # warm: regexes compiled, caches of what documents share filled
    import gc

    gc.collect()
    control = ["callgrind_control", "-i"]
    subprocess.run(control + ["on", str(os.getpid())], capture_output=True, check=True)
    found = one_pass()
    subprocess.run(control + ["off", str(os.getpid())], capture_output=True, check=True)
    print(json.dumps({"findings": found, "bytes": sum(len(d.encode("utf-8")) for d in docs)}))


def measure(which: str, k: float, kb: int) -> dict:
    """Instructions of one pass of ``which`` ("dlp" or "presidio") at density ``k``."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "callgrind.out")
        env = dict(os.environ, PYTHONHASHSEED="0")  # (set and dict order must not vary between runs)
        proc = subprocess.run(
            ["valgrind", "--tool=callgrind", "--instr-atstart=no", f"--callgrind-out-file={out}",
             sys.executable, os.path.abspath(__file__), "--child", which, "--k", str(k), "--kb", str(kb)],
            capture_output=True, text=True, env=env)
        if proc.returncode:
            raise SystemExit(f"valgrind run failed ({which}, k={k}):\n{proc.stderr[-2000:]}")
        got = re.search(r"Collected : (\d+)", proc.stderr)
        facts = json.loads(proc.stdout.strip().splitlines()[-1])
    return {"instructions": int(got.group(1)), **facts}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--k", type=float, nargs="+", default=[0.0, 0.5],
                    help="densities: prose sentences per line with a number (bench_pipeline's sweep)")
    ap.add_argument("--kb", type=int, default=40, help="size of the synthetic corpus, KB (before dilution)")
    ap.add_argument("--no-presidio", action="store_true", help="dlp only (Presidio takes minutes under valgrind)")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        _child(args.child, args.k[0], args.kb)
        return
    if not (shutil.which("valgrind") and shutil.which("callgrind_control")):
        raise SystemExit("valgrind is not installed (apt-get install valgrind)")
    print(f"Instructions of one analysis pass (callgrind), {args.kb} KB of bench_pipeline's documents before dilution")
    print(f"{'density':>8}  {'dlp instr.':>12}  {'per finding':>11}  {'per byte':>8}  "
          f"{'Presidio instr.':>15}  {'per byte':>8}  {'dlp fewer':>9}")
    for k in args.k:
        d = measure("dlp", k, args.kb)
        row = (f"{'k = ' + format(k, 'g'):>8}  {d['instructions'] / 1e6:>10.1f} M  "
               f"{d['instructions'] / max(d['findings'], 1) / 1e3:>9.1f} K  {d['instructions'] / d['bytes']:>8.0f}")
        if not args.no_presidio:
            p = measure("presidio", k, args.kb)
            row += (f"  {p['instructions'] / 1e6:>13.1f} M  {p['instructions'] / p['bytes']:>8.0f}"
                    f"  {p['instructions'] / d['instructions']:>8.1f}x")
        print(row, flush=True)


if __name__ == "__main__":
    main()
