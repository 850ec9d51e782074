"""The piecewise units from the literature: their pieces, knots and conventions."""

from __future__ import annotations

import numpy as np
import pytest

import actplot
from actplot.core.schema import Breakpoint


def at(name: str, x: float, order: int = 0, **params) -> float:
    return float(actplot.get(name).evaluate(np.array([x]), order, **params)[0])


def test_plu_is_srelu_with_symmetric_knots():
    x = np.linspace(-5, 5, 101)
    np.testing.assert_array_equal(actplot.get("plu").value(x),
                                  actplot.get("srelu").value(x, t_l=-1.0, a_l=0.1, t_r=1.0, a_r=0.1))
    assert at("plu", 3.0) == pytest.approx(1.2, rel=1e-15) and at("plu", 1.0, 1) == 0.1


def test_apl_hinges_and_merged_knots():
    apl = actplot.get("apl")
    assert at("apl", -3.0) == pytest.approx(0.2 * 3 - 0.5 * 2, rel=1e-15)  # relu 0, 0.2*3, -0.5*2
    assert apl.breakpoints() == (Breakpoint(-1.0, 1), Breakpoint(0.0, 1))
    # a hinge that cancels ReLU's kink at 0 leaves no breakpoint there
    assert apl.breakpoints(a=(-1.0,), b=(0.0,)) == ()
    with pytest.raises(actplot.ParameterError, match="as many numbers each"):
        apl.resolve(a=(1.0, 2.0), b=(0.0,))


def test_rectifier_variants():
    assert at("frelu", -3.0) == -0.5 and at("frelu", 2.0) == 1.5
    assert at("arelu", -1.0) == -0.9 and at("arelu", 1.0) == pytest.approx(1.0 + 1 / (1 + np.exp(-2.0)))
    assert at("arelu", -1.0, alpha=5.0) == -0.99  # alpha clamped to [0.01, 0.99]
    assert at("clipped-relu", 25.0) == 20.0 and at("clipped-relu", 20.0, 1) == 0.0


def test_powers_and_logarithms():
    assert at("repu", 2.0) == 8.0 and at("repu", 2.0, 2) == 12.0
    assert actplot.get("repu").breakpoints(p=2.5) == (Breakpoint(0.0, 3),)
    assert at("star-relu", 0.0) == -0.4472 and at("star-relu", 1.0) == pytest.approx(0.4472, rel=1e-12)
    assert at("nlrelu", np.e - 1.0) == pytest.approx(1.0, rel=1e-15) and at("nlrelu", -5.0) == 0.0


def test_sqnl_is_tanh_shaped_from_parabolas():
    assert at("sqnl", 1.0) == 0.75 and at("sqnl", -1.0) == -0.75
    assert at("sqnl", 3.0) == 1.0 and at("sqnl", 2.0, 1) == 0.0
    assert at("sqnl", 0.5, 2) == -0.5 and at("sqnl", -0.5, 2) == 0.5


def test_sqnl_and_srelu_record_their_published_versions():
    sqnl = actplot.get("sqnl").paper
    assert sqnl is not None and sqnl.doi == "10.1109/IJCNN.2018.8489043" and sqnl.year == 2018
    assert sqnl.authors == "Wuraola, Adedamola and Patel, Nitish"
    assert sqnl.title == "SQNL: A New Computationally Efficient Activation Function"
    assert sqnl.bibtex("k").startswith("@inproceedings{k,") and "(IJCNN)" in sqnl.bibtex("k")
    assert sqnl.short == "Wuraola and Patel (2018), doi:10.1109/IJCNN.2018.8489043"
    srelu = actplot.get("srelu").paper
    assert srelu is not None and srelu.year == 2016 and srelu.arxiv == "1512.07030"  # AAAI-16, not the 2015 preprint
    assert srelu.short == "Jin et al. (2016), arXiv:1512.07030"
    bibtex = srelu.bibtex("k")
    assert bibtex.startswith("@inproceedings{k,") and "year = {2016}" in bibtex
    assert "booktitle = {Proceedings of the AAAI Conference on Artificial Intelligence" in bibtex
