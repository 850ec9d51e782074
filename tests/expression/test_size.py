"""The expression language at size: long sums and products, deep nesting, shared derivatives."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.mathtext import MathTextParser

from actplot import expression
from actplot.expression import NESTING_LIMIT, nodes, parse
from tests.expression.support import nested

X = np.linspace(-2.0, 2.0, 2001)


TERMS = 5000


def test_a_sum_of_5000_terms():
    k = np.arange(TERMS)
    source = " + ".join(f"sin({j % 7 + 1}*x)/{j + 1}" for j in k) + " - x*x"
    entry = expression.activation(source)
    rate, weight = (k % 7 + 1)[:, None], 1.0 / (k + 1)[:, None]
    expected = [(np.sin(rate * X) * weight).sum(0) - X * X, (rate * np.cos(rate * X) * weight).sum(0) - 2 * X,
                (-rate**2 * np.sin(rate * X) * weight).sum(0) - 2]
    for order in (0, 1, 2):
        values = entry.evaluate(X, order)
        np.testing.assert_allclose(values, expected[order], rtol=1e-11, atol=1e-9 * (1 + 10 * order))
    assert entry.formula == "$f(x)$"  # too long to draw as a title
    assert parse(expression.text(parse(source))) == parse(source)
    assert entry.breakpoints_between(-2, 2) == ()


@pytest.mark.parametrize(("op", "factor", "exact"), [
    ("*", "exp(x/5000)", lambda x: [np.exp(x)] * 3),
    ("/", "exp(-x/5000)", lambda x: [np.exp(x)] * 3),
])
def test_a_product_of_5000_factors(op, factor, exact):
    entry = expression.activation(f" {op} ".join(["1"] + [factor] * TERMS) if op == "/" else
                                  f" {op} ".join([factor] * TERMS))
    for order, expected in enumerate(exact(X)):
        values = entry.evaluate(X, order)
        np.testing.assert_allclose(values, expected, rtol=1e-10)


def test_nesting_up_to_the_limit_works():
    assert NESTING_LIMIT == 200
    shapes = nested(NESTING_LIMIT)
    x = np.linspace(0.5, 1.5, 11)
    np.testing.assert_array_equal(expression.activation(shapes["parentheses"]).evaluate(x), x)
    np.testing.assert_array_equal(expression.activation(shapes["unary minus"]).evaluate(x), x)  # an even count
    u, du, d2u = x.copy(), np.ones_like(x), np.zeros_like(x)
    for _ in range(NESTING_LIMIT):
        u, du, d2u = np.sin(u), np.cos(u) * du, -np.sin(u) * du**2 + np.cos(u) * d2u
    calls = expression.activation(shapes["calls"])
    for order, expected in enumerate((u, du, d2u)):
        np.testing.assert_allclose(calls.evaluate(x, order), expected, rtol=1e-12)
    powers = expression.activation(shapes["powers"]).evaluate(np.array([1.0, 0.5]))
    np.testing.assert_array_equal(powers[:1], [1.0])
    assert np.isfinite(powers).all()
    for text in shapes.values():
        tree = parse(text)
        assert parse(expression.text(tree)) == tree
        MathTextParser("path").parse(expression.mathtext(tree))
    assert expression.mathtext(parse(shapes["powers"])) == "$f(x)$"  # deeper than matplotlib draws


def tanh_chain(depth: int, x: np.ndarray) -> list[np.ndarray]:
    u, du, d2u = x.copy(), np.ones_like(x), np.zeros_like(x)
    for _ in range(depth):
        t = np.tanh(u)
        u, du, d2u = t, (1 - t * t) * du, -2 * t * (1 - t * t) * du**2 + (1 - t * t) * d2u
    return [u, du, d2u]


def test_derivatives_share_subtrees_and_stay_fast():
    source = "tanh(" * 120 + "x" + ")" * 120
    entry = expression.activation(source)
    values = entry.evaluate(X, 2)
    np.testing.assert_allclose(values, tanh_chain(120, X)[2], rtol=1e-9, atol=1e-15)
    for order in (0, 1):
        np.testing.assert_allclose(entry.evaluate(X, order), tanh_chain(120, X)[order], rtol=1e-12, atol=1e-15)

    def size(depth: int) -> int:
        memo: dict = {}
        first = expression.derivative(parse("tanh(" * depth + "x" + ")" * depth), memo)
        return len(expression.walk(expression.derivative(first, memo)))

    assert size(120) < 2.2 * size(60)  # linear in the depth, not quadratic or worse
    assert entry.derivative_formula == r"$\frac{d}{dx}f(x)$"


def test_a_shared_subtree_is_computed_once(monkeypatch):
    calls = []
    tree = parse("sin(x)")
    shared = expression.add(tree, expression.mul(tree, tree))
    original = nodes.Call.compute

    def counting(self, values, x, params):
        calls.append(self.function)
        return original(self, values, x, params)

    monkeypatch.setattr(nodes.Call, "compute", counting)
    np.testing.assert_array_equal(expression.evaluate(shared, X, {}), np.sin(X) + np.sin(X) * np.sin(X))
    assert calls == ["sin"]
