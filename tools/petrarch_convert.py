"""Convert the PETRARCH2 / Phoenix dictionaries into diplograph's data tables.

Reads ``../shared/reference/petrarch2/`` (openeventdata/petrarch2 at commit ``COMMIT``, MIT) and
writes, into ``src/diplograph/data/``:

  cameo_cues.tsv      verb cues from CAMEO.2.0.txt, in the column format of cues.tsv, for the CAMEO
                      codes that ``cameo_relations.tsv`` (the analyst's table, an input) maps to a
                      relation; the skip counts, by reason, are in its header
  agents.tsv          agent nouns of Phoenix.agents.txt with their sector and our actor type
  officials.tsv       people of the Phoenix actor dictionaries with their dated roles
  LICENSE.petrarch2   the licence of the source files

Run it with ``make dictionaries`` (or ``.venv/bin/python tools/petrarch_convert.py``; ``--check``
compares with the committed tables instead of writing). The output is deterministic: the same
input gives the same bytes, which ``tests/test_dictionaries.py`` checks.

How the verb dictionary is read
-------------------------------
A verb block (``--- NAME [code] ---``) lists synonymous verbs, each with an optional code of its
own, and patterns (``- pre * post [code]   # VERB``). Each verb gives one cue for its own code (no
requirement: the verb alone) and one per pattern that applies to it:

- a pattern applies to the verbs its comment names (the verb it was found under in the TABARI
  dictionary, "# SEIZE"), else to every verb of the block: "- &MILITARY * [192] # TAKE" is about
  troops taking, not troops arresting;
- a noun after ``*`` is a requirement on the direct object (``dobj:diplomat``), its modifiers in
  braces requirements on the object's modifiers (``{HUMANITARIAN AID}``: ``mod:humanitarian``);
  a particle (up, down, out, off...) a requirement ``prt:``; a prepositional phrase ``(ON)`` is
  where the other actor is (``prep:on``), ``(ON TRIAL)`` a requirement on the verb's phrase
  (``pp:on=trial``); a noun before ``*`` a requirement on the subject (``nsubj:police``);
- ``&SYNSET`` names are expanded into their members (a product when a pattern has several), and
  ``A/B`` alternatives into each;
- nouns are lemmatised with the spaCy model the extractor uses, so a requirement matches the
  lemma the parser gives; verbs are base forms (``EXPEL {EXPELS EXPELLING EXPELLED}`` is
  ``expel``; spaCy lemmatises the irregular forms to it); ``+CRACK_DOWN`` is ``crack`` with
  ``prt:down``, ``+ASK_FOR`` ``ask`` whose other actor is the object of ``for``;
- a code ``[A:B]`` is read as A; ``[:B]`` as B with the roles swapped (flag ``inverse``); the
  code's relation, flags and default object come from ``cameo_relations.tsv``;
- the most specific pattern wins, as in PETRARCH: a cue does not fire when a pattern of the same
  verb that requires more (a superset of its requirements) and codes differently matches, which
  the cue carries as ``unless=`` (alternatives ``/``, requirements of one alternative ``;``);
  patterns whose code maps to no relation (``---``, or none in cameo_relations.tsv) are kept
  only as such exceptions;
- diplomatic titles stand for each other (:data:`NOUN_CLASSES`): "EXPEL * DIPLOMAT" also reads
  "expelled the ambassador", unless the verb's own patterns tell them apart.

Rules that prune cues that mostly misfire (each a general rule, counted in the report); all but
the first concern a verb alone, which is read through its patterns only:

- ``light``: a light verb (words.tsv) with an object noun the lexicon reads as an event noun
  ("imposed sanctions on"): the noun frame reads those, with the noun's own relation;
- ``generic``: the verb's code is a category default (``040``, ``050``...: a two-digit root or a
  three-digit code ending in 0) of a category whose codes map to several relations: the default
  says only "some consultation" (CONSIDER, HEAR, GO are 040), while in a category that maps to
  one relation (13 threatens, 18 attacks) the default is as good as any code;
- ``polysemous``: the verb is listed in more than one block (TAKE, SET, RUN...): the dictionary
  itself says the verb alone does not decide the code;
- ``other sense``: fewer than a third of the verb's own patterns read the relation the verb alone
  is given (REMOVE is 174 deport, but its patterns remove restrictions and weapons; ATTEND is 042
  visit, but its patterns attend conferences, battles and protests; BLAST is 190, but its
  patterns blast critics): the verb alone is mostly something else;
- ``unattested``: the verb is not the block's own verb and none of its own patterns is of its
  category: a synonym the coders never met in news (BEST, MASTER, OVERTAKE in DESTROY; RENDER
  in ARM), whose common senses are not political;
- plus what the frames cannot express (several object nouns, source/target markers, modifiers
  of a preposition's object...), counted by reason.

Officials and agents: see :func:`convert_agents` and :func:`convert_officials`.
"""

from __future__ import annotations

import argparse
import difflib
import itertools
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT.parent / "shared" / "reference" / "petrarch2"
DATA = ROOT / "src" / "diplograph" / "data"
COMMIT = "676801cd9cb2924bbbad09f86d15c9323e7097bf"
REPOSITORY = "github.com/openeventdata/petrarch2"
LICENCE = "MIT (LICENSE.petrarch2)"

#: words after a verb that are particles of a phrasal verb, not object nouns ("PUT * DOWN RIOT")
PARTICLES = {"up", "down", "out", "off", "back", "away", "over", "forward", "aside", "apart", "together",
             "along", "around", "through", "in", "on", "about", "behind"}
#: prepositions that can open a prepositional phrase of a pattern
PREPOSITIONS = {"about", "after", "against", "along", "amid", "among", "as", "at", "before", "behind", "between",
                "by", "despite", "during", "for", "from", "in", "into", "near", "of", "on", "onto", "over",
                "since", "through", "to", "toward", "towards", "under", "until", "upon", "with", "within",
                "without", "across", "beyond", "around", "throughout", "via", "alongside", "inside", "outside"}
DETERMINERS = {"a", "an", "the"}
#: object nouns that stand for each other in a pattern: a verb read with one of them ("EXPEL * DIPLOMAT
#: [161]") reads the others alike, unless a pattern of the verb says otherwise ("RECALL * AMBASSADOR")
NOUN_CLASSES = [{"diplomat", "ambassador", "envoy", "consul", "emissary", "attache"}]
#: function words, which are never the object noun of a phrasal verb ("+ARREST_AND")
STOP_WORDS = {"and", "or", "but", "not", "no", "nor", "so", "then", "than", "if", "that", "this", "it", "them"}


# ---------------------------------------------------------------------------------------- helpers

def header(source: str, what: str, extra: list[str] = ()) -> str:
    """The provenance comment every generated table starts with."""
    lines = [f"# {what}",
             f"# Generated by tools/petrarch_convert.py (make dictionaries) from {source} of {REPOSITORY}",
             f"# at commit {COMMIT}; licence: {LICENCE}. Do not edit by hand: change the converter and re-run it.",
             *[f"# {line}" for line in extra]]
    return "\n".join(lines) + "\n"


def tsv(rows: list[list[str]]) -> str:
    for row in rows:
        for cell in row:
            if "\t" in cell or "\n" in cell:
                raise ValueError(f"cell with a tab or line break: {cell!r}")
    return "".join("\t".join(row) + "\n" for row in rows)


class Lemmatiser:
    """spaCy's rule lemmatiser on single words, the same tables the parser's lemmas come from."""

    def __init__(self) -> None:
        from spacy.tokens import Doc

        from diplograph.nlp import load_pipeline

        self._doc = Doc
        self._nlp = load_pipeline()
        self._lemmatizer = self._nlp.get_pipe("lemmatizer")
        self._index = self._lemmatizer.lookups.get_table("lemma_index")
        self._cache: dict[tuple[str, str], str] = {}

    def __call__(self, word: str, pos: str = "NOUN") -> str:
        """The lemma by the rules ("troops" -> "troop"), unless that is no known base form while
        the word is one: the parser tags "loss" NN and keeps it, where the rules alone say "los"."""
        key = (word.lower(), pos)
        if key not in self._cache:
            index = self._index.get(pos.lower(), ())
            doc = self._doc(self._nlp.vocab, words=[key[0]], pos=[pos])
            ruled = self._lemmatizer(doc)[0].lemma_.lower() or key[0]
            self._cache[key] = key[0] if ruled not in index and key[0] in index else ruled
        return self._cache[key]


def read_table(path: Path) -> list[dict[str, str]]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]
    names = lines[0].split("\t")
    return [dict(zip(names, (cell.strip() for cell in (line.split("\t") + [""] * len(names))))) for line in lines[1:]]


def strip_comment(line: str) -> tuple[str, str]:
    body, _, comment = line.partition("#")
    return body.rstrip(), comment.strip()


# ------------------------------------------------------------------------------- verb dictionary

@dataclass
class Verb:
    name: str                      # as the block writes it (EXPEL, +CRACK_DOWN): what pattern comments name
    lemma: str
    code: str                      # own code or the block's ("---": the verb alone codes nothing)
    require: tuple[tuple[str, str], ...] = ()   # a phrasal verb's particle ("+CRACK_DOWN": prt down)
    slots: tuple[str, ...] = ()    # a phrasal verb ending in a preposition: its object ("+ASK_FOR")
    line: int = 0


@dataclass
class Pattern:
    pre: list[str]
    post: list[str]
    code: str
    line: int
    sources: frozenset = frozenset()   # the words of its comment: the verb it was found under ("# SEIZE")


@dataclass
class Block:
    name: str
    code: str
    verbs: list[Verb] = field(default_factory=list)
    patterns: list[Pattern] = field(default_factory=list)


def parse_code(text: str) -> str | None:
    match = re.search(r"\[([^\]]*)\]", text)
    return match.group(1).strip() if match else None


def read_verb_dictionary(path: Path, lemma, skipped: Counter) -> tuple[dict[str, list[str]], list[Block]]:
    """Synsets (name -> member phrases, lower case, words separated by blanks) and verb blocks."""
    synsets: dict[str, list[str]] = {}
    blocks: list[Block] = []
    current_synset = None
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    in_patterns = False
    for number, raw in enumerate(lines, 1):
        if raw.startswith("####### VERB PATTERNS"):
            in_patterns = True
            continue
        if not raw.strip() or raw.startswith("#") or raw.startswith("<!"):
            continue
        if not in_patterns:
            body, _ = strip_comment(raw)
            body = body.strip()
            if body.startswith("&"):
                current_synset = body.rstrip("_")
                synsets[current_synset] = []
            elif body.startswith("+") and current_synset:
                synsets[current_synset].append(body[1:].strip().rstrip("_").replace("_", " ").lower())
            continue
        if raw.startswith("~"):
            skipped["verb transformation (~ line)"] += 1
            continue
        if raw.startswith("---"):
            parts = raw.strip("- \t").split()
            code = parse_code(raw) or "---"
            blocks.append(Block(parts[0] if parts else "", code))
            continue
        if not blocks:
            continue
        block = blocks[-1]
        body, comment = strip_comment(raw)
        if raw.startswith("-"):
            code = parse_code(body)
            if code is None:
                skipped["pattern without a code"] += 1
                continue
            text = re.sub(r"\[[^\]]*\]", " ", body[1:])
            pre, star, post = text.partition("*")
            if not star:
                skipped["pattern without *"] += 1
                continue
            sources = frozenset(re.findall(r"[A-Z][A-Z_]+", comment.split("<")[0]))
            block.patterns.append(Pattern(pre.split(), post.split(), code, number, sources))
            continue
        verb = read_verb_line(body, block, number, lemma, skipped)
        if verb is not None:
            block.verbs.append(verb)
    return synsets, blocks


def read_verb_line(body: str, block: Block, number: int, lemma, skipped: Counter) -> Verb | None:
    """A verb of a block: ``EXPEL {EXPELS ...} [code]``, ``+CRACK_DOWN``, ``WIRE_+TAP``."""
    code = parse_code(body) or block.code
    words = re.sub(r"\{[^}]*\}|\[[^\]]*\]", " ", body).split()
    if not words:
        return None
    stem = words[0]
    if "_" not in stem:
        base = stem.strip("+").lower()
        if not base.isalpha():
            skipped["verb not a plain word"] += 1
            return None
        return Verb(stem.strip("+"), lemma(base, "VERB"), code, line=number)
    parts = stem.split("_")
    if not parts[0].startswith("+"):
        skipped["verb after another word (WIRE_+TAP, RE_+ARREST)"] += 1
        return None
    head, rest = parts[0][1:].lower(), [p.lower() for p in parts[1:] if p]
    if len(rest) != 1 or not head.isalpha():
        skipped["multi-word verb phrase (GET_HOLD_OF, ARREST_AND)"] += 1
        return None
    word = rest[0]
    name = stem.strip("+")
    if word in PREPOSITIONS:  # "+ASK_FOR": the object of the preposition is the other actor
        return Verb(name, lemma(head, "VERB"), code, (("prt", word),), (f"prep:{word}", "dobj"), number)
    if word in PARTICLES:
        return Verb(name, lemma(head, "VERB"), code, (("prt", word),), (), number)
    if word.isalpha() and word not in STOP_WORDS:  # "+TAKE_SHAPE": a noun object
        return Verb(name, lemma(head, "VERB"), code, (("dobj", lemma(word)),), (), number)
    skipped["multi-word verb phrase (GET_HOLD_OF, ARREST_AND)"] += 1
    return None


# pattern elements: ("np", head, modifiers) and ("pp", preposition, [np...]); markers as ("mark", sym)

def closing(tokens: list[str], start: int, bracket: str) -> int | None:
    """The index of the token that closes the bracket opened at ``start``; None when none does."""
    return next((j for j in range(start, len(tokens)) if tokens[j].endswith(bracket)), None)


def pattern_elements(tokens: list[str]) -> list[tuple] | None:
    """The noun and prepositional phrases of one side of a pattern; None when malformed."""
    elements: list[tuple] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token in ("+", "$", "%", "^"):
            elements.append(("mark", token))
            i += 1
        elif token.startswith("("):
            j = closing(tokens, i, ")")
            if j is None:
                return None
            inner = " ".join(tokens[i:j + 1])[1:-1].split()
            if not inner:
                return None
            nps = pattern_elements(inner[1:])
            if nps is None or any(e[0] != "np" for e in nps):
                return None
            elements.append(("pp", inner[0].lower(), nps))
            i = j + 1
        elif token.startswith("{"):
            j = closing(tokens, i, "}")
            if j is None:
                return None
            words = [w.lower() for w in " ".join(tokens[i:j + 1])[1:-1].replace("_", " ").split()]
            words = [w for w in words if w not in DETERMINERS]
            if not words:
                return None
            elements.append(("np", words[-1], tuple(words[:-1])))
            i = j + 1
        else:
            words = [w.lower() for w in token.replace("_", " ").split()]
            words = [w for w in words if w not in DETERMINERS]
            if words:
                elements.append(("np", words[-1], tuple(words[:-1])))
            i += 1
    return elements


def expand_synsets(tokens: list[str], synsets: dict[str, list[str]]) -> list[list[str]] | None:
    """Every pattern a token list stands for: synsets replaced by their members, ``A/B``
    alternatives ("(BY/WITH") by each; None when a synset is undefined (PETRARCH skips those)."""
    options: list[list[str]] = []
    for token in tokens:
        match = re.search(r"&[A-Z0-9_]+", token)
        if match:
            name = match.group(0).rstrip("_")
            if name not in synsets:
                return None
            before, after = token[:match.start()], token[match.end():]
            braced = "{" in before
            # a phrase member is a noun phrase: its head with modifiers ("cease fire", "armed forces")
            options.append([before + (member.replace(" ", "_") if braced or " " not in member else
                                      "{" + member.replace(" ", "_") + "}") + after for member in synsets[name]])
        elif re.search(r"[A-Za-z]/[A-Za-z]", token):
            lead = token[: len(token) - len(token.lstrip("({"))]
            tail = token[len(token.rstrip(")}")):]
            options.append([lead + alt + tail for alt in token.strip("(){}").split("/")])
        else:
            options.append([token])
    return [list(combo) for combo in itertools.product(*options)]


@dataclass(frozen=True)
class PatternReading:
    """One pattern (one synset expansion) as our frames read it, before it is given a verb."""

    code: str                         # the CAMEO code ("" when it codes nothing)
    inverse: bool
    require: frozenset                # atoms (dep, word): ("dobj", "diplomat"), ("pp:on", "trial"), ("mod", "humanitarian")
    slots: tuple[str, ...]            # where the other actor is; () for the code's default
    noun: str | None                  # the object noun, if any
    line: int


@dataclass(frozen=True)
class Reading:
    """One pattern of one verb (or the verb alone, with no requirement)."""

    lemma: str
    code: str
    inverse: bool
    require: frozenset
    slots: tuple[str, ...]
    noun: str | None
    line: int


def read_pattern(pattern: Pattern, tokens_pre, tokens_post, lemma, actor_nouns) -> PatternReading | str:
    """A pattern's requirements and slots, or the reason our frames cannot express it."""
    pre = pattern_elements(tokens_pre)
    post = pattern_elements(tokens_post)
    if pre is None or post is None:
        return "malformed pattern"
    if any(e[0] == "mark" for e in pre + post):
        return "source/target markers ($ + % ^)"
    require: set = set()
    slots: list[str] = []
    if any(e[0] == "pp" for e in pre):
        return "prepositional phrase before the verb"
    subjects = [e for e in pre if e[0] == "np"]
    if len(subjects) > 1:
        return "several subject nouns"
    for _, head, mods in subjects:
        if mods:
            return "subject noun with modifiers"
        if not head.isalpha():
            return "hyphenated or numeric word"
        require.add(("nsubj", lemma(head)))
    nouns = []
    for element in post:
        if element[0] == "np":
            _, head, mods = element
            if not mods and head in PARTICLES and not nouns:
                require.add(("prt", head))
            else:
                nouns.append(element)
            continue
        _, prep, nps = element
        if prep in PARTICLES - PREPOSITIONS:  # "(ASIDE RIFT)", "(UP ...)": a particle and the object
            require.add(("prt", prep))
            nouns.extend(nps)
            continue
        if prep not in PREPOSITIONS:
            return "unknown preposition"
        if not nps:
            require.add(("prep", prep))
            slots.append(f"prep:{prep}")
        elif len(nps) > 1:
            return "several nouns in a prepositional phrase"
        else:
            _, head, mods = nps[0]
            if mods:
                return "prepositional object with modifiers ((FOR {FINANCIAL AID}))"
            if not head.isalpha():
                return "hyphenated or numeric word"
            noun = lemma(head)
            require.add((f"pp:{prep}", noun))
            if noun in actor_nouns:
                slots.append(f"prep:{prep}")
    if len(nouns) > 1:
        return "several object nouns"
    noun = None
    if nouns:
        _, head, mods = nouns[0]
        if not head.isalpha() or not all(m.isalpha() for m in mods):
            return "hyphenated or numeric word"
        noun = lemma(head)
        require.add(("dobj", noun))
        require |= {("mod", lemma(m)) for m in mods if m not in STOP_WORDS}  # {HUMANITARIAN AID}: the object has that modifier
    if not require:
        return "pattern with no requirement (as the verb alone)"
    code, inverse = split_code(pattern.code)
    if code is None:
        return "unreadable code"
    return PatternReading(code, inverse, frozenset(require), tuple(slots), noun, pattern.line)


def split_code(code: str) -> tuple[str | None, bool]:
    """``042:043`` -> 042; ``:173`` -> 173, inverse; ``---`` -> '' (codes nothing)."""
    code = code.strip()
    if code in ("---", ""):
        return "", False
    active, colon, passive = code.partition(":")
    active, passive = active.strip(), passive.strip()
    if re.fullmatch(r"\d{2,4}", active):
        return active, False
    if not active and colon and re.fullmatch(r"\d{2,4}", passive):
        return passive, True
    if active == "---":
        return "", False
    return None, False


def is_generic(code: str) -> bool:
    """A category default: a two-digit root or a three-digit code ending in 0 (010, 040, 050)."""
    return len(code) == 2 or (len(code) == 3 and code.endswith("0"))


def category(code: str) -> str:
    return code[:2]


def uniform_categories(code_table: dict[str, dict[str, str]], parents: dict[str, str]) -> set[str]:
    """The CAMEO categories whose every code maps to one relation (or its sub-relations: 192
    invades is an attacks): there the category alone decides the relation."""
    relations: dict[str, set[str]] = defaultdict(set)
    for code, info in code_table.items():
        relation = info["relation"]
        relations[category(code)].add(relation)
    uniform = set()
    for cat, rels in relations.items():
        tops = {r for r in rels if not r or parents.get(r) not in rels}
        if len(tops) == 1 and "" not in tops:
            uniform.add(cat)
    return uniform


def format_require(spec: dict[str, frozenset]) -> str:
    """Requirements as the require column writes them: ``dobj:a|b;prt:out;pp:on=trial``."""
    parts = []
    for dep in sorted(spec):
        words = "|".join(sorted(spec[dep]))
        parts.append(f"pp:{dep[3:]}={words}" if dep.startswith("pp:") else f"{dep}:{words}")
    return ";".join(parts)


def merge_specs(specs: list[tuple[object, dict[str, frozenset]]]) -> list[tuple[object, dict[str, frozenset]]]:
    """Merge (key, requirement) pairs that differ in the words of one dependency only ("dobj:a"
    and "dobj:b" -> "dobj:a|b"), one dependency after the other: an exact union, since only
    pairs equal in everything else merge."""
    deps = sorted({dep for _, spec in specs for dep in spec})
    for dep in deps:
        groups: dict[tuple, set[str]] = {}
        for key, spec in specs:
            if dep not in spec:
                groups.setdefault((key, tuple(sorted(spec.items())), None), set())
                continue
            rest = tuple(sorted((d, w) for d, w in spec.items() if d != dep))
            groups.setdefault((key, rest, dep), set()).update(spec[dep])
        specs = [(key, dict(rest) | ({d: frozenset(words)} if d else {})) for (key, rest, d), words in groups.items()]
    return specs


def as_spec(atoms: frozenset) -> dict[str, frozenset]:
    spec: dict[str, set[str]] = defaultdict(set)
    for dep, word in atoms:
        spec[dep].add(word)
    return {dep: frozenset(words) for dep, words in spec.items()}


def merge_alternatives(sets: list[frozenset]) -> list[str]:
    """The ``unless`` alternatives of a cue, merged as the rows are."""
    return sorted({format_require(spec) for _, spec in merge_specs([(None, as_spec(atoms)) for atoms in sets])})


def merge_requirements(rows: list[tuple]) -> list[tuple]:
    """Rows (key, requirement atoms, unless) merged into (key, require text, unless)."""
    merged = merge_specs([((key, unless), as_spec(require)) for key, require, unless in rows])
    return [(key, format_require(spec), unless) for (key, unless), spec in merged]


def convert_verbs(lemma, actor_nouns: set[str], light_verbs: set[str], event_nouns: set[str],
                  code_table: dict[str, dict[str, str]]) -> tuple[list[list[str]], Counter, Counter]:
    """The cue rows of cameo_cues.tsv, and the counts of what was skipped (pattern lines, verb
    lines) and pruned (verb and pattern pairs)."""
    skipped: Counter = Counter()
    failed: set[tuple[int, str]] = set()
    pruned: Counter = Counter()
    synsets, blocks = read_verb_dictionary(SOURCE / "CAMEO.2.0.txt", lemma, skipped)
    uniform = uniform_categories(code_table, {r["id"]: r["parent"] for r in read_table(DATA / "relations.tsv")})
    blocks_of: dict[str, set[str]] = defaultdict(set)
    for block in blocks:
        for verb in block.verbs:
            if not verb.require:
                blocks_of[verb.lemma].add(block.name)
    readings: dict[str, list[Reading]] = defaultdict(list)
    seen: set[tuple] = set()
    for block in blocks:
        patterns: list[tuple[PatternReading, frozenset]] = []
        for pattern in block.patterns:
            pre = expand_synsets(pattern.pre, synsets)
            post = expand_synsets(pattern.post, synsets)
            if pre is None or post is None:
                skipped["undefined synset"] += 1
                continue
            for tokens_pre, tokens_post in itertools.product(pre, post):
                reading = read_pattern(pattern, tokens_pre, tokens_post, lemma, actor_nouns)
                if isinstance(reading, str):
                    failed.add((pattern.line, reading))
                else:
                    patterns.append((reading, pattern.sources))
        names = {v.name.split("_")[0] for v in block.verbs}
        head = lemma(block.name.split("_")[0].lower(), "VERB")
        relation_of = lambda code: code_table.get(code, {}).get("relation", "")  # noqa: E731
        for verb in block.verbs:
            alone, inverse = split_code(verb.code)
            if alone is None:
                skipped["unreadable code"] += 1
                continue
            # the codes of the verb's own pattern lines (one per line, however many synset members)
            own = [c for c in {p.line: p.code for p, sources in patterns if verb.name.split("_")[0] in sources}.values() if c]
            if alone and not code_table.get(alone, {}).get("relation"):
                pass  # codes nothing we read: nothing to prune
            elif alone and is_generic(alone) and category(alone) not in uniform:
                pruned["generic: a verb alone with a category default whose category maps to several relations"] += 1
                alone = ""
            elif alone and len(blocks_of[verb.lemma]) > 1:
                pruned["polysemous: a verb of several blocks is read only through its patterns"] += 1
                alone = ""
            elif alone and len(own) >= 2 and 3 * sum(relation_of(c) == relation_of(alone) for c in own) < len(own):
                pruned["other sense: fewer than a third of the verb's own patterns read its relation (REMOVE, ATTEND)"] += 1
                alone = ""
            elif alone and verb.lemma != head and not any(category(c) == category(alone) for c in own):
                pruned["unattested: a synonym with no pattern of its own in its category (BEST, MASTER, RENDER)"] += 1
                alone = ""
            key = (verb.lemma, frozenset(verb.require))
            if key not in seen:
                seen.add(key)
                readings[verb.lemma].append(Reading(verb.lemma, alone, inverse, frozenset(verb.require), verb.slots, None, verb.line))
            for pattern, sources in patterns:
                if sources & names and verb.name.split("_")[0] not in sources:
                    continue  # found under another verb of the block ("- &MILITARY * [192] # TAKE" is not "arrest")
                if verb.lemma in light_verbs and pattern.noun in event_nouns:
                    pruned["light: a light verb with an event noun, read by the noun frame"] += 1
                    continue
                if {d for d, _ in verb.require} & {d for d, _ in pattern.require}:
                    continue  # "+TAKE_SHAPE" has its object: no pattern's object joins it
                require = pattern.require | frozenset(verb.require)
                key = (verb.lemma, require)
                if key in seen:
                    continue  # the same pattern again, or another coded differently: the first wins, as in PETRARCH
                seen.add(key)
                readings[verb.lemma].append(Reading(verb.lemma, pattern.code, pattern.inverse, require,
                                                    pattern.slots or verb.slots, pattern.noun, pattern.line))
    for _, reason in failed:
        skipped[f"pattern lines: {reason}"] += 1
    for verb_lemma, group in readings.items():
        for reading in list(group):
            for members in NOUN_CLASSES:
                if reading.noun not in members or len({r.noun for r in group} & members) > 1:
                    continue  # a verb whose patterns name two of them ("SEND * ENVOY", "SEND * AMBASSADOR") tells them apart
                for member in sorted(members - {reading.noun}):
                    require = reading.require - {("dobj", reading.noun)} | {("dobj", member)}
                    if (verb_lemma, require) not in seen:
                        seen.add((verb_lemma, require))
                        group.append(Reading(verb_lemma, reading.code, reading.inverse, require, reading.slots, member, reading.line))
    rows: list[tuple] = []
    for verb_lemma in sorted(readings):
        group = readings[verb_lemma]
        for reading in group:
            if not reading.code:
                continue
            info = code_table.get(reading.code)
            if info is None:
                skipped["a verb's code not in the CAMEO table"] += 1
                continue
            relation = info["relation"]
            if not relation:
                continue  # kept only as an exception of the cues it is more specific than
            more = [other.require for other in group if other.require > reading.require
                    and (other.code, other.inverse) != (reading.code, reading.inverse)]
            flags = set(info["flags"].split(",")) - {""}
            if reading.inverse:
                flags.add("inverse")
            # the code's default object: slot lists separated by "/" are read each on its own (a row each)
            choices = [tuple(alt.split("|")) for alt in info["obj"].split("/")] if info["obj"] else [("dobj",)]
            things = {d[3:] for d, _ in reading.require if d.startswith("pp:")}
            for slots in [reading.slots] if reading.slots else choices:
                slots = tuple(s for s in slots if s[5:] not in things or not s.startswith("prep:")) or ("dobj",)
                key = (verb_lemma, relation, reading.code, "|".join(slots), ",".join(sorted(flags)))
                rows.append((key, reading.require, tuple(merge_alternatives(more))))
    out = []
    for (verb_lemma, relation, code, slots, flags), require, unless in merge_requirements(rows):
        flag_text = ",".join(([flags] if flags else []) + ([f"unless={'/'.join(unless)}"] if unless else []))
        out.append(["verb", verb_lemma, relation, code, "verb", slots, require, flag_text])
    out.sort(key=lambda r: (r[1], r[6], r[3], r[5], r[7], r))
    return out, skipped, pruned


# --------------------------------------------------------------------------------- agent nouns

#: head nouns of bodies: an agent noun with one of these heads names an organisation ("riot police", "supreme court")
ORG_HEADS = {
    "academy", "administration", "agency", "airline", "army", "assembly", "association", "authority", "bank",
    "battalion", "board", "brigade", "broadcaster", "bureau", "business", "cabinet", "chamber", "channel", "college",
    "command", "commission", "committee", "company", "congress", "consulate", "corporation", "corps", "council",
    "court", "department", "dept", "directorate", "embassy", "enterprise", "federation", "firm", "force", "fund",
    "gendarmerie", "gendarmery", "government", "headquarters", "hospital", "industry", "institute", "institution",
    "judiciary", "junta", "legislature", "media", "military", "ministry", "mission", "navy", "network", "newspaper",
    "office", "organisation", "organization", "paper", "parliament", "party", "police", "press", "program",
    "programme", "radio", "regime", "regiment", "secretariat", "senate", "service", "station", "television",
    "tribunal", "tv", "union", "university", "wire", "blog", "website", "palace", "school", "kindergarten",
    "kindergarden", "club", "society", "body", "coalition", "alliance", "front", "unit", "cartel", "syndicate",
    "apparatus", "establishment", "leadership",
}
#: head nouns of collectives without one organisation: a group ("the opposition", "militias")
COLLECTIVE_HEADS = {
    "opposition", "militia", "mob", "crowd", "rabble", "electorate", "public", "populace", "population", "people",
    "community", "diaspora", "clergy", "minority", "majority", "poor", "youth", "insurgency", "underground",
    "resistance", "movement", "faction", "clan", "tribe", "gang", "gangdom", "mafia", "crime", "elite",
    "intelligentsia", "workforce", "labor", "labour", "personnel", "staff", "troop", "guerrilla", "underworld",
    "peasantry", "citizenry", "laity", "nobility", "royalty", "family", "dynasty", "group", "cell", "network",
    "delegation",
}
#: head nouns that name things or places, not actors ("naval ship", "fighter plane", "neighbourhood")
THING_HEADS = {
    "aircraft", "airplane", "battlewagon", "boat", "bomber", "carrier", "convoy", "cruiser", "destroyer", "drone",
    "frigate", "gunboat", "helicopter", "jet", "jetliner", "missile", "plane", "rocket", "ship", "submarine", "tank",
    "truck", "vehicle", "vessel", "warship", "neighbourhood", "neighborhood", "village", "town", "city", "meeting",
    "car", "weapon", "satellite", "gun", "building", "facility", "activity", "system", "equipment", "device",
}
#: plurals that still name one body ("security forces", "the authorities")
PLURAL_BODIES = {"forces", "authorities", "services", "media"}
#: agent sectors of the state: their holders act for their state ("police detained", "Libyan judges")
STATE_SECTORS = ("GOV", "MIL", "COP", "JUD", "LEG", "SPY")


def plural_word(word: str) -> str:
    """The regular plural of a noun (PETRARCH's rule, with -ch/-sh/-x and vowel+y)."""
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    return word + "s"


def head_index(words: list[str]) -> int:
    """Where the head noun of an agent phrase is: before its first preposition ("head of national
    police", "minister for welfare"), else the last word."""
    for i, word in enumerate(words[1:], 1):
        if word in PREPOSITIONS:
            return i - 1
    return len(words) - 1


def agent_type(head: str, plural: bool, lemma) -> str | None:
    """Our actor type for an agent noun with this head: organisation, group or person; None for things."""
    base = lemma(head)
    if base in THING_HEADS or head in THING_HEADS:
        return None
    if head in PLURAL_BODIES:
        return "organisation"
    if base in ORG_HEADS or head in ORG_HEADS:
        return "group" if plural else "organisation"
    if base in COLLECTIVE_HEADS or head in COLLECTIVE_HEADS:
        return "group"
    return "group" if plural else "person"


def read_agent_entries(path: Path, skipped: Counter) -> list[tuple[str, str | None, str]]:
    """(phrase, plural or None for 'no plural' or '' for the regular one, sector code) per entry,
    with the !MARKER! substitutions expanded (those forms get no plural of their own)."""
    markers: dict[str, list[str]] = {}
    entries = []
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        body, _ = strip_comment(raw)
        if not body.strip() or raw.startswith("<!"):
            continue
        if "!" in body and "=" in body:
            name, _, values = body.partition("=")
            markers[name.strip().strip("!")] = [v.strip() for v in values.split(",") if v.strip()]
            continue
        match = re.search(r"\[([^\]}]*)[\]}]", body)
        if not match:
            skipped["agent line without a code"] += 1
            continue
        code = match.group(1).strip().replace("~", "")
        phrase = body[: match.start()]
        plural: str | None = ""
        if "{" in phrase:
            plural = phrase[phrase.index("{") + 1: phrase.index("}")].strip().replace("_", " ").lower() if "}" in phrase else ""
            plural = plural or None
            phrase = phrase[: phrase.index("{")]
        phrase = phrase.strip()
        forms = [(phrase, plural)]
        marker = re.search(r"!([A-Z]+)!", phrase)
        stem = next((m for m in markers if re.search(rf"(^|_| ){m}($|_| )", phrase)), None)
        if marker:
            values = markers.get(marker.group(1))
            if values is None:
                skipped["agent with an undefined !MARKER!"] += 1
                continue
            forms = [(phrase.replace(marker.group(0), value), None) for value in values]
        elif stem:  # "BROADCAST_MINIST": a truncated stem, read as its marker's forms
            forms = [(re.sub(rf"(?<![A-Z]){stem}(?![A-Z])", value, phrase), None) for value in markers[stem]]
        for text, plural in forms:
            text = text.replace("_", " ").strip().lower()
            text = " ".join(text.split())
            entries.append((text, plural, code))
    return entries


def convert_agents(lemma) -> tuple[str, set[str]]:
    """agents.tsv, and the set of lemmas that name actors (for the verb patterns' slots).

    One row per surface form (singular and plural): the sector is the agent code of the
    dictionary without its ``~`` (REB rebels, COP police, GOVMIL defence officials...); type is
    ours (:func:`agent_type`: organisation for bodies, group for collectives and plurals, person
    for one person); label is what the group of people a noun of persons names is called, the
    plural ("rebel", "rebels" -> "rebels"; "judge" -> "judges"), and for bodies and collectives the
    form itself ("court", "courts", "militia", "security forces"); official says whether the
    sector is the state's.
    """
    skipped: Counter = Counter()
    rows: dict[str, list[str]] = {}
    for phrase, plural, code in read_agent_entries(SOURCE / "Phoenix.agents.txt", skipped):
        if not re.fullmatch(r"[a-z][a-z' .-]*", phrase) or not code.isalpha():
            skipped["agent not plain words or code unreadable"] += 1
            continue
        sector = code.upper()
        words = phrase.split()
        at = head_index(words)
        head = words[at]
        is_plural = lemma(head) != head or head in PLURAL_BODIES
        forms = [(phrase, is_plural, head)]
        if plural is not None and not is_plural:
            plural_head = plural_word(head)
            forms.append((plural or " ".join(words[:at] + [plural_head] + words[at + 1:]), True, plural_head))
        person_noun = agent_type(forms[0][2], False, lemma) == "person"
        for form, is_plural, head in forms:
            label = forms[-1][0] if person_noun else form
            if not re.fullmatch(r"[a-z][a-z' .-]*", form):
                continue
            kind = agent_type(head, is_plural, lemma)
            if kind is None:
                skipped["agent naming a thing or a place"] += 1
                continue
            official = "yes" if sector.startswith(STATE_SECTORS) else "no"
            row = [form, "plural" if is_plural else "singular", sector, kind, label, official]
            if form in rows and rows[form] != row:
                skipped["agent listed twice (the first wins)"] += 1
                continue
            rows[form] = row
    actor_nouns = set()
    for form, row in rows.items():
        words = form.split()
        head = words[head_index(words)]
        actor_nouns |= {head, lemma(head)}
    text = header("Phoenix.agents.txt", "Agent nouns: generic actors named by what they are (judge, rebels, police, activists).", [
        "noun: the surface form, lower case (the dictionary's !PERSON!/!MINIST! markers expanded, regular plurals made).",
        "sector: the agent code of the dictionary (REB rebels, OPP opposition, COP police, MIL military, JUD judiciary,",
        "  GOV government, LEG legislature, MED media, BUS business, CVL civilians, ...; a second code refines the first).",
        "type: our actor type (organisation: a body; group: a collective or a plural; person: one person).",
        "label: for a noun of persons the plural, the group they form (rebel, rebels: rebels); for bodies and collectives",
        "  the form itself (court; courts; security forces). official: the sector is the state's (GOV, MIL, COP, JUD, LEG, SPY).",
        "Skipped: " + ", ".join(f"{n} {reason}" for reason, n in sorted(skipped.items())),
    ]) + tsv([["noun", "number", "sector", "type", "label", "official"], *sorted(rows.values())])
    return text, actor_nouns


# ------------------------------------------------------------------------------------ officials

#: CAMEO role codes of people (the three letters after a country code): everything else after a
#: country code is a region or status (VGB, FLK, UNR...), which makes a record a place, not a person
PERSON_ROLES = {"GOV", "ELI", "MIL", "JUD", "LEG", "OPP", "REB", "SPY", "COP", "MED", "BUS", "CVL", "EDU", "HLH",
                "LAB", "REL", "PTY", "IGO", "NGO", "UAF", "INS", "REF", "AGR", "ENV", "HRI", "CRM", "MUS"}
#: roles whose holder acts for the state (or organisation) of the code: represents, or leader_of
#: when the person's titled aliases name only heads of state or government (see officials_relation)
STATE_ROLES = {"GOV", "MIL", "JUD", "LEG", "SPY", "COP", "IGO"}
NAME_PARTICLES = {"de", "da", "di", "del", "della", "van", "von", "der", "den", "du", "dos", "das", "bin", "ibn", "la", "le"}


@dataclass
class ActorRecord:
    names: list[str]                               # the primary phrase, then its aliases, as in the file
    spans: list[tuple[str, str, str]] = field(default_factory=list)   # (code, start, end); '' = open
    source: str = ""


def parse_date(text: str) -> str | None:
    """``YYMMDD`` (00-30 are 20YY, as PETRARCH reads them) or ``YYYYMMDD`` -> ``YYYY-MM-DD``."""
    import datetime

    text = text.strip()
    if re.fullmatch(r"\d{6}", text):
        year = int(text[:2])
        text = f"{2000 + year if year <= 30 else 1900 + year}{text[2:]}"
    if not re.fullmatch(r"\d{8}", text):
        return None
    try:
        return datetime.date(int(text[:4]), int(text[4:6]), int(text[6:])).isoformat()
    except ValueError:
        return None


def parse_span(text: str, skipped: Counter) -> tuple[str, str, str] | None:
    """``RUSGOV 991231-080507`` / ``RUSGOV >080508`` / ``RUSGOV <061231`` / ``RUSELI``."""
    parts = text.split(None, 1)
    if not parts:
        return None
    code, dates = parts[0].upper(), (parts[1].replace(" ", "") if len(parts) > 1 else "")
    if not dates:
        return code, "", ""
    if dates.startswith(">"):
        start = parse_date(dates[1:])
        return (code, start, "") if start else bad_date(skipped)
    if dates.startswith("<"):
        end = parse_date(dates[1:])
        return (code, "", end) if end else bad_date(skipped)
    first, _, last = dates.partition("-")
    start, end = parse_date(first), parse_date(last)
    if start is None or end is None or start > end:
        return bad_date(skipped)
    return code, start, end


def bad_date(skipped: Counter) -> None:
    skipped["role span with an unreadable date"] += 1
    return None


def read_actor_records(path: Path, skipped: Counter) -> list[ActorRecord]:
    """The records of a Phoenix actor dictionary. A primary line starts a record; ``+`` lines are
    its aliases; ``[CODE dates]`` (on tab lines or the same line) its role spans. A primary line
    that follows a record still without codes is one more alias of it: the files write some
    aliases without their ``+`` ("BORIS_YELTSIN_" then "BORIS_N._YELTSIN" then the dates)."""
    records: list[ActorRecord] = []
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        body, _ = strip_comment(raw)
        codes = re.findall(r"\[([^\]]*)\]", body)
        name = re.sub(r"\[[^\]]*\]", " ", body).strip()
        if raw[0] in " \t" and not name:
            if records:
                records[-1].spans += [s for s in (parse_span(c, skipped) for c in codes) if s]
            continue
        if name.startswith("+"):
            if records:
                records[-1].names.append(name[1:].strip())
                records[-1].spans += [s for s in (parse_span(c, skipped) for c in codes) if s]
            continue
        if records and not records[-1].spans and name:
            records[-1].names.append(name)
        else:
            records.append(ActorRecord([name], source=path.name))
        records[-1].spans += [s for s in (parse_span(c, skipped) for c in codes) if s]
    return records


def readable_name(phrase: str, acronyms: set[str] = frozenset()) -> str:
    """``VLADIMIR_V._PUTIN_`` -> ``Vladimir V. Putin``; ``MIGUEL_D'ESCOTO_BROCKMANN_`` -> ``Miguel D'Escoto Brockmann``;
    acronyms the gazetteer writes in capitals stay so ("US President ...")."""
    words = phrase.replace("_", " ").replace(",", " ").split()
    out = []
    for i, word in enumerate(words):
        low = word.lower()
        if word.replace(".", "") in acronyms or (i and re.fullmatch(r"[IVX]+", word)):
            out.append(word)  # "US", "UN"; "Abdullah II"
            continue
        if i and low in NAME_PARTICLES and i < len(words) - 1:
            out.append(low)
            continue
        parts = re.split(r"([-'])", low)
        word = "".join(p[:1].upper() + p[1:] for p in parts)
        if word.startswith("Mc") and len(word) > 2:
            word = "Mc" + word[2].upper() + word[3:]
        out.append(word)
    return " ".join(out)


class Titles:
    """Title words (words.tsv), demonyms and state names: what a titled alias starts with."""

    def __init__(self) -> None:
        from diplograph.data import read_table as package_table

        self.titles = {r["word"].lower(): r["value"] for r in package_table("words.tsv") if r["class"] == "title"}
        self.vocabulary = {"former", "acting", "interim", "deputy", "vice", "of", "the", "and", "for", "party", "chief",
                           "un", "u.n.", "united", "nations", "general", "secretary-general", "then", "late", "ex"}
        for title in self.titles:
            self.vocabulary |= set(title.split())
        self.acronyms = set()
        for row in package_table("countries.tsv"):
            for name in [row["label"], *row["aliases"].split("|"), *row["demonyms"].split("|")]:
                self.vocabulary |= set(name.lower().split())
                self.acronyms |= {w for w in name.replace(".", "").split() if w.isupper() and len(w) > 1}
        for row in package_table("seats.tsv"):
            self.vocabulary |= set(row["surface"].lower().split())
        for row in package_table("organisations.tsv"):
            for name in [row["label"], *row["aliases"].split("|")]:
                self.acronyms |= {w for w in name.replace(".", "").split() if w.isupper() and len(w) > 1}
        self.vocabulary.discard("")

    def split(self, words: list[str]) -> tuple[list[str], list[str]]:
        """(title words, name words) of an alias: the leading run of title vocabulary."""
        i = 0
        while i < len(words) - 1 and words[i] in self.vocabulary:
            i += 1
        return words[:i], words[i:]

    def found(self, words: list[str]) -> list[str]:
        """The titles of words.tsv in a title prefix, longest first ("prime minister", not "minister")."""
        found, i = [], 0
        while i < len(words):
            for n in (4, 3, 2, 1):
                phrase = " ".join(words[i:i + n])
                if len(words[i:i + n]) == n and phrase in self.titles:
                    found.append(phrase)
                    i += n
                    break
            else:
                i += 1
        return found


def code_actors(skipped: Counter) -> tuple[dict[str, str], dict[str, str]]:
    """CAMEO country codes -> our country ids (through ISO alpha-3, else the dictionary's own name
    for the code matched against our labels and aliases), and organisation codes (IGOUNO,
    IGOWSTNAT, PSEREBHMS...) -> our organisation ids (the dictionary's names for the code matched
    against organisations.tsv)."""
    from diplograph.data import read_table as package_table, split

    countries = package_table("countries.tsv")
    by_iso = {r["iso3"]: r["id"] for r in countries if r["iso3"]}
    by_name = {}
    for row in countries:
        for name in [row["label"], *split(row["aliases"])]:
            by_name.setdefault(name.lower(), row["id"])
    orgs = {}
    for row in package_table("organisations.tsv"):
        for name in [row["label"], *split(row["aliases"])]:
            orgs.setdefault(name.lower(), row["id"])
    country_of: dict[str, str] = {}
    org_of: dict[str, str] = {}
    for path in ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"):
        for record in read_actor_records(SOURCE / path, Counter()):
            names = [n.replace("_", " ").strip().lower() for n in record.names]
            names += [n[4:] for n in names if n.startswith("the ")]
            for code, start, end in record.spans:
                if re.fullmatch(r"[A-Z]{3}", code) and code not in country_of:
                    if code in by_iso:
                        country_of[code] = by_iso[code]
                    else:
                        match = next((by_name[n] for n in names if n in by_name), None)
                        if match:
                            country_of[code] = match
                if len(code) > 3 and not start and not end and code not in org_of:
                    match = next((orgs[n] for n in names if n in orgs), None)
                    if match:
                        org_of[code] = match
    return country_of, org_of


#: titles of offices outside a government (a legislature, the forces): a president who was a
#: senator was never a minister, so these do not make his GOV span anything but a head's
NON_GOVERNMENT_TITLES = {"senator", "lawmaker", "general", "admiral", "commander", "delegate", "chairman", "chairwoman",
                         "chair", "leader", "head", "chief", "general secretary", "ruler", "strongman", "dictator"}


def officials_relation(role: str, sector: str, titles: list[str], title_values: dict[str, str]) -> str:
    """Our relation for a role span. GOV in these files is any member of the government in office
    (head of state or government, minister: the dictionary does not tell them apart); ELI is a
    political elite out of office (before and after its GOV spans); OPP, REB and the rest are not
    the state's. So: a state role (or an organisation's: IGO) is represents, and leader_of only
    when the role is plain GOV or IGO and the person's titled aliases name a head (president,
    prime minister, king, secretary-general...) and no other government post (minister,
    secretary, vice president, spokesman...), which could be what the span was; else none."""
    if role not in STATE_ROLES:
        return ""
    heads = [t for t in titles if title_values[t] == "leader_of"]
    posts = [t for t in titles if title_values[t] != "leader_of" and t not in NON_GOVERNMENT_TITLES]
    if role in ("GOV", "IGO") and not sector and heads and not posts:
        return "leader_of"
    return "represents"


def convert_officials(lemma) -> str:
    """officials.tsv: one row per (person, role span) of the Phoenix actor dictionaries.

    A record is a person when one of its spans has dates and a role code of a person
    (:data:`PERSON_ROLES`); country records (``ARM >911221``) and institutions are left out, and so
    are records of the International and MilNonState files without dated spans (organisations).
    Names: the first alias without a title is the label; titled aliases ("PRESIDENT_PUTIN_") go to
    their own column, and their untitled rest joins the aliases.
    """
    skipped: Counter = Counter()
    titles = Titles()
    country_of, org_of = code_actors(skipped)
    rows = []
    for path in ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"):
        for record in read_actor_records(SOURCE / path, skipped):
            dated = [s for s in record.spans if s[1] or s[2]]
            if not dated or not any(person_role(code, country_of, org_of) for code, _, _ in dated):
                continue
            names = []
            for phrase in record.names:
                words = readable_name(phrase, titles.acronyms).split()
                if any(w.lower() in ORG_HEADS for w in words):
                    skipped["alias naming a body ('Obama Administration')"] += 1
                    continue
                title, rest = titles.split([w.lower() for w in words])
                names.append((words, len(title) if rest else 0))
            # a title prefix counts only when the rest is a name the record also has untitled, or
            # ends with the surname of one ("President Yeltsin"): "Sultan bin Saeed" is a name
            surnames = {words[-1] for words, cut in names if not cut}
            plain, titled, found = [], [], []
            for words, cut in names:
                rest = " ".join(words[cut:])
                if cut and words[-1] in surnames:
                    titled.append(" ".join(words))
                    found += titles.found([w.lower() for w in words[:cut]])
                else:
                    rest = " ".join(words)
                if rest not in plain:
                    plain.append(rest)
            if not plain or not re.search(r"[A-Za-z]", plain[0]):
                skipped["person without a readable name"] += 1
                continue
            label, aliases = plain[0], [a for a in plain[1:] if a != plain[0]]
            for code, start, end in record.spans:
                where = person_role(code, country_of, org_of)
                if where is None:
                    skipped["role span whose code names no country or organisation we know"] += 1
                    continue
                country, organisation, role, sector = where
                relation = officials_relation(role, sector, found, titles.titles)
                rows.append([label, "|".join(aliases), "|".join(titled), country, organisation, role, sector, relation,
                             start, end, record.source.replace(".actors.txt", "").replace("Phoenix.", "")])
    rows = sorted({tuple(r) for r in rows}, key=lambda r: (r[0], r[3], r[4], r[8], r[9], r[5], r[6], r))
    roles = Counter(r[5] for r in rows)
    relations = Counter(r[7] or "none" for r in rows)
    return header("Phoenix.Countries.actors.txt, Phoenix.International.actors.txt and Phoenix.MilNonState.actors.txt",
                  "Officials: people of the Phoenix actor dictionaries with their dated roles (coverage ends around 2015).", [
        "One row per (person, role span). name: the label (the first name without a title); aliases: other names;",
        "titled: aliases that start with a title ('President Vladimir Putin'), whose untitled rest is among the aliases.",
        "country: our id (CAMEO country code through ISO alpha-3, else the dictionary's name for it); organisation: our id",
        "when the code names one (IGOUNO: united_nations). role: the CAMEO role code (GOV government in office, ELI",
        "political elite out of office, MIL, JUD, LEG, SPY, COP, OPP opposition, REB rebels...); sector: the rest of the",
        "code (GOVBUS: economy minister). relation: ours for the span: represents for the state's roles, leader_of for a",
        "plain GOV span of someone whose titles are all heads' (president, prime minister...), none for ELI/OPP/REB...",
        "start, end: YYYY-MM-DD, empty when open; a row with neither is the person's role outside its dated rows.",
        "Rows by role: " + ", ".join(f"{k or '-'} {v}" for k, v in sorted(roles.items(), key=lambda kv: -kv[1])),
        "Rows by relation: " + ", ".join(f"{k} {v}" for k, v in sorted(relations.items(), key=lambda kv: -kv[1])),
        "Skipped: " + ", ".join(f"{n} {reason}" for reason, n in sorted(skipped.items())),
    ]) + tsv([["name", "aliases", "titled", "country", "organisation", "role", "sector", "relation", "start", "end", "source"],
              *[list(r) for r in rows]])


def person_role(code: str, country_of: dict[str, str], org_of: dict[str, str]) -> tuple[str, str, str, str] | None:
    """(country id, organisation id, role, sector) of a person's code: ``RUSGOVBUS`` ->
    ('russia', '', 'GOV', 'BUS'); ``IGOUNOKID`` -> ('', 'unicef', 'IGO', ...); ``ELI`` alone -> None."""
    if code[:3] in country_of and len(code) >= 6 and code[3:6] in PERSON_ROLES:
        organisation = longest_org(code, org_of) if len(code) > 6 else ""
        return country_of[code[:3]], organisation, code[3:6], code[6:]
    if code.startswith(("IGO", "NGO")):
        organisation = longest_org(code, org_of)
        if not organisation:
            return None
        rest = code[len(next(c for c in org_codes(code) if org_of.get(c) == organisation)):]
        return "", organisation, code[:3], rest
    return None


def org_codes(code: str) -> list[str]:
    """The prefixes of a code that may name an organisation, longest first (IGOUNOHRIHCH, ..., IGOUNO)."""
    return [code[:end] for end in range(len(code), 5, -3)]


def longest_org(code: str, org_of: dict[str, str]) -> str:
    """The organisation of the longest prefix of a code that names one (IGOUNOHRIHCH -> IGOUNO)."""
    return next((org_of[c] for c in org_codes(code) if c in org_of), "")


# -------------------------------------------------------------------------------------- driver

def load_inputs():
    from diplograph.data import read_table as package_table

    words = package_table("words.tsv")
    cues = package_table("cues.tsv")
    light = {r["word"] for r in words if r["class"] == "light"}
    event_nouns = {r["lemma"] for r in cues if r["pos"] == "noun" and r["frame"] == "event"}
    codes = {r["code"]: r for r in read_table(DATA / "cameo_relations.tsv")}
    return light, event_nouns, codes


def build() -> dict[str, str]:
    """Every generated file: name -> text."""
    lemma = Lemmatiser()
    light, event_nouns, codes = load_inputs()
    agents_text, actor_nouns = convert_agents(lemma)
    rows, skipped, pruned = convert_verbs(lemma, actor_nouns, light, event_nouns, codes)
    report = [f"{n} {reason}" for reason, n in sorted(skipped.items(), key=lambda kv: (-kv[1], kv[0]))]
    prune = [f"{n} {reason}" for reason, n in sorted(pruned.items(), key=lambda kv: (-kv[1], kv[0]))]
    cues_text = header("CAMEO.2.0.txt", "CAMEO verb cues: the CAMEO 2.0 verb dictionary read into the column format of cues.tsv.", [
        "Only codes that cameo_relations.tsv maps to a relation. The lexicon loads these after cues.tsv; a lemma cues.tsv",
        "covers is read from cues.tsv only. require: requirements separated by ';' (dep:lemma|lemma, pp:PREP=lemma|lemma:",
        "a phrase of the verb or its object with that preposition and object). unless=ALT/ALT: the cue does not fire when",
        "every requirement of one alternative matches (a more specific pattern of the verb, coded otherwise).",
        f"{len(rows)} rows. Pruned (rules in the converter's docstring):", *["  " + p for p in prune],
        "Skipped patterns and verbs, by reason:", *["  " + r for r in report],
    ]) + tsv([["pos", "lemma", "relation", "cameo", "frame", "obj", "require", "flags"], *rows])
    return {"cameo_cues.tsv": cues_text, "agents.tsv": agents_text,
            "officials.tsv": convert_officials(lemma), "LICENSE.petrarch2": licence_text()}


def licence_text() -> str:
    return (f"The files of tools/petrarch_convert.py's tables (cameo_cues.tsv, agents.tsv, officials.tsv) are derived from\n"
            f"{REPOSITORY} at commit {COMMIT}, whose licence follows.\n\n") + (SOURCE / "LICENSE").read_text(encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed tables, write nothing")
    args = parser.parse_args(argv)
    if not SOURCE.is_dir():
        print(f"error: {SOURCE} not found: the converter reads the PETRARCH2 dictionaries from ../shared/reference/petrarch2",
              file=sys.stderr)
        return 2
    files = build()
    different = []
    for name, text in files.items():
        path = DATA / name
        old = path.read_text(encoding="utf-8") if path.exists() else ""
        if old != text:
            different.append(name)
            if args.check:
                diff = difflib.unified_diff(old.splitlines(), text.splitlines(), f"committed/{name}", f"converted/{name}", lineterm="", n=0)
                print("\n".join(itertools.islice(diff, 20)))
            else:
                tmp = path.with_suffix(path.suffix + ".part")
                tmp.write_text(text, encoding="utf-8")
                tmp.replace(path)
    for name, text in files.items():
        body = [line for line in text.splitlines() if line and not line.startswith("#")]
        print(f"{name}: {max(len(body) - 1, 0)} rows" if name.endswith(".tsv") else f"{name}")
    print("\n".join(line[2:] for line in files["cameo_cues.tsv"].splitlines() if line.startswith("#   ")))
    if args.check and different:
        print(f"differs from the committed tables: {', '.join(different)} (run `make dictionaries`)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
