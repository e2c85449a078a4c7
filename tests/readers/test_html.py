"""HTML fragments into blocks (convert/readers/html.py) and sections (html_sections.py):
structure on hand-written fragments as FirstAgenda, eDoc and web pages write them, sections at
headings, and under hypothesis: random nested HTML (any of the tags these systems use, text and
tails anywhere) loses no word."""

from __future__ import annotations

import html as htmllib
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from convert.model import ListBlock, ListItem, Paragraph, Subheading, Table
from convert.readers import html, html_sections
from convert.readers.grammar.vocabulary import load

FA = load("firstagenda")


def _words_of_blocks(blocks) -> list[str]:
    out: list[str] = []
    for b in blocks:
        if isinstance(b, ListBlock):
            for li in b.items:
                out += li.text.split()
                if li.sublist:
                    out += _words_of_blocks([li.sublist])
        elif isinstance(b, Table):
            out += [w for row in b.rows for cell in row for w in cell.split()]
        else:
            out += b.text.split()
    return out


def test_paragraphs_breaks_entities_and_inline_markup():
    got = html.blocks(
        "<div><p style='color:red'>Første&nbsp;linje<br>anden <b>I</b>ndstilling</p>"
        "<span></span><p> </p>tekst &amp; mere &oslash;</div>"
    )
    assert got == [
        Paragraph("Første linje"),
        Paragraph("anden Indstilling"),
        Paragraph("tekst & mere ø"),
    ]


def test_nested_lists_keep_numbering_and_nesting():
    got = html.blocks(
        "<ol type='a' start='3'><li>c-punkt<ul><li>under</li></ul>efter</li><li></li>"
        "<li><p>to</p><p>afsnit</p></li></ol><ul><li>x</li></ul>"
    )
    assert got == [
        ListBlock(
            items=[
                ListItem("c-punkt efter", ListBlock(items=[ListItem("under")])),
                ListItem("to afsnit"),
            ],
            ordered=True,
            style="lower-alpha",
            start=3,
        ),
        ListBlock(items=[ListItem("x")]),
    ]


def test_tables_with_and_without_header_rows():
    head = html.blocks("<table><thead><tr><td>Navn</td><td>Beløb</td></tr></thead><tr><td>A</td></tr></table>")
    assert head == [Table(rows=[["Navn", "Beløb"], ["A", ""]], header=True)]
    th = html.blocks("<table><tr><th>Navn</th></tr><tr><td><p>a</p><p>b</p></td></tr></table>")
    assert th == [Table(rows=[["Navn"], ["a b"]], header=True)]
    plain = html.blocks("<table><tr><td>1</td><td><table><tr><td>indre</td></tr></table></td></tr></table>")
    assert plain == [Table(rows=[["1", "indre"]], header=False)]
    caption = html.blocks("<table><caption>Tabel 1</caption>løs<tr><td>a</td></tr></table>")
    assert caption == [Paragraph("Tabel 1"), Paragraph("løs"), Table(rows=[["a"]])]
    assert html.blocks("<table><tr><td> </td></tr></table>") == []


def test_headings_are_subheadings_in_blocks():
    assert html.blocks("<h4>Baggrund</h4><p>tekst</p>") == [Subheading("Baggrund"), Paragraph("tekst")]


def test_sections_at_known_headings_and_their_level():
    fragment = (
        "<p>indledning</p><h3>Beslutning i Byrådet den 12. maj 2022</h3><p>Godkendt.</p>"
        "<h3>Fremstilling</h3><h2><span>Resume</span></h2><p>kort</p><h4>Detalje</h4><p>mere</p>"
        "<h3>Tidsplan for X</h3><p>snart</p><h2>Økonomiske  konsekvenser</h2>ingen"
    )
    got = html_sections.sections(fragment, FA)
    assert [(s.kind, s.heading) for s in got] == [
        ("other", ""),
        ("decision", "Beslutning i Byrådet den 12. maj 2022"),
        ("presentation", "Fremstilling"),
        ("summary", "Resume"),
        ("other", "Tidsplan for X"),
        ("economy", "Økonomiske konsekvenser"),
    ]
    decision = got[1]
    assert decision.body == "Byrådet" and decision.date.isoformat() == "2022-05-12"
    assert got[3].blocks == [Paragraph("kort"), Subheading("Detalje"), Paragraph("mere")]
    assert got[5].blocks == [Paragraph("ingen")]


def test_empty_and_broken_fragments():
    assert html.blocks("") == [] and html_sections.sections("  ", FA) == []
    assert html.blocks("<p>ikke lukket <b>fed") == [Paragraph("ikke lukket fed")]
    assert html.blocks("<!-- kommentar --><script>x()</script>ord") == [Paragraph("ord")]


# Random nested HTML of the tags these systems use, with words in texts and tails.
_WORD = st.text(st.sampled_from("abcdeæøåXYZ&<>\"'"), min_size=1, max_size=6)
_TAGS = ["p", "div", "span", "b", "i", "em", "strong", "u", "a", "sup", "h2", "h3", "h4", "ul", "ol",
         "li", "table", "thead", "tbody", "tr", "td", "th", "br", "caption", "blockquote", "font"]  # fmt: skip


@st.composite
def _node(draw, depth=0):
    tag = draw(st.sampled_from(_TAGS))
    words = [] if tag == "br" else draw(st.lists(_WORD, max_size=3))
    tail = draw(st.lists(_WORD, max_size=2))
    children = draw(st.lists(_node(depth + 1), max_size=3)) if depth < 4 and tag != "br" else []
    attrs = draw(st.sampled_from(["", " style='font-weight:bold'", " class='x'", " type='A' start='2'"]))
    inner = " ".join(htmllib.escape(w) for w in words)
    body = "" if tag == "br" else " " + inner + " " + "".join(c[0] for c in children)
    close = "" if tag == "br" else f"</{tag}>"
    text = f"<{tag}{attrs}>{body}{close} " + " ".join(htmllib.escape(w) for w in tail) + " "
    return text, words + tail + [w for c in children for w in c[1]]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_node(), min_size=1, max_size=4))
def test_random_nested_html_loses_no_word(nodes):
    fragment = "".join(n[0] for n in nodes)
    expected = Counter(w for n in nodes for w in n[1])
    assert Counter(_words_of_blocks(html.blocks(fragment))) == expected
    found = html_sections.sections(fragment, FA)
    in_sections = [w for s in found for w in s.heading.split() + _words_of_blocks(s.blocks)]
    assert Counter(in_sections) == expected


def test_an_empty_heading_at_a_section_level_still_ends_the_section():
    got = html_sections.sections("<h3>Beslutninger</h3><p>Godkendt.</p><h3></h3><p>Sagen handler om</p><h3> </h3>", FA)
    assert [(s.kind, s.heading, s.blocks) for s in got] == [
        ("decision", "Beslutninger", [Paragraph("Godkendt.")]),
        ("other", "", [Paragraph("Sagen handler om")]),
    ]


def test_paragraphs_typed_as_bullets_become_a_list():
    got = html.blocks(
        "<p>Tiltag:</p><p>- Saunaerne lukkes</p><p>&bull; Temperaturen sænkes</p><p>10. januar 2022 vedtog</p>"
    )
    assert got == [
        Paragraph("Tiltag:"),
        ListBlock(items=[ListItem("Saunaerne lukkes"), ListItem("Temperaturen sænkes")]),
        Paragraph("10. januar 2022 vedtog"),
    ]


def test_deep_nesting_loses_no_word():
    for depth in (300, 3000):
        for fragment in ("<div>" * depth + "dybt", "<ul><li>" * depth + "dybt", "<table><tr><td>" * depth + "dybt"):
            words = _words_of_blocks(html.blocks(fragment))
            assert words.count("dybt") == 1, (depth, fragment[:10])


def test_a_first_row_all_in_bold_is_the_header():
    bold = html.blocks(
        "<table><tr><td><strong>Navn</strong></td><td><b>Beløb</b></td><td></td></tr><tr><td>A</td></tr></table>"
    )
    assert bold == [Table(rows=[["Navn", "Beløb", ""], ["A", "", ""]], header=True)]
    mixed = html.blocks("<table><tr><td><b>Navn</b></td><td>1</td></tr><tr><td>A</td><td>2</td></tr></table>")
    assert mixed[0].header is False
    alone = html.blocks("<table><tr><td><b>Kun en række</b></td></tr></table>")
    assert alone[0].header is False
