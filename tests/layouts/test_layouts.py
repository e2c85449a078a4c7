"""Every house style of the layout generator (families.py) through every route (the PDF reader,
pdftotext and pdftotext -layout into the text reader) gives back the fields it printed.

TARGET is the issue's bar. Routes that do not reach it yet keep the floor measured now
(``make accuracy`` shows where they stand), so that they cannot fall back unnoticed; OPEN says
which general rule each still lacks. Examples per family: REFERAT_LAYOUT_EXAMPLES (default 3)."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, Phase, given, settings

from tests.layouts import content, families, measure
from tests.layouts.geometry import geometries, set_apart

TARGET = 98.0
EXAMPLES = int(os.environ.get("REFERAT_LAYOUT_EXAMPLES", "3"))
# (family, route) -> floor, for what does not reach TARGET yet, and why.
OPEN: dict[tuple[str, str], tuple[float, str]] = {}


@pytest.mark.parametrize("family", families.FAMILIES, ids=lambda f: f.name)
def test_family_gives_back_its_fields(family):
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],  # rendering is slow: no shrinking, the report says enough
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(content.minutes(), geometries)
    def check(minutes, geometry):
        pdf, expected = families.pdf(minutes, family, geometry)
        for route in measure.ROUTES:
            floor, why = OPEN.get((family.name, route), (TARGET, ""))
            report = measure.measure(pdf, expected, route)
            if os.environ.get("REFERAT_LAYOUT_LOG"):  # for setting floors: every result, one line each
                with open(os.environ["REFERAT_LAYOUT_LOG"], "a", encoding="utf-8") as log:
                    log.write(f"{family.name}\t{route}\t{report.percent:.1f}\n")
                continue
            assert report.percent >= floor, (route, why, report.line(), report.differences[:8])

    check()


@pytest.mark.parametrize("family", families.FAMILIES, ids=lambda f: f.name)
def test_lines_set_apart_come_back(family):
    """A place printed over several lines is the meeting's place, on every route that reaches the
    target (OPEN lists those that do not); short lines set one under another stay paragraphs of
    their own, and every field comes back, on the PDF route."""

    @settings(
        max_examples=EXAMPLES + 1,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(content.minutes(), set_apart)
    def check(minutes, geometry):
        pdf, expected = families.pdf(minutes, family, geometry)
        for route in measure.ROUTES:
            if (family.name, route) in OPEN:
                continue  # the front page is not read right there yet, whatever the place
            report = measure.measure(pdf, expected, route)
            place = [d for d in report.differences if d.startswith("meeting place")]
            assert not place, (route, place)
            if route == "pdf":
                assert report.percent >= TARGET, (report.line(), report.differences[:8])

    check()


def test_short_lines_under_a_short_paragraph_stay_apart():
    """The simplest minutes print no line as wide as the column, so the page's measure says
    nothing: only the line spacing tells the timetable's lines from the paragraph above them."""
    from hypothesis import find

    minutes = find(content.minutes(), lambda m: True)
    geometry = families.Geometry(short=tuple(content.SHORT_LINES[0]))
    for family in families.FAMILIES:
        pdf, expected = families.pdf(minutes, family, geometry)
        report = measure.measure(pdf, expected, "pdf")
        assert report.equal, (family.name, report.differences[:4])


def test_a_family_that_prints_no_document_numbers_expects_none():
    from hypothesis import find

    minutes = find(content.minutes(), lambda m: any(it.attachments for it in m.items))
    lines = next(f for f in families.FAMILIES if f.attachments == "lines")
    _, expected = families.render(minutes, lines, families.Geometry())
    assert all(a.document_id is None for it in expected.items for a in it.attachments)
    ruled = next(f for f in families.FAMILIES if f.attachments == "ruled")
    _, expected = families.render(minutes, ruled, families.Geometry())
    assert all(a.document_id for it in expected.items for a in it.attachments)
