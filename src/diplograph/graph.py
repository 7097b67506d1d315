"""Graph: aggregate relation mentions into a networkx MultiDiGraph of actors.

One edge per (subject, relation, object), keyed by the relation id, with its
mention count, first/last date, mean confidence, CAMEO code, quad class,
Goldstein weight, the number of documents stating it and a bounded sample of its
evidence (the first :data:`EVIDENCE_LIMIT` mentions). Negated mentions never
become edges: a sample of them stays as evidence in ``G.graph["negated"]``.

The builder keeps memory flat however large the corpus: each document's relation and
actor mentions go to a :class:`~diplograph.mentions.MentionTable` on disk as they arrive,
and the graph holds counts and samples only. Everything the table holds (every mention) is
streamed from it again for the JSONL, RDF, store and Parquet outputs.

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
from collections.abc import Iterable, Iterator
from dataclasses import replace

import networkx as nx

from .mentions import MentionTable
from .model import Actor, Document, Mention, Relation
from .schema import RELATIONS, goldstein, is_symmetric

EVIDENCE_LIMIT = 20  # evidence records an edge keeps in the graph (HTML, JSON, GraphML); every one is in JSONL, RDF, stores
DOCUMENT_LIMIT = 100  # document ids an edge or actor lists in the graph (with the full count beside them)


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
    Mentions go to a :class:`~diplograph.mentions.MentionTable` (a temporary file) as they
    arrive; ``evidence_limit`` and ``document_limit`` bound what the graph keeps per edge and actor.
    """

    def __init__(self, known_persons: list[Actor] | None = None, evidence_limit: int = EVIDENCE_LIMIT,
                 document_limit: int = DOCUMENT_LIMIT) -> None:
        self.docs: dict[str, dict] = {}  # document id -> title, date, url, source, hash (no text)
        self.table = MentionTable()
        self.relation_count = 0
        self.known_persons = list(known_persons or [])  # full names already in a store
        self.evidence_limit, self.document_limit = evidence_limit, document_limit
        self._persons: dict[str, Actor] = {}
        self._relation_persons: dict[str, Actor] = {}
        self._first_named: dict[str, Actor] = {}  # the first Actor of each id among mentions, then relations
        self._first_related: dict[str, Actor] = {}
        self._merge: dict[str, Actor] | None = None
        self._graph: nx.MultiDiGraph | None = None

    def add(self, document: Document, relations: list[Relation], mentions: list[Mention] | None = None) -> None:
        """Add one document's relation mentions and (optionally) all its actor mentions, for counts."""
        if mentions is None:
            mentions = [m for r in relations for m in (r.subject, r.object)]
        self.docs[document.id] = document_meta(document)
        for m in mentions:
            self._first_named.setdefault(m.actor.id, m.actor)
            if m.actor.type == "person":
                self._persons.setdefault(m.actor.id, m.actor)
        for r in relations:
            for actor in (r.subject.actor, r.object.actor, r.attributed_to):
                if actor is not None:
                    self._first_related.setdefault(actor.id, actor)
                    if actor.type == "person":
                        self._relation_persons.setdefault(actor.id, actor)
        self.table.write(document.id, relations, [(m.actor, m.text) for m in mentions])
        self.relation_count += len(relations)
        self._merge = self._graph = None

    # -- cross-document person resolution ---------------------------------------
    def merges(self) -> dict[str, Actor]:
        """Surname-only person id -> the full-name person it joins (only when unambiguous)."""
        if self._merge is not None:
            return self._merge
        persons: dict[str, Actor] = {a.id: a for a in self.known_persons}
        for actors in (self._persons, self._relation_persons):
            for actor_id, actor in actors.items():
                persons.setdefault(actor_id, actor)
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

    @property
    def relations(self) -> Iterator[Relation]:
        """Every relation mention as read (actors not merged), in input order, from the table."""
        for _, relations, _ in self.table.read():
            yield from relations

    def canonical_relations(self) -> Iterator[Relation]:
        """Every relation mention with merged actors, in input order (what ``build`` writes as JSONL)."""
        for relation in self.relations:
            yield self.canonical(relation)

    # -- aggregation ---------------------------------------------------------------
    def graph(self) -> nx.MultiDiGraph:
        """The MultiDiGraph, aggregated in one pass over the table (memory: counts and samples)."""
        if self._graph is not None:
            return self._graph
        seeds: dict[str, Actor] = {}  # the Actor each merged id is described by: first named, else first related
        for first in (self._first_named, self._first_related):
            for actor in first.values():
                actor = self._canon(actor)
                seeds.setdefault(actor.id, actor)
        actors: dict[str, dict] = {}
        edges = Edges(self.evidence_limit, self.document_limit)
        for doc_id, relations, mentions in self.table.read():
            for actor, text in mentions:
                canon = self._canon(actor)
                info = _actor_info(actors, seeds[canon.id], self.document_limit)
                info["aliases"].update(canon.aliases, actor.aliases)
                info["qid"] = info["qid"] or canon.qid
                info["mentions"] += 1
                _in_document(info, doc_id)
                _seen(info, doc_id, text)
            for rel in map(self.canonical, relations):
                for actor in (rel.subject.actor, rel.object.actor, rel.attributed_to):
                    if actor is not None:
                        info = _actor_info(actors, seeds[actor.id], self.document_limit)
                        info["aliases"].update(actor.aliases)
                        info["qid"] = info["qid"] or actor.qid
                for m in (rel.subject, rel.object):
                    if m.via not in ("pronoun", "gazetteer"):  # "he" and "its" are no names of the actor
                        _seen(actors[m.actor.id], rel.evidence.doc_id, m.text)
                edges.add({"subject": rel.subject.actor.id, "relation": rel.relation, "object": rel.object.actor.id,
                           **evidence_record(rel)})
        self._graph = edges.graph(actors, dict(self.docs), self.document_limit)
        return self._graph

    def document_items(self) -> Iterator[tuple[str, dict, dict[str, set[str]], list[tuple[str, str, str, dict]]]]:
        """Per document, in id order: (id, metadata, actor -> the names the document uses for it,
        its relation-mention records (subject, relation, object, evidence record)), from the table;
        what :func:`diplograph.export.rdf.document_quads` writes as the document's named graph."""
        G = self.graph()
        for doc_id in sorted(self.docs):
            for _, relations, mentions in self.table.read(doc_id):
                names: dict[str, set[str]] = {}
                for actor, text in mentions:
                    _seen_names(names, self._canon(actor).id, text)
                affirmed, negated = [], []
                for rel in map(self.canonical, relations):
                    rec = {"subject": rel.subject.actor.id, "relation": rel.relation, "object": rel.object.actor.id,
                           **evidence_record(rel)}
                    for m in (rel.subject, rel.object):
                        names.setdefault(m.actor.id, set())
                        if m.via not in ("pronoun", "gazetteer"):
                            _seen_names(names, m.actor.id, m.text)
                    if rel.attributed_to is not None and rel.attributed_to.id in G:
                        names.setdefault(rel.attributed_to.id, set())
                    if rec["polarity"] == "negated":
                        negated.append(rec)
                    else:
                        affirmed.append(_swapped(rec) if is_symmetric(rec["relation"]) and rec["subject"] > rec["object"] else rec)
                affirmed.sort(key=lambda r: (r["subject"], r["relation"], r["object"]))
                items = [(r["subject"], r["relation"], r["object"], _evidence_only(r)) for r in affirmed]
                items += [(r["subject"], r["relation"], r["object"], r) for r in negated]
                yield doc_id, self.docs[doc_id], names, items

    def close(self) -> None:
        """Remove the mention table's file (also done when the builder is garbage-collected)."""
        self.table.close()


def document_meta(document: Document) -> dict:
    """What the graph keeps of a document: its metadata and content hash, not its text."""
    return {"title": document.title, "date": document.date, "url": document.url, "source": document.source,
            "hash": document.content_hash}


def _seen_names(names: dict[str, set[str]], actor_id: str, text: str) -> None:
    names.setdefault(actor_id, set()).add(" ".join(text.split()))


def _in_document(info: dict, doc_id: str) -> None:
    """Count a document an actor appears in (documents arrive one after another)."""
    if info["last_doc"] != doc_id:
        info["last_doc"] = doc_id
        info["document_count"] += 1
        if len(info["documents"]) < info["limit"]:
            info["documents"].add(doc_id)


def _seen(info: dict, doc_id: str, text: str) -> None:
    """Record a surface form of an actor as seen in a document."""
    text = " ".join(text.split())
    info["surfaces"].add(text)
    _in_document(info, doc_id)
    if doc_id in info["documents"]:
        info["seen_in"].setdefault(doc_id, set()).add(text)


def _actor_info(actors: dict[str, dict], actor: Actor, limit: int = DOCUMENT_LIMIT) -> dict:
    info = actors.get(actor.id)
    if info is None:
        info = actors[actor.id] = {"label": actor.label, "type": actor.type, "qid": actor.qid, "state": actor.state,
                                   "aliases": set(actor.aliases), "surfaces": set(), "mentions": 0, "documents": set(),
                                   "seen_in": {}, "document_count": 0, "last_doc": None, "limit": limit}
    return info


def _evidence_only(rec: dict) -> dict:
    return {k: v for k, v in rec.items() if k not in ("subject", "relation", "object")}


def _swapped(rec: dict) -> dict:
    out = dict(rec, subject=rec["object"], object=rec["subject"])
    for field in ("mention", "start", "end"):
        out[f"subject_{field}"], out[f"object_{field}"] = rec[f"object_{field}"], rec[f"subject_{field}"]
    return out


class Edges:
    """Relation-mention records (an evidence record plus ``subject``, ``relation``, ``object``)
    aggregated into edges as they arrive: counts, dates, confidence, CAMEO codes, modalities,
    documents and the first ``evidence_limit`` records; negated records kept up to the same
    number per (subject, relation, object). An edge with more mentions than that also gets a
    ``timeline``: [month, CAMEO code, mentions] rows, which the dyad charts count from."""

    def __init__(self, evidence_limit: int = EVIDENCE_LIMIT, document_limit: int = DOCUMENT_LIMIT):
        self.evidence_limit, self.document_limit = evidence_limit, document_limit
        self.edges: dict[tuple[str, str, str], dict] = {}
        self.negated: list[dict] = []
        self.negated_counts: Counter = Counter()
        self.used: set[str] = set()

    def add(self, rec: dict) -> None:
        if rec["polarity"] == "negated":
            key = (rec["subject"], rec["relation"], rec["object"])
            self.used.update((rec["subject"], rec["object"]))
            self.negated_counts[key] += 1
            if self.negated_counts[key] <= self.evidence_limit:
                self.negated.append(rec)
            return
        if is_symmetric(rec["relation"]) and rec["subject"] > rec["object"]:
            rec = _swapped(rec)  # one direction for symmetric relations, the mentions moving with their actors
        key = (rec["subject"], rec["relation"], rec["object"])
        edge = self.edges.get(key)
        if edge is None:
            self.used.update((rec["subject"], rec["object"]))
            edge = self.edges[key] = {"count": 0, "confidence": 0.0, "first": None, "last": None, "cameos": Counter(),
                                      "modalities": Counter(), "documents": set(), "document_count": 0, "last_doc": None,
                                      "evidence": [], "timeline": Counter()}
        edge["count"] += 1
        edge["confidence"] += rec["confidence"]
        date = rec.get("date")
        if date:
            edge["first"] = date if edge["first"] is None else min(edge["first"], date)
            edge["last"] = date if edge["last"] is None else max(edge["last"], date)
        if rec.get("cameo"):
            edge["cameos"][rec["cameo"]] += 1
        edge["modalities"][rec["modality"]] += 1
        if rec["doc_id"] not in edge["documents"]:
            if edge["last_doc"] != rec["doc_id"]:
                edge["document_count"] += 1
            if len(edge["documents"]) < self.document_limit:
                edge["documents"].add(rec["doc_id"])
        edge["last_doc"] = rec["doc_id"]
        edge["timeline"][(date[:7] if date else None, rec.get("cameo"))] += 1
        if len(edge["evidence"]) < self.evidence_limit:
            edge["evidence"].append(_evidence_only(rec))

    def graph(self, actors: dict[str, dict], documents: dict[str, dict], document_limit: int = DOCUMENT_LIMIT) -> nx.MultiDiGraph:
        """The MultiDiGraph of these edges and the actors' descriptions."""
        G = nx.MultiDiGraph()
        G.graph["documents"] = dict(sorted(documents.items()))
        G.graph["negated"] = self.negated
        G.graph["evidence_limit"] = self.evidence_limit
        for actor_id in sorted(self.used | {a for a, info in actors.items() if info["mentions"]}):
            info = actors[actor_id]
            documents_of = sorted(info["documents"] | set(info["seen_in"]))[:document_limit]
            G.add_node(
                actor_id,
                label=info["label"],
                type=info["type"],
                qid=info["qid"],
                state=info["state"],
                aliases=sorted(info["surfaces"] - {info["label"]}),  # as the texts name it
                known_aliases=sorted(info["aliases"] - {info["label"]}),  # from the gazetteer
                seen_in={doc: sorted(forms) for doc, forms in sorted(info["seen_in"].items()) if doc in documents_of},
                mentions=info["mentions"],
                documents=documents_of,
                document_count=max(info.get("document_count", 0), len(documents_of)),
            )
        for (s, relation, o), edge in sorted(self.edges.items()):
            rtype = RELATIONS[relation]
            cameo = edge["cameos"].most_common(1)[0][0] if edge["cameos"] else rtype.cameo
            G.add_edge(
                s,
                o,
                key=relation,
                relation=relation,
                label=rtype.label,
                count=edge["count"],
                confidence=round(edge["confidence"] / edge["count"], 3),
                first_date=edge["first"],
                last_date=edge["last"],
                cameo=cameo,
                quad_class=rtype.quad,
                goldstein=goldstein(cameo),
                symmetric=rtype.symmetric,
                modality=edge["modalities"].most_common(1)[0][0],
                asserted=edge["modalities"].get("asserted", 0),
                documents=sorted(edge["documents"]),
                document_count=edge["document_count"],
                evidence=edge["evidence"],
            )
            if edge["count"] > len(edge["evidence"]):  # a sample: the dyad charts count from the timeline
                G.edges[s, o, relation]["timeline"] = [[month, cameo, n] for (month, cameo), n in
                                                       sorted(edge["timeline"].items(), key=lambda x: (x[0][0] or "", x[0][1] or ""))]
        return G


def assemble(actors: dict[str, dict], records: Iterable[dict], documents: dict[str, dict],
             evidence_limit: int = EVIDENCE_LIMIT, document_limit: int = DOCUMENT_LIMIT) -> nx.MultiDiGraph:
    """The MultiDiGraph from actor descriptions and relation-mention records (an evidence record
    plus ``subject``, ``relation``, ``object``), in document order: one edge per affirmed
    (subject, relation, object), negated records kept in ``G.graph["negated"]``. Used for graphs
    rebuilt from a store."""
    edges = Edges(evidence_limit, document_limit)
    for rec in records:
        edges.add(rec)
    for info in actors.values():
        info.setdefault("document_count", len(info["documents"] | set(info["seen_in"])))
        if len(info["documents"]) > document_limit:
            info["documents"] = set(sorted(info["documents"])[:document_limit])
    return edges.graph(actors, documents, document_limit)


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
