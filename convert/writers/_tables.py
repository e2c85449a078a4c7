"""How a table of the model is laid out on paper, for the PDF and Word writers.

Three facts a printed table needs and the model does not state, all read from the cells:

- **Amount columns.** A column whose body cells are all numbers or amounts ("1.370.000 kr.",
  "2,5 %", "-95.000") is set right-aligned, as Danish budget tables print them, and its short
  cells are not wrapped (so "1.370.000" never sits above "kr.").
- **The heading row.** A table the reader could not mark still has one when its first row has
  text above an amount column and no amount itself: that row names the columns.
- **Column widths in proportion to the text.** Each column gets a share of the width from the
  characters it holds (its longest word at least, a long cell counting up to a cap), so a table
  with 3,000-character cells lays out in proportion to its text, and the layout is a fixed one
  (CSS 2.1, 17.5.2.1) that costs the same for every row instead of a search over every cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Danish numbers: thousands grouped by "." (or a space), decimals after ",", an optional sign,
# an optional unit (kr., mio. kr., %, pct., t.kr.). A dash alone stands for zero in budgets.
_AMOUNT = re.compile(
    r"[-−–+]?\s?(\d{1,3}(?:[.\u00a0 ]\d{3})+|\d+)(?:,\d+)?\s?"
    r"(?:%|pct\.?|(?:t\.?\s?|mio\.?\s?|mia\.?\s?)?kr\.?|mio\.?|mia\.?)?|[-–−]",
    re.IGNORECASE,
)
SHORT = 24  # characters: a cell up to this long may be kept on one line
_CAP = 60  # characters a long cell counts for its column's share
_PADDING = 3.0  # characters' worth of a cell's padding and rule


def is_amount(text: str) -> bool:
    return bool(_AMOUNT.fullmatch(text.strip()))


@dataclass(frozen=True)
class Layout:
    header: bool  # the first row names the columns
    numeric: tuple[bool, ...]  # per column: an amount column
    widths: tuple[float, ...]  # per column: percent of the table's width
    nowrap: tuple[bool, ...]  # per column: every cell fits its width on one line


def _amount_columns(rows: list[list[str]], width: int) -> tuple[bool, ...]:
    columns = []
    for c in range(width):
        cells = [r[c].strip() for r in rows if c < len(r) and r[c].strip()]
        digits = any(ch.isdigit() for x in cells for ch in x)  # not a column of dashes alone
        columns.append(bool(cells) and digits and all(is_amount(x) for x in cells))
    return tuple(columns)


def _longest(cells: list[str]) -> int:
    return max((len(x) for x in cells), default=0)


def _widest_word(cells: list[str]) -> int:
    return max((len(w) for x in cells for w in x.split()), default=1)


def _shares(least: list[float], most: list[float], short: list[bool], line: float) -> list[float]:
    """Each column's characters: at least its least (its longest word, or its short cells whole)
    while the leasts fit the line, the rest shared in proportion to what each wants beyond it
    (CSS 2.1, 17.5.2.2's minimum and maximum widths, computed once per column). When the leasts
    do not fit, short columns keep theirs (up to two thirds of the line) and the long words break."""
    floor = sum(least)
    if floor >= line:
        kept = sum(x for x, s in zip(least, short, strict=True) if s)
        rest = floor - kept
        if not rest or kept > line * 2 / 3:
            return [line * x / floor for x in least]
        return [x if s else (line - kept) * x / rest for x, s in zip(least, short, strict=True)]
    extra = [m - x for x, m in zip(least, most, strict=True)]
    room = line - floor
    if sum(extra) <= room:  # everything fits: the spare width goes in proportion to the wants
        total = sum(most)
        return [line * m / total for m in most]
    return [x + room * e / sum(extra) for x, e in zip(least, extra, strict=True)]


def layout(rows: list[list[str]], header: bool, line: float = 85) -> Layout:
    """``line``: how many characters of table text fit across the full width (digits, 9 pt, A4)."""
    width = max((len(r) for r in rows), default=0)
    if not width:
        return Layout(header, (), (), ())
    body = rows[1:] if header else rows
    numeric = _amount_columns(body, width)
    if not header and len(rows) >= 2:
        first = rows[0]
        tail = _amount_columns(rows[1:], width)
        names = [c < len(first) and first[c].strip() for c in range(width)]
        if any(t and n for t, n in zip(tail, names, strict=True)) and not any(is_amount(x) for x in first if x.strip()):
            header, numeric = True, tail
    columns = [[r[c] for r in rows if c < len(r)] for c in range(width)]
    # Columns of short cells (amounts, numbers, dates, access words) want their longest cell on
    # one line; text columns want their longest word at least, a long cell counting up to a cap.
    short = [_longest(cells) <= SHORT and (numeric[c] or _longest(cells) <= 12) for c, cells in enumerate(columns)]
    least = [
        (max(_longest(cells), 1) if short[c] else _widest_word(cells)) + _PADDING for c, cells in enumerate(columns)
    ]
    whole = list(least)
    words = [_widest_word(cells) + _PADDING for cells in columns]
    if sum(least) > line >= sum(words):  # short cells whole do not fit, every word does: words first
        least = words
    most = [max(whole[c], min(_longest(cells), _CAP) + _PADDING) for c, cells in enumerate(columns)]
    chars = _shares(least, most, short, line)
    nowrap = tuple(short[c] and whole[c] <= chars[c] + 0.01 for c in range(width))
    return Layout(header, numeric, tuple(round(100 * x / line, 2) for x in chars), nowrap)
