"""Load test of ``diplograph serve`` on 127.0.0.1 (issue 12, item 8): 8 clients for 30 s, each
sending the named example queries in turn (default parameters, JSON results), on a store of 300
documents (the 270 Wikinews corpus articles and 30 of them again under new ids). Also the latency
of ``ASK {}`` from one client. Bounded: it stops by itself.

    .venv/bin/python benchmarks/serve_load.py                   # builds the store, serves it, measures
    .venv/bin/python benchmarks/serve_load.py --clients 8 --seconds 30 --store graphs/corpus300.store

Writes benchmarks/results/serve_load.md.
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "wikinews_2019_2020.jsonl"
BIN = ROOT / ".venv" / "bin" / "diplograph"


def corpus_300(path: Path) -> Path:
    records = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    extra = [dict(r, id=r["id"] + "#2", text=r["text"] + "\n[2]") for r in records[:300 - len(records)]]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records + extra), encoding="utf-8")
    return path


def queries() -> list[tuple[str, str]]:
    from diplograph.query import bind_params, examples, with_values

    return [(name, with_values(ex.text, bind_params(ex, {}))) for name, ex in examples().items()]


def request(url: str, sparql: str) -> tuple[int, float]:
    data = urllib.parse.urlencode({"query": sparql}).encode()
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=data, headers={"Accept": "application/sparql-results+json"}),
                                    timeout=60) as resp:
            resp.read()
            status = resp.status
    except urllib.error.HTTPError as exc:
        exc.read()
        status = exc.code
    except OSError:
        status = 0
    return status, time.perf_counter() - start


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q / 100 * (len(values) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--store", type=Path, help="an existing store (default: build one from the corpus)")
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="serve-load-"))
    store = args.store
    if store is None:
        store = folder / "corpus300.store"
        start = time.perf_counter()
        subprocess.run([str(BIN), "build", str(corpus_300(folder / "corpus300.jsonl")), "--store", str(store), "--no-progress"],
                       check=True, capture_output=True)
        print(f"built the 300-document store in {time.perf_counter() - start:.0f} s", flush=True)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([str(BIN), "serve", str(store), "--port", str(port), "--workers", str(args.workers)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    server.stdout.readline()  # "serving ..."
    url = f"http://127.0.0.1:{port}/sparql"
    try:
        for _ in range(3):
            request(url, "ASK {}")
        ask = [request(url, "ASK {}")[1] for _ in range(50)]
        work = queries()
        results: list[tuple[str, int, float]] = []
        lock = threading.Lock()
        deadline = time.monotonic() + args.seconds

        def client(offset: int) -> None:
            i = offset
            while time.monotonic() < deadline:
                name, sparql = work[i % len(work)]
                status, seconds = request(url, sparql)
                with lock:
                    results.append((name, status, seconds))
                i += 1

        threads = [threading.Thread(target=client, args=(k,)) for k in range(args.clients)]
        began = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - began
    finally:
        server.terminate()
        server.wait(30)
    ok = [s for _, status, s in results if status == 200]
    statuses = Counter(status for _, status, _ in results)
    per_query = {}
    for name, status, seconds in results:
        per_query.setdefault(name, []).append(seconds)
    summary = {"requests": len(results), "ok": len(ok), "statuses": dict(statuses), "rps": round(len(results) / elapsed, 1),
               "p50": round(percentile(ok, 50), 3), "p95": round(percentile(ok, 95), 3), "p99": round(percentile(ok, 99), 3),
               "ask_p50_ms": round(statistics.median(ask) * 1000, 1), "ask_p95_ms": round(percentile(ask, 95) * 1000, 1)}
    print(json.dumps(summary), flush=True)
    lines = ["# Load test of `diplograph serve` (issue 12, item 8)", "",
             f"`{' '.join(['.venv/bin/python', *sys.argv])}`: {args.clients} clients for {args.seconds:g} s on 127.0.0.1, "
             f"each sending the {len(work)} named examples in turn (POST, JSON results), {args.workers} workers, "
             "a store of 300 documents; 2 shared cores.", "",
             "| requests | answered 200 | statuses | requests/s | p50 s | p95 s | p99 s | `ASK {}` p50 / p95 ms |",
             "|---|---|---|---|---|---|---|---|",
             f"| {summary['requests']} | {summary['ok']} | {', '.join(f'{k}: {v}' for k, v in sorted(statuses.items()))} | "
             f"{summary['rps']} | {summary['p50']} | {summary['p95']} | {summary['p99']} | {summary['ask_p50_ms']} / {summary['ask_p95_ms']} |",
             "", "| example | requests | median s | max s |", "|---|---|---|---|"]
    for name in sorted(per_query):
        values = per_query[name]
        lines.append(f"| `{name}` | {len(values)} | {statistics.median(values):.3f} | {max(values):.3f} |")
    out = ROOT / "benchmarks" / "results" / "serve_load.md"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
