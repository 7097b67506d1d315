"""Relational frames: affiliations and stances stated about an actor rather than done by it.

Roles read during resolution (titles, appositions, copulas: "Belarusian President Alexander
Lukashenko"), relational nouns and adjectives ("a staunch ally of Putin", "X is supportive of
the PKK", "India counts Russia as a partner").

    >>> from diplograph.pipeline import extract_text
    >>> [(r.subject.actor.id, r.relation, r.object.actor.id, r.method) for r in extract_text("Lukashenko is a staunch ally of Putin.")]
    [('alexander_lukashenko', 'allies_with', 'vladimir_putin', 'relational')]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from ...lexicon import Cue
from ...model import Mention
from ...syntax import children
from .. import arguments

if TYPE_CHECKING:
    from ..emit import Extraction


def read_roles(ex: Extraction) -> None:
    """Affiliations resolution read from titles and appositions, as relations."""
    for role in ex.ctx.roles:
        ex.emit(role.relation, role.holder, role.partner, role.token, role.method, cameo=None, hops=0)


def holders_of(ex: Extraction, token: Token, depth: int = 0) -> tuple[list[Mention], str]:
    """Whom a relational noun or adjective describes ("X, an ally of Y"; "X is an ally of Y")."""
    if depth > 3:
        return [], "relational"
    for child in token.children:
        if child.dep_ == "appos":
            em = ex.ctx.entity_at(child)
            if em is not None:
                return [em.mention()], "relational"
    head, dep = token.head, token.dep_
    if token.tag_ == "VBN" and dep in ("ROOT", "conj", "ccomp", "relcl"):  # "the US had been allied with Kurdish groups"
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        own = [m for c in subjects for m in ex.ctx.arg(c)]
        if not own and dep == "relcl" and any(c.tag_ in ("WP", "WDT") for c in subjects):
            own = ex.ctx.arg(head)  # "the Houthis, who are aligned with Iran"
        if own:
            return own, "relational"
    if dep == "appos" and head.dep_ == "pobj" and head.head.head.lower_ == "according":
        clause = head.head.head.head  # "YPG is ..., according to Turkey, supportive of the PKK"
        return arguments.surface_subjects(ex, clause), "relational"
    if dep == "appos":
        return ex.ctx.arg(head), "relational"
    if dep in ("attr", "acomp") and head.lemma_ in ("be", "remain", "become", "seem", "appear"):
        return arguments.subjects(ex, head)[0], "relational"
    if dep in ("compound", "nmod", "amod") and ex.ctx.entity_at(head) is not None:
        return ex.ctx.arg(head), "relational"
    if dep in ("amod", "acl") and head.pos_ in ("NOUN", "PROPN"):
        return ex.ctx.arg(head), "relational"  # "militias associated with Iran"
    if dep == "pobj" and head.lower_ == "of" and head.head.lower_ in ("one", "some", "many", "among"):
        return holders_of(ex, head.head, depth + 1)
    if dep == "pobj" and head.lower_ == "among":
        return holders_of(ex, head, depth + 1)
    if dep == "conj":
        return holders_of(ex, head, depth + 1)
    if dep == "pobj" and head.lower_ == "as" and head.head.pos_ == "VERB":
        return [m for d in children(head.head, "dobj") for m in ex.ctx.arg(d)], "as"
    return [], "relational"


def read_relational(ex: Extraction, token: Token, cue: Cue) -> None:
    """A relational noun or adjective between its holder and its partner ("an ally of Putin")."""
    holders, method = holders_of(ex, token)
    if not holders:
        return
    partners: list[Mention] = []
    for slot in cue.slots:
        if slot.startswith("prep:"):
            word = slot.split(":", 1)[1]
            for prep in token.children:
                if prep.dep_ == "prep" and prep.lower_ == word:
                    for pobj in children(prep, "pobj"):
                        partners += ex.ctx.arg(pobj)
        else:
            for child in token.children:
                if child.dep_ == slot or (slot == "compound" and child.dep_ == "nmod"):
                    em = ex.ctx.entity_at(child)
                    if em is not None and em.actor.type != "group":
                        partners.append(em.mention())
                    elif child.dep_ == "poss":
                        partners += ex.ctx.arg(child)
    if method == "as":  # "India counts Russia as a partner": the partner of Russia is India
        method = "relational"
        if not partners:
            partners = arguments.subjects(ex, token.head.head)[0]
    holder_ids = {h.actor.id for h in holders}
    partners = [p for p in partners if p.actor.id not in holder_ids and (not cue.object_types or p.actor.type in cue.object_types)]
    ex.emit_all(cue.relation, holders, partners, token, method, cue.cameo, 0, cue)
