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
number alone, then the access word); other text is the title of the row before, or of the first
row still without one (a title given after the next row's); the
document numbers left over go, in order, to the rows without one when they are as many."""

from __future__ import annotations

import re

from convert.model import Attachment, Item, Paragraph
from convert.readers.grammar.blocks import fold
from convert.readers.grammar.vocabulary import Vocabulary

_DOC = r"\d{3,}/\d{2}|\d{4}[-–]\d{4,}"
_ROW = re.compile(rf"(?P<number>\d{{1,3}})[.)]?\s+(?P<access>\w+)(?:\s+(?P<title>.*?))??(?:\s+(?P<doc>{_DOC}))?")
_NUMBER = re.compile(r"\d{1,3}[.)]?")
_DOCS = re.compile(rf"(?:{_DOC})(?:\s+(?:{_DOC}))*")


def document_numbers(text: str) -> bool:
    """A line of document numbers and nothing else: a table's last cells, given apart."""
    return bool(_DOCS.fullmatch(text))


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
    """After a paragraph break, is ``text`` still part of such a table: a row, a row's number or
    access word, document numbers, or a title while a row is still without one."""
    if _row(text, vocab) or _DOCS.fullmatch(text) or _NUMBER.fullmatch(text):
        return True
    if _row(_joined([*texts, text], vocab)[-1], vocab):
        return True  # the access word of a row whose number stands alone
    return any(not m["title"] for t in _joined(texts, vocab) if (m := _row(t, vocab)))


def parse(texts: list[str], vocab: Vocabulary) -> list[Attachment]:
    rows: list[dict] = []
    loose: list[str] = []
    for text in _joined(texts, vocab):
        m = _row(text, vocab)
        if m:
            rows.append({"number": m["number"], "access": m["access"], "title": m["title"] or "", "doc": m["doc"]})
            current = rows[-1]
        elif _DOCS.fullmatch(text):
            loose += text.split()
        elif rows:
            # A title in capitals while a row above has none is that row's, given late; a line
            # in lower case goes on with the title before it.
            empty = next((r for r in rows if not r["title"]), None)
            row = empty if empty is not None and not text[:1].islower() else current
            title, _, doc = text.rpartition(" ")
            if row["doc"] is None and title and re.fullmatch(_DOC, doc):
                row["doc"], text = doc, title  # the row's last cell beside its title's last line
            row["title"] = f"{row['title']} {text}".strip()
            current = row
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


def return_late(items: list[Item]) -> None:
    """Document numbers a text extraction gave items later, as a paragraph of their own, go back
    to the nearest item before whose attachment rows lack as many."""
    for n, item in enumerate(items):
        for section in item.sections:
            for block in list(section.blocks):
                if not (isinstance(block, Paragraph) and _DOCS.fullmatch(block.text)):
                    continue
                docs = block.text.split()
                for earlier in reversed(items[:n]):
                    wanting = [a for a in earlier.attachments if not a.document_id]
                    if wanting:
                        if len(wanting) == len(docs):
                            for attachment, doc in zip(wanting, docs, strict=True):
                                attachment.document_id = doc
                            section.blocks.remove(block)
                        break
