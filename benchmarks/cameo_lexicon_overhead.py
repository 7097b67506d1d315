"""What the CAMEO verb cues (data/cameo_cues.tsv) cost, side by side in one process.

The documents of extraction_overhead.py are parsed once; then resolution and extraction run over
the same parses with the full lexicon (cues.tsv + cameo_cues.tsv) and with the hand-written cues
only, interleaved round by round so that a change of load on a shared machine touches both alike.
Parsing with diplograph's pipeline is timed in the same rounds, as the yardstick.

Run:  .venv/bin/python benchmarks/cameo_lexicon_overhead.py [--docs 300] [--repeat 5]
Writes benchmarks/results/cameo_lexicon_overhead.json.
"""

from __future__ import annotations

import time

from extraction_overhead import best_of, corpus, options, save_result

from diplograph.extract import extract_relations
from diplograph.lexicon import Lexicon, lexicon
from diplograph.nlp import load_pipeline
from diplograph.resolve import DocContext


def main() -> None:
    args = options(__doc__)
    docs = corpus(args.docs)
    nlp = load_pipeline()
    texts = [d.text for d in docs]
    parsed = list(nlp.pipe(texts, batch_size=16))
    start = time.perf_counter()
    Lexicon()
    load = time.perf_counter() - start
    lex = lexicon()
    full = lex._cues
    hand = {key: cues for key, cues in full.items() if all(c.source == "cues.tsv" for c in cues)}
    counts = {}

    def extract(cues, name):
        def run():
            lex._cues = cues
            counts[name] = sum(len(extract_relations(DocContext(d, p))) for d, p in zip(docs, parsed))
        return run

    def parse():
        for _ in nlp.pipe(texts, batch_size=16):
            pass

    with_hand, with_full = extract(hand, "hand"), extract(full, "full")
    with_full(), with_hand()  # warm caches
    t_hand, t_full, t_parse = best_of(args.repeat, with_hand, with_full, parse)
    lex._cues = full
    result = {
        "docs": len(docs),
        "words": sum(len(t.split()) for t in texts),
        "cue_rows": {"hand": sum(map(len, hand.values())), "hand_and_cameo": sum(map(len, full.values()))},
        "relations": {"hand": counts["hand"], "hand_and_cameo": counts["full"]},
        "seconds": {"resolve_extract_hand": round(t_hand, 3), "resolve_extract_hand_and_cameo": round(t_full, 3),
                    "diplograph_pipeline_parse": round(t_parse, 3), "lexicon_load": round(load, 3)},
        "cameo_cost_percent_of_resolve_extract": round(100 * (t_full - t_hand) / t_hand, 1),
        "cameo_cost_percent_of_parse": round(100 * (t_full - t_hand) / t_parse, 1),
    }
    save_result("cameo_lexicon_overhead", result)


if __name__ == "__main__":
    main()
