"""A persistent RDF store on disk (pyoxigraph), grown article by article.

One named graph per document: adding an unchanged article changes nothing (its
content hash is already there); a changed article replaces its own named graph.
The vocabulary sits in its own graph. Queries see the union of all graphs.

    >>> import tempfile
    >>> store = GraphStore(tempfile.mkdtemp() + "/demo.store")
    >>> store.document_hashes()
    {}
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from .export.rdf import DG, ID, PREFIXES, VOCABULARY_GRAPH, graph_iri, ontology_graph, ox_quads, to_ox
from .graph import assemble
from .model import Actor

PREFIX_TEXT = "\n".join(f"PREFIX {k}: <{v}>" for k, v in PREFIXES.items())


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


def replace_store(path: str | Path, G: nx.MultiDiGraph, doc_ids: set[str]) -> None:
    """Build a store beside ``path`` and swap it in only once complete (an interrupted build
    leaves the old store as it was)."""
    import shutil
    import tempfile

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent))
    try:
        store = GraphStore(fresh)
        store.replace_documents(G, doc_ids)
        del store
        old = None
        if path.exists():
            old = path.with_name(f".{path.name}.old")
            shutil.rmtree(old, ignore_errors=True)
            path.rename(old)
        fresh.rename(path)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise


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
        if not read_only and not self.store.contains_named_graph(ox.NamedNode(str(VOCABULARY_GRAPH))):
            graph = ox.NamedNode(str(VOCABULARY_GRAPH))
            self.store.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o), graph) for s, p, o in sorted(ontology_graph()))
            self.store.flush()

    # -- reading -------------------------------------------------------------------
    def query(self, sparql: str, **kwargs):
        return self.store.query(sparql, use_default_graph_as_union=True, prefixes={k: str(v) for k, v in PREFIXES.items()}, **kwargs)

    def document_hashes(self) -> dict[str, str]:
        """Document id -> content hash of every document in the store."""
        rows = self.query("SELECT ?id ?hash WHERE { ?d a dg:Document ; dct:identifier ?id ; dg:contentHash ?hash }")
        return {r["id"].value: r["hash"].value for r in rows}

    def known_persons(self) -> list[Actor]:
        """Persons named in full in the store (surname-only mentions in new articles join them)."""
        rows = self.query("SELECT DISTINCT ?id ?label ?qid WHERE { ?a a dg:Person ; dg:actorId ?id ; rdfs:label ?label "
                          "OPTIONAL { ?a dg:qid ?qid } }")
        return [Actor(r["id"].value, r["label"].value, "person", r["qid"].value if r["qid"] else None) for r in rows
                if " " in r["label"].value]

    def dump(self, fmt: str = "nq") -> bytes:
        """The whole store, sorted N-Quads (or another format), for comparisons and exports."""
        quads = sorted(self.store.quads_for_pattern(None, None, None, None), key=str)
        if fmt == "nq":
            return ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
        if fmt == "trig":
            return ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes={k: str(v) for k, v in PREFIXES.items()})
        if fmt == "jsonld":
            return ox.serialize(quads, format=ox.RdfFormat.JSON_LD)
        triples = sorted({q.triple for q in quads}, key=str)
        if fmt == "ttl":
            return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes={k: str(v) for k, v in PREFIXES.items()})
        if fmt == "nt":
            return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        raise ValueError(f"unknown format {fmt!r}")

    def __len__(self) -> int:
        return len(self.store)

    # -- writing -------------------------------------------------------------------
    def replace_documents(self, G: nx.MultiDiGraph, doc_ids: set[str]) -> None:
        """Put the named graphs of ``doc_ids`` (from ``G``) in the store, replacing older versions."""
        for doc_id in sorted(doc_ids):
            self.store.remove_graph(ox.NamedNode(str(graph_iri(doc_id))))
        wanted = {ox.NamedNode(str(graph_iri(d))) for d in doc_ids}
        self.store.extend(q for q in ox_quads(G, with_ontology=False) if q.graph_name in wanted)
        self.store.flush()

    def clear(self) -> None:
        self.store.clear()
        graph = ox.NamedNode(str(VOCABULARY_GRAPH))
        self.store.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o), graph) for s, p, o in sorted(ontology_graph()))
        self.store.flush()

    # -- back to a networkx graph ----------------------------------------------------
    def to_networkx(self) -> nx.MultiDiGraph:
        """The same MultiDiGraph ``build`` makes, rebuilt from the store (for HTML and GraphML exports).
        Actor ``mentions`` here count relation mentions: the store keeps no other actor mentions."""
        documents = {}
        for r in self.query("SELECT ?id ?title ?date ?url ?source ?hash WHERE { ?d a dg:Document ; dct:identifier ?id "
                            "OPTIONAL { ?d dct:title ?title } OPTIONAL { ?d dct:date ?date } OPTIONAL { ?d schema:url ?url } "
                            "OPTIONAL { ?d dct:source ?source } OPTIONAL { ?d dg:contentHash ?hash } }"):
            documents[r["id"].value] = {k: (r[k].value if r[k] else None) for k in ("title", "date", "url", "source", "hash")}
        actors: dict[str, dict] = {}
        for r in self.query("SELECT ?id ?label ?type ?qid ?state WHERE { ?a dg:actorId ?id ; rdfs:label ?label ; dg:actorType ?type "
                            "OPTIONAL { ?a dg:qid ?qid } OPTIONAL { ?a dg:state ?s . ?s dg:actorId ?state } }"):
            actors.setdefault(r["id"].value, {
                "label": r["label"].value, "type": r["type"].value, "qid": r["qid"].value if r["qid"] else None,
                "state": r["state"].value if r["state"] else None, "aliases": set(), "surfaces": set(), "mentions": 0,
                "documents": set(), "seen_in": {}})
        for r in self.store.query("SELECT ?id ?alias ?doc WHERE { GRAPH ?g { ?a dg:actorId ?id ; skos:altLabel ?alias . "
                                  "?d a dg:Document ; dct:identifier ?doc } }", prefixes={k: str(v) for k, v in PREFIXES.items()}):
            info = actors[r["id"].value]
            info["aliases"].add(r["alias"].value)  # the store keeps no line between gazetteer and seen names
            info["surfaces"].add(r["alias"].value)
            info["seen_in"].setdefault(r["doc"].value, set()).add(r["alias"].value)
        for r in self.store.query("SELECT DISTINCT ?id ?doc WHERE { GRAPH ?g { ?a dg:actorId ?id . ?d a dg:Document ; dct:identifier ?doc } }",
                                  prefixes={k: str(v) for k, v in PREFIXES.items()}):
            actors[r["id"].value]["documents"].add(r["doc"].value)
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
        return assemble(actors, records, documents)


__all__ = ["GraphStore", "StoreError", "is_store", "ID", "DG"]
