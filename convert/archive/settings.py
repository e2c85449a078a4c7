"""``referat.toml`` beside an archive: who publishes it, so that no run has to be told again.

    # archive/referat.toml
    name = "Greve Kommune"            # the municipality (as --municipality)
    kommunekode = "253"               # its code at Danmarks Statistik (as --kommunekode)
    base_url = "https://referater.greve.dk/oparl/v1"   # where the open data is published (as --base-url)

The file is looked for in each input folder (and beside each input file); options given on the
command line win over it. TOML: https://toml.io/en/v1.0.0."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from convert.errors import UsageError

NAME = "referat.toml"
KEYS = {"name": "municipality", "municipality": "municipality", "kommunekode": "kommunekode", "base_url": "base_url"}
_CODE = re.compile(r"\d{3}")


def check_code(code: str | None, where: str = "--kommunekode") -> str | None:
    if code is None:
        return None
    code = str(code).strip()
    if not _CODE.fullmatch(code):
        raise UsageError(where, f"a kommunekode is three digits (e.g. 253 for Greve), not {code!r}")
    return code


def find(inputs: list[str]) -> dict[str, str]:
    """The settings of the first ``referat.toml`` in or beside the inputs; {} when there is none."""
    for spec in inputs:
        path = Path(spec)
        folder = path if path.is_dir() else path.parent
        candidate = folder / NAME
        if candidate.is_file():
            return load(candidate)
    return {}


def load(path: Path) -> dict[str, str]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(str(path), f"cannot read the archive's settings: {' '.join(str(exc).split())}") from None
    unknown = sorted(set(data) - set(KEYS))
    if unknown:
        raise UsageError(str(path), f"unknown setting {unknown[0]!r}; known: {', '.join(sorted(KEYS))}")
    out = {KEYS[k]: str(v).strip() for k, v in data.items() if str(v).strip()}
    if "kommunekode" in out:
        out["kommunekode"] = check_code(out["kommunekode"], str(path))
    return out
