"""Evaluating trees (actplot.expression.nodes): values, keyword constants, domain gaps."""

from __future__ import annotations

import numpy as np
import pytest

import actplot
from actplot import expression
from tests.expression.support import X, evaluate


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


def test_keyword_values_are_constants_of_parameters_and_constants():
    entry = expression.activation("leaky_relu(x, negative_slope=s / 2 + pi - e - exp(-1))", {"s": 0.4})
    slope = 0.2 + np.pi - np.e - np.exp(-1)
    for order in (0, 1):
        np.testing.assert_allclose(entry.evaluate(X, order, s=0.4),
                                   actplot.get("leaky-relu").evaluate(X, order, negative_slope=slope), rtol=1e-15)
    np.testing.assert_allclose(entry.evaluate(X, 0, s=-2.0)[X < 0], (-1.0 + np.pi - np.e - np.exp(-1)) * X[X < 0],
                               rtol=1e-15)


def test_domain_errors_are_gaps_not_warnings():
    values = evaluate("log(x)")
    assert np.isnan(values[X < 0]).all() and np.isfinite(values[X > 0]).all()
