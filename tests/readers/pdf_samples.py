"""PDFs made inside the tests: minutes with running headers, an encrypted, a scanned and a broken
file. Made with WeasyPrint (HTML and CSS Paged Media, https://www.w3.org/TR/css-page-3/) and
pikepdf, so every case is reproducible and none is copied from elsewhere."""

from __future__ import annotations

import io
import warnings
from html import escape

import pikepdf

from convert.errors import NotMinutesError, TextWarning
from convert.readers import read_bytes

CSS = """
@page { size: A4; margin: 30mm 20mm 25mm 20mm;
  @top-right { content: "Teknisk Udvalg\\A Referat\\A Dato: 01.02.2024"; white-space: pre;
               font: 8pt sans-serif; }
  @bottom-center { content: "Side " counter(page) " af " counter(pages); font: 8pt sans-serif; } }
body { font: 10pt/1.3 serif; }
h1 { font: bold 13pt sans-serif; margin: 14pt 0 4pt; }
h2 { font: bold 10pt serif; margin: 8pt 0 0; }
p { margin: 0 0 8pt; text-align: left; }
"""


def minutes_html(items: list[tuple[str, list[str]]], body: str = "Teknisk Udvalg") -> str:
    """Minutes in eDoc's print style: numbered items, case number, sections, a decision."""
    parts = [f"<h1>Referat</h1><p>{escape(body)}<br>tirsdag den 1. februar 2024, kl. 15:00</p>"]
    for n, (title, paragraphs) in enumerate(items, 1):
        parts.append(f"<h1>{n}. {escape(title)}</h1><p>Sagsnr.: 2024-{1000 + n}<br>Dok.nr.: 2024-{5000 + n}</p>")
        parts.append("<h2>Sagsfremstilling</h2>")
        parts.extend(f"<p>{escape(p)}</p>" for p in paragraphs)
        parts.append(f"<h2>{escape(body)}s beslutning den 01.02.2024 Punkt {n}</h2><p>Godkendt</p>")
    return f"<html lang='da'><head><style>{CSS}</style></head><body>{''.join(parts)}</body></html>"


def render(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


def encrypted(pdf: bytes) -> bytes:
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        doc.save(out, encryption=pikepdf.Encryption(owner="ejer", user="hemmelig", R=6))
    return out.getvalue()


def scanned() -> bytes:
    """A page that only paints an image (as a scanner makes it): no text layer at all."""
    doc = pikepdf.new()
    image = pikepdf.Stream(doc, bytes([200, 120, 40]) * 64 * 64)
    image.Type, image.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
    image.Width, image.Height, image.BitsPerComponent = 64, 64, 8
    image.ColorSpace = pikepdf.Name.DeviceRGB
    page = doc.add_blank_page(page_size=(595, 842))
    page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image))
    page.Contents = doc.make_stream(b"q 500 0 0 700 40 70 cm /Im0 Do Q")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def long_minutes(source, pages: int) -> bytes:
    """Minutes of ``pages`` pages made from real ones: the whole of ``source`` (a minutes PDF of
    the corpus), then its item pages (not the front page and the table of contents) over and over."""
    out = pikepdf.new()
    with pikepdf.open(source) as src:
        out.pages.extend(src.pages)
        while len(out.pages) < pages:
            for page in list(src.pages)[2:]:
                if len(out.pages) == pages:
                    break
                out.pages.append(page)
        buf = io.BytesIO()
        out.save(buf)
    return buf.getvalue()


def read_with_warnings(data: bytes, name: str):
    """The minutes read from ``data`` (None when they are not minutes) and the text warnings given."""
    with warnings.catch_warnings(record=True) as heard:
        warnings.simplefilter("always")
        try:
            minutes = read_bytes(data, name)
        except NotMinutesError:
            minutes = None
    return minutes, [w.message for w in heard if isinstance(w.message, TextWarning)]
