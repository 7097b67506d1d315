"""The relation lexicon (``data/cues.tsv``, then ``data/cameo_cues.tsv``) and word classes
(``data/words.tsv``).

``cues.tsv`` is written by hand; ``cameo_cues.tsv`` is the CAMEO 2.0 verb dictionary of PETRARCH2,
converted by ``tools/petrarch_convert.py`` into the same columns. See :class:`Lexicon` for how the
two combine.

    >>> lex = lexicon()
    >>> [c.relation for c in lex.cues("verb", "condemn")]
    ['criticizes']
    >>> sorted({(c.relation, c.cameo, c.source) for c in lex.cues("verb", "expel") if not c.require})
    [('represses', '174', 'cameo_cues.tsv')]
    >>> lex.is_a("refuse", "negator"), lex.value("prime minister", "title")
    (True, 'leader_of')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Token

from .data import read_table, split
from .schema import RELATIONS
from .syntax import SMALL_CLAUSE, marked_subjects

#: requirements: (dependency, lemmas) pairs, all of which a cue word's dependents must meet
Requirement = tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True)
class Cue:
    """One lexicon row: a cue word and how to read a relation from it."""

    pos: str
    lemma: str
    relation: str
    cameo: str | None
    frame: str
    slots: tuple[str, ...]
    require: Requirement = ()
    flags: frozenset[str] = field(default_factory=frozenset)
    negated_as: str | None = None
    object_types: tuple[str, ...] = ()
    unless: tuple[Requirement, ...] = ()  # more specific readings of the word, coded otherwise
    source: str = "cues.tsv"

    def has(self, flag: str) -> bool:
        return flag in self.flags

    def preps(self) -> tuple[str, ...]:
        return tuple(s.split(":", 1)[1] for s in self.slots if s.startswith("prep:"))

    def matches(self, verb: Token) -> bool:
        """Whether a token has the dependents this cue requires ("credit line", not any line), and
        no more specific reading of the word applies ("expelled the ambassador" is no deportation)."""
        return requirements_met(self.require, verb) and not any(requirements_met(alt, verb) for alt in self.unless)


def requirements_met(require: Requirement, verb: Token) -> bool:
    """Whether a token has a dependent for every requirement (:func:`parse_require`)."""
    for dep, words in require:
        if dep.startswith("pp:"):  # "put on trial", "took into custody": that preposition with that object
            heads = [verb, *(c for c in verb.children if c.dep_ in ("dobj", "nsubjpass"))]
            ok = any(p.lower_ == dep[3:] and p.dep_ in ("prep", "agent", "dative") and any(
                o.dep_ == "pobj" and o.lemma_.lower() in words for o in p.children) for h in heads for p in h.children)
        elif dep == "mod":  # "humanitarian aid": the object has that modifier
            ok = any(m.dep_ in ("amod", "compound", "nmod") and m.lemma_.lower() in words
                     for o in verb.children if o.dep_ in ("dobj", "nsubjpass") for m in o.children)
        else:
            ok = any(child_meets(dep, words, child) for child in verb.children) or (
                dep == "prep" and any(marked_subjects(verb, w) for w in words))  # "called for X to act"
        if not ok:
            return False
    return True


def child_meets(dep: str, words: tuple[str, ...], child: Token) -> bool:
    """Whether one dependent meets one requirement (dep:lemma|lemma)."""
    if dep == "prep":
        return child.dep_ in ("prep", "prt", "agent") and child.lower_ in words
    if dep == "prt":
        return child.dep_ in ("prt", "advmod", "prep") and child.lower_ in words
    if dep == "dobj":
        return child.dep_ in ("dobj", "nsubjpass") and child.lemma_.lower() in words
    if dep == "compound":
        return child.dep_ == "compound" and child.lemma_.lower() in words
    if dep == "pobj":  # "spoke on the phone", "by phone": any preposition with that object
        return child.dep_ == "prep" and any(g.dep_ == "pobj" and g.lemma_.lower() in words for g in child.children)
    if child.lemma_.lower() in words and (
            child.dep_ == dep or {child.dep_, dep} == {"xcomp", "ccomp"} or (dep == "oprd" and child.dep_ in SMALL_CLAUSE)):
        return True  # e.g. "xcomp:use": "allowed Russian forces to use its territory" (either parse)
    # "holding Moscow responsible", however the predicate is attached
    return dep == "oprd" and any(g.lemma_.lower() in words for g in [child, *child.children])


def parse_require(cell: str) -> Requirement:
    """The require column: requirements separated by ``;``, each ``dep:lemma|lemma`` (``prt:down``,
    ``dobj:diplomat|envoy``, ``nsubj:police``), ``pp:PREP=lemma|lemma`` (a phrase of the word or of
    its object with that preposition and object: ``pp:into=custody``) or ``mod:lemma|lemma`` (a
    modifier of the object: ``mod:humanitarian``).

    >>> parse_require("dobj:officer;pp:from=army|navy")
    (('dobj', ('officer',)), ('pp:from', ('army', 'navy')))
    """
    require = []
    for part in cell.split(";"):
        dep, _, words = part.strip().partition(":")
        if dep == "pp":
            prep, _, words = words.partition("=")
            dep = f"pp:{prep}"
        if dep:
            require.append((dep, tuple(split(words))))
    return tuple(require)


def cue_from_row(row: dict[str, str], source: str) -> Cue:
    """A cue from a row of cues.tsv or cameo_cues.tsv (their columns are the same)."""
    if row["relation"] not in RELATIONS:
        raise ValueError(f"{source}: unknown relation {row['relation']!r} for {row['lemma']!r}")
    flags, negated_as, object_types, unless = set(), None, (), ()
    for flag in row["flags"].split(","):
        flag = flag.strip()
        if flag.startswith("negated_as="):
            negated_as = flag.split("=", 1)[1]
        elif flag.startswith("object_types="):
            object_types = tuple(split(flag.split("=", 1)[1]))
        elif flag.startswith("unless="):
            unless = tuple(parse_require(alt) for alt in flag.split("=", 1)[1].split("/"))
        elif flag:
            flags.update(split(flag))
    return Cue(
        pos=row["pos"],
        lemma=row["lemma"],
        relation=row["relation"],
        cameo=row["cameo"] or RELATIONS[row["relation"]].cameo,
        frame=row["frame"],
        slots=tuple(split(row["obj"])),
        require=parse_require(row["require"]),
        flags=frozenset(flags),
        negated_as=negated_as,
        object_types=object_types,
        unless=unless,
        source=source,
    )


class Lexicon:
    """Cue words and word classes.

    Cues come from two tables with the same columns, read in order: ``cues.tsv`` (written by hand)
    and ``cameo_cues.tsv`` (the CAMEO verb dictionary, converted). The hand-written table takes
    precedence for every (pos, lemma) it covers: the CAMEO rows of such a lemma are not loaded at
    all, so a hand-written entry is never widened or contradicted by the dictionary, and adding a
    lemma to cues.tsv is how a CAMEO reading is replaced. CAMEO rows add only words cues.tsv lacks.
    """

    def __init__(self) -> None:
        self._cues: dict[tuple[str, str], list[Cue]] = {}
        for row in read_table("cues.tsv"):
            cue = cue_from_row(row, "cues.tsv")
            self._cues.setdefault((cue.pos, cue.lemma), []).append(cue)
        hand = set(self._cues)
        for row in read_table("cameo_cues.tsv"):
            if (row["pos"], row["lemma"]) not in hand:
                cue = cue_from_row(row, "cameo_cues.tsv")
                self._cues.setdefault((cue.pos, cue.lemma), []).append(cue)
        self._words: dict[str, dict[str, str]] = {}
        for row in read_table("words.tsv"):
            self._words.setdefault(row["word"], {})[row["class"]] = row["value"]
        self.longest_title = max(len(w.split()) for w, c in self._words.items() if "title" in c)
        # every title written out: a word found in no title cannot be part of one (a fast first test)
        self.title_text = "\n".join(w.lower() for w, c in self._words.items() if "title" in c)
        self._in_titles: dict[str, bool] = {}

    def in_titles(self, word: str) -> bool:
        """Whether ``word`` is written in some title (a part of one counts: "secretary" of
        "secretary-general"); asked of most nouns of every document, so remembered per word.

            >>> lexicon().in_titles("minister"), lexicon().in_titles("banana")
            (True, False)
        """
        found = self._in_titles.get(word)
        if found is None:
            found = self._in_titles[word] = word in self.title_text
        return found

    def cues(self, pos: str, lemma: str) -> list[Cue]:
        return self._cues.get((pos, lemma.lower()), [])

    def is_a(self, word: str, cls: str) -> bool:
        return cls in self._words.get(word.lower(), {})

    def value(self, word: str, cls: str) -> str | None:
        return self._words.get(word.lower(), {}).get(cls)

    def words(self, cls: str) -> dict[str, str]:
        return {w: c[cls] for w, c in self._words.items() if cls in c}


@cache
def lexicon() -> Lexicon:
    return Lexicon()
