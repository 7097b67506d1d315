"""RDF export: a small vocabulary generated from the relation table, and the graph
as two layers (as Wikidata does):

- direct triples for affirmed relations: ``<actor/belarus> dg:alliesWith <actor/china>``;
- one node per relation mention (``rdf:Statement``) with its evidence and qualities:
  polarity, modality, attributedTo, confidence, sentence, offsets, document, date.
  Negated mentions exist only in this layer.

Graphs: the vocabulary; the shared graph (:data:`SHARED_GRAPH`), which holds each actor's
description and each direct relation triple once, whatever the number of documents; and one
named graph per document with the document, its relation mentions and one
``dg:ActorOccurrence`` per actor it names (the names it uses). So the union of the graphs, which
queries see, states every fact once, and per-document provenance stays on the mention layer.

Namespaces: vocabulary ``https://w3id.org/diplograph/ns#`` (prefix ``dg:``);
resources ``https://w3id.org/diplograph/id/{actor,doc,mention,occurrence}/...``. IRIs are
deterministic: the same input gives the same IRIs, so outputs merge by concatenation.

    >>> g = ontology_graph()
    >>> (DG.invades, RDFS.subPropertyOf, DG.attacks) in g, (DG.meets, RDF.type, OWL.SymmetricProperty) in g
    (True, True)
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from urllib.parse import quote

import networkx as nx
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from ..schema import ALL_RELATIONS, QUAD_LABELS, camel, cameo_table
from . import atomic_write

DG = Namespace("https://w3id.org/diplograph/ns#")
ID = "https://w3id.org/diplograph/id/"
WD = Namespace("http://www.wikidata.org/entity/")
SCHEMA = Namespace("https://schema.org/")
ACTOR_CLASSES = {
    "country": DG.Country,
    "person": DG.Person,
    "organisation": DG.Organisation,
    "group": DG.Group,
    "location": DG.Location,
}
PREFIXES = {"dg": DG, "wd": WD, "rdf": RDF, "owl": OWL, "rdfs": RDFS, "skos": SKOS, "prov": PROV, "dct": DCTERMS, "xsd": XSD, "schema": SCHEMA}


def actor_iri(actor_id: str) -> URIRef:
    return URIRef(ID + "actor/" + quote(actor_id, safe=""))


def doc_iri(doc_id: str) -> URIRef:
    return URIRef(ID + "doc/" + quote(doc_id, safe=""))


def mention_iri(subject: str, relation: str, obj: str, ev: dict) -> URIRef:
    key = "\x1f".join(
        str(x)
        for x in (ev["doc_id"], subject, relation, obj, ev["sentence_start"], ev["subject_start"], ev["object_start"], ev["polarity"])
    )
    return URIRef(ID + "mention/" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:20])


def date_literal(value: str | None) -> Literal | None:
    if not value:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return Literal(value, datatype=XSD.date)
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return Literal(value, datatype=XSD.gYearMonth)
    if re.fullmatch(r"\d{4}", value):
        return Literal(value, datatype=XSD.gYear)
    return Literal(value)


def _bind(g: Graph) -> Graph:
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    return g


def ontology_graph() -> Graph:
    """The diplograph vocabulary, generated from ``data/relations.tsv``."""
    g = _bind(Graph())
    onto = URIRef(str(DG).rstrip("#"))
    g.add((onto, RDF.type, OWL.Ontology))
    g.add((onto, RDFS.label, Literal("diplograph vocabulary", lang="en")))
    g.add((onto, RDFS.comment, Literal("Actors and the relations news states between them, with CAMEO codes, quad classes and Goldstein weights.", lang="en")))
    g.add((onto, OWL.versionInfo, Literal("1")))
    for annotation, label in ((DG.cameo, "CAMEO code"), (DG.quadClass, "CAMEO quad class"), (DG.goldstein, "Goldstein weight")):
        g.add((annotation, RDF.type, OWL.AnnotationProperty))
        g.add((annotation, RDFS.label, Literal(label, lang="en")))
    g.add((DG.Actor, RDF.type, OWL.Class))
    g.add((DG.Actor, RDFS.label, Literal("actor", lang="en")))
    for type_id, cls in ACTOR_CLASSES.items():
        g.add((cls, RDF.type, OWL.Class))
        g.add((cls, RDFS.subClassOf, DG.Actor))
        g.add((cls, RDFS.label, Literal(type_id, lang="en")))
    for cls, label in ((DG.Document, "news document"), (DG.RelationMention, "relation mention"),
                       (DG.ActorOccurrence, "actor occurrence")):
        g.add((cls, RDF.type, OWL.Class))
        g.add((cls, RDFS.label, Literal(label, lang="en")))
    g.add((DG.ActorOccurrence, RDFS.comment, Literal("An actor as one document names it: the document (prov:wasDerivedFrom), the actor (dg:actor) and the names the document uses for it (dg:name).", lang="en")))
    g.add((DG.RelationMention, RDFS.comment, Literal("One statement of a relation in one sentence, described with rdf:subject, rdf:predicate and rdf:object (a reified statement) and its evidence.", lang="en")))
    g.add((SKOS.notation, RDF.type, OWL.AnnotationProperty))
    for rel in ALL_RELATIONS.values():
        prop = DG[camel(rel.id)]
        g.add((prop, RDF.type, OWL.ObjectProperty))
        if rel.symmetric:
            g.add((prop, RDF.type, OWL.SymmetricProperty))
        g.add((prop, RDFS.label, Literal(rel.label, lang="en")))
        g.add((prop, RDFS.comment, Literal(rel.comment, lang="en")))
        g.add((prop, RDFS.domain, DG.Actor))
        g.add((prop, RDFS.range, DG.Actor))
        g.add((prop, RDFS.isDefinedBy, onto))
        g.add((prop, SKOS.notation, Literal(rel.id)))
        if rel.parent:
            g.add((prop, RDFS.subPropertyOf, DG[camel(rel.parent)]))
        if rel.cameo:
            g.add((prop, DG.cameo, Literal(rel.cameo)))
            g.add((prop, DG.goldstein, _decimal(cameo_table()[rel.cameo][1])))
        if rel.quad in QUAD_LABELS:
            g.add((prop, DG.quadClass, Literal(rel.quad)))
    datatype_props = {
        "polarity": "affirmed or negated",
        "modality": "asserted, planned, alleged or hypothetical",
        "confidence": "confidence of the extraction, 0..1",
        "sentence": "the sentence the relation was read from",
        "sentenceStart": "character offset of the sentence in the document",
        "sentenceEnd": "character offset of the sentence end",
        "subjectMention": "the text naming the subject",
        "subjectStart": "character offset of the subject mention",
        "subjectEnd": "character offset of the subject mention end",
        "objectMention": "the text naming the object",
        "objectStart": "character offset of the object mention",
        "objectEnd": "character offset of the object mention end",
        "cue": "the word that signalled the relation",
        "method": "the construction the relation was read from",
        "relationId": "the relation id of the relation set (snake_case)",
        "contentHash": "SHA-256 of the document text",
        "actorId": "the actor's stable readable id",
        "qid": "the Wikidata item id",
        "actorType": "country, person, organisation, group or location",
        "name": "a name the document uses for the actor (on a dg:ActorOccurrence)",
    }
    for name, comment in datatype_props.items():
        g.add((DG[name], RDF.type, OWL.DatatypeProperty))
        g.add((DG[name], RDFS.comment, Literal(comment, lang="en")))
    for name, comment in (("attributedTo", "the actor whose statement it is"), ("state", "the state an organisation belongs to"),
                          ("actor", "the actor a dg:ActorOccurrence is an occurrence of")):
        g.add((DG[name], RDF.type, OWL.ObjectProperty))
        g.add((DG[name], RDFS.comment, Literal(comment, lang="en")))
    return g


# -- the data: quads, one named graph per document ---------------------------------------
def graph_iri(doc_id: str) -> URIRef:
    """The named graph holding everything read from one document."""
    return URIRef(ID + "graph/" + quote(doc_id, safe=""))


VOCABULARY_GRAPH = URIRef(str(DG).rstrip("#"))
SHARED_GRAPH = URIRef(ID + "shared")  # actors and direct relation triples, each once


def occurrence_iri(doc_id: str, actor_id: str) -> URIRef:
    """The node of one actor's occurrence in one document."""
    return URIRef(ID + "occurrence/" + quote(doc_id, safe="") + "/" + quote(actor_id, safe=""))
_XSD_INT, _XSD_DEC = XSD.integer, XSD.decimal


def _decimal(value: float) -> Literal:
    """An xsd:decimal in the canonical form stores keep ("0.75", "-7"), so files and stores agree."""
    text = f"{float(value):.3f}".rstrip("0").rstrip(".")
    return Literal("0" if text in ("-0", "") else text, datatype=_XSD_DEC)


def _mention_triples(subject: str, relation: str, obj: str, ev: dict):
    node = mention_iri(subject, relation, obj, ev)
    yield node, RDF.type, DG.RelationMention
    yield node, RDF.subject, actor_iri(subject)
    yield node, RDF.predicate, DG[camel(relation)]
    yield node, RDF.object, actor_iri(obj)
    yield node, DG.relationId, Literal(relation)
    yield node, DG.polarity, Literal(ev["polarity"])
    yield node, DG.modality, Literal(ev["modality"])
    yield node, DG.confidence, _decimal(ev["confidence"])
    yield node, DG.sentence, Literal(ev["sentence"])
    for key, prop in (
        ("sentence_start", DG.sentenceStart),
        ("sentence_end", DG.sentenceEnd),
        ("subject_start", DG.subjectStart),
        ("subject_end", DG.subjectEnd),
        ("object_start", DG.objectStart),
        ("object_end", DG.objectEnd),
    ):
        yield node, prop, Literal(str(int(ev[key])), datatype=_XSD_INT)
    yield node, DG.subjectMention, Literal(ev["subject_mention"])
    yield node, DG.objectMention, Literal(ev["object_mention"])
    yield node, PROV.wasDerivedFrom, doc_iri(ev["doc_id"])
    if ev.get("attributed_to"):
        yield node, DG.attributedTo, actor_iri(ev["attributed_to"])
    if ev.get("cue"):
        yield node, DG.cue, Literal(ev["cue"])
    if ev.get("method"):
        yield node, DG.method, Literal(ev["method"])
    if ev.get("cameo"):
        yield node, DG.cameo, Literal(ev["cameo"])
        weight = cameo_table().get(ev["cameo"])
        if weight:
            yield node, DG.goldstein, _decimal(weight[1])
    date = date_literal(ev.get("date"))
    if date is not None:
        yield node, DCTERMS.date, date


ACTOR_CORE = (RDF.type, RDFS.label, DG.actorId, DG.actorType, DG.qid, OWL.sameAs, DG.state)


def actor_triples(actor_id: str, data: dict):
    """An actor's description in the shared graph: its class, label, id, type, QID, state and
    names (the gazetteer's and those any document uses)."""
    node = actor_iri(actor_id)
    yield node, RDF.type, ACTOR_CLASSES.get(data.get("type"), DG.Actor)
    yield node, RDFS.label, Literal(data.get("label", actor_id))
    yield node, DG.actorId, Literal(actor_id)
    yield node, DG.actorType, Literal(data.get("type", ""))
    for alias in sorted((set(data.get("known_aliases", [])) | set(data.get("aliases", []))) - {data.get("label")}):
        yield node, SKOS.altLabel, Literal(alias)
    if data.get("qid"):
        yield node, OWL.sameAs, WD[data["qid"]]
        yield node, DG.qid, Literal(data["qid"])
    if data.get("state"):
        yield node, DG.state, actor_iri(data["state"])


def occurrence_triples(doc_id: str, actor_id: str, names):
    """One actor's occurrence in one document, with the names the document uses for it."""
    node = occurrence_iri(doc_id, actor_id)
    yield node, RDF.type, DG.ActorOccurrence
    yield node, DG.actor, actor_iri(actor_id)
    yield node, PROV.wasDerivedFrom, doc_iri(doc_id)
    for name in sorted(names):
        yield node, DG.name, Literal(name)


def _document_triples(doc_id: str, meta: dict):
    node = doc_iri(doc_id)
    yield node, RDF.type, DG.Document
    yield node, DCTERMS.identifier, Literal(doc_id)
    if meta.get("title"):
        yield node, DCTERMS.title, Literal(meta["title"])
    date = date_literal(meta.get("date"))
    if date is not None:
        yield node, DCTERMS.date, date
    if meta.get("url"):
        yield node, SCHEMA.url, Literal(meta["url"], datatype=XSD.anyURI)
    if meta.get("source"):
        yield node, DCTERMS.source, Literal(meta["source"])
    if meta.get("hash"):
        yield node, DG.contentHash, Literal(meta["hash"])


def shared_triples(G: nx.MultiDiGraph):
    """The shared graph: every actor's description and every direct relation triple, once."""
    for actor_id in sorted(G.nodes):
        yield from actor_triples(actor_id, G.nodes[actor_id])
    for s, o, relation in sorted(G.edges(keys=True)):
        yield actor_iri(s), DG[camel(relation)], actor_iri(o)


def graph_items(G: nx.MultiDiGraph):
    """Per document, in id order, what its named graph holds, read from a graph whose edges
    carry every evidence record: (id, metadata, actor -> names the document uses for it,
    (subject, relation, object, evidence record) of each relation mention). Builds from large
    corpora bound the evidence an edge keeps: they stream these from their mention table
    (:meth:`diplograph.graph.GraphBuilder.document_items`)."""
    per_doc: dict[str, list] = {doc_id: [] for doc_id in sorted(G.graph.get("documents", {}))}
    for s, o, relation, data in G.edges(keys=True, data=True):
        if len(data.get("evidence", [])) < data.get("count", 0):
            raise ValueError("this graph keeps a sample of the evidence only; write its RDF from the builder's mention table")
        for ev in data.get("evidence", []):
            per_doc.setdefault(ev["doc_id"], []).append((s, relation, o, ev))
    for item in G.graph.get("negated", []):
        per_doc.setdefault(item["doc_id"], []).append((item["subject"], item["relation"], item["object"], item))
    actors_of: dict[str, set[str]] = {doc_id: set() for doc_id in per_doc}
    for actor_id, data in G.nodes(data=True):
        for doc_id in data.get("documents", []):
            actors_of.setdefault(doc_id, set()).add(actor_id)
    for doc_id, items in per_doc.items():
        for s, _, o, ev in items:
            actors_of[doc_id].update(a for a in (s, o, ev.get("attributed_to")) if a and a in G)
    documents = G.graph.get("documents", {})
    for doc_id in sorted(per_doc):
        names = {a: G.nodes[a].get("seen_in", {}).get(doc_id, ()) for a in actors_of.get(doc_id, ())}
        yield doc_id, documents.get(doc_id, {}), names, per_doc[doc_id]


def document_quads(items):
    """(subject, predicate, object, graph) of every document's own graph, by document id: the
    document, its actor occurrences and its relation-mention nodes. ``items`` is a graph (whose
    edges carry all their evidence) or what :func:`graph_items` yields."""
    if isinstance(items, nx.MultiDiGraph):
        items = graph_items(items)
    for doc_id, meta, names, mentions in items:
        g = graph_iri(doc_id)
        for t in _document_triples(doc_id, meta):
            yield (*t, g)
        for actor_id in sorted(names):
            for t in occurrence_triples(doc_id, actor_id, names[actor_id]):
                yield (*t, g)
        for s, relation, o, ev in sorted(mentions, key=lambda x: (x[3]["sentence_start"], x[0], x[1], x[2], x[3]["subject_start"])):
            for t in _mention_triples(s, relation, o, ev):
                yield (*t, g)


def dataset_quads(G: nx.MultiDiGraph, with_ontology: bool = True, documents=None):
    """(subject, predicate, object, graph) of the whole dataset, in a deterministic order:
    the vocabulary, the shared graph, then one named graph per document (from ``documents``,
    the per-document items of :func:`graph_items`, when given, else from ``G``)."""
    if with_ontology:
        for s, p, o in sorted(ontology_graph()):
            yield s, p, o, VOCABULARY_GRAPH
    for t in shared_triples(G):
        yield (*t, SHARED_GRAPH)
    yield from document_quads(G if documents is None else documents)


def to_rdf(G: nx.MultiDiGraph, with_ontology: bool = True) -> Graph:
    """The graph as one flattened rdflib Graph (the union of the document graphs)."""
    g = _bind(Graph())
    for s, p, o, _ in dataset_quads(G, with_ontology):
        g.add((s, p, o))
    return g


# -- serialisation through pyoxigraph (fast at any size) --------------------------------
RDF_FORMATS = {"ttl": "TURTLE", "trig": "TRIG", "nq": "N_QUADS", "nt": "N_TRIPLES", "jsonld": "JSON_LD"}
QUAD_FORMATS = {"trig", "nq", "jsonld"}
READABLE_QUAD_FORMATS = ("trig", "nq")  # files write_rdf reads back with quads_from


def to_ox(term):
    """An rdflib term as a pyoxigraph term."""
    import pyoxigraph as ox

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"unsupported term {term!r}")


def as_ox_quads(quads, cache_size: int = 200_000):
    """rdflib (subject, predicate, object, graph) tuples as pyoxigraph quads (terms converted once,
    up to ``cache_size`` of them at a time: memory stays bounded on a stream of any length)."""
    import pyoxigraph as ox

    cache: dict = {}

    def conv(t):
        found = cache.get(t)
        if found is None:
            if len(cache) >= cache_size:
                cache.clear()
            found = cache[t] = to_ox(t)
        return found

    for s, p, o, g in quads:
        yield ox.Quad(conv(s), conv(p), conv(o), conv(g))


def ox_quads(G: nx.MultiDiGraph, with_ontology: bool = True, documents=None):
    return as_ox_quads(dataset_quads(G, with_ontology, documents))


def _triples(quads):
    """The triples of a stream of quads, each once. Only the vocabulary's and the shared graph's
    triples are remembered throughout: a document graph's own subjects (its document, occurrence
    and mention IRIs) appear in no other graph, so its duplicates are found within it."""
    shared = {str(VOCABULARY_GRAPH), str(SHARED_GRAPH)}
    kept: set = set()
    local: set = set()
    current = None
    for q in quads:
        name = q.graph_name.value
        if name in shared:
            seen = kept
        else:
            if name != current:
                local, current = set(), name
            seen = local
        if q.triple in seen or q.triple in kept:
            continue
        seen.add(q.triple)
        yield q.triple


def write_rdf(G: nx.MultiDiGraph, path: str | Path, fmt: str | None = None, documents=None, quads_from: str | Path | None = None) -> Path:
    """Write the dataset as Turtle or N-Triples (flattened: the union of the graphs), or as TriG,
    N-Quads or JSON-LD (one named graph per document), streamed to the file. The format follows
    the suffix. ``documents``: the per-document items (:func:`graph_items`) when ``G`` keeps a
    sample of the evidence only. ``quads_from``: a TriG or N-Quads file of this same dataset,
    already written, whose quads are read back (pyoxigraph's parser, a stream) rather than made
    again from the graph: several formats cost one pass of generating terms."""
    import pyoxigraph as ox

    path = Path(path)
    fmt = fmt or path.suffix.lstrip(".")
    if fmt not in RDF_FORMATS:
        raise ValueError(f"unknown RDF format {fmt!r}; use one of {', '.join(RDF_FORMATS)}")
    if quads_from is not None:
        source = Path(quads_from)
        quads = ox.parse(path=str(source), format=getattr(ox.RdfFormat, RDF_FORMATS[source.suffix.lstrip(".")]))
    else:
        quads = ox_quads(G, documents=documents)
    items = quads if fmt in QUAD_FORMATS else _triples(quads)
    prefixes = {k: str(v) for k, v in PREFIXES.items()} if fmt in ("ttl", "trig") else None
    with atomic_write(path, "wb") as fh:
        ox.serialize(items, fh, format=getattr(ox.RdfFormat, RDF_FORMATS[fmt]), prefixes=prefixes)
    return path
