"""The Line: what every reader hands to the recognizer.

A text extraction gives only ``text`` (and a page number where page breaks can be seen); a PDF
adds font, size, weight and position. The recognizer must work with text alone and may use the
rest when it is there.

Conventions shared by all readers:
- a Line whose ``text`` is empty (or only white space) is a paragraph break;
- a reader that already knows a line is page furniture (a PDF reader finding running headers by
  repetition) sets ``furniture`` to its kind ("header", "footer", "page-number", "stamp"); the
  recognizer then keeps it as a ``Removed`` record and never as content.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, fields


@dataclass(slots=True)
class Line:
    text: str
    page: int = 1
    font: str | None = None
    size: float | None = None
    bold: bool = False
    italic: bool = False
    underline: bool = False  # a rule is drawn under the line (PDF): emphasis, as bold is
    x0: float | None = None  # left edge, points from the page's left
    x1: float | None = None
    top: float | None = None  # points from the page's top
    bottom: float | None = None
    base: float | None = None  # the baseline (PDF): line spacing measured without the descenders
    page_height: float | None = None
    page_width: float | None = None
    furniture: str | None = None
    # The extractor broke one printed line in two here (two bullets on one line): what follows
    # starts a new paragraph or list item, never continues the previous one.
    break_before: bool = False
    # What a tagged PDF's structure tree says the line is: "H1"…"H6" for a heading (a wrapped
    # heading is one Line), "TR" for a table row and "TH" for a header row. A text extraction
    # never sets it.
    role: str | None = None
    # A table row: its cells left to right ("" for an empty cell); ``text`` is then the cells
    # joined by spaces, for the steps that only read text.
    cells: tuple[str, ...] | None = None
    # Parts of a printed line set far apart (a PDF's wide gaps): (left edge, text) each, for the
    # steps that read columns (a two-column front page); ``text`` is the parts joined by spaces.
    parts: tuple[tuple[float, str], ...] | None = None


# Every field after ``text``, in the order Line() takes them.
_AFTER_TEXT = operator.attrgetter(*(f.name for f in fields(Line)[1:]))


def with_text(line: Line, text: str) -> Line:
    """A copy of ``line`` with another text: ``dataclasses.replace`` at a fifth of its cost, since
    the recognizer folds every line of a text extraction on each of its readings."""
    return Line(text, *_AFTER_TEXT(line))


def with_page(line: Line, page: int) -> Line:
    """A copy of ``line`` on another page, made as ``with_text`` makes one: a text without form
    feeds whose running headers mark its pages has every line after the first header moved."""
    copy = with_text(line, line.text)
    copy.page = page
    return copy
