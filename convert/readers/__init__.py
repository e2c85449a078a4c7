"""Readers: bytes in, ``Minutes`` out. The format is sniffed from the content, not the name.

Each reader module exposes ``read(data: bytes, source: Source) -> Minutes``."""

from __future__ import annotations

import hashlib
import inspect
from importlib import import_module
from pathlib import Path

from convert.errors import InputError, NotMinutesError
from convert.model import Minutes, Source
from convert.readers import kinds

# format -> module holding read(data, source)
READERS = {
    "pdf": "convert.readers.pdf",
    "xml": "convert.readers.canonical_xml",
    "json": "convert.readers.canonical_json",
    "text": "convert.readers.text",
    "edoc": "convert.readers.edoc",
    "sbsys": "convert.readers.sbsys",
    "docx": "convert.readers.docx",
    "doc": "convert.readers.word97",
    "firstagenda": "convert.readers.firstagenda",
    "firstagenda-html": "convert.readers.firstagenda_html",
}
# Formats that carry the people part themselves; every other reader's items have it read from
# their decision text after recognition (convert/readers/grammar/people.py, issue 13).
CARRY_PEOPLE = {"xml", "json"}

# A FirstAgenda portal's meeting page: its item rows, the container of an item's text.
_FIRSTAGENDA_PAGE = (b"punktrow", b"sagsfremstillingContainer")


def sniff(data: bytes) -> str:
    """Which reader a file's bytes are for."""
    head = data[:1024]
    binary = kinds.binary_format(data)  # by magic at the start: a ZIP holding a PDF is a ZIP
    if binary:
        return binary
    if b"%PDF-" in head:
        return "pdf"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"{") and all(b'"%s"' % k in data for k in (b"Dagsordenpunkter", b"Moede")):
        return "firstagenda"
    if stripped[:1] == b"<" and b"firstagenda" in data.lower() and any(m in data for m in _FIRSTAGENDA_PAGE):
        return "firstagenda-html"
    if stripped.startswith(b"<?xml") or (kinds.is_markup(data) and not kinds.is_html(data)):
        return kinds.xml_format(data)
    if stripped.startswith(b"{") and b'"version"' in data[:4096]:
        return "json"
    if kinds.is_html(data) or kinds.is_json(data):
        return kinds.UNKNOWN
    return "text"


def read_bytes(data: bytes, name: str, fmt: str | None = None, **options) -> Minutes:
    """``options`` (e.g. ``ocr="auto"``) go to the readers that take them; the others ignore them."""
    fmt = fmt or sniff(data)
    if fmt == kinds.UNKNOWN:
        raise NotMinutesError(name, kinds.describe(data))
    if fmt not in READERS:
        raise InputError(name, f"no reader for format {fmt!r}")
    source = Source(file=name, format=fmt, sha256=hashlib.sha256(data).hexdigest())
    reader = import_module(READERS[fmt]).read
    taken = inspect.signature(reader).parameters
    minutes = reader(data, source, **{k: v for k, v in options.items() if k in taken and v is not None})
    if fmt not in CARRY_PEOPLE:
        from convert.readers.grammar.people import read_people

        read_people(minutes)
    return minutes


def read(path: str | Path, fmt: str | None = None, **options) -> Minutes:
    path = Path(path)
    if path.is_dir():
        raise InputError(str(path), "is a folder, not a file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read file: {exc.strerror or exc}") from None
    if not data:
        raise InputError(str(path), "file is empty")
    return read_bytes(data, path.name, fmt, **options)
