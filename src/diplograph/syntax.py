"""Dependency-parse helpers shared by resolution and extraction: label sets and tree walks.

    >>> from diplograph.nlp import load_pipeline
    >>> doc = load_pipeline()("Egypt strongly condemned Turkey.")
    >>> [(dep, head.text) for dep, head in chain(doc[1])], [t.text for t in children(doc[2], "dobj")]
    ([('advmod', 'condemned')], ['Turkey'])
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

SUBJECT_DEPS = {"nsubj", "nsubjpass"}
MODIFIER_DEPS = {"poss", "compound", "amod", "nmod"}
SMALL_CLAUSE = {"ccomp", "xcomp", "oprd", "acomp"}  # "held [Moscow responsible]"
CLAUSE_BOUNDARY = {"ccomp", "advcl", "relcl", "parataxis", "csubj"}


def children(token: Token, dep: str, lower: str | None = None) -> list[Token]:
    """The token's dependents with label ``dep`` (and, if given, that word or lemma)."""
    return [c for c in token.children if c.dep_ == dep and (lower is None or c.lower_ == lower or c.lemma_ == lower)]


def marked_subjects(token: Token, word: str) -> list[Token]:
    """Subjects of the clauses a word introduces as a mark: "called for NATO members to increase
    spending" gives "members" for ``for`` (the clausal form of "called for X")."""
    return [s for c in token.children if c.dep_ in ("advcl", "xcomp", "ccomp") and any(
        m.dep_ == "mark" and m.lower_ == word for m in c.children) for s in c.children if s.dep_ == "nsubj"]


def is_participle(verb: Token) -> bool:
    """A past participle used as an adjective ("Moscow-backed rebels", "a deal brokered by China"),
    not a perfect tense in a clause on a noun ("reports that its jets had struck")."""
    return verb.tag_ == "VBN" and verb.dep_ in ("amod", "acl") and not any(c.dep_ in ("aux", "nsubj") for c in verb.children)


def is_passive(verb: Token) -> bool:
    """A passive clause ("was condemned by"), not a progressive the parser gave an auxpass
    ("has been encouraging allies")."""
    return verb.tag_ != "VBG" and any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def chain(token: Token) -> Iterator[tuple[str, Token]]:
    """(label, governor) pairs from a token up towards its sentence root (at most 12 steps)."""
    current, steps = token, 0
    while current.head != current and steps < 12:
        yield current.dep_, current.head
        current, steps = current.head, steps + 1


def tree_distance(a: Token, b: Token) -> int:
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
