"""Officials with dated roles: who a name was, on a date (the gazetteer's side of the Phoenix
actor dictionaries).

``data/officials.tsv`` is the Phoenix country, international and non-state actor dictionaries of
PETRARCH2 converted by ``tools/petrarch_convert.py``: one row per (person, role span), with the
person's names, the state (our country id) or organisation of the role, the CAMEO role code (GOV in
government, ELI political elite out of office, MIL, JUD, ...), our relation for it and the dates.
Coverage ends around 2015. The gazetteer itself is unchanged; this answers a different question.

    >>> official("Vladimir Putin", "2005-06-01")
    Office(country='russia', relation='leader_of', role='GOV', organisation=None, name='Vladimir Putin', start='1999-12-31', end='2008-05-07')
    >>> official("Putin", "1995-01-01").role, official("Putin", "1995-01-01").relation
    ('ELI', None)
    >>> official("Kofi Annan", "2001-09-11")[:3]
    (None, 'leader_of', 'IGO')
    >>> official("Kofi Annan", "2001-09-11").organisation
    'united_nations'
    >>> official("Nobody Known", "2001-09-11") is None
    True
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from .data import read_table, split
from .gazetteer import normalize, slugify

#: preference among a person's roles that cover one date
_RANK = {"leader_of": 0, "represents": 1, "": 2}


class Office(NamedTuple):
    """A person's role on a date: the state (or organisation) and our relation for it."""

    country: str | None       # our country id, or None for a role in an organisation
    relation: str | None      # leader_of | represents | None (out of office, opposition, rebels...)
    role: str                 # CAMEO role code: GOV, ELI, MIL, JUD, LEG, SPY, OPP, REB, IGO, ...
    organisation: str | None  # our organisation id when the role is in one (united_nations, hamas)
    name: str                 # the person's label in officials.tsv
    start: str                # the span, YYYY-MM-DD ('' when open)
    end: str


@dataclass(frozen=True)
class _Span:
    country: str
    organisation: str
    role: str
    relation: str
    start: str
    end: str

    def covers(self, date: str) -> bool:
        return (not self.start or self.start <= date) and (not self.end or date <= self.end)


def name_key(name: str) -> str:
    """Lookup key of a name: quotes folded, accents and case dropped ("Erdoğan" = "erdogan")."""
    return slugify(normalize(name))


class Officials:
    """The persons of ``data/officials.tsv`` by every name they go by."""

    def __init__(self) -> None:
        # a person is a full name: the dictionaries list some people twice (XI_JINPING under two
        # records, BAN_KI-MOON as a Korean minister and as UN Secretary-General), one set of spans
        self._spans: dict[str, list[_Span]] = defaultdict(list)
        self._label: dict[str, str] = {}
        self._by_name: dict[str, set[str]] = defaultdict(set)
        for row in read_table("officials.tsv"):
            person = name_key(row["name"])
            self._label.setdefault(person, row["name"])
            self._spans[person].append(_Span(row["country"], row["organisation"], row["role"], row["relation"],
                                             row["start"], row["end"]))
            for name in [*split(row["aliases"]), *split(row["titled"])]:
                self._by_name[name_key(name)].add(person)

    def office(self, person: str, date: str | None) -> Office | None:
        """One person's role on a date: a dated span that covers it (the head's role first, then
        the latest), else the person's undated role; for an undated text, the span still open."""
        spans = self._spans[person]
        if date:
            found = [s for s in spans if (s.start or s.end) and s.covers(date)]
        else:
            found = [s for s in spans if s.start and not s.end]
        if not found:
            found = [s for s in spans if not s.start and not s.end]
        if not found:
            return None
        best = max(found, key=lambda s: (-_RANK.get(s.relation, 2), s.start))
        return Office(best.country or None, best.relation or None, best.role, best.organisation or None,
                      self._label[person], best.start, best.end)

    def lookup(self, name: str, date: str | None = None) -> Office | None:
        """Who a name is on a date (YYYY-MM-DD): the person's state, our relation and role code;
        None when no person of that name holds a role then, or when several do differently (a
        full name decides over a shared surname: "Clinton" in 2010 is two people)."""
        key = name_key(name)
        for persons in ({key} & self._spans.keys(), self._by_name.get(key, set())):
            offices = {o for o in (self.office(p, date) for p in persons) if o is not None}
            readings = {(o.country, o.organisation, o.relation, o.role) for o in offices}
            if len(readings) == 1:
                return min(offices, key=lambda o: (o.name, o.start))
            if len(readings) > 1:
                return None
        return None


@cache
def officials() -> Officials:
    return Officials()


def official(name: str, date: str | None = None) -> Office | None:
    """Who a name is on a date: ``official("Vladimir Putin", "2005-06-01")`` -> Russia, leader_of,
    GOV (see :meth:`Officials.lookup`)."""
    return officials().lookup(name, date)
