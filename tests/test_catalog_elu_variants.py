"""The exponential units from the literature at points known by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest

import actplot


def at(name: str, x: float, order: int = 0, **params: float) -> float:
    return float(actplot.get(name).evaluate(np.array([x]), order, **params)[0])


def test_pelu_and_mpelu_at_their_defaults_are_elu():
    x = np.linspace(-6, 6, 121)
    for name in ("pelu", "mpelu"):
        for order in (0, 1):
            np.testing.assert_allclose(actplot.get(name).evaluate(x, order), actplot.get("elu").evaluate(x, order),
                                       rtol=1e-15, atol=1e-300)
    assert at("pelu", 2.0, a=2.0, b=0.5) == 8.0  # (a / b) x
    assert at("pelu", -1e6, a=2.0, b=0.5) == -2.0


def test_isrlu_saturates_at_minus_one_over_sqrt_alpha_and_is_c2():
    assert at("isrlu", -1e6, alpha=4.0) == pytest.approx(-0.5, rel=1e-11)
    assert at("isrlu", -1.0) == pytest.approx(-1.0 / math.sqrt(2.0), rel=1e-15)
    assert at("isrlu", -1e-300, 2) == pytest.approx(0.0, abs=1e-290) and at("isrlu", 1e-300, 2) == 0.0


def test_serlu_dips_to_minus_lambda_alpha_over_e_at_minus_one():
    assert at("serlu", -1.0) == pytest.approx(-1.07862 * 2.90427 / math.e, rel=1e-15)
    assert at("serlu", -1.0, 1) == 0.0
    assert at("serlu", 2.0) == pytest.approx(2.15724, rel=1e-15)


def test_xielu_minimum_has_its_closed_form():
    where = math.log(1.0 - 0.5 / 0.8)  # alpha_n (e^x - 1) + beta = 0
    assert abs(at("xielu", where, 1)) < 1e-15
    assert actplot.get("xielu").properties_at().output_range[0] == pytest.approx(at("xielu", where), rel=1e-14)
    assert at("xielu", -1e-9) == pytest.approx(0.8 * 0.5e-18 - 0.5e-9, rel=1e-12)  # no cancellation near 0


def test_soft_exponential_runs_from_the_identity_to_the_exponential():
    assert at("soft-exponential", 3.0, alpha=0.0) == 3.0
    assert at("soft-exponential", 3.0, alpha=1.0) == pytest.approx(math.exp(3.0), rel=1e-15)
    assert at("soft-exponential", -50.0, alpha=1.0) == pytest.approx(math.exp(-50.0), rel=1e-14)
    assert at("soft-exponential", 2000.0, alpha=0.5) == math.inf  # truly beyond float64
    limit = actplot.get("soft-exponential").overflow_at(alpha=0.5)
    assert limit == pytest.approx(2 * (709.782712893384 + math.log(0.5)))


def test_elish_minimum_is_minus_three_plus_two_root_two():
    where = -math.asinh(1.0)
    assert abs(at("elish", where, 1)) < 1e-15
    assert at("elish", where) == pytest.approx(-(3.0 - 2.0 * math.sqrt(2.0)), rel=1e-14)


def test_hard_elish_pieces():
    assert at("hard-elish", 2.0) == 2.0 and at("hard-elish", 0.5) == 0.375  # x (x + 1) / 2
    assert at("hard-elish", -2.0) == 0.0
    assert at("hard-elish", -0.5) == pytest.approx(math.expm1(-0.5) / 4, rel=1e-15)
