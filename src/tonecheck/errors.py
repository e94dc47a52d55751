"""Errors that carry several one-line problems, reported together."""

from __future__ import annotations


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
