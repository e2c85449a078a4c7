"""The static web archive of a whole municipality: build time, incremental rebuild, size.

    python benchmarks/bench_site.py                  # Greve's 288 meetings and the corpus minutes PDFs
    python benchmarks/bench_site.py --limit 40       # a quick check

Converts the archive to canonical XML and XLSX once (``referat convert``, not timed here: the
archive benchmarks measure it), then times ``referat site`` as a child process: a full build into
an empty folder, a rebuild with nothing changed, and an incremental rebuild after one new meeting.
The peer, measured in the same run, is a plain copy of the same converted folder (``cp -r``), the
least any publishing step must do; the search index (Pagefind) is timed apart from the pages.
Targets from the issue: full build under 60 s, incremental under 5 s on 2 cores. The incremental
build's own closing line is printed too (files written, search bundles indexed again), so a
figure that looks too good can be checked. A report, not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
REFERAT = [sys.executable, "-m", "convert"]


LAST = [""]  # the last command's closing line: what the site build says it did


def _timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    run = subprocess.run(cmd, capture_output=True, text=True)
    took = time.perf_counter() - start
    if run.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} failed: {run.stderr.strip()[-400:]}")
    LAST[0] = (run.stderr.strip().splitlines() or [""])[-1]
    return took


def _size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="use only the first N Greve meetings")
    args = parser.parse_args()
    greve = sorted((SHARED / "corpus" / "greve").glob("*.json"))
    if args.limit:
        greve = greve[: args.limit]
    pdfs = sorted((SHARED / "corpus").glob("*referat*.pdf"))
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        inputs = work / "in"
        inputs.mkdir()
        for path in [*greve[:-1], *pdfs]:
            shutil.copy(path, inputs / path.name)
        out = work / "out"
        convert_cmd = [*REFERAT, "convert", str(inputs), "--to", "xml,xlsx", "--out", str(out), "-q"]
        _timed(convert_cmd)
        meetings = len(json.loads((out / "manifest.json").read_text())["inputs"])
        site = work / "site"
        copy = _timed(["cp", "-r", str(out), str(work / "copy")])
        pages = _timed([*REFERAT, "site", str(out), "--out", str(site), "--no-search"])
        shutil.rmtree(site)
        full = _timed([*REFERAT, "site", str(out), "--out", str(site)])
        again = _timed([*REFERAT, "site", str(out), "--out", str(site)])
        shutil.copy(greve[-1], inputs / greve[-1].name)
        _timed(convert_cmd)
        incremental = _timed([*REFERAT, "site", str(out), "--out", str(site)])
        said = LAST[0].split(": ", 1)[-1]
        files, size = _size(site)
    print(f"site of {meetings} meetings (+1 for the incremental build), {files} files, {size / 2**20:.1f} MiB")
    print(f"  full build with search     {full:7.2f} s   (pages and API alone {pages:.2f} s, search index "
          f"{full - pages:.2f} s)   {full / copy:6.1f}x a plain copy of OUT ({copy:.2f} s)")
    print(f"  rebuild, nothing changed   {again:7.2f} s   {again / full:6.2f}x the full build")
    print(f"  after one new meeting      {incremental:7.2f} s   {incremental / full:6.2f}x the full build   ({said})")


if __name__ == "__main__":
    main()
