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
from convert.model import Item, Minutes
from convert.writers._opendata import organization_key, slug

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
class Summary:
    """What the pages listing a meeting need of it (home, committee, person pages, feeds): small,
    plain data kept in the build state, so an unchanged meeting is never read again."""

    committee: str  # committee key
    date: dt.date | None
    body: str | None
    authority: str | None
    start: str | None = None
    end: str | None = None
    location: str | None = None
    items: list[tuple[str, str]] = field(default_factory=list)  # (number, title)
    participants: list[tuple[str, str | None, bool]] = field(default_factory=list)  # (name, party, absent)
    votes: list[tuple[str, str, str, str]] = field(default_factory=list)  # (voter, item page, item title, how)

    @classmethod
    def of(cls, minutes: Minutes) -> Summary:
        m = minutes.meeting
        votes = []
        for order, item in enumerate(minutes.items, 1):
            for vote in item.votes:
                for how, voters in (("for", vote.for_), ("imod", vote.against), ("undlod at stemme", vote.abstaining)):
                    votes += [(v.name, item_key(item, order), item.title, how) for v in voters if v.name]
        return cls(organization_key(minutes), m.date, m.body, m.authority, m.start, m.end, m.location,
                   [(i.number, i.title) for i in minutes.items],
                   [(p.name, p.party, p.absent) for p in m.participants], votes)

    def to_json(self) -> dict:
        data = {k: v for k, v in vars(self).items()}
        data["date"] = self.date.isoformat() if self.date else None
        return data

    @classmethod
    def from_json(cls, data: dict) -> Summary:
        data = dict(data)
        data["date"] = dt.date.fromisoformat(data["date"]) if data["date"] else None
        for name in ("items", "participants", "votes"):
            data[name] = [tuple(x) for x in data[name]]
        return cls(**data)


@dataclass
class Meeting:
    summary: Summary
    xml: str  # the canonical XML, relative to OUT: its key in the build state
    source: list[int]  # the XML's size, mtime and inode: unchanged means not read again
    key: str = ""  # "committee/date", unique on the site
    api_url: str = ""  # the OParl Meeting's id
    downloads: list[Download] = field(default_factory=list)
    minutes: Minutes | None = None  # read only when its pages are rendered

    @property
    def committee(self) -> str:
        return self.summary.committee

    @property
    def title(self) -> str:
        return self.summary.body or "Møde"

    @property
    def year(self) -> str:
        return str(self.summary.date.year) if self.summary.date else "Uden dato"

    @property
    def date_key(self) -> str:
        return self.summary.date.isoformat() if self.summary.date else "udateret"


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
    votes: list[tuple[Meeting, str, str, str]] = field(default_factory=list)  # (meeting, item page, title, how)


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
        raise ReferatError(str(out), f"no manifest.json; run 'referat convert ... --out {out}' first") from None
    except (OSError, ValueError) as exc:
        raise ReferatError(str(path), f"cannot read the manifest: {exc}") from None
    inputs = data.get("inputs") if isinstance(data, dict) else None
    if not isinstance(inputs, list):
        raise ReferatError(str(path), "not a referat manifest (no 'inputs' list)")
    return [e for e in inputs if isinstance(e, dict) and e.get("status") in ("converted", "unchanged")]


def read_minutes(out: Path, meeting: Meeting, municipality: str | None) -> Minutes:
    xml = out / meeting.xml
    minutes = canonical.from_bytes(xml.read_bytes(), str(xml))
    if municipality and not minutes.meeting.authority:
        minutes.meeting.authority = municipality
    return minutes


def collect(out: Path, municipality: str | None = None, known: dict[str, dict] | None = None) -> Archive:
    """The archive's meetings; ``known`` (the build state's summaries by XML path) spares reading
    every canonical XML whose size, time and inode are unchanged."""
    known = known or {}
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
        rel = xml.relative_to(out).as_posix()
        try:
            st = xml.stat()
            source = [st.st_size, st.st_mtime_ns, st.st_ino]
            cached = known.get(rel)
            if cached and cached.get("source") == source:
                meetings.append(Meeting(Summary.from_json(cached["summary"]), rel, source, downloads=downloads))
                continue
            meeting = Meeting(Summary("", None, None, None), rel, source, downloads=downloads)
            meeting.minutes = read_minutes(out, meeting, municipality)
        except (OSError, ReferatError) as exc:
            errors.append(f"{xml}: {exc}")
            continue
        meeting.summary = Summary.of(meeting.minutes)
        meetings.append(meeting)
    meetings.sort(key=lambda m: (m.summary.date or _NO_DATE, m.committee), reverse=True)
    seen: dict[str, int] = {}
    for m in reversed(meetings):  # oldest first, so a later duplicate gets the suffix
        key = f"{m.committee}/{m.date_key}"
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
        for name, party, absent in m.summary.participants:
            record = found.setdefault(person_key(name), PersonRecord(person_key(name), name.strip(), party))
            record.party = record.party or party
            (record.absent if absent else record.attended).append(m)
    for m in meetings:
        for voter, page, title, how in m.summary.votes:
            record = found.get(slug(voter, ""))
            if record is not None:
                record.votes.append((m, page, title, how))
    return sorted(found.values(), key=lambda r: r.name.lower())


def person_key(name: str) -> str:
    return slug(name, "person")


_NO_DATE = dt.date.min
