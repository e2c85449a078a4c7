"""referat: municipal meeting minutes into open, accessible formats.

import convert
minutes = convert.read("referat.pdf")          # any reader, sniffed from the content
convert.write(minutes, "docx", "out/referat.docx")
convert.validate("out/referat.xml")            # canonical XML against schemas/minutes.xsd
"""

from __future__ import annotations

from pathlib import Path

from convert.canonical import validate
from convert.errors import InputError, NotMinutesError, OutputError, ReferatError, ValidationError
from convert.model import Minutes
from convert.readers import read

__version__ = "0.1.0"
__all__ = [
    "InputError",
    "Minutes",
    "NotMinutesError",
    "OutputError",
    "ReferatError",
    "ValidationError",
    "read",
    "validate",
    "write",
    "write_combined",
]


def write(minutes: Minutes, fmt: str, dest: str | Path, **settings) -> Path:
    """Write ``minutes`` as ``fmt`` (a name in ``convert.writers.FORMATS``) to ``dest``, atomically.

    ``settings`` are handed to the writer's own Options where it has a field of that name."""
    from convert import writers
    from convert.archive.output import atomic_write

    if fmt not in writers.FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(writers.FORMATS)}")
    mod = writers.module(fmt)
    options = writers.options_for(fmt, settings)
    return atomic_write(dest, lambda tmp: mod.write(minutes, tmp, options))


def write_combined(minutes_list: list[Minutes], fmt: str, dest: str | Path, **settings) -> Path:
    """Write many documents into one output (XLSX with every item, an OParl System/Body, ...)."""
    from convert import writers
    from convert.archive.output import atomic_write

    if not writers.can_combine(fmt):
        raise ValueError(f"format {fmt!r} cannot combine several documents into one")
    mod = writers.module(fmt)
    options = writers.options_for(fmt, settings)
    return atomic_write(dest, lambda tmp: mod.write_combined(minutes_list, tmp, options))
