"""Temporary files of printed pages, and of the line stream made from them, written once and read
back in order as often as needed.

A page goes in as plain tuples, one per line, of the fields of :class:`Line` (with the
:class:`PageLine` flags of the few lines that have any), and comes back as new objects each time
it is read. Pickling the dataclasses themselves pickles their field names with every line and
rebuilds each object field by field through ``__setstate__``: the tuples take a third of the
time and space, and the pages are read back once or more (again when furniture's bounded counts
must be recounted, or a word of a doubtful line asks for the document's spellings). The line
stream (``LineStream``) is made from the pages once and read back as often as the recognizer
asks for it.

A file written again is written over from its start, never truncated: each knows how much of it
is its own (``count``, ``_chunks``) and reads no further. On ext4 a file truncated to nothing and
written again is written out to disk when it is closed (the ``auto_da_alloc`` safeguard for
programs that replace a file's contents so), which cost more than reading a short document.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterator
from dataclasses import fields
from itertools import islice, starmap
from operator import attrgetter

from convert.readers.grammar.lines import Line
from convert.readers.pdf.lines import PageLine

_LINE_FIELDS = attrgetter(*(f.name for f in fields(Line)))


class Spool:
    def __init__(self):
        self._file = tempfile.TemporaryFile()  # noqa: SIM115 -- closed by close()
        self.count = 0

    def clear(self) -> None:
        self._file.seek(0)
        self.count = 0

    def write(self, page: list[PageLine]) -> None:
        rows = [_LINE_FIELDS(pl.line) for pl in page]
        # Nearly every line is neither artifact nor rotated nor a table row: only the others'
        # flags are written, by position, rather than a tuple more for every line.
        odd = [
            (i, pl.artifact, pl.rotated, pl.lefts) for i, pl in enumerate(page) if pl.rotated or pl.artifact or pl.lefts
        ]
        pickle.dump((rows, odd), self._file, pickle.HIGHEST_PROTOCOL)
        self.count += 1

    def pages(self) -> Iterator[list[PageLine]]:
        """Every page written, in order: fresh objects every time. Two readings may interleave
        (``flow.Spellings`` reads the pages while the line stream is being made from them)."""
        at = 0
        for _ in range(self.count):
            self._file.seek(at)
            rows, odd = pickle.load(self._file)
            at = self._file.tell()
            page = [PageLine(line, False, False) for line in starmap(Line, rows)]
            for i, artifact, rotated, lefts in odd:
                pl = page[i]
                pl.artifact, pl.rotated, pl.lefts = artifact, rotated, lefts
            yield page

    def close(self) -> None:
        self._file.close()


class LineStream:
    """The recognizer's line stream, written down as it is first made, for its later readings:
    making it again (reading the pages back, marking their furniture, joining their lines) costs
    more than reading it back. Lines are written in chunks, each as it was handed on."""

    _CHUNK = 512
    _AHEAD = 64

    def __init__(self):
        self._file = tempfile.TemporaryFile()  # noqa: SIM115 -- closed by close()
        self.complete = False
        self._chunks = 0

    def keep(self, lines: Iterator[Line]) -> Iterator[Line]:
        """``lines`` handed on, each written down before its reader may change it; the stream is
        ``complete`` once they are all read."""
        self._file.seek(0)
        self.complete, self._chunks = False, 0
        chunk: list[tuple] = []
        lines = iter(lines)
        # A few lines taken at a time are written down in one map() and handed on in one
        # ``yield from``: a Python step less per line, and few lines held ahead.
        while batch := list(islice(lines, self._AHEAD)):
            chunk += map(_LINE_FIELDS, batch)
            if len(chunk) >= self._CHUNK:
                self._write(chunk)
                chunk = []
            yield from batch
        self._write(chunk)
        self.complete = True

    def _write(self, chunk: list[tuple]) -> None:
        pickle.dump(chunk, self._file, pickle.HIGHEST_PROTOCOL)
        self._chunks += 1

    def lines(self) -> Iterator[Line]:
        """The lines written, in order: fresh objects every time."""
        self._file.seek(0)
        for _ in range(self._chunks):
            yield from starmap(Line, pickle.load(self._file))

    def close(self) -> None:
        self._file.close()
