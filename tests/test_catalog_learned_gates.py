"""The trainable gated family at points whose values are known by hand or stated by the papers."""

from __future__ import annotations

import math

import numpy as np
import pytest

import actplot


def at(name: str, x: float, order: int = 0, **params: float) -> float:
    return float(actplot.get(name).evaluate(np.array([x]), order, **params)[0])


def test_acon_c_defaults_are_swish_and_its_limits_are_the_lines():
    assert actplot.get("acon-c").params == {"p1": 1.0, "p2": 0.0, "beta": 1.0}
    assert at("acon-c", 2.0) == pytest.approx(2.0 / (1.0 + math.exp(-2.0)), rel=1e-15)
    assert at("acon-c", 0.0, 1, p1=1.0, p2=0.25) == 0.625  # f'(0) = (p1 + p2) / 2
    assert at("acon-c", 0.0, 2, p1=1.0, p2=0.25, beta=2.0) == pytest.approx(0.5625, rel=1e-15)  # beta (p1-p2)^2 / 2
    assert at("acon-c", 50.0, p1=1.0, p2=0.25, beta=10.0) == 50.0  # max(p1 x, p2 x)
    assert at("acon-c", -50.0, p1=1.0, p2=0.25, beta=10.0) == -12.5
    assert at("acon-c", -50.0, p1=1.0, p2=0.25, beta=-10.0) == -50.0  # beta < 0: the minimum
    assert at("acon-c", 3.0, beta=0.0, p2=0.5) == 2.25  # beta = 0: the mean of the lines
    # p1 = -p2: x p1 tanh(beta p1 x), x^2-small at 0 and still exact there
    assert at("acon-c", 1e-8, p1=1.0, p2=-1.0) == pytest.approx(1e-16, rel=1e-14)
    assert actplot.get("acon-c").properties_at(p1=2.0).output_range[0] == pytest.approx(-0.2784645427610738, rel=1e-14)


def test_fts_is_flat_at_t_on_the_left():
    assert actplot.get("fts").params == {"T": -0.2}
    assert at("fts", -3.0) == -0.2
    assert at("fts", 0.0) == -0.2
    assert at("fts", 2.0) == pytest.approx(2.0 / (1.0 + math.exp(-2.0)) - 0.2, rel=1e-15)
    assert at("fts", 0.0, 1) == 0.5 and at("fts", -1e-300, 1) == 0.0  # the kink: the right branch at 0
    assert at("fts", 0.0, 2) == 0.5
    assert at("fts", 1e6, threshold=0.0) == 1e6


def test_dsilu_is_the_silus_derivative():
    assert at("dsilu", 0.0) == 0.5
    assert at("dsilu", 0.0, 1) == 0.5
    assert at("dsilu", 0.0, 2) == 0.0
    assert at("dsilu", 2.3993572805154677) == pytest.approx(1.0998393201288669, rel=1e-15)
    assert at("dsilu", -2.3993572805154677) == pytest.approx(-0.099839320128866917, rel=1e-14)
    assert at("dsilu", 2.3993572805154677, 1) == pytest.approx(0.0, abs=1e-16)
    assert at("dsilu", -1.2784645427610738) == pytest.approx(0.0, abs=1e-16)  # where the SiLU is lowest
    assert at("dsilu", 1e6) == 1.0 and at("dsilu", -1e6) == 0.0
    assert at("dsilu", -40.0) == pytest.approx(-39.0 * math.exp(-40.0), rel=1e-13)
