"""The PDF reader foresees what the recognizer's first reading of the line stream would find (the
family, whether the text is one page, no tagged section heading) and has the stream read once.
The reading checks the foresight as it goes: where it was wrong, the stream is read twice, as
without it. Either way the minutes are the same."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import convert
from convert.errors import NotMinutesError
from convert.model import Source
from convert.readers import pdf
from convert.readers.grammar import vocabulary
from convert.readers.grammar.recognizer import Foreseen, recognize_stream
from tests.conftest import CORPUS
from tests.readers import pdf_samples

MINUTES = [
    CORPUS / "ballerup_sundheds-forebyggelsesudvalget_referat_2012-12-04.pdf",  # eDoc: told by its lines
    CORPUS / "ballerup_sundheds-forebyggelsesudvalget_2012-12-04_punkt2_only.pdf",
    CORPUS / "ballerup" / "ballerup_sfu_2012-12-04_item_1552816.pdf",  # one item
    CORPUS / "aarhus_byraad_referat_2025-08-27.pdf",  # FirstAgenda: named by its producer
]
BALLERUP = MINUTES[0]


def _recognized(path, foresee, data: bytes | None = None):
    """The minutes, and how often the two-reading stream was asked for (0 when read once)."""
    spooled = pdf._Spooled(path.read_bytes() if data is None else data, path.name, "never")
    asked = []

    def lines():
        asked.append(1)
        return spooled.lines()

    try:
        source = Source(file=path.name, format="pdf", sha256="0" * 64, pages=spooled.count)
        return recognize_stream(lines, source, spooled.producer, None, foresee(spooled)), len(asked)
    finally:
        spooled.close()


@pytest.mark.parametrize("path", MINUTES, ids=lambda p: p.name)
def test_a_foreseen_stream_is_read_once_into_the_same_minutes(path):
    once, asked_once = _recognized(path, lambda spooled: spooled.foreseen())
    twice, asked_twice = _recognized(path, lambda spooled: None)
    assert asked_once == 0 and asked_twice == 2
    assert once == twice
    assert len(once.items) >= 1


def test_one_page_minutes_are_foreseen_as_one_page(tmp_path):
    """A text on one page reads its running headers as page breaks (furniture.stream): the
    foresight must say so, and the one reading gives what two give."""
    item = ("Vejbelysning", ["Forvaltningen indstiller, at sagen godkendes."])
    data = pdf_samples.render(pdf_samples.minutes_html([item]))
    path = tmp_path / "one.pdf"
    spooled = pdf._Spooled(data, path.name, "never")
    try:
        assert spooled.count == 1 and spooled.foreseen().single_page
    finally:
        spooled.close()
    once, asked_once = _recognized(path, lambda spooled: spooled.foreseen(), data)
    twice, asked_twice = _recognized(path, lambda spooled: None, data)
    assert (asked_once, asked_twice) == (0, 2)
    assert once == twice and [item.title for item in once.items] == ["Vejbelysning"]


@settings(max_examples=12, deadline=None)
@given(st.sampled_from([None, *vocabulary.family_names()]), st.booleans())
def test_a_wrong_foresight_is_found_out_and_read_twice(family, single_page):
    right = pdf._Spooled(BALLERUP.read_bytes(), BALLERUP.name, "never")
    try:
        told = right.foreseen()
    finally:
        right.close()
    wrong = vocabulary.load(family)
    read, asked = _recognized(BALLERUP, lambda spooled: Foreseen(spooled.flowed, wrong, single_page))
    twice, _ = _recognized(BALLERUP, lambda spooled: None)
    assert read == twice
    # Ballerup's minutes are eDoc's, on 15 pages: only that foresight is kept.
    assert told.family.name == "edoc" and not told.single_page
    assert asked == (0 if (wrong is told.family and not single_page) else 2)


def test_a_foreseen_failure_is_the_failure_of_two_readings():
    enclosure = CORPUS / "ballerup" / "ballerup_sfu_2012-12-04_bilag_1533095.pdf"
    errors = []
    for foresee in (lambda spooled: spooled.foreseen(), lambda spooled: None):
        with pytest.raises(NotMinutesError) as raised:
            _recognized(enclosure, foresee)
        errors.append(str(raised.value))
    assert errors[0] == errors[1]


def test_our_own_tagged_pdf_is_read_twice(tmp_path):
    """A line tagged with a family's section role ("H3" in referat's own PDF) counts as a heading
    depending on the family and on the furniture found later: no foresight, two readings."""
    written = tmp_path / "ballerup.pdf"
    convert.write(convert.read(BALLERUP), "pdf", written)
    spooled = pdf._Spooled(written.read_bytes(), written.name, "never")
    try:
        assert spooled.foreseen() is None
    finally:
        spooled.close()
    again, asked = _recognized(written, lambda spooled: spooled.foreseen())
    assert asked == 2
    assert [item.title for item in again.items] == [item.title for item in convert.read(BALLERUP).items]
