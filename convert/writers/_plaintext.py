"""Plain text of the model's blocks, for the open-data writers whose text fields carry no markup,
and the stock outcome of a decision ("Godkendt.", "Indstillingen anbefales.", ...)."""

from __future__ import annotations

import re

from convert.model import ListBlock, Paragraph, Section, Subheading, Table
from convert.numbering import item_marker


def _list_lines(block: ListBlock, depth: int) -> list[str]:
    lines = []
    for n, li in enumerate(block.items):
        mark = item_marker(block, n) if block.ordered else "•"
        lines.append(f"{'  ' * depth}{mark} {li.text.strip()}")
        if li.sublist is not None:
            lines += _list_lines(li.sublist, depth + 1)
    return lines


def plain_text(blocks) -> str:
    """Blocks as plain text: paragraphs apart by a blank line, lists as bullet lines, table rows
    with cells separated by " | " -- OParl's text fields carry no markup."""
    parts = []
    for block in blocks:
        if isinstance(block, (Paragraph, Subheading)):
            parts.append(block.text.strip())
        elif isinstance(block, ListBlock):
            parts.append("\n".join(_list_lines(block, 0)))
        elif isinstance(block, Table):
            parts.append("\n".join(" | ".join(c.strip() for c in row) for row in block.rows))
    return "\n\n".join(p for p in parts if p.strip())


def resolution(decisions: list[Section]) -> str | None:
    if len(decisions) == 1:
        return plain_text(decisions[0].blocks)
    texts = [f"{d.heading.strip()}\n{plain_text(d.blocks)}".strip() for d in decisions]
    return "\n\n".join(t for t in texts if t)


def decision_result(section: Section) -> str | None:
    """The outcome of a decision, only when its first sentence is nothing but a stock phrase."""
    first_block = next(iter(section.blocks), None)
    if not isinstance(first_block, Paragraph):
        return None
    first = re.split(r"(?<=[.!])\s", first_block.text.strip(), maxsplit=1)[0]
    phrase = re.sub(r"\s+", " ", first).strip().rstrip(".!").strip().lower()
    return RESULTS.get(phrase)


RESULTS = {
    phrase: result
    for result, phrases in {
        "godkendt": (
            "godkendt",
            "godkendes",
            "indstillingen godkendt",
            "indstillingen godkendes",
            "indstillingen blev godkendt",
        ),
        "anbefalet": ("anbefales", "anbefalet", "indstillingen anbefales", "indstillingen blev anbefalet"),
        "tiltrådt": ("tiltrådt", "tiltrådes", "indstillingen tiltrådt", "indstillingen tiltrådes"),
        "ikke godkendt": ("ikke godkendt", "indstillingen blev ikke godkendt", "afvist", "forkastet"),
        "taget til efterretning": (
            "taget til efterretning",
            "tages til efterretning",
            "orienteringen taget til efterretning",
        ),
        "drøftet": ("drøftet", "sagen blev drøftet", "punktet blev drøftet"),
        "udsat": ("udsat", "sagen udsat", "punktet udsat", "sagen blev udsat", "punktet blev udsat"),
    }.items()
    for phrase in phrases
}
