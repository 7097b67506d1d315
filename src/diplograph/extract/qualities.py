"""The qualities of a statement: polarity, modality, attribution and date.

Each reads the words that govern the cue, up the tree to a clause boundary:
- polarity: negations ("did not", "refused to", "ruled out", "by no means", "denied supplying"),
  counted so that two cancel; questions and conditions state nothing (``questioned``);
- modality: ``planned`` ("will visit", "to visit"), ``alleged`` ("reports that", "were reported
  to"), ``hypothetical`` ("could", "if", "any strike on Iran would");
- attribution: who claims it ("X said that", "according to X", a quote's speaker), unless the
  clause is the narrator's ("while Denmark accused Iran");
- date: a date phrase on the event ("on Sunday"), else the document's date.

    >>> from diplograph.pipeline import extract_text
    >>> [(r.polarity, r.modality, r.attributed_to.id) for r in extract_text("Iran said the US would never attack Venezuela.")]
    [('negated', 'hypothetical', 'iran')]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..model import Actor
from ..syntax import CLAUSE_BOUNDARY, chain, children, is_participle
from ..temporal import resolve_date
from . import arguments

if TYPE_CHECKING:
    from .emit import Extraction

MODALITY_RANK = {"asserted": 0, "planned": 1, "alleged": 2, "hypothetical": 3}


def negations(ex: Extraction, cue: Token) -> int:
    """How many negations govern the cue (odd: negated), up to the nearest clause boundary."""
    count = local_negation(ex, cue)
    nominal = cue.pos_ in ("NOUN", "PROPN")
    for dep, governor in chain(cue):
        if dep in ("ccomp", "xcomp", "dobj", "pcomp") and governor.i < cue.i and denies(ex, governor, dep):
            count += 1 + local_negation(ex, governor)  # "denied supplying drones", "denied that it had ..."
            break
        if dep in ("acl", "ccomp") and governor.pos_ == "NOUN" and ex.lex.is_a(governor.lemma_, "claim_object"):
            if governor.dep_ == "dobj" and ex.lex.is_a(governor.head.lemma_, "denial_verb"):
                count += 1 + local_negation(ex, governor.head)  # "dismissed reports that its jets struck"
            break  # "has not commented on reports that ...": what was reported is not negated
        if dep == "advcl" and cue.tag_ == "VBG" and negator(ex, governor):
            count += 1 + local_negation(ex, governor)  # "ruled out sending troops", parsed as an adverbial
            break
        if dep in CLAUSE_BOUNDARY or dep in ("nsubj", "nsubjpass", "conj", "appos", "relcl"):
            break
        if dep not in ("xcomp", "pcomp", "prep", "pobj", "dobj", "acl", "acomp", "oprd", "attr"):
            break
        if nominal and governor.pos_ in ("VERB", "AUX") and not ex.lex.is_a(governor.lemma_, "light") and governor.lemma_ != "be":
            break  # "refused to condemn Moscow over its invasion": the invasion is not denied ("is not an ally" is)
        if negator(ex, governor):
            count += 1
        count += local_negation(ex, governor)
    return count


def interrogative(ex: Extraction, cue: Token) -> bool:
    """A direct question: the quote around the cue, else its sentence, ends with '?'
    ('"Is Venezuela going to invade Guyana?" a reporter asked')."""
    quoted = [(start, end) for start, end, _ in ex.ctx.quotes if start <= cue.idx < end]
    if quoted:
        start, end = min(quoted, key=lambda q: q[1] - q[0])
        segment = ex.ctx.text[start:end]
    else:
        segment = cue.sent.text
    return segment.rstrip(" \t\n\"'”’»").endswith("?")


def negator(ex: Extraction, verb: Token) -> bool:
    """'refused', 'declined', and 'ruled out' with its particle."""
    return ex.lex.is_a(verb.lemma_, "negator") and all(
        any(c.dep_ == "prt" and c.lower_ == p for c in verb.children) for p in (ex.lex.value(verb.lemma_, "negator") or "").split())


def questioned(ex: Extraction, cue: Token) -> bool:
    """Whether the cue sits in an indirect question ("asked whether X would ...") or in the
    condition of a conditional ("... unless Stockholm cracked down on Kurdish militants")."""
    if interrogative(ex, cue):
        return True
    below = cue
    for dep, governor in chain(cue):
        marks = {c.lower_ for c in below.children if c.dep_ == "mark"}
        if dep in ("ccomp", "advcl", "xcomp") and ex.lex.is_a(governor.lemma_, "question_verb") and marks & {"whether", "if"}:
            return True
        if "whether" in marks:
            return True  # "would review whether to send weapons": undecided
        if dep == "advcl" and marks & {"if", "unless"} and not ex.lex.is_a(below.lemma_, "continuation"):
            return True  # ("if it kept threatening the US" presupposes the threats)
        if dep in CLAUSE_BOUNDARY:
            break
        below = governor
    return False


def denies(ex: Extraction, verb: Token, dep: str) -> bool:
    """Whether a denial verb denies the clause below it: a that-clause or a gerund ("denied
    supplying"), or a responsibility for an act ("denied responsibility for the attack"); not a
    noun object ("denied the accusation", which is a rejection)."""
    if ex.lex.value(verb.lemma_, "denial_verb") != "clause":
        return False  # "rejected the charge": a rejection, read as such
    if dep in ("ccomp", "xcomp", "pcomp"):
        return True
    return any(c.dep_ == "dobj" and (c.tag_ == "VBG" or ex.lex.is_a(c.lemma_, "responsibility")) for c in verb.children)


def local_negation(ex: Extraction, token: Token) -> int:
    """Negations on the word itself: "not", "no", "never", "by no means"."""
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


def modality(ex: Extraction, cue: Token) -> str:
    """asserted, planned, alleged or hypothetical, the strongest reading found above the cue."""
    best = "asserted"

    def consider(word: Token, kinds: tuple[str, ...]) -> None:
        nonlocal best
        for modality in ("planned", "hypothetical", "alleged"):
            values = {ex.lex.value(word.lower_, f"modal_{modality}"), ex.lex.value(word.lemma_, f"modal_{modality}")}
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
    for dep, governor in chain(cue):
        if dep in ("nsubj", "nsubjpass", "appos", "relcl"):
            break
        if dep == "acl" and is_participle(below):
            break  # "agreed to restore ties in a deal brokered by China": the brokering happened
        if dep == "pobj" and ex.lex.is_a(governor.lower_, "temporal_prep"):
            break  # "pledged to improve relations during a visit by Erdogan": the visit happened
        below = governor
        if dep in ("acl", "ccomp") and governor.pos_ == "NOUN" and ex.lex.is_a(governor.lemma_, "claim_object"):
            best = max(best, "alleged", key=MODALITY_RANK.get)  # "reports that Russian jets struck a convoy"
        if dep in ("xcomp", "ccomp", "pcomp", "prep", "pobj", "dobj", "acl", "oprd", "attr", "acomp", "advcl"):
            consider(governor, ("verb",))
            if governor.lemma_ == "report" and any(c.dep_ == "auxpass" for c in governor.children):
                best = max(best, "alleged", key=MODALITY_RANK.get)  # "were reported to have attacked"
            if dep in ("advcl",) and any(c.dep_ == "mark" and ex.lex.value(c.lower_, "modal_hypothetical") for c in cue.children):
                best = "hypothetical"
            local(governor) if dep in ("xcomp", "pcomp", "prep", "pobj", "dobj") else None
        if dep in ("ccomp",) and not ex.lex.is_a(governor.lemma_, "speech"):
            continue
        if dep in CLAUSE_BOUNDARY:
            break
    return best


def attribution(ex: Extraction, cue: Token) -> Actor | None:
    """The claimant of a reported statement: 'X said that ...', 'according to X', a quote's speaker."""
    last = ("", cue)
    for dep, governor in chain(cue):
        if arguments.speech_conjunct(ex, last[1]):
            break  # the cue's clause is coordinated with the saying, not reported by it
        source = according_to(ex, governor)
        if source is not None:
            return source
        if dep in ("advcl", "ccomp") and any(ex.lex.is_a(m.lower_, "contrast_mark") or ex.lex.is_a(m.lower_, "narrative_mark")
                                             for m in last[1].children if m.dep_ == "mark"):
            break  # "..., while Denmark accused Iran", "a day after Beijing warned Taipei": the narrator's
        if dep == "advcl" and ex.lex.is_a(last[1].lemma_, "reaction_verb"):
            break  # "KCNA said the country had tested a bomb, drawing condemnation from Japan": the narrator's
        if dep in ("relcl", "acl", "ccomp") and governor.pos_ == "NOUN" and ex.lex.is_a(governor.lemma_, "claim_object"):
            break  # "..., an allegation Damascus dismissed": the narrator sums up the reaction
        if ex.lex.is_a(governor.lemma_, "speech") and reported(ex, dep, last, governor):
            speakers = arguments.subjects(ex, governor)[0]  # the cue is inside what the speaker said
            if speakers:
                return speakers[0].actor
        last = (dep, governor)
    source = according_to(ex, cue.sent.root)  # "..., according to activists"
    if source is not None:
        return source
    speakers = ex.ctx.speaker_at(cue)
    return speakers[0].actor if speakers else None


def according_to(ex: Extraction, governor: Token) -> Actor | None:
    """The source an 'according to' phrase on this word names."""
    for child in governor.children:
        if child.dep_ == "prep" and child.lower_ == "according":
            for to in child.children:
                for pobj in children(to, "pobj"):
                    found = ex.ctx.arg(pobj)
                    if found:
                        return found[0].actor
    return None


def reported(ex: Extraction, dep: str, below: tuple[str, Token], verb: Token) -> bool:
    """Whether the edge ``dep`` into a speech verb carries what was said: its complement
    ("said that ..."), or a statement it was made in ("said in an editorial that ...")."""
    if dep in ("ccomp", "parataxis", "dobj", "xcomp", "conj"):
        return True
    if dep == "prep" and below[1].lower_ == "in":
        return any(ex.lex.is_a(p.lemma_, "statement_noun") for p in children(below[1], "pobj"))
    return False


def event_date(ex: Extraction, cue: Token, future: bool) -> str | None:
    """The date a phrase on the event gives ("on Sunday"), resolved against the document's date."""
    date = ex.ctx.document.date
    candidates = [cue]
    for dep, governor in list(chain(cue))[:3]:
        if dep in CLAUSE_BOUNDARY or dep in ("conj", "nsubj", "nsubjpass"):
            break  # "said in 2018 that ..." dates the saying, not the event
        candidates.append(governor)
    for token in candidates:
        for child in token.children:
            targets = [child] if child.dep_ in ("npadvmod", "tmod") else []
            if child.dep_ == "prep" and child.lower_ in ("on", "in"):
                targets = children(child, "pobj")
            for t in targets:
                if t.ent_type_ == "DATE":
                    span = next((e for e in ex.doc.ents if e.start <= t.i < e.end), None)
                    if span is not None:
                        resolved = resolve_date(span.text, date, future=future)
                        if resolved:
                            return resolved
    return None
