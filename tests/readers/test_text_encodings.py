"""Encodings and line ends: the same seed in UTF-8 with and without a BOM, UTF-16 (both byte
orders, with and without a BOM), cp1252 and latin-1, with LF or CRLF, reads to the same document.
The encoding is found from the bytes; the file name says nothing."""

from __future__ import annotations

import codecs

import pytest

from convert.errors import InputError
from convert.readers import read_bytes
from convert.readers.text import decode
from tests.conftest import SEEDS
from tests.lossless import assert_lossless

TEXT = SEEDS[1].read_text(encoding="utf-8")
# latin-1 has no typographic quotes or dashes; the rest of the seed is Danish letters it has.
LATIN1_TEXT = TEXT.translate(str.maketrans({"’": "'", "–": "-", "”": '"', "\uf0b7": "*"}))

ENCODED = {
    "utf-8": TEXT.encode("utf-8"),
    "utf-8-bom": codecs.BOM_UTF8 + TEXT.encode("utf-8"),
    "utf-16-le-bom": TEXT.encode("utf-16"),  # CPython writes the platform order (LE) with a BOM
    "utf-16-be-bom": codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
    "utf-16-le": TEXT.encode("utf-16-le"),
    "utf-16-be": TEXT.encode("utf-16-be"),
    "utf-8-crlf": TEXT.replace("\n", "\r\n").encode("utf-8"),
    "utf-16-crlf": TEXT.replace("\n", "\r\n").encode("utf-16"),
    "cp1252-crlf": TEXT.replace("\uf0b7", "\u2022").replace("\n", "\r\n").encode("cp1252"),
}


def _shape(minutes):
    return minutes.meeting, minutes.items, minutes.furniture


@pytest.fixture(scope="module")
def reference():
    return read_bytes(ENCODED["utf-8"], "seed.txt")


@pytest.mark.parametrize("name", [n for n in ENCODED if n != "cp1252-crlf"])
def test_same_document_in_every_encoding(name, reference):
    data = ENCODED[name]
    assert decode(data, "x").replace("\r\n", "\n").lstrip("\ufeff") == TEXT
    minutes = read_bytes(data, f"seed.{name}.txt")
    assert _shape(minutes) == _shape(reference)
    assert_lossless(TEXT, minutes)


def test_cp1252_with_bullet_glyphs(reference):
    # cp1252 cannot hold the private-use bullet; Word's "•" is what such a file holds instead.
    minutes = read_bytes(ENCODED["cp1252-crlf"], "seed.cp1252.txt")
    assert decode(ENCODED["cp1252-crlf"], "x").replace("\r\n", "\n") == TEXT.replace("\uf0b7", "\u2022")
    assert _shape(minutes) == _shape(reference)
    assert_lossless(TEXT, minutes)


def test_latin1_is_detected_not_guessed():
    utf8 = read_bytes(LATIN1_TEXT.encode("utf-8"), "a.txt")
    latin1 = read_bytes(LATIN1_TEXT.encode("latin-1"), "a.txt")
    assert decode(LATIN1_TEXT.encode("latin-1"), "a.txt") == LATIN1_TEXT
    assert _shape(latin1) == _shape(utf8)
    assert_lossless(LATIN1_TEXT, latin1)
    assert latin1.items[0].attachments[4].access_label == "Lukket"
    assert "Kommunaldirektøren" in latin1.items[0].sections_of("recommendation")[0].blocks[0].text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (codecs.BOM_UTF8 + b"Direktionen \xff\xfe 01-06-2021\n", "not valid UTF-8-SIG text"),
        (codecs.BOM_UTF16_LE + b"D\x00\x00\xd8", "not valid UTF-16 text"),
        (b"\x00\x01\x02\x03" * 40, "not a text file"),
        (b"   \n\r\n \f \n", "file holds no text"),
        (b"Just a line of prose.\nAnd another, with no agenda at all.\n", "no agenda items found"),
    ],
)
def test_refusals_are_one_line(data, reason):
    with pytest.raises(InputError) as err:
        read_bytes(data, "bad.txt", "text")
    message = str(err.value)
    assert message.startswith("bad.txt: ") and reason in message and "\n" not in message
