"""Speech frames: what is said rather than done.

Demands made by reporting ("Wang told Blinken that Washington must stop ..." -> China urges the
US), evaluations ("called Trump's order decisive" is praise, "... reckless" criticism, "called
the US allegations a smear campaign" a rejection), and allegations summed up by a claim noun
("Washington said Assad's government carried out the attack, an allegation Damascus dismissed"
-> the US accuses Syria).

    >>> from diplograph.pipeline import extract_text
    >>> [(r.subject.actor.id, r.relation, r.object.actor.id) for r in extract_text("Iran called the US allegations a smear campaign.")]
    [('iran', 'rejects', 'united_states')]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from ...syntax import SUBJECT_DEPS, children
from .. import arguments, referents

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
    """'Wang told Blinken that Washington must stop ...': a demand on the reported subject."""
    comps = children(verb, "ccomp") + [c for x in children(verb, "xcomp") for c in children(x, "ccomp")]
    for comp in comps:
        if not any(c.dep_ == "aux" and ex.lex.is_a(c.lower_, "content_modal") for c in comp.children):
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
    objects = children(verb, "dobj") or [c for c in verb.children if c.dep_ == "oprd" and c.pos_ in ("NOUN", "PROPN")]
    for comp in [c for c in verb.children if c.dep_ == "ccomp"]:  # "found the strike justified"
        objects += [c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass")]
        predicates += [c for c in comp.children if c.dep_ in ("acomp", "oprd", "attr")]
    words = [w for p in predicates for w in p.subtree if w.dep_ not in ("det",)]
    kinds = {k for w in words for k in ("praise_word", "blame_word", "dismissal") if ex.lex.is_a(w.lemma_, k) or ex.lex.is_a(w.lower_, k)}
    if not kinds or not objects:
        return
    subjects, hops = arguments.subjects(ex, verb)
    for obj in objects:
        if "dismissal" in kinds and ex.lex.is_a(obj.lemma_, "claim_object"):
            relation, cameo = "rejects", "12"
        elif "blame_word" in kinds or "dismissal" in kinds:
            relation, cameo = "criticizes", "111"
        else:
            relation, cameo = "praises", "051"
        targets = referents.target(ex, obj)
        ex.emit_all(relation, subjects, targets, verb, "evaluation", cameo, hops)
