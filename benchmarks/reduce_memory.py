"""Memory of the reduce step alone: what `build`'s calling process holds as the corpus grows.

With ``--workers N`` the calling process does not parse: it receives each document's records,
appends them to the mention table, keeps the graph's counts and samples, and at the end writes
the files (`build -o`) or bulk-loads the store (`build --store`). This benchmark measures that
work without the parsing, so that large sizes take minutes: the 270 Wikinews articles of
../shared/corpus are parsed once (cached in --folder), their results are replicated under new
ids (``ID~rN``, as scale.py replicates the articles) to each size, fed to ``GraphBuilder``, and
written as `build -o` (every default format) or `build --store` writes them. Each size and
build runs in a fresh process whose RSS is sampled every 0.02 s.

Run:  .venv/bin/python benchmarks/reduce_memory.py [--sizes 1080,17280,34560] [--builds o,store]
Writes benchmarks/results/reduce_memory.json and reduce_memory.md.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import replace
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "wikinews_2019_2020.jsonl"
RESULTS = ROOT / "benchmarks" / "results"


def parsed(folder: Path) -> Path:
    """The corpus's per-document results (document, relations, actor mentions), parsed once."""
    cache = folder / "results-270.pickle"
    if not cache.exists():
        from diplograph.ingest import IngestReport, read_documents
        from diplograph.pipeline import process

        documents = list(read_documents([str(CORPUS)], IngestReport()))
        results = [(r.document, r.relations, r.mentions) for r in process(documents)]
        cache.write_bytes(pickle.dumps(results))
    return cache


class Peak:
    """The highest RSS of this process since the last ``reset``, sampled in a thread."""

    def __init__(self) -> None:
        self.process = psutil.Process()
        self.value = self.process.memory_info().rss
        self.lock = threading.Lock()  # a sample taken before a reset must not land after it
        threading.Thread(target=self._sample, daemon=True).start()

    def _sample(self) -> None:
        while True:
            with self.lock:
                self.value = max(self.value, self.process.memory_info().rss)
            time.sleep(0.02)

    def reset(self) -> float:
        """The peak so far (MB), then start again from the current RSS."""
        with self.lock:
            peak, self.value = self.value, self.process.memory_info().rss
        return round(peak / 2**20)


def child(size: int, build: str, folder: Path) -> dict:
    from diplograph.api import write_outputs
    from diplograph.graph import GraphBuilder
    from diplograph.store import replace_store

    results = pickle.loads(parsed(folder).read_bytes())
    peak = Peak()
    row: dict = {"documents": size, "build": f"-{build}" if build == "o" else f"--{build}", "start_mb": peak.reset()}
    start = time.perf_counter()
    builder = GraphBuilder()
    for i in range(size):
        document, relations, mentions = results[i % len(results)]
        document = replace(document, id=f"{document.id}~r{i // len(results)}")
        relations = [replace(r, evidence=replace(r.evidence, doc_id=document.id)) for r in relations]
        builder.add(document, relations, mentions)
    row.update(add_s=round(time.perf_counter() - start, 1), add_peak_mb=peak.reset())
    G = builder.graph()
    row.update(graph_s=round(time.perf_counter() - start, 1), graph_peak_mb=peak.reset(), mentions=builder.relation_count)
    with tempfile.TemporaryDirectory(dir=folder) as out:
        if build == "o":
            paths = write_outputs(G, Path(out) / "g", relations=builder.canonical_relations, documents=builder.document_items,
                                  mention_count=builder.relation_count)
            row["output_mb"] = {fmt: round(path.stat().st_size / 2**20, 1) for fmt, path in sorted(paths.items())}
        else:
            replace_store(Path(out) / "g.store", G, builder.document_items())
            row["output_mb"] = {"store": round(sum(f.stat().st_size for f in (Path(out) / "g.store").rglob("*") if f.is_file()) / 2**20, 1)}
        row.update(write_s=round(time.perf_counter() - start, 1), write_peak_mb=peak.reset())
    builder.close()
    row["peak_mb"] = max(row["add_peak_mb"], row["graph_peak_mb"], row["write_peak_mb"])
    return row


def markdown(rows: list[dict]) -> str:
    lines = ["# Memory of the reduce step (benchmarks/reduce_memory.py)", "",
             "The calling process's work in `build --workers N` without the parsing: results of the 270 articles",
             "replicated under new ids, fed to the graph builder, then written. RSS in MB; times are cumulative.", "",
             "| documents | build | mentions | start | peak while adding | peak of the graph | peak while writing | seconds (add, graph, write) | output MB |",
             "|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['documents']:,} | `{r['build']}` | {r['mentions']:,} | {r['start_mb']} | {r['add_peak_mb']} | {r['graph_peak_mb']} | "
                     f"{r['write_peak_mb']} | {r['add_s']}, {r['graph_s']}, {r['write_s']} | {r['output_mb']} |")
    by_build: dict[str, list[dict]] = {}
    for r in rows:
        by_build.setdefault(r["build"], []).append(r)
    lines.append("")
    for build, rs in by_build.items():
        small, large = min(rs, key=lambda r: r["documents"]), max(rs, key=lambda r: r["documents"])
        if large is not small:
            lines.append(f"- `{build}`: peak {large['peak_mb']} MB at {large['documents']:,} documents over {small['peak_mb']} MB at "
                         f"{small['documents']:,}: {large['peak_mb'] / small['peak_mb']:.2f}x")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1080,17280,34560")
    parser.add_argument("--builds", default="o,store")
    parser.add_argument("--folder", default=None, help="work folder, keeps the parsed corpus (default: a temporary one)")
    parser.add_argument("--child", nargs=2, metavar=("SIZE", "BUILD"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    folder = Path(args.folder or tempfile.mkdtemp(prefix="reduce-memory-"))
    folder.mkdir(parents=True, exist_ok=True)
    if args.child:
        print(json.dumps(child(int(args.child[0]), args.child[1], folder)))
        return
    parsed(folder)
    rows = []
    for build in args.builds.split(","):
        for size in map(int, args.sizes.split(",")):
            out = subprocess.run([sys.executable, __file__, "--folder", str(folder), "--child", str(size), build],
                                 capture_output=True, text=True, check=True, env={**os.environ, "PYTHONHASHSEED": "0"})
            rows.append(json.loads(out.stdout.splitlines()[-1]))
            print(rows[-1], flush=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "reduce_memory.json").write_text(json.dumps(rows, indent=1))
    (RESULTS / "reduce_memory.md").write_text(markdown(rows))
    print(markdown(rows))


if __name__ == "__main__":
    main()
