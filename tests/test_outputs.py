"""Graph, exports and query on the seed article and small texts of our own."""

import json
import os
import re

import networkx as nx
import pytest

from diplograph.api import build
from diplograph.export.graphml import read_json
from diplograph.export.html import render_html
from diplograph.graph import GraphBuilder
from diplograph.model import Document
from diplograph.pipeline import extract_text
from diplograph.ingest import InputError
from diplograph.query import QueryError, Target, run_query
from support import SEED, need_shared


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory):
    need_shared()
    out = tmp_path_factory.mktemp("out") / "seed"
    return build([str(SEED)], out, progress=False)


def test_build_writes_all_files(seed_build):
    assert {p.suffix for p in seed_build.paths.values()} == {".ttl", ".trig", ".html", ".graphml", ".json", ".jsonl"}
    assert all(p.stat().st_size > 0 for p in seed_build.paths.values())
    assert not list(seed_build.paths["ttl"].parent.glob("*.part"))


def test_turtle_read_back_from_the_trig_is_the_turtle_made_alone(seed_build, tmp_path):
    # a build writes the TriG first and makes the Turtle from its quads, read back: the same bytes
    alone = build([str(SEED)], tmp_path / "alone", progress=False, formats=("ttl",))
    assert alone.paths["ttl"].read_bytes() == seed_build.paths["ttl"].read_bytes()
    assert b"dg:accuses" in alone.paths["ttl"].read_bytes()


def test_turtle_parses_and_answers_sparql(seed_build):
    g = Target(seed_build.paths["ttl"])
    rows = g.run("SELECT ?a ?b WHERE { ?a dg:accuses ?b }").rows
    pairs = {(str(r["a"]).rsplit("/", 1)[1], str(r["b"]).rsplit("/", 1)[1]) for r in rows}
    assert ("china", "nato") in pairs and ("united_states", "china") in pairs
    conflict = g.run("SELECT DISTINCT ?p WHERE { ?a ?p ?b . ?p rdfs:subPropertyOf* dg:conflictsWith }").rows
    assert {str(r["p"]).rsplit("#", 1)[1] for r in conflict} >= {"accuses", "invades", "opposes"}
    negated = g.run('SELECT ?s WHERE { ?m dg:polarity "negated" ; dg:sentence ?s }').rows
    assert any("refused to criticise" in str(r["s"]) for r in negated)
    same = g.run("SELECT ?q WHERE { ?a dg:actorId 'belarus' ; owl:sameAs ?q }").rows
    assert [str(r["q"]) for r in same] == ["http://www.wikidata.org/entity/Q184"]


def test_negated_is_evidence_not_edge(seed_build):
    g = Target(seed_build.paths["ttl"])
    assert not g.run("ASK { ?a dg:criticizes ?b }").boolean
    G = read_json(seed_build.paths["json"])
    assert not any(k == "criticizes" for _, _, k in G.edges(keys=True))
    assert any(n["relation"] == "criticizes" for n in G.graph["negated"])


def test_graphml_round_trip(seed_build):
    G = nx.read_graphml(seed_build.paths["graphml"], force_multigraph=True)
    assert G.nodes["belarus"]["qid"] == "Q184"
    data = G.edges["alexander_lukashenko", "china", "visits"]
    assert data["count"] >= 2 and data["quad_class"] == "verbal_cooperation" and data["cameo"] == "042"
    assert json.loads(data["evidence"])[0]["doc_id"] == "000_0d735557f46a095c"


def test_jsonl_mentions_have_the_contract_fields(seed_build):
    lines = [json.loads(line) for line in seed_build.paths["jsonl"].read_text(encoding="utf-8").splitlines()]
    assert lines
    for rec in lines:
        assert {"doc_id", "relation", "subject", "object", "polarity", "modality", "attributed_to", "sentence",
                "sentence_start", "sentence_end", "confidence", "date"} <= set(rec)
        assert {"id", "label", "type", "qid", "mention"} <= set(rec["subject"])
        text = SEED.read_text(encoding="utf-8")
        assert text[rec["sentence_start"]:rec["sentence_end"]] == rec["sentence"]
        assert text[rec["subject"]["start"]:rec["subject"]["end"]] == rec["subject"]["mention"]


def test_html_is_offline(seed_build):
    html = seed_build.paths["html"].read_text(encoding="utf-8")
    assert "vis.Network" in html
    urls = set(re.findall(r"https?://[^\s\"'<>)]+", html))
    # the only addresses are links a reader may click: Wikidata pages (and article URLs, none here)
    assert urls <= {"https://www.wikidata.org/wiki/"}, urls
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=", html)


def test_graph_aggregates_edges():
    text = "Egypt condemned Turkey on Monday. Egypt condemned Turkey again on Friday."
    doc = Document("d", text, date="2020-01-10")
    builder = GraphBuilder()
    builder.add(doc, extract_text(text, date="2020-01-10"))
    G = builder.graph()
    edge = G["egypt"]["turkey"]["criticizes"]
    assert edge["count"] == 2 and edge["first_date"] == "2020-01-06" and edge["last_date"] == "2020-01-10"
    assert edge["goldstein"] == -2.0 and len(edge["evidence"]) == 2


def test_html_escapes_article_text():
    text = "Egypt condemned Turkey. <script>alert('x')</script> <img src=x onerror=alert(1)>"
    builder = GraphBuilder()
    builder.add(Document("xss", text, title="<b>bold</b>"), extract_text(text))
    html = render_html(builder.graph())
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>bold</b>" not in html


def test_query_errors_are_clear(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        Target(tmp_path / "missing.ttl")
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    with pytest.raises(QueryError, match="cannot parse"):
        Target(bad)
    good = tmp_path / "good.ttl"
    good.write_text("<http://a> <http://b> <http://c> .", encoding="utf-8")
    with pytest.raises(QueryError, match="SPARQL"):
        Target(good).run("SELEC nonsense")


def test_the_layout_of_a_large_graph_is_the_same_in_every_process():
    # two runs of the same build are two processes, each hashing strings with its own seed,
    # which must not move a single actor
    import subprocess
    import sys

    code = """
import networkx as nx
from diplograph.export.html import large_layout
G = nx.MultiDiGraph()
for hub in range(30):
    for leaf in range(40):
        G.add_edge(f"hub{hub}", f"actor{hub}-{leaf}", count=1 + leaf % 3)
    G.add_edge(f"hub{hub}", f"hub{(hub * 7) % 30}", count=5)
print(sorted(large_layout(G, core_size=400).items()))
"""
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")]
    assert runs[0] and runs[0] == runs[1]
