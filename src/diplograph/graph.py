"""Graph: aggregate relation mentions into a networkx MultiDiGraph of actors.

One edge per (subject, relation, object), keyed by the relation id, with its
mention count, evidence list, first/last date, mean confidence, CAMEO code,
quad class and Goldstein weight. Negated mentions never become edges: they
stay as evidence in ``G.graph["negated"]``.

    >>> from diplograph.pipeline import extract_text
    >>> from diplograph.model import Document
    >>> g = GraphBuilder()
    >>> g.add(Document("d", "Egypt condemned Turkey."), extract_text("Egypt condemned Turkey."))
    >>> G = g.graph()
    >>> G["egypt"]["turkey"]["criticizes"]["count"], G.nodes["turkey"]["qid"]
    (1, 'Q43')
"""

from __future__ import annotations

from collections import Counter

import networkx as nx

from .model import Actor, Document, Mention, Relation
from .schema import RELATIONS, goldstein


def evidence_record(rel: Relation) -> dict:
    """One evidence entry of an edge (a relation mention, flattened)."""
    return {
        "doc_id": rel.evidence.doc_id,
        "title": rel.evidence.title,
        "url": rel.evidence.url,
        "sentence": rel.evidence.sentence,
        "sentence_start": rel.evidence.sentence_start,
        "sentence_end": rel.evidence.sentence_end,
        "subject_mention": rel.subject.text,
        "subject_start": rel.subject.start,
        "subject_end": rel.subject.end,
        "object_mention": rel.object.text,
        "object_start": rel.object.start,
        "object_end": rel.object.end,
        "polarity": rel.polarity,
        "modality": rel.modality,
        "attributed_to": rel.attributed_to.id if rel.attributed_to else None,
        "attributed_label": rel.attributed_to.label if rel.attributed_to else None,
        "confidence": rel.confidence,
        "date": rel.date,
        "cue": rel.cue,
        "cameo": rel.cameo,
        "method": rel.method,
    }


class GraphBuilder:
    """Accumulates documents' actors and relations; ``graph()`` returns the MultiDiGraph."""

    def __init__(self) -> None:
        self.actors: dict[str, Actor] = {}
        self.mentions: Counter[str] = Counter()
        self.documents: dict[str, set[str]] = {}
        self.surfaces: dict[str, Counter[str]] = {}
        self.edges: dict[tuple[str, str, str], list[Relation]] = {}
        self.negated: list[Relation] = []
        self.docs: dict[str, Document] = {}

    def _actor(self, mention: Mention, doc_id: str, count: bool = True) -> None:
        actor = mention.actor
        known = self.actors.setdefault(actor.id, Actor(actor.id, actor.label, actor.type, actor.qid, set(), actor.state))
        known.aliases.update(actor.aliases)
        if known.qid is None and actor.qid:
            known.qid = actor.qid
        self.documents.setdefault(actor.id, set()).add(doc_id)
        self.surfaces.setdefault(actor.id, Counter())[mention.text] += 1
        if count:
            self.mentions[actor.id] += 1

    def add(self, document: Document, relations: list[Relation], mentions: list[Mention] | None = None) -> None:
        """Add one document's relation mentions (and, optionally, all its actor mentions for counts)."""
        self.docs[document.id] = document
        for mention in mentions or []:
            self._actor(mention, document.id)
        for rel in relations:
            counted = mentions is None
            self._actor(rel.subject, document.id, counted)
            self._actor(rel.object, document.id, counted)
            if rel.attributed_to is not None:
                self.actors.setdefault(rel.attributed_to.id, rel.attributed_to)
            if rel.polarity == "negated":
                self.negated.append(rel)
            else:
                self.edges.setdefault(rel.key, []).append(rel)

    def graph(self) -> nx.MultiDiGraph:
        G = nx.MultiDiGraph()
        G.graph["documents"] = {
            d.id: {"title": d.title, "date": d.date, "url": d.url, "source": d.source, "hash": d.content_hash}
            for d in self.docs.values()
        }
        G.graph["negated"] = [
            {"subject": r.subject.actor.id, "relation": r.relation, "object": r.object.actor.id, **evidence_record(r)}
            for r in self.negated
        ]
        used = {a for key in self.edges for a in (key[0], key[2])}
        used |= {r.subject.actor.id for r in self.negated} | {r.object.actor.id for r in self.negated}
        for actor_id in sorted(set(self.actors) & (used | set(self.mentions))):
            actor = self.actors[actor_id]
            surfaces = self.surfaces.get(actor_id, Counter())
            G.add_node(
                actor_id,
                label=actor.label,
                type=actor.type,
                qid=actor.qid,
                state=actor.state,
                aliases=sorted(set(surfaces) | actor.aliases - {actor.label}),
                mentions=self.mentions.get(actor_id, 0) or sum(surfaces.values()),
                documents=sorted(self.documents.get(actor_id, ())),
            )
        for (s, relation, o), rels in sorted(self.edges.items()):
            rtype = RELATIONS[relation]
            dates = sorted(r.date for r in rels if r.date)
            cameos = Counter(r.cameo for r in rels if r.cameo)
            cameo = cameos.most_common(1)[0][0] if cameos else rtype.cameo
            modalities = Counter(r.modality for r in rels)
            G.add_edge(
                s,
                o,
                key=relation,
                relation=relation,
                label=rtype.label,
                count=len(rels),
                confidence=round(sum(r.confidence for r in rels) / len(rels), 3),
                first_date=dates[0] if dates else None,
                last_date=dates[-1] if dates else None,
                cameo=cameo,
                quad_class=rtype.quad,
                goldstein=goldstein(cameo),
                symmetric=rtype.symmetric,
                modality=modalities.most_common(1)[0][0],
                asserted=modalities.get("asserted", 0),
                documents=sorted({r.evidence.doc_id for r in rels}),
                evidence=[evidence_record(r) for r in rels],
            )
        return G


def build_graph(results) -> nx.MultiDiGraph:
    """A graph from pipeline results (:class:`diplograph.pipeline.DocResult`)."""
    builder = GraphBuilder()
    for result in results:
        builder.add(result.document, result.relations, result.mentions)
    return builder.graph()


def summary(G: nx.MultiDiGraph, top: int = 10) -> dict:
    """Counts for the build report: actors by type, relations by type, top dyads."""
    actor_types = Counter(data["type"] for _, data in G.nodes(data=True))
    relation_types = Counter()
    dyads = Counter()
    for s, o, data in G.edges(data=True):
        relation_types[data["relation"]] += data["count"]
        dyads[(s, o)] += data["count"]
    return {
        "documents": len(G.graph.get("documents", {})),
        "actors": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "mentions": sum(relation_types.values()),
        "negated": len(G.graph.get("negated", [])),
        "actors_by_type": dict(actor_types.most_common()),
        "relations_by_type": dict(relation_types.most_common()),
        "top_dyads": [
            {"subject": s, "object": o, "mentions": n, "relations": sorted(G[s][o])} for (s, o), n in dyads.most_common(top)
        ],
    }
