"""Vale styles as they are: read a ``.vale.ini`` and a ``StylesPath``, lint like Vale.

Supported ``.vale.ini`` keys: ``StylesPath``, ``MinAlertLevel``, ``Vocab``,
``BasedOnStyles`` and ``Style.Rule = YES/NO`` in ``[glob]`` sections (a later
section that matches overrides an earlier one).  Other keys are reported once
as a warning and otherwise ignored.

Vale rules are translated into tonecheck rules and built by tonecheck's own
kinds (``existence``, ``substitution``, ``occurrence``, ``repetition``,
``conditional``, ``capitalization``, ``metric``); keys a kind does not know are
dropped with a warning, and rules of kinds tonecheck lacks (``spelling``,
``sequence``, ``script``, ``consistency``, ``readability``) are skipped with a
notice.  Vale's scopes become letter views: ``raw`` is the file as it is,
``heading`` (and ``heading.hN``, ``heading & ~heading.h1``) are the headings of a
Markdown file, and anything else is the prose tonecheck's reader finds.
Accepted ``Vocab`` terms are exceptions of every rule.
"""

from __future__ import annotations

import fnmatch
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable

import yaml

from .engine import Linter, format_message
from .errors import load_yaml
from .finding import Finding, Level
from .formats import format_for, read_letter
from .letter import Letter, OffsetMap, Part
from .rules import Rule, RuleLoadError, build_rule
from .kinds import KINDS
from .kinds.base import replace_spaces
from .kinds.expression import Expression, ExpressionError
from .kinds.expression import parse as parse_expression
from .source import SourceError, SourceText, read_path

SUPPORTED_INI_KEYS = frozenset({"StylesPath", "MinAlertLevel", "Vocab", "BasedOnStyles"})
UNSUPPORTED_KINDS = frozenset({"spelling", "sequence", "script", "consistency", "readability"})
VALE_COMMON = ("extends", "message", "level", "ignorecase", "link", "description")
LINTABLE = (".md", ".markdown", ".txt", ".rst", ".html", ".htm", ".adoc", ".org")

# Vale's built-in rules that a .vale.ini can switch on by name.
BUILTIN: dict[str, dict[str, Any]] = {
    "Vale.Repetition": {"extends": "repetition", "message": "'%s' is repeated!", "level": "error",
                        "alpha": True, "tokens": [r"[^\s]+"], "ignorecase": True},
}


@dataclass
class ValeConfig:
    """The part of a ``.vale.ini`` tonecheck reads."""

    root: Path
    styles_path: Path
    min_level: Level = Level.SUGGESTION
    vocab: tuple[str, ...] = ()
    sections: list[tuple[str, list[str], dict[str, bool]]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class StructureMetric:
    """A Vale ``metric`` over the structure of a Markdown file (``heading.h1 + list``).

    tonecheck's own ``metric`` kind computes letter statistics from the prose;
    Vale's structure variables count Markdown blocks, so they are computed here
    from the file's markdown-it tokens."""

    id: str
    message: str
    level: Level
    formula: Expression
    condition: Expression | None

    def findings(self, source: SourceText) -> list[Finding]:
        value = self.formula.evaluate(structure_counts(source.text))
        if self.condition is not None:
            if not self.condition.evaluate({"value": float(value)}):
                return []
            text = f"{float(value):.2f}"
        elif not value:
            return []
        else:
            text = ""
        message = format_message(self.message, (text,))
        return [Finding(source.path, 0, 0, self.id, self.level, message, 1, 1, 1, 1, "")]


STRUCTURE_VARIABLES = frozenset({*(f"heading_h{n}" for n in range(1, 7)), "list", "blockquote", "pre", "table"})


def structure_counts(text: str) -> dict[str, float]:
    from markdown_it import MarkdownIt

    counts = dict.fromkeys(STRUCTURE_VARIABLES, 0.0)
    for token in MarkdownIt("commonmark").enable("table").parse(text):
        if token.type == "heading_open":
            counts[f"heading_{token.tag}"] += 1
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            counts["list"] += 1
        elif token.type == "blockquote_open":
            counts["blockquote"] += 1
        elif token.type in ("fence", "code_block"):
            counts["pre"] += 1
        elif token.type == "table_open":
            counts["table"] += 1
    return counts


def structure_metric(data: dict[str, Any], rule_id: str) -> StructureMetric | None:
    """A StructureMetric when a Vale metric's formula uses structure variables."""
    formula = str(data.get("formula", ""))
    renamed = re.sub(r"\bheading\.h([1-6])\b", r"heading_h\1", formula)
    try:
        parsed = parse_expression(renamed, STRUCTURE_VARIABLES)
        condition = parse_expression(f"value {data['condition']}", frozenset({"value"})) if data.get("condition") else None
    except (ExpressionError, KeyError):
        return None
    level = Level.parse(str(data.get("level", "warning")))
    return StructureMetric(rule_id, str(data.get("message", "")), level, parsed, condition)


@dataclass(frozen=True)
class ValeRule:
    rule: Rule | StructureMetric
    scope: str


def _expand_braces(pattern: str) -> list[str]:
    m = re.search(r"\{([^{}]*)\}", pattern)
    if not m:
        return [pattern]
    return [x for option in m.group(1).split(",") for x in _expand_braces(pattern[:m.start()] + option + pattern[m.end():])]


def glob_matches(pattern: str, rel: str) -> bool:
    return any(fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(os.path.basename(rel), p) for p in _expand_braces(pattern))


def read_ini(path: str | os.PathLike[str]) -> ValeConfig:
    """Parse a ``.vale.ini`` (or ``_vale``); unsupported keys become warnings."""
    ini = Path(path)
    root = ini.resolve().parent
    config = ValeConfig(root=root, styles_path=root)
    section: tuple[str, list[str], dict[str, bool]] | None = None
    warned: set[str] = set()
    for number, raw in enumerate(ini.read_text(encoding="utf-8-sig").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = (line[1:-1].strip(), [], {})
            config.sections.append(section)
            continue
        key, sep, value = line.partition("=")
        key, value = key.strip(), value.strip()
        if not sep:
            config.warnings.append(f"{ini}:{number}: not a 'key = value' line; ignored")
            continue
        if section is None and key == "StylesPath":
            config.styles_path = (root / value).resolve()
        elif section is None and key == "MinAlertLevel":
            config.min_level = Level.parse(value)
        elif key == "Vocab":
            config.vocab = tuple(v.strip() for v in value.split(",") if v.strip())
        elif section is not None and key == "BasedOnStyles":
            section[1].extend(v.strip() for v in value.split(",") if v.strip())
        elif section is not None and "." in key and value.upper() in ("YES", "NO"):
            section[2][key] = value.upper() == "YES"
        elif key not in warned:
            warned.add(key)
            config.warnings.append(f"{ini}: {key}: not supported by tonecheck; ignored")
    return config


def vocab_terms(config: ValeConfig) -> tuple[str, ...]:
    terms: list[str] = []
    for name in config.vocab:
        accept = config.styles_path / "config" / "vocabularies" / name / "accept.txt"
        if accept.is_file():
            terms.extend(t.strip() for t in accept.read_text(encoding="utf-8").splitlines() if t.strip() and not t.startswith("#"))
    return tuple(terms)


def literal_spaces(pattern: str) -> str:
    """Make each literal space of a regex match exactly one space, as in Vale
    (tonecheck's own kinds let a space in a phrase match a line break too)."""
    return replace_spaces(pattern, "[ ]", collapse=False)


def translate(data: dict[str, Any], vocab: tuple[str, ...], where: str) -> tuple[dict[str, Any] | None, str, list[str]]:
    """A Vale rule mapping -> (tonecheck rule mapping or None when skipped, Vale scope, notices)."""
    kind = data.get("extends")
    if kind in UNSUPPORTED_KINDS:
        return None, "text", [f"{where}: '{kind}' rules are not supported by tonecheck; skipped"]
    if kind not in KINDS:
        return None, "text", [f"{where}: unknown rule kind {kind!r}; skipped"]
    notices: list[str] = []
    out: dict[str, Any] = {k: data[k] for k in VALE_COMMON if k in data}
    out["message"] = str(out.get("message", "")).replace("%d", "%s").replace("%v", "%s")
    scope = data.get("scope", "text")
    scope = " ".join(scope) if isinstance(scope, list) else str(scope)
    if scope in ("sentence", "paragraph"):
        out["scope"] = scope
    elif kind == "capitalization" and scope == "text":
        out["scope"] = "paragraph"  # Vale checks each block of text on its own
    allowed = KINDS[kind].keys
    for key, value in data.items():
        if key in VALE_COMMON or key == "scope":
            continue
        if key == "raw" and kind == "existence":
            # Vale joins the raw fragments, then appends the tokens (word-bounded unless nonword).
            tokens = "|".join(str(t) for t in data.get("tokens") or [])
            tail = "" if not tokens else (f"(?:{tokens})" if data.get("nonword") else rf"\b(?:{tokens})\b")
            out["tokens"] = [literal_spaces("".join(str(v) for v in value) + tail)]
            out["nonword"] = True
        elif key in ("tokens", "nonword") and kind == "existence" and "raw" in data:
            continue
        elif key == "tokens" and kind == "existence":
            out["tokens"] = [literal_spaces(str(t)) for t in value]
        elif key == "swap" and kind == "substitution" and isinstance(value, dict):
            out["swap"] = {literal_spaces(str(k)): v for k, v in value.items()}
        elif key in allowed:
            out[key] = value
        elif key not in ("vocab", "action"):
            notices.append(f"{where}: {key}: not supported by tonecheck for '{kind}'; ignored")
    if vocab and data.get("vocab", True) and "exceptions" in allowed:
        out["exceptions"] = list(out.get("exceptions") or []) + list(vocab)
    if kind == "existence" and "tokens" not in out:
        out["tokens"] = []
    return out, scope, notices


def load_style_rules(config: ValeConfig, wanted: Iterable[str]) -> tuple[dict[str, ValeRule], list[str]]:
    """Build the rules named in ``wanted`` (ids or style names) from ``StylesPath``."""
    vocab = vocab_terms(config)
    rules: dict[str, ValeRule] = {}
    notices: list[str] = []
    files: dict[str, Path] = {}
    for name in sorted(set(wanted)):
        style, _, rule = name.partition(".")
        folder = config.styles_path / style
        if rule:
            path = folder / f"{rule}.yml"
            if name in BUILTIN and not path.exists():
                files[name] = Path("<builtin>")
            elif path.is_file():
                files[name] = path
            else:
                notices.append(f"{name}: no such rule in {config.styles_path}")
        elif folder.is_dir():
            for path in sorted(folder.glob("*.yml")):
                files[f"{style}.{path.stem}"] = path
    for rule_id, path in files.items():
        try:
            data = BUILTIN[rule_id] if str(path) == "<builtin>" else load_yaml(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            notices.append(f"{path}: cannot read this rule ({str(exc).splitlines()[0]}); skipped")
            continue
        if not isinstance(data, dict):
            notices.append(f"{path}: not a rule mapping; skipped")
            continue
        metric = structure_metric(data, rule_id) if data.get("extends") == "metric" else None
        if metric is not None:
            rules[rule_id] = ValeRule(metric, "raw")
            continue
        mapping, scope, more = translate(data, vocab, str(path))
        notices.extend(more)
        if mapping is None:
            continue
        try:
            rule = build_rule(mapping, rule_id=rule_id, pack=rule_id.split(".")[0], path=str(path))
        except RuleLoadError as exc:
            notices.extend(f"{p}; skipped" for p in exc.problems)
            continue
        rules[rule_id] = ValeRule(rule, scope)
    return rules, notices


def enabled_for(config: ValeConfig, rel: str) -> list[str]:
    """Rule ids and style names switched on for one file by the matching sections."""
    on: dict[str, bool] = {}
    for pattern, styles, toggles in config.sections:
        if glob_matches(pattern, rel):
            for style in styles:
                on[style] = True
            on.update(toggles)
    return [name for name, value in on.items() if value]


def _plain(source: SourceText, spans: list[tuple[int, int]]) -> Letter:
    parts = tuple(Part("body", s, e) for s, e in spans)
    return Letter(source, source.text, parts, OffsetMap.identity(len(source.text)), "text")


def heading_spans(source: SourceText, scope: str) -> list[tuple[int, int]]:
    """Source spans of the Markdown headings a Vale heading scope selects."""
    from markdown_it import MarkdownIt

    levels = {int(n) for n in re.findall(r"(?<!~)heading\.h(\d)", scope)} or set(range(1, 7))
    levels -= {int(n) for n in re.findall(r"~heading\.h(\d)", scope)}
    tokens = MarkdownIt("commonmark").parse(source.text)
    spans = []
    for i, token in enumerate(tokens):
        if token.type == "heading_open" and int(token.tag[1]) in levels and token.map:
            start, end = source.line_span(token.map[0] + 1)
            line = source.text[start:end]
            content = tokens[i + 1].content
            at = line.find(content) if content else -1
            if at >= 0:
                spans.append((start + at, start + at + len(content)))
    return spans


def lint_file(path: str, rel: str, rules: list[ValeRule], min_level: Level, linter_cache: dict[str, Linter],
              notes: list[str] | None = None) -> list[Finding]:
    """The findings of ``rules`` in one file; a rule that gave up (its regex ran
    past the budget) adds a line to ``notes``."""
    source = read_path(path)
    fmt = format_for(path) or "text"
    findings: list[Finding] = []
    for vrule in rules:
        if vrule.rule.level < min_level:
            continue
        if isinstance(vrule.rule, StructureMetric):
            findings.extend(vrule.rule.findings(source) if fmt == "markdown" else [])
            continue
        scope = vrule.scope
        if scope == "raw":
            letter = _plain(source, [(0, len(source.text))])
        elif scope.startswith("heading"):
            if fmt != "markdown":
                continue
            letter = _plain(source, heading_spans(source, scope))
        else:
            letter = read_letter(source, fmt)
        linter = linter_cache.setdefault(vrule.rule.id, Linter([vrule.rule]))
        result = linter.lint_letter(letter)
        if notes is not None:
            notes.extend(n.replace(path, rel) for n in result.notices if "gave up" in n)
        findings.extend(vale_position(vrule.rule, f, source) for f in result.findings)
    return findings


def vale_position(rule: Rule, finding: Finding, source: SourceText) -> Finding:
    """Move a finding to where Vale puts it: a too-few ``occurrence`` alert on the
    first match of the token, an alert that starts on inline code after the code."""
    start = finding.start
    pattern = getattr(rule.check, "pattern", None)
    if rule.kind == "occurrence" and finding.start == finding.end and pattern is not None:
        m = pattern.search(source.text, finding.start)
        start = m.start() if m else start
    else:
        code = re.compile(r"`[^`\n]*`").match(source.text, start)
        start = code.end() if code else start
    if start == finding.start:
        return finding
    line, column = source.position(start)
    return replace(finding, start=start, end=max(start, finding.end), line=line, column=column)


def run_vale(folder: str | os.PathLike[str], ini_name: str | None = None) -> tuple[list[str], list[str]]:
    """Lint a folder the way ``vale --output=line --sort --relative .`` does.

    Returns (``path:line:col:Style.Rule:message`` lines, warnings and notices).
    """
    root = Path(folder)
    name = ini_name or next((n for n in (".vale.ini", "_vale", "vale.ini") if (root / n).is_file()), None)
    if name is None:
        raise ValueError("no .vale.ini, _vale or vale.ini in this folder")
    ini = root / name
    config = read_ini(ini)
    notes = list(config.warnings)
    files = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and Path(dirpath, d).resolve() != config.styles_path)
        for name in sorted(filenames):
            if name.lower().endswith(LINTABLE):
                full = os.path.join(dirpath, name)
                files.append((full, os.path.relpath(full, root).replace(os.sep, "/")))
    wanted = {name for _, rel in files for name in enabled_for(config, rel)}
    rules, notices = load_style_rules(config, wanted)
    notes.extend(notices)
    cache: dict[str, Linter] = {}
    lines = []
    for full, rel in files:
        names = enabled_for(config, rel)
        active = [r for rid, r in rules.items() if rid in names or rid.split(".")[0] in names and rid not in _off(config, rel)]
        try:
            found = lint_file(full, rel, active, config.min_level, cache, notes)
        except SourceError as exc:  # a binary or oversized .txt: report it and lint the rest
            notes.append(f"{rel}: {exc}; skipped")
            continue
        for f in found:
            lines.append((rel, f.line, f.column, f"{rel}:{f.line}:{f.column}:{f.rule}:{f.message}"))
    return [text for *_, text in sorted(set(lines))], notes


def _off(config: ValeConfig, rel: str) -> set[str]:
    off: dict[str, bool] = {}
    for pattern, _, toggles in config.sections:
        if glob_matches(pattern, rel):
            off.update(toggles)
    return {k for k, v in off.items() if not v}
