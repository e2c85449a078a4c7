"""The people grammar (convert/readers/grammar/votes.py, people.py) on real sentences of the Greve
archive (../shared/corpus/greve, 288 meetings), measured over every decision there, and on
hypothesis text: votes exactly as named, counts as printed, nothing guessed."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from convert.model import Presence, Voter
from convert.readers.grammar.people import read_attendance
from convert.readers.grammar.votes import read_votes
from tests.readers.greve_html import GREVE, decisions

pytestmark = pytest.mark.skipif(not GREVE.exists(), reason="the Greve corpus is not beside the worktree")


def _corpus_has(sentence: str) -> None:
    """Every sentence below is copied from the archive, not made up."""
    assert any(sentence in i.decision for i in decisions()), sentence


def P(party: str) -> Voter:  # reads like the printed "(V)"
    return Voter(party=party)


def test_committee_vote_with_persons_reason_and_abstention():
    text = (
        "For stemte: Claus Dyremose (C), Claus Jensen (V) og Bjarke Abel (A).\nImod stemte: Torben Hoffmann (V) "
        "idet han ønsker den fulde pakke.\nHans-Jørgen Kirstein (D) undlod at tage stilling."
    )
    _corpus_has(text)
    [vote] = read_votes(text)
    assert vote.for_ == [Voter("Claus Dyremose", "C"), Voter("Claus Jensen", "V"), Voter("Bjarke Abel", "A")]
    assert vote.against == [Voter("Torben Hoffmann", "V")]
    assert vote.abstaining == [Voter("Hans-Jørgen Kirstein", "D")]
    assert vote.for_count is None


def test_council_vote_with_counts_and_parties():
    text = (
        "Med stemmerne 11 for og 9 imod godkendte Byrådet Økonomiudvalgets indstilling.\n"
        "For stemte: (V), (D) og Liselott Blixt (UP).\nImod stemte: (A), (C), (Ø) og (F) med bemærkning om, "
        "at partierne ønsker etableret et yderligere valgsted."
    )
    _corpus_has(text)
    [vote] = read_votes(text)
    assert (vote.for_count, vote.against_count, vote.abstaining_count) == (11, 9, None)
    assert vote.for_ == [P("V"), P("D"), Voter("Liselott Blixt", "UP")]
    assert vote.against == [P("A"), P("C"), P("Ø"), P("F")]
    assert vote.text.startswith("Med stemmerne 11") and vote.text.endswith("og (F)")


def test_two_divisions_in_one_decision_are_two_votes():
    text = (
        "Med stemmerne 1 for og 20 imod afviste Byrådet indstillingspunkt 1a - budgetforslag fremlagt af (Ø).\n"
        "For stemte (Ø).\nImod stemte (V), (A), (C), Liselott Blixt (UP-1), Hans-Jørgen Kirstein (UP-2) og (F).\n"
        "Med stemmerne 20 for og 1 imod godkendte Byrådet indstillingspunkt 1b"
    )
    _corpus_has(text)
    first, second = read_votes(text)
    assert (first.for_count, first.against_count) == (1, 20) and first.for_ == [P("Ø")]
    assert Voter("Hans-Jørgen Kirstein", "UP-2") in first.against and len(first.against) == 6
    assert (second.for_count, second.against_count) == (20, 1) and not second.for_


def test_bare_party_letters_after_a_label():
    text = "For stemte: V, C, M, Ø og Liselott Blixt (UP)\nImod: F\nUndlod: A\nAfbud: Brigitte Klintskov Jerkel"
    _corpus_has(text)
    [vote] = read_votes(text)
    assert vote.for_ == [P("V"), P("C"), P("M"), P("Ø"), Voter("Liselott Blixt", "UP")]
    assert vote.against == [P("F")] and vote.abstaining == [P("A")]
    assert read_attendance(text) == [Presence("Brigitte Klintskov Jerkel", "absent", reason="Afbud")]


def test_partial_or_unclear_votes_stay_text():
    for text in (
        # abstaining on some points only: not a vote on the item
        "(F) undlod at tage stilling til Økonomiudvalgets indstillingspunkt 1, 4 og 6 men tilsluttede sig",
        # the party is printed after the group ("… fra (A)"): which names are whose is not certain
        "Imod stemte (C) og Kenneth Jerkel fra (A). (C) med bemærkning om",
        # a body, not a person or party
        "21-03-2022 Klima-, Teknik- og Miljøudvalget\nUdvalget undlod at tage stilling.",
        "Mehmet Zeki Dogru (Ø) stemte imod pkt. 1-4 og stemmer for pkt. 5.",
    ):
        assert not [v for v in read_votes(text) if v.for_ or v.against or v.abstaining], text


def test_one_voter_on_two_sides_makes_two_votes():
    text = (
        "For stemte:\nPernille Beckmann (V), Marc Genning (V), Liselott Blixt (UP), Hans-Jørgen Kirstein (D), "
        "Brigitte Klintskov Jerkel (C), John T. Olsen (A) og Mehmet Zeki Dogru (Ø)\nImod stemte: ingen"
    )
    _corpus_has(text)
    votes = read_votes(text + "\nØkonomiudvalget anbefaler.\nBrigitte Klintskov Jerkel (C) undlod at tage stilling.")
    assert len(votes) == 2 and Voter("John T. Olsen", "A") in votes[0].for_
    assert votes[1].abstaining == [Voter("Brigitte Klintskov Jerkel", "C")] and not votes[1].for_


def test_conflicts_of_interest_and_leaving():
    text = (
        "Byrådet erklærede Charlotte Levin (A) for inhabil i punktets behandling.\nCharlotte Levin (A) forlod "
        "herefter lokalet.\nByrådet godkendte økonomiudvalgets indstilling.\nIkke til stede:\nCharlotte Levin (A)"
    )
    _corpus_has(text)
    assert read_attendance(text) == [
        Presence("Charlotte Levin", "conflict", party="A", agreed=True),
        Presence("Charlotte Levin", "left", party="A"),
        Presence("Charlotte Levin", "absent", party="A", reason="Ikke til stede"),
    ]
    denied = "Byrådet erklærede Maria Witthøft (A) for ikke inhabil i punktets behandling."
    _corpus_has(denied)
    assert read_attendance(denied) == [Presence("Maria Witthøft", "conflict", party="A", agreed=False)]
    asked = "Charlotte Levin (A) spurgte byrådet om hun var inhabil i sagens behandling"
    _corpus_has(asked)
    assert read_attendance(asked) == []  # a question, not a finding


def test_absence_lists_keep_their_label_as_reason():
    text = "Godkendt.\nAfbud: Claus Dyremose\nFraværende: Tina Rottbøll"
    _corpus_has(text)
    assert read_attendance(text) == [
        Presence("Claus Dyremose", "absent", reason="Afbud"),
        Presence("Tina Rottbøll", "absent", reason="Fraværende"),
    ]
    two = "Afbud: Morten Dahlin, Heidi Serny Jacobsen"
    _corpus_has(two)
    assert [p.name for p in read_attendance(two)] == ["Morten Dahlin", "Heidi Serny Jacobsen"]


_COUNTS = re.compile(r"[Mm]ed stemmerne (\d+) for og (\d+) imod")


def test_over_the_whole_archive():
    """Every decision of the 288 meetings: each printed count becomes a vote's count, each
    labelled "For stemte" list a vote's for-side (bar the few the grammar declines, listed), no
    voter on two sides, every voter named in the vote's own text, every "Afbud:"/"Fraværende:"
    line a presence. The figures are the issue's: ~80 "For stemte", ~400 absences."""
    votes = for_lists = count_sentences = absences = 0
    declined = []
    for item in decisions():
        found = read_votes(item.decision)
        votes += len(found)
        for m in _COUNTS.finditer(item.decision):
            count_sentences += 1
            wanted = (int(m.group(1)), int(m.group(2)))
            assert any((v.for_count, v.against_count) == wanted for v in found), (item.key, m.group(0))
        for v in found:
            sides = [v.for_, v.against, v.abstaining]
            everyone = [x for side in sides for x in side]
            assert len(everyone) == len({(x.name, x.party) for x in everyone}), (item.key, v)
            for x in everyone:
                assert (x.name or "") in v.text and (x.party or "") in v.text, (item.key, x)
        labelled = len(re.findall(r"For stemte:? *\n? *\(?[A-ZÆØÅ]", item.decision))
        with_for = sum(1 for v in found if v.for_)
        for_lists += with_for
        if with_for < labelled:
            declined.append(item.key)
        for line in item.decision.splitlines():
            if re.fullmatch(r"(?:Afbud|Fraværende): [A-ZÆØÅ][\w\- ]+(?:, [A-ZÆØÅ][\w\- ]+)*", line):
                names = line.split(": ", 1)[1].split(", ")
                got = [p.name for p in read_attendance(line)]
                assert got == names, (item.key, line, got)
                absences += len(names)
    assert count_sentences >= 50 and votes >= 200 and for_lists >= 80 and absences >= 400
    # Declined on purpose: "… fra (A)" after a group of names, "For stemte stemte", "A)" for "(A)",
    # an empty "For stemte:" — each stays text.
    assert len(declined) <= 4, declined


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(
            [
                "For stemte: ",
                "Imod stemte: ",
                " undlod at tage stilling",
                " stemte imod",
                "Afbud: ",
                "(V)",
                "(Ø)",
                ", ",
                " og ",
                ". ",
                "\n",
                "Anne Hansen",
                "Med stemmerne 3 for og 2 imod",
                " til punkt 2",
                "Udvalget",
                "Byrådet erklærede ",
                " for inhabil",
                "T. ",
                "ingen",
                "V",
                " forlod mødet",
                " stemmer for",
                " undlader",
                " indstillingen",
                "Ø",
                "2. ",
                "John T. Olsen (A)",
            ]
        ),
        max_size=25,
    ).map("".join)
)
def test_random_text_never_invents_a_voter(text):
    for vote in read_votes(text):
        assert vote.text in text
        for x in [*vote.for_, *vote.against, *vote.abstaining]:
            assert x.name or x.party
            assert (x.name or "") in vote.text and (x.party or "") in vote.text
    for p in read_attendance(text):
        assert p.name in text and p.status in ("absent", "left", "arrived", "conflict")


def _item(points: int, *decision: str):
    from convert.model import Item, ListBlock, ListItem, Paragraph, Section

    recommendation = Section(
        "recommendation", "Indstilling", [ListBlock([ListItem(f"p{n}") for n in range(points)], True)]
    )
    return Item(
        "1", "t", sections=[recommendation, Section("decision", "Beslutning", [Paragraph(t) for t in decision])]
    )


@pytest.mark.parametrize(
    ("points", "decision", "expected"),
    [
        (3, ["1.-3. Anbefales"], [([1, 2, 3], "recommended")]),
        (2, ["1. og 2. Taget til efterretning"], [([1, 2], "noted")]),
        (3, ["1. Taget til efterretning.", "2.-3. Godkendt."], [([1], "noted"), ([2, 3], "approved")]),
        (
            3,
            ["Pkt. 1: Orienteringen blev taget til efterretning.", "Pkt. 3: Godkendt."],
            [([1], "noted"), ([3], "approved")],
        ),
        (
            2,
            ["1. Anbefales ikke", "2. Anbefales idet, at udvalget ønsker en sag"],
            [([1], "rejected"), ([2], "recommended")],
        ),
        (6, ["1. - 6.blev taget til efterretning."], [([1, 2, 3, 4, 5, 6], "noted")]),
        (
            4,
            ["Byrådet godkendte Økonomiudvalgets indstilling.", "Fraværende: Tina Rottbøll"],
            [([1, 2, 3, 4], "approved")],
        ),
        # a label the grammar cannot read ("2 Godkendt"), a point the recommendation lacks, labels out of order
        (2, ["1. Godkendt", "2 Godkendt med ændring af til mødestart kl. 17.00."], []),
        (2, ["1. Godkendt", "3. Godkendt"], []),
        (3, ["2. Godkendt", "1. Godkendt"], []),
        # no numbered recommendation: nothing to link to
        (0, ["1. Godkendt"], []),
        # a reference inside a sentence is not a label
        (3, ["Godkendt, jf. punkt 3 i sagen."], []),
    ],
)
def test_outcomes_per_point(points, decision, expected):
    from convert.readers.grammar.outcomes import read_outcomes

    item = _item(points, *decision)
    got = [(o.points, o.result) for o in read_outcomes(item, item.sections_of("decision"))]
    assert got == expected


AARHUS = GREVE.parent / "aarhus" / "aarhus_teknisk-udvalg_referat_2025-10-01.html"


@pytest.mark.skipif(not AARHUS.exists(), reason="the Aarhus page is not in the corpus")
def test_another_municipality_words_its_divisions_otherwise():
    """Aarhus' Teknisk Udvalg (a FirstAgenda web page): "… kunne (ikke) tiltræde indstillingen",
    names without parties, "var forhindret i at deltage"; "tog forbehold" is no side of a vote."""
    import convert

    item = convert.read(AARHUS).items[1]
    [vote] = item.votes
    assert [v.name for v in vote.for_] == ["Jesper Kjeldsen", "Steffen Wich", "Gert Bjerregaard", "Metin Lindved Aydin"]
    assert [v.name for v in vote.against] == ["Solveig Munk"] and not vote.abstaining
    assert [(p.name, p.status) for p in item.attendance] == [("Liv Gro Jensen", "absent")]


def test_a_party_named_in_words_is_not_a_person():
    assert read_votes("Godkendt.\nRadikale Venstre kunne ikke tiltræde indstillingen.") == []
    assert read_votes("Dansk Folkeparti stemte imod.") == []
