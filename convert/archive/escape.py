"""Untrusted text made safe where a batch shows or stores it: file names on a terminal, cells of
the CSV files (manifest, open-data tables) and file names that are not UTF-8 in JSON.

- A terminal obeys escape sequences (ECMA-48, https://ecma-international.org/publications-and-standards/standards/ecma-48/),
  so a file named ``\\x1b]0;...`` could retitle the window or hide lines: control characters are
  printed as Python-style escapes instead.
- A spreadsheet runs a cell that begins with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage
  return before one) as a formula (OWASP, "CSV Injection",
  https://owasp.org/www-community/attacks/CSV_Injection): such cells get a leading apostrophe,
  which spreadsheets show as text and hide.
- POSIX file names are bytes; Python keeps the bytes that are not UTF-8 as lone surrogates
  (PEP 383, https://peps.python.org/pep-0383/). JSON carries them as ``\\udcXX`` escapes, so a
  manifest read back names the same file; CSV and the terminal show them as ``\\xXX``.
"""

from __future__ import annotations

import re

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _bytes_escape(match: re.Match) -> str:
    code = ord(match.group())
    # PEP 383 maps byte b to U+DC00+b for b >= 0x80; any other lone surrogate is shown by its code.
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


def _control_escape(match: re.Match) -> str:
    code = ord(match.group())
    return {9: "\\t", 10: "\\n", 13: "\\r"}.get(code) or (f"\\x{code:02x}" if code < 256 else f"\\u{code:04x}")


def printable(text: str) -> str:
    """``text`` for a terminal: no control characters, no lone surrogates, one line."""
    return _CONTROL.sub(_control_escape, _SURROGATE.sub(_bytes_escape, text))


def csv_cell(value: object) -> str:
    """A CSV cell that no spreadsheet reads as a formula, in valid UTF-8."""
    text = "" if value is None else _SURROGATE.sub(_bytes_escape, str(value))
    return "'" + text if text.startswith(_FORMULA) else text


def json_text(body: str) -> str:
    """JSON text with lone surrogates written as ``\\uXXXX`` escapes, so it can be saved as UTF-8.

    Only valid for the output of ``json.dumps``, where a surrogate can only stand inside a string."""
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", body)
