"""A small news site on 127.0.0.1 for the tests: article pages, an RSS and an Atom feed, a
redirect, a 404, a slow page and a robots.txt, all served from a table the test can change."""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def article(title: str, date: str, *paragraphs: str) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!DOCTYPE html><html><head><title>{title}</title><meta property='article:published_time' content='{date}'>"
            f"</head><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article><h1>{title}</h1>{body}</article>"
            f"<footer>Copyright The Test Times</footer></body></html>").encode("utf-8")


def rss(title: str, items: list[tuple[str, str, str]]) -> bytes:
    """An RSS 2.0 feed of (title, link, RFC 822 date) items; links may be relative."""
    entries = "".join(f"<item><title>{t}</title><link>{link}</link>" + (f"<pubDate>{d}</pubDate>" if d else "") + "</item>"
                      for t, link, d in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title>'
            f"<link>/</link><description>test feed</description>{entries}</channel></rss>").encode("utf-8")


def atom(title: str, items: list[tuple[str, str, str]]) -> bytes:
    entries = "".join(f'<entry><title>{t}</title><link href="{link}"/><id>{link}</id><updated>{d}</updated></entry>'
                      for t, link, d in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" xml:base="/atom/">'
            f"<title>{title}</title><id>urn:test</id><updated>2024-03-02T00:00:00Z</updated>{entries}</feed>").encode("utf-8")


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    location: str | None = None
    sleep: float = 0.0


@dataclass
class Site:
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[tuple[float, str, str]] = field(default_factory=list)  # (time, path, user agent)
    url: str = ""

    def page(self, path: str, body: bytes, content_type: str = "text/html; charset=utf-8", **kw) -> None:
        self.routes[path] = Route(body=body, content_type=content_type, **kw)

    def paths(self) -> list[str]:
        return [path for _, path, _ in self.requests]


@contextmanager
def serve_site():
    """A :class:`Site` served on a free port of 127.0.0.1 while the block runs."""
    site = Site()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            site.requests.append((time.monotonic(), self.path, self.headers.get("User-Agent", "")))
            route = site.routes.get(self.path, Route(404, b"not found", "text/plain"))
            if route.sleep:
                time.sleep(route.sleep)
            try:
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                self.send_header("Content-Length", str(len(route.body)))
                if route.location:
                    self.send_header("Location", route.location)
                self.end_headers()
                self.wfile.write(route.body)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (a timeout test)
                pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    site.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
