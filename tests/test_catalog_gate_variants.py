"""The gate_variants family at points whose values are known by hand or stated by the papers."""

from __future__ import annotations

import math

import numpy as np
import pytest

import actplot


def at(name: str, x: float, order: int = 0, **params: float) -> float:
    return float(actplot.get(name).evaluate(np.array([x]), order, **params)[0])


def sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def test_values_known_by_hand():
    assert at("pflu", 0.0, 1) == 0.5  # the paper: f'(0) = 1/2
    assert at("pflu", 1.0) == pytest.approx((1.0 + 1.0 / math.sqrt(2.0)) / 2.0, rel=1e-15)
    assert at("fpflu", -1.0) == -0.5 and at("fpflu", 2.0) == 2.0
    assert at("fpflu", -2.0, 1) == pytest.approx(-3.0 / 25.0, rel=1e-15)  # (1 - x^2) / (1 + x^2)^2
    assert at("gish", 0.0, 1) == pytest.approx(math.log(2.0 - math.exp(-1.0)), rel=1e-15)  # the gate at 0
    assert at("gish", 1.0) == pytest.approx(math.log(2.0 - math.exp(-math.e)), rel=1e-15)
    assert at("resech", 1.0) == pytest.approx(1.0 / math.cosh(1.0), rel=1e-15)
    assert at("erfrelu", -1.0, alpha=0.5) == pytest.approx(0.5 * math.erf(-1.0), rel=1e-15)
    assert at("swish-t", 1.0) == pytest.approx(sigmoid(1.0) + 0.1 * math.tanh(1.0), rel=1e-15)
    assert at("swish-t-b", 1.0, beta=2.0) == pytest.approx(sigmoid(2.0) * 1.2 - 0.1, rel=1e-15)
    assert at("swish-t-c", 1.0, beta=2.0) == pytest.approx(sigmoid(2.0) * 1.1 - 0.05, rel=1e-15)


def test_aptx_at_the_papers_defaults_is_swish_with_beta_two():
    x = np.linspace(-30.0, 30.0, 601)
    for order in (0, 1, 2):
        np.testing.assert_allclose(actplot.get("aptx").evaluate(x, order),
                                   actplot.get("swish-beta").evaluate(x, order, beta=2.0), rtol=1e-13, atol=1e-16)


def test_swish_t_c_is_swish_t_b_with_alpha_over_beta():
    x = np.linspace(-10.0, 10.0, 201)
    for order in (0, 1, 2):
        np.testing.assert_allclose(actplot.get("swish-t-c").evaluate(x, order, beta=4.0, alpha=0.2),
                                   actplot.get("swish-t-b").evaluate(x, order, beta=4.0, alpha=0.05), rtol=1e-15)


@pytest.mark.parametrize(("name", "where"), [
    ("pflu", -0.78615137775742329), ("fpflu", -1.0), ("gish", -1.282051049260126),
    ("aptx", -0.6392322713805369),
])
def test_each_minimum_is_where_the_slope_vanishes(name, where):
    assert abs(at(name, where, 1)) < 1e-15
    assert actplot.get(name).properties_at().output_range[0] == pytest.approx(at(name, where), rel=1e-15)


def test_pflu_minimum_is_the_papers_closed_form():
    root5 = math.sqrt(5.0)
    assert (1.0 - root5) / math.sqrt(2.0 * (root5 - 1.0)) == pytest.approx(-0.78615137775742329, rel=1e-15)


def test_resech_extrema_are_where_x_tanh_x_is_one():
    where = 1.1996786402577338
    assert where * math.tanh(where) == pytest.approx(1.0, rel=1e-15)
    assert abs(at("resech", where, 1)) < 1e-15 and abs(at("resech", -where, 1)) < 1e-15
    low, high = actplot.get("resech").properties_at().output_range
    assert high == -low == pytest.approx(at("resech", where), rel=1e-15)


def test_fpflu_is_c2_at_zero_and_only_its_third_derivative_jumps():
    assert at("fpflu", 0.0, 1) == 1.0 and at("fpflu", -1e-8, 1) == pytest.approx(1.0, abs=1e-15)
    # f''' = -6 on the left, so f'' is about 6e-6 at -1e-6
    assert at("fpflu", 0.0, 2) == 0.0 and at("fpflu", -1e-6, 2) == pytest.approx(6e-6, rel=1e-6)


def test_erfrelu_kink_and_its_smooth_special_case():
    assert at("erfrelu", 0.0, 1) == 1.0 and at("erfrelu", -1e-12, 1) == pytest.approx(2.0 / math.sqrt(math.pi))
    smooth = math.sqrt(math.pi) / 2.0
    assert [p.order for p in actplot.get("erfrelu").breakpoints(alpha=smooth)] == [3]
    assert actplot.get("erfrelu").properties_at(alpha=-0.5).output_range == (0.0, math.inf)


def test_tails_keep_their_digits():
    # below 0, PFLU is x / (2 r (r - x)) with r = sqrt(1 + x^2): -1/(4|x|) to leading order
    assert at("pflu", -1e6) == pytest.approx(-0.25e-6, rel=1e-11)
    assert at("fpflu", -1e6) == pytest.approx(-1e-6, rel=1e-11)
    assert at("gish", -40.0) == pytest.approx(-40.0 * math.exp(-40.0), rel=1e-14)  # ln(1 + w) = w = e^x there
    assert at("gish", 50.0) == pytest.approx(50.0 * math.log(2.0), rel=1e-15)
    assert at("aptx", -300.0) == pytest.approx(-300.0 * sigmoid(-600.0), rel=1e-13)  # 1 + tanh(x) = 2 sigmoid(2x)
    assert at("resech", -700.0) == pytest.approx(-700.0 * 2.0 * math.exp(-700.0), rel=1e-13)


# --- Pishchik's CosLU, DELU and ShiLU --------------------------------------------------------------

def test_pishchik_units_at_values_known_by_hand():
    assert at("coslu", 0.0) == 0.5  # a / 2: the cosine is 1 there
    assert at("coslu", 0.0, 1) == 0.75  # (1 - a b sin 0) / 2 + a / 4
    assert at("coslu", 1.0) == pytest.approx((1.0 + math.cos(1.0)) * sigmoid(1.0), rel=1e-15)
    assert at("coslu", 2.0, a=0.5, b=3.0) == pytest.approx((2.0 + 0.5 * math.cos(6.0)) * sigmoid(2.0), rel=1e-15)
    assert at("delu", 1.0) == pytest.approx(0.5 + 1.0 - math.exp(-1.0), rel=1e-15)
    assert at("delu", -1.0) == pytest.approx(-sigmoid(-1.0), rel=1e-15)
    assert at("delu", 2.0, 1, n=1.0) == pytest.approx(1.5 + math.exp(-2.0), rel=1e-15)
    assert at("shilu", -2.0) == 1.0 and at("shilu", 2.0) == 3.0
    assert at("shilu", 2.0, alpha=-1.0, beta=0.0) == -2.0


def test_coslu_without_its_ripple_is_silu():
    x = np.linspace(-40.0, 40.0, 801)
    for order in (0, 1, 2):
        np.testing.assert_allclose(actplot.get("coslu").evaluate(x, order, a=0.0),
                                   actplot.get("silu").evaluate(x, order), rtol=1e-14, atol=1e-300)


@pytest.mark.parametrize(("params", "where"), [
    ({}, -1.905408277921408), ({"a": 0.5}, -1.702532598629822), ({"b": 3.0}, -0.99696079035036506),
])
def test_coslu_minimum_is_where_the_slope_vanishes(params, where):
    # the roots of f' found with mpmath at 30 digits
    assert abs(at("coslu", where, 1, **params)) < 1e-15
    low = actplot.get("coslu").properties_at(**params).output_range[0]
    assert low == pytest.approx(at("coslu", where, **params), rel=1e-15)


def test_coslu_minimum_over_a_fast_ripple_is_found_beyond_the_grid():
    # with a b > 1 the ripple makes x + a cos(b x) dip beyond x = 40 too; there the minimum is a closed form
    from actplot.catalog.gate_variants import cosine_ripple_tail_minimum

    x = np.linspace(40.0, 60.0, 2_000_001)
    assert cosine_ripple_tail_minimum(30.0, 2.0, 40.0) == pytest.approx(float(np.min(x + 30.0 * np.cos(2.0 * x))),
                                                                          abs=1e-9)
    assert cosine_ripple_tail_minimum(0.5, 1.0, 40.0) == 40.0 + 0.5 * math.cos(40.0)  # |a b| <= 1: g rises


def test_delu_kink_and_its_c1_special_case():
    assert at("delu", 0.0, 1) == 0.5 and at("delu", 1e-12, 1) == pytest.approx(1.5)
    assert at("delu", 0.0, 2) == 0.5 and at("delu", 1e-12, 2) == pytest.approx(-1.0)
    assert [p.order for p in actplot.get("delu").breakpoints(n=-1.0)] == [2]
    assert at("delu", 1e-12, 1, n=-1.0) == pytest.approx(0.5, abs=1e-12)


def test_delu_maximum_for_a_falling_right_half():
    # n = -1: the right half peaks where e^(-x) = 1/2, at ln 2, with 1/2 - ln(2) / 2
    where = math.log(2.0)
    assert abs(at("delu", where, 1, n=-1.0)) < 1e-16
    high = actplot.get("delu").properties_at(n=-1.0).output_range[1]
    assert high == pytest.approx(0.5 - 0.5 * math.log(2.0), rel=1e-15) == pytest.approx(at("delu", where, n=-1.0))
    assert actplot.get("delu").properties_at(n=-0.5).output_range == (-0.2784645427610738, 1.0)
    assert actplot.get("delu").properties_at(n=-2.0).output_range == (-math.inf, 0.0)


def test_delu_peak_keeps_its_digits_near_n_minus_three_halves():
    from actplot.catalog.gate_variants import delu_peak

    # d + (1 - d) log(1 - d) = d^2 / 2 + d^3 / 6 + ...: the series and the closed form agree where they meet
    assert delu_peak(1e-6) == pytest.approx(0.5e-12 + 1e-18 / 6.0, rel=1e-15)
    below, above = delu_peak(np.nextafter(0.1, 0.0)), delu_peak(0.1)
    assert below == pytest.approx(above, rel=1e-14)


def test_shilu_properties_follow_the_sign_of_alpha():
    shilu = actplot.get("shilu")
    assert shilu.properties_at(alpha=-1.0).output_range == (-math.inf, 1.0)
    assert shilu.properties_at(alpha=-1.0).monotonic == "decreasing"
    assert shilu.properties_at(alpha=0.0).output_range == (1.0, 1.0) and shilu.breakpoints(alpha=0.0) == ()
    assert at("shilu", 0.0, 1) == 0.0  # relu'(0) = 0


def test_pishchik_tails_keep_their_digits():
    assert at("coslu", -700.0) == pytest.approx((-700.0 + math.cos(700.0)) * math.exp(-700.0), rel=1e-13)
    assert at("coslu", 1e6) == pytest.approx(1e6 + math.cos(1e6), rel=1e-15)
    assert at("delu", 1e-10) == pytest.approx(1.5e-10 - 0.5e-20, rel=1e-15)  # 1 - e^(-x) by expm1
    assert at("delu", -700.0) == pytest.approx(-700.0 * math.exp(-700.0), rel=1e-13)
