"""Gated linear units: a value input times a gate applied to a second input.

A gated linear unit takes two inputs, a value a and a gate's input b, and returns a g(b):
GLU gates by the sigmoid (Dauphin et al.), and Shazeer's variants by the identity
(Bilinear), ReLU (ReGLU), GELU (GeGLU) and Swish (SwiGLU). In a network a and b are two halves
of one vector (``torch.nn.GLU`` and ``jax.nn.glu`` split their input in two) or two
projections of it, so, like softmax, a unit has no curve of its own. actplot draws it as the
softmax family is drawn: one input is x, the other is held at ``held``, and the derivatives are
partial derivatives with respect to x.

- ``vary='value'`` (the default): x is the value input and the gate's input is held,
  f(x) = x g(c): a line through 0 whose slope g(c) is what the gate lets through.
- ``vary='gate'``: x is the gate's input and the value input is held, f(x) = c g(x): the
  gate's own curve, scaled by c.

Where both inputs are x (``GLU([x, x])``), the unit is x g(x): that is SiLU for GLU and the
squared ReLU for ReGLU, and ``actplot expr`` draws the others (``expr:x*x*sigmoid(x)``).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from actplot.catalog.builder import closed
from actplot.catalog.gated import GELU_MIN, GELU_TANH_MIN, SILU_MIN, gelu, gelu_d1, gelu_d2, swish, swish_d1, swish_d2
from actplot.catalog.special import sigmoid, sigmoid_curvature, sigmoid_slope
from actplot.core.schema import (
    Activation,
    Array,
    Breakpoint,
    Choice,
    Monotonic,
    Paper,
    Param,
    Properties,
)

TITLE = "Gated linear units"

GLU_PAPER = Paper("Dauphin, Yann N. and Fan, Angela and Auli, Michael and Grangier, David",
                  "Language Modeling with Gated Convolutional Networks", 2016, arxiv="1612.08083",
                  venue="International Conference on Machine Learning")
VARIANTS_PAPER = Paper("Shazeer, Noam", "GLU Variants Improve Transformer", 2020, arxiv="2002.05202")

CONVENTION = ("Drawn with one input varying and the other held at `held`: vary='value' draws x g(held) "
              "(x is the value input, the gate's input is held), vary='gate' draws held g(x) (x is the gate's "
              "input); the derivatives are partial derivatives with respect to x. A framework's GLU splits one "
              "vector [a, b] into the value a and the gate's input b.")


@dataclass(frozen=True)
class Gate:
    """A gate's nonlinearity g (with its own parameters, by name) and what is known of it.

    ``functions`` are g, g' and g''. ``span`` gives g's infimum and supremum over the real line,
    ``shape`` whether g is increasing ("increasing" or "no"), ``smoothness`` its continuous
    derivatives, ``breaks`` its breakpoints (each with its order).
    """

    functions: tuple[Callable[..., Array], Callable[..., Array], Callable[..., Array]]
    span: Callable[..., tuple[float, float]]
    shape: Callable[..., Monotonic]
    smoothness: float = math.inf
    breaks: tuple[Breakpoint, ...] = ()

    def at(self, x: Array, order: int, **params: Any) -> Array:
        """g (order 0), g' or g'' at x."""
        return self.functions[order](np.asarray(x, dtype=np.float64), **params)


#: The largest |held|: with the gate's parameters (SwiGLU's beta) below it too, every derivative
#: stays finite (held beta / 2 is SwiGLU's f''(0)).
HELD_LIMIT = 1e100


def held_param() -> Param:
    """The input that does not vary."""
    return Param("held", 1.0, "the other input, held fixed: the gate's input when vary='value', the value input "
                 "when vary='gate'", symbol="c", aliases=("other", "other_input"), examples=(-1.0, 2.0),
                 domain=closed(-HELD_LIMIT, HELD_LIMIT))


def vary_param() -> Param:
    """Which input x is."""
    return Param("vary", "value", "which input x is: 'value' (the gate's input held) or 'gate' (the value held)",
                 domain=Choice(("value", "gate")), examples=("gate",))


def unit(gate: Gate) -> Callable[..., Array]:
    """The unit's value (order 0) or partial derivative with respect to x, either input varying."""
    def function(x: Array, vary: str, held: float, order: int = 0, **params: Any) -> Array:
        x = np.asarray(x, dtype=np.float64)
        if vary == "gate":
            with np.errstate(over="ignore"):  # beyond float64 only where the true value is
                return held * gate.at(x, order, **params)
        slope = float(gate.at(np.array(held), 0, **params))
        return (x * slope, np.full_like(x, slope), np.zeros_like(x))[order]
    return function


def breakpoints(gate: Gate) -> Callable[..., tuple[Breakpoint, ...]]:
    """The gate's breakpoints where x is its input (and the value input is not 0); none otherwise."""
    def found(vary: str, held: float, **_: Any) -> tuple[Breakpoint, ...]:
        return gate.breaks if vary == "gate" and held != 0.0 else ()
    return found


def properties(gate: Gate) -> Callable[..., Properties]:
    """The unit's properties: a line of slope g(held), or the gate's curve scaled by ``held``."""
    def known(vary: str, held: float, **params: Any) -> Properties:
        if vary == "value":
            slope = float(gate.at(np.array(held), 0, **params))
            span = (0.0, 0.0) if slope == 0.0 else (-math.inf, math.inf)
            return Properties(span, "increasing" if slope >= 0.0 else "decreasing", math.inf, True)
        if held == 0.0:
            return Properties((0.0, 0.0), "increasing", math.inf, True)
        low, high = gate.span(**params)
        shape: Monotonic = gate.shape(**params)
        if held < 0.0:
            low, high = high, low
            shape = "decreasing" if shape == "increasing" else shape
        at_zero = float(gate.at(np.array(0.0), 0, **params))
        return Properties((held * low, held * high), shape, gate.smoothness, at_zero == 0.0)
    return known


PRIME = "'"


def formulas(gate_tex: str) -> tuple[Callable[..., str], Callable[..., str]]:
    """The value's and the first derivative's formulas for the gate named ``gate_tex`` (``\\sigma``;
    empty for the identity)."""
    def applied(argument: str, prime: str = "") -> str:
        return f"{gate_tex}{prime}({argument})" if gate_tex else argument

    def value(vary: str, **_: Any) -> str:
        return f"$c\\,{applied('x')}$" if vary == "gate" else f"$x\\,{applied('c')}$"

    def slope(vary: str, **_: Any) -> str:
        if vary == "gate":
            return f"$c\\,{applied('x', PRIME)}$" if gate_tex else "$c$"
        return f"${applied('c')}$"
    return value, slope


def entry(name: str, gate: Gate, gate_tex: str, extra: tuple[Param, ...] = (), **fields: Any) -> Activation:
    """A gated unit's entry: its two inputs' parameters, ``extra`` gate parameters, and the rest."""
    function = unit(gate)
    value_formula, slope_formula = formulas(gate_tex)
    return Activation(
        name=name, parameters=(vary_param(), held_param(), *extra),
        value_fn=function, derivative_fns=(lambda x, **p: function(x, order=1, **p),
                                           lambda x, **p: function(x, order=2, **p)),
        formula=value_formula, derivative_formula=slope_formula,
        breakpoints_fn=breakpoints(gate), properties=properties(gate), **fields)


def _identity(x: Array) -> Array:
    return x


def _ones(x: Array) -> Array:
    return np.ones_like(x)


def _zeros(x: Array) -> Array:
    return np.zeros_like(x)


def _relu(x: Array) -> Array:
    return np.maximum(x, 0.0)


def _step(x: Array) -> Array:
    """ReLU's derivative: 1 above 0, and 0 at 0 (PyTorch's and JAX's convention)."""
    return np.where(x > 0.0, 1.0, 0.0)


SIGMOID_GATE = Gate((sigmoid, sigmoid_slope, sigmoid_curvature), lambda: (0.0, 1.0), lambda: "increasing")
IDENTITY_GATE = Gate((_identity, _ones, _zeros), lambda: (-math.inf, math.inf), lambda: "increasing")
RELU_GATE = Gate((_relu, _step, _zeros), lambda: (0.0, math.inf), lambda: "increasing", 0.0,
                 (Breakpoint(0.0, 1),))
GELU_GATE = Gate((gelu, gelu_d1, gelu_d2),
                 lambda approximate: (GELU_TANH_MIN if approximate == "tanh" else GELU_MIN, math.inf),
                 lambda approximate: "no")
SWISH_GATE = Gate((swish, swish_d1, swish_d2),
                  lambda beta: (SILU_MIN / beta if beta > 0.0 else -math.inf, math.inf),
                  lambda beta: "no" if beta > 0.0 else "increasing")


GLU = entry(
    "glu", SIGMOID_GATE, r"\sigma",
    torch="GLU",
    aliases=("gated-linear-unit",),
    paper=GLU_PAPER,
    summary="Gated linear unit: a value input times the sigmoid of a gate's input, one of them held.",
    note=CONVENTION + " With vary='gate' and held=1 the curve is the sigmoid.",
)

BILINEAR = entry(
    "bilinear", IDENTITY_GATE, "",
    aliases=("bilinear-glu",),
    paper=VARIANTS_PAPER,
    summary="Bilinear unit: the value input times the gate's input, no nonlinearity (a GLU without its sigmoid).",
    note=CONVENTION + " Either way the curve is a line: the unit is linear in each input.",
)

REGLU = entry(
    "reglu", RELU_GATE, r"\mathrm{ReLU}",
    paper=VARIANTS_PAPER,
    summary="ReGLU: the value input times the ReLU of a gate's input, one of them held.",
    kink_convention="vary='gate': a kink at x = 0 with f'(0) = 0 and f''(0) = 0, as ReLU's derivative is 0 at 0 "
                    "in PyTorch and JAX; vary='value' is a line.",
    note=CONVENTION,
)

GEGLU = entry(
    "geglu", GELU_GATE, r"\mathrm{GELU}",
    extra=(Param("approximate", "none", "'none' for the exact GELU gate, 'tanh' for its tanh approximation",
                 domain=Choice(("none", "tanh")), examples=("tanh",)),),
    paper=VARIANTS_PAPER,
    summary="GeGLU: the value input times the GELU of a gate's input, one of them held.",
    note=CONVENTION + " Shazeer's GeGLU uses the exact GELU; many implementations use its tanh form "
                      "(approximate='tanh').",
)

SWIGLU = entry(
    "swiglu", SWISH_GATE, r"\mathrm{Swish}_{\beta}",
    extra=(Param("beta", 1.0, "sharpness of the Swish gate x sigmoid(beta x); 1 is SiLU", symbol=r"\beta",
                 domain=closed(0.0, HELD_LIMIT), examples=(0.5, 2.0)),),
    paper=VARIANTS_PAPER,
    summary="SwiGLU: the value input times the Swish of a gate's input, one of them held (LLaMA's feed-forward).",
    note=CONVENTION + " Swish_beta(b) = b sigmoid(beta b); beta = 1 (SiLU) in Shazeer's experiments and in LLaMA.",
)

ENTRIES = (GLU, BILINEAR, REGLU, GEGLU, SWIGLU)
