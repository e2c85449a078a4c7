"""Documents that are not minutes are refused, by the PDF reader and by the text reader on their
pdftotext extractions: the ten attachments (bilag) of the Ballerup meeting in ../shared/corpus,
reports, letters and a scan among them. One of them, a Word report with numbered chapters, has
a heading whose "å" Word drew in a slanted fallback font: it must stay in its word."""

from __future__ import annotations

import pytest

import convert
from convert.errors import InputError, NotMinutesError
from convert.readers import pdf, read_bytes
from tests.conftest import CORPUS
from tests.readers.test_text_corpus import pdftotext

ATTACHMENTS = sorted((CORPUS / "ballerup").glob("*_bilag_*.pdf"))
REPORT = CORPUS / "ballerup" / "ballerup_sfu_2012-12-04_bilag_1546743.pdf"


def test_there_are_ten():
    assert len(ATTACHMENTS) == 10


@pytest.mark.parametrize("path", ATTACHMENTS, ids=lambda p: p.stem[-7:])
def test_pdf_reader_refuses_every_attachment(path):
    with pytest.raises(InputError) as err:
        convert.read(path)
    message = str(err.value)
    assert message.startswith(f"{path.name}: ") and "\n" not in message
    # A scan has no text to judge: it is refused as such (OCR is another step), the rest as not minutes.
    assert isinstance(err.value, NotMinutesError) or "no text layer" in message


@pytest.mark.parametrize("mode", ["raw", "layout"])
def test_text_reader_refuses_the_numbered_report(mode):
    with pytest.raises(NotMinutesError, match=r"^report\.txt: .*not look like meeting minutes"):
        read_bytes(pdftotext(REPORT, mode), "report.txt")


def test_a_slanted_fallback_glyph_stays_in_its_word():
    found = pdf.layout(REPORT.read_bytes(), REPORT.name)
    texts = [pl.line.text for page in found.pages for pl in page]
    assert "2. Råd og Vejledning" in texts and "10. Råd & Vejledning til pårørende" in texts
    assert not [t for t in texts if t in ("å", "ø", "æ")]
