"""Every sentence of the Greve archive (288 meetings) that speaks of a vote is a vote with exactly the
voters it names, each on the side it names, or stays text for a reason: a general one the audit
(tests/readers/greve_votes.py) tells by its own words, or one of the few sentences below, each
read by eye. And hypothesis sentences of several clauses, in any order and joined by ",", "og",
"samt" or a stop, lose and invent no voter."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from convert.model import Voter
from convert.readers.grammar.votes import read_votes
from tests.readers.greve_html import GREVE
from tests.readers.greve_votes import vote_sentences

pytestmark = pytest.mark.skipif(not GREVE.exists(), reason="the Greve corpus is not beside the worktree")

# Sentences left text on purpose (key, the sentence's start): the grammar cannot be certain of them.
TEXT_ONLY = {
    ("byraad-2022-2025_2023-05-15_13b86557 #44", "For stemte (V), A), (C)"): "a misprinted parenthesis ('A)')",
    ("byraad-2022-2025_2023-12-11_cec1bc9b #25", "For stemte stemte"): "a doubled word in the label",
    ("byraad-2022-2025_2023-09-04_0fb02bb4 #18", "For stemte (V), (F), (Ø)"): "'… Charlotte Levin fra (A)': "
    "a party printed after a group of names, so whose names are whose is not certain",
    ("byraad-2022-2025_2023-09-04_0fb02bb4 #18", "Imod stemte (C) og Kenneth"): "'Kenneth Jerkel fra (A)', as above",
    ("oekonomiudvalget_2023-02-27_140e556f #11", "Liselott Blixt (UP) og"): "against another body's "
    "recommendation by name: whether it is the one decided is not in the sentence",
    ("oekonomiudvalget_2023-02-27_140e556f #16", "John T. Olsen (A) og"): "for the administration's "
    "recommendation, an alternative to the one decided",
    ("plan-og-tryghedsudvalget_2024-02-06_fbdc34f3 #6", "(Ø) stemmer for administrationens"): "as above",
    ("plan-og-tryghedsudvalget_2024-03-19_4725e358 #2", "(Ø) stemmer imod rammeaftalen"): "against "
    "'rammeaftalen', one part of the matter or all of it",
}


def _listed(sentence) -> str | None:
    return next(
        (why for (key, start), why in TEXT_ONLY.items() if key == sentence.key and sentence.text.startswith(start)),
        None,
    )


def test_every_vote_sentence_is_a_vote_or_text_for_a_reason():
    found = vote_sentences()
    unexplained = [
        (s.key, s.status, s.text[:120], s.wrong)
        for s in found
        if s.status != "vote" and not (s.status == "text" and s.why) and not _listed(s)
    ]
    assert unexplained == []
    listed = [s for s in found if _listed(s)]
    assert len(listed) == len(TEXT_ONLY), "an entry of TEXT_ONLY names no sentence, or one names two"
    assert all(s.status != "vote" for s in listed), "a sentence of TEXT_ONLY is now read: take it off the list"
    votes = sum(s.status == "vote" for s in found)
    why = {w: sum(s.why == w for s in found) for w in ("a point", "no voter")}
    # The figures of the branch that made them (493 sentences: 437 votes; of the 252 votes read, 42
    # on some points; 31 text on some points only: sub-points, another body's points, no voter; 17
    # with no person or party; 8 above); fewer votes means a reading was lost.
    assert len(found) >= 490 and votes >= 437 and why["a point"] <= 31 and why["no voter"] <= 17, (
        len(found),
        votes,
        why,
    )


# --- Sentences made of clauses -------------------------------------------------------------------

_PERSONS = ["Anne Hansen", "Claus Dyremose", "Hans-Jørgen Kirstein", "John T. Olsen", "Maria Holdt Witthøft"]
_PARTIES = ["V", "A", "C", "D", "F", "Ø", "M", "UP"]
_LABELS = {"for": ["For stemte: ", "For stemte "], "against": ["Imod stemte: ", "Imod: "], "abstaining": ["Undlod: "]}
_AFTER = {
    "for": [" stemte for", " stemmer for"],
    "against": [" stemte imod", " stemmer imod", " stemte imod indstillingen"],
    "abstaining": [" undlod at tage stilling", " undlod at stemme", " undlader"],
}


def _printed(voter: Voter, bare: bool) -> str:
    if voter.name:
        return f"{voter.name} ({voter.party})"
    return voter.party if bare else f"({voter.party})"


@st.composite
def clause_sentences(draw):
    """(text, {side: voters}): one to three clauses, a side each, every voter named once."""
    sides = draw(st.lists(st.sampled_from(list(_LABELS)), min_size=1, max_size=3, unique=True))
    pool = [Voter(name=n, party=draw(st.sampled_from(_PARTIES))) for n in _PERSONS]
    pool += [Voter(party=p) for p in _PARTIES if p != "UP"]  # a local list prints no bare letter
    voters = draw(st.permutations(pool))
    expected: dict[str, list[Voter]] = {}
    text, at, labelled_before, last_closed, ends_bare = "", 0, False, True, False
    for n, side in enumerate(sides):
        count = draw(st.integers(1, 3))
        chosen, at = list(voters[at : at + count]), at + count
        expected[side] = chosen
        bare = draw(st.booleans())
        join_last = draw(st.sampled_from([" og ", " samt ", ", og "]))
        names = [_printed(v, bare and v.party != "UP") for v in chosen]
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + join_last + names[-1]
        labelled = draw(st.booleans())
        if n:
            # After a labelled list a clause may follow a comma only if that list closed with "og"
            # ("For stemte: (V) og (A), (Ø) stemte imod"; after "og" where the list ends would not
            # be certain); a label itself opens a sentence or a line.
            joins = ["\n"] + ([] if ends_bare else [". "])
            if not labelled and not labelled_before:
                joins += [", ", " og ", ", og ", " samt "]
            elif not labelled and last_closed:
                joins.append(", ")
            text += draw(st.sampled_from(joins))
        if labelled:
            text += draw(st.sampled_from(_LABELS[side])) + listed
        else:
            text += listed + draw(st.sampled_from(_AFTER[side]))
        labelled_before, last_closed = labelled, len(names) > 1
        # "V. Godkendt" could be an initial and a name: a bare letter ends no sentence before a capital
        ends_bare = labelled and bare and chosen[-1].name is None and chosen[-1].party != "UP"
    return text + draw(st.sampled_from(["", "."] + ([] if ends_bare else [". Godkendt."]))), expected


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(clause_sentences())
def test_clauses_in_any_order_lose_and_invent_no_voter(case):
    text, expected = case
    [vote] = read_votes(text)
    got = {"for": vote.for_, "against": vote.against, "abstaining": vote.abstaining}
    assert {s: v for s, v in got.items() if v} == expected, text


_POINT_LABELS = [("2. ", [2]), ("1.-3. ", [1, 2, 3]), ("Ad 2: ", [2]), ("2. og 4. ", [2, 4]), ("3. Anbefales. ", [3])]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(clause_sentences(), st.sampled_from(_POINT_LABELS), st.booleans())
def test_a_vote_under_a_point_label_is_on_those_points(case, label, neighbours):
    """The same sentences on a line that opens with a point's label: one vote on those points, with
    the same voters; the lines of other points around it add none."""
    text, expected = case
    prefix, points = label
    text = prefix + text
    if neighbours:
        text = "1. Godkendt.\n" + text + "\n5. Godkendt."
    [vote] = read_votes(text)
    got = {"for": vote.for_, "against": vote.against, "abstaining": vote.abstaining}
    assert ({s: v for s, v in got.items() if v}, vote.points) == (expected, points), text


@pytest.mark.parametrize(
    ("text", "against", "abstaining"),
    [
        # copied from the archive
        ("(Ø) stemmer imod, (A) undlader", [Voter(party="Ø")], [Voter(party="A")]),
        ("Tina Rotbøll (A) stemte for, Linda Heegaard (F) stemte imod.", [Voter("Linda Heegaard", "F")], []),
        ("V, D og Liselott Blixt (UP) stemmer imod.\nA og C undlader.", None, [Voter(party="A"), Voter(party="C")]),
        # made up: a capital that opens the last voter's clause, labels one after another on a line
        ("For stemte: (V) og (A), (Ø) Stemte imod.", [Voter(party="Ø")], []),
        ("For stemte: (V) og (C) Imod stemte: (A) Undlod: (B)", [Voter(party="A")], [Voter(party="B")]),
        # the example on one line
        (
            "Imod stemte: (Ø) og (F). Hans-Jørgen Kirstein (D) undlod at tage stilling.",
            None,
            [Voter("Hans-Jørgen Kirstein", "D")],
        ),
    ],
)
def test_clauses_from_the_archive(text, against, abstaining):
    [vote] = read_votes(text)
    if against is not None:
        assert vote.against == against
    assert vote.abstaining == abstaining


@pytest.mark.parametrize(
    "text",
    [
        "2. a. Ø stemte imod.",  # a vote on point 2a, not on the item
        "For stemte: (V), (A), (Ø) stemte imod.",  # no "og": where the first list ends is not certain
        "Udvalget undlod at tage stilling.",
        "Med stemmerne 3 for og 1 imod godkendte udvalget indstillingen.\nFor stemte: Anne Hansen (V) og Bo Li (C)",
        "Med stemmerne 1 for og 1 imod godkendte udvalget indstillingen.\nFor stemte: (V) og (C)",
    ],
)
def test_uncertain_clauses_stay_text(text):
    assert not [v for v in read_votes(text) if v.for_ or v.against or v.abstaining], text


@pytest.mark.parametrize(
    ("text", "points"),
    [
        ("2. Anbefales. (Ø) stemmer imod, (A) undlader", [[2]]),
        ("1.-3. Bjarke Abel (A) undlod at tage stilling.", [[1, 2, 3]]),
        ("Ad 2: Anne Hansen (V) stemte imod.", [[2]]),
        ("2. og 4. Godkendt. (Ø) stemte imod.", [[2, 4]]),
        ("(Ø) og (F) stemte imod indstillingens punkt 2.", [[2]]),
        # another's recommendation may be an alternative to the one decided
        ("(Ø) og (F) stemte imod administrationens indstillingspunkt 2.", []),
        ("(F) undlod at stemme for så vidt angår indstillingspunkt 2.", [[2]]),
        ("(A) og (C) undlader på 1) og 3)", [[1, 3]]),
        ("Anne Hansen (V) stemte imod punkt 2 og 3. Bo Li (C) undlod at tage stilling til punkt 2.", [[2, 3], [2]]),
        ("Bo Li (C) stemte imod pkt. 1-3, idet C ønsker mere.", [[1, 2, 3]]),
        ("2. Godkendt med stemmerne 19 for og 1 imod.\nFor stemte (V) og (A).\nImod stemte (Ø)\n3. Godkendt", [[2]]),
        # the second clause's point is not said: only the first is a vote
        ("(Ø) stemmer imod pkt. 2 og (A) undlader.", [[2]]),
        ("(Ø) stemte imod.", [[]]),
        # lists below a label, another label after them: that point's vote; after a sub-point's, none
        (
            "1 a. Ikke godkendt\nFor stemte: Ø\n2. Godkendt.\n3. Godkendt\nFor stemte: V og C\nImod stemte: A\n"
            "4. Godkendt.",
            [[3]],
        ),
        ("2. c. Kan ikke anbefales\n(Ø) stemte imod, da de ønsker andet.\n2. d. Kan ikke anbefales", []),
        # after the last label a vote may be on the whole item: read so, as before
        ("1. Godkendt.\n2. Anbefales.\n(A) undlader.", [[]]),
        # counts naming their points, and the lists below them
        (
            "Med stemmerne 20 for og 1 imod godkendte Byrådet indstillingspunkt 3, 4 og 9.\nImod stemte (Ø).",
            [[3, 4, 9]],
        ),
        (
            "Byrådet godkendte punkt 1.\nYderligere godkendte Byrådet med stemmerne 19 for og 1 imod administrationens "
            "indstillingspunkt 2 og 3.\nFor stemte: (V) og (A).\n(F) undlod at tage stilling.",
            [[2, 3]],
        ),
        # a sub-point's counts carry its point; a new count is a new vote
        (
            "Med stemmerne 1 for og 19 imod afviste Byrådet indstillingspunkt 1a.\nFor stemte: (Ø).\n"
            "Med stemmerne 18 for og 2 imod godkendte Byrådet indstillingspunkt 1b.",
            [[1], [1]],
        ),
        ("Med stemmerne 18 for og 2 imod godkendte Byrådet indstillingen.\nFor stemte: (V).", [[]]),
    ],
)
def test_a_vote_on_some_points_names_them(text, points):
    assert [v.points for v in read_votes(text)] == points


@pytest.mark.parametrize(
    "text",
    [
        "(Ø) stemte imod pkt. 2.a.",
        "(A) og (C) undlod at stemme ved pkt. 2. c.",
        "(Ø) stemmer imod pkt. 1. b), idet …",
        "2. b. (A) undlader.",
        "(Ø) stemte imod Plan- og Tryghedsudvalgets punkt 2.b med bemærkning om, at …",
    ],
)
def test_a_vote_on_a_sub_point_stays_text(text):
    assert read_votes(text) == []


def test_lists_must_agree_with_the_counts():
    """Persons listed by name are as many as the count; parties no more than it (a party has one
    member at least). Where they disagree the counts stay and the lists go."""
    head = "Med stemmerne {} for og 1 imod godkendte udvalget indstillingen.\nFor stemte: "
    [agree] = read_votes(head.format(2) + "Anne Hansen (V) og Bo Li (C)")
    assert agree.for_ == [Voter("Anne Hansen", "V"), Voter("Bo Li", "C")]
    [parties] = read_votes(head.format(9) + "(V) og (C)")
    assert parties.for_ == [Voter(party="V"), Voter(party="C")]
    [disagree] = read_votes(head.format(3) + "Anne Hansen (V) og Bo Li (C)")
    assert (disagree.for_count, disagree.against_count, disagree.for_) == (3, 1, [])
