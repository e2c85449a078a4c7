"""OCR throughput, and the engines side by side, on the scanned test set (tests/readers/scans.py).

1. Engines: Tesseract 5 with Debian's Danish data (what referat uses) and, when the package is
   installed, RapidOCR (``rapidocr-onnxruntime``, the PP-OCR models shipped in its wheel), on the
   same scanned pages at 200 and 300 dpi: word accuracy against the text-layer reading, seconds
   per page. RapidOCR is not a dependency; install it into the venv to measure it.
2. Throughput: scanned minutes converted with ``referat convert --to xml`` at ``--jobs 1`` and
   ``--jobs 2``: OCR pages/s; and, read in this process, the share of the time spent in OCR
   (rendering, setting straight, Tesseract) against the rest of the reader.

    .venv/bin/python benchmarks/bench_ocr.py [--pages 4] [--files 4]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pypdfium2 as pdfium  # noqa: E402

from convert import archive  # noqa: E402
from convert.readers import read_bytes  # noqa: E402
from convert.readers.pdf import ocr  # noqa: E402
from tests.readers.scans import generated_minutes, page_words, scan, word_accuracy  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
PAGES = [  # (file, 0-based page): running text, a front page, a table of contents
    (CORPUS / "ballerup" / "ballerup_sfu_2012-12-04_item_1552817.pdf", 0),
    (CORPUS / "ballerup_sundheds-forebyggelsesudvalget_referat_2012-12-04.pdf", 1),
    (CORPUS / "aarhus_byraad_referat_2025-08-27.pdf", 2),
    (CORPUS / "sbsys" / "sbsys_Publication32_enclosure_1.pdf", 0),
]


def _images(data: bytes) -> list:
    doc = pdfium.PdfDocument(data)
    try:
        return [doc[i].render(scale=ocr.DPI / 72, grayscale=True).to_pil().convert("L") for i in range(len(doc))]
    finally:
        doc.close()


def _rapidocr():
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError:
        return None
    engine = RapidOCR()

    def words(image) -> list[str]:
        found, _ = engine(image)
        lines = sorted(found or [], key=lambda r: (round(min(p[1] for p in r[0]) / 20), min(p[0] for p in r[0])))
        return [w for _, text, _ in lines for w in text.split()]

    return words


def _tesseract(image) -> list[str]:
    page = ocr.read_image(image, 1, image.width * 72 / ocr.DPI, image.height * 72 / ocr.DPI)
    return [w for pl in page.lines for w in pl.line.text.split()]


def engines() -> None:
    contenders = {"tesseract": _tesseract}
    rapid = _rapidocr()
    if rapid is None:
        print("RapidOCR: not installed (pip install rapidocr-onnxruntime to measure it)")
    else:
        contenders["rapidocr"] = rapid
    for dpi in (200, 300):
        for name, read in contenders.items():
            right = total = 0
            seconds = 0.0
            for path, index in PAGES:
                data = path.read_bytes()
                truth = page_words(data, path.name)[index]
                image = _images(scan(data, dpi, seed=index, pages=range(index, index + 1)))[0]
                start = time.perf_counter()
                got = read(image)
                seconds += time.perf_counter() - start
                right += round(word_accuracy(truth, got) * len(truth))
                total += len(truth)
            print(f"engine {name:10} {dpi} dpi: word accuracy {right / total:.2%} ({total} words), "
                  f"{seconds / len(PAGES):.2f} s/page")


def throughput(files: int, pages: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "scans"
        folder.mkdir()
        for seed in range(files):
            minutes = generated_minutes(seed, items=3)
            count = len(pdfium.PdfDocument(minutes))
            (folder / f"scan-{seed}.pdf").write_bytes(scan(minutes, 300, seed, range(min(pages, count))))
        total_pages = sum(len(pdfium.PdfDocument(p.read_bytes())) for p in folder.iterdir())
        for jobs in (1, 2):
            start = time.perf_counter()
            summary = archive.run([str(folder)], ["xml"], Path(tmp) / f"out{jobs}", jobs=jobs, force=True)
            seconds = time.perf_counter() - start
            print(f"referat convert --jobs {jobs}: {total_pages} scanned pages in {seconds:.1f} s = "
                  f"{total_pages / seconds:.2f} pages/s ({summary.line()})")
        ocr.STATS.pages, ocr.STATS.seconds = 0, 0.0
        shares = []
        start = time.perf_counter()
        for path in sorted(folder.iterdir()):
            begun, before = time.perf_counter(), ocr.STATS.seconds
            read_bytes(path.read_bytes(), path.name)
            shares.append((ocr.STATS.seconds - before) / (time.perf_counter() - begun))
        seconds = time.perf_counter() - start
        print(f"in one process: {ocr.STATS.pages} pages OCR'd, {ocr.STATS.seconds:.1f} s of {seconds:.1f} s in OCR "
              f"({ocr.STATS.seconds / seconds:.1%}; per file median {statistics.median(shares):.1%})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=4)
    parser.add_argument("--pages", type=int, default=2, help="pages per scanned file")
    args = parser.parse_args()
    engines()
    throughput(args.files, args.pages)


if __name__ == "__main__":
    main()
