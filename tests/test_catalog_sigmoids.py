"""The sigmoid-shaped curves from the literature at points known by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest

import actplot


def at(name: str, x: float, order: int = 0, **params: float) -> float:
    return float(actplot.get(name).evaluate(np.array([x]), order, **params)[0])


def test_probit_is_the_normal_distribution_function():
    density = 1.0 / math.sqrt(2.0 * math.pi)
    assert at("probit", 0.0) == 0.5
    assert at("probit", 0.0, 1) == pytest.approx(density, rel=1e-15)
    assert at("probit", 0.0, 2) == 0.0
    assert at("probit", 1.0) == pytest.approx(0.5 * math.erfc(-1.0 / math.sqrt(2.0)), rel=1e-15)
    assert at("probit", 1.0, 2) == pytest.approx(-density * math.exp(-0.5), rel=1e-15)  # -x phi(x)
    assert actplot.get("normal-cdf") is actplot.get("probit")


def test_probit_lower_tail_keeps_its_digits():
    # erfc(30 / sqrt 2) / 2 = 4.906713927148187e-198; 1 - Phi(30) would be 0
    assert at("probit", -30.0) == pytest.approx(0.5 * math.erfc(30.0 / math.sqrt(2.0)), rel=1e-14)
    assert at("probit", -37.0, 1) == pytest.approx(math.exp(-684.5) / math.sqrt(2.0 * math.pi), rel=1e-13)
    assert at("probit", 40.0) == 1.0 and at("probit", -1e6) == 0.0 and at("probit", 1e6, 2) == 0.0
    x = np.linspace(-8.0, 8.0, 161)
    entry = actplot.get("probit")
    np.testing.assert_allclose(entry.value(x) + entry.value(-x), 1.0, rtol=1e-15)


@pytest.mark.parametrize("gamma", [1.0, 2.0, 0.5, 1e-6, 1e6])
def test_smooth_step_is_exactly_flat_outside_its_ramp(gamma):
    entry = actplot.get("smooth-step")
    half = gamma / 2
    outside = np.array([-1e6 * gamma, -half, half, 3 * half])
    assert list(entry.value(outside, gamma=gamma)) == [0.0, 0.0, 1.0, 1.0]
    assert list(entry.derivative(outside, gamma=gamma)) == [0.0, 0.0, 0.0, 0.0]
    assert list(entry.derivative(outside, order=2, gamma=gamma)) == [0.0, 0.0, 0.0, 0.0]  # the flat pieces' f''
    assert at("smooth-step", 0.0, 1, gamma=gamma) == pytest.approx(1.5 / gamma, rel=1e-15)


def test_smooth_step_cubic_by_hand():
    # u = x / gamma = 1/4: 1/2 + 3/8 - 2/64 = 27/32; f' = (3/2 - 6/16) / gamma; f'' = -3 / gamma^2
    assert at("smooth-step", 0.5, gamma=2.0) == 27.0 / 32.0
    assert at("smooth-step", 0.5, 1, gamma=2.0) == pytest.approx(1.125 / 2.0, rel=1e-15)
    assert at("smooth-step", 0.5, 2, gamma=2.0) == pytest.approx(-3.0 / 4.0, rel=1e-15)
    assert at("smooth-step", -0.5, gamma=2.0) == 5.0 / 32.0  # symmetric about (0, 1/2)
    # just inside a knot f' is 0 to rounding: the cubic meets the flat pieces with zero slope
    assert abs(at("smooth-step", np.nextafter(0.5, 0.0), 1)) < 1e-14
    assert [p.x for p in actplot.get("smooth-step").breakpoints(gamma=3.0)] == [-1.5, 1.5]


def test_papers_are_cited():
    assert actplot.get("probit").paper.doi == "10.1007/s00521-010-0407-3"
    assert actplot.get("smooth-step").paper.arxiv == "2002.07772"


def test_cloglogm_by_hand():
    # f(0) = 1 - 2 e^-0.7; f'(0) = 1.4 e^-0.7; f''(0) = 1.4 e^-0.7 (1 - 0.7)
    e = math.exp(-0.7)
    assert at("cloglogm", 0.0) == pytest.approx(1.0 - 2.0 * e, rel=1e-14)
    assert at("cloglogm", 0.0, 1) == pytest.approx(1.4 * e, rel=1e-15)
    assert at("cloglogm", 0.0, 2) == pytest.approx(1.4 * e * 0.3, rel=1e-14)
    # it crosses 0 where 0.7 e^x = ln 2, and is steepest (f' = 2/e, f'' = 0) where 0.7 e^x = 1
    assert abs(at("cloglogm", math.log(math.log(2.0) / 0.7))) < 1e-15
    steepest = math.log(1.0 / 0.7)
    assert at("cloglogm", steepest, 1) == pytest.approx(2.0 / math.e, rel=1e-15)
    assert abs(at("cloglogm", steepest, 2)) < 1e-15
    assert actplot.get("modified-cloglog") is actplot.get("cloglogm")


def test_cloglogm_tails_keep_their_digits():
    # toward -1 the gap f + 1 = 2 (1 - exp(-0.7 e^x)) ~ 1.4 e^x; toward 1, 1 - f = 2 exp(-0.7 e^x)
    assert at("cloglogm", -30.0) + 1.0 == pytest.approx(1.4 * math.exp(-30.0), rel=1e-3)  # f is -1 + 1e-13: 3 digits
    assert at("cloglogm", -30.0, 1) == pytest.approx(1.4 * math.exp(-30.0), rel=1e-14)
    assert at("cloglogm", -30.0, 2) == pytest.approx(1.4 * math.exp(-30.0), rel=1e-12)
    assert 1.0 - at("cloglogm", 3.0) == pytest.approx(2.0 * math.exp(-0.7 * math.exp(3.0)), rel=1e-8)
    assert at("cloglogm", 3.0, 1) == pytest.approx(1.4 * math.exp(3.0 - 0.7 * math.exp(3.0)), rel=1e-13)
    for x, value in ((-1e6, -1.0), (1e6, 1.0), (710.0, 1.0)):
        assert at("cloglogm", x) == value
        assert at("cloglogm", x, 1) == 0.0 and at("cloglogm", x, 2) == 0.0


def test_stanh_defaults_are_lecuns():
    entry = actplot.get("stanh")
    assert entry.params == {"a": 1.7159, "b": 2.0 / 3.0}
    x = np.linspace(-6.0, 6.0, 121)
    lecun = actplot.get("lecun-tanh")
    for order in (0, 1, 2):
        np.testing.assert_allclose(entry.evaluate(x, order), lecun.evaluate(x, order), rtol=1e-15, atol=1e-300)
    assert at("stanh", 1.0) == pytest.approx(1.0, abs=2e-5)  # f(1) = 1.7159 tanh(2/3) = 1.0000...
    assert at("stanh", 0.0, 1, a=2.0, b=0.5) == 1.0  # f'(0) = a b
    # f'' = -2 a b^2 tanh(bx)(1 - tanh^2(bx)); at b x = atanh(1/2): -2 a b^2 (1/2)(3/4)
    x0 = math.atanh(0.5) / 0.5
    assert at("stanh", x0, 2, a=2.0, b=0.5) == pytest.approx(-2.0 * 2.0 * 0.25 * 0.375, rel=1e-14)


def test_stanh_tail_slope_keeps_its_digits():
    # 1 - tanh^2(u) = 4 e^(-2u) / (1 + e^(-2u))^2, not 0 from 1 - 1 at u = 20
    u = 20.0
    slope = 4.0 * math.exp(-2.0 * u) / (1.0 + math.exp(-2.0 * u)) ** 2
    assert at("stanh", u, 1, a=1.0, b=1.0) == pytest.approx(slope, rel=1e-14)
    assert at("stanh", 1e6, a=1e6, b=1e6) == 1e6 and at("stanh", -1e6, 1, a=1e6, b=1e6) == 0.0


def test_tanhlu_by_hand():
    assert at("tanhlu", 0.0) == 0.0
    assert at("tanhlu", 0.0, 1) == 2.0  # alpha lambda + beta
    assert at("tanhlu", 1.0) == pytest.approx(math.tanh(1.0) + 1.0, rel=1e-15)
    # alpha = 2, beta = 0.1, lambda = 3 at x = 0.5: 2 tanh(1.5) + 0.05
    assert at("tanhlu", 0.5, alpha=2.0, beta=0.1, lambd=3.0) == pytest.approx(2.0 * math.tanh(1.5) + 0.05, rel=1e-15)
    assert at("tanhlu", 0.5, 1, alpha=2.0, beta=0.1, lambd=3.0) == pytest.approx(
        6.0 / math.cosh(1.5) ** 2 + 0.1, rel=1e-14)
    assert at("tanhlu", 0.5, 2, alpha=2.0, beta=0.1, lambd=3.0) == pytest.approx(
        -36.0 * math.tanh(1.5) / math.cosh(1.5) ** 2, rel=1e-14)
    # far out the tanh has saturated: the line remains, with slope beta exactly
    assert at("tanhlu", 50.0) == 51.0 and at("tanhlu", 50.0, 1) == 1.0 and at("tanhlu", -50.0, 1, beta=0.1) == 0.1
    assert actplot.get("tanhlu").resolve(**{"lambda": 2.0})["lambd"] == 2.0


def test_tanhlu_without_its_line_is_bounded():
    props = actplot.get("tanhlu").properties_at(beta=0.0, alpha=3.0)
    assert props.output_range == (-3.0, 3.0)
    assert actplot.get("tanhlu").properties_at().output_range == (-math.inf, math.inf)


def test_siglin_by_hand():
    assert at("siglin", 0.0) == 0.5
    assert at("siglin", 0.0, 1) == pytest.approx(0.35, rel=1e-15)  # 1/4 + a
    assert at("siglin", 0.0, 2) == 0.0
    s = 1.0 / (1.0 + math.exp(-2.0))
    assert at("siglin", 2.0) == pytest.approx(s + 0.2, rel=1e-15)
    assert at("siglin", 2.0, 1) == pytest.approx(s * (1.0 - s) + 0.1, rel=1e-15)
    assert at("siglin", 2.0, 2) == pytest.approx(s * (1.0 - s) * (1.0 - 2.0 * s), rel=1e-14)
    # the slope never falls below a, however far out
    assert at("siglin", -1e6, 1) == 0.1 and at("siglin", 1e6, 1) == 0.1
    assert at("siglin", -1e6) == pytest.approx(-1e5, rel=1e-15)
    # a = 0 is the sigmoid, with its lower tail intact
    assert at("siglin", -40.0, a=0.0) == pytest.approx(math.exp(-40.0) / (1.0 + math.exp(-40.0)), rel=1e-15)
    assert actplot.get("siglin").properties_at(a=0.0).output_range == (0.0, 1.0)


def test_new_papers_are_cited():
    assert actplot.get("cloglogm").paper.doi == "10.1007/s00521-010-0407-3"
    assert actplot.get("stanh").paper.doi == "10.1109/5.726791"
    assert actplot.get("tanhlu").paper.doi == "10.1016/j.eswa.2022.117181"
    assert actplot.get("siglin").paper.doi == "10.1007/s13748-020-00218-y"
