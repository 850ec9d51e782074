"""Precision: what an activation computes in float32, float16 or bfloat16, and how far that is from exact.

``actplot NAME --dtype float16`` (``dtype="float16"`` in Python) answers "will my port match?":
every panel draws the curve computed in that format beside the exact one, and an extra panel
draws the error of the value in ulps of the format, with where it rounds to zero, where it is
subnormal, where it overflows, and whether each kink is a value of the format.

The formats (:data:`FORMATS`) are IEEE binary32 and binary16 and Google's bfloat16 (float32's
exponent, 7 fraction bits). Rounding (:func:`round_to`) is to nearest, ties to even, with
subnormals and overflow to infinity, done in float64 arithmetic, so bfloat16 needs no library:
it is the same as rounding float32's bits to their upper 16 (``bits + 0x7FFF + lsb >> 16``).
:func:`ulp` is the spacing of the format at a value: 2**(e - fraction bits) in the binade
[2**e, 2**(e+1)), and the smallest subnormal below the smallest normal number (the ulp of 1.0
is 2**-10 in float16, 2**-7 in bfloat16).

The model (:func:`evaluate`), what a framework computes for an input of that type:

1. the input x is rounded to the format (an input must be one of its values);
2. every float parameter is rounded to float32 (frameworks keep float parameters and
   constants in float32: a slope of 0.01 is 0.009999999776...);
3. the entry's own numpy code runs on float32 arrays with float32 parameters, each operation
   rounding to float32, as a framework's float32 kernel composes its operations; where that
   code leaves float32 (a float64 constant, a scipy function without a float32 loop) or gives
   a value that is not finite where the float64 evaluation at the same float32 inputs is
   finite (an intermediate ``exp`` beyond float32's range, which frameworks guard against),
   the float64 evaluation rounded once to float32 is taken instead;
4. for float16 and bfloat16, that float32 result is rounded once to the format: PyTorch's CPU
   kernels and XLA compute half types in float32 ("opmath") and round the output.

Against PyTorch 2.13's own CPU kernels (tests/data/precision_reference.npz, written by
scripts/make_precision_reference.py, checked by tests/test_precision.py) the values agree as
:data:`MEASURED` states: in float16 and bfloat16 bit for bit at 99.4% and 99.7% of the points
and never more than 1 ulp apart; in float32 bit for bit at 91% and within 1 ulp at 99.0% (the
kernels' own vectorised exp, tanh and erf are not correctly rounded); the most, 2700 ulps of
float32's subnormals, is far in the tails, where PyTorch's sigmoid and SiLU give 0 below x of
about -88 (exp(-x) overflows first) and the model the subnormal value. Three entries are left
out of those numbers because PyTorch's formula cancels where the model's does not
(:data:`FRAMEWORK_DEVIATIONS`: GELU's far negative tail, tanhshrink near 0, log-softmax near 0);
there PyTorch is the less accurate one.

Derivative panels apply the same model to the entry's derivative formulas. Frameworks'
backward kernels compute a gradient from the rounded output instead (sigmoid's y(1 - y) with
y already in float16), which loses accuracy where the curve saturates: against PyTorch's
autograd the model's first derivative is within 1 ulp at 90% (float32), 94% (float16) and 96%
(bfloat16) of the points, so read the derivative twins as the derivative's rounding, not as a
framework's gradient.

The error of a value is measured at the rounded input: ``(f_P(x_P) - f(x_P)) / ulp_P(f(x_P))``
with ``x_P`` the input rounded to the format, so it is the error of computing, not of rounding
the input; the value panels draw ``f_P(x_P)`` against the real x, so their staircase shows
both roundings.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import numpy as np

from actplot.core.curves import Curve
from actplot.core.difference import shows_difference
from actplot.core.samples import Samples, samples_of
from actplot.core.schema import Activation, Array, ParamValue, no_breakpoints
from actplot.core.settings import PlotSettings, dtype_name


@dataclass(frozen=True)
class Format:
    """A binary floating-point format: its fraction bits and exponent range."""

    name: str
    fraction_bits: int  # stored significand bits: 23, 10, 7
    min_exponent: int  # the smallest normal number is 2**min_exponent
    max_exponent: int  # the largest finite number is just below 2**(max_exponent + 1)

    @property
    def epsilon(self) -> float:
        """The ulp of 1.0."""
        return 2.0 ** -self.fraction_bits

    @property
    def tiny(self) -> float:
        """The smallest normal number; below it the format is subnormal (fewer digits)."""
        return 2.0 ** self.min_exponent

    @property
    def smallest(self) -> float:
        """The smallest subnormal number; half of it and less rounds to 0."""
        return 2.0 ** (self.min_exponent - self.fraction_bits)

    @property
    def largest(self) -> float:
        """The largest finite number; beyond it (by half an ulp) values round to infinity."""
        return (2.0 - self.epsilon) * 2.0 ** self.max_exponent


FLOAT32 = Format("float32", 23, -126, 127)
FLOAT16 = Format("float16", 10, -14, 15)
BFLOAT16 = Format("bfloat16", 7, -126, 127)
#: The formats by name, in the order the help lists them.
FORMATS: Mapping[str, Format] = MappingProxyType({f.name: f for f in (FLOAT32, FLOAT16, BFLOAT16)})
#: How close the model is to PyTorch 2.13's CPU kernels, measured on the values at every point of
#: tests/data/precision_reference.npz (27 entries, defaults and an example of each parameter,
#: about 340 inputs a case) but the entries of :data:`FRAMEWORK_DEVIATIONS`:
#: format -> (share of points with the same value, share within 1 ulp, most ulps apart).
#: tests/test_precision.py asserts them.
MEASURED: Mapping[str, tuple[float, float, float]] = MappingProxyType({
    "float32": (0.909, 0.990, 2700.0),
    "float16": (0.994, 1.0, 1.0),
    "bfloat16": (0.996, 1.0, 1.0),
})
#: Where PyTorch's kernels compute a formula that cancels, so they are less accurate than the
#: model (which runs the entry's float64-accurate formula): the entries left out of :data:`MEASURED`.
FRAMEWORK_DEVIATIONS: Mapping[str, str] = MappingProxyType({
    "gelu": "1 + erf(x/sqrt 2) (and 1 + tanh(...)) cancels for x below about -3: thousands of ulps in "
            "float32 and up to 64 in bfloat16, where the value is tiny",
    "tanhshrink": "x - tanh(x) runs as two operations, each rounded to the input's type: up to 173 ulps "
                  "of float16 near 0",
    "log-softmax": "x - logsumexp cancels near 0, and half types round between the operations: up to "
                   "1007 ulps of float16",
})


def format_named(name: str) -> Format:
    """The format called ``name`` (or an alias: ``fp16``, ``half``, ``bf16``...), any case;
    a :class:`~actplot.core.errors.SettingsError` naming ``dtype`` otherwise."""
    return FORMATS[dtype_name(name)]


def format_of(settings: PlotSettings) -> Format | None:
    """The format ``settings.dtype`` names, or None where only exact values are drawn."""
    return None if settings.dtype is None else FORMATS[settings.dtype]


# --- rounding ----------------------------------------------------------------------------------


def _exponent_of_ulp(values: Array, fmt: Format) -> Array:
    """The exponent of the spacing of ``fmt`` at each value (its binade's, or the subnormals')."""
    with np.errstate(all="ignore"):
        _, exponent = np.frexp(np.abs(values))  # |v| = m * 2**exponent, 0.5 <= m < 1
    exponent = np.where(values == 0, fmt.min_exponent + 1, exponent)  # frexp(0) is 0 * 2**0: 0 is subnormal
    return np.maximum(exponent.astype(np.int64) - 1, fmt.min_exponent) - fmt.fraction_bits


def round_to(values: Any, fmt: Format) -> Array:
    """``values`` rounded to the nearest value of ``fmt`` (ties to even), as float64.

    Subnormals are kept, half the smallest subnormal and less rounds to (signed) 0, and beyond
    the largest finite value by half an ulp or more to infinity; NaN stays NaN.

    Example::

        >>> round_to([1 / 3, 65520.0, 1e-8], FLOAT16).tolist()
        [0.333251953125, inf, 0.0]
        >>> float(round_to(1 / 3, BFLOAT16)[()])
        0.333984375
    """
    v = np.asarray(values, dtype=np.float64)
    scale = np.ldexp(1.0, _exponent_of_ulp(v, fmt))
    with np.errstate(all="ignore"):
        rounded = np.rint(v / scale) * scale  # exact: a power of two scales, rint ties to even
        rounded = np.where(np.isfinite(v), rounded, v)
        return np.where(np.abs(rounded) > fmt.largest, np.copysign(np.inf, v), rounded)


def ulp(values: Any, fmt: Format) -> Array:
    """The spacing of ``fmt`` at each value: ``2**(e - fraction bits)`` for ``2**e <= |v| <
    2**(e+1)``, the smallest subnormal below the smallest normal number, and the spacing of the
    largest binade beyond the largest finite value.

    Example::

        >>> ulp([1.0, 0.0], FLOAT16).tolist(), float(ulp(1.0, BFLOAT16)[()])
        ([0.0009765625, 5.960464477539063e-08], 0.0078125)
    """
    v = np.minimum(np.abs(np.asarray(values, dtype=np.float64)), fmt.largest)
    return np.ldexp(1.0, _exponent_of_ulp(np.where(np.isfinite(v), v, fmt.largest), fmt))


def representable(value: float, fmt: Format) -> bool:
    """Whether ``value`` is a value of ``fmt``."""
    return bool(round_to(value, fmt)[()] == value)


# --- the model ---------------------------------------------------------------------------------


def float32_params(params: Mapping[str, ParamValue]) -> dict[str, ParamValue]:
    """The parameters as a framework keeps them: every float rounded to float32 (as float64)."""
    def rounded(value: ParamValue) -> ParamValue:
        if isinstance(value, float):
            return float(round_to(value, FLOAT32)[()])
        if isinstance(value, tuple):
            return tuple(rounded(v) for v in value)  # type: ignore[misc]
        return value

    return {name: rounded(value) for name, value in params.items()}


def _as_float32(value: ParamValue) -> Any:
    if isinstance(value, float):
        return np.float32(value)
    if isinstance(value, tuple):
        return tuple(_as_float32(v) for v in value)
    return value


def opmath(fn: Callable[..., Any], x: Array, params: Mapping[str, ParamValue]) -> Array:
    """``fn`` computed in float32 at inputs ``x`` and ``params`` that are float32 values (step 3
    of the model in the module's docstring), as float64."""
    reference = round_to(np.asarray(fn(x, **params), dtype=np.float64), FLOAT32)
    try:
        computed = np.asarray(fn(x.astype(np.float32), **{k: _as_float32(v) for k, v in params.items()}))
    except (TypeError, ValueError, ArithmeticError):  # code that cannot run on float32
        return reference
    if computed.dtype != np.float32 or computed.shape != x.shape:
        return reference
    values = computed.astype(np.float64)
    return np.where(np.isfinite(values) | ~np.isfinite(reference), values, reference)


def evaluate(entry: Activation, x: Any, order: int, params: Mapping[str, ParamValue], fmt: Format) -> Array:
    """The value (order 0) or a derivative of ``entry`` as a framework computes it in ``fmt``
    at the real inputs ``x`` (the model of the module's docstring), as float64 values of ``fmt``."""
    fn = entry.value_fn if order == 0 else entry.derivative_fns[order - 1]
    xs = round_to(x, fmt)
    with np.errstate(all="ignore"):
        computed = opmath(fn, xs, float32_params(params))
    return computed if fmt is FLOAT32 else round_to(computed, fmt)


def computed(curve: Curve, x: Any, order: int, fmt: Format) -> Array:
    """The curve in ``fmt`` at ``x``: :func:`evaluate`; for a difference A − B, A's and B's
    values in ``fmt`` subtracted (exactly)."""
    sides = curve.sides
    if sides is not None:
        with np.errstate(invalid="ignore"):
            return computed(sides[0], x, order, fmt) - computed(sides[1], x, order, fmt)
    return evaluate(curve.entry, x, order, curve.params, fmt)


#: What the legend adds to a curve's label for its computed twin.
def twin_label(label: str, fmt: Format) -> str:
    return f"{label} in {fmt.name}"


def in_format(curve: Curve, fmt: Format) -> Curve:
    """The curve as computed in ``fmt``: a curve whose value and derivatives are :func:`computed`
    (same breakpoints and range), labelled ``LABEL in FORMAT``."""
    def value(x: Array, **_: Any) -> Array:
        return computed(curve, x, 0, fmt)

    def first(x: Array, **_: Any) -> Array:
        return computed(curve, x, 1, fmt)

    def second(x: Array, **_: Any) -> Array:
        return computed(curve, x, 2, fmt)

    label = twin_label(curve.label, fmt)
    entry = dataclasses.replace(curve.entry, value_fn=value, derivative_fns=(first, second), band_fn=None,
                                display_name=twin_label(curve.entry.display_name, fmt))
    return Curve(entry, curve.params, label)


def error_curve(curve: Curve, fmt: Format) -> Curve:
    """A curve whose value is the curve's error in ulps of ``fmt`` (:func:`ulps_at`): what a
    back end that draws only curves (the terminal) draws in the error panel."""
    def value(x: Array, **_: Any) -> Array:
        return ulps_at(curve, x, fmt)

    entry = dataclasses.replace(curve.entry, value_fn=value, band_fn=None, breakpoints_fn=no_breakpoints,
                                locate_fn=None)
    return Curve(entry, curve.params, twin_label(curve.label, fmt))


def with_twins(curves: Sequence[Curve], fmt: Format) -> list[Curve]:
    """Each curve followed by its twin in ``fmt``: what the value and derivative panels draw."""
    return [drawn for curve in curves for drawn in (curve, in_format(curve, fmt))]


def drawn_curves(curves: Sequence[Curve], fmt: Format | None) -> list[Curve]:
    """What every back end's value and derivative panels draw: the curves, each followed by its
    twin in ``fmt`` where one is given (not a difference's: its computed A − B is drawn in ulps in
    the error panel, where it reads at the format's resolution)."""
    return list(curves) if fmt is None or shows_difference(curves) else with_twins(curves, fmt)


def titled(title: str, fmt: Format | None) -> str:
    """A figure's default title, saying the format the curves are computed in too."""
    return title if fmt is None else f"{title}: exact and in {fmt.name}"


# --- the error panel ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Errors:
    """One curve's error in ``fmt`` over a range: at the inputs ``x`` (the range's inputs rounded
    to ``fmt``, each once), the exact value, the value computed in ``fmt`` and the error in ulps.

    For a difference A − B, ``ulps`` is the computed difference ``A_P - B_P`` in ulps of B's
    value, and ``exact_ulps`` the exact difference ``A - B`` in the same ulps (None otherwise):
    the two forms give other bits where ``ulps`` is not 0, and differ by more than an ulp where
    ``|exact_ulps| > 1``.
    """

    fmt: Format
    x: Array
    exact: Array
    value: Array
    ulps: Array
    exact_ulps: Array | None = None

    @property
    def underflow(self) -> Array:
        """Where the value rounds to 0 but the exact one is not 0."""
        return (self.value == 0.0) & (self.exact != 0.0) & np.isfinite(self.exact)

    @property
    def subnormal(self) -> Array:
        """Where the exact value lies below the smallest normal number (fewer digits), not 0."""
        size = np.abs(self.exact)
        return (size > 0.0) & (size < self.fmt.tiny) & ~self.underflow

    @property
    def overflow(self) -> Array:
        """Where the computed value is infinite but the exact one is finite."""
        return np.isinf(self.value) & np.isfinite(self.exact)


def inputs(lo: float, hi: float, points: int, fmt: Format, breakpoints: Sequence[float] = ()) -> Array:
    """The inputs the error is measured at: ``points`` uniform ones and the breakpoints over
    [lo, hi], rounded to ``fmt``, each value once (a narrow range of float16 holds few)."""
    x = np.concatenate([np.linspace(lo, hi, points), np.asarray(breakpoints, dtype=np.float64)])
    return np.unique(round_to(x, fmt))


def errors(curve: Curve, fmt: Format, lo: float, hi: float, points: int) -> Errors:
    """The curve's :class:`Errors` in ``fmt`` on [lo, hi]."""
    x = inputs(lo, hi, points, fmt, [b.x for b in curve.breakpoints(lo, hi)])
    with np.errstate(all="ignore"):
        exact = curve.evaluate(x, 0)
        value = computed(curve, x, 0, fmt)
        if curve.sides is None:
            return Errors(fmt, x, exact, value, (value - exact) / ulp(exact, fmt))
        unit = ulp(curve.sides[1].evaluate(x, 0), fmt)
        return Errors(fmt, x, exact, value, value / unit, exact / unit)


def ulps_at(curve: Curve, x: Array, fmt: Format) -> Array:
    """The error column of the data export at each x: :class:`Errors`'s ``ulps`` at x rounded."""
    xs = round_to(x, fmt)
    with np.errstate(all="ignore"):
        value = computed(curve, xs, 0, fmt)
        if curve.sides is None:
            exact = curve.evaluate(xs, 0)
            return (value - exact) / ulp(exact, fmt)
        return value / ulp(curve.sides[1].evaluate(xs, 0), fmt)


def spans(x: Array, mask: Array) -> list[tuple[float, float]]:
    """The runs of consecutive ``x`` where ``mask`` holds, as (first, last) pairs."""
    if not mask.any():
        return []
    edges = np.flatnonzero(np.diff(np.concatenate([[0], mask.astype(np.int8), [0]])))
    return [(float(x[start]), float(x[end - 1])) for start, end in zip(edges[::2], edges[1::2], strict=True)]


def _where(runs: Sequence[tuple[float, float]], lo: float, hi: float) -> str:
    """A run of x in words: ``x ≤ -17.3``, ``x ≥ 11.1``, ``x from 2 to 3`` (the first run, and
    how many more)."""
    first, last = runs[0]
    if first <= lo and last >= hi:
        text = "everywhere"
    elif first <= lo:
        text = f"x \u2264 {last:.4g}"
    elif last >= hi:
        text = f"x \u2265 {first:.4g}"
    elif first == last:
        text = f"x = {first:.4g}"
    else:
        text = f"x from {first:.4g} to {last:.4g}"
    return text + (f" (+{len(runs) - 1} more)" if len(runs) > 1 else "")


def kinks(curve: Curve, fmt: Format, lo: float, hi: float) -> list[tuple[float, bool]]:
    """Each breakpoint on [lo, hi] with whether it is a value of ``fmt`` (a kink at 1/3 is not:
    there the format's inputs jump over it)."""
    return [(b.x, representable(b.x, fmt)) for b in curve.breakpoints(lo, hi)]


def error_note(found: Errors, lo: float, hi: float, kinks_found: Sequence[tuple[float, bool]] = ()) -> str:
    """What the error panel's title says: the largest error (or, for a difference, where A and
    B differ by more than an ulp), where the value rounds to 0, is subnormal or overflows, and
    the kinks that are not values of the format."""
    name = found.fmt.name
    parts = []
    finite = np.isfinite(found.ulps)
    if found.exact_ulps is not None:
        beyond = np.abs(found.exact_ulps) > 1.0
        runs = spans(found.x, beyond)
        parts.append(f"|A \u2212 B| > 1 ulp for {_where(runs, lo, hi)}" if runs else "|A \u2212 B| \u2264 1 ulp")
        differ = finite & (found.ulps != 0.0)
        parts.append(f"{name} results differ at {differ.mean():.0%} of inputs" if differ.any()
                     else f"same {name} results")
    elif finite.any():
        worst = int(np.argmax(np.where(finite, np.abs(found.ulps), -1.0)))
        parts.append(f"max |error| {abs(found.ulps[worst]):.2g} ulp at x = {found.x[worst]:.4g}")
    for mask, words in ((found.underflow, "0"), (found.overflow, "\u00b1inf"), (found.subnormal, "subnormal")):
        runs = spans(found.x, mask) if found.exact_ulps is None else []  # a difference's 0 is agreement
        if runs:
            parts.append(f"{words} for {_where(runs, lo, hi)}")
    moved = [x for x, exact in kinks_found if not exact]
    if moved:
        shown = ", ".join(f"{x:.4g}" for x in moved[:3]) + (", ..." if len(moved) > 3 else "")
        parts.append(f"kink{'s' if len(moved) > 1 else ''} at {shown} not {name}")
    elif kinks_found:
        parts.append(f"kink{'s' if len(kinks_found) > 1 else ''} exact in {name}")
    return "; ".join(parts)


# --- sampled data ------------------------------------------------------------------------------


@dataclass(frozen=True)
class PrecisionSamples(Samples):
    """:class:`~actplot.core.samples.Samples` with the curve computed in a format: ``dtype`` its
    name, ``x_p`` the inputs rounded to it, ``y_p``, ``dy_p``, ``d2y_p`` the value and derivatives
    computed in it (``None`` beyond the order), and ``ulps`` the value's error in its ulps (for
    a difference, ``A_P - B_P`` in ulps of B)."""

    dtype: str
    x_p: np.ndarray
    y_p: np.ndarray
    dy_p: np.ndarray | None
    d2y_p: np.ndarray | None
    ulps: np.ndarray


def precision_columns(curve: Curve, x: Array, order: int, fmt: Format) -> list[Array]:
    """``x_p``, the computed value and derivatives up to ``order``, and ``ulps`` at x."""
    return [precision_column(curve, x, order, fmt, column) for column in range(order + 3)]


def precision_column(curve: Curve, x: Array, order: int, fmt: Format, column: int) -> Array:
    """One of :func:`precision_columns`, computed alone (a JSON file writes one column at a time)."""
    with np.errstate(all="ignore"):
        if column == 0:
            return round_to(x, fmt)
        if column <= order + 1:
            return computed(curve, x, column - 1, fmt)
        return ulps_at(curve, x, fmt)


def samples_in(curve: Curve, settings: PlotSettings, fmt: Format,
               range_of: Sequence[Curve] | None = None) -> PrecisionSamples:
    """The curve's samples (as :func:`~actplot.core.samples.samples_of`) with its values in ``fmt``."""
    exact = samples_of(curve, settings, range_of)
    columns = precision_columns(curve, exact.x, settings.order, fmt)
    derivatives: list[np.ndarray | None] = [*columns[2:-1], None, None]
    fields = {f.name: getattr(exact, f.name) for f in dataclasses.fields(Samples)}
    return PrecisionSamples(**fields, dtype=fmt.name, x_p=columns[0], y_p=columns[1], dy_p=derivatives[0],
                            d2y_p=derivatives[1], ulps=columns[-1])
