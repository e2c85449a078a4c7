"""Hypothesis strategies for the content of generated minutes: one ``Minutes`` holding every field
``referat compare`` checks (meeting body, date, place, people with party letters; per item number,
title, access, case number, section kinds, decisions with body and date; attachments with number,
title, access and document number), in words of Danish minutes. The house styles in
``families.py`` print it; the readers must give it back."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from convert.model import Attachment, Item, Meeting, Minutes, Paragraph, Person, Section, Source

BODIES = [
    "Teknik- og Miljøudvalget",
    "Økonomiudvalget",
    "Børne- og Skoleudvalget",
    "Kultur- og Fritidsudvalget",
    "Social- og Sundhedsudvalget",
    "Plan- og Boligudvalget",
]
FIRST = ["Anne", "Bent", "Camilla", "Jens", "Mette", "Søren", "Lars", "Birgitte", "Ole", "Hanne", "Kirsten", "Per"]
LAST = ["Hansen", "Jørgensen", "Møller", "Kristensen", "Frederiksen", "Thomsen", "Lund", "Østergaard", "Bæk"]
PARTIES = ["A", "B", "C", "F", "I", "O", "V", "Ø", "Å"]
WORDS = [
    "plan",
    "for",
    "cykelstier",
    "skolernes",
    "budget",
    "ældrecentre",
    "renovering",
    "af",
    "svømmehallen",
    "lokalplan",
    "for",
    "bydelen",
    "høring",
    "om",
    "trafiksikkerhed",
    "vejbelysning",
    "klimatilpasning",
    "på",
    "havnen",
    "udbud",
    "af",
    "rengøring",
    "tilskud",
    "til",
    "foreninger",
    "status",
    "på",
    "byggeriet",
]
SENTENCES = [
    "Forvaltningen har udarbejdet et forslag, som nu forelægges udvalget.",
    "Sagen har været i høring i fire uger, og der er indkommet tre høringssvar.",
    "Udgifterne afholdes inden for den eksisterende ramme.",
    "Der er tale om en ændring af den tidligere godkendte plan.",
    "Projektet forventes afsluttet i løbet af året.",
]
# Short lines set one under another without extra space (a timetable, an address, a list of
# names): printed as one paragraph with line breaks, read back as one paragraph per line.
SHORT_LINES = [
    ["Kl. 15.00 Velkomst", "Kl. 15.15 Oplæg ved forvaltningen", "Kl. 16.00 Spørgsmål og drøftelse"],
    ["Borgerservice, Rådhuset", "Torvet 2, 1. sal", "2750 Ballerup"],
    ["Anne Hansen, formand", "Bent Møller, næstformand", "Ole Lund"],
]
DECISIONS = ["Godkendt.", "Indstillingen blev godkendt.", "Taget til efterretning.", "Udsat."]
VENUES = ["Mødelokale 1, Rådhuset", "Byrådssalen", "Udvalgsværelset, Rådhuset", "Mødelokale 2.14"]
# A place printed over several lines (venue, street, postcode and town): one line each, "\n" apart.
PLACES = [
    "Rådhuset\nTorvet 2\n2750 Ballerup",
    "Byrådssalen\nRådhuspladsen 2\n8000 Aarhus C",
    "Kulturhuset\nStationsvej 14, 1. sal\n4600 Køge",
    "Mødelokale 3\nHold-An Vej 7\n2750 Ballerup",
]


def _case(kind: int, year: int, n: int) -> str:
    """Case numbers as Danish systems print them (the issue's list)."""
    yy = year % 100
    return [
        f"{yy:02d}/{n}",
        f"{year}-{n}",
        f"27.00.00-A00-{n % 9 + 1}-{yy:02d}",
        f"{yy:02d}-{n:06d}",
        f"EMN-{year}-{n:05d}",
    ][kind]


@st.composite
def people(draw) -> list[Person]:
    names = draw(
        st.lists(st.tuples(st.sampled_from(FIRST), st.sampled_from(LAST)), min_size=3, max_size=7, unique=True)
    )
    out = [Person(f"{f} {last}", party=draw(st.sampled_from(PARTIES))) for f, last in names]
    for p in out[1:]:
        p.absent = draw(st.integers(0, 5)) == 0
    return out


def _title(draw) -> str:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=2, max_size=7))
    return " ".join(words).capitalize()


@st.composite
def minutes(draw, first_number: int = 1) -> Minutes:
    date = draw(st.dates(dt.date(2007, 1, 1), dt.date(2025, 12, 31)))
    body = draw(st.sampled_from(BODIES))
    case_kind = draw(st.integers(0, 4))
    start = draw(st.sampled_from([first_number, first_number + draw(st.integers(0, 700))]))
    items = []
    for k in range(draw(st.integers(2, 4))):
        number = str(start + k)
        item = Item(
            number,
            _title(draw),
            access=draw(st.sampled_from(["open", "open", "open", "closed"])),
            case_number=_case(case_kind, date.year, draw(st.integers(1000, 39999))),
        )
        text = draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3, unique=True))
        item.sections.append(Section("presentation", "Sagsfremstilling", [Paragraph(" ".join(text))]))
        item.sections.append(Section("decided-by", "Sagen afgøres i:", [Paragraph(body)]))
        item.sections.append(
            Section("recommendation", "Indstilling", [Paragraph("Forvaltningen indstiller, at sagen godkendes.")])
        )
        item.sections.append(
            Section("decision", "", [Paragraph(draw(st.sampled_from(DECISIONS)))], body=body, date=date)
        )
        for n in range(1, draw(st.integers(0, 3)) + 1):
            doc = f"{draw(st.integers(100000, 399999))}/{date.year % 100:02d}"
            access = draw(st.sampled_from(["open", "open", "closed"]))
            item.attachments.append(Attachment(str(n), _title(draw), access=access, document_id=doc))
        items.append(item)
    place = draw(st.sampled_from(VENUES))
    meeting = Meeting(body=body, date=date, location=place, participants=draw(people()))
    return Minutes(Source("generated.pdf", "pdf", "0" * 64), meeting=meeting, items=items)
