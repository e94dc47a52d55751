"""Configuration: discover -> validate -> frozen ``Config`` -> settings for one file.

A configuration is a ``.tonecheck.yaml`` (or ``.tonecheck.yml``) file, or the
``[tool.tonecheck]`` table of a ``pyproject.toml``.  For each linted file the
nearest one found walking up from the file's folder wins; ``--config PATH``
uses one file for every input and ``--no-config`` ignores them all.

Keys (all optional)::

    packs: [Business, ./rules/Acme]   # shipped pack names and folders of your own rules
    rules: {Business.Hedging: off, Business.NonApology: error}
    min_level: suggestion             # hide findings below this level
    fail_level: error                 # exit 1 at or above this level
    model: en_core_web_sm             # spaCy pipeline
    exclude: ["archive/**"]           # globs, relative to the config file's folder
    profiles: profiles/               # a folder of recipient profiles (tonecheck.profiles)
    overrides:
      - files: "templates/**"         # glob or list of globs
        rules: {Business.Hedging: error}
        min_level: suggestion
        fail_level: warning

Problems are collected and raised as ``ConfigError`` lines ``path: key: problem``
that say what is allowed.  This module does not import spaCy or click.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from difflib import get_close_matches
from pathlib import Path, PurePosixPath
from typing import Any, Iterable, Mapping

import yaml

from .errors import ProblemsError, excerpt, load_yaml, yaml_problem
from .globs import glob_match
from .finding import LEVEL_NAMES, Level
from .finding import rule_matches as selector_matches
from .genres import AUTO, GENRE_NAMES

CONFIG_NAMES: tuple[str, ...] = (".tonecheck.yaml", ".tonecheck.yml")
PYPROJECT = "pyproject.toml"
OFF = "off"
TOP_KEYS: tuple[str, ...] = ("packs", "rules", "min_level", "fail_level", "model", "exclude", "genre", "overrides",
                             "profiles")
OVERRIDE_KEYS: tuple[str, ...] = ("files", "rules", "min_level", "fail_level", "genre", "format")
# Input readers a configuration may name for a glob (``format:``).
FORMAT_NAMES: tuple[str, ...] = ("text", "markdown", "html", "eml", "template")
RULE_VALUES: tuple[str, ...] = (OFF, *LEVEL_NAMES)


class ConfigError(ProblemsError):
    """Problems in configuration files: one ``path: key: problem`` line each."""


@dataclass(frozen=True)
class Override:
    """Settings for the files matching ``files`` (globs relative to the config folder)."""

    files: tuple[str, ...]
    rules: Mapping[str, Level | None] = field(default_factory=dict)
    min_level: Level | None = None
    fail_level: Level | None = None
    genre: str | None = None
    format: str | None = None


@dataclass(frozen=True)
class Config:
    """One validated configuration file.  ``path`` is empty for the built-in defaults."""

    path: str = ""
    root: str = "."
    packs: tuple[str, ...] | None = None  # None: every shipped pack
    rules: Mapping[str, Level | None] = field(default_factory=dict)  # None means off
    min_level: Level | None = None
    fail_level: Level | None = None
    model: str | None = None
    exclude: tuple[str, ...] = ()
    genre: str | None = None
    overrides: tuple[Override, ...] = ()
    profiles: str | None = None  # the folder of recipient profiles (absolute), when configured

    def relative(self, path: str) -> str:
        """``path`` relative to this config's folder, with forward slashes."""
        try:
            rel = os.path.relpath(os.path.abspath(path), self.root)
        except ValueError:  # another drive on Windows
            rel = path
        return PurePosixPath(*Path(rel).parts).as_posix() if rel else rel

    def excludes(self, path: str) -> bool:
        return any(glob_match(self.relative(path), pattern) for pattern in self.exclude)

    def pack_dirs(self) -> list[str]:
        """The folders of the team's own packs (pack entries that are not shipped names)."""
        return [p for p in self.packs or () if is_folder_entry(p)]


@dataclass(frozen=True)
class Defaults:
    """Settings given on the command line: they beat every file."""

    min_level: Level | None = None
    fail_level: Level | None = None
    genre: str | None = None  # --genre


@dataclass(frozen=True)
class FileSettings:
    """The effective settings for one file, with where each came from."""

    config: Config
    rules: Mapping[str, Level | None]
    min_level: Level
    fail_level: Level
    origins: Mapping[str, str]
    genre: str | None = None  # None or "auto": the letter's text decides
    format: str | None = None  # None: by suffix, and templates by their syntax

    def level_of(self, rule_id: str, default: Level) -> Level | None:
        """The level of a rule for this file, or None when it is off.

        Exact ids beat globs and pack names; later entries beat earlier ones.
        """
        if rule_id in self.rules:
            return self.rules[rule_id]
        level: Level | None = default
        for selector, value in self.rules.items():
            if selector != rule_id and selector_matches(rule_id, selector):
                level = value
        return level


def is_folder_entry(entry: str) -> bool:
    return "/" in entry or "\\" in entry or entry.startswith(".") or os.path.isabs(entry)


# ------------------------------------------------------------------ validate
def _hint(key: str, allowed: Iterable[str]) -> str:
    close = get_close_matches(str(key), list(allowed), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _level(value: Any, where: str, key: str, problems: list[str]) -> Level | None:
    if isinstance(value, str) and value.strip().lower() in LEVEL_NAMES:
        return Level.parse(value)
    problems.append(f"{where}: {key}: expected one of {', '.join(LEVEL_NAMES)}, got {excerpt(value)}")
    return None


def _globs(value: Any, where: str, key: str, problems: list[str]) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(i, str) and i.strip() for i in items):
        problems.append(f"{where}: {key}: expected a glob or a list of globs, got {excerpt(value)}")
        return ()
    return tuple(items)


def _rules(value: Any, where: str, key: str, problems: list[str]) -> dict[str, Level | None]:
    if not isinstance(value, dict):
        problems.append(f"{where}: {key}: expected a mapping of rule id (or Pack.*) to off, suggestion, warning or error")
        return {}
    out: dict[str, Level | None] = {}
    for rule_id, setting in value.items():
        text = "off" if setting is False else setting
        if not isinstance(rule_id, str) or not isinstance(text, str) or text.strip().lower() not in RULE_VALUES:
            problems.append(f"{where}: {key}.{rule_id}: expected one of {', '.join(RULE_VALUES)}, got {excerpt(setting)}")
            continue
        text = text.strip().lower()
        out[rule_id] = None if text == OFF else Level.parse(text)
    return out


def validate(data: Any, where: str, root: str) -> Config:
    """Validate a configuration mapping; raise ConfigError with every problem."""
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError([f"{where}: expected a mapping of settings ({', '.join(TOP_KEYS)})"])
    problems: list[str] = []
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in TOP_KEYS:
            problems.append(f"{where}: {key}: unknown key{_hint(str(key), TOP_KEYS)}; allowed: {', '.join(TOP_KEYS)}")
        elif value is None and key in ("rules", "exclude", "overrides"):
            continue  # a key left with only commented-out entries
        elif key == "packs":
            items = [value] if isinstance(value, str) else value
            if not isinstance(items, list) or not all(isinstance(i, str) and i.strip() for i in items):
                problems.append(f"{where}: packs: expected a list of shipped pack names or folders, got {excerpt(value)}")
                continue
            packs = []
            for item in items:
                if is_folder_entry(item):
                    folder = item if os.path.isabs(item) else os.path.normpath(os.path.join(root, item))
                    if not os.path.isdir(folder):
                        problems.append(f"{where}: packs: folder {excerpt(item)} not found (relative to {root})")
                    packs.append(folder)
                else:
                    packs.append(item)
            values["packs"] = tuple(packs)
        elif key == "rules":
            values["rules"] = _rules(value, where, "rules", problems)
        elif key in ("min_level", "fail_level"):
            values[key] = _level(value, where, key, problems)
        elif key == "model":
            if not isinstance(value, str) or not value.strip():
                problems.append(f"{where}: model: expected the name or path of a spaCy pipeline, got {excerpt(value)}")
            else:
                values["model"] = value
        elif key == "exclude":
            values["exclude"] = _globs(value, where, "exclude", problems)
        elif key == "genre":
            values["genre"] = _choice(value, where, "genre", GENRE_CHOICES, problems)
        elif key == "overrides":
            values["overrides"] = _overrides(value, where, problems)
        elif key == "profiles":
            if not isinstance(value, str) or not value.strip():
                problems.append(f"{where}: profiles: expected the folder of recipient profiles (relative to this "
                                f"file), got {excerpt(value)}")
                continue
            folder = value if os.path.isabs(value) else os.path.normpath(os.path.join(root, value))
            if not os.path.isdir(folder):
                problems.append(f"{where}: profiles: folder {excerpt(value)} not found (relative to {root})")
            values["profiles"] = folder
    if problems:
        raise ConfigError(problems)
    return Config(path=where, root=root, **values)


GENRE_CHOICES: tuple[str, ...] = (AUTO, *GENRE_NAMES)


def _choice(value: Any, where: str, key: str, allowed: tuple[str, ...], problems: list[str]) -> str | None:
    if isinstance(value, str) and value in allowed:
        return value
    shown = value if isinstance(value, str) and len(value) <= 40 else type(value).__name__
    problems.append(f"{where}: {key}: unknown value {shown!r}{_hint(str(value)[:40], allowed)}; "
                    f"expected one of {', '.join(allowed)}")
    return None


def _overrides(value: Any, where: str, problems: list[str]) -> tuple[Override, ...]:
    if not isinstance(value, list):
        problems.append(f"{where}: overrides: expected a list of {{files: GLOB, rules: {{...}}}} entries")
        return ()
    out = []
    for i, entry in enumerate(value):
        key = f"overrides[{i}]"
        if not isinstance(entry, dict):
            problems.append(f"{where}: {key}: expected a mapping with files and rules, min_level or fail_level")
            continue
        found: dict[str, Any] = {}
        for name, item in entry.items():
            if name not in OVERRIDE_KEYS:
                problems.append(f"{where}: {key}.{name}: unknown key{_hint(str(name), OVERRIDE_KEYS)}; "
                                f"allowed: {', '.join(OVERRIDE_KEYS)}")
            elif name == "files":
                found["files"] = _globs(item, where, f"{key}.files", problems)
            elif name == "rules":
                found["rules"] = _rules(item, where, f"{key}.rules", problems)
            elif name == "genre":
                found["genre"] = _choice(item, where, f"{key}.genre", GENRE_CHOICES, problems)
            elif name == "format":
                found["format"] = _choice(item, where, f"{key}.format", FORMAT_NAMES, problems)
            else:
                found[name] = _level(item, where, f"{key}.{name}", problems)
        if "files" not in entry:
            problems.append(f"{where}: {key}.files: required (the glob of the files this override applies to)")
            continue
        out.append(Override(**found))
    return tuple(out)


# ------------------------------------------------------------------ load
def _read_toml(path: Path) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    with path.open("rb") as handle:
        return tomllib.load(handle)


def load_config(path: str | os.PathLike[str]) -> Config:
    """Load and validate one configuration file (YAML, or a pyproject.toml)."""
    file = Path(path)
    where = str(path)
    root = str(file.resolve().parent)
    try:
        if file.name == PYPROJECT:
            try:
                data = _read_toml(file).get("tool", {}).get("tonecheck")
            except ValueError as exc:  # tomllib.TOMLDecodeError
                raise ConfigError([f"{where}: invalid TOML: {exc}"]) from None
            except RecursionError:
                raise ConfigError([f"{where}: invalid TOML: nested too deeply"]) from None
            if data is None:
                raise ConfigError([f"{where}: no [tool.tonecheck] table"])
        else:
            text = file.read_text(encoding="utf-8-sig")
            try:
                data = load_yaml(text)
            except yaml.YAMLError as exc:
                raise ConfigError([f"{where}: {yaml_problem(exc)}"]) from None
    except FileNotFoundError:
        raise ConfigError([f"{where}: configuration file not found"]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError([f"{where}: cannot read: {getattr(exc, 'strerror', None) or exc}"]) from None
    return validate(data, where, root)


def _has_tool_table(path: Path) -> bool:
    try:
        return "tonecheck" in _read_toml(path).get("tool", {})
    except OSError:
        return False
    except (ValueError, RecursionError):
        # invalid TOML: still the configuration when it names tonecheck's table,
        # so loading it reports the error instead of ignoring the file silently
        try:
            return b"tool.tonecheck" in path.read_bytes()
        except OSError:
            return False


def find_config_file(start: str | os.PathLike[str]) -> Path | None:
    """The nearest configuration file in ``start`` (a folder) or above it."""
    folder = Path(start).resolve()
    for candidate in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            if (candidate / name).is_file():
                return candidate / name
        pyproject = candidate / PYPROJECT
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
    return None


class Resolver:
    """Finds and caches the configuration of each linted file.

    ``explicit`` is a ``--config`` path; ``enabled=False`` is ``--no-config``.
    """

    def __init__(self, *, explicit: str | None = None, enabled: bool = True, defaults: Defaults = Defaults()) -> None:
        self.enabled = enabled
        self.defaults = defaults
        self._cache: dict[str, Config] = {}
        self._by_folder: dict[str, Config] = {}
        self.explicit = load_config(explicit) if explicit and enabled else None

    def config_for(self, path: str) -> Config:
        if self.explicit is not None:
            return self.explicit
        if not self.enabled:
            return Config()
        folder = os.path.dirname(os.path.abspath(path)) if not os.path.isdir(path) else os.path.abspath(path)
        if folder not in self._by_folder:
            found = find_config_file(folder)
            key = str(found) if found else ""
            if key not in self._cache:
                self._cache[key] = load_config(found) if found else Config()
            self._by_folder[folder] = self._cache[key]
        return self._by_folder[folder]

    def configs(self) -> list[Config]:
        """Every configuration met so far (for loading their packs)."""
        seen = list(self._cache.values())
        return [self.explicit, *seen] if self.explicit is not None else seen

    def settings_for(self, path: str) -> FileSettings:
        return settings_for(self.config_for(path), path, self.defaults)


def settings_for(config: Config, path: str, defaults: Defaults = Defaults()) -> FileSettings:
    """Merge a config, its matching overrides and the command line for one file."""
    origin = config.path or "defaults"
    rules = dict(config.rules)
    origins = {f"rules.{k}": origin for k in rules}
    min_level, fail_level = config.min_level, config.fail_level
    genre, fmt = config.genre, None
    origins["genre"] = origin if genre is not None else "defaults"
    origins["format"] = "defaults"
    origins["min_level"] = origin if min_level is not None else "defaults"
    origins["fail_level"] = origin if fail_level is not None else "defaults"
    rel = config.relative(path)
    for i, override in enumerate(config.overrides):
        if not any(glob_match(rel, g) for g in override.files):
            continue
        where = f"{origin} overrides[{i}] ({', '.join(override.files)})"
        for rule_id, level in override.rules.items():
            rules.pop(rule_id, None)
            rules[rule_id] = level
            origins[f"rules.{rule_id}"] = where
        if override.min_level is not None:
            min_level, origins["min_level"] = override.min_level, where
        if override.fail_level is not None:
            fail_level, origins["fail_level"] = override.fail_level, where
        if override.genre is not None:
            genre, origins["genre"] = override.genre, where
        if override.format is not None:
            fmt, origins["format"] = override.format, where
    if defaults.min_level is not None:
        min_level, origins["min_level"] = defaults.min_level, "command line"
    if defaults.fail_level is not None:
        fail_level, origins["fail_level"] = defaults.fail_level, "command line"
    if defaults.genre is not None:
        genre, origins["genre"] = defaults.genre, "command line"
    return FileSettings(config, rules, min_level or Level.SUGGESTION, fail_level or Level.ERROR, origins,
                        genre=genre, format=fmt)


def describe(settings: FileSettings, path: str) -> str:
    """The effective configuration of one file, as commented YAML."""
    config = settings.config
    lines = [f"# effective configuration for {path}",
             f"# from: {config.path or 'built-in defaults (no configuration file found)'}"]
    packs = list(config.packs) if config.packs is not None else ["(every shipped pack)"]
    lines.append("packs:")
    lines.extend(f"  - {p}" for p in packs)
    lines.append(f"min_level: {settings.min_level}  # {settings.origins['min_level']}")
    lines.append(f"fail_level: {settings.fail_level}  # {settings.origins['fail_level']}")
    lines.append(f"model: {config.model or 'auto'}")
    lines.append(f"genre: {settings.genre or AUTO}  # {settings.origins.get('genre', 'defaults')}")
    if config.profiles:
        lines.append(f"profiles: {config.profiles}")
    if settings.format:
        lines.append(f"format: {settings.format}  # {settings.origins.get('format', 'defaults')}")
    lines.append("exclude: [" + ", ".join(repr(e) for e in config.exclude) + "]")
    if settings.rules:
        lines.append("rules:")
        for rule_id, level in settings.rules.items():
            lines.append(f"  {rule_id}: {level if level is not None else OFF}  # {settings.origins[f'rules.{rule_id}']}")
    else:
        lines.append("rules: {}  # every rule at its own level")
    return "\n".join(lines) + "\n"


STARTER = """\
# tonecheck configuration: https://github.com/tonecheck/tonecheck#configuration
# tonecheck uses the nearest .tonecheck.yaml above each file it lints.

# Rule packs: shipped pack names and folders of your own YAML rules
# (folders are relative to this file).  Leave out to use every shipped pack.
packs:
  - Business
  # - ./styles/Acme

# Turn rules off or change their level: off, suggestion, warning or error.
# A pack name or glob (Business.*) sets every rule it matches.
rules:
  # Business.SelfFocus: off
  # Business.NonApology: error

# What kind of message the files are: letter (client letters), note
# (internal notes, short e-mails), template (transactional templates), or
# auto: decided per file from its text.  Letter-level rules (greeting,
# sign-off, gratitude, purpose, length) follow the genre.
# genre: auto

# A folder of recipient profiles (who each reader is, how they like to be
# written to), relative to this file; the Profile rules check letters to them.
# profiles: profiles/

# Hide findings below this level, and exit 1 at or above fail_level.
min_level: suggestion
fail_level: error

# Globs (relative to this file) that are never linted.
exclude:
  - "archive/**"

# Stricter settings for some files, e.g. the templates sent to every customer.
overrides:
  - files: "templates/**"
    fail_level: warning
    genre: template
    # format: template   # read as a template even without template syntax
"""


def write_starter(folder: str | os.PathLike[str] = ".", *, force: bool = False) -> Path:
    """Write a commented ``.tonecheck.yaml``; refuse to overwrite unless ``force``."""
    target = Path(folder) / CONFIG_NAMES[0]
    if target.exists() and not force:
        raise ConfigError([f"{target}: already exists (use --force to overwrite)"])
    target.write_text(STARTER, encoding="utf-8")
    return target
