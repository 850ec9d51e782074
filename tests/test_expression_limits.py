"""The expression language at size: long sums and products, deep nesting, shared derivatives,
and kinks whose argument is not linear in x."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.mathtext import MathTextParser

from actplot import expression
from actplot.core.sampling import trace
from actplot.expression import NESTING_LIMIT, ExpressionError, parse

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


def nested(depth: int) -> dict[str, str]:
    return {"parentheses": "(" * depth + "x" + ")" * depth,
            "calls": "sin(" * depth + "x" + ")" * depth,
            "unary minus": "-" * depth + "x",
            "powers": "x" + "**x" * depth}


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


@pytest.mark.parametrize("text", ["x" + "**x" * 12, "1/(1 + " * 12 + "x" + ")" * 12, "exp(-" * 40 + "x" + ")" * 40])
def test_mathtext_as_deep_as_matplotlib_draws(text):
    formula = expression.mathtext(parse(text))
    assert formula != "$f(x)$"
    MathTextParser("path").parse(formula)


@pytest.mark.parametrize("shape", ["parentheses", "calls", "unary minus", "powers"])
def test_nesting_deeper_than_the_limit_is_a_clear_error(shape):
    for depth in (NESTING_LIMIT + 1, 20 * NESTING_LIMIT):
        with pytest.raises(ExpressionError, match=f"nested more than {NESTING_LIMIT} levels deep"):
            parse(nested(depth)[shape])


def test_every_construct_counts_as_a_level():
    parse("-(" * (NESTING_LIMIT // 2) + "x" + ")" * (NESTING_LIMIT // 2))
    with pytest.raises(ExpressionError, match="column 201 of"):
        parse("-(" * (NESTING_LIMIT // 2) + "-x" + ")" * (NESTING_LIMIT // 2))


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
    original = expression.Call.compute

    def counting(self, values, x, params):
        calls.append(self.function)
        return original(self, values, x, params)

    monkeypatch.setattr(expression.Call, "compute", counting)
    np.testing.assert_array_equal(expression.evaluate(shared, X, {}), np.sin(X) + np.sin(X) * np.sin(X))
    assert calls == ["sin"]


# --- kinks whose argument is not linear --------------------------------------------------------


def test_kinks_of_a_quadratic_argument_are_located():
    entry = expression.activation("abs(x*x - 1)")
    assert entry.breakpoints() == ()  # nothing linear to solve
    points = entry.breakpoints_between(-2, 2)
    assert [p.order for p in points] == [1, 1]
    for point, root in zip(points, (-1.0, 1.0), strict=True):
        assert abs(point.x - root) <= 2 * np.spacing(1.0)
    drawn = trace(lambda x: entry.evaluate(x, 1), -2, 2, 2001, jumps=[p.x for p in points])
    assert len(drawn.segments) == 3
    for xs, ys in drawn.segments:  # no segment crosses a kink: x*x - 1 keeps one sign on each
        side = np.sign(xs * xs - 1)
        assert (side == side[0]).all() and side[0] != 0
        np.testing.assert_array_equal(ys, 2 * xs * side)
    np.testing.assert_allclose([s[0][[0, -1]] for s in drawn.segments],
                               [[-2, -1], [-1, 1], [1, 2]], atol=2 * np.spacing(1.0))


def test_irrational_kinks_are_bisected_to_adjacent_floats():
    entry = expression.activation("abs(x*x - 2)")
    points = entry.breakpoints_between(-2.0, 2.1)  # sqrt(2) is no grid point
    root = np.sqrt(2.0)
    assert [p.order for p in points] == [1, 1]
    assert abs(points[0].x + root) <= np.spacing(root) and abs(points[1].x - root) <= np.spacing(root)
    for point in points:  # the sign of x*x - 2 changes across the neighbours of the point
        below, above = np.nextafter(point.x, -np.inf), np.nextafter(point.x, np.inf)
        assert np.sign(np.nextafter(below, -np.inf) ** 2 - 2) != np.sign(np.nextafter(above, np.inf) ** 2 - 2)


@pytest.mark.parametrize(("text", "params", "expected"), [
    ("relu(x*x - 1)", {}, [(-1.0, 1), (1.0, 1)]),
    ("where(x*x > a, 1, 0)", {"a": 1.0}, [(-1.0, 0), (1.0, 0)]),
    ("sign(x**3 - x)", {}, [(-1.0, 0), (0.0, 0), (1.0, 0)]),
    ("max(x*x, 1)", {}, [(-1.0, 1), (1.0, 1)]),
    ("hardtanh(x**3)", {}, [(-1.0, 1), (1.0, 1)]),
    ("relu_squared(sin(x))", {}, [(0.0, 2)]),
    ("relu(x) + abs(exp(x) - 1)", {}, [(0.0, 1)]),  # one linear, one located: the same point once
])
def test_located_kinks_keep_the_orders_of_linear_ones(text, params, expected):
    points = expression.activation(text, params).breakpoints_between(-2, 2, **params)
    assert [p.order for p in points] == [order for _, order in expected]
    np.testing.assert_allclose([p.x for p in points], [x for x, _ in expected], atol=4e-16)


def test_a_tangential_zero_is_found_only_on_a_grid_point():
    entry = expression.activation("abs(x*x)")
    assert [(p.x, p.order) for p in entry.breakpoints_between(-2, 2)] == [(0.0, 1)]  # 0 is a grid point
    assert entry.breakpoints_between(-1, 2) == ()  # 0 is not, and x*x never changes sign


def test_arguments_that_do_not_depend_on_x_or_vanish_everywhere_locate_nothing():
    for text in ("abs(x*x - x*x) + x", "abs(exp(1) - 2) * x", "leaky_relu(x*x + 1, negative_slope=abs(exp(1) - 3))"):
        assert expression.activation(text).breakpoints_between(-2, 2) == ()
