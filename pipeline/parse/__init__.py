"""Parse stage: Fetched bytes become a Document (canonical text + structure + metadata).

Parsers register under kind ``parser`` with their media type; :func:`parse` picks one.
Each parser is a function ``(fetched: Fetched, settings: Settings) -> Document``. Every parse runs
under a hard time limit (:mod:`.timer`) a little longer than ``Settings.parse_timeout``.
"""

from __future__ import annotations

from .. import registry
from ..errors import ParseError, TooLargeError, UnsupportedMediaType
from ..settings import Settings
from ..types import Document, Fetched
from .timer import ParseInterrupted, time_limit

BINARY = "application/octet-stream"  # what sniffing calls bytes that are not text


def parse(fetched: Fetched, settings: Settings | None = None) -> Document:
    settings = settings or Settings()
    parser = registry.lookup("parser", fetched.media_type)
    if parser is None and fetched.media_type == BINARY:
        raise UnsupportedMediaType(
            f"{fetched.url}: content is binary, not a web page, PDF or text",
            hint="check that the address or file holds the document itself (not an image, archive or Office file)",
            subject=fetched.url,
        )
    if parser is None:
        raise UnsupportedMediaType(
            f"{fetched.url}: cannot parse media type {fetched.media_type!r}",
            hint=f"supported: {', '.join(registry.names('parser'))}",
            subject=fetched.url,
        )
    try:
        with time_limit(settings.parse_timeout):
            return parser(fetched, settings)
    except ParseError:
        raise
    except RecursionError as exc:
        raise ParseError(f"{fetched.url}: document is nested too deeply to parse", subject=fetched.url) from exc
    except ParseInterrupted:
        raise TooLargeError(f"{fetched.url}: parsing took longer than {settings.parse_timeout:g} s", subject=fetched.url,
                            hint="raise parse_timeout in naravard.toml if the document is genuine") from None
