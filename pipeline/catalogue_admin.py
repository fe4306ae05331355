"""Catalogue maintenance: list the sources with their last ingest, add one, check them all.

``add_source`` writes one ``sources/<id>.toml`` per source (or appends a ``[[source]]`` table when
the catalogue is a single file) and validates the result with :func:`pipeline.catalogue.load_catalogue`,
so a bad entry is refused before it can break the next ingest.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from . import iri, mediatype
from .catalogue import KINDS, load_catalogue
from .errors import CatalogueError, NaravardError
from .history import History
from .settings import Settings
from .types import Source


@dataclass(frozen=True, slots=True)
class SourceListing:
    source: Source
    status: str | None = None  # outcome of the last run that handled it (None: never ingested)
    last_run: str | None = None
    concepts: int = 0
    error: str | None = None


@dataclass(frozen=True, slots=True)
class SourceCheck:
    source_id: str
    url: str
    ok: bool
    status: int | None = None  # HTTP status (None when not asked)
    detail: str = ""
    problems: tuple[str, ...] = field(default_factory=tuple)


def list_sources(settings: Settings) -> list[SourceListing]:
    """Every catalogue source with what the last run did with it."""
    states = History(settings).states()
    out = []
    for source in load_catalogue(settings.sources):
        state = states.get(source.id)
        if state is None:
            out.append(SourceListing(source))
            continue
        out.append(SourceListing(source, state.status, state.last_run, sum(state.counts.values()), state.error))
    return out


def id_from_url(url: str) -> str:
    """A readable id from a URL: 'https://www.regionhalland.se/vard/nara-vard/' -> 'regionhalland-vard-nara-vard'."""
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.").rsplit(".", 1)[0]
    path = [p.rsplit(".", 1)[0] for p in parts.path.split("/") if p]
    return iri.slug(" ".join([host, *path[-3:]]), 80)


def add_source(settings: Settings, url: str, *, publisher: str, kind: str, region: str | None = None,
               source_id: str | None = None, title: str | None = None, language: str = "sv",
               follow_pdfs: bool = False) -> Path:
    """Add a source to the catalogue; returns the file written. Raises CatalogueError on a bad or duplicate entry."""
    existing = load_catalogue(settings.sources) if settings.sources.exists() else []
    parts = urlsplit(url)
    if any(ch.isspace() for ch in url) or parts.scheme not in ("http", "https") or not parts.hostname:
        raise CatalogueError(f"{url!r}: not a valid http(s) URL", subject=url,
                             hint="give the full address, e.g. https://www.regionhalland.se/nara-vard/")
    source_id = source_id or id_from_url(url)
    if kind not in KINDS:
        raise CatalogueError(f"{url}: unknown kind {kind!r}", hint=f"kind must be one of {', '.join(KINDS)}",
                             subject=url)
    for other in existing:
        if other.id == source_id:
            raise CatalogueError(f"{other.catalogue_file}: a source with id {source_id!r} already exists",
                                 hint="choose another id with --id", subject=str(other.catalogue_file))
        if other.url == url:
            raise CatalogueError(f"{other.catalogue_file}: {url} is already in the catalogue as {other.id!r}",
                                 subject=url)
    entry = {"id": source_id, "url": url, "publisher": publisher, "kind": kind, "language": language,
             "region": region, "title": title, "follow_pdfs": follow_pdfs or None}
    text = "".join(f"{key} = {_toml(value)}\n" for key, value in entry.items() if value is not None)
    if settings.sources.is_file():
        path, before = settings.sources, settings.sources.read_text(encoding="utf-8")
        _write(path, before.rstrip("\n") + "\n\n[[source]]\n" + text)
    else:
        path, before = settings.sources / f"{source_id}.toml", None
        settings.sources.mkdir(parents=True, exist_ok=True)
        _write(path, text)
    try:
        load_catalogue(settings.sources)
    except CatalogueError:
        if before is None:
            path.unlink()
        else:
            _write(path, before)
        raise
    return path


def _toml(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(str(value), ensure_ascii=False)  # a JSON string is a valid TOML basic string


def _write(path: Path, text: str) -> None:
    from .fetch.cache import atomic_write

    atomic_write(path, text.encode("utf-8"))


def check_sources(settings: Settings) -> list[SourceCheck]:
    """Validate the catalogue (raises CatalogueError) and check each source: its snapshot, and unless
    offline whether its URL answers (robots.txt and the address rules respected)."""
    sources = load_catalogue(settings.sources)
    client = None
    if not settings.offline:
        from .fetch import open_client

        client = open_client(settings)
    try:
        return [_check(source, settings, client) for source in sources]
    finally:
        if client is not None:
            client.close()


def _check(source: Source, settings: Settings, client) -> SourceCheck:
    problems: list[str] = []
    if source.snapshot is not None:
        if not source.snapshot.is_file():
            problems.append(f"snapshot {source.snapshot} is missing")
        else:
            with open(source.snapshot, "rb") as f:
                head = f.read(4096)
            sniffed = mediatype.sniff(head) or mediatype.from_name(source.snapshot.name) or mediatype.TEXT
            if sniffed != mediatype.BY_KIND[source.kind]:
                problems.append(f"snapshot {source.snapshot.name} looks like {sniffed}, not {source.kind}")
    if client is None:
        ok = not problems
        return SourceCheck(source.id, source.url, ok, None, "snapshot ok" if ok else "; ".join(problems),
                           tuple(problems))
    try:
        response = client.request(source.url, body=False)
    except NaravardError as exc:
        problems.append(str(exc))
        return SourceCheck(source.id, source.url, False, None, str(exc), tuple(problems))
    detail = f"HTTP {response.status}"
    if response.redirects:
        detail += f", redirected to {response.final_url}"
    if response.content_type:
        detail += f", {mediatype.from_header(response.content_type)[0]}"
    if response.status >= 400:
        problems.append(f"{source.url}: HTTP {response.status}")
    return SourceCheck(source.id, source.url, not problems, response.status, "; ".join([detail, *problems]),
                       tuple(problems))
