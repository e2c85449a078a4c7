"""What was decided on each numbered point of the recommendation, and the case's earlier decisions.

A decision answers the recommendation's points by labels ("1. Godkendt. 2.-3. Anbefales.", "ad 1",
"1-2. Anbefales") or all at once ("Indstillingen godkendt", "Byrådet godkendte Økonomiudvalgets
indstilling"). An outcome is linked to points only where the recommendation has them numbered and
the labels name existing points in rising order; otherwise the decision stays text only. The
case history ("Sagens forløb") is a run of "28-03-2022 Økonomiudvalget" lines, each followed by
that body's decision. Words: ``vocabulary/people/common.toml``.
"""

from __future__ import annotations

import re
from functools import cache

from convert.model import Earlier, Item, ListBlock, Outcome, Paragraph, Section
from convert.readers.grammar.dates import parse_date
from convert.readers.grammar.pointlabels import label_body, label_numbers
from convert.readers.grammar.voters import alternatives, words


@cache
def _patterns() -> dict:
    data = words().data
    label = label_body()
    return {
        # At a line's start or after a sentence's end; a word follows ("2.a-c" names sub-points).
        "label": re.compile(rf"(?:^|(?<=[.!?:] )|(?<=[.!?:]\n))[ \t]*{label}(?=\s?[^\W\d_])", re.MULTILINE),
        # What opens a line like a label does; if it is not one, which point is which is unclear.
        "label_like": re.compile(r"^[ \t]*\d{1,2}(?:[.:)]| +[A-ZÆØÅ])", re.MULTILINE),
        "absent_label": re.compile(rf"\n(?:{alternatives(data['absent_before'])}).*\Z", re.DOTALL),
        "all": [re.compile(p) for p in data["all_points"]],
        "results": [(re.compile(r["pattern"], re.IGNORECASE), r["result"]) for r in data["results"]],
        "history_heading": re.compile(data["history_heading"]),
        "history_entry": re.compile(data["history_entry"]),
    }


_LEADING_NUMBER = re.compile(r"\s*(\d{1,2})[.)]\s")


def recommendation_points(item: Item) -> int:
    """How many numbered points the item's recommendation has (0 when it numbers none): an
    ordered list's last number, or paragraphs opening "1." … "n." in sequence."""
    count = 0
    for section in item.sections_of("recommendation"):
        expected = 1
        for block in section.blocks:
            if isinstance(block, ListBlock) and block.ordered and block.style in (None, "decimal"):
                count = max(count, (block.start or 1) + len(block.items) - 1)
            elif isinstance(block, Paragraph):
                m = _LEADING_NUMBER.match(block.text)
                if m and int(m.group(1)) == expected:
                    count, expected = max(count, expected), expected + 1
    return count


def result_of(text: str) -> str | None:
    """The vocabulary's word for what ``text`` decided: the earliest result word in its first
    line (on a tie the vocabulary's order, so "anbefales ikke" beats "anbefales")."""
    first = text.strip().split("\n", 1)[0]
    best: tuple[int, int, str] | None = None
    for order, (pattern, result) in enumerate(_patterns()["results"]):
        m = pattern.search(first)
        if m and (best is None or (m.start(), order) < best[:2]):
            best = (m.start(), order, result)
    return best[2] if best else None


def _labelled(text: str, points: int) -> list[Outcome] | None:
    found = []
    for m in _patterns()["label"].finditer(text):
        if not (m.group("prefix") or m.group("d1") or m.group("d2")):
            continue  # a bare number is not a label ("2 medlemmer")
        prefix = m.group("prefix") or ""
        if prefix[:1].islower() and m.start() > 0 and text[m.start() - 1] != "\n":
            continue  # "… jf. punkt 3": a reference inside a sentence, not a label
        numbers = label_numbers(m)
        found.append((m, numbers[0], numbers[-1], numbers))
    if not found:
        return None
    for like in _patterns()["label_like"].finditer(text):
        at = like.start() + len(like.group(0)) - len(like.group(0).lstrip())
        if not any(m.start() <= at < m.end() for m, *_ in found):
            return []  # "1. - 6.blev …": a line opens like a label the grammar cannot read
    previous = 0
    for _, first, last, _numbers in found:
        if not (previous < first <= last <= points):
            return []  # a label naming no point, or out of order: not sure which point is which
        previous = last
    outcomes = []
    for n, (m, _first, _last, numbers) in enumerate(found):
        end = found[n + 1][0].start() if n + 1 < len(found) else len(text)
        body = _patterns()["absent_label"].sub("", text[m.end() : end]).strip()  # "Afbud: …" is attendance
        label = m.group(0).strip()
        outcomes.append(Outcome(numbers, body, label=label, result=result_of(body)))
    return outcomes


def read_outcomes(item: Item, decisions: list[Section]) -> list[Outcome]:
    """Outcomes per point of the item's recommendation, from its decision sections' text."""
    points = recommendation_points(item)
    if not points:
        return []
    lines = []
    for s in decisions:
        for b in s.blocks:
            if isinstance(b, Paragraph):
                lines.append(b.text)
            elif isinstance(b, ListBlock) and b.ordered and b.style in (None, "decimal"):
                # A numbered list in a decision is its labels, as a reader found them.
                lines += [f"{(b.start or 1) + n}{b.delimiter or '.'} {li.text}" for n, li in enumerate(b.items)]
            elif isinstance(b, ListBlock):
                lines += [li.text for li in b.items]
    text = "\n".join(line.strip() for line in lines if line.strip())
    labelled = _labelled(text, points)
    if labelled is not None:
        return labelled
    first = re.split(r"(?<=[.!?])\s|\n", text, maxsplit=1)[0] if text else ""
    sentence = first.rstrip(".")
    if sentence and any(p.fullmatch(sentence) for p in _patterns()["all"]):
        return [Outcome(list(range(1, points + 1)), first, label=None, result=result_of(first))]
    return []


def read_history(item: Item) -> list[Earlier]:
    """The case's earlier decisions, from a section headed "Sagens forløb" (or the like)."""
    p = _patterns()
    history: list[Earlier] = []
    for section in item.sections:
        if not p["history_heading"].fullmatch(section.heading.strip().rstrip(":")):
            continue
        for block in section.blocks:
            text = getattr(block, "text", None)
            if text is None:
                continue
            m = p["history_entry"].fullmatch(text.strip())
            date = parse_date(m.group("date")) if m else None
            if m and date:
                history.append(Earlier(text="", body=m.group("body").strip(), date=date))
            elif history and text.strip():
                history[-1].text = (history[-1].text + "\n" + text.strip()).strip()
    return history
