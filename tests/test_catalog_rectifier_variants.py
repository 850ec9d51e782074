"""The rectifier variants from the literature at points known by hand: knots, minima, jumps and tails."""

from __future__ import annotations

import math

import numpy as np
import pytest

import actplot
from actplot.core.schema import Breakpoint


def at(name: str, x: float, order: int = 0, **params: float) -> float:
    return float(actplot.get(name).evaluate(np.array([x]), order, **params)[0])


def sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def test_dprelu_and_dual_line_are_two_lines():
    assert at("dprelu", -2.0) == -0.02 and at("dprelu", 3.0, beta=1.5) == 4.5
    assert at("dprelu", 0.0, 1) == 0.01  # the x <= 0 branch owns the kink
    assert actplot.get("dprelu").breakpoints(alpha=1.0, beta=1.0) == ()
    assert at("dual-line", 0.0) == -0.22 and at("dual-line", 2.0) == 2.0 - 0.22
    x = np.linspace(-5, 5, 101)
    np.testing.assert_array_equal(actplot.get("dual-line").value(x, m=0.0), actplot.get("dprelu").value(x))
    # a leaky ReLU whose right slope is the left one's: a line, unbounded both ways
    assert actplot.get("dprelu").properties_at(alpha=-0.5).monotonic == "no"
    assert actplot.get("dprelu").properties_at(alpha=-0.5).output_range == (0.0, math.inf)


def test_bi_firing_is_a_smoothed_absolute_value():
    assert at("bi-firing", 1.0) == 0.5 and at("bi-firing", -1.0) == 0.5  # a/2 at +-a from both formulas
    assert at("bi-firing", 3.0) == 2.5 and at("bi-firing", -3.0) == 2.5
    assert at("bi-firing", 0.5, a=2.0) == 0.0625 and at("bi-firing", 0.0, 1) == 0.0
    assert at("bi-firing", 1.0, 2) == 1.0 and at("bi-firing", 1.5, 2) == 0.0
    assert actplot.get("bi-firing").breakpoints(a=0.5) == (Breakpoint(-0.5, 2), Breakpoint(0.5, 2))
    # x^2 = 1e-310 would be subnormal and lose digits; (x/a) x / 2 keeps them
    assert at("bi-firing", 1e-155, a=1e-6) == pytest.approx(5e-305, rel=1e-15)


def test_sqlu_pieces_meet_with_their_slopes():
    assert at("sqlu", -1.0) == -0.75 and at("sqlu", -2.0) == -1.0 and at("sqlu", -7.0) == -1.0
    assert at("sqlu", -2.0, 1) == 0.0 and at("sqlu", 0.0, 1) == 1.0 and at("sqlu", -1.0, 1) == 0.5
    assert at("sqlu", 0.0, 2) == 0.5 and at("sqlu", 1e-9, 2) == 0.0 and at("sqlu", -2.5, 2) == 0.0


@pytest.mark.parametrize(("name", "params", "where"), [
    ("reu", {}, -1.0), ("preu", {"beta": 2.0}, -0.5), ("preu", {"alpha": 2.0, "beta": 0.5}, -2.0),
])
def test_each_minimum_is_where_the_slope_vanishes(name, params, where):
    assert abs(at(name, where, 1, **params)) < 1e-15
    low = actplot.get(name).properties_at(**params).output_range[0]
    assert low == pytest.approx(at(name, where, **params), rel=1e-15)


def test_reu_values_known_by_hand():
    assert at("reu", -1.0) == pytest.approx(-1.0 / math.e, rel=1e-15)
    assert at("reu", -2.0, 2) == 0.0  # (2 + x) e^x: the inflection at -2
    assert at("reu", 0.0, 1) == 1.0 and at("reu", 0.0, 2) == 2.0
    np.testing.assert_array_equal(actplot.get("reu").value(np.linspace(-6, 6, 61)),
                                  actplot.get("preu").value(np.linspace(-6, 6, 61)))
    assert actplot.get("preu").breakpoints(alpha=0.5) == (Breakpoint(0.0, 1),)


def test_rsigelu_jumps_at_one_by_alpha_sigmoid_one():
    entry = actplot.get("rsigelu")
    above = float(np.nextafter(1.0, 2.0))
    assert at("rsigelu", 1.0) == 1.0 and at("rsigelu", 1.0, 1) == 1.0
    assert at("rsigelu", above) - 1.0 == pytest.approx(0.5 * sigmoid(1.0), rel=1e-12)
    assert at("rsigelu", 2.0) == pytest.approx(2.0 + 0.5 * 2.0 * sigmoid(2.0), rel=1e-15)
    assert at("rsigelu", -1.0) == pytest.approx(0.5 * math.expm1(-1.0), rel=1e-15)
    assert entry.breakpoints() == (Breakpoint(0.0, 1), Breakpoint(1.0, 0))
    # without the sigmoid term nothing jumps, and beta = 1 is ELU below 0: C1 at 0
    assert entry.breakpoints(alpha=0.0, beta=1.0) == (Breakpoint(0.0, 2),)
    assert entry.properties_at(alpha=0.0, beta=1.0).smoothness == 1


def test_reltanh_continues_tanh_along_its_tangents():
    slope = 1.0 - math.tanh(1.5) ** 2
    upper = 1.0 - math.tanh(0.5) ** 2
    assert at("reltanh", 2.0, lambda_pos=0.5) == pytest.approx(math.tanh(0.5) + 1.5 * upper, rel=1e-15)
    assert at("reltanh", -3.5) == pytest.approx(-math.tanh(1.5) - 2.0 * slope, rel=1e-15)
    assert at("reltanh", -1.0) == math.tanh(-1.0)
    assert at("reltanh", -1.5, 1) == pytest.approx(slope, rel=1e-14) and at("reltanh", -1.5, 2) == 0.0
    # with lambda+ = 0 (the paper's start) the upper half is the identity and only f''' jumps at 0
    assert at("reltanh", 7.0) == 7.0
    assert actplot.get("reltanh").breakpoints() == (Breakpoint(-1.5, 2), Breakpoint(0.0, 3))
    assert actplot.get("reltanh").breakpoints(lambda_pos=0.5) == (Breakpoint(-1.5, 2), Breakpoint(0.5, 2))
    with pytest.raises(actplot.ParameterError, match="lambda_pos"):
        actplot.get("reltanh").resolve(lambda_pos=1.5)


def test_signrelu_saturates_at_minus_alpha():
    assert at("signrelu", -1.0) == -0.5 and at("signrelu", -3.0, alpha=2.0) == -1.5
    assert at("signrelu", 0.0, 1) == 1.0 and at("signrelu", 0.0, 2) == 2.0
    assert at("signrelu", -1.0, 1) == 0.25 and at("signrelu", -1.0, 2) == 0.25
    assert actplot.get("signrelu").breakpoints(alpha=0.5) == (Breakpoint(0.0, 1),)


def test_tails_keep_their_digits():
    assert at("reu", -40.0) == pytest.approx(-40.0 * math.exp(-40.0), rel=1e-15)
    assert at("reu", -40.0, 1) == pytest.approx(-39.0 * math.exp(-40.0), rel=1e-15)
    assert at("preu", -300.0, beta=2.0) == pytest.approx(-300.0 * math.exp(-600.0), rel=1e-14)
    assert at("signrelu", -1e6) == pytest.approx(-1e6 / (1e6 + 1.0), rel=1e-15)
    assert at("signrelu", -1e6, 1) == pytest.approx(1.0 / (1e6 + 1.0) ** 2, rel=1e-15)
    assert at("rsigelu", -1e-10) == pytest.approx(0.5 * math.expm1(-1e-10), rel=1e-15)  # expm1, not exp - 1
    assert at("rsigelu", 50.0, 2) == pytest.approx(0.5 * (2.0 - 50.0) * math.exp(-50.0), rel=1e-12)
    assert at("reltanh", -1e6) == pytest.approx(-math.tanh(1.5) - (1e6 - 1.5) * (1.0 - math.tanh(1.5) ** 2),
                                                rel=1e-14)


def test_papers_are_recorded():
    papers = {name: actplot.get(name).paper for name in
              ("dprelu", "bi-firing", "sqlu", "reu", "rsigelu", "reltanh", "signrelu")}
    assert all(paper is not None for paper in papers.values())
    assert papers["dprelu"].arxiv == "1912.10752" and papers["signrelu"].arxiv == "2210.10264"
    assert papers["reu"].doi == "10.1109/ACCESS.2019.2928442" and papers["reu"].year == 2019
    assert papers["sqlu"].short == "Wuraola et al. (2021), doi:10.1016/j.neucom.2021.02.030"
    assert papers["rsigelu"].short == "Kiliçarslan and Celik (2021), doi:10.1016/j.eswa.2021.114805"
    assert papers["reltanh"].bibtex("k").startswith("@article{k,")
    assert actplot.get("preu").paper is papers["reu"] and actplot.get("dual-line").paper is papers["dprelu"]
