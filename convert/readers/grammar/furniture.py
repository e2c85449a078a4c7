"""Page furniture: running headers, footers and page numbers taken out of the text flow.

Found three ways, all kept as ``Removed`` records so that no word is lost: lines a reader already
marked (a PDF reader knows positions); lines matching the family's running-header pattern
(Acadre's "Direktionen 12-10-2022"); and short lines that repeat at the top or bottom of most
pages (digits folded, so "Side 2" and "Side 3" repeat)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Set
from dataclasses import dataclass

from convert.model import Removed
from convert.readers.grammar.blocks import ORDERED
from convert.readers.grammar.lines import Line, with_page
from convert.readers.grammar.vocabulary import Vocabulary

_DIGITS = re.compile(r"\d+")
EDGE = 6  # lines from the top or bottom of a page that may be running headers or footers


@dataclass
class Stripped:
    lines: list[Line]  # content, furniture removed, pages renumbered where headers showed breaks
    removed: list[Removed]
    header_matches: list[re.Match]  # the family's running headers (they carry body and date)


def _significant(text: str, vocab: Vocabulary) -> bool:
    """Lines that mean something in the grammar are never furniture, however often they repeat."""
    if vocab.grammar_any is not None and not vocab.grammar_any.matches(text):
        return False  # most lines: one match of every pattern below together settles them
    if vocab.section_kind(text) or vocab.decision(text) or vocab.attachments.match(text):
        return True
    patterns = (vocab.confirm, vocab.case_number, vocab.document_id, vocab.access_line)
    return any(p is not None and p.match(text) for p in patterns) or any(p.match(text) for p in vocab.items)


def _repeated(lines: list[Line], vocab: Vocabulary) -> set[int]:
    if any(line.top is not None for line in lines):
        return set()  # a reader that knows positions (PDF) found and marked its furniture itself
    pages: dict[int, list[int]] = defaultdict(list)
    for i, line in enumerate(lines):
        if line.text:
            pages[line.page].append(i)
    if len(pages) == 2:
        return _opening_both([[(i, lines[i].text) for i in idx] for idx in pages.values()], vocab)
    if len(pages) < 3:
        return set()
    seen: dict[tuple[str, str], set[int]] = defaultdict(set)
    where: dict[tuple[str, str], list[int]] = defaultdict(list)
    for page, idx in pages.items():
        for i, key in _edge_keys([(i, lines[i].text) for i in idx], vocab):
            seen[key].add(page)
            where[key].append(i)
    found: set[int] = set()
    for key, on_pages in seen.items():
        if len(on_pages) >= _enough(len(pages)):
            found.update(where[key])
    return found


def _edge_keys(page: list[tuple[int, str]], vocab: Vocabulary) -> Iterator[tuple[int, tuple[str, str]]]:
    """(index, key) of the lines at a page's edges that may be running headers or footers: the
    key folds digits, so that "Side 2" and "Side 3" repeat. Top and bottom are counted apart: a
    line is a running header because it repeats at the top of pages, and a short page's last
    lines (content) are not taken for it."""
    for edge, part in (("top", page[:EDGE]), ("bottom", page[-EDGE:])):
        for i, text in part:
            if len(text) <= 80 and not _significant(text, vocab):
                yield i, (edge, _DIGITS.sub("#", text))


def _enough(pages: int) -> float:
    return max(3, 0.5 * pages)


def _pages(lines: Iterable[Line]) -> Iterator[list[tuple[int, str]]]:
    """(index, text) of the non-empty lines of each page, for lines that come page by page, only
    the page's first and last ``EDGE`` of them."""
    page: int | None = None
    first: list[tuple[int, str]] = []
    last: deque[tuple[int, str]] = deque(maxlen=EDGE)
    for i, line in enumerate(lines):
        if not line.text:
            continue
        if line.page != page:
            if first:
                yield first + list(last)
            page, first = line.page, []
            last.clear()
        if len(first) < EDGE:
            first.append((i, line.text))
        else:
            last.append((i, line.text))
    if first:
        yield first + list(last)


def repeated_stream(lines: Callable[[], Iterable[Line]], vocab: Vocabulary) -> set[int]:
    """What ``_repeated`` finds in lines that come page by page, without holding them: one reading
    counts on how many pages each edge line's key stands (by its hash), a second finds the
    lines whose key stands on enough pages."""
    counts: Counter[int] = Counter()
    pages = 0
    for page in _pages(lines()):
        pages += 1
        counts.update({hash(key) for _, key in _edge_keys(page, vocab)})
    if pages == 2:
        return _opening_both(list(_pages(lines())), vocab)
    if pages < 3:
        return set()
    enough = _enough(pages)
    return {i for page in _pages(lines()) for i, key in _edge_keys(page, vocab) if counts[hash(key)] >= enough}


def _opening_both(pages: list[list[tuple[int, str]]], vocab: Vocabulary) -> set[int]:
    """Two pages are too few to tell a running header by how often it repeats: only a line that
    opens both pages (or closes both), digits folded, is taken for one. ``pages``: (index, text)
    of each page's non-empty lines (its first and last at least)."""
    found: set[int] = set()
    for pick in (0, -1):
        ends = [page[pick] for page in pages if page]
        texts = {_DIGITS.sub("#", text) for _, text in ends}
        text = ends[0][1] if ends else ""
        # Words, not only digits: two document numbers closing two pages are no footer.
        words = any(map(str.isalpha, text))
        if len(ends) == 2 and len(texts) == 1 and words and len(text) <= 80 and not _significant(text, vocab):
            found.update(i for i, _ in ends)
    return found


def _kind(text: str, vocab: Vocabulary, default: str) -> str:
    for pattern, kind in vocab.furniture:
        if pattern.match(text):
            return kind
    return default


def strip(lines: list[Line], vocab: Vocabulary) -> Stripped:
    removed: list[Removed] = []
    headers: list[re.Match] = []
    single_page = len({line.page for line in lines}) == 1
    content = list(stream(lines, vocab, removed, headers, _repeated(lines, vocab), single_page))
    return Stripped(content, removed, headers)


def is_content(line: Line, vocab: Vocabulary) -> bool:
    """Whether ``stream`` keeps a line of a reader that marks its own furniture as content."""
    text = line.text
    header = vocab.header.match(text) if vocab.header is not None and text else None
    if line.furniture or (header and not _significant(text, vocab)):
        return False
    return not (text and len(text) <= 20 and any(map(str.isalpha, text)) and _kind(text, vocab, "") == "page-number")


def stream(
    lines: Iterable[Line],
    vocab: Vocabulary,
    removed: list[Removed],
    headers: list[re.Match],
    repeated: Set[int] = frozenset(),
    single_page: bool = False,
) -> Iterator[Line]:
    """The content lines, one at a time: furniture goes to ``removed`` as it passes, the family's
    running headers to ``headers`` too. ``repeated`` holds the indexes of lines found repeating at
    page edges (``_repeated``, which needs the whole text); ``single_page`` says every line has the
    same page number (a text without form feeds, whose running headers then mark page breaks)."""
    return _join_across_pages(_strip(lines, vocab, removed, headers, repeated, single_page))


def _strip(lines, vocab, removed, headers, repeated, single_page) -> Iterator[Line]:
    any_content = False
    page_shift = 0
    header_pattern = vocab.header
    for i, line in enumerate(lines):
        text = line.text
        header = header_pattern.match(text) if header_pattern is not None and text else None
        if header and _significant(text, vocab):
            header = None
        if header and single_page and any_content:
            page_shift += 1  # a running header in a text without form feeds marks a new page
        page = line.page + page_shift
        if line.furniture:
            removed.append(Removed(page, line.furniture, text))
        elif header:
            headers.append(header)
            removed.append(Removed(page, "header", text))
        elif i in repeated:
            low = line.top is not None and line.page_height and line.top > line.page_height / 2
            position = "footer" if low else "header"
            removed.append(Removed(page, _kind(text, vocab, position), text))
        elif text and len(text) <= 20 and any(map(str.isalpha, text)) and _kind(text, vocab, "") == "page-number":
            removed.append(Removed(page, "page-number", text))  # "Side 3 af 9" wherever it stands
        else:
            if page != line.page:
                line = with_page(line, page)
            any_content = any_content or bool(line.text)
            yield line


def _join_across_pages(lines: Iterable[Line]) -> Iterator[Line]:
    """Drop the empty lines of a page break inside a sentence: a paragraph that runs over a page
    break is one paragraph. Inside a sentence means the next page goes on in lower case (but not
    with a list item's "d)" or "ii."), or the previous one stopped at a comma or a hyphen."""
    last: Line | None = None  # the last line given out
    breaks: list[Line] = []  # empty lines after a line with text, until the next line with text
    for line in lines:
        if breaks:
            if not line.text:
                breaks.append(line)
                continue
            goes_on = line.text[0].islower() and not ORDERED.match(line.text)
            if not (line.page != last.page and (goes_on or last.text[-1] in ",-–")):
                yield from breaks  # else skip the break
            breaks.clear()
        elif not line.text and last is not None and last.text:
            breaks.append(line)
            continue
        yield line
        last = line
    yield from breaks
