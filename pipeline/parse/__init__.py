"""Parse stage: Fetched bytes become a Document (canonical text + structure + metadata).

Parsers register under kind ``parser`` with their media type; :func:`parse` picks one.
Each parser is a function ``(fetched: Fetched, settings: Settings) -> Document``.
"""

from __future__ import annotations

from .. import registry
from ..errors import ParseError, UnsupportedMediaType
from ..settings import Settings
from ..types import Document, Fetched


def parse(fetched: Fetched, settings: Settings | None = None) -> Document:
    settings = settings or Settings()
    parser = registry.lookup("parser", fetched.media_type)
    if parser is None:
        raise UnsupportedMediaType(
            f"{fetched.url}: cannot parse media type {fetched.media_type!r}",
            hint=f"supported: {', '.join(registry.names('parser'))}",
            subject=fetched.url,
        )
    try:
        return parser(fetched, settings)
    except ParseError:
        raise
    except RecursionError as exc:
        raise ParseError(f"{fetched.url}: document is nested too deeply to parse", subject=fetched.url) from exc
