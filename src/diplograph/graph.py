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
from dataclasses import replace

import networkx as nx

from .model import Actor, Document, Mention, Relation
from .schema import RELATIONS, goldstein, is_symmetric


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
    """Accumulates documents' relations and actor mentions; ``graph()`` returns the MultiDiGraph.

    Across documents, a person named only by a surname ("Tokayev") joins the one person
    of the corpus whose full name ends (or, for family-name-first names, starts) with it.
    """

    def __init__(self, known_persons: list[Actor] | None = None) -> None:
        self.docs: dict[str, Document] = {}
        self.relations: list[Relation] = []
        self.mentions: list[tuple[str, Mention]] = []  # (doc id, actor mention)
        self.known_persons = list(known_persons or [])  # full names already in a store
        self._merge: dict[str, Actor] | None = None

    def add(self, document: Document, relations: list[Relation], mentions: list[Mention] | None = None) -> None:
        """Add one document's relation mentions and (optionally) all its actor mentions, for counts."""
        self.docs[document.id] = document
        self.relations.extend(relations)
        if mentions is None:
            mentions = [m for r in relations for m in (r.subject, r.object)]
        self.mentions.extend((document.id, m) for m in mentions)
        self._merge = None

    # -- cross-document person resolution ---------------------------------------
    def merges(self) -> dict[str, Actor]:
        """Surname-only person id -> the full-name person it joins (only when unambiguous)."""
        if self._merge is not None:
            return self._merge
        persons: dict[str, Actor] = {a.id: a for a in self.known_persons}
        for _, m in self.mentions:
            if m.actor.type == "person":
                persons.setdefault(m.actor.id, m.actor)
        for r in self.relations:
            for actor in (r.subject.actor, r.object.actor, r.attributed_to):
                if actor is not None and actor.type == "person":
                    persons.setdefault(actor.id, actor)
        by_token: dict[str, set[str]] = {}
        for actor in persons.values():
            parts = actor.label.split()
            if len(parts) > 1:
                for token in {parts[0], parts[-1]}:
                    by_token.setdefault(token, set()).add(actor.id)
        self._merge = {}
        for actor in persons.values():
            if len(actor.label.split()) == 1:
                targets = by_token.get(actor.label, set())
                if len(targets) == 1:
                    self._merge[actor.id] = persons[next(iter(targets))]
        return self._merge

    def _canon(self, actor: Actor) -> Actor:
        return self.merges().get(actor.id, actor)

    def canonical(self, rel: Relation) -> Relation:
        """A relation with merged actors (the JSONL export writes these)."""
        merged = self.merges()
        if not ({rel.subject.actor.id, rel.object.actor.id, rel.attributed_to.id if rel.attributed_to else ""} & set(merged)):
            return rel
        subject = replace(rel.subject, actor=self._canon(rel.subject.actor))
        obj = replace(rel.object, actor=self._canon(rel.object.actor))
        if is_symmetric(rel.relation) and subject.actor.id > obj.actor.id:
            subject, obj = obj, subject  # keep symmetric relations in id order, mentions with their actors
        return replace(rel, subject=subject, object=obj,
                       attributed_to=self._canon(rel.attributed_to) if rel.attributed_to else None)

    # -- aggregation ---------------------------------------------------------------
    def graph(self) -> nx.MultiDiGraph:
        actors: dict[str, dict] = {}
        for doc_id, m in self.mentions:
            actor = self._canon(m.actor)
            info = _actor_info(actors, actor)
            info["aliases"].update(m.actor.aliases)
            info["mentions"] += 1
            info["documents"].add(doc_id)
            _seen(info, doc_id, m.text)
        records = []
        for rel in map(self.canonical, self.relations):
            for actor in (rel.subject.actor, rel.object.actor, rel.attributed_to):
                if actor is not None:
                    _actor_info(actors, actor)
            for m in (rel.subject, rel.object):
                if m.via not in ("pronoun", "gazetteer"):  # "he" and "its" are no names of the actor
                    _seen(actors[m.actor.id], rel.evidence.doc_id, m.text)
            records.append({"subject": rel.subject.actor.id, "relation": rel.relation, "object": rel.object.actor.id,
                            **evidence_record(rel)})
        documents = {
            d.id: {"title": d.title, "date": d.date, "url": d.url, "source": d.source, "hash": d.content_hash}
            for d in self.docs.values()
        }
        return assemble(actors, records, documents)


def _seen(info: dict, doc_id: str, text: str) -> None:
    """Record a surface form of an actor as seen in a document."""
    text = " ".join(text.split())
    info["surfaces"].add(text)
    info["seen_in"].setdefault(doc_id, set()).add(text)


def _actor_info(actors: dict[str, dict], actor: Actor) -> dict:
    info = actors.get(actor.id)
    if info is None:
        info = actors[actor.id] = {"label": actor.label, "type": actor.type, "qid": actor.qid, "state": actor.state,
                                   "aliases": set(actor.aliases), "surfaces": set(), "mentions": 0, "documents": set(),
                                   "seen_in": {}}
    info["qid"] = info["qid"] or actor.qid
    info["aliases"].update(actor.aliases)
    return info


def _swapped(rec: dict) -> dict:
    out = dict(rec, subject=rec["object"], object=rec["subject"])
    for field in ("mention", "start", "end"):
        out[f"subject_{field}"], out[f"object_{field}"] = rec[f"object_{field}"], rec[f"subject_{field}"]
    return out


def assemble(actors: dict[str, dict], records: list[dict], documents: dict[str, dict]) -> nx.MultiDiGraph:
    """The MultiDiGraph from actor descriptions and relation-mention records (an evidence record
    plus ``subject``, ``relation``, ``object``): one edge per affirmed (subject, relation, object),
    negated records kept in ``G.graph["negated"]``. Shared by the builder and the store."""
    edges: dict[tuple[str, str, str], list[dict]] = {}
    negated: list[dict] = []
    for rec in records:
        if rec["polarity"] == "negated":
            negated.append(rec)
            continue
        if is_symmetric(rec["relation"]) and rec["subject"] > rec["object"]:
            rec = _swapped(rec)  # one direction for symmetric relations, the mentions moving with their actors
        edges.setdefault((rec["subject"], rec["relation"], rec["object"]), []).append(rec)
    G = nx.MultiDiGraph()
    G.graph["documents"] = dict(sorted(documents.items()))
    G.graph["negated"] = negated
    used = {a for key in edges for a in (key[0], key[2])} | {r["subject"] for r in negated} | {r["object"] for r in negated}
    for actor_id in sorted(used | {a for a, info in actors.items() if info["mentions"]}):
        info = actors[actor_id]
        G.add_node(
            actor_id,
            label=info["label"],
            type=info["type"],
            qid=info["qid"],
            state=info["state"],
            aliases=sorted(info["surfaces"] - {info["label"]}),  # as the texts name it
            known_aliases=sorted(info["aliases"] - {info["label"]}),  # from the gazetteer
            seen_in={doc: sorted(forms) for doc, forms in sorted(info["seen_in"].items())},
            mentions=info["mentions"],
            documents=sorted(info["documents"] | set(info["seen_in"])),
        )
    for (s, relation, o), recs in sorted(edges.items()):
        rtype = RELATIONS[relation]
        dates = sorted(r["date"] for r in recs if r.get("date"))
        cameos = Counter(r["cameo"] for r in recs if r.get("cameo"))
        cameo = cameos.most_common(1)[0][0] if cameos else rtype.cameo
        modalities = Counter(r["modality"] for r in recs)
        G.add_edge(
            s,
            o,
            key=relation,
            relation=relation,
            label=rtype.label,
            count=len(recs),
            confidence=round(sum(r["confidence"] for r in recs) / len(recs), 3),
            first_date=dates[0] if dates else None,
            last_date=dates[-1] if dates else None,
            cameo=cameo,
            quad_class=rtype.quad,
            goldstein=goldstein(cameo),
            symmetric=rtype.symmetric,
            modality=modalities.most_common(1)[0][0],
            asserted=modalities.get("asserted", 0),
            documents=sorted({r["doc_id"] for r in recs}),
            evidence=[{k: v for k, v in r.items() if k not in ("subject", "relation", "object")} for r in recs],
        )
    return G


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
