"""Score the Business pack on held-out letter rounds, at line level.

Each round is a folder of letters with a ``labels.yml`` written by a careful
editor before the pack ever ran on them (tests/heldout/README.md).  A label is
``Rule:LINE`` (``A|B:LINE`` when either rule fits; ``LINE`` 0 for a
letter-level problem, matched by that rule anywhere in the letter).  A finding
is *right* when it takes an unmatched label of its rule whose phrase shares a
line with it (a label on its start line first; the phrase's lines run from the
label's line to where the phrase its note quotes ends, so a phrase or a finding
wrapped over two lines counts on both), *wrong* otherwise; labels no finding
takes are *missed*.
``--start-line-only`` scores as rounds 9-12 were first scored: only a label on
the finding's start line counts.

    python scripts/heldout_score.py tests/heldout/round9 tests/heldout/round10
    python scripts/heldout_score.py --details tests/heldout/round9
    python scripts/heldout_score.py --json tests/heldout/round9
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import dataclasses

import yaml

import tonecheck
from tonecheck.engine import Linter
from tonecheck.rules import Rule, load_rules, select_rules

PACK = "Business"


@dataclass(frozen=True)
class Label:
    rules: tuple[str, ...]
    line: int
    note: str = ""
    last: int = 0  # the last line of the labelled phrase, when the note quotes it and it wraps

    def takes(self, rule: str, line: int, end_line: int | None = None) -> bool:
        """On its start line; with ``end_line``, anywhere the finding's lines meet the phrase's."""
        if rule not in self.rules:
            return False
        if self.line == 0:
            return True
        if end_line is None:
            return self.line == line
        return line <= max(self.line, self.last) and self.line <= end_line


@dataclass
class LetterScore:
    name: str
    right: list[tuple[str, int]] = field(default_factory=list)
    wrong: list[tuple[str, int, str]] = field(default_factory=list)
    missed: list[Label] = field(default_factory=list)


def parse_labels(path: Path) -> dict[str, list[Label]]:
    raw = path.read_text(encoding="utf-8")
    data = yaml.safe_load(raw) or {}
    notes = _notes(raw)
    labels: dict[str, list[Label]] = {}
    for name, entry in data.items():
        items = (entry or {}).get("expect") or []
        parsed = []
        for k, item in enumerate(items):
            rule_part, _, line = str(item).rpartition(":")
            note = notes.get(str(name), [])[k] if k < len(notes.get(str(name), [])) else ""
            parsed.append(Label(tuple(r.strip() for r in rule_part.split("|")), int(line), note))
        labels[str(name)] = parsed
    return labels


def _note_of(raw_line: str) -> str:
    return raw_line.split("#", 1)[1].strip() if "#" in raw_line else ""


def _notes(raw: str) -> dict[str, list[str]]:
    """The comment after each ``- Rule:LINE`` item, by letter, in order."""
    notes: dict[str, list[str]] = {}
    current = ""
    for line in raw.splitlines():
        if line and not line[0].isspace() and line.rstrip().endswith(":"):
            current = line.rstrip()[:-1]
        elif re.match(r"\s+-\s", line) and current:
            notes.setdefault(current, []).append(_note_of(line))
    return notes


def phrase_end_line(text: str, label: Label) -> int:
    """The line where the phrase a label's note quotes ends, searched from the label's line
    (the last fragment when the note elides the middle with '...'); the label's line if not found."""
    m = re.match(r"""\s*(['"])(.*)\1""", label.note)
    if label.line <= 0 or m is None:
        return label.line
    fragment = re.split(r"\s*(?:\.\.\.|…)\s*", m.group(2).split(f"{m.group(1)} / {m.group(1)}")[0])[-1]
    words = re.findall(r"[\w']+", fragment)
    if not words:
        return label.line
    lines = text.splitlines(keepends=True)
    start = sum(len(x) for x in lines[:label.line - 1])
    found = re.compile(r"\W+".join(re.escape(w) for w in words), re.IGNORECASE).search(text, start)
    if found is None or found.start() - start > 2000:
        return label.line
    return text.count("\n", 0, found.end()) + 1


def score_round(folder: Path, linter: Any, *, start_line_only: bool = False) -> list[LetterScore]:
    labels = parse_labels(folder / "labels.yml")
    paths = [str(folder / name) for name in labels]
    results = {Path(r.path).name: r for r in tonecheck.lint_paths(paths, linter=linter)}
    scores = []
    for name, wanted in labels.items():
        score = LetterScore(name)
        try:
            text = (folder / name).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            text = ""
        open_labels = [dataclasses.replace(lab, last=phrase_end_line(text, lab)) for lab in wanted]
        result = results.get(name)
        findings = sorted(result.findings, key=lambda f: (f.line, f.column)) if result is not None else []
        if result is not None and result.error:
            print(f"{folder / name}: {result.error}", file=sys.stderr)
        # Labels on the start line first, then on the other lines of the span, then letter-level
        # ones, so a line-0 label does not take a finding an exact one wants.
        for f in findings:
            rule = f.rule.split(".", 1)[1] if f.rule.startswith(PACK + ".") else f.rule
            end = max(f.line, f.end_line)
            taken = next((lab for lab in open_labels if lab.line and lab.takes(rule, f.line)), None) \
                or (None if start_line_only else
                    next((lab for lab in open_labels if lab.line and lab.takes(rule, f.line, end)), None)) \
                or next((lab for lab in open_labels if lab.takes(rule, f.line)), None)
            if taken is not None:
                open_labels.remove(taken)
                score.right.append((rule, f.line))
            else:
                score.wrong.append((rule, f.line, f.match))
        score.missed = open_labels
        scores.append(score)
    return scores


def totals(scores: list[LetterScore]) -> dict[str, Any]:
    right = sum(len(s.right) for s in scores)
    wrong = sum(len(s.wrong) for s in scores)
    missed = sum(len(s.missed) for s in scores)
    labelled = right + missed
    clean = [s for s in scores if not s.right and not s.missed]
    return {
        "letters": len(scores), "labels": labelled, "right": right, "wrong": wrong, "missed": missed,
        "recall": round(right / labelled, 4) if labelled else 1.0,
        "precision": round(right / (right + wrong), 4) if right + wrong else 1.0,
        "clean_letters": len(clean), "clean_letters_flagged": sum(1 for s in clean if s.wrong),
    }


def _without_classifier(rule: Rule) -> Rule:
    variants = {g: (_without_classifier(v) if v is not None else None) for g, v in rule.by_genre.items()}
    return dataclasses.replace(rule, classifier=None, by_genre=variants)


def make_linter(ignore: list[str], *, classifier: bool = True) -> Linter:
    """The Business pack at its own levels; without its tone-model signal when ``classifier`` is off."""
    rules = select_rules(load_rules(), [f"{PACK}.*"], ignore)
    if not classifier:
        rules = [_without_classifier(r) for r in rules if r.kind != "classifier"]
    return tonecheck.make_linter(rules=rules)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("rounds", nargs="+", type=Path, help="round folders holding labels.yml")
    parser.add_argument("--details", action="store_true", help="list every wrong and missed item")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--ignore", action="append", default=[], help="rule ids to leave out")
    parser.add_argument("--no-classifier", action="store_true",
                        help="patterns only: drop every rule's classifier: block (and classifier-kind rules)")
    parser.add_argument("--start-line-only", action="store_true",
                        help="a finding takes a label on its start line only (how rounds 9-12 were first scored)")
    args = parser.parse_args(argv)
    linter = make_linter(args.ignore, classifier=not args.no_classifier)
    report: dict[str, Any] = {}
    for folder in args.rounds:
        if not (folder / "labels.yml").is_file():
            print(f"{folder}: no labels.yml in this folder", file=sys.stderr)
            return 2
        scores = score_round(folder, linter, start_line_only=args.start_line_only)
        report[folder.name] = totals(scores)
        if args.details and not args.json:
            for s in scores:
                for rule, line, match in s.wrong:
                    print(f"  wrong   {s.name}:{line} {rule} {match!r}")
                for lab in s.missed:
                    print(f"  missed  {s.name}:{lab.line} {'|'.join(lab.rules)}")
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(f"{'round':<10} {'letters':>7} {'labels':>6} {'right':>5} {'wrong':>5} {'missed':>6} {'recall':>7} {'precision':>9}")
    for name, t in report.items():
        print(f"{name:<10} {t['letters']:>7} {t['labels']:>6} {t['right']:>5} {t['wrong']:>5} {t['missed']:>6} "
              f"{t['recall']:>7.1%} {t['precision']:>9.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
