"""Benchmark: the accessible PDF writer, both engines, against LibreOffice's batched export, same run.

Documents: "corpus" is the seeds (../shared/seeds) and the corpus minutes PDFs read back in
(Ballerup, its item 2 alone, Aarhus); "generated" is eight minutes of 6 to 40 items made by
tests/render_text.py (each a different document, so no engine can reuse an earlier layout).

For each set, in this process: ``convert.writers.pdf.render`` with Typst and with WeasyPrint,
each after a warm-up on another document (imports, fonts), each document once. The peer is
LibreOffice's own PDF/UA export of our DOCX of the same documents (``convert.write(..., "docx")``,
not timed), as an archivist would batch it: ONE ``soffice --headless --convert-to pdf`` call for
all files of the set, start-up included, after a warm-up call that creates its profile. Pages
are counted in each engine's own output (pikepdf); the figure is pages/s, and the ratio is
referat's pages/s over LibreOffice's (>1: referat faster).

Then the whole pipeline for each seed: read + all seven formats in this process, against the
bare PDF render (Typst) of the same document, as a ratio.

    .venv/bin/python benchmarks/bench_pdf.py
"""

from __future__ import annotations

import argparse
import io
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

import pikepdf  # noqa: E402

import convert  # noqa: E402
from convert import writers  # noqa: E402
from convert.writers import pdf  # noqa: E402
from tests.render_text import make_minutes  # noqa: E402

FILTER = 'pdf:writer_pdf_Export:{"PDFUACompliance":{"type":"boolean","value":"true"}}'
CORPUS = [
    SHARED / "corpus" / "ballerup_sundheds-forebyggelsesudvalget_referat_2012-12-04.pdf",
    SHARED / "corpus" / "ballerup_sundheds-forebyggelsesudvalget_2012-12-04_punkt2_only.pdf",
    SHARED / "corpus" / "aarhus_byraad_referat_2025-08-27.pdf",
]


def pages_of(data: bytes | Path) -> int:
    with pikepdf.open(data if isinstance(data, Path) else io.BytesIO(data)) as doc:
        return len(doc.pages)


def document_sets() -> dict[str, list]:
    corpus = [convert.read(p) for p in sorted((SHARED / "seeds").glob("*.txt"))]
    corpus += [convert.read(p) for p in CORPUS if p.exists()]
    rnd = random.Random(12)
    generated = [make_minutes(rnd, items=n) for n in (6, 10, 14, 20, 24, 30, 36, 40)]
    return {"corpus": corpus, "generated": generated}


def ours(documents: list, engine: str) -> tuple[int, float]:
    """Pages and seconds for rendering every document once with ``engine``."""
    options = pdf.Options(pdf_engine=engine)
    pdf.render(make_minutes(random.Random(99), items=3), options)  # warm-up on another document
    pages, seconds = 0, 0.0
    for minutes in documents:
        start = time.perf_counter()
        data = pdf.render(minutes, options)
        seconds += time.perf_counter() - start
        pages += pages_of(data)
    return pages, seconds


def soffice(documents: list, work: Path) -> tuple[int, float]:
    """Pages and seconds for one batched LibreOffice export of our DOCX of ``documents``."""
    src, out = work / "docx", work / "lo-pdf"
    shutil.rmtree(src, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    src.mkdir()
    files = []
    for n, minutes in enumerate(documents):
        files.append(src / f"{n:03}.docx")
        convert.write(minutes, "docx", files[-1])
    profile = (work / "lo-profile").as_uri()
    base = ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", FILTER, "--outdir"]
    subprocess.run([*base, str(work / "warm"), str(files[0])], check=True, capture_output=True, timeout=600)
    start = time.perf_counter()
    subprocess.run([*base, str(out), *map(str, files)], check=True, capture_output=True, timeout=1800)
    seconds = time.perf_counter() - start
    made = sorted(out.glob("*.pdf"))
    if len(made) != len(files):
        raise SystemExit(f"soffice wrote {len(made)} PDFs for {len(files)} documents")
    return sum(pages_of(p) for p in made), seconds


def pipeline(seed: Path, work: Path) -> tuple[float, float]:
    """Seconds for read + every format, and for the bare PDF render of the same document."""
    warm = make_minutes(random.Random(7), items=2)  # imports and fonts of every writer, not timed
    for fmt in writers.FORMATS:
        convert.write(warm, fmt, work / f"warm{writers.FORMATS[fmt].extension}")
    start = time.perf_counter()
    minutes = convert.read(seed)
    for fmt in writers.FORMATS:
        convert.write(minutes, fmt, work / f"all{writers.FORMATS[fmt].extension}")
    whole = time.perf_counter() - start
    changed = convert.read(seed)
    changed.meeting.body = (changed.meeting.body or "") + " (bare)"  # not the layout just made
    start = time.perf_counter()
    pdf.render(changed)
    return whole, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args()
    if not shutil.which("soffice"):
        raise SystemExit("soffice (LibreOffice) is not installed")
    sets = document_sets()
    print(f"{'set':10} {'docs':>4} {'engine':11} {'pages':>5} {'s':>7} {'pages/s':>8} {'vs LibreOffice':>15}")
    with tempfile.TemporaryDirectory(prefix="referat-bench-pdf-") as tmp:
        work = Path(tmp)
        for name, documents in sets.items():
            lo_pages, lo_s = soffice(documents, work)
            lo_rate = lo_pages / lo_s
            print(f"{name:10} {len(documents):4} {'LibreOffice':11} {lo_pages:5} {lo_s:7.2f} {lo_rate:8.1f} "
                  f"{'1.00x':>15}")
            for engine in pdf.ENGINES:
                pages, seconds = ours(documents, engine)
                rate = pages / seconds
                print(f"{name:10} {len(documents):4} {engine:11} {pages:5} {seconds:7.2f} {rate:8.1f} "
                      f"{rate / lo_rate:14.2f}x")
        print("whole pipeline, text seed -> all 7 formats, against the bare PDF render (Typst) alone:")
        for seed in sorted((SHARED / "seeds").glob("*.txt")):
            whole, bare = pipeline(seed, work)
            print(f"  {seed.name:32} {whole * 1000:7.0f} ms / {bare * 1000:6.0f} ms = {whole / bare:5.2f}x")


if __name__ == "__main__":
    main()
