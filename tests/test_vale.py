"""Vale's own check scenarios, run from ../shared/peers/vale (never copied here).

Each scenario lints a fixture folder with its .vale.ini and styles and must
give exactly Vale's ``path:line:col:Style.Rule:message`` lines from
``checks.feature``.  Scenarios that cannot pass yet are expected failures
with the reason.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tonecheck.vale import run as vale
from tonecheck.vale.translate import literal_spaces
from tonecheck.finding import Level
from tonecheck.source import SourceText

from .conftest import SHARED
from .test_config import run

VALE = SHARED / "peers" / "vale" / "testdata"
FEATURE = VALE / "features" / "checks.feature"

# The scenarios of the kinds tonecheck maps (the list).
KINDS_UNDER_TEST = ("Existence", "Substitution", "Occurrence", "Conditional", "ConditionalPresence", "Repetition",
                    "Capitalization", "EndOfLine", "Metric")
XFAIL = {
    "Substitution": "tonecheck's substitution kind never reports a match that equals its replacement ignoring case "
                    "(Vale reports 'Mutual TLS' -> 'mutual TLS', 'Javascript' -> 'JavaScript'), does not expand $1 "
                    "in replacements, does not see link URLs (Bugs.URLCtx), and Vale quotes the replacement itself "
                    "(an empty one leaves a double space that tonecheck's messages collapse)",
    "Repetition": "text.rst: tonecheck has no reStructuredText reader (a '::' literal block is linted as prose); "
                  "and where a repeat spans inline markup ('Mermaid [Mermaid', 'use _use_') Vale reports column 1",
}


def scenarios() -> dict[str, list[str]]:
    if not FEATURE.is_file():
        return {}
    found = {}
    pattern = r'When I test "checks/(\w+)"\s+Then the output should contain exactly:\s+"""\n(.*?)\n\s*"""'
    for m in re.finditer(pattern, FEATURE.read_text(), re.S):
        found[m.group(1)] = [line.strip() for line in m.group(2).splitlines() if line.strip()]
    return found


SCENARIOS = scenarios()


def _param(name: str) -> object:
    marks = [pytest.mark.xfail(reason=XFAIL[name], strict=True)] if name in XFAIL else []
    return pytest.param(name, marks=marks, id=name)


@pytest.mark.skipif(not SCENARIOS, reason=f"Vale's scenarios are not at {FEATURE} (../shared is absent)")
@pytest.mark.parametrize("name", [_param(n) for n in KINDS_UNDER_TEST])
def test_vale_scenario(name: str) -> None:
    lines, _ = vale.run_vale(VALE / "fixtures" / "checks" / name)
    assert lines == SCENARIOS[name]


@pytest.mark.skipif(not SCENARIOS, reason="../shared is absent")
def test_feature_file_has_the_scenarios() -> None:
    assert set(KINDS_UNDER_TEST) <= set(SCENARIOS)
    assert SCENARIOS["EndOfLine"] == ["test.md:1:15:Test.EOL:Avoid ending a line with 'and'."]


def test_ini_sections_vocab_and_unsupported_keys(tmp_path: Path) -> None:
    styles = tmp_path / "styles" / "Acme"
    styles.mkdir(parents=True)
    vocab = tmp_path / "styles" / "config" / "vocabularies" / "Team"
    vocab.mkdir(parents=True)
    (vocab / "accept.txt").write_text("synergy\n")
    (styles / "Buzz.yml").write_text("extends: existence\nmessage: \"Avoid '%s'.\"\nlevel: error\naction:\n  name: remove\n"
                                      "tokens: [synergy, leverage]\n")
    (styles / "Spell.yml").write_text("extends: spelling\nmessage: x\n")
    (styles / "Odd.yml").write_text("extends: existence\nmessage: x\ntokens: [x]\nlimit: 2\n")
    (tmp_path / ".vale.ini").write_text("StylesPath = styles\nMinAlertLevel = warning\nVocab = Team\nPackages = Google\n"
                                        "IgnoredScopes = code\n\n[*.md]\nBasedOnStyles = Acme\nAcme.Odd = NO\n\n"
                                        "[draft.md]\nAcme.Buzz = NO\n")
    (tmp_path / "a.md").write_text("We leverage synergy.\n")
    (tmp_path / "draft.md").write_text("We leverage synergy.\n")
    lines, notes = vale.run_vale(tmp_path)
    assert lines == ["a.md:1:4:Acme.Buzz:Avoid 'leverage'."]  # synergy is accepted vocabulary
    ini = tmp_path / ".vale.ini"
    assert f"{ini}: Packages: not supported by tonecheck; ignored" in notes
    assert f"{ini}: IgnoredScopes: not supported by tonecheck; ignored" in notes
    assert f"{styles / 'Spell.yml'}: 'spelling' rules are not supported by tonecheck; skipped" in notes
    assert f"{styles / 'Odd.yml'}: limit: not supported by tonecheck for 'existence'; ignored" in notes
    assert sum("Packages" in n for n in notes) == 1


def test_vale_command(tmp_path: Path) -> None:
    styles = tmp_path / "styles" / "Acme"
    styles.mkdir(parents=True)
    (styles / "Buzz.yml").write_text("extends: existence\nmessage: \"Avoid '%s'.\"\nlevel: error\ntokens: [leverage]\n")
    (tmp_path / ".vale.ini").write_text("StylesPath = styles\nSpelling = YES\n[*.txt]\nBasedOnStyles = Acme\n")
    (tmp_path / "a.txt").write_text("We leverage it.\n")
    code, out, err = run("vale", str(tmp_path))
    assert (code, out) == (1, "a.txt:1:4:Acme.Buzz:Avoid 'leverage'.\n")
    assert err == f"{tmp_path / '.vale.ini'}: Spelling: not supported by tonecheck; ignored\n"


def test_literal_spaces_keep_vale_semantics() -> None:
    assert literal_spaces("a {2,}b") == "a[ ]{2,}b"
    assert literal_spaces("[ ,] x\\ y") == "[ ,][ ]x\\ y"


@pytest.mark.skipif(not SCENARIOS, reason="../shared is absent")
def test_repetition_matches_all_but_the_documented_lines() -> None:
    lines, _ = vale.run_vale(VALE / "fixtures" / "checks" / "Repetition")
    missing = [line for line in SCENARIOS["Repetition"] if line not in lines]
    assert missing == ["test.md:27:1:Vale.Repetition:'Mermaid' is repeated!", "test.md:35:1:Vale.Repetition:'use' is repeated!"]
    assert sorted(line for line in lines if line not in SCENARIOS["Repetition"]) == sorted([
        "test.md:27:9:Vale.Repetition:'Mermaid' is repeated!",
        "test.md:35:12:Vale.Repetition:'use' is repeated!",
        "text.rst:3:19:Vale.Repetition:'bar' is repeated!",
    ])


def test_readme_states_the_passing_count() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    passing = len([n for n in KINDS_UNDER_TEST if n not in XFAIL])
    assert f"**{passing} of {len(KINDS_UNDER_TEST)} pass exactly**" in readme


def test_vale_command_errors_are_one_line(tmp_path: Path) -> None:
    code, _, err = run("vale", str(tmp_path))
    assert (code, err) == (2, f"tonecheck: {tmp_path}: no .vale.ini, _vale or vale.ini in this folder or a parent folder\n")
    (tmp_path / ".vale.ini").write_text("MinAlertLevel = loud\n")
    code, _, err = run("vale", str(tmp_path))
    assert code == 2 and err.startswith(f"tonecheck: {tmp_path}: unknown level 'loud'")
    (tmp_path / ".vale.ini").write_text("StylesPath = styles\n[*]\nBasedOnStyles = A\n")
    (tmp_path / "styles" / "A").mkdir(parents=True)
    (tmp_path / "styles" / "A" / "B.yml").write_text("extends: existence\nmessage: [\n")
    (tmp_path / "a.md").write_text("hi\n")
    code, out, err = run("vale", str(tmp_path))
    assert (code, out) == (0, "")
    assert err.startswith(f"{tmp_path / 'styles' / 'A' / 'B.yml'}: cannot read this rule (") and err.endswith("); skipped\n")


def test_structure_metric_counts_markdown_blocks() -> None:
    counts = vale.structure_counts("# A\n\n## B\n\n- x\n- y\n\n> q\n\n```\ncode\n```\n\n| a |\n|---|\n| b |\n")
    assert {k: v for k, v in counts.items() if v} == {"heading_h1": 1, "heading_h2": 1, "list": 1, "blockquote": 1,
                                                      "pre": 1, "table": 1}
    metric = vale.structure_metric({"extends": "metric", "message": "%s lists", "formula": "heading.h2 + list",
                                    "condition": "> 1", "level": "error"}, "T.M")
    assert metric is not None
    found = metric.findings(SourceText("a.md", "## A\n\n- x\n"))
    assert [(f.rule, f.level, f.message, f.line, f.column) for f in found] == [("T.M", Level.ERROR, "2.00 lists", 1, 1)]
    assert metric.findings(SourceText("a.md", "## A\n")) == []


def _buzz_project(tmp_path: Path) -> Path:
    styles = tmp_path / "styles" / "Acme"
    styles.mkdir(parents=True)
    (styles / "Buzz.yml").write_text("extends: existence\nmessage: \"Avoid '%s'.\"\nlevel: warning\ntokens: [leverage]\n")
    (tmp_path / ".vale.ini").write_text("StylesPath = styles\n[*.txt]\nBasedOnStyles = Acme\n")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("We leverage it.\n")
    return tmp_path


def test_vale_finds_the_ini_in_a_parent_folder(tmp_path: Path) -> None:
    project = _buzz_project(tmp_path)
    code, out, _ = run("vale", str(project / "docs"))
    assert (code, out) == (1, "a.txt:1:4:Acme.Buzz:Avoid 'leverage'.\n")


def test_vale_output_json_and_min_alert_level(tmp_path: Path) -> None:
    import json

    project = _buzz_project(tmp_path)
    code, out, _ = run("vale", "--output", "JSON", str(project))
    assert code == 1
    assert json.loads(out) == {"docs/a.txt": [{"Check": "Acme.Buzz", "Line": 1, "Span": [4, 11],
                                               "Message": "Avoid 'leverage'.", "Severity": "warning",
                                               "Match": "leverage", "Link": "", "Description": ""}]}
    code, out, _ = run("vale", "--minAlertLevel", "error", str(project))
    assert (code, out) == (0, "")


def test_vale_moved_alerts_have_consistent_coordinates() -> None:
    from tonecheck.finding import Finding
    from tonecheck.rules import build_rule

    rule = build_rule({"extends": "existence", "message": "m", "tokens": ["x"]}, rule_id="A.B", pack="A", path="p")
    source = SourceText("a.md", "`code` x\n")
    finding = Finding("a.md", 0, 8, "A.B", Level.WARNING, "m", 1, 1, 1, 9, "`code` x")
    moved = vale.vale_position(rule, finding, source)
    assert (moved.start, moved.column, moved.end_column, moved.match) == (6, 7, 9, " x")
