"""Session fixtures: the real spaCy pipeline and the seed article from ../shared."""

from __future__ import annotations

import pytest

from support import SEED, need_shared


@pytest.fixture(scope="session")
def nlp():
    from diplograph.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def seed_text():
    need_shared()
    return SEED.read_text(encoding="utf-8")
