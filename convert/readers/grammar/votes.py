"""Votes in a decision's text: who voted for, against, or abstained, and the counts.

The words are data (``vocabulary/people/common.toml``): a list of voters after "For stemte:" or
"Imod stemte:", a list before "stemte imod" or "undlod at tage stilling", counts in "Med stemmerne
19 for og 2 imod". Lists are read by ``voters``. A sentence may hold several clauses, each with its
own side, in any order and joined by ",", "og" or "samt" ("A stemmer for, V og D stemmer imod og C
undlader"; "For stemte: (V) og (A), (Ø) stemte imod"): a clause's list begins where the one
before it ended. Precision comes first (a wrong vote is worse than none): a list is taken only when
it parses to its last word and what follows it ends the sentence, gives a reason, or opens the next
clause; "undlod at tage stilling til indstillingspunkt 1" narrows the vote to something not read,
so it stays text only.
"""

from __future__ import annotations

from dataclasses import dataclass

from convert.model import Vote, Voter
from convert.readers.grammar.voters import SIDES, closings, ends_cleanly, list_before, parse_list, walk, words


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


def _closes(text: str, end: int) -> bool:
    """Whether what follows a vote's words at ``end`` closes its clause: the sentence ends, a
    reason follows, or a join and the sentence's next clause ("… stemmer imod og C undlader")."""
    if ends_cleanly(text, end, False):
        return True
    j = words().join.match(text, end)
    return bool(j and _clause_at(text, j.end()))


def _clause_at(text: str, at: int) -> _Event | None:
    """The clause "<list> <vote's words>" whose list begins at ``at``, if it closes."""
    listed = walk(text, at, labelled=False, bare=True)
    if not listed:
        return None
    for side, pattern in words().after:
        m = pattern.match(text, listed[-1].end)
        if m and _closes(text, m.end()):
            return _Event(at, m.end(), side, [x.voter for x in listed])
    return None


def _labelled(text: str, side: str, label_at: int, at: int) -> _Event | None:
    """The list after a label ("For stemte: …"). If it does not end cleanly it may still close at
    its "og" where the sentence's next clause begins ("For stemte: (V) og (A), (Ø) stemte imod")."""
    w = words()
    listed = walk(text, at)
    if not listed:
        nobody = w.no_one.match(text, at)
        return (
            _Event(label_at, nobody.end(), side, [], labelled=True)
            if nobody and ends_cleanly(text, nobody.end(), False)
            else None
        )
    end = listed[-1].end
    clean = ends_cleanly(text, end, listed[-1].voter.party is not None)
    # "… (Ø) Stemte imod." is the last voter's own clause; "… (A) Undlod: (B)" the next label.
    phrase = next((m for _, p in w.after if (m := p.match(text, end))), None)
    if clean and not (phrase and _closes(text, phrase.end())):
        more, end = _voters_with_reasons(text, end)
        return _Event(label_at, end, side, [x.voter for x in listed] + more, labelled=True)
    cuts = [n for n in closings(listed) if (j := w.join.match(text, listed[n - 1].end)) and _clause_at(text, j.end())]
    if len(cuts) == 1:  # with two places where the next clause could begin, which is meant is not certain
        n = cuts[0]
        return _Event(label_at, listed[n - 1].end, side, [x.voter for x in listed[:n]], labelled=True)
    return None


def _events(text: str) -> list[_Event]:
    w = words()
    found: list[_Event] = []
    for pattern in w.counts:
        for m in pattern.finditer(text):
            counts = (_number(m.group("for")), _number(m.group("against")), _number(m.group("abstaining")))
            found.append(_Event(m.start(), m.end(), None, [], counts))
    for side, pattern in w.before:
        for m in pattern.finditer(text):
            if e := _labelled(text, side, m.start(), m.end()):
                found.append(e)
    starts = {j.end() for e in found if e.side and (j := w.join.match(text, e.end))}
    phrases = sorted(
        ((m, side) for side, pattern in w.after for m in pattern.finditer(text)), key=lambda p: p[0].start()
    )
    for m, side in phrases:
        if not _closes(text, m.end()):
            continue  # "undlod at tage stilling til …": a narrower vote than we can read
        got = list_before(text, m.start(), 0, tuple(starts), vote=True)
        if got:
            found.append(_Event(got[1], m.end(), side, got[0]))
            if j := w.join.match(text, m.end()):
                starts.add(j.end())  # the sentence's next clause may begin here
    found.sort(key=lambda e: (e.start, -e.end))
    kept: list[_Event] = []
    for e in found:  # one reading per stretch of text: "Med stemmerne" matched by two patterns
        if kept and e.start < kept[-1].end:
            continue
        kept.append(e)
    return kept


def _on_another_side(vote: Vote, e: _Event) -> bool:
    others = [v for side in SIDES if side != e.side for v in _side(vote, side)]
    return any(v in others for v in e.voters)


def _side(vote: Vote, side: str) -> list[Voter]:
    return getattr(vote, "for_" if side == "for" else side)


def read_votes(text: str) -> list[Vote]:
    """The votes a decision's text records, in order. A new vote begins at a count, or where a
    label names a side already filled ("For stemte:" twice); "(A) stemte imod. … (Ø) stemte
    imod." is one vote with two voters against. A vote whose lists disagree with its counts keeps
    the counts only."""
    votes: list[Vote] = []
    spans: list[list[int]] = []
    labelled_sides: dict[str, bool] = {}  # the current vote's sides, and whether a label named them
    for e in _events(text):
        current = votes[-1] if votes else None
        if e.side is not None and not e.voters:  # "Imod stemte: ingen" closes the current vote's side
            if current is not None and not _side(current, e.side) and not labelled_sides.get(e.side):
                spans[-1][1] = max(spans[-1][1], e.end)
                labelled_sides[e.side] = True
            continue
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
        if not _consistent(vote):
            vote.for_, vote.against, vote.abstaining = [], [], []  # the counts hold; which list is wrong is unknown
    return votes


def _consistent(vote: Vote) -> bool:
    """Whether the lists agree with the printed counts: a side lists no more voters than its count
    (a party has one member at least), and exactly as many where it lists persons only."""
    for side, count in (
        (vote.for_, vote.for_count),
        (vote.against, vote.against_count),
        (vote.abstaining, vote.abstaining_count),
    ):
        if count is None:
            continue
        if len(side) > count or (side and all(v.name for v in side) and len(side) != count):
            return False
    return True
