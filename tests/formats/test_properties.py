"""Property-based tests: for every format, every finding lies inside the source,
its line and column are those of its offset, its ``match`` is the source text
of its span, and that text, after the format's own decoding, is the phrase
that was found.  Phrases hidden in non-prose (code, comments, hidden HTML,
template comments, quoted history) are never reported, and every phrase in
the prose is reported exactly once.
"""

from __future__ import annotations

import base64
import html
import quopri
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tonecheck.engine import Linter
from tonecheck.formats import read_letter
from tonecheck.source import decode

from ..helpers import make_rule

PROSE = ("minor hiccup", "sorry if you felt", "love")
HIDDEN = "hugs"
LINTER = Linter([make_rule({"extends": "existence", "tokens": [*PROSE, HIDDEN], "ignorecase": True}, "Test.Phrase")])
WORDS = ("we", "shipped", "the", "order", "today", "thanks", "for", "waiting", "caf\u00e9", "don\u2019t", "it",
         "was", "a", "plan", "renewal", "Jo", "price")
SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

token = st.one_of(st.sampled_from(WORDS), st.sampled_from(PROSE))
line = st.lists(token, min_size=1, max_size=8)
paragraph = st.lists(line, min_size=1, max_size=3)
letter = st.lists(paragraph, min_size=1, max_size=4)


def count(paragraphs: list[list[list[str]]]) -> int:
    return sum(tok in PROSE for para in paragraphs for ln in para for tok in ln)


def check(data: bytes, path: str, fmt: str, expected: int, decoder) -> None:  # type: ignore[no-untyped-def]
    source = decode(data, path)
    result = LINTER.lint_letter(read_letter(source))
    phrases = []
    for f in result.findings:
        assert 0 <= f.start <= f.end <= len(source.text)
        assert 1 <= f.line <= f.end_line <= source.line_count
        assert 1 <= f.column <= len(source.line_text(f.line)) + 1
        assert 1 <= f.end_column <= len(source.line_text(f.end_line)) + 1
        assert (f.line, f.column) == source.position(f.start)
        assert (f.end_line, f.end_column) == source.position(f.end)
        assert f.match == source.text[f.start:f.end]
        decoded = " ".join(decoder(f.match).split()).lower()
        phrases.append(decoded)
    if fmt == "base64":
        # A finding spans whole encoded lines, so two phrases on one line are
        # one finding, and the decoded lines may hold neighbouring text.
        assert all(any(p in d for p in PROSE) for d in phrases), phrases
        assert (0 < len(phrases) <= expected) if expected else not phrases
        return
    assert all(p in PROSE for p in phrases), phrases
    assert len(result.findings) == expected, [f.match for f in result.findings]


def crlf(text: str, windows: bool) -> str:
    return text.replace("\n", "\r\n") if windows else text


# ------------------------------------------------------------------ plain text
@SETTINGS
@given(letter, st.booleans(), st.booleans())
def test_plain_text(paragraphs, windows, bom) -> None:  # type: ignore[no-untyped-def]
    text = "\n\n".join("\n".join(" ".join(ln) for ln in para) for para in paragraphs) + "\n"
    text += "\nOn Mon, Jo wrote:\n> hugs and love\n"
    data = (b"\xef\xbb\xbf" if bom else b"") + crlf(text, windows).encode()
    check(data, "a.txt", "text", count(paragraphs), lambda s: s)


# ------------------------------------------------------------------ Markdown
md_token = st.one_of(
    token.map(lambda t: t),
    token.map(lambda t: f"**{t}**"),
    token.map(lambda t: f"_{t}_"),
    token.map(lambda t: f"[{t}](https://example.com/x)"),
    st.just("`hugs`"),
    st.just("we<!-- hugs -->"),  # inline HTML (a line opening with "<!--" is an HTML block)
    st.just("&amp;"),
)


@SETTINGS
@given(st.lists(st.lists(st.lists(md_token, min_size=1, max_size=6), min_size=1, max_size=3), min_size=1, max_size=4),
       st.booleans())
def test_markdown(paragraphs, windows) -> None:  # type: ignore[no-untyped-def]
    body = "\n\n".join("\n".join(" ".join(ln) for ln in para) for para in paragraphs)
    text = f"---\ntitle: hugs\n---\n\n{body}\n\n```\nhugs\n```\n\n<!--\nhugs\n-->\n\n    hugs\n\n> hugs\n"
    expected = sum(any(tok.strip("*_[]").startswith(p) and not tok.startswith("`") for p in PROSE)
                   for para in paragraphs for ln in para for tok in ln)

    def undo(s: str) -> str:
        return html.unescape(re.sub(r"\]\([^)]*\)|[*_\[\]]", "", s))

    check(crlf(text, windows).encode(), "a.md", "markdown", expected, undo)


# ------------------------------------------------------------------ HTML
html_token = st.one_of(
    token,
    token.map(lambda t: f"<b>{t}</b>"),
    token.map(lambda t: f"<em class='x'>{t}</em>"),
    token.map(lambda t: t.replace(" ", "&nbsp;")),
    st.just("&amp;"),
    st.just("don&rsquo;t"),
    st.just("<!-- hugs -->"),
    st.just('<span style="display:none">hugs</span>'),
    st.just("<script>var hugs = 1;</script>"),
)


@SETTINGS
@given(st.lists(st.lists(st.lists(html_token, min_size=1, max_size=6), min_size=1, max_size=3), min_size=1, max_size=4),
       st.sampled_from([" ", "\n  ", "\t"]))
def test_html(paragraphs, space) -> None:  # type: ignore[no-untyped-def]
    body = "\n".join("<p>" + "<br>\n".join(space.join(ln) for ln in para) + "</p>" for para in paragraphs)
    text = f"<html><head><title>hugs</title></head><body>\n{body}\n<blockquote>hugs</blockquote></body></html>"
    expected = sum(any(p in html.unescape(tok).replace("\xa0", " ") for p in PROSE) and "hugs" not in tok
                   for para in paragraphs for ln in para for tok in ln)

    def undo(s: str) -> str:
        return html.unescape(re.sub(r"<[^>]*>", " ", s)).replace("\xa0", " ")

    check(text.encode(), "a.html", "html", expected, undo)


# ------------------------------------------------------------------ templates
tpl_token = st.one_of(token, st.just("{{ first_name }}"), st.just("*|FNAME|*"), st.just("{# hugs #}"),
                      st.just("{{!-- hugs --}}"))


@SETTINGS
@given(st.lists(st.lists(st.lists(tpl_token, min_size=1, max_size=6), min_size=1, max_size=3), min_size=1, max_size=4),
       st.sampled_from(["a.txt.j2", "a.html.j2", "a.hbs"]))
def test_templates(paragraphs, path) -> None:  # type: ignore[no-untyped-def]
    is_html = path == "a.html.j2"
    paras = []
    for para in paragraphs:
        lines = [" ".join(ln) for ln in para]
        inner = ("<br>\n" if is_html else "\n").join(lines)
        paras.append(f"{{% if x %}}\n<p>{inner}</p>\n{{% endif %}}" if is_html else "{% if x %}\n" + inner + "\n{% endif %}")
    text = "\n\n".join(paras) + "\n"
    check(text.encode(), path, "template", count(paragraphs), lambda s: s)


# ------------------------------------------------------------------ e-mail
@SETTINGS
@given(letter, st.sampled_from(["8bit", "quoted-printable", "base64"]), st.booleans(), st.sampled_from(PROSE))
def test_eml(paragraphs, cte, windows, subject) -> None:  # type: ignore[no-untyped-def]
    body = "\n\n".join("\n".join(" ".join(ln) for ln in para) for para in paragraphs) + "\n"
    body += "\nOn Mon, Jo wrote:\n> hugs\n"
    raw = body.encode()
    if cte == "quoted-printable":
        encoded = quopri.encodestring(raw).decode("ascii")
    elif cte == "base64":
        encoded = base64.encodebytes(raw).decode("ascii")
    else:
        encoded = body
    text = (f"From: Sam <sam@example.com>\nTo: Jo <jo@example.org>\nSubject: Re: {subject} news\n"
            f"MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: {cte}\n\n{encoded}")

    def undo(s: str) -> str:
        if cte == "quoted-printable":
            return quopri.decodestring(s.replace("\r\n", "\n").encode()).decode("utf-8", errors="replace")
        if cte == "base64" and not s.startswith(subject):
            return base64.b64decode("".join(s.split())).decode("utf-8", errors="replace")
        return s

    check(crlf(text, windows).encode(), "a.eml", "base64" if cte == "base64" else "eml", count(paragraphs) + 1, undo)


# ------------------------------------------------------------------ any input
noise = st.lists(st.sampled_from(list("<>/!-=&;#{}%|*_`[]()\"' \n\r\tabcpqDLove:?.,") + [
    "<p>", "</p>", "<br>", "<!--", "-->", "{{", "}}", "{%", "%}", "=\n", "=E2", "--b", "&amp", "```", "> ",
    "Subject: ", "Content-Type: multipart/mixed; boundary=b\n", "Content-Transfer-Encoding: base64\n",
    "Content-Transfer-Encoding: quoted-printable\n", "---\n", "<blockquote>", "<div hidden>"]), max_size=120).map("".join)


@settings(max_examples=300, deadline=None)
@given(noise, st.sampled_from(["a.txt", "a.md", "a.html", "a.eml", "a.j2", "a.html.j2", "a.hbs"]))
def test_any_text_reads_without_error(text, path) -> None:  # type: ignore[no-untyped-def]
    source = decode(text.encode(), path)
    letter = read_letter(source)
    for part in letter.parts:
        assert 0 <= part.start <= part.end <= len(letter.text)
    for seg in letter.offsets.segments:
        assert 0 <= seg.src_start <= seg.src_end <= len(source.text)
    start, end = letter.offsets.span_to_source(0, len(letter.text))
    assert 0 <= start <= end <= len(source.text)
