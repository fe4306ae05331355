"""Every error naravard raises, in one tree.

    NaravardError                 base; ``str(err)`` is a one-line message naming the file/URL/query
    ├── ConfigError               bad settings or command-line values
    ├── CatalogueError            invalid catalogue entry (missing URL, unknown kind, duplicate id)
    ├── FetchError                a source could not be retrieved
    │   ├── NotFoundError         404/410: the source is gone
    │   ├── RobotsDisallowed      robots.txt forbids fetching the URL
    │   └── UnsafeURLError        scheme or address refused (SSRF protection)
    ├── ParseError                bytes could not be turned into a Document
    │   ├── UnsupportedMediaType  no parser for the media type
    │   ├── TooLargeError         a size, page or time cap was exceeded
    │   └── EmptyDocumentError    the document has no text
    ├── ExtractError              extraction failed for a document
    ├── StoreError                the graph store failed or is missing
    ├── QueryError                SPARQL syntax error, unknown saved query, bad parameter
    ├── ExportError               unknown export format or view, write failure
    └── ValidationError           SHACL validation could not run

``Skip`` is not an error: a stage raises it to skip one item on purpose (scrapy's ``DropItem``).
Third-party exceptions are translated into this tree at the edge of each stage; only ``cli`` prints.
"""

from __future__ import annotations


class NaravardError(Exception):
    """Base of all naravard errors. ``hint`` tells the user what to do next."""

    def __init__(self, message: str, *, hint: str | None = None, subject: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.subject = subject  # the file, URL or query the error is about

    def __str__(self) -> str:
        return self.message


class ConfigError(NaravardError):
    pass


class CatalogueError(NaravardError):
    pass


class FetchError(NaravardError):
    pass


class NotFoundError(FetchError):
    pass


class RobotsDisallowed(FetchError):
    pass


class UnsafeURLError(FetchError):
    pass


class ParseError(NaravardError):
    pass


class UnsupportedMediaType(ParseError):
    pass


class TooLargeError(ParseError):
    pass


class EmptyDocumentError(ParseError):
    pass


class ExtractError(NaravardError):
    pass


class StoreError(NaravardError):
    pass


class QueryError(NaravardError):
    pass


class ExportError(NaravardError):
    pass


class ValidationError(NaravardError):
    pass


class Skip(Exception):
    """Raised by a stage to skip one item on purpose; ``reason`` is recorded in the run log."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason
