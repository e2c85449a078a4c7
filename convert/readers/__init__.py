"""Readers: bytes in, ``Minutes`` out. The format is sniffed from the content, not the name.

Each reader module exposes ``read(data: bytes, source: Source) -> Minutes``."""

from __future__ import annotations

import hashlib
import inspect
from importlib import import_module
from pathlib import Path

from convert.errors import InputError
from convert.model import Minutes, Source

# format -> module holding read(data, source)
READERS = {
    "pdf": "convert.readers.pdf",
    "xml": "convert.readers.canonical_xml",
    "json": "convert.readers.canonical_json",
    "text": "convert.readers.text",
}


def sniff(data: bytes) -> str:
    """Which reader a file's bytes are for."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"<?xml") or stripped.startswith(b"<minutes"):
        return "xml"
    if stripped.startswith(b"{") and b'"version"' in data[:4096]:
        return "json"
    return "text"


def read_bytes(data: bytes, name: str, fmt: str | None = None, **options) -> Minutes:
    """``options`` (e.g. ``ocr="auto"``) go to the readers that take them; the others ignore them."""
    fmt = fmt or sniff(data)
    if fmt not in READERS:
        raise InputError(name, f"no reader for format {fmt!r}")
    source = Source(file=name, format=fmt, sha256=hashlib.sha256(data).hexdigest())
    reader = import_module(READERS[fmt]).read
    taken = inspect.signature(reader).parameters
    return reader(data, source, **{k: v for k, v in options.items() if k in taken and v is not None})


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
