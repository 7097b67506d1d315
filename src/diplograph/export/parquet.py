"""The mention table as Apache Parquet: one row per relation mention, the ``extract`` record
flattened into typed columns, for pandas, DuckDB, Polars and Spark (written with pyarrow).

Rows are written as they stream from the build's mention table, in input order, in row groups
of :data:`ROW_GROUP` rows: memory stays flat. A ``month`` column (``YYYY-MM`` of the mention's
date) is there to filter and group by; row-group statistics let DuckDB and Spark skip groups.

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


def write_parquet(relations: Iterable[Relation], path: str | Path, row_group: int = ROW_GROUP) -> Path:
    """Write one row per relation mention to ``path`` (streamed, row group by row group)."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise ValueError("--formats parquet needs pyarrow: pip install 'diplograph[parquet]'") from exc
    path = Path(path)
    schema = _schema()
    with atomic_write(path, "wb") as fh, pq.ParquetWriter(fh, schema, compression="zstd") as writer:
        rows: list[dict] = []
        for rel in relations:
            rows.append(mention_row(rel))
            if len(rows) >= row_group:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                rows = []
        writer.write_table(pa.Table.from_pylist(rows, schema=schema))
    return path
