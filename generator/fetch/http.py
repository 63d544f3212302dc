"""The one place that talks HTTP: timeouts, bounded retries, rate limits, a disk cache.

Every other module sees ``Client.get(url, params, parse)``: ``parse`` turns a
``Reply`` into a value or raises ``FetchError``; only replies that parse are
cached, so an HTML error page served with status 200 is never remembered.
"""

from __future__ import annotations

import email.utils
import hashlib
import json
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

import requests

from generator import __version__
from generator.writer import write_if_changed

T = TypeVar("T")
USER_AGENT = f"paper-catalogue/{__version__} (static-site generator for research-paper catalogues; python-requests)"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


class FetchError(Exception):
    """A request that could not give a usable answer; says which URL and why."""

    def __init__(self, url: str, message: str):
        self.url, self.message = url, message
        super().__init__(f"{url}: {message}")


class NotFound(FetchError):
    """HTTP 404: the service does not know this paper (not a failure in itself)."""


@dataclass(frozen=True)
class Reply:
    url: str
    status: int
    content_type: str
    text: str


@dataclass(frozen=True)
class Policy:
    attempts: int = 4  # tries per request, the first included
    backoff: float = 1.0  # seconds before the 2nd try; doubles after that
    max_wait: float = 60.0  # cap on any single wait, Retry-After included
    connect_timeout: float = 10.0
    read_timeout: float = 30.0


class RateLimiter:
    """At most one request per ``interval`` seconds (arXiv asks for three)."""

    def __init__(self, interval: float, clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep):
        self.interval, self.clock, self.sleep = interval, clock, sleep
        self.last: float | None = None

    def wait(self) -> None:
        if self.last is not None:
            remaining = self.last + self.interval - self.clock()
            if remaining > 0:
                self.sleep(remaining)
        self.last = self.clock()


class Cache:
    """Replies on disk as JSON, one file per URL; ``max_age`` in seconds (0 = always refetch)."""

    def __init__(self, root: Path | None, max_age: float = 30 * 86400, clock: Callable[[], float] = time.time):
        self.root, self.max_age, self.clock = root, max_age, clock

    def _path(self, url: str) -> Path:
        assert self.root is not None
        digest = hashlib.sha256(url.encode("utf-8")).hexdigest()
        return self.root / digest[:2] / f"{digest}.json"

    def get(self, url: str) -> Reply | None:
        if self.root is None or self.max_age <= 0:
            return None
        try:
            entry = json.loads(self._path(url).read_text("utf-8"))
            if entry["url"] != url or self.clock() - float(entry["fetched"]) > self.max_age:
                return None
            return Reply(url, int(entry["status"]), str(entry["content_type"]), str(entry["text"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None  # missing, stale or damaged entries are simply refetched

    def put(self, reply: Reply) -> None:
        if self.root is None:
            return
        entry = {"url": reply.url, "fetched": int(self.clock()), "status": reply.status, "content_type": reply.content_type}
        entry["text"] = reply.text
        write_if_changed(self._path(reply.url), json.dumps(entry, ensure_ascii=False, indent=0))


@dataclass
class Stats:
    fetched: int = 0  # requests that went to the network and succeeded
    cached: int = 0  # answers read from the cache
    retried: int = 0


def full_url(url: str, params: dict[str, Any] | None) -> str:
    return requests.Request("GET", url, params=params or {}).prepare().url or url


def retry_after(headers: Any, now: Callable[[], datetime] = lambda: datetime.now(UTC)) -> float | None:
    """Seconds to wait from ``Retry-After`` (seconds or HTTP date) or Hugging Face's ``RateLimit: …;t=N``."""
    value = headers.get("Retry-After")
    if value:
        value = value.strip()
        if value.isdigit():
            return float(value)
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            when = None
        if when is not None:
            if when.tzinfo is None:
                when = when.replace(tzinfo=UTC)
            return max(0.0, (when - now()).total_seconds())
    match = re.search(r"(?:^|;)\s*t=(\d+)", headers.get("RateLimit", ""))
    return float(match.group(1)) if match else None


def error_detail(response: requests.Response) -> str:
    """The service's own words about an error, short and on one line."""
    detail = response.headers.get("X-Error-Message", "")
    if not detail:
        try:
            body = response.json()
            detail = str(body.get("error", "")) if isinstance(body, dict) else ""
        except ValueError:
            detail = ""
    detail = " ".join(detail.split())[:200]
    return f" ({detail})" if detail else ""


@dataclass
class Client:
    policy: Policy = field(default_factory=Policy)
    cache: Cache = field(default_factory=lambda: Cache(None))
    limiter: RateLimiter | None = None
    offline: bool = False  # answer from the cache only
    user_agent: str = USER_AGENT
    sleep: Callable[[float], None] = time.sleep
    stats: Stats = field(default_factory=Stats)
    session: requests.Session = field(default_factory=requests.Session)

    def get(self, url: str, params: dict[str, Any] | None, parse: Callable[[Reply], T], accept: Iterable[int] = (200,)) -> T:
        """Fetch ``url`` and parse it; 404 raises NotFound, anything unusable FetchError."""
        url = full_url(url, params)
        cached = self.cache.get(url)
        if cached is not None:
            self.stats.cached += 1
            if cached.status == 404:
                raise NotFound(url, "not found (cached answer)")
            return parse(cached)
        if self.offline:
            raise FetchError(url, "not in the cache and --offline was given")
        reply = self._request(url, set(accept))
        if reply.status == 404:
            self.cache.put(reply)
            raise NotFound(url, "not found (HTTP 404)")
        value = parse(reply)  # raises before the cache sees a bad reply
        self.cache.put(reply)
        self.stats.fetched += 1
        return value

    def probe(self, url: str) -> str | None:
        """None when ``url`` answers (after redirects), else why not; never cached."""
        try:
            reply = self._request(url, set(range(200, 400)))
        except FetchError as exc:
            return exc.message
        return f"HTTP {reply.status}" if reply.status >= 400 else None

    def _request(self, url: str, accept: set[int]) -> Reply:
        p = self.policy
        reason = "no attempt made"
        for attempt in range(1, max(1, p.attempts) + 1):
            wait = p.backoff * 2 ** (attempt - 1)
            if self.limiter:
                self.limiter.wait()
            try:
                response = self.session.get(
                    url, headers={"User-Agent": self.user_agent}, timeout=(p.connect_timeout, p.read_timeout), allow_redirects=True
                )
            except requests.Timeout:
                reason = f"timed out (connect {p.connect_timeout:g} s, read {p.read_timeout:g} s)"
            except requests.ConnectionError as exc:
                reason = f"connection failed ({type(exc).__name__})"
            except requests.RequestException as exc:
                raise FetchError(url, f"request failed: {exc}") from None
            else:
                status = response.status_code
                if status in accept or status == 404:
                    content_type = response.headers.get("Content-Type", "")
                    return Reply(url, status, content_type, response.text)
                if status != 429 and status < 500:
                    raise FetchError(url, f"HTTP {status}{error_detail(response)}")
                reason = f"HTTP {status}{error_detail(response)}"
                asked = retry_after(response.headers)
                wait = wait if asked is None else asked
            if attempt < p.attempts:
                self.stats.retried += 1
                self.sleep(min(max(wait, 0.0), p.max_wait))
        raise FetchError(url, f"gave up after {p.attempts} attempts; last: {reason}")


def is_loopback(endpoint: str) -> bool:
    return (urlsplit(endpoint).hostname or "") in LOOPBACK


def parse_json(reply: Reply) -> Any:
    """JSON body or a FetchError that says what came instead (e.g. an HTML error page)."""
    try:
        return json.loads(reply.text)
    except ValueError:
        start = " ".join(reply.text[:60].split())
        kind = reply.content_type.split(";")[0] or "no content type"
        raise FetchError(reply.url, f"expected JSON, got {kind} starting {start!r}") from None
