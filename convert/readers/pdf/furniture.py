"""Page furniture of a PDF: running headers, footers, page numbers and stamps.

A running header is text printed at the same place on many pages; it belongs to the page, not to
the minutes. It is found here by repetition and by position, as a person finds it: a line is
furniture when, counting from the top (or bottom) edge of its page, it and every line before it
recur at about the same height on other pages, with digits ignored ("Side 2", "Side 3"). Lines
in the top or bottom margin band that read as a page number ("Side 4", "3 af 15", "2 of 28") are
furniture even on a page of their own, and so is text that a tagged PDF marks as an artifact
(ISO 32000-1, 14.8.2.2) when it stands in such a band: tagging is used where it agrees with the
layout, never trusted alone. A tagged heading is not made furniture by recurrence alone. Rotated
text in a margin is a stamp.

The patterns for page numbers are vocabulary, kept in ``layout.toml``.
The lines are marked in place (``Line.furniture``); the recognizer's ``furniture.strip`` keeps
them as ``Removed`` records.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path

from convert.readers.pdf.lines import PageLine

BAND = 0.2  # share of the page height at the top and at the bottom where furniture may stand
SIDE = 0.12  # share of the page width at the left and right where a rotated stamp may stand
TOLERANCE = 4.0  # points: how far a recurring line may move between pages


@cache
def vocabulary() -> dict:
    path = Path(__file__).resolve().parent / "layout.toml"
    return tomllib.loads(path.read_text("utf-8"))


@cache
def _page_number_patterns() -> list[tuple[re.Pattern, str]]:
    return [(re.compile(p["pattern"], re.IGNORECASE), p["kind"]) for p in vocabulary()["page_numbers"]]


@cache
def _any_page_number() -> re.Pattern:
    """All the patterns in one: most lines asked about are text, and one match tells them."""
    return re.compile("|".join(f"(?:{p.pattern})" for p, _ in _page_number_patterns()), re.IGNORECASE)


def page_number_kind(text: str) -> str | None:
    """ "page-number" or "stamp" when the text is only a page number or page stamp."""
    text = text.strip()
    if not _any_page_number().fullmatch(text):
        return None
    for pattern, kind in _page_number_patterns():
        if pattern.fullmatch(text):
            return kind
    return None


_DIGITS = re.compile(r"\d+")
_HEADING_ROLE = re.compile(r"H\d?")


def _shape(text: str) -> str:
    return _DIGITS.sub("#", text.strip().casefold())


def _in_band(pl: PageLine) -> str | None:
    line = pl.line
    height = line.page_height or 842.0
    if line.bottom is not None and line.bottom <= height * BAND:
        return "header"
    if line.top is not None and line.top >= height * (1 - BAND):
        return "footer"
    return None


def may_be(pl: PageLine) -> bool:
    """Might ``mark_page`` make this line furniture, whatever lines other pages print?"""
    return pl.rotated or pl.line.furniture is not None or _in_band(pl) is not None


def _in_side_margin(pl: PageLine) -> bool:
    width = pl.line.page_width or 595.0
    return (pl.line.x1 or 0) <= width * SIDE or (pl.line.x0 or 0) >= width * (1 - SIDE)


def _key(pl: PageLine) -> tuple[str, int]:
    return _shape(pl.line.text), round((pl.line.top or 0) / TOLERANCE)


def needed(pages: int) -> int:
    """On how many pages a line must recur to be a running header or footer."""
    return max(2, int(0.4 * pages) + (1 if pages > 4 else 0))


def mark(pages: list[list[PageLine]]) -> None:
    """Set ``furniture`` on the header, footer, page-number and stamp lines of every page."""
    # How many pages print a line of this shape at about this height (rounded to TOLERANCE).
    seen: Counter = Counter()
    for lines in pages:
        seen.update({_key(pl) for pl in lines})
    for lines in pages:
        mark_page(lines, seen, needed(len(pages)))


def mark_page(lines: list[PageLine], seen: Mapping[tuple[str, int], int], needed: int) -> None:
    """Mark one page's furniture, given on how many pages each line shape recurs at its height
    (``seen``; only the keys of lines in a band or near one are ever asked for)."""

    def recurs(pl: PageLine) -> bool:
        shape, pos = _key(pl)
        return max(seen.get((shape, pos - 1), 0), seen.get((shape, pos), 0), seen.get((shape, pos + 1), 0)) >= needed

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


class Recurrence:
    """The counts ``mark_page`` asks for, gathered one page at a time in memory that does not grow
    with the page count.

    Only lines near a band are counted: a band line's top lies within the top or bottom ``BAND`` of
    its page, and lines recurring "at about its height" lie within ``_NEAR`` points of it. Of those
    keys at most ``CAPACITY`` are kept (Misra-Gries: when a page leaves more, every count drops by
    one and the zeros go; ``lowered`` counts these rounds, which bound how far any count fell
    short). A key on ``needed`` pages or more is then always kept; when counts fell short, or when
    pages differ in height (the band is measured on each page), ``recount`` makes them exact again
    from the pages read a second time."""

    CAPACITY = 256
    _NEAR = 10.0  # points: more than two TOLERANCE steps, the most ``recurs`` looks apart

    def __init__(self, pages: int):
        self.pages = pages
        self.needed = needed(pages)
        self.counts: dict[tuple[str, int], int] = {}
        self.lowered = 0
        self.heights: set[float] = set()
        self.recounted: str | None = None  # "candidates" or "all" once ``recount`` ran

    def _keys(self, lines: list[PageLine], low: float | None = None, high: float | None = None) -> set:
        keys = set()
        for pl in lines:
            height = pl.line.page_height or 842.0
            top = pl.line.top or 0
            if (
                top < (height if low is None else low) * BAND + self._NEAR
                or top > (height if high is None else high) * (1 - BAND) - self._NEAR
            ):
                keys.add(_key(pl))
        return keys

    def add(self, lines: list[PageLine]) -> None:
        self.heights.update(pl.line.page_height or 842.0 for pl in lines)
        counts = self.counts
        for key in self._keys(lines):
            counts[key] = counts.get(key, 0) + 1
        if len(counts) > self.CAPACITY:
            self.lowered += 1
            self.counts = {k: n - 1 for k, n in counts.items() if n > 1}

    @property
    def exact(self) -> bool:
        return not self.lowered and len(self.heights) <= 1

    def recount(self, pages: Iterable[list[PageLine]]) -> None:
        """Exact counts from a second reading of every page (only when ``exact`` is false)."""
        if len(self.heights) > 1 or self.lowered >= self.needed:
            # Bands of differently sized pages, or too many distinct lines to trust the kept
            # keys: count every key near any page's band (rare; memory grows with the text).
            low, high = max(self.heights), min(self.heights)
            self.recounted = "all"
            seen: Counter = Counter()
            for lines in pages:
                seen.update(self._keys(lines, low, high))
        else:
            candidates = {k for k, n in self.counts.items() if n + self.lowered >= self.needed}
            self.recounted = "candidates"
            seen = Counter()
            for lines in pages:
                seen.update(self._keys(lines) & candidates)
        self.counts, self.lowered, self.heights = dict(seen), 0, set()

    def mark(self, lines: list[PageLine]) -> None:
        mark_page(lines, self.counts, self.needed)


def _kind(pl: PageLine, band: str, repeated: bool) -> str | None:
    number = page_number_kind(pl.line.text)
    if number:
        return number
    if pl.rotated:
        return "stamp"
    # Running headers are short; a long recurring line is more likely content. So is a line the
    # structure tree makes a heading: a section heading ("Bilag") that two items happen to start
    # at the top of a page recurs there without being the page's.
    heading = _HEADING_ROLE.fullmatch(pl.line.role or "")
    if (repeated and len(pl.line.text) <= 80 and not heading) or pl.artifact:
        return band
    return None
