"""Writing the site's files: only what changed is written, so an incremental rebuild after one new
meeting touches few files, and each file appears whole (temporary name, then rename)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from convert.archive.output import atomic_write

SEARCH_FOLDERS = ("pagefind", "pagefind-moeder")  # Pagefind's own; never pruned as pages


class Writer:
    def __init__(self, site: Path):
        self.site = site
        self.written = 0
        self.kept = 0
        self.produced: list[str] = []  # every file of this build, relative to the site, in order

    def text(self, relative: str, content: str) -> None:
        self.bytes(relative, content.encode("utf-8"))

    def bytes(self, relative: str, data: bytes) -> None:
        path = self.site / relative
        self.produced.append(relative)
        try:
            if path.stat().st_size == len(data) and path.read_bytes() == data:
                self.kept += 1
                return
        except OSError:
            pass
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, lambda tmp: Path(tmp).write_bytes(data))
        self.written += 1

    def keep(self, files: list[str]) -> None:
        """Files of an unchanged meeting: neither rendered nor compared, only not to be pruned."""
        self.produced += files
        self.kept += len(files)

    def copy(self, relative: str, source: Path) -> None:
        """A download: linked where the file system allows (no second copy of a whole archive)."""
        path = self.site / relative
        self.produced.append(relative)
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

    def prune(self, before: set[str] | None, keep: tuple[str, ...] = ()) -> int:
        """Remove files of the last build that this one did not make (the pages of a meeting gone
        from the archive); without a record of the last build, every file not made now, except
        the search index and ``keep``."""
        now = set(self.produced)
        if before is None:
            before = {p.relative_to(self.site).as_posix() for p in self.site.rglob("*") if p.is_file()}
            before = {p for p in before if p.split("/", 1)[0] not in SEARCH_FOLDERS and p not in keep}
        removed = 0
        for rel in sorted(before - now):
            path = self.site / rel
            if path.is_file():
                path.unlink()
                removed += 1
                _remove_empty(path.parent, self.site)
        return removed


def _remove_empty(folder: Path, top: Path) -> None:
    while folder != top and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
