"""Dot leaders on a scanned page ("Godkendelse af dagsorden ........ 3"). Tesseract reads a row
of dots as letters ("dagsorden[.[.[.]." or "ssssseerrrre") and, with them on the line, misjudges
the spaces between the title's words ("afregnskab"). The dots carry no words: they are found by
their geometry and painted out before the page is read, so the title and its page number are
read as a text PDF's table of contents gives them, a title and a number at the right margin.

A leader is at least ``_DOTS`` small marks in a row on the baseline of a line Tesseract found,
with nothing above them up to the x-height, close together. Found per column of the line's band:
its upper part (above about a quarter em over the baseline, where every letter has ink) and its
lower part (where a full stop lies)."""

from __future__ import annotations

from collections.abc import Hashable

from PIL import Image, ImageDraw

_INK = 140
_DOTS = 5  # fewer is an ellipsis or a number's points, which are text
_SPLIT = 0.58  # of the band's height from its top: under the x-height, over a full stop


def _marks(upper: bytes, lower: bytes, height: int) -> list[tuple[int, int]]:
    """Runs of columns (first, last) with ink below the split and none above it; a column with
    ink above the split is returned as (x, -1), which ends any row of dots."""
    marks: list[tuple[int, int]] = []
    start = None
    quiet = 2 * 255 // max(1, height)  # under two ink pixels: JPEG speckle, not a letter
    for x, (up, low) in enumerate(zip(upper, lower, strict=True)):
        if up > quiet:
            if start is not None:
                marks.append((start, x - 1))
                start = None
            marks.append((x, -1))
        elif low > 0:
            start = x if start is None else start
        elif start is not None:
            marks.append((start, x - 1))
            start = None
    if start is not None:
        marks.append((start, len(lower) - 1))
    return marks


def rows_of_dots(marks: list[tuple[int, int]], height: int) -> list[tuple[int, int]]:
    """The spans (left, right) of ``_DOTS`` or more small marks in a row, each narrower than a
    quarter of the band's height and at most two thirds of it from the next."""
    found: list[tuple[int, int]] = []
    row: list[tuple[int, int]] = []

    def close() -> None:
        if len(row) >= _DOTS:
            found.append((row[0][0], row[-1][1]))
        row.clear()

    for left, right in marks:
        if right < 0 or right - left + 1 > 0.25 * height:
            close()
            continue
        if row and left - row[-1][1] > 0.67 * height:
            close()
        row.append((left, right))
    close()
    return found


def erase(image: Image.Image, lines: dict[Hashable, tuple[int, int, list[tuple]]]) -> Image.Image | None:
    """A copy of ``image`` with the dot leaders on the ``lines`` Tesseract read (key -> top, bottom,
    word boxes) painted white; None when there are none."""
    ink = image.point(lambda v: 255 if v < _INK else 0)
    spans: list[tuple[int, int, int, int]] = []
    for top, bottom, _ in lines.values():
        height = bottom - top
        if height < 8:
            continue
        split = top + round(_SPLIT * height)
        upper = ink.crop((0, top, ink.width, split)).resize((ink.width, 1), Image.Resampling.BOX).tobytes()
        lower = ink.crop((0, split, ink.width, bottom)).resize((ink.width, 1), Image.Resampling.BOX).tobytes()
        marks = _marks(upper, lower, split - top)
        spans += [(left, top, right, bottom) for left, right in rows_of_dots(marks, height)]
    if not spans:
        return None
    cleaned = image.copy()
    paint = ImageDraw.Draw(cleaned)
    for left, top, right, bottom in spans:
        paint.rectangle((left - 1, top, right + 1, bottom), fill=255)
    return cleaned
