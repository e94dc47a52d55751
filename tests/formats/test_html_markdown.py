"""HTML and Markdown readers: what is prose, where line breaks come from, exact columns."""

from __future__ import annotations

import pytest

from tonecheck.formats import read_letter
from tonecheck.source import SourceText


def read(text: str, path: str):  # type: ignore[no-untyped-def]
    return read_letter(SourceText(path, text))


def source_of(letter, needle: str) -> str:  # type: ignore[no-untyped-def]
    at = letter.text.index(needle)
    start, end = letter.offsets.span_to_source(at, at + len(needle))
    return letter.source.text[start:end]


# ------------------------------------------------------------------ HTML
@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>Hi Jo,</p><p>Thanks.</p>", "Hi Jo,\n\nThanks."),
        ("<div>Hi Jo,</div><div><br></div><div>Thanks.</div>", "Hi Jo,\n\nThanks."),
        ("Best,<br>Sam", "Best,\nSam"),
        ("<p>one\n   two\tthree</p>", "one two three"),
        ("<p>A&amp;B &lt;3 &#8212; &#x2014; caf&eacute;</p>", "A&B <3 \u2014 \u2014 caf\u00e9"),
        ("<p>a&nbsp;b</p>", "a b"),
        ("<head><title>T</title></head><script>x</script><style>p{}</style><p>Body</p>", "Body"),
        ("<p hidden>no</p><p style='display: none'>no</p><span style=\"mso-hide:all\">no</span><p>yes</p>", "yes"),
        ("<div class='email-preheader'>preview</div><p>yes</p>", "yes"),
        ("<!-- Love, --><p>yes</p>", "yes"),
        ("<table><tr><td>Dear Customer,</td></tr><tr><td>Thanks.</td></tr></table>", "Dear Customer,\nThanks."),
        ("<ul><li>one</li><li>two</li></ul>", "one\ntwo"),
        ("<p>unclosed <b>bold <i>italic</p><p>next", "unclosed bold italic\n\nnext"),
        ("<p>x < y and y > z</p>", "x < y and y > z"),
    ],
)
def test_html_text(html: str, text: str) -> None:
    assert read(html, "a.html").text == text


def test_html_columns_are_exact_around_tags_and_entities() -> None:
    letter = read("<p>We&rsquo;re <em>truly</em> sorry.</p>\n<p>It was a <b>minor</b> hiccup.</p>\n", "a.html")
    assert source_of(letter, "truly") == "truly"
    assert source_of(letter, "\u2019") == "&rsquo;"
    assert source_of(letter, "truly sorry") == "truly</em> sorry"
    at = letter.text.index("hiccup")
    assert letter.source.position(letter.offsets.to_source(at)) == (2, 26)


def test_html_blockquote_is_quoted() -> None:
    letter = read("<p>Yes, Friday works.</p><p>Best,<br>Sam</p><blockquote><p>Love,<br>Jo</p></blockquote>", "a.html")
    (quoted,) = letter.parts_of(("quoted",))
    assert letter.text[quoted.start:quoted.end] == "Love,\nJo"
    assert [p.kind for p in letter.parts] == ["body", "closing", "signature", "quoted"]


# ------------------------------------------------------------------ Markdown
def test_markdown_emphasis_and_links_keep_columns() -> None:
    letter = read("Dear Jo,\n\nIt was **only** a [minor hiccup](http://x.y/z) for _us_.\n\nBest,\nSam\n", "a.md")
    assert "It was only a minor hiccup for us." in letter.text
    assert source_of(letter, "minor hiccup") == "minor hiccup"
    at = letter.text.index("us.")
    assert letter.source.position(letter.offsets.to_source(at)) == (3, 53)


def test_markdown_escapes_and_entities_map_to_their_source() -> None:
    letter = read("Price \\*20\\* &amp; more\n", "a.md")
    assert letter.text == "Price *20* & more"
    assert source_of(letter, "&") == "&amp;"
    assert source_of(letter, "*20*") == "\\*20\\*"


@pytest.mark.parametrize(
    "md",
    [
        "```\nLove,\n```\n",
        "    Love,\n",
        "Use `Love,` here\n",
        "<!-- Love, -->\n",
        "---\nsign: Love,\n---\n",
        "![Love,](x.png)\n",
    ],
)
def test_markdown_non_prose(md: str) -> None:
    assert "Love" not in read(md, "a.md").text


def test_markdown_lists_headings_and_tables() -> None:
    md = "# Renewal\n\nDear Jo,\n\n- first point\n- second point\n\n| a | b |\n|---|---|\n| one | two |\n\nBest,\nSam\n"
    letter = read(md, "a.md")
    assert letter.text == "Renewal\n\nDear Jo,\n\nfirst point\nsecond point\n\na\nb\none\ntwo\n\nBest,\nSam"
    assert [p.kind for p in letter.parts][:2] == ["subject", "greeting"]


def test_markdown_html_block_is_read_as_html() -> None:
    letter = read("Dear Jo,\n\n<div>It was a <b>minor</b> hiccup.</div>\n\nBest,\nSam\n", "a.md")
    assert "It was a minor hiccup." in letter.text
    assert source_of(letter, "hiccup") == "hiccup"


def test_markdown_table_cells_with_the_same_text_map_to_their_own_cell() -> None:
    letter = read("| a | b |\n|---|---|\n| yes | yes |\n", "a.md")
    assert letter.text == "a\nb\nyes\nyes"
    second = letter.text.rindex("yes")
    assert letter.offsets.span_to_source(second, second + 3) == (28, 31)


def test_markdown_keeps_a_slot_in_capitals_that_looks_like_a_tag() -> None:
    src = "Check-in opens at <CHECK-IN TIME> on 14 May, and <b>bold</b> stays markup.\n"
    letter = read_letter(SourceText("a.md", src))
    assert "<CHECK-IN TIME>" in letter.text and "<b>" not in letter.text
    at = letter.text.index("<CHECK-IN TIME>")
    assert letter.offsets.span_to_source(at, at + 15) == (src.index("<CHECK"), src.index("<CHECK") + 15)
