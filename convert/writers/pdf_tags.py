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

from typing import BinaryIO

import pikepdf
from pikepdf import Array, Dictionary, Name

MM = 72 / 25.4


def _text_positions(instructions):
    """Yield (index of the enclosing BDC, y in PDF user space) for every text matrix set."""
    ctm = pikepdf.Matrix()
    stack: list[pikepdf.Matrix] = []
    open_bdc: list[int] = []
    for index, (operands, operator) in enumerate(instructions):
        op = str(operator)
        if op == "q":
            stack.append(ctm)
        elif op == "Q":
            ctm = stack.pop() if stack else pikepdf.Matrix()
        elif op == "cm":
            ctm = pikepdf.Matrix(*[float(v) for v in operands]) @ ctm
        elif op in ("BDC", "BMC"):
            open_bdc.append(index)
        elif op == "EMC":
            if open_bdc:
                open_bdc.pop()
        elif op == "Tm" and open_bdc:
            e, f = float(operands[4]), float(operands[5])
            _, y = ctm.transform((e, f))
            yield open_bdc[-1], y


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
        instructions = pikepdf.parse_content_stream(page)
        verdict: dict[int, set[str]] = {}
        for bdc, y in _text_positions(instructions):
            where = "Header" if y > height - top_mm * MM else "Footer" if y < bottom_mm * MM else "Body"
            verdict.setdefault(bdc, set()).add(where)
        margin = {i: w.pop() for i, w in verdict.items() if len(w) == 1 and w != {"Body"}}
        if not margin:
            continue
        parents = _parent_tree_array(pdf, int(page.obj.get("/StructParents", -1)))
        rewritten = []
        for index, (operands, operator) in enumerate(instructions):
            if index in margin and str(operator) == "BDC":
                props = operands[1] if len(operands) > 1 else None
                mcid = int(props.MCID) if isinstance(props, Dictionary) and "/MCID" in props else None
                if mcid is not None and parents is not None and mcid < len(parents):
                    elem = parents[mcid]
                    if isinstance(elem, Dictionary):
                        _detach(elem, mcid)
                    parents[mcid] = pikepdf.Object.parse(b"null")
                operands = [Name.Artifact, Dictionary(Type=Name.Pagination, Subtype=Name("/" + margin[index]))]
                changed += 1
            rewritten.append(pikepdf.ContentStreamInstruction(operands, operator))
        page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(rewritten))
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
