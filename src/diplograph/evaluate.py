"""Score extraction against a gold file, exactly as ``../shared/eval/README.md`` says.

Predictions are the distinct (subject, relation, object) triples with
``polarity = affirmed`` the extractor returns for a document; gold names are
resolved through the same resolver, in the document's context. Symmetric
relations and ``undirected`` items match either way; ``optional`` items are
neither rewarded nor punished; ``forbidden`` triples predicted are false
positives and counted on their own.

    >>> gold = [{"id": "d", "text": "Egypt condemned Turkey.",
    ...          "relations": [{"subject": "Egypt", "relation": "criticizes", "object": "Turkey"}]}]
    >>> score = evaluate_records(gold)
    >>> score["tp"], score["fp"], score["fn"], score["f1"]
    (1, 0, 0, 1.0)
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .ingest import mark_boilerplate
from .model import Document
from .schema import RELATIONS, is_symmetric

if TYPE_CHECKING:
    from .resolve import DocContext


class GoldError(ValueError):
    """A gold file that does not follow the format."""


def _alternatives(value) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


@dataclass
class GoldItem:
    subjects: set[str]
    relations: set[str]
    objects: set[str]
    undirected: bool = False
    optional: bool = False
    raw: dict = field(default_factory=dict)

    def matches(self, triple: tuple[str, str, str]) -> bool:
        s, r, o = triple
        if r not in self.relations:
            return False
        if s in self.subjects and o in self.objects:
            return True
        return (self.undirected or is_symmetric(r)) and o in self.subjects and s in self.objects


def _item(raw: dict, ctx: DocContext) -> GoldItem:
    from .resolve import resolve_name

    try:
        relations = set(_alternatives(raw["relation"]))
        subjects = {resolve_name(n, ctx) for n in _alternatives(raw["subject"])}
        objects = {resolve_name(n, ctx) for n in _alternatives(raw["object"])}
    except KeyError as exc:
        raise GoldError(f"gold relation without {exc.args[0]!r}: {raw}") from exc
    unknown = relations - set(RELATIONS)
    if unknown:
        raise GoldError(f"unknown relation {sorted(unknown)} in {raw}")
    return GoldItem(subjects, relations, objects, bool(raw.get("undirected")), bool(raw.get("optional")), raw)


def _f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return round(p, 4), round(r, 4), round(2 * p * r / (p + r), 4) if p + r else 0.0


def _names(value) -> bool:
    """A gold name field: a string or a non-empty list of strings."""
    return isinstance(value, str) or (isinstance(value, list) and bool(value) and all(isinstance(v, str) for v in value))


def _check_record(record, where: str) -> None:
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        raise GoldError(f"{where}: each line must be an object with a \"text\" string")
    for key in ("id", "date", "source"):
        if record.get(key) is not None and not isinstance(record[key], str):
            raise GoldError(f"{where}: \"{key}\" must be a string, not {type(record[key]).__name__}")
    if record.get("date") is not None:
        from .ingest import iso_date

        try:
            iso_date(record["date"])
        except ValueError as exc:
            raise GoldError(f"{where}: {exc}") from None
    for key in ("relations", "forbidden"):
        items = record.get(key, [])
        if not isinstance(items, list) or not all(isinstance(x, dict) for x in items):
            raise GoldError(f"{where}: \"{key}\" must be a list of objects")
        for item in items:
            for field in ("subject", "relation", "object"):
                if field in item and not _names(item[field]):
                    raise GoldError(f"{where}: \"{field}\" must be a string or a list of strings, not {item[field]!r}")


def read_gold(path: str | Path) -> list[dict]:
    """The records of a gold JSONL file; raises :class:`GoldError` naming the file and line of
    anything that does not follow the format (and for a file with no records)."""
    from .ingest import decode, jsonl_lines

    try:
        text = decode(Path(path).read_bytes())
    except ValueError as exc:
        raise GoldError(f"{path}: {exc}") from None
    records = []
    for number, line in enumerate(jsonl_lines(text), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldError(f"{path}:{number}: malformed JSON ({exc.msg})") from exc
        except RecursionError:
            raise GoldError(f"{path}:{number}: JSON nested too deeply to read") from None
        _check_record(record, f"{path}:{number}")
        record.setdefault("id", f"{Path(path).stem}-{number}")
        records.append(record)
    if not records:
        raise GoldError(f"{path}: no gold records (one JSON object a line, see ../shared/eval/README.md)")
    return records


def evaluate_records(records: Iterable[dict], model: str | None = None) -> dict:
    """Scores for gold records; see the module docstring. Returns the ``--json`` object."""
    from .pipeline import process  # imports spaCy (the CLI imports this module for GoldError)

    records = list(records)
    documents = [Document(id=str(r["id"]), text=r["text"], date=r.get("date"), source=r.get("source")) for r in records]
    for document in documents:
        mark_boilerplate(document)  # read as `extract` and `build` read a JSONL line: datelines are no text
    totals = Counter()
    by_relation: dict[str, Counter] = defaultdict(Counter)
    details = []
    for record, result in zip(records, process(documents, model, keep_context=True)):
        ctx = result.context
        predictions = {r.key for r in result.relations if r.polarity == "affirmed"}
        gold = [_item(raw, ctx) for raw in record.get("relations", [])]
        forbidden = [_item(raw, ctx) for raw in record.get("forbidden", [])]
        doc_detail = {"id": record["id"], "missed": [], "extra": [], "forbidden": [], "matched": []}
        for item in gold:
            if item.optional:
                continue
            hits = [p for p in predictions if item.matches(p)]
            if hits:
                totals["tp"] += 1
                by_relation[hits[0][1]]["tp"] += 1
                doc_detail["matched"].append(item.raw)
            else:
                totals["fn"] += 1
                by_relation[sorted(item.relations)[0]]["fn"] += 1
                doc_detail["missed"].append(item.raw)
        for p in sorted(predictions):
            if not any(item.matches(p) for item in gold):
                totals["fp"] += 1
                by_relation[p[1]]["fp"] += 1
                doc_detail["extra"].append(list(p))
            if any(item.matches(p) for item in forbidden):
                totals["forbidden_hits"] += 1
                doc_detail["forbidden"].append(list(p))
        details.append(doc_detail)
    precision, recall, f1 = _f1(totals["tp"], totals["fp"], totals["fn"])
    relations = {}
    for rel in sorted(by_relation):
        c = by_relation[rel]
        p, r, f = _f1(c["tp"], c["fp"], c["fn"])
        relations[rel] = {"tp": c["tp"], "fp": c["fp"], "fn": c["fn"], "precision": p, "recall": r, "f1": f}
    return {
        "docs": len(records),
        "tp": totals["tp"],
        "fp": totals["fp"],
        "fn": totals["fn"],
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "forbidden_hits": totals["forbidden_hits"],
        "by_relation": relations,
        "details": details,
    }


def evaluate(gold_path: str | Path, model: str | None = None) -> dict:
    """Score extraction against a gold JSONL file."""
    return evaluate_records(read_gold(gold_path), model)
