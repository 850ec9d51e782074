"""Differences A − B: values, breakpoints, labels, the API's diff=True, and the panel notes."""

from __future__ import annotations

import mpmath as mp
import numpy as np
import pytest

import actplot
from actplot.api import drawn_curves
from actplot.core.difference import difference, is_difference, largest, panel_note
from actplot.core.errors import ParameterError
from actplot.specs import spec_curves


def curve(spec: str):
    (found,) = spec_curves(spec)
    return found


def _gelu_tanh_minus_gelu(x, order: int):
    """mpmath, 40 digits: the tanh GELU minus the exact GELU, differentiated ``order`` times."""
    k, c = mp.sqrt(2 / mp.pi), mp.mpf("0.044715")

    def f(t):
        return t / 2 * (1 + mp.tanh(k * (t + c * t**3))) - t * mp.ncdf(t)

    return mp.diff(f, x, order) if order else f(x)


@pytest.mark.parametrize("order", [0, 1, 2])
def test_tanh_gelu_minus_gelu_matches_mpmath(order):
    d = difference(curve("gelu:approximate=tanh"), curve("gelu"))
    x = np.array([-5.0, -3.3, -2.1, -1.0, -0.3, 0.0, 0.4, 1.7, 2.7, 4.2, 5.0])
    got = d.evaluate(x, order)
    with mp.workdps(40):
        want = np.array([float(_gelu_tanh_minus_gelu(mp.mpf(float(v)), order)) for v in x])
    np.testing.assert_allclose(got, want, rtol=1e-9, atol=1e-15)  # f''(0) is sqrt(2/pi) on both sides


def test_tanh_gelu_is_within_5e_4_of_gelu_on_minus_5_to_5():
    d = difference(curve("gelu:approximate=tanh"), curve("gelu"))
    x = np.linspace(-5.0, 5.0, 20001)
    assert np.abs(d.evaluate(x, 0)).max() < 5e-4
    where, size = largest(d, 0, -5.0, 5.0)
    with mp.workdps(40):
        assert size == pytest.approx(abs(float(_gelu_tanh_minus_gelu(mp.mpf(where), 0))), rel=1e-12)
    assert 4e-4 < size < 5e-4


def test_leaky_relu_minus_relu_is_a_hundredth_of_x_below_zero():
    d = difference(curve("leaky-relu"), curve("relu"))
    x = np.linspace(-7.0, 7.0, 141)
    np.testing.assert_allclose(d.evaluate(x, 0), np.where(x < 0, 0.01 * x, 0.0), rtol=1e-15, atol=0)
    np.testing.assert_array_equal(d.evaluate(x, 1), np.where(x <= 0, 0.01, 0.0))  # f'(0): torch's
    np.testing.assert_array_equal(d.evaluate(x, 2), 0.0)


def test_a_kink_of_either_side_is_a_breakpoint_of_the_difference():
    smooth_minus_kinked = difference(curve("gelu"), curve("hardswish"))
    assert [(b.x, b.order) for b in smooth_minus_kinked.breakpoints(-5, 5)] == [(-3.0, 1), (3.0, 1)]
    kinked_minus_smooth = difference(curve("relu6"), curve("silu"))
    assert {b.x for b in kinked_minus_smooth.breakpoints(-10, 10)} == {0.0, 6.0}
    both = difference(curve("hardshrink:lambd=1"), curve("softshrink"))
    assert [(b.x, b.order) for b in both.breakpoints(-5, 5)] == [(-1.0, 0), (-0.5, 1), (0.5, 1), (1.0, 0)]
    # outside the range, none; and the sampled grid holds every one exactly
    assert smooth_minus_kinked.breakpoints(-2, 2) == ()
    samples = actplot.sample_all("gelu", "hardswish", diff=True, points=10)[0]
    assert {-3.0, 3.0} <= set(samples.x.tolist())


def test_located_breakpoints_of_an_expression_are_kept():
    d = difference(curve("expr:abs(x*x - 2)"), curve("relu"))
    points = {round(b.x, 12) for b in d.breakpoints(-3, 3)}
    assert {round(-2**0.5, 12), 0.0, round(2**0.5, 12)} <= points


def test_the_difference_entry_is_synthetic():
    d = difference(curve("gelu:approximate=tanh"), curve("gelu"))
    entry = d.entry
    assert entry.source == "difference" and is_difference(d)
    assert entry.properties is None and entry.properties_at() is None
    assert d.label == entry.display_name == "gelu (approximate=tanh) − gelu"
    assert entry.reference == "difference(gelu:approximate=tanh, gelu)"
    with pytest.raises(LookupError):
        actplot.get(entry.reference)
    assert entry.formula_at(0) == "$f_A - f_B$" and entry.formula_at(1) == "$f_A' - f_B'$"
    assert d.params == {}
    two = difference(curve("relu"), curve("mish"))
    assert two.entry.formula_at(0) == r"$(\max(0,\ x)) - (x\,\tanh(\ln(1 + e^{x})))$"
    assert difference(curve("relu"), curve("sigmoid")).entry.formula_at(0) == "$f_A - f_B$"  # "sigma(x) = ..."


def test_api_diff_draws_one_curve_and_needs_exactly_two():
    fig = actplot.plot("gelu:approximate=tanh", "gelu", diff=True, order=2)
    lines = [[ln for ln in ax.get_lines() if ln.get_gid() == "curve"] for ax in fig.axes]
    assert all(len(panel) == 1 for panel in lines)
    assert fig.get_suptitle() == "gelu (approximate=tanh) − gelu"
    swept = actplot.sample_all("gelu", approximate=["tanh", "none"], diff=True, order=1, points=5)
    assert len(swept) == 1 and swept[0].activation.startswith("difference(")
    with pytest.raises(ParameterError, match="exactly two"):
        actplot.plot("gelu", diff=True)
    with pytest.raises(ParameterError, match=r"exactly two.*got 3"):
        actplot.sample_all("relu", "elu", "gelu", diff=True)
    assert len(drawn_curves(["relu", "elu", "gelu"], {})) == 3


def test_save_diff_writes_the_difference(tmp_path):
    out = actplot.save(tmp_path / "d.json", "leaky-relu", "relu", diff=True, x_range=(-2, 2), points=5)
    import json

    data = json.loads(out.read_text())
    (only,) = data["curves"]
    assert only["activation"] == "difference(leaky-relu, relu)"
    assert only["y"] == [-0.02, -0.01, 0.0, 0.0, 0.0]


def test_panel_note_reports_the_largest_difference_and_where():
    d = difference(curve("leaky-relu"), curve("relu"))
    assert panel_note([d], 0, -5.0, 5.0) == "max |A − B| = 5.00e-02 at x = -5"
    assert panel_note([d], 2, -5.0, 5.0) == "A″ − B″ = 0 on [-5, 5]"
    assert panel_note([curve("relu")], 0, -5.0, 5.0) == ""
    gelus = difference(curve("gelu:approximate=tanh"), curve("gelu"))
    note = panel_note([gelus], 1, -5.0, 5.0)
    assert note.startswith("max |A′ − B′| = ") and " at x = " in note
    _, size = largest(gelus, 1, -5.0, 5.0)
    x = np.linspace(-5.0, 5.0, 200001)
    assert size >= np.abs(gelus.evaluate(x, 1)).max() * (1 - 1e-12)


def test_the_examples_in_the_docstrings_run():
    import doctest

    from actplot.core import difference as module

    failures, tried = doctest.testmod(module)
    assert tried >= 3 and failures == 0
