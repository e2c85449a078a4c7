"""Issue 11, point 5: converting a large text extraction to canonical XML, as the command line
does, holds no more than about 10x the input in memory. The reader decodes the text piece by
piece and builds each item as soon as the next one starts; the XML is written an item at a time.

Measured as the peak resident set (VmHWM) of a fresh process running the command on a
generated text of about 12 MB, less the peak of the same command on a small one: what the input
adds, not the interpreter and its libraries. Memory, not time: nothing here is timed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.render_text import long_text

LARGE = 12_000_000
LIMIT = 10  # peak memory added per byte of input


# The command, then the process's own high-water mark. Not ru_maxrss: Linux carries that over
# from the parent across exec, and the parent (pytest, holding the generated text) is large.
_PROBE = """
import sys
from convert.cli import main
try:
    main(sys.argv[1:])
except SystemExit as exc:
    status = exc.code
with open("/proc/self/status") as f:
    print(next(line.split()[1] for line in f if line.startswith("VmHWM:")))
sys.exit(status)
"""


def peak_bytes(source: Path, out: Path) -> int:
    """The peak resident set of ``referat convert SOURCE --to xml -o OUT``, in bytes."""
    args = ["convert", str(source), "--to", "xml", "-o", str(out)]
    proc = subprocess.run([sys.executable, "-c", _PROBE, *args], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert out.stat().st_size > source.stat().st_size  # it converted the whole text
    return int(proc.stdout.split()[-1]) * 1024  # VmHWM is in kB


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc for the peak")
def test_a_large_text_converts_within_ten_times_its_size(tmp_path):
    small, large = tmp_path / "small.txt", tmp_path / "large.txt"
    small.write_text(long_text(200_000, seed=3), encoding="utf-8")
    large.write_text(long_text(LARGE, seed=3), encoding="utf-8")
    base = peak_bytes(small, tmp_path / "small.xml")
    added = peak_bytes(large, tmp_path / "large.xml") - base
    size = large.stat().st_size - small.stat().st_size
    assert added <= LIMIT * size, f"{added / size:.1f}x the input"
