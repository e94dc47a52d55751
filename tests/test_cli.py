"""The command line: formats, exit codes and error paths."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tonecheck.cli import main

from .conftest import EXAMPLES, ROOT

LOST = str(EXAMPLES / "lost-account.txt")
REWRITE = str(EXAMPLES / "lost-account-rewrite.txt")


def run(*args: str, input: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def signoff_line() -> int:
    lines = Path(LOST).read_text().splitlines()
    return lines.index("Love,") + 1


def test_lost_account_letter_reports_the_signoff_and_exits_1() -> None:
    code, out, _ = run(LOST)
    assert code == 1
    assert f"lost-account.txt:{signoff_line()}:1: error Business.AffectionateSignOff" in out
    assert "Love," in out and "^^^^" in out
    assert out.rstrip().splitlines()[-2].endswith("in 1 file")
    assert out.rstrip().splitlines()[-1] == "1 fixable with --fix"


def test_text_output_shows_caret_under_the_exact_span() -> None:
    _, out, _ = run("--select", "Business.Sugarcoating", LOST)
    lines = out.splitlines()
    src = next(i for i, line in enumerate(lines) if "| minor hiccup" in line or "minor hiccup compared" in line)
    src_line, caret_line = lines[src], lines[src + 1]
    start = src_line.index("minor hiccup")
    assert caret_line[start:start + len("minor hiccup")] == "^" * len("minor hiccup")
    assert caret_line[start - 1] == " " and caret_line[start + len("minor hiccup"):].strip() == ""


def test_summary_counts_levels() -> None:
    _, out, _ = run("--format", "json", LOST)
    data = json.loads(out)
    _, text, _ = run(LOST)
    s = data["summary"]
    plural = lambda n, w: f"{n} {w}{'' if n == 1 else 's'}"  # noqa: E731
    expected = f"{plural(s['errors'], 'error')}, {plural(s['warnings'], 'warning')}, {plural(s['suggestions'], 'suggestion')} in 1 file"
    assert expected in text.rstrip().splitlines()[-2:]


def test_json_contract() -> None:
    code, out, _ = run("--format", "json", LOST)
    data = json.loads(out)
    assert code == 1
    assert data["version"] == 1
    assert set(data) == {"version", "files", "summary"}
    assert set(data["summary"]) == {"files", "errors", "warnings", "suggestions"}
    (entry,) = data["files"]
    assert entry["path"] == LOST
    keys = {"rule", "level", "message", "line", "column", "end_line", "end_column", "match", "suggestions", "part", "signal"}
    assert all(set(f) == keys for f in entry["findings"])
    signoff = next(f for f in entry["findings"] if f["rule"] == "Business.AffectionateSignOff")
    assert signoff == {**signoff, "level": "error", "line": signoff_line(), "column": 1, "end_line": signoff_line(),
                       "end_column": 5, "match": "Love", "part": "closing", "suggestions": ["Best regards"]}
    source_lines = Path(LOST).read_text().splitlines(keepends=True)

    def offset(line: int, column: int) -> int:
        return sum(len(x) for x in source_lines[: line - 1]) + column - 1

    text = "".join(source_lines)
    for f in entry["findings"]:
        assert text[offset(f["line"], f["column"]):offset(f["end_line"], f["end_column"])] == f["match"]


def test_line_format() -> None:
    code, out, _ = run("--format", "line", "--select", "Business.AffectionateSignOff", LOST)
    assert code == 1
    assert out == (f"{LOST}:{signoff_line()}:1: error Business.AffectionateSignOff Close a business letter with "
                   "'Best regards', not with an affectionate sign-off like 'Love'.\n")


def test_clean_letter_exits_0() -> None:
    code, out, _ = run(REWRITE)
    assert code == 0, out
    assert out.strip() == "0 errors, 0 warnings, 0 suggestions in 1 file"


def test_fail_level_and_min_level() -> None:
    assert run("--select", "Business.Sugarcoating", LOST)[0] == 0  # a warning is below the default fail level
    assert run("--select", "Business.Sugarcoating", "--fail-level", "warning", LOST)[0] == 1
    code, out, _ = run("--format", "json", "--min-level", "error", LOST)
    assert {f["level"] for f in json.loads(out)["files"][0]["findings"]} == {"error"}


def test_select_and_ignore_by_pack_glob() -> None:
    _, out, _ = run("--format", "json", "--ignore", "Business.*", LOST)
    assert json.loads(out)["files"][0]["findings"] == []
    _, out, _ = run("--format", "json", "--select", "Business.NonApology,Business.AffectionateSignOff", LOST)
    assert {f["rule"] for f in json.loads(out)["files"][0]["findings"]} == {"Business.NonApology", "Business.AffectionateSignOff"}


def test_stdin() -> None:
    code, out, _ = run("--format", "line", "--select", "Business.AffectionateSignOff", "-",
                       input=b"Thanks for the order.\n\nHugs,\nSam\n")
    assert code == 1
    assert out.startswith("<stdin>:3:1: error Business.AffectionateSignOff")


def test_missing_file_is_exit_2_and_others_still_linted(tmp_path: Path) -> None:
    code, out, err = run("--format", "line", str(tmp_path / "nope.txt"), LOST)
    assert code == 2
    assert err.strip().splitlines()[0] == f"{tmp_path / 'nope.txt'}: no such file or directory"
    assert "Business.AffectionateSignOff" in out


def test_binary_and_empty_files(tmp_path: Path) -> None:
    (tmp_path / "logo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "empty.txt").write_text("  \n")
    code, _, err = run(str(tmp_path / "logo.txt"), str(tmp_path / "empty.txt"))
    assert code == 2
    assert f"{tmp_path / 'logo.txt'}: not a text file" in err
    assert f"{tmp_path / 'empty.txt'}: empty file; nothing to lint" in err
    assert "Traceback" not in err


def test_directory_is_walked_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("Done.\n\nLove,\nSam\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("Done.\n\nXOXO\nSam\n")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "c.txt").write_text("Love,\nSam\n")
    os.symlink(tmp_path, tmp_path / "sub" / "loop")
    code, out, _ = run("--format", "line", "--select", "Business.AffectionateSignOff", str(tmp_path))
    assert code == 1
    assert [line.split(":")[0] for line in out.splitlines()] == [str(tmp_path / "b.txt"), str(tmp_path / "sub" / "a.txt")]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("extends: existence\nmessage: m\ntokens: [a]\ntokenz: [b]\n", "tokenz: unknown key (did you mean 'tokens'?)"),
        ("extends: existence\nmessage: m\ntokens: ['(broken']\n", "tokens[0]: invalid regex '(broken'"),
        ("extends: existance\nmessage: m\n", "extends: unknown rule kind 'existance' (did you mean 'existence'?)"),
        ("extends: existence\nmessage: [\n", "invalid YAML"),
        ("extends: pattern\nmessage: m\npatterns: [[{LOWERR: x}]]\n", "patterns[0]: invalid spaCy pattern"),
        ("extends: existence\nmessage: m\nlevel: fatal\ntokens: [a]\n", "level: unknown level 'fatal'"),
        ("- just\n- a list\n", "a rule file must be a mapping"),
        ("!!python/object/apply:os.system ['true']\n", "invalid YAML"),
    ],
)
def test_broken_rule_is_exit_2_with_one_line_naming_the_file(tmp_path: Path, content: str, expected: str) -> None:
    pack = tmp_path / "Team"
    pack.mkdir()
    (pack / "Bad.yml").write_text(content)
    code, out, err = run("--rules", str(pack), LOST)
    assert code == 2
    first = err.splitlines()[0]
    assert first.startswith(f"{pack / 'Bad.yml'}: ")
    assert expected in first
    assert "Traceback" not in err
    assert out == ""


def test_all_rule_problems_are_reported_at_once(tmp_path: Path) -> None:
    pack = tmp_path / "Team"
    pack.mkdir()
    (pack / "A.yml").write_text("extends: existence\nmessage: m\ntokens: [a]\nfoo: 1\nbar: 2\n")
    (pack / "B.yml").write_text("extends: existence\ntokens: ['(']\n")
    _, _, err = run("--rules", str(pack), LOST)
    lines = err.splitlines()
    assert sum(line.startswith(str(pack / "A.yml")) for line in lines) == 2
    assert any("B.yml: message: required key is missing" in line for line in lines)
    assert any("B.yml: tokens[0]: invalid regex" in line for line in lines)


def test_duplicate_rule_id(tmp_path: Path) -> None:
    pack = tmp_path / "Team"
    pack.mkdir()
    (pack / "Tone.yml").write_text("extends: existence\nmessage: m\ntokens: [a]\n")
    (pack / "Tone.yaml").write_text("extends: existence\nmessage: m\ntokens: [b]\n")
    code, _, err = run("--rules", str(pack), LOST)
    assert code == 2
    assert "duplicate rule id Team.Tone" in err


def test_team_pack_rules_run(tmp_path: Path) -> None:
    pack = tmp_path / "Acme"
    pack.mkdir()
    (pack / "Jargon.yml").write_text("extends: existence\nmessage: Avoid '%s'.\nlevel: error\nignorecase: true\ntokens: [synergy]\n")
    letter = tmp_path / "l.txt"
    letter.write_text("We see synergy here.\n")
    code, out, _ = run("--format", "line", "--rules", str(pack), "--select", "Acme.*", str(letter))
    assert (code, out) == (1, f"{letter}:1:8: error Acme.Jargon Avoid 'synergy'.\n")


def test_unknown_model_is_one_line_exit_2() -> None:
    code, _, err = run("--model", "xx_no_such_model", LOST)
    assert code == 2
    assert len(err.strip().splitlines()) == 1
    assert err.startswith("tonecheck: spaCy pipeline 'xx_no_such_model' is not installed; install it "
                          "(python -m spacy download xx_no_such_model) or ")


def test_rules_command_lists_every_rule(all_rules) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run("rules")
    assert code == 0
    ids = [line.split()[0] for line in out.splitlines()]
    assert ids == [r.id for r in all_rules]
    line = next(line for line in out.splitlines() if line.startswith("Business.AffectionateSignOff "))
    assert line.split()[1:3] == ["error", "substitution"]


def test_explain_shows_rationale_and_examples(all_rules) -> None:  # type: ignore[no-untyped-def]
    rule = next(r for r in all_rules if r.id == "Business.AffectionateSignOff")
    code, out, _ = run("explain", rule.id)
    assert code == 0
    assert rule.description.strip().splitlines()[0] in out
    assert "Bad (reported):" in out and "Good (not reported):" in out
    assert rule.examples.good[1].text.splitlines()[0] in out


def test_explain_unknown_rule_suggests() -> None:
    code, _, err = run("explain", "Business.AffectionateSignof")
    assert code == 2
    assert "did you mean Business.AffectionateSignOff?" in err


def test_help_and_version_do_not_import_spacy() -> None:
    for flag in ("--help", "--version"):
        code = ("import sys; from tonecheck.cli import main\n"
                f"try:\n    main(['{flag}'])\nexcept SystemExit:\n    pass\n"
                "assert 'spacy' not in sys.modules, 'spacy was imported'\n")
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr
        assert ("Usage:" in proc.stdout) if flag == "--help" else proc.stdout.startswith("tonecheck, version ")


def test_python_dash_m() -> None:
    proc = subprocess.run([sys.executable, "-m", "tonecheck", "--version"], capture_output=True, text=True)
    assert proc.returncode == 0 and "tonecheck, version" in proc.stdout


def test_installed_console_script_on_an_example() -> None:
    script = shutil.which("tonecheck", path=os.path.dirname(sys.executable)) or shutil.which("tonecheck")
    assert script, "the tonecheck console script is not installed"
    proc = subprocess.run([script, "--format", "line", LOST], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "NO_COLOR": "1"})
    assert proc.returncode == 1, proc.stderr
    assert f":{signoff_line()}:1: error Business.AffectionateSignOff" in proc.stdout


def test_text_output_has_no_colour_when_not_a_terminal() -> None:
    _, out, _ = run(LOST)
    assert "\x1b[" not in out


def test_test_rules_passes_on_the_shipped_pack() -> None:
    """The command and the test suite use one runner: e-mail examples are read as e-mail."""
    from .test_config import run as run_cli

    code, out, _ = run_cli("test-rules")
    assert code == 0, out
    assert out.splitlines()[-1].endswith("rules passed") and " of " in out
    first, _, rest = out.splitlines()[-1].partition(" of ")
    assert first == rest.split()[0]
