"""What an object stands for, when it is not simply an actor.

``target`` reads an object as: the actor itself; the doer of an event it names ("criticised
Russia's invasion" -> Russia); the claimant of a claim ("rejected the accusation" -> the last
accuser; "..., an allegation Damascus dismissed" -> the speaker); the doer of an act named
before ("condemned the decision", "Iran condemned the strikes" after "Israel struck Gaza"); the
owner of what it names ("praised China's role"); and, for attacks, where it is ("struck a
station in Kramatorsk").

    >>> from diplograph.pipeline import extract_text
    >>> [(r.subject.actor.id, r.relation, r.object.actor.id) for r in extract_text("Egypt condemned Russia's invasion of Ukraine.")][:1]
    [('egypt', 'criticizes', 'russia')]
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..model import Mention
from ..schema import RELATIONS
from ..syntax import SUBJECT_DEPS, children
from . import arguments, participants

if TYPE_CHECKING:
    from .emit import Extraction


def target(ex: Extraction, token: Token, places: bool | str = False, indirect: bool = True) -> list[Mention]:
    """The actor an object stands for: itself, or the agent of an event it names
    ("criticise Russia's invasion" -> Russia), the accuser behind "the accusation", or its
    owner ("praised China's role" -> China); with ``places``, where it is ("struck a station in X";
    ``places="states"``: only a state). With ``indirect`` false, only the actor the word names
    ("hosted the AfCFTA secretariat" is no visit by the AfCFTA)."""
    if not indirect:
        return ex.ctx.arg(token)
    if token.pos_ == "PRON" and token.lower_ in ("it", "this", "that"):
        event = event_antecedent(ex, token)  # "Russia's invasion ... Biden called it an attack"
        if event:
            return event
    if ex.lex.is_a(token.lemma_, "quantity") or ex.lex.is_a(token.lower_, "quantity"):
        for prep in children(token, "prep", "of"):  # "sanctions on dozens of Russian companies"
            for pobj in children(prep, "pobj"):
                found = target(ex, pobj, places)
                if found:
                    return found
    direct = ex.ctx.arg(token)
    if direct and token.conjuncts:  # "sanctions on Russian banks, lawmakers and businessmen": each member as it can be read
        direct = ex.ctx.arg(token, allow_modifier=True)
    if direct:
        return direct
    reported = reported_claim(ex, token)
    if reported is not None:
        return [replace(m, via="description") for m in reported[0]]
    clause = clause_of_apposition(ex, token)
    if clause is not None and (ex.lex.is_a(token.lemma_, "act_noun") or ex.lex.is_a(token.lemma_, "claim_object")):
        # "X recognised Y, a move condemned by NATO": the move is X's; "Washington said ..., an
        # allegation Damascus dismissed": the allegation is Washington's
        if ex.lex.is_a(token.lemma_, "claim_object") and clause.dep_ == "ccomp" and ex.lex.is_a(clause.head.lemma_, "speech"):
            clause = clause.head  # "Kyiv said Russia shelled the plant, an allegation ...": Kyiv's allegation
        found = arguments.subjects(ex, clause)[0]
        if found:
            return [replace(m, via="description") for m in found]
    if ex.lex.is_a(token.lemma_, "claim_object") and not children(token, "poss"):
        earlier = [(i, m) for i, m, _ in ex.accusers if i < token.i]
        if earlier:  # "Moscow rejected the accusation": the last accuser (all who made it together)
            last = earlier[-1][0]
            return list({m.actor.id: replace(m, via="description") for i, m in earlier if i == last}.values())
    if ex.lex.is_a(token.lemma_, "act_noun") and token.dep_ in ("dobj", "oprd") and judging(ex, token.head) and any(
            c.lower_ in ("the", "this", "that", "these") for c in token.children) and not ex.ctx.owners(token):
        actor = last_actor(ex, token)  # "Japan's cabinet voted to ... Moon condemned the decision as reckless"
        if actor:
            return [replace(actor, via="description")]
    if ex.lex.is_a(token.lemma_, "denial_object") and token.dep_ == "dobj" and ex.lex.is_a(token.head.lemma_, "denial_verb"):
        deniers = {m.actor.id for m in arguments.subjects(ex, token.head)[0]}
        earlier = [m for i, m, accused in ex.accusers if i < token.i and accused in deniers]
        if earlier:  # "Y accused X ... X denied any involvement": X rejects Y
            return [replace(earlier[-1], via="description")]
        return []
    events = [c for c in ex.lex.cues("noun", token.lemma_) if c.frame == "event"]
    for cue in events:
        agents, _ = participants.noun_agents(ex, token, cue)
        if not agents and token.dep_ == "dobj":
            # "attacked the recognition of Jerusalem by Trump", with "by" attached to the verb
            agents = [m for p in children(token.head, "prep", "by") for o in children(p, "pobj") for m in ex.ctx.arg(o)]
        if agents:
            return [replace(m, via="modifier") for m in agents]
    if events and token.dep_ in ("dobj", "nsubjpass") and judging(ex, token.head) and any(
            c.lower_ in ("the", "these", "this", "those", "that") for c in token.children):
        kinds = set().union(*(family(c.relation) for c in events))  # "the attack" after "invaded"
        earlier = earlier_event(ex, token, kinds)
        if not earlier and all(RELATIONS[k].quad == "material_conflict" for k in kinds):
            earlier = ex.recall(token, kinds, "agents")  # acts of force are remembered well; deals and words less so
        if earlier:  # "Israel struck Gaza on Monday. Iran condemned the strikes."
            return earlier
    if events:
        return []  # an event's "of" phrase names what it acts on, not who did it
    act = ex.lex.value(token.lemma_, "event_reference")
    if act and definite(token) and token.dep_ in ("dobj", "nsubjpass") and judging(ex, token.head):
        doers = ex.recall(token, family(act), "agents")  # "Turkey began an offensive ... The operation was condemned by"
        if doers:
            return doers
    owners = ex.ctx.arg(token, allow_modifier=True)
    if not owners and token.dep_ == "dobj":
        owners = [replace(m, via="modifier") for m in arguments.late_agent(ex, token)]
    if not owners and places:
        preps = list(token.children)
        if token.dep_ == "dobj":  # "struck a watchtower at UNIFIL's headquarters", the phrase on the verb
            preps += [p for p in token.head.children if p.i > token.i]
        for prep in preps:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "near", "outside", "across", "inside", "at"):
                for pobj in children(prep, "pobj"):
                    em = ex.ctx.entity_at(pobj)
                    if em is not None:
                        owners.append(replace(em.mention(place=em.actor.type != "country" and em.place is not None), via="modifier"))
                    elif pobj.pos_ == "PROPN":  # a place NER missed ("a station in Kramatorsk")
                        owners.append(ex.ctx.place_mention(pobj))
                    else:  # "a watchtower at UNIFIL's headquarters"
                        owners += [replace(m, via="modifier") for m in ex.ctx.arg(pobj, allow_modifier=True)]
        if places == "states":  # "attacks on oil infrastructure in Saudi Arabia", not "on shipping in the Red Sea"
            owners = [m for m in owners if m.actor.type != "location"]
    return owners


def earlier_event(ex: Extraction, token: Token, relations: set[str]) -> list[Mention]:
    """Who did the act a definite event noun refers back to ("Israel struck Gaza. Iran condemned
    the strikes."): the subjects of the last affirmed relation of that kind found before it, in this
    sentence or the two before."""
    first = ex.doc[max(token.sent.start - 1, 0)].sent
    first = ex.doc[ex.doc[max(first.start - 1, 0)].sent.start].idx
    found = [r for r in ex.found.values() if r.relation in relations and r.polarity == "affirmed"
             and first <= r.evidence.sentence_start <= token.idx and token_index(ex, r.evidence.sentence_start) < token.i]
    if not found:
        return []
    last = max(r.evidence.sentence_start for r in found)
    return list({r.subject.actor.id: replace(r.subject, via="description") for r in found
                 if r.evidence.sentence_start == last}.values())


def token_index(ex: Extraction, char: int) -> int:
    """The index of the token at a character offset."""
    span = ex.doc.char_span(char, char + 1, alignment_mode="expand")
    return span.start if span is not None else len(ex.doc)


def definite(noun: Token) -> bool:
    """'the attacks', 'this strike', 'these sanctions': a noun that refers back to something named."""
    return any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that", "these", "those") for c in noun.children)


def family(relation: str) -> set[str]:
    """A relation and its narrower ones ("the attack" may refer back to an invasion)."""
    return {relation} | {r for r, t in RELATIONS.items() if t.parent == relation}


def inner_with(ex: Extraction, token: Token) -> list[Mention]:
    """Actors of a 'with' phrase inside a noun phrase: the other party of what it names."""
    return [m for t in token.subtree if t.dep_ == "prep" and t.lower_ == "with" and t.i > token.i
            for o in children(t, "pobj") for m in ex.ctx.arg(o)]


def reported_claim(ex: Extraction, noun: Token) -> tuple[list[Mention], list[Mention]] | None:
    """'Kyiv said Russian forces shelled the plant, an allegation Moscow dismissed': a claim noun in
    apposition inside reported speech sums up what the speaker said. Returns (claimants, the
    actors the reported clauses are about), or None when no speech verb governs the noun."""
    if not ex.lex.is_a(noun.lemma_, "claim_object") or noun.dep_ not in ("appos", "npadvmod", "dep"):
        return None
    node, path = noun.head, []
    while not (ex.lex.is_a(node.lemma_, "speech") and node.pos_ in ("VERB", "AUX")):
        if node.head == node:
            return None
        path.append(node)
        node = node.head
    claimants, _ = arguments.subjects(ex, node)
    if not claimants:
        return None
    claimed = {m.actor.id for m in claimants}
    about = [m for v in path if v.pos_ in ("VERB", "AUX") for m in arguments.surface_subjects(ex, v) if m.actor.id not in claimed]
    return claimants, about


def clause_of_apposition(ex: Extraction, noun: Token) -> Token | None:
    """The clause a noun phrase sums up ('..., a move condemned by NATO', '..., charges Qatar
    dismissed'): the noun stands in apposition (or as a loose modifier) to that clause's verb."""
    if noun.dep_ in ("appos", "npadvmod", "dep") and noun.head.pos_ in ("VERB", "AUX"):
        return noun.head
    if noun.dep_ == "dobj" and any(d.dep_ == "dobj" and d.i < noun.i for d in noun.head.children):
        return noun.head  # "recognised the government, a move ..." parsed as a second object
    if noun.dep_ == "appos" and noun.head.pos_ in ("NOUN", "PROPN"):
        governor = noun.head.head  # apposition to the clause's object
        if governor.pos_ in ("VERB", "AUX"):
            return governor
    return None


def judging(ex: Extraction, verb: Token) -> bool:
    """A verb that passes judgement on its object: praise, criticism, rejection, or 'call X Y'."""
    return ex.lex.is_a(verb.lemma_, "evaluative") or any(
        c.relation in ("criticizes", "praises", "rejects", "supports", "opposes") for c in ex.lex.cues("verb", verb.lemma_))


DECISION_SENTENCES = 20  # how far back a decision can be named by "the move"


def last_actor(ex: Extraction, token: Token) -> Mention | None:
    """Who did the act that 'the move' or 'the decision' names: the owner of the nearest owned
    act before it in its sentence ("the ICC prosecutor's request ..., calling the move absurd"),
    else the subject of the previous sentence if it did more than speak, else the subject of the
    last decision verb ("announced", "pledged") in the sentences before."""
    for earlier in reversed(list(token.sent)[: token.i - token.sent.start]):
        if earlier.pos_ == "NOUN" and (ex.lex.is_a(earlier.lemma_, "act_noun") or ex.lex.is_a(earlier.lemma_, "claim_object")
                                      ):
            owners = ex.ctx.owners(earlier, of=False)
            if owners:
                return owners[0]
    sents = ex.ctx.sentences_to(token, DECISION_SENTENCES)
    if len(sents) < 2:
        return None
    root = sents[-2].root
    previous = [m for subject in root.children if subject.dep_ in SUBJECT_DEPS for m in ex.ctx.arg(subject)]
    if previous and not ex.lex.is_a(root.lemma_, "speech"):
        return previous[0]
    for verb in reversed(ex.doc[sents[0].start : token.sent.start]):  # "X announced the withdrawal ... [a report,
        if verb.pos_ == "VERB" and ex.lex.is_a(verb.lemma_, "decision_verb"):  # quotes] ... Y criticized the decision"
            found = arguments.subjects(ex, verb)[0]
            if found:
                return found[0]
    return previous[0] if previous else None


def event_antecedent(ex: Extraction, pronoun: Token) -> list[Mention]:
    """An event noun that 'it' refers back to: the subject of this or the previous sentence."""
    for sent in reversed(ex.ctx.sentences_to(pronoun, 2)):
        for token in sent:
            if token.i >= pronoun.i or token.dep_ not in SUBJECT_DEPS:
                continue
            for cue in ex.lex.cues("noun", token.lemma_):
                if cue.frame == "event":
                    agents, _ = participants.noun_agents(ex, token, cue)
                    if agents:
                        return [replace(m, via="pronoun") for m in agents]
    return []


def joined_bodies(ex: Extraction, verb: Token) -> list[Token]:
    """What a verb of joining joins: its object, or the alliance noun its relative clause is on
    ("a coalition ... which was joined by", "an alliance, which Germany joined"); the parse may hang
    the clause on a later noun of the same phrase ("a coalition to patrol the Gulf which was joined")."""
    relative = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass") and c.tag_ in ("WDT", "WP")]
    if not relative or verb.dep_ != "relcl":
        return children(verb, "dobj")
    noun = verb.head
    for _ in range(5):
        if ex.lex.is_a(noun.lemma_, "alliance_noun"):
            return [noun]
        objects = [o for o in children(noun, "dobj") if ex.lex.is_a(o.lemma_, "alliance_noun")] if noun.pos_ == "VERB" else []
        if objects:  # "launched a coalition to escort tankers in the Red Sea, which was joined by"
            return objects
        if noun.head == noun:
            break
        noun = noun.head
    return [verb.head]


def founders(ex: Extraction, body: Token) -> list[Mention]:
    """Who set up or leads an alliance a clause names by a common noun: "the US-led coalition", "the
    coalition Washington announced", "the United States formed a coalition, which Britain joined"."""
    if not ex.lex.is_a(body.lemma_, "alliance_noun"):
        return []
    led = ex.ctx.led_by(body, ("lead", "command", "back"))  # "the US-led coalition"
    if led is not None:
        return [em.mention() for em in led[1]]
    if body.dep_ == "dobj" and ex.lex.is_a(body.head.lemma_, "founding_verb"):
        return arguments.subjects(ex, body.head)[0]  # "the United States announced a naval coalition"
    return []
