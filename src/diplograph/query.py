"""Query: SPARQL over an exported graph file (.ttl, .trig, .nq, .nt, .jsonld) or a store.

The engine is pyoxigraph (an embedded Rust SPARQL engine): files are loaded into an
in-memory store, stores are opened read-only; the default graph is the union of all
named graphs. ``engine="rdflib"`` runs the same query on rdflib instead (for comparison).
Queries are read-only: updates and ``SERVICE`` calls are refused (:mod:`diplograph.guard`).

Named example queries (``src/diplograph/queries/*.rq``) take parameters, bound by
substitution, never by pasting text into the query:

    >>> sorted(examples())[:3]
    ['accusations', 'actor', 'balance']
    >>> examples()["between"].params
    {'a': ('actor', 'belarus'), 'b': ('actor', 'china')}
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef

from .export.rdf import DG, PREFIXES, actor_iri
from .guard import QueryError, ReadOnlyError, check_query
from .schema import RELATIONS, camel

FORMATS = {".ttl": "TURTLE", ".trig": "TRIG", ".nq": "N_QUADS", ".nt": "N_TRIPLES", ".jsonld": "JSON_LD", ".rdf": "RDF_XML", ".owl": "RDF_XML"}
OUTPUT_FORMATS = ("table", "csv", "tsv", "json", "xml")
PREFIX_MAP = {k: str(v) for k, v in PREFIXES.items()}


# -- examples ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Example:
    name: str
    title: str
    text: str
    params: dict[str, tuple[str, str]] = field(default_factory=dict)  # name -> (kind, default)


@cache
def examples() -> dict[str, Example]:
    """The named example queries shipped with the package."""
    out = {}
    folder = resources.files("diplograph").joinpath("queries")
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if not entry.name.endswith(".rq"):
            continue
        text = entry.read_text(encoding="utf-8")
        title = re.search(r"^# title: (.*)$", text, re.M)
        params = {m.group(1): (m.group(2), m.group(3).strip()) for m in re.finditer(r"^# param (\w+): (\w+)(?: = (.*))?$", text, re.M)}
        out[entry.name[:-3]] = Example(entry.name[:-3], title.group(1) if title else entry.name, text,
                                       {k: (kind, default or "") for k, (kind, default) in params.items()})
    return out


def with_values(sparql: str, bindings: dict[str, object]) -> str:
    """The query with the parameters as a VALUES block at the start of its WHERE pattern (so they
    restrict the pattern before any grouping). Values are IRIs built by the code or escaped literals.

        >>> with_values("SELECT ?x WHERE { ?x ?p ?o }", {"p": DG.accuses})
        'SELECT ?x WHERE { VALUES (?p) { (<https://w3id.org/diplograph/ns#accuses>) }  ?x ?p ?o }'
    """
    if not bindings:
        return sparql
    names = " ".join(f"?{k}" for k in bindings)
    terms = " ".join(f"<{v}>" if isinstance(v, URIRef) else json.dumps(str(v), ensure_ascii=False) for v in bindings.values())
    block = f"VALUES ({names}) {{ ({terms}) }} "
    match = re.search(r"(?i)\bWHERE\s*\{", sparql)
    if match is None:
        raise QueryError("cannot bind parameters: the query has no WHERE { ... } pattern")
    return sparql[: match.end()] + " " + block + sparql[match.end():]


def bind_params(example: Example, given: dict[str, str]) -> dict[str, object]:
    """Parameter values as RDF terms (rdflib), defaults filled in; unknown names are an error."""
    unknown = set(given) - set(example.params)
    if unknown:
        raise QueryError(f"example {example.name!r} has no parameter {sorted(unknown)}; it takes {sorted(example.params) or 'none'}")
    out = {}
    for name, (kind, default) in example.params.items():
        value = given.get(name, default)
        if not value:
            continue
        if kind == "actor":
            out[name] = actor_iri(value)
        elif kind == "relation":
            if value not in RELATIONS:
                raise QueryError(f"unknown relation {value!r}; use one of {', '.join(RELATIONS)}")
            out[name] = DG[camel(value)]
        else:
            out[name] = Literal(value)
    return out


# -- targets -----------------------------------------------------------------------------
class Target:
    """A graph file or store opened for queries with one engine."""

    def __init__(self, path: str | Path, engine: str = "oxigraph"):
        from .store import is_store, recover

        self.path, self.engine = Path(path), engine
        self.store = None
        recover(self.path)
        if not self.path.exists():
            from .ingest import InputError

            raise InputError(f"{self.path}: no such file or store (build one with `diplograph build INPUT -o graphs/NAME`)")
        self.is_store = is_store(self.path)
        if self.is_store:
            if engine != "oxigraph":
                raise QueryError("a store can only be queried with the oxigraph engine")
            return
        fmt = FORMATS.get(self.path.suffix.lower())
        if fmt is None:
            raise QueryError(f"{self.path}: unknown RDF format; use one of {', '.join(sorted(FORMATS))} or a store folder")
        try:
            if engine == "oxigraph":
                self.store = ox.Store()
                self.store.bulk_load(path=str(self.path), format=getattr(ox.RdfFormat, fmt))
            else:
                from rdflib import Dataset

                self.dataset = Dataset(default_union=True)
                self.dataset.parse(self.path, format={"TURTLE": "turtle", "TRIG": "trig", "N_QUADS": "nquads", "N_TRIPLES": "nt",
                                                       "JSON_LD": "json-ld", "RDF_XML": "xml"}[fmt])
        except (SyntaxError, ValueError, OSError) as exc:
            raise QueryError(f"{self.path}: cannot parse as {fmt.lower()}: {exc}") from exc
        except Exception as exc:  # rdflib's parsers raise their own exception types
            raise QueryError(f"{self.path}: cannot parse as {fmt.lower()}: {exc}") from exc

    def run(self, sparql: str, bindings: dict | None = None) -> "Result":
        sparql = check_query(with_values(sparql, bindings or {}))
        if self.is_store:
            from .store import reading

            with reading(self.path) as graph_store:  # steady while it runs: no writer commits meanwhile
                return self._oxigraph(graph_store.store, sparql)
        if self.engine == "oxigraph":
            return self._oxigraph(self.store, sparql)
        try:
            raw = self.dataset.query(sparql, initNs=PREFIXES)
        except Exception as exc:
            raise QueryError(f"SPARQL error: {exc}") from exc
        return Result.from_rdflib(raw)

    @staticmethod
    def _oxigraph(store, sparql: str) -> "Result":
        try:
            raw = store.query(sparql, use_default_graph_as_union=True, prefixes=PREFIX_MAP)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}") from exc
        except (OSError, RuntimeError) as exc:
            raise QueryError(f"SPARQL error: {exc}") from exc
        return _materialise(raw)


def _to_ox(term):
    from .export.rdf import to_ox

    return to_ox(term)


def _from_ox(term):
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(term.datatype.value)) if term.datatype.value != str(XSD_STRING) else Literal(term.value)
    return Literal(str(term))


XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@dataclass
class Result:
    """A query result, engine-neutral: SELECT rows of rdflib terms, an ASK boolean, or triples."""

    kind: str  # select | ask | graph
    vars: list[str] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[tuple] = field(default_factory=list)
    raw: object = None  # the engine's own result, for faithful serialisation

    @classmethod
    def from_oxigraph(cls, raw) -> "Result":
        if isinstance(raw, ox.QueryBoolean):
            return cls("ask", boolean=bool(raw))
        if isinstance(raw, ox.QueryTriples):
            return cls("graph", triples=[(t.subject, t.predicate, t.object) for t in raw])
        names = [v.value for v in raw.variables]
        rows = [{n: _from_ox(sol[n]) for n in names if sol[n] is not None} for sol in raw]
        return cls("select", names, rows)

    @classmethod
    def from_rdflib(cls, raw) -> "Result":
        if raw.type == "ASK":
            return cls("ask", boolean=bool(raw.askAnswer))
        if raw.type in ("CONSTRUCT", "DESCRIBE"):
            return cls("graph", triples=[(_to_ox(s), _to_ox(p), _to_ox(o)) for s, p, o in raw.graph])
        names = [str(v) for v in raw.vars]
        return cls("select", names, [{n: row[i] for i, n in enumerate(names) if row[i] is not None} for row in raw])


def _materialise(raw):
    """Read all results now, so engine errors surface here as QueryError."""
    try:
        return Result.from_oxigraph(raw)
    except (OSError, RuntimeError) as exc:
        raise QueryError(f"SPARQL error: {exc}") from exc


# -- formatting --------------------------------------------------------------------------
def _json_term(term) -> dict:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype is not None:
        out["datatype"] = str(term.datatype)
    return out


def _shorten(term) -> str:
    text = "" if term is None else str(term)
    if isinstance(term, URIRef):
        for prefix, ns in PREFIXES.items():
            if text.startswith(str(ns)):
                return f"{prefix}:{text[len(str(ns)):]}"
        if text.startswith("https://w3id.org/diplograph/id/"):
            return "<" + text[len("https://w3id.org/diplograph/id/"):] + ">"
    return text


def _xml(result: Result) -> str:
    from xml.sax.saxutils import escape, quoteattr

    out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
    out += [f"<variable name={quoteattr(v)}/>" for v in result.vars] + ["</head>"]
    if result.kind == "ask":
        out.append(f"<boolean>{str(result.boolean).lower()}</boolean>")
    else:
        out.append("<results>")
        for row in result.rows:
            out.append("<result>")
            for name, term in row.items():
                if isinstance(term, URIRef):
                    value = f"<uri>{escape(str(term))}</uri>"
                elif isinstance(term, BNode):
                    value = f"<bnode>{escape(str(term))}</bnode>"
                elif term.language:
                    value = f"<literal xml:lang={quoteattr(term.language)}>{escape(str(term))}</literal>"
                elif term.datatype is not None:
                    value = f"<literal datatype={quoteattr(str(term.datatype))}>{escape(str(term))}</literal>"
                else:
                    value = f"<literal>{escape(str(term))}</literal>"
                out.append(f"<binding name={quoteattr(name)}>{value}</binding>")
            out.append("</result>")
        out.append("</results>")
    out.append("</sparql>")
    return "\n".join(out)


def format_result(result: Result, fmt: str = "table") -> str:
    """SELECT/ASK results as a text table or as SPARQL 1.1 JSON, CSV, TSV or XML results;
    CONSTRUCT/DESCRIBE results as Turtle."""
    if result.kind == "graph":
        return ox.serialize([ox.Triple(*t) for t in result.triples], format=ox.RdfFormat.TURTLE, prefixes=PREFIX_MAP).decode("utf-8")
    if fmt == "xml":
        return _xml(result)
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": result.boolean}) if fmt == "json" else str(result.boolean).lower()
    names, rows = result.vars, result.rows
    if fmt == "json":
        bindings = [{n: _json_term(r[n]) for n in names if n in r} for r in rows]
        return json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}}, ensure_ascii=False, indent=1)
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(names)
        for r in rows:
            writer.writerow(["" if r.get(n) is None else str(r[n]) for n in names])
        return buf.getvalue().rstrip("\r\n")
    if fmt == "tsv":
        lines = ["\t".join(f"?{n}" for n in names)]
        for r in rows:
            lines.append("\t".join("" if r.get(n) is None else _tsv_term(r[n]) for n in names))
        return "\n".join(lines)
    cells = [[_shorten(r.get(n)) for n in names] for r in rows]
    widths = [min(max([len(n)] + [len(c[i]) for c in cells]), 80) for i, n in enumerate(names)]

    def line(values):
        return "  ".join(v[:80].ljust(w) for v, w in zip(values, widths)).rstrip()

    out = [line(names), line(["-" * w for w in widths])] + [line(c) for c in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


def _tsv_term(term) -> str:
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    value = str(term).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    if term.language:
        return f'"{value}"@{term.language}'
    if term.datatype is not None:
        return f'"{value}"^^<{term.datatype}>'
    return f'"{value}"'


def run_query(path: str | Path, sparql: str | None = None, example: str | None = None, params: dict | None = None,
              engine: str = "oxigraph") -> Result:
    """Run a SPARQL query, or a named example with parameters, over a graph file or store."""
    bindings = {}
    if example is not None:
        found = examples().get(example)
        if found is None:
            raise QueryError(f"no example query {example!r}; see `diplograph query --list-examples`")
        sparql = found.text
        bindings = bind_params(found, params or {})
    elif params:
        raise QueryError("--param goes with --example; write the values into your own query")
    if not sparql:
        raise QueryError("give a SPARQL query, @file.rq or --example NAME")
    return Target(path, engine).run(sparql, bindings)


def query(path: str | Path, sparql: str | None = None, fmt: str = "table", example: str | None = None,
          params: dict | None = None, engine: str = "oxigraph") -> str:
    """Run a query and format its result (the ``diplograph query`` command)."""
    return format_result(run_query(path, sparql, example, params, engine), fmt)
