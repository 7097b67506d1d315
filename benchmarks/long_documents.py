"""Cost of one long document: time and peak memory by length, read in pieces (the default) and
as one piece (the old way), side by side. Texts are the Wikinews corpus articles joined by blank
lines (repeated as needed), cut to each length.

    .venv/bin/python benchmarks/long_documents.py                 # 100k, 250k, 500k, 1M characters
    .venv/bin/python benchmarks/long_documents.py --sizes 100000 --whole-up-to 100000

Each measurement runs in a fresh process (peak RSS is per process). Writes
benchmarks/results/long_documents.md.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "wikinews_2019_2020.jsonl"


def text_of(size: int) -> str:
    articles = [json.loads(line)["text"] for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    text = ""
    while len(text) < size:
        text += "\n\n".join(articles) + "\n\n"
    return text[:size]


def measure(size: int, whole: bool) -> dict:
    """Run in this process: parse, resolve and extract one document of ``size`` characters."""
    from diplograph import nlp, pipeline
    from diplograph.ingest import IngestReport
    from diplograph.model import Document

    if whole:
        nlp.load_pipeline().max_length = 10**8
        pipeline.pieces = lambda text, limit=None: [(0, len(text))]
    nlp.load_pipeline()
    document = Document("long", text_of(size))
    report = IngestReport()
    start = time.perf_counter()
    results = list(pipeline.process([document], report=report))
    seconds = time.perf_counter() - start
    relations = len(results[0].relations) if results else 0
    return {"size": size, "whole": whole, "seconds": round(seconds, 1), "relations": relations,
            "pieces": 1 if whole else len(nlp.pieces(document.text)),
            "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "error": "; ".join(str(e) for e in report.errors)[:200]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,250000,500000,1000000")
    parser.add_argument("--whole-up-to", type=int, default=500_000, help="also measure as one piece up to this length")
    parser.add_argument("--limit", type=float, default=300, help="stop a measurement after this many seconds")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        size, whole = args.one.split(":")
        print(json.dumps(measure(int(size), whole == "whole")))
        return
    rows = []
    for size in map(int, args.sizes.split(",")):
        for whole in (False, True):
            if whole and size > args.whole_up_to:
                continue
            try:
                out = subprocess.run([sys.executable, __file__, "--one", f"{size}:{'whole' if whole else 'pieces'}"],
                                     capture_output=True, text=True, check=True, timeout=args.limit).stdout
                row = json.loads(out.strip().splitlines()[-1])
            except subprocess.TimeoutExpired:
                row = {"size": size, "whole": whole, "seconds": None, "relations": "", "pieces": 1 if whole else "",
                       "peak_mb": "", "error": f"stopped after {args.limit:g} s"}
            rows.append(row)
            print(row, flush=True)
    lines = ["# One long document: time and peak memory by length", "",
             f"`{' '.join(sys.argv)}` on this machine (2 cores, shared); model loading excluded from the time.", "",
             "| characters | read as | pieces | seconds | µs/char | peak RSS MB | relations | note |", "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        seconds = f"{r['seconds']}" if r["seconds"] is not None else f"> {args.limit:g}"
        per_char = f"{r['seconds'] / r['size'] * 1e6:.0f}" if r["seconds"] is not None else ""
        lines.append(f"| {r['size']:,} | {'one piece' if r['whole'] else 'pieces'} | {r['pieces']} | {seconds} | "
                     f"{per_char} | {r['peak_mb']} | {r['relations']} | {r['error']} |")
    out = ROOT / "benchmarks" / "results" / "long_documents.md"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
