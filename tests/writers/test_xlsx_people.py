"""The XLSX people sheets (convert/writers/_xlsx_people.py) on a Greve council meeting: one
"Fremmøde" row per person, one "Afstemninger" row per vote with counts and parties as the model
has them, filterable by party."""

from __future__ import annotations

import openpyxl
import pytest

import convert
from tests.readers.greve_html import GREVE

pytestmark = pytest.mark.skipif(not GREVE.exists(), reason="the Greve corpus is not beside the worktree")
COUNCIL = GREVE / "greve_byraad-2022-2025_2022-06-20_8a1b6ab3.json"


def test_people_sheets(tmp_path):
    minutes = convert.read(COUNCIL)
    wb = openpyxl.load_workbook(convert.write(minutes, "xlsx", tmp_path / "m.xlsx"))
    fremmoede = list(wb["Fremmøde"].iter_rows(values_only=True))
    assert fremmoede[0][:7] == ("Mødedato", "Udvalg", "Navn", "Parti", "Rolle", "Fremmødt", "Årsag")
    names = [r[2] for r in fremmoede[1:]]
    assert names[: len(minutes.meeting.participants)] == [p.name for p in minutes.meeting.participants]
    assert len(names) == len(set(names))
    for p in minutes.meeting.participants:
        row = fremmoede[1 + names.index(p.name)]
        assert row[5] == ("Nej" if p.absent else "Ja") and row[6] == p.reason
    away = {(p.name, item.number) for item in minutes.items for p in item.attendance if p.status == "absent"}
    for name, number in away:
        assert number in fremmoede[1 + names.index(name)][7].split(", ")

    afstemninger = list(wb["Afstemninger"].iter_rows(values_only=True))
    votes = [(item, v) for item in minutes.items for v in item.votes]
    assert len(afstemninger) - 1 == len(votes) >= 8
    for row, (item, vote) in zip(afstemninger[1:], votes, strict=True):
        assert row[2] == int(item.number) and row[5:8] == (vote.for_count, vote.against_count, vote.abstaining_count)
        assert (row[11] or "") == ", ".join(dict.fromkeys(v.party for v in vote.for_ if v.party))
    with_v_for = [r for r in afstemninger[1:] if r[11] and "V" in r[11].split(", ")]
    assert with_v_for  # the filter a user sets: votes where (V) voted for


def test_votes_on_some_points_name_them(tmp_path):
    """A committee meeting whose votes are on points 1 and 2, on point 2, and on the whole item."""
    minutes = convert.read(GREVE / "greve_oekonomiudvalget_2022-06-13_3e57a83f.json")
    wb = openpyxl.load_workbook(convert.write(minutes, "xlsx", tmp_path / "m.xlsx"))
    rows = list(wb["Afstemninger"].iter_rows(values_only=True))
    assert rows[0][4] == "Indstillingspunkt"
    points = {(r[2], r[4]) for r in rows[1:]}
    assert {(4, "1 og 2"), (18, "2"), (10, None)} <= points  # as printed: "punkt 1 og 2"


def test_votes_on_sub_points_show_them_as_printed(tmp_path):
    """The council's budget: votes on points 1 a, 1 b, 1 c and 3, each on its own row."""
    minutes = convert.read(GREVE / "greve_byraad-2022-2025_2024-10-02_48bd4739.json")
    wb = openpyxl.load_workbook(convert.write(minutes, "xlsx", tmp_path / "m.xlsx"))
    rows = list(wb["Afstemninger"].iter_rows(values_only=True))
    assert [(r[4], r[11]) for r in rows[1:] if r[2] == 9] == [
        ("1 a", "Ø"),
        ("1 b", "A"),
        ("1 c", "V, C, UP, M, F"),
        ("3", "V, C, UP, M, F"),
    ]
