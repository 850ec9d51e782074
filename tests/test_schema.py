"""Parameter domains, validation messages and the API's array contract."""

from __future__ import annotations

import math

import numpy as np
import pytest

import actplot
from actplot.core.errors import did_you_mean
from actplot.core.schema import NON_NEGATIVE, POSITIVE, REAL, Choice, Interval, Param, Vector


def test_interval_membership_and_text():
    assert POSITIVE.contains(1e-300) and not POSITIVE.contains(0.0)
    assert NON_NEGATIVE.contains(0.0) and not NON_NEGATIVE.contains(-1e-300)
    assert not REAL.contains(math.inf) and not REAL.contains(math.nan)
    assert str(POSITIVE) == "(0, inf)"
    assert str(NON_NEGATIVE) == "[0, inf)"
    assert str(Interval(-1.0, 1.0, low_open=False)) == "[-1, 1)"
    assert str(REAL) == "any finite number"
    assert str(Choice(("none", "tanh"))) == "one of 'none', 'tanh'"


def test_param_coercion():
    number = Param("beta", 1.0, "help", domain=POSITIVE)
    assert number.coerce("2.5") == 2.5 and number.coerce(3) == 3.0
    for bad in (0, -1, "nan", "inf", True, "abc", None):
        with pytest.raises(ValueError, match=r"beta must be \(0, inf\)"):
            number.coerce(bad)
    vector = Param("others", (0.0,), "help", domain=Vector())
    assert vector.coerce("1, 2 3") == (1.0, 2.0, 3.0)
    assert vector.coerce([1, 2]) == (1.0, 2.0)
    assert vector.coerce(4) == (4.0,)
    for bad in ("", [], "1,x", [math.nan]):
        with pytest.raises(ValueError, match="others must be a non-empty list"):
            vector.coerce(bad)


@pytest.mark.parametrize(
    ("name", "params", "message"),
    [
        ("softplus", {"beta": 0}, r"beta must be \(0, inf\), got 0"),
        ("softplus", {"beta": -1.5}, r"beta must be \(0, inf\)"),
        ("leaky-relu", {"negative_slope": math.nan}, "negative_slope must be any finite number, got nan"),
        ("hardtanh", {"min_val": 1.0, "max_val": 1.0}, "min_val must be less than max_val"),
        ("hardtanh", {"min_val": 2.0}, "min_val must be less than max_val"),
        ("rrelu", {"lower": 0.5, "upper": 0.1}, "lower must be less than or equal to upper"),
        ("gelu", {"approximate": "erf"}, "approximate must be one of 'none', 'tanh', got 'erf'"),
        ("hardshrink", {"lambd": -0.1}, r"lambd must be \[0, inf\)"),
        ("celu", {"alpha": 0.0}, r"alpha must be \(0, inf\)"),
        ("leaky-relu", {"negative_slop": 0.1}, "has no parameter 'negative_slop'; did you mean 'negative_slope'"),
        ("relu", {"alpha": 0.1}, "relu takes no parameters"),
        ("leaky-relu", {"alpha": 0.1, "negative_slope": 0.2}, "negative_slope given twice"),
    ],
)
def test_invalid_parameters_raise_value_error_naming_the_parameter(name, params, message):
    entry = actplot.get(name)
    with pytest.raises(ValueError, match=message):
        entry.value(np.zeros(3), **params)
    with pytest.raises(ValueError, match=message):
        entry.derivative(np.zeros(3), **params)


def test_parameter_aliases_and_kebab_case_resolve_to_the_pytorch_name():
    entry = actplot.get("leaky-relu")
    assert entry.resolve(alpha=0.2) == {"negative_slope": 0.2}
    assert entry.resolve(**{"negative-slope": 0.2}) == {"negative_slope": 0.2}
    assert actplot.get("hardshrink").resolve(**{"lambda": 1.5}) == {"lambd": 1.5}
    x = np.linspace(-3, 3, 13)
    np.testing.assert_array_equal(entry.value(x, alpha=0.2), entry.value(x, negative_slope=0.2))


def test_value_keeps_shape_and_dtype():
    entry = actplot.get("gelu")
    assert entry.value(1.5).shape == ()
    assert entry.value([1, 2, 3]).dtype == np.float64
    grid = np.arange(12, dtype=np.float32).reshape(3, 4)
    for order in (0, 1, 2):
        out = entry.evaluate(grid, order)
        assert out.shape == (3, 4) and out.dtype == np.float64
    # a constant derivative still comes back with x's shape
    assert actplot.get("relu").derivative(grid, order=2).shape == (3, 4)
    assert actplot.get("identity").value(grid).base is not grid


def test_derivative_order_is_checked():
    entry = actplot.get("relu")
    with pytest.raises(ValueError, match="order must be 1 or 2"):
        entry.derivative(0.0, order=3)
    with pytest.raises(ValueError, match="order must be 0, 1 or 2"):
        entry.evaluate(0.0, order=-1)


def test_did_you_mean():
    assert did_you_mean("lekyrelu", ["leaky-relu", "tanh"]) == "; did you mean 'leaky-relu'?"
    assert did_you_mean("LEAKY_RELU6", ["leaky-relu", "relu6"]).startswith("; did you mean 'leaky-relu'")
    assert did_you_mean("zzzzzz", ["relu"]) == ""


def test_params_mapping_is_read_only_and_ordered():
    params = actplot.get("hardtanh").params
    assert list(params) == ["min_val", "max_val"]
    with pytest.raises(TypeError):
        params["min_val"] = 0.0  # type: ignore[index]


def test_bibtex_kinds_follow_the_venue():
    from actplot.core.schema import Paper

    journal = Paper("Zhu, Hegui", "Logish", 2021, doi="10.1/x", venue="Neurocomputing").bibtex("k")
    conference = Paper("Molina, A.", "PAU", 2020, arxiv="1907.06732",
                       venue="International Conference on Learning Representations").bibtex("k")
    preprint = Paper("Roy, S. K.", "LiSHT", 2019, arxiv="1901.05894").bibtex("k")
    assert journal.startswith("@article{k,") and "  journal = {Neurocomputing}," in journal
    assert conference.startswith("@inproceedings{k,") and "booktitle = {International Conference" in conference
    assert preprint.startswith("@misc{k,") and "eprint = {1901.05894}" in preprint and "journal" not in preprint
