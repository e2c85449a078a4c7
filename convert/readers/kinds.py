"""What a file is, from its first bytes: the formats referat reads that are not plain text, and a
specific one-line description of everything it does not read.

Magic numbers: PDF 1.7 (ISO 32000-1) section 7.5.2; ZIP (PKWARE APPNOTE 4.3.7, "PK\\x03\\x04");
OLE2 compound files ([MS-CFB] 2.2, "D0 CF 11 E0 A1 B1 1A E1"), whose directory names a Word
document's main stream "WordDocument" ([MS-DOC] 2.1.1); Office Open XML packages (ECMA-376
Part 2) name their main part in ``[Content_Types].xml`` and hold ``word/document.xml``,
``xl/workbook.xml`` or ``ppt/presentation.xml``; OpenDocument packages (ODF 1.2 Part 3, 3.3)
start with a stored ``mimetype`` member; PNG, JPEG, GIF, TIFF, BMP and WebP by their signatures.
"""

from __future__ import annotations

import io
import json
import re
import zipfile

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP = b"PK\x03\x04"
UNKNOWN = "unknown"

_IMAGES = (
    (b"\x89PNG", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF8", "GIF"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"BM", "BMP"),
)
_OTHER_MAGIC = (
    (b"{\\rtf", "RTF document: save it as .docx or PDF"),
    (b"\x1f\x8b", "gzip archive: unpack it and convert the files inside"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive: unpack it and convert the files inside"),
    (b"Rar!", "RAR archive: unpack it and convert the files inside"),
)
_ZIP_PARTS = (
    ("word/document.xml", "docx"),
    ("xl/workbook.xml", "spreadsheet (Excel .xlsx), not minutes"),
    ("ppt/presentation.xml", "presentation (PowerPoint .pptx), not minutes"),
)
_ODF = {
    "application/vnd.oasis.opendocument.text": "OpenDocument text (.odt): save it as .docx or PDF",
    "application/vnd.oasis.opendocument.spreadsheet": "spreadsheet (OpenDocument .ods), not minutes",
}
_WORD_STREAM = "WordDocument".encode("utf-16-le")
_ROOT = re.compile(rb"<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)")
_HTML = re.compile(rb"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL)


def _zip_kind(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, RuntimeError):
        return UNKNOWN
    return "docx" if "word/document.xml" in names else UNKNOWN


def binary_format(data: bytes) -> str | None:
    """ "docx", "doc" or ``UNKNOWN`` for a binary file referat knows by its magic number; None
    when the file may be text (or PDF, which the caller tells by its own signature)."""
    if data.startswith(ZIP):
        return _zip_kind(data)
    if data.startswith(OLE2):
        return "doc" if _WORD_STREAM in data[: 1 << 20] else UNKNOWN
    if data.startswith(tuple(m for m, _ in _IMAGES + _OTHER_MAGIC)) or data[8:12] == b"WEBP":
        return UNKNOWN
    return None


def root_element(data: bytes) -> str | None:
    """The local name of an XML document's root element, read from its text (no parsing)."""
    at = 0
    while True:
        at = data.find(b"<", at)
        if at < 0 or at + 1 >= len(data):
            return None
        if data[at + 1 : at + 2] in (b"?", b"!"):
            end = data.find(b"-->", at) + 3 if data.startswith(b"<!--", at) else data.find(b">", at) + 1
            if end <= 0:
                return None
            at = end
            continue
        m = _ROOT.match(data, at)
        return m.group(2).decode("ascii", "replace") if m else None


def xml_format(data: bytes) -> str:
    """Which XML reader: canonical minutes, the eDoc or SBSYS export, else ``UNKNOWN``."""
    root = root_element(data)
    if root == "minutes":
        return "xml"
    if root == "Meeting" and b"<MeetingAgendaTypes" in data:
        return "edoc"
    if root == "Publication" and b"<Agendas" in data:
        return "sbsys"
    return UNKNOWN


def is_markup(data: bytes) -> bool:
    """Text that starts with a tag: an XML document without its declaration. Binary data that
    happens to start with "<" is not (its head is no UTF-8 text)."""
    head = data[:4096]
    if not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<") or b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start >= len(head) - 3 and len(data) > len(head)  # a character cut at the end
    return True


def is_html(data: bytes) -> bool:
    return bool(_HTML.match(data[:4096].lstrip(b"\xef\xbb\xbf")))


def is_json(data: bytes) -> bool:
    if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] not in (b"{", b"["):
        return False
    try:
        json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return False
    return True


def describe(data: bytes) -> str:
    """One specific line saying what a file is that no reader takes."""
    for magic, kind in _IMAGES:
        if data.startswith(magic):
            return f"image ({kind}), not minutes: run OCR on it or give the minutes as PDF or text"
    if data[8:12] == b"WEBP":
        return "image (WebP), not minutes: run OCR on it or give the minutes as PDF or text"
    for magic, what in _OTHER_MAGIC:
        if data.startswith(magic):
            return what
    if data.startswith(OLE2):
        return "Microsoft Office 97–2003 file that is not a Word document (.xls, .ppt or .msg?), not minutes"
    if data.startswith(ZIP):
        return _describe_zip(data)
    if is_html(data) or root_element(data) == "html":
        return "HTML page that is not a minutes publication"
    if is_json(data):
        return "JSON that is not a minutes export"
    root = root_element(data)
    if root is not None:
        return f"XML of an unknown vocabulary (root element {root})"
    return "not a format referat reads"


def _describe_zip(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            mimetype = zf.read("mimetype").decode("ascii", "replace").strip() if "mimetype" in names else ""
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError):
        return "broken ZIP archive (or Office file): it cannot be opened"
    for part, kind in _ZIP_PARTS:
        if part in names and kind != "docx":
            return kind
    if mimetype in _ODF:
        return _ODF[mimetype]
    return "ZIP archive: unpack it and convert the files inside"
