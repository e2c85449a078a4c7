"""OCR word accuracy and field agreement on the scanned test set (tests/readers/scans.py).

Corpus PDFs and generated minutes rendered at 200 and 300 dpi, grey, askew, noisy,
JPEG-compressed, read back with OCR: word accuracy per page against the reading of the original
text layer, and field agreement of the minutes read from the scan against those read from the
original.

    python benchmarks/accuracy_ocr.py [--pages N] [--dpi 200,300] [FILE.pdf ...]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from convert.readers import read_bytes  # noqa: E402
from tests.readers.scans import (  # noqa: E402
    bag_accuracy,
    field_agreement,
    generated_minutes,
    page_words,
    pages_of,
    scan,
    word_accuracy,
)

CORPUS = ROOT.parent / "shared" / "corpus"


def sample_files() -> list[tuple[str, bytes]]:
    files = [
        CORPUS / "ballerup_sundheds-forebyggelsesudvalget_referat_2012-12-04.pdf",
        CORPUS / "aarhus_byraad_referat_2025-08-27.pdf",
        *sorted((CORPUS / "ballerup").glob("*item_*.pdf")),
        CORPUS / "sbsys" / "sbsys_Publication32_enclosure_1.pdf",
        CORPUS / "aarhus_bilag_sager-paa-vej_sundhed-omsorg_2025-08-29.pdf",
    ]
    out = [(p.name, p.read_bytes()) for p in files if p.exists()]
    out += [(f"generated-{seed}", generated_minutes(seed)) for seed in range(2)]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--pages", type=int, default=3, help="pages per file (default 3)")
    parser.add_argument("--dpi", default="200,300")
    parser.add_argument("--fields", action="store_true", help="also read the minutes and compare fields")
    args = parser.parse_args()
    files = [(p.name, p.read_bytes()) for p in args.files] if args.files else sample_files()
    for dpi in (int(d) for d in args.dpi.split(",")):
        right = total = bag = 0
        agreements: list[float] = []
        seconds = 0.0
        pages = 0
        for name, data in files:
            truth = page_words(data, name)
            chosen = range(min(args.pages, len(truth)))
            scanned = scan(data, dpi, seed=len(name), pages=chosen)
            start = time.perf_counter()
            read = page_words(scanned, name)
            seconds += time.perf_counter() - start
            pages += len(chosen)
            for i in chosen:
                acc, unordered = word_accuracy(truth[i], read[i]), bag_accuracy(truth[i], read[i])
                right += round(acc * len(truth[i]))
                bag += round(unordered * len(truth[i]))
                total += len(truth[i])
                print(f"{dpi} dpi  {name[:50]:50} p{i + 1:<3} words {len(truth[i]):5}  accuracy {acc:6.1%}"
                      f"  in any order {unordered:6.1%}")
            if args.fields:
                try:
                    truth_minutes = read_bytes(pages_of(data, chosen), name)
                    agreement = field_agreement(truth_minutes, read_bytes(scanned, name))
                except Exception as exc:  # not minutes, in the original too: nothing to compare
                    print(f"{dpi} dpi  {name[:50]:50} fields: {exc}")
                else:
                    agreements.append(agreement)
                    print(f"{dpi} dpi  {name[:50]:50} fields {agreement:6.1%}")
        print(f"== {dpi} dpi: word accuracy {right / max(total, 1):.2%} (in any order {bag / max(total, 1):.2%}) "
              f"over {total} words, {pages} pages, "
              f"{pages / seconds:.2f} pages/s")
        if agreements:
            mean = sum(agreements) / len(agreements)
            print(f"== {dpi} dpi: field agreement {mean:.1%} (mean of {len(agreements)} minutes)")


if __name__ == "__main__":
    main()
