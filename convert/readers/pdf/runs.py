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

from convert.readers.pdf.pdfium import (
    FPDF_PAGEOBJ_FORM,
    FPDF_PAGEOBJ_PATH,
    FPDF_PAGEOBJ_TEXT,
    FPDFFormObj_CountObjects,
    FPDFFormObj_GetObject,
    FPDFPage_CountObjects,
    FPDFPage_GetObject,
    FPDFPageObj_CountMarks,
    FPDFPageObj_GetBounds,
    FPDFPageObj_GetMark,
    FPDFPageObj_GetMarkedContentID,
    FPDFPageObj_GetMatrix,
    FPDFPageObj_GetType,
    FPDFPageObjMark_GetName,
    FPDFText_CountChars,
    FPDFTextObj_GetFont,
    FPDFTextObj_GetFontSize,
    FPDFTextObj_GetText,
    address,
)
from convert.readers.pdf.structure import Tag

# Font names of bold faces: "Verdana,Bold", "TimesNewRomanPS-BoldMT", "Arial-Black", "…Semibold".
_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
_ITALIC_NAME = re.compile(r"italic|oblique", re.IGNORECASE)
_SYMBOL_FONT = re.compile(r"symbol|wingdings|webdings|dingbat", re.IGNORECASE)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\ufffe\uffff]")
# What PDFium gives for a glyph whose font maps it to no character (no ToUnicode, no usable
# encoding or glyph name; ISO 32000-1, 9.10.2): a control code, U+FFFD, or a private-use code.
_UNMAPPED = re.compile(r"[\x00\x01\x03-\x08\x0b\x0c\x0e-\x1f\ufffd\ue000-\uf8ff]")
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


_ARTIFACT = "Artifact".encode("utf-16-le")
# Every character the rewriting below changes or counts: most text has none of them.
_SPECIAL = re.compile(r"[\x00-\x08\x0b-\x1f\u200b\ufffd\ue000-\uf8ff\ufffe\uffff]")


class _Buffers:
    """What PDFium writes its answers into, made once per document and passed by address (a
    byref() or a fresh buffer for each of a page's objects cost more than the answers)."""

    def __init__(self):
        self.matrix = (ctypes.c_float * 6)()  # a, b, c, d, e, f
        self.box = (ctypes.c_float * 4)()  # left, bottom, right, top
        self.size = ctypes.c_float()
        self.name = ctypes.create_string_buffer(32)  # a marked-content tag's name, UTF-16
        self.name_length = ctypes.c_ulong()
        self.matrix_at, self.size_at = ctypes.addressof(self.matrix), ctypes.addressof(self.size)
        self.box_at = tuple(ctypes.addressof(self.box) + 4 * k for k in range(4))
        self.name_length_at = ctypes.addressof(self.name_length)
        self.text = (ctypes.c_ushort * 0)()
        self.text_bytes = memoryview(self.text).cast("B")

    def text_for(self, units: int) -> None:
        """Room for ``units`` UTF-16 code units of text."""
        if len(self.text) < units:
            self.text = (ctypes.c_ushort * units)()
            self.text_bytes = memoryview(self.text).cast("B")


class _Fonts:
    """Font facts by PDFium font handle: a page uses few fonts, asked about many times."""

    def __init__(self):
        self._known: dict[int | None, tuple[str, bool, bool, bool]] = {}
        # font name -> (glyphs without a character, first page seen): text that may lack letters
        self.unmapped: dict[str, list[int]] = {}
        self.table_columns: tuple[float, ...] = ()  # a table running on to the next page (lines)
        self.buffers = _Buffers()

    def facts(self, font: int | None) -> tuple[str, bool, bool, bool]:
        found = self._known.get(font)
        if found is None:
            found = self._known[font] = self._ask(ctypes.cast(font, pdfium_c.FPDF_FONT) if font else None)
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


def _is_artifact(obj: int, buffers: _Buffers) -> bool:
    for k in range(FPDFPageObj_CountMarks(obj)):
        # A name too long for the buffer is not copied: only a name of Artifact's length is read.
        if (
            FPDFPageObjMark_GetName(FPDFPageObj_GetMark(obj, k), buffers.name, 32, buffers.name_length_at)
            and buffers.name_length.value == len(_ARTIFACT) + 2
            and buffers.name.raw[: len(_ARTIFACT)] == _ARTIFACT
        ):
            return True
    return False


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
    page, textpage, height: float, fonts: _Fonts, tags: dict[int, Tag] | None = None, page_number: int = 0
) -> tuple[list[Run], list[tuple], list[tuple]]:
    """Every text object of a page, Form XObjects included, in page coordinates; the thin
    horizontal rules drawn on the page (x0, x1, y from the top), which may underline a line or
    bound a table's rows; and the thin vertical ones (x, y0, y1), which may bound its columns.
    ``tags`` (MCID -> Tag, from the structure tree) labels the runs of headings and table rows."""
    tags = tags or {}
    runs: list[Run] = []
    rules: list[tuple[float, float, float]] = []
    columns: list[tuple[float, float, float]] = []
    textpage = address(textpage)
    buffers = fonts.buffers
    # An object's text is at most every character of the page, each with a line break before
    # it and as a surrogate pair: one buffer that size serves every object of the page.
    buffers.text_for(4 * FPDFText_CountChars(textpage) + 2)
    text_buffer, text_bytes, capacity = buffers.text, buffers.text_bytes, 2 * len(buffers.text)
    matrix, box, size = buffers.matrix, buffers.box, buffers.size
    matrix_at, size_at, box_at = buffers.matrix_at, buffers.size_at, buffers.box_at
    facts = fonts.facts

    def visit(obj: int, outer: tuple | None):
        kind = FPDFPageObj_GetType(obj)
        if kind == FPDF_PAGEOBJ_FORM:
            FPDFPageObj_GetMatrix(obj, matrix_at)
            inner = tuple(matrix)
            combined = inner if outer is None else _mul(inner, outer)
            for i in range(FPDFFormObj_CountObjects(obj)):
                visit(FPDFFormObj_GetObject(obj, i), combined)
            return
        if kind == FPDF_PAGEOBJ_PATH and outer is None:
            FPDFPageObj_GetBounds(obj, *box_at)
            x0, y0, x1, y1 = box
            if y1 - y0 <= 2.0 and x1 - x0 >= 8:
                rules.append((x0, x1, height - (y1 + y0) / 2))
            elif x1 - x0 <= 2.0 and y1 - y0 >= 8:
                columns.append(((x0 + x1) / 2, height - y1, height - y0))
            return
        if kind != FPDF_PAGEOBJ_TEXT:
            return
        n = FPDFTextObj_GetText(obj, textpage, text_buffer, capacity)
        if n <= 2:
            return
        if n > capacity:  # not with the bound above; so that a surprise cannot cut text short
            larger = (ctypes.c_ushort * (n // 2 + 1))()
            FPDFTextObj_GetText(obj, textpage, larger, n)
            raw = str(memoryview(larger).cast("B")[: n - 2], "utf-16-le", "replace")
        else:
            raw = str(text_bytes[: n - 2], "utf-16-le", "replace")
        # PDFium reports a hyphen that ends a printed line as U+0002; other control codes are
        # glyphs without a character, counted and then blanked.
        text, lost = raw, 0
        if _SPECIAL.search(raw):
            # U+200B ZERO WIDTH SPACE only marks where a line may break (a long URL): no character.
            text = _CONTROLS.sub(" ", raw.replace("\x02", "-").replace("\u200b", ""))
            lost = len(_UNMAPPED.findall(raw))
        if not text.strip():
            return
        FPDFPageObj_GetMatrix(obj, matrix_at)
        m = matrix[:]
        if outer is not None:
            m = _mul(m, outer)
        FPDFTextObj_GetFontSize(obj, size_at)
        scale = math.hypot(m[2], m[3]) or 1.0
        name, bold, italic, symbol = facts(FPDFTextObj_GetFont(obj))
        if lost and not symbol:
            seen = fonts.unmapped.setdefault(name or "(unnamed)", [0, page_number])
            seen[0] += lost
        FPDFPageObj_GetBounds(obj, *box_at)
        x0, y0, x1, y1 = box
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
                italic or (abs(m[2]) > 1e-3 and abs(m[1]) <= 1e-3),
                symbol,
                x0,
                x1,
                m[4],  # origin
                height - m[5],  # base
                height - y1,  # top
                height - y0,  # bottom
                _is_artifact(obj, buffers),
                # Only a baseline off the horizontal is rotation; a shear alone (c != 0, b == 0)
                # is a slanted face: Word slants a fallback font ("å" in Arial Unicode MS inside
                # an italic Verdana heading) so, and it belongs to the line it sits in.
                abs(m[1]) > 1e-3 or (abs(m[2]) > 1e-3 and abs(m[0]) < 1e-3),  # rotated
                tags.get(FPDFPageObj_GetMarkedContentID(obj)) if tags and outer is None else None,
            )
        )

    page = address(page)
    for i in range(FPDFPage_CountObjects(page)):
        visit(FPDFPage_GetObject(page, i), None)
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
