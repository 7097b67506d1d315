"""RDF at a million triples: rdflib vs pyoxigraph, parsing and the named example queries.

A synthetic corpus (deterministic: seeded random) of relation mentions among a few thousand
actors goes through the same code as real extraction output (graph.assemble -> export.rdf),
to about a million triples. Then, each in a fresh subprocess so memory is measured alone:

  parse     rdflib Graph.parse(Turtle) vs pyoxigraph Store.bulk_load (memory) and (disk)
  queries   every example query of `diplograph query --list-examples`, on pyoxigraph (the
            on-disk store, as `diplograph query STORE` runs it) and on rdflib (in memory)

Run:  .venv/bin/python benchmarks/rdf_scale.py [--mentions 42000] [--rdflib-timeout 120]
Writes benchmarks/results/rdf_scale.json and benchmarks/results/rdf_scale.md.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import platform
import random
import resource
import shutil
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def synthetic_graph(mentions: int, actors: int = 3000, seed: int = 7):
    from diplograph.graph import assemble
    from diplograph.schema import RELATIONS

    rng = random.Random(seed)
    types = ["country"] * 4 + ["person"] * 4 + ["organisation"] * 2 + ["group"]
    info = {}
    for i in range(actors):
        t = rng.choice(types)
        info[f"actor_{i:05d}"] = {"label": f"Actor {i}", "type": t, "qid": f"Q{100000 + i}" if t == "country" or i % 3 == 0 else None,
                                  "state": None, "aliases": {f"A{i}", f"Actor number {i}"}, "surfaces": set(), "mentions": 0, "documents": set()}
    ids = list(info)
    weights = [1 / (rank + 1) ** 0.8 for rank in range(actors)]  # a few actors dominate, as in news
    relations = list(RELATIONS)
    documents, records = {}, []
    doc_count = max(mentions // 6, 1)
    for d in range(doc_count):
        doc_id = f"doc-{d:06d}"
        date = f"{2015 + d % 10}-{1 + d % 12:02d}-{1 + d % 28:02d}"
        documents[doc_id] = {"title": f"Article {d}", "date": date, "url": f"https://news.example/{d}", "source": "synthetic",
                             "hash": f"{d:064x}"}
    for m in range(mentions):
        doc_id = f"doc-{m % doc_count:06d}"
        s, o = rng.choices(ids, weights, k=2)
        if s == o:
            continue
        rel = rng.choice(relations)
        start = rng.randrange(0, 5000)
        sentence = f"Synthetic sentence {m} in which Actor {s[-5:]} {rel.replace('_', ' ')} Actor {o[-5:]} after talks."
        records.append({
            "subject": s, "relation": rel, "object": o, "doc_id": doc_id, "title": documents[doc_id]["title"], "url": None,
            "sentence": sentence, "sentence_start": start, "sentence_end": start + len(sentence),
            "subject_mention": f"Actor {s[-5:]}", "subject_start": start + 30, "subject_end": start + 41,
            "object_mention": f"Actor {o[-5:]}", "object_start": start + 60, "object_end": start + 71,
            "polarity": "negated" if rng.random() < 0.05 else "affirmed",
            "modality": rng.choice(["asserted"] * 8 + ["planned", "alleged", "hypothetical"]),
            "attributed_to": rng.choice(ids) if rng.random() < 0.2 else None, "attributed_label": None,
            "confidence": round(rng.uniform(0.5, 0.95), 2), "date": documents[doc_id]["date"], "cue": rel.split("_")[0],
            "cameo": RELATIONS[rel].cameo, "method": "verb",
        })
        for a in (s, o):
            info[a]["mentions"] += 1
            info[a]["documents"].add(doc_id)
    return assemble(info, records, documents)


def _rss_mb() -> float:
    """Peak resident memory of this process (VmHWM; ru_maxrss would carry the parent's peak over exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child(task, args, conn):
    try:
        conn.send(task(*args))
    except Exception as exc:  # report, do not hang the parent
        conn.send({"error": repr(exc)})


def in_subprocess(task, *args, timeout: float = 600):
    ctx = multiprocessing.get_context("spawn")
    receive, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(task, args, send))
    proc.start()
    if receive.poll(timeout):
        result = receive.recv()
        proc.join()
        return result
    proc.kill()
    proc.join()
    return {"timeout": timeout}


def parse_rdflib(path: str) -> dict:
    import rdflib

    base = _rss_mb()
    start = time.perf_counter()
    g = rdflib.Graph()
    g.parse(path, format="turtle")
    return {"seconds": round(time.perf_counter() - start, 2), "triples": len(g), "rss_mb": round(_rss_mb() - base)}


def parse_oxigraph(path: str, on_disk: str | None) -> dict:
    import pyoxigraph as ox

    base = _rss_mb()
    start = time.perf_counter()
    store = ox.Store(on_disk) if on_disk else ox.Store()
    store.bulk_load(path=path, format=ox.RdfFormat.TURTLE)
    if on_disk:
        store.flush()
    return {"seconds": round(time.perf_counter() - start, 2), "triples": len(store), "rss_mb": round(_rss_mb() - base)}


def queries_oxigraph(store_path: str, params: dict) -> dict:
    from diplograph.query import examples, run_query

    out = {}
    for name in examples():
        start = time.perf_counter()
        result = run_query(store_path, example=name, params={k: v for k, v in params.items() if k in examples()[name].params})
        out[name] = {"seconds": round(time.perf_counter() - start, 3), "rows": len(result.rows)}
    return out


def query_rdflib(path: str, name: str, params: dict) -> dict:
    from diplograph.query import Target, bind_params, examples, with_values

    start = time.perf_counter()
    target = Target(path, engine="rdflib")
    loaded = time.perf_counter() - start
    ex = examples()[name]
    sparql = with_values(ex.text, bind_params(ex, {k: v for k, v in params.items() if k in ex.params}))
    start = time.perf_counter()
    result = target.run(sparql)
    return {"seconds": round(time.perf_counter() - start, 3), "rows": len(result.rows), "load_seconds": round(loaded, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mentions", type=int, default=42000)
    parser.add_argument("--rdflib-timeout", type=float, default=120)
    parser.add_argument("--skip-rdflib-queries", action="store_true")
    args = parser.parse_args()

    from diplograph.export.rdf import write_rdf
    from diplograph.query import Target

    work = Path(tempfile.mkdtemp(prefix="diplograph-bench-"))
    try:
        t0 = time.perf_counter()
        G = synthetic_graph(args.mentions)
        ttl = write_rdf(G, work / "synthetic.ttl")
        generated = round(time.perf_counter() - t0, 1)
        store_path = str(work / "synthetic.store")
        results = {"mentions": args.mentions, "generate_and_write_seconds": generated,
                   "turtle_mb": round(ttl.stat().st_size / 1e6, 1)}
        results["parse"] = {
            "rdflib": in_subprocess(parse_rdflib, str(ttl)),
            "pyoxigraph_memory": in_subprocess(parse_oxigraph, str(ttl), None),
            "pyoxigraph_disk": in_subprocess(parse_oxigraph, str(ttl), store_path),
        }
        results["triples"] = results["parse"]["pyoxigraph_disk"].get("triples")
        top = max(G.edges(data=True), key=lambda e: e[2]["count"])
        params = {"a": top[0], "b": top[1], "actor": top[0], "relation": "accuses"}
        results["query_params"] = params
        results["queries"] = {"pyoxigraph_store": in_subprocess(queries_oxigraph, store_path, params)}
        if not args.skip_rdflib_queries:
            from diplograph.query import examples

            results["queries"]["rdflib"] = {name: in_subprocess(query_rdflib, str(ttl), name, params, timeout=args.rdflib_timeout + 90)
                                            for name in examples()}
        results["machine"] = {"python": platform.python_version(), "processor": platform.machine(), "cpus": multiprocessing.cpu_count()}
        del Target
    finally:
        shutil.rmtree(work, ignore_errors=True)
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "rdf_scale.json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    lines = [f"# RDF at scale: {results['triples']} triples ({results['mentions']} synthetic mentions)", "",
             "| step | rdflib | pyoxigraph |", "|---|---|---|"]
    p = results["parse"]
    lines.append(f"| parse Turtle ({results['turtle_mb']} MB) | {p['rdflib'].get('seconds')} s, {p['rdflib'].get('rss_mb')} MB | "
                 f"{p['pyoxigraph_memory'].get('seconds')} s, {p['pyoxigraph_memory'].get('rss_mb')} MB in memory; "
                 f"{p['pyoxigraph_disk'].get('seconds')} s to an on-disk store |")
    for name, r in results["queries"]["pyoxigraph_store"].items():
        rl = results["queries"].get("rdflib", {}).get(name, {})
        rl_text = f"{rl['seconds']} s" if "seconds" in rl else ("> timeout" if "timeout" in rl else rl.get("error", "not run"))
        lines.append(f"| example `{name}` | {rl_text} | {r['seconds']} s ({r['rows']} rows) |" if isinstance(r, dict) and "seconds" in r
                     else f"| example `{name}` | {rl_text} | {r} |")
    (out / "rdf_scale.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
