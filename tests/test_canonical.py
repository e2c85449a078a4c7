"""Canonical XML: the model survives the round trip, the schema holds, hostile XML is refused."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from lxml import etree

from convert import canonical
from convert.errors import InputError, ValidationError
from convert.xml import UnsafeXMLError, parse_bytes
from tests import strategies

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(strategies.minutes)
def test_model_xml_model_is_identity(minutes):
    data = canonical.to_bytes(minutes)
    assert canonical.from_bytes(data) == minutes


@FAST
@given(strategies.minutes)
def test_every_model_validates(minutes):
    canonical.check(canonical.to_element(minutes))


def test_root_carries_version_and_language(minutes_sample):
    root = canonical.to_element(minutes_sample)
    assert root.tag == "minutes"
    assert root.get("version") == canonical.VERSION
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "da"


def test_invalid_document_names_file_and_line(tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_text('<?xml version="1.0"?><minutes version="1" xml:lang="da"><meeting/></minutes>')
    with pytest.raises(ValidationError) as err:
        canonical.validate(bad)
    assert "bad.xml" in str(err.value)
    assert "line 1" in str(err.value)


def test_unknown_section_kind_is_invalid(minutes_sample):
    root = canonical.to_element(minutes_sample)
    root.find("item/section").set("kind", "gossip")
    with pytest.raises(ValidationError, match="gossip"):
        canonical.check(root)


def test_list_numbering_is_carried_and_checked(minutes_sample):
    from convert.model import ListBlock, ListItem, Section

    lst = ListBlock([ListItem("c")], ordered=True, style="lower-alpha", delimiter=")", start=3)
    minutes_sample.items[0].sections.append(Section("other", "", [lst]))
    root = canonical.to_element(minutes_sample)
    (el,) = root.xpath("//list[@style]")
    assert dict(el.attrib) == {"ordered": "true", "style": "lower-alpha", "delimiter": ")", "start": "3"}
    assert canonical.from_element(root) == minutes_sample
    el.set("style", "lower-greek")  # not one of the CSS keywords the schema names
    with pytest.raises(ValidationError, match="lower-greek"):
        canonical.check(root)


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<minutes version="1">&lol9;</minutes>"""

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE minutes [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<minutes version="1"><meeting><body>&xxe;</body></meeting></minutes>"""

XXE_NETWORK = b"""<?xml version="1.0"?>
<!DOCTYPE minutes SYSTEM "http://127.0.0.1:9/evil.dtd">
<minutes version="1"/>"""


@pytest.mark.parametrize("payload", [BILLION_LAUGHS, XXE, XXE_NETWORK], ids=["billion-laughs", "xxe-file", "xxe-dtd"])
def test_hostile_xml_is_refused_quickly(payload, tmp_path):
    path = tmp_path / "hostile.xml"
    path.write_bytes(payload)
    start = time.process_time()
    with pytest.raises(UnsafeXMLError) as err:
        canonical.read(path)
    assert "hostile.xml" in str(err.value)
    assert "root:" not in str(err.value)  # nothing of /etc/passwd leaks into the message
    assert time.process_time() - start < 5  # CPU seconds, generous: an expansion would take far longer


def test_doctype_hidden_after_a_long_comment_is_refused():
    payload = b"<?xml version='1.0'?><!--" + b"x" * 10000 + b"-->" + XXE.split(b"?>", 1)[1]
    with pytest.raises(UnsafeXMLError):
        parse_bytes(payload, "late.xml")


def test_internal_entity_without_doctype_is_not_expanded():
    # Predefined entities are fine and decoded; nothing else can be declared without a DTD.
    root = parse_bytes(b"<a>&amp;&lt;</a>")
    assert root.text == "&<"


def test_not_xml_is_a_clear_error(tmp_path):
    path = tmp_path / "notes.xml"
    path.write_bytes(b"<minutes><unclosed></minutes>")
    with pytest.raises(InputError, match=r"notes\.xml: not well-formed XML"):
        canonical.read(path)


def test_other_xml_root_is_named(tmp_path):
    path = tmp_path / "other.xml"
    path.write_bytes(b"<?xml version='1.0'?><feed/>")
    with pytest.raises(InputError, match="<feed>"):
        canonical.read(path)


def test_serialisation_is_stable(minutes_sample):
    assert canonical.to_bytes(minutes_sample) == canonical.to_bytes(
        canonical.from_bytes(canonical.to_bytes(minutes_sample))
    )
    etree.fromstring(canonical.to_bytes(minutes_sample))


def test_people_part_spelled_as_the_contract_says(minutes_sample):
    """DESIGN.md: per item attendance?, votes?, outcomes?; a vote element's name contains "vote";
    a document without them (every one written before issue 13) stays valid."""
    from convert.model import Outcome, Presence, Vote, Voter

    canonical.check(canonical.to_element(minutes_sample))
    item = minutes_sample.items[0]
    item.attendance = [Presence("Charlotte Levin", "conflict", party="A", agreed=True)]
    item.votes = [
        Vote("For stemte: (V). Imod stemte: (Ø).", for_=[Voter(party="V")], against=[Voter(party="Ø")]),
        Vote("(Ø) stemte imod punkt 2 og 3.", against=[Voter(party="Ø")], points=[2, 3]),
    ]
    item.outcomes = [Outcome([2, 3], "Anbefales.", label="2.-3.", result="recommended")]
    root = canonical.to_element(minutes_sample)
    assert [v.get("points") for v in root.iterfind("item/votes/vote")][:2] == [None, "2 3"]  # none: the whole item
    canonical.check(root)
    it = root.find("item")
    assert [c.tag for c in it if c.tag in ("attendance", "votes", "outcomes")] == ["attendance", "votes", "outcomes"]
    assert all("vote" in el.tag.lower() for el in it.iterfind("votes//*") if el.tag not in ("text",))
    assert it.find("outcomes/outcome").get("points") == "2 3"
    assert canonical.from_element(root) == minutes_sample
    it.find("outcomes/outcome").set("points", "")
    with pytest.raises(ValidationError):
        canonical.check(root)
    it.find("outcomes/outcome").set("points", "2 3")
    it.find("votes/vote").set("points", "0")  # points are numbered from 1
    with pytest.raises(ValidationError):
        canonical.check(root)
