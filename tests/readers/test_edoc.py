"""The eDoc publishing export reader on the real Ballerup export: the golden dump (checked by eye
against the XML's fields and FullText), the fields the export states, and agreement with the PDF
reader on the printed minutes and on the eight single-item PDFs the export names."""

from __future__ import annotations

import datetime as dt
from difflib import SequenceMatcher
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import convert
from convert import xml as safexml
from convert.errors import InputError
from tests.conftest import CORPUS
from tests.golden import check_golden
from tests.lossless import assert_lossless

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "native"
EXPORT = CORPUS / "ballerup_sundheds-forebyggelsesudvalget_2012-12-04_eDocAgendaPublishing.xml"
PDF = CORPUS / "ballerup_sundheds-forebyggelsesudvalget_referat_2012-12-04.pdf"
ITEMS = "MeetingAgendaTypes/MeetingAgendaType/MeetingAgendaItems/MeetingAgendaItem"


@pytest.fixture(scope="module")
def edoc():
    return convert.read(EXPORT)


@pytest.fixture(scope="module")
def export():
    return safexml.parse_bytes(EXPORT.read_bytes(), EXPORT.name)


def test_golden(edoc):
    check_golden(GOLDEN / "edoc_ballerup_2012-12-04.txt", edoc.pformat())


def test_the_export_is_sniffed_by_content(tmp_path):
    renamed = tmp_path / "export.txt"
    renamed.write_bytes(EXPORT.read_bytes())
    assert convert.read(renamed).source.format == "edoc"


def test_meeting_and_items_as_the_export_states(edoc, export):
    assert edoc.source.format == "edoc"
    assert (edoc.meeting.body, edoc.meeting.date, edoc.meeting.start) == (
        "Sundheds- og Forebyggelsesudvalget",
        dt.date(2012, 12, 4),
        "13:00",
    )
    assert edoc.meeting.location == "Mødecenter C, Lokale 32 på Ballerup Rådhus"
    assert "Lolan Ottesen" in [p.name for p in edoc.meeting.participants]
    stated = {el.findtext("AgendaItemNumber"): el.findtext("Document/Title") for el in export.iterfind(ITEMS)}
    assert [i.number for i in edoc.items] == [str(n) for n in range(1, 9)]
    assert {i.number: i.title for i in edoc.items} == stated
    assert all(i.access == "open" and i.access_label == "Åben dagsorden" for i in edoc.items)
    for el in export.iterfind(ITEMS):
        item = next(i for i in edoc.items if i.number == el.findtext("AgendaItemNumber"))
        titles = [a.findtext("Title") for a in el.iterfind("Document/Attachments/Attachment")]
        assert len(item.attachments) == len(titles)
        assert [a.number for a in item.attachments] == [str(n) for n in range(1, len(titles) + 1)]
        # Each is the export's attachment, titled as the item's "Bilag" list prints it.
        for attachment in item.attachments:
            assert max(SequenceMatcher(None, attachment.title, t).ratio() for t in titles) > 0.6
    # Every item's text went through the recognizer: case numbers and sections as printed.
    assert all(i.case_number and i.document_id for i in edoc.items)
    assert all(i.sections_of("decision") for i in edoc.items)


def _agree(expected, actual) -> None:
    """Number, title and attachments (identifier and title as printed) agree."""
    assert (actual.number, actual.title) == (expected.number, expected.title)
    assert [(a.document_id, a.title) for a in actual.attachments] == [
        (a.document_id, a.title) for a in expected.attachments
    ]


def test_the_pdf_reader_agrees_with_the_export(edoc):
    pdf = convert.read(PDF)
    assert len(pdf.items) == len(edoc.items)
    for expected, actual in zip(edoc.items, pdf.items, strict=True):
        _agree(expected, actual)
    # The decisions are the same words in both.
    for expected, actual in zip(edoc.items, pdf.items, strict=True):
        decisions = [s.heading for s in expected.sections_of("decision")]
        assert [s.heading for s in actual.sections_of("decision")] == decisions


def test_the_single_item_pdfs_agree_with_the_export(edoc, export):
    for el in export.iterfind(ITEMS):
        name = el.findtext("PDFDocument").split(".")[0]
        (pdf_item,) = convert.read(CORPUS / "ballerup" / f"ballerup_sfu_2012-12-04_item_{name}.pdf").items
        _agree(next(i for i in edoc.items if i.number == el.findtext("AgendaItemNumber")), pdf_item)


def test_every_word_of_the_items_text_is_kept(edoc, export):
    """The items' printed text (not the attachments' documents, which the export also holds)."""
    text = "\n".join(el.findtext("FullText") or "" for el in export.iterfind(ITEMS))
    assert_lossless(text, edoc)


def test_forbidden_character_references_are_read_not_refused():
    doc = b'<?xml version="1.0"?><a>x&#xC;y&#12;z&#0;&#x1F;w &#233;&#x20;&#10;&#9;&#123;</a>'
    assert safexml.parse_bytes(doc).text == "x\ny\nzw \u00e9 \n\t{"
    with pytest.raises(InputError, match="DOCTYPE"):
        safexml.parse_bytes(b'<!DOCTYPE a [<!ENTITY e "&#12;">]><a>&e;</a>')


def test_an_export_without_items_is_told(tmp_path):
    bare = tmp_path / "bare.xml"
    bare.write_bytes(b"<Meeting><Committee>X</Committee><MeetingAgendaTypes/></Meeting>")
    with pytest.raises(InputError, match=r"bare\.xml: eDoc publishing export without agenda items"):
        convert.read(bare)


FORBIDDEN = [c for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)]


@given(
    st.lists(
        st.one_of(
            st.sampled_from("abcæøå <>&\"'"),
            st.tuples(st.sampled_from(FORBIDDEN), st.sampled_from(["&#{};", "&#x{:X};", "&#x{:x};", "&#00{};"])),
        ),
        max_size=40,
    )
)
def test_any_forbidden_reference_is_read_as_its_text(parts):
    """Each reference to a character XML 1.0 forbids: a form feed or vertical tab is a line
    break, any other control is dropped; the text around it is untouched."""
    xml, expected = [], []
    for part in parts:
        if isinstance(part, str):
            xml.append({"<": "&lt;", ">": "&gt;", "&": "&amp;"}.get(part, part))
            expected.append(part)
        else:
            code, form = part
            xml.append(form.format(code))
            expected.append("\n" if code in (0x0B, 0x0C) else "")
    root = safexml.parse_bytes(("<a>" + "".join(xml) + "</a>").encode())
    assert (root.text or "") == "".join(expected)


def test_a_closed_agenda_gives_closed_items_and_attachments(tmp_path):
    """The agenda type names the access; the real export, its agenda made "Lukket dagsorden"."""
    closed = tmp_path / "lukket.xml"
    data = EXPORT.read_bytes().replace("<AgendaType>Åben dagsorden<".encode(), b"<AgendaType>Lukket dagsorden<")
    closed.write_bytes(data)
    minutes = convert.read(closed)
    assert len(minutes.items) == 8
    assert {(i.access, i.access_label) for i in minutes.items} == {("closed", "Lukket dagsorden")}
    assert {a.access for i in minutes.items for a in i.attachments} == {"closed"}
