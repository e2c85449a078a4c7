"""Accessible PDF, PDF/UA-1 (ISO 14289-1), set by Typst (https://typst.app, Apache-2.0) through
its Python binding, PyPI ``typst``.

The page design of ``templates/minutes.css`` is ``templates/minutes.typ``. The model goes to the
template as JSON in ``sys.inputs`` and is shown as text, never evaluated as Typst markup, so no
document text can change the layout. ``pdf_standards=["ua-1"]`` makes Typst tag the content,
mark the page header and footer as pagination artifacts, check the rules it can check
(document title, heading levels, alternative text) and write the PDF/UA identification into XMP.
Characters no face of the text font can show print as U+FFFD, as in the WeasyPrint engine.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from convert.errors import OutputError
from convert.model import ListBlock, Minutes, Paragraph, Subheading, Table
from convert.writers._people_tables import item_tables


@dataclass(frozen=True)
class Shared:
    """What both engines print alike, given by the PDF writer (convert.writers.pdf)."""

    printable: Callable[[str], str]  # text with U+FFFD for what the font cannot show
    title: Callable[[Minutes], str]  # "Direktionen 1. juni 2021"
    person: Callable[[object], str]  # "Lolan Ottesen (A) - formand"
    heading: Callable[[object], str]  # an item's heading as printed: "Punkt 3: Title"
    layout: Callable[..., object]  # a table's heading row, amount columns and widths (writers._tables)


def _texter(shared: Shared):
    return lambda value: None if value is None else shared.printable(value)


def _list(block: ListBlock, show) -> dict:
    return {
        "ordered": block.ordered, "style": block.style, "delimiter": block.delimiter, "start": block.start,
        "items": [
            {"text": show(li.text), "sublist": _list(li.sublist, show) if li.sublist else None} for li in block.items
        ],
    }


def _table(rows: list[list[str]], header: bool, shared: Shared, show) -> dict:
    """Rows padded to the table's width, with the layout both engines share."""
    lay = shared.layout(rows, header)
    width = max((len(r) for r in rows), default=0)
    return {
        "header": lay.header,
        "rows": [[show(c) for c in r] + [""] * (width - len(r)) for r in rows],
        "widths": list(lay.widths) or [1] * width,
        "numeric": list(lay.numeric) or [False] * width,
        "nowrap": list(lay.nowrap) or [False] * width,
    }


def _block(block, show, shared: Shared) -> dict:
    if isinstance(block, Paragraph):
        return {"kind": "p", "text": show(block.text)}
    if isinstance(block, Subheading):
        return {"kind": "subheading", "text": show(block.text)}
    if isinstance(block, ListBlock):
        return {"kind": "list", "list": _list(block, show)}
    if isinstance(block, Table):
        return {"kind": "table", "table": _table(block.rows, block.header, shared, show)}
    raise TypeError(f"unknown block {type(block).__name__}")


def _meta(item, show) -> str:
    """The line the PDF reader's "referat" vocabulary reads back: access, case and document number."""
    parts = ["Lukket punkt" if item.access == "closed" else "Åbent punkt"]
    if item.case_number:
        parts.append(f"Sagsnr. {item.case_number}")
    if item.document_id:
        parts.append(f"Dok.nr. {item.document_id}")
    return show(" · ".join(parts))


def document(minutes: Minutes, shared: Shared) -> dict:
    """What the template shows, as JSON-ready data (the same content as the HTML template's)."""
    show, person = _texter(shared), shared.person  # show: printable text, None kept
    meeting = minutes.meeting
    title = shared.title(minutes)
    return {
        "title": show(title),
        "author": show(meeting.authority or meeting.body or ""),
        "authority": show(meeting.authority),
        "date_long": show(title[len(meeting.body or "Referat") + 1:] if meeting.date else ""),
        "start": show(meeting.start),
        "end": show(meeting.end),
        "location": show(meeting.location),
        "present": [show(person(p)) for p in meeting.participants if not p.absent],
        "absent": [show(person(p)) for p in meeting.participants if p.absent],
        "items": [
            {
                "heading": show(shared.heading(it)),
                "meta": _meta(it, show),
                "sections": [
                    {
                        "kind": s.kind,
                        "heading": show(s.heading or ""),
                        "blocks": [_block(b, show, shared) for b in s.blocks],
                    }
                    for s in it.sections
                ],
                "people": [  # votes and attendance (issue 13), as the HTML template prints them
                    {"heading": show(h), "table": _table(t.rows, t.header, shared, show)} for h, t in item_tables(it)
                ],
                "attachments": _table(
                    [["Nr.", "Titel", "Adgang", "Dok.nr.", "Sagsnr."]]
                    + [
                        [a.number, a.title + (f" ({a.marker})" if a.marker else ""),
                         a.access_label or ("Lukket" if a.access == "closed" else "Åben"),
                         a.document_id or "", a.case_number or ""]
                        for a in it.attachments
                    ],
                    True, shared, show,
                ) if it.attachments else None,
            }
            for it in minutes.items
        ],
    }


@cache
def _compiler(template: str):
    """One compiler per template and process: Typst finds and indexes the fonts once."""
    import typst  # only this engine needs it

    return typst.Compiler(), Path(template).read_bytes(), threading.Lock()


def render(minutes: Minutes, template: Path, shared: Shared, name: str = "<pdf>") -> bytes:
    """The finished PDF as bytes. The creation date is the meeting's, so the same minutes give
    the same bytes."""
    import typst

    date = minutes.meeting.date
    stamp = dt.datetime.combine(date or dt.date(2000, 1, 1), dt.time(), tzinfo=dt.UTC)
    data = json.dumps(document(minutes, shared), ensure_ascii=False)
    compiler, source, lock = _compiler(str(template))
    try:
        with lock:  # one compiler, which keeps state between runs, for all threads of a worker
            raw = compiler.compile(
                source, format="pdf", sys_inputs={"data": data}, pdf_standards=["ua-1"], timestamp=stamp
            )
    except typst.TypstError as exc:
        raise OutputError(name, f"Typst reported: {exc.message}") from None
    return _signed(raw)


def _signed(raw: bytes) -> bytes:
    """Name referat as the document's creator (ISO 32000-1, 14.3.3; XMP xmp:CreatorTool), as the
    WeasyPrint engine does: our own PDF reader knows its layout by that name. Typst, which names
    itself the creator, becomes the producer."""
    import io

    import pikepdf

    with pikepdf.open(io.BytesIO(raw)) as pdf:
        typst = str(pdf.docinfo.get("/Creator", "Typst"))
        # Typst's XMP packet names itself once and declares the pdf: namespace: a replacement in
        # its bytes is exact and much cheaper than pikepdf's XMP editor (which re-serializes it).
        old = f"<xmp:CreatorTool>{typst}</xmp:CreatorTool>".encode()
        packet = pdf.Root.Metadata.read_bytes() if "/Metadata" in pdf.Root else b""
        if packet.count(old) == 1 and b'xmlns:pdf="http://ns.adobe.com/pdf/1.3/"' in packet:
            new = f"<xmp:CreatorTool>referat</xmp:CreatorTool><pdf:Producer>{typst}</pdf:Producer>".encode()
            pdf.Root.Metadata.write(packet.replace(old, new))
        else:
            with pdf.open_metadata(set_pikepdf_as_editor=False) as xmp:
                xmp["xmp:CreatorTool"] = "referat"
                xmp["pdf:Producer"] = typst
        pdf.docinfo["/Creator"] = "referat"
        pdf.docinfo["/Producer"] = typst
        # /Suspects false is the default (ISO 32000-1, table 321) and poppler calls it a syntax
        # error; the WeasyPrint engine writes none either.
        mark = pdf.Root.get("/MarkInfo")
        if mark is not None and "/Suspects" in mark and not bool(mark.Suspects):
            del mark["/Suspects"]
        out = io.BytesIO()
        # Streams are copied as Typst compressed them, not decoded and compressed again; the
        # structure tree's thousands of small dictionaries go into compressed object streams
        # (PDF 1.5), as WeasyPrint writes them: half the file on a 64-page Greve meeting.
        pdf.save(out, deterministic_id=True, stream_decode_level=pikepdf.StreamDecodeLevel.none,
                 object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue()
