"""One run of the ``check`` command, without the command line.

inputs -> configuration of each file -> rules of every configuration -> one
Linter (one spaCy load) -> findings -> per-file settings (rules off, levels,
min_level) -> inline suppressions -> baseline.  Filtering happens after the
engine, so the engine stays a plain rules x letters loop.

``check`` is the whole command: it owns the fix-then-lint-again loop, the
diff and the baseline file, and decides the exit code; the CLI only parses
options and prints what comes back.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from difflib import get_close_matches
from typing import BinaryIO, Callable, Iterable, Sequence

import io

from . import baseline as baseline_mod
from . import suppress
from .api import lint_inputs
from .cache import Cache, default_folder, digest, package_dir, tree_fingerprint, versions
from .config import Config, ConfigError, Defaults, FileSettings, Resolver, selector_matches
from .engine import Linter
from .finding import ExitCode, FileResult, Level
from .fixes import FixError, fixable_count, plan, unified_diff, write_plan
from .inputs import Input, collect
from .letter import Letter
from .profiles import ProfileBook, ProfileError, attach, check_to, load_folder
from .profiles import select as select_readers
from .nlp import ModelError, resolve_model
from .rules import Rule, expand_pack_dirs, load_rules, pack_dirs, rules_key, select_rules, selector_hint, shipped_packs
from .source import MAX_BYTES, size_text

STDIN = "-"
# A letter longer than this (characters) is announced before it is linted, with the time it
# will take: about SECONDS_PER_MB per megabyte on the machine of the benchmark (README, Performance).
BIG_LETTER = 1_000_000
SECONDS_PER_MB = 15


@dataclass
class Run:
    """What a run produced: results in input order, each file's settings and the rules."""

    results: list[FileResult]
    settings: dict[str, FileSettings]
    rules: list[Rule]
    linter: Linter
    inputs: list[Input] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)  # about the rules, e.g. what a Vale translation dropped
    problems: list[str] = field(default_factory=list)  # usage errors met while linting (exit 2)
    fail_never: bool = False  # --exit-zero, --fail-level never
    details: list[str] = field(default_factory=list)  # for -v: which reader each letter was checked against

    def fail_level(self, path: str) -> Level | None:
        """The level at which a file fails the run (None: never)."""
        if self.fail_never:
            return None
        settings = self.settings.get(path)
        return settings.fail_level if settings is not None else Level.ERROR

    def fail_levels(self) -> dict[str, Level | None]:
        return {r.path: self.fail_level(r.path) for r in self.results}

    def failed(self) -> bool:
        return any(r.failed(self.fail_level(r.path)) for r in self.results)

    def exit_code(self) -> ExitCode:
        if self.problems or any(r.error is not None for r in self.results):
            return ExitCode.ERROR
        return ExitCode.FINDINGS if self.failed() else ExitCode.OK


def _config_problems(configs: Sequence[Config], rules: Sequence[Rule]) -> list[str]:
    """Rule ids and pack names in configs that match nothing loaded."""
    ids = [r.id for r in rules]
    packs = sorted({r.pack for r in rules} | {p.name for p in shipped_packs()})
    problems = []
    for config in configs:
        for name in config.packs or ():
            if "/" not in name and not os.path.isabs(name) and name not in packs:
                hint = get_close_matches(name, packs, n=1)
                problems.append(f"{config.path}: packs: unknown pack {name!r}" + (f" (did you mean '{hint[0]}'?)" if hint else "")
                                + f"; shipped packs: {', '.join(p.name for p in shipped_packs())}, or give a folder path")
        selectors = [(f"rules.{k}", k) for k in config.rules]
        selectors += [(f"overrides[{i}].rules.{k}", k) for i, o in enumerate(config.overrides) for k in o.rules]
        for key, selector in selectors:
            if not any(selector_matches(i, selector) for i in ids):
                problems.append(f"{config.path}: {key}: unknown rule{selector_hint(selector, ids)}; see 'tonecheck rules'")
    return problems


def _settings_path(item: Input, stdin_filename: str | None) -> str:
    if item.path in ("<stdin>", stdin_filename):
        return stdin_filename or os.path.join(os.getcwd(), STDIN)
    return item.path


def apply_settings(result: FileResult, settings: FileSettings, enabled_packs: set[str] | None) -> FileResult:
    """Apply a file's configuration to its findings: rules off, new levels, min_level."""
    kept = []
    for f in result.findings:
        if enabled_packs is not None and f.rule.split(".", 1)[0] not in enabled_packs:
            continue
        level = settings.level_of(f.rule, f.level)
        if level is None or level < settings.min_level:
            continue
        kept.append(f if level == f.level else replace(f, level=level))
    return replace(result, findings=tuple(kept))


def _enabled_packs(config: Config, cli_packs: set[str]) -> set[str] | None:
    """Names of the packs a config turns on (None: every loaded pack).  A folder
    entry may be one pack or a folder of packs (a Vale ``StylesPath``)."""
    if config.packs is None:
        return None
    names = {entry for entry in config.packs if entry not in config.pack_dirs()}
    names |= {p.name for p in expand_pack_dirs(config.pack_dirs())[0]}
    return names | cli_packs


def _profile_books(configs: Sequence[Config], profiles_dir: str | None, to: Sequence[str],
                   rule_ids: Sequence[str]) -> dict[str, ProfileBook]:
    """The profile folders of the run (``--profiles`` or each configuration's),
    loaded and validated once each, with ``--to`` checked against every one.
    Raises ``ProfileError`` with every problem."""
    folders = [profiles_dir] if profiles_dir else list(dict.fromkeys(c.profiles for c in configs if c.profiles))
    books: dict[str, ProfileBook] = {}
    problems: list[str] = []
    for folder in folders:
        try:
            books[folder] = book = load_folder(folder)
        except ProfileError as exc:
            problems.extend(exc.problems)
            continue
        for profile in book.profiles.values():
            for selector in profile.rules:
                if not any(selector_matches(i, selector) for i in rule_ids):
                    problems.append(f"{profile.path}: rules.{selector}: unknown rule{selector_hint(selector, rule_ids)}; "
                                    "see 'tonecheck rules'")
    if problems:
        raise ProfileError(problems)
    if to and not books:
        check_to(None, to)
    for book in books.values():
        check_to(book, to)
    return books


def run(paths: Iterable[str], *, resolver: Resolver, packs: Iterable[str] = (), select: Iterable[str] = (),
        ignore: Iterable[str] = (), model: str | None = None, exclude: Iterable[str] = (),
        stdin: BinaryIO | None = None, stdin_filename: str | None = None, baseline: str | None = None,
        rules: Sequence[Rule] | None = None, linter: Linter | None = None, fail_never: bool = False,
        max_bytes: int = MAX_BYTES, to: Sequence[str] = (), profiles_dir: str | None = None,
        thorough: bool = False, cache: Cache | None = None, jobs: int = 1,
        say: Callable[[str], None] | None = None) -> Run:
    """Lint ``paths`` with per-file configuration.

    Each letter's readers are chosen after it is read and before it is linted:
    ``to`` (profile ids, ``--to``), else its ``To:`` header or front matter
    ``to:``, from ``profiles_dir`` (``--profiles``) or the profiles folder of
    its configuration.

    Raises ``ConfigError``, ``RuleLoadError``, ``ProfileError`` or
    ``BaselineError``; a bad input file is a result with ``error`` set.
    """
    known = baseline_mod.load(baseline) if baseline else None
    notices: list[str] = []
    items = collect(paths, exclude=exclude, stdin=stdin, stdin_filename=stdin_filename, max_bytes=max_bytes)
    kept: list[Input] = []
    settings: dict[str, FileSettings] = {}
    for item in items:
        if item.note:
            notices.append(f"{item.path}: {item.note}")
            continue
        where = _settings_path(item, stdin_filename)
        config = resolver.config_for(where)
        if item.path not in ("<stdin>", stdin_filename) and config.excludes(item.path):
            continue
        file_settings = settings[item.path] = resolver.settings_for(where)
        if file_settings.format is not None or file_settings.genre is not None:
            item = replace(item, format=file_settings.format or item.format, sniff=file_settings.format is None,
                           genre=file_settings.genre)
        kept.append(item)
    if say is not None:
        for item in kept:
            if item.source is not None and len(item.source.text) > BIG_LETTER:
                size = len(item.source.text.encode("utf-8", "surrogatepass"))
                say(f"tonecheck: {item.path} is {size_text(size)}; a letter this long takes about "
                    f"{max(1, round(size / 1e6 * SECONDS_PER_MB))} s to lint (lower --max-size to refuse such files at once)")
    configs = resolver.configs()
    if linter is not None:
        rules = linter.rules
    known_rules: Sequence[Rule] = rules or ()
    rules_fingerprint = None
    if rules is None:
        extra = list(dict.fromkeys(list(packs) + [d for c in configs for d in c.pack_dirs()]))
        known_rules = load_rules(extra, notices=notices, cache=cache)
        rules = select_rules(known_rules, select, ignore)
        rules_fingerprint = rules_key(pack_dirs(extra)[0]) if cache is not None else None
    # Checked against every loaded rule, before --select: a config may name rules
    # this run does not select.  A run that reuses a linter was checked already.
    config_problems = _config_problems(configs, known_rules) if linter is None else []
    if config_problems:
        raise ConfigError(config_problems)
    books = _profile_books(configs, profiles_dir, to, [r.id for r in known_rules] or [r.id for r in rules])
    model = model or next((c.model for c in configs if c.model), None)
    linter = linter or Linter(rules, model=model, thorough=thorough)
    details: list[str] = []

    def prepare(item: Input, letter: Letter) -> Letter:
        """Choose the letter's readers: reading the profiles happens here, never in a rule."""
        file_settings = settings.get(item.path)
        folder = profiles_dir or (file_settings.config.profiles if file_settings is not None else None)
        chosen = select_readers(books.get(folder) if folder else None, letter, to)
        details.append(f"{item.path}: {chosen.how}")
        keep = file_settings is not None and file_settings.origins.get("genre") == "command line"
        return attach(letter, chosen.profiles, keep_genre=keep)

    if cache is not None and rules_fingerprint is not None:
        key = run_key(rules_fingerprint, linter, configs)
        results = lint_inputs(kept, linter, prepare, cache=cache, run_key=key, jobs=jobs)
    else:  # a run handed its rules or linter (the API, the run after --fix): nothing to key them by
        results = lint_inputs(kept, linter, prepare, jobs=jobs)
    cli_packs = {p.name for p in expand_pack_dirs(list(packs))[0]}
    known_ids = [r.id for r in known_rules] or [r.id for r in rules]
    final = []
    problems: list[str] = []
    for result in results:
        if result.source is not None and result.path in settings:
            file_settings = settings[result.path]
            enabled = _enabled_packs(file_settings.config, cli_packs)
            result = apply_settings(result, file_settings, enabled)
            problems.extend(suppress.unknown_ids(result, known_ids))
            result = suppress.apply(result)
        final.append(result)
    if known is not None:
        final = baseline_mod.filter_results(final, known)
    return Run(final, settings, list(rules), linter, kept, notices, problems, fail_never, details)


def run_key(rules_fingerprint: str, linter: Linter, configs: Sequence[Config]) -> str:
    """What a letter's findings depend on besides the letter: the rule files and the
    rules chosen, the linter's settings, the configuration files, the spaCy and tone
    model files and the versions (``cache``)."""
    try:
        model = package_dir(resolve_model(linter.model))
    except ModelError:  # no pipeline installed: fine as long as no rule needs one
        model = None
    tone = sorted({c.spec.model.path for r in linter.rules for c in r.classifiers})
    return digest("results", versions(), rules_fingerprint, *sorted(r.id for r in linter.rules),
                  str(int(linter.min_level)), str(linter.thorough),
                  tree_fingerprint([c.path for c in configs if c.path]),
                  tree_fingerprint([model] if model is not None else []), tree_fingerprint(tone))


@dataclass(frozen=True)
class CheckOptions:
    """Everything ``tonecheck check`` is asked to do, as plain values."""

    paths: tuple[str, ...]
    packs: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    model: str | None = None
    exclude: tuple[str, ...] = ()
    stdin: bytes = b""
    stdin_filename: str | None = None
    config_path: str | None = None
    no_config: bool = False
    genre: str | None = None
    min_level: Level | None = None
    fail_level: Level | None = None
    fail_never: bool = False
    baseline: str | None = None
    write_baseline: str | None = None
    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False
    max_bytes: int = MAX_BYTES  # --max-size: larger files are refused before they are read
    to: tuple[str, ...] = ()  # --to: the ids of the letters' readers
    profiles_dir: str | None = None  # --profiles: the folder of recipient profiles
    thorough: bool = False  # --thorough: the tagger and parser on every sentence
    cache_dir: str | None = None  # --cache-dir (default: .tonecheck_cache here, or $TONECHECK_CACHE_DIR)
    no_cache: bool = False  # --no-cache
    jobs: int = 0  # --jobs: processes (0: as many as pay off for the number of files)


@dataclass
class CheckOutcome:
    """What ``check`` did: the final run, lines for stderr, a diff, the exit code,
    and how many findings of the final run ``--fix`` could fix (safe, unsafe)."""

    run: Run
    messages: list[str]
    diff: str
    exit_code: ExitCode
    fixable: tuple[int, int] = (0, 0)
    report: bool = True  # False when the command's output is the diff or the baseline


def check(options: CheckOptions, say: Callable[[str], None] | None = None) -> CheckOutcome:
    """Lint, fix and lint again, write or filter by a baseline, decide the exit code.

    Raises ``ConfigError``, ``RuleLoadError`` (bad rules or selectors),
    ``ProfileError``, ``ModelError`` and ``BaselineError``; bad input files are results with
    ``error`` set."""
    defaults = Defaults(options.min_level, options.fail_level, options.genre)

    def lint(linter: Linter | None = None) -> Run:
        resolver = Resolver(explicit=options.config_path, enabled=not options.no_config, defaults=defaults)
        return run(options.paths, resolver=resolver, packs=options.packs, select=options.select,
                   ignore=options.ignore, model=options.model, exclude=options.exclude,
                   stdin=io.BytesIO(options.stdin), stdin_filename=options.stdin_filename,
                   baseline=None if options.write_baseline else options.baseline, linter=linter,
                   fail_never=options.fail_never, max_bytes=options.max_bytes, to=options.to,
                   profiles_dir=options.profiles_dir, thorough=options.thorough, jobs=options.jobs,
                   say=say if linter is None else None,
                   cache=None if options.no_cache or linter is not None else Cache(default_folder(options.cache_dir)))

    result = lint()
    messages: list[str] = []
    fix_failed = False
    if options.fix or options.diff:
        stdin_name = (options.stdin_filename or "<stdin>") if "-" in options.paths else None
        fixes = {r.id: r.fix for r in result.rules}
        targets = [r for r in result.results if not r.path.startswith("<") and r.path != stdin_name]
        plans = plan(targets, fixes, unsafe=options.unsafe_fixes)
        if options.diff:
            text = "".join(unified_diff(p) for p in plans)
            return CheckOutcome(result, _messages(result), text, ExitCode.FINDINGS if plans else ExitCode.OK,
                                report=False)
        for fplan in plans:
            try:
                write_plan(fplan)
                n = len(fplan.edits)
                messages.append(f"tonecheck: fixed {n} finding{'s' if n != 1 else ''} in {fplan.path}")
            except FixError as exc:
                messages.append(str(exc))
                fix_failed = True
        if plans:
            result = lint(result.linter)
    messages = _messages(result) + messages
    if options.write_baseline:
        try:
            count = baseline_mod.write(options.write_baseline, result.results)
        except OSError as exc:
            raise baseline_mod.BaselineError(
                f"{options.write_baseline}: cannot write the baseline: {exc.strerror or exc}") from None
        messages.append(f"tonecheck: wrote {count} finding{'s' if count != 1 else ''} to {options.write_baseline}")
        code = ExitCode.ERROR if any(r.error is not None for r in result.results) else ExitCode.OK
        return CheckOutcome(result, messages, "", code, report=False)
    fixes = {r.id: r.fix for r in result.rules}
    counts = fixable_count(result.results, fixes)
    if fix_failed:  # a fix that could not be written is an error, whatever the findings
        messages.append("tonecheck: some fixes could not be written (see above); those files are unchanged")
        return CheckOutcome(result, messages, "", ExitCode.ERROR, counts)
    return CheckOutcome(result, messages, "", result.exit_code(), counts)


def _messages(result: Run) -> list[str]:
    """The run's lines for stderr: rule notices, unreadable files, reader notices, problems."""
    lines = list(result.notices)
    for item in result.results:
        if item.error is not None:
            lines.append(f"{item.path}: {item.error}")
        lines.extend(f"{item.path}: {notice}" for notice in item.notices)
    return lines + result.problems
