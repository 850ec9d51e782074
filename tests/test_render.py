"""What is drawn: the lines' data, markers, bands, titles and legends; the bytes written."""

from __future__ import annotations

from pathlib import Path

import matplotlib
import matplotlib.style
import numpy as np
import pytest
from matplotlib.figure import Figure
from matplotlib.testing.compare import compare_images

import actplot
from actplot.core.curves import single, sweep
from actplot.core.settings import PlotSettings
from actplot.draw import figure as render
from actplot.draw import layout
from actplot.draw import style as drawing_style
from actplot.specs import parse_spec

REFERENCE_IMAGES = Path(__file__).parent / "data" / "images"


def drawn(curves, **settings) -> list:
    fig = Figure(figsize=(10, 4))
    return render.draw(fig, curves, PlotSettings(**settings))


def gid_lines(ax, gid: str) -> list:
    return [line for line in ax.get_lines() if line.get_gid() == gid]


@pytest.mark.parametrize("order", [0, 1, 2])
def test_panels_show_the_function_and_its_derivatives(order):
    entry = actplot.get("gelu")
    axes = drawn([single(entry)], order=order, x_range=(-4.0, 4.0), points=801)
    assert len(axes) == order + 1
    for k, ax in enumerate(axes):
        (line,) = gid_lines(ax, "curve")
        x, y = (np.asarray(v, dtype=float) for v in line.get_data())
        np.testing.assert_array_equal(x, np.linspace(-4.0, 4.0, 801))
        np.testing.assert_array_equal(y, entry.evaluate(x, k))
        assert ax.get_ylabel() == render.PANEL_LABELS[k]
        assert ax.get_xlim() == (-4.0, 4.0)
    assert axes[0].get_title() == f"$f(x)$ = {entry.formula_at(0)}"
    if order:
        assert axes[1].get_title() == f"$f'(x)$ = {entry.formula_at(1)}"
    assert axes[0].figure.get_suptitle() == "gelu   approximate=none"


def test_no_segment_crosses_a_jump_and_the_values_at_the_jump_are_marked():
    axes = drawn([single(actplot.get("hardshrink"))], order=1, x_range=(-2.0, 2.0), points=41)
    for ax in axes:  # the value jumps at +-0.5, so both panels break there
        segments = [np.asarray(line.get_xdata(), dtype=float) for line in gid_lines(ax, "curve")]
        assert len(segments) == 3
        for x in segments:
            assert not (x.min() < -0.5 < x.max()) and not (x.min() < 0.5 < x.max())
    dots = sorted((line.get_xdata()[0], line.get_ydata()[0]) for line in gid_lines(axes[0], "jump"))
    assert dots == [(-0.5, 0.0), (0.5, 0.0)]
    rings = sorted(float(line.get_ydata()[0]) for line in gid_lines(axes[0], "limit"))
    assert rings == [pytest.approx(-0.5), pytest.approx(0.5)]


def test_a_kink_is_continuous_in_the_function_and_broken_in_the_derivative():
    axes = drawn([single(actplot.get("relu"))], order=2, x_range=(-1.0, 1.0), points=4)
    (value_line,) = gid_lines(axes[0], "curve")
    assert 0.0 in value_line.get_xdata()  # the kink is sampled exactly
    assert len(gid_lines(axes[1], "curve")) == 2
    assert [(line.get_xdata()[0], line.get_ydata()[0]) for line in gid_lines(axes[1], "jump")] == [(0.0, 0.0)]
    assert not gid_lines(axes[2], "jump")  # f'' is 0 on both sides: nothing to mark


def test_rrelu_shades_its_training_band_in_the_first_two_panels():
    axes = drawn([single(actplot.get("rrelu"))], order=2)
    bands = [[c for c in ax.collections if c.get_gid() == "band"] for ax in axes]
    assert [len(b) for b in bands] == [1, 1, 0]
    vertices = bands[0][0].get_paths()[0].vertices
    left = vertices[vertices[:, 0] == -5.0][:, 1]
    assert sorted(set(left)) == pytest.approx([-5 / 3, -5 / 8])
    assert [t.get_text() for t in axes[0].get_legend().get_texts()] == ["training range", "rrelu"]


def test_sweeps_and_comparisons_have_legends_in_every_panel():
    curves = sweep(actplot.get("leaky-relu"), {"alpha": [0.01, 0.1, 0.3]})
    axes = drawn(curves)
    for ax in axes:
        assert [t.get_text() for t in ax.get_legend().get_texts()] == [
            "negative_slope=0.01", "negative_slope=0.1", "negative_slope=0.3"]
    left_ends = [[float(line.get_ydata()[0]) for line in gid_lines(ax, "curve") if line.get_xdata()[0] < 0]
                 for ax in axes]
    assert left_ends == [[-0.05, -0.5, -1.5], [0.01, 0.1, 0.3]]
    axes = drawn([parse_spec("relu"), parse_spec("leaky-relu:negative_slope=0.2")], x_range=(-4.0, 4.0))
    assert [t.get_text() for t in axes[1].get_legend().get_texts()] == ["relu", "leaky-relu (negative_slope=0.2)"]
    assert axes[0].figure.get_suptitle() == "relu vs leaky-relu (negative_slope=0.2)"
    assert axes[0].get_title() == "f(x)"  # no formula for a comparison: plain text


def test_axis_lines_appear_only_when_the_origin_is_in_view():
    axes = drawn([single(actplot.get("tanh"))], order=0, x_range=(-3.0, 3.0))
    assert len(gid_lines(axes[0], "axis")) == 2
    axes = drawn([single(actplot.get("sigmoid"))], order=0, x_range=(-3.0, 3.0))
    assert [line.get_xdata()[0] for line in gid_lines(axes[0], "axis")] == [0.0]  # y = 0 is out of view
    axes = drawn([single(actplot.get("exponential"))], order=0, x_range=(1.0, 3.0))
    assert gid_lines(axes[0], "axis") == []


def test_ten_million_points_draw_reduced_lines_with_the_same_extremes():
    entry = actplot.get("mish")
    axes = drawn([single(entry)], order=0, points=10_000_000, x_range=(-6.0, 2.0))
    (line,) = gid_lines(axes[0], "curve")
    y = np.asarray(line.get_ydata(), dtype=float)
    assert y.size < 20_000
    assert y.min() == pytest.approx(-0.30884341301725041, abs=1e-12)
    assert y.max() == entry.value(2.0)


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
def test_pictures_are_byte_identical_from_run_to_run(tmp_path, fmt):
    curves = [single(actplot.get("elu"))]
    first, second = tmp_path / f"a.{fmt}", tmp_path / f"b.{fmt}"
    render.save(curves, PlotSettings(output=first), first)
    render.save(curves, PlotSettings(output=second), second)
    data = first.read_bytes()
    assert data == second.read_bytes()
    assert data[:8] == {"png": b"\x89PNG\r\n\x1a\n", "svg": b"<?xml ve", "pdf": b"%PDF-1.4"}[fmt]
    assert b"Software" not in data and b"CreationDate" not in data and b"<dc:date>" not in data
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"a.{fmt}", f"b.{fmt}"]


def test_a_failed_save_leaves_the_existing_file_untouched(tmp_path, monkeypatch):
    target = tmp_path / "keep.png"
    target.write_bytes(b"precious")

    def broken(self, handle, **kwargs):
        handle.write(b"half a picture")
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(Figure, "savefig", broken)
    with pytest.raises(RuntimeError, match="disk on fire"):
        render.save([single(actplot.get("relu"))], PlotSettings(output=target), target)
    assert target.read_bytes() == b"precious"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.png"]


def test_reference_figure_looks_the_same(tmp_path):
    """The look, compared with an approved picture (regenerate it only after looking at it)."""
    result = tmp_path / "leaky-relu.png"
    settings = PlotSettings(x_range=(-10.0, 10.0), output=result, dpi=80)
    render.save(sweep(actplot.get("leaky-relu"), {"negative_slope": [0.01, 0.3]}), settings, result)
    expected = REFERENCE_IMAGES / "leaky-relu-sweep.png"
    if not expected.exists():
        pytest.fail(f"missing reference image {expected}; copy {result} there after looking at it")
    assert compare_images(str(expected), str(result), tol=6) is None


def test_styles_apply_and_unknown_styles_are_refused(tmp_path):
    axes = None
    with matplotlib.style.context("ggplot"):
        axes = drawn([single(actplot.get("tanh"))])
    assert axes[0].get_facecolor() != (1.0, 1.0, 1.0, 1.0)
    with pytest.raises(ValueError, match="unknown style 'ggplott'; did you mean 'ggplot'"):
        PlotSettings(style="ggplott").check_style()


# --- poles, robust limits, chosen limits ----------------------------------------------------------


@pytest.mark.filterwarnings("ignore::actplot.core.errors.DrawWarning")  # log(x) is NaN left of 0
@pytest.mark.parametrize(("expression", "pole"), [("1/x", 0.0), ("1/(x-0.3)", 0.3), ("2/(x*x-1)", 1.0),
                                                   ("x**-2", 0.0), ("log(x)", 0.0)])
def test_a_pole_is_an_asymptote_never_a_line_across_it(expression, pole):
    axes = drawn([parse_spec(f"expr:{expression}")], order=1, x_range=(-2.0, 2.0))
    for ax in axes:
        for line in gid_lines(ax, "curve") + gid_lines(ax, "approach"):
            x = np.asarray(line.get_xdata(), dtype=float)
            assert not (x.min() < pole < x.max()), f"a line crosses the pole at {pole}"
        assert pole in [line.get_xdata()[0] for line in gid_lines(ax, "asymptote")]
        assert not gid_lines(ax, "jump")  # a pole has no value to mark
        low, high = ax.get_ylim()
        y = np.concatenate([np.asarray(line.get_ydata(), dtype=float) for line in gid_lines(ax, "curve")])
        y = y[np.isfinite(y)]
        assert np.mean((y >= low) & (y <= high)) > 0.9  # most of the curve is in view ...
        assert high - low < max(np.abs(y).max() / 10, 10)  # ... and not flattened by the values near the pole
    approach = np.concatenate([np.asarray(line.get_ydata(), dtype=float) for line in gid_lines(axes[0], "approach")])
    assert np.abs(approach).max() > 2 * np.abs(axes[0].get_ylim()).max()  # on towards the asymptote, off the panel


def test_one_huge_sample_never_flattens_a_panel():
    def spiky(x):
        return np.where(np.abs(x - 0.5) < 1e-3, 1e12, np.sin(x))

    fig = actplot.plot(spiky, order=0, x_range=(-3.0, 3.0), points=2001)
    (line,) = gid_lines(fig.axes[0], "curve")
    assert np.max(line.get_ydata()) == 1e12  # drawn, off the panel
    low, high = fig.axes[0].get_ylim()
    assert -1.2 < low < -0.9 and 0.9 < high < 3.5


def test_steep_curves_are_shown_whole():
    axes = drawn([single(actplot.get("exponential"))], order=0, x_range=(-5.0, 5.0))
    assert axes[0].get_ylim()[1] > np.exp(5.0)


@pytest.mark.parametrize("ylim", [[(-1.0, 2.0)], [(-1.0, 2.0), (0.0, 0.5)], [None, (0.0, 0.5)]])
def test_chosen_y_limits_are_kept(ylim):
    axes = drawn([single(actplot.get("relu"))], order=1, ylim=tuple(ylim))
    for ax, chosen in zip(axes, [*ylim, None, None], strict=False):
        if chosen is not None:
            assert ax.get_ylim() == chosen
        else:
            assert ax.get_ylim()[1] > 1.0  # fitted: relu' reaches 1


def test_ylim_in_python_and_on_the_command_line(tmp_path):
    fig = actplot.plot("expr:1/x", ylim=(-5, 5))
    assert fig.axes[0].get_ylim() == (-5.0, 5.0)
    fig = actplot.plot("relu", ylim=[None, (0, 2)])
    assert fig.axes[1].get_ylim() == (0.0, 2.0)
    with pytest.raises(actplot.SettingsError, match=r"^ylim=\(1, -1\) must go from low to high; did you mean "
                                                   r"ylim=\(-1, 1\)\?"):
        actplot.plot("relu", ylim=(1, -1))


# --- legends, coinciding curves, differences, styles, small figures ------------------------------


def _legend_box_in_axes(ax):
    renderer = ax.figure.canvas.get_renderer()
    extent = ax.get_legend().get_window_extent(renderer)
    return ax.transAxes.inverted().transform([[extent.x0, extent.y0], [extent.x1, extent.y1]])


def _points_in_box(ax, box) -> int:
    (x0, y0), (x1, y1) = box
    count = 0
    for line in gid_lines(ax, "curve"):
        xy = ax.transAxes.inverted().transform(ax.transData.transform(np.column_stack(line.get_data())))
        count += int(((xy[:, 0] > x0) & (xy[:, 0] < x1) & (xy[:, 1] > y0) & (xy[:, 1] < y1)).sum())
    return count


@pytest.mark.parametrize("specs", [("relu", "gelu", "silu", "mish"), ("sigmoid", "tanh", "softsign"),
                                   ("elu", "celu:alpha=2", "selu")])
def test_a_legend_never_covers_a_curve(specs):
    fig = actplot.plot(*specs, order=1, x_range=(-4, 4))
    fig.canvas.draw()
    inside = [ax for ax in fig.axes if ax.get_legend() is not None]
    assert inside or fig.legends  # in the panels, or one below them
    for ax in inside:
        assert _points_in_box(ax, _legend_box_in_axes(ax)) == 0


def test_where_no_corner_is_free_the_legend_goes_below():
    """Curves over the whole panel: no corner is free, so one legend below the panels."""
    fig = actplot.plot("sinusoid", "expr:-sin(x)", "expr:cos(x)", "expr:-cos(x)", x_range=(-30, 30), order=0)
    assert not fig.axes[0].get_legend() and len(fig.legends) == 1
    fig = actplot.plot("relu", "gelu", legend="outside")
    assert len(fig.legends) == 1 and all(ax.get_legend() is None for ax in fig.axes)
    fig = actplot.plot("relu", "gelu", legend="none")
    assert not fig.legends and all(ax.get_legend() is None for ax in fig.axes)


def test_curves_that_coincide_stay_visible_and_the_legend_says_so():
    axes = drawn(sweep(actplot.get("leaky-relu"), {"negative_slope": [0.01, 0.1, 0.3]}), order=2)
    second = axes[2]  # f'' = 0 for every slope
    by_curve: dict[str, list] = {}
    for line in gid_lines(second, "curve"):
        by_curve.setdefault(line.get_color(), []).append(line)
    first, *others = by_curve.values()
    assert {line.get_linestyle() for line in first} == {"-"}
    assert all(line.get_linestyle() == "--" for lines in others for line in lines)
    patterns = {line._unscaled_dash_pattern for lines in others for line in lines}
    assert len(patterns) == 2  # they take turns along the line
    labels = [text.get_text() for text in second.get_legend().get_texts()]
    assert labels[1] == "negative_slope=0.1 (same as negative_slope=0.01)"
    first = [text.get_text() for text in axes[0].get_legend().get_texts()]
    assert first == ["negative_slope=0.01", "negative_slope=0.1", "negative_slope=0.3"]


def test_difference_panels_are_labelled_as_differences():
    fig = actplot.plot("leaky-relu", negative_slope=[0.1, 0.2], diff=True, order=2)
    assert [ax.get_ylabel() for ax in fig.axes] == ["A(x) − B(x)", "A′(x) − B′(x)", "A″(x) − B″(x)"]
    titles = [layout.full_title(ax) for ax in fig.axes]
    assert titles[0].startswith("$A(x) - B(x)$")
    assert titles[1].endswith("max |A′ − B′| = 1.00e-01 for x from -5 to 0")  # a plateau, not one point


def test_a_style_files_line_width_is_honoured(tmp_path):
    style = tmp_path / "thick.mplstyle"
    style.write_text("lines.linewidth: 4.5\n")
    fig = actplot.plot("relu", style=str(style))
    assert {line.get_linewidth() for line in gid_lines(fig.axes[0], "curve")} == {4.5}
    fig = actplot.plot("relu")
    assert {line.get_linewidth() for line in gid_lines(fig.axes[0], "curve")} == {drawing_style.LINE_WIDTH}


@pytest.mark.parametrize("order", [1, 2])
def test_a_journal_column_figure_draws_with_smaller_text(order, tmp_path):
    fig = actplot.plot("gelu", order=order, size=(3.5, 2.5))
    assert fig.get_size_inches().tolist() == [3.5, 2.5]
    sizes = {ax.xaxis.label.get_fontsize() for ax in fig.axes}
    assert max(sizes) < matplotlib.rcParamsDefault["font.size"]
    assert actplot.save(tmp_path / "column.pdf", "gelu", order=order, size=(3.5, 2.5)).stat().st_size > 1000


def test_curves_closer_than_a_line_are_dashed_but_not_called_the_same():
    axes = drawn([parse_spec("gelu"), parse_spec("gelu:approximate=tanh"), parse_spec("relu")], order=1,
                 x_range=(-4.0, 4.0))
    lines = {line.get_label(): line for line in gid_lines(axes[0], "curve") if not line.get_label().startswith("_")}
    assert lines["gelu"].get_linestyle() == "-"
    assert lines["gelu (approximate=tanh)"].get_linestyle() == "--"  # 5e-4 apart: it would hide gelu
    assert lines["relu"].get_linestyle() == "-"  # visibly apart from both
    assert not any("same as" in label for label in lines)
