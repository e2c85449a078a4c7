"""The minutes vocabulary: data files in ``vocabulary/``, compiled once.

``common.toml`` holds what every Danish minutes document says (section headings, decision
headings, access words, participants, furniture); one file per system family (Acadre, eDoc,
FirstAgenda, ...) adds how that system prints items, case numbers, running headers and headings of
its own (tried before the common ones). A new municipality or system is a new data file, not new
code. Files are TOML (https://toml.io/en/v1.0.0).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

_DIR = Path(__file__).resolve().parent / "vocabulary"
# No heading is longer; longer lines are text, and lazy patterns never see them (linear time).
HEADING_MAX = 200


class AnyOf:
    """Does any of several patterns match at a text's start? One alternation answers for most
    of them. A pattern that opens with "any text" (``.+`` or ``.+?``, ``.*``, as "(?P<body>.+?)s
    beslutning den …" does) would make the alternation try every position of every text that
    reaches it, one character at a time: the rest of such a pattern is searched for instead,
    which Python's ``re`` does far faster, and the answer is the same: the pattern matches at
    the start exactly when its rest matches at some position ``k`` (1 after ``+``, 0 after ``*``)
    or later, with no line break before it (``.`` matches none)."""

    def __init__(self, joined: re.Pattern | None, searched: tuple[tuple[int, re.Pattern], ...]):
        self._joined = joined
        self._searched = searched

    def matches(self, text: str) -> bool:
        if self._joined is not None and self._joined.match(text) is not None:
            return True
        for k, rest in self._searched:
            found = rest.search(text, k)
            # A start past the text's end is taken as its end, which may lie before k.
            if found is not None and found.start() >= k:
                newline = text.find("\n")
                if newline < 0 or found.start() <= newline:
                    return True
        return False


# "Any text" (".+", ".+?", ".*" or ".*?") at the start of a pattern, inside any number of groups
# opened there ("(?:(?:.+?)s beslutning …": a named group once its name is taken off).
_LEADING_ANY = re.compile(r"((?:\(\?:)*)\.([+*])\??")


def _split_any(bare: str) -> tuple[int, str] | None:
    """(k, the rest) of a pattern that opens with any text, ``k`` the fewest characters it takes;
    None when it does not, or when an alternative in a group around it (or at the top) could
    match without it."""
    lead = _LEADING_ANY.match(bare)
    if lead is None:
        return None
    opened = lead.group(1).count("(")
    rest = lead.group(1) + bare[lead.end() :]
    depth, i = 0, 0
    while i < len(rest):
        char = rest[i]
        if char == "\\":
            i += 1
        elif char == "[":  # a class: "|" and parentheses in it are characters
            i += 2 if rest[i + 1 : i + 2] == "^" else 1
            i += 1 if rest[i : i + 1] == "]" else 0  # a "]" first in a class is a character
            while i < len(rest) and rest[i] != "]":
                i += 2 if rest[i] == "\\" else 1
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth <= opened:
            return None
        i += 1
    return (1 if lead.group(2) == "+" else 0), rest


@cache
def any_of(patterns: tuple[re.Pattern, ...]) -> AnyOf | None:
    """One test of whether any of ``patterns`` matches at a text's start, each with its own case
    rule: most lines match none, and one test settles that instead of one per pattern. None when
    they cannot be joined (two naming the same group, a back reference, other flags)."""
    parts = []
    searched = []
    for p in patterns:
        if p.flags & ~(re.IGNORECASE | re.UNICODE) or "(?P=" in p.pattern:
            return None
        bare = _NAMED.sub("(?:", p.pattern)
        split = _split_any(bare)
        if split is not None:
            try:
                searched.append((split[0], re.compile(split[1], p.flags & re.IGNORECASE)))
                continue
            except re.error:  # a rest the scan above misjudged: joined as it is
                pass
        parts.append(f"(?i:{bare})" if p.flags & re.IGNORECASE else f"(?-i:{bare})")
    try:
        joined = re.compile("|".join(parts)) if parts else None
    except re.error:
        return None
    return AnyOf(joined, tuple(searched)) if parts or searched else None


def _may_match(anything: AnyOf | None, text: str) -> bool:
    return anything is None or anything.matches(text)


_NAMED = re.compile(r"(?<!\\)\(\?P<\w+>")


def _full(pattern: str, match_case: bool = False) -> re.Pattern:
    return re.compile(rf"(?:{pattern})\Z", 0 if match_case else re.IGNORECASE)


def _sections(entries: list[dict]) -> tuple[tuple[re.Pattern, str], ...]:
    # "match_case": a heading that counts only as printed (in capitals), because the same words
    # in ordinary case open a sentence of running text.
    return tuple((_full(s["pattern"], s.get("match_case", False)), s["kind"]) for s in entries)


@dataclass(frozen=True)
class Vocabulary:
    name: str
    sections: tuple[tuple[re.Pattern, str], ...]
    decisions: tuple[re.Pattern, ...]
    attachments: re.Pattern
    access_words: dict[str, str]  # lower-cased word -> "open" | "closed"
    present: re.Pattern
    absent: re.Pattern
    other_people: re.Pattern
    contents: re.Pattern
    furniture: tuple[tuple[re.Pattern, str], ...]
    label_words: frozenset[str]
    detect: tuple[re.Pattern, ...] = ()
    items: tuple[re.Pattern, ...] = ()
    access_line: re.Pattern | None = None
    confirm: re.Pattern | None = None
    case_number: re.Pattern | None = None
    document_id: re.Pattern | None = None
    header: re.Pattern | None = None
    header_lines: tuple[re.Pattern, ...] = field(default=())
    location: tuple[re.Pattern, ...] = ()
    location_label: re.Pattern | None = None
    address: tuple[re.Pattern, ...] = ()
    title: tuple[re.Pattern, ...] = ()
    authority: re.Pattern | None = None
    no_attachments: re.Pattern | None = None
    attachments_end_at_break: bool = False
    attachments_until_item: bool = False
    closed_text_is_decision: bool = False
    # One line under an item heading holding access, case and document number together
    # (groups access, case, doc): "Åbent punkt · Sagsnr. 2012-28504 · Dok.nr. 2012-203438".
    meta_line: re.Pattern | None = None
    # Structure roles of a tagged PDF (Line.role) that this family uses for section headings.
    section_roles: frozenset[str] = frozenset()
    # The PDF's Creator or Producer names the system: then this family is read, whatever the counts.
    producers: tuple[re.Pattern, ...] = ()
    attachment_columns: tuple[tuple[re.Pattern, str], ...] = ()
    attachment_marker: re.Pattern | None = None
    meta_labels: tuple[tuple[re.Pattern, str], ...] = ()
    body: re.Pattern | None = None

    def column_field(self, heading: str) -> str | None:
        """The attachment field a table column fills, by its heading."""
        for pattern, name in self.attachment_columns:
            if pattern.match(heading.strip()):
                return name
        return None

    @cached_property
    def sections_any(self) -> AnyOf | None:
        return any_of(tuple(p for p, _ in self.sections))

    @cached_property
    def decisions_any(self) -> AnyOf | None:
        return any_of(self.decisions)

    @cached_property
    def headings_any(self) -> AnyOf | None:
        return any_of((*(p for p, _ in self.sections), *self.decisions, self.attachments))

    def may_head(self, text: str) -> bool:
        """False when ``text`` is no section, decision or attachments heading: one match of their
        alternation settles the lines of running text, which are most."""
        return _may_match(self.headings_any, text)

    @cached_property
    def grammar_any(self) -> AnyOf | None:
        """Every pattern furniture.py's ``_significant`` tries, in one."""
        named = (self.confirm, self.case_number, self.document_id, self.access_line)
        sections = (p for p, _ in self.sections)
        return any_of((*sections, *self.decisions, self.attachments, *(p for p in named if p), *self.items))

    @cached_property
    def items_any(self) -> AnyOf | None:
        return any_of(self.items)

    def may_open_item(self, text: str) -> bool:
        """False when no item pattern matches ``text``: one match settles most lines."""
        return _may_match(self.items_any, text)

    @cached_property
    def labels_any(self) -> AnyOf | None:
        return any_of(tuple(p for p, _ in self.meta_labels))

    def may_open_label(self, text: str) -> bool:
        """False when no meta label opens ``text``: one match settles most lines."""
        return _may_match(self.labels_any, text)

    def section_kind(self, text: str) -> str | None:
        if len(text) > HEADING_MAX or not _may_match(self.sections_any, text):
            return None
        for pattern, kind in self.sections:
            if pattern.match(text):
                return kind
        return None

    def decision(self, text: str) -> re.Match | None:
        if len(text) > HEADING_MAX or not _may_match(self.decisions_any, text):
            return None
        for pattern in self.decisions:
            m = pattern.match(text)
            if m:
                return m
        return None

    def access_of(self, word: str) -> str | None:
        return self.access_words.get(word.strip(" :").lower())


def _load(name: str) -> dict:
    with open(_DIR / f"{name}.toml", "rb") as fh:
        return tomllib.load(fh)


def _opt(data: dict, key: str) -> re.Pattern | None:
    return _full(data[key]) if key in data else None


def family_names() -> list[str]:
    return list(_family_names())


@cache
def _family_names() -> tuple[str, ...]:
    # Asked several times for every document read: the folder is listed once per process.
    return tuple(sorted(p.stem for p in _DIR.glob("*.toml") if p.stem != "common"))


def _borrowed_sections(fam: dict) -> list[dict]:
    """Every other family's own headings, for a family whose documents carry any family's words
    (referat's own PDF prints the headings of whatever it was made from)."""
    if not fam.get("sections_of_every_family"):
        return []
    return [s for name in family_names() if name != fam.get("name") for s in _load(name).get("sections", [])]


@cache
def load(family: str | None = None) -> Vocabulary:
    """The common vocabulary, extended by one system family's file (or none)."""
    common = _load("common")
    fam = _load(family) if family else {}
    access = {w.lower(): "open" for w in common["open_words"]}
    access.update({w.lower(): "closed" for w in common["closed_words"]})
    return Vocabulary(
        name=family or "common",
        sections=_sections(fam.get("sections", []) + _borrowed_sections(fam)) + _sections(common["sections"]),
        decisions=tuple(_full(p) for p in common["decisions"]),
        attachments=_full(common["attachments"]),
        access_words=access,
        present=_full(common["present"]),
        absent=_full(common["absent"]),
        other_people=_full(common["other_people"]),
        contents=_full(common["contents"]),
        furniture=tuple((_full(f["pattern"]), f["kind"]) for f in common["furniture"]),
        label_words=frozenset(w.lower() for w in common["label_words"]),
        detect=tuple(_full(p) for p in fam.get("detect", ())),
        items=tuple(_full(p) for p in dict.fromkeys([*fam.get("items", ()), *common.get("items", ())])),
        access_line=_opt(fam, "access_line"),
        confirm=_opt(fam, "confirm"),
        case_number=_opt(fam, "case_number"),
        document_id=_opt(fam, "document_id"),
        header=_opt(fam, "header"),
        header_lines=tuple(_full(p) for p in fam.get("header_lines", ())),
        location_label=_opt(common, "location_label"),
        address=tuple(_full(p) for p in common.get("address", ())),
        location=tuple(_full(p) for p in common["location"]),
        title=tuple(_full(p) for p in [*fam.get("title", ()), *common["title"]]),
        authority=re.compile(common["authority"]),
        no_attachments=_opt(common, "no_attachments"),
        attachments_end_at_break=fam.get("attachments_end_at_break", False),
        attachments_until_item=fam.get("attachments_until_item", False),
        closed_text_is_decision=fam.get("closed_text_is_decision", False),
        meta_line=_opt(fam, "meta_line"),
        section_roles=frozenset(fam.get("section_roles", ())),
        producers=tuple(re.compile(p, re.IGNORECASE) for p in fam.get("producers", ())),
        attachment_columns=tuple((_full(c["pattern"]), c["field"]) for c in common.get("attachment_columns", ())),
        attachment_marker=_opt(common, "attachment_marker"),
        body=_opt(common, "body"),
        meta_labels=tuple((re.compile(m["pattern"], re.IGNORECASE), m["field"]) for m in common.get("meta_labels", ())),
    )


def choose(texts: Iterable[str], producer: str | None = None) -> Vocabulary:
    """The family the document's producer names (a PDF's Creator/Producer), else the family whose
    tell-tale lines occur most often in ``texts``; the common one if none."""
    named = named_by(producer)
    return named if named is not None else most_told(tell_tales(texts))


def named_by(producer: str | None) -> Vocabulary | None:
    """The family whose producer patterns the document's producer matches, if any."""
    if producer:
        for name in family_names():
            if any(p.search(producer) for p in load(name).producers):
                return load(name)
    return None


@cache
def tell_tale_patterns() -> tuple[tuple[tuple[str, re.Pattern], ...], AnyOf | None]:
    """Each family's tell-tale patterns (family name, pattern), and one alternation of them all."""
    tells = tuple((name, p) for name in family_names() for p in load(name).detect)
    return tells, any_of(tuple(p for _, p in tells))


def teller(counts: dict[str, int]) -> Callable[[str], None]:
    """A function that adds a text to ``counts`` for each family's tell-tale pattern it matches
    (for a reading that counts as its lines pass)."""
    tells, anything = tell_tale_patterns()

    def tell(text: str) -> None:
        # Most lines are no family's tell-tale: one test of the alternation of every pattern
        # settles them, instead of one match per pattern.
        if anything is not None and not anything.matches(text):
            return
        for name, p in tells:
            if p.match(text):
                counts[name] += 1

    return tell


def tell_tales(texts: Iterable[str], counts: dict[str, int] | None = None) -> dict[str, int]:
    """How many of ``texts`` each family's tell-tale patterns match (added to ``counts``)."""
    counts = {name: 0 for name in family_names()} if counts is None else counts
    tell = teller(counts)
    for t in texts:
        tell(t)
    return counts


def most_told(counts: dict[str, int]) -> Vocabulary:
    """The family with the most tell-tale lines (the first in name order on a tie); the common
    vocabulary when no family's patterns matched."""
    best, best_hits = None, 0
    for name in family_names():
        if counts.get(name, 0) > best_hits:
            best, best_hits = name, counts[name]
    return load(best)


def label_words() -> frozenset[str]:
    """Label words of every family: the lossless check accounts for them by their attributes."""
    return load(None).label_words
