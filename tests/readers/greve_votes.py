"""Every sentence of the Greve decisions (../shared/corpus/greve, 288 meetings) that speaks of a
vote, and what the vote grammar made of it. An independent reading on purpose, with its own words
(broader than the grammar's): a sentence is a vote sentence if it holds a vote word; the voters it
names are each "Name (P)" or "(P)" before the first reason ("med bemærkning", "idet", …), and each
voter's side is the label before it ("Imod stemte:") or else the first side word after it ("…
stemte for"). A sentence is

- ``vote``: a vote read from the decision covers it and holds every named voter on that side (and
  points, where the sentence names points: "stemte imod punkt 2");
- ``incomplete``: a vote covers it but misses a named voter or puts one on another side, or is of
  the whole item where the sentence names points;
- ``text``: no vote covers it (the grammar left it text only).

Run ``python -m tests.readers.greve_votes`` to see the figures and every sentence not a ``vote``.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from functools import cache

from convert.readers.grammar.votes import read_votes
from tests.readers.greve_html import decisions

_WORD = r"(?:for|imod|i mod|nej|blankt|hverken)"
VOTE_WORDS = re.compile(
    rf"\b(?:for stemte|imod stemte|mod stemte|stemte {_WORD}|stemmer {_WORD}|undl[ao]d|undlader|stemmerne"
    r"|med stemmer|\d+ stemmer|imod:|stemte:)",
    re.IGNORECASE,
)
# A party's own words, quoted as its reason ("(F) med bemærkning om, ”at SF stemmer imod, da …”").
QUOTED = re.compile(r"[”\"“„][^”\"“„]*(?:[”\"“„]|$)")
# A sentence ends at a stop before a capital or "(", or at a line's end; "John T. Olsen" is one name.
SENTENCES = re.compile(r"(?:[^.\n]|(?<=\b[A-ZÆØÅ])\.(?= [A-ZÆØÅ][a-zæøå])|\.(?! +[A-ZÆØÅ(\"”]))+\.?")
_NAME = r"(?:[A-ZÆØÅ][\w'’-]+|[A-ZÆØÅ]\.)"
NAMED = re.compile(
    rf"(?:(?P<name>{_NAME}(?: {_NAME})*) )?\((?P<party>[A-ZÆØÅ]{{1,3}}(?:-\d)?)\)"
    r"|(?<![\w(])(?P<bare>[A-ZÆØÅ]{1,2})(?![\w)]|\. ?[A-ZÆØÅ][a-zæøå])"
)
# Where the voters stop and the reasons begin ("… stemte imod, da (Ø) ønsker …").
REASON = re.compile(
    r",? \b(?:med (?:den |fælles |følgende |et |en )?(?:bemærkning|begrundelse|ønske)\w*|idet|da|fordi|jf\."
    r"|på grund af)\b"
)
_SIDES = (
    ("for", re.compile(r"^(?:For \w+ )?(?:For stemte|Stemte for)", re.IGNORECASE)),
    ("against", re.compile(r"^(?:Imod \w+ )?(?:Imod stemte|Mod stemte|Imod:|Stemte imod)", re.IGNORECASE)),
    ("abstaining", re.compile(r"^(?:Undlod|Undlader|Hverken for eller imod)", re.IGNORECASE)),
)
_AFTER = (
    ("for", re.compile(r"\b(?:stemte|stemmer) for\b")),
    ("against", re.compile(r"\b(?:stemte|stemmer) (?:imod|i mod|nej)\b", re.IGNORECASE)),
    ("abstaining", re.compile(r"\b(?:undlod|undlader|stemte blankt|stemte hverken)\b", re.IGNORECASE)),
)

_CLAUSE_START = re.compile(r"(?:^|(?<=[.:;,] ))\S")
_LABEL_WORDS = {"For", "Imod", "Mod", "Undlod", "Undlader", "stemte"}


@dataclass
class VoteSentence:
    key: str
    text: str
    status: str  # "vote", "incomplete", "text"
    why: str = ""  # for text only, the general reason if one holds: "no voter", "a point"
    named: dict[tuple[str | None, str], str] = field(default_factory=dict)  # voter → side
    wrong: list[str] = field(default_factory=list)  # what a covering vote got otherwise


def named_voters(sentence: str) -> dict[tuple[str | None, str], str]:
    """The voters a sentence names before its first reason, each with its side (``?`` when the
    sentence gives none, as in "… fremlagt af (Ø)")."""
    cut = REASON.search(sentence)
    head = sentence[: cut.start()] if cut else sentence
    labels = [(m.start(), side) for side, p in _SIDES for m in _CLAUSE_START.finditer(head) if p.match(head, m.start())]
    voters: dict[tuple[str | None, str], str] = {}
    for m in NAMED.finditer(head):
        name = m.group("name")
        words = (name or "").split()
        if words[:1] and words[0] in _LABEL_WORDS:  # "For stemte Claus Jensen (V)" without its colon
            name = " ".join(w for w in words if w not in _LABEL_WORDS) or None
        label = max((at for at in labels if at[0] < m.start()), default=None)
        if label and not any(p.search(head, label[0], m.start()) for _, p in _AFTER):
            side = label[1]
        else:
            after = [(a.start(), side) for side, p in _AFTER if (a := p.search(head, m.end()))]
            side = min(after)[1] if after else "?"
        voters[(name, m.group("party") or m.group("bare"))] = side
    return voters


# A vote on some points only: "stemte imod punkt 2 og 3", "undlod at tage stilling til
# indstillingspunkt 6", "undlader på 1) og 3)", a line opening "2. a.". Where one stays text, this
# is its reason (a sub-point, another body's points, a point the recommendation lacks).
POINTS = re.compile(r"\b(?:indstillings)?(?:punkt|pkt|pk)\w*\.? ?\d|\bpå \d\)|for så vidt angår")
POINT_LINE = re.compile(r"\s*(?:\d{1,2} ?[.:)-]|(?:ad|pkt\.|punkt) \d)", re.IGNORECASE)
# A sub-point's label ("2. c. Kan ikke anbefales", "1 a. Ikke godkendt") on the last numbered line above.
SUB_POINT_ABOVE = re.compile(r"^[ \t]*\d{1,2}\.? ?[a-zæøå][.)][^\n]*\n(?:(?![ \t]*\d)[^\n]*\n)*[^\n]*\Z", re.MULTILINE)


def _why(line: str, sentence: str, named: dict, before: str = "") -> str:
    """The general reason a vote sentence stays text, if one holds."""
    cut = REASON.search(sentence)
    if POINTS.search(sentence[: cut.start()] if cut else sentence) or POINT_LINE.match(line + sentence):
        return "a point"
    if SUB_POINT_ABOVE.search(before):
        return "a point"
    return "" if named else "no voter"  # "Udvalget undlod at tage stilling.", "Undlader.", "Enhedslisten …"


def _sides_of(vote) -> dict[tuple[str | None, str | None], str]:
    return {
        (x.name, x.party): s
        for s, side in (("for", vote.for_), ("against", vote.against), ("abstaining", vote.abstaining))
        for x in side
    }


@cache
def vote_sentences() -> tuple[VoteSentence, ...]:
    out = []
    for item in decisions():
        text = item.decision
        spans = []
        at = 0
        for vote in read_votes(text):
            start = text.find(vote.text, at)
            # The same lists printed under a sub-point and under a point ("1 c." and "3."): the vote on the point
            while vote.points and start >= 0 and SUB_POINT_ABOVE.search(text[:start]):
                start = text.find(vote.text, start + 1)
            spans.append((start, start + len(vote.text), vote))
            at = start + 1
        for s in SENTENCES.finditer(text):
            sentence = s.group().strip()
            if not VOTE_WORDS.search(QUOTED.sub("", sentence)):
                continue
            covering = [v for a, b, v in spans if a < s.end() and s.start() < b]
            named = named_voters(sentence)
            if not covering:
                line = text[text.rfind("\n", 0, s.start()) + 1 : s.start()]
                why = _why(line, sentence, named, text[: s.start()])
                out.append(VoteSentence(item.key, sentence, "text", why=why, named=named))
                continue
            got: dict = {}
            for v in covering:
                got.update(_sides_of(v))
            wrong = [
                f"{n or ''}({p}) {side}→{got.get((n, p))}"
                for (n, p), side in named.items()
                if side != "?" and got.get((n, p)) != side
            ]
            cut = REASON.search(sentence)
            if POINTS.search(sentence[: cut.start()] if cut else sentence) and not all(v.points for v in covering):
                wrong.append("names points, read as the whole item")
            out.append(VoteSentence(item.key, sentence, "incomplete" if wrong else "vote", named=named, wrong=wrong))
    return tuple(out)


def main() -> None:
    found = vote_sentences()
    by_status: dict[str, int] = {}
    for s in found:
        by_status[s.status] = by_status.get(s.status, 0) + 1
        if s.status != "vote" or "-a" in sys.argv:
            why = f"({s.why}) " if s.why else ""
            print(f"{s.status:10} {why}{s.key} | {s.text[:200]}" + (f"  [{'; '.join(s.wrong)}]" if s.wrong else ""))
    print(f"{len(found)} vote sentences: {by_status}", file=sys.stderr)


if __name__ == "__main__":
    main()
