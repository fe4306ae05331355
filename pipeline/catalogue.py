"""The source catalogue: one TOML file per source in ``sources/`` (or one file with ``[[source]]`` tables).

    id = "region-sormland-nara-vard"
    url = "https://regionsormland.se/vard-och-halsa/samverkan-och-utveckling/nara-vard/"
    publisher = "Region Sörmland"
    kind = "html"            # html | pdf | text
    language = "sv"
    region = "Sörmland"      # optional
    snapshot = "snapshots/000_2e63142665466fcf.html"   # optional, relative to the catalogue file
    follow_pdfs = false      # optional: follow links to PDFs on the same site (depth 1)
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from pathlib import Path

from .errors import CatalogueError
from .types import Source

KINDS = ("html", "pdf", "text")
RESERVED_IDS = ("ontology", "runs", "summary")  # graph/ontology, graph/runs and graph/summary are naravard's own
ID_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,99}$")
FIELDS = {"id", "url", "publisher", "kind", "language", "region", "title", "snapshot", "follow_pdfs"}


def catalogue_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    if path.is_dir():
        return sorted(p for p in path.glob("*.toml") if p.is_file())
    raise CatalogueError(
        f"{path}: catalogue not found",
        hint="pass --sources with a directory of .toml files, or run naravard in the project folder",
        subject=str(path),
    )


def load_catalogue(path: Path) -> list[Source]:
    """Read and validate every source of the catalogue at ``path``; raise CatalogueError on the first problem."""
    sources: list[Source] = []
    seen: dict[str, Path] = {}
    for file in catalogue_files(path):
        for entry in _entries(file):
            source = _source(entry, file)
            if source.id in seen:
                raise CatalogueError(
                    f"{file}: duplicate source id {source.id!r} (also in {seen[source.id]})",
                    hint="give every source its own id",
                    subject=str(file),
                )
            seen[source.id] = file
            sources.append(source)
    return sources


def select_sources(sources: list[Source], only: Iterable[str]) -> list[Source]:
    """The sources named in ``only`` (all of them when it is empty); CatalogueError for an unknown id."""
    wanted = list(dict.fromkeys(only))
    if not wanted:
        return sources
    known = {s.id for s in sources}
    missing = [w for w in wanted if w not in known]
    if missing:
        raise CatalogueError(f"--only {', '.join(missing)}: no such source in the catalogue",
                             hint="`naravard sources list` shows the ids", subject=", ".join(missing))
    return [s for s in sources if s.id in wanted]


def _entries(file: Path) -> list[dict]:
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise CatalogueError(f"{file}: not a readable TOML file: {exc}", subject=str(file),
                             hint="fix the TOML syntax there (quotes closed, one key = value per line)") from exc
    if "source" in data and isinstance(data["source"], list):
        return data["source"]
    return [data]


def _source(entry: dict, file: Path) -> Source:
    where = f"{file}" + (f" [{entry['id']}]" if isinstance(entry.get("id"), str) else "")
    unknown = set(entry) - FIELDS
    if unknown:
        raise CatalogueError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}", subject=str(file),
                             hint=f"allowed fields: {', '.join(sorted(FIELDS))}")
    for key in ("id", "url", "publisher", "kind"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise CatalogueError(f"{where}: missing required field {key!r}", subject=str(file),
                                 hint="every source needs id, url, publisher and kind")
    if entry["id"] in RESERVED_IDS:
        raise CatalogueError(f"{where}: the id {entry['id']!r} is reserved for naravard's own graphs",
                             subject=str(file), hint="choose another id for this source")
    if not ID_RE.match(entry["id"]):
        raise CatalogueError(f"{where}: invalid id {entry['id']!r}: use lower-case letters, digits, '.', '_' and '-'",
                             subject=str(file), hint="ids name files and IRIs; e.g. region-halland-nara-vard")
    if entry["kind"] not in KINDS:
        raise CatalogueError(f"{where}: unknown kind {entry['kind']!r}", subject=str(file),
                             hint=f"kind must be one of {', '.join(KINDS)}")
    if not re.match(r"^https?://[^\s/]+", entry["url"]):
        raise CatalogueError(f"{where}: url must be an http(s) URL, got {entry['url']!r}", subject=str(file),
                             hint="give the web address; a local copy goes in `snapshot = ...`")
    snapshot = None
    if entry.get("snapshot"):
        snapshot = (file.parent / entry["snapshot"]).resolve()
    return Source(
        id=entry["id"],
        url=entry["url"],
        publisher=entry["publisher"],
        kind=entry["kind"],
        language=entry.get("language", "sv"),
        region=entry.get("region"),
        title=entry.get("title"),
        snapshot=snapshot,
        follow_pdfs=bool(entry.get("follow_pdfs", False)),
        catalogue_file=file,
    )
