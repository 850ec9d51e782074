"""A Sphinx extension: activation plots drawn while the documentation builds.

In ``conf.py``::

    extensions = ["actplot.sphinxext"]
    actplot_format = "png"     # or "svg": the HTML builders' picture format (a directive's :format: wins)
    actplot_dpi = 100          # resolution of PNG pictures (a directive's :dpi: or --dpi wins)
    actplot_style = "default"  # a matplotlib style name, or a .mplstyle file relative to conf.py (--style wins)

In a document, the directive's argument is an actplot command line without the word ``actplot``::

    .. actplot:: leaky-relu --alpha 0.01 --range -10 10
       :alt: Leaky ReLU and its derivative
       :caption: Leaky ReLU, slope 0.01

and in MyST Markdown the same as a fenced directive (```` ```{actplot} elu --alpha 0.5 ````).
Options: ``:alt:`` (default: the title, or the names and parameters and the panels shown),
``:caption:``, ``:width:``, ``:align:`` (left, center, right), ``:format:`` (png or svg),
``:dpi:``, ``:name:`` (a label for references) and ``:class:``.

How it works, so that builds stay fast and reproducible:

- the line is split as the shell would (:func:`shlex.split`; a leading word ``actplot`` is
  allowed) and read by the command line's own parser (:func:`actplot.request.parse`), so every
  option and spec that works in the shell works here (``--range``, ``-n``, ``--order``,
  ``--size``, ``--title``, ``--style``, ``--dpi``...); ``-o``/``--output`` is refused, because
  the directive chooses the file. The resolution is ``:dpi:``, else the line's ``--dpi``, else
  ``actplot_dpi``; the style is the line's ``--style``, else ``actplot_style``;
- the picture's file name is a hash of everything that determines it: the gallery's
  :func:`~actplot.pictures.image_hash` of the image spec (curves, range, order, title,
  points), the digest of the sampled data, format, dpi and actplot's version, together with the
  figure size and the style (a style file's bytes included). A picture already drawn is never
  drawn again; one whose curves changed gets a new name and is drawn. When actplot's version or
  code (or numpy's or scipy's version) changed, every document with a picture is read again;
- pictures live in ``<doctreedir>/actplot/`` (the build's cache, beside Sphinx's doctrees) and
  are written atomically, so two processes of ``sphinx-build -j N`` drawing the same picture
  never leave a partial file; the builders copy them like any image (into ``_images/`` for HTML).
  Pictures no document uses any more stay in the cache until the doctrees are removed;
- HTML builders get ``:format:`` (default ``actplot_format``), LaTeX gets PDF, every other
  builder (epub included) PNG. A document read for one kind of builder is read again when the
  same doctree directory serves another kind;
- with ``:caption:`` the directive makes a figure with that caption, without one a plain image
  (like ``.. image::``);
- every mistake (the command line's, or a bad option value of the directive) is an error naming
  the document and line with actplot's one-line message, so ``sphinx-build -W`` fails, and the
  build draws nothing for it; an unknown option of the directive is reported by docutils (or
  MyST) in their own words. A bad ``actplot_*`` setting is a warning, and its default is used.
  The build ends its reading with one line: ``actplot: N pictures drawn, M up to date``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shlex
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from actplot import api, pictures, request
from actplot.api import __version__
from actplot.core.curves import file_stem
from actplot.core.errors import SettingsError, UserError

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

    from actplot.core.curves import Curve
    from actplot.core.settings import PlotSettings

logger = logging.getLogger(__name__)

#: The formats an HTML builder may be given (``:format:``, ``actplot_format``).
FORMATS = ("png", "svg")
ALIGNS = ("left", "center", "right")
DEFAULT_DPI = 100.0
#: The cache directory's name, inside the doctree directory.
CACHE = "actplot"
#: Options of the command line that the directive refuses: it chooses the file itself.
OUTPUT_OPTIONS = ("-o", "--output")
#: The longest readable part of a picture's file name (before its hash).
MAX_STEM = 40


class DirectiveProblem(Exception):
    """A mistake in an ``actplot`` directive; the message is one line."""


# --- Reading the directive ------------------------------------------------------------------------


def split_line(argument: str) -> list[str]:
    """The directive's argument as the shell would split it (a leading word ``actplot`` is dropped)."""
    try:
        argv = shlex.split(argument)
    except ValueError as error:
        raise DirectiveProblem(f"cannot split the command line: {error}") from None
    if argv[:1] == ["actplot"]:
        argv = argv[1:]
    return argv


def gives(argv: Sequence[str], option: str) -> bool:
    """Whether the command line gives ``option`` (``--dpi 200``, ``--dpi=200``; ``-oFILE`` for a short one)."""
    for token in argv:
        if token == option or token.startswith(option + "="):
            return True
        if len(option) == 2 and token.startswith(option) and not token.startswith("--"):
            return True
    return False


def parse_line(argv: Sequence[str]) -> tuple[list[Curve], PlotSettings]:
    """What the command line draws, read by the command line's own parser; refuses ``-o``."""
    if any(gives(argv, option) for option in OUTPUT_OPTIONS):
        raise DirectiveProblem("the directive writes the picture itself: leave out -o/--output "
                               "(:format: chooses png or svg)")
    try:
        plot = request.parse(argv)
    except request.CommandLineError as error:
        raise DirectiveProblem(str(error)) from None
    if plot.settings.output is not None:  # an abbreviation the scan above did not see
        raise DirectiveProblem("the directive writes the picture itself: leave out -o/--output")
    return plot.curves, plot.settings


def check_format(value: str, where: str) -> str:
    """``png`` or ``svg`` (any case); ``where`` names the setting in the message."""
    fmt = value.strip().lower()
    if fmt not in FORMATS:
        raise DirectiveProblem(f"{where} must be one of {', '.join(FORMATS)}, got '{value}'")
    return fmt


def check_dpi(value: Any, where: str) -> float:
    """A resolution the plot settings accept; ``where`` names the setting in the message."""
    from actplot.core.settings import PlotSettings

    try:
        dpi = float(value)
        PlotSettings(dpi=dpi)
    except (TypeError, ValueError):
        raise DirectiveProblem(f"{where} must be a number from 10 to 2400, got '{value}'") from None
    return dpi


def check_width(value: str) -> str:
    """A width as ``.. image::`` takes it: ``80%``, ``400px``, ``12em``, ``400``."""
    try:
        return str(directives.length_or_percentage_or_unitless(value, "px"))
    except ValueError:
        raise DirectiveProblem(f":width: must be a length (400px, 12em) or a percentage (80%), got '{value}'") \
            from None


def check_align(value: str) -> str:
    """``left``, ``center`` or ``right``."""
    align = value.strip().lower()
    if align not in ALIGNS:
        raise DirectiveProblem(f":align: must be one of {', '.join(ALIGNS)}, got '{value}'")
    return align


def _style_file(style: str) -> bool:
    """Whether the style is a file: :func:`resolve_style` made every style file's path absolute, so
    a name is never looked up in the working directory."""
    return Path(style).is_absolute() and Path(style).is_file()


def resolve_style(style: str, confdir: Path) -> str:
    """A style name as given; a style file's path made absolute, relative to ``confdir``."""
    if style == "default" or "://" in style:
        return style
    path = Path(style)
    if not path.is_absolute() and (path.suffix == ".mplstyle" or "/" in style or "\\" in style
                                   or (confdir / path).is_file()):
        return str(confdir / path)
    return style


# --- The picture ----------------------------------------------------------------------------------


def builder_target(name: str, output_format: str) -> str:
    """The picture format a builder gets: ``html`` (the requested one) for HTML builders other
    than epub, ``pdf`` for LaTeX, ``png`` for the rest."""
    if output_format == "html" and not name.startswith("epub"):
        return "html"
    if output_format == "latex":
        return "pdf"
    return "png"


def picture_hash(curves: Sequence[Curve], settings: PlotSettings, fmt: str) -> str:
    """The hash of everything that determines the picture.

    The gallery's :func:`~actplot.pictures.image_hash` of the image spec and its data
    digest covers the curves, range, order, title, points, format, dpi and actplot's version; the
    figure size and the style (a style file's bytes too), which a gallery image does not vary, are
    hashed with it.
    """
    from actplot.pictures import data_digest, file_hash, image_hash, image_of

    image = image_of(f"picture.{fmt}", curves, settings.range_for(curves), settings.order, settings.title,
                   settings.points)
    digest = image_hash(image, data_digest(image), fmt, settings.dpi)
    if settings.size is None and settings.style == "default":
        return digest
    style_file = file_hash(Path(settings.style)) if _style_file(settings.style) else None
    extra = {"image": digest, "size": settings.size, "style": settings.style, "style_file": style_file,
             "actplot": __version__}
    return hashlib.sha256(json.dumps(extra, sort_keys=True).encode()).hexdigest()


def file_name(curves: Sequence[Curve], digest: str, fmt: str) -> str:
    """``leaky-relu-<hash>.png``: a readable stem from the curves' names, then the hash."""
    stem = file_stem(curves)[:MAX_STEM].strip("-.") or "actplot"
    return f"{stem}-{digest[:20]}.{fmt}"


def ensure_picture(curves: Sequence[Curve], settings: PlotSettings, path: Path) -> bool:
    """Draw the picture into ``path`` unless it is there already; return whether it drew.

    The file is written atomically (:func:`actplot.draw.figure.save`), so a file that exists is complete.
    """
    if path.is_file() and path.stat().st_size > 0:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    api.save_picture(curves, dataclasses.replace(settings, output=path), path)
    return True


def default_alt(curves: Sequence[Curve], settings: PlotSettings) -> str:
    """A text for the picture: the title, or the names (and parameters), and what panels it shows."""
    if settings.title:
        return settings.title
    from actplot.core.curves import default_title

    text = default_title(curves)  # a sweep's entry, or every curve compared, as the figure's title
    if len(curves) == 1 and curves[0].params:
        text = f"{curves[0].entry.display_name} ({curves[0].params_text})"
    several = len(curves) > 1
    suffix = {0: "", 1: " and " + ("their derivatives" if several else "its derivative"),
              2: " and " + ("their" if several else "its") + " first two derivatives"}[settings.order]
    return text + suffix


def user_message(error: Exception) -> str:
    """An error's one-line message (a setting named as the command line names it)."""
    if isinstance(error, SettingsError):
        return error.command_line()
    if isinstance(error, UserError):
        return error.command_line()
    return " ".join(f"{type(error).__name__}: {error}".split())


# --- The directive --------------------------------------------------------------------------------


class ActplotDirective(SphinxDirective):
    """``.. actplot:: COMMAND LINE``: the picture that command line draws, as an image or a figure."""

    required_arguments = 1
    optional_arguments = 0
    final_argument_whitespace = True
    has_content = False
    # Values are checked in run(), so that a bad one gets a one-line message.
    option_spec: ClassVar[dict[str, Any]] = {
        "alt": directives.unchanged,
        "caption": directives.unchanged,
        "width": directives.unchanged,
        "align": directives.unchanged,
        "format": directives.unchanged,
        "dpi": directives.unchanged,
        "name": directives.unchanged,
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        try:
            return self._run()
        except DirectiveProblem as problem:
            raise self.error(f"actplot: {problem}") from None
        except UserError as error:
            raise self.error(f"actplot: {user_message(error)}") from None

    def _run(self) -> list[nodes.Node]:
        state = _state(self.env)
        fmt = self._format(state.target)
        width = check_width(self.options["width"]) if "width" in self.options else None
        align = check_align(self.options["align"]) if "align" in self.options else None
        argv = split_line(self.arguments[0])
        curves, settings = parse_line(argv)
        settings = self._settings(argv, settings, state)
        try:  # evaluates the curves: a custom function may fail in any way
            digest = picture_hash(curves, settings, fmt)
        except Exception as error:
            raise DirectiveProblem(user_message(error)) from None
        path = Path(self.env.doctreedir) / CACHE / file_name(curves, digest, fmt)
        if _style_file(settings.style):
            self.env.note_dependency(settings.style)
        self._draw(curves, settings, path, state)
        state.documents[self.env.docname] = state.target
        return [self._node(curves, settings, path, width, align)]

    def _settings(self, argv: Sequence[str], settings: PlotSettings, state: ActplotState) -> PlotSettings:
        """The parsed settings with the directive's dpi and the style (resolved against conf.py's directory)."""
        config = self.config
        if "dpi" in self.options:
            dpi = check_dpi(self.options["dpi"], ":dpi:")
        elif gives(argv, "--dpi"):
            dpi = settings.dpi
        else:
            dpi = float(config.actplot_dpi)
        style = settings.style if gives(argv, "--style") else config.actplot_style
        return dataclasses.replace(settings, dpi=dpi, style=resolve_style(style, Path(state.confdir)))

    def _format(self, target: str) -> str:
        """The picture's format for this builder."""
        requested = check_format(self.options.get("format", self.config.actplot_format), ":format:")
        return requested if target == "html" else target

    def _draw(self, curves: Sequence[Curve], settings: PlotSettings, path: Path, state: ActplotState) -> None:
        """Draw the picture unless cached; warnings of the drawing become Sphinx warnings here."""
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                drew = ensure_picture(curves, settings, path)
            except Exception as error:
                raise DirectiveProblem(user_message(error)) from None
        for warning in caught:
            logger.warning("actplot: %s", " ".join(str(warning.message).split()),
                           location=(self.env.docname, self.lineno), type="actplot")
        state.read.setdefault(self.env.docname, [0, 0])[0 if drew else 1] += 1

    def _node(self, curves: Sequence[Curve], settings: PlotSettings, path: Path, width: str | None,
              align: str | None) -> nodes.Node:
        """An image (or, with a caption, a figure) of the picture at ``path``."""
        document_dir = Path(self.env.doc2path(self.env.docname)).parent
        uri = Path(os.path.relpath(path, document_dir)).as_posix()
        image = nodes.image(self.block_text, uri=uri, alt=self.options.get("alt") or default_alt(curves, settings))
        if width:
            image["width"] = width
        classes = self.options.get("class", [])
        caption = self.options.get("caption")
        if not caption:
            if align:
                image["align"] = align
            image["classes"] += classes
            self.add_name(image)
            self.set_source_info(image)
            return image
        figure = nodes.figure("", image)
        if align:
            figure["align"] = align
        figure["classes"] += classes
        text, messages = self.state.inline_text(caption, self.lineno)
        figure += nodes.caption(caption, "", *text)
        figure += messages
        self.add_name(figure)
        self.set_source_info(figure)
        return figure


# --- Book-keeping across documents, processes and builders ----------------------------------------


@dataclasses.dataclass
class ActplotState:
    """What the extension keeps in the build environment (pickled with it)."""

    target: str = "html"  # this build's builder_target
    confdir: str = "."  # the directory of conf.py, which style files are relative to
    code: str = ""  # code_key() of the build that read the documents
    current_code: str = ""  # code_key() now
    documents: dict[str, str] = dataclasses.field(default_factory=dict)  # docname -> target it was read for
    #: docname -> [pictures drawn, pictures found in the cache] for the documents read in this build
    #: (by document, so that what parallel readers report merges without counting twice)
    read: dict[str, list[int]] = dataclasses.field(default_factory=dict)

    def counts(self) -> tuple[int, int]:
        """(drawn, found in the cache) over the documents read in this build."""
        return sum(c[0] for c in self.read.values()), sum(c[1] for c in self.read.values())


def _state(env: BuildEnvironment) -> ActplotState:
    state = getattr(env, "actplot", None)
    if not isinstance(state, ActplotState):
        state = ActplotState()
        env.actplot = state  # type: ignore[attr-defined]
    return state


def _check_config(app: Sphinx, config: Config) -> None:
    """Warn of a bad ``actplot_format``, ``actplot_dpi`` or ``actplot_style`` (``-W`` makes it an
    error) and use the default instead."""
    def check_format_setting(value: Any) -> Any:
        return check_format(str(value), "actplot_format")

    def check_dpi_setting(value: Any) -> Any:
        return check_dpi(value, "actplot_dpi")

    checks: list[tuple[str, Any, Callable[[Any], Any]]] = [
        ("actplot_format", "png", check_format_setting), ("actplot_dpi", DEFAULT_DPI, check_dpi_setting),
        ("actplot_style", "default", _check_style_setting)]
    for name, default, check in checks:
        try:
            setattr(config, name, check(getattr(config, name)))
        except DirectiveProblem as problem:
            logger.warning("actplot: %s; using %r", problem, default, type="actplot", subtype="config")
            setattr(config, name, default)


def _check_style_setting(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise DirectiveProblem(f"actplot_style must be a matplotlib style name or a .mplstyle file, got {value!r}")
    return value


def code_key() -> str:
    """actplot's version and the gallery's code digest (actplot's sources, numpy's and scipy's
    versions): when it changes, the documents with pictures are read again, and each picture is
    drawn again if its hash changed."""

    return f"{pictures.__version__}:{pictures.code_digest()}"


def _builder_inited(app: Sphinx) -> None:
    state = _state(app.env)
    state.target = builder_target(app.builder.name, app.builder.format)
    state.confdir = str(app.confdir)
    state.current_code = code_key()


def _before_read(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    _state(env).read = {}


def _outdated(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str],
              removed: set[str]) -> list[str]:
    """Documents with pictures read for another kind of builder (the doctrees are shared), or all
    of them when actplot (its version or code) or numpy or scipy changed."""
    state = _state(env)
    changed_code, state.code = state.code != state.current_code, state.current_code
    return [doc for doc, target in state.documents.items()
            if (changed_code or target != state.target) and doc not in removed]


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _state(env).documents.pop(docname, None)


def _merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    """Take in what a parallel reader process found."""
    state, theirs = _state(env), _state(other)
    state.documents.update({doc: t for doc, t in theirs.documents.items() if doc in docnames})
    state.read.update({doc: counts for doc, counts in theirs.read.items() if doc in docnames})


def _report(app: Sphinx, env: BuildEnvironment) -> list[str]:
    drawn, reused = _state(env).counts()
    logger.info("actplot: %d picture%s drawn, %d up to date", drawn, "" if drawn == 1 else "s", reused)
    return []


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directive, the settings and the book-keeping."""
    app.add_config_value("actplot_format", "png", "env", types=frozenset({str}))
    app.add_config_value("actplot_dpi", DEFAULT_DPI, "env", types=frozenset({int, float}))
    app.add_config_value("actplot_style", "default", "env", types=frozenset({str}))
    app.add_directive("actplot", ActplotDirective)
    app.connect("config-inited", _check_config)
    app.connect("builder-inited", _builder_inited)
    app.connect("env-before-read-docs", _before_read)
    app.connect("env-get-outdated", _outdated)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("env-updated", _report)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True,
            "env_version": 1}
