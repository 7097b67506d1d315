"""The mention table as Apache Parquet: one row per relation mention, the ``extract`` record
flattened into typed columns, for pandas, DuckDB, Polars and Spark (written with pyarrow).

Rows are written as they stream from the build's mention table, in input order, in row groups
of :data:`ROW_GROUP` rows: memory stays flat. A ``month`` column (``YYYY-MM`` of the mention's
date) is there to filter and group by; a large corpus is written partitioned by it.

    >>> from diplograph.pipeline import extract_text
    >>> row = mention_row(extract_text("Egypt condemned Turkey.", date="2020-01-10")[0])
    >>> row["subject_id"], row["relation"], row["object_qid"], row["goldstein"], row["month"]
    ('egypt', 'criticizes', 'Q43', -2.0, '2020-01')
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..model import Actor, Relation
from . import atomic_write

ROW_GROUP = 50_000
PARTITION_ROWS = 500_000  # more mentions than this: NAME.parquet is a folder of month=YYYY-MM partitions
ACTOR_FIELDS = ("id", "label", "type", "qid", "state")


def _schema():
    import pyarrow as pa

    text, integer = pa.string(), pa.int64()
    fields = [("doc_id", text), ("date", text), ("month", text), ("title", text), ("url", text),
              ("relation", text), ("cameo", text), ("quad_class", text), ("goldstein", pa.float64())]
    for role in ("subject", "object"):
        fields += [(f"{role}_{f}", text) for f in ACTOR_FIELDS]
        fields += [(f"{role}_mention", text), (f"{role}_start", integer), (f"{role}_end", integer)]
    fields += [("polarity", text), ("modality", text)]
    fields += [(f"attributed_to_{f}", text) for f in ACTOR_FIELDS]
    fields += [("confidence", pa.float64()), ("cue", text), ("method", text),
               ("sentence", text), ("sentence_start", integer), ("sentence_end", integer)]
    return pa.schema(fields)


def _actor(prefix: str, actor: Actor | None) -> dict:
    return {f"{prefix}_{f}": (getattr(actor, f) if actor is not None else None) for f in ACTOR_FIELDS}


def mention_row(rel: Relation) -> dict:
    """One relation mention as a flat row (the ``extract`` record's fields, actors spread out)."""
    record = rel.to_dict()
    row = {"doc_id": record["doc_id"], "date": record["date"], "month": record["date"][:7] if record["date"] else None,
           "title": record["title"], "url": record["url"], "relation": record["relation"], "cameo": record["cameo"],
           "quad_class": record["quad_class"], "goldstein": record["goldstein"]}
    for role, mention in (("subject", rel.subject), ("object", rel.object)):
        row.update(_actor(role, mention.actor))
        row.update({f"{role}_mention": mention.text, f"{role}_start": mention.start, f"{role}_end": mention.end})
    row.update(polarity=record["polarity"], modality=record["modality"], **_actor("attributed_to", rel.attributed_to))
    row.update(confidence=record["confidence"], cue=record["cue"], method=record["method"], sentence=record["sentence"],
               sentence_start=record["sentence_start"], sentence_end=record["sentence_end"])
    return row


def _batches(relations: Iterable[Relation], schema, row_group: int):
    import pyarrow as pa

    rows: list[dict] = []
    for rel in relations:
        rows.append(mention_row(rel))
        if len(rows) >= row_group:
            yield pa.RecordBatch.from_pylist(rows, schema=schema)
            rows = []
    if rows:
        yield pa.RecordBatch.from_pylist(rows, schema=schema)


def write_parquet(relations: Iterable[Relation], path: str | Path, row_group: int = ROW_GROUP, mentions: int = 0) -> Path:
    """Write one row per relation mention to ``path`` (streamed, row group by row group): one
    file, or, for more than :data:`PARTITION_ROWS` ``mentions``, a folder partitioned by month
    the Hive way (``month=2019-03/part-0.parquet``; undated mentions in
    ``month=__HIVE_DEFAULT_PARTITION__``), which pandas, Polars, DuckDB and Spark read as one table."""
    try:
        import pyarrow as pa
        import pyarrow.dataset as ds
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise ValueError("--formats parquet needs pyarrow: pip install 'diplograph[parquet]'") from exc
    path = Path(path)
    schema = _schema()
    if mentions > PARTITION_ROWS:
        reader = pa.RecordBatchReader.from_batches(schema, _batches(relations, schema, row_group))
        ds.write_dataset(reader, path, format="parquet", basename_template="part-{i}.parquet", use_threads=False,
                         partitioning=ds.partitioning(pa.schema([("month", pa.string())]), flavor="hive"),
                         file_options=ds.ParquetFileFormat().make_write_options(compression="zstd"),
                         max_rows_per_group=row_group, existing_data_behavior="error")
        return path
    with atomic_write(path, "wb") as fh, pq.ParquetWriter(fh, schema, compression="zstd") as writer:
        for batch in _batches(relations, schema, row_group):
            writer.write_batch(batch)
    return path
