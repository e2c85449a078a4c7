"""The SBSYS eDagsorden publication reader on the two real publications: the golden dump of one
(checked by eye against the XML's fields), the meeting, items, fields and enclosures as the
export states them, and every word of every field kept."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

import convert
from convert import canonical
from convert import xml as safexml
from convert.errors import InputError
from convert.model import ListBlock, Paragraph, Subheading, Table
from convert.readers import read_bytes
from tests.conftest import CORPUS
from tests.golden import check_golden

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "native"
PUBLICATIONS = sorted((CORPUS / "sbsys").glob("*.xml"))
EDOC = CORPUS / "ballerup_sundheds-forebyggelsesudvalget_2012-12-04_eDocAgendaPublishing.xml"


@pytest.fixture(scope="module", params=PUBLICATIONS, ids=lambda p: p.stem)
def pair(request):
    path = request.param
    return convert.read(path), safexml.parse_bytes(path.read_bytes(), path.name)


def test_golden():
    minutes = convert.read(CORPUS / "sbsys" / "sbsys_Publication32.xml")
    check_golden(GOLDEN / "sbsys_Publication32.txt", minutes.pformat())


def test_both_publications_are_found():
    assert [p.name for p in PUBLICATIONS] == ["sbsys_Publication32.xml", "sbsys_Publication553.xml"]


def test_items_and_enclosures_as_the_export_states(pair):
    minutes, root = pair
    assert minutes.source.format == "sbsys"
    items = root.findall("Agendas/Agenda/Items/Item")
    assert len(minutes.items) == len(items) in (4, 5)
    for item, el in zip(minutes.items, items, strict=True):
        assert (item.number, item.title) == (el.findtext("Number"), el.findtext("Caption").strip())
        assert item.access == ("open" if el.findtext("IsPublic") == "True" else "closed")
        names = [" ".join(e.findtext("Name").split()) for e in el.iterfind("Enclosures/Enclosure")]
        assert [a.title for a in item.attachments] == names
        assert all(a.document_id and a.document_id.endswith(".pdf") for a in item.attachments)


def test_meetings():
    kmb = convert.read(CORPUS / "sbsys" / "sbsys_Publication32.xml").meeting
    assert (kmb.body, kmb.date, kmb.start, kmb.end) == ("KMB IT-udvalget", dt.date(2013, 5, 15), "16:30", "18:00")
    assert kmb.location == "Mødecenter A, Lokale 3 på Ballerup Rådhus"
    assert len(kmb.participants) == 11 and kmb.participants[0].party == "A"
    fu = convert.read(CORPUS / "sbsys" / "sbsys_Publication553.xml").meeting
    assert (fu.body, fu.date, fu.location) == ("FORRETNINGSUDVALGET", dt.date(2012, 9, 25), "H2")
    assert len(fu.participants) == 15


def test_empty_fields_follow_the_publications_settings():
    """Publication32 hides empty fields but shows empty feedback (decision) fields; 553 shows both."""
    kmb = convert.read(CORPUS / "sbsys" / "sbsys_Publication32.xml")
    assert kmb.items[2].sections[0].heading == "Sammendrag"  # "Tidligere behandling" was empty
    assert [(s.kind, s.blocks) for s in kmb.items[2].sections][-1] == ("decision", [])
    fu = convert.read(CORPUS / "sbsys" / "sbsys_Publication553.xml")
    assert (fu.items[1].sections[0].heading, fu.items[1].sections[0].blocks) == ("PUNKTET BEHANDLET TIDLIGERE", [])
    assert [s.kind for s in fu.items[0].sections][-2:] == ["decision", "decision"]


def _words(blocks) -> list[str]:
    out: list[str] = []
    for b in blocks:
        if isinstance(b, (Paragraph, Subheading)):
            out += b.text.split()
        elif isinstance(b, ListBlock):
            for li in b.items:
                out += li.text.split()
                if li.sublist:
                    out += _words([li.sublist])
        elif isinstance(b, Table):
            out += [w for row in b.rows for cell in row for w in cell.split()]
    return out


def test_every_word_of_every_field_is_kept(pair):
    minutes, root = pair
    for item, el in zip(minutes.items, root.findall("Agendas/Agenda/Items/Item"), strict=True):
        read = sorted(w for s in item.sections for w in _words(s.blocks))
        written: list[str] = []
        for field in el.iterfind("Fields/ItemField"):
            content = field.findtext("Content") or ""
            if content.strip():
                text = lxml.html.fromstring(f"<div>{content}</div>").text_content() if "<" in content else content
                written += text.split()
        assert read == sorted(written)


def test_a_publication_without_items_is_told(tmp_path):
    bare = tmp_path / "bare.xml"
    bare.write_bytes(b"<?xml version='1.0'?><Publication><Agendas><Agenda/></Agendas></Publication>")
    with pytest.raises(InputError, match=r"bare\.xml: SBSYS publication without agenda items"):
        convert.read(bare)


def test_absent_members_and_protected_enclosures(tmp_path):
    """The real publication with one member's status set to apologies (value 2, "Afbud") and
    its enclosure marked protected."""
    data = (CORPUS / "sbsys" / "sbsys_Publication32.xml").read_bytes()
    data = data.replace(b"<ParticipationStatusAsValue><![CDATA[0]]>", b"<ParticipationStatusAsValue><![CDATA[2]]>", 1)
    data = data.replace(b"<![CDATA[NotDecided]]>", b"<![CDATA[Afbud]]>", 1)
    data = data.replace(b"<FileLength>", b"<IsProtected>True</IsProtected><FileLength>", 1)
    changed = tmp_path / "p.xml"
    changed.write_bytes(data)
    minutes = convert.read(changed)
    assert [(p.name, p.reason) for p in minutes.meeting.participants if p.absent] == [("Doris Børger", "Afbud")]
    assert [a.access for a in minutes.items[2].attachments] == ["closed"]
    assert minutes.items[2].access == "open"


@pytest.mark.parametrize(
    "data",
    [
        b"<Publication><Agendas><Agenda><Items><Item/><Item><Number>7</Number></Item></Items></Agenda></Agendas></Publication>",
        b"<Meeting><MeetingDate>28-02-2012 25:00:00</MeetingDate><MeetingAgendaTypes><MeetingAgendaType>"
        b"<MeetingAgendaItems><MeetingAgendaItem/><MeetingAgendaItem><FullText>Ingen</FullText></MeetingAgendaItem>"
        b"</MeetingAgendaItems></MeetingAgendaType></MeetingAgendaTypes></Meeting>",
    ],
    ids=["sbsys", "edoc"],
)
def test_exports_missing_fields_still_give_valid_minutes(data):
    """Items without number, title or text, an impossible time: valid minutes, nothing invented."""
    minutes = read_bytes(data, "sparse.xml")
    canonical.check(canonical.to_element(minutes), "sparse.xml")
    assert [i.number for i in minutes.items] in ([None, "7"], [None, None])  # no number is made up
    assert minutes.meeting.start is None


@settings(max_examples=25, deadline=None)
@given(st.data())
def test_any_elements_removed_from_real_exports_never_break_the_reader(data):
    """The real eDoc export and SBSYS publication with any of their elements taken out: valid
    minutes or one clear error, never a crash."""
    path = data.draw(st.sampled_from([*PUBLICATIONS, EDOC]))
    root = safexml.parse_bytes(path.read_bytes(), path.name)
    elements = [el for el in root.iter() if el is not root and isinstance(el.tag, str)]
    for el in data.draw(st.lists(st.sampled_from(elements), max_size=8, unique_by=id)):
        if el.getparent() is not None:
            el.getparent().remove(el)
    try:
        minutes = read_bytes(etree.tostring(root), path.name)
    except InputError:
        return
    canonical.check(canonical.to_element(minutes), path.name)


def test_the_agendas_name_and_front_page_are_kept_as_cover():
    minutes = convert.read(CORPUS / "sbsys" / "sbsys_Publication553.xml")
    assert [(r.kind, r.text) for r in minutes.furniture] == [
        ("cover", "Ekstraordinært forretningsudvalgsmøde"),
        ("cover", "FORRETNINGSUDVALGET"),
        ("cover", "Nr. 11"),
    ]
