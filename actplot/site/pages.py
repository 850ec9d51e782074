"""The website's pages as HTML text, and the pictures they show.

:class:`Pages` writes every page of a :class:`~actplot.site.config.SiteConfig`: the index, one
page per catalog entry, one per framework name, one per compare page; each page's pictures are
:class:`~actplot.pictures.Image` specs it collects for the gallery's incremental, parallel
drawing (:func:`actplot.gallery.update`). Nothing here draws or writes a file.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from actplot import describe as facts
from actplot.api import FAMILY_TITLES, curves_for, get, registry
from actplot.core.curves import Curve, format_value, single
from actplot.core.formula import plain
from actplot.core.mathml import mathml
from actplot.core.schema import Activation, Choice
from actplot.core.settings import DEFAULT_POINTS
from actplot.pictures import Image, image_of
from actplot.site import grid
from actplot.site.config import ComparePage, SiteConfig
from actplot.site.html import VARIANTS, element, page, picture, picture_files, table, text

#: A picture's figure: three panels (f, f', f'') of 3 x 2.8 inches, 900 x 280 pixels at 1x.
SIZE = (9.0, 2.8)
DPI = 100
WIDTH, HEIGHT = int(SIZE[0] * DPI), int(SIZE[1] * DPI)
#: The colours a picture's PNG keeps (see :func:`actplot.pictures.to_palette`).
COLORS = 128
#: The points of a page's CSV download.
CSV_POINTS = 401
FRAMEWORK_TITLES = {"torch": "PyTorch", "jax": "JAX", "keras": "Keras", "tf": "TensorFlow", "onnx": "ONNX"}


@dataclass
class Pages:
    """Every page of the site (path: HTML) and every picture they show."""

    config: SiteConfig
    files: dict[str, str] = field(default_factory=dict)
    images: list[Image] = field(default_factory=list)
    #: The framework names with a page: those whose computing entry is on the site.
    framework_pages: set[str] = field(default_factory=set)

    def build(self) -> None:
        """Write every page into :attr:`files` and collect :attr:`images`."""
        names = self.config.entries
        spellings = [row for row in facts.framework_names()
                     if row.entry in names or _canonical_of(row.qualified) in names]
        if self.config.framework_pages:
            self.framework_pages = {row.qualified for row in spellings if row.entry in names}
        for name in names:
            self.entry_page(get(name))
        if self.config.framework_pages:
            for row in spellings:
                if row.qualified in self.framework_pages:
                    self.framework_page(row)
        for compared in self.config.compare:
            self.compare_page(compared)
        self.files["index.html"] = self.index(spellings)

    # --- pictures ----------------------------------------------------------------------------

    def pictures(self, stem: str, curves: Sequence[Curve], x_range: Sequence[float], diff: bool = False) -> None:
        """The four images of a picture (light and dark, 1x and 2x) of these curves, f to f''."""
        for file, (suffix, scale) in zip(picture_files(stem), VARIANTS, strict=True):
            self.images.append(image_of(file, curves, x_range, 2, None, DEFAULT_POINTS, size=list(SIZE),
                                        dpi=DPI * scale, style="dark_background" if "dark" in suffix else None,
                                        colors=COLORS, diff=True if diff else None))

    # --- an entry ----------------------------------------------------------------------------

    def entry_page(self, entry: Activation) -> None:
        """``NAME.html``, its pictures, ``data/NAME.js`` (the interactive curves) and ``csv/NAME.csv``."""
        curve = single(entry)
        self.pictures(entry.name, [curve], entry.default_range)
        data = grid.payload(entry)
        self.files[f"data/{entry.name}.js"] = ("window.ACTPLOT_DATA = "
                                               + json.dumps(data, separators=(",", ":"), allow_nan=False) + ";\n")
        self.files[f"csv/{entry.name}.csv"] = _csv(curve, entry.default_range)
        family = FAMILY_TITLES.get(entry.family, "")
        body = [
            _crumbs("", family, entry.name),
            element("h1", text(entry.name)),
            element("p", text(entry.summary), class_="summary"),
            _aliases(entry),
            _formulas(entry),
            _interactive(entry, data),
            _figure(entry.name, f"{entry.name} at its defaults: f, f′ and f″ over {_range(entry.default_range)}",
                    ""),
            _parameters(entry),
            _properties(entry),
            _breakpoints(entry),
            _frameworks(entry, self.framework_pages),
            _paper(entry),
            self._related(entry),
            _downloads(entry),
        ]
        self.files[f"{entry.name}.html"] = page(f"{entry.name}: {entry.summary}", entry.summary, "",
                                                  "\n".join(b for b in body if b), [f"data/{entry.name}.js"])

    def _related(self, entry: Activation) -> str:
        others = [e for e in registry().values()
                  if e.family == entry.family and e.name != entry.name and e.name in self.config.entries]
        if not others:
            return ""
        links = "".join(element("li", element("a", text(e.name), href=f"{e.name}.html") + " " +
                                element("span", text(e.summary), class_="muted")) for e in others)
        return _section("related", f"Related: {FAMILY_TITLES.get(entry.family, 'the same family')}",
                        element("ul", links, class_="related"))

    # --- a framework name ------------------------------------------------------------------------

    def framework_page(self, row: facts.FrameworkName) -> None:
        """``fw/QUALIFIED.html``: how the framework spells, parametrises and computes the function,
        and where its curve differs from the canonical entry's."""
        entry = get(row.qualified)
        canonical = get(row.entry) if row.same else None
        x_range = (canonical or entry).default_range
        stem = "fw-" + row.qualified
        if canonical is None:
            self.pictures(stem, [single(entry)], x_range)
            shown = _figure(stem, f"{row.qualified} at its defaults: f, f′ and f″", "../")
            verdict = (f"{row.qualified} has no catalog entry of its own: it is computed by "
                       f"{element('code', text(row.entry))}.")
        elif _identical(single(entry), single(canonical), x_range):
            shown = _figure(canonical.name, f"{canonical.name} at its defaults: f, f′ and f″", "../")
            verdict = (f"At its defaults {row.qualified} computes exactly what "
                       f"{element('a', text(canonical.name), href=f'../{canonical.name}.html')} does: f, f′ and "
                       f"f″ are equal at all {DEFAULT_POINTS} sampled points of {_range(x_range)}.")
        else:
            self.pictures(stem, [single(entry), single(canonical)], x_range, diff=True)
            shown = _figure(stem, f"{row.qualified} minus {canonical.name}: the differences of f, f′ and f″", "../")
            verdict = (f"At its defaults {row.qualified} differs from "
                       f"{element('a', text(canonical.name), href=f'../{canonical.name}.html')}: "
                       "the panels show the difference, this name's curve minus the canonical one.")
        framework = FRAMEWORK_TITLES.get(row.framework, row.framework)
        home = canonical or get(row.entry)
        body = [
            _crumbs("../", FAMILY_TITLES.get(home.family, ""), row.qualified, home.name),
            element("h1", text(row.qualified)),
            element("p", f"{text(framework)}'s name for {element('a', text(home.name), href=f'../{home.name}.html')}"
                    f": {text(home.summary)}", class_="summary"),
            element("p", verdict),
            element("p", element("strong", "Differences: ") + text(row.detail), class_="note") if row.detail else "",
            _versions(row.qualified),
            _section("defaults", "Defaults as the framework writes them", element("p", element("code", text(
                f"{row.qualified}({row.defaults if row.defaults != '-' else ''})")))),
            _formulas(entry),
            shown,
            _parameters(entry),
            _breakpoints(entry),
            _section("command", "Draw it", element("pre", element("code", text(
                f"actplot {row.qualified} --order 2")))),
        ]
        self.files[f"fw/{row.qualified}.html"] = page(f"{row.qualified}: {home.summary}", row.detail or home.summary,
                                                       "../", "\n".join(b for b in body if b))

    # --- a comparison ----------------------------------------------------------------------------

    def compare_page(self, compared: ComparePage) -> None:
        """``compare/FILE.html``: the curves overlaid, and the first two's difference."""
        curves = curves_for(*compared.curves)
        x_range = compared.range or (min(c.entry.default_range[0] for c in curves),
                                 max(c.entry.default_range[1] for c in curves))
        self.pictures(f"compare-{compared.file}", curves, x_range)
        self.pictures(f"compare-{compared.file}-diff", curves[:2], x_range, diff=True)
        rows = [[element("code", text(spec)), text(c.entry.summary), text(c.params_text or "-")]
                for spec, c in zip(compared.curves, curves, strict=False)]
        body = [
            _crumbs("../", "Comparisons", compared.title),
            element("h1", text(compared.title)),
            element("p", text(compared.text), class_="summary") if compared.text else "",
            table(["curve", "what it is", "parameters"], rows, "The curves compared"),
            _figure(f"compare-{compared.file}", f"{compared.title}: the curves overlaid, f, f′ and f″", "../"),
            element("h2", text(f"{curves[0].label} minus {curves[1].label}")),
            _figure(f"compare-{compared.file}-diff", f"The difference {curves[0].label} − {curves[1].label}, "
                    "of f, f′ and f″", "../"),
            _section("command", "Draw it", element("pre", element("code", text(
                "actplot compare " + " ".join(compared.curves) + " --order 2\n" +
                "actplot diff " + " ".join(compared.curves[:2]) + " --order 2")))),
        ]
        self.files[f"compare/{compared.file}.html"] = page(compared.title, compared.text or compared.title, "../",
                                                        "\n".join(b for b in body if b))

    # --- the index -----------------------------------------------------------------------------

    def index(self, spellings: Sequence[facts.FrameworkName]) -> str:
        """``index.html``: every entry as a card, searchable, filtered by family and property."""
        by_entry: dict[str, list[str]] = {}
        for row in spellings:
            home = row.entry if row.entry in self.config.entries else _canonical_of(row.qualified)
            by_entry.setdefault(home, []).append(row.qualified)
        cards = [self._card(get(name), by_entry.get(name, [])) for name in self.config.entries]
        families = "".join(element("option", text(title), value=family) for family, title in FAMILY_TITLES.items()
                           if any(get(n).family == family for n in self.config.entries))
        properties = "".join(element("option", text(label), value=key) for key, label in PROPERTY_FILTERS)
        comparisons = "".join(element("li", element("a", text(p.title), href=f"compare/{p.file}.html"))
                              for p in self.config.compare)
        body = "\n".join([
            element("h1", "Activation functions and their exact derivatives"),
            element("p", f"{len(self.config.entries)} activations, {len(spellings)} framework names. Each page has "
                    "the formula, f, f′ and f″ to explore, the parameters, the properties, the breakpoints, how "
                    "each framework spells it, and the paper.", class_="summary"),
            element("search", element("form", "".join([
                element("span", element("label", "Search names, aliases, framework names and families", for_="query")
                        + '<input id="query" type="search" autocomplete="off" placeholder="gelu, jax.nn.gelu, swish…">',
                        class_="filter wide"),
                element("span", element("label", "Family", for_="family") + element(
                    "select", element("option", "every family", value="") + families, id="family"), class_="filter"),
                element("span", element("label", "Property", for_="property") + element(
                    "select", element("option", "any", value="") + properties, id="property"), class_="filter"),
            ]), class_="filters", onsubmit="return false")),
            element("p", "", id="count", aria_live="polite", class_="muted"),
            element("ul", "\n".join(cards), id="cards", class_="cards"),
            element("p", "No activation matches.", id="nothing", hidden=True),
            _section("comparisons", "Comparisons", element("ul", comparisons)) if comparisons else "",
        ])
        return page("actplot: activation functions and their exact derivatives",
                     "Every activation function of PyTorch, JAX, Keras, TensorFlow and ONNX, with exact derivatives.",
                     "", body)

    def _card(self, entry: Activation, names: Sequence[str]) -> str:
        tags = _property_tags(entry)
        search = " ".join([entry.name, *entry.all_names, *names, entry.family, FAMILY_TITLES.get(entry.family, ""),
                           entry.summary]).lower()
        framework = ""
        if names:
            links = ", ".join(element("a", text(n), href=f"fw/{n}.html", class_="fw") if n in self.framework_pages
                              else element("code", text(n), class_="fw") for n in names)
            framework = element("p", links, class_="names")
        return element("li", "".join([
            element("a", picture(entry.name, f"{entry.name}: f, f′ and f″", "", WIDTH, HEIGHT, lazy=True),
                    href=f"{entry.name}.html", tabindex="-1", aria_hidden="true"),
            element("h2", element("a", text(entry.name), href=f"{entry.name}.html")),
            element("p", text(entry.summary)),
            element("p", element("code", text(plain(entry.formula_at(0)))), class_="formula"),
            framework,
        ]), class_="card", data_search=search, data_family=entry.family, data_props=" ".join(tags))


#: The index's property filter: key, label.
PROPERTY_FILTERS = (
    ("increasing", "monotonic (increasing)"), ("smooth", "smooth (C∞)"), ("kinked", "has breakpoints"),
    ("bounded", "bounded on both sides"), ("bounded-below", "bounded below"), ("zero", "zero at zero"),
    ("parametric", "has parameters"), ("paper", "has a paper"),
)


def _property_tags(entry: Activation) -> list[str]:
    properties = entry.properties_at()
    tags = []
    if properties is not None:
        tags += ["increasing"] if properties.monotonic == "increasing" else []
        tags += ["smooth"] if properties.smoothness == math.inf else []
        tags += ["bounded"] if properties.bounded_below and properties.bounded_above else []
        tags += ["bounded-below"] if properties.bounded_below else []
        tags += ["zero"] if properties.zero_at_zero else []
    tags += ["kinked"] if entry.breakpoints() else []
    tags += ["parametric"] if entry.parameters else []
    tags += ["paper"] if entry.paper else []
    return tags


def _canonical_of(qualified: str) -> str:
    """The canonical entry a related framework name belongs to: the entry of the same name
    whose page lists it (``jax.nn.leaky_relu`` is computed by another entry but is a leaky ReLU)."""
    return _related_names().get(qualified, "")


@functools.cache
def _related_names() -> dict[str, str]:
    found: dict[str, str] = {}
    for name in registry():
        for row in facts.framework_names(name):
            if not row.same:
                found.setdefault(row.qualified, name)
    return found


def _versions(qualified: str) -> str:
    """Where a framework name was verified, when it came, and what earlier versions computed, as
    ``actplot info`` says (each earlier convention with the command that draws it)."""
    lines = facts.version_lines(qualified)
    if not lines:
        return ""
    return _section("versions", "Versions", element("ul", "".join(element("li", text(line)) for line in lines)))


def _identical(a: Curve, b: Curve, x_range: Sequence[float]) -> bool:
    """Whether two curves are equal, f to f'', at every point a picture samples."""
    x = a.sample(x_range[0], x_range[1], DEFAULT_POINTS)
    with np.errstate(all="ignore"):
        return all(np.array_equal(a.evaluate(x, k), b.evaluate(x, k), equal_nan=True) for k in range(3)) and \
            a.breakpoints(*x_range) == b.breakpoints(*x_range)


# --- sections -----------------------------------------------------------------------------------

def _section(key: str, heading: str, content: str) -> str:
    return element("section", element("h2", text(heading), id=f"{key}-heading") + content,
                   id=key, aria_labelledby=f"{key}-heading")


def _crumbs(prefix: str, family: str, name: str, parent: str = "") -> str:
    steps = [element("a", "All activations", href=f"{prefix}index.html")]
    if family:
        steps.append(text(family))
    if parent:
        steps.append(element("a", text(parent), href=f"{prefix}{parent}.html"))
    steps.append(element("span", text(name), aria_current="page"))
    return element("nav", " › ".join(steps), aria_label="Breadcrumb", class_="crumbs")


def _range(x_range: Sequence[float]) -> str:
    return f"x from {x_range[0]:g} to {x_range[1]:g}"


def _aliases(entry: Activation) -> str:
    others = [n for n in entry.all_names if n != entry.name]
    return element("p", "Also called " + ", ".join(element("code", text(n)) for n in others) + ".",
                   class_="muted") if others else ""


def _formulas(entry: Activation) -> str:
    """f and f′ at the defaults; where a choice changes them (GELU's ``approximate``, a gated
    unit's ``vary``), each form with the option that gives it."""
    rows = []
    for params, when in _formula_cases(entry):
        for order, label in ((0, "f(x) ="), (1, "f′(x) =")):
            aside = element("span", text(when), class_="muted") if when and order == 0 else ""
            rows.append(element("div", element("span", label, class_="lhs") + mathml(entry.formula_at(order, **params))
                                + aside, class_="formula"))
    return _section("formula", "Formula", "".join(rows))


def _formula_cases(entry: Activation) -> list[tuple[dict[str, Any], str]]:
    """The parameter values whose formulas the page shows, each with the words that name it: the
    defaults alone, or each option of the first choice that changes the formulas (its options'
    distinct forms, in order, the default's first)."""
    for param in entry.parameters:
        if not isinstance(param.domain, Choice):
            continue
        forms: dict[tuple[str, str], str] = {}
        for option in (param.default, *param.domain.options):
            form = (entry.formula_at(0, **{param.name: option}), entry.formula_at(1, **{param.name: option}))
            forms.setdefault(form, str(option))
        if len(forms) > 1:
            return [({param.name: option}, f"{param.name} = {option}") for option in forms.values()]
    return [({}, "")]


def _figure(stem: str, alt: str, prefix: str) -> str:
    return element("figure", picture(stem, alt, prefix, WIDTH, HEIGHT)
                   + element("figcaption", text(alt) + " (the picture actplot draws)."), class_="picture")


def _interactive(entry: Activation, data: dict[str, Any]) -> str:
    controls = []
    for control in data["controls"]:
        name = control["name"]
        symbol = plain(f"${control['symbol']}$") if control["symbol"] else ""
        label = element("label", text(f"{symbol} ({name})" if symbol else name), for_=f"p-{name}")
        values = control["values"]
        if control["kind"] == "slider":
            value = format_value(values[control["default"]])
            field_ = (f'<input type="range" id="p-{text(name)}" data-param="{text(name)}" min="0" '
                      f'max="{len(values) - 1}" step="1" value="{control["default"]}" aria-valuetext="{text(value)}">'
                      + element("output", text(value), for_=f"p-{name}", id=f"v-{name}"))
        else:
            options = "".join(element("option", text(v), value=str(i), selected=i == control["default"])
                              for i, v in enumerate(values))
            field_ = element("select", options, id=f"p-{name}", data_param=name)
        controls.append(element("div", label + field_, class_="control"))
    alone = data["mode"] == "alone"
    help_ = ("Each parameter moves alone from the defaults: moving one resets the others. "
             if alone else "") + (f"{len(data['combos'])} parameter values, each sampled by actplot at "
                                  f"{data['points']} points and its breakpoints." if controls else
                                  f"Sampled by actplot at {data['points']} points and its breakpoints.")
    panel_help = "Move the pointer over a panel, or focus it and use the arrow keys, to read the values."
    return _section("curves", "Curves", "".join([
        element("div", "".join(controls) + (element("button", "Reset", type="button", id="reset")
                                              if controls else ""), class_="controls") if controls else "",
        element("p", text(help_ + " " + panel_help), class_="muted"),
        element("div", "", id="panels", class_="panels", tabindex="0", role="img",
                aria_label=f"Interactive plot of {entry.name}, f′ and f″", data_name=entry.name),
        element("p", "&nbsp;", id="readout", class_="readout", aria_live="polite"),
        element("p", element("code", text(grid.command(entry, {})), id="command") + " "
                + element("button", "Copy the command", type="button", data_copy="command"), class_="command"),
        element("noscript", element("p", "The interactive curves need JavaScript; the picture below is the same "
                                          "curve at the defaults.")),
    ]))


def _parameters(entry: Activation) -> str:
    if not entry.parameters:
        return _section("parameters", "Parameters", element("p", "None."))
    rows = []
    for p in entry.parameters:
        symbol = mathml(f"${p.symbol}$", display=False) if p.symbol else ""
        also = ", ".join(element("code", "--" + text(a.replace("_", "-"))) for a in p.aliases)
        rows.append([element("code", text(p.name)), symbol, element("code", text(format_value(p.default))),
                     text(str(p.domain)), text(p.help) + (f" (also {also})" if also else "")])
    return _section("parameters", "Parameters", table(["name", "symbol", "default", "domain", "meaning"], rows))


def _properties(entry: Activation) -> str:
    properties = entry.properties_at()
    if properties is None:
        return _section("properties", "Properties", element("p", "Not declared."))
    items = "".join(element("dt", text(k)) + element("dd", text(v)) for k, v in properties.describe().items())
    return _section("properties", "Properties at the defaults", element("dl", items, class_="facts"))


def _breakpoints(entry: Activation) -> str:
    points = entry.breakpoints()
    kinds = {0: "f jumps", 1: "kink: f′ jumps"}
    listed = ", ".join(f"x = {b.x:g} ({'pole' if b.pole else kinds.get(b.order, 'f' + chr(8242) * b.order + ' jumps')})"
                       for b in points) or "none: smooth everywhere"
    return _section("breakpoints", "Breakpoints", element("p", text(listed))
                    + element("p", element("strong", "Convention at a breakpoint: ") + text(entry.kink_convention)))


def _frameworks(entry: Activation, pages: set[str]) -> str:
    rows = []
    for row in facts.framework_names(entry.name):
        name = (element("a", text(row.qualified), href=f"fw/{row.qualified}.html") if row.qualified in pages
                else text(row.qualified))
        rows.append([text(FRAMEWORK_TITLES.get(row.framework, row.framework)), name,
                     element("code", text(row.defaults)), text(row.detail or "the same")])
    if not rows:
        return _section("frameworks", "In the frameworks", element("p", "No framework has it built in."))
    return _section("frameworks", "In the frameworks",
                    table(["framework", "name", "defaults", "differences"], rows,
                          "How each framework spells and parametrises it, and where it differs"))


def _paper(entry: Activation) -> str:
    if entry.paper is None:
        return ""
    paper = entry.paper
    link = f"https://arxiv.org/abs/{paper.arxiv}" if paper.arxiv else f"https://doi.org/{paper.doi}"
    return _section("paper", "Paper", "".join([
        element("p", text(f"{paper.authors.replace(' and ', '; ')}. ") + element("cite", text(paper.title))
                + text(f". {paper.venue + ', ' if paper.venue else ''}{paper.year}. ")
                + element("a", text(paper.short.split(', ')[-1]), href=link)),
        element("pre", element("code", text(facts.citation(entry.name))), id="bibtex"),
        element("button", "Copy BibTeX", type="button", data_copy="bibtex"),
    ]))


def _downloads(entry: Activation) -> str:
    return _section("downloads", "Downloads", element("ul", "".join([
        element("li", element("a", f"CSV of x, f, f′ and f″ at the defaults ({CSV_POINTS} points and the "
                                   "breakpoints)", href=f"csv/{entry.name}.csv", download=f"{entry.name}.csv")
                + ": " + element("code", text(f"actplot {entry.name} --order 2 --points {CSV_POINTS} -o "
                                              f"{entry.name}.csv"))),
        element("li", "The picture: " + ", ".join(element("a", text(f), href=f"img/{f}")
                                                  for f in picture_files(entry.name))),
        element("li", "The command that draws it: " + element("code", text(f"actplot {entry.name} --order 2"))),
    ])))


def _csv(curve: Curve, x_range: Sequence[float]) -> str:
    """The CSV that ``actplot NAME --order 2 --points 401 -o NAME.csv`` writes (401 points, not the
    pictures' 2001, keeps the site's downloads small; the command gives any number)."""
    from actplot.api import data_text, settings_for

    return data_text([curve], settings_for(order=2, x_range=x_range, points=CSV_POINTS))
