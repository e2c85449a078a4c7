"""Round trip through our own PDF writer (issue 4): a document written to PDF by
``convert.writers.pdf`` and read back by the PDF reader has the same structure. Skipped while the
writer is not on this branch."""

from __future__ import annotations

import importlib.util

import pytest

import convert
from tests.conftest import SEEDS
from tests.readers.test_pdf_layout import AARHUS, BALLERUP

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("convert.writers.pdf") is None, reason="the PDF writer is not here yet"
)


def structure(minutes, attachments=True):
    """What must survive: meeting, items with number, title, access, case number, the kinds and
    headings of their sections, decision dates, and the attachments."""
    m = minutes.meeting
    return (
        m.body,
        m.date,
        [
            (
                i.number,
                i.title,
                i.access,
                i.case_number,
                [(s.kind, s.heading, s.date) for s in i.sections],
                [(a.number, a.title, a.access, a.document_id, a.case_number) for a in i.attachments]
                if attachments
                else None,
            )
            for i in minutes.items
        ],
    )


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_written_pdf_reads_back_items_and_sections(path, tmp_path):
    original = convert.read(path)
    dest = tmp_path / f"{path.stem}.pdf"
    convert.write(original, "pdf", dest)
    again = convert.read(dest)
    assert structure(again, attachments=False) == structure(original, attachments=False)


# Known gap: the PDF reader does not read tables yet, so the attachment table our writer prints
# comes back as one attachment per row of text; and our PDF of an eDoc document prints the case
# number in a form the eDoc item heading rule does not confirm. Strict: a fix makes this fail.
@pytest.mark.xfail(strict=True, reason="attachment tables are not read back from PDF yet")
@pytest.mark.parametrize("path", [*SEEDS, BALLERUP, AARHUS], ids=lambda p: p.name)
def test_written_pdf_reads_back_to_the_same_structure(path, tmp_path):
    original = convert.read(path)
    dest = tmp_path / f"{path.stem}.pdf"
    convert.write(original, "pdf", dest)
    again = convert.read(dest)
    assert again.source.format == "pdf"
    assert structure(again) == structure(original)
