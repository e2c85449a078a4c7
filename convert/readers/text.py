"""Reader for text extractions of minutes (PDF-to-text output, as in shared/seeds/).

The encoding is found from the bytes (convert/readers/text_decoding.py). Two line conventions
are recognised: ordinary text, where an empty line separates paragraphs, and the
"double-spaced" extraction of the seeds, where every printed line ends in " \\n\\n" and a line
holding only white space separates paragraphs. A form feed starts a new page.

The text is never held whole: it is decoded again for each reading, and the recognizer builds
each item as soon as the next one starts, so memory follows the longest item, not the file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import chain

from convert.errors import InputError
from convert.model import Minutes, Source
from convert.readers.grammar import columns
from convert.readers.grammar.lines import Line
from convert.readers.grammar.recognizer import recognize_stream
from convert.readers.text_decoding import checked, decode, detect, pieces

__all__ = ["decode", "read", "to_lines"]


def _physical(texts: Iterable[str]) -> Iterator[tuple[int, str]]:
    """(page, line) for each physical line of the text given in pieces: "\\r\\n", "\\r" and
    "\\n" end a line, a form feed ends a page."""
    tail: list[str] = []  # the start of a line whose end is in a later piece
    cr = False  # the previous piece ended in "\r": a "\n" opening this one belongs to it
    page = 1
    for text in chain(texts, [None]):
        if text is None:
            lines = ["".join(tail)]
        else:
            if cr and text.startswith("\n"):
                text = text[1:]
            cr = text.endswith("\r")
            parts = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
            tail.append(parts[0])
            if len(parts) == 1:
                continue
            lines = ["".join(tail), *parts[1:-1]]
            tail = [parts[-1]]
        for line in lines:
            first, *rest = line.split("\f")
            yield page, first
            for more in rest:
                page += 1
                yield page, more


class _Spacing:
    """Whether one page is double-spaced: nearly every non-empty line followed by exactly one
    empty line. Counted as the page's lines pass, three at a time."""

    def __init__(self) -> None:
        self.window: list[str] = []
        self.nonempty = self.followed = 0

    def add(self, line: str) -> None:
        self.window.append(line)
        if len(self.window) == 3:
            self._judge(*self.window)
            del self.window[0]

    def double(self) -> bool:
        if len(self.window) >= 2:
            self._judge(self.window[0], self.window[1], None)
        return self.nonempty >= 4 and self.followed >= 0.6 * self.nonempty

    def _judge(self, line: str, following: str, after: str | None) -> None:
        if line.strip():
            self.nonempty += 1
            if not following and (after is None or after):
                self.followed += 1


def _survey(physical: Iterable[tuple[int, str]]) -> tuple[list[bool], bool]:
    """Which pages are double-spaced (index page - 1), and whether there is any text at all."""
    doubles: list[bool] = []
    spacing = _Spacing()
    text = False
    for page, line in physical:
        if page > len(doubles) + 1:
            doubles.append(spacing.double())
            spacing = _Spacing()
        spacing.add(line)
        text = text or bool(line.strip())
    doubles.append(spacing.double())
    return doubles, text


def _printed(physical: list[str], page: int) -> Iterator[Line]:
    """Lines of one printed line of a double-spaced page. Printed lines are joined by "\\n\\n";
    a lone "\\n" inside one is a break the extractor made within a printed line (two bullets on
    one line), so it splits too."""
    printed = "\n".join(physical)
    if not printed:
        return  # the extra empty lines around a page break say nothing
    if not printed.strip():
        yield Line("", page)
        return
    parts = [part.strip() for part in physical if part.strip()]
    yield from (Line(part, page, break_before=n > 0) for n, part in enumerate(parts))


def _lines(physical: Iterable[tuple[int, str]], doubles: list[bool]) -> Iterator[Line]:
    """Lines; empty Lines are paragraph breaks. A double-spaced page is cut into printed lines
    at each empty physical line that has a line end before and after it, left to right, as
    ``str.split("\\n\\n")`` cuts."""
    printed: list[str] = []  # physical lines of the printed line being read
    plain: list[str] = []  # lines of a page that is not double-spaced, for its columns
    held: tuple[int, str] | None = None  # one line behind: is it its page's last?
    for page, line in chain(physical, [(0, "")]):
        if held is not None:
            at, text = held
            last = page != at
            if not doubles[at - 1]:
                plain.append(text)
                if last or len(plain) > 2 * columns.WINDOW:
                    yield from (Line(p.strip(), at) for p in columns.split(_window(plain, last)))
            elif not text and printed and not last:
                yield from _printed(printed, at)
                printed = []
            else:
                printed.append(text)
                if last:
                    yield from _printed(printed, at)
                    printed = []
        held = (page, line)


def _window(plain: list[str], last: bool) -> list[str]:
    """Lines taken from the front of ``plain`` that ``columns.split`` reads as one window, as it
    cuts a whole page: all of them at the page's end."""
    end = len(plain)
    if not last:
        end = columns.WINDOW
        while end < 2 * columns.WINDOW and plain[end].strip():
            end += 1
    window = plain[:end]
    del plain[:end]
    return window


def to_lines(text: str) -> list[Line]:
    """Physical lines into Lines; empty Lines are paragraph breaks."""
    doubles, _ = _survey(_physical([text]))
    return list(_lines(_physical([text]), doubles))


def read(data: bytes, source: Source) -> Minutes:
    encoding = detect(data, source.file)

    def physical() -> Iterator[tuple[int, str]]:
        return _physical(checked(pieces(data, encoding), source.file))

    doubles, text = _survey(physical())
    if not text:
        raise InputError(source.file, "file holds no text")
    return recognize_stream(lambda: _lines(physical(), doubles), source)
