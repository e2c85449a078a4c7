"""The FirstAgenda web page reader on the Aarhus Teknisk Udvalg page (6 items): meeting facts,
every item with its number, title and case number, all the text of each item's ``div.punkt``
in order under its headings, every attachment link; expectations read from the page with lxml
directly. The native dump is a golden file read by eye against the page in a browser."""

from __future__ import annotations

import re

import pytest
from lxml import etree

from convert import canonical
from convert.errors import NotMinutesError
from convert.readers import read, read_bytes, sniff
from tests.conftest import CORPUS
from tests.golden import GOLDEN, check_golden

PAGE = CORPUS / "aarhus" / "aarhus_teknisk-udvalg_referat_2025-10-01.html"


# Bullets typed at a paragraph's start become list items without them: text is compared without.
_BULLET_CHARS = re.compile(
    "[-\u2013\u2022\u00b7\uf0b7\uf0a7\uf076\uf0d8\uf0fc\u25aa\u25cf\u25e6\u2023\u2043\u25a0\u25a1]"
)


def _squash(text: str) -> str:
    return _BULLET_CHARS.sub("", "".join(text.split()))


@pytest.fixture(scope="module")
def page():
    return etree.fromstring(PAGE.read_bytes().decode("utf-8"), etree.HTMLParser())


@pytest.fixture(scope="module")
def minutes():
    return read(PAGE)


def test_meeting(minutes):
    assert sniff(PAGE.read_bytes()) == "firstagenda-html"
    m = minutes.meeting
    assert (m.body, m.date.isoformat(), m.start, m.location) == (
        "Teknisk Udvalg",
        "2025-10-01",
        "15:45",
        "Udvalgsværelse 398",
    )
    assert minutes.source.format == "firstagenda"
    canonical.check(canonical.to_element(minutes), PAGE.name)


def test_items_text_and_attachments_agree_with_the_page(page, minutes):
    rows = page.xpath("//tr[contains(@class, 'punktrow')]")
    assert len(rows) == len(minutes.items) == 6
    for row, item in zip(rows, minutes.items, strict=True):
        assert item.number == "".join(row.xpath("./td[1]//text()")).strip()
        assert item.title == " ".join("".join(row.xpath(".//h2//text()")).split())
        case = row.xpath(".//span[@class='sagsnummer']/text()")
        assert item.case_number == (case[0] if case else None)
        want = _squash("".join(row.xpath(".//div[@class='punkt']//text()")))
        got = "".join(_squash(s.heading) + _squash(_text(s)) for s in item.sections)
        assert got == want
        assert item.sections_of("decision"), item.number
        links = row.xpath(".//a[contains(@class, 'bilag-link')]")
        assert [a.title for a in item.attachments] == [" ".join("".join(a.itertext()).split()) for a in links]
        ids = [re.search(r"bilag/([^/]+)/", a.get("href"))[1] for a in links]
        assert [a.document_id for a in item.attachments] == ids


def _text(section) -> str:
    out = []
    for b in section.blocks:
        if hasattr(b, "rows"):
            out += [c for r in b.rows for c in r]
        elif hasattr(b, "items"):
            out += _li(b)
        else:
            out.append(b.text)
    return "".join(out)


def _li(lst) -> list[str]:
    out = []
    for li in lst.items:
        out.append(li.text)
        if li.sublist:
            out += _li(li.sublist)
    return out


def test_golden_native_dump(minutes):
    check_golden(GOLDEN / "native" / "firstagenda_html_aarhus_teknisk-udvalg_referat_2025-10-01.txt", minutes.pformat())


def test_a_portal_page_without_items_says_so():
    page = b"<html><body><p>publication.firstagenda.com</p><div id='sagsfremstillingContainer'></div></body></html>"
    with pytest.raises(NotMinutesError, match="no agenda items"):
        read_bytes(page, "tom.html")


def test_sniffed_by_content_not_name(tmp_path):
    renamed = tmp_path / "side.txt"
    renamed.write_bytes(PAGE.read_bytes())
    assert len(read(renamed).items) == 6
    assert sniff(b"<html><body>firstagenda</body></html>") != "firstagenda-html"
