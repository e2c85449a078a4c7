"""What referat says of files it does not read: one specific line naming what the file is, from
the command and from the API; and in a folder, notes, data and images beside the minutes are
passed over and named in the summary, not failed."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import convert
from convert import archive
from convert.errors import NotMinutesError
from convert.readers import kinds, sniff
from tests.conftest import CORPUS, SEEDS

EDOC = CORPUS / "ballerup_sundheds-forebyggelsesudvalget_2012-12-04_eDocAgendaPublishing.xml"


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _xlsx() -> bytes:
    buf = io.BytesIO()
    book = openpyxl.Workbook()
    book.active["A1"] = "Punkt"
    book.save(buf)
    return buf.getvalue()


CASES = {
    "foto.png": (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, r"image \(PNG\), not minutes"),
    "scan.jpg": (b"\xff\xd8\xff\xe0" + b"\x00" * 64, r"image \(JPEG\), not minutes"),
    "arkiv.zip": (_zip({"a/referat.pdf": b"%PDF-1.4"}), r"ZIP archive: unpack it"),
    "budget.xlsx": (_xlsx(), r"spreadsheet \(Excel \.xlsx\), not minutes"),
    "referat.odt": (
        _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}),
        r"OpenDocument text \(\.odt\): save it as \.docx or PDF",
    ),
    "side.html": (
        b"<!DOCTYPE html><html><body><p>Velkommen</p></body></html>",
        r"HTML page that is not a minutes publication",
    ),
    "data.json": (json.dumps({"navn": "Greve", "liste": [1, 2]}).encode(), r"JSON that is not a minutes export"),
    "acadre.xml": (
        b'<?xml version="1.0"?>\n<!-- export -->\n<ns:Dagsorden xmlns:ns="urn:x"><Punkt/></ns:Dagsorden>',
        r"XML of an unknown vocabulary \(root element Dagsorden\)",
    ),
    "brev.rtf": (b"{\\rtf1\\ansi K\\'e6re udvalg}", r"RTF document: save it as \.docx or PDF"),
    "regneark.xls": (
        kinds.OLE2 + b"\x00" * 600 + "Workbook".encode("utf-16-le"),
        r"Microsoft Office 97–2003 file that is not a Word document",
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_specific_line_for_what_is_not_read(tmp_path, name):
    data, message = CASES[name]
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(NotMinutesError, match=rf"^{name.replace('.', '[.]')}: {message}"):
        convert.read(path)


def test_sniffing_is_by_content():
    assert sniff(EDOC.read_bytes()) == "edoc"
    assert sniff((CORPUS / "sbsys" / "sbsys_Publication32.xml").read_bytes()) == "sbsys"
    assert sniff(SEEDS[0].read_bytes()) == "text"
    assert sniff(b"<minutes version='1'/>") == "xml"
    assert sniff(b"\xef\xbb\xbf<?xml version='1.0'?><minutes/>") == "xml"
    assert kinds.root_element(b"<?xml version='1.0'?><!-- <nope> --><!-- x --><a:Root/>") == "Root"


def test_the_command_says_it_in_one_line(tmp_path):
    data, _ = CASES["acadre.xml"]
    (tmp_path / "acadre.xml").write_bytes(data)
    command = ["convert", str(tmp_path / "acadre.xml"), "--to", "xml", "--out", str(tmp_path / "out")]
    proc = subprocess.run(
        [sys.executable, "-m", "convert", *command],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert f"{tmp_path / 'acadre.xml'}: XML of an unknown vocabulary (root element Dagsorden)" in proc.stderr


def test_a_folder_passes_over_notes_data_and_images(tmp_path: Path):
    root = tmp_path / "arkiv"
    root.mkdir()
    shutil.copy(SEEDS[0], root / "referat.txt")
    shutil.copy(EDOC, root / "edoc.xml")
    (root / "README.md").write_text("# Arkiv\nMøder 2012–2013, hentet fra kommunens hjemmeside.\n", encoding="utf-8")
    (root / "punkter.csv").write_text("nummer;titel\n1;Meddelelser\n", encoding="utf-8")
    (root / "foto.png").write_bytes(CASES["foto.png"][0])
    (root / "LICENSE").write_text("Public domain\n", encoding="utf-8")
    summary = archive.run([str(root)], ["xml"], tmp_path / "out")
    assert (summary.converted, summary.failed, summary.ignored) == (2, 0, 4)
    line = summary.line()
    for name in ("README.md", "punkter.csv", "foto.png", "LICENSE"):
        assert name in line
    assert "not minutes" in line


def test_exports_and_word_convert_to_every_format(tmp_path):
    """The command on an eDoc export, an SBSYS publication and a Word file: every format."""
    docx_path = tmp_path / "in" / "word.docx"
    docx_path.parent.mkdir()
    seed = convert.read(SEEDS[0])
    for n, item in enumerate(seed.items, 1):
        # Our Word file of an item printed without a number does not read back yet (the heading
        # alone is not known for an item's): this test is about the readers, so number it.
        item.number, item.label = str(n), f"{n}."
    convert.write(seed, "docx", docx_path)
    inputs = [str(EDOC), str(CORPUS / "sbsys" / "sbsys_Publication32.xml"), str(docx_path)]
    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "convert", "convert", *inputs, "--to", "all", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    for stem, fmt in ((EDOC.stem, "edoc"), ("sbsys_Publication32", "sbsys"), ("word", "docx")):
        for ext in (".xml", ".json", ".docx", ".xlsx", ".pdf", ".oparl.json", ".akn.xml"):
            assert (out / f"{stem}{ext}").stat().st_size > 0
        convert.validate(out / f"{stem}.xml")
        assert convert.read(out / f"{stem}.xml").source.format == fmt


@settings(max_examples=200)
@given(st.binary(min_size=1, max_size=2000))
def test_binary_noise_starting_with_a_tag_is_not_taken_for_xml(noise):
    data = b"<" + noise
    try:
        data[:4096].decode("utf-8")
    except UnicodeDecodeError:
        assert sniff(data) == "text"  # which then says "not a text file"
