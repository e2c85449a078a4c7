"""Item meta printed as label/value pairs beside or under an item's title: "Sagsnr.: 12/27845",
"Sagen afgøres i: Økonomiudvalget", "Dok.nr.:", "J.nr.:", "Sagsbehandler:". Three layouts, one
reading: a label and its value on one line; the title line with the pairs run into it (columns
beside the title, joined by the PDF's line grouping); and, in a text extraction of a label/value
table, the labels one per line and then the values in the same order. The labels are vocabulary
(``meta_labels`` in common.toml, each with the field it fills), never a document's own words."""

from __future__ import annotations

import re
from dataclasses import dataclass

from convert.readers.grammar.vocabulary import Vocabulary


@dataclass
class Pair:
    field: str  # case_number | document_id | access | decided_by | other
    label: str  # as printed, "Sagsnr.:"
    value: str | None


def label_at(text: str, vocab: Vocabulary) -> Pair | None:
    """A line that opens with a meta label: its field, the label, and the value after it."""
    if not vocab.may_open_label(text):
        return None
    for pattern, field in vocab.meta_labels:
        m = pattern.match(text)
        if m:
            value = text[m.end() :].strip()
            return Pair(field, text[: m.end()].strip(), value or None)
    return None


def _anywhere(vocab: Vocabulary) -> re.Pattern:
    joined = "|".join(f"(?:{p.pattern})" for p, _ in vocab.meta_labels)
    return re.compile(rf"(?:^|(?<=\s))(?:{joined})", re.IGNORECASE)


_cache: dict[str, re.Pattern] = {}


def split_pairs(text: str, vocab: Vocabulary) -> tuple[str, list[Pair]]:
    """``text`` up to its first meta label, and the label/value pairs from there on."""
    if not vocab.meta_labels:
        return text, []
    finder = _cache.get(vocab.name) or _cache.setdefault(vocab.name, _anywhere(vocab))
    found = list(finder.finditer(text))
    if not found:
        return text, []
    pairs = []
    for n, m in enumerate(found):
        end = found[n + 1].start() if n + 1 < len(found) else len(text)
        pair = label_at(text[m.start() : end].strip(), vocab)
        if pair is not None:
            pairs.append(pair)
    return text[: found[0].start()].strip(), pairs


def is_value(field: str, text: str, vocab: Vocabulary) -> bool:
    """Could ``text`` be the value of a label of ``field``: short, and not itself a label."""
    return bool(text) and len(text) <= 120 and label_at(text, vocab) is None
