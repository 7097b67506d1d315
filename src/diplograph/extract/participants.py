"""Participants of events named by nouns: agents, patients, and the parties of deals and talks.

``noun_agents`` finds who does what an event noun names (possessor, compound or demonym, a
'by'/'from' phrase, or the subject of a light verb: "imposed sanctions"); ``noun_patients`` whom
it is done to ("sanctions on Iran", "a ban on flights to Georgia", "responded with airstrikes on
Gaza"); ``between`` and ``deal_parties`` the parties of talks and agreements, including "the
deal" named earlier.

    >>> from diplograph.pipeline import extract_text
    >>> [(r.subject.actor.id, r.relation, r.object.actor.id, r.method) for r in extract_text("The EU imposed sanctions on Iran.")]
    [('european_union', 'sanctions', 'iran', 'light_verb')]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..lexicon import Cue
from ..model import Mention
from ..schema import RELATIONS
from ..syntax import SUBJECT_DEPS, children
from . import arguments, qualities, referents

if TYPE_CHECKING:
    from .emit import Extraction


def deal_parties(ex: Extraction, noun: Token, look_back: bool = True) -> list[Mention]:
    """The parties of an agreement or talks: its 'between' phrase; else the coordinated subjects
    of the clause it sits in ("Saudi Arabia and Iran agreed ... in a deal brokered by China");
    else, for "the deal" or "the truce", the last agreement named before it with its parties."""
    parties = between(ex, noun)
    if len(parties) > 1:
        return parties
    node = noun
    for _ in range(7):  # up the tree to a clause with two or more subjects (not the mediators')
        node = node.head
        if node.pos_ in ("VERB", "AUX") and not any(c.relation == "mediates" for c in ex.lex.cues("verb", node.lemma_)):
            found = arguments.surface_subjects(ex, node)
            if len(found) > 1:
                return found
        if node.head == node:
            break
    if look_back and any(c.lower_ in ("the", "this", "that") for c in noun.children):
        for earlier in reversed(list(ex.doc[max(noun.sent.start - 80, 0) : noun.i])):
            if any(c.has("between") for c in ex.lex.cues("noun", earlier.lemma_)) and earlier.i != noun.i:
                found = deal_parties(ex, earlier, look_back=False)  # "signed a ceasefire ... brokered the talks"
                if len(found) > 1:
                    return found
    return []


def between(ex: Extraction, token: Token) -> list[Mention]:
    """The actors of a "between" phrase on a word."""
    found: list[Mention] = []
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "between":
            for pobj in children(prep, "pobj"):
                found += ex.ctx.arg(pobj)
    return found


def party_pairs(ex: Extraction, noun: Token, parties: list[Mention]) -> list[tuple[Mention, Mention]]:
    """Who faces whom among 'between' parties: every pair ("between A, B and C"), but the first
    against each of the rest in "between Iran and the United States, Britain, France ..."."""
    pairs = [(a, b) for i, a in enumerate(parties) for b in parties[i + 1 :]]
    firsts = [o for p in children(noun, "prep", "between") for o in children(p, "pobj")]
    if len(parties) > 2 and firsts:
        first = firsts[0]
        others = {t.i for c in first.children if c.dep_ in ("conj", "cc", "punct") for t in c.subtree}
        end = max(t.i for t in first.subtree if t.i not in others) + 1  # just after the first party
        if end < len(ex.doc) and ex.doc[end].lower_ == "and" and any(ex.doc[j].text == "," for j in range(end, min(first.sent.end, len(ex.doc)))):
            hub = parties[0].actor.id
            pairs = [(a, b) for a, b in pairs if hub in (a.actor.id, b.actor.id)]
    return pairs


def noun_agents(ex: Extraction, noun: Token, cue: Cue, hops: int = 0) -> tuple[list[Mention], int]:
    """Who does what an event noun names: possessor, compound, demonym, 'by'/'from' phrase,
    or the subject of a light verb ("imposed sanctions") up the tree."""
    found: list[Mention] = []
    patient_preps = set(cue.preps())
    for child in noun.children:
        if child.dep_ == "poss":
            if "poss" not in cue.slots:  # "Khashoggi's murder": the possessor suffers the act
                found += ex.ctx.arg(child)
        elif child.dep_ == "amod" and child.tag_ == "VBN" and child.lemma_ in ("lead", "back", "sponsor", "support"):
            found += arguments.passive_agents(ex, child)  # "the US-led war", "a Saudi-backed offensive"
        elif child.dep_ in ("compound", "amod", "nmod"):
            em = ex.ctx.entity_at(child)
            if em is not None and em.actor.type not in ("group",) and not is_pair_compound(ex, noun):
                found.append(em.mention())
            elif em is None and child.pos_ == "NOUN" and not is_pair_compound(ex, noun):
                for sub in child.children:  # "a US drone strike": the state modifies the weapon
                    inner = ex.ctx.entity_at(sub) if sub.dep_ in ("compound", "amod", "nmod") else None
                    if inner is not None and inner.actor.type in ("country", "organisation"):
                        found.append(inner.mention())
        elif child.dep_ == "acl" and child.tag_ == "VBN" and ex.lex.is_a(child.lemma_, "instigate"):
            found += arguments.passive_agents(ex, child)  # "a strike ordered by Trump", "raids carried out by the army"
        elif child.dep_ in ("prep", "agent") and child.lower_ in ("by", "from") and child.lower_ not in patient_preps:
            for pobj in children(child, "pobj"):
                found += ex.ctx.arg(pobj)
    if found:
        return found, hops
    head = noun.head
    if hops > 3 or head == noun:
        return [], hops
    if noun.dep_ == "dobj" and ex.lex.is_a(head.lemma_, "reaction_verb"):
        found = [m for p in children(head, "prep", "from") for o in children(p, "pobj") for m in ex.ctx.arg(o)]
        if found:  # "drew condemnation from the Arab League", the phrase on the verb
            return found, hops
    if noun.dep_ == "dobj" and ex.lex.is_a(head.lemma_, "light") and not any(
            c.relation == "mediates" for c in ex.lex.cues("verb", head.lemma_)):
        return arguments.subjects(ex, head, hops + 1)
    if noun.dep_ == "dobj" and ex.lex.is_a(head.lemma_, "instigate") and RELATIONS[cue.relation].quad == "material_conflict":
        return arguments.subjects(ex, head, hops + 1)  # "the Houthis claimed the attack", "Trump ordered the strike"
    if noun.dep_ == "dobj" and ex.lex.is_a(head.lemma_, "attendance") and children(noun, "prep", "with"):
        return arguments.subjects(ex, head, hops + 1)  # "attended a summit with Macron" (not merely "the summit")
    if noun.dep_ == "dobj" and ex.lex.is_a(head.lemma_, "mediator") and cue.relation not in ("agrees_with", "meets"):
        return arguments.subjects(ex, head, hops + 1)  # a mediator is no party to the deal it brokers
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in ("into", "in", "to") and ex.lex.is_a(head.head.lemma_, "light"):
        return arguments.subjects(ex, head.head, hops + 1)  # "entered into an agreement with", "went to war with"
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ in ("NOUN", "PROPN"):
        # "the provision of assistance", "no thought of retaliation": the outer noun's agent
        return noun_agents(ex, head.head, cue, hops + 1)
    if noun.dep_ == "pobj" and head.lower_ == "with" and head.head.pos_ == "VERB" and (
            cue.lemma in ("support", "backing", "help", "aid", "assistance") or cue.relation in ("sanctions", "attacks", "threatens")):
        return arguments.subjects(ex, head.head, hops + 1)  # "hit back with duties of its own on American soybeans"
    if noun.dep_ == "conj" and head.pos_ in ("NOUN", "PROPN"):
        return noun_agents(ex, head, cue, hops + 1)
    if noun.dep_ == "pobj" and head.lower_ in ("for", "of") and head.head.pos_ == "VERB" and any(
            c.relation == "accuses" for c in ex.lex.cues("verb", head.head.lemma_)):
        return arguments.direct_objects(ex, head.head), hops + 1  # "blamed Iran for the attacks": Iran, as alleged
    attributed = attributed_to(ex, noun)
    if attributed:
        return attributed, hops + 1  # "attributed the bombing to Houthi rebels", "an attack ascribed to the Taliban"
    if noun.dep_ == "nsubjpass" and ex.lex.is_a(head.lemma_, "instigate"):
        return arguments.passive_agents(ex, head), hops + 1  # "the rocket strikes were carried out by X"
    if noun.dep_ == "pobj" and head.lower_ == "for" and ex.lex.is_a(head.head.lemma_, "responsibility") \
            and head.head.head.pos_ in ("VERB", "AUX"):
        return arguments.subjects(ex, head.head.head, hops + 1)  # "Hamas claimed responsibility for a rocket attack on"
    if noun.dep_ == "pobj" and ex.lex.is_a(head.lower_, "temporal_prep") and RELATIONS[cue.relation].quad != "material_conflict":
        clause = head.head  # "praised X('s efforts) during a trip to Beijing" (not "mourned after the strike")
        while clause.pos_ not in ("VERB", "AUX") and clause.dep_ in ("dobj", "pobj", "prep", "attr") and clause.head != clause:
            clause = clause.head
        if clause.pos_ in ("VERB", "AUX"):
            return arguments.subjects(ex, clause, hops + 1)
    if noun.dep_ == "pobj" and head.lower_ == "in" and cue.has("reciprocal") and head.head.pos_ in ("VERB", "AUX"):
        return arguments.surface_subjects(ex, head.head), hops + 1  # "soldiers were killed in fighting with ..."
    return [], hops


def attributed_to(ex: Extraction, noun: Token) -> list[Mention]:
    """Whom an act is attributed to: the 'to'/'on' phrase of an attribution verb that has the act as
    its object, its passive subject or its participle ("blamed the attack on", "ascribed to")."""
    verbs = [c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"]
    if noun.dep_ in ("dobj", "nsubjpass") and noun.head.pos_ == "VERB":
        verbs.append(noun.head)
    for verb in verbs:
        prep = ex.lex.value(verb.lemma_, "attribution_verb")
        if prep:
            found = [m for p in verb.children if p.dep_ in ("prep", "dative") and p.lower_ == prep
                     for o in children(p, "pobj") for m in ex.ctx.arg(o)]
            if found:
                return found
    return []


def is_pair_compound(ex: Extraction, noun: Token) -> bool:
    """'China-Russia relations': two actors compounded name the parties, not an agent."""
    ents = [c for c in noun.subtree if c.i < noun.i and ex.ctx.entity_at(c) is not None]
    return len({ex.ctx.entity_at(c).actor.id for c in ents}) > 1 and any(t.text == "-" for t in noun.subtree)


def noun_patients(ex: Extraction, noun: Token, cue: Cue) -> list[Mention]:
    """Whom an event noun is done to: its own prepositions, or those of its light verb."""
    found: list[Mention] = []
    holders = [noun] + [c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"]
    if "poss" in cue.slots:
        found += [m for c in children(noun, "poss") for m in referents.target(ex, c)]
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ == "prep" and prep.lower_ in cue.preps() and prep.lower_ != "between":
                for pobj in children(prep, "pobj"):
                    found += referents.target(ex, pobj, places="states" if cue.relation in ("attacks", "invades") else False)
    if not found and cue.relation in ("attacks", "invades") and any(
            p.lower_ in cue.preps() and children(p, "pobj") for p in children(noun, "prep")):
        for prep in children(noun, "prep", "in"):  # "an attack on oil infrastructure in Saudi Arabia" (the place on the act)
            found += [m for o in children(prep, "pobj") for m in referents.target(ex, o, places="states")]
    if not found and cue.relation in ("criticizes", "opposes") and noun.dep_ == "pobj" \
            and ex.lex.is_a(noun.head.lower_, "concessive_prep") and noun.head.head.pos_ in ("VERB", "AUX") \
            and not ex.lex.is_a(noun.head.head.lemma_, "speech"):  # ("X said, despite ...": the phrase is the report's)
        found += arguments.subjects(ex, noun.head.head)[0]  # "he announced it despite criticism by Greece": of him
    if not found and cue.relation == "meets" and noun.dep_ == "pobj" and ex.lex.is_a(noun.head.lower_, "temporal_prep"):
        verb = noun.head.head  # "Biden warned Putin during a video call"
        if any(c.relation == "meets" for c in ex.lex.cues("verb", verb.lemma_)) or qualities.negations(ex, verb):
            return found  # "refused to meet Trudeau at the summit": the verb says whether they met
        if not (ex.lex.cues("verb", verb.lemma_) or ex.lex.is_a(verb.lemma_, "speech")):
            return found  # "readmitted Syria at a summit": no exchange between them
        for obj in children(verb, "dobj") + children(verb, "dative"):
            found += [m for m in ex.ctx.arg(obj) if m.actor.type in ("person", "country", "organisation")]
    if not found and noun.dep_ == "dobj" and ex.lex.is_a(noun.head.lemma_, "reaction_verb"):
        for subject in (c for c in noun.head.children if c.dep_ in SUBJECT_DEPS):
            found += referents.target(ex, subject)  # "the invasion drew condemnation from Western capitals"
        if not any(c.dep_ in SUBJECT_DEPS for c in noun.head.children):
            found += arguments.subjects(ex, noun.head)[0]  # "..., drawing condemnation from Japan"
    if not found and cue.relation == "sanctions":
        for prep in noun.children:  # "a ban on flights to Georgia", "tariffs on $34 billion of Chinese imports"
            if prep.dep_ == "prep" and prep.lower_ in cue.preps():
                for pobj in children(prep, "pobj"):
                    by = {t.i for p in pobj.subtree if p.lower_ == "by" and p.dep_ == "prep" for t in p.subtree}
                    for inner in pobj.subtree:  # not "flights by Russian airlines"
                        em = ex.ctx.entity_at(inner)
                        if em is not None and em.actor.type in ("country", "organisation") and inner == em.span.root and inner.i not in by:
                            found.append(em.mention())
        for acl in (c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBG"):
            found += [m for d in children(acl, "dobj") for m in referents.target(ex, d)]  # "controls barring Chinese firms"
    if not found and cue.relation == "visits" and noun.dep_ == "pobj":
        clause = noun.head.head  # "signed in New Delhi during a visit by X"
        for prep in children(clause, "prep"):
            if prep.lower_ in ("in", "at") and prep.i < noun.i:
                found += [m for o in children(prep, "pobj") for m in ex.ctx.arg(o)]
    instrument = noun.dep_ == "pobj" and noun.head.lower_ == "with" and noun.head.head.pos_ == "VERB"
    if not found and ((noun.dep_ == "dobj" and ex.lex.is_a(noun.head.lemma_, "light")) or instrument):
        verb = noun.head if noun.dep_ == "dobj" else noun.head.head  # "responded with airstrikes on Gaza"
        for prep in verb.children:  # "imposed sanctions on X" with the phrase on the verb
            if prep.dep_ == "prep" and prep.lower_ in cue.preps() and prep.lower_ != "between":
                for pobj in children(prep, "pobj"):
                    found += referents.target(ex, pobj)
    if not found and noun.dep_ == "pobj" and noun.head.lower_ in ("under", "with"):
        # "Turkey is under EU sanctions"; "Kenya won the seat with backing from the AU"
        verb = noun.head.head
        if verb.pos_ in ("VERB", "AUX") and (noun.head.lower_ == "under" or cue.relation == "supports"):
            found += arguments.subjects(ex, verb)[0]
    if not found and noun.dep_ == "pobj" and noun.head.lower_ == "of" and ex.lex.is_a(noun.head.head.lemma_, "patient_noun") \
            and noun.head.head.dep_ == "attr" and noun.head.head.head.lemma_ in ("be", "become", "remain"):
        found = arguments.surface_subjects(ex, noun.head.head.head)  # "Mahan has been the subject of US sanctions"
    if not found and cue.relation in ("attacks", "invades") and noun.dep_ == "dobj" and ex.lex.is_a(noun.head.lemma_, "light"):
        # "launched attacks on oil infrastructure in Saudi Arabia", the place hung on the verb
        found = [m for p in children(noun.head, "prep", "in") for o in children(p, "pobj") for m in ex.ctx.arg(o)
                 if m.actor.type == "country"]
    if not found and cue.frame == "event" and referents.definite(noun):
        found = ex.recall(noun, referents.family(cue.relation), "patients")  # "claimed responsibility for the attacks"
    return found
