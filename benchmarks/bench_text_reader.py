"""Text reader throughput: ``convert.readers.text`` (decode, lines, recognizer) next to the floor
of a plain pass over the same bytes (read + decode + split into lines), in the same run.

Inputs: the two seeds, and generated Acadre-style minutes of 250 and 1,000 items built from the
seeds' own items (renumbered, so the recognizer sees many items). Reported: documents/s and MB/s
for both, the ratio reader/floor, and the growth of the reader's time from 250 to 1,000 items
(4x the input: about 4x the time means reading stays linear).

    .venv/bin/python benchmarks/bench_text_reader.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from convert.model import Source  # noqa: E402
from convert.readers import text  # noqa: E402

SEEDS = sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))


def generated(items: int) -> bytes:
    """Many numbered Acadre items: each seed's item under a header, one after another."""
    bodies = []
    for seed in SEEDS:
        body = seed.read_text(encoding="utf-8")
        bodies.append(body.split("Punkter til behandling", 1)[1])
    parts = ["Direktionen 01-06-2021 \n\n"]
    for n in range(1, items + 1):
        parts.append(f"{n}. Punkt nummer {n} til behandling \n\n" + bodies[n % len(bodies)])
    return "".join(parts).encode("utf-8")


def best(fn, data: bytes, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn(data)
        times.append(time.perf_counter() - start)
    return min(times)


def reader(data: bytes) -> None:
    minutes = text.read(data, Source("bench.txt", "text", hashlib.sha256(data).hexdigest()))
    assert minutes.items


def floor(data: bytes) -> None:
    assert data.decode("utf-8").splitlines()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    cases = [(s.name, s.read_bytes()) for s in SEEDS] + [
        ("generated 250 items", generated(250)),
        ("generated 1,000 items", generated(1000)),
    ]
    print(f"{'input':24} {'MB':>6} {'reader docs/s':>14} {'reader MB/s':>12} {'floor MB/s':>11} {'ratio':>7}")
    seconds = {}
    ratios = []
    for name, data in cases:
        r, f = best(reader, data, args.repeat), best(floor, data, args.repeat)
        seconds[name] = r
        mb = len(data) / 1e6
        ratios.append(r / f)
        print(f"{name:24} {mb:6.2f} {1 / r:14.1f} {mb / r:12.2f} {mb / f:11.1f} {r / f:7.0f}x")
    print(f"reader / floor, geometric mean: {statistics.geometric_mean(ratios):.0f}x the time of a plain pass")
    growth = seconds["generated 1,000 items"] / seconds["generated 250 items"]
    print(f"250 -> 1,000 items (4x the input): {growth:.2f}x the time (linear is about 4x)")


if __name__ == "__main__":
    main()
