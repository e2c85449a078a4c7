"""Ruled tables in PDFs without a structure tree: cells from the rules drawn around them.

Word and eDoc draw a table's borders as thin filled rectangles or stroked lines, one per cell
side (ISO 32000-1:2008, 8.5 "Path construction and painting"). Where horizontal and vertical
rules cross into a grid of at least two columns and two rows, the grid is a table: its vertical
rules are the column bounds, its horizontal rules the row bounds, and each run of text inside
belongs to the cell it starts in. A frame around a single block (a decision in a box) has one
column and is not a table; an underline has no vertical rules at all.

The runs found in a grid are labelled with a :class:`Tag` as a tagged PDF's table cells are, so
``lines`` groups both kinds of table the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain, count

from convert.readers.pdf.structure import Tag

_NEAR = 2.0  # points: rules this close meet; bounds this close are one
_BAND = 16.0  # points: vertical rules are filed by the bands of this height they reach into
_LONG = 1000.0  # points: a vertical rule longer than a page is tried against every horizontal one


@dataclass
class Grid:
    columns: list[float]  # x of the vertical rules, left to right
    rows: list[float]  # y of the horizontal rules, top to bottom (points from the page top)

    def cell(self, x: float, y: float) -> tuple[int, int] | None:
        """(row, column) of the cell holding the point, None outside the grid."""
        if not (self.columns[0] - _NEAR <= x < self.columns[-1] and self.rows[0] <= y < self.rows[-1]):
            return None
        column = sum(1 for c in self.columns[1:-1] if x >= c - _NEAR)
        row = sum(1 for r in self.rows[1:-1] if y >= r)
        return row, column


def _bounds(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > _NEAR:
            out.append(v)
    return out


def _meeting(horizontal: list[tuple], vertical: list[tuple]):
    """For each horizontal rule i, (i, [j, ...]): the vertical rules j it touches or crosses. A
    ruled table draws a vertical rule per cell side: each horizontal rule is tried against those
    near its height only, not against every one of the page (30 x 100 on a page of tables)."""
    bands: dict[int, list[tuple]] = {}
    everywhere: list[tuple] = []
    for j, (x, y0, y1) in enumerate(vertical):
        low, high = y0 - _NEAR, y1 + _NEAR
        rule = (j, x, low, high)
        if high - low <= _LONG:  # not when infinite or not a number either
            for band in range(int(low // _BAND), int(high // _BAND) + 1):
                bands.setdefault(band, []).append(rule)
        else:
            everywhere.append(rule)
    for i, (x0, x1, y) in enumerate(horizontal):
        left, right = x0 - _NEAR, x1 + _NEAR
        near = chain(bands.get(int(y // _BAND), ()), everywhere)
        yield i, [j for j, x, low, high in near if left <= x <= right and low <= y <= high]


def find(horizontal: list[tuple], vertical: list[tuple]) -> list[Grid]:
    """Grids made of horizontal rules (x0, x1, y) and vertical rules (x, y0, y1) that cross."""
    if len(horizontal) < 2 or len(vertical) < 2:
        return []
    # Rules that touch or cross are connected; each connected set is one candidate table (which
    # rule of a set becomes its root does not matter: sets are listed in the order of the rules).
    nodes = [("h", r) for r in horizontal] + [("v", r) for r in vertical]
    parent = list(range(len(nodes)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, crossing in _meeting(horizontal, vertical):
        joined = root(i)  # stays a root below: the others' roots are put under it
        for j in crossing:
            other = root(len(horizontal) + j)
            if other != joined:
                parent[other] = joined
    groups: dict[int, list[tuple[str, tuple]]] = {}
    for i, node in enumerate(nodes):
        groups.setdefault(root(i), []).append(node)
    grids = []
    for members in groups.values():
        columns = _bounds([r[0] for kind, r in members if kind == "v"])
        rows = _bounds([r[2] for kind, r in members if kind == "h"])
        if len(columns) >= 3 and len(rows) >= 3:  # two columns and two rows at least
            grids.append(Grid(columns, rows))
    return grids


def label(runs: list, grids: list[Grid], groups: count) -> None:
    """Tag the untagged runs inside a grid with their row and column, as table cells."""
    for grid in grids:
        row_groups: dict[int, int] = {}
        width = len(grid.columns) - 1
        for run in runs:
            if run.tag is not None or run.rotated:
                continue
            found = grid.cell(run.x0 + 1, (run.top + run.bottom) / 2)
            if found is None:
                continue
            row, column = found
            group = row_groups.setdefault(row, next(groups))
            run.tag = Tag("TD", group, column, width, placed=True)
