"""Canonical JSON: same content as the XML, valid against its JSON Schema, and read back."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings

from convert import jsonform, readers
from convert.errors import ValidationError
from tests import strategies


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(strategies.minutes)
def test_model_json_model_is_identity_and_valid(minutes):
    doc = json.loads(jsonform.dumps(minutes))
    jsonform.check(doc)
    assert jsonform.from_dict(doc) == minutes


def test_json_file_is_read_back_by_content(minutes_sample, tmp_path):
    path = tmp_path / "doc.data"  # the name says nothing: the reader is chosen by content
    path.write_text(jsonform.dumps(minutes_sample), encoding="utf-8")
    back = readers.read(path)
    assert back.items == minutes_sample.items
    assert back.meeting == minutes_sample.meeting


def test_schema_violation_names_the_place(minutes_sample):
    doc = jsonform.to_dict(minutes_sample)
    doc["items"][0]["access"] = "secret"
    with pytest.raises(ValidationError, match="items/0/access"):
        jsonform.check(doc, "x.json")
