"""The Word reader: DOCX written by referat's own writer from real minutes (the two seeds,
Ballerup, Aarhus) read back with the same items, titles, access, case numbers, section headings
and attachments; the same after LibreOffice has converted them (.docx -> .odt -> .docx), and
as Word 97–2003 .doc through LibreOffice; a document made in Word's way (heading styles,
automatic numbering, bold lines, a table) read through the recognizer."""

from __future__ import annotations

import copy
import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from hypothesis import given, settings
from hypothesis import strategies as st

import convert
from convert.errors import InputError
from convert.model import Table
from convert.readers import docx as docx_reader
from convert.readers import read_bytes, word97
from convert.writers._tables import layout
from tests.conftest import ROOT
from tests.lossless import assert_lossless

SOURCES = sorted((ROOT / "examples" / "output").glob("*.xml"))
NAMES = [p.stem for p in SOURCES if not p.name.endswith(".akn.xml")]
OFFICE = word97.converter()
needs_office = pytest.mark.skipif(OFFICE is None, reason="LibreOffice (soffice) is not installed")


def _printed(block):
    """A table as the writers print it: a first row heading an amount column is a heading row (writers/_tables.py)."""
    return Table(block.rows, layout(block.rows, block.header).header) if isinstance(block, Table) else block


def shape(minutes, blocks: bool = True) -> list[tuple]:
    """What a Word round trip must keep of every item, down to every paragraph, list (with its
    numbering style) and table. A section without a heading is compared
    by its place only: the Word file prints no word that says its kind (a closed item's
    unheaded decision text)."""
    return [
        (
            i.number,
            i.title,
            i.access,
            i.case_number,
            [(s.kind if s.heading else "", s.heading, [_printed(b) for b in s.blocks] if blocks else None)
             for s in i.sections],
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
    document = docx_reader.open_document(path.read_bytes(), path.name)
    assert_lossless("\n".join(line.text for line in docx_reader.lines(document)), back)
    assert shape(back) == shape(minutes)
    # Body, date, time, place and people from the "Udvalg:", "Tid:", "Deltagere:" lines.
    assert back.meeting == minutes.meeting


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
    back = convert.read(converted / f"{name}.docx")
    assert (shape(back), back.meeting) == (shape(minutes), minutes.meeting)


@needs_office
def test_word97_doc_through_libreoffice(written, tmp_path):
    name = next(n for n in NAMES if "ballerup" in n)
    minutes, path = written[name]
    _office(["--convert-to", "doc", "--outdir", str(tmp_path), str(path)], tmp_path)
    doc = tmp_path / f"{name}.doc"
    assert doc.read_bytes().startswith(b"\xd0\xcf\x11\xe0")
    back = convert.read(doc)
    assert back.source.format == "doc"
    # Blocks are not compared: LibreOffice's .docx -> .doc -> .docx gives a lettered list's first
    # paragraph a list of its own (another w:abstractNum), so Word too prints "a." twice there.
    assert shape(back, blocks=False) == shape(minutes, blocks=False)
    assert back.meeting == minutes.meeting


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


def test_no_text_is_lost_in_content_controls_nested_tables_and_headers(tmp_path):
    path = tmp_path / "word.docx"
    _word_made(path)
    d = docx.Document(str(path))
    # A content control holding the meeting's place, as municipal templates have them.
    sdt = parse_xml(
        f'<w:sdt {nsdecls("w")}><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>Mødested: Rådhuset, lokale 2</w:t></w:r>'
        "</w:p></w:sdtContent></w:sdt>"
    )
    d.element.body.insert(1, sdt)
    cell = d.tables[0].cell(1, 0)
    cell.add_table(rows=1, cols=1).cell(0, 0).paragraphs[0].add_run("heraf moms")
    d.sections[0].header.paragraphs[0].text = "Greve Kommune"
    d.sections[0].footer.paragraphs[0].text = "Side 1 af 1"
    d.save(str(path))
    minutes = convert.read(path)
    assert minutes.meeting.location == "Rådhuset, lokale 2"
    table = minutes.items[0].sections[0].blocks[-1]
    assert table.rows[1][0] == "Anlæg heraf moms"
    assert ("header", "Greve Kommune") in [(r.kind, r.text) for r in minutes.furniture]
    assert any(r.text == "Side 1 af 1" for r in minutes.furniture)


def test_multilevel_numbering_counts_as_word_prints_it(tmp_path):
    """A legal-style list (%1. and %1.%2.) and a roman list that starts at 4 (ECMA-376 17.9)."""
    d = docx.Document()
    numbering = d.part.numbering_part.element
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl>'
            "</w:abstractNum>"
        ),
    )
    numbering.insert(
        1,
        parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="91">'
            '<w:lvl w:ilvl="0"><w:start w:val="4"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1)"/></w:lvl>'
            "</w:abstractNum>"
        ),
    )
    for num_id in (90, 91):
        num = f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{num_id}"/></w:num>'
        numbering.append(parse_xml(num))
    for text, num_id, level in (("Indledning", 90, 0), ("Formål", 90, 1), ("Omfang", 90, 1), ("Økonomi", 90, 0),
                                ("Budget", 90, 1), ("Fjerde", 91, 0), ("Femte", 91, 0)):  # fmt: skip
        p = d.add_paragraph(text)
        p._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>')
        )
    d.save(tmp_path / "n.docx")
    document = docx_reader.open_document((tmp_path / "n.docx").read_bytes(), "n")
    found = [line.text for line in docx_reader.lines(document)]
    legal = ["1. Indledning", "1.1. Formål", "1.2. Omfang", "2. Økonomi", "2.1. Budget"]
    assert found == [*legal, "IV) Fjerde", "V) Femte"]


def _repacked(src: bytes, change) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(src)) as zin, zipfile.ZipFile(buf, "w") as zout:
        for info in zin.infolist():
            data = change(info.filename, zin.read(info.filename))
            if data is not None:
                zout.writestr(info.filename, data)
    return buf.getvalue()


@settings(max_examples=30, deadline=None)
@given(st.data())
def test_any_part_broken_or_missing_gives_one_clear_line(written, data):
    """A part of referat's own DOCX cut short, emptied or left out: minutes, or one line naming
    the file, never a traceback (an XXE in the document is never read: python-docx's parser
    resolves no entities)."""
    _, path = written[NAMES[0]]
    src = path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(src)) as zf:
        names = zf.namelist()
    part = data.draw(st.sampled_from(names))
    how = data.draw(st.sampled_from(["cut", "empty", "drop", "xxe"]))

    def change(name: str, content: bytes) -> bytes | None:
        if name != part:
            return content
        if how == "cut":
            return content[: data.draw(st.integers(0, max(0, len(content) - 1)))]
        if how == "xxe":
            body = content[content.find(b"?>") + 2 :] if content.startswith(b"<?xml") else content
            return b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>' + body
        return b"" if how == "empty" else None

    try:
        minutes = read_bytes(_repacked(src, change), "kaputt.docx")
    except InputError as err:
        assert str(err).startswith("kaputt.docx: ") and "\n" not in str(err)
        return
    assert "root:" not in minutes.pformat()


def test_a_long_bold_paragraph_is_text_not_a_heading(tmp_path):
    path = tmp_path / "word.docx"
    _word_made(path)
    d = docx.Document(str(path))
    long = "Udvalget understreger, at " + "projektet holdes inden for den afsatte ramme og " * 3 + "afrapporteres."
    anchor = next(p for p in d.paragraphs if p.text == "Forvaltningen foreslår følgende:")
    anchor.insert_paragraph_before().add_run(long).bold = True
    d.save(str(path))
    blocks = convert.read(path).items[0].sections[0].blocks
    assert [type(b).__name__ for b in blocks[:2]] == ["Paragraph", "Paragraph"]
    assert blocks[0].text == long


def test_unnumbered_heading_1_items_in_a_word_file(tmp_path):
    """Minutes typed in Word with item titles as Heading 1 and no number anywhere: each Heading 1
    starts an item, none is given a number."""
    d = docx.Document()
    d.add_paragraph("Referat af Teknik- og Miljøudvalget 3. marts 2024", style="Title")
    titles = ["Godkendelse af dagsorden", "Budget 2025 - anlæg", "Eventuelt"]
    for title in titles:
        d.add_paragraph(title, style="Heading 1")
        d.add_paragraph("Sagsfremstilling", style="Heading 2")
        d.add_paragraph(f"Forvaltningen redegør for {title.lower()}.")
        d.add_paragraph("Beslutning", style="Heading 2")
        d.add_paragraph("Godkendt.")
    path = tmp_path / "uden_numre.docx"
    d.save(path)
    minutes = convert.read(path)
    assert [(i.number, i.title) for i in minutes.items] == [(None, t) for t in titles]
    assert all([s.kind for s in i.sections] == ["presentation", "decision"] for i in minutes.items)
