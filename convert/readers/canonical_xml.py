"""Reader for referat's own canonical XML (schemas/minutes.xsd): validated, then mapped back."""

from __future__ import annotations

from convert import canonical
from convert.model import Minutes, Source


def read(data: bytes, source: Source) -> Minutes:
    minutes = canonical.from_bytes(data, source.file)
    return minutes
