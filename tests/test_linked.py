"""serve: dereferenceable IRIs by content negotiation, the static files, the YASGUI page, --base (issue 13)."""

from __future__ import annotations

import hashlib
import json
import re
import socket
import threading
import urllib.error
import urllib.parse
import urllib.request

import pyoxigraph as ox
import pytest

from diplograph.api import build
from diplograph.assets import STATIC, static_file, yasgui_source
from support import EXAMPLES, script_data

ACTOR = "https://w3id.org/diplograph/id/actor/"
HOSTILE = ("Hostile <b>bold</b> title\n\nEgypt condemned Turkey in a note headed <script>window.__pwned = 1</script> "
           "and <img src=x onerror=\"window.__pwned = 2\">.")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    root = tmp_path_factory.mktemp("linked")
    (root / "more" / "news").mkdir(parents=True)
    (root / "more" / "news" / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    build([str(EXAMPLES), str(root / "more")], store=root / "demo.store", progress=False)
    return root / "demo.store"


def _serve(store, base=None):
    from diplograph.serve import make_server

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = make_server(store, port=port, timeout=10, base=base)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{port}"


@pytest.fixture(scope="module")
def endpoint(store):
    from diplograph.serve import close_server

    server, url = _serve(store)
    yield url
    server.shutdown()
    close_server(server)


def get(url, accept=None, headers=None, follow=True):
    req = urllib.request.Request(url, headers={**({"Accept": accept} if accept else {}), **(headers or {})})
    opener = urllib.request.build_opener() if follow else urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(req, timeout=30) as resp:
            return resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _triples(quads) -> set:
    return {q.triple for q in quads}


def test_actor_iri_answers_in_every_rdf_format(endpoint):
    turkey = ox.NamedNode(ACTOR + "turkey")
    status, headers, body = get(f"{endpoint}/id/actor/turkey", "text/turtle")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle") and headers["Vary"] == "Accept"
    triples = _triples(ox.parse(body, format=ox.RdfFormat.TURTLE))
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    assert ox.Triple(turkey, label, ox.Literal("Turkey")) in triples
    criticizes = ox.NamedNode("https://w3id.org/diplograph/ns#criticizes")
    assert ox.Triple(ox.NamedNode(ACTOR + "european_union"), criticizes, turkey) in triples  # pointing at it too
    assert all(turkey in (t.subject, t.object) for t in triples)
    for accept, fmt in (("application/ld+json", ox.RdfFormat.JSON_LD), ("application/n-triples", ox.RdfFormat.N_TRIPLES),
                        ("application/rdf+xml", ox.RdfFormat.RDF_XML)):
        status, headers, other = get(f"{endpoint}/id/actor/turkey", accept)
        assert status == 200 and headers["Content-Type"].startswith(accept)
        assert _triples(ox.parse(other, format=fmt)) == triples, accept
    status, headers, nt = get(f"{endpoint}/id/actor/turkey?format=nt", "text/html")
    assert headers["Content-Type"].startswith("application/n-triples") and _triples(ox.parse(nt, format=ox.RdfFormat.N_TRIPLES)) == triples
    assert get(f"{endpoint}/id/actor/turkey", "*/*")[1]["Content-Type"].startswith("text/turtle")


def test_negotiation_errors(endpoint):
    assert get(f"{endpoint}/id/actor/turkey", "image/png")[0] == 406
    assert get(f"{endpoint}/id/actor/turkey?format=pdf")[0] == 400
    status, _, body = get(f"{endpoint}/id/actor/nobody_at_all", "text/turtle")
    assert status == 404 and b"nothing is known" in body
    status, headers, body = get(f"{endpoint}/id/actor/nobody_at_all", "text/html")
    assert status == 404 and headers["Content-Type"].startswith("text/html") and b"Not in this graph" in body
    assert get(f"{endpoint}/id/planet/earth")[0] == 404


def test_actor_page(endpoint):
    status, headers, body = get(f"{endpoint}/id/actor/turkey", "text/html,application/xhtml+xml,*/*;q=0.8")
    page = body.decode("utf-8")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert "<h1>Turkey" in page and 'href="https://www.wikidata.org/wiki/Q43"' in page
    assert 'href="../../graph#actor=turkey"' in page and 'src="../../static/dyadchart.js"' in page
    assert "<h3>attacks</h3>" in page and "military offensive in north-eastern" in page
    assert 'href="../../id/actor/syria"' in page and 'href="../../id/doc/03_turkey_syria_offensive"' in page
    query = urllib.parse.parse_qs(re.search(r'href="\.\./\.\./\?([^"]+)" id="query-link"', page).group(1).replace("&amp;", "&"))
    assert "actor/turkey>" in query["query"][0]
    chart = script_data(page, "dg-chart")
    assert {"date": "2019-10-14", "quad": "material_conflict", "goldstein": -10.0} in chart["overall"]
    assert not re.search(r"(src|href)=[\"']?(https?:)?//(?!www\.wikidata\.org)", page)


def test_person_page(endpoint):
    status, _, body = get(f"{endpoint}/id/actor/recep_tayyip_erdogan", "text/html")
    page = body.decode("utf-8")
    assert status == 200 and "<h1>Recep Tayyip Erdogan" in page and ">person</span>" in page
    assert "<h3>leader of</h3>" in page and 'href="../../id/actor/turkey"' in page
    assert "launched the operation on 9 October" in page  # the evidence sentence


def test_pages_escape_article_text(endpoint):
    for path in ("/id/actor/egypt", "/id/doc/news%2Fhostile", "/id/doc/news/hostile"):
        status, _, body = get(endpoint + path, "text/html")
        page = body.decode("utf-8")
        assert status == 200, path
        assert "<script>window.__pwned" not in page and "<img src=x" not in page and "<b>bold</b>" not in page
        assert "&lt;script&gt;window.__pwned" in page


def test_document_mention_and_graph_iris(endpoint):
    status, _, body = get(f"{endpoint}/id/doc/03_turkey_syria_offensive", "text/html")
    page = body.decode("utf-8")
    assert status == 200 and "EU condemns Turkish offensive" in page and "Relations read from it" in page
    mention = re.search(r'href="\.\./\.\./id/mention/(\w+)"', page).group(1)
    status, _, body = get(f"{endpoint}/id/mention/{mention}", "text/html")
    assert status == 200 and "confidence" in body.decode()
    status, _, body = get(f"{endpoint}/id/mention/{mention}", "text/turtle")
    assert status == 200 and b"RelationMention" in body
    status, headers, _ = get(f"{endpoint}/id/graph/03_turkey_syria_offensive", "text/html", follow=False)
    assert status == 303 and headers["Location"] == "../../id/doc/03_turkey_syria_offensive"
    status, _, body = get(f"{endpoint}/id/graph/03_turkey_syria_offensive", "application/n-triples")
    graph = _triples(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))
    docs = {t.subject.value for t in graph if t.predicate.value.endswith("/terms/identifier")}
    assert docs == {"https://w3id.org/diplograph/id/doc/03_turkey_syria_offensive"} and len(graph) > 100


def test_occurrence_and_shared_graph_iris(endpoint):
    """The IRIs of the store's shared graph and of an actor's occurrence in a document (issue 12's
    layout) answer too: YASGUI links every IRI of the data to this server."""
    occurrence = "https://w3id.org/diplograph/id/occurrence/news%2Fhostile/egypt"
    status, _, body = get(f"{endpoint}/id/occurrence/news%2Fhostile/egypt", "text/turtle")
    triples = _triples(ox.parse(body, format=ox.RdfFormat.TURTLE))
    about = {(t.predicate.value.rsplit("#", 1)[-1].rsplit("/", 1)[-1], t.object.value) for t in triples
             if t.subject.value == occurrence}
    assert status == 200 and {("actor", ACTOR + "egypt"), ("name", "Egypt"),
                              ("wasDerivedFrom", "https://w3id.org/diplograph/id/doc/news%2Fhostile")} <= about
    status, headers, _ = get(f"{endpoint}/id/occurrence/news%2Fhostile/egypt", "text/html", follow=False)
    assert status == 303 and headers["Location"] == "../../../id/doc/news%2Fhostile"
    assert get(f"{endpoint}/id/occurrence/news%2Fhostile/nobody_at_all", "text/turtle")[0] == 404
    assert get(f"{endpoint}/id/occurrence/egypt", "text/turtle")[0] == 404  # no document named
    status, _, body = get(f"{endpoint}/id/shared", "application/n-triples")
    shared = _triples(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    assert status == 200 and ox.Triple(ox.NamedNode(ACTOR + "turkey"), label, ox.Literal("Turkey")) in shared
    assert not any(t.predicate.value.endswith("#sentence") for t in shared)  # mentions stay in the documents' graphs
    status, headers, _ = get(f"{endpoint}/id/shared", "text/html", follow=False)
    assert status == 303 and headers["Location"] == "../graph"
    assert get(f"{endpoint}/id/shared/turkey", "text/turtle")[0] == 404


def test_static_files_and_the_yasgui_bundle(endpoint):
    status, headers, body = get(f"{endpoint}/static/yasgui/yasgui.min.js")
    assert status == 200 and headers["Content-Type"].startswith("text/javascript") and body == static_file("yasgui/yasgui.min.js")
    assert get(f"{endpoint}/static/yasgui/yasgui.min.js", headers={"If-None-Match": headers["ETag"]})[0] == 304
    assert get(f"{endpoint}/static/../serve.py")[0] == 404 and get(f"{endpoint}/static/yasgui/yasgui.min.js.map")[0] == 404
    source = yasgui_source()
    assert source["package"] == "@zazuko/yasgui" and source["license"] == "MIT"
    for name, digest in source["files_sha256"].items():  # the committed copy is the one recorded
        assert hashlib.sha256(static_file("yasgui/" + name)).hexdigest() == digest
    assert set(STATIC) >= {"yasgui/yasgui.min.js", "yasgui/yasgui.min.css", "yasgui/LICENSE"}


def test_query_page_is_yasgui_with_examples(endpoint):
    status, headers, body = get(f"{endpoint}/")
    page = body.decode("utf-8")
    assert status == 200 and 'src="static/yasgui/yasgui.min.js"' in page and 'href="static/yasgui/yasgui.min.css"' in page
    data = script_data(page, "dg-data")
    between = next(e for e in data["examples"] if e["name"] == "between")
    assert between["query"].startswith("PREFIX dg: <https://w3id.org/diplograph/ns#>")
    assert "https://w3id.org/diplograph/ns#accuses" in data["properties"] and data["yasgui"] == yasgui_source()["version"]
    status, _, answer = get(f"{endpoint}/sparql?" + urllib.parse.urlencode({"query": between["query"]}), "application/sparql-results+json")
    assert status == 200 and json.loads(answer)["results"]["bindings"]  # the example as shown runs


def test_base_names_the_public_address(store):
    from diplograph.serve import close_server

    server, url = _serve(store, base="https://graph.example.org/diplograph")
    try:
        status, _, body = get(f"{url}/id/actor/turkey", "text/html", headers={"Host": "graph.example.org"})
        assert status == 200 and "https://graph.example.org/diplograph/id/actor/turkey" in body.decode()
        assert get(f"{url}/id/actor/turkey", "text/html", headers={"Host": "attacker.example"})[0] == 403
    finally:
        server.shutdown()
        close_server(server)
    with pytest.raises(ValueError):
        _serve(store, base="ftp://example.org/")


def test_pages_follow_a_store_that_grows_while_served(tmp_path):
    from diplograph.api import add
    from diplograph.serve import close_server

    (tmp_path / "a.txt").write_text("Egypt condemns Turkey\n\nEgypt condemned Turkey on Monday.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Kenya praises Tanzania\n\nKenya praised Tanzania on Tuesday.", encoding="utf-8")
    store = tmp_path / "news.store"
    build([str(tmp_path / "a.txt")], store=store, progress=False)
    server, url = _serve(store)
    try:
        assert b"Tanzania" not in get(f"{url}/graph")[2] and get(f"{url}/id/actor/tanzania", "text/html")[0] == 404
        add([str(tmp_path / "b.txt")], store)  # the twice-a-day `diplograph add` while serve runs
        assert b"Tanzania" in get(f"{url}/graph")[2] and get(f"{url}/id/actor/tanzania", "text/html")[0] == 200
    finally:
        server.shutdown()
        close_server(server)


def test_an_actor_named_in_many_documents_is_read_once_per_mention(store):
    # an actor's description must count once however many documents name it (once in the shared
    # graph since issue 12; before, the union repeated it per document): the page's queries must
    # not multiply the mentions by it
    from diplograph.linked import _mentions, actor_page_data, iri_of
    from diplograph.serve import Endpoint

    class Counting(Endpoint):
        rows = 0

        def run(self, sparql, fmt):
            answer = super().run(sparql, fmt)
            Counting.rows += len(json.loads(answer[2])["results"]["bindings"])
            return answer

    endpoint = Counting(store, timeout=10, workers=1)
    try:
        iri = iri_of("actor", "united_states")
        rows = _mentions(endpoint, f"{{ ?m rdf:subject <{iri}> }} UNION {{ ?m rdf:object <{iri}> }}")
        assert Counting.rows <= 2 * len(rows)  # the mentions, then one label per actor
        count = json.loads(endpoint.run(f"SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE {{ {{ ?m rdf:subject <{iri}> }} UNION "
                                        f"{{ ?m rdf:object <{iri}> }} }}", "json")[2])["results"]["bindings"][0]["n"]["value"]
        assert len(rows) == len({r["m"] for r in rows}) == int(count) >= 10
        page = actor_page_data(endpoint, "united_states")
    finally:
        endpoint.close()
    assert page["mentions"] == int(count) and page["documents"] >= 4 and page["label"] == "United States"
    assert "USA" in page["aliases"] and page["qid"] == "Q30"
