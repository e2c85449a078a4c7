"""OCR of scanned PDFs (convert/readers/pdf/ocr.py) on the scanned test set the tests make
(tests/readers/scans.py): a page or two here, since OCR is slow; the full figures come from
``make accuracy`` (benchmarks/accuracy_ocr.py)."""

from __future__ import annotations

import io

import pikepdf
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from PIL import Image

from convert import canonical
from convert.errors import InputError, NotMinutesError, TextWarning
from convert.model import Source
from convert.readers import pdf, read_bytes
from convert.readers.grammar.recognizer import recognize
from convert.readers.pdf import confusions, leaders, ocr
from convert.readers.pdf.deskew import skew
from convert.readers.pdf.lines import group_lines
from tests.conftest import CORPUS
from tests.readers.scans import field_agreement, generated_minutes, page_words, pages_of, scan, word_accuracy

ITEM = CORPUS / "ballerup" / "ballerup_sfu_2012-12-04_item_1552817.pdf"
BLANK_ENCLOSURE = CORPUS / "sbsys" / "sbsys_Publication553_enclosure_1.pdf"
SCANNED_BILAG = CORPUS / "ballerup" / "ballerup_sfu_2012-12-04_bilag_1537646.pdf"


@pytest.fixture(scope="module")
def generated() -> bytes:
    return generated_minutes(seed=7, items=2)


@pytest.mark.parametrize(("dpi", "floor"), [(300, 0.98), (200, 0.95)])
def test_word_accuracy_on_a_scanned_corpus_page(dpi, floor):
    data = ITEM.read_bytes()
    truth = page_words(data)[0]
    read = page_words(scan(data, dpi, seed=dpi, pages=range(1)))[0]
    assert len(truth) > 200
    assert word_accuracy(truth, read) >= floor


def test_scanned_generated_minutes_read_as_minutes(generated):
    first = range(1)
    scanned = scan(generated, 300, seed=3, pages=first)
    truth = page_words(generated)[0]
    assert word_accuracy(truth, page_words(scanned)[0]) >= 0.98
    minutes = read_bytes(scanned, "scan.pdf")
    assert field_agreement(read_bytes(pages_of(generated, first), "text.pdf"), minutes) >= 0.95
    assert minutes.source.ocr == [1]
    assert 50 <= minutes.source.ocr_confidence[0] <= 100
    again = canonical.from_bytes(canonical.to_bytes(minutes))  # valid against the XSD, and back
    assert (again.source.ocr, again.source.ocr_confidence) == (minutes.source.ocr, minutes.source.ocr_confidence)


def test_a_text_page_is_not_ocrd_unless_asked(generated):
    assert pdf.layout(generated, "text.pdf").ocr == []
    assert [n for n, _ in pdf.layout(pages_of(generated, range(1)), "text.pdf", ocr_mode="always").ocr] == [1]


def test_blank_sbsys_enclosure_is_not_minutes():
    """Its one page holds a single space in its text layer: nothing to read, by text or OCR."""
    with pytest.raises(NotMinutesError, match="not minutes"):
        read_bytes(BLANK_ENCLOSURE.read_bytes(), BLANK_ENCLOSURE.name)


def test_scanned_enclosure_is_read_and_refused_as_not_minutes():
    data = pages_of(SCANNED_BILAG.read_bytes(), range(1))  # one page of eight: OCR is slow
    lines, found = pdf.read_lines(data, SCANNED_BILAG.name)  # the page lies sideways: turned upright
    assert [n for n, _ in found.ocr] == [1]
    words = {w for line in lines for w in line.text.split()}
    assert {"Ejendomsoversigt", "Ballerup"} <= words
    with pytest.raises(NotMinutesError, match="no agenda items found"):
        recognize(lines, Source(SCANNED_BILAG.name, "pdf", "0" * 64))


def test_never_keeps_the_old_error():
    with pytest.raises(InputError, match="no text layer"):
        read_bytes(SCANNED_BILAG.read_bytes(), "scan.pdf", ocr="never")


def test_an_unreadable_page_is_named_and_the_rest_converted(generated):
    """A page too large to render (5 m across) is reported; the other page is read."""
    first = scan(generated, 200, seed=1, pages=range(1))
    out = pikepdf.new()
    with pikepdf.open(io.BytesIO(first)) as src:
        out.pages.extend(src.pages)
        huge = out.add_blank_page(page_size=(14000, 14000))
        huge.Contents = out.make_stream(b"q 14000 0 0 14000 0 0 cm Q")
        buf = io.BytesIO()
        out.save(buf)
    with pytest.warns(TextWarning, match=r"^mixed\.pdf: page 2 could not be read by OCR: .*cannot be rendered"):
        minutes = read_bytes(buf.getvalue(), "mixed.pdf")
    assert minutes.items and minutes.source.ocr == [1]


@pytest.mark.parametrize("angle", [-1.2, -0.4, 0.6, 1.5])
def test_skew_is_measured(angle):
    image = Image.new("L", (1200, 1600), 255)
    for row in range(100, 1500, 40):
        image.paste(0, (100, row, 1100, row + 12))
    tilted = image.rotate(angle, fillcolor=255)
    assert abs(skew(tilted) + angle) <= 0.1


words = st.builds(
    ocr.Word,
    text=st.text(st.characters(categories=("L", "N", "P")), min_size=1, max_size=12),
    left=st.integers(0, 2000),
    top=st.integers(0, 3000),
    width=st.integers(1, 400),
    height=st.integers(1, 80),
    conf=st.floats(-1, 100),
    line=st.tuples(st.integers(1, 4), st.integers(1, 2), st.integers(1, 5)),
)


@settings(max_examples=40, deadline=None)
@given(st.lists(words, max_size=30))
@example([ocr.Word("0", 0, 0, 10, 10, 50.0, (1, 1, 1)), ocr.Word("-", 20, 0, 10, 10, 50.0, (1, 1, 1))])
def test_no_word_is_dropped_on_the_way_to_lines(found):
    """Low-confidence words too: every word OCR found is in a printed line. A dash standing alone
    may change kind (hyphen, en or em dash, told by its width), never go."""
    image = Image.new("L", (2500, 3500), 255)
    runs = ocr.to_runs(found, image, 72 / ocr.DPI)
    lines = group_lines(runs, 1, 600, 840)

    def letters(texts):
        return sorted("-" if c in ocr._DASHES else c for c in "".join("".join(texts).split()))

    assert letters(w.text for w in found) == letters(pl.line.text for pl in lines)


AARHUS = CORPUS / "aarhus_byraad_referat_2025-08-27.pdf"
AARHUS_BILAG = CORPUS / "aarhus_bilag_sager-paa-vej_sundhed-omsorg_2025-08-29.pdf"


def test_a_scanned_table_of_contents_loses_its_dot_leaders_not_its_words():
    """FirstAgenda's contents page, titles and page numbers joined by rows of dots: at 200 dpi
    Tesseract read the dots as letters ("ssssseerrrre") before they were painted out."""
    data = AARHUS.read_bytes()
    truth = page_words(data)[1]
    scanned = scan(data, 200, seed=5, pages=range(1, 2))
    found = pdf.layout(scanned, "scan.pdf")
    assert word_accuracy(truth, [w for pl in found.pages[0] for w in pl.line.text.split()]) >= 0.98
    pages = [e.page for e in found.toc.entries]
    assert len(pages) >= 18 and pages == sorted(pages)  # of 21 entries (a lone "4" may read "+")


def test_a_scanned_ruled_table_is_read_row_by_row():
    """Cells wrapping over two lines: the rules in the image make the table's grid, as a text
    PDF's paths do, so each row's cells come together, in order."""
    data = AARHUS_BILAG.read_bytes()
    truth = page_words(data)[0]
    read = page_words(scan(data, 300, seed=2, pages=range(1)))[0]
    assert word_accuracy(truth, read) >= 0.98


def test_bold_og_at_200_dpi_gives_the_right_body():
    """A bold "og" at 200 dpi reads "oq" (confidence about 50): mended from the word list."""
    data = pages_of(ITEM.read_bytes(), range(1))
    truth = read_bytes(data, "text.pdf")
    assert field_agreement(truth, read_bytes(scan(data, 200, seed=4), "scan.pdf")) >= 0.95


def test_a_doubtful_word_is_mended_only_into_the_one_known_word():
    assert confusions.mend("oq", 50) == "og"
    assert confusions.mend("(oq)", 50) == "(og)"
    assert confusions.mend("øg", 80) == "og"
    assert confusions.mend("Børger", 10) == "Børger"  # a name: never changed
    assert confusions.mend("SF", 10) == "SF"  # a party's letters: never changed
    assert confusions.mend("kornmunen", 40) == "kommunen"
    assert confusions.mend("oq", 90) == "oq"  # Tesseract is sure: kept as read
    assert confusions.mend("Xqzv", 10) == "Xqzv"  # nothing near it in the list: kept


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(sorted(confusions.words())), st.floats(0, 100))
def test_a_known_word_is_never_changed(word, confidence):
    assert confusions.mend(word, confidence) == word


@settings(max_examples=60, deadline=None)
@given(st.text(st.characters(categories=("L", "P")), min_size=1, max_size=10), st.floats(0, 100))
def test_a_mended_word_is_a_known_word(text, confidence):
    mended = confusions.mend(text, confidence)
    if mended != text:
        core = "".join(c for c in mended if c.isalnum()).casefold()
        assert core in confusions.words()
        assert len(mended) in (len(text) - 1, len(text), len(text) + 1)


@pytest.mark.parametrize(("width", "dash"), [(15, "-"), (27, "\u2013"), (50, "\u2014")])
def test_a_lone_dash_is_told_by_its_length(width, dash):
    for read in ("-", "\u2013", "\u2014"):
        assert ocr._dash(read, width, 50) == dash
    assert ocr._dash("a", width, 50) == "a"


@settings(max_examples=40, deadline=None)
@given(st.lists(words, max_size=30), st.integers(0, 2**32 - 1))
def test_leader_search_takes_any_words(found, seed):
    """Whatever boxes Tesseract gives (tall, tiny, off the page), the page is left alone or
    cleaned at its own size."""
    import random

    rng = random.Random(seed)
    image = Image.new("L", (2500, 3500), 255)
    for _ in range(200):
        x, y = rng.randrange(2500), rng.randrange(3500)
        image.paste(0, (x, y, x + rng.randint(1, 40), y + rng.randint(1, 40)))
    cleaned = leaders.erase(image, leaders.rows(found, 70))
    assert cleaned is None or cleaned.size == image.size
