"""Text reader throughput: ``convert.read`` on text extractions next to the floor of a plain
pass over the same bytes (read the file, decode it, split it into lines), in the same run.

Inputs: the two seeds (../shared/seeds), pdftotext output of the Ballerup and Aarhus minutes
(when poppler's pdftotext is installed), and a generated document of 1,000 items in the seeds'
style (tests/render_text.py, with a running header every 97 lines). Reported per input:
documents/s and MB/s for the reader and the floor, and the ratio (how many times the floor's
time the reader takes). Then the shapes of tests/readers/test_text_linear.py at n and 4n: a
linear reader takes about 4x the time for 4x the input; a quadratic step shows up as ~16x.

Memory (issue 11, point 5), with ``--memory 5,20,50`` (MB of generated text, tests/render_text.py
``long_text``): the peak resident set (VmHWM) of a fresh process running ``referat convert
big.txt --to xml -o big.xml`` as the command line does, next to a peer process that only reads
the file and splits it into lines (``open().read().splitlines()``), each as a ratio to the input
size, and what the input adds over the same command on a 200 KB text. With ``--tracemalloc``,
also the peak of Python's own allocations (tracemalloc) while reading and writing, in a fresh
process (slow: tracemalloc makes the run several times longer).

    .venv/bin/python benchmarks/bench_text_reader.py [--repeat 5] [--memory 5,20,50 [--tracemalloc]]
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import convert  # noqa: E402
from convert.readers.text import decode  # noqa: E402
from tests.readers import test_text_linear as shapes  # noqa: E402
from tests.readers.test_text_memory import peak_bytes  # noqa: E402
from tests.render_text import long_text, make_minutes, render  # noqa: E402

SHARED = ROOT.parent / "shared"


def inputs(folder: Path) -> list[Path]:
    paths = sorted((SHARED / "seeds").glob("*.txt"))
    if shutil.which("pdftotext"):
        for name in ("ballerup_sundheds-forebyggelsesudvalget_referat_2012-12-04", "aarhus_byraad_referat_2025-08-27"):
            out = folder / f"{name}.txt"
            subprocess.run(["pdftotext", "-layout", str(SHARED / "corpus" / f"{name}.pdf"), str(out)],
                           check=True, capture_output=True)  # fmt: skip
            paths.append(out)
    big = make_minutes(random.Random(1000), items=1000)
    text, _ = render(big, 90, tuple(range(97, 10**7, 97)), True, False)
    generated = folder / "generated_1000_items.txt"
    generated.write_text(text, encoding="utf-8")
    return [*paths, generated]


def floor(path: Path) -> int:
    """The least any reader must do: read the bytes, decode them, split them into lines."""
    data = path.read_bytes()
    return len(decode(data, path.name).splitlines())


def ours(path: Path) -> int:
    return len(convert.read(path).items)


def best(fn, arg, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn(arg)
        times.append(time.perf_counter() - t)
    return min(times)


_PEER = """
import sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
with open("/proc/self/status") as f:
    print(next(line.split()[1] for line in f if line.startswith("VmHWM:")))
"""
_TRACED = """
import sys, tracemalloc
from pathlib import Path
import convert
from convert.writers import xml
tracemalloc.start()
minutes = convert.read(sys.argv[1])
read_peak = tracemalloc.get_traced_memory()[1]
xml.write(minutes, Path(sys.argv[2]))
print(read_peak, tracemalloc.get_traced_memory()[1])
"""


def _run(code: str, *args: str) -> list[int]:
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True)
    return [int(n) for n in out.stdout.split()]


def memory(sizes: list[float], traced: bool) -> None:
    print("\nmemory: peak resident set of the whole process, as a multiple of the input's size")
    print(f"{'input MB':>8} {'referat MB':>10} {'ratio':>6} {'added':>6} {'peer MB':>8} {'ratio':>6} {'vs peer':>7}"
          + (f" {'traced read':>11} {'traced all':>10}" if traced else ""))  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        small = Path(tmp) / "small.txt"
        small.write_text(long_text(200_000, seed=3), encoding="utf-8")
        base = peak_bytes(small, Path(tmp) / "small.xml")
        for mb in sizes:
            big = Path(tmp) / "big.txt"
            big.write_text(long_text(int(mb * 1e6), seed=3), encoding="utf-8")
            size = big.stat().st_size
            ours = peak_bytes(big, Path(tmp) / "big.xml")
            peer = _run(_PEER, str(big))[0] * 1024
            row = (f"{size / 1e6:8.1f} {ours / 1e6:10.0f} {ours / size:5.1f}x {(ours - base) / size:5.1f}x "
                   f"{peer / 1e6:8.0f} {peer / size:5.1f}x {ours / peer:6.1f}x")  # fmt: skip
            if traced:
                read_peak, all_peak = _run(_TRACED, str(big), str(Path(tmp) / "traced.xml"))
                row += f" {read_peak / size:10.1f}x {all_peak / size:9.1f}x"
            print(row, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement; the best is kept")
    parser.add_argument("--memory", help="measure memory instead, at these sizes of generated text (MB): 5,20,50")
    parser.add_argument("--tracemalloc", action="store_true", help="with --memory: also Python's own allocations")
    args = parser.parse_args()
    if args.memory:
        memory([float(mb) for mb in args.memory.split(",")], args.tracemalloc)
        return
    with tempfile.TemporaryDirectory() as tmp:
        paths = inputs(Path(tmp))
        print(f"{'input':48} {'KB':>7} {'items':>5} {'reader docs/s':>13} {'MB/s':>6} "
              f"{'floor docs/s':>12} {'MB/s':>6} {'ratio':>6}")  # fmt: skip
        ratios = []
        for path in paths:
            size = path.stat().st_size
            t_ours, t_floor = best(ours, path, args.repeat), best(floor, path, args.repeat)
            ratios.append(t_ours / t_floor)
            mb = size / 1e6
            print(
                f"{path.name[:48]:48} {size / 1e3:7.1f} {ours(path):5d} {1 / t_ours:13.1f} {mb / t_ours:6.2f} "
                f"{1 / t_floor:12.1f} {mb / t_floor:6.1f} {t_ours / t_floor:5.0f}x"
            )
        print(f"reader / floor, geometric mean: {statistics.geometric_mean(ratios):.0f}x the time of a plain pass")
    print("\nlinearity: time at 4n / time at n (linear ~4, quadratic ~16)")
    for make, n in [
        (shapes.generated, 50),
        (shapes.many_points, 1000),
        (shapes.long_paragraph, 5000),
        (shapes.unclosed_attachments, 1000),
    ]:
        small, large = make(n), make(4 * n)
        t_small = best(lambda d: convert.readers.read_bytes(d, "x.txt", "text"), small, args.repeat)
        t_large = best(lambda d: convert.readers.read_bytes(d, "x.txt", "text"), large, args.repeat)
        ratio = t_large / t_small
        print(f"  {make.__name__:22} {len(small) / 1e3:8.0f} KB -> {len(large) / 1e3:8.0f} KB  {ratio:5.1f}x")


if __name__ == "__main__":
    main()
