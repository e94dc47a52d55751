"""Triggers: the words without which a rule that needs the tagger or parser cannot match.

The engine runs the tagger, lemmatizer and parser only on the sentences some
active rule's trigger hits (``--thorough`` runs them everywhere).  A trigger is
a conjunction: every one of its ``atoms`` must be met by some token of the
sentence; a rule with several patterns has one trigger per pattern (any may
fire).  An atom is met by a token whose lowercase form is in ``forms``, whose
form is an inflection of one of ``lemmas``, or that one of ``regexes`` finds.
A pattern with no literal word anywhere declares ``ALWAYS``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable

# The annotations only the tagger, lemmatizer, parser or NER give: what a trigger guards.
HEAVY: frozenset[str] = frozenset({"pos", "lemmas", "deps", "entities"})


@dataclass(frozen=True)
class Atom:
    """One required token: any of these forms, inflections of these lemmas, or regex hits."""

    forms: frozenset[str] = frozenset()
    lemmas: frozenset[str] = frozenset()
    regexes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Trigger:
    """Any of ``alternatives`` (each a conjunction of atoms); ``always``: no words to go by."""

    alternatives: tuple[tuple[Atom, ...], ...] = ()
    always: bool = False


ALWAYS = Trigger(always=True)


def _values(value: Any) -> tuple[frozenset[str], tuple[str, ...]] | None:
    """(literal values, regexes) of one attribute's constraint; None when it has neither."""
    if isinstance(value, str):
        return frozenset({value.lower()}), ()
    if isinstance(value, dict):
        if "IN" in value and isinstance(value["IN"], list):
            return frozenset(str(v).lower() for v in value["IN"]), ()
        if "REGEX" in value and isinstance(value["REGEX"], str) and len(value) == 1:
            return frozenset(), (value["REGEX"],)
    return None


def atom_of_token(token: dict[str, Any]) -> Atom | None:
    """The atom a token dict requires, from its LOWER/ORTH/TEXT or LEMMA key (None: any word)."""
    keys = {str(k).upper(): v for k, v in token.items()}
    for attr in ("LOWER", "ORTH", "TEXT"):
        found = _values(keys.get(attr)) if attr in keys else None
        if found is not None:
            forms, regexes = found
            # a regex on the cased text is tried, ignoring case, on the lowercase form: a superset
            return Atom(forms=forms, regexes=tuple(f"(?i:{r})" if attr != "LOWER" else r for r in regexes))
    if "LEMMA" in keys:
        found = _values(keys["LEMMA"])
        if found is not None and not found[1]:
            return Atom(lemmas=found[0])
    return None


def _required(token: dict[str, Any]) -> bool:
    op = str(token.get("OP", "1"))
    return op in ("1", "+") or bool(re.fullmatch(r"\{[1-9]\d*(,\d*)?\}", op))


def of_token_patterns(patterns: Iterable[list[dict[str, Any]]]) -> Trigger:
    """A token Matcher rule: each pattern needs all its required tokens' atoms."""
    alternatives = []
    for pattern in patterns:
        atoms = tuple(a for a in (atom_of_token(t) for t in pattern if _required(t)) if a is not None)
        if not atoms:
            return ALWAYS
        alternatives.append(atoms)
    return Trigger(tuple(alternatives)) if alternatives else ALWAYS


def of_dependency_patterns(patterns: Iterable[list[dict[str, Any]]]) -> Trigger:
    """A DependencyMatcher rule: every node of a pattern is required."""
    return of_token_patterns([[node.get("RIGHT_ATTRS", {}) for node in p] for p in patterns])


def combine(*triggers: Trigger | None) -> Trigger | None:
    """One trigger that fires when any of ``triggers`` does (None: none is needed)."""
    present = [t for t in triggers if t is not None]
    if not present:
        return None
    if any(t.always for t in present):
        return ALWAYS
    return Trigger(tuple(a for t in present for a in t.alternatives))
