"""The envelope kind: missing attachments, empty and shouting subjects, unanswered questions."""

from __future__ import annotations

import pytest

from tonecheck.engine import Linter
from tonecheck.finding import Finding
from tonecheck.formats import read_letter
from tonecheck.kinds.envelope import key_words, stem
from tonecheck.rules import RuleLoadError
from tonecheck.source import SourceText

from .helpers import make_rule

ATTACH = make_rule({"extends": "envelope", "check": "missing-attachment", "tokens": ["attached(?! to)", "enclosed"],
                    "ignorecase": True})
EMPTY = make_rule({"extends": "envelope", "check": "empty-subject"})
SHOUT = make_rule({"extends": "envelope", "check": "subject-shouting", "tokens": ["urgent", "asap"], "ignorecase": True,
                   "unless": ["today", "by friday"]})
QUESTION = make_rule({"extends": "envelope", "check": "unanswered-question", "scope": "body"})


def run(rule, text: str, path: str = "m.eml") -> list[Finding]:  # type: ignore[no-untyped-def]
    return list(Linter([rule]).lint_letter(read_letter(SourceText(path, text))).findings)


def where(findings: list[Finding]) -> list[tuple[int, int, str]]:
    return [(f.line, f.column, f.match) for f in findings]


MAIL = "From: a@example.com\nTo: b@example.org\nSubject: {subject}\n{extra}\nHi Jo,\n\n{body}\n\nBest,\nSam\n"


# ------------------------------------------------------------------ missing-attachment
def test_attachment_mentioned_but_missing_reports_the_first_mention() -> None:
    text = MAIL.format(subject="Terms", extra="", body="The terms are attached. The price list is attached too.")
    assert where(run(ATTACH, text)) == [(7, 15, "attached")]


def test_attachment_present_is_fine() -> None:
    text = ("From: a@example.com\nSubject: Terms\nContent-Type: multipart/mixed; boundary=b\n\n--b\n\n"
            "Hi Jo,\n\nThe terms are attached.\n--b\nContent-Disposition: attachment; filename=t.pdf\n\nxx\n--b--\n")
    assert run(ATTACH, text) == []


def test_attachment_unknown_in_plain_text_is_never_reported() -> None:
    assert run(ATTACH, "Hi Jo,\n\nThe terms are attached.\n\nBest,\nSam\n", "draft.txt") == []


def test_attachment_exception_by_regex() -> None:
    text = MAIL.format(subject="Team", extra="", body="We are attached to this project.")
    assert run(ATTACH, text) == []


# ------------------------------------------------------------------ empty-subject
def test_empty_subject_finding_is_in_the_subject_part() -> None:
    (finding,) = run(EMPTY, "From: a@example.com\n\nHi Jo,\n\nThanks.\n")
    assert finding.part == "subject"


@pytest.mark.parametrize(
    ("text", "path", "expected"),
    [
        (MAIL.format(subject="", extra="", body="Thanks."), "m.eml", [(3, 1, "")]),
        (MAIL.format(subject="Re:  Fwd:", extra="", body="Thanks."), "m.eml", [(3, 10, "")]),
        ("From: a@example.com\n\nHi Jo,\n\nThanks.\n", "m.eml", [(1, 1, "")]),
        ("Subject:\n\nHi Jo,\n\nThanks.\n", "draft.txt", [(1, 9, "")]),
        (MAIL.format(subject="Re: terms", extra="", body="Thanks."), "m.eml", []),
        ("Hi Jo,\n\nThanks.\n", "draft.txt", []),
        ("Hi Jo,\n\nThanks.\n", "m.eml", []),  # no headers: not an e-mail after all
    ],
)
def test_empty_subject(text: str, path: str, expected: list[tuple[int, int, str]]) -> None:
    assert where(run(EMPTY, text, path)) == expected


# ------------------------------------------------------------------ subject-shouting
@pytest.mark.parametrize(
    ("subject", "body", "expected"),
    [
        ("NEW PRICE LIST", "Here it is.", [(3, 10, "NEW PRICE LIST")]),
        ("RE: NEW PRICE LIST", "Here it is.", [(3, 14, "NEW PRICE LIST")]),
        ("Urgent: new price list", "Here it is.", [(3, 10, "Urgent")]),
        ("New list - ASAP", "Here it is.", [(3, 21, "ASAP")]),
        ("Urgent: new price list", "It applies from today.", []),
        ("URGENT: sign by Friday", "Here it is.", []),
        ("FYI", "Here it is.", []),
        ("Sorry for the delay!!", "Here it is.", [(3, 29, "!!")]),
        ("Really?!", "It applies from today.", [(3, 16, "?!")]),
        ("New price list for Q3 (EU)", "Here it is.", []),
    ],
)
def test_subject_shouting(subject: str, body: str, expected: list[tuple[int, int, str]]) -> None:
    assert where(run(SHOUT, MAIL.format(subject=subject, extra="", body=body))) == expected


def test_subject_shouting_in_a_plain_draft() -> None:
    assert where(run(SHOUT, "Subject: PLEASE READ THIS NOW\n\nHi Jo,\n\nNews.\n", "d.txt")) == [(1, 10, "PLEASE READ THIS NOW")]


# ------------------------------------------------------------------ unanswered-question
REPLY = "Hi Mark,\n\n{reply}\n\nBest,\nCheryl\n\nOn Fri, Mark wrote:\n{quoted}\n"


@pytest.mark.parametrize(
    ("reply", "quoted", "expected"),
    [
        ("We had a good quarter.", "> Could you send the renewal pricing\n> for next year?",
         [(9, 3, "Could you send the renewal pricing\n> for next year?")]),
        ("The renewal pricing stays the same.", "> Could you send the renewal pricing for next year?", []),
        ("Thanks.", "> The review is on Tuesday. The room is booked.", []),
        ("Yes, we can deliver the first half on May 2.", "> Hi Julien, can you split the delivery?", []),
        ("We had a good quarter.", "> Hi Julien, can you split the delivery?", [(9, 3, "Hi Julien, can you split the delivery?")]),
        ("Thanks.", "> Ok?", []),  # too short to be a real question
        ("We had a good quarter.", "> Noted.\n>\n> On Mon, Cheryl wrote:\n>> Is the invoice paid?", []),  # older history
    ],
)
def test_unanswered_question(reply: str, quoted: str, expected: list[tuple[int, int, str]]) -> None:
    assert where(run(QUESTION, REPLY.format(reply=reply, quoted=quoted), "r.txt")) == expected


def test_question_in_outlook_history() -> None:
    text = ("Hi Jo,\n\nSee you soon.\n\nBest,\nSam\n\n-----Original Message-----\nFrom: Jo\nSent: Monday\n"
            "Subject: Invoice\n\nWhy was our February invoice charged twice?\n\nFrom: Sam\nSent: Sunday\n\nIs lunch free?\n")
    assert [f.match for f in run(QUESTION, text, "r.txt")] == ["Why was our February invoice charged twice?"]


def test_key_words_and_stems() -> None:
    assert stem("pricing") == stem("price") == stem("prices")
    assert stem("shipping") == stem("shipment") == stem("ships")
    assert key_words("Could you send the renewal pricing for next year?") == {"send", "renewa", "pric", "year"}


def test_unknown_check_is_a_load_error() -> None:
    with pytest.raises(RuleLoadError, match="check: unknown envelope check 'attachments'"):
        make_rule({"extends": "envelope", "check": "attachments"})
    with pytest.raises(RuleLoadError, match="tokens: missing-attachment needs"):
        make_rule({"extends": "envelope", "check": "missing-attachment"})


# ------------------------------------------------------------------ one reading of the quotes (issue 14)
def test_the_reader_finds_the_replied_message_once_and_the_letter_carries_it() -> None:
    text = REPLY.format(reply="Thanks.", quoted="> Noted, see below.\n>\n>> Older line?\n> Last line of it.")
    letter = read_letter(SourceText("r.txt", text))
    assert [letter.text[a:b] for a, b in letter.replied] == ["Noted, see below.", "", "Last line of it."]


def test_html_blockquote_questions_come_from_the_readers_structure() -> None:
    html = ("<html><body><p>Hi Mark,</p><p>We had a good quarter.</p><p>Best,<br>Cheryl</p>"
            "<blockquote><p>Could you send the renewal pricing for next year?</p></blockquote></body></html>")
    assert [f.match for f in run(QUESTION, html, "r.html")] == ["Could you send the renewal pricing for next year?"]


def test_the_kind_reads_letter_replied_and_never_the_quote_marks_again() -> None:
    """The check asks the letter which lines were replied to: with the reader's
    classification taken away, a quoted question is no longer seen, and a span
    handed to it is read as given."""
    from dataclasses import replace

    text = REPLY.format(reply="We had a good quarter.", quoted="> Could you send the renewal pricing for next year?")
    letter = read_letter(SourceText("r.txt", text))
    assert [f.match for f in Linter([QUESTION]).lint_letter(letter).findings]
    assert not list(Linter([QUESTION]).lint_letter(replace(letter, replied=())).findings)
    start = text.index("We had")
    moved = replace(letter, replied=((start, start + len("We had a good quarter.")),))
    assert not list(Linter([QUESTION]).lint_letter(moved).findings)  # a statement, not a question
    assert read_letter(SourceText("r.txt", "Hi Mark,\n\nCan we meet on Monday?\n\nBest,\nCheryl\n")).replied == ()
