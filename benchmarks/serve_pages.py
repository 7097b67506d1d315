"""Response times of serve's pages on a real corpus: the actor pages (HTML and Turtle) of the
most mentioned actors, a document page, the YASGUI page and a named example through /sparql.
The store is built from ../shared/corpus (270 Wikinews articles, 2019-2020) unless one is given.

Run:  .venv/bin/python benchmarks/serve_pages.py [STORE]
Writes benchmarks/results/serve_pages.json (median of 5 requests each, after one warm-up).
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "wikinews_2019_2020.jsonl"


def timed(url: str, accept: str, repeat: int = 5) -> dict:
    def once() -> tuple[float, int]:
        start = time.perf_counter()
        with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": accept}), timeout=60) as resp:
            size = len(resp.read())
        return time.perf_counter() - start, size

    once()
    runs = [once() for _ in range(repeat)]
    return {"median_ms": round(statistics.median(t for t, _ in runs) * 1000), "bytes": runs[0][1]}


def main(store: Path | None = None) -> dict:
    from diplograph.api import build, query
    from diplograph.serve import close_server, make_server

    tmp = tempfile.TemporaryDirectory()
    source = str(store) if store else "../shared/corpus/wikinews_2019_2020.jsonl"
    if store is None:
        store = Path(tmp.name) / "corpus.store"
        start = time.perf_counter()
        build([str(CORPUS)], store=store, progress=False)
        print(f"built {store} in {time.perf_counter() - start:.0f} s")
    top = json.loads(query(store, """SELECT ?id (COUNT(?m) AS ?n) WHERE { { ?m rdf:subject ?a } UNION { ?m rdf:object ?a }
        BIND(STRAFTER(STR(?a), "/id/actor/") AS ?id) } GROUP BY ?id ORDER BY DESC(?n) LIMIT 3""", "json"))
    actors = [(b["id"]["value"], int(b["n"]["value"])) for b in top["results"]["bindings"]]
    doc = json.loads(query(store, "SELECT ?id WHERE { ?d a dg:Document ; dct:identifier ?id } ORDER BY ?id LIMIT 1", "json"))
    doc_id = doc["results"]["bindings"][0]["id"]["value"]
    server = make_server(store, port=0, timeout=30)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    results: dict = {"store": source, "machine": "2 cores, shared with other work", "pages": {}}
    try:
        for actor, mentions in actors:
            for accept in ("text/html", "text/turtle"):
                results["pages"][f"/id/actor/{actor} ({mentions} mentions) {accept}"] = timed(f"{url}/id/actor/{actor}", accept)
        results["pages"][f"/id/doc/{doc_id} text/html"] = timed(f"{url}/id/doc/{urllib.parse.quote(doc_id, safe='')}", "text/html")
        results["pages"]["/ (YASGUI page)"] = timed(url + "/", "text/html")
        results["pages"]["/static/yasgui/yasgui.min.js"] = timed(url + "/static/yasgui/yasgui.min.js", "*/*")
        sparql = urllib.parse.urlencode({"query": "SELECT ?a ?b WHERE { ?a dg:accuses ?b }"})
        results["pages"]["/sparql accusations"] = timed(f"{url}/sparql?{sparql}", "application/sparql-results+json")
    finally:
        server.shutdown()
        close_server(server)
        tmp.cleanup()
    out = ROOT / "benchmarks" / "results" / "serve_pages.json"
    out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(results, indent=1))
    return results


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
