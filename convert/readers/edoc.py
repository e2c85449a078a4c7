"""Reader for the eDoc publishing export (``eDocAgendaPublishing.xml``, root ``<Meeting>``).

eDoc (KMD/Fujitsu's case system, used by Ballerup and others) publishes a meeting as one XML
document: ``Committee``, ``MeetingDate`` ("04-12-2012 13:00:00"), and per agenda type ("Åben
dagsorden", "Lukket dagsorden") its ``MeetingAgendaItem``s, each with ``AgendaItemNumber``, the
item's PDF file name, a ``Document`` (title, ``documentid``, ``Attachments`` with their own ids,
titles and PDF names) and the item's ``FullText``: the text of the item as printed, whose
structure (sections, lists, the case and document number lines) is only in the text. That text
goes through the one recognizer; the fields the export states (number, title, access,
attachments) are taken from the export. The agenda type's own ``FullText`` is the whole printed
minutes; its front page gives the place and the participants.

The export writes page breaks as ``&#xC;``, which XML 1.0 forbids; ``convert.xml`` reads them
as line breaks. The format is not published; its element names are read as the municipality's
export writes them (OS2web's ``os2web_edoc_esdh`` importer reads the same names).
"""

from __future__ import annotations

from difflib import SequenceMatcher

from lxml import etree

from convert import xml as safexml
from convert.errors import InputError, ReferatError
from convert.model import Attachment, Item, Meeting, Minutes, Removed, Source
from convert.readers.grammar import vocabulary
from convert.readers.grammar.blocks import fold
from convert.readers.grammar.dates import export_when
from convert.readers.grammar.recognizer import recognize
from convert.readers.text import to_lines

# Titles at least this similar name the same attachment (difflib's ratio, 0..1).
_SAME = 0.6


def is_edoc(root: etree._Element) -> bool:
    return root.tag == "Meeting" and root.find("MeetingAgendaTypes") is not None


def _text(el: etree._Element | None, path: str) -> str:
    return fold(el.findtext(path) or "") if el is not None else ""


def _recognized(text: str, source: Source) -> Minutes | None:
    """What the recognizer makes of a printed text, or None when it finds no item in it."""
    if not text.strip():
        return None
    try:
        return recognize(to_lines(text), source)
    except ReferatError:
        return None


def _access(agenda_type: str) -> tuple[str, str | None]:
    vocab = vocabulary.load("edoc")
    words = agenda_type.split()
    access = vocab.access_of(words[0]) if words else None
    return (access or "open"), (agenda_type or None)


def _pair(exported: list[str], printed: list[str]) -> dict[int, int]:
    """Export index -> printed index for the same attachment: the printed list names it as the
    case worker typed it ("...misbrug 2013" for the document "...behandling 2013"), so titles
    are paired by similarity, the most similar pairs first, each at most once."""
    scored = sorted(
        (
            (-SequenceMatcher(None, e.casefold(), p.casefold()).ratio(), i, j)
            for i, e in enumerate(exported)
            for j, p in enumerate(printed)
        )
    )
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    for score, i, j in scored:
        if -score >= _SAME and i not in pairs and j not in taken:
            pairs[i] = j
            taken.add(j)
    return pairs


def _attachments(document: etree._Element | None, printed: list[Attachment], access: str) -> list[Attachment]:
    """The export's attachments, in the order the item's "Bilag" list prints them. Where the
    list prints one, its title and identifier are kept: they are the minutes' own words, what the
    PDF shows (the case worker may word a title otherwise than the document's name in eDoc), and
    the identifier is the logic identifier ("2012-200782"), the kind the item's "Dok.nr." is.
    An attachment the list does not print keeps the export's title and ``Logicidentifier``, else
    its attachment id."""
    elements = list(document.iterfind("Attachments/Attachment")) if document is not None else []
    titles = [_text(el, "Title") or _text(el, "NeutralTitle") or _text(el, "PDFDocument") for el in elements]
    pairs = _pair(titles, [a.title for a in printed])
    found: list[tuple[int, Attachment]] = []
    for i, (el, title) in enumerate(zip(elements, titles, strict=True)):
        match = printed[pairs[i]] if i in pairs else None
        document_id = (
            _text(el, "Logicidentifier")
            or (match.document_id if match else None)
            or el.get("attachmentid")
            or _text(el, "PDFDocument")
            or None
        )
        at = pairs[i] if i in pairs else len(printed) + i
        shown = match.title if match is not None else title
        found.append((at, Attachment(number="", title=shown, access=access, document_id=document_id)))
    # What the text lists and the export does not: kept, nothing printed is lost.
    paired = set(pairs.values())
    found.extend((j, a) for j, a in enumerate(printed) if j not in paired)
    found.sort(key=lambda pair: pair[0])
    for n, (_, attachment) in enumerate(found, start=1):
        attachment.number = str(n)
    return [a for _, a in found]


def _item(el: etree._Element, agenda_type: str, source: Source, removed: list[Removed]) -> Item:
    document = el.find("Document")
    number = _text(el, "AgendaItemNumber")
    title = _text(document, "Title") or _text(document, "NeutralTitle")
    access, access_label = _access(agenda_type)
    recognized = _recognized(el.findtext("FullText") or "", source)
    if recognized is not None and recognized.items:
        removed.extend(recognized.furniture)
        item = recognized.items[0]
        # A text the recognizer cut into more items is one item here: the export says so.
        for other in recognized.items[1:]:
            item.sections.extend(other.sections)
            item.attachments.extend(other.attachments)
    else:
        item = Item(number=number, title=title)
    item.number = number or item.number
    item.title = title or item.title
    item.access, item.access_label = access, access_label
    item.case_number = item.case_number or _text(document, "CaseLogicIdentifier") or None
    item.document_id = (
        item.document_id
        or _text(document, "LogicIdentifier")
        or (document.get("documentid") if document is not None else None)
    )
    item.attachments = _attachments(document, item.attachments, access)
    return item


def _number_key(item: Item) -> tuple[int, str]:
    number = item.number or ""
    return (int(number), "") if number.isdigit() else (10**6, number)


def read(data: bytes, source: Source) -> Minutes:
    root = safexml.parse_bytes(data, source.file)
    if not is_edoc(root):
        raise InputError(source.file, f"not an eDoc publishing export (root element {root.tag})")
    source.format = "edoc"
    date, start = export_when(_text(root, "MeetingDate"))
    start = None if start == "00:00" else start  # the export writes a date without a time as 00:00:00
    meeting = Meeting(body=_text(root, "Committee") or None, date=date, start=start)
    items: list[Item] = []
    removed: list[Removed] = []
    for agenda in root.iterfind("MeetingAgendaTypes/MeetingAgendaType"):
        agenda_type = _text(agenda, "AgendaType")
        whole = _recognized(agenda.findtext("FullText") or "", source)
        if whole is not None:
            meeting.location = meeting.location or whole.meeting.location
            meeting.participants = meeting.participants or whole.meeting.participants
            meeting.end = meeting.end or whole.meeting.end
            # The printed front page and table of contents, kept as the PDF reader keeps them.
            removed.extend(r for r in whole.furniture if r.kind in ("cover", "contents"))
        for el in agenda.iterfind("MeetingAgendaItems/MeetingAgendaItem"):
            item = _item(el, agenda_type, source, removed)
            item.number = item.number or None  # an export without the number: none is invented
            items.append(item)
    if not items:
        raise InputError(source.file, "eDoc publishing export without agenda items")
    items.sort(key=_number_key)
    return Minutes(source=source, meeting=meeting, items=items, furniture=removed)
