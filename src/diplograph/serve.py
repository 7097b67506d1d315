"""Serve: a read-only SPARQL 1.1 Protocol endpoint over a graph file or store.

- ``/sparql``: GET ``?query=``, POST ``application/sparql-query`` or a form with ``query=``;
  results as SPARQL JSON, XML, CSV or TSV (by ``Accept`` or ``?format=``), Turtle for
  CONSTRUCT/DESCRIBE. Updates, LOAD and SERVICE are refused (403, decided from the parsed
  query: :mod:`diplograph.guard`); a query that runs longer than the timeout is stopped (503).
- ``/``: YASGUI with the example queries (shipped in the package, works offline);
- ``/graph``: the interactive HTML explorer of the same graph (made again once the store changed);
- ``/id/{actor,doc,mention,graph}/...``: the graph's IRIs, dereferenceable (:mod:`diplograph.linked`;
  their queries go through the same worker pool and guard);
- ``/static/...``: the pages' scripts and styles (:mod:`diplograph.assets`).

Queries run in a pool of warm worker processes (:mod:`diplograph.worker`) on a read-only view
of an on-disk store; a worker whose query runs past the timeout is killed and replaced. A graph
file is first loaded into a temporary store. Requests must arrive whole within
:data:`REQUEST_TIMEOUT` seconds (a body cut short is never run), and at most
:data:`MAX_CONNECTIONS` are served at once (more get 503 at once).
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import select
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pyoxigraph as ox

from . import linked
from .assets import static_response
from .query import FORMATS, PREFIX_MAP, QueryError
from .worker import RESULT_TYPES, TEXT
from .yasgui import query_page

MAX_WORKERS = 4
MAX_QUERY_BYTES = 1_000_000
MAX_CONNECTIONS = 64
REQUEST_TIMEOUT = 10.0  # seconds a client has to send its whole request


class Worker:
    """One query worker process and the pipes to it."""

    def __init__(self, store_path: str):
        self.proc = subprocess.Popen([sys.executable, "-m", "diplograph.worker", store_path, json.dumps(PREFIX_MAP)],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0)

    def _read(self, size: int, deadline: float) -> bytes:
        fd, chunks, left = self.proc.stdout.fileno(), [], size
        while left:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
                raise TimeoutError
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                raise EOFError
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)

    def _line(self, deadline: float) -> bytes:
        line = b""
        while not line.endswith(b"\n"):
            line += self._read(1, deadline)
        return line

    def ask(self, sparql: str, fmt: str, deadline: float) -> tuple[int, str, bytes]:
        """Send one query; raises TimeoutError past ``deadline``, EOFError if the worker died."""
        try:
            self.proc.stdin.write(json.dumps({"query": sparql, "format": fmt}).encode() + b"\n")
        except (BrokenPipeError, ValueError):
            raise EOFError from None
        head = json.loads(self._line(deadline))
        return head["status"], head["type"], self._read(head["length"], deadline)

    def kill(self) -> None:
        self.proc.kill()
        self.proc.wait()
        for pipe in (self.proc.stdin, self.proc.stdout):
            pipe.close()


class Pool:
    """Warm workers, each running one query at a time."""

    def __init__(self, store_path: str, size: int = MAX_WORKERS):
        self.store_path = store_path
        self.idle: queue.Queue[Worker] = queue.Queue()
        self.workers = [Worker(store_path) for _ in range(size)]
        for worker in self.workers:
            self.idle.put(worker)
        self._lock = threading.Lock()
        self.asked = 0  # queries handed to a worker (for tests and the load benchmark)

    def _replace(self, worker: Worker) -> Worker:
        worker.kill()
        fresh = Worker(self.store_path)
        with self._lock:
            self.workers[self.workers.index(worker)] = fresh
        return fresh

    def run(self, sparql: str, fmt: str, timeout: float) -> tuple[int, str, bytes]:
        try:
            worker = self.idle.get(timeout=timeout)
        except queue.Empty:
            return 503, TEXT, b"the endpoint is busy; try again"
        try:
            self.asked += 1
            return worker.ask(sparql, fmt, time.monotonic() + timeout)
        except TimeoutError:
            worker = self._replace(worker)
            return 503, TEXT, f"query timed out after {timeout:g} s".encode()
        except (EOFError, OSError, ValueError):
            code = worker.proc.poll()
            worker = self._replace(worker)
            return 500, TEXT, f"the query worker stopped without an answer (exit {code})".encode()
        finally:
            self.idle.put(worker)

    def close(self) -> None:
        with self._lock:
            for worker in self.workers:
                worker.kill()


class Endpoint:
    """The state behind the HTTP handler: the store, the worker pool, the cached pages."""

    def __init__(self, target: str | Path, timeout: float = 10.0, workers: int = MAX_WORKERS):
        from .store import is_store, recover

        self.target = Path(target)
        self.timeout = timeout
        self._tmp = None
        recover(self.target)
        if is_store(self.target):
            self.store_path = str(self.target)
        elif self.target.is_file():
            fmt = FORMATS.get(self.target.suffix.lower())
            if fmt is None:
                raise QueryError(f"{self.target}: unknown RDF format; use one of {', '.join(sorted(FORMATS))} or a store folder")
            self._tmp = tempfile.mkdtemp(prefix="diplograph-serve-")
            self.store_path = str(Path(self._tmp) / "graph.store")
            store = ox.Store(self.store_path)
            try:
                store.bulk_load(path=str(self.target), format=getattr(ox.RdfFormat, fmt))
            except (SyntaxError, ValueError) as exc:
                raise QueryError(f"{self.target}: cannot parse as {fmt.lower()}: {exc}") from exc
            store.flush()
            del store
        else:
            raise QueryError(f"{self.target}: no such file or store (build one with `diplograph build INPUT -o graphs/NAME`)")
        self.public = False  # bound beyond loopback: any Host header is fine
        self.public_hosts: tuple[str, ...] = ()  # host names of --base (a proxy in front of a loopback server)
        self.base: str | None = None  # the public address of the deployment (--base), for links in pages
        self.pool = Pool(self.store_path, workers)
        self._graph_page: tuple[str, bytes] | None = None

    def close(self) -> None:
        self.pool.close()
        if self._tmp:
            shutil.rmtree(self._tmp, ignore_errors=True)

    def run(self, sparql: str, fmt: str) -> tuple[int, str, bytes]:
        return self.pool.run(sparql, fmt, self.timeout)

    def graph_page(self) -> bytes:
        # made again once a writer committed (`diplograph add` while serving): the store's generation changed
        from .durable import StoreLock
        from .export.html import render_html
        from .store import GraphStore

        lock = StoreLock(self.store_path)
        with lock.reading():
            generation = lock.generation()
            if self._graph_page is None or self._graph_page[0] != generation:
                graph = GraphStore(self.store_path, read_only=True).to_networkx()
                self._graph_page = (generation, render_html(graph, title=self.target.name).encode())
        return self._graph_page[1]


def _choose_format(accept: str, explicit: str | None) -> str:
    if explicit:
        return explicit if explicit in RESULT_TYPES else "json"
    accept = accept.lower()
    for fmt, mime in (("xml", "sparql-results+xml"), ("csv", "text/csv"), ("tsv", "tab-separated-values"), ("json", "json")):
        if mime in accept:
            return fmt
    return "json"


class Server(ThreadingHTTPServer):
    """A threading HTTP server that serves at most ``max_connections`` at once and answers the
    next ones 503 straight away."""

    daemon_threads = True

    def __init__(self, address, handler, max_connections: int = MAX_CONNECTIONS):
        super().__init__(address, handler)
        self.slots = threading.BoundedSemaphore(max_connections)

    def process_request(self, request, client_address):
        if not self.slots.acquire(blocking=False):
            body = b"too many connections; try again"
            with contextlib.suppress(OSError):
                request.settimeout(1)
                request.sendall(b"HTTP/1.0 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
                                b"Content-Length: %d\r\nConnection: close\r\n\r\n%s" % (len(body), body))
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self.slots.release()
            raise

    def process_request_thread(self, request, client_address):
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()


def make_handler(endpoint: Endpoint, request_timeout: float = REQUEST_TIMEOUT):
    class Handler(BaseHTTPRequestHandler):
        server_version = "diplograph-sparql/1"
        timeout = request_timeout  # no single read or write of the socket waits longer

        def log_message(self, fmt, *args):  # quieter than the default: one line a request on stderr
            pass

        def setup(self):
            super().setup()
            # the whole request (line, headers, body) must arrive in time: past it, reading stops
            self._watchdog = threading.Timer(request_timeout, self._too_slow)
            self._watchdog.daemon = True
            self._watchdog.start()

        def _too_slow(self):
            with contextlib.suppress(OSError):
                self.connection.shutdown(socket.SHUT_RD)

        def _request_read(self) -> None:
            self._watchdog.cancel()

        def finish(self):
            self._watchdog.cancel()
            with contextlib.suppress(OSError):
                super().finish()

        def _read_body(self, length: int) -> bytes | None:
            """Exactly ``length`` bytes, or None when the client stops short or is too slow."""
            chunks, left = [], length
            try:
                while left:
                    chunk = self.rfile.read1(min(left, 1 << 16)) if hasattr(self.rfile, "read1") else self.rfile.read(min(left, 1 << 16))
                    if not chunk:
                        return None
                    chunks.append(chunk)
                    left -= len(chunk)
            except (TimeoutError, OSError):
                return None
            return b"".join(chunks)

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
            self._request_read()
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
            if self.headers.get("Content-Length") is None:
                self._send(411, "text/plain; charset=utf-8", b"send a Content-Length header with the query")
                return
            try:
                length = int(self.headers.get("Content-Length"))
            except ValueError:
                self._send(400, "text/plain; charset=utf-8", b"bad Content-Length")
                return
            if length < 0 or length > MAX_QUERY_BYTES:
                self._send(413, "text/plain; charset=utf-8", b"query too large")
                return
            raw = self._read_body(length)
            self._request_read()
            if raw is None:  # cut short or too slow: never run part of a query
                with contextlib.suppress(OSError):
                    self._send(408, "text/plain; charset=utf-8", b"the request body did not arrive whole in time")
                self.close_connection = True
                return
            body = raw.decode("utf-8", errors="replace")
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


def make_server(target: str | Path, host: str = "127.0.0.1", port: int = 7878, timeout: float = 10.0, base: str | None = None,
                workers: int = MAX_WORKERS, max_connections: int = MAX_CONNECTIONS, request_timeout: float = REQUEST_TIMEOUT):
    """The HTTP server and its endpoint, bound and ready (``server.serve_forever()`` runs it;
    ``server.shutdown()`` then ``close_server(server)`` stops it, its workers and removes temporary files).
    ``base``: the public address this server is reached at (see :func:`diplograph.linked.check_base`)."""
    public = linked.check_base(base) if base else (None, ())
    endpoint = Endpoint(target, timeout, workers)
    endpoint.public = host not in ("127.0.0.1", "localhost", "::1")
    endpoint.base, endpoint.public_hosts = public
    try:
        server = Server((host, port), make_handler(endpoint, request_timeout), max_connections)
    except OSError as exc:
        endpoint.close()
        raise QueryError(f"cannot listen on {host}:{port} ({exc.strerror}); pick another --port") from exc
    server.endpoint = endpoint
    return server


def close_server(server) -> None:
    server.server_close()
    server.endpoint.close()


def serve(target: str | Path, host: str = "127.0.0.1", port: int = 7878, timeout: float = 10.0, ready=None,
          base: str | None = None, workers: int = MAX_WORKERS) -> None:
    """Serve until interrupted. ``ready(url)`` is called once the socket listens."""
    server = make_server(target, host, port, timeout, base, workers)
    url = f"http://{host}:{server.server_address[1]}/"
    try:
        if ready:
            ready(url)
        server.serve_forever()
    finally:
        close_server(server)
