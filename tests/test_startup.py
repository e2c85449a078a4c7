"""Start-up: `referat --help` and a one-document `referat convert X --to xml` import only what they
use. The heavy libraries (WeasyPrint, Typst, openpyxl, python-docx, pikepdf, PDFium, jsonschema) are
imported by the writer or reader that needs them, so a user waiting for help, or an archive run of
text files to XML, does not pay for them. Checked in a fresh interpreter with ``sys.modules``."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import SEEDS

HEAVY = {"weasyprint", "typst", "openpyxl", "docx", "pikepdf", "pypdfium2", "jsonschema", "jinja2", "fontTools",
         "pdfplumber", "dask", "distributed"}

_PROBE = """
import json, sys
sys.argv = ["referat", *json.loads(sys.argv[1])]
from convert.cli import main
try:
    main()
except SystemExit:
    pass
print(json.dumps(sorted({m.split(".")[0] for m in sys.modules})))
"""


def imported(*args: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", _PROBE, json.dumps(args)], capture_output=True, text=True, check=True)
    return set(json.loads(out.stdout.splitlines()[-1]))


def test_help_imports_no_reader_or_writer_library():
    found = imported("--help")
    assert "convert" in found and "click" in found
    # The batch machinery (multiprocessing) is imported: an option's default reads archive.batch.
    assert not found & (HEAVY | {"lxml"}), found & (HEAVY | {"lxml"})


@pytest.mark.parametrize("fmt", ["xml", "json"])
def test_one_text_document_to_xml_imports_no_other_writer(tmp_path, fmt):
    found = imported("convert", str(SEEDS[0]), "--to", fmt, "--out", str(tmp_path), "--jobs", "1", "--quiet")
    assert (tmp_path / (SEEDS[0].stem + f".{fmt}")).exists()
    unexpected = HEAVY - ({"jsonschema"} if fmt == "json" else set())
    assert not found & unexpected, found & unexpected
