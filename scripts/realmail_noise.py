"""How often tonecheck speaks on real mail that is mostly fine as it is.

Runs the shipped packs at default settings (no configuration file) over each
folder of ``../shared/realmail`` and prints, per folder, the share of messages
with any finding, with a warning or worse, and with an error, plus the count of
findings per rule.  ``--findings`` lists every finding (for the hand audit in
docs/precision.md); ``--json`` prints the figures as one JSON object (the test
in tests/test_realmail_noise.py reads it).

    python scripts/realmail_noise.py                 # ../shared/realmail beside the checkout
    python scripts/realmail_noise.py --findings enron
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import tonecheck
from tonecheck.finding import FileResult, Level

DEFAULT_ROOT = Path(__file__).resolve().parents[1].parent / "shared" / "realmail"
FOLDERS = ("enron", "templates")
# Enron files 0200-0400 are never used as classifier training negatives
# (training/ uses 0000-0199): the held-out half of the noise measurement.
HELD_OUT_FROM = 200


@dataclass
class FolderFigures:
    folder: str
    files: int = 0
    any_finding: int = 0
    warning: int = 0
    error: int = 0
    unreadable: int = 0
    per_rule: Counter[str] = field(default_factory=Counter)

    def add(self, result: FileResult) -> None:
        self.files += 1
        if result.error:
            self.unreadable += 1
            return
        levels = [f.level for f in result.findings]
        self.any_finding += bool(levels)
        self.warning += any(level >= Level.WARNING for level in levels)
        self.error += any(level >= Level.ERROR for level in levels)
        self.per_rule.update(f.rule for f in result.findings)

    def share(self, count: int) -> float:
        return count / self.files if self.files else 0.0

    def as_dict(self) -> dict[str, object]:
        return {
            "files": self.files, "any_finding": self.any_finding, "warning": self.warning, "error": self.error,
            "unreadable": self.unreadable, "share_any": round(self.share(self.any_finding), 4),
            "share_warning": round(self.share(self.warning), 4), "share_error": round(self.share(self.error), 4),
            "per_rule": dict(self.per_rule.most_common()),
        }


def measure(root: Path, folders: tuple[str, ...] = FOLDERS) -> tuple[dict[str, FolderFigures], list[FileResult]]:
    linter = tonecheck.make_linter()
    figures: dict[str, FolderFigures] = {}
    every: list[FileResult] = []
    for folder in folders:
        path = root / folder
        results = tonecheck.lint_paths([str(path)], linter=linter)
        results.sort(key=lambda r: r.path)
        fig = figures[folder] = FolderFigures(folder)
        held = fig
        if folder == "enron":
            held = figures[f"{folder}-heldout"] = FolderFigures(f"{folder}-heldout")
        for result in results:
            fig.add(result)
            if held is not fig and _number(result.path) >= HELD_OUT_FROM:
                held.add(result)
        every.extend(results)
    return figures, every


def _number(path: str) -> int:
    stem = Path(path).stem
    return int(stem) if stem.isdigit() else -1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT, help="the realmail folder")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--findings", metavar="FOLDER", help="list every finding of this folder")
    args = parser.parse_args(argv)
    if not args.root.is_dir():
        print(f"{args.root}: realmail folder not found", file=sys.stderr)
        return 2
    figures, results = measure(args.root)
    if args.json:
        print(json.dumps({name: fig.as_dict() for name, fig in figures.items()}, indent=2))
        return 0
    if args.findings:
        for result in results:
            if Path(result.path).parent.name != args.findings:
                continue
            for f in result.findings:
                print(f"{Path(result.path).name}:{f.line}:{f.column}: {f.rule} {f.match!r}")
        return 0
    print(f"{'folder':<16} {'files':>5} {'any':>7} {'warning':>8} {'error':>7}")
    for fig in figures.values():
        print(f"{fig.folder:<16} {fig.files:>5} {fig.share(fig.any_finding):>7.1%} {fig.share(fig.warning):>8.1%} "
              f"{fig.share(fig.error):>7.1%}")
    for fig in figures.values():
        if fig.folder.endswith("-heldout"):
            continue
        print(f"\n{fig.folder}: findings per rule")
        for rule, count in fig.per_rule.most_common():
            print(f"  {count:>4}  {rule}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
