"""PDF reader: minutes PDFs (eDoc, FirstAgenda, Acadre, Word exports) into the minutes model.

PDF is ISO 32000 (https://pdfa.org/resource/iso-32000-pdf/); we read it with pypdfium2, chosen by
measurement (``benchmarks/bench_pdf_reader.py``): it reads text objects with their fonts many
times faster than pdfminer-based pdfplumber. The steps:

1. open the document, telling apart a file that is not a PDF, a damaged one, and an encrypted one;
   a damaged file PDFium cannot open is rebuilt with qpdf (pikepdf) and read as far as it goes;
2. each page into printed lines with font, size, weight and position (``pdf_lines``), one page at a
   time and closed at once, so memory does not grow with the page count;
3. running headers, footers, page numbers and stamps marked (``pdf_furniture``), the table of
   contents marked too (``pdf_toc``), so the recognizer keeps them as furniture records;
4. the line stream made (``pdf_flow``: paragraph breaks, page breaks, hyphens, wrapped headings)
   and handed to the recognizer shared with the text reader.
"""

from __future__ import annotations

import ctypes
import io
from dataclasses import dataclass

import pypdfium2.raw as pdfium_c

from convert.errors import InputError, NotMinutesError
from convert.model import Minutes, Source
from convert.readers import pdf_flow, pdf_furniture, pdf_toc
from convert.readers.lines import Line
from convert.readers.pdf_lines import Fonts, PageLine, read_page
from convert.readers.recognizer import recognize

_PASSWORD = 4  # FPDF_ERR_PASSWORD


@dataclass
class Layout:
    """What the PDF-only steps found: the lines per page and the table of contents."""

    pages: list[list[PageLine]]
    toc: pdf_toc.Toc
    producer: str = ""  # the Creator and Producer the file names (ISO 32000-1, 14.3.3)


class _Document:
    """A PDFium document over bytes that stay alive as long as the document."""

    def __init__(self, data: bytes, name: str):
        if not data.lstrip()[:1024].find(b"%PDF-") >= 0:
            raise InputError(name, "not a PDF file (no %PDF- header)")
        self._buffer = data  # PDFium reads these bytes in place for the document's life: no copy
        self.handle = pdfium_c.FPDF_LoadMemDocument64(data, len(data), None)
        if not self.handle:
            error = pdfium_c.FPDF_GetLastError()
            if error == _PASSWORD:
                raise InputError(name, "PDF is password-protected (encrypted); cannot read its text")
            repaired = _repair(data)
            if repaired is None:
                raise InputError(name, "damaged or truncated PDF: no readable page structure")
            self._buffer = repaired
            self.handle = pdfium_c.FPDF_LoadMemDocument64(repaired, len(repaired), None)
            if not self.handle:
                raise InputError(name, "damaged or truncated PDF: no readable page structure")

    def __len__(self) -> int:
        return pdfium_c.FPDF_GetPageCount(self.handle)

    def info(self, key: str) -> str:
        """An entry of the document information dictionary, "" when absent."""
        size = pdfium_c.FPDF_GetMetaText(self.handle, key.encode("ascii"), None, 0)
        if size <= 2:
            return ""
        buf = ctypes.create_string_buffer(size)
        pdfium_c.FPDF_GetMetaText(self.handle, key.encode("ascii"), buf, size)
        return buf.raw[: size - 2].decode("utf-16-le", errors="replace")

    def close(self) -> None:
        if self.handle:
            pdfium_c.FPDF_CloseDocument(self.handle)
            self.handle = None


def _repair(data: bytes) -> bytes | None:
    """Let qpdf rebuild a damaged file's cross-reference table; None when nothing is left."""
    import pikepdf

    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            if not len(pdf.pages):
                return None
            out = io.BytesIO()
            pdf.save(out)
            return out.getvalue()
    except pikepdf.PasswordError:
        return None
    except Exception:  # qpdf gives up in many ways; all mean "unreadable"
        return None


def layout(data: bytes, name: str) -> Layout:
    """Lines of every page with furniture marked, and the table of contents: all a PDF adds."""
    doc = _Document(data, name)
    try:
        fonts = Fonts()
        pages = [read_page(doc.handle, i, fonts) for i in range(len(doc))]
        producer = " / ".join(v for v in (doc.info("Creator"), doc.info("Producer")) if v)
    finally:
        doc.close()
    if not pages:
        raise InputError(name, "PDF has no pages")
    if not any(pages):
        raise InputError(name, "PDF has no text layer (a scanned document?); run OCR first")
    pdf_furniture.mark(pages)
    return Layout(pages, pdf_toc.find(pages), producer)


def lines(data: bytes, name: str) -> tuple[list[Line], Layout]:
    """The line stream for the recognizer, and the layout it came from."""
    found = layout(data, name)
    for pl in found.toc.lines:  # kept as furniture, so no word is lost and none becomes an item
        pl.line.furniture = "contents"
    kept = [[pl.line for pl in page] for page in found.pages]
    known = pdf_flow.spellings(line for page in kept for line in page if not line.furniture)
    return list(pdf_flow.flow(kept, known)), found


def read(data: bytes, source: Source) -> Minutes:
    stream, found = lines(data, source.file)
    source.pages = len(found.pages)
    producer = found.producer
    del found  # the per-page wrappers are not needed by the recognizer
    minutes = recognize(stream, source, producer)
    if not minutes.items:
        raise NotMinutesError(source.file, "a readable PDF, but not minutes: no agenda items found")
    return minutes
