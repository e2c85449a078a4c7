"""Hypothesis strategies for minutes: random models, and the text a Danish minutes file holds."""

from __future__ import annotations

import datetime as dt
import string

from hypothesis import strategies as st

from convert.model import (
    FURNITURE_KINDS,
    PRESENCE_STATUSES,
    SECTION_KINDS,
    Attachment,
    Earlier,
    Item,
    ListBlock,
    ListItem,
    Meeting,
    Minutes,
    Outcome,
    Paragraph,
    Person,
    Presence,
    Removed,
    Section,
    Source,
    Subheading,
    Table,
    Vote,
    Voter,
)
from convert.numbering import DELIMITERS, STYLES

DANISH = string.ascii_letters + "æøåÆØÅéü"
# Text that XML 1.0 can carry and that survives XML's end-of-line normalisation.
xml_char = st.characters(
    blacklist_categories=("Cs", "Cc"),
    blacklist_characters="\ufffe\uffff",
) | st.sampled_from(list(DANISH + " .,-–()/:;'\"&<>\u00a0"))
text = st.text(xml_char, min_size=0, max_size=40)
nonempty = st.text(xml_char, min_size=1, max_size=20)
words = st.lists(st.text(st.sampled_from(DANISH), min_size=1, max_size=10), min_size=1, max_size=8).map(" ".join)
dates = st.dates(min_value=dt.date(1970, 1, 1), max_value=dt.date(2100, 12, 31))
times = st.builds(lambda h, m: f"{h:02d}:{m:02d}", st.integers(0, 23), st.integers(0, 59))
access = st.sampled_from(["open", "closed"])
maybe = st.none().__or__


def _lists(depth: int = 2):
    sub = _lists(depth - 1) if depth > 0 else st.none()
    return st.builds(
        ListBlock,
        items=st.lists(st.builds(ListItem, text=text, sublist=st.none() | sub), min_size=1, max_size=4),
        ordered=st.booleans(),
        style=maybe(st.sampled_from(STYLES)),
        delimiter=maybe(st.sampled_from(DELIMITERS)),
        start=maybe(st.integers(0, 5000)),
    )


blocks = st.one_of(
    st.builds(Paragraph, text),
    st.builds(Subheading, text),
    _lists(),
    st.builds(
        Table,
        rows=st.integers(1, 4).flatmap(
            lambda n: st.lists(st.lists(text, min_size=n, max_size=n), min_size=1, max_size=4)
        ),
        header=st.booleans(),
    ),
)
sections = st.builds(
    Section,
    kind=st.sampled_from(SECTION_KINDS),
    heading=text,
    blocks=st.lists(blocks, max_size=4),
    body=maybe(nonempty),
    date=maybe(dates),
)
attachments = st.builds(
    Attachment,
    number=nonempty,
    title=text,
    access=access,
    access_label=maybe(nonempty),
    document_id=maybe(nonempty),
    case_number=maybe(nonempty),
    marker=maybe(nonempty),
)
presences = st.builds(
    Presence,
    name=nonempty,
    status=st.sampled_from(PRESENCE_STATUSES),
    party=maybe(nonempty),
    reason=maybe(nonempty),
    agreed=maybe(st.booleans()),
)
# A voter is a person, a party, or both; never neither.
voters = st.builds(Voter, name=maybe(nonempty), party=nonempty) | st.builds(Voter, name=nonempty, party=maybe(nonempty))
counts = maybe(st.integers(0, 99))
votes = st.builds(
    Vote,
    text=text,
    for_=st.lists(voters, max_size=3),
    against=st.lists(voters, max_size=3),
    abstaining=st.lists(voters, max_size=3),
    for_count=counts,
    against_count=counts,
    abstaining_count=counts,
    points=st.lists(st.integers(1, 30), max_size=3, unique=True).map(sorted),  # empty: the whole item
)
outcomes = st.builds(
    Outcome,
    points=st.lists(st.integers(1, 30), min_size=1, max_size=4),
    text=text,
    label=maybe(nonempty),
    result=maybe(nonempty),
)
earlier = st.builds(Earlier, text=text, body=maybe(nonempty), date=maybe(dates))
items = st.builds(
    Item,
    number=maybe(nonempty),  # None: the source printed no number
    title=text,
    access=access,
    label=maybe(nonempty),
    access_label=maybe(nonempty),
    case_number=maybe(nonempty),
    document_id=maybe(nonempty),
    sections=st.lists(sections, max_size=4),
    attachments=st.lists(attachments, max_size=3),
    attendance=st.lists(presences, max_size=3),
    votes=st.lists(votes, max_size=2),
    outcomes=st.lists(outcomes, max_size=3),
    history=st.lists(earlier, max_size=2),
)
people = st.builds(
    Person, name=nonempty, role=maybe(nonempty), party=maybe(nonempty), absent=st.booleans(), reason=maybe(nonempty)
)
meetings = st.builds(
    Meeting,
    body=maybe(nonempty),
    date=maybe(dates),
    authority=maybe(nonempty),
    start=maybe(times),
    end=maybe(times),
    location=maybe(nonempty),
    participants=st.lists(people, max_size=4),
)
sources = st.builds(
    Source,
    file=nonempty,
    format=st.sampled_from(["text", "pdf", "xml", "json"]),
    sha256=st.text("0123456789abcdef", min_size=64, max_size=64),
    pages=maybe(st.integers(1, 500)),
    ocr=st.lists(st.integers(1, 500), max_size=3, unique=True).map(sorted),
    ocr_confidence=st.lists(st.integers(0, 1000).map(lambda c: c / 10), max_size=3),
)
minutes = st.builds(
    Minutes,
    source=sources,
    meeting=meetings,
    items=st.lists(items, max_size=4),
    furniture=st.lists(
        st.builds(
            Removed,
            page=st.integers(1, 99),
            kind=st.sampled_from(FURNITURE_KINDS),
            text=text,
        ),
        max_size=3,
    ),
)
