"""The interactive curves' data: each entry sampled by actplot on a grid of its parameters.

The browser never computes an activation. For each combination of the parameters' grid values
this module samples the curve exactly as a picture does (:meth:`Curve.sample`: the uniform grid
with every breakpoint added exactly) and stores the value, f' and f'' there as float32, the
jumps with their one-sided limits (the filled dot and open circles a picture draws), the poles
and each panel's y limits (:func:`~actplot.core.sampling.fitted_limits`, as a picture fits them).
The page draws those points joined by straight lines, as matplotlib does, so the browser shows
exactly the curve ``actplot NAME --points N`` draws for those parameters: a slider moves from one
grid value to the next and never interpolates between parameters.

Which parameters get a control: a number in an interval gets a slider over :data:`SLIDER_VALUES`
values (round multiples of a 1-2-2.5-5 step from the lowest to the highest of the default and
the catalog's examples, those values exactly, inside the domain); a word (GELU's
``approximate``) a choice; a list of numbers stays at its default. With one or two controls
every combination is sampled ("together"); with more, each parameter moves alone from the
defaults ("alone": moving one resets the others), so a page stays small. Combinations the entry
refuses (a constraint such as lower < upper) are recorded with actplot's message. The points per
combination are :data:`BUDGET` floats shared out, from 101 to 401, so that a page's data stays
under about 200 kB.

The x grid is not stored: the page rebuilds ``lo + i * (hi - lo) / (points - 1)`` (the last
point ``hi``) in float64 as numpy does and merges in the breakpoints, which are stored exactly.
"""

from __future__ import annotations

import base64
import itertools
import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from actplot.api import curves_for
from actplot.core.curves import Curve, format_value
from actplot.core.errors import UserError
from actplot.core.sampling import SAME_SIDES, fitted_limits
from actplot.core.schema import Activation, Choice, Interval, Param

#: Values on a slider, by how many sliders the entry has (more than two: each moves alone).
SLIDER_VALUES = {1: 17, 2: 7}
ALONE_VALUES = 9
#: Floats of sampled values a page may hold, shared out between its combinations.
BUDGET = 36000
POINTS = (101, 401)
#: The largest value drawn, as a picture's MAX_DRAWN: beyond it the line is broken.
LIMIT = 1e300


def controls(entry: Activation) -> list[dict[str, Any]]:
    """The page's controls: per parameter with one, its name, symbol, kind (``slider`` or
    ``choice``), values and the index of the default."""
    found = []
    numbers = [p for p in entry.parameters if _slidable(p)]
    count = SLIDER_VALUES.get(len(numbers), ALONE_VALUES)
    for param in entry.parameters:
        if _slidable(param):
            values: list[Any] = slider_values(param, count)
            kind = "slider"
        elif isinstance(param.domain, Choice):
            values, kind = list(param.domain.options), "choice"
        else:
            continue
        found.append({"name": param.name, "symbol": param.symbol, "help": param.help, "kind": kind,
                      "values": values, "default": values.index(param.default)})
    return found


def _slidable(param: Param) -> bool:
    """A finite number in an interval (Keras's uncapped ``max_value`` stays at its default)."""
    return (isinstance(param.domain, Interval) and isinstance(param.default, int | float)
            and math.isfinite(param.default))


def slider_values(param: Param, count: int) -> list[float]:
    """About ``count`` values of a numeric parameter: multiples of a round step from the lowest to
    the highest of its default and examples (the default ± max(|default|, 1) without examples),
    inside its domain, with the default and the examples exactly."""
    assert isinstance(param.domain, Interval) and isinstance(param.default, int | float)
    domain = param.domain
    known = [float(param.default)] + [float(e) for e in param.examples if isinstance(e, int | float)]
    lo, hi = min(known), max(known)
    if hi == lo:
        span = max(abs(lo), 1.0)
        lo, hi = lo - span, hi + span
    if math.isfinite(domain.low):
        lo = max(lo, domain.low)
    if math.isfinite(domain.high):
        hi = min(hi, domain.high)
    step = _round_step((hi - lo) / (count - 1))
    first, last = math.ceil(lo / step - 1e-9), math.floor(hi / step + 1e-9)
    values = {float(f"{k * step:.10g}") for k in range(first, last + 1)} | set(known)
    return sorted(v for v in values if domain.contains(v))


def _round_step(raw: float) -> float:
    """The smallest of 1, 2, 2.5 and 5 times a power of ten that is at least ``raw``."""
    power = 10.0 ** math.floor(math.log10(raw))
    return next(m * power for m in (1.0, 2.0, 2.5, 5.0, 10.0) if m * power >= raw * (1 - 1e-12))


def combinations(found: Sequence[Mapping[str, Any]]) -> tuple[str, list[tuple[int, ...]]]:
    """The mode (``together`` or ``alone``) and the value indices of every combination sampled."""
    sliders = sum(1 for c in found if c["kind"] == "slider")
    ranges = [range(len(c["values"])) for c in found]
    if sliders <= 2:
        return "together", list(itertools.product(*ranges))
    defaults = tuple(c["default"] for c in found)
    combos = {defaults}
    for index, values in enumerate(ranges):
        combos.update((*defaults[:index], value, *defaults[index + 1:]) for value in values)
    return "alone", sorted(combos)


def payload(entry: Activation, x_range: tuple[float, float] | None = None) -> dict[str, Any]:
    """The data of an entry's interactive curves (JSON data; see the module's docstring)."""
    found = controls(entry)
    mode, combos = combinations(found)
    points = int(min(max(BUDGET // (3 * len(combos)), POINTS[0]), POINTS[1]))
    lo, hi = x_range or entry.default_range
    sampled: dict[str, Any] = {}
    refused: dict[str, str] = {}
    for combo in combos:
        key = ",".join(map(str, combo))
        params = {c["name"]: c["values"][i] for c, i in zip(found, combo, strict=True)}
        try:
            (curve,) = curves_for(entry.name, **params)
        except UserError as error:
            refused[key] = str(error)
            continue
        sampled[key] = sample(curve, lo, hi, points)
    return {"name": entry.name, "range": [lo, hi], "points": points, "mode": mode, "controls": found,
            "combos": sampled, "refused": refused}


def sample(curve: Curve, lo: float, hi: float, points: int) -> dict[str, Any]:
    """One combination: breakpoints, poles, and per order the values, jumps and y limits."""
    breakpoints = curve.breakpoints(lo, hi)
    x = curve.sample(lo, hi, points)
    poles = [b.x for b in breakpoints if b.pole]
    columns, jumps, limits = [], [], []
    for order in range(3):
        with np.errstate(all="ignore"):
            y = np.asarray(curve.evaluate(x, order), dtype=np.float64)
        y = np.where(np.abs(y) <= LIMIT, y, np.nan)
        columns.append(y.astype("<f4"))
        here = [_jump(curve, b.x, order) for b in breakpoints if b.order <= order and not b.pole]
        jumps.append([j for j in here if j is not None])
        drawn = _pieces(x, y, [j[0] for j in jumps[-1]] + poles)
        marks = [v for j in jumps[-1] for v in j[1:4]]
        if marks:
            drawn.append((np.array([j[0] for j in jumps[-1] for _ in range(3)]), np.array(marks)))
        try:
            low, high = fitted_limits(drawn, poles, lo, hi)
        except ValueError:  # nothing finite to draw
            low, high = -1.0, 1.0
        limits.append([_short(low), _short(high)])
    return {"b": [float(b.x) for b in breakpoints], "p": [float(p) for p in poles], "j": jumps, "lim": limits,
            "y": base64.b64encode(np.concatenate(columns).tobytes()).decode("ascii")}


def _jump(curve: Curve, at: float, order: int) -> list[Any] | None:
    """``[x, value, left limit, right limit, left open, right open]`` where the line breaks: the
    open flags say which one-sided limits differ from the value (drawn as open circles); None
    where the value is not finite (a picture marks nothing there)."""
    sides = np.array([at, np.nextafter(at, -np.inf), np.nextafter(at, np.inf)], dtype=np.float64)
    with np.errstate(all="ignore"):
        value, left, right = (float(v) for v in curve.evaluate(sides, order))
    if not math.isfinite(value) or abs(value) > LIMIT:
        return None
    tolerance = SAME_SIDES * (1.0 + abs(value))
    return [float(at), value, left, right, int(math.isfinite(left) and abs(left - value) > tolerance),
            int(math.isfinite(right) and abs(right - value) > tolerance)]


def _pieces(x: np.ndarray, y: np.ndarray, cuts: Sequence[float]) -> list[tuple[np.ndarray, np.ndarray]]:
    """The drawn points without the cut points themselves (a jump's value is a marker, a pole is
    not drawn), for fitting the limits."""
    keep = ~np.isin(x, np.asarray(cuts, dtype=np.float64)) if cuts else np.ones(x.size, dtype=bool)
    return [(x[keep], y[keep])]


def _short(value: float) -> float:
    """A limit to 6 significant digits: what a panel's axis needs."""
    return float(f"{value:.6g}")


def command(entry: Activation, params: Mapping[str, Any]) -> str:
    """The ``actplot`` command that draws the entry with these parameters, f'' included."""
    options = [f"--{name.replace('_', '-')} {format_value(value)}" for name, value in params.items()
               if value != entry.params.get(name)]
    return " ".join(["actplot", entry.name, *options, "--order", "2"])
