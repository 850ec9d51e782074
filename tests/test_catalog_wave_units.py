"""The bump and wave family at points whose values are known by hand."""

from __future__ import annotations

import math

import mpmath as mp
import numpy as np
import pytest

import actplot
from actplot.catalog.wave_units import GABOR_MINIMUM, rational_parts, real_gabor_minimum, sin_cos


def at(name: str, x: float, order: int = 0, **params: float) -> float:
    return float(actplot.get(name).evaluate(np.array([x]), order, **params)[0])


def test_laplacian_falls_by_e_every_width_and_takes_autograds_values_at_the_kink():
    assert at("laplacian", 0.0) == 1.0
    assert at("laplacian", 2.0, a=2.0) == pytest.approx(math.exp(-1.0), rel=1e-16)
    assert at("laplacian", -1.0) == pytest.approx(math.exp(-1.0), rel=1e-16)  # even
    assert at("laplacian", 0.0, 1) == 0.0 and at("laplacian", 0.0, 2) == 0.0  # sign(0) = 0
    left, right = np.nextafter(0.0, -1.0), np.nextafter(0.0, 1.0)
    assert at("laplacian", left, 1, a=0.5) == 2.0 and at("laplacian", right, 1, a=0.5) == -2.0  # +-1/a
    assert at("laplacian", right, 2, a=0.5) == 4.0  # 1/a^2
    assert actplot.get("laplacian").breakpoints() == (actplot.Breakpoint(0.0, 1),)


def test_inverse_quadratic_half_height_and_inflection():
    assert at("inverse-quadratic", 0.0) == 1.0
    assert at("inverse-quadratic", 0.5, a=2.0) == 0.5  # half its peak at x = 1/a
    assert at("inverse-quadratic", 3.0) == pytest.approx(0.1, rel=1e-16)
    assert at("inverse-quadratic", 1.0, 1) == pytest.approx(-0.5, rel=1e-16)  # -2x / (1 + x^2)^2
    assert at("inverse-quadratic", 0.0, 2, a=2.0) == -8.0  # -2 a^2
    inflection = 1.0 / math.sqrt(3.0)
    assert at("inverse-quadratic", inflection) == pytest.approx(0.75, rel=1e-15)
    assert abs(at("inverse-quadratic", inflection, 2)) < 1e-15


def test_inverse_multiquadric_half_height_and_inflection():
    assert at("inverse-multiquadric", 0.0) == 1.0
    assert at("inverse-multiquadric", 2.0, a=0.5) == pytest.approx(1.0 / math.sqrt(2.0), rel=1e-16)
    assert at("inverse-multiquadric", 0.0, 2, a=2.0) == -4.0  # -a^2
    inflection = 1.0 / math.sqrt(2.0)
    assert at("inverse-multiquadric", inflection) == pytest.approx(math.sqrt(2.0 / 3.0), rel=1e-15)
    assert abs(at("inverse-multiquadric", inflection, 2)) < 1e-15


@pytest.mark.parametrize("x", [-1e6, -300.0, 1.5, 40.0, 1e6])
def test_rational_bumps_keep_their_digits_in_the_tails(x):
    with mp.workdps(40):
        t = mp.mpf(x)
        quadratic = [1 / (1 + t * t), -2 * t / (1 + t * t) ** 2, (6 * t * t - 2) / (1 + t * t) ** 3]
        multiquadric = [(1 + t * t) ** mp.mpf(-0.5), -t * (1 + t * t) ** mp.mpf(-1.5),
                        (2 * t * t - 1) * (1 + t * t) ** mp.mpf(-2.5)]
    for order in (0, 1, 2):
        assert at("inverse-quadratic", x, order) == pytest.approx(float(quadratic[order]), rel=1e-14)
        assert at("inverse-multiquadric", x, order) == pytest.approx(float(multiquadric[order]), rel=1e-14)


def test_rational_parts_beyond_float64():
    t, zt, z2t = rational_parts(np.array([np.inf, -np.inf, 1e200, 0.0]))
    np.testing.assert_array_equal(t, [0.0, 0.0, 0.0, 1.0])
    np.testing.assert_array_equal(zt, [0.0, -0.0, 1e-200, 0.0])
    np.testing.assert_array_equal(z2t, [1.0, 1.0, 1.0, 0.0])


def test_super_gaussian_is_a_gaussian_of_width_sigma_over_root_b():
    x = np.linspace(-5.0, 5.0, 101)
    super_gaussian, gaussian = actplot.get("super-gaussian"), actplot.get("gaussian")
    for order in (0, 1, 2):  # sigma = 1/sqrt(2), b = 1 is exp(-x^2)
        np.testing.assert_allclose(super_gaussian.evaluate(x, order, sigma=1.0 / math.sqrt(2.0)),
                                   gaussian.evaluate(x, order), rtol=1e-14, atol=1e-300)
        np.testing.assert_allclose(super_gaussian.evaluate(x, order, sigma=2.0, b=4.0),
                                   super_gaussian.evaluate(x, order), rtol=1e-14, atol=1e-300)
    assert at("super-gaussian", 1.0) == pytest.approx(math.exp(-0.5), rel=1e-16)
    assert abs(at("super-gaussian", 0.5, 2, b=4.0)) < 1e-15  # inflection at sigma / sqrt(b)
    assert at("super-gaussian", 0.0, 2, sigma=0.5) == -4.0  # -b / sigma^2


def test_super_gaussian_tail_keeps_its_digits():
    with mp.workdps(40):
        expected = float(mp.exp(-mp.mpf(37) ** 2 / 2))
    assert at("super-gaussian", -37.0) == pytest.approx(expected, rel=1e-14)
    assert at("super-gaussian", 1e6) == 0.0 and at("super-gaussian", 1e6, 1) == 0.0


def test_expsin_swings_between_one_over_e_and_e():
    quarter = math.pi / 2.0
    assert at("expsin", 0.0) == 1.0 and at("expsin", 0.0, 1, a=2.0) == -2.0 and at("expsin", 0.0, 2) == 1.0
    assert at("expsin", quarter) == pytest.approx(math.exp(-1.0), rel=1e-15)
    assert at("expsin", -quarter) == pytest.approx(math.e, rel=1e-15)
    assert abs(at("expsin", quarter, 1)) < 1e-16 and abs(at("expsin", -quarter, 1)) < 1e-15
    low, high = actplot.get("expsin").properties_at().output_range
    assert (low, high) == (math.exp(-1.0), math.e)
    assert at("expsin", 0.25, a=2.0) == pytest.approx(at("expsin", 0.25 + math.pi, a=2.0), rel=1e-14)  # period pi


@pytest.mark.parametrize("name", ["laplacian", "inverse-quadratic", "inverse-multiquadric", "super-gaussian"])
def test_bumps_peak_at_zero_and_are_even(name):
    x = np.linspace(-9.0, 9.0, 181)
    entry = actplot.get(name)
    np.testing.assert_array_equal(entry.value(x), entry.value(-x))
    assert entry.value(x).max() == 1.0 == at(name, 0.0)
    assert entry.properties_at().output_range == (0.0, 1.0)


def test_snake_beta_with_equal_parameters_is_snake():
    x = np.linspace(-9.0, 9.0, 181)
    snake_beta, snake = actplot.get("snake-beta"), actplot.get("snake")
    for order in (0, 1, 2):
        for alpha in (1.0, 2.0, 0.5):
            np.testing.assert_allclose(snake_beta.evaluate(x, order, alpha=alpha, beta=alpha),
                                       snake.evaluate(x, order, alpha=alpha), rtol=1e-14, atol=1e-15)


def test_snake_beta_height_and_slope_by_hand():
    quarter = math.pi / 2.0
    assert at("snake-beta", quarter, beta=0.5) == pytest.approx(quarter + 2.0, rel=1e-16)  # x + 1 / beta
    assert at("snake-beta", 0.0) == 0.0 and at("snake-beta", 0.0, 1, alpha=2.0) == 1.0
    assert at("snake-beta", 0.0, 2, alpha=2.0, beta=0.5) == 16.0  # 2 alpha^2 / beta
    # the slope's low point 1 - alpha / beta, at sin(2 alpha x) = -1
    assert at("snake-beta", -math.pi / 8.0, 1, alpha=2.0) == pytest.approx(-1.0, rel=1e-15)
    assert at("snake-beta", -math.pi / 4.0, 1, beta=2.0) == pytest.approx(0.5, rel=1e-15)
    assert at("snake-beta", -math.pi / 4.0, 1) >= 0.0  # Snake's slope touches 0 and never crosses it


def test_snake_beta_wavers_exactly_when_alpha_exceeds_beta():
    entry = actplot.get("snake-beta")
    assert entry.properties_at(alpha=1.0, beta=1.0).monotonic == "increasing"
    assert entry.properties_at(alpha=0.5).monotonic == "increasing"
    assert entry.properties_at(alpha=1.5).monotonic == "no"
    x = np.linspace(-10.0, 10.0, 20001)
    assert entry.derivative(x, alpha=0.999).min() > 0.0
    assert entry.derivative(x, alpha=1.001).min() < 0.0


def test_finer_values_and_the_jump_of_its_curvature():
    assert at("finer", 0.0) == 0.0 and at("finer", 0.0, 1) == 30.0 and at("finer", 0.0, 2) == 0.0
    assert at("finer", 1.0, w0=1.0) == pytest.approx(math.sin(2.0), rel=1e-15)  # sin(w0 (|x| + 1) x)
    assert at("finer", -1.0, w0=1.0) == pytest.approx(-math.sin(2.0), rel=1e-15)  # odd
    assert at("finer", 1.0, 1, w0=1.0) == pytest.approx(3.0 * math.cos(2.0), rel=1e-15)  # w0 (2|x| + 1) cos
    left, right = np.nextafter(0.0, -1.0), np.nextafter(0.0, 1.0)
    assert at("finer", left, 2, w0=10.0) == -20.0 and at("finer", right, 2, w0=10.0) == 20.0  # 2 w0 sign(x)
    assert actplot.get("finer").breakpoints() == (actplot.Breakpoint(0.0, 2),)


def test_finer_keeps_its_digits_near_a_zero_of_the_wave():
    x = 4.103688849600063  # 30 (x + 1) x is 200 pi to 1e-15
    with mp.workdps(40):
        t = mp.mpf(x)
        expected = float(mp.sin(30 * (t + 1) * t))  # -4.98e-14
    assert at("finer", x) == pytest.approx(expected, rel=1e-12)
    assert abs(math.sin(30.0 * (x + 1.0) * x) - expected) > 1e-14  # the phase rounded first loses it


def test_sin_cos_carries_the_rounding_of_the_phase():
    x = np.array([8.0 + 1.0 / 3.0, -7.7, 0.1])
    s, c = sin_cos(30.0, x)
    with mp.workdps(40):
        for value, sine, cosine in zip(x, s, c, strict=True):
            u = 30 * mp.mpf(float(value))
            assert sine == pytest.approx(float(mp.sin(u)), rel=1e-15, abs=1e-17)
            assert cosine == pytest.approx(float(mp.cos(u)), rel=1e-15, abs=1e-17)


def test_real_gabor_peak_curvature_and_trough():
    assert at("real-gabor", 0.0) == 1.0 and at("real-gabor", 0.0, 1) == 0.0
    assert at("real-gabor", 0.0, 2) == -300.0  # -(omega0^2 + 2 s0^2)
    assert at("real-gabor", 0.1, s0=10.0, omega0=5.0 * math.pi) == pytest.approx(0.0, abs=1e-17)  # cos(pi/2)
    trough = 0.18365972031521257
    assert abs(at("real-gabor", trough, 1)) < 1e-14
    assert at("real-gabor", trough) == pytest.approx(GABOR_MINIMUM, rel=1e-15)
    assert at("real-gabor", -trough) == at("real-gabor", trough)  # even
    low, high = actplot.get("real-gabor").properties_at().output_range
    assert low == pytest.approx(GABOR_MINIMUM, rel=1e-14) and high == 1.0


@pytest.mark.parametrize(("k", "expected"), [(1.0, -0.0090056781485738574), (2.0, -0.17757179774279829),
                                             (3.0, -0.40438887804838927)])
def test_real_gabor_minimum_depends_on_the_ratio_alone(k, expected):
    # mpmath at 30 digits: theta in (pi/2, pi) solving sin(theta) + 2 theta cos(theta) / k^2 = 0
    assert real_gabor_minimum(k, 1.0) == pytest.approx(expected, rel=1e-14)
    assert real_gabor_minimum(10.0 * k, 10.0) == pytest.approx(expected, rel=1e-14)
    assert real_gabor_minimum(1e-100, 1e100) == 0.0  # beyond the smallest float
    assert real_gabor_minimum(1e100, 1e-100) == -1.0  # the trough at theta = pi, where the envelope is 1


def test_real_gabor_tail_keeps_its_digits():
    with mp.workdps(40):
        t = mp.mpf(2.5)
        expected = [mp.cos(10 * t) * mp.exp(-100 * t * t),
                    -(10 * mp.sin(10 * t) + 200 * t * mp.cos(10 * t)) * mp.exp(-100 * t * t)]
    assert at("real-gabor", 2.5) == pytest.approx(float(expected[0]), rel=1e-13)  # 3.6e-272
    assert at("real-gabor", 2.5, 1) == pytest.approx(float(expected[1]), rel=1e-13)
    assert at("real-gabor", 1e6) == 0.0 and at("real-gabor", -1e6, 2) == 0.0
