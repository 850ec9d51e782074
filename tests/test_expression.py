"""The expression language: parsing, exact derivatives, breakpoints, safety and errors."""

from __future__ import annotations

import csv

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from matplotlib.mathtext import MathTextParser

import actplot
from actplot import expression
from actplot.cli import run
from actplot.expression import ExpressionError, parse

X = np.linspace(-6.0, 6.0, 241)


def evaluate(text: str, order: int = 0, x: np.ndarray = X, **params: float) -> np.ndarray:
    return expression.activation(text, params).evaluate(x, order)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("x", X), ("2*x + 1", 2 * X + 1), ("-x**2", -(X**2)), ("x^3 / 4", X**3 / 4), ("2**-1 * x", 0.5 * X),
        ("(1 - x) * (1 + x)", (1 - X) * (1 + X)), ("exp(-x*x/2)", np.exp(-X * X / 2)), ("pi * e", np.pi * np.e + 0 * X),
        ("max(x, 0) - min(x, 0)", np.abs(X)), ("where(x >= 1, 1, x)", np.minimum(X, 1)), ("tanh(x)", np.tanh(X)),
        ("log1p(expm1(x))", X), ("abs(sin(x)) + cos(x)", np.abs(np.sin(X)) + np.cos(X)), ("1e-3 * x", 1e-3 * X),
    ],
)
def test_values(text, expected):
    np.testing.assert_allclose(evaluate(text), expected, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize(
    ("text", "name", "params"),
    [
        ("x * sigmoid(x)", "silu", {}),
        ("x * sigmoid(beta * x)", "swish-beta", {"beta": 1.7}),
        ("0.5 * x * (1 + erf(x / sqrt(2)))", "gelu", {}),
        ("0.5*x*(1 + tanh(sqrt(2/pi) * (x + 0.044715 * x**3)))", "gelu-tanh", {}),
        ("x * tanh(softplus(x))", "mish", {}),
        ("(x + sqrt(x**2 + 4)) / 2", "squareplus", {}),
        ("x / (1 + abs(x))", "softsign", {}),
        ("exp(-x**2)", "gaussian", {}),
        ("-softplus(-x)", "log-sigmoid", {}),
    ],
)
def test_derivatives_agree_with_the_catalog(text, name, params):
    entry, catalog_params = (actplot.get("gelu"), {"approximate": "tanh"}) if name == "gelu-tanh" else (
        actplot.get(name), params)
    away = X[np.abs(X) > 1e-3]
    for order in (0, 1, 2):
        np.testing.assert_allclose(evaluate(text, order, away, **params), entry.evaluate(away, order, **catalog_params),
                                   rtol=1e-11, atol=1e-13, err_msg=f"{text} order {order}")


def test_catalog_functions_inside_expressions_follow_the_chain_rule():
    gelu = actplot.get("gelu")
    np.testing.assert_allclose(evaluate("gelu(2*x)", 1), 2 * gelu.derivative(2 * X), rtol=1e-14)
    np.testing.assert_allclose(evaluate("gelu(2*x)", 2), 4 * gelu.derivative(2 * X, 2), rtol=1e-14)
    leaky = evaluate("leaky_relu(x, negative_slope=s)", 0, s=0.2)
    np.testing.assert_array_equal(leaky, actplot.get("leaky-relu").value(X, negative_slope=0.2))
    np.testing.assert_array_equal(evaluate("LeakyReLU(x)", 1), actplot.get("leaky-relu").derivative(X))


def test_second_derivatives_of_products_and_quotients():
    np.testing.assert_allclose(evaluate("x**3 / (1 + x**2)", 2),
                               2 * X * (3 - X**2) / (1 + X**2) ** 3, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(evaluate("sin(x) * exp(x)", 2), 2 * np.cos(X) * np.exp(X), rtol=1e-12)
    np.testing.assert_allclose(evaluate("2**x", 1), np.log(2) * 2**X, rtol=1e-12)


def test_breakpoints_of_linear_arguments_are_found():
    def points(text, **params):
        return [(p.x, p.order) for p in expression.activation(text, params).breakpoints(**params)]

    assert points("abs(x - 1)") == [(1.0, 1)]
    assert points("relu(2*x + 1)") == [(-0.5, 1)]
    assert points("where(x > a, 1, 0)", a=2.0) == [(2.0, 0)]
    assert points("max(x, 3 - x)") == [(1.5, 1)]
    assert points("hardtanh(x / 2)") == [(-2.0, 1), (2.0, 1)]
    assert points("relu(x*x)") == []  # not linear: located inside a range instead (test_expression_limits)


def test_expression_plots_break_at_where_jumps(tmp_path, capsys):
    target = tmp_path / "step.csv"
    assert run(["expr", "where(x > 1, 2, 0)", "--range", "0", "2", "--points", "3", "-o", str(target)]) == 0
    rows = list(csv.DictReader(target.read_text().splitlines()))
    assert [(float(r["x"]), float(r["y"])) for r in rows] == [(0.0, 0.0), (1.0, 0.0), (2.0, 2.0)]
    assert rows[0]["activation"] == "expr:where(x > 1, 2, 0)"  # the CSV names the curve by its reference


def test_cli_sweeps_parameters_and_labels_them(tmp_path, capsys):
    target = tmp_path / "sweep.json"
    argv = ["expr", "x * sigmoid(beta * x)", "-p", "beta=1", "--param", "beta=2", "--points", "5", "-o", str(target)]
    assert run(argv) == 0
    import json

    curves = json.loads(target.read_text())["curves"]
    assert [c["label"] for c in curves] == ["beta=1", "beta=2"]
    np.testing.assert_allclose(curves[1]["y"], actplot.get("swish-beta").value(curves[1]["x"], beta=2.0), rtol=1e-14)


def test_compare_with_an_expression(tmp_path, capsys):
    target = tmp_path / "cmp.csv"
    assert run(["compare", "gelu", "expr:x*sigmoid(k*x);k=1.702", "--points", "3", "-o", str(target)]) == 0
    labels = {row["activation"] for row in csv.DictReader(target.read_text().splitlines())}
    assert labels == {"gelu", "expr:x*sigmoid(k*x)"}


def test_formulas_render_and_print():
    tree = parse("x * sigmoid(beta * x) / (1 + x**2)")
    assert expression.text(tree) == "x * sigmoid(beta * x) / (1 + x**2)"
    MathTextParser("path").parse(expression.mathtext(tree))
    MathTextParser("path").parse(expression.activation("where(x >= 0, x, a*x)", {"a": 0.1}).formula)
    assert parse(expression.text(parse("x - (2 - x) - -x"))) == parse("x - (2 - x) - -x")


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


@pytest.mark.parametrize(
    ("name", "why"),
    [("x", "x is the variable"), ("pi", "pi is the constant 3.14159"), ("e", "e is the constant 2.71828"),
     ("exp", "exp is a function"), ("where", "where is a function")],
)
def test_reserved_names_are_not_parameters(name, why):
    with pytest.raises(ExpressionError) as caught:
        expression.activation("x * a", {"a": 1.0, name: 2.0})
    assert str(caught.value).startswith(f"'{name}' is a reserved name: {why}")
    assert "not used" not in str(caught.value)


def test_keyword_values_are_constants_of_parameters_and_constants():
    entry = expression.activation("leaky_relu(x, negative_slope=s / 2 + pi - e - exp(-1))", {"s": 0.4})
    slope = 0.2 + np.pi - np.e - np.exp(-1)
    for order in (0, 1):
        np.testing.assert_allclose(entry.evaluate(X, order, s=0.4),
                                   actplot.get("leaky-relu").evaluate(X, order, negative_slope=slope), rtol=1e-15)
    np.testing.assert_allclose(entry.evaluate(X, 0, s=-2.0)[X < 0], (-1.0 + np.pi - np.e - np.exp(-1)) * X[X < 0],
                               rtol=1e-15)


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


def test_a_word_parameter_on_the_command_line(tmp_path, capsys):
    target = tmp_path / "gelu.csv"
    assert run(["expr", "gelu(x, approximate=tanh)", "--points", "5", "-o", str(target)]) == 0
    rows = list(csv.DictReader(target.read_text().splitlines()))
    xs = np.array([float(r["x"]) for r in rows])
    np.testing.assert_array_equal([float(r["y"]) for r in rows], actplot.get("gelu").value(xs, approximate="tanh"))


def test_tiny_numbers_underflow_to_zero_and_are_allowed():
    np.testing.assert_array_equal(evaluate("x + 1e-400"), X)


def test_unbound_and_unused_parameters(capsys):
    with pytest.raises(ExpressionError, match="parameter 'beta' has no value: pass beta=VALUE") as raised:
        expression.activation("x * beta")
    assert "add --param beta=VALUE" in raised.value.command_line()
    with pytest.raises(ExpressionError, match="parameter 'gamma' is not used"):
        expression.activation("x", {"gamma": 1.0})
    assert run(["expr", "x * sigmoid(b * x)"]) == 2
    assert "add --param b=VALUE" in capsys.readouterr().err
    assert run(["expr", "x", "-p", "b"]) == 2
    assert "parameters are NAME=NUMBER, got 'b'" in capsys.readouterr().err


def test_a_comparison_outside_where_has_no_derivative():
    with pytest.raises(ExpressionError, match="a comparison"):
        expression.activation("x > 0")


def test_domain_errors_are_gaps_not_warnings():
    values = evaluate("log(x)")
    assert np.isnan(values[X < 0]).all() and np.isfinite(values[X > 0]).all()


ALPHABET = "x0123456789.eE+-*/^()<>=, _abcdgilmnoprstwhquv'\"$[]{}:;!~&|"


@given(st.text(alphabet=ALPHABET, max_size=40))
def test_fuzz_any_text_parses_or_fails_with_the_clear_error(source):
    try:
        tree = parse(source)
    except ExpressionError as error:
        assert str(error).startswith("column ")
        return
    assert isinstance(tree, expression.Node)


TOKENS = ["x", "1", "2.5", "pi", "b", "+", "-", "*", "/", "**", "(", ")", ",", "exp(", "max(", "gelu(", "where(",
          "x > 0", "sigmoid(", "abs(", "tanh(", " "]


@given(st.lists(st.sampled_from([*TOKENS, "gelu(x, approximate=tanh)", "-2", "x - -x", "1e-3", "/ (1 + x)"]),
                max_size=14).map("".join))
def test_fuzz_printed_text_parses_back_to_the_same_tree(source):
    try:
        tree = parse(source)
    except ExpressionError:
        return
    assert parse(expression.text(tree)) == tree


@given(st.lists(st.sampled_from(TOKENS), max_size=14).map("".join))
def test_fuzz_token_soup_parses_differentiates_or_fails_clearly(source):
    try:
        entry = expression.activation(source, {"b": 0.5} if "b" in source else {})
    except ExpressionError as error:
        assert "column" in str(error) or "parameter" in str(error) or "comparison" in str(error)
        return
    values = entry.evaluate(np.linspace(-2, 2, 9), 2)
    assert values.shape == (9,)


def test_derivatives_are_not_drawn_where_the_function_does_not_exist():
    """log(x)'s symbolic derivative 1/x is finite left of 0, where log(x) is not defined."""
    import warnings

    import actplot

    s = actplot.sample("expr:log(x)", x_range=(-2.0, 2.0), points=5, order=2)
    assert np.isnan(s.y[:2]).all() and np.isnan(s.dy[:2]).all() and np.isnan(s.d2y[:2]).all()
    assert s.dy[-1] == 0.5 and s.d2y[-1] == -0.25
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig = actplot.plot("expr:log(x)", x_range=(-2.0, 2.0), show=False)
    curve_x = [x for line in fig.axes[1].get_lines() if line.get_gid() == "curve" for x in line.get_xdata()]
    assert min(curve_x) > 0  # nothing drawn left of 0 in the f' panel
    assert sum("f′(x) is not finite" in str(w.message) for w in caught) == 1
