"""The local worker processes of a batch (``concurrent.futures.ProcessPoolExecutor`` with a
forkserver or spawn context, https://docs.python.org/3/library/concurrent.futures.html).

Each worker is replaced after ``TASKS_PER_CHILD`` inputs and at most two inputs per worker are
queued, so memory does not grow with the size of the archive. A worker that dies (killed by the
out-of-memory killer, a crash in a C library) breaks the whole executor and fails every input in
flight, so those inputs are run again one at a time, each in a pool of its own: the one whose
worker dies alone is reported as failed ("worker died"), the others are converted, and the batch
goes on in a fresh pool. On any exit (Ctrl-C, SIGTERM, an error) every worker is stopped.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from convert.archive.batch import Job
from convert.archive.manifest import FAILED, Entry

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

TASKS_PER_CHILD = 50


def _ignore_signals() -> None:
    # Ctrl-C and SIGTERM are the main process's business: it stops the pool and saves the manifest.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def _pool(workers: int) -> ProcessPoolExecutor:
    # multiprocessing and concurrent.futures are imported here: a run of one input (in this
    # process) does not need them.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context(method),
        initializer=_ignore_signals,
        max_tasks_per_child=TASKS_PER_CHILD,
    )


def _stop(pool: ProcessPoolExecutor) -> None:
    """Stop the workers now, without waiting for the inputs they are converting."""
    procs = list((pool._processes or {}).values())  # shutdown() forgets them
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in procs:
        proc.terminate()
    for proc in procs:
        proc.join(5)
        if proc.is_alive():
            proc.kill()
            proc.join(5)
    # Join the pool's manager thread now; left to the interpreter's exit hook it would
    # write to a closed pipe and print a traceback.
    pool.shutdown(wait=True)


def run_local(jobs: list[Job], call: Callable[[Job], Entry], workers: int) -> Iterator[Entry]:
    """Yield one Entry per job as they finish, in ``workers`` processes (in this one for 1)."""
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            yield call(job)
        return
    from concurrent.futures import FIRST_COMPLETED, wait
    from concurrent.futures.process import BrokenProcessPool

    queue = iter(jobs)
    pending: dict[Future, Job] = {}
    pool = _pool(workers)
    try:
        while True:
            for job in queue:
                pending[pool.submit(call, job)] = job
                if len(pending) >= 2 * workers:
                    break
            if not pending:
                break
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            suspects = []
            for future in done:
                job = pending.pop(future)
                if isinstance(future.exception(), BrokenProcessPool):
                    suspects.append(job)
                else:
                    yield _result(future, job)
            if suspects:  # every input still in flight went down with the pool
                wait(pending)
                for future, job in pending.items():
                    if isinstance(future.exception(), BrokenProcessPool):
                        suspects.append(job)
                    else:
                        yield _result(future, job)
                pending.clear()
                _stop(pool)
                for job in suspects:
                    yield _alone(job, call)
                pool = _pool(workers)
    except BaseException:
        _stop(pool)
        raise
    pool.shutdown(wait=True)


def _alone(job: Job, call: Callable[[Job], Entry]) -> Entry:
    """Run one input in a worker of its own; if that worker dies, the input is the cause."""
    from concurrent.futures import wait
    from concurrent.futures.process import BrokenProcessPool

    pool = _pool(1)
    try:
        future = pool.submit(call, job)
        procs = list((pool._processes or {}).values())
        wait([future])
        if not isinstance(future.exception(), BrokenProcessPool):
            return _result(future, job)
        for proc in procs:
            proc.join(5)
        codes = [p.exitcode for p in procs if p.exitcode]
        how = ""
        if codes and codes[0] < 0:
            name = signal.Signals(-codes[0]).name
            how = f" (killed by {name}{': out of memory?' if name == 'SIGKILL' else ''})"
        elif codes:
            how = f" (exit status {codes[0]})"
        return Entry(str(job.path), FAILED, error=f"{job.path}: worker died{how}")
    finally:
        _stop(pool)


def _result(future: Future, job: Job) -> Entry:
    try:
        return future.result()
    except Exception as exc:  # could not be sent to or from the worker
        return Entry(str(job.path), FAILED, error=f"{job.path}: internal error: worker failed: {type(exc).__name__}")
