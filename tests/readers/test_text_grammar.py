"""The Danish minutes grammar beyond the seeds, on small texts in each system family's style
(tests/readers/texts/, written after the Ballerup eDoc, Aarhus FirstAgenda and Acadre pages):
item numbers "715.", "1." and "Punkt 3:", Åben/Lukket, every section heading of the vocabulary,
several dated decisions in one item, members and absentees, the spellings of dates, a table of
contents and page furniture that do not become content. Every word of each text is kept."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import convert
from convert.model import ListBlock, Paragraph
from convert.readers.grammar.blocks import drafts, fold, to_blocks
from convert.readers.grammar.dates import find_time, parse_date
from convert.readers.grammar.lines import Line, with_text
from tests.lossless import assert_lossless

TEXTS = Path(__file__).resolve().parent / "texts"


def read(name: str):
    path = TEXTS / name
    minutes = convert.read(path)
    assert_lossless(path.read_text(encoding="utf-8"), minutes)
    return minutes


@pytest.mark.parametrize(
    ("printed", "date"),
    [
        ("01-06-2021", dt.date(2021, 6, 1)),
        ("04.12.2012", dt.date(2012, 12, 4)),
        ("20. juni 2013", dt.date(2013, 6, 20)),
        ("Torsdag den 20. juni 2013", dt.date(2013, 6, 20)),
        ("tirsdag den 4. december 2012, kl. 13:00", dt.date(2012, 12, 4)),
        ("Onsdag d. 27. august 2025 kl. 16:00", dt.date(2025, 8, 27)),
        ("d. 3. juni 2021", dt.date(2021, 6, 3)),
        ("4/12 2012", dt.date(2012, 12, 4)),
        ("2025-08-27", dt.date(2025, 8, 27)),
        ("Beslutning i Direktionen den 12-10-2022", dt.date(2022, 10, 12)),
        ("31-02-2021", None),  # no such day
        ("Punkt 3", None),
    ],
)
def test_dates_as_minutes_print_them(printed, date):
    assert parse_date(printed) == date


def test_times():
    assert find_time("tirsdag den 4. december 2012, kl. 13:00") == "13:00"
    assert find_time("kl. 9.30") == "09:30" and find_time("kl. 25:00") is None


def test_numbered_items_every_section_kind_and_two_decisions():
    minutes = read("generic_numbered.txt")
    meeting = minutes.meeting
    assert (meeting.body, meeting.date, meeting.location) == (
        "Økonomiudvalget", dt.date(2013, 6, 20), "Rådhuset, mødelokale 1",
    )  # fmt: skip
    assert [(p.name, p.party, p.role, p.absent) for p in meeting.participants] == [
        ("Anna Jensen", "A", "formand", False),
        ("Bo Hansen", "V", None, False),
        ("Carl Nielsen", "F", None, False),
        ("Dorte Madsen", "O", None, True),
    ]
    first, second = minutes.items
    assert (first.number, first.label, first.title, first.access, first.access_label) == (
        "715", "715.", "Budgetopfølgning pr. 31. maj 2013", "open", "Åben sag",
    )  # fmt: skip
    assert [s.kind for s in first.sections] == [
        "summary", "presentation", "supplementary", "economy", "legal", "recommendation", "decided-by",
        "decision", "decision",
    ]  # fmt: skip
    decisions = [(s.body, s.date, s.blocks) for s in first.sections_of("decision")]
    assert decisions == [
        ("Økonomiudvalget", dt.date(2013, 6, 13), [Paragraph("Anbefales.")]),
        ("Byrådet", dt.date(2013, 6, 20), [Paragraph("Godkendt.")]),
    ]
    assert first.sections_of("presentation")[0].blocks == [
        Paragraph("Budgetopfølgningen viser et samlet merforbrug på driften på 2,1 mio. kr.")
    ]
    (att,) = first.attachments
    assert (att.number, att.document_id, att.case_number, att.marker, att.title) == (
        "1", "1234567", "1111/13", "H", "Budgetopfølgning maj 2013.pdf",
    )  # fmt: skip
    assert (second.number, second.access, second.access_label, second.title) == (
        "716", "closed", "Lukket sag", "Salg af grund",
    )  # fmt: skip
    assert second.sections_of("decision")[0].date == dt.date(2013, 6, 20)  # printed 20.06.2013


def test_firstagenda_punkt_items_closed_item_and_contents():
    minutes = read("firstagenda_style.txt")
    meeting = minutes.meeting
    assert (meeting.body, meeting.date, meeting.start, meeting.location) == (
        "Børn og Unge-udvalget", dt.date(2024, 12, 4), "14:00", "Mødelokale 2, Rådhuset",
    )  # fmt: skip
    assert [(i.label, i.number, i.case_number) for i in minutes.items] == [
        ("Punkt 1:", "1", "EMN-2024-000101"),
        ("Punkt 2:", "2", "EMN-2024-000202"),
        ("Punkt 3:", "3", "EMN-2024-000303"),
    ]
    two = minutes.items[1]
    assert two.title == "Skolestruktur 2025 med en lang titel der fortsætter på næste linje"
    assert two.sections[0].blocks == [Paragraph("Udvalget anbefaler indstillingen, idet skolerne inddrages.")]
    assert [a.title for a in two.attachments] == ["Indstilling", "Bilag 1: Kort over skoledistrikter"]
    three = minutes.items[2]
    assert (three.title, three.access, three.access_label) == ("Personalesag", "closed", "Lukket:")
    contents = [r.text for r in minutes.furniture if r.kind == "contents"]
    assert len(contents) == 5 and contents[0] == "Indholdsfortegnelse"  # four entries, no items


def test_edoc_items_meddelelser_page_breaks_and_running_headers():
    minutes = read("edoc_style.txt")
    meeting = minutes.meeting
    assert (meeting.body, meeting.date, meeting.start) == ("Kultur- og Fritidsudvalget", dt.date(2012, 12, 4), "16:00")
    assert [(p.name, p.absent) for p in meeting.participants] == [
        ("Lise Hansen", False), ("Peter Berg", False), ("Jens Holm", True),
    ]  # fmt: skip
    one, two = minutes.items
    assert (one.number, one.title, one.case_number, one.document_id) == ("1", "Meddelelser", "2012-1001", "2012-50001")
    (lst,) = one.sections_of("other")[0].blocks
    assert isinstance(lst, ListBlock) and lst.ordered
    assert [li.text for li in lst.items] == ["Orientering om biblioteket", "Orientering om svømmehallen"]
    # the paragraph runs over a page break and its running header
    assert two.sections_of("presentation")[0].blocks == [
        Paragraph("Tilskuddene fordeles hvert år efter reglerne i folkeoplysningsloven.")
    ]
    # a body name standing last on a short page is content, not the running header
    assert two.sections_of("decided-by")[0].blocks == [Paragraph("Kultur- og Fritidsudvalget")]
    assert [(a.document_id, a.title) for a in two.attachments] == [("2012-50010", "Ansøgninger 2013")]
    numbers = [(r.page, r.text) for r in minutes.furniture if r.kind == "page-number"]
    assert numbers == [(1, "Side 1"), (2, "Side 2"), (3, "Side 3")]
    assert sum(1 for r in minutes.furniture if r.text == "Dato: 04.12.2012") == 3


def test_firstagenda_capital_headings_start_sections():
    one = read("firstagenda_proposals.txt").items[0]
    assert [(s.kind, s.heading) for s in one.sections] == [
        ("decision", "Beslutninger"),
        ("presentation", "BESLUTNINGSFORSLAG FRA DD"),
        ("recommendation", "INDSTILLING FRA MAGISTRATSAFDELINGEN FOR TEKNIK OG MILJØ"),
        ("summary", "Resume"),
        ("recommendation", "Beslutningspunkter"),
    ]
    # the decision holds the decision only, not the proposal printed after it
    assert one.sections[0].blocks == [
        Paragraph("Tilbagesendes Magistratsafdelingen for Teknik og Miljø med bemærkning, at byrådet har "
                  "vedtaget indstillingen.")
    ]  # fmt: skip
    # the same words in ordinary case open a sentence: no heading
    assert one.sections[1].blocks[0].text.startswith("Grillbaren har været en fast del af havnen siden 1962. Beslutn")


def test_dash_bullets_where_a_list_can_begin():
    proposal = read("firstagenda_proposals.txt").items[1].sections_of("presentation")[0]
    assert proposal.heading == "BESLUTNINGSFORSLAG FRA SF OG ALT, UFP"
    lists = [b for b in proposal.blocks if isinstance(b, ListBlock)]
    assert [(lst.ordered, [li.text for li in lst.items]) for lst in lists] == [
        (False, [
            "Genoprette den biologiske mangfoldighed: Bugten har historisk set huset et rigt dyre- og planteliv.",
            "Forbedre vandkvaliteten: Sund havnatur renser vandet for næringsstoffer - fx kvælstof - og modvirker "
            "iltsvind.",
        ]),
        (False, ["Forbud mod skadelige fiskemetoder", "Områder med ro og fred"]),
    ]  # fmt: skip
    # a dash of running text that wrapped to a line start is no bullet, not even after "kr."
    assert proposal.blocks[-2:] == [
        Paragraph("Udgiften er anslået til 5 mio. kr. - og dertil kommer driften."),
        Paragraph("Men også overforbruget af havets ressourcer - fx sand og grus - til byggeri skal stoppes."),
    ]


def test_firstagenda_closed_item_text_is_its_decision():
    three = read("firstagenda_proposals.txt").items[2]
    # printed without a heading, right under the case number: a decision, its heading ""
    assert [(s.kind, s.heading) for s in three.sections] == [("decision", "")]
    assert three.sections[0].blocks[0].text.startswith("Tilbagesendes Magistratsafdelingen")


def _lists(printed: str):
    """The lists a section's text makes, as (style, delimiter, start, items); an empty line
    parts paragraphs as in a text extraction."""
    lines = [Line(text.strip(), 1) for text in printed.strip("\n").split("\n")]
    blocks = to_blocks(drafts(lines))
    return [(b.style, b.delimiter, b.start, [li.text for li in b.items]) for b in blocks if isinstance(b, ListBlock)]


@pytest.mark.parametrize(
    ("printed", "lists"),
    [
        ("a)   Biblioteket\n\nb)   Svømmehallen", [("lower-alpha", ")", None, ["Biblioteket", "Svømmehallen"])]),
        (
            "A)   Godkendes.\n\nB)   Afholdes af rammen.",
            [("upper-alpha", ")", None, ["Godkendes.", "Afholdes af rammen."])],
        ),
        ("1)   Godkendes.\n\n2)   Evalueres.", [("decimal", ")", None, ["Godkendes.", "Evalueres."])]),
        (
            "i.   Hverdage\n\nii.  Søndage\n\niii. Selvbetjening",
            [("lower-roman", ".", None, ["Hverdage", "Søndage", "Selvbetjening"])],
        ),
        ("i.   Hverdage", [("lower-roman", ".", None, ["Hverdage"])]),  # alone, "i." is roman one
        ("c.   Personale\n\nd.   Udgifter", [("lower-alpha", ".", 3, ["Personale", "Udgifter"])]),
        # a to i: the sequence says "i." is the ninth letter
        (
            "\n\n".join(f"{c}.   Punkt {c}" for c in "abcdefghi"),
            [("lower-alpha", ".", None, [f"Punkt {c}" for c in "abcdefghi"])],
        ),
        # a marker out of sequence is a new list as printed
        ("a.   Et\n\nb.   To\n\n1.   Tre", [("lower-alpha", ".", None, ["Et", "To"]), ("decimal", ".", None, ["Tre"])]),
        ("a.   Et\n\nb)   To", [("lower-alpha", ".", None, ["Et"]), ("lower-alpha", ")", 2, ["To"])]),
    ],
)
def test_numbered_lists_keep_their_numbering(printed, lists):
    assert _lists(printed) == lists


def test_a_capital_initial_is_not_a_list():
    assert _lists("A. Jensen deltog ikke.") == []


def test_with_text_copies_every_other_field():
    line = Line("a  b", page=3, bold=True, top=1.5, role="H2", cells=("a", "b"), parts=((0.0, "a"),))
    assert with_text(line, "a b") == dataclasses.replace(line, text="a b")
    assert line.text == "a  b"  # the caller's line is not changed


# Every kind of white space str.split() knows, and text around it.
_SPACES = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u200a\u2028\u2029\u202f\u205f\u3000"


@given(st.lists(st.sampled_from(["ord", "Sagsnr.:", "\u200b", "\x00", *_SPACES]) | st.text(max_size=4)).map("".join))
def test_fold_leaves_a_folded_text_as_it_is_and_folds_every_other(text):
    """fold() tells a folded text without splitting it; it must give what splitting gives."""
    assert fold(text) == " ".join(text.split())
