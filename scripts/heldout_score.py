"""Score the Business pack on held-out letter rounds, at line level.

Each round is a folder of letters with a ``labels.yml`` written by a careful
editor before the pack ever ran on them (tests/heldout/README.md).  A label is
``Rule:LINE`` (``A|B:LINE`` when either rule fits; ``LINE`` 0 for a
letter-level problem, matched by that rule anywhere in the letter).  A finding
is *right* when it takes an unmatched label of its rule on its start line,
*wrong* otherwise; labels no finding takes are *missed*.

    python scripts/heldout_score.py tests/heldout/round9 tests/heldout/round10
    python scripts/heldout_score.py --details tests/heldout/round9
    python scripts/heldout_score.py --json tests/heldout/round9
"""

from __future__ import annotations

import argparse
import json
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

    def takes(self, rule: str, line: int) -> bool:
        return rule in self.rules and (self.line == 0 or self.line == line)


@dataclass
class LetterScore:
    name: str
    right: list[tuple[str, int]] = field(default_factory=list)
    wrong: list[tuple[str, int, str]] = field(default_factory=list)
    missed: list[Label] = field(default_factory=list)


def parse_labels(path: Path) -> dict[str, list[Label]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    labels: dict[str, list[Label]] = {}
    for name, entry in data.items():
        items = (entry or {}).get("expect") or []
        parsed = []
        for item in items:
            rule_part, _, line = str(item).rpartition(":")
            parsed.append(Label(tuple(r.strip() for r in rule_part.split("|")), int(line)))
        labels[str(name)] = parsed
    return labels


def _note_of(raw_line: str) -> str:
    return raw_line.split("#", 1)[1].strip() if "#" in raw_line else ""


def score_round(folder: Path, linter: Any) -> list[LetterScore]:
    labels = parse_labels(folder / "labels.yml")
    paths = [str(folder / name) for name in labels]
    results = {Path(r.path).name: r for r in tonecheck.lint_paths(paths, linter=linter)}
    scores = []
    for name, wanted in labels.items():
        score = LetterScore(name)
        open_labels = list(wanted)
        result = results.get(name)
        findings = sorted(result.findings, key=lambda f: (f.line, f.column)) if result is not None else []
        if result is not None and result.error:
            print(f"{folder / name}: {result.error}", file=sys.stderr)
        # Exact-line labels first, so a line-0 label does not take a finding an exact one wants.
        for f in findings:
            rule = f.rule.split(".", 1)[1] if f.rule.startswith(PACK + ".") else f.rule
            taken = next((lab for lab in open_labels if lab.line and lab.takes(rule, f.line)), None) \
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
    args = parser.parse_args(argv)
    linter = make_linter(args.ignore, classifier=not args.no_classifier)
    report: dict[str, Any] = {}
    for folder in args.rounds:
        if not (folder / "labels.yml").is_file():
            print(f"{folder}: no labels.yml in this folder", file=sys.stderr)
            return 2
        scores = score_round(folder, linter)
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
