"""The rules drawn on a scanned page: table borders and underlines, found in the image as a text
PDF's are found among its paths, so ``tables`` makes the same grid of cells from them and a
table row whose cells wrap over several lines is read row by row, not line by line across the
cells.

A rule is ink that runs on, unbroken, far longer than any stroke of a letter: the page is cut
into short pieces along each row of pixels, and a rule is a row of pieces all ink over
``_LONG`` inches. Each row is first joined with the next, so a rule still a little askew after
the page was set straight, or frayed by JPEG, stays unbroken from one row to the next.
Vertical rules are the same search on the page turned on its side."""

from __future__ import annotations

import re

from PIL import Image, ImageChops

_INK = 140
_PIECE = 4  # pixels along a row cut into one piece
_LONG = 0.4  # inches: a rule at least this long (a table cell's border; a letter is far shorter)
_FULL = rb"[\xf0-\xff]{%d,}"  # that many pieces in a row nearly all ink


def _runs(ink: Image.Image, dpi: int) -> list[tuple[int, int, int]]:
    """Long runs of ink along the rows of ``ink`` (255 = ink): (first pixel, last pixel, row),
    neighbouring rows that overlap merged into one, at their middle row."""
    pieces = ink.resize((max(1, ink.width // _PIECE), ink.height), Image.Resampling.BOX)
    width, data = pieces.width, pieces.tobytes()
    least = max(2, round(_LONG * dpi / _PIECE))
    found: list[tuple[int, int, int]] = []
    for match in re.finditer(_FULL % least, data):
        start, end = match.span()
        row = start // width
        end = min(end, (row + 1) * width)  # a run never wraps to the next row
        if end - start >= least:
            found.append((start - row * width, end - row * width, row))
    groups: list[list[int]] = []  # [left, right, first row, last row]
    for left, right, row in found:
        for group in groups:
            if row - group[3] <= 1 and left < group[1] and right > group[0]:
                group[0], group[1], group[3] = min(group[0], left), max(group[1], right), row
                break
        else:
            groups.append([left, right, row, row])
    return [(left * _PIECE, right * _PIECE, (first + last) // 2) for left, right, first, last in groups]


def find(image: Image.Image, dpi: int) -> tuple[list[tuple], list[tuple]]:
    """The page's horizontal rules (x0, x1, y) and vertical rules (x, y0, y1), in points from the
    top left, as ``tables.find`` and ``lines.group_lines`` take them."""
    ink = image.point(lambda v: 255 if v < _INK else 0)
    scale = 72 / dpi
    rows = ImageChops.lighter(ink, ImageChops.offset(ink, 0, 1))
    horizontal = [(x0 * scale, x1 * scale, y * scale) for x0, x1, y in _runs(rows, dpi)]
    columns = ImageChops.lighter(ink, ImageChops.offset(ink, 1, 0)).transpose(Image.Transpose.TRANSPOSE)
    vertical = [(x * scale, y0 * scale, y1 * scale) for y0, y1, x in _runs(columns, dpi)]
    return horizontal, vertical
