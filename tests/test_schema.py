"""The relation table in code matches the spec in ../shared/spec/relations.md."""

import re

import pytest

from support import SHARED
from diplograph.schema import ALL_RELATIONS, RELATIONS, ancestors, camel, goldstein, is_symmetric

SPEC = SHARED / "spec" / "relations.md"


def spec_rows():
    if not SPEC.exists():
        pytest.skip("../shared/spec/relations.md not found")
    rows = {}
    for line in SPEC.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 5 and re.fullmatch(r"[a-z_]+", cells[0]) and cells[0] != "id":
            rows[cells[0]] = cells
    return rows


def test_same_relation_ids_as_spec():
    assert set(spec_rows()) == set(RELATIONS)


def test_codes_quads_and_direction_match_spec():
    for rid, (_, _, cameo, quad, direction) in spec_rows().items():
        rel = RELATIONS[rid]
        assert rel.quad.replace("_", " ") == quad, rid
        assert rel.symmetric == direction.startswith("symmetric"), rid
        if cameo == "-":
            assert rel.cameo is None, rid
        else:
            codes = re.findall(r"\d+", cameo)
            assert rel.cameo in codes or rel.cameo[:2] in codes, (rid, rel.cameo, cameo)


def test_hierarchy():
    assert ancestors("invades") == ["attacks", "conflicts_with", "relates_to"]
    assert ancestors("praises") == ["cooperates_with", "relates_to"]
    assert ancestors("leader_of") == ["relates_to"]
    assert all(ALL_RELATIONS[r].parent for r in RELATIONS)


def test_names_and_weights():
    assert camel("allies_with") == "alliesWith" and camel("leader_of") == "leaderOf"
    assert goldstein("163") == -8.0 and goldstein("042") == 1.9 and goldstein("1955") == -10.0
    assert is_symmetric("meets") and not is_symmetric("visits")
