"""Printing (actplot.expression.printing): text that parses back, mathtext matplotlib draws."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from matplotlib.mathtext import MathTextParser

from actplot import expression
from actplot.expression import ExpressionError, parse
from tests.expression.support import TOKENS


def test_formulas_render_and_print():
    tree = parse("x * sigmoid(beta * x) / (1 + x**2)")
    assert expression.text(tree) == "x * sigmoid(beta * x) / (1 + x**2)"
    MathTextParser("path").parse(expression.mathtext(tree))
    MathTextParser("path").parse(expression.activation("where(x >= 0, x, a*x)", {"a": 0.1}).formula)
    assert parse(expression.text(parse("x - (2 - x) - -x"))) == parse("x - (2 - x) - -x")


@pytest.mark.parametrize("text", ["x" + "**x" * 12, "1/(1 + " * 12 + "x" + ")" * 12, "exp(-" * 40 + "x" + ")" * 40])
def test_mathtext_as_deep_as_matplotlib_draws(text):
    formula = expression.mathtext(parse(text))
    assert formula != "$f(x)$"
    MathTextParser("path").parse(formula)


@given(st.lists(st.sampled_from([*TOKENS, "gelu(x, approximate=tanh)", "-2", "x - -x", "1e-3", "/ (1 + x)"]),
                max_size=14).map("".join))
def test_fuzz_printed_text_parses_back_to_the_same_tree(source):
    try:
        tree = parse(source)
    except ExpressionError:
        return
    assert parse(expression.text(tree)) == tree
