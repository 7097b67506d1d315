"""Building a relation: the checks every candidate passes, its qualities, its confidence.

:class:`Extraction` is the per-document state of extraction (the resolved context and the
relations found so far). Frames hand it candidates with :meth:`Extraction.emit`; it drops
impossible ones (an actor with itself, a leader that is no person, cooperation with one's own
state, anything asked as a question), reads polarity, modality, attribution and date
(:mod:`.qualities`), scores the confidence and keeps the best reading of each statement.

Confidence starts from the construction (``BASE_CONFIDENCE``, see :mod:`diplograph.extract`)
and loses a little for each indirect step: a pronoun or description 0.10, an owner of the object
0.10, a metonym 0.03, each clause climbed to find the subject 0.05.

    >>> from diplograph.pipeline import extract_text
    >>> [(r.method, r.confidence) for r in extract_text("Beijing condemned Washington.")]
    [('verb', 0.84)]
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Token

from ..agents import agent
from ..lexicon import Cue
from ..model import Actor, Evidence, Mention, Relation
from ..resolve import DocContext
from ..schema import RELATIONS, is_symmetric
from . import qualities

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
    "conditional": 0.75,
    "trend": 0.75,
    "dismissal": 0.75,
    "evaluation": 0.75,
    "allegation": 0.75,
    "gazetteer": 0.7,
}
VIA_PENALTY = {"pronoun": 0.1, "description": 0.1, "modifier": 0.1, "metonym": 0.03, "role": 0.03, "demonym": 0.03}
HOP_PENALTY = 0.05
ROLE_METHODS = {"title", "apposition", "copula", "description", "gazetteer"}  # affiliations stated as facts about a person


@dataclass
class Event:
    """An act read in the text, with whoever the text says did it and to whom (either may be
    missing: "oil facilities were hit by drone strikes" has no doer yet)."""

    token: int
    relation: str
    agents: list[Mention]
    patients: list[Mention]


def press(actor) -> bool:
    """A collective of the press ("reporters", "journalists"): an audience, never a diplomatic partner."""
    found = agent(actor.label.split()[-1]) if actor.type == "group" and actor.label else None
    return found is not None and found.sector.startswith("MED")


class Extraction:
    """What extraction knows of one document while its frames run."""

    def __init__(self, ctx: DocContext):
        self.ctx = ctx
        self.lex = ctx.lex
        self.doc = ctx.doc
        self.found: dict[tuple, Relation] = {}
        self.accusers: list[tuple[int, Mention, str]] = []  # (token index, accuser, accused id): "rejected the accusation"
        self.events: list[Event] = []  # acts read so far, in text order, for "the attacks" and "the strike" later

    def own_side(self, subject: Actor, obj: Actor) -> bool:
        """Whether the object is the subject's own state or a body of it, for a subject that speaks for
        that state: its leader, or the state itself (an opposition figure may well oppose it)."""
        state = self.ctx.leaders.get(obj.id)
        if obj.type == "country" and subject.type == "person":
            return state is not None and state.id == subject.id
        body_state = self.ctx.affiliation.get(obj.id)
        return subject.type == "country" and obj.type == "organisation" and body_state is not None and body_state.id == subject.id

    def remember(self, relation: str, token: Token, agents: list[Mention], patients: list[Mention]) -> None:
        """Keep an act for later references to it ("... claimed responsibility for the attacks")."""
        if agents or patients:
            self.events.append(Event(token.i, relation, list(agents), list(patients)))

    def recall(self, token: Token, relations: set[str], side: str, sentences: int = 6,
               excluding: frozenset[str] = frozenset()) -> list[Mention]:
        """The doers (``side="agents"``) or targets (``"patients"``) of the last act of these kinds
        before a definite reference to it, within a few sentences; ``excluding``: actor ids whose own
        acts are passed over ("Iran vowed revenge": not Iran's vow, the act it answers)."""
        first = token.sent.start
        for _ in range(sentences - 1):
            first = self.doc[max(first - 1, 0)].sent.start
        for event in reversed(self.events):
            found = [m for m in getattr(event, side) if m.actor.id not in excluding
                     and not (side == "agents" and m.actor.type == "location")]  # a place does nothing ("the Salisbury attack")
            if first <= event.token < token.i and event.relation in relations and found:
                return [replace(m, via="description") for m in found]
        return []


    def emit(self, relation: str, subject: Mention, obj: Mention, cue: Token, method: str, cameo: str | None, hops: int,
              cue_entry: Cue | None = None, reciprocal: bool = False) -> None:
        """Record one relation mention if it is possible; keep the best reading of each statement."""
        if subject.actor.id == obj.actor.id:
            return
        if reciprocal and not is_symmetric(relation):  # "traded accusations", "clashed": each did it to the other
            self.emit(relation, subject, obj, cue, method, cameo, hops, cue_entry)
            self.emit(relation, obj, subject, cue, method, cameo, hops, cue_entry)
            return
        if reciprocal and subject.actor.id > obj.actor.id:  # "relations between X and Y": one direction, by id
            subject, obj = obj, subject
        if relation == "leader_of" and subject.actor.type != "person":
            return
        if RELATIONS[relation].quad == "affiliation" and obj.actor.type in ("person", "location"):
            return
        home = self.ctx.home
        if relation == "visits" and obj.actor.type == "person":
            state = home(obj.actor)  # "Xi hosted Putin": a visit to China; "a town hall hosted by a TV anchor": none
            if state.type != "country":
                return
            obj = replace(obj, actor=state, via="role")
            if state.id == subject.actor.id or home(subject.actor).id == state.id:
                return
        if RELATIONS[relation].quad in ("verbal_cooperation", "material_cooperation") and (
                home(subject.actor).id == obj.actor.id or home(obj.actor).id == subject.actor.id):
            return  # "Macron agrees with France": a misreading (a state may repress its own people, though)
        if RELATIONS[relation].quad in ("verbal_conflict", "material_conflict") and self.own_side(subject.actor, obj.actor):
            return  # "Trump withdrew the US from the treaty", "the US ... its own embassy": no conflict with one's own state
        if RELATIONS[relation].quad in ("verbal_cooperation", "material_cooperation") and any(press(m.actor) for m in (subject, obj)):
            return  # "met reporters", "told journalists": the press is the audience, not a partner
        if method not in ROLE_METHODS and qualities.questioned(self, cue):
            return  # "asked whether Beijing would supply weapons": a question states nothing
        negations = qualities.negations(self, cue) if method not in ("title", "apposition", "gazetteer") else 0
        polarity = "negated" if negations % 2 else "affirmed"
        modality = "asserted" if method in ROLE_METHODS or method == "conditional" else qualities.modality(self, cue)
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
        if method in ("title", "apposition", "gazetteer"):  # the narrator's description, unless quoted
            attributed = next((s.actor for s in self.ctx.speaker_at(cue)), None)
        else:
            attributed = qualities.attribution(self, cue)
        rel = Relation(
            relation=relation,
            subject=subject,
            object=obj,
            evidence=evidence,
            polarity=polarity,
            modality=modality,
            attributed_to=attributed,
            confidence=round(max(0.2, min(1.0, confidence)), 3),
            date=qualities.event_date(self, cue, future=modality == "planned") or document.date,
            cue=cue.text,
            cameo=cameo if cameo is not None else RELATIONS[relation].cameo,
            method=method,
        )
        if relation == "accuses" and polarity == "affirmed":
            self.accusers.append((cue.i, subject, obj.actor.id))
        if self.conditional_threat(rel, cue):  # "we will destroy their economy if they cross the line"
            self.emit("threatens", subject, obj, cue, "conditional", None, hops)
        key = (subject.actor.id, relation, obj.actor.id, sent.start_char, polarity)
        if key not in self.found or self.found[key].confidence < rel.confidence:
            self.found[key] = rel


    def conditional_threat(self, rel: Relation, cue: Token) -> bool:
        """Whether a harm is announced by its own doer on a condition ("I will totally destroy the
        economy of Turkey if ...", "Iran said it would strike back if attacked"): that is a threat."""
        if RELATIONS[rel.relation].quad != "material_conflict" or rel.polarity != "affirmed" or \
                rel.modality not in ("planned", "hypothetical") or rel.attributed_to is None:
            return False
        speaker, doer = rel.attributed_to, rel.subject.actor
        if speaker.id != doer.id and self.ctx.home(speaker).id != doer.id:
            return False
        clauses = [cue, *(c for c in cue.conjuncts if c.i < cue.i)]  # "destroy and obliterate": the condition is on the first
        return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and self.lex.value(m.lower_, "modal_hypothetical") == "mark"
                                             for m in c.children) for v in clauses for c in v.children)

    def emit_all(self, relation, subjects, objects, cue, method, cameo, hops, entry=None, inverse=False):
        """Emit every subject x object pair (object x subject with ``inverse``)."""
        for s in subjects:
            for o in objects:
                if inverse:
                    self.emit(relation, o, s, cue, method, cameo, hops, entry)
                else:
                    self.emit(relation, s, o, cue, method, cameo, hops, entry)
