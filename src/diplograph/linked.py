"""Linked data: the graph's IRIs answer when opened (``serve``'s ``/id/...`` paths).

``https://w3id.org/diplograph/id/actor/belarus`` is served at ``/id/actor/belarus`` (so are
``doc``, ``mention``, ``occurrence`` and ``graph`` IRIs, and the shared graph ``/id/shared``). By
content negotiation (``Accept``, or ``?format=``):

- Turtle, JSON-LD, N-Triples or RDF/XML: the resource's description, every triple with the
  resource as subject or object (a symmetric DESCRIBE); for a ``graph`` IRI and ``shared``, the
  named graph;
- HTML: a readable page. An actor's shows its label, type, Wikidata link, aliases, its relations
  grouped by relation and partner with their evidence sentences, and its dyads over time
  (``static/dyadchart.js``), with links to the explorer focused on it and to the query page;
  a document's shows its metadata and every relation read from it; a mention's its statement.
  A document's graph and an actor's occurrence in a document send the browser to the document's
  page, the shared graph to the explorer.

Every query runs through the endpoint: its pool of warm workers, with the query guard and the
endpoint's timeout (:mod:`diplograph.serve`). IRIs in queries are built by :func:`iri_of`, which
percent-encodes everything but unreserved characters.

    >>> negotiate("text/html,application/xhtml+xml,*/*;q=0.8")
    'text/html'
    >>> negotiate("*/*"), negotiate(None), negotiate("application/ld+json;q=0.9, text/turtle;q=0.5")
    ('text/turtle', 'text/turtle', 'application/ld+json')
    >>> negotiate("image/png") is None
    True
    >>> iri_of("actor", "united_states"), iri_of("doc", "example.com%2Fa b")
    ('https://w3id.org/diplograph/id/actor/united_states', 'https://w3id.org/diplograph/id/doc/example.com%2Fa%20b')
    >>> iri_of("occurrence", "news%2Fa/egypt"), iri_of("shared", "")
    ('https://w3id.org/diplograph/id/occurrence/news%2Fa/egypt', 'https://w3id.org/diplograph/id/shared')
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from functools import cache
from urllib.parse import quote, unquote, urlencode, urlsplit

from .export.rdf import ID, SHARED_GRAPH

KINDS = ("actor", "doc", "mention", "occurrence", "graph", "shared")
GRAPHS = ("graph", "shared")  # kinds whose IRI names a graph: its triples are the description
RDF_MEDIA = {  # media type -> pyoxigraph format
    "text/turtle": "TURTLE",
    "application/ld+json": "JSON_LD",
    "application/n-triples": "N_TRIPLES",
    "application/rdf+xml": "RDF_XML",
}
OFFERS = ("text/turtle", "text/html", "application/ld+json", "application/n-triples", "application/rdf+xml")
FORMAT_PARAM = {"ttl": "text/turtle", "turtle": "text/turtle", "jsonld": "application/ld+json", "json": "application/ld+json",
                "nt": "application/n-triples", "rdf": "application/rdf+xml", "xml": "application/rdf+xml", "html": "text/html"}
TEXT = "text/plain; charset=utf-8"
MAX_MENTIONS = 5000
CHARTED = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")  # quad classes over time


def negotiate(accept: str | None, offers=OFFERS) -> str | None:
    """The offer an Accept header prefers: highest q of its most specific matching range, ties
    going to the order of ``offers`` (Turtle first, so ``*/*`` and no header get Turtle)."""
    if not accept or not accept.strip():
        return offers[0]
    ranges = []
    for part in accept.split(","):
        media, *params = [p.strip() for p in part.split(";")]
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if media:
            ranges.append((media.lower(), q))
    best, best_q = None, 0.0
    for offer in offers:
        kind = offer.split("/")[0]
        matches = [(3 if m == offer else 2 if m == kind + "/*" else 1, q) for m, q in ranges if m in (offer, kind + "/*", "*/*")]
        if matches:
            q = max(matches)[1]
            if q > best_q:
                best, best_q = offer, q
    return best


def iri_of(kind: str, ident: str) -> str:
    """The IRI of ``/id/<kind>/<ident>`` (``ident`` as it came in the path, encoded or not). An
    occurrence's ident is the document id and the actor id (which holds no ``/``)."""
    if kind == "shared":
        return str(SHARED_GRAPH)
    if kind == "occurrence":
        doc, _, actor = ident.rpartition("/")
        return ID + kind + "/" + quote(unquote(doc), safe="") + "/" + quote(unquote(actor), safe="")
    return ID + kind + "/" + quote(unquote(ident), safe="")


def check_base(base: str) -> tuple[str, tuple[str, ...]]:
    """``--base``: the public address the deployment answers at (where the w3id redirect points),
    normalised to end with ``/``, and its host name (requests for it are answered on loopback too).

        >>> check_base("https://graph.example.org/diplograph")
        ('https://graph.example.org/diplograph/', ('graph.example.org',))
    """
    parts = urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise ValueError(f"--base {base!r}: give the public http(s) address of this server, e.g. https://graph.example.org/")
    return base.rstrip("/") + "/", (parts.hostname.lower(),)


# -- queries through the endpoint ------------------------------------------------------------
class QueryFailed(Exception):
    def __init__(self, answer):
        super().__init__(answer[2])
        self.answer = answer


def _select(endpoint, sparql: str) -> list[dict[str, str]]:
    status, ctype, body = endpoint.run(sparql, "json")
    if status != 200:
        raise QueryFailed((status, ctype, body))
    rows = json.loads(body)["results"]["bindings"]
    return [{k: v["value"] for k, v in row.items()} for row in rows]


def describe(endpoint, iri: str, kind: str):
    """The resource's triples (a list of pyoxigraph triples), or those of the named graph."""
    import pyoxigraph as ox

    if kind in GRAPHS:
        sparql = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}"
    else:
        sparql = f"CONSTRUCT {{ <{iri}> ?p ?o . ?s ?q <{iri}> }} WHERE {{ {{ <{iri}> ?p ?o }} UNION {{ ?s ?q <{iri}> }} }}"
    status, ctype, body = endpoint.run(sparql, "json")
    if status != 200:
        raise QueryFailed((status, ctype, body))
    return sorted({q.triple for q in ox.parse(body, format=ox.RdfFormat.TURTLE)}, key=str)  # one triple may sit in two graphs


def _actor_id(iri: str) -> str:
    return unquote(iri[len(ID + "actor/"):]) if iri.startswith(ID + "actor/") else iri


def _labels(endpoint, iris) -> dict[str, str]:
    """Actor IRI -> label (from the shared graph, where each actor is described once)."""
    iris = sorted(set(iris))
    if not iris:
        return {}
    values = " ".join(f"<{i}>" for i in iris)
    rows = _select(endpoint, f"SELECT DISTINCT ?a ?label WHERE {{ VALUES ?a {{ {values} }} ?a rdfs:label ?label }}")
    return {r["a"]: r["label"] for r in rows}


def _mentions(endpoint, where: str) -> list[dict[str, str]]:
    """Relation mentions matching ``where`` (a pattern binding ``?m``), with actors, document and
    evidence. Only the mention's own triples and its document's are joined (one graph each);
    actor ids come from their IRIs and labels from :func:`_labels`."""
    sparql = f"""SELECT ?m ?relation ?sa ?oa ?ca ?polarity ?modality ?confidence ?sentence ?sentenceStart
  ?subjectStart ?subjectEnd ?objectStart ?objectEnd ?date ?doc ?title ?docDate ?url ?cameo ?goldstein ?cue
WHERE {{ {where}
  ?m a dg:RelationMention ; dg:relationId ?relation ; rdf:subject ?sa ; rdf:object ?oa ; dg:polarity ?polarity ;
     dg:modality ?modality ; dg:confidence ?confidence ; dg:sentence ?sentence ; dg:sentenceStart ?sentenceStart ;
     dg:subjectStart ?subjectStart ; dg:subjectEnd ?subjectEnd ; dg:objectStart ?objectStart ; dg:objectEnd ?objectEnd ;
     prov:wasDerivedFrom ?d .
  ?d dct:identifier ?doc .
  OPTIONAL {{ ?m dct:date ?date }} OPTIONAL {{ ?d dct:title ?title }} OPTIONAL {{ ?d dct:date ?docDate }} OPTIONAL {{ ?d schema:url ?url }}
  OPTIONAL {{ ?m dg:attributedTo ?ca }} OPTIONAL {{ ?m dg:cameo ?cameo }} OPTIONAL {{ ?m dg:goldstein ?goldstein }} OPTIONAL {{ ?m dg:cue ?cue }}
}} LIMIT {MAX_MENTIONS + 1}"""
    rows = _select(endpoint, sparql)
    labels = _labels(endpoint, [r[k] for r in rows for k in ("sa", "oa", "ca") if k in r])
    for row in rows:
        for role, key in (("s", "sa"), ("o", "oa"), ("claimant", "ca")):
            if key in row:
                row[role] = _actor_id(row[key])
                if row[key] in labels:
                    row[role + "Label" if role != "claimant" else "claimantLabel"] = labels[row[key]]
    rows.sort(key=lambda r: (r.get("date") or r.get("docDate") or "", r["doc"], int(r["sentenceStart"]), r["m"]))
    return rows


# -- page data ---------------------------------------------------------------------------------
def _marked(row: dict) -> list[tuple[str, str | None]]:
    """The sentence as (text, class) pieces, the subject and object mentions marked."""
    sentence, base = row["sentence"], int(row["sentenceStart"])
    spans = sorted((int(row[f"{w}Start"]) - base, int(row[f"{w}End"]) - base, cls)
                   for w, cls in (("subject", "subj"), ("object", "obj")))
    pieces, pos = [], 0
    for start, end, cls in spans:
        if start < pos or start < 0 or end > len(sentence) or start >= end:
            continue
        pieces += [(sentence[pos:start], None), (sentence[start:end], cls)]
        pos = end
    pieces.append((sentence[pos:], None))
    return [p for p in pieces if p[0]]


def _evidence(row: dict) -> dict:
    from .schema import RELATIONS, goldstein

    rel = RELATIONS.get(row["relation"])
    weight = row.get("goldstein")
    weight = float(weight) if weight is not None else goldstein(rel.cameo if rel else None)
    return {**row, "pieces": _marked(row), "when": row.get("date") or row.get("docDate"),
            "label": rel.label if rel else row["relation"], "quad": rel.quad if rel else "", "weight": weight,
            "mention_id": row["m"][len(ID + "mention/"):] if row["m"].startswith(ID + "mention/") else None}


def _chart_item(ev: dict) -> dict:
    return {"date": ev["when"], "quad": ev["quad"], "goldstein": ev["weight"] or 0}


def actor_page_data(endpoint, actor_id: str) -> dict | None:
    iri = iri_of("actor", actor_id)
    facts: dict[str, set[str]] = defaultdict(set)
    for row in _select(endpoint, f"""SELECT DISTINCT ?p ?o WHERE {{ <{iri}> ?p ?o
  FILTER(?p IN (dg:actorId, rdfs:label, dg:actorType, dg:qid, dg:state, skos:altLabel)) }}"""):
        facts[row["p"].rsplit("#", 1)[-1]].add(row["o"])
    if not facts.get("actorId"):
        return None

    def first(name: str) -> str | None:  # one value (the least, should a store hold two)
        return min(facts.get(name, ()), default=None)

    ident, label, state = first("actorId"), first("label"), first("state")
    rows = [_evidence(r) for r in _mentions(endpoint, f"{{ ?m rdf:subject <{iri}> }} UNION {{ ?m rdf:object <{iri}> }}")]
    truncated = len(rows) > MAX_MENTIONS
    rows = rows[:MAX_MENTIONS]
    groups: dict[tuple, list] = defaultdict(list)
    negated, partners = [], defaultdict(list)
    for ev in rows:
        outgoing = ev["s"] == ident
        other, other_label = (ev["o"], ev.get("oLabel")) if outgoing else (ev["s"], ev.get("sLabel"))
        ev.update(other=other, other_label=other_label or other, outgoing=outgoing)
        if ev["polarity"] == "negated":
            negated.append(ev)
            continue
        groups[(ev["label"], outgoing, other)].append(ev)
        partners[other].append(ev)
    relations = [{"label": label, "outgoing": outgoing, "other": other, "other_label": evs[0]["other_label"], "evidence": evs,
                  "quad": evs[0]["quad"], "first": min((e["when"] for e in evs if e["when"]), default=None),
                  "last": max((e["when"] for e in evs if e["when"]), default=None)}
                 for (label, outgoing, other), evs in sorted(groups.items(), key=lambda kv: (kv[0][0], -len(kv[1]), kv[0][2]))]
    dyads = [{"id": other, "label": evs[0]["other_label"], "mentions": len(evs),
              "quads": Counter(e["quad"] for e in evs), "items": [_chart_item(e) for e in evs],
              "charted": any(e["quad"] in CHARTED and (e["when"] or "")[5:7] for e in evs)}
             for other, evs in sorted(partners.items(),  # cooperation and conflict first, affiliations after
                                      key=lambda kv: (-sum(e["quad"] in CHARTED for e in kv[1]), -len(kv[1]), kv[0]))]
    return {
        "kind": "actor", "iri": iri, "id": ident, "label": label or ident, "type": first("actorType"),
        "qid": first("qid"), "state": _actor_id(state) if state else None,
        "state_label": _labels(endpoint, [state]).get(state) if state else None,
        "aliases": sorted(facts.get("altLabel", set()) - {label}),
        "relations": relations, "negated": negated, "dyads": dyads, "mentions": len(rows), "truncated": truncated,
        "documents": len({e["doc"] for e in rows}),
        "chart": {"overall": [_chart_item(e) for e in rows if e["polarity"] == "affirmed"],
                  "dyads": [d["items"] for d in dyads]},
    }


def doc_page_data(endpoint, doc_id: str) -> dict | None:
    iri = iri_of("doc", doc_id)
    info = _select(endpoint, f"""SELECT ?id ?title ?date ?url ?source ?hash WHERE {{ <{iri}> dct:identifier ?id
  OPTIONAL {{ <{iri}> dct:title ?title }} OPTIONAL {{ <{iri}> dct:date ?date }} OPTIONAL {{ <{iri}> schema:url ?url }}
  OPTIONAL {{ <{iri}> dct:source ?source }} OPTIONAL {{ <{iri}> dg:contentHash ?hash }} }} LIMIT 1""")
    if not info:
        return None
    rows = [_evidence(r) for r in _mentions(endpoint, f"?m prov:wasDerivedFrom <{iri}> .")]
    rows.sort(key=lambda r: (int(r["sentenceStart"]), int(r["subjectStart"])))
    actors = sorted({(r["s"], r.get("sLabel") or r["s"]) for r in rows} | {(r["o"], r.get("oLabel") or r["o"]) for r in rows},
                    key=lambda a: a[1].lower())
    return {"kind": "doc", "iri": iri, **info[0], "mentions": rows[:MAX_MENTIONS], "actors": actors}


def mention_page_data(endpoint, mention_id: str) -> dict | None:
    iri = iri_of("mention", mention_id)
    rows = [_evidence(r) for r in _mentions(endpoint, f"VALUES ?m {{ <{iri}> }}")]
    if not rows:
        return None
    return {"kind": "mention", "iri": iri, "mention": rows[0]}


PAGE_DATA = {"actor": actor_page_data, "doc": doc_page_data, "mention": mention_page_data}


# -- rendering -----------------------------------------------------------------------------------
@cache
def _templates():
    import jinja2

    from .export.html import script_json

    env = jinja2.Environment(loader=jinja2.PackageLoader("diplograph", "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined)
    env.filters["q"] = lambda value: quote(str(value), safe="")
    env.filters["script_json"] = lambda value: jinja2.utils.markupsafe.Markup(script_json(value))
    return env


def render_page(data: dict, root: str, base: str | None = None) -> str:
    """The HTML page of a resource; ``root`` is the relative path back to the server's root."""
    from .export.html import NODE_STYLE, QUAD_COLORS
    from .query import bind_params, examples, with_values
    from .schema import QUAD_LABELS
    from .yasgui import with_prefixes

    query_link = None
    if data["kind"] == "actor":
        ex = examples()["actor"]
        sparql = with_prefixes(with_values(ex.text, bind_params(ex, {"actor": data["id"]})))
        query_link = root + "?" + urlencode({"query": sparql, "tabTitle": f"actor {data['id']}"})
    public = base + "id/" + data["iri"][len(ID):] if base else None
    return _templates().get_template(f"id_{data['kind']}.html.j2").render(
        d=data, root=root, public=public, query_link=query_link, quad_colors=QUAD_COLORS, quad_labels=QUAD_LABELS,
        node_colors={k: v["color"] for k, v in NODE_STYLE.items()}, ID=ID)


# -- the HTTP answer -----------------------------------------------------------------------------
def _html_elsewhere(kind: str, ident: str) -> str | None:
    """The page (relative to the server's root) a browser is sent to for a resource that has no
    page of its own: a document's graph and an actor's occurrence in a document read as the
    document's page, the shared graph (every actor and relation) as the explorer.

        >>> _html_elsewhere("occurrence", "news%2Fa/egypt"), _html_elsewhere("shared", ""), _html_elsewhere("actor", "egypt")
        ('id/doc/news%2Fa', 'graph', None)
    """
    if kind == "graph":
        return "id/doc/" + quote(unquote(ident), safe="")
    if kind == "occurrence":
        return "id/doc/" + quote(unquote(ident.rpartition("/")[0]), safe="")
    if kind == "shared":
        return "graph"
    return None


def respond(endpoint, path: str, params: dict, accept: str | None) -> tuple[int, str, bytes, dict[str, str]]:
    """(status, content type, body, headers) for ``GET /id/<kind>/<id>``."""
    kind, _, ident = path[len("/id/"):].partition("/")
    well_formed = (not ident) if kind == "shared" else (bool(ident) and (kind != "occurrence" or "/" in ident.strip("/")))
    if kind not in KINDS or not well_formed:
        return 404, TEXT, (f"not found: resources live at /id/{{{','.join(k for k in KINDS if k != 'shared')}}}/ID "
                           "(an occurrence at /id/occurrence/DOC/ACTOR) and /id/shared").encode(), {}
    explicit = (params.get("format") or [None])[0]
    if explicit:
        media = FORMAT_PARAM.get(explicit.lower())
        if media is None:
            return 400, TEXT, f"unknown format {explicit!r}; use one of {', '.join(sorted(FORMAT_PARAM))}".encode(), {}
    else:
        media = negotiate(accept)
    headers = {"Vary": "Accept", "Link": ", ".join(f'<?format={f}>; rel="alternate"; type="{m}"'
                                                   for f, m in (("ttl", "text/turtle"), ("jsonld", "application/ld+json"),
                                                                ("nt", "application/n-triples"), ("html", "text/html")))}
    if media is None:
        return 406, TEXT, ("not acceptable: this resource is available as " + ", ".join(OFFERS)).encode(), headers
    root = "../" * (path.count("/") - 1)
    iri = iri_of(kind, ident)
    try:
        if media == "text/html":
            elsewhere = _html_elsewhere(kind, ident)
            if elsewhere:
                return 303, TEXT, b"see " + elsewhere.encode(), {**headers, "Location": root + elsewhere}
            data = PAGE_DATA[kind](endpoint, unquote(ident))
            if data is None:
                body = _templates().get_template("id_missing.html.j2").render(kind=kind, ident=unquote(ident), root=root)
                return 404, "text/html; charset=utf-8", body.encode("utf-8"), headers
            return 200, "text/html; charset=utf-8", render_page(data, root, getattr(endpoint, "base", None)).encode("utf-8"), headers
        triples = describe(endpoint, iri, kind)
    except QueryFailed as exc:
        return (*exc.answer, headers)
    if not triples:
        return 404, TEXT, f"nothing is known of <{iri}> in this graph".encode(), headers
    import pyoxigraph as ox

    from .query import PREFIX_MAP

    fmt = getattr(ox.RdfFormat, RDF_MEDIA[media])
    prefixes = PREFIX_MAP if media == "text/turtle" else None
    body = ox.serialize(triples, format=fmt, prefixes=prefixes) if prefixes else ox.serialize(triples, format=fmt)
    charset = "" if media == "application/ld+json" else "; charset=utf-8"
    return 200, media + charset, body, headers
