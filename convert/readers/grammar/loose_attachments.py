"""An attachment table (number | access | title | document number) as a plain text extraction
gives it back: its cells out of step. A row may come as "1 Åben" with its title on a line of its
own; the document numbers of some rows may come together, later, each on a line alone:

    1 Åben
    Byggeriet klimatilpasning
    2 Lukket For udbud bydelen
    399998/22
    254285/22
    3 Lukket Status trafiksikkerhed på af budget 240410/22

Each row starts at its number and access word (a cell a line, when the table is unruled: the
number alone, then the access word); other text is the title of the row before; the
document numbers left over go, in order, to the rows without one when they are as many."""

from __future__ import annotations

import re

from convert.model import Attachment
from convert.readers.grammar.blocks import fold
from convert.readers.grammar.vocabulary import Vocabulary

_DOC = r"\d{3,}/\d{2}|\d{4}[-–]\d{4,}"
_ROW = re.compile(rf"(?P<number>\d{{1,3}})[.)]?\s+(?P<access>\w+)(?:\s+(?P<title>.*?))??(?:\s+(?P<doc>{_DOC}))?")
_NUMBER = re.compile(r"\d{1,3}[.)]?")
_DOCS = re.compile(rf"(?:{_DOC})(?:\s+(?:{_DOC}))*")


def _row(text: str, vocab: Vocabulary) -> re.Match | None:
    m = _ROW.fullmatch(text)
    return m if m and vocab.access_of(m["access"]) else None


def _joined(texts: list[str], vocab: Vocabulary) -> list[str]:
    """A row's number on a line alone, its access word opening the next line: one line."""
    out: list[str] = []
    for text in texts:
        if out and _NUMBER.fullmatch(out[-1]) and _row(f"{out[-1]} {text}", vocab):
            out[-1] = f"{out[-1]} {text}"
        else:
            out.append(text)
    return out


def applies(texts: list[str], vocab: Vocabulary) -> bool:
    """Rows of number and access whose cells came apart: a row without a title, or document
    numbers on lines of their own."""
    joined = _joined(texts, vocab)
    rows = [m for t in joined if (m := _row(t, vocab))]
    if not rows or not _row(joined[0], vocab):
        return False
    apart = len(joined) < len(texts) or any(_DOCS.fullmatch(t) for t in joined)
    return apart or any(not m["title"] for m in rows)


def goes_on(texts: list[str], text: str, vocab: Vocabulary) -> bool:
    """After a paragraph break, is ``text`` still part of such a table: a row, a title of a row
    printed alone, or document numbers."""
    if _row(text, vocab) or _DOCS.fullmatch(text) or _NUMBER.fullmatch(text):
        return True
    texts = _joined([*texts, text], vocab)
    if _row(texts[-1], vocab):
        return True  # the access word of a row whose number stands alone
    texts.pop()
    for k in range(len(texts) - 1, -1, -1):  # the last row, past the document numbers after it
        if (last := _row(texts[k], vocab)) is not None:
            return not last["title"]
        if not _DOCS.fullmatch(texts[k]):
            return False
    return False


def parse(texts: list[str], vocab: Vocabulary) -> list[Attachment]:
    rows: list[dict] = []
    loose: list[str] = []
    for text in _joined(texts, vocab):
        m = _row(text, vocab)
        if m:
            rows.append({"number": m["number"], "access": m["access"], "title": m["title"] or "", "doc": m["doc"]})
        elif _DOCS.fullmatch(text):
            loose += text.split()
        elif rows:
            title, _, doc = text.rpartition(" ")
            if rows[-1]["doc"] is None and title and re.fullmatch(_DOC, doc):
                rows[-1]["doc"], text = doc, title  # the row's last cell beside its title's last line
            rows[-1]["title"] = f"{rows[-1]['title']} {text}".strip()
    wanting = [r for r in rows if not r["doc"]]
    if len(loose) == len(wanting):
        for row, doc in zip(wanting, loose, strict=True):
            row["doc"] = doc
    return [
        Attachment(
            number=r["number"],
            title=fold(r["title"]),
            access=vocab.access_of(r["access"]) or "open",
            access_label=r["access"],
            document_id=r["doc"],
        )
        for r in rows
    ]
