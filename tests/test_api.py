"""The Python API: plot, sample, save, curves_for; errors that name the Python argument."""

from __future__ import annotations

import csv
import doctest
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import matplotlib
import numpy as np
import pytest
from matplotlib.figure import Figure

import actplot
import actplot.api

ROOT = Path(__file__).resolve().parent.parent


def curve_lines(ax) -> list:
    return [line for line in ax.get_lines() if line.get_gid() == "curve"]


def test_plot_returns_a_figure_that_pyplot_does_not_know():
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    fig = actplot.plot("leaky-relu", negative_slope=0.01, x_range=(-10, 10))
    assert isinstance(fig, Figure) and plt.get_fignums() == before
    assert [ax.get_ylabel() for ax in fig.axes] == ["f(x)", "f′(x)"]
    (left, right) = curve_lines(fig.axes[1])
    assert set(left.get_ydata()) == {0.01} and set(right.get_ydata()) == {1.0}
    assert fig.axes[0].get_xlim() == (-10.0, 10.0)
    assert fig.get_suptitle() == "leaky-relu   negative_slope=0.01"


def test_a_list_sweeps_and_several_specs_compare():
    fig = actplot.plot("leaky-relu", alpha=[0.01, 0.1, 0.3])
    assert [t.get_text() for t in fig.axes[0].get_legend().get_texts()] == [
        "negative_slope=0.01", "negative_slope=0.1", "negative_slope=0.3"]
    fig = actplot.plot("relu", "elu:alpha=0.5", "expr:x*sigmoid(1.702*x)", order=2)
    assert len(fig.axes) == 3
    assert [t.get_text() for t in fig.axes[2].get_legend().get_texts()] == [
        "relu", "elu (alpha=0.5)", "x * sigmoid(1.702 * x)"]


def test_entries_functions_and_choice_parameters():
    fig = actplot.plot(actplot.get("gelu"), approximate="tanh", x_range=(-3, 3), points=7)
    (line,) = curve_lines(fig.axes[0])
    x = np.asarray(line.get_xdata(), dtype=float)
    expected = 0.5 * x * (1 + np.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * x**3)))  # to its rounding
    np.testing.assert_allclose(line.get_ydata(), expected, rtol=1e-13)

    def bent(x, a=1.0):
        return np.sqrt(x * x + a) - np.sqrt(a)

    fig = actplot.plot(bent, a=4.0, x_range=(-2, 2), points=5)
    (line,) = curve_lines(fig.axes[0])
    np.testing.assert_allclose(line.get_ydata(), np.sqrt(np.linspace(-2, 2, 5) ** 2 + 4) - 2)
    assert "numerical: complex step" in fig.axes[1].get_title()
    assert fig.get_suptitle() == "bent   a=4"


def test_list_parameters_take_a_list_as_one_value_and_a_list_of_lists_as_a_sweep():
    assert [c.params["others"] for c in actplot.curves_for("softmax", others=[1, 2])] == [(1.0, 2.0)]
    assert [c.params["others"] for c in actplot.curves_for("softmax", others=[[1], [1, 2]])] == [(1.0,), (1.0, 2.0)]


def test_drawing_into_the_users_axes_leaves_the_rest_alone():
    fig = Figure()
    axes = fig.subplots(1, 3)
    fig.suptitle("mine")
    axes[2].plot([0, 1], [0, 1], label="other")
    drawn = actplot.plot("gelu", axes=axes[:2])
    assert drawn == list(axes[:2])
    assert fig.get_suptitle() == "mine" and len(axes[2].get_lines()) == 1 and not fig.legends
    assert axes[0].get_ylabel() == "f(x)" and len(curve_lines(axes[1])) == 1
    single = Figure().subplots()
    actplot.plot("elu", order=0, axes=single)
    assert len(curve_lines(single)) == 1


@pytest.mark.parametrize(("order", "count", "message"), [
    (1, 3, r"order=1 needs 2 Axes \(f, f′\), got 3"),
    (0, 2, r"order=0 needs one Axes \(f\), got 2"),
    (2, 1, r"order=2 needs 3 Axes \(f, f′, f″\), got 1"),
])
def test_the_wrong_number_of_axes_says_how_many(order, count, message):
    axes = list(Figure().subplots(1, count, squeeze=False)[0])
    with pytest.raises(ValueError, match=message):
        actplot.plot("relu", order=order, axes=axes if count > 1 else axes[0])


@pytest.mark.parametrize(("call", "error", "message"), [
    (lambda: actplot.plot("relu", x_range=(5, -5)), actplot.SettingsError,
     "x_range=(5, -5) is reversed; did you mean x_range=(-5, 5)?"),
    (lambda: actplot.plot("relu", x_range="wide"), actplot.SettingsError, "x_range must be two numbers, got 'wide'"),
    (lambda: actplot.plot("relu", points=1), actplot.SettingsError,
     "points must be a whole number from 2 to 10,000,000, got 1"),
    (lambda: actplot.plot("relu", points=2.5), actplot.SettingsError, "points must be a whole number, got 2.5"),
    (lambda: actplot.plot("relu", order=3), actplot.SettingsError, "order must be 0, 1 or 2, got 3"),
    (lambda: actplot.plot("relu", size=(1, 1)), actplot.SettingsError,
     "size must be inches, at most 100 and at least ("),
    (lambda: actplot.plot("relu", style="ggplott"), actplot.SettingsError, "unknown style 'ggplott'"),
    (lambda: actplot.plot("relu", "gelu", alpha=1), actplot.ParameterError,
     "parameters given by keyword (alpha) apply to a single activation"),
    (lambda: actplot.plot("lekyrelu"), LookupError, "unknown activation 'lekyrelu'; did you mean 'leaky-relu'"),
    (lambda: actplot.plot("elu", alpha=-0.5, approximate="tanh"), actplot.ParameterError, "elu has no parameter"),
    (lambda: actplot.plot("gelu", approximate="erf"), ValueError, "approximate must be one of 'none', 'tanh'"),
    (lambda: actplot.plot(), actplot.ParameterError, "no activation given"),
    (lambda: actplot.plot(3.0), actplot.ParameterError, "cannot plot float 3.0"),
    (lambda: actplot.sample("elu", alpha=[1, 2]), actplot.ParameterError, "use actplot.sample_all()"),
    (lambda: actplot.save("out.doc", "relu"), actplot.SettingsError, "cannot write '.doc' files"),
])
def test_mistakes_raise_our_errors_naming_the_argument(call, error, message, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(error, match=re.escape(message)):
        call()
    assert list(tmp_path.iterdir()) == []


def test_sample_includes_breakpoints_and_matches_the_csv_export(tmp_path):
    s = actplot.sample("relu", x_range=(-1, 1.5), points=6, order=2)
    assert s.x.tolist() == [-1.0, -0.5, 0.0, 0.5, 1.0, 1.5]
    s = actplot.sample("hardtanh", x_range=(-1.2, 1.3), points=3)
    assert -1.0 in s.x and 1.0 in s.x and s.d2y is None
    assert (s.activation, dict(s.params), s.label) == ("hardtanh", {"min_val": -1.0, "max_val": 1.0}, "hardtanh")
    path = actplot.save(tmp_path / "h.csv", "hardtanh", x_range=(-1.2, 1.3), points=3)
    rows = list(csv.DictReader(path.read_text().splitlines()))
    np.testing.assert_array_equal([float(r["x"]) for r in rows], s.x)
    np.testing.assert_array_equal([float(r["dy"]) for r in rows], s.dy)
    (first, second) = actplot.sample_all("elu", alpha=[0.5, 2.0], points=3)
    assert first.y[0] == pytest.approx(0.5 * np.expm1(-5)) and second.y[0] == pytest.approx(2 * np.expm1(-5))


def test_save_writes_pictures_and_data_by_extension(tmp_path):
    svg = actplot.save(tmp_path / "leaky.svg", "leaky-relu", negative_slope=0.01)
    assert svg.read_bytes().startswith(b"<?xml")
    data = json.loads(actplot.save(tmp_path / "c.json", "relu", "gelu", points=3).read_text())
    assert [c["activation"] for c in data["curves"]] == ["relu", "gelu"]


def test_importing_actplot_does_not_import_matplotlib():
    code = "import sys, actplot; print('matplotlib' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout == "False\n", result.stderr


def test_a_hundred_plots_leave_no_figure_open():
    import matplotlib.pyplot as plt

    before = len(plt.get_fignums())
    for _ in range(100):
        actplot.plot("relu", points=11)
    assert len(plt.get_fignums()) == before


def test_the_figure_draws_in_its_own_style_wherever_it_is_saved(tmp_path):
    fig = actplot.plot("tanh", style="dark_background")
    with matplotlib.style.context("default"):
        fig.savefig(tmp_path / "dark.png")
    from PIL import Image

    corner = Image.open(tmp_path / "dark.png").convert("RGB").getpixel((2, 2))
    assert corner == (0, 0, 0)


def test_the_public_api_is_exactly_what_init_exports():
    import types

    public = {name for name in dir(actplot)
              if not name.startswith("_") and not isinstance(getattr(actplot, name), types.ModuleType)}
    assert public == set(actplot.__all__) - {"__version__"}


def test_the_api_docstring_examples_run():
    failures, tried = doctest.testmod(actplot.api, optionflags=doctest.ELLIPSIS)
    assert tried >= 8 and failures == 0


@pytest.mark.parametrize("module", ["actplot.specs", "actplot.request", "actplot.describe", "actplot.core.curves"])
def test_the_api_layers_docstring_examples_run(module):
    import importlib

    failures, tried = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert tried >= 1 and failures == 0


def python_blocks(markdown: str) -> list[str]:
    return re.findall(r"```python\n(.*?)```", markdown, flags=re.DOTALL)


def test_the_readme_python_blocks_run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    blocks = python_blocks((ROOT / "README.md").read_text())
    assert len(blocks) >= 2
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {"__name__": "readme"})


# --- one message, two ways to say it: Python's words here, the command line's there ------------------

#: An option word of the command line (``--param``, ``--range``, ``-o``), which Python's messages never say.
OPTION_WORD = re.compile(r"(^|[\s(])--?[a-z]")


def actplot_command() -> list[str]:
    """The real ``actplot`` console script beside this Python (or ``python -m actplot``)."""
    script = Path(sys.executable).with_name("actplot")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "actplot"]


def command_line_error(argv: list[str], tmp_path: Path, stdout: int | None = None, **env: str) -> str:
    """What ``actplot ARGV`` says: exit status 2 and one line on stderr, returned without the
    ``actplot: error:`` prefix."""
    import os

    environ = {key: value for key, value in os.environ.items() if key not in ("DISPLAY", "WAYLAND_DISPLAY")}
    done = subprocess.run([*actplot_command(), *argv], stdout=stdout if stdout is not None else subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, cwd=tmp_path, env={**environ, **env}, timeout=120)
    assert done.returncode == 2, (done.returncode, done.stderr)
    assert done.stderr.startswith("actplot: error: ") and done.stderr.count("\n") == 1, done.stderr
    return done.stderr.removeprefix("actplot: error: ").rstrip("\n")


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


#: Each kind of mistake: the Python call and what it says, the command line and what it says.
SAID_TWO_WAYS = {
    "expression parameter": (
        lambda: actplot.plot("expr:x*sigmoid(b*x)"), "parameter 'b' has no value: pass b=VALUE",
        ["expr", "x*sigmoid(b*x)"], "parameter 'b' has no value: add --param b=VALUE"),
    "expression parameter with others given": (
        lambda: actplot.sample("expr:x*beta*gamma", beta=1.0), "parameter 'gamma' has no value: pass gamma=VALUE",
        ["expr", "x*beta*gamma", "-p", "beta=1"], "parameter 'gamma' has no value: add --param gamma=VALUE"),
    "expression parameter, saving": (
        lambda: actplot.save("out.csv", "expr:x*beta"), "parameter 'beta' has no value: pass beta=VALUE",
        ["expr", "x*beta", "-o", "out.csv"], "parameter 'beta' has no value: add --param beta=VALUE"),
    "range": (
        lambda: actplot.plot("relu", x_range=(5, -5)), "x_range=(5, -5) is reversed; did you mean x_range=(-5, 5)?",
        ["relu", "--range", "5", "-5"], "--range 5 -5 is reversed; did you mean --range -5 5?"),
    "points": (
        lambda: actplot.sample("relu", points=1), "points must be a whole number from 2 to 10,000,000, got 1",
        ["relu", "--points", "1"], "--points must be a whole number from 2 to 10,000,000, got 1"),
    "picture size": (
        lambda: actplot.save("big.png", "relu", size=(100, 100), dpi=2400), "size=(100, 100) at 2400 dots per inch",
        ["relu", "--size", "100", "100", "--dpi", "2400", "-o", "big.png"], "--size 100 100 at 2400 dots per inch"),
    "unknown parameter": (
        lambda: actplot.plot("leaky-relu", beta=1), "leaky-relu has no parameter 'beta'",
        ["compare", "leaky-relu:beta=1"], "leaky-relu has no parameter 'beta'"),
    "parameter's domain": (
        lambda: actplot.plot("celu", alpha=[1, -1]), "alpha must be (0, inf), got -1",
        ["celu", "--alpha", "1", "--alpha", "-1"], "alpha must be (0, inf), got -1"),
    "choice": (
        lambda: actplot.plot("gelu", approximate="erf"), "approximate must be one of 'none', 'tanh', got 'erf'",
        ["compare", "gelu:approximate=erf"], "approximate must be one of 'none', 'tanh', got 'erf'"),
    "list parameter": (
        lambda: actplot.plot("softmax", others=[]), "others must be a non-empty list of numbers",
        ["softmax", "--others", "a"], "others must be a non-empty list of numbers"),
    "spec string": (
        lambda: actplot.plot("expr:x*beta;beta=a"), "'expr:x*beta;beta=a': parameters are NAME=NUMBER",
        ["expr", "x*beta", "-p", "beta=a"], "'--param beta=a': parameters are NAME=NUMBER"),
    "sweep where one value is taken": (
        lambda: actplot.explore("elu", alpha=[1, 2]), "explore takes one value per parameter",
        ["elu", "--alpha", "1", "--alpha", "2", "--explore"], "--explore moves one value per parameter"),
    "no display": (
        lambda: actplot.show("relu"), "no display to open a window on; use actplot.save(path, ...) to write the "
        "figure to a file", ["relu", "--window"], "no display to open a window on; use -o FILE to write the figure"),
}


#: Mistakes that each side finds with a check of its own (the command line's ``-p`` and ``--explore``).
SEPARATE_CHECKS = {"spec string", "sweep where one value is taken"}


@pytest.mark.parametrize("kind", SAID_TWO_WAYS)
def test_python_says_python_words_and_the_command_line_its_own(kind, tmp_path, monkeypatch):
    call, python, argv, command_line = SAID_TWO_WAYS[kind]
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    with pytest.raises(actplot.UserError, match=re.escape(python)) as raised:
        call()
    assert not OPTION_WORD.search(str(raised.value)), str(raised.value)
    if kind not in SEPARATE_CHECKS:  # the same check: the error carries what the command line says
        assert command_line in raised.value.command_line()
    assert command_line in command_line_error(argv, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_no_interactive_backend_is_said_both_ways(tmp_path, monkeypatch):
    from actplot.core.settings import PlotSettings
    from actplot.draw.window import window_pyplot

    monkeypatch.setenv("DISPLAY", ":99")
    monkeypatch.setenv("MPLBACKEND", "agg")
    matplotlib.use("agg")
    with pytest.raises(actplot.SettingsError, match=re.escape("(agg); use actplot.save(path, ...) to write a file")):
        window_pyplot(PlotSettings())
    with pytest.raises(actplot.SettingsError, match=re.escape("use actplot.save(path, ...) to write the figure")):
        monkeypatch.delenv("DISPLAY")
        actplot.explore("elu").show()
    message = command_line_error(["relu", "--window"], tmp_path, DISPLAY=":99", MPLBACKEND="agg")
    assert message == "matplotlib has no interactive backend here (agg); use -o FILE to write a file"


def test_a_picture_to_a_terminal_is_said_both_ways(tmp_path, monkeypatch):
    import os

    monkeypatch.setattr(sys, "stdout", Terminal())
    with pytest.raises(actplot.SettingsError, match=re.escape(
            "will not write a .png picture to a terminal; redirect the output to a file, or give actplot.save() "
            "a file path")) as raised:
        actplot.save("-.png", "relu")
    assert not OPTION_WORD.search(str(raised.value))
    terminal, other_end = os.openpty()
    try:
        message = command_line_error(["relu", "-o", "-.png"], tmp_path, stdout=other_end)
    finally:
        os.close(terminal)
        os.close(other_end)
    assert message.endswith("redirect the output to a file, or give -o FILE")


def test_both_ways_survive_pickling():
    import pickle

    with pytest.raises(actplot.UserError) as raised:
        actplot.plot("expr:x*beta")
    again = pickle.loads(pickle.dumps(raised.value))
    assert type(again) is type(raised.value) and str(again) == str(raised.value)
    assert again.command_line() == raised.value.command_line() and "--param beta=VALUE" in again.command_line()
    with pytest.raises(actplot.SettingsError) as settings:
        actplot.plot("relu", x_range=(1, 0))
    again = pickle.loads(pickle.dumps(settings.value))
    assert again.command_line() == "--range 1 0 is reversed; did you mean --range 0 1?"


def test_a_comparisons_expression_parameter_goes_into_its_spec(tmp_path):
    """With several specs there is no keyword and no --param: the spec string is the way."""
    from actplot.expression import ExpressionError

    with pytest.raises(ExpressionError, match=r"write it into the spec, 'expr:x\*beta;beta=VALUE'"):
        actplot.plot("expr:x*beta", "relu")
    result = subprocess.run([sys.executable, "-m", "actplot", "compare", "expr:x*beta", "relu", "-o",
                             str(tmp_path / "c.png")], capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.startswith("actplot: error: parameter 'beta' has no value: write it into the spec, "
                                    "'expr:x*beta;beta=VALUE'")
    assert not list(tmp_path.iterdir())
