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

import codecs
import ctypes
import math
import re
import struct
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
    """What PDFium writes its answers into, made once per document, with the byref() objects that
    pass them (one made for each of a page's objects, or a fresh buffer, cost more than the answers)."""

    def __init__(self):
        # An object's font size, matrix (a, b, c, d, e, f) and bounds (left, bottom, right, top)
        # side by side, so that one unpack reads them all back; the first 20 bytes (size, a-d)
        # with the font decide the run's style.
        self.floats = (ctypes.c_float * 11)()
        self.style_bytes = memoryview(self.floats).cast("B")[:20]
        self.size_at, self.matrix_at = ctypes.byref(self.floats), ctypes.byref(self.floats, 4)
        self.box_at = tuple(ctypes.byref(self.floats, 4 * k) for k in range(7, 11))
        self.name = ctypes.create_string_buffer(32)  # a marked-content tag's name, UTF-16
        self.name_length = ctypes.c_ulong()
        self.name_at, self.name_room = ctypes.byref(self.name), ctypes.c_ulong(len(self.name))
        self.name_length_at = ctypes.byref(self.name_length)
        self.text = (ctypes.c_ushort * 0)()
        self.text_bytes = memoryview(self.text).cast("B")
        self.text_at = ctypes.byref(self.text)

    def text_for(self, units: int) -> None:
        """Room for ``units`` UTF-16 code units of text."""
        if len(self.text) < units:
            self.text = (ctypes.c_ushort * units)()
            self.text_bytes = memoryview(self.text).cast("B")
        self.text_at = ctypes.byref(self.text)


# What str(data, "utf-16-le", "replace") calls (final=True: a cut-off character is replaced, as
# there), without looking the codec up by name for every object.
_utf16 = codecs.utf_16_le_decode
_FLOATS = struct.Struct("11f").unpack_from
_MATRIX = struct.Struct("4x6f").unpack_from


class _Fonts:
    """Font facts by PDFium font handle: a page uses few fonts, asked about many times."""

    def __init__(self):
        self._known: dict[int | None, tuple[str, bool, bool, bool]] = {}
        # font name -> (glyphs without a character, first page seen): text that may lack letters
        self.unmapped: dict[str, list[int]] = {}
        self.table_columns: tuple[float, ...] = ()  # a table running on to the next page (lines)
        # (font, the bytes of its size and matrix) -> the run's style, kept as the facts are: a
        # document sets its text in a few sizes of a few fonts, page after page.
        self.styles: dict[tuple[int | None, bytes], tuple] = {}
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
        flags = max(pdfium_c.FPDFFont_GetFlags(font), 0)  # the descriptor's flags; -1 when none
        weight = pdfium_c.FPDFFont_GetWeight(font)
        bold = bool(_BOLD_NAME.search(name)) or weight >= 600 or bool(flags & _FORCE_BOLD)
        italic = bool(_ITALIC_NAME.search(name)) or bool(flags & _ITALIC_FLAG)
        return name, bold, italic, bool(_SYMBOL_FONT.search(name))


def _is_artifact(obj: int, marks: int, buffers: _Buffers) -> bool:
    """Whether one of the object's ``marks`` marked-content tags is named Artifact."""
    for k in range(marks):
        mark = FPDFPageObj_GetMark(obj, k)
        # A name too long for the buffer is not copied: only a name of Artifact's length is read.
        if (
            FPDFPageObjMark_GetName(mark, buffers.name_at, buffers.name_room, buffers.name_length_at)
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


def _mend(raw: str) -> tuple[str, int]:
    """Text with PDFium's special characters mended, and how many glyphs had no character.
    PDFium reports a hyphen that ends a printed line as U+0002; other control codes are glyphs
    without a character, counted and then blanked."""
    # U+200B ZERO WIDTH SPACE only marks where a line may break (a long URL): no character.
    text = _CONTROLS.sub(" ", raw.replace("\x02", "-").replace("\u200b", ""))
    return text, len(_UNMAPPED.findall(raw))


def _map_box(m: tuple, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
    """The box (left, bottom, right, top) around a box mapped by matrix m."""
    corners = ((x0, y0), (x1, y1), (x0, y1), (x1, y0))
    xs = [m[0] * x + m[2] * y + m[4] for x, y in corners]
    ys = [m[1] * x + m[3] * y + m[5] for x, y in corners]
    return min(xs), min(ys), max(xs), max(ys)


def _style(facts: tuple[str, bool, bool, bool], size: float, a: float, b: float, c: float, d: float) -> tuple:
    """Font name, size on the page, bold, italic, symbol and rotated, from the font's facts, its
    size and the text's matrix."""
    name, bold, italic, symbol = facts
    return (
        name,
        round(size * (math.hypot(c, d) or 1.0), 2),
        bold,
        italic or (abs(c) > 1e-3 and abs(b) <= 1e-3),
        symbol,
        # Only a baseline off the horizontal is rotation; a shear alone (c != 0, b == 0) is a
        # slanted face: Word slants a fallback font ("å" in Arial Unicode MS inside an italic
        # Verdana heading) so, and it belongs to the line it sits in.
        abs(b) > 1e-3 or (abs(c) > 1e-3 and abs(a) < 1e-3),
    )


def page_runs(
    page, textpage, height: float, fonts: _Fonts, tags: dict[int, Tag] | None = None, page_number: int = 0
) -> tuple[list[Run], list[tuple], list[tuple]]:
    """Every text object of a page, Form XObjects included, in page coordinates; the thin
    horizontal rules drawn on the page (x0, x1, y from the top), which may underline a line or
    bound a table's rows; and the thin vertical ones (x, y0, y1), which may bound its columns.
    ``tags`` (MCID -> Tag, from the structure tree) labels the runs of headings and table rows."""
    runs: list[Run] = []
    rules: list[tuple[float, float, float]] = []
    columns: list[tuple[float, float, float]] = []
    textpage = address(textpage)
    buffers = fonts.buffers
    # An object's text is at most every character of the page, each with a line break before
    # it and as a surrogate pair: one buffer that size serves every object of the page.
    buffers.text_for(4 * FPDFText_CountChars(textpage) + 2)
    text_at, text_bytes, capacity = buffers.text_at, buffers.text_bytes, 2 * len(buffers.text)
    room = ctypes.c_ulong(capacity)
    floats, matrix_at, size_at, style_bytes = buffers.floats, buffers.matrix_at, buffers.size_at, buffers.style_bytes
    left_at, bottom_at, right_at, top_at = buffers.box_at
    facts, known, unmapped, append = fonts.facts, fonts._known, fonts.unmapped, runs.append
    # The loop below runs for every object of every page: PDFium's functions and the module's
    # patterns as locals, so that each use is not a global lookup.
    get_text, get_type, get_matrix, get_size, get_font, get_bounds, count_marks = (
        FPDFTextObj_GetText, FPDFPageObj_GetType, FPDFPageObj_GetMatrix, FPDFTextObj_GetFontSize,
        FPDFTextObj_GetFont, FPDFPageObj_GetBounds, FPDFPageObj_CountMarks,
    )  # fmt: skip
    special = _SPECIAL.search
    styles = fonts.styles

    def visit(holder: int, count: int, get_object, outer: tuple | None) -> None:
        """The objects of the page (``outer`` None) or of a Form XObject in it, ``outer`` then
        mapping the form's space to the page."""
        for i in range(count):
            obj = get_object(holder, i)
            # PDFium gives 0 for an object that is not text, 2 (the terminating NUL) for no text.
            n = get_text(obj, textpage, text_at, room)
            if n <= 2:
                kind = get_type(obj) if n == 0 else FPDF_PAGEOBJ_TEXT
                if kind == FPDF_PAGEOBJ_PATH and outer is None:
                    get_bounds(obj, left_at, bottom_at, right_at, top_at)
                    x0, y0, x1, y1 = floats[7:11]
                    if y1 - y0 <= 2.0 and x1 - x0 >= 8:
                        rules.append((x0, x1, height - (y1 + y0) / 2))
                    elif x1 - x0 <= 2.0 and y1 - y0 >= 8:
                        columns.append(((x0 + x1) / 2, height - y1, height - y0))
                elif kind == FPDF_PAGEOBJ_FORM:
                    get_matrix(obj, matrix_at)
                    inner = _MATRIX(floats)
                    combined = inner if outer is None else _mul(inner, outer)
                    visit(obj, FPDFFormObj_CountObjects(obj), FPDFFormObj_GetObject, combined)
                continue
            if n > capacity:  # not with the bound above; so that a surprise cannot cut text short
                larger = (ctypes.c_ushort * (n // 2 + 1))()
                get_text(obj, textpage, ctypes.byref(larger), ctypes.c_ulong(n))
                raw = _utf16(memoryview(larger).cast("B")[: n - 2], "replace", True)[0]
            else:
                raw = _utf16(text_bytes[: n - 2], "replace", True)[0]
            text, lost = raw, 0
            # Every special character but U+FFFD is unprintable: most text is printable, and
            # isprintable() settles it without a search.
            if (not raw.isprintable() or "\ufffd" in raw) and special(raw):
                text, lost = _mend(raw)
            if not text or text.isspace():
                continue
            get_matrix(obj, matrix_at)
            get_size(obj, size_at)
            get_bounds(obj, left_at, bottom_at, right_at, top_at)
            size, a, b, c, d, e, f, x0, y0, x1, y1 = _FLOATS(floats)
            font = get_font(obj)
            if outer is None:
                # The same font and the same bits of font size and matrix make the same style.
                key = (font, style_bytes.tobytes())
                style = styles.get(key)
                if style is None:
                    style = styles[key] = _style(known.get(font) or facts(font), size, a, b, c, d)
            else:
                a, b, c, d, e, f = _mul((a, b, c, d, e, f), outer)
                x0, y0, x1, y1 = _map_box(outer, x0, y0, x1, y1)  # bounds are in form space
                style = _style(known.get(font) or facts(font), size, a, b, c, d)
            name, scaled, bold, italic, symbol, rotated = style
            if lost and not symbol:
                seen = unmapped.setdefault(name or "(unnamed)", [0, page_number])
                seen[0] += lost
            marks = count_marks(obj)
            append(
                Run(
                    text,
                    name,
                    scaled,
                    bold,
                    italic,
                    symbol,
                    x0,
                    x1,
                    e,  # origin
                    height - f,  # base
                    height - y1,  # top
                    height - y0,  # bottom
                    marks > 0 and _is_artifact(obj, marks, buffers),
                    rotated,
                    tags.get(FPDFPageObj_GetMarkedContentID(obj)) if tags and outer is None else None,
                )
            )

    page = address(page)
    visit(page, FPDFPage_CountObjects(page), FPDFPage_GetObject, None)
    # visit refers to itself (it recurses into forms): a reference cycle that would keep the page's
    # runs, buffers and handles until the cycle collector runs, so that memory grew with the pages
    # read between two collections. Emptying the name breaks the cycle.
    visit = None
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
