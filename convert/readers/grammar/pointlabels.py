"""The labels that name points of a recommendation, shared by outcomes and votes: a label
opening a line or sentence ("1.", "2.-3.", "1-2.", "ad 1", "2. og 3.") and the points a vote's
words name after them ("stemte imod punkt 2 og 3", "undlader på 1) og 3)"; their pattern is part
of ``voters.words().after``). A single sub-point ("2. a.", "1 a.", "pkt. 1. b)") is read as its
point with the sub-point's letter beside it; a range of them ("1. a) - e)") is never read.
Words: ``vocabulary/people/common.toml``.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from convert.readers.grammar.voters import alternatives, words


@cache
def label_body() -> str:
    """A label's regular expression, with groups prefix, first, d1, both, last, d2."""
    data = words().data
    join = alternatives([re.escape(j) for j in data["point_range"]])
    both = alternatives([re.escape(j) for j in data["point_pair"]])
    return (
        rf"(?:(?P<prefix>{data['point_prefix']}) ?)?(?P<first>\d{{1,2}})(?P<d1>[.:)])?"
        rf"(?: ?(?:(?P<both>{both})|{join}) ?(?P<last>\d{{1,2}})(?P<d2>[.:)])?)?:?"
    )


def label_numbers(m: re.Match) -> list[int]:
    """The points a label's match names: "2.-4." all between, "2. og 4." those two."""
    first = int(m.group("first"))
    last = int(m.group("last") or first)
    if (m.group("both") and last != first) or last < first:
        return [first, last]  # backwards ("3-1") stays so, for the caller to refuse
    return list(range(first, last + 1))


class OnLine(NamedTuple):
    """The points a line's label names, as printed without a word before them or a stop after
    ("2" of "Ad 2:", "2.-3", "2. a"), and for a sub-point its letter. No points: no label."""

    points: list[int]
    label: str = ""
    sub: str = ""


NO_LABEL = OnLine([])


@cache
def _line() -> tuple[re.Pattern, re.Pattern]:
    label = re.compile(rf"[ \t]*{label_body()}(?=[ \t])")
    sub = re.compile(r"[ \t]*[a-zæøå](?:[.)]|\b)")
    return label, sub


# One sub-point's label ("2. a.", "1 a.", "2. b)"), not a range of them ("1. a) - e) godkendes").
_SUB_LINE = re.compile(
    r"[ \t]*(?P<label>(?P<n>\d{1,2})\.? ?(?P<sub>[a-zæøå])(?:\)|(?=\.)))\.?(?=[ \t])(?![ \t]*(?:[-–,&]|og |til ))"
)
_SUB_ANY = re.compile(r"[ \t]*\d{1,2}\.? ?[a-zæøå][.)][ \t]")  # "1 a. Ikke godkendt"


def line_points(text: str, at: int) -> OnLine | None:
    """The points named by the label that opens the line holding ``at`` (``NO_LABEL`` where the
    line opens with none, None where it opens with sub-points' range or one naming points backwards)."""
    return _opening(text, text.rfind("\n", 0, at) + 1, at)


def _opening(text: str, line: int, end: int) -> OnLine | None:
    """The points of the label the line from ``line`` opens with, read no further than ``end``."""
    label, sub = _line()
    if one := _SUB_LINE.match(text, line, end):
        return OnLine([int(one.group("n"))], one.group("label"), one.group("sub"))
    m = label.match(text, line, end)
    if _SUB_ANY.match(text, line, end):
        return None
    if not m or not (m.group("prefix") or m.group("d1") or m.group("d2")):
        return NO_LABEL  # a bare number is not a label ("2 medlemmer")
    if sub.match(text, m.end()):
        return None
    numbers = label_numbers(m)
    if not (numbers and numbers == sorted(set(numbers)) and numbers[0] > 0):
        return None
    return OnLine(numbers, text[m.start("first") : m.end()].rstrip(".: "))


def a_label_between(text: str, start: int, end: int) -> bool:
    """Whether a line that begins after ``start`` and by ``end`` opens with a point's label (where
    one point's decision ends and the next one's begins)."""
    at = text.find("\n", start, end)
    while at >= 0:
        stop = text.find("\n", at + 1)
        if _opening(text, at + 1, len(text) if stop < 0 else stop) != NO_LABEL:
            return True
        at = text.find("\n", at + 1, end)
    return False


def between_labels(text: str, at: int) -> OnLine | None:
    """The points of the label above the line holding ``at`` where a later line opens with a label
    too, so the line is within that point's decision ("3. Godkendt\nFor stemte: …\n4. Godkendt"):
    ``NO_LABEL`` where no label is above or none below (after the last label a line may speak of
    the whole item), None where the label above cannot be read."""
    line = text.rfind("\n", 0, at) + 1
    below = text.find("\n", at)
    if below < 0 or not a_label_between(text, below, len(text)):
        return NO_LABEL
    while line > 0:
        line = text.rfind("\n", 0, line - 1) + 1
        stop = text.find("\n", line)
        points = _opening(text, line, stop)
        if points != NO_LABEL:
            return points
    return NO_LABEL


def sub_letter(ref: str) -> str:
    """The letter of a sub-point's reference ("2. c" → "c", "1. b)" → "b")."""
    return ref.rstrip(")")[-1]


def named_numbers(ref: str) -> list[int]:
    """The numbers of a point reference, a range ("1-3") spelled out: [1, 4, 6] for "1, 4 og 6"."""
    out: list[int] = []
    for m in re.finditer(r"(\d{1,2})(?:\s*[-–]\s*(\d{1,2})|\s+til\s+(\d{1,2}))?", ref):
        first, last = int(m.group(1)), int(m.group(2) or m.group(3) or m.group(1))
        out += range(first, last + 1)
    return out
