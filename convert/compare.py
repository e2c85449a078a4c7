"""Field-by-field agreement of two minutes documents (``referat compare EXPECTED ACTUAL``).

Both sides are read by any reader (PDF, text, canonical XML/JSON, ...) or are a native dump
(``convert.native``, the golden files of the tests). The fields are those the canonical vocabulary
(DESIGN.md) names for a meeting and its items: the meeting's body, date, place and participants
(name, party, absent); per item its number, title, access, case number, the kinds of its sections,
each decision's body and date, and each attachment's number, title, access and document number.

Items are matched by number, then by title; attachments by number, then by title; people by name.
Every field the expected side has counts once; whatever only the actual side has (an invented item,
an extra attachment or person) counts as wrong fields too, so inventing is never free. Texts are
compared after Unicode NFC, collapsing white space and straightening curly quotes and long
dashes; nothing else is forgiven.

``part=True`` compares a document that holds only some items of the expected one (one item's
own PDF against the whole meeting's export): only the expected items it has, and of the meeting
only body and date (such a document has no front page with place and people).
"""

from __future__ import annotations

import ast
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from convert.errors import InputError
from convert.model import Attachment, Item, Minutes, Person

# One compared field: where it is (for the report) and its value (None when missing).
Fields = dict[str, object]


# Typesetting, not reading: a word processor curls quotes and lengthens dashes that a database
# keeps straight ("KL's" in an export, "KL’s" printed).
_TYPESET = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})


def _norm(text: str | None) -> str | None:
    if text is None:
        return None
    text = " ".join(unicodedata.normalize("NFC", text).translate(_TYPESET).split())
    return text or None


def _key(text: str | None) -> str:
    """A title as a matching key: letters and digits only, case folded (all of it when it has none)."""
    folded = (_norm(text) or text or "").casefold()
    return re.sub(r"\W+", "", folded) or folded


def _person_fields(p: Person, where: str) -> Fields:
    return {f"{where} party": _norm(p.party), f"{where} absent": bool(p.absent)}


def _attachment_fields(a: Attachment, where: str) -> Fields:
    return {
        f"{where} number": _norm(a.number),
        f"{where} title": _norm(a.title),
        f"{where} access": a.access,
        f"{where} document number": _norm(a.document_id),
    }


def _item_fields(item: Item, where: str) -> Fields:
    out: Fields = {
        f"{where} number": _norm(item.number),
        f"{where} title": _norm(item.title),
        f"{where} access": item.access,
        f"{where} case number": _norm(item.case_number),
    }
    kinds = Counter(s.kind for s in item.sections)
    for kind in sorted(kinds):
        out[f"{where} sections of kind {kind}"] = kinds[kind]
    for i, s in enumerate(item.sections_of("decision"), 1):
        out[f"{where} decision {i} body"] = _norm(s.body)
        out[f"{where} decision {i} date"] = s.date.isoformat() if s.date else None
    return out


def _number(x: Item | Attachment) -> str:
    return _norm(x.number) or x.number


def _title(x: Item | Attachment) -> str:
    return x.title


def _match(expected: list, actual: list, number, title) -> tuple[list[tuple], list, list]:
    """Pairs (expected, actual) by number first, then by title; and the unmatched of each side."""
    pairs: list[tuple] = []
    rest = list(actual)
    unmatched = []
    for e in expected:
        hit = next((a for a in rest if number(a) == number(e)), None)
        if hit is None:
            hit = next((a for a in rest if _key(title(a)) == _key(title(e))), None)
        if hit is None:
            unmatched.append(e)
        else:
            rest.remove(hit)
            pairs.append((e, hit))
    return pairs, unmatched, rest


@dataclass
class Report:
    """The result of one comparison: fields right out of fields, and each difference as a line."""

    right: int = 0
    total: int = 0
    differences: list[str] = field(default_factory=list)

    @property
    def equal(self) -> bool:
        return self.right == self.total

    @property
    def percent(self) -> float:
        return 100.0 * self.right / self.total if self.total else 100.0

    def line(self) -> str:
        return f"{self.right}/{self.total} fields right ({self.percent:.1f} %)"

    def _check(self, expected: Fields, actual: Fields) -> None:
        # A field only the actual side has (a section kind not printed) is wrong too.
        for name in [n for n in actual if n not in expected and actual[n] is not None]:
            expected = {**expected, name: None}
        for name, want in expected.items():
            got = actual.get(name)
            self.total += 1
            if want == got:
                self.right += 1
            else:
                self.differences.append(f"{name}: expected {want!r}, got {got!r}")

    def _missing(self, fields: Fields, what: str) -> None:
        self.total += len(fields)
        self.differences.append(f"{what} ({len(fields)} fields)")


def _meeting_fields(m: Minutes, part: bool) -> Fields:
    fields: Fields = {
        "meeting body": _norm(m.meeting.body),
        "meeting date": m.meeting.date.isoformat() if m.meeting.date else None,
    }
    if not part:
        fields["meeting place"] = _norm(m.meeting.location)
    return fields


def compare(expected: Minutes, actual: Minutes, part: bool = False) -> Report:
    report = Report()
    report._check(_meeting_fields(expected, part), _meeting_fields(actual, part))
    expected_items = expected.items
    if part:
        expected_items = [e for e, _ in _match(expected.items, actual.items, _number, _title)[0]]
        _compare_items(report, expected_items, actual.items)
        return report

    name = lambda p: _key(p.name)  # noqa: E731 - people are matched by their name alone
    pairs, lost, extra = _match(expected.meeting.participants, actual.meeting.participants, name, name)
    for e, a in pairs:
        report._check(_person_fields(e, f"person {e.name!r}"), _person_fields(a, f"person {e.name!r}"))
    for p in lost:
        report._missing({"name": 1, **_person_fields(p, "")}, f"person {p.name!r} missing")
    for p in extra:
        report._missing({"name": 1, **_person_fields(p, "")}, f"person {p.name!r} not expected")

    _compare_items(report, expected_items, actual.items)
    return report


def _compare_items(report: Report, expected: list[Item], actual: list[Item]) -> None:
    pairs, lost, extra = _match(expected, actual, _number, _title)
    for e, a in pairs:
        where = f"item {e.number}"
        report._check(_item_fields(e, where), _item_fields(a, where))
        apairs, alost, aextra = _match(e.attachments, a.attachments, _number, _title)
        for ea, aa in apairs:
            at = f"{where} attachment {ea.number}"
            report._check(_attachment_fields(ea, at), _attachment_fields(aa, at))
        for x in alost:
            report._missing(_attachment_fields(x, ""), f"{where} attachment {x.number} {x.title!r} missing")
        for x in aextra:
            report._missing(_attachment_fields(x, ""), f"{where} attachment {x.number} {x.title!r} not expected")
    for side, items in (("missing", lost), ("not expected", extra)):
        for x in items:
            size = len(_item_fields(x, "")) + sum(len(_attachment_fields(a, "")) for a in x.attachments)
            report.total += size
            report.differences.append(f"item {x.number} {x.title!r} {side} ({size} fields)")


def _native_value(text: str):
    return ast.literal_eval(text)


_ATTR = re.compile(r"(\w+)=('(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|\S+)")


def _attrs(rest: str) -> dict:
    return {k: _native_value(v) for k, v in _ATTR.findall(rest)}


def parse_native(text: str, name: str) -> Minutes:
    """The fields ``compare`` looks at, back from a native dump (``convert.native.pformat``)."""
    import datetime as dt

    from convert.model import Section, Source

    minutes = Minutes(source=Source(file=name, format="native", sha256=""))
    item = None
    attachment = None
    for line in text.splitlines():
        body = line.strip()
        head, _, rest = body.partition(" ")
        depth = (len(line) - len(line.lstrip(" "))) // 2
        try:
            if depth == 1 and head == "meeting":
                a = _attrs(rest)
                m = minutes.meeting
                m.body, m.location = a.get("body"), a.get("location")
                m.date = dt.date.fromisoformat(a["date"]) if "date" in a else None
            elif depth == 2 and head == "person":
                person_name, more = _split_repr(rest)
                a = _attrs(more)
                minutes.meeting.participants.append(
                    Person(_native_value(person_name), party=a.get("party"), absent=bool(a.get("absent")))
                )
            elif depth == 1 and head == "item":
                number, more = _split_repr(rest)
                a = _attrs(more)
                item = Item(_native_value(number), "", access=a.get("access", "open"), case_number=a.get("case"))
                minutes.items.append(item)
                attachment = None
            elif depth == 2 and head == "title" and item is not None:
                item.title = _native_value(rest)
            elif depth == 2 and head == "section" and item is not None:
                kind, _, more = rest.partition(" ")
                a = _attrs(more)
                date = dt.date.fromisoformat(a["date"]) if "date" in a else None
                item.sections.append(Section(kind, a.get("heading", ""), body=a.get("body"), date=date))
            elif depth == 2 and head == "attachment" and item is not None:
                number, more = _split_repr(rest)
                a = _attrs(more)
                attachment = Attachment(
                    _native_value(number), "", access=a.get("access", "open"), document_id=a.get("doc")
                )
                item.attachments.append(attachment)
            elif depth == 3 and attachment is not None and body[:1] in "'\"":
                attachment.title = _native_value(body)
        except (ValueError, SyntaxError, KeyError, IndexError) as exc:
            raise InputError(name, f"not a readable native dump at {body[:60]!r}: {exc}") from None
    return minutes


def _split_repr(rest: str) -> tuple[str, str]:
    """A Python string literal (or None: an item printed without a number) at the start of
    ``rest`` and what follows it."""
    if rest.startswith("None"):
        return "None", rest[4:]
    quote = rest[0]
    i = 1
    while i < len(rest) and rest[i] != quote:
        i += 2 if rest[i] == "\\" else 1
    return rest[: i + 1], rest[i + 1 :]


def is_native(data: bytes) -> bool:
    lines = data[:400].splitlines()
    return len(lines) >= 2 and lines[0].startswith(b"minutes") and lines[1].startswith(b"  meeting")


def load(path: str | Path) -> Minutes:
    """A document to compare: a native dump, or anything ``convert.read`` reads."""
    import convert

    path = Path(path)
    if path.is_file():
        data = path.read_bytes()
        if is_native(data):
            return parse_native(data.decode("utf-8", "replace"), path.name)
    return convert.read(path)
