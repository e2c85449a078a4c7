"""Reader for the web page of a meeting on a FirstAgenda publication portal (FirstAgenda
Publication, e.g. dagsordener.aarhus.dk): the page as the portal serves it, all items unfolded.

The page's structure (no published specification; read from the pages): a ``table.dagsordeninfo``
of label/value rows ("Udvalg:", "Mødedato:", "Mødested:", "Mødedeltagere:"), and the items as rows
``tr.punktrow`` of ``table#dagsordenDetaljer``: the number in the first cell's ``span.label``, the
title in ``h2.overskrift``, and in ``div.details`` the case number (``span.sagsnummer``), the text
(``div.punkt``, the same HTML with ``<h3>`` headings as in the portal's JSON) and the attachments
(``a.bilag-link``, whose link holds the document id: ``/vis/pdf/bilag/<id>/``). A closed item says
so in its title ("Lukket: …"). The rest of the page (navigation, dialogs, scripts) is the portal's,
not the minutes'.
"""

from __future__ import annotations

import re

from lxml import etree

from convert.errors import NotMinutesError
from convert.model import Attachment, Item, ListBlock, Meeting, Minutes, Person, Source, Table
from convert.readers import html, html_sections
from convert.readers.firstagenda import closed_text_is_decision, split_access
from convert.readers.grammar.dates import find_time, parse_date
from convert.readers.grammar.vocabulary import Vocabulary, load

_PAGE = etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, huge_tree=True)
_DOCUMENT_ID = re.compile(r"/bilag/([^/?#]+)|enclosure-(.+)")


def _words(text: str | None) -> str:
    return " ".join((text or "").split())


def _classed(root, tag: str, name: str) -> list:
    """Elements whose class attribute holds ``name`` as one of its words."""
    return root.xpath(f"descendant-or-self::{tag}[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]")


def _first_text(root, tag: str, name: str) -> str:
    found = _classed(root, tag, name)
    return _words("".join(found[0].itertext())) if found else ""


def _info(root) -> dict[str, etree._Element]:
    """The meeting's label/value rows, by label without its colon."""
    rows = {}
    for table in _classed(root, "table", "dagsordeninfo"):
        for tr in table.iter("tr"):
            cells = [c for c in tr if c.tag in ("td", "th")]
            if len(cells) >= 2:
                rows[_words("".join(cells[0].itertext())).rstrip(":").lower()] = cells[1]
    return rows


def _meeting(root) -> Meeting:
    info = _info(root)

    def value(label: str) -> str:
        return _words("".join(info[label].itertext())) if label in info else ""

    when = value("mødedato") or _first_text(root, "h1", "dato")
    meeting = Meeting(
        body=value("udvalg") or _first_text(root, "span", "udvalg") or None,
        date=parse_date(when),
        start=find_time(when),
        location=value("mødested") or _first_text(root, "span", "sted") or None,
    )
    if "mødedeltagere" in info:
        # The portal fills the cell with one member a line or a list item.
        for block in html.element_blocks(info["mødedeltagere"]):
            if isinstance(block, ListBlock):
                names = [li.text for li in block.items]
            elif isinstance(block, Table):
                names = [cell for row in block.rows for cell in row]
            else:
                names = [block.text]
            meeting.participants.extend(Person(n) for n in names if n)
    return meeting


def _attachments(details, vocabulary: Vocabulary) -> list[Attachment]:
    out = []
    for n, link in enumerate(_classed(details, "a", "bilag-link"), 1):
        title, label, access = split_access(_words("".join(link.itertext())), vocabulary)
        m = _DOCUMENT_ID.search(link.get("href", "")) or _DOCUMENT_ID.search(link.get("id", ""))
        doc = (m[1] or m[2]) if m else None
        out.append(Attachment(str(n), title, access=access, access_label=label, document_id=doc))
    return out


def _item(row, vocabulary: Vocabulary) -> Item:
    caption = _first_text(row, "h2", "overskrift") or _first_text(row, "*", "overskrift")
    title, label, access = split_access(caption, vocabulary)
    item = Item(
        number=_first_text(row, "span", "label") or None,
        title=title,
        access=access,
        access_label=label,
        case_number=_first_text(row, "span", "sagsnummer") or None,
    )
    details = _classed(row, "div", "details")
    if details:
        for text in _classed(details[0], "div", "punkt"):
            item.sections.extend(html_sections.element_sections(text, vocabulary))
        item.attachments = _attachments(details[0], vocabulary)
    closed_text_is_decision(item, vocabulary)
    return item


def read(data: bytes, source: Source) -> Minutes:
    # The portal's pages are UTF-8 and do not always say so (no charset in a meta element),
    # where libxml2 would assume Latin-1; older pages in Windows-1252 still read.
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    root = etree.fromstring(text, _PAGE)
    vocabulary = load("firstagenda")
    source.format = "firstagenda"
    minutes = Minutes(source=source, meeting=_meeting(root))
    minutes.items = [_item(row, vocabulary) for row in _classed(root, "tr", "punktrow")]
    if not minutes.items:
        raise NotMinutesError(source.file, "FirstAgenda web page with no agenda items (no rows of class punktrow)")
    return minutes
