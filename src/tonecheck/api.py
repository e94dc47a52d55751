"""The public Python API: lint text or paths with the shipped and extra packs."""

from __future__ import annotations

import os
from typing import BinaryIO, Iterable, Sequence

from .engine import Linter
from .finding import FileResult, Finding, Level
from .formats import format_for, read_letter
from .inputs import Input, collect
from .rules import Rule, load_rules, select_rules
from .source import SourceText


def make_linter(*, packs: Iterable[str | os.PathLike[str]] = (), select: Iterable[str] = (),
                ignore: Iterable[str] = (), model: str | None = None, shipped: bool = True,
                min_level: Level = Level.SUGGESTION, rules: Sequence[Rule] | None = None) -> Linter:
    """A Linter over the shipped packs plus ``packs``, filtered by ``select``/``ignore``.

    Raises ``RuleLoadError`` when a rule is invalid.  Reuse one Linter for many
    texts: the spaCy pipeline is loaded once, on first use.
    """
    loaded = list(rules) if rules is not None else load_rules(packs, shipped=shipped)
    return Linter(select_rules(loaded, select, ignore), model=model, min_level=min_level)


def lint_text(text: str, *, path: str = "<text>", format: str | None = None, genre: str | None = None,
              linter: Linter | None = None, **options: object) -> list[Finding]:
    """Lint a letter given as a string; returns its findings in source order.

    ``format`` is a reader name (default: from ``path``'s suffix, else plain
    text, and a template when the text has template syntax); ``genre`` is
    ``letter``, ``note`` or ``template`` (default: decided from the text);
    other keyword arguments go to ``make_linter``.
    """
    linter = linter or make_linter(**options)  # type: ignore[arg-type]
    letter = read_letter(SourceText(path, text), format or format_for(path) or "text", sniff=format is None,
                         genre=genre)
    return list(linter.lint_letter(letter).findings)


def lint_inputs(items: Sequence[Input], linter: Linter) -> list[FileResult]:
    """Read and lint inputs in order; unreadable ones come back as results with ``error`` set."""
    letters = []
    order: list[FileResult | None] = []
    for item in items:
        if item.note is not None:  # an empty file or folder: nothing to lint, not an error
            order.append(FileResult(item.path, notices=(item.note,)))
            continue
        if item.source is None:
            order.append(FileResult(item.path, error=item.error))
            continue
        try:
            letters.append(read_letter(item.source, item.format, sniff=item.sniff, genre=item.genre))
            order.append(None)
        except Exception as exc:  # a reader bug must not stop the run  # noqa: BLE001
            order.append(FileResult(item.path, error=f"cannot read this file: {exc}"))
    linted = iter(linter.lint_letters(letters))
    return [result if result is not None else next(linted) for result in order]


def lint_paths(paths: Iterable[str], *, linter: Linter | None = None, exclude: Iterable[str] = (),
               stdin: BinaryIO | None = None, stdin_filename: str | None = None,
               **options: object) -> list[FileResult]:
    """Lint files and folders (no configuration files are read; the CLI adds those).

    Unreadable inputs come back as results with ``error`` set.
    """
    linter = linter or make_linter(**options)  # type: ignore[arg-type]
    return lint_inputs(collect(paths, exclude=exclude, stdin=stdin, stdin_filename=stdin_filename), linter)
