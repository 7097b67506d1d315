"""Typed domain objects shared by every stage of the pipeline.

    >>> doc = Document(id="d1", text="Egypt condemned Turkey.", date="2020-01-10")
    >>> doc.content_hash[:8]
    '291e7e40'
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .resolve import DocContext

ACTOR_TYPES = ("country", "person", "organisation", "group", "location")
POLARITIES = ("affirmed", "negated")
MODALITIES = ("asserted", "planned", "alleged", "hypothetical")


@dataclass
class Document:
    """One news article as read by :mod:`diplograph.ingest`.

    ``text`` is the whole text that offsets refer to (title line included);
    ``skip`` lists character spans (metadata lines, datelines, bylines) that
    are kept for offsets but never yield actors or relations.
    """

    id: str
    text: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    source: str | None = None
    path: str | None = None
    skip: list[tuple[int, int]] = field(default_factory=list)

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def in_skip(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.skip)


@dataclass
class Actor:
    """A canonical actor: a state, person, organisation, group or location.

    ``id`` is a readable, stable slug (``belarus``, ``alexander_lukashenko``);
    ``qid`` the Wikidata item where known.
    """

    id: str
    label: str
    type: str
    qid: str | None = None
    aliases: set[str] = field(default_factory=set)
    state: str | None = None  # the state an organisation belongs to (state media, ministries)

    def ref(self) -> dict:
        return {"id": self.id, "label": self.label, "type": self.type, "qid": self.qid}


@dataclass
class Mention:
    """A stretch of text that refers to an actor.

    ``via`` says how it was resolved: ``name``, ``alias``, ``metonym``,
    ``demonym``, ``pronoun``, ``description``, ``surname``, ``group``, ``role``.
    """

    actor: Actor
    text: str
    start: int
    end: int
    via: str = "name"

    def to_dict(self) -> dict:
        return {**self.actor.ref(), "mention": self.text, "start": self.start, "end": self.end}


@dataclass
class Evidence:
    """Where a relation was read: the document, the sentence and its offsets."""

    doc_id: str
    sentence: str
    sentence_start: int
    sentence_end: int
    title: str | None = None
    url: str | None = None
    source: str | None = None


@dataclass
class Relation:
    """One relation mention: subject -relation-> object, with its qualities.

    ``method`` names the construction that found it (``verb``, ``passive``,
    ``nominal``, ``title``, ``apposition``, ...) and drives ``confidence``.
    """

    relation: str
    subject: Mention
    object: Mention
    evidence: Evidence
    polarity: str = "affirmed"
    modality: str = "asserted"
    attributed_to: Actor | None = None
    confidence: float = 0.5
    date: str | None = None
    cue: str = ""
    cameo: str | None = None
    method: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.subject.actor.id, self.relation, self.object.actor.id)

    def to_dict(self) -> dict:
        """The JSONL record of ``diplograph extract`` (field names are a stable contract)."""
        from .schema import RELATIONS, goldstein

        rel = RELATIONS[self.relation]
        return {
            "doc_id": self.evidence.doc_id,
            "relation": self.relation,
            "subject": self.subject.to_dict(),
            "object": self.object.to_dict(),
            "polarity": self.polarity,
            "modality": self.modality,
            "attributed_to": self.attributed_to.ref() if self.attributed_to else None,
            "sentence": self.evidence.sentence,
            "sentence_start": self.evidence.sentence_start,
            "sentence_end": self.evidence.sentence_end,
            "confidence": round(self.confidence, 3),
            "date": self.date,
            "cue": self.cue,
            "method": self.method,
            "cameo": self.cameo,
            "quad_class": rel.quad,
            "goldstein": goldstein(self.cameo),
            "title": self.evidence.title,
            "url": self.evidence.url,
        }


@dataclass
class DocResult:
    """What the pipeline read from one document: its relation mentions and every actor mention
    (``context``, the parsed document, only when asked for)."""

    document: Document
    relations: list[Relation]
    mentions: list[Mention]
    context: DocContext | None = None
