"""PDF pages into runs of text, read with pypdfium2 (PDFium, BSD/Apache licensed).

PDF text is a set of text objects, each one text-showing operator (ISO 32000-1:2008, 9.4 "Text
objects") drawn with one font at one size. We read those objects rather than single characters:
PDFium has already resolved their Unicode (9.10 "Extraction of text content"), and one call per
object instead of several per character is what makes this reader fast. Bold and italic come from
the font's name, weight and flags (9.8.2 "Font descriptor flags"). Objects inside Form XObjects
(8.10) are followed, with their form matrix applied. Marked content named ``Artifact`` (14.8.2.2
"Real content and artifacts") is remembered: a tagged PDF says that text is not content, which
the furniture step may use together with the position on the page. The thin rules drawn on the
page are gathered too: they underline text and bound ruled tables.

Coordinates are points from the page's top-left corner.
"""

from __future__ import annotations

import ctypes
import math
import re
from dataclasses import dataclass

import pypdfium2.raw as pdfium_c

from convert.readers.pdf.structure import Tag

# Font names of bold faces: "Verdana,Bold", "TimesNewRomanPS-BoldMT", "Arial-Black", "…Semibold".
_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
_ITALIC_NAME = re.compile(r"italic|oblique", re.IGNORECASE)
_SYMBOL_FONT = re.compile(r"symbol|wingdings|webdings|dingbat", re.IGNORECASE)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\ufffe\uffff]")
_FORCE_BOLD = 1 << 18  # font descriptor flag ForceBold (bit 19)
_ITALIC_FLAG = 1 << 6  # flag Italic (bit 7)


@dataclass(slots=True)
class Run:
    """One text object: text in one font, on one baseline."""

    text: str
    font: str
    size: float
    bold: bool
    italic: bool
    symbol: bool
    x0: float
    x1: float
    origin: float  # where the pen starts: x0 less the first glyph's side bearing
    base: float  # baseline, points from the page top
    top: float
    bottom: float
    artifact: bool
    rotated: bool
    tag: Tag | None = None


class _Fonts:
    """Font facts by PDFium font handle: a page uses few fonts, asked about many times."""

    def __init__(self):
        self._known: dict[int, tuple[str, bool, bool, bool]] = {}
        self.text = _Text()  # the document's one text buffer, which travels with its fonts
        self.table_columns: tuple[float, ...] = ()  # a table running on to the next page (lines)

    def facts(self, obj) -> tuple[str, bool, bool, bool]:
        """The facts of a text object's font."""
        key = _font_address(obj) or 0
        found = self._known.get(key)
        if found is None:
            found = self._known[key] = self._ask(ctypes.cast(key, pdfium_c.FPDF_FONT) if key else None)
        return found

    @staticmethod
    def _ask(font) -> tuple[str, bool, bool, bool]:
        if not font:
            return "", False, False, False
        size = pdfium_c.FPDFFont_GetBaseFontName(font, None, 0)
        buf = ctypes.create_string_buffer(max(size, 1))
        pdfium_c.FPDFFont_GetBaseFontName(font, buf, size)
        name = buf.value.decode("latin-1")
        name = name.split("+", 1)[1] if re.match(r"^[A-Z]{6}\+", name) else name
        flags = ctypes.c_int(0)
        pdfium_c.FPDFFont_GetFlags(font, ctypes.byref(flags))
        weight = pdfium_c.FPDFFont_GetWeight(font)
        bold = bool(_BOLD_NAME.search(name)) or weight >= 600 or bool(flags.value & _FORCE_BOLD)
        italic = bool(_ITALIC_NAME.search(name)) or bool(flags.value & _ITALIC_FLAG)
        return name, bold, italic, bool(_SYMBOL_FONT.search(name))


class _Text:
    """One reusable UTF-16 buffer for a reader's text and mark names: PDFium copies into it, and
    one call is enough unless a text object is longer than the buffer (then it grows once)."""

    def __init__(self, chars: int = 1024):
        self._grow(chars)
        self.length = ctypes.c_ulong(0)

    def _grow(self, chars: int) -> None:
        self.chars = chars
        self.buf = (ctypes.c_ushort * chars)()
        self.address = ctypes.addressof(self.buf)

    def of(self, obj, textpage) -> str:
        # The size PDFium reports is in bytes and counts the terminating NUL (2 bytes).
        size = _get_text(obj, textpage, self.buf, self.chars * 2)
        if size > self.chars * 2:
            self._grow(size // 2 + 64)
            size = _get_text(obj, textpage, self.buf, self.chars * 2)
        if size <= 2:
            return ""
        text = ctypes.string_at(self.address, size - 2).decode("utf-16-le", errors="replace")
        if "\x02" in text:  # PDFium's mark for a hyphen that ends a printed line
            text = text.replace("\x02", "-")
        # Other control codes are noise; isprintable() is false for them (and for tab or newline).
        return text if text.isprintable() else _CONTROLS.sub(" ", text)

    def is_artifact(self, obj) -> bool:
        for k in range(_count_marks(obj)):
            ok = _mark_name(_get_mark(obj, k), self.buf, self.chars * 2, self.length)
            if ok and ctypes.string_at(self.address, max(self.length.value - 2, 0)) == _ARTIFACT:
                return True
        return False


_get_text = pdfium_c.FPDFTextObj_GetText
# FPDFTextObj_GetFont declared to return the handle as a plain address: the font cache's key,
# without building a pointer object and casting it for every text object.
_font_address = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p)(
    ctypes.cast(pdfium_c.FPDFTextObj_GetFont, ctypes.c_void_p).value
)
_count_marks = pdfium_c.FPDFPageObj_CountMarks
_get_mark = pdfium_c.FPDFPageObj_GetMark
_mark_name = pdfium_c.FPDFPageObjMark_GetName
_ARTIFACT = "Artifact".encode("utf-16-le")


def _mul(m: tuple, n: tuple) -> tuple:
    """Matrix product m × n of PDF matrices (a, b, c, d, e, f), 8.3.4."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def page_runs(
    page, textpage, height: float, fonts: _Fonts, tags: dict[int, Tag] | None = None
) -> tuple[list[Run], list[tuple], list[tuple]]:
    """Every text object of a page, Form XObjects included, in page coordinates; the thin
    horizontal rules drawn on the page (x0, x1, y from the top), which may underline a line or
    bound a table's rows; and the thin vertical ones (x, y0, y1), which may bound its columns.
    ``tags`` (MCID -> Tag, from the structure tree) labels the runs of headings and table rows."""
    tags = tags or {}
    runs: list[Run] = []
    rules: list[tuple[float, float, float]] = []
    columns: list[tuple[float, float, float]] = []
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    matrix = pdfium_c.FS_MATRIX()
    size = ctypes.c_float()

    # Local names: this loop runs once per text object, thousands of times a document.
    text_of, is_artifact, facts = fonts.text.of, fonts.text.is_artifact, fonts.facts
    get_type, get_matrix = pdfium_c.FPDFPageObj_GetType, pdfium_c.FPDFPageObj_GetMatrix
    get_bounds, get_mcid = pdfium_c.FPDFPageObj_GetBounds, pdfium_c.FPDFPageObj_GetMarkedContentID
    get_size = pdfium_c.FPDFTextObj_GetFontSize
    TEXT, PATH, FORM = pdfium_c.FPDF_PAGEOBJ_TEXT, pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM

    def visit(obj, outer: tuple | None):
        kind = get_type(obj)
        if kind == FORM:
            get_matrix(obj, matrix)
            inner = (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)
            combined = inner if outer is None else _mul(inner, outer)
            for i in range(pdfium_c.FPDFFormObj_CountObjects(obj)):
                visit(pdfium_c.FPDFFormObj_GetObject(obj, i), combined)
            return
        if kind == PATH and outer is None:
            get_bounds(obj, left, bottom, right, top)
            x0, y0, x1, y1 = left.value, bottom.value, right.value, top.value
            if y1 - y0 <= 2.0 and x1 - x0 >= 8:
                rules.append((x0, x1, height - (y1 + y0) / 2))
            elif x1 - x0 <= 2.0 and y1 - y0 >= 8:
                columns.append(((x0 + x1) / 2, height - y1, height - y0))
            return
        if kind != TEXT:
            return
        text = text_of(obj, textpage)
        if not text or text.isspace():
            return
        get_matrix(obj, matrix)
        m = (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)
        if outer is not None:
            m = _mul(m, outer)
        get_size(obj, size)
        scale = math.hypot(m[2], m[3]) or 1.0
        name, bold, italic, symbol = facts(obj)
        get_bounds(obj, left, bottom, right, top)
        x0, y0, x1, y1 = left.value, bottom.value, right.value, top.value
        if outer is not None:  # bounds of objects in a form are in form space
            xs = [outer[0] * x + outer[2] * y + outer[4] for x, y in ((x0, y0), (x1, y1), (x0, y1), (x1, y0))]
            ys = [outer[1] * x + outer[3] * y + outer[5] for x, y in ((x0, y0), (x1, y1), (x0, y1), (x1, y0))]
            x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
        runs.append(
            Run(
                text,
                name,
                round(size.value * scale, 2),
                bold,
                italic,
                symbol,
                x0,
                x1,
                m[4],  # origin
                height - m[5],  # base
                height - y1,  # top
                height - y0,  # bottom
                is_artifact(obj),
                abs(m[1]) > 1e-3 or abs(m[2]) > 1e-3,  # rotated
                tags.get(get_mcid(obj)) if tags and outer is None else None,
            )
        )

    for i in range(pdfium_c.FPDFPage_CountObjects(page)):
        visit(pdfium_c.FPDFPage_GetObject(page, i), None)
    return runs, _merge_rules(rules), columns


def _merge_rules(rules: list[tuple]) -> list[tuple]:
    """Word draws one underline as several touching pieces, one per run of text."""
    merged: list[list[float]] = []
    for x0, x1, y in sorted(rules, key=lambda r: (round(r[2]), r[0])):
        last = merged[-1] if merged else None
        if last is not None and abs(last[2] - y) <= 0.5 and x0 <= last[1] + 2:
            last[1] = max(last[1], x1)
        else:
            merged.append([x0, x1, y])
    return [tuple(r) for r in merged]


Fonts = _Fonts
