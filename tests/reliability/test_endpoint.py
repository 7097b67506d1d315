"""Issue 12, items 1-3 and 8 on the endpoint: SERVICE refused without calling out, deep nesting
answered, slow or cut requests never run, connections capped, warm workers that still time out."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from diplograph.api import build
from support import Listener, reported_bypass

REQUEST_TIMEOUT = 1.5
MAX_CONNECTIONS = 6


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from diplograph.serve import close_server, make_server

    folder = tmp_path_factory.mktemp("endpoint")
    (folder / "a.txt").write_text("Kenya condemned Uganda. Ghana praised Togo.", encoding="utf-8")
    build([str(folder / "a.txt")], store=folder / "s.store", progress=False)
    srv = make_server(folder / "s.store", port=0, timeout=3, workers=2, max_connections=MAX_CONNECTIONS,
                      request_timeout=REQUEST_TIMEOUT)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    srv.url = f"http://127.0.0.1:{srv.server_address[1]}"
    yield srv
    srv.shutdown()
    close_server(srv)


def http(url, data=None, headers=None, timeout=30):
    req = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, resp.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def ask(server, sparql, **kwargs):
    return http(f"{server.url}/sparql?" + urllib.parse.urlencode({"query": sparql}), **kwargs)


def test_service_is_refused_and_nothing_is_called(server):
    listener = Listener()
    for sparql in reported_bypass(listener.port):
        status, body = http(f"{server.url}/sparql", data=sparql.encode(), headers={"Content-Type": "application/sparql-query"})
        assert status == 403 and "SERVICE" in body
    assert listener.hits == 0


def test_deep_nesting_is_answered_and_the_endpoint_lives_on(server):
    status, body = http(f"{server.url}/sparql", data=("ASK " + "{" * 3000 + "}" * 3000).encode(),
                        headers={"Content-Type": "application/sparql-query"})
    assert status == 400 and "nested too deeply" in body
    assert ask(server, "ASK { ?a dg:criticizes ?b }")[0] == 200


def _partial_post(server, body: bytes, declared: int) -> socket.socket:
    sock = socket.create_connection(server.server_address)
    sock.sendall(b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
                 b"Content-Length: %d\r\n\r\n%s" % (declared, body))
    return sock


def test_cut_bodies_never_run(server):
    before = server.endpoint.pool.asked
    for _ in range(20):  # the client gives up half way: the truncated query must not run
        sock = _partial_post(server, b"ASK { ?a ?b ?c }", 400)
        sock.close()
    time.sleep(0.5)
    assert server.endpoint.pool.asked == before
    assert ask(server, "ASK {}")[0] == 200


def test_slow_bodies_time_out_and_never_run(server):
    before = server.endpoint.pool.asked
    sock = _partial_post(server, b"ASK {", 400)
    start = time.monotonic()
    sock.settimeout(10)
    answer = sock.recv(4096)
    assert time.monotonic() - start < REQUEST_TIMEOUT + 3
    assert answer.startswith(b"HTTP/1.0 408") or answer == b""
    sock.close()
    # dripping one byte at a time does not stretch the deadline either
    sock = _partial_post(server, b"", 100)
    start = time.monotonic()
    with pytest.raises(OSError):
        for _ in range(100):
            sock.sendall(b" ")
            time.sleep(0.2)
            if time.monotonic() - start > REQUEST_TIMEOUT + 3:
                break
    assert time.monotonic() - start < REQUEST_TIMEOUT + 3
    sock.close()
    assert server.endpoint.pool.asked == before


def test_connections_are_capped(server):
    held = [_partial_post(server, b"", 100) for _ in range(MAX_CONNECTIONS)]
    time.sleep(0.3)
    extra = socket.create_connection(server.server_address)
    extra.settimeout(5)
    extra.sendall(b"GET /sparql?query=ASK%7B%7D HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
    assert extra.recv(4096).startswith(b"HTTP/1.0 503")
    for sock in held:
        sock.close()
    extra.close()
    time.sleep(REQUEST_TIMEOUT + 0.5)  # the held slots are free again
    assert ask(server, "ASK {}")[0] == 200


def test_workers_stay_warm_and_a_timeout_replaces_only_its_worker(server):
    pool = server.endpoint.pool
    for _ in range(4):
        assert ask(server, "ASK { ?a dg:criticizes ?b }") == (200, '{"head":{},"boolean":true}')
    pids = {w.proc.pid for w in pool.workers}
    for _ in range(4):
        ask(server, "SELECT ?a WHERE { ?a ?b ?c }")
    assert {w.proc.pid for w in pool.workers} == pids  # the same processes answered: no start-up per query
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
    status, body = ask(server, slow)
    assert status == 503 and "timed out" in body
    after = {w.proc.pid for w in pool.workers}
    assert len(after - pids) == 1 and len(after & pids) == 1
    assert ask(server, "ASK { ?a dg:praises ?b }")[0] == 200


def test_workers_import_only_what_queries_need():
    code = ("import sys, diplograph.worker, rdflib.plugins.sparql.parser; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'spacy', 'thinc', 'networkx', 'numpy', 'jinja2', 'click', 'trafilatura'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60).stdout.strip()
    assert out == "[]"
