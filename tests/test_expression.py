"""The expression language end to end: an expression as a catalog entry (actplot.expression.activation,
in actplot.expression.entry) and on the command line. The tests of each module are in tests/expression/.
"""

from __future__ import annotations

import csv

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import actplot
from actplot import expression
from actplot.cli import run
from actplot.expression import ExpressionError
from tests.expression.support import TOKENS


@pytest.mark.parametrize(
    ("name", "why"),
    [("x", "x is the variable"), ("pi", "pi is the constant 3.14159"), ("e", "e is the constant 2.71828"),
     ("exp", "exp is a function"), ("where", "where is a function")],
)
def test_reserved_names_are_not_parameters(name, why):
    with pytest.raises(ExpressionError) as caught:
        expression.activation("x * a", {"a": 1.0, name: 2.0})
    assert str(caught.value).startswith(f"'{name}' is a reserved name: {why}")
    assert "not used" not in str(caught.value)


def test_unbound_and_unused_parameters(capsys):
    with pytest.raises(ExpressionError, match="parameter 'beta' has no value: pass beta=VALUE") as raised:
        expression.activation("x * beta")
    assert "add --param beta=VALUE" in raised.value.command_line()
    with pytest.raises(ExpressionError, match="parameter 'gamma' is not used"):
        expression.activation("x", {"gamma": 1.0})
    assert run(["expr", "x * sigmoid(b * x)"]) == 2
    assert "add --param b=VALUE" in capsys.readouterr().err
    assert run(["expr", "x", "-p", "b"]) == 2
    assert "parameters are NAME=NUMBER, got 'b'" in capsys.readouterr().err


@given(st.lists(st.sampled_from(TOKENS), max_size=14).map("".join))
def test_fuzz_token_soup_parses_differentiates_or_fails_clearly(source):
    try:
        entry = expression.activation(source, {"b": 0.5} if "b" in source else {})
    except ExpressionError as error:
        assert "column" in str(error) or "parameter" in str(error) or "comparison" in str(error)
        return
    values = entry.evaluate(np.linspace(-2, 2, 9), 2)
    assert values.shape == (9,)


def test_derivatives_are_not_drawn_where_the_function_does_not_exist():
    """log(x)'s symbolic derivative 1/x is finite left of 0, where log(x) is not defined."""
    import warnings

    import actplot

    s = actplot.sample("expr:log(x)", x_range=(-2.0, 2.0), points=5, order=2)
    assert np.isnan(s.y[:2]).all() and np.isnan(s.dy[:2]).all() and np.isnan(s.d2y[:2]).all()
    assert s.dy[-1] == 0.5 and s.d2y[-1] == -0.25
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig = actplot.plot("expr:log(x)", x_range=(-2.0, 2.0), show=False)
    curve_x = [x for line in fig.axes[1].get_lines() if line.get_gid() == "curve" for x in line.get_xdata()]
    assert min(curve_x) > 0  # nothing drawn left of 0 in the f' panel
    assert sum("f′(x) is not finite" in str(w.message) for w in caught) == 1


def test_expression_plots_break_at_where_jumps(tmp_path, capsys):
    target = tmp_path / "step.csv"
    assert run(["expr", "where(x > 1, 2, 0)", "--range", "0", "2", "--points", "3", "-o", str(target)]) == 0
    rows = list(csv.DictReader(target.read_text().splitlines()))
    assert [(float(r["x"]), float(r["y"])) for r in rows] == [(0.0, 0.0), (1.0, 0.0), (2.0, 2.0)]
    assert rows[0]["activation"] == "expr:where(x > 1, 2, 0)"  # the CSV names the curve by its reference


def test_cli_sweeps_parameters_and_labels_them(tmp_path, capsys):
    target = tmp_path / "sweep.json"
    argv = ["expr", "x * sigmoid(beta * x)", "-p", "beta=1", "--param", "beta=2", "--points", "5", "-o", str(target)]
    assert run(argv) == 0
    import json

    curves = json.loads(target.read_text())["curves"]
    assert [c["label"] for c in curves] == ["beta=1", "beta=2"]
    np.testing.assert_allclose(curves[1]["y"], actplot.get("swish-beta").value(curves[1]["x"], beta=2.0), rtol=1e-14)


def test_compare_with_an_expression(tmp_path, capsys):
    target = tmp_path / "cmp.csv"
    assert run(["compare", "gelu", "expr:x*sigmoid(k*x);k=1.702", "--points", "3", "-o", str(target)]) == 0
    labels = {row["activation"] for row in csv.DictReader(target.read_text().splitlines())}
    assert labels == {"gelu", "expr:x*sigmoid(k*x)"}


def test_a_word_parameter_on_the_command_line(tmp_path, capsys):
    target = tmp_path / "gelu.csv"
    assert run(["expr", "gelu(x, approximate=tanh)", "--points", "5", "-o", str(target)]) == 0
    rows = list(csv.DictReader(target.read_text().splitlines()))
    xs = np.array([float(r["x"]) for r in rows])
    np.testing.assert_array_equal([float(r["y"]) for r in rows], actplot.get("gelu").value(xs, approximate="tanh"))
