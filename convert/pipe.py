"""One input to one output, as pandoc does it: ``referat in.pdf -o out.docx``, ``-`` for standard
input, ``-o -`` for standard output.

The output format comes from ``--to`` or else from the output's extension (the longest one that
matches, so ``x.akn.xml`` is Akoma Ntoso and ``x.xml`` canonical XML). No manifest and no bundle:
that is what a batch into ``--out FOLDER`` is for. Reader warnings (a PDF cut short, bytes that
are not valid text) are returned for the command to print.
"""

from __future__ import annotations

import sys
import tempfile
import warnings
from pathlib import Path
from typing import BinaryIO

import convert
from convert import writers
from convert.archive.batch import MAX_SIZE, read_input, reason
from convert.errors import InputError, InputWarning, UsageError
from convert.readers import read_bytes

STDIO = "-"


def format_for(dest: str) -> str:
    """The format a file name asks for by its extension; a usage error when none matches."""
    name = dest.lower()
    by_length = sorted(writers.FORMATS.values(), key=lambda f: -len(f.extension))
    for fmt in by_length:
        if name.endswith(fmt.extension):
            return fmt.name
    known = ", ".join(f.extension for f in by_length)
    raise UsageError(dest, f"cannot tell the output format from the extension (known: {known}); add --to FORMAT")


def read_stdin(stream: BinaryIO, limit: int = MAX_SIZE) -> bytes:
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputError("standard input", f"larger than the input size limit of {limit / 2**20:g} MB (see --max-size)")
    return data


def convert_one(
    src: str,
    dest: str,
    fmt: str,
    *,
    reader: str | None = None,
    limit: int = MAX_SIZE,
    settings: dict | None = None,
    stdin: BinaryIO | None = None,
    stdout: BinaryIO | None = None,
) -> list[str]:
    """Convert ``src`` (a path or ``-``) into ``dest`` (a path or ``-``) as ``fmt``; return the warnings."""
    if src == STDIO:
        data, name = read_stdin(stdin or sys.stdin.buffer, limit), "stdin"
    else:
        path = Path(src)
        if not path.exists() and not path.is_symlink():
            raise UsageError(src, "no such file or folder")
        data, name = read_input(path, limit), path.name
    if not data:
        raise InputError(name if src == STDIO else src, "file is empty")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", InputWarning)
        minutes = read_bytes(data, name, reader)
    del data
    settings = {k: v for k, v in (settings or {}).items() if v is not None}
    if dest == STDIO:
        with tempfile.TemporaryDirectory(prefix="referat-") as tmp:
            target = Path(tmp) / ("out" + writers.FORMATS[fmt].extension)
            convert.write(minutes, fmt, target, **settings)
            out = stdout or sys.stdout.buffer
            out.write(target.read_bytes())
            out.flush()
    else:
        convert.write(minutes, fmt, dest, **settings)
    where = "standard input" if src == STDIO else src
    return [f"{where}: {reason(w.message)}" for w in caught if issubclass(w.category, InputWarning)]
