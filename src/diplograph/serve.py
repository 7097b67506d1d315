"""Serve: a read-only SPARQL 1.1 Protocol endpoint over a graph file or store.

- ``/sparql``: GET ``?query=``, POST ``application/sparql-query`` or a form with ``query=``;
  results as SPARQL JSON, XML, CSV or TSV (by ``Accept`` or ``?format=``), Turtle for
  CONSTRUCT/DESCRIBE. Updates, LOAD and SERVICE are refused (403); a query that runs
  longer than the timeout is stopped (503).
- ``/``: YASGUI with the example queries (shipped in the package, works offline);
- ``/graph``: the interactive HTML explorer of the same graph;
- ``/id/{actor,doc,mention,graph}/...``: the graph's IRIs, dereferenceable (:mod:`diplograph.linked`);
- ``/static/...``: the pages' scripts and styles (:mod:`diplograph.assets`).

Each query runs in its own worker process on a read-only view of an on-disk store, so
a runaway query can be stopped. A graph file is first loaded into a temporary store.
"""

from __future__ import annotations

import multiprocessing
import shutil
import tempfile
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pyoxigraph as ox

from . import linked
from .assets import static_response
from .query import FORMATS, PREFIX_MAP, QueryError, ReadOnlyError, check_read_only
from .yasgui import query_page

RESULT_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
MAX_WORKERS = 4
MAX_QUERY_BYTES = 1_000_000


def _worker(store_path: str, sparql: str, fmt: str, conn) -> None:
    """Run one query on a read-only store and send back (status, content type, body)."""
    try:
        store = ox.Store.read_only(store_path)
        result = store.query(sparql, use_default_graph_as_union=True, prefixes=PREFIX_MAP)
        if isinstance(result, ox.QueryTriples):
            body = ox.serialize(list(result), format=ox.RdfFormat.TURTLE, prefixes=PREFIX_MAP)
            conn.send((200, "text/turtle; charset=utf-8", body))
            return
        fmt_enum = getattr(ox.QueryResultsFormat, fmt.upper())
        body = result.serialize(format=fmt_enum)
        conn.send((200, RESULT_TYPES[fmt] + "; charset=utf-8", body))
    except SyntaxError as exc:
        conn.send((400, "text/plain; charset=utf-8", f"SPARQL syntax error: {exc}".encode()))
    except Exception as exc:  # report any engine error to the client
        conn.send((500, "text/plain; charset=utf-8", f"query failed: {exc}".encode()))
    finally:
        conn.close()


class Endpoint:
    """The state behind the HTTP handler: the store path, the timeout, the cached pages."""

    def __init__(self, target: str | Path, timeout: float = 10.0):
        from .store import is_store

        self.target = Path(target)
        self.timeout = timeout
        self._tmp = None
        if is_store(self.target):
            self.store_path = str(self.target)
        elif self.target.is_file():
            fmt = FORMATS.get(self.target.suffix.lower())
            if fmt is None:
                raise QueryError(f"{self.target}: unknown RDF format; use one of {', '.join(sorted(FORMATS))} or a store folder")
            self._tmp = tempfile.mkdtemp(prefix="diplograph-serve-")
            store = ox.Store(self._tmp)
            try:
                store.bulk_load(path=str(self.target), format=getattr(ox.RdfFormat, fmt))
            except (SyntaxError, ValueError) as exc:
                raise QueryError(f"{self.target}: cannot parse as {fmt.lower()}: {exc}") from exc
            store.flush()
            del store
            self.store_path = self._tmp
        else:
            raise QueryError(f"{self.target}: no such file or store (build one with `diplograph build INPUT -o graphs/NAME`)")
        self.public = False  # bound beyond loopback: any Host header is fine
        self.public_hosts: tuple[str, ...] = ()  # host names of --base (a proxy in front of a loopback server)
        self.base: str | None = None  # the public address of the deployment (--base), for links in pages
        self.slots = threading.BoundedSemaphore(MAX_WORKERS)
        self.context = multiprocessing.get_context("forkserver")
        self.context.set_forkserver_preload(["pyoxigraph", "diplograph.serve"])
        self._graph_page = None

    def close(self) -> None:
        if self._tmp:
            shutil.rmtree(self._tmp, ignore_errors=True)

    def run(self, sparql: str, fmt: str) -> tuple[int, str, bytes]:
        try:
            check_read_only(sparql)
        except ReadOnlyError as exc:
            return 403, "text/plain; charset=utf-8", str(exc).encode()
        if not self.slots.acquire(timeout=self.timeout):
            return 503, "text/plain; charset=utf-8", b"the endpoint is busy; try again"
        try:
            receive, send = self.context.Pipe(duplex=False)
            proc = self.context.Process(target=_worker, args=(self.store_path, sparql, fmt, send), daemon=True)
            proc.start()
            send.close()
            deadline = time.monotonic() + self.timeout
            if receive.poll(max(deadline - time.monotonic(), 0)):
                try:
                    answer = receive.recv()
                except EOFError:
                    answer = (500, "text/plain; charset=utf-8", b"the query worker stopped without an answer")
                proc.join(1)
                return answer
            proc.kill()
            proc.join(1)
            return 503, "text/plain; charset=utf-8", f"query timed out after {self.timeout:g} s".encode()
        finally:
            self.slots.release()

    def graph_page(self) -> bytes:
        # made again once the store has changed (`diplograph add` while serving): RocksDB writes files on every commit
        version = max((p.stat().st_mtime_ns for p in Path(self.store_path).iterdir()), default=0)
        if self._graph_page is None or self._graph_page[0] != version:
            from .export.html import render_html
            from .store import GraphStore

            page = render_html(GraphStore(self.store_path, read_only=True).to_networkx(), title=self.target.name).encode()
            self._graph_page = (version, page)
        return self._graph_page[1]


def _choose_format(accept: str, explicit: str | None) -> str:
    if explicit:
        return explicit if explicit in RESULT_TYPES else "json"
    accept = accept.lower()
    for fmt, mime in (("xml", "sparql-results+xml"), ("csv", "text/csv"), ("tsv", "tab-separated-values"), ("json", "json")):
        if mime in accept:
            return fmt
    return "json"


def make_handler(endpoint: Endpoint):
    class Handler(BaseHTTPRequestHandler):
        server_version = "diplograph-sparql/1"

        def log_message(self, fmt, *args):  # quieter than the default: one line a request on stderr
            pass

        def _send(self, status: int, ctype: str, body: bytes, headers: dict | None = None) -> None:
            self.send_response(status)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("X-Content-Type-Options", "nosniff")
            if ctype.startswith("text/html"):
                self.send_header("Content-Security-Policy", "default-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'")
            self.end_headers()
            self.wfile.write(body)

        def _query(self, sparql: str | None, params: dict) -> None:
            if params.get("update"):
                self._send(403, "text/plain; charset=utf-8", b"updates are refused: the endpoint is read-only")
                return
            if not sparql:
                if "html" in self.headers.get("Accept", ""):
                    self._send(200, "text/html; charset=utf-8", query_page())
                else:
                    self._send(400, "text/plain; charset=utf-8", b"missing query parameter")
                return
            fmt = _choose_format(self.headers.get("Accept", ""), (params.get("format") or [None])[0])
            self._send(*endpoint.run(sparql, fmt))

        def _allowed_host(self) -> bool:
            """Refuse requests for another host name (DNS rebinding) when serving on loopback."""
            if endpoint.public:
                return True
            host = (self.headers.get("Host") or "").rsplit(":", 1)[0].strip("[]").lower()
            return host in ("127.0.0.1", "localhost", "::1", "", *endpoint.public_hosts)

        def do_GET(self):
            if not self._allowed_host():
                self._send(403, "text/plain; charset=utf-8", b"this endpoint answers only requests for localhost")
                return
            url = urlparse(self.path)
            params = parse_qs(url.query)
            if url.path in ("/", "/index.html"):
                self._send(200, "text/html; charset=utf-8", query_page())
            elif url.path == "/sparql":
                self._query((params.get("query") or [None])[0], params)
            elif url.path == "/graph":
                self._send(200, "text/html; charset=utf-8", endpoint.graph_page())
            elif url.path.startswith("/static/"):
                self._send(*static_response(url.path[len("/static/"):], self.headers.get("If-None-Match")))
            elif url.path.startswith("/id/"):
                self._send(*linked.respond(endpoint, url.path, params, self.headers.get("Accept")))
            else:
                self._send(404, "text/plain; charset=utf-8", b"not found: try /, /sparql, /graph or /id/actor/ID")

        def do_POST(self):
            if not self._allowed_host():
                self._send(403, "text/plain; charset=utf-8", b"this endpoint answers only requests for localhost")
                return
            url = urlparse(self.path)
            if url.path != "/sparql":
                self._send(404, "text/plain; charset=utf-8", b"not found: POST to /sparql")
                return
            try:
                length = int(self.headers.get("Content-Length") or 0)
            except ValueError:
                self._send(400, "text/plain; charset=utf-8", b"bad Content-Length")
                return
            if length < 0 or length > MAX_QUERY_BYTES:
                self._send(413, "text/plain; charset=utf-8", b"query too large")
                return
            body = self.rfile.read(length).decode("utf-8", errors="replace")
            ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            params = parse_qs(url.query)
            if ctype == "application/sparql-update":
                self._send(403, "text/plain; charset=utf-8", b"updates are refused: the endpoint is read-only")
            elif ctype == "application/sparql-query":
                self._query(body, params)
            elif ctype == "application/x-www-form-urlencoded":
                form = parse_qs(body)
                params.update(form)
                self._query((form.get("query") or [None])[0], params)
            else:
                self._send(415, "text/plain; charset=utf-8",
                           b"send the query as application/sparql-query or as a form field query=")

        def do_PUT(self):
            self._send(405, "text/plain; charset=utf-8", b"the endpoint is read-only")

        do_DELETE = do_PATCH = do_PUT

    return Handler


def make_server(target: str | Path, host: str = "127.0.0.1", port: int = 7878, timeout: float = 10.0, base: str | None = None):
    """The HTTP server and its endpoint, bound and ready (``server.serve_forever()`` runs it;
    ``server.shutdown()`` then ``close_server(server)`` stops it and removes temporary files).
    ``base``: the public address this server is reached at (see :func:`diplograph.linked.check_base`)."""
    public = linked.check_base(base) if base else (None, ())
    endpoint = Endpoint(target, timeout)
    endpoint.public = host not in ("127.0.0.1", "localhost", "::1")
    endpoint.base, endpoint.public_hosts = public
    try:
        server = ThreadingHTTPServer((host, port), make_handler(endpoint))
    except OSError as exc:
        endpoint.close()
        raise QueryError(f"cannot listen on {host}:{port} ({exc.strerror}); pick another --port") from exc
    server.daemon_threads = True
    server.endpoint = endpoint
    return server


def close_server(server) -> None:
    server.server_close()
    server.endpoint.close()


def serve(target: str | Path, host: str = "127.0.0.1", port: int = 7878, timeout: float = 10.0, ready=None,
          base: str | None = None) -> None:
    """Serve until interrupted. ``ready(url)`` is called once the socket listens."""
    server = make_server(target, host, port, timeout, base)
    url = f"http://{host}:{server.server_address[1]}/"
    try:
        if ready:
            ready(url)
        server.serve_forever()
    finally:
        close_server(server)
