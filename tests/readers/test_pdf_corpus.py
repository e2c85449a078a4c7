"""The PDF reader with the shared recognizer on the real minutes in ../shared/corpus: items,
titles, access, case numbers, sections, decisions, attachments and members as printed; the eDoc
export beside the Ballerup PDF is the ground truth for its items. Golden dumps in
``tests/golden/native/`` were checked by eye against the pages (``pdftoppm -png -r 60``); set
REFERAT_REWRITE_GOLDENS=1 to rewrite them (tests/golden.py) (the test then fails, so a rewrite is never silent)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

import convert
from convert.errors import NotMinutesError
from convert.model import ListBlock, Paragraph, Subheading, Table
from convert.readers.grammar import vocabulary
from convert.readers.pdf import _Spooled
from convert.xml import parse_bytes
from tests.conftest import CORPUS
from tests.golden import check_golden
from tests.readers.test_pdf_layout import AARHUS, BALLERUP, BILAG, PUNKT2

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "native"
EXPORT = CORPUS / "ballerup_sundheds-forebyggelsesudvalget_2012-12-04_eDocAgendaPublishing.xml"


def _texts(minutes):
    """Every text of the content: titles, headings, blocks, attachments."""
    out = []

    def blocks(items):
        for b in items:
            if isinstance(b, (Paragraph, Subheading)):
                out.append(b.text)
            elif isinstance(b, ListBlock):
                for li in b.items:
                    out.append(li.text)
                    if li.sublist:
                        blocks([li.sublist])
            elif isinstance(b, Table):
                out.extend(c for row in b.rows for c in row)

    for item in minutes.items:
        out.append(item.title)
        for s in item.sections:
            out.append(s.heading)
            blocks(s.blocks)
        out.extend(a.title for a in item.attachments)
    return out


@pytest.fixture(scope="module")
def ballerup():
    return convert.read(BALLERUP)


@pytest.fixture(scope="module")
def aarhus():
    return convert.read(AARHUS)


def _export_items() -> dict[str, str]:
    data = EXPORT.read_bytes()
    # The export holds "&#xC;" (a form feed), which XML 1.0 forbids; blank such references out
    # and parse the rest with the project's safe parser.
    data = re.sub(rb"&#x0*(?:[0-8bBcCeEfF]|1[0-9a-fA-F]);", b" ", data)
    root = parse_bytes(data, EXPORT.name)
    path = "MeetingAgendaTypes/MeetingAgendaType/MeetingAgendaItems/MeetingAgendaItem"
    return {it.findtext("AgendaItemNumber"): it.findtext("Document/Title") for it in root.iterfind(path)}


def test_ballerup_items_match_the_edoc_export(ballerup):
    expected = _export_items()
    assert len(expected) == 8
    assert {item.number: item.title for item in ballerup.items} == expected
    assert [item.number for item in ballerup.items] == [str(n) for n in range(1, 9)]
    assert all(item.access == "open" for item in ballerup.items)


def test_ballerup_item_one_list_is_lettered(ballerup):
    """Item 1 prints "a. Møder og konferencer" … "e. …": councillors cite "punkt c", so the
    letters are kept; the recommendations' "A)" "B)" are upper-alpha lists."""
    (lst,) = ballerup.items[0].sections[0].blocks
    assert isinstance(lst, ListBlock) and lst.ordered
    assert (lst.style, lst.delimiter, lst.start, len(lst.items)) == ("lower-alpha", ".", None, 5)
    assert lst.items[2].text == "Konference den 10. december 2012 - Forebyggelse af ulighed i sundhedsvæsenet"
    recommendation = ballerup.items[1].sections_of("recommendation")[0]
    (abc,) = [b for b in recommendation.blocks if isinstance(b, ListBlock)]
    assert (abc.style, abc.delimiter, len(abc.items)) == ("upper-alpha", ")", 2)


def test_ballerup_meeting_members_and_decisions(ballerup):
    meeting = ballerup.meeting
    assert meeting.body == "Sundheds- og Forebyggelsesudvalget" and meeting.date == dt.date(2012, 12, 4)
    present = [p.name for p in meeting.participants if not p.absent and p.role != "Sekretær"]
    assert present == [
        "Lolan Ottesen",
        "Grethe Larsen",
        "Birte Kramhøft",
        "Doris Børger",
        "Karl Vilhelm Nielsen",
        "Maria Lundahl Assov",
        "Per Mortensen",
    ]
    assert not [p for p in meeting.participants if p.absent]  # "Afbud/Fraværende" is empty
    for item in ballerup.items:
        (decision,) = item.sections_of("decision")
        assert decision.heading == f"Sundheds- og Forebyggelsesudvalgets beslutning den 04.12.2012 Punkt {item.number}"
        assert decision.date == dt.date(2012, 12, 4) and decision.body == "Sundheds- og Forebyggelsesudvalget"
        assert re.fullmatch(r"20\d\d-\d+", item.case_number)
    item2 = ballerup.items[1]
    # printed underlined, not bold: a subheading all the same
    assert Subheading("Centralisering af ejendomsdriften") in item2.sections_of("presentation")[1].blocks
    assert [s.kind for s in item2.sections] == [
        "summary",
        "presentation",
        "presentation",
        "economy",
        "decided-by",
        "recommendation",
        "decision",
    ]
    assert [(a.document_id, a.title) for a in item2.attachments] == [
        ("2012-200782", "Bygningsliste og prioriteringssystem")
    ]


def test_no_header_footer_or_stamp_inside_the_content(ballerup, aarhus):
    for minutes in (ballerup, aarhus):
        for text in _texts(minutes):
            assert not re.search(r"\bSide \d+\b|Dato: 04\.12\.2012|Åbent referat", text), text
    kinds = {(r.kind, r.text) for r in ballerup.furniture}
    assert ("page-number", "Side 15") in kinds and ("header", "Dato: 04.12.2012") in kinds
    assert sum(1 for r in ballerup.furniture if r.kind == "page-number") == 15


def test_punkt2_only_is_one_item():
    minutes = convert.read(PUNKT2)
    assert minutes.source.pages == 2
    assert [(i.number, i.title) for i in minutes.items] == [("2", "Bygningsvedligeholdelse 2013 - anlægsbevilling")]
    assert minutes.items[0].case_number == "2012-28504"


def test_aarhus_21_items_with_case_numbers_and_decisions(aarhus):
    assert aarhus.source.pages == 28 and aarhus.source.format == "pdf"
    assert aarhus.meeting.body == "Aarhus Byråd" and aarhus.meeting.date == dt.date(2025, 8, 27)
    assert [item.number for item in aarhus.items] == [str(n) for n in range(1, 22)]
    assert all(re.fullmatch(r"EMN-20\d\d-\d{6}", item.case_number) for item in aarhus.items)
    last = aarhus.items[-1]
    assert (last.title, last.access, last.access_label) == ("Køb af landbrugsejendom", "closed", "Lukket:")
    for item in aarhus.items[:-1]:
        assert item.sections[0].kind == "decision" and item.sections[0].heading == "Beslutninger"
        assert item.sections[0].blocks
    assert aarhus.items[0].sections[0].blocks == [Paragraph("Godkendt.")]
    # The closed item prints its decision alone, right under the case number, without a heading.
    (decision,) = last.sections
    assert (decision.kind, decision.heading) == ("decision", "")
    assert decision.blocks == [
        Paragraph(
            "Tilbagesendes Magistratsafdelingen for Teknik og Miljø med bemærkning, at byrådet i sit møde den "
            "27. august 2025 har vedtaget Magistratens foranstående indstilling af 19. august 2025."
        )
    ]


def test_aarhus_proposal_and_recommendation_headings_in_capitals(aarhus):
    two = aarhus.items[1]
    assert [(s.kind, s.heading) for s in two.sections[:3]] == [
        ("decision", "Beslutninger"),
        ("presentation", "BESLUTNINGSFORSLAG FRA DD"),
        ("presentation", "Baggrund:"),
    ]
    # the decision is the decision only; the party's proposal follows under its own heading
    assert two.sections[0].blocks == [
        Paragraph(
            "Fremsendes til Teknisk Udvalg til behandling i henhold til beslutning i byrådets møde den 27. august 2025."
        )
    ]
    (answer,) = [s for s in two.sections if s.heading.startswith("INDSTILLING FRA")]
    assert answer.kind == "recommendation"
    assert answer.heading == "INDSTILLING FRA MAGISTRATSAFDELINGEN FOR TEKNIK OG MILJØ"
    assert answer.blocks[0].text.startswith("På baggrund af forslag fra Danmarksdemokraterne")
    eighteen = aarhus.items[17]
    assert [(s.kind, s.heading) for s in eighteen.sections] == [
        ("decision", "Beslutninger"),
        ("presentation", "BESLUTNINGSFORSLAG FRA EL OG VIGGO JONASEN, UFP"),
    ]
    headings = [(s.kind, s.heading) for item in aarhus.items for s in item.sections]
    assert len([h for k, h in headings if k == "presentation" and h.startswith("BESLUTNINGSFORSLAG FRA ")]) == 10
    assert len([h for k, h in headings if k == "recommendation" and h.startswith("INDSTILLING FRA ")]) == 4
    paragraphs = [b.text for item in aarhus.items for s in item.sections for b in s.blocks if isinstance(b, Paragraph)]
    assert not [text for text in paragraphs if re.match(r"(?:BESLUTNINGSFORSLAG|INDSTILLING) FRA", text)]


def test_aarhus_dash_bullets_are_lists(aarhus):
    def dashed(item):
        return [[li.text for li in b.items] for s in item.sections for b in s.blocks if isinstance(b, ListBlock)]

    twenty = dashed(aarhus.items[19])
    assert [len(items) for items in twenty] == [4, 5, 1]
    assert twenty[0][0] == (
        "Genoprette den biologiske mangfoldighed: Bugten har historisk set huset et rigt dyre- og planteliv. Ved at "
        "beskytte levesteder som ålegræsenge, muslingebanker og stenrev, giver vi naturen de bedste betingelser for at "
        "genopbygge sunde økosystemer til gavn for fisk og havfugle."
    )
    assert [text.split(":")[0] for text in twenty[1]] == [
        "Forbud mod skadelige fiskemetoder",
        "Forbud mod råstofindvinding og havbrug",
        "Målrettede genopretningsprojekter",
        "Områder med ro og fred",
        "Bæredygtigt rekreativt fiskeri",
    ]
    assert twenty[2][0].startswith("At Aarhus Kommune arbejder aktivt for at etablere en østjysk marin")
    assert [len(items) for items in dashed(aarhus.items[5])] == [5]  # "Handlingsplan"
    assert [len(items) for items in dashed(aarhus.items[15])] == [4]
    # "- fx sand og grus -" inside a sentence stays text, and no paragraph opens with a dash
    assert any("ressourcer - fx sand og grus - til byggeri" in text for text in _texts(aarhus))
    assert not [text for text in _texts(aarhus) if text.startswith("- ")]


def test_aarhus_titles_agree_with_its_table_of_contents(aarhus):
    from convert.readers import pdf

    _, layout = pdf.read_lines(AARHUS.read_bytes(), AARHUS.name)
    for entry, item in zip(layout.toc.entries, aarhus.items, strict=True):
        printed = f"{item.access_label} {item.title}" if item.access == "closed" else item.title
        # FirstAgenda cuts long titles in its table of contents ("… med ti").
        assert printed.startswith(entry.title) or entry.title.startswith(printed[: len(entry.title) - 3])


def test_not_minutes_pdf_is_reported_as_such():
    with pytest.raises(NotMinutesError, match=r"^aarhus_bilag_sager-paa-vej_sundhed-omsorg_2025-08-29\.pdf: "):
        convert.read(BILAG)


@pytest.mark.parametrize("path", [BALLERUP, PUNKT2, AARHUS], ids=lambda p: p.stem)
def test_golden_native_dump(path):
    check_golden(GOLDEN / f"pdf_{path.stem}.txt", convert.read(path).pformat())


def test_canonical_xml_is_valid(tmp_path, ballerup, aarhus):
    for minutes in (ballerup, aarhus):
        dest = tmp_path / f"{minutes.source.file}.xml"
        convert.write(minutes, "xml", dest)
        convert.validate(dest)


@pytest.mark.parametrize("path", [BALLERUP, PUNKT2, AARHUS], ids=lambda p: p.stem)
def test_no_word_of_a_corpus_pdf_is_lost(path):
    """Every word poppler's pdftotext finds on the pages (an extractor independent of ours) is in
    the canonical document: in the content or in a furniture record. A word split by a hyphen at
    a line end counts as joined where the reader joined it ("budget-" / "lægges")."""
    import subprocess

    from tests.lossless import assert_lossless, document_words

    text = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True).stdout
    minutes = convert.read(path)
    have = document_words(minutes)

    def rejoin(m: re.Match) -> str:
        return m[1] + m[2] if have[m[1] + m[2]] else f"{m[1]}-{m[2]}"

    assert_lossless(re.sub(r"(\w+)-\n(\w+)", rejoin, text), minutes)


@pytest.mark.parametrize(
    ("path", "family"),
    [(AARHUS, "firstagenda"), (BALLERUP, None), (PUNKT2, None), (BILAG, None)],
    ids=["aarhus-firstagenda", "ballerup-adlib", "punkt2-adlib", "bilag-word"],
)
def test_a_pdf_whose_producer_names_its_system_is_read_as_that_family(path, family):
    """FirstAgenda's PDFs say so in their Producer; Adlib, the renderer Ballerup's eDoc used, and
    Word name no minutes system, so the tell-tale lines choose there."""
    spooled = _Spooled(path.read_bytes(), path.name, ocr_mode="never")
    spooled.close()
    named = vocabulary.named_by(spooled.producer)
    assert (named.name if named else None) == family, spooled.producer
