"""Tagged PDF: which structure element each piece of a page's text belongs to.

A tagged PDF (ISO 32000-1:2008, 14.8 "Tagged PDF"; PDF/UA-1, ISO 14289-1) ties its marked
content to a logical structure tree (14.7): each marked-content sequence has an MCID, and the
tree says which element (heading, paragraph, table cell, ...) owns it. Layout alone cannot tell
a heading that wraps over two lines from a heading and a paragraph, or which cell of a table a
wrapped line belongs to; the tree can. PDFium reads the tree of one page at a time.

Only the standard structure types (14.8.4) that change how lines are grouped are kept: headings
(``H``, ``H1``-``H6``), table rows (``TR``) and their cells (``TH``, ``TD``). Anything else (a
custom type, a role map we do not follow) is left to the layout rules, and the reader checks a
group against the page before it trusts it (``lines``): a tree is a claim, not a fact.
"""

from __future__ import annotations

import codecs
import ctypes
import re
from itertools import repeat
from typing import NamedTuple

from convert.readers.pdf.pdfium import (
    FPDF_StructElement_CountChildren,
    FPDF_StructElement_GetChildAtIndex,
    FPDF_StructElement_GetMarkedContentIdAtIndex,
    FPDF_StructElement_GetMarkedContentIdCount,
    FPDF_StructElement_GetType,
    FPDF_StructTree_Close,
    FPDF_StructTree_CountChildren,
    FPDF_StructTree_GetChildAtIndex,
    FPDF_StructTree_GetForPage,
    address,
)

_HEADING = re.compile(r"H[1-6]?\Z")
_CELL = frozenset({"TH", "TD"})
# Deep enough for any real tree; a hostile file with a cyclic or absurdly deep tree stops here.
_MAX_DEPTH = 64


class Tag(NamedTuple):
    """Where one marked-content sequence sits in the structure tree. A named tuple, not a frozen
    dataclass: a table's every cell makes one, and a frozen dataclass took 1.2 us to make, this 0.4."""

    role: str  # "H1"…"H6"/"H" for a heading, "TH"/"TD" for a table cell
    group: int  # the heading or the row (TR): runs with the same group form one printed unit
    cell: int = 0  # the cell's position in its row, left to right as the tree lists them
    width: int = 0  # how many cells the row has: an empty cell prints nothing, yet holds a column
    placed: bool = False  # ``cell`` is the column itself (a ruled table), not the n-th cell present


_TYPE = ctypes.create_string_buffer(64)  # a structure type's name, UTF-16: "TD", "H1", "Document"
_TYPE_AT, _TYPE_ROOM, _TYPE_BYTES = ctypes.byref(_TYPE), ctypes.c_ulong(len(_TYPE)), memoryview(_TYPE).cast("B")
# What bytes.decode("utf-16-le", errors="replace") calls, without looking the codec up by its name
# (1.5 us a decoded type that way, 0.4 so; every element of a page's tree is asked its type).
_utf16 = codecs.utf_16_le_decode


def _type(element: int) -> str:
    size = FPDF_StructElement_GetType(element, _TYPE_AT, _TYPE_ROOM)
    if size <= 2:
        return ""
    if size > len(_TYPE):  # a long custom type: not copied into the buffer
        buf = ctypes.create_string_buffer(size)
        FPDF_StructElement_GetType(element, ctypes.byref(buf), ctypes.c_ulong(size))
        return buf.raw[: size - 2].decode("utf-16-le", errors="replace")
    return _utf16(_TYPE_BYTES[: size - 2], "replace", True)[0]


def _mcids(element: int) -> list[int]:
    count = FPDF_StructElement_GetMarkedContentIdCount(element)  # -1 on error: range() is then empty
    found = map(FPDF_StructElement_GetMarkedContentIdAtIndex, repeat(element, count), range(count))
    return [m for m in found if m >= 0]


def _children(element: int):
    # A tagged page's tree lists every kid of an element, those on other pages as NULL: hundreds
    # of NULLs per page in a long document, so the kids are asked for and dropped without a loop.
    count = FPDF_StructElement_CountChildren(element)  # -1 on error: range() is then empty
    return filter(None, map(FPDF_StructElement_GetChildAtIndex, repeat(element, count), range(count)))


def page_tags(page) -> dict[int, Tag]:
    """MCID -> Tag for the headings and table cells of one page; empty for an untagged page."""
    tree = FPDF_StructTree_GetForPage(address(page))
    if not tree:
        return {}
    tags: dict[int, Tag] = {}
    groups = iter(range(1, 1 << 30))  # ruled tables (tables) number their rows from 1 << 30 up

    def visit(element, depth: int, inherited: Tag | None) -> None:
        if depth > _MAX_DEPTH:
            return
        kind = _type(element)
        tag = inherited
        if inherited is None and _HEADING.match(kind):
            tag = Tag(kind, next(groups))
        elif kind == "TR":
            row = next(groups)
            cells = [(c, kind) for c in _children(element) if (kind := _type(c)) in _CELL]
            for n, (child, kind) in enumerate(cells):
                cell = Tag(kind, row, n, len(cells))
                for mcid in _mcids(child):
                    tags[mcid] = cell
                for grandchild in _children(child):
                    visit(grandchild, depth + 2, cell)
            return
        if tag is not None:
            for mcid in _mcids(element):
                tags[mcid] = tag
        for child in _children(element):
            visit(child, depth + 1, tag)

    try:
        for i in range(max(FPDF_StructTree_CountChildren(tree), 0)):
            root = FPDF_StructTree_GetChildAtIndex(tree, i)
            if root:
                visit(root, 0, None)
    finally:
        FPDF_StructTree_Close(tree)
    return tags
