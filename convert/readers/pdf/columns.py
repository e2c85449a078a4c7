"""Columns printed side by side on part of a page, read one after the other.

A title in large type beside its meta column ("Sagsnr.: …", "Sagen afgøres i: …"), or a front
page whose meeting facts and members stand in two columns, puts lines of two texts into one
band of the page. Sorted by baseline they interleave ("190. Bydelen", "Sagsnr.: …", "vejbelysning
for", …), and a title or a list is torn apart. The band is found from geometry alone:

- it starts from two lines that overlap in height with one printed wholly left of the other
  (lines on different baselines that share a band are never one text);
- the gutter is where the right one begins; every line of the band either ends before it or
  begins at it, and a line that runs across it (a paragraph under the band) ends the band; a line
  whose two parts merely share a baseline across the gutter, far apart, is cut in two there;
- the band grows over the lines that overlap it in height and over the lines that go on under a
  column at that column's own line spacing (a title's third line, a column of names longer than
  its neighbour); a paragraph's spacing ends it.

Each band is read down its left column, then down its right one.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import compress, count
from operator import le

from convert.readers.grammar.lines import Line

_SLACK = 4.0  # points: a column's lines begin within this of one another
_TIGHT = 1.45  # baseline distance, in ems of the larger type, of lines set one under another
_LOOSE = 2.2  # ... and of a paragraph after the one above it in the same column


def _height_overlap(a: Line, b: Line) -> float:
    return min(a.bottom, b.bottom) - max(a.top, b.top)


def _placed(line: Line) -> bool:
    return None not in (line.x0, line.x1, line.top, line.bottom) and line.cells is None


def _beside(a: Line, b: Line) -> bool:
    """Do ``a`` and ``b`` share a band, on different baselines, one wholly left of the other?"""
    if not (_placed(a) and _placed(b)):
        return False
    # Most pairs of lines overlap across the page: that settles them before any height is compared.
    if not (a.x1 <= b.x0 - _SLACK or b.x1 <= a.x0 - _SLACK):
        return False
    overlap = _height_overlap(a, b)
    low = min(a.bottom - a.top, b.bottom - b.top)
    return overlap > 0.3 * low and (a.x1 <= b.x0 - _SLACK or b.x1 <= a.x0 - _SLACK)


def _near(out: list) -> set[int]:
    """The lines wholly left or right of one of the three after them: _beside's first test, made
    on plain numbers for a whole page at once, as it turns away nearly every pair."""
    near: set[int] = set()
    try:
        lefts = [pl.line.x0 - _SLACK for pl in out]
        rights = [pl.line.x1 for pl in out]
        for d in (1, 2, 3):
            # compress() and map() walk the page in C: this runs for every page.
            near.update(compress(count(), map(le, rights, lefts[d:])))  # line k wholly left of k + d
            near.update(compress(count(), map(le, rights[d:], lefts)))  # line k + d wholly left of k
    except TypeError:  # a line without its edges (group_lines makes none): _beside tries every line
        return set(range(len(out)))
    return near


def _tight(above, below, ems: float = _TIGHT) -> bool:
    """Is page line ``below`` set under ``above`` at no more than ``ems`` of the larger type,
    baseline to baseline (the ink's bottom moves with the descenders)?"""
    gap = (below.base or below.line.bottom) - (above.base or above.line.bottom)
    return 0 < gap <= ems * max(above.line.size or 10.0, below.line.size or 10.0)


class _Band:
    """The lines of one band and the side of the gutter each stands on."""

    def __init__(self, gutter: float, split: Callable):
        self.gutter = gutter
        self.split = split
        self.sides: list[tuple[str, list]] = []  # ("L" | "R" | "LR", the page lines)

    def side(self, pl) -> tuple[str, list] | None:
        line = pl.line
        if not _placed(line) or pl.rotated:
            return None
        if line.x0 >= self.gutter - _SLACK:
            return "R", [pl]
        if line.x1 <= self.gutter - _SLACK:
            return "L", [pl]
        halves = self.split(pl, self.gutter - _SLACK)
        return ("LR", list(halves)) if halves else None


def _extent(parts: list) -> tuple[float, float]:
    return min(pl.line.top for pl in parts), max(pl.line.bottom for pl in parts)


def _joins(kind: str, pls: list, members: list[tuple[str, list]], extent, below: bool) -> bool:
    """Does a line (its side, its pieces) belong to the band: it overlaps the band in height, or
    goes on under (over) a column of the band at that column's line spacing."""
    top, bottom = extent
    if any(min(bottom, pl.line.bottom) - max(top, pl.line.top) > 0 for pl in pls):
        return True
    for piece_kind, pl in zip(kind, pls, strict=True):
        same = [p for k, ps in members for pk, p in zip(k, ps, strict=True) if pk == piece_kind]
        if not same:
            continue
        if below and _tight(same[-1], pl):
            return True
        if not below and _tight(pl, same[0]):
            return True
    return False


def _both_go_on(out: list, hi: int, band: _Band, members: list) -> int:
    """The last line to take into the band when both its columns go on below after a paragraph's
    spacing (a front page set in columns: facts and members each in paragraphs); ``hi`` if not."""
    last: dict[str, object] = {}
    for kind, pls in members:
        for pk, pl in zip(kind, pls, strict=True):
            if pk not in last or pl.line.bottom > last[pk].line.bottom:
                last[pk] = pl
    if len(last) < 2:
        return hi
    first: dict[str, int] = {}
    for i in range(hi + 1, min(hi + 7, len(out))):
        found = band.side(out[i])
        if found is None:
            break
        kind, pls = found
        for pk, pl in zip(kind, pls, strict=True):
            if pk in first:
                continue
            if not _tight(last[pk], pl, _LOOSE):
                return hi
            first[pk] = i
        if len(first) == 2:
            return max(first.values())
    return hi


def _side_by_side(a: Line, b: Line) -> bool:
    """Is ``b`` printed left of ``a`` in the same band: a title in a larger type beside its
    meta column sits on a lower baseline, yet is read first."""
    if None in (a.top, a.bottom, b.top, b.bottom, a.x0, b.x1):
        return False
    overlap = min(a.bottom, b.bottom) - max(a.top, b.top)
    return overlap > 0.5 * min(a.bottom - a.top, b.bottom - b.top) and b.x1 <= a.x0


def left_first(lines: list) -> list:
    """Page lines sorted by baseline, each printed left of the line above it in the same band (see
    _side_by_side) moved before that line, in place."""
    for k in range(1, len(lines)):
        j = k
        # Most lines end right of where the one above begins, which settles them without the call
        # (group_lines' lines always have their edges).
        while j > 0 and lines[j].line.x1 <= lines[j - 1].line.x0 and _side_by_side(lines[j - 1].line, lines[j].line):
            lines[j - 1], lines[j] = lines[j], lines[j - 1]
            j -= 1
    return lines


def read_columns(lines: list, split: Callable) -> list:
    """``lines`` (page lines sorted by baseline) with each band of side-by-side columns read
    column by column. ``split(page_line, x)`` cuts a line at a wide gap at ``x`` into its left and
    right pieces, or gives None."""
    out = list(lines)
    near = _near(out)
    k = 0
    while k + 1 < len(out):
        if k not in near:
            k += 1
            continue
        seed = next((j for j in range(k + 1, min(k + 4, len(out))) if _beside(out[k].line, out[j].line)), None)
        if seed is None:
            k += 1
            continue
        a, b = out[k].line, out[seed].line
        band = _Band(max(a.x0, b.x0), split)
        found = [band.side(out[i]) for i in range(k, seed + 1)]
        if any(f is None for f in found):
            k += 1
            continue
        lo, hi = k, seed
        members = list(found)
        grown = True
        while grown:
            grown = False
            if hi + 1 < len(out):
                nxt = band.side(out[hi + 1])
                if nxt is not None and _joins(*nxt, members, _extent([p for _, ps in members for p in ps]), True):
                    hi += 1
                    members.append(nxt)
                    grown = True
            if lo > 0:
                prev = band.side(out[lo - 1])
                if prev is not None and _joins(*prev, members, _extent([p for _, ps in members for p in ps]), False):
                    lo -= 1
                    members.insert(0, prev)
                    grown = True
            if not grown:
                on = _both_go_on(out, hi, band, members)
                if on > hi:
                    members.extend(band.side(out[i]) for i in range(hi + 1, on + 1))
                    hi, grown = on, True
        left = [p for kind, ps in members for pk, p in zip(kind, ps, strict=True) if pk == "L"]
        right = [p for kind, ps in members for pk, p in zip(kind, ps, strict=True) if pk == "R"]
        out[lo : hi + 1] = left + right
        near = _near(out)
        k = lo + len(left) + len(right)
    return out
