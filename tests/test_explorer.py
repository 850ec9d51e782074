"""Explore: controls driven programmatically under Agg, the command line, and a real window.

The drawn lines are read back from the figure: after a control moves they must be the
activation at the new value, and after a zoom they must cover the new range with the full
number of points (and every breakpoint in it, exactly).
"""

from __future__ import annotations

import math
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import matplotlib
import numpy as np
import pytest

import actplot
from actplot import request
from actplot.catalog import BUILTINS
from actplot.core.schema import Interval
from actplot.draw.explorer import Explorer, slider_span

matplotlib.use("Agg")
ROOT = Path(__file__).resolve().parent.parent

def parse(argv: list[str]) -> tuple[list, object]:
    """The curves and settings a plotting command line asks for (:func:`actplot.request.parse`)."""
    plot = request.parse(argv)
    return plot.curves, plot.settings


def curve_data(explorer: Explorer, panel: int) -> tuple[np.ndarray, np.ndarray]:
    """The x and y of the curve drawn in a panel, its segments joined."""
    lines = [line for line in explorer.figure.axes[panel].lines if line.get_gid() == "curve"]
    return (np.concatenate([line.get_xdata() for line in lines]),
            np.concatenate([line.get_ydata() for line in lines]))


def test_a_slider_redraws_every_panel_at_the_new_value():
    explorer = actplot.explore("leaky-relu")
    slider = explorer.controls["negative_slope"]
    assert (slider.valmin, slider.valmax) == (0.0, 1.0) and explorer.scales == {"negative_slope": "linear"}
    slider.set_val(0.3)
    x, y = curve_data(explorer, 0)
    np.testing.assert_array_equal(y, np.where(x > 0, x, 0.3 * x))
    x, dy = curve_data(explorer, 1)
    np.testing.assert_array_equal(dy, np.where(x > 0, 1.0, 0.3))
    assert explorer.params == {"negative_slope": 0.3}
    assert explorer.figure.get_suptitle() == "leaky-relu   negative_slope=0.3"
    assert slider.valtext.get_text() == "0.3"


def test_a_positive_parameter_slides_on_a_log_scale():
    explorer = actplot.explore("celu")
    slider = explorer.controls["alpha"]
    assert explorer.scales == {"alpha": "log"}
    assert (10**slider.valmin, 10**slider.valmax) == pytest.approx((0.01, 100.0))
    slider.set_val(math.log10(4.0))
    x, y = curve_data(explorer, 0)
    assert explorer.params["alpha"] == 4.0  # rounded to 4 digits: the command line reproduces it
    np.testing.assert_allclose(y, np.maximum(x, 0) + 4.0 * np.expm1(np.minimum(x, 0) / 4.0), rtol=1e-15)
    assert slider.valtext.get_text() == "4"


def test_radio_buttons_choose_and_the_panel_title_follows():
    explorer = actplot.explore("gelu")
    assert explorer.scales == {"approximate": "choice"}
    title = explorer.figure.axes[0].get_title()
    explorer.controls["approximate"].set_active(1)
    assert explorer.params == {"approximate": "tanh"}
    assert "tanh" in explorer.figure.axes[0].get_title() and explorer.figure.axes[0].get_title() != title
    x, y = curve_data(explorer, 0)
    np.testing.assert_array_equal(y, actplot.get("gelu").value(x, approximate="tanh"))


def test_set_moves_the_controls_and_reset_returns():
    explorer = actplot.explore("elu", alpha=0.5, x_range=(-3, 3))
    explorer.set(alpha=1.5)
    assert explorer.controls["alpha"].val == 1.5
    explorer.reset()
    assert explorer.params == {"alpha": 0.5} and explorer.controls["alpha"].val == 0.5
    x, y = curve_data(explorer, 0)
    np.testing.assert_allclose(y, np.where(x > 0, x, 0.5 * np.expm1(x)), rtol=1e-15)


def test_a_value_that_breaks_a_constraint_is_refused_with_a_message():
    explorer = actplot.explore("hardtanh")
    explorer.controls["min_val"].set_val(1.5)  # above max_val: no exception reaches the event loop
    assert explorer.params == {"min_val": -1.0, "max_val": 1.0}
    assert explorer.controls["min_val"].val == -1.0
    assert "min_val must be less than max_val" in explorer.status.get_text()
    with pytest.raises(actplot.ParameterError, match="min_val must be less than max_val"):
        explorer.set(min_val=1.5)


def test_zooming_samples_the_view_again_with_every_point_and_breakpoint():
    explorer = actplot.explore("leaky-relu", negative_slope=0.2)
    explorer.figure.axes[0].set_xlim(-1e-6, 2.9e-6)
    for panel in (0, 1):
        x, y = curve_data(explorer, panel)
        assert x[0] == -1e-6 and x[-1] == 2.9e-6
        if panel == 0:  # the uniform points and the kink, exactly
            assert len(x) == 2001 + 1 and 0.0 in x
        else:  # f' jumps at 0: each side runs up to 0's float neighbour
            assert len(x) == 2001 + 2 and -5e-324 in x and 5e-324 in x
    x, y = curve_data(explorer, 0)
    np.testing.assert_array_equal(y, np.where(x > 0, x, 0.2 * x))
    jumps = [line for line in explorer.figure.axes[1].lines if line.get_gid() == "jump"]
    assert len(jumps) == 1 and jumps[0].get_xdata()[0] == 0.0  # the derivative still jumps honestly
    explorer.set(negative_slope=0.5)  # the user's limits are kept when a parameter moves
    assert explorer.figure.axes[0].get_xlim() == (-1e-6, 2.9e-6)


def test_a_plain_plot_figure_can_be_resampled_too():
    from actplot.api import curves_for
    from actplot.core.settings import PlotSettings
    from actplot.draw.resample import Resampler

    fig = actplot.plot("relu")
    Resampler(fig, fig.axes, curves_for("relu"), PlotSettings())
    fig.axes[0].set_xlim(2.0, 4.0)
    lines = [line for line in fig.axes[0].lines if line.get_gid() == "curve"]
    assert lines[0].get_xdata()[0] == 2.0 and len(lines[0].get_xdata()) == 2001


def test_the_command_line_reproduces_the_view(tmp_path):
    explorer = actplot.explore("elu", "leaky-relu:negative_slope=0.1", x_range=(-4, 2), order=2)
    explorer.set(**{"alpha": 0.25, "negative_slope": 0.3})
    explorer.figure.axes[0].set_xlim(-2.5, 1.5)
    line = explorer.command_line()
    assert line == "actplot compare elu:alpha=0.25 leaky-relu:negative_slope=0.3 --range -2.5 1.5 --order 2"
    curves, settings = parse(shlex.split(line)[1:])
    assert [dict(c.params) for c in curves] == [{"alpha": 0.25}, {"negative_slope": 0.3}]
    assert settings.x_range == (-2.5, 1.5) and settings.order == 2
    single = actplot.explore("softplus")
    single.set(beta=2.0)
    assert single.command_line() == "actplot softplus --beta 2 --threshold 20 --range -5 5"


def test_saving_the_view_writes_a_new_png_each_time(tmp_path):
    explorer = actplot.explore("gelu")
    explorer.figure.axes[0].set_xlim(-1.0, 1.0)
    first, second = explorer.save_view(tmp_path), explorer.save_view(tmp_path)
    assert (first.name, second.name) == ("gelu.png", "gelu-2.png")
    assert first.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and first.read_bytes() == second.read_bytes()


@pytest.mark.parametrize("name", sorted(BUILTINS))
def test_every_slider_stays_inside_its_domain(name):
    entry = BUILTINS[name]
    for param in entry.parameters:
        if isinstance(param.domain, Interval) and math.isfinite(float(param.default)):
            low, high, log = slider_span(param, float(param.default))
            assert param.domain.contains(low) and param.domain.contains(high), (name, param.name, low, high)
            assert low < high and (low > 0 if log else True)
            assert low <= param.default <= high


def test_one_value_per_parameter():
    with pytest.raises(actplot.ParameterError, match="one value per parameter"):
        actplot.explore("leaky-relu", negative_slope=[0.1, 0.2])


@pytest.mark.parametrize(("argv", "message"), [
    (["leaky-relu", "--explore", "-o", "x.png"], "--explore opens a window; -o and --terminal go elsewhere"),
    (["leaky-relu", "--alpha", "0.1", "--alpha", "0.2", "--explore"], "--explore moves one value per parameter"),
    (["diff", "gelu", "silu", "--explore"], "--explore draws activations, not differences"),
    (["elu", "--explore"], "--explore needs a window, and none can open here"),
])
def test_explore_mistakes_are_one_line(argv, message, tmp_path):
    env = {key: value for key, value in os.environ.items() if key not in ("DISPLAY", "WAYLAND_DISPLAY")}
    done = subprocess.run([sys.executable, "-m", "actplot", *argv], capture_output=True, text=True, env=env,
                          cwd=tmp_path, timeout=60)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith(f"actplot: error: {message}") and done.stderr.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


@pytest.fixture
def xdotool_display(virtual_display):
    if not shutil.which("xdotool"):
        pytest.skip("no xdotool: install it (.ci/run does) to drive the explore window")
    try:
        import tkinter  # noqa: F401
    except ImportError:
        pytest.skip("this Python has no tkinter, so matplotlib has no window backend")
    return virtual_display


def _xdotool(display: str, *args: str) -> str:
    return subprocess.run(["xdotool", *args], capture_output=True, text=True,
                          env={**os.environ, "DISPLAY": display}).stdout


def test_the_explore_window_moves_saves_and_prints_its_command(xdotool_display, tmp_path):
    """A real TkAgg window on Xvfb: a click on the slider, 's' to save, 'q' to close."""
    env = {**os.environ, "DISPLAY": xdotool_display, "MPLBACKEND": "TkAgg"}
    run = subprocess.Popen([sys.executable, "-m", "actplot", "leaky-relu", "--explore"], env=env, cwd=tmp_path,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline, window = time.monotonic() + 60, ""
    while time.monotonic() < deadline and run.poll() is None and not window:
        window = _xdotool(xdotool_display, "search", "--name", "actplot: leaky-relu").split("\n")[0]
        time.sleep(0.2)
    assert window, run.communicate(timeout=10)
    time.sleep(1.0)
    width = int(_xdotool(xdotool_display, "getwindowgeometry", "--shell", window).split("WIDTH=")[1].split()[0])
    scale = width / (4.6 * 2 * 100)  # the canvas is the figure's width at 100 dpi, as the screen scales it
    # the slider's middle: 1.6 in from the left, 0.61 in above the figure's bottom (one slider row)
    height = 3.9 + 0.3 + 0.4 + 0.1
    x, y = (1.6 + (9.2 - 1.6 - 0.9) / 2) * 100 * scale, (height - 0.61) * 100 * scale
    _xdotool(xdotool_display, "mousemove", "--window", window, str(round(x)), str(round(y)), "click", "1")
    time.sleep(1.0)
    _xdotool(xdotool_display, "key", "--window", window, "s")
    deadline = time.monotonic() + 20
    while not (tmp_path / "leaky-relu.png").exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    _xdotool(xdotool_display, "key", "--window", window, "q")
    stdout, stderr = run.communicate(timeout=30)
    assert run.returncode == 0, stderr
    command = shlex.split(stdout.strip())
    assert command[:3] == ["actplot", "leaky-relu", "--negative-slope"] and command[4:] == ["--range", "-5", "5"]
    assert 0.4 < float(command[3]) < 0.6  # the click moved the slope to the slider's middle
    assert f"saved the view as {tmp_path / 'leaky-relu.png'}" in stderr
    assert (tmp_path / "leaky-relu.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def round_trip(explorer: Explorer) -> tuple[list, object]:
    """The curves and settings the explorer's command line draws, read by the command line's parser."""
    line = explorer.command_line()
    argv = shlex.split(line)
    assert argv[0] == "actplot"
    return parse(argv[1:])


@pytest.mark.parametrize("name", actplot.names())
def test_every_entrys_command_line_is_accepted_and_draws_the_same(name):
    explorer = actplot.explore(name, order=0, points=11)  # few points: the command is what is checked
    curves, settings = round_trip(explorer)
    assert [dict(c.params) for c in curves] == [dict(c.params) for c in explorer.curves]
    assert [c.entry.name for c in curves] == [c.entry.name for c in explorer.curves]
    assert settings.x_range == explorer.view.x_range
    assert (settings.order, settings.points) == (0, 11)


def test_keras_relu_without_a_cap_prints_inf_and_the_command_runs(tmp_path):
    explorer = actplot.explore("keras-relu")
    assert explorer.command_line() == ("actplot keras-relu --negative-slope 0 --max-value inf --threshold 0 "
                                       "--range -3 8")
    argv = shlex.split(explorer.command_line())[1:]
    done = subprocess.run([sys.executable, "-m", "actplot", *argv, "--points", "5", "-o", "k.csv"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "max_value=inf" in (tmp_path / "k.csv").read_text().splitlines()[1]


@pytest.mark.parametrize("view", [(1.0000001, 1.0000002), (-1e-9, 1e-9), (999999.9, 1000000.0), (-3e-300, 5e-300),
                                  (0.1 + 0.2, 0.30000000000000016), (-123456.789012345, 123456.789012346)])
def test_a_deep_zoom_prints_a_range_that_reads_back_exactly(view):
    explorer = actplot.explore("leaky-relu", negative_slope=0.2)
    explorer.figure.axes[0].set_xlim(*view)
    shown = explorer.view.x_range
    _, settings = round_trip(explorer)
    assert settings.x_range == shown  # the very floats of the view: no '--range 1 1'


@pytest.mark.parametrize("view", [(2e6, 3e6), (-5e6, 5e6), (-2e6, 0.5), (1.0, 1.0 + 4e-16), (7e5, 7e5 + 1e-9)])
def test_a_view_the_command_line_cannot_draw_prints_the_nearest_it_can(view):
    from actplot.core.settings import MAX_ABS_X

    explorer = actplot.explore("relu")
    explorer.view.axes[0].set_xlim(*view)
    low, high = explorer.view.x_range
    _, settings = round_trip(explorer)  # accepted
    lo, hi = settings.x_range
    assert -MAX_ABS_X <= lo < hi <= MAX_ABS_X
    middle = min(max((low + high) / 2, -MAX_ABS_X), MAX_ABS_X)
    assert lo <= middle <= hi or (lo, hi) == (max(low, -MAX_ABS_X), min(high, MAX_ABS_X))


def test_expressions_and_several_curves_print_specs_the_command_line_reads(tmp_path):
    explorer = actplot.explore("expr:x*sigmoid(beta*x);beta=1.5", "softmax:others=1,2", "gelu:approximate=tanh",
                               size=(12, 4))
    explorer.set(beta=0.123456789)
    curves, settings = round_trip(explorer)
    assert [dict(c.params) for c in curves] == [{"beta": 0.123456789}, {"others": (1.0, 2.0)},
                                                {"approximate": "tanh"}]
    assert settings.size == (12.0, 4.0)


def test_set_refuses_a_value_off_the_slider_and_changes_nothing():
    explorer = actplot.explore("elu", alpha=0.5, x_range=(-3, 3))
    slider = explorer.controls["alpha"]
    before = curve_data(explorer, 0)
    with pytest.raises(actplot.ParameterError, match=re.escape(
            "alpha=1000000 is off its slider, which goes from 0 to 2; explore from alpha=1000000")):
        explorer.set(alpha=1e6)
    assert explorer.params == {"alpha": 0.5} and slider.val == 0.5 and slider.valmin <= slider.val <= slider.valmax
    np.testing.assert_array_equal(curve_data(explorer, 0)[1], before[1])
    with pytest.raises(actplot.ParameterError, match=r"alpha=-1 is off its slider"):
        explorer.set(alpha=-1)  # in ELU's domain (any number), not on the slider
    log = actplot.explore("celu", alpha=0.5)
    with pytest.raises(actplot.ParameterError, match=r"alpha=1000 is off its slider, which goes from 0\.005 to 100;"):
        log.set(alpha=1000)
    with pytest.raises(actplot.ParameterError, match="alpha must be"):
        log.set(alpha=-1)  # outside the domain: the domain's own message
    with pytest.raises(actplot.ParameterError, match="beta is not a parameter to explore here"):
        log.set(beta=1)


def test_a_slider_moved_off_its_span_by_a_program_goes_back_with_a_message():
    explorer = actplot.explore("leaky-relu")
    explorer.controls["negative_slope"].set_val(5.0)
    assert explorer.params == {"negative_slope": 0.01}
    assert explorer.controls["negative_slope"].val == 0.01
    assert "off its slider" in explorer.status.get_text()


def test_every_sliders_positions_give_values_on_the_slider_and_in_the_domain():
    """At both ends and across, a slider's position gives a value the slider shows (rounding to 4 digits,
    or 10 ** log10(high), never steps off it) and the domain takes."""
    from actplot.api import curves_for
    from actplot.draw.explorer import knobs_for

    checked = 0
    for name in sorted(BUILTINS):
        for knob in knobs_for(curves_for(name)):
            if knob.choice:
                continue
            ends = knob.position(knob.low), knob.position(knob.high)
            for position in np.linspace(*ends, 41):
                value = knob.value_at(float(position))
                assert knob.holds(value) and knob.param.domain.contains(value), (name, knob.key, position, value)
                checked += 1
    assert checked >= 41 * 80


def test_the_ends_of_a_slider_draw_the_value_the_slider_shows():
    explorer = actplot.explore("celu", alpha=0.123456, order=0, points=11)
    slider, (knob,) = explorer.controls["alpha"], explorer.knobs
    for end in (slider.valmin, slider.valmax):
        slider.set_val(end)
        assert explorer.status.get_text() == "" and knob.holds(explorer.params["alpha"])
        assert slider.valmin <= slider.val <= slider.valmax
        assert slider.val == pytest.approx(knob.position(explorer.params["alpha"]), rel=1e-3)


def test_chosen_and_zoomed_y_limits_are_in_the_command():
    explorer = actplot.explore("relu", ylim=(-1.0, 3.0))
    assert explorer.figure.axes[0].get_ylim() == (-1.0, 3.0)
    command = explorer.command_line()
    assert "--ylim -1 3" in command and command.count("--ylim") == 1
    explorer.view.axes[1].set_ylim(0.25, 0.75)  # the user zooms the f' panel
    command = explorer.command_line()
    assert command.endswith("--ylim -1 3 --ylim 0.25 0.75")
    _, settings = parse(command.split()[1:])
    assert settings.ylim == ((-1.0, 3.0), (0.25, 0.75))


def test_a_pole_is_drawn_once_however_often_the_view_moves():
    explorer = actplot.explore("expr:1/(x-a)", a=0.5)
    for shift in (0.25, 0.75, 1.0):
        explorer.set(a=shift)
    explorer.figure.axes[0].set_xlim(-2.0, 2.0)
    for ax in explorer.view.axes:
        poles = [line.get_xdata()[0] for line in ax.get_lines() if line.get_gid() == "asymptote"]
        assert poles == [1.0]
