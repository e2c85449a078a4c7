"""Doubtful OCR words mended by one letter Tesseract is known to mistake for another. At 200 dpi a
bold "og" reads "oq"; Tesseract says it is unsure (a confidence near 50), and "oq" is no Danish
word while "og" is. A word is mended only when all of this holds: its confidence is under
``DOUBT``, it is not in the word list, and exactly one change of a confusable letter (or pair of
letters) makes it a word of the list. Otherwise it is kept as read: nothing is invented, and a
word the list does not know (a rare compound) is left alone unless one letter's difference turns
it into a common word; a word with a capital (a name, an abbreviation) is never changed.

The list is made from the project's own corpus (``vocabulary/ocr/words.toml``, written by
``benchmarks/make_ocr_words.py``)."""

from __future__ import annotations

import functools
import re
import tomllib
from pathlib import Path

# Tesseract's confidence (0-100) under which a word is a candidate for mending: its right words
# mostly score over 90; "oq" for "og" scores about 50, "øg" for it over 80.
DOUBT = 85.0
_FILE = Path(__file__).resolve().parent.parent / "grammar" / "vocabulary" / "ocr" / "words.toml"
# Shapes Tesseract confuses in type: a descender's hook, a thin stem, a closed or open bowl, two
# letters run together, a Danish letter whose ring or stroke a coarse scan loses.
_CONFUSED = (("g", "q"), ("l", "i"), ("l", "1"), ("o", "0"), ("e", "c"), ("rn", "m"),
             ("cl", "d"), ("h", "b"), ("n", "u"), ("å", "a"), ("ø", "o"), ("æ", "a"), ("t", "f"))
_SWAPS = tuple(pair for a, b in _CONFUSED for pair in ((a, b), (b, a)))
_WORD = re.compile(r"^(\W*)([^\W_]+)(\W*)$")


@functools.cache
def words() -> frozenset[str]:
    with _FILE.open("rb") as f:
        return frozenset(tomllib.load(f)["words"].split())


def mend(text: str, confidence: float) -> str:
    """``text`` with one confusable letter changed when that makes the only known word of it."""
    if confidence >= DOUBT:
        return text
    found = _WORD.match(text)
    if not found:
        return text
    before, core, after = found.groups()
    known = words()
    low = core.casefold()
    # Only words in small letters: a capital starts a name ("Børger") or an abbreviation ("SF", a
    # party), which one letter's difference from a common word says nothing about.
    if len(core) < 2 or not core.islower() or low in known:
        return text
    made = set()
    for old, new in _SWAPS:
        start = low.find(old)
        while start >= 0:
            candidate = low[:start] + new + low[start + len(old):]
            if candidate in known:
                made.add(candidate)
            start = low.find(old, start + 1)
    if len(made) != 1:
        return text
    return before + made.pop() + after
