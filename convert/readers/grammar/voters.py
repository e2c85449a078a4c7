"""Lists of voters (or of persons present or away): "Claus Dyremose (C), (V) og Liselott Blixt".

The words are data (``vocabulary/people/common.toml``). A voter is a person with a party
("Claus Dyremose (C)"), a party alone ("(V)"), a person of two words at least without a party
("Liselott Blixt"), or, where nothing else can be meant, a party's bare letter: after a label
("For stemte: C og Ø") any one or two capitals, before a vote's words ("V og D stemmer imod") only
a letter the vocabulary knows for a party. A list is taken only when it parses to its last word and
what follows ends it (``ends_cleanly``).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from convert.model import Voter

_FILE = Path(__file__).resolve().parent / "vocabulary" / "people" / "common.toml"
SIDES = ("for", "against", "abstaining")


def alternatives(words: list[str]) -> str:
    # Longest first, so "undlod at tage stilling" is tried before "undlod".
    return "|".join(f"(?:{w})" for w in sorted(words, key=len, reverse=True))


def _either_case(word: str) -> str:
    """A phrase that may open with a capital by mistake ("Mehmet Zeki Dogru (Ø) Stemte imod")."""
    return f"[{word[0]}{word[0].upper()}]{word[1:]}" if word[:1].islower() else word


@dataclass(frozen=True)
class Words:
    data: dict
    token: re.Pattern  # one voter: "Name (P)", "(P)" or a bare name
    join: re.Pattern
    closing_joins: frozenset[str]  # the joins that close a list: "og", "samt"
    before: tuple[tuple[str, re.Pattern], ...]  # (side, "For stemte:")
    after: tuple[tuple[str, re.Pattern], ...]  # (side, "undlod at tage stilling")
    counts: tuple[re.Pattern, ...]
    counts_points: re.Pattern  # what follows counts that names their points: "godkendte Byrådet indstillingspunkt 2"
    reason: re.Pattern
    labels: re.Pattern  # any label that opens a list: a list may end where the next begins
    label_ends: re.Pattern  # text that ends in a vote's label ("For stemte:")
    party_names: tuple[str, ...]  # never a person's name
    party_letters: frozenset[str]  # a party's letter printed bare without a label
    no_one: re.Pattern  # an empty list: "Imod stemte: ingen"


# A point's number, not the first of a sub-point ("2.a", "2. c.", "1. b)", "3.b med"), which the
# model cannot name.
_NUMBER = r"\d{1,2}(?!\d)(?!\.? ?[a-zæøå]\b)"


def _numbers(data: dict) -> str:
    """Point numbers joined: "2", "2 og 3", "1, 4 og 6", "1-3"."""
    joins = alternatives([re.escape(j) for j in data["vote_point_joins"]])
    return rf"{_NUMBER}(?:(?:{joins}){_NUMBER})*"


def _named_points(data: dict) -> str:
    """The points a vote's words may name after them, in a group ``points`` or ``parens``."""
    numbers = _numbers(data)
    parens = r"\d{1,2}\)(?:(?:, | og | samt )\d{1,2}\))*"  # "på 1) og 3)"
    return (
        rf"(?:(?:{alternatives(data['vote_point_intro'])}) )?(?:(?:{data['vote_point_owner']}) )?"
        rf"(?:(?:{data['vote_point_word']}) ?(?P<points>{numbers})|(?P<parens>{parens}))"
    )


@cache
def words() -> Words:
    with open(_FILE, "rb") as fh:
        data = tomllib.load(fh)
    word = f"(?:{data['name_word']})"
    name = f"(?:{data['name_first']})(?: {word}){{0,5}}"
    token = re.compile(
        rf"(?P<bare>{data['bare_party']})|(?P<name>{name})?(?:(?(name) )\((?P<party>{data['party']})\))?"
    )
    before = tuple((s, re.compile(rf"\b(?:{alternatives(data[f'vote_{s}_before'])})[ \t]*\n?[ \t]*")) for s in SIDES)
    whole = rf"(?: (?:{alternatives(data['vote_whole'])}))?"  # "stemte imod indstillingen"
    points = rf"(?: {_named_points(data)})?"  # "stemte imod punkt 2 og 3"
    after = tuple(
        (s, re.compile(rf",? (?:{alternatives([_either_case(w) for w in data[f'vote_{s}_after']])}){whole}\b{points}"))
        for s in SIDES
    )
    vote_labels = [w for s in SIDES for w in data[f"vote_{s}_before"]]
    return Words(
        data=data,
        token=token,
        join=re.compile(alternatives([re.escape(j) for j in data["list_joins"]])),
        closing_joins=frozenset(data["closing_joins"]),
        before=before,
        after=after,
        counts=tuple(re.compile(p, re.IGNORECASE) for p in data["counts"]),
        counts_points=re.compile(
            rf" (?:(?:{data['counts_points_verb']}) )?(?:(?:{data['counts_points_owner']}) )?"
            rf"(?:{data['vote_point_word']}) ?(?:(?P<points>{_numbers(data)})|(?P<sub>\d{{1,2}})\.? ?[a-zæøå]\b)"
        ),
        reason=re.compile(rf",? (?:{alternatives(data['vote_reason'])})\b"),
        labels=re.compile(rf"\s*(?:{alternatives(vote_labels + data['absent_before'])})"),
        label_ends=re.compile(rf"\b(?:{alternatives(vote_labels)})[ \t]*\Z"),
        party_names=tuple(data["party_names"]),
        party_letters=frozenset(data["party_letters"]),
        no_one=re.compile(rf"(?:{alternatives(data['no_one'])})\b"),
    )


@dataclass(frozen=True)
class Listed:
    voter: Voter
    end: int
    join: str  # the join before this voter ("" for the first)


def walk(text: str, pos: int, labelled: bool = True, bare: bool = False) -> list[Listed]:
    """The voters listed from ``pos``, each with where it ends. A name may lack its party if it
    has two words at least (so "Udvalget" is never a voter); after a label (``labelled``) a party
    may be printed bare ("For stemte: C og Ø"), and so may a known party's letter where ``bare``."""
    w = words()
    out: list[Listed] = []
    at, join = pos, ""
    while True:
        m = w.token.match(text, at)
        if not m or m.end() == at:
            break
        name, party = m.group("name"), m.group("party")
        if m.group("bare"):
            if not (labelled or (bare and m.group("bare") in w.party_letters)):
                break
            party = m.group("bare")
        elif party is None and (len(name.split()) < 2 or name.startswith(w.party_names)):
            break
        end = m.end()
        out.append(Listed(Voter(name=name, party=party), end, join))
        j = w.join.match(text, end)
        if j:
            at, join = j.end(), j.group(0)
        elif party is not None and text.startswith(" ", end) and w.token.match(text, end + 1):
            at, join = end + 1, " "  # "… Jacobsen (A) Morten Dahlin (V)", "Blixt (UP) M og F"
        elif labelled and party is not None and text.startswith("\n", end) and _one_voter_line(text, end + 1):
            at, join = end + 1, "\n"
        else:
            break
    return out


def _one_voter_line(text: str, at: int) -> bool:
    """Whether the line from ``at`` is one voter with a party and nothing else (a list printed a
    person a line)."""
    m = words().token.match(text, at)
    return bool(m and m.group("party") and (m.end() == len(text) or text[m.end()] == "\n"))


def parse_list(text: str, pos: int, labelled: bool = True, bare: bool = False) -> tuple[list[Voter], int, bool]:
    """The voters listed from ``pos``: (voters, end, last had a party). Empty when none parses."""
    listed = walk(text, pos, labelled, bare)
    if not listed:
        return [], pos, False
    return [x.voter for x in listed], listed[-1].end, listed[-1].voter.party is not None


def closings(listed: list[Listed]) -> list[int]:
    """The lengths at which the list may close before its end: after each voter that "og" joined
    ("(V), (D) og (A), (Ø) stemte imod" closes after three voters)."""
    closing = words().closing_joins
    return [n + 1 for n in range(1, len(listed) - 1) if listed[n].join.strip(", ") in closing]


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
_INITIAL = re.compile(r"(?<!\w)[A-ZÆØÅ]\.[ \t]*\Z")  # "John T. Olsen": no sentence ends at "T."


def list_before(
    text: str, phrase_at: int, floor: int, starts: tuple[int, ...] = (), vote: bool = False
) -> tuple[list[Voter], int] | None:
    """The list of voters that ends right before the phrase at ``phrase_at`` and begins at a
    sentence's start or at one of ``starts`` (where an earlier clause of the sentence ended),
    leftmost first (so "John T. Olsen (A)" is read whole). For a ``vote`` a party's bare letter
    may be listed, and a list does not begin right after a vote's label (whose list it is)."""
    low = max(floor, phrase_at - 400)
    candidates = sorted({b.end() for b in _BOUNDARY.finditer(text, low, phrase_at)} | {s for s in starts if s >= low})
    for at in candidates:
        line = text.rfind("\n", 0, at) + 1
        if _INITIAL.search(text, max(line, at - 4), at):
            continue
        if vote and words().label_ends.search(text, line, at):
            continue
        voters, end, _ = parse_list(text, at, labelled=False, bare=vote)
        if voters and end == phrase_at:
            return voters, at
    return None
