"""Sampled data: one curve's x, value and derivatives over a range, as every back end reads them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from actplot.core.curves import Curve
from actplot.core.settings import PlotSettings


@dataclass(frozen=True)
class Samples:
    """One curve's sampled data: ``x`` (the uniform grid with every breakpoint inside the range
    added exactly), the value ``y`` and the derivatives ``dy`` and ``d2y`` (``None`` beyond the
    order asked for), with what identifies the curve: ``activation`` (a name, ``expr:TEXT`` or
    ``custom:MODULE:NAME``), ``params`` (every parameter's value) and ``label``."""

    x: np.ndarray
    y: np.ndarray
    dy: np.ndarray | None
    d2y: np.ndarray | None
    activation: str
    params: Mapping[str, Any]
    label: str


def samples_of(curve: Curve, settings: PlotSettings, range_of: Sequence[Curve] | None = None) -> Samples:
    """One curve's :class:`Samples` over the settings' range (or the default range of ``range_of``)."""
    lo, hi = settings.range_for(range_of or [curve])
    x = curve.sample(lo, hi, settings.points)
    columns: list[np.ndarray | None] = [curve.evaluate(x, k) for k in range(settings.order + 1)]
    columns += [None] * (3 - len(columns))
    assert columns[0] is not None
    return Samples(x, columns[0], columns[1], columns[2], curve.entry.reference, dict(curve.params), curve.label)
