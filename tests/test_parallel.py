"""--workers: the map step on several processes gives the same bytes as one process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from diplograph import api, parallel
from diplograph.ingest import IngestReport, read_documents
from diplograph.model import Document

ROOT = Path(__file__).resolve().parents[1]


def _lines(workers: int, batch_docs: int, inputs) -> tuple[list[str], IngestReport]:
    report = IngestReport()
    docs = read_documents([str(i) for i in inputs], report)
    lines = [json.dumps(r.to_dict(), ensure_ascii=False) for res in parallel.process_parallel(
        docs, workers=workers, report=report, batch_docs=batch_docs) for r in res.relations]
    return lines, report


def test_two_workers_give_the_records_of_one_in_input_order():
    inputs = [ROOT / "examples" / "articles", ROOT / "benchmarks" / "data" / "team_eval.jsonl"]
    one, _ = _lines(1, 3, inputs)
    two, report = _lines(2, 3, inputs)
    assert one and two == one
    assert report.documents > 6  # several batches went to the pool


def test_results_are_the_callers_documents_in_input_order():
    docs = [Document(f"d{i}", "Egypt condemned Turkey.") for i in range(5)]
    report = IngestReport()
    results = list(parallel.process_parallel(docs, workers=2, report=report, batch_docs=2))
    assert [r.document.id for r in results] == [f"d{i}" for i in range(5)]
    assert [r.document for r in results] == docs  # the caller's documents, not copies sent back


def test_one_batch_is_read_in_this_process(monkeypatch):
    def no_pool(*args, **kwargs):
        raise AssertionError("no pool for a single batch")

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", no_pool)
    docs = [Document("a", "Egypt condemned Turkey.")]
    assert [len(r.relations) for r in parallel.process_parallel(docs, workers=2)] == [1]


def test_a_build_on_two_workers_writes_the_files_of_one(tmp_path, monkeypatch):
    inputs = [ROOT / "examples" / "articles"]
    api.build(inputs, tmp_path / "one" / "g", progress=False, workers=1)
    monkeypatch.setattr(parallel, "BATCH_DOCS", 2)  # several batches: the pool starts
    api.build(inputs, tmp_path / "two" / "g", progress=False, workers=2)
    names = sorted(p.name for p in (tmp_path / "one").iterdir() if not p.name.startswith("."))
    assert "g.html" in names and names == sorted(p.name for p in (tmp_path / "two").iterdir() if not p.name.startswith("."))
    for name in names:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name


def test_default_is_every_core():
    assert parallel.default_workers() >= 1


@pytest.mark.slow
def test_the_snapshot_with_two_workers(tmp_path, monkeypatch):
    """Every recorded output (extract JSONL and build files) is the same with --workers 2."""
    from support import need_shared

    need_shared()
    import snapshot

    monkeypatch.setattr(parallel, "BATCH_DOCS", 2)  # small batches: the pool runs even on a few documents
    snapshot.generate(tmp_path, workers=2)
    diff = snapshot.differences(snapshot.SNAPSHOT, tmp_path)
    assert not diff, "\n".join(diff)
