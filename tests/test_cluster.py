"""--scheduler: the map step on a real Dask distributed cluster gives the single-process outputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from diplograph import api, cluster
from diplograph.ingest import IngestReport

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "benchmarks" / "data" / "team_eval.jsonl"


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_partitions_cover_every_line_once(tmp_path):
    from fsspec.utils import read_block

    data = CORPUS.read_bytes()
    parts = cluster.partitions([str(CORPUS)], blocksize=5_000)
    assert len(parts) > 3 and sum(p.length for p in parts) == len(data)
    with open(CORPUS, "rb") as fh:
        lines = [line for p in parts for line in read_block(fh, p.start, p.length, delimiter=b"\n").splitlines() if line.strip()]
    assert lines == [line for line in data.splitlines() if line.strip()]


def test_globs_and_urls_are_partitioned_on_the_client_by_size_only(tmp_path):
    for name in ("b.jsonl", "a.jsonl", "c.txt"):
        (tmp_path / name).write_text('{"id": "x", "text": "Egypt condemned Turkey."}\n')
    parts = cluster.partitions([f"file://{tmp_path}/*.jsonl"])
    assert [Path(p.url).name for p in parts] == ["a.jsonl", "b.jsonl"] and parts[0].url.startswith("file://")


def test_lines_without_an_id_are_named_by_line_or_byte_offset(tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_text("".join(json.dumps({"text": f"Egypt condemned Turkey {i}."}) + "\n" for i in range(6)))
    parts = cluster.partitions([str(path)], blocksize=100)
    ids = [r.document.id for p in parts for r in cluster.read_partition(p, None)[0]]
    assert ids[0] == "news-1" and len(ids) == 6 and len(set(ids)) == 6
    offsets = [int(i.split("@")[1]) for i in ids if "@" in i]
    text = path.read_bytes()
    assert offsets and all(text[o - 1:o] == b"\n" for o in offsets)  # each names the start of its line


def test_an_unreachable_scheduler_is_a_clear_error():
    with pytest.raises(cluster.ClusterError, match="dask scheduler"):
        list(cluster.process_cluster([str(CORPUS)], "tcp://127.0.0.1:9", report=IngestReport()))


@pytest.mark.slow
def test_a_local_cluster_builds_the_single_process_files(tmp_path, monkeypatch):
    """A real distributed.LocalCluster with two worker processes: every build file and the
    extract records equal those of --workers 1."""
    from distributed import LocalCluster

    monkeypatch.setattr(cluster, "BLOCKSIZE", 20_000)  # several partitions of the one JSONL file
    inputs = [str(CORPUS), str(ROOT / "examples" / "articles")]
    one = api.build(inputs, tmp_path / "one" / "g", progress=False, workers=1)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as lc:
        assert len(lc.workers) == 2
        many = api.build(inputs, tmp_path / "two" / "g", progress=False, scheduler=lc.scheduler_address)
        cluster_records = [r.to_dict() for r in api.extract([str(CORPUS)], scheduler=lc.scheduler_address)]
    assert one.summary == many.summary and one.summary["documents"] > 20
    for fmt, path in one.paths.items():
        assert many.paths[fmt].read_bytes() == path.read_bytes(), fmt
    assert cluster_records == [r.to_dict() for r in api.extract([str(CORPUS)], workers=1)]
