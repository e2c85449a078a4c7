"""Hypothesis strategy for the geometry a family is printed in: serif or sans, 9-12 pt, running
headers at the top, footers at the bottom, or both."""

from __future__ import annotations

from hypothesis import strategies as st

from tests.layouts.families import Geometry

geometries = st.builds(
    Geometry,
    serif=st.booleans(),
    size=st.sampled_from([9.0, 10.0, 11.0, 12.0]),
    header=st.sampled_from(["top", "bottom", "both"]),
)
