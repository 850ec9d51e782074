"""Python functions as activations: loading, numerical or provided derivatives, errors."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from matplotlib.figure import Figure

import actplot
from actplot.catalog import custom
from actplot.cli import run
from actplot.core.curves import single
from actplot.core.settings import PlotSettings
from actplot.draw import figure as render
from tests import custom_functions

ROOT = Path(__file__).resolve().parent.parent

X = np.linspace(-4.0, 4.0, 161)


def test_complex_step_gives_exact_derivatives_of_analytic_code():
    entry = custom.activation("tests.custom_functions:snake", {"alpha": 2.0})
    assert entry.derivative_method == "complex step" and entry.display_name == "snake"
    np.testing.assert_allclose(entry.value(X), X + np.sin(2 * X) ** 2 / 2, rtol=1e-15)
    np.testing.assert_allclose(entry.derivative(X), 1 + np.sin(4 * X), rtol=1e-13, atol=1e-14)
    np.testing.assert_allclose(entry.derivative(X, 2), 4 * np.cos(4 * X), rtol=1e-8, atol=1e-8)


def test_code_that_defeats_the_complex_step_gets_central_differences():
    entry = custom.activation("tests.custom_functions:soft_abs")
    assert entry.derivative_method == "central differences"
    root = np.sqrt(X**2 + 1)
    np.testing.assert_allclose(entry.derivative(X), X / root, rtol=1e-9, atol=1e-11)
    np.testing.assert_allclose(entry.derivative(X, 2), 1 / root**3, rtol=1e-7)


def test_provided_derivatives_breakpoints_name_and_formula_are_used():
    entry = custom.activation("tests.custom_functions:cubic")
    assert entry.derivative_method == "exact" and entry.display_name == "cubic" and entry.formula == "$x^3$"
    np.testing.assert_array_equal(entry.derivative(X), 3 * X**2)
    np.testing.assert_array_equal(entry.derivative(X, 2), 6 * X)
    assert [p.x for p in entry.breakpoints()] == [0.5]


def test_numerical_derivatives_are_labelled_in_the_plot():
    fig = Figure()
    axes = render.draw(fig, [single(custom.activation("tests.custom_functions:snake"))], PlotSettings(order=2))
    assert "(numerical: complex step)" in axes[1].get_title()
    assert "(numerical: complex step)" in axes[2].get_title()
    assert "numerical" not in axes[0].get_title()
    assert fig.get_suptitle() == "snake"


def test_cli_custom_with_parameters(tmp_path, capsys):
    target = tmp_path / "snake.csv"
    assert run(["custom", "tests.custom_functions:snake", "-p", "alpha=0.5", "--points", "5", "-o", str(target)]) == 0
    rows = list(csv.DictReader(target.read_text().splitlines()))
    x = np.array([float(r["x"]) for r in rows])
    np.testing.assert_allclose([float(r["y"]) for r in rows], x + np.sin(0.5 * x) ** 2 / 0.5, rtol=1e-15)
    assert rows[0]["parameters"] == "alpha=0.5"


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("nosuchmodule:f", "cannot import 'nosuchmodule': No module named 'nosuchmodule'"),
        ("tests.custom_functions:nothing", "'tests.custom_functions' has no attribute 'nothing'"),
        ("tests.custom_functions", "is not MODULE:FUNCTION"),
        ("tests.custom_functions:wrong_shape", "returned shape (1,) for input of shape (11,)"),
        ("tests.custom_functions:raises", "raised ValueError: no negative numbers here"),
        ("tests.custom_functions:text", "returned <U1 values, not numbers"),
        ("tests.custom_functions:not_callable", "is neither a function nor an object with a value(x) method"),
        ("tests.custom_functions:__dict__", "dunder names are not reachable"),
    ],
)
def test_bad_functions_end_with_one_line_and_status_2(tmp_path, capsys, target, message):
    out = tmp_path / "out.png"
    assert run(["custom", target, "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err and "Traceback" not in err
    assert not out.exists()


def test_a_function_that_fails_in_the_plotted_range_is_a_clear_error(tmp_path, capsys):
    out = tmp_path / "out.png"
    assert run(["compare", "relu", "custom:tests.custom_functions:snake;alpha=1", "-o", str(out)]) == 0
    assert run(["custom", "tests.custom_functions:snake", "-p", "beta=1", "-o", str(out)]) == 2
    assert "unexpected keyword argument 'beta'" in capsys.readouterr().err


# Declared breakpoints: one-sided derivatives there, broken lines, markers only where values differ.

def _drawn(fig, panel, gid):
    """(x, y) of every line with this gid in panel ``panel`` of an actplot figure."""
    axes = [ax for ax in fig.axes if ax.get_ylabel() in ("f(x)", "f′(x)", "f″(x)")]
    return [(np.asarray(line.get_xdata(), float), np.asarray(line.get_ydata(), float))
            for line in axes[panel].get_lines() if line.get_gid() == gid]


def test_a_step_has_no_derivative_spike_at_its_breakpoint():
    s = actplot.sample(custom_functions.step, x_range=(-1, 1), points=2001, order=2)
    assert 0.0 in s.x
    assert np.abs(s.dy).max() <= 1e-6 and np.abs(s.d2y).max() <= 1e-6  # was a spike of about 4800
    fig = actplot.plot(custom_functions.step, x_range=(-1, 1), order=2)
    for panel in (1, 2):
        curves = _drawn(fig, panel, "curve")
        assert len(curves) == 2 and all(np.abs(y).max() <= 1e-6 for _, y in curves)
        assert not _drawn(fig, panel, "jump") and not _drawn(fig, panel, "limit")  # nothing jumps there
    (x0, y0), = _drawn(fig, 0, "jump")
    (x1, y1), = _drawn(fig, 0, "limit")
    assert (x0.tolist(), y0.tolist(), x1.tolist(), y1.tolist()) == ([0.0], [1.0], [0.0], [0.0])
    left, right = _drawn(fig, 0, "curve")
    assert left[0].max() < 0 < right[0].min()


def test_a_kink_has_one_sided_derivatives_and_the_right_one_at_it():
    x = np.r_[np.linspace(-1, 1, 2001), np.nextafter(0, -1), np.nextafter(0, 1), -1e-4, 1e-4]
    entry = custom.activation("tests.custom_functions:kink")
    assert entry.derivative_method == "central differences"
    assert [(b.x, b.order) for b in entry.breakpoints()] == [(0.0, 0)]
    np.testing.assert_allclose(entry.derivative(x), np.where(x < 0, -1.0, 1.0), rtol=0, atol=1e-6)
    s = actplot.sample(custom_functions.kink, x_range=(-1, 1), points=2001)
    np.testing.assert_allclose(s.dy, np.where(s.x < 0, -1.0, 1.0), rtol=0, atol=1e-6)
    fig = actplot.plot(custom_functions.kink, x_range=(-1, 1), order=2)
    (lx, left), (rx, right) = _drawn(fig, 1, "curve")
    assert lx.max() < 0 < rx.min()
    np.testing.assert_allclose(left, -1.0, rtol=0, atol=1e-6)  # no value between -1 and 1
    np.testing.assert_allclose(right, 1.0, rtol=0, atol=1e-6)
    (jx, jy), = _drawn(fig, 1, "jump")
    (ox, oy), = _drawn(fig, 1, "limit")
    assert jx.tolist() == ox.tolist() == [0.0]
    assert abs(jy[0] - 1) <= 1e-6 and abs(oy[0] + 1) <= 1e-6
    assert all(np.abs(y).max() <= 1e-6 for _, y in _drawn(fig, 2, "curve"))
    assert not _drawn(fig, 0, "jump")  # f is continuous: a broken line, no markers


def test_at_a_jump_the_derivative_is_the_side_the_value_comes_from():
    entry = custom.activation("tests.custom_functions:left_closed")  # x^2 at and before 0, 1 + x after
    x = np.array([np.nextafter(0, -1), 0.0, np.nextafter(0, 1)])
    np.testing.assert_allclose(entry.value(x), [0.0, 0.0, 1.0], atol=1e-300)
    np.testing.assert_allclose(entry.derivative(x), [0.0, 0.0, 1.0], atol=1e-8)
    np.testing.assert_allclose(entry.derivative(x, 2), [2.0, 2.0, 0.0], atol=1e-6)
    fig = actplot.plot(custom_functions.left_closed, x_range=(-1, 1), order=2)
    assert [y.tolist() for _, y in _drawn(fig, 1, "jump")] == [[0.0]]
    assert abs(_drawn(fig, 1, "limit")[0][1][0] - 1) <= 1e-8


def test_breakpoints_that_move_with_a_parameter():
    entry = custom.activation("tests.custom_functions:shifted", {"at": 1.5})
    assert entry.derivative_method == "complex step"
    assert [b.x for b in entry.breakpoints(at=1.5)] == [1.5]
    x = np.r_[np.linspace(-1, 4, 1001), 1.5, np.nextafter(1.5, 0), np.nextafter(1.5, 2)]
    t = x - 1.5
    np.testing.assert_allclose(entry.derivative(x, at=1.5), np.where(t < 0, 0, 1 + np.sin(2 * t)), atol=1e-9)
    np.testing.assert_allclose(entry.derivative(x, 2, at=1.5), np.where(t < 0, 0, 2 * np.cos(2 * t)), atol=1e-6)


def test_derivatives_near_breakpoints_stay_accurate():
    """One-sided differences near a breakpoint where nothing jumps: as accurate as needed to plot."""
    entry = custom.activation("tests.custom_functions:smooth_with_breakpoints")
    assert entry.derivative_method == "complex step"
    x = np.concatenate([np.linspace(b - 0.01, b + 0.01, 2001) for b in (-1.0, 0.5, 3.0)])
    np.testing.assert_allclose(entry.derivative(x), 1 + np.sin(4 * x), rtol=0, atol=1e-9)
    np.testing.assert_allclose(entry.derivative(x, 2), 4 * np.cos(4 * x), rtol=0, atol=1e-5)
    # away from the breakpoints the complex step is untouched: exact to rounding
    away = np.linspace(1, 2.5, 101)
    np.testing.assert_allclose(entry.derivative(away), 1 + np.sin(4 * away), rtol=1e-13, atol=1e-14)


def test_bad_breakpoints_are_a_clear_error():
    with pytest.raises(custom.CustomError, match=r"bad_breakpoints.breakpoints must be numbers .* got \['zero'\]"):
        custom.activation("tests.custom_functions:bad_breakpoints")


def test_python_callables_with_breakpoints_in_compare_and_diff():
    """Siblings: a custom function inside compare and diff keeps its honest derivatives."""
    samples = actplot.sample_all("custom:tests.custom_functions:step", "relu", x_range=(-1, 1), points=201)
    assert np.abs(samples[0].dy).max() <= 1e-6
    difference = actplot.sample_all("custom:tests.custom_functions:kink", "expr:abs(x)", x_range=(-1, 1),
                                     points=200, order=2, diff=True)[0]
    off = difference.x != 0  # at 0 the expression takes sign(0) = 0, the custom function the right side
    assert np.abs(difference.dy[off]).max() <= 1e-6 and np.abs(difference.d2y[off]).max() <= 1e-6
    fig = actplot.plot("custom:tests.custom_functions:step", "relu", x_range=(-1, 1))
    assert max(np.abs(y).max() for _, y in _drawn(fig, 1, "curve")) <= 1 + 1e-9


# Complex values are an error, not a silent real part.

@pytest.mark.parametrize("name", ["complex_root", "complex_power", "complex_slope"])
def test_complex_values_are_an_error(capsys, name):
    assert run(["custom", f"tests.custom_functions:{name}", "-o", "-"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1
    assert (f"tests.custom_functions:{name}{'.derivative' if name == 'complex_slope' else ''} returned complex "
            "values; actplot plots real functions: take .real or abs() yourself") in captured.err
    with pytest.raises(custom.CustomError, match="returned complex values"):
        custom.from_object(getattr(custom_functions, name), name)


def test_complex_input_still_feeds_the_complex_step():
    entry = custom.activation("tests.custom_functions:snake")
    assert entry.derivative_method == "complex step"
    assert entry.value(X).dtype == np.float64 and entry.derivative(X).dtype == np.float64


# A function that prints cannot corrupt the data on standard output.

def test_a_printing_function_leaves_csv_on_stdout_pure():
    result = subprocess.run([sys.executable, "-m", "actplot", "custom", "tests.custom_functions:printing",
                             "-n", "5", "-o", "-"], capture_output=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(result.stdout.decode().splitlines()))
    assert rows[0] == ["activation", "parameters", "x", "y", "dy"]
    assert len(rows) == 6 and all(row[0] == "custom:tests.custom_functions:printing" for row in rows[1:])
    np.testing.assert_allclose([float(row[3]) for row in rows[1:]], np.tanh(np.linspace(-5, 5, 5)), rtol=1e-15)
    err = result.stderr.decode()
    assert "debug: called with" in err and "debug: raw write to descriptor 1" in err


def test_a_printing_function_in_process(capsys):
    stdout = sys.stdout
    assert run(["compare", "relu", "custom:tests.custom_functions:printing", "-n", "3", "-o", "-"]) == 0
    assert sys.stdout is stdout
    captured = capsys.readouterr()
    assert "debug" not in captured.out and "debug: called with" in captured.err
    assert captured.out.splitlines()[0] == "activation,parameters,x,y,dy" and len(captured.out.splitlines()) == 7


def test_the_library_leaves_stdout_alone(capsys):
    """Only the command line, a process of its own, diverts prints: a library call changes nothing."""
    stdout = sys.stdout
    actplot.sample(custom_functions.printing, points=3)
    assert sys.stdout is stdout and "debug: called with" in capsys.readouterr().out


def test_a_smooth_join_draws_no_markers():
    """f' of tangent_join is continuous at +-1 (only f'' jumps): no dots in the f' panel."""
    entry = custom.activation("tests.custom_functions:tangent_join")
    sides = entry.derivative(np.array([np.nextafter(1.0, 0), 1.0, np.nextafter(1.0, 2)]))
    assert np.ptp(sides) <= 1e-9  # the same value, to the differences' accuracy
    fig = actplot.plot(custom_functions.tangent_join, x_range=(-2, 2), order=2)
    assert len(_drawn(fig, 2, "jump")) == 2  # f'' does jump
    assert not _drawn(fig, 1, "jump") and not _drawn(fig, 1, "limit")
