"""Inline suppression in each format's comment syntax, and baselines."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from tonecheck import baseline, suppress
from tonecheck.finding import FileResult, Finding, Level
from tonecheck.formats import format_for, read_letter
from tonecheck.source import SourceText

from .test_config import run

FAST = ("--no-config", "--select", "Business.Sugarcoating,Business.AffectionateSignOff")


def result_for(text: str, phrase_rules: list[tuple[str, str]], path: str = "a") -> FileResult:
    """A FileResult with one finding per (phrase, rule), at every occurrence of the phrase."""
    source = SourceText(path, text)
    findings = []
    for phrase, rule in phrase_rules:
        start = text.find(phrase)
        while start != -1:
            line, col = source.position(start)
            end_line, end_col = source.position(start + len(phrase))
            findings.append(Finding(path, start, start + len(phrase), rule, Level.WARNING, "m", line, col,
                                    end_line, end_col, phrase))
            start = text.find(phrase, start + 1)
    return FileResult(path, tuple(sorted(findings)), read_letter(source))


def kept(text: str, syntax: str, rules: list[tuple[str, str]]) -> list[tuple[int, str]]:
    result = suppress.apply(result_for(text, rules), syntax)
    return [(f.line, f.rule) for f in result.findings]


HICCUP = [("hiccup", "Business.Sugarcoating"), ("Love", "Business.AffectionateSignOff")]


@pytest.mark.parametrize(("fmt", "disable", "enable", "next_line"), [
    ("markdown", "<!-- tonecheck-disable Business.Sugarcoating -->", "<!-- tonecheck-enable -->",
     "<!-- tonecheck-disable-next-line Business.Sugarcoating -->"),
    ("html", "<!--tonecheck-disable Business.Sugarcoating-->", "<!-- tonecheck-enable Business.Sugarcoating -->",
     "<!-- tonecheck-disable-next-line Business.* -->"),
    ("eml", "<!-- tonecheck-disable Business.Sugarcoating -->", "<!-- tonecheck-enable -->",
     "<!-- tonecheck-disable-next-line Business -->"),
    ("jinja", "{# tonecheck-disable Business.Sugarcoating #}", "{# tonecheck-enable #}",
     "{#- tonecheck-disable-next-line Business.Sugarcoating -#}"),
    ("liquid", "{# tonecheck-disable Business.Sugarcoating #}", "{# tonecheck-enable #}",
     "{# tonecheck-disable-next-line Business.Sugarcoating #}"),
    ("handlebars", "{{!-- tonecheck-disable Business.Sugarcoating --}}", "{{!-- tonecheck-enable --}}",
     "{{! tonecheck-disable-next-line Business.Sugarcoating }}"),
])
def test_each_format_suppresses_in_its_own_comment_syntax(fmt: str, disable: str, enable: str, next_line: str) -> None:
    text = (f"hiccup one\n{disable}\nhiccup two\nLove\n{enable}\nhiccup three\n"
            f"{next_line}\nhiccup four\nhiccup five\n")
    assert kept(text, fmt, HICCUP) == [(1, "Business.Sugarcoating"), (4, "Business.AffectionateSignOff"),
                                       (6, "Business.Sugarcoating"), (9, "Business.Sugarcoating")]


def test_comment_syntax_comes_from_the_letter() -> None:
    def syntax(path: str) -> str:
        return suppress.syntax_of(read_letter(SourceText(path, "Dear Alex,\n\nHello.\n")))

    assert syntax("welcome.html.j2") == "jinja"
    assert syntax("x.hbs") == "handlebars"
    assert syntax("x.liquid") == "liquid"
    assert syntax("x.md") == "markdown"
    assert syntax("x.txt") == "text"
    text = "{{!-- tonecheck-disable-next-line --}}\nhiccup\n{# tonecheck-disable-next-line #}\nhiccup\n"
    result = result_for(text, HICCUP, "mail.hbs")
    assert [f.line for f in suppress.apply(result).findings] == [4]


def test_other_formats_comments_do_nothing() -> None:
    text = "{# tonecheck-disable-next-line #}\nhiccup\n<!-- tonecheck-disable-next-line -->\nhiccup\n"
    assert kept(text, "text", HICCUP) == [(2, "Business.Sugarcoating"), (4, "Business.Sugarcoating")]
    assert kept(text, "markdown", HICCUP) == [(2, "Business.Sugarcoating")]
    assert kept(text, "jinja", HICCUP) == [(4, "Business.Sugarcoating")]


def test_disable_without_ids_covers_every_rule_to_the_end() -> None:
    text = "hiccup\n<!-- tonecheck-disable -->\nhiccup Love\n"
    assert kept(text, "markdown", HICCUP) == [(1, "Business.Sugarcoating")]


def test_several_ids_comma_or_space_separated() -> None:
    text = "<!-- tonecheck-disable-next-line Business.Sugarcoating, Business.AffectionateSignOff -->\nhiccup Love\nLove\n"
    assert kept(text, "html", HICCUP) == [(3, "Business.AffectionateSignOff")]


@pytest.mark.parametrize(("name", "content"), [
    ("a.md", "Dear Ms Lee,\n\n<!-- tonecheck-disable-next-line Business.Sugarcoating -->\nThere was a minor hiccup.\n\nLove,\nSam\n"),
    ("a.html", "<p>Dear Ms Lee,</p>\n<!-- tonecheck-disable-next-line Business.Sugarcoating -->\n<p>There was a minor hiccup.</p>\n<p>Love,<br>Sam</p>\n"),
    ("a.j2", "Dear {{ name }},\n\n{# tonecheck-disable-next-line Business.Sugarcoating #}\nThere was a minor hiccup.\n\nLove,\nSam\n"),
    ("a.hbs", "Dear {{name}},\n\n{{!-- tonecheck-disable-next-line Business.Sugarcoating --}}\nThere was a minor hiccup.\n\nLove,\nSam\n"),
    ("a.liquid", "Dear {{ name }},\n\n{# tonecheck-disable-next-line Business.Sugarcoating #}\nThere was a minor hiccup.\n\nLove,\nSam\n"),
])
def test_suppression_end_to_end(tmp_path: Path, name: str, content: str) -> None:
    if format_for(name) is None:
        pytest.skip(f"no reader for {name} yet")
    (tmp_path / name).write_text(content)
    code, out, _ = run("--format", "json", *FAST, str(tmp_path / name))
    rules = [f["rule"] for f in json.loads(out)["files"][0]["findings"]]
    assert rules == ["Business.AffectionateSignOff"]


def test_html_on_stdin_is_suppressed_as_html() -> None:
    """Standard input sniffed as HTML keeps its letter, so its HTML comments suppress."""
    html = ("<!doctype html>\n<html><body>\n<p>Dear Ms Lee,</p>\n"
            "<!-- tonecheck-disable-next-line Business.Sugarcoating -->\n<p>There was a minor hiccup.</p>\n"
            "<p>Love,<br>Sam</p>\n</body></html>\n")
    code, out, _ = run("--format", "json", *FAST, "-", input=html.encode())
    rules = [f["rule"] for f in json.loads(out)["files"][0]["findings"]]
    assert rules == ["Business.AffectionateSignOff"]


def test_fixes_use_the_letters_offset_map_without_reading_again(monkeypatch: pytest.MonkeyPatch) -> None:
    from tonecheck import fixes, formats

    source = SourceText("a.md", "Dear Ms Lee,\n\nLove,\nSam\n")
    letter = read_letter(source)
    start = source.text.index("Love")
    line, col = source.position(start)
    finding = Finding("a.md", start, start + 4, "T.R", Level.ERROR, "m", line, col, line, col + 4, "Love", ("Best regards",))

    def no_reading(*_: object, **__: object) -> None:
        raise AssertionError("a step after the engine read the letter again")

    monkeypatch.setattr(formats, "read_letter", no_reading)
    monkeypatch.setitem(formats.READERS, "markdown", no_reading)
    fplan = fixes.plan_file(FileResult("a.md", (finding,), letter), {"T.R": "safe"})
    assert fplan is not None and fplan.new_text == "Dear Ms Lee,\n\nBest regards,\nSam\n"


# ------------------------------------------------------------------ baseline
LETTER = "Dear Ms Lee,\n\nThere was a minor hiccup with your order.\n\nLove,\nSam\n"


def test_baseline_keys_ignore_line_numbers() -> None:
    before = result_for(LETTER, HICCUP, "a.txt")
    moved = "Preface line.\n\n" + LETTER
    after = result_for(moved, HICCUP, "a.txt")
    keys = [baseline.key_of(f, LETTER) for f in before.findings]
    assert keys == [baseline.key_of(f, moved) for f in after.findings]
    changed = result_for(LETTER.replace("your order", "your invoice"), HICCUP, "a.txt")
    assert baseline.key_of(changed.findings[0], changed.source.text) != keys[0]  # its sentence changed
    assert baseline.key_of(changed.findings[1], changed.source.text) == keys[1]


def test_baseline_counts_duplicates() -> None:
    text = "A hiccup. A hiccup.\n"
    known = baseline.load_counts(baseline.build([result_for("A hiccup. A hiccup.\n", HICCUP, "a.txt")]))
    three = result_for("A hiccup. A hiccup. A hiccup.\n", HICCUP, "a.txt")
    left = baseline.filter_results([three], known)
    assert [f.start for f in left[0].findings] == [text.rfind("hiccup") + len(" A hiccup.")]


def test_write_baseline_then_only_new_findings_fail(tmp_path: Path) -> None:
    letters = tmp_path / "letters"
    letters.mkdir()
    (letters / "old.txt").write_text(LETTER)
    base = tmp_path / "tonecheck-baseline.json"
    code, _, err = run(*FAST, "--write-baseline", str(base), str(letters))
    assert code == 0 and err.strip() == f"tonecheck: wrote 2 findings to {base}"
    data = json.loads(base.read_text())
    assert data["version"] == 1
    assert [(e["rule"], e["count"]) for e in data["findings"]] == [
        ("Business.AffectionateSignOff", 1), ("Business.Sugarcoating", 1)]
    assert data["findings"][0]["match"] == "Love" and "minor hiccup" in data["findings"][1]["match"]
    code, out, _ = run("--format", "json", *FAST, "--baseline", str(base), str(letters))
    assert code == 0 and json.loads(out)["files"][0]["findings"] == []
    # an edit elsewhere keeps the baseline valid; a new problem is reported
    (letters / "old.txt").write_text("Subject: your order\n\n" + LETTER.replace("Sam\n", "Sam\n\nP.S. Just a small glitch.\n"))
    code, out, _ = run("--format", "json", *FAST, "--baseline", str(base), str(letters))
    found = json.loads(out)["files"][0]["findings"]
    assert code == 0 and [f["level"] for f in found] == ["warning"]  # a warning is below the default fail level
    assert len(found) == 1 and "small glitch" in found[0]["match"] and found[0]["line"] == 10


def test_bad_baseline_is_one_line_exit_2(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(LETTER)
    (tmp_path / "b.json").write_text("{nope")
    code, _, err = run(*FAST, "--baseline", str(tmp_path / "b.json"), str(tmp_path / "a.txt"))
    assert code == 2 and err.strip() == f"tonecheck: {tmp_path / 'b.json'}: not a tonecheck baseline (invalid JSON at line 1)"
    code, _, err = run(*FAST, "--baseline", str(tmp_path / "none.json"), str(tmp_path / "a.txt"))
    assert code == 2 and "baseline file not found (create it with --write-baseline" in err


def test_letter_level_findings_keep_their_key_when_the_letter_changes() -> None:
    source = SourceText("a.txt", LETTER)
    finding = Finding("a.txt", 14, 14, "Business.MissingPurpose", Level.WARNING, "m", 3, 1, 3, 1, "")
    edited = "Hello again.\n\n" + LETTER.replace("minor", "small")
    moved = replace(finding, start=28, end=28)
    assert baseline.key_of(finding, source.text) == baseline.key_of(moved, edited)
