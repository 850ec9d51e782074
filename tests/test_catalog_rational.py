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


def test_the_defaults_approximate_leaky_relu():
    pau = actplot.get("pau")
    x = np.linspace(-3, 3, 601)
    leaky = np.where(x >= 0, x, 0.01 * x)
    assert np.max(np.abs(pau.value(x) - leaky)) < 0.07
    assert pau.breakpoints() == ()  # the fit's odd denominator terms round to 0


def test_too_many_coefficients_are_refused_by_name():
    with pytest.raises(ParameterError, match="at most 9 numerator"):
        actplot.get("pau").resolve(a=tuple(range(10)))
