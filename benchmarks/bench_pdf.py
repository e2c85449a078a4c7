"""Benchmark: the PDF/UA-1 writer against LibreOffice's headless PDF/UA export, same run.

For each document (the seeds in ../shared/seeds, read with ``convert.read``) it times
``convert.writers.pdf.render`` (HTML -> WeasyPrint -> pikepdf artifact fix) and, as the peer,
``soffice --headless --convert-to pdf`` with ``PDFUACompliance`` on, applied to a DOCX of the
same content. The DOCX writer is not on main yet, so the DOCX is built here with python-docx
(title, a heading per item and per section, paragraphs, list styles, attachment table); the
DOCX build is not timed. Each soffice call is one process, as a user would run it.

    .venv/bin/python benchmarks/bench_pdf.py [--repeat 3] [FILES...]

Prints seconds per document for both and the ratio LibreOffice / referat (>1: referat faster).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import docx  # noqa: E402

import convert  # noqa: E402
from convert.model import ListBlock, Minutes, Paragraph, Subheading, Table  # noqa: E402
from convert.writers import pdf  # noqa: E402

FILTER = 'pdf:writer_pdf_Export:{"PDFUACompliance":{"type":"boolean","value":"true"}}'


def _list(document, block: ListBlock, level: int = 1) -> None:
    style = ("List Number" if block.ordered else "List Bullet") + (f" {level}" if level > 1 else "")
    for item in block.items:
        document.add_paragraph(item.text, style=style)
        if item.sublist:
            _list(document, item.sublist, min(level + 1, 3))


def make_docx(minutes: Minutes, dest: Path) -> None:
    document = docx.Document()
    document.core_properties.title = pdf.title_of(minutes)
    document.core_properties.language = "da-DK"
    document.add_heading(pdf.title_of(minutes), level=0)
    for item in minutes.items:
        document.add_heading(f"{item.label or item.number} {item.title}", level=1)
        for section in item.sections:
            document.add_heading(section.heading, level=2)
            for block in section.blocks:
                if isinstance(block, Paragraph):
                    document.add_paragraph(block.text)
                elif isinstance(block, Subheading):
                    document.add_heading(block.text, level=3)
                elif isinstance(block, ListBlock):
                    _list(document, block)
                elif isinstance(block, Table) and block.rows:
                    width = max(len(r) for r in block.rows)
                    table = document.add_table(rows=0, cols=width)
                    for row in block.rows:
                        cells = table.add_row().cells
                        for cell, text in zip(cells, row, strict=False):
                            cell.text = text
        if item.attachments:
            document.add_heading("Bilag", level=2)
            table = document.add_table(rows=1, cols=3)
            for cell, text in zip(table.rows[0].cells, ("Nr.", "Titel", "Sagsnr."), strict=True):
                cell.text = text
            for a in item.attachments:
                cells = table.add_row().cells
                cells[0].text, cells[1].text, cells[2].text = a.number, a.title, a.case_number or ""
    document.save(dest)


def time_ours(minutes: Minutes, repeat: int) -> float:
    pdf.render(minutes)  # warm-up: imports, font loading
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        pdf.render(minutes)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def time_soffice(docx_path: Path, outdir: Path, profile: Path, repeat: int) -> float:
    cmd = [
        "soffice",
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--convert-to",
        FILTER,
        "--outdir",
        str(outdir),
        str(docx_path),
    ]
    subprocess.run(cmd, check=True, capture_output=True, timeout=300)  # warm-up: profile creation
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, timeout=300)
        runs.append(time.perf_counter() - start)
    if not (outdir / (docx_path.stem + ".pdf")).exists():
        raise SystemExit(f"soffice wrote no PDF for {docx_path}")
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    files = args.files or sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))
    if not shutil.which("soffice"):
        raise SystemExit("soffice (LibreOffice) is not installed")
    print(f"{'document':40} {'pages':>5} {'referat s':>10} {'soffice s':>10} {'ratio':>6}")
    ratios = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for path in files:
            minutes = convert.read(path)
            docx_path = tmp / (path.stem + ".docx")
            make_docx(minutes, docx_path)
            ours = time_ours(minutes, args.repeat)
            peer = time_soffice(docx_path, tmp, tmp / "lo-profile", args.repeat)
            out = tmp / "ours.pdf"
            out.write_bytes(pdf.render(minutes))
            pages = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
            npages = next((ln.split()[-1] for ln in pages.splitlines() if ln.startswith("Pages:")), "?")
            ratios.append(peer / ours)
            print(f"{path.name[:40]:40} {npages:>5} {ours:10.3f} {peer:10.3f} {peer / ours:6.2f}")
    print(f"geometric mean ratio soffice/referat: {statistics.geometric_mean(ratios):.2f}")


if __name__ == "__main__":
    main()
