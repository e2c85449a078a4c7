"""Votes in a decision's text: who voted for, against, or abstained, and the counts.

The words are data (``vocabulary/people/common.toml``): a list of voters after "For stemte:" or
"Imod stemte:", a list before "stemte imod" or "undlod at tage stilling", counts in "Med stemmerne
19 for og 2 imod". Lists are read by ``voters``. A sentence may hold several clauses, each with its
own side, in any order and joined by ",", "og" or "samt" ("A stemmer for, V og D stemmer imod og C
undlader"; "For stemte: (V) og (A), (Ø) stemte imod"): a clause's list begins where the one
before it ended. Precision comes first (a wrong vote is worse than none): a list is taken only when
it parses to its last word and what follows it ends the sentence, gives a reason, or opens the next
clause. A vote on some points of the recommendation names them ("undlod at tage stilling til
indstillingspunkt 1", "stemte imod punkt 2 og 3") or sits on a line that opens with their label
("2. Anbefales. (Ø) stemmer imod"); a sub-point ("pkt. 2.a", "2. a. Ø stemte imod") is not a
point the model can name, so such a vote stays text only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from convert.model import Vote, Voter
from convert.readers.grammar.pointlabels import a_label_between, between_labels, line_points, named_numbers
from convert.readers.grammar.voters import SIDES, closings, ends_cleanly, list_before, parse_list, walk, words


@dataclass
class _Event:
    start: int
    end: int
    side: str | None  # None: counts
    voters: list[Voter]
    counts: tuple[int | None, int | None, int | None] = (None, None, None)
    labelled: bool = False  # "For stemte: …" rather than "… stemte imod"
    points: list[int] = field(default_factory=list)  # named after the vote's words: "stemte imod punkt 2"
    carries: bool = False  # its points go on to the lists below it: a line's label's, or its counts' own


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
            on = w.counts_points.match(text, m.end())  # "… godkendte Byrådet indstillingspunkt 3, 4 og 9"
            points = (named_numbers(on.group("points")) if on.group("points") else [int(on.group("sub"))]) if on else []
            end = on.end() if on else m.end()
            found.append(_Event(m.start(), end, None, [], counts, points=points, carries=bool(on)))
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
            named = m.group("points") or m.group("parens")
            found.append(_Event(got[1], m.end(), side, got[0], points=named_numbers(named) if named else []))
            if (j := w.join.match(text, m.end())) and not named:
                # the next clause may begin here; after "imod pkt. 2 og" whether it is on pkt. 2 is not said
                starts.add(j.end())
    found.sort(key=lambda e: (e.start, -e.end))
    kept: list[_Event] = []
    for e in found:  # one reading per stretch of text: "Med stemmerne" matched by two patterns
        if kept and e.start < kept[-1].end:
            continue
        kept.append(e)
    return [e for e in kept if _on_points(text, e)]


def _on_points(text: str, e: _Event) -> bool:
    """Give the event the points of the label its line opens with ("2. Anbefales. (Ø) stemmer
    imod"), or of the label above it where another label follows ("3. Godkendt\nFor stemte: …\n4.
    Godkendt"), unless it names its own; False where that label is a sub-point's ("2. a.", "1 a.")
    or the two disagree, so which points the vote was on is not certain."""
    on_line = line_points(text, e.start)
    if on_line == [] and not e.points:
        on_line = between_labels(text, e.start)
    if on_line is None or (on_line and e.points and not set(e.points) <= set(on_line)):
        return False
    e.carries = e.carries or (bool(on_line) and not e.points)
    e.points = e.points or on_line
    return True


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
    carries = False  # the current vote's points go on to the lists below it
    for e in _events(text):
        current = votes[-1] if votes else None
        if e.side is not None and not e.voters:  # "Imod stemte: ingen" closes the current vote's side
            if current is not None and not _side(current, e.side) and not labelled_sides.get(e.side):
                spans[-1][1] = max(spans[-1][1], e.end)
                labelled_sides[e.side] = True
            continue
        fresh = current is None or _begins_another(current, e, labelled_sides)
        if not fresh and not e.points and carries and not a_label_between(text, spans[-1][1], e.start):
            # "2. Godkendt med stemmerne 19 for og 1 imod.\nFor stemte: …": the point's vote goes on below its label
            e.points = current.points
        # "(Ø) stemte imod punkt 2. (A) undlod at tage stilling til punkt 3.": two votes
        fresh = fresh or e.points != current.points
        carries = e.carries if fresh else carries
        if e.side is not None:
            labelled_sides = {} if fresh else labelled_sides
            labelled_sides[e.side] = labelled_sides.get(e.side, False) or e.labelled
        elif fresh:
            labelled_sides = {}
        if fresh:
            votes.append(Vote(text="", points=list(e.points)))
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


def _begins_another(current: Vote, e: _Event, labelled_sides: dict[str, bool]) -> bool:
    """Whether the event begins a new vote whatever the points: a count after a vote with counts or
    voters, a label naming a side already filled, one voter on two sides."""
    if e.side is None:
        return current.for_count is not None or any(_side(current, x) for x in SIDES)
    filled = bool(_side(current, e.side))
    if filled and (e.labelled or labelled_sides.get(e.side, False)):
        return True
    return _on_another_side(current, e)  # two votes (on a conflict of interest, then the item)


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
