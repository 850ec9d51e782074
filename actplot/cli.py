"""The actplot command line: one subcommand per catalog entry, plus compare, list and info.

A front end over the facade: :mod:`actplot.request` parses a plotting command line into a
request and this module carries it out through :mod:`actplot.api` (matplotlib is imported only
when a picture is drawn, so ``--help``, ``list``, ``info`` and completion never load it).
Every user mistake ends as one line on stderr and exit status 2; a failure of actplot itself
as one line and exit status 1 (``ACTPLOT_DEBUG=1`` shows the traceback).
"""

from __future__ import annotations

import copy
import errno
import os
import sys
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Annotated, Any, TextIO

import typer
from typer.core import TyperGroup

from actplot import api, request
from actplot.api import __version__
from actplot.core import files
from actplot.core.errors import NoWindow, ParameterError, SettingsError, UnknownActivation, UserError
from actplot.core.files import reason
from actplot.core.settings import PlotSettings


class ActivationGroup(TyperGroup):
    """The plotting commands of :mod:`actplot.request` (``compare``, ``diff``, ``expr``, ``custom``
    and one per catalog entry, found by any alias) beside ``gallery``, ``site``, ``list`` and ``info``.

    Building the options of every entry's command costs more than drawing takes to start, so
    each is made the first time it is looked up; ``--help`` and completion list them all. A
    plotting command's callback returns its request; here it is carried out (:func:`perform`).
    """

    def list_commands(self, ctx: Any) -> list[str]:
        return [*request.COMMANDS, *super().list_commands(ctx), *api.registry()]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            return command
        try:
            plotting = request.plotting_command(cmd_name)
        except UnknownActivation:
            return None
        return performing(plotting) if plotting is not None else None

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """The commands with their one-line help, as click writes them, where an activation's line
        is its summary: building 104 commands only to ask each for that line would cost more
        than the rest of ``--help``."""
        rows = []
        for name in [*request.COMMANDS, *super().list_commands(ctx)]:
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command))
        entries = list(api.registry().values())
        width = max(len(name) for name in [*(name for name, _ in rows), *(entry.name for entry in entries)])
        limit = formatter.width - 6 - width
        lines = [(name, command.get_short_help_str(limit)) for name, command in rows]
        lines += [(entry.name, entry.summary) for entry in entries]
        with formatter.section("Commands"):
            formatter.write_dl(lines)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        if args and not args[0].startswith("-") and self.get_command(ctx, args[0]) is None:
            api.get(args[0])  # raises UnknownActivation, with close names suggested
        return super().resolve_command(ctx, args)


def performing(command: Any) -> Any:
    """A copy of a plotting command whose callback carries out the request it returns, with
    standard output kept for the data while ``-o -`` writes it (see :func:`_stdout_for_data`)."""
    parse = command.callback

    def carry_out(**options: Any) -> None:
        output = options.get("output")  # click's text: the command's own callback makes it a Path
        with _stdout_for_data(Path(output) if output is not None else None):
            perform(parse(**options))

    performed = copy.copy(command)
    performed.callback = carry_out
    return performed


def perform(plot: request.PlotRequest) -> None:
    """Write the picture or the data, or show the plot: in a window where one can open (or
    ``--window``), else in the terminal (or ``--terminal``), in colour as ``--color`` says; with
    ``--explore``, in a window with controls, printing the command of the last view."""
    curves, settings = plot.curves, plot.settings
    if settings.output is not None:
        api.write(curves, settings)
        return
    if plot.explore:
        typer.echo(api.explore_window(curves, settings).command_line())
        return
    if not plot.terminal and (plot.window or api.window_possible()):
        try:
            api.show_window(curves, settings)
            return
        except NoWindow:
            if plot.window:
                raise
    if not plot.terminal:
        typer.echo("actplot: no window can open here, so the plot is drawn in the terminal; "
                   "-o FILE writes a picture (.png, .svg, .pdf)", err=True)
    api.show_in_terminal(curves, settings, plot.terminal_kind, plot.color)


app = typer.Typer(
    cls=ActivationGroup,
    name="actplot",
    help="Plot neural-network activation functions and their derivatives, side by side.",
    epilog="Example: actplot leaky-relu --alpha 0.01 --range -10 10 -o leaky-relu.png",
    no_args_is_help=True,
    **request.TYPER_SETTINGS,
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"actplot {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[bool, typer.Option("--version", callback=_show_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    """Plot neural-network activation functions and their derivatives, side by side.

    Each activation is a command (actplot gelu, actplot leaky-relu --alpha 0.1 ...). Without -o
    the figure opens in a window; -o FILE writes .png, .svg, .pdf (any matplotlib format), or
    the sampled data as .csv or .json.
    """














class _Elsewhere:
    """``sys.stdout`` while a command writes its data to standard output: what is printed to it
    goes to ``text`` (stderr); ``isatty`` answers for the real standard output, where the data goes."""

    def __init__(self, text: TextIO, data: IO[bytes]) -> None:
        self._text, self._data = text, data

    def write(self, text: str) -> int:
        return self._text.write(text)

    def isatty(self) -> bool:
        return self._data.isatty()

    def __getattr__(self, name: str) -> Any:  # flush, buffer, encoding...: stderr's
        return getattr(self._text, name)


@contextmanager
def _stdout_for_data(output: Path | None) -> Iterator[None]:
    """While a command writes its data or picture to standard output (``-o -``), nothing else
    reaches it: what anything else prints (a custom function's ``print``, a plug-in, C code
    writing to file descriptor 1) goes to stderr, so the CSV on stdout stays CSV.

    The command line is a process of its own, so it may redirect the process's streams: it keeps
    a duplicate of the real standard output for actplot's output (:data:`actplot.core.files.STDOUT`),
    points descriptor 1 at stderr and ``sys.stdout`` at stderr, and puts everything back after
    the command. The library never does this (it would be process-wide state): ``actplot.save``
    to ``-`` writes to whatever ``sys.stdout`` is. :func:`actplot.request.parse` draws nothing and leaves it alone.
    """
    try:
        to_stdout = output is not None and PlotSettings(output=output).to_stdout
    except SettingsError:  # reported as the command goes on
        to_stdout = False
    if not to_stdout:
        yield
        return
    original = sys.stdout
    original.flush()
    sys.stderr.flush()
    try:
        descriptor: int | None = original.fileno()
        error_descriptor = sys.stderr.fileno()
    except (AttributeError, OSError, ValueError):  # streams that are no files (a test's capture)
        descriptor = None
    if descriptor is None:
        data: IO[bytes] = original.buffer
    else:
        data = os.fdopen(os.dup(descriptor), "wb")
        os.dup2(error_descriptor, descriptor)
    token = files.STDOUT.set(data)
    sys.stdout = _Elsewhere(sys.stderr, data)
    try:
        yield
    finally:
        try:
            sys.stdout.flush()
        except OSError:
            pass
        sys.stdout = original
        files.STDOUT.reset(token)
        if descriptor is not None:
            os.dup2(data.fileno(), descriptor)
            try:
                data.close()
            except OSError:  # the reader has gone: files.output has said so already
                pass






















@app.command("gallery")
def gallery_command(
    directory: Annotated[Path, typer.Argument(help="Where the gallery lives.")] = Path("gallery"),
    config: Annotated[Path | None, typer.Option(
        "--config", metavar="FILE", show_default=False,
        help="A TOML file with the gallery's entries. Default: [tool.actplot.gallery] in ./pyproject.toml.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="Image format: png or svg.")] = "png",
    dpi: Annotated[float, typer.Option("--dpi", help="Resolution of PNG images.")] = 100.0,
    jobs: Annotated[int | None, typer.Option(
        "--jobs", "-j", show_default=False,
        help="Worker processes, at most: never more than the CPUs the process may use, nor than the images "
             "to draw. Default: one per CPU.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Render every image again.")] = False,
    check: Annotated[bool, typer.Option(
        "--check", help="Write nothing; list missing, stale and orphan images and exit 1 if there are any.")] = False,
    clean: Annotated[bool, typer.Option("--clean", help="Remove images no entry makes any more.")] = False,
) -> None:
    """Render the gallery: one picture per activation, only what changed, in parallel.

    Writes DIR/NAME.png for every catalog entry (and the entries of the config), an index
    (DIR/README.md, DIR/index.html) and DIR/manifest.json, which records a hash of what
    determines each image so the next run renders only what changed.
    """
    from actplot import gallery
    from actplot.core.errors import SettingsError

    if check and (force or clean):
        raise SettingsError("--check writes nothing, so it does not go with --force or --clean")
    if jobs is not None and jobs < 1:
        raise SettingsError(f"--jobs must be at least 1, got {jobs}")
    options = gallery.Options(directory=directory, config=config, fmt=fmt.lower(), dpi=dpi, jobs=jobs, force=force,
                              check=check, clean=clean, progress=gallery.wants_progress())
    report = gallery.run(options)
    if check:
        for line in report.problems:
            typer.echo(line)
        if report.problems:
            typer.echo(f"gallery: {len(report.problems)} out of date in '{directory}'; "
                       f"run 'actplot gallery {directory}' to update it", err=True)
            raise typer.Exit(1)
        typer.echo(f"gallery: '{directory}' is up to date ({len(report.unchanged)} images)")
        return
    typer.echo(gallery.summary(report))


@app.command("site")
def site_command(
    directory: Annotated[Path, typer.Argument(help="Where the website is written.")] = Path("site"),
    config: Annotated[Path | None, typer.Option(
        "--config", metavar="FILE", show_default=False,
        help="A TOML file with the site's entries and compare pages. Default: [tool.actplot.site] in "
             "./pyproject.toml.")] = None,
    jobs: Annotated[int | None, typer.Option(
        "--jobs", "-j", show_default=False,
        help="Worker processes that draw pictures, at most. Default: one per CPU.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Write every page and draw every picture again.")] = False,
    check: Annotated[bool, typer.Option(
        "--check", help="Write nothing; list what is out of date and exit 1 if anything is.")] = False,
    clean: Annotated[bool, typer.Option("--clean", help="Remove pages and pictures no build makes any more.")] = False,
) -> None:
    """Build the website: a static site with a page per activation, only what changed, in parallel.

    Writes DIR/index.html (search and filters), DIR/NAME.html per entry (formula, interactive
    curves, pictures in light and dark, parameters, properties, breakpoints, frameworks, paper),
    DIR/fw/NAME.html per framework name and DIR/compare/*.html. Open DIR/index.html in a browser:
    no server is needed.
    """
    from actplot import gallery, site
    from actplot.core.errors import SettingsError

    if check and (force or clean):
        raise SettingsError("--check writes nothing, so it does not go with --force or --clean")
    if jobs is not None and jobs < 1:
        raise SettingsError(f"--jobs must be at least 1, got {jobs}")
    report = site.run(site.Options(directory=directory, config=config, jobs=jobs, force=force, check=check,
                                   clean=clean, progress=gallery.wants_progress()))
    if check:
        for line in report.problems:
            typer.echo(line)
        if report.problems:
            typer.echo(f"site: {len(report.problems)} out of date in '{directory}'; "
                       f"run 'actplot site {directory}' to update it", err=True)
            raise typer.Exit(1)
        typer.echo(f"site: '{directory}' is up to date ({report.unchanged} files, "
                   f"{len(report.images.unchanged)} pictures)")
        return
    typer.echo(site.summary(report))




@app.command("list")
def list_catalog(
    framework: Annotated[str | None, typer.Option(
        "--framework", metavar="NAME", show_default=False,
        help="List one framework's names instead (torch or pytorch, jax, keras, tf or tensorflow, onnx): "
             "the entry each computes and its defaults there.")] = None,
    family: Annotated[str | None, typer.Option(
        "--family", metavar="NAME", show_default=False,
        help="List one family's entries only: rectifiers, piecewise-units, self-gates, ... (an "
             "unknown name lists them all).")] = None,
) -> None:
    """List every activation: name, parameters with defaults, formula, PyTorch equivalent."""
    if framework is not None:
        if family is not None:
            raise ParameterError("--family and --framework cannot be combined: list one or the other")
        _table(api.framework_rows(framework))
        return
    _table(api.catalog_rows(family))


def _table(rows: Sequence[tuple[str, ...]]) -> None:
    """Columns padded to their widest cell; the last one left ragged."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        typer.echo("  ".join(cell.ljust(width) for cell, width in zip(row[:-1], widths, strict=True)) + "  " + row[-1])










@app.command("info")
def info(
    name: Annotated[str, typer.Argument(help="An activation's name, alias or framework name (jax.nn.gelu).",
                                        show_default=False)],
    cite: Annotated[bool, typer.Option("--cite", help="Print the activation's paper as BibTeX instead.")] = False,
) -> None:
    """Formulas, parameters with domains, properties, breakpoints and conventions of one activation,
    and how each framework spells and parametrises it."""
    if cite:
        typer.echo(api.citation(name), nl=False)
        return
    typer.echo(api.describe(name))














def run(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status instead of exiting."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("default")  # each warning once, as a line; never as an error
            warnings.showwarning = _show_warning
            arguments = request.spelled_out(list(argv) if argv is not None else sys.argv[1:])
            result = app(args=arguments, prog_name="actplot", standalone_mode=False)
    except UserError as error:
        return _fail(error.command_line(), 2)
    except typer.Abort:
        return _fail("aborted", 1)
    except SystemExit as leaving:  # click's own answer to a closed pipe is a silent exit 1
        if isinstance(leaving.__context__, OSError) and leaving.__context__.errno == errno.EPIPE:
            return _fail(CLOSED_PIPE, 2)
        raise
    except OSError as error:
        if error.errno == errno.EPIPE:  # the reader of our output has gone (`actplot list | head -1`)
            return _fail(CLOSED_PIPE, 2)
        if error.errno in ENVIRONMENTAL and not error.filename:  # standard output cannot take more
            return _fail(f"cannot write to standard output: {reason(error)}", 2)
        if os.environ.get("ACTPLOT_DEBUG"):
            raise
        return _fail(f"{type(error).__name__}: {error}", 1)
    except Exception as error:
        if request.is_click_error(error):
            return _usage_error(error)
        if os.environ.get("ACTPLOT_DEBUG"):
            raise
        return _fail(f"{type(error).__name__}: {error}", 1)
    return result if isinstance(result, int) else 0


#: Failures of the system around actplot (a full disk, a failing device): the user's to fix.
ENVIRONMENTAL = frozenset(getattr(errno, name) for name in ("ENOSPC", "EDQUOT", "EIO", "EFBIG", "EROFS")
                          if hasattr(errno, name))
CLOSED_PIPE = "standard output was closed before everything was written (the program reading it ended)"




def _show_warning(message: Warning | str, category: type[Warning], *args: Any, **kwargs: Any) -> None:
    """A warning (a broken plug-in, say) as one line on stderr."""
    typer.echo(f"actplot: warning: {message}", err=True)




def _usage_error(error: Any) -> int:
    if type(error).__name__ == "NoArgsIsHelpError":  # bare `actplot`: the help is the answer
        typer.echo(error.format_message())
        return 0
    return _fail(request.click_message(error), error.exit_code)




def _fail(message: str, status: int) -> int:
    typer.echo(f"actplot: error: {message}", err=True)
    return status


def main() -> None:
    """The console script's entry point.

    The process ends right after the command: what was printed is flushed and the interpreter's
    teardown (freeing every object of numpy and matplotlib one by one, about 0.15 s) is skipped.
    """
    status = run()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # `actplot list | head`: the reader has gone, which is no error
        pass
    os._exit(status)
