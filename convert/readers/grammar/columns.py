"""Columns side by side in a layout-preserving text extraction (``pdftotext -layout``): a front
page set in two columns, an item's meta printed beside its title. The extraction writes such a
page row by row across both columns; read so, a member list runs into the meeting's place and a
title into its case number. Here the columns are read one after the other, left then right.

Only the geometry of the text decides: a gutter is a character column where, over neighbouring
lines, the text on its right starts after a run of spaces and no line runs across it. A table has
gutters too, but its cells share every row; a page's columns do not: each side has lines of its
own (a wrapped title beside a short meta column, a member list longer than the facts beside it).
Works on one page at a time (a bounded window of lines)."""

from __future__ import annotations

import re
from collections import defaultdict

_GAP = re.compile(r" {2,}(?=\S)")  # a run of spaces before text: where a column may begin
_MIN_GUTTER = 16  # a right column starts well into the line: not a list's hanging indent
_BLANKS_END = 2  # this many empty lines in a row end a region: the columns are over
WINDOW = 200  # lines read at once where a text has no page breaks (a page of pdftotext is ~60)


def _starts(line: str) -> list[int]:
    return [m.end() for m in _GAP.finditer(line) if m.end() >= _MIN_GUTTER]


def _cut(line: str, gutter: int) -> tuple[str, str] | None:
    """``line`` as its parts left and right of ``gutter``; None when its text runs across."""
    if not line.strip():
        return "", ""
    if len(line.rstrip()) < gutter - 1:
        return line.rstrip(), ""
    indent = len(line) - len(line.lstrip())
    if indent >= gutter - 1:
        return "", line
    for m in _GAP.finditer(line):
        # Beside text on the left, the right column's text starts at the gutter: text further
        # right is another table's column.
        if m.start() <= gutter - 1 and abs(m.end() - gutter) <= 1:
            return line[: m.start()], line[m.end() :]
    return None


def _opens(text: str) -> bool:
    """Does a line open something (in capitals or with a number) rather than go on with the
    line above (in lower case, or "(Lukket punkt)" after a wrapped title)?"""
    return text[:1].isupper() or text[:1].isdigit()


def _region(lines: list[str], gutter: int, first: int, taken: list[bool]) -> tuple[int, int] | None:
    """The lines from ``first`` on that are two columns at ``gutter``: (start, end), end exclusive."""
    last_right = first
    blanks = 0
    k = first
    while k < len(lines) and not taken[k]:
        cut = _cut(lines[k], gutter)
        if cut is None:
            break
        left, right = cut
        if not left and not right:
            blanks += 1
            if blanks >= _BLANKS_END:
                break
        else:
            blanks = 0
        if right:
            last_right = k
        k += 1
    end = last_right + 1
    # The left column may run on below the right one's last line. Page columns (paragraphs, so
    # empty lines, in them) run on to the next paragraph break; a single block beside a column
    # (a title beside its meta) only while its text goes on (``_opens``), as a wrapped title
    # does: a heading after it is no longer beside the column.
    lefts = [cut[0].strip() for line in lines[first:end] if (cut := _cut(line, gutter)) and cut[0].strip()]
    paragraphs = any(not line.strip() for line in lines[first:end]) or any(_opens(t) for t in lefts[1:])
    while end < k and lines[end].strip() and _cut(lines[end], gutter) == (lines[end].rstrip(), ""):
        if not paragraphs and _opens(lines[end].lstrip()):
            break
        end += 1
    return (first, end) if end > first else None


def _columns(lines: list[str], gutter: int, start: int, end: int) -> bool:
    """Are lines[start:end] two columns rather than a table? A table's rows hold a cell on each
    side; a page's columns do not keep in step: one side has a line of its own. Not counted: a
    line wrapped inside a cell (indented to that cell, or going on in lower case), and a table
    row whose last cell the extraction pulled in from the gutter (its last word starts past
    every left cell's end). Columns in step are told by a label on the right ("Medlemmer:")
    with more under it: a table's labels stand on the left of their values, and what a label on
    the right introduces runs down its column. Nor is a column set flush right (amounts), or one
no wider than a party letter or a number, a page's."""
    rows = [(line, cut) for line in lines[start:end] if line.strip() and (cut := _cut(line, gutter))]
    margin = min((len(left) - len(left.lstrip()) for _, (left, _) in rows if left.strip()), default=0)
    widest = max((len(left.rstrip()) for _, (left, right) in rows if left.strip() and right.strip()), default=0)
    aligned = alone = 0
    for line, (left, right) in rows:
        if right.strip():
            aligned += abs(len(line) - len(right.lstrip()) - gutter) <= 1
            alone += not left.strip()
        else:
            last_word = len(left.rstrip()) - len(left.split()[-1])
            own = _opens(left.lstrip())  # else it goes on with the cell above
            alone += own and len(left) - len(left.lstrip()) == margin and last_word <= widest
    rights = [(len(line) - len(right.lstrip()), len(line.rstrip())) for line, (_, right) in rows if right.strip()]
    texts = [right.strip() for _, (_, right) in rows if right.strip()]
    alone += any(t.endswith(":") for t in texts[:-1])
    narrow = max(len(t) for t in texts) <= 3  # a column of letters or numbers is a table's
    return aligned >= 2 and alone >= 1 and not narrow and not _right_aligned(rights)


def _right_aligned(spans: list[tuple[int, int]]) -> bool:
    """Text set flush right (a table's column of amounts): its lines end together but start
    apart. A page's column is set flush left."""
    starts = [a for a, _ in spans]
    ends = [b for _, b in spans]
    return len(spans) >= 3 and max(ends) - min(ends) <= 1 and max(starts) > min(starts)


def split(lines: list[str]) -> list[str]:
    """The lines of one page with each stretch of two columns read left column first, then right,
    an empty line between them. A long text without page breaks is read in windows of about
    WINDOW lines, cut at empty lines, so that the work stays linear in its length."""
    out: list[str] = []
    first = 0
    while first < len(lines):
        last = min(len(lines), first + WINDOW)
        while last < min(len(lines), first + 2 * WINDOW) and lines[last].strip():
            last += 1
        out += _split(lines[first:last])
        first = last
    return out


def _split(lines: list[str]) -> list[str]:
    where: dict[int, list[int]] = defaultdict(list)  # a column a text starts at -> its lines
    for k, line in enumerate(lines):
        for x in set(_starts(line)):
            where[x].append(k)
    taken = [False] * len(lines)
    regions: list[tuple[int, int, int]] = []
    # The most used gutter first, and of two as used the leftmost: a page's own, not that of a
    # table standing in its right column.
    for gutter, at in sorted(where.items(), key=lambda pair: (-len(pair[1]), pair[0])):
        if len(at) < 2:
            break
        after = 0  # lines before this are in a region found at this gutter
        for k in at:
            if taken[k] or k < after:
                continue
            found = _region(lines, gutter, k, taken)
            if found and _columns(lines, gutter, *found):
                regions.append((found[0], found[1], gutter))
                for j in range(*found):
                    taken[j] = True
                after = found[1]
    if not regions:
        return lines
    out: list[str] = []
    k = 0
    for start, end, gutter in sorted(regions):
        out += lines[k:start]
        cuts = [_cut(line, gutter) or (line, "") for line in lines[start:end]]
        # A line of the right column alone leaves no gap in the left one.
        out += [left for left, right in cuts if left.strip() or not right.strip()]
        out.append("")
        out += [right for _, right in cuts if right.strip()]
        k = end
    return out + lines[k:]
