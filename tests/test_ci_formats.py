"""CI formats: SARIF 2.1.0 (validated against the official schema), GitHub
workflow commands, JUnit XML, and --statistics, on one shared fixture."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tonecheck.finding import FileResult, Finding, Level
from tonecheck.formats import read_letter
from tonecheck.reporters import REPORTERS, RuleInfo
from tonecheck.reporters.github import escape_data, escape_property
from tonecheck.source import SourceText

from .conftest import SHARED
from .test_config import run

SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"
TEXT = "Dear Ms Lee,\n\nThere was a minor hiccup, sorry.\n\nLove,\nSam\n"
SOURCE = SourceText("letters/a.txt", TEXT)


def _finding(rule: str, level: Level, start: int, end: int, message: str, suggestions: tuple[str, ...] = ()) -> Finding:
    line, col = SOURCE.position(start)
    end_line, end_col = SOURCE.position(end)
    return Finding("letters/a.txt", start, end, rule, level, message, line, col, end_line, end_col,
                   TEXT[start:end], suggestions, "body", SOURCE.line_text(line))


HICCUP = TEXT.index("a minor hiccup")
LOVE = TEXT.index("Love")
RESULTS = [
    FileResult("letters/a.txt", (
        _finding("Business.Sugarcoating", Level.WARNING, HICCUP, HICCUP + 14, "'a minor hiccup' shrinks it, 50%"),
        _finding("Business.AffectionateSignOff", Level.ERROR, LOVE, LOVE + 4, "Close with 'Best regards'", ("Best regards",)),
    ), read_letter(SOURCE)),
    FileResult("letters/b.txt", (), read_letter(SourceText("letters/b.txt", "Fine.\n"))),
    FileResult("letters/logo.txt", error="not a text file"),
]
RULES = {
    "Business.Sugarcoating": RuleInfo("Business.Sugarcoating", "Euphemisms for failures", "Say what broke.", "", Level.WARNING),
    "Business.AffectionateSignOff": RuleInfo("Business.AffectionateSignOff", "Intimate sign-offs", "Close formally.",
                                             "https://example.org/signoff", Level.ERROR),
}


def render(fmt: str) -> str:
    stream = io.StringIO()
    REPORTERS[fmt](stream, rules=RULES).report(RESULTS)
    return stream.getvalue()


@pytest.fixture(scope="module")
def sarif_schema() -> dict:
    if not SCHEMA.is_file():
        pytest.skip(f"the SARIF schema is not at {SCHEMA} (../shared is absent)")
    return json.loads(SCHEMA.read_text())


def test_sarif_is_valid_and_describes_rules(sarif_schema: dict) -> None:
    import jsonschema

    log = json.loads(render("sarif"))
    jsonschema.validate(log, sarif_schema)
    run_ = log["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["Business.AffectionateSignOff", "Business.Sugarcoating"]
    assert rules[0]["help"] == {"text": "Close formally."} and rules[0]["helpUri"] == "https://example.org/signoff"
    assert rules[0]["defaultConfiguration"] == {"level": "error"}
    first = run_["results"][0]
    assert first["ruleId"] == "Business.Sugarcoating" and first["level"] == "warning"
    assert first["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 3, "startColumn": 11, "endLine": 3, "endColumn": 25, "snippet": {"text": "a minor hiccup"}}
    assert run_["results"][1]["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"] == {"text": "Best regards"}
    assert run_["invocations"][0]["executionSuccessful"] is False
    assert run_["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"] == "letters/logo.txt: not a text file"


def test_sarif_from_the_cli_is_valid(sarif_schema: dict, tmp_path: Path) -> None:
    import jsonschema

    (tmp_path / "a.txt").write_text(TEXT)
    code, out, _ = run("--format", "sarif", "--no-config", str(tmp_path / "a.txt"))
    assert code == 1
    log = json.loads(out)
    jsonschema.validate(log, sarif_schema)
    ids = {r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert "Business.NonApology" in ids  # every rule of the run is described, not only those that fired
    assert all(r["fullDescription"]["text"] for r in log["runs"][0]["tool"]["driver"]["rules"])


def test_github_annotations() -> None:
    assert render("github").splitlines() == [
        "::warning file=letters/a.txt,line=3,col=11,endLine=3,endColumn=25,title=Business.Sugarcoating::'a minor hiccup' shrinks it, 50%25",
        "::error file=letters/a.txt,line=5,col=1,endLine=5,endColumn=5,title=Business.AffectionateSignOff::Close with 'Best regards'",
        "::error file=letters/logo.txt,title=tonecheck::not a text file",
    ]
    assert escape_property("a:b,c\nd") == "a%3Ab%2Cc%0Ad"
    assert escape_data("100%\r\n") == "100%25%0D%0A"


def test_junit_one_testcase_per_file() -> None:
    root = ET.fromstring(render("junit"))
    suite = root.find("testsuite")
    assert suite is not None
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("3", "1", "1")
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    assert list(cases) == ["letters/a.txt", "letters/b.txt", "letters/logo.txt"]
    failure = cases["letters/a.txt"].find("failure")
    assert failure is not None and failure.get("message") == "2 findings"
    assert failure.text.splitlines()[1] == "5:1: error Business.AffectionateSignOff Close with 'Best regards'"
    assert list(cases["letters/b.txt"]) == []
    assert cases["letters/logo.txt"].find("error").get("message") == "not a text file"


def test_statistics_counts_per_rule_sorted(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT + "\nA minor hiccup again. A slight delay too.\n")
    code, out, _ = run("--statistics", "--no-config", "--select", "Business.Sugarcoating,Business.AffectionateSignOff",
                       str(tmp_path / "a.txt"))
    assert code == 1
    assert out.splitlines() == [
        "3  Business.Sugarcoating         warning",
        "1  Business.AffectionateSignOff  error",
        "1 error, 3 warnings, 0 suggestions in 1 file",
    ]
