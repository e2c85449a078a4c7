"""Decisions that repeat the agenda's points, each followed by its outcome.

Acadre minutes list the points under "Sagsfremstilling" and repeat each under "Beslutning …"
with what was decided ("Direktionens årsplan …" / "Drøftet."). A decision paragraph or list item
that starts with an agenda point is cut into Subheading (the point) + Paragraph (the outcome).
Where to cut: at a printed line end that is also a sentence end, else at the last sentence end
the two texts share, else at the line end where they stop agreeing.
"""

from __future__ import annotations

import re

from convert.readers.grammar.blocks import Draft, fold, join_lines

_WORD_EDGE = re.compile(r"^\W+|\W+$")
_SENTENCE_END = re.compile(r"[.!?:][\"'”’)]*$")
MIN_WORDS = 3


def _norm(word: str) -> str:
    return _WORD_EDGE.sub("", word).lower()


def _trie(points: list[list[str]]) -> dict:
    """The agenda points as a word trie: the longest point prefix a paragraph starts with is one
    walk down it, however many points there are (an item with hundreds stays linear)."""
    root: dict = {}
    for words in points:
        node = root
        for w in words:
            node = node.setdefault(_norm(w), {})
    return root


def _shared(words: list[str], trie: dict) -> int:
    n, node = 0, trie
    for w in words:
        node = node.get(_norm(w))
        if node is None:
            break
        n += 1
    return n


def _cut(draft: Draft, points: dict) -> int:
    """How many words of the draft are the agenda point (0: not a repeated point)."""
    words = join_lines(draft.lines).split()
    shared = _shared(words, points)
    if shared < MIN_WORDS:
        return 0
    ends, n = [], 0
    for line in draft.lines:
        n += len(fold(line).split())
        ends.append(n)
    for end in ends:  # a printed line that ends a sentence inside the shared part
        if end <= shared and end < len(words) and _SENTENCE_END.search(words[end - 1]):
            return end
    for i in range(min(shared, len(words) - 1), 0, -1):  # the last shared sentence
        if _SENTENCE_END.search(words[i - 1]):
            return i
    return shared if shared in ends and shared < len(words) else 0


def split_points(drafts: list[Draft], agenda: list[Draft]) -> list[Draft]:
    points = _trie([join_lines(d.lines).split() for d in agenda if d.kind == "li" and d.level == 0])
    if not points:
        return drafts
    out: list[Draft] = []
    for d in drafts:
        cut = _cut(d, points) if d.kind in ("p", "li") and d.level == 0 else 0
        if not cut:
            out.append(d)
            continue
        words = join_lines(d.lines).split()
        out.append(Draft("subheading", [" ".join(words[:cut])]))
        out.append(Draft("p", [" ".join(words[cut:])]))
    return out
