"""From printed PDF lines to the line stream the recognizer reads.

What a PDF knows and a text extraction does not is settled here, so that the shared recognizer
needs no PDF knowledge:

- **Paragraph breaks** are vertical gaps wider than the line spacing; they become empty
  :class:`Line` objects (the convention in ``lines.py``).
- **Page breaks** are not paragraph breaks when the text runs on: the last line of a page ends
  without closing punctuation and the next page goes on in lower case.
- **Hyphens at a line end.** A soft hyphen (U+00AD) always joins. A hard hyphen joins the two
  halves without the hyphen only when the document itself spells the whole word without one
  elsewhere; Danish compounds written with a hyphen ("ikke-planlagte", "p-huse", "EU-borgere")
  keep it, and a suspended compound ("Sundheds- og …") keeps the hyphen and the space. The joined
  word moves up to the first line, so every line still holds whole words.
- **Wrapped headings.** A numbered bold heading that wraps ("Punkt 2: Svar på forslag … Havnens"
  / "Perles fremtid på Aarhus Ø") is one line, so the recognizer sees the whole title.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Container, Iterable, Iterator
from functools import cache
from itertools import pairwise
from operator import itemgetter

from convert.numbering import readings
from convert.readers.grammar import meta
from convert.readers.grammar.lines import Line
from convert.readers.grammar.vocabulary import load as load_vocabulary
from convert.readers.pdf import furniture, toc
from convert.readers.pdf.furniture import vocabulary
from convert.readers.pdf.lines import PageLine

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_ENDS_PARAGRAPH = re.compile(r"[.!?]$")
# A line that opens a list item: "1.", "a.", "A)", "At 2)", a bullet.
_LIST_MARK = re.compile(r"(?:\d{1,2}[.)]|[a-zA-Z][.)]|at \d{1,2}\)|[\u2022\-\u2013*])\s", re.IGNORECASE)
_LETTER_MARK = re.compile(r"([a-zæøåA-ZÆØÅ]|[ivx]{2,6}|[IVX]{2,6})([.)])\s")
_ENDS_SENTENCE = re.compile(r"[.!?:;)\]\"”]$")
_HYPHEN_END = re.compile(r"(?P<stem>\w+)(?P<hyphen>[-\u00ad\u2010])$")
_HYPHENS = frozenset("-\u00ad\u2010")
_COUNT = itemgetter(1)


@cache
def _heading_number() -> re.Pattern:
    return re.compile(vocabulary()["heading_number"], re.IGNORECASE)


def _gap(prev: Line, line: Line) -> float:
    return (line.bottom or 0) - (prev.bottom or 0)


Measure = Callable[[Line], float]


def _measure(lines: list[Line]) -> Measure:
    """The right edge of the text a line belongs to: the widest line starting at its left edge or
    up to 30 points right of it (its list items, its paragraphs' indents). A box set in from both
    margins (a decision printed in a frame) has its own, narrower measure."""
    # _whole() written out: this runs for every line of every page.
    content = sorted(
        (line.x0 or 0, line.x1 or 0)
        for line in lines
        if not line.furniture and line.cells is None and (line.role or "")[:1] != "H"
    )
    lefts = [x0 for x0, _ in content]
    rights = [x1 for _, x1 in content]  # a slice of floats: max() runs in C, not over a generator
    page_right = max(rights, default=0.0)
    known: dict[float, float] = {}

    def right(line: Line) -> float:
        x0 = round(line.x0 or 0, 1)
        if x0 not in known:
            start, end = bisect_left(lefts, x0 - 1), bisect_right(lefts, x0 + 30)
            known[x0] = max(rights[start:end]) if end - start >= 3 else page_right
        return known[x0]

    return right


def _leading(lines: list[Line]) -> dict[float, float]:
    """The page's own line spacing per type size: the baseline distance most often found between
    two lines of that size set one under another (at least twice), within 0.9-1.6 ems."""
    seen: dict[float, dict[float, int]] = {}  # size -> spacing -> pairs (a Counter costs a call per miss)
    content = [line for line in lines if not line.furniture and line.base is not None and line.size]
    for prev, line in pairwise(content):
        size = line.size
        gap = line.base - prev.base
        if prev.size == size and 0.9 * size < gap < 1.6 * size:
            found = seen.get(size)
            if found is None:  # not setdefault: that would make a dict for every pair
                found = seen[size] = {}
            spacing = round(gap * 2) / 2
            found[spacing] = found.get(spacing, 0) + 1
    leading = {}
    for size, found in seen.items():
        spacing, count = max(found.items(), key=_COUNT)  # the first of the most, as most_common(1)
        if count >= 2:
            leading[size] = spacing
    return leading


def _paragraph_break(prev: Line, line: Line, measure: Measure, spaced: bool = False, leading=None) -> bool:
    """A vertical gap clearly wider than one line of the larger type or than the page's line
    spacing, or a sentence that ends well short of the right margin with the next line starting
    anew (layouts without spacing)."""
    size = max(prev.size or 10.0, line.size or 10.0)
    gap = _gap(prev, line)
    if gap > 1.75 * size or gap < 0:
        return True
    # Set further below than the page's own line spacing of their type by a third of an em or
    # more: a paragraph's spacing, where nothing else tells (short lines).
    lead = leading.get(line.size) if leading and prev.size == line.size else None
    if (
        lead is not None
        and prev.base is not None
        and line.base is not None
        and line.base - prev.base > lead + 0.33 * line.size
    ):
        return True
    x0, above = line.x0 or 0, prev.x0 or 0
    if _LIST_MARK.match(line.text) and (x0 < above - 2 or (_LIST_MARK.match(prev.text) and abs(x0 - above) < 2)):
        return True  # a marker hanging left of the text above, or under the marker of the item before
    if spaced or line.text[:1].islower():
        return False
    right = measure(prev)
    short = (prev.x1 or 0) < right - 3 * size
    if short and (_ENDS_PARAGRAPH.search(prev.text) or _LIST_MARK.match(line.text)):
        return True
    return not prev.bold and not prev.text.endswith(",") and _would_fit(prev, line, right)


def _would_fit(prev: Line, line: Line, right: float) -> bool:
    """Would the next line's first word have fitted at the end of ``prev``: then the line was
    broken on purpose. A letter's width is measured on the line above (its font, its letters),
    never less than 0.55 em."""
    size = max(prev.size or 10.0, line.size or 10.0)
    first = line.text.split(" ", 1)[0]
    room = right - (prev.x1 or 0) - 0.3 * size
    letter = max(0.55 * size, ((prev.x1 or 0) - (prev.x0 or 0)) / max(len(prev.text), 1))
    return room > 1.15 * letter * (len(first) + 1)


def _next_item(m: re.Match | None, last: re.Match | None) -> bool:
    """Does a line opening with the list marker ``m`` (``_LETTER_MARK``) open the item after the
    one ``last`` opened ("d." after "c.", "B)" after "A)")? A tight list (referat's own PDF) leaves
    no gap between its items, a lower-case line start otherwise goes on with a sentence, and a
    hyphen joined at a line's end hides that the item ended short. Numbers are left out: "2.
    februar" may wrap to a line's start."""
    if m is None or last is None or m[2] != last[2]:
        return False
    before = set(readings(last[1]))
    return any((style, value - 1) in before for style, value in readings(m[1]))


def _value_goes_on(pending: Line, line: Line, measure: Measure) -> bool:
    """Is ``line`` the rest of a meta value wrapped in its column ("Sagen afgøres i: Kultur- og" /
    "Fritidsudvalget")? The paragraph goes on, in the same column, and opens no label of its own."""
    if (line.x0 or 0) < (pending.x0 or 0) - 2 or pending.bold != line.bold:
        return False
    if line.page != pending.page and (
        (line.x0 or 0) > (pending.x0 or 0) + 2 or _would_fit(pending, line, measure(pending))
    ):
        return False  # over a page break: the value's line was full, and the next page goes on in its column
    if not _opens_label().match(pending.text):
        return False
    labels = load_vocabulary()
    opened = meta.label_at(pending.text, labels)
    return opened is not None and opened.value is not None and meta.label_at(line.text, labels) is None


@cache
def _opens_label() -> re.Pattern:
    """Does a line open with any meta label: one match for the lines that open none (nearly
    all), where ``meta.label_at`` tries each label in turn."""
    return re.compile("|".join(f"(?:{p.pattern})" for p, _ in load_vocabulary().meta_labels), re.IGNORECASE)


def _whole(line: Line) -> bool:
    """A tagged heading or table row is already whole: it never joins a neighbour."""
    return line.cells is not None or (line.role or "")[:1] == "H"


def _runs_on(prev: Line, line: Line) -> bool:
    """Does the text go on over a page break, mid-sentence?"""
    # The cheap test first: the search runs along the whole of a long paragraph (10 us).
    if line.text[:1].islower() and _HYPHEN_END.search(prev.text):
        return True
    return not _ENDS_SENTENCE.search(prev.text) and line.text[:1].islower() and prev.bold == line.bold


def _is_heading_start(line: Line) -> bool:
    return line.bold and bool(_heading_number().match(line.text))


def _continues_heading(head: Line, line: Line) -> bool:
    return (
        line.bold
        and line.page == head.page
        and abs((line.size or 0) - (head.size or 0)) < 0.6
        and (line.x0 or 0) >= (head.x0 or 0) - 2
        and 0 < _gap(head, line) <= 1.6 * (head.size or 10.0)
        and not _heading_number().match(line.text)
    )


def spellings(lines: Iterable[Line]) -> set[str]:
    """Every word the document prints, lower case: evidence for joining hyphenated halves."""
    words: set[str] = set()
    for line in lines:
        words.update(w.casefold() for w in _WORD.findall(line.text))
    return words


class Spellings:
    """The document's ``spellings`` gathered while its pages are first read, before their
    furniture is known, so that no reading of the pages is spent on them alone.

    Only a line in a top or bottom band, a rotated one, or one on a page that may hold the table
    of contents can turn out to be furniture (``furniture.mark_page``, ``toc.Finder``); the words
    of every other line are the document's for sure. A word printed only on the doubtful lines is
    settled by ``exact`` (the spellings of a full reading of the marked pages), asked at most
    once and only when such a word is looked up: a joined hyphen's whole word rarely is one.

    A page adds the pieces of its text between spaces, as printed; their words are found at the
    first look-up, once for each distinct piece rather than for every word printed."""

    def __init__(self, exact: Callable[[], set[str]]):
        self.sure: set[str] = set()  # pieces until the first look-up, words (lower case) after
        self.doubtful: set[str] = set()
        self._exact = exact
        self._known: set[str] | None = None
        self._split = False
        self._contents = False  # the page before may hold the table of contents

    def add(self, page: list[PageLine]) -> None:
        texts = [pl.line.text for pl in page]
        self._contents = toc.may_hold(texts, self._contents)
        # A space is no letter: the words of the pieces are those of the texts.
        if self._contents:
            self.doubtful.update(" ".join(texts).split())
            return
        sure: list[str] = []
        doubtful: list[str] = []
        for pl, text in zip(page, texts, strict=True):
            (doubtful if furniture.may_be(pl) else sure).append(text)
        self.sure.update(" ".join(sure).split())
        self.doubtful.update(" ".join(doubtful).split())

    def __contains__(self, word: object) -> bool:
        if not self._split:
            self.sure, self.doubtful, self._split = _words(self.sure), _words(self.doubtful), True
        if word in self.sure:
            return True
        if word not in self.doubtful:
            return False
        if self._known is None:
            self._known = self._exact()
        return word in self._known


def _words(pieces: set[str]) -> set[str]:
    """The words (``_WORD``, lower case) of pieces of text without spaces. The regular expression
    is slow (a letter class tested character by character), and most pieces are one word."""
    whole = {piece for piece in pieces if piece.isalpha()}  # letters only: one word, as _WORD finds it
    words = set(map(str.casefold, whole))
    words.update(map(str.casefold, _WORD.findall(" ".join(pieces - whole))))
    return words


def join_hyphenated(first: str, second: str, known: Container[str]) -> tuple[str, str] | None:
    """Join a word split by a hyphen at the end of ``first``; None when nothing is to join.

    Returns the new pair of texts (the second may be empty)."""
    # Almost every line ends otherwise: its last two characters settle it before a search along it.
    if first[-1:] not in _HYPHENS and first[-2:-1] not in _HYPHENS:
        return None
    found = _HYPHEN_END.search(first)
    head, _, rest = second.partition(" ")
    if not found or not head[:1].isalpha():
        return None
    stem, hyphen = found["stem"], found["hyphen"]
    if head.casefold() in vocabulary()["suspended_compound_next"]:
        # "Sundheds- og Forebyggelsesudvalget": a suspended compound; hyphen and space both stay.
        return f"{first} {head}", rest
    core = re.match(r"[^\W\d_]+", head)
    whole = (stem + (core.group(0) if core else "")).casefold()
    if (
        hyphen in "\u00ad\u2010"  # a soft hyphen, or a typesetter's (WeasyPrint hyphenates with U+2010)
        or (
            whole in known
            and len(stem) > 2  # "p-huse", "tv-": a short first part is an abbreviation, hyphen kept
            and stem.casefold() not in vocabulary()["hyphen_prefixes"]
            and not stem.isupper()
            and head[:1].islower()
        )
    ):
        joined = first[: -len(hyphen)] + head
    else:
        joined = first + head  # a compound written with a hyphen: keep it, drop the line break
    return joined, rest


def spaced_by(producer: str) -> bool:
    """Does the system that made the PDF set every paragraph apart with space? (``layout.toml``)"""
    return any(re.search(p, producer, re.IGNORECASE) for p in vocabulary().get("spaced_paragraphs", ()))


def flow(pages: Iterable[list[Line]], known: Container[str], spaced: bool = False) -> Iterator[Line]:
    """The recognizer's line stream: content lines with paragraph breaks, furniture in place.
    ``spaced``: the layout sets every paragraph apart with space, so a line that ends short is
    no evidence of a break (referat's own PDF)."""
    pending: Line | None = None  # a content line held back for joining with its successor
    pending_whole = False  # ``_whole(pending)``: a join changes neither role nor cells
    held: list[Line] = []  # furniture met while a content line is held back: it follows that line
    marked: re.Match | None = None  # the last lettered list marker ("c.", "A)") a line opened with
    # The right edge of a line's text on the pending line's page: asked for the pending line
    # only where a decision needs it (a line's left edge is all it reads, and joins keep that).
    measure: Measure = _measure([])
    for lines in pages:
        right = _measure(lines)
        leading = _leading(lines)
        for line in lines:
            if line.furniture:
                if pending is None:
                    yield line
                else:
                    held.append(line)
                continue
            mark = _LETTER_MARK.match(line.text)
            opens = mark is not None and _next_item(mark, marked)
            marked = mark or marked
            whole = _whole(line)
            if pending is not None:
                if (
                    pending_whole
                    or whole
                    or (
                        not _runs_on(pending, line) and not _value_goes_on(pending, line, measure)
                        if line.page != pending.page
                        else _paragraph_break(pending, line, measure, spaced, leading) or opens
                    )
                ):
                    yield pending
                    yield Line("", page=pending.page)
                    if held:  # seldom: no generator to delegate to for every line
                        yield from held
                        held.clear()
                    pending, measure, pending_whole = line, right, whole
                    continue
                if _is_heading_start(pending) and _continues_heading(pending, line):
                    joined = join_hyphenated(pending.text, line.text, known)
                    pending.text = " ".join(joined).strip() if joined else f"{pending.text} {line.text}"
                    pending.x1 = max(pending.x1 or 0, line.x1 or 0)
                    pending.bottom, pending.base = line.bottom, line.base
                    continue
                if _value_goes_on(pending, line, measure):
                    joined = join_hyphenated(pending.text, line.text, known)
                    pending.text = " ".join(joined).strip() if joined else f"{pending.text} {line.text}"
                    pending.x1 = max(pending.x1 or 0, line.x1 or 0)
                    pending.bottom, pending.base = line.bottom, line.base
                    continue
                joined = join_hyphenated(pending.text, line.text, known)
                if joined is not None:
                    pending.text, line.text = joined
                    if not line.text:
                        if line.page == pending.page:
                            pending.bottom, pending.base = line.bottom, line.base
                        continue
                yield pending
                if held:
                    yield from held
                    held.clear()
            pending, measure, pending_whole = line, right, whole
    if pending is not None:
        yield pending
    yield from held
