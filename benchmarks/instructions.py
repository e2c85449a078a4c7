"""Instructions executed by one warm PDF read, ours next to pypdfium2's plain text extraction, as
counted by Valgrind's callgrind: the same count on every run, where CPU time on a shared machine
swings by 10-20 % between runs (bench_pdf_reader.py's ratios move with it). For A/B work on the
reader: count the code before and after a change. Slow (about a minute a count under Valgrind),
so ``make bench`` does not run it.

A warm read is counted as a process reading the file twice less one reading it once, so start-up,
imports and first-use caches are not counted.

    .venv/bin/python benchmarks/instructions.py [PDF ...] [--code DIR]
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
DEFAULT = [
    CORPUS / "ballerup_sundheds-forebyggelsesudvalget_referat_2012-12-04.pdf",
    CORPUS / "aarhus_byraad_referat_2025-08-27.pdf",
]

_READ = """
import sys
sys.path.insert(0, sys.argv[1])
data = open(sys.argv[2], "rb").read()
if sys.argv[4] == "ours":
    from convert.model import Source
    from convert.readers import pdf
    for _ in range(int(sys.argv[3])):
        pdf.read(data, Source(file="x.pdf", format="pdf", sha256="0"))
else:
    import pypdfium2
    for _ in range(int(sys.argv[3])):
        doc = pypdfium2.PdfDocument(data)
        for page in doc:
            textpage = page.get_textpage()
            textpage.get_text_bounded()
            textpage.close()
            page.close()
        doc.close()
"""


def _count(code: Path, pdf: Path, reads: int, side: str) -> int:
    run = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, "-c", _READ,
         str(code), str(pdf), str(reads), side],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    found = re.search(r"Collected : (\d+)", run.stderr)
    if found is None:
        raise SystemExit(f"valgrind gave no count for {pdf.name}:\n{run.stderr[-2000:]}")
    return int(found.group(1))


def warm(code: Path, pdf: Path, side: str) -> int:
    return _count(code, pdf, 2, side) - _count(code, pdf, 1, side)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="*", type=Path, default=DEFAULT)
    parser.add_argument("--code", type=Path, default=ROOT, help="the checkout whose convert/ is counted")
    args = parser.parse_args()
    if not shutil.which("valgrind"):
        raise SystemExit("valgrind is not installed (Debian: apt-get install valgrind)")
    for pdf in args.pdfs:
        ours, plain = warm(args.code, pdf, "ours"), warm(args.code, pdf, "plain")
        print(f"{pdf.name[:48]:48} ours {ours / 1e6:8.0f} M  pypdfium2 {plain / 1e6:8.0f} M  {ours / plain:.2f}x")


if __name__ == "__main__":
    main()
