"""Benchmark: pages against content for minutes full of long and wide tables (issue 12).

``long_tables(n)`` makes minutes of ``n`` items, each holding what real archives hold and the
project's own long-minutes generator never made: a budget table (amount columns, a total row),
a wide table of many columns, a table whose cells run to 3,000 characters, and an attachment
list with long titles. The text is drawn from a fixed Danish vocabulary with a seeded random
generator, so the same ``n`` always gives the same document.

A layout that forbids wrapping in a cell, or squeezes a column to a few characters, makes
pages grow faster than content (a 101-page input once gave a 303-page PDF, most pages holding
only a table heading). Here the PDF writer renders 1, 2, 4 and 8 items; the pages should grow
in proportion, and each page should carry a fair share of the text.

    .venv/bin/python benchmarks/bench_long_tables.py [--sizes 1 2 4 8]

Prints, per size, characters of content, pages, characters per page and seconds, then the
ratio pages(largest)/pages(smallest) against the content ratio (1.00: linear).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from convert.model import (  # noqa: E402
    Attachment,
    Item,
    Meeting,
    Minutes,
    Paragraph,
    Section,
    Source,
    Table,
)

WORDS = ("kommunalbestyrelsen", "anlægsbevilling", "budget", "driftsramme", "forvaltningen", "indstiller",
         "at", "og", "til", "af", "for", "den", "med", "sundhedsområdet", "ældre", "borgere", "midler",
         "renovering", "skoler", "daginstitutioner", "vedligeholdelse", "økonomiaftalen", "regnskab",
         "forventet", "tillægsbevilling", "projekt", "udvalget", "godkendelse", "jf.", "bilag", "2013")
POSTS = ("Sygeplejeklinik", "Hjemmepleje", "Rehabilitering", "Skolebygninger", "Daginstitutioner",
         "Vejvedligeholdelse", "Kollektiv trafik", "Administration", "Ældrecentre", "Forebyggelse")


def _words(rng: random.Random, count: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(count))
    return text[0].upper() + text[1:] + "."


def _amount(rng: random.Random) -> str:
    return f"{rng.randrange(1, 99_999) * 1000:,}".replace(",", ".") + " kr."


def _item(n: int, rng: random.Random) -> Item:
    years = [str(2013 + k) for k in range(5)]
    budget = [["Post", *years, "I alt"]]
    for _ in range(25):
        amounts = [_amount(rng) for _ in years]
        budget.append([f"{rng.choice(POSTS)} ({_words(rng, 6)[:-1].lower()})", *amounts, _amount(rng)])
    budget.append(["I alt", *(_amount(rng) for _ in years), _amount(rng)])
    wide = [[f"Kolonne {c}" for c in range(1, 15)]]
    wide += [[_words(rng, rng.randrange(1, 5)) for _ in range(14)] for _ in range(12)]
    long = [["Emne", "Beskrivelse", "Bemærkning"]]
    long += [[_words(rng, 3), _words(rng, 300)[:3000], _words(rng, 120)] for _ in range(4)]
    attachments = [Attachment(str(k), _words(rng, rng.randrange(5, 60)), document_id=f"2012-{rng.randrange(10**6)}",
                              case_number=f"{rng.randrange(10**5)}/12") for k in range(1, 9)]
    return Item(
        number=str(n), title=_words(rng, 8)[:-1], case_number=f"2012-{rng.randrange(10**5)}",
        sections=[
            Section("presentation", "Sagsfremstilling", [Paragraph(_words(rng, 80)), Table(budget, header=True),
                                                          Paragraph(_words(rng, 40)), Table(wide, header=True)]),
            Section("economy", "Økonomi", [Table(long, header=True)]),
            Section("decision", "Beslutning", [Paragraph("Godkendt.")]),
        ],
        attachments=attachments,
    )


def long_tables(n: int, seed: int = 12) -> Minutes:
    """Minutes of ``n`` items full of long and wide tables; the same ``n`` and seed, the same document."""
    rng = random.Random(seed)
    return Minutes(
        source=Source(file=f"long-tables-{n}.txt", format="text", sha256="0" * 64),
        meeting=Meeting(body="Økonomiudvalget", date=dt.date(2012, 12, 4), authority="Eksempel Kommune"),
        items=[_item(k, rng) for k in range(1, n + 1)],
    )


def content_chars(minutes: Minutes) -> int:
    """Characters of item text: titles, paragraphs, table cells and attachment titles."""
    total = 0
    for item in minutes.items:
        total += len(item.title) + sum(len(a.title) for a in item.attachments)
        for section in item.sections:
            for block in section.blocks:
                rows = block.rows if isinstance(block, Table) else [[getattr(block, "text", "")]]
                total += sum(len(cell) for row in rows for cell in row)
    return total


def page_count(pdf_bytes: bytes) -> int:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as tmp:
        tmp.write(pdf_bytes)
        tmp.flush()
        info = subprocess.run(["pdfinfo", tmp.name], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def main() -> None:
    from convert.writers import pdf

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 2, 4, 8])
    args = parser.parse_args()
    print(f"{'items':>5} {'chars':>8} {'pages':>5} {'chars/page':>10} {'seconds':>8}")
    rows = []
    for n in args.sizes:
        minutes = long_tables(n)
        start = time.perf_counter()
        pages = page_count(pdf.render(minutes))
        seconds = time.perf_counter() - start
        chars = content_chars(minutes)
        rows.append((chars, pages))
        print(f"{n:5} {chars:8} {pages:5} {chars / pages:10.0f} {seconds:8.2f}")
    (c0, p0), (c1, p1) = rows[0], rows[-1]
    print(f"pages ratio {p1 / p0:.2f} against content ratio {c1 / c0:.2f}: "
          f"{(p1 / p0) / (c1 / c0):.2f} (1.00 is linear)")


if __name__ == "__main__":
    main()
