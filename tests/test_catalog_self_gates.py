"""The self-gated family at points whose values are known by hand or stated by the papers."""

from __future__ import annotations

import math

import numpy as np
import pytest

import actplot


def at(name: str, x: float, order: int = 0, **params: float) -> float:
    return float(actplot.get(name).evaluate(np.array([x]), order, **params)[0])


def test_values_known_by_hand():
    assert at("tanhexp", 1.0) == pytest.approx(math.tanh(math.e), rel=1e-15)
    assert at("serf", 0.0, 1) == pytest.approx(math.erf(math.log(2.0)), rel=1e-15)  # f'(0) = the gate at 0
    assert at("logish", 0.0, 1) == pytest.approx(math.log(1.5), rel=1e-15)
    assert at("smish", 0.0, 1) == pytest.approx(math.tanh(math.log(1.5)), rel=1e-15)
    assert at("lisht", -2.0) == pytest.approx(2.0 * math.tanh(2.0), rel=1e-15)
    assert at("e-swish", 1.0, beta=2.0) == pytest.approx(2.0 / (1.0 + math.exp(-1.0)), rel=1e-15)
    assert at("quick-gelu", 1.0) == pytest.approx(1.0 / (1.0 + math.exp(-1.702)), rel=1e-15)
    assert at("golu", 1.0) == pytest.approx(math.exp(-math.exp(-1.0)), rel=1e-15)
    assert at("phish", 0.0, 1) == 0.0  # tanh(GELU(0)) = 0


@pytest.mark.parametrize(("name", "where"), [
    ("tanhexp", -1.0788600584646241), ("serf", -1.193059968928188), ("logish", -1.3724541370256921),
    ("smish", -1.3945193019245041), ("quick-gelu", -0.75115425544128895), ("golu", -0.56714329040978387),
])
def test_each_minimum_is_where_the_slope_vanishes(name, where):
    assert abs(at(name, where, 1)) < 1e-15
    assert actplot.get(name).properties_at().output_range[0] == pytest.approx(at(name, where), rel=1e-15)


def test_golu_minimum_is_at_minus_the_omega_constant():
    omega = 0.5671432904097838  # W(1): omega e^omega = 1
    assert omega * math.exp(omega) == pytest.approx(1.0, rel=1e-15)
    assert abs(at("golu", -omega, 1)) < 1e-15


def test_phish_is_never_negative_and_peaks_below_zero():
    x = np.linspace(-10, 10, 20001)
    y = actplot.get("phish").value(x)
    assert y.min() >= 0.0
    assert y[x < 0].max() == pytest.approx(0.16465896564300027, rel=1e-6)


def test_tails_keep_their_digits():
    assert at("tanhexp", -40.0) == pytest.approx(-40.0 * math.exp(-40.0), rel=1e-14)  # tanh(e^x) = e^x there
    assert at("golu", 50.0) == 50.0 and at("golu", -50.0) == 0.0
    assert at("logish", -50.0) == pytest.approx(-50.0 * math.exp(-50.0), rel=1e-12)
