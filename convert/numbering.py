"""How an ordered list's items are numbered as printed: "1." "b)" "C)" "iv.".

A list keeps its numbering as a style, a delimiter and a start value (``ListBlock.style``,
``.delimiter``, ``.start``), so that every writer can make a real list of it (HTML ``<ol>``, a
Word numbering level) and still print the markers the source printed. The style names are CSS
list-style-type keywords, with their counter representations (CSS Counter Styles Level 3,
https://www.w3.org/TR/css-counter-styles-3/#predefined-counters): ``lower-alpha`` is bijective
base 26 (z, aa, ab, …), ``lower-roman`` is defined for 1–3999 and falls back to decimal outside.
Readers use :func:`readings`, the inverse, to learn a list's numbering from its markers.
"""

from __future__ import annotations

STYLES = ("decimal", "lower-alpha", "upper-alpha", "lower-roman", "upper-roman")
DELIMITERS = (".", ")")

_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _alpha(n: int) -> str:
    out = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        out = _LETTERS[r] + out
    return out


def _roman(n: int) -> str:
    out = ""
    for value, digits in _ROMAN:
        count, n = divmod(n, value)
        out += digits * count
    return out


def label(style: str | None, n: int) -> str:
    """The counter value ``n`` as ``style`` prints it, without the delimiter."""
    if style in ("lower-alpha", "upper-alpha") and n >= 1:
        text = _alpha(n)
    elif style in ("lower-roman", "upper-roman") and 1 <= n <= 3999:
        text = _roman(n)
    else:  # decimal, an unknown style, or a value the style cannot print (CSS: fall back to decimal)
        return str(n)
    return text.upper() if style.startswith("upper") else text


def marker(style: str | None, delimiter: str | None, start: int | None, index: int) -> str:
    """The printed marker of a list's ``index``-th item (0-based): "c." for lower-alpha, ".", 1, 2.
    Unknown numbering prints as "1." "2." …, which is how such lists have always been written."""
    return label(style, (1 if start is None else start) + index) + (delimiter or ".")


def readings(body: str) -> list[tuple[str, int]]:
    """Every (style, value) a marker's body ("i", "12", "B") can be read as: "i" is the ninth
    letter or roman one, and only the list around it can tell which."""
    if body.isdigit() and body.isascii():
        return [("decimal", int(body))]
    out = []
    lower = body.lower()
    case = "upper" if body.isupper() else "lower" if body.islower() else None
    if case and len(body) == 1 and lower in _LETTERS:
        out.append((f"{case}-alpha", _LETTERS.index(lower) + 1))
    if case and lower and set(lower) <= set("ivxlcdm"):
        value = _roman_value(lower)
        if value and _roman(value) == lower:  # only the canonical spelling: "iiii" or "vx" is not a number
            out.append((f"{case}-roman", value))
    return out


def _roman_value(text: str) -> int:
    values = {digits: value for value, digits in _ROMAN if len(digits) == 1}
    total = 0
    for i, c in enumerate(text):
        v = values[c]
        total += -v if i + 1 < len(text) and values[text[i + 1]] > v else v
    return total


def item_marker(block, index: int) -> str:
    """The marker of ``block.items[index]`` for an ordered ``ListBlock``."""
    return marker(block.style, block.delimiter, block.start, index)
