"""Ink that Tesseract's page layout analysis set aside. Tesseract drops small marks standing
apart from a text line as noise: a hanging item number ("7." left of its heading), a page number
at the end of a table-of-contents line. Those carry the structure of minutes, so every line
Tesseract read is searched, across the whole width of the page, for ink outside its words; each
such piece is cut out, all pieces are pasted one under the other into one small image, and
Tesseract reads that image as a single block (``--psm 6``), once per page."""

from __future__ import annotations

from collections.abc import Callable, Hashable

from PIL import Image, ImageDraw

_INK = 140
_STEP = 4  # pixels per column of the profile
_GAP = 10  # pixels between pasted pieces


def pieces(image: Image.Image, lines: dict[Hashable, tuple[int, int, list[tuple]]]) -> list[tuple[tuple, Hashable]]:
    """Boxes (left, top, right, bottom) of ink on each line's band that no word covers, with the
    line's key. ``lines``: key -> (top, bottom, word boxes) of each line Tesseract read."""
    ink = image.point(lambda v: 255 if v < _INK else 0)
    covered = ImageDraw.Draw(ink)
    for _, _, boxes in lines.values():
        for left, top, right, bottom in boxes:
            covered.rectangle((left - 3, top - 3, right + 3, bottom + 3), fill=0)
    found: list[tuple[tuple, Hashable]] = []
    for key, (top, bottom, _) in lines.items():
        height = bottom - top
        if height < 8:
            continue
        band = ink.crop((0, top, ink.width, bottom))
        profile = band.resize((max(1, ink.width // _STEP), 1), Image.Resampling.BOX).tobytes()
        runs: list[list[int]] = []
        for x, level in enumerate(profile):
            if level < 4:  # under about 1.5 % ink in this column: paper
                continue
            if runs and x - runs[-1][1] <= max(2, height // _STEP):
                runs[-1][1] = x
            else:
                runs.append([x, x])
        for x0, x1 in runs:
            left, right = x0 * _STEP, (x1 + 1) * _STEP
            box = band.crop((left, 0, right, height)).getbbox()
            if box is None:
                continue
            w, h = box[2] - box[0], box[3] - box[1]
            if h < 0.3 * height or w < 0.15 * height:  # a speck, a rule's end, a comma's tail
                continue
            found.append(((left + box[0], top + box[1], left + box[2], top + box[3]), key))
    return found


def _inside(x: float, y: float, boxes: list[tuple], margin: int) -> bool:
    return any(b[0] - margin <= x <= b[2] + margin and b[1] - margin <= y <= b[3] + margin for b in boxes)


def read(
    image: Image.Image,
    found: list[tuple[tuple, Hashable]],
    lines: dict[Hashable, tuple[int, int, list[tuple]]],
    ocr: Callable[[Image.Image], list],
) -> list:
    """The words in the pieces ``found``, in page pixels, each given the key of its line. A piece
    alone is too little for Tesseract's line recogniser (a bold "7." reads as "Z"), so the whole
    line is read again with its pieces, all such lines pasted one under the other and read in one
    call; of what it reads, the words on the pieces are kept."""
    if not found:
        return []
    by_line: dict[Hashable, list[tuple]] = {}
    for box, key in found:
        by_line.setdefault(key, []).append(box)
    strips: list[tuple[tuple, Hashable]] = []
    for key, boxes in by_line.items():
        every = boxes + lines[key][2]
        pad = _GAP
        strips.append(
            (
                (
                    max(0, min(b[0] for b in every) - pad),
                    max(0, min(b[1] for b in every) - pad),
                    min(image.width, max(b[2] for b in every) + pad),
                    min(image.height, max(b[3] for b in every) + pad),
                ),
                key,
            )
        )
    sheet = Image.new("L", (max(b[2] - b[0] for b, _ in strips), sum(b[3] - b[1] + _GAP for b, _ in strips)), 255)
    placed: list[tuple[int, tuple, Hashable]] = []
    y = 0
    for box, key in strips:
        sheet.paste(image.crop(box), (0, y))
        placed.append((y, box, key))
        y += box[3] - box[1] + _GAP
    read_before = [box for _, _, boxes in lines.values() for box in boxes]
    words = []
    for word in ocr(sheet):
        middle = word.top + word.height / 2
        for start, box, key in placed:
            if start <= middle <= start + box[3] - box[1]:
                word.left += box[0]
                word.top += box[1] - start
                x, y = word.left + word.width / 2, word.top + word.height / 2
                if _inside(x, y, by_line[key], 3) and not _inside(x, y, read_before, 0):
                    word.line = key
                    words.append(word)
                break
    return words
