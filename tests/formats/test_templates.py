"""Templates: masks, block tags, comments, flavours, and no unfilled-placeholder reports."""

from __future__ import annotations

import pytest

from tonecheck.engine import Linter
from tonecheck.formats import format_for, read_letter
from tonecheck.formats.templates import mask, mask_value, template_flavour
from tonecheck.nlp import Pipeline
from tonecheck.source import SourceText

from .conftest import FIXTURES, letter_of, lint_with, shipped


@pytest.mark.parametrize(
    ("template", "masked"),
    [
        ("Dear {{ first_name }},", "Dear Alex,"),
        ("Dear {{first_name|title}},", "Dear Alex,"),
        ("Hi {{{ name }}}!", "Hi Alex!"),
        ("Hi *|FNAME|*,", "Hi Alex,"),
        ("Hi %FIRST_NAME%,", "Hi Alex,"),
        ("Hi {first_name},", "Hi Alex,"),
        ("Dear {{ customer.last_name }},", "Dear Morgan,"),
        ("Your {{ company_name }} account", "Your Northwind account"),
        ("Due on {{ due_date }}.", "Due on Monday."),
        ("Save {{ discount }}%.", "Save 20%."),
        ("Mail {{ email }}.", "Mail alex@example.com."),
        ("{{ salutation }} {{ title }} {{ last_name }},", "Dear Ms. Morgan,"),
        ("{{ sign_off }},\n{{ sender_name }}", "Best regards,\nAlex"),
        ("a{# note #}b", "ab"),
        ("a{{!-- note --}}b{{! other }}c", "abc"),
        ("a{% comment %}Love,{% endcomment %}b", "ab"),
        ("x {% if vip %}VIP{% else %}all{% endif %} y", "x VIPall y"),
        ("{% if vip %}\nThanks, VIP.\n{% endif %}\nBye.", "Thanks, VIP.\nBye."),
        ("{{#if trial}}\nTry it.\n{{else}}\nBuy it.\n{{/if}}\n{{> footer}}\n", "Try it.\nBuy it.\n"),
        ("Keep [Client Name] and 20% and {{", "Keep [Client Name] and 20% and {{"),
        ("css { color: red } and {{ }}", "css { color: red } and Alex"),
    ],
)
def test_mask(template: str, masked: str) -> None:
    assert mask(template)[0] == masked


def test_mask_maps_each_value_to_its_whole_placeholder() -> None:
    text, offsets, count = mask("Dear {{ first_name }}, see {{ url }}.")
    assert count == 2
    at = text.index("Alex")
    assert offsets.span_to_source(at, at + 4) == (5, 21)
    assert offsets.span_to_source(at + 1, at + 3) == (5, 21)
    at = text.index(", see")
    assert offsets.span_to_source(at, at + 5) == (21, 26)


@pytest.mark.parametrize(
    ("path", "fmt", "flavour"),
    [
        ("a.j2", "template", "jinja"), ("a.html.j2", "template", "jinja"), ("a.jinja2", "template", "jinja"),
        ("a.md.jinja", "template", "jinja"), ("a.hbs", "template", "handlebars"),
        ("a.mustache", "template", "mustache"), ("a.liquid", "template", "liquid"),
        ("a.html", "html", None), ("a.eml", "eml", None), ("README.MD", "markdown", None),
    ],
)
def test_format_and_flavour_by_name(path: str, fmt: str, flavour: str | None) -> None:
    assert format_for(path) == fmt
    assert template_flavour(path) == flavour


def test_inner_format_from_double_suffix_or_content() -> None:
    md = read_letter(SourceText("a.md.j2", "# Hi {{ name }}\n\nDear {{ name }},\n\n`code`\n"))
    assert md.meta["template_inner"] == "markdown"
    assert md.text == "Hi Alex\n\nDear Alex,"
    sniffed = read_letter(SourceText("a.liquid", "<p>Hi {{ name }},</p><p>Thanks.</p>"))
    assert sniffed.meta["template_inner"] == "html"
    assert sniffed.text == "Hi Alex,\n\nThanks."
    plain = read_letter(SourceText("a.mustache", "Hi {{name}},\n\nThanks.\n"))
    assert plain.meta == {"template": "mustache", "template_inner": "text", "placeholders": 1}


def test_mask_value_defaults_to_a_name() -> None:
    assert mask_value("x") == "Alex"
    assert mask_value("user.first_name | default('there')") == "Alex"


def test_templates_never_report_unfilled_placeholders(full_pipeline: Pipeline) -> None:
    rules = shipped("UnfilledPlaceholder")
    for name in ("renewal.html.j2", "welcome.hbs", "offer.txt.j2"):
        assert lint_with(rules, letter_of(name), full_pipeline) == [], name


def test_the_same_slots_are_reported_when_the_configuration_says_plain_text(full_pipeline: Pipeline) -> None:
    rules = shipped("UnfilledPlaceholder")
    text = (FIXTURES / "offer.txt.j2").read_text()
    findings = lint_with(rules, read_letter(SourceText("offer.txt", text), "text", sniff=False), full_pipeline)
    assert "{{ amount }}" in [f.match for f in findings]


def test_a_txt_file_with_template_syntax_is_read_as_a_template(full_pipeline: Pipeline) -> None:
    rules = shipped("UnfilledPlaceholder")
    text = (FIXTURES / "offer.txt.j2").read_text()
    letter = read_letter(SourceText("offer.txt", text))
    assert letter.format == "template" and letter.genre == "template"
    assert lint_with(rules, letter, full_pipeline) == []


def test_a_bracketed_slot_in_a_template_is_still_unfilled(full_pipeline: Pipeline) -> None:
    rules = shipped("UnfilledPlaceholder")
    letter = read_letter(SourceText("a.j2", "Dear [Client Name],\n\nThanks, {{ name }}.\n\nBest,\nSam\n"))
    assert [f.match for f in lint_with(rules, letter, full_pipeline)] == ["[Client Name]"]


def test_jinja_greeting_is_personal_and_block_text_is_linted(full_pipeline: Pipeline) -> None:
    """The issue's renewal template: the {{ first_name }} greeting is fine, the
    text inside {% if discount %} is still linted."""
    rules = shipped("GenericGreeting", "Sugarcoating", "MissingGreeting")
    findings = Linter(rules, pipeline=full_pipeline).lint_letter(letter_of("renewal.html.j2")).findings
    assert [(f.rule, f.line, f.column, f.match) for f in findings] == [
        ("Business.Sugarcoating", 7, 69, "just a minor hiccup"),
    ]


def test_compose_chains_exact_and_masked_segments() -> None:
    from tonecheck.formats.view import compose
    from tonecheck.letter import TextBuilder

    source = "<p>Hi {{ name }}, &amp; bye</p>"
    masked, inner, _ = mask(source)  # "<p>Hi Alex, &amp; bye</p>"
    out = TextBuilder()
    out.copy("Hi ", 3)
    out.copy("Alex", 6)
    out.copy(", ", 10)
    out.replace("&", 12, 17)
    out.copy(" bye", 17)
    text, outer = out.build()
    assert text == "Hi Alex, & bye" and masked[12:17] == "&amp;"
    both = compose(outer, inner)
    spans = {word: both.span_to_source(text.index(word), text.index(word) + len(word)) for word in ("Hi", "Alex", "&", "bye")}
    assert {w: source[s:e] for w, (s, e) in spans.items()} == {"Hi": "Hi", "Alex": "{{ name }}", "&": "&amp;", "bye": "bye"}
    assert both.span_to_source(0, len(text)) == (3, source.index("</p>"))
