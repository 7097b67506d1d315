"""The query page of ``serve``: YASGUI (shipped in the package, see :mod:`diplograph.assets`)
with the named example queries, the predefined prefixes and the vocabulary for completion.

Each example is shown with the PREFIX lines it needs, so it runs anywhere, and with its
parameters' defaults as an inline VALUES block the user can edit:

    >>> with_prefixes("SELECT ?a WHERE { ?a dg:accuses ?b }").splitlines()[0]
    'PREFIX dg: <https://w3id.org/diplograph/ns#>'
    >>> page = query_page().decode()
    >>> "yasgui.min.js" in page and '"name": "between"' in page
    True
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from .query import PREFIX_MAP, bind_params, examples, with_values


def with_prefixes(sparql: str) -> str:
    """The query with PREFIX declarations for the predefined prefixes it uses (and does not declare)."""
    declared = {m.lower() for m in re.findall(r"(?im)^\s*PREFIX\s+([\w-]*):", sparql)}
    used = [p for p in PREFIX_MAP if p.lower() not in declared and re.search(rf"(?<![\w:<]){re.escape(p)}:", sparql)]
    return "".join(f"PREFIX {p}: <{PREFIX_MAP[p]}>\n" for p in used) + sparql


@cache
def vocabulary_terms() -> tuple[list[str], list[str]]:
    """(properties, classes): IRIs offered by completion, from the diplograph vocabulary and
    the other vocabularies the data uses."""
    from rdflib.namespace import OWL, RDF, RDFS

    from .export.rdf import ontology_graph

    g = ontology_graph()
    properties = {str(s) for t in (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty) for s in g.subjects(RDF.type, t)}
    classes = {str(s) for s in g.subjects(RDF.type, OWL.Class)}
    used = ["rdf:type", "rdf:subject", "rdf:predicate", "rdf:object", "rdfs:label", "rdfs:subPropertyOf", "skos:altLabel",
            "skos:notation", "owl:sameAs", "prov:wasDerivedFrom", "dct:identifier", "dct:title", "dct:date", "dct:source", "schema:url"]
    properties |= {PREFIX_MAP[p] + local for p, local in (name.split(":") for name in used)}
    return sorted(properties), sorted(classes)


def query_page() -> bytes:
    """The offline query page, with the example queries preloaded."""
    from .assets import yasgui_source
    from .export.html import script_json
    from .export.rdf import ID

    items = []
    for name, ex in examples().items():
        items.append({"name": name, "title": ex.title, "query": with_prefixes(with_values(ex.text, bind_params(ex, {})))})
    properties, classes = vocabulary_terms()
    data = {"examples": items, "prefixes": PREFIX_MAP, "properties": properties, "classes": classes, "idNamespace": ID,
            "yasgui": yasgui_source()["version"]}
    template = resources.files("diplograph").joinpath("templates", "yasgui.html").read_text(encoding="utf-8")
    return template.replace("__DATA__", script_json(data)).encode("utf-8")
