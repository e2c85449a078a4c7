"""Model ⇄ canonical XML, and validation against ``schemas/minutes.xsd``.

This module is the only code that knows how the model is spelled in XML. The vocabulary is the
contract in DESIGN.md ("Canonical vocabulary"); XML Schema 1.0 (https://www.w3.org/TR/xmlschema-1/)
checks it. Parsing goes through ``convert.xml`` (no DTD, no entities, no network).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from convert import canonical_people, clean
from convert import xml as safexml
from convert.errors import InputError, ValidationError
from convert.model import (
    Attachment,
    Item,
    ListBlock,
    ListItem,
    Meeting,
    Minutes,
    Paragraph,
    Person,
    Removed,
    Section,
    Source,
    Subheading,
    Table,
)
from convert.resources import resource

VERSION = "1"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


# ---------------------------------------------------------------- model -> XML


def _set(el: etree._Element, name: str, value) -> None:
    if value is None or value == "":
        return
    if isinstance(value, bool):
        value = "true" if value else "false"
    elif isinstance(value, dt.date):
        value = value.isoformat()
    el.set(name, _clean(str(value)))


def _clean(text: str) -> str:
    """XML 1.0 cannot carry most C0 control characters; a reader should never produce them,
    but a hand-built model might, and the document must still serialise."""
    return clean.text(text)


def _text(parent: etree._Element, tag: str, text: str | None) -> etree._Element | None:
    if text is None:
        return None
    el = etree.SubElement(parent, tag)
    el.text = _clean(text)
    return el


def _list_xml(parent: etree._Element, block: ListBlock) -> None:
    el = etree.SubElement(parent, "list")
    if block.ordered:
        el.set("ordered", "true")
    for name, value in (("style", block.style), ("delimiter", block.delimiter), ("start", block.start)):
        if value is not None:
            el.set(name, str(value))
    for li in block.items:
        li_el = etree.SubElement(el, "li")
        li_el.text = _clean(li.text)
        if li.sublist is not None:
            _list_xml(li_el, li.sublist)


def _blocks_xml(parent: etree._Element, blocks) -> None:
    for block in blocks:
        if isinstance(block, Paragraph):
            _text(parent, "p", block.text)
        elif isinstance(block, Subheading):
            _text(parent, "subheading", block.text)
        elif isinstance(block, ListBlock):
            _list_xml(parent, block)
        elif isinstance(block, Table):
            table = etree.SubElement(parent, "table")
            if block.header:
                table.set("header", "true")
            for row in block.rows:
                row_el = etree.SubElement(table, "row")
                for cell in row:
                    _text(row_el, "cell", cell)
        else:
            raise TypeError(f"not a block: {block!r}")


def _root() -> etree._Element:
    root = etree.Element("minutes", nsmap=None)
    root.set("version", VERSION)
    root.set(XML_LANG, "da")
    return root


def _head_xml(root: etree._Element, minutes: Minutes) -> None:
    src = etree.SubElement(root, "source")
    _set(src, "file", minutes.source.file)
    _set(src, "format", minutes.source.format)
    _set(src, "sha256", minutes.source.sha256)
    _set(src, "pages", minutes.source.pages)
    _set(src, "ocr", " ".join(str(n) for n in minutes.source.ocr))
    _set(src, "ocrConfidence", " ".join(f"{c:g}" for c in minutes.source.ocr_confidence))

    m = minutes.meeting
    meeting = etree.SubElement(root, "meeting")
    _text(meeting, "authority", m.authority)
    _text(meeting, "body", m.body)
    _text(meeting, "date", m.date.isoformat() if m.date else None)
    _text(meeting, "start", m.start)
    _text(meeting, "end", m.end)
    _text(meeting, "location", m.location)
    if m.participants:
        people = etree.SubElement(meeting, "participants")
        for p in m.participants:
            person = _text(people, "person", p.name)
            _set(person, "role", p.role)
            _set(person, "party", p.party)
            if p.absent:
                _set(person, "absent", True)
            _set(person, "reason", p.reason)


def _item_xml(root: etree._Element, item: Item) -> None:
    it = etree.SubElement(root, "item")
    _set(it, "number", item.number)
    _set(it, "access", item.access)
    _set(it, "caseNumber", item.case_number)
    _set(it, "documentId", item.document_id)
    _set(it, "label", item.label)
    _set(it, "accessLabel", item.access_label)
    _text(it, "title", item.title)
    for s in item.sections:
        sec = etree.SubElement(it, "section")
        _set(sec, "kind", s.kind)
        sec.set("heading", _clean(s.heading))
        _set(sec, "body", s.body)
        _set(sec, "date", s.date)
        _blocks_xml(sec, s.blocks)
    canonical_people.items_xml(it, item, _text, _set)
    if item.attachments:
        atts = etree.SubElement(it, "attachments")
        for a in item.attachments:
            att = _text(atts, "attachment", a.title)
            _set(att, "number", a.number)
            _set(att, "access", a.access)
            _set(att, "accessLabel", a.access_label)
            _set(att, "documentId", a.document_id)
            _set(att, "caseNumber", a.case_number)
            _set(att, "marker", a.marker)


def _furniture_xml(root: etree._Element, minutes: Minutes) -> None:
    if minutes.furniture:
        furn = etree.SubElement(root, "furniture")
        for r in minutes.furniture:
            rem = _text(furn, "removed", r.text)
            _set(rem, "page", r.page)
            _set(rem, "kind", r.kind)


def to_element(minutes: Minutes) -> etree._Element:
    root = _root()
    _head_xml(root, minutes)
    for item in minutes.items:
        _item_xml(root, item)
    _furniture_xml(root, minutes)
    return root


def write(minutes: Minutes, out: BinaryIO, name: str | None = None) -> None:
    """Write what ``serialise(to_element(minutes))`` gives, holding the XML of one item at a
    time; with a ``name``, each part is checked against the schema first (beside the source and
    meeting, in a document of its own: the schema has no constraint across items)."""
    parts: list[Callable[[etree._Element], None]] = [lambda root: _head_xml(root, minutes)]
    parts += [lambda root, item=item: _item_xml(root, item) for item in minutes.items]
    parts.append(lambda root: _furniture_xml(root, minutes))
    out.write(b"<?xml version='1.0' encoding='UTF-8'?>\n")
    for n, part in enumerate(parts):
        root = _root()
        if n and name is not None:
            _head_xml(root, minutes)
            part(root)
            check(root, name)
            for head in root[:2]:
                root.remove(head)
        else:
            part(root)
            if n == 0 and name is not None:
                check(root, name)
        if len(root) == 0:
            continue
        text = etree.tostring(root, encoding="UTF-8", pretty_print=True)
        start_tag = text.index(b">\n") + 2  # ">" in an attribute value is written "&gt;"
        if n == 0:
            out.write(text[:start_tag])
        out.write(text[start_tag : -len(b"</minutes>\n")])
    out.write(b"</minutes>\n")


def serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def to_bytes(minutes: Minutes) -> bytes:
    return serialise(to_element(minutes))


# ---------------------------------------------------------------- XML -> model


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _child_text(el: etree._Element, tag: str) -> str | None:
    child = el.find(tag)
    return None if child is None else (child.text or "")


def _list_model(el: etree._Element) -> ListBlock:
    items = []
    for li in el.iterchildren("li"):
        sub = li.find("list")
        items.append(ListItem(text=li.text or "", sublist=_list_model(sub) if sub is not None else None))
    start = el.get("start")
    return ListBlock(
        items=items,
        ordered=el.get("ordered") in ("true", "1"),
        style=el.get("style"),
        delimiter=el.get("delimiter"),
        start=int(start) if start is not None else None,
    )


def _blocks_model(section: etree._Element):
    blocks = []
    for el in section:
        if el.tag == "p":
            blocks.append(Paragraph(el.text or ""))
        elif el.tag == "subheading":
            blocks.append(Subheading(el.text or ""))
        elif el.tag == "list":
            blocks.append(_list_model(el))
        elif el.tag == "table":
            rows = [[c.text or "" for c in row.iterchildren("cell")] for row in el.iterchildren("row")]
            blocks.append(Table(rows=rows, header=el.get("header") in ("true", "1")))
    return blocks


def from_element(root: etree._Element) -> Minutes:
    src = root.find("source")
    pages = src.get("pages")
    source = Source(
        file=src.get("file"), format=src.get("format"), sha256=src.get("sha256"), pages=int(pages) if pages else None
    )
    source.ocr = [int(n) for n in src.get("ocr", "").split()]
    source.ocr_confidence = [float(c) for c in src.get("ocrConfidence", "").split()]
    m = root.find("meeting")
    people = [
        Person(
            name=p.text or "",
            role=p.get("role"),
            party=p.get("party"),
            absent=p.get("absent") in ("true", "1"),
            reason=p.get("reason"),
        )
        for p in m.iterfind("participants/person")
    ]
    meeting = Meeting(
        authority=_child_text(m, "authority"),
        body=_child_text(m, "body"),
        date=_date(_child_text(m, "date")),
        start=_child_text(m, "start"),
        end=_child_text(m, "end"),
        location=_child_text(m, "location"),
        participants=people,
    )
    items = []
    for it in root.iterchildren("item"):
        sections = [
            Section(
                kind=s.get("kind"),
                heading=s.get("heading"),
                blocks=_blocks_model(s),
                body=s.get("body"),
                date=_date(s.get("date")),
            )
            for s in it.iterchildren("section")
        ]
        attachments = [
            Attachment(
                number=a.get("number"),
                title=a.text or "",
                access=a.get("access"),
                access_label=a.get("accessLabel"),
                document_id=a.get("documentId"),
                case_number=a.get("caseNumber"),
                marker=a.get("marker"),
            )
            for a in it.iterfind("attachments/attachment")
        ]
        items.append(
            Item(
                number=it.get("number"),
                title=_child_text(it, "title") or "",
                access=it.get("access"),
                label=it.get("label"),
                access_label=it.get("accessLabel"),
                case_number=it.get("caseNumber"),
                document_id=it.get("documentId"),
                sections=sections,
                attachments=attachments,
                **canonical_people.items_model(it),
            )
        )
    furniture = [
        Removed(page=int(r.get("page")), kind=r.get("kind"), text=r.text or "")
        for r in root.iterfind("furniture/removed")
    ]
    return Minutes(source=source, meeting=meeting, items=items, furniture=furniture)


# ---------------------------------------------------------------- validation and files


@cache
def schema() -> etree.XMLSchema:
    path = resource("schemas/minutes.xsd")
    doc = etree.parse(str(path), parser=etree.XMLParser(no_network=True, resolve_entities=False))
    return etree.XMLSchema(doc)


def check(root: etree._Element, name: str = "<minutes>") -> None:
    """Raise ValidationError naming the first problems if ``root`` is not valid canonical XML."""
    xsd = schema()
    if not xsd.validate(root):
        problems = "; ".join(f"line {e.line}: {e.message}" for e in list(xsd.error_log)[:3])
        raise ValidationError(name, f"not valid canonical minutes: {problems}")


def validate(path: str | Path) -> Minutes:
    """Parse and validate a canonical XML or JSON file (by its content); return its model."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read file: {exc.strerror or exc}") from None
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith((b"{", b"[")):
        from convert.model import Source
        from convert.readers import canonical_json

        return canonical_json.read(data, Source(file=str(path), format="json", sha256=""))
    root = safexml.parse_bytes(data, str(path))
    check(root, str(path))
    return from_element(root)


def read(path: str | Path) -> Minutes:
    """Read a canonical XML document (any minutes file referat wrote) back into the model."""
    root = safexml.parse_file(path)
    if root.tag != "minutes":
        raise InputError(str(path), f"XML root element is <{root.tag}>, not referat's <minutes>")
    check(root, str(path))
    return from_element(root)


def from_bytes(data: bytes, name: str = "<bytes>") -> Minutes:
    root = safexml.parse_bytes(data, name)
    check(root, name)
    return from_element(root)
