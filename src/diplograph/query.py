"""Query: SPARQL over an exported graph (Turtle, TriG, N-Quads, N-Triples, JSON-LD, RDF/XML).

    >>> from diplograph.export.rdf import ontology_graph
    >>> rows = run_query(ontology_graph(), "SELECT ?p WHERE { ?p rdfs:subPropertyOf dg:attacks }")
    >>> [str(r["p"]) for r in rows["rows"]]
    ['https://w3id.org/diplograph/ns#invades']
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef

from .export.rdf import PREFIXES

FORMATS = {".ttl": "turtle", ".trig": "trig", ".nq": "nquads", ".nt": "nt", ".jsonld": "json-ld", ".json": "json-ld", ".rdf": "xml", ".owl": "xml", ".xml": "xml"}
OUTPUT_FORMATS = ("table", "csv", "tsv", "json")


class QueryError(ValueError):
    """A graph that cannot be read or a query that cannot run."""


def load_graph(path: str | Path) -> Graph:
    path = Path(path)
    if not path.exists():
        raise QueryError(f"{path}: no such file (build one with `diplograph build INPUT -o graphs/NAME`)")
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise QueryError(f"{path}: unknown RDF format; use one of {', '.join(sorted(FORMATS))}")
    g = Graph()
    try:
        g.parse(path, format=fmt)
    except Exception as exc:  # rdflib raises many parser-specific exceptions
        raise QueryError(f"{path}: cannot parse as {fmt}: {exc}") from exc
    return g


def run_query(graph: Graph, query: str) -> dict:
    """Run SPARQL; the vocabulary prefixes (dg:, wd:, rdfs:, owl:, skos:, prov:, dct:, xsd:, schema:) are predefined.

    Returns ``{"vars": [...], "rows": [{var: term}]}`` for SELECT, ``{"boolean": b}`` for ASK,
    and ``{"graph": Graph}`` for CONSTRUCT/DESCRIBE.
    """
    try:
        result = graph.query(query, initNs=PREFIXES)
    except Exception as exc:
        raise QueryError(f"SPARQL error: {exc}") from exc
    if result.type == "ASK":
        return {"boolean": bool(result.askAnswer)}
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return {"graph": result.graph}
    names = [str(v) for v in result.vars]
    return {"vars": names, "rows": [{n: row[i] for i, n in enumerate(names) if row[i] is not None} for row in result]}


def _plain(term) -> str:
    if term is None:
        return ""
    if isinstance(term, (URIRef, BNode)):
        return str(term)
    if isinstance(term, Literal):
        return str(term)
    return str(term)


def _json_term(term) -> dict:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype:
        out["datatype"] = str(term.datatype)
    return out


def _shorten(term) -> str:
    text = _plain(term)
    if isinstance(term, URIRef):
        for prefix, ns in PREFIXES.items():
            if text.startswith(str(ns)):
                return f"{prefix}:{text[len(str(ns)):]}"
        if text.startswith("https://w3id.org/diplograph/id/"):
            return "<" + text[len("https://w3id.org/diplograph/id/"):] + ">"
    return text


def format_result(result: dict, fmt: str = "table") -> str:
    """SELECT results as a text table, CSV, TSV or SPARQL 1.1 JSON results."""
    if "boolean" in result:
        return json.dumps({"head": {}, "boolean": result["boolean"]}) if fmt == "json" else str(result["boolean"]).lower()
    if "graph" in result:
        return result["graph"].serialize(format="turtle")
    names, rows = result["vars"], result["rows"]
    if fmt == "json":
        return json.dumps({"head": {"vars": names}, "results": {"bindings": [{n: _json_term(r[n]) for n in r} for r in rows]}}, ensure_ascii=False, indent=1)
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(names)
        for r in rows:
            writer.writerow([_plain(r.get(n)) for n in names])
        return buf.getvalue()
    cells = [[_shorten(r.get(n)) for n in names] for r in rows]
    widths = [min(max([len(n)] + [len(c[i]) for c in cells]), 80) for i, n in enumerate(names)]
    line = lambda values: "  ".join(v[:80].ljust(w) for v, w in zip(values, widths))
    out = [line(names), line(["-" * w for w in widths])] + [line(c) for c in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


def query(graph_path: str | Path, sparql: str, fmt: str = "table") -> str:
    """Run a SPARQL query over an exported graph file and format the result."""
    return format_result(run_query(load_graph(graph_path), sparql), fmt)
