"""``--dtype``: rounding to float32, float16 and bfloat16, the model of a framework's kernel, what
the error panel draws, the command line, the data export, and the agreement with PyTorch's own
kernels (tests/data/precision_reference.npz, written by scripts/make_precision_reference.py)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import numpy as np
import pytest

import actplot
from actplot.cli import run
from actplot.core import precision
from actplot.core.errors import SettingsError
from actplot.core.precision import BFLOAT16, FLOAT16, FLOAT32, FORMATS, round_to, ulp
from actplot.core.settings import PlotSettings

REFERENCE = Path(__file__).parent / "data" / "precision_reference.npz"


# --- rounding and ulps -------------------------------------------------------------------------


def test_known_roundings():
    assert float(round_to(1 / 3, BFLOAT16)[()]) == 0.333984375
    assert float(round_to(1 / 3, FLOAT16)[()]) == 0.333251953125
    assert float(round_to(0.1, FLOAT32)[()]) == float(np.float32(0.1))
    assert round_to([65504.0, 65519.0, 65520.0, -1e6], FLOAT16).tolist() == [65504.0, 65504.0, np.inf, -np.inf]
    assert float(round_to(2.0 ** -25, FLOAT16)[()]) == 0.0  # half the smallest subnormal: ties to even, 0
    assert float(round_to(1.5 * 2.0 ** -25, FLOAT16)[()]) == 2.0 ** -24
    assert np.isnan(round_to(np.nan, BFLOAT16)[()])


def test_ulps_of_one_and_of_the_subnormals():
    assert float(ulp(1.0, FLOAT16)[()]) == 2.0 ** -10
    assert float(ulp(1.0, BFLOAT16)[()]) == 2.0 ** -7
    assert float(ulp(1.0, FLOAT32)[()]) == 2.0 ** -23
    assert float(ulp(0.0, FLOAT16)[()]) == 2.0 ** -24
    assert float(ulp(1e-6, FLOAT16)[()]) == 2.0 ** -24  # subnormal: the smallest spacing
    assert float(ulp(1.999, FLOAT16)[()]) == 2.0 ** -10 and float(ulp(2.0, FLOAT16)[()]) == 2.0 ** -9


@pytest.mark.parametrize("fmt, dtype", [(FLOAT32, np.float32), (FLOAT16, np.float16)])
def test_rounding_agrees_with_numpy(fmt, dtype):
    rng = np.random.default_rng(5)
    x = np.concatenate([rng.normal(0, 1, 20000) * 10.0 ** rng.integers(-12, 6, 20000), [0.0, -0.0, np.inf]])
    with np.errstate(over="ignore"):
        expected = x.astype(dtype).astype(np.float64)
    np.testing.assert_array_equal(round_to(x, fmt), expected)


def test_bfloat16_is_float32s_upper_bits_rounded_to_nearest_even():
    rng = np.random.default_rng(6)
    x32 = (rng.normal(0, 1, 20000) * 10.0 ** rng.integers(-30, 30, 20000)).astype(np.float32)
    bits = x32.view(np.uint32).astype(np.uint64)
    upper = ((bits + 0x7FFF + ((bits >> 16) & 1)) >> 16).astype(np.uint32) << 16
    np.testing.assert_array_equal(round_to(x32, BFLOAT16), upper.view(np.float32).astype(np.float64))


# --- the model ---------------------------------------------------------------------------------


def test_sigmoid_underflows_to_zero_in_float16_but_not_in_bfloat16():
    entry = actplot.get("sigmoid")
    assert precision.evaluate(entry, [-20.0], 0, {}, FLOAT16).tolist() == [0.0]
    assert precision.evaluate(entry, [-20.0], 0, {}, BFLOAT16)[0] > 0.0


def test_parameters_are_float32_and_inputs_are_rounded():
    curve = actplot.curves_for("leaky-relu", negative_slope=0.01)[0]
    got = precision.computed(curve, np.array([-1.0]), 0, FLOAT32)
    assert got.tolist() == [-float(np.float32(0.01))]
    # the input is rounded first: 1/3 is 0.333984375 in bfloat16, and relu keeps it
    assert precision.computed(actplot.curves_for("relu")[0], np.array([1 / 3]), 0, BFLOAT16).tolist() == [0.333984375]


def test_an_entry_written_for_float64_still_computes_in_float32():
    softplus = actplot.curves_for("softplus")[0]  # exp overflows float32 beyond 88: the guard keeps x
    assert precision.computed(softplus, np.array([100.0]), 0, FLOAT32).tolist() == [100.0]


def test_format_names_and_their_mistakes():
    assert PlotSettings(dtype="BF16").dtype == "bfloat16"
    assert PlotSettings(dtype="torch.half").dtype == "float16"
    with pytest.raises(SettingsError, match=r"dtype='float8' is not a format"):
        PlotSettings(dtype="float8")
    with pytest.raises(ValueError, match=r"dtype='int8'"):
        actplot.sample("relu", dtype="int8")
    with pytest.raises(SettingsError, match=r"^dtype must be one of float32, float16, bfloat16 \(text\), got 3"):
        actplot.plot("relu", dtype=3)


# --- what is drawn -----------------------------------------------------------------------------


def _lines(ax, gid):
    return [line for line in ax.lines if line.get_gid() == gid]


def test_error_panel_draws_the_ulp_errors():
    fig = actplot.plot("sigmoid", x_range=(-20, 5), points=26, dtype="float16", show=False)
    assert len(fig.axes) == 3  # f, f' and the error
    error_panel = fig.axes[-1]
    (dots,) = _lines(error_panel, "ulps")
    x, y = (np.asarray(v, dtype=np.float64) for v in dots.get_data())
    exact = actplot.get("sigmoid").evaluate(x)
    expected = (round_to(exact, FLOAT16) - exact) / ulp(exact, FLOAT16)
    np.testing.assert_allclose(y, expected, rtol=1e-12, atol=0)
    at = int(np.flatnonzero(x == -20.0)[0])
    assert y[at] == pytest.approx(-(1 / (1 + np.exp(20.0))) / 2.0 ** -24)  # rounds to 0: a small error in ulps
    spans = [c for c in error_panel.patches if c.get_gid() == "underflow"]
    assert spans and "0 for x \u2264 -1" in error_panel.get_title()
    assert "subnormal" in error_panel.get_title()
    labels = [t.get_text() for legend in (fig.legends or [ax.get_legend() for ax in fig.axes if ax.get_legend()])
              for t in legend.get_texts()]
    assert "sigmoid in float16" in labels and "rounds to 0" in labels


def test_value_panels_draw_the_curve_in_the_format_beside_the_exact_one():
    fig = actplot.plot("relu", x_range=(-1, 1), points=5, order=0, dtype="bfloat16", show=False)
    value_panel = fig.axes[0]
    labels = [line.get_label() for line in _lines(value_panel, "curve")]
    assert labels[0] == "relu" and labels[1].startswith("relu in bfloat16")  # "(same as relu)": it is
    assert fig.get_suptitle() == "relu: exact and in bfloat16"


def test_kinks_that_are_not_values_of_the_format_are_marked():
    curve = actplot.curves_for("hardtanh", min_val=1 / 3)[0]
    assert precision.kinks(curve, BFLOAT16, -2, 2) == [(1 / 3, False), (1.0, True)]
    fig = actplot.plot(curve, x_range=(-2, 2), order=0, dtype="bfloat16", show=False)
    kinks = _lines(fig.axes[-1], "kink")
    assert [line.get_linestyle() for line in kinks] == [":", "-"]
    assert "kink at 0.3333 not bfloat16" in fig.axes[-1].get_title().replace("\n", " ")


def test_a_difference_says_where_the_tanh_gelu_is_more_than_an_ulp_away():
    fig = actplot.plot("gelu", "gelu:approximate=tanh", diff=True, dtype="float16", show=False)
    panel = fig.axes[-1]
    (exact,) = _lines(panel, "exact-ulps")
    x, y = (np.asarray(v, dtype=np.float64) for v in exact.get_data())
    gelu, tanh = (actplot.get("gelu").evaluate(x, approximate=a) for a in ("none", "tanh"))
    np.testing.assert_allclose(y, (gelu - tanh) / ulp(tanh, FLOAT16), rtol=1e-12)
    assert any(p.get_gid() == "beyond" for p in panel.patches)
    title = panel.get_title().replace("\n", " ")
    assert "|A \u2212 B| > 1 ulp for x \u2264" in title and "float16 results differ at" in title
    assert [line.get_label() for line in _lines(fig.axes[0], "curve")][:1] == ["gelu \u2212 gelu (approximate=tanh)"]


def test_axes_given_need_one_more_for_the_error():
    import matplotlib.figure

    figure = matplotlib.figure.Figure()
    with pytest.raises(SettingsError, match="needs 3 Axes"):
        actplot.plot("relu", axes=figure.subplots(1, 2), dtype="float16")
    panels = actplot.plot("relu", axes=figure.subplots(1, 3), dtype="float16")
    assert _lines(panels[-1], "ulps")


# --- data --------------------------------------------------------------------------------------


def test_sample_returns_the_values_in_the_format():
    s = actplot.sample("sigmoid", x_range=(-20, 0), points=3, dtype="float16")
    assert s.dtype == "float16"
    assert s.x_p.tolist() == [-20.0, -10.0, 0.0]
    assert s.y_p.tolist()[0] == 0.0 and s.y_p.tolist()[2] == 0.5
    assert s.ulps[2] == 0.0 and -0.5 <= s.ulps[0] < 0
    assert s.y.tolist()[0] > 0  # the exact samples are the same as without dtype
    np.testing.assert_array_equal(s.y, actplot.sample("sigmoid", x_range=(-20, 0), points=3).y)


def test_csv_and_json_carry_the_columns(tmp_path):
    path = tmp_path / "s.csv"
    actplot.save(path, "sigmoid", x_range=(-20, 0), points=3, dtype="float16")
    rows = list(csv.DictReader(io.StringIO(path.read_text())))
    assert list(rows[0]) == ["activation", "parameters", "dtype", "x", "y", "dy", "x_p", "y_p", "dy_p", "ulps"]
    assert rows[0]["dtype"] == "float16" and float(rows[0]["y_p"]) == 0.0
    data = json.loads(actplot.save(tmp_path / "s.json", "relu", points=3, order=0, dtype="bf16").read_text())
    assert data["dtype"] == "bfloat16"
    assert set(data["curves"][0]) >= {"x", "y", "x_p", "y_p", "ulps"}
    archive = np.load(actplot.save(tmp_path / "s.npz", "relu", points=3, dtype="float32"))
    assert str(archive["dtype"]) == "float32" and archive["ulps"].tolist() == [0.0, 0.0, 0.0]


# --- the command line --------------------------------------------------------------------------


def test_cli_unknown_dtype_is_one_line_and_status_2(capsys):
    assert run(["relu", "--dtype", "float8", "-o", "x.png"]) == 2
    err = capsys.readouterr().err
    assert err.strip().splitlines() == [
        "actplot: error: --dtype float8 is not a format actplot computes in; use float32, float16 or bfloat16"]


def test_cli_writes_the_precision_columns(capsys):
    assert run(["sigmoid", "--dtype", "half", "--range", "-20", "0", "-n", "3", "-o", "-"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "activation,parameters,dtype,x,y,dy,x_p,y_p,dy_p,ulps"
    assert lines[1].startswith("sigmoid,,float16,-20,")


def test_cli_draws_the_error_panel_in_the_terminal(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("LINES", "30")
    assert run(["diff", "gelu", "gelu:approximate=tanh", "--dtype", "float16", "--terminal=text", "--order", "0",
                "--color", "never"]) == 0
    out = capsys.readouterr().out
    assert "A - B in ulps of float16" in out and "ulp for x" in out


def test_cli_explore_refuses_a_dtype(capsys):
    assert run(["relu", "--dtype", "float16", "--explore"]) == 2
    assert "--dtype" in capsys.readouterr().err


# --- against PyTorch's kernels -----------------------------------------------------------------


def _reference():
    data = np.load(REFERENCE, allow_pickle=False)
    return json.loads(str(data["meta"])), data


def test_reference_is_small_and_covers_every_format():
    assert REFERENCE.stat().st_size < 1 << 20
    meta, _ = _reference()
    assert {case["dtype"] for case in meta["cases"]} == set(FORMATS)
    assert meta["torch_version"].startswith("2.13")


def _ulps_apart(index: int, meta: dict, data) -> tuple[str, np.ndarray]:
    case = meta["cases"][index]
    fmt = FORMATS[case["dtype"]]
    entry = actplot.get(case["name"])
    x = data[f"{index}_x"].astype(np.float64)
    expected = data[f"{index}_y"].astype(np.float64)
    got = precision.evaluate(entry, x, 0, entry.resolve(**case["params"]), fmt)
    with np.errstate(all="ignore"):
        apart = np.where((got == expected) | (np.isnan(got) & np.isnan(expected)), 0.0,
                         np.abs(got - expected) / ulp(expected, fmt))
    return fmt.name, np.where(np.isnan(apart), np.inf, apart)


@pytest.mark.parametrize("name", list(FORMATS))
def test_agreement_with_pytorch_is_as_measured(name):
    meta, data = _reference()
    apart = [ulps for index, case in enumerate(meta["cases"])
             if case["name"] in actplot.names() and case["name"] not in precision.FRAMEWORK_DEVIATIONS
             for fmt, ulps in [_ulps_apart(index, meta, data)] if fmt == name]
    ulps = np.concatenate(apart)
    same, within_one, most = precision.MEASURED[name]
    assert ulps.size > 10_000
    assert (ulps == 0).mean() >= same
    assert (ulps <= 1).mean() >= within_one
    assert ulps.max() <= most


def test_the_deviations_left_out_are_real():
    """Each entry left out of the measured agreement differs from PyTorch by more than its
    formats' worst elsewhere: they are left out for a reason."""
    meta, data = _reference()
    for name in precision.FRAMEWORK_DEVIATIONS:
        worst = max(_ulps_apart(index, meta, data)[1].max() for index, case in enumerate(meta["cases"])
                    if case["name"] == name)
        assert worst > 20, name
