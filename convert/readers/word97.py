"""Reader for Word 97–2003 documents (.doc, the binary format of [MS-DOC] in an OLE2 compound
file): converted to .docx by LibreOffice (``soffice --headless --convert-to docx``,
https://help.libreoffice.org/latest/en-US/text/shared/guide/start_parameters.html) in a temporary
folder, then read as Word minutes by ``convert.readers.docx``. Without LibreOffice the user is
told how to get a .docx.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from convert.errors import InputError
from convert.model import Minutes, Source
from convert.readers import docx

NO_CONVERTER = "Word 97–2003 .doc: save it as .docx (or install LibreOffice, which referat then uses)"
TIMEOUT = 300  # seconds; a .doc of minutes converts in a few


def converter() -> str | None:
    """The LibreOffice program on PATH, if any."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_docx(data: bytes, name: str, program: str) -> bytes:
    with tempfile.TemporaryDirectory(prefix="referat-doc-") as tmp:
        folder = Path(tmp)
        src = folder / "input.doc"
        src.write_bytes(data)
        # A profile of its own: a LibreOffice the user has open, or another conversion running
        # at the same time, would otherwise hold the profile's lock and make this one fail.
        profile = (folder / "profile").as_uri()
        command = [program, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "docx",
                   "--outdir", str(folder), str(src)]  # fmt: skip
        try:
            subprocess.run(command, capture_output=True, timeout=TIMEOUT, check=False, env={**os.environ, "HOME": tmp})
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise InputError(name, f"Word 97–2003 .doc: LibreOffice could not convert it ({exc})") from None
        out = folder / "input.docx"
        if not out.is_file():
            raise InputError(name, "Word 97–2003 .doc: LibreOffice could not convert it (damaged or protected?)")
        return out.read_bytes()


def read(data: bytes, source: Source) -> Minutes:
    program = converter()
    if program is None:
        raise InputError(source.file, NO_CONVERTER)
    return docx.read(to_docx(data, source.file, program), source)
