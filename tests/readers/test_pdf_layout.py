"""The PDF-only steps of the PDF reader (lines, furniture, table of contents, line flow, errors),
on the real minutes in ../shared/corpus and on PDFs generated here."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from convert.errors import InputError, NotMinutesError
from convert.readers import pdf
from convert.readers.grammar.lines import Line
from convert.readers.pdf.columns import read_columns
from convert.readers.pdf.flow import join_hyphenated, spellings
from convert.readers.pdf.lines import PageLine, Run, group_lines
from tests.conftest import CORPUS
from tests.readers import pdf_samples

BALLERUP = CORPUS / "ballerup_sundheds-forebyggelsesudvalget_referat_2012-12-04.pdf"
PUNKT2 = CORPUS / "ballerup_sundheds-forebyggelsesudvalget_2012-12-04_punkt2_only.pdf"
AARHUS = CORPUS / "aarhus_byraad_referat_2025-08-27.pdf"
BILAG = CORPUS / "aarhus_bilag_sager-paa-vej_sundhed-omsorg_2025-08-29.pdf"
BALLERUP_HEADER = ["Sundheds- og Forebyggelsesudvalget", "Referat", "Åbent referat", "Dato: 04.12.2012"]


@pytest.fixture(scope="module")
def ballerup():
    return pdf.read_lines(BALLERUP.read_bytes(), BALLERUP.name)


@pytest.fixture(scope="module")
def aarhus():
    return pdf.read_lines(AARHUS.read_bytes(), AARHUS.name)


def test_ballerup_running_header_is_furniture_on_every_page(ballerup):
    _, layout = ballerup
    assert len(layout.pages) == 15
    for number, page in enumerate(layout.pages, 1):
        marked = [(pl.line.text, pl.line.furniture) for pl in page if pl.line.furniture in ("header", "page-number")]
        assert marked == [(t, "header") for t in BALLERUP_HEADER] + [(f"Side {number}", "page-number")]


def test_no_furniture_in_the_content(ballerup, aarhus):
    for stream, _ in (ballerup, aarhus):
        content = [line.text for line in stream if not line.furniture]
        assert not [t for t in content if re.fullmatch(r"Side \d+|Dato: \d\d\.\d\d\.\d{4}", t)]
    # Ballerup's header would otherwise sit at the top of every page: page 3 opens with item 1.
    first_on_3 = next(line for line in ballerup[0] if line.page == 3 and not line.furniture and line.text)
    assert first_on_3.text == "1. Meddelelser"


def test_fonts_sizes_and_weight(aarhus):
    stream, _ = aarhus
    title = next(line for line in stream if line.text.startswith("Punkt 2:"))
    assert title.bold and title.size == pytest.approx(16.3, abs=0.2) and title.font == "TimesNewRomanPS-BoldMT"
    decision = next(line for line in stream if line.text == "Beslutninger")
    assert decision.bold and decision.page == 3 and decision.x0 == pytest.approx(40, abs=1)
    body = next(line for line in stream if line.text == "Godkendt.")
    assert not body.bold and body.size == pytest.approx(10.9, abs=0.2)
    assert body.page_width == pytest.approx(595) and body.page_height == pytest.approx(842)
    assert 0 < body.top < body.bottom < 842


def test_wrapped_item_headings_are_one_line(ballerup, aarhus):
    texts = [line.text for line in aarhus[0]]
    assert (
        "Punkt 2: Svar på forslag fra DD om principbeslutning om at sikre Havnens Perles fremtid på Aarhus Ø" in texts
    )
    assert "Punkt 7: Afrapportering på klimaregnskab samt orientering om ny 2030-fremskrivning" in texts
    texts = [line.text for line in ballerup[0]]
    assert "6. Prioritering af midler til kronisk syge borgere og hverdagsrehabilitering for ældre" in texts


def test_paragraph_over_a_page_break_is_not_broken(ballerup):
    stream, _ = ballerup
    content = [line for line in stream if not line.furniture]
    i = next(i for i, line in enumerate(content) if line.text.endswith("skoler og institutioner af"))
    assert content[i + 1].text.startswith("servicepersonalet i de respektive distrikter")
    # and a real paragraph end makes an empty line
    j = next(
        i
        for i, line in enumerate(content)
        if line.text == "sikkerhedsorganisationen orienteres ligeledes om indholdet."
    )
    assert content[j + 1].text == ""


def test_table_of_contents_found_and_kept_out(ballerup, aarhus):
    stream, layout = ballerup
    titles = [e.title for e in layout.toc.entries]
    assert (
        len(titles) == 8
        and titles[5] == "6. Prioritering af midler til kronisk syge borgere og hverdagsrehabilitering for ældre"
    )
    assert [e.page for e in layout.toc.entries] == [3, 3, 6, 7, 9, 10, 12, 14]
    assert {e.group for e in layout.toc.entries} == {"Åbent referat"}
    contents = [line.text for line in stream if line.furniture == "contents"]
    assert contents[0] == "INDHOLDSFORTEGNELSE" and contents[-1] == "Lukket referat"
    stream, layout = aarhus
    assert len(layout.toc.entries) == 21 and layout.toc.entries[-1].title == "Lukket: Køb af landbrugsejendom"
    assert (
        layout.toc.entries[5].title == "Svar på forslag fra RV om politik og handlingsplan mod diskrimination i Aarhus"
    )
    assert layout.toc.entries[5].page == 11


@pytest.mark.parametrize(
    ("first", "second", "known", "expected"),
    [
        ("en del ikke-", "planlagte opgaver", {"ikkeplanlagte"}, ("en del ikke-planlagte", "opgaver")),
        (
            "forelagt bygningsvedlige-",
            "holdelsen i",
            {"bygningsvedligeholdelsen"},
            ("forelagt bygningsvedligeholdelsen", "i"),
        ),
        ("under Sundheds-", "og Forebyggelsesudvalget", set(), ("under Sundheds- og", "Forebyggelsesudvalget")),
        ("i kommunale p-", "huse med", {"phuse"}, ("i kommunale p-huse", "med")),
        ("ordningen for EU-", "borgere", {"euborgere"}, ("ordningen for EU-borgere", "")),
        ("ny 2030-", "fremskrivning", set(), ("ny 2030-fremskrivning", "")),
        ("et para\u00ad", "graf her", set(), ("et paragraf", "her")),
        ("sagen - ", "og mere", set(), None),
        ("slut.", "Ny sætning", set(), None),
    ],
)
def test_hyphen_at_a_line_end(first, second, known, expected):
    assert join_hyphenated(first, second, known) == expected


def test_hyphen_rule_on_ballerup(ballerup):
    """ "ikke-planlagte" is how the eDoc export (the ground truth) spells it."""
    text = " ".join(line.text for line in ballerup[0])
    assert "ikke-planlagte opgaver" in text and "ikkeplanlagte" not in text


_words = st.text(alphabet="abcdefghijklmnopæøåABCDEFØ-", min_size=1, max_size=12)


@settings(max_examples=150, deadline=None)
@given(st.lists(_words, min_size=1, max_size=6), st.lists(_words, min_size=1, max_size=6), st.sets(_words))
def test_hyphen_join_keeps_every_letter(left, right, known):
    first, second = " ".join(left), " ".join(right)
    joined = join_hyphenated(first, second, {k.casefold() for k in known})
    if joined is not None:
        letters = re.sub(r"[\s\-]", "", first + second)
        assert re.sub(r"[\s\-]", "", "".join(joined)) == letters


def test_spellings_are_lower_case_words():
    assert spellings([Line("Ballerup Kommune, 2012"), Line("ikke-planlagte")]) == {
        "ballerup",
        "kommune",
        "ikke",
        "planlagte",
    }


def test_generated_minutes_header_and_page_stamp():
    items = [
        (f"Vejbelysning på {road}", [f"Der er behov for ny belysning på {road}, {part} del. " * 25 for part in parts])
        for road, parts in [
            ("Hovedgaden", ["første", "anden"]),
            ("Skolevej", ["nordlige", "sydlige"]),
            ("Ringvejen", ["østlige", "vestlige"]),
            ("Torvet", ["indre", "ydre"]),
        ]
    ]
    data = pdf_samples.render(pdf_samples.minutes_html(items))
    stream, layout = pdf.read_lines(data, "generated.pdf")
    pages = len(layout.pages)
    assert pages >= 3
    stamps = [line.text for line in stream if line.furniture == "stamp"]
    assert stamps == [f"Side {n} af {pages}" for n in range(1, pages + 1)] or [
        line.text for line in stream if line.furniture == "page-number"
    ] == [f"Side {n} af {pages}" for n in range(1, pages + 1)]
    headers = [line.text for line in stream if line.furniture == "header"]
    assert headers == ["Teknisk Udvalg", "Referat", "Dato: 01.02.2024"] * pages
    assert not any("Side" in line.text for line in stream if not line.furniture)


def test_password_protected_pdf_is_a_clear_error():
    data = pdf_samples.encrypted(pdf_samples.render(pdf_samples.minutes_html([("Punkt", ["Tekst."])])))
    with pytest.raises(InputError, match=r"^låst\.pdf: PDF is password-protected"):
        pdf.read_lines(data, "låst.pdf")


def test_scanned_pdf_is_a_clear_error():
    with pytest.raises(InputError, match=r"^scan\.pdf: PDF has no text layer .*--ocr auto"):
        pdf.read_lines(pdf_samples.scanned(), "scan.pdf", ocr_mode="never")
    with pytest.raises(NotMinutesError, match=r"^scan\.pdf: .*not minutes: no text on its page, not even by OCR"):
        pdf.read_lines(pdf_samples.scanned(), "scan.pdf")


def test_not_a_pdf_is_a_clear_error():
    with pytest.raises(InputError, match=r"^notes\.pdf: not a PDF file"):
        pdf.read_lines("Referat fra mødet\n1. Meddelelser\n".encode(), "notes.pdf")


def test_damaged_pdf_is_a_clear_error():
    with pytest.raises(InputError, match=r"^broken\.pdf: damaged or truncated PDF"):
        pdf.read_lines(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n% cut off here", "broken.pdf")


@pytest.mark.parametrize("share", [0.3, 0.6, 0.9])
def test_truncated_pdf_reads_as_far_as_it_goes_or_says_why(share):
    data = BALLERUP.read_bytes()
    try:
        stream, layout = pdf.read_lines(data[: int(len(data) * share)], "cut.pdf")
    except InputError as err:
        assert str(err).startswith("cut.pdf: ")
    else:
        assert layout.pages and any(line.text for line in stream)


def test_errors_are_distinct():
    reasons = set()
    samples = [
        (b"hello", "a.pdf"),
        (b"%PDF-1.4\ngarbage", "b.pdf"),
        (pdf_samples.scanned(), "c.pdf"),
        (pdf_samples.encrypted(pdf_samples.render("<p>x</p>")), "d.pdf"),
    ]
    for data, name in samples:
        with pytest.raises(InputError) as info:
            pdf.read_lines(data, name)
        assert info.value.file == name
        reasons.add(info.value.reason)
    assert len(reasons) == 4


def test_artifact_marked_header_of_a_tagged_pdf_is_furniture():
    """The Word-made Aarhus attachment marks its running header as an artifact (tagged PDF)."""
    stream, _ = pdf.read_lines(BILAG.read_bytes(), BILAG.name)
    furniture = {(line.furniture, line.text) for line in stream if line.furniture}
    assert ("page-number", "Side 1 af 4") in furniture or ("stamp", "Side 1 af 4") in furniture
    assert any(kind == "header" and text.startswith("Sager pa vej") for kind, text in furniture)


def test_rotated_margin_stamp_is_furniture_and_stays_out_of_lines():
    items = [(f"Sag om {w}", [f"Teksten om {w} fylder en hel side i referatet. " * 40]) for w in ("veje", "skoler")]
    html = pdf_samples.minutes_html(items).replace(
        "<body>",
        "<body><div style='position: fixed; left: -22mm; top: 120mm; transform: rotate(-90deg);"
        " font: 7pt sans-serif'>Journalnr. 00.01.00-G01-7-24</div>",
    )
    stream, layout = pdf.read_lines(pdf_samples.render(html), "stamped.pdf")
    stamps = [line for line in stream if line.furniture == "stamp"]
    assert [s.text for s in stamps] == ["Journalnr. 00.01.00-G01-7-24"] * len(layout.pages)
    assert not any("Journalnr" in line.text for line in stream if not line.furniture)


def _run(text, x0, x1, symbol=False, font="Verdana"):
    return Run(text, font, 10.0, False, False, symbol, x0, x1, x0, 100.0, 92.0, 102.0, False, False)


def test_symbol_font_bullet_becomes_a_bullet_and_gaps_become_spaces():
    line = group_lines([_run("\uf0b7", 70, 75, symbol=True, font="Symbol"), _run("Orientering", 88, 140)], 1, 595, 842)
    assert [pl.line.text for pl in line] == ["\u2022 Orientering"]
    # runs that touch are one word; a gap of a space or more is a space
    touching = group_lines([_run("sundhedsv", 114, 167), _run("æ", 168, 176), _run("sen", 177, 200)], 1, 595, 842)
    assert touching[0].line.text == "sundhedsvæsen"


NO = (False, False)  # neither an artifact nor rotated


def test_a_line_has_its_runs_style_and_box():
    # group_lines builds each Line by position, for speed: every field must land where it belongs.
    bold = Run("Beslutning", "Verdana-Bold", 11.0, True, False, False, 56.7, 120.25, 56.0, 100.126, 91.5, 103.2, *NO)
    plain = Run("tiltrådt", "Verdana", 10.0, False, True, False, 124.0, 160.0, 124.0, 100.0, 92.0, 102.5, *NO)
    (pl,) = group_lines([bold, plain], 3, 595.276, 841.891, [(56.0, 161.0, 101.5)])
    line = pl.line
    assert (line.text, line.page, line.font, line.size, line.bold, line.italic, line.underline) == (
        "Beslutning tiltrådt", 3, "Verdana-Bold", 11.0, True, False, True
    )
    assert (line.x0, line.x1, line.top, line.bottom, line.base) == (56.7, 160.0, 91.5, 103.2, 100.13)
    assert (line.page_width, line.page_height, pl.base) == (595.28, 841.89, 100.126)


def test_columns_side_by_side_are_read_one_after_the_other_beside_a_line_without_a_place():
    meta = PageLine(Line("Sagsnr.: 1", x0=350.0, x1=500.0, top=100.0, bottom=110.0, size=10.0), *NO, base=108.0)
    title = PageLine(Line("190. Bydelen", x0=56.0, x1=300.0, top=104.0, bottom=118.0, size=14.0), *NO, base=115.0)
    unplaced = PageLine(Line("Bilag"), False, False)  # no edges: beside nothing, and no error
    assert [pl.line.text for pl in read_columns([meta, title], lambda pl, x: None)] == ["190. Bydelen", "Sagsnr.: 1"]
    read = read_columns([unplaced, meta, title], lambda pl, x: None)
    assert [pl.line.text for pl in read] == ["Bilag", "190. Bydelen", "Sagsnr.: 1"]
