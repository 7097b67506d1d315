"""The relation set: one table (``data/relations.tsv``) read by every stage.

    >>> RELATIONS["accuses"].cameo, RELATIONS["accuses"].quad, camel("allies_with")
    ('112', 'verbal_conflict', 'alliesWith')
    >>> goldstein("112")
    -2.0
    >>> is_symmetric("meets"), ancestors("invades")
    (True, ['attacks', 'conflicts_with', 'relates_to'])
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .data import read_table

QUAD_LABELS = {
    "verbal_cooperation": "verbal cooperation",
    "material_cooperation": "material cooperation",
    "verbal_conflict": "verbal conflict",
    "material_conflict": "material conflict",
    "affiliation": "affiliation",
}


@dataclass(frozen=True)
class RelationType:
    id: str
    label: str
    cameo: str | None
    quad: str
    direction: str
    parent: str | None
    abstract: bool
    comment: str

    @property
    def symmetric(self) -> bool:
        return self.direction == "symmetric"

    @property
    def camel(self) -> str:
        return camel(self.id)


def camel(relation_id: str) -> str:
    """snake_case relation id -> lowerCamel RDF property name."""
    head, *rest = relation_id.split("_")
    return head + "".join(part.capitalize() for part in rest)


def _load() -> dict[str, RelationType]:
    out = {}
    for row in read_table("relations.tsv"):
        out[row["id"]] = RelationType(
            id=row["id"],
            label=row["label"],
            cameo=row["cameo"] or None,
            quad=row["quad"],
            direction=row["direction"],
            parent=row["parent"] or None,
            abstract=row["abstract"] == "1",
            comment=row["comment"],
        )
    return out


ALL_RELATIONS: dict[str, RelationType] = _load()
#: the relations extraction emits (abstract super-relations excluded)
RELATIONS: dict[str, RelationType] = {k: v for k, v in ALL_RELATIONS.items() if not v.abstract}


@cache
def cameo_table() -> dict[str, tuple[str, float]]:
    """CAMEO code -> (name, Goldstein weight)."""
    return {r["code"]: (r["name"], float(r["goldstein"])) for r in read_table("cameo_goldstein.tsv")}


def goldstein(code: str | None) -> float | None:
    """Goldstein weight of a CAMEO code; a code missing from the table falls back to its root."""
    if not code:
        return None
    table = cameo_table()
    while code:
        if code in table:
            return table[code][1]
        code = code[:-1]
    return None


def is_symmetric(relation_id: str) -> bool:
    return ALL_RELATIONS[relation_id].symmetric


def ancestors(relation_id: str) -> list[str]:
    out, parent = [], ALL_RELATIONS[relation_id].parent
    while parent:
        out.append(parent)
        parent = ALL_RELATIONS[parent].parent
    return out
