"""The gazetteer: states, capitals and seats of power, organisations and
well-known persons, read from ``data/*.tsv``.

    >>> gaz = gazetteer()
    >>> gaz.lookup("Beijing").actor_id, gaz.lookup("Beijing").kind
    ('china', 'capital')
    >>> gaz.lookup("U.S.").actor_id, gaz.demonym("Belarusian")
    ('united_states', 'belarus')
    >>> gaz.actor("nato").qid
    'Q7184'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from .data import read_table, split
from .model import Actor

#: kinds of surface forms, in order of preference when one surface has several
KINDS = ("name", "alias", "org", "person", "capital", "seat", "demonym")


@dataclass(frozen=True)
class Entry:
    """One surface form of the gazetteer and the actor it names."""

    surface: str
    actor_id: str
    kind: str  # one of KINDS
    start: str = ""  # ISO date from which the form names this actor (metonyms of changing states)
    end: str = ""
    context: tuple[str, ...] = ()  # for ambiguous forms: words in a document that select this reading
    default: bool = True  # for ambiguous forms: the reading when no context decides

    def valid_on(self, date: str | None) -> bool:
        if not date:
            return not self.end  # undated text: today's reading
        return (not self.start or self.start <= date) and (not self.end or date <= self.end)


@lru_cache(maxsize=1 << 16)  # pure, and asked of the same names again and again
def slugify(text: str) -> str:
    """A readable, stable id: ``"Nicolás Maduro"`` -> ``"nicolas_maduro"``."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"['’`]s\b", "s", text.lower())
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_") or "unnamed"


_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


@lru_cache(maxsize=1 << 16)
def normalize(surface: str) -> str:
    """Lookup key: typographic quotes and dashes folded, leading 'the' dropped, spaces squeezed."""
    s = " ".join(surface.translate(_QUOTES).split())
    s = re.sub(r"^(?:the|The|THE)\s+", "", s)
    return re.sub(r"\s*'s$", "", s)


class Gazetteer:
    """Surface form -> actor, with the actors themselves."""

    def __init__(self) -> None:
        self.actors: dict[str, Actor] = {}
        self.kind_of: dict[str, str] = {}  # actor id -> countries|organisations|persons
        self.extra: dict[str, dict[str, str]] = {}  # actor id -> raw row
        self._index: dict[str, list[Entry]] = {}
        self._by_token: dict[str, list[str]] | None = None
        self._load()

    # -- loading -------------------------------------------------------
    def _add(self, surface: str, actor_id: str, kind: str, start: str = "", end: str = "") -> None:
        key = normalize(surface)
        if not key:
            return
        entries = self._index.setdefault(key, [])
        entry = Entry(key, actor_id, kind, start, end)
        if entry not in entries:
            entries.append(entry)

    def _load(self) -> None:
        for row in read_table("countries.tsv"):
            actor = Actor(row["id"], row["label"], "country", row["qid"] or None)
            actor.aliases.update(split(row["aliases"]))
            self._register(actor, row, "countries")
            end = row.get("end", "") if row.get("historical") == "1" else ""
            self._add(row["label"], actor.id, "name", end=end)
            for alias in split(row["aliases"]):
                self._add(alias, actor.id, "alias", end=end)
            for demonym in split(row["demonyms"]):
                self._add(demonym, actor.id, "demonym", end=end)
        for row in read_table("seats.tsv"):
            self._add(row["surface"], row["actor_id"], row["kind"], row["start"], row["end"])
        for row in read_table("organisations.tsv"):
            actor = Actor(row["id"], row["label"], row["type"] or "organisation", row["qid"] or None)
            actor.aliases.update(split(row["aliases"]))
            actor.state = row["state"] or None
            self._register(actor, row, "organisations")
            for surface in [row["label"], *split(row["aliases"])]:
                self._add(surface, actor.id, "org")
        for row in read_table("persons.tsv"):
            actor = Actor(row["id"], row["label"], "person", row["qid"] or None)
            actor.aliases.update(split(row["aliases"]))
            actor.state = row.get("state") or None  # the state (or body) they served, for titles that name none
            self._register(actor, row, "persons")
            for surface in [row["label"], *split(row["aliases"])]:
                self._add(surface, actor.id, "person")
        ambiguous: dict[str, list[Entry]] = {}
        for row in read_table("ambiguous.tsv"):
            key = normalize(row["surface"])
            ambiguous.setdefault(key, []).append(
                Entry(key, row["actor_id"], row["kind"], context=tuple(split(row["context"])), default=row["default"] == "1"))
        for key, entries in ambiguous.items():
            self._index[key] = [e for e in self._index.get(key, []) if e.kind not in {x.kind for x in entries}] + entries

    def _register(self, actor: Actor, row: dict[str, str], table: str) -> None:
        self.actors[actor.id] = actor
        self.kind_of[actor.id] = table
        self.extra[actor.id] = row

    # -- queries -------------------------------------------------------
    def entries(self, surface: str) -> list[Entry]:
        key = normalize(surface)
        found = self._index.get(key)
        if found is None and key.isupper() and len(key) > 4:  # ALL-CAPS headlines and datelines
            found = self._index.get(key.title())
        return found or []

    def lookup(self, surface: str, date: str | None = None, kinds: tuple[str, ...] = KINDS,
               context: str | None = None) -> Entry | None:
        """The best entry for a surface form on a date (None if unknown).

        Names and aliases win over metonyms and demonyms; among metonyms the
        one valid on ``date`` wins ("Moscow" in 1987 is the Soviet Union). An
        ambiguous form ("Congo") takes the reading whose context words occur
        in ``context`` (the document's text), else its default reading.

            >>> gazetteer().lookup("Congo").actor_id
            'democratic_republic_of_the_congo'
            >>> gazetteer().lookup("Congo", context="talks in Brazzaville").actor_id
            'republic_of_the_congo'
        """
        candidates = [e for e in self.entries(surface) if e.kind in kinds]
        if not candidates:
            return None
        dated = [e for e in candidates if e.valid_on(date)] or candidates
        best = min(KINDS.index(e.kind) for e in dated)
        dated = [e for e in dated if KINDS.index(e.kind) == best]
        if len(dated) > 1:
            chosen = [e for e in dated if context and any(word in context for word in e.context)]
            return (chosen or [e for e in dated if e.default] or dated)[0]
        return dated[0]

    def demonym(self, surface: str, date: str | None = None) -> str | None:
        entry = self.lookup(surface, date, kinds=("demonym",))
        return entry.actor_id if entry else None

    def actor(self, actor_id: str) -> Actor | None:
        return self.actors.get(actor_id)

    def persons_by_token(self) -> dict[str, list[str]]:
        """First and last name token -> gazetteer person ids (for surname-only mentions)."""
        if self._by_token is not None:
            return self._by_token
        out: dict[str, list[str]] = {}
        for actor_id, table in self.kind_of.items():
            if table != "persons":
                continue
            actor = self.actors[actor_id]
            for name in [actor.label, *actor.aliases]:
                parts = normalize(name).split()
                if len(parts) > 1:
                    for token in {parts[0], parts[-1]}:
                        ids = out.setdefault(token, [])
                        if actor_id not in ids:
                            ids.append(actor_id)
        self._by_token = out
        return out

    def surfaces(self):
        """(surface, entries) pairs, for building the spaCy entity ruler."""
        return self._index.items()


@cache
def gazetteer() -> Gazetteer:
    """The shared, lazily loaded gazetteer."""
    return Gazetteer()
