"""Nothing is lost: every word of an input is somewhere in its canonical document.

A word is a token of two or more word characters (``\\w{2,}``), counted as a multiset: a word
printed three times must be in the document at least three times. The document's words are
those of its text nodes and attribute values (content and furniture records alike), except the
``source`` element, which names the file rather than holding its content. Bullet glyphs are not
words. Label words ("Sagsnr.", "Åben Sag", "Bilag:") are the only words a reader may drop, because
what they labelled lives on as an attribute (``caseNumber``, ``access``, the attachment list);
they come from the vocabulary, so a new family's labels are accounted for by its data file.
"""

from __future__ import annotations

import re
from collections import Counter

from convert import canonical
from convert.model import Minutes
from convert.readers.grammar.vocabulary import label_words

WORD = re.compile(r"\w{2,}")
BULLETS = re.compile("[\uf0b7\uf0a7\uf076\uf0d8\uf0fc\u2022\u25aa\u25cf\u25e6\u2023\u2043\u25a0\u25a1]")


def words(text: str) -> Counter:
    return Counter(WORD.findall(BULLETS.sub(" ", text)))


def document_words(minutes: Minutes) -> Counter:
    root = canonical.to_element(minutes)
    found: Counter = Counter()
    for el in root.iter():
        if el.tag == "source" or not isinstance(el.tag, str):
            continue
        found.update(words(el.text or ""))
        for value in el.attrib.values():
            found.update(words(value))
    return found


def missing_words(text: str, minutes: Minutes) -> Counter:
    """Words of ``text`` (with their shortfall) that the canonical document does not hold."""
    labels = label_words()
    have = document_words(minutes)
    return Counter({w: n - have[w] for w, n in words(text).items() if n > have[w] and w.lower() not in labels})


def assert_lossless(text: str, minutes: Minutes) -> None:
    lost = missing_words(text, minutes)
    assert not lost, f"words of the input missing from the document: {dict(lost.most_common(20))}"
    # The document must also be what the schema allows, or the words are not really "in" it.
    canonical.check(canonical.to_element(minutes), minutes.source.file)
