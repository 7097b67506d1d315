"""Flat memory: the graph keeps counts and a sample of the evidence, the files every mention."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from diplograph import api
from diplograph.export.rdf import graph_items
from diplograph.graph import GraphBuilder
from diplograph.mentions import MentionTable
from diplograph.model import Document
from diplograph.pipeline import extract_text
from support import script_data

TEXT = ("Talks\n\nEgypt condemned Turkey on Monday. Egypt condemned Turkey again on Friday. "
        "Egypt criticised Turkey once more.")


def test_an_edge_keeps_a_sample_and_every_count(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text(TEXT, encoding="utf-8")
    result = api.build([str(src)], tmp_path / "g", progress=False, evidence_limit=1, formats=("json", "jsonl", "trig", "html"))
    G = nx.node_link_graph(json.loads((tmp_path / "g.json").read_text()), directed=True, multigraph=True, edges="edges")
    edge = G["egypt"]["turkey"]["criticizes"]
    assert edge["count"] == 3 and len(edge["evidence"]) == 1 and edge["document_count"] == 1
    assert sum(n for _, _, n in edge["timeline"]) == 3  # the dyad chart counts every mention
    assert len((tmp_path / "g.jsonl").read_text().splitlines()) == 3  # every mention in the JSONL
    assert (tmp_path / "g.trig").read_text().count("a dg:RelationMention") == 3  # and in the RDF
    html = (tmp_path / "g.html").read_text()
    assert "dg_timeline" in html and "more-evidence" in html
    assert result.summary["mentions"] == 3


def test_the_page_carries_only_the_documents_its_evidence_cites(tmp_path):
    import html as html_lib

    for i in range(3):
        (tmp_path / f"a{i}.txt").write_text(f"Talks {i}\n\nEgypt condemned Turkey on Monday.", encoding="utf-8")
    api.build([str(tmp_path / f"a{i}.txt") for i in range(3)], tmp_path / "g", progress=False, evidence_limit=1,
              formats=("html", "json"))
    page = (tmp_path / "g.html").read_text()
    data = script_data(page, "dg-data")
    cited = {ev["doc_id"] for e in data["edges"] for ev in e["dg_evidence"]}
    assert len(cited) == 1 and set(data["documents"]) == cited  # one sample sentence: one document's metadata
    assert data["document_count"] == 3 and "3 documents" in html_lib.unescape(page)
    assert len(json.loads((tmp_path / "g.json").read_text())["graph"]["documents"]) == 3  # the graph file lists all


def test_small_graphs_keep_all_their_evidence():
    builder = GraphBuilder()
    builder.add(Document("d", TEXT), extract_text(TEXT))
    edge = builder.graph()["egypt"]["turkey"]["criticizes"]
    assert edge["count"] == len(edge["evidence"]) == 3 and "timeline" not in edge


def test_rdf_is_not_written_from_a_sample():
    builder = GraphBuilder(evidence_limit=1)
    builder.add(Document("d", TEXT), extract_text(TEXT))
    with pytest.raises(ValueError, match="sample"):
        list(graph_items(builder.graph()))
    assert sum(len(items) for *_, items in builder.document_items()) == 3


def test_documents_are_counted_past_the_listed_ones():
    builder = GraphBuilder(document_limit=2)
    for i in range(4):
        builder.add(Document(f"d{i}", "Egypt condemned Turkey."), extract_text("Egypt condemned Turkey.", doc_id=f"d{i}"))
    G = builder.graph()
    assert G.nodes["egypt"]["documents"] == ["d0", "d1"] and G.nodes["egypt"]["document_count"] == 4
    assert G["egypt"]["turkey"]["criticizes"]["document_count"] == 4


def test_the_mention_table_reads_back_in_order_and_by_document():
    table = MentionTable()
    for doc in ("b", "a", "c"):
        table.write(doc, [doc * 2], [])
    assert [d for d, _, _ in table.read()] == ["b", "a", "c"]
    assert list(table.read("a")) == [("a", ["aa"], [])] and list(table.read("zz")) == []
    table.close()


def test_parquet_has_a_row_per_mention_with_the_extract_fields(tmp_path):
    import pyarrow.parquet as pq

    src = tmp_path / "a.txt"
    src.write_text("Talks\ndate: 2020-03-02\n\nEgypt condemned Turkey. Russia did not threaten Ukraine.", encoding="utf-8")
    api.build([str(src)], tmp_path / "g", progress=False, formats=("parquet", "jsonl"))
    table = pq.read_table(tmp_path / "g.parquet")
    records = [json.loads(line) for line in (tmp_path / "g.jsonl").read_text().splitlines()]
    assert table.num_rows == len(records) == 2
    rows = table.to_pylist()
    assert [(r["subject_id"], r["relation"], r["object_id"], r["polarity"]) for r in rows] == [
        (r["subject"]["id"], r["relation"], r["object"]["id"], r["polarity"]) for r in records]
    assert rows[0]["subject_qid"] == "Q79" and rows[0]["month"] == "2020-03" and rows[0]["goldstein"] == -2.0
    assert {"subject_state", "object_label", "attributed_to_id", "cameo", "quad_class", "sentence_start", "object_end"} <= set(table.column_names)


def test_parquet_is_written_by_build_only(tmp_path):
    with pytest.raises(ValueError, match="parquet"):
        api.export(tmp_path / "none.store", tmp_path / "x", formats=("parquet",))


def test_a_large_mention_table_is_partitioned_by_month(tmp_path, monkeypatch):
    import pandas as pd

    from diplograph.export import parquet

    src = tmp_path / "news.jsonl"
    src.write_text("".join(json.dumps({"id": f"d{i}", "date": f"2020-0{i}-10", "text": "Egypt condemned Turkey."}) + "\n"
                           for i in (1, 2, 3)), encoding="utf-8")
    api.build([str(src)], tmp_path / "g", progress=False, formats=("parquet",))
    assert (tmp_path / "g.parquet").is_file()  # a small corpus: one file
    monkeypatch.setattr(parquet, "PARTITION_ROWS", 2)
    for _ in range(2):  # the folder replaces the file, then the folder
        api.build([str(src)], tmp_path / "g", progress=False, formats=("parquet",))
        assert sorted(p.name for p in (tmp_path / "g.parquet").iterdir()) == ["month=2020-01", "month=2020-02", "month=2020-03"]
    table = pd.read_parquet(tmp_path / "g.parquet")
    assert len(table) == 3 and sorted(table["month"].astype(str)) == ["2020-01", "2020-02", "2020-03"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".g.") and p.is_dir()]  # nothing left aside
    monkeypatch.setattr(parquet, "PARTITION_ROWS", 10)
    api.build([str(src)], tmp_path / "g", progress=False, formats=("parquet",))
    assert (tmp_path / "g.parquet").is_file()  # and a file replaces the folder
