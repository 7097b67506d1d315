"""Speech frames: what is said rather than done.

Demands made by reporting ("Wang told Blinken that Washington must stop ..." -> China urges the
US), evaluations ("called Trump's order decisive" is praise, "... reckless" criticism, "called
the US allegations a smear campaign" a rejection), and allegations summed up by a claim noun
("Washington said Assad's government carried out the attack, an allegation Damascus dismissed"
-> the US accuses Syria), vows of retaliation ("Israel struck Iran, and Tehran vowed to
retaliate": Iran threatens Israel), and judgements made in quotes ('"Trump is behaving like a
bully," Erdogan said': a clause whose subject is an actor, in a tone warm or hostile enough, is praise or criticism
of that actor by the speaker; see :mod:`..tone`).

    >>> from diplograph.pipeline import extract_text
    >>> [(r.subject.actor.id, r.relation, r.object.actor.id) for r in extract_text("Iran called the US allegations a smear campaign.")]
    [('iran', 'rejects', 'united_states')]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from ...schema import RELATIONS
from ...syntax import SUBJECT_DEPS, children
from .. import arguments, qualities, referents
from ..tone import BLAME, PRAISE, tone

if TYPE_CHECKING:
    from ..emit import Extraction


def read_allegation(ex: Extraction, noun: Token) -> None:
    """The speaker of a reported claim accuses whom it is about, when they are the ones who reject it
    ("Washington said Assad's government carried out the attack, an allegation Damascus dismissed")."""
    reported = referents.reported_claim(ex, noun)
    if reported is None:
        return
    claimants, about = reported
    rejecters = {m.actor.id for v in noun.children if v.dep_ in ("relcl", "acl", "ccomp")
                 for c in ex.lex.cues("verb", v.lemma_) if c.relation == "rejects" for m in arguments.subjects(ex, v)[0]}
    accused = [m for m in about if m.actor.id in rejecters]
    ex.emit_all("accuses", claimants, accused, noun, "allegation", "112", 1)


def read_demand(ex: Extraction, verb: Token) -> None:
    """'Wang told Blinken that Washington must stop ...', '"They need to stand by us," Erdogan said':
    a demand on the reported subject."""
    comps = children(verb, "ccomp") + [c for x in children(verb, "xcomp") for c in children(x, "ccomp")]
    for comp in comps:
        modal = any(c.dep_ == "aux" and ex.lex.is_a(c.lower_, "content_modal") for c in comp.children) or (
            ex.lex.is_a(comp.lemma_, "obligation_verb") and any(x.dep_ == "xcomp" and children(x, "aux", "to") for x in comp.children))
        if not modal:  # "must stop", "should", "need to", "have to"
            continue
        subject = [s for s in comp.children if s.dep_ in SUBJECT_DEPS]
        if not subject or subject[0].conjuncts:
            continue  # "Beijing and Canberra should ...": a shared resolve, not a demand
        targets = ex.ctx.arg(subject[0])
        speakers, hops = arguments.subjects(ex, verb)
        own = {ex.ctx.affiliation.get(s.actor.id, s.actor).id for s in speakers}
        targets = [t for t in targets if t.actor.id not in own]
        ex.emit_all("urges", speakers, targets, comp, "verb", "02", hops + 1)


def read_evaluation(ex: Extraction, verb: Token) -> None:
    """'X called Y's order swift and decisive' (praise), '... reckless' (criticism),
    'called the US allegations a smear campaign' (a rejection of the accuser)."""
    predicates = [c for c in verb.children if c.dep_ in ("oprd", "ccomp", "xcomp", "acomp")]
    predicates += [o for p in children(verb, "prep", "as") for o in children(p, "pobj")]  # "labelled X as terrorists"
    objects = children(verb, "dobj") or [c for c in verb.children if c.dep_ == "oprd" and c.pos_ in ("NOUN", "PROPN")]
    for comp in [c for c in verb.children if c.dep_ == "ccomp"]:  # "found the strike justified"
        objects += [c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass")]
        predicates += [c for c in comp.children if c.dep_ in ("acomp", "oprd", "attr")]
    words = [w for p in predicates for w in p.subtree if w.dep_ not in ("det",)]
    kinds = {k for w in words for k in ("praise_word", "blame_word", "dismissal", "terror_word") if ex.lex.is_a(w.lemma_, k) or ex.lex.is_a(w.lower_, k)}
    if not kinds or not objects:
        return
    subjects, hops = arguments.subjects(ex, verb)
    branding = ex.lex.value(verb.lemma_, "branding")
    for obj in objects:
        if "terror_word" in kinds and branding:  # "labelled X as a terrorist" accuses; "designated X as ..." sanctions
            relation, cameo = branding, RELATIONS[branding].cameo
        elif "terror_word" in kinds and not kinds - {"terror_word"}:
            continue
        elif "dismissal" in kinds and ex.lex.is_a(obj.lemma_, "claim_object"):
            relation, cameo = "rejects", "12"
        elif "blame_word" in kinds or "dismissal" in kinds:
            relation, cameo = "criticizes", "111"
        else:
            relation, cameo = "praises", "051"
        targets = referents.target(ex, obj)
        ex.emit_all(relation, subjects, targets, verb, "evaluation", cameo, hops)


COPULAS = {"be", "seem", "remain", "become", "prove", "look", "sound"}  # judged by their predicate alone


def read_quote_judgements(ex: Extraction) -> None:
    """'"He was a gentle soul and a brilliant artist," said Denzel Washington': the speaker praises
    whom a clause of the quote is about (its subject, or its subject's owner: "Y's scheme will ruin
    the region"), when the clause's tone is warm enough; criticises when hostile enough. Never the
    speaker's own side ("we", "our country")."""
    for start, end, speakers in ex.ctx.quotes:
        if not speakers:
            continue
        own = {s.actor.id for s in speakers} | {ex.ctx.home(s.actor).id for s in speakers} | {
            ex.ctx.affiliation[s.actor.id].id for s in speakers if s.actor.id in ex.ctx.affiliation}
        said = ex.ctx.quote_verbs.get((start, end))
        inside = ex.doc.char_span(start, end, alignment_mode="expand")
        for verb in (t for t in inside if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass")):
            if ex.lex.is_a(verb.lemma_, "experiencer") or qualities.local_negation(ex, verb) or ex.lex.cues("verb", verb.lemma_):
                continue  # "the SDF suffered casualties" judges nobody; "she is not a liar" is left to a reader; an act is read as one
            judged = [m for s in verb.children if s.dep_ == "nsubj"
                      for m in (ex.ctx.arg(s) or ex.ctx.owners(s, of=False))]
            judged = [m for m in judged if m.actor.id not in own and m.actor.type != "location"
                      and (m.via != "pronoun" or m.actor.type == "person")]  # "it is an insult": what "it" is, a reader decides
            if not judged:
                continue
            predicate = [c for c in verb.children if c.dep_ in ("attr", "acomp", "oprd")] if verb.lemma_ in COPULAS else [verb]
            words = sorted((t for p in predicate for t in p.subtree if start <= t.idx < end), key=lambda t: t.i)
            if not words:
                continue
            score = tone(ex.doc[words[0].i : words[-1].i + 1].text)
            if score >= PRAISE:
                relation, cameo = "praises", "051"
            elif score <= BLAME:
                relation, cameo = "criticizes", "111"
            else:
                continue
            cue = said if said is not None and said.sent == verb.sent else verb
            ex.emit_all(relation, speakers, judged, cue, "evaluation", cameo, 0)


HOSTILE = {r for r, t in RELATIONS.items() if t.quad in ("verbal_conflict", "material_conflict") and not t.abstract}


def read_retaliation(ex: Extraction, word: Token) -> None:
    """A vow or warning of retaliation threatens whoever the retaliation answers: its own target
    ("vowed revenge against Israel"), else the doer of the last hostile act within two sentences
    ("Indian warplanes struck a camp ... Pakistan's military vowed to respond": Pakistan threatens
    India). Only under a verb of vowing or warning: "Iran retaliated" is an act, read by the verb cues."""
    vow, node = None, word
    for _ in range(3):  # "vowed to retaliate", "vowed harsh revenge", "warned would trigger retaliation"
        if node.dep_ in SUBJECT_DEPS or node.head == node:
            break
        node = node.head
        if ex.lex.is_a(node.lemma_, "vow_verb"):
            vow = node
            break
    if vow is None:
        return
    speakers = arguments.subjects(ex, vow)[0]
    if not speakers:
        return
    own = {m.actor.id for m in speakers}
    heads = [p for p in word.children if p.dep_ == "prep" and p.lower_ in ("against", "on", "to", "for")]
    named = [m for p in heads for o in children(p, "pobj") for m in ex.ctx.arg(o)]
    if heads and not named and word.lemma_ in ("respond", "response"):
        return  # "vowed to respond to the crisis": a response to a thing, not to someone's act

    def others(mentions):
        return [t for t in mentions if t.actor.id not in own and ex.ctx.home(t.actor).id not in own]

    targets = others(named) or others(ex.recall(word, HOSTILE, "agents", sentences=2, excluding=frozenset(own)))
    ex.emit_all("threatens", speakers, targets, vow, "verb", "13", 0)
