"""Draw in the terminal: the panels as text, for machines with no window (SSH, containers, CI logs).

What is drawn, as in a picture: the function and its derivatives in panels side by side (one
above the other when the terminal is too narrow for them side by side at a readable width), each
titled with its formula, with y tick values at the left (the top, the bottom, and 0 on the axis
row whenever 0 is in view), the x range below and the axes lines through 0; one colour and one
mark per curve and a legend for sweeps and comparisons. The same honesty as the pictures: the
samples come from :func:`actplot.core.sampling.trace`, so breakpoints are exact and a jump breaks the
line, with the value taken marked ``●`` and the other side's limit ``○``.

Resolution: braille characters, 2 x 4 dots a character cell. Without a UTF-8 terminal, ASCII:
``'``, ``.`` and ``:`` (two dots a cell), ``*`` and ``o`` for the markers, ``|``, ``-`` and ``+``.
The axes lines are placed by the same rounding as the curve's dots (the cell holding 0's dot),
so a value above 0, however small (leaky ReLU's f′ = 0.01), is never drawn below the x axis,
and one below 0 never above it.

Curves are told apart without colour too (a pipe, a CI log, ``NO_COLOR``, text copied from the
terminal), as by markers in a black-and-white picture: the first curve is a line of dots alone,
each next one a line of dots with its own character (``x``, ``#``, ``%``, ``@``...) every few
cells along it, so its shape keeps the braille resolution and curves that coincide show each
one's mark in turn. The legend shows each curve's mark (``⠒⠒x⠒⠒``), in its colour when there is
colour.
Colour: see :func:`wants_color` for the precedence of ``--color``, ``NO_COLOR``,
``FORCE_COLOR``, ``CLICOLOR_FORCE`` and ``TERM=dumb``.

The size follows the terminal (``shutil.get_terminal_size``, so ``COLUMNS`` and ``LINES``
work) and no line is ever wider than it, counted in the columns a terminal gives each character
(ANSI escapes none, wide East Asian characters two). A terminal narrower than
:data:`MIN_COLUMNS` is too narrow for any plot: :func:`draw` says so (a
:class:`~actplot.core.errors.SettingsError`) rather than draw lines that wrap.

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
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import IO

import numpy as np

from actplot.core import precision, sampling
from actplot.core.curves import Curve, default_title
from actplot.core.difference import shows_difference
from actplot.core.errors import SettingsError
from actplot.core.formula import plain
from actplot.core.settings import PlotSettings

#: Narrowest panel drawn side by side, in characters (labels, frame and plot).
MIN_PANEL_WIDTH = 34
#: The narrowest terminal drawn on: the longest tick label (``-1.23e-100``, 10 characters), a
#: space, the frame and 8 cells of plot.
MIN_COLUMNS = 20
#: The fewest cells of plot in a row.
MIN_PLOT_WIDTH = 8
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
#: What ``--color`` takes.
COLOR_CHOICES = ("auto", "always", "never")


@dataclass(frozen=True)
class Screen:
    """The terminal drawn on: its size, and whether it takes colour and Unicode."""

    columns: int
    lines: int
    color: bool
    unicode: bool


def wants_color(stream: IO[str], choice: str = "auto", environ: Mapping[str, str] = os.environ) -> bool:
    """Whether to draw in colour (ANSI escapes) on ``stream``; the first rule that applies decides:

    1. ``choice`` (``--color``) ``"always"`` or ``"never"``, over every environment variable;
    2. ``NO_COLOR`` set and not empty: no colour (no-color.org);
    3. ``FORCE_COLOR`` or ``CLICOLOR_FORCE`` set, not empty and not ``0``: colour, even into a
       pipe or a file (a CI log: GitHub Actions' output is not a terminal, and shows colour);
    4. ``TERM=dumb``: no colour;
    5. colour on a terminal, none into a pipe or a file.

    ``NO_COLOR`` wins over ``FORCE_COLOR``, and ``FORCE_COLOR`` over ``TERM=dumb``, as in
    Python's own colour (3.13).
    """
    choice = choice.lower() if isinstance(choice, str) else choice
    if choice not in COLOR_CHOICES:
        raise SettingsError("{name} must be auto, always or never, got {value}", "color", choice)
    if choice != "auto":
        return choice == "always"
    if environ.get("NO_COLOR"):
        return False
    if any(environ.get(name, "") not in ("", "0") for name in ("FORCE_COLOR", "CLICOLOR_FORCE")):
        return True
    if environ.get("TERM", "") == "dumb":
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


def screen_of(stream: IO[str], color: str = "auto") -> Screen:
    """The screen behind ``stream``: its size (or COLUMNS/LINES), colour as :func:`wants_color`
    decides with ``color`` (``"auto"``, ``"always"`` or ``"never"``), Unicode when its encoding
    is UTF-8."""
    size = shutil.get_terminal_size((80, 24))
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
    return Screen(size.columns, max(8, size.lines), wants_color(stream, color), encoding == "utf8")


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


@dataclass(frozen=True)
class Mark:
    """How a curve is told apart without colour, as by a marker in a black-and-white picture: its
    line of dots, and ``glyph`` (none for the first curve) in every :data:`MARK_EVERY`-th cell
    along it, from the ``offset``-th on (the curves' offsets differ, so curves that coincide show
    their marks in turn)."""

    glyph: str = ""
    offset: int = 0


#: Cells along a curve from one of its marks to the next.
MARK_EVERY = 5
#: The marks of the curves after the first (ASCII, one column on every terminal, none of them
#: an axis line or a jump's marker).
MARK_GLYPHS = "x#%@&$~"
#: The marks of the curves in turn: the first a line alone, the others a line with a glyph.
MARKS = (Mark(), *(Mark(glyph, 2 * number % MARK_EVERY) for number, glyph in enumerate(MARK_GLYPHS, 1)))


def draw(curves: Sequence[Curve], settings: PlotSettings, screen: Screen) -> str:
    """The plot as text (ending with a newline), no line wider than ``screen.columns``.

    Raises :class:`~actplot.core.errors.SettingsError` on a screen narrower than :data:`MIN_COLUMNS`.
    """
    if screen.columns < MIN_COLUMNS:
        raise SettingsError(f"the terminal is {screen.columns} columns wide, too narrow to draw in (the plot needs "
                            f"at least {MIN_COLUMNS}); widen it, or use -o FILE to write the figure to a file")
    glyphs = UNICODE if screen.unicode else ASCII
    lo, hi = settings.range_for(curves)
    panels = settings.panels
    fmt = precision.format_of(settings)
    title = settings.title if settings.title is not None else precision.titled(default_title(curves), fmt)
    exact = list(curves)
    curves = precision.drawn_curves(curves, fmt)  # with their twins, as the pictures draw them
    if fmt is not None:  # then the error panel
        difference = shows_difference(exact)
        found = precision.errors(exact[0], fmt, lo, hi, settings.points)
        note = precision.error_note(found, lo, hi, precision.kinks(exact[0], fmt, lo, hi))
        heading = f"{'A - B' if difference else 'error'} in ulps of {fmt.name}"
    side_by_side = (screen.columns - GAP * (panels - 1)) // panels >= MIN_PANEL_WIDTH
    width = (screen.columns - GAP * (panels - 1)) // panels if side_by_side else screen.columns
    styles = MARKS
    shown = len(curves) > 1 or any(c.entry.band_fn for c in curves)
    legend = _legend(curves, styles, screen, glyphs) if shown else []
    if fmt is not None:  # what the error panel finds, in words, under the legend
        legend.append(_fit(_text(f"{heading}: {note}", screen), screen.columns, glyphs))
    overhead = 1 + len(legend) + (4 if side_by_side else 4 * panels)
    rows = (screen.lines - 1 - overhead) // (1 if side_by_side else panels)
    rows = max(MIN_ROWS, min(MAX_ROWS, rows))
    blocks = [_panel(curves, order, lo, hi, settings.points, width, rows, screen, glyphs, styles,
                     settings.ylim[order] if order < len(settings.ylim) else None)
              for order in range(settings.order + 1)]
    if fmt is not None:
        errors = [precision.error_curve(curve, fmt) for curve in exact]
        blocks.append(_panel(errors, 0, lo, hi, settings.points, width, rows, screen, glyphs,
                             [Mark()] * len(errors),  # a noisy error: dots alone, no marks along it
                             settings.ylim[-1] if len(settings.ylim) == panels else None, heading=heading))
    lines = [_center(_fit(_text(title, screen), screen.columns, glyphs), screen.columns)]
    if side_by_side:
        for parts in zip(*blocks, strict=True):
            lines.append((" " * GAP).join(parts).rstrip())
    else:
        for block in blocks:
            lines += [part.rstrip() for part in block]
    lines += legend
    return "\n".join(lines) + "\n"


def _panel(curves: Sequence[Curve], order: int, lo: float, hi: float, points: int, width: int, rows: int,
           screen: Screen, glyphs: _Glyphs, styles: Sequence[Mark],
           chosen: tuple[float, float] | None = None, heading: str | None = None) -> list[str]:
    """One panel as lines of exactly ``width`` columns (ANSI codes aside), titled ``heading`` or
    by its derivative and formula."""
    traces = [curve.trace(order, lo, hi, points, columns=4 * width, limit=1e300) for curve in curves]
    poles = [pole for trace in traces for pole in trace.poles]
    low, high = chosen if chosen is not None else _y_limits(traces, poles, lo, hi)
    per_row = 4 if screen.unicode else 2
    # The tick labels' width decides the plot's, which decides the labels' rows only through
    # ``rows``: the zero row is known before the plot's width.
    dots_y = per_row * rows
    zero_row = _zero_cell(low, high, dots_y, per_row, reverse=True)
    labels = _y_labels(low, high, rows, zero_row)
    label_width = max(len(text) for text in labels.values())
    plot_width = max(MIN_PLOT_WIDTH, width - label_width - 2)
    dots_x = 2 * plot_width
    zero_col = _zero_cell(lo, hi, dots_x, 2)
    cells = _Cells(plot_width, rows, screen, glyphs)
    _axes_lines(cells, zero_row, zero_col)
    for index, trace in enumerate(traces):
        color, mark = COLORS[index % len(COLORS)], styles[index % len(styles)]
        for xs, ys in trace.segments:
            cols = _scale(xs, lo, hi, dots_x)
            path_cols, path_rows = _line(cols, _scale(ys, high, low, dots_y, beyond=1))
            inside = (path_rows >= 0) & (path_rows < dots_y)  # a pole's neighbourhood leaves the panel
            cells.line(path_cols[inside], path_rows[inside], color, mark)
        for jump in trace.jumps:
            if not jump.limits or not all(low <= v <= high for v in (jump.value, *jump.limits)):
                continue
            column = int(_scale(np.array([jump.x]), lo, hi, dots_x)[0]) // 2
            marked = [(value, glyphs.limit) for value in jump.limits] + [(jump.value, glyphs.value)]
            for value, glyph in marked:  # in the cell the value's dot would take
                cells.mark(column, int(_scale(np.array([value]), high, low, dots_y)[0]) // per_row, glyph, color)
    name = glyphs.names[order]
    formula = f"{name} = {_text(plain(curves[0].formula(order)), screen)}" if (
        len({c.entry.reference for c in curves}) == 1 and order < 2) else name
    out = [_fit(_text(heading, screen) if heading is not None else formula, width, glyphs)]
    for row, text in enumerate(cells.render()):
        label = labels.get(row, "")
        out.append(f"{label:>{label_width}} {glyphs.vertical}{text}")
    out.append(" " * (label_width + 1) + glyphs.corner + glyphs.horizontal * plot_width)
    out.append(" " * (label_width + 2) + _x_labels(lo, hi, plot_width, zero_col))
    return [_pad(line, width) for line in out]


def _y_limits(traces: Sequence[sampling.Trace], poles: Sequence[float], lo: float, hi: float) -> tuple[float, float]:
    """The y range shown: the finite values, jump markers included, with a little room, fitted as
    the pictures are (:func:`actplot.core.sampling.fitted_limits`: robust, a pole's neighbourhood left
    out); a constant is shown against zero."""
    segments = [(xs, ys) for trace in traces for xs, ys in trace.segments]
    segments += [(np.full(1 + len(j.limits), j.x), np.array([j.value, *j.limits]))
                 for trace in traces for j in trace.jumps if j.limits]
    if not segments:
        return -1.0, 1.0
    return sampling.fitted_limits(segments, poles, lo, hi, margin=0.04)


def _zero_cell(start: float, end: float, dots: int, per_cell: int, reverse: bool = False) -> int | None:
    """The cell (row or column) holding the dot of 0 on an axis running over ``start``..``end``
    (rows run from ``end`` at the top down to ``start``: ``reverse``), or None when 0 is out of view.

    The curves' dots are placed by the same :func:`_scale`, and its rounding never reorders values,
    so a value above 0 lands in this row or above it, and one below 0 in this row or below it."""
    if not start <= 0.0 <= end:
        return None
    first, last = (end, start) if reverse else (start, end)
    return int(_scale(np.array([0.0]), first, last, dots)[0]) // per_cell


def _y_labels(low: float, high: float, rows: int, zero_row: int | None) -> dict[int, str]:
    """Tick values by row: the top, the bottom, and 0 on the x axis's row whenever 0 is in view
    (in the top or bottom row too: that row holds 0, and the end is less than a row away)."""
    labels = {0: _number(high), rows - 1: _number(low)}
    if zero_row is not None:
        labels[zero_row] = "0"
    return labels


def _x_labels(lo: float, hi: float, width: int, zero_col: int | None) -> str:
    """``lo`` at the left, ``hi`` at the right, 0 at the y axis's column when it fits between them;
    never more than ``width`` characters (only ``lo``, or nothing, where both do not fit)."""
    left, right = _number(lo), _number(hi)
    if len(left) + 1 + len(right) > width:
        return left if len(left) <= width else ""
    line = list(left.ljust(width))
    line[width - len(right):] = right
    if zero_col is not None and len(left) + 1 < zero_col < width - len(right) - 1:
        line[zero_col] = "0"
    return "".join(line)


def _number(value: float) -> str:
    return f"{value:.3g}".replace("e+0", "e").replace("e-0", "e-")


def _scale(values: np.ndarray, start: float, end: float, count: int, beyond: int = 0) -> np.ndarray:
    """Positions 0..count-1 for values from ``start`` to ``end``; values outside are clipped to
    ``beyond`` positions past either end (1: just outside, so a line leaving the panel is seen
    to leave it, and its dots out there are dropped)."""
    span = end - start
    scaled = (values - start) / span * (count - 1) if span else np.zeros_like(values)
    return np.clip(np.rint(scaled), -beyond, count - 1 + beyond).astype(np.int64)


def _line(cols: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every dot on the straight lines joining consecutive points, in order along the path, each
    once where the path stays on it."""
    if cols.size < 2:
        return cols, rows
    dc, dr = np.diff(cols), np.diff(rows)
    steps = np.maximum(np.maximum(np.abs(dc), np.abs(dr)), 1)
    pair = np.repeat(np.arange(steps.size), steps)
    offset = np.arange(pair.size) - np.repeat(np.cumsum(steps) - steps, steps)
    fraction = offset / steps[pair]
    line_cols = np.append(cols[pair] + np.rint(dc[pair] * fraction).astype(np.int64), cols[-1])
    line_rows = np.append(rows[pair] + np.rint(dr[pair] * fraction).astype(np.int64), rows[-1])
    moved = np.ones(line_cols.size, dtype=bool)
    moved[1:] = (np.diff(line_cols) != 0) | (np.diff(line_rows) != 0)
    return line_cols[moved], line_rows[moved]


class _Cells:
    """The plot area: character cells holding dots of one colour each, the cells of the curves
    drawn with characters, axis lines and markers."""

    def __init__(self, width: int, rows: int, screen: Screen, glyphs: _Glyphs) -> None:
        self.width, self.rows, self.screen, self.glyphs = width, rows, screen, glyphs
        self.per_row = 4 if screen.unicode else 2
        self.bits = np.zeros((rows, width), dtype=np.int64)
        self.color = np.zeros((rows, width), dtype=np.int64)
        self.axis: dict[tuple[int, int], str] = {}
        self.glyph: dict[tuple[int, int], tuple[str, int]] = {}
        self.marks: dict[tuple[int, int], tuple[str, int]] = {}

    def line(self, cols: np.ndarray, rows: np.ndarray, color: int, mark: Mark) -> None:
        """The dots of one path (in order along it), with ``mark``'s glyph along it."""
        cell_row, cell_col = rows // self.per_row, cols // 2
        if self.screen.unicode:
            bits = BRAILLE_BITS[rows % 4, cols % 2]
        else:
            bits = np.where(rows % 2 == 0, 1, 2)  # upper or lower half of the cell
        np.bitwise_or.at(self.bits, (cell_row, cell_col), bits)
        self.color[cell_row, cell_col] = color
        if not mark.glyph or not cell_row.size:
            return
        entered = np.ones(cell_row.size, dtype=bool)  # the cells in turn along the path
        entered[1:] = (np.diff(cell_row) != 0) | (np.diff(cell_col) != 0)
        path_rows, path_cols = cell_row[entered], cell_col[entered]
        # every MARK_EVERY-th cell, or the middle one of a piece too short for that; a cell that
        # holds another curve's mark already (the curves coincide there) passes it to the next
        chosen = range(mark.offset, path_rows.size, MARK_EVERY) if path_rows.size > mark.offset else [
            path_rows.size // 2]
        for step in chosen:
            for cell in zip(path_rows[step:step + MARK_EVERY - 1].tolist(),
                            path_cols[step:step + MARK_EVERY - 1].tolist(), strict=True):
                if cell not in self.glyph:
                    self.glyph[cell] = (mark.glyph, color)
                    break

    def mark(self, column: int, row: int, glyph: str, color: int) -> None:
        self.marks[(row, column)] = (glyph, color)

    def render(self) -> list[str]:
        return ["".join(self._cell(row, col) for col in range(self.width)) for row in range(self.rows)]

    def _cell(self, row: int, col: int) -> str:
        if (row, col) in self.marks:
            return self._paint(*self.marks[(row, col)])
        if (row, col) in self.glyph:
            return self._paint(*self.glyph[(row, col)])
        bits = int(self.bits[row, col])
        if bits:
            glyph = chr(0x2800 + bits) if self.screen.unicode else {1: "'", 2: ".", 3: ":"}[bits]
            return self._paint(glyph, int(self.color[row, col]))
        axis = self.axis.get((row, col))
        if axis:
            return f"{DIM}{axis}{RESET}" if self.screen.color else axis
        return " "

    def _paint(self, glyph: str, color: int) -> str:
        return f"\x1b[{color}m{glyph}{RESET}" if self.screen.color else glyph


def _axes_lines(cells: _Cells, zero_row: int | None, zero_col: int | None) -> None:
    """The lines y = 0 and x = 0, where they are in view, in the cells holding 0's dots."""
    glyphs = cells.glyphs
    if zero_row is not None:
        for col in range(cells.width):
            cells.axis[(zero_row, col)] = glyphs.horizontal
    if zero_col is not None:
        for row in range(cells.rows):
            cells.axis[(row, zero_col)] = glyphs.cross if row == zero_row else glyphs.vertical


def sample(mark: Mark, unicode: bool) -> str:
    """How a level stretch of a curve drawn with ``mark`` looks: the legend's sample of it."""
    line = "⠒" if unicode else "."
    return line * 2 + (mark.glyph or line) + line * 2


def _legend(curves: Sequence[Curve], styles: Sequence[Mark], screen: Screen, glyphs: _Glyphs) -> list[str]:
    """Legend entries (each curve's mark, in its colour, and its label), as many a line as fit."""
    entries = []
    for index, curve in enumerate(curves):
        swatch = sample(styles[index % len(styles)], screen.unicode)
        label = _fit(_text(curve.label, screen), screen.columns - len(swatch) - 1, glyphs)
        mark = f"\x1b[{COLORS[index % len(COLORS)]}m{swatch}{RESET}" if screen.color else swatch
        entries.append((f"{mark} {label}", len(swatch) + 1 + _width(label)))
    lines: list[str] = []
    current: list[str] = []
    used = 0
    for entry, size in entries:
        if current and used + 3 + size > screen.columns:
            lines.append("   ".join(current))
            current, used = [], 0
        current.append(entry)
        used += size + (3 if used else 0)
    if current:
        lines.append("   ".join(current))
    return lines


#: Control characters (a tab, a newline, an escape in a title) would move the cursor: a space each.
CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _text(text: str, screen: Screen) -> str:
    """Text a terminal shows on one line: control characters as spaces; on a terminal that is not
    UTF-8, non-ASCII letters spelled out or dropped."""
    text = CONTROLS.sub(" ", text)
    if screen.unicode:
        return text
    spelled = {"α": "alpha", "β": "beta", "λ": "lambda", "σ": "sigma", "θ": "theta", "φ": "phi", "Φ": "Phi",
               "π": "pi", "Σ": "sum", "≤": "<=", "≥": ">=", "·": "*", "∞": "inf", "±": "+-", "′": "'", "″": "''"}
    return "".join(spelled.get(c, c if ord(c) < 128 else "?") for c in text)


def _char_width(char: str) -> int:
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _width(text: str) -> int:
    """The columns ``text`` takes on a terminal: ANSI colour codes none, combining marks none,
    wide (East Asian) characters two, the others (braille, ``●``, ``─``...) one."""
    text = _strip(text)
    return len(text) if text.isascii() else sum(_char_width(c) for c in text)


def _fit(text: str, width: int, glyphs: _Glyphs) -> str:
    """``text`` cut to ``width`` columns, with an ellipsis where it was cut."""
    if _width(text) <= width:
        return text
    room = width - len(glyphs.ellipsis)
    if room < 0:
        return ""
    kept, used = [], 0
    for char in text:
        used += _char_width(char)
        if used > room:
            break
        kept.append(char)
    return "".join(kept) + glyphs.ellipsis


def _center(text: str, width: int) -> str:
    return (" " * max(0, (width - _width(text)) // 2) + text).rstrip()


def _pad(line: str, width: int) -> str:
    """``line`` padded with spaces to ``width`` columns (ANSI codes take none)."""
    return line + " " * max(0, width - _width(line))


def _strip(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def write(curves: Sequence[Curve], settings: PlotSettings, stream: IO[str] | None = None,
          color: str = "auto") -> None:
    """Draw the curves as text on ``stream`` (standard output); ``color`` ``"auto"``,
    ``"always"`` or ``"never"`` (see :func:`wants_color`)."""
    out = stream or sys.stdout
    out.write(draw(curves, settings, screen_of(out, color)))
    out.flush()
