"""Settings: one frozen record with every tunable value and cap, loaded once.

Values come, in increasing priority, from the defaults below, a ``naravard.toml`` file in the
working directory (or the file named by ``NARAVARD_CONFIG``), and command-line options.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path

from .errors import ConfigError

DEFAULT_BASE_IRI = "https://w3id.org/naravard/"
PROJECT_ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY_DIR = PROJECT_ROOT / "ontology"


@dataclass(frozen=True, slots=True)
class Settings:
    sources: Path = Path("sources")
    output: Path = Path("output")
    ontology: Path = ONTOLOGY_DIR
    base_iri: str = DEFAULT_BASE_IRI
    offline: bool = False  # read snapshots only, never the network
    online: bool = False  # fetch sources that have a snapshot over HTTP too (default: their snapshot)
    jobs: int = 0  # 0: number of cores
    # fetching
    user_agent: str = "naravard (+https://w3id.org/naravard/; research knowledge graph of Swedish care reform)"
    timeout: float = 20.0
    retries: int = 3
    backoff: float = 1.0
    rate_limit: float = 1.0  # seconds between requests to one host
    allow_private_addresses: bool = False
    allowed_hosts: tuple[str, ...] = ()  # hosts allowed even when private (e.g. "127.0.0.1")
    max_redirects: int = 10
    max_retry_wait: float = 120.0  # longest Retry-After honoured, in seconds
    fetch_max_seconds: float = 300.0  # total time for one download, retries excluded
    # caps
    max_bytes: int = 50 * 1024 * 1024
    max_pdf_pages: int = 500
    max_inflated_bytes: int = 75_000_000  # largest decompressed stream (page content, image) in a PDF
    parse_timeout: float = 120.0
    # serving
    query_timeout: float = 30.0
    max_results: int = 100_000
    # store: None = embedded Oxigraph at output/store; else a SPARQL 1.1 server, e.g. "http://127.0.0.1:7878"
    store_url: str | None = None
    store_query_url: str | None = None  # SPARQL 1.1 Protocol endpoint (default: {store_url}/query)
    store_data_url: str | None = None  # Graph Store HTTP Protocol endpoint (default: {store_url}/store)

    @property
    def store_path(self) -> Path:
        return self.output / "store"


def load_settings(config: Path | None = None, **overrides) -> Settings:
    """Build Settings from defaults, the config file and ``overrides`` (None values are ignored)."""
    settings = Settings()
    path = config or (Path(os.environ["NARAVARD_CONFIG"]) if "NARAVARD_CONFIG" in os.environ else None)
    if path is None and Path("naravard.toml").is_file():
        path = Path("naravard.toml")
    if path is not None:
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"{path}: cannot read settings: {exc}", subject=str(path),
                              hint="check the path and the TOML syntax (key = value, strings in quotes)") from exc
        settings = _apply(settings, data, str(path))
    return _apply(settings, {k: v for k, v in overrides.items() if v is not None}, "command line")


def _apply(settings: Settings, data: dict, origin: str) -> Settings:
    known = {f.name: f for f in fields(Settings)}
    changes = {}
    for key, value in data.items():
        key = key.replace("-", "_")
        if key not in known:
            raise ConfigError(f"{origin}: unknown setting {key!r}", hint="see README, section Settings")
        changes[key] = _typed(key, value, getattr(Settings(), key), origin)
    return replace(settings, **changes)


def _typed(key: str, value, default, origin: str):
    """``value`` converted to the type of the setting's default; ConfigError when it does not fit."""
    def bad(kind: str) -> ConfigError:
        return ConfigError(f"{origin}: setting {key!r} must be {kind}, not {value!r}", subject=key,
                           hint="see README, section Settings")

    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise bad("true or false")
    elif isinstance(default, int):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise bad("a whole number ≥ 0")
    elif isinstance(default, float):
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise bad("a number ≥ 0")
        value = float(value)
    elif isinstance(default, Path):
        if not isinstance(value, str | Path):
            raise bad("a path")
        value = Path(value)
    elif isinstance(default, tuple):
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            raise bad("a list of strings")
        value = tuple(value)
    elif not isinstance(value, str):  # str settings, and those that default to None
        raise bad("a string")
    return value
