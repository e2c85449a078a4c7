"""Minutes written out as an Acadre text extraction, the way the seeds look: every printed line
ends in " \\n\\n", a line holding one space separates paragraphs, bullets are U+F0B7 and "o",
a running header "<body> <dd-mm-yyyy>" opens the first page and may stand anywhere later (even in
mid-sentence, as in seed 002), attachments are "n - docno Åben title (case) (H)", possibly broken
over several lines. ``seed_minutes`` draws models that this style can express; ``render`` writes
one out, returning the text and the furniture records a reader should find."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import textwrap

from hypothesis import strategies as st

from convert.model import (
    Attachment,
    Item,
    ListBlock,
    ListItem,
    Meeting,
    Minutes,
    Paragraph,
    Removed,
    Section,
    Source,
    Subheading,
)
from convert.readers.grammar import vocabulary

BULLET = "\uf0b7"
LETTERS = "abcdefghijklmnoprstuvyæøå"
BODIES = ["Direktionen", "Økonomiudvalget", "Børne- og Skoleudvalget", "Kommunalbestyrelsen"]
_VOCAB = vocabulary.load("acadre")


def _plain(word: str) -> bool:
    """A word that means nothing to the grammar on a line of its own."""
    v = _VOCAB
    return not (
        v.section_kind(word) or v.decision(word) or v.attachments.match(word) or v.access_of(word)
        or word in v.label_words or v.no_attachments.match(word)
    )  # fmt: skip


def _word(rnd: random.Random) -> str:
    while True:
        w = "".join(rnd.choice(LETTERS) for _ in range(rnd.randint(3, 10)))
        if _plain(w):
            return w


def _sentence(rnd: random.Random) -> str:
    return " ".join(_word(rnd) for _ in range(rnd.randint(3, 14))).capitalize() + "."


def _paragraph(rnd: random.Random) -> str:
    return " ".join(_sentence(rnd) for _ in range(rnd.randint(1, 3)))


def _title(rnd: random.Random) -> str:
    return " ".join(_word(rnd) for _ in range(rnd.randint(1, 6))).capitalize()


def _points(rnd: random.Random) -> list[str]:
    """Agenda points; no two start with the same three words, as a decision tells them apart so."""
    points: dict[tuple, str] = {}
    for _ in range(rnd.randint(0, 4)):
        p = _sentence(rnd)
        points.setdefault(tuple(p.lower().split()[:3]), p)
    return list(points.values())


def _item(rnd: random.Random, body: str, date: dt.date, number: int, labelled: bool) -> Item:
    points = _points(rnd)
    presentation: list = [Paragraph(_paragraph(rnd)) for _ in range(rnd.randint(1, 3))]
    decision: list = [Paragraph(_paragraph(rnd)) for _ in range(rnd.randint(0, 1))]
    if points:
        items = []
        for p in points:
            sub = [ListItem(_sentence(rnd)) for _ in range(rnd.choice([0, 0, 1, 2, 3]))]
            items.append(ListItem(p, ListBlock(sub) if sub else None))
        presentation.append(ListBlock(items))
        for p in points:
            decision += [Subheading(p), Paragraph(_paragraph(rnd))]
    sections = [
        Section("route", "Sagsgang", [Paragraph(rnd.choice(["DIR", "ØK", "KB"]))]),
        Section("presentation", "Sagsfremstilling", presentation),
        Section("recommendation", "Indstilling", [Paragraph(_paragraph(rnd))]),
        Section("decision", f"Beslutning i {body} den {date:%d-%m-%Y}", decision, body=body, date=date),
    ]
    if not decision:
        sections.pop()
    attachments = []
    for n in range(1, rnd.randint(0, 4) + 1):
        closed = rnd.random() < 0.3
        attachments.append(
            Attachment(
                number=str(n),
                title=_title(rnd) + rnd.choice(["", ".docx", ".pdf"]),
                access="closed" if closed else "open",
                access_label="Lukket" if closed else "Åben",
                document_id=None if closed else str(rnd.randint(1_000_000, 9_999_999)),
                case_number=None if closed else f"{rnd.randint(1, 199_999)}/{date:%y}",
                marker=None if closed else "H",
            )
        )
    access = rnd.choice(["open", "closed"])
    return Item(
        number=str(number) if labelled else None,  # an unlabelled heading prints no number
        title=_title(rnd),
        access=access,
        label=f"{number}." if labelled else None,
        access_label="Åben Sag" if access == "open" else "Lukket Sag",
        sections=sections,
        attachments=attachments,
    )


def make_minutes(rnd: random.Random, items: int | None = None) -> Minutes:
    """A random document this style can express; ``items`` fixes their number (benchmarks)."""
    body = rnd.choice(BODIES)
    date = dt.date(2000, 1, 1) + dt.timedelta(days=rnd.randint(0, 14_000))
    labelled = rnd.random() < 0.5
    count = items if items is not None else rnd.randint(1, 4)
    found = [_item(rnd, body, date, n, labelled) for n in range(1, count + 1)]
    return Minutes(Source("random.txt", "text", "0" * 64), Meeting(body=body, date=date), found)


seed_minutes = st.randoms(use_true_random=False).map(make_minutes)


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)


def _blocks(blocks, width: int) -> list[str]:
    out: list[str] = []
    for block in blocks:
        if isinstance(block, ListBlock):
            for li in block.items:
                first, *rest = _wrap(li.text, width)
                out += [f"{BULLET} {first}", *rest]
                for sub in li.sublist.items if li.sublist else ():
                    first, *rest = _wrap(sub.text, width)
                    out += [f"o {first}", *rest]
            out.append(" ")
        elif isinstance(block, Subheading):
            out += _wrap(block.text, width)  # its outcome follows on the next line
        else:
            out += [*_wrap(block.text, width), " "]
    return out


def _attachment(a: Attachment, broken: bool) -> list[str]:
    if a.access == "closed":
        return [f"{a.number} -  Lukket {a.title} () ()"]
    tail = f"({a.case_number}) ({a.marker})"
    if broken:  # as seed 002 prints them: number, document, title, case on lines of their own
        return [f"{a.number} - ", a.document_id, f"Åben {a.title}", tail]
    return [f"{a.number} - {a.document_id} Åben {a.title} {tail}"]


def render(minutes: Minutes, width: int = 90, headers_at: tuple[int, ...] = (), top_header: bool = True,
           broken: bool = False) -> tuple[str, list[Removed]]:  # fmt: skip
    """The text, and the furniture records a reader should find in it. ``headers_at`` are line
    positions (taken modulo the number of lines) where a running header interrupts the text."""
    m = minutes.meeting
    header = f"{m.body} {m.date:%d-%m-%Y}"
    lines: list[str] = []
    for item in minutes.items:
        lines.append(f"{item.label} {item.title}" if item.label else item.title)
        lines.append(item.access_label)
        for section in item.sections:
            lines.append(section.heading)
            lines += _blocks(section.blocks, width)
        if item.attachments:
            lines.append("Bilag:")
            for a in item.attachments:
                lines += _attachment(a, broken)
    furniture = []
    where = sorted({k % len(lines) for k in headers_at if k % len(lines) > 0})
    for k in reversed(where):
        lines.insert(k, header)
    for page, _ in enumerate(where, start=2):
        furniture.append(Removed(page, "header", header))
    if top_header:
        lines.insert(0, header)
        furniture.insert(0, Removed(1, "header", header))
    return "".join(f"{line} \n\n" if line != header else f"{line}\n\n" for line in lines), furniture


def long_text(size: int, seed: int = 1, labelled: bool | None = None) -> str:
    """A text extraction of about ``size`` characters, running header every 97 lines, for the
    memory and speed benchmarks. Drawing items is slow, so 200 are drawn and then repeated under
    new numbers: the repeats are as hard for a reader as new ones (its work is per line)."""
    rnd = random.Random(seed)
    drawn = make_minutes(rnd, items=200)
    numbered = drawn.items[0].label is not None if labelled is None else labelled
    probe, _ = render(drawn, 90)
    items = []
    for n in range(1, max(1, round(size / len(probe) * 200)) + 1):
        model = drawn.items[(n - 1) % 200]
        number = str(n) if numbered else None
        items.append(dataclasses.replace(model, number=number, label=f"{n}." if numbered else None))
    minutes = dataclasses.replace(drawn, items=items)
    lines = render(minutes, 90, (), False)[0].count("\n\n")
    return render(minutes, 90, tuple(range(97, lines, 97)), True, False)[0]
