"""Writer for accessible PDF, PDF/UA-1 (ISO 14289-1), set by one of two engines.

Typst (the default; :mod:`convert.writers.pdf_typst`, ``templates/minutes.typ``) sets the page
design of the HTML template with the same content and passes the same checks, at 7-14 times
WeasyPrint's pages/s and 3-5 times LibreOffice's batched export (``benchmarks/bench_pdf.py``);
WeasyPrint (``pdf_engine="weasyprint"``, or an HTML template of one's own) sets it from HTML and CSS.

The model becomes HTML through the Jinja2 template ``templates/minutes.html.j2`` (autoescaped)
and ``templates/minutes.css``; WeasyPrint (https://doc.courtbouillon.org/weasyprint/) renders it
with ``pdf_variant="pdf/ua-1"``, which tags headings, lists and tables and writes the PDF/UA
identification into XMP. Two things WeasyPrint does not do are done afterwards by
:mod:`convert.writers.pdf_tags`: it marks the running header and footer as artifacts
(WeasyPrint issue 1836) and asks viewers to show the document title (ISO 14289-1, 7.1).

Anything WeasyPrint logs at error level fails the render with an ``OutputError``.
"""

from __future__ import annotations

import io
import logging
import subprocess
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from markupsafe import Markup

from convert.errors import OutputError
from convert.model import ListBlock, Minutes, Paragraph, Subheading, Table
from convert.resources import resource
from convert.writers import pdf_tags
from convert.writers._labels import document_title, item_heading
from convert.writers._people_tables import item_tables
from convert.writers._tables import layout


@dataclass(frozen=True)
class Options:
    template: str | None = None  # another HTML template (path), same context
    stylesheet: str | None = None  # another CSS file (path)
    pdf_engine: str | None = None  # "typst" or "weasyprint"; None: typst (weasyprint for an HTML template)


ENGINES = ("typst", "weasyprint")


class _Collect(logging.Handler):
    """Keeps what WeasyPrint logs at error level during one render."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


FONT_FAMILY = "DejaVu Sans"  # as named in templates/minutes.css
REPLACEMENT = "\ufffd"


@cache
def _covered() -> frozenset[int] | None:
    """Code points every face of the text font has a glyph for (None if fontconfig is absent).

    A character no font can show is drawn as .notdef, which PDF/UA-1 forbids (ISO 14289-1,
    7.21.8); such characters are printed as U+FFFD instead. The canonical XML keeps them."""
    from fontTools.ttLib import TTFont

    faces = []
    for style in ("", ":weight=bold", ":slant=italic", ":weight=bold:slant=italic"):
        try:
            found = subprocess.run(
                ["fc-match", "-f", "%{file}", FONT_FAMILY + style],
                capture_output=True,
                text=True,
                check=True,
                timeout=20,
            ).stdout
        except (OSError, subprocess.SubprocessError):
            return None
        with TTFont(found, lazy=True) as font:
            faces.append(set(font.getBestCmap()))
    return frozenset(set.intersection(*faces))


def printable(text: str) -> str:
    covered = _covered()
    if covered is not None and covered.issuperset(map(ord, text)):
        return text  # nearly always: one set test in C instead of a test per character
    return "".join(
        ch
        if ch in "\n\t "
        or (ord(ch) in covered if covered is not None else unicodedata.category(ch) not in ("Cn", "Co", "Cs"))
        else REPLACEMENT
        for ch in text
    )


def _finalize(value):
    return printable(value) if isinstance(value, str) and not isinstance(value, Markup) else value


@cache
def _environment(folder: str):
    import jinja2  # only the WeasyPrint engine renders HTML

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
    )


def _block(block) -> dict:
    if isinstance(block, Paragraph):
        return {"kind": "p", "text": block.text}
    if isinstance(block, Subheading):
        return {"kind": "subheading", "text": block.text}
    if isinstance(block, ListBlock):
        return {"kind": "list", "list": block}
    if isinstance(block, Table):
        return {"kind": "table", "table": block, "layout": layout(block.rows, block.header)}
    raise TypeError(f"unknown block {type(block).__name__}")


def _person(person) -> str:
    """ "Lolan Ottesen (A) - formand": as minutes print their members, and as the reader reads them."""
    party = f" ({person.party})" if person.party else ""
    role = f" - {person.role}" if person.role else ""
    return f"{person.name}{party}{role}"


def _attachment_table(attachments) -> dict:
    rows = [["Nr.", "Titel", "Adgang", "Dok.nr.", "Sagsnr."]]
    rows += [
        [
            a.number,
            f"{a.title} ({a.marker})" if a.marker else a.title,
            a.access_label or ("Lukket" if a.access == "closed" else "Åben"),
            a.document_id or "",
            a.case_number or "",
        ]
        for a in attachments
    ]
    return {"rows": rows, "layout": layout(rows, header=True)}


def title_of(minutes: Minutes) -> str:
    """The document title: meeting body and date, as a Danish reader expects it."""
    return document_title(minutes)


def render_html(minutes: Minutes, options: Options | None = None) -> str:
    options = options or Options()
    template_path = Path(options.template) if options.template else resource("templates/minutes.html.j2")
    css_path = Path(options.stylesheet) if options.stylesheet else resource("templates/minutes.css")
    template = _environment(str(template_path.parent)).get_template(template_path.name)
    meeting = minutes.meeting
    items = [
        {
            "number": it.number,
            "title": it.title,
            "heading": item_heading(it),
            "access": it.access,
            "label": it.label,
            "access_label": it.access_label,
            "case_number": it.case_number,
            "document_id": it.document_id,
            "attachments": it.attachments,
            "attachment_table": _attachment_table(it.attachments),
            "people": [  # votes and attendance (issue 13)
                {"heading": h, "table": t, "layout": layout(t.rows, t.header)} for h, t in item_tables(it)
            ],
            "sections": [
                {"kind": s.kind, "heading": s.heading, "blocks": [_block(b) for b in s.blocks]} for s in it.sections
            ],
        }
        for it in minutes.items
    ]
    title = title_of(minutes)
    return template.render(
        title=title,
        body=meeting.body,
        authority=meeting.authority,
        meeting=meeting,
        date_long=title[len(meeting.body or "Referat") + 1 :] if meeting.date else "",
        present=[_person(p) for p in meeting.participants if not p.absent],
        absent=[_person(p) for p in meeting.participants if p.absent],
        items=items,
        # The stylesheet is ours or the user's own file, not document text: |safe is right here.
        css=Markup(css_path.read_text(encoding="utf-8")),
    )


def _typst_shared():
    from convert.writers import pdf_typst

    return pdf_typst.Shared(printable, title_of, _person, item_heading, layout)


def typst_data(minutes: Minutes) -> dict:
    """What ``templates/minutes.typ`` is given, as JSON-ready data (the Typst engine's
    counterpart of :func:`render_html`)."""
    from convert.writers import pdf_typst

    return pdf_typst.document(minutes, _typst_shared())


def engine_of(options: Options) -> str:
    if options.pdf_engine is not None:
        if options.pdf_engine not in ENGINES:
            choices = ", ".join(ENGINES)
            raise OutputError("--pdf-engine", f"unknown PDF engine {options.pdf_engine!r}; choose from {choices}")
        return options.pdf_engine
    # Typst by default, the faster engine (README, "Speed"); a template or stylesheet of one's own
    # is HTML/CSS unless it is a .typ file, and that is WeasyPrint's to set.
    custom = options.template or options.stylesheet
    return "weasyprint" if custom and not (options.template or "").endswith(".typ") else "typst"


def render(minutes: Minutes, options: Options | None = None, name: str = "<pdf>") -> bytes:
    """The finished PDF as bytes."""
    options = options or Options()
    if engine_of(options) == "typst":
        from convert.writers import pdf_typst

        template = options.template if options.template and options.template.endswith(".typ") else None
        path = Path(template) if template else resource("templates/minutes.typ")
        return pdf_typst.render(minutes, path, _typst_shared(), name)
    import weasyprint  # slow to import; only the WeasyPrint engine needs it

    html = render_html(minutes, options)
    collect = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collect)
    try:
        raw = weasyprint.HTML(string=html, base_url=None).write_pdf(pdf_variant="pdf/ua-1")
    finally:
        logger.removeHandler(collect)
    if collect.messages:
        raise OutputError(name, "WeasyPrint reported: " + "; ".join(collect.messages))
    out = io.BytesIO()
    pdf_tags.finish(raw, out)
    return out.getvalue()


def write(minutes: Minutes, dest: Path, options: Options | None = None) -> None:
    Path(dest).write_bytes(render(minutes, options, str(dest)))
