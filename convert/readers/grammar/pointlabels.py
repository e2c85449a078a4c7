"""The labels that name points of a recommendation, shared by outcomes and votes: a label
opening a line or sentence ("1.", "2.-3.", "1-2.", "ad 1", "2. og 3.") and the points a vote's
words name after them ("stemte imod punkt 2 og 3", "undlader på 1) og 3)"; their pattern is part
of ``voters.words().after``). A sub-point ("2. a.", "pkt. 1. b)") is a part of a point the model
cannot name, so it is never read as its point. Words: ``vocabulary/people/common.toml``.
"""

from __future__ import annotations

import re
from functools import cache

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


@cache
def _line() -> tuple[re.Pattern, re.Pattern]:
    label = re.compile(rf"[ \t]*{label_body()}(?=[ \t])")
    sub = re.compile(r"[ \t]*[a-zæøå](?:[.)]|\b)")
    return label, sub


_SUB_ONLY = re.compile(r"[ \t]*\d{1,2} [a-zæøå][.)][ \t]")  # "1 a. Ikke godkendt"


def line_points(text: str, at: int) -> list[int] | None:
    """The points named by the label that opens the line holding ``at`` ([] where the line opens
    with none, None where it opens with a sub-point's label or one naming points backwards)."""
    return _opening(text, text.rfind("\n", 0, at) + 1, at)


def _opening(text: str, line: int, end: int) -> list[int] | None:
    """The points of the label the line from ``line`` opens with, read no further than ``end``."""
    label, sub = _line()
    m = label.match(text, line, end)
    if _SUB_ONLY.match(text, line, end):
        return None
    if not m or not (m.group("prefix") or m.group("d1") or m.group("d2")):
        return []  # a bare number is not a label ("2 medlemmer")
    if sub.match(text, m.end()):
        return None
    numbers = label_numbers(m)
    return numbers if numbers and numbers == sorted(set(numbers)) and numbers[0] > 0 else None


def a_label_between(text: str, start: int, end: int) -> bool:
    """Whether a line that begins after ``start`` and by ``end`` opens with a point's label (where
    one point's decision ends and the next one's begins)."""
    at = text.find("\n", start, end)
    while at >= 0:
        stop = text.find("\n", at + 1)
        if _opening(text, at + 1, len(text) if stop < 0 else stop) != []:
            return True
        at = text.find("\n", at + 1, end)
    return False


def between_labels(text: str, at: int) -> list[int] | None:
    """The points of the label above the line holding ``at`` where a later line opens with a label
    too, so the line is within that point's decision ("3. Godkendt\nFor stemte: …\n4. Godkendt"):
    [] where no label is above or none below (after the last label a line may speak of the whole
    item), None where the label above is a sub-point's."""
    line = text.rfind("\n", 0, at) + 1
    below = text.find("\n", at)
    if below < 0 or not a_label_between(text, below, len(text)):
        return []
    while line > 0:
        line = text.rfind("\n", 0, line - 1) + 1
        stop = text.find("\n", line)
        points = _opening(text, line, stop)
        if points != []:
            return points
    return []


def named_numbers(ref: str) -> list[int]:
    """The numbers of a point reference, a range ("1-3") spelled out: [1, 4, 6] for "1, 4 og 6"."""
    out: list[int] = []
    for m in re.finditer(r"(\d{1,2})(?:\s*[-–]\s*(\d{1,2})|\s+til\s+(\d{1,2}))?", ref):
        first, last = int(m.group(1)), int(m.group(2) or m.group(3) or m.group(1))
        out += range(first, last + 1)
    return out
