"""Drawing in the terminal: the text a real pseudo-terminal shows, colours, fallbacks, inline images.

The command runs in a real pty of a fixed size with no display, as over SSH; the tests read the
text it shows and check where leaky ReLU's cells are (its f′ = 0.01 never under the x axis), the
tick 0 on the axis row, the colours and their absence (``--color``, ``NO_COLOR``, ``FORCE_COLOR``,
``CLICOLOR_FORCE``, ``TERM=dumb``, pipes), the marks that tell curves apart without colour, that
no line is wider than the terminal at any width, and that matplotlib was never imported.
"""

from __future__ import annotations

import base64
import fcntl
import os
import pty
import re
import struct
import subprocess
import sys
import termios
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest

from actplot import api
from actplot.core.errors import SettingsError
from actplot.core.settings import PlotSettings
from actplot.draw import terminal, window

ROOT = Path(__file__).resolve().parent.parent
ANSI = re.compile(r"\x1b\[[0-9;]*m")
MISSION = ["leaky-relu", "--alpha", "0.01", "--range", "-10", "10"]
CHECK_IMPORTS = ("import sys\nfrom actplot.cli import run\nstatus = run({argv!r})\n"
                 "print('MATPLOTLIB', 'matplotlib' in sys.modules)\nsys.stdout.flush()\nsys.exit(status)")
#: The variables that decide colour: each test sets the ones it means.
COLOR_VARIABLES = ("NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE")


def headless(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "MPLBACKEND", "COLUMNS",
                                                           "LINES", "TERM_PROGRAM", *COLOR_VARIABLES)}
    return {**env, "TERM": "xterm-256color", "PYTHONIOENCODING": "utf-8", **extra}


def in_pty(argv: list[str], rows: int = 30, columns: int = 100, status: int = 0, **env: str) -> str:
    """Run ``python -c`` code (checking imports) in a pseudo-terminal of this size; what it showed
    (after checking that it ended with ``status``)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    process = subprocess.Popen([sys.executable, "-c", CHECK_IMPORTS.format(argv=argv)], stdin=slave, stdout=slave,
                               stderr=slave, cwd=ROOT, env=headless(**env), start_new_session=True)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    assert process.wait(timeout=60) == status
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


def panel_cells(lines: list[str], left: int, right: int) -> dict[int, list[int]]:
    """For each column between ``left`` and ``right``, the rows holding curve dots (braille)."""
    found: dict[int, list[int]] = {}
    for row, line in enumerate(lines):
        for column in range(left, min(right, len(line))):
            if "\u2801" <= line[column] <= "\u28ff":
                found.setdefault(column, []).append(row)
    return found


def test_the_mission_command_draws_in_a_terminal_without_a_display():
    shown = in_pty(MISSION, rows=30, columns=100)
    assert shown.count("\n") > 20
    note, *body = shown.splitlines()
    assert note == ("actplot: no window can open here, so the plot is drawn in the terminal; "
                    "-o FILE writes a picture (.png, .svg, .pdf)")
    assert body[-1] == "MATPLOTLIB False"
    plot = body[:-1]
    assert "\x1b[34m" in "".join(plot)  # the curve in colour on a terminal
    text = [ANSI.sub("", line) for line in plot]
    assert len(text) <= 29 and max(len(line) for line in text) <= 100
    assert text[0].strip() == "leaky-relu   negative_slope=0.01"
    assert text[1].startswith("f(x) = x if x > 0 else α x") and "f′(x) = 1 if x > 0 else α" in text[1]
    assert "-10" in text[-1] and text[-1].rstrip().endswith("10")
    frame = text[2].index("│")
    middle = frame + 1 + (len(text[2]) // 2 - frame) // 2  # x = 0 in panel 0
    cells = panel_cells(text, frame + 1, len(text[2]) // 2)
    left = [rows for column, rows in cells.items() if column < middle - 1]
    right = sorted((column, min(rows)) for column, rows in cells.items() if column > middle + 1)
    assert left and {row for rows in left for row in rows} == {max(r for rows in left for r in rows)}  # flat
    tops = [row for _, row in right]
    assert tops == sorted(tops, reverse=True) and tops[0] > tops[-1] + 10  # rises to the top
    assert "●" in "".join(text) and "○" in "".join(text)  # f' jumps at 0: value taken, other limit


def test_no_colour_when_piped_with_no_color_or_a_dumb_terminal():
    piped = subprocess.run([sys.executable, "-m", "actplot", *MISSION], capture_output=True, text=True, cwd=ROOT,
                           env=headless(COLUMNS="90", LINES="25"), timeout=60)
    assert piped.returncode == 0 and "\x1b" not in piped.stdout
    assert piped.stderr.startswith("actplot: no window can open here")
    assert max(len(line) for line in piped.stdout.splitlines()) <= 90
    for env in ({"NO_COLOR": "1"}, {"TERM": "dumb"}):
        shown = in_pty(MISSION, **env)
        assert "\x1b[" not in shown and "⠀" <= max(shown) and "●" in shown


def test_a_terminal_that_is_not_utf8_gets_ascii():
    piped = subprocess.run([sys.executable, "-m", "actplot", "hardshrink", "-t"], capture_output=True, cwd=ROOT,
                           env=headless(COLUMNS="80", LINES="24", PYTHONIOENCODING="ascii"), timeout=60)
    assert piped.returncode == 0
    text = piped.stdout.decode("ascii")  # fails on any other byte
    assert "*" in text and "o" in text and "|" in text and "f'(x) = 1 if |x| > lambda else 0" in text


def test_too_narrow_for_side_by_side_stacks_the_panels():
    text = terminal.draw(api.curves_for("gelu"), PlotSettings(order=2), terminal.Screen(60, 40, False, True))
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 60
    titles = [n for n, line in enumerate(lines) if line.startswith(("f(x)", "f′(x)", "f″(x)"))]
    assert len(titles) == 3 and titles == sorted(titles) and titles[1] - titles[0] > 8
    wide = terminal.draw(api.curves_for("gelu"), PlotSettings(order=2), terminal.Screen(160, 30, False, True))
    first = wide.splitlines()[1]
    assert first.startswith("f(x)") and "f′(x)" in first and "f″(x)" in first


@pytest.mark.parametrize("argv", [
    ["compare", "relu", "gelu", "silu", "--range", "-4", "4"],
    ["expr", "x * sigmoid(beta * x)", "-p", "beta=1", "-p", "beta=2"],
    ["custom", "tests.custom_functions:snake"],
    ["leaky-relu", "--alpha", "0.1", "--alpha", "0.3", "--order", "2"],
])
def test_comparisons_expressions_functions_and_sweeps_draw_with_a_legend(argv):
    result = subprocess.run([sys.executable, "-m", "actplot", *argv, "-t"], capture_output=True, text=True,
                            cwd=ROOT, env=headless(COLUMNS="120", LINES="30"), timeout=60)
    assert result.returncode == 0 and result.stderr == ""
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 120
    if len(argv) > 2 and argv[0] != "custom":
        assert lines[-1].startswith("⠒⠒⠒⠒⠒ ") and "   ⠒⠒x⠒⠒ " in lines[-1]  # the legend, with the marks


def columns_of(line: str) -> int:
    """The columns a terminal gives ``line``: escapes none, combining marks none, wide characters two."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
               for c in ANSI.sub("", line))


#: Plots whose lines are long: labels, legends, titles (with wide characters), three panels.
WIDE_CASES = {  # specs, parameters, settings
    "single": (["leaky-relu:negative_slope=0.01"], {}, {}),
    "sweep": (["leaky-relu"], {"negative_slope": [0.0123456, 0.0234567, 0.345678, 0.456789]}, {}),
    "compare": (["expr:x * sigmoid(1.702 * x) + 0.0001 * x * x", "leaky-relu:negative_slope=0.123456",
                 "gelu:approximate=tanh", "softplus:beta=2.5"], {}, {}),
    "order 2": (["gelu", "elu:alpha=0.5"], {}, {"order": 2}),
    "long title": (["hardshrink"], {}, {"title": "活性化関数 " * 8 + "a very long title " * 10}),
}


@pytest.mark.parametrize("case", WIDE_CASES)
def test_no_line_is_wider_than_the_terminal_at_any_width(case):
    specs, params, options = WIDE_CASES[case]
    curves = api.curves_for(*specs, **params)
    settings = PlotSettings(points=401, **options)
    for columns in range(terminal.MIN_COLUMNS, 201):
        for unicode in (True, False) if columns % 7 == 0 else (True,):
            text = terminal.draw(curves, settings, terminal.Screen(columns, 30, True, unicode))
            widest = max(columns_of(line) for line in text.splitlines())
            assert widest <= columns, (case, columns, unicode, widest)
    for columns in (0, 1, 10, terminal.MIN_COLUMNS - 1):  # too narrow for any plot: said, not drawn
        with pytest.raises(SettingsError, match=f"the terminal is {columns} columns wide, too narrow to draw in"):
            terminal.draw(curves, settings, terminal.Screen(columns, 30, True, True))


@pytest.mark.parametrize("columns", [20, 40, 80, 200])
def test_the_command_fits_real_terminals_of_any_width(columns):
    title = "活性化関数 " * 10 + "a long title " * 12
    for argv in (["leaky-relu", "--alpha", "0.0123456", "--alpha", "0.0234567", "--alpha", "0.345678", "-t"],
                 ["compare", "gelu:approximate=tanh", "leaky-relu:negative_slope=0.123456", "silu", "--order", "2",
                  "--title", title, "-t"]):
        shown = in_pty(argv, rows=30, columns=columns)
        plot = shown.splitlines()[:-1]
        assert plot and max(columns_of(line) for line in plot) <= columns, (columns, argv[0])
        assert "⠒⠒x⠒⠒" in shown and "⠒⠒#⠒⠒" in shown  # the legend, however many lines it takes
        assert "\x1b[34m" in shown


def test_a_terminal_too_narrow_for_any_plot_is_told_so():
    shown = in_pty(["relu", "-t"], rows=30, columns=12, status=2)
    assert shown.splitlines() == ["actplot: error: the terminal is 12 columns wide, too narrow to draw in (the plot "
                                  "needs at least 20); widen it, or use -o FILE to write the figure to a file",
                                  "MATPLOTLIB False"]


def test_window_and_terminal_choices():
    def run(*argv: str, **env: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "actplot", *argv], capture_output=True, text=True, cwd=ROOT,
                              env=headless(**env), timeout=60)

    forced = run("relu", "--window")
    assert forced.returncode == 2
    assert forced.stderr == ("actplot: error: no display to open a window on; "
                             "use -o FILE to write the figure to a file\n")
    both = run("relu", "-t", "-o", "x.png")
    assert both.returncode == 2 and "-o writes a file, --terminal and --window" in both.stderr
    wrong = run("relu", "--terminal=sideways")
    assert wrong.stderr == "actplot: error: --terminal=sideways: the kinds are text, image\n"
    assert window.window_possible({"DISPLAY": ":0"}, "linux")
    assert not window.window_possible({}, "linux")
    assert not window.window_possible({"DISPLAY": ":0", "MPLBACKEND": "Agg"})
    assert window.window_possible({}, "darwin")


def test_inline_pictures_for_kitty_and_iterm_by_their_escape_bytes():
    kitty = subprocess.run([sys.executable, "-m", "actplot", "relu", "--terminal=image"], capture_output=True,
                           cwd=ROOT, env=headless(TERM="xterm-kitty"), timeout=60)
    assert kitty.returncode == 0, kitty.stderr
    out = kitty.stdout
    assert out.startswith(b"\x1b_Ga=T,f=100,m=1;") and out.endswith(b"\x1b\\\n")
    chunks = re.findall(rb"\x1b_G([^;]*);([^\x1b]*)\x1b\\", out)
    assert [c for c, _ in chunks][-1] == b"m=0" and all(c.endswith(b"m=1") for c, _ in chunks[:-1])
    assert all(len(data) <= 4096 for _, data in chunks)
    png = base64.b64decode(b"".join(data for _, data in chunks))
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 10_000
    iterm = subprocess.run([sys.executable, "-m", "actplot", "relu", "--terminal=image"], capture_output=True,
                           cwd=ROOT, env=headless(TERM_PROGRAM="iTerm.app"), timeout=60)
    match = re.fullmatch(rb"\x1b\]1337;File=inline=1;size=(\d+);preserveAspectRatio=1:([A-Za-z0-9+/=]+)\x07\n",
                         iterm.stdout)
    assert match and int(match[1]) == len(base64.b64decode(match[2]))


def test_a_kitty_terminal_gets_the_picture_automatically_but_a_pipe_gets_text():
    shown = in_pty(["relu"], TERM="xterm-kitty")
    assert "\x1b_Ga=T,f=100," in shown and "MATPLOTLIB True" in shown
    piped = subprocess.run([sys.executable, "-m", "actplot", "relu"], capture_output=True, text=True, cwd=ROOT,
                           env=headless(TERM="xterm-kitty"), timeout=60)
    assert "\x1b" not in piped.stdout and "max(0, x)" in piped.stdout


@dataclass
class Panel:
    """One panel as the terminal shows it: its plot rows' cells, their tick labels, the x labels."""

    cells: list[str]  # the plot area's rows, one character a cell
    labels: list[str]  # the y tick label of each row ('' for none)
    x_labels: str
    top: int  # the line of the first plot row

    def axis_row(self) -> int | None:
        """The row drawn with the x axis (the y = 0 line), if one is."""
        rows = [row for row, text in enumerate(self.cells) if "─" in text or "┼" in text]
        assert len(rows) <= 1, rows
        return rows[0] if rows else None

    def axis_column(self) -> int | None:
        """The column of the y axis (the x = 0 line), if one is drawn."""
        columns = {column for text in self.cells for column, char in enumerate(text) if char in "│┼"}
        assert len(columns) <= 1, columns
        return columns.pop() if columns else None

    def dots(self, left: int = 0, right: int | None = None) -> dict[int, set[int]]:
        """The rows holding braille dots, by column (from ``left`` to ``right``)."""
        found: dict[int, set[int]] = {}
        for row, text in enumerate(self.cells):
            for column, char in enumerate(text[left:right], left):
                if "\u2801" <= char <= "\u28ff":
                    found.setdefault(column, set()).add(row)
        return found

    def rows_of(self, char: str, left: int = 0, right: int | None = None) -> set[int]:
        return {row for row, text in enumerate(self.cells) if char in text[left:right]}


def panels(text: str) -> list[Panel]:
    """The panels of a drawing (side by side or one above the other), read from its text alone."""
    lines = [ANSI.sub("", line) for line in text.splitlines()]
    found = []
    for number, line in enumerate(lines):
        for frame, char in enumerate(line):
            if char != "└":
                continue
            width = len(line[frame + 1:]) - len(line[frame + 1:].lstrip("─"))
            top = number
            while top > 0 and len(lines[top - 1]) > frame and lines[top - 1][frame] == "│":
                top -= 1
            rows = lines[top:number]
            cells = [row[frame + 1:frame + 1 + width].ljust(width) for row in rows]
            labels = [re.search(r"(\S*) $", row[:frame])[1] for row in rows]  # type: ignore[index]
            found.append(Panel(cells, labels, lines[number + 1][frame + 1:frame + 1 + width], top))
    return found


def test_a_small_positive_value_is_never_drawn_under_the_zero_axis():
    """Leaky ReLU's f′ = 0.01 left of 0 (y up to 1.04) is drawn on the x axis's row or above it, in
    every size; f = 0.01 x, small and negative there, on the axis row or below it."""
    for rows, columns in ((30, 100), (24, 80), (41, 140)):
        shown = in_pty(["leaky-relu", "--alpha", "0.01", "-t"], rows=rows, columns=columns)
        f, slope = panels(shown)
        for panel, side in ((slope, "above"), (f, "below")):
            axis, middle = panel.axis_row(), panel.axis_column()
            assert axis is not None and middle is not None and panel.labels[axis] == "0"
            left = {row for rows_ in panel.dots(0, middle - 1).values() for row in rows_}
            assert left, (rows, columns)
            assert (max(left) <= axis) if side == "above" else (min(left) >= axis), (rows, columns, side, left, axis)
        assert min(slope.rows_of("●")) <= slope.axis_row()  # the value taken at 0 is α = 0.01 too
    # every rounding of the rows: the two directions, in any size
    cases = (("leaky-relu:negative_slope=0.01", 1, "above"), ("expr:where(x > 0, -x, -0.01 * x)", 1, "below"),
             ("expr:where(x > 0, 3 * x, 0.003 * x)", 0, "below"),
             ("expr:where(x > 0, -x, 0.002 - 0.001 * x)", 0, "above"))
    for spec, order, side in cases:
        curves = api.curves_for(spec)
        for lines in range(10, 61, 3):
            for columns in (60, 97):
                screen_ = terminal.Screen(columns, lines, False, True)
                panel = panels(terminal.draw(curves, PlotSettings(points=401), screen_))[order]
                axis, middle = panel.axis_row(), panel.axis_column()
                assert axis is not None and middle is not None
                left = {row for rows_ in panel.dots(0, middle - 1).values() for row in rows_}
                assert (max(left) <= axis) if side == "above" else (min(left) >= axis), (spec, lines, columns)


@pytest.mark.parametrize(("spec", "x_range", "zero"), [
    ("leaky-relu:negative_slope=0.01", None, [True, True]),  # f′: 0 in the bottom row
    ("tanh", None, [True, True]),  # 0 in the middle
    ("expr:-x * x", (-1.0, 1.0), [True, True]),  # f: 0 in the top row
    ("relu", (1.0, 5.0), [False, True]),  # f from 1 to 5: no 0; f′ = 1, shown against 0
    ("expr:-0.3 + 0.01 * x * x", (-1.0, 1.0), [False, True]),  # f: 0 above the values, out of view
])
def test_the_zero_tick_shows_on_the_axis_row_whenever_zero_is_in_view(spec, x_range, zero):
    curves = api.curves_for(spec)
    for lines in range(12, 50):
        screen_ = terminal.Screen(100, lines, False, True)
        text = terminal.draw(curves, PlotSettings(x_range=x_range, points=401), screen_)
        for panel, in_view in zip(panels(text), zero, strict=True):
            axis = panel.axis_row()
            zeros = [row for row, label in enumerate(panel.labels) if label == "0"]
            if not in_view:
                assert axis is None and zeros == [], (spec, lines)
                continue
            assert axis is not None and zeros == [axis], (spec, lines, axis, zeros, panel.labels)
            column = panel.axis_column()
            if column is not None and panel.x_labels[column:column + 1] == "0":  # x's 0 under the y axis
                assert panel.x_labels.split() == [panel.x_labels.split()[0], "0", panel.x_labels.split()[-1]]
    shown = in_pty(["leaky-relu", "--alpha", "0.01", "-t"], rows=30, columns=100)
    f, slope = panels(shown)
    for panel in (f, slope):
        assert panel.labels[panel.axis_row()] == "0" and panel.x_labels[panel.axis_column()] == "0"


SWEEP = ["leaky-relu", "--alpha", "0.1", "--alpha", "0.3", "--alpha", "0.6", "--range", "-5", "5", "-t"]
SWEEP_LEGEND = "⠒⠒⠒⠒⠒ negative_slope=0.1   ⠒⠒x⠒⠒ negative_slope=0.3   ⠒⠒#⠒⠒ negative_slope=0.6"


def sweep_told_apart(text: str) -> None:
    """The three slopes' f′ lines, left of 0, are told apart by their marks: 0.6 (#) above 0.3 (x)
    above 0.1 (the line alone); right of 0 all three are 1, and both marks show on that line."""
    _, slope = panels(text)
    middle = slope.axis_column()
    assert middle is not None
    hashes, crosses = slope.rows_of("#", 0, middle), slope.rows_of("x", 0, middle)
    plain_line = {row for rows in slope.dots(0, middle).values() for row in rows} - hashes - crosses
    assert len(hashes) == len(crosses) == len(plain_line) == 1, (hashes, crosses, plain_line)
    assert min(hashes) < min(crosses) < min(plain_line)
    right = {row for rows in slope.dots(middle + 1).values() for row in rows}
    assert slope.rows_of("#", middle + 1) == slope.rows_of("x", middle + 1) == right and len(right) == 1


@pytest.mark.parametrize("how", ["NO_COLOR", "TERM=dumb", "--color never", "a pipe"])
def test_without_colour_curves_are_told_apart_by_their_marks(how):
    if how == "a pipe":
        result = subprocess.run([sys.executable, "-m", "actplot", *SWEEP], capture_output=True, text=True, cwd=ROOT,
                                env=headless(COLUMNS="100", LINES="30"), timeout=60)
        assert result.returncode == 0 and result.stderr == ""
        shown = result.stdout
    else:
        env = {"NO_COLOR": {"NO_COLOR": "1"}, "TERM=dumb": {"TERM": "dumb"}}.get(how, {})
        shown = in_pty(SWEEP + (["--color", "never"] if how == "--color never" else []), **env)
    assert "\x1b" not in shown
    assert SWEEP_LEGEND in shown.splitlines()
    sweep_told_apart(shown)


def test_with_colour_the_marks_and_the_legend_keep_the_colours():
    shown = in_pty(SWEEP)
    legend = shown.splitlines()[-2]
    assert legend == ("\x1b[34m⠒⠒⠒⠒⠒\x1b[0m negative_slope=0.1   \x1b[33m⠒⠒x⠒⠒\x1b[0m negative_slope=0.3   "
                      "\x1b[32m⠒⠒#⠒⠒\x1b[0m negative_slope=0.6")
    assert "\x1b[33mx\x1b[0m" in shown and "\x1b[32m#\x1b[0m" in shown
    sweep_told_apart(shown)


def test_a_comparison_piped_shows_every_mark_in_the_plot_and_the_legend():
    result = subprocess.run([sys.executable, "-m", "actplot", "compare", "relu", "gelu", "silu", "mish", "-t"],
                            capture_output=True, text=True, cwd=ROOT, env=headless(COLUMNS="120", LINES="34"),
                            timeout=60)
    assert result.returncode == 0 and "\x1b" not in result.stdout
    lines = result.stdout.splitlines()
    assert lines[-1] == "⠒⠒⠒⠒⠒ relu   ⠒⠒x⠒⠒ gelu   ⠒⠒#⠒⠒ silu   ⠒⠒%⠒⠒ mish"
    for panel in panels(result.stdout):
        assert all(panel.rows_of(mark) for mark in "x#%")
    ascii_ = subprocess.run([sys.executable, "-m", "actplot", "compare", "relu", "gelu", "silu", "-t"],
                            capture_output=True, cwd=ROOT, env=headless(COLUMNS="100", LINES="30",
                                                                        PYTHONIOENCODING="ascii"), timeout=60)
    assert ascii_.stdout.decode("ascii").splitlines()[-1] == "..... relu   ..x.. gelu   ..#.. silu"


COLORED = "\x1b[34m"


@pytest.mark.parametrize(("env", "argv", "colour"), [
    ({}, [], True),
    ({"NO_COLOR": "1"}, [], False),
    ({"NO_COLOR": ""}, [], True),  # set but empty: not asked for
    ({"TERM": "dumb"}, [], False),
    ({"TERM": "dumb", "FORCE_COLOR": "1"}, [], True),
    ({"NO_COLOR": "1", "FORCE_COLOR": "1", "CLICOLOR_FORCE": "1"}, [], False),
    ({"FORCE_COLOR": "1"}, ["--color", "never"], False),
    ({"NO_COLOR": "1", "TERM": "dumb"}, ["--color", "always"], True),
])
def test_colour_on_a_terminal(env, argv, colour):
    shown = in_pty(["compare", "relu", "elu", "-t", *argv], **env)
    assert (COLORED in shown) is colour and ("\x1b" in shown) is colour


@pytest.mark.parametrize(("env", "argv", "colour"), [
    ({}, [], False),
    ({"FORCE_COLOR": "1"}, [], True),  # GitHub Actions: not a terminal, shows colour
    ({"FORCE_COLOR": "0"}, [], False),
    ({"CLICOLOR_FORCE": "1"}, [], True),
    ({"CLICOLOR_FORCE": "0"}, [], False),
    ({"NO_COLOR": "1", "TERM": "dumb"}, ["--color", "Always"], True),
])
def test_colour_into_a_pipe(env, argv, colour):
    result = subprocess.run([sys.executable, "-m", "actplot", "compare", "relu", "elu", "-t", *argv],
                            capture_output=True, text=True, cwd=ROOT, env=headless(COLUMNS="80", LINES="24", **env),
                            timeout=60)
    assert result.returncode == 0 and result.stderr == ""
    assert (COLORED in result.stdout) is colour and ("\x1b" in result.stdout) is colour


class _Stream:
    def __init__(self, tty: bool) -> None:
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def test_the_precedence_of_the_colour_choices():
    """--color over everything; then NO_COLOR, then FORCE_COLOR or CLICOLOR_FORCE, then TERM=dumb,
    then whether the output is a terminal."""
    for tty in (True, False):
        stream = _Stream(tty)
        assert terminal.wants_color(stream, "auto", {}) is tty
        assert terminal.wants_color(stream, "auto", {"TERM": "dumb"}) is False
        assert terminal.wants_color(stream, "auto", {"NO_COLOR": "x"}) is False
        assert terminal.wants_color(stream, "auto", {"NO_COLOR": ""}) is tty
        for force in ("FORCE_COLOR", "CLICOLOR_FORCE"):
            assert terminal.wants_color(stream, "auto", {force: "1"}) is True
            assert terminal.wants_color(stream, "auto", {force: "1", "TERM": "dumb"}) is True
            assert terminal.wants_color(stream, "auto", {force: "1", "NO_COLOR": "1"}) is False
            assert terminal.wants_color(stream, "auto", {force: "0"}) is tty
            assert terminal.wants_color(stream, "auto", {force: ""}) is tty
            assert terminal.wants_color(stream, "never", {force: "1"}) is False
        every = {"NO_COLOR": "1", "TERM": "dumb", "FORCE_COLOR": "1", "CLICOLOR_FORCE": "1"}
        assert terminal.wants_color(stream, "always", every) is True
        assert terminal.wants_color(stream, "ALWAYS", {"NO_COLOR": "1"}) is True
        assert terminal.wants_color(stream, "never", {}) is False
    with pytest.raises(SettingsError, match="color must be auto, always or never, got 'sometimes'"):
        terminal.wants_color(_Stream(True), "sometimes", {})


def test_a_bad_colour_choice_is_one_line_and_status_2():
    result = subprocess.run([sys.executable, "-m", "actplot", "relu", "-t", "--color", "sometimes"],
                            capture_output=True, text=True, cwd=ROOT, env=headless(), timeout=60)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == ("actplot: error: Invalid value for '--color': 'sometimes' is not one of 'auto', "
                             "'always', 'never'. (see 'actplot relu --help')\n")


def test_a_pole_leaves_the_panel_and_chosen_limits_are_kept():
    """1/x: no column holds a line from the top of the panel to its bottom (nothing crosses the
    pole), and the y labels stay readable (the pole's neighbourhood leaves the panel)."""
    curves = api.curves_for("expr:1/x")
    text = terminal.draw(curves, PlotSettings(order=0, x_range=(-2.0, 2.0)), terminal.Screen(80, 30, False, True))
    (panel,) = panels(text)
    top, bottom = panel.labels[0], panel.labels[-1]
    assert 5 < float(top) < 200 and -200 < float(bottom) < -5
    rows = len(panel.cells)
    assert not any(min(found) == 0 and max(found) == rows - 1 for found in panel.dots().values())
    chosen = terminal.draw(curves, PlotSettings(order=0, x_range=(-2.0, 2.0), ylim=((-3.0, 3.0),)),
                           terminal.Screen(80, 30, False, True))
    (panel,) = panels(chosen)
    assert (panel.labels[0], panel.labels[-1]) == ("3", "-3")
