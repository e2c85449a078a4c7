"""Post-render fix for PDF/UA-1 (ISO 14289-1, 7.8): running headers and footers as artifacts.

WeasyPrint (70) marks the text of page-margin boxes (running header, "Side N af M") as ordinary
``/Span`` content with an MCID; the parent tree points that MCID at structure elements that
are not reachable from the structure tree's root, so the content is neither real content in
the tree nor an artifact (WeasyPrint issue 1836, https://github.com/Kozea/WeasyPrint/issues/1836,
where the maintainers note that true artifacts are not yet possible from inside WeasyPrint).
PDF 1.7 (ISO 32000-1, 14.8.2.2) calls such
pagination content an artifact. This module rewrites each page's content stream so that marked
content whose text lies wholly in the top or bottom page margin becomes
``/Artifact <</Type /Pagination /Subtype /Header|/Footer>> BDC``, and removes the structure
elements (and parent-tree entries) that pointed at it.
"""

from __future__ import annotations

import re
from typing import BinaryIO

import pikepdf
from pikepdf import Array, Dictionary, Name

MM = 72 / 25.4


# WeasyPrint writes one operator per line, operands before it on the same line, and glyphs as hex
# strings, so a line-anchored scan finds the few operators that matter here (marked content, the
# transformation and text matrices, the graphics state stack) without tokenizing the glyph runs,
# which are most of the bytes. Marked content is "/Tag <</MCID n>> BDC" (ISO 32000-1, 14.7.4).
_TOKENS = re.compile(
    rb"(?m)^(?:/(?P<tag>[^\s/<>\[\]()]+)\s*<</MCID (?P<mcid>\d+)>>\s*BDC"
    rb"|(?P<nums>(?:[-+]?[\d.]+[ \t]+){6})(?P<mop>cm|Tm)"
    rb"|(?P<op>q|Q|BDC|BMC|EMC))[ \t\r]*$"
)
_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _times(m: tuple, n: tuple) -> tuple:
    """The matrix product m × n (ISO 32000-1, 8.3.4)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def _marked_text(stream: bytes):
    """Yield (match of the innermost open MCID BDC, y in PDF user space) for every text matrix set
    inside marked content."""
    ctm = _IDENTITY
    stack: list[tuple] = []
    open_bdc: list[re.Match | None] = []
    for token in _TOKENS.finditer(stream):
        op = token["op"]
        if token["mcid"] is not None:
            open_bdc.append(token)
        elif op is None:
            values = tuple(float(v) for v in token["nums"].split())
            if token["mop"] == b"cm":
                ctm = _times(values, ctm)
            elif open_bdc and open_bdc[-1] is not None:
                e, f = values[4], values[5]
                yield open_bdc[-1], ctm[1] * e + ctm[3] * f + ctm[5]
        elif op == b"q":
            stack.append(ctm)
        elif op == b"Q":
            ctm = stack.pop() if stack else _IDENTITY
        elif op in (b"BDC", b"BMC"):
            open_bdc.append(None)  # marked content without an MCID (an artifact already)
        elif op == b"EMC" and open_bdc:
            open_bdc.pop()


def _detach(struct_elem, mcid: int) -> None:
    """Remove the reference to ``mcid`` from ``struct_elem``; drop elements left empty."""
    kids = struct_elem.get("/K")
    if kids is None:
        return
    if not isinstance(kids, Array):
        kids = Array([kids])
    kept = Array()
    for kid in kids:
        if isinstance(kid, int) and int(kid) == mcid:
            continue
        if isinstance(kid, Dictionary) and kid.get("/Type") == Name.MCR and int(kid.MCID) == mcid:
            continue
        kept.append(kid)
    if len(kept):
        struct_elem.K = kept
        return
    del struct_elem["/K"]
    parent = struct_elem.get("/P")
    if parent is None or parent.get("/Type") == Name.StructTreeRoot:
        return
    siblings = parent.get("/K")
    if isinstance(siblings, Array):
        remaining = Array([k for k in siblings if not (isinstance(k, Dictionary) and k.objgen == struct_elem.objgen)])
        if len(remaining):
            parent.K = remaining
        else:
            _detach_element(parent)
    else:
        _detach_element(parent)


def _detach_element(elem) -> None:
    if "/K" in elem:
        del elem["/K"]
    parent = elem.get("/P")
    if parent is None or parent.get("/Type") == Name.StructTreeRoot:
        return
    siblings = parent.get("/K")
    remaining = Array(
        [
            k
            for k in (siblings if isinstance(siblings, Array) else [siblings])
            if not (isinstance(k, Dictionary) and k.objgen == elem.objgen)
        ]
    )
    if len(remaining):
        parent.K = remaining
    else:
        _detach_element(parent)


def _parent_tree_array(pdf: pikepdf.Pdf, key: int):
    tree = pikepdf.NumberTree(pdf.Root.StructTreeRoot.ParentTree)
    return tree.get(key)


def mark_margins(pdf: pikepdf.Pdf, top_mm: float, bottom_mm: float) -> int:
    """Turn margin-box content into pagination artifacts; return how many runs were changed."""
    changed = 0
    for page in pdf.pages:
        height = float(page.mediabox[3]) - float(page.mediabox[1])
        stream = page.obj.Contents.read_bytes()
        verdict: dict[int, tuple[re.Match, set[str]]] = {}
        for bdc, y in _marked_text(stream):
            where = "Header" if y > height - top_mm * MM else "Footer" if y < bottom_mm * MM else "Body"
            verdict.setdefault(bdc.start(), (bdc, set()))[1].add(where)
        margin = [(bdc, w.pop()) for bdc, w in verdict.values() if len(w) == 1 and w != {"Body"}]
        if not margin:
            continue
        parents = _parent_tree_array(pdf, int(page.obj.get("/StructParents", -1)))
        pieces, last = [], 0
        for bdc, where in sorted(margin, key=lambda m: m[0].start()):
            mcid = int(bdc["mcid"])
            if parents is not None and mcid < len(parents):
                elem = parents[mcid]
                if isinstance(elem, Dictionary):
                    _detach(elem, mcid)
                parents[mcid] = pikepdf.Object.parse(b"null")
            pieces += [stream[last:bdc.start()], b"/Artifact << /Subtype /%s /Type /Pagination >> BDC" % where.encode()]
            last = bdc.end()
            changed += 1
        pieces.append(stream[last:])
        page.obj.Contents = pdf.make_stream(b"".join(pieces))
    return changed


def finish(raw: bytes, out: BinaryIO, top_mm: float = 25, bottom_mm: float = 24) -> int:
    """Read WeasyPrint's PDF, fix it, write it compressed to ``out``."""
    import io

    with pikepdf.open(io.BytesIO(raw)) as pdf:
        changed = mark_margins(pdf, top_mm, bottom_mm)
        # deterministic_id: the file identifier from the content, not at random (ISO 32000-1, 14.4),
        # so the same minutes give the same bytes.
        pdf.save(
            out, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.generate, deterministic_id=True
        )
    return changed
