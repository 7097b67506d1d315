"""The library functions behind the CLI commands, with the same names.

    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "demo"
    >>> p = out.parent / "a.txt"; _ = p.write_text("Egypt condemns Turkey\\n\\nEgypt condemned Turkey.")
    >>> result = build([str(p)], out, progress=False)
    >>> sorted(path.suffix for path in result.paths.values())
    ['.graphml', '.html', '.json', '.jsonl', '.ttl']
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .evaluate import evaluate
from .export import atomic_write
from .export.graphml import write_graphml, write_json
from .export.html import write_html
from .export.rdf import ontology_graph, write_turtle
from .graph import GraphBuilder, summary
from .ingest import IngestReport, check_inputs, read_documents
from .model import Relation
from .pipeline import DocResult, process
from .query import query

__all__ = ["build", "extract", "actors", "query", "evaluate", "ontology", "BuildResult"]


def _results(inputs: Iterable[str], model: str | None, report: IngestReport, progress: bool = False) -> Iterator[DocResult]:
    inputs = list(inputs)
    check_inputs(inputs)
    documents = read_documents(inputs, report)
    results = process(documents, model)
    if progress:
        from tqdm import tqdm

        results = tqdm(results, desc="documents", unit="doc", leave=False)
    yield from results


def extract(inputs: Iterable[str], model: str | None = None, report: IngestReport | None = None) -> Iterator[Relation]:
    """Relation mentions of every document, in input order (negated ones included)."""
    report = report if report is not None else IngestReport()
    for result in _results(inputs, model, report):
        yield from result.relations


@dataclass
class BuildResult:
    paths: dict[str, Path]
    summary: dict
    report: IngestReport = field(default_factory=IngestReport)


def build(inputs: Iterable[str], output: str | Path, model: str | None = None, progress: bool = True,
          title: str | None = None) -> BuildResult:
    """Build ``OUTPUT.{ttl,html,graphml,json,jsonl}`` from articles; every file is written atomically."""
    output = Path(output)
    if output.suffix in (".ttl", ".html", ".graphml", ".json", ".jsonl"):
        output = output.with_suffix("")
    report = IngestReport()
    builder = GraphBuilder()
    paths = {fmt: output.with_name(f"{output.name}.{fmt}") for fmt in ("ttl", "html", "graphml", "json", "jsonl")}
    for result in _results(inputs, model, report, progress):
        builder.add(result.document, result.relations, result.mentions)
    G = builder.graph()
    with atomic_write(paths["jsonl"]) as mentions:  # after the graph, so ids are merged across documents
        for rel in builder.relations:
            mentions.write(json.dumps(builder.canonical(rel).to_dict(), ensure_ascii=False) + "\n")
    write_turtle(G, paths["ttl"])
    write_html(G, paths["html"], title=title or output.name)
    write_graphml(G, paths["graphml"])
    write_json(G, paths["json"])
    return BuildResult(paths, summary(G), report)


def actors(inputs: Iterable[str], model: str | None = None, report: IngestReport | None = None) -> list[dict]:
    """Resolved actors: id, label, type, QID, aliases seen, mention count, documents."""
    report = report if report is not None else IngestReport()
    builder = GraphBuilder()
    for result in _results(inputs, model, report):
        builder.add(result.document, result.relations, result.mentions)
    G = builder.graph()
    rows = []
    for actor_id, data in G.nodes(data=True):
        rows.append({
            "id": actor_id,
            "label": data["label"],
            "type": data["type"],
            "qid": data["qid"],
            "aliases": data["aliases"],
            "mentions": data["mentions"],
            "documents": data["documents"],
        })
    return sorted(rows, key=lambda r: (-r["mentions"], r["id"]))


def ontology() -> str:
    """The vocabulary as Turtle."""
    return ontology_graph().serialize(format="turtle")
