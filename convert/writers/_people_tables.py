"""The people part of an item as printed tables, for the DOCX and PDF writers (issue 13); not a
writer. Minutes print a division as "For stemte: … Imod stemte: …" and who was away as a list;
the decision keeps those sentences, and these tables put the same facts side by side: one table
per vote (side, number as printed, who), and one of the item's attendance (name, party, what
befell them). Tables, so that a screen reader announces them as such (PDF/UA-1 tags them).
"""

from __future__ import annotations

from convert.model import Item, Table, Voter

STATUS = {"absent": "Fraværende", "left": "Forlod mødet", "arrived": "Kom til", "conflict": "Inhabil"}


def _voters(voters: list[Voter]) -> str:
    return ", ".join(f"{v.name} ({v.party})" if v.name and v.party else v.name or f"({v.party})" for v in voters)


def _count(n: int | None) -> str:
    return "" if n is None else str(n)


def on_points(points: list[int]) -> str:
    """What a vote's heading adds for a vote on some points of the recommendation: " om punkt 2 og 3"."""
    if not points:
        return ""
    numbers = [str(p) for p in points]
    listed = numbers[0] if len(numbers) == 1 else ", ".join(numbers[:-1]) + " og " + numbers[-1]
    return f" om punkt {listed}"


def vote_table(vote) -> Table:
    rows = [["", "Antal", "Hvem"]]
    for word, voters, n in (("For", vote.for_, vote.for_count), ("Imod", vote.against, vote.against_count),
                            ("Undlod", vote.abstaining, vote.abstaining_count)):
        if voters or n is not None:
            rows.append([word, _count(n), _voters(voters)])
    return Table(rows=rows, header=True)


def attendance_table(item: Item) -> Table:
    rows = [["Navn", "Parti", "Fremmøde"]]
    for p in item.attendance:
        what = STATUS.get(p.status, p.status)
        if p.reason and p.reason != what:
            what = f"{what}: {p.reason}" if p.status != "absent" else p.reason
        if p.status == "conflict" and p.agreed is not None:
            what += " (erklæret inhabil)" if p.agreed else " (erklæret ikke inhabil)"
        rows.append([p.name, p.party or "", what])
    return Table(rows=rows, header=True)


def item_tables(item: Item) -> list[tuple[str, Table]]:
    """(heading, table) for each vote and the attendance of an open item; none for a closed one,
    whose published text is its decision alone."""
    if item.access != "open":
        return []
    tables = [
        (("Afstemning" if len(item.votes) == 1 else f"Afstemning {n}") + on_points(v.points), vote_table(v))
        for n, v in enumerate(item.votes, 1)
        if len(vote_table(v).rows) > 1
    ]
    if item.attendance:
        tables.append(("Fremmøde", attendance_table(item)))
    return tables
