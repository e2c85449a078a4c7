"""Writer for Word documents (Office Open XML WordprocessingML, ECMA-376 / ISO/IEC 29500).

Specification: https://ecma-international.org/publications-and-standards/standards/ecma-376/
Library: python-docx, https://python-docx.readthedocs.io/

The look comes from a reference document, as in pandoc's ``--reference-doc``: by default the
unpacked, diffable XML parts under ``templates/docx/`` zipped at run time; ``Options.reference``
names another .docx (or folder of parts) instead. Styles and list definitions this writer needs
and the override lacks are copied in from referat's own parts, so any Word file can serve.

Lists are real Word lists: every list gets its own ``w:num`` pointing at a bulleted or numbered
``w:abstractNum`` (so numbered lists restart), and every list paragraph carries ``w:numPr``
with its nesting level. A list numbered "a." or "B)" in the source overrides its level's number
format and text in its own ``w:num``. Decisions use the paragraph style "Beslutning" (a shaded, bordered box).
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from convert.errors import OutputError
from convert.model import Block, ListBlock, Minutes, Paragraph, Subheading, Table
from convert.resources import resource
from convert.writers._labels import danish_date, document_title, item_heading
from convert.writers._package import settle
from convert.writers._people_tables import item_tables
from convert.writers._tables import layout

# Paragraph style ids and names this writer uses; the ids are those of templates/docx/word/styles.xml.
STYLES = {
    "Title": "Title",
    "Heading1": "Heading 1",
    "Heading2": "Heading 2",
    "Heading3": "Heading 3",
    "Normal": "Normal",
    "ListParagraph": "List Paragraph",
    "Moedeinfo": "Mødeinfo",
    "Beslutning": "Beslutning",
    "BeslutningOverskrift": "Beslutning overskrift",
    "Tabeltekst": "Tabeltekst",
    "TableGrid": "Table Grid",
    "Footer": "Footer",
}
# The text width of templates/docx (A4, 2.5 cm margins) in twips, and how many characters of
# 10 pt Arial (the table style, bold in the heading row) fit across it.
TEXT_WIDTH = 11906 - 2 * 1418
TABLE_LINE = 70
LIST_NAMES = {False: "referat punktopstilling", True: "referat nummerering"}
# CSS list-style-type names (the model's) as ST_NumberFormat values (ECMA-376 Part 1, 17.18.59).
NUM_FMT = {
    "decimal": "decimal",
    "lower-alpha": "lowerLetter",
    "upper-alpha": "upperLetter",
    "lower-roman": "lowerRoman",
    "upper-roman": "upperRoman",
}
# XML 1.0 cannot carry C0 controls other than tab/newline/CR, nor U+FFFE/U+FFFF or lone surrogates.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@dataclass(frozen=True)
class Options:
    reference: str | Path | None = None  # a .docx, or a folder of unpacked parts; None: templates/docx


def clean(text: str | None) -> str:
    return _NOT_XML.sub("", text or "")


@cache
def _reference_bytes(path: str) -> bytes:
    """The reference document as a .docx in memory; a folder of parts is zipped in part-name order."""
    src = Path(path)
    if src.is_dir():
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            # [Content_Types].xml first, as OPC readers expect to find it early (ECMA-376 Part 2).
            parts = sorted(
                (p for p in src.rglob("*") if p.is_file() and p.name != "README.md"),
                key=lambda p: (p.name != "[Content_Types].xml", p.as_posix()),
            )
            for part in parts:
                zf.writestr(part.relative_to(src).as_posix(), part.read_bytes())
        return buf.getvalue()
    try:
        return src.read_bytes()
    except OSError as exc:
        raise OutputError(str(src), f"cannot read the reference document: {exc.strerror or exc}") from None


def _open_reference(options: Options) -> docx.document.Document:
    default = str(resource("templates/docx"))
    ref = str(options.reference) if options.reference else default
    try:
        document = docx.Document(io.BytesIO(_reference_bytes(ref)))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise OutputError(ref, f"the reference document is not a Word document ({exc})") from None
    if ref != default:
        _complete(document, docx.Document(io.BytesIO(_reference_bytes(default))))
    return document


def _complete(document, ours) -> None:
    """Copy the styles and list definitions this writer needs from ``ours`` where the override lacks them."""
    styles = document.styles.element
    have = {s.get(qn("w:styleId")) for s in styles.findall(qn("w:style"))}
    for style in ours.styles.element.findall(qn("w:style")):
        if style.get(qn("w:styleId")) in STYLES and style.get(qn("w:styleId")) not in have:
            styles.append(copy.deepcopy(style))
    numbering = document.part.numbering_part.element
    names = {
        a.find(qn("w:name")).get(qn("w:val"))
        for a in numbering.findall(qn("w:abstractNum"))
        if a.find(qn("w:name")) is not None
    }
    next_id = max((int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))), default=0) + 1
    first_num = numbering.find(qn("w:num"))
    for abstract in ours.part.numbering_part.element.findall(qn("w:abstractNum")):
        if abstract.find(qn("w:name")).get(qn("w:val")) in names:
            continue
        new = copy.deepcopy(abstract)
        new.set(qn("w:abstractNumId"), str(next_id))
        next_id += 1
        # abstractNum elements precede every num element (ECMA-376 Part 1, 17.9.20).
        if first_num is not None:
            first_num.addprevious(new)
        else:
            numbering.append(new)


class _Builder:
    def __init__(self, document):
        self.doc = document
        self.styles = {sid: document.styles[name] for sid, name in STYLES.items()}
        self.numbering = document.part.numbering_part.element
        self.abstract = {}
        for a in self.numbering.findall(qn("w:abstractNum")):
            name = a.find(qn("w:name"))
            for ordered, wanted in LIST_NAMES.items():
                if name is not None and name.get(qn("w:val")) == wanted:
                    self.abstract[ordered] = int(a.get(qn("w:abstractNumId")))

    def para(self, text: str, style: str = "Normal"):
        return self.doc.add_paragraph(clean(text), self.styles[style])

    def labelled(self, label: str, value: str) -> None:
        p = self.doc.add_paragraph(style=self.styles["Moedeinfo"])
        p.add_run(f"{label}:").bold = True
        p.add_run("\t" + clean(value))

    def blocks(self, blocks: list[Block], decision: bool, subheading: str = "Heading3") -> None:
        for block in blocks:
            if isinstance(block, Paragraph):
                self.para(block.text, "Beslutning" if decision else "Normal")
            elif isinstance(block, Subheading):
                self.para(block.text, "BeslutningOverskrift" if decision else subheading)
            elif isinstance(block, ListBlock):
                self.list(block, 0, "Beslutning" if decision else "ListParagraph")
            elif isinstance(block, Table):
                self.table(block.rows, block.header)

    def list(self, block: ListBlock, level: int, style: str) -> None:
        num = self.numbering.add_num(self.abstract[block.ordered])
        if block.ordered:  # a numbered list starts at its first number, not where the previous one stopped
            override = num.add_lvlOverride(ilvl=min(level, 8))
            override.add_startOverride(1 if block.start is None else block.start)
            if block.style is not None or block.delimiter is not None:
                override.append(self._level(block, min(level, 8)))
        for item in block.items:
            p = self.para(item.text, style)
            num_pr = p._p.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_ilvl().val = min(level, 8)
            num_pr.get_or_add_numId().val = num.numId
            if style == "Beslutning":  # the list level's indent, inside the decision box
                p.paragraph_format.left_indent = docx.shared.Twips(170 + 567 * (min(level, 8) + 1))
                p.paragraph_format.first_line_indent = docx.shared.Twips(-397)
            if item.sublist is not None:
                self.list(item.sublist, level + 1, style)

    def _level(self, block: ListBlock, level: int):
        """The abstract list's level, numbered as the list was printed: a level definition inside
        w:lvlOverride replaces the abstract one for this w:num only (ECMA-376 Part 1, 17.9.8)."""
        abstract = self.numbering.find(f"{qn('w:abstractNum')}[@{qn('w:abstractNumId')}='{self.abstract[True]}']")
        found = abstract.find(f"{qn('w:lvl')}[@{qn('w:ilvl')}='{level}']")  # a reference document may lack it
        lvl = copy.deepcopy(found) if found is not None else OxmlElement("w:lvl", {qn("w:ilvl"): str(level)})
        old_format = lvl.find(qn("w:numFmt"))
        kept = old_format.get(qn("w:val")) if old_format is not None else "decimal"
        values = {
            "w:start": str(1 if block.start is None else block.start),
            "w:numFmt": NUM_FMT.get(block.style or "", kept),
            # "%2" is the second level's number (17.9.11); the delimiter follows it as printed.
            "w:lvlText": f"%{level + 1}{block.delimiter or '.'}",
        }
        for tag in values:
            for old in lvl.findall(qn(tag)):
                lvl.remove(old)
        # Children in the order of CT_Lvl (17.9.6): start, numFmt, …, suff, lvlText, then the rest.
        before_text = [c for c in lvl if c.tag in {qn(t) for t in ("w:lvlRestart", "w:pStyle", "w:isLgl", "w:suff")}]
        for i, tag in enumerate(("w:start", "w:numFmt")):
            lvl.insert(i, OxmlElement(tag, {qn("w:val"): values[tag]}))
        lvl.insert(2 + len(before_text), OxmlElement("w:lvlText", {qn("w:val"): values["w:lvlText"]}))
        return lvl

    def table(self, rows: list[list[str]], header: bool):
        width = max((len(r) for r in rows), default=0)
        if not width:
            return None
        # The PDF's layout (writers/_tables.py): heading row, amount columns, widths by text.
        lay = layout(rows, header, line=TABLE_LINE)
        table = self.doc.add_table(rows=len(rows), cols=width)
        table.style = self.styles["TableGrid"]
        table.autofit = False
        for r, row in enumerate(rows):
            # A row is never split over two pages (w:cantSplit, ECMA-376 Part 1, 17.4.6).
            table.rows[r]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
            cells = table.rows[r].cells
            for c in range(width):
                p = cells[c].paragraphs[0]
                p.style = self.styles["Tabeltekst"]
                if lay.numeric[c]:
                    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                run = p.add_run(clean(row[c]) if c < len(row) else "")
                run.bold = bool(lay.header and r == 0) or None
        for column, percent in zip(table.columns, lay.widths, strict=True):
            # w:gridCol, which LibreOffice lays out by
            column.width = docx.shared.Twips(int(TEXT_WIDTH * percent / 100))
            for cell in column.cells:  # w:tcW, which Word lays out by
                cell.width = column.width
        if lay.header:
            # Repeat the header row on every page (w:tblHeader, ECMA-376 Part 1, 17.4.49).
            table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
        self.doc.add_paragraph(style=self.styles["Normal"]).paragraph_format.space_after = 0
        return table


def _meeting(b: _Builder, minutes: Minutes) -> None:
    m = minutes.meeting
    if m.authority:
        b.labelled("Myndighed", m.authority)
    if m.body:
        b.labelled("Udvalg", m.body)
    if m.date:
        b.labelled("Dato", danish_date(m.date))
    if m.start or m.end:
        span = f"{m.start}–{m.end}" if m.start and m.end else f"fra {m.start}" if m.start else f"til {m.end}"
        b.labelled("Tid", span)
    if m.location:
        b.labelled("Sted", m.location)

    def who(p):
        extra = ", ".join(x for x in (p.role, p.party) if x)
        return f"{p.name} ({extra})" if extra else p.name

    present = [who(p) for p in m.participants if not p.absent]
    absent = [who(p) for p in m.participants if p.absent]
    if present:
        b.labelled("Deltagere", "; ".join(present))
    if absent:
        b.labelled("Fraværende", "; ".join(absent))


def _heading(item) -> str:
    """The heading the PDF prints (writers/_labels.py), then the closed mark the PDF prints on its meta line."""
    text = item_heading(item)
    return f"{text} (Lukket punkt)" if item.access == "closed" else text


def build(minutes: Minutes, options: Options | None = None):
    """The python-docx Document for ``minutes`` (not yet saved)."""
    options = options or Options()
    b = _Builder(_open_reference(options))
    title = document_title(minutes)
    b.para(title, "Title")
    _meeting(b, minutes)
    for item in minutes.items:
        b.para(_heading(item), "Heading1")
        facts = [("Sagsnr.", item.case_number), ("Dok.nr.", item.document_id)]
        for label, value in facts:
            if value:
                b.labelled(label, value)
        for section in item.sections:
            # A section printed without a heading gets none (not its kind's English name); its
            # subheadings then stand one level up, so no heading level is skipped.
            if section.heading:
                b.para(section.heading, "Heading2")
            b.blocks(section.blocks, section.kind == "decision", "Heading3" if section.heading else "Heading2")
        for heading, people in item_tables(item):  # votes and attendance as tables (issue 13)
            b.para(heading, "Heading2")
            b.table(people.rows, header=True)
        if item.attachments:
            b.para("Bilag", "Heading2")
            rows = [["Nr.", "Titel", "Adgang", "Dok.nr.", "Sagsnr."]]
            rows += [
                [
                    f"{a.number} ({a.marker})" if a.marker else a.number,
                    a.title,
                    a.access_label or ("Lukket" if a.access == "closed" else "Åben"),
                    a.document_id or "",
                    a.case_number or "",
                ]
                for a in item.attachments
            ]
            b.table(rows, header=True)
    _properties(b.doc, minutes, title)
    return b.doc


def _properties(document, minutes: Minutes, title: str) -> None:
    m = minutes.meeting
    props = document.core_properties
    props.title = clean(title)
    props.language = "da-DK"
    subject = ["Referat af møde", m.body and f"i {m.body}", m.date and f"den {danish_date(m.date)}"]
    props.subject = clean(" ".join(x for x in subject if x))
    props.keywords = clean("; ".join(x for x in ("referat", m.authority, m.body) if x))
    props.comments = clean(f"Konverteret af referat fra {minutes.source.file}")
    props.author = clean(m.authority or m.body or "referat")
    if m.date:  # the meeting's date, not the clock: the same input gives the same document
        props.created = props.modified = dt.datetime(m.date.year, m.date.month, m.date.day, tzinfo=dt.UTC)


def write(minutes: Minutes, dest: Path, options: Options | None = None) -> None:
    document = build(minutes, options)
    try:
        document.save(str(dest))
        settle(Path(dest), minutes.meeting.date)
    except OSError as exc:
        raise OutputError(str(dest), f"cannot write the Word document: {exc.strerror or exc}") from None
