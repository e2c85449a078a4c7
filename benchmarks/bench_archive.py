"""Whole-archive throughput and memory: text and PDF minutes -> every format, --jobs 1 and 2 in one run.

    python benchmarks/bench_archive.py               # 200 documents
    python benchmarks/bench_archive.py --count 40    # a quick check

Builds an archive of COUNT documents (copies of the seeds, of the corpus minutes turned into text
with pdftotext, and of the corpus minutes PDFs themselves, spread over nested folders), converts
it with the ``referat`` command as a child process per run (default PDF engine), and reports
documents/s, the scaling ratio of --jobs 2 over --jobs 1, and each process's own peak resident
memory: the main process and every worker of the pool, read from /proc/PID/status (VmHWM, the
kernel's high-water mark of that process alone) while the run goes on, so a worker's peak is
its own and not its parent's. Then whether a worker's peak grows from COUNT/4 to COUNT documents,
and the cost per output format (ms per document, and relative to the canonical XML writer as the
peer) so the slowest writer is visible. No assertion on time: this is a report, not a test.
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
    """The seeds, the corpus minutes PDFs, and those PDFs as text (the Aarhus attachment is not
    minutes)."""
    found = sorted((SHARED / "seeds").glob("*.txt"))
    found += sorted((SHARED / "corpus").glob("*referat*.pdf")) + sorted((SHARED / "corpus").glob("*punkt2*.pdf"))
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


def _descendants(pid: int) -> list[int]:
    """``pid`` and every process below it, from /proc/*/stat (Linux)."""
    parents: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended while we looked
        parents.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        todo.extend(parents.get(p, ()))
    return found


def _high_water_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def run_cli(archive: Path, out: Path, formats: list[str], jobs: int) -> tuple[float, float, list[float], int]:
    """Seconds, the main process's peak RSS (MB), each worker's own peak RSS (MB), exit status."""
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
    peaks: dict[int, float] = {}
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=err)
        while proc.poll() is None:  # VmHWM only grows, so sampling a live process loses nothing
            for pid in _descendants(proc.pid):
                mb = _high_water_mb(pid)
                if mb is not None:
                    peaks[pid] = max(peaks.get(pid, 0.0), mb)
            time.sleep(0.05)
        seconds = time.perf_counter() - start
        err.seek(0)
        message = err.read().decode(errors="replace")
    if proc.returncode not in (0, 1):
        sys.exit(f"referat failed ({proc.returncode}):\n{message}")
    main_mb = peaks.pop(proc.pid, 0.0)
    return seconds, main_mb, sorted(peaks.values()), proc.returncode


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200, help="documents in the archive (default 200)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds over the sources for the per-format cost")
    args = parser.parse_args()
    formats = writers.installed()
    with tempfile.TemporaryDirectory(prefix="referat-bench-") as tmp:
        work = Path(tmp)
        seeds = sources(work)
        archive, small = work / "archive", work / "archive-quarter"
        mb = build_archive(archive, args.count, seeds) / 1e6
        build_archive(small, max(1, args.count // 4), seeds)
        print(
            f"archive: {args.count} documents ({mb:.1f} MB) from {len(seeds)} sources "
            f"({sum(p.suffix == '.pdf' for p in seeds)} of them PDF); "
            f"formats: {', '.join(formats)}; {os.cpu_count()} cores"
        )
        runs = {}
        for jobs in (1, 2):
            seconds, main_mb, workers_mb, status = run_cli(archive, work / f"out{jobs}", formats, jobs)
            runs[jobs] = seconds
            each = ", ".join(f"{w:.0f}" for w in workers_mb) or "none (in-process)"
            print(
                f"--jobs {jobs}: {seconds:7.1f} s  {args.count / seconds:7.1f} documents/s  "
                f"peak RSS: main {main_mb:4.0f} MB, each child (workers, forkserver) {each} MB  (exit {status})"
            )
        print(f"scaling --jobs 2 / --jobs 1: {runs[1] / runs[2]:.2f}x")
        _, _, small_mb, _ = run_cli(small, work / "outq", formats, 2)
        largest_small = max(small_mb, default=0.0)
        largest = max(run_cli(archive, work / "outf", formats, 2)[2], default=0.0)
        print(
            f"largest worker's own peak, --jobs 2, {max(1, args.count // 4)} -> {args.count} documents: "
            f"{largest_small:.0f} MB -> {largest:.0f} MB ({largest / max(largest_small, 1):.2f}x)"
        )
        cost = per_format(seeds, formats, work, args.rounds)
        peer = cost.get("xml") or 1
        print("cost per document (ms; ratio to the canonical XML writer):")
        for name, ms in sorted(cost.items(), key=lambda kv: -kv[1]):
            print(f"  {name:6} {ms:8.2f} ms  {ms / peer:6.1f}x")


if __name__ == "__main__":
    main()
