"""RDF as a product: vocabulary, named graphs, store, incremental adds, examples, endpoint (issue 5)."""

import json
import re
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
import rdflib

from diplograph.api import add, build, export, ontology
from diplograph.query import QueryError, ReadOnlyError, Target, check_query, examples, run_query
from diplograph.store import GraphStore
from support import SEED, need_shared


@pytest.fixture(scope="module")
def seed_outputs(tmp_path_factory):
    need_shared()
    out = tmp_path_factory.mktemp("rdf")
    result = build([str(SEED)], out / "seed", progress=False, store=out / "seed.store", formats=("ttl", "trig", "nq", "jsonld", "html"))
    return out, result


def test_ontology_is_generated_from_the_relation_table():
    g = rdflib.Graph().parse(data=ontology(), format="turtle")
    dg = rdflib.Namespace("https://w3id.org/diplograph/ns#")
    owl, rdfs = rdflib.OWL, rdflib.RDFS
    assert (dg.invades, rdfs.subPropertyOf, dg.attacks) in g
    assert (dg.attacks, rdfs.subPropertyOf, dg.conflictsWith) in g
    assert (dg.conflictsWith, rdfs.subPropertyOf, dg.relatesTo) in g
    assert (dg.alliesWith, rdflib.RDF.type, owl.SymmetricProperty) in g
    assert (dg.accuses, dg.cameo, rdflib.Literal("112")) in g
    assert len(set(g.subjects(rdflib.RDF.type, owl.ObjectProperty))) >= 24 + 2
    # OWL DL hygiene: no property is declared both an annotation and a data/object property
    for p in set(g.subjects(rdflib.RDF.type, owl.AnnotationProperty)):
        assert (p, rdflib.RDF.type, owl.DatatypeProperty) not in g and (p, rdflib.RDF.type, owl.ObjectProperty) not in g


def test_named_graph_per_document_and_formats(seed_outputs):
    out, result = seed_outputs
    ds = rdflib.Dataset()
    ds.parse(result.paths["trig"], format="trig")
    graphs = {str(c.identifier) for c in ds.graphs()}
    assert "https://w3id.org/diplograph/id/graph/000_0d735557f46a095c" in graphs
    assert "https://w3id.org/diplograph/ns" in graphs
    nq = result.paths["nq"].read_text(encoding="utf-8")
    assert nq.count("\n") > 500 and "<https://w3id.org/diplograph/id/graph/000_0d735557f46a095c> ." in nq
    json.loads(result.paths["jsonld"].read_text(encoding="utf-8"))


SEED_QUESTIONS = {
    "who accuses whom": ("SELECT ?a ?b WHERE { ?x dg:accuses ?y . ?x dg:actorId ?a . ?y dg:actorId ?b }",
                         lambda rows: {("china", "nato"), ("united_states", "china")} <= {(str(r["a"]), str(r["b"])) for r in rows}),
    "Lukashenko's relations with sentences": (
        "SELECT ?rel ?s WHERE { ?m rdf:subject ?w ; dg:relationId ?rel ; dg:sentence ?s . ?w dg:actorId 'alexander_lukashenko' }",
        lambda rows: {"visits", "praises", "accuses", "allies_with", "leader_of"} <= {str(r["rel"]) for r in rows}
        and all(len(str(r["s"])) > 20 for r in rows)),
    "negated statements": ('SELECT ?s WHERE { ?m dg:polarity "negated" ; dg:sentence ?s }',
                           lambda rows: any("refused to criticise" in str(r["s"]) for r in rows)),
    "conflict relations through the hierarchy": (
        "SELECT DISTINCT ?rel WHERE { ?a ?p ?b . ?p rdfs:subPropertyOf+ dg:conflictsWith ; skos:notation ?rel }",
        lambda rows: {"accuses", "invades", "opposes", "rejects"} <= {str(r["rel"]) for r in rows}),
}


@pytest.mark.parametrize("question", sorted(SEED_QUESTIONS))
@pytest.mark.parametrize("where", ["ttl", "trig", "nq", "jsonld", "store"])
def test_seed_questions(seed_outputs, question, where):
    out, result = seed_outputs
    sparql, check = SEED_QUESTIONS[question]
    rows = Target(result.paths[where]).run(sparql).rows
    assert check(rows), rows


def test_rdflib_engine_gives_the_same_answer(seed_outputs):
    _, result = seed_outputs
    sparql = "SELECT ?a ?b WHERE { ?x dg:accuses ?y . ?x dg:actorId ?a . ?y dg:actorId ?b } ORDER BY ?a ?b"
    ox_rows = [(str(r["a"]), str(r["b"])) for r in Target(result.paths["ttl"]).run(sparql).rows]
    rl_rows = [(str(r["a"]), str(r["b"])) for r in Target(result.paths["ttl"], engine="rdflib").run(sparql).rows]
    assert ox_rows == rl_rows and ox_rows


@pytest.mark.parametrize("name", sorted(examples()))
def test_every_example_runs_on_the_seed(seed_outputs, name):
    _, result = seed_outputs
    res = run_query(result.paths["store"], example=name)
    assert res.kind == "select"
    if name not in ("timeline",):  # the seed article carries no date
        assert res.rows, name


def test_example_parameters(seed_outputs):
    _, result = seed_outputs
    rows = run_query(result.paths["store"], example="relation-edges", params={"relation": "allies_with"}).rows
    assert {(str(r["subject"]), str(r["object"])) for r in rows} >= {("Belarus", "China")}
    with pytest.raises(QueryError, match="no parameter"):
        run_query(result.paths["store"], example="negated", params={"actor": "x"})
    with pytest.raises(QueryError, match="unknown relation"):
        run_query(result.paths["store"], example="relation-edges", params={"relation": "likes"})


@pytest.mark.parametrize("sparql", [
    "INSERT DATA { <http://a> <http://b> <http://c> }",
    "DELETE WHERE { ?s ?p ?o }",
    "LOAD <http://example.org/x.ttl>",
    "CLEAR ALL",
    "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE<http://127.0.0.1:9/s> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE SILENT<http://127.0.0.1:9/s> { ?s ?p ?o } }",
    "WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "PREFIX a: <http://a#> INSERT DATA { a:x a:y a:z }",
])
def test_read_only(sparql):
    with pytest.raises(ReadOnlyError):
        check_query(sparql)


def test_read_only_allows_words_in_strings_and_variables():
    check_query('SELECT ?service ?insert WHERE { ?service <http://x#p> "DELETE WHERE" . } # LOAD <x>')


def test_add_is_incremental_and_idempotent(tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a.txt").write_text("Kenya condemned Uganda on Monday.", encoding="utf-8")
    (articles / "b.txt").write_text("Kazakh President Kassym-Jomart Tokayev met Chinese officials.", encoding="utf-8")
    store = tmp_path / "corpus.store"
    first = add([str(articles)], store)
    assert sorted(first.added) == ["a", "b"]
    dump1 = GraphStore(store, read_only=True).dump()
    again = add([str(articles)], store)
    assert sorted(again.unchanged) == ["a", "b"] and not again.added and not again.replaced
    assert GraphStore(store, read_only=True).dump() == dump1
    # a changed article replaces its own named graph
    (articles / "a.txt").write_text("Kenya praised Uganda on Monday.", encoding="utf-8")
    changed = add([str(articles)], store)
    assert changed.replaced == ["a"] and changed.unchanged == ["b"]
    target = Target(store)
    assert target.run("ASK { ?a dg:praises ?b }").boolean
    assert not target.run("ASK { ?a dg:criticizes ?b }").boolean
    # a new article naming a known person by surname joins that person
    (tmp_path / "c.txt").write_text("Tokayev criticised Russia.", encoding="utf-8")
    add([str(tmp_path / "c.txt")], store)
    assert Target(store).run("ASK { ?a dg:actorId 'kassym_jomart_tokayev' ; dg:criticizes ?r }").boolean


def test_build_store_equals_file_and_exports(seed_outputs, tmp_path):
    out, result = seed_outputs
    file_triples = {tuple(map(str, t)) for t in rdflib.Graph().parse(result.paths["ttl"], format="turtle")}
    paths = export(result.paths["store"], tmp_path / "again", formats=("ttl", "html", "graphml", "json"))
    store_triples = {tuple(map(str, t)) for t in rdflib.Graph().parse(paths["ttl"], format="turtle")}
    assert store_triples == file_triples
    assert "vis.Network" in paths["html"].read_text(encoding="utf-8")


def test_outputs_merge_by_concatenation(tmp_path):
    (tmp_path / "a.txt").write_text("Kenya condemned Uganda.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Kenya praised Tanzania.", encoding="utf-8")
    both = build([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")], tmp_path / "both", progress=False, formats=("nq",))
    one = build([str(tmp_path / "a.txt")], tmp_path / "one", progress=False, formats=("nq",))
    two = build([str(tmp_path / "b.txt")], tmp_path / "two", progress=False, formats=("nq",))
    lines = lambda p: set(p.read_text(encoding="utf-8").splitlines())
    assert lines(one.paths["nq"]) | lines(two.paths["nq"]) == lines(both.paths["nq"])


# -- the endpoint ----------------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def endpoint(seed_outputs):
    from diplograph.serve import close_server, make_server

    _, result = seed_outputs
    server = make_server(result.paths["ttl"], port=_free_port(), timeout=5)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    close_server(server)
    assert not list(__import__("pathlib").Path(server.endpoint.store_path).parent.glob(server.endpoint.store_path.rsplit("/", 1)[-1]))


def _http(url, data=None, headers=None):
    req = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.headers.get("Content-Type"), resp.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Content-Type"), exc.read().decode("utf-8")


def test_endpoint_get_and_post(endpoint):
    q = "SELECT ?a ?b WHERE { ?x dg:accuses ?y . ?x dg:actorId ?a . ?y dg:actorId ?b }"
    status, ctype, body = _http(f"{endpoint}/sparql?" + urllib.parse.urlencode({"query": q}),
                                headers={"Accept": "application/sparql-results+json"})
    assert status == 200 and "sparql-results+json" in ctype
    pairs = {(b["a"]["value"], b["b"]["value"]) for b in json.loads(body)["results"]["bindings"]}
    assert ("china", "nato") in pairs
    status, ctype, body = _http(f"{endpoint}/sparql", data=q.encode(), headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"})
    assert status == 200 and ctype.startswith("text/csv") and body.splitlines()[0] == "a,b"
    status, ctype, body = _http(f"{endpoint}/sparql", data=urllib.parse.urlencode({"query": q}).encode(),
                                headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+xml"})
    assert status == 200 and "<sparql" in body
    status, ctype, body = _http(f"{endpoint}/sparql?" + urllib.parse.urlencode({"query": "CONSTRUCT { ?a dg:accuses ?b } WHERE { ?a dg:accuses ?b }"}))
    assert status == 200 and ctype.startswith("text/turtle") and "accuses" in body
    status, _, body = _http(f"{endpoint}/sparql?" + urllib.parse.urlencode({"query": q, "format": "tsv"}))
    assert status == 200 and body.startswith("?a\t?b")


def test_endpoint_refuses_updates_and_service(endpoint):
    status, _, body = _http(f"{endpoint}/sparql", data=b"INSERT DATA { <http://a> <http://b> <http://c> }",
                            headers={"Content-Type": "application/sparql-update"})
    assert status == 403
    status, _, body = _http(f"{endpoint}/sparql", data=urllib.parse.urlencode({"update": "DELETE WHERE { ?s ?p ?o }"}).encode(),
                            headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 403
    status, _, body = _http(f"{endpoint}/sparql?" + urllib.parse.urlencode({"query": "SELECT * WHERE { SERVICE <http://example.org/s> { ?s ?p ?o } }"}))
    assert status == 403 and "SERVICE" in body
    status, _, _ = _http(f"{endpoint}/sparql?" + urllib.parse.urlencode({"query": "SELEC broken"}))
    assert status == 400


def test_endpoint_times_out(endpoint):
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    start = time.monotonic()
    status, _, body = _http(f"{endpoint}/sparql?" + urllib.parse.urlencode({"query": slow}))
    assert status == 503 and "timed out" in body and time.monotonic() - start < 20


def test_endpoint_refuses_other_host_names(endpoint):
    status, _, _ = _http(f"{endpoint}/sparql?query=ASK%7B%7D", headers={"Host": "attacker.example"})
    assert status == 403


def test_endpoint_pages_are_offline(endpoint):
    status, ctype, page = _http(f"{endpoint}/")
    assert status == 200 and ctype.startswith("text/html") and "between" in page
    # namespace IRIs appear as text for the prefixes; nothing is loaded from elsewhere
    assert not re.search(r"(src|href)=[\"']?(https?:)?//", page) and "cdn" not in page.lower()
    status, ctype, graph = _http(f"{endpoint}/graph")
    assert status == 200 and "vis.Network" in graph
