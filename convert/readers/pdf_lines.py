"""PDF pages into printed lines, read with pypdfium2 (PDFium, BSD/Apache licensed).

PDF text is a set of text objects, each one text-showing operator (ISO 32000-1:2008, 9.4 "Text
objects") drawn with one font at one size. We read those objects rather than single characters:
PDFium has already resolved their Unicode (9.10 "Extraction of text content"), and one call per
object instead of several per character is what makes this reader fast. Objects are grouped into
lines by baseline, ordered left to right, and a space is put where the gap between two objects
is wider than a fraction of the font size. Bold and italic come from the font's name, weight and
flags (9.8.2 "Font descriptor flags"). Objects inside Form XObjects (8.10) are followed, with
their form matrix applied. Marked content named ``Artifact`` (14.8.2.2 "Real content and
artifacts") is remembered: a tagged PDF says that text is not content, which the furniture step
may use together with the position on the page.

Coordinates in :class:`convert.readers.lines.Line` are points from the page's top-left corner.
"""

from __future__ import annotations

import ctypes
import math
import re
from dataclasses import dataclass
from itertools import count

import pypdfium2.raw as pdfium_c

from convert.readers import pdf_tables
from convert.readers.blocks import join_lines
from convert.readers.lines import Line
from convert.readers.pdf_structure import Tag, page_tags

# Font names of bold faces: "Verdana,Bold", "TimesNewRomanPS-BoldMT", "Arial-Black", "…Semibold".
_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
_ITALIC_NAME = re.compile(r"italic|oblique", re.IGNORECASE)
_SYMBOL_FONT = re.compile(r"symbol|wingdings|webdings|dingbat", re.IGNORECASE)
# Private-use bullets of Symbol/Wingdings (U+F0B7, U+F0A7, …) and the usual bullet characters.
_BULLETS = {"\uf0b7", "\uf0a7", "\uf076", "\uf0d8", "\uf0fc", "\uf06e", "\u00b7", "\u2022", "\u25aa", "\u25cf"}
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\ufffe\uffff]")
_FORCE_BOLD = 1 << 18  # font descriptor flag ForceBold (bit 19)
_ITALIC_FLAG = 1 << 6  # flag Italic (bit 7)

BULLET = "\u2022"


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
    text = buf.raw[: size - 2].decode("utf-16-le", errors="replace")
    # PDFium reports a hyphen that ends a printed line as U+0002; other control codes are noise.
    return _CONTROLS.sub(" ", text.replace("\x02", "-"))


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
        text = _object_text(obj, textpage)
        if not text.strip():
            return
        pdfium_c.FPDFPageObj_GetMatrix(obj, matrix)
        m = (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)
        if outer is not None:
            m = _mul(m, outer)
        pdfium_c.FPDFTextObj_GetFontSize(obj, ctypes.byref(size))
        scale = math.hypot(m[2], m[3]) or 1.0
        name, bold, italic, symbol = fonts.facts(pdfium_c.FPDFTextObj_GetFont(obj))
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
                italic=italic,
                symbol=symbol,
                x0=x0,
                x1=x1,
                origin=m[4],
                base=height - m[5],
                top=height - y1,
                bottom=height - y0,
                artifact=_is_artifact(obj),
                rotated=abs(m[1]) > 1e-3 or abs(m[2]) > 1e-3,
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


@dataclass(slots=True)
class PageLine:
    """A printed line with what the furniture step needs beyond :class:`Line`."""

    line: Line
    artifact: bool  # every run of it is marked content "Artifact"
    rotated: bool
    lefts: tuple[float, ...] = ()  # a table row's cells: where each begins on the page


def _join(runs: list[Run]) -> str:
    parts: list[str] = []
    prev: Run | None = None
    for run in runs:
        text = run.text
        if (run.symbol and text.strip() in _BULLETS) or text.strip() in _BULLETS - {"\u00b7"}:
            text = BULLET  # a Symbol/Wingdings bullet glyph is a list bullet, whatever its code
        if prev is not None:
            # From the pen position, not the glyph's ink: a "1" has wide side bearings.
            start = run.origin if run.x0 - run.size < run.origin <= run.x0 else run.x0
            gap = start - prev.x1
            if gap > 0.18 * max(prev.size, run.size) and not parts[-1].endswith(" ") and not text.startswith(" "):
                parts.append(" ")
        parts.append(text)
        prev = run
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def _underlined(x0: float, x1: float, base: float, rules: list[tuple]) -> bool:
    """A rule just below the baseline, under most of the line and not wider than it (a table's
    border runs past its cell text)."""
    return any(
        r0 >= x0 - 3 and r1 <= x1 + 3 and r1 - r0 >= 0.7 * (x1 - x0) and base - 1 <= y <= base + 4
        for r0, r1, y in rules
    )


def _baseline_rows(runs: list[Run]) -> list[list[Run]]:
    """Runs sharing a baseline (within a third of the font size), top to bottom, each row left to
    right. Rotated text (a stamp up the margin) never joins a horizontal line: each run stays alone."""
    rows: list[list[Run]] = []
    for run in sorted(runs, key=lambda r: (r.base, r.x0)):
        row = rows[-1] if rows else None
        if (
            row is not None
            and not run.rotated
            and not row[0].rotated
            and abs(run.base - row[0].base) <= max(1.5, 0.35 * min(run.size, row[0].size))
        ):
            row.append(run)
        else:
            rows.append([run])
    for row in rows:
        row.sort(key=lambda r: r.x0)
    return rows


def _trusted_units(runs: list[Run]) -> tuple[list[list[Run]], list[Run]]:
    """The runs of each tagged heading and table row, where the page agrees with the tree: the unit
    spans a few lines and no other text is printed on or between its baselines. The rest of the
    runs, and every unit the page contradicts, are left to baseline grouping."""
    groups: dict[int, list[Run]] = {}
    for run in runs:
        if run.tag is not None and not run.rotated and not run.artifact:
            groups.setdefault(run.tag.group, []).append(run)
    if not groups:
        return [], runs
    units: list[list[Run]] = []
    taken: set[int] = set()
    for group, members in groups.items():
        size = max(r.size for r in members)
        lo, hi = min(r.base for r in members) - 0.35 * size, max(r.base for r in members) + 0.35 * size
        if hi - lo > 12 * size:
            continue
        if any(lo <= r.base <= hi and (r.tag is None or r.tag.group != group) for r in runs):
            continue
        units.append(members)
        taken.update(id(r) for r in members)
    return units, [r for r in runs if id(r) not in taken]


def _text_of(runs: list[Run]) -> str:
    """The text of runs that may wrap over several printed lines, joined as one."""
    return join_lines([_join(row) for row in _baseline_rows(runs)])


def _make_line(row: list[Run], text: str, page_no: int, width: float, height: float, rules) -> Line:
    # The line's style is the style of most of its letters.
    main = max(row, key=lambda r: len(r.text.strip()))
    letters = sum(len(r.text.strip()) for r in row) or 1
    bold_letters = sum(len(r.text.strip()) for r in row if r.bold)
    return Line(
        text=text,
        page=page_no,
        font=main.font,
        size=main.size,
        bold=bold_letters * 2 > letters,
        italic=main.italic,
        underline=_underlined(min(r.x0 for r in row), max(r.x1 for r in row), main.base, rules),
        x0=round(min(r.x0 for r in row), 2),
        x1=round(max(r.x1 for r in row), 2),
        top=round(min(r.top for r in row), 2),
        bottom=round(max(r.bottom for r in row), 2),
        page_height=round(height, 2),
        page_width=round(width, 2),
    )


def _unit_line(unit: list[Run], page_no: int, width: float, height: float) -> PageLine | None:
    """One line for a tagged heading (wrapped lines joined) or table row (cells kept apart)."""
    tag = unit[0].tag
    if tag.role in ("TH", "TD"):
        by_cell: dict[int, list[Run]] = {}
        for run in unit:
            by_cell.setdefault(run.tag.cell, []).append(run)
        order = range(tag.width) if tag.placed else sorted(by_cell)
        cells = tuple(_text_of(by_cell[n]) if n in by_cell else "" for n in order)
        text = " ".join(c for c in cells if c)
        if not text:
            return None
        line = _make_line(unit, text, page_no, width, height, ())
        line.cells = cells
        line.role = "TH" if all(r.tag.role == "TH" for r in unit) else "TR"
        if tag.placed:
            return PageLine(line, False, False)
        return PageLine(line, False, False, tuple(min(r.x0 for r in by_cell[n]) for n in order))
    text = _text_of(unit)
    if not text:
        return None
    line = _make_line(unit, text, page_no, width, height, ())
    line.role = tag.role
    return PageLine(line, False, False)


def _align_columns(lines: list[PageLine]) -> None:
    """Put each cell of a table's rows under its column. A typesetter may leave an empty cell out
    of the structure tree altogether (WeasyPrint does), so a row's cells are placed by where they
    begin, against the row of the same table with the most cells."""
    table: list[PageLine] = []
    for pl in [*lines, None]:
        if pl is not None and pl.lefts:
            table.append(pl)
            continue
        if table:
            columns = max(table, key=lambda r: len(r.lefts)).lefts
            for row in table:
                if len(row.lefts) < len(columns):
                    cells = [""] * len(columns)
                    for text, left in zip(row.line.cells, row.lefts, strict=True):
                        cells[min(range(len(columns)), key=lambda j: abs(columns[j] - left))] += text
                    row.line.cells = tuple(cells)
            table = []


def group_lines(runs: list[Run], page_no: int, width: float, height: float, rules: list[tuple] = ()) -> list[PageLine]:
    """The printed lines of a page, top to bottom: runs sharing a baseline, except that a tagged
    heading or table row the page agrees with is one line however many it wraps over."""
    units, rest = _trusted_units(runs)
    keyed: list[tuple[float, float, PageLine]] = []
    for unit in units:
        unit_line = _unit_line(unit, page_no, width, height)
        if unit_line is not None:
            keyed.append((min(r.base for r in unit), unit_line.line.x0 or 0, unit_line))
    for row in _baseline_rows(rest):
        text = _join(row)
        if not text:
            continue
        line = _make_line(row, text, page_no, width, height, rules)
        page_line = PageLine(line, all(r.artifact for r in row), any(r.rotated for r in row))
        keyed.append((row[0].base, line.x0 or 0, page_line))
    keyed.sort(key=lambda k: (k[0], k[1]))
    lines = [pl for _, _, pl in keyed]
    if units:
        _align_columns(lines)
    return lines


def read_page(document, index: int, fonts: _Fonts) -> list[PageLine]:
    """The printed lines of page ``index`` (0-based); the page is closed before returning."""
    page = pdfium_c.FPDF_LoadPage(document, index)
    if not page:
        return []
    textpage = pdfium_c.FPDFText_LoadPage(page)
    try:
        width = pdfium_c.FPDF_GetPageWidthF(page)
        height = pdfium_c.FPDF_GetPageHeightF(page)
        runs, rules, columns = page_runs(page, textpage, height, fonts, page_tags(page)) if textpage else ([], [], [])
        pdf_tables.label(runs, pdf_tables.find(rules, columns), count(1 << 30))
        return group_lines(runs, index + 1, width, height, rules)
    finally:
        if textpage:
            pdfium_c.FPDFText_ClosePage(textpage)
        pdfium_c.FPDF_ClosePage(page)


Fonts = _Fonts
