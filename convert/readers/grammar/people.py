"""Who was away from an item, who left or came during it, who was conflicted (inhabil); and the
step that reads all of the people part beside every reader's decision text.

Words are data (``vocabulary/people/common.toml``): "Afbud: …", "Fraværende: …", "Ikke til stede:
…" lists (the label kept as the reason); "… forlod mødet"; "Byrådet erklærede <person> for (ikke)
inhabil". Persons are read with the vote grammar's list parser (``voters.parse_list``), so a name is
taken only where the whole list parses and ends the sentence. The step ``read_people`` runs after
recognition (and after a structured reader's own fields): the sentences stay in the decision text,
structure is added beside them, and what is already there (a FirstAgenda JSON's attendees) wins.
"""

from __future__ import annotations

import re
from functools import cache

from convert.model import Item, ListBlock, Minutes, Paragraph, Presence
from convert.readers.grammar import outcomes, votes
from convert.readers.grammar.voters import alternatives, ends_cleanly, list_before, parse_list, words


@cache
def _patterns() -> dict[str, re.Pattern]:
    data = words().data
    return {
        "absent_before": re.compile(rf"(?<![\w-])(?P<label>{alternatives(data['absent_before'])})[ \t]*\n?[ \t]*"),
        "absent": re.compile(rf" (?:{alternatives(data['absent_after'])})\b"),
        "left": re.compile(rf" (?:{alternatives(data['left_after'])})\b"),
        "arrived": re.compile(rf" (?:{alternatives(data['arrived_after'])})\b"),
        "conflict": re.compile(rf" (?:{alternatives(data['conflict_self'])})\b"),
    }


@cache
def _declared() -> list[tuple[re.Pattern, bool]]:
    """Patterns of a body's finding, each with what its "ikke" means: True where "ikke" says
    the person is not inhabil ("for ikke inhabil"), False where it says they are ("ikke kan deltage")."""
    data = words().data
    return [(re.compile(d["pattern"]), d["not_means"] == "not inhabil") for d in data["conflict_declared"]]


def _reason(label: str) -> str:
    return label.rstrip(": ").removesuffix(" fra")


def read_attendance(text: str) -> list[Presence]:
    """Presences a decision's text records, in order, each person once per status."""
    p = _patterns()
    found: list[tuple[int, Presence]] = []
    for m in p["absent_before"].finditer(text):
        voters, end, last_party = parse_list(text, m.end())
        if voters and all(v.name for v in voters) and ends_cleanly(text, end, last_party):
            reason = _reason(m.group("label"))
            found += [(m.start(), Presence(v.name, "absent", party=v.party, reason=reason)) for v in voters]
    for status in ("absent", "left", "arrived", "conflict"):
        for m in p[status].finditer(text):
            got = list_before(text, m.start(), 0)
            if got and all(v.name for v in got[0]):
                found += [(got[1], Presence(v.name, status, party=v.party)) for v in got[0]]
    for pattern, not_denies in _declared():
        for m in pattern.finditer(text):
            voters, end, _ = parse_list(text, m.start("people"), labelled=False)
            if not (voters and end == m.end("people") and all(v.name for v in voters)):
                continue
            agreed = not m.group("not") if not_denies else bool(m.group("not"))
            found += [(m.start(), Presence(v.name, "conflict", party=v.party, agreed=agreed)) for v in voters]
    found.sort(key=lambda pair: pair[0])
    out: list[Presence] = []
    for _, presence in found:
        same = next((q for q in out if q.name == presence.name and q.status == presence.status), None)
        if same is None:
            out.append(presence)
        elif presence.agreed is not None:  # the body's finding says more than "var inhabil"
            same.agreed = presence.agreed
    return out


def _text_of(blocks) -> str:
    """The decision's words, one block a line (a list item or table row is a line too)."""
    lines = []
    for b in blocks:
        if isinstance(b, Paragraph):
            lines.append(b.text)
        elif isinstance(b, ListBlock) and b.ordered and b.style in (None, "decimal"):
            # its numbers are the points' labels, as outcomes read them ("2. Anbefales. (Ø) stemmer imod")
            lines += [f"{(b.start or 1) + n}{b.delimiter or '.'} {li.text}" for n, li in enumerate(b.items)]
        elif hasattr(b, "items"):
            lines += [li.text for li in b.items]
        elif hasattr(b, "rows"):
            lines += [" ".join(r) for r in b.rows]
        else:
            lines.append(getattr(b, "text", ""))
    return "\n".join(lines)


def read_item(item: Item) -> None:
    """Fill the item's attendance, votes, outcomes and history from its text, where the reader
    left them empty. Only decision sections are read for votes and presences: an earlier body's
    vote in the case history is that body's, not this meeting's."""
    decisions = [s for s in item.sections if s.kind == "decision"]
    text = "\n".join(_text_of(s.blocks) for s in decisions)
    if not item.votes:
        count = outcomes.recommendation_points(item)
        # A vote on a point the recommendation lacks: which point was meant is not certain.
        item.votes = [v for v in votes.read_votes(text) if not (count and v.points and max(v.points) > count)]
    known = {(p.name, p.status) for p in item.attendance}
    item.attendance += [p for p in read_attendance(text) if (p.name, p.status) not in known]
    if not item.outcomes:
        item.outcomes = outcomes.read_outcomes(item, decisions)
    if not item.history:
        item.history = outcomes.read_history(item)


def read_people(minutes: Minutes) -> Minutes:
    """The people step of the pipeline: every item, after recognition."""
    for item in minutes.items:
        read_item(item)
    return minutes
