"""The same minutes read the same in the PDF and the Word document (issue 11, point 15): one title,
one item heading as printed, and tables whose short columns ("Dok.nr.") do not wrap."""

from __future__ import annotations

import html
import re
import shutil
import subprocess

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

import convert
from convert.writers import pdf
from tests.conftest import CORPUS

AARHUS = CORPUS / "aarhus_byraad_referat_2025-08-27.pdf"
BALLERUP = CORPUS / "ballerup_sundheds-forebyggelsesudvalget_referat_2012-12-04.pdf"


def _docx_texts(path, style: str) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs if p.style.name == style]


@pytest.mark.parametrize("source", [AARHUS, BALLERUP], ids=lambda p: p.name)
def test_title_and_item_headings_agree(source, tmp_path):
    minutes = convert.read(source)
    page = pdf.render_html(minutes)
    h1 = [html.unescape(h) for h in re.findall(r"<h1>(.*?)</h1>", page)]
    h2 = [html.unescape(h) for h in re.findall(r"<h2>(.*?)</h2>", page)]
    dest = convert.write(minutes, "docx", tmp_path / "d.docx")
    assert _docx_texts(dest, "Title") == h1 == [pdf.title_of(minutes)]
    assert docx.Document(str(dest)).core_properties.title == h1[0]
    headings = [h.removesuffix(" (Lukket punkt)") for h in _docx_texts(dest, "Heading 1")]
    assert headings == h2
    if source == AARHUS:
        assert headings[0].startswith("Punkt 1: ")  # as the minutes print it


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_docx_attachment_columns_do_not_wrap(tmp_path):
    """Printed through LibreOffice, every document number and case number of Ballerup's
    attachment tables stands whole on its row, and so do the column names."""
    minutes = convert.read(BALLERUP)
    dest = convert.write(minutes, "docx", tmp_path / "b.docx")
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(dest)], check=True, capture_output=True, timeout=180)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "b.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    lines = text.splitlines()
    assert sum(bool(re.search(r"Nr\.\s+Titel\s+Adgang\s+Dok\.nr\.\s+Sagsnr\.", line)) for line in lines) == sum(
        bool(i.attachments) for i in minutes.items)
    ids = [a.document_id for i in minutes.items for a in i.attachments if a.document_id]
    assert ids
    for document_id in ids:
        assert any(re.search(rf"(Åben|Lukket)\s+{re.escape(document_id)}\b", line) for line in lines), document_id


def test_docx_budget_table_heading_row_and_amounts(tmp_path):
    """Ballerup's budget table in Word: its first row repeats as a heading row (w:tblHeader), is bold,
    and the amount column is right-aligned, as in the PDF."""
    minutes = convert.read(BALLERUP)
    document = docx.Document(str(convert.write(minutes, "docx", tmp_path / "b.docx")))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Indsatsområde i Ballerup Kommune")
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(run.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs)
    amounts = [row.cells[1].paragraphs[0] for row in table.rows[1:]]
    assert [p.text for p in amounts][-1] == "2.890.000 kr."
    assert all(p.alignment == WD_ALIGN_PARAGRAPH.RIGHT for p in amounts)
    assert all(row.cells[0].paragraphs[0].alignment is None for row in table.rows)
