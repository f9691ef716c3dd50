"""Batch scanning: many files over a pool of worker processes, each with one engine.

Why processes: the analysis is pure Python (Presidio's regexes and our
validators), so threads would share one core.  Why this module: a worker
function must live in an importable module (one defined in ``__main__`` is
re-pickled per task and rebuilt the engine every time: 20x slower).

How the pool works (:func:`scan_tasks`):

* On Linux the parent builds the engine once and then *forks* the workers, so
  they start in milliseconds with the engine already in memory, shared
  copy-on-write (``gc.freeze()`` around each fork, so the workers' collector
  does not touch, and so copy, every page).  The parent runs no threads when it forks (the
  progress bar is refreshed by the parent's own loop, not rich's thread).
  Elsewhere workers are spawned and each builds its engine once before it
  says it is ready.
* Each worker takes one file at a time over its own pipe; the parent hands the
  next file to whichever worker is free, so a slow file holds up one worker
  only.  Results are put back in the order the files were walked.
* A file that takes longer than ``timeout`` seconds is abandoned: its worker
  is killed (with its process group, so an OCR child goes too) and replaced,
  and the file is reported with a ``timeout`` error (verdict at least
  ``review``).  A worker that dies on a file (a crash in a C library, the
  kernel's OOM killer) costs that file an ``internal`` error, nothing more.
  Every file handed in comes back with a result, whatever happens to it.
* ``jobs == 1`` with no time limit scans in this process.  With a time limit
  (the CLI's default) one worker process does the work, because only a
  process can be stopped for sure: ``signal.alarm`` cannot interrupt a regex
  or a PDF parser running in C.  Extractors also get a cooperative deadline
  (``Limits.seconds``, set a little below the hard limit) so a file that runs
  long usually comes back with what was read and a ``timeout`` error rather
  than nothing.
"""
from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sys
import time
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import wait
from typing import Callable, Iterable, Sequence

from dlp.models import FileResult, ScanError
from dlp.pipeline import STDIN, Scanner, walk

# Fraction of the hard per-file time limit given to extractors as their own
# (cooperative) deadline.
COOPERATIVE_SHARE = 0.8
# How often the parent wakes up to refresh a progress bar (seconds).
TICK = 0.1
# Set to "1" in every worker process (see _worker_main).
WORKER_ENV = "DLP_POOL_WORKER"


@dataclass
class Task:
    """One file to scan: on disk (``path``), in memory (``data``) or a git blob (``blob`` in ``root``)."""

    display: str
    path: str | None = None
    data: bytes | None = None
    blob: str | None = None
    root: str | None = None
    size: int = -1


def error_result(scanner: Scanner, task: Task, code: str, detail: str = "") -> FileResult:
    """The report entry of a file that could not be scanned (fails closed: at least review)."""
    size = task.size if task.size >= 0 else (len(task.data) if task.data is not None else 0)
    result = FileResult(path=task.display, media_type="application/octet-stream", size=max(size, 0),
                        errors=[ScanError(code, detail)])
    return scanner.policy.apply(result)


def run_task(scanner: Scanner, task: Task) -> FileResult:
    """Scan one task in this process; never raises."""
    try:
        if task.data is not None:
            return scanner.scan_bytes(task.data, task.display)
        if task.blob is not None:
            if task.size > scanner.limits.max_bytes:
                return error_result(scanner, task, "too_big", f"{task.size} > {scanner.limits.max_bytes} bytes")
            from dlp.gitscope import read_blob

            return scanner.scan_bytes(read_blob(task.root or ".", task.blob), task.display)
        return scanner.scan_file(task.path, task.display)
    except Exception as exc:  # fail closed
        return error_result(scanner, task, "internal", f"{type(exc).__name__}: {exc}"[:300])


# -- collecting files --------------------------------------------------------------
def collect(paths: Iterable[str], selector=None, stdin: bytes | None = None) -> list[Task]:
    """Tasks for the paths given on the command line, folders walked in a stable order.

    A file named explicitly is scanned unless an ``--include``/``--exclude``
    glob says otherwise; ``.dlpignore`` files apply inside folders.
    """
    tasks: list[Task] = []
    for path in paths:
        if path == STDIN:
            tasks.append(Task(display=STDIN, data=stdin or b""))
            continue
        if os.path.isdir(path):
            tasks.extend(Task(display=f, path=f) for f in walk(path, selector))
        elif selector is None or selector.selected_file(path):
            tasks.append(Task(display=path, path=path))
    return tasks


def git_tasks(files, selector=None) -> list[Task]:
    """Tasks for files chosen from git (:mod:`dlp.gitscope`), ``.dlpignore`` at the repository root applied."""
    tasks = []
    by_root: dict = {}
    for f in files:
        if selector is not None:
            sel = by_root.get(f.root) or by_root.setdefault(f.root, selector.with_base(f.root))
            if not sel.selected(f.rel):
                continue
        tasks.append(Task(display=f.display, path=f.path, blob=f.blob, root=f.root, size=f.size))
    return tasks


# -- the pool ----------------------------------------------------------------------
def default_start_method() -> str:
    forced = os.environ.get("DLP_START_METHOD")
    if forced:
        return forced
    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        return "fork"
    return "spawn"


def _worker_main(conn, scanner: Scanner, build: bool, parent: int) -> None:
    """A worker: build the engine if it has none, then scan what the parent sends until told to stop."""
    if hasattr(os, "setpgid"):
        try:
            os.setpgid(0, 0)  # own process group: killing it takes OCR subprocesses along
        except OSError:
            pass
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops us
    try:  # a library that prints must not mix into the report on the parent's standard output
        sys.stdout.flush()
        os.dup2(2, 1)
    except (OSError, ValueError):
        pass
    _die_with_parent(parent)
    # One worker per core: engines that run threads of their own (an OCR
    # model's runtime) should use one thread here.  Read by extractors.
    os.environ[WORKER_ENV] = "1"
    if build:
        scanner.analyzer  # noqa: B018  (build the engine once, before saying ready)
    conn.send(("ready", os.getpid()))
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            break
        if msg is None:
            break
        index, task = msg
        conn.send((index, run_task(scanner, task)))


def _die_with_parent(parent: int) -> None:
    """On Linux, have the kernel kill this worker when the parent dies (even by SIGKILL)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        PR_SET_PDEATHSIG = 1
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        if os.getppid() != parent:  # the parent died before prctl took effect
            os._exit(1)
    except Exception:
        pass


class _Worker:
    def __init__(self, ctx, scanner: Scanner, build: bool):
        parent_conn, child_conn = ctx.Pipe(duplex=True)
        sys.stdout.flush()
        sys.stderr.flush()
        self.proc = ctx.Process(target=_worker_main, args=(child_conn, scanner, build, os.getpid()), daemon=True,
                                name="dlp-worker")
        self.proc.start()
        child_conn.close()
        self.conn = parent_conn
        self.ready = False
        self.index: int | None = None
        self.started = 0.0

    def kill(self) -> None:
        pid = self.proc.pid
        try:
            if pid and hasattr(os, "killpg") and os.getpgid(pid) == pid:
                os.killpg(pid, signal.SIGKILL)
            else:
                self.proc.kill()
        except (ProcessLookupError, PermissionError, OSError):
            pass
        self.proc.join(5)
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except (OSError, ValueError):
            pass
        self.proc.join(2)
        if self.proc.is_alive():
            self.kill()
        else:
            self.conn.close()


def scan_tasks(scanner: Scanner, tasks: Sequence[Task], jobs: int = 1, timeout: float | None = None,
               on_result: Callable[[FileResult], None] | None = None,
               on_tick: Callable[[], None] | None = None,
               start_method: str | None = None) -> list[FileResult]:
    """Scan ``tasks`` with ``jobs`` worker processes; results in the order of ``tasks``.

    ``timeout`` is the hard wall-clock limit per file in seconds (None or 0:
    none).  ``on_result`` is called in this process as each file finishes,
    ``on_tick`` about every :data:`TICK` seconds (for a progress bar).
    """
    tasks = list(tasks)
    if not tasks:
        return []
    if timeout:
        scanner.limits = _with_cooperative_deadline(scanner.limits, timeout)
    if (jobs <= 1 and not timeout) or _one_small_draft(tasks):
        results = []
        for task in tasks:
            results.append(run_task(scanner, task))
            if on_result:
                on_result(results[-1])
            if on_tick:
                on_tick()
        return results
    return _Pool(scanner, tasks, jobs, timeout, on_result, on_tick, start_method).run()


# A single in-memory draft up to this size (``dlp scan -``: text a person typed or
# pasted) is scanned in this process: forking a killable worker for it costs
# more than the check itself.  The cooperative deadline still applies.
SMALL_DRAFT = 256 * 1024


def _one_small_draft(tasks: Sequence[Task]) -> bool:
    return len(tasks) == 1 and tasks[0].data is not None and len(tasks[0].data) <= SMALL_DRAFT


def _with_cooperative_deadline(limits, timeout: float):
    from dataclasses import replace

    return replace(limits, seconds=min(limits.seconds, max(timeout * COOPERATIVE_SHARE, 0.001)))


# Text that makes the engine compile its (lazily compiled) patterns before the
# workers are forked, so they share the compiled forms instead of each compiling.
_WARM_UP = ("NIK 3171012304850001 KK 3171010101010001 NIP 198501232010011001 NPWP 01.234.567.8-901.000 "
            "telp 0812-3456-7890 budi@contoh.go.id 10.1.2.3 4111 1111 1111 1111 Nomor: 005/123/R/2024 RAHASIA")


def _warm_up(scanner: Scanner) -> None:
    try:
        scanner.analyzer.analyze_text(_WARM_UP)
    except Exception:  # a broken recognizer shows up per file, where it is reported
        pass


class _Pool:
    MAX_START_FAILURES = 3

    def __init__(self, scanner, tasks, jobs, timeout, on_result, on_tick, start_method):
        self.scanner = scanner
        self.tasks = tasks
        self.jobs = max(1, min(jobs, len(tasks)))
        self.timeout = timeout or None
        self.on_result = on_result
        self.on_tick = on_tick
        method = start_method or default_start_method()
        self.ctx = multiprocessing.get_context(method)
        self.build_in_worker = method != "fork"
        self.results: list[FileResult | None] = [None] * len(tasks)
        self.start_failures = 0

    def _new_worker(self) -> _Worker:
        if self.build_in_worker:
            return _Worker(self.ctx, self.scanner, True)
        # The child inherits a frozen heap (its collector leaves the shared
        # pages alone); the parent unfreezes so its own garbage is still collected.
        gc.freeze()
        try:
            return _Worker(self.ctx, self.scanner, False)
        finally:
            gc.unfreeze()

    def _finish(self, index: int, result: FileResult) -> None:
        self.results[index] = result
        if self.on_result:
            self.on_result(result)

    def run(self) -> list[FileResult]:
        if not self.build_in_worker:
            _warm_up(self.scanner)  # build once here; forked workers share it
            gc.collect()
        pending = deque(range(len(self.tasks)))
        workers: list[_Worker] = []
        try:
            workers = [self._new_worker() for _ in range(self.jobs)]
            last_tick = 0.0
            while pending or any(w.index is not None for w in workers):
                if self.start_failures >= self.MAX_START_FAILURES:
                    for i in list(pending):
                        self._finish(i, error_result(self.scanner, self.tasks[i], "internal",
                                                     "worker processes fail to start"))
                    pending.clear()
                    if not any(w.index is not None for w in workers):
                        break
                for w in workers:
                    if w.ready and w.index is None and pending:
                        i = pending.popleft()
                        try:
                            w.conn.send((i, self.tasks[i]))
                        except (OSError, ValueError) as exc:
                            pending.appendleft(i)
                            self._replace(workers, w, None, f"worker gone: {exc}")
                            break
                        w.index, w.started = i, time.monotonic()
                self._wait(workers)
                now = time.monotonic()
                if self.on_tick and now - last_tick >= TICK:
                    last_tick = now
                    self.on_tick()
        finally:
            for w in workers:
                if w.proc.is_alive() and w.index is None:
                    w.stop()
                else:
                    w.kill()
        assert all(r is not None for r in self.results)
        return self.results  # type: ignore[return-value]

    def _wait(self, workers: list[_Worker]) -> None:
        now = time.monotonic()
        wait_for = TICK
        if self.timeout:
            for w in workers:
                if w.index is not None:
                    wait_for = min(wait_for, max(0.0, w.started + self.timeout - now))
        handles = []
        for w in workers:
            handles += [w.conn, w.proc.sentinel]
        ready = set(wait(handles, timeout=wait_for))
        for w in list(workers):
            if w.conn in ready or w.proc.sentinel in ready:
                self._receive(workers, w)
        if self.timeout:
            now = time.monotonic()
            for w in list(workers):
                if w.index is not None and now - w.started > self.timeout:
                    if w.conn.poll():  # finished just now
                        self._receive(workers, w)
                        continue
                    index = w.index
                    self._replace(workers, w, index, f"> {self.timeout:g} s, abandoned", code="timeout")

    def _receive(self, workers: list[_Worker], w: _Worker) -> None:
        try:
            if not w.conn.poll():
                raise EOFError
            msg = w.conn.recv()
        except (EOFError, OSError) as exc:
            w.proc.join(1)
            code = w.proc.exitcode
            if not w.ready:
                self.start_failures += 1
            self._replace(workers, w, w.index,
                          f"worker stopped (exit code {code})" if code is not None else f"worker lost: {exc}")
            return
        except Exception as exc:  # a result that cannot be unpickled
            self._replace(workers, w, w.index, f"bad result from worker: {type(exc).__name__}: {exc}"[:300])
            return
        if msg and msg[0] == "ready":
            w.ready = True
            self.start_failures = 0
            return
        index, result = msg
        w.index = None
        self._finish(index, result)

    def _replace(self, workers: list[_Worker], w: _Worker, index: int | None, detail: str | None,
                 code: str = "internal") -> None:
        """Kill ``w``, account for the file it had, and start a fresh worker in its place."""
        w.kill()
        if index is not None:
            self._finish(index, error_result(self.scanner, self.tasks[index], code, detail or ""))
        w.index = None
        pos = workers.index(w)
        workers[pos] = self._new_worker()


def scan_paths(scanner: Scanner, paths: Iterable[str], jobs: int = 1, timeout: float | None = None,
               selector=None, stdin: bytes | None = None):
    """A :class:`~dlp.models.Report` for paths, like :meth:`Scanner.scan` but over the pool."""
    from dlp.models import Report

    return Report(files=scan_tasks(scanner, collect(paths, selector, stdin), jobs=jobs, timeout=timeout))
