"""OCR of scanned PDF pages, in Danish: each page without a usable text layer is rendered with
PDFium (pypdfium2), set straight, and read by Tesseract 5 (Apache-2.0,
https://tesseract-ocr.github.io/) with Debian's Danish data (``tesseract-ocr-dan``). Tesseract was
chosen by measurement against RapidOCR, whose packaged models have no æ, ø or å
(``benchmarks/bench_ocr.py``, README "Scanned minutes").

Tesseract's TSV output gives every word with its box, its line and a confidence (0–100). The words
become :class:`runs.Run` objects in page points, so a scanned page goes through the same grouping
into lines as a text page (``lines.group_lines``): positions, sizes and weights decide the
structure as they do for a text PDF. What an image does not say is estimated from geometry:

- the font size from the height of the words, knowing which letters reach above the x-height and
  below the baseline (Latin type: ascenders about 0.72 em, x-height about 0.5 em, descenders about
  0.21 em);
- the baseline from the words without descenders;
- bold from the width of the strokes: the mean length of horizontal runs of ink relative to the
  size, against the page's usual stroke (bold faces draw their stems about 1.5 times as wide).

Low-confidence words are kept: a reader can see the word and its doubt, nothing is dropped."""

from __future__ import annotations

import ctypes
import functools
import io
import itertools
import os
import re
import shutil
import statistics
import subprocess
import time
import warnings
from dataclasses import dataclass, field

import pypdfium2.raw as pdfium_c
from PIL import Image, ImageChops

from convert.errors import InputError, TextWarning
from convert.readers.pdf import confusions, leaders, leftover, scan_rules, tables
from convert.readers.pdf.deskew import straighten
from convert.readers.pdf.lines import PageLine, group_lines
from convert.readers.pdf.runs import Run

MODES = ("auto", "never", "always")
DPI = 300  # Tesseract is trained on text of 10 pt at about 300 dpi
# A coarse scan (under 250 dpi) is rendered larger: Tesseract misreads small letters drawn with few
# pixels ("og" as "oq" at 200 dpi), and interpolating up to 400 dpi gives it strokes to follow.
COARSE, FINE_DPI = 250, 400
LANGUAGES = "dan"
TIMEOUT = 120  # seconds for one page; a page that takes longer is reported and skipped
# Letters reaching above the x-height (i and j by their dots; capitals are asked apart).
_ASCENDING = set("bdfhijklt0123456789å!?%&/()[]{}|§#@'\"")
_DESCENDING = set("gjpqyQ(),;[]{}|§µ")
_DASHES = {"-", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\u2212"}
_INK = 140  # grey level below which a pixel is ink
_SURE = 70  # Tesseract's confidence in a word whose height tells its line's size
# One thread per page: parallelism comes from converting files in parallel (--jobs).
_ENV = {**os.environ, "OMP_THREAD_LIMIT": "1"}


@dataclass
class Stats:
    """What OCR has cost in this process (for ``make bench``)."""

    pages: int = 0
    seconds: float = 0.0


STATS = Stats()


@dataclass
class Word:
    text: str
    left: int
    top: int
    width: int
    height: int
    conf: float
    line: tuple[int, int, int]  # Tesseract's block, paragraph and line numbers


@dataclass
class Page:
    """One OCR'd page: its printed lines and the mean confidence of its words (0–100)."""

    lines: list[PageLine]
    confidence: float  # 0 when no word was found
    words: int = 0


@dataclass
class Reader:
    """OCR for the pages of one document; ``pages`` gathers (page number, confidence) of each page
    on which OCR found words."""

    name: str
    mode: str = "auto"
    pages: list[tuple[int, float]] = field(default_factory=list)

    def wanted(self, lines: list[PageLine]) -> bool:
        return self.mode == "always" or (self.mode == "auto" and not usable(lines))

    def page(self, document, index: int, lines: list[PageLine] | None = None) -> list[PageLine] | None:
        """The lines OCR reads on page ``index`` (0-based); None when the page could not be read
        (a warning names it), or when its text layer has a few words and no scanned image lies
        under them (a short page of text, kept as it is)."""
        start = time.perf_counter()
        try:
            rendered = render(document, index, need_scan=self.mode == "auto" and bool(lines))
            if rendered is None:
                return None
            check_engine(self.name)
            image, width, height, dpi = rendered
            result = read_image(image, index + 1, width, height, dpi)
        except OcrFailed as exc:
            reason = f"page {index + 1} could not be read by OCR: {exc}; the other pages are converted"
            warnings.warn(TextWarning(self.name, reason, "ocr-page-unread"), stacklevel=3)
            return None
        finally:
            STATS.pages += 1
            STATS.seconds += time.perf_counter() - start
        if result.words:  # a blank page has no confidence to tell
            self.pages.append((index + 1, result.confidence))
        return result.lines


class OcrFailed(Exception):
    """One page could not be rendered or read."""


_ODD = re.compile("[\ufffd\ue000-\uf8ff]")


def usable(lines: list[PageLine]) -> bool:
    """A text layer worth reading: some letters, most of them real characters (a font without a
    Unicode map gives private-use or replacement characters)."""
    text = "".join([pl.line.text for pl in lines])
    # Private-use characters are not alphanumeric, so the letters are the real ones and the odd.
    try:  # text that Latin-1 holds has no private-use or replacement character: one encode in C
        text.encode("latin-1")
        odd = 0
    except UnicodeEncodeError:
        odd = len(_ODD.findall(text))
    # The usual page: no need to count on (40 characters of text with 20 letters settle it too).
    if not odd and (sum(map(str.isalnum, text[:40])) >= 20 or sum(map(str.isalnum, text[:200])) >= 20):
        return True
    real = sum(map(str.isalnum, text))
    return real >= 20 and real >= 0.8 * (real + odd)


@functools.cache
def _languages() -> frozenset[str]:
    try:
        done = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    return frozenset(line.strip() for line in done.stdout.splitlines()[1:])


def check_engine(name: str) -> None:
    """Raise a one-line error when Tesseract or its Danish data is missing."""
    if shutil.which("tesseract") is None or not set(LANGUAGES.split("+")) <= _languages():
        raise InputError(
            name,
            "scanned pages need OCR, and Tesseract with Danish data is not installed "
            "(Debian: apt-get install tesseract-ocr tesseract-ocr-dan; or convert with --ocr never)",
        )


def _scan_dpi(page, width: float) -> float | None:
    """The resolution of the widest image painted on the page (a scan), None without images."""
    best: tuple[float, float] | None = None
    pixels_w, pixels_h = ctypes.c_uint(), ctypes.c_uint()
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    for i in range(pdfium_c.FPDFPage_CountObjects(page)):
        obj = pdfium_c.FPDFPage_GetObject(page, i)
        if pdfium_c.FPDFPageObj_GetType(obj) != pdfium_c.FPDF_PAGEOBJ_IMAGE:
            continue
        if not pdfium_c.FPDFImageObj_GetImagePixelSize(obj, ctypes.byref(pixels_w), ctypes.byref(pixels_h)):
            continue
        pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
        span = max(right.value - left.value, top.value - bottom.value)
        if span > 0.3 * width and (best is None or span > best[0]):
            best = (span, max(pixels_w.value, pixels_h.value) * 72 / span)
    return best[1] if best else None


def render(document, index: int, need_scan: bool = False) -> tuple[Image.Image, float, float, int] | None:
    """Page ``index`` as a grey image, upright as displayed, at ``DPI`` (``FINE_DPI`` when the page is
    a coarse scan); its size in points; and the resolution it was rendered at. None when
    ``need_scan`` and no image covers a good part of the page."""
    page = pdfium_c.FPDF_LoadPage(document, index)
    if not page:
        raise OcrFailed("the page cannot be loaded (damaged)")
    try:
        width, height = pdfium_c.FPDF_GetPageWidthF(page), pdfium_c.FPDF_GetPageHeightF(page)
        found = _scan_dpi(page, width)
        if need_scan and found is None:
            return None
        dpi = FINE_DPI if found is not None and found < COARSE else DPI
        w, h = round(width * dpi / 72), round(height * dpi / 72)
        if not (0 < w <= 20000 and 0 < h <= 20000):
            raise OcrFailed(f"the page's size ({width:.0f} x {height:.0f} pt) cannot be rendered")
        bitmap = pdfium_c.FPDFBitmap_Create(w, h, 0)
        if not bitmap:
            raise OcrFailed("no memory to render the page")
        try:
            pdfium_c.FPDFBitmap_FillRect(bitmap, 0, 0, w, h, 0xFFFFFFFF)
            pdfium_c.FPDF_RenderPageBitmap(bitmap, page, 0, 0, w, h, 0, pdfium_c.FPDF_ANNOT | pdfium_c.FPDF_GRAYSCALE)
            stride = pdfium_c.FPDFBitmap_GetStride(bitmap)
            buffer = pdfium_c.FPDFBitmap_GetBuffer(bitmap)
            raw = ctypes.string_at(buffer, stride * h)
            image = Image.frombuffer("RGBX", (w, h), raw, "raw", "BGRX", stride, 1).convert("L")
        finally:
            pdfium_c.FPDFBitmap_Destroy(bitmap)
    finally:
        pdfium_c.FPDF_ClosePage(page)
    return image, width, height, dpi


def tesseract(image: Image.Image, psm: int = 3, dpi: int = DPI) -> list[Word]:
    """Tesseract's words on a grey image, with boxes in pixels; ``psm`` its page segmentation
    mode (3: find the columns and lines; 6: one block of text)."""
    buf = io.BytesIO()
    image.save(buf, "PPM")  # a grey image is written as PGM: uncompressed, read fast
    cmd = ["tesseract", "stdin", "stdout", "-l", LANGUAGES, "--dpi", str(dpi), "--psm", str(psm), "tsv"]
    try:
        done = subprocess.run(cmd, input=buf.getvalue(), capture_output=True, timeout=TIMEOUT, env=_ENV)
    except subprocess.TimeoutExpired:
        raise OcrFailed(f"OCR took longer than {TIMEOUT} s") from None
    except OSError as exc:
        raise OcrFailed(f"Tesseract could not be started ({exc.strerror or exc})") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise OcrFailed(f"Tesseract failed ({message[-1] if message else f'exit {done.returncode}'})")
    words: list[Word] = []
    for row in done.stdout.decode("utf-8", "replace").splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip():
            continue
        left, top, width, height = (int(c) for c in cols[6:10])
        words.append(Word(cols[11].strip(), left, top, width, height, float(cols[10]), (*map(int, cols[2:5]),)))
    return words


def _bands(words: list[Word]) -> dict[tuple, tuple[int, int, list[tuple]]]:
    """Each of Tesseract's lines: its top, bottom and word boxes, in pixels."""
    bands: dict[tuple, tuple[int, int, list[tuple]]] = {}
    for w in words:
        box = (w.left, w.top, w.left + w.width, w.top + w.height)
        top, bottom, boxes = bands.get(w.line, (box[1], box[3], []))
        boxes.append(box)
        bands[w.line] = (min(top, box[1]), max(bottom, box[3]), boxes)
    return bands


def _doubtful(words: list[Word]) -> bool:
    return not words or statistics.fmean(max(w.conf, 0.0) for w in words) < 70


def orientation(image: Image.Image, dpi: int = DPI) -> int:
    """How many degrees clockwise the page must turn to stand upright (Tesseract's orientation
    and script detection, ``--psm 0``); 0 when it is upright or Tesseract is unsure."""
    buf = io.BytesIO()
    image.save(buf, "PPM")
    cmd = ["tesseract", "stdin", "stdout", "--dpi", str(dpi), "--psm", "0"]
    try:
        done = subprocess.run(cmd, input=buf.getvalue(), capture_output=True, timeout=TIMEOUT, env=_ENV)
    except (OSError, subprocess.SubprocessError):
        return 0
    said = dict(line.split(":", 1) for line in done.stdout.decode("utf-8", "replace").splitlines() if ":" in line)
    try:
        turn, sure = int(said.get("Rotate", "0")), float(said.get("Orientation confidence", "0"))
    except ValueError:
        return 0
    return turn if turn in (90, 180, 270) and sure >= 2 else 0


def read_image(image: Image.Image, page_no: int, width: float, height: float, dpi: int = DPI) -> Page:
    """The printed lines of a scanned page image at ``dpi`` covering ``width`` x ``height`` points."""
    if image.point(lambda v: 255 if v < _INK else 0).getbbox() is None:
        return Page([], 0.0)  # a blank page: nothing for Tesseract to find
    image = straighten(image)
    words = tesseract(image, dpi=dpi)
    if _doubtful(words):  # a page scanned sideways or upside down reads as nonsense
        turn = orientation(image, dpi)
        if turn:
            image = image.rotate(-turn, expand=True)
            if turn in (90, 270):
                width, height = height, width
            words = tesseract(image, dpi=dpi)
    if not words:
        return Page([], 0.0)
    cleaned = leaders.erase(image, leaders.rows(words, _SURE))
    if cleaned is not None:  # a table of contents: read again without its rows of dots
        image = cleaned
        words = tesseract(image, dpi=dpi)
    bands = _bands(words)
    words += leftover.read(image, leftover.pieces(image, bands), bands, functools.partial(tesseract, psm=6, dpi=dpi))
    for word in words:
        word.text = confusions.mend(word.text, word.conf)
    runs = to_runs(words, image, 72 / dpi)
    horizontal, vertical = scan_rules.find(image, dpi)
    tables.label(runs, tables.find(horizontal, vertical), itertools.count(1 << 30))
    lines = group_lines(runs, page_no, width, height, horizontal)
    confidence = round(statistics.fmean(max(w.conf, 0.0) for w in words), 1)
    return Page(lines, confidence, len(words))


def _dash(text: str, width: float, size: float) -> str:
    """A dash standing alone, told by its length as type draws it: a hyphen about a third of an
    em, an en dash half an em, an em dash a whole one (Tesseract's Danish model confuses them)."""
    if text not in _DASHES or size <= 0:
        return text
    return "-" if width < 0.4 * size else "\u2013" if width < 0.8 * size else "\u2014"


def _em(word: Word) -> float:
    """The font size in pixels that a word's height implies."""
    ascends = any(c in _ASCENDING or c.isupper() for c in word.text)
    descends = any(c in _DESCENDING for c in word.text)
    return word.height / ((0.72 if ascends else 0.5) + (0.21 if descends else 0.0))


def _stroke(image: Image.Image, word: Word) -> float | None:
    """The mean width in pixels of a word's vertical strokes: ink pixels per left edge of ink."""
    box = (word.left, word.top, word.left + word.width, word.top + word.height)
    ink = image.crop(box).point(lambda v: 255 if v < _INK else 0)
    shifted = ImageChops.offset(ink, 1, 0)
    edges = ImageChops.subtract(ink, shifted).histogram()[255]  # ink whose left neighbour is paper
    pixels = ink.histogram()[255]
    return pixels / edges if edges else None


def _settle(sizes: dict[tuple, float], by_line: dict[tuple, list[Word]]) -> None:
    """Give the lines of the page's running text one size. Each line's estimate wavers by some
    per cent with the letters it happens to hold; a heading set a size larger stands further off."""
    weighted = sorted((size, sum(len(w.text) for w in by_line[key])) for key, size in sizes.items())
    half, seen, body = sum(n for _, n in weighted) / 2, 0, 0.0
    for size, n in weighted:
        seen += n
        body = size
        if seen >= half:
            break
    for key, size in sizes.items():
        if abs(size - body) <= 0.07 * body:
            sizes[key] = body


def to_runs(words: list[Word], image: Image.Image, scale: float) -> list[Run]:
    """Tesseract's words as text runs in page points (``scale`` points per pixel), one line of
    Tesseract's sharing one size and baseline."""
    by_line: dict[tuple[int, int, int], list[Word]] = {}
    for word in words:
        by_line.setdefault(word.line, []).append(word)
    strokes: dict[int, float] = {}
    sizes: dict[tuple[int, int, int], float] = {}
    for key, members in by_line.items():
        lettered = [w for w in members if any(c.isalpha() for c in w.text)] or members
        sizes[key] = statistics.median(_em(w) for w in lettered)
    _settle(sizes, by_line)
    for key, members in by_line.items():
        for w in members:
            stroke = _stroke(image, w)
            if stroke is not None and len(w.text) >= 2:
                strokes[id(w)] = stroke / sizes[key]
    usual = statistics.median(strokes.values()) if strokes else 0.0
    runs: list[Run] = []
    for key, members in by_line.items():
        size = sizes[key]
        flat = [w.top + w.height for w in members if not any(c in _DESCENDING for c in w.text)]
        base = statistics.median(flat) if flat else max(w.top + w.height for w in members) - 0.21 * size
        weights = [strokes[id(w)] for w in members if id(w) in strokes]
        line_bold = bool(weights) and usual > 0 and statistics.median(weights) > 1.3 * usual
        for w in members:
            bold = line_bold or (id(w) in strokes and usual > 0 and strokes[id(w)] > 1.4 * usual)
            runs.append(
                Run(
                    # Tesseract has already told the words apart: a space follows each, however
                    # narrow the gap between the boxes ("af regnskab": the f's hook nearly meets the r).
                    text=_dash(w.text, w.width, size) + " ",
                    font="OCR",
                    size=round(size * scale * 2) / 2,
                    bold=bold,
                    italic=False,
                    symbol=False,
                    x0=w.left * scale,
                    x1=(w.left + w.width) * scale,
                    origin=w.left * scale,
                    base=base * scale,
                    top=w.top * scale,
                    bottom=(w.top + w.height) * scale,
                    artifact=False,
                    rotated=False,
                )
            )
    return runs
