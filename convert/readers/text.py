"""Reader for text extractions of minutes (PDF-to-text output, as in shared/seeds/).

The encoding is detected from the bytes: a BOM (UTF-8, UTF-16), strict UTF-8, UTF-16 without a
BOM (by its NUL pattern), else the best single-byte guess (cp1252, latin-1) by charset-normalizer.
UTF-8 or UTF-16 with a few invalid bytes is decoded with U+FFFD in their place and an
``InputWarning``, instead of refusing the whole file.
Two line conventions are recognised: ordinary text, where an empty line separates paragraphs,
and the "double-spaced" extraction of the seeds, where every printed line ends in " \\n\\n" and a
line holding only white space separates paragraphs. A form feed starts a new page.
"""

from __future__ import annotations

import codecs
import re
import warnings

from convert.errors import InputError, InputWarning
from convert.model import Minutes, Source
from convert.readers.grammar import columns
from convert.readers.grammar.lines import Line
from convert.readers.grammar.recognizer import recognize

_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f]")  # C0 controls but tab, line ends, form feed
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode(data: bytes, name: str) -> str:
    text = _decode(data, name)
    if "\x00" in text:
        raise InputError(name, "not a text file: it holds NUL bytes (binary data?)")
    controls = len(_CONTROL.findall(text, 0, 65536))
    if controls > max(8, len(text[:65536]) // 100):
        raise InputError(name, "not a text file: too many control characters (binary data?)")
    return text


def _decode(data: bytes, name: str) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data, encoding, name)
    sample = data[:4096]
    if len(sample) >= 4 and sample.count(0) >= len(sample) // 4:
        # Text in UTF-16 without a BOM has a NUL in every other byte for Latin script.
        even_nuls = sample[0::2].count(0)
        return _strict(data, "utf-16-be" if even_nuls > sample[1::2].count(0) else "utf-16-le", name)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8", errors="replace")
        bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
        multibyte = sum(1 for c in text if c >= "\x80") - bad
        # UTF-8 with a few damaged bytes, not a single-byte encoding: a cp1252 "æ" before a
        # letter is never a valid UTF-8 sequence, so such text has almost none.
        if multibyte >= 2 * bad and bad <= max(1, len(data) // 100):
            _replaced(name, "UTF-8", bad, exc.start)
            return text
        return _single_byte(data)


def _replaced(name: str, encoding: str, count: int, first: int) -> None:
    what = "byte is" if count == 1 else "bytes are"
    warnings.warn(
        InputWarning(name, f"{count} {what} not valid {encoding} (first at byte {first}); shown as U+FFFD"),
        stacklevel=3,
    )


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        text = data.decode(encoding, errors="replace")
        bad = text.count("\ufffd") - data.decode(encoding, errors="ignore").count("\ufffd")
        if bad > len(data) // 100:  # mostly damaged: not the encoding its BOM claims
            raise InputError(name, f"not valid {encoding.upper()} text: {exc.reason} at byte {exc.start}") from None
        _replaced(name, encoding.upper().removesuffix("-SIG"), bad, exc.start)
        return text


def _single_byte(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:65536], cp_isolation=["cp1252", "latin_1", "iso8859_15", "cp865", "mac_roman"]).best()
    encoding = best.encoding if best is not None else "cp1252"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return data.decode("latin-1")  # every byte is a character: nothing is dropped


def _is_double_spaced(physical: list[str]) -> bool:
    """True when nearly every non-empty line is followed by exactly one empty line."""
    nonempty = followed = 0
    for i, line in enumerate(physical[:-1]):
        if line.strip():
            nonempty += 1
            if not physical[i + 1] and (i + 2 >= len(physical) or physical[i + 2]):
                followed += 1
    return nonempty >= 4 and followed >= 0.6 * nonempty


def to_lines(text: str) -> list[Line]:
    """Physical lines into Lines; empty Lines are paragraph breaks."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines: list[Line] = []
    for page_no, page in enumerate(text.split("\f"), start=1):
        physical = page.split("\n")
        if _is_double_spaced(physical):
            # Printed lines are joined by "\n\n"; a lone "\n" inside one is a break the extractor
            # made within a printed line (two bullets on one line), so it splits too.
            for printed in page.split("\n\n"):
                if not printed:
                    continue  # the extra empty lines around a page break say nothing
                if not printed.strip():
                    lines.append(Line("", page_no))
                    continue
                parts = [part.strip() for part in printed.split("\n") if part.strip()]
                lines.extend(Line(part, page_no, break_before=n > 0) for n, part in enumerate(parts))
        else:
            lines.extend(Line(p.strip(), page_no) for p in columns.split(physical))
    return lines


def read(data: bytes, source: Source) -> Minutes:
    text = decode(data, source.file)
    if not text.strip():
        raise InputError(source.file, "file holds no text")
    return recognize(to_lines(text), source)
