"""The soft rectifiers at points whose values are known by hand or stated by the papers."""

from __future__ import annotations

import math

import numpy as np
import pytest

import actplot

LOG2 = math.log(2.0)


def at(name: str, x: float, order: int = 0, **params: float) -> float:
    return float(actplot.get(name).evaluate(np.array([x]), order, **params)[0])


def test_polu_by_hand():
    # n = 1: 1/(1 - x) - 1 = x/(1 - x); n = 2 at x = -1: 1/4 - 1
    assert at("polu", -1.0) == -0.5
    assert at("polu", -1.0, 1) == 0.25 and at("polu", -1.0, 2) == pytest.approx(0.25, rel=1e-15)
    assert at("polu", -1.0, n=2.0) == -0.75
    assert at("polu", -1.0, 1, n=2.0) == pytest.approx(0.25, rel=1e-15)  # 2 / 2^3
    assert at("polu", -1.0, 2, n=2.0) == pytest.approx(6.0 / 16.0, rel=1e-15)  # 6 / 2^4
    assert at("polu", 3.0, n=2.0) == 3.0 and at("polu", 0.0, 1, n=2.0) == 1.0


def test_polu_keeps_its_digits_near_zero_and_far_left():
    # (1 - x)^(-n) - 1 = -n x + ... for a small x: no cancellation against the 1
    assert at("polu", -1e-10, n=2.0) == pytest.approx(-2e-10, rel=1e-9)
    assert at("polu", -1e-200, n=1.5) == pytest.approx(-1.5e-200, rel=1e-15)
    assert at("polu", -1e6) == pytest.approx(-1.0 + 1.0 / (1.0 + 1e6), rel=1e-15)
    assert at("polu", -1e6, 1, n=100.0) == 0.0  # 100 (1 + 1e6)^-101 underflows, silently


def test_polu_kink_only_where_n_is_not_one():
    entry = actplot.get("polu")
    assert [p.order for p in entry.breakpoints()] == [2]
    assert [p.order for p in entry.breakpoints(n=2.0)] == [1]
    assert entry.properties_at(n=0.0).output_range == (0.0, math.inf)  # n = 0 is ReLU
    np.testing.assert_array_equal(entry.value(np.array([-3.0, -1.0, 2.0]), n=0.0), [0.0, 0.0, 2.0])


def test_slu_by_hand():
    # 2 ln((1 + e^-1)/2); slope 2 sigmoid(x); SLU is C1 at 0 with f'' jumping from 1/2 to 0
    assert at("slu", -1.0) == pytest.approx(2.0 * math.log((1.0 + math.exp(-1.0)) / 2.0), rel=1e-15)
    assert at("slu", -1.0, 1) == pytest.approx(2.0 / (1.0 + math.e), rel=1e-15)
    assert at("slu", 0.0, 1) == 1.0 and at("slu", np.nextafter(0.0, -1.0), 1) == 1.0
    assert at("slu", 0.0, 2) == 0.0 and at("slu", -1e-300, 2) == 0.5
    assert at("slu", 2.5) == 2.5


def test_slu_keeps_its_digits_near_zero_and_saturates_at_minus_two_log_two():
    # 2 ln((1 + e^x)/2) = x + x^2/4 + ... : softplus(x) - ln 2 would lose half the digits at x = -1e-8
    assert at("slu", -1e-8) == pytest.approx(-1e-8 + 0.25e-16, rel=1e-15)
    assert at("slu", -1e-300) == -1e-300
    assert at("slu", -800.0) == pytest.approx(-2.0 * LOG2, rel=1e-15)
    assert actplot.get("slu").properties_at().output_range[0] == -2.0 * LOG2


def test_soft_plus_plus_by_hand():
    assert at("soft-plus-plus", 0.0) == 0.0
    assert at("soft-plus-plus", 0.0, 1) == 1.0  # k/2 + 1/c = 1/2 + 1/2
    assert at("soft-plus-plus", 0.0, 2) == 0.25  # k^2 / 4
    assert at("soft-plus-plus", 0.0, 1, k=2.0, c=4.0) == 1.25
    assert at("soft-plus-plus", 1.0, k=2.0, c=4.0) == pytest.approx(math.log1p(math.exp(2.0)) + 0.25 - LOG2,
                                                                  rel=1e-15)


def test_soft_plus_plus_keeps_its_digits():
    # near 0: ln((1 + e^(kx))/2) + x/c = (k/2 + 1/c) x + k^2 x^2 / 8 + ...
    assert at("soft-plus-plus", 1e-9) == pytest.approx(1e-9 + 1e-18 / 8.0, rel=1e-15)
    # far left the slope is 1/c: -1e6 / 2 - ln 2, and far right k + 1/c
    assert at("soft-plus-plus", -1e6) == pytest.approx(-5e5 - LOG2, rel=1e-15)
    assert at("soft-plus-plus", 1e6) == pytest.approx(1.5e6 - LOG2, rel=1e-15)
    assert at("soft-plus-plus", -50.0, 2) == pytest.approx(math.exp(-50.0), rel=1e-13)


def test_aria2_by_hand():
    # x sigmoid(beta x)^alpha: at x = 1, 1 / (1 + e^-2)^1.5
    assert at("aria2", 1.0) == pytest.approx((1.0 + math.exp(-2.0)) ** -1.5, rel=1e-15)
    assert at("aria2", 0.0, 1) == pytest.approx(2.0**-1.5, rel=1e-15)  # the gate at 0
    # f''(0) = 2 g'(0) = 2 alpha beta 2^-alpha / 2
    assert at("aria2", 0.0, 2) == pytest.approx(1.5 * 2.0 * 2.0**-1.5, rel=1e-15)


def test_aria2_with_alpha_one_is_swish():
    x = np.linspace(-30.0, 30.0, 241)
    for order in (0, 1, 2):
        np.testing.assert_allclose(actplot.get("aria2").evaluate(x, order, alpha=1.0),
                                   actplot.get("swish-beta").evaluate(x, order, beta=2.0), rtol=1e-13, atol=1e-300)


@pytest.mark.parametrize(("params", "where", "value"), [
    ({}, -0.46488222063100824, -0.069977641319701427),
    ({"alpha": 3.0}, -0.26480563675075367, -0.013479383734838078),
    ({"beta": 1.0}, -0.92976444126201648, -0.13995528263940285),
])
def test_aria2_minimum_is_where_the_slope_vanishes(params, where, value):
    """Minima found with mpmath at 30 digits."""
    assert abs(at("aria2", where, 1, **params)) < 1e-15
    assert at("aria2", where, **params) == pytest.approx(value, rel=1e-15)
    assert actplot.get("aria2").properties_at(**params).output_range[0] == pytest.approx(value, rel=1e-14)


def test_aria2_tails():
    # left: x e^(alpha beta x) to first order; right: x itself
    assert at("aria2", -20.0) == pytest.approx(-20.0 * (1.0 + math.exp(40.0)) ** -1.5, rel=1e-14)
    assert at("aria2", 1e6) == 1e6 and at("aria2", -1e6) == 0.0 and at("aria2", -1e6, 2) == 0.0


def test_shelu_is_elu_shifted():
    x = np.linspace(-6.0, 6.0, 121)
    entry = actplot.get("shelu")
    for order in (0, 1):
        np.testing.assert_allclose(entry.evaluate(x - 0.5, order), actplot.get("elu").evaluate(x, order), rtol=1e-15)
    assert at("shelu", 0.0) == 0.5 and at("shelu", 0.0, b=0.0) == 0.0
    assert at("shelu", -0.5, 2) == 1.0 and at("shelu", np.nextafter(-0.5, 0.0), 2) == 0.0  # the exponential branch
    assert [p.x for p in entry.breakpoints(b=2.0)] == [-2.0]
    assert entry.properties_at().zero_at_zero is False and entry.properties_at(b=0.0).zero_at_zero is True


def test_scaled_softsign_by_hand():
    assert at("scaled-softsign", 1.0, alpha=2.0, beta=3.0) == 0.5
    assert at("scaled-softsign", 1.0, 1, alpha=2.0, beta=3.0) == 6.0 / 16.0
    assert at("scaled-softsign", -1.0, 2, alpha=2.0, beta=3.0) == pytest.approx(12.0 / 64.0, rel=1e-15)
    assert at("scaled-softsign", 0.0, 2) == 0.0
    assert at("scaled-softsign", 0.0, 1, alpha=2.0, beta=0.5) == 4.0  # alpha / beta
    assert at("scaled-softsign", 1e6, alpha=2.0) == pytest.approx(2.0 * 1e6 / (1.0 + 1e6), rel=1e-15)
    x = np.linspace(-20.0, 20.0, 81)
    for order in (0, 1, 2):
        np.testing.assert_allclose(actplot.get("scaled-softsign").evaluate(x, order),
                                   actplot.get("softsign").evaluate(x, order), rtol=1e-15)


def test_papers_are_cited():
    assert actplot.get("polu").paper.arxiv == "1802.00212"
    assert actplot.get("aria-2").paper.arxiv == "1805.08878"
    assert actplot.get("slu").paper.doi == "10.1007/s10489-017-1028-7"
    assert actplot.get("soft++").paper.doi == "10.1016/j.neucom.2019.12.014"
    assert actplot.get("shelu").paper.doi == "10.1109/ICPR.2018.8545104"
    assert actplot.get("scaled-softsign").paper.doi == "10.20944/preprints202301.0463.v1"
