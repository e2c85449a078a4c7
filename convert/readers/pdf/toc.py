"""Tables of contents in minutes PDFs ("Indholdsfortegnelse").

eDoc prints "INDHOLDSFORTEGNELSE", then "Åbent referat" with numbered titles and their page
numbers in a right-hand column, and "Lukket referat"; FirstAgenda prints "Indholdsfortegnelse" and
titles with dot leaders ("Bro mellem Dokk1 og Balticagade........ 16"). A table of contents
repeats the item titles, so the recognizer must never see it as items: its lines are taken out
of the flow here and returned as entries, which tests and callers may use to cross-check the
titles the recognizer found. The heading words are vocabulary (``layout.toml``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from convert.readers.pdf.furniture import vocabulary
from convert.readers.pdf.lines import PageLine

# "Title ....... 16", "Title      16": a title, then dot leaders or a wide gap, then a page number.
_ENTRY = re.compile(r"^(?P<title>.*?\S)\s*(?:\.{3,}|\u2026+)?\s*(?P<page>\d{1,4})$")
_LEADERS = re.compile(r"\.{3,}|\u2026")


@dataclass
class TocEntry:
    title: str  # as printed, wrapped lines joined, item number included ("6. Prioritering …")
    page: int
    group: str | None = None  # "Åbent referat" / "Lukket referat" when the TOC groups titles


@dataclass
class Toc:
    entries: list[TocEntry] = field(default_factory=list)
    lines: list[PageLine] = field(default_factory=list)  # the lines the TOC occupies


def _norm(text: str) -> str:
    return re.sub(r"[\s:]+", " ", text).strip().casefold()


def may_hold(texts: list[str], before: bool) -> bool:
    """Might ``Finder`` take lines of a page printing ``texts`` for the table of contents: one of
    them reads as a TOC heading, or they show leaders and the page ``before`` might hold a TOC
    that goes on here. Furniture is not yet known, so every line counts."""
    text = "\n".join(texts)
    if before and _LEADERS.search(text):
        return True
    folded = text.casefold()
    # Most pages print no heading's first word at all: one look for it settles them.
    if not any(word in folded for word in _first_words()):
        return False
    return _heading_line().search(folded) is not None


@cache
def _headings() -> frozenset[str]:
    return frozenset(_norm(h) for h in vocabulary()["toc_headings"])


@cache
def _first_words() -> frozenset[str]:
    return frozenset(h.split()[0] for h in _headings())


@cache
def _heading_line() -> re.Pattern:
    """A line that ``_norm`` makes a heading, in the lower-case text of a page's lines (one a
    line): one search of the page instead of normalizing each of its lines."""
    words = "|".join(r"[\s:]+".join(map(re.escape, h.split())) for h in _headings())
    return re.compile(rf"^[\s:]*(?:{words})[\s:]*$", re.MULTILINE)


def _is_entry(pl: PageLine, right_edge: float) -> re.Match | None:
    """A TOC entry ends in a page number set off by leaders or standing at the right margin."""
    found = _ENTRY.match(pl.line.text)
    if not found:
        return None
    if _LEADERS.search(pl.line.text) or (pl.line.x1 or 0) >= right_edge - 40:
        return found
    return None


def find(pages: list[list[PageLine]]) -> Toc:
    """The table of contents, if the document has one: the lines it covers and its entries."""
    finder = Finder()
    for lines in pages:
        finder.feed(lines)
    finder.close()
    return finder.toc


class Finder:
    """The table of contents found one page at a time. The first page whose content (furniture
    left out) shows a TOC heading starts it; a TOC that fills its page may go on: the next page
    continues it if it opens with entries. ``feed`` hands pages back in order once it is settled
    whether TOC lines stand on them, so that only the pages of an open TOC are ever held."""

    def __init__(self):
        self.toc = Toc()
        self.done = False
        self._open = False
        self._held: list[list[PageLine]] = []
        self._headings = _headings()
        self._groups = {_norm(g): g for g in vocabulary()["toc_groups"]}

    def feed(self, lines: list[PageLine]) -> list[list[PageLine]]:
        if self.done:
            return [lines]
        content = [pl for pl in lines if not pl.line.furniture]
        if not self._open:
            # Most pages show no TOC heading: one search of the page's text settles them before
            # each line is normalized (a line _norm makes a heading is one _heading_line finds).
            if not may_hold([pl.line.text for pl in content], False):
                return [lines]
            start = next((i for i, pl in enumerate(content) if _norm(pl.line.text) in self._headings), None)
            if start is None:
                return [lines]
            self.toc, self._open, self._held = Toc(lines=[content[start]]), True, [lines]
            return [] if _take(content[start + 1 :], self.toc, self._groups) else self._finish()
        if not content or not _is_entry(content[0], _right_edge(content)) or not _LEADERS.search(content[0].line.text):
            return [*self._finish(), lines]
        self._held.append(lines)
        return [] if _take(content, self.toc, self._groups) else self._finish()

    def close(self) -> list[list[PageLine]]:
        return self._finish() if self._open else []

    def _finish(self) -> list[list[PageLine]]:
        self.done, self._open = True, False
        if not self.toc.entries:
            self.toc = Toc()
        held, self._held = self._held, []
        return held


def _right_edge(lines: list[PageLine]) -> float:
    return max((pl.line.x1 or 0) for pl in lines) if lines else 0.0


def _take(region: list[PageLine], toc: Toc, groups: dict[str, str]) -> bool:
    """Take the TOC lines of one page's region; true when the TOC ran to the page's end."""
    right = _right_edge(region)
    pending: list[PageLine] = []  # title lines wrapped before their page number
    group = toc.entries[-1].group if toc.entries else None
    for pl in region:
        key = _norm(pl.line.text)
        if key in groups:
            group = groups[key]
            toc.lines.append(pl)
            continue
        found = _is_entry(pl, right)
        if found:
            title = " ".join([p.line.text for p in pending] + [found["title"]])
            title = _LEADERS.sub(" ", title)
            toc.entries.append(TocEntry(re.sub(r"\s+", " ", title).strip(" ."), int(found["page"]), group))
            toc.lines.extend([*pending, pl])
            pending = []
        elif len(pending) < 2 and toc.entries and not pl.line.bold:
            pending.append(pl)  # may be the first line of a wrapped title
        else:
            return False
    return not pending  # text after the last entry is not part of the TOC
