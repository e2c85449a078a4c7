"""Front matter: what stands before the first item (title, date, time, place, participants,
table of contents) into ``Meeting``. The lines themselves are kept as furniture records of kind
"cover" (or "contents" for a table of contents): their facts now live in the meeting element."""

from __future__ import annotations

import dataclasses
import itertools
import re

from convert.model import Meeting, Person, Removed
from convert.readers.grammar.dates import find_time, parse_date
from convert.readers.grammar.lines import Line
from convert.readers.grammar.vocabulary import Vocabulary

_PERSON = re.compile(
    r"(?P<name>[A-ZÆØÅ][\w.'\-]*(?: [A-ZÆØÅa-zæøå][\w.'\-]*){1,5}?)"
    r"(?: \((?:(?P<role_in>[\w .\-æøå]+), )?(?P<party>[A-ZÆØÅ]{1,3})\)| \((?P<role_only>[\w.\-æøå][\w .\-æøå]*)\)"
    r"| (?P<bare>[A-ZÆØÅ]{1,2}))?"
    r"(?:,? [-–,] ?(?P<role>[\w .\-æøå]+))?"
)
_PEOPLE = re.compile(r"\s*;\s*")  # people listed on one line: "A (formand, A); B (V)"
# A party letter in a column of its own: beside the name, or on the next line of a text extraction.
_PARTY = re.compile(r"\(?[A-ZÆØÅ]{1,2}\)?")
# A name with its party letter, which only a members list prints: found without its heading when
# a text extraction reads a two-column front page out of order.
_ALONE = re.compile(r"[A-ZÆØÅ][\w'\-]+(?: [A-ZÆØÅ][\w'\-]+){1,4} \([A-ZÆØÅ]{1,3}\)")


def _person(text: str, absent: bool, role: str | None) -> Person | None:
    if len(text) > 80 or any(c.isdigit() for c in text):
        return None
    if any(len(word) > 1 and word.endswith("-") for word in text.split()):
        return None  # "Kultur- og Fritidsudvalget": a compound cut short is a body's name, no person's
    m = _PERSON.fullmatch(text)
    if not m:
        return None
    own = m["role"] or m["role_in"] or m["role_only"]
    return Person(name=m["name"], party=m["party"] or m["bare"], role=own or role, absent=absent)


def _columns(lines: list[Line]) -> list[Line]:
    """A front page set in two columns, read down the left column and then down the right.
    The right column begins where several lines have a part set apart at the same left edge."""
    starts = [x for line in lines if line.parts for x, _ in line.parts[1:]]
    starts += [line.x0 for line in lines if line.x0 and line.page_width and line.x0 > 0.3 * line.page_width]
    boundary = next((x for x in starts if sum(abs(y - x) <= 4 for y in starts) >= 2), None)
    # A table's columns share every baseline; a page's columns mostly do not: some lines of the
    # right column stand alone.
    alone = [line for line in lines if not line.parts and line.x0 is not None and abs(line.x0 - (boundary or 0)) <= 4]
    if boundary is None or len(alone) < 2:
        return lines
    left: list[Line] = []
    right: list[Line] = []
    first = last = None
    for k, line in enumerate(lines):
        if line.parts or (line.x0 is not None and abs(line.x0 - boundary) <= 4):
            first = k if first is None else first
            last = k
    assert first is not None and last is not None
    # The left column may run on below the right one's last line.
    while last + 1 < len(lines) and (lines[last + 1].x1 is None or lines[last + 1].x1 < boundary):
        last += 1
    for line in lines[first : last + 1]:
        if line.parts:
            for x, text in line.parts:
                side = right if x >= boundary - 4 else left
                side.append(dataclasses.replace(line, text=text, x0=x, parts=None))
        elif line.x0 is not None and abs(line.x0 - boundary) <= 4:
            right.append(line)
        else:
            left.append(line)
    return [*lines[:first], *left, *right, *lines[last + 1 :]]


def read_front(lines: list[Line], vocab: Vocabulary, headers: list[re.Match], removed: list[Removed]) -> Meeting:
    meeting = Meeting()
    lines = _columns(lines)
    if headers:
        meeting.body = headers[0].group("body")
        meeting.date = parse_date(headers[0].group("date"))
    mode: tuple[bool, str | None] | None = None
    in_contents = False
    location_next = False
    placed = False  # the line before set the meeting's place: address lines may follow
    letters: list[str] = []  # party letters in a column of their own, not yet given to names
    group = 0  # where the list being read begins among the participants
    rest = (line for line in lines if line.text)
    texts = [line.text for line in lines if line.text]
    for k, text in enumerate(texts):
        line = next(rest)
        if vocab.contents.match(text):
            in_contents = True
        removed.append(Removed(line.page, "contents" if in_contents else "cover", text))
        if in_contents:
            continue
        if vocab.location_label is not None and vocab.location_label.match(text):
            location_next = True
            continue
        if placed and any(p.match(text) for p in vocab.address):
            meeting.location = f"{meeting.location}, {text}"  # the place goes on: street, postcode and town
            continue
        had, placed = meeting.location is not None, False
        if location_next and meeting.location is None:
            meeting.location, placed = text, True
        location_next = False
        label, colon, listed = text.partition(":")
        if colon and listed.strip() and (vocab.present.match(label) or vocab.absent.match(label)):
            # "Deltagere: A (formand, A); B (V)": the label and its people on one line.
            people = [_person(p.strip(), bool(vocab.absent.match(label)), None) for p in _PEOPLE.split(listed)]
            if people and all(people):
                meeting.participants.extend(people)
                continue
        if mode is not None and _PARTY.fullmatch(text) and meeting.participants:
            letters.append(text.strip("()"))
            continue
        _pair_parties(meeting.participants[group:], letters)
        if vocab.present.match(text) or vocab.absent.match(text) or vocab.other_people.match(text):
            group = len(meeting.participants)  # a list of its own: its letters are its own
        if vocab.present.match(text):
            mode = (False, None)
            continue
        if vocab.absent.match(text):
            mode = (True, None)
            continue
        if vocab.other_people.match(text):
            mode = (False, text)
            continue
        if mode is not None:
            person = _person(text, *mode)
            if person is not None:
                meeting.participants.append(person)
                continue
            mode = None
        elif _ALONE.fullmatch(text) and (person := _person(text, False, None)) is not None:
            meeting.participants.append(person)  # a column of a members list, cut from its heading
            continue
        elif _row_of_members(texts, k) and (person := _person(text, False, None)) is not None:
            meeting.participants.append(person)  # a members table's row, cut from its heading
            mode, group = (False, None), len(meeting.participants) - 1
            continue
        _facts(text, vocab, meeting)
        placed = placed or (not had and meeting.location is not None)
    _pair_parties(meeting.participants[group:], letters)
    if meeting.authority is None:
        for r in removed:
            m = vocab.authority.search(r.text) if r.kind in ("header", "footer", "cover") else None
            if m:
                meeting.authority = m.group("value")
                break
    return meeting


def is_person(text: str, strict: bool = False) -> bool:
    """A line of a members list: a name, with its party letter or role or not; ``strict``: a
    name with its party letter, which nothing but a members list prints."""
    if strict:
        return bool(_ALONE.fullmatch(text)) and _person(text, False, None) is not None
    return _person(text, False, None) is not None or bool(_PARTY.fullmatch(text))


def _row_of_members(texts: list[str], k: int) -> bool:
    """A name with a party letter alone on the next line: a members table's row, as a text
    extraction gives it, wherever its heading went."""
    return k + 1 < len(texts) and " " in texts[k] and bool(_PARTY.fullmatch(texts[k + 1]))


def _pair_parties(people: list[Person], letters: list[str]) -> None:
    """Party letters read as a column of their own (a members table that a text extraction gave
    as a column of names, then one of letters, or each letter under its name) go, in order, to
    the names of the list before them that have none, when they are as many; one letter goes to
    the name right above it; else the names keep none."""
    waiting = list(itertools.takewhile(lambda p: p.party is None, reversed(people)))[::-1]
    if letters and len(letters) == len(waiting):
        for person, letter in zip(waiting, letters, strict=True):
            person.party = letter
    elif len(letters) == 1 and waiting:
        waiting[-1].party = letters[0]
    letters.clear()


def _facts(text: str, vocab: Vocabulary, meeting: Meeting) -> None:
    for pattern in vocab.title:
        m = pattern.match(text)
        if m and meeting.body is None:
            meeting.body = m.group("body")
    if meeting.body is None and vocab.body is not None and (m := vocab.body.match(text)):
        meeting.body = m.group("body")
    if meeting.date is None:
        meeting.date = parse_date(text)
    if meeting.start is None:
        meeting.start = find_time(text)
    if meeting.location is None:
        for pattern in vocab.location:
            m = pattern.match(text)
            if m:
                meeting.location = m.group("value")
                break
