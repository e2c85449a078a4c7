"""The FirstAgenda JSON reader on every Greve meeting (../shared/corpus/greve/, 288 files).

The expectations are computed from the JSON itself, not by the reader's code: the meeting fields
straight from ``Udvalg``/``Moede``, each item's fields, its attachments, and its text, which is
the HTML parsed by lxml on its own: every heading (h1–h6) must come back in order as a section
heading or subheading, and all the text, headings included, in the same order (compared without
white space, which HTML does not keep as such). The canonical XML is what is checked, after
validation against schemas/minutes.xsd and a round trip to the model."""

from __future__ import annotations

import json
import re
from pathlib import Path

import lxml.html
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from convert import canonical
from convert.errors import InputError
from convert.readers import read, read_bytes, sniff
from tests.conftest import CORPUS
from tests.golden import GOLDEN as GOLDEN_ROOT
from tests.golden import check_golden

GREVE = sorted((CORPUS / "greve").glob("*.json"))
GOLDEN = GOLDEN_ROOT / "native"
HEADINGS = {f"h{n}" for n in range(1, 7)}
INSIDE = HEADINGS | {"td", "th", "li", "caption"}


def _words(text: str) -> str:
    return " ".join(text.split())


# Bullets typed at a paragraph's start become list items without them: text is compared without.
_BULLET_CHARS = re.compile(
    "[-\u2013\u2022\u00b7\uf0b7\uf0a7\uf076\uf0d8\uf0fc\u25aa\u25cf\u25e6\u2023\u2043\u25a0\u25a1]"
)


def _squash(text: str) -> str:
    return _BULLET_CHARS.sub("", "".join(text.split()))


def _html_expectations(fragment: str) -> tuple[list[str], set[str], str]:
    """The headings of an HTML fragment in order, the texts it prints in bold (Word's HTML
    prints headings so), and its whole text, as a browser would show them."""
    if not fragment.strip():
        return [], set(), ""
    root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    etree.strip_elements(root, etree.Comment, "script", "style", with_tail=False)
    # A heading in a heading, a table cell or a list item is part of that one's text.
    outer = [h for h in root.iter(*HEADINGS) if not any(a.tag in INSIDE for a in h.iterancestors())]
    heads = [_words(h.text_content()) for h in outer]
    bold = {_squash(b.text_content()) for b in root.iter("b", "strong")}
    for block in root.iter("p", "div"):  # bold runs side by side: "<b>Økonomi</b><b>:</b>"
        runs = [b for b in block.iter("b", "strong") if not any(a.tag in ("b", "strong") for a in b.iterancestors())]
        bold.add(_squash("".join(b.text_content() for b in runs)))
    return [h for h in heads if h], bold, _squash(root.text_content())


def _headings_agree(got: list[str], want: list[str], bold: set[str]) -> bool:
    """``got`` holds every heading of ``want`` in order, and besides them only bold texts."""
    i = 0
    for text in got:
        if i < len(want) and text == want[i]:
            i += 1
        elif not any(_squash(text) in b for b in bold):  # a line of a bold text broken by <br>
            return False
    return i == len(want)


def _xml_text(section: etree._Element) -> tuple[list[str], str]:
    heads = [section.get("heading")] if section.get("heading") else []
    parts = [section.get("heading") or ""]
    for el in section.iter("p", "subheading", "li", "cell"):
        if el.tag == "subheading":
            heads.append(el.text)
        parts.append(el.text or "")
    return heads, _squash("".join(parts))


def _check_meeting(doc: dict, root: etree._Element) -> None:
    moede, meeting = doc["Moede"], root.find("meeting")
    assert meeting.findtext("body") == _words(doc["Udvalg"]["Navn"])
    assert meeting.findtext("date") == moede["Dato"][:10]
    assert meeting.findtext("start") == moede["MeetingBeginUtc"][11:16]
    assert meeting.findtext("location") == (_words(moede["Sted"]) or None)
    people = [(p.text, p.get("absent") == "true") for p in meeting.iter("person")]
    assert people == [(_words(p["Name"]), p["Absent"] or p["ParticipationCancelled"]) for p in moede["Moededeltagere"]]


def _check_item(raw: dict, item: etree._Element) -> None:
    caption = _words(raw["Caption"])
    closed = caption.startswith("Lukket:")
    assert item.get("number") == raw["Number"]
    assert item.findtext("title") == (caption[len("Lukket:") :].strip() if closed else caption)
    assert item.get("access") == ("closed" if closed else "open")
    assert item.get("caseNumber") == (raw["CaseNumber"] or None)
    away = {a["Reason"] for a in raw["ExternalAgendaItemAttendees"]}
    sections = [s for s in item.findall("section") if s.get("heading") not in away]
    want_heads, bold, want_text = [], set(), ""
    for field in raw["Felter"]:
        heads, bolds, text = _html_expectations(field["Html"])
        want_heads += heads
        bold |= bolds
        want_text += text
    got = [_xml_text(s) for s in sections]
    got_heads = [h for heads, _ in got for h in heads]
    assert _headings_agree(got_heads, want_heads, bold), (got_heads, want_heads)
    assert "".join(text for _, text in got) == want_text
    for s in sections:
        if s.get("heading", "").startswith("Beslutning"):
            assert s.get("kind") == "decision"
    absent = [li.text for s in item.findall("section") if s.get("heading") in away for li in s.iter("li")]
    assert sorted(absent) == sorted(a["Name"] for a in raw["ExternalAgendaItemAttendees"])
    attachments = item.findall("attachments/attachment")
    assert [a.text for a in attachments] == [_words(b["Navn"]) for b in raw["Bilag"]]
    assert [a.get("documentId") for a in attachments] == [b["Id"] for b in raw["Bilag"]]


def test_the_archive_is_there():
    assert len(GREVE) == 288


@pytest.mark.parametrize("path", GREVE, ids=lambda p: p.stem)
def test_greve_meeting_agrees_with_its_json(path: Path):
    doc = json.loads(path.read_text(encoding="utf-8"))
    minutes = read(path)
    root = canonical.to_element(minutes)
    canonical.check(root, path.name)
    assert canonical.from_element(root) == minutes
    assert root.find("source").get("format") == "firstagenda"
    _check_meeting(doc, root)
    items = root.findall("item")
    assert len(items) == len(doc["Dagsordenpunkter"])
    for raw, item in zip(doc["Dagsordenpunkter"], items, strict=True):
        _check_item(raw, item)


def test_sniffed_by_content_not_name(tmp_path):
    data = GREVE[0].read_bytes()
    assert sniff(data) == "firstagenda"
    renamed = tmp_path / "meeting.txt"
    renamed.write_bytes(data)
    assert read(renamed).source.format == "firstagenda"


@pytest.mark.parametrize(
    "doc, reason",
    [
        ({"Dagsordenpunkter": [], "Moede": {}}, "no agenda items"),
        ({"Dagsordenpunkter": "x", "Moede": []}, "unexpected shape"),
        ({"Dagsordenpunkter": [{"Felter": [7]}], "Moede": {}}, "unexpected shape"),
    ],
)
def test_broken_exports_are_one_line_errors(doc, reason):
    with pytest.raises(InputError, match=reason):
        read_bytes(json.dumps(doc).encode(), "broken.json")


# Read by eye against the JSON: a meeting with a closed item and per-item absentees, one with
# tables and numbered lists, one with members away.
GOLDEN_CASES = [
    "greve_oekonomiudvalget_2022-01-10_e049b9bf",
    "greve_klima-teknik-og-miljoeudvalget_2024-03-13_89afa662",
    "greve_oekonomiudvalget_2022-12-12_7cc45fff",
]


@pytest.mark.parametrize("stem", GOLDEN_CASES)
def test_golden_native_dump(stem):
    minutes = read(CORPUS / "greve" / f"{stem}.json")
    check_golden(GOLDEN / f"firstagenda_{stem}.txt", minutes.pformat())


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=12,
)
_FIELDS = ["Number", "Caption", "CaseNumber", "Felter", "Bilag", "ExternalAgendaItemAttendees", "Html",
           "Navn", "Moededeltagere", "Dato", "MeetingBeginUtc", "Sted", "Name", "Absent", "Id", "Reason"]  # fmt: skip


@st.composite
def _export(draw):
    """The export's shape with any values where its fields are."""
    record = st.dictionaries(
        st.sampled_from(_FIELDS), _JSON | st.lists(st.dictionaries(st.sampled_from(_FIELDS), _JSON))
    )
    return {
        "Dagsordenpunkter": draw(st.lists(record, max_size=3) | _JSON),
        "Moede": draw(record | _JSON),
        "Udvalg": draw(st.dictionaries(st.just("Navn"), _JSON) | _JSON),
    }


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_export())
def test_any_values_in_the_export_give_minutes_or_a_one_line_error(doc):
    try:
        minutes = read_bytes(json.dumps(doc).encode(), "random.json")
    except InputError as err:
        assert "\n" not in str(err) and str(err).startswith("random.json: ")
    else:
        canonical.check(canonical.to_element(minutes), "random.json")


def test_fields_the_reader_does_not_map_stay_visible():
    item = {
        "Number": "4",
        "Caption": "Budget",
        "Felter": [{"Navn": "", "Html": "<h3>Beslutning</h3><p>Godkendt.</p>"}],
        "ItemDecision": "<p>Vedtaget <b>enstemmigt</b></p>",
        "Presentations": [{"Title": "Oplæg om budget", "Id": "3a5e6096-6d48-40cf-8ce9-998e4943e363"}],
        "AgendaUid": "3a5e6096-6d48-40cf-8ce9-998e4943e363",
        "Lydfiler": None,
    }
    doc = {"Dagsordenpunkter": [item], "Moede": {"Dato": "2024-01-02T10:00:00+01:00"}, "Udvalg": {"Navn": "Byrådet"}}
    got = read_bytes(json.dumps(doc).encode(), "m.json").items[0]
    assert [(s.heading, s.kind, [b.text for b in s.blocks]) for s in got.sections] == [
        ("Beslutning", "decision", ["Godkendt."]),
        ("ItemDecision", "other", ["Vedtaget enstemmigt"]),
        ("Presentations", "other", ["Oplæg om budget"]),
    ]
