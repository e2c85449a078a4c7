"""Page furniture of a PDF: running headers, footers, page numbers and stamps.

A running header is text printed at the same place on many pages; it belongs to the page, not to
the minutes. It is found here by repetition and by position, as a person finds it: a line is
furniture when, counting from the top (or bottom) edge of its page, it and every line before it
recur at about the same height on other pages, with digits ignored ("Side 2", "Side 3"). Lines
in the top or bottom margin band that read as a page number ("Side 4", "3 af 15", "2 of 28") are
furniture even on a page of their own, and so is text that a tagged PDF marks as an artifact
(ISO 32000-1, 14.8.2.2) when it stands in such a band: tagging is used where it agrees with the
layout, never trusted alone. Rotated text in a margin is a stamp.

The patterns for page numbers are vocabulary, kept in ``vocabulary/pdf/layout.toml``.
The lines are marked in place (``Line.furniture``); the recognizer's ``furniture.strip`` keeps
them as ``Removed`` records.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from functools import cache
from pathlib import Path

from convert.readers.pdf_lines import PageLine

BAND = 0.2  # share of the page height at the top and at the bottom where furniture may stand
SIDE = 0.12  # share of the page width at the left and right where a rotated stamp may stand
TOLERANCE = 4.0  # points: how far a recurring line may move between pages


@cache
def vocabulary() -> dict:
    path = Path(__file__).resolve().parent / "vocabulary" / "pdf" / "layout.toml"
    return tomllib.loads(path.read_text("utf-8"))


@cache
def _page_number_patterns() -> list[tuple[re.Pattern, str]]:
    return [(re.compile(p["pattern"], re.IGNORECASE), p["kind"]) for p in vocabulary()["page_numbers"]]


def page_number_kind(text: str) -> str | None:
    """ "page-number" or "stamp" when the text is only a page number or page stamp."""
    for pattern, kind in _page_number_patterns():
        if pattern.fullmatch(text.strip()):
            return kind
    return None


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip().casefold())


def _in_band(pl: PageLine) -> str | None:
    line = pl.line
    height = line.page_height or 842.0
    if line.bottom is not None and line.bottom <= height * BAND:
        return "header"
    if line.top is not None and line.top >= height * (1 - BAND):
        return "footer"
    return None


def _in_side_margin(pl: PageLine) -> bool:
    width = pl.line.page_width or 595.0
    return (pl.line.x1 or 0) <= width * SIDE or (pl.line.x0 or 0) >= width * (1 - SIDE)


def mark(pages: list[list[PageLine]]) -> None:
    """Set ``furniture`` on the header, footer, page-number and stamp lines of every page."""
    # How many pages print a line of this shape at about this height (rounded to TOLERANCE).
    seen: Counter = Counter()
    for lines in pages:
        keys = {(_shape(pl.line.text), round((pl.line.top or 0) / TOLERANCE)) for pl in lines}
        seen.update(keys)
    needed = max(2, int(0.4 * len(pages)) + (1 if len(pages) > 4 else 0))

    def recurs(pl: PageLine) -> bool:
        shape, pos = _shape(pl.line.text), round((pl.line.top or 0) / TOLERANCE)
        return max(seen[(shape, pos - 1)], seen[(shape, pos)], seen[(shape, pos + 1)]) >= needed

    for lines in pages:
        ordered = sorted(lines, key=lambda pl: pl.line.top or 0)
        for edge, walk in (("header", ordered), ("footer", ordered[::-1])):
            for pl in walk:
                band = _in_band(pl)
                if pl.line.furniture or band != edge:
                    break
                kind = _kind(pl, band, recurs(pl))
                if kind is None:
                    break
                pl.line.furniture = kind
        for pl in lines:  # loose page numbers and stamps in a band, not necessarily outermost
            if pl.line.furniture:
                continue
            if pl.rotated and (_in_band(pl) or _in_side_margin(pl)):
                pl.line.furniture = "stamp"
            elif _in_band(pl) and page_number_kind(pl.line.text):
                pl.line.furniture = page_number_kind(pl.line.text)


def _kind(pl: PageLine, band: str, repeated: bool) -> str | None:
    number = page_number_kind(pl.line.text)
    if number:
        return number
    if pl.rotated:
        return "stamp"
    if (repeated and len(pl.line.text) <= 80) or pl.artifact:
        return band  # running headers are short; a long recurring line is more likely content
    return None
