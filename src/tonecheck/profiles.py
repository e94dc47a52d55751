"""Recipient profiles: who a letter is for, read before linting.

A profile is a YAML file in the folder the configuration names (``profiles:
profiles/``), written and kept by the team in its own repository; tonecheck
reads it locally and never sends it anywhere (this module imports no network
code) nor logs it whole (error lines quote at most a short excerpt of a value).
::

    id: hartwell
    name: Dana Hartwell
    address_as: Ms. Hartwell          # what the greeting should use
    match: [dana.hartwell@hartwell.example, "@hartwell.example"]
    formality: formal                 # formal | neutral | casual
    detail: big-picture               # big-picture | detailed
    max_words: 150
    avoid:
      - phrase: steak dinner
        reason: prefers a working lunch to evening entertainment
    sign_off: "Best regards,"
    genre: complaint-reply            # the genre of the letters this reader gets
    rules: {Business.Hedging: off}    # levels for this reader, as in the configuration
    fields: {account: HW-2231}        # the team's own fields, for its own rules

The flow stays one-directional: a letter is read, its readers are chosen
(``--to ID``, the e-mail's ``To:`` header, or ``to:`` in Markdown front
matter) and attached to it (``Letter.profiles``), and only then is it linted;
the ``profile`` rule kind reads the attached profiles, merged over the
settings of their genre (``readers``).

This module imports only the model (letter, finding, errors) and genres.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from difflib import get_close_matches
from email.utils import getaddresses
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

import yaml

from .errors import ProblemsError, excerpt, load_yaml, yaml_problem
from .finding import LEVEL_NAMES, Level, rule_matches
from .genres import GENRE_NAMES, GENRES, SETTING_NAMES, lineage
from .letter import Letter

PROFILE_SUFFIXES = (".yml", ".yaml")
FORMALITIES: tuple[str, ...] = ("formal", "neutral", "casual")
DETAILS: tuple[str, ...] = ("big-picture", "detailed")
# Genres a reader may receive (a template is not written to one reader).
PROFILE_GENRES: tuple[str, ...] = tuple(g for g in GENRE_NAMES if g != "template")
PROFILE_KEYS: tuple[str, ...] = ("id", "name", "address_as", "match", "formality", "detail", *SETTING_NAMES,
                                 "avoid", "sign_off", "genre", "rules", "fields")
# Levels a reader's formality implies, before the profile's own ``rules:``: chummy
# wording is a matter of taste with a casual reader, not a lapse.
FORMALITY_LEVELS: Mapping[str, Mapping[str, Level]] = {
    "casual": {"Business.Overfamiliar": Level.SUGGESTION},
}
_ID = re.compile(r"^[A-Za-z0-9][\w.-]*$")
# dot-separated labels, so a run of dots cannot be split in many ways
_ADDRESS = re.compile(r"^[^@\s]+@[^@\s.]+(?:\.[^@\s.]+)+$")
_DOMAIN = re.compile(r"^@[^@\s.]+(?:\.[^@\s.]+)+$")
_FIELD_NAME = re.compile(r"^[A-Za-z_]\w*$")


class ProfileError(ProblemsError):
    """Problems in recipient profiles or in choosing them: one ``path: key: problem`` line each."""


@dataclass(frozen=True)
class Avoid:
    """Something the reader would rather not be offered, and why."""

    phrase: str
    reason: str = ""


@dataclass(frozen=True)
class Profile:
    """One validated recipient profile.  Settings left out are ``None`` / empty:
    the checks that need them do not run for this reader."""

    id: str
    path: str = ""
    name: str = ""
    address_as: str = ""
    match: tuple[str, ...] = ()
    formality: str = ""
    detail: str = ""
    max_words: int | None = None
    min_words: int | None = None
    min_questions: int | None = None
    max_questions: int | None = None
    avoid: tuple[Avoid, ...] = ()
    sign_off: str = ""
    genre: str = ""
    rules: Mapping[str, Level | None] = field(default_factory=dict)
    fields: Mapping[str, str] = field(default_factory=dict)

    def setting(self, name: str) -> int | None:
        value = getattr(self, name)
        return value if isinstance(value, int) else None

    def level_of(self, rule_id: str, default: Level) -> Level | None:
        """The level of a rule in a letter to this reader (None: off): the
        profile's ``rules:`` (exact ids beat globs), else its formality's."""
        if rule_id in self.rules:
            return self.rules[rule_id]
        level: Level | None = FORMALITY_LEVELS.get(self.formality, {}).get(rule_id, default)
        for selector, value in self.rules.items():
            if rule_matches(rule_id, selector):
                level = value
        return level

    def describe(self) -> str:
        """The profile as YAML-like lines, for ``tonecheck profile ID``."""
        lines = [f"# {self.path}" if self.path else "# (inline profile)", f"id: {self.id}"]
        for key in PROFILE_KEYS[1:]:
            value = getattr(self, key)
            if value in (None, "", (), {}):
                continue
            if key == "avoid":
                lines.append("avoid:")
                for item in value:
                    lines.append(f"  - phrase: {item.phrase}" + (f"\n    reason: {item.reason}" if item.reason else ""))
            elif key == "match":
                lines.append("match: [" + ", ".join(value) + "]")
            elif key == "rules":
                lines.append("rules: {" + ", ".join(f"{k}: {v if v is not None else 'off'}" for k, v in value.items()) + "}")
            elif key == "fields":
                lines.append("fields: {" + ", ".join(f"{k}: {v}" for k, v in value.items()) + "}")
            else:
                lines.append(f"{key}: {value}")
        return "\n".join(lines) + "\n"


# ------------------------------------------------------------------ validation
def _excerpt(value: Any) -> str:
    """A short repr of a bad value: an error line never carries a profile whole."""
    return excerpt(value)


def _hint(value: str, allowed: Iterable[str]) -> str:
    close = get_close_matches(value, list(allowed), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _text(value: Any, where: str, key: str, problems: list[str]) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)) or not str(value).strip():
        problems.append(f"{where}: {key}: expected a non-empty string, got {_excerpt(value)}")
        return ""
    text = str(value).strip()
    if "\n" in text:
        problems.append(f"{where}: {key}: expected one line, got several")
        return ""
    return text


def _choice(value: Any, where: str, key: str, allowed: Sequence[str], problems: list[str]) -> str:
    if isinstance(value, str) and value in allowed:
        return value
    hint = _hint(value, allowed) if isinstance(value, str) else ""
    problems.append(f"{where}: {key}: unknown value {_excerpt(value)}{hint}; expected one of {', '.join(allowed)}")
    return ""


def _count(value: Any, where: str, key: str, problems: list[str]) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        problems.append(f"{where}: {key}: expected a whole number of 0 or more, got {_excerpt(value)}")
        return None
    return value


def _match(value: Any, where: str, problems: list[str]) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list):
        problems.append(f"{where}: match: expected a list of addresses and @domains, got {_excerpt(value)}")
        return ()
    out = []
    for i, item in enumerate(items):
        if not isinstance(item, str) or not (_ADDRESS.match(item.strip()) or _DOMAIN.match(item.strip())):
            problems.append(f"{where}: match[{i}]: expected an address (name@example.com) or a domain "
                            f"(@example.com), got {_excerpt(item)}")
            continue
        out.append(item.strip().lower())
    return tuple(out)


def _avoid(value: Any, where: str, problems: list[str]) -> tuple[Avoid, ...]:
    if not isinstance(value, list):
        problems.append(f"{where}: avoid: expected a list of {{phrase, reason}} entries, got {_excerpt(value)}")
        return ()
    out = []
    for i, item in enumerate(value):
        key = f"avoid[{i}]"
        if isinstance(item, str):
            item = {"phrase": item}
        if not isinstance(item, dict):
            problems.append(f"{where}: {key}: expected a phrase or a mapping with phrase and reason, got {_excerpt(item)}")
            continue
        for name in item:
            if name not in ("phrase", "reason"):
                problems.append(f"{where}: {key}.{name}: unknown key{_hint(str(name), ('phrase', 'reason'))}; "
                                "allowed: phrase, reason")
        if "phrase" not in item:
            problems.append(f"{where}: {key}.phrase: required (what the reader would rather not be offered)")
            continue
        phrase = _text(item["phrase"], where, f"{key}.phrase", problems)
        reason = _text(item["reason"], where, f"{key}.reason", problems) if "reason" in item else ""
        if phrase:
            out.append(Avoid(phrase, reason))
    return tuple(out)


def _rules(value: Any, where: str, problems: list[str]) -> dict[str, Level | None]:
    allowed = ("off", *LEVEL_NAMES)
    if not isinstance(value, dict):
        problems.append(f"{where}: rules: expected a mapping of rule id (or Pack.*) to {', '.join(allowed)}")
        return {}
    out: dict[str, Level | None] = {}
    for rule_id, setting in value.items():
        text = "off" if setting is False else setting
        if not isinstance(rule_id, str) or not isinstance(text, str) or text.strip().lower() not in allowed:
            problems.append(f"{where}: rules.{rule_id}: expected one of {', '.join(allowed)}, got {_excerpt(setting)}")
            continue
        out[rule_id] = None if text.strip().lower() == "off" else Level.parse(text)
    return out


def _fields(value: Any, where: str, problems: list[str]) -> dict[str, str]:
    if not isinstance(value, dict):
        problems.append(f"{where}: fields: expected a mapping of field name to text, got {_excerpt(value)}")
        return {}
    out: dict[str, str] = {}
    for name, item in value.items():
        if not isinstance(name, str) or not _FIELD_NAME.match(name):
            problems.append(f"{where}: fields.{name}: a field name is letters, digits and _ (not starting with a digit)")
        elif name in PROFILE_KEYS:
            problems.append(f"{where}: fields.{name}: '{name}' is a profile key; give the field another name")
        else:
            text = _text(item, where, f"fields.{name}", problems)
            if text:
                out[name] = text
    return out


def validate(data: Any, where: str, *, default_id: str = "", require_id: bool = True) -> Profile:
    """Validate a profile mapping; raise ProfileError with every problem, one line each."""
    if not isinstance(data, dict):
        kind = "empty" if data is None else type(data).__name__
        raise ProfileError([f"{where}: a profile must be a mapping of keys ({', '.join(PROFILE_KEYS)}), got {kind}"])
    problems: list[str] = []
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in PROFILE_KEYS:
            problems.append(f"{where}: {key}: unknown key{_hint(str(key), PROFILE_KEYS)}; "
                            f"allowed: {', '.join(PROFILE_KEYS)}")
        elif key == "id":
            text = _text(value, where, key, problems)
            if text and not _ID.match(text):
                problems.append(f"{where}: id: expected letters, digits, '.', '-' or '_', got {_excerpt(text)}")
            elif text:
                values["id"] = text
        elif key in ("name", "address_as", "sign_off"):
            values[key] = _text(value, where, key, problems)
        elif key == "match":
            values["match"] = _match(value, where, problems)
        elif key == "formality":
            values[key] = _choice(value, where, key, FORMALITIES, problems)
        elif key == "detail":
            values[key] = _choice(value, where, key, DETAILS, problems)
        elif key == "genre":
            values[key] = _choice(value, where, key, PROFILE_GENRES, problems)
        elif key in SETTING_NAMES:
            values[key] = _count(value, where, key, problems)
        elif key == "avoid":
            values["avoid"] = _avoid(value, where, problems)
        elif key == "rules":
            values["rules"] = _rules(value, where, problems)
        elif key == "fields":
            values["fields"] = _fields(value, where, problems)
    for low, high in (("min_words", "max_words"), ("min_questions", "max_questions")):
        if isinstance(values.get(low), int) and isinstance(values.get(high), int) and values[low] > values[high]:
            problems.append(f"{where}: {low}: {values[low]} is more than {high} ({values[high]})")
    if "id" not in values and "id" not in data:
        if require_id or not default_id:
            problems.append(f"{where}: id: required key is missing (the name --to and 'tonecheck profile' use)")
        values["id"] = default_id
    if problems:
        raise ProfileError(problems)
    return Profile(path=where, **values)


def load_profile(path: str | os.PathLike[str]) -> Profile:
    """Read and validate one profile file."""
    where = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ProfileError([f"{where}: cannot read: {getattr(exc, 'strerror', None) or exc}"]) from None
    try:
        data = load_yaml(text)  # safe, and aliases refused, as for rule files
    except yaml.YAMLError as exc:
        raise ProfileError([f"{where}: {yaml_problem(exc)}"]) from None
    return validate(data, where)


# ------------------------------------------------------------------ a folder of profiles
@dataclass(frozen=True)
class ProfileBook:
    """The validated profiles of one folder, by id, with the index of their
    ``match`` entries (each entry belongs to one profile)."""

    folder: str
    profiles: Mapping[str, Profile]
    by_entry: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, profiles: Iterable[Profile], folder: str = "") -> "ProfileBook":
        """A book of profiles; ProfileError for duplicate ids and for a ``match``
        entry that two profiles claim (it would select both)."""
        problems: list[str] = []
        by_id: dict[str, Profile] = {}
        by_entry: dict[str, str] = {}
        for profile in profiles:
            if profile.id in by_id:
                problems.append(f"{profile.path}: id: duplicate profile id {profile.id!r} "
                                f"(also in {by_id[profile.id].path})")
                continue
            by_id[profile.id] = profile
            for i, entry in enumerate(profile.match):
                owner = by_entry.get(entry)
                if owner is not None and owner != profile.id:
                    problems.append(f"{profile.path}: match[{i}]: {entry!r} would select two profiles, "
                                    f"{owner} ({by_id[owner].path}) and {profile.id}; give it to one of them")
                by_entry.setdefault(entry, profile.id)
        if problems:
            raise ProfileError(problems)
        return cls(folder, by_id, by_entry)

    def ids(self) -> list[str]:
        return sorted(self.profiles)

    def get(self, profile_id: str, *, option: str = "--to") -> Profile:
        """The profile with this id; ProfileError naming the folder and the ids it has."""
        if profile_id in self.profiles:
            return self.profiles[profile_id]
        hint = _hint(profile_id, self.profiles)
        known = ", ".join(self.ids()) or "none"
        raise ProfileError([f"{option}: unknown profile {profile_id!r}{hint}; profiles in {self.folder or 'the book'}: {known}"])

    def for_address(self, address: str) -> Profile | None:
        """The profile whose ``match`` names this address; an exact address beats
        a domain (``@example.com``), so a colleague's own profile wins over the firm's."""
        address = address.strip().lower()
        owner = self.by_entry.get(address)
        if owner is None and "@" in address:
            owner = self.by_entry.get("@" + address.rsplit("@", 1)[1])
        return self.profiles[owner] if owner is not None else None


def load_folder(folder: str | os.PathLike[str]) -> ProfileBook:
    """Every ``*.yml`` / ``*.yaml`` profile of a folder; every problem of every
    file is collected, then raised as one ProfileError."""
    root = Path(folder)
    if not root.is_dir():
        raise ProfileError([f"{root}: profiles folder not found"])
    problems: list[str] = []
    profiles: list[Profile] = []
    for path in sorted(p for p in root.iterdir() if p.suffix.lower() in PROFILE_SUFFIXES and p.is_file()
                       and not p.name.startswith(".")):
        try:
            profiles.append(load_profile(path))
        except ProfileError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ProfileError(problems)
    return ProfileBook.of(profiles, str(root))


# ------------------------------------------------------------------ choosing the reader
@dataclass(frozen=True)
class Selection:
    """The readers chosen for one letter and, for ``-v``, how."""

    profiles: tuple[Profile, ...]
    how: str


_FRONT_TO = re.compile(r"^to:[ \t]*(?P<inline>[^\n]*)\n?(?P<items>(?:[ \t]+-[^\n]*(?:\n|$))*)", re.MULTILINE)


def front_matter_to(letter: Letter) -> tuple[str, ...]:
    """The ``to:`` entries of a Markdown letter's front matter (a name, a list,
    or ``- item`` lines), read without evaluating the YAML of the letter."""
    if letter.format != "markdown" or not letter.meta.get("front_matter"):
        return ()
    text = letter.source.text
    end = text.find("\n---", 3)
    end2 = text.find("\n...", 3)
    ends = [e for e in (end, end2) if e != -1]
    head = text[:min(ends)] if ends else ""
    found = _FRONT_TO.search(head)
    if found is None:
        return ()
    inline = found.group("inline").strip()
    items = [line.strip()[1:] for line in found.group("items").splitlines() if line.strip().startswith("-")]
    if inline.startswith("[") and inline.endswith("]"):
        items = inline[1:-1].split(",")
    elif inline:
        items = inline.split(",")
    return tuple(v for v in (i.strip().strip("'\"").strip() for i in items) if v)


def recipients(letter: Letter) -> tuple[str, ...]:
    """The addresses of an e-mail's ``To:`` header."""
    header = letter.meta.get("to") if letter.format == "eml" else None
    if not isinstance(header, str) or not header.strip():
        return ()
    return tuple(address for _, address in getaddresses([header]) if address)


def check_to(book: ProfileBook | None, to: Sequence[str], *, option: str = "--to") -> None:
    """ProfileError unless every id of ``to`` is a profile of ``book``."""
    if to and book is None:
        raise ProfileError([f"{option}: no profiles folder is configured; add 'profiles: profiles/' to "
                            ".tonecheck.yaml (a folder relative to it)"])
    for profile_id in to:
        book.get(profile_id, option=option)  # type: ignore[union-attr]


def select(book: ProfileBook | None, letter: Letter, to: Sequence[str] = ()) -> Selection:
    """The readers of a letter: ``to`` (ids, as ``--to`` gives them), else the
    e-mail's ``To:`` addresses, else the ``to:`` entries of Markdown front matter
    (ids or addresses).  Several recipients select several profiles (each once).
    Raises ProfileError for an unknown id in ``to``."""
    if to:
        check_to(book, to)
        assert book is not None
        chosen = tuple(book.get(i) for i in dict.fromkeys(to))
        return Selection(chosen, f"reader {', '.join(p.id for p in chosen)} (from --to)")
    if book is None:
        return Selection((), "no profile: no profiles folder is configured")
    addresses = recipients(letter)
    source = "the To: header"
    if not addresses:
        addresses, source = front_matter_to(letter), "the front matter's to:"
    if not addresses:
        return Selection((), "no profile: the letter names no recipient (no To: header or front matter to:)")
    chosen_list: list[Profile] = []
    for entry in addresses:
        profile = book.profiles.get(entry) if "@" not in entry else None
        profile = profile or book.for_address(entry)
        if profile is not None and all(p.id != profile.id for p in chosen_list):
            chosen_list.append(profile)
    if not chosen_list:
        return Selection((), f"no profile: no profile in {book.folder} matches {source} "
                             f"({', '.join(addresses)}); no profile checks")
    return Selection(tuple(chosen_list), f"reader {', '.join(p.id for p in chosen_list)} (from {source})")


def attach(letter: Letter, profiles: Sequence[Profile], *, keep_genre: bool = False) -> Letter:
    """The letter with its readers; the first reader's genre becomes the letter's
    unless ``keep_genre`` (``--genre`` beats a profile) or it is a template."""
    if not profiles:
        return letter
    genre = letter.genre
    named = next((p.genre for p in profiles if p.genre), "")
    if named and not keep_genre and letter.genre != "template":
        genre = named
    return replace(letter, profiles=tuple(profiles), genre=genre)


# ------------------------------------------------------------------ what the checks see
@dataclass(frozen=True)
class Reader:
    """One reader of a letter as the profile checks see it: the profile (None
    when only the genre speaks) merged over its genre's settings."""

    profile: Profile | None
    genre: str
    settings: Mapping[str, int]
    sources: Mapping[str, str]  # where each setting comes from: the profile file or the genre's note
    requires: tuple[str, ...] = ()
    requires_source: str = ""

    @property
    def label(self) -> str:
        """How a message names the reader: the name, else the profile id, else the genre."""
        if self.profile is not None:
            return self.profile.name or self.profile.id
        return f"a {self.genre} letter's reader"

    def field(self, name: str) -> str | None:
        """A field a message or a team rule may name: a profile key, one of its
        own ``fields``, a setting, or ``genre``; None when this reader has none."""
        if name == "genre":
            return self.genre or None
        if name in self.settings:
            return str(self.settings[name])
        profile = self.profile
        if profile is None:
            return None
        if name in profile.fields:
            return profile.fields[name]
        if name in ("id", "name", "address_as", "formality", "detail", "sign_off"):
            value = getattr(profile, name)
            return value or None
        if name == "first_name":
            return profile.name.split()[0] if profile.name else None
        if name == "last_name":
            return profile.name.split()[-1] if profile.name else None
        return None


def _reader(profile: Profile | None, genre: str) -> Reader:
    settings: dict[str, int] = {}
    sources: dict[str, str] = {}
    requires: tuple[str, ...] = ()
    requires_source = ""
    for name in reversed(lineage(genre)):  # the genre it is like first, then its own
        spec = GENRES[name]
        for key, setting in spec.settings.items():
            settings[key], sources[key] = setting.value, setting.source
        if spec.requires:
            requires, requires_source = spec.requires, spec.requires_source
    if profile is not None:
        for key in SETTING_NAMES:
            value = profile.setting(key)
            if value is not None:
                settings[key], sources[key] = value, f"{profile.id}'s profile"
    return Reader(profile, genre, settings, sources, requires, requires_source)


def readers(letter: Letter) -> tuple[Reader, ...]:
    """The readers the profile checks run for: one per attached profile (with
    its own genre, else the letter's), or, without a profile, one for the
    letter's genre when that genre sets anything; else none."""
    if letter.profiles:
        return tuple(_reader(p, p.genre or letter.genre) for p in letter.profiles)
    reader = _reader(None, letter.genre)
    return (reader,) if reader.settings or reader.requires else ()


def level_for(letter: Letter, rule_id: str, level: Level) -> Level | None:
    """A rule's level in a letter to its readers: each profile may change it
    (its ``rules:``, its formality's); a letter to several readers takes the
    strictest, and a rule is off only when every reader turns it off."""
    if not letter.profiles:
        return level
    levels = [p.level_of(rule_id, level) for p in letter.profiles]
    kept = [lv for lv in levels if lv is not None]
    return max(kept) if kept else None
