"""Does a speed change leave every reading as it was? Dumps the canonical XML and the warnings of
the readers' results on a fixed set of inputs into a folder, and compares two such folders.

Inputs: every document of ../shared/corpus (PDFs read without OCR, so a scanned enclosure is
refused at once rather than read for minutes; a sample of Greve's JSON by ``--greve``), the seeds,
a 200-page generated PDF, and minutes of every house style of the layout generator
(tests/layouts/) in ``--examples`` geometries each, read as PDF and through ``pdftotext`` with and
without ``-layout``. Run it before a change and after, then compare:

    python benchmarks/same_output.py dump /tmp/before
    python benchmarks/same_output.py dump /tmp/after
    python benchmarks/same_output.py compare /tmp/before /tmp/after
"""

from __future__ import annotations

import argparse
import re
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lxml import etree  # noqa: E402

from convert.canonical import to_element  # noqa: E402
from convert.errors import ReferatError  # noqa: E402
from convert.readers import read_bytes  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
SEEDS = ROOT.parent / "shared" / "seeds"


def _inputs(greve: int, examples: int):
    """(name, bytes, file name to read it as) for every input, made on the way."""
    for path in sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.suffix != ".md"):
        if path.parent.name == "greve":
            continue
        yield path.relative_to(CORPUS).as_posix(), path.read_bytes(), path.name
    for path in sorted((CORPUS / "greve").glob("*.json"))[:: max(1, 288 // greve) if greve else 10**6]:
        yield f"greve/{path.name}", path.read_bytes(), path.name
    for path in sorted(SEEDS.glob("*.txt")):
        yield f"seeds/{path.name}", path.read_bytes(), path.name
    from tests.readers.pdf_samples import long_minutes

    ballerup = CORPUS / "ballerup_sundheds-forebyggelsesudvalget_referat_2012-12-04.pdf"
    yield "generated-200-pages.pdf", long_minutes(ballerup, 200), "g.pdf"
    if examples:
        from benchmarks.accuracy import _examples
        from tests.layouts import families, measure

        for k, (m, g) in enumerate(_examples(examples)):
            for family in families.FAMILIES:
                pdf, _ = families.pdf(m, family, g)
                for route in measure.ROUTES:
                    data = measure.extract(pdf, route)
                    yield f"layouts/{family.name}-{k}-{route}", data, "g.pdf" if route == "pdf" else "g.txt"


def _reading(data: bytes, name: str) -> bytes:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            minutes = read_bytes(data, name, ocr="never")
        except ReferatError as exc:
            return f"error: {exc}\n".encode()
    told = "".join(f"warning: {w.message}\n" for w in caught)
    return told.encode() + etree.tostring(to_element(minutes), encoding="utf-8", pretty_print=True)


def dump(out: Path, greve: int, examples: int) -> None:
    out.mkdir(parents=True, exist_ok=True)
    n = 0
    for key, data, name in _inputs(greve, examples):
        (out / (key.replace("/", "__") + ".out")).write_bytes(_reading(data, name))
        n += 1
    print(f"{n} readings in {out}")


def _of(path: Path) -> bytes | None:
    # A generated PDF carries a new file identifier each time it is made: its hash is no reading.
    return re.sub(rb'sha256="[0-9a-f]*"', b"", path.read_bytes()) if path.exists() else None


def compare(a: Path, b: Path) -> int:
    names = sorted({p.name for p in a.glob("*.out")} | {p.name for p in b.glob("*.out")})
    changed = [n for n in names if _of(a / n) != _of(b / n)]
    for n in changed:
        print(f"differs: {n}")
    print(f"{len(names) - len(changed)} of {len(names)} readings the same")
    return 1 if changed else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump", help="read every input and write what the readers give into a folder")
    d.add_argument("out", type=Path)
    d.add_argument("--greve", type=int, default=30, help="how many of Greve's 288 JSON meetings (default 30)")
    d.add_argument("--examples", type=int, default=3, help="generated minutes per house style (default 3)")
    c = sub.add_parser("compare", help="compare two dumps; exit status 1 when any reading differs")
    c.add_argument("a", type=Path)
    c.add_argument("b", type=Path)
    args = parser.parse_args()
    if args.command == "dump":
        dump(args.out, args.greve, args.examples)
    else:
        sys.exit(compare(args.a, args.b))


if __name__ == "__main__":
    main()
