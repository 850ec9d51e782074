"""What `actplot info` and `actplot list` say, as text and rows any front end can print.

:func:`describe` is one entry's formulas, parameters, breakpoints, properties, paper and
framework names; :func:`citation` its paper as BibTeX; :func:`catalog_rows` and
:func:`framework_rows` the tables of `actplot list`. Nothing here prints.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from actplot.catalog import get, registry
from actplot.core.curves import format_value
from actplot.core.errors import ParameterError
from actplot.core.formula import plain
from actplot.core.schema import Activation

#: The widest PARAMETERS cell `actplot list` prints.
LIST_PARAMS_WIDTH = 36


def _framework_defaults(spelling: Any) -> str:
    """The defaults as the framework writes them: its parameter names and words (True, none)."""
    entry = get(spelling.qualified)
    shown = []
    for param in entry.parameters:
        value: Any = param.default
        words = {meaning: word for word, meaning in spelling.words.get(param.name, {}).items()}
        if value in words:
            value = words[value].capitalize() if words[value] in ("true", "false") else words[value]
        shown.append(f"{spelling.framework_name(param.name)}={format_value(value)}")
    return " ".join(shown) or "-"


def _family(name: str) -> str:
    """The family module called ``name`` (hyphens or underscores, any case), or a ParameterError
    that lists the families with their titles."""
    from actplot.catalog import FAMILY_TITLES

    key = name.strip().lower().replace("-", "_")
    if key in FAMILY_TITLES:
        return key
    listed = "; ".join(f"{family.replace('_', '-')} ({title})" for family, title in FAMILY_TITLES.items())
    raise ParameterError(f"--family: unknown family '{name}'; the families: {listed}")


#: Other spellings of the frameworks' keys that `list --framework` accepts.
FRAMEWORK_SPELLINGS = {"pytorch": "torch", "tensorflow": "tf", "tf.keras": "keras", "onnxruntime": "onnx"}


def framework_rows(framework: str) -> list[tuple[str, ...]]:
    """The rows of `actplot list --framework NAME`: each name of the framework, the entry that
    computes it and its defaults as the framework writes them (a ParameterError for an unknown one).
    The framework is its key (torch, jax, keras, tf, onnx) or a spelling of :data:`FRAMEWORK_SPELLINGS`
    (pytorch, tensorflow), in any case."""
    from actplot.catalog import frameworks

    key = FRAMEWORK_SPELLINGS.get(framework.strip().lower(), framework.strip().lower())
    if key not in frameworks.FRAMEWORKS:
        raise ParameterError(f"--framework: unknown framework '{framework}' "
                             f"(the frameworks: {', '.join(frameworks.FRAMEWORKS)})")
    rows: list[tuple[str, ...]] = [("NAME", "ENTRY", "DEFAULTS")]
    rows += [(s.qualified, s.entry, _framework_defaults(s)) for s in frameworks.spellings(key)]
    return rows


def cite_key(name: str, paper: Any) -> str:
    """``hendrycks2016gelu``: the first author's last name, the year and the entry's name."""
    last = paper.authors.split(" and ")[0].split(",")[0].strip().split()[-1]
    return "".join(c for c in f"{last}{paper.year}{name}".lower() if c.isalnum())


def _jump_kind(order: int) -> str:
    """What jumps at a breakpoint of this order: "f jumps", "kink, f' jumps", "f'' jumps", ..."""
    jump = "f" + "'" * order + " jumps"
    return f"kink, {jump}" if order == 1 else jump


@dataclass(frozen=True)
class FrameworkName:
    """One framework's name for an activation, as `info` and the website list it.

    ``entry`` is the catalog entry that computes it; ``same`` whether that is the entry asked
    about (else it is a related entry: the same function with another default or kink
    convention), or, in the list of every name, whether ``entry`` is a catalog entry (not one
    reached by this name only); ``defaults`` the defaults as the framework writes them; ``detail`` how its curve
    differs, or anything to know.
    """

    qualified: str
    framework: str
    entry: str
    defaults: str
    detail: str
    same: bool


def framework_names(name: str | None = None) -> list[FrameworkName]:
    """Every framework name (``name`` None), or those of the entry ``name``: the ones it computes,
    then the related ones that another entry computes (the same leaf name, ``gelu`` for GELU)."""
    from actplot.catalog import frameworks

    if name is None:
        return [FrameworkName(s.qualified, s.framework, s.entry, _framework_defaults(s), s.note,
                              s.entry in registry()) for s in frameworks.SPELLINGS]
    entry = get(name)
    same = frameworks.spellings_of(entry.name)
    leaves = {s.qualified.rsplit(".", 1)[1].lower().replace("_", "") for s in same}
    leaves.add(entry.snake_name.replace("_", ""))
    if entry.torch:
        leaves.add(entry.torch.lower())
    related = [s for s in frameworks.SPELLINGS
               if s.entry != entry.name and s.qualified.rsplit(".", 1)[1].lower().replace("_", "") in leaves]
    rows = []
    for s in same:
        differs = [] if dict(get(s.qualified).params) == dict(entry.params) else ["other defaults"]
        rows.append(FrameworkName(s.qualified, s.framework, s.entry, _framework_defaults(s),
                                  "; ".join([*differs, s.note] if s.note else differs), True))
    for s in related:
        rows.append(FrameworkName(s.qualified, s.framework, s.entry, _framework_defaults(s),
                                  f"computed by {s.entry}" + (f"; {s.note}" if s.note else ""), False))
    return rows


def version_lines(qualified: str) -> list[str]:
    """What `info` says of a framework name's versions: where it was verified, since when it
    exists, and each earlier convention with the name that draws it (empty for other names)."""
    from actplot.catalog import frameworks

    row = frameworks.spelling(qualified)
    return [] if row is None or "@" in row.qualified else frameworks.version_lines(row)


def _framework_lines(entry: Activation) -> list[str]:
    """How each framework spells the entry, and the framework names of the same function that
    differ from it (another default or kink convention: another entry)."""
    rows = framework_names(entry.name)
    if not rows:
        return []
    return ["  frameworks:"] + [f"    {row.qualified}({row.defaults})" + (f": {row.detail}" if row.detail else "")
                               for row in rows]


def catalog_rows(family: str | None = None) -> list[tuple[str, ...]]:
    """The rows of `actplot list` (with a header row): name, parameters with their defaults,
    formula in plain text, PyTorch's module; of one family's entries when ``family`` is given."""
    entries = list(registry().values())
    if family is not None:
        entries = [entry for entry in entries if entry.family == _family(family)]
    rows: list[tuple[str, ...]] = [("NAME", "PARAMETERS", "FORMULA", "PYTORCH")]
    for entry in entries:
        params = " ".join(f"{name}={format_value(value)}" for name, value in entry.params.items())
        if len(params) > LIST_PARAMS_WIDTH:  # the Padé unit's coefficient lists: `info` shows them whole
            params = params[: LIST_PARAMS_WIDTH - 1] + "…"
        torch = f"nn.{entry.torch}" if entry.torch else "-"
        rows.append((entry.name, params or "-", plain(entry.formula_at(0)), torch))
    return rows


def _spelling_of(name: str) -> tuple[Activation, Any, Activation]:
    """The entry a name reaches, its framework spelling (or None), and the canonical entry."""
    from actplot.catalog import frameworks

    entry = get(name)
    spelling = frameworks.spelling(entry.name) if "." in entry.name else None
    canonical = get(spelling.entry) if spelling and spelling.entry in registry() else entry
    return entry, spelling, canonical


def citation(name: str) -> str:
    """The paper of the activation ``name`` as a BibTeX record (a ParameterError if it has none).

    Example::

        >>> print(citation("gelu").splitlines()[0])
        @misc{hendrycks2016gelu,
    """
    entry, spelling, canonical = _spelling_of(name)
    paper = entry.paper or canonical.paper
    if paper is None:
        raise ParameterError(f"{entry.name} has no paper recorded to cite")
    return paper.bibtex(cite_key(canonical.name if spelling else entry.name, paper))


def describe(name: str) -> str:
    """What `actplot info NAME` prints: formulas, parameters with domains, properties,
    breakpoints and conventions of one activation, and how each framework spells it.

    Example::

        >>> print(describe("relu").splitlines()[0])
        relu: Rectified linear unit: the identity for positive inputs, zero otherwise.
    """
    entry, spelling, _ = _spelling_of(name)
    out = [f"{entry.name}: {entry.summary}", ""]
    if spelling is not None:
        if spelling.entry in registry():
            out.append(f"  canonical entry: {spelling.entry} (actplot {spelling.entry} draws it with its own defaults)")
        else:
            out.append(f"  reached by this name only (not a catalog entry of its own: {spelling.entry})")
        if spelling.note:
            out.append(f"  in {spelling.framework}: {spelling.note}")
        out += [f"  versions:       {line}" if i == 0 else f"                  {line}"
                for i, line in enumerate(version_lines(spelling.qualified))]
    out.append(f"  f(x)   = {plain(entry.formula_at(0))}")
    out.append(f"  f'(x)  = {plain(entry.formula_at(1))}")
    out.append(f"  PyTorch:        {'torch.nn.' + entry.torch if entry.torch else 'none'}")
    out.append(f"  also called:    {', '.join(n for n in entry.all_names if n != entry.name) or '-'}")
    out.append(f"  default range:  {entry.default_range[0]:g} to {entry.default_range[1]:g}")
    if entry.family:
        from actplot.catalog import FAMILY_TITLES

        out.append(f"  family:         {FAMILY_TITLES[entry.family]} (actplot list --family "
                   f"{entry.family.replace('_', '-')})")
    if entry.parameters:
        out.append("  parameters:")
        for p in entry.parameters:
            symbol = f" ({plain('$' + p.symbol + '$')})" if p.symbol else ""
            aliases = f"; also --{', --'.join(a.replace('_', '-') for a in p.aliases)}" if p.aliases else ""
            out.append(f"    {p.name}{symbol} = {format_value(p.default)}: {p.help}; {p.domain}{aliases}")
    points = entry.breakpoints()
    out.append("  breakpoints:    " + (", ".join(f"x = {b.x:g} ({_jump_kind(b.order)})" for b in points) or "none"))
    out.append(f"  at breakpoints: {entry.kink_convention}")
    out.append("  properties (at the defaults):")
    properties = entry.properties_at()
    for key, value in (properties.describe() if properties else {"all": "not declared"}).items():
        out.append(f"    {key}: {value}")
    if entry.note:
        out.append(f"  note: {entry.note}")
    if entry.paper:
        out.append(f"  paper: {entry.paper.short} (actplot info {entry.name} --cite)")
    if spelling is None:
        out += _framework_lines(entry)
    return "\n".join(out)
