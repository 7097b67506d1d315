"""Nominal events: a cue noun with its agents and patients ("Russia's invasion of Ukraine",
"EU sanctions on Iran", "made threats against"), reciprocal nouns between parties ("talks
between Kyiv and Moscow", "a strategic partnership treaty"), mediation ("mediation by Ankara"),
and membership lists ("the BRICS group of Brazil, Russia, India, China and South Africa").

    >>> from diplograph.pipeline import extract_text
    >>> [(r.subject.actor.id, r.relation, r.object.actor.id, r.method) for r in extract_text("Russia's invasion of Ukraine shocked Europe.")]
    [('russia', 'invades', 'ukraine', 'nominal')]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from ...lexicon import Cue
from ...syntax import children
from .. import arguments, participants, referents
from . import reciprocal

if TYPE_CHECKING:
    from ..emit import Extraction


def read_event(ex: Extraction, noun: Token, cue: Cue) -> None:
    """An event noun with its agents and patients, or the parties it lies between."""
    agents, hops = participants.noun_agents(ex, noun, cue)
    patients = participants.noun_patients(ex, noun, cue)
    method = "light_verb" if hops else "nominal"
    relation, cameo = cue.relation, cue.cameo
    if cue.lemma == "tie" and reciprocal.trend_direction(ex, noun) == "lowers":
        relation, cameo = "opposes", "110"
    if cue.lemma == "sanction" and noun.dep_ == "dobj" and noun.head.lemma_ in ("condemn", "criticise", "criticize", "oppose", "reject"):
        return
    parties = participants.between(ex, noun) if cue.has("between") else []
    if cue.relation == "mediates" and agents and len(parties) < 2:
        parties = participants.deal_parties(ex, noun)  # "after months of mediation by Ankara"
    if len(parties) > 1 and not patients:
        governor = noun.head if noun.dep_ == "dobj" else None
        brokered = governor is not None and ex.lex.is_a(governor.lemma_, "mediator")
        if brokered and not agents:  # "promoting peace talks between Kyiv and the Kremlin"
            agents, hops = arguments.subjects(ex, governor, hops + 1)
        mediating = cue.relation == "mediates" or brokered
        if mediating and agents:
            mediators = [a for a in agents if a.actor.id not in {p.actor.id for p in parties}]
            ex.emit_all("mediates", mediators, parties, noun, "light_verb" if hops else "nominal", "045", hops)
            return
        if cue.has("reciprocal"):
            for a, b in participants.party_pairs(ex, noun, parties):
                ex.emit(relation, a, b, noun, "reciprocal", cameo, hops, cue, reciprocal=True)
            return
    if not patients and cue.has("reciprocal") and len(agents) > 1 and referents.inner_with(ex, noun):
        patients = referents.inner_with(ex, noun)  # "signed agreements normalising relations with Israel"
    if not patients and cue.has("reciprocal") and len(agents) > 1:
        kinds = [(relation, cameo, cue)] + [
            (c.relation, c.cameo, c) for m in noun.children if m.dep_ == "compound"
            for c in ex.lex.cues("noun", m.lemma_) if c.has("reciprocal") and c.relation != relation]
        for rel, code, entry in kinds:  # "a strategic partnership treaty": an agreement and an alliance
            for i, a in enumerate(agents):
                for b in agents[i + 1 :]:
                    ex.emit(rel, a, b, noun, "reciprocal", code, hops, entry, reciprocal=True)
        return
    ex.remember(relation, noun, agents, patients)
    ex.emit_all(relation, agents, patients, noun, method, cameo, hops, cue)


def read_members(ex: Extraction, token: Token) -> None:
    """'the BRICS group of Brazil, Russia, India, China and South Africa': each is a member (a body
    "of" one state is that state's: "the Alliance Party of Northern Ireland")."""
    body = ex.ctx.entity_at(token)
    if body is None or body.span.root != token:
        if not ex.lex.value(token.lemma_, "back_ref"):
            return
        named = [ex.ctx.entity_at(c) for c in token.children if c.dep_ in ("compound", "nmod")]
        body = next((em for em in named if em is not None and em.actor.type in ("organisation", "group")), None)
    if body is None or body.actor.type not in ("organisation", "group") or body.span.label_ == "NORP":
        return
    for prep in children(token, "prep", "of"):
        members = [m for o in children(prep, "pobj") for m in ex.ctx.arg(o) if m.actor.type == "country"]
        if len(members) > 1 or ex.ctx.gaz.extra.get(body.actor.id, {}).get("kind") == "igo":
            # a bloc or a list of members, not "the Federal Aviation Office of Germany"
            ex.emit_all("member_of", members, [body.mention()], token, "relational", None, 0)
