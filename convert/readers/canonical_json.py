"""Reader for referat's own canonical JSON (schemas/minutes.schema.json)."""

from __future__ import annotations

import json

from convert import jsonform
from convert.errors import InputError
from convert.model import Minutes, Source


def read(data: bytes, source: Source) -> Minutes:
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(source.file, f"not valid JSON: {exc}") from None
    except RecursionError:  # Python's parser recurses once per level of nesting
        raise InputError(source.file, "JSON nested too deeply to be minutes") from None
    if not isinstance(doc, dict):
        raise InputError(source.file, "JSON is not a referat minutes document")
    jsonform.check(doc, source.file)
    return jsonform.from_dict(doc)
