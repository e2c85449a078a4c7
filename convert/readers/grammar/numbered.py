"""A numbered list's numbering, learnt from the markers its items print ("a." "b." … or "1)").

One marker alone can be ambiguous: "i." is the ninth letter or roman one, "c." a letter or a
hundred. A list keeps every reading its markers so far allow and narrows them with each item,
so "h." then "i." is alphabetic and "i." then "ii." roman. A marker that no reading continues
("1." after "c.", "a)" after "b.") is a new list as printed, which keeps "punkt c" citable.
"""

from __future__ import annotations

from convert.numbering import STYLES, readings


def split(marker: str) -> tuple[str, str]:
    """'b)' -> ('b', ')')."""
    return marker[:-1], marker[-1]


class Numbering:
    def __init__(self) -> None:
        self.delimiter: str | None = None
        self.first: dict[str, int] | None = None  # style -> the first item's value
        self.last: dict[str, int] = {}  # style -> the latest item's value, for the readings still open

    def continues(self, marker: str) -> bool:
        if self.first is None or not self.last:
            return True  # nothing read yet, or a numbering no style prints ("æ."): nothing to break
        body, delimiter = split(marker)
        return delimiter == self.delimiter and any(self.last.get(s) == v - 1 for s, v in readings(body))

    def add(self, marker: str) -> None:
        body, delimiter = split(marker)
        found = dict(readings(body))
        if self.first is None:
            self.first, self.last, self.delimiter = dict(found), found, delimiter
            return
        following = {s: v for s, v in found.items() if self.last.get(s) == v - 1}
        # A nested list cannot be cut in two, so a marker out of sequence there counts as the next.
        self.last = following or {s: v + 1 for s, v in self.last.items()}

    def result(self) -> tuple[str | None, str | None, int | None]:
        """(style, delimiter, start): a reading that starts at 1 before one that does not ("i."
        alone is roman one, not the ninth letter), then letters before roman numerals."""
        if not self.last or self.first is None:
            return None, None, None
        style = min(self.last, key=lambda s: (self.first[s] != 1, STYLES.index(s)))
        start = self.first[style]
        return style, self.delimiter, None if start == 1 else start
