"""Text layers that lie (convert/readers/pdf/unicode.py): a PDF whose fonts lost their ToUnicode
maps reads back with every letter when the embedded font program names its glyphs' characters;
when it does not, the reader says so (a TextWarning, a 'damaged-text' mark and a warning line in
the manifest of a batch) instead of dropping letters silently."""

from __future__ import annotations

import io
import json

import pikepdf
import pytest
from click.testing import CliRunner

from convert.cli import main
from convert.readers import read_bytes
from tests.readers.pdf_samples import minutes_html, read_with_warnings, render

ITEMS = [
    ("Råd og vejledning på Søvej", ["Sagen gælder færgen til Ærø og åbningstiderne."]),
    ("Økonomi for 2025", ["Forvaltningen indstiller, at bevillingen gives."]),
]


@pytest.fixture(scope="module")
def original() -> bytes:
    return render(minutes_html(ITEMS))


def _strip(pdf: bytes, programs_of: str | None = None) -> bytes:
    """Remove every font's ToUnicode; and the embedded program of fonts whose name has
    ``programs_of`` (those glyphs then name no character at all)."""
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            for font in page.Resources.Font.values():
                del font["/ToUnicode"]
                descriptor = font.DescendantFonts[0].FontDescriptor
                if programs_of and programs_of in str(font.BaseFont):
                    del descriptor["/FontFile2"]
        out = io.BytesIO()
        doc.save(out)
        return out.getvalue()


def test_letters_come_back_from_the_embedded_fonts(original):
    broken = _strip(original)
    assert b"/ToUnicode" not in broken
    minutes, heard = read_with_warnings(broken, "mended.pdf")
    assert not heard
    assert minutes.pformat() == read_bytes(original, "mended.pdf").pformat()
    assert [it.title for it in minutes.items] == [t for t, _ in ITEMS]


def test_letters_that_cannot_come_back_are_reported(original, tmp_path):
    broken = _strip(original, programs_of="Serif-")  # body text is set in DejaVu Serif
    minutes, heard = read_with_warnings(broken, "mended.pdf")
    assert len(heard) == 1 and heard[0].mark == "damaged-text"
    message = str(heard[0])
    assert message.startswith("mended.pdf: damaged text layer: ") and "DejaVu-Serif" in message
    assert "\n" not in message and minutes.items

    source = tmp_path / "in" / "skadet.pdf"
    source.parent.mkdir()
    source.write_bytes(broken)
    result = CliRunner().invoke(main, ["convert", str(source), "--out", str(tmp_path / "out"), "--jobs", "1"])
    assert result.exit_code == 0
    assert f"warning: {source}: damaged text layer" in result.output
    entry = json.loads((tmp_path / "out" / "manifest.json").read_text())["inputs"][0]
    assert entry["status"] == "converted" and entry["marks"] == ["damaged-text"]
    assert "damaged-text" in (tmp_path / "out" / "manifest.csv").read_text()
