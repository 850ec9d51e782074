"""The gated linear units: one input x, the other held, against values known by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest

import actplot


def at(name: str, x: float, order: int = 0, **params) -> float:
    return float(actplot.get(name).evaluate(np.array([x]), order, **params)[0])


def sigmoid(t: float) -> float:
    return 1.0 / (1.0 + math.exp(-t))


def test_the_default_varies_the_value_input_with_the_gate_held_at_one():
    """x sigma(1): a line whose slope is what the gate lets through."""
    assert actplot.get("glu").params == {"vary": "value", "held": 1.0}
    assert at("glu", 3.0) == pytest.approx(3.0 * sigmoid(1.0), rel=1e-15)
    assert at("glu", 3.0, 1) == pytest.approx(sigmoid(1.0), rel=1e-15)
    assert at("glu", 3.0, 2) == 0.0
    assert at("bilinear", -2.0, held=4.0) == -8.0
    assert at("reglu", 5.0, held=-1.0) == 0.0 and at("reglu", 5.0, 1, held=-1.0) == 0.0


def test_varying_the_gate_draws_the_gate_scaled_by_the_held_value():
    assert at("glu", 0.5, vary="gate", held=2.0) == pytest.approx(2.0 * sigmoid(0.5), rel=1e-15)
    assert at("glu", 0.5, 1, vary="gate", held=2.0) == pytest.approx(2.0 * sigmoid(0.5) * sigmoid(-0.5), rel=1e-15)
    assert at("geglu", 1.0, vary="gate", held=3.0) == pytest.approx(3.0 * 0.5 * (1 + math.erf(1 / math.sqrt(2))),
                                                                     rel=1e-15)
    tanh_form = 0.5 * (1 + math.tanh(math.sqrt(2 / math.pi) * (1 + 0.044715)))
    assert at("geglu", 1.0, vary="gate", held=1.0, approximate="tanh") == pytest.approx(tanh_form, rel=1e-15)
    assert at("swiglu", 2.0, vary="gate", held=-1.0, beta=0.5) == pytest.approx(-2.0 * sigmoid(1.0), rel=1e-15)
    assert at("bilinear", 7.0, 1, vary="gate", held=-3.0) == -3.0


def test_reglu_has_a_kink_only_where_its_relu_gate_takes_x():
    reglu = actplot.get("reglu")
    assert [(b.x, b.order) for b in reglu.breakpoints(vary="gate", held=2.0)] == [(0.0, 1)]
    assert reglu.breakpoints(vary="gate", held=0.0) == ()  # 0 relu(x) is the zero line
    assert reglu.breakpoints() == ()
    assert at("reglu", 0.0, 1, vary="gate", held=2.0) == 0.0  # relu'(0) = 0, as PyTorch and JAX
    assert at("reglu", 1e-300, 1, vary="gate", held=2.0) == 2.0


@pytest.mark.parametrize(("name", "params", "low", "high", "monotonic", "zero"), [
    ("glu", {"vary": "gate", "held": 2.0}, 0.0, 2.0, "increasing", False),
    ("glu", {"vary": "gate", "held": -2.0}, -2.0, 0.0, "decreasing", False),
    ("glu", {"vary": "value", "held": -1.0}, -math.inf, math.inf, "increasing", True),
    ("reglu", {"vary": "value", "held": -1.0}, 0.0, 0.0, "increasing", True),
    ("reglu", {"vary": "gate", "held": -1.0}, -math.inf, 0.0, "decreasing", True),
    ("geglu", {"vary": "gate", "held": 2.0}, 2.0 * -0.16997120747990366, math.inf, "no", True),
    ("swiglu", {"vary": "gate", "held": 1.0, "beta": 2.0}, -0.2784645427610738 / 2.0, math.inf, "no", True),
    ("bilinear", {"vary": "gate", "held": 0.0}, 0.0, 0.0, "increasing", True),
])
def test_properties_follow_which_input_varies_and_the_held_sign(name, params, low, high, monotonic, zero):
    properties = actplot.get(name).properties_at(**params)
    assert properties.output_range == pytest.approx((low, high), rel=1e-15)
    assert (properties.monotonic, properties.zero_at_zero) == (monotonic, zero)


def test_formulas_name_the_input_that_varies():
    swiglu = actplot.get("swiglu")
    assert swiglu.formula_at(0) == r"$x\,\mathrm{Swish}_{\beta}(c)$"
    assert swiglu.formula_at(1, vary="gate") == r"$c\,\mathrm{Swish}_{\beta}'(x)$"
    assert actplot.get("bilinear").formula_at(1, vary="gate") == "$c$"


def test_the_held_input_is_bounded_so_every_derivative_is_finite():
    with pytest.raises(actplot.ParameterError, match="held"):
        actplot.get("swiglu").resolve(held=1e200)
    values = actplot.get("swiglu").evaluate(np.array([0.0]), 2, vary="gate", held=1e100, beta=1e100)
    assert np.isfinite(values).all()


@pytest.mark.parametrize("name", ["torch.nn.GLU", "torch.nn.functional.glu", "jax.nn.glu",
                                  "keras.activations.glu", "keras.ops.glu"])
def test_the_frameworks_glu_is_the_entry(name):
    assert actplot.get(name).evaluate(np.array([2.0]), 0, vary="gate")[0] == pytest.approx(sigmoid(2.0), rel=1e-15)


def test_onnx_swiglu_keeps_its_alpha_in_float32_and_names_it_alpha():
    entry = actplot.get("onnx.SwiGLU")
    value = entry.evaluate(np.array([1.0]), 0, vary="gate", alpha=0.1)[0]
    slope = float(np.float32(0.1))
    assert value == pytest.approx(1.0 * sigmoid(slope), rel=1e-15)
    assert value != pytest.approx(sigmoid(0.1), rel=1e-12)
