"""Running a batch on a Dask distributed cluster (``--scheduler tcp://HOST:PORT``).

The same ``convert_one`` as the local pool runs on the cluster's workers
(https://distributed.dask.org/en/stable/client.html); the manifest, resume and the bundle stay
in this process. Inputs and OUT must be on a file system every worker sees, at the same path,
and referat must be installed on the workers (``pip install referat[dask]``). At most four
inputs per worker thread are in flight, so the scheduler never holds the whole archive.

A mistyped address is refused before connecting (its scheme and, for tcp, a plain socket
connection within seconds); a cluster left without any worker for ``GRACE`` seconds stops the
run with one line instead of waiting for ever.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Callable, Iterator

from convert.archive.batch import Job
from convert.archive.manifest import FAILED, Entry
from convert.errors import UsageError


class SchedulerError(UsageError):
    """The Dask scheduler cannot be used."""


GRACE = 10.0  # seconds the cluster may be without any worker before the run gives up


def run_dask(jobs: list[Job], call: Callable[[Job], Entry], scheduler: str, timeout: float = 10) -> Iterator[Entry]:
    try:
        from distributed import Client
        from distributed.comm import parse_address
        from distributed.comm.registry import get_backend
    except ImportError:
        raise SchedulerError(scheduler, "Dask is not installed; install it with: pip install 'referat[dask]'") from None
    try:  # a mistyped address is told at once, not after the client's time-outs
        scheme, location = parse_address(scheduler)
        get_backend(scheme)
        if scheme == "tcp":
            _probe(location, timeout)
    except ValueError as exc:
        raise SchedulerError(scheduler, f"not a Dask scheduler address (tcp://HOST:PORT): {exc}") from None
    except OSError as exc:
        raise SchedulerError(scheduler, f"cannot connect to the Dask scheduler: {exc.strerror or exc}") from None
    try:
        client = Client(scheduler, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise SchedulerError(scheduler, f"cannot connect to the Dask scheduler: {exc}") from None
    return _results(client, jobs, call, scheduler)


def _probe(location: str, timeout: float) -> None:
    host, _, port = location.rpartition(":")
    if not host or not port.isdigit():
        raise ValueError(f"{location!r} has no HOST:PORT")
    socket.create_connection((host.strip("[]"), int(port)), timeout=timeout).close()


def _results(client, jobs: list[Job], call, scheduler: str) -> Iterator[Entry]:
    from distributed import as_completed

    futures = {}
    try:
        threads = sum(client.nthreads().values()) or 1
        queue = iter(jobs)
        for job in queue:
            futures[client.submit(call, job, pure=False)] = job
            if len(futures) >= 4 * threads:
                break
        pending = as_completed(list(futures), loop=client.loop)
        alone_since = None  # when the cluster was last seen without workers
        checked = 0.0
        while futures:
            done = pending.next_batch(block=False) if pending.has_ready() else []
            if not done:
                time.sleep(0.1)
                if time.monotonic() - checked < 1:
                    continue
                checked = time.monotonic()
                if client.nthreads():  # one round trip to the scheduler, once a second
                    alone_since = None
                else:
                    alone_since = alone_since or time.monotonic()
                    if time.monotonic() - alone_since > GRACE:
                        raise SchedulerError(scheduler, f"the Dask cluster has had no workers for {GRACE:g} s; stopped")
                continue
            for future in done:
                job = futures.pop(future)
                try:
                    yield future.result()
                except Exception as exc:  # a worker died or could not run the task
                    yield Entry(str(job.path), FAILED, error=f"{job.path}: worker failed: {exc}")
                future.release()
                nxt = next(queue, None)
                if nxt is not None:
                    fut = client.submit(call, nxt, pure=False)
                    futures[fut] = nxt
                    pending.add(fut)
    finally:
        for future in list(futures):
            future.cancel()
        client.close(timeout=5)
