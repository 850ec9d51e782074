"""Accuracy beyond the frameworks: value and both derivatives to a few ulps, against mpmath.

The references are the definitions restated in mpmath, with the derivatives in closed form and
written without cancellation (1 - sigmoid(z) as sigmoid(-z), 1 - tanh^2 as sech^2), at 60
digits. The constants are the exact ones: sqrt(2/pi) and the decimal 0.044715 (at x = -20 the
tanh GELU's value depends on them at the 1e-14 level). The error is counted in ulps of the
true value, where that value is a normal float64 (not zero, not subnormal).

Where a derivative crosses zero inside the line (GELU's minimum at x = -0.75, its inflections,
SiLU's and Mish's), no float64 formula keeps relative accuracy arbitrarily close to the zero
(the value is a difference of terms of size ~1 that cancel); there the error is checked
absolutely, against an ulp of 1, inside :data:`ROOT_WINDOW` of each zero.
"""

from __future__ import annotations

from collections.abc import Callable

import mpmath as mp
import numpy as np
import pytest

import actplot

#: The largest error allowed, in ulps of the true value (of 1 next to a zero, see above).
ULPS = 8.0
#: Distance from an interior zero of a derivative inside which its error is measured in ulps of 1.
ROOT_WINDOW = 0.6
TINY = 2.2250738585072014e-308
DIGITS = 60

K = None  # set in _constants: sqrt(2/pi) at DIGITS digits
C = None


def _sig(z):
    return 1 / (1 + mp.exp(-z))


def _gelu_tanh(x):
    k, c = mp.sqrt(2 / mp.pi), mp.mpf("0.044715")
    u = k * (x + c * x**3)
    w, w1, w2 = 2 * u, 2 * k * (1 + 3 * c * x**2), 12 * k * c * x
    s = _sig(w)
    s1 = s * _sig(-w)
    s2 = -s1 * mp.tanh(u)
    return [x * s, s + x * w1 * s1, 2 * w1 * s1 + x * w2 * s1 + x * w1**2 * s2]


def _gelu(x):
    cdf, pdf = mp.ncdf(x), mp.npdf(x)
    return [x * cdf, cdf + x * pdf, pdf * (2 - x * x)]


def _silu(x):
    s = _sig(x)
    s1 = s * _sig(-x)
    return [x * s, s + x * s1, 2 * s1 - x * s1 * mp.tanh(x / 2)]


def _swish2(x):  # swish-beta with beta = 2
    z = 2 * x
    s = _sig(z)
    s1 = s * _sig(-z)
    return [x * s, s + z * s1, 2 * (2 * s1 - z * s1 * mp.tanh(z / 2))]


def _sigmoid(x):
    s = _sig(x)
    s1 = s * _sig(-x)
    return [s, s1, -s1 * mp.tanh(x / 2)]


def _log_sigmoid(x):
    return [-mp.log1p(mp.exp(-x)), _sig(-x), -_sig(x) * _sig(-x)]


def _tanh(x):
    t, sech2 = mp.tanh(x), mp.sech(x) ** 2
    return [t, sech2, -2 * t * sech2]


def _tanhshrink(x):
    t = mp.tanh(x)
    value = x**3 / 3 - 2 * x**5 / 15 + 17 * x**7 / 315 if abs(x) < 1e-10 else x - t  # 60 digits cancel
    return [value, t * t, 2 * t * mp.sech(x) ** 2]


def _mish(x):
    softplus = mp.log1p(mp.exp(x))
    t, s = mp.tanh(softplus), _sig(x)
    slope = mp.sech(softplus) ** 2 * s
    return [x * t, t + x * slope, slope * (2 + x * (_sig(-x) - 2 * t * s))]


#: (name, params) -> (reference, {order: interior zeros of that derivative}).
CASES: dict[tuple[str, tuple[tuple[str, object], ...]], tuple[Callable, dict[int, tuple[float, ...]]]] = {
    ("gelu", (("approximate", "tanh"),)): (_gelu_tanh, {1: (-0.7522,), 2: (-1.4, 1.4)}),
    ("gelu", ()): (_gelu, {1: (-0.7518,), 2: (-1.4142, 1.4142)}),
    ("silu", ()): (_silu, {1: (-1.2785,), 2: (-2.3994, 2.3994)}),
    ("swish-beta", (("beta", 2.0),)): (_swish2, {1: (-0.6392,), 2: (-1.1997, 1.1997)}),
    ("mish", ()): (_mish, {1: (-1.1924,), 2: (-2.0, 1.4)}),
    ("sigmoid", ()): (_sigmoid, {}),
    ("log-sigmoid", ()): (_log_sigmoid, {}),
    ("tanh", ()): (_tanh, {}),
    ("tanhshrink", ()): (_tanhshrink, {}),
}


def _wide() -> np.ndarray:
    magnitudes = np.geomspace(1e-8, 1e6, 700)
    return np.concatenate([-magnitudes, magnitudes, np.linspace(-8.0, 8.0, 801)])


#: The hard regions, by name: GELU tanh's tail, tanhshrink's cancellation, sigmoid'' near 0.
GRIDS = {
    "wide": _wide(),
    "gelu-tail": np.linspace(-40.0, -5.0, 701),
    "gelu-normal-tail": np.linspace(-38.5, -20.0, 371),
    "small": np.concatenate([-np.geomspace(1e-8, 1e-2, 400), np.geomspace(1e-8, 1e-2, 400)]),
    "near-zero": np.concatenate([-np.geomspace(1e-300, 1e-8, 100), np.geomspace(1e-300, 1e-8, 100)]),
    "far": np.concatenate([-np.geomspace(10.0, 1e6, 300), np.geomspace(10.0, 1e6, 300)]),
}
RUNS = [
    (case, grid) for case in CASES for grid in ("wide", "small", "near-zero", "far")
] + [(("gelu", (("approximate", "tanh"),)), "gelu-tail"), (("gelu", ()), "gelu-normal-tail")]


def errors(case, grid: str) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per order: the points and the error of each in ulps (0 where the truth is not normal)."""
    (name, params), (reference, zeros) = case, CASES[case]
    entry = actplot.get(name)
    x = GRIDS[grid]
    with mp.workdps(DIGITS):
        truths = [reference(mp.mpf(float(v))) for v in x]
    found = []
    for order in range(3):
        got = entry.evaluate(x, order, **dict(params))
        ulps = np.zeros_like(x)
        for index, (value, truth) in enumerate(zip(got, truths, strict=True)):
            true = float(truth[order])
            if abs(true) < TINY:  # zero or subnormal: a tiny absolute error is all one asks
                assert abs(value) < 1e-300 or abs(value - true) <= 1e-300, (name, order, x[index], value)
                continue
            near_zero = any(abs(x[index] - z) < ROOT_WINDOW for z in zeros.get(order, ()))
            scale = max(abs(true), 1.0) if near_zero else abs(true)
            with mp.workdps(DIGITS):
                ulps[index] = float(abs(mp.mpf(float(value)) - truth[order]) / mp.mpf(float(np.spacing(scale))))
        found.append((x, ulps))
    return found


@pytest.mark.parametrize(("case", "grid"), RUNS, ids=lambda v: v if isinstance(v, str) else
                         v[0] + "".join(f"-{k}={p}" for k, p in v[1]))
def test_value_and_derivatives_to_a_few_ulps(case, grid):
    for order, (x, ulps) in enumerate(errors(case, grid)):
        worst = int(np.argmax(ulps))
        assert ulps[worst] <= ULPS, f"{case[0]} order {order}: {ulps[worst]:.3g} ulps at x = {x[worst]!r}"


@pytest.mark.parametrize("x", [-40.0, -30.0, -21.0, -20.0, -15.0, -10.0, -8.0, -7.0, -5.0])
def test_gelu_tanh_tail_is_not_zero_and_is_exact(x):
    """0.5 x (1 + tanh u) is 7e-3 off at x = -7 and 0 below -8; x sigmoid(2u) with 2u exact is not."""
    with mp.workdps(DIGITS):
        true = [float(v) for v in _gelu_tanh(mp.mpf(x))]
    got = [float(actplot.get("gelu").evaluate(np.array(x), order, approximate="tanh")) for order in range(3)]
    for order in range(3):
        if abs(true[order]) < TINY:
            assert abs(got[order]) <= 1e-300
        else:
            assert got[order] != 0.0
            assert abs(got[order] - true[order]) <= ULPS * np.spacing(abs(true[order]))


def test_tanhshrink_tiny_inputs_are_cubes():
    x = np.array([1e-8, -3e-6, 5e-4, 1e-100])
    np.testing.assert_allclose(actplot.get("tanhshrink").value(x), x**3 / 3 - 2 * x**5 / 15 + 17 * x**7 / 315,
                               rtol=1e-15)


def test_sigmoid_curvature_near_zero_is_minus_x_over_8():
    x = np.array([1e-12, -1e-9, 1e-6])
    np.testing.assert_allclose(actplot.get("sigmoid").derivative(x, 2), -x / 8, rtol=1e-11)


def test_no_warnings_for_any_finite_input():
    x = np.array([-1e308, -1e200, -1e6, -40.0, -0.0, 0.0, 5e-324, 1e6, 1e200, 1e308])
    with np.errstate(over="raise", invalid="raise", divide="raise", under="ignore"):
        for (name, params) in CASES:
            entry = actplot.get(name)
            for order in range(3):
                values = entry.evaluate(x, order, **dict(params))
                assert not np.isnan(values).any(), (name, order, values)
