"""Every format's fixture: the exact line, column and source text of each finding.

The test rule reports fixed phrases ("minor hiccup", "love", "hugs", "sorry if
you felt", "attached") and the masks a template uses ("Alex", "20"), so the
expected values depend only on the readers.
"""

from __future__ import annotations

import pytest

from tonecheck.engine import Linter

from .conftest import coords, letter_of

EXPECTED = {
    # CRLF line ends, a folded Subject: headers count as lines, the quoted "Love," is not reported.
    "reply.eml": [
        (14, 31, 14, 48, "sorry if you felt"),
        (14, 65, 14, 77, "minor hiccup"),
        (15, 23, 15, 31, "attached"),
        (17, 1, 17, 5, "Love"),
    ],
    # Quoted-printable: exact columns around "=E2=80=99"; a match across a soft line break ends on the next line.
    "qp.eml": [(19, 67, 20, 3, "minor hicc=\nup")],
    # Base64: each finding names the file line holding the encoded text (whole line).
    "base64.eml": [
        (9, 1, 9, 77, "RGVhciBKbywKClRoZSBvdXRhZ2UgbGFzdCBuaWdodCB3YXMgYSBtaW5vciBoaWNjdXAsIG5vdGhp"),
        (10, 1, 10, 77, "bmcgbW9yZS4KUGxlYXNlIGZpbmQgdGhlIGluY2lkZW50IHJlcG9ydCBhdHRhY2hlZC4KCkh1Z3Ms"),
    ],
    # HTML body; the "Love," in the Gmail quote is history.
    "html-reply.eml": [],
    # Hidden preheader, script, style and comment are skipped; <b> does not shift columns.
    "newsletter.html": [(15, 45, 15, 57, "minor hiccup")],
    # Front matter, code spans, fenced and indented code, HTML comments and the block quote are not prose.
    "letter.md": [(9, 1, 9, 18, "Sorry if you felt"), (9, 45, 9, 57, "minor hiccup")],
    # A mask is reported at its whole placeholder; the comment ("Love, marketing") is not prose.
    "renewal.html.j2": [
        (4, 9, 4, 25, "{{ first_name }}"),
        (7, 30, 7, 44, "{{ discount }}"),
        (7, 76, 7, 88, "minor hiccup"),
        (9, 21, 9, 38, "{{ sender.name }}"),
    ],
    "welcome.hbs": [
        (2, 7, 2, 20, "{{firstName}}"),
        (4, 46, 4, 63, "Sorry if you felt"),
        (6, 20, 6, 35, "{{ firstName }}"),
        (8, 4, 8, 8, "Hugs"),
    ],
    # Merge tags in a plain-text template.
    "offer.txt.j2": [
        (1, 22, 1, 31, "*|FNAME|*"),
        (3, 6, 3, 18, "%FIRST_NAME%"),
        (5, 58, 5, 70, "{{ amount }}"),
        (7, 1, 7, 18, "Sorry if you felt"),
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_findings(phrase_linter: Linter, name: str) -> None:
    assert coords(list(phrase_linter.lint_letter(letter_of(name)).findings)) == EXPECTED[name]


@pytest.mark.parametrize(
    ("name", "fmt", "parts"),
    [
        ("reply.eml", "eml", ["subject", "greeting", "body", "closing", "signature", "quoted"]),
        ("html-reply.eml", "eml", ["subject", "greeting", "body", "closing", "signature", "quoted"]),
        ("newsletter.html", "html", ["greeting", "body", "closing", "signature"]),
        ("letter.md", "markdown", ["subject", "greeting", "body", "quoted", "closing", "signature"]),
        ("renewal.html.j2", "template", ["greeting", "body", "closing", "signature"]),
        ("offer.txt.j2", "template", ["subject", "greeting", "body", "closing", "signature"]),
    ],
)
def test_parts_of_each_format(name: str, fmt: str, parts: list[str]) -> None:
    letter = letter_of(name)
    assert letter.format == fmt
    assert [p.kind for p in letter.parts] == parts


def test_part_texts_of_the_reply() -> None:
    letter = letter_of("reply.eml")
    texts = {p.kind: letter.text[p.start:p.end] for p in letter.parts}
    assert texts["subject"] == "Re: Renewal of the support contract"
    assert texts["greeting"] == "Dear Mark,"
    assert texts["closing"] == "Love,"
    assert texts["signature"] == "Cheryl"
    assert texts["quoted"].startswith("On Fri, 27 Feb 2026, Mark Jones wrote:")


def test_newsletter_text_is_the_rendered_prose() -> None:
    letter = letter_of("newsletter.html")
    assert letter.text == (
        "Dear Valued Customer,\n\n"
        "Spring is here, and so are our new \u201cflex\u201d plans. "
        "Last month\u2019s outage was a minor hiccup; we have fixed it.\n\n"
        "Kind regards,\nThe Northwind team"
    )


def test_markdown_text_keeps_only_prose() -> None:
    letter = letter_of("letter.md")
    assert letter.text == (
        "Your data export\n\nDear Ms. Lee,\n\n"
        "Sorry if you felt the export delay was a minor hiccup.\nRun  only if you must:\n\n"
        "Quoted from your ticket: a minor hiccup.\n\nBest regards,\nCheryl"
    )


def test_template_text_is_masked() -> None:
    letter = letter_of("renewal.html.j2")
    assert letter.text == (
        "Dear Alex,\n\nYour Premium plan renews on Monday.\n\n"
        "As a loyal client you get 20% off. The price rise is just a minor hiccup.\n\n"
        "Best regards,\nAlex"
    )
    assert letter.meta == {"template": "jinja", "template_inner": "html", "placeholders": 5}
