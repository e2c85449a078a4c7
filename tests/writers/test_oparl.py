"""OParl 1.1 writer: every output validates against the official Draft-07 schemas, format checks on."""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft7Validator, FormatChecker
from referencing import Registry, Resource

import convert
from convert.errors import OutputError
from convert.model import Attachment, Item, Minutes, Paragraph, Section, Source
from convert.writers import oparl
from tests import strategies
from tests.conftest import SHARED

SCHEMAS = SHARED / "standards" / "oparl-1.1" / "schema-draft7"
TYPE = "https://schema.oparl.org/1.1/"
# The spec (chapter "Schema") makes these mandatory lists, so [] is the correct empty value.
EMPTY_ALLOWED = {"legislativeTerm", "data"}


@cache
def validators() -> dict[str, Draft7Validator]:
    resources = []
    for path in sorted(SCHEMAS.glob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        # The schemas refer to each other as "File.json" relative to their $id.
        resources.append((schema["$id"] + ".json", Resource.from_contents(schema)))
    registry = Registry().with_resources(resources)
    checker = FormatChecker()  # includes date-time through rfc3339-validator

    @checker.checks("url")
    def is_url(value) -> bool:
        if not isinstance(value, str):
            return True
        parts = urlsplit(value)
        return parts.scheme in ("http", "https") and bool(parts.netloc) and not any(c.isspace() for c in value)

    assert checker.conforms("2021-06-01T13:00:00+02:00", "date-time")
    assert not checker.conforms("2021-06-01 13:00", "date-time")
    return {
        path.stem: Draft7Validator(
            json.loads(path.read_text(encoding="utf-8")), registry=registry, format_checker=checker
        )
        for path in sorted(SCHEMAS.glob("*.json"))
    }


def oparl_objects(node, path="$"):
    """Every OParl object in a document, wherever it is embedded, with its JSON path."""
    if isinstance(node, dict):
        if isinstance(node.get("type"), str) and node["type"].startswith(TYPE):
            yield path, node
        for key, value in node.items():
            yield from oparl_objects(value, f"{path}.{key}")
    elif isinstance(node, list):
        for n, value in enumerate(node):
            yield from oparl_objects(value, f"{path}[{n}]")


def check_document(doc, base: str = oparl.DEFAULT_BASE_URL) -> list[dict]:
    """Validate every object against its own schema and the spec's rules the schemas miss."""
    objects = list(oparl_objects(doc))
    assert objects
    ids = [obj["id"] for _, obj in objects]
    assert len(ids) == len(set(ids)), "ids must be unique"
    for path, obj in objects:
        kind = obj["type"][len(TYPE) :]
        errors = sorted(validators()[kind].iter_errors(obj), key=str)
        assert not errors, f"{path} ({kind}): {errors[0].message}"
        # The spec (3-01) makes created/modified mandatory in 1.1; the schemas do not.
        assert "created" in obj and "modified" in obj, path
        assert obj["created"] <= obj["modified"] or kind in ("System", "Body")
        assert obj["id"].startswith(base + "/") or obj["id"] == base
    check_no_empty(doc)
    return [obj for _, obj in objects]


def check_no_empty(node, key="$"):
    assert node is not None, f"{key} is null"
    if isinstance(node, str):
        assert node.strip(), f"{key} is empty"
    elif isinstance(node, list):
        assert node or key in EMPTY_ALLOWED, f"{key} is an empty list"
        for value in node:
            check_no_empty(value, key)
    elif isinstance(node, dict):
        assert node, f"{key} is an empty object"
        for k, value in node.items():
            check_no_empty(value, k)


def write(minutes: Minutes, tmp_path: Path, **settings) -> dict:
    dest = convert.write(minutes, "oparl", tmp_path / "out.oparl.json", **settings)
    return json.loads(dest.read_text(encoding="utf-8"))


def write_all(minutes_list, tmp_path: Path, **settings) -> dict:
    dest = convert.write_combined(minutes_list, "oparl", tmp_path / "all.oparl.json", **settings)
    return json.loads(dest.read_text(encoding="utf-8"))


def test_sample_validates_and_keeps_meaning(minutes_sample, tmp_path):
    doc = write(minutes_sample, tmp_path)
    check_document(doc)
    assert doc["type"] == TYPE + "Meeting"
    assert doc["start"] == "2021-06-01T13:00:00+02:00"
    assert doc["location"]["description"] == "Rådhuset"
    org = doc["referat:organization"]
    assert doc["organization"] == [org["id"]] and org["name"] == "Direktionen"
    assert org["id"] == "https://example.invalid/oparl/v1/organization/norddjurs-kommune-direktionen"
    first, closed = doc["agendaItem"]
    assert (first["order"], first["number"], first["name"], first["public"]) == (1, "1", "Punkter til behandling", True)
    assert first["resolutionText"] == "Årsplan\n\nDrøftet."
    assert "result" not in first  # the decision opens with a subheading, not a stock phrase
    assert first["referat:caseNumber"] == "2011-29298"
    # Only the open Bilag is published; the closed one ("Lukket") is left out.
    (bilag,) = first["auxiliaryFile"]
    assert bilag["name"] == "Årshjul 2021" and bilag["referat:documentId"] == "3011525"
    assert bilag["accessUrl"] == bilag["id"] + "/content"
    assert "Notat" not in json.dumps(doc, ensure_ascii=False)
    # A closed item is listed by number and title, and nothing else.
    assert closed["public"] is False and closed["name"] == "Køb af ejendom"
    assert not {"resolutionText", "result", "auxiliaryFile", "referat:section", "referat:caseNumber"} & set(closed)


def test_output_is_reproducible_and_base_url_is_used(minutes_sample, tmp_path):
    a = (convert.write(minutes_sample, "oparl", tmp_path / "a.json")).read_bytes()
    b = (convert.write(minutes_sample, "oparl", tmp_path / "b.json")).read_bytes()
    assert a == b
    doc = write(minutes_sample, tmp_path, base_url="https://data.norddjurs.dk/oparl/")
    check_document(doc, base="https://data.norddjurs.dk/oparl")
    assert doc["id"] == "https://data.norddjurs.dk/oparl/meeting/norddjurs-kommune-direktionen/2021-06-01"


@pytest.mark.parametrize("bad", ["data.norddjurs.dk", "ftp://x.dk/o", "https://", "https://x.dk/o p"])
def test_bad_base_url_is_a_user_error(minutes_sample, tmp_path, bad):
    with pytest.raises(OutputError, match="base URL"):
        convert.write(minutes_sample, "oparl", tmp_path / "x.json", base_url=bad)


@pytest.mark.parametrize(
    ("text", "result"),
    [
        ("Godkendt.", "godkendt"),
        ("Indstillingen anbefales. Fraværende: Per Hansen.", "anbefalet"),
        ("Taget til efterretning", "taget til efterretning"),
        ("Godkendt med den ændring, at beløbet nedsættes.", None),
        ("Udvalget besluttede at udsætte sagen.", None),
    ],
)
def test_result_only_for_stock_phrases(text, result):
    assert oparl.decision_result(Section("decision", "Beslutning", [Paragraph(text)])) == result


def test_hostile_text_survives(tmp_path):
    nasty = 'A & B <b>"x"</b> \x00\x07\x1b ]]> \u2028 \\ æøå'
    minutes = Minutes(
        source=Source(file="x.txt", format="text", sha256="0" * 64),
        items=[
            Item(
                "1",
                nasty,
                sections=[Section("decision", nasty, [Paragraph(nasty)])],
                attachments=[Attachment("1", nasty + ".pdf"), Attachment("2", 'Notat & "<bilag>".DOCX')],
            )
        ],
    )
    doc = write(minutes, tmp_path)
    check_document(doc)
    item = doc["agendaItem"][0]
    # characters XML cannot carry are U+FFFD in every format alike (convert.clean), JSON too
    shown = nasty.replace("\x00", "\ufffd").replace("\x07", "\ufffd").replace("\x1b", "\ufffd").strip()
    assert item["name"] == shown and item["resolutionText"] == shown
    # A "/" cannot be in a file name, so that title stays a name only.
    assert "fileName" not in item["auxiliaryFile"][0]
    assert item["auxiliaryFile"][1]["fileName"] == 'Notat & "<bilag>".DOCX'
    assert item["auxiliaryFile"][1]["mimeType"].endswith("wordprocessingml.document")
    assert doc["created"] == "1970-01-01T00:00:00+00:00"  # no date: the documented fallback


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(minutes=strategies.minutes)
def test_random_models_validate(minutes, tmp_path):
    doc = write(minutes, tmp_path)
    objects = check_document(doc)
    items = doc.get("agendaItem", [])
    assert [i["order"] for i in items] == list(range(1, len(minutes.items) + 1))
    for item, model in zip(items, minutes.items, strict=True):
        assert item["public"] == (model.access == "open")
        files = item.get("auxiliaryFile", [])
        assert len(files) == sum(a.access == "open" for a in model.attachments) * (model.access == "open")
    assert sum(o["type"] == TYPE + "File" for o in objects) == 1 + sum(len(i.get("auxiliaryFile", [])) for i in items)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(minutes_list=st.lists(strategies.minutes, min_size=1, max_size=4))
def test_random_combined_validate(minutes_list, tmp_path):
    doc = write_all(minutes_list, tmp_path)
    check_document(doc)
    base = oparl.DEFAULT_BASE_URL
    assert doc[base]["type"] == TYPE + "System" and doc[base]["body"] == base + "/body"
    meetings = [m for body in doc[base + "/body"]["data"] for m in doc[body["meeting"]]["data"]]
    assert len(meetings) == len(minutes_list)
    for body in doc[base + "/body"]["data"]:
        for kind in ("organization", "person", "meeting", "paper"):
            page = doc[body[kind]]
            assert page["pagination"]["totalElements"] == len(page["data"])


def test_real_inputs_validate(real_minutes, tmp_path):
    for n, minutes in enumerate(real_minutes):
        doc = write(minutes, tmp_path / str(n))
        check_document(doc)
        assert len(doc["agendaItem"]) == len(minutes.items)
        assert doc["referat:date"] == minutes.meeting.date.isoformat()


def test_seeds_combined(real_minutes, tmp_path):
    doc = write_all(real_minutes, tmp_path)
    check_document(doc)
    base = oparl.DEFAULT_BASE_URL
    listed = [m for b in doc[base + "/body"]["data"] for m in doc[b["meeting"]]["data"]]
    assert len(listed) == len(real_minutes)
    starts = [m["start"] for m in listed]
    seed_dates = {m.meeting.date for m in real_minutes}
    assert {dt.date(2021, 6, 1), dt.date(2022, 10, 12)} <= seed_dates
    assert starts == sorted(starts)  # stable order, as the spec requires of lists


def test_duplicate_meetings_get_distinct_ids(minutes_sample, tmp_path):
    doc = write_all([minutes_sample, minutes_sample], tmp_path)
    check_document(doc)
    page = next(v for k, v in doc.items() if k.endswith("/meeting"))
    assert [m["id"].rsplit("/", 1)[1] for m in page["data"]] == ["2021-06-01", "2021-06-01-2"]


def test_lettered_list_prints_its_letters(minutes_sample, tmp_path):
    from convert.model import ListBlock, ListItem

    lst = ListBlock([ListItem("Godkendes."), ListItem("Afholdes.")], True, style="upper-alpha", delimiter=")")
    minutes_sample.items[0].sections_of("decision")[0].blocks = [lst]
    first = write(minutes_sample, tmp_path)["agendaItem"][0]
    assert first["resolutionText"] == "A) Godkendes.\nB) Afholdes."
    assert oparl.plain_text([ListBlock([ListItem("x")], True, style="lower-alpha", delimiter=".")]) == "a. x"
