"""Extract: relations from the dependency parse, driven by the lexicon.

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

from dataclasses import replace

from spacy.tokens import Token

from .lexicon import Cue
from .model import Actor, Evidence, Mention, Relation
from .resolve import SUBJECT_DEPS, DocContext
from .schema import RELATIONS, is_symmetric
from .temporal import resolve_date

BASE_CONFIDENCE = {
    "verb": 0.9,
    "passive": 0.85,
    "participle": 0.8,
    "title": 0.9,
    "apposition": 0.9,
    "copula": 0.85,
    "description": 0.8,
    "relational": 0.85,
    "nominal": 0.8,
    "light_verb": 0.8,
    "reciprocal": 0.75,
    "trend": 0.75,
    "dismissal": 0.75,
    "evaluation": 0.75,
    "allegation": 0.75,
    "gazetteer": 0.7,
}
VIA_PENALTY = {"pronoun": 0.1, "description": 0.1, "modifier": 0.1, "metonym": 0.03, "role": 0.03, "demonym": 0.03}
HOP_PENALTY = 0.05
ROLE_METHODS = {"title", "apposition", "copula", "description", "gazetteer"}  # affiliations stated as facts about a person
MODALITY_RANK = {"asserted": 0, "planned": 1, "alleged": 2, "hypothetical": 3}
# edges along which negation, modality and attribution reach down to a cue
GOVERNING_DEPS = {"xcomp", "pcomp", "prep", "pobj", "dobj", "acl", "advcl", "conj", "ccomp", "attr", "oprd", "acomp", "nsubj", "nsubjpass", "appos", "relcl"}
SMALL_CLAUSE = {"ccomp", "xcomp", "oprd", "acomp"}  # "held [Moscow responsible]"
CLAUSE_BOUNDARY = {"ccomp", "advcl", "relcl", "parataxis", "csubj"}


class Extractor:
    """Reads every relation of one resolved document."""

    def __init__(self, ctx: DocContext):
        self.ctx = ctx
        self.lex = ctx.lex
        self.doc = ctx.doc
        self.found: dict[tuple, Relation] = {}
        self.accusers: list[tuple[int, Mention, str]] = []  # (token index, accuser, accused id): "rejected the accusation"

    # -- entry point -------------------------------------------------------
    def run(self) -> list[Relation]:
        for role in self.ctx.roles:
            self._emit(role.relation, role.holder, role.partner, role.token, role.method, cameo=None, hops=0)
        for token in self.doc:
            if self.ctx.skipped(token):
                continue
            if token.pos_ in ("VERB", "AUX") or (token.tag_ == "VBN"):
                for cue in self.lex.cues("verb", token.lemma_):
                    self._verb(token, cue)
                if self.lex.is_a(token.lemma_, "evaluative"):
                    self._evaluation(token)
                if self.lex.is_a(token.lemma_, "speech"):
                    self._demand(token)
            gerund = token.tag_ == "VBG" and token.dep_ in ("nsubj", "nsubjpass") and not any(
                c.dep_ in ("dobj", "nsubj", "aux") for c in token.children)  # "Fighting between X and Y spread"
            if token.pos_ in ("NOUN", "PROPN") or gerund:
                self._members(token)
                self._allegation(token)
                for cue in self.lex.cues("noun", token.lemma_ if not gerund else token.lower_):
                    if cue.require and not self._meets(token, cue):
                        continue  # "credit line", not any line
                    if cue.frame == "relational":
                        self._relational(token, cue)
                    else:
                        self._event(token, cue)
                if token.lemma_ in ("relation", "relationship", "tie") or token.lower_ == "relations":
                    self._trend(token)
            if token.pos_ == "ADJ" or token.tag_ in ("JJ", "VBN"):
                for cue in self.lex.cues("adj", token.lemma_) or self.lex.cues("adj", token.lower_):
                    self._relational(token, cue)
        return sorted(self.found.values(), key=lambda r: (r.evidence.sentence_start, r.subject.start, r.object.start, r.relation))

    # -- building relations --------------------------------------------------
    def _emit(self, relation: str, subject: Mention, obj: Mention, cue: Token, method: str, cameo: str | None, hops: int,
              cue_entry: Cue | None = None, reciprocal: bool = False) -> None:
        if subject.actor.id == obj.actor.id:
            return
        if reciprocal and not is_symmetric(relation):  # "traded accusations", "clashed": each did it to the other
            self._emit(relation, subject, obj, cue, method, cameo, hops, cue_entry)
            self._emit(relation, obj, subject, cue, method, cameo, hops, cue_entry)
            return
        if reciprocal and subject.actor.id > obj.actor.id:  # "relations between X and Y": one direction, by id
            subject, obj = obj, subject
        if relation == "leader_of" and subject.actor.type != "person":
            return
        if RELATIONS[relation].quad == "affiliation" and obj.actor.type in ("person", "location"):
            return
        home = self.ctx._home
        if RELATIONS[relation].quad in ("verbal_cooperation", "material_cooperation") and (
                home(subject.actor).id == obj.actor.id or home(obj.actor).id == subject.actor.id):
            return  # "Macron agrees with France": a misreading (a state may repress its own people, though)
        if self._questioned(cue):
            return  # "asked whether Beijing would supply weapons": a question states nothing
        negations = self._negations(cue) if method not in ("title", "apposition", "gazetteer") else 0
        polarity = "negated" if negations % 2 else "affirmed"
        modality = "asserted" if method in ROLE_METHODS else self._modality(cue)
        if cue_entry is not None and cue_entry.negated_as and polarity == "negated":
            # "will by no means accept" is a rejection made now, not a planned one
            relation, polarity, cameo = cue_entry.negated_as, "affirmed", RELATIONS[cue_entry.negated_as].cameo
            modality = "asserted" if modality == "planned" else modality
        if is_symmetric(relation) and subject.actor.id > obj.actor.id:
            subject, obj = obj, subject
        sent = cue.sent
        confidence = BASE_CONFIDENCE.get(method, 0.7) - HOP_PENALTY * hops
        confidence -= VIA_PENALTY.get(subject.via, 0) + VIA_PENALTY.get(obj.via, 0)
        document = self.ctx.document
        lead = len(sent.text) - len(sent.text.lstrip())
        text = sent.text.strip()
        start = sent.start_char + lead
        evidence = Evidence(document.id, text, start, start + len(text), document.title, document.url, document.source)
        attributed = self._attribution(cue)
        rel = Relation(
            relation=relation,
            subject=subject,
            object=obj,
            evidence=evidence,
            polarity=polarity,
            modality=modality,
            attributed_to=attributed,
            confidence=round(max(0.2, min(1.0, confidence)), 3),
            date=self._date(cue, future=modality == "planned") or document.date,
            cue=cue.text,
            cameo=cameo if cameo is not None else RELATIONS[relation].cameo,
            method=method,
        )
        if relation == "accuses" and polarity == "affirmed":
            self.accusers.append((cue.i, subject, obj.actor.id))
        key = (subject.actor.id, relation, obj.actor.id, sent.start_char, polarity)
        if key not in self.found or self.found[key].confidence < rel.confidence:
            self.found[key] = rel

    def _emit_all(self, relation, subjects, objects, cue, method, cameo, hops, entry=None, inverse=False):
        for s in subjects:
            for o in objects:
                if inverse:
                    self._emit(relation, o, s, cue, method, cameo, hops, entry)
                else:
                    self._emit(relation, s, o, cue, method, cameo, hops, entry)

    # -- verbs -----------------------------------------------------------------
    @staticmethod
    def _children(token: Token, dep: str, lower: str | None = None) -> list[Token]:
        return [c for c in token.children if c.dep_ == dep and (lower is None or c.lower_ == lower or c.lemma_ == lower)]

    def _meets(self, verb: Token, cue: Cue) -> bool:
        for dep, words in cue.require:
            ok = False
            for child in verb.children:
                if dep == "prep" and child.dep_ in ("prep", "prt", "agent") and child.lower_ in words:
                    ok = True
                elif dep == "prt" and child.dep_ in ("prt", "advmod", "prep") and child.lower_ in words:
                    ok = True
                elif dep == "dobj" and child.dep_ in ("dobj", "nsubjpass") and child.lemma_.lower() in words:
                    ok = True
                elif dep == "compound" and child.dep_ == "compound" and child.lemma_.lower() in words:
                    ok = True
                elif dep not in ("prep", "prt", "dobj") and child.lemma_.lower() in words and (
                        child.dep_ == dep or {child.dep_, dep} == {"xcomp", "ccomp"} or (dep == "oprd" and child.dep_ in SMALL_CLAUSE)):
                    ok = True  # e.g. "xcomp:use": "allowed Russian forces to use its territory" (either parse)
                elif dep == "oprd" and any(g.lemma_.lower() in words for g in [child, *child.children]):
                    ok = True  # "holding Moscow responsible", however the predicate is attached
            if not ok:
                return False
        return True

    def subjects(self, verb: Token, hops: int = 0) -> tuple[list[Mention], int]:
        """Who does what a verb says: its subject, its passive agent, or a controller up the tree."""
        if hops > 4:
            return [], hops
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        if passive or self._participle(verb):
            agents = self._agents(verb)
            if agents or passive:
                return agents, hops
        claim = self._claim_subject(verb)
        for subject in (c for c in verb.children if c.dep_ in ("nsubj", "csubj", "expl") and c != claim):
            if subject.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
                first = verb.head
                while first.dep_ == "conj" and first.head != first:
                    first = first.head  # "Saudi Arabia and the United States, which brokered ...": both
                return self.ctx.arg(first), hops + 1
            found = self.ctx.arg(subject)
            if found:
                return found + self._co_agents(subject, verb), hops
            for cue in self.lex.cues("noun", subject.lemma_):
                if cue.frame == "event":  # "a US drone strike killed Soleimani": the strikers did
                    agents, _ = self._noun_agents(subject, cue)
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
            if self.lex.is_a(governor.lemma_, "object_control"):
                controllers = self._direct_objects(governor)
                if any(c.dep_ == "auxpass" for c in governor.children):  # "Ukraine was accused by Russia of shelling"
                    controllers = [m for c in governor.children if c.dep_ == "nsubjpass" for m in self.ctx.arg(c)]
                if controllers:
                    return controllers, hops + 1
            if governor.pos_ in ("VERB", "AUX", "ADJ"):
                return self.subjects(governor if governor.pos_ != "ADJ" else governor.head, hops + 1)
        if verb.dep_ in ("acomp", "attr") and head.pos_ in ("VERB", "AUX"):
            return self.subjects(head, hops + 1)  # "Beijing was committed to promoting ..."
        if self._speech_conjunct(verb):
            return self.subjects(head.head, hops + 1)
        if verb.dep_ == "conj" and head.pos_ in ("VERB", "AUX"):
            found, hops2 = self.subjects(head, hops + 1)
            if not found and head.dep_ in ("ccomp", "xcomp") and head.head.pos_ in ("VERB", "AUX"):
                return self.subjects(head.head, hops + 2)  # a conjunct attached one clause too low
            return found, hops2
        if verb.dep_ == "advcl" and (verb.tag_ == "VBG" or (verb.tag_ == "VBN" and not self._children(verb, "mark"))):
            return self.subjects(head, hops + 1)  # "..., a charge Kigali denied while blaming Kinshasa"
        if verb.dep_ == "acl" and verb.tag_ == "VBG" and head.pos_ in ("NOUN", "PROPN"):
            em = self.ctx.entity_at(head)
            medium = self.lex.is_a(head.lemma_, "statement_noun") or (em is not None and em.actor.type == "organisation")
            if head.dep_ == "pobj" and medium:
                # "posted a message on Twitter blaming Iran": the participle belongs to the clause
                clause = head
                while clause.pos_ not in ("VERB", "AUX") and clause.head != clause:
                    clause = clause.head
                if clause.pos_ in ("VERB", "AUX"):
                    return self.subjects(clause, hops + 1)
            owners = self.ctx.arg(head) or (self.ctx._owners(head) if head.dep_ == "pobj" else [])  # "UN resolutions condemning X"
            if not owners and head.dep_ == "dobj" and head.head.pos_ in ("VERB", "AUX"):
                return self.subjects(head.head, hops + 1)  # "signed a treaty annexing the peninsula"
            return owners, hops + 1
        if verb.dep_ in ("relcl", "acl") and self._children(verb, "aux", "to") and head.pos_ in ("NOUN", "PROPN"):
            return self.ctx.arg(head), hops + 1  # headline "Lukashenko to visit China"
        return [], hops

    @staticmethod
    def _participle(verb: Token) -> bool:
        """A past participle used as an adjective ("Moscow-backed rebels", "a deal brokered by China"),
        not a perfect tense in a clause on a noun ("reports that its jets had struck")."""
        return verb.tag_ == "VBN" and verb.dep_ in ("amod", "acl") and not any(c.dep_ in ("aux", "nsubj") for c in verb.children)

    def _speech_conjunct(self, verb: Token) -> bool:
        """'Merkel said Navalny had been poisoned and demanded answers': a subjectless conjunct the
        parser hung on the reported clause, whose tense matches the speech verb, goes with the speech verb."""
        head = verb.head
        return (verb.dep_ == "conj" and head.dep_ == "ccomp" and self.lex.is_a(head.head.lemma_, "speech")
                and not any(c.dep_ in SUBJECT_DEPS for c in verb.children) and verb.tag_ == head.head.tag_ != head.tag_
                and not any(c.lower_ in ("has", "have", "'ve") for c in head.children))  # "has crushed ... and jailed"

    def _surface_subjects(self, verb: Token, depth: int = 0) -> list[Mention]:
        """The grammatical subject of a verb, shared along coordination."""
        for child in verb.children:
            if child.dep_ in SUBJECT_DEPS:
                return self.ctx.arg(child)
        if verb.dep_ == "conj" and depth < 3:
            return self._surface_subjects(verb.head, depth + 1)
        return []

    def _co_agents(self, subject: Token, verb: Token) -> list[Mention]:
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
                    found += [m for o in self._children(t, "pobj") for m in self.ctx.arg(o)]
        return found

    def _direct_objects(self, verb: Token) -> list[Mention]:
        found: list[Mention] = []
        for child in verb.children:
            if child.dep_ in ("dobj", "dative"):
                found += self.ctx.arg(child)
            elif child.dep_ == "prep" and child.lower_ == "on" and verb.lemma_ == "call":
                for pobj in self._children(child, "pobj"):
                    found += self.ctx.arg(pobj)
        return found

    def _agents(self, verb: Token) -> list[Mention]:
        found: list[Mention] = []
        for child in verb.children:
            if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
                for pobj in self._children(child, "pobj"):
                    found += self.ctx.arg(pobj)
            if child.i < verb.i and child.dep_ in ("npadvmod", "compound", "nmod", "nsubj") and verb.tag_ == "VBN":
                between = self.doc[child.i + 1 : verb.i]
                if all(t.text == "-" for t in between) and len(between) <= 1:
                    em = self.ctx.entity_at(child)
                    if em is not None:  # "Moscow-backed", "Iran-backed"
                        found.append(em.mention())
        if not found:  # "condemned in a joint statement by Egypt, Greece and Cyprus"
            for child in verb.children:
                if child.dep_ == "prep":
                    for pobj in self._children(child, "pobj"):
                        for sub in pobj.children:
                            if sub.dep_ == "prep" and sub.lower_ == "by":
                                for agent in self._children(sub, "pobj"):
                                    found += self.ctx.arg(agent)
        # hyphenated agent that the tokenizer kept in one piece's subtree ("Moscow-backed")
        if not found and verb.tag_ == "VBN" and verb.i > 1 and self.doc[verb.i - 1].text == "-":
            em = self.ctx.entity_at(self.doc[verb.i - 2])
            if em is not None:
                found.append(em.mention())
        return found

    def _objects(self, verb: Token, cue: Cue) -> list[Mention]:
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        participle = self._participle(verb) and not passive
        for slot in cue.slots:
            found: list[Mention] = []
            if slot == "dobj":
                relative = verb.head.pos_ in ("NOUN", "PROPN") and (verb.dep_ == "relcl" or (
                    verb.dep_ in ("ccomp", "acl") and self.lex.is_a(verb.head.lemma_, "claim_object")))
                claim = self._claim_subject(verb)
                if claim is not None and not self._children(verb, "dobj"):
                    found += self._target(claim)  # "..., charges Israel rejected" (misparsed)
                if passive and relative and all(s.tag_ in ("WDT", "WP") for s in self._children(verb, "nsubjpass")):
                    found += self._target(verb.head)  # "a move that was condemned by NATO"
                elif relative and not passive and not self._children(verb, "dobj") and not any(
                        c.tag_ in ("WDT", "WP") and c.dep_ in SUBJECT_DEPS for c in verb.children):
                    found += self._target(verb.head)  # "an allegation Damascus dismissed as a fabrication"
                elif passive:
                    own = self._children(verb, "nsubjpass") or self._children(verb, "nsubj") or [
                        s for a in self._children(verb, "auxpass") for s in a.children if s.dep_ in ("nsubj", "nsubjpass")]
                    # "X's bid remains blocked by" (the subject sometimes hangs on "remains")
                    for subj in own:
                        found += self.ctx.arg(subj, allow_modifier=True)
                    if not own and verb.dep_ == "conj":
                        found += self._surface_subjects(verb.head)  # "Turkey is under sanctions and was condemned by"
                elif participle:
                    found += self.ctx.arg(verb.head, allow_modifier=True)
                elif cue.has("direct"):
                    found += [m for dobj in self._children(verb, "dobj") for m in self.ctx.arg(dobj)]
                else:
                    objects = self._children(verb, "dobj") or [  # "holding Moscow responsible", parsed as a small clause
                        s for c in verb.children if c.dep_ in SMALL_CLAUSE and c.pos_ in ("ADJ", "NOUN") for s in self._children(c, "nsubj")]
                    for dobj in objects:
                        found += self._target(dobj, places=cue.relation in ("attacks", "invades"))
            elif slot == "dative":
                for child in verb.children:
                    if child.dep_ in ("dative", "iobj"):
                        found += self.ctx.arg(child)
            elif slot == "xcomp_actors":  # "threatened to scrap a pact with Seoul", "... tariffs on goods from Mexico"
                comps = self._children(verb, "xcomp") + [c for c in self._children(verb, "advcl") if self._children(c, "aux", "to")]
                for comp in comps:
                    # the complement's own phrases, not clauses inside it ("unless they reinstate X", "bid to join NATO")
                    inner = {t.i for d in comp.subtree if d != comp and d.dep_ in CLAUSE_BOUNDARY - {"relcl"} | {"acl", "xcomp", "advcl"}
                             for t in d.subtree}
                    inner |= {t.i for c in comp.children if c.dep_ == "advcl" for t in c.subtree}
                    described = {t.i for d in comp.subtree if d.dep_ == "relcl" for t in d.subtree}  # "the officers who seized power in Niger"
                    for token in comp.subtree:
                        em = self.ctx.entity_at(token)
                        if em is None or token != em.span.root or token.dep_ in SUBJECT_DEPS or token.i in inner:
                            continue
                        if token.i in described and em.actor.type == "person":
                            continue  # "... who toppled President Bazoum": the victim is not the target
                        if em.span.label_ == "NORP" and em.actor.type == "group" and token.dep_ == "amod":
                            continue  # "Kurdish militants": an adjective, not the target
                        found.append(em.mention())
            elif slot == "source":  # "received weapons dropped by US aircraft", "received aid from Japan"
                holders = [verb] + self._children(verb, "dobj")
                for holder in holders:
                    for child in holder.children:
                        if child.dep_ == "prep" and child.lower_ == "from":
                            found += [m for o in self._children(child, "pobj") for m in self.ctx.arg(o)]
                        elif child.dep_ == "acl" and child.tag_ == "VBN":
                            found += self._agents(child)
            elif slot == "ccomp_subj":
                for comp in self._children(verb, "ccomp") + self._children(verb, "xcomp"):
                    for subj in (c for c in comp.children if c.dep_ in SUBJECT_DEPS):
                        found += self.ctx.arg(subj)
            elif slot.startswith("prep:"):
                word = slot.split(":", 1)[1]
                holders = [verb] + self._children(verb, "dobj") + self._children(verb, "prt")
                for holder in holders:
                    for prep in holder.children:
                        if prep.dep_ in ("prep", "agent", "dative") and prep.lower_ == word and not (passive and word == "by"):
                            for pobj in self._children(prep, "pobj"):
                                found += self._target(pobj)
            if found:
                return found
        return []

    def _target(self, token: Token, places: bool = False) -> list[Mention]:
        """The actor an object stands for: itself, or the agent of an event it names
        ("criticise Russia's invasion" -> Russia), the accuser behind "the accusation", or its
        owner ("praised China's role" -> China); with ``places``, where it is ("struck a station in X")."""
        if token.pos_ == "PRON" and token.lower_ in ("it", "this", "that"):
            event = self._event_antecedent(token)  # "Russia's invasion ... Biden called it an attack"
            if event:
                return event
        if self.lex.is_a(token.lemma_, "quantity") or self.lex.is_a(token.lower_, "quantity"):
            for prep in self._children(token, "prep", "of"):  # "sanctions on dozens of Russian companies"
                for pobj in self._children(prep, "pobj"):
                    found = self._target(pobj, places)
                    if found:
                        return found
        direct = self.ctx.arg(token)
        if direct:
            return direct
        reported = self._reported_claim(token)
        if reported is not None:
            return [replace(m, via="description") for m in reported[0]]
        clause = self._clause_of_apposition(token)
        if clause is not None and (self.lex.is_a(token.lemma_, "act_noun") or self.lex.is_a(token.lemma_, "claim_object")):
            # "X recognised Y, a move condemned by NATO": the move is X's; "Washington said ..., an
            # allegation Damascus dismissed": the allegation is Washington's
            if self.lex.is_a(token.lemma_, "claim_object") and clause.dep_ == "ccomp" and self.lex.is_a(clause.head.lemma_, "speech"):
                clause = clause.head  # "Kyiv said Russia shelled the plant, an allegation ...": Kyiv's allegation
            found = self.subjects(clause)[0]
            if found:
                return [replace(m, via="description") for m in found]
        if self.lex.is_a(token.lemma_, "claim_object") and not self._children(token, "poss"):
            earlier = [(i, m) for i, m, _ in self.accusers if i < token.i]
            if earlier:  # "Moscow rejected the accusation": the last accuser (all who made it together)
                last = earlier[-1][0]
                return list({m.actor.id: replace(m, via="description") for i, m in earlier if i == last}.values())
        if self.lex.is_a(token.lemma_, "act_noun") and token.dep_ in ("dobj", "oprd") and self._judging(token.head) and any(
                c.lower_ in ("the", "this", "that", "these") for c in token.children) and not self.ctx._owners(token):
            actor = self._last_actor(token)  # "Japan's cabinet voted to ... Moon condemned the decision as reckless"
            if actor:
                return [replace(actor, via="description")]
        if self.lex.is_a(token.lemma_, "denial_object") and token.dep_ == "dobj" and self.lex.is_a(token.head.lemma_, "denial_verb"):
            deniers = {m.actor.id for m in self.subjects(token.head)[0]}
            earlier = [m for i, m, accused in self.accusers if i < token.i and accused in deniers]
            if earlier:  # "Y accused X ... X denied any involvement": X rejects Y
                return [replace(earlier[-1], via="description")]
            return []
        events = [c for c in self.lex.cues("noun", token.lemma_) if c.frame == "event"]
        for cue in events:
            agents, _ = self._noun_agents(token, cue)
            if not agents and token.dep_ == "dobj":
                # "attacked the recognition of Jerusalem by Trump", with "by" attached to the verb
                agents = [m for p in self._children(token.head, "prep", "by") for o in self._children(p, "pobj") for m in self.ctx.arg(o)]
            if agents:
                return [replace(m, via="modifier") for m in agents]
        if events and token.dep_ in ("dobj", "nsubjpass") and self._judging(token.head) and any(
                c.lower_ in ("the", "these", "this", "those", "that") for c in token.children):
            kinds = {c.relation for c in events}
            kinds |= {r for r, t in RELATIONS.items() if t.parent in kinds}  # "the attack" after "invaded"
            earlier = self._earlier_event(token, kinds)
            if earlier:  # "Israel struck Gaza on Monday. Iran condemned the strikes."
                return earlier
        if events:
            return []  # an event's "of" phrase names what it acts on, not who did it
        owners = self.ctx.arg(token, allow_modifier=True)
        if not owners and token.dep_ == "dobj":
            owners = [replace(m, via="modifier") for m in self._late_agent(token)]
        if not owners and places:
            preps = list(token.children)
            if token.dep_ == "dobj":  # "struck a watchtower at UNIFIL's headquarters", the phrase on the verb
                preps += [p for p in token.head.children if p.i > token.i]
            for prep in preps:
                if prep.dep_ == "prep" and prep.lower_ in ("in", "near", "outside", "across", "inside", "at"):
                    for pobj in self._children(prep, "pobj"):
                        em = self.ctx.entity_at(pobj)
                        if em is not None:
                            owners.append(replace(em.mention(place=em.actor.type != "country" and em.place is not None), via="modifier"))
                        elif pobj.pos_ == "PROPN":  # a place NER missed ("a station in Kramatorsk")
                            owners.append(self.ctx.place_mention(pobj))
                        else:  # "a watchtower at UNIFIL's headquarters"
                            owners += [replace(m, via="modifier") for m in self.ctx.arg(pobj, allow_modifier=True)]
        return owners

    def _earlier_event(self, token: Token, relations: set[str]) -> list[Mention]:
        """Who did the act a definite event noun refers back to: the subjects of the last affirmed
        relation of that kind found before it, in this sentence or the two before."""
        first = self.doc[max(token.sent.start - 1, 0)].sent
        first = self.doc[max(first.start - 1, 0)].sent.start
        found = [r for r in self.found.values() if r.relation in relations and r.polarity == "affirmed"
                 and first <= self._token_at(r.evidence.sentence_start) < token.i]
        if not found:
            return []
        last = max(r.evidence.sentence_start for r in found)
        return list({r.subject.actor.id: replace(r.subject, via="description") for r in found
                     if r.evidence.sentence_start == last}.values())

    def _token_at(self, char: int) -> int:
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        return span.start if span is not None else len(self.doc)

    def _inner_with(self, token: Token) -> list[Mention]:
        """Actors of a 'with' phrase inside a noun phrase: the other party of what it names."""
        return [m for t in token.subtree if t.dep_ == "prep" and t.lower_ == "with" and t.i > token.i
                for o in self._children(t, "pobj") for m in self.ctx.arg(o)]

    def _claim_subject(self, verb: Token) -> Token | None:
        """The small model often reads "..., a charge La Paz denied" with the claim noun as a second
        subject, or "..., charges Israel rejected" with "charges" as a verb: the claim, when so."""
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        claims = [c for c in subjects if c.pos_ == "NOUN" and self.lex.is_a(c.lemma_, "claim_object")]
        if claims and len(subjects) > 1 and claims[0].i < subjects[-1].i:
            return claims[0]
        head = verb.head
        if verb.dep_ == "ccomp" and head.pos_ == "VERB" and self.lex.is_a(head.lemma_, "claim_object") and head.tag_ == "VBZ" \
                and head.i > 0 and self.doc[head.i - 1].text == "," and any(c.dep_ in SUBJECT_DEPS for c in verb.children):
            return head
        return None

    def _reported_claim(self, noun: Token) -> tuple[list[Mention], list[Mention]] | None:
        """'Kyiv said Russian forces shelled the plant, an allegation Moscow dismissed': a claim noun in
        apposition inside reported speech sums up what the speaker said. Returns (claimants, the
        actors the reported clauses are about), or None when no speech verb governs the noun."""
        if not self.lex.is_a(noun.lemma_, "claim_object") or noun.dep_ not in ("appos", "npadvmod", "dep"):
            return None
        node, path = noun.head, []
        while not (self.lex.is_a(node.lemma_, "speech") and node.pos_ in ("VERB", "AUX")):
            if node.head == node:
                return None
            path.append(node)
            node = node.head
        claimants, _ = self.subjects(node)
        if not claimants:
            return None
        claimed = {m.actor.id for m in claimants}
        about = [m for v in path if v.pos_ in ("VERB", "AUX") for m in self._surface_subjects(v) if m.actor.id not in claimed]
        return claimants, about

    def _allegation(self, noun: Token) -> None:
        """The speaker of a reported claim accuses whom it is about, when they are the ones who reject it
        ("Washington said Assad's government carried out the attack, an allegation Damascus dismissed")."""
        reported = self._reported_claim(noun)
        if reported is None:
            return
        claimants, about = reported
        rejecters = {m.actor.id for v in noun.children if v.dep_ in ("relcl", "acl", "ccomp")
                     for c in self.lex.cues("verb", v.lemma_) if c.relation == "rejects" for m in self.subjects(v)[0]}
        accused = [m for m in about if m.actor.id in rejecters]
        self._emit_all("accuses", claimants, accused, noun, "allegation", "112", 1)

    def _clause_of_apposition(self, noun: Token) -> Token | None:
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

    def _judging(self, verb: Token) -> bool:
        """A verb that passes judgement on its object: praise, criticism, rejection, or 'call X Y'."""
        return self.lex.is_a(verb.lemma_, "evaluative") or any(
            c.relation in ("criticizes", "praises", "rejects", "supports", "opposes") for c in self.lex.cues("verb", verb.lemma_))

    def _last_actor(self, token: Token) -> Mention | None:
        """Who did the act that 'the move' or 'the decision' names: the owner of the nearest owned
        act before it in its sentence ("the ICC prosecutor's request ..., calling the move absurd"),
        else the subject of the previous sentence."""
        for earlier in reversed(list(token.sent)[: token.i - token.sent.start]):
            if earlier.pos_ == "NOUN" and (self.lex.is_a(earlier.lemma_, "act_noun") or self.lex.is_a(earlier.lemma_, "claim_object")
                                          ):
                owners = self.ctx._owners(earlier, of=False)
                if owners:
                    return owners[0]
        sents = [s for s in self.doc.sents if s.start <= token.i][-2:]
        if len(sents) == 2:
            root = sents[0].root
            for subject in (c for c in root.children if c.dep_ in SUBJECT_DEPS):
                found = self.ctx.arg(subject)
                if found:
                    return found[0]
        return None

    def _event_antecedent(self, pronoun: Token) -> list[Mention]:
        """An event noun that 'it' refers back to: the subject of this or the previous sentence."""
        sents = [s for s in self.doc.sents if s.start <= pronoun.i][-2:]
        for sent in reversed(sents):
            for token in sent:
                if token.i >= pronoun.i or token.dep_ not in SUBJECT_DEPS:
                    continue
                for cue in self.lex.cues("noun", token.lemma_):
                    if cue.frame == "event":
                        agents, _ = self._noun_agents(token, cue)
                        if agents:
                            return [replace(m, via="pronoun") for m in agents]
        return []

    def _late_agent(self, obj: Token) -> list[Mention]:
        """'attacked the proclamation of X as Y by Trump': a 'by' phrase after an active verb's
        object names the object's author, wherever the parser attached it."""
        verb = obj.head
        skip = {t.i for t in verb.subtree if t.dep_ in CLAUSE_BOUNDARY or t.dep_ == "acl" for t in t.subtree}
        for token in verb.subtree:
            if token.i > obj.i and token.i not in skip and token.lower_ == "by" and token.dep_ in ("prep", "agent"):
                found = [m for o in self._children(token, "pobj") for m in self.ctx.arg(o)]
                if found:
                    return found
        return []

    def _verb(self, verb: Token, cue: Cue) -> None:
        if not self._meets(verb, cue):
            return
        adjectival = verb.dep_ == "amod" or (
            verb.dep_ in ("xcomp", "advcl", "acl") and not self._children(verb.head, "dobj")
            and not any(c.dep_ in SUBJECT_DEPS for c in verb.children))
        if verb.tag_ == "VBG" and adjectival and cue.relation == "visits":
            self._visiting(verb, cue)  # "told visiting US Secretary of State Antony Blinken"
            return
        subjects, hops = self.subjects(verb)
        objects = self._objects(verb, cue)
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        participle = self._participle(verb)
        method = "passive" if passive else "participle" if participle else "verb"
        relation, cameo = cue.relation, cue.cameo
        if cue.has("sense"):
            relation, cameo = self._sense(verb, objects, relation, cameo)
        if cue.object_types:
            objects = [o for o in objects if o.actor.type in cue.object_types]
        if relation in ("attacks", "criticizes", "threatens") and self._coercive_instrument(verb):
            relation, cameo = "sanctions", "163"  # "hit Russia with sanctions", "targeted China with tariffs"
        if relation == "attacks" and objects and all(self._repression_target(o) for o in objects):
            relation, cameo = "represses", "175"  # "police fired tear gas at protesters"
        if relation == "leader_of" and objects and all(o.via == "role" for o in objects):
            relation = "represents"  # "led the Russian delegation": a delegate, not the state's leader
        if objects:
            self._emit_all(relation, subjects, objects, verb, method, cameo, hops, cue, inverse=cue.has("inverse"))
        elif cue.has("reciprocal") and len(subjects) > 1:
            inner = [m for d in self._children(verb, "dobj") for m in self._inner_with(d)]
            if inner:  # "the UAE and Bahrain signed agreements normalising relations with Israel"
                self._emit_all(relation, subjects, inner, verb, method, cameo, hops, cue)
                return
            for i, a in enumerate(subjects):
                for b in subjects[i + 1 :]:
                    self._emit(relation, a, b, verb, "reciprocal", cameo, hops, cue, reciprocal=True)
        if cue.has("between"):
            parties = self._between(verb)
            if not parties and cue.relation == "mediates":  # "a deal brokered by Qatar", "mediated the truce"
                deal = self._children(verb, "dobj") + self._children(verb, "nsubjpass")
                if not deal and verb.dep_ in ("acl", "amod", "relcl"):
                    deal = [verb.head]
                parties = [m for d in deal for m in self._deal_parties(d)]
                mediators = {s.actor.id for s in subjects}
                parties = [p for p in parties if p.actor.id not in mediators]  # no one mediates with themselves
            self._emit_all(relation, subjects, parties, verb, method, cameo, hops, cue)

    def _repression_target(self, mention: Mention) -> bool:
        """Protesters, dissidents, the opposition: whom a state represses rather than fights."""
        words = mention.actor.label.lower().split()
        return mention.actor.type == "group" and bool(words) and (
            self.lex.is_a(words[-1], "repression_target") or self.lex.is_a(words[-1].rstrip("s"), "repression_target"))

    def _visiting(self, verb: Token, cue: Cue) -> None:
        """'told visiting US Secretary of State Antony Blinken in Beijing': the visitor is the noun the
        participle qualifies; the host is where the clause happens, if it says."""
        if verb.dep_ == "amod":
            visitors, clause = self.ctx.arg(verb.head), verb.head.head
        else:  # parsed as a complement of the clause's verb, the visitor as its object
            visitors, clause = [m for d in self._children(verb, "dobj") for m in self.ctx.arg(d)], verb
        hosts = []
        for prep in clause.children if clause.pos_ in ("VERB", "AUX") else []:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "at"):
                for pobj in self._children(prep, "pobj"):
                    hosts += self.ctx.arg(pobj)
        self._emit_all("visits", visitors, hosts, verb, "participle", cue.cameo, 1, cue)

    def _coercive_instrument(self, verb: Token) -> bool:
        """A 'with' phrase naming a sanction-like measure: the lexicon's own sanctions nouns."""
        heads = [o for p in self._children(verb, "prep", "with") for o in self._children(p, "pobj")]
        heads += [o for h in heads if self.lex.is_a(h.lemma_, "quantity")  # "a fresh round of sanctions"
                  for p in self._children(h, "prep", "of") for o in self._children(p, "pobj")]
        return any(cue.relation == "sanctions" for o in heads for cue in self.lex.cues("noun", o.lemma_)
                   if not cue.require or self._meets(o, cue))

    def _sense(self, verb: Token, objects: list[Mention], relation: str, cameo: str | None) -> tuple[str, str | None]:
        """'attacked the proclamation' or 'attacked Trump' is criticism; 'attacked the supertanker' is an attack."""
        heads = self._children(verb, "dobj") + self._children(verb, "nsubjpass")
        abstract = any(self.lex.is_a(h.lemma_, "abstract") for h in heads)
        personal = objects and all(m.actor.type == "person" for m in objects) and not any(self.lex.is_a(h.lemma_, "state_agent") for h in heads)
        if abstract or personal:
            return "criticizes", "111"
        return relation, cameo

    def _deal_parties(self, noun: Token, look_back: bool = True) -> list[Mention]:
        """The parties of an agreement or talks: its 'between' phrase; else the coordinated subjects
        of the clause it sits in ("Saudi Arabia and Iran agreed ... in a deal brokered by China");
        else, for "the deal" or "the truce", the last agreement named before it with its parties."""
        parties = self._between(noun)
        if len(parties) > 1:
            return parties
        node = noun
        for _ in range(7):  # up the tree to a clause with two or more subjects (not the mediators')
            node = node.head
            if node.pos_ in ("VERB", "AUX") and not any(c.relation == "mediates" for c in self.lex.cues("verb", node.lemma_)):
                found = self._surface_subjects(node)
                if len(found) > 1:
                    return found
            if node.head == node:
                break
        if look_back and any(c.lower_ in ("the", "this", "that") for c in noun.children):
            for earlier in reversed(list(self.doc[max(noun.sent.start - 80, 0) : noun.i])):
                if any(c.has("between") for c in self.lex.cues("noun", earlier.lemma_)) and earlier.i != noun.i:
                    found = self._deal_parties(earlier, look_back=False)  # "signed a ceasefire ... brokered the talks"
                    if len(found) > 1:
                        return found
        return []

    def _between(self, token: Token) -> list[Mention]:
        found: list[Mention] = []
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ == "between":
                for pobj in self._children(prep, "pobj"):
                    found += self.ctx.arg(pobj)
        return found

    def _party_pairs(self, noun: Token, parties: list[Mention]) -> list[tuple[Mention, Mention]]:
        """Who faces whom among 'between' parties: every pair ("between A, B and C"), but the first
        against each of the rest in "between Iran and the United States, Britain, France ..."."""
        pairs = [(a, b) for i, a in enumerate(parties) for b in parties[i + 1 :]]
        firsts = [o for p in self._children(noun, "prep", "between") for o in self._children(p, "pobj")]
        if len(parties) > 2 and firsts:
            first = firsts[0]
            others = {t.i for c in first.children if c.dep_ in ("conj", "cc", "punct") for t in c.subtree}
            end = max(t.i for t in first.subtree if t.i not in others) + 1  # just after the first party
            if end < len(self.doc) and self.doc[end].lower_ == "and" and any(self.doc[j].text == "," for j in range(end, min(first.sent.end, len(self.doc)))):
                hub = parties[0].actor.id
                pairs = [(a, b) for a, b in pairs if hub in (a.actor.id, b.actor.id)]
        return pairs

    def _demand(self, verb: Token) -> None:
        """'Wang told Blinken that Washington must stop ...': a demand on the reported subject."""
        comps = self._children(verb, "ccomp") + [c for x in self._children(verb, "xcomp") for c in self._children(x, "ccomp")]
        for comp in comps:
            if not any(c.dep_ == "aux" and self.lex.is_a(c.lower_, "content_modal") for c in comp.children):
                continue
            subject = [s for s in comp.children if s.dep_ in SUBJECT_DEPS]
            if not subject or subject[0].conjuncts:
                continue  # "Beijing and Canberra should ...": a shared resolve, not a demand
            targets = self.ctx.arg(subject[0])
            speakers, hops = self.subjects(verb)
            own = {self.ctx.affiliation.get(s.actor.id, s.actor).id for s in speakers}
            targets = [t for t in targets if t.actor.id not in own]
            self._emit_all("urges", speakers, targets, comp, "verb", "02", hops + 1)

    def _evaluation(self, verb: Token) -> None:
        """'X called Y's order swift and decisive' (praise), '... reckless' (criticism),
        'called the US allegations a smear campaign' (a rejection of the accuser)."""
        predicates = [c for c in verb.children if c.dep_ in ("oprd", "ccomp", "xcomp", "acomp")]
        objects = self._children(verb, "dobj") or [c for c in verb.children if c.dep_ == "oprd" and c.pos_ in ("NOUN", "PROPN")]
        for comp in [c for c in verb.children if c.dep_ == "ccomp"]:  # "found the strike justified"
            objects += [c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass")]
            predicates += [c for c in comp.children if c.dep_ in ("acomp", "oprd", "attr")]
        words = [w for p in predicates for w in p.subtree if w.dep_ not in ("det",)]
        kinds = {k for w in words for k in ("praise_word", "blame_word", "dismissal") if self.lex.is_a(w.lemma_, k) or self.lex.is_a(w.lower_, k)}
        if not kinds or not objects:
            return
        subjects, hops = self.subjects(verb)
        for obj in objects:
            if "dismissal" in kinds and self.lex.is_a(obj.lemma_, "claim_object"):
                relation, cameo = "rejects", "12"
            elif "blame_word" in kinds or "dismissal" in kinds:
                relation, cameo = "criticizes", "111"
            else:
                relation, cameo = "praises", "051"
            targets = self._target(obj)
            self._emit_all(relation, subjects, targets, verb, "evaluation", cameo, hops)

    # -- nouns -------------------------------------------------------------------
    def _noun_agents(self, noun: Token, cue: Cue, hops: int = 0) -> tuple[list[Mention], int]:
        """Who does what an event noun names: possessor, compound, demonym, 'by'/'from' phrase,
        or the subject of a light verb ("imposed sanctions") up the tree."""
        found: list[Mention] = []
        patient_preps = set(cue.preps())
        for child in noun.children:
            if child.dep_ == "poss":
                found += self.ctx.arg(child)
            elif child.dep_ == "amod" and child.tag_ == "VBN" and child.lemma_ in ("lead", "back", "sponsor", "support"):
                found += self._agents(child)  # "the US-led war", "a Saudi-backed offensive"
            elif child.dep_ in ("compound", "amod", "nmod"):
                em = self.ctx.entity_at(child)
                if em is not None and em.actor.type not in ("group",) and not self._is_pair_compound(noun):
                    found.append(em.mention())
                elif em is None and child.pos_ == "NOUN" and not self._is_pair_compound(noun):
                    for sub in child.children:  # "a US drone strike": the state modifies the weapon
                        inner = self.ctx.entity_at(sub) if sub.dep_ in ("compound", "amod", "nmod") else None
                        if inner is not None and inner.actor.type in ("country", "organisation"):
                            found.append(inner.mention())
            elif child.dep_ == "acl" and child.tag_ == "VBN" and self.lex.is_a(child.lemma_, "instigate"):
                found += self._agents(child)  # "a strike ordered by Trump", "raids carried out by the army"
            elif child.dep_ in ("prep", "agent") and child.lower_ in ("by", "from") and child.lower_ not in patient_preps:
                for pobj in self._children(child, "pobj"):
                    found += self.ctx.arg(pobj)
        if found:
            return found, hops
        head = noun.head
        if hops > 3 or head == noun:
            return [], hops
        if noun.dep_ == "dobj" and self.lex.is_a(head.lemma_, "reaction_verb"):
            found = [m for p in self._children(head, "prep", "from") for o in self._children(p, "pobj") for m in self.ctx.arg(o)]
            if found:  # "drew condemnation from the Arab League", the phrase on the verb
                return found, hops
        if noun.dep_ == "dobj" and self.lex.is_a(head.lemma_, "light") and not any(
                c.relation == "mediates" for c in self.lex.cues("verb", head.lemma_)):
            return self.subjects(head, hops + 1)
        if noun.dep_ == "dobj" and self.lex.is_a(head.lemma_, "mediator") and cue.relation not in ("agrees_with", "meets"):
            return self.subjects(head, hops + 1)  # a mediator is no party to the deal it brokers
        if noun.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in ("into", "in", "to") and self.lex.is_a(head.head.lemma_, "light"):
            return self.subjects(head.head, hops + 1)  # "entered into an agreement with", "went to war with"
        if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ in ("NOUN", "PROPN"):
            # "the provision of assistance", "no thought of retaliation": the outer noun's agent
            return self._noun_agents(head.head, cue, hops + 1)
        if noun.dep_ == "pobj" and head.lower_ == "with" and head.head.pos_ == "VERB" and (
                cue.lemma in ("support", "backing", "help", "aid", "assistance") or cue.relation in ("sanctions", "attacks", "threatens")):
            return self.subjects(head.head, hops + 1)  # "hit back with duties of its own on American soybeans"
        if noun.dep_ == "conj" and head.pos_ in ("NOUN", "PROPN"):
            return self._noun_agents(head, cue, hops + 1)
        if noun.dep_ == "pobj" and head.lower_ == "for" and self.lex.is_a(head.head.lemma_, "responsibility") \
                and head.head.head.pos_ in ("VERB", "AUX"):
            return self.subjects(head.head.head, hops + 1)  # "Hamas claimed responsibility for a rocket attack on"
        if noun.dep_ == "pobj" and self.lex.is_a(head.lower_, "temporal_prep"):
            clause = head.head  # "praised X('s efforts) during a trip to Beijing"
            while clause.pos_ not in ("VERB", "AUX") and clause.dep_ in ("dobj", "pobj", "prep", "attr") and clause.head != clause:
                clause = clause.head
            if clause.pos_ in ("VERB", "AUX"):
                return self.subjects(clause, hops + 1)
        if noun.dep_ == "pobj" and head.lower_ == "in" and cue.has("reciprocal") and head.head.pos_ in ("VERB", "AUX"):
            return self._surface_subjects(head.head), hops + 1  # "soldiers were killed in fighting with ..."
        return [], hops

    def _is_pair_compound(self, noun: Token) -> bool:
        """'China-Russia relations': two actors compounded name the parties, not an agent."""
        ents = [c for c in noun.subtree if c.i < noun.i and self.ctx.entity_at(c) is not None]
        return len({self.ctx.entity_at(c).actor.id for c in ents}) > 1 and any(t.text == "-" for t in noun.subtree)

    def _noun_patients(self, noun: Token, cue: Cue) -> list[Mention]:
        found: list[Mention] = []
        holders = [noun] + [c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"]
        for holder in holders:
            for prep in holder.children:
                if prep.dep_ == "prep" and prep.lower_ in cue.preps() and prep.lower_ != "between":
                    for pobj in self._children(prep, "pobj"):
                        found += self._target(pobj)
        if not found and cue.relation == "meets" and noun.dep_ == "pobj" and self.lex.is_a(noun.head.lower_, "temporal_prep"):
            verb = noun.head.head  # "Biden warned Putin during a video call"
            if any(c.relation == "meets" for c in self.lex.cues("verb", verb.lemma_)) or self._negations(verb):
                return found  # "refused to meet Trudeau at the summit": the verb says whether they met
            if not (self.lex.cues("verb", verb.lemma_) or self.lex.is_a(verb.lemma_, "speech")):
                return found  # "readmitted Syria at a summit": no exchange between them
            for obj in self._children(verb, "dobj") + self._children(verb, "dative"):
                found += [m for m in self.ctx.arg(obj) if m.actor.type in ("person", "country", "organisation")]
        if not found and noun.dep_ == "dobj" and self.lex.is_a(noun.head.lemma_, "reaction_verb"):
            for subject in (c for c in noun.head.children if c.dep_ in SUBJECT_DEPS):
                found += self._target(subject)  # "the invasion drew condemnation from Western capitals"
            if not any(c.dep_ in SUBJECT_DEPS for c in noun.head.children):
                found += self.subjects(noun.head)[0]  # "..., drawing condemnation from Japan"
        if not found and cue.relation == "sanctions":
            for prep in noun.children:  # "a ban on flights to Georgia", "tariffs on $34 billion of Chinese imports"
                if prep.dep_ == "prep" and prep.lower_ in cue.preps():
                    for pobj in self._children(prep, "pobj"):
                        by = {t.i for p in pobj.subtree if p.lower_ == "by" and p.dep_ == "prep" for t in p.subtree}
                        for inner in pobj.subtree:  # not "flights by Russian airlines"
                            em = self.ctx.entity_at(inner)
                            if em is not None and em.actor.type in ("country", "organisation") and inner == em.span.root and inner.i not in by:
                                found.append(em.mention())
            for acl in (c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBG"):
                found += [m for d in self._children(acl, "dobj") for m in self._target(d)]  # "controls barring Chinese firms"
        if not found and cue.relation == "visits" and noun.dep_ == "pobj":
            clause = noun.head.head  # "signed in New Delhi during a visit by X"
            for prep in self._children(clause, "prep"):
                if prep.lower_ in ("in", "at") and prep.i < noun.i:
                    found += [m for o in self._children(prep, "pobj") for m in self.ctx.arg(o)]
        instrument = noun.dep_ == "pobj" and noun.head.lower_ == "with" and noun.head.head.pos_ == "VERB"
        if not found and ((noun.dep_ == "dobj" and self.lex.is_a(noun.head.lemma_, "light")) or instrument):
            verb = noun.head if noun.dep_ == "dobj" else noun.head.head  # "responded with airstrikes on Gaza"
            for prep in verb.children:  # "imposed sanctions on X" with the phrase on the verb
                if prep.dep_ == "prep" and prep.lower_ in cue.preps() and prep.lower_ != "between":
                    for pobj in self._children(prep, "pobj"):
                        found += self._target(pobj)
        if not found and noun.dep_ == "pobj" and noun.head.lower_ in ("under", "with"):
            # "Turkey is under EU sanctions"; "Kenya won the seat with backing from the AU"
            verb = noun.head.head
            if verb.pos_ in ("VERB", "AUX") and (noun.head.lower_ == "under" or cue.relation == "supports"):
                found += self.subjects(verb)[0]
        return found

    def _event(self, noun: Token, cue: Cue) -> None:
        agents, hops = self._noun_agents(noun, cue)
        patients = self._noun_patients(noun, cue)
        method = "light_verb" if hops else "nominal"
        relation, cameo = cue.relation, cue.cameo
        if cue.lemma == "tie" and self._trend_direction(noun) == "lowers":
            relation, cameo = "opposes", "110"
        if cue.lemma == "sanction" and noun.dep_ == "dobj" and noun.head.lemma_ in ("condemn", "criticise", "criticize", "oppose", "reject"):
            return
        parties = self._between(noun) if cue.has("between") else []
        if cue.relation == "mediates" and agents and len(parties) < 2:
            parties = self._deal_parties(noun)  # "after months of mediation by Ankara"
        if len(parties) > 1 and not patients:
            governor = noun.head if noun.dep_ == "dobj" else None
            brokered = governor is not None and self.lex.is_a(governor.lemma_, "mediator")
            if brokered and not agents:  # "promoting peace talks between Kyiv and the Kremlin"
                agents, hops = self.subjects(governor, hops + 1)
            mediating = cue.relation == "mediates" or brokered
            if mediating and agents:
                mediators = [a for a in agents if a.actor.id not in {p.actor.id for p in parties}]
                self._emit_all("mediates", mediators, parties, noun, "light_verb" if hops else "nominal", "045", hops)
                return
            if cue.has("reciprocal"):
                for a, b in self._party_pairs(noun, parties):
                    self._emit(relation, a, b, noun, "reciprocal", cameo, hops, cue, reciprocal=True)
                return
        if not patients and cue.has("reciprocal") and len(agents) > 1 and self._inner_with(noun):
            patients = self._inner_with(noun)  # "signed agreements normalising relations with Israel"
        if not patients and cue.has("reciprocal") and len(agents) > 1:
            kinds = [(relation, cameo, cue)] + [
                (c.relation, c.cameo, c) for m in noun.children if m.dep_ == "compound"
                for c in self.lex.cues("noun", m.lemma_) if c.has("reciprocal") and c.relation != relation]
            for rel, code, entry in kinds:  # "a strategic partnership treaty": an agreement and an alliance
                for i, a in enumerate(agents):
                    for b in agents[i + 1 :]:
                        self._emit(rel, a, b, noun, "reciprocal", code, hops, entry, reciprocal=True)
            return
        self._emit_all(relation, agents, patients, noun, method, cameo, hops, cue)

    def _members(self, token: Token) -> None:
        """'the BRICS group of Brazil, Russia, India, China and South Africa': each is a member."""
        body = self.ctx.entity_at(token)
        if body is None or body.span.root != token:
            if not self.lex.value(token.lemma_, "back_ref"):
                return
            named = [self.ctx.entity_at(c) for c in token.children if c.dep_ in ("compound", "nmod")]
            body = next((em for em in named if em is not None and em.actor.type in ("organisation", "group")), None)
        if body is None or body.actor.type not in ("organisation", "group") or body.span.label_ == "NORP":
            return
        for prep in self._children(token, "prep", "of"):
            members = [m for o in self._children(prep, "pobj") for m in self.ctx.arg(o) if m.actor.type == "country"]
            self._emit_all("member_of", members, [body.mention()], token, "relational", None, 0)

    def _trend_direction(self, noun: Token) -> str | None:
        """'relations have plummeted' -> lowers; 'ties remain steadfast' -> raises."""
        if noun.dep_ not in ("nsubj", "nsubjpass"):
            return None
        verb = noun.head
        words = [verb] + [c for c in verb.children if c.dep_ in ("acomp", "attr", "conj")]
        for w in words:
            if self.lex.is_a(w.lemma_, "lowers_relations") or self.lex.is_a(w.lower_, "lowers_relations"):
                return "lowers"
        for w in words:
            if self.lex.is_a(w.lemma_, "raises_relations") or self.lex.is_a(w.lower_, "raises_relations"):
                return "raises"
        return None

    def _trend(self, noun: Token) -> None:
        direction = self._trend_direction(noun)
        if direction is None or noun.lemma_ == "tie":
            return
        relation, cameo = ("opposes", "110") if direction == "lowers" else ("allies_with", "05")
        sides: list[Mention] = []
        for child in noun.children:
            if child.dep_ == "poss":
                sides += self.ctx.arg(child)
            elif child.dep_ in ("compound", "amod", "nmod"):
                for t in child.subtree:
                    em = self.ctx.entity_at(t)
                    if em is not None and em.actor.type != "group":
                        sides.append(em.mention())
        others: list[Mention] = []
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ in ("with", "between"):
                for pobj in self._children(prep, "pobj"):
                    others += self.ctx.arg(pobj)
        unique = list({m.actor.id: m for m in sides + others}.values())
        pairs = [(a, b) for a in sides for b in others] if sides and others else [
            (a, b) for i, a in enumerate(unique) for b in unique[i + 1 :]]
        for a, b in pairs:
            self._emit(relation, a, b, noun, "trend", cameo, 0, reciprocal=True)

    def _holders(self, token: Token, depth: int = 0) -> tuple[list[Mention], str]:
        """Whom a relational noun or adjective describes ("X, an ally of Y"; "X is an ally of Y")."""
        if depth > 3:
            return [], "relational"
        for child in token.children:
            if child.dep_ == "appos":
                em = self.ctx.entity_at(child)
                if em is not None:
                    return [em.mention()], "relational"
        head, dep = token.head, token.dep_
        if dep == "appos" and head.dep_ == "pobj" and head.head.head.lower_ == "according":
            clause = head.head.head.head  # "YPG is ..., according to Turkey, supportive of the PKK"
            return self._surface_subjects(clause), "relational"
        if dep == "appos":
            return self.ctx.arg(head), "relational"
        if dep in ("attr", "acomp") and head.lemma_ in ("be", "remain", "become", "seem", "appear"):
            return self.subjects(head)[0], "relational"
        if dep in ("compound", "nmod", "amod") and self.ctx.entity_at(head) is not None:
            return self.ctx.arg(head), "relational"
        if dep in ("amod", "acl") and head.pos_ in ("NOUN", "PROPN"):
            return self.ctx.arg(head), "relational"  # "militias associated with Iran"
        if dep == "pobj" and head.lower_ == "of" and head.head.lower_ in ("one", "some", "many", "among"):
            return self._holders(head.head, depth + 1)
        if dep == "pobj" and head.lower_ == "among":
            return self._holders(head, depth + 1)
        if dep == "conj":
            return self._holders(head, depth + 1)
        if dep == "pobj" and head.lower_ == "as" and head.head.pos_ == "VERB":
            return [m for d in self._children(head.head, "dobj") for m in self.ctx.arg(d)], "as"
        return [], "relational"

    def _relational(self, token: Token, cue: Cue) -> None:
        holders, method = self._holders(token)
        if not holders:
            return
        partners: list[Mention] = []
        for slot in cue.slots:
            if slot.startswith("prep:"):
                word = slot.split(":", 1)[1]
                for prep in token.children:
                    if prep.dep_ == "prep" and prep.lower_ == word:
                        for pobj in self._children(prep, "pobj"):
                            partners += self.ctx.arg(pobj)
            else:
                for child in token.children:
                    if child.dep_ == slot or (slot == "compound" and child.dep_ == "nmod"):
                        em = self.ctx.entity_at(child)
                        if em is not None and em.actor.type != "group":
                            partners.append(em.mention())
                        elif child.dep_ == "poss":
                            partners += self.ctx.arg(child)
        if method == "as":  # "India counts Russia as a partner": the partner of Russia is India
            method = "relational"
            if not partners:
                partners = self.subjects(token.head.head)[0]
        holder_ids = {h.actor.id for h in holders}
        partners = [p for p in partners if p.actor.id not in holder_ids]
        self._emit_all(cue.relation, holders, partners, token, method, cue.cameo, 0, cue)

    # -- qualities -------------------------------------------------------------------
    def _chain(self, token: Token):
        """The cue and the words that govern it within reach (up to the sentence root)."""
        current, steps = token, 0
        while current.head != current and steps < 12:
            yield current.dep_, current.head
            current, steps = current.head, steps + 1

    def _negations(self, cue: Token) -> int:
        count = self._local_negation(cue)
        nominal = cue.pos_ in ("NOUN", "PROPN")
        for dep, governor in self._chain(cue):
            if dep in ("ccomp", "xcomp", "dobj", "pcomp") and governor.i < cue.i and self._denies(governor, dep):
                count += 1 + self._local_negation(governor)  # "denied supplying drones", "denied that it had ..."
                break
            if dep in ("acl", "ccomp") and governor.pos_ == "NOUN" and self.lex.is_a(governor.lemma_, "claim_object"):
                if governor.dep_ == "dobj" and self.lex.is_a(governor.head.lemma_, "denial_verb"):
                    count += 1 + self._local_negation(governor.head)  # "dismissed reports that its jets struck"
                break  # "has not commented on reports that ...": what was reported is not negated
            if dep == "advcl" and cue.tag_ == "VBG" and self._negator(governor):
                count += 1 + self._local_negation(governor)  # "ruled out sending troops", parsed as an adverbial
                break
            if dep in CLAUSE_BOUNDARY or dep in ("nsubj", "nsubjpass", "conj", "appos", "relcl"):
                break
            if dep not in ("xcomp", "pcomp", "prep", "pobj", "dobj", "acl", "acomp", "oprd", "attr"):
                break
            if nominal and governor.pos_ in ("VERB", "AUX") and not self.lex.is_a(governor.lemma_, "light") and governor.lemma_ != "be":
                break  # "refused to condemn Moscow over its invasion": the invasion is not denied ("is not an ally" is)
            if self._negator(governor):
                count += 1
            count += self._local_negation(governor)
        return count

    def _interrogative(self, cue: Token) -> bool:
        """A direct question: the quote around the cue, else its sentence, ends with '?'
        ('"Is Venezuela going to invade Guyana?" a reporter asked')."""
        quoted = [(start, end) for start, end, _ in self.ctx.quotes if start <= cue.idx < end]
        if quoted:
            start, end = min(quoted, key=lambda q: q[1] - q[0])
            segment = self.ctx.text[start:end]
        else:
            segment = cue.sent.text
        return segment.rstrip(" \t\n\"'”’»").endswith("?")

    def _negator(self, verb: Token) -> bool:
        """'refused', 'declined', and 'ruled out' with its particle."""
        return self.lex.is_a(verb.lemma_, "negator") and all(
            any(c.dep_ == "prt" and c.lower_ == p for c in verb.children) for p in (self.lex.value(verb.lemma_, "negator") or "").split())

    def _questioned(self, cue: Token) -> bool:
        """Whether the cue sits in an indirect question ("asked whether X would ...") or in the
        condition of a conditional ("... unless Stockholm cracked down on Kurdish militants")."""
        if self._interrogative(cue):
            return True
        below = cue
        for dep, governor in self._chain(cue):
            marks = {c.lower_ for c in below.children if c.dep_ == "mark"}
            if dep in ("ccomp", "advcl", "xcomp") and self.lex.is_a(governor.lemma_, "question_verb") and marks & {"whether", "if"}:
                return True
            if "whether" in marks:
                return True  # "would review whether to send weapons": undecided
            if dep == "advcl" and marks & {"if", "unless"} and not self.lex.is_a(below.lemma_, "continuation"):
                return True  # ("if it kept threatening the US" presupposes the threats)
            if dep in CLAUSE_BOUNDARY:
                break
            below = governor
        return False

    def _denies(self, verb: Token, dep: str) -> bool:
        """Whether a denial verb denies the clause below it: a that-clause or a gerund ("denied
        supplying"), not a noun object ("denied the accusation", which is a rejection)."""
        if self.lex.value(verb.lemma_, "denial_verb") != "clause":
            return False  # "rejected the charge": a rejection, read as such
        if dep in ("ccomp", "xcomp", "pcomp"):
            return True
        return any(c.dep_ == "dobj" and c.tag_ == "VBG" for c in verb.children)

    def _local_negation(self, token: Token) -> int:
        count = 0
        for child in token.children:
            if child.dep_ == "neg":
                count += 1
            elif child.dep_ == "det" and child.lower_ == "no":
                count += 1
            elif child.dep_ == "prep" and child.lower_ == "by" and any(
                p.lower_ == "means" and any(d.lower_ == "no" for d in p.children) for p in child.children
            ):
                count += 1
            elif child.dep_ == "advmod" and child.lower_ in ("never",):
                count += 1
        return count

    def _modality(self, cue: Token) -> str:
        best = "asserted"

        def consider(word: Token, kinds: tuple[str, ...]) -> None:
            nonlocal best
            for modality in ("planned", "hypothetical", "alleged"):
                values = {self.lex.value(word.lower_, f"modal_{modality}"), self.lex.value(word.lemma_, f"modal_{modality}")}
                if values & set(kinds) and MODALITY_RANK[modality] > MODALITY_RANK[best]:
                    best = modality

        def local(token: Token) -> None:
            for child in token.children:
                if child.dep_ in ("aux", "auxpass"):
                    consider(child, ("aux",))
                elif child.dep_ == "amod":
                    consider(child, ("amod",))
                elif child.dep_ == "advmod":
                    consider(child, ("adv",))
                elif child.dep_ == "mark":
                    consider(child, ("mark",))

        local(cue)
        if cue.pos_ in ("NOUN", "PROPN"):
            if any(c.dep_ == "det" and c.lower_ in ("any", "a possible") for c in cue.children):
                best = "hypothetical"  # "any American strike on Iran would ..."
            if cue.dep_ in ("nsubj", "nsubjpass"):
                local(cue.head)
        if cue.pos_ == "VERB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in cue.children):
            if cue.dep_ in ("ROOT", "relcl", "acl") and MODALITY_RANK[best] < MODALITY_RANK["planned"]:
                best = "planned"  # headline infinitive: "Lukashenko to visit China"
        below = cue
        for dep, governor in self._chain(cue):
            if dep in ("nsubj", "nsubjpass", "appos", "relcl"):
                break
            if dep == "acl" and self._participle(below):
                break  # "agreed to restore ties in a deal brokered by China": the brokering happened
            if dep == "pobj" and self.lex.is_a(governor.lower_, "temporal_prep"):
                break  # "pledged to improve relations during a visit by Erdogan": the visit happened
            below = governor
            if dep in ("acl", "ccomp") and governor.pos_ == "NOUN" and self.lex.is_a(governor.lemma_, "claim_object"):
                best = max(best, "alleged", key=MODALITY_RANK.get)  # "reports that Russian jets struck a convoy"
            if dep in ("xcomp", "ccomp", "pcomp", "prep", "pobj", "dobj", "acl", "oprd", "attr", "acomp", "advcl"):
                consider(governor, ("verb",))
                if governor.lemma_ == "report" and any(c.dep_ == "auxpass" for c in governor.children):
                    best = max(best, "alleged", key=MODALITY_RANK.get)  # "were reported to have attacked"
                if dep in ("advcl",) and any(c.dep_ == "mark" and self.lex.value(c.lower_, "modal_hypothetical") for c in cue.children):
                    best = "hypothetical"
                local(governor) if dep in ("xcomp", "pcomp", "prep", "pobj", "dobj") else None
            if dep in ("ccomp",) and not self.lex.is_a(governor.lemma_, "speech"):
                continue
            if dep in CLAUSE_BOUNDARY:
                break
        return best

    def _attribution(self, cue: Token) -> Actor | None:
        """The claimant of a reported statement: 'X said that ...', 'according to X', a quote's speaker."""
        last = ("", cue)
        for dep, governor in self._chain(cue):
            if self._speech_conjunct(last[1]):
                break  # the cue's clause is coordinated with the saying, not reported by it
            for child in governor.children:
                if child.dep_ == "prep" and child.lower_ == "according":
                    for to in child.children:
                        for pobj in self._children(to, "pobj"):
                            found = self.ctx.arg(pobj)
                            if found:
                                return found[0].actor
            if dep in ("advcl", "ccomp") and any(self.lex.is_a(m.lower_, "contrast_mark") or self.lex.is_a(m.lower_, "narrative_mark")
                                                 for m in last[1].children if m.dep_ == "mark"):
                break  # "..., while Denmark accused Iran", "a day after Beijing warned Taipei": the narrator's
            if dep == "advcl" and self.lex.is_a(last[1].lemma_, "reaction_verb"):
                break  # "KCNA said the country had tested a bomb, drawing condemnation from Japan": the narrator's
            if dep in ("relcl", "acl", "ccomp") and governor.pos_ == "NOUN" and self.lex.is_a(governor.lemma_, "claim_object"):
                break  # "..., an allegation Damascus dismissed": the narrator sums up the reaction
            if self.lex.is_a(governor.lemma_, "speech") and self._reported(dep, last, governor):
                speakers = self.subjects(governor)[0]  # the cue is inside what the speaker said
                if speakers:
                    return speakers[0].actor
            last = (dep, governor)
        for child in cue.sent.root.children:  # "..., according to activists"
            if child.dep_ == "prep" and child.lower_ == "according":
                for to in child.children:
                    for pobj in self._children(to, "pobj"):
                        found = self.ctx.arg(pobj)
                        if found:
                            return found[0].actor
        speakers = self.ctx.speaker_at(cue)
        return speakers[0].actor if speakers else None

    def _reported(self, dep: str, below: tuple[str, Token], verb: Token) -> bool:
        """Whether the edge ``dep`` into a speech verb carries what was said: its complement
        ("said that ..."), or a statement it was made in ("said in an editorial that ...")."""
        if dep in ("ccomp", "parataxis", "dobj", "xcomp", "conj"):
            return True
        if dep == "prep" and below[1].lower_ == "in":
            return any(self.lex.is_a(p.lemma_, "statement_noun") for p in self._children(below[1], "pobj"))
        return False

    def _date(self, cue: Token, future: bool) -> str | None:
        date = self.ctx.document.date
        candidates = [cue]
        for dep, governor in list(self._chain(cue))[:3]:
            if dep in CLAUSE_BOUNDARY or dep in ("conj", "nsubj", "nsubjpass"):
                break  # "said in 2018 that ..." dates the saying, not the event
            candidates.append(governor)
        for token in candidates:
            for child in token.children:
                targets = [child] if child.dep_ in ("npadvmod", "tmod") else []
                if child.dep_ == "prep" and child.lower_ in ("on", "in"):
                    targets = self._children(child, "pobj")
                for t in targets:
                    if t.ent_type_ == "DATE":
                        span = next((e for e in self.doc.ents if e.start <= t.i < e.end), None)
                        if span is not None:
                            resolved = resolve_date(span.text, date, future=future)
                            if resolved:
                                return resolved
        return None


def extract_relations(ctx: DocContext) -> list[Relation]:
    """All relation mentions of a resolved document, in text order."""
    return Extractor(ctx).run()
