"""naravard: Swedish 'God och nära vård' documents into an RDF knowledge graph."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("naravard")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+unknown"
