"""Validation of spaCy token patterns, and the annotations they need."""

from __future__ import annotations

import json
import re
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Iterator

from ..errors import excerpt
from .base import RuleError

# Token attributes -> annotation a pattern using them needs.
_ATTR_NEEDS = {
    "LEMMA": "lemmas",
    "POS": "pos",
    "TAG": "pos",
    "MORPH": "pos",
    "DEP": "deps",
    "HEAD": "deps",
    "SENT_START": "sentences",
    "IS_SENT_START": "sentences",
    "ENT_TYPE": "entities",
    "ENT_IOB": "entities",
    "ENT_ID": "entities",
    "ENT_KB_ID": "entities",
}


# Whether patterns are also checked by spaCy itself (its schema, a DependencyMatcher).  Listing
# and explaining rules turn it off (``structural_only``), so they never import spaCy; a
# check run validates fully, and only fully validated rules are cached.
_SPACY_CHECKS: ContextVar[bool] = ContextVar("spacy_checks", default=True)


@contextmanager
def structural_only() -> Iterator[None]:
    """Within this block, spaCy patterns are checked for their shape and regexes only."""
    token = _SPACY_CHECKS.set(False)
    try:
        yield
    finally:
        _SPACY_CHECKS.reset(token)


def spacy_checks() -> bool:
    return _SPACY_CHECKS.get()


# Patterns already validated by spaCy in this load (a rule's genre variants repeat its
# patterns; validating each once saves most of a cold start).  Set by ``validation_memo()``.
_VALIDATED: ContextVar[set[str] | None] = ContextVar("validated_patterns", default=None)


@contextmanager
def validation_memo() -> Iterator[None]:
    """Within this block, a pattern spaCy has accepted once is not validated again."""
    token = _VALIDATED.set(set())
    try:
        yield
    finally:
        _VALIDATED.reset(token)


def _seen_valid(kind: str, pattern: Any) -> bool:
    memo = _VALIDATED.get()
    return memo is not None and f"{kind}:{json.dumps(pattern, sort_keys=True, default=str)}" in memo


def _mark_valid(kind: str, pattern: Any) -> None:
    memo = _VALIDATED.get()
    if memo is not None:
        memo.add(f"{kind}:{json.dumps(pattern, sort_keys=True, default=str)}")


def needs_of_token_pattern(pattern: list[dict[str, Any]]) -> set[str]:
    needs = {"tokens"}
    for token in pattern:
        for attr in token:
            if str(attr).upper() in _ATTR_NEEDS:
                needs.add(_ATTR_NEEDS[str(attr).upper()])
    return needs


def v_token_patterns(value: Any, key: str) -> tuple[list[dict[str, Any]], ...]:
    """A list of spaCy Matcher patterns, each validated by spaCy's own schema."""
    if not isinstance(value, list) or not value:
        raise RuleError(key, "expected a list of token patterns (each a list of token dicts)")
    for i, pattern in enumerate(value):
        if not isinstance(pattern, list) or not pattern or not all(isinstance(t, dict) for t in pattern):
            raise RuleError(f"{key}[{i}]", "expected a non-empty list of token dicts like {LOWER: word}")
        if not _SPACY_CHECKS.get():
            check_token_regexes(pattern, f"{key}[{i}]")
            continue
        if _seen_valid("token", pattern):
            continue
        from spacy.schemas import validate_token_pattern

        errors = validate_token_pattern(pattern)
        if errors:
            raise RuleError(f"{key}[{i}]", "invalid spaCy pattern: " + "; ".join(str(e) for e in errors))
        check_token_regexes(pattern, f"{key}[{i}]")
        _mark_valid("token", pattern)
    return tuple(value)


def check_token_regexes(node: Any, key: str) -> None:
    """Compile every ``REGEX`` value of a token pattern now, so a bad one is a load
    error naming the rule, not a crash in spaCy's matcher at lint time."""
    if isinstance(node, list):
        for j, item in enumerate(node):
            check_token_regexes(item, f"{key}[{j}]")
    elif isinstance(node, dict):
        for name, value in node.items():
            if name == "REGEX" and isinstance(value, str):
                try:
                    re.compile(value)
                except re.error as exc:
                    raise RuleError(f"{key}.REGEX", f"invalid regex {excerpt(value)}: {exc}") from None
            else:
                check_token_regexes(value, f"{key}.{name}")


def v_dependency_patterns(value: Any, key: str) -> tuple[list[dict[str, Any]], ...]:
    """A list of spaCy DependencyMatcher patterns, checked with DependencyMatcher itself."""
    if not isinstance(value, list) or not value:
        raise RuleError(key, "expected a list of dependency patterns (each a list of node dicts)")
    for i, pattern in enumerate(value):
        check_dependency_pattern(pattern, f"{key}[{i}]")
    return tuple(value)


def check_dependency_pattern(pattern: Any, key: str) -> None:
    """Raise RuleError unless ``pattern`` is a valid DependencyMatcher pattern."""
    if not isinstance(pattern, list) or not pattern or not all(isinstance(t, dict) for t in pattern):
        raise RuleError(key, "expected a non-empty list of node dicts (RIGHT_ID, RIGHT_ATTRS, LEFT_ID, REL_OP)")
    if not _SPACY_CHECKS.get():
        for j, node in enumerate(pattern):
            check_token_regexes(node.get("RIGHT_ATTRS", {}), f"{key}[{j}].RIGHT_ATTRS")
        return
    if _seen_valid("dependency", pattern):
        return
    from spacy.matcher import DependencyMatcher
    from spacy.schemas import validate_token_pattern
    from spacy.vocab import Vocab

    for j, node in enumerate(pattern):
        check_token_regexes(node.get("RIGHT_ATTRS", {}), f"{key}[{j}].RIGHT_ATTRS")
        attrs = node.get("RIGHT_ATTRS", {})
        errors = validate_token_pattern([attrs]) if isinstance(attrs, dict) else ["RIGHT_ATTRS must be a mapping"]
        if errors:
            raise RuleError(f"{key}[{j}].RIGHT_ATTRS", "invalid spaCy pattern: " + "; ".join(str(e) for e in errors))
    try:
        DependencyMatcher(Vocab(), validate=True).add("check", [pattern])
    except (ValueError, KeyError, TypeError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise RuleError(key, f"invalid dependency pattern: {first}") from None
    _mark_valid("dependency", pattern)


def needs_of_dependency_pattern(pattern: list[dict[str, Any]]) -> set[str]:
    needs = {"tokens", "deps"}
    for node in pattern:
        needs |= needs_of_token_pattern([node.get("RIGHT_ATTRS", {})])
    return needs
