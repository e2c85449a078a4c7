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
from convert.readers.grammar import loose_attachments as loose
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
_ENTRY_START = re.compile(r"\d+ -(?:\s|$)|\d{4}[-–]\d{4,} [-–] |\d{1,3}[.)]? +(?:Åben|Lukket)\b|\d{1,3}[.)] +\S")
# Document numbers as registers print them: "222359/12", "2012-208960".
_DOC = r"\d{3,}/\d{2}|\d{4}[-–]\d{4,}"
# A numbered entry without ruling, its columns only apart by space (or run together by a text
# extraction): "1 Åben Opsamlingsnotat. Temamøde 20.09.2012 222359/12", "2. Title".
_NUMBERED = re.compile(
    rf"(?P<number>\d{{1,3}})[.)]?\s+(?:(?P<access>Åben|Åbent|Lukket)\s+)?(?P<title>.+?)(?:\s+(?P<doc>{_DOC}))?",
    re.IGNORECASE,
)
_DOC_CELL = re.compile(rf"(?:{_DOC})")
# The register number of an entry whose title wrapped in its column: the rest of the title then
# follows the number ("Title first part 118067/24 rest of title").
_DOC_INSIDE = re.compile(rf"(?<!\S)(?:{_DOC})(?!\S)")


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
        fields = _fields_by_content(rows, vocab) or ["number", "title", "access", "document_id", "case_number"]
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


def _fields_by_content(rows: list[Line], vocab: Vocabulary) -> list[str | None] | None:
    """A table without a header row: each column is what its cells hold (a short number, an
    access word, a document number); the widest other column is the title."""
    width = max(len(r.cells or ()) for r in rows)
    columns = [
        [fold(r.cells[k]) for r in rows if r.cells and k < len(r.cells) and fold(r.cells[k])] for k in range(width)
    ]
    fields: list[str | None] = []
    for cells in columns:
        if cells and all(c.rstrip(".").isdigit() and len(c) <= 3 for c in cells):
            fields.append("number")
        elif cells and all(vocab.access_of(c) for c in cells):
            fields.append("access")
        elif cells and all(_DOC_CELL.fullmatch(c) for c in cells):
            fields.append("document_id")
        else:
            fields.append(None)
    rest = [k for k, f in enumerate(fields) if f is None and columns[k]]
    if not rest:
        return None
    title = max(rest, key=lambda k: sum(len(c) for c in columns[k]))
    fields[title] = "title"
    return fields


def parse(lines: list[Line], vocab: Vocabulary) -> list[Attachment]:
    rows = [line for line in lines if line.cells is not None]
    if rows:
        found = _table(rows, vocab)
        rest = [line for line in lines if line.cells is None]
        more = parse(rest, vocab)
        numbers = [a.number for a in found + more]
        if all(n.isdigit() for n in numbers) and len(set(numbers)) == len(numbers):
            # Rows the typesetter did not tag as the table's (one cut off by a page break) keep
            # the numbers they print, in their place.
            return sorted(found + more, key=lambda a: int(a.number))
        # Lines printed beside the table continue its numbering.
        return found + [replace(a, number=str(len(found) + n)) for n, a in enumerate(more, 1)]
    texts = [line.text for line in lines if line.text.strip()]
    if loose.applies(texts, vocab):
        return loose.parse(texts, vocab)
    joined = join_lines(texts)
    if not joined:
        return []
    acadre = _acadre(joined, vocab)
    if acadre is not None:
        return acadre
    out = []
    groups = _paragraphs(lines)
    numbered = all(_NUMBERED.fullmatch(join_lines(g)) for g in groups)
    for n, group in enumerate(groups, start=1):
        text = join_lines(group)
        m = _DOC_TITLE.match(text)
        e = _NUMBERED.fullmatch(text) if numbered and not m else None
        if e is not None:
            access = e["access"]
            inside = _DOC_INSIDE.findall(e["title"]) if not e["doc"] else []
            if len(inside) == 1:
                title = " ".join(_DOC_INSIDE.sub(" ", e["title"]).split())
                e = {**e.groupdict(), "title": title, "doc": inside[0]}
            out.append(
                Attachment(
                    number=e["number"],
                    title=e["title"],
                    access=(vocab.access_of(access) if access else None) or "open",
                    access_label=access,
                    document_id=e["doc"],
                )
            )
            continue
        out.append(Attachment(number=str(n), title=m["title"] if m else text, document_id=m["doc"] if m else None))
    return out
