"""Writer for Akoma Ntoso 3.0 XML (OASIS LegalDocML, https://docs.oasis-open.org/legaldocml/akn-core/v1.0/).

The minutes become a ``doc name="minutes"``, not a ``debateReport``: Danish municipal minutes
are resolution minutes (beslutningsprotokol) -- items, case presentations and decisions -- while
debateReport's ``debateBody`` is built for verbatim records (speeches, questions, answers,
Akoma Ntoso Part 1, "debate"). ``doc`` takes a ``mainBody`` of generic ``hcontainer`` elements,
which fits the agenda structure exactly and validates against the OASIS schema.

* ``meta/identification`` carries the complete FRBR Work/Expression/Manifestation, with URIs
  after the Akoma Ntoso Naming Convention v1.0 (https://docs.oasis-open.org/legaldocml/akn-nc/v1.0/):
  work ``/akn/dk/doc/minutes/{authority-body}/{date}``, expression ``…/dan@``, manifestation
  ``…/dan@/!main.xml``; country ``dk``, language ``dan`` (ISO 639-2). All FRBR dates are the
  meeting date, never the clock, so a re-run gives the same bytes.
* ``meta/references`` names referat (the converter), the meeting body, the authority and the
  participants as TLCOrganization/TLCPerson; votes, parties and per-item attendance are added by
  ``_akoma_people`` (``meta/analysis/parliamentary/voting``).
* Each item is ``hcontainer name="agendaItem"`` with ``num``, ``heading`` and an ``intro`` holding
  the access line and case number; each section is a nested ``hcontainer`` named by its kind
  (``presentation``, ``decision``, ...) with the printed heading and a ``content`` of ``p``,
  ``blockList``/``item`` and ``table``. Item Bilag are listed in an ``hcontainer
  name="attachments"`` whose entries ``ref`` the document-level ``attachments/attachment``,
  each a ``documentRef`` to the Bilag's own work URI.
* eIds follow the naming convention's hierarchical form (``hcontainer_2__hcontainer_1__list_1``),
  numbered by position so that they are unique and well-formed whatever the printed numbers are.
* Closed items ("Lukket") keep their number, title and access line; their sections and Bilag,
  and closed Bilag of open items, are left out, as in the OParl output (open data only).
* Text is made XML-safe: characters XML 1.0 cannot carry become U+FFFD; lxml escapes the rest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from convert.model import Item, ListBlock, Minutes, Paragraph, Section, Subheading, Table
from convert.numbering import item_marker
from convert.writers import _akoma_people
from convert.writers._opendata import danish_date, date_key, organization_key, slug, unique

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
A = f"{{{NS}}}"
UNKNOWN_DATE = "1970-01-01"
# XML 1.0 Char production (https://www.w3.org/TR/xml/#charsets), negated.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


# Elements with mixed (inline) content, where added whitespace would change the text.
_MIXED = {"p", "heading", "subheading", "num", "docTitle", "docDate", "organization", "person", "date", "ref"}


@dataclass(frozen=True)
class Options:
    pretty: bool = True
    # The municipality's code (kommunekode, three digits, Danmarks Statistik): names the work
    # /akn/dk-<code>/..., so that one municipality's minutes are told from another's by their URIs.
    kommunekode: str | None = None


def write(minutes: Minutes, dest: Path, options: Options | None = None) -> None:
    options = options or Options()
    code = (options.kommunekode or "").strip()
    root = to_element(minutes, f"dk-{code}" if code else "dk")
    Path(dest).write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=options.pretty))


def _x(text: str | None) -> str:
    return _NOT_XML.sub("\ufffd", text or "")


def _el(parent, tag: str, text: str | None = None, **attrs) -> etree._Element:
    el = etree.SubElement(parent, A + tag)
    for key, value in attrs.items():
        if value is not None:
            el.set(key.rstrip("_"), _x(str(value)))
    if text is not None or tag in _MIXED:
        # An empty text node keeps pretty-printing from indenting inside mixed content.
        el.text = _x(text)
    return el


# ---------------------------------------------------------------- meta


def _uris(minutes: Minutes, country: str = "dk") -> dict[str, str]:
    work = f"/akn/{country}/doc/minutes/{organization_key(minutes)}/{date_key(minutes)}"
    return {
        "work": work,
        "expression": f"{work}/dan@",
        "manifestation": f"{work}/dan@/!main.xml",
    }


def _organizations(minutes: Minutes) -> dict[str, str]:
    """name -> eId for the meeting body (also under key "") and every body deciding an open item."""
    out: dict[str, str] = {}

    def add(key: str, name: str | None) -> None:
        out[key] = unique(f"body-{slug(name, 'ukendt')}", set(out.values()))

    add("", minutes.meeting.body)
    if (minutes.meeting.body or "").strip():
        out[minutes.meeting.body.strip()] = out[""]
    for item in minutes.items:
        for section in item.sections if item.access == "open" else ():
            name = (section.body or "").strip()
            if name and name not in out:
                add(name, name)
    return out


def _meta(doc, minutes: Minutes, orgs: dict[str, str], people: list[tuple[str, str]], country: str = "dk") -> None:
    org_id = orgs[""]
    meeting = minutes.meeting
    date = meeting.date.isoformat() if meeting.date else UNKNOWN_DATE
    date_name = "meeting" if meeting.date else "unknown"
    uris = _uris(minutes, country)
    meta = _el(doc, "meta")
    ident = _el(meta, "identification", source="#referat")
    work = _el(ident, "FRBRWork")
    _el(work, "FRBRthis", value=f"{uris['work']}/!main")
    _el(work, "FRBRuri", value=uris["work"])
    _el(work, "FRBRdate", date=date, name=date_name)
    _el(work, "FRBRauthor", href=f"#{org_id}")
    _el(work, "FRBRcountry", value="dk")
    _el(work, "FRBRsubtype", value="minutes")
    _el(work, "FRBRname", value="referat")
    expr = _el(ident, "FRBRExpression")
    _el(expr, "FRBRthis", value=f"{uris['expression']}/!main")
    _el(expr, "FRBRuri", value=uris["expression"])
    _el(expr, "FRBRdate", date=date, name=date_name)
    _el(expr, "FRBRauthor", href=f"#{org_id}")
    _el(expr, "FRBRlanguage", language="dan")
    manif = _el(ident, "FRBRManifestation")
    _el(manif, "FRBRthis", value=uris["manifestation"])
    _el(manif, "FRBRuri", value=f"{uris['expression']}.akn")
    _el(manif, "FRBRdate", date=date, name=date_name)
    _el(manif, "FRBRauthor", href="#referat")
    _el(manif, "FRBRformat", value="application/akn+xml")

    refs = _el(meta, "references", source="#referat")
    _el(refs, "TLCOrganization", eId="referat", href="/ontology/organization/referat", showAs="referat")
    _el(
        refs,
        "TLCOrganization",
        eId=org_id,
        href=f"/ontology/organization/dk/{organization_key(minutes)}",
        showAs=(meeting.body or "").strip() or "Ukendt udvalg",
    )
    for name, eid in orgs.items():
        if eid != org_id:
            _el(refs, "TLCOrganization", eId=eid, href=f"/ontology/organization/dk/{eid[5:]}", showAs=name)
    if (meeting.authority or "").strip():
        authority = meeting.authority.strip()
        href = f"/ontology/organization/dk/{slug(authority)}"
        _el(refs, "TLCOrganization", eId="authority", href=href, showAs=authority)
    for eid, name in people:
        _el(refs, "TLCPerson", eId=eid, href=f"/ontology/person/dk/{slug(name)}", showAs=name)


# ---------------------------------------------------------------- preface


def _people(minutes: Minutes) -> list[tuple[str, str]]:
    """(eId, name) per participant with a name; eIds unique even when names repeat."""
    out, seen = [], set()
    for person in minutes.meeting.participants:
        name = person.name.strip()
        if not name:
            continue
        eid = f"person-{slug(name, 'ukendt', 40)}"
        base, n = eid, 1
        while eid in seen:
            n += 1
            eid = f"{base}-{n}"
        seen.add(eid)
        out.append((eid, name))
    return out


def _preface(doc, minutes: Minutes, org_id: str, people: list[tuple[str, str]]) -> None:
    meeting = minutes.meeting
    preface = _el(doc, "preface")
    title = _el(_el(preface, "p", class_="title"), "docTitle", "Referat")
    if (meeting.body or "").strip():
        title.text += ": "
        _el(title, "organization", meeting.body.strip(), refersTo=f"#{org_id}")
    if meeting.date:
        date = _el(preface, "p", "Mødedato: ", class_="date")
        _el(date, "docDate", danish_date(meeting.date), date=meeting.date.isoformat())
    times = " – ".join(t.strip() for t in (meeting.start, meeting.end) if t and t.strip())
    if times:
        _el(preface, "p", f"Tidspunkt: {times}", class_="time")
    if (meeting.location or "").strip():
        _el(preface, "p", f"Sted: {meeting.location.strip()}", class_="location")
    if people:
        container = _el(preface, "container", name="participants", eId="container_participants")
        block_list = _el(container, "blockList", eId="container_participants__list_1")
        named = [p for p in meeting.participants if p.name.strip()]
        for n, ((eid, name), person) in enumerate(zip(people, named, strict=True), 1):
            p = _el(_el(block_list, "item", eId=f"container_participants__list_1__item_{n}"), "p")
            _el(p, "person", name, refersTo=f"#{eid}")
            extra = ", ".join(x.strip() for x in (person.role, person.party) if x and x.strip())
            if person.absent:
                extra = ", ".join(x for x in (extra, "fraværende") if x)
            if extra:
                p[-1].tail = _x(f" ({extra})")


# ---------------------------------------------------------------- body


def _blocks(parent, blocks, prefix: str) -> None:
    counts = {"list": 0, "table": 0}
    for block in blocks:
        if isinstance(block, Paragraph):
            _el(parent, "p", block.text)
        elif isinstance(block, Subheading):
            _el(parent, "p", block.text, class_="subheading")
        elif isinstance(block, ListBlock) and block.items:
            counts["list"] += 1
            _list(parent, block, f"{prefix}__list_{counts['list']}")
        elif isinstance(block, Table) and any(block.rows):
            counts["table"] += 1
            table = _el(parent, "table", eId=f"{prefix}__table_{counts['table']}")
            for r, row in enumerate(r for r in block.rows if r):
                tr = _el(table, "tr")
                for cell in row:
                    _el(_el(tr, "th" if block.header and r == 0 else "td"), "p", cell)


def _list(parent, block: ListBlock, eid: str) -> None:
    el = _el(parent, "blockList", eId=eid, class_="ordered" if block.ordered else None)
    for n, li in enumerate(block.items, 1):
        item = _el(el, "item", eId=f"{eid}__item_{n}")
        if block.ordered:  # the number as printed ("c.", "B)"), as AKN's <num> is meant to hold
            _el(item, "num", item_marker(block, n - 1))
        _el(item, "p", li.text)
        if li.sublist is not None and li.sublist.items:
            _list(item, li.sublist, f"{eid}__item_{n}__list_1")


def _section(parent, section: Section, eid: str, orgs: dict[str, str]) -> None:
    el = _el(parent, "hcontainer", name=section.kind or "other", eId=eid)
    if section.heading.strip():
        _el(el, "heading", section.heading.strip())
    # The deciding body and date of a decision, machine-readable beside the printed heading.
    body = (section.body or "").strip()
    if body or section.date:
        sub = _el(el, "subheading")
        if body:
            _el(sub, "organization", body, refersTo=f"#{orgs[body]}").tail = " " if section.date else None
        if section.date:
            _el(sub, "date", section.date.isoformat(), date=section.date.isoformat())
    if any(_has_content(b) for b in section.blocks):
        _blocks(_el(el, "content", eId=f"{eid}__content"), section.blocks, eid)


def _has_content(block) -> bool:
    if isinstance(block, ListBlock):
        return bool(block.items)
    if isinstance(block, Table):
        return any(block.rows)
    return True


def _item(body, item: Item, n: int, orgs: dict[str, str], attachments: list) -> None:
    eid = f"hcontainer_{n}"
    el = _el(body, "hcontainer", name="agendaItem", eId=eid, class_=item.access)
    number = (item.label or item.number or "").strip()
    if number:
        _el(el, "num", number)
    if item.title.strip():
        _el(el, "heading", item.title.strip())
    facts = [("access", (item.access_label or "").strip() or ("Åben" if item.access == "open" else "Lukket"))]
    if item.access == "open":
        facts += [("caseNumber", f"Sagsnr.: {item.case_number.strip()}" if (item.case_number or "").strip() else "")]
        facts += [("documentId", f"Dok.nr.: {item.document_id.strip()}" if (item.document_id or "").strip() else "")]
    intro = _el(el, "intro", eId=f"{eid}__intro")
    for cls, text in facts:
        if text:
            _el(intro, "p", text, class_=cls)
    if item.access != "open":
        return
    count = 0
    for section in item.sections:
        count += 1
        _section(el, section, f"{eid}__hcontainer_{count}", orgs)
    open_atts = [a for a in item.attachments if a.access == "open"]
    if open_atts:
        count += 1
        sub = f"{eid}__hcontainer_{count}"
        box = _el(el, "hcontainer", name="attachments", eId=sub)
        _el(box, "heading", "Bilag")
        block_list = _el(_el(box, "content", eId=f"{sub}__content"), "blockList", eId=f"{sub}__list_1")
        for k, att in enumerate(open_atts, 1):
            att_id = f"att_{len(attachments) + 1}"
            title = att.title.strip() or f"Bilag {att.number.strip()}"
            li = _el(block_list, "item", eId=f"{sub}__list_1__item_{k}")
            if att.number.strip():
                _el(li, "num", att.number.strip())
            _el(_el(li, "p"), "ref", title, href=f"#{att_id}", eId=f"{sub}__list_1__item_{k}__ref_1")
            attachments.append((att_id, n, k, att, title))


def to_element(minutes: Minutes, country: str = "dk") -> etree._Element:
    root = etree.Element(A + "akomaNtoso", nsmap={None: NS})
    doc = _el(root, "doc", name="minutes")
    orgs = _organizations(minutes)
    people = _people(minutes)
    _meta(doc, minutes, orgs, people, country)
    _preface(doc, minutes, orgs[""], people)
    body = _el(doc, "mainBody")
    attachments: list = []
    for n, item in enumerate(minutes.items, 1):
        _item(body, item, n, orgs, attachments)
    if not minutes.items:
        _el(body, "p", "Referatet indeholder ingen punkter.")
    if attachments:
        # Each Bilag is a work of its own (a separate document), numbered item-attachment.
        work_prefix = f"/akn/dk/doc/bilag/{organization_key(minutes)}/{date_key(minutes)}"
        box = _el(doc, "attachments")
        for att_id, item_n, k, att, title in attachments:
            attachment = _el(box, "attachment", eId=att_id)
            if att.number.strip():
                _el(attachment, "num", f"Bilag {att.number.strip()}")
            _el(attachment, "heading", title)
            href = f"{work_prefix}/{item_n}-{k}/dan@"
            _el(attachment, "documentRef", eId=f"{att_id}__ref", href=href, showAs=title)
    _akoma_people.enrich(doc, minutes, people, _el, A, _x)  # persons, parties, votes, attendance
    return root
