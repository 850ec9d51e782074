"""Sample a curve honestly: breakpoints exactly, lines broken at jumps, data reduced to pixels.

Everything here works chunk by chunk, so ten million points cost a few megabytes of memory:
the uniform grid is generated in chunks, each chunk is evaluated, and for drawing each chunk is
reduced to the few points per pixel column that decide what the line looks like (the first,
last, lowest and highest, the M4 reduction), which draws the same pixels as the full data.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np

Array = np.ndarray

#: Points evaluated at once; about 2 MB per float64 array.
CHUNK = 1 << 18
#: Two sides of a breakpoint closer than this (relative to 1 + |value|) are the same value.
SAME_SIDES = 1e-12
#: The same for numerical derivatives, good to about 1e-11 next to a breakpoint: a smooth join
#: of a user's function is not marked as a jump.
NUMERICAL_SIDES = 1e-7


@dataclass(frozen=True)
class Jump:
    """A point where the drawn line is broken.

    ``value`` is what the function takes at ``x`` (drawn as a filled dot); ``limits`` are the
    one-sided limits that differ from it (drawn as open circles).
    """

    x: float
    value: float
    limits: tuple[float, ...]


@dataclass(frozen=True)
class Trace:
    """One curve in one panel: continuous segments, and the jumps between them.

    Values that are not finite (NaN, or an overflow to +-inf) are left out and break the line;
    ``missing`` counts them and ``missing_span`` is the lowest and highest x where they were.
    """

    segments: tuple[tuple[Array, Array], ...]
    jumps: tuple[Jump, ...]
    missing: int = 0
    missing_span: tuple[float, float] | None = None
    sampled: int = 0
    poles: tuple[float, ...] = ()  # where the line is broken because the value goes to infinity


class _Segments:
    """Collects pieces of a line into segments; :meth:`close` ends the current segment."""

    def __init__(self) -> None:
        self.done: list[tuple[Array, Array]] = []
        self.open: list[tuple[Array, Array]] = []

    def add(self, x: Array, y: Array) -> None:
        if x.size:
            self.open.append((x, y))

    def close(self) -> None:
        if self.open:
            self.done.append((np.concatenate([p[0] for p in self.open]), np.concatenate([p[1] for p in self.open])))
            self.open = []


def uniform(lo: float, hi: float, points: int, chunk: int = CHUNK) -> Iterator[Array]:
    """``np.linspace(lo, hi, points)`` in chunks of at most ``chunk`` points."""
    step = (hi - lo) / (points - 1)
    for start in range(0, points, chunk):
        index = np.arange(start, min(points, start + chunk), dtype=np.float64)
        x = lo + index * step
        if start + chunk >= points:
            x[-1] = hi
        yield x


def grid(lo: float, hi: float, points: int, extra: Iterable[float] = (), chunk: int = CHUNK) -> Iterator[Array]:
    """The uniform grid with the ``extra`` points inside [lo, hi] merged in, sorted, in chunks."""
    pending = np.unique(np.array([e for e in extra if lo <= e <= hi], dtype=np.float64))
    chunks = uniform(lo, hi, points, chunk)
    current: Array | None = next(chunks)
    while current is not None:
        following = next(chunks, None)
        upper = np.inf if following is None else following[0]
        here = pending[pending < upper]
        pending = pending[pending >= upper]
        yield np.union1d(current, here) if here.size else current
        current = following


def sample(lo: float, hi: float, points: int, extra: Iterable[float] = ()) -> Array:
    """The whole grid of :func:`grid` as one array."""
    return np.concatenate(list(grid(lo, hi, points, extra)))


def reduce_to_columns(x: Array, y: Array, lo: float, hi: float, columns: int) -> tuple[Array, Array]:
    """Keep the first, last, lowest and highest point of each of ``columns`` pixel columns.

    ``x`` must be sorted. With four or fewer points a column there is nothing to remove.
    """
    if x.size <= 4 * columns:
        return x, y
    column = np.clip(((x - lo) / (hi - lo) * columns).astype(np.int64), 0, columns - 1)
    starts = np.flatnonzero(np.r_[True, column[1:] != column[:-1]])
    ends = np.r_[starts[1:], x.size] - 1
    by_value = np.lexsort((y, column))  # within each column, sorted by y
    keep = np.unique(np.concatenate([starts, ends, by_value[starts], by_value[ends]]))
    return x[keep], y[keep]


def trace(
    fn: Callable[[Array], Array],
    lo: float,
    hi: float,
    points: int,
    jumps: Iterable[float] = (),
    kinks: Iterable[float] = (),
    columns: int | None = None,
    limit: float = np.inf,
    poles: Iterable[float] = (),
    same: float = SAME_SIDES,
) -> Trace:
    """Sample ``fn`` over [lo, hi] with ``points`` uniform points for drawing.

    The line is broken at each of ``jumps`` (the function's value there becomes a :class:`Jump`
    marker, and each side runs up to the float64 neighbour of the jump); ``kinks`` are sampled
    exactly. With ``columns``, each segment is reduced to that many pixel columns. Values that are
    not finite, or larger in magnitude than ``limit``, break the line too and are counted in the
    trace's ``missing``. At each of ``poles`` (where the value goes to infinity) the line is
    broken too, but nothing is sampled at the pole or next to it and no value is marked. Two
    sides of a jump closer than ``same`` (relative) are one value: nothing jumps there.
    """
    infinite = {float(p) for p in poles if lo <= p <= hi}
    cuts = sorted({float(j) for j in jumps if lo <= j <= hi} | infinite)
    near = [np.nextafter(j, -np.inf) for j in cuts if j > lo and j not in infinite] + \
        [np.nextafter(j, np.inf) for j in cuts if j < hi and j not in infinite]
    cut_array = np.array(cuts, dtype=np.float64)
    segments = _Segments()
    missing, sampled, span = 0, 0, [np.inf, -np.inf]
    current = 0
    for x in grid(lo, hi, points, [*kinks, *near]):
        if cuts:
            x = x[~np.isin(x, cut_array)]
        y = fn(x)
        sampled += x.size
        segment = np.searchsorted(cut_array, x)
        bounds = np.searchsorted(segment, np.arange(1, len(cuts) + 1))
        for index, (xs, ys) in enumerate(zip(np.split(x, bounds), np.split(y, bounds), strict=True)):
            if not xs.size:
                continue
            if index != current:
                segments.close()
                current = index
            finite = np.abs(ys) <= limit if limit < np.inf else np.isfinite(ys)
            if not finite.all():
                missing += int(xs.size - np.count_nonzero(finite))
                span = [min(span[0], float(xs[~finite][0])), max(span[1], float(xs[~finite][-1]))]
            for run_x, run_y, ok in _runs(xs, ys, finite):
                if not ok:
                    segments.close()
                    continue
                segments.add(*(reduce_to_columns(run_x, run_y, lo, hi, columns) if columns else (run_x, run_y)))
    segments.close()
    found = (_jump(fn, j, lo, hi, min(limit, np.finfo(np.float64).max), same) for j in cuts if j not in infinite)
    return Trace(tuple(segments.done), tuple(j for j in found if math.isfinite(j.value)), missing,
                 (span[0], span[1]) if missing else None, sampled, tuple(sorted(infinite)))


def _runs(x: Array, y: Array, finite: Array) -> Iterator[tuple[Array, Array, bool]]:
    """The stretches of (x, y) where ``finite`` is all true or all false, in order."""
    if finite.all():
        yield x, y, True
        return
    edges = np.flatnonzero(finite[1:] != finite[:-1]) + 1
    for xs, ys, flags in zip(np.split(x, edges), np.split(y, edges), np.split(finite, edges), strict=True):
        yield xs, ys, bool(flags[0])


def _jump(fn: Callable[[Array], Array], x: float, lo: float, hi: float, bound: float = math.inf,
          same: float = SAME_SIDES) -> Jump:
    sides = [s for s in (np.nextafter(x, -np.inf), np.nextafter(x, np.inf)) if lo <= s <= hi]
    value, *limits = fn(np.array([x, *sides], dtype=np.float64)).tolist()
    if not math.isfinite(value) or abs(value) > bound:
        return Jump(float(x), math.nan, ())
    tolerance = same * (1.0 + abs(value)) if math.isfinite(value) else 0.0
    distinct = tuple(limit for limit in limits if abs(limit) <= bound and abs(limit - value) > tolerance)
    return Jump(float(x), float(value), distinct)


#: The share of samples at each end that may lie far beyond the others (see :func:`robust_limits`).
OUTLYING_SHARE = 0.01


def robust_limits(values: Iterable[Array]) -> tuple[float, float]:
    """The range of the finite ``values`` a panel shows: all of them, except a few far away.

    The middle of the values is the range from the 1% quantile to the 99% one; the limits
    reach at most that range's width beyond it on either side. So a pole's neighbourhood or one
    huge sample leaves the panel (its line runs off the edge) instead of flattening every other
    value into a line, while a curve that merely rises steeply at the end of the range (an
    exponential) is shown whole. Raises ValueError when no value is finite.
    """
    finite = [v[np.isfinite(v)] for v in (np.ravel(a) for a in values)]
    y = np.concatenate(finite) if finite else np.empty(0)
    if not y.size:
        raise ValueError("no finite value to fit the limits to")
    low, high = float(y.min()), float(y.max())
    if y.size < 1 / OUTLYING_SHARE:  # too few values to tell which are far from the others
        return low, high
    core_low, core_high = (float(q) for q in np.quantile(y, [OUTLYING_SHARE, 1 - OUTLYING_SHARE]))
    width = core_high - core_low
    if not math.isfinite(width):
        return low, high
    if width == 0.0:
        width = max(abs(core_low), 1.0)
    return max(low, core_low - width), min(high, core_high + width)


#: Around a pole, this fraction of the range on either side is not fitted: the curve leaves the panel there.
POLE_MARGIN = 0.02


def fitted_limits(segments: Iterable[tuple[Array, Array]], poles: Sequence[float], lo: float, hi: float,
                  margin: float = 0.05) -> tuple[float, float]:
    """A panel's y limits for the drawn points ``(x, y)``: :func:`robust_limits` of the values
    farther than :data:`POLE_MARGIN` of the range from every pole, with ``margin`` of room on
    either side; a constant is shown against zero. Computed so that values near float64's
    limits cannot overflow."""
    at = np.asarray(poles, dtype=np.float64)
    values = []
    for x, y in segments:
        y = np.asarray(y, dtype=np.float64)
        if at.size:
            y = y[np.abs(np.asarray(x, dtype=np.float64)[:, None] - at[None, :]).min(axis=1) > POLE_MARGIN * (hi - lo)]
        values.append(y)
    low, high = robust_limits(values)
    if high - low <= 1e-12 * max(abs(high), abs(low)) or high - low < 1e-290:  # a constant: against zero
        pad = 0.1 * max(abs(high), 1.0) if high != 0.0 else 1.0
        return min(0.0, low) - pad, max(0.0, high) + pad
    room = margin * (high / 2 - low / 2) * 2 if math.isfinite(high - low) else 2 * margin * (high / 2 - low / 2)
    limits = (low - room, high + room)
    return limits if math.isfinite(limits[0]) and math.isfinite(limits[1]) else (low, high)
