"""The people part of the OParl 1.1 output (https://oparl.org/spezifikation/): Person,
Membership and party Organization objects, Meeting.participant, AgendaItem.result from the
outcomes, and votes as a vendor extension; a helper of ``oparl.py``, not a writer.

OParl 1.1 has no vote object, so votes, per-item attendance and outcomes per recommendation point
are vendor extensions (spec chapter "Herstellerspezifische Erweiterungen"), documented here and in
the README:

* ``AgendaItem["referat:vote"]``: a list of ``{"referat:text", "referat:for", "referat:against",
  "referat:abstaining", "referat:forCount", "referat:againstCount", "referat:abstainingCount",
  "referat:points"}`` (``points`` the numbers of the recommendation's points the vote was on, e.g.
  ``[2, 3]``; absent for a vote on the whole item);
  each side a list of ``{"name"?, "party"?, "person"?}`` (``person`` the Person's URL where the
  voter is a named person, ``party`` the party letter as printed, e.g. "V").
* ``AgendaItem["referat:attendance"]``: ``{"name", "status" (absent|left|arrived|conflict),
  "party"?, "reason"?, "agreed"?, "person"}``.
* ``AgendaItem["referat:outcome"]``: ``{"points": [1, 2], "label"?, "result"?, "text"}``, and
  ``AgendaItem.result`` (a plain string in OParl) the Danish word for the outcome when one
  outcome covers every point ("Godkendt", "Anbefalet", …).
* ``AgendaItem["referat:history"]``: ``{"body"?, "date"?, "text"}``, the case's earlier decisions.

Persons are named by authority and name only (``{base}/person/{authority}/{name}``): the minutes
say nothing that tells two people of one name apart. A party is an Organization of
``organizationType`` "Partei" (``{base}/organization/{authority}-parti-{letter}``); a person's
Memberships are in the meeting's body (with the role as printed) and in their party.
"""

from __future__ import annotations

from convert.model import Item, Minutes
from convert.writers._opendata import slug

P = "referat:"
SCHEMA = "https://schema.oparl.org/1.1/"
RESULT_WORDS = {
    "approved": "Godkendt",
    "recommended": "Anbefalet",
    "rejected": "Ikke godkendt",
    "noted": "Taget til efterretning",
    "postponed": "Udsat",
}


def _authority(minutes: Minutes, fallback: str | None) -> str:
    return slug(minutes.meeting.authority or fallback, "ukendt")


def person_url(base: str, minutes: Minutes, name: str, fallback: str | None = None) -> str:
    return f"{base}/person/{_authority(minutes, fallback)}/{slug(name, 'ukendt', 80)}"


def party_url(base: str, minutes: Minutes, party: str, fallback: str | None = None) -> str:
    return f"{base}/organization/{_authority(minutes, fallback)}-parti-{slug(party)}"


def _obj(kind: str, url: str, stamp: str) -> dict:
    return {"id": url, "type": SCHEMA + kind, "created": stamp, "modified": stamp}


def _put(obj: dict, key: str, value) -> None:
    """Set only real values (the spec asks for no null or empty ones); text trimmed."""
    if isinstance(value, str):
        value = value.strip()
    if value is not None and value != "" and value != []:
        obj[key] = value


def _voter(base: str, minutes: Minutes, voter, fallback) -> dict:
    entry: dict = {}
    _put(entry, "name", voter.name)
    _put(entry, "party", voter.party)
    if voter.name and voter.name.strip():
        entry["person"] = person_url(base, minutes, voter.name, fallback)
    return entry


def item_people(item: Item, minutes: Minutes, base: str, fallback: str | None = None) -> dict:
    """The AgendaItem's extension keys (and ``result`` where the outcomes settle it)."""
    out: dict = {}
    votes = []
    for v in item.votes:
        entry: dict = {}
        _put(entry, P + "text", v.text.strip())
        for key, side in (("for", v.for_), ("against", v.against), ("abstaining", v.abstaining)):
            _put(entry, P + key, [e for e in (_voter(base, minutes, x, fallback) for x in side) if e])
        counts = (("forCount", v.for_count), ("againstCount", v.against_count), ("abstainingCount", v.abstaining_count))
        for key, n in counts:
            _put(entry, P + key, n)
        _put(entry, P + "points", list(v.points))
        if entry:
            votes.append(entry)
    _put(out, P + "vote", votes)
    attendance = []
    for p in item.attendance:
        if not p.name.strip():
            continue
        entry = {"name": p.name.strip(), "status": p.status, "person": person_url(base, minutes, p.name, fallback)}
        _put(entry, "party", p.party)
        _put(entry, "reason", p.reason)
        if p.agreed is not None:
            entry["agreed"] = p.agreed
        attendance.append(entry)
    _put(out, P + "attendance", attendance)
    outcomes = []
    for o in item.outcomes:
        entry = {"points": o.points}
        _put(entry, "text", o.text.strip())
        _put(entry, "label", o.label)
        _put(entry, "result", o.result)
        outcomes.append(entry)
    _put(out, P + "outcome", outcomes)
    history = []
    for e in item.history:
        entry: dict = {}
        _put(entry, "text", e.text.strip())
        _put(entry, "body", e.body)
        _put(entry, "date", e.date.isoformat() if e.date else None)
        if entry:
            history.append(entry)
    _put(out, P + "history", history)
    results = {o.result for o in item.outcomes}
    if len(item.outcomes) == 1 and len(results) == 1 and None not in results:
        out["result"] = RESULT_WORDS.get(results.pop())
    return {k: v for k, v in out.items() if v is not None}


def persons(minutes: Minutes, base: str, organization_url: str, stamp: str, fallback: str | None = None) -> list[dict]:
    """OParl Person objects for the meeting's participants, each with embedded Memberships in
    the meeting's body and in their party."""
    out = []
    seen = set()
    for person in minutes.meeting.participants:
        url = person_url(base, minutes, person.name, fallback)
        if not person.name.strip() or url in seen:
            continue  # one name, one Person: the minutes cannot tell two people of one name apart
        seen.add(url)
        p = _obj("Person", url, stamp)
        p["name"] = person.name.strip()
        memberships = []
        body = _obj("Membership", f"{url}/membership/{organization_url.rsplit('/', 1)[-1]}", stamp)
        body.update({"person": url, "organization": organization_url})
        _put(body, "role", person.role)
        memberships.append(body)
        if person.party:
            party = _obj("Membership", f"{url}/membership/parti-{slug(person.party)}", stamp)
            party.update({"person": url, "organization": party_url(base, minutes, person.party, fallback)})
            memberships.append(party)
        p["membership"] = memberships
        out.append(p)
    return out


def parties(minutes: Minutes, base: str, body_url: str, stamp: str, fallback: str | None = None) -> list[dict]:
    """Party Organizations ("Partei") of everyone the minutes name with a party letter."""
    letters = {p.party for p in minutes.meeting.participants if p.party}
    for item in minutes.items:
        letters |= {x.party for v in item.votes for x in (*v.for_, *v.against, *v.abstaining) if x.party}
        letters |= {p.party for p in item.attendance if p.party}
    letters = {letter.strip() for letter in letters if letter.strip()}
    out: dict[str, dict] = {}
    for letter in sorted(letters):
        url = party_url(base, minutes, letter, fallback)
        if url not in out:  # letters that differ only in what a URL cannot hold are one party
            out[url] = _obj("Organization", url, stamp)
            out[url].update({"body": body_url, "name": letter, "organizationType": "Partei"})
    return list(out.values())


def participant_urls(minutes: Minutes, base: str, fallback: str | None = None) -> list[str]:
    """Meeting.participant: the persons present (absent ones are in ``referat:participant``)."""
    present = [p for p in minutes.meeting.participants if p.name.strip() and not p.absent]
    return list(dict.fromkeys(person_url(base, minutes, p.name, fallback) for p in present))
