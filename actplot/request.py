"""The command line's grammar, as a pure parser: argv in, a :class:`PlotRequest` out, nothing drawn.

Every plotting command (one per catalog entry, ``compare``, ``diff``, ``expr``, ``custom``) is a
click command built here with Typer, whose callback returns the request it describes instead of
drawing it. The command line (:mod:`actplot.cli`) carries the request out; the Sphinx directive
(:mod:`actplot.sphinxext`) reads its option lines with :func:`parse`, so every option, alias and
spec that works in the shell works there, spelled the same way, with no global hook.
"""

from __future__ import annotations

import enum
import functools
import inspect
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer

from actplot.catalog import get
from actplot.core.curves import Curve, assignments, format_value
from actplot.core.errors import ParameterError, SettingsError, UserError
from actplot.core.formula import plain
from actplot.core.schema import Activation, Choice, Param, Vector
from actplot.core.settings import DEFAULT_POINTS, MAX_POINTS, PlotSettings
from actplot.draw.window import window_possible
from actplot.specs import curves_for, drawn_curves

#: Options that take two numbers each time they are given (Typer has no list of pairs).
PAIR_OPTIONS = frozenset({"ylim"})


def pair_options(command: Any) -> Any:
    """The command with each of :data:`PAIR_OPTIONS` reading two values a use (``--ylim -1 1``),
    repeatable: declared to Typer as a list of text, then made to take two at a time; the numbers
    are read by :func:`number_pairs`."""
    for param in getattr(command, "params", ()):
        if param.name in PAIR_OPTIONS:
            param.nargs = 2
    return command


def number_pairs(pairs: Sequence[Sequence[str]] | None, option: str) -> tuple[tuple[float, float], ...]:
    """Pairs of numbers read from the option's text; a word that is not a number is a usage error."""
    read = []
    for pair in pairs or ():
        try:
            low, high = (float(text) for text in pair)
        except ValueError:
            raise SettingsError(f"{option} takes two numbers, got '{' '.join(pair)}'") from None
        read.append((low, high))
    return tuple(read)


#: Settings shared by the application and the per-entry command builders.
TYPER_SETTINGS: dict[str, Any] = {
    "pretty_exceptions_enable": False,
    "rich_markup_mode": None,
    "context_settings": {"help_option_names": ["-h", "--help"]},
}


class ColorWhen(enum.StrEnum):
    """What ``--color`` takes (the precedence: :func:`actplot.draw.terminal.wants_color`)."""

    auto = "auto"
    always = "always"
    never = "never"


#: The options every plotting command shares, as signature parameters (name, annotation, default).
COMMON_OPTIONS: tuple[tuple[str, Any, Any], ...] = (
    ("x_range", Annotated[tuple[float, float] | None, typer.Option(
        "--range", metavar="A B", show_default=False,
        help="The x range. Default: the activation's own window (-5 5 for most).")], None),
    ("points", Annotated[int, typer.Option(
        "--points", "-n", parser=lambda text: whole_number(text, "--points"), metavar="N",
        help=f"Uniform samples (2001, 1e5...); breakpoints are always added exactly. At most {MAX_POINTS:,}.")],
        DEFAULT_POINTS),
    ("output", Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="FILE", show_default=False,
        help="Write to FILE (.png .svg .pdf ..., or .csv .json for the data) instead of opening a window.")], None),
    ("order", Annotated[int, typer.Option(
        "--order", help="0: the function only; 1: f and f'; 2: f, f' and f''.")], 1),
    ("dtype", Annotated[str | None, typer.Option(
        "--dtype", metavar="TYPE", show_default=False,
        help="float32, float16 or bfloat16: draw each curve also as computed in that format, and a panel of "
             "its error in ulps (where it rounds to 0, is subnormal, overflows; kinks that are not values of "
             "the format). With diff: A - B in ulps of the format.")], None),
    ("dpi", Annotated[float, typer.Option("--dpi", help="Resolution of raster pictures.")], 150.0),
    ("size", Annotated[tuple[float, float] | None, typer.Option(
        "--size", metavar="W H", show_default=False,
        help="Figure size in inches. Default: 4.6 x 3.9 a panel.")], None),
    ("style", Annotated[str, typer.Option("--style", help="A matplotlib style name or .mplstyle file.")], "default"),
    ("title", Annotated[str | None, typer.Option(
        "--title", show_default=False, help="Figure title. Default: the name and parameter values.")], None),
    ("ylim", Annotated[list[str] | None, typer.Option(  # two numbers a use: see pair_options
        "--ylim", metavar="LO HI", show_default=False,
        help="The y limits of the f(x) panel; repeat for f'(x), then f''(x). Default: fitted to the curves "
             "(a pole's neighbourhood or a few huge values leave the panel).")], None),
    ("legend", Annotated[str, typer.Option(
        "--legend", metavar="WHERE",
        help="auto: in each panel where it covers no curve, else below the panels; outside: below the "
             "panels; inside: each panel's emptiest corner; none.")], "auto"),
    ("terminal", Annotated[bool, typer.Option(
        "--terminal", "-t", help="Draw in the terminal (as it happens anyway where no window can open); "
        "--terminal=image shows the picture itself on terminals that can (kitty, iTerm2, WezTerm), "
        "--terminal=text draws with characters.")], False),
    ("terminal_kind", Annotated[str | None, typer.Option("--terminal-kind", hidden=True)], None),
    ("color", Annotated[ColorWhen, typer.Option(
        "--color", case_sensitive=False,
        help="Colour in the terminal: auto (on a terminal, not with NO_COLOR set or TERM=dumb; FORCE_COLOR or "
        "CLICOLOR_FORCE set, and not 0, turn it on even into a pipe), always, or never (over every variable).")],
        ColorWhen.auto),
    ("window", Annotated[bool, typer.Option(
        "--window", help="Open a window, and fail where none can open (instead of drawing in the terminal).")],
        False),
    ("explore", Annotated[bool, typer.Option(
        "--explore", help="Open a window with a slider (or buttons) per parameter under the panels; on closing, "
        "print the command that draws the last view again.")], False),
)


def whole_number(text: str | int, option: str) -> int:
    """A count written as ``2001``, ``1e7`` or ``10_000``; a bad one is a usage error naming the option."""
    if isinstance(text, int):
        return text
    try:
        value = float(text.replace("_", ""))
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value != int(value):
        raise typer.BadParameter(f"a whole number (2001, 1e5) was expected, got '{text}'")
    return int(value)


def _parameters(options: Sequence[tuple[str, Any, Any]]) -> list[inspect.Parameter]:
    return [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation)
            for name, annotation, default in options]




@dataclass(frozen=True)
class PlotRequest:
    """What a plotting command line asks for: the curves, the validated settings, and where they
    go: a file (``settings.output``), the terminal (``terminal``, of ``terminal_kind`` if given),
    a window (``window``: and fail where none can open), an explorer window (``explore``), or,
    with none of these, a window where one can open and else the terminal."""

    curves: list[Curve]
    settings: PlotSettings
    terminal: bool = False
    terminal_kind: str | None = None
    window: bool = False
    explore: bool = False
    color: str = "auto"


def request_for(curves: Sequence[Curve], terminal: bool = False, terminal_kind: str | None = None,
                window: bool = False, explore: bool = False, color: ColorWhen | str = ColorWhen.auto,
                **options: Any) -> PlotRequest:
    """The request of a plotting command's parsed options, its settings validated and the
    destinations checked against each other; nothing is drawn."""
    from actplot.draw.terminal_image import KINDS

    options["ylim"] = number_pairs(options.get("ylim"), "--ylim")
    options["legend"] = options.get("legend", "auto").lower()
    settings = PlotSettings(**options)
    if explore:
        _check_explore(curves, settings, terminal or terminal_kind is not None)
    terminal = terminal or terminal_kind is not None
    if terminal_kind is not None and terminal_kind not in KINDS:
        raise SettingsError(f"--terminal={terminal_kind}: the kinds are {', '.join(KINDS)}")
    if settings.output is not None and (terminal or window):
        raise SettingsError("-o writes a file, --terminal and --window draw on the screen: give one of them")
    if terminal and window:
        raise SettingsError("--terminal and --window go to different screens: give one of them")
    return PlotRequest(list(curves), settings, terminal, terminal_kind, window, explore, ColorWhen(color).value)


def _check_explore(curves: Sequence[Curve], settings: PlotSettings, terminal: bool) -> None:
    """--explore's own mistakes: another destination, a sweep, a difference, no window."""
    if settings.output is not None or terminal:
        raise SettingsError("--explore opens a window; -o and --terminal go elsewhere: give one of them")
    if len(curves) > 1 and len({curve.entry.reference for curve in curves}) == 1:
        raise SettingsError(f"--explore moves one value per parameter; this draws {len(curves)} curves of "
                            f"{curves[0].entry.display_name} (give each parameter once)")
    if any(curve.entry.source == "difference" for curve in curves):
        raise SettingsError("--explore draws activations, not differences: explore A and B with compare")
    if settings.dtype is not None:
        raise SettingsError("--explore moves parameters of the exact curves; --dtype is drawn by a picture "
                            "(-o FILE), a window (--window) or the terminal: give one of them")
    if not window_possible():
        raise SettingsError("--explore needs a window, and none can open here (no display); "
                            "-o FILE writes a picture")


def _option_names(param: Param) -> list[str]:
    """``--negative-slope`` and its aliases (one-letter aliases are left to the Python API)."""
    names = [param.name] + [alias for alias in param.aliases if len(alias) > 1]
    return ["--" + name.replace("_", "-") for name in names]


def _param_options(entry: Activation, param: Param) -> list[tuple[str, Any, Any]]:
    """The parameter's option, and one hidden option per alias (``--alpha`` for leaky-relu's
    ``--negative-slope``), so that the command can tell two names of one parameter apart and
    refuse them together, as Python refuses ``negative_slope=0.1, alpha=0.2``."""
    main = _param_option(entry, param)
    names = _option_names(param)
    if len(names) == 1:
        return [main]
    name, annotation, default = main
    kind = annotation.__metadata__[0]
    options = [(name, Annotated[annotation.__origin__, typer.Option(
        names[0], help=kind.help + f" Also {', '.join(names[1:])}.", metavar="VALUE", show_default=False,
        case_sensitive=False)], default)]
    for alias in names[1:]:
        options.append((f"{name}__{_alias_key(alias)}", Annotated[annotation.__origin__, typer.Option(
            alias, hidden=True, case_sensitive=False)], None))
    return options


def _alias_key(option: str) -> str:
    return option.lstrip("-").replace("-", "_")


def _param_option(entry: Activation, param: Param) -> tuple[str, Any, Any]:
    domain = param.domain
    kind: Any
    if isinstance(domain, Choice):
        make_enum: Any = enum.Enum  # a functional Enum, made per entry
        kind = make_enum(f"{entry.snake_name}_{param.name}", [(o, o) for o in domain.options], type=str)
    elif isinstance(domain, Vector):
        kind = str
    else:
        kind = float
    text = (f"{param.help[:1].upper()}{param.help[1:]}; {domain}. "
            f"Default: {format_value(param.default)}. Repeat to sweep.")
    option = typer.Option(*_option_names(param), help=text, metavar="VALUE", show_default=False,
                          case_sensitive=False)
    return param.name, Annotated[list[kind] | None, option], None


def _entry_help(entry: Activation) -> str:
    lines = [entry.summary, "", f"f(x) = {plain(entry.formula_at(0))}", "",
             f"f'(x) = {plain(entry.formula_at(1))}"]
    if entry.torch:
        lines += ["", f"PyTorch: torch.nn.{entry.torch}"]
    return "\n".join(lines)


def _option_value(param: Param, value: Any) -> Any:
    """A list parameter's option (``--others 1,2``) read as its list; others as given."""
    return param.coerce(value) if isinstance(param.domain, Vector) else value


def _entry_command(entry: Activation) -> Callable[..., PlotRequest]:
    def command(**options: Any) -> PlotRequest:
        values = {p.name: _given(p, options) for p in entry.parameters}
        return request_for(curves_for(entry, **{name: items for name, items in values.items() if items}), **options)

    command.__name__ = entry.snake_name
    command.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        _parameters([*(option for p in entry.parameters for option in _param_options(entry, p)),
                     *COMMON_OPTIONS]))
    return command


def _given(param: Param, options: dict[str, Any]) -> list[Any]:
    """The values given for ``param``, taken out of ``options``. Values under two of its names
    (``--alpha 0.1 --negative-slope 0.2``) are a :class:`ParameterError`."""
    names = _option_names(param)
    by_name = {names[0]: options.pop(param.name) or []}
    for alias in names[1:]:
        by_name[alias] = options.pop(f"{param.name}__{_alias_key(alias)}") or []
    used = [name for name, values in by_name.items() if values]
    if len(used) > 1:
        raise ParameterError(f"{' and '.join(used)} name the same parameter, {param.name}; give it under one "
                             "name (repeat that option to sweep)")
    return [_option_value(param, getattr(v, "value", v)) for v in by_name[used[0]]] if used else []


def compare(specs: list[str], **options: Any) -> PlotRequest:
    """Overlay several activations in the same panels.

    Each SPEC is a name, optionally with parameters: leaky-relu:negative_slope=0.2 or
    softmax:others=1,2 (a piece without '=' continues the previous value).
    """
    return request_for(curves_for(*specs), **options)


def diff(a: str, b: str, **options: Any) -> PlotRequest:
    """Draw the difference A - B of two activations in every panel (f, f', f'').

    A and B are specs as compare takes them: actplot diff gelu:approximate=tanh gelu. Each
    panel's title gives the largest |A - B| on the range and where it is.
    """
    return request_for(drawn_curves([a, b], {}, diff=True), **options)


PARAM_OPTION = ("param", Annotated[list[str] | None, typer.Option(
    "--param", "-p", metavar="NAME=VALUE", show_default=False,
    help="A parameter's value; repeat a name to sweep it.")], None)


def _reference_command(kind: str, what: str, doc: str) -> Callable[..., PlotRequest]:
    def command(target: str, **options: Any) -> PlotRequest:
        if not target.strip():
            raise ParameterError("the expression is empty" if kind == "expr"
                                 else "no function given: write MODULE:FUNCTION")
        return request_for(curves_for(f"{kind}:{target}", **assignments(options.pop("param") or [])), **options)

    command.__name__ = kind
    command.__doc__ = doc
    command.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [inspect.Parameter("target", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Annotated[
            str, typer.Argument(metavar=what, show_default=False)]),
         *_parameters([PARAM_OPTION, *COMMON_OPTIONS])])
    return command


compare.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
    [inspect.Parameter("specs", inspect.Parameter.POSITIONAL_OR_KEYWORD,
                       annotation=Annotated[list[str], typer.Argument(metavar="SPEC...", show_default=False)]),
     *_parameters(COMMON_OPTIONS)])


diff.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
    [inspect.Parameter(name, inspect.Parameter.POSITIONAL_OR_KEYWORD,
                       annotation=Annotated[str, typer.Argument(metavar=name.upper(), show_default=False)])
     for name in ("a", "b")] + _parameters(COMMON_OPTIONS))


EXPR = (_reference_command("expr", "EXPRESSION", """Plot an expression and its exact derivatives.

    x, numbers, + - * / ** (or ^), parentheses; exp log log1p expm1 sqrt abs sign sin cos tanh
    erf sigmoid softplus, where(x > 0, a, b), max(a, b), min(a, b), pi, e; every catalog
    activation by name (gelu(x), leaky_relu(x, negative_slope=0.2)); any other name is a
    parameter: --param NAME=VALUE. Example: actplot expr "x * sigmoid(beta * x)" -p beta=1.5
    """))
CUSTOM = (_reference_command("custom", "MODULE:FUNCTION", """Plot a Python function and its derivatives.

    The function takes a numpy array (and --param values by keyword) and returns one of the same
    shape. Derivatives come from its derivative(x, order) method if it has one, else they are
    numerical (complex step, or central differences) and the plot says so.
    Example: actplot custom mypkg.acts:snake --range -4 4
    """))


#: The plotting commands that are not catalog entries, in the order ``--help`` lists them.
COMMANDS: dict[str, Callable[..., PlotRequest]] = {"compare": compare, "diff": diff, "expr": EXPR, "custom": CUSTOM}
#: The command line's other commands: they print, they do not plot.
OTHER_COMMANDS = ("gallery", "site", "list", "info")


def plotting_command(name: str) -> Any:
    """The click command a plotting command line starts with (``compare``, ``diff``, ``expr``,
    ``custom``, or an entry's name or alias); ``None`` for one of :data:`OTHER_COMMANDS`, and
    :class:`~actplot.core.errors.UnknownActivation` for a word that is neither."""
    if name in OTHER_COMMANDS:
        return None
    return pair_options(_fixed_command(name) if name in COMMANDS else entry_command(get(name).name))


@functools.cache
def _fixed_command(name: str) -> Any:
    single_app = typer.Typer(**TYPER_SETTINGS)
    single_app.command(name)(COMMANDS[name])
    return typer.main.get_command(single_app)


@functools.cache
def entry_command(name: str) -> Any:
    """The click command of the catalog entry called ``name`` (canonical), built once."""
    entry = get(name)
    single_app = typer.Typer(**TYPER_SETTINGS)
    single_app.command(entry.name, help=_entry_help(entry), short_help=entry.summary)(_entry_command(entry))
    return typer.main.get_command(single_app)


#: Options that print something instead of plotting.
NOT_PLOTTING = frozenset({"--help", "-h", "--version", "--install-completion", "--show-completion"})


class CommandLineError(UserError, ValueError):
    """A command line that :func:`parse` cannot turn into a plot; the message is the command's own."""


def parse(argv: Sequence[str]) -> PlotRequest:
    """What a plotting command line (without the word ``actplot``) asks for, drawing nothing.

    The command line's own commands read it, so every option, alias and spec that works in the
    shell works here. Raises :class:`CommandLineError` with the message the command would print
    (after ``actplot: error:``) for a mistake or for a command that does not plot.

    Example::

        >>> request = parse(["leaky-relu", "--alpha", "0.1", "--range", "-3", "3", "-o", "a.png"])
        >>> request.curves[0].params, request.settings.x_range, str(request.settings.output)
        ({'negative_slope': 0.1}, (-3.0, 3.0), 'a.png')
    """
    if not argv or argv[0].startswith("-") or any(a in NOT_PLOTTING for a in argv):
        raise CommandLineError(f"'{' '.join(argv)}' does not draw a plot")
    try:
        command = plotting_command(argv[0])
        if command is None:
            raise CommandLineError(f"'{' '.join(argv)}' does not draw a plot")
        request = command.main(args=spelled_out(list(argv[1:])), prog_name=f"actplot {argv[0]}",
                               standalone_mode=False)
    except CommandLineError:
        raise
    except UserError as error:
        raise CommandLineError(error.command_line()) from None
    except Exception as error:
        if is_click_error(error):
            raise CommandLineError(click_message(error)) from None
        raise
    if not isinstance(request, PlotRequest):
        raise CommandLineError(f"'{' '.join(argv)}' does not draw a plot")
    return request


def spelled_out(argv: list[str]) -> list[str]:
    """``--terminal=KIND`` as the options behind it (``--terminal --terminal-kind KIND``)."""
    out: list[str] = []
    for argument in argv:
        if argument.startswith("--terminal="):
            out += ["--terminal", "--terminal-kind", argument.partition("=")[2]]
        else:
            out.append(argument)
    return out


def is_click_error(error: Exception) -> bool:
    return hasattr(error, "format_message") and hasattr(error, "exit_code")


def click_message(error: Any) -> str:
    """A usage error's message on one line, pointing to the command's help."""
    message = " ".join(error.format_message().split())
    ctx = getattr(error, "ctx", None)
    if ctx is not None and error.exit_code == 2:
        message += f" (see '{ctx.command_path} --help')"
    return message
