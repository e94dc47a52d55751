"""Every shipped and built-in regex stays linear on adversarial input.

Patterns are collected, not listed: the compiled patterns of every module of
the package (module attributes, and literal patterns passed to ``re``
functions anywhere in the source), and every pattern inside the checks of the
shipped rules.  Each is run over pumped strings (a word of the pattern, then a
long run of one filler, then a character that makes the match fail; and the
word and filler repeated) at growing lengths.  A pattern whose time at the
largest size stands out is measured at three sizes and must grow linearly.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import time
import types
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import pytest

import tonecheck
from tonecheck.kinds.regexes import RulePattern
from tonecheck.rules import load_rules

from .growth import FLOOR_SECONDS, assert_linear

FILLERS = (" ", "\t", "\n", " \n", "\r\n", "  \n ", "a", "a ", ".", "-", ",", "{", "<", "x ", "1")
SIZES = (2_000, 8_000, 32_000)
# Every pump is first run once at this size: linear work on it is well under
# FLOOR_SECONDS, quadratic work (about 10^7 to 10^8 steps) far above it.
SCREEN = 8_000
# The first screen: 2,000 characters take a linear pattern well under this.
SMALL = (125, 500, 2_000)
SMALL_SECONDS = 0.002
PACKAGE = Path(tonecheck.__file__).parent


def _patterns_in(obj: Any, seen: set[int], depth: int = 0) -> Iterator[re.Pattern[str]]:
    if id(obj) in seen or depth > 6:
        return
    seen.add(id(obj))
    if isinstance(obj, (re.Pattern, RulePattern)):  # a rule's pattern runs in the budgeted engine
        if isinstance(obj.pattern, str):
            yield obj  # type: ignore[misc]
        return
    if isinstance(obj, (str, bytes, int, float, bool, type)) or obj is None or callable(obj) and not hasattr(obj, "__dict__"):
        return
    if isinstance(obj, dict):
        items: Any = obj.values()
    elif isinstance(obj, (list, tuple, set, frozenset)):
        items = obj
    else:
        items = list(getattr(obj, "__dict__", {}).values())
        items += [getattr(obj, s, None) for s in getattr(type(obj), "__slots__", ())]
    for item in items:
        yield from _patterns_in(item, seen, depth + 1)


ANCHORED = frozenset({"match", "fullmatch"})


def _uses(tree: ast.AST) -> tuple[dict[str, set[str]], list[tuple[str, str]]]:
    """Methods called on each module-level name (``_X.match(...)``), and the
    literal patterns passed to ``re`` functions with the function's name
    (``re.compile`` literals are the module-level patterns, or chained)."""
    methods: dict[str, set[str]] = {}
    literals: list[tuple[str, str]] = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        owner = node.func.value
        if isinstance(owner, ast.Name) and owner.id != "re":
            methods.setdefault(owner.id, set()).add(node.func.attr)
        elif (isinstance(owner, ast.Name) and node.func.attr != "compile" and node.args and isinstance(node.args[0], ast.Constant)
              and isinstance(node.args[0].value, str)):
            literals.append((node.args[0].value, node.func.attr))
        elif (isinstance(owner, ast.Call) and isinstance(owner.func, ast.Attribute) and owner.func.attr == "compile"
              and isinstance(owner.func.value, ast.Name) and owner.func.value.id == "re" and owner.args
              and isinstance(owner.args[0], ast.Constant) and isinstance(owner.args[0].value, str)):
            literals.append((owner.args[0].value, node.func.attr))  # re.compile("...").match(...)
    return methods, literals


@dataclass(frozen=True)
class Use:
    """A pattern and whether its code only ever matches it at a fixed position."""

    pattern: re.Pattern[str]
    anchored: bool


def builtin_patterns() -> dict[str, Use]:
    found: dict[str, Use] = {}
    for info in pkgutil.walk_packages([str(PACKAGE)], "tonecheck."):
        module = importlib.import_module(info.name)
        if module.__file__ is None:
            continue
        methods, literals = _uses(ast.parse(Path(module.__file__).read_text()))
        for name, value in vars(module).items():
            if isinstance(value, (type, types.ModuleType)) or callable(value) and not isinstance(value, re.Pattern):
                continue
            called = methods.get(name, set())
            anchored = bool(called) and called <= ANCHORED and isinstance(value, re.Pattern)
            for pattern in _patterns_in(value, set()):
                found.setdefault(f"{info.name}.{name}: {pattern.pattern}", Use(pattern, anchored))
        for literal, function in literals:
            try:
                compiled = re.compile(literal)
            except re.error:  # a fragment of a pattern, not a pattern
                continue
            found.setdefault(f"{info.name}: {literal}", Use(compiled, function in ANCHORED))
    return found


def shipped_patterns() -> dict[str, Use]:
    found: dict[str, Use] = {}
    for rule in load_rules():
        for pattern in _patterns_in(rule.check, set()):
            found.setdefault(f"{rule.id}: {pattern.pattern}", Use(pattern, False))
    return found


def _words(pattern: str) -> list[str]:
    words = list(dict.fromkeys(w.lower() for w in re.findall(r"(?<![\\])[A-Za-z]{2,}", pattern)))
    return ["", *words[:3]]


def _pumps(pattern: re.Pattern[str]) -> Iterator[tuple[str, Any]]:
    for word in _words(pattern.pattern):
        for filler in FILLERS:
            yield f"{word!r}+{filler!r}*n+'1'", lambda n, w=word, f=filler: w + f * n + "1"
            if word:
                yield f"({word!r}+{filler!r})*n", lambda n, w=word, f=filler: (w + f) * (n // (len(w) + len(f)))


def _check(key: str, use: Use) -> None:
    pattern = use.pattern

    def run(text: str) -> None:
        if use.anchored:
            pattern.match(text)
            pattern.fullmatch(text)
            return
        for _ in pattern.finditer(text):
            pass

    for label, make in _pumps(pattern):
        # Screen small first, so a cubic pattern is caught at 2,000 characters
        # instead of running for hours at 8,000.
        if _once(run, make(SMALL[-1])) > SMALL_SECONDS:
            assert_linear(run, make, SMALL, f"{key} on {label}", repeat=3)
        if _once(run, make(SCREEN)) > FLOOR_SECONDS:
            assert_linear(run, make, SIZES, f"{key} on {label}", repeat=3)


def _once(run: Any, text: str) -> float:
    start = time.perf_counter()
    run(text)
    return time.perf_counter() - start


BUILTIN = builtin_patterns()
SHIPPED = shipped_patterns()


def test_patterns_were_collected() -> None:
    assert len(BUILTIN) > 40, sorted(BUILTIN)
    assert len(SHIPPED) >= 15  # the spaCy-pattern and metric rules hold no regex
    assert any("tonecheck-" in key for key in BUILTIN)  # suppression directives
    assert any(key.startswith("Business.Sugarcoating") for key in SHIPPED)


@pytest.mark.parametrize("key", sorted(BUILTIN))
def test_builtin_regex_is_linear(key: str) -> None:
    _check(key[:80], BUILTIN[key])


@pytest.mark.parametrize("key", sorted(SHIPPED))
def test_shipped_regex_is_linear(key: str) -> None:
    _check(key[:80], SHIPPED[key])
