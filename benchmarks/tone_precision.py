"""What judgements read from the tone of quotes (VADER) do to precision and recall.

Issue 10 asked for quoted evaluations ("'the plan is reckless,' said X") to be read as praise or
criticism of the actor judged, scored with VADER's lexicon, and for what that does to precision to
be measured. This scores every gold file with those judgements and without them (the tone of
every clause taken as neutral), in one process, and writes the difference per file and in total.

Run:  .venv/bin/python benchmarks/tone_precision.py
Writes benchmarks/results/tone_precision.json.
"""

from __future__ import annotations

import sys
from pathlib import Path

from extraction_overhead import save_result

from diplograph.evaluate import evaluate
from diplograph.extract.frames import speech

ROOT = Path(__file__).resolve().parent.parent
GOLD = [ROOT.parent / "shared" / "eval" / name for name in ("seed_gold.jsonl", "wikinews_dev.jsonl", "wikinews_articles.jsonl")] + [
    ROOT / "benchmarks" / "data" / name for name in ("team_eval.jsonl", "team_eval2.jsonl", "team_eval3.jsonl", "heldout.jsonl")]


def scores(path: Path) -> dict:
    result = evaluate(path)
    return {k: result[k] for k in ("tp", "fp", "fn", "precision", "recall", "f1", "forbidden_hits")}


def main() -> None:
    files = [p for p in GOLD if p.exists()]
    if not files:
        sys.exit("no gold files found: ../shared/eval and benchmarks/data are needed")
    real_tone = speech.tone
    out: dict = {"files": {}}
    totals = {"with_tone": dict.fromkeys(("tp", "fp", "fn", "forbidden_hits"), 0), "without_tone": dict.fromkeys(("tp", "fp", "fn", "forbidden_hits"), 0)}
    for path in files:
        row = {}
        for name, fn in (("with_tone", real_tone), ("without_tone", lambda text: 0.0)):
            speech.tone = fn
            row[name] = scores(path)
            for k in totals[name]:
                totals[name][k] += row[name][k]
        speech.tone = real_tone
        row["tone_adds"] = {"tp": row["with_tone"]["tp"] - row["without_tone"]["tp"], "fp": row["with_tone"]["fp"] - row["without_tone"]["fp"]}
        out["files"][path.name] = row
    for name, t in totals.items():
        t["precision"] = round(t["tp"] / max(t["tp"] + t["fp"], 1), 3)
        t["recall"] = round(t["tp"] / max(t["tp"] + t["fn"], 1), 3)
    out["total"] = totals
    out["total"]["tone_adds"] = {"tp": totals["with_tone"]["tp"] - totals["without_tone"]["tp"],
                                 "fp": totals["with_tone"]["fp"] - totals["without_tone"]["fp"]}
    save_result("tone_precision", out)


if __name__ == "__main__":
    main()
