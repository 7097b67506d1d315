"""Helpers and paths shared by the tests (importable: pytest's pythonpath includes tests/)."""

from __future__ import annotations

import json
import re
import socket
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "000_0d735557f46a095c.txt"
EXAMPLES = ROOT / "examples" / "articles"


def script_data(page: str, element_id: str):
    """The JSON a page carries in its ``<script type="application/json" id=ELEMENT_ID>`` element."""
    found = re.search(rf'<script type="application/json" id="{re.escape(element_id)}">(.*?)</script>', page, re.S)
    assert found, f"no <script id={element_id!r}> with JSON in the page"
    return json.loads(found.group(1))


def need_shared():
    if not SEED.exists():
        pytest.skip(f"{SHARED} not found (the seed article and gold files live beside the repo)")


def relations(text: str, date: str | None = None):
    from diplograph.pipeline import extract_text

    return extract_text(text, date=date)


def triples(text: str, date: str | None = None, polarity: str | None = "affirmed"):
    """(subject id, relation, object id) of a text's relations of one polarity (None: all)."""
    return {r.key for r in relations(text, date) if polarity is None or r.polarity == polarity}


class Listener:
    """A local TCP socket that counts the connections made to it (the SSRF oracle)."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(50)
        self.port = self.sock.getsockname()[1]
        self.hits = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.hits += 1
            conn.close()


def reported_bypass(port: int) -> list[str]:
    """The reproductions of the report: a quote inside a # comment swallowed the next lines."""
    service = f"SERVICE <http://127.0.0.1:{port}/sparql> {{ ?x ?p ?o }}"
    return [
        f'SELECT * WHERE {{ # """\n{service}\n# """\n}}',
        f"SELECT * WHERE {{ # '''\n{service}\n# '''\n}}",
        f"SELECT * WHERE {{ # comment\r{service} }}",  # a carriage return ends a comment for the engine
    ]
