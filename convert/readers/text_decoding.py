"""The encoding of a text file, found from its bytes, and its text decoded a piece at a time.

Found in this order: a BOM (UTF-8, UTF-16); UTF-16 without a BOM (by its NUL pattern); UTF-8;
else the best single-byte guess (cp1252, latin-1) by charset-normalizer. UTF-8 or UTF-16 with a
few invalid bytes is decoded with U+FFFD in their place and an ``InputWarning``, instead of
refusing the whole file. Every test reads the bytes in pieces of ``CHUNK``, so that a large
file is never held twice (as bytes and as text): the reader decodes it again each time it
reads it.
"""

from __future__ import annotations

import codecs
import re
import warnings
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass

from convert.errors import InputError, InputWarning

CHUNK = 1 << 20
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f]")  # C0 controls but tab, line ends, form feed
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


@dataclass(frozen=True)
class Encoding:
    codec: str
    errors: str = "strict"  # "replace" once the file is known to hold a few invalid bytes


@dataclass
class _Tally:
    """Invalid byte sequences met while decoding, and where the first one is."""

    count: int = 0
    first: int = 0
    reason: str = ""
    base: int = 0  # the byte offset in the file of the decoder's current input


_tally: ContextVar[_Tally] = ContextVar("referat_text_tally")


def _count(exc: UnicodeDecodeError) -> tuple[str, int]:
    tally = _tally.get()
    if not tally.count:
        tally.first, tally.reason = tally.base + exc.start, exc.reason
    tally.count += 1
    return "\ufffd", exc.end


codecs.register_error("referat-tally", _count)


def pieces(data: bytes, encoding: Encoding) -> Iterator[str]:
    """The text of ``data``, a piece of about ``CHUNK`` bytes at a time."""
    decoder = codecs.getincrementaldecoder(encoding.codec)(encoding.errors)
    for at in range(0, len(data), CHUNK):
        yield decoder.decode(data[at : at + CHUNK])
    yield decoder.decode(b"", final=True)


def _survey(data: bytes, codec: str) -> tuple[_Tally, int]:
    """Decode ``data`` once, with U+FFFD for invalid sequences: the tally of those, and how
    many characters outside ASCII the text holds."""
    tally = _Tally()
    token = _tally.set(tally)
    decoder = codecs.getincrementaldecoder(codec)("referat-tally")
    wide = 0
    try:
        for at in range(0, len(data) + 1, CHUNK):
            tally.base = at - len(decoder.getstate()[0])
            text = decoder.decode(data[at : at + CHUNK], final=at + CHUNK >= len(data))
            wide += len(text) - len(text.encode("ascii", "ignore"))
    finally:
        _tally.reset(token)
    return tally, wide


def detect(data: bytes, name: str) -> Encoding:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _strict(data, codec, name)
    sample = data[:4096]
    if len(sample) >= 4 and sample.count(0) >= len(sample) // 4:
        # Text in UTF-16 without a BOM has a NUL in every other byte for Latin script.
        even_nuls = sample[0::2].count(0)
        return _strict(data, "utf-16-be" if even_nuls > sample[1::2].count(0) else "utf-16-le", name)
    tally, wide = _survey(data, "utf-8")
    if not tally.count:
        return Encoding("utf-8")
    # UTF-8 with a few damaged bytes, not a single-byte encoding: a cp1252 "æ" before a letter
    # is never a valid UTF-8 sequence, so such text has almost none.
    if wide - tally.count >= 2 * tally.count and tally.count <= max(1, len(data) // 100):
        _replaced(name, "UTF-8", tally)
        return Encoding("utf-8", "replace")
    return _single_byte(data)


def _replaced(name: str, codec: str, tally: _Tally) -> None:
    what = "byte is" if tally.count == 1 else "bytes are"
    warnings.warn(
        InputWarning(name, f"{tally.count} {what} not valid {codec} (first at byte {tally.first}); shown as U+FFFD"),
        stacklevel=4,
    )


def _strict(data: bytes, codec: str, name: str) -> Encoding:
    tally, _ = _survey(data, codec)
    if not tally.count:
        return Encoding(codec)
    if tally.count > len(data) // 100:  # mostly damaged: not the encoding its BOM claims
        raise InputError(name, f"not valid {codec.upper()} text: {tally.reason} at byte {tally.first}")
    _replaced(name, codec.upper().removesuffix("-SIG"), tally)
    return Encoding(codec, "replace")


def _single_byte(data: bytes) -> Encoding:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:65536], cp_isolation=["cp1252", "latin_1", "iso8859_15", "cp865", "mac_roman"]).best()
    codec = best.encoding if best is not None else "cp1252"
    tally, _ = _survey(data, codec)
    return Encoding(codec if not tally.count else "latin-1")  # latin-1: every byte is a character


def checked(texts: Iterator[str], name: str) -> Iterator[str]:
    """The pieces, refused as binary data when they hold a NUL, or many control characters in
    their first 64K characters."""
    head = controls = 0
    for text in texts:
        if "\x00" in text:
            raise InputError(name, "not a text file: it holds NUL bytes (binary data?)")
        if head < 65536:
            start = text[: 65536 - head]
            head += len(start)
            controls += len(_CONTROL.findall(start))
            if head >= 65536:
                _controls(controls, head, name)
        yield text
    _controls(controls, head, name)


def _controls(count: int, length: int, name: str) -> None:
    if count > max(8, length // 100):
        raise InputError(name, "not a text file: too many control characters (binary data?)")


def decode(data: bytes, name: str) -> str:
    """The whole text of ``data``, for the readers that hold it (a text export's lines)."""
    return "".join(checked(pieces(data, detect(data, name)), name))
