"""The per-document state of resolution and its public surface.

One :class:`DocContext` per parsed document holds everything resolved about it: the actors
(one instance each), entity mentions by token, persons named, acronyms defined, roles read from
titles, quotes and their speakers. Building it runs the readers in order (entities, then roles,
then quotes, which "we" inside a quote needs); extraction then asks it questions through a small
surface: :meth:`arg`, :meth:`entity_at`, :meth:`owners`, :meth:`home`, :meth:`speaker_at`,
:meth:`skipped`, :meth:`place_mention`, :meth:`mentions`.

    >>> from diplograph.nlp import load_pipeline
    >>> from diplograph.model import Document
    >>> d = Document("d", "Belarusian President Alexander Lukashenko met Xi. Lukashenko praised Beijing.")
    >>> ctx = DocContext(d, load_pipeline()(d.text))
    >>> [(m.actor.id, m.via) for t in ctx.doc if t.dep_ == "nsubj" for m in ctx.arg(t)]
    [('alexander_lukashenko', 'name'), ('alexander_lukashenko', 'surname')]
"""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Span, Token

from ..gazetteer import KINDS, Gazetteer, gazetteer, normalize, slugify
from ..lexicon import Lexicon, lexicon
from ..model import Actor, Document, Mention
from . import arguments, entities, groups, persons, quotes, roles, titles
from .entities import EntityMention
from .roles import Role


def boilerplate_tokens(doc: Doc, skip: list[tuple[int, int]]) -> frozenset[int]:
    """Indices of the tokens lying wholly inside one of the ``skip`` character spans (found by
    offset, once per document: extraction asks of tokens thousands of times)."""
    if not skip:
        return frozenset()
    starts, lengths = doc.to_array("IDX").tolist(), doc.to_array("LENGTH").tolist()
    inside = set()
    for s, e in skip:
        i = bisect.bisect_left(starts, s)
        while i < len(starts) and starts[i] < e:
            if starts[i] + lengths[i] <= e:
                inside.add(i)
            i += 1
    return frozenset(inside)


class DocContext:
    """Everything resolved about one parsed document."""

    # the surface extraction uses; each is a function of its module taking the context first
    arg = arguments.arg
    owners = groups.owners
    led_by = groups.led_by
    home = roles.home
    person = persons.person
    speaker_at = quotes.speaker_at
    is_place_use = entities.is_place_use
    title_relation = titles.title_relation

    def __init__(self, document: Document, doc: Doc, gaz: Gazetteer | None = None, lex: Lexicon | None = None):
        self.document = document
        self.doc = doc
        self.text = doc.text  # spaCy rebuilds Doc.text on every access: read it once
        self.gaz = gaz or gazetteer()
        self.lex = lex or lexicon()
        self.date = document.date
        self.boilerplate = boilerplate_tokens(doc, document.skip)
        self.sents: list[Span] = list(doc.sents)  # spaCy walks the whole doc on each doc.sents: once here
        self.actors: dict[str, Actor] = {}
        self.ents: dict[int, EntityMention] = {}  # token index -> entity mention
        self.entity_mentions: list[EntityMention] = []
        self.persons: dict[str, Actor] = {}  # normalised full name -> person
        self.acronyms: dict[str, Actor] = {}
        self.resolving: set[int] = set()  # pronouns being resolved (guards against cycles)
        self.salient_cache: list[tuple[Token, Actor, bool]] | None = None
        self.doc_state: Actor | bool | None = None  # the state the document is about (False: none), once asked
        self.roles_read = False  # until then the document's state is worked out afresh
        entities.resolve_entities(self)
        self.quotes: list[tuple[int, int, list[Mention]]] = []  # read after the roles, which "we" in a quote needs
        self.quote_verbs: dict[tuple[int, int], Token | None] = {}  # (start, end) of a quote -> the verb that says it
        self.roles: list[Role] = []
        self.leaders: dict[str, Actor] = {}  # state/org id -> its leader named in this document
        self.affiliation: dict[str, Actor] = {}  # person id -> the state/org they lead or represent
        self.role_of: dict[str, str] = {}  # person id -> leader_of / represents, as titles say
        self.described: dict[int, Actor] = {}  # title token -> the person a definite description refers to
        roles.read_roles(self)
        quotes.read_quotes(self)


    def lookup(self, surface: str, kinds: tuple[str, ...] = KINDS):
        """The gazetteer entry for a surface form, read on the document's date and in its context."""
        return self.gaz.lookup(surface, self.date, kinds, context=self.text)


    def actor(self, actor: Actor) -> Actor:
        """The document's single instance of an actor (merging aliases seen)."""
        known = self.actors.get(actor.id)
        if known is None:
            known = Actor(actor.id, actor.label, actor.type, actor.qid, set(actor.aliases), actor.state)
            self.actors[actor.id] = known
        return known


    def gaz_actor(self, actor_id: str) -> Actor:
        """The document's instance of a gazetteer actor."""
        return self.actor(self.gaz.actor(actor_id))


    def location(self, text: str) -> Actor:
        """A place, as a location actor."""
        label = normalize(text)
        return self.actor(Actor(slugify(label), label, "location"))


    def place_mention(self, token: Token) -> Mention:
        """A proper-noun place the NER did not mark, as a location actor."""
        words = [c for c in token.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"] + [token]
        start, end = words[0].idx, token.idx + len(token.text)
        return Mention(self.location(self.text[start:end]), self.text[start:end], start, end, "name")


    def sentences_to(self, token: Token, n: int) -> list[Span]:
        """The last ``n`` sentences up to the one holding ``token`` (in text order, it last).

            >>> from diplograph.pipeline import context_of
            >>> ctx = context_of("Egypt spoke. Iran spoke. Iraq spoke.")
            >>> [s.text for s in ctx.sentences_to(ctx.doc[-2], 2)]
            ['Iran spoke.', 'Iraq spoke.']
        """
        at = bisect.bisect_right(self.sents, token.i, key=lambda sent: sent.start)
        return self.sents[max(at - n, 0) : at]


    def skipped(self, token: Token) -> bool:
        """Whether a token lies in boilerplate (dateline, byline) that names no actor."""
        return token.i in self.boilerplate


    def entity_at(self, token: Token) -> EntityMention | None:
        """The entity mention a token belongs to, if any."""
        return self.ents.get(token.i)


    def mentions(self) -> list[Mention]:
        """Every entity mention with its reading in context (capitals as places where they are places)."""
        return [em.mention(place=entities.is_place_use(self, em)) for em in self.entity_mentions if em.actor.type != "group" or em.span.root.dep_ != "amod"]
