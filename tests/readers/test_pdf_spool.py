"""The spool files of the PDF reader: written again from their start (never truncated), they give
back what was written last and nothing of what an earlier, longer writing left behind them."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from convert.readers.grammar.lines import Line
from convert.readers.pdf.lines import PageLine
from convert.readers.pdf.spool import LineStream, Spool

_texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300)
_lines = st.builds(Line, _texts, page=st.integers(1, 999), x0=st.floats(0, 600), bold=st.booleans())
_page = st.lists(st.builds(PageLine, _lines, st.booleans(), st.booleans()), max_size=40)


def _fields(page: list[PageLine]) -> list[tuple]:
    return [(pl.line, pl.artifact, pl.rotated, pl.lefts) for pl in page]


@settings(max_examples=60, deadline=None)
@given(first=st.lists(_page, max_size=6), second=st.lists(_page, max_size=6))
def test_pages_written_again_are_the_second_writing_only(first, second):
    spool = Spool()
    try:
        for page in first:
            spool.write(page)
        assert [_fields(p) for p in spool.pages()] == [_fields(p) for p in first]
        spool.clear()
        for page in second:
            spool.write(page)
        assert [_fields(p) for p in spool.pages()] == [_fields(p) for p in second]
    finally:
        spool.close()


@settings(max_examples=40, deadline=None)
@given(first=st.lists(_lines, max_size=1500), second=st.lists(_lines, max_size=700))
def test_a_line_stream_kept_again_is_the_second_stream_only(first, second):
    stream = LineStream()
    try:
        assert list(stream.keep(iter(first))) == first
        assert list(stream.lines()) == first
        assert list(stream.keep(iter(second))) == second
        assert stream.complete
        assert list(stream.lines()) == second
    finally:
        stream.close()
