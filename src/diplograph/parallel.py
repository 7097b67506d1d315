"""Every core of one machine: the map step (parse -> resolve -> extract) in worker processes.

Documents go to a :class:`concurrent.futures.ProcessPoolExecutor` in batches; each worker loads
the spaCy pipeline, gazetteer and lexicon once (they are cached per process) and sends back
plain records (the :class:`~diplograph.model.Relation` and :class:`~diplograph.model.Mention`
dataclasses, which pickle). Results come back in input order, so the outputs are the same
bytes as with one worker. At most ``WINDOW * workers`` batches are in flight: a corpus of any size
streams through with bounded memory.

    >>> from diplograph.model import Document
    >>> docs = [Document(f"d{i}", "Egypt condemned Turkey.") for i in range(3)]
    >>> [(r.document.id, len(r.relations)) for r in process_parallel(docs, workers=1)]
    [('d0', 1), ('d1', 1), ('d2', 1)]
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from .ingest import IngestError, IngestReport, batches
from .model import Document, DocResult, Mention, Relation

# documents sent to a worker at once: up to BATCH_DOCS of them and BATCH_CHARS characters (a
# longer article alone). Enough to amortise the transfer (a few ms a batch); little enough that at
# the end of a corpus no worker idles long while another reads its last batch (a 100 KB article
# takes 10 s alone: with batches of 32 documents, --workers 2 took 7 % longer on 540 articles)
BATCH_DOCS = 16
BATCH_CHARS = 20_000
# batches in flight per worker: results are taken in input order, so while the oldest batch (a long
# article) is still being read the others must have queued work rather than idle
WINDOW = 8


def default_workers() -> int:
    """The cores this process may run on (``--workers`` default)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def read_batch(documents: list[Document], model: str | None) -> tuple[list[tuple[int, list[Relation], list[Mention]]], list[IngestError]]:
    """The map step on one batch, in a worker: (index in the batch, relations, actor mentions) of
    each document read, and the documents skipped (with the reason). Texts are not sent back: the
    caller still holds the documents."""
    from .pipeline import process  # imports spaCy: in the worker only

    report = IngestReport()
    index = {id(doc): i for i, doc in enumerate(documents)}
    found = [(index[id(r.document)], r.relations, r.mentions) for r in process(documents, model, report=report)]
    return found, report.errors


def _results(batch: list[Document], future: Future, report: IngestReport | None) -> Iterator[DocResult]:
    found, errors = future.result()
    if errors and report is None:
        raise RuntimeError(f"{errors[0]}")
    if report is not None:
        report.errors.extend(errors)
    for i, relations, mentions in found:
        yield DocResult(batch[i], relations, mentions)


def process_parallel(documents: Iterable[Document], model: str | None = None, workers: int | None = None,
                     report: IngestReport | None = None, batch_docs: int | None = None) -> Iterator[DocResult]:
    """:func:`diplograph.pipeline.process` on ``workers`` processes (default: every core), in
    input order. With one worker, or documents enough for one batch only, they are read in this
    process, as ``process`` reads them. Workers are started with ``spawn``: a script that calls
    this with ``workers > 1`` keeps its top level under ``if __name__ == "__main__":``."""
    workers = workers or default_workers()
    groups = batches(documents, batch_docs or BATCH_DOCS, BATCH_CHARS)
    first = next(groups, [])
    second = next(groups, None) if workers > 1 else None
    if second is None:  # one worker, or a single batch: starting processes would cost more than it saves
        from .pipeline import process

        yield from process(itertools.chain(first, *groups), model, report=report)
        return
    # spawn: workers start clean (no copy of this process's threads or open stores) and load the model themselves
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
    pending: deque[tuple[list[Document], Future]] = deque()
    try:
        for batch in itertools.chain([first, second], groups):
            pending.append((batch, pool.submit(read_batch, batch, model)))
            while len(pending) >= WINDOW * workers:
                yield from _results(*pending.popleft(), report)
        while pending:
            yield from _results(*pending.popleft(), report)
    except BaseException:  # interrupted, or an error: stop the workers now rather than after their batches
        for worker in list(getattr(pool, "_processes", {}).values()):
            worker.terminate()
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
