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


def test_erf_gates_start_where_the_paper_does():
    """ErfAct from alpha = beta = 0.75 and Pserf from gamma = 1.25, delta = 0.85; f'(0) = erf of the gate's
    argument at 0, alpha for ErfAct and gamma ln 2 for Pserf."""
    assert actplot.get("erfact").params == {"alpha": 0.75, "beta": 0.75}
    assert actplot.get("pserf").params == {"gamma": 1.25, "delta": 0.85}
    assert at("erfact", 0.0, 1) == pytest.approx(math.erf(0.75), rel=1e-15)
    assert at("pserf", 0.0, 1) == pytest.approx(math.erf(1.25 * math.log(2.0)), rel=1e-15)
    assert at("erfact", 1.0) == pytest.approx(math.erf(0.75 * math.exp(0.75)), rel=1e-15)


def test_smu_keeps_mu_1_because_the_papers_mu_is_a_corner():
    """At the paper's starting mu = 1e6, SMU is Leaky ReLU (0.25) to 1e-15 beyond |x| = 1e-5, and its
    curvature at 0, (1 - alpha)^2 mu 2 / sqrt(pi), is a spike of 6.3e5; actplot's mu = 1 shows the erf."""
    entry = actplot.get("smu")
    assert entry.params == {"alpha": 0.25, "mu": 1.0}
    assert "mu = 1e6" in entry.note and "iFe1er/SMU_pytorch" in entry.note
    assert at("smu", 1e-5, mu=1e6) == pytest.approx(1e-5, rel=1e-15)
    assert at("smu", -1e-5, mu=1e6) == pytest.approx(-0.25e-5, rel=1e-15)
    assert at("smu", 0.0, 2, mu=1e6) == pytest.approx(0.75**2 * 1e6 * 2 / math.sqrt(math.pi), rel=1e-14)
    assert at("smu", 0.0, 2) == pytest.approx(0.75**2 * 2 / math.sqrt(math.pi), rel=1e-14)


def test_smu_overshoots_exactly_below_its_threshold():
    """f' of SMU dips below 0 for alpha < (c - 1) / (c + 1) = 0.1142, c = erf(1) + 2 / (sqrt(pi) e), whatever
    mu (not below 0.2, as the catalog once said), and for alpha above the reciprocal."""
    import mpmath as mp

    from actplot.catalog.learned_gates import SMU_MONOTONE, SMU_OVERSHOOT

    with mp.workdps(30):
        c = mp.erf(1) + 2 / (mp.sqrt(mp.pi) * mp.e)
        assert SMU_OVERSHOOT == float(c)
        assert SMU_MONOTONE == (float((c - 1) / (c + 1)), float((c + 1) / (c - 1)))
    entry = actplot.get("smu")
    assert "0.2 " not in entry.note and "alpha = (c - 1) / (c + 1) = 0.11418520" in entry.note
    threshold, upper = SMU_MONOTONE
    for mu in (1.0, 4.0):  # the default, and the example
        for alpha, dips in ((threshold * (1 - 1e-9), True), (threshold * (1 + 1e-9), False),
                            (0.15, False), (upper * (1 - 1e-9), False), (upper * (1 + 1e-9), True)):
            k = abs(mu * (1.0 - alpha))
            x = np.concatenate([np.linspace(-1.0 / k - 0.01, -1.0 / k + 0.01, 20001), np.linspace(-20, 20, 40001)])
            assert (entry.derivative(x, alpha=alpha, mu=mu).min() < 0) == dips, (mu, alpha)
            assert entry.properties_at(alpha=alpha, mu=mu).monotonic == ("no" if dips else "increasing"), (mu, alpha)
    # the dip's depth: ((1 + c) alpha - (c - 1)) / 2 at x = -1/k
    alpha = 0.05
    assert at("smu", -1.0 / 0.95, 1, alpha=alpha) == pytest.approx(
        ((1 + SMU_OVERSHOOT) * alpha - (SMU_OVERSHOOT - 1)) / 2, rel=1e-14)


SINLU_CASES = [{}, {"b": 30.0}, {"a": 0.02, "b": 30.0}, {"a": 1000.0, "b": 1000.0}, {"a": -1000.0, "b": 0.002},
               {"a": 3.0, "b": -7.0}, {"a": 1000.0, "b": 0.001}, {"a": 0.5, "b": 3.0}]


@pytest.mark.parametrize("params", SINLU_CASES, ids=str)
def test_sinlu_minimum_misses_no_ripple(params):
    """The minimum against the curve sampled 64 times a period (and at least every 0.01) up to where
    x + a sin(b x) can no longer dip below it, refined by a local minimiser; the maximum is +inf."""
    from scipy.optimize import minimize_scalar

    entry = actplot.get("sinlu")
    a, b = entry.resolve(**params)["a"], entry.resolve(**params)["b"]
    low, high = entry.properties_at(**params).output_range
    assert high == math.inf
    period = 2 * math.pi / abs(b)
    end = 60.0 + abs(a) + 2 * period
    x = np.linspace(-60.0, end, int((end + 60.0) / min(period / 64, 0.01)))
    y = entry.value(x, **params)
    i = int(np.argmin(y))
    best = minimize_scalar(lambda t: float(entry.value(t, **params)), bracket=(x[i - 1], x[i], x[i + 1]))
    sampled = min(float(y[i]), float(best.fun), 0.0)
    assert sampled >= low - 1e-12 * (1 + abs(low))  # the range holds
    assert low >= sampled - 1e-11 * (1 + abs(low))  # and is tight: no ripple was missed


