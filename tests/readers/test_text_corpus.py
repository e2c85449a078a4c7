"""The text reader on other systems' minutes: the PDFs in ../shared/corpus turned into text by
pdftotext (poppler), with ``-layout`` and without, read by the same recognizer as the seeds.
Ballerup (eDoc) is checked against its eDoc export; Aarhus (FirstAgenda) against its pages.
Every word pdftotext printed must be in the document (content or furniture)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess

import pytest

from convert.errors import NotMinutesError
from convert.model import ListBlock, Paragraph
from convert.readers import read_bytes
from convert.readers.text import decode
from tests.conftest import CORPUS
from tests.lossless import assert_lossless
from tests.readers.test_pdf_corpus import _export_items

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)")

BALLERUP = CORPUS / "ballerup_sundheds-forebyggelsesudvalget_referat_2012-12-04.pdf"
PUNKT2 = CORPUS / "ballerup_sundheds-forebyggelsesudvalget_2012-12-04_punkt2_only.pdf"
AARHUS = CORPUS / "aarhus_byraad_referat_2025-08-27.pdf"
BILAG = CORPUS / "aarhus_bilag_sager-paa-vej_sundhed-omsorg_2025-08-29.pdf"
MODES = ["layout", "raw"]


def pdftotext(pdf, mode: str) -> bytes:
    args = ["pdftotext", "-enc", "UTF-8", *(["-layout"] if mode == "layout" else []), str(pdf), "-"]
    return subprocess.run(args, capture_output=True, check=True, timeout=120).stdout


_cache: dict = {}


def read(pdf, mode: str):
    """Read the extraction once per module run, and check on the way that no word was lost."""
    if (pdf, mode) not in _cache:
        data = pdftotext(pdf, mode)
        minutes = read_bytes(data, f"{pdf.stem}.{mode}.txt")
        assert_lossless(decode(data, pdf.name), minutes)
        _cache[pdf, mode] = minutes
    return _cache[pdf, mode]


@pytest.mark.parametrize("mode", MODES)
def test_ballerup_items_are_the_edoc_exports(mode):
    minutes = read(BALLERUP, mode)
    assert {item.number: item.title for item in minutes.items} == _export_items()
    assert [item.label for item in minutes.items] == [f"{n}." for n in range(1, 9)]
    assert all(item.access == "open" and re.fullmatch(r"20\d\d-\d+", item.case_number) for item in minutes.items)
    assert minutes.items[0].case_number == "2011-29298"
    assert all(re.fullmatch(r"2012-\d{6}", item.document_id) for item in minutes.items)


@pytest.mark.parametrize("mode", MODES)
def test_ballerup_meeting_and_members(mode):
    meeting = read(BALLERUP, mode).meeting
    assert (meeting.body, meeting.date, meeting.start) == (
        "Sundheds- og Forebyggelsesudvalget",
        dt.date(2012, 12, 4),
        "13:00",
    )
    assert meeting.location == "Mødecenter C, Lokale 32 på Ballerup Rådhus"
    people = [(p.name, p.party, p.role, p.absent) for p in meeting.participants]
    assert people[:3] == [
        ("Lolan Ottesen", "A", "formand", False),
        ("Grethe Larsen", "A", "næstformand", False),
        ("Birte Kramhøft", "F", None, False),
    ]
    assert len(people) == 8 and people[-1] == ("Mie Helene Andresen", None, "Sekretær", False)
    assert not any(p.absent for p in meeting.participants)  # "Afbud/Fraværende" lists nobody


@pytest.mark.parametrize("mode", MODES)
def test_ballerup_sections_decisions_and_attachments(mode):
    minutes = read(BALLERUP, mode)
    for item in minutes.items:
        (decision,) = item.sections_of("decision")
        assert decision.heading == f"Sundheds- og Forebyggelsesudvalgets beslutning den 04.12.2012 Punkt {item.number}"
        assert (decision.body, decision.date) == ("Sundheds- og Forebyggelsesudvalget", dt.date(2012, 12, 4))
    item2 = minutes.items[1]
    assert [(s.kind, s.heading) for s in item2.sections] == [
        ("summary", "Sammendrag"),
        ("presentation", "Baggrund"),
        ("presentation", "Sagsfremstilling"),
        ("economy", "Økonomiske konsekvenser og finansiering"),
        ("decided-by", "Beslutningen træffes af"),
        ("recommendation", "Indstilling"),
        ("decision", "Sundheds- og Forebyggelsesudvalgets beslutning den 04.12.2012 Punkt 2"),
    ]
    assert item2.sections_of("decision")[0].blocks[0] == Paragraph("Indstillingen godkendt")
    (meddelelser,) = minutes.items[0].sections_of("other")
    assert isinstance(meddelelser.blocks[0], ListBlock) and meddelelser.blocks[0].ordered
    assert [(a.number, a.document_id) for a in minutes.items[0].attachments] == [
        ("1", "2012-208960"), ("2", "2012-209266"), ("3", "2012-204248"),
    ]  # fmt: skip
    assert minutes.items[5].attachments[0].document_id == "2012–200292"  # printed with an en dash
    last = minutes.items[7]  # "Bilag" / "Ingen": no attachment, the words kept where printed
    assert not last.attachments and ("other", "Bilag", [Paragraph("Ingen")]) in [
        (s.kind, s.heading, s.blocks) for s in last.sections
    ]


@pytest.mark.parametrize("mode", MODES)
def test_ballerup_contents_and_page_furniture_are_not_content(mode):
    minutes = read(BALLERUP, mode)
    assert len(minutes.items) == 8  # the table of contents made no items
    contents = [r.text for r in minutes.furniture if r.kind == "contents"]
    assert contents[0] == "INDHOLDSFORTEGNELSE" and any(
        t.startswith("8. Evaluering af rygestopkurser") for t in contents
    )
    numbers = [(r.page, r.text) for r in minutes.furniture if r.kind == "page-number"]
    assert numbers == [(n, f"Side {n}") for n in range(1, 16)]  # pages counted by form feeds
    headers = {r.text for r in minutes.furniture if r.kind == "header"}
    assert {"Dato: 04.12.2012", "Åbent referat"} <= headers
    content = minutes.pformat().split("\n  removed ")[0]
    assert not re.search(r"Side \d+'|Dato: 04\.12\.2012|Åbent referat", content)


@pytest.mark.parametrize("mode", MODES)
def test_punkt2_alone_is_one_item(mode):
    minutes = read(PUNKT2, mode)
    assert [(i.number, i.title, i.case_number) for i in minutes.items] == [
        ("2", "Bygningsvedligeholdelse 2013 - anlægsbevilling", "2012-28504")
    ]
    assert minutes.meeting.date == dt.date(2012, 12, 4)


@pytest.mark.parametrize("mode", MODES)
def test_aarhus_items_case_numbers_and_decisions(mode):
    minutes = read(AARHUS, mode)
    meeting = minutes.meeting
    assert (meeting.body, meeting.date, meeting.start, meeting.location) == (
        "Aarhus Byråd", dt.date(2025, 8, 27), "16:00", "Byrådssalen",
    )  # fmt: skip
    assert [i.number for i in minutes.items] == [str(n) for n in range(1, 22)]
    assert [i.label for i in minutes.items] == [f"Punkt {n}:" for n in range(1, 22)]
    assert all(re.fullmatch(r"EMN-20\d\d-\d{6}", i.case_number) for i in minutes.items)
    first, last = minutes.items[0], minutes.items[-1]
    assert (first.title, first.case_number) == ("Godkendelse af dagsorden", "EMN-2023-009832")
    assert first.sections_of("decision")[0].blocks == [Paragraph("Godkendt.")]
    assert (last.title, last.access, last.access_label) == ("Køb af landbrugsejendom", "closed", "Lukket:")
    for item in minutes.items[:-1]:
        assert item.access == "open" and item.sections[0].heading == "Beslutninger"
    # The party's proposal and the administration's answer, headed in capitals, are sections of
    # their own; the closed item's text, printed without a heading, is its decision.
    kinds = [(s.kind, s.heading) for s in minutes.items[2].sections]
    assert kinds == [
        ("decision", "Beslutninger"),
        ("presentation", "BESLUTNINGSFORSLAG FRA KF OG M"),
        ("recommendation", "INDSTILLING FRA MAGISTRATSAFDELINGEN FOR TEKNIK OG MILJØ"),
        ("summary", "Resume"),
        ("recommendation", "Beslutningspunkter"),
        ("other", "Borgmesterens Afdelings påtegning"),
        ("route", "Sagsforløb"),
    ]
    assert [(s.kind, s.heading) for s in last.sections] == [("decision", "")]
    assert [a.title for a in minutes.items[2].attachments] == [
        "Indstilling",
        "Bilag 1: Beslutningsforslag",
        "Byrådsdebat 09.04.2025",
    ]


@pytest.mark.parametrize("mode", MODES)
def test_aarhus_contents_are_furniture_not_items(mode):
    minutes = read(AARHUS, mode)
    contents = [r.text for r in minutes.furniture if r.kind == "contents"]
    assert contents[0] == "Indholdsfortegnelse"
    assert any(t.startswith("Lukket: Køb af landbrugsejendom") for t in contents)


@pytest.mark.parametrize("mode", MODES)
def test_an_attachment_is_not_minutes(mode):
    with pytest.raises(NotMinutesError) as err:
        read_bytes(pdftotext(BILAG, mode), "bilag.txt")
    assert str(err.value).startswith("bilag.txt: ") and "\n" not in str(err.value)
