"""Layouts a plain text extraction scrambles, read back by general rules (issue 9): columns side
by side in ``pdftotext -layout`` (grammar/columns.py), attachment tables whose cells the raw
extraction gives out of step (grammar/loose_attachments.py), members tables given as a column of
names then a column of letters, meta given above its title, running headers of a two-page text.
Hypothesis lays out random columns the way ``pdftotext -layout`` does; the corpus checks that real
tables are left as they are."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import convert
from convert.readers.grammar import columns, loose_attachments, vocabulary
from convert.readers.grammar.front import read_front
from convert.readers.grammar.lines import Line
from tests.layouts.content import FIRST, LAST, PARTIES, WORDS

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
VOCAB = vocabulary.load("common") if "common" in vocabulary.family_names() else vocabulary.choose([], None)

_word = st.sampled_from([w.capitalize() for w in WORDS] + [f"{f} {last}" for f in FIRST for last in LAST])
_text = st.lists(_word, min_size=1, max_size=4).map(" ".join)


def _lay_out(left: list[str], right: list[str], gutter: int, right_first: int) -> list[str]:
    """Two columns as ``pdftotext -layout`` writes them: row by row, the right one padded to the
    gutter, starting ``right_first`` rows down."""
    rows = max(len(left), right_first + len(right))
    out = []
    for r in range(rows):
        a = left[r] if r < len(left) else ""
        b = right[r - right_first] if 0 <= r - right_first < len(right) else ""
        out.append(f"{a:<{gutter}}{b}".rstrip() if b else a)
    return out


@settings(max_examples=60, deadline=None)
@given(
    st.lists(_text, min_size=1, max_size=8),
    st.lists(_text, min_size=2, max_size=8),
    st.integers(0, 3),
    st.integers(4, 12),
)
def test_two_columns_are_read_left_then_right(left, right, right_first, gap):
    gutter = max(24, max(len(t) for t in left) + gap)  # half a page: a column, not an indent
    page = ["Referat", "", *_lay_out(left, right, gutter, right_first), "", "", "1. Næste punkt"]
    if len(left) >= right_first + len(right):  # every right line beside a left one: a table?
        # A left line of its own makes the page's columns (a short one: a line longer than the
        # rest, its last word in the gutter, is taken for a table row the extraction squeezed).
        left = [*left, left[0].split()[0]]
        page = ["Referat", "", *_lay_out(left, right, gutter, right_first), "", "", "1. Næste punkt"]
    got = [t.strip() for t in columns.split(page) if t.strip()]
    assert got == ["Referat", *left, *right, "1. Næste punkt"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(_text, st.sampled_from(PARTIES)), min_size=2, max_size=8), st.integers(2, 10))
def test_a_table_whose_rows_keep_in_step_is_left_alone(rows, gap):
    width = max(len(name) for name, _ in rows) + gap
    page = ["Medlemmer:", *[f"{name:<{width}}{party}" for name, party in rows], "", "Afbud:"]
    assert columns.split(page) == page


def _pdftotext(pdf: Path, *flags: str) -> str:
    return subprocess.run(["pdftotext", *flags, str(pdf), "-"], capture_output=True, check=True).stdout.decode()


@pytest.mark.skipif(not CORPUS.exists(), reason="the shared corpus is not here")
def test_real_tables_in_a_layout_extraction_stay_rows():
    """The Ballerup minutes print an unruled table of amounts (set flush right) whose first
    column wraps: it has lines of its own on the left, and still is no pair of page columns."""
    text = _pdftotext(CORPUS / "ballerup_sundheds-forebyggelsesudvalget_referat_2012-12-04.pdf", "-layout")
    for page in text.split("\f"):
        lines = page.split("\n")
        assert columns.split(lines) == lines


LOOSE = """1 Åben

Byggeriet klimatilpasning

2 Lukket For udbud bydelen

399998/22
254285/22

3 Lukket Status trafiksikkerhed på af budget 240410/22"""


def test_loose_attachment_rows_pair_their_document_numbers_in_order():
    texts = [t for t in LOOSE.split("\n") if t]
    vocab = vocabulary.choose(texts, None)
    assert loose_attachments.applies(texts, vocab)
    got = [(a.number, a.access, a.title, a.document_id) for a in loose_attachments.parse(texts, vocab)]
    assert got == [
        ("1", "open", "Byggeriet klimatilpasning", "399998/22"),
        ("2", "closed", "For udbud bydelen", "254285/22"),
        ("3", "closed", "Status trafiksikkerhed på af budget", "240410/22"),
    ]


def test_loose_document_numbers_that_do_not_add_up_are_given_to_no_row():
    texts = ["1", "Åben", "Byggeriet klimatilpasning", "2", "Lukket For udbud bydelen", "399998/22"]
    vocab = vocabulary.choose(texts, None)
    got = [(a.number, a.title, a.document_id) for a in loose_attachments.parse(texts, vocab)]
    assert got == [("1", "Byggeriet klimatilpasning", None), ("2", "For udbud bydelen", None)]


def test_an_attachment_list_printed_whole_is_not_loose():
    texts = ["1 Åben Opsamlingsnotat. Temamøde 20.09.2012 222359/12", "2 Lukket Notat 222360/12"]
    assert not loose_attachments.applies(texts, vocabulary.choose(texts, None))


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(FIRST), st.sampled_from(LAST)), min_size=2, max_size=7, unique=True),
    st.lists(st.sampled_from(PARTIES), min_size=7, max_size=7),
    st.booleans(),
)
def test_a_column_of_party_letters_goes_to_the_names_before_it(names, parties, one_short):
    names = [f"{f} {last}" for f, last in names]
    one_short = one_short and len(names) > 2  # (one letter alone goes to the name above it)
    letters = parties[: len(names) - one_short]
    texts = ["Referat", "Medlemmer:", *names, *letters]
    vocab = vocabulary.choose(texts, None)
    meeting = read_front([Line(t) for t in texts], vocab, [], [])
    assert [p.name for p in meeting.participants] == names
    expected = [None] * len(names) if one_short else letters
    assert [p.party for p in meeting.participants] == expected


def test_meta_given_above_its_title_belongs_to_that_item():
    text = "\n".join(
        [
            "Referat",
            "Økonomiudvalget",
            "Dato: 27. juni 2019",
            "",
            "Sagsnr.: 19/21159",
            "Sagen afgøres i: Økonomiudvalget",
            "",
            "598. Klimatilpasning af havnen",
            "Sagsfremstilling",
            "Forvaltningen har udarbejdet et forslag.",
            "",
            "Sagsnr.: 19/1743",
            "Sagen afgøres i: Økonomiudvalget",
            "",
            "599. Plan for ældrecentre",
            "Sagsfremstilling",
            "Projektet forventes afsluttet i løbet af året.",
        ]
    )
    minutes = convert.readers.read_bytes(text.encode(), "x.txt")
    got = [(it.number, it.title, it.case_number) for it in minutes.items]
    assert got == [("598", "Klimatilpasning af havnen", "19/21159"), ("599", "Plan for ældrecentre", "19/1743")]
    assert all("Sagsnr" not in b.text for s in minutes.items[0].sections for b in s.blocks if hasattr(b, "text"))


def test_a_running_header_of_a_two_page_text_is_furniture_and_closing_numbers_are_not():
    page = "Økonomiudvalget · Referat · Side {n}\n\n{body}\n{doc}\n"
    first = "Referat\nØkonomiudvalget\nDato: 27. juni 2019\n\n1. Plan for havnen\nSagsnr.: 19/1000\nÅben sag"
    first += "\nBilag\n1 Åben"
    text = (
        page.format(n=1, body=first, doc="100000/19")
        + "\f"
        + page.format(
            n=2, body="Notat om havnen\n\n2. Budget\nSagsnr.: 19/1001\nÅben sag\nBilag\n1 Lukket Notat", doc="100001/19"
        )
    )
    minutes = convert.readers.read_bytes(text.encode(), "x.txt")
    assert [r.text for r in minutes.furniture if r.kind == "header"] == [
        "Økonomiudvalget · Referat · Side 1",
        "Økonomiudvalget · Referat · Side 2",
    ]
    assert [a.document_id for it in minutes.items for a in it.attachments] == ["100000/19", "100001/19"]


def test_document_numbers_given_items_later_go_back_to_their_table():
    """pdftotext may give an unruled table's last column after the next items' headings."""
    item = "{n}. {title}\nSagsnr.: 16/{n}\nÅben sag\nSagsfremstilling\nForvaltningen har udarbejdet et forslag.\n"
    text = "Referat\nØkonomiudvalget\nDato: 5. januar 2016\n\n" + "\n".join(
        [
            item.format(n=182, title="Byggeriet bydelen") + "Bilag\n1 Åben\n\nTrafiksikkerhed\n\n2 Lukket Af havnen\n",
            item.format(n=183, title="På ældrecentre"),
            "184. Renovering lokalplan\nSagsnr.: 16/184\n\n104429/16\n235912/16\n\nÅben sag\nSagsfremstilling\nUdsat.",
        ]
    )
    minutes = convert.readers.read_bytes(text.encode(), "x.txt")
    got = [(a.title, a.document_id) for a in minutes.items[0].attachments]
    assert got == [("Trafiksikkerhed", "104429/16"), ("Af havnen", "235912/16")]
    assert [it.number for it in minutes.items] == ["182", "183", "184"]
    words = " ".join(b.text for it in minutes.items[1:] for s in it.sections for b in s.blocks if hasattr(b, "text"))
    assert "104429/16" not in words


def test_columns_in_step_are_told_by_a_label_on_the_right():
    facts = ["Kultur- og Fritidsudvalget", "Dato: 8. marts 2017", "Tid: kl. 15.00", "Sted: Udvalgsværelset"]
    members = ["Medlemmer:", "Per Jørgensen (V)", "Hanne Kristensen (I)", "Camilla Kristensen (F)"]
    page = ["Referat", *[f"{a:<44}{b}" for a, b in zip(facts, members, strict=True)]]
    assert [t.strip() for t in columns.split(page) if t.strip()] == ["Referat", *facts, *members]
    labels = ["Sagsnr.:", "Sagen afgøres i:", "Adgang:"]  # labels on the left: a table, read across
    table = [f"{a:<20}{b}" for a, b in zip(labels, ["19/21159", "Økonomiudvalget", "Åben"], strict=True)]
    assert columns.split(table) == table


def test_titles_given_after_their_rows_fill_the_rows_in_order():
    texts = ["1 Åben", "2 Åben", "Rengøring af cykelstier", "for foreninger", "Vejbelysning", "238433/25", "263749/25"]
    vocab = vocabulary.choose(texts, None)
    got = [(a.title, a.document_id) for a in loose_attachments.parse(texts, vocab)]
    assert got == [("Rengøring af cykelstier for foreninger", "238433/25"), ("Vejbelysning", "263749/25")]


def test_column_splitting_stays_linear_without_page_breaks():
    """A text without form feeds is one page: it is read in windows, so that the work grows
    with its length, not its square (counted in calls, as tests/readers/test_text_linear.py)."""
    from tests.readers.test_text_linear import SLACK

    # Rows of a table at one gutter, never crossed and never columns: a region is sought from
    # each row on, and must not run on over the whole text.
    rows = [f"{'Punkt':<44}{'x' * (k % 7 + 1)}" for k in range(40)]

    def page(n: int) -> list[str]:
        return ["Referat", *[*rows, ""] * n]

    small, large = page(5), page(20)
    assert _work(large) / len(large) <= SLACK * _work(small) / len(small)


def _work(lines: list[str]) -> int:
    from tests.calls import calls

    return calls(columns.split, lines)
