"""A scanned test set made by the tests themselves: text PDFs rendered to grey images as a scanner
would deliver them (a resolution of 200 or 300 dpi, a page laid a little askew, sensor noise,
JPEG compression) and wrapped back into image-only PDFs. The ground truth of such a scan is the
reading of the PDF it was made from.

Rendering is PDFium's (pypdfium2), the degradation and the PDF wrapping Pillow's: Pillow stores
each grey page as a DCT (JPEG) image, as most office scanners do (ISO 32000-1, 7.4.8)."""

from __future__ import annotations

import difflib
import io
import random
import re
import statistics

import pypdfium2 as pdfium
from PIL import Image, ImageChops

from convert.readers.pdf import layout


def _noise(size: tuple[int, int], rng: random.Random, sigma: float = 14.0) -> Image.Image:
    """Gaussian sensor noise centred on 128, from ``rng`` (Pillow's own noise cannot be seeded):
    a tile of uniform bytes mapped through the normal distribution's quantiles, laid over the page."""
    normal = statistics.NormalDist(128, sigma)
    table = [max(0, min(255, round(normal.inv_cdf((v + 0.5) / 256)))) for v in range(256)]
    tile = Image.frombytes("L", (509, 509), rng.randbytes(509 * 509)).point(table)
    noise = Image.new("L", size)
    for x in range(0, size[0], tile.width):
        for y in range(0, size[1], tile.height):
            noise.paste(tile, (x, y))
    return noise


def scan_page(image: Image.Image, rng: random.Random, quality: int = 70) -> Image.Image:
    """One rendered page as a scanner gives it back: grey, turned by under a degree, noisy, JPEG."""
    grey = image.convert("L")
    angle = rng.uniform(0.2, 0.8) * rng.choice((-1, 1))
    grey = grey.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    grey = ImageChops.add(grey, _noise(grey.size, rng), scale=1.0, offset=-128)
    out = io.BytesIO()
    grey.save(out, "JPEG", quality=quality)
    return Image.open(io.BytesIO(out.getvalue()))


def scan(pdf: bytes, dpi: int, seed: int = 0, pages: range | None = None) -> bytes:
    """An image-only PDF of ``pdf``'s pages (all, or those in ``pages``, 0-based) at ``dpi``."""
    rng = random.Random(seed)
    doc = pdfium.PdfDocument(pdf)
    try:
        images = []
        for i in pages if pages is not None else range(len(doc)):
            bitmap = doc[i].render(scale=dpi / 72, grayscale=True)
            images.append(scan_page(bitmap.to_pil(), rng))
    finally:
        doc.close()
    out = io.BytesIO()
    images[0].save(out, "PDF", save_all=True, append_images=images[1:], resolution=float(dpi))
    return out.getvalue()


def page_words(pdf: bytes, name: str = "scan.pdf", **options) -> list[list[str]]:
    """The words of each page, as the PDF reader reads them (furniture included)."""
    return [[w for pl in page for w in pl.line.text.split()] for page in layout(pdf, name, **options).pages]


_LEADER = re.compile(r"(?:\.{2,}|…)[.…]*")


def _words(words: list[str]) -> list[str]:
    """Words without dot leaders: a table of contents' run of dots is filler, not a word, and its
    length as printed is no reading's business."""
    return [w for w in (_LEADER.sub("", w) for w in words) if w]


def word_accuracy(truth: list[str], read: list[str]) -> float:
    """The share of the true words read, in order (the longest matching blocks of the two)."""
    truth, read = _words(truth), _words(read)
    if not truth:
        return 1.0 if not read else 0.0
    matcher = difflib.SequenceMatcher(None, truth, read, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(truth)


def bag_accuracy(truth: list[str], read: list[str]) -> float:
    """The share of the true words read, in any order: a table's cells grouped into rows a little
    differently, or a margin note read before its line, cost nothing here."""
    from collections import Counter

    expected, got = Counter(_words(truth)), Counter(_words(read))
    if not expected:
        return 1.0 if not got else 0.0
    return sum((expected & got).values()) / sum(expected.values())


_PROSE = (
    "kommunen udvalget beslutter økonomi budget borgere ældre sundhed område forslag indstilling "
    "godkendelse bevilling anlæg vedligeholdelse skole dagtilbud plan høring nævn møde sag år måned "
    "udgifter indtægter kroner tilskud løsning forvaltningen administrationen orientering drøftelse børn "
    "unge familier trafik vej stier klima miljø affald vand forsyning kultur fritid idræt"
)
_WORDS = _PROSE.split()
_TITLES = (
    "Godkendelse af dagsorden",
    "Budgetopfølgning for første halvår",
    "Høring om trafiksikkerhedsplan",
    "Anlægsbevilling til ældreboliger på Søndergårdsvej",
    "Orientering om klimatilpasning",
    "Tilskud til foreninger på fritidsområdet",
)


def generated_minutes(seed: int = 0, items: int = 3) -> bytes:
    """Minutes made for the test (eDoc's print style, ``pdf_samples``) with Danish prose drawn
    at random from a small vocabulary, so no word is guessable from a dictionary of real text."""
    from tests.readers import pdf_samples

    rng = random.Random(seed)

    def sentence() -> str:
        words = rng.choices(_WORDS, k=rng.randint(6, 16))
        return " ".join(words).capitalize() + "."

    chosen = [
        (rng.choice(_TITLES), [" ".join(sentence() for _ in range(rng.randint(2, 5))) for _ in range(2)])
        for _ in range(items)
    ]
    return pdf_samples.render(pdf_samples.minutes_html(chosen))


def pages_of(pdf: bytes, pages: range) -> bytes:
    """Only the given pages (0-based) of a PDF."""
    import pikepdf

    out = pikepdf.new()
    with pikepdf.open(io.BytesIO(pdf)) as src:
        out.pages.extend(src.pages[i] for i in pages)
        buf = io.BytesIO()
        out.save(buf)
    return buf.getvalue()


def field_agreement(truth, read) -> float:
    """The share of the fields of the minutes ``truth`` that the minutes ``read`` give alike, as
    ``referat compare`` counts them (``convert.compare``)."""
    from convert.compare import compare

    return compare(truth, read).percent / 100
