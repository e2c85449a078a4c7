"""The writers' registry: one row per output format.

Each writer is one module ``convert/writers/<name>.py`` exposing ``write(minutes, dest, options)``
and a frozen ``Options`` dataclass; a writer that can merge many documents into one output
(``--combine``) also exposes ``write_combined(minutes_list, dest, options)``. Writers read the
model only: no writer imports another writer or a reader. ``convert.write`` handles atomic
output (temporary name, then rename), so a writer simply writes ``dest``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from importlib import import_module


@dataclass(frozen=True)
class Format:
    name: str
    extension: str  # appended to the input's stem: x.xml, x.oparl.json
    module: str
    binary: bool
    description: str


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("xml", ".xml", "convert.writers.xml", False, "canonical XML (schemas/minutes.xsd)"),
        Format("json", ".json", "convert.writers.json", False, "canonical JSON (schemas/minutes.schema.json)"),
        Format("docx", ".docx", "convert.writers.docx", True, "Word document"),
        Format("xlsx", ".xlsx", "convert.writers.xlsx", True, "Excel workbook for councillors"),
        Format("pdf", ".pdf", "convert.writers.pdf", True, "accessible PDF (PDF/UA-1)"),
        Format("oparl", ".oparl.json", "convert.writers.oparl", False, "OParl 1.1 JSON"),
        Format("akn", ".akn.xml", "convert.writers.akoma", False, "Akoma Ntoso 3.0 XML"),
    )
}


def module(fmt: str):
    return import_module(FORMATS[fmt].module)


def installed(fmt: str | None = None):
    """Whether the writer of ``fmt`` can be loaded here; without ``fmt``, the formats that can."""
    if fmt is None:
        return [f for f in FORMATS if installed(f)]
    try:
        module(fmt)
    except ImportError:
        return False
    return True


def options_for(fmt: str, settings: dict | None):
    """Build the writer's own Options from the settings that apply to it; ignore the rest."""
    mod = module(fmt)
    cls = getattr(mod, "Options", None)
    if cls is None:
        return None
    names = {f.name for f in dataclasses.fields(cls)}
    return cls(**{k: v for k, v in (settings or {}).items() if k in names and v is not None})


def can_combine(fmt: str) -> bool:
    return hasattr(module(fmt), "write_combined")
