"""Helpers and paths shared by the tests (importable: pytest's pythonpath includes tests/)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "000_0d735557f46a095c.txt"
EXAMPLES = ROOT / "examples" / "articles"


def need_shared():
    if not SEED.exists():
        pytest.skip(f"{SHARED} not found (the seed article and gold files live beside the repo)")


def relations(text: str, date: str | None = None):
    from diplograph.pipeline import extract_text

    return extract_text(text, date=date)


def triples(text: str, date: str | None = None, polarity: str | None = "affirmed"):
    """(subject id, relation, object id) of a text's relations of one polarity (None: all)."""
    return {r.key for r in relations(text, date) if polarity is None or r.polarity == polarity}
