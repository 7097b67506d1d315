"""RDF export: a small vocabulary generated from the relation table, and the graph
as two layers (as Wikidata does):

- direct triples for affirmed relations: ``<actor/belarus> dg:alliesWith <actor/china>``;
- one node per relation mention (``rdf:Statement``) with its evidence and qualities:
  polarity, modality, attributedTo, confidence, sentence, offsets, document, date.
  Negated mentions exist only in this layer.

Namespaces: vocabulary ``https://w3id.org/diplograph/ns#`` (prefix ``dg:``);
resources ``https://w3id.org/diplograph/id/{actor,doc,mention}/...``. IRIs are
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
PREFIXES = {"dg": DG, "wd": WD, "owl": OWL, "rdfs": RDFS, "skos": SKOS, "prov": PROV, "dct": DCTERMS, "xsd": XSD, "schema": SCHEMA}


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
    for cls, label in ((DG.Document, "news document"), (DG.RelationMention, "relation mention")):
        g.add((cls, RDF.type, OWL.Class))
        g.add((cls, RDFS.label, Literal(label, lang="en")))
    g.add((DG.RelationMention, RDFS.subClassOf, RDF.Statement))
    for rel in ALL_RELATIONS.values():
        prop = DG[camel(rel.id)]
        g.add((prop, RDF.type, OWL.ObjectProperty))
        if rel.symmetric:
            g.add((prop, RDF.type, OWL.SymmetricProperty))
        g.add((prop, RDFS.label, Literal(rel.label, lang="en")))
        g.add((prop, RDFS.comment, Literal(rel.comment, lang="en")))
        g.add((prop, RDFS.domain, DG.Actor))
        g.add((prop, RDFS.range, DG.Actor))
        g.add((prop, DG.relationId, Literal(rel.id)))
        if rel.parent:
            g.add((prop, RDFS.subPropertyOf, DG[camel(rel.parent)]))
        if rel.cameo:
            g.add((prop, DG.cameo, Literal(rel.cameo)))
            g.add((prop, DG.goldstein, Literal(cameo_table()[rel.cameo][1], datatype=XSD.decimal)))
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
        "mentionCount": "how many relation mentions support an actor or edge",
        "actorId": "the actor's stable readable id",
        "qid": "the Wikidata item id",
        "actorType": "country, person, organisation, group or location",
    }
    for name, comment in datatype_props.items():
        g.add((DG[name], RDF.type, OWL.DatatypeProperty))
        g.add((DG[name], RDFS.comment, Literal(comment, lang="en")))
    for name, comment in (("attributedTo", "the actor whose statement it is"), ("state", "the state an organisation belongs to")):
        g.add((DG[name], RDF.type, OWL.ObjectProperty))
        g.add((DG[name], RDFS.comment, Literal(comment, lang="en")))
    return g


def _add_mention(g: Graph, subject: str, relation: str, obj: str, ev: dict) -> None:
    node = mention_iri(subject, relation, obj, ev)
    g.add((node, RDF.type, DG.RelationMention))
    g.add((node, RDF.subject, actor_iri(subject)))
    g.add((node, RDF.predicate, DG[camel(relation)]))
    g.add((node, RDF.object, actor_iri(obj)))
    g.add((node, DG.relationId, Literal(relation)))
    g.add((node, DG.polarity, Literal(ev["polarity"])))
    g.add((node, DG.modality, Literal(ev["modality"])))
    g.add((node, DG.confidence, Literal(round(float(ev["confidence"]), 3), datatype=XSD.decimal)))
    g.add((node, DG.sentence, Literal(ev["sentence"])))
    for key, prop in (
        ("sentence_start", DG.sentenceStart),
        ("sentence_end", DG.sentenceEnd),
        ("subject_start", DG.subjectStart),
        ("subject_end", DG.subjectEnd),
        ("object_start", DG.objectStart),
        ("object_end", DG.objectEnd),
    ):
        g.add((node, prop, Literal(int(ev[key]), datatype=XSD.integer)))
    g.add((node, DG.subjectMention, Literal(ev["subject_mention"])))
    g.add((node, DG.objectMention, Literal(ev["object_mention"])))
    g.add((node, PROV.wasDerivedFrom, doc_iri(ev["doc_id"])))
    if ev.get("attributed_to"):
        g.add((node, DG.attributedTo, actor_iri(ev["attributed_to"])))
    if ev.get("cue"):
        g.add((node, DG.cue, Literal(ev["cue"])))
    if ev.get("method"):
        g.add((node, DG.method, Literal(ev["method"])))
    if ev.get("cameo"):
        g.add((node, DG.cameo, Literal(ev["cameo"])))
        weight = cameo_table().get(ev["cameo"])
        if weight:
            g.add((node, DG.goldstein, Literal(weight[1], datatype=XSD.decimal)))
    date = date_literal(ev.get("date"))
    if date is not None:
        g.add((node, DCTERMS.date, date))


def to_rdf(G: nx.MultiDiGraph, with_ontology: bool = True) -> Graph:
    """The graph as RDF: vocabulary, documents, actors, direct triples and mention nodes."""
    g = ontology_graph() if with_ontology else _bind(Graph())
    for doc_id, meta in sorted(G.graph.get("documents", {}).items()):
        node = doc_iri(doc_id)
        g.add((node, RDF.type, DG.Document))
        g.add((node, DCTERMS.identifier, Literal(doc_id)))
        if meta.get("title"):
            g.add((node, DCTERMS.title, Literal(meta["title"])))
        date = date_literal(meta.get("date"))
        if date is not None:
            g.add((node, DCTERMS.date, date))
        if meta.get("url"):
            g.add((node, SCHEMA.url, Literal(meta["url"], datatype=XSD.anyURI)))
        if meta.get("source"):
            g.add((node, DCTERMS.source, Literal(meta["source"])))
        if meta.get("hash"):
            g.add((node, DG.contentHash, Literal(meta["hash"])))
    for actor_id, data in G.nodes(data=True):
        node = actor_iri(actor_id)
        g.add((node, RDF.type, ACTOR_CLASSES.get(data.get("type"), DG.Actor)))
        g.add((node, RDFS.label, Literal(data.get("label", actor_id))))
        g.add((node, DG.actorId, Literal(actor_id)))
        g.add((node, DG.actorType, Literal(data.get("type", ""))))
        for alias in data.get("aliases", []):
            g.add((node, SKOS.altLabel, Literal(alias)))
        if data.get("qid"):
            g.add((node, OWL.sameAs, WD[data["qid"]]))
            g.add((node, DG.qid, Literal(data["qid"])))
        if data.get("state"):
            g.add((node, DG.state, actor_iri(data["state"])))
        g.add((node, DG.mentionCount, Literal(int(data.get("mentions", 0)), datatype=XSD.integer)))
    for s, o, relation, data in G.edges(keys=True, data=True):
        g.add((actor_iri(s), DG[camel(relation)], actor_iri(o)))
        for ev in data.get("evidence", []):
            _add_mention(g, s, relation, o, ev)
    for item in G.graph.get("negated", []):
        _add_mention(g, item["subject"], item["relation"], item["object"], item)
    return g


def write_turtle(G: nx.MultiDiGraph, path: str | Path) -> Path:
    path = Path(path)
    data = to_rdf(G).serialize(format="turtle")
    with atomic_write(path) as fh:
        fh.write(data)
    return path
