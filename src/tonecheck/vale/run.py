"""``tonecheck vale``: lint a folder the way Vale does, with the ordinary linter.

The ``.vale.ini`` (found in the folder or a parent) says which styles and rules
run on which files; the rules are translated (``vale.translate``) and built by
tonecheck's kinds; one ``Linter`` (one spaCy pipeline) runs them all.  Each
file is read and parsed once; Vale's scopes become views of that one read:
``raw`` is the file as it is, ``heading`` (and ``heading.hN``,
``heading & ~heading.h1``) the headings of a Markdown file, and anything else
the prose tonecheck's reader finds.  Findings come back as ordinary
``FileResult``s (paths relative to the folder) for the reporters.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

import yaml

from ..engine import Linter, format_message
from ..errors import load_yaml
from ..finding import FileResult, Finding, Level
from ..formats import format_for, read_letter
from ..inputs import walk
from ..kinds.expression import Expression, ExpressionError
from ..kinds.expression import parse as parse_expression
from ..letter import Letter, OffsetMap, Part
from ..rules import Rule, RuleLoadError, build_rule
from ..source import SourceError, SourceText, read_path
from .ini import ValeConfig, active_rules, enabled_for, find_ini, read_ini, vocab_terms
from .translate import BUILTIN, translate

if TYPE_CHECKING:  # pragma: no cover
    from markdown_it.token import Token

LINTABLE = (".md", ".markdown", ".txt", ".rst", ".html", ".htm", ".adoc", ".org")


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

    def findings(self, source: SourceText, tokens: "list[Token] | None" = None) -> list[Finding]:
        value = self.formula.evaluate(structure_counts(source.text, tokens))
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


def markdown_tokens(text: str) -> "list[Token]":
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table").parse(text)


def structure_counts(text: str, tokens: "list[Token] | None" = None) -> dict[str, float]:
    counts = dict.fromkeys(STRUCTURE_VARIABLES, 0.0)
    for token in tokens if tokens is not None else markdown_tokens(text):
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
        level = Level.parse(str(data.get("level", "warning")))
    except (ExpressionError, KeyError, ValueError):
        return None
    return StructureMetric(rule_id, str(data.get("message", "")), level, parsed, condition)


@dataclass(frozen=True)
class ValeRule:
    rule: Rule | StructureMetric
    scope: str


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
            built = build_rule(mapping, rule_id=rule_id, pack=rule_id.split(".")[0], path=str(path))
        except RuleLoadError as exc:
            notices.extend(f"{p}; skipped" for p in exc.problems)
            continue
        rules[rule_id] = ValeRule(built, scope)
    return rules, notices


def _plain(source: SourceText, spans: list[tuple[int, int]]) -> Letter:
    parts = tuple(Part("body", s, e) for s, e in spans)
    return Letter(source, source.text, parts, OffsetMap.identity(len(source.text)), "text")


def heading_spans(source: SourceText, scope: str, tokens: "list[Token] | None" = None) -> list[tuple[int, int]]:
    """Source spans of the Markdown headings a Vale heading scope selects."""
    levels = {int(n) for n in re.findall(r"(?<!~)heading\.h(\d)", scope)} or set(range(1, 7))
    levels -= {int(n) for n in re.findall(r"~heading\.h(\d)", scope)}
    tokens = tokens if tokens is not None else markdown_tokens(source.text)
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


def vale_position(rule: Rule, finding: Finding, source: SourceText) -> Finding:
    """Move a finding to where Vale puts it: a too-few ``occurrence`` alert on the
    first match of the token, an alert that starts on inline code after the code.
    Every coordinate is recomputed from the new span."""
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
    end = max(start, finding.end)
    line, column = source.position(start)
    end_line, end_column = source.position(end)
    return replace(finding, start=start, end=end, line=line, column=column, end_line=end_line,
                   end_column=end_column, match=source.text[start:end])


@dataclass
class _FileViews:
    """One file read once, and the letters Vale's scopes select from it."""

    source: SourceText
    fmt: str
    _letters: dict[str, Letter] = field(default_factory=dict)
    _tokens: "list[Token] | None" = None

    @property
    def tokens(self) -> "list[Token]":
        if self._tokens is None:
            self._tokens = markdown_tokens(self.source.text)
        return self._tokens

    def letter(self, scope: str) -> Letter | None:
        """The letter a Vale scope selects (None: the scope does not apply to this file)."""
        key = "raw" if scope == "raw" else scope if scope.startswith("heading") else "prose"
        if key not in self._letters:
            if key == "raw":
                self._letters[key] = _plain(self.source, [(0, len(self.source.text))])
            elif key == "prose":
                self._letters[key] = read_letter(self.source, self.fmt)
            elif self.fmt == "markdown":
                self._letters[key] = _plain(self.source, heading_spans(self.source, scope, self.tokens))
            else:
                return None
        return self._letters[key]


@dataclass
class ValeRun:
    """What ``tonecheck vale`` found: results with paths relative to the folder, and notes."""

    results: list[FileResult]
    notes: list[str]

    def lines(self) -> list[str]:
        """Vale's ``--output=line --sort`` lines: ``path:line:col:Style.Rule:message``."""
        found = {(f.path, f.line, f.column, f"{f.path}:{f.line}:{f.column}:{f.rule}:{f.message}")
                 for r in self.results for f in r.findings}
        return [text for *_, text in sorted(found)]


def lint_folder(folder: str | os.PathLike[str], *, min_level: Level | None = None) -> ValeRun:
    """Lint a folder with the ``.vale.ini`` found in it or in a parent folder.

    Raises ``ValueError`` (no configuration, bad ``MinAlertLevel``) and ``OSError``."""
    root = Path(folder)
    ini = find_ini(root)
    if ini is None:
        raise ValueError("no .vale.ini, _vale or vale.ini in this folder or a parent folder")
    config = read_ini(ini)
    level = min_level if min_level is not None else config.min_level
    notes = list(config.warnings)
    styles = config.styles_path.resolve()
    files = [(full, os.path.relpath(full, root).replace(os.sep, "/"))
             for full in walk(str(root), wanted=lambda name: name.lower().endswith(LINTABLE),
                              skip=lambda path: Path(path).resolve() == styles)]
    wanted = {name for _, rel in files for name in enabled_for(config, rel)}
    rules, notices = load_style_rules(config, wanted)
    notes.extend(notices)
    linter = Linter([v.rule for v in rules.values() if isinstance(v.rule, Rule)])
    results = []
    for full, rel in files:
        try:  # every file is read, so a binary or oversized one is reported even when no rule applies
            views = _FileViews(read_path(full), format_for(full) or "text")
        except SourceError as exc:
            results.append(FileResult(rel, error=str(exc)))
            continue
        active = [rules[rid] for rid in active_rules(config, rel, list(rules)) if rules[rid].rule.level >= level]
        if not active:
            continue
        findings = _lint_file(views, active, linter, notes, rel)
        results.append(FileResult(rel, tuple(sorted(replace(f, path=rel) for f in findings)), views.letter("prose")))
    return ValeRun(results, notes)


def _lint_file(views: _FileViews, active: list[ValeRule], linter: Linter, notes: list[str], rel: str) -> list[Finding]:
    """The findings of ``active`` in one file; a rule that gave up (its regex ran
    past the budget) adds a line to ``notes``."""
    findings: list[Finding] = []
    by_scope: dict[str, list[Rule]] = {}
    for vrule in active:
        if isinstance(vrule.rule, StructureMetric):
            findings.extend(vrule.rule.findings(views.source, views.tokens) if views.fmt == "markdown" else [])
        else:
            by_scope.setdefault(vrule.scope, []).append(vrule.rule)
    for scope, scoped in by_scope.items():
        letter = views.letter(scope)
        if letter is None:
            continue
        by_id = {r.id: r for r in scoped}
        result = linter.lint_letter(letter, only=set(by_id))
        notes.extend(n.replace(str(letter.path), rel) for n in result.notices if "gave up" in n)
        for finding in result.findings:
            findings.append(vale_position(by_id[finding.rule], finding, views.source))
    return findings


def run_vale(folder: str | os.PathLike[str], *, min_level: Level | None = None) -> tuple[list[str], list[str]]:
    """Lint a folder the way ``vale --output=line --sort --relative .`` does.

    Returns (``path:line:col:Style.Rule:message`` lines, warnings and notices).
    """
    run = lint_folder(folder, min_level=min_level)
    return run.lines(), run.notes
