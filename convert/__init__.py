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

    ``settings`` are handed to the writer's own Options where it has a field of that name;
    ``municipality`` names the authority of minutes that do not print one (``with_municipality``)."""
    from convert import writers
    from convert.archive.output import atomic_write

    if fmt not in writers.FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(writers.FORMATS)}")
    from convert import clean

    mod = writers.module(fmt)
    options = writers.options_for(fmt, settings)
    minutes = clean.model(with_municipality(minutes, settings.get("municipality")))
    return atomic_write(dest, lambda tmp: mod.write(minutes, tmp, options))


def write_combined(minutes_list: list[Minutes], fmt: str, dest: str | Path, **settings) -> Path:
    """Write many documents into one output (XLSX with every item, an OParl System/Body, ...)."""
    from convert import writers
    from convert.archive.output import atomic_write

    if not writers.can_combine(fmt):
        raise ValueError(f"format {fmt!r} cannot combine several documents into one")
    from convert import clean

    mod = writers.module(fmt)
    options = writers.options_for(fmt, settings)
    minutes_list = [clean.model(m) for m in minutes_list]
    return atomic_write(dest, lambda tmp: mod.write_combined(minutes_list, tmp, options))


def with_municipality(minutes: Minutes, name: str | None) -> Minutes:
    """The minutes with ``name`` as their authority where they print none: the OParl Body, the
    Akoma Ntoso FRBR names and every id built from the authority then say whose minutes they are,
    so two municipalities' "Økonomiudvalget" of the same day never share an id."""
    name = (name or "").strip()
    if not name or minutes.meeting.authority:
        return minutes
    import dataclasses

    return dataclasses.replace(minutes, meeting=dataclasses.replace(minutes.meeting, authority=name))
