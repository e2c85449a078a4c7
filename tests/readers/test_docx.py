"""The Word reader: DOCX written by referat's own writer from real minutes (the two seeds,
Ballerup, Aarhus) read back with the same items, titles, access, case numbers, section headings
and attachments; the same after LibreOffice has converted them (.docx -> .odt -> .docx), and
as Word 97–2003 .doc through LibreOffice; a document made in Word's way (heading styles,
automatic numbering, bold lines, a table) read through the recognizer."""

from __future__ import annotations

import copy
import shutil
import subprocess
from pathlib import Path

import docx
import pytest

import convert
from convert.errors import InputError
from convert.readers import word97
from tests.conftest import ROOT

SOURCES = sorted((ROOT / "examples" / "output").glob("*.xml"))
NAMES = [p.stem for p in SOURCES if not p.name.endswith(".akn.xml")]
OFFICE = word97.converter()
needs_office = pytest.mark.skipif(OFFICE is None, reason="LibreOffice (soffice) is not installed")


def shape(minutes) -> list[tuple]:
    """What a Word round trip must keep of every item. A section without a heading is compared
    by its place only: the Word file prints no word that says its kind (a closed item's
    unheaded decision text)."""
    return [
        (
            i.number,
            i.title,
            i.access,
            i.case_number,
            [(s.kind if s.heading else "", s.heading) for s in i.sections],
            [(a.title, a.document_id) for a in i.attachments],
        )
        for i in minutes.items
    ]


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> dict[str, tuple]:
    """name -> (canonical minutes, the DOCX referat writes of them)."""
    out = tmp_path_factory.mktemp("docx")
    found = {}
    for name in NAMES:
        minutes = convert.read(ROOT / "examples" / "output" / f"{name}.xml")
        found[name] = (minutes, convert.write(minutes, "docx", out / f"{name}.docx"))
    return found


def test_the_examples_are_there():
    assert len(NAMES) == 4 and any("ballerup" in n for n in NAMES) and any("aarhus" in n for n in NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_referats_docx_reads_back(written, name):
    minutes, path = written[name]
    back = convert.read(path)
    assert back.source.format == "docx"
    assert shape(back) == shape(minutes)
    assert back.meeting.date == minutes.meeting.date


@pytest.fixture(scope="module")
def converted(written, tmp_path_factory) -> Path:
    """The DOCX files after LibreOffice: .docx -> .odt -> .docx."""
    out = tmp_path_factory.mktemp("libreoffice")
    docs = [str(path) for _, path in written.values()]
    for target, sources in (("odt", docs), ("docx", [str(out / "odt" / f"{n}.odt") for n in NAMES])):
        _office(["--convert-to", target, "--outdir", str(out / target), *sources], out)
    return out / "docx"


def _office(args: list[str], home: Path) -> None:
    profile = (home / "profile").as_uri()
    subprocess.run([OFFICE, f"-env:UserInstallation={profile}", "--headless", *args], capture_output=True, timeout=300)


@needs_office
@pytest.mark.parametrize("name", NAMES)
def test_docx_converted_by_libreoffice_reads_back(written, converted, name):
    minutes, _ = written[name]
    assert shape(convert.read(converted / f"{name}.docx")) == shape(minutes)


@needs_office
def test_word97_doc_through_libreoffice(written, tmp_path):
    name = next(n for n in NAMES if "ballerup" in n)
    minutes, path = written[name]
    _office(["--convert-to", "doc", "--outdir", str(tmp_path), str(path)], tmp_path)
    doc = tmp_path / f"{name}.doc"
    assert doc.read_bytes().startswith(b"\xd0\xcf\x11\xe0")
    back = convert.read(doc)
    assert back.source.format == "doc"
    assert shape(back) == shape(minutes)


def test_word97_doc_without_libreoffice_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    doc = tmp_path / "referat.doc"
    # An OLE2 compound file whose directory names a "WordDocument" stream ([MS-CFB], [MS-DOC]).
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "WordDocument".encode("utf-16-le"))
    with pytest.raises(InputError) as err:
        convert.read(doc)
    assert str(err.value) == f"referat.doc: {word97.NO_CONVERTER}"


def test_a_docx_is_sniffed_by_content_not_read_as_text(written, tmp_path):
    _, path = written[NAMES[0]]
    renamed = tmp_path / "minutes.txt"
    renamed.write_bytes(path.read_bytes())
    assert convert.read(renamed).source.format == "docx"


def _word_made(path: Path) -> None:
    """Minutes typed in Word: numbered item headings (Heading 1 with automatic numbering from
    the "List Number" definition), section headings as Heading 2, a bold line, a bulleted list
    and a table, no number typed by hand."""
    d = docx.Document()
    d.add_paragraph("Referat af Teknik- og Miljøudvalget 3. marts 2024", style="Title")
    numbered = d.styles["List Number"].element.pPr.numPr
    for title, case in (("Godkendelse af dagsorden", "24/1234"), ("Budget 2025 - anlæg", "24/999")):
        heading = d.add_paragraph(title, style="Heading 1")
        heading._p.get_or_add_pPr().append(copy.deepcopy(numbered))
        d.add_paragraph(f"Sagsnr.: {case}")
        d.add_paragraph("Sagsfremstilling", style="Heading 2")
        d.add_paragraph("Forvaltningen foreslår følgende:")
        d.add_paragraph("Ny cykelsti", style="List Bullet")
        d.add_paragraph("Nyt fortov", style="List Bullet")
        d.add_paragraph().add_run("Økonomiske forhold i øvrigt").bold = True
        table = d.add_table(rows=2, cols=2)
        for r, row in enumerate((("Post", "Beløb"), ("Anlæg", "1.000 kr."))):
            for c, text in enumerate(row):
                table.cell(r, c).paragraphs[0].add_run(text).bold = r == 0 or None
        d.add_paragraph("Beslutning", style="Heading 2")
        d.add_paragraph("Godkendt.")
    d.save(path)


def test_word_made_minutes(tmp_path):
    path = tmp_path / "word.docx"
    _word_made(path)
    minutes = convert.read(path)
    assert [(i.number, i.label, i.title, i.case_number) for i in minutes.items] == [
        ("1", "1.", "Godkendelse af dagsorden", "24/1234"),
        ("2", "2.", "Budget 2025 - anlæg", "24/999"),
    ]
    for item in minutes.items:
        headings = [(s.kind, s.heading) for s in item.sections]
        assert headings == [("presentation", "Sagsfremstilling"), ("decision", "Beslutning")]
        kinds = [type(b).__name__ for b in item.sections[0].blocks]
        assert kinds == ["Paragraph", "ListBlock", "Subheading", "Table"]
        table = item.sections[0].blocks[-1]
        assert table.header and table.rows == [["Post", "Beløb"], ["Anlæg", "1.000 kr."]]


def test_a_broken_docx_is_told(tmp_path):
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(InputError, match=r"broken\.docx: "):
        convert.read(broken)


def test_a_zip_bomb_is_refused_before_it_is_unpacked(written, tmp_path, monkeypatch):
    from convert.readers import docx as reader

    _, path = written[NAMES[0]]
    monkeypatch.setattr(reader, "MAX_UNPACKED", 1000)
    with pytest.raises(InputError, match=r"unpacks to 0 MB: refused \(a ZIP bomb\?\)"):
        convert.read(path)
