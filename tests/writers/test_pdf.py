"""The PDF writer: PDF/UA-1 checked by page-validation, pikepdf and poppler's pdfinfo."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import page
import pikepdf
import pytest
from hypothesis import HealthCheck, given, settings

import convert
from convert.errors import OutputError
from convert.writers import pdf
from convert.writers._labels import item_heading
from tests import strategies
from tests.conftest import SEEDS

ENGINES = pdf.ENGINES


def artifacts(stream: bytes, subtype: str) -> int:
    """How many pagination artifacts of ``subtype`` (Header, Footer) a content stream marks
    (ISO 32000-1, 14.8.2.2), whatever the engine's key order and spacing."""
    found = re.findall(rb"/Artifact\s*<<(.*?)>>\s*BDC", stream)
    return sum(1 for d in found if re.search(rb"/Type\s*/Pagination", d)
               and re.search(rb"/Subtype\s*/" + subtype.encode(), d))


def check_pdf(path: Path) -> str:
    """Every structural promise the writer makes; returns pdfinfo's structure text."""
    report = page.validate_pdf(path, profile=page.ValidationProfile.PDF_UA_1)
    assert report.is_compliant, [(f.rule_id, f.message) for f in report.failures]
    assert report.rules.failed == 0
    with pikepdf.open(path) as doc:
        root = doc.Root
        assert "/StructTreeRoot" in root
        assert bool(root.MarkInfo.Marked) is True
        assert str(root.Lang) == "da"
        assert bool(root.ViewerPreferences.DisplayDocTitle) is True
        with doc.open_metadata() as xmp:
            assert xmp.get("pdfuaid:part") == "1"
        for pg in doc.pages:
            for font in pg.Resources.Font.values():
                descendants = font.get("/DescendantFonts")
                desc = (descendants[0] if descendants else font).FontDescriptor
                assert any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            stream = pg.Contents.read_bytes()
            # The footer "Side N af M" is a pagination artifact on every page.
            assert artifacts(stream, "Footer")
        # No dangling structure: every element the parent tree names hangs from the root.
        reachable = set()
        stack = [doc.Root.StructTreeRoot]
        while stack:
            elem = stack.pop()
            kids = elem.get("/K")
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") != pikepdf.Name.MCR:
                    reachable.add(kid.objgen)
                    stack.append(kid)
        for _, entries in pikepdf.NumberTree(doc.Root.StructTreeRoot.ParentTree).items():
            for entry in entries if isinstance(entries, pikepdf.Array) else [entries]:
                assert not isinstance(entry, pikepdf.Dictionary) or entry.objgen in reachable
    # pdfinfo prints an element's /T title (Typst names headings so) as raw UTF-16 bytes.
    run = subprocess.run(["pdfinfo", "-struct-text", str(path)], capture_output=True, check=True)
    assert b"Error" not in run.stderr, run.stderr  # poppler reads it without complaint
    struct = run.stdout.decode("utf-8", errors="replace")
    # Margin text must not be in the structure tree (WeasyPrint issue 1836).
    assert " af " not in "".join(line for line in struct.splitlines() if '"Side ' in line)
    return struct


def _render(minutes, tmp_path: Path, name: str = "out.pdf", engine: str | None = None) -> Path:
    dest = tmp_path / name
    convert.write(minutes, "pdf", dest, pdf_engine=engine)
    return dest


def _page_text(path: Path, number: int) -> str:
    return subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), str(path), "-"],
                          capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("engine", ENGINES)
def test_sample(minutes_sample, tmp_path, engine):
    struct = check_pdf(_render(minutes_sample, tmp_path, engine=engine))
    assert '"Direktionen 1. juni 2021"' in struct
    for tag in ("H1", "H2", "H3", "L (block)", "LI (block)", "Table", "TH", "TD"):
        assert tag in struct, tag
    assert '"Nr."' in struct and '"Titel"' in struct
    # The decision is its own section, which the stylesheet sets apart with a rule and a tint.
    assert '<section class="section decision">' in pdf.render_html(minutes_sample)
    assert "section.decision {" in Path(pdf.resource("templates/minutes.css")).read_text()
    with pikepdf.open(tmp_path / "out.pdf") as doc:
        assert len(doc.open_outline().root) >= 1
        assert str(doc.docinfo.get("/Title")) == "Direktionen 1. juni 2021"
    assert _page_text(tmp_path / "out.pdf", 1).count("Direktionen 1. juni 2021") == 1  # no header on page 1


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_seeds(seed, tmp_path, engine):
    minutes = convert.read(seed)
    struct = check_pdf(_render(minutes, tmp_path, engine=engine))
    for item in minutes.items:
        assert item.title.split()[0] in struct
    assert "H2" in struct and "H3" in struct
    subprocess.run(["pdftotext", str(tmp_path / "out.pdf"), str(tmp_path / "out.txt")], check=True)
    text = (tmp_path / "out.txt").read_text()
    with pikepdf.open(tmp_path / "out.pdf") as doc:
        count = len(doc.pages)
        assert count >= 2
        assert all(artifacts(pg.Contents.read_bytes(), "Header") for pg in list(doc.pages)[1:])
        # One bookmark per item under the title, in order.
        titles = [o.title for o in doc.open_outline().root[0].children]
        assert titles == [item_heading(i) for i in minutes.items]
    # The header and footer are printed, only not tagged.
    assert f"Side {count} af {count}" in text
    assert text.count(pdf.title_of(minutes)) >= count


@pytest.mark.parametrize("engine", ENGINES)
def test_hostile_title(minutes_sample, tmp_path, engine):
    minutes_sample.meeting.body = "<script>alert(1)</script> & Udvalg " + "Økonomi" * 40
    minutes_sample.items[0].title = "</h2><h1>x</h1> & 'citat'"
    html = pdf.render_html(minutes_sample)
    assert "<script>" not in html and "&lt;script&gt;" in html
    struct = check_pdf(_render(minutes_sample, tmp_path, engine=engine))
    assert "<script>alert(1)</script> & Udvalg" in struct


@pytest.mark.parametrize("engine", ENGINES)
def test_unshowable_characters_become_replacement(minutes_sample, tmp_path, engine):
    # U+F91D9 (private use) and U+29980 (CJK Ext. B) have no glyph in DejaVu Sans: without the
    # replacement WeasyPrint draws .notdef, which fails PDFUA1-NOTDEF-GLYPH-001.
    minutes_sample.items[0].title = "Vej \U000F91D9 og \U00029980 æøå"
    assert pdf.printable(minutes_sample.items[0].title) == "Vej \ufffd og \ufffd æøå"
    struct = check_pdf(_render(minutes_sample, tmp_path, engine=engine))
    assert "Vej \ufffd og \ufffd æøå" in struct


def test_weasyprint_error_fails(minutes_sample, tmp_path):
    # A template whose image cannot be loaded: WeasyPrint logs an error and carries on;
    # the writer must refuse the result.
    template = tmp_path / "broken.html.j2"
    template.write_text('<html lang="da"><head><title>{{ title }}</title></head>'
                        '<body><h1>{{ title }}</h1><img src="file:///nonexistent/x.png" alt="x"></body></html>')
    options = pdf.Options(template=str(template))
    with pytest.raises(OutputError, match=r"x\.png"):
        pdf.write(minutes_sample, tmp_path / "x.pdf", options)


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(minutes=strategies.minutes)
def test_generated(minutes, tmp_path):
    check_pdf(_render(minutes, tmp_path, "gen.pdf"))


@settings(max_examples=5, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(minutes=strategies.minutes)
def test_generated_weasyprint(minutes, tmp_path):
    check_pdf(_render(minutes, tmp_path, "gen.pdf", engine="weasyprint"))


@pytest.mark.parametrize("engine", ENGINES)
def test_every_real_document_is_pdf_ua(real_minutes, tmp_path, engine):
    """The corpus PDFs read back in (Ballerup, its item 2 alone, Aarhus' 21 items) pass PDF/UA-1 too."""
    for n, minutes in enumerate(real_minutes):
        dest = tmp_path / f"{n}.pdf"
        convert.write(minutes, "pdf", dest, pdf_engine=engine)
        structure = check_pdf(dest)
        for item in minutes.items:
            assert item.title[:30] in " ".join(structure.split())


@pytest.mark.parametrize("engine", ENGINES)
def test_numbered_lists_print_their_markers(minutes_sample, tmp_path, engine):
    """Letters, ")" and a start survive into the printed text, and the PDF stays PDF/UA-1."""
    from convert.model import ListBlock, ListItem, Section

    lists = [
        ListBlock([ListItem("Møder og konferencer"), ListItem("Konference")], True, style="lower-alpha", delimiter="."),
        ListBlock([ListItem("Godkendes"), ListItem("Afholdes")], True, style="upper-alpha", delimiter=")"),
        ListBlock([ListItem("Hverdage"), ListItem("Søndage")], True, style="lower-roman", delimiter=".", start=3),
    ]
    minutes_sample.items[0].sections.append(Section("other", "Lister", lists))
    dest = _render(minutes_sample, tmp_path, engine=engine)
    check_pdf(dest)
    lines = [line.strip() for line in subprocess.run(["pdftotext", "-layout", str(dest), "-"], capture_output=True,
                                                     text=True, check=True).stdout.splitlines()]
    for marker, text in [("a.", "Møder og konferencer"), ("b.", "Konference"), ("A)", "Godkendes"),
                         ("B)", "Afholdes"), ("iii.", "Hverdage"), ("iv.", "Søndage")]:
        assert f"{marker} {text}" in lines, marker
