"""Text objects into runs (runs.page_runs): text inside nested Form XObjects with their matrices,
marked-content artifacts, rotated and sheared text, PDFium's line-end hyphen, and the thin rules
of a ruled box, on one hand-written page."""

from __future__ import annotations

import io

import pikepdf
import pypdfium2
import pypdfium2.raw as pdfium_c
import pytest

from convert.readers.pdf.runs import Fonts, page_runs

HEIGHT = 842.0


def _page() -> bytes:
    pdf = pikepdf.new()

    def font(name: str):
        return pdf.make_indirect(
            pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name(name))
        )

    fonts = pikepdf.Dictionary(F1=font("/Helvetica-Bold"), F2=font("/Times-Italic"))

    def form(content: bytes, matrix: list[float], **xobjects):
        resources = pikepdf.Dictionary(Font=fonts, XObject=pikepdf.Dictionary(**xobjects))
        return pdf.make_stream(
            content, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form, BBox=[0, 0, 500, 500],
            Matrix=matrix, Resources=resources,
        )  # fmt: skip

    inner = form(b"BT /F1 10 Tf 5 5 Td (Inner form text) Tj ET 0 0 100 1 re f", [0.5, 0, 0, 0.5, 20, 30])
    outer = form(
        b"BT /F2 12 Tf 10 10 Td (Outer form text) Tj ET /Fi Do "
        b"q 0 1 -1 0 300 100 cm BT /F1 9 Tf 0 0 Td (Turned in form) Tj ET Q",
        [1, 0, 0.2, 1, 50, 400],
        Fi=inner,
    )
    content = (
        b"/Artifact BMC BT /F1 8 Tf 50 800 Td (Running header) Tj ET EMC "
        b"/P <</MCID 0>> BDC BT /F2 11 Tf 50 700 Td (Body text) Tj 0 -14 Td (line \x02 two) Tj ET EMC "
        b"/Span <</Lang (da)>> BDC /Artifact <</Type /Pagination>> BDC BT /F1 8 Tf 500 30 Td (Page 1) Tj ET EMC EMC "
        b"BT /F1 10 Tf -1 0 0 -1 300 500 Tm (upside) Tj ET /Fo Do "
        b"50 100 200 0.5 re f 50 100 0.5 200 re f 250 100 0.5 200 re f 50 300 200 0.5 re f "
        b"BT /F1 10 Tf 60 200 Td (cell one) Tj 200 0 Td (cell two) Tj ET"
    )
    resources = pikepdf.Dictionary(Font=fonts, XObject=pikepdf.Dictionary(Fo=outer))
    page = pikepdf.Dictionary(
        Type=pikepdf.Name.Page, MediaBox=[0, 0, 595, HEIGHT], Resources=resources, Contents=pdf.make_stream(content)
    )
    pdf.pages.append(pikepdf.Page(page))
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def page():
    document = pypdfium2.PdfDocument(_page())
    handle = pdfium_c.FPDF_LoadPage(document.raw, 0)
    textpage = pdfium_c.FPDFText_LoadPage(handle)
    fonts = Fonts()
    yield page_runs(handle, textpage, HEIGHT, fonts), fonts
    pdfium_c.FPDFText_ClosePage(textpage)
    pdfium_c.FPDF_ClosePage(handle)
    document.close()


def test_runs_in_content_order_with_form_text_in_place(page):
    (runs, _, _), _ = page
    assert [r.text.strip() for r in runs] == [
        "Running header", "Body text", "line - two", "Page 1", "upside",
        "Outer form text", "Inner form text", "Turned in form", "cell one", "cell two",
    ]  # fmt: skip


def test_style_artifacts_and_rotation(page):
    (runs, _, _), _ = page
    by_text = {r.text.strip(): r for r in runs}
    header, body, number = by_text["Running header"], by_text["Body text"], by_text["Page 1"]
    assert (header.font, header.bold, header.italic, header.artifact) == ("Helvetica-Bold", True, False, True)
    assert (body.font, body.bold, body.italic, body.artifact, body.size) == ("Times-Italic", False, True, False, 11.0)
    assert number.artifact  # an Artifact inside another marked-content sequence
    assert by_text["Turned in form"].rotated and not by_text["upside"].rotated
    assert not by_text["Outer form text"].rotated


def test_form_matrices_apply_to_size_and_position(page):
    (runs, _, _), _ = page
    by_text = {r.text.strip(): r for r in runs}
    outer, inner = by_text["Outer form text"], by_text["Inner form text"]
    # The outer form is sheared (c = 0.2) and moved (50, 400): text at (10, 10) lands at x 62, y 410.
    assert outer.size == 12.24 and outer.italic
    assert outer.origin == pytest.approx(62.0) and outer.base == pytest.approx(HEIGHT - 410)
    # The inner form halves its text and moves it (20, 30) inside the outer one.
    assert inner.size == 5.1 and inner.bold
    assert inner.base == pytest.approx(HEIGHT - 432.5)
    assert inner.x0 < inner.x1 and inner.top < inner.base < inner.bottom


def test_rules_of_the_page_only(page):
    (_, rules, columns), _ = page
    # The form's own 100-point bar is not a rule of the page.
    assert [(r[0], r[1], round(r[2], 2)) for r in rules] == [(50.0, 250.0, 541.75), (50.0, 250.0, 741.75)]
    assert [(c[0], c[1], c[2]) for c in columns] == [(50.25, 542.0, 742.0), (250.25, 542.0, 742.0)]


def _flagged_fonts_page() -> bytes:
    """Text in three fonts whose names say nothing of their style: the font descriptors' flags
    (ISO 32000-1, 9.8.2) say one is italic (bit 7), one bold (ForceBold, bit 19), one neither."""
    pdf = pikepdf.new()

    def font(name: str, flags: int):
        descriptor = pikepdf.Dictionary(
            Type=pikepdf.Name.FontDescriptor, FontName=pikepdf.Name(name), Flags=flags, ItalicAngle=0,
            Ascent=700, Descent=-200, CapHeight=700, StemV=80, FontBBox=[0, -200, 1000, 900],
        )  # fmt: skip
        truetype = pikepdf.Dictionary(
            Type=pikepdf.Name.Font, Subtype=pikepdf.Name.TrueType, BaseFont=pikepdf.Name(name),
            FirstChar=32, LastChar=126, Widths=[500] * 95, FontDescriptor=pdf.make_indirect(descriptor),
        )  # fmt: skip
        return pdf.make_indirect(truetype)

    fonts = pikepdf.Dictionary(F1=font("/Fabula", 32 | 64), F2=font("/Brodtekst", 32 | 1 << 18), F3=font("/Plain", 32))
    content = (
        b"BT /F1 11 Tf 50 700 Td (Slanted words) Tj ET BT /F2 11 Tf 50 680 Td (Heavy words) Tj ET "
        b"BT /F3 11 Tf 50 660 Td (Plain words) Tj ET"
    )
    page = pikepdf.Dictionary(
        Type=pikepdf.Name.Page, MediaBox=[0, 0, 595, HEIGHT], Resources=pikepdf.Dictionary(Font=fonts),
        Contents=pdf.make_stream(content),
    )  # fmt: skip
    pdf.pages.append(pikepdf.Page(page))
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def test_italic_and_bold_from_the_font_descriptors_flags():
    document = pypdfium2.PdfDocument(_flagged_fonts_page())
    handle = pdfium_c.FPDF_LoadPage(document.raw, 0)
    textpage = pdfium_c.FPDFText_LoadPage(handle)
    try:
        runs, _, _ = page_runs(handle, textpage, HEIGHT, Fonts())
    finally:
        pdfium_c.FPDFText_ClosePage(textpage)
        pdfium_c.FPDF_ClosePage(handle)
        document.close()
    style = {r.text.strip(): (r.font, r.bold, r.italic) for r in runs}
    assert style == {
        "Slanted words": ("Fabula", False, True),
        "Heavy words": ("Brodtekst", True, False),
        "Plain words": ("Plain", False, False),
    }
