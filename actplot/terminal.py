"""Draw in the terminal: the panels as text, for machines with no window (SSH, containers, CI logs).

What is drawn, as in a picture: the function and its derivatives in panels side by side (one
above the other when the terminal is too narrow for them side by side at a readable width), each
titled with its formula, with y tick values at the left, the x range below and the axes lines
through 0; one colour per curve and a legend for sweeps and comparisons. The same honesty as the
pictures: the samples come from :func:`actplot.sampling.trace`, so breakpoints are exact and a jump
breaks the line, with the value taken marked ``●`` and the other side's limit ``○``.

Resolution: braille characters, 2 x 4 dots a character cell. Without a UTF-8 terminal, ASCII:
``'``, ``.`` and ``:`` (two dots a cell), ``*`` and ``o`` for the markers, ``|``, ``-`` and ``+``.
Colour (ANSI) only on a terminal, and never with ``NO_COLOR`` set (no-color.org) or
``TERM=dumb``. The size follows the terminal (``shutil.get_terminal_size``, so ``COLUMNS`` and
``LINES`` work) and no line is ever wider than it.

Why actplot's own module rather than a terminal plotting library: uniplot and plotext were
compared (see the README); neither marks the value taken at a jump, and importing either costs
more than the whole terminal plot may (it must take at most 0.4 of the time of the same plot to
PNG, and the interpreter with numpy already takes most of that). This module needs numpy only;
it never imports matplotlib.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO

import numpy as np

from actplot import sampling
from actplot.curves import Curve, default_title
from actplot.formula import plain
from actplot.settings import PlotSettings

#: Narrowest panel drawn side by side, in characters (labels, frame and plot).
MIN_PANEL_WIDTH = 34
#: Rows of a panel's plot area: at least, and at most.
MIN_ROWS, MAX_ROWS = 6, 24
#: Gap between two panels side by side.
GAP = 3
#: ANSI foreground colours, one per curve in turn (blue, yellow, green, red, magenta, cyan...).
COLORS = (34, 33, 32, 31, 35, 36, 94, 93, 92, 91, 95, 96)
DIM, RESET = "\x1b[2m", "\x1b[0m"
#: Braille dot bits for (row within the cell, column within the cell).
BRAILLE_BITS = np.array([[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]], dtype=np.int64)
PANEL_NAMES = ("f(x)", "f′(x)", "f″(x)")
ASCII_NAMES = ("f(x)", "f'(x)", "f''(x)")


@dataclass(frozen=True)
class Screen:
    """The terminal drawn on: its size, and whether it takes colour and Unicode."""

    columns: int
    lines: int
    color: bool
    unicode: bool


def screen_of(stream: IO[str]) -> Screen:
    """The screen behind ``stream``: its size (or COLUMNS/LINES), colour only on a terminal (not
    with NO_COLOR or TERM=dumb), Unicode when its encoding is UTF-8."""
    size = shutil.get_terminal_size((80, 24))
    tty = bool(getattr(stream, "isatty", lambda: False)())
    color = tty and not os.environ.get("NO_COLOR") and os.environ.get("TERM", "") != "dumb"
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
    return Screen(max(20, size.columns), max(8, size.lines), color, encoding == "utf8")


@dataclass(frozen=True)
class _Glyphs:
    vertical: str
    horizontal: str
    corner: str
    cross: str
    value: str
    limit: str
    names: tuple[str, ...]
    ellipsis: str


UNICODE = _Glyphs("│", "─", "└", "┼", "●", "○", PANEL_NAMES, "…")
ASCII = _Glyphs("|", "-", "+", "+", "*", "o", ASCII_NAMES, "...")


def draw(curves: Sequence[Curve], settings: PlotSettings, screen: Screen) -> str:
    """The plot as text (ending with a newline), at most ``screen.columns`` wide."""
    glyphs = UNICODE if screen.unicode else ASCII
    lo, hi = settings.range_for(curves)
    panels = settings.panels
    side_by_side = (screen.columns - GAP * (panels - 1)) // panels >= MIN_PANEL_WIDTH
    width = (screen.columns - GAP * (panels - 1)) // panels if side_by_side else screen.columns
    legend = _legend(curves, screen, glyphs) if len(curves) > 1 or any(c.entry.band_fn for c in curves) else []
    overhead = 1 + len(legend) + (4 if side_by_side else 4 * panels)
    rows = (screen.lines - 1 - overhead) // (1 if side_by_side else panels)
    rows = max(MIN_ROWS, min(MAX_ROWS, rows))
    blocks = [_panel(curves, order, lo, hi, settings.points, width, rows, screen, glyphs)
              for order in range(panels)]
    title = settings.title if settings.title is not None else default_title(curves)
    lines = [_center(_fit(_ascii(title, screen), screen.columns, glyphs), screen.columns)]
    if side_by_side:
        for parts in zip(*blocks, strict=True):
            lines.append((" " * GAP).join(parts).rstrip())
    else:
        for block in blocks:
            lines += [part.rstrip() for part in block]
    lines += legend
    return "\n".join(lines) + "\n"


def _panel(curves: Sequence[Curve], order: int, lo: float, hi: float, points: int, width: int, rows: int,
           screen: Screen, glyphs: _Glyphs) -> list[str]:
    """One panel as lines of exactly ``width`` visible characters (ANSI codes aside)."""
    traces = [_trace(curve, order, lo, hi, points, width) for curve in curves]
    low, high = _y_limits(traces)
    labels = _y_labels(low, high, rows)
    label_width = max(len(text) for text in labels.values()) if labels else 1
    plot_width = max(8, width - label_width - 2)
    dots_x, dots_y = 2 * plot_width, 4 * rows if screen.unicode else 2 * rows
    cells = _Cells(plot_width, rows, screen, glyphs)
    _axes_lines(cells, lo, hi, low, high)
    for index, trace in enumerate(traces):
        color = COLORS[index % len(COLORS)]
        for xs, ys in trace.segments:
            cols = _scale(xs, lo, hi, dots_x)
            rows_ = _scale(ys, high, low, dots_y)
            cells.dots(index, *_line(cols, rows_), color)
        for jump in trace.jumps:
            if not jump.limits:
                continue
            column = int(_scale(np.array([jump.x]), lo, hi, dots_x)[0]) // 2
            marks = [(value, glyphs.limit) for value in jump.limits] + [(jump.value, glyphs.value)]
            for value, glyph in marks:  # in the cell the value's dot would take
                cells.mark(column, int(_scale(np.array([value]), high, low, dots_y)[0]) // cells.per_row, glyph, color)
    name = glyphs.names[order]
    formula = f"{name} = {_ascii(plain(curves[0].formula(order)), screen)}" if (
        len({c.entry.reference for c in curves}) == 1 and order < 2) else name
    out = [_fit(formula, width, glyphs).ljust(width)]
    for row, text in enumerate(cells.render()):
        label = labels.get(row, "")
        out.append(f"{label:>{label_width}} {glyphs.vertical}{text}")
    out.append(" " * (label_width + 1) + glyphs.corner + glyphs.horizontal * plot_width)
    out.append(" " * (label_width + 2) + _x_labels(lo, hi, plot_width))
    return [_pad(line, width) for line in out]


def _trace(curve: Curve, order: int, lo: float, hi: float, points: int, width: int) -> sampling.Trace:
    breakpoints = curve.breakpoints(lo, hi)
    return sampling.trace(lambda x: curve.evaluate(x, order), lo, hi, points,
                          jumps=[b.x for b in breakpoints if b.order <= order],
                          kinks=[b.x for b in breakpoints if b.order > order], columns=4 * width, limit=1e300)


def _y_limits(traces: Sequence[sampling.Trace]) -> tuple[float, float]:
    """The y range shown: the finite values, jump markers included, with a little room; a
    constant is shown against zero, as in the pictures."""
    values = [ys for trace in traces for _, ys in trace.segments]
    values += [np.array([j.value, *j.limits]) for trace in traces for j in trace.jumps if j.limits]
    if not values:
        return -1.0, 1.0
    low = float(min(v.min() for v in values))
    high = float(max(v.max() for v in values))
    if high - low <= 1e-12 * max(abs(high), abs(low)) or high - low < 1e-290:
        pad = 0.1 * max(abs(high), 1.0) if high != 0.0 else 1.0
        return min(0.0, low) - pad, max(0.0, high) + pad
    margin = 0.04 * (high / 2 - low / 2) * 2
    return low - margin, high + margin


def _y_labels(low: float, high: float, rows: int) -> dict[int, str]:
    """Tick values by row: the top, the bottom and 0 when in view (and apart from them)."""
    labels = {0: _number(high), rows - 1: _number(low)}
    if low < 0.0 < high:
        zero = round(high / (high - low) * (rows - 1))
        if 1 < zero < rows - 2:
            labels[zero] = "0"
    return labels


def _x_labels(lo: float, hi: float, width: int) -> str:
    """``lo`` at the left, ``hi`` at the right, 0 at its column when it fits between them."""
    left, right = _number(lo), _number(hi)
    line = list(left.ljust(width))
    line[width - len(right):] = right
    if lo < 0.0 < hi:
        column = round(-lo / (hi - lo) * (width - 1))
        if column > len(left) + 1 and column < width - len(right) - 1:
            line[column] = "0"
    return "".join(line)


def _number(value: float) -> str:
    return f"{value:.3g}".replace("e+0", "e").replace("e-0", "e-")


def _scale(values: np.ndarray, start: float, end: float, count: int) -> np.ndarray:
    """Positions 0..count-1 for values from ``start`` to ``end`` (clipped)."""
    span = end - start
    scaled = (values - start) / span * (count - 1) if span else np.zeros_like(values)
    return np.clip(np.rint(scaled), 0, count - 1).astype(np.int64)


def _line(cols: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every dot on the straight lines joining consecutive points."""
    if cols.size < 2:
        return cols, rows
    dc, dr = np.diff(cols), np.diff(rows)
    steps = np.maximum(np.maximum(np.abs(dc), np.abs(dr)), 1)
    pair = np.repeat(np.arange(steps.size), steps)
    offset = np.arange(pair.size) - np.repeat(np.cumsum(steps) - steps, steps)
    fraction = offset / steps[pair]
    line_cols = cols[pair] + np.rint(dc[pair] * fraction).astype(np.int64)
    line_rows = rows[pair] + np.rint(dr[pair] * fraction).astype(np.int64)
    return np.append(line_cols, cols[-1]), np.append(line_rows, rows[-1])


class _Cells:
    """The plot area: character cells holding dots of one colour each, axis lines and markers."""

    def __init__(self, width: int, rows: int, screen: Screen, glyphs: _Glyphs) -> None:
        self.width, self.rows, self.screen, self.glyphs = width, rows, screen, glyphs
        self.per_row = 4 if screen.unicode else 2
        self.bits = np.zeros((rows, width), dtype=np.int64)
        self.color = np.zeros((rows, width), dtype=np.int64)
        self.axis: dict[tuple[int, int], str] = {}
        self.marks: dict[tuple[int, int], tuple[str, int]] = {}

    def dots(self, index: int, cols: np.ndarray, rows: np.ndarray, color: int) -> None:
        cell_row, cell_col = rows // self.per_row, cols // 2
        if self.screen.unicode:
            bits = BRAILLE_BITS[rows % 4, cols % 2]
        else:
            bits = np.where(rows % 2 == 0, 1, 2)  # upper or lower half of the cell
        np.bitwise_or.at(self.bits, (cell_row, cell_col), bits)
        self.color[cell_row, cell_col] = color

    def mark(self, column: int, row: int, glyph: str, color: int) -> None:
        self.marks[(row, column)] = (glyph, color)

    def render(self) -> list[str]:
        lines = []
        for row in range(self.rows):
            parts = []
            for col in range(self.width):
                parts.append(self._cell(row, col))
            lines.append("".join(parts))
        return lines

    def _cell(self, row: int, col: int) -> str:
        if (row, col) in self.marks:
            glyph, color = self.marks[(row, col)]
            return self._paint(glyph, color)
        bits = int(self.bits[row, col])
        if bits:
            if self.screen.unicode:
                glyph = chr(0x2800 + bits)
            else:
                glyph = {1: "'", 2: ".", 3: ":"}[bits]
            return self._paint(glyph, int(self.color[row, col]))
        axis = self.axis.get((row, col))
        if axis:
            return f"{DIM}{axis}{RESET}" if self.screen.color else axis
        return " "

    def _paint(self, glyph: str, color: int) -> str:
        return f"\x1b[{color}m{glyph}{RESET}" if self.screen.color else glyph


def _axes_lines(cells: _Cells, lo: float, hi: float, low: float, high: float) -> None:
    """The lines x = 0 and y = 0, where they are in view."""
    glyphs = cells.glyphs
    zero_col = int(_scale(np.array([0.0]), lo, hi, cells.width)[0]) if lo <= 0.0 <= hi else None
    zero_row = int(_scale(np.array([0.0]), high, low, cells.rows)[0]) if low <= 0.0 <= high else None
    if zero_row is not None:
        for col in range(cells.width):
            cells.axis[(zero_row, col)] = glyphs.horizontal
    if zero_col is not None:
        for row in range(cells.rows):
            cells.axis[(row, zero_col)] = glyphs.cross if row == zero_row else glyphs.vertical


def _legend(curves: Sequence[Curve], screen: Screen, glyphs: _Glyphs) -> list[str]:
    """Legend entries (a coloured swatch and the label), as many a line as fit."""
    swatch = "━━" if screen.unicode else "--"
    entries = []
    for index, curve in enumerate(curves):
        label = _fit(_ascii(curve.label, screen), screen.columns - 4, glyphs)
        mark = f"\x1b[{COLORS[index % len(COLORS)]}m{swatch}{RESET}" if screen.color else swatch
        entries.append((mark, label))
    lines: list[str] = []
    current: list[str] = []
    used = 0
    for mark, label in entries:
        size = len(swatch) + 1 + len(label)
        if current and used + 3 + size > screen.columns:
            lines.append("   ".join(current))
            current, used = [], 0
        current.append(f"{mark} {label}")
        used += size + (3 if used else 0)
    if current:
        lines.append("   ".join(current))
    return lines


def _ascii(text: str, screen: Screen) -> str:
    """Text a non-UTF-8 terminal can show: non-ASCII letters spelled out or dropped."""
    if screen.unicode:
        return text
    spelled = {"α": "alpha", "β": "beta", "λ": "lambda", "σ": "sigma", "θ": "theta", "φ": "phi", "Φ": "Phi",
               "π": "pi", "Σ": "sum", "≤": "<=", "≥": ">=", "·": "*", "∞": "inf", "±": "+-", "′": "'", "″": "''"}
    return "".join(spelled.get(c, c if ord(c) < 128 else "?") for c in text)


def _fit(text: str, width: int, glyphs: _Glyphs) -> str:
    """``text`` cut to ``width`` characters, with an ellipsis where it was cut."""
    return text if len(text) <= width else text[: max(0, width - len(glyphs.ellipsis))] + glyphs.ellipsis


def _center(text: str, width: int) -> str:
    return (" " * max(0, (width - len(text)) // 2) + text).rstrip()


def _pad(line: str, width: int) -> str:
    """``line`` padded with spaces to ``width`` visible characters (ANSI codes take none)."""
    visible = len(_strip(line))
    return line + " " * max(0, width - visible)


def _strip(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def write(curves: Sequence[Curve], settings: PlotSettings, stream: IO[str] | None = None) -> None:
    """Draw the curves as text on ``stream`` (standard output)."""
    out = stream or sys.stdout
    out.write(draw(curves, settings, screen_of(out)))
    out.flush()
