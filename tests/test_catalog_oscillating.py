"""The oscillating and polynomial family at points whose values are known by hand or stated by the papers."""

from __future__ import annotations

import math

import mpmath as mp
import numpy as np
import pytest

import actplot
from actplot.catalog.oscillating import DSU_CLOSED_BEYOND, NCU_PEAK, RATIONAL_DIP, RATIONAL_PEAK


def at(name: str, x: float, order: int = 0, **params: float) -> float:
    return float(actplot.get(name).evaluate(np.array([x]), order, **params)[0])


def test_polynomials_at_points_known_by_hand():
    assert [at("squ", x) for x in (-1.0, -0.5, 0.0, 3.0)] == [0.0, -0.25, 0.0, 12.0]
    assert at("squ", -0.5, 1) == 0.0 and at("squ", 7.0, 2) == 2.0
    assert [at("ncu", x) for x in (-1.0, 0.0, 1.0, 2.0)] == [0.0, 0.0, 0.0, -6.0]
    assert at("ncu", 0.0, 1) == 1.0 and at("ncu", 2.0, 2) == -12.0
    assert [at("cube", 2.0, order) for order in (0, 1, 2)] == [8.0, 12.0, 12.0]
    assert [at("parabolic-cone", x) for x in (0.0, 1.0, 2.0, -1.0)] == [0.0, 1.0, 0.0, -3.0]
    assert at("parabolic-cone", 1.0, 1) == 0.0


def test_ncu_turns_at_one_over_root_three():
    top = 1.0 / math.sqrt(3.0)
    assert abs(at("ncu", top, 1)) < 1e-15 and abs(at("ncu", -top, 1)) < 1e-15
    assert at("ncu", top) == pytest.approx(NCU_PEAK, rel=1e-15)
    assert NCU_PEAK == pytest.approx(float(2 / (3 * mp.sqrt(3))), rel=1e-16)


def test_cone_apex_and_its_kink_convention():
    assert [at("cone", x) for x in (0.0, 1.0, 2.0, 3.0)] == [0.0, 1.0, 0.0, -1.0]
    assert at("cone", 1.0, 1) == 0.0  # autograd's |t|' = 0 at t = 0
    assert at("cone", np.nextafter(1.0, 0.0), 1) == 1.0 and at("cone", np.nextafter(1.0, 2.0), 1) == -1.0
    assert at("cone", -1e6) == -1000000.0 and at("cone", 1e6) == -999998.0


def test_soft_modulus_q_joins_the_modulus_with_its_slope():
    assert at("soft-modulus-q", 0.5) == 0.375  # 0.25 (2 - 0.5)
    for x in (-1.0, 1.0):
        outside = np.nextafter(x, 2.0 * x)
        assert at("soft-modulus-q", x) == 1.0 and at("soft-modulus-q", outside) == abs(outside)
        assert at("soft-modulus-q", x, 1) == x and at("soft-modulus-q", outside, 1) == x
        assert at("soft-modulus-q", x, 2) == -2.0 and at("soft-modulus-q", outside, 2) == 0.0
    assert at("soft-modulus-q", 0.0, 2) == 4.0 and at("soft-modulus-q", 1e-300, 1) == 4e-300


def test_soft_modulus_t_between_lisht_and_the_modulus():
    x = np.linspace(-6.0, 6.0, 121)
    lisht = actplot.get("lisht")
    for order in (0, 1, 2):
        np.testing.assert_allclose(actplot.get("soft-modulus-t").evaluate(x, order, alpha=1.0),
                                   lisht.evaluate(x, order), rtol=1e-15, atol=1e-15)  # f'' crosses 0
    assert at("soft-modulus-t", 1.0) == 1.0 and at("soft-modulus-t", -1.0, 1) == -1.0  # tanh(100) = 1
    assert at("soft-modulus-t", 0.0, 2, alpha=0.5) == 4.0  # 2 / alpha
    # |x| - f(x) = alpha z (1 - tanh z) peaks at 0.2784645427610738 alpha
    gap = np.abs(x) - actplot.get("soft-modulus-t").value(x, alpha=1.0)
    assert gap.max() <= 0.2784645427610738 + 1e-15
    assert 0.6392322713805369 * (1 - math.tanh(0.6392322713805369)) == pytest.approx(0.2784645427610738, rel=1e-15)


def test_soft_modulus_t_with_an_extreme_alpha():
    assert at("soft-modulus-t", 1e6, alpha=1e-100) == 1e6
    assert at("soft-modulus-t", -1e6, 1, alpha=1e-100) == -1.0
    assert at("soft-modulus-t", 1e6, 2, alpha=1e-100) == 0.0
    assert at("soft-modulus-t", 3.0, alpha=1e100) == pytest.approx(9e-100, rel=1e-15)  # x^2 / alpha


def test_ssu_peaks_at_pi_and_is_the_identity_near_zero():
    assert at("ssu", math.pi) == pytest.approx(math.pi, rel=1e-16)
    assert at("ssu", math.pi, 1) == pytest.approx(0.0, abs=1e-15)
    assert at("ssu", math.pi, 2) == pytest.approx(-math.pi / 3.0, rel=1e-15)  # pi sinc''(0)
    assert at("ssu", 0.0) == 0.0 and at("ssu", 0.0, 1) == pytest.approx(1.0, rel=1e-15)
    assert at("ssu", 2.0 * math.pi) == pytest.approx(0.0, abs=1e-15)


@pytest.mark.parametrize("where", [7.6350021114988574, -1.3518168043192709])
def test_ssu_troughs_are_where_the_slope_vanishes(where):
    assert abs(at("ssu", where, 1)) < 1e-15
    assert actplot.get("ssu").properties_at().output_range[0] == pytest.approx(at("ssu", where), rel=1e-15)


def test_dsu_is_odd_with_its_sincs_combined():
    x = np.linspace(-12.0, 12.0, 241)
    dsu = actplot.get("dsu")
    np.testing.assert_array_equal(dsu.value(-x), -dsu.value(x))
    assert at("dsu", math.pi) == pytest.approx(math.pi / 2.0, rel=1e-15)  # the removable pole
    assert at("dsu", 0.0) == 0.0 and at("dsu", 0.0, 1) == pytest.approx(1.0, rel=1e-15)
    assert dsu.properties_at().output_range[1] == pytest.approx(at("dsu", 2.6309958519438117), rel=1e-15)
    assert abs(at("dsu", 2.6309958519438117, 1)) < 1e-15


def test_dsu_is_continuous_where_the_closed_form_takes_over():
    for order in (0, 1, 2):
        inner, outer = (at("dsu", x, order) for x in (np.nextafter(DSU_CLOSED_BEYOND, 0.0), DSU_CLOSED_BEYOND))
        assert inner == pytest.approx(outer, rel=1e-14)


@pytest.mark.parametrize("x", [-1e6, -300.0, 40.0, 1e6])
def test_sinc_units_keep_their_digits_in_the_tails(x):
    with mp.workdps(40):
        t = mp.mpf(x)
        dsu = float(mp.pi**2 * mp.sin(t) / (mp.pi**2 - t * t))
        ssu = float(mp.pi * mp.sin(t - mp.pi) / (t - mp.pi))
    assert at("dsu", x) == pytest.approx(dsu, rel=1e-14)
    assert at("ssu", x) == pytest.approx(ssu, rel=1e-14)


def test_rational_approximates_relu_on_the_unit_interval():
    x = np.linspace(-1.0, 1.0, 2001)
    error = actplot.get("rational-relu").value(x) - np.maximum(x, 0.0)
    assert np.max(np.abs(error)) < 0.022  # the minimax error, attained with alternating signs
    assert at("rational-relu", 0.0) == 0.0218
    p, q = (1.1915, 1.5957, 0.5, 0.0218), 2.383
    for v in (-3.0, -0.7, 0.4, 2.0, 50.0):
        direct = (((p[0] * v + p[1]) * v + p[2]) * v + p[3]) / (q * v * v + 1.0)
        assert at("rational-relu", v) == pytest.approx(direct, rel=1e-14)


@pytest.mark.parametrize(("where", "value"), [(-0.64781812762459272, RATIONAL_PEAK),
                                              (-0.19147708749848618, RATIONAL_DIP)])
def test_rational_turns_where_the_slope_vanishes(where, value):
    assert abs(at("rational-relu", where, 1)) < 1e-15
    assert at("rational-relu", where) == pytest.approx(value, rel=1e-14)


def test_rational_grows_like_half_x_on_both_sides():
    assert at("rational-relu", 1e6) == pytest.approx(0.5e6 + 1.5957 / 2.383, rel=1e-15)
    assert at("rational-relu", -1e6) == pytest.approx(-0.5e6 + 1.5957 / 2.383, rel=1e-15)
    assert at("rational-relu", 1e300, 1) == 0.5 and at("rational-relu", -1e300, 2) == 0.0
