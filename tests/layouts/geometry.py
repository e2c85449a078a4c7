"""Hypothesis strategies for the geometry a family is printed in: serif or sans, 9-12 pt, running
headers at the top, footers at the bottom, or both (``geometries``); and the same with lines set
apart (``set_apart``): the place over several lines (venue, street, postcode and town), and short
lines set one under another (a timetable, an address, names) after the first presentation. They
are kept apart so that the examples of ``geometries`` stay those the floors were measured on."""

from __future__ import annotations

from hypothesis import strategies as st

from tests.layouts.content import PLACES, SHORT_LINES
from tests.layouts.families import Geometry

geometries = st.builds(
    Geometry,
    serif=st.booleans(),
    size=st.sampled_from([9.0, 10.0, 11.0, 12.0]),
    header=st.sampled_from(["top", "bottom", "both"]),
)
set_apart = st.builds(
    Geometry,
    serif=st.booleans(),
    size=st.sampled_from([9.0, 10.0, 11.0, 12.0]),
    header=st.sampled_from(["top", "bottom", "both"]),
    place=st.sampled_from(PLACES),
    short=st.sampled_from([tuple(lines) for lines in SHORT_LINES]),
)
