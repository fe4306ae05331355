"""The library API: the few functions a user, a test or the CLI calls.

Each function is a thin entry point into one stage; the stages themselves live in the
subpackages (fetch, parse, extract, graph, query, export). Nothing here prints.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .settings import Settings
from .types import Document, Extraction


def parse_file(path: Path, settings: Settings | None = None, *, media_type: str | None = None) -> Document:
    """Parse one local HTML, PDF or text file into a Document."""
    from .fetch.local import read_file
    from .parse import parse

    settings = settings or Settings()
    return parse(read_file(Path(path), settings, media_type=media_type), settings)


def extract_files(paths: Iterable[Path], settings: Settings | None = None) -> list[Extraction]:
    """Parse and extract each file (no catalogue needed); raises on the first file that fails."""
    from .extract import extract, load_knowledge

    settings = settings or Settings()
    knowledge = load_knowledge(settings)
    return [extract(parse_file(Path(p), settings), knowledge) for p in paths]
