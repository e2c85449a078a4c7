"""House styles nobody wrote down: hypothesis mixes the layout generator's choices freely (item
number, meta beside/under/as a table, access, decision heading, members as list or table,
attachments ruled/unruled/as lines, one or two front-page columns, italic headings) into styles
that are none of the eight families, and the text reader must give back every field from
``pdftotext -layout``; and from raw ``pdftotext`` too where the front page has one column (a raw
extraction of a two-column front page holding a members table scrambles it beyond reading)."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.layouts import content, families, measure
from tests.layouts.geometry import geometries
from tests.layouts.test_layouts import TARGET

EXAMPLES = int(os.environ.get("REFERAT_LAYOUT_EXAMPLES", "3")) * 2

styles = st.builds(
    families.Family,
    name=st.just("unseen"),
    number=st.sampled_from(["{n}.", "Punkt {n}.", "Pkt. {n}", "{n}", "Punkt {n}:"]),
    meta=st.sampled_from(["under", "table", "beside"]),
    access=st.sampled_from(["line", "title", "meta"]),
    decision=st.sampled_from(["in", "genitive", "plain", "boxed"]),
    members=st.sampled_from(["list", "table"]),
    attachments=st.sampled_from(["ruled", "unruled", "lines"]),
    front_columns=st.sampled_from([1, 2]),
    italic_sections=st.booleans(),
)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],  # rendering is slow: no shrinking
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(content.minutes(), styles, geometries)
def test_a_style_of_mixed_choices_gives_back_its_fields_as_text(minutes, style, geometry):
    pdf, expected = families.pdf(minutes, style, geometry)
    routes = ["pdftotext -layout"] + (["pdftotext"] if style.front_columns == 1 else [])
    for route in routes:
        report = measure.measure(pdf, expected, route)
        assert report.percent >= TARGET, (route, style, report.line(), report.differences[:8])
