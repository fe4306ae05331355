"""robots.txt: fetched once per host (per process), parsed with :mod:`urllib.robotparser`.

What an answer for ``/robots.txt`` means follows RFC 9309:

- 2xx: the rules in the file apply (to the product token of the User-Agent, ``naravard``);
- 4xx (no file): everything is allowed;
- 5xx, timeouts, refused connections: the site is treated as disallowing everything for this run
  ("unreachable"), so a struggling server is not crawled.

A disallowed URL raises ``RobotsDisallowed``; ``Crawl-delay`` lengthens the per-host rate limit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from ..errors import FetchError, RobotsDisallowed, UnsafeURLError

MAX_ROBOTS_BYTES = 512 * 1024  # RFC 9309 asks crawlers to read at least 500 KiB


@dataclass(frozen=True, slots=True)
class HostRules:
    parser: RobotFileParser | None  # None: no rules (4xx) — everything allowed
    unreachable: str | None = None  # why robots.txt could not be read (then everything is disallowed)


def product_token(user_agent: str) -> str:
    """'naravard/0.1 (+https://…)' -> 'naravard': the name robots.txt groups match on."""
    return (user_agent.split() or ["*"])[0].split("/")[0]


def robots_url(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/robots.txt"


class RobotsPolicy:
    """Answers "may naravard fetch this URL?" from each host's robots.txt.

    ``fetch`` is a callable ``url -> (status, body bytes)`` that must not itself consult robots.txt
    (the HTTP client's ``request(url, check_robots=False)``).
    """

    def __init__(self, user_agent: str, fetch: Callable[[str], tuple[int, bytes]]):
        self.agent = product_token(user_agent)
        self.fetch = fetch
        self._hosts: dict[str, HostRules] = {}

    def rules(self, url: str) -> HostRules:
        key = robots_url(url)
        if key not in self._hosts:
            self._hosts[key] = self._load(key)
        return self._hosts[key]

    def _load(self, url: str) -> HostRules:
        try:
            status, body = self.fetch(url)
        except UnsafeURLError:
            raise
        except FetchError as exc:
            return HostRules(None, unreachable=str(exc))
        if 400 <= status < 500:
            return HostRules(None)
        if not 200 <= status < 300:
            return HostRules(None, unreachable=f"{url}: HTTP {status}")
        parser = RobotFileParser(url)
        parser.parse(body[:MAX_ROBOTS_BYTES].decode("utf-8", "replace").splitlines())
        return HostRules(parser)

    def allowed(self, url: str) -> bool:
        rules = self.rules(url)
        if rules.unreachable:
            return False
        return rules.parser is None or rules.parser.can_fetch(self.agent, url)

    def check(self, url: str) -> None:
        """Raise RobotsDisallowed unless robots.txt lets naravard fetch ``url``."""
        if urlsplit(url).path == "/robots.txt":
            return
        rules = self.rules(url)
        if rules.unreachable:
            raise RobotsDisallowed(
                f"{url}: not fetched: robots.txt could not be read ({rules.unreachable}), so the site is treated "
                "as disallowing all crawling", subject=url, hint="try again later; the previous data is kept")
        if rules.parser is not None and not rules.parser.can_fetch(self.agent, url):
            raise RobotsDisallowed(f"{url}: not fetched: disallowed by {robots_url(url)}", subject=url,
                                   hint="ask the site for permission, or keep a local snapshot of the page in "
                                        "the catalogue (`snapshot = ...`)")

    def crawl_delay(self, url: str) -> float | None:
        if urlsplit(url).path == "/robots.txt" or robots_url(url) not in self._hosts:
            return None
        parser = self._hosts[robots_url(url)].parser
        if parser is None:
            return None
        delay = parser.crawl_delay(self.agent)
        return float(delay) if delay is not None else None
