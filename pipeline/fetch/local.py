"""Reading local files and snapshots into Fetched records."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

from .. import mediatype
from ..errors import FetchError, TooLargeError
from ..settings import Settings
from ..types import Fetched, Source


def now_iso(timespec: str = "seconds") -> str:
    """The current UTC time in ISO 8601 with a Z ("2026-11-23T10:57:05Z"); ``timespec`` as in isoformat."""
    return datetime.now(UTC).isoformat(timespec=timespec).replace("+00:00", "Z")


def read_file(path: Path, settings: Settings | None = None, *, url: str | None = None,
              media_type: str | None = None, source_id: str | None = None) -> Fetched:
    """Read a local file; the media type comes from ``media_type``, else sniffing and the file name."""
    cap = (settings or Settings()).max_bytes
    try:
        size = path.stat().st_size
        if size > cap:
            raise TooLargeError(f"{path}: file is {size} bytes, over the cap of {cap} bytes",
                                hint="raise max_bytes in naravard.toml if the file is genuine", subject=str(path))
        content = path.read_bytes()
    except FileNotFoundError as exc:
        raise FetchError(f"{path}: file not found", hint="check the path", subject=str(path)) from exc
    except IsADirectoryError as exc:
        raise FetchError(f"{path}: is a directory, not a file", subject=str(path)) from exc
    except OSError as exc:
        raise FetchError(f"{path}: cannot read: {exc.strerror or exc}", subject=str(path)) from exc
    media = mediatype.decide(content, header=media_type, name=path.name)
    return Fetched(
        url=url or path.resolve().as_uri(),
        content=content,
        media_type=media,
        sha256=hashlib.sha256(content).hexdigest(),
        retrieved=now_iso(),
        source_id=source_id,
        from_snapshot=url is not None,
        path=path,
    )


def read_snapshot(source: Source, settings: Settings | None = None) -> Fetched:
    """The local snapshot of a catalogue source, labelled with the source's URL."""
    if source.snapshot is None:
        raise FetchError(f"{source.url}: source {source.id!r} has no local snapshot and we are offline",
                         hint="run without --offline, or add `snapshot = ...` to its catalogue entry",
                         subject=source.url)
    return read_file(source.snapshot, settings, url=source.url, media_type=mediatype.BY_KIND.get(source.kind),
                     source_id=source.id)
