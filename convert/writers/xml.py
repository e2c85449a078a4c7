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
    root = canonical.to_element(minutes)
    if options.validate:
        canonical.check(root, str(dest))
    Path(dest).write_bytes(canonical.serialise(root))
