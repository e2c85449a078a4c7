"""Running a batch on a Dask distributed cluster (``--scheduler tcp://HOST:PORT``).

The same ``convert_one`` as the local pool runs on the cluster's workers
(https://distributed.dask.org/en/stable/client.html); the manifest, resume and the bundle stay
in this process. Inputs and OUT must be on a file system every worker sees, at the same path,
and referat must be installed on the workers (``pip install referat[dask]``). At most four
inputs per worker thread are in flight, so the scheduler never holds the whole archive.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from convert.archive.batch import Job
from convert.archive.manifest import FAILED, Entry
from convert.errors import UsageError


class SchedulerError(UsageError):
    """The Dask scheduler cannot be used."""


def run_dask(jobs: list[Job], call: Callable[[Job], Entry], scheduler: str, timeout: float = 20) -> Iterator[Entry]:
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise SchedulerError(scheduler, "Dask is not installed; install it with: pip install 'referat[dask]'") from None
    try:
        client = Client(scheduler, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise SchedulerError(scheduler, f"cannot connect to the Dask scheduler: {exc}") from None
    return _results(client, jobs, call, as_completed)


def _results(client, jobs: list[Job], call, as_completed) -> Iterator[Entry]:
    try:
        threads = sum(client.nthreads().values()) or 1
        queue = iter(jobs)
        futures = {}
        for job in queue:
            futures[client.submit(call, job, pure=False)] = job
            if len(futures) >= 4 * threads:
                break
        pending = as_completed(list(futures), loop=client.loop)
        for future in pending:
            job = futures.pop(future)
            try:
                yield future.result()
            except Exception as exc:  # a worker died or could not run the task
                yield Entry(str(job.path), FAILED, error=f"{job.path}: internal error: worker failed: {exc}")
            future.release()
            nxt = next(queue, None)
            if nxt is not None:
                fut = client.submit(call, nxt, pure=False)
                futures[fut] = nxt
                pending.add(fut)
    finally:
        for future in list(futures):
            future.cancel()
        client.close()
