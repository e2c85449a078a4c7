"""Each family's PDF through the PDF reader and through pdftotext (raw and -layout) into the text
reader, compared field by field with the minutes it printed (convert/compare.py)."""

from __future__ import annotations

import subprocess

from convert.compare import Report, compare
from convert.errors import ReferatError
from convert.readers import read_bytes
from convert.readers.grammar.blocks import fold

ROUTES = ("pdf", "pdftotext", "pdftotext -layout")


def extract(pdf: bytes, route: str) -> bytes:
    if route == "pdf":
        return pdf
    args = ["pdftotext", "-enc", "UTF-8", *(["-layout"] if route.endswith("-layout") else []), "-", "-"]
    return subprocess.run(args, input=pdf, capture_output=True, check=True, timeout=120).stdout


def measure(pdf: bytes, expected, route: str) -> Report:
    """The agreement of what a reader makes of the route's input with ``expected``; a refusal
    agrees on nothing."""
    data = extract(pdf, route)
    try:
        actual = read_bytes(data, "generated.pdf" if route == "pdf" else "generated.txt")
    except ReferatError as exc:
        report = compare(expected, type(expected)(expected.source))
        report.differences.insert(0, f"refused: {exc}")
        return report
    report = compare(expected, actual)
    if route == "pdf":
        _paragraphs(expected, actual, report)
    return report


def _paragraphs(expected, actual, report: Report) -> None:
    """On the PDF route, where line widths can be seen, each paragraph of an item's presentation
    counts as a field too: short lines set one under another (a timetable) stay apart."""
    got = {it.number: [fold(b.text) for s in it.sections_of("presentation") for b in s.blocks] for it in actual.items}
    for it in expected.items:
        for s in it.sections_of("presentation"):
            for b in s.blocks:
                report.total += 1
                if fold(b.text) in got.get(it.number, ()):
                    report.right += 1
                else:
                    report.differences.append(f"item {it.number} paragraph {b.text!r} not found as a paragraph")
