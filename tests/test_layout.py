"""The layout: no text leaves the figure, crosses a panel's frame or overlaps another text.

A battery of figures that broke the fixed-margin layout (long titles and formulas, offset
texts, huge values, many curves, the smallest and largest sizes, every order) is drawn, and
the renderer's bounding boxes of every drawn text are checked.
"""

from __future__ import annotations

import itertools

import matplotlib
import matplotlib.style
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.transforms import Bbox

import actplot
from actplot.core.curves import single, sweep
from actplot.core.settings import MIN_PANEL_SIZE, PlotSettings
from actplot.draw import figure as render
from actplot.draw import style as drawing_style
from actplot.specs import parse_spec

TOLERANCE = 0.5  # pixels

LONG_EXPRESSION = "x*sigmoid(1.702*x) + 0.1*tanh(x)*exp(-x*x) + abs(x)/10 + softplus(x)*sigmoid(x) + sin(x)*0.01"
TWELVE = "relu gelu silu mish elu celu selu softplus sigmoid tanh hardswish softsign".split()


def figure_of(curves, **settings) -> Figure:
    settings = PlotSettings(**settings)
    fig = Figure(figsize=settings.figure_size, dpi=settings.dpi)
    FigureCanvasAgg(fig)
    with drawing_style.styled(settings.style, settings.text_scale):  # as render.save draws and writes
        render.draw(fig, curves, settings)
        fig.canvas.draw()
    return fig


def drawn_texts(fig: Figure) -> list[tuple[str, Bbox]]:
    """Every text the figure shows, with its bounding box in pixels."""
    renderer = fig.canvas.get_renderer()
    texts = [t for t in fig.texts if t.get_visible() and t.get_text()]
    for legend in fig.legends:
        texts += legend.get_texts()
    for ax in fig.axes:
        texts += [ax.title, ax.xaxis.label, ax.yaxis.label, ax.xaxis.get_offset_text(), ax.yaxis.get_offset_text()]
        for axis in (ax.xaxis, ax.yaxis):  # the ticks a draw shows (the axis keeps spare ones too)
            texts += [tick.label1 for tick in axis._update_ticks() if tick.label1.get_visible()]
        if ax.get_legend() is not None:
            texts += ax.get_legend().get_texts()
    return [(t.get_text(), t.get_window_extent(renderer)) for t in texts if t.get_visible() and t.get_text()]


def layout_problems(fig: Figure, style: str = "default", scale: float = 1.0) -> list[str]:
    """What is wrong with the placement of the figure's texts, as readable lines (under the style
    the figure was drawn with: the tick locators read the font sizes from it)."""
    problems = []
    page = fig.bbox
    with drawing_style.styled(style, scale):
        texts = drawn_texts(fig)
    for text, box in texts:
        if box.x0 < page.x0 - TOLERANCE or box.x1 > page.x1 + TOLERANCE or box.y0 < page.y0 - TOLERANCE \
                or box.y1 > page.y1 + TOLERANCE:
            problems.append(f"{text!r} leaves the figure: {box.bounds}")
    for (a, box_a), (b, box_b) in itertools.combinations(texts, 2):
        if _overlap(box_a, box_b):
            problems.append(f"{a!r} overlaps {b!r}")
    for ax in fig.axes:
        frame = ax.get_window_extent()
        for text, box in texts:
            if _overlap(box, frame) and not _inside(box, frame):
                problems.append(f"{text!r} crosses the frame of {ax.get_title()!r}")
    return problems


def _overlap(a: Bbox, b: Bbox) -> bool:
    return (min(a.x1, b.x1) - max(a.x0, b.x0) > TOLERANCE) and (min(a.y1, b.y1) - max(a.y0, b.y0) > TOLERANCE)


def _inside(a: Bbox, b: Bbox) -> bool:
    return a.x0 >= b.x0 - TOLERANCE and a.x1 <= b.x1 + TOLERANCE and a.y0 >= b.y0 - TOLERANCE \
        and a.y1 <= b.y1 + TOLERANCE


def _difference(a: str, b: str):
    from actplot.core.difference import difference

    return difference(parse_spec(a), parse_spec(b))


def _single(name: str, **params: object) -> list:
    return [single(actplot.get(name), params)]


BATTERY = {
    "exponential wide range": (lambda: _single("exponential"), {"x_range": (-10.0, 12.0)}),
    "isru fraction title": (lambda: _single("isru"), {}),
    "log-softmax sum title": (lambda: _single("log-softmax"), {"order": 2}),
    "squareplus root title": (lambda: _single("squareplus"), {}),
    "hardswish long derivative formula": (lambda: _single("hardswish"), {"order": 2}),
    "long expression": (lambda: [parse_spec(f"expr:{LONG_EXPRESSION}")], {"order": 2}),
    "twelve names": (lambda: [parse_spec(n) for n in TWELVE], {}),
    "twelve names, order 2, small": (lambda: [parse_spec(n) for n in TWELVE], {"order": 2, "size": (6.0, 3.0)}),
    "offset texts": (lambda: _single("relu"), {"x_range": (100000.0, 100000.00001)}),
    "offset texts, order 2": (lambda: _single("gelu"), {"x_range": (100000.0, 100000.00001), "order": 2}),
    "huge values": (lambda: _single("leaky-relu", negative_slope=1e296), {"x_range": (-1000.0, 1.0)}),
    "narrowest range": (lambda: _single("tanh"), {"x_range": (0.0, 1e-100)}),
    "long title": (lambda: _single("elu"), {"title": "A very long title that someone typed for a lecture, " * 3}),
    "sweep with long labels": (lambda: sweep(actplot.get("hardtanh"), {"min_val": [-1.0, -2.5, -3.25],
                                                                      "max_val": [1.0, 2.0]}), {}),
    "low dpi": (lambda: _single("gelu"), {"dpi": 40.0, "order": 2}),
    "journal column, order 1": (lambda: _single("gelu"), {"size": (3.5, 2.5)}),
    "journal column, order 2, a sweep": (lambda: sweep(actplot.get("elu"), {"alpha": [0.5, 1.0, 2.0]}),
                                         {"size": (3.5, 2.5), "order": 2}),
    "journal column, a difference": (lambda: [_difference("gelu:approximate=tanh", "gelu")],
                                     {"size": (3.5, 2.5), "order": 2}),
    "high dpi": (lambda: _single("mish"), {"dpi": 300.0}),
    "big figure": (lambda: _single("silu"), {"size": (30.0, 12.0)}),
    "style with large fonts": (lambda: _single("softsign"), {"style": "seaborn-v0_8-poster", "order": 2}),
}


@pytest.mark.parametrize("case", list(BATTERY))
def test_no_text_collides_or_leaves_the_figure(case):
    make, settings = BATTERY[case]
    with np.errstate(over="ignore"):
        fig = figure_of(make(), **settings)
    assert layout_problems(fig, settings.get("style", "default"), PlotSettings(**settings).text_scale) == []


@pytest.mark.parametrize("order", [0, 1, 2])
def test_the_smallest_figure_allowed_is_laid_out_too(order):
    panels = order + 1
    size = (MIN_PANEL_SIZE[0] * panels, MIN_PANEL_SIZE[1])
    fig = figure_of(_single("gelu"), order=order, size=size)
    assert layout_problems(fig, scale=PlotSettings(order=order, size=size).text_scale) == []
    for ax in fig.axes:  # panels keep a real size, in order, left to right
        assert ax.get_position().width > 0.2 / size[0] and ax.get_position().height > 0.2 / size[1]
    lefts = [ax.get_position().x0 for ax in fig.axes]
    assert lefts == sorted(lefts)


def test_the_checker_itself_finds_collisions():
    fig = figure_of(_single("relu"), order=1)
    fig.axes[1].set_ylabel("a label that is much too long to fit between the two panels", fontsize=20)
    fig.suptitle("W" * 200)
    fig.canvas.draw()
    problems = layout_problems(fig)
    assert any("leaves the figure" in p for p in problems)
    assert any("crosses the frame" in p or "overlaps" in p for p in problems)


def test_many_curves_get_distinct_colours_and_one_style_each():
    styles = drawing_style.curve_styles(30)
    assert len({s["color"] for s in styles}) == 30
    from cycler import cycler

    with matplotlib.rc_context({"axes.prop_cycle": cycler(linestyle=["-", "--", ":"])}):
        fig = figure_of([single(actplot.get("hardshrink")), single(actplot.get("relu"))], order=1)
    for ax in fig.axes:
        curves = [line for line in ax.get_lines() if line.get_gid() == "curve"]
        by_label: dict[str, set] = {}
        for line in curves:
            by_label.setdefault(line.get_label().lstrip("_") and line.get_color(), set()).add(line.get_linestyle())
        # hardshrink's three pieces share one colour and one line style; relu has another colour
        assert len({line.get_color() for line in curves}) == 2
        assert all(len(styles) == 1 for styles in by_label.values())
