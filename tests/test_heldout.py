"""The held-out rounds score with scripts/heldout_score.py, and the genres work
keeps round 9's recall at or above its first run (issue 12: no recall lost)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import yaml

from tonecheck import make_linter

ROOT = Path(__file__).resolve().parents[1]
HELDOUT = ROOT / "tests" / "heldout"
ROUND9_FIRST_RUN_RECALL = 64 / 125  # 51.2%, pack at 4a3da81


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("heldout_score", ROOT / "scripts" / "heldout_score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["heldout_score"] = module
    spec.loader.exec_module(module)
    return module


def test_every_round_labels_every_letter_it_holds() -> None:
    for folder in sorted(p for p in HELDOUT.iterdir() if p.is_dir()):
        labels = yaml.safe_load((folder / "labels.yml").read_text(encoding="utf-8"))
        letters = {p.name for p in folder.iterdir() if p.name not in ("labels.yml",)}
        assert set(labels) == letters, folder.name
        assert len(letters) >= 40, folder.name


def test_scoring_matches_rules_and_lines(tmp_path: Path) -> None:
    score = _script()
    (tmp_path / "a.txt").write_text("Dear Ms. Lee,\n\nSorry if you felt let down.\n\nBest regards,\nSam\n")
    (tmp_path / "labels.yml").write_text("a.txt:\n  expect:\n    - NonApology|Hostile:3\n    - Excuse:3\n")
    (result,) = score.score_round(tmp_path, make_linter(select=["Business.*"]))
    assert result.right == [("NonApology", 3)]
    assert [lab.rules for lab in result.missed] == [("Excuse",)]
    totals = score.totals([result])
    assert (totals["recall"], totals["labels"]) == (0.5, 2)


def test_a_finding_takes_a_label_on_any_line_its_span_covers(tmp_path: Path) -> None:
    score = _script()
    (tmp_path / "a.txt").write_text("Dear Ms. Lee,\n\nThe delay was a tiny\nhiccup on our side.\n\nBest regards,\nSam\n")
    (tmp_path / "labels.yml").write_text("a.txt:\n  expect:\n    - Sugarcoating:4\n")
    linter = make_linter(select=["Business.Sugarcoating"])
    (covered,) = score.score_round(tmp_path, linter)
    assert covered.right == [("Sugarcoating", 3)] and not covered.missed
    (start_only,) = score.score_round(tmp_path, linter, start_line_only=True)
    assert not start_only.right and [lab.line for lab in start_only.missed] == [4]


def test_round9_keeps_its_first_run_recall() -> None:
    score = _script()
    totals = score.totals(score.score_round(HELDOUT / "round9", make_linter(select=["Business.*"])))
    assert totals["recall"] >= round(ROUND9_FIRST_RUN_RECALL, 4) - 1e-9, totals
