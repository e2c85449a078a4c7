"""Lines of one section into blocks: reflowed paragraphs, nested lists, subheadings.

Bullets come as symbol-font glyphs (U+F0B7 from Symbol/Wingdings in Word PDFs), as "•", or as
"o" for a second level; "a." / "1)" at a line start are ordered items. A typed dash ("- Forbud
mod ...", FirstAgenda) is a bullet only where a list can begin, since a hyphen or dash of running
text may also land at a line start when a sentence wraps. Hard-wrapped lines are
joined; a word broken at a line end with a hyphen keeps its hyphen ("ikke-planlagte"), because
Danish compounds are printed that way and a dropped hyphen would change the word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from convert.model import ListBlock, ListItem, Paragraph, Subheading, Table
from convert.numbering import readings
from convert.readers.grammar.lines import Line
from convert.readers.grammar.numbered import Numbering, split

BULLETS = "\uf0b7\uf0a7\uf076\uf0d8\uf0fc\u2022\u25aa\u25cf\u25e6\u2023\u2043\u25a0\u25a1"
# "o" (Word's second level, in Courier) and "◦" (a browser's, so referat's own PDF) mark the
# second level inside a list; elsewhere "◦" is a plain bullet.
_SUB_BULLET = re.compile(r"[o\u25e6]\s+(?=\S)")
_BULLET = re.compile(rf"[{BULLETS}]\s*")
# A number, a letter or a roman numeral and "." or ")". A capital with "." is left out: at a
# paragraph's start it is as likely a name's initial ("A. Jensen") as "A." of a list.
_NUMBER = r"(?:\d{1,2}|[a-zæøå]|[ivx]{2,6}|[IVX]{2,6}|[A-ZÆØÅ](?=\)))"
ORDERED = re.compile(rf"{_NUMBER}[.)]\s+(?=\S)")  # a numbered list item's marker
_INNER_BULLET = re.compile(r"\s+[\uf0b7\u2022]\s+")
_DASH = re.compile(r"[-\u2013]\s+(?=\S)")
_ENDS_SENTENCE = re.compile(r"[.!?;]\Z")
# A marker alone on its line (text extraction without layout prints "a." and then, after an
# empty line, the item's text): the next text is that list item.
_LONE_MARKER = re.compile(rf"(?P<ordered>(?:{_NUMBER}|[A-ZÆØÅ])[.)])|[{BULLETS}o]")
_LONE_MAX = 7  # its longest match ("viiiii)"): a longer line is tested no further
# "Sundheds-" / "og Forebyggelsesudvalget": a hyphen standing for a word part the next compound
# shares is followed by a conjunction, and the space after it stays.
_SUSPENDED = frozenset({"og", "eller", "samt", "til", "hhv.", "henholdsvis", "som"})
# The line ends after which join_lines may join without a space: any hyphen it treats.
_JOINS = frozenset("-\u00ad\u2010")


def fold(text: str) -> str:
    # Most texts come folded (a PDF's lines, a line folded before): every white space character
    # but the ASCII space is unprintable, so a printable text with no two spaces together and none
    # at an end is its own fold, told without splitting it into words.
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    # str.split() and \s agree on what whitespace is; the split is several times the faster.
    return " ".join(text.split())


@dataclass(slots=True)
class Draft:
    """A block being built: its printed lines are kept so that later steps can cut at them."""

    kind: str  # "p" | "li" | "subheading" | "row"
    lines: list[str] = field(default_factory=list)
    level: int = 0
    ordered: bool = False
    marker: str = ""
    cells: tuple[str, ...] = ()  # a table row's cells (kind "row")
    header: bool = False  # a table's header row

    @property
    def text(self) -> str:
        return join_lines(self.lines)


def join_lines(lines: list[str]) -> str:
    if len(lines) == 1:
        return fold(lines[0])  # most blocks are one line: nothing to join
    folded = [fold(line) for line in lines]
    if _JOINS.isdisjoint("".join([line[-1:] for line in folded])):
        return " ".join(filter(None, folded))  # no line ends where a word may go on: spaces join all
    # Pieces joined once at the end: a paragraph of many lines costs linear, not quadratic, time.
    parts: list[str] = []
    last = ""
    for line in folded:
        if not line:
            continue
        if (last.endswith("\u00ad") and line[:1].islower()) or (last.endswith("\u2010") and line[:1].isalpha()):
            parts[-1] = parts[-1][:-1]  # a typesetter's hyphenation (soft hyphen, U+2010): not part of the word
            parts.append(line)
        elif (
            last.endswith("-")
            and len(last) > 1
            and last[-2].isalnum()
            and line[:1].isalpha()
            and line.split(" ", 1)[0] not in _SUSPENDED
        ):
            parts.append(line)  # hyphen at the line end: the word goes on ("2030-fremskrivning")
        else:
            parts.extend((" ", line) if parts else (line,))
        last = line
    return "".join(parts)


def _split_inner_bullets(line: Line) -> list[tuple[str, bool]]:
    """'a. (bilag vedlagt). \uf0b7 Orientering …' -> two pieces; the second starts a new item."""
    parts = _INNER_BULLET.split(line.text)
    if len(parts) == 1:
        return [(line.text, line.break_before)]
    bullet = "\uf0b7 "
    return [(parts[0], line.break_before)] + [(bullet + p, True) for p in parts[1:]]


def _ordered(text: str) -> re.Match | None:
    """An ordered item's marker; of several letters only a roman numeral ("iv." yes, "vx." no)."""
    m = ORDERED.match(text)
    if m is None:
        return None
    body = split(m.group(0).strip())[0]
    return m if len(body) == 1 or body.isdigit() or readings(body) else None


def _dash_bullet(text: str, current: Draft | None, breaks: bool, previous: str) -> re.Match | None:
    """A dash starts a list item after a paragraph break or a line announcing a list ("... kan
    hjælpe med at:"); after a sentence's end or another dashed item only when a capital follows,
    since "kr." and "mv." end lines too. A wrapped "- fx sand og grus" inside a sentence stays text."""
    m = _DASH.match(text)
    if m is None:
        return None
    if current is None or breaks or previous.endswith(":"):
        return m
    after_item = current.kind == "li" and current.marker == "-"
    return m if (after_item or _ENDS_SENTENCE.search(previous)) and text[m.end()].isupper() else None


def drafts(lines: list[Line], headings: bool = True) -> list[Draft]:
    """Group a section's lines into paragraphs and list items."""
    out: list[Draft] = []
    current: Draft | None = None
    pending: re.Match | None = None
    previous = ""  # the last printed text, whose end tells whether a list may begin
    for line in lines:
        if line.furniture:
            continue
        if not line.text.strip():
            current = None
            continue
        if line.cells is not None:  # a table row (tagged PDF) is whole: nothing joins it
            out.append(Draft("row", [line.text], cells=line.cells, header=line.role == "TH"))
            current = None
            continue
        # Most lines hold neither inner bullet: a substring test spares them the split.
        text = line.text
        pieces = _split_inner_bullets(line) if "\uf0b7" in text or "\u2022" in text else ((text, line.break_before),)
        for text, breaks in pieces:
            text = text.strip()
            before, previous = previous, text
            lone = _LONE_MARKER.fullmatch(text) if len(text) <= _LONE_MAX else None
            if lone and text == "o":
                lone = lone if current is not None and current.kind == "li" else None
            elif lone and not (current is None or breaks):
                lone = None  # inside a paragraph: "… som angivet i afsnit" / "6." goes on
            if lone:
                if pending is not None and pending["ordered"]:  # two in a row: keep the first's number
                    out.append(Draft("p", [pending.group(0)]))
                pending = lone
                continue
            if pending is not None:
                ordered = bool(pending["ordered"])
                level = 1 if pending.group(0) == "o" else 0
                current = Draft("li", [text], level=level, ordered=ordered, marker=pending.group(0) if ordered else "")
                out.append(current)
                pending = None
                continue
            # A list goes on over a paragraph break: PDF lists space their items apart.
            in_list = bool(out) and out[-1].kind == "li"
            m_sub = _SUB_BULLET.match(text) if in_list else None
            # A first character that opens no bullet or dash settles most lines without a match.
            m_bullet = _BULLET.match(text) if not m_sub and text[:1] in BULLETS else None
            m_dash = None
            if text[:1] in "-\u2013" and not (m_bullet or m_sub):  # a dash can open no other line
                m_dash = _dash_bullet(text, current, breaks, before)
            may_order = current is None or breaks or line.bold  # else a number is running text
            m_ord = _ordered(text) if may_order and not (m_bullet or m_dash or m_sub) else None
            if m_bullet and text[m_bullet.end() :].strip():
                current = Draft("li", [text[m_bullet.end() :]], level=0)
                out.append(current)
            elif m_dash:
                current = Draft("li", [text[m_dash.end() :]], level=0, marker="-")
                out.append(current)
            elif m_sub:
                level = max(out[-1].level, 1)
                current = Draft("li", [text[m_sub.end() :]], level=level)
                out.append(current)
            elif m_ord:
                current = Draft("li", [text[m_ord.end() :]], level=0, ordered=True, marker=m_ord.group(0).strip())
                out.append(current)
            elif headings and (line.bold or line.underline) and (current is None or current.kind != "subheading"):
                current = Draft("subheading", [text])
                out.append(current)
            elif current is not None and not breaks and not (current.kind == "subheading" and not line.bold):
                current.lines.append(text)
            else:
                current = Draft("p", [text])
                out.append(current)
    if pending is not None and pending["ordered"]:
        out.append(Draft("p", [pending.group(0)]))  # a number with nothing after it is still printed
    return out


def _numbering(block: ListBlock, seen: dict[int, tuple[ListBlock, Numbering]]) -> Numbering:
    return seen.setdefault(id(block), (block, Numbering()))[1]


def to_blocks(items: list[Draft]) -> list:
    """Drafts into model blocks; consecutive list items become one (nested) list, consecutive
    table rows one table."""
    blocks: list = []
    stack: list[ListBlock] = []
    numbering: dict[int, tuple[ListBlock, Numbering]] = {}  # by the list's id: what its markers said
    for d in items:
        if d.kind == "row":
            stack = []
            last = blocks[-1] if blocks and isinstance(blocks[-1], Table) else None
            if d.header and last is not None and last.header and last.rows[0] == [fold(c) for c in d.cells]:
                continue  # the header row again, repeated where the table runs onto a new page
            if last is None or d.header:
                blocks.append(Table(header=d.header))
            blocks[-1].rows.append([fold(c) for c in d.cells])
            continue
        if d.kind != "li":
            stack = []
            blocks.append(Subheading(d.text) if d.kind == "subheading" else Paragraph(d.text))
            continue
        if stack and d.level == 0 and stack[0].ordered != d.ordered:
            stack = []  # a numbered list right after a bulleted one (or the reverse) is a list of its own
        numbered = d.ordered and len(d.marker) > 1
        restart = numbered and d.level == 0 and stack and not _numbering(stack[0], numbering).continues(d.marker)
        if not stack or restart:
            stack = [ListBlock(ordered=d.ordered)]
            blocks.append(stack[0])
        while len(stack) > d.level + 1:
            stack.pop()
        if d.level + 1 > len(stack) and stack[-1].items:
            parent = stack[-1].items[-1]
            parent.sublist = parent.sublist or ListBlock(ordered=d.ordered)
            stack.append(parent.sublist)
        stack[-1].items.append(ListItem(d.text))
        if numbered:
            _numbering(stack[-1], numbering).add(d.marker)
    for block, seen in numbering.values():
        if block.ordered:
            block.style, block.delimiter, block.start = seen.result()
    for block in blocks:
        if isinstance(block, Table):  # an empty cell at a row's end prints nothing: pad the row
            width = max(len(row) for row in block.rows)
            for row in block.rows:
                row.extend([""] * (width - len(row)))
    return blocks
