"""References back to actors: pronouns, descriptions ("the kingdom", "the bloc"), sets
("both sides", "the two leaders") and definite titles ("the authoritarian leader of Belarus").

A pronoun takes the nearest compatible mention in its sentence (closest in the tree, then in the
text), else the subject of one of the four sentences before; reflexives take their clause's
subject, object pronouns never do; "they" after "Biden and Xi" is both.

    >>> from diplograph.pipeline import context_of
    >>> ctx = context_of("Turkey shelled Syria on Monday. It also threatened Greece.")
    >>> [m.actor.id for t in ctx.doc if t.lower_ == "it" for m in ctx.arg(t)]
    ['turkey']
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..model import Actor, Mention
from ..syntax import SUBJECT_DEPS, tree_distance
from . import arguments, entities, groups, quotes, roles, titles

if TYPE_CHECKING:
    from .context import DocContext

PERSON_PRONOUNS = {"he", "him", "his", "himself", "she", "her", "hers", "herself"}
THING_PRONOUNS = {"it", "its", "itself"}
PLURAL_PRONOUNS = {"they", "them", "their", "theirs", "themselves"}
FIRST_SINGULAR = {"i", "me", "my", "mine", "myself"}
FIRST_PLURAL = {"we", "us", "our", "ours", "ourselves"}
NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "2": 2, "3": 3, "4": 4, "5": 5}


def description(ctx: DocContext, t: Token, relation: str) -> list[Mention]:
    """'the authoritarian leader of Belarus', 'the president of Turkey', 'the Belarusian president';
    a title with its holder's name inside ('the Global Times newspaper') is that holder."""
    if t.i in ctx.described:  # "the US president" after "Donald Trump"
        start, end = arguments.np_offsets(ctx, t)
        return [Mention(ctx.described[t.i], arguments.np_text(ctx, t), start, end, via="description")]
    for child in t.children:
        if child.dep_ in ("appos", "compound"):
            em = ctx.entity_at(child)
            if em is not None and em.actor.type in ("person", "organisation") and em.span.root == child:
                return [em.mention()]
        if child.dep_ == "prep" and child.lower_ == "of":  # "Secretary of State John Kerry"
            for pobj in child.children:
                em = ctx.entity_at(pobj)
                if pobj.dep_ == "pobj" and em is not None and em.actor.type == "person" and em.span.root == pobj:
                    return [em.mention()]
    partners = titles.title_partners(ctx, t, None)
    if not partners:
        return []
    start, end = arguments.np_offsets(ctx, t)
    out = []
    for partner in partners:
        leader = ctx.leaders.get(partner.actor.id) if relation == "leader_of" else None
        if leader is not None:
            out.append(Mention(leader, arguments.np_text(ctx, t), start, end, via="description"))
        else:
            out.append(Mention(partner.actor, arguments.np_text(ctx, t), start, end, via="role"))
    return out


def back_reference(ctx: DocContext, t: Token, actor_type: str) -> list[Mention]:
    """'the bloc', 'the group's leader', 'the editorial': the last named organisation or group;
    ``actor_type`` "organisation:Air|Airlines" asks for one whose name has one of those words
    ("the carrier": Mahan Air, not the Revolutionary Guards named since)."""
    actor_type, _, named = actor_type.partition(":")
    words = set(named.split("|")) if named else set()
    types = ("organisation", "group") if actor_type in ("organisation", "group", "igo") else (actor_type,)
    for em in reversed(ctx.entity_mentions):
        if actor_type == "igo" and ctx.gaz.extra.get(em.actor.id, {}).get("kind") != "igo":
            continue  # "the bloc": an intergovernmental body, not the last newspaper named
        if words and not words & set(em.actor.label.split()):
            continue
        if em.span.start < t.i and em.actor.type in types and em.span.label_ != "NORP":
            return [Mention(em.actor, t.text, t.idx, t.idx + len(t.text), via="description")]
    return []


def pronoun(ctx: DocContext, t: Token) -> list[Mention]:
    """The actors a pronoun refers to (guarded against cycles)."""
    if t.i in ctx.resolving:  # "they ... their": an antecedent that leads back to the pronoun
        return []
    ctx.resolving.add(t.i)
    try:
        return resolve_pronoun(ctx, t)
    finally:
        ctx.resolving.discard(t.i)


def resolve_pronoun(ctx: DocContext, t: Token) -> list[Mention]:
    """First person inside quotes, reflexives, then the antecedent of its kind."""
    lower = t.lower_
    if lower.endswith(("self", "selves")) and lower not in ("myself", "ourselves", "yourself"):
        # a reflexive means the subject of its own clause: "Turkey is positioning itself as ..."
        found = [m for i in sorted(local_subjects(ctx, t)) for m in arguments.arg1(ctx, ctx.doc[i], False)]
        return [Mention(m.actor, t.text, t.idx, t.idx + len(t.text), via="pronoun") for m in found[:1]]
    if lower == "us" and t.text == "US":
        return []
    speakers = quotes.speaker_at(ctx, t)
    if not speakers and (lower in FIRST_SINGULAR or lower in FIRST_PLURAL):
        speakers = quotes.reporting_speaker(ctx, t)
    where = (t.idx, t.idx + len(t.text))
    if lower in FIRST_SINGULAR and speakers:
        return [Mention(s.actor, t.text, *where, via="pronoun") for s in speakers]
    if lower in FIRST_PLURAL and speakers and t.text != "US":
        out = []
        for s in speakers:
            actor = ctx.affiliation.get(s.actor.id) or ctx.home(s.actor) if s.actor.type == "person" else s.actor
            out.append(Mention(actor, t.text, *where, via="pronoun"))
        return out
    if lower in PERSON_PRONOUNS:
        wanted = ("person",)
    elif lower in THING_PRONOUNS:
        if thing_named_before(ctx, t):
            return []  # "The resolution was backed by 141 states, while Belarus ... voted against it"
        wanted = ("country", "organisation", "group")  # named groups too: "the SDF said it ..."
        if t.dep_ in SUBJECT_DEPS and ctx.lex.is_a(t.head.lemma_, "speech"):
            speaker = quotes.last_speaker(ctx, t)
            if speaker:
                return [Mention(speaker, t.text, *where, via="pronoun")]
    elif lower in PLURAL_PRONOUNS:
        together = coordinated_antecedents(ctx, t)
        if together:  # "Biden and Xi held talks ... where they agreed"
            return [Mention(a, t.text, *where, via="pronoun") for a in together]
        wanted = ("group", "country", "organisation")
    else:
        return []
    antecedent = cataphor(ctx, t, wanted) or nearest_antecedent(ctx, t, wanted)
    return [Mention(antecedent, t.text, *where, via="pronoun")] if antecedent else []


def thing_named_before(ctx: DocContext, t: Token) -> bool:
    """Whether the subject of the pronoun's sentence, before it, is a thing that is no actor ("the
    resolution", "the text", "the deal"), which an object 'it' most likely means."""
    if t.dep_ in SUBJECT_DEPS or t.lower_ != "it":
        return False
    for subject in (x for x in t.sent if x.dep_ in SUBJECT_DEPS and x.i < t.i):
        return subject.pos_ == "NOUN" and subject.tag_ == "NN" and ctx.entity_at(subject) is None and not any(
            ctx.lex.is_a(subject.lemma_, cls) for cls in ("state_agent", "group", "back_ref", "state_noun"))
    return False


def cataphor(ctx: DocContext, t: Token, wanted: tuple[str, ...]) -> Actor | None:
    """'Speaking alongside his Kenyan counterpart, Abiy said ...': a pronoun in an opening
    adverbial clause refers to the subject of the clause it opens."""
    node = t
    while node.head != node and node.dep_ != "advcl":
        node = node.head
    if node.dep_ != "advcl" or node.i > node.head.i or any(c.dep_ in SUBJECT_DEPS for c in node.children):
        return None
    for subject in (c for c in node.head.children if c.dep_ in ("nsubj", "nsubjpass") and c.i > t.i):
        em = ctx.entity_at(subject)
        if em is not None and em.actor.type in wanted:
            return em.actor
    return None


def coordinated_antecedents(ctx: DocContext, t: Token) -> list[Actor]:
    """The actors of the nearest coordinated subject before a plural pronoun (this sentence or the last)."""
    for sent in reversed(ctx.sentences_to(t, 2)):
        subjects = [x for x in sent if x.dep_ in SUBJECT_DEPS and x.i < t.i and x.conjuncts]
        for subject in reversed(subjects):
            actors = [m.actor for m in arguments.arg(ctx, subject)]
            if len(actors) > 1:
                return actors
    return []


def nearest_antecedent(ctx: DocContext, t: Token, wanted: tuple[str, ...]) -> Actor | None:
    """Nearest compatible mention before the pronoun in its sentence, else the subject of
    an earlier sentence (up to four back), else the nearest there."""
    sent_start = t.sent.start
    singular = t.lower_ in THING_PRONOUNS or t.lower_ in PERSON_PRONOUNS
    local = local_subjects(ctx, t) if t.dep_ in ("dobj", "dative", "pobj", "iobj") else set()
    candidates = [(root, actor) for root, actor, named in salient(ctx)
                  if (named or not (singular and root.tag_ in ("NNS", "NNPS")))  # "its" is no "people"
                  and root.i not in local]  # "Manila ..., accusing it": "it" is not Manila
    same = [(root, actor) for root, actor in candidates if sent_start <= root.i < t.i and actor.type in wanted]
    if same:
        # the closest in the tree, then in the text: "Algeria cut ties with Morocco, citing what
        # its foreign minister called ..." -> Algeria; "sanctions against Russia and entities aiding
        # its military effort" -> Russia
        return min(same, key=lambda c: (tree_distance(c[0], t), t.i - c[0].i))[1]
    for previous in reversed(ctx.sentences_to(t, 5)[:-1]):  # up to four sentences back
        cands = [(root, actor) for root, actor in candidates if previous.start <= root.i < previous.end and actor.type in wanted]
        subjects = [c for c in cands if c[0].dep_ in SUBJECT_DEPS]
        if subjects:
            return subjects[0][1]
        if cands:
            return cands[-1][1]
    return None


def set_reference(ctx: DocContext, t: Token) -> list[Mention]:
    """'both sides', 'the two countries', 'the three governments', 'the two leaders': the last
    so many actors of that kind named in this sentence and the two before, other than the
    clause's own subject ("China urged both sides to ...")."""
    kind = ctx.lex.value(t.lemma_, "set_noun")
    if not kind or t.tag_ not in ("NNS", "NNPS"):
        return []
    words = {c.lower_ for c in t.children if c.dep_ in ("det", "predet", "nummod", "quantmod")}
    size = 2 if "both" in words else next((NUMBERS[w] for w in words if w in NUMBERS), 0)
    if not size or ("both" not in words and "the" not in words):
        return []
    wanted = {"person": ("person",), "country": ("country",)}.get(kind, ("country", "organisation", "group"))
    first = ctx.doc[max(t.sent.start - 1, 0)].sent
    first = ctx.doc[max(first.start - 1, 0)].sent.start
    local = {a.id for s in local_subject_tokens(ctx, t) if ctx.entity_at(s)
             for a in (ctx.entity_at(s).actor, roles.home(ctx, ctx.entity_at(s).actor))}
    inside = {x.i for x in t.subtree}  # "the two US allies": not the US
    found: list[Actor] = []
    for em in reversed(ctx.entity_mentions):
        if not (first <= em.span.start < t.i) or em.span.root.i in inside or entities.is_place_use(ctx, em) or (
                em.span.label_ == "NORP" and em.via != "demonym"):
            continue
        actor = em.actor if em.actor.type in wanted or kind == "person" else roles.home(ctx, em.actor)
        if actor.type in wanted and actor.id not in local and actor.id not in {a.id for a in found}:
            found.append(actor)
        if len(found) == size:
            start, end = arguments.np_offsets(ctx, t)
            return [Mention(a, arguments.np_text(ctx, t), start, end, via="description") for a in reversed(found)]
    return []


def local_subject_tokens(ctx: DocContext, t: Token) -> list[Token]:
    """The subjects of the clause a noun phrase sits in, through the phrases above it."""
    node = t
    while node.pos_ not in ("VERB", "AUX") and node.head != node:
        node = node.head
    if node.pos_ not in ("VERB", "AUX"):
        return []
    subjects = [c for c in node.children if c.dep_ in SUBJECT_DEPS and c != t]
    return [x for s in subjects for x in (s, *s.conjuncts)]


def only_state_before(ctx: DocContext, t: Token) -> Actor | None:
    """The one state named in this sentence and the one before, up to the token (None if several)."""
    first = ctx.doc[max(t.sent.start - 1, 0)].sent.start
    states = {}
    for em in ctx.entity_mentions:  # states named, and the states of persons named ("Putin met Xi in Beijing")
        if first <= em.span.start < t.i and em.actor.type in ("country", "person"):
            state = roles.home(ctx, em.actor)
            if state.type == "country":
                states[state.id] = state
            elif em.actor.type == "person":
                return None  # someone of unknown allegiance: who knows whose country
    return next(iter(states.values())) if len(states) == 1 else None


def local_subjects(ctx: DocContext, t: Token) -> set[int]:
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
                out.update(x.i for x in group)
                # "Saudi Arabia, the UAE, ...", "Arabnejad, the director of Mahan Air, denied it"
                out.update(x.i for g in group for a in g.children if a.dep_ == "appos" for x in a.subtree)
            break
        if verb.dep_ not in ("advcl", "xcomp", "conj", "acl") or verb.head == verb:
            break
        verb = verb.head
    return out


def salient(ctx: DocContext) -> list[tuple[Token, Actor, bool]]:
    """What a pronoun may point back to, in text order, as (token, actor, named): named entities
    (not modifiers like "Kurdish"), state bodies as their state ("the Cuban government"), and
    unnamed collectives or units ("the morality police", "Western governments")."""
    if ctx.salient_cache is None:
        named = [(em.span.root, em.actor, True) for em in ctx.entity_mentions if em.span.root.dep_ != "amod"]
        # while the unnamed ones are read, a reference inside them ("the island nation's cabinet") sees the named
        ctx.salient_cache = named
        unnamed = []
        for token in ctx.doc:
            if token.pos_ != "NOUN" or ctx.entity_at(token) is not None:
                continue
            state_agent = ctx.lex.is_a(token.lemma_, "state_agent") or ctx.lex.is_a(token.lower_, "state_agent")
            owners = groups.owners(ctx, token) if state_agent else []
            if owners:
                unnamed.append((token, owners[0].actor, True))
            elif state_agent or ctx.lex.is_a(token.lemma_, "group"):
                found = groups.group(ctx, token, compounds=state_agent)
                if found is not None:
                    unnamed.append((token, found.actor, False))
        ctx.salient_cache = sorted(named + unnamed, key=lambda c: c[0].i)
    return ctx.salient_cache
