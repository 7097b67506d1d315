"""Extract: relations from the dependency parse, driven by the lexicon.

:func:`extract_relations` runs every frame over a resolved document (:mod:`diplograph.resolve`)
and returns its relation mentions in text order. The package is laid out by what each part owns:

- ``frames/``: one module per kind of construction; each reads a cue and hands candidates to
  :meth:`.emit.Extraction.emit` (``verb``, ``noun``, ``relational``, ``reciprocal``, ``speech``);
- ``arguments``, ``referents``, ``participants``: what a frame asks for (subjects, objects,
  agents, what an object stands for, the parties of an event noun);
- ``qualities``: polarity, modality, attribution, date;
- ``emit``: the checks and the confidence of every relation.

Constructions, each a ``method`` that sets the base confidence:

==============  =====================================================  ====
method          example                                                base
==============  =====================================================  ====
verb            "Egypt condemned Turkey", "urged X to", "accused X of"  0.90
passive         "Turkey was condemned by Egypt, Greece and Cyprus"      0.85
participle      "Moscow-backed rebels", "Assad, supported by Russia"   0.80
title           "Belarusian President Alexander Lukashenko"            0.90
apposition      "Zalmay Khalilzad, a US peace envoy"                    0.90
copula          "Lukashenko is the president of Belarus"               0.85
description     "Donald Trump ... the US president": a definite title  0.80
                refers back to the last person who can hold it
relational      "a staunch ally of Putin", "supportive of the PKK"      0.85
nominal         "Russia's invasion of Ukraine", "EU sanctions on Iran"  0.80
light_verb      "made threats against", "imposed sanctions on"         0.80
reciprocal      "Turkey and Libya agreed", "talks between X and Y"      0.75
trend           "China's relations with the US have plummeted"         0.75
evaluation      "called the US allegations a smear campaign",          0.75
                "called Trump's order decisive"
allegation      "Kyiv said Russia shelled the plant, an allegation      0.75
                Moscow dismissed": the speaker accuses the rejecter
gazetteer       "Xinhua reported ...": state media represent the state  0.70
                the gazetteer records
==============  =====================================================  ====

From the base, each argument found indirectly costs a little: a pronoun or a
description 0.10, an owner of the object ("China's role") 0.10, a metonym 0.03,
each clause climbed to find a subject ("saying", "to visit") 0.05.

    >>> from diplograph.pipeline import extract_text
    >>> [(r.subject.actor.id, r.relation, r.object.actor.id, r.polarity)
    ...  for r in extract_text("Beijing has refused to criticise Moscow.")]
    [('china', 'criticizes', 'russia', 'negated')]
"""

from __future__ import annotations

from ..model import Relation
from ..resolve import DocContext
from .emit import Extraction
from .frames import noun, reciprocal, relational, speech, verb

__all__ = ["extract_relations", "Extraction"]


def extract_relations(ctx: DocContext) -> list[Relation]:
    """All relation mentions of a resolved document, in text order."""
    ex = Extraction(ctx)
    relational.read_roles(ex)
    for token in ex.doc:
        if ex.ctx.skipped(token):
            continue
        # each attribute read once: spaCy looks a string up in the vocabulary on every access
        pos, tag, lemma = token.pos_, token.tag_, token.lemma_
        if pos in ("VERB", "AUX") or tag == "VBN":
            for cue in ex.lex.cues("verb", lemma):
                verb.read_verb(ex, token, cue)
            if ex.lex.is_a(lemma, "evaluative"):
                speech.read_evaluation(ex, token)
            if ex.lex.is_a(lemma, "speech"):
                speech.read_demand(ex, token)
        gerund = tag == "VBG" and token.dep_ in ("nsubj", "nsubjpass") and not any(
            c.dep_ in ("dobj", "nsubj", "aux") for c in token.children)  # "Fighting between X and Y spread"
        if pos in ("NOUN", "PROPN") or gerund:
            noun.read_members(ex, token)
            speech.read_allegation(ex, token)
            for cue in ex.lex.cues("noun", lemma if not gerund else token.lower_):
                if cue.require and not cue.matches(token):
                    continue  # "credit line", not any line
                if cue.frame == "relational":
                    relational.read_relational(ex, token, cue)
                else:
                    noun.read_event(ex, token, cue)
            if lemma in ("relation", "relationship", "tie") or token.lower_ == "relations":
                reciprocal.read_trend(ex, token)
        if pos == "ADJ" or tag in ("JJ", "VBN"):
            for cue in ex.lex.cues("adj", lemma) or ex.lex.cues("adj", token.lower_):
                relational.read_relational(ex, token, cue)
        if ex.lex.is_a(lemma, "retaliation"):
            speech.read_retaliation(ex, token)
    speech.read_quote_judgements(ex)
    return sorted(ex.found.values(), key=lambda r: (r.evidence.sentence_start, r.subject.start, r.object.start, r.relation))
