"""PDF reader throughput and memory: our reader (pypdfium2 lines + the shared recognizer) next to
pypdfium2's plain text extraction (the floor: PDFium's own text, no layout, no recognition) and
pdfplumber's plain ``extract_text()`` (pdfminer.six) on the same files, in the same run.

Inputs: the minutes PDFs of ../shared/corpus and a generated 200-page minutes PDF (corpus pages
concatenated with pikepdf, so the pages are real eDoc and FirstAgenda pages). Reported: pages/s
for each side, the ratios (our time over pypdfium2's: the goal is at most 3x; pdfplumber's over
ours), by the wall clock and by CPU time (the steadier on a machine shared with other work),
then, as whole processes over a batch of 100 PDFs (start-up paid once by referat), one
``referat convert --to xml`` against ``pdftotext`` run on each file; and, on generated PDFs of 50, 200 and
800 pages, traced Python memory (tracemalloc: the peak while reading, what the returned model
keeps, and their difference, the reader's working memory) and growth of peak resident memory (a
child process each, so PDFium's memory is counted). pdfplumber is measured on 50 and 200 pages
only (800 would take minutes). Our reader spools the pages it reads to a temporary file and
recognizes items as the line stream passes, so its working memory stays flat as pages are
added; the model it returns grows with the document, by nature.

    .venv/bin/python benchmarks/bench_pdf_reader.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pdfplumber  # noqa: E402
import pypdfium2  # noqa: E402

from convert.model import Source  # noqa: E402
from convert.readers import pdf  # noqa: E402
from tests.readers.pdf_samples import long_minutes  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
MINUTES = [
    CORPUS / "ballerup_sundheds-forebyggelsesudvalget_referat_2012-12-04.pdf",
    CORPUS / "ballerup_sundheds-forebyggelsesudvalget_2012-12-04_punkt2_only.pdf",
    CORPUS / "aarhus_byraad_referat_2025-08-27.pdf",
]


def generated(pages: int) -> bytes:
    """Minutes of ``pages`` pages: the Ballerup minutes, then its item pages repeated."""
    return long_minutes(MINUTES[0], pages)


def ours(data: bytes, name: str):
    source = Source(file=name, format="pdf", sha256=hashlib.sha256(data).hexdigest())
    return pdf.read(data, source)


def plain(data: bytes, name: str) -> int:
    """pypdfium2's text of every page, as one string per page: the least a PDFium reader does."""
    doc = pypdfium2.PdfDocument(data)
    try:
        for page in doc:
            textpage = page.get_textpage()
            textpage.get_text_bounded()
            textpage.close()
            page.close()
        return len(doc)
    finally:
        doc.close()


def plumber(data: bytes, name: str) -> int:
    with pdfplumber.open(io.BytesIO(data)) as doc:
        for page in doc.pages:
            page.extract_text()
            page.close()  # pdfplumber caches per page; closing keeps the comparison fair
        return len(doc.pages)


def timed(fns: list, data: bytes, name: str, repeat: int) -> list[tuple[int, float, float]]:
    """For each of ``fns``: pages, and the best wall-clock and CPU seconds of ``repeat`` runs. The
    runs alternate (one of each side in turn), so that both sides meet the same moments of a
    machine shared with other work: measured one side after the other, a busy minute fell on one
    side alone and moved the ratio by a third. Every side reads in this one thread, so CPU time is
    its work; the wall clock counts the waiting too."""
    best = [[0, float("inf"), float("inf")] for _ in fns]
    for _ in range(repeat):
        for fn, side in zip(fns, best, strict=True):
            start, start_cpu = time.perf_counter(), time.process_time()
            result = fn(data, name)
            wall, cpu = time.perf_counter() - start, time.process_time() - start_cpu
            side[0] = result if isinstance(result, int) else result.source.pages
            side[1], side[2] = min(side[1], wall), min(side[2], cpu)
    return [tuple(side) for side in best]


def peak(fn, data: bytes, name: str) -> tuple[int, int]:
    """Peak traced memory while reading, and what the result keeps (the document model, which
    grows with the document by nature): their difference is the reader's working memory."""
    tracemalloc.start()
    result = fn(data, name)
    kept, top = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del result
    return top, kept


def _high_water_kib() -> int:
    """Peak resident memory of this process (Linux VmHWM; unlike ru_maxrss it is not inherited
    from the parent that started us)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def whole_process(count: int) -> None:
    """One ``referat convert`` process over ``count`` PDFs against ``pdftotext`` on each of them."""
    import shutil

    if not shutil.which("pdftotext"):
        print("whole process: pdftotext is not installed; skipped")
        return
    with tempfile.TemporaryDirectory(prefix="referat-bench-read-") as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        pages = 0
        for i in range(count):
            src = MINUTES[i % len(MINUTES)]
            shutil.copyfile(src, folder / f"{i:03}_{src.name}")
            pages += len(pypdfium2.PdfDocument(src))
        cmd = [sys.executable, "-m", "convert", "convert", str(folder), "--to", "xml", "--out", str(Path(tmp) / "out"),
               "--jobs", "1", "--quiet", "--force"]
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
        t_ours = time.perf_counter() - start
        start = time.perf_counter()
        for pdf_file in sorted(folder.iterdir()):
            subprocess.run(["pdftotext", str(pdf_file), "-"], check=True, capture_output=True)
        t_peer = time.perf_counter() - start
    print(f"whole process, {count} PDFs ({pages} pages): referat convert --to xml {t_ours:.1f} s "
          f"({pages / t_ours:.0f} pages/s), pdftotext per file {t_peer:.1f} s ({pages / t_peer:.0f} pages/s): "
          f"referat takes {t_ours / t_peer:.2f}x pdftotext's time")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rss", help=argparse.SUPPRESS)  # child: read this PDF, print the growth of max RSS
    parser.add_argument("--which", default="ours", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.rss:
        data = Path(args.rss).read_bytes()
        base = _high_water_kib()
        (ours if args.which == "ours" else plumber)(data, "rss.pdf")
        print(_high_water_kib() - base)
        return
    inputs = [(p.name, p.read_bytes()) for p in MINUTES] + [("generated-200-pages.pdf", generated(200))]
    print(f"{'input':40} {'pages':>5} {'ours p/s':>9} {'pypdfium2 p/s':>14} {'ours/pdfium':>11} "
          f"{'pdfplumber p/s':>15} {'plumber/ours':>12} {'CPU: ours p/s':>14} {'ours/pdfium':>11} {'plumber/ours':>12}")
    total = {key: 0.0 for key in ("ours", "plain", "plumber", "ours cpu", "plain cpu", "plumber cpu", "pages")}

    def row(name: str, n: int, t: dict) -> str:
        # Ratios to two places: the goal is a bound (at most 3x), which one place would blur.
        return (f"{name[:40]:40} {n:5d} {n / t['ours']:9.1f} {n / t['plain']:14.1f} {t['ours'] / t['plain']:10.2f}x "
                f"{n / t['plumber']:15.1f} {t['plumber'] / t['ours']:11.1f}x {n / t['ours cpu']:14.1f} "
                f"{t['ours cpu'] / t['plain cpu']:10.2f}x {t['plumber cpu'] / t['ours cpu']:11.1f}x")

    for name, data in inputs:
        (pages, t_ours, c_ours), (_, t_plain, c_plain) = timed([ours, plain], data, name, args.repeat)
        ((_, t_plumber, c_plumber),) = timed([plumber], data, name, 1 if pages > 50 else args.repeat)
        times = {"ours": t_ours, "plain": t_plain, "plumber": t_plumber,
                 "ours cpu": c_ours, "plain cpu": c_plain, "plumber cpu": c_plumber}
        for key, value in times.items():
            total[key] += value
        total["pages"] += pages
        print(row(name, pages, times))
    print(row("all", int(total["pages"]), total))
    whole_process(100)
    sizes = {"ours": (50, 200, 800), "pdfplumber": (50, 200)}
    made = {pages: generated(pages) for pages in sizes["ours"]}
    mib = 2**20
    print("traced Python memory (MiB): peak while reading / kept in the result / working = peak - kept")
    for label, fn in (("ours", ours), ("pdfplumber", plumber)):
        working = {}
        for pages in sizes[label]:
            top, kept = peak(fn, made[pages], f"{pages}.pdf")
            working[pages] = top - kept
            print(f"  {label:10} {pages:3d} pages: {top / mib:6.1f} / {kept / mib:6.1f} / {(top - kept) / mib:6.2f}")
        last = sizes[label][-1]
        print(f"  {label:10} working memory at {last} pages is {working[last] / working[50]:.2f}x that at 50 pages")
    print("growth of the process's peak resident memory while reading (MiB, PDFium's C memory included):")
    files = {}
    for pages, data in made.items():
        with tempfile.NamedTemporaryFile(suffix=".pdf", delete=False) as fh:
            fh.write(data)
            files[pages] = fh.name
    for label in ("ours", "pdfplumber"):
        grown = []
        for pages in sizes[label]:
            child = [sys.executable, __file__, "--rss", files[pages], "--which", label]
            grown.append(int(subprocess.run(child, capture_output=True, text=True, check=True).stdout) / 1024)
        print(f"  {label:10} " + "   ".join(f"{p} pages: {g:6.1f}" for p, g in zip(sizes[label], grown, strict=True)))
    for name in files.values():
        Path(name).unlink()


if __name__ == "__main__":
    main()
