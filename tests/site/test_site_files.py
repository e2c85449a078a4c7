"""The web archive as files: every internal link resolves, the feeds parse, the static OParl API
validates object by object and walks from the System to every meeting, and a rebuild writes only
what changed."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

from lxml import etree

import convert
from convert import site as website
from convert.site import api
from convert.site.collect import item_key
from convert.writers._opendata import slug
from tests.site.conftest import BASE_URL, INPUTS
from tests.writers.test_oparl import check_document


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.lang = None
        self.h1 = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "h1":
            self.h1 += 1
        for name in ("href", "src"):
            if a.get(name):
                self.links.append(a[name])


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "pagefind" not in p.relative_to(site).parts)


def test_every_internal_link_resolves(built):
    pages = _pages(built)
    assert len(pages) > 40
    broken = []
    for page in pages:
        parser = Links()
        parser.feed(page.read_text(encoding="utf-8"))
        assert parser.lang == "da" and parser.h1 == 1, page
        for link in parser.links:
            if urlsplit(link).scheme:
                continue
            if link.startswith("#"):
                assert f'id="{link[1:]}"' in page.read_text(encoding="utf-8"), (page, link)
                continue
            target = (page.parent / urldefrag(link)[0]).resolve()
            if not target.is_file():
                broken.append(f"{page.relative_to(built)} -> {link}")
    assert not broken, broken[:10]


def test_every_meeting_item_and_download_has_its_page(built, converted):
    manifest = json.loads((converted / "manifest.json").read_text())
    meetings = list((built / "moeder").glob("*/*/index.html"))
    assert len(meetings) == len(manifest["inputs"])
    items = sum(e["items"] for e in manifest["inputs"])
    assert len(list((built / "moeder").glob("*/*/punkt-*.html"))) == items
    downloads = {p.name for p in (built / "filer").rglob("*") if p.is_file()}
    for entry in manifest["inputs"]:
        assert {Path(o).name for o in entry["outputs"]} <= downloads


def test_feeds_parse(built, converted):
    feed = etree.fromstring((built / "feed.xml").read_bytes())
    entries = feed.findall("{http://www.w3.org/2005/Atom}entry")
    assert len(entries) == len(INPUTS)
    assert all(e.findtext("{http://www.w3.org/2005/Atom}id").startswith(BASE_URL) for e in entries)
    ics = (built / "moeder.ics").read_bytes().decode("utf-8")
    assert ics.count("BEGIN:VEVENT") == len(INPUTS) and ics.endswith("END:VCALENDAR\r\n")
    assert all(len(line.encode()) <= 75 for line in ics.split("\r\n"))


def _fetch(site: Path, url: str) -> dict:
    assert url.startswith(BASE_URL + "/"), url
    return json.loads((site / url[len(BASE_URL) + 1 :]).read_text(encoding="utf-8"))


def _walk_list(site: Path, url: str) -> list[dict]:
    out, seen = [], set()
    while url:
        assert url not in seen
        seen.add(url)
        page = _fetch(site, url)
        assert page["pagination"]["totalElements"] >= len(page["data"])
        out += page["data"]
        url = page["links"].get("next")
    return out


def test_static_oparl_walks_from_system_to_every_meeting(built, monkeypatch):
    system = _fetch(built, f"{BASE_URL}/oparl/v1/system.json")
    check_document(system, BASE_URL)
    bodies = _walk_list(built, system["body"])
    assert [b["name"] for b in bodies] == ["Eksempel Kommune"] or len(bodies) >= 1
    meetings = []
    for body in bodies:
        assert _fetch(built, body["id"]) == body
        meetings += _walk_list(built, body["meeting"])
        for kind in ("organization", "person", "paper"):
            _walk_list(built, body[kind])
    assert len(meetings) == len(INPUTS)
    for meeting in meetings:
        own = _fetch(built, meeting["id"])
        check_document(own, BASE_URL)
        for item in own.get("agendaItem", []):
            assert _fetch(built, item["id"])["name"] == item["name"]


def test_every_api_file_validates(built):
    files = list((built / "oparl").rglob("*.json"))
    assert len(files) > 50
    for path in files:
        doc = json.loads(path.read_text(encoding="utf-8"))
        if "data" in doc:
            for obj in doc["data"]:
                check_document(obj, BASE_URL)
        else:
            check_document(doc, BASE_URL)
    assert all(re.search(r"\.json$", str(p)) for p in files)


def test_lists_are_paginated(monkeypatch, converted, tmp_path):
    monkeypatch.setattr(api, "PAGE_SIZE", 1)
    website.build(converted, tmp_path, "Eksempel Kommune", BASE_URL, with_search=False)
    system = _fetch(tmp_path, f"{BASE_URL}/oparl/v1/system.json")
    body = _walk_list(tmp_path, system["body"])[0]
    first = _fetch(tmp_path, body["meeting"])
    assert first["pagination"]["totalPages"] == len(INPUTS)
    assert "next" in first["links"] and "prev" not in first["links"]
    assert len(_walk_list(tmp_path, body["meeting"])) == len(INPUTS)


def test_an_unchanged_rebuild_keeps_the_search_index(built, converted):
    again = website.build(converted, built, "Eksempel Kommune", BASE_URL)
    assert again.pages_written == 0 and again.search == "search index unchanged"


def test_rebuild_writes_only_what_changed(converted, tmp_path):
    site = tmp_path / "site"
    first = website.build(converted, site, "Eksempel Kommune", BASE_URL, with_search=False)
    again = website.build(converted, site, "Eksempel Kommune", BASE_URL, with_search=False)
    assert first.pages_written > 100 and again.pages_written == 0 and again.removed == 0
    # one meeting fewer: its pages go, the lists that named it change, nothing else
    partial = tmp_path / "partial"
    shutil.copytree(converted, partial)
    manifest = json.loads((partial / "manifest.json").read_text())
    manifest["inputs"] = manifest["inputs"][1:]
    (partial / "manifest.json").write_text(json.dumps(manifest))
    less = website.build(partial, site, "Eksempel Kommune", BASE_URL, with_search=False)
    assert less.meetings == len(INPUTS) - 1 and less.removed > 0 and less.pages_written < first.pages_written / 4


def test_a_crafted_manifest_publishes_nothing_from_outside_out(converted, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(converted, out)
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the public")
    manifest = json.loads((out / "manifest.json").read_text())
    manifest["inputs"][0]["outputs"].append("../secret.txt")
    (out / "manifest.json").write_text(json.dumps(manifest))
    site = tmp_path / "site"
    website.build(out, site, with_search=False)
    assert not [p for p in site.rglob("secret.txt")]


def test_votes_are_shown_on_the_item_and_the_voters_page(built):
    from tests.site.conftest import GREVE_VOTES

    minutes = convert.read(GREVE_VOTES)
    order, item = next((n, i) for n, i in enumerate(minutes.items, 1) if any(v.for_ for v in i.votes))
    page = next(built.glob(f"moeder/*/{minutes.meeting.date.isoformat()}/{item_key(item, order)}.html"))
    html = page.read_text(encoding="utf-8")
    assert "<h2>Afstemning</h2>" in html
    named = next(v.name for vote in item.votes for v in vote.for_ + vote.against + vote.abstaining if v.name)
    person = (built / "personer" / f"{slug(named)}.html").read_text(encoding="utf-8")
    assert page.name in person and "Stemmer ved navn" in person


def test_a_wrong_folder_is_one_clear_line(tmp_path, converted):
    import pytest

    from convert.errors import ReferatError

    (tmp_path / "empty").mkdir()
    for out, site, says in ((tmp_path / "missing", tmp_path / "site", "no such folder"),
                            (tmp_path / "empty", tmp_path / "site", "no manifest.json"),
                            (converted, converted / "site", "must not be inside")):
        with pytest.raises(ReferatError, match=says):
            website.build(out, site, with_search=False)


def test_a_vote_on_some_points_names_them_on_the_item_page(tmp_path):
    from convert import archive
    from tests.site.conftest import CORPUS

    meeting = CORPUS / "greve" / "greve_oekonomiudvalget_2022-06-13_3e57a83f.json"
    sub_points = CORPUS / "greve" / "greve_plan-og-tryghedsudvalget_2024-10-08_0104ae1d.json"
    assert archive.run([str(meeting), str(sub_points)], ["xml"], tmp_path / "out", jobs=1).ok
    website.build(tmp_path / "out", tmp_path / "site", with_search=False)
    pages = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "site" / "moeder").rglob("*.html"))
    assert "<caption><strong>Punkt 1, 2:</strong> Brigitte Klintskov Jerkel (C) stemte imod" in pages
    assert "<caption><strong>Punkt 2:</strong> John T. Olsen (A)" in pages
    # votes on sub-points b and d of point 1, by the labels printed
    assert "<caption><strong>Punkt 1. b):</strong> (Ø) stemmer imod pkt. 1. b)</caption>" in pages
    assert "<caption><strong>Punkt 1. d):</strong> (Ø) stemmer imod pkt. 1. d)</caption>" in pages


def test_a_meetings_facts_read_as_words(built):
    # Search excerpts and a flattened reading join the text of adjacent tags as it stands: a term
    # and its value must be apart ("Sted Mødecenter", not "StedMødecenter").
    from lxml import html

    for page in built.glob("moeder/*/*/index.html"):
        facts = html.parse(str(page)).find(".//dl")
        if facts is None:
            continue
        text = facts.text_content()
        for term in facts.iter("dt"):
            value = term.getnext()
            assert f"{term.text_content()}{value.text_content()}" not in text, (page, text)
