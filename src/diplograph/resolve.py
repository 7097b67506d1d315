"""Resolve: from spaCy entities, noun phrases and pronouns to canonical actors.

One :class:`DocContext` per document holds what the extractor needs:

- entity mentions resolved through the gazetteer (capitals and seats of power
  stand for their state when they are an argument; "Moscow" in 1987 is the
  Soviet Union), persons joined within the document ("Lukashenko",
  "Mr Lukashenko" -> "Alexander Lukashenko"), acronyms defined in the text;
- roles read from titles and appositions ("Belarusian President X",
  "X, a US peace envoy", "China's foreign ministry spokesperson X");
- arguments: ``ctx.arg(token)`` resolves a syntactic argument, following
  coordination, pronouns ("he", "its", "we" inside a quote), descriptions
  ("the authoritarian leader of Belarus"), state agents ("US officials"),
  and unnamed collectives ("Western countries" -> a group actor);
- quotes and their speakers, for attribution.

    >>> from diplograph.nlp import load_pipeline
    >>> from diplograph.model import Document
    >>> d = Document("d", "Belarusian President Alexander Lukashenko met Xi. Lukashenko praised Beijing.")
    >>> ctx = DocContext(d, load_pipeline()(d.text))
    >>> [(m.actor.id, m.via) for t in ctx.doc if t.dep_ == "nsubj" for m in ctx.arg(t)]
    [('alexander_lukashenko', 'name'), ('alexander_lukashenko', 'surname')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .gazetteer import KINDS, Gazetteer, gazetteer, normalize, slugify
from .lexicon import Lexicon, lexicon
from .model import Actor, Document, Mention

PERSON_PRONOUNS = {"he", "him", "his", "himself", "she", "her", "hers", "herself"}
THING_PRONOUNS = {"it", "its", "itself"}
PLURAL_PRONOUNS = {"they", "them", "their", "theirs", "themselves"}
FIRST_SINGULAR = {"i", "me", "my", "mine", "myself"}
FIRST_PLURAL = {"we", "us", "our", "ours", "ourselves"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
MODIFIER_DEPS = {"poss", "compound", "amod", "nmod"}
NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "2": 2, "3": 3, "4": 4, "5": 5}
EQUIPMENT_RE = re.compile(r"[A-Z][A-Za-z]{0,5}-?\d{1,4}[A-Z]?s?")  # model designations, not organisations
QUANTIFIERS = {"some", "several", "many", "all", "both", "most", "other", "various", "certain", "few", "numerous"}
LOCATIVE_PREPS = {"in", "near", "outside", "at", "around", "inside", "across", "from", "into", "within"}
ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
QUOTE_RE = re.compile(r"“[^”]{3,2000}”|\"[^\"\n]{3,2000}\"")


@dataclass
class EntityMention:
    """A named entity span and the actor it resolves to."""

    span: Span
    actor: Actor
    via: str  # name, alias, metonym, demonym, surname, person, org
    place: Actor | None = None  # the location reading of a capital or seat

    def mention(self, place: bool = False) -> Mention:
        actor = self.place if place and self.place else self.actor
        text = self.span.text
        return Mention(actor, text, self.span.start_char, self.span.end_char, "name" if place else self.via)


@dataclass
class Role:
    """An affiliation read from a title or apposition: holder -relation-> partner."""

    holder: Mention
    relation: str
    partner: Mention
    token: Token  # the title noun
    method: str


class DocContext:
    """Everything resolved about one parsed document."""

    def __init__(self, document: Document, doc: Doc, gaz: Gazetteer | None = None, lex: Lexicon | None = None):
        self.document = document
        self.doc = doc
        self.text = doc.text  # spaCy rebuilds Doc.text on every access: read it once
        self.gaz = gaz or gazetteer()
        self.lex = lex or lexicon()
        self.date = document.date
        self.actors: dict[str, Actor] = {}
        self.ents: dict[int, EntityMention] = {}  # token index -> entity mention
        self.entity_mentions: list[EntityMention] = []
        self.persons: dict[str, Actor] = {}  # normalised full name -> person
        self.acronyms: dict[str, Actor] = {}
        self._resolving: set[int] = set()  # pronouns being resolved (guards against cycles)
        self._salient_cache: list[tuple[Token, Actor, bool]] | None = None
        self._resolve_entities()
        self.quotes: list[tuple[int, int, list[Mention]]] = []  # read after the roles, which "we" in a quote needs
        self.roles: list[Role] = []
        self.leaders: dict[str, Actor] = {}  # state/org id -> its leader named in this document
        self.affiliation: dict[str, Actor] = {}  # person id -> the state/org they lead or represent
        self.role_of: dict[str, str] = {}  # person id -> leader_of / represents, as titles say
        self.described: dict[int, Actor] = {}  # title token -> the person a definite description refers to
        self._read_roles()
        self._read_quotes()

    # -- actors ----------------------------------------------------------
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

    def _gaz_actor(self, actor_id: str) -> Actor:
        return self.actor(self.gaz.actor(actor_id))

    def _location(self, text: str) -> Actor:
        label = normalize(text)
        return self.actor(Actor(slugify(label), label, "location"))

    def place_mention(self, token: Token) -> Mention:
        """A proper-noun place the NER did not mark, as a location actor."""
        words = [c for c in token.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"] + [token]
        start, end = words[0].idx, token.idx + len(token.text)
        return Mention(self._location(self.text[start:end]), self.text[start:end], start, end, "name")

    def skipped(self, token: Token) -> bool:
        return self.document.in_skip(token.idx, token.idx + len(token.text))

    # -- entities ----------------------------------------------------------
    def _clean_span(self, span: Span) -> Span:
        """Drop a leading 'the', honorifics and a trailing possessive from an entity span."""
        start, end = span.start, span.end
        person = span.label_ == "PERSON"
        while start < end - 1 and (
            self.doc[start].lower_ == "the"
            or (person and not self.doc[start].is_upper and self.lex.is_a(self.doc[start].lower_.rstrip("."), "honorific"))
        ):
            start += 1
        while end > start + 1 and self.doc[end - 1].tag_ == "POS":
            end -= 1
        return Span(self.doc, start, end, label=span.label_, span_id=span.id_) if (start, end) != (span.start, span.end) else span

    def _resolve_entities(self) -> None:
        spans = [s for s in self.doc.ents if s.label_ in ENTITY_LABELS]
        spans = [s for s in spans if not self.document.in_skip(s.start_char, s.end_char)]
        # full person names first, so that surnames can join them
        persons = [self._clean_span(s) for s in spans if s.label_ == "PERSON"]
        for span in persons:
            name = self._person_name(span)
            if len(name.split()) > 1:
                self._person(name)
        self._read_acronyms(spans)
        for span in spans:
            em = self._entity(self._clean_span(span))
            if em is None:
                continue
            self.entity_mentions.append(em)
            for token in span:
                self.ents[token.i] = em
        self.entity_mentions.sort(key=lambda em: em.span.start)

    def _person_name(self, span: Span) -> str:
        """The name without titles and honorifics, as written ("People's", not "People 's")."""
        tokens = [t for t in span if not self.lex.is_a(t.lower_, "title") and not self.lex.is_a(t.lower_.rstrip("."), "honorific")]
        if not tokens:
            return normalize(span.text)
        return normalize(self.text[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)])

    def _person(self, name: str) -> Actor:
        """The person a name refers to in this document."""
        key = normalize(name)
        if key in self.persons:
            return self.persons[key]
        parts = key.split()
        if len(parts) == 1:
            # a surname (or an East Asian family name first) joins a full name seen in the document
            for full, actor in self.persons.items():
                full_parts = full.split()
                if len(full_parts) > 1 and key in (full_parts[-1], full_parts[0]):
                    return actor
            ids = self.gaz.persons_by_token().get(key, [])
            if len(ids) == 1:
                return self._gaz_actor(ids[0])
        entry = self.gaz.lookup(key, kinds=("person",))
        if entry:
            actor = self._gaz_actor(entry.actor_id)
        else:
            actor = self.actor(Actor(slugify(key), key, "person"))
        actor.aliases.add(key)
        self.persons[key] = actor
        return actor

    def _read_acronyms(self, spans: list[Span]) -> None:
        """'the Syrian Democratic Forces (SDF)': SDF names the same actor in this document."""
        for span in spans:
            after = self.doc[span.end : span.end + 3]
            if len(after) == 3 and after[0].text == "(" and after[2].text == ")" and after[1].text.isupper():
                em = self._entity(self._clean_span(span))
                if em is not None and em.actor.type in ("organisation", "group"):
                    self.acronyms[after[1].text] = em.actor
                    em.actor.aliases.add(after[1].text)

    def _entity(self, span: Span) -> EntityMention | None:
        text, label = span.text, span.label_
        if EQUIPMENT_RE.fullmatch(normalize(text)) and self.lookup(text) is None:
            return None  # "MiG-21", "F-16", "S-400": equipment (whose owner acts or suffers), not "G7"
        if label == "PERSON" and any(self.lex.is_a(t.lower_, "org_word") for t in span[1:]):
            label = "ORG"  # "the Tigray People's Liberation Front" is no person
        if label == "PERSON":
            name = self._person_name(span)
            entry = self.lookup(name, ("name", "alias", "org"))
            if entry and " " not in name and entry.kind in ("name", "alias", "org"):
                # NER calls some states and organisations persons ("Kyiv"); the gazetteer knows better
                return EntityMention(span, self._gaz_actor(entry.actor_id), entry.kind)
            if self._titled(span) == "media":  # "the newspaper Dawn"
                return EntityMention(span, self.actor(Actor(slugify(name), name, "organisation")), "name")
            via = "name" if len(name.split()) > 1 else "surname"
            return EntityMention(span, self._person(name), via)
        if normalize(text) in self.acronyms:
            return EntityMention(span, self.acronyms[normalize(text)], "alias")
        entry = self.lookup(text)
        if entry is None and label == "NORP" and text.endswith("s"):
            entry = self.lookup(text[:-1], ("demonym",))  # "Belarusians", "Americans"
        if entry is not None:
            actor = self._gaz_actor(entry.actor_id)
            if entry.kind in ("capital", "seat"):
                return EntityMention(span, actor, "metonym", self._location(text))
            if entry.kind == "person":
                return EntityMention(span, actor, "name")
            return EntityMention(span, actor, entry.kind)
        clean = normalize(text)
        if not clean or not any(c.isalpha() for c in clean):
            return None
        if label == "ORG" and all(self.lex.is_a(t.lower_, "generic_org_word") for t in span if t.is_alpha):
            return None  # "foreign ministry": a body of the state that owns it, resolved from the parse
        following = self.doc[span.end].lower_ if span.end < len(self.doc) else ""
        if self.lex.value(clean.lower(), "title") or self.lex.value(f"{clean.lower()} {following}", "title"):
            return None  # NER pieces of a title: "Supreme" in "Supreme Leader", "Premier"
        if label in ("ORG", "GPE", "NORP") and self._known_surname(span):
            return EntityMention(span, self._person(normalize(text)), "surname")  # NER calls "Trump" an ORG
        if label == "ORG" and self._titled(span) == "person":
            return EntityMention(span, self._person(self._person_name(span)), "name")  # "President Kassym-Jomart Tokayev"
        if label == "ORG":
            return EntityMention(span, self.actor(Actor(slugify(clean), clean, "organisation")), "name")
        if label == "NORP":
            return EntityMention(span, self.actor(Actor(slugify(clean), clean, "group")), "name")
        return EntityMention(span, self._location(clean), "name")

    def _known_surname(self, span: Span) -> bool:
        """A one-word name that is the surname of a person named in full in this document or the gazetteer."""
        key = normalize(span.text)
        if len(span) != 1 or not key[:1].isupper():
            return False
        if any(len(full.split()) > 1 and key == full.split()[-1] for full in self.persons):
            return True
        return len(self.gaz.persons_by_token().get(key, [])) == 1 and self.lookup(key) is None

    def _titled(self, span: Span) -> str | None:
        """'person' or 'media' when a title noun stands right before the name (NER often mislabels these)."""
        before = span.start - 1
        if before < 0 or self.doc[before].pos_ not in ("NOUN", "PROPN"):
            return None
        word = self.doc[before]
        if self.lex.is_a(word.lower_, "media_title") or self.lex.is_a(word.lemma_.lower(), "media_title"):
            return "media"
        if self.title_relation(word):
            return "person"
        return None

    def entity_at(self, token: Token) -> EntityMention | None:
        return self.ents.get(token.i)

    def is_place_use(self, em: EntityMention) -> bool:
        """A capital used as a plain location ("an airbase outside Minsk", "the capital, Minsk")."""
        root = em.span.root
        if root.dep_ == "appos" and root.head.lemma_ in ("capital", "city"):
            return True
        if root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS:
            governor = root.head.head
            return not (self.lex.cues("noun", governor.lemma_) or self.lex.cues("verb", governor.lemma_))
        return False

    # -- roles (titles, appositions) ----------------------------------------
    def title_relation(self, token: Token) -> str | None:
        """The affiliation a title noun expresses, reading multi-word titles ("prime minister")."""
        if token.pos_ not in ("NOUN", "PROPN") or self.entity_at(token) is not None:
            return None
        doc = self.doc
        for n in range(self.lex.longest_title, 0, -1):
            # windows ending at the token ("prime minister") and starting at it ("secretary of state")
            for window in (doc[max(token.i - n + 1, 0) : token.i + 1], doc[token.i : token.i + n]):
                if len(window) != n:
                    continue
                words = [t.lower_ for t in window]
                text = window.text.lower()  # "secretary-general" as written
                for variant in (text, " ".join(words), " ".join(words[:-1] + [window[-1].lemma_.lower()])):
                    value = self.lex.value(variant, "title")
                    if value:
                        return value
        return None

    def _former(self, title: Token) -> bool:
        """A title marked as past: "former president", "ex-president", "the ousted leader"."""
        words = [c for c in title.children if c.dep_ in ("amod", "compound", "advmod", "nmod")]
        words += [t for t in self.doc[max(title.i - 3, 0) : title.i]]
        return any(self.lex.is_a(w.lower_, "former_title") for w in words)

    def _partners(self, title: Token, exclude: Span | None) -> list[Mention]:
        """The state or organisation a title noun ties its holder to."""
        found: list[Mention] = []
        posted = self.lex.is_a(title.lower_, "posting_title") or self.lex.is_a(title.lemma_, "posting_title")
        for child in title.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "for", "to") and not (posted and child.lower_ == "to"):
                for pobj in (c for c in child.children if c.dep_ == "pobj"):
                    found += [m for m in self.arg(pobj) if m.actor.type in ("country", "organisation", "group")]
        if found:
            return found
        for token in title.subtree:
            if token.i >= title.i or (exclude is not None and exclude.start <= token.i < exclude.end):
                continue
            em = self.entity_at(token)
            if em is not None and self._can_have_officers(em):
                if token.dep_ in MODIFIER_DEPS or token.head.i != token.i:
                    found.append(em.mention())
            elif token.dep_ == "poss" and token.head == title and token.pos_ in ("PRON", "NOUN"):
                # "his country's president", "the group's leader" (a back-reference)
                found += [m for m in self.arg(token) if m.actor.type in ("country", "organisation", "group")]
        if not found and title.dep_ in ("compound", "nmod") and title.head.i > title.i:
            # "UN Secretary-General Antonio Guterres": the body modifies the name beside the title
            for sibling in title.head.children:
                if sibling.i < title.i and sibling.dep_ in MODIFIER_DEPS:
                    em = self.entity_at(sibling)
                    if em is not None and self._can_have_officers(em) and em is not self.entity_at(title.head):
                        found.append(em.mention())
        unique = {m.actor.id: m for m in found}
        return list(unique.values())

    @staticmethod
    def _can_have_officers(em: EntityMention) -> bool:
        """States, organisations and named groups ("Hezbollah leader"), not demonym collectives."""
        return em.actor.type in ("country", "organisation") or (em.actor.type == "group" and em.span.label_ != "NORP")

    def _title_tokens(self, em: EntityMention) -> list[tuple[Token, str]]:
        """Title nouns attached to an entity mention, with the construction found."""
        span, root = em.span, em.span.root
        found: list[tuple[Token, str]] = []
        for child in root.children:
            if child.i < span.start and child.dep_ in ("compound", "nmod", "amod", "appos") and self.title_relation(child):
                found.append((child, "title"))
            if child.i >= span.end and child.dep_ == "appos" and self.title_relation(child):
                found.append((child, "apposition"))
        if root.dep_ in ("appos", "compound") and self.title_relation(root.head) and not span.start <= root.head.i < span.end:
            found.append((root.head, "apposition" if root.dep_ == "appos" else "title"))  # also "the Global Times newspaper"
        if root.dep_ == "pobj" and root.head.lower_ == "of" and self.title_relation(root.head.head):
            found.append((root.head.head, "title"))  # "US Secretary of State John Kerry" parsed as "of ... Kerry"
        if root.dep_ == "nsubj" and root.head.lemma_ == "be":
            for attr in (c for c in root.head.children if c.dep_ == "attr"):
                if self.title_relation(attr):
                    found.append((attr, "copula"))
        if not found and span.end < len(self.doc) and self.doc[span.end].text == ",":
            # "X, a spokesman for Y": the apposition is often attached to the wrong noun
            for token in self.doc[span.end + 1 : span.end + 8]:
                if token.dep_ == "appos" and self.title_relation(token):
                    found.append((token, "apposition"))
                    break
                if token.text in (",", ";", ".") or token.pos_ == "VERB":
                    break
        before = span.start - 1
        if not found and before >= 0 and self.title_relation(self.doc[before]):
            found.append((self.doc[before], "title"))  # "China's state news agency Xinhua", even when misparsed
        for title, method in list(found):  # "Belarus president and firm Russia ally Lukashenko"
            for conj in title.conjuncts:
                if self.title_relation(conj) and all(conj != t for t, _ in found):
                    found.append((conj, method))
        return found

    def _state_of_org(self, em: EntityMention) -> Mention | None:
        """'the US State Department', "Russia's defence ministry": a national body names its state."""
        if em.actor.type != "organisation" or self.gaz.extra.get(em.actor.id, {}).get("kind") == "igo":
            return None
        if em.actor.id not in self.gaz.actors and len(em.span) < 2:
            return None  # "the US House": a bare common word is no body of its own
        root = em.span.root
        holders = [root] + ([root.head] if root.dep_ == "compound" and (  # "Russia's FSB security service"
            self.lex.is_a(root.head.lemma_, "back_ref") or self.lex.is_a(root.head.lemma_, "generic_org_word")) else [])
        candidates = [t for t in em.span if t != root] + [
            c for h in holders for c in h.children if c.dep_ in ("compound", "amod", "poss", "nmod") and c.i < em.span.start]
        for token in candidates:
            found = self.lookup(token.text, ("name", "alias", "demonym"))
            if found and self.gaz.kind_of.get(found.actor_id) == "countries":
                inner = self.entity_at(token)
                if inner is not None and inner is not em:
                    return inner.mention()
                return Mention(self._gaz_actor(found.actor_id), token.text, token.idx, token.idx + len(token.text), "demonym")
        return None

    def _read_roles(self) -> None:
        known: set[str] = set()
        # "his Kenyan counterpart William Ruto, ... Ethiopian Prime Minister Abiy": counterparts last,
        # once the office they mirror is known
        mirrored = [em for em in self.entity_mentions if any(t.lemma_ == "counterpart" for t, _ in self._title_tokens(em))]
        for em in [em for em in self.entity_mentions if em not in mirrored] + mirrored:
            if em.actor.type not in ("person", "organisation"):
                continue
            home = em.actor.state if self.gaz.extra.get(em.actor.id, {}).get("kind") == "state_media" else None
            if home and em.actor.id not in known and self.gaz.actor(home) is not None:
                # state media: the gazetteer records whose voice they are (once a document)
                known.add(em.actor.id)
                state_actor = self._gaz_actor(home)
                self.roles.append(Role(em.mention(), "represents", Mention(state_actor, em.span.text, em.span.start_char,
                                                                             em.span.end_char, "gazetteer"), em.span.root, "gazetteer"))
                self.affiliation.setdefault(em.actor.id, state_actor)
            state = self._state_of_org(em)
            if state is not None and state.actor.id != em.actor.id:
                self.roles.append(Role(em.mention(), "represents", state, em.span.root, "title"))
                self.affiliation.setdefault(em.actor.id, state.actor)
            if em.span.root.i != em.span[-1].i and em.span.root.dep_ == "compound":
                continue
            for title, method in self._title_tokens(em):
                if self._former(title):
                    continue  # "former Nigerian president Olusegun Obasanjo" holds no office now
                relation = self.title_relation(title)
                if title.lemma_ == "counterpart":  # "his Indian counterpart": the same office as "his"
                    owners = [m for c in title.children if c.dep_ == "poss" for m in self.arg(c)]
                    relation = next((self.role_of[m.actor.id] for m in owners if m.actor.id in self.role_of), relation)
                office = any(c.dep_ == "compound" and c.pos_ == "NOUN" and not self.title_relation(c) and self.entity_at(c) is None
                             for c in title.children)  # "UN human rights chief", "opposition leader", "army chief"
                if relation == "leader_of" and office:
                    relation = "represents"  # heads an office or a movement, not the state
                partners = self._partners(title, em.span)
                home = self.gaz.actor(em.actor.state) if em.actor.type == "person" and em.actor.state and not office else None
                if not partners and home is not None and title.lemma_ != "counterpart" and not self.lex.is_a(title.lower_, "rank"):
                    # "President Joe Biden": the title names no state; the gazetteer knows his
                    partners = [Mention(self._gaz_actor(home.id), title.text, title.idx, title.idx + len(title.text), "gazetteer")]
                for partner in partners:
                    if partner.actor.id == em.actor.id:
                        continue
                    if em.actor.type == "organisation" and relation != "represents":
                        continue
                    self.roles.append(Role(em.mention(), relation, partner, title, method))
                    self.role_of.setdefault(em.actor.id, relation)
                    if relation == "leader_of" and partner.actor.type == "country":
                        self.leaders.setdefault(partner.actor.id, em.actor)
                    self.affiliation.setdefault(em.actor.id, partner.actor)
        self._read_described_holders()

    def _read_described_holders(self) -> None:
        """'the US president', 'the Libyan leader' after a name: the definite title refers back to
        the person last named who can hold it (one the gazetteer ties to that state, else one with no
        known office), and says which office they hold."""
        for title in self.doc:
            relation = self.title_relation(title)
            if relation not in ("leader_of", "represents") or title.tag_ not in ("NN", "NNP") or self._former(title):
                continue
            if not any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in title.children):
                continue
            if title.dep_ in ("compound", "appos") or any(
                    c.dep_ in ("appos", "compound") and self.entity_at(c) and self.entity_at(c).actor.type in ("person", "organisation")
                    for c in title.children):
                continue  # the name is right there: read as a title or apposition
            if any(c.dep_ == "compound" and c.pos_ == "NOUN" and not self.title_relation(c) for c in title.children):
                continue  # "the army chief", "the opposition leader": an office, not the state's
            partners = [m for m in self._partners(title, None) if m.actor.type == "country"]
            if len(partners) != 1:
                continue
            holder = self._described_holder(title, partners[0].actor)
            if holder is None:
                continue
            start, end = self._np_offsets(title)
            mention = Mention(holder, self.text[start:end], start, end, "description")
            self.described[title.i] = holder
            self.roles.append(Role(mention, relation, partners[0], title, "description"))
            self.role_of.setdefault(holder.id, relation)
            if relation == "leader_of":
                self.leaders.setdefault(partners[0].actor.id, holder)
            self.affiliation.setdefault(holder.id, partners[0].actor)

    def _described_holder(self, title: Token, state: Actor) -> Actor | None:
        sentence = title.sent
        first = self.doc[max(sentence.start - 1, 0)].sent.start  # this sentence and the one before
        before = [em for em in self.entity_mentions
                  if em.actor.type == "person" and first <= em.span.start and em.span.end <= title.i]
        for em in reversed(before):
            if em.actor.state == state.id or (em.actor.id in self.affiliation and self.affiliation[em.actor.id].id == state.id):
                return em.actor
        for em in reversed(before):
            if not em.actor.state and em.actor.id not in self.affiliation:
                return em.actor
        return None

    # -- quotes --------------------------------------------------------------
    def _read_quotes(self) -> None:
        speech = self.lex.words("speech")
        for m in QUOTE_RE.finditer(self.text):
            start, end = m.span()
            inside = self.doc.char_span(start, end, alignment_mode="expand")
            if inside is None or len(inside) < 5 or not any(t.pos_ in ("VERB", "AUX") for t in inside):
                continue
            first_sent, last_sent = inside[0].sent, inside[-1].sent
            window = list(first_sent) + ([t for t in last_sent if t.i > first_sent.end] if last_sent != first_sent else [])
            speakers: list[Mention] = []
            verbs = [t for t in window if t.lemma_ in speech and not (start <= t.idx < end)]
            verbs.sort(key=lambda t: min(abs(t.idx - start), abs(t.idx - end)))
            for verb in verbs:
                subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
                for subject in subjects:
                    speakers = self.arg(subject)
                if speakers:
                    break
            self.quotes.append((start, end, speakers))

    def speaker_at(self, token: Token) -> list[Mention]:
        for start, end, speakers in self.quotes:
            if start <= token.idx < end:
                return speakers
        return []

    # -- arguments -----------------------------------------------------------
    def arg(self, token: Token, allow_modifier: bool = False) -> list[Mention]:
        """The actors a syntactic argument refers to, following coordination.

        ``allow_modifier``: when the word is no actor, take the actor that owns
        it ("praised China's role" -> China; "attacked Japan's policy" -> Japan).
        """
        out: dict[str, Mention] = {}
        members = [token, *token.conjuncts] if token.dep_ != "conj" else [token]
        head = self.entity_at(token)
        if head is not None and head.actor.type == "country":
            # "Saudi Arabia, the United Arab Emirates, Bahrain and Egypt": a list the parser took for appositions
            for t in list(members):
                for c in t.children:
                    em = self.entity_at(c)
                    if c.dep_ == "appos" and em is not None and em.actor.type == "country":
                        members += [c, *c.conjuncts]
        for t in members:
            for m in self._arg1(t, allow_modifier):
                out.setdefault(m.actor.id, m)
        return list(out.values())

    def _arg1(self, t: Token, allow_modifier: bool) -> list[Mention]:
        if self.skipped(t):
            return []
        em = self.entity_at(t)
        if em is not None:
            if em.actor.type == "group" and em.span.root.dep_ == "amod":
                return []
            return [em.mention()]
        if t.pos_ == "PRON":
            return self._pronoun(t)
        if t.pos_ not in ("NOUN", "PROPN", "NUM"):
            return []
        if t.pos_ == "PROPN" and t.dep_ != "compound":
            named = self._unmarked_name(t)
            if named is not None:
                return [named]
        if t.lemma_ == "one":  # "one of the staunchest allies of Putin"
            return []
        together = self._set_reference(t)
        if together:  # "both sides", "the two countries", "the two leaders"
            return together
        if self.lex.is_a(t.lemma_, "quantity") or self.lex.is_a(t.lemma_, "place_noun"):
            for prep in (c for c in t.children if c.dep_ == "prep" and c.lower_ == "of"):
                named = [m for o in prep.children if o.dep_ == "pobj" for m in self.arg(o)]
                places = named and all(m.actor.type == "location" for m in named)  # "the regions of Abkhazia and ..."
                if named and (self.lex.is_a(t.lemma_, "quantity") or places):
                    return named  # "dozens of Western governments", "the city of Kharkiv" (not "regions of Ukraine")
        for child in t.children:  # "partner countries such as Belarus", "the nations of Serbia and Kosovo"
            such_as = child.lower_ == "as" and any(c.lower_ == "such" for c in child.children)
            members = child.lower_ == "of" and self.lex.is_a(t.lemma_, "group") and t.tag_ == "NNS"
            if child.dep_ == "prep" and (such_as or members):
                pobjs = [c for c in child.children if c.dep_ == "pobj"]
                found = self.arg(pobjs[0]) if pobjs else []
                if found and all(m.actor.type in ("country", "organisation") for m in found):
                    return found
        title = self.title_relation(t)
        if title:
            described = self._description(t, title)
            if described:
                return described
        owners = self._owners(t)
        if owners and (self.lex.is_a(t.lower_, "state_agent") or self.lex.is_a(t.lemma_, "state_agent")):
            states = [self._home(m.actor) for m in owners]  # "the Biden administration" is the US government
            return [Mention(a, self._np_text(t), *self._np_offsets(t), via="role") for a in states]
        qualified = any(c.dep_ in ("amod", "compound") for c in t.children) or t.lemma_ not in ("country", "nation", "state")
        if self.lex.is_a(t.lemma_, "state_noun") and t.tag_ == "NN" and not owners and qualified and any(
                c.lower_ in ("the", "this", "that") for c in t.children):
            # "the Gulf state", "the kingdom" (a bare "the country" is too often ambiguous)
            state = self._antecedent(t, ("country",))  # "accusing the Gulf state of ...", "leave the kingdom"
            if state is not None:
                return [Mention(state, self._np_text(t), *self._np_offsets(t), via="description")]
        if self.lex.is_a(t.lemma_, "state_noun") and t.tag_ == "NN" and not owners and not qualified and any(
                c.lower_ == "the" for c in t.children):
            only = self._only_state_before(t)  # "KCNA said the country had tested ...": one state in sight
            if only is not None:
                return [Mention(only, self._np_text(t), *self._np_offsets(t), via="description")]
        back = self.lex.value(t.lemma_, "back_ref")
        if back:
            named = [self.entity_at(c).mention() for c in t.children if c.dep_ == "compound" and self.entity_at(c)
                     and self.entity_at(c).actor.type in ("organisation", "group")]
            if named:  # "the BRICS bloc", "the Global Times newspaper", "Russia's FSB security service": the name says which
                return named
            if not owners and any(c.lower_ in ("the", "this", "that") for c in t.children):
                return self._back_reference(t, back)
        if self.lex.is_a(t.lemma_, "group") or self.lex.is_a(t.lower_, "group"):
            leaders = [m for c in t.children if c.dep_ == "amod" and c.lemma_ in ("lead", "command") for m in self._owners(t)]
            if leaders:  # "the Saudi-led coalition": its leader acts for it
                return [Mention(m.actor, self._np_text(t), *self._np_offsets(t), via="role") for m in leaders]
            group = self._group(t)
            if group:
                return [group]
        if self.lex.is_a(t.lemma_, "state_agent") or self.lex.is_a(t.lower_, "state_agent"):
            unit = self._group(t, compounds=True)  # "the morality police", "riot police"
            if unit is not None:
                return [unit]
        if allow_modifier and not self.lex.is_a(t.lemma_, "relational_noun"):
            # "praised China's role" -> China; not "regions of Ukraine" (a part is not its owner),
            # nor "its Turkic neighbour" (another state)
            owned = self._owners(t, of=False)
            return [Mention(m.actor, m.text, m.start, m.end, via="modifier") for m in owned]
        return []

    def _home(self, actor: Actor) -> Actor:
        """The state a person's office belongs to (as the text or the gazetteer says); others unchanged."""
        if actor.type != "person":
            return actor
        if actor.id in self.affiliation and self.affiliation[actor.id].type == "country":
            return self.affiliation[actor.id]
        if actor.state and self.gaz.kind_of.get(actor.state) == "countries":
            return self._gaz_actor(actor.state)
        return actor

    def _unmarked_name(self, t: Token) -> Mention | None:
        """A proper name the NER left unmarked ("Modi sat down with ..."): a gazetteer name or a
        known person's surname."""
        words = [c for c in t.lefts if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i == t.i - 1] + [t]
        text = self.text[words[0].idx : t.idx + len(t.text)]
        entry = self.lookup(text, ("name", "alias", "org", "person"))
        if entry is not None:
            actor = self._gaz_actor(entry.actor_id) if entry.kind != "person" else self._person(text)
        elif len(words) == 1 and (text in {p.split()[-1] for p in self.persons if " " in p}
                                  or len(self.gaz.persons_by_token().get(text, [])) == 1):
            actor = self._person(text)
        else:
            return None
        return Mention(actor, text, words[0].idx, t.idx + len(t.text), "surname" if actor.type == "person" else "name")

    def _owners(self, t: Token, of: bool = True) -> list[Mention]:
        """Actors that own or qualify a noun: a 'by' phrase first, else possessor, compound,
        demonym or 'of' phrase (places are not owners: "the proclamation of Golan Heights")."""
        agents = [m for p in t.children if p.dep_ in ("prep", "agent") and p.lower_ == "by"
                  for o in p.children if o.dep_ == "pobj" for m in self.arg(o)]
        if agents:
            return agents
        found: list[Mention] = []
        seated: list[Mention] = []  # a ruling body's seat, when nothing else says whose it is
        for child in t.children:
            if child.dep_ in ("poss", "compound", "nmod") or (child.dep_ == "amod" and self.entity_at(child)):
                em = self.entity_at(child)
                if em is not None and (em.actor.type != "group" or em.span.label_ != "NORP"):
                    found.append(em.mention())  # named groups own things ("Houthi targets"), "Kurdish" does not
                elif em is None and child.pos_ == "PROPN" and child.dep_ == "compound":
                    named = self._unmarked_name(child)  # "the Biden administration"
                    if named is not None:
                        found.append(named)
                elif child.dep_ == "poss" and child.pos_ == "PRON":
                    found += self._pronoun(child)
                elif child.dep_ == "poss" and child.pos_ in ("NOUN", "PROPN"):
                    found += self._arg1(child, True)
            elif child.dep_ == "prep" and child.lower_ == "of" and of:
                for pobj in (c for c in child.children if c.dep_ == "pobj"):
                    if self.entity_at(pobj) or pobj.pos_ == "PRON":
                        found += self.arg(pobj)
            elif child.dep_ == "amod" and child.tag_ == "VBN" and child.lemma_ in ("lead", "command"):
                for sub in child.children:  # "US-led forces", "the Saudi-led coalition": led by whom
                    em = self.entity_at(sub)
                    if em is not None and sub.i < child.i:
                        found.append(em.mention())
            elif child.dep_ == "prep" and child.lower_ == "in" and (
                    self.lex.is_a(t.lemma_, "ruling_body") or self.lex.is_a(t.lower_, "ruling_body")):
                for pobj in (c for c in child.children if c.dep_ == "pobj"):
                    em = self.entity_at(pobj)  # "the junta in Niamey", "the government in Kabul"
                    if em is not None and em.via in ("metonym", "name", "alias") and em.actor.type == "country":
                        seated.append(em.mention())
        return [m for m in found or seated if m.actor.type != "location"]

    def _description(self, t: Token, relation: str) -> list[Mention]:
        """'the authoritarian leader of Belarus', 'the president of Turkey', 'the Belarusian president';
        a title with its holder's name inside ('the Global Times newspaper') is that holder."""
        if t.i in self.described:  # "the US president" after "Donald Trump"
            start, end = self._np_offsets(t)
            return [Mention(self.described[t.i], self._np_text(t), start, end, via="description")]
        for child in t.children:
            if child.dep_ in ("appos", "compound"):
                em = self.entity_at(child)
                if em is not None and em.actor.type in ("person", "organisation") and em.span.root == child:
                    return [em.mention()]
            if child.dep_ == "prep" and child.lower_ == "of":  # "Secretary of State John Kerry"
                for pobj in child.children:
                    em = self.entity_at(pobj)
                    if pobj.dep_ == "pobj" and em is not None and em.actor.type == "person" and em.span.root == pobj:
                        return [em.mention()]
        partners = self._partners(t, None)
        if not partners:
            return []
        start, end = self._np_offsets(t)
        out = []
        for partner in partners:
            leader = self.leaders.get(partner.actor.id) if relation == "leader_of" else None
            if leader is not None:
                out.append(Mention(leader, self._np_text(t), start, end, via="description"))
            else:
                out.append(Mention(partner.actor, self._np_text(t), start, end, via="role"))
        return out

    def _np_offsets(self, t: Token) -> tuple[int, int]:
        left = [c for c in t.lefts if c.dep_ not in ("punct", "cc", "prep")]
        start_tok = left[0] if left else t
        right = t
        for c in t.rights:
            if c.dep_ == "prep" and c.lower_ in ("of", "for"):
                right = max(c.subtree, key=lambda x: x.i)
        return start_tok.idx, right.idx + len(right.text)

    def _np_text(self, t: Token) -> str:
        start, end = self._np_offsets(t)
        return self.text[start:end]

    def _group(self, t: Token, compounds: bool = False) -> Mention | None:
        """An unnamed collective as a group actor: 'Western countries', 'the opposition',
        'world powers'; with ``compounds``, a unit named by its noun compounds ('morality police')."""
        words = []
        state = None
        collective = compounds or (self.lex.is_a(t.lemma_, "group") and t.tag_ in ("NNS", "NNPS"))
        for child in t.lefts:
            if child.tag_ == "VBN" and self.lex.cues("verb", child.lemma_):
                continue  # "Tehran-backed militias": the backing is a relation, not part of the name
            noun_compound = collective and child.dep_ == "compound" and child.pos_ == "NOUN"
            if child.dep_ in ("amod", "compound", "nmod") and child.lower_ not in QUANTIFIERS and (
                    self._identifying(child) or noun_compound):
                for sub in child.subtree:
                    if sub.dep_ in ("punct",) and sub.text != "-":
                        continue
                    words.append(sub)
                em = self.entity_at(child)
                if em is not None and em.actor.type == "country":
                    state = em.actor.id
        words.append(t)
        words.sort(key=lambda x: x.i)
        text = ""
        for w in words:
            piece = w.text if (self._proper(w) or w.is_upper) else w.lower_
            text += piece + (w.whitespace_ if w.text != "-" and w != words[-1] else "")
        text = re.sub(r"\s*-\s*", "-", text).strip()
        bare = self.lex.value(t.lemma_, "group") == "bare" or self.lex.value(t.lower_, "group") == "bare"
        if compounds and len(words) > 1:
            pass  # a named unit of a state ("the morality police")
        elif not bare and (len(words) == 1 or (t.tag_ not in ("NNS", "NNPS") and t.lemma_ != "media")):
            return None  # "countries", "officials" alone name nobody; "a firm ally" is not a collective
        if text.lower() == "west":
            text = "West"
        actor = self.actor(Actor(slugify(text), text, "group", state=state))
        start, end = words[0].idx, t.idx + len(t.text)
        return Mention(actor, self.text[start:end], start, end, via="group")

    def _identifying(self, token: Token) -> bool:
        """Modifiers that say which collective it is: proper adjectives, stances and hyphenated
        qualifiers ("Western", "Iraqi", "armed", "anti-government"), not "top" or "several"."""
        return (self._proper(token) or self.lex.is_a(token.lower_, "collective_adjective")
                or any(t.text == "-" for t in token.subtree))

    def _proper(self, token: Token) -> bool:
        """A capitalised word that is a name, not just the first word of a sentence."""
        if not token.text[:1].isupper():
            return False
        if token.ent_type_ or token.pos_ == "PROPN" or self.lex.is_a(token.lower_, "proper_adjective"):
            return True
        return not token.is_sent_start and not (token.i > 0 and token.nbor(-1).text in ("“", '"', "(", "-"))

    def _back_reference(self, t: Token, actor_type: str) -> list[Mention]:
        """'the bloc', 'the group's leader', 'the editorial': the last named organisation or group."""
        types = ("organisation", "group") if actor_type in ("organisation", "group", "igo") else (actor_type,)
        for em in reversed(self.entity_mentions):
            if actor_type == "igo" and self.gaz.extra.get(em.actor.id, {}).get("kind") != "igo":
                continue  # "the bloc": an intergovernmental body, not the last newspaper named
            if em.span.start < t.i and em.actor.type in types and em.span.label_ != "NORP":
                return [Mention(em.actor, t.text, t.idx, t.idx + len(t.text), via="description")]
        return []

    # -- pronouns ------------------------------------------------------------
    def _pronoun(self, t: Token) -> list[Mention]:
        if t.i in self._resolving:  # "they ... their": an antecedent that leads back to the pronoun
            return []
        self._resolving.add(t.i)
        try:
            return self._resolve_pronoun(t)
        finally:
            self._resolving.discard(t.i)

    def _resolve_pronoun(self, t: Token) -> list[Mention]:
        lower = t.lower_
        if lower.endswith(("self", "selves")) and lower not in ("myself", "ourselves", "yourself"):
            # a reflexive means the subject of its own clause: "Turkey is positioning itself as ..."
            found = [m for i in sorted(self._local_subjects(t)) for m in self._arg1(self.doc[i], False)]
            return [Mention(m.actor, t.text, t.idx, t.idx + len(t.text), via="pronoun") for m in found[:1]]
        if lower == "us" and t.text == "US":
            return []
        speakers = self.speaker_at(t)
        if not speakers and (lower in FIRST_SINGULAR or lower in FIRST_PLURAL):
            speakers = self._reporting_speaker(t)
        where = (t.idx, t.idx + len(t.text))
        if lower in FIRST_SINGULAR and speakers:
            return [Mention(s.actor, t.text, *where, via="pronoun") for s in speakers]
        if lower in FIRST_PLURAL and speakers and t.text != "US":
            out = []
            for s in speakers:
                actor = self.affiliation.get(s.actor.id, s.actor) if s.actor.type == "person" else s.actor
                out.append(Mention(actor, t.text, *where, via="pronoun"))
            return out
        if lower in PERSON_PRONOUNS:
            wanted = ("person",)
        elif lower in THING_PRONOUNS:
            wanted = ("country", "organisation", "group")  # named groups too: "the SDF said it ..."
            if t.dep_ in SUBJECT_DEPS and self.lex.is_a(t.head.lemma_, "speech"):
                speaker = self._last_speaker(t)
                if speaker:
                    return [Mention(speaker, t.text, *where, via="pronoun")]
        elif lower in PLURAL_PRONOUNS:
            together = self._coordinated_antecedents(t)
            if together:  # "Biden and Xi held talks ... where they agreed"
                return [Mention(a, t.text, *where, via="pronoun") for a in together]
            wanted = ("group", "country", "organisation")
        else:
            return []
        antecedent = self._cataphor(t, wanted) or self._antecedent(t, wanted)
        return [Mention(antecedent, t.text, *where, via="pronoun")] if antecedent else []

    def _cataphor(self, t: Token, wanted: tuple[str, ...]) -> Actor | None:
        """'Speaking alongside his Kenyan counterpart, Abiy said ...': a pronoun in an opening
        adverbial clause refers to the subject of the clause it opens."""
        node = t
        while node.head != node and node.dep_ != "advcl":
            node = node.head
        if node.dep_ != "advcl" or node.i > node.head.i or any(c.dep_ in SUBJECT_DEPS for c in node.children):
            return None
        for subject in (c for c in node.head.children if c.dep_ in ("nsubj", "nsubjpass") and c.i > t.i):
            em = self.entity_at(subject)
            if em is not None and em.actor.type in wanted:
                return em.actor
        return None

    def _reporting_speaker(self, t: Token) -> list[Mention]:
        """'We will not accept it, Iran said': the subject of the speech verb above the clause."""
        current = t
        while current.head != current:
            head = current.head
            if current.dep_ in ("ccomp", "parataxis") and self.lex.is_a(head.lemma_, "speech"):
                for subject in (c for c in head.children if c.dep_ in SUBJECT_DEPS and c.pos_ != "PRON"):
                    return self.arg(subject)
                return []
            current = head
        return []

    def _coordinated_antecedents(self, t: Token) -> list[Actor]:
        """The actors of the nearest coordinated subject before a plural pronoun (this sentence or the last)."""
        sents = [s for s in self.doc.sents if s.start <= t.i][-2:]
        for sent in reversed(sents):
            subjects = [x for x in sent if x.dep_ in SUBJECT_DEPS and x.i < t.i and x.conjuncts]
            for subject in reversed(subjects):
                actors = [m.actor for m in self.arg(subject)]
                if len(actors) > 1:
                    return actors
        return []

    def _last_speaker(self, t: Token) -> Actor | None:
        speech = self.lex.words("speech")
        for sent_start in range(t.i - 1, max(t.i - 200, -1), -1):
            token = self.doc[sent_start]
            if token.lemma_ in speech:
                for subject in (c for c in token.children if c.dep_ in SUBJECT_DEPS and c.pos_ != "PRON"):
                    found = self._arg1(subject, False)
                    if found and found[0].actor.type in ("organisation", "country", "group"):
                        return found[0].actor
        return None

    def _antecedent(self, t: Token, wanted: tuple[str, ...]) -> Actor | None:
        """Nearest compatible mention before the pronoun in its sentence, else the subject of
        an earlier sentence (up to four back), else the nearest there."""
        sent_start = t.sent.start
        singular = t.lower_ in THING_PRONOUNS or t.lower_ in PERSON_PRONOUNS
        local = self._local_subjects(t) if t.dep_ in ("dobj", "dative", "pobj", "iobj") else set()
        candidates = [(root, actor) for root, actor, named in self._salient()
                      if (named or not (singular and root.tag_ in ("NNS", "NNPS")))  # "its" is no "people"
                      and root.i not in local]  # "Manila ..., accusing it": "it" is not Manila
        same = [(root, actor) for root, actor in candidates if sent_start <= root.i < t.i and actor.type in wanted]
        if same:
            # the closest in the tree, then in the text: "Algeria cut ties with Morocco, citing what
            # its foreign minister called ..." -> Algeria; "sanctions against Russia and entities aiding
            # its military effort" -> Russia
            return min(same, key=lambda c: (_tree_distance(c[0], t), t.i - c[0].i))[1]
        sents = list(self.doc.sents)
        index = next(i for i, s in enumerate(sents) if s.start == sent_start)
        for previous in reversed(sents[max(index - 4, 0) : index]):
            cands = [(root, actor) for root, actor in candidates if previous.start <= root.i < previous.end and actor.type in wanted]
            subjects = [c for c in cands if c[0].dep_ in SUBJECT_DEPS]
            if subjects:
                return subjects[0][1]
            if cands:
                return cands[-1][1]
        return None

    def _set_reference(self, t: Token) -> list[Mention]:
        """'both sides', 'the two countries', 'the three governments', 'the two leaders': the last
        so many actors of that kind named in this sentence and the two before, other than the
        clause's own subject ("China urged both sides to ...")."""
        kind = self.lex.value(t.lemma_, "set_noun")
        if not kind or t.tag_ not in ("NNS", "NNPS"):
            return []
        words = {c.lower_ for c in t.children if c.dep_ in ("det", "predet", "nummod", "quantmod")}
        size = 2 if "both" in words else next((NUMBERS[w] for w in words if w in NUMBERS), 0)
        if not size or ("both" not in words and "the" not in words):
            return []
        wanted = {"person": ("person",), "country": ("country",)}.get(kind, ("country", "organisation", "group"))
        first = self.doc[max(t.sent.start - 1, 0)].sent
        first = self.doc[max(first.start - 1, 0)].sent.start
        local = {a.id for s in self._local_subject_tokens(t) if self.entity_at(s)
                 for a in (self.entity_at(s).actor, self._home(self.entity_at(s).actor))}
        inside = {x.i for x in t.subtree}  # "the two US allies": not the US
        found: list[Actor] = []
        for em in reversed(self.entity_mentions):
            if not (first <= em.span.start < t.i) or em.span.root.i in inside or self.is_place_use(em) or (
                    em.span.label_ == "NORP" and em.via != "demonym"):
                continue
            actor = em.actor if em.actor.type in wanted or kind == "person" else self._home(em.actor)
            if actor.type in wanted and actor.id not in local and actor.id not in {a.id for a in found}:
                found.append(actor)
            if len(found) == size:
                start, end = self._np_offsets(t)
                return [Mention(a, self._np_text(t), start, end, via="description") for a in reversed(found)]
        return []

    def _local_subject_tokens(self, t: Token) -> list[Token]:
        """The subjects of the clause a noun phrase sits in, through the phrases above it."""
        node = t
        while node.pos_ not in ("VERB", "AUX") and node.head != node:
            node = node.head
        if node.pos_ not in ("VERB", "AUX"):
            return []
        subjects = [c for c in node.children if c.dep_ in SUBJECT_DEPS and c != t]
        return [x for s in subjects for x in (s, *s.conjuncts)]

    def _only_state_before(self, t: Token) -> Actor | None:
        """The one state named in this sentence and the one before, up to the token (None if several)."""
        first = self.doc[max(t.sent.start - 1, 0)].sent.start
        states = {}
        for em in self.entity_mentions:  # states named, and the states of persons named ("Putin met Xi in Beijing")
            if first <= em.span.start < t.i and em.actor.type in ("country", "person"):
                state = self._home(em.actor)
                if state.type == "country":
                    states[state.id] = state
                elif em.actor.type == "person":
                    return None  # someone of unknown allegiance: who knows whose country
        return next(iter(states.values())) if len(states) == 1 else None

    def _local_subjects(self, t: Token) -> set[int]:
        """Subjects of the clause an object pronoun sits in (a pronoun object never means them),
        following the clause up through participles and complements that have no subject of their own."""
        verb = t.head
        while verb.pos_ == "ADP" and verb.head != verb:
            verb = verb.head
        out: set[int] = set()
        for _ in range(4):
            subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
            if subjects:
                for subject in subjects:
                    group = [subject, *subject.conjuncts]
                    group += [a for g in group for a in g.children if a.dep_ == "appos"]  # "Saudi Arabia, the UAE, ..."
                    out.update(x.i for x in group)
                break
            if verb.dep_ not in ("advcl", "xcomp", "conj", "acl") or verb.head == verb:
                break
            verb = verb.head
        return out

    def _salient(self) -> list[tuple[Token, Actor, bool]]:
        """What a pronoun may point back to, in text order, as (token, actor, named): named entities
        (not modifiers like "Kurdish"), state bodies as their state ("the Cuban government"), and
        unnamed collectives or units ("the morality police", "Western governments")."""
        if self._salient_cache is None:
            named = [(em.span.root, em.actor, True) for em in self.entity_mentions if em.span.root.dep_ != "amod"]
            unnamed = []
            for token in self.doc:
                if token.pos_ != "NOUN" or self.entity_at(token) is not None:
                    continue
                state_agent = self.lex.is_a(token.lemma_, "state_agent") or self.lex.is_a(token.lower_, "state_agent")
                owners = self._owners(token) if state_agent else []
                if owners:
                    unnamed.append((token, owners[0].actor, True))
                elif state_agent or self.lex.is_a(token.lemma_, "group"):
                    found = self._group(token, compounds=state_agent)
                    if found is not None:
                        unnamed.append((token, found.actor, False))
            self._salient_cache = sorted(named + unnamed, key=lambda c: c[0].i)
        return self._salient_cache

    # -- listing ---------------------------------------------------------------
    def mentions(self) -> list[Mention]:
        """Every entity mention with its reading in context (capitals as places where they are places)."""
        return [em.mention(place=self.is_place_use(em)) for em in self.entity_mentions if em.actor.type != "group" or em.span.root.dep_ != "amod"]


def resolve_name(name: str, ctx: DocContext | None = None) -> str:
    """The actor id an ordinary English name refers to, in a document's context when given.

    Used to read gold files: "Beijing" -> ``china``, "Lukashenko" -> ``alexander_lukashenko``
    in a document that names him in full, "Western countries" -> ``western_countries``.

        >>> resolve_name("the Kremlin"), resolve_name("U.S."), resolve_name("Western countries")
        ('russia', 'united_states', 'western_countries')
    """
    from .nlp import load_pipeline

    gaz = ctx.gaz if ctx else gazetteer()
    date = ctx.date if ctx else None
    entry = gaz.lookup(name, date, kinds=("name", "alias", "org", "person", "capital", "seat"), context=ctx.text if ctx else None)
    if entry is not None:
        if entry.kind == "person" and ctx is not None:
            return ctx._person(normalize(name)).id
        return entry.actor_id
    if ctx is not None:
        key = normalize(name)
        if key in ctx.persons:
            return ctx.persons[key].id
        if len(key.split()) == 1 and key[:1].isupper():
            for full, actor in ctx.persons.items():
                parts = full.split()
                if len(parts) > 1 and key in (parts[0], parts[-1]):
                    return actor.id
    mini = DocContext(Document("name", name, date=date), load_pipeline()(name))
    roots = [t for t in mini.doc if t.head == t]
    if roots:
        found = mini.arg(roots[0]) or mini.arg(roots[0], allow_modifier=True)
        if len(found) == 1:
            actor = found[0].actor
            if actor.type == "person" and ctx is not None:
                return ctx._person(actor.label).id
            return actor.id
    return slugify(normalize(name))


def _tree_distance(a: Token, b: Token) -> int:
    """Edges between two tokens of one sentence in the dependency tree."""
    up = {}
    node, depth = a, 0
    while True:
        up[node.i] = depth
        if node.head == node:
            break
        node, depth = node.head, depth + 1
    node, depth = b, 0
    while node.i not in up and node.head != node:
        node, depth = node.head, depth + 1
    return depth + up.get(node.i, 50)
