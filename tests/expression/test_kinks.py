"""Breakpoints (actplot.expression.kinks): linear arguments solved, others located and bisected."""

from __future__ import annotations

import numpy as np
import pytest

from actplot import expression
from actplot.core.sampling import trace


def test_breakpoints_of_linear_arguments_are_found():
    def points(text, **params):
        return [(p.x, p.order) for p in expression.activation(text, params).breakpoints(**params)]

    assert points("abs(x - 1)") == [(1.0, 1)]
    assert points("relu(2*x + 1)") == [(-0.5, 1)]
    assert points("where(x > a, 1, 0)", a=2.0) == [(2.0, 0)]
    assert points("max(x, 3 - x)") == [(1.5, 1)]
    assert points("hardtanh(x / 2)") == [(-2.0, 1), (2.0, 1)]
    assert points("relu(x*x)") == []  # not linear: located inside a range instead (below)


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
