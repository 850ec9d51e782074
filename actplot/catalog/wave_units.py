"""Bump and wave units: activations that peak once (or once a period) and fall away on both sides,
and the sines and wavelets that networks of coordinates and of audio use.

Ramasinghe and Lucey showed that a coordinate-MLP (a network from pixel or point coordinates to
colour or density) needs no positional encoding when its activation is a bump with a
well-behaved spectrum, not only a sine. They proposed a family of them: the Laplacian
exp(-|x|/a), the inverse quadratic and inverse multiquadric of radial-basis interpolation, the
super-Gaussian, and the periodic exp(-sin(a x)). Each takes its largest value near 0 and is
bounded, so a unit responds to a band of inputs rather than a half-line. The same networks led
to FINER's sine whose frequency grows with |x| and to WIRE's Gabor wavelet, a cosine under a
Gaussian; BigVGAN's vocoder added SnakeBeta, the identity plus a periodic ripple.

Every scale enters as z = a x (or x / a), formed with :func:`~actplot.catalog.special.scaled`
so that it saturates to +-inf without a warning; the rational bumps are written in 1/z beyond
|z| = 1, so that neither 1 + z^2 nor its powers overflow in the tails. The phase of every sine
and cosine is carried as a float and its rounding error (:func:`sin_cos`), so that a wave keeps
its digits near its zeros. Extremes are in closed form or roots of f' found to float precision.
"""

from __future__ import annotations

import math

import numpy as np

from actplot.catalog.builder import breaks_at, closed, derivatives
from actplot.catalog.special import exp_neg_half_square, exp_sum, scaled, two_product, two_sum
from actplot.core.schema import Activation, Array, Paper, Param, Properties

TITLE = "Wave and bump units"

RAMASINGHE_LUCEY_2022 = Paper(
    "Ramasinghe, Sameera and Lucey, Simon",
    "Beyond Periodicity: Towards a Unifying Framework for Activations in Coordinate-MLPs", 2022,
    arxiv="2111.15135",
    venue="Computer Vision -- ECCV 2022: 17th European Conference on Computer Vision, Proceedings, Part XXXIII")

#: A scale, width or frequency of at most 1e100 and at least 1e-100: then 1 / a^2 (a second
#: derivative's factor) and a^2 stay within float64.
SCALE = closed(1e-100, 1e100)

#: Said once for the whole paper: what it fixes and what it leaves to the user.
SOURCE = ("Defined in Ramasinghe and Lucey's table of activations for coordinate-MLPs (arXiv:2111.15135); "
          "the formula was cross-checked against independent implementations of that table. The paper tunes "
          "or learns the scale per task and fixes no default: actplot draws the unit scale.")


# --- Laplacian -------------------------------------------------------------------------------------------------

def laplacian(x: Array, a: float, order: int = 0) -> Array:
    """exp(-|x| / a) and its derivatives -sign(x) f / a and f / a^2 (0 at x = 0, see the note)."""
    x = np.asarray(x, dtype=np.float64)
    f = np.exp(-scaled(1.0 / a, np.abs(x)))  # |x| / a is +inf, silently, where it leaves float64: f is 0
    if order == 0:
        return f
    if order == 1:
        return -np.sign(x) * (f / a)
    return np.where(x == 0.0, 0.0, f / a / a)


LAPLACIAN = Activation(
    name="laplacian",
    aliases=("laplacian-activation",),
    summary="Laplacian bump: exp(-|x| / a), a peak of 1 at 0 with a kink there and exponential tails.",
    parameters=(Param("a", 1.0, "the width: the bump falls by a factor e every a", symbol="a", domain=SCALE,
                      examples=(0.5, 2.0)),),
    formula=r"$e^{-|x| / a}$",
    derivative_formula=r"$-\frac{\mathrm{sign}(x)}{a}\, e^{-|x| / a}$",
    value_fn=laplacian,
    derivative_fns=derivatives(laplacian),
    breakpoints_fn=breaks_at(0.0),
    kink_convention=("f'(0) = 0 and f''(0) = 0, as PyTorch's autograd gives for exp(-abs(x) / a): |x|' is taken "
                     "as sign(0) = 0, and the derivative of sign as 0. Either side of 0, f' tends to -+1/a and "
                     "f'' to 1/a^2."),
    properties=Properties((0.0, 1.0), "no", 0, False),
    paper=RAMASINGHE_LUCEY_2022,
    note=SOURCE + " The peak 1 is at x = 0, the only kink; f > 0 everywhere and tends to 0 on both sides.",
    default_range=(-4.0, 4.0),
)


# --- rational bumps --------------------------------------------------------------------------------------------

def rational_parts(z: Array) -> tuple[Array, Array, Array]:
    """t = 1 / (1 + z^2), z t and z^2 t, without overflow: for |z| > 1 they are r^2 / d, r / d and 1 / d
    with r = 1 / z and d = 1 + r^2 (an infinite z gives r = 0: t = z t = 0, z^2 t = 1)."""
    near = np.abs(z) <= 1.0
    s = np.where(near, z, 1.0)
    r = np.where(near, 1.0, 1.0 / np.where(near, 1.0, z))  # |z| > 1 here: no division by 0
    d_near, d_far = 1.0 + s * s, 1.0 + r * r
    t = np.where(near, 1.0 / d_near, r * r / d_far)
    zt = np.where(near, s / d_near, r / d_far)
    z2t = np.where(near, s * s / d_near, 1.0 / d_far)
    return t, zt, z2t


def inverse_quadratic(x: Array, a: float, order: int = 0) -> Array:
    """1 / (1 + z^2) for z = a x, and its derivatives -2a (z t) t and 2a^2 t^2 (3 z^2 t - t)."""
    t, zt, z2t = rational_parts(scaled(a, np.asarray(x, dtype=np.float64)))
    if order == 0:
        return t
    if order == 1:
        return -2.0 * a * zt * t
    return 2.0 * a * a * t * t * (3.0 * z2t - t)


INVERSE_QUADRATIC = Activation(
    name="inverse-quadratic",
    aliases=("quadratic-activation", "cauchy-bump"),
    summary="Inverse quadratic bump: 1 / (1 + (a x)^2), a Cauchy-shaped peak with tails falling like 1/x^2.",
    parameters=(Param("a", 1.0, "the sharpness: the bump is half its peak at x = 1/a", symbol="a", domain=SCALE,
                      examples=(0.5, 2.0)),),
    formula=r"$\frac{1}{1 + (a x)^2}$",
    derivative_formula=r"$-\frac{2 a^2 x}{(1 + (a x)^2)^2}$",
    value_fn=inverse_quadratic,
    derivative_fns=derivatives(inverse_quadratic),
    properties=Properties((0.0, 1.0), "no", math.inf, False),
    paper=RAMASINGHE_LUCEY_2022,
    note=(SOURCE + " The paper calls it the quadratic activation; radial-basis interpolation calls it the inverse "
          "quadratic. Its peak 1 is at 0, its inflections at x = +-1 / (sqrt(3) a), where f = 3/4."),
)


def inverse_multiquadric(x: Array, a: float, order: int = 0) -> Array:
    """1 / sqrt(1 + z^2) for z = a x, and its derivatives -a (z t) sqrt(t) and a^2 t^(3/2) (2 z^2 t - t)."""
    t, zt, z2t = rational_parts(scaled(a, np.asarray(x, dtype=np.float64)))
    root = np.sqrt(t)
    if order == 0:
        return root
    if order == 1:
        return -a * zt * root
    return a * a * t * root * (2.0 * z2t - t)


INVERSE_MULTIQUADRIC = Activation(
    name="inverse-multiquadric",
    aliases=("multi-quadratic", "multiquadric-activation"),
    summary="Inverse multiquadric bump: 1 / sqrt(1 + (a x)^2), a peak of 1 at 0 with tails falling like 1/|x|.",
    parameters=(Param("a", 1.0, "the sharpness: the bump is 1/sqrt(2) at x = 1/a", symbol="a", domain=SCALE,
                      examples=(0.5, 2.0)),),
    formula=r"$\frac{1}{\sqrt{1 + (a x)^2}}$",
    derivative_formula=r"$-\frac{a^2 x}{(1 + (a x)^2)^{3/2}}$",
    value_fn=inverse_multiquadric,
    derivative_fns=derivatives(inverse_multiquadric),
    properties=Properties((0.0, 1.0), "no", math.inf, False),
    paper=RAMASINGHE_LUCEY_2022,
    note=(SOURCE + " The paper calls it the multi-quadratic activation; as a radial basis function it is the "
          "inverse multiquadric. Its inflections are at x = +-1 / (sqrt(2) a), where f = sqrt(2/3)."),
)


# --- super-Gaussian -----------------------------------------------------------------------------------------------

#: Beyond |c x| = 40, exp(-(c x)^2 / 2) is 0 in float64 (it underflows below 38.6).
GAUSSIAN_TAIL = 40.0


def super_gaussian(x: Array, sigma: float, b: float, order: int = 0) -> Array:
    """exp(-x^2 / (2 sigma^2))^b = exp(-y^2 / 2) for y = c x, c = sqrt(b) / sigma; its derivatives
    -c y f and c^2 (y^2 - 1) f, with y clipped where f has reached 0 (y f would be inf * 0)."""
    c = math.sqrt(b) / sigma
    y = np.clip(scaled(c, np.asarray(x, dtype=np.float64)), -GAUSSIAN_TAIL, GAUSSIAN_TAIL)
    f = exp_neg_half_square(y)
    if order == 0:
        return f
    if order == 1:
        return -c * y * f
    return c * c * (y * y - 1.0) * f


SUPER_GAUSSIAN = Activation(
    name="super-gaussian",
    aliases=("supergaussian",),
    summary="Super-Gaussian: exp(-x^2 / (2 sigma^2))^b, a Gaussian bump whose width sigma / sqrt(b) two knobs set.",
    parameters=(
        Param("sigma", 1.0, "the Gaussian's width", symbol=r"\sigma", domain=SCALE, examples=(0.5, 2.0)),
        Param("b", 1.0, "the power that sharpens the bump (b > 1) or widens it (b < 1)", symbol="b", domain=SCALE,
              examples=(2.0, 0.5)),
    ),
    formula=r"$\left(e^{-x^2 / (2 \sigma^2)}\right)^{b}$",
    derivative_formula=r"$-\frac{b\, x}{\sigma^2} \left(e^{-x^2 / (2 \sigma^2)}\right)^{b}$",
    value_fn=super_gaussian,
    derivative_fns=derivatives(super_gaussian),
    properties=Properties((0.0, 1.0), "no", math.inf, False),
    paper=RAMASINGHE_LUCEY_2022,
    note=(SOURCE + " The power b of the whole Gaussian gives again a Gaussian, of width sigma / sqrt(b): "
          "sigma = b = 1 is exp(-x^2 / 2), and sigma = 1/sqrt(2), b = 1 is the catalog's gaussian exp(-x^2). "
          "The inflections are at x = +-sigma / sqrt(b). The paper keeps both knobs because both are "
          "trained; as a curve, only their ratio matters."),
    default_range=(-4.0, 4.0),
)


# --- exp-sin --------------------------------------------------------------------------------------------------------

def expsin(x: Array, a: float, order: int = 0) -> Array:
    """exp(-sin(a x)) and its derivatives -a cos(a x) f and a^2 (sin(a x) + cos^2(a x)) f."""
    z = a * np.asarray(x, dtype=np.float64)  # |a x| <= 1e106 for the domain's a and x up to 1e6
    s, c = np.sin(z), np.cos(z)
    f = np.exp(-s)
    if order == 0:
        return f
    if order == 1:
        return -a * c * f
    return a * a * (s + c * c) * f


EXPSIN = Activation(
    name="expsin",
    aliases=("exp-sin", "exponential-sine"),
    summary="ExpSin: exp(-sin(a x)), a periodic train of bumps between 1/e and e.",
    parameters=(Param("a", 1.0, "the frequency: the period is 2 pi / a", symbol="a", domain=SCALE,
                      examples=(0.5, 2.0)),),
    formula=r"$e^{-\sin(a x)}$",
    derivative_formula=r"$-a \cos(a x)\, e^{-\sin(a x)}$",
    value_fn=expsin,
    derivative_fns=derivatives(expsin),
    # the exponential of a sine between -1 and 1: e at a x = -pi/2 (mod 2 pi), 1/e at pi/2
    properties=Properties((math.exp(-1.0), math.e), "no", math.inf, False),
    paper=RAMASINGHE_LUCEY_2022,
    note=(SOURCE + " f(0) = 1, f'(0) = -a: the curve falls through 0 towards its troughs 1/e at a x = pi/2 "
          "(mod 2 pi) and peaks e at a x = -pi/2. Unlike the other bumps here it is periodic."),
    default_range=(-8.0, 8.0),
)

# --- waves: an exact phase ---------------------------------------------------------------------------------

def sin_cos(factor: float, x: Array, x_low: Array | float = 0.0) -> tuple[Array, Array]:
    """sin(u) and cos(u) for u = factor (x + x_low), with the product's rounding error carried along.

    u is split as hi + lo (hi the rounded product, lo what rounding it lost, plus factor x_low) and
    the angle-sum formulas use both: sin(hi) alone is off by |u| / 1e16 absolutely, which near a
    zero of the wave is many ulps of the result (SIREN's sin(30 x) at x = 8 loses three digits
    there). For |x| below 1e150 (the splitting of :func:`~actplot.catalog.special.two_product`);
    the catalog samples |x| up to 1e6 and keeps factors within 1e100.
    """
    hi, error = two_product(np.asarray(factor, dtype=np.float64), np.asarray(x, dtype=np.float64))
    lo = error + factor * x_low
    sin_hi, cos_hi, sin_lo, cos_lo = np.sin(hi), np.cos(hi), np.sin(lo), np.cos(lo)
    return sin_hi * cos_lo + cos_hi * sin_lo, cos_hi * cos_lo - sin_hi * sin_lo


# --- SnakeBeta --------------------------------------------------------------------------------------------------

def snake_beta(x: Array, alpha: float, beta: float, order: int = 0) -> Array:
    """x + sin^2(alpha x) / beta and its derivatives 1 + r sin(2 alpha x) and 2 alpha r cos(2 alpha x),
    r = alpha / beta."""
    x = np.asarray(x, dtype=np.float64)
    s, c = sin_cos(alpha, x)
    ratio = alpha / beta  # within [1e-200, 1e200] for the domain's alpha and beta
    if order == 0:
        return x + s * (s / beta)  # s / beta first: s^2 of a tiny alpha x would underflow
    if order == 1:
        if ratio <= 1.0:  # 1 + 2 r s c = (1 - r) + r (s + c)^2: never below 0, as the curve never falls
            return (1.0 - ratio) + ratio * (s + c) ** 2
        return 1.0 + ratio * (2.0 * s * c)
    return 2.0 * alpha * ratio * ((c - s) * (c + s))  # cos(2 alpha x) = c^2 - s^2, factored near its zeros


SNAKE_BETA = Activation(
    name="snake-beta",
    aliases=("snakebeta",),
    summary="SnakeBeta: x + sin^2(alpha x) / beta, Snake with the ripple's height set apart from its frequency.",
    parameters=(
        Param("alpha", 1.0, "frequency of the ripple (its period is pi / alpha)", symbol=r"\alpha", domain=SCALE,
              examples=(0.5, 2.0)),
        Param("beta", 1.0, "the ripple's height is 1 / beta", symbol=r"\beta", domain=SCALE, examples=(2.0, 0.5)),
    ),
    formula=r"$x + \frac{1}{\beta} \sin^2(\alpha x)$",
    derivative_formula=r"$1 + \frac{\alpha}{\beta} \sin(2 \alpha x)$",
    value_fn=snake_beta,
    derivative_fns=derivatives(snake_beta),
    # f' = 1 + (alpha / beta) sin(2 alpha x) dips below 0 once a period exactly when alpha > beta
    properties=lambda alpha, beta: Properties((-math.inf, math.inf), "increasing" if alpha <= beta else "no",
                                              math.inf, True),
    paper=Paper("Lee, Sang-gil and Ping, Wei and Ginsburg, Boris and Catanzaro, Bryan and Yoon, Sungroh",
                "BigVGAN: A Universal Neural Vocoder with Large-Scale Training", 2023, arxiv="2206.04658",
                venue="International Conference on Learning Representations (ICLR 2023)"),
    note=("The paper writes Snake, x + sin^2(alpha x) / alpha; SnakeBeta, with its own beta for the height, is "
          "defined in the authors' code (BigVGAN's activations.py, the activation of its v2 models), which "
          "initialises alpha = beta = 1 per channel (or their logarithms 0): the defaults here, where SnakeBeta is "
          "Snake. The code adds 1e-9 to beta against a division by 0; actplot keeps beta >= 1e-100 instead. "
          "SnakeBeta is increasing when alpha <= beta and wavers (f' < 0 once a period) when alpha > beta."),
    default_range=(-8.0, 8.0),
)


# --- FINER ------------------------------------------------------------------------------------------------------

def finer(x: Array, w0: float, order: int = 0) -> Array:
    """sin(u), u = w0 (|x| + 1) x, and its derivatives w0 d cos(u) and -(w0 d)^2 sin(u) + 2 w0 sign(x) cos(u),
    d = 2 |x| + 1; (|x| + 1) x = x |x| + x is formed exactly (as hi + lo) before the phase is taken."""
    x = np.asarray(x, dtype=np.float64)
    square, square_error = two_product(x, np.abs(x))
    stretched, sum_error = two_sum(square, x)
    s, c = sin_cos(w0, stretched, sum_error + square_error)
    if order == 0:
        return s
    slope = w0 * (2.0 * np.abs(x) + 1.0)  # u'
    if order == 1:
        return slope * c
    return -(slope * slope) * s + 2.0 * w0 * np.sign(x) * c  # u'' = 2 w0 sign(x): 0 at x = 0


FINER = Activation(
    name="finer",
    aliases=("finer-sine", "variable-periodic-sine"),
    summary="FINER: sin(omega_0 (|x| + 1) x), a sine whose frequency grows with |x|.",
    parameters=(
        Param("w0", 30.0, "the base frequency omega_0; at x the local frequency is omega_0 (2 |x| + 1)",
              symbol=r"\omega_0", domain=SCALE, aliases=("omega_0", "omega"), examples=(1.0, 10.0)),
    ),
    formula=r"$\sin(\omega_0 (|x| + 1)\, x)$",
    derivative_formula=r"$\omega_0 (2 |x| + 1) \cos(\omega_0 (|x| + 1)\, x)$",
    value_fn=finer,
    derivative_fns=derivatives(finer),
    breakpoints_fn=breaks_at(0.0, order=2),
    kink_convention=("f'(0) = omega_0 either way: f' is continuous. f'' jumps at 0 from -2 omega_0 to 2 omega_0 "
                     "(the u'' = 2 omega_0 sign(x) of the phase); f''(0) = 0, as PyTorch's autograd gives, "
                     "taking the derivative of |x| as sign(0) = 0."),
    properties=Properties((-1.0, 1.0), "no", 1, True),
    paper=Paper("Liu, Zhen and Zhu, Hao and Zhang, Qi and Fu, Jingde and Deng, Weibing and Ma, Zhan and Guo, Yanwen "
                "and Cao, Xun",
                "FINER: Flexible spectral-bias tuning in Implicit NEural Representation by Variable-periodic "
                "Activation Functions", 2024, arxiv="2312.02434",
                venue="Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR)"),
    note=("The unit of one neuron, sin(omega_0 alpha x) with alpha = |x| + 1 for x = W z + b (as in the authors' "
          "code, FinerLayer in models.py); omega_0 = 30, SIREN's, is the authors' default. Their code holds alpha "
          "out of the gradient by default (scale_req_grad=False), so training follows omega_0 alpha cos(u); "
          "actplot draws the derivatives of the function itself. The frequency grows from omega_0 at 0: the wider "
          "the first layer's biases, the higher the frequencies a network starts with."),
    default_range=(-1.0, 1.0),
)


# --- WIRE's real Gabor wavelet -----------------------------------------------------------------------------------

#: Beyond |s x| = 40, exp(-(s x)^2) is 0 in float64 (it underflows below 27.3).
GABOR_TAIL = 40.0
#: The real Gabor's minimum at the defaults omega_0 = s_0 = 10, -0.0090056781485738574 at
#: x = +-0.18365972031521257 (mpmath at 30 digits: theta = omega_0 x solves sin(theta) + 2 theta cos(theta) = 0).
GABOR_MINIMUM = -0.0090056781485738574
#: Below this omega_0 / s_0 the trough lies beyond theta / k = pi / (2 k) = sqrt(745), where the
#: envelope is below the smallest float (5e-324): the minimum is 0 in float64.
GABOR_SHALLOW = 0.5 * math.pi / math.sqrt(745.0)
#: float(pi) is below pi: the float above it, where sin < 0, closes the bracket of the first trough.
ABOVE_PI = float(np.nextafter(math.pi, 4.0))


def real_gabor(x: Array, omega0: float, s0: float, order: int = 0) -> Array:
    """cos(omega0 x) e^(-t^2), t = s0 x, and its derivatives e (-omega0 S - 2 s0 t C) and
    e ((4 s0^2 t^2 - 2 s0^2 - omega0^2) C + 4 omega0 s0 t S), with t^2 taken exactly."""
    x = np.asarray(x, dtype=np.float64)
    sine, cosine = sin_cos(omega0, x)
    t = np.clip(scaled(s0, x), -GABOR_TAIL, GABOR_TAIL)  # beyond, the envelope is 0 and t keeps it finite
    square, error = two_product(t, t)
    envelope = exp_sum(-square, -error)  # exp(-t^2) with t^2 rounded would lose t^2 ulps in the tail
    if order == 0:
        return cosine * envelope
    if order == 1:
        return -(omega0 * sine + 2.0 * s0 * t * cosine) * envelope
    curvature = (4.0 * square - 2.0) * s0 * s0 - omega0 * omega0
    return (curvature * cosine + 4.0 * omega0 * s0 * t * sine) * envelope


def real_gabor_minimum(omega0: float, s0: float) -> float:
    """The trough next to the peak, the deepest (the envelope is lower at every later one): at
    theta = omega0 x in (pi/2, pi] solving sin(theta) + (2 / k^2) theta cos(theta) = 0, k = omega0 / s0,
    where f = cos(theta) exp(-(theta / k)^2)."""
    from scipy.optimize import brentq

    k = omega0 / s0
    if k < GABOR_SHALLOW:
        return 0.0
    q = 2.0 / (k * k)
    theta = brentq(lambda th: math.sin(th) + q * th * math.cos(th), 0.5 * math.pi, ABOVE_PI,
                   xtol=1e-300, rtol=4.0 * float(np.finfo(np.float64).eps))
    return math.cos(theta) * math.exp(-((theta / k) ** 2))


REAL_GABOR = Activation(
    name="real-gabor",
    aliases=("wire-real-gabor", "real-gabor-wavelet"),
    summary="Real Gabor wavelet of WIRE: cos(omega_0 x) exp(-(s_0 x)^2), a cosine under a Gaussian.",
    parameters=(
        Param("omega0", 10.0, "the cosine's frequency omega_0", symbol=r"\omega_0", domain=SCALE,
              aliases=("omega_0", "omega"), examples=(20.0, 4.0)),
        Param("s0", 10.0, "the Gaussian's sharpness s_0: the envelope is 1/e at x = 1/s_0", symbol="s_0",
              domain=SCALE, aliases=("sigma0", "scale"), examples=(4.0, 30.0)),
    ),
    formula=r"$\cos(\omega_0 x)\, e^{-(s_0 x)^2}$",
    derivative_formula=r"$-(\omega_0 \sin(\omega_0 x) + 2 s_0^2 x \cos(\omega_0 x))\, e^{-(s_0 x)^2}$",
    value_fn=real_gabor,
    derivative_fns=derivatives(real_gabor),
    properties=lambda omega0, s0: Properties((real_gabor_minimum(omega0, s0), 1.0), "no", math.inf, False),
    paper=Paper("Saragadam, Vishwanath and LeJeune, Daniel and Tan, Jasper and Balakrishnan, Guha and "
                "Veeraraghavan, Ashok and Baraniuk, Richard G.",
                "WIRE: Wavelet Implicit Neural Representations", 2023, arxiv="2301.05187"),
    note=("WIRE's activation is the complex Gabor wavelet exp(j omega_0 x) exp(-|s_0 x|^2); its real part is this "
          "real Gabor wavelet, which the authors' code defines as a layer of its own (RealGaborLayer in "
          "modules/wire.py, with omega_0 = s_0 = 10: the defaults here). Their experiments tune both: the code "
          "suggests omega_0 = s_0 = 4 for denoising and omega_0 = 20, s_0 = 30 for representing an image. The "
          "peak 1 is at 0; only the ratio omega_0 / s_0 sets the troughs' depth: at the defaults the deepest is "
          "-0.0090056781485738574 at x = +-0.18365972031521257, found as a root of f' (see real_gabor_minimum)."),
    default_range=(-0.4, 0.4),
)

ENTRIES = (LAPLACIAN, INVERSE_QUADRATIC, INVERSE_MULTIQUADRIC, SUPER_GAUSSIAN, EXPSIN, REAL_GABOR, FINER, SNAKE_BETA)
