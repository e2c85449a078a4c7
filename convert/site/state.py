"""The build state kept in the site (``.referat-site.json``): per canonical XML what it was (size,
time, inode), its summary for the listing pages, its part of the OParl API and the files it made,
and the search bundles with what they index. With it a rebuild reads, renders and indexes only
meetings that changed.

Everything a page depends on beyond one meeting is hashed into ``settings``: the referat version,
the site's code, templates, the OParl writer, the municipality and the base URL. When that changes,
the state is void and every page is rendered again, so the cache can never keep a page a full
build would write differently."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import convert
from convert.archive.output import atomic_write
from convert.resources import resource

NAME = ".referat-site.json"
# Present while a build runs: a build stopped half-way has written files its state does not list.
BUILDING = ".referat-site.building"
VERSION = 1


def _code() -> list[Path]:
    here = Path(__file__).parent
    writers = Path(convert.__file__).parent / "writers"
    files = [*here.glob("*.py"), *writers.glob("oparl.py"), *writers.glob("_o*.py"), *writers.glob("_plaintext.py")]
    return sorted(files) + sorted(p for p in resource("templates/site").rglob("*") if p.is_file())


def settings(municipality: str | None, base_url: str) -> str:
    digest = hashlib.sha256(json.dumps([VERSION, convert.__version__, municipality, base_url]).encode())
    for path in _code():
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def fingerprint(*parts) -> str:
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str).encode()).hexdigest()


def load(site: Path, key: str) -> dict | None:
    """The last build's state, or None when there is none or it was made with other settings."""
    try:
        state = json.loads((site / NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(state, dict) or state.get("settings") != key:
        return None
    return state


def begin(site: Path) -> bool:
    """Mark a build as running; whether the last one stopped before it finished."""
    marker = site / BUILDING
    stopped = marker.exists()
    marker.touch()
    return stopped


def end(site: Path) -> None:
    (site / BUILDING).unlink(missing_ok=True)


def previous_files(site: Path) -> set[str] | None:
    """Every file the last build made, whatever its settings (to remove what this one does not);
    None when that is not known."""
    try:
        state = json.loads((site / NAME).read_text(encoding="utf-8"))
        return set(state["files"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def save(site: Path, state: dict) -> None:
    data = json.dumps(state, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    atomic_write(site / NAME, lambda tmp: Path(tmp).write_bytes(data))
