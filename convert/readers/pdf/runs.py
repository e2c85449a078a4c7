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


class _Fonts:
    """Font facts by PDFium font handle: a page uses few fonts, asked about many times."""

    def __init__(self):
        self._known: dict[int, tuple[str, bool, bool, bool]] = {}
        # font name -> (glyphs without a character, first page seen): text that may lack letters
        self.unmapped: dict[str, list[int]] = {}

    def facts(self, font) -> tuple[str, bool, bool, bool]:
        key = ctypes.cast(font, ctypes.c_void_p).value or 0
        found = self._known.get(key)
        if found is None:
            found = self._known[key] = self._ask(font)
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


def _object_text(obj, textpage) -> str:
    size = pdfium_c.FPDFTextObj_GetText(obj, textpage, None, 0)
    if size <= 2:
        return ""
    buf = ctypes.create_string_buffer(size)
    pdfium_c.FPDFTextObj_GetText(obj, textpage, ctypes.cast(buf, ctypes.POINTER(pdfium_c.FPDF_WCHAR)), size)
    # PDFium reports a hyphen that ends a printed line as U+0002; other control codes are glyphs
    # without a character, counted by the caller and then blanked.
    return buf.raw[: size - 2].decode("utf-16-le", errors="replace")


def _is_artifact(obj) -> bool:
    for k in range(pdfium_c.FPDFPageObj_CountMarks(obj)):
        mark = pdfium_c.FPDFPageObj_GetMark(obj, k)
        length = ctypes.c_ulong(0)
        buf = ctypes.create_string_buffer(32)
        ok = pdfium_c.FPDFPageObjMark_GetName(
            mark, ctypes.cast(buf, ctypes.POINTER(pdfium_c.FPDF_WCHAR)), 32, ctypes.byref(length)
        )
        if ok and buf.raw[: max(length.value - 2, 0)].decode("utf-16-le", "replace") == "Artifact":
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
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    matrix = pdfium_c.FS_MATRIX()
    size = ctypes.c_float()

    def visit(obj, outer: tuple | None):
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            pdfium_c.FPDFPageObj_GetMatrix(obj, matrix)
            inner = (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)
            combined = inner if outer is None else _mul(inner, outer)
            for i in range(pdfium_c.FPDFFormObj_CountObjects(obj)):
                visit(pdfium_c.FPDFFormObj_GetObject(obj, i), combined)
            return
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH and outer is None:
            pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
            if top.value - bottom.value <= 2.0 and right.value - left.value >= 8:
                rules.append((left.value, right.value, height - (top.value + bottom.value) / 2))
            elif right.value - left.value <= 2.0 and top.value - bottom.value >= 8:
                columns.append(((left.value + right.value) / 2, height - top.value, height - bottom.value))
            return
        if kind != pdfium_c.FPDF_PAGEOBJ_TEXT:
            return
        raw = _object_text(obj, textpage)
        text = _CONTROLS.sub(" ", raw.replace("\x02", "-"))
        if not text.strip():
            return
        pdfium_c.FPDFPageObj_GetMatrix(obj, matrix)
        m = (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)
        if outer is not None:
            m = _mul(m, outer)
        pdfium_c.FPDFTextObj_GetFontSize(obj, ctypes.byref(size))
        scale = math.hypot(m[2], m[3]) or 1.0
        name, bold, italic, symbol = fonts.facts(pdfium_c.FPDFTextObj_GetFont(obj))
        lost = len(_UNMAPPED.findall(raw))
        if lost and not symbol:
            seen = fonts.unmapped.setdefault(name or "(unnamed)", [0, page_number])
            seen[0] += lost
        pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
        x0, y0, x1, y1 = left.value, bottom.value, right.value, top.value
        if outer is not None:  # bounds of objects in a form are in form space
            xs = [outer[0] * x + outer[2] * y + outer[4] for x, y in ((x0, y0), (x1, y1), (x0, y1), (x1, y0))]
            ys = [outer[1] * x + outer[3] * y + outer[5] for x, y in ((x0, y0), (x1, y1), (x0, y1), (x1, y0))]
            x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
        runs.append(
            Run(
                text=text,
                font=name,
                size=round(size.value * scale, 2),
                bold=bold,
                italic=italic or (abs(m[2]) > 1e-3 and abs(m[1]) <= 1e-3),
                symbol=symbol,
                x0=x0,
                x1=x1,
                origin=m[4],
                base=height - m[5],
                top=height - y1,
                bottom=height - y0,
                artifact=_is_artifact(obj),
                # Only a baseline off the horizontal is rotation; a shear alone (c != 0, b == 0)
                # is a slanted face: Word slants a fallback font ("å" in Arial Unicode MS inside
                # an italic Verdana heading) so, and it belongs to the line it sits in.
                rotated=abs(m[1]) > 1e-3 or (abs(m[2]) > 1e-3 and abs(m[0]) < 1e-3),
                tag=tags.get(pdfium_c.FPDFPageObj_GetMarkedContentID(obj)) if tags and outer is None else None,
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
