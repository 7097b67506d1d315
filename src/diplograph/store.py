"""A persistent RDF store on disk (pyoxigraph), grown article by article.

One named graph per document, the vocabulary in its own graph, actors and direct relation
triples once in the shared graph (:data:`~diplograph.export.rdf.SHARED_GRAPH`). Adding an
unchanged article changes nothing (its content hash is already there); a changed article
replaces its own named graph, and the shared graph follows, in one transaction: readers see the
store before or after, never in between. Queries see the union of all graphs.

Writers and readers take the store's locks (:class:`~diplograph.durable.StoreLock`): one writer
at a time, and no reader opens the store while a writer commits.

    >>> import tempfile
    >>> from diplograph.pipeline import extract_text
    >>> from diplograph.graph import GraphBuilder
    >>> from diplograph.model import Document
    >>> builder = GraphBuilder()
    >>> builder.add(Document("d", "Egypt condemned Turkey."), extract_text("Egypt condemned Turkey."))
    >>> store = GraphStore(tempfile.mkdtemp() + "/demo.store")
    >>> store.replace_documents(builder.graph())
    >>> list(store.document_hashes())
    ['d']
    >>> [r["l"].value for r in store.query("SELECT ?l WHERE { ?a dg:actorId 'egypt' ; rdfs:label ?l }")]
    ['Egypt']
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from .durable import Busy, StoreLock, clean_store_parts, finish_swap, new_store_dir, swap_pending, swap_store
from .export.rdf import (ACTOR_CORE, DG, ID, PREFIXES, SHARED_GRAPH, VOCABULARY_GRAPH, actor_iri, as_ox_quads, document_quads,
                         graph_iri, ontology_graph, shared_triples, to_ox)
from .graph import EVIDENCE_LIMIT, assemble
from .model import Actor

PREFIX_TEXT = "\n".join(f"PREFIX {k}: <{v}>" for k, v in PREFIXES.items())
PREFIX_MAP = {k: str(v) for k, v in PREFIXES.items()}
SHARED = ox.NamedNode(str(SHARED_GRAPH))


class StoreError(RuntimeError):
    """A store that cannot be opened or written."""


def is_store(path: str | Path) -> bool:
    """A folder that holds an Oxigraph store (RocksDB files)."""
    path = Path(path)
    return path.is_dir() and any((path / name).exists() for name in ("CURRENT", "IDENTITY"))


def check_store_path(path: str | Path) -> None:
    """A store path must be a store, or not exist yet: never an ordinary folder or a file."""
    path = Path(path)
    if path.exists() and not is_store(path) and (path.is_file() or any(path.iterdir())):
        raise StoreError(f"{path}: exists and is not a diplograph store; give a new folder name (e.g. graphs/NAME.store)")


def recover(path: str | Path) -> None:
    """Finish (or roll back) a store swap that a crash interrupted, unless a writer is at work
    (then it does). Readers call it too, so a crash never leaves a store missing from its path."""
    path = Path(path)
    if not swap_pending(path):
        return
    lock = StoreLock(path)
    try:
        with lock.writer(), lock.writing():
            finish_swap(path)
    except Busy:
        pass
    except PermissionError as exc:
        raise StoreError(f"{path}: an interrupted build left the store half swapped, and this user cannot finish it ({exc}); "
                         "run `diplograph add` or `build --store` as the store's owner") from exc


@contextlib.contextmanager
def reading(path: str | Path) -> Iterator["GraphStore"]:
    """The store opened read-only, steady for the whole block (no writer commits meanwhile)."""
    recover(path)
    lock = StoreLock(path)
    with lock.reading():
        yield GraphStore(path, read_only=True)


def replace_store(path: str | Path, G: nx.MultiDiGraph, documents=None) -> None:
    """Build a store of ``G`` beside ``path`` and swap it in once complete (call while holding
    the store's writer lock). A crash at any point leaves the old store or the new one.
    ``documents``: the per-document items (a builder's ``document_items()``) when ``G`` keeps a
    sample of the evidence only; they are streamed into the bulk loader."""
    path = Path(path)
    finish_swap(path)
    clean_store_parts(path)
    fresh = new_store_dir(path)
    try:
        store = GraphStore(fresh)
        store.store.bulk_extend(store._vocabulary())
        store.store.bulk_extend(as_ox_quads((*t, SHARED_GRAPH) for t in shared_triples(G)))
        store.store.bulk_extend(as_ox_quads(document_quads(G if documents is None else documents)))
        store.store.flush()
        del store
        with StoreLock(path).writing():
            swap_store(fresh, path)
    except BaseException:
        import shutil

        shutil.rmtree(fresh, ignore_errors=True)
        raise


def _values(name: str, terms: Iterable) -> str:
    return f"VALUES ?{name} {{ {' '.join(str(t) for t in terms)} }}"


def _data_block(quads: Iterable[ox.Quad]) -> str:
    """Quads as the body of INSERT DATA / DELETE DATA: one GRAPH block per graph."""
    by_graph: dict[str, list[str]] = {}
    for q in quads:
        by_graph.setdefault(str(q.graph_name), []).append(f"{q.subject} {q.predicate} {q.object} .")
    return " ".join(f"GRAPH {g} {{ {' '.join(lines)} }}" for g, lines in by_graph.items())


class GraphStore:
    """The on-disk store of a corpus' graph."""

    def __init__(self, path: str | Path, read_only: bool = False):
        self.path = Path(path)
        try:
            if read_only:
                if not is_store(self.path):
                    raise StoreError(f"{self.path}: not a diplograph store (create one with `diplograph build INPUT --store {self.path}`)")
                self.store = ox.Store.read_only(str(self.path))
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self.store = ox.Store(str(self.path))
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot open the store ({exc}); is another process writing to it?") from exc

    def _vocabulary(self) -> list[ox.Quad]:
        """The vocabulary's quads when the store lacks them (a new store)."""
        graph = ox.NamedNode(str(VOCABULARY_GRAPH))
        if self.store.contains_named_graph(graph):
            return []
        return [ox.Quad(to_ox(s), to_ox(p), to_ox(o), graph) for s, p, o in sorted(ontology_graph())]

    # -- reading -------------------------------------------------------------------
    def query(self, sparql: str, **kwargs):
        return self.store.query(sparql, use_default_graph_as_union=True, prefixes=PREFIX_MAP, **kwargs)

    def document_hashes(self) -> dict[str, str]:
        """Document id -> content hash of every document in the store."""
        rows = self.query("SELECT ?id ?hash WHERE { ?d a dg:Document ; dct:identifier ?id ; dg:contentHash ?hash }")
        return {r["id"].value: r["hash"].value for r in rows}

    def known_persons(self) -> list[Actor]:
        """Persons named in full in the store (surname-only mentions in new articles join them)."""
        rows = self.query("SELECT ?id ?label ?qid WHERE { ?a a dg:Person ; dg:actorId ?id ; rdfs:label ?label "
                          "OPTIONAL { ?a dg:qid ?qid } }")
        return [Actor(r["id"].value, r["label"].value, "person", r["qid"].value if r["qid"] else None) for r in rows
                if " " in r["label"].value]

    def check_format(self) -> None:
        """Refuse stores written before the shared graph existed (they hold one copy of every
        actor per document, and adding to them would mix two layouts)."""
        if not self.store.contains_named_graph(SHARED) and bool(self.query("ASK { ?d a dg:Document }")):
            raise StoreError(f"{self.path}: this store was built by an older diplograph (one copy of each actor per document); "
                             f"rebuild it with `diplograph build INPUT... --store {self.path}`")

    def dump(self, fmt: str = "nq") -> bytes:
        """The whole store, sorted N-Quads (or another format), for comparisons and exports."""
        quads = sorted(self.store.quads_for_pattern(None, None, None, None), key=str)
        if fmt == "nq":
            return ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
        if fmt == "trig":
            return ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=PREFIX_MAP)
        if fmt == "jsonld":
            return ox.serialize(quads, format=ox.RdfFormat.JSON_LD)
        triples = sorted({q.triple for q in quads}, key=str)
        if fmt == "ttl":
            return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIX_MAP)
        if fmt == "nt":
            return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        raise ValueError(f"unknown format {fmt!r}")

    def __len__(self) -> int:
        return len(self.store)

    # -- writing -------------------------------------------------------------------
    def _rows(self, sparql: str) -> list[tuple]:
        result = self.store.query(sparql, prefixes=PREFIX_MAP)
        names = [v.value for v in result.variables]
        return [tuple(row[n] for n in names) for row in result]

    def _elsewhere(self, graphs: list[ox.NamedNode]) -> str:
        return f"FILTER(?g NOT IN ({', '.join(map(str, graphs))}))" if graphs else ""

    def replace_documents(self, G: nx.MultiDiGraph, documents=None) -> None:
        """Put the documents of ``G`` in the store in one transaction: their named graphs replace
        older versions, and the shared graph gains their actors and relations and loses those no
        document supports any more. (Names an actor is known by only accumulate.) ``documents``:
        the per-document items (a builder's ``document_items()``), else they come from ``G``."""
        graphs = [ox.NamedNode(str(graph_iri(d))) for d in sorted(G.graph.get("documents", {}))]
        replaced = [g for g in graphs if self.store.contains_named_graph(g)]
        new_shared = {ox.Quad(*q) for q in as_ox_quads((*t, SHARED_GRAPH) for t in shared_triples(G))}
        delete: set[ox.Quad] = set()
        if replaced:
            old_actors = {r[0] for r in self._rows(f"SELECT DISTINCT ?a WHERE {{ {_values('g', replaced)} GRAPH ?g {{ ?o dg:actor ?a }} }}")}
            old_edges = set(self._rows(f"SELECT DISTINCT ?s ?p ?o WHERE {{ {_values('g', replaced)} GRAPH ?g {{ "
                                       f"?m dg:polarity \"affirmed\" ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o }} }}"))
            new_actors = {ox.NamedNode(str(actor_iri(a))) for a in G.nodes}
            gone_actors = old_actors - new_actors
            gone_edges = {e for e in old_edges if ox.Quad(*e, SHARED) not in new_shared}
            if gone_actors:
                kept = {r[0] for r in self._rows(f"SELECT DISTINCT ?a WHERE {{ {_values('a', gone_actors)} "
                                                 f"GRAPH ?g {{ ?o dg:actor ?a }} {self._elsewhere(replaced)} }}")}
                for a, p, o in self._rows(f"SELECT ?a ?p ?o WHERE {{ {_values('a', gone_actors - kept)} GRAPH {SHARED} {{ ?a ?p ?o }} }}"):
                    delete.add(ox.Quad(a, p, o, SHARED))
            if gone_edges:
                rows = " ".join(f"({s} {p} {o})" for s, p, o in gone_edges)
                kept = set(self._rows(f"SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES (?s ?p ?o) {{ {rows} }} GRAPH ?g {{ "
                                      f"?m rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; dg:polarity \"affirmed\" }} "
                                      f"{self._elsewhere(replaced)} }}"))
                delete.update(ox.Quad(*e, SHARED) for e in gone_edges - kept)
        described = {q.subject for q in new_shared if q.predicate == ox.NamedNode(str(DG.actorId))}
        if described:
            core = [ox.NamedNode(str(p)) for p in ACTOR_CORE]
            for a, p, o in self._rows(f"SELECT ?a ?p ?o WHERE {{ {_values('a', described)} {_values('p', core)} "
                                      f"GRAPH {SHARED} {{ ?a ?p ?o }} }}"):
                if ox.Quad(a, p, o, SHARED) not in new_shared:  # the newest description wins
                    delete.add(ox.Quad(a, p, o, SHARED))
        parts = []
        if delete:
            parts.append(f"DELETE DATA {{ {_data_block(sorted(delete, key=str))} }}")
        parts += [f"DROP SILENT GRAPH {g}" for g in replaced]
        inserted = self._vocabulary() + list(as_ox_quads(document_quads(G if documents is None else documents))) + sorted(new_shared, key=str)
        parts.append(f"INSERT DATA {{ {_data_block(inserted)} }}")
        self.store.update(" ;\n".join(parts))
        self.store.flush()

    # -- back to a networkx graph ----------------------------------------------------
    def to_networkx(self, evidence_limit: int = EVIDENCE_LIMIT) -> nx.MultiDiGraph:
        """The same MultiDiGraph ``build`` makes, rebuilt from the store (for HTML and GraphML exports).
        Actor ``mentions`` here count relation mentions: the store keeps no other actor mentions."""
        documents = {}
        for r in self.query("SELECT ?id ?title ?date ?url ?source ?hash WHERE { ?d a dg:Document ; dct:identifier ?id "
                            "OPTIONAL { ?d dct:title ?title } OPTIONAL { ?d dct:date ?date } OPTIONAL { ?d schema:url ?url } "
                            "OPTIONAL { ?d dct:source ?source } OPTIONAL { ?d dg:contentHash ?hash } }"):
            documents[r["id"].value] = {k: (r[k].value if r[k] else None) for k in ("title", "date", "url", "source", "hash")}
        actors: dict[str, dict] = {}
        for r in self.query("SELECT ?id ?label ?type ?qid ?state WHERE { ?a dg:actorId ?id ; rdfs:label ?label ; "
                            "dg:actorType ?type OPTIONAL { ?a dg:qid ?qid } OPTIONAL { ?a dg:state ?s . ?s dg:actorId ?state } }"):
            actors.setdefault(r["id"].value, {
                "label": r["label"].value, "type": r["type"].value, "qid": r["qid"].value if r["qid"] else None,
                "state": r["state"].value if r["state"] else None, "aliases": set(), "surfaces": set(), "mentions": 0,
                "documents": set(), "seen_in": {}})
        for r in self.query("SELECT ?id ?alias WHERE { ?a dg:actorId ?id ; skos:altLabel ?alias }"):
            actors[r["id"].value]["aliases"].add(r["alias"].value)
        for r in self.query("SELECT ?id ?doc ?name WHERE { ?o a dg:ActorOccurrence ; dg:actor ?a ; prov:wasDerivedFrom ?d . "
                            "?a dg:actorId ?id . ?d dct:identifier ?doc OPTIONAL { ?o dg:name ?name } }"):
            info = actors[r["id"].value]
            info["documents"].add(r["doc"].value)
            if r["name"] is not None:
                info["surfaces"].add(r["name"].value)
                info["seen_in"].setdefault(r["doc"].value, set()).add(r["name"].value)
        records = []
        fields = ("polarity", "modality", "confidence", "sentence", "sentenceStart", "sentenceEnd", "subjectMention",
                  "subjectStart", "subjectEnd", "objectMention", "objectStart", "objectEnd", "cue", "cameo", "method")
        optional = " ".join(f"OPTIONAL {{ ?m dg:{f} ?{f} }}" for f in ("cue", "cameo", "method"))
        required = " ; ".join(f"dg:{f} ?{f}" for f in fields if f not in ("cue", "cameo", "method"))
        q = (f"SELECT ?s ?relation ?o ?doc ?claimant ?date {' '.join('?' + f for f in fields)} WHERE {{ "
             f"?m a dg:RelationMention ; dg:relationId ?relation ; rdf:subject ?sa ; rdf:object ?oa ; prov:wasDerivedFrom ?d ; {required} . "
             f"?sa dg:actorId ?s . ?oa dg:actorId ?o . ?d dct:identifier ?doc . {optional} "
             f"OPTIONAL {{ ?m dg:attributedTo ?c . ?c dg:actorId ?claimant }} OPTIONAL {{ ?m dct:date ?date }} }}")
        labels = {a: info["label"] for a, info in actors.items()}
        for r in self.query(q):
            v = {k: (r[k].value if r[k] is not None else None) for k in ("s", "relation", "o", "doc", "claimant", "date", *fields)}
            doc = documents.get(v["doc"], {})
            records.append({
                "subject": v["s"], "relation": v["relation"], "object": v["o"],
                "doc_id": v["doc"], "title": doc.get("title"), "url": doc.get("url"),
                "sentence": v["sentence"], "sentence_start": int(v["sentenceStart"]), "sentence_end": int(v["sentenceEnd"]),
                "subject_mention": v["subjectMention"], "subject_start": int(v["subjectStart"]), "subject_end": int(v["subjectEnd"]),
                "object_mention": v["objectMention"], "object_start": int(v["objectStart"]), "object_end": int(v["objectEnd"]),
                "polarity": v["polarity"], "modality": v["modality"], "attributed_to": v["claimant"],
                "attributed_label": labels.get(v["claimant"]) if v["claimant"] else None,
                "confidence": float(v["confidence"]), "date": v["date"], "cue": v["cue"], "cameo": v["cameo"], "method": v["method"],
            })
        records.sort(key=lambda r: (r["doc_id"], r["sentence_start"], r["subject_start"], r["subject"], r["relation"], r["object"]))
        for rec in records:
            for actor_id in (rec["subject"], rec["object"]):
                actors[actor_id]["mentions"] += 1
        return assemble(actors, records, documents, evidence_limit)


__all__ = ["GraphStore", "StoreError", "is_store", "reading", "recover", "replace_store", "ID", "DG"]
