"""Choose the classifier thresholds of the Business pack on letter rounds used for tuning.

    python scripts/tune_thresholds.py tests/heldout/round9 ... [--precision 0.9] [--write]

The dev split of the training data is written by the same helpers as the training
sentences, so thresholds chosen there flatter the model.  This script chooses them
on whole letters instead: it lints the rounds once with every classifier block at a
low threshold, then, label by label, finds the lowest threshold of the grid at which
the classifier findings the pack would add (at line level, scored as
``heldout_score.py`` scores: each finding takes one label of its rule on its line)
are right at least ``--precision`` of the time, with at least ``--min-right`` right
ones.  A label that never gets there keeps threshold 1 (off).

**Only rounds already used for tuning may be given** (their table in
tests/heldout/README.md says so): a round scored here is no longer held out.
``--write`` puts the thresholds into the rules' ``classifier:`` blocks.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent
LOW = 0.3
GRID = [round(LOW + i / 100, 2) for i in range(0, 70)]


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def lint_rounds(heldout: ModuleType, folders: list[Path], linter: Any) -> list[tuple[dict[str, Any], list[Any]]]:
    """(labels of each letter, findings of each letter) over the rounds."""
    import tonecheck

    out = []
    for folder in folders:
        labels = heldout.parse_labels(folder / "labels.yml")
        results = {Path(r.path).name: r for r in tonecheck.lint_paths([str(folder / n) for n in labels], linter=linter)}
        for name, wanted in labels.items():
            result = results.get(name)
            out.append(({"name": f"{folder.name}/{name}", "labels": wanted}, list(result.findings) if result else []))
    return out


def score(heldout: ModuleType, letters: list[tuple[dict[str, Any], list[Any]]],
          thresholds: dict[str, float]) -> tuple[int, int, int, dict[str, tuple[int, int]]]:
    """(right, wrong, labels, per label (right, wrong) of classifier findings) with ``thresholds``."""
    right = wrong = labelled = 0
    per: dict[str, tuple[int, int]] = {}
    for info, findings in letters:
        open_labels = list(info["labels"])
        labelled += len(open_labels)
        kept = [f for f in findings if f.signal != "classifier" or (f.score or 0) >= thresholds.get(_label(f), 1.0)]
        for f in sorted(kept, key=lambda f: (f.line, f.column)):
            rule = f.rule.split(".", 1)[1]
            taken = next((lab for lab in open_labels if lab.line and lab.takes(rule, f.line)), None) \
                or next((lab for lab in open_labels if lab.takes(rule, f.line)), None)
            ok = taken is not None
            if ok:
                open_labels.remove(taken)
                right += 1
            else:
                wrong += 1
            if f.signal == "classifier":
                r, w = per.get(rule, (0, 0))
                per[rule] = (r + ok, w + (not ok))
    return right, wrong, labelled, per


def _label(finding: Any) -> str:
    return str(finding.rule.split(".", 1)[1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("rounds", nargs="+", type=Path)
    parser.add_argument("--precision", type=float, default=0.9, help="precision the added findings must reach")
    parser.add_argument("--min-right", type=int, default=3)
    parser.add_argument("--write", action="store_true", help="write the thresholds into rules/Business/*.yml")
    args = parser.parse_args(argv)
    heldout = _load("heldout_score")
    train = _load("train_classifier")
    linter = heldout.make_linter([])
    checks = {c.spec.label: c for r in linter.rules for c in r.classifiers}
    current = {label: c.spec.threshold for label, c in checks.items()}
    import dataclasses

    for check in checks.values():
        check.spec = dataclasses.replace(check.spec, threshold=LOW)
    letters = lint_rounds(heldout, args.rounds, linter)
    chosen: dict[str, float] = {label: 1.0 for label in checks}
    for label in sorted(checks):
        best = 1.0
        base_r, base_w, _, _ = score(heldout, letters, chosen)
        for t in GRID:
            trial = dict(chosen, **{label: t})
            r, w, _, per = score(heldout, letters, trial)
            added_r, added_w = r - base_r, w - base_w
            if added_r >= args.min_right and added_r / max(added_r + added_w, 1) >= args.precision:
                best = t
                break
        chosen[label] = best
    for name, thresholds in (("current", current), ("chosen", chosen)):
        r, w, n, per = score(heldout, letters, thresholds)
        print(f"{name}: recall {r / n:.1%} precision {r / max(r + w, 1):.1%} ({r} right, {w} wrong, {n} labels)")
    _, _, _, per = score(heldout, letters, chosen)
    for label in sorted(checks):
        r, w = per.get(label, (0, 0))
        print(f"  {label:18} {current[label]:.2f} -> {chosen[label]:.2f}   classifier findings right {r} wrong {w}")
    if args.write:
        train.update_rules({label: {"threshold": t} for label, t in chosen.items()})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
