"""Properties of the text reader under hypothesis.

- A random minutes model written out in the seeds' text style (tests/render_text.py) reads back
  to the same meeting, items, sections, blocks and attachments, and the running headers it was
  given come back as furniture records, wherever they interrupted the text.
- Every word of such a text is in the document (tests/lossless.py).
- On arbitrary text made of minutes-like lines (headings, bullets, attachment lines, headers,
  dates, noise) the reader returns Minutes or raises its own InputError, never anything else.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from convert.errors import InputError
from convert.model import Meeting, Minutes, Source
from convert.readers import read_bytes
from convert.readers.grammar.lines import Line
from convert.readers.grammar.recognizer import recognize
from tests.lossless import assert_lossless
from tests.render_text import render, seed_minutes

SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(
    seed_minutes,
    st.integers(50, 120),
    st.lists(st.integers(1, 10_000), max_size=3),
    st.booleans(),
    st.booleans(),
    st.sampled_from(["utf-8", "utf-16", "utf-8-sig"]),
)
def test_rendered_minutes_read_back_the_same(model, width, headers_at, top_header, broken, encoding):
    text, furniture = render(model, width, tuple(headers_at), top_header, broken)
    got = read_bytes(text.encode(encoding), "random.txt")
    decided = any(s.kind == "decision" for item in model.items for s in item.sections)
    if furniture or decided:
        assert got.meeting == model.meeting
    else:  # no running header and no decision heading: nothing printed says who met when
        assert got.meeting == Meeting()
    assert got.items == model.items
    assert got.furniture == furniture
    assert_lossless(text, got)


# ------------------------------------------------------------------ arbitrary input

LINES = [
    "Direktionen 01-06-2021", "Punkter til behandling", "Åben Sag", "Lukket Sag", "Sagsgang", "Sagsfremstilling",
    "Indstilling", "Beslutning i Direktionen den 01-06-2021", "Beslutning i den", "Bilag:", "Bilag", "Ingen",
    "1 - ", "3366958", "Åben Notat (132893/22) (H)", "5 -  Lukket Notat.pdf () ()", "\uf0b7 Punkt", "\uf0b7", "o",
    "o Under", "a.", "1.", "1. Meddelelser", "Sagsnr.: 2011-29298", "Dok.nr.: 2012-1", "Punkt 3: Titel",
    "EMN-2023-009832", "Beslutninger", "Lukket: Køb", "Tilstede", "Afbud/Fraværende", "Lolan Ottesen (A) - formand",
    "Indholdsfortegnelse", "1. Meddelelser ........ 3", "Side 2", "Mødested", "Torsdag den 20. juni 2013",
    "Sundheds- og Forebyggelsesudvalgets beslutning den 04.12.2012 Punkt 1", "2012-208960 - Titel", "", " ",
    "\f", "drøftet.", "Resumé", "Økonomi", "Lovgrundlag", "Sagen afgøres i", "31-02-2021", "99.99.9999",
]  # fmt: skip
noise = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
minutes_like = st.lists(st.sampled_from(LINES) | noise, max_size=60)


@SETTINGS
@given(minutes_like, st.sampled_from(["\n", " \n\n", "\r\n"]))
def test_minutes_like_text_reads_or_is_refused(lines, newline):
    data = newline.join(lines).encode("utf-8", "surrogatepass")
    try:
        got = read_bytes(data, "any.txt", "text")
    except InputError as err:
        assert str(err).startswith("any.txt: ") and "\n" not in str(err)
    else:
        assert isinstance(got, Minutes)


@SETTINGS
@given(
    st.lists(
        st.builds(
            Line,
            text=st.sampled_from(LINES) | noise,
            page=st.integers(1, 5),
            size=st.none() | st.floats(4, 30),
            bold=st.booleans(),
            top=st.none() | st.floats(0, 800),
            page_height=st.none() | st.just(842.0),
            furniture=st.none() | st.sampled_from(["header", "footer", "page-number"]),
            break_before=st.booleans(),
        ),
        max_size=50,
    )
)
def test_recognize_on_any_lines_returns_minutes_or_input_error(lines):
    try:
        got = recognize(lines, Source("lines", "pdf", "0" * 64))
    except InputError as err:
        assert str(err).startswith("lines: ") and "\n" not in str(err)
    else:
        assert isinstance(got, Minutes)
