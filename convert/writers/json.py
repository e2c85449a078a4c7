"""Writer for canonical JSON (schemas/minutes.schema.json); the mapping lives in convert.jsonform."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from convert import jsonform
from convert.model import Minutes


@dataclass(frozen=True)
class Options:
    validate: bool = True


def write(minutes: Minutes, dest: Path, options: Options | None = None) -> None:
    options = options or Options()
    doc = jsonform.to_dict(minutes)
    if options.validate:
        jsonform.check(doc, str(dest))
    Path(dest).write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
