"""The .eml reader: envelope data, MIME walking, decoding, and malformed messages."""

from __future__ import annotations

import pytest

from tonecheck.formats import read_letter
from tonecheck.source import SourceText

from .conftest import letter_of


def eml(text: str):  # type: ignore[no-untyped-def]
    return read_letter(SourceText("m.eml", text))


def part_text(letter, kind: str) -> str:  # type: ignore[no-untyped-def]
    (part,) = letter.parts_of((kind,))
    return letter.text[part.start:part.end]


def test_envelope_is_kept_in_meta() -> None:
    meta = letter_of("reply.eml").meta
    assert meta["subject"] == "Re: Renewal of the support contract"
    assert meta["from"] == "Cheryl Smith <cheryl@example.com>"
    assert meta["to"] == "Mark Jones <mark@example.org>"
    assert meta["date"] == "Mon, 02 Mar 2026 10:00:00 +0000"
    assert meta["in_reply_to"] == "<q1@example.org>"
    assert meta["attachments"] == ()
    assert meta["body_type"] == "text/plain"


def test_nested_multipart_prefers_text_plain_and_lists_attachments() -> None:
    letter = letter_of("qp.eml")
    assert letter.meta["attachments"] == ("refund.pdf",)
    assert letter.meta["body_type"] == "text/plain"
    assert "HTML version" not in letter.text
    assert part_text(letter, "subject") == "Your order \u2014 update"  # RFC 2047, decoded


def test_quoted_printable_is_decoded_and_mapped() -> None:
    letter = letter_of("qp.eml")
    assert "We\u2019re sorry for the trouble." in letter.text
    assert "minor hiccup on our side" in letter.text  # the soft line break is gone
    at = letter.text.index("\u2019")
    start, end = letter.offsets.span_to_source(at, at + 1)
    assert letter.source.text[start:end] == "=E2=80=99"
    at = letter.text.index("trouble")
    start, end = letter.offsets.span_to_source(at, at + 7)
    assert letter.source.text[start:end] == "trouble"


def test_encoded_subject_maps_to_the_header_value() -> None:
    letter = letter_of("qp.eml")
    (subject,) = letter.parts_of(("subject",))
    start, end = letter.offsets.span_to_source(subject.start, subject.end)
    assert letter.source.text[start:end] == "=?utf-8?q?Your_order_=E2=80=94_update?="
    assert letter.source.position(start) == (3, 10)


def test_base64_body_is_decoded() -> None:
    letter = letter_of("base64.eml")
    assert part_text(letter, "greeting") == "Dear Jo,"
    assert part_text(letter, "closing") == "Hugs,"
    assert letter.meta["subject"] == "INCIDENT REPORT FOR MONDAY"


def test_html_body_quote_is_history() -> None:
    letter = letter_of("html-reply.eml")
    assert letter.meta["body_type"] == "text/html"
    assert part_text(letter, "greeting") == "Hi Tom,"
    assert part_text(letter, "closing") == "Best regards,"
    assert part_text(letter, "quoted") == "On Wed, Tom Reed wrote:\n\nWhen will the signed contract be ready?\nLove,\nTom"


def test_missing_subject_is_empty_and_points_at_line_one() -> None:
    letter = letter_of("html-reply.eml")
    assert letter.meta["subject"] is None
    (subject,) = letter.parts_of(("subject",))
    assert (subject.start, subject.end) == (0, 0)
    assert letter.source.position(letter.offsets.to_source(0)) == (1, 1)


def test_empty_subject_header_points_at_its_line() -> None:
    letter = eml("From: a@example.com\nSubject:\nTo: b@example.com\n\nHello,\n\nThanks.\n")
    assert letter.source.position(letter.offsets.to_source(0)) == (2, 1)


def test_folded_subject_reads_as_one_line_and_maps_exactly() -> None:
    letter = eml("Subject: Your renewal\n   is due\nFrom: a@example.com\n\nHi,\n\nThanks.\n")
    assert part_text(letter, "subject") == "Your renewal is due"
    at = letter.text.index("is due")
    start, _ = letter.offsets.span_to_source(at, at + 6)
    assert letter.source.position(start) == (2, 4)


@pytest.mark.parametrize(
    ("text", "body"),
    [
        # no headers at all: read as a plain letter
        ("Dear Jo,\n\nThe parts ship today.\n\nBest,\nSam\n", "The parts ship today."),
        # no blank line between the headers and the body
        ("From: a@example.com\nSubject: Parts\nDear Jo,\n\nThe parts ship today.\n\nBest,\nSam\n", "The parts ship today."),
        # a boundary that never appears
        ("Subject: Parts\nContent-Type: multipart/mixed; boundary=zzz\n\nDear Jo,\n\nThe parts ship today.\n\nBest,\nSam\n",
         "The parts ship today."),
        # no closing boundary
        ("Subject: Parts\nContent-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\n"
         "Dear Jo,\n\nThe parts ship today.\n\nBest,\nSam\n", "The parts ship today."),
        # broken base64: the raw text is kept rather than failing
        ("Subject: Parts\nContent-Transfer-Encoding: base64\n\nDear Jo,\n\nThe parts ship today!\n\nBest,\nSam\n",
         "The parts ship today!"),
        # an unknown charset falls back to UTF-8
        ("Subject: Parts\nContent-Type: text/plain; charset=x-klingon\nContent-Transfer-Encoding: quoted-printable\n\n"
         "Dear Jo,\n\nThe parts ship today=2E\n\nBest,\nSam\n", "The parts ship today."),
    ],
)
def test_malformed_messages_are_read_as_far_as_possible(text: str, body: str) -> None:
    letter = eml(text)
    assert part_text(letter, "body") == body


@pytest.mark.parametrize(
    "text",
    ["", "Subject:", ":\n\n", "From: \x00\n\n", "Content-Type: multipart/mixed; boundary=\"\n\n--\n",
     "Content-Type: multipart/mixed; boundary=b\n\n--b\n--b\n--b--\n", "Subject: =?utf-8?b?!!!?=\n\nHi\n",
     "Content-Type: text/plain; charset=\"utf-8\nContent-Transfer-Encoding: quoted-printable\n\n=ZZ=\n=4\n"],
)
def test_garbage_never_raises(text: str) -> None:
    letter = eml(text)
    assert letter.format == "eml"


def test_attachment_kinds() -> None:
    text = (
        "Subject: Docs\nContent-Type: multipart/mixed; boundary=b\n\n"
        "--b\nContent-Type: text/plain\n\nHi Jo,\n\nSee the files.\n"
        "--b\nContent-Type: image/png\nContent-Disposition: inline; filename=logo.png\nContent-ID: <logo>\n\nxx\n"
        "--b\nContent-Type: text/csv; name=prices.csv\n\na,b\n"
        "--b\nContent-Type: image/gif; name=spacer.gif\nContent-ID: <s>\n\nxx\n"
        "--b\nContent-Type: message/rfc822\n\nSubject: old\n\nold mail\n"
        "--b--\n"
    )
    letter = eml(text)
    assert letter.meta["attachments"] == ("prices.csv", "forwarded message")
    assert part_text(letter, "body") == "See the files."
