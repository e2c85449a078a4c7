"""What a static web archive shows, gathered from the output folder of ``referat convert``.

The manifest (``OUT/manifest.json``) lists every input and the files made from it; the canonical
XML among them is read back into the model, and every other output becomes a download. Each
meeting gets a stable address from its content (committee and date, as the open-data writers name
it), so a rebuild after one new meeting changes only the pages that list it."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from convert import canonical
from convert.errors import ReferatError
from convert.model import Item, Minutes, Person
from convert.writers._opendata import date_key, organization_key, slug

# output suffix -> what a citizen is offered, in this order
DOWNLOADS = [
    (".pdf", "PDF (tilgængelig, PDF/UA)"),
    (".docx", "Word (DOCX)"),
    (".xlsx", "Regneark (XLSX)"),
    (".xml", "Kanonisk XML"),
    (".json", "Kanonisk JSON"),
    (".oparl.json", "OParl 1.1 JSON"),
    (".akn.xml", "Akoma Ntoso 3.0 XML"),
]


@dataclass
class Download:
    label: str
    source: Path  # the file in OUT
    name: str  # its name on the site


@dataclass
class Meeting:
    minutes: Minutes
    key: str  # "organisation-key/date", unique on the site
    committee: str  # committee key
    downloads: list[Download] = field(default_factory=list)

    @property
    def title(self) -> str:
        m = self.minutes.meeting
        return m.body or "Møde"

    @property
    def year(self) -> str:
        date = self.minutes.meeting.date
        return str(date.year) if date else "Uden dato"


@dataclass
class Committee:
    key: str
    name: str
    meetings: list[Meeting] = field(default_factory=list)


@dataclass
class PersonRecord:
    key: str
    name: str
    party: str | None = None
    attended: list[Meeting] = field(default_factory=list)
    absent: list[Meeting] = field(default_factory=list)
    votes: list[tuple[Meeting, int, Item, str]] = field(default_factory=list)  # (meeting, order, item, how)


@dataclass
class Archive:
    meetings: list[Meeting]
    committees: list[Committee]
    people: list[PersonRecord]
    errors: list[str] = field(default_factory=list)


def item_key(item: Item, order: int) -> str:
    return f"punkt-{slug(item.number, str(order))}"


def _downloads(out: Path, outputs: list[str]) -> tuple[Path | None, list[Download]]:
    xml = next((out / o for o in outputs if o.endswith(".xml") and not o.endswith(".akn.xml")), None)
    found = []
    for suffix, label in DOWNLOADS:
        for o in outputs:
            if o.endswith(suffix) and not (suffix in (".xml", ".json") and o.endswith((".akn.xml", ".oparl.json"))):
                if (out / o).is_file():
                    found.append(Download(label, out / o, Path(o).name))
                break
    return xml, found


def _manifest(out: Path) -> list[dict]:
    path = out / "manifest.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ReferatError(f"{out}: no manifest.json; run 'referat convert ... --out {out}' first") from None
    except (OSError, ValueError) as exc:
        raise ReferatError(f"{path}: cannot read the manifest: {exc}") from None
    inputs = data.get("inputs") if isinstance(data, dict) else None
    if not isinstance(inputs, list):
        raise ReferatError(f"{path}: not a referat manifest (no 'inputs' list)")
    return [e for e in inputs if isinstance(e, dict) and e.get("status") in ("converted", "unchanged")]


def collect(out: Path, municipality: str | None = None) -> Archive:
    meetings: list[Meeting] = []
    errors: list[str] = []
    root = out.resolve()
    for entry in _manifest(out):
        outputs = [o for o in entry.get("outputs", []) if isinstance(o, str)]
        # a crafted manifest must not make the site publish files from outside OUT
        outputs = [o for o in outputs if (out / o).resolve().is_relative_to(root)]
        xml, downloads = _downloads(out, outputs)
        if xml is None:
            errors.append(f"{entry.get('path')}: no canonical XML among its outputs (convert with --to xml)")
            continue
        try:
            minutes = canonical.from_bytes(xml.read_bytes(), str(xml))
        except (OSError, ReferatError) as exc:
            errors.append(f"{xml}: {exc}")
            continue
        if municipality and not minutes.meeting.authority:
            minutes.meeting.authority = municipality
        meetings.append(Meeting(minutes, "", organization_key(minutes), downloads))
    meetings.sort(key=lambda m: (m.minutes.meeting.date or _NO_DATE, m.committee), reverse=True)
    seen: dict[str, int] = {}
    for m in reversed(meetings):  # oldest first, so a later duplicate gets the suffix
        key = f"{m.committee}/{date_key(m.minutes)}"
        seen[key] = seen.get(key, 0) + 1
        m.key = key if seen[key] == 1 else f"{key}-{seen[key]}"
    return Archive(meetings, _committees(meetings), _people(meetings), errors)


def _committees(meetings: list[Meeting]) -> list[Committee]:
    found: dict[str, Committee] = {}
    for m in meetings:
        found.setdefault(m.committee, Committee(m.committee, m.title)).meetings.append(m)
    return sorted(found.values(), key=lambda c: c.name.lower())


def _people(meetings: list[Meeting]) -> list[PersonRecord]:
    found: dict[str, PersonRecord] = {}
    for m in meetings:
        for p in m.minutes.meeting.participants:
            record = found.setdefault(_person_key(p), PersonRecord(_person_key(p), p.name.strip(), p.party))
            record.party = record.party or p.party
            (record.absent if p.absent else record.attended).append(m)
    for m in meetings:
        for order, item in enumerate(m.minutes.items, 1):
            for vote in item.votes:
                for how, voters in (("for", vote.for_), ("imod", vote.against), ("undlod at stemme", vote.abstaining)):
                    for voter in voters:
                        record = found.get(slug(voter.name, "")) if voter.name else None
                        if record is not None:
                            record.votes.append((m, order, item, how))
    return sorted(found.values(), key=lambda r: r.name.lower())


def _person_key(person: Person) -> str:
    return slug(person.name, "person")


_NO_DATE = dt.date.min
