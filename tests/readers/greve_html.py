"""The Greve archive (../shared/corpus/greve, FirstAgenda JSON) as plain text for grammar tests:
each item's "Beslutning" and "Indstilling" HTML stripped with lxml, one block (p, div, li, br) a
line. Independent of the FirstAgenda reader on purpose: the people grammar is tested on the
sentences as the municipality wrote them."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lxml import html

GREVE = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "greve"
_LINE_ENDS = {"br", "p", "div", "li", "h3", "h4", "tr"}


def text_of(fragment: str) -> str:
    if not fragment.strip():
        return ""
    root = html.fragment_fromstring(fragment, create_parent="div")
    for el in root.iter():
        if el.tag in _LINE_ENDS:
            el.tail = "\n" + (el.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line)


def _parts(fragment: str, tag: str) -> dict[str, str]:
    pieces = re.split(rf"<{tag}>(.*?)</{tag}>", fragment)
    found: dict[str, str] = {}
    for i in range(1, len(pieces) - 1, 2):
        found.setdefault(text_of(pieces[i]), pieces[i + 1])
    return found


@dataclass
class GreveItem:
    file: str
    number: str
    decision: str  # text
    recommendation_html: str
    attendees: list[dict]

    @property
    def key(self) -> str:
        return f"{self.file.removeprefix('greve_').removesuffix('.json')} #{self.number}"


@cache
def greve_items() -> tuple[GreveItem, ...]:
    out = []
    for path in sorted(GREVE.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        for it in doc["Dagsordenpunkter"]:
            html_text = "".join(f.get("Html") or "" for f in it.get("Felter") or [])
            h3 = _parts(html_text, "h3")
            fremstilling = _parts(h3.get("Fremstilling", ""), "h4")
            out.append(
                GreveItem(
                    file=path.name,
                    number=it["Number"],
                    decision=text_of(h3.get("Beslutning", "")),
                    recommendation_html=fremstilling.get("Indstilling", ""),
                    attendees=list(it.get("ExternalAgendaItemAttendees") or []),
                )
            )
    return tuple(out)


def decisions() -> Iterator[GreveItem]:
    return (i for i in greve_items() if i.decision)
