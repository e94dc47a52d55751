"""YAML rules: load packs, validate every rule, build its check.

One file per rule, a pack is a folder, the rule id is ``Pack.FileStem`` (Vale's
shape).  Files are read with ``errors.load_yaml`` (safe, no aliases).  Every problem of every file is
collected and raised together as ``RuleLoadError`` before anything runs.
"""

from __future__ import annotations

import os
import pickle
from contextlib import nullcontext
import re
from dataclasses import dataclass, field
from difflib import get_close_matches
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Mapping

import yaml

from .cache import Cache, digest, tree_fingerprint, versions
from .errors import ProblemsError, excerpt, load_yaml, yaml_problem
from .finding import Level, rule_matches
from .genres import GENRE_NAMES, lineage
from .kinds import KINDS
from .kinds.classifier import ClassifierCheck, block_from
from .kinds.regexes import compile_memo, trusted_patterns
from .kinds.spacy_patterns import spacy_checks, validation_memo
from .kinds.base import BuildContext, Check, Key, RuleError, RuleErrors, check_keys, type_name, v_bool, v_str
from .letter import LINTED_PARTS
from .profiles import Profile, ProfileError
from .profiles import validate as validate_profile
from .vale.translate import looks_like_vale, translate

RULE_SUFFIXES = (".yml", ".yaml")
UNITS = ("sentence", "paragraph")
SCOPES: tuple[str, ...] = ("text", *LINTED_PARTS, *UNITS)


class RuleLoadError(ProblemsError):
    """Problems found while loading rules: one ``path: key: problem`` line each."""


@dataclass(frozen=True)
class Example:
    """One example letter of a rule.  A bad example may also say where the rule
    points (``match``: the source text of a finding's span) and what the fix
    gives (``fix``: the whole text after ``--fix --unsafe-fixes``), as
    sqlfluff's test cases do."""

    text: str
    match: str | None = None
    fix: str | None = None
    profile: Profile | None = None  # the reader the example is written to (profile rules need one)


@dataclass(frozen=True)
class Examples:
    bad: tuple[Example, ...] = ()
    good: tuple[Example, ...] = ()


@dataclass(frozen=True)
class Rule:
    """A validated rule: its metadata plus the check its kind built."""

    id: str
    pack: str
    path: str
    kind: str
    level: Level
    message: str
    scope: tuple[str, ...]
    check: Check = field(compare=False, repr=False)
    ignorecase: bool = False
    description: str = ""
    link: str = ""
    examples: Examples = Examples()
    fix: str = ""  # "safe", "unsafe" or "" (no automatic fix)
    short: str = ""  # the rule's ``summary:`` key
    # The kind's own keys as validated (the rule reference compares genre variants with them).
    options: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)
    classifier: ClassifierCheck | None = field(default=None, compare=False, repr=False)  # the second signal
    # The rule as each genre sees it: absent = as written, None = off there.
    by_genre: Mapping[str, "Rule | None"] = field(default_factory=dict, compare=False, repr=False)

    def for_genre(self, genre: str) -> "Rule | None":
        """This rule in a letter of ``genre``: itself, a variant with the genre's
        thresholds, or None where the rule does not apply.  A genre that is a kind
        of another (``cold-outreach`` is like ``letter``) takes that one's variant
        when the rule names none for it."""
        for name in lineage(genre):
            if name in self.by_genre:
                return self.by_genre[name]
        return self

    @property
    def name(self) -> str:
        return self.id.split(".", 1)[1]

    @property
    def classifiers(self) -> tuple[ClassifierCheck, ...]:
        """The rule's classifier checks: its own (kind classifier) and its ``classifier:`` block."""
        return tuple(c for c in (self.check, self.classifier) if isinstance(c, ClassifierCheck))

    @property
    def needs(self) -> frozenset[str]:
        needs = set(self.check.needs)
        if self.classifier is not None:
            needs |= self.classifier.needs
        if "sentence" in self.scope:
            needs.add("sentences")
        return frozenset(needs)

    @property
    def summary(self) -> str:
        """One line for ``tonecheck rules`` and SARIF: the ``summary:`` key, else the
        description's first sentence, else the message's."""
        if self.short:
            return self.short
        text = " ".join((self.description or self.message).split())
        match = re.search(r"(?<=[.!?])\s+(?=[A-Z])", text)
        return text[:match.start()] if match else text


# ------------------------------------------------------------- common keys
def v_level(value: Any, key: str) -> Level:
    if not isinstance(value, str):
        raise RuleError(key, f"expected suggestion, warning or error, got {type_name(value)}")
    try:
        return Level.parse(value)
    except ValueError as exc:
        raise RuleError(key, str(exc)) from None


def v_scope(value: Any, key: str) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items or not all(isinstance(i, str) for i in items):
        raise RuleError(key, f"expected a scope name or a list of them ({', '.join(SCOPES)})")
    for item in items:
        if item == "quoted":
            raise RuleError(key, "quoted replies are never linted")
        if item not in SCOPES:
            hint = get_close_matches(item, SCOPES, n=1)
            raise RuleError(key, f"unknown scope {excerpt(item)}" + (f" (did you mean '{hint[0]}'?)" if hint else "")
                            + f"; expected one of {', '.join(SCOPES)}")
    if sum(i in UNITS for i in items) > 1:
        raise RuleError(key, "choose either sentence or paragraph, not both")
    return tuple(items)


def v_examples(value: Any, key: str) -> Examples:
    if not isinstance(value, dict):
        raise RuleError(key, "expected a mapping with 'bad' and 'good' lists")
    unknown = set(value) - {"bad", "good", "profile"}
    if unknown:
        raise RuleError(f"{key}.{sorted(unknown)[0]}", "unknown key (expected bad, good or profile)")
    shared = value.get("profile")
    if shared is not None and not isinstance(shared, dict):
        raise RuleError(f"{key}.profile", f"expected a profile mapping (name, formality, ...), got {type_name(shared)}")
    if shared is not None:
        _example_profile(shared, f"{key}.profile")
    lists: dict[str, tuple[Example, ...]] = {}
    for name in ("bad", "good"):
        items = value.get(name) or []
        if not isinstance(items, list):
            raise RuleError(f"{key}.{name}", "expected a list of example letters")
        lists[name] = tuple(_example(item, f"{key}.{name}[{i}]", bad=name == "bad", shared=shared)
                            for i, item in enumerate(items))
    return Examples(**lists)


NO_PROFILE = "none"


def _example_profile(data: Mapping[str, Any], key: str) -> Profile:
    """The reader of an example, validated like a profile file (its id may be left out)."""
    try:
        return validate_profile(dict(data), key, default_id="example", require_id=False)
    except ProfileError as exc:
        raise RuleErrors([RuleError(key, p[len(key) + 2:] if p.startswith(key + ": ") else p)
                          for p in exc.problems]) from None


def _example(item: Any, key: str, *, bad: bool, shared: Mapping[str, Any] | None = None) -> Example:
    """A string, or a mapping {text, match, fix, profile} (match and fix only for bad
    examples).  ``profile`` is merged over the examples' shared ``profile``; ``none``
    lints the example without a reader."""
    profile = _example_profile(shared, "examples.profile") if shared is not None else None
    if isinstance(item, str):
        return Example(item, profile=profile)
    allowed = ("text", "match", "fix", "profile") if bad else ("text", "profile")
    if not isinstance(item, dict):
        raise RuleError(key, f"expected a string or a mapping with {', '.join(allowed)}, got {type_name(item)}")
    unknown = sorted(set(item) - set(allowed))
    if unknown:
        raise RuleError(f"{key}.{unknown[0]}", f"unknown key (expected {', '.join(allowed)})")
    for name in allowed:
        if name in item and name != "profile" and not isinstance(item[name], str):
            raise RuleError(f"{key}.{name}", f"expected a string, got {type_name(item[name])}")
    if "text" not in item:
        raise RuleError(f"{key}.text", "required key is missing")
    own = item.get("profile")
    if own == NO_PROFILE:
        profile = None
    elif isinstance(own, dict):
        profile = _example_profile({**(shared or {}), **own}, f"{key}.profile")
    elif own is not None:
        raise RuleError(f"{key}.profile", f"expected a profile mapping or none, got {type_name(own)}")
    return Example(item["text"], item.get("match"), item.get("fix"), profile)


def v_summary(value: Any, key: str) -> str:
    text = v_str(value, key).strip()
    if "\n" in text or len(text) > 80:
        raise RuleError(key, f"expected one line of at most 80 characters, got {len(text)} characters"
                        + (" over several lines" if "\n" in text else ""))
    return text


FIX_MODES: tuple[str, ...] = ("safe", "unsafe")


def v_fix(value: Any, key: str) -> str:
    if value not in FIX_MODES:
        raise RuleError(key, f"expected safe or unsafe, got {excerpt(value)}")
    return str(value)


GENRE_OFF, GENRE_ON = "off", "on"


def v_genres(value: Any, key: str) -> dict[str, Any]:
    if not isinstance(value, dict) or not value:
        raise RuleError(key, f"expected a mapping of genre -> off, on or settings ({', '.join(GENRE_NAMES)})")
    out: dict[str, Any] = {}
    for name, setting in value.items():
        if isinstance(setting, bool):  # YAML 1.1 reads a bare off / on as a boolean
            setting = GENRE_ON if setting else GENRE_OFF
        if name not in GENRE_NAMES:
            hint = get_close_matches(str(name), GENRE_NAMES, n=1)
            raise RuleError(f"{key}.{name}", "unknown genre" + (f" (did you mean '{hint[0]}'?)" if hint else "")
                            + f"; expected one of {', '.join(GENRE_NAMES)}")
        if setting not in (GENRE_OFF, GENRE_ON) and not (isinstance(setting, dict) and setting):
            raise RuleError(f"{key}.{name}", "expected off, on or a mapping of this rule's keys with the genre's values")
        if isinstance(setting, dict):
            fixed = sorted({"extends", "genres", "examples", "description", "link"} & set(setting))
            if fixed:
                raise RuleError(f"{key}.{name}.{fixed[0]}", "a genre may change thresholds, level, message and scope, "
                                "not the rule's kind, examples or documentation")
        out[str(name)] = setting
    return out


COMMON_KEYS: dict[str, Key] = {
    "extends": Key(v_str, required=True, doc="the rule kind: " + ", ".join(KINDS)),
    "message": Key(v_str, required=True, doc="what is wrong and what to write instead; %s takes the match"),
    "level": Key(v_level, default=Level.WARNING, doc="suggestion, warning or error"),
    "scope": Key(v_scope, default=("text",), doc="letter parts to check, or sentence / paragraph"),
    "ignorecase": Key(v_bool, default=False, doc="match without regard to case"),
    "description": Key(v_str, default="", doc="why the rule exists"),
    "link": Key(v_str, default="", doc="where to read more"),
    "examples": Key(v_examples, default=Examples(), doc="bad and good examples, run by the test suite"),
    "fix": Key(v_fix, default="", doc="safe or unsafe: whether --fix may apply the first suggestion"),
    "summary": Key(v_summary, default="", doc="one line (at most 80 characters) for 'tonecheck rules' and SARIF; "
                                              "default: the description's first sentence"),
    "genres": Key(v_genres, default={}, doc="per genre (" + ", ".join(GENRE_NAMES) + "): off, on, or the keys "
                  "whose values that genre changes, e.g. {note: off} or {note: {max: 50}}"),
    "classifier": Key(lambda value, key: block_from(value, ""), default=None,
                      doc="{label, threshold}: also report sentences the shipped tone model scores for label"),
}


# ------------------------------------------------------------- loading
def shipped_rules_dir() -> Path:
    """The packs shipped with tonecheck (inside the wheel, or the checkout's rules/)."""
    packaged = resources.files("tonecheck") / "rules"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "rules"


def shipped_packs() -> list[Path]:
    root = shipped_rules_dir()
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))) if root.is_dir() else []


def _is_rule_file(path: Path) -> bool:
    return path.suffix.lower() in RULE_SUFFIXES and path.is_file() and not path.name.startswith(".")


def expand_pack_dirs(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Path], list[str]]:
    """Resolve pack folders: a folder of rule files is a pack; a folder of such
    folders (a Vale ``StylesPath``) is several packs."""
    packs: list[Path] = []
    problems: list[str] = []
    for raw in paths:
        path = Path(raw)
        if not path.is_dir():
            problems.append(f"{path}: rule pack folder not found")
            continue
        if any(_is_rule_file(p) for p in path.iterdir()):
            packs.append(path)
            continue
        subpacks = sorted(p for p in path.iterdir() if p.is_dir() and any(_is_rule_file(f) for f in p.iterdir()))
        if not subpacks:
            problems.append(f"{path}: no .yml rule files in this folder")
        packs.extend(subpacks)
    return packs, problems


def read_rule_file(path: Path) -> Any:
    """The parsed YAML of one rule file; RuleLoadError when it cannot be read,
    is not YAML or is not a mapping."""
    where = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleLoadError([f"{where}: cannot read: {getattr(exc, 'strerror', None) or exc}"]) from None
    try:
        data = load_yaml(text)
    except yaml.YAMLError as exc:
        raise RuleLoadError([f"{where}: {yaml_problem(exc)}"]) from None
    if data is None:
        raise RuleLoadError([f"{where}: empty rule file"])
    if not isinstance(data, dict):
        raise RuleLoadError([f"{where}: a rule file must be a mapping of keys, got {type_name(data)}"])
    return data


def load_rule(path: Path, pack: str) -> Rule:
    """Load and validate one rule file; raise RuleLoadError with every problem."""
    return build_rule(read_rule_file(path), rule_id=f"{pack}.{path.stem}", pack=pack, path=str(path))


def build_rule(data: Mapping[str, Any], *, rule_id: str, pack: str, path: str) -> Rule:
    """Validate a rule mapping and build its check."""
    kind_name = data.get("extends")
    if not isinstance(kind_name, str) or kind_name not in KINDS:
        if kind_name is None:
            problem = "extends: required key is missing (one of " + ", ".join(KINDS) + ")"
        else:
            hint = get_close_matches(kind_name, list(KINDS), n=1) if isinstance(kind_name, str) else []
            problem = f"extends: unknown rule kind {excerpt(kind_name)}" + (f" (did you mean '{hint[0]}'?)" if hint else "") \
                + "; expected one of " + ", ".join(KINDS)
        raise RuleLoadError([f"{path}: {problem}"])
    kind = KINDS[kind_name]
    common = {k: v for k, v in data.items() if k in COMMON_KEYS}
    specific = {k: v for k, v in data.items() if k not in COMMON_KEYS}
    problems: list[RuleError] = []
    meta: dict[str, Any] = {}
    options: dict[str, Any] = {}
    try:
        meta = check_keys(common, COMMON_KEYS, set())
    except RuleErrors as exc:
        problems.extend(exc.errors)
    try:
        options = check_keys(specific, kind.keys, set(COMMON_KEYS))
    except RuleErrors as exc:
        problems.extend(exc.errors)
    check: Check | None = None
    if not problems and kind_name == "classifier" and meta.get("classifier") is not None:
        problems.append(RuleError("classifier", "a classifier rule has its own label and threshold; "
                                                "the classifier: block is for rules of other kinds"))
    if not problems:
        try:
            check = kind.build(options, BuildContext(meta["ignorecase"], path=path, message=meta["message"]))
        except RuleError as exc:
            problems.append(exc)
        except RuleErrors as exc:
            problems.extend(exc.errors)
    by_genre: dict[str, Rule | None] = {}
    for genre, setting in (meta.get("genres") or {}).items():
        if setting == GENRE_OFF:
            by_genre[genre] = None
        elif isinstance(setting, dict):
            variant = {k: v for k, v in data.items() if k != "genres"}
            variant.update(setting)
            try:
                by_genre[genre] = build_rule(variant, rule_id=rule_id, pack=pack, path=path)
            except RuleLoadError as exc:
                problems.extend(RuleError(f"genres.{genre}", p.split(": ", 1)[1] if ": " in p else p)
                                for p in exc.problems)
    if problems or check is None:
        raise RuleLoadError([f"{path}: {p}" for p in problems])
    return Rule(
        id=rule_id, pack=pack, path=path, kind=kind_name, level=meta["level"], message=meta["message"],
        scope=meta["scope"], check=check, ignorecase=meta["ignorecase"], description=meta["description"],
        link=meta["link"], examples=meta["examples"], fix=meta["fix"], by_genre=by_genre, short=meta["summary"],
        options=options, classifier=meta["classifier"],
    )


def _load_vale_rule(data: dict[str, Any], path: Path, pack: str, notices: list[str]) -> Rule | None:
    """A Vale rule mapping, translated (None when skipped)."""
    try:
        mapping, scope, more = translate(data, (), str(path))
    except (TypeError, ValueError, AttributeError, KeyError) as exc:  # a Vale key of the wrong type
        raise RuleLoadError([f"{path}: cannot translate this Vale rule: {type(exc).__name__}: "
                             f"{excerpt(str(exc))}"]) from None
    notices.extend(more)
    if mapping is None:
        return None
    rule = build_rule(mapping, rule_id=f"{pack}.{path.stem}", pack=pack, path=str(path))
    if scope not in SCOPES:
        notices.append(f"{path}: Vale scope {scope!r} is read as the letter's prose here; "
                       "'tonecheck vale' runs Vale styles with their own scopes")
    return rule


def load_packs(pack_dirs: Iterable[Path], notices: list[str] | None = None) -> list[Rule]:
    """Load every rule of every pack; collect all problems, including duplicate ids.

    Each file is read and parsed once.  A pack with a file that only a Vale rule
    would have (a Vale-only key, kind or scope) is a Vale style: its mappings
    that tonecheck's schema refuses are translated as Vale rules; what the
    translation drops goes to ``notices``.  A file that is not a YAML mapping is
    a problem in either kind of pack."""
    notices = notices if notices is not None else []
    rules: list[Rule] = []
    problems: list[str] = []
    seen: dict[str, str] = {}
    shipped = {p.resolve() for p in shipped_packs()}
    with compile_memo(), validation_memo():  # a rule's genre variants repeat its patterns
        for pack_dir in pack_dirs:
            with trusted_patterns() if pack_dir.resolve() in shipped else nullcontext():
                _load_pack(pack_dir, rules, problems, seen, notices)
    if problems:
        raise RuleLoadError(problems)
    return rules


def _load_pack(pack_dir: Path, rules: list[Rule], problems: list[str], seen: dict[str, str], notices: list[str]) -> None:
    pack = pack_dir.name
    parsed: dict[Path, Any] = {}
    for path in sorted(p for p in pack_dir.iterdir() if _is_rule_file(p)):
        rule_id = f"{pack}.{path.stem}"
        if rule_id in seen:
            problems.append(f"{path}: duplicate rule id {rule_id} (also defined in {seen[rule_id]})")
            continue
        seen[rule_id] = str(path)
        try:
            parsed[path] = read_rule_file(path)
        except RuleLoadError as exc:
            problems.extend(exc.problems)
    vale_style = any(looks_like_vale(data) for data in parsed.values())
    for path, data in parsed.items():
        try:
            rules.append(build_rule(data, rule_id=f"{pack}.{path.stem}", pack=pack, path=str(path)))
            continue
        except RecursionError:
            problems.append(f"{path}: nested too deeply")
            continue
        except RuleLoadError as exc:
            if not vale_style:
                problems.extend(exc.problems)
                continue
        try:
            vale_rule = _load_vale_rule(data, path, pack, notices)
        except RuleLoadError as vale_exc:
            problems.extend(vale_exc.problems)
            continue
        if vale_rule is not None:
            rules.append(vale_rule)


def matches_any(rule_id: str, selectors: Iterable[str]) -> bool:
    return any(rule_matches(rule_id, s) for s in selectors)


class SelectorError(ProblemsError):
    """Rule selectors (``--select``, ``--ignore``) that select no rule."""


def selector_hint(selector: str, rule_ids: Iterable[str]) -> str:
    """`` (did you mean 'Business.NonApology'?)`` for a selector that selects
    nothing, or "" when nothing is close; case and the pack prefix are forgiven."""
    ids = list(rule_ids)
    by_lower: dict[str, str] = {}
    for rule_id in ids:
        pack, _, name = rule_id.partition(".")
        by_lower.setdefault(rule_id.lower(), rule_id)
        by_lower.setdefault(name.lower(), rule_id)
        by_lower.setdefault(pack.lower(), pack)
    hint = by_lower.get(selector.lower())
    if hint is None:
        close = get_close_matches(selector.lower(), list(by_lower), n=1, cutoff=0.75)
        hint = by_lower[close[0]] if close else None
    return f" (did you mean '{hint}'?)" if hint else ""


def unknown_selector(selector: str, rule_ids: Iterable[str]) -> str | None:
    """``unknown rule 'X' (did you mean ...)`` when a selector (id, glob or pack)
    selects none of ``rule_ids``; None when it selects some."""
    ids = list(rule_ids)
    if any(rule_matches(i, selector) for i in ids):
        return None
    return f"unknown rule {selector!r}{selector_hint(selector, ids)}; see 'tonecheck rules'"


def select_rules(rules: Iterable[Rule], select: Iterable[str] = (), ignore: Iterable[str] = ()) -> list[Rule]:
    """The rules ``select`` picks (all when empty) minus those ``ignore`` names.
    Raises ``SelectorError`` when a selector selects no rule: a typo in a CI
    check must not pass forever."""
    rules, select, ignore = list(rules), list(select), list(ignore)
    ids = [r.id for r in rules]
    problems = [f"--{option}: {problem}" for option, selectors in (("select", select), ("ignore", ignore))
                for selector in selectors if (problem := unknown_selector(selector, ids)) is not None]
    if problems:
        raise SelectorError(problems)
    return [r for r in rules if (not select or matches_any(r.id, select)) and not matches_any(r.id, ignore)]


def load_rules(extra_packs: Iterable[str | os.PathLike[str]] = (), *, shipped: bool = True,
               notices: list[str] | None = None, cache: Cache | None = None) -> list[Rule]:
    """The shipped packs plus the given pack folders, validated.  Vale rules
    among them are translated; what that drops goes to ``notices``.

    With a ``cache``, rules validated before from the very same files (and the
    same tonecheck and spaCy) are read back from it: no YAML, no validation, no spaCy."""
    dirs, problems = pack_dirs(extra_packs, shipped=shipped)
    key = rules_key(dirs) if cache is not None and not problems else None
    if cache is not None and key is not None:
        found = _cached_rules(cache, key)
        if found is not None:
            if notices is not None:
                notices.extend(found[1])
            return found[0]
    rules: list[Rule] = []
    added: list[str] = []
    try:
        rules = load_packs(dirs, added)
    except RuleLoadError as exc:
        problems.extend(exc.problems)
    if notices is not None:
        notices.extend(added)
    if problems:
        raise RuleLoadError(problems)
    if cache is not None and key is not None and spacy_checks():  # only fully validated rules are kept
        cache.put("rules", key, pickle.dumps((rules, added), protocol=pickle.HIGHEST_PROTOCOL))
    return rules


def pack_dirs(extra_packs: Iterable[str | os.PathLike[str]] = (), *, shipped: bool = True) -> tuple[list[Path], list[str]]:
    """The pack folders ``load_rules`` reads, in order, and the problems finding them."""
    packs, problems = expand_pack_dirs(extra_packs)
    dirs: list[Path] = []
    for pack in (shipped_packs() if shipped else []) + packs:
        if all(pack.resolve() != d.resolve() for d in dirs):
            dirs.append(pack)
    return dirs, problems


def rules_key(dirs: Iterable[Path]) -> str:
    """What validated rules depend on: every file of their packs, the shipped tone
    model, and the versions (a new spaCy may validate patterns differently)."""
    from .tone import SHIPPED_TONE_MODEL

    folders = [str(d.resolve()) for d in dirs]
    return digest("rules", versions(), *folders, tree_fingerprint(folders), tree_fingerprint([SHIPPED_TONE_MODEL]))


def _cached_rules(cache: Cache, key: str) -> tuple[list[Rule], list[str]] | None:
    payload = cache.get("rules", key)
    if payload is None:
        return None
    try:
        rules, notices = pickle.loads(payload)  # noqa: S301 - our own entry, checked by its HMAC (cache.py)
    except Exception:  # noqa: BLE001 - an entry that does not load is ignored and rewritten
        return None
    if not isinstance(rules, list) or not all(isinstance(r, Rule) for r in rules):
        return None
    return rules, [str(n) for n in notices]
