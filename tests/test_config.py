"""Configuration: discovery, validation with did-you-mean, overrides, init and config."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from tonecheck.cli import main
from tonecheck.config import ConfigError, Resolver, find_config_file, glob_match, load_config
from tonecheck.finding import Level

BAD = "Dear Ms Lee,\n\nThere was a minor hiccup with your order.\n\nLove,\nSam\n"
FAST = ("--select", "Business.AffectionateSignOff,Business.Sugarcoating")


def run(*args: str, cwd: Path | None = None, input: bytes | None = None) -> tuple[int, str, str]:
    old = os.getcwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        result = CliRunner().invoke(main, list(args), input=input)
    finally:
        os.chdir(old)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def findings(out: str) -> list[tuple[str, str, str]]:
    return [(Path(f["path"]).name if "path" in f else "", f["rule"], f["level"])
            for entry in json.loads(out)["files"] for f in entry["findings"]]


def by_file(out: str) -> dict[str, list[tuple[str, str]]]:
    return {Path(e["path"]).as_posix(): [(f["rule"], f["level"]) for f in e["findings"]] for e in json.loads(out)["files"]}


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    (tmp_path / "drafts").mkdir()
    (tmp_path / "templates").mkdir()
    (tmp_path / "archive").mkdir()
    for folder in ("drafts", "templates", "archive"):
        (tmp_path / folder / "a.txt").write_text(BAD)
    return tmp_path


def test_glob_semantics() -> None:
    assert glob_match("templates/a.txt", "templates/**")
    assert glob_match("templates/x/a.txt", "templates/")
    assert glob_match("a/archive/x.txt", "archive")
    assert glob_match("drafts/a.txt", "*.txt")
    assert not glob_match("drafts/a.txt", "templates/**")
    assert not glob_match("drafts/x/a.md", "drafts/*.md")
    assert glob_match("x/y/a.md", "**/*.md")


def test_nearest_config_wins_walking_up(repo: Path) -> None:
    (repo / ".tonecheck.yaml").write_text("rules:\n  Business.Sugarcoating: error\n")
    (repo / "drafts" / ".tonecheck.yaml").write_text("rules:\n  Business.Sugarcoating: off\n")
    code, out, _ = run("--format", "json", *FAST, "drafts/a.txt", "templates/a.txt", cwd=repo)
    assert by_file(out) == {
        "drafts/a.txt": [("Business.AffectionateSignOff", "error")],
        "templates/a.txt": [("Business.Sugarcoating", "error"), ("Business.AffectionateSignOff", "error")],
    }
    assert code == 1


def test_pyproject_table_is_found(repo: Path) -> None:
    (repo / "pyproject.toml").write_text("[tool.tonecheck]\nrules = { 'Business.AffectionateSignOff' = 'off' }\n")
    assert find_config_file(repo / "drafts") == repo / "pyproject.toml"
    code, out, _ = run("--format", "json", *FAST, "drafts/a.txt", cwd=repo)
    assert by_file(out) == {"drafts/a.txt": [("Business.Sugarcoating", "warning")]}
    assert code == 0


def test_pyproject_without_table_is_skipped(repo: Path) -> None:
    (repo / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    (repo / "drafts" / "pyproject.toml").write_text("[tool.black]\nline-length = 80\n")
    (repo / ".tonecheck.yml").write_text("min_level: error\n")
    assert find_config_file(repo / "drafts") == repo / ".tonecheck.yml"


def test_explicit_config_and_no_config(repo: Path, tmp_path: Path) -> None:
    (repo / ".tonecheck.yaml").write_text("rules:\n  Business.*: off\n")
    other = tmp_path / "strict.yaml"
    other.write_text("min_level: error\n")
    _, out, _ = run("--format", "json", *FAST, "drafts/a.txt", cwd=repo)
    assert by_file(out) == {"drafts/a.txt": []}
    _, out, _ = run("--format", "json", *FAST, "--config", str(other), "drafts/a.txt", cwd=repo)
    assert by_file(out) == {"drafts/a.txt": [("Business.AffectionateSignOff", "error")]}
    _, out, _ = run("--format", "json", *FAST, "--no-config", "drafts/a.txt", cwd=repo)
    assert len(by_file(out)["drafts/a.txt"]) == 2


def test_overrides_make_templates_stricter_and_exclude_skips(repo: Path) -> None:
    (repo / ".tonecheck.yaml").write_text(
        "rules:\n  Business.AffectionateSignOff: off\n"
        "exclude: [archive]\n"
        "overrides:\n  - files: templates/**\n    fail_level: warning\n    rules: {Business.AffectionateSignOff: error}\n")
    code, out, _ = run("--format", "json", *FAST, ".", cwd=repo)
    assert by_file(out) == {
        "drafts/a.txt": [("Business.Sugarcoating", "warning")],
        "templates/a.txt": [("Business.Sugarcoating", "warning"), ("Business.AffectionateSignOff", "error")],
    }
    assert code == 1
    code, _, _ = run("--format", "json", *FAST, "drafts/a.txt", cwd=repo)
    assert code == 0  # a warning in drafts/ is below drafts' fail level
    code, _, _ = run("--format", "json", *FAST, "--fail-level", "warning", "drafts/a.txt", cwd=repo)
    assert code == 1  # the command line beats the file


def test_fail_level_and_min_level_keys(repo: Path) -> None:
    (repo / ".tonecheck.yaml").write_text("fail_level: warning\nmin_level: warning\n")
    code, out, _ = run("--format", "json", "--select", "Business.Sugarcoating", "drafts/a.txt", cwd=repo)
    assert code == 1
    code, out, _ = run("--format", "json", "--select", "Business.Sugarcoating", "--min-level", "error", "drafts/a.txt", cwd=repo)
    assert (code, by_file(out)) == (0, {"drafts/a.txt": []})


@pytest.mark.parametrize(("content", "expected"), [
    ("rulez: {}\n", "rulez: unknown key (did you mean 'rules'?); allowed: packs, rules, min_level, fail_level, model, exclude, genre, overrides, profiles"),
    ("fail_level: fatal\n", "fail_level: expected one of suggestion, warning, error, got 'fatal'"),
    ("rules:\n  Business.Hedging: loud\n", "rules.Business.Hedging: expected one of off, suggestion, warning, error, got 'loud'"),
    ("overrides:\n  - rules: {}\n", "overrides[0].files: required (the glob of the files this override applies to)"),
    ("overrides:\n  - files: a\n    rule: {}\n", "overrides[0].rule: unknown key (did you mean 'rules'?); allowed: files, rules, min_level, fail_level"),
    ("packs: [./nowhere]\n", "packs: folder './nowhere' not found"),
    ("- a\n", "expected a mapping of settings"),
    ("rules: [\n", "invalid YAML"),
])
def test_bad_config_is_exit_2_naming_file_and_key(repo: Path, content: str, expected: str) -> None:
    (repo / ".tonecheck.yaml").write_text(content)
    code, out, err = run("drafts/a.txt", cwd=repo)
    assert code == 2
    first = err.splitlines()[0]
    assert first.startswith(f"{repo / '.tonecheck.yaml'}: ") and expected in first, first
    assert "Traceback" not in err and out == ""


def test_unknown_rule_and_pack_in_config_suggest(repo: Path) -> None:
    (repo / ".tonecheck.yaml").write_text("packs: [Busines]\nrules:\n  Business.Sugarcoat: off\n")
    code, _, err = run("drafts/a.txt", cwd=repo)
    assert code == 2
    lines = err.splitlines()
    assert f"{repo / '.tonecheck.yaml'}: packs: unknown pack 'Busines' (did you mean 'Business'?)" in lines[0]
    assert lines[1] == (f"{repo / '.tonecheck.yaml'}: rules.Business.Sugarcoat: unknown rule "
                        "(did you mean 'Business.Sugarcoating'?); see 'tonecheck rules'")


def write_acme_pack(repo: Path) -> Path:
    """A team pack with one rule, Acme.Hiccup, under styles/Acme."""
    pack = repo / "styles" / "Acme"
    pack.mkdir(parents=True)
    (pack / "Hiccup.yml").write_text(
        "extends: existence\nmessage: \"Say what broke instead of '%s'.\"\nlevel: error\ntokens: [hiccup]\n"
        "description: Vague words for failures.\n"
        "examples:\n  bad: [a hiccup, one hiccup, the hiccup]\n  good: [an outage, a fault, a delay]\n")
    return pack


def test_team_pack_from_config_works_like_shipped(repo: Path) -> None:
    pack = write_acme_pack(repo)
    (repo / ".tonecheck.yaml").write_text("packs: [./styles/Acme]\n")
    code, out, _ = run("--format", "json", "drafts/a.txt", cwd=repo)
    assert by_file(out) == {"drafts/a.txt": [("Acme.Hiccup", "error")]}  # only the listed pack runs
    code, out, _ = run("rules", "--rules", str(pack), cwd=repo)
    assert "Acme.Hiccup" in out
    code, out, _ = run("explain", "Acme.Hiccup", "--rules", str(pack), cwd=repo)
    assert code == 0 and "Vague words for failures." in out
    code, out, _ = run("test-rules", str(pack), cwd=repo)
    assert (code, out.splitlines()[-1]) == (0, "6 of 6 examples of 1 rules passed")
    (pack / "Hiccup.yml").write_text((pack / "Hiccup.yml").read_text().replace("good: [an outage", "good: [a hiccup"))
    code, out, _ = run("test-rules", str(pack), cwd=repo)
    assert code == 1
    assert out.splitlines()[0] == f"{pack / 'Hiccup.yml'}: Acme.Hiccup: good example 1 was reported (Say what broke instead of 'hiccup'.)"


def test_init_writes_a_valid_starter_and_refuses_to_overwrite(tmp_path: Path) -> None:
    code, out, _ = run("init", cwd=tmp_path)
    assert code == 0
    config = load_config(tmp_path / ".tonecheck.yaml")
    assert config.packs == ("Business",) and config.fail_level == Level.ERROR and config.exclude == ("archive/**",)
    assert config.overrides[0].files == ("templates/**",) and config.overrides[0].fail_level == Level.WARNING
    assert "#" in (tmp_path / ".tonecheck.yaml").read_text()
    code, _, err = run("init", cwd=tmp_path)
    assert code == 2 and "already exists (use --force to overwrite)" in err


def test_config_command_shows_effective_settings_and_origin(repo: Path) -> None:
    (repo / ".tonecheck.yaml").write_text(
        "rules: {Business.Sugarcoating: off}\noverrides:\n  - files: templates/**\n    rules: {Business.Sugarcoating: error}\n")
    code, out, _ = run("config", "templates/a.txt", cwd=repo)
    assert code == 0
    cfg = str(repo / ".tonecheck.yaml")
    assert f"# from: {cfg}" in out
    assert f"  Business.Sugarcoating: error  # {cfg} overrides[0] (templates/**)" in out
    _, out, _ = run("config", "drafts/a.txt", cwd=repo)
    assert f"  Business.Sugarcoating: off  # {cfg}" in out


def test_resolver_caches_one_config_per_file(repo: Path) -> None:
    (repo / ".tonecheck.yaml").write_text("min_level: warning\n")
    resolver = Resolver()
    first = resolver.config_for(str(repo / "drafts" / "a.txt"))
    assert resolver.config_for(str(repo / "templates" / "a.txt")) is first
    with pytest.raises(ConfigError):
        Resolver(explicit=str(repo / "missing.yaml"))


def test_a_folder_of_packs_in_config_turns_on_each_pack(repo: Path) -> None:
    for name, word in (("Acme", "hiccup"), ("Legal", "order")):
        pack = repo / "styles" / name
        pack.mkdir(parents=True)
        (pack / "Word.yml").write_text(f"extends: existence\nmessage: \"'%s'\"\nlevel: error\ntokens: [{word}]\n")
    (repo / ".tonecheck.yaml").write_text("packs: [./styles]\n")
    _, out, _ = run("--format", "json", "drafts/a.txt", cwd=repo)
    assert by_file(out) == {"drafts/a.txt": [("Acme.Word", "error"), ("Legal.Word", "error")]}


def test_config_may_name_rules_the_command_line_does_not_select(repo: Path) -> None:
    (repo / ".tonecheck.yaml").write_text("rules:\n  Business.NonApology: error\n")
    code, out, err = run("--format", "json", "--select", "Business.Sugarcoating", "drafts/a.txt", cwd=repo)
    assert (code, err) == (0, "")
    assert by_file(out) == {"drafts/a.txt": [("Business.Sugarcoating", "warning")]}


def test_fix_with_a_config_and_select(repo: Path) -> None:
    (repo / ".tonecheck.yaml").write_text("rules:\n  Business.NonApology: error\n")
    code, out, err = run("--fix", "--format", "line", "--select", "Business.AffectionateSignOff", "drafts/a.txt", cwd=repo)
    assert (code, out) == (0, "") and err == "tonecheck: fixed 1 finding in drafts/a.txt\n"
    assert "Best regards,\nSam" in (repo / "drafts" / "a.txt").read_text()


def test_rules_explain_and_test_rules_see_the_configured_packs(repo: Path) -> None:
    write_acme_pack(repo)
    (repo / ".tonecheck.yaml").write_text("packs: [Business, ./styles/Acme]\n")
    code, out, _ = run("rules", cwd=repo)
    assert code == 0 and "Acme.Hiccup" in out and "Business.NonApology" in out
    code, out, _ = run("explain", "Acme.Hiccup", cwd=repo)
    assert code == 0 and "Vague words for failures." in out
    _, with_config, _ = run("test-rules", cwd=repo)  # the shipped packs' examples run too
    (repo / ".tonecheck.yaml").unlink()
    _, without, _ = run("test-rules", cwd=repo)
    assert "Acme.Hiccup" not in with_config  # no failure of the team's rule

    def totals(out: str) -> tuple[int, int]:
        words = out.splitlines()[-1].split()  # "N of M examples of R rules passed"
        return int(words[2]), int(words[5])

    assert (totals(with_config)[0] - totals(without)[0], totals(with_config)[1] - totals(without)[1]) == (6, 1)
