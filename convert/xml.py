"""The one hardened XML parser that every reader and check uses.

No entity expansion, no DTD loading, no network access, no huge-tree mode: a billion-laughs or
XXE document is refused with ``UnsafeXMLError`` instead of hanging or reading local files.
(lxml/libxml2 options: https://lxml.de/api/lxml.etree.XMLParser-class.html)

Character references to characters XML 1.0 forbids (C0 controls but tab and line ends, XML 1.0
section 2.2 "Char") are replaced before parsing: eDoc writes a page break as ``&#xC;``. A form
feed or vertical tab becomes a line break (it separated text); any other forbidden control
carries no text and is dropped. The replacement is a character reference, so nothing else of the
document changes, and no entity or DTD is ever read.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from convert.errors import InputError


class UnsafeXMLError(InputError):
    """The XML declares a DTD or entities; referat never expands them."""


_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)
# The same declarations in the other encodings an XML file may use (XML 1.0, 4.3.3 and Appendix F)
_WIDE = tuple(
    word.encode(enc)
    for word in ("<!DOCTYPE", "<!ENTITY")
    for enc in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
)
_CHAR_REF = re.compile(rb"&#(?:[xX]0*([0-9a-fA-F]{1,2})|0*([0-9]{1,2}));")
_BREAKS = (0x0B, 0x0C)


def _allowed_refs(match: re.Match) -> bytes:
    code = int(match.group(1), 16) if match.group(1) else int(match.group(2))
    if code >= 0x20 or code in (0x09, 0x0A, 0x0D):
        return match.group(0)
    return b"&#10;" if code in _BREAKS else b""


def clean_char_refs(data: bytes) -> bytes:
    """``data`` with references to characters XML 1.0 forbids replaced (see the module's doc)."""
    return _CHAR_REF.sub(_allowed_refs, data) if b"&#" in data else data


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        dtd_validation=False,
        load_dtd=False,
        huge_tree=False,
        remove_blank_text=False,
    )


def parse_bytes(data: bytes, name: str = "<bytes>") -> etree._Element:
    """Parse XML bytes, refusing any document type declaration outright.

    Canonical minutes never need a DTD, so refusing it is simpler and safer than trying to
    expand entities safely."""
    refused = "XML with a DOCTYPE or ENTITY declaration is refused (possible XXE or entity bomb)"
    head = data[:4096] if len(data) > 4096 else data
    if _DOCTYPE.search(head) or (len(data) > 4096 and _DOCTYPE.search(data)) or any(w in data for w in _WIDE):
        raise UnsafeXMLError(name, refused)
    try:
        root = etree.fromstring(clean_char_refs(data), parser=_parser())
    except etree.XMLSyntaxError as exc:
        # libxml2's messages may hold a line break; the user gets one line (found by fuzzing).
        raise InputError(name, f"not well-formed XML: {' '.join(str(exc).split())}") from None
    except ValueError as exc:  # lxml refuses some inputs outright (an encoding it cannot switch to)
        raise InputError(name, f"not well-formed XML: {' '.join(str(exc).split())}") from None
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:  # an encoding the byte checks do not know
        raise UnsafeXMLError(name, refused)
    return root


def parse_file(path: str | Path) -> etree._Element:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read file: {exc.strerror or exc}") from None
    return parse_bytes(data, str(path))
