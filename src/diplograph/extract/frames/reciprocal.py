"""Trends in relations between parties: "China's relations with the US have plummeted" (they
oppose each other), "ties between Minsk and Beijing remain steadfast" (they ally).

    >>> from diplograph.pipeline import extract_text
    >>> [(r.subject.actor.id, r.relation, r.object.actor.id, r.method) for r in extract_text("China's relations with Australia have plummeted.")]
    [('china', 'opposes', 'australia', 'trend'), ('australia', 'opposes', 'china', 'trend')]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from ...model import Mention
from ...syntax import children

if TYPE_CHECKING:
    from ..emit import Extraction


def trend_direction(ex: Extraction, noun: Token) -> str | None:
    """'relations have plummeted' -> lowers; 'ties remain steadfast' -> raises."""
    if noun.dep_ not in ("nsubj", "nsubjpass"):
        return None
    verb = noun.head
    words = [verb] + [c for c in verb.children if c.dep_ in ("acomp", "attr", "conj")]
    for w in words:
        if ex.lex.is_a(w.lemma_, "lowers_relations") or ex.lex.is_a(w.lower_, "lowers_relations"):
            return "lowers"
    for w in words:
        if ex.lex.is_a(w.lemma_, "raises_relations") or ex.lex.is_a(w.lower_, "raises_relations"):
            return "raises"
    return None


def read_trend(ex: Extraction, noun: Token) -> None:
    """Relations that rise or fall between the parties of "relations"/"ties"."""
    direction = trend_direction(ex, noun)
    if direction is None or noun.lemma_ == "tie":
        return
    relation, cameo = ("opposes", "110") if direction == "lowers" else ("allies_with", "05")
    sides: list[Mention] = []
    for child in noun.children:
        if child.dep_ == "poss":
            sides += ex.ctx.arg(child)
        elif child.dep_ in ("compound", "amod", "nmod"):
            for t in child.subtree:
                em = ex.ctx.entity_at(t)
                if em is not None and em.actor.type != "group":
                    sides.append(em.mention())
    others: list[Mention] = []
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in ("with", "between"):
            for pobj in children(prep, "pobj"):
                others += ex.ctx.arg(pobj)
    unique = list({m.actor.id: m for m in sides + others}.values())
    pairs = [(a, b) for a in sides for b in others] if sides and others else [
        (a, b) for i, a in enumerate(unique) for b in unique[i + 1 :]]
    for a, b in pairs:
        ex.emit(relation, a, b, noun, "trend", cameo, 0, reciprocal=True)
