"""Attachment lists ("Bilag") into Attachment records.

Acadre prints "1 - 3011525 Åben Årshjul 2021 (8725/21) (H)": number, document number, access,
title, case number, marker; the extraction may break one entry over several lines, and a closed
entry has neither document nor case number ("5 -  Lukket Notat.pdf () ()"). eDoc prints
"2012-208960 - Title"; FirstAgenda prints bare titles, one per paragraph.
"""

from __future__ import annotations

import re

from convert.model import Attachment
from convert.readers.blocks import fold, join_lines
from convert.readers.lines import Line
from convert.readers.vocabulary import Vocabulary

_ACADRE = re.compile(
    r"(?P<number>\d+) -\s+(?:(?P<doc>\d+)\s+)?(?P<access>Åben|Lukket)\s+(?P<title>.*?)\s*"
    r"\((?P<case>[^()]*)\)\s*\((?P<marker>[^()]*)\)(?=\s+\d+ -\s|\s*$)",
    re.IGNORECASE,
)
# eDoc document numbers are "2012-208960"; Word may have turned the hyphen into an en dash.
_DOC_TITLE = re.compile(r"(?P<doc>\d{4}[-–]\d{4,}) [-–] (?P<title>.+)")
_ENTRY_START = re.compile(r"\d+ -(?:\s|$)|\d{4}[-–]\d{4,} [-–] ")


def is_entry_start(text: str) -> bool:
    return bool(_ENTRY_START.match(text))


def _acadre(joined: str, vocab: Vocabulary) -> list[Attachment] | None:
    found, pos = [], 0
    for m in _ACADRE.finditer(joined):
        if joined[pos : m.start()].strip():
            return None  # something between entries that is not an entry: not this layout
        pos = m.end()
        access = vocab.access_of(m["access"]) or "open"
        found.append(
            Attachment(
                number=m["number"],
                title=fold(m["title"]),
                access=access,
                access_label=m["access"],
                document_id=m["doc"] or None,
                case_number=fold(m["case"]) or None,
                marker=fold(m["marker"]) or None,
            )
        )
    if not found or joined[pos:].strip():
        return None
    return found


def _continues(previous: str, text: str) -> bool:
    """A bare title wrapped onto the next line: it goes on in lower case or after , - ( /."""
    return text[:1].islower() or previous.rstrip()[-1:] in ",-–(/&"


def _paragraphs(lines: list[Line]) -> list[list[str]]:
    """Entries: numbered ones start at their number; bare titles (FirstAgenda) are one per
    paragraph, or one per line when the extraction left out the empty lines between them."""
    texts = [line.text for line in lines if line.text.strip()]
    numbered = bool(texts) and is_entry_start(texts[0])
    groups: list[list[str]] = [[]]
    for line in lines:
        if not line.text.strip():
            groups.append([])
        elif groups[-1] and (is_entry_start(line.text) if numbered else not _continues(groups[-1][-1], line.text)):
            groups.append([line.text])
        else:
            groups[-1].append(line.text)
    return [g for g in groups if g]


def parse(lines: list[Line], vocab: Vocabulary) -> list[Attachment]:
    joined = join_lines([line.text for line in lines if line.text.strip()])
    if not joined:
        return []
    acadre = _acadre(joined, vocab)
    if acadre is not None:
        return acadre
    out = []
    for n, group in enumerate(_paragraphs(lines), start=1):
        text = join_lines(group)
        m = _DOC_TITLE.match(text)
        out.append(
            Attachment(number=str(n), title=m["title"] if m else text, document_id=m["doc"] if m else None)
        )
    return out
