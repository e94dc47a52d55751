"""Errors that carry several one-line problems, reported together."""

from __future__ import annotations


class ProblemsError(Exception):
    """A list of ``path: key: problem`` lines, all found before giving up."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems
