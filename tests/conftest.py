from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import convert
from convert.errors import NotMinutesError
from convert.model import (
    Attachment,
    Item,
    ListBlock,
    ListItem,
    Meeting,
    Minutes,
    Paragraph,
    Person,
    Removed,
    Section,
    Source,
    Subheading,
    Table,
)

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = sorted((SHARED / "seeds").glob("*.txt"))
CORPUS = SHARED / "corpus"


@pytest.fixture
def minutes_sample() -> Minutes:
    """A small hand-built document touching every part of the model."""
    return Minutes(
        source=Source(file="sample.txt", format="text", sha256="0" * 64),
        meeting=Meeting(
            body="Direktionen",
            date=dt.date(2021, 6, 1),
            authority="Norddjurs Kommune",
            start="13:00",
            location="Rådhuset",
            participants=[Person("Lolan Ottesen", role="formand", party="A"), Person("Per Hansen", absent=True)],
        ),
        items=[
            Item(
                number="1",
                title="Punkter til behandling",
                access_label="Åben Sag",
                case_number="2011-29298",
                sections=[
                    Section("route", "Sagsgang", [Paragraph("DIR")]),
                    Section(
                        "presentation",
                        "Sagsfremstilling",
                        [
                            Paragraph("Direktionen har følgende punkter:"),
                            ListBlock([ListItem("Årsplan", ListBlock([ListItem("Covid-19")])), ListItem("ERP")]),
                            Table([["Post", "Beløb"], ["Drift", "1.316.000 kr."]], header=True),
                        ],
                    ),
                    Section(
                        "decision",
                        "Beslutning i Direktionen den 01-06-2021",
                        [Subheading("Årsplan"), Paragraph("Drøftet.")],
                        body="Direktionen",
                        date=dt.date(2021, 6, 1),
                    ),
                ],
                attachments=[
                    Attachment(
                        "1", "Årshjul 2021", access_label="Åben", document_id="3011525", case_number="8725/21",
                        marker="H",
                    ),
                    Attachment("2", "Notat _fortrolig.docx", access="closed", access_label="Lukket"),
                ],
            ),
            Item(number="2", title="Køb af ejendom", access="closed", access_label="Lukket"),
        ],
        furniture=[Removed(1, "header", "Direktionen 01-06-2021")],
    )


@pytest.fixture(scope="session")
def real_minutes() -> list[Minutes]:
    """Every real minutes document the readers read: both seeds and the corpus PDFs. The Aarhus
    attachment is not minutes and must say so; the eDoc XML export is not referat's input."""
    found = [convert.read(p) for p in SEEDS]
    for path in sorted(CORPUS.glob("*.pdf")):
        try:
            found.append(convert.read(path))
        except NotMinutesError:
            assert "bilag" in path.name
    assert len(found) == len(SEEDS) + 3
    return found
