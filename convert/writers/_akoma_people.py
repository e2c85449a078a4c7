"""The people part of the Akoma Ntoso 3.0 output (issue 13); a helper of ``akoma.py``, not a writer.

Akoma Ntoso records votes as metadata: ``meta/analysis/parliamentary/voting`` (OASIS LegalDocML
Akoma Ntoso 3.0, "parliamentaryAnalysis"), each ``voting`` pointing (``href``) to its agenda item's
``hcontainer`` and holding ``count`` elements. referat writes, per vote:

* one ``count`` per side whose number is printed: ``value`` the number, ``refersTo`` the side's
  ``TLCConcept`` (``#vote-for``, ``#vote-against``, ``#vote-abstaining``);
* one ``count`` per voter: ``value`` the side ("for", "against", "abstaining"), ``refersTo`` the
  voter's ``TLCPerson`` or party ``TLCOrganization``;
* for a vote on some points of the recommendation only, ``voting/@refersTo`` names them, each a
  ``TLCConcept`` (``#point-2``, "Punkt 2" of the item its ``href`` points to); for a vote on one
  sub-point, the sub-point's own (``#point-2-a``, ``showAs`` the label as printed: "Punkt 2.a"),
  as the schema has no place on ``voting`` for a label; without it the vote is on the whole item.

Every person the minutes name (participants, voters, per-item attendance) is a ``TLCPerson`` and
every party letter a ``TLCOrganization`` (``#party-v``) in ``meta/references``; each open item's
attendance is an ``hcontainer name="attendance"`` listing the persons with what befell them.
Closed items get none of it, as in the rest of the output (open data only).
"""

from __future__ import annotations

from convert.model import Minutes, Vote
from convert.writers._opendata import slug, unique

SIDES = (("for", "for_", "For"), ("against", "against", "Imod"), ("abstaining", "abstaining", "Undlod"))
STATUS_WORDS = {"absent": "fraværende", "left": "forlod mødet", "arrived": "kom til", "conflict": "inhabil"}


def _open_items(minutes: Minutes):
    return [(n, item) for n, item in enumerate(minutes.items, 1) if item.access == "open"]


def _point_concepts(vote: Vote) -> list[tuple[str, str]]:
    """(eId, shown) of the points a vote was on: ("point-2", "2"), or ("point-2-a", "2.a") for
    one sub-point, so that votes on 2.a and 2.c refer to two concepts."""
    if vote.on_sub_point:
        return [(f"point-{vote.points[0]}-{slug(vote.label.rstrip(')')[-1])}", vote.label)]
    return [(f"point-{p}", str(p)) for p in vote.points]


def _names(minutes: Minutes) -> list[str]:
    names = [p.name.strip() for p in minutes.meeting.participants]
    for _, item in _open_items(minutes):
        names += [p.name.strip() for p in item.attendance]
        names += [x.name.strip() for v in item.votes for x in (*v.for_, *v.against, *v.abstaining) if x.name]
    return [n for n in dict.fromkeys(names) if n]


def _parties(minutes: Minutes) -> list[str]:
    parties = [p.party.strip() for p in minutes.meeting.participants if p.party]
    for _, item in _open_items(minutes):
        parties += [x.party.strip() for v in item.votes for x in (*v.for_, *v.against, *v.abstaining) if x.party]
        parties += [p.party.strip() for p in item.attendance if p.party]
    return [p for p in dict.fromkeys(parties) if p]


def person_ids(minutes: Minutes, known: list[tuple[str, str]]) -> dict[str, str]:
    """name -> TLCPerson eId: the participants' (``known``, akoma's own) and everyone else's."""
    ids = {name: eid for eid, name in known}
    taken = set(ids.values())
    for name in _names(minutes):
        if name in ids:
            continue
        eid = unique(f"person-{slug(name, 'ukendt', 40)}", taken)
        ids[name] = eid
        taken.add(eid)
    return ids


def _party_ids(minutes: Minutes) -> dict[str, str]:
    ids: dict[str, str] = {}
    for party in _parties(minutes):
        ids[party] = unique(f"party-{slug(party)}", set(ids.values()))
    return ids


def enrich(doc, minutes: Minutes, known: list[tuple[str, str]], el, ns: str, xml_safe) -> None:
    """Add references, voting analysis and attendance to the ``doc`` that ``akoma.to_element``
    built; ``el(parent, tag, text=None, **attrs)`` is akoma's element maker, ``xml_safe`` its
    text cleaner."""
    refs = doc.find(f"{ns}meta/{ns}references")
    people = person_ids(minutes, known)
    parties = _party_ids(minutes)
    already = {e.get("eId") for e in refs}
    for name, eid in people.items():
        if eid not in already:
            el(refs, "TLCPerson", eId=eid, href=f"/ontology/person/dk/{slug(name)}", showAs=name)
    for party, eid in parties.items():
        el(refs, "TLCOrganization", eId=eid, href=f"/ontology/organization/dk/parti/{slug(party)}", showAs=party)
    votes = [(n, k, v) for n, item in _open_items(minutes) for k, v in enumerate(item.votes, 1)]
    if votes:
        for side, _, word in SIDES:
            el(refs, "TLCConcept", eId=f"vote-{side}", href=f"/ontology/concept/vote/{side}", showAs=word)
        concepts = {c: shown for _, _, v in votes for c, shown in _point_concepts(v)}
        for eid, shown in sorted(concepts.items(), key=lambda c: (int(c[0].split("-")[1]), c[0])):
            href = "/ontology/concept/recommendation/" + eid.replace("-", "/")
            el(refs, "TLCConcept", eId=eid, href=href, showAs=f"Punkt {shown}")
        analysis = el(doc.find(f"{ns}meta"), "analysis", source="#referat")
        refs.addprevious(analysis)  # the schema's order: identification, …, analysis, …, references
        parliamentary = el(analysis, "parliamentary")
        for n, k, vote in votes:
            vid = f"voting_{n}_{k}"
            on = " ".join(f"#{eid}" for eid, _ in _point_concepts(vote)) or None
            voting = el(parliamentary, "voting", eId=vid, href=f"#hcontainer_{n}", refersTo=on)
            for side, attr, _ in SIDES:  # the schema wants a count at least: a vote with none is left out
                total = getattr(vote, f"{attr.rstrip('_')}_count")
                if total is not None:
                    el(voting, "count", eId=f"{vid}__{side}", value=str(total), refersTo=f"#vote-{side}")
                for m, voter in enumerate(getattr(vote, attr), 1):
                    who = people.get((voter.name or "").strip()) or parties.get((voter.party or "").strip())
                    if who:
                        el(voting, "count", eId=f"{vid}__{side}_{m}", value=side, refersTo=f"#{who}")
            if not len(voting):
                parliamentary.remove(voting)
        if not len(parliamentary):
            refs.getparent().remove(analysis)
    for n, item in _open_items(minutes):
        present = [p for p in item.attendance if p.name.strip()]
        if not present:
            continue
        container = doc.find(f".//{ns}hcontainer[@eId='hcontainer_{n}']")
        eid = f"hcontainer_{n}__attendance"
        box = el(container, "hcontainer", name="attendance", eId=eid)
        el(box, "heading", "Fremmøde")
        listing = el(el(box, "content", eId=f"{eid}__content"), "blockList", eId=f"{eid}__list_1")
        for m, p in enumerate(present, 1):
            line = el(el(listing, "item", eId=f"{eid}__list_1__item_{m}"), "p")
            el(line, "person", p.name.strip(), refersTo=f"#{people[p.name.strip()]}")
            words = [STATUS_WORDS.get(p.status, p.status)]
            if p.reason:
                words.append(p.reason)
            if p.status == "conflict" and p.agreed is not None:
                words.append("erklæret inhabil" if p.agreed else "erklæret ikke inhabil")
            party = f" ({p.party})" if p.party else ""
            line[-1].tail = xml_safe(f"{party}: {', '.join(words)}")
