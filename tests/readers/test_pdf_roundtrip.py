"""Round trip through our own PDF writer (issue 4): a document written to PDF by
``convert.writers.pdf`` and read back by the PDF reader has the same structure and the same text.

Our PDF is tagged (PDF/UA-1): the reader takes wrapped headings and the attachment table from its
structure tree, and its item and section headings through the "referat" vocabulary. What the PDF
does not print (the access word as the source printed it, participants' roles and parties) is
not compared."""

from __future__ import annotations

import pytest

import convert
from convert.model import ListBlock, Paragraph, Subheading, Table
from tests.conftest import SEEDS
from tests.readers.test_pdf_layout import AARHUS, BALLERUP


def _blocks(blocks):
    out = []
    for b in blocks:
        if isinstance(b, (Paragraph, Subheading)):
            out.append((type(b).__name__, b.text))
        elif isinstance(b, ListBlock):
            items = [(li.text, _blocks([li.sublist]) if li.sublist else None) for li in b.items]
            out.append(("list", b.ordered, b.style, b.delimiter, b.start, items))
        elif isinstance(b, Table):
            out.append(("table", b.header, b.rows))
    return out


def structure(minutes, blocks=True):
    """What must survive: meeting, items with number, title, access, case and document number,
    their sections (kind, heading, decision body and date, blocks) and attachments."""
    m = minutes.meeting
    return (
        m.body,
        m.date,
        m.location,
        [
            (
                i.number,
                i.title,
                i.access,
                i.case_number,
                i.document_id,
                [(s.kind, s.heading, s.body, s.date, _blocks(s.blocks) if blocks else None) for s in i.sections],
                [(a.number, a.title, a.access, a.document_id, a.case_number, a.marker) for a in i.attachments],
            )
            for i in minutes.items
        ],
    )


@pytest.fixture(scope="module", params=[*SEEDS, BALLERUP, AARHUS], ids=lambda p: p.name)
def both(request, tmp_path_factory):
    original = convert.read(request.param)
    dest = tmp_path_factory.mktemp("roundtrip") / f"{request.param.stem}.pdf"
    convert.write(original, "pdf", dest)
    return original, convert.read(dest)


def test_written_pdf_reads_back_items_and_sections(both):
    original, again = both
    assert again.source.format == "pdf"
    assert structure(again, blocks=False) == structure(original, blocks=False)


def test_written_pdf_reads_back_the_same_text_blocks(both):
    original, again = both
    assert structure(again) == structure(original)
