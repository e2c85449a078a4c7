"""Whole-archive throughput and memory: text -> every format, with --jobs 1 and --jobs 2 in one run.

    python benchmarks/bench_archive.py               # 1,000 documents
    python benchmarks/bench_archive.py --count 100   # a quick check

Builds an archive of COUNT text documents (copies of the seeds and of the corpus minutes turned
into text with pdftotext, spread over nested folders), converts it with the ``referat`` command
as a child process per run, and reports documents/s, the peak resident memory of the process
tree (wait4(2) rusage: the largest process, the main one or a worker), the scaling ratio of
--jobs 2 over --jobs 1, whether memory grows from COUNT/4 to COUNT documents, and the cost per
output format (ms per document, and relative to the canonical XML writer as the peer) so the
slowest writer is visible. No assertion on time: this is a report, not a test.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

import convert  # noqa: E402
from convert import writers  # noqa: E402


def sources(work: Path) -> list[Path]:
    """The seeds, and the corpus minutes as text (the Aarhus attachment is not minutes)."""
    found = sorted((SHARED / "seeds").glob("*.txt"))
    if shutil.which("pdftotext"):
        for pdf in sorted((SHARED / "corpus").glob("*referat*.pdf")):
            txt = work / (pdf.stem + ".txt")
            subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), str(txt)], check=True, stderr=subprocess.DEVNULL)
            try:
                convert.read(txt)
            except convert.ReferatError:
                continue  # not read as minutes by this version: leave it out of the archive
            found.append(txt)
    return found


def build_archive(dest: Path, count: int, seeds: list[Path]) -> int:
    size = 0
    for i in range(count):
        src = seeds[i % len(seeds)]
        folder = dest / f"{2010 + i % 12}" / f"udvalg{i % 7}"
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{i:05}_{src.name}"
        shutil.copyfile(src, target)
        size += target.stat().st_size
    return size


def run_cli(archive: Path, out: Path, formats: list[str], jobs: int) -> tuple[float, float, int]:
    """Seconds, peak RSS in MB of the whole process tree, exit status."""
    cmd = [
        sys.executable,
        "-m",
        "convert",
        "convert",
        str(archive),
        "--to",
        ",".join(formats),
        "--out",
        str(out),
        "--jobs",
        str(jobs),
        "--quiet",
        "--force",
    ]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode not in (0, 1):
        sys.exit(f"referat failed ({proc.returncode}):\n{err}")
    return seconds, usage.ru_maxrss / 1024, proc.returncode


def per_format(seeds: list[Path], formats: list[str], work: Path, rounds: int) -> dict[str, float]:
    """Milliseconds per document for reading and for each writer, in this process."""
    cost = {"read": 0.0, **{f: 0.0 for f in formats}}
    n = 0
    for _ in range(rounds):
        for src in seeds:
            t = time.perf_counter()
            minutes = convert.read(src)
            cost["read"] += time.perf_counter() - t
            for fmt in formats:
                t = time.perf_counter()
                convert.write(minutes, fmt, work / f"x{writers.FORMATS[fmt].extension}")
                cost[fmt] += time.perf_counter() - t
            n += 1
    return {k: 1000 * v / n for k, v in cost.items()}


def installed() -> list[str]:
    names = []
    for fmt in writers.FORMATS:
        try:
            writers.module(fmt)
        except ImportError:
            continue
        names.append(fmt)
    return names


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000, help="documents in the archive (default 1000)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds over the sources for the per-format cost")
    args = parser.parse_args()
    formats = installed()
    with tempfile.TemporaryDirectory(prefix="referat-bench-") as tmp:
        work = Path(tmp)
        seeds = sources(work)
        archive, small = work / "archive", work / "archive-quarter"
        mb = build_archive(archive, args.count, seeds) / 1e6
        build_archive(small, max(1, args.count // 4), seeds)
        print(
            f"archive: {args.count} text documents ({mb:.1f} MB) from {len(seeds)} sources; "
            f"formats: {', '.join(formats)}; {os.cpu_count()} cores"
        )
        runs = {}
        for jobs in (1, 2):
            seconds, rss, status = run_cli(archive, work / f"out{jobs}", formats, jobs)
            runs[jobs] = seconds
            print(
                f"--jobs {jobs}: {seconds:7.1f} s  {args.count / seconds:7.1f} documents/s  "
                f"peak RSS {rss:6.0f} MB  (exit {status})"
            )
        print(f"scaling --jobs 2 / --jobs 1: {runs[1] / runs[2]:.2f}x")
        _, rss_small, _ = run_cli(small, work / "outq", formats, 1)
        _, rss_full, _ = run_cli(archive, work / "outf", formats, 1)
        print(
            f"memory growth, --jobs 1, {max(1, args.count // 4)} -> {args.count} documents: "
            f"{rss_small:.0f} MB -> {rss_full:.0f} MB ({rss_full / rss_small:.2f}x)"
        )
        cost = per_format(seeds, formats, work, args.rounds)
        peer = cost.get("xml") or 1
        print("cost per document (ms; ratio to the canonical XML writer):")
        for name, ms in sorted(cost.items(), key=lambda kv: -kv[1]):
            print(f"  {name:6} {ms:8.2f} ms  {ms / peer:6.1f}x")


if __name__ == "__main__":
    main()
