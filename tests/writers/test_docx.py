"""DOCX writer: read the file back with python-docx and find the canonical text, in order, with its styles."""

from __future__ import annotations

import datetime as dt
import importlib.util
import shutil
import subprocess
import zipfile

import docx
import pytest
from docx.oxml.ns import qn
from hypothesis import HealthCheck, given, settings

import convert
from convert.writers.docx import danish_date
from tests import strategies
from tests.conftest import CORPUS, SEEDS


def paragraphs(path):
    """(style name, text, numPr (numId, ilvl) or None) for every body paragraph, tables skipped."""
    out = []
    for p in docx.Document(str(path)).paragraphs:
        num_pr = p._p.pPr.numPr if p._p.pPr is not None else None
        num = (num_pr.numId.val, num_pr.ilvl.val) if num_pr is not None else None
        out.append((p.style.name, p.text, num))
    return out


def test_danish_date():
    assert danish_date(dt.date(2021, 6, 1)) == "1. juni 2021"
    assert danish_date(dt.date(2020, 12, 24)) == "24. december 2020"


def test_sample_text_styles_and_order(minutes_sample, tmp_path):
    dest = convert.write(minutes_sample, "docx", tmp_path / "s.docx")
    paras = paragraphs(dest)
    texts = [(s, t) for s, t, _ in paras]
    assert texts[0] == ("Title", "Direktionen 1. juni 2021")
    assert ("Mødeinfo", "Dato:\t1. juni 2021") in texts
    assert ("Mødeinfo", "Deltagere:\tLolan Ottesen (formand, A)") in texts
    assert ("Mødeinfo", "Fraværende:\tPer Hansen") in texts
    wanted = [
        ("Heading 1", "1. Punkter til behandling"),
        ("Heading 2", "Sagsgang"),
        ("Normal", "DIR"),
        ("Heading 2", "Sagsfremstilling"),
        ("Normal", "Direktionen har følgende punkter:"),
        ("List Paragraph", "Årsplan"),
        ("List Paragraph", "Covid-19"),
        ("List Paragraph", "ERP"),
        ("Heading 2", "Beslutning i Direktionen den 01-06-2021"),
        ("Beslutning overskrift", "Årsplan"),
        ("Beslutning", "Drøftet."),
        ("Heading 2", "Bilag"),
        ("Heading 1", "2. Køb af ejendom (Lukket punkt)"),
    ]
    positions = [texts.index(w) for w in wanted]
    assert positions == sorted(positions)
    # Real Word lists: numPr with one numId for the list and the nesting level as ilvl.
    nums = {t: n for _, t, n in paras if n}
    assert nums["Årsplan"][1] == 0 and nums["Covid-19"][1] == 1 and nums["ERP"][1] == 0
    assert nums["Årsplan"][0] == nums["ERP"][0]
    assert not any(t.startswith(("•", "-", "*")) for _, t, _ in paras)


def test_tables_and_repeating_header(minutes_sample, tmp_path):
    document = docx.Document(str(convert.write(minutes_sample, "docx", tmp_path / "s.docx")))
    budget, bilag = document.tables
    assert [c.text for c in budget.rows[1].cells] == ["Drift", "1.316.000 kr."]
    assert [c.text for c in bilag.rows[0].cells] == ["Nr.", "Titel", "Adgang", "Dok.nr.", "Sagsnr."]
    assert [c.text for c in bilag.rows[1].cells] == ["1 (H)", "Årshjul 2021", "Åben", "3011525", "8725/21"]
    assert [c.text for c in bilag.rows[2].cells][:3] == ["2", "Notat _fortrolig.docx", "Lukket"]
    assert bilag.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert bilag.rows[1]._tr.trPr.find(qn("w:tblHeader")) is None


def test_core_properties(minutes_sample, tmp_path):
    props = docx.Document(str(convert.write(minutes_sample, "docx", tmp_path / "s.docx"))).core_properties
    assert props.title == "Direktionen 1. juni 2021"
    assert props.language == "da-DK"
    assert props.subject == "Referat af møde i Direktionen den 1. juni 2021"
    assert props.created == dt.datetime(2021, 6, 1, tzinfo=dt.UTC)
    assert "Direktionen" in props.keywords


def test_numbered_lists_restart(tmp_path):
    from convert.model import Item, ListBlock, ListItem, Meeting, Minutes, Section, Source

    lists = [ListBlock([ListItem("a"), ListItem("b")], ordered=True), ListBlock([ListItem("c")], ordered=True)]
    m = Minutes(Source("x", "text", "0" * 64), Meeting(), [Item("1", "T", sections=[Section("other", "H", lists)])])
    dest = convert.write(m, "docx", tmp_path / "n.docx")
    nums = {t: n for _, t, n in paragraphs(dest) if n}
    assert nums["a"][0] == nums["b"][0] != nums["c"][0]
    numbering = docx.Document(str(dest)).part.numbering_part.element
    num = next(n for n in numbering.findall(qn("w:num")) if n.numId == nums["c"][0])
    assert num.find(qn("w:lvlOverride")).find(qn("w:startOverride")).get(qn("w:val")) == "1"
    abstract = next(a for a in numbering.findall(qn("w:abstractNum"))
                    if a.get(qn("w:abstractNumId")) == num.find(qn("w:abstractNumId")).get(qn("w:val")))
    assert abstract.find(qn("w:lvl")).find(qn("w:numFmt")).get(qn("w:val")) == "decimal"


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_seeds_every_word_in_order(seed, tmp_path):
    minutes = convert.read(seed)
    texts = [t for _, t, _ in paragraphs(convert.write(minutes, "docx", tmp_path / "s.docx"))]
    expected = []
    for item in minutes.items:
        for section in item.sections:
            expected.append(section.heading)
            for block in section.blocks:
                if hasattr(block, "text"):
                    expected.append(block.text)
                elif hasattr(block, "items"):
                    stack = list(block.items)
                    while stack:
                        li = stack.pop(0)
                        expected.append(li.text)
                        if li.sublist:
                            stack[:0] = li.sublist.items
    at = -1
    for text in expected:
        at = texts.index(text, at + 1)  # raises ValueError when missing or out of order


def test_reference_override_without_our_styles(minutes_sample, tmp_path):
    """A plain Word file as reference: its look is used, our missing styles and lists are added."""
    ref = tmp_path / "plain.docx"
    docx.Document().save(str(ref))
    dest = convert.write(minutes_sample, "docx", tmp_path / "s.docx", reference=ref)
    styles = {s for s, _, _ in paragraphs(dest)}
    assert {"Beslutning", "Heading 1", "List Paragraph"} <= styles


def test_reference_missing_is_one_line_error(minutes_sample, tmp_path):
    with pytest.raises(convert.OutputError, match=r"nope\.docx"):
        convert.write(minutes_sample, "docx", tmp_path / "s.docx", reference=tmp_path / "nope.docx")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(strategies.minutes)
def test_random_models_write_and_read_back(tmp_path, minutes):
    dest = tmp_path / "r.docx"
    convert.write(minutes, "docx", dest, **{"reference": None})
    heads = [t for s, t, _ in paragraphs(dest) if s == "Heading 1"]
    assert len(heads) == len(minutes.items)
    assert zipfile.ZipFile(dest).testzip() is None


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.parametrize("seed", SEEDS[:1], ids=lambda p: p.name)
def test_libreoffice_opens_it(seed, tmp_path):
    dest = convert.write(convert.read(seed), "docx", tmp_path / "s.docx")
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(dest)],
                   check=True, capture_output=True, timeout=180)
    pdf = tmp_path / "s.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Punkter til behandling" in text and "Side 1 af" in text


CORPUS_MINUTES = [CORPUS / "ballerup_sundheds-forebyggelsesudvalget_referat_2012-12-04.pdf",
                  CORPUS / "aarhus_byraad_referat_2025-08-27.pdf"]
needs_pdf_reader = pytest.mark.skipif(importlib.util.find_spec("convert.readers.pdf") is None,
                                      reason="the PDF reader has not landed yet")


@needs_pdf_reader
@pytest.mark.parametrize("pdf", CORPUS_MINUTES, ids=lambda p: p.name)
def test_corpus_pdfs(pdf, tmp_path):
    minutes = convert.read(pdf)
    paras = paragraphs(convert.write(minutes, "docx", tmp_path / "c.docx"))
    assert [t for s, t, _ in paras if s == "Heading 1"] == [
        _heading_text(i) for i in minutes.items]


def _heading_text(item):
    printed = (item.number or "").rstrip()
    number = item.label or (printed if printed.endswith((".", ":")) or not printed else f"{printed}.")
    text = f"{number} {item.title}".strip()
    return f"{text} (Lukket punkt)" if item.access == "closed" else text


def test_text_xml_cannot_carry_is_replaced_not_fatal(minutes_sample, tmp_path):
    """C0 controls cannot be in Word XML: U+FFFD in their place, as in every format (convert.clean)."""
    minutes_sample.items[0].title = "Budget\x0c 2022\x00"
    minutes_sample.items[0].sections[0].blocks[0].text = "D\x01IR"
    texts = [t for _, t, _ in paragraphs(convert.write(minutes_sample, "docx", tmp_path / "c.docx"))]
    assert "1. Budget\ufffd 2022\ufffd" in texts and "D\ufffdIR" in texts


def test_lettered_list_keeps_its_letters(tmp_path):
    """A list printed "c)" "d)" is a Word level numbered lowerLetter "%1)" from 3 (ECMA-376 17.9.8)."""
    from convert.model import Item, ListBlock, ListItem, Meeting, Minutes, Section, Source

    lst = ListBlock([ListItem("c"), ListItem("d")], ordered=True, style="lower-alpha", delimiter=")", start=3)
    m = Minutes(Source("x", "text", "0" * 64), Meeting(), [Item("1", "T", sections=[Section("other", "H", [lst])])])
    dest = convert.write(m, "docx", tmp_path / "a.docx")
    nums = {t: n for _, t, n in paragraphs(dest) if n}
    numbering = docx.Document(str(dest)).part.numbering_part.element
    num = next(n for n in numbering.findall(qn("w:num")) if n.numId == nums["c"][0])
    override = num.find(qn("w:lvlOverride"))
    assert override.find(qn("w:startOverride")).get(qn("w:val")) == "3"
    lvl = override.find(qn("w:lvl"))
    assert [(c.tag.split("}")[1], c.get(qn("w:val"))) for c in lvl][:3] == [
        ("start", "3"), ("numFmt", "lowerLetter"), ("lvlText", "%1)"),
    ]  # fmt: skip


def test_a_section_without_heading_prints_none(tmp_path):
    from convert.model import Item, Meeting, Minutes, Paragraph, Section, Source, Subheading

    # Aarhus item 21 prints its decision with no heading; Word must not show "decision" instead.
    m = Minutes(Source("x", "text", "0" * 64), Meeting(), [Item("1", "T", sections=[
        Section("decision", "", [Paragraph("Godkendt.")]),
        Section("other", "", [Subheading("Bemærkning")]),
        Section("other", "Bemærkninger", [Subheading("Under")]),
    ])])
    dest = tmp_path / "x.docx"
    convert.write(m, "docx", dest)
    paragraphs = [(p.style.name, p.text) for p in docx.Document(str(dest)).paragraphs]
    assert not [text for _, text in paragraphs if text in ("decision", "other")]
    assert ("Heading 2", "Bemærkninger") in paragraphs and ("Heading 3", "Under") in paragraphs
    assert "Godkendt." in [text for _, text in paragraphs]
    assert ("Heading 2", "Bemærkning") in paragraphs  # no Heading 2 above it: it stands one level up


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "pdf"])
def test_the_same_minutes_give_the_same_bytes(fmt, tmp_path):
    """No clock in the output (ZIP member times, core properties' dates, the PDF's file id): an
    archive that publishes the same minutes again publishes the same file."""
    import time

    minutes = convert.read(SEEDS[0])
    first = convert.write(minutes, fmt, tmp_path / f"a.{fmt}").read_bytes()
    time.sleep(2.1)  # ZIP times count in steps of two seconds
    assert convert.write(minutes, fmt, tmp_path / f"b.{fmt}").read_bytes() == first
