"""Titles and offices: which state or body a person leads or represents, and who holds an office.

Reads titles before a name ("Belarusian President Alexander Lukashenko"), appositions ("Zalmay
Khalilzad, a US peace envoy"), copulas ("X is the president of Y"), national bodies ("the US
State Department" represents the US), state media (from the gazetteer), counterparts ("his
Kenyan counterpart William Ruto") and definite titles that refer back to a person ("the US
president" after "Donald Trump"). Past offices ("former president") give no role.

    >>> from diplograph.pipeline import context_of
    >>> ctx = context_of("Belarusian President Alexander Lukashenko arrived in Beijing.")
    >>> [(r.holder.actor.id, r.relation, r.partner.actor.id, r.method) for r in ctx.roles]
    [('alexander_lukashenko', 'leader_of', 'belarus', 'title')]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from ..model import Actor, Mention
from ..syntax import MODIFIER_DEPS, SUBJECT_DEPS
from . import arguments

if TYPE_CHECKING:
    from .context import DocContext
    from .entities import EntityMention


STATE_ORGAN_KINDS = {"armed_forces", "ministry", "intelligence", "agency", "court"}  # gazetteer kinds


@dataclass
class Role:
    """An affiliation read from a title or apposition: holder -relation-> partner."""

    holder: Mention
    relation: str
    partner: Mention
    token: Token  # the title noun
    method: str


def title_relation(ctx: DocContext, token: Token) -> str | None:
    """The affiliation a title noun expresses, reading multi-word titles ("prime minister")."""
    if token.pos_ not in ("NOUN", "PROPN") or ctx.entity_at(token) is not None:
        return None
    if token.lower_ not in ctx.lex.title_text and token.lemma_.lower() not in ctx.lex.title_text:
        return None  # every window below holds the token (or, last, its lemma) as written
    doc = ctx.doc
    for n in range(ctx.lex.longest_title, 0, -1):
        # windows ending at the token ("prime minister") and starting at it ("secretary of state")
        for window in (doc[max(token.i - n + 1, 0) : token.i + 1], doc[token.i : token.i + n]):
            if len(window) != n:
                continue
            words = [t.lower_ for t in window]
            text = window.text.lower()  # "secretary-general" as written
            for variant in (text, " ".join(words), " ".join(words[:-1] + [window[-1].lemma_.lower()])):
                value = ctx.lex.value(variant, "title")
                if value:
                    return value
    return None


def former(ctx: DocContext, title: Token) -> bool:
    """A title marked as past: "former president", "ex-president", "the ousted leader"."""
    words = [c for c in title.children if c.dep_ in ("amod", "compound", "advmod", "nmod")]
    words += [t for t in ctx.doc[max(title.i - 3, 0) : title.i]]
    return any(ctx.lex.is_a(w.lower_, "former_title") for w in words)


def title_partners(ctx: DocContext, title: Token, exclude: Span | None) -> list[Mention]:
    """The state or organisation a title noun ties its holder to."""
    found: list[Mention] = []
    posted = ctx.lex.is_a(title.lower_, "posting_title") or ctx.lex.is_a(title.lemma_, "posting_title")
    for child in title.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "for", "to") and not (posted and child.lower_ == "to"):
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                found += [m for m in arguments.arg(ctx, pobj) if m.actor.type in ("country", "organisation", "group")]
    if not found and exclude is not None:
        found = holder_of_phrase(ctx, exclude.root)  # "Presidents Hage Geingob of Namibia and ..."
    if found:
        return found
    for token in title.subtree:
        if token.i >= title.i or (exclude is not None and exclude.start <= token.i < exclude.end):
            continue
        em = ctx.entity_at(token)
        if em is not None and can_have_officers(em):
            if token.dep_ in MODIFIER_DEPS or token.head.i != token.i:
                found.append(em.mention())
        elif token.dep_ == "poss" and token.head == title and token.pos_ in ("PRON", "NOUN"):
            # "his country's president", "the group's leader" (a back-reference)
            found += [m for m in arguments.arg(ctx, token) if m.actor.type in ("country", "organisation", "group")]
    if not found and title.dep_ in ("compound", "nmod") and title.head.i > title.i:
        # "UN Secretary-General Antonio Guterres": the body modifies the name beside the title
        for sibling in title.head.children:
            if sibling.i < title.i and sibling.dep_ in MODIFIER_DEPS:
                em = ctx.entity_at(sibling)
                if em is not None and can_have_officers(em) and em is not ctx.entity_at(title.head):
                    found.append(em.mention())
    unique = {m.actor.id: m for m in found}
    return list(unique.values())


def holder_of_phrase(ctx: DocContext, name: Token) -> list[Mention]:
    """The states and bodies an 'of' phrase on a person's name ties them to ("Sheldon Yett of UNICEF")."""
    return [m for prep in name.children if prep.dep_ == "prep" and prep.lower_ == "of"
            for pobj in prep.children if pobj.dep_ == "pobj"
            for m in arguments.arg(ctx, pobj) if m.actor.type in ("country", "organisation", "group")]


def can_have_officers(em: EntityMention) -> bool:
    """States, organisations and named groups ("Hezbollah leader"), not demonym collectives."""
    return em.actor.type in ("country", "organisation") or (em.actor.type == "group" and em.span.label_ != "NORP")


def title_tokens(ctx: DocContext, em: EntityMention) -> list[tuple[Token, str]]:
    """Title nouns attached to an entity mention, with the construction found."""
    span, root = em.span, em.span.root
    found: list[tuple[Token, str]] = []
    for child in root.children:
        if child.i < span.start and child.dep_ in ("compound", "nmod", "amod", "appos") and title_relation(ctx, child) \
                and not other_person_between(ctx, child.i, span):
            found.append((child, "title"))
        if child.i >= span.end and child.dep_ == "appos" and title_relation(ctx, child):
            found.append((child, "apposition"))
    if root.dep_ in ("appos", "compound") and title_relation(ctx, root.head) and not span.start <= root.head.i < span.end:
        found.append((root.head, "apposition" if root.dep_ == "appos" else "title"))  # also "the Global Times newspaper"
    if root.dep_ == "pobj" and root.head.lower_ == "of" and title_relation(ctx, root.head.head):
        found.append((root.head.head, "title"))  # "US Secretary of State John Kerry" parsed as "of ... Kerry"
    if root.dep_ == "nsubj" and root.head.lemma_ == "be":
        for attr in (c for c in root.head.children if c.dep_ == "attr"):
            if title_relation(ctx, attr):
                found.append((attr, "copula"))
    if not found and span.end < len(ctx.doc) and ctx.doc[span.end].text == ",":
        # "X, a spokesman for Y": the apposition is often attached to the wrong noun
        for token in ctx.doc[span.end + 1 : span.end + 8]:
            if token.dep_ == "appos" and title_relation(ctx, token):
                found.append((token, "apposition"))
                break
            if token.text in (",", ";", ".") or token.pos_ == "VERB":
                break
    before = span.start - 1
    if not found and root.dep_ == "conj" and (other := ctx.entity_at(root.head)) is not None and other.actor.type == "person":
        # "Presidents Hage Geingob of Namibia and Hakainde Hichilema of Zambia": a plural title is both's
        found = [(t, m) for t, m in title_tokens(ctx, other) if t.tag_ in ("NNS", "NNPS")]
    if not found and before >= 0 and title_relation(ctx, ctx.doc[before]):
        found.append((ctx.doc[before], "title"))  # "China's state news agency Xinhua", even when misparsed
    for title, method in list(found):  # "Belarus president and firm Russia ally Lukashenko"
        for conj in title.conjuncts:
            if title_relation(ctx, conj) and all(conj != t for t, _ in found):
                found.append((conj, method))
    return found


def bare_title(ctx: DocContext, title: Token) -> bool:
    """A title that says nothing of whose office it is: no modifier ("Council spokesperson", "his
    counterpart") and no 'of'/'for' phrase beyond a portfolio ("Minister of Information" is bare,
    "spokesperson for the provincial governor" is not)."""
    if title.lemma_ == "counterpart" or any(c.dep_ in ("compound", "nmod", "poss", "amod") and c.i < title.i
                                            and not (ctx.lex.is_a(c.lower_, "title") or ctx.lex.is_a(c.lower_, "former_title"))
                                            for c in title.children):
        return False
    for prep in title.children:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "for"):
            if any(not ctx.lex.is_a(o.lower_, "generic_org_word") for o in prep.children if o.dep_ == "pobj"):
                return False
    return True


def context_state(ctx: DocContext, title: Token) -> Actor | None:
    """The state a government title that names none belongs to: the one state its sentence names,
    else the document's state (see :func:`document_state`)."""
    sentence = title.sent
    states = {em.actor.id: em.actor for em in ctx.entity_mentions
              if sentence.start <= em.span.start < sentence.end and em.actor.type == "country" and not ctx.is_place_use(em)}
    if len(states) == 1:
        return next(iter(states.values()))
    return document_state(ctx) if not states else None


def document_state(ctx: DocContext) -> Actor | None:
    """The state a document is about: named most often (the headline counting twice), at least
    twice and half as often again as any other."""
    if ctx.doc_state is None:
        counts: dict[str, int] = {}
        first = next(iter(ctx.doc.sents)).end
        for em in ctx.entity_mentions:
            if em.actor.type == "country" and not ctx.is_place_use(em):
                counts[em.actor.id] = counts.get(em.actor.id, 0) + (2 if em.span.start < first else 1)
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        best = ranked[0] if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] >= 1.5 * ranked[1][1]) else None
        ctx.doc_state = ctx.gaz_actor(best[0]) if best else False
    return ctx.doc_state or None


def state_in_sight(ctx: DocContext, state_id: str) -> bool:
    """Whether the document names a state (or a person of it) anywhere: "CCTV captured their arrival"
    in a story about Paris is a camera, not China's broadcaster."""
    return any(em.actor.id == state_id or (em.actor.type == "person" and em.actor.state == state_id) for em in ctx.entity_mentions)


def other_person_between(ctx: DocContext, i: int, span: Span) -> bool:
    """'US President Donald Trump and Turkish President Erdogan' misparsed with the first title on
    Erdogan: a title with another person's name between it and this one is that person's."""
    return any((em := ctx.entity_at(t)) is not None and em.actor.type == "person" and em.span != span
               for t in ctx.doc[i + 1 : span.start])


def state_of_org(ctx: DocContext, em: EntityMention) -> Mention | None:
    """'the US State Department', "Russia's defence ministry": a national body names its state."""
    if em.actor.type != "organisation" or ctx.gaz.extra.get(em.actor.id, {}).get("kind") == "igo":
        return None
    if em.actor.id not in ctx.gaz.actors and len(em.span) < 2:
        return None  # "the US House": a bare common word is no body of its own
    root = em.span.root
    holders = [root] + ([root.head] if root.dep_ == "compound" and (  # "Russia's FSB security service"
        ctx.lex.is_a(root.head.lemma_, "back_ref") or ctx.lex.is_a(root.head.lemma_, "generic_org_word")) else [])
    kind = ctx.gaz.extra.get(em.actor.id, {}).get("kind")
    if kind not in STATE_ORGAN_KINDS and not any(ctx.lex.is_a(t.lower_, "state_organ") for t in [*em.span, *holders]):
        return None  # "the UK's Conservative Party", "Georgia Institute of Technology": no organ of the state
    candidates = [t for t in em.span if t != root] + [
        c for h in holders for c in h.children if c.dep_ in ("compound", "amod", "poss", "nmod") and c.i < em.span.start]
    for token in candidates:
        found = ctx.lookup(token.text, ("name", "alias", "demonym"))
        if found and ctx.gaz.kind_of.get(found.actor_id) == "countries":
            inner = ctx.entity_at(token)
            if inner is not None and inner is not em:
                return inner.mention()
            return Mention(ctx.gaz_actor(found.actor_id), token.text, token.idx, token.idx + len(token.text), "demonym")
    return None


def read_roles(ctx: DocContext) -> None:
    """Read every role of the document (state media, national bodies, titles, then descriptions)."""
    known: set[str] = set()
    # "his Kenyan counterpart William Ruto, ... Ethiopian Prime Minister Abiy": counterparts last,
    # once the office they mirror is known
    mirrored = [em for em in ctx.entity_mentions if any(t.lemma_ == "counterpart" for t, _ in title_tokens(ctx, em))]
    for em in [em for em in ctx.entity_mentions if em not in mirrored] + mirrored:
        if em.actor.type not in ("person", "organisation"):
            continue
        home = em.actor.state if ctx.gaz.extra.get(em.actor.id, {}).get("kind") == "state_media" else None
        if home and em.actor.id not in known and ctx.gaz.actor(home) is not None and state_in_sight(ctx, home):
            # state media: the gazetteer records whose voice they are (once a document)
            known.add(em.actor.id)
            state_actor = ctx.gaz_actor(home)
            ctx.roles.append(Role(em.mention(), "represents", Mention(state_actor, em.span.text, em.span.start_char,
                                                                         em.span.end_char, "gazetteer"), em.span.root, "gazetteer"))
            ctx.affiliation.setdefault(em.actor.id, state_actor)
        state = state_of_org(ctx, em)
        if state is not None and state.actor.id != em.actor.id:
            ctx.roles.append(Role(em.mention(), "represents", state, em.span.root, "title"))
            ctx.affiliation.setdefault(em.actor.id, state.actor)
        if em.span.root.i != em.span[-1].i and em.span.root.dep_ == "compound":
            continue
        titles = title_tokens(ctx, em)
        if not titles and em.actor.type == "person":
            for body in holder_of_phrase(ctx, em.span.root):  # "Sheldon Yett of UNICEF observed ..."
                if body.actor.type == "organisation":
                    ctx.roles.append(Role(em.mention(), "member_of", body, em.span.root, "apposition"))
                    ctx.affiliation.setdefault(em.actor.id, body.actor)
        for title, method in titles:
            if former(ctx, title):
                continue  # "former Nigerian president Olusegun Obasanjo" holds no office now
            relation = title_relation(ctx, title)
            if title.lemma_ == "counterpart":  # "his Indian counterpart": the same office as "his"
                owners = [m for c in title.children if c.dep_ == "poss" for m in arguments.arg(ctx, c)]
                relation = next((ctx.role_of[m.actor.id] for m in owners if m.actor.id in ctx.role_of), relation)
            office = any(c.dep_ == "compound" and c.pos_ == "NOUN" and not title_relation(ctx, c) and ctx.entity_at(c) is None
                         for c in title.children)  # "UN human rights chief", "opposition leader", "army chief"
            if relation == "leader_of" and office:
                relation = "represents"  # heads an office or a movement, not the state
            partners = title_partners(ctx, title, em.span)
            home = ctx.gaz.actor(em.actor.state) if em.actor.type == "person" and em.actor.state and not office else None
            if not partners and home is not None and title.lemma_ != "counterpart" and not ctx.lex.is_a(title.lower_, "rank"):
                # "President Joe Biden": the title names no state; the gazetteer knows his
                partners = [Mention(ctx.gaz_actor(home.id), title.text, title.idx, title.idx + len(title.text), "gazetteer")]
            if not partners and em.actor.type == "person" and bare_title(ctx, title) and (
                    ctx.lex.is_a(title.lower_, "government_title") or ctx.lex.is_a(title.lemma_, "government_title")):
                state = context_state(ctx, title)  # "Minister of Information Moammar al-Eryani" in a story on Yemen
                if state is not None:
                    partners = [Mention(state, title.text, title.idx, title.idx + len(title.text), "description")]
            for partner in partners:
                if partner.actor.id == em.actor.id:
                    continue
                if em.actor.type == "organisation" and relation != "represents":
                    continue
                ctx.roles.append(Role(em.mention(), relation, partner, title, method))
                ctx.role_of.setdefault(em.actor.id, relation)
                if relation == "leader_of" and partner.actor.type == "country":
                    ctx.leaders.setdefault(partner.actor.id, em.actor)
                ctx.affiliation.setdefault(em.actor.id, partner.actor)
    read_described_holders(ctx)


def read_described_holders(ctx: DocContext) -> None:
    """'the US president', 'the Libyan leader' after a name: the definite title refers back to
    the person last named who can hold it (one the gazetteer ties to that state, else one with no
    known office), and says which office they hold."""
    for title in ctx.doc:
        relation = title_relation(ctx, title)
        if relation not in ("leader_of", "represents") or title.tag_ not in ("NN", "NNP") or former(ctx, title):
            continue
        if not any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in title.children):
            continue
        if title.dep_ in ("compound", "appos") or any(
                c.dep_ in ("appos", "compound") and ctx.entity_at(c) and ctx.entity_at(c).actor.type in ("person", "organisation")
                for c in title.children):
            continue  # the name is right there: read as a title or apposition
        if any(c.dep_ == "compound" and c.pos_ == "NOUN" and not title_relation(ctx, c) for c in title.children):
            continue  # "the army chief", "the opposition leader": an office, not the state's
        partners = [m for m in title_partners(ctx, title, None) if m.actor.type == "country"]
        if len(partners) != 1:
            continue
        holder = described_holder(ctx, title, partners[0].actor)
        if holder is None:
            continue
        start, end = arguments.np_offsets(ctx, title)
        mention = Mention(holder, ctx.text[start:end], start, end, "description")
        ctx.described[title.i] = holder
        ctx.roles.append(Role(mention, relation, partners[0], title, "description"))
        ctx.role_of.setdefault(holder.id, relation)
        if relation == "leader_of":
            ctx.leaders.setdefault(partners[0].actor.id, holder)
        ctx.affiliation.setdefault(holder.id, partners[0].actor)


def described_holder(ctx: DocContext, title: Token, state: Actor) -> Actor | None:
    """The person a definite title refers back to, in its sentence or the one before."""
    sentence = title.sent
    first = ctx.doc[max(sentence.start - 1, 0)].sent.start  # this sentence and the one before
    before = [em for em in ctx.entity_mentions
              if em.actor.type == "person" and first <= em.span.start and em.span.end <= title.i]
    for em in reversed(before):
        if em.actor.state == state.id or (em.actor.id in ctx.affiliation and ctx.affiliation[em.actor.id].id == state.id):
            return em.actor
    for em in reversed(before):  # someone of no known office: in this sentence, or the one who acted in the last
        if not em.actor.state and em.actor.id not in ctx.affiliation and (  # ("Donald Trump said ... The US president"),
                em.span.start >= sentence.start or em.span.root.dep_ in SUBJECT_DEPS):
            return em.actor  # not a name in passing ("pledged converting Hagia Sophia. ... the Greek foreign minister")
    return None


def home(ctx: DocContext, actor: Actor) -> Actor:
    """The state a person's office belongs to (as the text or the gazetteer says); others unchanged."""
    if actor.type != "person":
        return actor
    if actor.id in ctx.affiliation and ctx.affiliation[actor.id].type == "country":
        return ctx.affiliation[actor.id]
    if actor.state and ctx.gaz.kind_of.get(actor.state) == "countries":
        return ctx.gaz_actor(actor.state)
    return actor
