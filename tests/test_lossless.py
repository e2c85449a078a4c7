"""The lossless helper itself: it must notice a lost word, a word lost once of twice, and forgive
only the vocabulary's label words."""

from __future__ import annotations

import dataclasses

import pytest

from convert.model import Paragraph, Section
from tests.lossless import assert_lossless, missing_words


def test_a_dropped_paragraph_is_noticed(minutes_sample):
    text = "Direktionen har følgende punkter: Årsplan Covid-19 ERP"
    assert not missing_words(text, minutes_sample)
    item = minutes_sample.items[0]
    item.sections = [s for s in item.sections if s.kind != "presentation"]
    assert missing_words(text, minutes_sample) == {"har": 1, "følgende": 1, "punkter": 1, "ERP": 1, "Covid": 1, "19": 1}
    with pytest.raises(AssertionError, match="følgende"):
        assert_lossless(text, minutes_sample)


def test_words_count_as_a_multiset(minutes_sample):
    once = "Drøftet."
    assert not missing_words(once, minutes_sample)
    assert missing_words("Drøftet. Drøftet.", minutes_sample) == {"Drøftet": 1}
    item = minutes_sample.items[0]
    item.sections.append(dataclasses.replace(Section("other", ""), blocks=[Paragraph("Drøftet.")]))
    assert not missing_words("Drøftet. Drøftet.", minutes_sample)


def test_label_words_and_bullets_are_forgiven(minutes_sample):
    assert not missing_words("Sagsnr.: 2011-29298 \uf0b7 Bilag: Åben Sag", minutes_sample)
    assert missing_words("Sagsnr.: 2011-29299", minutes_sample) == {"29299": 1}
