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


def load_yaml(text: str) -> Any:
    """Parse one YAML document safely: no aliases, no unbounded nesting.
    Raises ``yaml.YAMLError`` with a one-line problem."""
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
