"""The minutes model: plain dataclasses that every reader fills and every writer reads.

The names mirror the canonical vocabulary in ``schemas/minutes.xsd`` (see DESIGN.md, "Canonical
vocabulary"). ``convert.canonical`` is the only code that maps this model to and from XML.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

Access = Literal["open", "closed"]

SECTION_KINDS = (
    "summary",
    "presentation",
    "route",
    "economy",
    "legal",
    "recommendation",
    "decision",
    "decided-by",
    "supplementary",
    "other",
)
FURNITURE_KINDS = ("header", "footer", "page-number", "stamp", "cover", "contents")
# Someone's presence at one item: away for it, gone part-way, come late, or conflicted (inhabil).
PRESENCE_STATUSES = ("absent", "left", "arrived", "conflict")


@dataclass(slots=True)
class Paragraph:
    text: str


@dataclass(slots=True)
class Subheading:
    text: str


@dataclass(slots=True)
class ListItem:
    text: str
    sublist: ListBlock | None = None


@dataclass(slots=True)
class ListBlock:
    """A bulleted or numbered list. A numbered list keeps its numbering as printed ("a." … "e.",
    "A)", "iv.") as a CSS list-style-type name (``convert.numbering.STYLES``), the character after
    the number ("." or ")") and the first value when it is not 1; None where it is not known."""

    items: list[ListItem] = field(default_factory=list)
    ordered: bool = False
    style: str | None = None
    delimiter: str | None = None
    start: int | None = None


@dataclass(slots=True)
class Table:
    """Rows of cells; the first row is the header row when ``header`` is true."""

    rows: list[list[str]] = field(default_factory=list)
    header: bool = False


Block = Paragraph | Subheading | ListBlock | Table


@dataclass(slots=True)
class Section:
    kind: str
    heading: str
    blocks: list[Block] = field(default_factory=list)
    # Only decision sections carry these: who decided, and when.
    body: str | None = None
    date: dt.date | None = None


@dataclass(slots=True)
class Attachment:
    number: str
    title: str
    access: Access = "open"
    access_label: str | None = None  # the access word as printed ("Åben", "Lukket")
    document_id: str | None = None
    case_number: str | None = None
    marker: str | None = None  # e.g. "H" from "(H)"


# ---------------------------------------------------------------- people (issue 13)
# Who was at an item, how they voted, what was decided on each point. Read beside the decision text,
# never instead of it: the sentence stays in its section, and what could not be read with certainty is
# not here at all. Canonical XML: item/attendance, item/votes (a vote element's name contains "vote"),
# item/outcomes, item/history (convert/canonical_people.py).


@dataclass(slots=True)
class Presence:
    """One person's presence at one item. ``status`` is one of ``model.PRESENCE_STATUSES``;
    ``agreed`` says, for a conflict of interest, whether the body declared the person inhabil
    (True), found them not inhabil (False), or the text does not say (None)."""

    name: str
    status: str
    party: str | None = None
    reason: str | None = None
    agreed: bool | None = None


@dataclass(slots=True)
class Voter:
    """A person (with their party when printed) or a whole party group ("(V)")."""

    name: str | None = None
    party: str | None = None


@dataclass(slots=True)
class Vote:
    """One division as printed: who voted for, against, or abstained, and the counts where the
    text gives them ("Med stemmerne 19 for og 2 imod"). ``text`` is the sentences it was read from.
    ``points`` are the numbers of the recommendation's points the vote was on ("2. Anbefales. (Ø)
    stemmer imod", "stemte imod punkt 2 og 3"); empty for the whole item. A vote naming every point
    is listed so, as printed: whether it meant the item as a whole the text does not say. Counts on
    a sub-point ("Med stemmerne 1 for og 19 imod afviste Byrådet indstillingspunkt 1a") carry the
    point's number (1), the sub-point being named in ``text`` only."""

    text: str
    for_: list[Voter] = field(default_factory=list)
    against: list[Voter] = field(default_factory=list)
    abstaining: list[Voter] = field(default_factory=list)
    for_count: int | None = None
    against_count: int | None = None
    abstaining_count: int | None = None
    points: list[int] = field(default_factory=list)


@dataclass(slots=True)
class Outcome:
    """The decision on numbered points of the recommendation ("1. Godkendt", "2.-3. Anbefales",
    "Indstillingen godkendt" = every point). ``points`` are the numbers of the recommendation's
    points; ``label`` is how the decision named them; ``result`` a word of the vocabulary
    (approved, recommended, rejected, noted, postponed, …) or None where no word was found."""

    points: list[int]
    text: str
    label: str | None = None
    result: str | None = None


@dataclass(slots=True)
class Earlier:
    """One earlier decision in the case's history ("Sagens forløb"): who, when, what."""

    text: str
    body: str | None = None
    date: dt.date | None = None


@dataclass(slots=True)
class Item:
    number: str | None  # the item's number, None when the source prints none (never invented)
    title: str
    access: Access = "open"
    label: str | None = None  # the number as printed: "715.", "Punkt 3:"
    access_label: str | None = None  # the access line as printed: "Åben Sag", "Lukket:"
    case_number: str | None = None
    document_id: str | None = None
    sections: list[Section] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    # Read beside the decision text, whose sentences stay where they are (see the people part above).
    attendance: list[Presence] = field(default_factory=list)
    votes: list[Vote] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    history: list[Earlier] = field(default_factory=list)

    def sections_of(self, kind: str) -> list[Section]:
        return [s for s in self.sections if s.kind == kind]


@dataclass(slots=True)
class Person:
    name: str
    role: str | None = None
    party: str | None = None
    absent: bool = False
    reason: str | None = None  # why absent, as given ("Afbud", "Fraværende", "Ferie")


@dataclass(slots=True)
class Meeting:
    body: str | None = None
    date: dt.date | None = None
    authority: str | None = None
    start: str | None = None  # "HH:MM"
    end: str | None = None
    location: str | None = None
    participants: list[Person] = field(default_factory=list)


@dataclass(slots=True)
class Source:
    file: str
    format: str
    sha256: str
    pages: int | None = None
    ocr: list[int] = field(default_factory=list)  # the pages whose words OCR read
    ocr_confidence: list[float] = field(default_factory=list)  # their mean word confidence, 0-100


@dataclass(slots=True)
class Removed:
    """Page furniture taken out of the text flow, kept so that no word is lost."""

    page: int
    kind: str
    text: str


@dataclass(slots=True)
class Minutes:
    source: Source
    meeting: Meeting = field(default_factory=Meeting)
    items: list[Item] = field(default_factory=list)
    furniture: list[Removed] = field(default_factory=list)

    def pformat(self) -> str:
        """A readable, stable text dump of the whole document: the common language of tests."""
        from convert.native import pformat

        return pformat(self)
