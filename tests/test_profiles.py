"""Recipient profiles (issue 18): each check, each way of choosing the reader,
broken profiles (one clear line, exit 2), and the end-to-end example: the same
draft gives different, correct findings for three readers."""

from __future__ import annotations

import ast
import json
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from tonecheck import lint_text
from tonecheck.cli import main
from tonecheck.engine import Linter
from tonecheck.finding import Finding, Level
from tonecheck.formats import read_letter
from tonecheck.profiles import (Profile, ProfileBook, ProfileError, attach, level_for, load_folder, readers, select,
                                validate)
from tonecheck.rules import RuleLoadError, build_rule, load_rules
from tonecheck.source import SourceText

from .conftest import EXAMPLES, ROOT

PROFILES = EXAMPLES / "profiles"
DRAFT = str(PROFILES / "draft.txt")
DRAFT_EML = str(PROFILES / "draft.eml")
DRAFT_OKAFOR_EML = str(PROFILES / "draft-okafor.eml")
# What the "Done when" names for the formal reader and for none of the casual one's.
DONE_WHEN = {"Profile.WrongName", "Profile.TooLong", "Profile.Avoid", "Profile.Register"}

HARTWELL = Profile(id="hartwell", name="Dana Hartwell", address_as="Ms. Hartwell", formality="formal",
                   detail="big-picture", max_words=150, sign_off="Best regards,",
                   match=("dana.hartwell@hartwell.example", "@hartwell.example"))
OKAFOR = Profile(id="okafor", name="Dana Okafor", address_as="Dana", formality="casual", sign_off="Cheers,",
                 match=("dana@okafor-studio.example",))


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def lint(text: str, *profiles: Profile, select_: str = "Profile.*", **options: object) -> list[Finding]:
    return lint_text(text, profiles=list(profiles), to=[p.id for p in profiles] or None, select=[select_], **options)


def rules_of(findings: list[Finding]) -> set[str]:
    return {f.rule for f in findings}


@pytest.fixture(scope="module")
def profile_linter(all_rules: list) -> Linter:  # type: ignore[type-arg]
    return Linter([r for r in all_rules if r.pack in ("Profile", "Business")])


# ------------------------------------------------------------------ the example of the issue, end to end
def _rules_from_cli(*args: str) -> tuple[int, set[str], list[dict]]:  # type: ignore[type-arg]
    code, out, _ = run(*args, "--format", "json")
    findings = json.loads(out)["files"][0]["findings"]
    return code, {f["rule"] for f in findings}, findings


def test_the_formal_reader_gets_wrongname_toolong_avoid_and_register_via_to() -> None:
    _, found, findings = _rules_from_cli("--to", "hartwell", DRAFT)
    assert DONE_WHEN <= found
    messages = " ".join(f["message"] for f in findings if f["rule"].startswith("Profile."))
    assert "Dana Hartwell" in messages and "prefers a working lunch" in messages


def test_the_casual_reader_gets_none_of_them_via_to() -> None:
    _, found, _ = _rules_from_cli("--to", "okafor", DRAFT)
    assert not found & DONE_WHEN
    assert not {r for r in found if r.startswith("Profile.")}


def test_the_neutral_reader_gets_findings_of_its_own() -> None:
    _, found, findings = _rules_from_cli("--to", "raman", DRAFT)
    assert "Profile.WrongName" in found and not found & {"Profile.Avoid", "Profile.Register", "Profile.TooLong"}
    assert any("Priya Raman" in f["message"] for f in findings)


def test_the_eml_to_header_selects_the_reader() -> None:
    _, formal, _ = _rules_from_cli(DRAFT_EML)
    _, casual, _ = _rules_from_cli(DRAFT_OKAFOR_EML)
    assert DONE_WHEN <= formal
    assert not casual & DONE_WHEN


def test_without_a_reader_no_profile_rule_runs() -> None:
    _, found, _ = _rules_from_cli("--no-config", DRAFT)
    assert not {r for r in found if r.startswith("Profile.")}


def test_verbose_says_which_reader_or_that_none_matched(tmp_path: Path) -> None:
    _, _, err = run("-v", "-q", DRAFT_EML)
    assert "draft.eml: reader hartwell (from the To: header)" in err
    other = tmp_path / "other.eml"
    other.write_text(Path(DRAFT_EML).read_text().replace("dana.hartwell@hartwell.example", "jo@elsewhere.example"))
    (tmp_path / ".tonecheck.yaml").write_text(f"profiles: {PROFILES / 'readers'}\n")
    code, _, err = run("-v", str(other))
    assert "no profile" in err and "jo@elsewhere.example" in err
    _, _, quiet = run(str(other))
    assert "no profile" not in quiet  # only -v says it
    _, _, none = run("-v", "--no-config", DRAFT)
    assert "no profile: no profiles folder is configured" in none


# ------------------------------------------------------------------ choosing the reader
def _letter(text: str, path: str = "x.txt") -> object:
    return read_letter(SourceText(path, text))


BOOK = ProfileBook.of([HARTWELL, OKAFOR, Profile(id="cole", name="Mark Cole", match=("mark.cole@hartwell.example",))])


def test_an_exact_address_beats_the_firms_domain_and_several_recipients_select_several() -> None:
    eml = ("From: s@p.example\nTo: Mark Cole <mark.cole@hartwell.example>, dana@okafor-studio.example, "
           "x@nowhere.example\nSubject: Hi\n\nHi Mark,\n\nThe contract is attached.\n\nBest,\nSam\n")
    chosen = select(BOOK, _letter(eml, "x.eml"))  # type: ignore[arg-type]
    assert [p.id for p in chosen.profiles] == ["cole", "okafor"]
    anyone = eml.replace("mark.cole@", "someone.else@")
    assert [p.id for p in select(BOOK, _letter(anyone, "x.eml")).profiles] == ["hartwell", "okafor"]  # type: ignore[arg-type]


def test_front_matter_to_selects_by_id_or_address() -> None:
    for head in ("to: okafor", "to: [okafor]", "to:\n  - dana@okafor-studio.example", 'to: "okafor"'):
        md = f"---\ntitle: Draft\n{head}\n---\n\nHi Dana,\n\nThe proofs are attached.\n\nCheers,\nSam\n"
        chosen = select(BOOK, _letter(md, "draft.md"))  # type: ignore[arg-type]
        assert [p.id for p in chosen.profiles] == ["okafor"], head


def test_to_beats_the_header_and_an_unknown_id_is_an_error() -> None:
    eml = "From: s@p.example\nTo: dana@okafor-studio.example\nSubject: Hi\n\nHi,\n\nText.\n"
    assert [p.id for p in select(BOOK, _letter(eml, "x.eml"), ["hartwell"]).profiles] == ["hartwell"]  # type: ignore[arg-type]
    with pytest.raises(ProfileError, match=r"--to: unknown profile 'hartwel' \(did you mean 'hartwell'\?\)"):
        select(BOOK, _letter(eml, "x.eml"), ["hartwel"])  # type: ignore[arg-type]


def test_a_letter_to_two_readers_is_checked_against_each() -> None:
    text = "Dear Mr. Cole,\n\nThe contract is attached.\n\nBest,\nSam\n"
    found = lint(text, HARTWELL, OKAFOR, select_="Profile.WrongName")
    assert sorted(f.message.split(":")[0] for f in found) == [
        "The greeting says 'Mr. Cole', but this letter is for Dana Hartwell",
        "The greeting says 'Mr. Cole', but this letter is for Dana Okafor"]


def test_the_api_reads_a_profiles_folder() -> None:
    found = lint_text(Path(DRAFT).read_text(), profiles=PROFILES / "readers", to="hartwell", select=["Profile.*"])
    assert DONE_WHEN <= rules_of(found)
    with pytest.raises(ProfileError, match="--to: no profiles folder"):
        lint_text("Hi", to="hartwell", select=["Profile.*"])


# ------------------------------------------------------------------ each check
FORMAL = Profile(id="f", name="Dana Hartwell", address_as="Ms. Hartwell", formality="formal")


@pytest.mark.parametrize(("greeting", "case"), [
    ("Dear Dana,", "is a formal reader"),
    ("Dear General Counsel,", "is a title"),
    ("Dear Mr. Cole,", "this letter is for Dana Hartwell"),
    ("Dear Mrs. Hartwell,", "goes by 'Ms. Hartwell', not 'Mrs. Hartwell'"),
])
def test_wrong_name(greeting: str, case: str) -> None:
    found = lint(f"{greeting}\n\nThe contract is attached.\n\nBest regards,\nSam\n", FORMAL, select_="Profile.WrongName")
    assert len(found) == 1 and case in found[0].message, found


def test_right_names_are_quiet() -> None:
    for greeting in ("Dear Ms. Hartwell,", "Dear Ms Hartwell,", "Hello,", "Dear Dana Hartwell,"):
        assert lint(f"{greeting}\n\nThe contract is attached.\n\nBest regards,\nSam\n", FORMAL,
                    select_="Profile.WrongName") == [], greeting
    assert lint("Hi Dana,\n\nAttached.\n\nCheers,\nSam\n", OKAFOR, select_="Profile.WrongName") == []


def test_too_long_gives_the_number_and_its_source() -> None:
    body = " ".join(["word"] * 30) + "."
    found = lint(f"Dear Ms. Hartwell,\n\n{body}\n\nBest regards,\nSam\n", Profile(id="f", max_words=20),
                 select_="Profile.TooLong")
    assert [f.message for f in found] == [
        "The body has 30 words; f reads at most 20 (f's profile). Cut it to what they must know and decide."]


def test_a_big_picture_reader_needs_the_purpose_in_the_first_three_sentences() -> None:
    late = "The quarter went well. Deliveries were on time. The warehouse opened. We would like to renew."
    early = "We would like to renew. The quarter went well. Deliveries were on time. The warehouse opened."
    reader = Profile(id="f", name="Dana", detail="big-picture")
    found = lint(f"Dear Dana,\n\n{late}\n\nBest,\nSam\n", reader, select_="Profile.TooLong")
    assert [f.match for f in found] == ["We would like to renew"] and "sentence 4" in found[0].message
    assert lint(f"Dear Dana,\n\n{early}\n\nBest,\nSam\n", reader, select_="Profile.TooLong") == []
    detailed = Profile(id="f", name="Dana", detail="detailed")
    assert lint(f"Dear Dana,\n\n{late}\n\nBest,\nSam\n", detailed, select_="Profile.TooLong") == []


def test_avoid_carries_the_reason() -> None:
    reader = validate({"id": "f", "name": "Dana", "avoid": [{"phrase": "golf day", "reason": "does not play"}]}, "f.yml")
    found = lint("Dear Dana,\n\nJoin us at our Golf Days in June.\n\nBest,\nSam\n", reader, select_="Profile.Avoid")
    assert [f.match for f in found] == ["Golf Days"] and "(does not play)" in found[0].message


def test_register_casual_to_formal_is_a_warning_and_stiff_to_casual_a_suggestion() -> None:
    casual = lint("Hey Dana,\n\nAttached.\n\nCheers,\nSam\n", FORMAL, select_="Profile.Register")
    assert [(f.match, f.level) for f in casual] == [("Hey", Level.WARNING), ("Cheers", Level.WARNING)]
    stiff = lint("Dear Dana,\n\nAttached.\n\nSincerely yours,\nSam\n", OKAFOR, select_="Profile.Register")
    assert [(f.match, f.level) for f in stiff] == [("Sincerely yours", Level.SUGGESTION)]


def test_overfamiliar_drops_to_a_suggestion_for_a_casual_reader() -> None:
    text = "Hi Dana,\n\nThe proofs are gonna be late, buddy, sorry about that.\n\nCheers,\nSam\n"
    plain = lint_text(text, select=["Business.Overfamiliar"])
    casual = lint(text, OKAFOR, select_="Business.Overfamiliar")
    formal = lint(text, FORMAL, select_="Business.Overfamiliar")
    assert plain and {f.level for f in plain} == {Level.WARNING}
    assert len(casual) == len(plain) and {f.level for f in casual} == {Level.SUGGESTION}
    assert {f.level for f in formal} == {Level.WARNING}
    own = validate({"id": "c", "formality": "casual", "rules": {"Business.Overfamiliar": "off"}}, "c.yml")
    assert lint(text, own, select_="Business.Overfamiliar") == []
    letter = attach(_letter(text), (OKAFOR, FORMAL))  # type: ignore[arg-type]
    assert level_for(letter, "Business.Overfamiliar", Level.WARNING) == Level.WARNING  # the strictest reader


def test_sign_off_is_a_suggestion_with_a_safe_fix() -> None:
    found = lint("Dear Ms. Hartwell,\n\nAttached.\n\nKind regards,\nSam\n", HARTWELL, select_="Profile.SignOff")
    assert [(f.match, f.level, f.suggestions) for f in found] == [("Kind regards,", Level.SUGGESTION, ("Best regards,",))]
    rule = next(r for r in load_rules() if r.id == "Profile.SignOff")
    assert rule.fix == "safe"


def test_complaint_reply_requires_responsibility_and_repair() -> None:
    reader = Profile(id="r", genre="complaint-reply")
    neither = "Dear Priya,\n\nThank you for your message. Your feedback has been passed on.\n\nKind regards,\nSam\n"
    owns = "Dear Priya,\n\nWe sent the wrong pallets; that was our mistake.\n\nKind regards,\nSam\n"
    both = "Dear Priya,\n\nWe sent the wrong pallets; that was our mistake. We have credited the cost.\n\nKind regards,\nSam\n"
    assert rules_of(lint(neither, reader)) >= {"Profile.Responsibility", "Profile.Repair"}
    assert "Profile.Responsibility" not in rules_of(lint(owns, reader)) and "Profile.Repair" in rules_of(lint(owns, reader))
    assert not rules_of(lint(both, reader)) & {"Profile.Responsibility", "Profile.Repair"}
    # the genre alone (configuration, --genre) asks the same, without a profile
    assert {"Profile.Responsibility", "Profile.Repair"} <= rules_of(lint_text(neither, genre="complaint-reply",
                                                                             select=["Profile.*"]))


def test_cold_outreach_bands_and_a_profile_overrides_the_genre() -> None:
    short = "Hi Jo,\n\nWe make label printers. Want a demo?\n\nBest,\nSam\n"
    found = lint_text(short, genre="cold-outreach", select=["Profile.*"])
    assert rules_of(found) == {"Profile.TooShort"}
    assert "Boomerang" in found[0].message  # the number says where it comes from
    no_question = "Hi Jo,\n\n" + " ".join(["word"] * 60) + ".\n\nBest,\nSam\n"
    assert rules_of(lint_text(no_question, genre="cold-outreach", select=["Profile.*"])) == {"Profile.Questions"}
    long = "Hi Jo,\n\n" + " ".join(["word"] * 130) + ". Would a demo help?\n\nBest,\nSam\n"
    assert rules_of(lint_text(long, genre="cold-outreach", select=["Profile.*"])) == {"Profile.TooLong"}
    roomy = Profile(id="jo", genre="cold-outreach", max_words=200, min_words=2)
    assert lint(long, roomy) == [] and lint(short, roomy) == []
    assert lint_text(short, genre="letter", select=["Profile.*"]) == []


def test_a_sub_genre_takes_the_letter_variant_of_a_rule() -> None:
    rule = build_rule({"extends": "existence", "message": "m", "tokens": ["x"], "genres": {"letter": {"level": "error"}}},
                      rule_id="T.R", pack="T", path="T/R.yml")
    variant = rule.for_genre("cold-outreach")
    assert variant is not None and variant.level == Level.ERROR and rule.for_genre("note") is rule


def test_a_team_rule_references_profile_fields(tmp_path: Path) -> None:
    pack = tmp_path / "Acme"
    pack.mkdir()
    (pack / "Account.yml").write_text(
        "extends: profile\ncheck: requires\nscope: body\ntokens: ['{account}']\nwhen: {detail: detailed}\n"
        "message: \"Quote {name}'s account number ({account}).\"\n")
    (pack / "OldName.yml").write_text(
        "extends: profile\ncheck: mentions\ntokens: ['{former_name}']\n"
        "message: \"{name}'s firm is {company} now; write that, not '%s'.\"\n")
    reader = validate({"id": "r", "name": "Priya Raman", "detail": "detailed",
                       "fields": {"account": "RL-4471", "former_name": "Raman & Sons", "company": "Raman Logistics"}},
                      "r.yml")
    text = "Dear Priya,\n\nRaman & Sons has been a client for years.\n\nKind regards,\nSam\n"
    found = lint_text(text, profiles=[reader], to="r", packs=[pack], select=["Acme.*"])
    assert sorted(f.message for f in found) == [
        "Priya Raman's firm is Raman Logistics now; write that, not 'Raman & Sons'.",
        "Quote Priya Raman's account number (RL-4471)."]
    quoted = text.replace("years.", "years (account RL-4471).")
    assert [f.rule for f in lint_text(quoted, profiles=[reader], to="r", packs=[pack], select=["Acme.*"])] == ["Acme.OldName"]
    without = validate({"id": "n", "name": "No Fields", "detail": "detailed"}, "n.yml")
    assert lint_text(text, profiles=[without], to="n", packs=[pack], select=["Acme.*"]) == []  # no field, no check


@pytest.mark.parametrize(("rule", "problem"), [
    ({"check": "wrong-names"}, "check: unknown check 'wrong-names' (did you mean 'wrong-name'?)"),
    ({"check": "avoid", "casual": ["hey"]}, "casual: not a key of check avoid"),
    ({"check": "element", "tokens": ["x"]}, "element: required by check element"),
    ({"check": "too-long", "purpose": ["x"], "messages": {"late": "m"}}, "messages.late: unknown case of check too-long"),
    ({"check": "requires", "tokens": ["({x}"]}, "tokens[0]: invalid regex"),
])
def test_profile_rules_are_validated_strictly(rule: dict, problem: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(RuleLoadError) as exc:
        build_rule({"extends": "profile", "message": "m", **rule}, rule_id="T.R", pack="T", path="T/R.yml")
    assert problem in str(exc.value)


def test_an_example_profile_is_validated_like_a_profile(tmp_path: Path) -> None:
    with pytest.raises(RuleLoadError, match=r"T/R.yml: examples.profile: formality: unknown value 'formall'"):
        build_rule({"extends": "profile", "check": "sign-off", "message": "m",
                    "examples": {"profile": {"formality": "formall"}, "bad": ["x"]}},
                   rule_id="T.R", pack="T", path="T/R.yml")


# ------------------------------------------------------------------ broken profiles: one clear line, exit 2
def _setup(tmp_path: Path, profiles: dict[str, str], config: str = "profiles: profiles/\n") -> str:
    (tmp_path / ".tonecheck.yaml").write_text(config)
    folder = tmp_path / "profiles"
    folder.mkdir()
    for name, text in profiles.items():
        (folder / name).write_text(text)
    letter = tmp_path / "draft.txt"
    letter.write_text("Dear Dana,\n\nThe contract is attached.\n\nBest regards,\nSam\n")
    return str(letter)


GOOD = "id: hartwell\nname: Dana Hartwell\nmatch: ['@hartwell.example']\n"


@pytest.mark.parametrize(("files", "args", "expected"), [
    ({"a.yml": GOOD + "formalty: formal\n"}, (), "a.yml: formalty: unknown key (did you mean 'formality'?)"),
    ({"a.yml": GOOD + "formality: formall\n"}, (), "a.yml: formality: unknown value 'formall' (did you mean 'formal'?)"),
    ({"a.yml": GOOD + "max_words: lots\n"}, (), "a.yml: max_words: expected a whole number"),
    ({"a.yml": GOOD + "match: [dana]\n"}, (), "a.yml: match[0]: expected an address"),
    ({"a.yml": GOOD, "b.yml": "id: other\nmatch: ['@Hartwell.example']\n"}, (),
     "b.yml: match[0]: '@hartwell.example' would select two profiles, hartwell"),
    ({"a.yml": GOOD, "b.yml": GOOD}, (), "b.yml: id: duplicate profile id 'hartwell'"),
    ({"a.yml": "id: x\nname: &n Dana\naddress_as: *n\n"}, (), "a.yml: invalid YAML: aliases (*name) are not allowed"),
    ({"a.yml": GOOD + "rules: {Business.Hedgin: off}\n"}, (), "a.yml: rules.Business.Hedgin: unknown rule (did you mean"),
    ({"a.yml": GOOD}, ("--to", "hartwel"), "--to: unknown profile 'hartwel' (did you mean 'hartwell'?)"),
])
def test_broken_profiles_give_one_clear_line_and_exit_2(tmp_path: Path, files: dict[str, str], args: tuple[str, ...],
                                                       expected: str) -> None:
    letter = _setup(tmp_path, files)
    code, out, err = run(*args, letter)
    lines = err.strip().splitlines()
    assert code == 2 and out == ""
    assert len(lines) == 2 and expected in lines[0], err
    assert lines[1] == "tonecheck: 1 problem in the recipient profiles; nothing was linted"
    assert "Traceback" not in err


def test_a_missing_profiles_folder_is_one_clear_line(tmp_path: Path) -> None:
    (tmp_path / ".tonecheck.yaml").write_text("profiles: readers/\n")
    letter = tmp_path / "draft.txt"
    letter.write_text("Dear Dana,\n\nHello.\n")
    code, _, err = run(str(letter))
    lines = err.strip().splitlines()
    assert code == 2 and len(lines) == 2
    assert lines[0] == f"{tmp_path / '.tonecheck.yaml'}: profiles: folder 'readers/' not found (relative to {tmp_path})"
    with pytest.raises(ProfileError, match="nope: profiles folder not found"):
        load_folder(tmp_path / "nope")


def test_to_without_a_profiles_folder_is_one_clear_line(tmp_path: Path) -> None:
    letter = tmp_path / "draft.txt"
    letter.write_text("Dear Dana,\n\nHello.\n")
    code, _, err = run("--no-config", "--to", "hartwell", str(letter))
    assert code == 2 and err.strip().splitlines()[0].startswith("--to: no profiles folder is configured")


def test_a_long_bad_value_is_not_echoed_whole(tmp_path: Path) -> None:
    secret = "x" * 500
    letter = _setup(tmp_path, {"a.yml": GOOD + f"formality: {secret}\n"})
    _, _, err = run(letter)
    assert secret not in err and len(err.splitlines()[0]) < 300


# ------------------------------------------------------------------ the profiles commands
def test_profiles_lists_and_profile_shows_one() -> None:
    code, out, _ = run("profiles", "--profiles", str(PROFILES / "readers"))
    assert code == 0 and out.splitlines()[-1].startswith("3 profiles in")
    assert [line.split()[0] for line in out.splitlines()[:-1]] == ["hartwell", "okafor", "raman"]
    code, out, _ = run("profile", "hartwell", "--profiles", str(PROFILES / "readers"))
    assert code == 0 and "address_as: Ms. Hartwell" in out and "formality: formal" in out
    code, _, err = run("profile", "hartwel", "--profiles", str(PROFILES / "readers"))
    assert code == 2 and "did you mean 'hartwell'" in err


def test_profiles_without_a_folder_says_how_to_add_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run("profiles")
    assert code == 2 and "add 'profiles: profiles/'" in err


# ------------------------------------------------------------------ never sent anywhere, never logged whole
NETWORK = {"socket", "urllib", "http", "requests", "httpx", "smtplib", "ftplib", "ssl", "asyncio"}


def test_profile_code_imports_no_network_module() -> None:
    for path in (ROOT / "src" / "tonecheck" / "profiles.py", ROOT / "src" / "tonecheck" / "kinds" / "profile.py"):
        tree = ast.parse(path.read_text())
        names = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        names |= {(n.module or "").split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and not n.level}
        assert not names & NETWORK, (path, names & NETWORK)


def test_linting_with_profiles_opens_no_socket(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_a: object, **_k: object) -> None:
        raise AssertionError("a socket was opened")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    found = lint_text(Path(DRAFT).read_text(), profiles=PROFILES / "readers", to="hartwell", select=["Profile.*"])
    assert found


def test_verbose_output_names_the_profile_not_its_content() -> None:
    _, _, err = run("-v", "--to", "hartwell", DRAFT)
    assert "reader hartwell" in err
    for content in ("Ms. Hartwell", "working lunch", "Best regards", "big-picture", "steak"):
        assert content not in err


# ------------------------------------------------------------------ quiet without a reader
def test_profile_rules_are_silent_without_a_reader(profile_linter: Linter) -> None:
    for path in sorted(EXAMPLES.glob("*.txt")):
        letter = read_letter(SourceText(str(path), path.read_text()), genre="letter")
        assert readers(letter) == ()
        found = profile_linter.lint_letter(letter).findings
        assert not [f for f in found if f.rule.startswith("Profile.")], path
