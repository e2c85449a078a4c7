"""Attachment lists ("Bilag") into Attachment records.

Acadre prints "1 - 3011525 Åben Årshjul 2021 (8725/21) (H)": number, document number, access,
title, case number, marker; the extraction may break one entry over several lines, and a closed
entry has neither document nor case number ("5 -  Lukket Notat.pdf () ()"). eDoc prints
"2012-208960 - Title"; FirstAgenda prints bare titles, one per paragraph.
"""

from __future__ import annotations

import re
from dataclasses import replace

from convert.model import Attachment
from convert.readers.grammar.blocks import fold, join_lines
from convert.readers.grammar.lines import Line
from convert.readers.grammar.vocabulary import Vocabulary

# An Acadre entry is a head ("1 - 3011525 Åben Årshjul 2021") and a tail ("(8725/21) (H)") that is
# followed by the next entry's number or the end. Tails are found first and heads matched between
# them, so that a list with no tails costs linear time, not a backtracking search per number.
_ACADRE_HEAD = re.compile(
    r"\s*(?P<number>\d+) -\s+(?:(?P<doc>\d+)\s+)?(?P<access>Åben|Lukket)\s+(?P<title>.*?)\s*", re.IGNORECASE
)
_ACADRE_TAIL = re.compile(r"\((?P<case>[^()]*)\)\s*\((?P<marker>[^()]*)\)(?=\s+\d+ -\s|\s*$)")
# eDoc document numbers are "2012-208960"; Word may have turned the hyphen into an en dash.
_DOC_TITLE = re.compile(r"(?P<doc>\d{4}[-–]\d{4,}) [-–] (?P<title>.+)")
_ENTRY_START = re.compile(r"\d+ -(?:\s|$)|\d{4}[-–]\d{4,} [-–] ")


def is_entry_start(text: str) -> bool:
    return bool(_ENTRY_START.match(text))


def _acadre(joined: str, vocab: Vocabulary) -> list[Attachment] | None:
    found, pos = [], 0
    for tail in _ACADRE_TAIL.finditer(joined):
        head = _ACADRE_HEAD.fullmatch(joined, pos, tail.start())
        if head is None:
            return None  # something between entries that is not an entry: not this layout
        pos = tail.end()
        found.append(
            Attachment(
                number=head["number"],
                title=fold(head["title"]),
                access=vocab.access_of(head["access"]) or "open",
                access_label=head["access"],
                document_id=head["doc"] or None,
                case_number=fold(tail["case"]) or None,
                marker=fold(tail["marker"]) or None,
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


def _table(rows: list[Line], vocab: Vocabulary) -> list[Attachment]:
    """An attachment table: the header row names the columns; a table without one, or whose
    header names no title column, is read as number, title, access, document and case number."""
    head = rows[0] if rows[0].role == "TH" else None
    fields = [vocab.column_field(c) for c in head.cells] if head else []
    if "title" not in fields:
        fields = ["number", "title", "access", "document_id", "case_number"]
    out = []
    pieces: list[dict[str, str]] = []
    for row in rows[1:] if head else rows:
        if row.role == "TH":
            continue  # the header row again, repeated where the table runs onto a new page
        values = {f: fold(c) for f, c in zip(fields, row.cells, strict=False) if f and fold(c)}
        if pieces and "number" in fields and "number" not in values:
            # The rest of a row that a page break cut: it goes on in the cells it prints.
            for key, value in values.items():
                pieces[-1][key] = f"{pieces[-1][key]} {value}" if key in pieces[-1] else value
        else:
            pieces.append(values)
    for values in pieces:
        title, marker = values.get("title", ""), None
        m = vocab.attachment_marker.fullmatch(title) if vocab.attachment_marker is not None else None
        if m:
            title, marker = m["title"], m["marker"]
        access = values.get("access")
        out.append(
            Attachment(
                number=values.get("number") or str(len(out) + 1),
                title=title,
                access=(vocab.access_of(access) if access else None) or "open",
                access_label=access,
                document_id=values.get("document_id"),
                case_number=values.get("case_number"),
                marker=marker,
            )
        )
    return out


def parse(lines: list[Line], vocab: Vocabulary) -> list[Attachment]:
    rows = [line for line in lines if line.cells is not None]
    if rows:
        found = _table(rows, vocab)
        rest = [line for line in lines if line.cells is None]
        # Lines printed beside the table continue its numbering.
        return found + [replace(a, number=str(len(found) + n)) for n, a in enumerate(parse(rest, vocab), 1)]
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
        out.append(Attachment(number=str(n), title=m["title"] if m else text, document_id=m["doc"] if m else None))
    return out
