"""The regexes of rules, with a time budget.

Rule patterns come from YAML files that anyone can write (``--rules``, a Vale
style); Python's ``re`` backtracks, so ``(a|aa)+$`` over 40 a's would run for
ages and cannot be interrupted.  Every rule pattern is therefore compiled with
the ``regex`` module in its ``re``-compatible mode (``V0``: the syntax and
semantics of ``re``), whose searches take a timeout.  A search that runs past
``BUDGET_SECONDS`` raises ``RuleTimeout``; the engine reports "rule X gave up
on FILE" and goes on with the other rules and files.  The shipped rules are
kept linear by ``tests/test_regex_growth.py``; the budget is for the rest.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Callable, Iterable, Iterator

import regex

from .firstchars import first_chars

BUDGET_SECONDS = 2.0

_FLAGS = ((re.IGNORECASE, regex.IGNORECASE), (re.MULTILINE, regex.MULTILINE), (re.DOTALL, regex.DOTALL),
          (re.VERBOSE, regex.VERBOSE), (re.ASCII, regex.ASCII))


class RuleTimeout(Exception):
    """A rule's regex ran past its time budget on one text."""


class RuleRegexError(RuleTimeout):
    """A shipped rule's regex, compiled on first use, does not compile (a rule being
    edited in ``rules/``): the rule is skipped and named, as a timed-out one is."""


def _regex_flags(flags: int) -> int:
    out = regex.V0
    for ours, theirs in _FLAGS:
        if flags & ours:
            out |= theirs
    return out


def _budgeted(call: Callable[..., Any]) -> Callable[..., Any]:
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return call(*args, timeout=BUDGET_SECONDS, **kwargs)
        except TimeoutError:
            raise RuleTimeout(f"a regex ran past its {BUDGET_SECONDS:g} s budget") from None
    return run


# The shipped packs' patterns are proven linear (tests/test_regex_growth.py), so they run on
# ``re`` without a budget: compiling them with the budgeted engine would cost most of a
# second at every start.  ``trusted_patterns()`` marks the rules being loaded as shipped.
_TRUSTED: ContextVar[bool] = ContextVar("trusted_patterns", default=False)


@contextmanager
def trusted_patterns() -> Iterator[None]:
    token = _TRUSTED.set(True)
    try:
        yield
    finally:
        _TRUSTED.reset(token)


# Rule regexes compiled in this load, by (pattern, flags, trusted): a rule's genre variants
# repeat its patterns.  Set by ``compile_memo()``.
_COMPILED: ContextVar["dict[tuple[str, int, bool], RulePattern] | None"] = ContextVar("compiled_patterns", default=None)


@contextmanager
def compile_memo() -> Iterator[None]:
    """Within this block, a rule regex is compiled once however many rules use it."""
    token = _COMPILED.set({})
    try:
        yield
    finally:
        _COMPILED.reset(token)


def _lookahead(pattern: str, flags: int, probe: str | None) -> str:
    """A shipped pattern's look-ahead on its first characters (kinds.firstchars), or ""."""
    chars = first_chars(probe if probe is not None else pattern, flags)
    if chars and probe is not None and "\\ " in chars:  # a phrase's space may be a tab or a line break
        chars = chars[:-1] + "\\s]"
    return f"(?={chars})" if chars else ""


class RulePattern:
    """A rule regex with ``re.Pattern``'s methods, each under the budget (unless
    ``budgeted`` is off: a shipped rule's, run with ``re``).

    It compiles on first use, and a pickled one (the rule cache) keeps only its
    source and look-ahead, so loading cached rules compiles nothing.  A shipped
    pattern (proven by the test suite) is not compiled at load at all: a letter
    compiles only the patterns its rules reach, and a short letter reaches few."""

    __slots__ = ("pattern", "flags", "budgeted", "_lookahead", "_probe", "_compiled")

    def __init__(self, pattern: str, flags: int = 0, *, budgeted: bool = True, compiled: Any = None,
                 lookahead: str | None = "", probe: str | None = None) -> None:
        self.pattern = pattern
        self.flags = flags
        self.budgeted = budgeted
        self._lookahead = lookahead  # None: not read yet (a shipped pattern's, from ``_probe``)
        self._probe = probe
        self._compiled: Any = compiled

    @property
    def lookahead(self) -> str:
        if self._lookahead is None:
            self._lookahead = _lookahead(self.pattern, self.flags, self._probe)
        return self._lookahead

    @property
    def compiled(self) -> Any:
        if self._compiled is None:
            if self.budgeted:
                self._compiled = regex.compile(self.pattern, _regex_flags(self.flags))
            else:
                try:
                    self._compiled = re.compile(self.lookahead + self.pattern, self.flags)
                except re.error as exc:
                    raise RuleRegexError(f"its regex does not compile: {exc}") from None
        return self._compiled

    def __getstate__(self) -> tuple[str, int, bool, str]:
        return self.pattern, self.flags, self.budgeted, self.lookahead

    def __setstate__(self, state: tuple[str, int, bool, str]) -> None:
        self.pattern, self.flags, self.budgeted, self._lookahead = state
        self._probe = None
        self._compiled = None

    def __getattr__(self, name: str) -> Any:  # groups, groupindex and the rest, unbudgeted as they never search
        if name.startswith("__") or name in RulePattern.__slots__:
            raise AttributeError(name)
        return getattr(self.compiled, name)

    def _call(self, method: str, *args: Any) -> Any:
        call = getattr(self.compiled, method)
        return _budgeted(call)(*args) if self.budgeted else call(*args)

    def search(self, text: str, *args: Any) -> Any:
        return self._call("search", text, *args)

    def match(self, text: str, *args: Any) -> Any:
        return self._call("match", text, *args)

    def fullmatch(self, text: str, *args: Any) -> Any:
        return self._call("fullmatch", text, *args)

    def findall(self, text: str, *args: Any) -> Any:
        return self._call("findall", text, *args)

    def sub(self, repl: Any, text: str, count: int = 0) -> str:
        return self._call("sub", repl, text, count)

    def finditer(self, text: str, *args: Any) -> Iterator[Any]:
        if not self.budgeted:
            yield from self.compiled.finditer(text, *args)
            return
        matches = _budgeted(self.compiled.finditer)(text, *args)
        while True:
            try:
                yield next(matches)
            except StopIteration:
                return
            except TimeoutError:
                raise RuleTimeout(f"a regex ran past its {BUDGET_SECONDS:g} s budget") from None

    def __repr__(self) -> str:
        return f"RulePattern({self.pattern!r}, {self.flags})"


def rule_regex(pattern: str, flags: int = 0, *, probe: str | None = None) -> RulePattern:
    """Compile a rule's pattern: ``re`` first (its error messages and syntax are
    the contract), then the budgeted engine.  Raises ``re.error``.  ``probe`` is a
    shorter regex whose matches start with the same characters (the phrases of an
    alternation before their spaces are made flexible), read for the look-ahead."""
    memo = _COMPILED.get()
    key = (pattern, flags, _TRUSTED.get())
    if memo is not None and key in memo:
        return memo[key]
    made = _rule_regex(pattern, flags, probe)
    if memo is not None:
        memo[key] = made
    return made


def _rule_regex(pattern: str, flags: int = 0, probe: str | None = None) -> RulePattern:
    if _TRUSTED.get():
        # a shipped pattern runs behind the look-ahead on its first characters (kinds.firstchars),
        # both made on its first use
        return RulePattern(pattern, flags, budgeted=False, lookahead=None, probe=probe)
    re.compile(pattern, flags)
    try:
        return RulePattern(pattern, flags, compiled=regex.compile(pattern, _regex_flags(flags)))
    except regex.error as exc:
        raise re.error(str(exc)) from None


def rule_patterns(roots: Iterable[Any]) -> Iterator[RulePattern]:
    """Every rule regex reachable from ``roots`` (rules, their checks and the containers
    these hold; tonecheck's own objects only), each once."""
    seen: set[int] = set()
    stack = list(roots)
    while stack:
        item = stack.pop()
        if id(item) in seen or item is None or isinstance(item, (str, bytes, int, float, bool)):
            continue
        seen.add(id(item))
        if isinstance(item, RulePattern):
            yield item
        elif isinstance(item, (tuple, list, set, frozenset)):
            stack.extend(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif type(item).__module__.startswith("tonecheck."):
            stack.extend(getattr(item, "__dict__", {}).values())
            stack.extend(getattr(item, name) for cls in type(item).__mro__
                         for name in getattr(cls, "__slots__", ()) if hasattr(item, name))


def compile_all(roots: Iterable[Any]) -> int:
    """Compile every rule regex reachable from ``roots``: what a process does before it
    forks workers, so they do not each compile the patterns its warm-up letter did not
    reach.  Returns how many patterns it compiled."""
    touched = 0
    for pattern in rule_patterns(roots):
        pattern.compiled  # noqa: B018 - compiles it
        touched += 1
    return touched
