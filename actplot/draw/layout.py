"""Where the texts of a figure go: margins fitted to the titles, labels and ticks drawn, titles
shortened to fit their panel, and legends placed inside a panel or under the figure."""

from __future__ import annotations

import math
import weakref
from collections.abc import Sequence
from typing import Any

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.gridspec import GridSpec

from actplot.core.curves import Curve
from actplot.draw import legends

#: Inches kept free at the figure's edges, between two panels' texts, and below the figure title.
EDGE, GAP, TITLE_GAP = 0.06, 0.25, 0.08

#: Inches left, right, below, above the panels, and between two panels: the first guess.
MARGINS = (0.75, 0.3, 0.55, 0.7, 0.8)


#: Inches kept right of the last panel even when no tick label reaches beyond it.
MIN_RIGHT = 0.12


#: Points between a panel's frame (or its y offset text) and its title.
TITLE_PAD = 5.0


#: Font sizes a panel title may shrink to, in turn, before its formula is dropped.
TITLE_SIZES = ("medium", "small", "x-small")


MAX_TITLE_LINES = 3


#: Up to this many curves, each panel has a legend; with more, one legend below the panels.
LEGEND_INSIDE_MAX = 6


#: Each panel title's form without its formula, for a panel too narrow for the formula.
_SHORT_TITLES: weakref.WeakKeyDictionary[Any, tuple[str, ...]] = weakref.WeakKeyDictionary()


_FULL_TITLES: weakref.WeakKeyDictionary[Any, str] = weakref.WeakKeyDictionary()


#: Lines are drawn at matplotlib's zorder 2 and markers at 3; a curve the others hide goes above both.
HIDDEN_ZORDER = 3.5


def wants_legend(curves: Sequence[Curve]) -> bool:
    """Whether the panels need a legend: several curves, or a curve with a band."""
    return len(curves) > 1 or any(curve.entry.band_fn is not None for curve in curves)


def place_legends(fig: Figure, axes: Sequence[Axes], curves: Sequence[Curve], where: str, layout: bool,
                  labelled: bool = False) -> None:
    """The legends, where ``where`` says (see :data:`actplot.core.settings.LEGENDS`), then the layout.

    ``auto`` puts one in each panel, in a corner where it covers no data; where some panel has
    no such corner (or there are more than :data:`LEGEND_INSIDE_MAX` curves), one legend goes
    below the panels instead. Into a user's axes (no ``layout``) legends can only go inside.
    ``labelled``: a panel labels what it draws (a precision plot's error panel), so legends are
    wanted even for one curve.
    """
    wanted = where != "none" and (wants_legend(curves) or labelled)
    below = wanted and layout and (where == "outside" or (where == "auto" and len(curves) > LEGEND_INSIDE_MAX))
    if wanted and not below:
        renderer = _renderer(fig)
        if layout:
            fit_layout(fig, axes)  # the corners are judged where the panels finally are
        holders = [ax for ax in axes if ax.get_legend_handles_labels()[0]]  # an error panel may have none
        inside = [ax.legend(fontsize="small", loc="upper left", framealpha=1.0) for ax in holders]
        free = [legends.free_corner(ax, legend, renderer, least=where == "inside" or not layout)
                for ax, legend in zip(holders, inside, strict=True)]
        if None not in free:
            return
        for legend in inside:
            legend.remove()
        below = True
    if below:
        _figure_legend(fig, *_all_entries(axes))
    if layout:
        fit_layout(fig, axes)


def _all_entries(axes: Sequence[Axes]) -> tuple[list[Any], list[str]]:
    """Every panel's legend entries, each label once, in panel order (the curves are the first
    panel's; a precision plot's error panel adds its own)."""
    handles: list[Any] = []
    labels: list[str] = []
    for ax in axes:
        for handle, label in zip(*ax.get_legend_handles_labels(), strict=True):
            if label not in labels:
                handles.append(handle)
                labels.append(label)
    return handles, labels


def margins(size: tuple[float, float], panels: int) -> dict[str, float]:
    """Subplot margins for the usual space in inches around and between the panels: the first
    guess, which :func:`fit_layout` then corrects by measuring what was drawn."""
    return _subplot_params(size, panels, *MARGINS)


def _subplot_params(size: tuple[float, float], panels: int, left: float, right: float, bottom: float,
                    top: float, gap: float) -> dict[str, float]:
    width, height = size
    panel = (width - left - right - gap * (panels - 1)) / panels
    return {"left": left / width, "right": 1 - right / width, "bottom": bottom / height,
            "top": 1 - top / height, "wspace": gap / panel}


def fit_layout(fig: Figure, axes: Sequence[Axes]) -> None:
    """Place the panels so no text leaves the figure or touches a frame or another text.

    The panels start with :data:`MARGINS`; the texts drawn (tick labels, axis labels, offset
    texts, panel titles, the figure's title and legend) are measured once with the renderer and
    the margins set to what they need. A panel title too wide for its panel is set smaller, and
    failing that drops its formula; a figure title too wide is wrapped onto more lines. The
    texts are measured again only when moving the panels changed their ticks or titles (which
    is what measuring costs: matplotlib lays out every tick label).
    """
    renderer = _renderer(fig)
    width, height = fig.get_size_inches()
    dpi = fig.dpi
    _fit_figure_title(fig, renderer, width * dpi - 2 * EDGE * dpi)
    for _ in range(3):
        panel_px = axes[0].get_window_extent(renderer).width
        titles = [_fit_panel_title(ax, renderer, panel_px) for ax in axes]
        ticks = tick_positions(axes)
        needs = [_decorations(ax, renderer) for ax in axes]
        left = needs[0][0] + EDGE
        right = max(needs[-1][1], MIN_RIGHT) + EDGE
        gap = max((needs[k - 1][1] + needs[k][0] for k in range(1, len(axes))), default=0.0) + \
            GAP * float(getattr(fig, "actplot_scale", 1.0))  # a small figure's text is smaller, and so its gaps
        bottom = max(n[2] for n in needs) + EDGE + _legend_height(fig, renderer) + _below(fig)
        title_height = _extent_in(getattr(fig, "_suptitle", None), renderer, "height")
        top = max(n[3] for n in needs) + EDGE + title_height + (TITLE_GAP if title_height else 0.0)
        params = _subplot_params((width, height), len(axes), left, right, bottom, top, gap)
        spec = axes[0].get_subplotspec()
        grid = spec.get_gridspec() if spec is not None else None
        if not isinstance(grid, GridSpec):
            return
        current = grid.get_subplot_params(fig)
        if all(abs(getattr(current, key) - value) < 1e-3 for key, value in params.items()):
            break
        grid.update(**params)
        for ax in axes:
            subplot = ax.get_subplotspec()
            if subplot is not None:
                ax.set_position(subplot.get_position(fig))
        panel_px = axes[0].get_window_extent(renderer).width
        if tick_positions(axes) == ticks and [_fit_panel_title(ax, renderer, panel_px) for ax in axes] == titles:
            break  # the same texts as measured: they need the same room


def tick_positions(axes: Sequence[Axes]) -> list[tuple[float, ...]]:
    """Where the ticks of every axis are: the tick labels (and so their extents) follow from them."""
    return [tuple(axis.get_majorticklocs()) for ax in axes for axis in (ax.xaxis, ax.yaxis)]


def full_title(ax: Axes) -> str:
    """A panel's title as set, before it was fitted into the panel."""
    return _FULL_TITLES.get(ax.title, ax.get_title())


def _renderer(fig: Figure) -> Any:
    """A renderer to measure texts with: the canvas's own, or an Agg canvas attached to the figure."""
    get = getattr(fig.canvas, "get_renderer", None)
    if get is None:
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        get = FigureCanvasAgg(fig).get_renderer
    return get()


def _extent_in(text: Any, renderer: Any, what: str) -> float:
    """A text's width or height in inches (0 for none or an empty one)."""
    if text is None or not text.get_visible() or not text.get_text():
        return 0.0
    return float(getattr(text.get_window_extent(renderer), what)) / text.figure.dpi


def _decorations(ax: Axes, renderer: Any) -> tuple[float, float, float, float]:
    """Inches the texts of ``ax`` reach beyond its frame: left, right, below and above."""
    frame = ax.get_window_extent(renderer)
    boxes = [box for box in (ax.yaxis.get_tightbbox(renderer), ax.xaxis.get_tightbbox(renderer)) if box is not None]
    offset = ax.yaxis.get_offset_text()
    if offset.get_visible() and offset.get_text():  # above the frame, left: the title goes above it
        reach = offset.get_window_extent(renderer).y1 - frame.y1
        ax.set_title(ax.get_title(), pad=reach * 72 / ax.figure.dpi + TITLE_PAD, y=1.0, va="bottom",
                     fontsize=ax.title.get_fontsize())
    # The title counts above the panel only: it is fitted into the panel's width (smaller, shorter
    # or on more lines: _fit_panel_title), so it must not push the panels apart.
    tall = [*boxes, ax.title.get_window_extent(renderer)] if ax.title.get_text() else boxes
    dpi = ax.figure.dpi
    return (max(0.0, frame.x0 - min(b.x0 for b in boxes)) / dpi, max(0.0, max(b.x1 for b in boxes) - frame.x1) / dpi,
            max(0.0, frame.y0 - min(b.y0 for b in tall)) / dpi, max(0.0, max(b.y1 for b in tall) - frame.y1) / dpi)


def _figure_legend(fig: Figure, handles: list[Any], labels: list[str], columns: int | None = None) -> Any:
    """One legend for all panels, below them (for more curves than a panel's legend holds)."""
    return fig.legend(handles, labels, loc="lower center", fontsize="small", frameon=False,
                      ncols=columns or len(labels), bbox_to_anchor=(0.5, (EDGE + _below(fig)) / fig.get_figheight()))


def _below(fig: Figure) -> float:
    """Inches kept free below the panels and their legend (an explorer's controls go there)."""
    return float(getattr(fig, "actplot_below", 0.0))


def _legend_height(fig: Figure, renderer: Any) -> float:
    """Inches the figure's own legend takes below the panels, with a gap; its columns are as
    many as fit the figure's width."""
    if not fig.legends:
        return 0.0
    legend = fig.legends[0]
    available = fig.get_figwidth() * fig.dpi - 2 * EDGE * fig.dpi
    handles, labels = legend.legend_handles, [text.get_text() for text in legend.get_texts()]
    columns = len(labels)
    while columns > 1 and legend.get_window_extent(renderer).width > available:
        columns -= 1
        legend.remove()
        legend = _figure_legend(fig, handles, labels, columns)
    balanced = math.ceil(len(labels) / math.ceil(len(labels) / columns))  # rows as even as they can be
    if balanced != columns:
        legend.remove()
        legend = _figure_legend(fig, handles, labels, balanced)
    return float(legend.get_window_extent(renderer).height) / fig.dpi + GAP / 2


def _fit_panel_title(ax: Axes, renderer: Any, panel_px: float) -> tuple[str, float]:
    """Fit the panel's title into its width (smaller, then without its formula); return its text
    and size."""
    title = ax.title
    if not title.get_text():
        return "", 0.0
    full = _FULL_TITLES.setdefault(title, title.get_text())
    for text in (full, *_SHORT_TITLES.get(title, ())):  # the formula, then without it, then on more lines
        if text is None:
            continue
        title.set_text(text)
        for size in TITLE_SIZES:
            title.set_fontsize(size)
            if title.get_window_extent(renderer).width <= panel_px:
                return text, float(title.get_fontsize())
    return title.get_text(), float(title.get_fontsize())


def _fit_figure_title(fig: Figure, renderer: Any, available_px: float) -> None:
    import textwrap

    title = getattr(fig, "_suptitle", None)
    if title is None or not title.get_text():
        return
    text = " ".join(title.get_text().split())
    width = title.get_window_extent(renderer).width
    if width <= available_px:
        return
    characters = max(8, int(len(text) * available_px / width * 0.95))
    lines = textwrap.wrap(text, characters, break_long_words=True, break_on_hyphens=False)
    if len(lines) > MAX_TITLE_LINES:
        lines = [*lines[: MAX_TITLE_LINES - 1], textwrap.shorten(" ".join(lines[MAX_TITLE_LINES - 1:]), characters,
                                                                 placeholder=" ...")]
    title.set_text("\n".join(lines))
    while title.get_window_extent(renderer).width > available_px and title.get_fontsize() > 6:
        title.set_fontsize(title.get_fontsize() * 0.9)


def panel_legend(ax: Axes, curves: Sequence[Curve]) -> None:
    """A legend in the panel for several curves, or for a curve with a band, in its emptiest corner."""
    if wants_legend(curves) and ax.get_legend_handles_labels()[0]:
        legend = ax.legend(fontsize="small", loc="upper left", framealpha=1.0)
        figure = ax.get_figure(root=True)
        assert isinstance(figure, Figure)
        legends.free_corner(ax, legend, _renderer(figure), least=True)




