"""How right the readers are, field by field (``make accuracy``).

Per corpus document with a truth to compare with (the eDoc export, the checked golden dumps):
fields right / fields (``convert.compare``) and the words of ``pdftotext`` found in the canonical
document, content or furniture (tests/lossless.py). Per house style of the layout generator
(tests/layouts/): the same, over N generated minutes in varied geometry, through the PDF reader
and through ``pdftotext`` and ``pdftotext -layout`` into the text reader. Prints a Markdown table
for the README.

    python benchmarks/accuracy.py [--examples N]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import convert  # noqa: E402
from convert.compare import compare, load  # noqa: E402
from convert.errors import ReferatError  # noqa: E402
from tests.layouts import content, families, measure  # noqa: E402
from tests.layouts.geometry import geometries  # noqa: E402
from tests.lossless import missing_words, words  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
GOLDEN = ROOT / "tests" / "golden" / "native"
EXPORT = CORPUS / "ballerup_sundheds-forebyggelsesudvalget_2012-12-04_eDocAgendaPublishing.xml"
CASES = [
    ("eDoc export", EXPORT, CORPUS / "ballerup_sundheds-forebyggelsesudvalget_referat_2012-12-04.pdf", False),
    *[("eDoc export", EXPORT, pdf, True) for pdf in sorted((CORPUS / "ballerup").glob("*_item_*.pdf"))],
    (
        "golden",
        GOLDEN / "pdf_ballerup_sundheds-forebyggelsesudvalget_2012-12-04_punkt2_only.txt",
        CORPUS / "ballerup_sundheds-forebyggelsesudvalget_2012-12-04_punkt2_only.pdf",
        False,
    ),
    (
        "golden",
        GOLDEN / "pdf_aarhus_byraad_referat_2025-08-27.txt",
        CORPUS / "aarhus_byraad_referat_2025-08-27.pdf",
        False,
    ),
]


def _kept(text: str, minutes) -> float:
    total = sum(words(text).values())
    return 100.0 * (1 - sum(missing_words(text, minutes).values()) / total) if total else 100.0


def _pdftotext(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True
    ).stdout.decode()


def corpus_rows() -> list[str]:
    rows = []
    for truth, expected, pdf, part in CASES:
        minutes = convert.read(pdf)
        report = compare(load(expected), minutes, part=part)
        kept = _kept(_pdftotext(pdf), minutes)
        rows.append(
            f"| {pdf.name} | PDF vs {truth} | {report.right}/{report.total} ({report.percent:.1f} %) | {kept:.1f} % |"
        )
    return rows


def _examples(n: int) -> list:
    found = []

    @settings(max_examples=n, derandomize=True, database=None, deadline=None, suppress_health_check=list(HealthCheck))
    @given(content.minutes(), geometries, st.integers(0, len(families.FAMILIES) - 1))
    def collect(m, g, k):
        found.append((m, g))

    collect()
    return found[:n]


def family_rows(n: int) -> list[str]:
    rows = []
    examples = _examples(n)
    for family in families.FAMILIES:
        for route in measure.ROUTES:
            right = total = 0
            kept_sum = 0.0
            worst = 100.0
            for m, g in examples:
                pdf, expected = families.pdf(m, family, g)
                report = measure.measure(pdf, expected, route)
                right, total = right + report.right, total + report.total
                worst = min(worst, report.percent)
                text = measure.extract(pdf, "pdftotext").decode()
                try:
                    data = measure.extract(pdf, route)
                    actual = convert.readers.read_bytes(data, "g.pdf" if route == "pdf" else "g.txt")
                    kept_sum += _kept(text, actual)
                except ReferatError:
                    pass
            pct = 100.0 * right / total if total else 100.0
            kept = kept_sum / len(examples)
            rows.append(
                f"| {family.name} | {route} | {right}/{total} ({pct:.1f} %, worst {worst:.0f} %) | {kept:.1f} % |"
            )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=5, help="generated minutes per family (default 5)")
    args = parser.parse_args()
    print("| document | compared with | fields right | words kept |")
    print("| --- | --- | --- | --- |")
    for row in corpus_rows():
        print(row, flush=True)
    print()
    print(f"| house style ({args.examples} generated minutes each) | route | fields right | words kept |")
    print("| --- | --- | --- | --- |")
    for row in family_rows(args.examples):
        print(row, flush=True)


if __name__ == "__main__":
    main()
