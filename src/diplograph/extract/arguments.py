"""Clause arguments: who does what a verb says and to whom.

``subjects`` finds the doer: the grammatical subject (shared along coordination, with co-agents
"along with Canada"), the agent of a passive or participle ("was condemned by Egypt",
"Moscow-backed"), or a controller up the tree ("urged X to", "Beijing was committed to
promoting", "Lukashenko to visit China"), counting the clauses climbed. ``verb_objects`` reads a
cue's slots in order (direct object, dative, "prep:on", complements...) through
:func:`.referents.target`.

    >>> from diplograph.pipeline import extract_text
    >>> [(r.subject.actor.id, r.object.actor.id) for r in extract_text("Turkey was condemned by Egypt.")]
    [('egypt', 'turkey')]
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..lexicon import Cue
from ..model import Mention
from ..syntax import CLAUSE_BOUNDARY, SMALL_CLAUSE, SUBJECT_DEPS, children, is_participle, is_passive, marked_subjects
from . import participants, referents

if TYPE_CHECKING:
    from .emit import Extraction


def subjects(ex: Extraction, verb: Token, hops: int = 0) -> tuple[list[Mention], int]:
    """Who does what a verb says: its subject, its passive agent, or a controller up the tree."""
    if hops > 4:
        return [], hops
    passive = is_passive(verb)
    if passive or is_participle(verb):
        agents = passive_agents(ex, verb)
        if agents or passive:
            return agents, hops
    claim = claim_subject(ex, verb)
    heads = [verb] + [a for a in verb.children if a.dep_ == "aux"]  # "The US has been encouraging": the subject on "been"
    for subject in (c for h in heads for c in h.children if c.dep_ in ("nsubj", "csubj", "expl") and c != claim):
        if subject.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
            first = verb.head
            while first.dep_ == "conj" and first.head != first:
                first = first.head  # "Saudi Arabia and the United States, which brokered ...": both
            found = ex.ctx.arg(first)
            if not found:  # "the US airstrike that killed Soleimani": the strikers did
                found = [replace(m, via="modifier") for c in ex.lex.cues("noun", first.lemma_) if c.frame == "event"
                         for m in participants.noun_agents(ex, first, c)[0]]
            return list({m.actor.id: m for m in found}.values()), hops + 1
        found = ex.ctx.arg(subject)
        if found:
            return found + co_agents(ex, subject, verb), hops
        for cue in ex.lex.cues("noun", subject.lemma_):
            if cue.frame == "event":  # "a US drone strike killed Soleimani": the strikers did
                agents, _ = participants.noun_agents(ex, subject, cue)
                if agents:
                    return [replace(m, via="modifier") for m in agents], hops
        return [], hops
    head = verb.head
    if head == verb:
        return [], hops
    if verb.dep_ in ("xcomp", "pcomp") or (verb.dep_ == "prep" and head.pos_ == "VERB"):
        governor = head if verb.dep_ != "pcomp" else head.head
        if verb.dep_ == "pcomp" and head.dep_ != "prep":
            governor = head
        if ex.lex.is_a(governor.lemma_, "object_control"):
            controllers = direct_objects(ex, governor)
            if any(c.dep_ == "auxpass" for c in governor.children):  # "Ukraine was accused by Russia of shelling"
                controllers = [m for c in governor.children if c.dep_ == "nsubjpass" for m in ex.ctx.arg(c)]
            if controllers:
                return controllers, hops + 1
        if governor.pos_ in ("VERB", "AUX", "ADJ"):
            return subjects(ex, governor if governor.pos_ != "ADJ" else governor.head, hops + 1)
    if verb.dep_ in ("acomp", "attr") and head.pos_ in ("VERB", "AUX"):
        return subjects(ex, head, hops + 1)  # "Beijing was committed to promoting ..."
    if speech_conjunct(ex, verb):
        return subjects(ex, head.head, hops + 1)
    if verb.dep_ == "conj" and head.pos_ in ("VERB", "AUX"):
        found, hops2 = subjects(ex, head, hops + 1)
        if not found and head.dep_ in ("ccomp", "xcomp") and head.head.pos_ in ("VERB", "AUX"):
            return subjects(ex, head.head, hops + 2)  # a conjunct attached one clause too low
        return found, hops2
    if verb.dep_ == "advcl" and (verb.tag_ == "VBG" or (verb.tag_ == "VBN" and not children(verb, "mark"))):
        return subjects(ex, head, hops + 1)  # "..., a charge Kigali denied while blaming Kinshasa"
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and head.pos_ in ("NOUN", "PROPN"):
        em = ex.ctx.entity_at(head)
        medium = ex.lex.is_a(head.lemma_, "statement_noun") or (em is not None and em.actor.type == "organisation")
        if head.dep_ == "pobj" and medium:
            # "posted a message on Twitter blaming Iran": the participle belongs to the clause
            clause = head
            while clause.pos_ not in ("VERB", "AUX") and clause.head != clause:
                clause = clause.head
            if clause.pos_ in ("VERB", "AUX"):
                return subjects(ex, clause, hops + 1)
        owners = ex.ctx.arg(head) or (ex.ctx.owners(head) if head.dep_ == "pobj" else [])  # "UN resolutions condemning X"
        if not owners and head.dep_ == "dobj" and head.head.pos_ in ("VERB", "AUX"):
            return subjects(ex, head.head, hops + 1)  # "signed a treaty annexing the peninsula"
        return owners, hops + 1
    if verb.dep_ in ("relcl", "acl") and children(verb, "aux", "to") and head.pos_ in ("NOUN", "PROPN"):
        return ex.ctx.arg(head), hops + 1  # headline "Lukashenko to visit China"
    return [], hops


def speech_conjunct(ex: Extraction, verb: Token) -> bool:
    """'Merkel said Navalny had been poisoned and demanded answers': a subjectless conjunct the
    parser hung on the reported clause, whose tense matches the speech verb, goes with the speech verb."""
    head = verb.head
    return (verb.dep_ == "conj" and head.dep_ == "ccomp" and ex.lex.is_a(head.head.lemma_, "speech")
            and not any(c.dep_ in SUBJECT_DEPS for c in verb.children) and verb.tag_ == head.head.tag_ != head.tag_
            and not any(c.lower_ in ("has", "have", "'ve") for c in head.children))  # "has crushed ... and jailed"


def surface_subjects(ex: Extraction, verb: Token, depth: int = 0) -> list[Mention]:
    """The grammatical subject of a verb, shared along coordination."""
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            return ex.ctx.arg(child)
    if verb.dep_ == "conj" and depth < 3:
        return surface_subjects(ex, verb.head, depth + 1)
    return []


def co_agents(ex: Extraction, subject: Token, verb: Token) -> list[Mention]:
    """'Washington, along with Canada, recognised ...', 'Iran, together with Russia, condemned ...',
    'Brazil, alongside India, criticised ...': partners in the subject's act."""
    found: list[Mention] = []
    for holder in (subject, verb):
        for prep in holder.children:
            if prep.dep_ != "prep" or (holder is verb and prep.i > verb.i):
                continue
            targets = []
            if prep.lower_ == "alongside":
                targets = [prep]
            elif prep.lower_ == "with" and any(c.lower_ in ("together", "along") for c in prep.children):
                targets = [prep]
            elif prep.lower_ in ("along", "together"):
                targets = [c for c in prep.children if c.dep_ == "prep" and c.lower_ == "with"]
            for t in targets:
                found += [m for o in children(t, "pobj") for m in ex.ctx.arg(o)]
    return found


def direct_objects(ex: Extraction, verb: Token) -> list[Mention]:
    """The actors of a verb's direct or dative objects ("called on X" counts as one)."""
    found: list[Mention] = []
    for child in verb.children:
        if child.dep_ in ("dobj", "dative"):
            found += ex.ctx.arg(child)
        elif child.dep_ == "prep" and child.lower_ == "on" and verb.lemma_ == "call":
            for pobj in children(child, "pobj"):
                found += ex.ctx.arg(pobj)
    return found


def passive_agents(ex: Extraction, verb: Token) -> list[Mention]:
    """The agents of a passive or participle: "by X", "Moscow-backed", "in a statement by X"."""
    found: list[Mention] = []
    for child in verb.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            for pobj in children(child, "pobj"):
                found += ex.ctx.arg(pobj)
        if child.i < verb.i and child.dep_ in ("npadvmod", "compound", "nmod", "nsubj") and verb.tag_ == "VBN":
            between = ex.doc[child.i + 1 : verb.i]
            if all(t.text == "-" for t in between) and len(between) <= 1:
                em = ex.ctx.entity_at(child)
                if em is not None:  # "Moscow-backed", "Iran-backed"
                    found.append(em.mention())
    if not found:  # "condemned in a joint statement by Egypt, Greece and Cyprus"
        for child in verb.children:
            if child.dep_ == "prep":
                for pobj in children(child, "pobj"):
                    for sub in pobj.children:
                        if sub.dep_ == "prep" and sub.lower_ == "by":
                            for agent in children(sub, "pobj"):
                                found += ex.ctx.arg(agent)
    # hyphenated agent that the tokenizer kept in one piece's subtree ("Moscow-backed")
    if not found and verb.tag_ == "VBN" and verb.i > 1 and ex.doc[verb.i - 1].text == "-":
        em = ex.ctx.entity_at(ex.doc[verb.i - 2])
        if em is not None:
            found.append(em.mention())
    return found


def verb_objects(ex: Extraction, verb: Token, cue: Cue) -> list[Mention]:
    """The actors a cue verb acts on, reading the cue's slots in order until one yields any."""
    passive = is_passive(verb)
    participle = is_participle(verb) and not passive
    for slot in cue.slots:
        found: list[Mention] = []
        if slot == "dobj":
            relative = verb.head.pos_ in ("NOUN", "PROPN") and (verb.dep_ == "relcl" or (
                verb.dep_ in ("ccomp", "acl") and ex.lex.is_a(verb.head.lemma_, "claim_object")))
            claim = claim_subject(ex, verb)
            if claim is not None and not children(verb, "dobj"):
                found += referents.target(ex, claim)  # "..., charges Israel rejected" (misparsed)
            if passive and relative and all(s.tag_ in ("WDT", "WP") for s in children(verb, "nsubjpass")):
                found += referents.target(ex, verb.head)  # "a move that was condemned by NATO"
            elif relative and not passive and not children(verb, "dobj") and not any(
                    c.tag_ in ("WDT", "WP") and c.dep_ in SUBJECT_DEPS for c in verb.children):
                found += referents.target(ex, verb.head)  # "an allegation Damascus dismissed as a fabrication"
            elif passive:
                own = children(verb, "nsubjpass") or children(verb, "nsubj") or [
                    s for a in children(verb, "auxpass") for s in a.children if s.dep_ in ("nsubj", "nsubjpass")]
                # "X's bid remains blocked by" (the subject sometimes hangs on "remains")
                for subj in own:  # not "assistance is received by the Houthis" as a visit by Iran
                    found += referents.target(ex, subj, indirect=cue.relation not in ("visits", "meets"))
                if not own and verb.dep_ == "conj":
                    found += surface_subjects(ex, verb.head)  # "Turkey is under sanctions and was condemned by"
            elif participle:
                found += ex.ctx.arg(verb.head, allow_modifier=True)
            elif cue.has("direct"):
                found += [m for dobj in children(verb, "dobj") for m in ex.ctx.arg(dobj)]
            else:
                objects = children(verb, "dobj") or [  # "holding Moscow responsible", parsed as a small clause
                    s for c in verb.children if c.dep_ in SMALL_CLAUSE and c.pos_ in ("ADJ", "NOUN") for s in children(c, "nsubj")]
                for dobj in objects:
                    found += referents.target(ex, dobj, places=cue.relation in ("attacks", "invades"),
                                              indirect=cue.relation not in ("visits", "meets"))
        elif slot == "dative":
            for child in verb.children:
                if child.dep_ in ("dative", "iobj"):
                    found += ex.ctx.arg(child)
        elif slot == "xcomp_actors":  # "threatened to scrap a pact with Seoul", "... tariffs on goods from Mexico"
            comps = children(verb, "xcomp") + [c for c in children(verb, "advcl") if children(c, "aux", "to")]
            for comp in comps:
                # the complement's own phrases, not clauses inside it ("unless they reinstate X", "bid to join NATO")
                inner = {t.i for d in comp.subtree if d != comp and d.dep_ in CLAUSE_BOUNDARY - {"relcl"} | {"acl", "xcomp", "advcl"}
                         for t in d.subtree}
                inner |= {t.i for c in comp.children if c.dep_ == "advcl" for t in c.subtree}
                described = {t.i for d in comp.subtree if d.dep_ == "relcl" for t in d.subtree}  # "the officers who seized power in Niger"
                for token in comp.subtree:
                    em = ex.ctx.entity_at(token)
                    if em is None or token != em.span.root or token.dep_ in SUBJECT_DEPS or token.i in inner:
                        continue
                    if token.i in described and em.actor.type == "person":
                        continue  # "... who toppled President Bazoum": the victim is not the target
                    if em.span.label_ == "NORP" and em.actor.type == "group" and token.dep_ == "amod":
                        continue  # "Kurdish militants": an adjective, not the target
                    found.append(em.mention())
        elif slot == "source":  # "received weapons dropped by US aircraft", "received aid from Japan"
            holders = [verb] + children(verb, "dobj")
            for holder in holders:
                for child in holder.children:
                    if child.dep_ == "prep" and child.lower_ == "from":
                        found += [m for o in children(child, "pobj") for m in ex.ctx.arg(o)]
                    elif child.dep_ == "acl" and child.tag_ == "VBN":
                        found += passive_agents(ex, child)
        elif slot == "ccomp_subj":
            for comp in children(verb, "ccomp") + children(verb, "xcomp"):
                for subj in (c for c in comp.children if c.dep_ in SUBJECT_DEPS):
                    found += ex.ctx.arg(subj)
        elif slot.startswith("prep:"):
            word = slot.split(":", 1)[1]
            holders = [verb] + children(verb, "dobj") + children(verb, "prt")
            for holder in holders:
                for prep in holder.children:
                    if prep.dep_ in ("prep", "agent", "dative") and prep.lower_ == word and not (passive and word == "by"):
                        for pobj in children(prep, "pobj"):
                            found += referents.target(ex, pobj)
            for subj in marked_subjects(verb, word):  # "called for Germany to act"
                found += referents.target(ex, subj)
        if found:
            return found
    return []


def claim_subject(ex: Extraction, verb: Token) -> Token | None:
    """The small model often reads "..., a charge La Paz denied" with the claim noun as a second
    subject, or "..., charges Israel rejected" with "charges" as a verb: the claim, when so."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    claims = [c for c in subjects if c.pos_ == "NOUN" and ex.lex.is_a(c.lemma_, "claim_object")]
    if claims and len(subjects) > 1 and claims[0].i < subjects[-1].i:
        return claims[0]
    head = verb.head
    if verb.dep_ == "ccomp" and head.pos_ == "VERB" and ex.lex.is_a(head.lemma_, "claim_object") and head.tag_ == "VBZ" \
            and head.i > 0 and ex.doc[head.i - 1].text == "," and any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return head
    return None


def late_agent(ex: Extraction, obj: Token) -> list[Mention]:
    """'attacked the proclamation of X as Y by Trump': a 'by' phrase after an active verb's
    object names the object's author, wherever the parser attached it."""
    verb = obj.head
    skip = {t.i for t in verb.subtree if t.dep_ in CLAUSE_BOUNDARY or t.dep_ == "acl" for t in t.subtree}
    for token in verb.subtree:
        if token.i > obj.i and token.i not in skip and token.lower_ == "by" and token.dep_ in ("prep", "agent"):
            found = [m for o in children(token, "pobj") for m in ex.ctx.arg(o)]
            if found:
                return found
    return []
