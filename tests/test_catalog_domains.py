"""Every entry over its whole parameter domain, not only at its defaults and examples.

Each parameter is probed at extreme values inside its domain (huge, tiny, zero, one and the
closed bounds of an interval; huge, opposite and repeated logits for a vector; every option of
a choice), in every combination with the other parameters' probes and defaults that the
entry's constraints allow. At each such case the value, f' and f'' are evaluated on extreme
inputs and at the breakpoints and their float neighbours, with numpy's warnings as errors:
no NaN, and an infinity only where the true value leaves float64's range.
"""

from __future__ import annotations

import itertools
import math
import warnings
from typing import Any

import mpmath as mp
import numpy as np
import pytest

from actplot.catalog import BUILTINS
from actplot.core.schema import Activation, Choice, Interval, Param, Vector
from tests.conftest import case_id

NUMBER_PROBES = (1e300, -1e300, 1e-300, -1e-300, 0.0, 1.0, -1.0)
VECTOR_PROBES = ((1e300,), (-1e300,), (0.0, 0.0, 0.0), (-1e300, 1e300))
XS = (0.0, 5e-324, -5e-324, 1e-300, -1e-300, 1e-8, -1e-8, 1.0, -1.0, 20.0, -20.0, 710.0, -710.0, 1e6, -1e6)


def probes(param: Param) -> list[Any]:
    """The parameter's default and its extreme values inside its domain."""
    domain = param.domain
    if isinstance(domain, Choice):
        return list(domain.options)
    if isinstance(domain, Vector):
        inside = [v for v in VECTOR_PROBES if all(domain.element.contains(e) for e in v)]
        return [param.default, *inside]
    assert isinstance(domain, Interval)
    bounds = [b for b, is_open in ((domain.low, domain.low_open), (domain.high, domain.high_open)) if not is_open]
    values = [param.default, *NUMBER_PROBES, *bounds]
    return [v for v in dict.fromkeys(values) if domain.contains(v)]


def valid(entry: Activation, params: dict[str, Any]) -> bool:
    try:
        entry.resolve(**params)
    except ValueError:
        return False
    return True


def domain_cases() -> list[tuple[str, dict[str, Any]]]:
    """(name, params) for every built-in entry and every valid combination of probes.

    A probe that no combination allows (hardtanh's min_val = 1e300, above every max_val probe)
    is paired with the other numbers one float step beyond it, the tightest valid choice."""
    cases = []
    for entry in BUILTINS.values():
        names = [p.name for p in entry.parameters]
        combinations = [dict(zip(names, values, strict=True))
                        for values in itertools.product(*(probes(p) for p in entry.parameters))]
        found = [params for params in combinations if valid(entry, params)]
        for param in entry.parameters:
            for value in probes(param):
                if isinstance(value, float) and not any(params[param.name] == value for params in found):
                    found += [params for params in tight_partners(entry, param, value) if valid(entry, params)][:1]
        cases += [(entry.name, params) for params in found]
    return cases


def tight_partners(entry: Activation, param: Param, value: float) -> list[dict[str, Any]]:
    """``param`` at ``value``, the other interval parameters one float step above or below it."""
    others = [p.name for p in entry.parameters if p is not param and isinstance(p.domain, Interval)]
    return [{param.name: value, **dict.fromkeys(others, float(np.nextafter(value, direction)))}
            for direction in (np.inf, -np.inf)]


CASES = domain_cases()


def test_every_parameter_is_probed_at_both_extremes():
    """The probes reach each parameter's huge and tiny values wherever its domain has them."""
    for entry in BUILTINS.values():
        for param in entry.parameters:
            seen = [params[param.name] for name, params in CASES if name == entry.name]
            if isinstance(param.domain, Choice):
                assert set(seen) == set(param.domain.options), (entry.name, param.name)
            elif isinstance(param.domain, Interval):
                wanted = {v for v in (1e300, 1e-300, -1e300) if param.domain.contains(v)}
                assert wanted <= set(seen), (entry.name, param.name)


def inputs(entry: Activation, params: dict[str, Any]) -> np.ndarray:
    """The extreme inputs, plus every breakpoint and its float neighbours."""
    points = list(XS)
    for point in entry.breakpoints(**params):
        points += [point.x, np.nextafter(point.x, -np.inf), np.nextafter(point.x, np.inf)]
    return np.unique(np.asarray(points, dtype=np.float64))


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_finite_and_warning_free_over_the_parameter_domain(case):
    name, params = case
    entry = BUILTINS[name]
    x = inputs(entry, params)
    overflows = x > entry.overflow_at(**params)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(over="warn", divide="warn", invalid="warn", under="ignore"):
            for order in (0, 1, 2):
                values = entry.evaluate(x, order, **params)
                assert not np.isnan(values).any(), (name, params, order, x[np.isnan(values)])
                assert np.isfinite(values[~overflows]).all(), (name, params, order, x[~np.isfinite(values)])
                assert (values[overflows] == np.inf).all(), (name, params, order)


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_properties_agree_with_breakpoints_over_the_parameter_domain(case):
    """Breakpoints are finite, the smoothness is one below the worst breakpoint's order (C-inf
    without any), and a declared range and direction hold at the probed inputs."""
    name, params = case
    entry = BUILTINS[name]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        points = entry.breakpoints(**params)
        props = entry.properties_at(**params)
    assert all(math.isfinite(p.x) for p in points), (name, params, points)
    assert props.smoothness == (min(p.order for p in points) - 1 if points else math.inf), (name, params)
    x = inputs(entry, params)
    x = x[x <= entry.overflow_at(**params)]
    y, dy = entry.value(x, **params), entry.derivative(x, **params)
    low, high = props.output_range
    assert not math.isnan(low) and not math.isnan(high) and low <= high
    slack = 1e-12 * (np.abs(y) + max(abs(low) if math.isfinite(low) else 0.0, 1e-300))
    assert np.all(y >= low - slack) and np.all(y <= high + slack), (name, params)
    steps, rounding = np.diff(y), 1e-14 * np.maximum(np.abs(y[1:]), np.abs(y[:-1]))
    if props.monotonic == "increasing":
        assert np.all(steps >= -rounding) and np.all(dy >= 0), (name, params)
    elif props.monotonic == "decreasing":
        assert np.all(steps <= rounding) and np.all(dy <= 0), (name, params)


def test_true_overflow_is_infinite_and_silent():
    """Where the true value is beyond float64, the entry returns the signed infinity, no warning."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for name in ("leaky-relu", "prelu"):
            entry = BUILTINS[name]
            slope = entry.parameters[0].name
            assert entry.value(-1e6, **{slope: 1e308}) == -np.inf  # truly -1e314
            assert entry.value(-1e6, **{slope: -1e308}) == np.inf
            assert entry.derivative(-1e6, **{slope: 1e308}) == 1e308
        assert BUILTINS["rrelu"].value(-2.0, lower=1e308, upper=1.5e308) == -np.inf
        assert BUILTINS["rrelu"].derivative(-2.0, lower=1e308, upper=1.5e308) == 1.25e308
        for order in (0, 1, 2):
            assert BUILTINS["exponential"].evaluate(710.0, order) == np.inf


def swish_oracle(x: float, beta: float, order: int) -> mp.mpf:
    """x sigmoid(beta x) and its derivatives in closed form, at 50 digits."""
    with mp.workdps(50):
        z = mp.mpf(beta) * mp.mpf(x)
        s, s_neg = 1 / (1 + mp.exp(-z)), 1 / (1 + mp.exp(z))
        slope, curvature = s * s_neg, s * s_neg * (s_neg - s)
        return [mp.mpf(x) * s, s + z * slope, mp.mpf(beta) * (2 * slope + z * curvature)][order]


@pytest.mark.parametrize("beta", [1e200, 1e300, 1e308, 1e-300])
def test_swish_beta_with_extreme_beta_matches_mpmath(beta):
    entry = BUILTINS["swish-beta"]
    x = np.array([-1e6, -2.0, -1.8, -1e-100, -1e-200, -1e-300, 0.0, 1e-300, 1e-200, 1e-100, 1.8, 2.0, 1e6])
    for order in (0, 1, 2):
        expected = np.array([float(swish_oracle(v, beta, order)) for v in x])
        np.testing.assert_allclose(entry.evaluate(x, order, beta=beta), expected, rtol=1e-14, atol=0,
                                   err_msg=f"order {order}")
    assert entry.derivative(2.0, beta=1e200) == 1.0
    assert entry.derivative(-2.0, beta=1e200) == 0.0
    assert entry.derivative(0.0, order=2, beta=1e200) == 5e199
