"""The query worker of ``serve``: a long-lived process that checks one query at a time with the
guard and runs it on a read-only view of the store.

It imports pyoxigraph, rdflib's SPARQL parser (for the guard) and nothing of the NLP side, so it
starts in a fraction of a second and stays warm between queries; ``serve`` keeps a pool of them
and kills one whose query runs past the timeout. The store is opened read-only while the store
lock is held for reading, and opened again only after a writer committed.

Protocol on stdin/stdout: one JSON line a request, ``{"query": ..., "format": ...}``; the answer
is one JSON line ``{"status": ..., "type": ..., "length": N}`` followed by N bytes of body.

    >>> import io
    >>> capped = Capped(io.BytesIO(), limit=4)
    >>> capped.write(b"abcd")
    4
    >>> capped.write(b"e")
    Traceback (most recent call last):
    ...
    diplograph.worker.TooLarge: the result is larger than 4 bytes
"""

from __future__ import annotations

import json
import sys

import pyoxigraph as ox

from .durable import StoreLock
from .guard import QueryError, ReadOnlyError, check_query

RESULT_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
MAX_RESULT_BYTES = 64 * 1024 * 1024
TEXT = "text/plain; charset=utf-8"


class TooLarge(Exception):
    pass


class Capped:
    """A binary writer that refuses to grow past ``limit`` bytes."""

    def __init__(self, out, limit: int = MAX_RESULT_BYTES):
        self.out, self.limit, self.size = out, limit, 0

    def write(self, data) -> int:
        self.size += len(data)
        if self.size > self.limit:
            raise TooLarge(f"the result is larger than {self.limit:,} bytes")
        return self.out.write(data)

    def flush(self) -> None:
        pass


class Reader:
    """The read-only store of one worker, reopened when a writer has committed since."""

    def __init__(self, path: str, prefixes: dict[str, str]):
        self.path, self.prefixes = path, prefixes
        self.lock = StoreLock(path)
        self._store, self._generation = None, None

    def answer(self, sparql: str, fmt: str) -> tuple[int, str, bytes]:
        import io

        try:
            sparql = check_query(sparql)
        except ReadOnlyError as exc:
            return 403, TEXT, str(exc).encode()
        except QueryError as exc:
            return 400, TEXT, str(exc).encode()
        body = io.BytesIO()
        try:
            with self.lock.reading():
                generation = self.lock.generation()
                if self._store is None or generation != self._generation:
                    self._store = None
                    self._store = ox.Store.read_only(self.path)
                    self._generation = generation
                result = self._store.query(sparql, use_default_graph_as_union=True, prefixes=self.prefixes)
                if isinstance(result, ox.QueryTriples):
                    ox.serialize(result, Capped(body), format=ox.RdfFormat.TURTLE, prefixes=self.prefixes)
                    return 200, "text/turtle; charset=utf-8", body.getvalue()
                result.serialize(Capped(body), format=getattr(ox.QueryResultsFormat, fmt.upper()))
                return 200, RESULT_TYPES[fmt] + "; charset=utf-8", body.getvalue()
        except SyntaxError as exc:
            return 400, TEXT, f"SPARQL syntax error: {exc}".encode()
        except TooLarge as exc:
            return 413, TEXT, f"{exc}; add a LIMIT or ask for less".encode()
        except Exception as exc:  # any engine error goes back to the client
            return 500, TEXT, f"query failed: {exc}".encode()


def main(argv: list[str]) -> None:
    store_path, prefixes = argv[0], json.loads(argv[1])
    import rdflib.plugins.sparql.parser  # noqa: F401  (warm: the guard's parser is loaded before the first query)

    reader = Reader(store_path, prefixes)
    out = sys.stdout.buffer
    for line in sys.stdin.buffer:
        request = json.loads(line)
        fmt = request.get("format") if request.get("format") in RESULT_TYPES else "json"
        status, ctype, body = reader.answer(request["query"], fmt)
        out.write(json.dumps({"status": status, "type": ctype, "length": len(body)}).encode() + b"\n")
        out.write(body)
        out.flush()


if __name__ == "__main__":
    main(sys.argv[1:])
