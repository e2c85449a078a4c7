"""Benchmark: referat's DOCX writer against pandoc writing the same content, and the XLSX writer.

For every input the minutes are read once; then, in the same run and on the same machine,

- ``referat docx``: ``convert.write(minutes, "docx", ...)`` in this process;
- ``pandoc docx``: the same minutes as HTML (title, headings, paragraphs, nested lists, tables,
  the attachments table) given to Debian's ``pandoc -f html -t docx``, timed as a subprocess, so
  it includes pandoc's start-up, which is also measured alone on an empty document;
- ``referat xlsx``: ``convert.write(minutes, "xlsx", ...)`` in this process.

Each figure is the median of ``--repeat`` runs; the ratio is referat's time over pandoc's.

    .venv/bin/python benchmarks/bench_docx.py [--repeat 5] [INPUT...]   (default: ../shared/seeds/*.txt)
"""

from __future__ import annotations

import argparse
import html
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
from convert.model import ListBlock, Minutes, Paragraph, Subheading, Table  # noqa: E402


def _list(block: ListBlock) -> str:
    tag = "ol" if block.ordered else "ul"
    items = "".join(f"<li>{html.escape(i.text)}{_list(i.sublist) if i.sublist else ''}</li>" for i in block.items)
    return f"<{tag}>{items}</{tag}>"


def _table(rows: list[list[str]], header: bool) -> str:
    def row(cells, tag):
        return "<tr>" + "".join(f"<{tag}>{html.escape(c)}</{tag}>" for c in cells) + "</tr>"

    head = f"<thead>{row(rows[0], 'th')}</thead>" if header and rows else ""
    body = "".join(row(r, "td") for r in (rows[1:] if header else rows))
    return f"<table>{head}<tbody>{body}</tbody></table>"


def to_html(minutes: Minutes) -> str:
    """The same content the DOCX writer lays out, as plain HTML for pandoc."""
    m = minutes.meeting
    title = " – ".join(x for x in ("Referat", m.body, m.date and m.date.isoformat()) if x)
    out = [f'<html lang="da"><head><title>{html.escape(title)}</title></head><body>']
    for label, value in (("Udvalg", m.body), ("Dato", m.date and m.date.isoformat()), ("Sted", m.location)):
        if value:
            out.append(f"<p><strong>{label}:</strong> {html.escape(value)}</p>")
    for item in minutes.items:
        out.append(f"<h1>{html.escape(item.number)}. {html.escape(item.title)}</h1>")
        for section in item.sections:
            out.append(f"<h2>{html.escape(section.heading)}</h2>")
            for block in section.blocks:
                if isinstance(block, Paragraph):
                    out.append(f"<p>{html.escape(block.text)}</p>")
                elif isinstance(block, Subheading):
                    out.append(f"<h3>{html.escape(block.text)}</h3>")
                elif isinstance(block, ListBlock):
                    out.append(_list(block))
                elif isinstance(block, Table) and block.rows:
                    out.append(_table(block.rows, block.header))
        if item.attachments:
            out.append("<h2>Bilag</h2>")
            rows = [["Nr.", "Titel", "Adgang", "Dok.nr.", "Sagsnr."]]
            rows += [
                [a.number, a.title, a.access_label or a.access, a.document_id or "", a.case_number or ""]
                for a in item.attachments
            ]
            out.append(_table(rows, True))
    out.append("</body></html>")
    return "\n".join(out)


def median_time(run, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        print("pandoc is not installed; nothing to compare with", file=sys.stderr)
        return 2
    inputs = args.inputs or sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))
    version = subprocess.run([pandoc, "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        empty = tmp / "empty.html"
        empty.write_text("<html><body><p>x</p></body></html>", encoding="utf-8")
        start_up = median_time(
            lambda: subprocess.run(
                [pandoc, "-f", "html", "-t", "docx", "-o", str(tmp / "e.docx"), str(empty)], check=True
            ),
            args.repeat,
        )
        print(f"{version}; pandoc on a one-paragraph document (mostly start-up): {start_up * 1000:.0f} ms")
        print(f"{'input':34} {'items':>5} {'referat docx':>13} {'pandoc docx':>12} {'ratio':>6} {'referat xlsx':>13}")
        ratios = []
        for path in inputs:
            minutes = convert.read(path)
            source = tmp / "in.html"
            source.write_text(to_html(minutes), encoding="utf-8")
            ours = median_time(lambda m=minutes: convert.write(m, "docx", tmp / "ours.docx"), args.repeat)
            theirs = median_time(
                lambda s=source: subprocess.run(
                    [pandoc, "-f", "html", "-t", "docx", "-o", str(tmp / "pandoc.docx"), str(s)], check=True
                ),
                args.repeat,
            )
            xlsx = median_time(lambda m=minutes: convert.write(m, "xlsx", tmp / "ours.xlsx"), args.repeat)
            ratios.append(ours / theirs)
            print(
                f"{path.name[:34]:34} {len(minutes.items):5} {ours * 1000:10.1f} ms {theirs * 1000:9.1f} ms "
                f"{ours / theirs:6.2f} {xlsx * 1000:10.1f} ms"
            )
        print(
            f"referat docx / pandoc docx, geometric mean over {len(ratios)} inputs: "
            f"{statistics.geometric_mean(ratios):.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
