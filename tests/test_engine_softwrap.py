"""spaCy parses hard-wrapped paragraphs as running text, with offsets unchanged."""

from __future__ import annotations

from tests.helpers import lint, make_rule
from tonecheck.engine import Linter, soft_wrap


def test_soft_wrap_keeps_length_paragraphs_and_list_items() -> None:
    text = "We will fix\nit soon.\n\n- one\n- two\n1. a\nline\r\nnext"
    out = soft_wrap(text)
    assert len(out) == len(text)
    assert out == "We will fix it soon.\n\n- one\n- two\n1. a line  next"


def test_a_wrapped_sentence_parses_like_an_unwrapped_one(linter: Linter) -> None:
    rule = make_rule({
        "extends": "dependency",
        "patterns": [[
            {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"POS": "VERB"}},
            {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "when", "RIGHT_ATTRS": {"LOWER": "soon"}},
        ]],
        "highlight": ["when"],
    })
    text = "Dear Jo,\n\nOur engineers are looking into it and a fix will be rolled out as soon as\npossible.\n\nBest,\nSam\n"
    (finding,) = lint(rule, text, pipeline=linter.pipeline)
    assert (finding.line, finding.column, finding.match) == (3, 67, "soon")
