"""The hostile-input matrix (issue 15): what a trusted linter must never do.

Data: ``--fix`` keeps the file.  Time: no reader or rule is super-linear (each
reader is timed at growing sizes and must grow linearly; a user regex that
backtracks gives up).  Output: letter text and file names never command the
terminal or the CI, and every machine format parses for any input.  Errors:
one line and exit 2, never a traceback.  Every case failed before the change.
"""

from __future__ import annotations

import base64
import json
import os
import stat
import subprocess
import sys
import time
import xml.dom.minidom
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tonecheck import safewrite
from tonecheck.cli import main
from tonecheck.engine import Linter
from tonecheck.formats import read_letter
from tonecheck.formats.structure import find_parts
from tonecheck.formats.templates import mask
from tonecheck.printable import printable
from tonecheck.rules import load_rules, select_rules
from tonecheck.source import SourceText, decode, size_text
from tonecheck.suppress import regions

from .growth import assert_linear

# Rules that need no spaCy pipeline: the matrix runs fast.
FAST = "Business.AffectionateSignOff,Business.Sugarcoating,Business.Shouting"
LETTER = "Dear Sam,\n\nThe install slipped a tad, no biggie.\n\nLove,\nJo\n"
ROOT = os.geteuid() == 0 if hasattr(os, "geteuid") else False


def cli(*args: str, input: bytes | str | None = None) -> Any:
    result = CliRunner().invoke(main, list(args), input=input)
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def stderr_lines(result: Any) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


# ------------------------------------------------------------------ --fix keeps the file
def _letter(path: Path) -> Path:
    path.write_text(LETTER)
    return path


def test_fix_writes_through_a_symlink(tmp_path: Path) -> None:
    target = _letter(tmp_path / "target.txt")
    link = tmp_path / "link.txt"
    link.symlink_to(target.name)
    cli("--fix", "--select", "Business.AffectionateSignOff", str(link))
    assert link.is_symlink() and os.readlink(link) == "target.txt"
    assert "Best regards," in target.read_text()


def test_fix_refuses_a_hard_linked_file(tmp_path: Path) -> None:
    first = _letter(tmp_path / "a.txt")
    other = tmp_path / "b.txt"
    os.link(first, other)
    result = cli("--fix", "--select", "Business.AffectionateSignOff", str(first))
    assert result.exit_code == 2
    assert any("hard links" in line for line in stderr_lines(result))
    assert first.read_text() == other.read_text() == LETTER
    assert os.stat(first).st_ino == os.stat(other).st_ino


@pytest.mark.skipif(not ROOT, reason="changing a file's owner needs root")
def test_fix_keeps_owner_and_group(tmp_path: Path) -> None:
    path = _letter(tmp_path / "u.txt")
    os.chown(path, 1000, 1000)
    path.chmod(0o640)
    cli("--fix", "--select", "Business.AffectionateSignOff", str(path))
    st = os.stat(path)
    assert "Best regards," in path.read_text()
    assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (1000, 1000, 0o640)


def test_fix_refuses_a_read_only_file_as_the_filesystem_would(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _letter(tmp_path / "ro.txt")
    path.chmod(0o444)
    if ROOT:  # root may write anything; a user may not write a 0444 file: ask the same question as the kernel
        real_access = os.access
        monkeypatch.setattr(safewrite.os, "access", lambda p, mode: False if mode == os.W_OK and str(p).endswith("ro.txt") else real_access(p, mode))
    result = cli("--fix", "--select", "Business.AffectionateSignOff", str(path))
    assert result.exit_code == 2
    assert any("read-only" in line for line in stderr_lines(result))
    assert path.read_text() == LETTER


def test_interrupted_fix_leaves_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _letter(tmp_path / "a.txt")

    def full_disk(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(safewrite.os, "replace", full_disk)
    result = cli("--fix", "--select", "Business.AffectionateSignOff", str(path))
    assert result.exit_code == 2
    assert any("No space left" in line for line in stderr_lines(result))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]
    assert path.read_text() == LETTER


def test_full_disk_baseline_leaves_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _letter(tmp_path / "a.txt")
    monkeypatch.setattr(safewrite.os, "replace", lambda a, b: (_ for _ in ()).throw(OSError(28, "No space left on device")))
    result = cli("--select", FAST, "--write-baseline", str(tmp_path / "base.json"), str(path))
    assert result.exit_code == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_stale_temporary_files_are_ignored_and_cleaned(tmp_path: Path) -> None:
    path = _letter(tmp_path / "a.txt")
    stale = tmp_path / ".a.txt.x1y2.tonecheck-tmp"
    stale.write_text(LETTER)
    old = time.time() - 3600
    os.utime(stale, (old, old))
    lint = cli("--select", FAST, "--format", "json", str(tmp_path))
    assert [f["path"] for f in json.loads(lint.stdout)["files"]] == [str(path)]
    cli("--fix", "--select", "Business.AffectionateSignOff", str(path))
    assert not stale.exists()


def test_a_file_changed_under_the_fix_is_not_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _letter(tmp_path / "a.txt")
    real = safewrite.replace_file

    def meddle(p: str, data: bytes, **kw: Any) -> None:
        path.write_text(LETTER + "PS.\n")
        real(p, data, **kw)

    monkeypatch.setattr("tonecheck.fixes.replace_file", meddle)
    result = cli("--fix", "--select", "Business.AffectionateSignOff", str(path))
    assert result.exit_code == 2
    assert path.read_text() == LETTER + "PS.\n"


# ------------------------------------------------------------------ time: readers grow linearly
SIZES = (2_000, 8_000, 32_000)


def _linter(rule_id: str) -> Linter:
    return Linter(select_rules(load_rules(), [rule_id]))


@pytest.mark.parametrize("rule_id", ["Business.Sugarcoating", "Business.SalesPressure", "Business.NonApology",
                                     "Business.Ultimatum", "Business.GenericGreeting", "Business.CasualConcession",
                                     "Business.UnfilledPlaceholder"])
def test_shipped_rules_are_linear_on_runs_of_spaces(rule_id: str) -> None:
    """The 635-byte letter of the issue ('no' + 600 spaces + '1') took 209 s."""
    linter = _linter(rule_id)
    assert_linear(lambda text: linter.lint_letter(read_letter(SourceText("a.txt", text))),
                  lambda n: "Dear Sam,\n\nno" + " " * n + "1", (100, 400, 1_600, 6_400), rule_id)


@pytest.mark.parametrize("unit", ["{{!--", "{% ", "{{", "{{{", "{#", "{% comment %}", "{{#if "])
def test_template_masking_is_linear_on_unclosed_openers(unit: str) -> None:
    assert_linear(mask, lambda n: unit * (n // len(unit)), SIZES, unit)


@pytest.mark.parametrize("fmt,directive", [("markdown", "<!-- tonecheck-disable"), ("jinja", "{# tonecheck-disable"),
                                           ("handlebars", "{{!-- tonecheck-disable")])
def test_suppression_directive_before_a_run_of_spaces_is_linear(fmt: str, directive: str) -> None:
    assert_linear(lambda text: regions(text, fmt), lambda n: directive + " " * (n * 4), SIZES, fmt)
    assert_linear(lambda text: regions(text, fmt), lambda n: (directive + " x") * (n // 8), SIZES, fmt + " repeated")


def test_closing_line_padded_with_spaces_is_linear() -> None:
    assert_linear(find_parts, lambda n: "Dear Sam,\n\nThanks.\n\nLove" + " " * n + "1", SIZES, "closing")


@pytest.mark.parametrize("name,make", [
    ("unmatched end tags", lambda n: "<p>Hi</p>" + "<div>" * (n // 10) + "</span>" * (n // 10)),
    ("unterminated attribute", lambda n: "<p>Hi</p><a href='" + "x y" * (n // 3)),
    ("unterminated tags", lambda n: "<p>Hi</p>" + "<a " * (n // 3)),
    ("unterminated comments", lambda n: "<p>Hi</p>" + "<!--" * (n // 4)),
])
def test_html_reader_is_linear(name: str, make: Any) -> None:
    assert_linear(lambda text: read_letter(SourceText("a.html", text), "html"), make, SIZES, name)


_BODY = "\n\nDear Sam,\n\nThanks.\n"


@pytest.mark.parametrize("name,make", [
    ("long subject", lambda n: "From: a@b.c\nSubject: " + "xy " * (n * 4) + _BODY),
    ("encoded words", lambda n: "From: a@b.c\nSubject: " + "=?utf-8?q?a?= " * n + _BODY),
    ("folded lines", lambda n: "From: a@b.c\nSubject: hi\nX-A: a\n" + " b\n" * n + _BODY),
    ("base64 body", lambda n: "From: a@b.c\nContent-Transfer-Encoding: base64\n\n"
     + base64.encodebytes(b"Dear Sam, thanks. " * n).decode()),
])
def test_eml_reader_is_linear(name: str, make: Any) -> None:
    assert_linear(lambda text: read_letter(SourceText("a.eml", text), "eml"), make, SIZES, name)


# ------------------------------------------------------------------ time: user regexes, sizes, FIFOs
def _pack(tmp_path: Path, text: str, name: str = "Bomb") -> Path:
    pack = tmp_path / "Evil"
    pack.mkdir(exist_ok=True)
    (pack / f"{name}.yml").write_text(text)
    return pack


def test_backtracking_user_regex_gives_up_and_the_run_goes_on(tmp_path: Path) -> None:
    pack = _pack(tmp_path, "extends: existence\nmessage: found %s\nlevel: error\nnonword: true\ntokens: ['(a|aa)+$']\n")
    letter = tmp_path / "l.txt"
    letter.write_text("Dear Sam,\n\n" + "a" * 40 + "!\n\nLove,\nJo\n")
    start = time.perf_counter()
    result = cli("--rules", str(pack), "--select", "Evil.Bomb,Business.AffectionateSignOff", "--format", "line", str(letter))
    assert time.perf_counter() - start < 30
    assert any(line.endswith("the other rules ran") and f"rule Evil.Bomb gave up on {letter}" in line
               for line in stderr_lines(result))
    assert "Business.AffectionateSignOff" in result.stdout


def test_backtracking_user_regex_gives_up_in_tonecheck_vale(tmp_path: Path) -> None:
    styles = tmp_path / "styles" / "Evil"
    styles.mkdir(parents=True)
    (styles / "Bomb.yml").write_text("extends: existence\nmessage: found %s\nlevel: error\nnonword: true\ntokens: ['(a|aa)+$']\n")
    (tmp_path / ".vale.ini").write_text("StylesPath = styles\n[*]\nBasedOnStyles = Evil\n")
    (tmp_path / "l.txt").write_text("Dear Sam,\n\n" + "a" * 40 + "!\n\nLove,\nJo\n")
    start = time.perf_counter()
    result = cli("vale", str(tmp_path))
    assert time.perf_counter() - start < 30
    assert result.exit_code in (0, 1)
    assert "rule Evil.Bomb gave up on l.txt" in result.stderr


@pytest.mark.parametrize("where", ["rule", "config"])
def test_yaml_alias_bombs_are_refused_with_a_short_line(tmp_path: Path, where: str) -> None:
    bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for i in range(1, 9):
        bomb += f"{chr(97 + i)}: &{chr(97 + i)} [" + ",".join([f"*{chr(96 + i)}"] * 9) + "]\n"
    letter = _letter(tmp_path / "l.txt")
    if where == "rule":
        pack = _pack(tmp_path, "extends: existence\nmessage: x\ntokens: [a]\nfix: *i\n" + bomb)
        result = cli("--rules", str(pack), str(letter))
    else:
        (tmp_path / ".tonecheck.yaml").write_text(bomb + "min_level: *i\n")
        result = cli("--config", str(tmp_path / ".tonecheck.yaml"), str(letter))
    assert result.exit_code == 2
    assert "aliases" in result.stderr
    assert max(len(line) for line in result.stderr.splitlines()) < 400


def test_bad_values_are_printed_as_short_excerpts(tmp_path: Path) -> None:
    pack = _pack(tmp_path, "extends: existence\nmessage: x\ntokens: [a]\nfix: " + json.dumps(["x" * 5000] * 50) + "\n")
    result = cli("--rules", str(pack), str(_letter(tmp_path / "l.txt")))
    assert result.exit_code == 2
    assert max(len(line) for line in result.stderr.splitlines()) < 400


def test_a_fifo_is_refused_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    result = cli("--select", FAST, str(fifo))
    assert result.exit_code == 2
    assert any("not a regular file" in line for line in stderr_lines(result))


def test_max_size_refuses_an_oversized_letter_at_once(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text(LETTER * 200_000)  # 10 MB
    start = time.perf_counter()
    result = cli("--select", FAST, str(big))
    assert time.perf_counter() - start < 5
    assert result.exit_code == 2
    assert [line for line in stderr_lines(result) if "limit" in line] == [
        f"{big}: file is {size_text(big.stat().st_size)}, over the 5 MB limit; nothing was read (raise it with --max-size)"]
    small = cli("--select", FAST, "--max-size", "50", str(_letter(tmp_path / "l.txt")))
    assert small.exit_code == 2
    assert cli("--select", FAST, "--max-size", "20MB", "--format", "json", str(_letter(tmp_path / "l.txt"))).exit_code == 1


def test_closed_stdin_is_one_line() -> None:
    proc = subprocess.run([sys.executable, "-m", "tonecheck", "--select", FAST, "-"], stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=60, preexec_fn=lambda: os.close(0))
    assert proc.returncode == 2
    assert proc.stderr.strip() == "tonecheck: -: standard input is closed; nothing to read"


# ------------------------------------------------------------------ output
ESCAPES = "The install slipped a tad \x1b]0;PWNED\x07 no biggie \x1b[2J \x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\ \x9b31m.\n"


@pytest.mark.parametrize("fmt", ["text", "line", "github", "junit"])
def test_terminal_escapes_from_a_letter_are_shown_not_sent(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / "l.txt"
    path.write_text("Dear Sam,\n\n" + ESCAPES + "\nLove,\nJo\n")
    result = cli("--select", FAST, "--format", fmt, str(path))
    assert "Sugarcoating" in result.stdout
    for control in ("\x1b", "\x07", "\x9b"):
        assert control not in result.stdout and control not in result.stderr
    if fmt == "text":
        assert "\\x1b]0;PWNED\\x07" in result.stdout


INJECTED = "x\n::error file=README.md,line=1,title=INJECTED::boom\x1b[2J.txt"


@pytest.mark.parametrize("fmt", ["text", "line", "github", "json", "sarif", "junit"])
def test_a_file_name_cannot_inject_workflow_commands(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / INJECTED
    path.write_text("Dear Sam,\n\nThe install slipped a tad.\n\nLove,\nJo\n")
    (tmp_path / ("empty\n::error::x.txt")).write_text("")  # an error line on stderr names it too
    result = cli("--select", FAST, "--format", fmt, str(tmp_path))
    for line in (result.stdout + "\n" + result.stderr).splitlines():
        assert not line.startswith("::error file=README.md") and not line.startswith("::error::x")
        assert "\x1b" not in line


def _bad_name(tmp_path: Path) -> Path:
    raw = os.fsencode(str(tmp_path)) + b"/bad\xff\xfename\x01.txt"
    with open(raw, "wb") as handle:
        handle.write(b"Dear Sam,\n\nThe install slipped a tad \x1b[2J\x01\x0b no biggie.\n\nLove,\nJo\n")
    return tmp_path


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit"])
def test_machine_formats_stay_valid_for_any_input(tmp_path: Path, fmt: str) -> None:
    folder = _bad_name(tmp_path)
    proc = subprocess.run([sys.executable, "-m", "tonecheck", "--select", FAST, "--format", fmt, str(folder)],
                          capture_output=True, timeout=120, env={**os.environ, "PYTHONIOENCODING": "utf-8:strict"})
    assert proc.returncode == 1, proc.stderr.decode(errors="replace")
    text = proc.stdout.decode("utf-8")  # strict: valid UTF-8
    if fmt == "junit":
        xml.dom.minidom.parseString(proc.stdout)
        assert "\\x01" in text
    else:
        json.loads(text)
        # the bad bytes, shown as \xff in the JSON string (SARIF percent-encodes that in its URIs)
        assert "bad\\\\xff\\\\xfename" in text or (fmt == "sarif" and "bad%5Cxff%5Cxfename" in text)
    assert b"Traceback" not in proc.stderr


def test_printable_leaves_plain_text_alone() -> None:
    plain = "Dear Zoë, thanks — see C:\\mail\\a.txt\tand 100%."
    assert printable(plain) == plain
    assert printable("\x1b[2J\u202e\udcff\n") == "\\x1b[2J\\u202e\\xff\\n"


# ------------------------------------------------------------------ one line and exit 2
def _metric(formula: str) -> str:
    return f'extends: metric\nmessage: x\nformula: "{formula}"\ncondition: "> 1"\n'


RULE_CASES = {
    "extends a list": "extends: [existence]\nmessage: x\ntokens: [a]\n",
    "extends a mapping": "extends: {a: 1}\nmessage: x\ntokens: [a]\n",
    "examples with non-string keys": "extends: existence\nmessage: x\ntokens: [a]\nexamples: {1: [a]}\n",
    "raw: true": "extends: existence\nmessage: x\ntokens: [a]\nraw: true\n",
    "100k nested [": "extends: existence\nmessage: x\ntokens: " + "[" * 100_000 + "\n",
    "swap with a mid-list (?i)": 'extends: substitution\nmessage: x\nswap:\n  a: b\n  "(?i)c": d\n',
    "swap with a group named like ours": 'extends: substitution\nmessage: x\nswap:\n  "(?P<swap1>a)b": c\n  d: e\n',
    "matcher REGEX that does not compile": 'extends: pattern\nmessage: x\npatterns:\n  - [{TEXT: {REGEX: "(a"}}]\n',
    "words ** 101": _metric("words ** 101"),
    "min()": _metric("min()"),
    "abs(words, 2)": _metric("abs(words, 2)"),
}


@pytest.mark.parametrize("case", sorted(RULE_CASES))
def test_broken_rules_are_one_line_and_exit_2(tmp_path: Path, case: str) -> None:
    pack = _pack(tmp_path, RULE_CASES[case])
    result = cli("--rules", str(pack), str(_letter(tmp_path / "l.txt")))
    assert result.exit_code == 2
    last = result.stderr.splitlines()[-1]
    assert last.startswith("tonecheck: ") and last.endswith("in the rules; nothing was linted")


def test_swap_with_a_look_behind_is_not_a_crash(tmp_path: Path) -> None:
    pack = _pack(tmp_path, 'extends: substitution\nmessage: x\nswap:\n  "(?<=a) b": c\n')
    letter = tmp_path / "l.txt"
    letter.write_text("Dear Sam,\n\nSay a b and a\nb.\n\nBest regards,\nJo\n")
    assert cli("--rules", str(pack), "--select", "Evil.Bomb", str(letter)).exit_code in (0, 1, 2)


@pytest.mark.parametrize("formula", ["(words + 1e300) ** 2", "10 ** 10 ** 10", "(0 - words) ** 0.5"])
def test_metric_overflow_is_not_a_crash(tmp_path: Path, formula: str) -> None:
    pack = _pack(tmp_path, _metric(formula))
    result = cli("--rules", str(pack), "--select", "Evil.Bomb", str(_letter(tmp_path / "l.txt")))
    assert result.exit_code in (0, 1)


@pytest.mark.parametrize("content", ["extends: existence\nmessage: [\n", "- a\n- b\n", b"extends: existence\nmessage: \xff\xfe\n"])
def test_a_vale_pack_with_one_broken_file_is_one_line(tmp_path: Path, content: str | bytes) -> None:
    pack = tmp_path / "Style"
    pack.mkdir()
    (pack / "A.yml").write_text("extends: existence\nmessage: x\ntokens: [a]\nlink: http://x\naction: {name: remove}\n")
    (pack / "B.yml").write_bytes(content if isinstance(content, bytes) else content.encode())
    result = cli("--rules", str(pack), str(_letter(tmp_path / "l.txt")))
    assert result.exit_code == 2
    assert "B.yml" in result.stderr


@pytest.mark.parametrize("name,config", [("50k nested [", "min_level: " + "[" * 50_000), ("model: pip", "model: pip")])
def test_bad_configuration_is_one_line_and_exit_2(tmp_path: Path, name: str, config: str) -> None:
    (tmp_path / ".tonecheck.yaml").write_text(config + "\n")
    result = cli("--config", str(tmp_path / ".tonecheck.yaml"), str(_letter(tmp_path / "l.txt")))
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) <= 2


@pytest.mark.parametrize("name,baseline", [
    ("50k nested [", "[" * 50_000),
    ("count 1e400", '{"version": 1, "findings": [{"path": "l.txt", "rule": "a", "hash": "x", "count": 1e400}]}'),
    ("version true", '{"version": true, "findings": []}'),
])
def test_bad_baselines_are_one_line_and_exit_2(tmp_path: Path, name: str, baseline: str) -> None:
    (tmp_path / "b.json").write_text(baseline)
    result = cli("--select", FAST, "--baseline", str(tmp_path / "b.json"), str(_letter(tmp_path / "l.txt")))
    assert result.exit_code == 2
    assert len(stderr_lines(result)) == 1 and "b.json" in result.stderr


def test_vale_over_a_folder_with_a_binary_txt(tmp_path: Path) -> None:
    (tmp_path / ".vale.ini").write_text("[*]\nBasedOnStyles = Vale\n")
    (tmp_path / "bin.txt").write_bytes(bytes(range(256)) * 20)
    (tmp_path / "a.txt").write_text("Dear Sam,\n")
    result = cli("vale", str(tmp_path))
    assert result.exit_code == 2  # an unreadable input is an error, as in 'tonecheck check'; the rest is linted
    assert "bin.txt: not a text file" in result.stderr


# ------------------------------------------------------------------ unclear or silent
def test_an_invalid_pyproject_with_our_table_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.tonecheck\nmin_level =\n")
    letter = _letter(tmp_path / "l.txt")
    monkeypatch.chdir(tmp_path)
    result = cli("--select", FAST, "l.txt")
    assert result.exit_code == 2
    assert "invalid TOML" in result.stderr
    assert letter.exists()


def test_unreadable_subfolders_are_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _letter(tmp_path / "a.txt")
    locked = tmp_path / "locked"
    locked.mkdir()
    _letter(locked / "b.txt")
    real = os.scandir

    def scandir(path: Any) -> Any:
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr("tonecheck.inputs.os.scandir", scandir)
    result = cli("--select", FAST, str(tmp_path))
    assert f"{locked}: cannot read this folder (Permission denied); skipped" in result.stderr
    assert result.exit_code == 2


@pytest.mark.parametrize("charset", ["base64", "zlib", "rot13", "hex"])
def test_eml_charsets_that_name_codecs_fall_back(charset: str) -> None:
    text = f"From: a@b.c\nSubject: Hi\nContent-Type: text/plain; charset={charset}\n\nDear Sam,\n\nA minor hiccup.\n"
    letter = read_letter(SourceText("a.eml", text), "eml")
    assert "A minor hiccup." in letter.text


def test_lone_cr_ends_a_line() -> None:
    source = SourceText("a.txt", "Dear Sam,\r\rA minor hiccup.\r")
    assert source.position(source.text.index("A minor")) == (3, 1)
    assert source.line_text(3) == "A minor hiccup."


def test_utf32_with_bom_is_decoded() -> None:
    for codec in ("utf-32-le", "utf-32-be"):
        bom = b"\xff\xfe\x00\x00" if codec.endswith("le") else b"\x00\x00\xfe\xff"
        assert decode(bom + "Dear Sam,\n".encode(codec)).text == "Dear Sam,\n"


def test_a_lone_cr_letter_has_its_parts() -> None:
    letter = read_letter(SourceText("a.txt", "Dear Sam,\r\rThanks for the order.\r\rBest regards,\rJo\r"))
    assert [p.kind for p in letter.parts][:2] == ["greeting", "body"]
    assert "closing" in [p.kind for p in letter.parts]


def test_rule_text_cannot_command_the_terminal(tmp_path: Path) -> None:
    pack = _pack(tmp_path, 'extends: existence\nmessage: "found %s \\e]0;PWNED\\a"\ndescription: "Sneaky \\e[2J rule"\n'
                           'tokens: [a]\nexamples: {bad: ["a \\e[2J"], good: ["b"]}\n')
    for args in (["rules", "--rules", str(pack)], ["explain", "Evil.Bomb", "--rules", str(pack)]):
        result = cli(*args)
        assert "Evil.Bomb" in result.stdout
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout


def test_a_letter_over_a_megabyte_is_announced_before_it_is_linted(tmp_path: Path) -> None:
    """No input makes tonecheck work for long without saying why (issue 16)."""
    big = tmp_path / "big.txt"
    big.write_text(LETTER * 22_000)  # about 1.2 MB
    result = cli("--select", "Business.Shouting", "--no-cache", str(big))
    notes = [line for line in stderr_lines(result) if "takes about" in line]
    seconds = round(big.stat().st_size / 1e6 * 15)
    assert notes == [f"tonecheck: {big} is {size_text(big.stat().st_size)}; a letter this long takes about {seconds} s "
                     "to lint (lower --max-size to refuse such files at once)"]
    small = cli("--select", "Business.Shouting", "--no-cache", str(_letter(tmp_path / "l.txt")))
    assert not [line for line in stderr_lines(small) if "takes about" in line]
