"""Setting a scanned page straight. A page fed a little askew tilts every printed line; lines are
found by their baselines, so the tilt is measured and turned back before OCR.

The measure is the projection profile (Postl's method, as in Leptonica's pixFindSkew): lines of
text lying level make the row sums of ink alternate most sharply between full and empty, so the
angle whose rows differ most from their neighbours is the page's tilt. Searched coarse then fine,
on a small copy of the page."""

from __future__ import annotations

import itertools

from PIL import Image

_LIMIT = 3.0  # degrees: more than this is not a slightly askew page, and is left as it is
_WIDTH = 900  # pixels across the small copy the angle is measured on


def _sharpness(ink: Image.Image, angle: float) -> float:
    turned = ink.rotate(angle, resample=Image.Resampling.NEAREST, fillcolor=0)
    rows = turned.resize((1, turned.height), Image.Resampling.BOX).tobytes()  # one byte a row: its mean
    return sum((a - b) ** 2 for a, b in itertools.pairwise(rows))


def skew(image: Image.Image) -> float:
    """The angle in degrees (counter-clockwise) that sets the page's lines level."""
    small = image.convert("L")
    if small.width > _WIDTH:
        small = small.resize((_WIDTH, max(1, round(small.height * _WIDTH / small.width))), Image.Resampling.BOX)
    ink = small.point(lambda v: 255 if v < 160 else 0)
    if ink.getbbox() is None:
        return 0.0
    best = max((a / 4 for a in range(int(-_LIMIT * 4), int(_LIMIT * 4) + 1)), key=lambda a: _sharpness(ink, a))
    fine = [best + d / 20 for d in range(-5, 6)]
    return max(fine, key=lambda a: _sharpness(ink, a))


def straighten(image: Image.Image) -> Image.Image:
    angle = skew(image)
    if abs(angle) < 0.05:
        return image
    return image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
