"""Parsing (actplot.expression.parser): errors at their column, words, nesting, fuzzed text."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from matplotlib.mathtext import MathTextParser

import actplot
from actplot import expression
from actplot.expression import NESTING_LIMIT, ExpressionError, parse
from tests.expression.support import X, evaluate, nested

ERRORS = [
    ("", 1, "the expression is empty"),
    ("x +", 4, "expected a number, x, a name or '(', found the end"),
    ("x * (1 + x", 11, "expected ')'"),
    ("x ** ** 2", 6, "expected a number"),
    ("2 x", 3, "expected an operator, found 'x'"),
    ("x $ 2", 3, "unexpected character '$'"),
    ("x.real", 2, "unexpected character '.'"),
    ("__import__('os')", 12, "unexpected character"),
    ("__import__(x)", 1, "names may not start with '_'"),
    ("_secret + x", 1, "names may not start with '_'"),
    ("x * sigmod(x)", 5, "unknown function 'sigmod'; did you mean 'sigmoid'"),
    ("exp(x, 2)", 1, "exp() takes 1 argument, got 2"),
    ("where(x, 1, 0)", 1, "where()'s first argument must be a comparison"),
    ("exp(x > 0)", 1, "a comparison can only be the first argument of where()"),
    ("gelu(x, apx=1)", 1, "gelu has no parameter 'apx'"),
    ("max(x=1)", 1, "max() takes no keyword arguments"),
    ("max(x=1, 2)", 10, "a positional argument after a keyword argument"),
    ("max(x=1,)", 9, "expected a number, x, a name or '(', found ')'"),
    ("leaky_relu(x, negative_slope=x)", 30,
     "negative_slope of leaky_relu must not depend on x; it is a constant (numbers, parameters, pi, e)"),
    ("leaky_relu(x, alpha=2*x + 1)", 21, "alpha of leaky_relu must not depend on x"),
    ("elu(x, alpha=where(x > 0, 1, 2))", 14, "alpha of elu must not depend on x"),
    ("gelu(x, approximate=erf)", 21, "approximate of gelu must be one of 'none', 'tanh', got 'erf'"),
    ("gelu(x, approximate='exact')", 21, "approximate of gelu must be one of 'none', 'tanh', got 'exact'"),
    ("gelu(x, approximate=1)", 21, "approximate of gelu must be one of 'none', 'tanh', got '1'"),
    ("gelu(x, approximate=tanh, approximate=none)", 27, "approximate of gelu is given twice"),
    ("leaky_relu(x, negative_slope='0.2')", 30, "negative_slope of leaky_relu must be a number, not the word '0.2'"),
    ("leaky_relu(x, negative_slope=tanh)", 30, "'tanh' is a function: write tanh(...)"),
    ("x + 'tanh'", 5, "unexpected character '''"),
    ("gelu('tanh')", 6, "unexpected character '''"),
    ("gelu(x, approximate='tanh)", 21, "a quote that is not closed"),
    ("gelu(x, approximate=tanh + 1)", 21, "'tanh' is a function: write tanh(...)"),
    ("gelu(x, approximate='tanh' + 1)", 28, "the word 'tanh' can only be a keyword's whole value"),
    ("x*1e400", 3, "number 1e400 is not finite in float64"),
    ("exp * x", 1, "'exp' is a function: write exp(...)"),
    ("x < 1 < 2", 7, "comparisons cannot be chained"),
    ("(x > 1) + 1", 9, "a comparison can only be the first argument of where()"),
    ("(x, 1)", 3, "expected ')', found ','"),
]


@pytest.mark.parametrize(("text", "column", "message"), ERRORS, ids=[e[0] or "empty" for e in ERRORS])
def test_syntax_errors_point_at_the_column(text, column, message):
    with pytest.raises(ExpressionError) as caught:
        parse(text)
    assert str(caught.value).startswith(f"column {column} of '{text}': ")
    assert message in str(caught.value)


@pytest.mark.parametrize("text", ["", "   ", " \t\n "])
def test_the_empty_expression(text):
    with pytest.raises(ExpressionError, match="the expression is empty"):
        expression.activation(text, {})


@pytest.mark.parametrize("text", ["gelu(x, approximate=tanh)", "gelu(x, approximate='tanh')",
                                  'gelu(x, approximate="tanh")', "GELU(x, approximate=TANH)",
                                  "gelu(x, approximate='Tanh')"])
def test_words_for_choice_parameters(text):
    gelu = actplot.get("gelu")
    entry = expression.activation(text, {})
    assert entry.parameters == ()  # the bare word is the option, not a parameter named tanh
    for order in (0, 1, 2):
        np.testing.assert_array_equal(entry.evaluate(X, order), gelu.evaluate(X, order, approximate="tanh"))
    assert not np.array_equal(entry.evaluate(X), gelu.evaluate(X))  # not the default, 'none'
    assert expression.text(parse(text)) == "gelu(x, approximate='tanh')"
    assert parse(expression.text(parse(text))) == parse(text)
    MathTextParser("path").parse(entry.formula)


def test_tiny_numbers_underflow_to_zero_and_are_allowed():
    np.testing.assert_array_equal(evaluate("x + 1e-400"), X)


@pytest.mark.parametrize("shape", ["parentheses", "calls", "unary minus", "powers"])
def test_nesting_deeper_than_the_limit_is_a_clear_error(shape):
    for depth in (NESTING_LIMIT + 1, 20 * NESTING_LIMIT):
        with pytest.raises(ExpressionError, match=f"nested more than {NESTING_LIMIT} levels deep"):
            parse(nested(depth)[shape])


def test_every_construct_counts_as_a_level():
    parse("-(" * (NESTING_LIMIT // 2) + "x" + ")" * (NESTING_LIMIT // 2))
    with pytest.raises(ExpressionError, match="column 201 of"):
        parse("-(" * (NESTING_LIMIT // 2) + "-x" + ")" * (NESTING_LIMIT // 2))


ALPHABET = "x0123456789.eE+-*/^()<>=, _abcdgilmnoprstwhquv'\"$[]{}:;!~&|"


@given(st.text(alphabet=ALPHABET, max_size=40))
def test_fuzz_any_text_parses_or_fails_with_the_clear_error(source):
    try:
        tree = parse(source)
    except ExpressionError as error:
        assert str(error).startswith("column ")
        return
    assert isinstance(tree, expression.Node)
