"""OParl people (convert/writers/_oparl_people.py) on real Greve meetings: Person and Membership
objects valid against the OParl 1.1 schemas, votes and attendance as the documented ``referat:``
extension with exactly the model's voters, AgendaItem.result from a single outcome."""

from __future__ import annotations

import json

import pytest

import convert
from convert.writers import oparl
from tests.readers.greve_html import GREVE
from tests.writers.test_oparl import check_document

pytestmark = pytest.mark.skipif(not GREVE.exists(), reason="the Greve corpus is not beside the worktree")
COUNCIL = GREVE / "greve_byraad-2022-2025_2022-06-20_8a1b6ab3.json"  # 8 votes, absences, numbered points
COMMITTEE = GREVE / "greve_klima-teknik-og-miljoeudvalget_2022-03-21_efe495ec.json"  # persons voting


def _write(path, tmp_path):
    minutes = convert.read(path)
    out = tmp_path / "m.oparl.json"
    convert.write(minutes, "oparl", out)
    return minutes, json.loads(out.read_text(encoding="utf-8"))


def test_votes_are_the_models_voters(tmp_path):
    minutes, doc = _write(COUNCIL, tmp_path)
    check_document(doc)
    items = {i["number"]: i for i in doc["agendaItem"]}
    written = 0
    for item in minutes.items:
        for vote, entry in zip(item.votes, items[item.number].get("referat:vote", []), strict=True):
            for key, side in (("for", vote.for_), ("against", vote.against), ("abstaining", vote.abstaining)):
                got = [(v.get("name"), v.get("party")) for v in entry.get(f"referat:{key}", [])]
                assert got == [(v.name, v.party) for v in side]
            assert entry.get("referat:forCount") == vote.for_count
            written += 1
    assert written == sum(len(i.votes) for i in minutes.items) >= 8
    [item13] = [i for i in doc["agendaItem"] if i["number"] == "13"]
    assert item13["referat:vote"][0]["referat:forCount"] == 11


def test_persons_and_memberships_validate(tmp_path):
    minutes, doc = _write(COMMITTEE, tmp_path)
    check_document(doc)
    persons = doc["referat:person"]
    assert [p["name"] for p in persons] == [p.name for p in minutes.meeting.participants]
    for person in persons:
        assert person["membership"][0]["organization"] == doc["organization"][0]
    present = [p for p in minutes.meeting.participants if not p.absent]
    assert len(doc["participant"]) == len(present)
    voters = [v for i in doc["agendaItem"] for vote in i.get("referat:vote", []) for v in vote.get("referat:for", [])]
    assert {v["person"] for v in voters} <= {p["id"] for p in persons}


def test_result_from_a_single_outcome_over_every_point(tmp_path):
    minutes, doc = _write(COUNCIL, tmp_path)
    items = {i["number"]: i for i in doc["agendaItem"]}
    checked = 0
    for item in minutes.items:
        if item.access == "open" and len(item.outcomes) == 1 and item.outcomes[0].result == "approved":
            assert items[item.number]["result"]
            checked += 1
    assert checked >= 5


def test_combined_lists_persons_and_parties(tmp_path):
    out = tmp_path / "all.oparl.json"
    convert.write_combined([convert.read(COUNCIL), convert.read(COMMITTEE)], "oparl", out)
    doc = json.loads(out.read_text(encoding="utf-8"))
    check_document(doc)
    people = next(v for k, v in doc.items() if k.endswith("/person"))["data"]
    orgs = next(v for k, v in doc.items() if k.endswith("/organization"))["data"]
    assert len(people) >= 20 and all(p["type"].endswith("/Person") for p in people)
    assert {"V", "A", "Ø"} <= {o["name"] for o in orgs if o.get("organizationType") == "Partei"}
    assert oparl.DEFAULT_BASE_URL in people[0]["id"]


def test_a_vote_on_some_points_lists_them(tmp_path):
    _, doc = _write(GREVE / "greve_oekonomiudvalget_2022-06-13_3e57a83f.json", tmp_path)
    check_document(doc)
    items = {i["number"]: i for i in doc["agendaItem"]}
    assert [v.get("referat:points") for v in items["4"]["referat:vote"]] == [[1, 2]]
    assert [v.get("referat:points") for v in items["10"]["referat:vote"]] == [None]  # the whole item
