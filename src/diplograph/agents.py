"""Agent nouns: generic actors named by what they are ("the judge", "rebels", "riot police").

``data/agents.tsv`` is the Phoenix agent dictionary of PETRARCH2 converted by
``tools/petrarch_convert.py``: every surface form (singular and plural) with its CAMEO sector,
our actor type (a body is an ``organisation``, a collective or a plural a ``group``, one person a
``person``), the label of the group a noun of persons forms ("judge" -> "judges"; bodies and
collectives keep their form), and whether the sector is the state's.

    >>> agent("Rebels")
    Agent(noun='rebels', number='plural', sector='REB', type='group', label='rebels', official=False)
    >>> agent("police").type, agent("police").official
    ('organisation', True)
    >>> longest_agent(["the", "Libyan", "riot", "police"]).noun
    'riot police'
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .data import read_table


@dataclass(frozen=True)
class Agent:
    """One agent noun of ``data/agents.tsv``."""

    noun: str          # the surface form, lower case ("riot police", "rebels")
    number: str        # singular | plural
    sector: str        # CAMEO agent code: REB, OPP, COP, MIL, JUD, GOV, GOVMIL, ...
    type: str          # our actor type: organisation | group | person
    label: str         # the group a noun of persons forms ("rebels" for "rebel"); else the noun itself
    official: bool     # the sector is the state's (GOV, MIL, COP, JUD, LEG, SPY)


@cache
def agents() -> dict[str, Agent]:
    """Every agent noun by its lower-case surface form."""
    return {row["noun"]: Agent(row["noun"], row["number"], row["sector"], row["type"], row["label"],
                               row["official"] == "yes") for row in read_table("agents.tsv")}


@cache
def _longest() -> int:
    return max(len(noun.split()) for noun in agents())


def agent(noun: str) -> Agent | None:
    """The agent a noun (or noun phrase) names, case-insensitively; None when it names none."""
    return agents().get(" ".join(noun.lower().split()))


def longest_agent(words: list[str]) -> Agent | None:
    """The longest agent phrase that ends a noun phrase's words ("riot police" in "the Libyan
    riot police"), or None."""
    lowered = [w.lower() for w in words]
    for n in range(min(_longest(), len(lowered)), 0, -1):
        found = agents().get(" ".join(lowered[-n:]))
        if found is not None:
            return found
    return None
