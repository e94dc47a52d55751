"""One run of the ``check`` command, without the command line.

inputs -> configuration of each file -> rules of every configuration -> one
Linter (one spaCy load) -> findings -> per-file settings (rules off, levels,
min_level) -> inline suppressions -> baseline.  Filtering happens after the
engine, so the engine stays a plain rules x letters loop.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from difflib import get_close_matches
from typing import BinaryIO, Iterable, Sequence

from . import baseline as baseline_mod
from . import suppress
from .config import Config, ConfigError, FileSettings, Resolver, selector_matches
from .api import lint_inputs
from .engine import Linter
from .finding import FileResult, Level
from .formats import format_for
from .inputs import Input, collect
from .rules import Rule, expand_pack_dirs, load_rules, select_rules, shipped_packs
from .source import MAX_BYTES

STDIN = "-"


@dataclass
class Run:
    """What a run produced: results in input order, each file's settings and the rules."""

    results: list[FileResult]
    settings: dict[str, FileSettings]
    rules: list[Rule]
    linter: Linter
    inputs: list[Input] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)  # about the rules, e.g. what a Vale translation dropped

    def fail_level(self, path: str) -> Level:
        settings = self.settings.get(path)
        return settings.fail_level if settings is not None else Level.ERROR

    def failed(self) -> bool:
        return any(f.level >= self.fail_level(r.path) for r in self.results for f in r.findings)


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
                hint = get_close_matches(selector, ids, n=1)
                problems.append(f"{config.path}: {key}: unknown rule" + (f" (did you mean '{hint[0]}'?)" if hint else "")
                                + "; see 'tonecheck rules'")
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


def run(paths: Iterable[str], *, resolver: Resolver, packs: Iterable[str] = (), select: Iterable[str] = (),
        ignore: Iterable[str] = (), model: str | None = None, exclude: Iterable[str] = (),
        stdin: BinaryIO | None = None, stdin_filename: str | None = None, baseline: str | None = None,
        rules: Sequence[Rule] | None = None, linter: Linter | None = None, max_bytes: int = MAX_BYTES) -> Run:
    """Lint ``paths`` with per-file configuration.

    Raises ``ConfigError``, ``RuleLoadError`` or ``BaselineError``; a bad input
    file is a result with ``error`` set.
    """
    known = baseline_mod.load(baseline) if baseline else None
    notices: list[str] = []
    items = collect(paths, exclude=exclude, stdin=stdin, stdin_filename=stdin_filename, max_bytes=max_bytes)
    kept: list[Input] = []
    settings: dict[str, FileSettings] = {}
    for item in items:
        where = _settings_path(item, stdin_filename)
        config = resolver.config_for(where)
        if item.path not in ("<stdin>", stdin_filename) and config.excludes(item.path):
            continue
        file_settings = settings[item.path] = resolver.settings_for(where)
        if file_settings.format is not None or file_settings.genre is not None:
            item = replace(item, format=file_settings.format or item.format, sniff=file_settings.format is None,
                           genre=file_settings.genre)
        kept.append(item)
    configs = resolver.configs()
    if linter is not None:
        rules = linter.rules
    known_rules: Sequence[Rule] = rules or ()
    if rules is None:
        extra = list(packs) + [d for c in configs for d in c.pack_dirs()]
        known_rules = load_rules(dict.fromkeys(extra), notices=notices)
        rules = select_rules(known_rules, select, ignore)
    # Checked against every loaded rule, before --select: a config may name rules
    # this run does not select.  A run that reuses a linter was checked already.
    problems = _config_problems(configs, known_rules) if linter is None else []
    if problems:
        raise ConfigError(problems)
    model = model or next((c.model for c in configs if c.model), None)
    linter = linter or Linter(rules, model=model)
    results = lint_inputs(kept, linter)
    cli_packs = {p.name for p in expand_pack_dirs(list(packs))[0]}
    final = []
    for result in results:
        if result.source is not None and result.path in settings:
            file_settings = settings[result.path]
            enabled = _enabled_packs(file_settings.config, cli_packs)
            result = apply_settings(result, file_settings, enabled)
            result = suppress.apply(result, format_for(result.path) or "text")
        final.append(result)
    if known is not None:
        final = baseline_mod.filter_results(final, known)
    return Run(final, settings, list(rules), linter, kept, notices)
