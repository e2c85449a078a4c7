"""Reader for SBSYS eDagsorden publications (XML, root ``<Publication>``).

SBSYS (the case system of the SBSYS association of municipalities) publishes a meeting's agenda
or minutes as one XML file beside an ``Enclosures`` folder. ``Agendas/Agenda`` holds the
``Meeting`` (``When``, ``Until``, ``Where``, ``Members/MeetingMember`` with participation), the
``Committee`` and the ``Items``: each has ``Number``, ``Caption``, ``IsPublic``, ``Case/Number``,
``Fields/ItemField`` (a ``Caption``, a type ``Html`` or ``Multiline``, ``Content``, and
``IsFeedback`` for the fields that hold decisions) and ``Enclosures/Enclosure`` (``Number``,
``Name``, the file written to the enclosures folder or its ``DownloadUrl``). Fields without
content appear as the publication's own ``GeneratorSettings`` say the system prints them
(``ShowEmptyFields``, ``ShowEmptyFeedbackFields``). HTML fields become blocks through
``convert.readers.html``. The format is not published; the names are read as the files in
OS2web's ``os2web_sbsys_esdh`` examples write them.
"""

from __future__ import annotations

import re

from lxml import etree

from convert import xml as safexml
from convert.errors import InputError
from convert.model import (
    Attachment,
    Block,
    Item,
    ListBlock,
    Meeting,
    Minutes,
    Paragraph,
    Person,
    Removed,
    Section,
    Source,
    Table,
)
from convert.readers import html, html_sections
from convert.readers.grammar import vocabulary
from convert.readers.grammar.blocks import fold
from convert.readers.grammar.dates import export_when

_PARTY = re.compile(r"(?P<name>.+?)\s*\((?P<party>[A-ZÆØÅ]{1,3})\)\Z")
# ParticipationStatusAsValue: 0 not decided and 1, 4 taking part; any other value is a member who
# sent apologies or was away (as OS2web's os2web_meetings SBSYS importer reads them). Without a
# value, the status text or note says it.
_PRESENT = frozenset(("0", "1", "4"))
_AWAY = re.compile(r"absent|notparticipat|afbud|fravær|deltager ikke", re.IGNORECASE)


def is_sbsys(root: etree._Element) -> bool:
    return root.tag == "Publication" and root.find("Agendas") is not None


def _text(el: etree._Element | None, path: str) -> str:
    return fold(el.findtext(path) or "") if el is not None else ""


def _true(el: etree._Element | None, path: str) -> bool:
    return _text(el, path).lower() == "true"


def _person(el: etree._Element) -> Person | None:
    name = _text(el, "Name")
    if not name:
        return None
    m = _PARTY.match(name)
    status = f"{_text(el, 'ParticipationStatusAsText')} {_text(el, 'ParticipationNote')}"
    roles = _text(el, "MeetingMemberRolesList")
    value = _text(el, "ParticipationStatusAsValue")
    absent = value not in _PRESENT if value else bool(_AWAY.search(status))
    # Why, as the publication gives it: the member's note, else the status's own name.
    reason = (_text(el, "ParticipationNote") or _text(el, "ParticipationStatusAsText") or None) if absent else None
    return Person(
        name=m["name"] if m else name,
        party=m["party"] if m else None,
        role=roles or None,
        absent=absent,
        reason=reason,
    )


def _meeting(agenda: etree._Element) -> Meeting:
    meeting_el = agenda.find("Meeting")
    date, start = export_when(_text(meeting_el, "When"))
    until_date, end = export_when(_text(meeting_el, "Until"))
    people = [_person(el) for el in agenda.iterfind("Meeting/Members/MeetingMember")]
    return Meeting(
        body=_text(agenda, "Committee/Name") or _text(agenda, "Name") or None,
        date=date,
        start=start,
        end=end if until_date in (None, date) else None,
        location=_text(meeting_el, "Where") or None,
        participants=[p for p in people if p is not None],
    )


def _blocks(field: etree._Element) -> list[Block]:
    content = field.findtext("Content") or ""
    if _text(field, "FieldTypeAsEnum").lower() == "html":
        return html.blocks(content)
    return [Paragraph(fold(line)) for line in content.splitlines() if line.strip()]


def _sections(item: etree._Element, show_empty: bool, show_empty_feedback: bool) -> list[Section]:
    vocab = vocabulary.load("sbsys")
    out: list[Section] = []
    for field in item.iterfind("Fields/ItemField"):
        caption = _text(field, "Caption")
        blocks = _blocks(field)
        feedback = _true(field, "IsFeedback")
        if not blocks and not (caption and (show_empty_feedback if feedback else show_empty)):
            continue
        section = html_sections.section_of(caption, vocab) if caption else Section("other", "")
        if feedback:
            section.kind = "decision"  # the export says the field holds the decision
        section.blocks = blocks
        out.append(section)
    return out


def _attachments(item: etree._Element, access: str) -> list[Attachment]:
    """An enclosure is closed when its item is, or when it says it is protected (``IsProtected``)."""
    found = []
    for n, el in enumerate(item.iterfind("Enclosures/Enclosure"), start=1):
        own = "closed" if _true(el, "IsProtected") else access
        link = _text(el, "DownloadUrl") or _text(el, "InstantiationFilePathRelative").replace("\\", "/")
        title = _text(el, "Name") or _text(el, "FileName")
        number = _text(el, "Number") or str(n)
        found.append(Attachment(number=number, title=title, access=own, document_id=link or None))
    return found


def _item(el: etree._Element, settings: etree._Element | None) -> Item:
    access = "open" if _true(el, "IsPublic") else "closed"
    item = Item(
        number=_text(el, "Number"),
        title=_text(el, "Caption"),
        access=access,
        case_number=_text(el, "Case/Number") or None,
    )
    item.sections = _sections(el, _true(settings, "ShowEmptyFields"), _true(settings, "ShowEmptyFeedbackFields"))
    item.attachments = _attachments(el, access)
    return item


def read(data: bytes, source: Source) -> Minutes:
    root = safexml.parse_bytes(data, source.file)
    if not is_sbsys(root):
        raise InputError(source.file, f"not an SBSYS publication (root element {root.tag})")
    source.format = "sbsys"
    agendas = root.findall("Agendas/Agenda")
    settings = root.find("GeneratorSettings")
    items = [_item(el, settings) for agenda in agendas for el in agenda.iterfind("Items/Item")]
    for item in items:
        item.number = item.number or None  # a publication without the number: none is invented
    if not items:
        raise InputError(source.file, "SBSYS publication without agenda items")
    meeting = _meeting(agendas[0])
    return Minutes(source=source, meeting=meeting, items=items, furniture=_cover(agendas[0], meeting))


def _cover(agenda: etree._Element, meeting: Meeting) -> list[Removed]:
    """The agenda's own name ("Ekstraordinært forretningsudvalgsmøde") and its front page (HTML),
    which the model has no field for: kept as the cover that the system prints."""
    texts = [_text(agenda, "Name")] if _text(agenda, "Name") not in ("", meeting.body) else []
    texts += [t for b in html.blocks(agenda.findtext("Frontpage") or "") for t in _block_texts(b)]
    return [Removed(page=1, kind="cover", text=t) for t in texts if t]


def _block_texts(block: Block) -> list[str]:
    if isinstance(block, ListBlock):
        return [t for li in block.items for t in [li.text, *(_block_texts(li.sublist) if li.sublist else [])]]
    if isinstance(block, Table):
        return [" ".join(row) for row in block.rows]
    return [block.text]
