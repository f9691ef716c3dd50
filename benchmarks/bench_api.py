"""Latency of the JSON API: a 2 KB draft at 1 and at 20 concurrent clients.

Starts ``dlp serve`` on 127.0.0.1 (a free port), waits for it, then sends
``POST /api/scan`` with a synthetic 2 KB press-release draft (a NIK, a letter
number, an e-mail address and a phone number in it) from 1 client and from
20 clients (threads, one keep-alive connection each).  Loopback only; every
phase is bounded in requests and in time, and the server is stopped at the
end.  Prints a table of median and p95 latency and throughput.

    python benchmarks/bench_api.py [--requests 200] [--seconds 60]
"""
from __future__ import annotations

import argparse
import os
import re
import signal
import statistics
import subprocess
import sys
import threading
import time

import httpx

HOST = "127.0.0.1"  # never anything but loopback


def draft(size: int = 2048) -> str:
    """A synthetic press release of ``size`` bytes with a few identifiers in it."""
    head = ("SIARAN PERS\nDinas Komunikasi dan Informatika\n\n"
            "Menindaklanjuti surat nomor 800/123/R/Diskominfo/2024, pendaftaran pelatihan literasi digital "
            "dibuka untuk umum. Informasi: humas.diskominfo@bandung.go.id atau 0812-3456-7890. "
            "Peserta terpilih atas nama Siti Rahma, NIK 3204115408022764.\n\n")
    filler = ("Kegiatan ini merupakan bagian dari program peningkatan kapasitas aparatur dan masyarakat "
              "dalam memanfaatkan teknologi informasi secara aman, bijak dan bertanggung jawab. ")
    text = head
    while len(text.encode()) < size:
        text += filler
    return text.encode()[:size].decode("utf-8", "ignore")


def start_server() -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen([sys.executable, "-m", "dlp", "serve", "--host", HOST, "--port", "0", "--lang", "en"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if not line:
            break
        m = re.search(r"(http://127\.0\.0\.1:\d+)/", line)
        if m:
            return proc, m.group(1)
    proc.kill()
    raise SystemExit("dlp serve did not start")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc; NaN elsewhere)."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return float("nan")


def phase(url: str, text: str, clients: int, requests: int, seconds: float, pid: int = 0) -> dict:
    """``requests`` checks shared by ``clients`` threads, stopping early after ``seconds``."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    remaining = [requests]
    stop_at = time.monotonic() + seconds

    def worker():
        with httpx.Client(base_url=url, timeout=30) as client:
            while time.monotonic() < stop_at:
                with lock:
                    if remaining[0] <= 0:
                        return
                    remaining[0] -= 1
                t0 = time.perf_counter()
                try:
                    r = client.post("/api/scan", json={"text": text})
                    ok = r.status_code == 200 and r.json()["verdict"] == "block"
                except httpx.HTTPError:
                    ok = False
                dt = time.perf_counter() - t0
                with lock:
                    if ok:
                        latencies.append(dt)
                    else:
                        errors[0] += 1

    cpu0 = cpu_seconds(pid)
    start = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    cpu = cpu_seconds(pid) - cpu0
    lat = sorted(latencies)
    p95 = lat[min(len(lat) - 1, max(0, int(round(0.95 * len(lat))) - 1))] if lat else float("nan")
    return {"clients": clients, "requests": len(lat), "errors": errors[0],
            "median_ms": statistics.median(lat) * 1000 if lat else float("nan"), "p95_ms": p95 * 1000,
            "rps": len(lat) / wall if wall else 0.0,
            "cpu_ms": cpu * 1000 / len(lat) if lat else float("nan"), "load": os.getloadavg()[0]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--requests", type=int, default=200, help="requests per phase (default 200)")
    ap.add_argument("--seconds", type=float, default=60, help="time cap per phase (default 60)")
    ap.add_argument("--clients", type=int, nargs="+", default=[1, 20], help="concurrent clients per phase")
    args = ap.parse_args(argv)

    text = draft()
    proc, url = start_server()
    try:
        phase(url, text, 1, 10, 30)  # warm-up, not reported
        rows = [phase(url, text, c, args.requests, args.seconds, proc.pid) for c in args.clients]
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()

    print(f"POST /api/scan, {len(text.encode())}-byte draft, {os.cpu_count()} cores, server and clients on this machine")
    print("(server CPU ms/req: CPU time the server process spent per answer, steady whatever else runs;"
          " load: 1-minute load average at the end of the phase)")
    print(f"{'clients':>7} {'requests':>8} {'errors':>6} {'median ms':>10} {'p95 ms':>8} {'req/s':>7} "
          f"{'server CPU ms/req':>17} {'load':>5}")
    for r in rows:
        print(f"{r['clients']:>7} {r['requests']:>8} {r['errors']:>6} {r['median_ms']:>10.1f} {r['p95_ms']:>8.1f} "
              f"{r['rps']:>7.1f} {r['cpu_ms']:>17.1f} {r['load']:>5.1f}")
    return 1 if any(r["errors"] for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
