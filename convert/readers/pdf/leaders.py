"""Dot leaders on a scanned page ("Godkendelse af dagsorden ........ 3"). Tesseract reads a row
of dots as letters ("dagsorden[.[.[.]." or "ssssseerrrre"). The dots carry no words: they are found by
their geometry and painted out before the page is read, so the title and its page number are
read as a text PDF's table of contents gives them, a title and a number at the right margin.

A leader is at least ``_DOTS`` small marks in a row on the baseline of a line Tesseract found,
with nothing above them up to the x-height, close together: small and close for the size of the
line's words, so a logo's letters spaced out on a tall line are not taken for dots. The size comes
from the words Tesseract is sure of (``ocr``): the dots themselves come back as tiny doubtful
"words" ("SS", "ERE"), and a logo as tall ones; the baseline from the ink. Found per column of the line:
its upper part (where every letter has ink) and its lower part (where a full stop lies)."""

from __future__ import annotations

import statistics

from PIL import Image, ImageDraw

_INK = 140
_DOTS = 5  # fewer is an ellipsis or a number's points, which are text


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


def rows_of_dots(marks: list[tuple[int, int, int]], size: float) -> list[tuple[int, int]]:
    """The spans (left, right) of ``_DOTS`` or more small marks (left, right, height) in a row, each
    under a third of ``size`` (the height of the line's words) across and high, and at most
    ``size`` from the next."""
    found: list[tuple[int, int]] = []
    row: list[tuple[int, int, int]] = []

    def close() -> None:
        if len(row) >= _DOTS:
            found.append((row[0][0], row[-1][1]))
        row.clear()

    for left, right, high in marks:
        if right < 0 or right - left + 1 > size / 3 or high > size / 3:
            close()
            continue
        if row and left - row[-1][1] > size:
            close()
        row.append((left, right, high))
    close()
    return found


def rows(words: list, sure_at: float) -> list[tuple[tuple[int, int, int], float]]:
    """Each of Tesseract's lines: its box (left, top, right) and the height of its words, in
    pixels, from the words (``ocr.Word``) Tesseract is sure of (confidence ``sure_at`` or more);
    on a line without two, from its words of about the height of the page's sure words (a row of
    dots comes back as tiny "words", a logo as tall)."""
    by_line: dict[tuple, list] = {}
    for w in words:
        by_line.setdefault(w.line, []).append(w)
    heights = [w.height for w in words if w.conf >= sure_at]
    usual = statistics.median(heights) if heights else 0
    rows = []
    for members in by_line.values():
        sure = [w for w in members if w.conf >= sure_at]
        if len(sure) < 2:
            sure = [w for w in members if 0.6 * usual <= w.height <= 1.4 * usual] or members
        box = (min(w.left for w in members), min(w.top for w in sure), max(w.left + w.width for w in members))
        rows.append((box, statistics.median(w.height for w in sure)))
    return rows


def baseline(ink: Image.Image, left: int, top: int, right: int, size: float) -> int:
    """The baseline of the line whose words begin at ``top``: the last row, going down, as dense
    with ink as half the line's densest (letters stand on it; only descenders go under it)."""
    rows = ink.crop((left, top, right, round(top + 1.3 * size))).resize((1, round(1.3 * size)), Image.Resampling.BOX)
    profile = rows.tobytes()
    dense = max(profile) / 2
    return top + max(i for i, v in enumerate(profile) if v >= dense) + 1


def erase(image: Image.Image, lines: list[tuple[tuple[int, int, int], float]]) -> Image.Image | None:
    """A copy of ``image`` with the dot leaders on the ``lines`` (the box (left, top, right) and the
    words' height of each line Tesseract read, in pixels) painted white; None when there are none."""
    ink = image.point(lambda v: 255 if v < _INK else 0)
    spans: list[tuple[int, int, int, int]] = []
    for (left, top, right), size in lines:
        if size < 6 or right <= left:
            continue
        base = baseline(ink, left, top, right, size)
        # Above the split every letter has ink (the x-height is over half the words' height);
        # a full stop lies under it, on the baseline.
        split, bottom = round(base - 0.3 * size), round(base + 0.1 * size)
        if split <= top:  # the ink's densest rows are at the top: no line of type
            continue
        upper = ink.crop((0, top, ink.width, split)).resize((ink.width, 1), Image.Resampling.BOX).tobytes()
        lower = ink.crop((0, split, ink.width, bottom)).resize((ink.width, 1), Image.Resampling.BOX).tobytes()
        # A mark is looked at a little under the baseline: the top of a letter of the next line,
        # or a picture's stroke, goes on below it; a full stop has paper under it.
        below = min(ink.height, round(base + 0.35 * size))
        marks = []
        for left, right in _marks(upper, lower, split - top):
            box = ink.crop((left, split, right + 1, below)).getbbox() if 0 <= right - left < size else None
            ends = box is not None and box[3] < below - split
            marks.append((left, right, box[3] - box[1] if ends else below - top))
        spans += [(left, split, right, bottom) for left, right in rows_of_dots(marks, size)]
    if not spans:
        return None
    cleaned = image.copy()
    paint = ImageDraw.Draw(cleaned)
    for left, top, right, bottom in spans:
        paint.rectangle((left - 1, top, right + 1, bottom), fill=255)
    return cleaned
