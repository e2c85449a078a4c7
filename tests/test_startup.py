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
print(json.dumps(sorted(sys.modules)))
"""
# Worker processes: a run of one input converts it in this process.
PROCESSES = {"multiprocessing", "concurrent"}


def imported(*args: str, top: bool = True) -> set[str]:
    """The modules loaded by ``referat ARGS``: top-level package names, or (top=False) full names."""
    out = subprocess.run([sys.executable, "-c", _PROBE, json.dumps(args)], capture_output=True, text=True, check=True)
    found = set(json.loads(out.stdout.splitlines()[-1]))
    return {m.split(".")[0] for m in found} if top else found


def test_help_imports_no_reader_or_writer_library():
    found = imported("--help", top=False)
    assert {"convert", "click", "convert.readers", "convert.writers"} <= found
    unexpected = HEAVY | {"lxml"} | PROCESSES
    assert not {m.split(".")[0] for m in found} & unexpected, found & unexpected
    # Neither the batch machinery nor the one-file route: --max-size's default is convert.limits'.
    assert not [m for m in found if m.startswith(("convert.archive", "convert.pipe"))]


@pytest.mark.parametrize("fmt", ["xml", "json"])
@pytest.mark.parametrize("jobs", [["--jobs", "1"], []], ids=["jobs-1", "default-jobs"])
def test_one_text_document_to_xml_imports_no_other_writer(tmp_path, fmt, jobs):
    found = imported("convert", str(SEEDS[0]), "--to", fmt, "--out", str(tmp_path), *jobs, "--quiet")
    assert (tmp_path / (SEEDS[0].stem + f".{fmt}")).exists()
    unexpected = HEAVY - ({"jsonschema"} if fmt == "json" else set())
    assert not found & (unexpected | PROCESSES), found & (unexpected | PROCESSES)


def test_two_documents_start_workers(tmp_path):
    """The other side of the check above: with two inputs and two jobs the workers do start."""
    found = imported("convert", *map(str, SEEDS[:2]), "--to", "xml", "--out", str(tmp_path), "--jobs", "2", "--quiet")
    assert found >= PROCESSES
    assert len(list(tmp_path.glob("*.xml"))) == 2
