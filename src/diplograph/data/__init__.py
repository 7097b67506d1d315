"""Data tables shipped with the package (TSV, ``#`` comment lines, header row first).

    >>> rows = read_table("relations.tsv")
    >>> rows[0]["id"]
    'relates_to'
"""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources


@cache
def _read(name: str) -> tuple[dict[str, str], ...]:
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return tuple({k: (v or "").strip() for k, v in row.items()} for row in reader)


def read_table(name: str) -> list[dict[str, str]]:
    """Rows of ``data/<name>`` as dicts of stripped strings (empty string when blank)."""
    return [dict(row) for row in _read(name)]


def split(cell: str) -> list[str]:
    """A ``|``-separated cell as a list without blanks."""
    return [part.strip() for part in cell.split("|") if part.strip()]
