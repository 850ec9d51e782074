"""Symbolic derivatives (actplot.expression.derivatives): exact, and as the catalog's."""

from __future__ import annotations

import numpy as np
import pytest

import actplot
from actplot import expression
from actplot.expression import ExpressionError
from tests.expression.support import X, evaluate


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


def test_a_comparison_outside_where_has_no_derivative():
    with pytest.raises(ExpressionError, match="a comparison"):
        expression.activation("x > 0")
