"""The HTML pages of the web archive (Jinja2 templates in ``templates/site/``, autoescaped).

Every page is plain, semantic HTML that works without JavaScript (only the search page needs it):
``lang="da"``, a skip link, landmarks, headings in order, tables with header cells, visible focus
(WCAG 2.1 AA). Links are relative, so the site works from any folder of any web server."""

from __future__ import annotations

from functools import cache
from itertools import groupby

import jinja2

from convert.resources import resource
from convert.site.collect import Archive, Meeting, item_key, person_key
from convert.site.files import Writer
from convert.writers._opendata import danish_date

LATEST = 20
HOME = ("Forside", "{root}index.html")


@cache
def _env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(resource("templates/site"))),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.globals.update(date=_date, item_key=item_key, person_key=person_key)
    return env


def _date(meeting: Meeting) -> str:
    date = meeting.summary.date
    return danish_date(date) if date else "uden dato"


def _render(writer: Writer, relative: str, template: str, site_name: str, **context) -> None:
    depth = relative.count("/")
    html = _env().get_template(template).render(root="../" * depth, site_name=site_name, **context)
    writer.text(relative, html)


def _crumbs(depth: int, *trail):
    root = "../" * depth
    return [(label, href.format(root=root) if href else None) for label, href in (HOME, *trail)]


def write_lists(archive: Archive, writer: Writer, site_name: str, bundles: list[str]) -> None:
    """The pages that list meetings, from their summaries: rebuilt whole every time, and cheap."""
    common = {"searchable": False}
    _render(writer, "index.html", "index.html.j2", site_name, title="Forside", archive=archive,
            latest=archive.meetings[:LATEST], crumbs=[], **common)
    _render(writer, "udvalg/index.html", "committees.html.j2", site_name, title="Udvalg", archive=archive,
            crumbs=_crumbs(1, ("Udvalg", None)), **common)
    _render(writer, "personer/index.html", "people.html.j2", site_name, title="Personer", archive=archive,
            crumbs=_crumbs(1, ("Personer", None)), **common)
    _render(writer, "soeg.html", "search.html.j2", site_name, title="Søg", crumbs=_crumbs(0, ("Søg", None)),
            bundles=bundles, **common)
    for c in archive.committees:
        years = [(y, list(ms)) for y, ms in groupby(c.meetings, key=lambda m: m.year)]
        _render(writer, f"udvalg/{c.key}/index.html", "committee.html.j2", site_name, title=c.name, committee=c,
                years=years, crumbs=_crumbs(2, ("Udvalg", "{root}udvalg/index.html"), (c.name, None)), **common)
    for p in archive.people:
        _render(writer, f"personer/{p.key}.html", "person.html.j2", site_name, title=p.name, person=p,
                crumbs=_crumbs(1, ("Personer", "{root}personer/index.html"), (p.name, None)), **common)


def meeting_pages(writer: Writer, m: Meeting, site_name: str) -> None:
    """A meeting's own pages and downloads, from its minutes (read for this)."""
    base = f"moeder/{m.key}"
    depth = base.count("/") + 1
    committee = ("Udvalg", "{root}udvalg/index.html"), (m.title, "{root}udvalg/" + m.committee + "/index.html")
    people = m.minutes.meeting.participants
    _render(writer, f"{base}/index.html", "meeting.html.j2", site_name, title=f"{m.title}, {_date(m)}",
            meeting=m, present=[p for p in people if not p.absent], absent=[p for p in people if p.absent],
            crumbs=_crumbs(depth, *committee, (_date(m), None)), searchable=True)
    for order, item in enumerate(m.minutes.items, 1):
        crumb = f"Punkt {item.number}" if item.number else item.title  # no number is invented
        _render(writer, f"{base}/{item_key(item, order)}.html", "item.html.j2", site_name,
                title=f"{item.title} ({m.title}, {_date(m)})", meeting=m, item=item,
                crumbs=_crumbs(depth, *committee, (_date(m), "index.html"), (crumb, None)),
                searchable=True)
    for d in m.downloads:
        writer.copy(f"filer/{m.key}/{d.name}", d.source)
