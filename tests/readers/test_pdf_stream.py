"""The PDF reader streams: pages are spooled, furniture is counted in bounded memory, and items
are recognized as the line stream passes. What it makes is what the list path makes (every page
held, the whole line list recognized at once), and what it holds does not grow with the page
count. Counted, never timed."""

from __future__ import annotations

import copy

import pytest

from convert.model import Source
from convert.readers import pdf
from convert.readers.grammar.lines import Line
from convert.readers.grammar.recognizer import recognize
from convert.readers.pdf import furniture
from convert.readers.pdf.lines import PageLine
from tests.conftest import CORPUS
from tests.readers import pdf_samples

BALLERUP = CORPUS / "ballerup_sundheds-forebyggelsesudvalget_referat_2012-12-04.pdf"


def generated(pages: int) -> bytes:
    """Minutes of ``pages`` pages, as the benchmark makes them."""
    return pdf_samples.long_minutes(BALLERUP, pages)


def _source() -> Source:
    return Source(file="long.pdf", format="pdf", sha256="0" * 64)


def _listed(data: bytes):
    stream, found = pdf.read_lines(data, "long.pdf")
    source = _source()
    source.pages = len(found.pages)
    return recognize(stream, source, found.producer)


def _most_held(data: bytes) -> int:
    most = 0

    def watch(held: int) -> None:
        nonlocal most
        most = max(most, held)

    pdf.read(data, _source(), watch)
    return most


@pytest.fixture(scope="module")
def long_pdf() -> bytes:
    return generated(200)


def test_long_pdf_streamed_gives_what_the_list_path_gives(long_pdf):
    streamed = pdf.read(long_pdf, _source())
    assert streamed.source.pages == 200
    assert len(streamed.items) > 100
    assert streamed == _listed(long_pdf)
    assert streamed.pformat() == _listed(long_pdf).pformat()


def test_the_line_stream_read_again_is_the_stream_first_made(long_pdf):
    """The recognizer reads the line stream twice: the second reading is read back from where the
    first was written down, as each line was handed on, whatever its reader then did to it; a
    first reading left unfinished is made afresh the next time."""
    spooled = pdf._Spooled(long_pdf, "long.pdf")
    try:
        unfinished = spooled.lines()
        for _ in range(100):
            next(unfinished).text = "changed by its reader"
        first = []
        for line in spooled.lines():
            first.append(copy.copy(line))
            line.text = "changed by its reader"
        again, third = list(spooled.lines()), list(spooled.lines())
    finally:
        spooled.close()
    assert len(first) > 5000
    assert again == first
    assert third == first
    assert not any(a is b for a, b in zip(again, third, strict=True))  # fresh lines every reading


def test_recognizer_holds_the_lines_of_an_item_not_of_the_document(long_pdf):
    lines = len(pdf.read_lines(long_pdf, "long.pdf")[0])
    small, large = _most_held(generated(50)), _most_held(long_pdf)
    # The same items repeat: the most lines held at once is set by the longest item, however
    # many pages follow it.
    assert large <= small
    assert large < lines / 20


@pytest.mark.parametrize(("capacity", "recounted"), [(3, "all"), (20, "candidates")])
def test_bounded_furniture_counts_recounted_give_the_same_minutes(monkeypatch, capacity, recounted):
    data = generated(40)
    expected = _listed(data)
    monkeypatch.setattr(furniture.Recurrence, "CAPACITY", capacity)  # counts fall short
    spooled = pdf._Spooled(data, "long.pdf")
    spooled.close()
    assert spooled.recurrence.recounted == recounted
    assert pdf.read(data, _source()) == expected


def _word(n: int) -> str:
    return "emne" + chr(ord("a") + n // 26 % 26) + chr(ord("a") + n % 26)


def _synthetic(heights: list[float]) -> list[list[PageLine]]:
    """Pages with a running header, a page number, content near the bands and a footer."""
    pages = []
    for n, height in enumerate(heights, 1):
        rows = [
            ("Økonomiudvalget", 20.0),
            (f"Side {n}", 34.0),
            (f"Indhold om {_word(n)} på siden", 0.2 * height - 12),
            (f"Tekst {n * 7} om emnet", height / 2),
            (f"Slutlinje om {_word(n + 300)}", 0.8 * height + 2),
            ("Referat", height - 30),
        ]
        pages.append(
            [
                PageLine(
                    Line(text, page=n, x0=60.0, x1=300.0, top=top, bottom=top + 10, page_height=height),
                    False,
                    False,
                )
                for text, top in rows
            ]
        )
    return pages


@pytest.mark.parametrize(
    ("heights", "capacity", "recounted"),
    [
        ([842.0] * 30, 256, None),  # few distinct lines: the counts are exact as read
        ([842.0] * 30, 16, "candidates"),  # more distinct lines than kept: candidates counted again
        ([842.0] * 30, 3, "all"),  # far more: every key near a band counted again
        ([842.0, 595.0] * 15, 256, "all"),  # pages of two sizes: every key near a band counted again
    ],
)
def test_recurrence_marks_as_counting_every_line_does(monkeypatch, heights, capacity, recounted):
    monkeypatch.setattr(furniture.Recurrence, "CAPACITY", capacity)
    listed = _synthetic(heights)
    furniture.mark(listed)
    streamed = _synthetic(heights)
    recurrence = furniture.Recurrence(len(streamed))
    for page in streamed:
        recurrence.add(page)
        assert len(recurrence.counts) <= capacity
    if not recurrence.exact:
        recurrence.recount(copy.deepcopy(streamed))
    assert recurrence.recounted == recounted
    for page in streamed:
        recurrence.mark(page)
    assert [[pl.line.furniture for pl in page] for page in streamed] == [
        [pl.line.furniture for pl in page] for page in listed
    ]
    assert any(pl.line.furniture == "header" for pl in listed[5])


@pytest.mark.parametrize(
    "name",
    [
        "aarhus_byraad_referat_2025-08-27.pdf",  # a table of contents
        "ballerup/ballerup_sfu_2012-12-04_bilag_1543229.pdf",  # words printed only in its margins
        "ballerup_sundheds-forebyggelsesudvalget_referat_2012-12-04.pdf",
    ],
)
def test_spellings_gathered_while_spooling_are_those_of_the_marked_pages(name):
    """The words gathered as the pages are first read, before their furniture is known, answer
    every look-up as the words of the content lines of the marked pages do."""
    spooled = pdf._Spooled((CORPUS / name).read_bytes(), name, "never")
    try:
        gathered = spooled.spellings
        exact = spooled._spellings()
        assert "ikkeetord" not in gathered
        for word in sorted(exact | gathered.sure | gathered.doubtful):
            assert (word in gathered) == (word in exact), word
        assert gathered.sure <= exact
    finally:
        spooled.close()


def test_two_readings_of_the_spooled_pages_may_interleave():
    """``flow.Spellings`` may read the pages while the line stream is being made from them."""
    spooled = pdf._Spooled(generated(6), "long.pdf")
    try:
        outer = spooled.pages()
        first = next(outer)
        inner = list(spooled.pages())
        assert [first, *outer] == inner
        assert len(inner) == spooled.count > 1
    finally:
        spooled.close()


def _cyclic_garbage(data: bytes) -> int:
    """Objects a reading leaves that only the cycle collector can free."""
    import gc

    pdf.read(data, _source())  # first-use caches (vocabulary, patterns) are no garbage
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        pdf.read(data, _source())
        gc.collect()
        return len(gc.garbage)
    finally:
        gc.set_debug(0)
        gc.garbage.clear()


def test_a_page_read_is_freed_when_done_not_left_to_the_cycle_collector():
    # A page's runs held in a reference cycle (a recursive closure; ctypes.cast tying a handle to
    # its address) waited for the collector: memory grew with the pages read between collections.
    # What is left over is the document's own (its table of contents, spool files), not the pages'.
    few, many = _cyclic_garbage(generated(5)), _cyclic_garbage(generated(25))
    assert many - few < 20, (few, many)
