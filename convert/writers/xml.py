"""Writer for canonical XML (schemas/minutes.xsd); the mapping itself lives in convert.canonical."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from convert import canonical
from convert.model import Minutes


@dataclass(frozen=True)
class Options:
    validate: bool = True


def write(minutes: Minutes, dest: Path, options: Options | None = None) -> None:
    options = options or Options()
    with open(dest, "wb") as out:  # one item's XML at a time: a long document is never held twice
        canonical.write(minutes, out, str(dest) if options.validate else None)
