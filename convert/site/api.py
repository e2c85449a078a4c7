"""A static OParl 1.1 API (https://oparl.org/spezifikation/) beside the web archive: plain JSON
files that any web server can serve and any OParl client can walk, from the System to every
Meeting, AgendaItem, File, Organization and Person.

The objects are the OParl writer's combined snapshot (``convert.writers.oparl``), re-addressed
for files: a static server cannot answer ``/body/x`` and ``/body/x/meeting`` both (one would be a
file, the other a folder), so every object's URL gets ``.json`` (the System's is ``system.json``)
and every reference to it is rewritten the same way. Object lists are paginated as the spec's
chapter "Objektlisten und Paginierung" says: ``data``, ``pagination`` and ``links`` with
first/prev/next/last/self, ``PAGE_SIZE`` objects a page."""

from __future__ import annotations

import json

from convert.site.collect import Meeting
from convert.site.files import Writer
from convert.writers import oparl

PAGE_SIZE = 100
PREFIX = "oparl/v1"


def _objects(node):
    if isinstance(node, dict):
        if isinstance(node.get("type"), str) and node["type"].startswith(oparl.SCHEMA) and "id" in node:
            yield node
        for value in node.values():
            yield from _objects(value)
    elif isinstance(node, list):
        for value in node:
            yield from _objects(value)


def _readdress(node, urls: dict[str, str]):
    if isinstance(node, str):
        return urls.get(node, node)
    if isinstance(node, dict):
        return {k: _readdress(v, urls) for k, v in node.items()}
    if isinstance(node, list):
        return [_readdress(v, urls) for v in node]
    return node


def _pages(url: str, data: list[dict]) -> list[tuple[str, dict]]:
    """One list split into pages: page 1 at ``url``, then ``url`` with ``-2``, ``-3``, ...."""
    total = max(1, -(-len(data) // PAGE_SIZE))
    names = [url] + [f"{url.removesuffix('.json')}-{n}.json" for n in range(2, total + 1)]
    out = []
    for n in range(total):
        chunk = data[n * PAGE_SIZE : (n + 1) * PAGE_SIZE]
        links = {"first": names[0], "self": names[n], "last": names[-1]}
        if n:
            links["prev"] = names[n - 1]
        if n + 1 < total:
            links["next"] = names[n + 1]
        pagination = {"totalElements": len(data), "currentPage": n + 1, "totalPages": total}
        if chunk:
            pagination["elementsPerPage"] = PAGE_SIZE
        out.append((names[n], {"data": chunk, "pagination": pagination, "links": links}))
    return out


class Api:
    """The API of one build: each meeting's part comes from its minutes or from the build state;
    the System, Bodies and lists are assembled from all parts every time (they are small, except
    the meeting lists, which take each Meeting's published JSON as it stands)."""

    def __init__(self, base_url: str, municipality: str | None):
        self.site = base_url.rstrip("/")
        self.base = f"{self.site}/{PREFIX}"
        self.options = oparl.Options(base_url=self.base, body_name=municipality)
        self.urls: dict[str, str] = {}

    def url(self, m: Meeting) -> str:
        return f"{self.base}/meeting/{m.committee}/{m.date_key}"

    def part(self, m: Meeting) -> tuple[dict, dict[str, dict]]:
        """A meeting's record for the state (no big objects) and its own objects by id."""
        part = oparl.meeting_part(m.minutes, self.base, m.api_url, self.options)
        meeting = part.pop("meeting")
        own = {obj["id"]: obj for obj in _objects(meeting)}
        refs = {s for s in _strings(meeting) if (s == self.base or s.startswith(self.base + "/")) and s not in own}
        stub = {k: meeting[k] for k in ("id", "start", "created", "modified") if k in meeting}
        return {**part, "meeting": stub, "own": sorted(own), "refs": sorted(refs)}, own

    def address(self, records: list[dict]) -> dict:
        """Assemble the snapshot of all parts and learn every URL the API publishes."""
        snapshot = oparl.assemble(json.loads(json.dumps(records)), self.base)  # assemble merges in place
        ids = [obj["id"] for obj in _objects(snapshot)] + [i for r in records for i in r["own"]]
        self.urls = {url: f"{url}.json" for url in [*ids, *snapshot] if url != self.base}
        self.urls[self.base] = f"{self.base}/system.json"
        return snapshot

    def resolved(self, record: dict) -> list[str]:
        """The URLs of other objects a meeting links to that the API has: its JSON depends on them."""
        return [r for r in record["refs"] if r in self.urls]

    def path(self, url: str) -> str:
        return self.urls[url][len(self.site) + 1 :]

    def write_meeting(self, writer: Writer, record: dict, own: dict[str, dict]) -> bytes:
        """Write a meeting's own objects; returns its Meeting's JSON, as the meeting lists hold it."""
        for url, obj in own.items():
            writer.text(self.path(url), _dump(_readdress(obj, self.urls)))
        return _dump(_readdress(own[record["meeting"]["id"]], self.urls)).encode("utf-8")[:-1]

    def write_lists(self, writer: Writer, snapshot: dict, listed: dict[str, bytes]) -> int:
        """Write the System, Bodies, lists and the objects they hold; ``listed`` is each Meeting's
        published JSON by its published URL. Returns how many objects the API publishes in all."""
        published: dict[str, bytes] = {}
        for url, doc in snapshot.items():
            doc = _readdress(doc, self.urls)
            if "data" not in doc:
                published[self.urls[url]] = _dump(doc).encode("utf-8")
                continue
            for name, page in _pages(self.urls[url], doc["data"]):
                stubs = page.pop("data")
                if stubs and "type" not in stubs[0]:  # a meeting list holds stubs: put the Meetings in
                    meetings = b",".join(listed[s["id"]] for s in stubs)
                    published[name] = b'{"data":[' + meetings + b"]," + _dump(page).encode("utf-8")[1:]
                else:
                    published[name] = _dump({"data": stubs, **page}).encode("utf-8")
        objects = {obj["id"]: obj for obj in _objects(snapshot)}
        for url, obj in objects.items():
            published.setdefault(self.urls[url], _dump(_readdress(obj, self.urls)).encode("utf-8"))
        for url, data in published.items():
            writer.bytes(url[len(self.site) + 1 :], data)
        return len(objects)


def _strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def _dump(doc) -> str:
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n"
