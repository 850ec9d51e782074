"""Self-gated units from the literature: x times a smooth gate of x.

Each is f(x) = x g(x) for a gate g rising from 0 to 1 (or, for LiSHT, from -1 to 1), so
f' = g + x g' and f'' = 2 g' + x g'' (:func:`~actplot.catalog.builder.times_x`); every gate and
its derivatives are written so that nothing overflows and nothing cancels (the gates'
exponentials are clipped where their value has reached its limit in float64). Every minimum
below is the root of f' found with mpmath at 30 digits, printed to 17.
"""

from __future__ import annotations

import math

import numpy as np

from actplot.catalog import papers
from actplot.catalog.builder import Gate, derivatives, times_x
from actplot.catalog.gated import SILU_MIN
from actplot.catalog.special import (
    normal_cdf,
    normal_pdf,
    scaled,
    sigmoid,
    sigmoid_curvature,
    sigmoid_slope,
    softplus,
    tanh_slope,
)
from actplot.core.schema import POSITIVE, Activation, Array, Paper, Param, Properties

TITLE = "Self-gated: x times a gate"


def entry(name: str, gate: Gate, minimum: tuple[float, float], **fields: object) -> Activation:
    """An entry x g(x) with its derivatives from ``gate``; ``minimum`` is (where, value) (the place
    is documentation: test_catalog_self_gates.py checks f' = 0 there)."""
    _, value = minimum
    function = times_x(gate)
    return Activation(
        name=name, value_fn=function, derivative_fns=derivatives(function),
        properties=Properties((value, math.inf), "no", math.inf, True), **fields)  # type: ignore[arg-type]


def tanh_exp_gate(x: Array) -> tuple[Array, Array, Array]:
    """tanh(e^x); beyond x = 40, e^x is so large that tanh is 1 and its slope 0 in float64."""
    e = np.exp(np.minimum(x, 40.0))
    g, slope = np.tanh(e), tanh_slope(e)  # 1 - tanh^2, accurate where tanh is near 1
    return g, e * slope, e * slope * (1.0 - 2.0 * e * g)


TANHEXP = entry(
    "tanhexp", tanh_exp_gate, (-1.0788600584646241, -0.35328577784821127),
    aliases=("tanh-exp",),
    summary="TanhExp: x tanh(e^x), a smooth rectifier with a shallow dip below 0.",
    formula=r"$x \tanh(e^{x})$",
    derivative_formula=r"$\tanh(e^{x}) + x\, e^{x} (1 - \tanh^2(e^{x}))$",
    paper=Paper("Liu, Xinyu and Di, Xiaoguang",
                "TanhExp: A Smooth Activation Function with High Convergence Speed for Lightweight Neural "
                "Networks", 2020, arxiv="2003.09855"),
)


def serf_gate(x: Array) -> tuple[Array, Array, Array]:
    """erf(softplus(x)), with g' = 2/sqrt(pi) exp(-sp^2) sigmoid(x)."""
    from scipy.special import erf

    sp = softplus(x)
    bump = 2.0 / math.sqrt(math.pi) * np.exp(-np.minimum(sp, 40.0) ** 2)
    s = sigmoid(x)
    return erf(sp), bump * s, bump * (sigmoid_slope(x) - 2.0 * sp * s * s)


SERF = entry(
    "serf", serf_gate, (-1.193059968928188, -0.34843745875960642),
    aliases=("log-softplus-erf",),
    summary="Serf: x erf(ln(1 + e^x)), the error function of softplus as a gate.",
    formula=r"$x\, \mathrm{erf}(\ln(1 + e^{x}))$",
    derivative_formula=r"$\mathrm{erf}(s) + x\, \frac{2}{\sqrt{\pi}} e^{-s^2} \sigma(x),\ s = \ln(1 + e^{x})$",
    paper=Paper("Nag, Sayan and Bhattacharyya, Mayukh",
                "SERF: Towards better training of deep neural networks using log-Softplus ERror activation "
                "Function", 2021, arxiv="2108.09598"),
)


def logish_gate(x: Array) -> tuple[Array, Array, Array]:
    """ln(1 + sigmoid(x)) and its derivatives s'/(1 + s), (s''(1 + s) - s'^2)/(1 + s)^2."""
    s, ds, d2s = sigmoid(x), sigmoid_slope(x), sigmoid_curvature(x)
    return np.log1p(s), ds / (1.0 + s), (d2s * (1.0 + s) - ds * ds) / (1.0 + s) ** 2


LOGISH = entry(
    "logish", logish_gate, (-1.3724541370256921, -0.25276881678944035),
    summary="Logish: x ln(1 + sigmoid(x)), a gate that rises to ln 2.",
    formula=r"$x \ln(1 + \sigma(x))$",
    derivative_formula=r"$\ln(1 + \sigma(x)) + \frac{x\, \sigma'(x)}{1 + \sigma(x)}$",
    paper=Paper("Zhu, Hegui and Zeng, Huimin and Liu, Jinhai and Zhang, Xiangde",
                "Logish: A new nonlinear nonmonotonic activation function for convolutional neural network",
                2021, doi="10.1016/j.neucom.2021.06.067", venue="Neurocomputing"),
    note=("The gate rises to ln 2, not 1: Logish grows like x ln 2 for large x, as the paper defines it. "
          "The paper's variant alpha x ln(1 + sigmoid(beta x)) is an expression away (actplot expr)."),
)


def smish_gate(x: Array) -> tuple[Array, Array, Array]:
    """tanh(ln(1 + s)) = s (2 + s) / (s^2 + 2 s + 2) for s = sigmoid(x): no logarithm needed."""
    s, ds, d2s = sigmoid(x), sigmoid_slope(x), sigmoid_curvature(x)
    q = s * s + 2.0 * s + 2.0
    h = s * (2.0 + s) / q
    dh = 4.0 * (1.0 + s) / (q * q)
    d2h = -4.0 * (3.0 * s * s + 6.0 * s + 2.0) / (q * q * q)
    return h, dh * ds, d2h * ds * ds + dh * d2s


SMISH = entry(
    "smish", smish_gate, (-1.3945193019245041, -0.2499936636601295),
    summary="Smish: x tanh(ln(1 + sigmoid(x))), Mish's shape with the sigmoid inside.",
    formula=r"$x \tanh(\ln(1 + \sigma(x)))$",
    derivative_formula=r"$h(\sigma(x)) + x\, h'(\sigma(x))\, \sigma'(x),\ h(s) = \tanh(\ln(1 + s))$",
    paper=Paper("Wang, Xueliang and Ren, Honge and Wang, Achuan",
                "Smish: A Novel Activation Function for Deep Learning Methods", 2022,
                doi="10.3390/electronics11040540", venue="Electronics"),
    note=("The paper's alpha x tanh(ln(1 + sigmoid(beta x))) at alpha = beta = 1, the values it found best; "
          "tanh(ln(1 + s)) is computed as s (2 + s) / (s^2 + 2 s + 2)."),
)


def phish_gate(x: Array) -> tuple[Array, Array, Array]:
    """tanh(u) for u = GELU(x) = x Phi(x), u' = Phi + x phi, u'' = (2 - x^2) phi."""
    xc = np.clip(x, -40.0, 40.0)  # beyond, Phi and phi have reached 0 and 1, 0 in float64
    cdf, pdf = normal_cdf(xc), normal_pdf(xc)
    u = x * cdf
    du, d2u = cdf + xc * pdf, (2.0 - xc * xc) * pdf
    t, slope = np.tanh(u), tanh_slope(u)
    return t, slope * du, slope * (d2u - 2.0 * t * du * du)


PHISH = entry(
    "phish", phish_gate, (0.0, 0.0),
    summary="Phish: x tanh(GELU(x)), non-negative, with a bump below 0.",
    formula=r"$x \tanh(x\, \Phi(x))$",
    derivative_formula=r"$\tanh(u) + x\, (1 - \tanh^2 u)(\Phi(x) + x \phi(x)),\ u = x \Phi(x)$",
    paper=Paper("Naveen, Philip", "Phish: A Novel Hyper-Optimizable Activation Function", 2022,
                doi="10.36227/techrxiv.17283824", venue="TechRxiv"),
    note=("GELU is the exact one, x Phi(x). Both factors are negative below 0, so Phish is never "
          "negative: its minimum is 0 at x = 0, and below 0 it rises to 0.16465896564300027 at "
          "x = -1.1954312013879125 before falling back to 0."),
)


def lisht_gate(x: Array) -> tuple[Array, Array, Array]:
    t, slope = np.tanh(x), tanh_slope(x)
    return t, slope, -2.0 * t * slope


LISHT = entry(
    "lisht", lisht_gate, (0.0, 0.0),
    summary="LiSHT: x tanh(x), a symmetric, non-negative gate.",
    formula=r"$x \tanh x$",
    derivative_formula=r"$\tanh x + x\, (1 - \tanh^2 x)$",
    paper=Paper("Roy, Swalpa Kumar and Manna, Suvojit and Dubey, Shiv Ram and Chaudhuri, Bidyut Baran",
                "LiSHT: Non-Parametric Linearly Scaled Hyperbolic Tangent Activation Function for Neural "
                "Networks", 2019, arxiv="1901.05894"),
)


def sigmoid_gate(beta: float) -> Gate:
    """sigmoid(beta x) and its derivatives, without overflow for any beta."""
    def gate(x: Array) -> tuple[Array, Array, Array]:
        z = scaled(beta, x)
        return sigmoid(z), beta * sigmoid_slope(z), beta * beta * sigmoid_curvature(z)
    return gate


E_SWISH_BETA = 1.375
_silu = times_x(sigmoid_gate(1.0))


def e_swish(x: Array, beta: float, order: int = 0) -> Array:
    """beta x sigmoid(x) and its derivatives."""
    return scaled(beta, _silu(x, order))


E_SWISH = Activation(
    name="e-swish",
    aliases=("eswish",),
    summary="E-swish: beta x sigmoid(x), Swish scaled by beta.",
    parameters=(Param("beta", E_SWISH_BETA, "the scale; beta = 1 is SiLU", symbol=r"\beta",
                      domain=POSITIVE, examples=(1.0, 2.0)),),
    formula=r"$\beta\, x\, \sigma(x)$",
    derivative_formula=r"$\beta\, (\sigma(x) + x\, \sigma(x)(1 - \sigma(x)))$",
    value_fn=e_swish,
    derivative_fns=derivatives(e_swish),
    properties=lambda beta: Properties((SILU_MIN * beta, math.inf), "no", math.inf, True),  # SiLU's, scaled
    paper=Paper("Alcaide, Eric", "E-swish: Adjusting Activations to Different Network Depths", 2018,
                arxiv="1801.07145"),
    note=("The paper fixes no default: it recommends 1 <= beta <= 2 (beta = 1 is SiLU); actplot draws "
          "beta = 1.375, inside that range."),
)


QUICK_GELU_SLOPE = 1.702

QUICK_GELU = entry(
    "quick-gelu", sigmoid_gate(QUICK_GELU_SLOPE), (-0.75115425544128895, -0.16361018963635358),
    aliases=("quickgelu",),
    summary="QuickGELU: x sigmoid(1.702 x), the sigmoid approximation of GELU (as in CLIP).",
    formula=r"$x\, \sigma(1.702\, x)$",
    derivative_formula=r"$\sigma(1.702 x) + 1.702\, x\, \sigma'(1.702 x)$",
    paper=papers.GELU,
    note="Hendrycks and Gimpel give x sigmoid(1.702 x) as a fast approximation of GELU; CLIP uses it.",
)


def gompertz_gate(x: Array) -> tuple[Array, Array, Array]:
    """exp(-e^-x); below x = -40, e^-x is so large that the gate and its slopes are 0."""
    t = np.exp(np.minimum(-x, 40.0))
    g = np.exp(-t)
    slope = g * t
    return g, slope, slope * (t - 1.0)


GOLU = entry(
    "golu", gompertz_gate, (-0.56714329040978387, -0.097260131227639405),
    aliases=("gompertz-linear-unit",),
    summary="GoLU: x exp(-exp(-x)), gated by the Gompertz function (an asymmetric sigmoid).",
    formula=r"$x\, e^{-e^{-x}}$",
    derivative_formula=r"$e^{-e^{-x}} (1 + x\, e^{-x})$",
    paper=Paper("Das, Indrashis and Safari, Mahmoud and Adriaensen, Steven and Hutter, Frank",
                "Gompertz Linear Units: Leveraging Asymmetry for Enhanced Learning Dynamics", 2025,
                arxiv="2502.03654"),
    note="Its minimum sits at x = -W(1) = -0.56714329040978387 (the omega constant).",
)

ENTRIES = (TANHEXP, SERF, LOGISH, SMISH, PHISH, LISHT, E_SWISH, QUICK_GELU, GOLU)
