"""The static web archive of a municipality's minutes: ``referat site OUT --out SITE``.

From the output folder of ``referat convert`` (its manifest and canonical XML) it builds pages per
committee, meeting, item and person with every format to download, full-text search (Pagefind,
run in the browser), an Atom feed, an iCalendar file and a static OParl 1.1 API. Nothing needs a
server beyond plain file hosting.

A rebuild is incremental: the build state (``convert.site.state``) says which meetings are as they
were; those are neither read nor rendered, the pages listing meetings are made from the meetings'
summaries, and only the search bundles holding a changed meeting are indexed again. The result is
the same, byte for byte, as a full build into an empty folder."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from convert.errors import ReferatError
from convert.resources import resource
from convert.site import feeds, search, state
from convert.site.api import Api
from convert.site.collect import Meeting, collect, read_minutes
from convert.site.files import Writer
from convert.site.pages import meeting_pages, write_lists

DEFAULT_BASE_URL = "https://example.invalid"


@dataclass
class Built:
    meetings: int = 0
    pages_written: int = 0
    pages_kept: int = 0
    removed: int = 0
    api_objects: int = 0
    rendered: int = 0  # meetings read and rendered (the others came from the build state)
    search: str = ""
    errors: list[str] = field(default_factory=list)


def build(out: Path, site: Path, municipality: str | None = None, base_url: str = DEFAULT_BASE_URL,
          with_search: bool = True) -> Built:
    out, site = Path(out), Path(site)
    if not out.is_dir():
        raise ReferatError(str(out), "no such folder (give the --out folder of 'referat convert')")
    if site.resolve() == out.resolve() or out.resolve() in site.resolve().parents:
        raise ReferatError(str(site), f"the site must not be inside the converted folder {out}")
    settings = state.settings(municipality, base_url)
    old = state.load(site, settings) or {}
    known: dict[str, dict] = old.get("meetings", {})
    archive = collect(out, municipality, known)
    name = municipality or next((m.summary.authority for m in archive.meetings if m.summary.authority),
                                None) or "Referater"
    api = Api(base_url, municipality)
    seen: dict[str, int] = {}
    for m in archive.meetings:  # newest first, as the OParl writer numbers meetings of one key
        url = api.url(m)
        seen[url] = seen.get(url, 0) + 1
        m.api_url = url if seen[url] == 1 else f"{url}-{seen[url]}"
    site.mkdir(parents=True, exist_ok=True)
    stopped = state.begin(site)
    writer = Writer(site)
    entries: dict[str, dict] = {}
    owns: dict[str, dict] = {}
    for m in archive.meetings:
        entry = {"source": m.source, "summary": m.summary.to_json(), "base": _base(m, name)}
        cached = known.get(m.xml)
        if cached and cached.get("base") == entry["base"]:
            entry["api"] = cached["api"]
        else:
            _read(out, m, municipality)
            entry["api"], owns[m.xml] = api.part(m)
        entries[m.xml] = entry
    snapshot = api.address([entries[m.xml]["api"] for m in archive.meetings])
    listed: dict[str, bytes] = {}
    rendered = 0
    for m in archive.meetings:
        entry, cached = entries[m.xml], known.get(m.xml) or {}
        entry["fingerprint"] = state.fingerprint(entry["base"], "\n".join(api.resolved(entry["api"])))
        own_url = api.urls[m.api_url]
        if cached.get("fingerprint") == entry["fingerprint"] and _all_there(site, cached["files"]):
            writer.keep(cached["files"])
            entry["files"] = cached["files"]
            listed[own_url] = (site / api.path(m.api_url)).read_bytes()[:-1]
            continue
        _read(out, m, municipality)
        if m.xml not in owns:
            entry["api"], owns[m.xml] = api.part(m)
        mark = len(writer.produced)
        meeting_pages(writer, m, name)
        listed[own_url] = api.write_meeting(writer, entry["api"], owns.pop(m.xml))
        entry["files"] = writer.produced[mark:]
        m.minutes = None  # a whole archive's minutes need not stay in memory
        rendered += 1
    bundles = search.plan(archive, entries, name)
    write_lists(archive, writer, name, sorted(b for b in bundles if b != search.PRIMARY))
    writer.bytes("site.css", resource("templates/site/site.css").read_bytes())
    writer.text("feed.xml", feeds.atom(archive, base_url, name))
    writer.text("moeder.ics", feeds.ical(archive, base_url, name))
    objects = api.write_lists(writer, snapshot, listed) + sum(len(e["api"]["own"]) for e in entries.values())
    # After a stopped build the site may hold files no state lists: every file is looked at then.
    removed = writer.prune(None if stopped else state.previous_files(site), keep=(state.NAME, state.BUILDING))
    result = Built(len(archive.meetings), writer.written, writer.kept, removed, objects, rendered,
                   errors=archive.errors)
    indexed = old.get("search", {}) if (site / search.PRIMARY).is_dir() else {}
    if with_search:
        result.search, indexed = search.update(site, bundles, indexed)
    state.save(site, {"settings": settings, "meetings": entries, "files": writer.produced, "search": indexed})
    state.end(site)
    return result


def _base(m: Meeting, name: str) -> str:
    """What a meeting's pages and API objects depend on, short of the API's other objects."""
    downloads = []
    for d in m.downloads:
        st = d.source.stat()
        downloads.append([d.label, d.name, st.st_size, st.st_mtime_ns, st.st_ino])
    return state.fingerprint(m.source, m.key, m.api_url, name, downloads)


def _all_there(site: Path, files: list[str]) -> bool:
    """A kept meeting's files are still in the site (a page deleted by hand is made again)."""
    return all(map(os.path.isfile, (f"{site}/{f}" for f in files)))  # os.path: 16,000 Paths cost seconds


def _read(out: Path, m: Meeting, municipality: str | None) -> None:
    if m.minutes is None:
        m.minutes = read_minutes(out, m, municipality)
