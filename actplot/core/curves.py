"""What to draw: curves, each an activation with validated parameter values and a label.

A single plot is one curve; a sweep is one curve per combination of repeated parameter values;
a comparison is one curve per ``name[:param=value,...]`` spec.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from actplot.core.errors import ParameterError, number_text
from actplot.core.sampling import CHUNK, NUMERICAL_SIDES, SAME_SIDES, Trace, grid, trace
from actplot.core.schema import Activation, Array, Breakpoint, ParamValue


@dataclass(frozen=True)
class Curve:
    """One activation at fixed parameter values, as drawn or exported."""

    entry: Activation
    params: Mapping[str, ParamValue]  # every parameter, validated, by its canonical name
    label: str
    #: What a panel showing this curve alone says under its title, from the derivative order and
    #: the range drawn (a difference's largest |A - B|); drawn as it is, computed by its maker.
    note: Callable[[int, float, float], str] | None = field(default=None, compare=False, repr=False)
    #: For a difference A − B, the curves A and B (:mod:`actplot.core.difference`): a format's
    #: model computes each side in that format and subtracts.
    sides: tuple[Curve, Curve] | None = field(default=None, compare=False, repr=False)

    def evaluate(self, x: Array, order: int) -> Array:
        """The value (order 0) or a derivative at x."""
        return self.entry.evaluate(x, order, **self.params)

    def breakpoints(self, lo: float, hi: float) -> tuple[Breakpoint, ...]:
        """The breakpoints inside [lo, hi], found ones included."""
        return self.entry.breakpoints_between(lo, hi, **self.params)

    def grid(self, lo: float, hi: float, points: int, chunk: int = CHUNK) -> Iterator[Array]:
        """The x values the curve is sampled at over [lo, hi], in chunks: ``points`` uniform ones
        with every breakpoint inside the range added exactly (the points the plot, the data
        export and :func:`actplot.sample` all use)."""
        return grid(lo, hi, points, [b.x for b in self.breakpoints(lo, hi)], chunk)

    def trace(self, order: int, lo: float, hi: float, points: int, columns: int | None = None,
              limit: float = np.inf) -> Trace:
        """The curve's ``order``-th panel as drawn (a picture or the terminal): sampled with its
        breakpoints, broken where it jumps (below ``order``) or has a pole, values beyond ``limit``
        left out; numerical derivatives' two sides are one value when closer than
        :data:`~actplot.core.sampling.NUMERICAL_SIDES` (they are good to about 1e-11 there)."""
        breakpoints = self.breakpoints(lo, hi)
        numerical = order > 0 and self.entry.derivative_method != "exact"
        return trace(lambda x: self.evaluate(x, order), lo, hi, points,
                     jumps=[b.x for b in breakpoints if b.order <= order and not b.pole],
                     kinks=[b.x for b in breakpoints if b.order > order], columns=columns, limit=limit,
                     poles=[b.x for b in breakpoints if b.pole],
                     same=NUMERICAL_SIDES if numerical else SAME_SIDES)

    def sample(self, lo: float, hi: float, points: int) -> Array:
        """:meth:`grid` as one array."""
        return np.concatenate(list(self.grid(lo, hi, points)))

    def formula(self, order: int) -> str:
        """The mathtext formula of the value (0) or the first derivative (1) at these parameters."""
        return self.entry.formula_at(order, **self.params)

    def band(self, x: Array, order: int) -> tuple[Array, Array] | None:
        return self.entry.band(x, order, **self.params)

    @property
    def params_text(self) -> str:
        """``name=value`` for every parameter, as short as the value allows."""
        return ", ".join(f"{name}={format_value(value)}" for name, value in self.params.items())


def default_title(curves: Sequence[Curve]) -> str:
    """The entry's name and parameter values, or the curves compared: a figure's title.

    A sweep (labels of parameter values only) is titled by its entry; a comparison by every
    curve's label, so two forms of one entry are both named (``gelu vs gelu (approximate=tanh)``).
    """
    named = [curve.label if curve.label.startswith(curve.entry.display_name) else curve.entry.display_name
             for curve in curves]
    entries = list(dict.fromkeys(named))
    if len(entries) > 1:
        return " vs ".join(entries)
    curve = curves[0]
    if len(curves) > 1 or not curve.params:
        return curve.entry.display_name
    return f"{curve.entry.display_name}   {curve.params_text}"


def format_value(value: ParamValue) -> str:
    """A parameter value for a label: numbers to 6 significant digits, lists comma-joined.

    Labels are for reading; the data export records the exact values.
    """
    if isinstance(value, tuple):
        return ",".join(format_value(v) for v in value)
    if isinstance(value, float):
        return f"{value:.6g}"
    return str(value)


def exact_value(value: ParamValue) -> str:
    """A parameter value as the command line reads it back to the same number: floats exactly
    (``0.1``, ``1e-300``), lists comma-joined (``others=1,2``), words as they are."""
    if isinstance(value, tuple):
        return ",".join(exact_value(v) for v in value)
    return number_text(value) if isinstance(value, float) else str(value)


#: References whose parameters are all free (an expression's, a custom function's): a spec
#: gives them after ``;`` (``expr:x*beta;beta=2``), where an entry's follow ``:``.
FREE_REFERENCES = ("expr:", "custom:", "python:")


def spec_text(curve: Curve, exact: bool = True, changed_only: bool = False) -> str:
    """The curve as a spec reads (the one printer of specs): its reference and its parameters,
    ``elu:alpha=0.5`` or ``expr:x*beta;beta=2``.

    ``exact`` writes each number so that it reads back to the same float (for a command to run
    again); else to 6 digits (for a title). ``changed_only`` leaves out an entry's parameters at
    their defaults (an expression's or a custom function's are always given).

    Example::

        >>> from actplot.catalog import get
        >>> spec_text(single(get("elu"), {"alpha": 0.5})), spec_text(single(get("elu")), changed_only=True)
        ('elu:alpha=0.5', 'elu')
    """
    entry = curve.entry
    free = entry.reference.startswith(FREE_REFERENCES)
    shown = {name: value for name, value in curve.params.items()
             if free or not changed_only or value != entry.params.get(name)}
    write = exact_value if exact else format_value
    pieces = [f"{name}={write(value)}" for name, value in shown.items()]
    if free:
        return ";".join([entry.reference, *pieces])
    return entry.reference + (":" + ",".join(pieces) if pieces else "")


def file_stem(curves: Sequence[Curve]) -> str:
    """A file name from the curves' names, an expression's text made safe (``x*sigmoid(x)`` ->
    ``x-sigmoid-x``), several entries joined by ``-vs-`` and a sweep marked ``-sweep``."""
    names = list(dict.fromkeys(curve.entry.display_name for curve in curves))
    stem = "-vs-".join(re.sub(r"[^A-Za-z0-9_.]+", "-", name).strip("-.") or "expr" for name in names)
    if len(curves) > len(names):
        stem += "-sweep"
    return stem


def single(entry: Activation, params: Mapping[str, Any] | None = None) -> Curve:
    """One curve of ``entry``, labelled with its name."""
    return Curve(entry, entry.resolve(**(params or {})), entry.display_name)


def sweep(entry: Activation, values: Mapping[str, Sequence[Any]]) -> list[Curve]:
    """One curve per combination of the given values; labels name the swept parameters.

    ``values`` maps a parameter name (or alias) to the values given for it; a parameter given
    once is fixed, a parameter given several times is swept.
    """
    names = list(values)
    swept = [name for name in names if len(values[name]) > 1]
    for name in swept:
        _no_repeats(entry, name, values[name])
    curves = []
    for combination in itertools.product(*(values[name] for name in names)):
        given = dict(zip(names, combination, strict=True))
        resolved = entry.resolve(**given)
        if swept:
            label = ", ".join(f"{entry.param(n).name}={format_value(resolved[entry.param(n).name])}" for n in swept)
        else:
            label = entry.display_name
        curves.append(Curve(entry, resolved, label))
    return curves


def _no_repeats(entry: Activation, name: str, values: Sequence[Any]) -> None:
    """Raise :class:`ParameterError` where a swept parameter takes one value twice: the two curves
    would be one drawn over the other, and a legend would promise two."""
    seen: list[Any] = []
    for value in values:
        coerced = entry.param(name).coerce(value)
        if coerced in seen:
            raise ParameterError(f"{entry.param(name).name} takes the value {format_value(coerced)} twice in the "
                                 "sweep; give each value once")
        seen.append(coerced)








def _spec_label(curve: Curve, given: Mapping[str, Sequence[Any]]) -> str:
    """``name (param=value, ...)`` with the parameters the spec gave."""
    if not given:
        return curve.entry.display_name
    shown = ", ".join(f"{name}={format_value(curve.params[curve.entry.param(name).name])}" for name in given)
    return f"{curve.entry.display_name} ({shown})"


def assignments(pieces: Sequence[str], where: str | None = None) -> dict[str, list[float]]:
    """``NAME=NUMBER`` pieces grouped by name (a name given several times sweeps); raise
    ParameterError naming ``where`` (or the ``--param`` option) for anything else."""
    grouped: dict[str, list[float]] = {}
    for piece in filter(None, (p.strip() for p in pieces)):
        key, equals, value = piece.partition("=")
        try:
            if not equals or not key.strip():
                raise ValueError
            number = float(value)
        except ValueError:
            raise ParameterError(f"'{where or '--param ' + piece}': parameters are NAME=NUMBER, "
                                 f"got '{piece}'") from None
        grouped.setdefault(key.strip(), []).append(number)
    return grouped
