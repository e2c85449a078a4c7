"""Where items start: an item heading the system family prints, confirmed by what follows it
("1. Title" by "Sagsnr.:", "Punkt 3: Title" by an EMN case number, an unnumbered title by
"Åben Sag"), and the access, case and document numbers printed under it. Found as lines arrive,
so that the recognizer can build each item once the next one has started.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from convert.readers.grammar import meta
from convert.readers.grammar.front import is_person
from convert.readers.grammar.loose_attachments import document_numbers
from convert.readers.grammar.vocabulary import Vocabulary

# Non-empty lines after an item heading in which its confirmation must appear: a title wrapped in
# a narrow column beside its meta takes up to five.
LOOKAHEAD = 6
PEOPLE_LINES = 16  # front-page people lines that may stand between the first heading and its confirmation
_TITLE_LINES = 5
_LEADING_ACCESS = re.compile(r"(?P<word>Åben|Åbent|Lukket|Fortrolig)\s*:\s*(?P<rest>.+)", re.IGNORECASE)
# "Title (Lukket punkt)": the access after the title, as referat's own Word writer and some
# systems print it.
_TRAILING_ACCESS = re.compile(
    r"(?P<rest>.+?)\s*\((?P<word>Åben|Åbent|Lukket|Fortrolig)(?: (?:punkt|sag|møde))?\)", re.IGNORECASE
)
_PAGE_AT_END = re.compile(r"(?<!\d)\d{1,4}\Z")


def _toc_entry(text: str) -> bool:
    """A table-of-contents line: a title, dot leaders or a wide gap, a page number. Tested
    without a backtracking pattern, so that a line of a million dots costs linear time."""
    m = _PAGE_AT_END.search(text)
    if not m:
        return False
    before = text[: m.start()]
    lead = before.rstrip()
    return len(before) - len(lead) >= 3 or lead.endswith("....")


@dataclass
class Start:
    first: int  # index of the item's first heading line
    body: int  # index of its first content line
    number: str | None
    label: str | None
    title: str
    access: str = "open"
    access_label: str | None = None
    case_number: str | None = None
    document_id: str | None = None
    extra: list[meta.Pair] = field(default_factory=list)  # meta that is no attribute: who decides, ...
    waiting: list[meta.Pair] = field(default_factory=list)  # labels whose values come below them
    displaced: list[int] = field(default_factory=list)  # front-matter lines between heading and body
    late: list[int] = field(default_factory=list)  # the item before's lines, given among the title's


def _next_nonempty(texts: list[str], i: int, limit: int) -> list[int]:
    out = []
    for k in range(i + 1, len(texts)):
        if texts[k]:
            out.append(k)
            if len(out) >= limit:
                break
    return out


def _item_match(text: str, vocab: Vocabulary) -> re.Match | None:
    if not vocab.may_open_item(text):
        return None
    for pattern in vocab.items:
        m = pattern.match(text)
        if m:
            return m
    return None


def item_match(text: str, vocab: Vocabulary) -> re.Match | None:
    """An item heading's printed number and title, if ``text`` is one by the vocabulary's words."""
    return _item_match(text, vocab)


def _heading_start(
    i: int, m: re.Match, texts: list[str], vocab: Vocabulary, before: bool = False, front: bool = False
) -> Start | None:
    """``before``: meta printed beside the heading came before it, confirming it as an item's;
    its title then runs to the first section heading too. ``front``: no item has started yet, so
    a members list between the heading and what confirms it is the front page's, which a text
    extraction of a two-column front page may give there."""
    if _toc_entry(texts[i]):
        return None
    title, pairs = meta.split_pairs(m.group("title") or "", vocab)
    if pairs and title:  # meta in columns beside the title, run into its line
        start = Start(i, i + 1, m.group("number"), m.group("label"), title)
        for pair in pairs:
            _apply(start, pair, vocab)
        for k in _next_nonempty(texts, i, LOOKAHEAD):
            more_title, more = meta.split_pairs(texts[k], vocab)
            if not (more and more_title):
                break
            start.title = f"{start.title} {more_title}"  # the title wrapped beside the next pair
            start.body = k + 1
            for pair in more:
                _apply(start, pair, vocab)
        return start
    title_parts = [m.group("title")] if m.group("title") else []
    displaced: list[int] = []
    late: list[int] = []
    ahead = _next_nonempty(texts, i, LOOKAHEAD + (PEOPLE_LINES if front else 0))
    seen = 0
    while ahead and seen < LOOKAHEAD:
        k = ahead.pop(0)
        t = texts[k]
        if front and (people := _people_block(texts, k, ahead, vocab)):
            displaced += people  # front-page people read out of order: they stay front matter
            del ahead[: len(people) - 1]
            continue
        seen += 1
        if (
            (title_parts and meta.label_at(t, vocab))
            or (vocab.confirm is not None and vocab.confirm.match(t))
            or (vocab.access_line is not None and vocab.access_line.match(t))
            or ((vocab.confirm is None or before) and _opens_section(t, vocab))
        ):
            title = " ".join(title_parts)
            return Start(i, k, m.group("number"), m.group("label"), title, displaced=displaced, late=late)
        if _item_match(t, vocab) or len(title_parts) >= _TITLE_LINES:
            return None
        if title_parts and document_numbers(t):
            late.append(k)  # the last cells of the attachment table above, given after this title
            continue
        title_parts.append(t)
    return None


def _opens_section(text: str, vocab: Vocabulary) -> bool:
    # A heading opens in capitals: a title going on in lower case ("høring") is none.
    bare = text.rstrip(":")
    return not text[:1].islower() and bool(vocab.section_kind(bare) or vocab.decision(bare))


def _in_sequence(m: re.Match, last: str | None) -> bool:
    """A bare number before a title ("3 Title", no point, no "Punkt") is an item's only where it
    goes on from the item before by a few: a line "2750 Ballerup" of an address is no item 2750."""
    number, label = m.group("number"), m.group("label")
    if label != number or last is None or not (number.isdigit() and last.isdigit()):
        return True
    return 0 < int(number) - int(last) <= 10


def _people_block(texts: list[str], k: int, ahead: list[int], vocab: Vocabulary) -> list[int]:
    """A members or absentees heading at line ``k`` and the names under it (lines ``ahead``), or
    names with party letters alone (a list's column cut from its heading)."""
    if not (vocab.present.match(texts[k]) or vocab.absent.match(texts[k]) or is_person(texts[k], strict=True)):
        return []
    block = [k]
    for j in ahead:
        if not (is_person(texts[j]) or vocab.present.match(texts[j]) or vocab.absent.match(texts[j])):
            break
        block.append(j)
    return block


def _room_before(texts: list[str], need: int) -> int:
    """The lines before this index, and only those, have ``need`` non-empty lines after them."""
    found = 0
    for k in range(len(texts) - 1, -1, -1):
        if texts[k]:
            found += 1
            if found >= need:
                return k
    return 0


class Scanner:
    """Item starts found as lines arrive. A line is judged only once the lines its judgement
    may read have arrived (the LOOKAHEAD lines after a heading, the meta lines under it), so
    the starts are those of the whole text. ``starts`` holds the starts not yet taken away by
    the caller, who may also drop lines from the front (``shift``). After a scan that stopped
    for want of lines, the next is worth trying once the unjudged tail has doubled
    (``retry_at``): rescanning stays linear in the text however long a heading's meta runs."""

    def __init__(self, vocab: Vocabulary, item_role: str | None = None):
        self.vocab = vocab
        self.item_role = item_role  # a heading level that starts an item, numbered or not (Word)
        self.starts: list[Start] = []
        self.i = 0  # the next line to judge
        self.taken = -1  # lines up to here belong to an item heading already
        self.retry_at = 0
        self.last: str | None = None  # the number of the last item found
        self.started = False  # an item has started: the front page is behind

    def scan(self, texts: list[str], ended: bool, roles: list[str | None] | None = None) -> None:
        vocab = self.vocab
        access_line = vocab.access_line
        role = self.item_role if roles is not None else None
        i = self.i
        need, room = 0, 0  # room: the lines before it have the ``need`` lines a judgement reads
        while i < len(texts):
            t = texts[i]
            if not t or i <= self.taken:
                i += 1
                continue
            if not ended:
                wanted = LOOKAHEAD + (0 if self.started else PEOPLE_LINES)
                if wanted != need:
                    need, room = wanted, _room_before(texts, wanted)
                if i >= room:
                    break
            m = _item_match(t, vocab)
            if m is None and not (access_line is not None and access_line.match(t)) and not (role and roles[i] == role):
                i += 1  # most lines: no heading, access line or heading level that starts an item
                continue
            front = not self.started
            before = bool(m) and _case_above(texts, i, self.taken, vocab)
            start = _heading_start(i, m, texts, vocab, before=before, front=front) if m else None
            if start is not None and not _in_sequence(m, self.last):
                start = None
            replaces = False
            if start is None and vocab.access_line is not None and vocab.access_line.match(t):
                prev = next((k for k in range(i - 1, self.taken, -1) if texts[k]), None)
                if prev is not None:
                    start = Start(prev, i, None, None, texts[prev])
                    replaces = bool(self.starts) and self.starts[-1].first == prev
            if start is None and self.item_role and roles is not None and roles[i] == self.item_role:
                start = Start(i, i + 1, None, None, t)
            if start is None:
                i += 1
                continue
            body = _consume_meta(start, texts, vocab)
            if body >= len(texts) and not ended:
                break  # the meta lines may go on
            start.body = body
            if not start.case_number:
                _meta_before(start, texts, self.taken, vocab)
            if replaces:
                self.starts.pop()
            self.taken = body - 1
            self.starts.append(start)
            self.last = start.number or self.last
            self.started = True
            i += 1
        self.i = i
        self.retry_at = len(texts) + max(1, len(texts) - i)

    def shift(self, n: int) -> None:
        """The caller dropped the first ``n`` lines."""
        self.i -= n
        self.taken -= n
        self.retry_at -= n
        for start in self.starts:
            start.first -= n
            start.body -= n
            start.displaced = [k - n for k in start.displaced]
            start.late = [k - n for k in start.late]


def _apply(start: Start, pair: meta.Pair, vocab: Vocabulary) -> None:
    if pair.field == "case_number" and not start.case_number and pair.value:
        start.case_number = pair.value
    elif pair.field == "document_id" and not start.document_id and pair.value:
        start.document_id = pair.value
    elif pair.field == "access" and pair.value and vocab.access_of(pair.value):
        start.access = vocab.access_of(pair.value)
        start.access_label = pair.value
    else:
        start.extra.append(pair)


def _case_above(texts: list[str], i: int, taken: int, vocab: Vocabulary) -> bool:
    """Is the nearest line with text above line ``i`` an item's meta, label and value (case
    number, who decides, access)?"""
    k = next((k for k in range(i - 1, taken, -1) if texts[k]), None)
    pair = meta.label_at(texts[k], vocab) if k is not None else None
    return pair is not None and pair.value is not None and pair.field in ("case_number", "decided_by", "access")


def _meta_before(start: Start, texts: list[str], taken: int, vocab: Vocabulary) -> None:
    """Meta printed beside a title, that a text extraction gave before it: label/value lines
    right above the heading, with a case number among them, when the item has none under its
    title. They then belong to this item, not to the end of the one before."""
    k = start.first - 1
    pairs: list[tuple[int, meta.Pair]] = []
    carried = ""  # a line that carries on the value above it ("Social- og" / "Sundhedsudvalget")
    while k > taken:
        if texts[k]:
            pair = meta.label_at(texts[k], vocab)
            if pair is None and not carried and k - 1 > taken and texts[k - 1]:
                above = meta.label_at(texts[k - 1], vocab)
                if above is not None and above.value and _goes_on(above.value, texts[k], vocab):
                    carried = texts[k]
                    k -= 1
                    continue
            if pair is None or pair.value is None:
                break
            if carried:
                pair.value, carried = f"{pair.value} {carried}", ""
            pairs.insert(0, (k, pair))
        k -= 1
    if not pairs:
        return
    if not any(pair.field == "case_number" for _, pair in pairs):
        return
    start.first = pairs[0][0]
    for _, pair in pairs:
        _apply(start, pair, vocab)


def _answered(start: Start, field: str) -> None:
    """A value the family's own pattern recognised answers the label waiting for it above
    ("Sagsnr.:" / "EMN-2016-04147"): the labels after it wait for the values after it."""
    for n, pair in enumerate(start.waiting):
        if pair.field == field:
            del start.waiting[n]
            return


def _goes_on(value: str, following: str, vocab: Vocabulary) -> bool:
    """Does the line right under a meta value carry on that value, wrapped in a narrow column?
    Only when the value stops where no value ends: at a hyphen or comma, or on a word in lower
    case ("Kultur- og" / "Fritidsudvalget"), and the line is nothing the grammar reads itself."""
    if not following or not (value[-1] in "-,/&" or value.split()[-1][:1].islower()):
        return False
    return not (
        meta.label_at(following, vocab)
        or meta.split_pairs(following, vocab)[1]
        or _item_match(following, vocab)
        or vocab.section_kind(following.rstrip(":"))
        or vocab.decision(following.rstrip(":"))
        or any(p is not None and p.match(following) for p in (vocab.confirm, vocab.access_line, vocab.meta_line))
    )


def _consume_meta(start: Start, texts: list[str], vocab: Vocabulary) -> int:
    """Read access, case and document numbers printed right under the heading."""
    k = start.body
    while k < len(texts):
        t = texts[k]
        if not t:
            k += 1
            continue
        printed = vocab.meta_line.match(t) if vocab.meta_line is not None else None
        m = vocab.access_line.match(t) if vocab.access_line is not None else None
        if printed:
            start.access = vocab.access_of(printed["access"]) or "open"
            start.access_label = t.split(" · ", 1)[0]
            start.case_number = start.case_number or printed["case"]
            start.document_id = start.document_id or printed["doc"]
        elif m:
            start.access = vocab.access_of(m.group("access")) or "open"
            start.access_label = t
        elif vocab.case_number is not None and vocab.case_number.match(t) and not start.case_number:
            start.case_number = vocab.case_number.match(t).group("value")
            _answered(start, "case_number")
        elif vocab.document_id is not None and vocab.document_id.match(t) and not start.document_id:
            start.document_id = vocab.document_id.match(t).group("value")
            _answered(start, "document_id")
        elif (pair := meta.label_at(t, vocab)) is not None:
            if pair.value is None:
                start.waiting.append(pair)  # a label column: its value comes after the labels
            else:
                while k + 1 < len(texts) and _goes_on(pair.value, texts[k + 1], vocab):
                    k += 1
                    pair.value = f"{pair.value} {texts[k]}"
                _apply(start, pair, vocab)
        elif (beside := meta.split_pairs(t, vocab))[1] and beside[0] and len(beside[0]) <= 80:
            start.title = f"{start.title} {beside[0]}"  # the title wrapped beside a meta pair
            for pair in beside[1]:
                _apply(start, pair, vocab)
        elif start.waiting and meta.is_value(start.waiting[0].field, t, vocab):
            pair = start.waiting.pop(0)
            pair.value = t
            _apply(start, pair, vocab)
        elif vocab.access_of(t):
            start.access = vocab.access_of(t) or "open"  # "Åben sag" alone, in any family's style
            start.access_label = t
        elif document_numbers(t):
            start.late.append(k)  # the last cells of the attachment table above, given late
        else:
            break
        k += 1
    for pair in start.waiting:  # labels left without a value stay as printed
        start.extra.append(pair)
    start.waiting = []
    lead = _LEADING_ACCESS.fullmatch(start.title)
    if lead and vocab.access_of(lead["word"]):
        start.access = vocab.access_of(lead["word"])
        start.access_label = f"{lead['word']}:"
        start.title = lead["rest"]
    trail = _TRAILING_ACCESS.fullmatch(start.title)
    if trail and vocab.access_of(trail["word"]):
        start.access = vocab.access_of(trail["word"])
        start.access_label = start.access_label or start.title[len(trail["rest"]) :].strip(" ()")
        start.title = trail["rest"]
    return k
