"""The library functions behind the CLI commands, with the same names.

    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "demo"
    >>> p = out.parent / "a.txt"; _ = p.write_text("Egypt condemns Turkey\\n\\nEgypt condemned Turkey.")
    >>> result = build([str(p)], out, progress=False)
    >>> sorted(path.suffix for path in result.paths.values())
    ['.graphml', '.html', '.json', '.jsonl', '.trig', '.ttl']
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .evaluate import evaluate
from .durable import output_set
from .export.graphml import write_graphml, write_json
from .export.html import write_html
from .export.rdf import RDF_FORMATS, READABLE_QUAD_FORMATS, ontology_graph, write_rdf
from .fetch import FetchOptions
from .graph import EVIDENCE_LIMIT, GraphBuilder, summary
from .ingest import IngestReport, InputError, check_inputs, read_documents
from .model import DocResult, Relation
from .parallel import process_parallel
from .query import query

__all__ = ["build", "add", "export", "extract", "actors", "query", "evaluate", "ontology", "serve", "BuildResult", "AddResult", "FetchOptions"]
GRAPH_FORMATS = ("html", "graphml", "json")
MENTION_FORMATS = ("jsonl", "parquet")  # one record per relation mention, written while building
DEFAULT_FORMATS = ("ttl", "trig", "html", "graphml", "json", "jsonl")


def _progress(results: Iterator[DocResult], progress: bool) -> Iterator[DocResult]:
    if progress:
        from tqdm import tqdm

        results = tqdm(results, desc="documents", unit="doc", leave=False)
    yield from results


def _map(documents, inputs: list[str], model: str | None, report: IngestReport, fetch: FetchOptions | None,
         workers: int | None, scheduler: str | None) -> Iterator[DocResult]:
    """The map step: on a Dask cluster when a scheduler is given (or DASK_SCHEDULER_ADDRESS is
    set), else on ``workers`` local processes. ``documents`` None: the inputs are read here, or
    (JSONL on a cluster) by the workers."""
    from .cluster import process_cluster, scheduler_address

    address = scheduler_address(scheduler)
    if address:
        return process_cluster(inputs, address, model, report, fetch, documents=documents)
    if documents is None:
        documents = read_documents(inputs, report, fetch)
    return process_parallel(documents, model, workers, report=report)


def _results(inputs: Iterable[str], model: str | None, report: IngestReport, progress: bool = False,
             fetch: FetchOptions | None = None, workers: int | None = 1, scheduler: str | None = None) -> Iterator[DocResult]:
    from .cluster import scheduler_address

    inputs = [str(i) for i in inputs]
    check_inputs([i for i in inputs if not (scheduler_address(scheduler) and ("://" in i or any(c in i for c in "*?[")))])
    yield from _progress(_map(None, inputs, model, report, fetch, workers, scheduler), progress)


def extract(inputs: Iterable[str], model: str | None = None, report: IngestReport | None = None,
            fetch: FetchOptions | None = None, workers: int | None = 1, scheduler: str | None = None) -> Iterator[Relation]:
    """Relation mentions of every document, in input order (negated ones included).
    ``fetch`` says how http(s) inputs (articles, feeds) are fetched; ``workers`` how many
    processes parse (None: every core; the output is the same for any number); ``scheduler``
    a Dask scheduler's address to parse on a cluster instead (default: ``DASK_SCHEDULER_ADDRESS``)."""
    report = report if report is not None else IngestReport()
    for result in _results(inputs, model, report, fetch=fetch, workers=workers, scheduler=scheduler):
        yield from result.relations


@dataclass
class BuildResult:
    paths: dict[str, Path]
    summary: dict
    report: IngestReport = field(default_factory=IngestReport)


def _check_formats(formats) -> tuple[str, ...]:
    formats = tuple(formats)
    unknown = set(formats) - set(RDF_FORMATS) - set(GRAPH_FORMATS) - set(MENTION_FORMATS)
    if unknown:
        raise ValueError(f"unknown output format(s) {sorted(unknown)}; use {', '.join([*RDF_FORMATS, *GRAPH_FORMATS, *MENTION_FORMATS])}")
    return formats


def _base(output: str | Path) -> Path:
    output = Path(output)
    if output.suffix.lstrip(".") in (*RDF_FORMATS, *GRAPH_FORMATS, *MENTION_FORMATS):
        output = output.with_suffix("")
    return output


def write_outputs(G, output: str | Path, formats=DEFAULT_FORMATS, title: str | None = None, relations=None,
                  rdf_data: dict[str, bytes] | None = None, documents=None, mention_count: int = 0) -> dict[str, Path]:
    """Write the graph in each format to ``OUTPUT.<format>``, as one set: every file is written
    into a staging folder first and all move into place together (:func:`diplograph.durable.output_set`).
    ``relations`` gives the relation mentions for JSONL and Parquet (a function returning them
    afresh, or an iterable read once); ``documents`` a
    function giving the per-document items of the RDF files afresh (a builder's
    ``document_items``; else they come from ``G``); ``rdf_data`` RDF files ready-made (exports from a store)."""
    output = _base(output)
    formats = _check_formats(formats)
    paths = {}
    written_quads = None  # a TriG or N-Quads file written first: the other RDF files read its quads back
    with output_set(output) as staging:
        for fmt in sorted(formats, key=lambda f: f not in READABLE_QUAD_FORMATS):
            path = staging.path(fmt) if fmt not in MENTION_FORMATS or relations is not None else None
            if path is None:
                continue  # relation mentions exist only while building
            mentions = (relations() if callable(relations) else relations) if fmt in MENTION_FORMATS else None
            if rdf_data and fmt in rdf_data:
                path.write_bytes(rdf_data[fmt])
            elif fmt in RDF_FORMATS:
                if written_quads is not None:
                    write_rdf(G, path, fmt, quads_from=written_quads)
                else:
                    write_rdf(G, path, fmt, documents=documents() if documents else None)
                    written_quads = path if fmt in READABLE_QUAD_FORMATS else None
            elif fmt == "html":
                write_html(G, path, title=title or output.name)
            elif fmt == "graphml":
                write_graphml(G, path)
            elif fmt == "json":
                write_json(G, path)
            elif fmt == "parquet":
                from .export.parquet import write_parquet

                write_parquet(mentions, path, mentions=mention_count)
            else:
                with open(path, "w", encoding="utf-8") as fh:
                    for rel in mentions:
                        fh.write(json.dumps(rel.to_dict(), ensure_ascii=False) + "\n")
            paths[fmt] = staging.final(fmt)
    return paths


def build(inputs: Iterable[str], output: str | Path | None = None, model: str | None = None, progress: bool = True,
          title: str | None = None, store: str | Path | None = None, formats=DEFAULT_FORMATS,
          fetch: FetchOptions | None = None, workers: int | None = 1, evidence_limit: int = EVIDENCE_LIMIT,
          scheduler: str | None = None) -> BuildResult:
    """Build the graph of the inputs: files ``OUTPUT.{ttl,trig,html,graphml,json,jsonl}`` and/or a
    fresh persistent store (replacing what the store held). The files appear as one set; the store
    is built beside the old one and swapped in; a second writer of the same store is refused.
    The graph files (HTML, JSON, GraphML) keep the first ``evidence_limit`` mentions of each edge
    and its full count; JSONL, RDF and the store keep every mention."""
    if output is None and store is None:
        raise ValueError("give an output path (-o graphs/NAME) or a store (--store graphs/NAME.store)")
    formats = _check_formats(formats)
    with contextlib.ExitStack() as stack:
        if store is not None:
            from .durable import StoreLock
            from .store import check_store_path, recover

            recover(store)
            check_store_path(store)
            stack.enter_context(StoreLock(store).writer())  # held from reading to swapping: one build at a time
        report = IngestReport()
        builder = GraphBuilder(evidence_limit=evidence_limit)
        for result in _results(inputs, model, report, progress, fetch, workers, scheduler):
            builder.add(result.document, result.relations, result.mentions)
        if not builder.docs:  # write nothing: earlier outputs and stores stay as they were
            raise InputError(f"no documents could be read from {', '.join(map(str, inputs))}; nothing was written"
                             + (f" ({len(report.errors)} input(s) skipped, see above)" if report.errors else ""))
        G = builder.graph()
        paths = {}
        if output is not None:
            paths = write_outputs(G, output, formats, title, relations=builder.canonical_relations,
                                  documents=builder.document_items, mention_count=builder.relation_count)
        if store is not None:
            from .store import replace_store

            replace_store(store, G, builder.document_items())
            paths["store"] = Path(store)
        builder.close()
    return BuildResult(paths, summary(G), report)


@dataclass
class AddResult:
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    report: IngestReport = field(default_factory=IngestReport)
    documents: int = 0
    quads: int = 0


def add(inputs: Iterable[str], store: str | Path, model: str | None = None, progress: bool = False,
        fetch: FetchOptions | None = None, workers: int | None = 1, scheduler: str | None = None) -> AddResult:
    """Add articles to a store: new ones are added, changed ones replace their own named graph,
    unchanged ones (same id, same text) are skipped before any parsing. All changes land in one
    transaction at the end; a second writer of the same store is refused; a store is created only
    when there is something to put in it, bulk-loaded beside its path and moved in when complete."""
    from .durable import COMMITTED, StoreLock, checkpoint, clean_store_parts, deferred_signals
    from .store import GraphStore, check_store_path, is_store, recover

    store = Path(store)
    inputs = list(inputs)
    check_inputs(inputs)
    recover(store)
    check_store_path(store)
    lock = StoreLock(store)
    result = AddResult(report=IngestReport())
    with lock.writer():
        clean_store_parts(store)  # stores half built by crashed writers
        known, persons = {}, []
        if is_store(store):
            with lock.reading():
                graph_store = GraphStore(store, read_only=True)
                graph_store.check_format()
                known, persons = graph_store.document_hashes(), graph_store.known_persons()
                del graph_store

        def fresh():
            for doc in read_documents(inputs, result.report, fetch):
                if known.get(doc.id) == doc.content_hash:
                    result.unchanged.append(doc.id)
                    continue
                (result.replaced if doc.id in known else result.added).append(doc.id)
                yield doc

        builder = GraphBuilder(known_persons=persons)
        for doc_result in _progress(_map(fresh(), inputs, model, result.report, fetch, workers, scheduler), progress):
            builder.add(doc_result.document, doc_result.relations, doc_result.mentions)
        if builder.docs and not is_store(store):  # a new store: bulk-loaded beside its path and swapped in, as build --store does
            from .store import replace_store

            replace_store(store, builder.graph(), builder.document_items())
            COMMITTED.append(str(store))
            with lock.reading():
                graph_store = GraphStore(store, read_only=True)
                result.documents, result.quads = len(graph_store.document_hashes()), len(graph_store)
                del graph_store
        elif builder.docs:
            G = builder.graph()
            with lock.writing():
                graph_store = GraphStore(store)
                with deferred_signals():  # the transaction and the record of it go together
                    checkpoint("add-before-commit")
                    graph_store.replace_documents(G, builder.document_items())
                    checkpoint("add-after-commit")
                    COMMITTED.append(str(store))
                result.documents, result.quads = len(graph_store.document_hashes()), len(graph_store)
                del graph_store
        elif is_store(store):
            with lock.reading():
                graph_store = GraphStore(store, read_only=True)
                result.documents, result.quads = len(graph_store.document_hashes()), len(graph_store)
                del graph_store
    return result


def export(store: str | Path, output: str | Path, formats=("ttl", "trig", "html", "graphml", "json"), title: str | None = None,
           evidence_limit: int = EVIDENCE_LIMIT) -> dict[str, Path]:
    """Write exports of a store, as one set of files: RDF straight from the store, HTML/GraphML/JSON
    from the graph rebuilt from it (the first ``evidence_limit`` mentions of each edge)."""
    from .store import reading

    formats = _check_formats(formats)
    if set(formats) & set(MENTION_FORMATS):
        raise ValueError("jsonl and parquet (relation mentions as extracted) are written by `build`, not from a store; "
                         "use --formats ttl,trig,nq,nt,jsonld,html,graphml,json")
    with reading(store) as graph_store:
        graph_store.check_format()
        rdf_data = {fmt: graph_store.dump(fmt) for fmt in formats if fmt in RDF_FORMATS}
        G = graph_store.to_networkx(evidence_limit) if set(formats) & set(GRAPH_FORMATS) else None
        del graph_store
    return write_outputs(G, output, formats, title, rdf_data=rdf_data)


def actors(inputs: Iterable[str], model: str | None = None, report: IngestReport | None = None,
           fetch: FetchOptions | None = None, workers: int | None = 1, scheduler: str | None = None) -> list[dict]:
    """Resolved actors: id, label, type, QID, aliases seen, mention count, documents."""
    report = report if report is not None else IngestReport()
    builder = GraphBuilder()
    for result in _results(inputs, model, report, fetch=fetch, workers=workers, scheduler=scheduler):
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
            "document_count": data["document_count"],
        })
    return sorted(rows, key=lambda r: (-r["mentions"], r["id"]))


def ontology() -> str:
    """The vocabulary as Turtle."""
    return ontology_graph().serialize(format="turtle")


def serve(target: str | Path, host: str = "127.0.0.1", port: int = 7878, timeout: float = 10.0, ready=None,
          base: str | None = None, workers: int = 4) -> None:
    """Run the read-only SPARQL endpoint over a graph file or store until interrupted, answering
    queries in ``workers`` warm processes. ``base`` is the public address the deployment is reached
    at (where the w3id.org redirect points)."""
    from .serve import serve as _serve

    _serve(target, host=host, port=port, timeout=timeout, ready=ready, base=base, workers=workers)
