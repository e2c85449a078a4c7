"""A municipality's whole archive from its structured export: Greve's 288 FirstAgenda meetings.

    python benchmarks/bench_exports.py                 # the archive to every format, --jobs 2
    python benchmarks/bench_exports.py --to xml,xlsx   # fewer formats
    python benchmarks/bench_exports.py --no-archive    # only the in-process measurements

Three figures in one run, on ../shared/corpus:

1. ``referat convert greve/ --to all --combine --jobs 2`` as a child process: documents/s and the
   peak resident memory of the largest process (wait4(2) rusage).
2. Where the time goes: reading and each writer, in milliseconds per meeting, in this process, on
   an even sample of the meetings (every committee and year), with each format's share.
3. The FirstAgenda JSON reader's time per agenda item (all 288 meetings) against the PDF reader's
   (the corpus minutes PDFs), the PDF reader being the peer that the exports make unnecessary.

No assertion on time: this is a report, not a test.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
GREVE = CORPUS / "greve"
sys.path.insert(0, str(ROOT))

import convert  # noqa: E402
from convert import writers  # noqa: E402


def archive_run(formats: list[str], out: Path, jobs: int) -> tuple[float, float, int]:
    """Seconds, peak RSS in MB of the largest process of the tree, exit status."""
    cmd = [sys.executable, "-m", "convert", "convert", str(GREVE), "--to", ",".join(formats), "--combine",
           "--out", str(out), "--jobs", str(jobs), "--quiet", "--force"]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"referat failed ({code}):\n{proc.stderr.read().decode() if proc.stderr else ''}")
    return seconds, usage.ru_maxrss / 1024, code


def per_format(paths: list[Path], formats: list[str], work: Path) -> dict[str, float]:
    """Milliseconds per meeting for reading and for each writer."""
    cost = {"read": 0.0, **{f: 0.0 for f in formats}}
    for path in paths:
        t = time.perf_counter()
        minutes = convert.read(path)
        cost["read"] += time.perf_counter() - t
        for fmt in formats:
            t = time.perf_counter()
            convert.write(minutes, fmt, work / f"x{writers.FORMATS[fmt].extension}")
            cost[fmt] += time.perf_counter() - t
    return {k: 1000 * v / len(paths) for k, v in cost.items()}


def per_item(paths: list[Path]) -> tuple[float, int]:
    """Milliseconds per agenda item of reading ``paths``, and the number of items."""
    items, seconds = 0, 0.0
    for path in paths:
        t = time.perf_counter()
        try:
            minutes = convert.read(path)
        except convert.ReferatError:
            continue
        seconds += time.perf_counter() - t
        items += len(minutes.items)
    return (1000 * seconds / items if items else float("nan")), items


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--to", default="all", help="formats for the archive run (default: all)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--sample", type=int, default=24, help="meetings for the per-format figures (default 24)")
    parser.add_argument("--no-archive", action="store_true", help="skip the archive run")
    args = parser.parse_args()
    meetings = sorted(GREVE.glob("*.json"))
    if not meetings:
        sys.exit(f"no Greve meetings in {GREVE}")
    formats = writers.installed() if args.to == "all" else [f.strip() for f in args.to.split(",")]
    print(f"Greve archive: {len(meetings)} FirstAgenda JSON meetings; formats: {', '.join(formats)}")

    with tempfile.TemporaryDirectory(prefix="bench_exports_") as tmp:
        work = Path(tmp)
        if not args.no_archive:
            seconds, rss, code = archive_run(formats, work / "out", args.jobs)
            print(f"\n1. referat convert greve/ --to {args.to} --combine --jobs {args.jobs}")
            rate = len(meetings) / seconds
            print(f"   {seconds:8.1f} s  {rate:6.2f} documents/s  peak RSS {rss:.0f} MB  exit {code}")

        step = max(1, len(meetings) // args.sample)
        sample = meetings[::step][: args.sample]
        cost = per_format(sample, formats, work)
        total = sum(cost.values())
        print(f"\n2. where the time goes, ms per meeting ({len(sample)} meetings, one process)")
        for name, ms in sorted(cost.items(), key=lambda kv: -kv[1]):
            print(f"   {name:8} {ms:9.1f} ms  {100 * ms / total:5.1f} %")
        print(f"   {'total':8} {total:9.1f} ms  = {1000 / total:.2f} documents/s on one core")

    json_ms, json_items = per_item(meetings)
    pdfs = sorted(CORPUS.glob("*referat*.pdf"))
    pdf_ms, pdf_items = per_item(pdfs)
    print("\n3. reading, ms per agenda item")
    print(f"   FirstAgenda JSON {json_ms:8.2f} ms  ({json_items} items in {len(meetings)} meetings)")
    print(f"   PDF (peer)       {pdf_ms:8.2f} ms  ({pdf_items} items in {len(pdfs)} PDFs)")
    if json_ms > 0 and pdf_items:
        print(f"   the JSON reader is {pdf_ms / json_ms:.0f}x faster per item")


if __name__ == "__main__":
    main()
