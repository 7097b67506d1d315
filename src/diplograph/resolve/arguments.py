"""Arguments: the actors one syntactic argument refers to, whatever form it takes.

``arg(ctx, token)`` (also ``ctx.arg(token)``) is the one question extraction asks of
resolution. It follows coordination and tries, in order: a named entity, a pronoun, a name the
NER missed, a set ("both sides"), quantities and places ("dozens of Western governments", "the
city of Kharkiv"), members ("partner countries such as Belarus"), titles as descriptions ("the
president of Turkey"), state agents ("the Biden administration"), state nouns ("the Gulf
state"), back-references ("the bloc"), collectives and units; with ``allow_modifier``, the owner
of a noun that is no actor ("praised China's role" -> China).

    >>> from diplograph.pipeline import context_of
    >>> ctx = context_of("Egypt, Greece and Cyprus condemned Turkey.")
    >>> [m.actor.id for m in ctx.arg(ctx.doc[0])]
    ['egypt', 'greece', 'cyprus']
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..model import Mention
from . import groups, persons, references, roles, titles

if TYPE_CHECKING:
    from .context import DocContext


def arg(ctx: DocContext, token: Token, allow_modifier: bool = False) -> list[Mention]:
    """The actors a syntactic argument refers to, following coordination.

    ``allow_modifier``: when the word is no actor, take the actor that owns
    it ("praised China's role" -> China; "attacked Japan's policy" -> Japan).
    """
    out: dict[str, Mention] = {}
    members = [token, *token.conjuncts] if token.dep_ != "conj" else [token]
    head = ctx.entity_at(token)
    if head is not None and head.actor.type == "country":
        # "Saudi Arabia, the United Arab Emirates, Bahrain and Egypt": a list the parser took for appositions
        for t in list(members):
            for c in t.children:
                em = ctx.entity_at(c)
                if c.dep_ == "appos" and em is not None and em.actor.type == "country":
                    members += [c, *c.conjuncts]
    if head is not None and head.actor.type == "person" and token.dep_ != "conj":
        members += titled_conjuncts(ctx, token, head.actor.id)
    for t in members:
        for m in arg1(ctx, t, allow_modifier):
            out.setdefault(m.actor.id, m)
    return list(out.values())


def appositive_name(ctx: DocContext, t: Token):
    """The group or organisation named right before ", a ..." when the noun is an apposition: the
    parse often hangs it on an earlier noun ("the commander of the PMF, an Iranian-backed militia")."""
    if t.dep_ not in ("appos", "attr") or t.pos_ != "NOUN":  # "was a commander of X, a ... militia" may parse as a second attr
        return None
    comma = t.left_edge.i - 1
    if comma < 1 or ctx.doc[comma].text != ",":
        return None
    candidates = [comma - 1]
    if ctx.doc[comma - 1].text == ")":  # "the Popular Mobilization Forces (PMF), an ...": the acronym, else the name
        opening = next((i for i in range(comma - 2, max(comma - 8, 0), -1) if ctx.doc[i].text == "("), None)
        candidates = [comma - 2] + ([opening - 1] if opening else [])
    for i in candidates:
        em = ctx.entity_at(ctx.doc[i]) if i >= 0 else None
        if em is not None:
            return em if em.actor.type in ("group", "organisation") else None
    return None


def titled_conjuncts(ctx: DocContext, token: Token, own: str) -> list[Token]:
    """"US President Donald Trump and Turkish President Recep Tayyip Erdoğan spoke": the small
    model hangs the first titled name under the second one's title; names joined by 'and' inside
    that title phrase are conjuncts of the argument all the same."""
    found = []
    for title in (c for c in token.children if c.dep_ == "compound" and c.i < token.i and titles.title_relation(ctx, c)):
        words = list(title.subtree)
        if not any(w.dep_ == "cc" and w.lower_ == "and" for w in words):
            continue
        for w in words:
            em = ctx.entity_at(w)
            if em is not None and em.span.root == w and em.actor.type == "person" and em.actor.id != own:
                found.append(w)
    return found


def arg1(ctx: DocContext, t: Token, allow_modifier: bool) -> list[Mention]:
    """The actors one word (not its conjuncts) refers to."""
    if ctx.skipped(t):
        return []
    em = ctx.entity_at(t)
    if em is not None:
        if em.actor.type == "group" and em.span.root.dep_ == "amod":
            return []
        return [em.mention()]
    if t.pos_ == "PRON":
        return references.pronoun(ctx, t)
    if t.pos_ not in ("NOUN", "PROPN", "NUM"):
        return []
    if (t.pos_ == "PROPN" or t.text[:1].isupper()) and t.dep_ != "compound":  # also a name tagged NOUN ("Trump is ...)
        named = persons.unmarked_name(ctx, t)
        if named is not None:
            return [named]
    if t.lemma_ == "one":  # "one of the staunchest allies of Putin"
        return []
    named_before = appositive_name(ctx, t)
    if named_before is not None:
        return [named_before.mention()]  # "the PMF, an Iranian-backed militia": the militia is the PMF
    together = references.set_reference(ctx, t)
    if together:  # "both sides", "the two countries", "the two leaders"
        return together
    if ctx.lex.is_a(t.lemma_, "quantity") or ctx.lex.is_a(t.lemma_, "place_noun"):
        for prep in (c for c in t.children if c.dep_ == "prep" and c.lower_ == "of"):
            named = [m for o in prep.children if o.dep_ == "pobj" for m in arg(ctx, o)]
            places = named and all(m.actor.type == "location" for m in named)  # "the regions of Abkhazia and ..."
            if named and (ctx.lex.is_a(t.lemma_, "quantity") or places):
                return named  # "dozens of Western governments", "the city of Kharkiv" (not "regions of Ukraine")
    for child in t.children:  # "partner countries such as Belarus", "the nations of Serbia and Kosovo"
        such_as = child.lower_ == "as" and any(c.lower_ == "such" for c in child.children)
        members = child.lower_ == "of" and ctx.lex.is_a(t.lemma_, "group") and t.tag_ == "NNS"
        if child.dep_ == "prep" and (such_as or members):
            pobjs = [c for c in child.children if c.dep_ == "pobj"]
            found = arg(ctx, pobjs[0]) if pobjs else []
            if found and all(m.actor.type in ("country", "organisation") for m in found):
                return found
    title = titles.title_relation(ctx, t)
    if title and t.dep_ == "conj":
        named = [em for a in t.head.children if a.dep_ == "appos" and (em := ctx.entity_at(a)) is not None
                 and titles.misparsed_apposition(ctx, a, em.span.start) == t]
        if named:
            return [named[0].mention()]  # "Santos and the leader of the FARC, Rodrigo Londoño, signed"
    if title:
        for body in (o for p in t.children if p.dep_ == "prep" and p.lower_ in ("of", "for", "at") for o in p.children if o.dep_ == "pobj"):
            named = [ctx.entity_at(a) for a in body.children if a.dep_ == "appos"]
            if named and named[0] is not None and named[0].actor.type == "person":
                return [named[0].mention()]  # "the director of Mahan Air, John Smith, said": the parse hangs the name on the body
        described = references.description(ctx, t, title)
        if described:
            return described
    owners = groups.owners(ctx, t)
    if owners and (ctx.lex.is_a(t.lower_, "state_agent") or ctx.lex.is_a(t.lemma_, "state_agent")):
        states = [roles.home(ctx, m.actor) for m in owners]  # "the Biden administration" is the US government
        return [Mention(a, np_text(ctx, t), *np_offsets(ctx, t), via="role") for a in states]
    qualified = any(c.dep_ in ("amod", "compound") for c in t.children) or t.lemma_ not in ("country", "nation", "state")
    if ctx.lex.is_a(t.lemma_, "state_noun") and t.tag_ == "NN" and not owners and qualified and any(
            c.lower_ in ("the", "this", "that") for c in t.children):
        # "the Gulf state", "the kingdom" (a bare "the country" is too often ambiguous)
        state = references.nearest_antecedent(ctx, t, ("country",))  # "accusing the Gulf state of ...", "leave the kingdom"
        if state is not None:
            return [Mention(state, np_text(ctx, t), *np_offsets(ctx, t), via="description")]
    if ctx.lex.is_a(t.lemma_, "state_noun") and t.tag_ == "NN" and not owners and not qualified and any(
            c.lower_ == "the" for c in t.children):
        only = references.only_state_before(ctx, t)  # "KCNA said the country had tested ...": one state in sight
        if only is not None:
            return [Mention(only, np_text(ctx, t), *np_offsets(ctx, t), via="description")]
    if ctx.lex.is_a(t.lemma_, "government_noun") and t.tag_ == "NN" and not owners and any(c.lower_ == "the" for c in t.children) \
            and not any(ctx.entity_at(c) is not None for c in t.subtree if c != t):
        only = references.only_state_before(ctx, t)  # "... in Afghanistan. Hotak said the government ..."
        if only is None and any(c.dep_ == "amod" and ctx.lex.is_a(c.lower_, "home_government") for c in t.children):
            only = roles.document_state(ctx) or roles.context_state(ctx, t)  # "the central government" in a story on Afghanistan
        if only is not None:
            return [Mention(only, np_text(ctx, t), *np_offsets(ctx, t), via="description")]
    back = ctx.lex.value(t.lemma_, "back_ref")
    if back:
        named = [ctx.entity_at(c).mention() for c in t.children if c.dep_ == "compound" and ctx.entity_at(c)
                 and ctx.entity_at(c).actor.type in ("organisation", "group")]
        if named:  # "the BRICS bloc", "the Global Times newspaper", "Russia's FSB security service": the name says which
            return named
        if not owners and any(c.lower_ in ("the", "this", "that") for c in t.children):
            return references.back_reference(ctx, t, back)
    if ctx.lex.is_a(t.lemma_, "group") or ctx.lex.is_a(t.lower_, "group") or groups.collective_agent(ctx, t):
        led = groups.led_group(ctx, t)
        if led is not None:  # "the Saudi-led coalition": a group of its own, not Saudi Arabia
            return [led]
        group = groups.group(ctx, t)
        if group:
            return [group]
    if ctx.lex.is_a(t.lemma_, "state_agent") or ctx.lex.is_a(t.lower_, "state_agent"):
        unit = groups.group(ctx, t, compounds=True)  # "the morality police", "riot police"
        if unit is not None:
            return [unit]
    for child in t.children:  # "killed the photojournalist Ziad al-Sharabi", "hired a lawyer, Jane Roe"
        em = ctx.entity_at(child)
        if child.dep_ == "appos" and em is not None and em.span.root == child and em.actor.type in ("person", "organisation"):
            return [em.mention()]
    if allow_modifier and not ctx.lex.is_a(t.lemma_, "relational_noun"):
        # "praised China's role" -> China; not "regions of Ukraine" (a part is not its owner),
        # nor "its Turkic neighbour" (another state)
        owned = groups.owners(ctx, t, of=False)
        return [Mention(m.actor, m.text, m.start, m.end, via="modifier") for m in owned]
    return []


def np_offsets(ctx: DocContext, t: Token) -> tuple[int, int]:
    """Character offsets of a noun phrase: its left modifiers to its "of"/"for" phrase."""
    left = [c for c in t.lefts if c.dep_ not in ("punct", "cc", "prep")]
    start_tok = left[0] if left else t
    right = t
    for c in t.rights:
        if c.dep_ == "prep" and c.lower_ in ("of", "for"):
            right = max(c.subtree, key=lambda x: x.i)
    return start_tok.idx, right.idx + len(right.text)


def np_text(ctx: DocContext, t: Token) -> str:
    """The text of a noun phrase (see :func:`np_offsets`)."""
    start, end = np_offsets(ctx, t)
    return ctx.text[start:end]
