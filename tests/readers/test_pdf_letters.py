"""Fonts that map glyphs to the wrong letters (convert/readers/pdf/letters.py): a subset font whose
ToUnicode map is shuffled leaves no glyph unmapped, yet its text spells nothing. The reader reads
such a font from its own program when it can, says so when it cannot ('damaged-text'), and finds
no such font in the corpus."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pikepdf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from convert.errors import ReferatError
from convert.readers import read_bytes
from convert.readers.pdf import _Spooled, letters
from tests.readers.pdf_samples import minutes_html, read_with_warnings, render

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
ITEMS = [
    ("Råd og vejledning på Søvej", ["Sagen gælder færgen til Ærø og åbningstiderne for sommeren. " * 4]),
    ("Økonomi for 2025", ["Forvaltningen indstiller, at bevillingen gives til skolernes renovering. " * 4]),
    ("Trafiksikkerhed ved skolerne", ["Udvalget drøftede trafikken omkring skolerne og cykelstierne. " * 4]),
]
_ENTRY = re.compile(rb"<([0-9a-fA-F]{4})> <([0-9a-fA-F]{4})>")


@pytest.fixture(scope="module")
def original() -> bytes:
    return render(minutes_html(ITEMS))


def _shuffle(pdf: bytes, font: str, drop_program: bool = False) -> bytes:
    """The PDF with the lower-case letters of ``font``'s ToUnicode map handed round one place
    (each glyph now says the letter of another); and its embedded program removed if asked."""
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            for f in page.Resources.Font.values():
                if not str(f.BaseFont).endswith("+" + font):
                    continue
                cmap = f.ToUnicode.read_bytes()
                entries = [(m.group(1), m.group(2)) for m in _ENTRY.finditer(cmap)]
                lower = [(c, u) for c, u in entries if chr(int(u, 16)).islower()]
                turned = dict(zip([c for c, _ in lower], [u for _, u in lower[1:] + lower[:1]], strict=True))
                cmap = _ENTRY.sub(lambda m, t=turned: b"<%s> <%s>" % (m[1], t.get(m[1], m[2])), cmap)
                f.ToUnicode = doc.make_stream(cmap)
                if drop_program:
                    del f.DescendantFonts[0].FontDescriptor["/FontFile2"]
        out = io.BytesIO()
        doc.save(out)
        return out.getvalue()


def test_danish_text_holds_few_foreign_triples_and_shifted_text_many():
    text = " ".join(p for _, ps in ITEMS for p in ps)
    words = letters.words(text)
    assert sum(map(letters.foreign, words)) <= 0.02 * len(words)
    turned = str.maketrans("abcdefghijklmnopqrstuvwxyzæøå", "bcdefghijklmnopqrstuvwxyzæøåa")
    shuffled = letters.words(text.translate(turned))
    assert sum(map(letters.foreign, shuffled)) > 0.9 * len(shuffled) > letters.LIES * len(shuffled)


def test_wrong_letters_come_back_from_the_font_program(original):
    broken = _shuffle(original, "DejaVu-Serif")
    assert broken != original
    minutes, heard = read_with_warnings(broken, "bogstaver.pdf")
    assert not heard
    assert minutes.pformat() == read_bytes(original, "bogstaver.pdf").pformat()


def test_wrong_letters_that_cannot_come_back_are_reported(original):
    broken = _shuffle(original, "DejaVu-Serif", drop_program=True)
    _, heard = read_with_warnings(broken, "bogstaver.pdf")
    assert len(heard) == 1 and heard[0].mark == "damaged-text"
    message = str(heard[0])
    assert "DejaVu-Serif" in message and "wrong letters" in message and "\n" not in message


@pytest.mark.parametrize("pdf", sorted(CORPUS.rglob("*.pdf")), ids=lambda p: p.name)
def test_no_corpus_font_is_taken_for_lying(pdf):
    try:
        spooled = _Spooled(pdf.read_bytes(), pdf.name, ocr_mode="never")
    except ReferatError:
        return  # a scan: no text layer to judge
    try:
        assert spooled.sample.lying() == {}
    finally:
        spooled.close()


_DANISH = letters.words(" ".join(p for _, ps in ITEMS for p in ps) + " udvalget beslutter kommunens borgere skolerne")
_TURNED = str.maketrans("abcdefghijklmnopqrstuvwxyzæøå", "bcdefghijklmnopqrstuvwxyzæøåa")


def _judged_word_by_word(sample: letters.Sample) -> dict[str, tuple[int, int, int]]:
    """``lying`` by its definition: every word of every font judged, triple by triple."""
    known = letters.triples()
    out = {}
    for font, found in sample.words.items():
        edged = [f" {w} " for w in found]
        bad = sum(any(e[k : k + 3] not in known for k in range(len(e) - 2)) for e in edged)
        if len(found) >= letters._ENOUGH and bad > letters.LIES * len(found):
            out[font] = (bad, len(found), sample.first[font])
    return out


@st.composite
def _font_words(draw) -> tuple[list[str], list[str], int]:
    """Honest words and shifted ones of one font, as many of each or nearly: the judgement is
    close, where settling early could go wrong."""
    honest = draw(st.lists(st.sampled_from(_DANISH), max_size=60))
    nearly = max(0, len(honest) + draw(st.integers(-6, 6)))
    shifted = draw(st.lists(st.sampled_from(_DANISH).map(lambda w: w.translate(_TURNED)), min_size=nearly,
                            max_size=nearly))  # fmt: skip
    return honest, shifted, draw(st.integers(1, 30))


@settings(max_examples=200, deadline=None)
@given(fonts=st.lists(_font_words(), max_size=4))
def test_a_font_settled_early_is_judged_as_every_word_would_judge_it(fonts):
    """Honest fonts are settled before their last words are judged: the fonts found lying, and
    their counts, are those of judging every word."""
    sample = letters.Sample()
    for k, (honest, shifted, page) in enumerate(fonts):
        sample.add(f"Font{k}", " ".join(honest + shifted), page)
    assert sample.lying() == _judged_word_by_word(sample)
