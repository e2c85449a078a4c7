"""HTML fragments into the model's blocks: the item text of FirstAgenda (``Felter[].Html``), the
text fields of eDoc and SBSYS exports, and web pages.

Parsed with lxml's HTML parser (libxml2's, https://lxml.de/parsing.html#parsing-html), which copes with
the tag soup these systems emit. Elements map onto blocks as the HTML Living Standard defines
them (https://html.spec.whatwg.org/multipage/grouping-content.html): ``p``/``div`` and ``<br>``
break paragraphs, ``ul``/``ol``/``li`` become (nested) lists with the ``ol`` numbering of
``type``/``start``, ``table`` becomes a table whose first row is its header when it is made of
``th``, sits in ``thead`` or is all in bold, ``h1``–``h6`` become subheadings. Runs of paragraphs
typed as bullets ("- …") become lists. Inline elements (emphasis, spans,
links) only carry text: their styles are dropped, and so are elements with no words. Entities
are decoded by the parser. Every word of the fragment's text ends up in some block.

``convert.readers.html_sections`` splits the blocks at their headings into sections.
"""

from __future__ import annotations

import html as htmllib
import re
from dataclasses import dataclass

from lxml import etree

from convert.model import Block, ListBlock, ListItem, Paragraph, Subheading, Table
from convert.readers.grammar.blocks import BULLETS

_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_TAG = re.compile(r"<!--.*?-->|<[^>]*>", re.DOTALL)
# Elements that start a new line of text when rendered (HTML's "flow content" that is not phrasing).
_BREAKING = frozenset((
    "p", "div", "blockquote", "section", "article", "header", "footer", "main", "nav", "aside",
    "address", "center", "pre", "figure", "figcaption", "form", "fieldset", "dl", "dt", "dd", "hr",
    "li", "tr", "td", "th", "caption", "tbody", "thead", "tfoot", "body", "html",
))  # fmt: skip
_UNRENDERED = frozenset(("script", "style", "head", "title", "template", "noscript"))
_OL_TYPES = {"1": "decimal", "a": "lower-alpha", "A": "upper-alpha", "i": "lower-roman", "I": "upper-roman"}
_CSS_LIST_STYLE = re.compile(r"list-style(?:-type)?\s*:\s*(decimal|lower-alpha|upper-alpha|lower-roman|upper-roman)")


@dataclass
class Heading:
    """A heading as parsed, its level kept until the blocks are split into sections."""

    level: int
    text: str


def _words(text: str) -> str:
    return " ".join(text.split())


# Plain elements (not lxml.html's classes, whose look-up costs a third of the time); comments and
# processing instructions are no text of the document.
# huge_tree: libxml2 otherwise drops everything nested deeper than 256 elements, text and all.
_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, huge_tree=True)


def _content(el) -> str:
    return "".join(el.itertext())


def parse(fragment: str) -> etree._Element | None:
    """The fragment as one element tree (the parsed page's ``body``), or None when it holds
    nothing. A whole page parses the same way: its body is the fragment."""
    if not fragment or not fragment.strip():
        return None
    try:
        root = etree.fromstring(fragment.lstrip("\ufeff"), _PARSER)
    except etree.XMLSyntaxError:  # libxml2 found no element at all (only a comment, say)
        return None
    if any(e.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT for e in _PARSER.error_log):
        # Nested deeper than libxml2 goes (2,048 elements, even with huge_tree): it drops
        # what lies deeper. Only the words can be kept then, as one paragraph.
        flat = etree.Element("body")
        flat.text = htmllib.unescape(_TAG.sub(" ", fragment))
        return flat
    body = root.find("body") if root is not None else None
    return body


@dataclass
class BoldParagraph(Paragraph):
    """A paragraph all in bold: how HTML made from Word documents often prints a heading."""


_BOLD = frozenset(("b", "strong"))


class _Builder:
    """Walks the tree in document order, gathering inline text into the current paragraph."""

    def __init__(self) -> None:
        self.out: list[Block | Heading] = []
        self.inline: list[str] = []
        self.plain = False  # some of the current paragraph's words are not bold
        self.bold = 0  # depth of bold elements around the text being gathered

    def add(self, text: str) -> None:
        self.inline.append(text)
        if not self.bold and text.strip():
            self.plain = True

    def flush(self) -> None:
        text = _words("".join(self.inline))
        self.inline = []
        if text:
            self.out.append(Paragraph(text) if self.plain else BoldParagraph(text))
        self.plain = False

    def visit(self, el) -> None:
        tag = el.tag if isinstance(el.tag, str) else None
        tag = tag.lower() if tag else None
        if tag is None or tag in _UNRENDERED:
            pass  # comments, processing instructions, scripts: no text of the document
        elif tag in _HEADINGS:
            self.flush()
            # An empty heading is kept for now: at a section level it still ends a section.
            self.out.append(Heading(_HEADINGS[tag], _words(_content(el))))
        elif tag in ("ul", "ol", "menu"):
            self.flush()
            lst = _list(el)
            if lst.items:
                self.out.append(lst)
        elif tag == "table":
            self.flush()
            table, above = _table(el)
            self.out.extend(Paragraph(t) for t in above if t)
            if table.rows:
                self.out.append(table)
        elif tag == "br":
            self.flush()
        elif tag in _BREAKING:
            self.flush()
            self.children(el)
            self.flush()
        else:
            bold = tag in _BOLD
            self.bold += bold
            self.children(el)
            self.bold -= bold
        if el.tail:
            self.add(el.tail)

    def children(self, el) -> None:
        if el.text and isinstance(el.tag, str):
            self.add(el.text)
        for child in el:
            self.visit(child)


def _raw_blocks(el) -> list[Block | Heading]:
    builder = _Builder()
    builder.children(el)
    builder.flush()
    return builder.out


def top_blocks(el) -> list[Block | Heading]:
    """:func:`_raw_blocks` of a whole fragment; nesting deeper than Python's stack allows (only a
    hostile or broken fragment has it) gives its text as one paragraph instead of an error."""
    try:
        return _raw_blocks(el)
    except RecursionError:
        text = _words(" ".join(el.itertext()))
        return [Paragraph(text)] if text else []


def _flat(blocks: list) -> str:
    """Blocks as one line of text (a table cell, a list item's own text)."""
    parts: list[str] = []
    for b in blocks:
        if isinstance(b, ListBlock):
            parts.extend(_flat_list(b))
        elif isinstance(b, Table):
            parts.extend(cell for row in b.rows for cell in row if cell)
        else:
            parts.append(b.text)
    return " ".join(p for p in parts if p)


def _flat_list(lst: ListBlock) -> list[str]:
    out = []
    for li in lst.items:
        out.append(li.text)
        if li.sublist:
            out.extend(_flat_list(li.sublist))
    return out


def _list(el) -> ListBlock:
    ordered = el.tag.lower() == "ol"
    style = start = None
    if ordered:
        css = _CSS_LIST_STYLE.search(el.get("style", ""))
        style = css[1] if css else _OL_TYPES.get(el.get("type", "").strip())
        try:
            start = int(el.get("start", ""))
        except ValueError:
            start = None
        if start == 1:
            start = None
    lst = ListBlock(ordered=ordered, style=style, start=start)
    # Text between items (and elements other than li, which browsers still show) makes an item
    # of its own, so that no word is lost.
    if el.text and el.text.strip():
        lst.items.append(ListItem(_words(el.text)))
    for child in el:
        if not isinstance(child.tag, str):
            pass
        elif child.tag.lower() in ("ul", "ol"):
            sub = _list(child)
            if sub.items and lst.items and lst.items[-1].sublist is None:
                lst.items[-1].sublist = sub
            elif sub.items:
                lst.items.append(ListItem("", sub))
        else:
            item = _item(child)
            if item is not None:
                lst.items.append(item)
        if child.tail and child.tail.strip():
            lst.items.append(ListItem(_words(child.tail)))
    return lst


def _item(li) -> ListItem | None:
    """One list item: its text, and its nested lists joined into the one sublist the model has."""
    blocks = _raw_blocks(li)
    texts, sublist = [], None
    for b in blocks:
        if isinstance(b, ListBlock):
            if sublist is None:
                sublist = b
            else:
                sublist.items.extend(b.items)
        else:
            texts.append(_flat([b]))
    text = " ".join(t for t in texts if t)
    if not text and sublist is None:
        return None
    return ListItem(text, sublist)


_CELLS = ("td", "th")
_ROW_GROUPS = ("thead", "tbody", "tfoot")


def _table(el) -> tuple[Table, list[str]]:
    """The table, and the text standing in it outside any cell (browsers show that text above
    the table; it is kept as paragraphs there)."""
    rows: list[tuple[list, bool]] = []  # cells, in thead
    stray: list[str] = []
    caption: list[str] = []

    def walk(node, in_head: bool) -> None:
        if node.text:
            stray.append(node.text)
        for child in node:
            tag = child.tag.lower() if isinstance(child.tag, str) else None
            if tag in _ROW_GROUPS:
                walk(child, tag == "thead")
            elif tag == "tr":
                rows.append(([c for c in child if isinstance(c.tag, str) and c.tag.lower() in _CELLS], in_head))
                stray_row(child)
            elif tag == "caption":
                caption.append(_flat(_raw_blocks(child)))
            elif tag is not None:
                stray.append(" " + _flat(_raw_blocks(child)) + " ")
            if child.tail:
                stray.append(child.tail)

    def stray_row(tr) -> None:
        if tr.text:
            stray.append(tr.text)
        for cell in tr:
            if not isinstance(cell.tag, str):
                pass
            elif cell.tag.lower() not in _CELLS:
                stray.append(" " + _flat(_raw_blocks(cell)) + " ")
            if cell.tail:
                stray.append(cell.tail)

    walk(el, False)
    table = Table()
    first_bold = False
    for cells, in_head in rows:
        raws = [_raw_blocks(c) for c in cells]
        texts = [_flat(raw) for raw in raws]
        if not any(texts):
            continue
        if not table.rows:
            # A first row of th (or in thead) is the header; so is a first row all in bold,
            # how Word-made HTML marks its header row (600 of Greve's 1,133 tables).
            table.header = in_head or all(c.tag.lower() == "th" for c in cells)
            first_bold = all(isinstance(b, BoldParagraph) for raw in raws for b in raw)
        table.rows.append(texts)
    table.header = table.header or (first_bold and len(table.rows) > 1)
    width = max((len(r) for r in table.rows), default=0)
    table.rows = [r + [""] * (width - len(r)) for r in table.rows]
    # The model's table has no caption: it is a paragraph above the table.
    return table, [*caption, _words("".join(stray))]


def public(raw: list[Block | Heading]) -> list[Block]:
    """Parsed blocks as the model's: headings as subheadings (empty ones dropped), bold
    paragraphs as paragraphs."""
    out: list[Block] = []
    for b in raw:
        if isinstance(b, Heading):
            if b.text:
                out.append(Subheading(b.text))
        else:
            out.append(Paragraph(b.text) if isinstance(b, BoldParagraph) else b)
    return out


# A paragraph typed as a bullet ("- tekst", "• tekst"): the bullet characters of the minutes
# grammar, and dashes. Numbers are left alone: "10. januar 2022 besluttede ..." opens sentences.
_TYPED_BULLET = re.compile(rf"[{BULLETS}\u00b7\-\u2013]\s+(?=\S)")


def bulleted(blocks: list[Block]) -> list[Block]:
    """Runs of paragraphs typed as bullets become a bulleted list (what HTML made from Word
    documents and typed in web editors holds instead of ``<ul>``)."""
    out: list[Block] = []
    typed: ListBlock | None = None  # the list the last paragraph went into
    for b in blocks:
        m = _TYPED_BULLET.match(b.text) if type(b) is Paragraph else None
        if m is None:
            out.append(b)
            typed = None
            continue
        if typed is None:
            typed = ListBlock()
            out.append(typed)
        typed.items.append(ListItem(b.text[m.end() :]))
    return out


def blocks(fragment: str) -> list[Block]:
    """The fragment's text as the model's blocks; headings become subheadings."""
    root = parse(fragment)
    return [] if root is None else bulleted(public(top_blocks(root)))


def element_blocks(el: etree._Element) -> list[Block]:
    """:func:`blocks` of the content of an element of a parsed page."""
    return bulleted(public(top_blocks(el)))
