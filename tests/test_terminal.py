"""Drawing in the terminal: the text a real pseudo-terminal shows, colours, fallbacks, inline images.

The command runs in a real pty of a fixed size with no display, as over SSH; the tests read the
text it shows and check where leaky ReLU's cells are, the colours and their absence, and that
matplotlib was never imported.
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
from pathlib import Path

import pytest

from actplot import api, screen, terminal
from actplot.settings import PlotSettings

ROOT = Path(__file__).resolve().parent.parent
ANSI = re.compile(r"\x1b\[[0-9;]*m")
MISSION = ["leaky-relu", "--alpha", "0.01", "--range", "-10", "10"]
CHECK_IMPORTS = ("import sys\nfrom actplot.cli import run\nstatus = run({argv!r})\n"
                 "print('MATPLOTLIB', 'matplotlib' in sys.modules)")


def headless(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "NO_COLOR", "MPLBACKEND",
                                                           "COLUMNS", "LINES", "TERM_PROGRAM")}
    return {**env, "TERM": "xterm-256color", "PYTHONIOENCODING": "utf-8", **extra}


def in_pty(argv: list[str], rows: int = 30, columns: int = 100, **env: str) -> str:
    """Run ``python -c`` code (checking imports) in a pseudo-terminal of this size; what it showed."""
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
    assert process.wait(timeout=60) == 0
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
        assert lines[-1].startswith("━━ ")  # the legend


def test_every_line_fits_the_terminal_and_is_never_wider():
    for columns in (40, 61, 79, 80, 101, 200):
        for order in (0, 1, 2):
            text = terminal.draw(api.curves_for("relu", "elu:alpha=0.5"), PlotSettings(order=order),
                                 terminal.Screen(columns, 24, True, True))
            assert max(len(ANSI.sub("", line)) for line in text.splitlines()) <= columns, (columns, order)


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
    assert screen.window_possible({"DISPLAY": ":0"}, "linux")
    assert not screen.window_possible({}, "linux")
    assert not screen.window_possible({"DISPLAY": ":0", "MPLBACKEND": "Agg"})
    assert screen.window_possible({}, "darwin")


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
