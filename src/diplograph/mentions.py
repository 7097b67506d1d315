"""The mention table: every document's relation and actor mentions, on disk as they arrive.

The reduce step keeps counts and samples in memory (:mod:`diplograph.graph`) and streams the
mentions themselves to a temporary file, one pickled record a document, so memory stays flat
however many documents a build reads; the outputs that hold every mention (JSONL, RDF, the
store, Parquet) read them back from here, in input order or by document id.

    >>> table = MentionTable()
    >>> table.write("d1", [], [])
    >>> table.write("d2", ["a relation"], [])
    >>> [doc for doc, _, _ in table.read()], list(table.read("d2"))
    (['d1', 'd2'], [('d2', ['a relation'], [])])
    >>> table.close()
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterator


class MentionTable:
    """An append-only table of (document id, relations, actor mentions) in a temporary file
    (removed on :meth:`close` or when the table is garbage-collected)."""

    def __init__(self, folder: str | None = None) -> None:
        self.file = tempfile.TemporaryFile(prefix="diplograph-mentions-", dir=folder)
        self.offsets: dict[str, list[int]] = {}  # document id -> where its records start
        self.documents = 0

    def write(self, doc_id: str, relations: list, mentions: list) -> None:
        self.file.seek(0, 2)
        self.offsets.setdefault(doc_id, []).append(self.file.tell())
        pickle.dump((doc_id, relations, mentions), self.file, protocol=pickle.HIGHEST_PROTOCOL)
        self.documents += 1

    def read(self, doc_id: str | None = None) -> Iterator[tuple[str, list, list]]:
        """Every record in the order written, or the records of one document."""
        self.file.flush()
        if doc_id is not None:
            for offset in self.offsets.get(doc_id, []):
                self.file.seek(offset)
                yield pickle.load(self.file)
            return
        position, end = 0, self.file.seek(0, 2)
        while position < end:
            self.file.seek(position)
            record = pickle.load(self.file)
            position = self.file.tell()
            yield record

    def __len__(self) -> int:
        return self.documents

    def close(self) -> None:
        self.file.close()
