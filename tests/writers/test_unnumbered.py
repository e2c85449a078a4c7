"""Issue 11, point 15d: an item its source prints without a number has none in the model
(``Item.number`` is None) and none in any output: no invented "1." in a heading, an empty "Nr."
cell, no number in OParl or Akoma Ntoso (whose ids come from the item's position), and canonical
XML and JSON without one that validate and read back the same. Inputs: seed 000, whose one item
is printed without a number, and a generated text extraction of unnumbered items."""

from __future__ import annotations

import html
import json
import re

import openpyxl
import pytest
from lxml import etree

import convert
from convert import canonical, jsonform
from convert.readers import read_bytes
from convert.writers import pdf
from tests.conftest import SEEDS
from tests.render_text import long_text
from tests.writers.test_akoma import NS, check_ids
from tests.writers.test_docx import paragraphs


@pytest.fixture(scope="module", params=["seed", "generated"])
def minutes(request):
    if request.param == "seed":
        found = convert.read(SEEDS[0])
    else:
        found = read_bytes(long_text(30_000, seed=5, labelled=False).encode(), "unnumbered.txt")
        assert len(found.items) > 3
    return found


def _shown_titles(minutes) -> list[str]:
    return [f"{i.title} (Lukket punkt)" if i.access == "closed" else i.title for i in minutes.items]


def test_the_reader_makes_up_no_number(minutes):
    assert [(i.number, i.label) for i in minutes.items] == [(None, None)] * len(minutes.items)


def test_canonical_xml_and_json_carry_no_number_and_read_back(minutes):
    data = canonical.to_bytes(minutes)
    assert b"<item number=" not in data
    assert canonical.from_bytes(data, "x.xml") == minutes
    document = json.loads(jsonform.dumps(minutes))
    assert all("number" not in item for item in document["items"])
    jsonform.check(document)
    assert jsonform.from_dict(document) == minutes


def test_headings_are_the_titles_alone(minutes, tmp_path):
    written = paragraphs(convert.write(minutes, "docx", tmp_path / "u.docx"))
    docx_headings = [t for s, t, _ in written if s == "Heading 1"]
    pdf_headings = [html.unescape(h) for h in re.findall(r"<h2>(.*?)</h2>", pdf.render_html(minutes))]
    assert docx_headings == _shown_titles(minutes)
    assert pdf_headings == [i.title for i in minutes.items]


def test_xlsx_number_cells_are_empty(minutes, tmp_path):
    sheet = openpyxl.load_workbook(convert.write(minutes, "xlsx", tmp_path / "u.xlsx"))["Punkter"]
    header, *rows = sheet.iter_rows(values_only=True)
    column = header.index("Nr.")
    assert [(row[column], row[column + 1]) for row in rows] == [(None, i.title) for i in minutes.items]


def test_oparl_and_akoma_have_no_number_and_unique_ids(minutes, tmp_path):
    oparl = json.loads(convert.write(minutes, "oparl", tmp_path / "u.oparl.json").read_text(encoding="utf-8"))
    agenda = oparl["agendaItem"]
    assert all("number" not in entry for entry in agenda)
    assert len({entry["id"] for entry in agenda}) == len(minutes.items)
    root = etree.parse(str(convert.write(minutes, "akn", tmp_path / "u.akn.xml"))).getroot()
    check_ids(root)
    containers = root.xpath("//a:hcontainer[@name='agendaItem']", namespaces=NS)
    assert len(containers) == len(minutes.items)
    assert not root.xpath("//a:hcontainer[@name='agendaItem']/a:num", namespaces=NS)


@pytest.mark.parametrize("engine", ["typst", "weasyprint"])
def test_an_item_with_neither_number_nor_title_gets_words_in_its_heading(tmp_path, engine):
    from tests.writers.test_pdf import check_pdf

    minutes = convert.read(SEEDS[0])
    minutes.items[0].title = ""
    struct = check_pdf(convert.write(minutes, "pdf", tmp_path / "u.pdf", pdf_engine=engine))
    assert "Punkt uden titel" in struct
    written = paragraphs(convert.write(minutes, "docx", tmp_path / "u.docx"))
    assert [t for s, t, _ in written if s == "Heading 1"] == ["Punkt uden titel"]
