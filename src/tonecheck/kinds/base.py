"""What every rule kind shares: the key schema, the scope it checks, its matches.

A kind turns the kind-specific keys of a YAML rule into a ``Check``.  The engine
hands a check a ``Scope`` (the units of the letter the rule's ``scope`` selects)
and receives ``Match`` values in letter-text offsets; it stamps the rule id and
level itself.  Kinds never print and never see the source file.
"""

from __future__ import annotations

import re
import sys
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from difflib import get_close_matches
from typing import TYPE_CHECKING, Any, Callable, Iterator, Mapping, Sequence, TypeVar, cast

from ..finding import Level
from ..letter import Letter
from .regexes import RulePattern, rule_regex
from .trigger import ALWAYS, HEAVY, Trigger

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span
    from spacy.vocab import Vocab

# Annotations a check may need from spaCy.  "tokens" needs only the tokenizer.
ANNOTATIONS: frozenset[str] = frozenset({"tokens", "sentences", "lemmas", "pos", "deps", "entities"})


class RuleError(Exception):
    """A problem with one key of one rule: ``key: problem``."""

    def __init__(self, key: str, problem: str) -> None:
        super().__init__(f"{key}: {problem}")
        self.key = key
        self.problem = problem


@dataclass(frozen=True)
class Unit:
    """A stretch of letter text a rule looks at: a part, a sentence or a paragraph.

    ``doc`` is the spaCy Doc or Span over it (None when no check needs spaCy);
    ``base`` is the letter offset of character 0 of ``doc.doc``.
    """

    part: str
    start: int
    end: int
    text: str
    doc: "Doc | Span | None" = None
    base: int = 0
    # Letter offsets of the sentences of the unit that a check's trigger hits, when the engine
    # selects them (``kinds.trigger``); empty: the whole unit.  A check whose matches never
    # cross a sentence (a dependency tree) may look at these only.
    focus: tuple[tuple[int, int], ...] = ()

    def focused(self) -> "list[Doc | Span]":
        """The Docs or Spans to look at: the focus sentences, else the whole unit's."""
        if self.doc is None:
            return []
        if not self.focus:
            return [self.doc]
        doc = self.doc.doc
        spans = (doc.char_span(a - self.base, b - self.base, alignment_mode="expand") for a, b in self.focus)
        return [s for s in spans if s is not None]


T = TypeVar("T")


class Matchers:
    """The spaCy matchers of one linter: built for its vocabulary, once per check
    that asks.  Rules stay immutable and hold no caches; each Linter owns one of
    these, so two pipelines (or threads with a linter each) never share one."""

    def __init__(self, vocab: "Vocab") -> None:
        self.vocab = vocab
        self._built: dict[int, tuple[object, Any]] = {}

    def get(self, owner: object, build: Callable[["Vocab"], T]) -> T:
        entry = self._built.get(id(owner))
        if entry is None or entry[0] is not owner:
            entry = (owner, build(self.vocab))
            self._built[id(owner)] = entry
        return cast(T, entry[1])


@dataclass(frozen=True)
class ScoredSentence:
    """A sentence of the letter's prose with its tone model scores (label -> 0..1)."""

    part: str
    start: int
    end: int
    text: str
    scores: Mapping[str, float]


@dataclass(frozen=True)
class Scope:
    """The units of one letter a rule checks, with where a letter-level finding
    goes; ``matchers`` is the linter's (None when no rule needs spaCy).

    ``scored`` holds, per tone model path, the scored prose sentences of the
    letter (filled by the engine only when a classifier is active)."""

    letter: Letter
    units: tuple[Unit, ...]
    parts: tuple[str, ...]
    anchor: int
    matchers: Matchers | None = None
    scored: Mapping[str, tuple[ScoredSentence, ...]] = field(default_factory=dict)

    @property
    def vocab(self) -> "Vocab | None":
        return self.matchers.vocab if self.matchers is not None else None


@dataclass(frozen=True)
class Match:
    """A hit in letter-text offsets.  ``args`` fill the message's ``%s``
    placeholders (default: the matched text)."""

    start: int
    end: int
    args: tuple[str, ...] = ()
    suggestions: tuple[str, ...] = ()
    signal: str = "pattern"  # which signal fired: "pattern" (the rule's own kind) or "classifier"
    score: float | None = None  # the classifier's score, for a classifier match
    # A check that words its own message (the profile kind names the reader) or
    # reports one case below the rule's level sets these; None: the rule's.
    message: str | None = None
    level: Level | None = None


class Check(ABC):
    """The behaviour of one compiled rule."""

    needs: frozenset[str] = frozenset()

    @property
    def trigger(self) -> Trigger | None:
        """The words without which this check cannot match (``kinds.trigger``): None when it
        needs no tagger or parser; kinds that cannot say keep this default, ``ALWAYS``."""
        return ALWAYS if self.needs & HEAVY else None

    def settled(self, letter: Letter, texts: Sequence[str]) -> bool:
        """True when, on units with these texts, this check decides without reading any
        spaCy annotation (the engine then runs no tagger or parser for it)."""
        return False

    @abstractmethod
    def run(self, scope: Scope) -> Iterator[Match]:
        """Yield the matches of this rule in ``scope``."""


# ---------------------------------------------------------------- key schema
Validator = Callable[[Any, str], Any]


@dataclass(frozen=True)
class Key:
    """One allowed key: a validator that returns the cleaned value or raises RuleError."""

    validate: Validator
    required: bool = False
    default: Any = None
    doc: str = ""


def check_keys(options: Mapping[str, Any], schema: Mapping[str, Key], known: set[str]) -> dict[str, Any]:
    """Validate ``options`` against ``schema``; collect every problem at once."""
    problems: list[RuleError] = []
    cleaned: dict[str, Any] = {}
    for key, value in options.items():
        if key not in schema:
            hint = get_close_matches(str(key), sorted(set(schema) | known), n=1)
            more = f" (did you mean '{hint[0]}'?)" if hint else ""
            problems.append(RuleError(str(key), f"unknown key{more}"))
            continue
        try:
            cleaned[key] = schema[key].validate(value, key)
        except RuleError as exc:
            problems.append(exc)
        except RuleErrors as exc:
            problems.extend(exc.errors)
    for key, spec in schema.items():
        if key not in cleaned and key not in options:  # a key given but invalid is reported once, above
            if spec.required:
                problems.append(RuleError(key, "required key is missing"))
            else:
                cleaned[key] = spec.default
    if problems:
        raise RuleErrors(problems)
    return cleaned


class RuleErrors(Exception):
    def __init__(self, errors: list[RuleError]) -> None:
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = errors


def type_name(value: Any) -> str:
    return {dict: "a mapping", list: "a list", str: "a string", bool: "a boolean", int: "a number",
            float: "a number", type(None): "empty"}.get(type(value), type(value).__name__)


def v_str(value: Any, key: str) -> str:
    if not isinstance(value, str):
        raise RuleError(key, f"expected a string, got {type_name(value)}")
    return value


def v_bool(value: Any, key: str) -> bool:
    if not isinstance(value, bool):
        raise RuleError(key, f"expected true or false, got {type_name(value)}")
    return value


def v_int(value: Any, key: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise RuleError(key, f"expected a whole number, got {type_name(value)}")
    return value


def v_str_list(value: Any, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise RuleError(key, f"expected a list of strings, got {type_name(value)}")
    for i, item in enumerate(value):
        if isinstance(item, dict):
            raise RuleError(f"{key}[{i}]", "expected a string, got a mapping (quote entries that contain ': ')")
        if isinstance(item, bool) or not isinstance(item, (str, int, float)):
            raise RuleError(f"{key}[{i}]", f"expected a string, got {type_name(item)}")
    return tuple(str(v) for v in value)


def v_regex(value: Any, key: str) -> str:
    text = v_str(value, key)
    compile_regex(text, key)
    return text


def v_regex_list(value: Any, key: str) -> tuple[str, ...]:
    items = v_str_list(value, key)
    for i, item in enumerate(items):
        compile_regex(item, f"{key}[{i}]")
    return items


def whole_match_any(patterns: tuple[str, ...], flags: int = 0) -> RulePattern | None:
    """One regex that matches a whole text when any of ``patterns`` does (None for none):
    how ``exceptions`` lists, validated as regexes, are compared (budgeted, as every rule regex)."""
    return rule_regex("|".join(f"(?:{p})" for p in patterns).join(("^(?:", ")$")), flags) if patterns else None


def compile_regex(pattern: str, key: str, flags: int = 0) -> RulePattern:
    try:
        return rule_regex(pattern, flags)
    except re.error as exc:
        raise RuleError(key, f"invalid regex {pattern!r}: {exc}") from None


# What a literal space in a rule's phrase matches: spaces, or one line break
# (a phrase wrapped across two lines of a letter), but never a blank line.
# It is unambiguous: each run of blanks is taken whole (the look-aheads forbid
# stopping inside one), so a run of n spaces is split one way, not n ways, and
# adjacent copies cannot multiply into polynomial backtracking.
# Python 3.11's possessive quantifiers say the same in fewer opcodes: a third
# shorter, and the large phrase alternations compile faster (3.10 keeps the
# look-aheads).
_BREAK = r"(?:\r\n?|\n)"
WRAP_SPACE = (rf"(?:[ \t]++(?:{_BREAK}[ \t]*+)?|{_BREAK}[ \t]*+)" if sys.version_info >= (3, 11)
              else rf"(?:[ \t]+(?![ \t])(?:{_BREAK}[ \t]*(?![ \t]))?|{_BREAK}[ \t]*(?![ \t]))")


def replace_spaces(pattern: str, replacement: str, *, collapse: bool = True) -> str:
    """Replace each literal space of a regex (outside ``[...]`` classes and escapes)
    with ``replacement``; with ``collapse`` a run of spaces is replaced once."""
    out: list[str] = []
    i, in_class = 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\" and i + 1 < len(pattern):
            out.append(pattern[i:i + 2])
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            if pattern[i + 1:i + 2] == "]" or pattern[i + 1:i + 3] == "^]":
                out.append(pattern[i:i + 2 + (pattern[i + 1] == "^")])
                i += 2 + (pattern[i + 1] == "^")
                continue
        elif ch == " ":
            while collapse and i + 1 < len(pattern) and pattern[i + 1] == " ":
                i += 1
            out.append(replacement)
            i += 1
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def flexible_spaces(pattern: str) -> str:
    """Let each run of literal spaces in a regex also match a line break, so
    hard-wrapped letters still match."""
    return replace_spaces(pattern, WRAP_SPACE)


def word_alternation(tokens: tuple[str, ...], *, ignorecase: bool, nonword: bool = False) -> RulePattern:
    """One regex for a list of fragments, word-bounded unless ``nonword`` (Vale's shape).
    A space in a fragment also matches a line break (see ``flexible_spaces``)."""
    body = "|".join(f"(?:{flexible_spaces(t)})" for t in tokens)
    pattern = f"(?:{body})" if nonword else rf"\b(?:{body})\b"
    # the phrases as written start with the same characters (unless one starts with a space)
    probe = None if any(t[:1].isspace() for t in tokens) else "|".join(f"(?:{t})" for t in tokens)
    try:
        return rule_regex(pattern, re.IGNORECASE if ignorecase else 0, probe=probe)
    except re.error as exc:
        # each token compiled alone; only the flexible spaces can break it (a space in a look-behind)
        raise RuleError("tokens", f"{exc}: a space in a look-behind cannot also match a line break; "
                                  "write it as [ ]") from None


@dataclass(frozen=True)
class KindSpec:
    """A rule kind: its name, its keys and how to build a Check from them."""

    name: str
    keys: Mapping[str, Key]
    build: Callable[[dict[str, Any], "BuildContext"], Check]
    summary: str = ""


@dataclass(frozen=True)
class BuildContext:
    """What a kind may know about the rule being built besides its own keys."""

    ignorecase: bool
    path: str = ""  # the rule file (a classifier's model folder is relative to it)
    message: str = ""  # the rule's message (the profile kind fills its {placeholders} per reader)


def iter_regex(pattern: RulePattern, scope: Scope, exceptions: tuple[RulePattern, ...] = ()) -> Iterator[tuple[Any, Unit]]:
    """All regex hits in a scope's units (offsets relative to ``unit.start``)."""
    for unit in scope.units:
        for m in pattern.finditer(unit.text):
            if m.end() == m.start():
                continue
            if any(e.fullmatch(m.group(0)) for e in exceptions):
                continue
            yield m, unit
