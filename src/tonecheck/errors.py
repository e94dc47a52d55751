"""Errors that carry several one-line problems, reported together."""

from __future__ import annotations

import reprlib
from typing import Any

import yaml

_EXCERPT = reprlib.Repr()
_EXCERPT.maxstring = 60
_EXCERPT.maxother = 60
_EXCERPT.maxlist = _EXCERPT.maxtuple = _EXCERPT.maxdict = _EXCERPT.maxset = 4
_EXCERPT.maxlevel = 2


def excerpt(value: Any) -> str:
    """A short ``repr`` of a bad value for an error message: never more than
    about 80 characters, however large (or deep) the value is."""
    try:
        text = _EXCERPT.repr(value)
    except Exception:  # noqa: BLE001 - a value whose repr fails
        text = f"<{type(value).__name__}>"
    return text if len(text) <= 80 else text[:77] + "..."


class _StrictLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` that refuses aliases (``*name``): nine nested aliases
    in 1.2 kB expand to gigabytes (the "billion laughs"); no tonecheck file needs them."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(None, None, "aliases (*name) are not allowed in tonecheck files; "
                                              "write the value out", event.start_mark)
        return super().compose_node(parent, index)


# libyaml's parser, when PyYAML was built with it: the same SafeConstructor over
# nodes composed in C, several times faster than the pure-Python scanner (the
# shipped packs' 39 files took 0.3 s of a cold start to read).
_FAST_LOADER: Any = getattr(yaml, "CSafeLoader", None)


class _Refused(Exception):
    """The fast path found an alias: the strict loader says so in its own words."""


def _shares_a_node(root: Any) -> bool:
    """Whether a composed graph reaches one node twice: that is what an alias
    composes to (the anchored node itself), and a cycle is one too."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return True
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend((key, value))
    return False


def _load_fast(text: str) -> Any:
    loader = _FAST_LOADER(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if _shares_a_node(node):  # composed, never expanded: no billion laughs here
            raise _Refused
        return loader.construct_document(node)
    finally:
        loader.dispose()


def load_yaml(text: str) -> Any:
    """Parse one YAML document safely: no aliases, no unbounded nesting.
    Raises ``yaml.YAMLError`` with a one-line problem.

    Good files are read with libyaml when it is there; anything it refuses (or
    an alias) is read again by the strict pure-Python loader, so every problem
    is reported in the same words with or without libyaml."""
    if _FAST_LOADER is not None:
        try:
            return _load_fast(text)
        except (yaml.YAMLError, RecursionError, _Refused):
            pass
    try:
        return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a SafeLoader subclass
    except RecursionError:
        raise yaml.YAMLError("nested too deeply") from None


class ProblemsError(Exception):
    """A list of ``path: key: problem`` lines, all found before giving up."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def yaml_problem(exc: Exception) -> str:
    """A one-line description of a PyYAML error, with its line and column."""
    mark = getattr(exc, "problem_mark", None)
    at = f" (line {mark.line + 1}, column {mark.column + 1})" if mark is not None else ""
    problem = getattr(exc, "problem", None) or (str(exc).splitlines() or [type(exc).__name__])[0]
    return f"invalid YAML: {problem}{at}"
