"""Issue 12, items 10-14: each bad input is skipped with one line naming file and line, and the
rest is processed; closed standard streams and empty reads are reported, never tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diplograph.ingest import IngestReport, read_documents, read_jsonl, jsonl_lines

BIN = [sys.executable, "-m", "diplograph.cli"]
GOOD = {"id": "good", "text": "Kenya condemned Uganda."}


def run(*args, stdin=None, **kwargs):
    return subprocess.run([*BIN, *map(str, args)], capture_output=True, text=True, timeout=300, stdin=stdin, **kwargs)


def jsonl(path, *lines: str):
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def read(*inputs):
    report = IngestReport()
    docs = list(read_documents([str(i) for i in inputs], report))
    return docs, [str(e) for e in report.errors]


# -- item 10: JSON nested 100,000 deep -----------------------------------------------------------
def test_deeply_nested_json_line_is_skipped(tmp_path):
    path = jsonl(tmp_path / "deep.jsonl", json.dumps(GOOD), "[" * 100_000 + "]" * 100_000, json.dumps(dict(GOOD, id="after")))
    docs, errors = read(path)
    assert [d.id for d in docs] == ["good", "after"]
    assert errors == [f"{path}:2: JSON nested too deeply to read"]


def test_deeply_nested_json_through_the_cli(tmp_path):
    path = jsonl(tmp_path / "deep.jsonl", "[" * 100_000 + "]" * 100_000, json.dumps(GOOD))
    proc = run("extract", path)
    assert proc.returncode == 3 and "Traceback" not in proc.stderr
    assert f"{path}:1: JSON nested too deeply" in proc.stderr and '"doc_id": "good"' in proc.stdout


# -- item 11: lone surrogates, file names that are not UTF-8 ----------------------------------------
@pytest.mark.parametrize("field", ["text", "id", "title"])
def test_lone_surrogate_skips_its_line_only(tmp_path, field):
    bad = dict(GOOD, id="bad")
    bad[field] = bad.get(field, "x") + "\ud800"
    path = jsonl(tmp_path / "s.jsonl", json.dumps(bad), json.dumps(GOOD))  # json.dumps escapes it as \ud800
    proc = run("build", path, "-o", tmp_path / "out" / "g", "--formats", "ttl,jsonl")
    assert proc.returncode == 3 and "Traceback" not in proc.stderr, proc.stderr
    assert f"{path}:1: {field} holds an unpaired surrogate" in proc.stderr
    assert "1 document(s)" in proc.stdout and (tmp_path / "out" / "g.ttl").exists()


def test_file_name_not_utf8_is_skipped(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "good.txt").write_text("Kenya condemned Uganda.", encoding="utf-8")
    bad = os.path.join(os.fsencode(folder), b"caf\xe9.txt")
    with open(bad, "wb") as fh:
        fh.write(b"Ghana praised Togo.")
    proc = run("build", folder, "-o", tmp_path / "g", "--json")
    assert proc.returncode == 3 and "Traceback" not in proc.stderr, proc.stderr
    assert "caf\\xe9.txt: the file name is not UTF-8" in proc.stderr
    assert json.loads(proc.stdout)["documents"] == 1


# -- item 12: U+2028, U+0085 inside JSON strings -------------------------------------------------------
def test_line_separators_inside_strings_are_text(tmp_path):
    records = [{"id": "a", "text": "Kenya condemned Uganda.\u2028Ghana praised Togo."},
               {"id": "b", "text": "Egypt\u0085condemned Turkey.", "title": "x\u2029y\x1c\x1d\x1e"}]
    path = tmp_path / "u.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    docs, errors = read(path)
    assert errors == [] and [d.text for d in docs] == [r["text"] for r in records]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(
    st.fixed_dictionaries({"id": st.text(min_size=1), "text": st.text().filter(str.strip)}),
    st.text(),  # arbitrary lines: JSON or not
    st.recursive(st.none() | st.integers() | st.text(), lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text().filter(lambda k: k != "text"), c, max_size=3)),
), max_size=8))
def test_jsonl_reading_keeps_every_good_line_and_names_every_bad_one(items):
    """Whatever the lines, each one becomes a document or one report naming its line number."""
    lines = [json.dumps(item, ensure_ascii=False) if not isinstance(item, str) else item.replace("\n", " ") for item in items]
    report = IngestReport()
    docs = list(read_jsonl(jsonl_lines("\n".join(lines)), "f.jsonl", report))
    expected = []
    for number, (item, line) in enumerate(zip(items, lines), 1):
        if isinstance(item, dict) and set(item) == {"id", "text"}:
            try:
                item["id"].encode("utf-8"), item["text"].encode("utf-8")
            except UnicodeEncodeError:
                continue
            expected.append((item["id"], item["text"], f"f.jsonl:{number}"))
    assert [(d.id, d.text, d.path) for d in docs] == expected
    skipped = {e.line for e in report.errors}
    for number, line in enumerate(lines, 1):
        if line.strip():
            assert (number in skipped) != any(d.path == f"f.jsonl:{number}" for d in docs), (number, line)
    assert all(e.path == "f.jsonl" and e.line for e in report.errors)


# -- item 13: dates, gold files, decode errors, UTF-16 ---------------------------------------------
def test_impossible_dates_are_skipped_with_the_line(tmp_path):
    path = jsonl(tmp_path / "d.jsonl", json.dumps(dict(GOOD, id="bad", date="2020-13-45")), json.dumps(dict(GOOD, date="2020-02-29")))
    docs, errors = read(path)
    assert [(d.id, d.date) for d in docs] == [("good", "2020-02-29")]
    assert errors == [f"{path}:1: date '2020-13-45' is not a date; write it as YYYY-MM-DD"]
    proc = run("build", path, "-o", tmp_path / "g", "--formats", "ttl")
    assert proc.returncode == 3 and "Traceback" not in proc.stderr and "Failed to convert" not in proc.stderr


@pytest.mark.parametrize("record, message", [
    ({"id": "x", "text": "Kenya condemned Uganda.", "date": 2020}, '"date" must be a string'),
    ({"id": "x", "text": "Kenya condemned Uganda.", "relations": [{"subject": 5, "relation": "criticizes", "object": "Uganda"}]},
     '"subject" must be a string or a list of strings'),
    ({"id": "x", "text": "Kenya condemned Uganda.", "date": "2020-02-30"}, "date '2020-02-30' is not a date"),
])
def test_bad_gold_records_name_file_and_line(tmp_path, record, message):
    gold = jsonl(tmp_path / "gold.jsonl", json.dumps({"id": "ok", "text": "Egypt condemned Turkey."}), json.dumps(record))
    proc = run("eval", gold)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert f"{gold}:2: {message}" in proc.stderr


def test_empty_gold_file_is_an_error(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n\n", encoding="utf-8")
    proc = run("eval", gold)
    assert proc.returncode == 1 and f"{gold}: no gold records" in proc.stderr


def test_decode_errors_name_the_file(tmp_path):
    query = tmp_path / "q.rq"
    query.write_bytes(b"SELECT * WHERE { ?s ?p \"caf\xe9\" }")
    graph = tmp_path / "g.nt"
    graph.write_text("<http://a> <http://b> <http://c> .\n", encoding="utf-8")
    proc = run("query", graph, f"@{query}")
    assert proc.returncode == 2 and f"{query}: not valid UTF-8 at byte" in proc.stderr
    gold = tmp_path / "gold.jsonl"
    gold.write_bytes(b'{"id": "x", "text": "caf\xe9"}\n')
    proc = run("eval", gold)
    assert proc.returncode == 1 and f"{gold}: not valid UTF-8 at byte" in proc.stderr


def test_utf16_files_are_read(tmp_path):
    (tmp_path / "a.txt").write_text("Kenya condemned Uganda.", encoding="utf-16")
    (tmp_path / "b.jsonl").write_text(json.dumps(dict(GOOD, id="b")) + "\n", encoding="utf-16")
    docs, errors = read(tmp_path / "a.txt", tmp_path / "b.jsonl")
    assert errors == [] and [d.text for d in docs] == ["Kenya condemned Uganda."] * 2
    (tmp_path / "c.txt").write_bytes("Kenya".encode("utf-16-le"))  # no byte-order mark
    _, errors = read(tmp_path / "c.txt")
    assert "iconv -f UTF-16" in errors[0] and "binary" in errors[0]


# -- item 14: closed streams, reads that find nothing ------------------------------------------
def test_closed_stdin_is_reported(tmp_path):
    proc = subprocess.run([*BIN, "extract", "-"], capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL,
                          preexec_fn=lambda: os.close(0))
    assert "Traceback" not in proc.stderr and proc.returncode == 3
    assert "<stdin>: standard input is closed" in proc.stderr


def test_closed_stdout_is_an_error(tmp_path):
    proc = subprocess.run([*BIN, "ontology"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, timeout=300,
                          preexec_fn=lambda: os.close(1))
    assert proc.returncode == 1 and "standard output is closed" in proc.stderr


def test_add_that_reads_nothing_creates_no_store(tmp_path):
    (tmp_path / "empty").mkdir()
    bad = jsonl(tmp_path / "bad.jsonl", "not json")
    proc = run("add", tmp_path / "empty", bad, "--store", tmp_path / "s.store")
    assert proc.returncode == 3 and not (tmp_path / "s.store").exists()
