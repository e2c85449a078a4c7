"""Furniture and the structure tree: a heading the tags name stays content even when it recurs at
the top of pages, as a section heading does when two items happen to start it on a fresh page
(found by the generated-minutes round trip through the Typst engine)."""

from __future__ import annotations

import pytest

from convert.readers.pdf import furniture
from convert.readers.pdf.lines import Line, PageLine


def _pages(role: str | None, artifact: bool = False) -> list[list[PageLine]]:
    pages = []
    for n in range(1, 4):
        rows = [("Teknisk Udvalg 2. januar 2018", 32.5, None, True), ("Bilag", 70.7, role, artifact),
                (f"Tekst {n} om emnet", 400.0, None, False), (f"Side {n} af 3", 794.0, None, True)]
        pages.append([
            PageLine(Line(text, page=n, x0=71.0, x1=300.0, top=top, bottom=top + 10, page_height=841.9, role=tag),
                     marked, False)
            for text, top, tag, marked in rows
        ])
    return pages


@pytest.mark.parametrize(("role", "artifact", "expected"), [
    ("H3", False, None),  # a tagged heading: content
    (None, False, "header"),  # untagged and recurring: a running header, as before
    ("P", False, "header"),  # a tagged paragraph that recurs: still the layout's call
    ("H3", True, "header"),  # marked as an artifact: furniture
])
def test_a_tagged_heading_is_not_a_running_header(role, artifact, expected):
    pages = _pages(role, artifact)
    furniture.mark(pages)
    assert [page[0].line.furniture for page in pages] == ["header"] * 3
    assert [page[1].line.furniture for page in pages] == [expected] * 3
