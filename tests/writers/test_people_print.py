"""DOCX and PDF print votes and attendance as tables (convert/writers/_people_tables.py), beside
the decision text that keeps the sentences; checked on a Greve committee meeting."""

from __future__ import annotations

import json
import subprocess

import docx
import pypdfium2
import pytest

import convert
from convert.writers.pdf import ENGINES, render_html, typst_data
from tests.readers.greve_html import GREVE

pytestmark = pytest.mark.skipif(not GREVE.exists(), reason="the Greve corpus is not beside the worktree")
COMMITTEE = GREVE / "greve_klima-teknik-og-miljoeudvalget_2022-03-21_efe495ec.json"


def _minutes():
    minutes = convert.read(COMMITTEE)
    assert len([i for i in minutes.items if any(v.for_ for v in i.votes)]) == 1
    return minutes


def test_docx_prints_the_vote_as_a_table(tmp_path):
    minutes = _minutes()
    document = docx.Document(str(convert.write(minutes, "docx", tmp_path / "m.docx")))
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    votes = [t for t in tables if t[0] == ["", "Antal", "Hvem"]]
    assert ["For", "", "Claus Dyremose (C), Claus Jensen (V), Bjarke Abel (A)"] in votes[0]
    assert ["Imod", "", "Torben Hoffmann (V)"] in votes[0]
    assert ["Undlod", "", "Hans-Jørgen Kirstein (D)"] in votes[0]
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Afstemning om punkt 1" in headings  # "1. Udvalget anbefalede …" above it, "2.-3." below
    # the sentence stays in the decision text
    assert any("For stemte: Claus Dyremose (C)" in p.text for p in document.paragraphs)


def test_html_prints_the_vote_as_a_table():
    html = render_html(_minutes())
    assert '<section class="section people"><h3>Afstemning om punkt 1</h3>' in html
    assert "<td>Claus Dyremose (C), Claus Jensen (V), Bjarke Abel (A)</td>" in html


@pytest.mark.parametrize("engine", ENGINES)
def test_pdf_prints_the_vote_as_a_table(tmp_path, engine):
    """Both engines: the vote under its heading as a tagged table whose heading row is TH."""
    minutes = _minutes()
    dest = convert.write(minutes, "pdf", tmp_path / "m.pdf", pdf_engine=engine)
    pdf = pypdfium2.PdfDocument(str(dest))
    text = "".join(page.get_textpage().get_text_range() for page in pdf)
    assert "Afstemning" in text and "Torben Hoffmann (V)" in text
    struct = subprocess.run(["pdfinfo", "-struct-text", str(dest)], capture_output=True,
                            check=True).stdout.decode("utf-8", errors="replace")
    vote = struct[struct.index('"Afstemning om punkt 1"'):]
    table = vote[vote.index("Table"):vote.index("Undlod")]
    assert "TH" in table and '"Hvem"' in table and '"Claus Dyremose (C), Claus Jensen (V), Bjarke Abel (A)"' in table


def test_a_vote_on_some_points_says_which(tmp_path):
    """A committee's votes on points 1 and 2 and on point 2 of the recommendation: the heading says so."""
    minutes = convert.read(GREVE / "greve_oekonomiudvalget_2022-06-13_3e57a83f.json")
    document = docx.Document(str(convert.write(minutes, "docx", tmp_path / "m.docx")))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Afstemning om punkt 1 og 2" in headings and "Afstemning om punkt 2" in headings
    assert "Afstemning" in headings  # item 10: "(C) og (Ø) undlod at tage stilling", the whole item
    html = render_html(minutes)
    assert "<h3>Afstemning om punkt 1 og 2</h3>" in html
    # what minutes.typ is given: the same heading over the same table
    assert "Afstemning om punkt 1 og 2" in json.dumps(typst_data(minutes), ensure_ascii=False, default=str)
