"""The verb frame: a cue verb with its subject and objects ("Egypt condemned Turkey").

Also passives and participles ("was condemned by", "Moscow-backed rebels"), senses decided by
the object ("attacked the proclamation" is criticism), coercive instruments ("hit Russia with
sanctions"), repression ("police fired tear gas at protesters"), reciprocal verbs with a joint
subject ("Turkey and Libya agreed"), mediation of a deal ("a deal brokered by Qatar") and
visitors ("told visiting US Secretary of State Antony Blinken in Beijing").

    >>> from diplograph.pipeline import extract_text
    >>> [(r.subject.actor.id, r.relation, r.object.actor.id) for r in extract_text("The US hit Russia with new sanctions.")]
    [('united_states', 'sanctions', 'russia')]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from ...lexicon import Cue
from ...model import Mention
from ...syntax import SUBJECT_DEPS, children, is_participle, is_passive
from .. import arguments, participants, referents

if TYPE_CHECKING:
    from ..emit import Extraction


def read_verb(ex: Extraction, verb: Token, cue: Cue) -> None:
    """A cue verb with its subjects and objects, reading the sense, instrument and target."""
    if not cue.matches(verb):
        return
    adjectival = verb.dep_ == "amod" or (
        verb.dep_ in ("xcomp", "advcl", "acl") and not children(verb.head, "dobj")
        and not any(c.dep_ in SUBJECT_DEPS for c in verb.children))
    if verb.tag_ == "VBG" and adjectival and cue.relation == "visits":
        read_visiting(ex, verb, cue)  # "told visiting US Secretary of State Antony Blinken"
        return
    subjects, hops = arguments.subjects(ex, verb)
    objects = arguments.verb_objects(ex, verb, cue)
    passive = is_passive(verb)
    if passive and cue.has("stative"):  # "the SDF is made up of YPG militia": a state, its subject the whole
        subjects, passive = [m for c in children(verb, "nsubjpass") for m in ex.ctx.arg(c)], False
    participle = is_participle(verb)
    method = "passive" if passive else "participle" if participle else "verb"
    relation, cameo = cue.relation, cue.cameo
    if cue.has("sense"):
        relation, cameo = sense(ex, verb, objects, relation, cameo)
    if not objects and not passive and cue.has("direct") and not any(
            c.dep_ in ("dobj", "prep", "prt", "ccomp", "xcomp", "attr", "oprd") for c in verb.children):
        objects = ex.recall(verb, {relation}, "patients", sentences=2)  # "Nigeria planned to join the AfCFTA. ... Benin was to join."
    if cue.object_types:
        objects = [o for o in objects if o.actor.type in cue.object_types]
    if len(subjects) > 1 and objects and all(o.via in ("modifier", "role") for o in objects) and {
            o.actor.id for o in objects} <= {s.actor.id for s in subjects}:
        objects = []  # "Saudi Arabia and Iran agreed to reopen their embassies": their own, not each other's
    if relation in ("attacks", "criticizes", "threatens") and coercive_instrument(ex, verb):
        relation, cameo = "sanctions", "163"  # "hit Russia with sanctions", "targeted China with tariffs"
    if relation == "attacks" and objects and all(repression_target(ex, o) for o in objects):
        relation, cameo = "represses", "175"  # "police fired tear gas at protesters"
    if relation == "leader_of" and objects and all(o.via == "role" for o in objects):
        relation = "represents"  # "led the Russian delegation": a delegate, not the state's leader
    if cue.has("inverse"):
        ex.remember(relation, verb, objects, subjects)
    else:
        ex.remember(relation, verb, subjects, objects)  # "oil facilities were hit by drone strikes": no doer yet
    mutual = any(o.lemma_ in ("other", "another") and any(c.lower_ in ("each", "one") for c in o.children)
                 for o in children(verb, "dobj") + [p for x in children(verb, "prep") for p in children(x, "pobj")])
    if mutual and len(subjects) > 1:  # "Armenia and Azerbaijan accused each other": each did it to the other
        for i, a in enumerate(subjects):
            for b in subjects[i + 1 :]:
                ex.emit(relation, a, b, verb, "reciprocal", cameo, hops, cue, reciprocal=True)
    elif objects:
        ex.emit_all(relation, subjects, objects, verb, method, cameo, hops, cue, inverse=cue.has("inverse"))
    elif cue.has("reciprocal") and len(subjects) > 1:
        inner = [m for d in children(verb, "dobj") for m in referents.inner_with(ex, d)]
        if inner:  # "the UAE and Bahrain signed agreements normalising relations with Israel"
            ex.emit_all(relation, subjects, inner, verb, method, cameo, hops, cue)
            return
        if any(children(p, "pobj") for p in children(verb, "prep", "with")):
            return  # "the call to end the war on drugs, with which A and B agreed": with it, not with each other
        for i, a in enumerate(subjects):
            for b in subjects[i + 1 :]:
                ex.emit(relation, a, b, verb, "reciprocal", cameo, hops, cue, reciprocal=True)
    if cue.has("founder"):  # "a coalition the US announced, joined by Britain": Britain allies with the US
        founders = [f for b in referents.joined_bodies(ex, verb) for f in referents.founders(ex, b)]
        partners = [s for s in subjects if s.actor.id not in {f.actor.id for f in founders}]
        ex.emit_all("allies_with", partners, founders, verb, method, None, hops, cue)
    if cue.has("between"):
        parties = participants.between(ex, verb)
        if not parties and cue.relation == "mediates":  # "a deal brokered by Qatar", "mediated the truce"
            deal = children(verb, "dobj") + children(verb, "nsubjpass")
            if not deal and verb.dep_ in ("acl", "amod", "relcl"):
                deal = [verb.head]
            parties = [m for d in deal for m in participants.deal_parties(ex, d)]
            mediators = {s.actor.id for s in subjects}
            parties = [p for p in parties if p.actor.id not in mediators]  # no one mediates with themselves
        ex.emit_all(relation, subjects, parties, verb, method, cameo, hops, cue)


def repression_target(ex: Extraction, mention: Mention) -> bool:
    """Protesters, dissidents, the opposition: whom a state represses rather than fights."""
    words = mention.actor.label.lower().split()
    return mention.actor.type == "group" and bool(words) and (
        ex.lex.is_a(words[-1], "repression_target") or ex.lex.is_a(words[-1].rstrip("s"), "repression_target"))


def read_visiting(ex: Extraction, verb: Token, cue: Cue) -> None:
    """'told visiting US Secretary of State Antony Blinken in Beijing': the visitor is the noun the
    participle qualifies; the host is where the clause happens, if it says."""
    if verb.dep_ == "amod":
        visitors, clause = ex.ctx.arg(verb.head), verb.head.head
    else:  # parsed as a complement of the clause's verb, the visitor as its object
        visitors, clause = [m for d in children(verb, "dobj") for m in ex.ctx.arg(d)], verb
    hosts = []
    for prep in clause.children if clause.pos_ in ("VERB", "AUX") else []:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "at"):
            for pobj in children(prep, "pobj"):
                hosts += ex.ctx.arg(pobj)
    ex.emit_all("visits", visitors, hosts, verb, "participle", cue.cameo, 1, cue)


def coercive_instrument(ex: Extraction, verb: Token) -> bool:
    """A 'with' phrase naming a sanction-like measure: the lexicon's own sanctions nouns."""
    heads = [o for p in children(verb, "prep", "with") for o in children(p, "pobj")]
    heads += [o for h in heads if ex.lex.is_a(h.lemma_, "quantity")  # "a fresh round of sanctions"
              for p in children(h, "prep", "of") for o in children(p, "pobj")]
    return any(cue.relation == "sanctions" for o in heads for cue in ex.lex.cues("noun", o.lemma_)
               if not cue.require or cue.matches(o))


def sense(ex: Extraction, verb: Token, objects: list[Mention], relation: str, cameo: str | None) -> tuple[str, str | None]:
    """'attacked the proclamation' or 'attacked Trump' is criticism; 'attacked the supertanker' is an attack."""
    heads = children(verb, "dobj") + children(verb, "nsubjpass")
    abstract = any(ex.lex.is_a(h.lemma_, "abstract") for h in heads)
    personal = objects and all(m.actor.type == "person" for m in objects) and not any(ex.lex.is_a(h.lemma_, "state_agent") for h in heads)
    if abstract or personal:
        return "criticizes", "111"
    return relation, cameo
