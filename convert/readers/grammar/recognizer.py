"""The Danish minutes grammar: Lines in, ``Minutes`` out. Every reader ends here.

The document is: front matter (title, date, place, participants, table of contents), then items.
An item starts at a heading the system family prints ("1. Title" confirmed by "Sagsnr.:", "Punkt
3: Title" confirmed by an EMN case number, or an unnumbered title followed by "Åben Sag"), and is
cut into sections at the vocabulary's headings; "Bilag" lists become attachments. Which family a
document belongs to, and all its words, come from ``vocabulary/*.toml``.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Iterator

from convert.errors import NotMinutesError
from convert.model import Item, Meeting, Minutes, Paragraph, Removed, Section, Source
from convert.readers.grammar import attachments as attachment_list
from convert.readers.grammar import furniture, loose_attachments, vocabulary
from convert.readers.grammar.blocks import drafts, fold, to_blocks
from convert.readers.grammar.dates import parse_date
from convert.readers.grammar.front import read_front
from convert.readers.grammar.lines import Line, with_text
from convert.readers.grammar.points import split_points
from convert.readers.grammar.starts import Scanner, Start
from convert.readers.grammar.vocabulary import Vocabulary


def _heading(text: str, vocab: Vocabulary) -> tuple[str, re.Match | None] | None:
    bare = text.rstrip(": ")
    if not bare or len(bare) > 120:
        return None
    if not vocab.may_head(bare) and (bare == text or not vocab.attachments.match(text)):
        return None
    if vocab.attachments.match(text) or vocab.attachments.match(bare):
        return "attachments", None
    m = vocab.decision(bare)
    if m:
        return "decision", m
    kind = vocab.section_kind(bare)
    return (kind, None) if kind else None


def _section_heading(line: Line, vocab: Vocabulary, tagged: bool) -> tuple[str, re.Match | None] | None:
    """What section a line opens, if any. In a tagged document of a family that tags its section
    headings, those lines and only those are headings: their words need not be vocabulary."""
    if tagged:
        if line.role not in vocab.section_roles:
            return None
        return _heading(line.text, vocab) or ("other", None)
    return _heading(line.text, vocab)


def _item(start: Start, lines: list[Line], vocab: Vocabulary, tagged: bool = False) -> Item:
    item = Item(
        number=start.number,
        title=fold(start.title),
        access=start.access,
        label=start.label,
        access_label=start.access_label,
        case_number=start.case_number,
        document_id=start.document_id,
    )
    chunks: list[tuple[Section, list[Line]]] = [(Section("other", ""), [])]
    attachment_lines: list[Line] = []
    attachment_heading, attachment_at = "", 0
    in_attachments = False
    for line in lines:
        headings_apply = line.text and not (in_attachments and vocab.attachments_until_item)
        if not headings_apply:
            found = None
        else:  # _section_heading, the call spared for the untagged lines, which are most
            found = _section_heading(line, vocab, True) if tagged else _heading(line.text, vocab)
        if found and found[0] == "attachments":
            in_attachments = True
            if not attachment_heading:
                attachment_heading, attachment_at = line.text, len(chunks)
            continue
        if found:
            kind, m = found
            section = Section(kind, line.text)
            if m is not None:
                groups = m.groupdict()
                section.body = fold(groups["body"]) if groups.get("body") else None
                section.date = parse_date(groups["date"]) if groups.get("date") else None
            chunks.append((section, []))
            in_attachments = False
            continue
        if (
            in_attachments
            and vocab.attachments_end_at_break
            and attachment_lines
            and not attachment_lines[-1].text
            and line.text
            and not attachment_list.is_entry_start(line.text)
            and not loose_attachments.goes_on([a.text for a in attachment_lines if a.text], line.text, vocab)
        ):
            in_attachments = False  # eDoc: a paragraph after the list goes back to the section
        if in_attachments:
            attachment_lines.append(line)
        else:
            chunks[-1][1].append(line)
    if vocab.closed_text_is_decision and item.access == "closed" and len(chunks) == 1:
        # No heading at all: what the system prints of a closed item is its decision. The heading
        # stays "", as printed.
        chunks[0][0].kind = "decision"
    # Each section's drafts are made once: the agenda's only read them, to cut the decisions.
    drafted = [(section, drafts(ls)) for section, ls in chunks]
    agenda = [d for s, ds in drafted if s.kind in ("presentation", "other", "summary") for d in ds]
    said = fold(" ".join(line.text for line in attachment_lines))
    none_said = bool(said and vocab.no_attachments is not None and vocab.no_attachments.match(said))
    for n, (section, parts) in enumerate(drafted):
        if none_said and n == attachment_at:
            # "Bilag" / "Ingen": no attachment records, but the words stay where they were printed.
            item.sections.append(Section("other", attachment_heading, [Paragraph(said)]))
        if section.kind == "decision":
            parts = split_points(parts, agenda)
        section.blocks = to_blocks(parts)
        if section.blocks or section.heading:
            item.sections.append(section)
    item.sections[:0] = _extra_meta(start)
    if none_said and attachment_at == len(chunks):
        item.sections.append(Section("other", attachment_heading, [Paragraph(said)]))
    elif not none_said:
        item.attachments = attachment_list.parse(attachment_lines, vocab)
    return item


def _extra_meta(start: Start) -> list[Section]:
    """Meta pairs that are no item attribute, kept as printed: who decides is a decided-by
    section, anything else ("Sagsbehandler: …") a paragraph."""
    out = []
    for pair in start.extra:
        text = pair.value or ""
        if pair.field == "decided_by":
            out.append(Section("decided-by", pair.label, [Paragraph(text)] if text else []))
        else:
            out.append(Section("other", "", [Paragraph(f"{pair.label} {text}".strip())]))
    return out


def _folded(lines: Iterable[Line]) -> Iterator[Line]:
    # A line is copied only when folding changes it: the caller's Lines are never changed.
    for line in lines:
        yield line if (t := fold(line.text)) == line.text else with_text(line, t)


def recognize(
    lines: list[Line],
    source: Source,
    producer: str | None = None,
    section_roles: frozenset[str] | None = None,
    item_role: str | None = None,
) -> Minutes:
    """``producer``: the system that made the file, when it says (a PDF's Creator/Producer).
    ``section_roles``: the roles that mark section headings in this document, when its reader
    can tell (a Word file's heading level): then those lines and only those are headings, and
    their kind is looked up in every family's words (a Word file may carry any system's).
    ``item_role``: a heading level whose lines start items even without a printed number."""
    lines = list(_folded(lines))
    vocab = vocabulary.choose([line.text for line in lines if line.text], producer)
    if section_roles:
        known = set(vocab.sections)
        extra = [s for name in vocabulary.family_names() for s in vocabulary.load(name).sections if s not in known]
        vocab = dataclasses.replace(vocab, section_roles=section_roles, sections=vocab.sections + tuple(extra))
    stripped = furniture.strip(lines, vocab)
    tagged = bool(vocab.section_roles) and any(line.role in vocab.section_roles for line in stripped.lines)
    return _assemble(stripped.lines, vocab, tagged, list(stripped.removed), stripped.header_matches, source,
                     item_role=item_role)


@dataclasses.dataclass(frozen=True)
class Foreseen:
    """What a reader expects the first reading of its line stream to find, from its own look at the
    document (a PDF reader sees the printed lines as it reads the pages): the family whose
    tell-tales it saw most of (the common words when none) and whether the lines stand on one page.
    ``once`` gives the lines for a single reading, which the reader need not write down."""

    once: Callable[[], Iterable[Line]]
    family: Vocabulary
    single_page: bool


class _Survey:
    """What the whole line stream decides, gathered as its lines pass: the tell-tales of each
    family (when the producer names none), whether any line needed folding, whether any has a
    position, which families' section roles tag content lines, and the first two pages met."""

    def __init__(self, tell: bool):
        self.counts = {name: 0 for name in vocabulary.family_names()} if tell else None
        self.pages: set[int] = set()
        self.positioned = self.unfolded = self.done = False
        self.tagged_in: set[str] = set()

    def lines(self, lines: Iterable[Line]) -> Iterator[Line]:
        """``lines`` folded and handed on, each looked at as it passes; ``done`` after the last."""
        pages = self.pages
        tell = vocabulary.teller(self.counts) if self.counts is not None else None
        roles = [(name, vocab) for name in vocabulary.family_names() if (vocab := vocabulary.load(name)).section_roles]
        for line in lines:
            text = line.text
            if (folded := fold(text)) != text:
                self.unfolded = True
                line, text = with_text(line, folded), folded
            if not self.positioned and line.top is not None:
                self.positioned = True
            if len(pages) < 2:
                pages.add(line.page)
            if line.role:
                for name, vocab in roles:
                    if line.role in vocab.section_roles and furniture.is_content(line, vocab):
                        self.tagged_in.add(name)
            if tell is not None and text:
                tell(text)
            yield line
        self.done = True

    def family(self, named: Vocabulary | None) -> Vocabulary:
        return named if self.counts is None else vocabulary.most_told(self.counts)


def recognize_stream(
    lines: Callable[[], Iterable[Line]],
    source: Source,
    producer: str | None = None,
    watch: Callable[[int], None] | None = None,
    foreseen: Foreseen | None = None,
) -> Minutes:
    """What ``recognize`` makes of the lines ``lines()`` gives, without holding them all: for a
    reader that can give its lines more than once (the PDF and text readers).

    The first reading settles what the whole text decides (the family, when the producer does
    not name it; whether the text tags its section headings; whether it is one page); the second
    reads items one after the other, holding only the lines of the item being read and those
    after it that confirm its end. ``watch`` is told how many lines are held after each line.

    A reader that foresees what the first reading would find (``foreseen``) has its lines read
    once, with what it foresaw, while that reading finds out the same as it goes: the result is
    kept when the two agree, and the lines are read twice as above when they do not (or when the
    reading fails before its end). The foresight changes how often the lines are read, never what
    is made of them."""
    named = vocabulary.named_by(producer)
    if foreseen is not None:
        minutes = _read_once(foreseen, named, source, watch)
        if minutes is not None:
            return minutes
    survey = _Survey(named is None)
    for _ in survey.lines(lines()):
        pass
    vocab = survey.family(named)

    def again() -> Iterable[Line]:
        # The lines come the same every reading: when the first folded none, no other needs to.
        return _folded(lines()) if survey.unfolded else lines()

    # A reader that knows no positions leaves its furniture to be found by repetition: two more
    # readings. A PDF reader has marked its own.
    repeated = frozenset() if survey.positioned else furniture.repeated_stream(again, vocab)
    removed: list[Removed] = []
    headers: list[re.Match] = []
    single_page = len(survey.pages) == 1
    content = furniture.stream(again(), vocab, removed, headers, repeated, single_page=single_page)
    return _assemble(content, vocab, vocab.name in survey.tagged_in, removed, headers, source, watch)


def _read_once(
    foreseen: Foreseen, named: Vocabulary | None, source: Source, watch: Callable[[int], None] | None
) -> Minutes | None:
    """The minutes read in one reading with what the reader foresaw; None when the reading found
    otherwise (a family, a page count, a tagged heading or a missing position the two readings
    would have read differently), or failed before its end."""
    vocab = named if named is not None else foreseen.family
    survey = _Survey(named is None)
    removed: list[Removed] = []
    headers: list[re.Match] = []
    content = furniture.stream(
        survey.lines(foreseen.once()), vocab, removed, headers, single_page=foreseen.single_page
    )

    def agreed() -> bool:
        return (
            survey.done
            and survey.positioned
            and (len(survey.pages) == 1) == foreseen.single_page
            and vocab.name not in survey.tagged_in
            and survey.family(named) is vocab
        )

    try:
        minutes = _assemble(content, vocab, False, removed, headers, source, watch)
    except Exception:
        # Any failure: with another family or page count the two readings might not fail at all.
        if agreed():  # they would fail the same way
            raise
        return None
    return minutes if agreed() else None


def _assemble(
    content: Iterable[Line],
    vocab: Vocabulary,
    tagged: bool,
    removed: list[Removed],
    headers: list[re.Match],
    source: Source,
    watch: Callable[[int], None] | None = None,
    item_role: str | None = None,
) -> Minutes:
    """Front matter and items from the content lines, each item built as soon as the next one's
    start is confirmed, and its lines let go."""
    scanner = Scanner(vocab, item_role)
    held: list[Line] = []  # from the first line not yet in an item (or the front) on
    texts: list[str] = []  # their texts
    roles: list[str | None] | None = [] if item_role else None
    front: list[Line] | None = None
    items: list[Item] = []

    def drop(n: int) -> None:
        del held[:n], texts[:n]
        if roles is not None:
            del roles[:n]
        scanner.shift(n)

    def settle(ended: bool) -> None:
        nonlocal front
        scanner.scan(texts, ended, roles)
        starts = scanner.starts
        if front is None and starts:
            front = held[: starts[0].first] + [held[k] for k in starts[0].displaced]
            drop(starts[0].first)
        while len(starts) >= 2:
            end = starts[1].first
            late = [held[k] for k in starts[1].late]
            items.append(_item(starts[0], held[starts[0].body : end] + late, vocab, tagged))
            del starts[0]
            drop(end)

    for line in content:
        held.append(line)
        texts.append(line.text)
        if roles is not None:
            roles.append(line.role)
        if len(texts) >= scanner.retry_at:
            settle(False)
        if watch is not None:
            watch(len(held))
    settle(True)
    if not scanner.starts:
        raise NotMinutesError(source.file, "no agenda items found: this does not look like meeting minutes")
    last = scanner.starts[0]
    items.append(_item(last, held[last.body :], vocab, tagged))
    meeting = read_front(front, vocab, headers, removed)
    _fill_from_decisions(meeting, items)
    loose_attachments.return_late(items)
    if not _minutes_evidence(meeting, items):
        raise NotMinutesError(
            source.file,
            "numbered headings, but no meeting, case numbers, decisions, recommendations or attachments:"
            " this does not look like meeting minutes",
        )
    removed.sort(key=lambda r: r.page)
    return Minutes(source=source, meeting=meeting, items=items, furniture=removed)


# Section kinds that only a meeting's papers have; a report's "Lovgrundlag" or "Økonomi" is no sign.
_MEETING_KINDS = frozenset({"summary", "presentation", "route", "recommendation", "decision", "decided-by"})


def _minutes_evidence(meeting: Meeting, items: list[Item]) -> bool:
    """Numbered headings alone make no minutes (a report's chapters are numbered too): some item
    must carry what items of a meeting carry, or the front page must name the meeting."""
    if meeting.body:
        return True
    return any(it.case_number or it.attachments or any(s.kind in _MEETING_KINDS for s in it.sections) for it in items)


def _fill_from_decisions(meeting: Meeting, items: list[Item]) -> None:
    decisions = [s for it in items for s in it.sections if s.kind == "decision"]
    if meeting.body is None:
        meeting.body = next((s.body for s in decisions if s.body), None)
    if meeting.date is None:
        meeting.date = next((s.date for s in decisions if s.date), None)
