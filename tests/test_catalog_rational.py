"""The Padé activation unit against functions it reduces to, and its kink at 0."""

from __future__ import annotations

import numpy as np
import pytest

import actplot
from actplot.core.errors import ParameterError
from actplot.core.schema import Breakpoint

X = np.linspace(-20, 20, 4001)


def test_with_a_linear_numerator_and_denominator_it_is_softsign():
    pau, softsign = actplot.get("pau"), actplot.get("softsign")
    for order in (0, 1):
        np.testing.assert_allclose(pau.evaluate(X, order, a=(0.0, 1.0), b=(1.0,)), softsign.evaluate(X, order),
                                   rtol=1e-15, atol=1e-300)
    # softsign is C1: f'' jumps at 0, and the unit says so too
    assert pau.breakpoints(a=(0.0, 1.0), b=(1.0,)) == (Breakpoint(0.0, 2),)
    assert pau.properties_at(a=(0.0, 1.0), b=(1.0,)).output_range == pytest.approx((-1.0, 1.0))


def test_kinks_follow_the_lowest_powers():
    pau = actplot.get("pau")
    assert pau.breakpoints(a=(1.0, 1.0), b=(1.0,)) == (Breakpoint(0.0, 1),)  # 1 / (1 + |x|): a kink
    assert pau.breakpoints(a=(0.0, 1.0), b=(0.0, 1.0)) == ()  # x / (1 + x^2) is smooth
    assert pau.breakpoints(a=(1.0,), b=(0.0, 0.0, 1.0)) == (Breakpoint(0.0, 3),)  # 1 / (1 + |x|^3) is C2
    assert pau.properties_at(a=(0.0, 1.0), b=(0.0, 1.0)).output_range == pytest.approx((-0.5, 0.5))
    assert pau.evaluate(np.array([1.0]), 0, a=(0.0, 1.0), b=(0.0, 1.0))[0] == 0.5


def test_the_defaults_are_the_authors_leaky_relu_fit():
    """'pade_optimized_leakyrelu' of github.com/ml-research/pau, digit for digit."""
    pau = actplot.get("pau")
    a = (3.35583603e-02, 5.05000375e-01, 1.65343934e+00, 2.01001052e+00, 9.31901999e-01, 1.52424124e-01)
    b = (3.30847488e-06, 3.98021568e+00, 5.12471206e-07, 3.01830109e-01)
    assert pau.params == {"a": a, "b": b}
    x = np.linspace(-3, 3, 601)
    gap = np.abs(pau.value(x) - np.where(x >= 0, x, 0.01 * x))
    assert gap.max() == gap[300] == a[0]  # the widest at 0, where F(0) = a_0
    # b_1 > 0 is an odd power: a kink, f' stepping from a_1 + a_0 b_1 down to a_1 - a_0 b_1, a_1 at 0
    assert pau.breakpoints() == (Breakpoint(0.0, 1),)
    left, middle, right = pau.derivative(np.array([-1e-300, 0.0, 1e-300]))
    assert left == pytest.approx(a[1] + a[0] * b[0], rel=1e-15)
    assert right == pytest.approx(a[1] - a[0] * b[0], rel=1e-15)
    assert middle == pytest.approx(a[1], rel=1e-15)


def test_too_many_coefficients_are_refused_by_name():
    with pytest.raises(ParameterError, match="at most 9 numerator"):
        actplot.get("pau").resolve(a=tuple(range(10)))
