"""XLSX writer: sheets, real dates, tables, frozen headers, and no formula ever, even for hostile titles."""

from __future__ import annotations

import copy
import csv
import datetime as dt
import importlib.util
import re
import shutil
import statistics
import subprocess

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import convert
from convert.model import Attachment, Item, Paragraph
from convert.writers.xlsx import BILAG, MOEDE, PUNKTER
from tests import strategies
from tests.conftest import CORPUS, SEEDS

HOSTILE = ["=HYPERLINK(\"http://x\",\"klik\")", "+1+1", "-2+3", "@SUM(A1:A2)", "\t=1", "\r=1", "=1+1"]


def rows(ws):
    return [list(r) for r in ws.iter_rows(min_row=1, values_only=True)]


def test_sample_sheets(minutes_sample, tmp_path):
    wb = openpyxl.load_workbook(convert.write(minutes_sample, "xlsx", tmp_path / "s.xlsx"))
    assert wb.sheetnames == ["Punkter", "Bilag", "Møde", "Fremmøde", "Afstemninger"]
    punkter = rows(wb["Punkter"])
    assert punkter[0] == [h for h, _ in PUNKTER]
    one, two = punkter[1], punkter[2]
    assert one[:6] == [dt.datetime(2021, 6, 1), "Direktionen", 1, "Punkter til behandling", "Åben", "2011-29298"]
    assert one[7] == "Årsplan\nDrøftet."
    assert one[8] == dt.datetime(2021, 6, 1) and one[9] == 2
    assert two[3:5] == ["Køb af ejendom", "Lukket"] and two[9] == 0
    assert two[8] == dt.datetime(2021, 6, 1)  # no decision section: the meeting's date
    assert wb["Punkter"]["A2"].number_format == "dd-mm-yyyy"
    assert wb["Punkter"]["A2"].is_date
    bilag = rows(wb["Bilag"])
    assert bilag[0] == [h for h, _ in BILAG]
    assert bilag[1] == [dt.datetime(2021, 6, 1), "Direktionen", 1, "Punkter til behandling", 1, "Årshjul 2021",
                        "Åben", "3011525", "8725/21"]
    assert bilag[2][5:7] == ["Notat _fortrolig.docx", "Lukket"]
    moede = rows(wb["Møde"])
    assert moede[0] == [h for h, _ in MOEDE]
    assert moede[1] == ["Direktionen", dt.datetime(2021, 6, 1), "Norddjurs Kommune", dt.time(13, 0), None, "Rådhuset",
                        "Lolan Ottesen (formand, A)", "Per Hansen", "sample.txt"]
    for ws in wb:
        assert ws.freeze_panes == "A2"
        (table,) = ws.tables.values()
        assert table.ref.startswith("A1:") and table.autoFilter is not None
        assert ws["A2"].alignment.wrap_text or ws["A2"].value is None  # the sample has no votes
    names = [t.displayName for ws in wb for t in ws.tables.values()]
    assert len(set(names)) == 5


def test_recommendation_text_with_list(minutes_sample, tmp_path):
    from convert.model import ListBlock, ListItem, Paragraph, Section

    minutes_sample.items[0].sections.append(
        Section("recommendation", "Indstilling", [Paragraph("Forvaltningen indstiller, at"),
                                                   ListBlock([ListItem("a", ListBlock([ListItem("b")]))], True)]))
    wb = openpyxl.load_workbook(convert.write(minutes_sample, "xlsx", tmp_path / "s.xlsx"))
    assert wb["Punkter"]["G2"].value == "Forvaltningen indstiller, at\n1. a\n  • b"


def test_hostile_strings_stay_text(minutes_sample, tmp_path):
    item = minutes_sample.items[0]
    hostile_items = []
    for text in HOSTILE:
        it = copy.deepcopy(item)
        it.number, it.title, it.case_number = text, text, text
        it.attachments = [Attachment(text, text, document_id=text)]
        hostile_items.append(it)
    minutes_sample.items = hostile_items
    minutes_sample.meeting.body = "=cmd|' /C calc'!A0"
    dest = convert.write(minutes_sample, "xlsx", tmp_path / "h.xlsx")
    wb = openpyxl.load_workbook(dest)
    for ws in wb:
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
    got = [r[3] for r in rows(wb["Punkter"])[1:]]
    assert got == HOSTILE
    assert [r[5] for r in rows(wb["Bilag"])[1:]] == HOSTILE
    assert wb["Møde"]["A2"].value == "=cmd|' /C calc'!A0"
    assert wb["Punkter"]["D2"].quotePrefix


def test_combined_workbook_holds_every_item(tmp_path):
    documents = [convert.read(seed) for seed in SEEDS]
    wb = openpyxl.load_workbook(convert.write_combined(documents, "xlsx", tmp_path / "all.xlsx"))
    punkter = rows(wb["Punkter"])[1:]
    assert len(punkter) == sum(len(m.items) for m in documents)
    assert [r[0].date() for r in punkter] == [m.meeting.date for m in documents for _ in m.items]
    assert len(rows(wb["Bilag"])) - 1 == sum(len(i.attachments) for m in documents for i in m.items)
    assert [r[8] for r in rows(wb["Møde"])[1:]] == [m.source.file for m in documents]
    decision = punkter[0][7]
    assert decision.startswith("Direktionens årsplan samt den strategiske udmøntningsplan\nDrøftet.")
    assert "• Covid-19" in decision


def test_empty_minutes_still_make_valid_tables(minutes_sample, tmp_path):
    minutes_sample.items = []
    wb = openpyxl.load_workbook(convert.write(minutes_sample, "xlsx", tmp_path / "e.xlsx"))
    assert wb["Punkter"].tables["TabelPunkter"].ref == "A1:J2"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(strategies.minutes, min_size=1, max_size=3),
       st.lists(st.sampled_from(HOSTILE), min_size=1, max_size=3))
def test_random_models(tmp_path, documents, hostile):
    documents[0].items.append(Item(number=hostile[0], title="".join(hostile)))
    wb = openpyxl.load_workbook(convert.write_combined(documents, "xlsx", tmp_path / "r.xlsx"))
    punkter = rows(wb["Punkter"])[1:]
    items = [(m, i) for m in documents for i in m.items]
    assert len(punkter) == len(items)
    for row, (m, item) in zip(punkter, items, strict=True):
        assert (str(row[2]) if isinstance(row[2], int) else row[2]) == item.number and (row[3] or "") == item.title
        assert row[4] == ("Lukket" if item.access == "closed" else "Åben")
        assert row[9] == len(item.attachments)
        assert (row[0].date() if row[0] else None) == m.meeting.date
    for ws in wb:
        assert all(c.data_type != "f" for r in ws.iter_rows() for c in r)


# LibreOffice's CSV filter options: comma, double quote, UTF-8 (76), from line 1, ..., cells as shown.
CSV_UTF8_AS_SHOWN = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_it(minutes_sample, tmp_path):
    minutes_sample.items[0].title = "=1+1"
    dest = convert.write(minutes_sample, "xlsx", tmp_path / "s.xlsx")
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
                    "--convert-to", CSV_UTF8_AS_SHOWN, "--outdir", str(tmp_path), str(dest)],
                   check=True, capture_output=True, timeout=180)
    table = list(csv.reader((tmp_path / "s.csv").open(encoding="utf-8", newline="")))
    assert table[0][:4] == ["Mødedato", "Udvalg", "Nr.", "Titel"]
    assert table[1][:5] == ["01-06-2021", "Direktionen", "1", "=1+1", "Åben"]  # text, not evaluated to 2
    assert table[2][3] == "Køb af ejendom"


CORPUS_MINUTES = [CORPUS / "ballerup_sundheds-forebyggelsesudvalget_referat_2012-12-04.pdf",
                  CORPUS / "aarhus_byraad_referat_2025-08-27.pdf"]


@pytest.mark.skipif(importlib.util.find_spec("convert.readers.pdf") is None, reason="the PDF reader has not landed yet")
def test_corpus_pdfs_combined(tmp_path):
    documents = [convert.read(pdf) for pdf in CORPUS_MINUTES]
    wb = openpyxl.load_workbook(convert.write_combined(documents, "xlsx", tmp_path / "c.xlsx"))
    titles = [r[3] or "" for r in rows(wb["Punkter"])[1:]]
    assert titles == [i.title for m in documents for i in m.items]
    assert len(rows(wb["Bilag"])) - 1 == sum(len(i.attachments) for m in documents for i in m.items)


def test_control_characters_and_overlong_text(minutes_sample, tmp_path):
    minutes_sample.items[0].title = "Budget\x0c 2022\x00"
    minutes_sample.items[0].sections[-1].blocks = [Paragraph("x" * 40000)]
    wb = openpyxl.load_workbook(convert.write(minutes_sample, "xlsx", tmp_path / "c.xlsx"))
    assert wb["Punkter"]["D2"].value == "Budget\ufffd 2022\ufffd"  # as in every format (convert.clean)
    decision = wb["Punkter"]["H2"].value
    assert len(decision) == 32767 and decision.endswith("…")  # Excel's limit for one cell


def test_lettered_list_prints_its_letters(minutes_sample, tmp_path):
    from convert.model import ListBlock, ListItem, Section

    lst = ListBlock([ListItem("Møder"), ListItem("Konference")], True, style="lower-alpha", delimiter=".")
    minutes_sample.items[0].sections.append(Section("recommendation", "Indstilling", [lst]))
    wb = openpyxl.load_workbook(convert.write(minutes_sample, "xlsx", tmp_path / "s.xlsx"))
    assert wb["Punkter"]["G2"].value == "a. Møder\nb. Konference"


def test_numbers_sort_as_numbers_and_times_are_times(minutes_sample, tmp_path):
    """Issue 11, point 14: "Nr." sorts 1, 2, 10 (not 1, 10, 2); the start is a time of day."""
    base = minutes_sample.items[0]
    minutes_sample.items = [Item(number=n, title=f"Punkt {n}") for n in ("10", "2", "1", "3a")]
    minutes_sample.items[0].attachments = [Attachment("12", "Bilag"), Attachment("2", "Andet")]
    minutes_sample.meeting.start, minutes_sample.meeting.end = "kl. 9.30", "13:00"
    wb = openpyxl.load_workbook(convert.write(minutes_sample, "xlsx", tmp_path / "n.xlsx"))
    numbers = [r[2] for r in rows(wb["Punkter"])[1:]]
    assert numbers == [10, 2, 1, "3a"]
    assert sorted(n for n in numbers if isinstance(n, int)) == [1, 2, 10]
    assert all(wb["Punkter"].cell(row=r, column=3).data_type == "n" for r in (2, 3, 4))
    assert [r[4] for r in rows(wb["Bilag"])[1:]] == [12, 2]
    start, end = wb["Møde"]["D2"], wb["Møde"]["E2"]
    assert start.value == dt.time(9, 30) and end.value == dt.time(13, 0)
    assert start.is_date and start.number_format == "hh:mm"
    assert base.number == "1"


def test_a4_landscape_with_print_titles(minutes_sample, tmp_path):
    wb = openpyxl.load_workbook(convert.write(minutes_sample, "xlsx", tmp_path / "p.xlsx"))
    for ws in wb:
        assert int(ws.page_setup.paperSize) == 9  # A4 (ECMA-376 Part 1, 18.3.1.63)
        assert ws.page_setup.orientation == "landscape"
        assert ws.print_title_rows == "$1:$1"
        assert ws.sheet_properties.pageSetUpPr.fitToPage and int(ws.page_setup.fitToWidth) == 1


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_prints_a4_landscape_legibly(tmp_path):
    """Printed through LibreOffice: A4 landscape pages, the text at 7 pt or more, not shrunk to 5 pt."""
    minutes = convert.read(CORPUS_MINUTES[0])
    dest = convert.write(minutes, "xlsx", tmp_path / "b.xlsx")
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(dest)], check=True, capture_output=True, timeout=180)
    info = subprocess.run(["pdfinfo", str(tmp_path / "b.pdf")], capture_output=True, text=True, check=True).stdout
    size = next(line for line in info.splitlines() if line.startswith("Page size:")).split()
    assert (round(float(size[2])), round(float(size[4]))) == (842, 595), size
    bbox = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-bbox", str(tmp_path / "b.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    heights = [float(b) - float(a) for a, b in re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', bbox)]
    assert heights and statistics.median(heights) >= 7 * 1.15, statistics.median(heights)


def test_decision_cells_hold_no_empty_boilerplate(tmp_path):
    """Ballerup's decisions end in "Følgende deltog ikke i behandlingen af punktet:" with no names
    after it; the cell keeps the decision, not the empty lead-in. A lead-in with text after it stays."""
    minutes = convert.read(CORPUS_MINUTES[0])
    assert any(isinstance(b, Paragraph) and b.text.startswith("Følgende deltog ikke")
               for i in minutes.items for s in i.sections_of("decision") for b in s.blocks)
    wb = openpyxl.load_workbook(convert.write(minutes, "xlsx", tmp_path / "b.xlsx"))
    decisions = [r[7] for r in rows(wb["Punkter"])[1:]]
    assert all(d and not d.rstrip().endswith(":") and "Følgende deltog ikke" not in d for d in decisions), decisions
    assert "Indstillingen godkendt" in decisions
    item = minutes.items[0]
    item.sections_of("decision")[0].blocks += [Paragraph("Følgende deltog ikke i behandlingen af punktet:"),
                                               Paragraph("Per Hansen (A)")]
    wb = openpyxl.load_workbook(convert.write(minutes, "xlsx", tmp_path / "c.xlsx"))
    assert wb["Punkter"]["H2"].value.endswith("Følgende deltog ikke i behandlingen af punktet:\nPer Hansen (A)")
