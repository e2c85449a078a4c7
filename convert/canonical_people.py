"""The people part of the canonical XML: ``item/attendance``, ``item/votes``, ``item/outcomes``,
``item/history``, and the participant's ``@reason`` (``schemas/minutes.xsd``; the contract is
DESIGN.md's "Canonical vocabulary"). ``convert.canonical`` calls these two functions; they are
apart only to keep that module small.

    attendance/presence   @status(absent|left|arrived|conflict) @party? @reason? @agreed?  text()=name
    votes/vote            @forCount? @againstCount? @abstainingCount? @points?="2 3" (absent: the whole item)
      text                the sentences the vote was read from
      voteFor | voteAgainst | voteAbstaining / voter @party?   text()=name (empty for a party)
    outcomes/outcome      @points="1 2" @label? @result?   text()=the decision's words
    history/earlier       @body? @date?   text()=what was decided
"""

from __future__ import annotations

import datetime as dt

from lxml import etree

from convert.model import Earlier, Outcome, Presence, Vote, Voter

_GROUPS = (("voteFor", "for_"), ("voteAgainst", "against"), ("voteAbstaining", "abstaining"))
_COUNTS = (("forCount", "for_count"), ("againstCount", "against_count"), ("abstainingCount", "abstaining_count"))


def items_xml(it: etree._Element, item, text, put) -> None:
    """Append the item's people elements to ``it``; ``text`` and ``put`` are canonical's helpers
    for a text child and an optional attribute (so cleaning and spelling stay in one place)."""
    if item.attendance:
        parent = etree.SubElement(it, "attendance")
        for p in item.attendance:
            el = text(parent, "presence", p.name)
            put(el, "status", p.status)
            put(el, "party", p.party)
            put(el, "reason", p.reason)
            if p.agreed is not None:
                el.set("agreed", "true" if p.agreed else "false")
    if item.votes:
        parent = etree.SubElement(it, "votes")
        for v in item.votes:
            el = etree.SubElement(parent, "vote")
            for attr, name in _COUNTS:
                put(el, attr, getattr(v, name))
            if v.points:
                el.set("points", " ".join(str(n) for n in v.points))
            text(el, "text", v.text)
            for tag, name in _GROUPS:
                voters = getattr(v, name)
                if voters:
                    group = etree.SubElement(el, tag)
                    for voter in voters:
                        one = text(group, "voter", voter.name or "")
                        put(one, "party", voter.party)
    if item.outcomes:
        parent = etree.SubElement(it, "outcomes")
        for o in item.outcomes:
            el = text(parent, "outcome", o.text)
            el.set("points", " ".join(str(n) for n in o.points))
            put(el, "label", o.label)
            put(el, "result", o.result)
    if item.history:
        parent = etree.SubElement(it, "history")
        for e in item.history:
            el = text(parent, "earlier", e.text)
            put(el, "body", e.body)
            put(el, "date", e.date)


def _bool(value: str | None) -> bool | None:
    return None if value is None else value in ("true", "1")


def _int(value: str | None) -> int | None:
    return None if value is None else int(value)


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def items_model(it: etree._Element) -> dict:
    """The people fields of an ``item`` element, as keyword arguments of ``model.Item``."""
    attendance = [
        Presence(
            name=p.text or "",
            status=p.get("status"),
            party=p.get("party"),
            reason=p.get("reason"),
            agreed=_bool(p.get("agreed")),
        )
        for p in it.iterfind("attendance/presence")
    ]
    votes = []
    for v in it.iterfind("votes/vote"):
        groups = {
            name: [Voter(name=x.text or None, party=x.get("party")) for x in v.iterfind(f"{tag}/voter")]
            for tag, name in _GROUPS
        }
        counts = {name: _int(v.get(attr)) for attr, name in _COUNTS}
        points = [int(n) for n in (v.get("points") or "").split()]
        votes.append(Vote(text=v.findtext("text") or "", **groups, **counts, points=points))
    outcomes = [
        Outcome(
            points=[int(n) for n in (o.get("points") or "").split()],
            text=o.text or "",
            label=o.get("label"),
            result=o.get("result"),
        )
        for o in it.iterfind("outcomes/outcome")
    ]
    history = [
        Earlier(text=e.text or "", body=e.get("body"), date=_date(e.get("date")))
        for e in it.iterfind("history/earlier")
    ]
    return {"attendance": attendance, "votes": votes, "outcomes": outcomes, "history": history}
