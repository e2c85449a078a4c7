"""The one-alternation prefilters of the vocabulary (``any_of``) decide as the patterns one by one
do, on every line of the corpus PDFs and on lines made to come close to the patterns."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from convert.readers import pdf
from convert.readers.grammar import vocabulary

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
NAMES = [None, *vocabulary.family_names()]


def _one_by_one(vocab, text: str):
    if len(text) > vocabulary.HEADING_MAX:
        return None, None
    kind = next((k for p, k in vocab.sections if p.match(text)), None)
    decision = next((m for p in vocab.decisions if (m := p.match(text))), None)
    return kind, decision and decision.group(0)


def _prefilters_agree(vocab, text: str) -> None:
    """The other joined prefilters: each matches where one of its patterns does, and only there."""
    heads = (*(p for p, _ in vocab.sections), *vocab.decisions, vocab.attachments)
    named = [p for p in (vocab.confirm, vocab.case_number, vocab.document_id, vocab.access_line) if p]
    assert vocab.may_head(text) == any(p.match(text) for p in heads), text
    assert vocab.may_open_item(text) == any(p.match(text) for p in vocab.items), text
    assert vocab.may_open_label(text) == any(p.match(text) for p, _ in vocab.meta_labels), text
    grammar = vocab.grammar_any.matches(text)
    assert grammar == any(p.match(text) for p in (*heads, *named, *vocab.items)), text


def _decided(vocab, text: str):
    decision = vocab.decision(text)
    return vocab.section_kind(text), decision and decision.group(0)


def _tell_tales_one_by_one(texts):
    return {
        n: sum(1 for t in texts for p in vocabulary.load(n).detect if p.match(t)) for n in vocabulary.family_names()
    }


def test_every_vocabulary_joins_its_patterns():
    for name in NAMES:
        vocab = vocabulary.load(name)
        assert vocab.sections_any is not None and vocab.decisions_any is not None, name
        assert vocab.headings_any is not None and vocab.grammar_any is not None, name
        assert vocab.items_any is not None or not vocab.items, name
        assert vocab.labels_any is not None or not vocab.meta_labels, name


@pytest.mark.skipif(not CORPUS.is_dir(), reason="corpus not present")
def test_prefilters_agree_on_corpus_lines():
    texts = set()
    for path in sorted(CORPUS.glob("*referat*.pdf")):
        lines, _ = pdf.read_lines(path.read_bytes(), path.name, "never")
        texts.update(line.text for line in lines if line.text)
    texts.update(t.rstrip(":").upper() for t in list(texts))
    assert len(texts) > 500
    for name in NAMES:
        vocab = vocabulary.load(name)
        for t in texts:
            assert _decided(vocab, t) == _one_by_one(vocab, t), (name, t)
            _prefilters_agree(vocab, t)
    assert vocabulary.tell_tales(sorted(texts)) == _tell_tales_one_by_one(sorted(texts))


_WORDS = [
    "Beslutning",
    "beslutning",
    "BESLUTNING",
    "Indstilling",
    "Sagsnr.:",
    "Punkt 3:",
    "Åbent punkt",
    "Lukket sag",
    "den 04.12.2012",
    "Bilag",
    "Resumé",
    "Sagsfremstilling",
    "Økonomi",
    "s",
    " ",
    ":",
    "1.",
    "Sagsbehandler:",
    "Dok. nr.:",
    "s beslutning den",
    "Økonomiudvalgets beslutning den 04.12.2012",
    "Direktionen 12-10-2022",
    "\n",
    "\u017f",  # long s: the same letter as "s" to a case-insensitive pattern
    "\u212a",  # Kelvin sign: "k" to a case-insensitive pattern
    "\u0131",  # dotless i
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS) | st.text(max_size=6), max_size=6).map(" ".join))
def test_prefilters_agree_on_made_lines(text):
    for name in NAMES:
        vocab = vocabulary.load(name)
        assert _decided(vocab, text) == _one_by_one(vocab, text), (name, text)
        _prefilters_agree(vocab, text)
    assert vocabulary.tell_tales([text]) == _tell_tales_one_by_one([text])


# Patterns that open with "any text", searched for their rest by ``any_of``, and some that look so
# but may match without it (an alternative beside it, in a group around it or at the top), or
# that a class or an escape makes hard to read.
_LEADING_ANY = [
    r".+ \d{2}-\d{2}-\d{4}",
    r"(?P<body>.+?)s beslutning den (?P<date>\S+)(?: Punkt \d+)?",
    r".*?s [b|]",
    r"(?:.+x|y)",
    r".+x|y",
    r"(?:(?:.+?)(?:a|b))c",
    r"(?:.+[|)(]x)",
    r"(?:.+\|x)",
    r"(?:.+[]|]x)",
    r"(?:.+[^]x|]y)",
    r".+$",
    r".*",
    r"^.+",
    r"(?:.+?)(?<=s)b",
    r".++a",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["s", "S", "\u017f", "b", "|", "x", "y", "a", "c", " 12-10-2022", "\n", "", ")", "]"])
                | st.text(max_size=3), max_size=8).map("".join))
def test_a_pattern_opening_with_any_text_is_decided_as_itself(text):
    for source in _LEADING_ANY:
        for flags in (0, re.IGNORECASE):
            pattern = vocabulary._full(source, match_case=not flags)
            assert vocabulary.any_of((pattern,)).matches(text) == bool(pattern.match(text)), (source, flags, text)
