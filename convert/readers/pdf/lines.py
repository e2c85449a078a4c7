"""PDF pages into printed lines: the runs of text of a page (``runs``) grouped by baseline,
ordered left to right, with a space where the gap between two runs is wider than a fraction of
the font size. A heading or table row that a tagged PDF's structure tree marks (``structure``),
or that a ruled table's grid holds (``tables``), is one line however many it wraps over.

Coordinates in :class:`convert.readers.grammar.lines.Line` are points from the page's top-left corner.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import count, pairwise
from operator import attrgetter, itemgetter

import pypdfium2.raw as pdfium_c

from convert.readers.grammar.blocks import join_lines
from convert.readers.grammar.lines import Line
from convert.readers.pdf import columns, tables
from convert.readers.pdf.runs import Fonts, Run, page_runs
from convert.readers.pdf.structure import page_tags

__all__ = ["BULLET", "Fonts", "PageLine", "Run", "group_lines", "read_page"]

# Private-use bullets of Symbol/Wingdings (U+F0B7, U+F0A7, …) and the usual bullet characters.
_BULLETS = {"\uf0b7", "\uf0a7", "\uf076", "\uf0d8", "\uf0fc", "\uf06e", "\u00b7", "\u2022", "\u25aa", "\u25cf"}
BULLET = "\u2022"
_BASE_X0, _X0 = attrgetter("base", "x0"), attrgetter("x0")
_ARTIFACT, _ROTATED = attrgetter("artifact"), attrgetter("rotated")
_BASE, _SIZE = attrgetter("base"), attrgetter("size")


@dataclass(slots=True)
class PageLine:
    """A printed line with what the furniture step needs beyond :class:`Line`."""

    line: Line
    artifact: bool  # every run of it is marked content "Artifact"
    rotated: bool
    lefts: tuple[float, ...] = ()  # a table row's cells: where each begins on the page
    base: float = 0.0  # the (first) baseline, points from the page top


def _shown(run: Run) -> str:
    """The run's text; a Symbol/Wingdings bullet glyph is a list bullet, whatever its code."""
    core = run.text.strip()
    return BULLET if core in _BULLETS and (run.symbol or core != "\u00b7") else run.text


def _join(runs: list[Run]) -> str:
    if len(runs) == 1:  # half the lines of a page: nothing to space apart
        return " ".join(_shown(runs[0]).split())
    parts: list[str] = []
    prev: Run | None = None
    for run in runs:
        text = _shown(run)
        if prev is not None:
            # From the pen position, not the glyph's ink: a "1" has wide side bearings.
            start = run.origin if run.x0 - run.size < run.origin <= run.x0 else run.x0
            gap = start - prev.x1
            if gap > 0.18 * max(prev.size, run.size) and not parts[-1].endswith(" ") and not text.startswith(" "):
                parts.append(" ")
        parts.append(text)
        prev = run
    # split() and re's \s agree on what whitespace is (str.isspace): runs of it become one space.
    return " ".join("".join(parts).split())


class _Rules:
    """A page's horizontal rules by height, so a line looks only at those near its baseline."""

    def __init__(self, rules: list[tuple]):
        # A rule at no height (NaN) underlines nothing: left out, it cannot upset the order.
        self.rules = sorted((r for r in rules if r[2] == r[2]), key=itemgetter(2))
        self.ys = [r[2] for r in self.rules]

    def under(self, x0: float, x1: float, base: float) -> bool:
        """A rule just below the baseline, under most of the line and not wider than it (a
        table's border runs past its cell text)."""
        lo, hi = bisect_left(self.ys, base - 1), bisect_right(self.ys, base + 4)
        if lo == hi:  # most lines: saves building the generator below
            return False
        near = self.rules[lo:hi]
        return any(r0 >= x0 - 3 and r1 <= x1 + 3 and r1 - r0 >= 0.7 * (x1 - x0) for r0, r1, _ in near)


def _baseline_rows(runs: list[Run]) -> list[list[Run]]:
    """Runs sharing a baseline (within a third of the font size), top to bottom, each row left to
    right. Rotated text (a stamp up the margin) never joins a horizontal line: each run stays alone."""
    rows: list[list[Run]] = []
    row: list[Run] = []
    first: Run | None = None
    for run in sorted(runs, key=_BASE_X0):
        # The gap within 1.5 points settles most runs of a row before any size is compared.
        if (
            first is not None
            and not run.rotated
            and not first.rotated
            and ((gap := abs(run.base - first.base)) <= 1.5 or gap <= 0.35 * min(run.size, first.size))
        ):
            row.append(run)
        else:
            first, row = run, [run]
            rows.append(row)
    for row in rows:
        if len(row) > 1:
            row.sort(key=_X0)
    return rows


def _trusted_units(runs: list[Run]) -> tuple[list[list[Run]], list[Run]]:
    """The runs of each tagged heading and table row, where the page agrees with the tree: the unit
    spans a few lines and no other text is printed on or between its baselines. The rest of the
    runs, and every unit the page contradicts, are left to baseline grouping."""
    groups: dict[int, list[Run]] = {}
    for run in runs:
        if run.tag is not None and not run.rotated and not run.artifact:
            groups.setdefault(run.tag.group, []).append(run)
    if not groups:
        return [], runs
    # Each unit looks only at the runs near its baselines, found by bisection: a tagged page has
    # many units. A run on no baseline (NaN) is near none, as the test below would find.
    by_base = sorted((r for r in runs if r.base == r.base), key=_BASE)
    bases = [r.base for r in by_base]
    units: list[list[Run]] = []
    taken: set[int] = set()
    for group, members in groups.items():
        size = max(map(_SIZE, members))
        lo, hi = min(map(_BASE, members)) - 0.35 * size, max(map(_BASE, members)) + 0.35 * size
        if hi - lo > 12 * size:
            continue
        near = by_base[bisect_left(bases, lo) : bisect_right(bases, hi)]
        if any(lo <= r.base <= hi and (r.tag is None or r.tag.group != group) for r in near):
            continue
        units.append(members)
        taken.update(id(r) for r in members)
    return units, [r for r in runs if id(r) not in taken]


def _text_of(runs: list[Run]) -> str:
    """The text of runs that may wrap over several printed lines, joined as one."""
    return join_lines([_join(row) for row in _baseline_rows(runs)])


def _make_line(row: list[Run], text: str, page_no: int, width: float, height: float, rules: _Rules | None) -> Line:
    """``width`` and ``height`` come rounded, once for the page's lines."""
    # The line's style is the style of most of its letters (the first run of the most letters).
    main, most, letters, bold_letters = row[0], -1, 0, 0
    x0, x1, top, bottom = row[0].x0, row[0].x1, row[0].top, row[0].bottom
    for r in row:  # one pass: this runs for every printed line of a document
        n = len(r.text.strip())
        if n > most:
            main, most = r, n
        letters += n
        if r.bold:
            bold_letters += n
        # As min() and max() would, without their calls: a new extreme only if strictly beyond.
        if r.x0 < x0:
            x0 = r.x0
        if r.x1 > x1:
            x1 = r.x1
        if r.top < top:
            top = r.top
        if r.bottom > bottom:
            bottom = r.bottom
    underline = rules is not None and rules.under(x0, x1, main.base)
    # By position, as this dataclass builds three times faster so than from keywords. Line's
    # order: text, page, font, size, bold, italic, underline, x0, x1, top, bottom, base, page
    # height and width (test_a_line_has_its_runs_style_and_box checks each field).
    return Line(
        text,
        page_no,
        main.font,
        main.size,
        bold_letters * 2 > (letters or 1),
        main.italic,
        underline,
        round(x0, 2),
        round(x1, 2),
        round(top, 2),
        round(bottom, 2),
        round(main.base, 2),
        height,
        width,
    )


def _unit_line(unit: list[Run], page_no: int, width: float, height: float) -> PageLine | None:
    """One line for a tagged heading (wrapped lines joined) or table row (cells kept apart)."""
    tag = unit[0].tag
    if tag.role in ("TH", "TD"):
        by_cell: dict[int, list[Run]] = {}
        for run in unit:
            by_cell.setdefault(run.tag.cell, []).append(run)
        order = range(max(tag.width, max(by_cell) + 1)) if tag.placed else sorted(by_cell)
        cells = tuple(_text_of(by_cell[n]) if n in by_cell else "" for n in order)
        text = " ".join(c for c in cells if c)
        if not text:
            return None
        line = _make_line(unit, text, page_no, width, height, None)
        line.cells = cells
        line.role = "TH" if all(r.tag.role == "TH" for r in unit) else "TR"
        if tag.placed:
            return PageLine(line, False, False)
        return PageLine(line, False, False, tuple(min(r.x0 for r in by_cell[n]) for n in order))
    text = _text_of(unit)
    if not text:
        return None
    line = _make_line(unit, text, page_no, width, height, None)
    line.role = tag.role
    return PageLine(line, False, False)


def _align_columns(lines: list[PageLine], carried: tuple[float, ...] = ()) -> tuple[float, ...]:
    """Put each cell of a table's rows under its column. A typesetter may leave an empty cell out
    of the structure tree altogether (WeasyPrint and Typst do), so a row's cells are placed by where
    they begin, against the row of the same table with the most cells. A table that goes on from
    the page before (it opens the page's content; Typst repeats its header only as an artifact)
    uses that page's columns, ``carried``, when it has no row as wide. Returns the columns of a
    table that runs to the page's end, for the next page."""
    table: list[PageLine] = []
    start = 0
    ends: tuple[float, ...] = ()
    for k, pl in enumerate([*lines, None]):
        if pl is not None and pl.lefts:
            if not table:
                start = k
            table.append(pl)
            continue
        if pl is not None and not table:
            continue
        if table:
            columns = max(table, key=lambda r: len(r.lefts)).lefts
            opens_page = all(other.artifact for other in lines[:start])
            if opens_page and len(carried) > len(columns):
                columns = carried
            for row in table:
                if len(row.lefts) < len(columns):
                    cells = [""] * len(columns)
                    for text, left in zip(row.line.cells, row.lefts, strict=True):
                        j = min(range(len(columns)), key=lambda j: abs(columns[j] - left))
                        cells[j] = f"{cells[j]} {text}".strip()
                    row.line.cells = tuple(cells)
            ends = columns if all(other.artifact for other in lines[k + 1:]) and (pl is None or pl.artifact) else ()
            table = []
    return ends


def _parts(row: list[Run], text: str) -> tuple[tuple[float, str], ...] | None:
    """The pieces of a line that wide gaps (over two ems) set apart, when there are several."""
    pieces: list[list[Run]] = [[row[0]]]
    for prev, run in pairwise(row):
        if run.x0 - prev.x1 > 2 * max(prev.size, run.size):
            pieces.append([])
        pieces[-1].append(run)
    if len(pieces) < 2:
        return None
    parts = tuple((p[0].x0, _join(p)) for p in pieces)
    return parts if " ".join(t for _, t in parts) == text else None


def group_lines(
    runs: list[Run], page_no: int, width: float, height: float, rules: list[tuple] = (), fonts: Fonts | None = None
) -> list[PageLine]:
    """The printed lines of a page, top to bottom: runs sharing a baseline, except that a tagged
    heading or table row the page agrees with is one line however many it wraps over. ``fonts``,
    the document's reading state, carries a table's columns from one page to the next."""
    units, rest = _trusted_units(runs)
    width, height = round(width, 2), round(height, 2)
    keyed: list[tuple[float, float, PageLine]] = []
    underlines = _Rules(rules) if rules else None
    for unit in units:
        unit_line = _unit_line(unit, page_no, width, height)
        if unit_line is not None:
            unit_line.base = min(r.base for r in unit)
            keyed.append((unit_line.base, unit_line.line.x0 or 0, unit_line))
    runs_of: dict[int, list[Run]] = {}

    def printed(row: list[Run]) -> PageLine | None:
        if len(row) == 1:
            # Half the lines of a page are one run: no gaps to space, no parts, nothing for split()
            # to cut. What _join and _make_line make of it, without their loops: a run with text
            # has letters, all of them the line's, so the line is bold when the run is.
            run = row[0]
            text = " ".join(_shown(run).split())
            if not text:
                return None
            underline = underlines is not None and underlines.under(run.x0, run.x1, run.base)
            line = Line(
                text, page_no, run.font, run.size, run.bold, run.italic, underline, round(run.x0, 2),
                round(run.x1, 2), round(run.top, 2), round(run.bottom, 2), round(run.base, 2), height, width,
            )  # fmt: skip
            return PageLine(line, run.artifact, run.rotated, (), run.base)
        text = _join(row)
        if not text:
            return None
        line = _make_line(row, text, page_no, width, height, underlines)
        line.parts = _parts(row, text)
        # map() rather than a generator, whose setup costs more than a short row's test.
        artifact, rotated = all(map(_ARTIFACT, row)), any(map(_ROTATED, row))
        page_line = PageLine(line, artifact, rotated, (), row[0].base)
        runs_of[id(page_line)] = row
        return page_line

    def split(page_line: PageLine, x: float) -> tuple[PageLine, PageLine] | None:
        """The line cut at ``x`` where a gap wider than most of an em falls there."""
        row = runs_of.get(id(page_line))
        cut = next((k for k, r in enumerate(row or ()) if r.x0 >= x), 0)
        if not cut or row[cut - 1].x1 > x or row[cut].x0 - row[cut - 1].x1 < 0.8 * row[cut].size:
            return None
        left, right = printed(row[:cut]), printed(row[cut:])
        return (left, right) if left and right else None

    for row in _baseline_rows(rest):
        page_line = printed(row)
        if page_line is not None:
            keyed.append((row[0].base, page_line.line.x0 or 0, page_line))
    keyed.sort(key=itemgetter(0, 1))
    lines = columns.read_columns(columns.left_first([pl for _, _, pl in keyed]), split)
    carried = fonts.table_columns if fonts is not None else ()
    ends = _align_columns(lines, carried) if units else ()
    if fonts is not None:
        fonts.table_columns = ends
    return lines


def read_page(document, index: int, fonts: Fonts) -> list[PageLine]:
    """The printed lines of page ``index`` (0-based); the page is closed before returning."""
    page = pdfium_c.FPDF_LoadPage(document, index)
    if not page:
        return []
    textpage = pdfium_c.FPDFText_LoadPage(page)
    try:
        width = pdfium_c.FPDF_GetPageWidthF(page)
        height = pdfium_c.FPDF_GetPageHeightF(page)
        runs, rules, columns = (
            page_runs(page, textpage, height, fonts, page_tags(page), index + 1) if textpage else ([], [], [])
        )
        tables.label(runs, tables.find(rules, columns), count(1 << 30))
        return group_lines(runs, index + 1, width, height, rules, fonts)
    finally:
        if textpage:
            pdfium_c.FPDFText_ClosePage(textpage)
        pdfium_c.FPDF_ClosePage(page)
