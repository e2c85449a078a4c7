"""Reader for the JSON of a FirstAgenda publication portal (FirstAgenda Publication, e.g.
dagsordener.greve.dk): one meeting per file, mapped field by field into ``Minutes``.

The fields, as the portal serves them (no published specification; read from the exports):

- ``Udvalg.Navn``: the body; ``Moede.Dato`` / ``MeetingBeginUtc`` / ``MeetingEndUtc``: date and
  local time with its offset; ``Moede.Sted``: the place; ``Moede.Navn``: the kind of agenda
  ("Dagsorden", "Ekstraordinær dagsorden").
- ``Moede.Moededeltagere[]``: ``Name``, ``Absent`` and ``ParticipationCancelled`` (sent apologies):
  either makes the member absent.
- ``Dagsordenpunkter[]``: ``Number``, ``Caption``, ``CaseNumber``; ``Felter[]`` (``Navn``, ``Html``,
  ``DocumentId``, ``Link``) hold the item's text with ``<h3>`` section headings; ``Bilag[]``
  (``Navn``, ``Id``) its attachments; ``ExternalAgendaItemAttendees[]`` (``Name``, ``Reason``) who
  was away for the item. ``IsOpen`` says nothing about access (it is false on every item of a
  whole archive): a closed item says so in its caption ("Lukket: Henvendelser til formanden").
"""

from __future__ import annotations

import datetime as dt
import json
import re

from convert.errors import InputError, NotMinutesError
from convert.model import Attachment, Item, ListBlock, ListItem, Meeting, Minutes, Person, Presence, Section, Source
from convert.readers import html, html_sections
from convert.readers.grammar.vocabulary import Vocabulary, load

# What marks the JSON as this export: a meeting's items and the meeting record.
KEYS = ("Dagsordenpunkter", "Moede")
_NO_ID = re.compile(r"[0-]*\Z")  # the portal's empty GUID 00000000-0000-...
_ACCESS_PREFIX = re.compile(r"(?P<word>[^:]{1,20}):\s*(?P<title>.+)", re.DOTALL)
_TIME = re.compile(r"T(\d{2}):(\d{2})")
_GUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z", re.IGNORECASE)
# An item's fields that are mapped above, or are the portal's bookkeeping (ids, order, a flag
# that means nothing). Any other field holding text becomes a section named by the field, so
# that what another portal fills in (ItemDecision, Presentations, ...) is not lost.
_ITEM_FIELDS = frozenset((
    "Number", "Punktnummer", "Caption", "Navn", "CaseNumber", "SagsNummer", "Felter", "Bilag",
    "ExternalAgendaItemAttendees", "IsOpen", "Sorting", "Id", "IntegrationUid", "CorporationUid",
    "AgendaUid", "SourceId", "CasePresentationUid",
))  # fmt: skip


def looks_like(doc: object) -> bool:
    return isinstance(doc, dict) and all(k in doc for k in KEYS)


def _text(value: object) -> str:
    return " ".join(str(value).split()) if value not in (None, "") else ""


def _id(value: object) -> str | None:
    text = _text(value)
    return text if text and not _NO_ID.match(text) else None


def _date(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _time(value: object) -> str | None:
    m = _TIME.search(str(value or ""))
    return f"{m[1]}:{m[2]}" if m and int(m[1]) < 24 and int(m[2]) < 60 else None


def _meeting(doc: dict) -> Meeting:
    moede = doc.get("Moede") or {}
    udvalg = doc.get("Udvalg") or {}
    meeting = Meeting(
        body=_text(udvalg.get("Navn")) or None,
        date=_date(moede.get("Dato") or moede.get("MeetingBeginUtc")),
        start=_time(moede.get("MeetingBeginUtc") or moede.get("Dato")),
        end=_time(moede.get("MeetingEndUtc")),
        location=_text(moede.get("Sted")) or None,
    )
    for p in moede.get("Moededeltagere") or []:
        name = _text(p.get("Name"))
        if name:
            absent = bool(p.get("Absent")) or bool(p.get("ParticipationCancelled"))
            # The portal's two flags, in the words minutes print for them (issue 13).
            reason = "Afbud" if p.get("ParticipationCancelled") else "Fraværende" if p.get("Absent") else None
            meeting.participants.append(Person(name, absent=absent, reason=reason))
    return meeting


def split_access(caption: str, vocabulary: Vocabulary) -> tuple[str, str | None, str]:
    """'Lukket: Henvendelser' -> ('Henvendelser', 'Lukket:', 'closed'); a caption without an
    access word before its colon is the title as it is, and the item open."""
    m = _ACCESS_PREFIX.match(caption)
    if m:
        access = vocabulary.access_of(m["word"])
        if access:
            return m["title"].strip(), m["word"].strip() + ":", access
    return caption, None, "open"


def closed_text_is_decision(item: Item, vocabulary: Vocabulary) -> None:
    """A closed item publishes only its decision, without a heading (the family's vocabulary
    says so): its one headingless section is that decision."""
    if vocabulary.closed_text_is_decision and item.access == "closed" and len(item.sections) == 1:
        only = item.sections[0]
        if not only.heading and only.kind == "other":
            only.kind = "decision"


def _attendees(raw: list) -> list[Section]:
    """Who was away for one item, by the reason given: a section named by that reason."""
    by_reason: dict[str, list[str]] = {}
    for a in raw or []:
        name = _text(a.get("Name"))
        if name:
            by_reason.setdefault(_text(a.get("Reason")) or "Fraværende", []).append(name)
    return [
        Section("other", reason, [ListBlock(items=[ListItem(n) for n in names])]) for reason, names in by_reason.items()
    ]


def _texts(value: object):
    """The text in a field of unknown shape: its strings, leaving out ids and links."""
    if isinstance(value, str):
        if value.strip() and not _GUID.match(value.strip()) and not value.startswith(("http://", "https://")):
            yield value
    elif isinstance(value, list):
        for v in value:
            yield from _texts(v)
    elif isinstance(value, dict):
        for v in value.values():
            yield from _texts(v)


def _presences(raw: list) -> list[Presence]:
    """The same attendees as structure (issue 13): each away for the item, with the reason given."""
    return [
        Presence(_text(a.get("Name")), "absent", reason=_text(a.get("Reason")) or None)
        for a in raw or []
        if _text(a.get("Name"))
    ]


def _item(raw: dict, vocabulary: Vocabulary) -> Item:
    caption = _text(raw.get("Caption") or raw.get("Navn"))
    title, access_label, access = split_access(caption, vocabulary)
    item = Item(
        number=_text(raw.get("Number") or raw.get("Punktnummer")) or None,
        title=title,
        access=access,
        access_label=access_label,
        case_number=_text(raw.get("CaseNumber") or raw.get("SagsNummer")) or None,
    )
    for field in raw.get("Felter") or []:
        item.document_id = item.document_id or _id(field.get("DocumentId"))
        found = html_sections.sections(field.get("Html") or field.get("Tekst") or "", vocabulary)
        name = _text(field.get("Navn"))
        if name:
            # A named field: the name heads the text that opens it without a heading of its own.
            named = html_sections.section_of(name, vocabulary)
            if found and not found[0].heading:
                named.blocks = found[0].blocks
                found[0] = named
            else:
                found.insert(0, named)
        item.sections.extend(found)
    closed_text_is_decision(item, vocabulary)
    item.sections.extend(_attendees(raw.get("ExternalAgendaItemAttendees")))
    for key, value in raw.items():
        texts = [] if key in _ITEM_FIELDS else list(_texts(value))
        if texts:
            item.sections.append(Section("other", key, [b for t in texts for b in html.blocks(t)]))
    item.attendance = _presences(raw.get("ExternalAgendaItemAttendees"))
    for n, bilag in enumerate(raw.get("Bilag") or [], 1):
        name = _text(bilag.get("Navn")) or _text(bilag.get("Name"))
        title, label, b_access = split_access(name, vocabulary)
        item.attachments.append(
            Attachment(str(n), title, access=b_access, access_label=label, document_id=_id(bilag.get("Id")))
        )
    return item


def from_dict(doc: dict, source: Source) -> Minutes:
    vocabulary = load("firstagenda")
    source.format = "firstagenda"
    minutes = Minutes(source=source, meeting=_meeting(doc))
    items = doc.get("Dagsordenpunkter") or []
    if not isinstance(items, list):
        raise TypeError("Dagsordenpunkter is not a list")
    for raw in items:
        if isinstance(raw, dict):
            minutes.items.append(_item(raw, vocabulary))
    if not minutes.items:
        raise NotMinutesError(source.file, "FirstAgenda JSON with no agenda items (Dagsordenpunkter is empty)")
    return minutes


def read(data: bytes, source: Source) -> Minutes:
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(source.file, f"not valid JSON: {exc}") from None
    if not looks_like(doc):
        raise InputError(source.file, "JSON that is not a FirstAgenda meeting (no Dagsordenpunkter and Moede)")
    try:
        return from_dict(doc, source)
    except (AttributeError, TypeError) as exc:
        # A field of another type than the portal's (a list where a record belongs, ...).
        raise InputError(source.file, f"FirstAgenda JSON of an unexpected shape: {exc}") from None
