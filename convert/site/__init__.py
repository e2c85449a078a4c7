"""The static web archive of a municipality's minutes: ``referat site OUT --out SITE``.

From the output folder of ``referat convert`` (its manifest and canonical XML) it builds pages per
committee, meeting, item and person with every format to download, full-text search (Pagefind,
run in the browser), an Atom feed, an iCalendar file and a static OParl 1.1 API. Nothing needs a
server beyond plain file hosting. A rebuild writes only the files whose content changed."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from convert.errors import ReferatError
from convert.resources import resource
from convert.site import api, feeds, search
from convert.site.collect import collect
from convert.site.files import Writer
from convert.site.pages import write_pages

DEFAULT_BASE_URL = "https://example.invalid"


@dataclass
class Built:
    meetings: int = 0
    pages_written: int = 0
    pages_kept: int = 0
    removed: int = 0
    api_objects: int = 0
    search: str = ""
    errors: list[str] = field(default_factory=list)


def build(out: Path, site: Path, municipality: str | None = None, base_url: str = DEFAULT_BASE_URL,
          with_search: bool = True) -> Built:
    out, site = Path(out), Path(site)
    if not out.is_dir():
        raise ReferatError(f"{out}: no such folder (give the --out folder of 'referat convert')")
    if site.resolve() == out.resolve() or out.resolve() in site.resolve().parents:
        raise ReferatError(f"{site}: the site must not be inside the converted folder {out}")
    archive = collect(out, municipality)
    name = municipality or next((m.minutes.meeting.authority for m in archive.meetings if m.minutes.meeting.authority),
                                None) or "Referater"
    site.mkdir(parents=True, exist_ok=True)
    writer = Writer(site)
    write_pages(archive, writer, name)
    writer.bytes("site.css", resource("templates/site/site.css").read_bytes())
    writer.text("feed.xml", feeds.atom(archive, base_url, name))
    writer.text("moeder.ics", feeds.ical(archive, base_url, name))
    objects = api.write_api(archive, writer, base_url, municipality)
    removed = writer.prune()
    result = Built(len(archive.meetings), writer.written, writer.kept, removed, objects, errors=archive.errors)
    if with_search and (writer.pages_changed or not (site / "pagefind").is_dir()):
        result.search = search.index(site)
    elif with_search:
        result.search = "search index unchanged"
    return result
