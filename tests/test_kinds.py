"""Each rule kind on small letters: what it reports, where, and what it ignores."""

from __future__ import annotations

import pytest

from tonecheck.nlp import Pipeline
from tonecheck.rules import RuleLoadError

from .helpers import lint, make_rule, spans

LETTER = """Subject: Your renewal

Dear Ana,

Thank you for the call. The report was lost, but it was just a minor hiccup.
Our team will fix it soon. We think our plan is good and we love our work.

Best regards,
Sam
"""


@pytest.fixture(scope="module")
def shared(full_pipeline: Pipeline) -> Pipeline:
    return full_pipeline


# ------------------------------------------------------------------ existence
def test_existence_reports_each_word_bounded_match() -> None:
    rule = make_rule({"extends": "existence", "tokens": ["minor hiccup", "fix"], "ignorecase": True})
    assert spans(lint(rule, LETTER)) == [(5, 64, "minor hiccup"), (6, 15, "fix")]


def test_existence_is_word_bounded_and_case_sensitive_by_default() -> None:
    rule = make_rule({"extends": "existence", "tokens": ["Team", "fi"]})
    assert lint(rule, LETTER) == []


def test_existence_exceptions_drop_matches() -> None:
    rule = make_rule({"extends": "existence", "tokens": [r"\w+ly"], "exceptions": ["only"], "ignorecase": True})
    assert [f.match for f in lint(rule, "Only we only write weekly.")] == ["weekly"]


def test_existence_message_takes_the_match() -> None:
    rule = make_rule({"extends": "existence", "tokens": ["hiccup"], "message": "Avoid '%s'."})
    (finding,) = lint(rule, LETTER)
    assert finding.message == "Avoid 'hiccup'."
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (5, 70, 5, 76)


def test_scope_limits_the_parts_checked() -> None:
    rule = make_rule({"extends": "existence", "tokens": ["regards", "renewal", "Ana"], "scope": ["closing", "subject"]})
    assert [(f.match, f.part) for f in lint(rule, LETTER)] == [("renewal", "subject"), ("regards", "closing")]


def test_quoted_reply_is_never_linted() -> None:
    text = "Hi Jo,\n\nYes, Friday works.\n\nBest,\nSam\n\nOn Mon, 3 Mar 2025, Jo wrote:\n> Love the plan\n> Love,\n"
    rule = make_rule({"extends": "existence", "tokens": ["love"], "ignorecase": True})
    assert lint(rule, text) == []


# ------------------------------------------------------------------ substitution
def test_substitution_suggests_replacement_and_keeps_case() -> None:
    rule = make_rule({"extends": "substitution", "swap": {"asap": "by Friday|by 5 pm"}, "ignorecase": True,
                      "message": "Write '%s' instead of '%s'."})
    (finding,) = lint(rule, "I'll send it ASAP.\n")
    assert finding.suggestions == ("By Friday", "By 5 pm") or finding.suggestions == ("by Friday", "by 5 pm")
    assert finding.match == "ASAP"
    assert finding.message.startswith("Write 'by Friday or by 5 pm' instead of 'ASAP'") or "instead of 'ASAP'" in finding.message


def test_substitution_capitalises_like_the_original() -> None:
    rule = make_rule({"extends": "substitution", "swap": {"love": "best regards"}, "ignorecase": True, "scope": "closing"})
    (finding,) = lint(rule, "Thanks for the order.\n\nLove,\nSam\n")
    assert finding.suggestions == ("Best regards",)
    assert (finding.line, finding.column) == (3, 1)


def test_substitution_skips_when_the_text_already_is_the_replacement() -> None:
    rule = make_rule({"extends": "substitution", "swap": {"e-?mail": "email"}, "ignorecase": True})
    assert [f.match for f in lint(rule, "Send an e-mail or an email.")] == ["e-mail"]


# ------------------------------------------------------------------ occurrence
def test_occurrence_max_per_sentence(shared: Pipeline) -> None:
    rule = make_rule({"extends": "occurrence", "token": r"\b\w+\b", "max": 5, "scope": "sentence",
                      "message": "Sentence of %s words."})
    found = lint(rule, "Short one here.\n\nThis sentence has far more than five words in it.\n", pipeline=shared)
    assert [(f.line, f.message) for f in found] == [(3, "Sentence of 10 words.")]
    assert found[0].match == "This sentence has far more than five words in it."


def test_occurrence_min_in_body() -> None:
    rule = make_rule({"extends": "occurrence", "token": "thank", "min": 1, "ignorecase": True, "scope": "body"})
    assert len(lint(rule, "Dear Jo,\n\nThe files are ready.\n\nBest,\nSam")) == 1
    assert lint(rule, "Dear Jo,\n\nThank you, the files are ready.\n\nBest,\nSam") == []


# ------------------------------------------------------------------ pattern
def test_pattern_uses_lemmas(shared: Pipeline) -> None:
    rule = make_rule({"extends": "pattern", "patterns": [[{"LEMMA": "switch"}, {"LOWER": "your"}, {"LOWER": "plan"}]]})
    text = "We switched your plan. We are switching your plan. We switch your plan. We switchboard your plan."
    assert [f.match for f in lint(rule, text, pipeline=shared)] == ["switched your plan", "switching your plan",
                                                                        "switch your plan"]


def test_pattern_uses_pos_and_op(shared: Pipeline) -> None:
    rule = make_rule({"extends": "pattern", "patterns": [[{"LOWER": "very"}, {"POS": "ADJ", "OP": "+"}]]})
    assert [f.match for f in lint(rule, "It was a very good and very quick call.", pipeline=shared)] == ["very good", "very quick"]


def test_pattern_uses_entities(shared: Pipeline) -> None:
    rule = make_rule({"extends": "pattern", "patterns": [[{"ENT_TYPE": "DATE", "OP": "+"}]]})
    found = lint(rule, "We will ship on Friday, June 6, as agreed.", pipeline=shared)
    assert found and all("June" in f.match or "Friday" in f.match for f in found)


def test_pattern_offsets_point_into_the_source_across_parts(shared: Pipeline) -> None:
    rule = make_rule({"extends": "pattern", "patterns": [[{"LOWER": "regards"}]], "scope": "closing"})
    (finding,) = lint(rule, LETTER, pipeline=shared)
    assert (finding.line, finding.column, finding.match) == (8, 6, "regards")


# ------------------------------------------------------------------ dependency
PASSIVE = {
    "extends": "dependency",
    "patterns": [[
        {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"TAG": "VBN"}},
        {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "subj", "RIGHT_ATTRS": {"DEP": "nsubjpass"}},
    ]],
    "without": [[{"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "agent", "RIGHT_ATTRS": {"DEP": "agent"}}]],
}


def test_dependency_matches_passive_without_agent(shared: Pipeline) -> None:
    rule = make_rule(PASSIVE)
    found = lint(rule, "The invoice was lost. The invoice was lost by the courier.", pipeline=shared)
    assert [f.match for f in found] == ["invoice was lost"]


def test_dependency_highlight_limits_the_span(shared: Pipeline) -> None:
    rule = make_rule({**PASSIVE, "highlight": ["verb"]})
    assert [f.match for f in lint(rule, "Your files were deleted.", pipeline=shared)] == ["deleted"]


def test_dependency_in_sentence_scope_keeps_offsets(shared: Pipeline) -> None:
    rule = make_rule({**PASSIVE, "scope": ["body", "sentence"]})
    found = lint(rule, "Dear Jo,\n\nThanks for waiting. Sadly the parts were damaged.\n\nBest,\nSam", pipeline=shared)
    assert [(f.line, f.column, f.match) for f in found] == [(3, 31, "parts were damaged")]


# ------------------------------------------------------------------ require
def test_require_reports_once_at_the_part_start() -> None:
    rule = make_rule({"extends": "require", "tokens": ["thank", "appreciate"], "scope": "body", "ignorecase": True})
    (finding,) = lint(rule, "Dear Jo,\n\nThe files are ready.\nMore soon.\n\nBest,\nSam")
    assert (finding.line, finding.column, finding.match, finding.part) == (3, 1, "", "body")
    assert lint(rule, "Dear Jo,\n\nWe appreciate your patience.\n\nBest,\nSam") == []


def test_require_for_a_missing_part_points_at_the_letter_start() -> None:
    rule = make_rule({"extends": "require", "tokens": [r"\w+"], "scope": "greeting"})
    (finding,) = lint(rule, "\n\nThe files are ready.\n\nBest,\nSam")
    assert (finding.line, finding.column) == (3, 1)


def test_require_min_words_skips_short_notes() -> None:
    rule = make_rule({"extends": "require", "tokens": ["please"], "min_words": 10})
    assert lint(rule, "Files attached.") == []
    assert len(lint(rule, "The files you asked about last week are attached to this message for your team.")) == 1


def test_require_with_patterns(shared: Pipeline) -> None:
    rule = make_rule({"extends": "require", "patterns": [[{"LEMMA": "thank"}]]})
    assert lint(rule, "We thanked them.", pipeline=shared) == []
    assert len(lint(rule, "We called them.", pipeline=shared)) == 1


# ------------------------------------------------------------------ conditional
def test_conditional_presence() -> None:
    rule = make_rule({"extends": "conditional", "first": r"\battached\b", "second": r"\bPDF\b"})
    assert [f.match for f in lint(rule, "The report is attached.")] == ["attached"]
    assert lint(rule, "The report is attached as a PDF.") == []


def test_conditional_with_capture_groups_like_vale() -> None:
    rule = make_rule({"extends": "conditional", "first": r"\b([A-Z]{3,5})\b", "second": r"([A-Z]{3,5}) \(",
                      "message": "'%s' has no definition"})
    found = lint(rule, "The SLA (service level) and the SOW apply. SLA again.")
    assert [(f.match, f.message) for f in found] == [("SOW", "'SOW' has no definition")]


# ------------------------------------------------------------------ metric
def test_metric_pronoun_balance(shared: Pipeline) -> None:
    rule = make_rule({"extends": "metric", "formula": "first_person >= 4 and first_person > 2 * second_person",
                      "scope": "body", "message": "too much about us"})
    self_focused = "Dear Jo,\n\nWe love our work and our team and I think we are great.\n\nBest,\nSam"
    balanced = "Dear Jo,\n\nWe checked your plan and your numbers; you and your team did well, and we agree.\n\nBest,\nSam"
    (finding,) = lint(rule, self_focused, pipeline=shared)
    assert (finding.line, finding.message) == (3, "too much about us")
    assert lint(rule, balanced, pipeline=shared) == []


def test_metric_with_vale_condition_formats_value(shared: Pipeline) -> None:
    rule = make_rule({"extends": "metric", "formula": "words_per_sentence", "condition": "> 4",
                      "message": "%s words per sentence"})
    (finding,) = lint(rule, "One two three four five six. Seven eight nine ten eleven.", pipeline=shared)
    assert finding.message == "5.50 words per sentence"


def test_metric_grade_uses_textstat() -> None:
    rule = make_rule({"extends": "metric", "formula": "grade", "condition": "> 30", "message": "grade %s"})
    assert lint(rule, "We ship on Friday. You will get a tracking number.") == []


@pytest.mark.parametrize(
    ("formula", "problem"),
    [
        ("__import__('os').system('true')", "only min(), max() and abs() may be called"),
        ("words.__class__", "Attribute is not allowed"),
        ("open('x')", "only min(), max() and abs() may be called"),
        ("lambda: 1", "Lambda is not allowed"),
        ("wordz > 3", "unknown name 'wordz'"),
        ("words >", "cannot parse"),
        ("'a' > 1", "only numbers are allowed"),
    ],
)
def test_metric_expressions_are_parsed_safely(formula: str, problem: str) -> None:
    with pytest.raises(RuleLoadError) as info:
        make_rule({"extends": "metric", "formula": formula})
    assert problem in str(info.value)


def test_metric_numeric_formula_needs_a_condition() -> None:
    with pytest.raises(RuleLoadError, match="add a condition"):
        make_rule({"extends": "metric", "formula": "words"})


def test_invalid_regex_is_a_load_error() -> None:
    with pytest.raises(RuleLoadError, match=r"tokens\[1\]: invalid regex '\(unclosed'"):
        from tonecheck.rules import build_rule
        build_rule({"extends": "existence", "message": "m", "tokens": ["ok", "(unclosed"]}, rule_id="T.R", pack="T", path="T/R.yml")


def test_space_in_a_look_behind_is_a_load_error_not_a_traceback() -> None:
    # each token compiles alone, but a literal space also matches a line break, which a look-behind cannot
    with pytest.raises(RuleLoadError, match=r"tokens: .*look-behind.*write it as \[ \]"):
        make_rule({"extends": "existence", "tokens": ["(?<!team )mate"]})
    assert spans(lint(make_rule({"extends": "existence", "tokens": ["(?<!team[ ])mate"]}), "Hi mate, team mate.")) \
        == [(1, 4, "mate")]
