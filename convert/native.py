"""A readable, indented text dump of the model (like docutils' pseudo-XML or pandoc's native
format). Golden files under ``tests/golden/native/`` are in this form, so a reader's change shows
up as a small, reviewable text diff. The source's checksum and file name are left out on purpose:
they say where a document came from, not what it holds."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the model imports this module for Minutes.pformat; blocks are told apart by kind
    from convert.model import ListBlock, Minutes


def _attrs(**values) -> str:
    shown = [f"{k}={v!r}" for k, v in values.items() if v not in (None, False, "", [])]
    return (" " + " ".join(shown)) if shown else ""


def _blocks(blocks, depth: int, out: list[str]) -> None:
    pad = "  " * depth
    for block in blocks:
        kind = type(block).__name__
        if kind == "Paragraph":
            out.append(f"{pad}p {block.text!r}")
        elif kind == "Subheading":
            out.append(f"{pad}subheading {block.text!r}")
        elif kind == "ListBlock":
            _list(block, depth, out)
        elif kind == "Table":
            out.append(f"{pad}table{_attrs(header=block.header)}")
            for row in block.rows:
                out.append(f"{pad}  row {row!r}")
        else:  # pragma: no cover - the model has no other block
            raise TypeError(f"unknown block {block!r}")


def _list(block: ListBlock, depth: int, out: list[str]) -> None:
    pad = "  " * depth
    shown = _attrs(ordered=block.ordered, style=block.style, delimiter=block.delimiter, start=block.start)
    out.append(f"{pad}list{shown}")
    for li in block.items:
        out.append(f"{pad}  li {li.text!r}")
        if li.sublist is not None:
            _list(li.sublist, depth + 2, out)


def _voters(voters) -> str:
    return ", ".join(f"{v.name or ''}({v.party})" if v.party else v.name or "" for v in voters)


def _people(item, out: list[str]) -> None:
    """Attendance, votes, outcomes and history: one line each, voters as "Name(Party)"."""
    for p in item.attendance:
        out.append(f"    presence {p.status} {p.name!r}{_attrs(party=p.party, reason=p.reason, agreed=p.agreed)}")
        if p.agreed is False:
            out[-1] += " agreed=False"
    for v in item.votes:
        numbers = (("for", v.for_count), ("against", v.against_count), ("abstaining", v.abstaining_count))
        counts = "".join(f" {k}={n}" for k, n in numbers if n is not None)  # 0 is printed: _attrs would hide it
        points = f" points={','.join(map(str, v.points))}" if v.points else ""
        out.append(f"    vote{counts}{points} {v.text!r}")
        for label, voters in (("for", v.for_), ("against", v.against), ("abstaining", v.abstaining)):
            if voters:
                out.append(f"      {label}: {_voters(voters)}")
    for o in item.outcomes:
        points = " ".join(str(n) for n in o.points)
        out.append(f"    outcome [{points}]{_attrs(label=o.label, result=o.result)} {o.text!r}")
    for e in item.history:
        date = e.date.isoformat() if e.date else None
        out.append(f"    earlier{_attrs(body=e.body, date=date)} {e.text!r}")


def pformat(minutes: Minutes) -> str:
    m = minutes.meeting
    out = [f"minutes{_attrs(format=minutes.source.format, pages=minutes.source.pages)}"]
    out.append(
        "  meeting"
        + _attrs(
            authority=m.authority,
            body=m.body,
            date=m.date.isoformat() if m.date else None,
            start=m.start,
            end=m.end,
            location=m.location,
        )
    )
    for p in m.participants:
        out.append(f"    person {p.name!r}{_attrs(role=p.role, party=p.party, absent=p.absent, reason=p.reason)}")
    for item in minutes.items:
        out.append(
            f"  item {item.number!r}"
            + _attrs(
                access=item.access,
                label=item.label,
                access_label=item.access_label,
                case=item.case_number,
                doc=item.document_id,
            )
        )
        out.append(f"    title {item.title!r}")
        for s in item.sections:
            date = s.date.isoformat() if s.date else None
            out.append(f"    section {s.kind}{_attrs(heading=s.heading, body=s.body, date=date)}")
            _blocks(s.blocks, 3, out)
        _people(item, out)
        for a in item.attachments:
            out.append(
                f"    attachment {a.number!r}"
                + _attrs(
                    access=a.access,
                    access_label=a.access_label,
                    doc=a.document_id,
                    case=a.case_number,
                    marker=a.marker,
                )
            )
            out.append(f"      {a.title!r}")
    for r in minutes.furniture:
        out.append(f"  removed page={r.page} {r.kind} {r.text!r}")
    return "\n".join(out) + "\n"
