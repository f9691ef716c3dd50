"""The worker pool: same results as in-process, stable order, every file accounted for, hard limits."""
from __future__ import annotations

import multiprocessing
import os
import signal
import time

import pytest

from dlp import batch
from dlp.extract import Limits
from dlp.pipeline import Scanner


def _summary(results):
    return [(r.path, r.verdict, sorted((f.entity_type, f.start, f.end, f.part) for f in r.findings),
             sorted(e.code for e in r.errors)) for r in results]


@pytest.fixture
def folder(tmp_path, files):
    """A small mixed folder: text with findings, clean text, a DOCX, a PDF, junk, an empty file."""
    root = tmp_path / "sweep"
    (root / "b" / "c").mkdir(parents=True)
    for i in range(12):
        (root / f"draft{i:02d}.txt").write_text(
            f"Undangan rapat {i}. Hubungi panitia{i}@contoh.go.id atau telp 0812-3456-{7000 + i}.\n"
            if i % 3 == 0 else f"Pengumuman kegiatan nomor {i} untuk masyarakat.\n", encoding="utf-8")
    (root / "b" / "nota.docx").write_bytes(files.docx("Nota dinas", "Kontak: rina.k@contoh.go.id"))
    (root / "b" / "c" / "laporan.pdf").write_bytes(files.pdf("Laporan triwulan, kontak humas@contoh.go.id"))
    (root / "b" / "junk.bin").write_bytes(bytes(range(256)) * 40)
    (root / "b" / "kosong.txt").write_bytes(b"")
    return root


@pytest.mark.parametrize("jobs,timeout", [(1, None), (1, 60.0), (2, 60.0), (3, None)])
def test_pool_matches_in_process_in_walk_order(folder, scanner, jobs, timeout):
    tasks = batch.collect([str(folder)])
    expected = [batch.run_task(scanner, t) for t in tasks]
    got = batch.scan_tasks(Scanner(), tasks, jobs=jobs, timeout=timeout)
    assert [r.path for r in got] == [t.display for t in tasks]
    assert _summary(got) == _summary(expected)
    # the sweep found what is there: e-mails in text, DOCX and PDF
    found = {os.path.basename(r.path) for r in got if any(f.entity_type == "EMAIL_ADDRESS" for f in r.findings)}
    assert {"draft00.txt", "draft03.txt", "nota.docx", "laporan.pdf"} <= found
    assert next(r for r in got if r.path.endswith("junk.bin")).verdict != "safe"


def test_walk_order_is_sorted_and_stable(folder):
    paths = [t.display for t in batch.collect([str(folder)])]
    assert paths == [t.display for t in batch.collect([str(folder)])]
    rel = [os.path.relpath(p, folder) for p in paths]
    # files of a folder sorted, sub-folders walked in sorted order after them
    assert rel[:12] == sorted(rel[:12]) and rel[0] == "draft00.txt"
    assert rel.index(os.path.join("b", "junk.bin")) < rel.index(os.path.join("b", "c", "laporan.pdf"))


@pytest.mark.parametrize("jobs", [1, 2])
def test_slow_file_is_abandoned_with_timeout_error_and_the_rest_scanned(tmp_path, files, jobs):
    root = tmp_path / "t"
    root.mkdir()
    (root / "a_slow.txt").write_bytes(files.dense(1.0))  # many seconds of analysis
    for i in range(4):
        (root / f"b{i}.txt").write_text(f"kontak staf{i}@contoh.go.id\n", encoding="utf-8")
    t = time.monotonic()
    results = batch.scan_tasks(Scanner(), batch.collect([str(root)]), jobs=jobs, timeout=0.5)
    elapsed = time.monotonic() - t
    slow = results[0]
    assert slow.path.endswith("a_slow.txt")
    assert [e.code for e in slow.errors] == ["timeout"]
    assert slow.verdict == "review"
    for r in results[1:]:
        assert not r.errors
        assert [f.entity_type for f in r.findings] == ["EMAIL_ADDRESS"]
    assert elapsed < 30  # the slow file alone takes far longer than this when not stopped


def test_killed_worker_costs_one_file_an_internal_error(tmp_path, files):
    """A worker that dies mid-file (OOM killer, a crash in C) loses that file only."""
    root = tmp_path / "k"
    root.mkdir()
    (root / "a_slow.txt").write_bytes(files.dense(1.0))
    for i in range(3):
        (root / f"b{i}.txt").write_text(f"kontak staf{i}@contoh.go.id\n", encoding="utf-8")
    killed = []
    t0 = time.monotonic()

    def on_tick():
        if not killed and time.monotonic() - t0 > 0.5:
            for child in multiprocessing.active_children():
                if child.name == "dlp-worker":
                    os.kill(child.pid, signal.SIGKILL)
                    killed.append(child.pid)

    results = batch.scan_tasks(Scanner(), batch.collect([str(root)]), jobs=1, timeout=60, on_tick=on_tick)
    assert killed
    assert [e.code for e in results[0].errors] == ["internal"]
    assert results[0].verdict == "review"
    assert all([f.entity_type for f in r.findings] == ["EMAIL_ADDRESS"] and not r.errors for r in results[1:])


def test_spawned_workers_build_their_own_engine(tmp_path):
    """The start method used where fork is unavailable (macOS, Windows)."""
    for i in range(4):
        (tmp_path / f"f{i}.txt").write_text(f"surel orang{i}@contoh.go.id\n", encoding="utf-8")
    results = batch.scan_tasks(Scanner(), batch.collect([str(tmp_path)]), jobs=2, timeout=60,
                               start_method="spawn")
    assert [len(r.findings) for r in results] == [1, 1, 1, 1]


def test_fifo_and_unreadable_entries_are_reported_not_hung(tmp_path, scanner):
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "ok.txt").write_text("biasa\n", encoding="utf-8")
    results = batch.scan_tasks(scanner, batch.collect([str(tmp_path)]), jobs=1, timeout=None)
    by_name = {os.path.basename(r.path): r for r in results}
    assert by_name["pipe"].errors[0].code == "unreadable" and by_name["pipe"].verdict == "review"
    assert by_name["ok.txt"].verdict == "safe"


def test_size_cap_reports_the_file(tmp_path, dlp):
    (tmp_path / "besar.txt").write_text("x" * 5000, encoding="utf-8")
    (tmp_path / "kecil.txt").write_text("halo\n", encoding="utf-8")
    run = dlp("scan", tmp_path, "--format", "json", "--max-file-size", "1K")
    rep = run.json()
    by_name = {os.path.basename(f["path"]): f for f in rep["files"]}
    assert [e["code"] for e in by_name["besar.txt"]["errors"]] == ["too_big"]
    assert by_name["besar.txt"]["verdict"] == "review"
    assert by_name["kecil.txt"]["verdict"] == "safe"
    assert dlp("scan", tmp_path, "--max-file-size", "lots").code == 2


def test_symlinks_are_not_followed_out_of_the_folder(tmp_path, dlp):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "rahasia.txt").write_text("kontak bocor@contoh.go.id\n", encoding="utf-8")
    root = tmp_path / "root"
    (root / "in").mkdir(parents=True)
    (root / "in" / "asli.txt").write_text("kontak resmi@contoh.go.id\n", encoding="utf-8")
    os.symlink(outside / "rahasia.txt", root / "link_file.txt")
    os.symlink(outside, root / "link_dir")
    os.symlink(root / "in" / "asli.txt", root / "link_inside.txt")
    rep = dlp("scan", root, "--format", "json", "--no-redact").json()
    names = sorted(os.path.relpath(f["path"], root) for f in rep["files"])
    assert names == [os.path.join("in", "asli.txt"), "link_inside.txt"]
    assert "bocor@contoh.go.id" not in str(rep)


@pytest.fixture
def bomb_folder(tmp_path):
    import zipfile

    root = tmp_path / "z"
    root.mkdir()
    # 256 MiB of zeros in ~0.25 MiB: refused from the declared sizes, never inflated
    with zipfile.ZipFile(root / "bom.zip", "w", zipfile.ZIP_DEFLATED) as zf:
        with zf.open("isi.txt", "w") as fh:
            block = b"\0" * (1 << 20)
            for _ in range(256):
                fh.write(block)
    # an archive nested deeper than the depth limit
    inner = b"dalam: bersarang@contoh.go.id\n"
    name = "dalam.txt"
    for depth in range(Limits().max_depth + 2):
        import io

        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as zf:
            zf.writestr(name, inner)
        inner, name = buf.getvalue(), f"lapis{depth}.zip"
    (root / "dalam.zip").write_bytes(inner)
    for i in range(3):
        (root / f"surat{i}.txt").write_text(f"kontak staf{i}@contoh.go.id\n", encoding="utf-8")
    return root


def test_zip_bomb_and_deep_nesting_are_refused_and_the_sweep_goes_on(bomb_folder, dlp):
    pytest.importorskip("dlp.extract.archive")
    t = time.monotonic()
    run = dlp("scan", bomb_folder, "--format", "json", "--jobs", "2", "--timeout", "60")
    assert time.monotonic() - t < 60
    by_name = {os.path.basename(f["path"]): f for f in run.json()["files"]}
    bomb = by_name["bom.zip"]
    assert bomb["verdict"] in ("review", "block")
    assert {e["code"] for e in bomb["errors"]} & {"limit", "too_big"}
    assert "timeout" not in {e["code"] for e in bomb["errors"]}
    deep = by_name["dalam.zip"]
    assert deep["verdict"] in ("review", "block")
    assert "limit" in {e["code"] for e in deep["errors"]}
    for i in range(3):
        assert [f["entity_type"] for f in by_name[f"surat{i}.txt"]["findings"]] == ["EMAIL_ADDRESS"]


def test_archive_member_count_and_total_size_limits(tmp_path):
    pytest.importorskip("dlp.extract.archive")
    import zipfile

    with zipfile.ZipFile(tmp_path / "banyak.zip", "w") as zf:
        for i in range(60):
            zf.writestr(f"m{i:03d}.txt", f"baris {i}\n")
    with zipfile.ZipFile(tmp_path / "besar.zip", "w", zipfile.ZIP_STORED) as zf:
        for i in range(3):
            zf.writestr(f"acak{i}.bin", os.urandom(1 << 20))
    scanner = Scanner(limits=Limits(max_members=50, max_uncompressed=2 << 20))
    results = {os.path.basename(r.path): r for r in
               batch.scan_tasks(scanner, batch.collect([str(tmp_path)]), jobs=2, timeout=60)}
    assert "limit" in {e.code for e in results["banyak.zip"].errors}
    assert "too_big" in {e.code for e in results["besar.zip"].errors}
    assert results["banyak.zip"].verdict == results["besar.zip"].verdict == "review"
