"""Votes in a decision's text: who voted for, against, or abstained, and the counts.

The words are data (``vocabulary/people/common.toml``): a list of voters after "For stemte:" or
"Imod stemte:", a list before "stemte imod" or "undlod at tage stilling", counts in "Med stemmerne
19 for og 2 imod". A voter is a person ("Claus Dyremose (C)", "Liselott Blixt") or a party
("(V)"). Precision comes first (a wrong vote is worse than none): a list is taken only when it
parses to its last word and what follows it ends the sentence or gives a reason; "undlod at tage
stilling til indstillingspunkt 1" narrows the vote to something not read, so it stays text only.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from convert.model import Vote, Voter

_FILE = Path(__file__).resolve().parent / "vocabulary" / "people" / "common.toml"


def alternatives(words: list[str]) -> str:
    # Longest first, so "undlod at tage stilling" is tried before "undlod".
    return "|".join(f"(?:{w})" for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class Words:
    data: dict
    token: re.Pattern  # one voter: "Name (P)", "(P)" or a bare name
    join: re.Pattern
    before: tuple[tuple[str, re.Pattern], ...]  # (side, "For stemte:")
    after: tuple[tuple[str, re.Pattern], ...]  # (side, "undlod at tage stilling")
    counts: tuple[re.Pattern, ...]
    reason: re.Pattern
    labels: re.Pattern  # any label that opens a list: a list may end where the next begins
    party_names: tuple[str, ...]  # never a person's name


@cache
def words() -> Words:
    with open(_FILE, "rb") as fh:
        data = tomllib.load(fh)
    word = f"(?:{data['name_word']})"
    name = f"(?:{data['name_first']})(?: {word}){{0,5}}"
    token = re.compile(
        rf"(?P<bare>{data['bare_party']})|(?P<name>{name})?(?:(?(name) )\((?P<party>{data['party']})\))?"
    )
    sides = ("for", "against", "abstaining")
    before = tuple((s, re.compile(rf"\b(?:{alternatives(data[f'vote_{s}_before'])})[ \t]*\n?[ \t]*")) for s in sides)
    after = tuple((s, re.compile(rf" (?:{alternatives(data[f'vote_{s}_after'])})\b")) for s in sides)
    all_labels = [w for s in sides for w in data[f"vote_{s}_before"]] + data["absent_before"]
    return Words(
        data=data,
        token=token,
        join=re.compile(alternatives([re.escape(j) for j in data["list_joins"]])),
        before=before,
        after=after,
        counts=tuple(re.compile(p, re.IGNORECASE) for p in data["counts"]),
        reason=re.compile(rf" (?:{alternatives(data['vote_reason'])})\b"),
        labels=re.compile(rf"\s*(?:{alternatives(all_labels)})"),
        party_names=tuple(data["party_names"]),
    )


def _one_voter_line(text: str, at: int) -> bool:
    """Whether the line from ``at`` is one voter with a party and nothing else (a list printed a
    person a line)."""
    m = words().token.match(text, at)
    return bool(m and m.group("party") and (m.end() == len(text) or text[m.end()] == "\n"))


def parse_list(text: str, pos: int, labelled: bool = True) -> tuple[list[Voter], int, bool]:
    """The voters listed from ``pos``: (voters, end, last had a party). Empty when none parses.
    A name may lack its party if it has two words at least (so "Udvalget" is never a voter);
    after a label (``labelled``) a party may be printed bare ("For stemte: C og Ø")."""
    w = words()
    voters: list[Voter] = []
    end, last_party = pos, False
    at = pos
    while True:
        m = w.token.match(text, at)
        if not m or m.end() == at:
            break
        name, party = m.group("name"), m.group("party")
        if m.group("bare"):
            if not labelled:
                break
            party = m.group("bare")
        elif party is None and (len(name.split()) < 2 or name.startswith(w.party_names)):
            break
        voters.append(Voter(name=name, party=party))
        end, last_party = m.end(), party is not None
        j = w.join.match(text, end)
        if j:
            at = j.end()
        elif last_party and text.startswith(" ", end) and w.token.match(text, end + 1):
            at = end + 1  # "… Jacobsen (A) Morten Dahlin (V)", "Blixt (UP) M og F"
        elif labelled and last_party and text.startswith("\n", end) and _one_voter_line(text, end + 1):
            at = end + 1
        else:
            break
    return voters, end, last_party


def ends_cleanly(text: str, end: int, last_party: bool) -> bool:
    """Whether what follows a list (or a vote's phrase) at ``end`` closes it: the end of the
    text or line, a stop, a reason ("med bemærkning", "idet"), or the next label; after a party's
    parenthesis also a new sentence that lacks its full stop ("(UP) Byrådet erklærede …")."""
    w = words()
    rest = text[end : end + 3]
    if not rest or rest[0] in ".;,\n" or rest.isspace():
        return True
    if w.reason.match(text, end) or w.labels.match(text, end):
        return True
    return last_party and rest[0] == " " and rest[1:2].isupper()


_BOUNDARY = re.compile(r"(?:^|(?<=[.:;!?\n]))[ \t]*(?=\S)", re.MULTILINE)


def list_before(text: str, phrase_at: int, floor: int) -> tuple[list[Voter], int] | None:
    """The list of voters that ends right before the phrase at ``phrase_at`` and begins at a
    sentence's start, leftmost first (so "John T. Olsen (A)" is read whole)."""
    for b in _BOUNDARY.finditer(text, max(floor, phrase_at - 400), phrase_at):
        voters, end, _ = parse_list(text, b.end(), labelled=False)
        if voters and end == phrase_at:
            return voters, b.end()
    return None


@dataclass
class _Event:
    start: int
    end: int
    side: str | None  # None: counts
    voters: list[Voter]
    counts: tuple[int | None, int | None, int | None] = (None, None, None)
    labelled: bool = False  # "For stemte: …" rather than "… stemte imod"


def _voters_with_reasons(text: str, end: int) -> tuple[list[Voter], int]:
    """A list whose voter gave a reason may go on a voter a line, each with theirs ("Imod stemte:
    (F) med bemærkning om, … / (Ø) med bemærkning om, …"): those lines' voters, and where they end."""
    w = words()
    more: list[Voter] = []
    if not w.reason.match(text, end):
        return more, end
    while (nl := text.find("\n", end)) >= 0:
        voters, stop, _ = parse_list(text, nl + 1, labelled=False)
        if not voters or not w.reason.match(text, stop):
            break
        more += voters
        end = stop
    return more, end


def _number(value: str | None) -> int | None:
    if value is None:
        return None
    return 0 if value.lower() in words().data["no_count"] else int(value)


def _events(text: str) -> list[_Event]:
    w = words()
    found: list[_Event] = []
    for pattern in w.counts:
        for m in pattern.finditer(text):
            counts = (_number(m.group("for")), _number(m.group("against")), _number(m.group("abstaining")))
            found.append(_Event(m.start(), m.end(), None, [], counts))
    for side, pattern in w.before:
        for m in pattern.finditer(text):
            voters, end, last_party = parse_list(text, m.end())
            if voters and ends_cleanly(text, end, last_party):
                more, end = _voters_with_reasons(text, end)
                found.append(_Event(m.start(), end, side, voters + more, labelled=True))
    for side, pattern in w.after:
        for m in pattern.finditer(text):
            if not ends_cleanly(text, m.end(), False):
                continue  # "undlod at tage stilling til …": a narrower vote than we can read
            got = list_before(text, m.start(), 0)
            if got:
                found.append(_Event(got[1], m.end(), side, got[0]))
    found.sort(key=lambda e: (e.start, -e.end))
    kept: list[_Event] = []
    for e in found:  # one reading per stretch of text: "Med stemmerne" matched by two patterns
        if kept and e.start < kept[-1].end:
            continue
        kept.append(e)
    return kept


def _on_another_side(vote: Vote, e: _Event) -> bool:
    others = [v for side in ("for", "against", "abstaining") if side != e.side for v in _side(vote, side)]
    return any(v in others for v in e.voters)


def _side(vote: Vote, side: str) -> list[Voter]:
    return getattr(vote, "for_" if side == "for" else side)


def read_votes(text: str) -> list[Vote]:
    """The votes a decision's text records, in order. A new vote begins at a count, or where a
    label names a side already filled ("For stemte:" twice); "(A) stemte imod. … (Ø) stemte
    imod." is one vote with two voters against."""
    votes: list[Vote] = []
    spans: list[list[int]] = []
    labelled_sides: dict[str, bool] = {}  # the current vote's sides, and whether a label named them
    for e in _events(text):
        current = votes[-1] if votes else None
        fresh = current is None or (
            e.side is None and (current.for_count is not None or current.for_ or current.against or current.abstaining)
        )
        if not fresh and e.side is not None:
            filled = bool(_side(current, e.side))
            fresh = filled and (e.labelled or labelled_sides.get(e.side, False))
        if not fresh and e.side is not None and _on_another_side(current, e):
            fresh = True  # one voter on two sides: two votes (on a conflict of interest, then the item)
        if e.side is not None:
            labelled_sides = {} if fresh else labelled_sides
            labelled_sides[e.side] = labelled_sides.get(e.side, False) or e.labelled
        elif fresh:
            labelled_sides = {}
        if fresh:
            votes.append(Vote(text=""))
            spans.append([e.start, e.end])
            current = votes[-1]
        spans[-1][1] = max(spans[-1][1], e.end)
        if e.side is None:
            current.for_count, current.against_count, current.abstaining_count = e.counts
        else:
            side = _side(current, e.side)
            for voter in e.voters:
                if voter not in side:  # "Imod: Ø og F, F" names F once
                    side.append(voter)
    for vote, (start, end) in zip(votes, spans, strict=True):
        vote.text = text[start:end]
    return votes
