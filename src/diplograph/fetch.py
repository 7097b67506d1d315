"""Fetch: ``http(s)://`` inputs, article pages and RSS/Atom feeds, read politely.

An article page is read as an ``.html`` file is (trafilatura: main text, title, date, URL);
a feed (RSS 0.9x-2.0, RSS 1.0, Atom; read with feedparser) yields one document per item,
each item's page fetched and read the same way. Polite by default: a User-Agent naming
diplograph, ``delay`` seconds between two requests to one host, robots.txt obeyed, a
``timeout`` on every whole response, at most ``max_bytes`` a response. ``max_items`` caps
the items read from one feed (the newest first) and ``since`` skips items dated before it.
A page that fails (HTTP error, timeout, no article text, refused by robots.txt) is reported
in the :class:`~diplograph.ingest.IngestReport` and skipped; the others go on.

Document ids come from the URL the page was finally read from (after redirects), without
scheme, fragment or tracking parameters, so the same article gets the same id every run:

    >>> url_id("https://www.example.com/world/2024/03/talks.html?utm_source=rss#top")
    'www.example.com/world/2024/03/talks.html'
    >>> url_id("http://example.com:80/story?id=42")
    'example.com/story?id=42'
    >>> is_url("https://example.com/feed.xml"), is_url("articles/feed.xml")
    (True, False)
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

from . import __version__
from .ingest import IngestReport, iso_date, read_html_document, read_text_document
from .model import Document

USER_AGENT = f"diplograph/{__version__} (news knowledge graph builder; polite fetcher: robots.txt, one request a second per host)"
ROBOTS_AGENT = "diplograph"
HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml",
              "application/feed+json")
MAX_REDIRECTS = 5


class FetchError(Exception):
    """A URL that could not be read (the message says why and, where it can, what to do)."""


@dataclass
class FetchOptions:
    """How URL inputs are fetched. ``since`` is an ISO date (``2024-03-01``)."""

    delay: float = 1.0
    timeout: float = 20.0
    max_items: int | None = None
    since: str | None = None
    user_agent: str = USER_AGENT
    max_bytes: int = 20_000_000
    robots: bool = True
    log: Callable[[str], None] | None = None  # one line per feed: items read and left out

    def __post_init__(self):
        if self.delay < 0 or self.timeout <= 0:
            raise ValueError("--delay must be 0 or more and --timeout more than 0 seconds")
        if self.max_items is not None and self.max_items < 1:
            raise ValueError("--max-items must be 1 or more")


@dataclass
class Page:
    """One fetched response: the final URL (after redirects), its media type and bytes."""

    url: str
    content_type: str
    body: bytes


@dataclass
class Item:
    """A feed item: its link and what the feed says of it."""

    url: str
    title: str | None = None
    date: str | None = None


def is_url(name: str) -> bool:
    parts = urlsplit(str(name))
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def url_id(url: str) -> str:
    """A readable, stable document id: host, path and query of the normalised URL."""
    from courlan import normalize_url

    parts = urlsplit(normalize_url(url))
    ident = parts.netloc + parts.path.rstrip("/")
    return ident + (f"?{parts.query}" if parts.query else "")


def _media_type(value: str | None) -> str:
    return (value or "").split(";")[0].strip().lower()


@dataclass
class Fetcher:
    """A polite HTTP client for one run: remembers when it last asked each host, each host's
    robots.txt and the articles already read (an article in two feeds is read once)."""

    options: FetchOptions = field(default_factory=FetchOptions)

    def __post_init__(self):
        import requests

        self.session = requests.Session()
        self.session.headers.update({"User-Agent": self.options.user_agent,
                                     "Accept": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
                                               "application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5"})
        self.last_request: dict[str, float] = {}
        self.robots: dict[str, RobotFileParser | FetchError] = {}  # per host, for this run
        self.links_seen: set[str] = set()  # feed item links already taken this run
        self.ids_read: set[str] = set()  # documents already read this run

    # -- HTTP ----------------------------------------------------------------------
    def _wait(self, host: str) -> None:
        last = self.last_request.get(host)
        if last is not None:
            pause = self.options.delay - (time.monotonic() - last)
            if pause > 0:
                time.sleep(pause)
        self.last_request[host] = time.monotonic()

    def _request(self, url: str):
        """One GET without following redirects: (status, reason, headers, body)."""
        import requests

        timeout = self.options.timeout
        self._wait(urlsplit(url).netloc.lower())
        started = time.monotonic()
        try:
            with self.session.get(url, timeout=(timeout, timeout), stream=True, allow_redirects=False) as response:
                chunks, size = [], 0
                if response.status_code < 300:
                    for chunk in response.iter_content(65536):
                        size += len(chunk)
                        if size > self.options.max_bytes:
                            raise FetchError(f"larger than {self.options.max_bytes:,} bytes; not read")
                        if time.monotonic() - started > timeout:
                            raise FetchError(f"timed out after {timeout:g} s (raise --timeout for slow sites)")
                        chunks.append(chunk)
                return response.status_code, response.reason, response.headers, b"".join(chunks)
        except requests.exceptions.Timeout:
            raise FetchError(f"timed out after {timeout:g} s (raise --timeout for slow sites)") from None
        except requests.exceptions.ConnectionError as exc:
            if "timed out" in str(exc).lower():
                raise FetchError(f"timed out after {timeout:g} s (raise --timeout for slow sites)") from None
            raise FetchError(f"cannot connect ({exc.__class__.__name__}); check the address and the network") from None
        except requests.exceptions.RequestException as exc:
            raise FetchError(f"request failed ({exc})") from None

    def _allowed(self, url: str) -> bool:
        """robots.txt of the URL's host allows diplograph (RFC 9309: a missing file allows all, one
        that answers a server error allows nothing); a host that cannot be reached raises."""
        if not self.options.robots:
            return True
        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        if root not in self.robots:
            parser = RobotFileParser(root + "/robots.txt")
            try:
                address = root + "/robots.txt"
                for _ in range(MAX_REDIRECTS):
                    status, _, headers, body = self._request(address)
                    if status not in (301, 302, 303, 307, 308) or not headers.get("Location"):
                        break
                    address = urljoin(address, headers["Location"])
            except FetchError as exc:
                self.robots[root] = exc
                raise
            if status == 200:
                parser.parse(body.decode("utf-8", errors="replace").splitlines())
            elif 300 <= status < 500:
                parser.allow_all = True
            else:
                parser.disallow_all = True
            self.robots[root] = parser
        found = self.robots[root]
        if isinstance(found, FetchError):
            raise found
        return found.can_fetch(ROBOTS_AGENT, url)

    def get(self, url: str) -> Page:
        """Fetch a URL, following up to five redirects (each hop polite and checked against
        robots.txt); raise :class:`FetchError` on any failure."""
        for _ in range(MAX_REDIRECTS + 1):
            if not is_url(url):
                raise FetchError(f"{url}: only http and https addresses are fetched")
            if not self._allowed(url):
                raise FetchError("refused by the site's robots.txt for diplograph")
            status, reason, headers, body = self._request(url)
            if status in (301, 302, 303, 307, 308) and headers.get("Location"):
                url = urljoin(url, headers["Location"])
                continue
            if status == 429:
                raise FetchError("HTTP 429 Too Many Requests: the site asks to slow down; raise --delay or try later")
            if status >= 300:
                raise FetchError(f"HTTP {status} {reason}")
            return Page(url, _media_type(headers.get("Content-Type")), body)
        raise FetchError(f"more than {MAX_REDIRECTS} redirects")

    # -- reading ---------------------------------------------------------------------
    def read(self, url: str, report: IngestReport) -> Iterator[Document]:
        """The documents behind one URL: one article, or a feed's items."""
        try:
            page = self.get(url)
        except FetchError as exc:
            report.skip(url, str(exc))
            return
        feed = _parse_feed(page)
        if feed is None:
            doc = self._document(page, url, Item(url), report)
            if doc is not None and self._too_old(doc.date):
                if self.options.log:
                    self.options.log(f"{url}: dated {doc.date}, older than {self.options.since}; left out")
            elif doc is not None:
                yield doc
            return
        items = self._select(feed, page.url, url, report)
        for item in items:
            try:
                item_page = self.get(item.url)
            except FetchError as exc:
                report.skip(item.url, str(exc))
                continue
            doc = self._document(item_page, item.url, item, report, source=feed.feed.get("title"))
            if doc is not None and not self._too_old(doc.date):
                yield doc

    def _too_old(self, date: str | None) -> bool:
        return bool(self.options.since and date and date[:10] < self.options.since)

    def _select(self, feed, base: str, url: str, report: IngestReport) -> list[Item]:
        """The feed's items to read: linked, new to this run, not older than ``since``, newest first, capped."""
        items, old = [], 0
        for number, entry in enumerate(feed.entries, 1):
            link = entry.get("link") or next((lk.get("href") for lk in entry.get("links", []) if lk.get("href")), None)
            if not link:
                report.skip(url, f"item {number} ({entry.get('title') or 'untitled'}) has no link")
                continue
            item = Item(urljoin(base, link), entry.get("title"), _entry_date(entry))
            if self._too_old(item.date):
                old += 1
                continue
            if item.url not in self.links_seen:
                self.links_seen.add(item.url)
                items.append(item)
        items.sort(key=lambda i: i.date or "", reverse=True)  # stable: undated items keep feed order, last
        capped = items[: self.options.max_items] if self.options.max_items else items
        if self.options.log:
            notes = [f"{len(feed.entries)} item(s)"]
            if old:
                notes.append(f"{old} older than {self.options.since}")
            if len(capped) < len(items):
                notes.append(f"{len(items) - len(capped)} beyond --max-items {self.options.max_items}")
            self.options.log(f"feed {url}: " + ", ".join(notes) + f"; reading {len(capped)}")
        return capped

    def _document(self, page: Page, url: str, item: Item, report: IngestReport, source: str | None = None) -> Document | None:
        """The article of a fetched page (None, reported, when it has none)."""
        doc_id = url_id(page.url)
        if doc_id in self.ids_read:  # two links that lead to one article
            return None
        self.ids_read.add(doc_id)
        try:
            if page.content_type in HTML_TYPES or (not page.content_type and page.body.lstrip()[:1] == b"<"):
                docs = list(read_html_document(page.body, doc_id, url))
            elif page.content_type.startswith("text/"):
                docs = list(read_text_document(page.body.decode("utf-8", errors="replace"), doc_id, url))
            else:
                raise ValueError(f"not an article or a feed ({page.content_type or 'no content type'})")
            date = iso_date(item.date or docs[0].date)  # a page whose date is no date is skipped, as a file would be
        except ValueError as exc:
            report.skip(url, str(exc))
            return None
        doc = docs[0]
        doc.url = doc.url or page.url
        doc.title = doc.title or item.title
        doc.date = date
        doc.source = doc.source or source
        return doc


def _parse_feed(page: Page):
    """The parsed feed when the page is one (by media type or content), else None."""
    import feedparser

    if page.content_type in HTML_TYPES:
        return None
    head = page.body.lstrip(b"\xef\xbb\xbf \t\r\n")[:512].lower()
    if page.content_type not in FEED_TYPES and not head.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf:rdf")):
        return None
    parsed = feedparser.parse(page.body, response_headers={"content-location": page.url, "content-type": page.content_type})
    return parsed if parsed.get("version") else None


def _entry_date(entry) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return time.strftime("%Y-%m-%d", parsed) if parsed else None


def read_url(url: str, report: IngestReport, fetcher: Fetcher | None = None) -> Iterator[Document]:
    """Documents of an article URL or a feed URL (see :class:`Fetcher`)."""
    yield from (fetcher or Fetcher()).read(url, report)
