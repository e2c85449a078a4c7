"""Akoma Ntoso people (convert/writers/_akoma_people.py) on Greve meetings: valid against the
OASIS schema (../shared/standards), one voting per vote with the printed counts and one count
per voter referring to its TLCPerson/TLCOrganization, attendance per item."""

from __future__ import annotations

import pytest

import convert
from tests.readers.greve_html import GREVE
from tests.writers.test_akoma import NS, write

pytestmark = pytest.mark.skipif(not GREVE.exists(), reason="the Greve corpus is not beside the worktree")
COUNCIL = GREVE / "greve_byraad-2022-2025_2022-06-20_8a1b6ab3.json"
COMMITTEE = GREVE / "greve_klima-teknik-og-miljoeudvalget_2022-03-21_efe495ec.json"


@pytest.mark.parametrize("path", [COUNCIL, COMMITTEE], ids=lambda p: p.stem)
def test_votes_as_voting_analysis(path, tmp_path):
    minutes = convert.read(path)
    root = write(minutes, tmp_path / "m.akn.xml")  # validates against the XSD and checks every #ref
    votings = root.xpath("//a:analysis/a:parliamentary/a:voting", namespaces=NS)
    votes = [(n, v) for n, item in enumerate(minutes.items, 1) if item.access == "open" for v in item.votes]
    assert len(votings) == len(votes) > 0
    refs = {e.get("eId"): e.get("showAs") for e in root.xpath("//a:references/*", namespaces=NS)}
    for voting, (n, vote) in zip(votings, votes, strict=True):
        assert voting.get("href") == f"#hcontainer_{n}"
        counts = voting.xpath("a:count", namespaces=NS)
        totals = {c.get("refersTo"): c.get("value") for c in counts if c.get("refersTo", "").startswith("#vote-")}
        if vote.for_count is not None:
            assert totals["#vote-for"] == str(vote.for_count)
        voters = [(c.get("value"), refs[c.get("refersTo")[1:]]) for c in counts if c.get("value") in ("for", "against")]
        want = [("for", v.name or v.party) for v in vote.for_] + [("against", v.name or v.party) for v in vote.against]
        assert voters == want


def test_attendance_and_persons(tmp_path):
    minutes = convert.read(COUNCIL)
    root = write(minutes, tmp_path / "m.akn.xml")
    persons = set(root.xpath("//a:references/a:TLCPerson/@showAs", namespaces=NS))
    assert {p.name for p in minutes.meeting.participants} <= persons
    for n, item in enumerate(minutes.items, 1):
        boxes = root.xpath(f"//a:hcontainer[@eId='hcontainer_{n}__attendance']", namespaces=NS)
        assert len(boxes) == (1 if item.access == "open" and item.attendance else 0)
        if boxes:
            named = boxes[0].xpath(".//a:person/text()", namespaces=NS)
            assert named == [p.name for p in item.attendance]


def test_a_vote_on_some_points_refers_to_them(tmp_path):
    minutes = convert.read(GREVE / "greve_oekonomiudvalget_2022-06-13_3e57a83f.json")
    root = write(minutes, tmp_path / "m.akn.xml")  # validates, and every refersTo names a reference
    votings = root.xpath("//a:analysis/a:parliamentary/a:voting", namespaces=NS)
    votes = [v for item in minutes.items if item.access == "open" for v in item.votes]
    assert [v.get("refersTo") for v in votings] == [" ".join(f"#point-{p}" for p in v.points) or None for v in votes]
    assert "#point-1 #point-2" in [v.get("refersTo") for v in votings]
    concepts = root.xpath("//a:references/a:TLCConcept[@eId='point-2']/@showAs", namespaces=NS)
    assert concepts == ["Punkt 2"]
