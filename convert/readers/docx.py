"""Reader for Word minutes (.docx, Office Open XML WordprocessingML, ECMA-376 Part 1).

Read with python-docx (https://python-docx.readthedocs.io/). The body's paragraphs and tables
become the recognizer's Lines in reading order, so that Word minutes go through the same grammar
as text and PDF: a paragraph is one Line that starts a new paragraph (``break_before``), a
manual line break (``w:br``) starts another; a heading (a "Heading N"/"Overskrift N" style or
an outline level, ``w:outlineLvl``, 17.3.1.20, on the paragraph or its style chain) carries the
role "H<level>" and counts as bold, as does a short paragraph whose every run is bold; a numbered or
bulleted paragraph (``w:numPr``, 17.9) gets the marker Word would print, counted from the
numbering part (``w:num``/``w:abstractNum``, start values and overrides); a table row is one
Line with its cells, "TH" for a repeated header row (``w:tblHeader``) or an all-bold first row.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter

import docx
from docx.document import Document
from docx.opc.exceptions import OpcError
from docx.oxml.ns import qn
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml import etree

from convert.errors import InputError
from convert.model import Minutes, Source
from convert.numbering import label
from convert.readers.grammar import starts, vocabulary
from convert.readers.grammar.lines import Line
from convert.readers.grammar.recognizer import recognize

_HEADING_STYLE = re.compile(r"(?:heading|overskrift)\s*(\d)\Z", re.IGNORECASE)
# ST_NumberFormat (17.18.59) -> the model's list-style names (convert.numbering).
_FORMATS = {"decimal": "decimal", "lowerLetter": "lower-alpha", "upperLetter": "upper-alpha",
            "lowerRoman": "lower-roman", "upperRoman": "upper-roman", "decimalZero": "decimal"}  # fmt: skip
_BULLETS = ("\u2022", "o")  # what the text grammar reads as a bullet and a sub-bullet
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
BOLD_HEADING_MAX = 120  # characters
MAX_UNPACKED = 512 * 2**20  # bytes: far above any minutes, with pictures


def _val(el, tag: str) -> str | None:
    child = el.find(qn(tag)) if el is not None else None
    return child.get(qn("w:val")) if child is not None else None


class _Numbering:
    """The numbers Word prints before numbered paragraphs: one counter per list and level."""

    def __init__(self, document: Document):
        try:
            part = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            part = None
        self.abstract = {}
        self.nums: dict[str, tuple[str | None, dict[str, int], dict]] = {}
        if part is None:
            return
        for a in part.findall(qn("w:abstractNum")):
            levels = {lvl.get(qn("w:ilvl")): lvl for lvl in a.findall(qn("w:lvl"))}
            self.abstract[a.get(qn("w:abstractNumId"))] = levels
        for num in part.findall(qn("w:num")):
            starts, levels = {}, {}
            for override in num.findall(qn("w:lvlOverride")):
                start = _val(override, "w:startOverride")
                if start is not None and start.lstrip("-").isdigit():
                    starts[override.get(qn("w:ilvl"))] = int(start)
                # A level defined in the override replaces the abstract one for this list (17.9.8).
                if override.find(qn("w:lvl")) is not None:
                    levels[override.get(qn("w:ilvl"))] = override.find(qn("w:lvl"))
            self.nums[num.get(qn("w:numId"))] = (_val(num, "w:abstractNumId"), starts, levels)
        self.counters: dict[str, list[int | None]] = {}
        self.restarted: set[tuple[str, int]] = set()

    def marker(self, num_id: str, level: int) -> str | None:
        if num_id not in self.nums or num_id == "0":
            return None
        abstract_id, starts, overridden = self.nums[num_id]
        lvl = overridden.get(str(level), self.abstract.get(abstract_id, {}).get(str(level)))
        fmt = _val(lvl, "w:numFmt") or "decimal"
        # Paragraphs of every w:num of one abstract list count on together; a w:num that
        # overrides a level's start restarts that level where it is first used (17.9.27).
        counts = self.counters.setdefault(abstract_id or num_id, [None] * 9)
        start = starts.get(str(level), int(_val(lvl, "w:start") or 1) if lvl is not None else 1)
        restart = str(level) in starts and (num_id, level) not in self.restarted
        self.restarted.add((num_id, level))
        counts[level] = start if counts[level] is None or restart else counts[level] + 1
        for deeper in range(level + 1, 9):
            counts[deeper] = None
        if fmt == "bullet" or fmt == "none":
            return _BULLETS[min(level, 1)] if fmt == "bullet" else ""
        text = _val(lvl, "w:lvlText") or f"%{level + 1}."

        def number(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            value = counts[k] if 0 <= k < 9 and counts[k] is not None else 1
            return label(_FORMATS.get(fmt if k == level else "decimal", "decimal"), value)

        return re.sub(r"%([1-9])", number, text)


def _style_chain(paragraph: DocxParagraph):
    style = paragraph.style
    seen = 0
    while style is not None and seen < 20:
        yield style
        style, seen = style.base_style, seen + 1


def _heading_level(paragraph: DocxParagraph) -> int | None:
    own = _val(paragraph._p.pPr, "w:outlineLvl")
    if own is not None and own.isdigit() and int(own) < 9:
        return int(own) + 1
    for style in _style_chain(paragraph):
        m = _HEADING_STYLE.match(style.name or "")
        if m:
            return int(m.group(1))
        level = _val(style.element.pPr, "w:outlineLvl")
        if level is not None and level.isdigit() and int(level) < 9:
            return int(level) + 1
    return None


def _num_pr(paragraph: DocxParagraph):
    """The paragraph's numbering: its own ``w:numPr``, else its style's ("List Number")."""
    if paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None:
        return paragraph._p.pPr.numPr
    for style in _style_chain(paragraph):
        if style.element.pPr is not None and style.element.pPr.numPr is not None:
            return style.element.pPr.numPr
    return None


def _bold(paragraph: DocxParagraph) -> bool:
    runs = [r for r in paragraph.runs if r.text.strip()]
    if not runs:
        return False
    style_bold = any(s.font.bold for s in _style_chain(paragraph))
    return all(r.bold or (r.bold is None and style_bold) for r in runs)


def _paragraph_lines(paragraph: DocxParagraph, numbering: _Numbering) -> list[Line]:
    text = paragraph.text
    num_pr = _num_pr(paragraph)
    if num_pr is not None and num_pr.numId is not None:
        level = num_pr.ilvl.val if num_pr.ilvl is not None else 0
        marker = numbering.marker(str(num_pr.numId.val), min(int(level), 8))
        if marker and text.strip():
            text = f"{marker} {text}"
    level = _heading_level(paragraph)
    role = f"H{level}" if level else None
    # A whole paragraph in bold is a heading only when short: a long one is emphasised text.
    bold = bool(level) or (_bold(paragraph) and len(text) <= BOLD_HEADING_MAX)
    parts = [" ".join(p.split()) for p in text.split("\n")]
    return [Line(p, role=role, bold=bold, break_before=True) if p else Line("") for p in parts]


def _cell_text(tc) -> str:
    """Every paragraph of a cell, also those of a table or text box in it, as one line."""
    texts = []
    for p in tc.iter(qn("w:p")):
        if not any(a.tag == _FALLBACK for a in p.iterancestors()):
            own = (t.text or "" for t in p.iter(qn("w:t")) if next(t.iterancestors(qn("w:p"))) is p)
            texts.append(" ".join("".join(own).split()))
    return " ".join(t for t in texts if t)


def _table_lines(table: DocxTable) -> list[Line]:
    lines: list[Line] = []
    for r, row in enumerate(table.rows):
        cells: list[str] = []
        for cell in row.cells:
            cells.append(_cell_text(cell._tc))
        # A merged cell repeats in python-docx's row.cells: each is kept once.
        deduped = [c for k, c in enumerate(cells) if k == 0 or row.cells[k]._tc is not row.cells[k - 1]._tc]
        header = r == 0 and (
            (row._tr.trPr is not None and row._tr.trPr.find(qn("w:tblHeader")) is not None)
            or all(_bold(p) for cell in row.cells for p in cell.paragraphs if p.text.strip())
        )
        if any(deduped):
            lines.append(Line(" ".join(c for c in deduped if c), role="TH" if header else "TR", cells=tuple(deduped)))
    lines.append(Line(""))
    return lines


def _blocks(container, parent) -> list[DocxParagraph | DocxTable]:
    """Paragraphs and tables in reading order, also those inside content controls (``w:sdt``,
    17.5.2), which municipal templates use for the meeting's fields."""
    out: list[DocxParagraph | DocxTable] = []
    for child in container.iterchildren():
        if child.tag == qn("w:p"):
            out.append(DocxParagraph(child, parent))
            # Text boxes anchored in the paragraph (the mc:Fallback holds a copy of the same).
            for box in child.iterfind(".//" + qn("w:txbxContent")):
                if not any(a.tag == _FALLBACK for a in box.iterancestors()):
                    out.extend(_blocks(box, parent))
        elif child.tag == qn("w:tbl"):
            out.append(DocxTable(child, parent))
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                out.extend(_blocks(content, parent))
    return out


def _furniture(document: Document) -> list[Line]:
    """Headers and footers, once each: page furniture, kept as such (never as content)."""
    seen: set[str] = set()
    out: list[Line] = []
    for section in document.sections:
        for kind, part in (("header", section.header), ("footer", section.footer)):
            if part.is_linked_to_previous and out:
                continue
            for p in part.paragraphs:
                text = " ".join(p.text.split())
                if text and (kind, text) not in seen:
                    seen.add((kind, text))
                    out.append(Line(text, furniture=kind))
    return out


def lines(document: Document) -> list[Line]:
    """The body's paragraphs and table rows as Lines, in reading order; headers and footers
    first, marked as furniture."""
    numbering = _Numbering(document)
    out: list[Line] = _furniture(document)
    for block in _blocks(document.element.body, document._body):
        if isinstance(block, DocxParagraph):
            out.extend(_paragraph_lines(block, numbering))
        else:
            out.extend(_table_lines(block))
    return out


def open_document(data: bytes, name: str) -> Document:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            unpacked = sum(info.file_size for info in zf.infolist())
        if unpacked > MAX_UNPACKED:
            # Checked before python-docx inflates any part: a small file may unpack to gigabytes.
            raise InputError(name, f"Word file unpacks to {unpacked // 2**20} MB: refused (a ZIP bomb?)")
        return docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, OpcError, etree.XMLSyntaxError) as exc:
        raise InputError(name, f"not a readable Word .docx file: {' '.join(str(exc).split())}") from None


def section_role(found: list[Line]) -> str | None:
    """The heading level of the section headings: the level at which the vocabulary's section
    and decision headings stand most often (as in a tagged PDF, a heading there whose words are
    not vocabulary is a section heading all the same)."""
    vocab = vocabulary.load(None)
    counts: Counter[str] = Counter()
    for line in found:
        bare = line.text.rstrip(" :.")
        if line.role and line.role.startswith("H") and (vocab.section_kind(bare) or vocab.decision(bare)):
            counts[line.role] += 1
    return counts.most_common(1)[0][0] if counts else None


def read(data: bytes, source: Source) -> Minutes:
    document = open_document(data, source.file)
    try:
        found = lines(document)  # parts such as numbering.xml are parsed only now
    except (KeyError, ValueError, OpcError, etree.XMLSyntaxError) as exc:
        raise InputError(source.file, f"not a readable Word .docx file: {' '.join(str(exc).split())}") from None
    if not any(line.text for line in found):
        raise InputError(source.file, "Word document holds no text")
    role = section_role(found)
    return recognize(found, source, section_roles=frozenset({role}) if role else None, item_role=item_role(found, role))


def item_role(found: list[Line], section: str | None) -> str | None:
    """The heading level just above the section headings, when no heading at it prints an item
    number: then each such heading starts an item (our own Word file of minutes whose items the
    source printed without numbers). Where the items are numbered, the numbers find them."""
    if not section or section == "H1":
        return None
    above = f"H{int(section[1:]) - 1}"
    vocab = vocabulary.choose([line.text for line in found if line.text])
    heads = [line.text for line in found if line.role == above]
    if not heads or any(starts.item_match(text, vocab) for text in heads):
        return None
    return above
