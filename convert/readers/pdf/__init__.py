"""PDF reader: minutes PDFs (eDoc, FirstAgenda, Acadre, Word exports) into the minutes model.

PDF is ISO 32000 (https://pdfa.org/resource/iso-32000-pdf/); we read it with pypdfium2, chosen by
measurement (``benchmarks/bench_pdf_reader.py``): it reads text objects with their fonts many
times faster than pdfminer-based pdfplumber. The steps:

1. open the document, telling apart a file that is not a PDF, a damaged one, and an encrypted one;
   a damaged file PDFium cannot open is rebuilt with qpdf (pikepdf) and read as far as it goes,
   with an ``InputWarning`` (as for a file cut short), so the loss is never silent;
2. each page into printed lines with font, size, weight and position (``lines.py``), one page at a
   time and closed at once; the page's lines are spooled to a temporary file, and only the counts
   that decide running headers and footers are kept (``furniture.Recurrence``, bounded), with
   the document's spellings (``flow.Spellings``);
3. the spooled pages read back one at a time: running headers, footers, page numbers and stamps
   marked (``furniture``), the table of contents marked too (``toc.Finder``), so the
   recognizer keeps them as furniture records;
4. the line stream made (``flow``: paragraph breaks, page breaks, hyphens, wrapped headings)
   from the pages as they are read back, and handed to the recognizer shared with the text reader.
   The recognizer needs what the whole text decides (the family, when the producer does not name
   it; whether it is one page; whether it tags its section headings) before it builds the items
   one after the other. The reader foresees it from the printed lines it read (the tell-tales of
   the first ``_FORESIGHT`` lines, the pages with text, no line tagged with a family's section
   role), and the stream is read once while the recognizer checks the foresight; where it was
   wrong, the stream is read twice (``recognize_stream``: once for what the whole text decides,
   once for the items), written to a second temporary file as it is first made
   (``spool.LineStream``) and read back from there the second time.

No step holds the lines of more pages than a table of contents covers, and the recognizer only
those of the item it is reading, so the working memory does not grow with the page count (the
set of the document's distinct words, kept for joining hyphens, grows with its vocabulary); the
model it returns does.
``layout`` and ``read_lines`` give every page at once, for tests and inspection.
"""

from __future__ import annotations

import ctypes
import io
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pypdfium2.raw as pdfium_c

from convert.errors import InputError, InputWarning, NotMinutesError, TextWarning
from convert.model import Minutes, Source
from convert.readers.grammar import vocabulary
from convert.readers.grammar.lines import Line
from convert.readers.grammar.recognizer import Foreseen, recognize_stream
from convert.readers.pdf import flow, furniture, letters, ocr, toc, unicode
from convert.readers.pdf.lines import Fonts, PageLine, read_page
from convert.readers.pdf.spool import LineStream, Spool

_PASSWORD = 4  # FPDF_ERR_PASSWORD
# Printed lines whose tell-tales foresee the family: a minutes document prints its system's in
# every item, and the recognizer checks the foresight against the whole stream.
_FORESIGHT = 1000


@dataclass
class Layout:
    """What the PDF-only steps found: the lines per page and the table of contents."""

    pages: list[list[PageLine]]
    toc: toc.Toc
    producer: str = ""  # the Creator and Producer the file names (ISO 32000-1, 14.3.3)
    ocr: list[tuple[int, float]] = field(default_factory=list)  # pages read by OCR, confidence


class _Document:
    """A PDFium document over bytes that stay alive as long as the document."""

    def __init__(self, data: bytes, name: str):
        if not data.lstrip()[:1024].find(b"%PDF-") >= 0:
            raise InputError(name, "not a PDF file (no %PDF- header)")
        self._buffer = data  # PDFium reads these bytes in place for the document's life: no copy
        # A complete PDF ends in %%EOF (ISO 32000-1, 7.5.5); a file cut short does not.
        self.cut = b"%%EOF" not in data[-1024:]
        self.repaired = False
        self.handle = pdfium_c.FPDF_LoadMemDocument64(data, len(data), None)
        if not self.handle:
            error = pdfium_c.FPDF_GetLastError()
            if error == _PASSWORD:
                raise InputError(name, "PDF is password-protected (encrypted); cannot read its text")
            repaired = _repair(data)
            if repaired is None:
                raise InputError(name, "damaged or truncated PDF: no readable page structure")
            self._buffer = repaired
            self.repaired = True
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


def _incomplete(cut: bool, repaired: bool, name: str, text: int, count: int) -> None:
    """Warn when the PDF was damaged or cut short: what was read may lack pages or words."""
    if not (cut or repaired):
        return
    how = "cut short (no %%EOF at its end)" if cut else "damaged"
    rebuilt = "; its structure was rebuilt" if repaired else ""
    reason = f"PDF is {how}{rebuilt}: {text} of {count} pages have text; words may be missing"
    warnings.warn(InputWarning(name, reason, "incomplete"), stacklevel=4)


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


def _warn_unmapped(name: str, unmapped: dict[str, list[int]]) -> None:
    """Say which fonts drew glyphs with no character: the text there lacks letters."""
    total = sum(count for count, _ in unmapped.values())
    fonts = ", ".join(f"{font} (from page {page})" for font, (_, page) in sorted(unmapped.items()))
    reason = f"damaged text layer: {total} glyphs map to no character in font {fonts}; letters are missing there"
    warnings.warn(TextWarning(name, reason, "damaged-text"), stacklevel=3)


def _warn_lying(name: str, lying: dict[str, tuple[int, int, int]]) -> None:
    """Say which fonts print letters that spell no Danish: their text there is wrong."""
    fonts = ", ".join(
        f"{font} (from page {page}: {bad} of {judged} words)" for font, (bad, judged, page) in sorted(lying.items())
    )
    reason = f"damaged text layer: font {fonts} maps its glyphs to the wrong letters; the text there is wrong"
    warnings.warn(TextWarning(name, reason, "damaged-text"), stacklevel=3)


class _Spooled:
    """A PDF read once with PDFium, page by page, each page's lines written to a temporary file
    as soon as it is read; the later steps read the pages back from it one at a time.

    While reading, only what decides page furniture (``furniture.Recurrence``) and the words of
    the document (``flow.Spellings``) are gathered; the table of contents and the line stream
    come from a second reading of the spooled pages, so no step ever holds more than a few
    pages."""

    def __init__(self, data: bytes, name: str, ocr_mode: str = "auto"):
        doc = _Document(data, name)
        self.ocr = ocr.Reader(name, ocr_mode)
        self._spool = Spool()  # closed by close(), after the last reading
        self._stream = LineStream()
        try:
            incomplete = (doc.cut, doc.repaired)  # of the file as given, before any mending
            fonts, text = self._spool_pages(doc)
            read = data
            if fonts.unmapped:  # glyphs without characters: mend the fonts that allow it, read again
                mended, _ = unicode.recover(data)
                if mended is not None:
                    doc.close()
                    doc, read = _Document(mended, name), mended
                    fonts, text = self._spool_pages(doc)
            if fonts.unmapped:
                _warn_unmapped(name, fonts.unmapped)
            lying = self.sample.lying()
            if lying:  # letters that spell no Danish: read the fonts' own programs instead of their maps
                mended = unicode.remap(read, set(lying))
                if mended is not None:
                    doc.close()
                    doc = _Document(mended, name)
                    fonts, text = self._spool_pages(doc)
                    lying = self.sample.lying()
            if lying:
                _warn_lying(name, lying)
            self.producer = " / ".join(v for v in (doc.info("Creator"), doc.info("Producer")) if v)
            if not self.count:
                raise InputError(name, "PDF has no pages")
            if not text and self.ocr.mode == "never":
                raise InputError(name, "PDF has no text layer (a scanned document?); convert with --ocr auto")
            if not text:
                where = _pages(self.count)
                raise NotMinutesError(name, f"a readable PDF, but not minutes: no text on its {where}, not even by OCR")
            if not self.recurrence.exact:
                self.recurrence.recount(self.pages())
            _incomplete(*incomplete, name, text, self.count)
        except BaseException:
            self.close()
            raise
        finally:
            doc.close()
        self.toc = toc.Toc()

    def _spool_pages(self, doc: _Document) -> tuple[Fonts, int]:
        """Spool every page; return the fonts seen and how many pages have text."""
        self._spool.clear()
        fonts = Fonts()
        self.sample = letters.Sample()
        self.count = len(doc)
        self.recurrence = furniture.Recurrence(self.count)
        self.spellings = flow.Spellings(self._spellings)
        self._told = {name: 0 for name in vocabulary.family_names()}
        told_lines = 0
        self._tagged = False
        roles = {role for name in vocabulary.family_names() for role in vocabulary.load(name).section_roles}
        text = 0
        self.ocr.pages.clear()  # a second reading (fonts mended) reads the scanned pages again
        for i in range(self.count):
            page = read_page(doc.handle, i, fonts)
            if self.ocr.wanted(page):
                page = self.ocr.page(doc.handle, i, page) or page
            text += bool(page)
            if told_lines < _FORESIGHT:
                texts = [pl.line.text for pl in page if pl.line.text]
                vocabulary.tell_tales(texts, self._told)
                told_lines += len(texts)
            self._tagged = self._tagged or any(pl.line.role in roles for pl in page if pl.line.role)
            self.sample.add_page(page, i + 1)
            self.recurrence.add(page)
            self.spellings.add(page)
            self._spool.write(page)
        self._single_page = text == 1
        return fonts, text

    def foreseen(self) -> Foreseen | None:
        """What the recognizer's first reading of the line stream would find, as the printed lines
        foretell it; None when a line is tagged with a family's section role (whether it is
        content depends on the family, which the first reading settles)."""
        if self._tagged:
            return None
        return Foreseen(self.flowed, vocabulary.most_told(self._told), self._single_page)

    def close(self) -> None:
        self._spool.close()
        self._stream.close()

    def pages(self) -> Iterator[list[PageLine]]:
        """The printed lines of each page, read back in order: fresh objects every time."""
        return self._spool.pages()

    def furnished(self) -> Iterator[list[PageLine]]:
        """Each page with its running headers, footers, page numbers and stamps marked."""
        for page in self.pages():
            self.recurrence.mark(page)
            yield page

    def marked(self) -> Iterator[list[PageLine]]:
        """Each page with its furniture marked and the table of contents' lines marked as
        "contents" (kept as furniture, so no word is lost and none becomes an item)."""
        finder = toc.Finder()
        settled = False
        for page in self.furnished():
            released = finder.feed(page)
            if finder.done and not settled:
                settled = True  # the pages of the TOC are among those released now
                for pl in finder.toc.lines:
                    pl.line.furniture = "contents"
            yield from released
        released = finder.close()
        for pl in finder.toc.lines if not settled else ():
            pl.line.furniture = "contents"
        yield from released
        self.toc = finder.toc

    def lines(self) -> Iterator[Line]:
        """The line stream for the recognizer, fresh objects on every call: made from the pages
        the first time, read back from where that was written down after."""
        if self._stream.complete:
            return self._stream.lines()
        return self._stream.keep(self.flowed())

    def flowed(self) -> Iterator[Line]:
        """The line stream made from the pages, for one reading: not written down."""
        pages = ([pl.line for pl in page] for page in self.marked())
        return flow.flow(pages, self.spellings, flow.spaced_by(self.producer))

    def _spellings(self) -> set[str]:
        """The words of every line not furniture, from a reading of its own (``flow.Spellings``
        asks, rarely, while the pages are being read for the line stream)."""
        return flow.spellings(pl.line for page in self.marked() for pl in page if not pl.line.furniture)


def _pages(count: int) -> str:
    return "page" if count == 1 else f"{count} pages"


def layout(data: bytes, name: str, ocr_mode: str = "auto") -> Layout:
    """Lines of every page with furniture marked, and the table of contents: all a PDF adds."""
    spooled = _Spooled(data, name, ocr_mode)
    try:
        pages = list(spooled.furnished())
    finally:
        spooled.close()
    return Layout(pages, toc.find(pages), spooled.producer, spooled.ocr.pages)


def read_lines(data: bytes, name: str, ocr_mode: str = "auto") -> tuple[list[Line], Layout]:
    """The line stream for the recognizer, and the layout it came from, every page held at once
    (for tests and inspection; ``read`` streams)."""
    found = layout(data, name, ocr_mode)
    for pl in found.toc.lines:  # kept as furniture, so no word is lost and none becomes an item
        pl.line.furniture = "contents"
    kept = [[pl.line for pl in page] for page in found.pages]
    known = flow.spellings(line for page in kept for line in page if not line.furniture)
    return list(flow.flow(kept, known, flow.spaced_by(found.producer))), found


def read(data: bytes, source: Source, watch: Callable[[int], None] | None = None, ocr: str = "auto") -> Minutes:
    """The minutes of a PDF, read in memory that does not grow with the page count (beyond the
    model it returns): pages spooled, items recognized as the line stream passes. ``watch`` is
    told how many lines the recognizer holds after each line (for tests). ``ocr``: "auto" reads
    pages without a usable text layer by OCR, "always" every page, "never" none."""
    spooled = _Spooled(data, source.file, ocr)
    try:
        source.pages = spooled.count
        source.ocr = [n for n, _ in spooled.ocr.pages]
        source.ocr_confidence = [c for _, c in spooled.ocr.pages]
        minutes = recognize_stream(spooled.lines, source, spooled.producer, watch, spooled.foreseen())
    finally:
        spooled.close()
    if not minutes.items:
        raise NotMinutesError(source.file, "a readable PDF, but not minutes: no agenda items found")
    return minutes
