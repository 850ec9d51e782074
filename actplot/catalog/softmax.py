"""The softmax family, drawn as one logit x against fixed other logits.

Softmax, Softmin, LogSoftmax, Sparsemax and Hardmax map a vector to a vector, so they have no
curve of their own.
actplot draws output 0 as a function of input 0 = x, with the other logits held fixed
(parameter ``others``, by default the single logit 0), and the derivative is the partial
derivative of that output with respect to x. Since
``exp(x) / (exp(x) + sum(exp(others))) = sigmoid(x - logsumexp(others))``, with the default
``others = (0,)`` softmax is exactly the sigmoid, softmin is sigmoid(-x) and log-softmax is
log-sigmoid. Sparsemax (Martins and Astudillo) is piecewise linear in x, with a kink wherever a
logit enters or leaves the support; with others = (0,) it is the sparse sigmoid
clip((x + 1)/2, 0, 1). Hardmax is a step where x reaches the largest other logit.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TypedDict

import numpy as np

from actplot.catalog.special import (
    log_sigmoid,
    logsumexp,
    sigmoid,
    sigmoid_curvature,
    sigmoid_slope,
)
from actplot.core.schema import Activation, Array, Breakpoint, Function, Paper, Param, Properties, Vector

TITLE = "The softmax family"

CONVENTION = ("Drawn as output 0 against input 0 = x, the other logits fixed at `others`; "
              "the derivative is the partial derivative with respect to x. "
              "With the default others = 0 this is the two-logit case.")


def others_param() -> Param:
    """The logits held fixed beside x."""
    return Param("others", (0.0,), "the other logits, held fixed (comma-separated)", symbol="z_j",
                 domain=Vector(), aliases=("logits", "other_logits"), examples=((2.0,), (-1.0, 0.0, 1.0)))


def shift(x: Array, others: tuple[float, ...]) -> Array:
    """x - logsumexp(others): softmax's output 0 is the sigmoid of this."""
    return x - logsumexp(others)


def flipped_shift(x: Array, others: tuple[float, ...]) -> Array:
    """-x - logsumexp(-others): softmin's output 0 is the sigmoid of this."""
    return -x - logsumexp(tuple(-v for v in others))


SOFTMAX = Activation(
    name="softmax",
    torch="Softmax",
    summary="Softmax's first output as its logit x varies, the other logits fixed.",
    parameters=(others_param(),),
    formula=r"$\frac{e^{x}}{e^{x} + \sum_j e^{z_j}}$",
    derivative_formula=r"$s\,(1 - s),\ s = \mathrm{softmax}(x)_0$",
    value_fn=lambda x, others: sigmoid(shift(x, others)),
    derivative_fns=(lambda x, others: sigmoid_slope(shift(x, others)),
                    lambda x, others: sigmoid_curvature(shift(x, others))),
    properties=Properties((0.0, 1.0), "increasing", math.inf, False),
    note=CONVENTION,
)


SOFTMIN = Activation(
    name="softmin",
    torch="Softmin",
    summary="Softmin's first output (softmax of the negated logits) as its logit x varies.",
    parameters=(others_param(),),
    formula=r"$\frac{e^{-x}}{e^{-x} + \sum_j e^{-z_j}}$",
    derivative_formula=r"$-s\,(1 - s),\ s = \mathrm{softmin}(x)_0$",
    value_fn=lambda x, others: sigmoid(flipped_shift(x, others)),
    derivative_fns=(lambda x, others: -sigmoid_slope(flipped_shift(x, others)),
                    lambda x, others: sigmoid_curvature(flipped_shift(x, others))),
    properties=Properties((0.0, 1.0), "decreasing", math.inf, False),
    note=CONVENTION,
)


LOG_SOFTMAX = Activation(
    name="log-softmax",
    torch="LogSoftmax",
    aliases=("logsoftmax",),
    summary="Log-softmax's first output, x - logsumexp(x, others), as its logit x varies.",
    parameters=(others_param(),),
    formula=r"$x - \ln(e^{x} + \sum_j e^{z_j})$",
    derivative_formula=r"$1 - \mathrm{softmax}(x)_0$",
    value_fn=lambda x, others: log_sigmoid(shift(x, others)),
    derivative_fns=(lambda x, others: sigmoid(-shift(x, others)),
                    lambda x, others: -sigmoid_slope(shift(x, others))),
    properties=Properties((-math.inf, 0.0), "increasing", math.inf, False),
    note=CONVENTION,
)

SPARSEMAX_PAPER = Paper("Martins, André F. T. and Astudillo, Ramón Fernandez",
                        "From Softmax to Sparsemax: A Sparse Model of Attention and Multi-Label Classification",
                        2016, arxiv="1602.02068", venue="International Conference on Machine Learning")

#: Output 0 of a sparse map and its slope in x, for x (n,) against the fixed logits ``others``.
SparseRows = Callable[[Array, tuple[float, ...]], tuple[Array, Array]]


def sorted_logits(x: Array, others: tuple[float, ...]) -> tuple[Array, Array, Array, Array]:
    """Each row [x, *others] sorted in decreasing order (x before any equal logit, as a stable
    sort puts index 0 first), its cumulative sums, the positions 1..n, and x's rank (1 = largest)."""
    x = np.asarray(x, dtype=np.float64).reshape(-1)
    row = np.asarray(others, dtype=np.float64)
    rank = 1 + (row[None, :] > x[:, None]).sum(axis=1)
    ordered = -np.sort(-np.column_stack([x, np.broadcast_to(row, (x.size, row.size))]), axis=1, kind="stable")
    with np.errstate(over="ignore", invalid="ignore"):
        cumulative = np.cumsum(ordered, axis=1)
    positions = np.arange(1, row.size + 2, dtype=np.float64)
    return ordered, cumulative, positions, rank


def support_size(ordered: Array, cumulative: Array, positions: Array) -> Array:
    """How many sorted logits are in the support: those with 1 + j z_(j) > C_j (strictly)."""
    with np.errstate(over="ignore", invalid="ignore"):
        inside = 1.0 + positions * ordered > cumulative
    return np.maximum(inside.sum(axis=1), 1)  # the largest is always in, whatever the rounding


def sparsemax_pieces(others: tuple[float, ...]) -> tuple[float, Array, Array]:
    """Sparsemax's output 0 as a function of x, piece by piece: where x enters the support (the
    threshold of the other logits alone), the x at which each other logit of that support
    leaves it as x grows (o_j leaves where tau reaches o_j: x = (j + 1) o_j - S_j + 1, the same
    point for tied logits), and S_j, the sums of the j largest other logits."""
    row = np.sort(np.asarray(others, dtype=np.float64))[::-1]
    sums = np.cumsum(row)
    positions = np.arange(1, row.size + 1, dtype=np.float64)
    with np.errstate(over="ignore", invalid="ignore"):
        size = max(int((1.0 + positions * row > sums).sum()), 1)  # the largest is in, rounding aside
    entering = (sums[size - 1] - 1.0) / size
    first = [j if j == 1 or row[j - 2] != row[j - 1] else 0 for j in range(1, size + 1)]
    for j in range(1, size):
        first[j] = first[j] or first[j - 1]
    with np.errstate(over="ignore", invalid="ignore"):
        leaving = np.array([(f + 1) * row[f - 1] - sums[f - 1] + 1.0 for f in first])
    return float(entering), leaving, np.concatenate([[0.0], sums[:size]])


def sparsemax_rows(x: Array, others: tuple[float, ...]) -> tuple[Array, Array]:
    """Sparsemax's output 0 and its slope: 0 up to where x enters the support; then, with k other
    logits still in it, (k x - S_k + 1)/(k + 1) and slope k/(k + 1); 1 once all have left.

    At each kink the slope is the one on the side where the support is smaller: x enters it
    strictly above the threshold, and a logit equal to the threshold is out (the strict test
    1 + j z_(j) > C_j of Martins and Astudillo's algorithm).
    """
    x = np.asarray(x, dtype=np.float64).reshape(-1)
    entering, leaving, sums = sparsemax_pieces(others)
    k = (leaving[None, :] > x[:, None]).sum(axis=1)
    inside = x > entering
    with np.errstate(over="ignore", invalid="ignore"):
        value = np.where(inside, (k * x - sums[k] + 1.0) / (k + 1.0), 0.0)
    return np.clip(value, 0.0, 1.0), np.where(inside, k / (k + 1.0), 0.0)


def sparsemax_breakpoints(others: tuple[float, ...]) -> tuple[Breakpoint, ...]:
    """Where x enters the support and where each other logit leaves it: every kink."""
    entering, leaving, _ = sparsemax_pieces(others)
    points = sorted({entering, *map(float, leaving)})
    return tuple(Breakpoint(b, 1) for b in points if math.isfinite(b))


class SparseFields(TypedDict):
    """The fields of a sparse map's entry that :func:`sparse_entry` fills in."""

    parameters: tuple[Param, ...]
    value_fn: Function
    derivative_fns: tuple[Function, Function]
    breakpoints_fn: Callable[..., tuple[Breakpoint, ...]]
    properties: Callable[..., Properties]
    default_range: tuple[float, float]


def sparse_entry(rows: SparseRows, breakpoints: Callable[[tuple[float, ...]], tuple[Breakpoint, ...]],
                 smoothness: Callable[[tuple[float, ...]], float]) -> SparseFields:
    """The fields of an entry computed by ``rows``, a sparse map's output 0 and its slope: the
    parameter ``others``, the value and derivatives (piecewise linear: f'' = 0), the
    ``breakpoints``, and the properties, a range within [0, 1], increasing, ``smoothness(others)``
    and 0 at 0 where ``rows`` gives 0; drawn over [-3, 3]."""
    def shaped(x: Array, others: tuple[float, ...], order: int) -> Array:
        x = np.asarray(x, dtype=np.float64)
        if order == 2:
            return np.zeros_like(x)
        return rows(x, others)[order].reshape(x.shape)

    def properties(others: tuple[float, ...]) -> Properties:
        zero_at_zero = float(rows(np.zeros(1), others)[0][0]) == 0.0
        return Properties((0.0, 1.0), "increasing", smoothness(others), zero_at_zero)

    return SparseFields(parameters=(others_param(),),
                        value_fn=lambda x, others: shaped(x, others, 0),
                        derivative_fns=(lambda x, others: shaped(x, others, 1),
                                        lambda x, others: shaped(x, others, 2)),
                        breakpoints_fn=lambda others: breakpoints(others),
                        properties=properties,
                        default_range=(-3.0, 3.0))


SPARSEMAX = Activation(
    name="sparsemax",
    summary="Sparsemax's first output (the Euclidean projection onto the simplex) as its logit x varies.",
    formula=r"$\max(x - \tau,\ 0),\ \tau = (\Sigma_{j \leq k}\, z_{(j)} - 1)/k$",
    derivative_formula=r"$1 - \frac{1}{k}\ \mathrm{if}\ x > \tau\ \mathrm{else}\ 0$",
    **sparse_entry(sparsemax_rows, sparsemax_breakpoints, lambda others: 0),
    kink_convention=("At each kink f' is the slope of the support strictly above tau (1 + j z_(j) > C_j), as "
                     "autograd of Martins and Astudillo's algorithm gives: f' = 0 where x enters the support."),
    paper=SPARSEMAX_PAPER,
    note=CONVENTION + " k is the support's size and z_(j) the logits sorted in decreasing order, x among them; "
                      "with the default others = 0 sparsemax is the sparse sigmoid clip((x + 1)/2, 0, 1).",
)


def hardmax(x: Array, others: tuple[float, ...]) -> Array:
    """1 where x is the first largest logit (x >= every other), else 0."""
    return np.where(np.asarray(x, dtype=np.float64) >= max(others), 1.0, 0.0)


HARDMAX = Activation(
    name="hardmax",
    summary="Hardmax's first output: 1 where the logit x is the first largest, else 0.",
    parameters=(others_param(),),
    formula=r"$1\ \mathrm{if}\ x \geq \max_j z_j\ \mathrm{else}\ 0$",
    derivative_formula=r"$0$",
    value_fn=hardmax,
    derivative_fns=(lambda x, others: np.zeros_like(np.asarray(x, dtype=np.float64)),
                    lambda x, others: np.zeros_like(np.asarray(x, dtype=np.float64))),
    breakpoints_fn=lambda others: (Breakpoint(max(others), 0),),
    kink_convention=("f = 1 at x = max(others): index 0 is the first maximum (ONNX's Hardmax); f' = 0 "
                     "everywhere, as autograd treats a comparison."),
    properties=lambda others: Properties((0.0, 1.0), "increasing", -1, max(others) > 0.0),
    default_range=(-3.0, 3.0),
    note=CONVENTION + " ONNX's Hardmax marks the first maximum along the axis, so a tie goes to x.",
)

ENTRIES = (SOFTMAX, SOFTMIN, LOG_SOFTMAX, SPARSEMAX, HARDMAX)
