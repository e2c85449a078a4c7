"""The text reader on the two seeds (Acadre extractions, ../shared/seeds): each quirk the issue
names, goldens in native and canonical form (checked by eye against the seed text), no word lost,
and the issue's done-when: ``referat convert seeds --to xml,json`` writes valid documents holding
body, date, item, sections, decision and every attachment as printed."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest

import convert
from convert import canonical, jsonform
from convert.model import ListBlock, Paragraph, Subheading
from convert.readers.text import decode
from tests.conftest import ROOT, SEEDS
from tests.golden import GOLDEN, check_golden
from tests.lossless import assert_lossless

S000, S002 = SEEDS
assert (S000.name, S002.name) == ("000_d3520b4ddfb38023.txt", "002_7da3d259022c96e5.txt")


@pytest.fixture(scope="module")
def m000():
    return convert.read(S000)


@pytest.fixture(scope="module")
def m002():
    return convert.read(S002)


def _all_text(minutes) -> str:
    return canonical.to_bytes(minutes).decode("utf-8")


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_golden_native(seed):
    check_golden(GOLDEN / "native" / f"text_{seed.stem}.txt", convert.read(seed).pformat())


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_golden_canonical(seed):
    check_golden(GOLDEN / "canonical" / f"text_{seed.stem}.xml", canonical.to_bytes(convert.read(seed)))


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_nothing_lost(seed):
    assert_lossless(decode(seed.read_bytes(), seed.name), convert.read(seed))


def test_one_open_item_titled_as_printed(m000, m002):
    for m in (m000, m002):
        (item,) = m.items
        assert (item.number, item.title, item.access, item.access_label) == (
            None, "Punkter til behandling", "open", "Åben Sag",
        )  # fmt: skip
        assert item.label is None  # no number printed, and none made up
        assert [(s.kind, s.heading) for s in item.sections] == [
            ("route", "Sagsgang"),
            ("presentation", "Sagsfremstilling"),
            ("recommendation", "Indstilling"),
            ("decision", f"Beslutning i Direktionen den {m.meeting.date:%d-%m-%Y}"),
        ]
        assert item.sections[0].blocks == [Paragraph("DIR")]


def test_body_and_date_from_the_running_header(m000):
    assert (m000.meeting.body, m000.meeting.date) == ("Direktionen", dt.date(2021, 6, 1))
    assert [(r.page, r.kind, r.text) for r in m000.furniture] == [(1, "header", "Direktionen 01-06-2021")]


def test_body_and_date_from_the_decision_when_page_one_has_no_header(m002):
    assert (m002.meeting.body, m002.meeting.date) == ("Direktionen", dt.date(2022, 10, 12))
    (decision,) = m002.items[0].sections_of("decision")
    assert (decision.body, decision.date) == ("Direktionen", dt.date(2022, 10, 12))


def test_page_header_in_mid_sentence_is_furniture_and_the_sentence_goes_on(m002):
    assert [(r.page, r.kind, r.text) for r in m002.furniture] == [(2, "header", "Direktionen 12-10-2022")]
    text = _all_text(m002)
    assert "organisationen. Direktionen drøfter og behandler produktet som blev udarbejdet" in text
    assert text.count("12-10-2022") == 2  # the decision heading and the furniture record, nowhere else


def test_hard_wrapped_lines_reflow_into_paragraphs(m000):
    blocks = m000.items[0].sections_of("presentation")[0].blocks
    paragraphs = [b.text for b in blocks if isinstance(b, Paragraph)]
    assert len(paragraphs) == 6  # five paragraphs separated by a line holding a space, then the lead-in
    assert paragraphs[0].startswith("I økonomiaftalen mellem regeringen og KL for 2019 understreges kommunernes ")
    assert "rolle mht. at implementere verdensmålene" in paragraphs[0]
    assert paragraphs[0].endswith("som ramme for Region Midtjyllands udviklingsstrategi.")
    assert paragraphs[-1] == "Direktionen har følgende øvrige punkter til behandling:"
    assert all("  " not in p and p == p.strip() for p in paragraphs)


def test_bullets_become_nested_lists(m000):
    blocks = m000.items[0].sections_of("presentation")[0].blocks
    (lst,) = [b for b in blocks if isinstance(b, ListBlock)]
    assert not lst.ordered and len(lst.items) == 4
    # the first two bullets were printed on one line: two items, not one
    assert lst.items[0].text == "Direktionens årsplan samt den strategiske udmøntningsplan (bilag vedlagt)."
    assert lst.items[0].sublist is None
    assert lst.items[1].text.startswith("Orientering om program for virtuelt chefforumseminar d. 3. juni.")
    assert [li.text for li in lst.items[1].sublist.items] == [
        "Covid-19",
        "Lokale styrkepositioner",
        "HR og ledelse",
        "Samskabelse og processer for involvering",
    ]
    assert len(lst.items[2].sublist.items) == 5 and lst.items[3].sublist is None


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_no_private_use_bullet_survives(seed):
    minutes = convert.read(seed)
    assert "\uf0b7" not in _all_text(minutes) and "\uf0b7" not in jsonform.dumps(minutes)
    assert "\uf0b7" not in minutes.pformat()


def test_decision_repeats_the_points_each_with_its_outcome(m000, m002):
    (d000,) = m000.items[0].sections_of("decision")
    assert d000.blocks[:2] == [
        Subheading("Direktionens årsplan samt den strategiske udmøntningsplan"),
        Paragraph("Drøftet."),
    ]
    heads = [b.text for b in d000.blocks if isinstance(b, Subheading)]
    assert heads[-1] == "Dialogmøde med chef for velfærdssekretariatet Marie-Louise Ifversen."
    assert d000.blocks[-1].text.startswith("Direktionen kvitterede for en positiv dialog")
    (d002,) = m002.items[0].sections_of("decision")
    kinds = [type(b).__name__ for b in d002.blocks]
    assert kinds == ["Subheading", "Paragraph"] * 3
    assert d002.blocks[2:4] == [
        Subheading("Kommende udbud af ERP-system."),
        Paragraph(
            "Sagen blev drøftet i direktionen. Økonomichef Bettina Andersen deltog under punktet. Der bliver "
            "indgået aftale med leverandør om at bistå i processen. Der forventes en betydelig involvering fra "
            "medarbejderne i organisationen. Der ansættes en projektleder på en 2-årig kontrakt, jf. budgetaftalen."
        ),
    ]


def test_attachments_as_printed(m000, m002):
    rows = [(a.number, a.access, a.access_label, a.document_id, a.case_number, a.marker, a.title)
            for a in m000.items[0].attachments]  # fmt: skip
    assert rows == [
        ("1", "open", "Åben", "3011525", "8725/21", "H", "Årshjul 2021"),
        ("2", "open", "Åben", "2964952", "160075/20", "H", "Strategisk udmøntningsplan"),
        ("3", "open", "Åben", "3094636", "79345/21", "H", "Tættere på - flere uddannelser og stærke lokalsamfund"),
        ("4", "open", "Åben", "3094639", "79348/21", "H", "Oplæg til dialogmøde med direktionen"),
    ]
    rows = [(a.number, a.access, a.access_label, a.document_id, a.case_number, a.marker, a.title)
            for a in m002.items[0].attachments]  # fmt: skip
    assert rows == [
        ("1", "open", "Åben", "3366958", "132893/22", "H",
         "TRIO-stormøde - Fremtidige arbejdsfælleskaber - den fælles retning UDKAST 10-10-2022.pptx"),
        ("2", "open", "Åben", "3366957", "132892/22", "H",
         "TRIO-stormøde - Opsamling og fremtidsperspektiver på baggrund af covid-19.DOCX"),
        ("3", "open", "Åben", "3366952", "132889/22", "H", "Dagsordenspunkt_TRIO-stormøde HU ØK KB.docx"),
        ("4", "open", "Åben", "3366286", "132264/22", "H", "Udbud af ERP systemer - notat til direktionen.docx"),
        ("5", "closed", "Lukket", None, None, None, "Politisk styregruppe afrapportering 4 okt.pdf"),
        ("6", "closed", "Lukket", None, None, None, "Vedr. socialområdet - Notat _fortrolig 10.10.2022.docx"),
    ]  # fmt: skip


# ------------------------------------------------------------------ done when (issue 2)


def test_done_when_convert_seeds_to_xml_and_json(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "convert", "convert", *map(str, SEEDS), "--to", "xml,json", "--out", str(tmp_path)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    expected = {
        S000.stem: ("2021-06-01", ["1", "2", "3", "4"]),
        S002.stem: ("2022-10-12", ["1", "2", "3", "4", "5", "6"]),
    }
    for stem, (date, numbers) in expected.items():
        xml = canonical.validate(tmp_path / f"{stem}.xml")  # raises unless valid against minutes.xsd
        data = json.loads((tmp_path / f"{stem}.json").read_text(encoding="utf-8"))
        jsonform.check(data, stem)
        assert jsonform.from_dict(data) == xml
        assert (xml.meeting.body, xml.meeting.date.isoformat()) == ("Direktionen", date)
        (item,) = xml.items
        assert (item.title, item.access) == ("Punkter til behandling", "open")
        assert [s.kind for s in item.sections] == ["route", "presentation", "recommendation", "decision"]
        decision = item.sections[-1]
        assert decision.date.isoformat() == date and decision.body == "Direktionen"
        assert [a.number for a in item.attachments] == numbers
        for a in item.attachments:
            assert a.access in ("open", "closed") and a.access_label in ("Åben", "Lukket")
            if a.access == "open":  # a closed attachment prints "() ()": no document or case number
                assert a.document_id.isdigit() and a.case_number.count("/") == 1
        printed = decode((S000 if stem == S000.stem else S002).read_bytes(), stem)
        for a in item.attachments:
            if a.document_id:
                assert a.document_id in printed and f"({a.case_number}) ({a.marker})" in printed
