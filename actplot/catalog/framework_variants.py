"""Framework variants: curves that a framework computes and no other entry does.

A framework name (:mod:`actplot.catalog.frameworks`) resolves to the canonical entry that
computes its curve. Where a framework differs from every other entry, in its values or only in
its derivative at a kink (autograd there follows the framework's branches: ``where(x >= 0, ...)``
in ``jax.nn.leaky_relu``, TensorFlow's gradient of ``maximum`` at a tie...), the curve is an
entry of this family, with that framework's convention stated in ``kink_convention``.

``log1mexp`` (JAX) is defined for x > 0 only; as every catalog entry is finite on the whole
line, it is not registered by name and is reached only as ``jax.nn.log1mexp`` (FRAMEWORK_ONLY).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from actplot.catalog.builder import breaks_at
from actplot.catalog.exponential import (
    CELU,
    ELU,
    SELU,
    SELU_ALPHA,
    SELU_SCALE,
    elu_properties,
    elu_shape,
    elu_shape_d1,
    elu_shape_d2,
)
from actplot.catalog.gated import HARDSWISH
from actplot.catalog.rectifiers import LEAKY_RELU, PRELU, leaky, leaky_kinks, leaky_properties
from actplot.catalog.shrink import shrink_d1
from actplot.catalog.softmax import CONVENTION, sorted_logits, sparse_entry, support_size
from actplot.catalog.special import inside, scaled, sigmoid, sigmoid_slope, softplus, zeros
from actplot.catalog.squashing import HARDTANH, SOFTSIGN, SPARSE_SIGMOID
from actplot.core.errors import ParameterError
from actplot.core.schema import (
    NON_NEGATIVE,
    POSITIVE,
    Activation,
    Array,
    Breakpoint,
    Constraint,
    Interval,
    Param,
    ParamValue,
    Properties,
)

TITLE = "As the frameworks compute them"


def to_float32(value: float) -> float:
    """``value`` rounded to float32, as a float64 (inf beyond float32's range, without a warning)."""
    with np.errstate(over="ignore"):
        return float(np.float32(value))


@dataclass(frozen=True)
class FrameworkParam(Param):
    """A parameter as a framework spells it: its own words for some values (JAX's True, Keras's None),
    and whether the framework keeps it in float32 (``float32``: the value must then stay inside the
    domain once rounded; the curve computes with the rounded value, see
    :func:`actplot.catalog.frameworks.build`)."""

    words: tuple[tuple[str, ParamValue], ...] = ()
    float32: bool = False

    def coerce(self, value: Any) -> ParamValue:
        if value is None or isinstance(value, bool | str):
            key = str(value).strip().lower()
            for word, meaning in self.words:
                if key == word:
                    return meaning
        if isinstance(value, float) and any(value == meaning for _, meaning in self.words):
            return value  # the meaning itself (inf for Keras's None), as the command line passes it
        number = super().coerce(value)
        if self.float32 and isinstance(number, float) and isinstance(self.domain, Interval) and not (
                self.domain.contains(to_float32(number))):
            raise ParameterError(f"{self.name} must be {self.domain} once rounded to float32 (as the framework "
                                 f"keeps it), got {value!r} (float32: {to_float32(number)!r})")
        return number


#: A derivative's value at one point, both given as functions of the parameters (by name).
Patch = tuple[Callable[[Mapping[str, Any]], float], Callable[[Mapping[str, Any]], float]]


def _patched(function: Callable[..., Array], patches: tuple[Patch, ...]) -> Callable[..., Array]:
    """``function`` with its value replaced at single points: a framework's convention at a kink."""
    def patched(x: Array, **params: Any) -> Array:
        out = np.array(np.broadcast_to(function(x, **params), np.shape(x)), dtype=np.float64)
        for point, value in patches:
            out[x == point(params)] = value(params)
        return out
    return patched


def convention(base: Activation, name: str, summary: str, kink_convention: str,
               d1: tuple[Patch, ...] = (), d2: tuple[Patch, ...] = (), **changes: Any) -> Activation:
    """``base``'s curve under another name, with the first and second derivatives ``d1`` and
    ``d2`` taking a framework's values at its kinks."""
    first, second = base.derivative_fns
    return dataclasses.replace(
        base, name=name, display_name=name, reference=name, torch=None, aliases=(), summary=summary,
        kink_convention=kink_convention,
        derivative_fns=(_patched(first, d1) if d1 else first, _patched(second, d2) if d2 else second),
        **changes)


def at_zero(value: Callable[[Mapping[str, Any]], float]) -> Patch:
    return (lambda p: 0.0, value)


# --- JAX's conventions ---------------------------------------------------------------------

LEAKY_RELU_INCLUSIVE = convention(
    LEAKY_RELU, "inclusive-leaky-relu",
    "Leaky ReLU as jax.nn.leaky_relu computes it: f'(0) = 1, the x >= 0 branch.",
    "f'(0) = 1 (the x >= 0 branch) and f''(0) = 0, as JAX's autograd of where(x >= 0, x, alpha x).",
    d1=(at_zero(lambda p: 1.0),),
    formula=r"$x\ \mathrm{if}\ x \geq 0\ \mathrm{else}\ \alpha x$",
    derivative_formula=r"$1\ \mathrm{if}\ x \geq 0\ \mathrm{else}\ \alpha$",
)


HARDTANH_INCLUSIVE = convention(
    HARDTANH, "inclusive-hardtanh",
    "Hard tanh as JAX and Keras compute it: slope 1 at the corners, the linear branch.",
    ("f'(min_val) = f'(max_val) = 1 (the linear branch) and f'' = 0, as JAX's autograd of "
     "where(x > 1, 1, where(x < -1, -1, x)) and TensorFlow's of clip_by_value."),
    d1=((lambda p: p["min_val"], lambda p: 1.0), (lambda p: p["max_val"], lambda p: 1.0)),
    derivative_formula=r"$1\ \mathrm{if}\ a \leq x \leq b\ \mathrm{else}\ 0$",
)


ELU_JAX = convention(
    ELU, "elu-jax", "ELU as jax.nn.elu computes it: f''(0) = alpha, the exponential branch.",
    "f'(0) = alpha and f''(0) = alpha (the exponential branch, where(x > 0, ...)), as JAX's autograd.",
    d2=(at_zero(lambda p: p["alpha"]),))

CELU_JAX = convention(
    CELU, "celu-jax", "CELU as jax.nn.celu computes it: f''(0) = 1 / (4 alpha).",
    ("f'(0) = 1 and f''(0) = 1 / (4 alpha), as JAX's autograd of max(x, 0) + alpha expm1(min(x, 0) / alpha): "
     "at a tie jnp.maximum and jnp.minimum give each argument half the gradient."),
    d2=(at_zero(lambda p: 0.25 / p["alpha"]),))

SELU_JAX = convention(
    SELU, "selu-jax", "SELU as jax.nn.selu computes it: f''(0) = scale * alpha, the exponential branch.",
    "f'(0) = f''(0) = scale * alpha (the exponential branch), as JAX's autograd.",
    d2=(at_zero(lambda p: SELU_SCALE * SELU_ALPHA),))

SOFTSIGN_JAX = convention(
    SOFTSIGN, "softsign-jax", "Softsign as jax.nn.soft_sign computes it: f''(0) = -2.",
    "f''(0) = -2 (the right limit): JAX differentiates |x| as sign(x), and the quotient rule leaves -2 at 0.",
    d2=(at_zero(lambda p: -2.0),))


def log1mexp(x: Array) -> Array:
    """log(1 - exp(-x)) for x > 0 (JAX's two branches, split at log 2); -inf at 0, NaN below."""
    with np.errstate(divide="ignore", invalid="ignore"):
        near = np.log(-np.expm1(-np.maximum(x, 0.0)))
        far = np.log1p(-np.exp(-np.maximum(x, math.log(2.0))))
        return np.where(x < 0, np.nan, np.where(x < math.log(2.0), near, far))


def log1mexp_d1(x: Array) -> Array:
    """1 / (exp(x) - 1); +inf at 0, NaN below."""
    with np.errstate(divide="ignore", over="ignore"):
        return np.where(x < 0, np.nan, 1.0 / np.expm1(np.maximum(x, 0.0)))


def log1mexp_d2(x: Array) -> Array:
    """-exp(x) / (exp(x) - 1)^2 = -1 / (4 sinh^2(x / 2)); -inf at 0, NaN below."""
    with np.errstate(divide="ignore", over="ignore"):
        return np.where(x < 0, np.nan, -0.25 / np.sinh(np.maximum(x, 0.0) / 2.0) ** 2)


LOG1MEXP = Activation(
    name="log1mexp",
    summary="log(1 - exp(-x)), JAX's log1mexp: the log-probability of the complement, for x > 0.",
    formula=r"$\ln(1 - e^{-x}),\ x > 0$",
    derivative_formula=r"$\frac{1}{e^{x} - 1}$",
    value_fn=log1mexp,
    derivative_fns=(log1mexp_d1, log1mexp_d2),
    properties=Properties((-math.inf, 0.0), "increasing", math.inf, False),
    kink_convention="defined for x > 0 only: f(0) = -inf, f'(0) = +inf, and NaN for x < 0 (JAX's value there).",
    default_range=(0.05, 5.0),
    note="Defined for x > 0; no PyTorch counterpart.",
    family="framework_variants",
)


def softplus_exact_d2(x: Array) -> Array:
    return sigmoid_slope(x)


SOFTPLUS_EXACT = Activation(
    name="softplus-exact",
    aliases=("logaddexp-softplus",),
    summary="Softplus log(1 + exp(x)) everywhere, as JAX, Keras, TensorFlow and ONNX compute it (no switch to x).",
    formula=r"$\ln(1 + e^{x})$",
    derivative_formula=r"$\sigma(x)$",
    value_fn=softplus,
    derivative_fns=(sigmoid, softplus_exact_d2),
    properties=Properties((0.0, math.inf), "increasing", math.inf, False),
    note="PyTorch's Softplus switches to x above beta x > threshold (20); these frameworks do not.",
)


# --- Keras's and TensorFlow's conventions (TensorFlow backend) -------------------------------

CELU_KERAS = convention(
    CELU, "celu-keras", "CELU as Keras computes it on TensorFlow: f'(0) = 2, both branches' slopes added.",
    ("f'(0) = 2 and f''(0) = 1 / alpha, as TensorFlow's autograd of max(x, 0) + alpha expm1(min(x, 0) / alpha): "
     "at a tie tf.maximum and tf.minimum each pass the whole gradient to x, so the two slopes add up."),
    d1=(at_zero(lambda p: 2.0),), d2=(at_zero(lambda p: 1.0 / p["alpha"]),),
    breakpoints_fn=breaks_at(0.0),
    properties=lambda alpha: Properties((-alpha, math.inf), "increasing", 0, True),
    note="The curve is CELU; only the derivative at 0 is TensorFlow's (2), so f' jumps there and the entry is C0.",
)

SELU_RIGHT = convention(
    SELU, "selu-tf", "SELU as TensorFlow computes it: f'(0) = scale, the linear branch.",
    "f'(0) = scale (the linear branch) and f''(0) = 0, as TensorFlow's SeluGrad.",
    d1=(at_zero(lambda p: SELU_SCALE),))

SPARSE_SIGMOID_KERAS = convention(
    SPARSE_SIGMOID, "sparse-sigmoid-keras",
    "Sparse sigmoid as Keras computes it on TensorFlow: slope 0 at the corners.",
    "f'(-1) = f'(1) = 0 (the outer branches) and f'' = 0, as TensorFlow's autograd of Keras's where.",
    d1=((lambda p: -1.0, lambda p: 0.0), (lambda p: 1.0, lambda p: 0.0)))


PRELU_KERAS = convention(
    PRELU, "prelu-keras", "PReLU as Keras computes it on TensorFlow: relu(x) - a relu(-x), so f'(0) = 0.",
    "f'(0) = 0 and f''(0) = 0: TensorFlow's autograd of relu(x) - a relu(-x), both relus flat at 0.",
    d1=(at_zero(lambda p: 0.0),),
    breakpoints_fn=breaks_at(0.0),
    properties=lambda init: dataclasses.replace(leaky_properties(init), smoothness=0),
    note="With a = 1 the curve is the identity, but f'(0) = 0 still: the entry keeps its kink at 0.")


NO_CAP = (("none", math.inf), ("inf", math.inf))
#: Keras's relu slope, kept in [0, 1] (a leaky slope) so that slope * (x - threshold) stays finite.
UNIT = Interval(0.0, 1.0, low_open=False, high_open=False)


def keras_relu_is_leaky(negative_slope: float, max_value: float, threshold: float) -> bool:
    """Keras hands this case to leaky_relu, whose convention differs (and which keeps the slope in
    float32: :func:`leaky_slope`)."""
    return negative_slope != 0 and math.isinf(max_value) and threshold == 0


def leaky_slope(negative_slope: float) -> float:
    """The slope as tf.nn.leaky_relu computes with it: rounded to float32 (0.1 is 0.10000000149...)."""
    return to_float32(negative_slope)


def keras_relu(x: Array, negative_slope: float, max_value: float, threshold: float) -> Array:
    """x * [x > threshold] clipped to [0, max_value], plus negative_slope (x - threshold) below it."""
    if keras_relu_is_leaky(negative_slope, max_value, threshold):
        return leaky(x, leaky_slope(negative_slope))
    above = np.where(x > threshold, np.minimum(x, max_value), 0.0)
    return above + scaled(negative_slope, np.minimum(x - threshold, 0.0))


def keras_relu_d1(x: Array, negative_slope: float, max_value: float, threshold: float) -> Array:
    """TensorFlow's gradient of Keras's relu: each branch as it computes it."""
    if keras_relu_is_leaky(negative_slope, max_value, threshold):
        return np.where(x > 0, 1.0, leaky_slope(negative_slope))  # tf.nn.leaky_relu: the slope at 0
    if threshold == 0 and max_value == 6:
        linear = (x > 0) & (x < 6)  # tf.nn.relu6: 0 at both corners
    else:
        linear = (x > threshold) & (x <= max_value)  # x * [x > t], then clip_by_value: 1 at the cap
    return np.where(linear, 1.0, 0.0) + np.where(x < threshold, negative_slope, 0.0)


def keras_relu_breakpoints(negative_slope: float, max_value: float, threshold: float) -> tuple[Breakpoint, ...]:
    if keras_relu_is_leaky(negative_slope, max_value, threshold):
        return leaky_kinks(leaky_slope(negative_slope))
    points = [Breakpoint(threshold, 0 if threshold > 0 else 1)]
    if math.isfinite(max_value):
        points.append(Breakpoint(max_value, 1))
    return tuple(points)


def keras_relu_properties(negative_slope: float, max_value: float, threshold: float) -> Properties:
    points = keras_relu_breakpoints(negative_slope, max_value, threshold)
    if keras_relu_is_leaky(negative_slope, max_value, threshold):
        negative_slope = leaky_slope(negative_slope)
    return Properties(
        (-math.inf if negative_slope > 0 else 0.0, max_value),
        "increasing",
        min(p.order for p in points) - 1 if points else math.inf,
        negative_slope == 0 or threshold == 0,
    )


KERAS_RELU = Activation(
    name="keras-relu",
    summary="Keras's relu: one function for ReLU, leaky ReLU, a cap (max_value) and a threshold.",
    parameters=(
        Param("negative_slope", 0.0, "slope below the threshold", symbol=r"\alpha", domain=UNIT,
              aliases=("alpha",), examples=(0.1,)),
        FrameworkParam("max_value", math.inf, "the cap; none (the default) for no cap", symbol="m", domain=POSITIVE,
                       examples=(6.0, 2.0), words=NO_CAP),
        Param("threshold", 0.0, "inputs at or below it are 0 (then the negative slope)", symbol=r"\theta",
              domain=NON_NEGATIVE, examples=(0.5,)),
    ),
    constraints=(Constraint(lambda p: p["threshold"] <= p["max_value"], "threshold must not exceed max_value"),),
    formula=(r"$\min(x,\ m)\ \mathrm{if}\ x > \theta\ \mathrm{else}\ \alpha\,(x - \theta)$"),
    derivative_formula=(r"$1\ \mathrm{if}\ \theta < x \leq m\ \mathrm{else}\ "
                        r"(\alpha\ \mathrm{if}\ x < \theta\ \mathrm{else}\ 0)$"),
    value_fn=keras_relu,
    derivative_fns=(keras_relu_d1, zeros),
    breakpoints_fn=keras_relu_breakpoints,
    kink_convention=("TensorFlow's autograd of Keras's branches: f'(threshold) = 0 and f'(max_value) = 1 "
                     "(clip_by_value); with a slope, no cap and no threshold Keras calls leaky_relu, f'(0) = slope; "
                     "with max_value 6 and no threshold it calls relu6, f'(6) = 0."),
    properties=keras_relu_properties,
    default_range=(-3.0, 8.0),
    note=("max_value none: no cap. A threshold above 0 makes the curve jump from 0 to the threshold there. With a "
          "slope, no cap and no threshold, Keras calls tf.nn.leaky_relu, which keeps the slope in float32: so does "
          "the curve then (0.1 computes as 0.10000000149011612); otherwise the slope stays a float64."),
)


# --- ONNX operators ---------------------------------------------------------------------------

def hard_sigmoid_corners(alpha: float, beta: float) -> tuple[float, float]:
    """Where alpha x + beta is 0 and 1."""
    with np.errstate(over="ignore"):
        low, high = np.divide(-beta, alpha), np.divide(1.0 - beta, alpha)
    return float(low), float(high)


def affine_hard_sigmoid(x: Array, alpha: float, beta: float) -> Array:
    low, high = hard_sigmoid_corners(alpha, beta)
    with np.errstate(over="ignore"):
        line = np.clip(scaled(alpha, x) + beta, 0.0, 1.0)
    return np.where(x <= low, 0.0, np.where(x >= high, 1.0, line))


AFFINE_HARD_SIGMOID = Activation(
    name="affine-hard-sigmoid",
    aliases=("hard-sigmoid-affine",),
    summary="Hard sigmoid max(0, min(1, alpha x + beta)): ONNX's HardSigmoid (alpha 0.2, beta 0.5), old tf.keras's.",
    parameters=(
        Param("alpha", 0.2, "slope of the line", symbol=r"\alpha", domain=POSITIVE, examples=(1.0 / 6.0, 1.0)),
        Param("beta", 0.5, "the line's value at 0", symbol=r"\beta", examples=(0.0, 0.25)),
    ),
    formula=r"$\max(0,\ \min(1,\ \alpha x + \beta))$",
    derivative_formula=r"$\alpha\ \mathrm{if}\ 0 < \alpha x + \beta < 1\ \mathrm{else}\ 0$",
    value_fn=affine_hard_sigmoid,
    derivative_fns=(lambda x, alpha, beta: inside(x, *hard_sigmoid_corners(alpha, beta), alpha), zeros),
    breakpoints_fn=lambda alpha, beta: tuple(Breakpoint(b, 1) for b in hard_sigmoid_corners(alpha, beta)
                                             if math.isfinite(b)),
    kink_convention="f' = 0 at both corners (the flat branches) and f'' = 0, as PyTorch's Hardsigmoid; "
                    "ONNX defines no derivative.",
    properties=lambda alpha, beta: Properties(
        (0.0, 1.0), "increasing", 0 if all(map(math.isfinite, hard_sigmoid_corners(alpha, beta))) else math.inf,
        beta <= 0.0),
)


def shrink(x: Array, lambd: float, bias: float) -> Array:
    """x - bias above lambd, x + bias below -lambd, 0 between (the corners included)."""
    return np.where(x > lambd, x - bias, np.where(x < -lambd, x + bias, 0.0))


SHRINK = Activation(
    name="shrink",
    aliases=("onnx-shrink",),
    summary="ONNX's Shrink: 0 within lambd of zero, x -+ bias outside; hardshrink at bias 0, softshrink at bias lambd.",
    parameters=(
        Param("lambd", 0.5, "inputs with |x| <= lambd become 0", symbol=r"\lambda", domain=NON_NEGATIVE,
              aliases=("lambda",), examples=(0.0, 1.0)),
        Param("bias", 0.0, "moved toward 0 outside the dead zone", symbol="b", examples=(0.5, 1.0, -0.25)),
    ),
    formula=r"$x - b\ \mathrm{if}\ x > \lambda;\ x + b\ \mathrm{if}\ x < -\lambda;\ 0\ \mathrm{else}$",
    derivative_formula=r"$1\ \mathrm{if}\ |x| > \lambda\ \mathrm{else}\ 0$",
    value_fn=shrink,
    derivative_fns=(lambda x, lambd, bias: shrink_d1(x, lambd), zeros),
    breakpoints_fn=lambda lambd, bias: tuple(Breakpoint(b, 1 if bias == lambd else 0) for b in (-lambd, lambd)),
    kink_convention="f(+-lambd) = 0 and f'(+-lambd) = 0 (the zero branch), as PyTorch's Hardshrink and Softshrink; "
                    "ONNX defines no derivative.",
    properties=lambda lambd, bias: Properties(
        (-math.inf, math.inf), "increasing" if bias <= lambd else "no", 0 if bias == lambd else -1, True),
    default_range=(-2.0, 2.0),
)


SELU_PARAMETRIC = Activation(
    name="selu-parametric",
    summary="SELU with its constants as parameters, as ONNX's Selu(alpha, gamma).",
    parameters=(
        Param("alpha", SELU_ALPHA, "the negative saturation is -gamma alpha", symbol=r"\alpha", examples=(1.0, 2.0)),
        Param("gamma", SELU_SCALE, "the scale of both branches", symbol=r"\gamma",
              domain=Interval(0.0, 10.0, high_open=False),
              examples=(1.0, 2.0)),
    ),
    formula=r"$\gamma x\ \mathrm{if}\ x > 0\ \mathrm{else}\ \gamma\alpha\,(e^{x} - 1)$",
    derivative_formula=r"$\gamma\ \mathrm{if}\ x > 0\ \mathrm{else}\ \gamma\alpha\,e^{x}$",
    value_fn=lambda x, alpha, gamma: scaled(gamma, elu_shape(x, alpha)),
    derivative_fns=(lambda x, alpha, gamma: scaled(gamma, elu_shape_d1(x, alpha)),
                    lambda x, alpha, gamma: scaled(gamma, elu_shape_d2(x, alpha))),
    breakpoints_fn=lambda alpha, gamma: (Breakpoint(0.0, 2 if alpha == 1 else 1),),
    kink_convention="f'(0) = gamma alpha (the exponential branch) and f''(0) = 0, as PyTorch's SELU; "
                    "ONNX defines no derivative.",
    properties=lambda alpha, gamma: dataclasses.replace(
        elu_properties(alpha), output_range=(gamma * elu_properties(alpha).output_range[0], math.inf)),
    note=f"At the defaults it is PyTorch's SELU (alpha = {SELU_ALPHA!r}, gamma = {SELU_SCALE!r}); "
         "ONNX's defaults are these rounded to float32.",
)


# --- Keras's sparsemax ---------------------------------------------------------------------

def keras_sparsemax_rows(x: Array, others: tuple[float, ...]) -> tuple[Array, Array]:
    """Output 0 of Keras 3's sparsemax and its autograd slope: the support as sparsemax's, but the
    threshold (C_1 + ... + C_k - 1)/k, a sum of the support's cumulative sums, not (C_k - 1)/k.

    x's weight in that sum is k - r + 1 (r its rank, where r <= k), and TensorFlow's gradient of
    maximum goes to x - tau on a tie, so the slope is 1 - (k - r + 1)/k where x - tau >= 0.
    """
    ordered, cumulative, positions, rank = sorted_logits(x, others)
    k = support_size(ordered, cumulative, positions)
    x = np.asarray(x, dtype=np.float64).reshape(-1)
    # tau k = sum over the support of (k - i + 1) z_(i): x's weight apart, so that where x's
    # weight is k the difference x - tau is computed from the other logits alone, without rounding x
    row = np.sort(np.asarray(others, dtype=np.float64))[::-1]
    place = np.arange(1, row.size + 1)[None, :] + (np.arange(1, row.size + 1)[None, :] >= rank[:, None])
    weights = np.where(place <= k[:, None], k[:, None] - place + 1, 0)
    weight = np.where(rank <= k, k - rank + 1, 0)
    with np.errstate(over="ignore", invalid="ignore"):
        difference = ((k - weight) * x - (weights * row[None, :]).sum(axis=1) + 1.0) / k
    return np.maximum(difference, 0.0), np.where(difference >= 0.0, 1.0 - weight / k, 0.0)


def keras_sparsemax_candidates(others: tuple[float, ...]) -> list[float]:
    """Every x where Keras's sparsemax may change its linear piece: where x passes another logit,
    where a sorted logit's support test 1 + j z_(j) > C_j flips, and where x - tau crosses 0, for
    each rank r of x and support size k (each a linear equation in x)."""
    row = np.sort(np.asarray(others, dtype=np.float64))[::-1]
    prefix = np.concatenate([[0.0], np.cumsum(row)])  # prefix[i]: the i largest others
    found = [float(v) for v in row]
    for r in range(1, row.size + 2):
        if r > 1:
            found.append((prefix[r - 1] - 1.0) / (r - 1))  # x's own test, at position r
        found += [1.0 + i * row[i - 2] - prefix[i - 1] for i in range(r + 1, row.size + 2)]
        for k in range(1, row.size + 2):
            if r > k:
                found.append((prefix[1:k + 1].sum() - 1.0) / k)
            elif r > 1:
                constant = prefix[1:r].sum() + sum(prefix[i - 1] for i in range(r, k + 1))
                found.append((constant - 1.0) / (r - 1))
    merged: list[float] = []
    for v in sorted(v for v in found if math.isfinite(v)):  # one point where rounding made two
        if not merged or v - merged[-1] > 1e-12 * max(1.0, abs(v)):
            merged.append(v)
    return merged


def keras_sparsemax_breakpoints(others: tuple[float, ...]) -> tuple[Breakpoint, ...]:
    """The candidates where the value (order 0) or the slope (order 1) really changes, told apart by
    the linear pieces on either side."""
    points = []
    for b in keras_sparsemax_candidates(others):
        step = 1e-7 * max(1.0, abs(b))
        (left, right), (left_slope, right_slope) = keras_sparsemax_rows(np.array([b - step, b + step]), others)
        jump = abs((right - right_slope * step) - (left + left_slope * step))
        if jump > 1e-9 * max(1.0, abs(b)):
            points.append(Breakpoint(b, 0))
        elif abs(right_slope - left_slope) > 1e-12:
            points.append(Breakpoint(b, 1))
    return tuple(points)


def keras_sparsemax_smoothness(others: tuple[float, ...]) -> float:
    """C0 where it only kinks, -1 where it jumps (C-infinity if it did neither)."""
    return min((p.order - 1 for p in keras_sparsemax_breakpoints(others)), default=math.inf)


SPARSEMAX_KERAS = Activation(
    name="sparsemax-keras",
    summary="Keras 3's sparsemax, first output: its threshold sums the support's cumulative sums.",
    formula=r"$\max(x - \tau,\ 0),\ \tau = (\Sigma_{i \leq k}\, C_i - 1)/k,\ C_i = \Sigma_{j \leq i}\, z_{(j)}$",
    derivative_formula=r"$1 - \frac{k - r + 1}{k}\ \mathrm{if}\ x \geq \tau\ \mathrm{else}\ 0$",
    **sparse_entry(keras_sparsemax_rows, keras_sparsemax_breakpoints, keras_sparsemax_smoothness),
    kink_convention=("As TensorFlow's autograd: x ranks before an equal logit (a stable sort), and the gradient "
                     "of maximum goes to x - tau where x - tau = 0, so f' there is the support's slope."),
    note=("Keras 3 (3.15.1, every backend) computes tau = (C_1 + ... + C_k - 1)/k, with C_j the cumulative sums "
          "of the sorted logits, where sparsemax's is (C_k - 1)/k. The two agree when one logit is in the support "
          "and differ otherwise: the outputs no longer sum to 1 (keras.activations.sparsemax([0.5, 0]) is "
          "[0.5, 0], sparsemax's is [0.75, 0.25]), the curve is flat at 0.5 for 0 <= x < 1 with others = 0, and "
          "it jumps where the support shrinks. " + CONVENTION),
)


# --- Earlier versions' conventions -----------------------------------------------------------

def _corner(index: int) -> Patch:
    """f' = alpha at one corner (0: the lower) of the affine hard sigmoid."""
    return (lambda p: hard_sigmoid_corners(p["alpha"], p["beta"])[index], lambda p: p["alpha"])


HARD_SIGMOID_INCLUSIVE = convention(
    AFFINE_HARD_SIGMOID, "inclusive-hard-sigmoid",
    "Hard sigmoid max(0, min(1, alpha x + beta)) with f' = alpha at its corners: Keras 2's hard_sigmoid.",
    "f' = alpha at both corners (the sloped branch: TensorFlow's clip_by_value passes the gradient at its "
    "bounds) and f'' = 0.",
    d1=(_corner(0), _corner(1)),
    derivative_formula=r"$\alpha\ \mathrm{if}\ 0 \leq \alpha x + \beta \leq 1\ \mathrm{else}\ 0$",
)


HARDSWISH_CLOSED = convention(
    HARDSWISH, "hardswish-closed",
    "Hard Swish with f'(-3) = -1/2 and f'(3) = 3/2: PyTorch's gradient before 2.8.",
    "f'(-3) = -1/2 and f'(3) = 3/2, the middle branch x/3 + 1/2 on the closed [-3, 3] (PyTorch before 2.8; "
    "2.8 made them 0 and 1), and f'' = 0 at both.",
    d1=((lambda p: -3.0, lambda p: -0.5), (lambda p: 3.0, lambda p: 1.5)),
    derivative_formula=(r"$0\ \mathrm{if}\ x < -3;\ \frac{x}{3} + \frac{1}{2}\ \mathrm{if}\ x \leq 3;"
                        r"\ 1\ \mathrm{else}$"),
)


ENTRIES: tuple[Activation, ...] = (
    LEAKY_RELU_INCLUSIVE, HARDTANH_INCLUSIVE, ELU_JAX, CELU_JAX, SELU_JAX, SOFTSIGN_JAX, SOFTPLUS_EXACT,
    CELU_KERAS, SELU_RIGHT, SPARSE_SIGMOID_KERAS, PRELU_KERAS, KERAS_RELU, AFFINE_HARD_SIGMOID, SHRINK, SELU_PARAMETRIC,
    SPARSEMAX_KERAS, HARD_SIGMOID_INCLUSIVE, HARDSWISH_CLOSED,
)

#: Entries reached only through a framework name: defined on part of the line (see the docstring).
FRAMEWORK_ONLY: Mapping[str, Activation] = {LOG1MEXP.name: LOG1MEXP}
