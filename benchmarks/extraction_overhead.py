"""How much time diplograph adds on top of bare spaCy parsing.

Three timings over the same N articles (default 300: the sample articles, and the seed and gold
texts from ../shared when present, cycled to N):

  bare      spacy.load(model) and nlp.pipe, nothing else
  pipeline  diplograph's spaCy pipeline (line-break sentence starts, gazetteer entity ruler)
  full      pipeline + actor resolution + relation extraction (what `diplograph extract` does)

Run:  .venv/bin/python benchmarks/extraction_overhead.py [--docs 300] [--repeat 5]
Writes benchmarks/results/extraction_overhead.json.
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from itertools import cycle, islice
from pathlib import Path

import spacy

from diplograph.extract import extract_relations
from diplograph.ingest import read_documents
from diplograph.model import Document
from diplograph.nlp import load_pipeline, model_name
from diplograph.resolve import DocContext

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def corpus(n: int) -> list[Document]:
    docs = list(read_documents([str(ROOT / "examples" / "articles")]))
    seed = SHARED / "seeds" / "000_0d735557f46a095c.txt"
    if seed.exists():
        docs += list(read_documents([str(seed)]))
    for gold in sorted((SHARED / "eval").glob("*.jsonl")):
        for line in gold.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            docs.append(Document(rec.get("id", "g"), rec["text"], date=rec.get("date")))
    return [Document(f"{d.id}#{i}", d.text, d.title, d.date) for i, d in enumerate(islice(cycle(docs), n))]


def best_of(repeat: int, *funcs) -> list[float]:
    """The best time of each function over ``repeat`` rounds, the functions interleaved within a
    round so that a change of load on a shared machine touches them all alike."""
    times: list[list[float]] = [[] for _ in funcs]
    for _ in range(repeat):
        for func, spent in zip(funcs, times):
            start = time.perf_counter()
            func()
            spent.append(time.perf_counter() - start)
    return [min(t) for t in times]


def save_result(name: str, result: dict) -> None:
    """Write benchmarks/results/NAME.json and print it."""
    out = ROOT / "benchmarks" / "results" / f"{name}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=1))


def options(description: str) -> argparse.Namespace:
    """--docs N (articles, default 300) and --repeat N (rounds, default 5)."""
    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=5)
    return parser.parse_args()


def main() -> None:
    args = options(__doc__)
    docs = corpus(args.docs)
    texts = [d.text for d in docs]
    nlp = load_pipeline()
    bare = spacy.load(model_name(nlp))
    words = sum(len(t.split()) for t in texts)

    def run_bare():
        for _ in bare.pipe(texts, batch_size=16):
            pass

    def run_pipeline():
        for _ in nlp.pipe(texts, batch_size=16):
            pass

    relations = []

    def run_full():
        relations.clear()
        for doc, parsed in zip(docs, nlp.pipe(texts, batch_size=16)):
            relations.extend(extract_relations(DocContext(doc, parsed)))

    run_full()  # warm caches (gazetteer, lexicon)
    t_bare, t_pipe, t_full = best_of(args.repeat, run_bare, run_pipeline, run_full)
    result = {
        "docs": len(docs),
        "words": words,
        "relations": len(relations),
        "model": model_name(nlp),
        "seconds": {"bare_spacy": round(t_bare, 3), "diplograph_pipeline": round(t_pipe, 3), "full_extraction": round(t_full, 3)},
        "ms_per_doc": {k: round(1000 * v / len(docs), 2) for k, v in (("bare_spacy", t_bare), ("diplograph_pipeline", t_pipe), ("full_extraction", t_full))},
        "overhead_over_bare_percent": round(100 * (t_full - t_bare) / t_bare, 1),
        "resolve_extract_share_percent": round(100 * (t_full - t_pipe) / t_full, 1),
        "machine": {"python": platform.python_version(), "processor": platform.machine(), "spacy": spacy.__version__},
    }
    save_result("extraction_overhead", result)


if __name__ == "__main__":
    main()
