"""Page furniture: running headers, footers and page numbers taken out of the text flow.

Found three ways, all kept as ``Removed`` records so that no word is lost: lines a reader already
marked (a PDF reader knows positions); lines matching the family's running-header pattern
(Acadre's "Direktionen 12-10-2022"); and short lines that repeat at the top or bottom of most
pages (digits folded, so "Side 2" and "Side 3" repeat)."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from convert.model import Removed
from convert.readers.lines import Line
from convert.readers.vocabulary import Vocabulary

_DIGITS = re.compile(r"\d+")
EDGE = 6  # lines from the top or bottom of a page that may be running headers or footers


@dataclass
class Stripped:
    lines: list[Line]  # content, furniture removed, pages renumbered where headers showed breaks
    removed: list[Removed]
    header_matches: list[re.Match]  # the family's running headers (they carry body and date)


def _significant(text: str, vocab: Vocabulary) -> bool:
    """Lines that mean something in the grammar are never furniture, however often they repeat."""
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
    if len(pages) < 3:
        return set()
    seen: dict[str, set[int]] = defaultdict(set)
    where: dict[str, list[int]] = defaultdict(list)
    for page, idx in pages.items():
        for i in idx[:EDGE] + idx[-EDGE:]:
            text = lines[i].text
            if len(text) <= 80 and not _significant(text, vocab):
                key = _DIGITS.sub("#", text)
                seen[key].add(page)
                where[key].append(i)
    found: set[int] = set()
    for key, on_pages in seen.items():
        if len(on_pages) >= max(3, 0.5 * len(pages)):
            found.update(where[key])
    return found


def _kind(text: str, vocab: Vocabulary, default: str) -> str:
    for pattern, kind in vocab.furniture:
        if pattern.match(text):
            return kind
    return default


def strip(lines: list[Line], vocab: Vocabulary) -> Stripped:
    repeated = _repeated(lines, vocab)
    single_page = len({line.page for line in lines}) == 1
    content: list[Line] = []
    removed: list[Removed] = []
    headers: list[re.Match] = []
    page_shift = 0
    for i, line in enumerate(lines):
        text = line.text
        header = vocab.header.match(text) if vocab.header is not None and text else None
        if header and _significant(text, vocab):
            header = None
        if header and single_page and any(c.text for c in content):
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
        elif text and len(text) <= 20 and any(c.isalpha() for c in text) and _kind(text, vocab, "") == "page-number":
            removed.append(Removed(page, "page-number", text))  # "Side 3 af 9" wherever it stands
        else:
            if page != line.page:
                line = Line(**{**{f: getattr(line, f) for f in line.__slots__}, "page": page})
            content.append(line)
    return Stripped(_join_across_pages(content), removed, headers)


def _join_across_pages(lines: list[Line]) -> list[Line]:
    """Drop the empty lines of a page break inside a sentence: a paragraph that runs over a page
    break is one paragraph. Inside a sentence means the next page goes on in lower case, or the
    previous one stopped at a comma or a hyphen."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.text or not out or not out[-1].text:
            out.append(line)
            i += 1
            continue
        j = i
        while j < len(lines) and not lines[j].text:
            j += 1
        prev = out[-1]
        nxt = lines[j] if j < len(lines) else None
        if nxt is not None and nxt.page != prev.page and (nxt.text[0].islower() or prev.text[-1] in ",-–"):
            i = j  # skip the break
            continue
        out.extend(lines[i:j])
        i = j
    return out
