"""Writing the site's files: only what changed is written, so an incremental rebuild after one new
meeting touches few files, and each file appears whole (temporary name, then rename)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from convert.archive.output import atomic_write


class Writer:
    def __init__(self, site: Path):
        self.site = site
        self.written = 0
        self.kept = 0
        self.pages_changed = 0  # HTML pages written or removed: what the search index must see
        self.paths: set[Path] = set()

    def text(self, relative: str, content: str) -> None:
        self.bytes(relative, content.encode("utf-8"))

    def bytes(self, relative: str, data: bytes) -> None:
        path = self.site / relative
        self.paths.add(path)
        try:
            if path.read_bytes() == data:
                self.kept += 1
                return
        except OSError:
            pass
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, lambda tmp: Path(tmp).write_bytes(data))
        self.written += 1
        self.pages_changed += path.suffix == ".html"

    def copy(self, relative: str, source: Path) -> None:
        """A download: linked where the file system allows (no second copy of a whole archive)."""
        path = self.site / relative
        self.paths.add(path)
        st = source.stat()
        try:
            have = path.stat()
            if have.st_size == st.st_size and have.st_mtime_ns >= st.st_mtime_ns:
                self.kept += 1
                return
        except OSError:
            pass
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.part")
        try:
            tmp.unlink(missing_ok=True)
            try:
                os.link(source, tmp)
            except OSError:
                shutil.copy2(source, tmp)
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
        self.written += 1

    def prune(self, keep_under: tuple[str, ...] = ("pagefind",)) -> int:
        """Remove pages of meetings that are gone from the archive (never the search index)."""
        removed = 0
        for path in self.site.rglob("*"):
            rel = path.relative_to(self.site)
            if path.is_file() and path not in self.paths and rel.parts[0] not in keep_under:
                path.unlink()
                removed += 1
                self.pages_changed += path.suffix == ".html"
        return removed
