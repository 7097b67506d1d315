"""Beyond one machine: the map step on a Dask distributed cluster.

``build``, ``extract``, ``actors`` and ``add`` take ``--scheduler tcp://HOST:8786`` (or the
``DASK_SCHEDULER_ADDRESS`` environment variable, Dask's own convention). JSONL inputs that every
worker can read, shared paths or fsspec URLs with globs (``s3://bucket/news/*.jsonl``), are cut
into byte ranges on the client (only their sizes are asked for); each worker reads its ranges
where they are, parses, resolves and extracts, and sends back plain records. Other inputs
(article files, folders, feeds, stdin) are read on the client and sent to the workers in batches.
Results come back in input order, through a window of a few partitions per worker, and the
reduce step (actor merging, edge aggregation, the outputs) runs on the client as it does for one
machine: the outputs are the same bytes.

    >>> parts = partitions(["examples/articles/README.md"], blocksize=1 << 20)
    >>> parts
    []
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath

from .ingest import JSONL_SUFFIXES, IngestError, IngestReport, batches, decode, jsonl_lines, read_documents, read_jsonl
from .model import Document, DocResult
from .parallel import BATCH_CHARS, BATCH_DOCS, read_batch

BLOCKSIZE = 1 << 20  # bytes of JSONL per partition at most (about 300 news articles)
MIN_BLOCKSIZE = 1 << 16  # ... and at least (about 20 articles)
PARTS = 16  # partitions a file smaller than PARTS * BLOCKSIZE is cut into (fewer under PARTS * MIN_BLOCKSIZE)
SCHEDULER_ENV = "DASK_SCHEDULER_ADDRESS"


class ClusterError(RuntimeError):
    """The cluster cannot be reached or used."""


@dataclass(frozen=True)
class Partition:
    """A byte range of a JSONL file that workers read where it is (a path or an fsspec URL)."""

    url: str
    start: int
    length: int


def scheduler_address(scheduler: str | None) -> str | None:
    """The scheduler to use: the one given, else ``DASK_SCHEDULER_ADDRESS``, else None (no cluster)."""
    return scheduler or os.environ.get(SCHEDULER_ENV) or None


def _is_jsonl(name: str) -> bool:
    return PurePosixPath(name.split("?")[0]).suffix.lower() in JSONL_SUFFIXES


def file_blocksize(size: int) -> int:
    """The byte ranges a JSONL file of ``size`` bytes is cut into: :data:`BLOCKSIZE`, or finer
    for a file under :data:`PARTS` of them (down to :data:`MIN_BLOCKSIZE`), so that a small
    corpus still keeps several workers busy to its end. It depends on the file alone: which
    lines are named by line number (those of the first range) never depends on the cluster.

        >>> file_blocksize(100 << 20) == BLOCKSIZE, file_blocksize(1 << 20) == MIN_BLOCKSIZE
        (True, True)
    """
    return min(BLOCKSIZE, max(MIN_BLOCKSIZE, -(-size // PARTS)))


def partitions(inputs: Iterable[str], blocksize: int | None = None) -> list[Partition]:
    """Byte ranges of the JSONL inputs (globs expanded, in sorted order per input), for workers
    to read; the other inputs are left out (the client reads those). Ranges are ``blocksize``
    bytes, by default :func:`file_blocksize` of each file."""
    import fsspec

    parts = []
    for name in inputs:
        if not _is_jsonl(name):
            continue
        fs, _, paths = fsspec.get_fs_token_paths(name)
        for path in sorted(paths):
            size = fs.size(path)
            url = fs.unstrip_protocol(path) if "://" in name else path
            step = blocksize or file_blocksize(size)
            parts += [Partition(url, start, min(step, size - start)) for start in range(0, size, step)] or [Partition(url, 0, 0)]
    return parts


def read_partition(part: Partition, model: str | None) -> tuple[list[DocResult], list[IngestError]]:
    """On a worker: the documents of one byte range of a JSONL file, read, parsed, resolved and
    extracted. A line belongs to the range its first byte lies in (one starting right at a
    boundary, to the range before: fsspec's ``read_block``). Lines without an ``id`` are named
    ``STEM-LINE`` in a file's first range and ``STEM-@OFFSET`` (the line's byte offset) after it."""
    import fsspec
    from fsspec.utils import read_block, seek_delimiter

    from .pipeline import process  # imports spaCy: on the worker only

    report = IngestReport()
    with fsspec.open(part.url, "rb") as fh:
        data = read_block(fh, part.start, part.length, delimiter=b"\n") if part.length else b""
        first = part.start
        if part.start:
            fh.seek(part.start)
            seek_delimiter(fh, b"\n", 1 << 16)
            first = fh.tell()
    try:
        text = decode(data)
    except ValueError as exc:
        report.skip(part.url, str(exc))
        return [], report.errors
    lines = jsonl_lines(text)
    documents = list(read_jsonl(lines, part.url, report))
    if part.start:
        offsets, at = [], first
        for line in lines:
            offsets.append(at)
            at += len(line.encode("utf-8")) + 1
        stem = PurePosixPath(part.url).stem
        for doc in documents:
            number = int(doc.path.rsplit(":", 1)[1])
            if doc.id == f"{stem}-{number}":
                doc.id = f"{stem}-@{offsets[number - 1]}"
            doc.path = f"{part.url}:@{offsets[number - 1]}"
        for error in report.errors:
            if error.line:
                error.line = None
                error.message = f"(line at byte {offsets[0]} onwards) {error.message}"
    results = list(process(documents, model, report=report))
    return results, report.errors


def _client(address: str):
    try:
        from distributed import Client
    except ImportError as exc:
        raise ClusterError("--scheduler needs Dask distributed: pip install 'diplograph[dask]'") from exc
    try:
        return Client(address, timeout="20s")
    except OSError as exc:
        raise ClusterError(f"cannot reach the Dask scheduler at {address} ({exc}); start one with `dask scheduler` "
                           "and workers with `dask worker ADDRESS`") from exc


def process_cluster(inputs: list[str], scheduler: str, model: str | None = None, report: IngestReport | None = None,
                    fetch=None, documents: Iterable[Document] | None = None, blocksize: int | None = None,
                    window: int = 3) -> Iterator[DocResult]:
    """Parse, resolve and extract on the cluster at ``scheduler``; results in input order.
    JSONL inputs are read by the workers; the rest (or ``documents``, when given) by this
    process. JSONL is cut into ranges of ``blocksize`` bytes (default: :func:`file_blocksize`).
    At most ``window`` partitions per worker are in flight."""
    report = report if report is not None else IngestReport()
    client = _client(scheduler)
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        tasks = _tasks(client, inputs, model, report, fetch, documents, blocksize)
        pending: deque = deque()
        seen: dict[str, str] = {}
        for task in tasks:
            pending.append(task)
            while len(pending) >= window * workers:
                yield from _collect(*pending.popleft(), report, seen)
        while pending:
            yield from _collect(*pending.popleft(), report, seen)
    finally:
        client.close()


def _tasks(client, inputs, model, report, fetch, documents, blocksize):
    """(kind, the documents sent or None, future) in input order."""
    if documents is None and not any(_is_jsonl(name) for name in inputs):
        documents = read_documents(inputs, report, fetch)  # nothing for the workers to read themselves
    if documents is not None:
        for batch in batches(documents, BATCH_DOCS, BATCH_CHARS):
            yield "batch", batch, client.submit(read_batch, batch, model, pure=False)
        return
    for name in inputs:
        if _is_jsonl(name):
            parts = partitions([name], blocksize)
            if not parts:
                report.skip(name, "no such file, or nothing matches the pattern")
            for part in parts:
                yield "partition", None, client.submit(read_partition, part, model, pure=False)
        else:
            for batch in batches(read_documents([name], report, fetch), BATCH_DOCS, BATCH_CHARS):
                yield "batch", batch, client.submit(read_batch, batch, model, pure=False)


def _collect(kind: str, batch, future, report: IngestReport, seen: dict[str, str]) -> Iterator[DocResult]:
    found, errors = future.result()
    report.errors.extend(errors)
    results = found if kind == "partition" else [DocResult(batch[i], relations, mentions) for i, relations, mentions in found]
    for result in results:
        doc = result.document
        if doc.id in seen:  # as read_documents does: one id, one document
            report.skip(doc.path or doc.id, f"document id {doc.id!r} is already used by {seen[doc.id]}; give each document its own id")
            report.documents -= kind == "batch"  # read_documents counted it
            continue
        seen[doc.id] = doc.path or doc.id
        report.documents += kind == "partition"
        yield result
