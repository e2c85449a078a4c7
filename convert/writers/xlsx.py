"""Writer for Excel workbooks for councillors (Office Open XML SpreadsheetML, ECMA-376 / ISO/IEC 29500).

Specification: https://ecma-international.org/publications-and-standards/standards/ecma-376/
Library: openpyxl, https://openpyxl.readthedocs.io/

Five sheets, each an Excel table with a frozen header row and filter buttons: "Punkter" (one row
per agenda item), "Bilag" (one row per attachment), "Møde" (one row per meeting), "Fremmøde" (one
row per person per meeting) and "Afstemninger" (one row per vote; see ``_xlsx_people``).
``write_combined`` puts every item of many minutes into one workbook, so a councillor can filter a
whole year by committee, date or word.

No cell is ever a formula: a string that a spreadsheet would evaluate (starting with "=", "+",
"-", "@", tab or CR; OWASP "CSV Injection") is stored as a string cell with Excel's quote prefix.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.table import Table, TableStyleInfo

from convert.errors import OutputError
from convert.model import Block, ListBlock, Minutes, Paragraph, Subheading
from convert.model import Table as TableBlock
from convert.numbering import item_marker
from convert.writers._package import settle
from convert.writers._xlsx_people import AFSTEMNINGER, FREMMOEDE, attendance_rows, number_cell, vote_rows

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CELL_LIMIT = 32767  # characters in one cell (Excel specifications and limits)
# (header, width in characters); each sheet's widths add up to about 175 characters, which an A4
# landscape page prints at about 80 % (legible), the long text wrapping in its cells.
PUNKTER = [
    ("Mødedato", 11),
    ("Udvalg", 20),
    ("Nr.", 5),
    ("Titel", 26),
    ("Åben/Lukket", 8),
    ("Sagsnr.", 12),
    ("Indstilling", 36),
    ("Beslutning", 36),
    ("Beslutningsdato", 14),
    ("Antal bilag", 7),
]
BILAG = [
    ("Mødedato", 11),
    ("Udvalg", 20),
    ("Punkt nr.", 6),
    ("Punkttitel", 32),
    ("Bilag nr.", 6),
    ("Titel", 48),
    ("Adgang", 9),
    ("Dok.nr.", 13),
    ("Sagsnr.", 13),
]
MOEDE = [
    ("Udvalg", 20),
    ("Dato", 11),
    ("Myndighed", 16),
    ("Start", 7),
    ("Slut", 7),
    ("Sted", 18),
    ("Deltagere", 50),
    ("Fraværende", 25),
    ("Kildefil", 25),
]
DATE_FORMAT = "dd-mm-yyyy"
TIME_FORMAT = "hh:mm"
_TIME = re.compile(r"(?:kl\.?\s*)?([01]?\d|2[0-3])[:.]([0-5]\d)", re.IGNORECASE)


@dataclass(frozen=True)
class Options:
    date_format: str = DATE_FORMAT  # Excel number format for the date columns


def _text(blocks: list[Block]) -> list[str]:
    """Blocks as plain lines: lists indented with bullets or numbers, table cells tab-separated."""
    lines: list[str] = []

    def add_list(block: ListBlock, depth: int) -> None:
        for n, item in enumerate(block.items):
            lines.append("  " * depth + (f"{item_marker(block, n)} " if block.ordered else "• ") + item.text)
            if item.sublist is not None:
                add_list(item.sublist, depth + 1)

    for block in blocks:
        if isinstance(block, (Paragraph, Subheading)):
            lines.append(block.text)
        elif isinstance(block, ListBlock):
            add_list(block, 0)
        elif isinstance(block, TableBlock):
            lines.extend("\t".join(row) for row in block.rows)
    return lines


def _content(blocks: list[Block]) -> list[Block]:
    """The blocks without a closing lead-in that introduces nothing ("Følgende deltog ikke i
    behandlingen af punktet:" with no names after it): boilerplate the minutes' system prints
    whether or not it is filled in. The canonical document keeps it."""
    blocks = list(blocks)
    while blocks and isinstance(blocks[-1], (Paragraph, Subheading)) and blocks[-1].text.rstrip().endswith(":"):
        blocks.pop()
    return blocks


def _sections_text(item, kind: str) -> str:
    texts = ("\n".join(_text(_content(s.blocks))) for s in item.sections_of(kind))
    return "\n\n".join(t for t in texts if t)


def _time(text: str | None):
    """A meeting's start or end ("13:00", "kl. 9.30") as a time of day; anything else as printed."""
    found = _TIME.fullmatch(text.strip()) if text else None
    return dt.time(int(found[1]), int(found[2])) if found else text


def safe(value):
    """A cell value that is never a formula, never illegal XML and never longer than Excel allows."""
    if not isinstance(value, str):
        return value
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if len(value) > CELL_LIMIT:
        value = value[: CELL_LIMIT - 1] + "…"
    return value


def _access(access: str) -> str:
    return "Lukket" if access == "closed" else "Åben"


def _person(p) -> str:
    extra = ", ".join(x for x in (p.role, p.party) if x)
    return f"{p.name} ({extra})" if extra else p.name


def _rows(minutes_list: list[Minutes]):
    punkter, bilag, moede = [], [], []
    for minutes in minutes_list:
        m = minutes.meeting
        moede.append(
            [
                m.body,
                m.date,
                m.authority,
                _time(m.start),
                _time(m.end),
                m.location,
                "; ".join(_person(p) for p in m.participants if not p.absent),
                "; ".join(_person(p) for p in m.participants if p.absent),
                minutes.source.file,
            ]
        )
        for item in minutes.items:
            decisions = item.sections_of("decision")
            decided = next((s.date for s in decisions if s.date), None) or m.date
            punkter.append(
                [
                    m.date,
                    m.body,
                    number_cell(item.number),
                    item.title,
                    _access(item.access),
                    item.case_number,
                    _sections_text(item, "recommendation"),
                    _sections_text(item, "decision"),
                    decided,
                    len(item.attachments),
                ]
            )
            for a in item.attachments:
                bilag.append(
                    [
                        m.date,
                        m.body,
                        number_cell(item.number),
                        item.title,
                        number_cell(a.number),
                        a.title,
                        a.access_label or _access(a.access),
                        a.document_id,
                        a.case_number,
                    ]
                )
    return punkter, bilag, moede


def _height(row, widths) -> float:
    """Row height in points for the wrapped text: spreadsheets do not grow rows on opening a file."""
    lines = 1
    for value, width in zip(row, widths, strict=True):
        if isinstance(value, str):
            wrapped = sum(1 + len(line) * 11 // (10 * width) for line in value.split("\n"))
            lines = max(lines, wrapped)
    return min(409.0, 15.0 * lines)  # 409 points: the tallest row Excel allows


def _sheet(wb: Workbook, name: str, columns, rows, options: Options, first: bool) -> None:
    ws = wb.active if first else wb.create_sheet()
    ws.title = name
    ws.append([h for h, _ in columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    wrap = Alignment(wrap_text=True, vertical="top")
    widths = [w for _, w in columns]
    for r, row in enumerate(rows, start=2):
        ws.row_dimensions[r].height = _height(row, widths)
        for c, value in enumerate(row, start=1):
            if value is None or value == "":
                continue
            cell = ws.cell(row=r, column=c, value=None)
            value = safe(value)
            cell.value = value
            if isinstance(value, str):
                # openpyxl makes "=..." a formula; force a string cell, and quote it for Excel's editor.
                cell.data_type = "s"
                if value.startswith(FORMULA_START):
                    cell.quotePrefix = True
            elif isinstance(value, dt.time):
                cell.number_format = TIME_FORMAT
            elif hasattr(value, "year"):
                cell.number_format = options.date_format
            cell.alignment = wrap
    for c, (_, width) in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.freeze_panes = "A2"
    # An Excel table needs a data row; an empty sheet gets one empty row (ECMA-376 Part 1, 18.5).
    ref = f"A1:{get_column_letter(len(columns))}{max(len(rows) + 1, 2)}"
    table = Table(displayName=f"Tabel{name.replace('ø', 'oe')}", ref=ref)
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
    table.autoFilter = AutoFilter(ref=ref)
    ws.add_table(table)
    ws.print_options.gridLines = False
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4  # without it LibreOffice prints on Letter
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"


def write_combined(minutes_list: list[Minutes], dest: Path, options: Options | None = None) -> None:
    options = options or Options()
    punkter, bilag, moede = _rows(minutes_list)
    wb = Workbook()
    _sheet(wb, "Punkter", PUNKTER, punkter, options, first=True)
    _sheet(wb, "Bilag", BILAG, bilag, options, first=False)
    _sheet(wb, "Møde", MOEDE, moede, options, first=False)
    _sheet(wb, "Fremmøde", FREMMOEDE, attendance_rows(minutes_list), options, first=False)
    _sheet(wb, "Afstemninger", AFSTEMNINGER, vote_rows(minutes_list), options, first=False)
    single = minutes_list[0].meeting.body if len(minutes_list) == 1 else None
    wb.properties.title = safe(f"Referat {single}" if single else "Referater")
    wb.properties.language = "da-DK"
    wb.properties.creator = "referat"
    try:
        wb.save(str(dest))
        settle(Path(dest), max((m.meeting.date for m in minutes_list if m.meeting.date), default=None))
    except OSError as exc:
        raise OutputError(str(dest), f"cannot write the workbook: {exc.strerror or exc}") from None


def write(minutes: Minutes, dest: Path, options: Options | None = None) -> None:
    write_combined([minutes], dest, options)
