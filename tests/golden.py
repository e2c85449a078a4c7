"""Golden files: compare what the code makes with a file checked by eye, or rewrite it.

``check_golden(path, actual)`` fails with a unified diff when the two differ. With the
environment variable REFERAT_REWRITE_GOLDENS=1 it writes ``actual`` to ``path`` instead and then
FAILS all the same, so a rewrite is never silently green: unset the variable, look at the diff
(``git diff tests/golden``) by eye, and run again. Text goldens are stored as UTF-8 with a final
newline; bytes goldens (canonical XML) byte for byte.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

GOLDEN = Path(__file__).resolve().parent / "golden"
REWRITE = "REFERAT_REWRITE_GOLDENS"


def rewriting() -> bool:
    return os.environ.get(REWRITE, "") not in ("", "0")


def check_golden(path: Path, actual: str | bytes) -> None:
    data = actual if isinstance(actual, bytes) else (actual.rstrip("\n") + "\n").encode("utf-8")
    if rewriting():
        path.parent.mkdir(parents=True, exist_ok=True)
        old = path.read_bytes() if path.exists() else None
        path.write_bytes(data)
        state = "unchanged" if old == data else "rewrote"
        pytest.fail(f"{state} {path.relative_to(GOLDEN.parent.parent)}; unset {REWRITE}, check it by eye, rerun")
    if not path.exists():
        pytest.fail(f"no golden file {path}; run with {REWRITE}=1 to write it, then check it by eye")
    expected = path.read_bytes()
    if expected == data:
        return
    diff = difflib.unified_diff(
        expected.decode("utf-8", "replace").splitlines(),
        data.decode("utf-8", "replace").splitlines(),
        f"golden/{path.name}",
        "actual",
        lineterm="",
        n=2,
    )
    pytest.fail("differs from golden file:\n" + "\n".join(list(diff)[:80]), pytrace=False)
