"""The people sheets of the XLSX workbook (issue 13); a helper of ``xlsx.py``, not a writer.

"Fremmøde": one row per person per meeting (the participants, and anyone the items' attendance
names), with the meeting-level absence and reason and the items the person was away from, left
or was conflicted (inhabil) in. "Afstemninger": one row per vote per item, with the printed
counts, the voters of each side, and each side's parties in a column of its own, so that an
Excel filter ("contains V") finds every vote a party was on a side of.
"""

from __future__ import annotations

import re

from convert.model import Minutes, Voter

_NUMBER = re.compile(r"[1-9]\d{0,8}")

FREMMOEDE = [("Mødedato", 12), ("Udvalg", 22), ("Navn", 26), ("Parti", 8), ("Rolle", 14), ("Fremmødt", 10),
             ("Årsag", 14), ("Væk fra punkt", 18), ("Forlod under punkt", 18), ("Inhabil i punkt", 16)]
# "Indstillingspunkt": the recommendation's points a vote was on, as printed ("2 og 3", "2.a"), else
# their numbers ("2, 3"); empty for the whole item.
AFSTEMNINGER = [("Mødedato", 12), ("Udvalg", 22), ("Punkt nr.", 9), ("Punkttitel", 36), ("Indstillingspunkt", 12),
                ("For", 7), ("Imod", 7),
                ("Undlod", 8), ("Stemte for", 36), ("Stemte imod", 30), ("Undlod at stemme", 26),
                ("Partier for", 16), ("Partier imod", 16), ("Partier undlod", 16), ("Tekst", 60)]
_STATUS_COLUMN = {"absent": 0, "left": 1, "conflict": 2}



def number_cell(text: str | None):
    """An item or attachment number as printed, as a number when it is a plain one ("10"), so that
    sorting gives 1, 2, 10; "3a" or "Punkt 3:" stays text."""
    return int(text) if text and _NUMBER.fullmatch(text.strip()) else text

def attendance_rows(minutes_list: list[Minutes]) -> list[list]:
    rows = []
    for minutes in minutes_list:
        m = minutes.meeting
        people: dict[str, list] = {}
        for p in m.participants:
            present = "Nej" if p.absent else "Ja"
            people.setdefault(p.name, [m.date, m.body, p.name, p.party, p.role, present, p.reason, [], [], []])
        for item in minutes.items:
            for p in item.attendance:
                row = people.setdefault(p.name, [m.date, m.body, p.name, p.party, None, None, None, [], [], []])
                row[3] = row[3] or p.party
                column = _STATUS_COLUMN.get(p.status)
                shown = item.number or item.title  # an item printed without a number is known by its title
                if column is not None and shown not in row[7 + column]:
                    row[7 + column].append(shown)
        for row in people.values():
            rows.append(row[:7] + [", ".join(numbers) for numbers in row[7:]])
    return rows


def _voters(voters: list[Voter]) -> str:
    return "; ".join(f"{v.name} ({v.party})" if v.name and v.party else v.name or f"({v.party})" for v in voters)


def _parties(voters: list[Voter]) -> str:
    return ", ".join(dict.fromkeys(v.party for v in voters if v.party))


def vote_rows(minutes_list: list[Minutes]) -> list[list]:
    rows = []
    for minutes in minutes_list:
        m = minutes.meeting
        for item in minutes.items:
            for v in item.votes:
                sides = (v.for_, v.against, v.abstaining)
                points = (v.label if v.points else None) or ", ".join(str(p) for p in v.points) or None
                rows.append([m.date, m.body, number_cell(item.number), item.title, points, v.for_count, v.against_count,
                             v.abstaining_count, *(_voters(s) for s in sides), *(_parties(s) for s in sides), v.text])
    return rows
