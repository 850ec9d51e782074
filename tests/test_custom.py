"""Python functions as activations: loading, numerical or provided derivatives, errors."""

from __future__ import annotations

import csv

import numpy as np
import pytest
from matplotlib.figure import Figure

from actplot import custom, render
from actplot.cli import run
from actplot.curves import single
from actplot.settings import PlotSettings

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
