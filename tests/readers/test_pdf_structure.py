"""Tagged PDFs: the reader takes wrapped headings and table rows from the structure tree where
the page agrees with it, and falls back to the layout where it does not (structure, lines)."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import convert
from convert.model import Source, Table
from convert.readers import pdf
from convert.readers.grammar import attachments, vocabulary
from convert.readers.grammar.lines import Line
from convert.readers.pdf import tables
from convert.readers.pdf.lines import Run, group_lines
from convert.readers.pdf.structure import Tag
from tests.readers.test_pdf_layout import AARHUS, BALLERUP

LONG_TITLE = (
    "Godkendelse af forslag til lokalplan for et nyt boligområde ved skoven med tilhørende "
    "kommuneplantillæg og miljørapport efter offentlig høring"
)
CSS = "@page { size: A4; margin: 20mm } body { font: 10pt serif } td, th { border: 1px solid; padding: 2pt }"


def tagged_html(cells_per_row: list[list[str]], header: list[str]) -> str:
    head = "".join(f"<th scope='col'>{c}</th>" for c in header)
    rows = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in cells_per_row)
    return (
        f"<html lang='da'><head><title>Referat</title><style>{CSS}</style></head><body>"
        "<h1>Referat</h1><p>Teknisk Udvalg, tirsdag den 1. februar 2024</p>"
        f"<h2>1. {LONG_TITLE}</h2><p>Sagsnr.: 2024-1001</p><h3>Sagsfremstilling</h3>"
        "<p>Forvaltningen har udarbejdet et forslag.</p>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
        "<h3>Teknisk Udvalgs beslutning den 01.02.2024</h3><p>Godkendt</p></body></html>"
    )


def render_tagged(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")


@pytest.fixture(scope="module")
def tagged():
    rows = [
        ["Boliger", "Antal boliger i området efter den endelige udbygning af hele lokalplanens område", "120"],
        ["Erhverv", "", "3"],
    ]
    return render_tagged(tagged_html(rows, ["Type", "Beskrivelse", "Antal"]))


def test_a_wrapped_tagged_heading_is_one_line(tagged):
    stream, _ = pdf.read_lines(tagged, "tagged.pdf")
    heading = [line for line in stream if line.role == "H2"]
    assert [line.text for line in heading] == [f"1. {LONG_TITLE}"]
    assert heading[0].bottom - heading[0].top > 1.8 * heading[0].size  # it did wrap on the page


def test_tagged_table_rows_keep_their_cells(tagged):
    stream, _ = pdf.read_lines(tagged, "tagged.pdf")
    rows = [line for line in stream if line.cells is not None]
    assert [(line.role, line.cells) for line in rows] == [
        ("TH", ("Type", "Beskrivelse", "Antal")),
        ("TR", ("Boliger", "Antal boliger i området efter den endelige udbygning af hele lokalplanens område", "120")),
        ("TR", ("Erhverv", "", "3")),
    ]


def test_a_tagged_content_table_becomes_a_table_block(tagged):
    minutes = pdf.read(tagged, Source("tagged.pdf", "pdf", hashlib.sha256(tagged).hexdigest()))
    (item,) = minutes.items
    assert item.title == LONG_TITLE and item.case_number == "2024-1001"
    tables = [b for s in item.sections for b in s.blocks if isinstance(b, Table)]
    assert len(tables) == 1 and tables[0].header
    assert tables[0].rows[0] == ["Type", "Beskrivelse", "Antal"]
    assert tables[0].rows[2] == ["Erhverv", "", "3"]
    assert [s.kind for s in item.sections] == ["presentation", "decision"]


def _run(text: str, x0: float, base: float, tag: Tag | None) -> Run:
    return Run(text, "Serif", 10.0, False, False, False, x0, x0 + 6 * len(text), x0, base, base - 8, base + 2,
               False, False, tag)


def test_a_row_the_page_contradicts_is_not_trusted():
    row = Tag("TD", group=7, cell=0, width=2)
    second = Tag("TD", group=7, cell=1, width=2)
    runs = [
        _run("Nr.", 50, 100, row),
        _run("Titel som", 120, 100, second),
        _run("Et afsnit uden for tabellen", 50, 112, None),  # printed between the row's lines
        _run("fortsætter", 120, 124, second),
    ]
    lines = group_lines(runs, 1, 595, 842)
    assert all(pl.line.cells is None for pl in lines)
    assert [pl.line.text for pl in lines] == ["Nr. Titel som", "Et afsnit uden for tabellen", "fortsætter"]
    trusted = group_lines([r for r in runs if r.tag is not None], 1, 595, 842)
    assert [pl.line.cells for pl in trusted] == [("Nr.", "Titel som fortsætter")]


def test_untagged_and_paragraph_only_trees_change_nothing():
    # Ballerup is untagged; Aarhus is tagged with P elements only: no heading units.
    for path in (BALLERUP, AARHUS):
        stream, _ = pdf.read_lines(path.read_bytes(), path.name)
        assert not [line for line in stream if line.role and line.role != "TR"]
    assert not [line for line in pdf.read_lines(AARHUS.read_bytes(), AARHUS.name)[0] if line.cells]


def test_a_ruled_table_in_an_untagged_pdf_is_read_by_its_grid():
    # Ballerup item 6 prints a two-column table with borders over pages 11 and 12.
    stream, _ = pdf.read_lines(BALLERUP.read_bytes(), BALLERUP.name)
    rows = [line for line in stream if line.cells is not None]
    assert {line.page for line in rows} == {11, 12}
    assert [line.cells for line in rows][:2] == [
        ("Indsatsområde i Ballerup Kommune", "Afsatte midler i 2013"),
        (
            "Forløbsprogrammer (patientuddannelse, træning samt koordination i forhold til KOL, diabetes, "
            "hjerte-kar-sygdomme, lænde-ryglidelser samt kræft)",
            "1.370.000 kr.",
        ),
    ]
    assert rows[-1].cells == ("I alt", "2.890.000 kr.") and len(rows) == 9


def test_frames_and_underlines_are_not_tables():
    frame = tables.find([(50, 500, 100), (50, 500, 200)], [(50, 100, 200), (500, 100, 200)])
    underline = tables.find([(50, 200, 100), (60, 90, 300)], [])
    grid = tables.find(
        [(50, 500, 100), (50, 500, 120), (50, 500, 140)], [(50, 100, 140), (300, 100, 140), (500, 100, 140)]
    )
    assert frame == [] and underline == []
    assert [(g.columns, g.rows) for g in grid] == [([50, 300, 500], [100, 120, 140])]
    assert grid[0].cell(310, 125) == (1, 1) and grid[0].cell(40, 125) is None


def _grids_by_all_pairs(horizontal: list[tuple], vertical: list[tuple]) -> list[tuple]:
    """What tables.find gives, worked out plainly: every horizontal rule tried against every
    vertical one, and the rules that meet gathered into sets in the order of the rules."""
    if len(horizontal) < 2 or len(vertical) < 2:
        return []
    near = tables._NEAR
    rules = [("h", r) for r in horizontal] + [("v", r) for r in vertical]
    sets: list[set[int]] = [{k} for k in range(len(rules))]
    for i, (x0, x1, y) in enumerate(horizontal):
        for j, (x, y0, y1) in enumerate(vertical, len(horizontal)):
            if x0 - near <= x <= x1 + near and y0 - near <= y <= y1 + near and sets[i] is not sets[j]:
                joined = sets[i] | sets[j]
                for k in joined:
                    sets[k] = joined
    found, seen = [], set()
    for k in range(len(rules)):
        if id(sets[k]) not in seen:
            seen.add(id(sets[k]))
            members = [rules[m] for m in sorted(sets[k])]
            columns = tables._bounds([r[0] for kind, r in members if kind == "v"])
            rows = tables._bounds([r[2] for kind, r in members if kind == "h"])
            if len(columns) >= 3 and len(rows) >= 3:
                found.append((columns, rows))
    return found


# Mostly a few shared values (band edges among them), so that rules meet and make grids.
_COORD = st.one_of(st.sampled_from([0.0, 14.0, 16.0, 30.0, 31.5, 48.0, 100.0, 700.0]), st.floats(-20, 1200))
_LENGTH = st.one_of(st.sampled_from([14.0, 16.0, 30.0, 100.0, 700.0]), st.floats(0, 3000), st.just(float("inf")))


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.tuples(_COORD, _LENGTH, _COORD).map(lambda r: (r[0], r[0] + r[1], r[2])), max_size=14),
    st.lists(st.tuples(_COORD, _COORD, _LENGTH).map(lambda r: (r[0], r[1], r[1] + r[2])), max_size=14),
)
def test_grids_are_those_of_every_pair_of_rules(horizontal, vertical):
    # find tries a horizontal rule only against the vertical rules filed near its height
    assert [(g.columns, g.rows) for g in tables.find(horizontal, vertical)] == _grids_by_all_pairs(horizontal, vertical)


def test_the_producer_names_the_family():
    texts = ["1. Meddelelser", "Sagsnr.: 2011-29298", "Udvalgets beslutning den 04.12.2012"]
    assert vocabulary.choose(texts).name == "edoc"
    assert vocabulary.choose(texts, "referat / WeasyPrint 70.0").name == "referat"
    assert vocabulary.choose(texts, "Microsoft® Word").name == "edoc"


def test_attachment_table_columns_are_found_by_their_headings():
    vocab = vocabulary.load("referat")
    rows = [
        Line("Sagsnr. Dok.nr. Titel Nr.", role="TH", cells=("Sagsnr.", "Dok.nr.", "Titel", "Nr.")),
        Line("x", role="TR", cells=("8725/21", "3011525", "Årshjul 2021 (H)", "1")),
        Line("Sagsnr. Dok.nr. Titel Nr.", role="TH", cells=("Sagsnr.", "Dok.nr.", "Titel", "Nr.")),  # new page
        Line("x", role="TR", cells=("", "", "Notat", "2")),
        # A row a page break cut in two: the number on one page, the rest of the title on the next.
        Line("x", role="TR", cells=("", "", "Budget", "3")),
        Line("Sagsnr. Dok.nr. Titel Nr.", role="TH", cells=("Sagsnr.", "Dok.nr.", "Titel", "Nr.")),
        Line("x", role="TR", cells=("1/24", "", "2025 (H)", "")),
    ]
    found = attachments.parse(rows, vocab)
    assert [(a.number, a.title, a.marker, a.document_id, a.case_number, a.access) for a in found] == [
        ("1", "Årshjul 2021", "H", "3011525", "8725/21", "open"),
        ("2", "Notat", None, None, None, "open"),
        ("3", "Budget 2025", "H", None, "1/24", "open"),
    ]


def test_a_closed_item_reads_back_closed(tmp_path):
    minutes = convert.read(AARHUS)
    dest = tmp_path / "aarhus.pdf"
    convert.write(minutes, "pdf", dest)
    again = convert.read(dest)
    assert [(i.number, i.access) for i in again.items if i.access == "closed"] == [("21", "closed")]
    assert again.items[20].title == "Køb af landbrugsejendom"


_texts = st.text(st.sampled_from("abcæøå ÆØÅ.-"), min_size=1, max_size=12).filter(str.strip)


@st.composite
def _tagged_runs(draw):
    """Runs on a page, some tagged as heading or cells of rows, whether or not the tags make sense
    (a hostile or broken structure tree): overlapping rows, cells out of range, one tag for runs
    far apart."""
    runs = []
    for _ in range(draw(st.integers(1, 25))):
        base = draw(st.integers(60, 780))
        x0 = draw(st.integers(40, 500))
        tag = draw(
            st.none()
            | st.builds(Tag, st.sampled_from(["H1", "H2", "TH", "TD"]), st.integers(1, 4), st.integers(0, 5),
                        st.integers(0, 4), st.booleans())
        )
        runs.append(_run(draw(_texts), x0, base, tag))
    return runs


@settings(max_examples=300, deadline=None)
@given(_tagged_runs())
def test_grouping_loses_no_text_whatever_the_tags_say(runs):
    lines = group_lines(runs, 1, 595, 842)
    printed = " ".join(pl.line.text for pl in lines) + " " + " ".join(c for pl in lines for c in pl.line.cells or ())
    for run in runs:
        for word in run.text.split():
            assert word in printed
    for pl in lines:  # a row's text is its cells' words, for the steps that read only text
        if pl.line.cells is not None:
            assert sorted(pl.line.text.split()) == sorted(" ".join(pl.line.cells).split())


_coordinate = st.floats(0, 800, allow_nan=False)
_triple = st.tuples(_coordinate, _coordinate, _coordinate)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(_triple.map(lambda r: (min(r[:2]), max(r[:2]), r[2])), max_size=30),  # x0, x1, y
    st.lists(_triple.map(lambda r: (r[0], *sorted(r[1:]))), max_size=30),  # x, y0, y1
    st.lists(st.tuples(_coordinate, _coordinate), max_size=20),
)
def test_any_rules_give_well_formed_grids(horizontal, vertical, points):
    for grid in tables.find(horizontal, vertical):
        assert len(grid.columns) >= 3 and len(grid.rows) >= 3
        assert grid.columns == sorted(grid.columns) and grid.rows == sorted(grid.rows)
        for x, y in points:
            found = grid.cell(x, y)
            assert found is None or (0 <= found[0] < len(grid.rows) - 1 and 0 <= found[1] < len(grid.columns) - 1)
