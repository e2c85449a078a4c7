"""Full-text search for the static site with Pagefind (https://pagefind.app/, MIT): indexes of the
pages' ``data-pagefind-body`` content, searched in the browser. The PyPI package ``pagefind`` with
its ``bin`` extra brings the binary; Danish stemming follows the pages' ``lang="da"``.

Pagefind has no incremental mode: it indexes whatever it is given whole. So the index is split in
bundles: the meetings of one month each (``pagefind-moeder/2024-05/``), and a small primary bundle
(``pagefind/``, the committees by name) that the search page loads and merges the others into
(Pagefind's ``mergeIndex``). A new meeting re-indexes its month only. A bundle's signature is the
fingerprints of its meetings' pages; a bundle is indexed again when it changes."""

from __future__ import annotations

import asyncio
import importlib.util
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from convert.errors import ReferatError
from convert.site.collect import Archive, Meeting
from convert.site.files import SEARCH_FOLDERS
from convert.site.state import fingerprint

PRIMARY, BUNDLES = SEARCH_FOLDERS
KEEP = {"pagefind-entry.json", "pagefind-worker.js"}  # what a merged bundle needs beside pagefind.js


def bundle(m: Meeting) -> str:
    date = m.summary.date
    return f"{date.year}-{date.month:02d}" if date else "udateret"


def plan(archive: Archive, entries: dict[str, dict], site_name: str) -> dict[str, tuple[str, str]]:
    """Every bundle: its signature and the pages it indexes (a Pagefind glob)."""
    groups: dict[str, list[Meeting]] = {}
    for m in archive.meetings:
        groups.setdefault(bundle(m), []).append(m)
    out = {PRIMARY: (fingerprint(site_name, [(c.key, c.name) for c in archive.committees]), "udvalg/*/index.html")}
    for name, meetings in groups.items():
        signature = fingerprint(sorted((m.key, entries[m.xml]["fingerprint"]) for m in meetings))
        keys = [m.key for m in meetings]
        # one literal folder in front, so Pagefind walks moeder/ only, not the whole site
        out[f"{BUNDLES}/{name}"] = (signature, "moeder/" + (keys[0] if len(keys) == 1 else "{" + ",".join(keys) + "}")
                                    + "/*.html")
    return out


def update(site: Path, bundles: dict[str, tuple[str, str]], indexed: dict[str, str]) -> tuple[str, dict]:
    """Index the bundles whose signature changed, remove those no longer wanted; returns a line to
    report and the signatures now indexed."""
    if importlib.util.find_spec("pagefind") is None:
        return "search left out: install referat[site] (Pagefind) for full-text search", indexed
    todo = [b for b, (sig, _) in bundles.items() if indexed.get(b) != sig or not (site / b).is_dir()]
    if todo:
        try:
            # a thread of its own: the caller may be inside an event loop (a notebook, Playwright)
            with ThreadPoolExecutor(1) as pool:
                pool.submit(asyncio.run, _index(site, {name: bundles[name][1] for name in todo})).result()
        except ReferatError:
            raise
        except Exception as exc:  # the service's errors have no common base class
            raise ReferatError(str(site), f"Pagefind could not index the site: {exc}") from None
    folder = site / BUNDLES
    for old in folder.iterdir() if folder.is_dir() else []:
        if f"{BUNDLES}/{old.name}" not in bundles:
            shutil.rmtree(old)
    now = {name: sig for name, (sig, _) in bundles.items()}
    if not todo:
        return "search index unchanged", now
    return f"search index built (Pagefind: {len(todo)} of {len(bundles)} bundles)", now


async def _index(site: Path, todo: dict[str, str]) -> None:
    """Pagefind services (one process each, for many bundles: a process per bundle would cost more
    than indexing a month's pages), two at once when there is much to do, for two cores."""
    names = list(todo)
    await asyncio.gather(*(_service(site, {n: todo[n] for n in names[k::2]}) for k in range(min(2, len(names)))))


async def _service(site: Path, todo: dict[str, str]) -> None:
    from pagefind.service import PagefindService

    async with PagefindService() as service:
        for name, pattern in todo.items():
            output = site / name
            if output.exists():
                shutil.rmtree(output)  # Pagefind adds to a folder: stale fragments would stay
            index = await service.create_index()
            found = await index.add_directory(str(site), glob=pattern)
            if not found.get("page_count"):
                raise ReferatError(str(site), f"Pagefind found no page for {name}")
            await index.write_files(output_path=str(output))
            await index.delete_index()
            if name != PRIMARY:  # a merged bundle is read through the primary's scripts: no second copy
                for ui in output.glob("pagefind-*.*"):
                    if ui.name not in KEEP:
                        ui.unlink()
