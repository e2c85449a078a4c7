"""Writer for OParl 1.1 JSON (https://oparl.org/spezifikation/, schemas: https://schema.oparl.org/1.1/).

``write`` gives one ``Meeting`` per input, with its ``AgendaItem`` objects embedded, each item's
Bilag as embedded ``File`` objects (``auxiliaryFile``), the minutes document itself as the
meeting's ``resultsProtocol`` File, and the meeting body as an ``Organization`` (its URL in
``Meeting.organization``; the object itself embedded under ``referat:organization``).
``write_combined`` writes a static snapshot of an OParl API: one JSON object whose keys are
URLs and whose values are what a server would answer there -- the ``System`` at ``base_url``,
the body list, and per Body (one per authority) its meeting, organization, person and paper
lists as single, complete list pages (spec chapter "Objektlisten und Paginierung").

Decisions, each documented in the README:

* **Ids** are URLs under ``Options.base_url`` (default ``DEFAULT_BASE_URL``, a placeholder under
  the reserved ``.invalid`` top-level domain, RFC 6761, which never resolves -- set your own with
  ``--base-url``). They derive from content only, so a re-run gives the same ids:
  ``{base}/meeting/{authority-body}/{date}``, ``…/item/{order}``, ``…/item/{order}/file/{n}``,
  ``{base}/organization/{authority-body}``, ``{base}/body/{authority}``. Two meetings with the
  same key in one combined output get ``-2``, ``-3``, … in input order.
* **accessUrl**, which File requires, is the File's id + ``/content``: referat never has the
  attachment's bytes, so it names where the publisher serving ``base_url`` must put them.
* **Closed items** ("Lukket") are listed, because the published minutes list them: ``public``
  is false, the number and the title as printed are kept, and nothing else -- no
  resolutionText, result, sections, case number or files. Closed Bilag of open items are left
  out. OParl publishes public data only (spec chapter "Datenschutz").
* **created/modified** are the meeting day at 00:00 Danish time (Europe/Copenhagen), never the
  clock, so the output is reproducible; a document without a date uses 1970-01-01T00:00:00Z.
  ``Meeting.start`` is the meeting date with the printed start time (00:00 when none is printed).
* **result** is given only when the final decision's first sentence is a stock phrase
  ("Godkendt.", "Indstillingen anbefales.", ...); any qualified decision gets no result.
* **No null or empty values**, except the mandatory ``Body.legislativeTerm`` (an empty list, as
  the spec prescribes for mandatory lists) and empty external list pages (``data: []``).
* **Danish extras** carry the vendor prefix ``referat:`` (spec chapter "Herstellerspezifische
  Erweiterungen"): caseNumber, documentId, label, accessLabel, section, participant, ...
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from convert.errors import OutputError
from convert.model import Attachment, Item, Minutes
from convert.writers._oparl_people import item_people, participant_urls, parties, persons
from convert.writers._opendata import danish_date, date_key, organization_key, slug
from convert.writers._plaintext import decision_result, plain_text, resolution

DEFAULT_BASE_URL = "https://example.invalid/oparl/v1"
SCHEMA = "https://schema.oparl.org/1.1/"
P = "referat:"
TZ = ZoneInfo("Europe/Copenhagen")
UNKNOWN_STAMP = "1970-01-01T00:00:00+00:00"


@dataclass(frozen=True)
class Options:
    base_url: str = DEFAULT_BASE_URL
    # Name of the OParl Body (the municipality) for documents that do not name their authority.
    body_name: str | None = None


def write(minutes: Minutes, dest: Path, options: Options | None = None) -> None:
    options = options or Options()
    base = _base(options, dest)
    meeting = _meeting(minutes, base, _meeting_url(base, minutes), options, embed_organization=True)
    _dump(meeting, dest)


def write_combined(minutes_list: list[Minutes], dest: Path, options: Options | None = None) -> None:
    options = options or Options()
    base = _base(options, dest)
    _dump(_snapshot(minutes_list, base, options), dest)


# ---------------------------------------------------------------- helpers


def _base(options: Options, dest: Path) -> str:
    base = options.base_url.rstrip("/")
    parts = urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.netloc or re.search(r"\s", base):
        raise OutputError(str(dest), f"base URL {options.base_url!r} is not an absolute http(s) URL")
    return base


def _dump(doc: dict, dest: Path) -> None:
    Path(dest).write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _clean(text: str | None) -> str | None:
    """Trimmed text, or None when nothing is left; lone surrogates cannot be written as UTF-8."""
    if text is None:
        return None
    text = text.strip()
    if any("\ud800" <= c <= "\udfff" for c in text):
        text = "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in text)
    return text or None


def _put(obj: dict, key: str, value) -> None:
    """Set only real values: the spec asks servers not to emit null or empty lists."""
    if isinstance(value, str):
        value = _clean(value)
    if value is None or value == [] or value == {}:
        return
    obj[key] = value


def _stamp(minutes: Minutes, hhmm: str | None = None) -> str:
    date = minutes.meeting.date
    if date is None:
        return UNKNOWN_STAMP
    hour = minute = 0
    m = re.fullmatch(r"\s*(\d{1,2})[:.](\d{2})\s*", hhmm or "")
    if m and int(m[1]) < 24 and int(m[2]) < 60:
        hour, minute = int(m[1]), int(m[2])
    return dt.datetime(date.year, date.month, date.day, hour, minute, tzinfo=TZ).isoformat()


def _obj(kind: str, url: str, stamp: str) -> dict:
    return {"id": url, "type": SCHEMA + kind, "created": stamp, "modified": stamp}


def _meeting_url(base: str, minutes: Minutes, suffix: str = "") -> str:
    return f"{base}/meeting/{organization_key(minutes)}/{date_key(minutes)}{suffix}"


def _body_url(base: str, minutes: Minutes, options: Options) -> str:
    return f"{base}/body/{slug(minutes.meeting.authority or options.body_name, 'ukendt')}"


def _meeting_name(minutes: Minutes) -> str | None:
    meeting = minutes.meeting
    date = danish_date(meeting.date) if meeting.date else None
    return ", ".join(x for x in (_clean(meeting.body), date) if x) or None


# ---------------------------------------------------------------- objects

MIME = {
    "pdf": "application/pdf",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xls": "application/vnd.ms-excel",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt": "application/vnd.ms-powerpoint",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "rtf": "application/rtf",
    "txt": "text/plain",
    "csv": "text/csv",
    "xml": "application/xml",
    "html": "text/html",
    "htm": "text/html",
    "msg": "application/vnd.ms-outlook",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "tif": "image/tiff",
    "tiff": "image/tiff",
    "zip": "application/zip",
}


def _file_name(name: str | None) -> tuple[str | None, str | None]:
    """A title such as "Notat.docx" is a file name; a plain title is not (no guessing)."""
    name = _clean(name)
    if not name or "/" in name or "\\" in name:
        return None, None
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return (name, MIME[ext]) if ext in MIME else (None, None)


def _file(url: str, stamp: str, name: str | None, file_name: str | None) -> dict:
    obj = _obj("File", url, stamp)
    _put(obj, "name", name)
    file_name, mime = _file_name(file_name)
    _put(obj, "fileName", file_name)
    _put(obj, "mimeType", mime)
    obj["accessUrl"] = f"{url}/content"
    return obj


def _attachment(att: Attachment, url: str, item_url: str, stamp: str) -> dict:
    obj = _file(url, stamp, att.title if _clean(att.title) else f"Bilag {att.number}", att.title)
    obj["agendaItem"] = [item_url]
    for key, value in (
        ("number", att.number),
        ("documentId", att.document_id),
        ("caseNumber", att.case_number),
        ("marker", att.marker),
        ("accessLabel", att.access_label),
    ):
        _put(obj, P + key, value)
    return obj


def _agenda_item(item: Item, order: int, meeting_url: str, stamp: str) -> dict:
    url = f"{meeting_url}/item/{order}"
    obj = _obj("AgendaItem", url, stamp)
    obj["meeting"] = meeting_url
    _put(obj, "number", item.number)
    obj["order"] = order
    _put(obj, "name", item.title)
    obj["public"] = item.access == "open"
    _put(obj, P + "label", item.label)
    _put(obj, P + "accessLabel", item.access_label)
    if item.access != "open":
        return obj
    decisions = item.sections_of("decision")
    if decisions:
        _put(obj, "resolutionText", resolution(decisions))
        _put(obj, "result", decision_result(decisions[-1]))
    files = [
        _attachment(att, f"{url}/file/{n}", url, stamp)
        for n, att in enumerate(item.attachments, 1)
        if att.access == "open"
    ]
    _put(obj, "auxiliaryFile", files)
    _put(obj, P + "caseNumber", item.case_number)
    _put(obj, P + "documentId", item.document_id)
    sections = []
    for section in item.sections:
        entry: dict = {}
        _put(entry, "kind", section.kind)
        _put(entry, "heading", section.heading)
        _put(entry, "text", plain_text(section.blocks))
        if section.body is not None:
            _put(entry, "body", section.body)
        if section.date is not None:
            entry["date"] = section.date.isoformat()
        if "text" in entry or "heading" in entry:
            sections.append(entry)
    _put(obj, P + "section", sections)
    return obj


def _organization(minutes: Minutes, base: str, options: Options, stamp: str) -> dict:
    obj = _obj("Organization", f"{base}/organization/{organization_key(minutes)}", stamp)
    obj["body"] = _body_url(base, minutes, options)
    _put(obj, "name", minutes.meeting.body)
    _put(obj, P + "authority", minutes.meeting.authority)
    return obj


def _meeting(minutes: Minutes, base: str, url: str, options: Options, embed_organization: bool) -> dict:
    meeting = minutes.meeting
    stamp = _stamp(minutes)
    obj = _obj("Meeting", url, stamp)
    _put(obj, "name", _meeting_name(minutes))
    if meeting.date is not None:
        obj["start"] = _stamp(minutes, meeting.start)
        if meeting.end and _stamp(minutes, meeting.end) >= obj["start"]:
            obj["end"] = _stamp(minutes, meeting.end)
    if _clean(meeting.location):
        obj["location"] = {**_obj("Location", f"{url}/location", stamp), "description": _clean(meeting.location)}
    organization = _organization(minutes, base, options, stamp)
    obj["organization"] = [organization["id"]]
    source_name = _clean(Path(minutes.source.file).name) if _clean(minutes.source.file) else None
    protocol = _file(
        f"{url}/protocol", stamp, f"Referat: {_meeting_name(minutes) or source_name or 'møde'}", source_name
    )
    protocol["meeting"] = [url]
    _put(protocol, P + "sha256", minutes.source.sha256)
    obj["resultsProtocol"] = protocol
    items = [_agenda_item(item, n, url, stamp) for n, item in enumerate(minutes.items, 1)]
    for entry, item in zip(items, minutes.items, strict=True):
        if item.access == "open":  # votes, attendance, outcomes: see _oparl_people
            extra = item_people(item, minutes, base, options.body_name)
            entry.update({k: v for k, v in extra.items() if k not in entry})
    _put(obj, "agendaItem", items)
    _put(obj, "participant", participant_urls(minutes, base, options.body_name))
    if meeting.date is not None:
        obj[P + "date"] = meeting.date.isoformat()
    people = []
    for person in meeting.participants:
        entry: dict = {}
        _put(entry, "name", person.name)
        _put(entry, "role", person.role)
        _put(entry, "party", person.party)
        if person.absent:
            entry["absent"] = True
        if "name" in entry:
            people.append(entry)
    _put(obj, P + "participant", people)
    if embed_organization:
        obj[P + "organization"] = organization
        _put(obj, P + "person", persons(minutes, base, organization["id"], stamp, options.body_name))
        _put(obj, P + "party", parties(minutes, base, _body_url(base, minutes, options), stamp, options.body_name))
    return obj


# ---------------------------------------------------------------- combined snapshot


def _page(url: str, data: list[dict]) -> dict:
    pagination = {"totalElements": len(data), "currentPage": 1, "totalPages": 1}
    if data:
        pagination["elementsPerPage"] = len(data)
    return {"data": data, "pagination": pagination, "links": {"first": url, "self": url, "last": url}}


def _snapshot(minutes_list: list[Minutes], base: str, options: Options) -> dict:
    seen: dict[str, int] = {}
    parts = []
    for minutes in minutes_list:
        url = _meeting_url(base, minutes)
        seen[url] = seen.get(url, 0) + 1
        if seen[url] > 1:
            url = _meeting_url(base, minutes, f"-{seen[url]}")
        parts.append(meeting_part(minutes, base, url, options))
    return assemble(parts, base)


def meeting_part(minutes: Minutes, base: str, url: str, options: Options) -> dict:
    """What one meeting adds to a snapshot (plain JSON data, so a caller may keep it between runs)."""
    body = _body_url(base, minutes, options)
    stamp = _stamp(minutes)
    organization = _organization(minutes, base, options, stamp)
    return {
        "body": body,
        "name": _clean(minutes.meeting.authority) or _clean(options.body_name) or "Ukendt myndighed",
        "meeting": _meeting(minutes, base, url, options, embed_organization=False),
        "organizations": [organization, *parties(minutes, base, body, stamp, options.body_name)],
        "persons": persons(minutes, base, organization["id"], stamp, options.body_name),
    }


def assemble(parts: list[dict], base: str) -> dict:
    """The snapshot of many meetings' parts, in their order: the System, the Bodies and their lists."""
    meetings: dict[str, list[dict]] = {}  # body url -> meetings
    organizations: dict[str, dict[str, dict]] = {}  # body url -> organization id -> object
    people: dict[str, dict[str, dict]] = {}  # body url -> person id -> object
    names: dict[str, str] = {}
    for part in parts:
        body = part["body"]
        names.setdefault(body, part["name"])
        meetings.setdefault(body, []).append(part["meeting"])
        for one in part["organizations"]:
            known = organizations.setdefault(body, {}).setdefault(one["id"], one)
            known["created"] = min(known["created"], one["created"])
            known["modified"] = max(known["modified"], one["modified"])
        for person in part["persons"]:
            known = people.setdefault(body, {}).setdefault(person["id"], person)
            if known is not person:  # the same person in another meeting: more memberships
                ids = {m["id"] for m in known["membership"]}
                known["membership"] += [m for m in person["membership"] if m["id"] not in ids]
                known["created"] = min(known["created"], person["created"])
                known["modified"] = max(known["modified"], person["modified"])

    stamps = [m["created"] for ms in meetings.values() for m in ms] or [UNKNOWN_STAMP]
    system = _obj("System", base, min(stamps))
    system["modified"] = max(stamps)
    system.update({"oparlVersion": SCHEMA, "body": f"{base}/body", "name": "referat"})
    out: dict[str, dict] = {}
    bodies = []
    for body_url in sorted(meetings):
        listed = sorted(meetings[body_url], key=lambda m: (m.get("start", ""), m["id"]))
        own = [m["created"] for m in listed]
        body = _obj("Body", body_url, min(own))
        body["modified"] = max(own)
        body.update({"system": base, "name": names[body_url], "legislativeTerm": []})
        for kind in ("organization", "person", "meeting", "paper"):
            body[kind] = f"{body_url}/{kind}"
        bodies.append(body)
        out[f"{body_url}/meeting"] = _page(f"{body_url}/meeting", listed)
        orgs = sorted(organizations[body_url].values(), key=lambda o: o["id"])
        out[f"{body_url}/organization"] = _page(f"{body_url}/organization", orgs)
        listed_people = sorted(people.get(body_url, {}).values(), key=lambda o: o["id"])
        out[f"{body_url}/person"] = _page(f"{body_url}/person", listed_people)
        out[f"{body_url}/paper"] = _page(f"{body_url}/paper", [])
    # The entry points first, so that a reader of the file meets System and Body before the lists.
    return {base: system, f"{base}/body": _page(f"{base}/body", bodies), **out}
