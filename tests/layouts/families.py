"""House styles of Danish minutes as HTML for WeasyPrint (CSS Paged Media,
https://www.w3.org/TR/css-page-3/): the same ``Minutes`` printed the ways councils print them.

A family is a set of choices (``Family``); ``Geometry`` varies the type and the running headers.
``render`` gives the HTML and the expected minutes: what the page prints of the fields ``referat
compare`` checks (a style that prints no document numbers expects none). README.md beside this
file describes the families."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from html import escape

from convert.model import Minutes, Paragraph
from convert.writers._opendata import MONTHS


@dataclass(frozen=True)
class Family:
    name: str
    number: str  # "{n}." | "Punkt {n}." | "Pkt. {n}" | "{n}" | "Punkt {n}:"
    meta: str  # "under" (label lines) | "table" (label/value table under) | "beside" (columns beside the title)
    access: str  # "line" ("Åben sag") | "title" ("(Lukket punkt)") | "meta" (a label "Adgang:")
    decision: str  # "in" (Beslutning i X den …) | "genitive" (Xs beslutning den …) | "plain" | "boxed"
    members: str  # "list" | "table"
    attachments: str  # "ruled" | "unruled" | "lines"
    front_columns: int = 1
    italic_sections: bool = False


@dataclass(frozen=True)
class Geometry:
    serif: bool = True
    size: float = 10.0
    header: str = "top"  # "top" | "bottom" | "both"
    # How some content is set (drawn after the rest, so that the examples before stay as they were):
    place: str | None = None  # a place over several lines ("\n" apart) printed instead of the one line
    short: tuple[str, ...] = ()  # short lines set one under another after the first presentation


FAMILIES = [
    Family("edoc", "{n}.", "under", "title", "genitive", "list", "ruled"),
    Family("acadre", "{n}.", "under", "line", "in", "table", "unruled"),
    Family("firstagenda", "Punkt {n}:", "table", "title", "plain", "list", "lines"),
    Family("word-template", "Punkt {n}.", "table", "meta", "plain", "list", "lines", italic_sections=True),
    Family("meta-beside", "{n}.", "beside", "meta", "boxed", "table", "unruled"),
    Family("pkt-two-columns", "Pkt. {n}", "under", "line", "in", "list", "ruled", front_columns=2),
    Family("bare-number", "{n}", "table", "title", "genitive", "table", "lines"),
    Family("council", "{n}.", "beside", "line", "in", "list", "ruled", front_columns=2),
]


def _d(date) -> str:
    return f"{date.day:02d}.{date.month:02d}.{date.year}"


def _long(date) -> str:
    return f"{date.day}. {MONTHS[date.month - 1]} {date.year}"


_ITALIC = "font-style: italic; font-weight: normal;"


def _css(g: Geometry, f: Family) -> str:
    face = "DejaVu Serif, serif" if g.serif else "DejaVu Sans, sans-serif"
    top = '@top-right { content: string(body) " · Referat"; font-size: 8pt; }' if g.header in ("top", "both") else ""
    bottom = (
        '@bottom-center { content: "Side " counter(page) " af " counter(pages); font-size: 8pt; }'
        if g.header in ("bottom", "both")
        else ""
    )
    if g.header == "top":
        top = '@top-right { content: string(body) " · Referat · Side " counter(page); font-size: 8pt; }'
    return f"""
@page {{ size: A4; margin: 25mm 20mm; {top} {bottom} }}
body {{ font: {g.size}pt/1.3 {face}; }}
.body {{ string-set: body content(); }}
h1 {{ font-size: {g.size + 6}pt; margin: 0 0 6pt; }}
h2 {{ font-size: {g.size + 3}pt; margin: 16pt 0 4pt; }}
h3 {{ font-size: {g.size}pt; margin: 8pt 0 2pt; {_ITALIC if f.italic_sections else ""} }}
p {{ margin: 0 0 6pt; }}
table {{ border-collapse: collapse; margin: 2pt 0 8pt; }}
td, th {{ padding: 1pt 10pt 1pt 0; text-align: left; vertical-align: top; font-weight: normal; }}
table.ruled td {{ border: 0.6pt solid black; padding: 2pt 4pt; }}
.front {{ column-count: {f.front_columns}; column-gap: 12mm; }}
.box {{ border: 0.8pt solid black; padding: 4pt 6pt; margin: 6pt 0; }}
table.beside {{ width: 100%; margin-top: 14pt; }}
.beside h2 {{ margin: 0; }}
.beside td:first-child {{ width: 50%; }}
.beside td:last-child {{ font-size: {g.size - 1}pt; }}
"""


def _people(m: Minutes, f: Family) -> str:
    present = [p for p in m.meeting.participants if not p.absent]
    absent = [p for p in m.meeting.participants if p.absent]
    out = []
    for heading, group in (("Medlemmer", present), ("Afbud", absent)):
        if not group:
            continue
        if f.members == "table":
            rows = "".join(f"<tr><td>{escape(p.name)}</td><td>{p.party}</td></tr>" for p in group)
            out.append(f"<p><b>{heading}:</b></p><table>{rows}</table>")
        else:
            lines = "<br>".join(f"{escape(p.name)} ({p.party})" for p in group)
            out.append(f"<p><b>{heading}:</b><br>{lines}</p>")
    return "".join(out)


def _meta(item, f: Family, body: str) -> list[tuple[str, str]]:
    pairs = [("Sagsnr.:", item.case_number), ("Sagen afgøres i:", body)]
    if f.access == "meta":
        pairs.append(("Adgang:", "Åben" if item.access == "open" else "Lukket"))
    return pairs


def _heading(item, f: Family) -> str:
    label = f.number.format(n=item.number)
    title = escape(item.title)
    if f.access == "title" and item.access == "closed":
        title += " (Lukket punkt)"
    return f"{label} {title}"


def _item(item, f: Family, m: Minutes) -> str:
    body, date = m.meeting.body, m.meeting.date
    meta = _meta(item, f, body)
    out = []
    if f.meta == "beside":
        cells = "<br>".join(f"{label} {escape(value)}" for label, value in meta)
        out.append(f"<table class='beside'><tr><td><h2>{_heading(item, f)}</h2></td><td>{cells}</td></tr></table>")
    else:
        out.append(f"<h2>{_heading(item, f)}</h2>")
        if f.meta == "table":
            rows = "".join(f"<tr><td>{label}</td><td>{escape(value)}</td></tr>" for label, value in meta)
            out.append(f"<table>{rows}</table>")
        else:
            out.append("<p>" + "<br>".join(f"{label} {escape(value)}" for label, value in meta) + "</p>")
    if f.access == "line":
        out.append(f"<p>{'Åben' if item.access == 'open' else 'Lukket'} sag</p>")
    for s in item.sections:
        if s.kind == "decided-by":
            continue  # printed with the meta above
        text = "".join("<p>" + "<br>".join(map(escape, b.text.split("\n"))) + "</p>" for b in s.blocks)
        if s.kind != "decision":
            out.append(f"<h3>{escape(s.heading)}</h3>{text}")
        elif f.decision == "in":
            out.append(f"<h3>Beslutning i {escape(body)} den {_long(date)}</h3>{text}")
        elif f.decision == "genitive":
            out.append(f"<h3>{escape(body)}s beslutning den {_d(date)}</h3>{text}")
        elif f.decision == "boxed":
            out.append(f"<div class='box'><h3>Beslutning</h3>{text}</div>")
        else:
            out.append(f"<h3>Beslutning:</h3>{text}")
    if item.attachments:
        out.append("<h3>Bilag</h3>")
        if f.attachments == "lines":
            out.append("<p>" + "<br>".join(f"{a.number}. {escape(a.title)}" for a in item.attachments) + "</p>")
        else:
            rows = "".join(
                f"<tr><td>{a.number}</td><td>{'Åben' if a.access == 'open' else 'Lukket'}</td>"
                f"<td>{escape(a.title)}</td><td>{a.document_id}</td></tr>"
                for a in item.attachments
            )
            ruled = " class='ruled'" if f.attachments == "ruled" else ""
            out.append(f"<table{ruled}>{rows}</table>")
    return "".join(out)


def _set(m: Minutes, g: Geometry) -> Minutes:
    """``m`` with what the geometry sets differently: the place over several lines, short lines."""
    if not (g.place or g.short):
        return m
    m = copy.deepcopy(m)
    m.meeting.location = g.place or m.meeting.location
    if g.short:
        m.items[0].sections_of("presentation")[0].blocks.append(Paragraph("\n".join(g.short)))
    return m


def render(m: Minutes, f: Family, g: Geometry) -> tuple[str, Minutes]:
    """The HTML of ``m`` in family ``f`` and geometry ``g``, and what a reader should give back."""
    m = _set(m, g)
    mt = m.meeting
    place = "<br>".join(escape(part) for part in mt.location.split("\n"))
    front = (
        f"<h1>Referat</h1><div class='front'><p class='body'>{escape(mt.body)}</p>"
        f"<p>Dato: {_long(mt.date)}<br>Tid: kl. 15.00<br>Sted: {place}</p>{_people(m, f)}</div>"
    )
    items = "".join(_item(it, f, m) for it in m.items)
    head = f"<head><meta charset='utf-8'><style>{_css(g, f)}</style></head>"
    html = f"<html lang='da'>{head}<body>{front}{items}</body></html>"
    expected = copy.deepcopy(m)
    expected.meeting.location = mt.location.replace("\n", ", ")  # a place over several lines, read as one
    for it in expected.items:
        for s in it.sections:  # short lines printed one under another: a paragraph each
            s.blocks = [Paragraph(t) for b in s.blocks for t in b.text.split("\n")]
        if f.decision in ("plain", "boxed"):  # "Beslutning:" names neither body nor date
            for s in it.sections_of("decision"):
                s.body = s.date = None
        if f.attachments == "lines":
            for a in it.attachments:
                a.access, a.document_id = "open", None
    return html, expected


def pdf(m: Minutes, f: Family, g: Geometry) -> tuple[bytes, Minutes]:
    from weasyprint import HTML

    html, expected = render(m, f, g)
    return HTML(string=html).write_pdf(), expected
