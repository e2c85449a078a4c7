"""The incremental rebuild keeps the cache honest: after a meeting is added, changed or deleted, or
the municipality changes, the site a rebuild leaves is byte for byte the site a full build makes
into an empty folder -- pages, feeds, the OParl API, the build state and the search bundles -- and
the rebuild read and rendered only the meetings that changed."""

from __future__ import annotations

import datetime
import json
import shutil
from pathlib import Path

import pytest

import convert
from convert import canonical
from convert import site as website
from convert.site import state
from tests.site.conftest import BASE_URL

MUNICIPALITY = "Eksempel Kommune"


def _tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _same_as_full_build(out: Path, site: Path, fresh: Path, municipality=MUNICIPALITY, with_search=False):
    website.build(out, fresh, municipality, BASE_URL, with_search=with_search)
    built, full = _tree(site), _tree(fresh)
    assert sorted(built) == sorted(full)
    assert [name for name in full if built[name] != full[name]] == []


@pytest.fixture
def out(converted, tmp_path) -> Path:
    copy = tmp_path / "out"
    shutil.copytree(converted, copy)
    return copy


def _manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text())


def _write_manifest(out: Path, manifest: dict) -> None:
    (out / "manifest.json").write_text(json.dumps(manifest))


def test_adding_a_meeting(out, tmp_path):
    manifest = _manifest(out)
    _write_manifest(out, {**manifest, "inputs": manifest["inputs"][:-1]})
    site = tmp_path / "site"
    first = website.build(out, site, MUNICIPALITY, BASE_URL, with_search=False)
    _write_manifest(out, manifest)
    again = website.build(out, site, MUNICIPALITY, BASE_URL, with_search=False)
    assert again.meetings == first.meetings + 1 and again.rendered == 1
    _same_as_full_build(out, site, tmp_path / "fresh")


def test_changing_a_meeting(out, tmp_path):
    site = tmp_path / "site"
    website.build(out, site, MUNICIPALITY, BASE_URL, with_search=False)
    entry = _manifest(out)["inputs"][0]
    xml = out / next(o for o in entry["outputs"] if o.endswith(".xml") and not o.endswith(".akn.xml"))
    minutes = canonical.from_bytes(xml.read_bytes(), str(xml))
    minutes.items[0].title = "Nyt punkt om cykelstier"
    minutes.meeting.participants = minutes.meeting.participants[1:]
    convert.write(minutes, "xml", xml)
    again = website.build(out, site, MUNICIPALITY, BASE_URL, with_search=False)
    assert again.rendered == 1
    assert "Nyt punkt om cykelstier" in (site / "feed.xml").read_text(encoding="utf-8")
    _same_as_full_build(out, site, tmp_path / "fresh")


def test_deleting_a_meeting(out, tmp_path):
    site = tmp_path / "site"
    first = website.build(out, site, MUNICIPALITY, BASE_URL, with_search=False)
    manifest = _manifest(out)
    _write_manifest(out, {**manifest, "inputs": manifest["inputs"][1:]})
    again = website.build(out, site, MUNICIPALITY, BASE_URL, with_search=False)
    assert again.rendered == 0 and again.removed > 0 and again.meetings == first.meetings - 1
    _same_as_full_build(out, site, tmp_path / "fresh")


def test_changing_the_municipality(out, tmp_path):
    site = tmp_path / "site"
    website.build(out, site, MUNICIPALITY, BASE_URL, with_search=False)
    again = website.build(out, site, "Anden Kommune", BASE_URL, with_search=False)
    assert again.rendered == again.meetings
    _same_as_full_build(out, site, tmp_path / "fresh", municipality="Anden Kommune")


def test_a_lost_page_is_made_again(out, tmp_path):
    site = tmp_path / "site"
    website.build(out, site, MUNICIPALITY, BASE_URL, with_search=False)
    lost = sorted(site.glob("moeder/*/*/punkt-*.html"))[0]
    lost.unlink()
    again = website.build(out, site, MUNICIPALITY, BASE_URL, with_search=False)
    assert lost.is_file() and again.rendered == 1
    _same_as_full_build(out, site, tmp_path / "fresh")


def test_a_damaged_state_means_a_full_build(out, tmp_path):
    site = tmp_path / "site"
    website.build(out, site, MUNICIPALITY, BASE_URL, with_search=False)
    (site / state.NAME).write_text("{not json")
    again = website.build(out, site, MUNICIPALITY, BASE_URL, with_search=False)
    assert again.rendered == again.meetings
    _same_as_full_build(out, site, tmp_path / "fresh")


def test_a_new_meeting_reindexes_its_search_bundle_only(out, tmp_path):
    manifest = _manifest(out)
    _write_manifest(out, {**manifest, "inputs": manifest["inputs"][:-1]})
    site = tmp_path / "site"
    first = website.build(out, site, MUNICIPALITY, BASE_URL)
    assert first.search.startswith("search index built")
    _write_manifest(out, manifest)
    again = website.build(out, site, MUNICIPALITY, BASE_URL)
    bundles = int(again.search.split(" of ")[1].split()[0])
    assert bundles > 2 and "(Pagefind: 1 of" in again.search, again.search
    _same_as_full_build(out, site, tmp_path / "fresh", with_search=True)


def test_a_meeting_whose_voters_another_meeting_names(out, tmp_path):
    """Meeting A names its voters but lists no participants; meeting B lists them. A's OParl items
    link the voters' Person objects only while B is in the archive, so A depends on B: deleting B
    must rewrite A's JSON, though A did not change."""
    manifest = _manifest(out)
    entry = next(e for e in manifest["inputs"] if "greve" in e["path"])
    xml = out / next(o for o in entry["outputs"] if o.endswith(".xml") and not o.endswith(".akn.xml"))
    minutes = canonical.from_bytes(xml.read_bytes(), str(xml))
    assert any(v.for_ for item in minutes.items for v in item.votes) and minutes.meeting.participants
    convert.write(minutes, "xml", out / "b.xml")
    minutes.meeting.participants = []
    convert.write(minutes, "xml", xml)
    later = canonical.from_bytes((out / "b.xml").read_bytes(), "b.xml")
    later.meeting.date += datetime.timedelta(days=1)
    convert.write(later, "xml", out / "b.xml")
    _write_manifest(out, {**manifest, "inputs": [*manifest["inputs"], {**entry, "path": "b", "outputs": ["b.xml"]}]})
    site = tmp_path / "site"
    website.build(out, site, MUNICIPALITY, BASE_URL, with_search=False)
    _write_manifest(out, manifest)
    again = website.build(out, site, MUNICIPALITY, BASE_URL, with_search=False)
    assert again.rendered == 1  # A, for its links; B is gone
    _same_as_full_build(out, site, tmp_path / "fresh")


def test_a_stopped_build_leaves_nothing_behind(out, tmp_path, monkeypatch):
    # A build stopped after it wrote a new meeting's pages (Ctrl-C) did not record them; when that
    # meeting is gone before the next build, its pages must go too.
    manifest = _manifest(out)
    _write_manifest(out, {**manifest, "inputs": manifest["inputs"][:-1]})
    site = tmp_path / "site"
    website.build(out, site, MUNICIPALITY, BASE_URL, with_search=False)
    _write_manifest(out, manifest)

    def stop(*args):
        raise KeyboardInterrupt

    with monkeypatch.context() as patched:
        patched.setattr(website.feeds, "atom", stop)
        with pytest.raises(KeyboardInterrupt):
            website.build(out, site, MUNICIPALITY, BASE_URL, with_search=False)
    _write_manifest(out, {**manifest, "inputs": manifest["inputs"][:-1]})
    again = website.build(out, site, MUNICIPALITY, BASE_URL, with_search=False)
    assert again.removed > 0 and not (site / state.BUILDING).exists()
    _same_as_full_build(out, site, tmp_path / "fresh")
