"""Safe fixes: what is applied, and that writing never loses data."""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path

import pytest

from tonecheck import fixes
from tonecheck.finding import FileResult, Finding, Level
from tonecheck.formats import read_letter
from tonecheck.letter import Letter, OffsetMap, Part, TextBuilder
from tonecheck.source import SourceText, read_path

from .test_config import run

LETTER = "Dear Ms Lee,\n\nThank you for the order.\n\nLove,\nSam\n"
FIXED = LETTER.replace("Love,", "Best regards,")
FIX = ("--no-config", "--select", "Business.AffectionateSignOff")


def test_fix_applies_the_safe_signoff_fix_once(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(LETTER)
    code, out, err = run("--fix", "--format", "line", *FIX, str(path))
    assert path.read_text() == FIXED
    assert (code, out) == (0, "")  # the re-lint after fixing finds nothing left
    assert err.strip() == f"tonecheck: fixed 1 finding in {path}"
    before = os.stat(path)
    code, _, err = run("--fix", *FIX, str(path))
    assert code == 0 and err == "" and path.read_text() == FIXED
    assert os.stat(path).st_mtime_ns == before.st_mtime_ns and os.stat(path).st_ino == before.st_ino


def test_diff_prints_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(LETTER)
    code, out, _ = run("--diff", *FIX, str(path))
    assert code == 1
    assert path.read_text() == LETTER
    lines = out.splitlines()
    assert lines[0].startswith("--- a/") and lines[0].endswith("a.txt")
    assert "-Love," in lines and "+Best regards," in lines
    path.write_text(FIXED)
    assert run("--diff", *FIX, str(path))[:2] == (0, "")


@pytest.mark.parametrize(("encoding", "bom", "newline"), [
    ("utf-8", b"", "\n"),
    ("utf-8", codecs.BOM_UTF8, "\r\n"),
    ("cp1252", b"", "\r\n"),
    ("utf-16-le", codecs.BOM_UTF16_LE, "\n"),
])
def test_fix_keeps_encoding_bom_line_endings_and_mode(tmp_path: Path, encoding: str, bom: bytes, newline: str) -> None:
    text = "Dear Ms Lée,\n\nThank you for the café order.\n\nLove,\nSam\n".replace("\n", newline)
    path = tmp_path / "a.txt"
    path.write_bytes(bom + text.encode(encoding))
    os.chmod(path, 0o640)
    run("--fix", *FIX, str(path))
    assert path.read_bytes() == bom + text.replace("Love,", "Best regards,").encode(encoding)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_unsafe_fixes_need_opting_in(tmp_path: Path) -> None:
    pack = tmp_path / "Team"
    pack.mkdir()
    (pack / "Utilize.yml").write_text("extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\nfix: unsafe\n"
                                      "swap:\n  utilize: use\n")
    path = tmp_path / "a.txt"
    path.write_text("We utilize the new portal.\n")
    args = ("--no-config", "--rules", str(pack), "--select", "Team.*", str(path))
    run("--fix", *args)
    assert path.read_text() == "We utilize the new portal.\n"
    run("--fix", "--unsafe-fixes", *args)
    assert path.read_text() == "We use the new portal.\n"


def test_bad_fix_value_is_a_rule_error(tmp_path: Path) -> None:
    pack = tmp_path / "Team"
    pack.mkdir()
    (pack / "Utilize.yml").write_text("extends: substitution\nmessage: x\nfix: always\nswap:\n  utilize: use\n")
    code, _, err = run("--no-config", "--rules", str(pack), str(tmp_path))
    assert code == 2 and f"{pack / 'Utilize.yml'}: fix: expected safe or unsafe, got 'always'" in err


def _finding(source: SourceText, start: int, end: int, rule: str = "T.R", suggestions: tuple[str, ...] = ("X",)) -> Finding:
    line, col = source.position(start)
    end_line, end_col = source.position(end)
    return Finding(source.path, start, end, rule, Level.ERROR, "m", line, col, end_line, end_col,
                   source.text[start:end], suggestions)


def test_overlapping_fixes_are_not_applied_in_one_pass() -> None:
    source = SourceText("a.txt", "with all my love\n")
    result = FileResult("a.txt", (_finding(source, 5, 16), _finding(source, 12, 16)), read_letter(source))
    fplan = fixes.plan_file(result, {"T.R": "safe"})
    assert fplan is not None and [(e.start, e.end) for e in fplan.edits] == [(5, 16)]
    assert fplan.new_text == "with X\n"


def test_several_suggestions_make_a_safe_fix_unsafe() -> None:
    source = SourceText("a.txt", "utilize\n")
    result = FileResult("a.txt", (_finding(source, 0, 7, suggestions=("use", "employ")),), read_letter(source))
    assert fixes.plan_file(result, {"T.R": "safe"}) is None
    fplan = fixes.plan_file(result, {"T.R": "safe"}, unsafe=True)
    assert fplan is not None and fplan.new_text == "use\n"


def test_placeholders_and_quoted_history_are_never_touched() -> None:
    raw = "Hi {{ name }}, Love\n> Love\n"
    builder = TextBuilder()
    builder.copy("Hi ", 0)
    builder.replace("Name", 3, 13)
    builder.copy(raw[13:], 13)
    text, offsets = builder.build()
    source = SourceText("a.j2", raw)
    quoted_at = text.index("> Love")
    letter = Letter(source, text, (Part("body", 0, quoted_at), Part("quoted", quoted_at, len(text))), offsets, "template")
    love, quoted = raw.index("Love"), raw.rindex("Love")
    assert fixes.fixable(letter, _finding(source, love, love + 4))
    assert not fixes.fixable(letter, _finding(source, 3, 13))  # the placeholder
    assert not fixes.fixable(letter, _finding(source, quoted, quoted + 4))  # quoted history


def test_interrupted_fix_leaves_the_original_intact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.txt"
    path.write_text(LETTER)
    source = read_path(str(path))
    fplan = fixes.FilePlan(str(path), source, (fixes.Edit(LETTER.index("Love"), LETTER.index("Love") + 4, "Best regards", "R"),))

    def crash(src: str, dst: str) -> None:
        raise KeyboardInterrupt  # the process is stopped just before the rename

    monkeypatch.setattr(fixes.os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        fixes.write_plan(fplan)
    assert path.read_text() == LETTER
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_a_file_changed_since_it_was_read_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(LETTER)
    source = read_path(str(path))
    path.write_text(LETTER + "P.S. a late edit\n")
    fplan = fixes.FilePlan(str(path), source, (fixes.Edit(0, 4, "Hello", "R"),))
    with pytest.raises(fixes.FixError, match="the file changed since it was read"):
        fixes.write_plan(fplan)
    assert path.read_text().endswith("P.S. a late edit\n")


def test_offsets_map_identity_is_fixable() -> None:
    source = SourceText("a.txt", "Love,\n")
    letter = Letter(source, source.text, (Part("closing", 0, 6),), OffsetMap.identity(6))
    assert fixes.source_to_text(letter, 0, 4) == 0


def test_fix_never_writes_for_standard_input(tmp_path: Path) -> None:
    decoy = tmp_path / "letter.txt"
    decoy.write_text(LETTER)
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        code, out, _ = run("--fix", "--format", "line", *FIX, "--stdin-filename", "letter.txt", "-", input=LETTER.encode())
    finally:
        os.chdir(old)
    assert decoy.read_text() == LETTER
    assert code == 1 and out.startswith("letter.txt:5:1: error Business.AffectionateSignOff")


def test_fix_in_a_template_keeps_its_placeholders(tmp_path: Path) -> None:
    from tonecheck.formats import format_for

    if format_for("a.j2") is None:
        pytest.skip("no template reader")
    text = "Dear {{ customer.name }},\n\nYour order {{ order.id }} has shipped.\n\nLove,\n{{ sender }}\n"
    path = tmp_path / "shipped.txt.j2"
    path.write_text(text)
    run("--fix", *FIX, str(path))
    assert path.read_text() == text.replace("Love,", "Best regards,")


def test_fix_in_an_email_leaves_quoted_history_alone(tmp_path: Path) -> None:
    from tonecheck.formats import format_for

    if format_for("a.eml") is None:
        pytest.skip("no e-mail reader")
    text = ("From: Sam <sam@example.org>\r\nTo: Lee <lee@example.org>\r\nSubject: Your order\r\n\r\n"
            "Dear Ms Lee,\r\n\r\nThank you for the order.\r\n\r\nLove,\r\nSam\r\n\r\n"
            "On Monday, Lee wrote:\r\n> Thanks!\r\n>\r\n> Love,\r\n> Lee\r\n")
    path = tmp_path / "reply.eml"
    path.write_bytes(text.encode())
    run("--fix", *FIX, str(path))
    fixed = path.read_bytes().decode()
    assert fixed == text.replace("\r\n\r\nLove,\r\nSam", "\r\n\r\nBest regards,\r\nSam")
    assert "> Love,\r\n" in fixed
