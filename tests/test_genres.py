"""Genres: how a letter's kind is told, and how it changes the letter-level rules.

Issue 12: a short internal note is not judged like a formal client letter;
phrase rules stay on in every genre; templates are told by their content."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from tonecheck import lint_text
from tonecheck.cli import main
from tonecheck.engine import Linter
from tonecheck.formats import read_letter
from tonecheck.genres import GENRE_NAMES, GENRES, detect
from tonecheck.rules import RuleLoadError, build_rule
from tonecheck.source import SourceText


def genre_of(text: str, path: str = "draft.txt") -> str:
    return read_letter(SourceText(path, text)).genre


@pytest.mark.parametrize(("text", "genre"), [
    # formal salutations and letter layouts
    ("Dear Ms. Park,\n\nThe parts ship on Friday.\n\nKind regards,\nSam", "letter"),
    ("Mr. Keane,\n\nYour invoice is attached.\n\nRegards,\nStuart", "letter"),
    ("Hi Rob,\n\nThe parts ship on Friday.\n\nCheers,\nKevin", "letter"),
    ("Hi Greg,\n\nThe valve was fine.\n\nBrett\nCoastline Plumbing\n(02) 5555 1234", "letter"),
    ("hey Lou,\n\nswapped the oak for walnut, looks better.\n\nTom", "letter"),
    # salutations of other languages and regions, and a close run into the name
    ("Jambo my friend!! So happy to hear from you.\n\nAsante sana,\nJoseph Mwangi\nSimba Trails\n+254 733 555 240", "letter"),
    ("Kia ora Mrs Tane,\n\nBiscuit is due for his jab.\n\nNg\u0101 mihi,\nHine", "letter"),
    ("Evening Pieter,\n\nThe steel arrives on Monday.\n\nRegards,\nJohan", "letter"),
    ("Hiya Laura!\n\nThe marquee is booked for the 14th.\n\nJess x\nWedding Coordinator, Fernhill\n01632 960123", "letter"),
    # notes between colleagues
    ("Mike, since Terry is out this week, can you take the lead on the report?  Thanks. Lynn", "note"),
    ("How about tomorrow at 1:30?  Diana and John can meet me.  Thanks. Lynn", "note"),
    ("Raetta,\n\nIn July I plan to take the following days off.\n\nThanks,\nLarry", "note"),
    ("Folks,\nWe are working with the hotel on maps.\n\nTodd Hudson\nInformation Systems Analyst", "note"),
    ("Market Participants,\n\nThe next call is on Thursday.\n\nDon Fuller\nDirector, Client Relations", "note"),
    ("Dear Participants:\n\nBreakfast is served from 6:30 AM.\n\nTodd", "note"),
    ("Good morning Lynn, the meeting is at 2:30 in EB39C1.\n\nThanks,\nAva", "note"),
    ("The feed is back up; no action needed.", "note"),
    # no salutation, but a close of its own and a full signature block with a phone: a client letter
    ("Our prebook pricing closes on Friday.\n\nThanks,\nDale Kowalski\nTerritory Sales\n(616) 555-0182", "letter"),
    ("The report is attached.\n\nThanks,\nDale Kowalski\nTerritory Sales", "note"),
    ("Oi Chef Danny!!\n\nWanna add some more coxinhas?\n\nBeijos,\nRafaela\nSabor Foods\n(973) 555-0148", "letter"),
    ("The report is attached.\n\nThanks, Dale\nTerritory Sales\n(616) 555-0182", "note"),
])
def test_genre_is_told_from_the_letter(text: str, genre: str) -> None:
    assert genre_of(text) == genre


def test_a_titled_markdown_notice_without_a_greeting_is_a_note() -> None:
    notice = "The AGM is on 12 March.\n\nKind regards,\n\nMaire Kinsella\nMember Services\n059 913 4420\n"
    assert genre_of("# Growers' notice\n\n" + notice, "notice.md") == "note"
    assert genre_of(notice, "notice.md") == "letter"


def test_template_syntax_makes_a_template_of_any_suffix() -> None:
    for path in ("welcome.txt", "welcome.html", "welcome.md"):
        letter = read_letter(SourceText(path, "Hello {{ user.first_name }},\n\n{% if trial %}Your trial ends soon.{% endif %}\n"))
        assert (letter.format, letter.genre) == ("template", "template"), path
        assert "{{" not in letter.text and "{%" not in letter.text


def test_erb_and_merge_tags_are_templates() -> None:
    erb = read_letter(SourceText("welcome.text.erb", "Hi <%= @user.name %>,\n\n<% if @trial %>Welcome!<% end %>\n"))
    assert erb.format == "template" and erb.meta["template"] == "erb" and "<%" not in erb.text
    sniffed = read_letter(SourceText("notice.txt", "Hi <%= @user.name %>, your plan renews today.\n"))
    assert sniffed.meta["template"] == "erb"
    merge = read_letter(SourceText("promo.html", "<p>Hi *|FNAME|*, your code is *|PROMO|*.</p>"))
    assert merge.format == "template" and "*|" not in merge.text


def test_one_forgotten_variable_in_a_draft_is_a_slot_not_a_template() -> None:
    findings = lint_text("Dear {{first_name}},\n\nYour renewal is due on June 6.\n\nBest regards,\nSam\n",
                         path="draft.txt", select=["Business.UnfilledPlaceholder"])
    assert [f.match for f in findings] == ["{{first_name}}"]


def test_a_forgotten_slot_in_a_template_still_fires() -> None:
    text = "Hello {{ user.name }},\n\nWelcome to [Product Name]. {% if trial %}Enjoy.{% endif %}\n"
    findings = lint_text(text, path="welcome.html", select=["Business.UnfilledPlaceholder"])
    assert [f.match for f in findings] == ["[Product Name]"]


NOTE = "The storage figures for May are in the shared folder now, and the June ones follow on Tuesday. " \
       "We will go through them at the budget review with the whole group next week.\n"


def test_a_note_is_not_judged_like_a_letter(linter: Linter) -> None:
    note = {f.rule for f in linter.lint_letter(read_letter(SourceText("n.txt", NOTE))).findings}
    as_letter = {f.rule for f in linter.lint_letter(read_letter(SourceText("n.txt", NOTE), genre="letter")).findings}
    assert not note & {"Business.MissingGreeting", "Business.MissingSignOff", "Business.NoGratitude"}
    assert "Business.MissingGreeting" in as_letter


def test_phrase_rules_stay_on_in_every_genre(linter: Linter) -> None:
    text = "Lynn, sorry if you felt the report was late.  Thanks. Bob\n"
    for genre in GENRE_NAMES:
        rules = {f.rule for f in linter.lint_letter(read_letter(SourceText("n.txt", text), genre=genre)).findings}
        assert "Business.NonApology" in rules, genre


def test_a_genre_sets_thresholds() -> None:
    sentence = " ".join(["word"] * 40) + "."
    letter = lint_text(sentence, genre="letter", select=["Business.LongSentence"])
    note = lint_text(sentence, genre="note", select=["Business.LongSentence"])
    assert len(letter) == 1 and note == []


def test_single_capital_names_are_not_shouting_but_a_shouted_sentence_is() -> None:
    names = "Please send the ONEOK and CAISO figures; the CITRIX server is down, see MEETING NOTICE."
    assert lint_text(names, genre="letter", select=["Business.Shouting"]) == []
    shout = lint_text("PLEASE READ THIS before the call.", genre="note", select=["Business.Shouting"])
    assert [f.match for f in shout] == ["PLEASE READ THIS"]


BASE = {"extends": "existence", "message": "m", "tokens": ["x"]}


def test_a_rule_names_genres_and_their_settings() -> None:
    rule = build_rule({**BASE, "genres": {"note": "off", "template": {"level": "error"}}},
                      rule_id="T.R", pack="T", path="T/R.yml")
    assert rule.for_genre("note") is None
    variant = rule.for_genre("template")
    assert variant is not None and str(variant.level) == "error"
    assert rule.for_genre("letter") is rule


@pytest.mark.parametrize(("genres", "problem"), [
    ({"memo": "off"}, "genres.memo: unknown genre"),
    ({"nots": "off"}, "did you mean 'note'"),
    ({"note": "maybe"}, "genres.note: expected off, on or a mapping"),
    ({"note": {"examples": {}}}, "genres.note.examples: a genre may change"),
    ({"note": {"colour": 1}}, "genres.note: colour: unknown key"),
])
def test_bad_genre_settings_are_load_errors(genres: object, problem: str) -> None:
    with pytest.raises(RuleLoadError) as exc:
        build_rule({**BASE, "genres": genres}, rule_id="T.R", pack="T", path="T/R.yml")
    assert problem in str(exc.value)


def test_every_genre_is_documented() -> None:
    assert set(GENRES) == set(GENRE_NAMES) >= {"letter", "note", "template"}
    assert all(g.summary and g.detected_by for g in GENRES.values())


def _run(tmp_path: Path, *args: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    result = CliRunner().invoke(main, [*args, "--format", "json"], catch_exceptions=False)
    return result.exit_code, json.loads(result.stdout) if result.stdout.strip().startswith("{") else {}


def _rules_of(report: dict) -> set[str]:  # type: ignore[type-arg]
    return {f["rule"] for file in report["files"] for f in file["findings"]}


def test_genre_from_the_command_line_and_the_configuration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "letters").mkdir()
    draft = tmp_path / "letters" / "wall.txt"
    draft.write_text(textwrap.fill("We wanted to let you know that our supplier changed its schedule, so your "
                                   "second order will arrive in the week of July 14 rather than June 30.", 70) + "\n")
    _, auto = _run(tmp_path, str(draft))
    assert "Business.MissingGreeting" not in _rules_of(auto)
    _, cli = _run(tmp_path, str(draft), "--genre", "letter")
    assert "Business.MissingGreeting" in _rules_of(cli)
    (tmp_path / ".tonecheck.yaml").write_text("overrides:\n  - files: 'letters/**'\n    genre: letter\n")
    _, configured = _run(tmp_path, str(draft))
    assert "Business.MissingGreeting" in _rules_of(configured)
    _, overruled = _run(tmp_path, str(draft), "--genre", "note")
    assert "Business.MissingGreeting" not in _rules_of(overruled)


def test_format_per_glob_overrides_the_template_guess(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    draft = tmp_path / "draft.txt"
    draft.write_text("Dear {{ first_name }},\n\nYour plan renews on {{ date }}.\n\nBest regards,\nSam\n")
    _, guessed = _run(tmp_path, str(draft))
    assert "Business.UnfilledPlaceholder" not in _rules_of(guessed)
    (tmp_path / ".tonecheck.yaml").write_text("overrides:\n  - files: '*.txt'\n    format: text\n")
    _, forced = _run(tmp_path, str(draft))
    assert "Business.UnfilledPlaceholder" in _rules_of(forced)


@pytest.mark.parametrize(("config", "problem"), [
    ("genre: memo\n", "genre: unknown value 'memo'"),
    ("overrides:\n  - files: '*.txt'\n    format: word\n", "overrides[0].format: unknown value 'word'"),
])
def test_bad_genre_or_format_in_configuration_is_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          config: str, problem: str) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".tonecheck.yaml").write_text(config)
    (tmp_path / "a.txt").write_text("Dear Sam,\n\nThe parts ship on Friday.\n\nBest regards,\nJo\n")
    result = CliRunner().invoke(main, ["a.txt"])
    assert result.exit_code == 2
    assert problem in result.stderr


def test_detect_is_a_pure_function_of_the_letter() -> None:
    letter = read_letter(SourceText("x.txt", "Dear Ms. Park,\n\nThanks.\n\nBest regards,\nSam"), genre="note")
    assert letter.genre == "note" and detect(letter) == "letter"


def test_a_regional_hello_above_a_signature_block_is_a_letter() -> None:
    from tonecheck.formats import read_letter
    from tonecheck.genres import detect
    from tonecheck.source import SourceText

    text = ("Howzit Johan,\n\nThe callout fees are in clause 6.2.\n\nPieter van Wyk\nOperations Manager\n"
            "Sentinel Shield Security\n011 555 0123\n")
    assert detect(read_letter(SourceText("a.txt", text))) == "letter"
