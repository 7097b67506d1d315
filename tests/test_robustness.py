"""Extraction never crashes on odd text: shuffled, upper- and lower-cased, broken sentences, other languages."""

import random

from diplograph.ingest import IngestReport
from diplograph.model import Document
from diplograph.pipeline import process
from support import EXAMPLES


def _variants(n: int = 120) -> list[Document]:
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt")))
    sents = [s.strip() for s in text.replace("\n", " ").split(". ") if s.strip()]
    rng = random.Random(7)
    docs = []
    for i in range(n):
        parts = rng.sample(sents, rng.randint(1, 5))
        mode = i % 5
        if mode == 1:
            parts = [p.upper() for p in parts]
        elif mode == 2:
            parts = [p.lower() for p in parts]
        elif mode == 3:
            parts = [" ".join(rng.sample(p.split(), len(p.split()))) for p in parts]
        elif mode == 4:
            parts = [p.replace(" ", "\n", 2) + ' "' for p in parts]
        docs.append(Document(f"v{i}", ". ".join(parts) + "."))
    docs += [Document("empty", ""), Document("space", "  \n\n "), Document("marks", "“ ” ' - — ... ( ) [ ]"),
             Document("german", "Der Präsident Russlands besuchte Peking und kritisierte die NATO."),
             Document("chinese", "习近平会见了普京。"), Document("they", "They met them. Their allies criticised their rivals.")]
    return docs


def test_no_document_breaks_extraction():
    report = IngestReport()
    docs = _variants()
    results = list(process(docs, report=report))
    assert report.errors == [] and len(results) == len(docs)
    assert sum(len(r.relations) for r in results) > 50
