"""Atomic output: write to a temporary name in the destination's folder, then rename.

A crash, a full disk or Ctrl-C therefore never leaves a half-written file under the real name
(os.replace is atomic within one file system, POSIX rename(2)). A write that fails ("No space left
on device") is an ``OutputError`` naming the file, never mistaken for a fault of the input."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

from convert.errors import OutputError, ReferatError


def atomic_write(dest: str | Path, produce: Callable[[Path], None]) -> Path:
    """Call ``produce(tmp_path)`` and move the result to ``dest``; clean up on any failure."""
    dest = Path(dest)
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".part", dir=dest.parent)
        os.close(fd)
    except OSError as exc:
        raise OutputError(str(dest), f"cannot write output: {exc.strerror or exc}") from None
    tmp_path = Path(tmp)
    try:
        produce(tmp_path)
        os.chmod(tmp_path, 0o644)
        os.replace(tmp_path, dest)
    except BaseException as exc:
        with suppress(OSError):
            tmp_path.unlink()
        if isinstance(exc, OSError):  # a full disk, a quota, a vanished folder: say which file
            raise OutputError(str(dest), f"cannot write output: {exc.strerror or exc}") from None
        if isinstance(exc, ReferatError) and exc.file == str(tmp_path):  # a writer's own message
            raise type(exc)(str(dest), exc.reason) from None
        raise
    return dest
