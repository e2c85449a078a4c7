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


@dataclass
class Paragraph:
    text: str


@dataclass
class Subheading:
    text: str


@dataclass
class ListItem:
    text: str
    sublist: ListBlock | None = None


@dataclass
class ListBlock:
    """A bulleted or numbered list. A numbered list keeps its numbering as printed ("a." … "e.",
    "A)", "iv.") as a CSS list-style-type name (``convert.numbering.STYLES``), the character after
    the number ("." or ")") and the first value when it is not 1; None where it is not known."""

    items: list[ListItem] = field(default_factory=list)
    ordered: bool = False
    style: str | None = None
    delimiter: str | None = None
    start: int | None = None


@dataclass
class Table:
    """Rows of cells; the first row is the header row when ``header`` is true."""

    rows: list[list[str]] = field(default_factory=list)
    header: bool = False


Block = Paragraph | Subheading | ListBlock | Table


@dataclass
class Section:
    kind: str
    heading: str
    blocks: list[Block] = field(default_factory=list)
    # Only decision sections carry these: who decided, and when.
    body: str | None = None
    date: dt.date | None = None


@dataclass
class Attachment:
    number: str
    title: str
    access: Access = "open"
    access_label: str | None = None  # the access word as printed ("Åben", "Lukket")
    document_id: str | None = None
    case_number: str | None = None
    marker: str | None = None  # e.g. "H" from "(H)"


@dataclass
class Item:
    number: str
    title: str
    access: Access = "open"
    label: str | None = None  # the number as printed: "715.", "Punkt 3:"
    access_label: str | None = None  # the access line as printed: "Åben Sag", "Lukket:"
    case_number: str | None = None
    document_id: str | None = None
    sections: list[Section] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)

    def sections_of(self, kind: str) -> list[Section]:
        return [s for s in self.sections if s.kind == kind]


@dataclass
class Person:
    name: str
    role: str | None = None
    party: str | None = None
    absent: bool = False


@dataclass
class Meeting:
    body: str | None = None
    date: dt.date | None = None
    authority: str | None = None
    start: str | None = None  # "HH:MM"
    end: str | None = None
    location: str | None = None
    participants: list[Person] = field(default_factory=list)


@dataclass
class Source:
    file: str
    format: str
    sha256: str
    pages: int | None = None
    ocr: list[int] = field(default_factory=list)  # the pages whose words OCR read
    ocr_confidence: list[float] = field(default_factory=list)  # their mean word confidence, 0-100


@dataclass
class Removed:
    """Page furniture taken out of the text flow, kept so that no word is lost."""

    page: int
    kind: str
    text: str


@dataclass
class Minutes:
    source: Source
    meeting: Meeting = field(default_factory=Meeting)
    items: list[Item] = field(default_factory=list)
    furniture: list[Removed] = field(default_factory=list)

    def pformat(self) -> str:
        """A readable, stable text dump of the whole document: the common language of tests."""
        from convert.native import pformat

        return pformat(self)
