"""The raw snapshot cache: every fetched byte string kept on disk, with the headers it came with.

    output/snapshots/ab/ab12…ef        the bytes, named by their SHA-256 (every version is kept)
    output/cache/http/<url-digest>.json what the server said last time for a URL: ETag, Last-Modified,
                                        media type, charset, final URL, redirects, and the snapshot's hash

The next request for the URL is conditional (``If-None-Match`` / ``If-Modified-Since``); a ``304 Not
Modified`` answer is served from the snapshot here, with ``status=304``. Files are written to a
temporary name and renamed, so a run killed mid-write never leaves a half-written entry.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from ..types import Fetched


@dataclass(frozen=True, slots=True)
class CacheEntry:
    """What was last fetched for one URL."""

    url: str
    sha256: str
    media_type: str
    retrieved: str
    final_url: str | None = None
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    redirects: tuple[str, ...] = ()


def atomic_write(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never a mix.

    ``durable`` also waits until the bytes are on disk (fsync), for files that must survive a power
    loss; a file that can be rebuilt (e.g. ingest state) skips it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            if durable:
                os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


class SnapshotCache:
    """Content-addressed snapshots plus a per-URL index of response headers, under ``root``."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.blobs = self.root / "snapshots"
        self.index = self.root / "cache" / "http"

    # snapshots -----------------------------------------------------------------------------------
    def blob_path(self, sha256: str) -> Path:
        return self.blobs / sha256[:2] / sha256

    def keep(self, content: bytes, sha256: str | None = None) -> str:
        """Store ``content`` (once per distinct content) and return its SHA-256."""
        sha = sha256 or hashlib.sha256(content).hexdigest()
        path = self.blob_path(sha)
        if not path.exists():
            atomic_write(path, content)
        return sha

    def read(self, sha256: str) -> bytes | None:
        try:
            return self.blob_path(sha256).read_bytes()
        except OSError:
            return None

    # per-URL index -------------------------------------------------------------------------------
    def _entry_path(self, url: str) -> Path:
        return self.index / (hashlib.sha256(url.encode("utf-8")).hexdigest()[:32] + ".json")

    def lookup(self, url: str) -> CacheEntry | None:
        """The last entry for ``url`` whose snapshot is still on disk, or None."""
        try:
            data = json.loads(self._entry_path(url).read_text(encoding="utf-8"))
            entry = CacheEntry(**{**data, "redirects": tuple(data.get("redirects", ()))})
        except (OSError, ValueError, TypeError):
            return None
        if entry.url != url or not self.blob_path(entry.sha256).is_file():
            return None
        return entry

    def conditional_headers(self, url: str) -> dict[str, str]:
        """Headers that make the next request for ``url`` conditional on the cached copy."""
        entry = self.lookup(url)
        headers: dict[str, str] = {}
        if entry is not None:
            if entry.etag:
                headers["If-None-Match"] = entry.etag
            if entry.last_modified:
                headers["If-Modified-Since"] = entry.last_modified
        return headers

    def remember(self, fetched: Fetched) -> None:
        """Keep the bytes of ``fetched`` and index them under its URL."""
        self.keep(fetched.content, fetched.sha256)
        entry = CacheEntry(
            url=fetched.url, sha256=fetched.sha256, media_type=fetched.media_type, retrieved=fetched.retrieved,
            final_url=fetched.final_url, charset=fetched.charset, etag=fetched.etag,
            last_modified=fetched.last_modified, redirects=tuple(fetched.redirects),
        )
        data = json.dumps(asdict(entry), ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
        atomic_write(self._entry_path(fetched.url), data)

    def not_modified(self, url: str, retrieved: str, *, etag: str | None = None,
                     last_modified: str | None = None, source_id: str | None = None) -> Fetched | None:
        """The cached Fetched for ``url`` after a 304 answer (status 304), or None if nothing is cached."""
        entry = self.lookup(url)
        content = self.read(entry.sha256) if entry else None
        if entry is None or content is None:
            return None
        fetched = Fetched(
            url=url, content=content, media_type=entry.media_type, sha256=entry.sha256, retrieved=retrieved,
            source_id=source_id, charset=entry.charset, etag=etag or entry.etag,
            last_modified=last_modified or entry.last_modified, status=304, final_url=entry.final_url,
            redirects=entry.redirects,
        )
        if (etag and etag != entry.etag) or (last_modified and last_modified != entry.last_modified):
            self.remember(replace(fetched, status=200))
        return fetched
