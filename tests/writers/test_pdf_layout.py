"""What a reader of our PDFs sees (issue 11, point 13; issue 12, no superlinear pages): whole
words in the text layer, item headings kept with their first lines, heading rows that are headers
and repeat, amount columns right-aligned on one line, and pages in proportion to content."""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import convert
from benchmarks.bench_long_tables import content_chars, long_tables, page_count
from convert import canonical
from convert.model import Attachment, Item, Paragraph, Section, Table
from convert.numbering import item_marker
from convert.writers import pdf
from convert.writers._opendata import MONTHS
from convert.writers._tables import SHORT, is_amount, layout
from tests.conftest import CORPUS, SEEDS

DOCUMENTS = [
    *SEEDS,
    CORPUS / "ballerup_sundheds-forebyggelsesudvalget_referat_2012-12-04.pdf",
    CORPUS / "aarhus_byraad_referat_2025-08-27.pdf",
]
# Words the template prints around the document's own text.
TEMPLATE_WORDS = {
    "Side",
    "af",
    "Dato",
    "Tidspunkt",
    "Sted",
    "Deltagere",
    "Afbud",
    "Åbent",
    "Lukket",
    "punkt",
    "Sagsnr",
    "Dok.nr",
    "Bilag",
    "Nr",
    "Titel",
    "Adgang",
    "Åben",
    "Referat",
    "Punkt",
    "•",
    "◦",
    "▪",
    "·",
    "–",
}


@pytest.fixture(scope="module", params=pdf.ENGINES)
def rendered(request, tmp_path_factory) -> list[tuple[object, Path]]:
    """The seeds and corpus PDFs read and written again, by each engine."""
    folder = tmp_path_factory.mktemp(f"layout-{request.param}")
    out = []
    for path in DOCUMENTS:
        minutes = convert.read(path)
        dest = folder / (path.stem + ".pdf")
        convert.write(minutes, "pdf", dest, pdf_engine=request.param)
        out.append((minutes, dest))
    return out


def _words(text: str) -> set[str]:
    return {w.strip(".,:;()[]\"'”“’‘!?*/") for w in text.split()} - {""}


def _with_hyphen_breaks(words: set[str]) -> set[str]:
    """A word with a hyphen of its own ("ikke-erhverv") may break after it, as text does."""
    parts = set()
    for word in words:
        pieces = word.split("-")
        parts |= {p + "-" for p in pieces[:-1]} | set(pieces[1:])
    return words | parts


def _canonical_words(minutes) -> set[str]:
    """Words of the canonical document: its text and attribute values, and the list markers the
    printed lists show (CSS counters print them from the list's style)."""
    root = canonical.to_element(minutes)
    words = _words(" ".join(root.itertext()))
    for el in root.iter():
        words |= _words(" ".join(el.attrib.values()))
        if el.tag == "list" and el.get("ordered") == "true":
            block = canonical._list_model(el)
            words |= {item_marker(block, n).strip(".)") for n in range(len(block.items))}
    return _with_hyphen_breaks(words)


def _pages(path: Path) -> list[list[str]]:
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [[line.strip() for line in page.splitlines() if line.strip()] for page in text.split("\f")]


def test_text_layer_carries_whole_words(rendered):
    """Every word pdftotext finds is a word of the canonical document (or of the template):
    no hyphenation fragments such as "sam‐" / "men"."""
    for minutes, path in rendered:
        known = _canonical_words(minutes) | TEMPLATE_WORDS | set(MONTHS)
        # The words as laid out (-bbox): plain pdftotext joins "ikke-" at a line's end to the next line.
        bbox = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
        found = _words(" ".join(html.unescape(w) for w in re.findall(r"<word [^>]*>([^<]*)</word>", bbox)))
        strange = sorted(w for w in found - known if not w.isdigit())
        assert not strange, (path.name, strange[:20])


def test_item_heading_keeps_its_meta_line_and_first_block(rendered):
    """The meta line under an item heading ("Åbent punkt · Sagsnr. …") is never the last thing on
    a page: its first block follows on the same page, and so does the heading above it."""
    for minutes, path in rendered:
        title = pdf.title_of(minutes)
        pages = [
            [line for line in page if line != title and not re.fullmatch(r"Side \d+ af \d+", line)]
            for page in _pages(path)
        ]
        metas = 0
        for page in pages:
            for n, line in enumerate(page):
                if line.startswith(("Åbent punkt", "Lukket punkt")):
                    metas += 1
                    assert n + 1 < len(page), (path.name, page[-3:])
                    assert n > 0 and page[n - 1], (path.name, line)
        assert metas == len(minutes.items), path.name


def test_budget_table_heading_row_is_a_header_and_amounts_stand_right(rendered):
    """Ballerup's budget table: the reader did not mark its first row, whose cell heads a column of
    amounts; the PDF tags it TH, sets every amount on one line, right edges aligned."""
    minutes, path = next(r for r in rendered if r[1].name.startswith("ballerup"))
    page = pdf.render_html(minutes)
    assert '<th scope="col">Indsatsområde i Ballerup Kommune</th>' in page
    # pdfinfo prints a /T title (Typst names elements so) as raw UTF-16; Typst lists attributes first.
    struct = subprocess.run(["pdfinfo", "-struct-text", str(path)], capture_output=True,
                            check=True).stdout.decode("utf-8", errors="replace")
    assert re.search(r'TH <[^>]*>:?\n(?:\s*/.*\n)*\s*Span \(inline\)\n\s*"Indsatsområde i Ballerup Kommune"', struct)
    lines = [line for page in _pages(path) for line in page]
    for amount in ("1.370.000 kr.", "200.000 kr.", "70.000 kr.", "2.890.000 kr."):
        assert any(line.endswith(amount) for line in lines), amount
    bbox = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    page_xml = next(p for p in bbox.split("<page ") if "Afsatte" in p)
    words = re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="([\d.]+)"[^>]*>([^<]*)</word>', page_xml)
    # "kr." after an amount and last on its line: the amount column's cells
    triples = zip(words[1:], words[:-1], [*words[2:], ("", "", "")], strict=True)
    edges = [
        round(float(x))
        for (y, x, w), (_, _, w0), nxt in triples
        if w == "kr." and is_amount(w0 + " kr.") and nxt[0] != y
    ]
    assert len(edges) == 8 and len(set(edges)) == 1, edges


@pytest.mark.parametrize("engine", pdf.ENGINES)
def test_heading_row_repeats_after_a_page_break(minutes_sample, tmp_path, engine):
    rows = [["Vej", "Beløb"]] + [
        [f"Vejstykke nummer {n}", f"{n * 1000:,} kr.".replace(",", ".")] for n in range(1, 160)
    ]
    minutes_sample.items[0].sections.append(Section("economy", "Økonomi", [Table(rows)]))
    dest = tmp_path / "t.pdf"
    convert.write(minutes_sample, "pdf", dest, pdf_engine=engine)
    spanned = [page for page in _pages(dest) if any(line.startswith("Vejstykke nummer") for line in page)]
    assert len(spanned) >= 3
    for page in spanned:
        assert any(re.fullmatch(r"Vej\s+Beløb", line) for line in page), page[:5]


def test_no_cell_forbids_wrapping_beyond_a_short_width():
    """Long cells anywhere, even in the attachment table's narrow columns (a budget table read as
    attachments once held cells of 2,567 characters there), are free to wrap."""
    minutes = long_tables(2)
    long = "Forløbsprogrammer og koordination " * 80
    minutes.items.append(
        Item(
            "3",
            "Bilag med lange felter",
            attachments=[Attachment(long, long, document_id=long, case_number=long, access_label=long)],
        )
    )
    page = pdf.render_html(minutes)
    nowrap = re.findall(r'<t[dh][^>]*class="[^"]*nowrap[^"]*"[^>]*>([^<]*)</t[dh]>', page)
    assert nowrap and max(len(text) for text in nowrap) <= SHORT
    assert long.strip() in page
    # The Typst template keeps on one line (a box) the cells its data flags nowrap: short ones only.
    data = pdf.typst_data(minutes)
    tables = [b["table"] for it in data["items"] for s in it["sections"] for b in s["blocks"] if b["kind"] == "table"]
    tables += [it["attachments"] for it in data["items"] if it["attachments"]]
    kept = [row[c] for t in tables for row in t["rows"] for c, flag in enumerate(t["nowrap"]) if flag]
    assert kept and max(len(text) for text in kept) <= SHORT
    assert any(long.strip() in cell for t in tables for row in t["rows"] for cell in row)


@pytest.mark.parametrize("engine", pdf.ENGINES)
def test_pages_grow_linearly_with_long_and_wide_tables(engine):
    """Budget tables, 14 columns, 3,000-character cells: three times the content, at most three
    times the pages (and one), and every page carries a fair share of text."""
    small, large = long_tables(1), long_tables(3)
    options = pdf.Options(pdf_engine=engine)
    pages_small, pages_large = page_count(pdf.render(small, options)), page_count(pdf.render(large, options))
    assert pages_large <= 3 * pages_small + 1, (pages_small, pages_large)
    ratio = content_chars(large) / content_chars(small)
    assert pages_large / pages_small <= ratio * 1.15
    assert content_chars(large) / pages_large >= 1500


@pytest.mark.parametrize("engine", pdf.ENGINES)
def test_paragraph_of_one_long_word_stays_on_the_page(minutes_sample, tmp_path, engine):
    """Without hyphenation a word longer than the line still breaks (overflow-wrap), never runs off."""
    word = "Sundheds" * 40
    minutes_sample.items[0].sections.append(Section("other", "Lang", [Paragraph(word)]))
    dest = tmp_path / "w.pdf"
    convert.write(minutes_sample, "pdf", dest, pdf_engine=engine)
    bbox = subprocess.run(["pdftotext", "-bbox", str(dest), "-"], capture_output=True, text=True, check=True).stdout
    widths = [float(m.group(1)) for m in re.finditer(r'xMax="([\d.]+)"', bbox)]
    assert max(widths) <= 595.3


@pytest.mark.parametrize("engine", pdf.ENGINES)
def test_a_paragraph_is_not_split_over_two_pages(minutes_sample, tmp_path, engine):
    """Paragraphs of one to nine sentences, enough for several pages: each begins and ends on the
    same page, so a page break never falls between two of its sentences (which a reader, a screen
    reader's page view as well as referat's own, takes for a paragraph break). Only a paragraph
    taller than a page may break."""
    sentence = "Udvalget drøftede sagen om skolernes budget og bad forvaltningen om et notat."
    texts = [f"Afsnit {n} begynder. " + " ".join([sentence] * (n % 9)) + f" Afsnit {n} slutter." for n in range(60)]
    giant = " ".join([sentence] * 90)  # taller than a page
    minutes_sample.items[0].sections.append(Section("other", "Drøftelse", [Paragraph(t) for t in [*texts, giant]]))
    dest = tmp_path / "p.pdf"
    convert.write(minutes_sample, "pdf", dest, pdf_engine=engine)
    pages = [" ".join(page) for page in _pages(dest)]
    assert len(pages) >= 4
    for n in range(60):
        begins = [k for k, page in enumerate(pages) if f"Afsnit {n} begynder." in page]
        assert begins and f"Afsnit {n} slutter." in pages[begins[0]], n
    # Nothing is lost below a page's edge: the giant paragraph runs on over the next pages.
    assert sum(page.count("notat.") for page in pages) == sum(t.count("notat.") for t in [*texts, giant])


_cell = st.one_of(
    st.text(alphabet="abcæøå ÆØÅ-/.,", max_size=120),
    st.integers(0, 10**9).map(lambda n: f"{n:,} kr.".replace(",", ".")),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(_cell, min_size=1, max_size=16), min_size=1, max_size=12), st.booleans())
def test_column_widths_share_the_line(rows, header):
    """Any table: the widths fill the line; a column gets its longest word while all such fit; a
    cell kept on one line is short and fits its column."""
    lay = layout(rows, header)
    width = max(len(r) for r in rows)
    assert len(lay.widths) == len(lay.numeric) == len(lay.nowrap) == width
    assert abs(sum(lay.widths) - 100) < 0.1 and min(lay.widths) > 0
    columns = [[r[c] for r in rows if c < len(r)] for c in range(width)]
    words = [max((len(w) for x in cells for w in x.split()), default=1) + 3 for cells in columns]
    if sum(words) <= 85:
        assert all(w / 85 * 100 <= share + 0.05 for w, share in zip(words, lay.widths, strict=True))
    for c, cells in enumerate(columns):
        if lay.nowrap[c]:
            assert max(len(x) for x in cells) <= SHORT
            assert (max(len(x) for x in cells) + 3) / 85 * 100 <= lay.widths[c] + 0.05
