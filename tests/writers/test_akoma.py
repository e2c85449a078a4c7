"""Akoma Ntoso 3.0 writer: every output validates against the OASIS XSD, loaded with no network."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from lxml import etree

import convert
from convert import xml as safexml
from convert.model import Attachment, Item, ListBlock, ListItem, Meeting, Minutes, Paragraph, Section, Source, Table
from tests import strategies
from tests.conftest import SHARED

XSD = SHARED / "standards" / "akomantoso30" / "akomantoso30.xsd"
NS = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
# Naming Convention v1.0: eIds are element names and numbers joined by "_" and "__".
EID = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[_-]+[A-Za-z0-9]+)*")


@cache
def schema() -> etree.XMLSchema:
    # The XSD imports ./xml.xsd beside it; no_network makes sure nothing is fetched.
    parser = etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False)
    return etree.XMLSchema(etree.parse(str(XSD), parser))


def write(minutes: Minutes, dest: Path) -> etree._Element:
    path = convert.write(minutes, "akn", dest)
    root = safexml.parse_bytes(path.read_bytes(), str(path))
    if not schema().validate(root):
        raise AssertionError("\n".join(str(e) for e in list(schema().error_log)[:5]))
    check_ids(root)
    return root


def check_ids(root: etree._Element) -> None:
    eids = root.xpath("//@eId")
    assert len(eids) == len(set(eids)), "eIds must be unique"
    assert all(EID.fullmatch(e) for e in eids), [e for e in eids if not EID.fullmatch(e)]
    for item in root.xpath("//a:hcontainer[@name='agendaItem']", namespaces=NS):
        assert item.get("eId")
    # Every local reference (#id) points at an element of this document; refersTo is a list.
    for ref in (r for refs in root.xpath("//@href | //@refersTo | //@source") for r in refs.split()):
        if ref.startswith("#"):
            assert ref[1:] in eids, ref


def text(el: etree._Element) -> str:
    return "".join(el.itertext())


def frbr(root, level: str, tag: str, attr: str = "value") -> str:
    return root.xpath(f"//a:{level}/a:{tag}/@{attr}", namespaces=NS)[0]


def test_sample(minutes_sample, tmp_path):
    root = write(minutes_sample, tmp_path / "s.akn.xml")
    (doc,) = root.xpath("/a:akomaNtoso/a:doc[@name='minutes']", namespaces=NS)
    work = "/akn/dk/doc/minutes/norddjurs-kommune-direktionen/2021-06-01"
    assert frbr(root, "FRBRWork", "FRBRuri") == work
    assert frbr(root, "FRBRWork", "FRBRthis") == work + "/!main"
    assert frbr(root, "FRBRWork", "FRBRcountry") == "dk"
    assert frbr(root, "FRBRWork", "FRBRdate", "date") == "2021-06-01"
    assert frbr(root, "FRBRExpression", "FRBRuri") == work + "/dan@"
    assert frbr(root, "FRBRExpression", "FRBRlanguage", "language") == "dan"
    assert frbr(root, "FRBRManifestation", "FRBRthis") == work + "/dan@/!main.xml"
    for level in ("FRBRWork", "FRBRExpression", "FRBRManifestation"):
        assert frbr(root, level, "FRBRauthor", "href").startswith("#")
    orgs = root.xpath("//a:TLCOrganization/@showAs", namespaces=NS)
    assert orgs == ["referat", "Direktionen", "Norddjurs Kommune", "A"]  # A: a participant's party
    assert "1. juni 2021" in text(doc.find("a:preface", NS))

    first, closed = doc.xpath("a:mainBody/a:hcontainer[@name='agendaItem']", namespaces=NS)
    assert (first.findtext("a:num", namespaces=NS), first.findtext("a:heading", namespaces=NS)) == (
        "1",
        "Punkter til behandling",
    )
    assert "Sagsnr.: 2011-29298" in text(first.find("a:intro", NS))
    sections = first.xpath("a:hcontainer", namespaces=NS)
    assert [s.get("name") for s in sections] == ["route", "presentation", "decision", "attachments"]
    assert [s.findtext("a:heading", namespaces=NS) for s in sections[:3]] == [
        "Sagsgang",
        "Sagsfremstilling",
        "Beslutning i Direktionen den 01-06-2021",
    ]
    presentation = sections[1]
    (outer,) = presentation.xpath("a:content/a:blockList", namespaces=NS)
    assert [text(i.find("a:p", NS)) for i in outer.findall("a:item", NS)] == ["Årsplan", "ERP"]
    assert text(outer.find("a:item/a:blockList/a:item/a:p", NS)) == "Covid-19"
    assert [text(c) for c in presentation.xpath(".//a:th/a:p", namespaces=NS)] == ["Post", "Beløb"]
    assert [text(c) for c in presentation.xpath(".//a:td/a:p", namespaces=NS)] == ["Drift", "1.316.000 kr."]
    decision = sections[2]
    assert decision.xpath("a:subheading/a:date/@date", namespaces=NS) == ["2021-06-01"]
    assert [text(p) for p in decision.xpath("a:content/a:p", namespaces=NS)] == ["Årsplan", "Drøftet."]
    # The one open Bilag is listed and referenced; the closed one is left out.
    (ref,) = sections[3].xpath(".//a:ref", namespaces=NS)
    (attachment,) = doc.xpath("a:attachments/a:attachment", namespaces=NS)
    assert ref.get("href") == "#" + attachment.get("eId") and text(ref) == "Årshjul 2021"
    assert attachment.find("a:documentRef", NS).get("showAs") == "Årshjul 2021"
    assert "Notat" not in etree.tostring(root, encoding="unicode")
    # The closed item keeps its number, title and access line, nothing more.
    assert closed.findtext("a:heading", namespaces=NS) == "Køb af ejendom"
    assert closed.xpath("a:hcontainer", namespaces=NS) == []
    assert text(closed.find("a:intro", NS)).strip() == "Lukket"


def test_output_is_reproducible(minutes_sample, tmp_path):
    a = convert.write(minutes_sample, "akn", tmp_path / "a.xml").read_bytes()
    b = convert.write(minutes_sample, "akn", tmp_path / "b.xml").read_bytes()
    assert a == b and a.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")


def test_hostile_text_cannot_break_the_xml(tmp_path):
    nasty = 'A & B <b>"x"</b> ]]> \x00\x07\x1b\ufffe \\ æøå'
    minutes = Minutes(
        source=Source(file="x.txt", format="text", sha256="0" * 64),
        meeting=Meeting(body=nasty, authority=nasty, location=nasty),
        items=[
            Item(
                nasty,
                nasty,
                case_number=nasty,
                sections=[
                    Section(
                        "decision",
                        nasty,
                        [Paragraph(nasty), ListBlock([ListItem(nasty)], ordered=True), Table([[nasty]], header=True)],
                        body=nasty,
                    )
                ],
                attachments=[Attachment(nasty, nasty)],
            )
        ],
    )
    root = write(minutes, tmp_path / "x.xml")
    safe = 'A & B <b>"x"</b> ]]> \ufffd\ufffd\ufffd\ufffd \\ æøå'
    item = root.find(".//a:hcontainer", NS)
    assert item.findtext("a:heading", namespaces=NS) == safe
    assert [text(p) for p in item.xpath(".//a:content//a:p", namespaces=NS)[:3]] == [safe] * 3
    assert frbr(root, "FRBRWork", "FRBRdate", "date") == "1970-01-01"  # no date: the documented fallback


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(minutes=strategies.minutes)
def test_random_models_validate(minutes, tmp_path):
    root = write(minutes, tmp_path / "r.xml")
    items = root.xpath("//a:mainBody/a:hcontainer[@name='agendaItem']", namespaces=NS)
    assert len(items) == len(minutes.items)
    for el, item in zip(items, minutes.items, strict=True):
        assert el.get("class") == item.access
        nested = el.xpath("a:hcontainer", namespaces=NS)
        if item.access == "closed":
            assert nested == []
        else:
            open_atts = sum(a.access == "open" for a in item.attachments)
            attendance = any(p.name.strip() for p in item.attendance)  # issue 13's hcontainer
            assert len(nested) == len(item.sections) + (open_atts > 0) + attendance
    listed = root.xpath("//a:attachments/a:attachment", namespaces=NS)
    assert len(listed) == sum(a.access == "open" for i in minutes.items if i.access == "open" for a in i.attachments)


def test_real_inputs_validate(real_minutes, tmp_path):
    for n, minutes in enumerate(real_minutes):
        root = write(minutes, tmp_path / f"{n}.akn.xml")
        items = root.xpath("//a:mainBody/a:hcontainer[@name='agendaItem']", namespaces=NS)
        assert len(items) == len(minutes.items)
        assert frbr(root, "FRBRWork", "FRBRdate", "date") == minutes.meeting.date.isoformat()
        # Every paragraph of every open item is there, in order.
        for el, item in zip(items, minutes.items, strict=True):
            if item.access != "open":
                continue
            expected = [b.text for s in item.sections for b in s.blocks if isinstance(b, Paragraph)]
            found = [text(p) for p in el.xpath(".//a:content/a:p[not(@class)]", namespaces=NS)]
            assert found == expected


def test_list_num_is_the_marker_as_printed(minutes_sample, tmp_path):
    lst = ListBlock([ListItem("Møder"), ListItem("Konference")], True, style="lower-alpha", delimiter=".", start=3)
    minutes_sample.items[0].sections.append(Section("other", "", [lst]))
    root = write(minutes_sample, tmp_path / "l.akn.xml")  # validates against the OASIS XSD
    nums = root.xpath("//a:blockList[a:item/a:p='Møder']/a:item/a:num/text()", namespaces=NS)
    assert nums == ["c.", "d."]
