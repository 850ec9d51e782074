"""The periodic family at points whose values are known by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest

import actplot


def at(name: str, x: float, order: int = 0, **params: float) -> float:
    return float(actplot.get(name).evaluate(np.array([x]), order, **params)[0])


def test_snake_ripples_around_the_identity():
    assert at("snake", math.pi / 2) == pytest.approx(math.pi / 2 + 1.0, rel=1e-15)
    assert at("snake", math.pi) == pytest.approx(math.pi, rel=1e-15)
    assert at("snake", math.pi / 4, 1) == pytest.approx(2.0, rel=1e-15)
    assert at("snake", 3 * math.pi / 4, 1) == pytest.approx(0.0, abs=1e-15)  # where f' touches 0
    assert at("snake", 0.0, 2, alpha=3.0) == 6.0  # f''(0) = 2 alpha
    assert at("snake", 1e6, alpha=1e-300) == pytest.approx(1e6 + 1e-288, rel=1e-15)  # sin^2 did not underflow


def test_siren_is_a_sine_at_omega_0_thirty():
    assert actplot.get("siren").params == {"w0": 30.0}
    assert at("siren", math.pi / 60) == pytest.approx(1.0, rel=1e-15)
    assert at("siren", 0.0, 1) == 30.0
    assert at("siren", math.pi / 60, 2) == pytest.approx(-900.0, rel=1e-14)
    assert actplot.get("siren").resolve(omega_0=2.0) == {"w0": 2.0}  # the paper's name is an alias


def test_growing_cosine_unit():
    assert at("gcu", math.pi) == pytest.approx(-math.pi, rel=1e-15)
    assert at("gcu", 0.0, 1) == 1.0
    assert at("gcu", 0.0, 2) == 0.0


def test_sinc_at_zero_is_its_limit_and_its_minimum_is_known():
    assert at("sinc", 0.0) == 1.0
    assert at("sinc", 0.0, 1) == 0.0
    assert at("sinc", 0.0, 2) == pytest.approx(-1.0 / 3.0, rel=1e-15)
    assert at("sinc", 1e-9, 2) == pytest.approx(-1.0 / 3.0, rel=1e-15)  # no cancellation near 0
    assert abs(at("sinc", math.pi)) < 1e-16
    assert at("sinc", 4.493409457909064) == pytest.approx(-0.217233628211222, rel=1e-13)
    assert actplot.get("sinc").properties_at().output_range[0] == pytest.approx(-0.217233628211222, rel=1e-13)


def test_mexican_hat():
    assert at("mexican-hat", 0.0) == 1.0
    assert at("mexican-hat", 1.0) == 0.0
    assert at("mexican-hat", 0.0, 2) == -3.0
    assert at("mexican-hat", math.sqrt(3.0)) == pytest.approx(-2.0 * math.exp(-1.5), rel=1e-15)
    assert at("mexican-hat", math.sqrt(3.0), 1) == pytest.approx(0.0, abs=1e-15)  # sqrt(3) is rounded
    assert at("mexican-hat", -40.0) == 0.0 and at("mexican-hat", 1e6, 2) == 0.0


DENSE = [("snake", {"alpha": 1e6}), ("snake", {"alpha": 1e3}), ("snake", {"alpha": 1e-3}), ("siren", {}),
         ("siren", {"w0": 1e4}), ("siren", {"w0": 1e-3}), ("gcu", {}), ("sinc", {}), ("mexican-hat", {}),
         ("sinlu", {"b": 30.0}), ("sinlu", {"a": 0.02, "b": 30.0}), ("sinlu", {"a": -3.0, "b": 0.5})]


@pytest.mark.parametrize(("name", "params"), DENSE, ids=lambda v: str(v))
def test_oscillating_properties_hold_on_a_dense_curve(name, params):
    """The declared range and direction against the curve sampled far finer than its oscillation
    (a hundred points a period near 0, then out to 1e4, and at +-1e6): the range holds, each
    finite end is reached and each infinite one approached."""
    entry = actplot.get(name)
    props = entry.properties_at(**params)
    x = np.unique(np.concatenate([np.linspace(-60, 60, 1_200_001), np.linspace(-1e4, 1e4, 400_001), [-1e6, 1e6]]))
    y, dy = entry.value(x, **params), entry.derivative(x, **params)
    low, high = props.output_range
    slack = 1e-12 * (1 + np.abs(y))
    assert np.all(y >= low - slack) and np.all(y <= high + slack)
    assert (y.min() <= low + 1e-6 * (1 + abs(low))) if math.isfinite(low) else y.min() < -1e3
    assert (y.max() >= high - 1e-6 * (1 + abs(high))) if math.isfinite(high) else y.max() > 1e3
    assert props.monotonic == ("increasing" if dy.min() >= 0 else "decreasing" if dy.max() <= 0 else "no")
