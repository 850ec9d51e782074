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

npz: numpy's own archive (``np.load``): for one curve the arrays ``x``, ``y``, ``dy`` (order 1
and up) and ``d2y`` (order 2), exactly as :func:`actplot.sample` returns them, and the strings
``activation``, ``parameters`` (as in the CSV) and ``label``; with several curves every key
ends in ``_0``, ``_1``... in curve order.

Large CSV outputs are formatted by worker processes (one a CPU, started with fork), which is
what brings ten million points under 8 s; the bytes are the same as formatted here.

With a ``dtype`` (``--dtype float16``) every format adds the curve as computed in that format
(see :mod:`actplot.core.precision`): ``x_p`` (x rounded to the format: the input it computes
at), ``y_p``, ``dy_p``, ``d2y_p`` (up to the order) and ``ulps``, the value's error in ulps of
the format (for a difference A − B: ``A_P - B_P`` in ulps of B); the CSV has a ``dtype``
column after ``parameters``, JSON a ``"dtype"`` at the top and npz a ``dtype`` string.

JSON: ``{"actplot": version, "range": [lo, hi], "points": n, "order": k, "curves": [{"activation",
"torch", "label", "params", "x", "y", "dy", "d2y"}...]}``, strict JSON (no ``Infinity`` or
``NaN``, which most JSON readers refuse): values that are not finite (the exponential beyond
x = 709.78) are ``null``, and a parameter that is not a finite number is written as the text the
command line takes for it (Keras's ``max_value`` without a cap is ``"inf"``; :func:`jsonable`).
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

import numpy as np

from actplot.core import precision
from actplot.core.curves import Curve, exact_value
from actplot.core.errors import number_text
from actplot.core.files import output
from actplot.core.samples import samples_of
from actplot.core.settings import PlotSettings
from actplot.core.version import __version__

COLUMNS = ("y", "dy", "d2y")
#: The columns a ``dtype`` adds, after x and the exact values (up to the order, and ``ulps``).
PRECISION_COLUMNS = ("x_p", "y_p", "dy_p", "d2y_p")


#: Rows below which CSV is formatted in this process (workers would cost more than they save).
PARALLEL_ROWS = 200_000
#: Rows a worker formats at a time.
WORKER_ROWS = 1 << 16
#: What the forked CSV workers format: the curve and the row format (set just before the fork).
_job: tuple[Curve, int, str, precision.Format | None] | None = None


def write_data(curves: Sequence[Curve], settings: PlotSettings, path: Path) -> None:
    """Write the curves' samples to ``path`` as CSV, JSON or .npz, atomically."""
    writer = {"csv": _write_csv, "json": _write_json, "npz": _write_npz}[settings.output_format]
    with output(path, settings.to_stdout) as handle:
        writer(handle, curves, settings)


def data_bytes(curves: Sequence[Curve], settings: PlotSettings, fmt: str) -> bytes:
    """The bytes :func:`write_data` writes for ``fmt`` (csv, json or npz), in memory."""
    import io

    buffer = io.BytesIO()
    {"csv": _write_csv, "json": _write_json, "npz": _write_npz}[fmt](buffer, curves, settings)
    return buffer.getvalue()


def jsonable(value: Any) -> Any:
    """``value`` as strict JSON data: a tuple as a list, and a number that is not finite as its text
    (``"inf"``, ``"-inf"``, ``"nan"``), which the parameter it came from reads back (an infinite
    value is only ever valid as a framework's word, such as Keras's ``max_value``)."""
    if isinstance(value, tuple | list):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, float) and not math.isfinite(value):
        return number_text(value)
    return value


def column_names(order: int, dtype: str | None = None) -> tuple[str, ...]:
    """x and the value columns for a derivative order, and with a ``dtype`` the columns of the
    values computed in it."""
    exact = ("x", *COLUMNS[: order + 1])
    return exact if dtype is None else (*exact, *PRECISION_COLUMNS[: order + 2], "ulps")


def params_text(curve: Curve) -> str:
    """The parameters as the command line takes them: ``name=value`` joined by ``;``, each value
    exact (see :func:`actplot.core.curves.exact_value`)."""
    return ";".join(f"{name}={exact_value(value)}" for name, value in curve.params.items())


def _csv_field(text: str) -> str:
    """A CSV field, quoted when it holds a comma, a quote or a line break."""
    if any(c in text for c in ',"\n\r'):
        return '"' + text.replace('"', '""') + '"'
    return text


def _write_csv(handle: IO[bytes], curves: Sequence[Curve], settings: PlotSettings) -> None:
    """The CSV, formatted chunk by chunk: in worker processes for large outputs (formatting
    numbers is most of the time, about 0.3 µs a value), here for small ones; the bytes are the
    same either way."""
    global _job
    lo, hi = settings.range_for(curves)
    fmt = precision.format_of(settings)
    names = column_names(settings.order, settings.dtype)
    head = ["activation", "parameters", *(["dtype"] if fmt is not None else []), *names]
    handle.write((",".join(head) + "\n").encode())
    for curve in curves:
        prefix = f"{_csv_field(curve.entry.reference)},{_csv_field(params_text(curve))},".replace("%", "%%")
        prefix += f"{fmt.name}," if fmt is not None else ""
        _job = (curve, settings.order, prefix + ",".join(["%.17g"] * len(names)) + "\n", fmt)
        parts = curve.grid(lo, hi, settings.points, WORKER_ROWS)
        pool = _pool() if settings.points >= PARALLEL_ROWS else None
        try:
            for text in (pool.imap(_csv_rows, parts) if pool is not None else map(_csv_rows, parts)):
                handle.write(text)
        finally:
            if pool is not None:
                pool.terminate()
    _job = None


def _pool() -> Any:
    """Worker processes that inherit :data:`_job` (fork), or None where there is no fork or one CPU."""
    import multiprocessing
    import os

    if "fork" not in multiprocessing.get_all_start_methods() or (os.cpu_count() or 1) < 2:
        return None
    return multiprocessing.get_context("fork").Pool(os.cpu_count())


def _csv_rows(x: np.ndarray) -> bytes:
    """The CSV rows of one chunk of x (in a worker or here): every number to 17 digits."""
    assert _job is not None
    curve, order, row, fmt = _job
    exact = [x, *(curve.evaluate(x, k) for k in range(order + 1))]
    computed = precision.precision_columns(curve, x, order, fmt) if fmt is not None else []
    columns = np.column_stack([*exact, *computed])
    return ((row * x.size) % tuple(columns.ravel().tolist())).encode()


def _write_npz(handle: IO[bytes], curves: Sequence[Curve], settings: PlotSettings) -> None:
    """numpy's archive: ``x``, ``y``, ``dy``, ``d2y`` as :func:`actplot.sample` returns them, with
    ``activation``, ``parameters`` and ``label`` (each key suffixed ``_0``, ``_1``... when there
    are several curves)."""
    arrays: dict[str, np.ndarray] = {}
    fmt = precision.format_of(settings)
    if fmt is not None:
        arrays["dtype"] = np.array(fmt.name)
    for index, curve in enumerate(curves):
        samples = samples_of(curve, settings, curves) if fmt is None else precision.samples_in(curve, settings, fmt,
                                                                                               curves)
        suffix = f"_{index}" if len(curves) > 1 else ""
        columns = {"x": samples.x, "y": samples.y, "dy": samples.dy, "d2y": samples.d2y}
        if isinstance(samples, precision.PrecisionSamples):
            columns.update({"x_p": samples.x_p, "y_p": samples.y_p, "dy_p": samples.dy_p, "d2y_p": samples.d2y_p,
                            "ulps": samples.ulps})
        arrays.update({name + suffix: values for name, values in columns.items() if values is not None})
        arrays.update({"activation" + suffix: np.array(curve.entry.reference),
                       "parameters" + suffix: np.array(params_text(curve)), "label" + suffix: np.array(curve.label)})
    save: Any = np.savez  # typed by numpy as if every keyword were ``allow_pickle``
    save(handle, **arrays)


def _write_json(handle: IO[bytes], curves: Sequence[Curve], settings: PlotSettings) -> None:
    lo, hi = settings.range_for(curves)
    fmt = precision.format_of(settings)
    head: dict[str, Any] = {"actplot": __version__, "range": [lo, hi], "points": settings.points,
                            "order": settings.order}
    if fmt is not None:
        head["dtype"] = fmt.name
    handle.write(json.dumps(head, allow_nan=False)[:-1].encode() + b', "curves": [')
    for index, curve in enumerate(curves):
        meta = {"activation": curve.entry.reference, "torch": curve.entry.torch, "label": curve.label,
                "params": jsonable(dict(curve.params))}
        handle.write((", " if index else "").encode() + json.dumps(meta, allow_nan=False)[:-1].encode())
        for order, name in enumerate(column_names(settings.order)):
            handle.write(f', "{name}": ['.encode())
            for part, x in enumerate(curve.grid(lo, hi, settings.points)):
                values = x if order == 0 else curve.evaluate(x, order - 1)
                handle.write((", " if part else "").encode() + _json_numbers(values))
            handle.write(b"]")
        names = column_names(settings.order, settings.dtype)[settings.order + 2:]
        for column, name in enumerate(names if fmt is not None else ()):
            handle.write(f', "{name}": ['.encode())
            for part, x in enumerate(curve.grid(lo, hi, settings.points)):
                assert fmt is not None
                values = precision.precision_column(curve, x, settings.order, fmt, column)
                handle.write((", " if part else "").encode() + _json_numbers(values))
            handle.write(b"]")
        handle.write(b"}")
    handle.write(b"]}\n")


def _json_numbers(values: np.ndarray) -> bytes:
    items = values.tolist()
    if not np.isfinite(values).all():
        items = [v if math.isfinite(v) else None for v in items]
    return json.dumps(items, allow_nan=False)[1:-1].encode()
