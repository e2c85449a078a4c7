"""The open-data bundle of a batch (``--combine``): every meeting, item and attachment in tables.

Written into OUT beside the per-input outputs:

- ``opendata/meetings.csv``, ``items.csv``, ``attachments.csv`` and the same tables as JSON
  arrays of objects, described by ``datapackage.json`` (Frictionless Data Package and Table
  Schema v1: https://specs.frictionlessdata.io/data-package/, /table-schema/), ready for an
  open-data portal;
- ``combined.xlsx`` (every item of every meeting) and ``combined.oparl.json`` (an OParl System
  and Body with a paginated meeting list), through ``convert.write_combined`` of the writers
  that can combine, when their format was asked for; a writer not installed is left out without
  failing the batch.

A CSV cell that a spreadsheet would run as a formula is neutralised (``convert.archive.escape``).

The bundle is built from the canonical XML in OUT of every input the manifest lists as done, so
inputs skipped by resume are in it too.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import convert
from convert import canonical, writers
from convert.archive.escape import csv_cell
from convert.archive.output import atomic_write
from convert.errors import ReferatError
from convert.model import Minutes

FOLDER = "opendata"
COMBINED = {"xlsx": "combined.xlsx", "oparl": "combined.oparl.json"}

# name -> [(field, Table Schema type, description)]
TABLES: dict[str, list[tuple[str, str, str]]] = {
    "meetings": [
        ("meeting_id", "string", "the source file's SHA-256, first 16 hex digits"),
        ("source_file", "string", "the input file name"),
        ("authority", "string", "the municipality, when the minutes name it"),
        ("body", "string", "the committee or board"),
        ("date", "date", "the meeting's date"),
        ("start", "string", "start time HH:MM"),
        ("end", "string", "end time HH:MM"),
        ("location", "string", "where the meeting was held"),
        ("items", "integer", "number of agenda items"),
        ("canonical_xml", "string", "the canonical XML of the minutes, relative to the bundle"),
    ],
    "items": [
        ("meeting_id", "string", "the meeting (meetings.meeting_id)"),
        ("number", "string", "the item's number"),
        ("title", "string", "the item's title"),
        ("access", "string", "open or closed"),
        ("case_number", "string", "the case (journal) number"),
        ("decision_date", "date", "date of the (last) decision"),
        ("decision", "string", "the text of the decision"),
        ("attachments", "integer", "number of attachments"),
    ],
    "attachments": [
        ("meeting_id", "string", "the meeting (meetings.meeting_id)"),
        ("item_number", "string", "the item (items.number)"),
        ("number", "string", "the attachment's number"),
        ("title", "string", "the attachment's title"),
        ("access", "string", "open or closed"),
        ("document_id", "string", "document number in the records system"),
        ("case_number", "string", "case number of the attachment"),
        ("marker", "string", "marker as printed, e.g. H"),
    ],
}


def _block_text(block) -> str:
    if hasattr(block, "text"):
        return block.text
    if hasattr(block, "rows"):
        return "\n".join(" | ".join(row) for row in block.rows)
    lines = []
    for li in block.items:
        lines.append(li.text)
        if li.sublist is not None:
            lines.append(_block_text(li.sublist))
    return "\n".join(lines)


def rows(minutes: Minutes, xml_rel: str) -> dict[str, list[dict]]:
    """The bundle's table rows for one document."""
    mid = minutes.source.sha256[:16]
    m = minutes.meeting
    out: dict[str, list[dict]] = {"meetings": [], "items": [], "attachments": []}
    out["meetings"].append(
        dict(
            meeting_id=mid,
            source_file=minutes.source.file,
            authority=m.authority,
            body=m.body,
            date=m.date.isoformat() if m.date else None,
            start=m.start,
            end=m.end,
            location=m.location,
            items=len(minutes.items),
            canonical_xml=xml_rel,
        )
    )
    for item in minutes.items:
        decisions = item.sections_of("decision")
        dates = [d.date for d in decisions if d.date]
        out["items"].append(
            dict(
                meeting_id=mid,
                number=item.number,
                title=item.title,
                access=item.access,
                case_number=item.case_number,
                decision_date=max(dates).isoformat() if dates else None,
                decision="\n".join(_block_text(b) for d in decisions for b in d.blocks) or None,
                attachments=len(item.attachments),
            )
        )
        for att in item.attachments:
            out["attachments"].append(
                dict(
                    meeting_id=mid,
                    item_number=item.number,
                    number=att.number,
                    title=att.title,
                    access=att.access,
                    document_id=att.document_id,
                    case_number=att.case_number,
                    marker=att.marker,
                )
            )
    return out


def _csv(name: str, records: list[dict]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    cols = [f for f, _, _ in TABLES[name]]
    w.writerow(cols)
    for r in records:
        w.writerow([csv_cell(r[c]) for c in cols])
    return buf.getvalue()


def datapackage(version: str) -> dict:
    resources = []
    for name, cols in TABLES.items():
        schema = {"fields": [{"name": f, "type": t, "description": d} for f, t, d in cols]}
        if name == "meetings":
            schema["primaryKey"] = ["meeting_id"]
        else:
            schema["foreignKeys"] = [
                {"fields": ["meeting_id"], "reference": {"resource": "meetings", "fields": ["meeting_id"]}}
            ]
        resources.append(
            {
                "name": name,
                "path": f"{FOLDER}/{name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema,
            }
        )
        # The same rows as a JSON array of objects, for clients that prefer JSON; a plain data
        # resource, since the table's schema is the CSV's.
        resources.append(
            {
                "name": f"{name}-json",
                "path": f"{FOLDER}/{name}.json",
                "profile": "data-resource",
                "format": "json",
                "mediatype": "application/json",
                "encoding": "utf-8",
                "description": f"the rows of {name}.csv as a JSON array of objects (same fields)",
            }
        )
    return {
        "profile": "data-package",
        "name": "referat-minutes",
        "title": "Meeting minutes converted by referat",
        "description": "Meetings, agenda items and attachments of municipal meeting minutes.",
        "licenses": [
            {"name": "CC0-1.0", "path": "https://creativecommons.org/publicdomain/zero/1.0/", "title": "CC0 1.0"}
        ],
        "sources": [{"title": f"referat {version}"}],
        "resources": resources,
    }


def _text(dest: Path, body: str) -> Path:
    return atomic_write(dest, lambda tmp: tmp.write_text(body, encoding="utf-8"))


def build(
    done: list[tuple[Path, Path]], out: Path, settings: dict, formats: list[str] | None = None
) -> tuple[list[Path], list[str]]:
    """Write the bundle for ``done`` = [(input, its canonical XML in OUT)]; return files and errors.

    The combined outputs are written only for ``formats`` (the formats asked for; None: all)."""
    tables: dict[str, list[dict]] = {"meetings": [], "items": [], "attachments": []}
    models: list[Minutes] = []
    errors: list[str] = []
    seen: set[str] = set()
    for _src, xml in sorted(done):
        try:
            minutes = canonical.read(xml)
        except ReferatError as exc:
            errors.append(f"bundle: {exc}")
            continue
        if minutes.source.sha256[:16] in seen:
            continue  # the same document twice in the archive: one meeting in the bundle
        seen.add(minutes.source.sha256[:16])
        for name, recs in rows(minutes, str(xml.relative_to(out))).items():
            tables[name].extend(recs)
        models.append(minutes)
    written = []
    for name, recs in tables.items():
        written.append(_text(out / FOLDER / f"{name}.csv", _csv(name, recs)))
        body = json.dumps(recs, ensure_ascii=False, indent=1) + "\n"
        written.append(_text(out / FOLDER / f"{name}.json", body))
    package = json.dumps(datapackage(convert.__version__), ensure_ascii=False, indent=2) + "\n"
    written.append(_text(out / "datapackage.json", package))
    for fmt, name in COMBINED.items():
        if formats is not None and fmt not in formats:
            continue
        try:
            if not writers.can_combine(fmt):
                continue
        except ImportError:
            continue  # that writer is not part of this installation
        try:
            written.append(convert.write_combined(models, fmt, out / name, **settings))
        except ReferatError as exc:
            errors.append(f"bundle: {exc}")
        except Exception as exc:
            errors.append(f"bundle: {out / name}: internal error: {type(exc).__name__}: {exc}")
    return written, errors
