"""Issue 12, items 4-7: one transaction per add, readers that never see half a change, store swaps a
crash cannot lose, one writer at a time, output files as one set, and each fact once in the union
graph however many documents name an actor."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time

import pytest
import rdflib

from diplograph import api
from diplograph.durable import COMMITTED, Busy, StoreLock, output_set
from diplograph.query import Target, run_query
from diplograph.store import GraphStore, StoreError, reading

BIN = [sys.executable, "-m", "diplograph.cli"]
FACT = 'SELECT ?l ?t WHERE { ?a dg:actorId "kenya" ; rdfs:label ?l ; dg:actorType ?t }'


def corpus(path, n: int, text: str = "Kenya condemned Uganda. President Uhuru Kenyatta of Kenya met Ugandan officials.", start=0):
    path.write_text("".join(json.dumps({"id": f"d{i:03d}", "text": text}) + "\n" for i in range(start, start + n)), encoding="utf-8")
    return path


def counts(store) -> tuple[int, int]:
    row = Target(store).run("SELECT (COUNT(DISTINCT ?d) AS ?docs) (COUNT(DISTINCT ?m) AS ?mentions) "
                            "WHERE { ?d a dg:Document . OPTIONAL { ?m prov:wasDerivedFrom ?d } }").rows[0]
    return int(row["docs"]), int(row["mentions"])


# -- item 7: each fact once --------------------------------------------------------------------
@pytest.fixture(scope="module")
def many(tmp_path_factory):
    folder = tmp_path_factory.mktemp("many")
    result = api.build([str(corpus(folder / "c.jsonl", 30))], folder / "g", progress=False, store=folder / "g.store",
                       formats=("ttl", "trig", "nq"))
    return result.paths


@pytest.mark.parametrize("where", ["store", "ttl", "trig", "nq"])
def test_union_graph_states_each_actor_fact_once(many, where):
    rows = Target(many[where]).run(FACT).rows
    assert [(str(r["l"]), str(r["t"])) for r in rows] == [("Kenya", "country")]


def test_example_counts_are_mentions_not_products(many):
    rows = run_query(many["store"], example="relation-edges", params={"relation": "criticizes"}).rows
    assert [(str(r["subject"]), str(r["object"]), int(r["mentions"])) for r in rows] == [("Kenya", "Uganda", 30)]
    central = run_query(many["store"], example="central").rows
    assert len(central) == len({str(r["actor"]) for r in central})  # one row an actor
    assert Target(many["store"]).run("SELECT (COUNT(*) AS ?n) WHERE { ?a dg:criticizes ?b }").rows[0]["n"].toPython() == 1


def test_provenance_stays_on_the_mention_layer(many):
    docs = Target(many["trig"]).run("SELECT DISTINCT ?doc WHERE { ?o dg:actor ?a ; prov:wasDerivedFrom ?d . "
                                    "?a dg:actorId 'kenya' . ?d dct:identifier ?doc }").rows
    assert len(docs) == 30
    ds = rdflib.Dataset()
    ds.parse(many["trig"], format="trig")
    shared = ds.graph(rdflib.URIRef("https://w3id.org/diplograph/id/shared"))
    kenya = rdflib.URIRef("https://w3id.org/diplograph/id/actor/kenya")
    assert (kenya, rdflib.RDFS.label, rdflib.Literal("Kenya")) in shared
    doc_graph = ds.graph(rdflib.URIRef("https://w3id.org/diplograph/id/graph/d000"))
    assert not list(doc_graph.triples((kenya, None, None)))  # the document graph only points at the actor


# -- items 4 and 7: add keeps the shared graph exact, in one transaction ----------------------------
def test_add_then_replace_equals_a_fresh_build(tmp_path):
    first = corpus(tmp_path / "a.jsonl", 3)
    api.add([str(first)], tmp_path / "s.store")
    second = tmp_path / "b.jsonl"  # d001 now says something else; d000 and d002 still hold the old edge
    second.write_text(json.dumps({"id": "d001", "text": "Ghana praised Togo."}) + "\n", encoding="utf-8")
    result = api.add([str(second)], tmp_path / "s.store")
    assert result.replaced == ["d001"]
    api.build([str(first)], store=tmp_path / "fresh.store", progress=False)
    final = tmp_path / "final.jsonl"
    final.write_text("\n".join(line for line in first.read_text().splitlines() if '"d001"' not in line) + "\n"
                     + second.read_text(), encoding="utf-8")
    api.build([str(final)], store=tmp_path / "fresh.store", progress=False)
    with reading(tmp_path / "s.store") as added, reading(tmp_path / "fresh.store") as built:
        assert added.dump() == built.dump()
    # replace the last documents naming Kenya: Kenya, its facts and its edges leave the shared graph
    gone = tmp_path / "c.jsonl"
    gone.write_text("".join(json.dumps({"id": f"d00{i}", "text": "Ghana praised Togo."}) + "\n" for i in (0, 2)), encoding="utf-8")
    api.add([str(gone)], tmp_path / "s.store")
    assert Target(tmp_path / "s.store").run(FACT).rows == []
    assert not Target(tmp_path / "s.store").run("ASK { ?a dg:criticizes ?b }").boolean


def test_a_failed_add_changes_nothing(tmp_path, monkeypatch):
    store = tmp_path / "s.store"
    api.add([str(corpus(tmp_path / "a.jsonl", 5))], store)
    before = counts(store)
    with reading(store) as s:
        dump = s.dump()
    import diplograph.store as store_module

    real = store_module._data_block
    monkeypatch.setattr(store_module, "_data_block", lambda quads: real(quads) + " } BROKEN {")  # the update fails late
    with pytest.raises(SyntaxError):
        api.add([str(corpus(tmp_path / "b.jsonl", 5, text="Ghana praised Togo."))], store)
    monkeypatch.undo()
    assert counts(store) == before
    with reading(store) as s:
        assert s.dump() == dump


def test_readers_see_the_store_before_or_after_an_add(tmp_path):
    store = tmp_path / "s.store"
    api.add([str(corpus(tmp_path / "a.jsonl", 40))], store)
    old = counts(store)
    replacement = corpus(tmp_path / "b.jsonl", 40, text="Ghana praised Togo.")
    proc = subprocess.Popen([*BIN, "add", str(replacement), "--store", str(store)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    seen = set()
    while proc.poll() is None:
        seen.add(counts(store))
    assert proc.wait() == 0, proc.stderr.read()
    new = counts(store)
    assert new != old and seen <= {old, new}, (old, new, seen)


# -- item 5: one writer, recoverable swaps -----------------------------------------------------
def test_a_second_writer_is_refused(tmp_path):
    store = tmp_path / "s.store"
    docs = corpus(tmp_path / "a.jsonl", 2)
    api.build([str(docs)], store=store, progress=False)
    with StoreLock(store).writer():
        with pytest.raises(Busy, match="another diplograph process"):
            api.add([str(docs)], store)
        proc = subprocess.run([*BIN, "build", str(docs), "--store", str(store)], capture_output=True, text=True, timeout=300)
        assert proc.returncode == 1 and f"pid {os.getpid()}" in proc.stderr
    assert api.add([str(docs)], store).unchanged == ["d000", "d001"]


@pytest.mark.parametrize("stage", ["new ready", "old moved aside", "new moved in", "old only"])
def test_an_interrupted_swap_is_finished_or_rolled_back(tmp_path, stage):
    store = tmp_path / "s.store"
    api.build([str(corpus(tmp_path / "a.jsonl", 2))], store=store, progress=False)
    api.build([str(corpus(tmp_path / "b.jsonl", 3))], store=tmp_path / "other.store", progress=False)
    new, old = tmp_path / ".s.store.new", tmp_path / ".s.store.old"
    if stage == "new ready":  # crashed after the new store was complete
        (tmp_path / "other.store").rename(new)
    elif stage == "old moved aside":  # crashed between the two renames: nothing at the store's path
        store.rename(old)
        (tmp_path / "other.store").rename(new)
    elif stage == "new moved in":  # crashed before the old store was removed
        store.rename(old)
        (tmp_path / "other.store").rename(store)
    else:  # the old store aside and no new one: put it back
        store.rename(old)
    expected = 2 if stage == "old only" else 3
    assert counts(store)[0] == expected  # any reader finishes the swap before it opens the store
    assert not new.exists() and not old.exists()
    assert api.add([str(corpus(tmp_path / "c.jsonl", 1, start=50))], store).documents == expected + 1


def test_crash_leftovers_are_cleaned_by_the_next_writer(tmp_path):
    store = tmp_path / "s.store"
    api.build([str(corpus(tmp_path / "a.jsonl", 2))], store=store, progress=False)
    leftover = tmp_path / ".s.store.abc123.part"
    shutil.copytree(store, leftover)
    api.build([str(corpus(tmp_path / "a.jsonl", 2))], store=store, progress=False)
    assert not leftover.exists()


def test_old_layout_stores_are_refused_for_writing(tmp_path):
    import pyoxigraph as ox

    old = ox.Store(str(tmp_path / "old.store"))
    doc = ox.NamedNode("https://w3id.org/diplograph/id/doc/x")
    old.add(ox.Quad(doc, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                    ox.NamedNode("https://w3id.org/diplograph/ns#Document"), ox.NamedNode("https://w3id.org/diplograph/id/graph/x")))
    del old
    with pytest.raises(StoreError, match="older diplograph"):
        api.add([str(corpus(tmp_path / "a.jsonl", 1))], tmp_path / "old.store")


# -- item 6: output files as one set ----------------------------------------------------------
def test_an_interrupted_set_leaves_the_earlier_one(tmp_path, monkeypatch):
    docs = corpus(tmp_path / "a.jsonl", 2)
    api.build([str(docs)], tmp_path / "out" / "g", progress=False)
    before = {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()}
    import diplograph.api as api_module

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(api_module, "write_graphml", interrupted)  # after ttl, trig and html were written
    COMMITTED.clear()
    with pytest.raises(KeyboardInterrupt):
        api.build([str(corpus(tmp_path / "b.jsonl", 3, text="Ghana praised Togo."))], tmp_path / "out" / "g", progress=False)
    assert {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()} == before and COMMITTED == []


def test_a_set_a_crash_left_half_moved_is_finished_and_leftovers_go(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "g.ttl").write_text("old", encoding="utf-8")
    (out / "g.json").write_text("old", encoding="utf-8")
    commit = out / ".g.outputs-commit"  # the staging folder was complete; g.ttl had moved, g.json not yet
    commit.mkdir()
    (commit / "g.json").write_text("new", encoding="utf-8")
    (out / ".g.outputs-x1.part").mkdir()
    (out / ".g.ttl.x2.part").write_text("half", encoding="utf-8")
    (out / ".g.store.x3.part").mkdir()  # a store being built by someone else: not ours to remove
    with output_set(out / "g") as staging:
        assert (out / "g.json").read_text() == "new"  # finished before anything else
        staging.path("ttl").write_text("newer", encoding="utf-8")
    assert sorted(p.name for p in out.iterdir()) == [".g.outputs.lock", ".g.store.x3.part", "g.json", "g.ttl"]


def test_sigterm_message_says_what_was_written(tmp_path):
    import signal

    docs = corpus(tmp_path / "a.jsonl", 300, text="Kenya condemned Uganda. " * 30)
    proc = subprocess.Popen([*BIN, "build", str(docs), "-o", str(tmp_path / "out" / "g")], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    time.sleep(6)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=120)
    if proc.returncode == 0:
        pytest.skip("the build finished before the signal")
    assert proc.returncode == 130
    written = sorted(p.name for p in (tmp_path / "out").glob("g.*")) if (tmp_path / "out").exists() else []
    if written:
        assert "interrupted after writing" in err and all(name in err for name in written)
    else:
        assert "nothing was written" in err
    assert not [p for p in (tmp_path / "out").glob("*.part")] if (tmp_path / "out").exists() else True
