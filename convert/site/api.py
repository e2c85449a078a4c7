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

from convert.site.collect import Archive
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


def write_api(archive: Archive, writer: Writer, base_url: str, municipality: str | None) -> int:
    """Write the API's files; returns how many objects it publishes."""
    site = base_url.rstrip("/")
    base = f"{site}/{PREFIX}"
    options = oparl.Options(base_url=base, body_name=municipality)
    snapshot = oparl._snapshot([m.minutes for m in archive.meetings], base, options)
    objects = {obj["id"]: obj for obj in _objects(snapshot)}
    urls = {url: f"{url}.json" for url in [*objects, *snapshot] if url != base}
    urls[base] = f"{base}/system.json"
    published: dict[str, object] = {}
    for url, doc in snapshot.items():
        doc = _readdress(doc, urls)
        if "data" in doc:
            published.update(_pages(urls[url], doc["data"]))
        else:
            published[urls[url]] = doc
    for url, obj in objects.items():
        published.setdefault(urls[url], _readdress(obj, urls))
    for url, doc in published.items():
        relative = url[len(site) + 1 :]
        writer.text(relative, json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n")
    return len(objects)
