"""Explore: move a parameter and watch the curve and its derivatives change.

An :class:`Explorer` draws the usual panels and puts a control per parameter under them: a
slider for a number, radio buttons for a choice (GELU's ``approximate``) and a reset button.
Moving a control draws every panel again from the exact formulas and updates the titles. The
same object serves a window (matplotlib's widgets), a notebook (ipywidgets, from the optional
extra ``actplot[notebook]``) and tests, which drive it with :meth:`Explorer.set` or through
its ``controls``.

Every actplot window, exploring or not, samples again what is in view when the user zooms or
pans (:class:`~actplot.draw.resample.Resampler`), so the curve stays exact however far one zooms: breakpoints are
still sampled exactly and jumps still drawn as jumps. In a window, ``s`` saves the current view
as a PNG in the working directory, and :meth:`Explorer.command_line` gives the ``actplot``
command that draws the view again.

How a slider is scaled follows from the parameter's domain and default (:func:`slider_span`):
a positive parameter (CELU's alpha, softplus's beta) slides on a log scale from a hundredth to a
hundred times its value (within its domain); any other bounded interval is the slider's span; a non-negative one from 0
to twice its value (at least to 1); any other number from 0 to 1 when its default lies between
(a slope), from 0 to twice its default above 1, and within one (or its size) of its default
otherwise. The span always holds the value the explorer starts with, and never reaches outside the
domain. Values set with a slider are rounded to 4 significant digits, and stay on the slider;
:meth:`Explorer.set` refuses a value off its slider (a :class:`~actplot.core.errors.ParameterError`
naming the span), so the slider always shows the value drawn. List parameters (softmax's
``others``) and parameters at an infinite value (Keras's ``max_value`` when it means "no cap") have
no control and keep the values given.

:meth:`Explorer.command_line` is a command the command line accepts and that draws the view again:
every number at full precision (a deep zoom's range reads back as the same floats), and a view
beyond what the command line draws (wider than +-1e6, or narrower than the narrowest range)
as the nearest range it draws.
"""

from __future__ import annotations

import math
import shlex
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from actplot.core.curves import Curve, exact_value, format_value, spec_text
from actplot.core.errors import ParameterError, SettingsError, UserError, number_text
from actplot.core.schema import Choice, Interval, Param
from actplot.core.settings import DEFAULT_POINTS, MAX_ABS_X, PlotSettings

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: Inches a slider row, a reset row and each radio option take under the panels.
SLIDER_ROW, RESET_ROW, OPTION_ROW = 0.3, 0.4, 0.22
#: Inches left of the sliders (their labels) and right of them (their values).
LABEL_WIDTH, VALUE_WIDTH = 1.6, 0.9
#: A log slider spans this factor either side of the parameter's values.
LOG_FACTOR = 100.0
#: Significant digits a slider's value is rounded to.
DIGITS = 4


class MissingExtra(UserError, ImportError):
    """An optional dependency that a feature needs is not installed."""


@dataclass(frozen=True)
class Knob:
    """One parameter of one curve under control: its control's name and the slider's span."""

    key: str  # the control's name: the parameter's name, or "curve-label.name" when two curves share it
    curve: int  # which curve
    param: Param
    low: float = 0.0  # the slider's span, in the parameter's units (unused for a choice)
    high: float = 1.0
    log: bool = False

    @property
    def choice(self) -> bool:
        return isinstance(self.param.domain, Choice)

    def position(self, value: float) -> float:
        """Where ``value`` sits on the slider (its log10 on a log scale)."""
        return math.log10(value) if self.log else value

    def value_at(self, position: float) -> float:
        """The parameter value at a slider position, rounded to :data:`DIGITS` digits and kept
        inside the domain; a position on the slider gives a value on it (a position off it, set
        by a program, is for :meth:`Explorer.set` to refuse)."""
        on_slider = self.position(self.low) <= position <= self.position(self.high)
        value = 10.0**position if self.log else position
        if on_slider:  # 10 ** log10(high) may be a rounding above high
            value = min(max(value, self.low), self.high)
        rounded = float(f"{value:.{DIGITS}g}")
        domain = self.param.domain
        inside = isinstance(domain, Interval) and domain.contains(rounded) \
            and (self.low <= rounded <= self.high or not on_slider)
        return rounded if inside else value

    def holds(self, value: float) -> bool:
        """Whether the number ``value`` is on the slider."""
        return self.low <= value <= self.high


def slider_span(param: Param, value: float) -> tuple[float, float, bool]:
    """The slider's (low, high, log scale) for a number parameter now at ``value``: see the
    module's docstring. The span always holds the default and ``value``, and stays inside the
    domain (an open end nudged in by a thousandth of the span)."""
    domain = param.domain
    assert isinstance(domain, Interval)
    base = float(param.default) if isinstance(param.default, int | float) else value
    if not math.isfinite(base):  # such as Keras's max_value = inf, "no cap": the value's own span
        base = value
    small, large = min(base, value), max(base, value)
    positive = domain.low > 0 or (domain.low == 0 and domain.low_open)
    if math.isfinite(domain.low) and math.isfinite(domain.high) and not positive \
            and domain.high - domain.low <= 1e3 * max(1.0, abs(base)):
        low, high, log = domain.low, domain.high, False
    elif positive:  # a log scale
        low, high, log = max(small / LOG_FACTOR, domain.low), min(large * LOG_FACTOR, domain.high), True
    elif domain.low == 0:  # non-negative
        low, high, log = 0.0, min(max(1.0, 2 * large), domain.high), False
    else:
        if 0 < base < 1:  # a slope or a fraction
            low, high = 0.0, 1.0
        elif base >= 1:
            low, high = 0.0, 2 * base
        else:
            low, high = base - max(1.0, abs(base)), base + max(1.0, abs(base))
        low, high, log = max(min(low, small), domain.low), min(max(high, large), domain.high), False
    inset = (high / low) ** 1e-3 if log else (high - low) * 1e-3
    if domain.low_open and low <= domain.low:
        low = min(low * inset if log else low + inset, small)
    if domain.high_open and high >= domain.high:
        high = max(high / inset if log else high - inset, large)
    return low, high, log


def knobs_for(curves: Sequence[Curve]) -> list[Knob]:
    """A knob per number or choice parameter of every curve, named by the parameter; where two
    curves have a parameter of that name, by ``entry.parameter`` (``elu.alpha``, and ``elu#2.alpha``
    for a second elu)."""
    names = [p.name for curve in curves for p in curve.entry.parameters]
    entries = [curve.entry.name for curve in curves]
    knobs = []
    for index, curve in enumerate(curves):
        owner = curve.entry.name
        if entries.count(owner) > 1:
            owner += f"#{entries[:index + 1].count(owner)}"
        for param in curve.entry.parameters:
            key = param.name if names.count(param.name) == 1 else f"{owner}.{param.name}"
            if isinstance(param.domain, Choice):
                knobs.append(Knob(key, index, param))
            elif isinstance(param.domain, Interval):
                value = curve.params[param.name]
                if isinstance(value, float) and math.isfinite(value):
                    knobs.append(Knob(key, index, param, *slider_span(param, value)))
    return knobs





class Explorer:
    """Panels of curves with a control per parameter; see the module's docstring.

    Attributes:
        figure: the matplotlib figure (panels, and below them the controls in a window).
        controls: parameter name -> its control: a matplotlib ``Slider`` (whose value is the
            parameter, or its log10 where ``scales[name]`` is ``"log"``) or ``RadioButtons``;
            in a notebook, the ipywidgets controls.
        scales: parameter name -> ``"linear"``, ``"log"`` or ``"choice"``.
    """

    def __init__(self, curves: Sequence[Curve], settings: PlotSettings, figure: Figure | None = None,
                 widgets: str = "matplotlib") -> None:
        from actplot.draw.figure import ActplotFigure, draw
        from actplot.draw.resample import Resampler
        from actplot.draw.style import styled

        if not curves:
            raise SettingsError("nothing to explore")
        self.settings = settings
        self.initial = [dict(curve.params) for curve in curves]
        self.curves = list(curves)
        self.knobs = knobs_for(curves)
        self.scales = {k.key: "choice" if k.choice else "log" if k.log else "linear" for k in self.knobs}
        self.kind = widgets
        below = self._controls_height() if widgets == "matplotlib" else 0.0
        width, height = settings.figure_size
        with styled(settings.style):
            if figure is None:
                figure = ActplotFigure(figsize=(width, height + below), dpi=settings.dpi, style=settings.style)
            else:
                figure.set_size_inches(width, height + below)
            self.figure = figure
            axes = draw(figure, self.curves, settings, below=below)
        self.view = Resampler(figure, axes, self.curves, settings)
        self.controls: dict[str, Any] = {}
        self._syncing = False
        self._live = False  # a notebook canvas that redraws itself (ipympl)
        self.status: Any = None
        self.reset_button: Any = None
        if widgets == "matplotlib":
            self._matplotlib_controls(below)
        else:
            self._ipywidgets_controls()

    # --- state -------------------------------------------------------------------------------

    @property
    def params(self) -> dict[str, Any]:
        """The current value of every controlled parameter, by control name."""
        return {k.key: self.curves[k.curve].params[k.param.name] for k in self.knobs}

    def set(self, **values: Any) -> None:
        """Set parameters by control name (or a parameter's alias, for one curve), validated as
        the command line validates them, then draw again and move the controls to match.

        Raises:
            ParameterError: an unknown name, a value outside the parameter's domain, or a number
                off its slider (the slider shows every value drawn; explore again from that value
                for a slider around it). Nothing changes then.
        """
        knobs = {k.key: k for k in self.knobs}
        changed: dict[int, dict[str, Any]] = {}
        moved: list[tuple[str, Knob]] = []
        for name, value in values.items():
            knob = knobs.get(name) or self._by_alias(name)
            curve = self.curves[knob.curve]
            changed.setdefault(knob.curve, dict(curve.params))[knob.param.name] = value
            moved.append((name, knob))
        resolved = {index: self.curves[index].entry.resolve(**params) for index, params in changed.items()}
        for name, knob in moved:
            value = resolved[knob.curve][knob.param.name]
            if isinstance(value, float) and not knob.holds(value):
                raise ParameterError(
                    f"{name}={number_text(value)} is off its slider, which goes from {number_text(knob.low)} to "
                    f"{number_text(knob.high)}; explore from {name}={number_text(value)} for a slider around it")
        for index, params in resolved.items():
            entry = self.curves[index].entry
            self.curves[index] = Curve(entry, params, self._label(index, params))
        self.view.curves = self.curves
        self.view.redraw(rescale=True)
        self._sync_controls()
        if self.kind == "ipywidgets" and not self._live:
            self.image.value = self.png()

    def reset(self) -> None:
        """Every parameter back to the value it started with."""
        self.set(**{k.key: self.initial[k.curve][k.param.name] for k in self.knobs})

    def _by_alias(self, name: str) -> Knob:
        for knob in self.knobs:
            if name in knob.param.aliases or name == knob.param.name:
                return knob
        raise ParameterError(f"{name} is not a parameter to explore here; the controls are "
                             f"{', '.join(k.key for k in self.knobs) or 'none'}")

    def _label(self, index: int, params: Mapping[str, Any]) -> str:
        entry = self.curves[index].entry
        if len(self.curves) == 1 or not params:
            return entry.display_name
        return f"{entry.display_name} ({', '.join(f'{k}={format_value(v)}' for k, v in params.items())})"

    # --- the command line and the saved view ---------------------------------------------------

    def command_line(self) -> str:
        """The ``actplot`` command that draws the current view again (parameters and range): a
        command the command line accepts, with every number at full precision."""
        low, high = drawable_range(*self.view.x_range)
        parts = ["actplot"]
        if len(self.curves) == 1 and ":" not in self.curves[0].entry.reference:
            curve = self.curves[0]
            parts.append(curve.entry.reference)
            for name, value in curve.params.items():
                parts += [f"--{name.replace('_', '-')}", exact_value(value)]
        else:
            parts.append("compare")
            parts += [shlex.quote(spec_text(curve)) for curve in self.curves]
        parts += ["--range", number_text(low), number_text(high)]
        defaults = PlotSettings()
        if self.settings.size is not None:
            parts += ["--size", *(number_text(side) for side in self.settings.size)]
        if self.settings.order != defaults.order:
            parts += ["--order", str(self.settings.order)]
        if self.settings.points != DEFAULT_POINTS:
            parts += ["--points", str(self.settings.points)]
        if self.settings.style != defaults.style:
            parts += ["--style", shlex.quote(self.settings.style)]
        if self.settings.title is not None:
            parts += ["--title", shlex.quote(self.settings.title)]
        chosen = len(self.view.axes) if self.view.y_chosen else len(self.settings.ylim)
        for ax in self.view.axes[:chosen]:  # y limits zoomed or given: each panel's as shown, in order
            parts += ["--ylim", *(number_text(float(v)) for v in ax.get_ylim())]
        return " ".join(parts)

    def save_view(self, directory: str | Path = ".") -> Path:
        """Write the current view as a PNG (see :meth:`actplot.draw.resample.Resampler.save_view`)."""
        self.view.curves = self.curves
        return self.view.save_view(directory)

    # --- matplotlib's controls -----------------------------------------------------------------

    def _controls_height(self) -> float:
        """Inches the controls take under the panels: a row per slider, a row per radio option."""
        return sum(self._row(knob) for knob in self.knobs) + RESET_ROW + 0.1

    @staticmethod
    def _row(knob: Knob) -> float:
        domain = knob.param.domain
        return OPTION_ROW * len(domain.options) + 0.08 if isinstance(domain, Choice) else SLIDER_ROW

    def _value(self, knob: Knob) -> Any:
        """The knob's parameter's current value."""
        return self.curves[knob.curve].params[knob.param.name]

    def _mover(self, knob: Knob, slider: bool = False) -> Callable[[Any], None]:
        """The callback of a knob's control: a slider gives a position, other controls the value."""
        def moved(value: Any) -> None:
            self._changed(knob, knob.value_at(value) if slider else value)
        return moved

    def _matplotlib_controls(self, below: float) -> None:
        from matplotlib.widgets import Button, RadioButtons, Slider

        fig = self.figure
        width, height = fig.get_size_inches()
        top = below - 0.05
        for knob in self.knobs:
            value = self._value(knob)
            row = self._row(knob)
            if isinstance(knob.param.domain, Choice):
                options = knob.param.domain.options
                ax = fig.add_axes((LABEL_WIDTH / width, (top - row) / height, 1.4 / width, row / height))
                ax.set_gid("control")
                ax.text(-0.05, 0.5, knob.key, transform=ax.transAxes, ha="right", va="center")
                radio = RadioButtons(ax, options, active=options.index(value))
                radio.drawon = False  # the panels' redraw repaints the figure, once
                radio.on_clicked(self._mover(knob))
                self.controls[knob.key] = radio
            else:
                ax = fig.add_axes((LABEL_WIDTH / width, (top - row + 0.08) / height,
                                   (width - LABEL_WIDTH - VALUE_WIDTH) / width, (row - 0.14) / height))
                ax.set_gid("control")
                slider = Slider(ax, knob.key, knob.position(knob.low), knob.position(knob.high),
                                valinit=knob.position(float(value)))
                slider.valtext.set_text(format_value(float(value)))
                slider.drawon = False  # the panels' redraw repaints the figure, once
                slider.on_changed(self._mover(knob, slider=True))
                self.controls[knob.key] = slider
            top -= row
        self.status = fig.text(0.1 / width, 0.21 / height, "", color="#b00020", fontsize="small", va="center",
                               gid="message")
        ax = fig.add_axes(((width - VALUE_WIDTH - 0.7) / width, 0.08 / height, 0.7 / width, 0.26 / height))
        ax.set_gid("control")
        self.reset_button = Button(ax, "Reset")
        self.reset_button.on_clicked(lambda _: self.reset())

    def _changed(self, knob: Knob, value: Any) -> None:
        """A control moved: draw again, or say why not (a value that breaks a constraint, such
        as hardtanh's min_val above max_val) and move the control back."""
        if self._syncing:
            return
        try:
            self.set(**{knob.key: value})
            self._say("")
        except UserError as error:
            self._say(str(error))
            self._sync_controls()

    def _say(self, message: str) -> None:
        """Show a message under the controls (in a notebook, beside them)."""
        if self.status is not None and self.status.get_text() != message:
            self.status.set_text(message)
            self.figure.canvas.draw_idle()
        if self.kind == "ipywidgets":
            self.message.value = message

    def _sync_controls(self) -> None:
        """Move every control to its parameter's current value (without drawing again)."""
        self._syncing = True
        try:
            for knob in self.knobs:
                value = self._value(knob)
                control = self.controls.get(knob.key)
                if control is None:
                    continue
                if self.kind != "matplotlib":
                    control.value = value
                elif isinstance(knob.param.domain, Choice):
                    index = knob.param.domain.options.index(value)
                    if control.index_selected != index:
                        control.set_active(index)
                else:
                    position = knob.position(float(value))
                    if control.val != position:
                        control.set_val(position)
                    control.valtext.set_text(format_value(float(value)))
        finally:
            self._syncing = False

    def show(self) -> Explorer:
        """Open a window exploring from the current values (through pyplot), wait until it is
        closed, and return the window's explorer (its last view: see :meth:`command_line`)."""
        return explore_window(self.curves, self.settings)

    # --- notebooks -------------------------------------------------------------------------------

    def _ipywidgets_controls(self) -> None:
        widgets = require_ipywidgets()
        for knob in self.knobs:
            value = self._value(knob)
            control: Any
            if isinstance(knob.param.domain, Choice):
                control = widgets.RadioButtons(options=list(knob.param.domain.options), value=value,
                                               description=knob.key)
            elif knob.log:
                control = widgets.FloatLogSlider(value=value, base=10, min=math.log10(knob.low),
                                                 max=math.log10(knob.high), step=0.01, description=knob.key)
            else:
                control = widgets.FloatSlider(value=value, min=knob.low, max=knob.high,
                                              step=(knob.high - knob.low) / 1000, description=knob.key)
            mover = self._mover(knob)
            control.observe(lambda change, mover=mover: mover(change["new"]), names="value")
            self.controls[knob.key] = control
        self.reset_button = widgets.Button(description="Reset")
        self.reset_button.on_click(lambda _: self.reset())
        self.message = widgets.Label(value="")
        self.image = widgets.Image(value=self.png(), format="png")

    def png(self) -> bytes:
        """The figure as PNG bytes."""
        import io

        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png", dpi=self.settings.dpi if self.settings.dpi <= 100 else 100)
        return buffer.getvalue()

    def widget(self) -> Any:
        """The notebook view: the picture and the controls under it. With the inline backend the
        picture is a PNG drawn again when a control moves; with ipympl (``%matplotlib widget``)
        it is the live canvas, which also samples again when zoomed."""
        import matplotlib

        widgets = require_ipywidgets()
        if self.kind == "matplotlib":
            raise SettingsError("this explorer has matplotlib controls; make it with actplot.explore() in a notebook")
        view = self.image
        if "ipympl" in matplotlib.get_backend() or matplotlib.get_backend() == "widget":
            from ipympl.backend_nbagg import new_figure_manager_given_figure

            view = new_figure_manager_given_figure(id(self.figure), self.figure).canvas
            self._live = True
        return widgets.VBox([view, *self.controls.values(), widgets.HBox([self.reset_button, self.message])])

    def _ipython_display_(self) -> None:
        from IPython.display import display

        if self.kind == "matplotlib":
            display(self.figure)
        else:
            display(self.widget())


def explore_window(curves: Sequence[Curve], settings: PlotSettings) -> Explorer:
    """Explore in a window; return the explorer once the window is closed."""
    from actplot.draw.style import styled
    from actplot.draw.window import run_window, window_pyplot

    plt = window_pyplot(settings)
    with styled(settings.style):
        figure = plt.figure(figsize=settings.figure_size)
    explorer = Explorer(curves, settings, figure=figure)
    run_window(figure, explorer.view.key)
    return explorer


def require_ipywidgets() -> Any:
    """ipywidgets, or a :class:`MissingExtra` saying how to install it."""
    try:
        import ipywidgets
    except ImportError:
        raise MissingExtra("exploring in a notebook needs ipywidgets: pip install 'actplot[notebook]'") from None
    return ipywidgets


def drawable_range(low: float, high: float) -> tuple[float, float]:
    """The range the command line draws for a view from ``low`` to ``high``: the view itself
    where it can, else the nearest range it accepts (within +-1e6, and around the view's middle
    at the narrowest width drawn there, for a view zoomed in further)."""
    low, high = (min(max(end, -MAX_ABS_X), MAX_ABS_X) for end in sorted((float(low), float(high))))
    middle = min(max(low / 2 + high / 2, -MAX_ABS_X), MAX_ABS_X)
    half = (high - low) / 2
    while True:
        try:
            PlotSettings(x_range=(low, high))
            return low, high
        except SettingsError:
            half = max(2 * half, 1e-100)
            low, high = max(middle - half, -MAX_ABS_X), min(middle + half, MAX_ABS_X)
