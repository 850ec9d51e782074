"""The squashing and smooth-rectifier entries from the literature at points known by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest

import actplot


def at(name: str, x: float, order: int = 0, **params: float) -> float:
    return float(actplot.get(name).evaluate(np.array([x]), order, **params)[0])


def test_lecun_tanh_maps_one_to_about_one():
    assert at("lecun-tanh", 1.0) == pytest.approx(1.0, abs=1e-4)  # the reason for 1.7159 and 2/3
    assert at("lecun-tanh", 0.0, 1) == pytest.approx(1.7159 * 2 / 3, rel=1e-15)
    assert at("lecun-tanh", 1e6) == 1.7159


def test_penalized_tanh_scales_the_negative_half():
    assert at("penalized-tanh", -1.0) == pytest.approx(0.25 * math.tanh(-1.0), rel=1e-15)
    assert at("penalized-tanh", 2.0) == pytest.approx(math.tanh(2.0), rel=1e-15)
    assert at("penalized-tanh", 0.0, 1) == 0.25  # the x <= 0 branch
    assert at("penalized-tanh", 1e-300, 1) == 1.0
    assert actplot.get("penalized-tanh").breakpoints(a=1.0) == ()  # a = 1 is tanh


def test_cloglog_is_the_complementary_log_log():
    assert at("cloglog", 0.0) == pytest.approx(1.0 - math.exp(-1.0), rel=1e-15)
    assert at("cloglog", 0.0, 1) == pytest.approx(math.exp(-1.0), rel=1e-15)
    assert at("cloglog", 0.0, 2) == 0.0
    assert at("cloglog", -50.0) == pytest.approx(math.exp(-50.0), rel=1e-14)  # no cancellation in the tail
    assert at("cloglog", 1e6) == 1.0
    assert actplot.get("complementary-log-log") is actplot.get("cloglog")
    assert actplot.get("cloglog").summary.startswith("Complementary log-log:")


def test_gumbel_is_exp_of_minus_exp_of_minus_x():
    """Alexandridis et al.'s Gumbel activation exp(-exp(-x)), not the complementary log-log."""
    e = math.exp(-1.0)
    assert at("gumbel", 0.0) == pytest.approx(e, rel=1e-15)  # f(0) = 1/e
    assert at("gumbel", 0.0, 1) == pytest.approx(e, rel=1e-15)  # f'(0) = 1/e
    assert at("gumbel", 0.0, 2) == 0.0  # the inflection: the Gumbel density's mode
    assert at("gumbel", -math.log(math.log(2.0))) == pytest.approx(0.5, rel=1e-15)  # the median
    assert at("gumbel", 1.0) == pytest.approx(math.exp(-e), rel=1e-15)
    assert at("gumbel", 1.0, 1) == pytest.approx(math.exp(-1.0 - e), rel=1e-15)
    assert at("gumbel", -1.0, 2) == pytest.approx(math.exp(1.0 - math.e) * (math.e - 1.0), rel=1e-14)
    assert at("gumbel", 40.0) == pytest.approx(1.0 - math.exp(-40.0), rel=1e-15)
    assert at("gumbel", 50.0, 1) == pytest.approx(math.exp(-50.0), rel=1e-14)  # the upper tail, no cancellation
    assert at("gumbel", 1e6) == 1.0 and at("gumbel", -1e6) == 0.0 and at("gumbel", -1e6, 2) == 0.0
    x = np.linspace(-6.0, 6.0, 49)
    np.testing.assert_allclose(actplot.get("gumbel").value(x), 1.0 - actplot.get("cloglog").value(-x), rtol=1e-14,
                               atol=1e-15)
    entry = actplot.get("gumbel")
    assert entry.properties_at() == actplot.Properties((0.0, 1.0), "increasing", math.inf, False)
    assert entry.paper is not None and entry.paper.arxiv == "2207.10936" and entry.paper.year == 2022
    assert entry.paper.bibtex("k").startswith("@inproceedings{k,") and "ECCV" in entry.paper.bibtex("k")
    assert entry.paper.short == "Alexandridis et al. (2022), arXiv:2207.10936"


def test_laplace_is_centred_at_sqrt_half_with_slope_sqrt_two():
    mu = math.sqrt(0.5)
    assert at("laplace", mu) == pytest.approx(0.5, rel=1e-15)
    assert at("laplace", mu, 1) == pytest.approx(math.sqrt(2.0), rel=1e-15)
    assert at("laplace", mu, 2) == pytest.approx(0.0, abs=1e-15)


def test_soft_root_sign_dips_to_its_minimum_at_minus_beta():
    assert at("soft-root-sign", 0.0) == 0.0
    assert at("soft-root-sign", 0.0, 1) == 1.0
    assert at("soft-root-sign", -3.0) == pytest.approx(-6.0 / (2.0 * math.e - 3.0), rel=1e-15)
    assert at("soft-root-sign", -3.0, 1) == 0.0
    assert at("soft-root-sign", 1e6) == pytest.approx(2.0, rel=1e-5)  # approaches alpha
    assert at("soft-root-sign", -1e6) == 0.0  # x exp(x / beta) underflows, without a warning


def test_soft_root_sign_refuses_a_vanishing_denominator():
    with pytest.raises(ValueError, match="beta must be less than e"):
        actplot.get("soft-root-sign").resolve(alpha=1.0, beta=3.0)


@pytest.mark.parametrize("p", [1e-300, 1.0, 50.0, 1e6])
def test_soft_clipping_is_symmetric_about_one_half(p):
    assert at("soft-clipping", 0.5, p=p) == pytest.approx(0.5, rel=1e-15)
    assert at("soft-clipping", 0.5, 1, p=p) == pytest.approx(math.tanh(p / 4), rel=1e-14)
    x = np.array([-3.0, -0.2, 0.1, 0.4])
    entry = actplot.get("soft-clipping")
    np.testing.assert_allclose(entry.value(x, p=p) + entry.value(1.0 - x, p=p), 1.0, rtol=1e-15)


def test_soft_clipping_at_zero():
    assert at("soft-clipping", 0.0) == pytest.approx(math.log(2.0 / (1.0 + math.exp(-50.0))) / 50.0, rel=1e-14)


def test_soft_clipping_records_its_journal_version():
    paper = actplot.get("soft-clipping").paper
    assert paper is not None and paper.arxiv == "1810.11509" and paper.doi == "10.21468/SciPostPhys.9.4.053"
    assert paper.year == 2020 and paper.venue == "SciPost Physics 9, 053"
    assert paper.bibtex("k").startswith("@article{k,") and "journal = {SciPost Physics 9, 053}" in paper.bibtex("k")


def test_shifted_softplus_passes_through_zero():
    assert at("shifted-softplus", 0.0) == 0.0
    assert at("shifted-softplus", 1e-10) == pytest.approx(0.5e-10, rel=1e-9)  # no cancellation near 0
    assert at("shifted-softplus", 0.0, 1) == 0.5
    assert at("shifted-softplus", -1e6) == pytest.approx(-math.log(2.0), rel=1e-15)


def test_smelu_is_sparse_plus_with_beta():
    assert at("smelu", 0.0, beta=2.0) == 0.5  # beta / 4
    assert at("smelu", -2.0, beta=2.0) == 0.0
    assert at("smelu", 2.0, beta=2.0) == 2.0
    assert at("smelu", 0.0, 1, beta=2.0) == 0.5
    assert at("smelu", 0.0, 2, beta=2.0) == 0.25  # 1 / (2 beta)
    assert actplot.get("smelu").name == "sparse-plus" and actplot.get("jax.nn.sparse_plus").params == {}


def test_cloglog_saturates_where_its_note_says():
    """info cloglog: 1 in float64 from x = 3.62, derivatives 0 from x = 6.62."""
    entry = actplot.get("cloglog")
    assert entry.value(3.61) < 1.0 and entry.value(3.63) == 1.0
    assert entry.derivative(6.61) > 0.0 and entry.derivative(6.63) == 0.0
    assert "from x = 3.62 it is 1" in entry.note and "from x = 6.62 its derivatives are 0" in entry.note
