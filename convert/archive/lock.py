"""One batch at a time in an OUT folder: the run holds an exclusive lock on ``OUT/.referat.lock``.

Two runs into the same OUT would sweep each other's temporary files and overwrite each other's
manifest; so the second run stops at once with a usage error instead (exit 2) and changes
nothing. The lock is an operating-system lock (``filelock``, https://py-filelock.readthedocs.io/,
``fcntl.flock`` on POSIX), released by the kernel when the holder ends, even when it is killed,
so a stale lock file never blocks a later run.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from convert.errors import UsageError

NAME = ".referat.lock"


@contextmanager
def out_lock(out: Path) -> Iterator[None]:
    lock = FileLock(out / NAME, timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise UsageError(str(out), "another referat run is writing into this folder; wait until it ends") from None
    except OSError as exc:
        raise UsageError(str(out), f"cannot lock the output folder: {exc.strerror or exc}") from None
    try:
        yield
    finally:
        lock.release()
