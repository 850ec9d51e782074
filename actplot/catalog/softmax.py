"""The softmax family, drawn as one logit x against fixed other logits.

Softmax, Softmin and LogSoftmax map a vector to a vector, so they have no curve of their own.
actplot draws output 0 as a function of input 0 = x, with the other logits held fixed
(parameter ``others``, by default the single logit 0), and the derivative is the partial
derivative of that output with respect to x. Since
``exp(x) / (exp(x) + sum(exp(others))) = sigmoid(x - logsumexp(others))``, with the default
``others = (0,)`` softmax is exactly the sigmoid, softmin is sigmoid(-x) and log-softmax is
log-sigmoid.
"""

from __future__ import annotations

import math

from actplot.catalog.special import (
    log_sigmoid,
    logsumexp,
    sigmoid,
    sigmoid_curvature,
    sigmoid_slope,
)
from actplot.core.schema import Activation, Array, Param, Properties, Vector

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

ENTRIES = (SOFTMAX, SOFTMIN, LOG_SOFTMAX)
