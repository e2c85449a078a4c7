"""Model ⇄ canonical JSON, and validation against ``schemas/minutes.schema.json``.

The JSON form says the same as the canonical XML with the same names (camelCase attributes,
``items`` for the repeated ``item``); blocks carry their element name in ``type``
("p", "subheading", "list", "table"). JSON Schema draft 2020-12 (https://json-schema.org/).
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache

from convert.canonical import VERSION
from convert.errors import ValidationError
from convert.model import (
    Attachment,
    Earlier,
    Item,
    ListBlock,
    ListItem,
    Meeting,
    Minutes,
    Outcome,
    Paragraph,
    Person,
    Presence,
    Removed,
    Section,
    Source,
    Subheading,
    Table,
    Vote,
    Voter,
)
from convert.resources import resource


def _compact(d: dict) -> dict:
    return {k: v for k, v in d.items() if v is not None and v != [] and v is not False}


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _list_dict(block: ListBlock) -> dict:
    items = []
    for li in block.items:
        entry = {"text": li.text}
        if li.sublist is not None:
            entry["list"] = _list_dict(li.sublist)
        items.append(entry)
    return _compact(
        {
            "type": "list",
            "ordered": block.ordered,
            "style": block.style,
            "delimiter": block.delimiter,
            "start": block.start,
            "items": items,
        }
    )


def _block_dict(block) -> dict:
    if isinstance(block, Paragraph):
        return {"type": "p", "text": block.text}
    if isinstance(block, Subheading):
        return {"type": "subheading", "text": block.text}
    if isinstance(block, ListBlock):
        return _list_dict(block)
    if isinstance(block, Table):
        return _compact({"type": "table", "header": block.header, "rows": block.rows})
    raise TypeError(f"not a block: {block!r}")


_GROUPS = (("for", "for_"), ("against", "against"), ("abstaining", "abstaining"))
_COUNTS = (("forCount", "for_count"), ("againstCount", "against_count"), ("abstainingCount", "abstaining_count"))


def _people_dict(it) -> dict:
    """An item's attendance, votes, outcomes and history, spelled as in the XML (see canonical_people)."""
    attendance = []
    for p in it.attendance:
        entry = _compact({"name": p.name, "status": p.status, "party": p.party, "reason": p.reason})
        if p.agreed is not None:  # False is a fact here ("not inhabil"), so not compacted away
            entry["agreed"] = p.agreed
        attendance.append(entry)
    votes = []
    for v in it.votes:
        entry = {"text": v.text}
        for key, name in _GROUPS:
            entry[key] = [_compact({"name": x.name, "party": x.party}) for x in getattr(v, name)]
        for key, name in _COUNTS:
            entry[key] = getattr(v, name)
        entry["points"] = v.points  # empty (the whole item) is compacted away
        votes.append(_compact(entry))
    return {
        "attendance": attendance,
        "votes": votes,
        "outcomes": [
            _compact({"points": o.points, "text": o.text, "label": o.label, "result": o.result}) for o in it.outcomes
        ],
        "history": [_compact({"text": e.text, "body": e.body, "date": _iso(e.date)}) for e in it.history],
    }


def _people_model(d: dict) -> dict:
    return {
        "attendance": [
            Presence(
                name=p["name"], status=p["status"], party=p.get("party"), reason=p.get("reason"), agreed=p.get("agreed")
            )
            for p in d.get("attendance", [])
        ],
        "votes": [
            Vote(
                text=v["text"],
                **{name: [Voter(x.get("name"), x.get("party")) for x in v.get(key, [])] for key, name in _GROUPS},
                **{name: v.get(key) for key, name in _COUNTS},
                points=list(v.get("points", [])),
            )
            for v in d.get("votes", [])
        ],
        "outcomes": [
            Outcome(points=list(o.get("points", [])), text=o["text"], label=o.get("label"), result=o.get("result"))
            for o in d.get("outcomes", [])
        ],
        "history": [
            Earlier(text=e["text"], body=e.get("body"), date=_date(e.get("date"))) for e in d.get("history", [])
        ],
    }


def to_dict(minutes: Minutes) -> dict:
    m = minutes.meeting
    return {
        "version": VERSION,
        "lang": "da",
        "source": _compact(
            {
                "file": minutes.source.file,
                "format": minutes.source.format,
                "sha256": minutes.source.sha256,
                "pages": minutes.source.pages,
                "ocr": minutes.source.ocr,
                "ocrConfidence": minutes.source.ocr_confidence,
            }
        ),
        "meeting": _compact(
            {
                "authority": m.authority,
                "body": m.body,
                "date": _iso(m.date),
                "start": m.start,
                "end": m.end,
                "location": m.location,
                "participants": [
                    _compact({"name": p.name, "role": p.role, "party": p.party, "absent": p.absent, "reason": p.reason})
                    for p in m.participants
                ],
            }
        ),
        "items": [
            _compact(
                {
                    "number": it.number,
                    "access": it.access,
                    "caseNumber": it.case_number,
                    "documentId": it.document_id,
                    "label": it.label,
                    "accessLabel": it.access_label,
                    "title": it.title,
                    "sections": [
                        _compact(
                            {
                                "kind": s.kind,
                                "heading": s.heading,
                                "body": s.body,
                                "date": _iso(s.date),
                                "blocks": [_block_dict(b) for b in s.blocks],
                            }
                        )
                        for s in it.sections
                    ],
                    **_people_dict(it),
                    "attachments": [
                        _compact(
                            {
                                "number": a.number,
                                "access": a.access,
                                "accessLabel": a.access_label,
                                "documentId": a.document_id,
                                "caseNumber": a.case_number,
                                "marker": a.marker,
                                "title": a.title,
                            }
                        )
                        for a in it.attachments
                    ],
                }
            )
            for it in minutes.items
        ],
        "furniture": [{"page": r.page, "kind": r.kind, "text": r.text} for r in minutes.furniture],
    }


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _list_model(d: dict) -> ListBlock:
    return ListBlock(
        items=[
            ListItem(text=li["text"], sublist=_list_model(li["list"]) if "list" in li else None) for li in d["items"]
        ],
        ordered=d.get("ordered", False),
        style=d.get("style"),
        delimiter=d.get("delimiter"),
        start=d.get("start"),
    )


def _block_model(d: dict):
    kind = d["type"]
    if kind == "p":
        return Paragraph(d["text"])
    if kind == "subheading":
        return Subheading(d["text"])
    if kind == "list":
        return _list_model(d)
    return Table(rows=[list(r) for r in d["rows"]], header=d.get("header", False))


def from_dict(d: dict) -> Minutes:
    s, m = d["source"], d["meeting"]
    return Minutes(
        source=Source(
            file=s["file"],
            format=s["format"],
            sha256=s["sha256"],
            pages=s.get("pages"),
            ocr=list(s.get("ocr", [])),
            ocr_confidence=[float(c) for c in s.get("ocrConfidence", [])],
        ),
        meeting=Meeting(
            authority=m.get("authority"),
            body=m.get("body"),
            date=_date(m.get("date")),
            start=m.get("start"),
            end=m.get("end"),
            location=m.get("location"),
            participants=[
                Person(
                    name=p["name"],
                    role=p.get("role"),
                    party=p.get("party"),
                    absent=p.get("absent", False),
                    reason=p.get("reason"),
                )
                for p in m.get("participants", [])
            ],
        ),
        items=[
            Item(
                number=it.get("number"),
                title=it["title"],
                access=it["access"],
                label=it.get("label"),
                access_label=it.get("accessLabel"),
                case_number=it.get("caseNumber"),
                document_id=it.get("documentId"),
                sections=[
                    Section(
                        kind=sec["kind"],
                        heading=sec["heading"],
                        blocks=[_block_model(b) for b in sec.get("blocks", [])],
                        body=sec.get("body"),
                        date=_date(sec.get("date")),
                    )
                    for sec in it.get("sections", [])
                ],
                attachments=[
                    Attachment(
                        number=a["number"],
                        title=a["title"],
                        access=a["access"],
                        access_label=a.get("accessLabel"),
                        document_id=a.get("documentId"),
                        case_number=a.get("caseNumber"),
                        marker=a.get("marker"),
                    )
                    for a in it.get("attachments", [])
                ],
                **_people_model(it),
            )
            for it in d.get("items", [])
        ],
        furniture=[Removed(page=r["page"], kind=r["kind"], text=r["text"]) for r in d.get("furniture", [])],
    )


@cache
def _validator():
    from jsonschema import Draft202012Validator

    schema = json.loads(resource("schemas/minutes.schema.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def check(d: dict, name: str = "<minutes.json>") -> None:
    errors = sorted(_validator().iter_errors(d), key=lambda e: list(e.absolute_path))
    if errors:
        where = "/".join(str(p) for p in errors[0].absolute_path) or "(root)"
        raise ValidationError(name, f"not valid canonical JSON at {where}: {errors[0].message}")


def dumps(minutes: Minutes) -> str:
    return json.dumps(to_dict(minutes), ensure_ascii=False, indent=2) + "\n"
