"""Fonts that map their glyphs to the wrong letters, told by letter statistics.

A font's ToUnicode map may lie without leaving a glyph unmapped: a subset font whose map is
shuffled, or codes shifted by a constant ("7HNQLVN" for "Teknisk"), gives text made of real
letters that spell nothing. Danish words are made of a limited set of letter triples: of the
triples of three letters (a space standing for a word's edge) about 7 000 occur in the minutes of
the corpus. Minutes held out from the table put a triple outside it in under 5 % of their words
(names, foreign words); the same text with its letters shifted by one place or shuffled, in over
90 %; English text in about a sixth. So a font is judged by the words it prints: when more than
half of enough of them hold a triple Danish never uses, the font lies.

The triples are data (``letters.toml``), made from minutes text by ``python -m
convert.readers.pdf.letters FILE…`` (text files, e.g. pdftotext output of minutes).
"""

from __future__ import annotations

import re
import sys
import tomllib
from collections import Counter
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from convert.readers.pdf.lines import PageLine

_WORD = re.compile(r"[^\W\d_]+")
_SHORTEST = 4  # letters: shorter words carry too few triples to judge
_ENOUGH = 20  # words of a font before it is judged
_KEPT = 400  # words kept per font: the judgement needs no more, and memory stays flat
LIES = 0.5  # share of a font's words with an un-Danish triple above which the font lies


@cache
def triples() -> frozenset[str]:
    data = tomllib.loads((Path(__file__).resolve().parent / "letters.toml").read_text("utf-8"))
    return frozenset(data["triples"].split("|"))


def _triples_of(word: str) -> Iterable[str]:
    edged = f" {word} "
    # Made by zip and join, in C: this runs for hundreds of words of every document.
    return map("".join, zip(edged, edged[1:], edged[2:], strict=False))  # the shorter ends it


def words(text: str) -> list[str]:
    """The words of ``text`` long enough to judge, lower case."""
    return [w for w in _WORD.findall(text.casefold()) if len(w) >= _SHORTEST]


def foreign(word: str) -> bool:
    """Does the (lower-case) word hold a triple of letters Danish never uses?"""
    return not triples().issuperset(_triples_of(word))


class Sample:
    """The words each font prints, up to a few hundred per font, and the page it is first seen on."""

    def __init__(self):
        self.words: dict[str, list[str]] = {}
        self.first: dict[str, int] = {}

    def add(self, font: str | None, text: str, page: int) -> None:
        if not font:
            return
        kept = self.words.setdefault(font, [])
        self.first.setdefault(font, page)
        if len(kept) < _KEPT:
            kept.extend(words(text)[: _KEPT - len(kept)])

    def add_page(self, lines: list[PageLine], page: int) -> None:
        """``add`` every line of a page; a font whose words are all kept is passed over at once."""
        for pl in lines:
            font = pl.line.font
            if font and len(self.words.get(font, ())) < _KEPT:
                self.add(font, pl.line.text, page)

    def lying(self) -> dict[str, tuple[int, int, int]]:
        """Font -> (words with an un-Danish triple, words judged, first page) for the fonts that lie."""
        out = {}
        for font, found in self.words.items():
            if len(found) < _ENOUGH:
                continue
            # A font prints the same words again and again: each is judged once, the most printed
            # first, and a font is settled as honest once the words left could no longer make it
            # lie (a lying font is judged to the last word, for the count its warning gives).
            bad, left, most = 0, len(found), LIES * len(found)
            for word, n in Counter(found).most_common():
                left -= n
                if foreign(word):
                    bad += n
                elif bad + left <= most:
                    break
            if bad > most:
                out[font] = (bad, len(found), self.first[font])
        return out


def table(texts: Iterable[str], least: int = 2) -> str:
    """``letters.toml`` for the triples that occur at least ``least`` times in ``texts``."""
    counts: Counter[str] = Counter()
    for text in texts:
        for word in _WORD.findall(text.casefold()):
            counts.update(_triples_of(word))
    kept = sorted(p for p, n in counts.items() if n >= least)
    head = "# Triples of letters in Danish minutes (a space is a word's edge): convert/readers/pdf/letters.py\n"
    return f'{head}triples = "{"|".join(kept)}"\n'


if __name__ == "__main__":
    sys.stdout.write(table(Path(p).read_text("utf-8", errors="replace") for p in sys.argv[1:]))
