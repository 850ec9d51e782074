"""Export the sampled data instead of a picture: CSV or JSON, every point kept.

Both formats hold one block per curve (sweeps and comparisons have several), with the
activation's name and parameter values recorded, and the columns x, y, then dy (order 1 and
up) and d2y (order 2). The x grid is the uniform grid with the curve's breakpoints inside the
range added exactly. Data is written chunk by chunk, so ten million points need no more memory
than a few chunks.

CSV: one header row ``activation,parameters,x,y,dy[,d2y]``, then the rows of each curve in turn.
``activation`` finds the curve again: the catalog name, ``expr:TEXT`` or ``custom:MODULE:NAME``;
``parameters`` is ``name=value`` pairs joined by ``;``, as the command line takes them (a list's
values joined by commas: ``others=1,2``); a field with a comma is quoted, as CSV does. Numbers
are written with 17 significant digits, which reads back to the same float64.

JSON: ``{"actplot": version, "range": [lo, hi], "points": n, "order": k, "curves": [{"activation",
"torch", "label", "params", "x", "y", "dy", "d2y"}...]}``; values that are not finite (the
exponential beyond x = 709.78) are ``null``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO

import numpy as np

from actplot.curves import Curve
from actplot.errors import number_text
from actplot.files import output
from actplot.sampling import grid
from actplot.settings import PlotSettings

COLUMNS = ("y", "dy", "d2y")


def write_data(curves: Sequence[Curve], settings: PlotSettings, path: Path) -> None:
    """Write the curves' samples to ``path`` as CSV or JSON, atomically."""
    writer = {"csv": _write_csv, "json": _write_json}[settings.output_format]
    with output(path, settings.to_stdout) as handle:
        writer(handle, curves, settings)


def column_names(order: int) -> tuple[str, ...]:
    """x and the value columns for a derivative order."""
    return ("x", *COLUMNS[: order + 1])


def chunks(curve: Curve, settings: PlotSettings, lo: float, hi: float) -> Iterator[np.ndarray]:
    """The curve's x grid, breakpoints included, in chunks."""
    return grid(lo, hi, settings.points, [b.x for b in curve.breakpoints(lo, hi)])


def params_text(curve: Curve) -> str:
    """The parameters as the command line takes them: ``name=value`` joined by ``;``, a list's
    values joined by commas (``others=1,2``), each number exact (it reads back to the same float)."""
    def text(value: object) -> str:
        if isinstance(value, tuple):
            return ",".join(text(v) for v in value)
        return number_text(value) if isinstance(value, float) else str(value)
    return ";".join(f"{name}={text(value)}" for name, value in curve.params.items())


def _csv_field(text: str) -> str:
    """A CSV field, quoted when it holds a comma, a quote or a line break."""
    if any(c in text for c in ',"\n\r'):
        return '"' + text.replace('"', '""') + '"'
    return text


def _write_csv(handle: IO[bytes], curves: Sequence[Curve], settings: PlotSettings) -> None:
    lo, hi = settings.range_for(curves)
    handle.write((",".join(["activation", "parameters", *column_names(settings.order)]) + "\n").encode())
    for curve in curves:
        prefix = f"{_csv_field(curve.entry.reference)},{_csv_field(params_text(curve))},".replace("%", "%%")
        row = prefix + ",".join(["%.17g"] * (settings.order + 2))
        for x in chunks(curve, settings, lo, hi):
            table = np.column_stack([x, *(curve.evaluate(x, order) for order in range(settings.order + 1))])
            np.savetxt(handle, table, fmt=row, delimiter=",")


def _write_json(handle: IO[bytes], curves: Sequence[Curve], settings: PlotSettings) -> None:
    from actplot import __version__

    lo, hi = settings.range_for(curves)
    head = {"actplot": __version__, "range": [lo, hi], "points": settings.points, "order": settings.order}
    handle.write(json.dumps(head)[:-1].encode() + b', "curves": [')
    for index, curve in enumerate(curves):
        meta = {"activation": curve.entry.reference, "torch": curve.entry.torch, "label": curve.label,
                "params": dict(curve.params)}
        handle.write((", " if index else "").encode() + json.dumps(meta)[:-1].encode())
        for order, name in enumerate(column_names(settings.order)):
            handle.write(f', "{name}": ['.encode())
            for part, x in enumerate(chunks(curve, settings, lo, hi)):
                values = x if order == 0 else curve.evaluate(x, order - 1)
                handle.write((", " if part else "").encode() + _json_numbers(values))
            handle.write(b"]")
        handle.write(b"}")
    handle.write(b"]}\n")


def _json_numbers(values: np.ndarray) -> bytes:
    items = values.tolist()
    if not np.isfinite(values).all():
        items = [v if math.isfinite(v) else None for v in items]
    return json.dumps(items)[1:-1].encode()
