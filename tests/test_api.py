"""The public Python API: tonecheck.lint_text, lint_paths, make_linter."""

from __future__ import annotations

from pathlib import Path

import pytest

import tonecheck
from tonecheck.engine import Linter
from tonecheck.rules import RuleLoadError

LETTER = "Dear Ana,\n\nThe deadline was missed, but it was a minor hiccup.\n\nLove,\nSam\n"


def test_lint_text_returns_findings_in_source_order(linter: Linter) -> None:
    findings = tonecheck.lint_text(LETTER, linter=linter)
    assert [(f.rule, f.line, f.column, f.match) for f in findings if f.rule != "Business.MissingPurpose"] == [
        ("Business.PassiveEvasion", 3, 5, "deadline was missed"),
        ("Business.Sugarcoating", 3, 37, "a minor hiccup"),
        ("Business.AffectionateSignOff", 5, 1, "Love"),
    ]
    assert all(isinstance(f, tonecheck.Finding) for f in findings)
    assert findings == sorted(findings, key=lambda f: (f.start, f.end, f.rule))


def test_lint_text_with_select_builds_its_own_linter() -> None:
    findings = tonecheck.lint_text(LETTER, select=["Business.AffectionateSignOff"])
    assert [(f.rule, f.level, f.suggestions) for f in findings] == [
        ("Business.AffectionateSignOff", tonecheck.Level.ERROR, ("Best regards",))]


def test_lint_text_picks_the_reader_from_the_path(linter: Linter) -> None:
    html = "<p>Dear Ana,</p><p>It was a <b>minor hiccup</b>.</p><p>Love,<br>Sam</p>"
    findings = tonecheck.lint_text(html, path="letter.html", linter=linter)
    spans = {f.rule: (f.line, f.column, f.match) for f in findings}
    # the span runs from "a" to "hiccup" in the file, markup and all
    assert spans["Business.Sugarcoating"] == (1, 27, "a <b>minor hiccup")
    assert spans["Business.AffectionateSignOff"] == (1, 56, "Love")


def test_lint_paths_keeps_input_order_and_errors(tmp_path: Path, linter: Linter) -> None:
    good = tmp_path / "b.txt"
    good.write_text(LETTER)
    results = tonecheck.lint_paths([str(tmp_path / "missing.txt"), str(good)], linter=linter)
    assert [r.path for r in results] == [str(tmp_path / "missing.txt"), str(good)]
    assert results[0].error == "no such file or directory" and results[0].findings == ()
    assert any(f.rule == "Business.AffectionateSignOff" for f in results[1].findings)


def test_make_linter_reports_bad_rules(tmp_path: Path) -> None:
    pack = tmp_path / "Team"
    pack.mkdir()
    (pack / "Bad.yml").write_text("extends: existence\nmessage: m\ntokens: ['(']\n")
    with pytest.raises(RuleLoadError) as info:
        tonecheck.make_linter(packs=[pack])
    assert info.value.problems[0].startswith(f"{pack / 'Bad.yml'}: tokens[0]: invalid regex")


def test_unknown_attribute() -> None:
    with pytest.raises(AttributeError):
        tonecheck.no_such_thing  # noqa: B018
