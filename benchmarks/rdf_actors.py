"""Many documents per actor: the union graph must state each fact once however many documents
name an actor (issue 12, item 7). The 270 Wikinews corpus articles are read once; their results
are then repeated under new document ids (``ID#2``, ``ID#3``, ...) to 1,000, 4,000 (and more)
documents, so every actor is named in many documents. For each size: build the store, then time

- the one-fact query ``?a dg:actorId "united_states" ; rdfs:label ?l ; dg:actorType ?t`` (rows: 1),
- every named example (rows and seconds),
- the person lookup every ``add`` runs first (``GraphStore.known_persons``),
- the graph rebuilt from the store and the explorer page (``export --formats html``),
- ``add`` of one changed document (the transaction with the shared-graph update).

    .venv/bin/python benchmarks/rdf_actors.py                  # 1,000 and 4,000 documents
    .venv/bin/python benchmarks/rdf_actors.py --sizes 1000,4000,16000

Writes benchmarks/results/rdf_actors.md.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "wikinews_2019_2020.jsonl"
FACT = 'SELECT ?l ?t WHERE { ?a dg:actorId "united_states" ; rdfs:label ?l ; dg:actorType ?t }'


def timed(function, *args, **kwargs):
    start = time.perf_counter()
    value = function(*args, **kwargs)
    return value, time.perf_counter() - start


def corpus_results():
    from diplograph.ingest import IngestReport, read_documents
    from diplograph.pipeline import process

    report = IngestReport()
    return list(process(read_documents([str(CORPUS)], report), report=report))


def repeated(results, size: int):
    """The corpus results under new ids, ``size`` documents in all."""
    out, copy = [], 0
    while len(out) < size:
        copy += 1
        for result in results:
            if len(out) == size:
                break
            if copy == 1:
                out.append(result)
                continue
            doc_id = f"{result.document.id}#{copy}"
            document = replace(result.document, id=doc_id, text=result.document.text + f"\n[{copy}]")
            relations = [replace(r, evidence=replace(r.evidence, doc_id=doc_id)) for r in result.relations]
            out.append(replace(result, document=document, relations=relations))
    return out


def measure(results, size: int, folder: Path) -> dict:
    from diplograph.api import add, export
    from diplograph.graph import GraphBuilder
    from diplograph.query import Target, examples, run_query
    from diplograph.store import GraphStore, replace_store

    builder = GraphBuilder()
    for result in repeated(results, size):
        builder.add(result.document, result.relations, result.mentions)
    G = builder.graph()
    store = folder / f"s{size}.store"
    _, build_s = timed(replace_store, store, G)
    row = {"documents": size, "build_s": round(build_s, 1), "quads": len(GraphStore(store, read_only=True))}
    rows, row["fact_s"] = timed(lambda: Target(store).run(FACT).rows)
    row["fact_rows"] = len(rows)
    row["examples"] = {}
    for name in examples():
        res, seconds = timed(run_query, store, example=name)
        row["examples"][name] = (len(res.rows), round(seconds, 2))
    with_persons, row["persons_s"] = timed(lambda: GraphStore(store, read_only=True).known_persons())
    row["persons"] = len(with_persons)
    _, row["html_s"] = timed(export, store, folder / f"e{size}", formats=("html",))
    changed = folder / "changed.jsonl"
    first = json.loads(CORPUS.read_text(encoding="utf-8").splitlines()[0])
    changed.write_text(json.dumps(dict(first, text=first["text"] + "\nThe United States criticised Russia.")) + "\n", encoding="utf-8")
    result, row["add_s"] = timed(add, [str(changed)], store)
    assert result.replaced == [first["id"]], result
    row["fact_rows_after_add"] = len(Target(store).run(FACT).rows)
    for key in ("fact_s", "persons_s", "html_s", "add_s"):
        row[key] = round(row[key], 2)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,4000")
    args = parser.parse_args()
    results, seconds = timed(corpus_results)
    print(f"read {len(results)} corpus documents in {seconds:.0f} s", flush=True)
    folder = Path(tempfile.mkdtemp(prefix="rdf-actors-"))
    rows = []
    try:
        for size in map(int, args.sizes.split(",")):
            row = measure(results, size, folder)
            print(json.dumps(row), flush=True)
            rows.append(row)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    names = sorted(rows[0]["examples"])
    lines = ["# Many documents per actor (issue 12, item 7)", "",
             f"`{' '.join(['.venv/bin/python', *sys.argv])}`: the 270 corpus articles repeated under new ids; "
             "2 shared cores. Seconds include opening the store.", "",
             "| documents | quads | build store s | one-fact rows | one-fact s | person lookup s (persons) | export html s | add one changed doc s | rows after add |",
             "|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['documents']:,} | {r['quads']:,} | {r['build_s']} | {r['fact_rows']} | {r['fact_s']} | "
                     f"{r['persons_s']} ({r['persons']}) | {r['html_s']} | {r['add_s']} | {r['fact_rows_after_add']} |")
    lines += ["", "Named examples, rows and seconds:", "", "| example | " + " | ".join(f"{r['documents']:,} docs" for r in rows) + " |",
              "|---|" + "---|" * len(rows)]
    for name in names:
        lines.append(f"| `{name}` | " + " | ".join(f"{r['examples'][name][0]} rows, {r['examples'][name][1]} s" for r in rows) + " |")
    out = ROOT / "benchmarks" / "results" / "rdf_actors.md"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
