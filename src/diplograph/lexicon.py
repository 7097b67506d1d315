"""The relation lexicon (``data/cues.tsv``) and word classes (``data/words.tsv``).

    >>> lex = lexicon()
    >>> [c.relation for c in lex.cues("verb", "condemn")]
    ['criticizes']
    >>> lex.is_a("refuse", "negator"), lex.value("prime minister", "title")
    (True, 'leader_of')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Token

from .data import read_table, split
from .schema import RELATIONS
from .syntax import SMALL_CLAUSE


@dataclass(frozen=True)
class Cue:
    """One lexicon row: a cue word and how to read a relation from it."""

    pos: str
    lemma: str
    relation: str
    cameo: str | None
    frame: str
    slots: tuple[str, ...]
    require: tuple[tuple[str, tuple[str, ...]], ...] = ()
    flags: frozenset[str] = field(default_factory=frozenset)
    negated_as: str | None = None
    object_types: tuple[str, ...] = ()

    def has(self, flag: str) -> bool:
        return flag in self.flags

    def preps(self) -> tuple[str, ...]:
        return tuple(s.split(":", 1)[1] for s in self.slots if s.startswith("prep:"))

    def matches(self, verb: Token) -> bool:
        """Whether a token has the dependents this cue requires ("credit line", not any line)."""
        for dep, words in self.require:
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
                elif dep == "pobj" and child.dep_ == "prep" and any(g.dep_ == "pobj" and g.lemma_.lower() in words for g in child.children):
                    ok = True  # "spoke on the phone"
                elif dep not in ("prep", "prt", "dobj", "pobj") and child.lemma_.lower() in words and (
                        child.dep_ == dep or {child.dep_, dep} == {"xcomp", "ccomp"} or (dep == "oprd" and child.dep_ in SMALL_CLAUSE)):
                    ok = True  # e.g. "xcomp:use": "allowed Russian forces to use its territory" (either parse)
                elif dep == "oprd" and any(g.lemma_.lower() in words for g in [child, *child.children]):
                    ok = True  # "holding Moscow responsible", however the predicate is attached
            if not ok:
                return False
        return True


class Lexicon:
    def __init__(self) -> None:
        self._cues: dict[tuple[str, str], list[Cue]] = {}
        for row in read_table("cues.tsv"):
            if row["relation"] not in RELATIONS:
                raise ValueError(f"cues.tsv: unknown relation {row['relation']!r} for {row['lemma']!r}")
            flags, negated_as, object_types = set(), None, ()
            for flag in row["flags"].split(","):
                flag = flag.strip()
                if flag.startswith("negated_as="):
                    negated_as = flag.split("=", 1)[1]
                elif flag.startswith("object_types="):
                    object_types = tuple(split(flag.split("=", 1)[1]))
                elif flag:
                    flags.update(split(flag))
            require = []
            if row["require"]:
                dep, _, words = row["require"].partition(":")
                require.append((dep, tuple(split(words))))
            cue = Cue(
                pos=row["pos"],
                lemma=row["lemma"],
                relation=row["relation"],
                cameo=row["cameo"] or RELATIONS[row["relation"]].cameo,
                frame=row["frame"],
                slots=tuple(split(row["obj"])),
                require=tuple(require),
                flags=frozenset(flags),
                negated_as=negated_as,
                object_types=object_types,
            )
            self._cues.setdefault((cue.pos, cue.lemma), []).append(cue)
        self._words: dict[str, dict[str, str]] = {}
        for row in read_table("words.tsv"):
            self._words.setdefault(row["word"], {})[row["class"]] = row["value"]
        self.longest_title = max(len(w.split()) for w, c in self._words.items() if "title" in c)
        # every title written out: a word found in no title cannot be part of one (a fast first test)
        self.title_text = "\n".join(w.lower() for w, c in self._words.items() if "title" in c)

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
