"""A Vale style given to --rules (or a config's packs) loads as it is: files
tonecheck's strict schema refuses are translated as Vale rules, with notices."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tonecheck.cli import main
from tonecheck.rules import RuleLoadError, load_rules

from .conftest import SHARED

DEMO = SHARED / "peers" / "vale" / "testdata" / "styles" / "demo"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture()
def vale_style(tmp_path: Path) -> Path:
    style = tmp_path / "Acme"
    style.mkdir()
    # Vale-only keys (action) and scope (raw) make this folder a Vale style ...
    (style / "Vague.yml").write_text(
        "extends: existence\nmessage: \"Avoid '%s'.\"\nlevel: error\nignorecase: true\nscope: raw\n"
        "action:\n  name: remove\ntokens: [hiccup]\n")
    # ... so its other refused files are read as Vale rules too (a space in a look-behind).
    (style / "After.yml").write_text(
        "extends: existence\nmessage: \"'%s' after 'a minor'.\"\nlevel: warning\nnonword: true\n"
        "tokens: ['(?<=a minor )hiccup']\n")
    return style


def test_vale_rules_load_through_rules_option(tmp_path: Path, vale_style: Path) -> None:
    letter = tmp_path / "l.txt"
    letter.write_text("It was a minor hiccup.\n")
    code, out, err = run("--format", "line", "--rules", str(vale_style), "--select", "Acme.*", str(letter))
    assert code == 1
    assert out.splitlines() == [f"{letter}:1:16: warning Acme.After 'hiccup' after 'a minor'.",
                                f"{letter}:1:16: error Acme.Vague Avoid 'hiccup'."]
    assert f"{vale_style / 'Vague.yml'}: Vale scope 'raw' is read as the letter's prose here" in err


def test_a_native_pack_with_a_typo_is_still_an_error(tmp_path: Path) -> None:
    pack = tmp_path / "Team"
    pack.mkdir()
    (pack / "Typo.yml").write_text("extends: existence\nmessage: m\nignorecse: true\ntokens: [a]\n")
    with pytest.raises(RuleLoadError, match=r"ignorecse: unknown key \(did you mean 'ignorecase'\?\)"):
        load_rules([pack], shipped=False)


@pytest.mark.skipif(not DEMO.is_dir(), reason="../shared/peers/vale is not beside this checkout")
def test_vales_own_demo_style_loads_with_notices() -> None:
    notices: list[str] = []
    rules = load_rules([DEMO], shipped=False, notices=notices)
    ids = {r.id for r in rules}
    assert {"demo.Cap", "demo.CharCount", "demo.Hyphen"} <= ids
    assert "demo.Filters" not in ids  # a spelling rule: skipped
    assert any(n.endswith("Filters.yml: 'spelling' rules are not supported by tonecheck; skipped") for n in notices)


@pytest.mark.parametrize(("content", "problem"), [
    ("extends: existence\nmessage: [unclosed\n", "Broken.yml: "),
    ("- extends: existence\n- message: m\n", "Broken.yml: a rule file must be a mapping of keys, got a list"),
    ("extends: existence\nmessage: m\ntokens: '[unclosed'\n", "Broken.yml: tokens"),
])
def test_a_broken_file_in_a_vale_style_is_a_clean_error(vale_style: Path, content: str, problem: str) -> None:
    """Once a pack looks like a Vale style, a malformed file is one problem line, not a traceback."""
    (vale_style / "Broken.yml").write_text(content)
    with pytest.raises(RuleLoadError) as caught:
        load_rules([vale_style], shipped=False)
    assert any(problem in line for line in caught.value.problems), caught.value.problems
    code, _, err = run("--rules", str(vale_style), "--select", "Acme.*", str(vale_style / "Vague.yml"))
    assert code == 2 and "Traceback" not in err and problem in err


def test_each_rule_file_is_read_once(vale_style: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reads: list[str] = []
    original = Path.read_text

    def counting(self: Path, *args: object, **kwargs: object) -> str:
        reads.append(self.name)
        return original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "read_text", counting)
    load_rules([vale_style], shipped=False)
    assert sorted(reads) == ["After.yml", "Vague.yml"]
