"""Where the schemas and templates are, in a source checkout and in an installed wheel.

The wheel carries ``schemas/`` and ``templates/`` inside the package as ``convert/_data/``
(see pyproject.toml); a checkout or editable install uses the folders at the project's root."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def resource(relative: str) -> Path:
    """Path of ``schemas/...`` or ``templates/...``."""
    for base in (_PACKAGE / "_data", _PACKAGE.parent):
        candidate = base / relative
        if candidate.exists():
            return candidate
    raise FileNotFoundError(f"referat is missing its data file {relative!r}; reinstall the package")
