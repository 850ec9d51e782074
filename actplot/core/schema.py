"""The shape of a catalog entry: an activation, its parameters, breakpoints and properties.

Every activation actplot knows is one :class:`Activation` record in the registry
(:mod:`actplot.catalog`). The command line, the gallery, the docs and the tests read these
records and nothing else.

Conventions shared by all entries:

- Values and derivatives are float64 numpy arrays of the input's shape.
- Where a derivative does not exist (a kink or a jump), the entry returns the value PyTorch's
  autograd returns there; each entry states it in ``kink_convention``.
- A :class:`Breakpoint` of order ``k`` is a point where the k-th derivative is discontinuous
  (order 0: the value jumps; order 1: a kink, the first derivative jumps; order 2: the second
  derivative jumps). A plot of derivative order ``n`` breaks its line at every breakpoint of
  order ``<= n`` and samples every breakpoint exactly.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal

import numpy as np

from actplot.core.errors import ParameterError, did_you_mean

Array = np.ndarray
ParamValue = float | str | tuple[float, ...]
Function = Callable[..., Array]


@dataclass(frozen=True)
class Interval:
    """The real numbers between ``low`` and ``high``; the bounds are excluded when open.

    Every value must also be finite: infinity and NaN are never a valid parameter.
    """

    low: float = -math.inf
    high: float = math.inf
    low_open: bool = True
    high_open: bool = True

    def contains(self, value: float) -> bool:
        """Whether ``value`` is a finite number inside the interval."""
        if not math.isfinite(value):
            return False
        above = value > self.low if self.low_open else value >= self.low
        below = value < self.high if self.high_open else value <= self.high
        return above and below

    def __str__(self) -> str:
        if math.isinf(self.low) and math.isinf(self.high):
            return "any finite number"
        left = "(" if self.low_open else "["
        right = ")" if self.high_open else "]"
        return f"{left}{_number(self.low)}, {_number(self.high)}{right}"


REAL = Interval()
POSITIVE = Interval(0.0)
NON_NEGATIVE = Interval(0.0, low_open=False)


@dataclass(frozen=True)
class Choice:
    """One of a fixed set of words, such as GELU's ``approximate``."""

    options: tuple[str, ...]

    def __str__(self) -> str:
        return "one of " + ", ".join(f"'{option}'" for option in self.options)


@dataclass(frozen=True)
class Vector:
    """A non-empty list of numbers, each inside ``element`` (the softmax family's other logits)."""

    element: Interval = REAL

    def __str__(self) -> str:
        return f"a non-empty list of numbers, each {self.element}"


Domain = Interval | Choice | Vector


@dataclass(frozen=True)
class Param:
    """One parameter of an activation, named as PyTorch names it.

    ``symbol`` is the mathtext symbol the formulas use for it; ``aliases`` are the friendlier
    names users type (``alpha`` for leaky-relu's ``negative_slope``); ``examples`` are
    non-default values that the tests, the PyTorch reference and sweeps use.
    """

    name: str
    default: ParamValue
    help: str
    symbol: str = ""
    domain: Domain = REAL
    aliases: tuple[str, ...] = ()
    examples: tuple[ParamValue, ...] = ()

    def coerce(self, value: Any) -> ParamValue:
        """Return ``value`` converted to this parameter's type; raise :class:`ParameterError`."""
        domain = self.domain
        if isinstance(domain, Choice):  # words are matched in any case, like names
            for option in domain.options:
                if isinstance(value, str) and value.strip().lower() == option.lower():
                    return option
            raise self._invalid(value)
        if isinstance(domain, Vector):
            items = _floats(value)
            if items is None or not items or not all(domain.element.contains(v) for v in items):
                raise self._invalid(value)
            return items
        number = _float(value)
        if number is None or not domain.contains(number):
            raise self._invalid(value)
        return number

    def _invalid(self, value: Any) -> ParameterError:
        return ParameterError(f"{self.name} must be {self.domain}, got {value!r}")


@dataclass(frozen=True)
class Constraint:
    """A condition that ties several parameters together, and the message when it fails."""

    holds: Callable[[Mapping[str, Any]], bool]
    message: str


@dataclass(frozen=True, order=True)
class Breakpoint:
    """A point where the ``order``-th derivative is discontinuous (0: the value itself jumps).

    A ``pole`` is a point where the value itself goes to infinity (``1/x`` at 0, ``log(x)`` at 0):
    the line is broken there, no value is marked, and the drawing shows a vertical asymptote.
    """

    x: float
    order: int
    pole: bool = False


def merged_breakpoints(points: Iterable[Breakpoint]) -> tuple[Breakpoint, ...]:
    """The points sorted, one per x (-0.0 and 0.0 are one): the lowest order of those at the
    same x, a pole if any of them is."""
    merged: dict[float, Breakpoint] = {}
    for point in points:
        x = float(point.x) + 0.0
        seen = merged.get(x)
        merged[x] = point if seen is None else Breakpoint(
            x, min(seen.order, point.order), seen.pole or point.pole)
    return tuple(Breakpoint(x, point.order, point.pole) for x, point in sorted(merged.items()))


Monotonic = Literal["increasing", "decreasing", "no"]


@dataclass(frozen=True)
class Properties:
    """What a user asks about a curve, at given parameter values.

    ``output_range`` is the infimum and supremum of the value over all real x (either may be
    infinite; whether the bound is attained is not recorded). ``monotonic`` is "increasing" or
    "decreasing" in the non-strict sense, or "no". ``smoothness`` counts the continuous
    derivatives: 0 is C0 (continuous with kinks), 1 is C1, ``math.inf`` is C-infinity, and -1
    is a function that jumps.
    """

    output_range: tuple[float, float]
    monotonic: Monotonic
    smoothness: float
    zero_at_zero: bool

    @property
    def bounded_below(self) -> bool:
        return math.isfinite(self.output_range[0])

    @property
    def bounded_above(self) -> bool:
        return math.isfinite(self.output_range[1])

    def describe(self) -> dict[str, str]:
        """The properties as short human-readable strings, in a fixed order."""
        low, high = self.output_range
        return {
            "output range": f"{_number(low)} to {_number(high)}",
            "monotonic": self.monotonic,
            "smoothness": smoothness_label(self.smoothness),
            "bounded": {(True, True): "both sides", (True, False): "below",
                        (False, True): "above", (False, False): "no"}[
                (self.bounded_below, self.bounded_above)],
            "zero at zero": "yes" if self.zero_at_zero else "no",
        }


def smoothness_label(smoothness: float) -> str:
    """``C-inf``, ``C1``, ``C0``, or ``discontinuous``."""
    if smoothness == math.inf:
        return "C-inf (smooth)"
    if smoothness < 0:
        return "discontinuous"
    return f"C{int(smoothness)}"


#: Words in a venue that make it a conference or a collection (BibTeX's booktitle), not a journal.
PROCEEDINGS = ("Conference", "Proceedings", "Advances in", "Workshop", "Symposium", "Tricks of the Trade")


@dataclass(frozen=True)
class Paper:
    """Where an activation was published: shown by ``actplot info``, the gallery's index and
    ``actplot info NAME --cite`` (BibTeX).

    ``authors`` as "Last, First and Last, First" (BibTeX's form); ``arxiv`` an arXiv id such as
    "1606.08415", ``doi`` a DOI; at least one of the two.
    """

    authors: str
    title: str
    year: int
    arxiv: str = ""
    doi: str = ""
    venue: str = ""

    def __post_init__(self) -> None:
        if not (self.arxiv or self.doi):
            raise ValueError(f"paper '{self.title}' needs an arXiv id or a DOI")

    @property
    def short(self) -> str:
        """``Hendrycks and Gimpel (2016), arXiv:1606.08415``: for a line of text."""
        names = [name.split(",")[0].strip() for name in self.authors.split(" and ")]
        who = names[0] if len(names) == 1 else (f"{names[0]} and {names[1]}" if len(names) == 2 else
                                               f"{names[0]} et al.")
        where = f"arXiv:{self.arxiv}" if self.arxiv else f"doi:{self.doi}"
        return f"{who} ({self.year}), {where}"

    def bibtex(self, key: str) -> str:
        """A BibTeX entry under ``key``: @inproceedings for a conference or a book's chapter (a venue
        naming :data:`PROCEEDINGS`), @article for a journal, else @misc with the arXiv id."""
        fields = [("author", self.authors), ("title", "{" + self.title + "}"), ("year", str(self.year))]
        proceedings = any(word in self.venue for word in PROCEEDINGS)
        if self.venue:
            fields.append(("booktitle" if proceedings else "journal", self.venue))
        if self.doi:
            fields.append(("doi", self.doi))
        if self.arxiv:
            fields += [("eprint", self.arxiv), ("archivePrefix", "arXiv")]
        kind = ("inproceedings" if proceedings else "article") if self.venue else "misc"
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
        return f"@{kind}{{{key},\n{body}\n}}\n"


def no_breakpoints(**_: Any) -> tuple[Breakpoint, ...]:
    """Breakpoints of a function that is smooth everywhere."""
    return ()


@dataclass(frozen=True)
class Activation:
    """One catalog entry: an activation function, its derivatives, and what is known of it.

    ``value_fn(x, **params)`` and ``derivative_fns[k - 1](x, **params)`` receive a float64
    array and every parameter by name, already validated. ``formula`` and
    ``derivative_formula`` are mathtext, or functions of the parameters returning mathtext where
    the formula changes with them (GELU's ``approximate``); read them with :meth:`formula_at`.
    ``breakpoints_fn(**params)`` lists the points where some derivative jumps;
    ``locate_fn(lo, hi, **params)``, where given, finds more of them inside [lo, hi] (an
    expression's kinks whose argument is not linear in x). ``properties`` is either a :class:`Properties`, a
    function of the parameters returning one, or ``None`` where nothing is known (an
    expression). ``band_fn(x, order, **params)`` returns the lower and upper edge of a shaded
    band (RReLU's training-mode range) or ``None``. ``source`` says where the entry comes from
    ("builtin", "plugin DIST", "expression", "custom"); ``derivative_method`` is "exact" unless
    the derivatives are numerical; ``display_name`` is what titles and legends call it;
    ``reference`` finds the entry again (its name, ``expr:TEXT`` or ``custom:MODULE:NAME``).
    ``paper`` is where the activation was published; ``family`` the catalog module it belongs to
    (set by the registry: "rectifiers", "gated"...).
    """

    name: str
    summary: str
    value_fn: Function
    derivative_fns: tuple[Function, Function]
    formula: str | Callable[..., str]
    derivative_formula: str | Callable[..., str]
    properties: Properties | Callable[..., Properties] | None
    parameters: tuple[Param, ...] = ()
    breakpoints_fn: Callable[..., tuple[Breakpoint, ...]] = no_breakpoints
    kink_convention: str = "smooth everywhere: no convention needed."
    torch: str | None = None
    aliases: tuple[str, ...] = ()
    constraints: tuple[Constraint, ...] = ()
    default_range: tuple[float, float] = (-5.0, 5.0)
    band_fn: Callable[..., tuple[Array, Array] | None] | None = None
    note: str = ""
    overflow_above: float | Callable[..., float] = math.inf
    source: str = "builtin"
    derivative_method: str = "exact"
    display_name: str = ""
    reference: str = ""
    locate_fn: Callable[..., tuple[Breakpoint, ...]] | None = None
    paper: Paper | None = None
    family: str = ""
    _by_name: Mapping[str, Param] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_name: dict[str, Param] = {}
        for param in self.parameters:
            for key in (param.name, *param.aliases):
                by_name[_param_key(key)] = param
        object.__setattr__(self, "_by_name", MappingProxyType(by_name))
        for attribute in ("display_name", "reference"):
            if not getattr(self, attribute):
                object.__setattr__(self, attribute, self.name)

    @property
    def params(self) -> Mapping[str, ParamValue]:
        """Parameter name -> default value, in declaration order."""
        return MappingProxyType({p.name: p.default for p in self.parameters})

    @property
    def snake_name(self) -> str:
        return self.name.replace("-", "_")

    @property
    def all_names(self) -> tuple[str, ...]:
        """The canonical name, its snake_case form, the PyTorch class name and the aliases."""
        names = [self.name, self.snake_name]
        if self.torch:
            names.append(self.torch)
        names.extend(self.aliases)
        return tuple(dict.fromkeys(names))

    def param(self, name: str) -> Param:
        """The parameter called ``name`` or one of its aliases; raise :class:`ParameterError`."""
        try:
            return self._by_name[_param_key(name)]
        except KeyError:
            known = [key for p in self.parameters for key in (p.name, *p.aliases)]
            if not known:
                raise ParameterError(f"{self.name} takes no parameters, got '{name}'") from None
            raise ParameterError(
                f"{self.name} has no parameter '{name}'{did_you_mean(name, known)}"
                f" (parameters: {', '.join(p.name for p in self.parameters)})"
            ) from None

    def resolve(self, **params: Any) -> dict[str, ParamValue]:
        """Every parameter by its canonical name: given values validated, the rest defaults.

        Raises :class:`ParameterError` (a ``ValueError``) naming the parameter and its domain.
        """
        resolved: dict[str, ParamValue] = {p.name: p.default for p in self.parameters}
        given: dict[str, str] = {}
        for key, value in params.items():
            param = self.param(key)
            if param.name in given:
                raise ParameterError(
                    f"{param.name} given twice, as '{given[param.name]}' and '{key}'")
            given[param.name] = key
            resolved[param.name] = param.coerce(value)
        for constraint in self.constraints:
            if not constraint.holds(resolved):
                raise ParameterError(f"{self.name}: {constraint.message}")
        return resolved

    def evaluate(self, x: Any, order: int = 0, **params: Any) -> Array:
        """The value (order 0) or the first or second derivative at ``x``."""
        if order not in (0, 1, 2):
            raise ValueError(f"order must be 0, 1 or 2, got {order!r}")
        arguments = self.resolve(**params)
        xs = np.asarray(x, dtype=np.float64)
        fn = self.value_fn if order == 0 else self.derivative_fns[order - 1]
        result = np.asarray(fn(xs, **arguments), dtype=np.float64)
        if result.shape != xs.shape:
            result = np.broadcast_to(result, xs.shape).copy()
        return result

    def value(self, x: Any, **params: Any) -> Array:
        """The activation at ``x`` (a float64 array of x's shape)."""
        return self.evaluate(x, 0, **params)

    def derivative(self, x: Any, order: int = 1, **params: Any) -> Array:
        """The first (``order=1``) or second (``order=2``) derivative at ``x``."""
        if order not in (1, 2):
            raise ValueError(f"derivative order must be 1 or 2, got {order!r}")
        return self.evaluate(x, order, **params)

    def breakpoints(self, **params: Any) -> tuple[Breakpoint, ...]:
        """Sorted breakpoints; where two coincide, the lower order (the worse jump) is kept, and a
        pole where either is one."""
        return merged_breakpoints(self.breakpoints_fn(**self.resolve(**params)))

    def breakpoints_between(self, lo: float, hi: float, **params: Any) -> tuple[Breakpoint, ...]:
        """The breakpoints inside [lo, hi]: the declared ones and those ``locate_fn`` finds there."""
        points = list(self.breakpoints(**params))
        if self.locate_fn is not None:
            points += self.locate_fn(lo, hi, **self.resolve(**params))
        return merged_breakpoints(point for point in points if lo <= point.x <= hi)

    def formula_at(self, order: int = 0, **params: Any) -> str:
        """The mathtext formula of the value (``order=0``) or the first derivative (``order=1``)
        at these parameter values."""
        formula = self.formula if order == 0 else self.derivative_formula
        return formula if isinstance(formula, str) else formula(**self.resolve(**params))

    def properties_at(self, **params: Any) -> Properties | None:
        """The :class:`Properties` at these parameter values (None: not known)."""
        resolved = self.resolve(**params)
        if self.properties is None or isinstance(self.properties, Properties):
            return self.properties
        return self.properties(**resolved)

    def overflow_at(self, **params: Any) -> float:
        """Beyond this x the value (and its derivatives) truly leave float64's range and are +inf
        (``overflow_above``, or its value at these parameters); inf when they never do."""
        if callable(self.overflow_above):
            return float(self.overflow_above(**self.resolve(**params)))
        return self.overflow_above

    def band(self, x: Any, order: int = 0, **params: Any) -> tuple[Array, Array] | None:
        """Lower and upper edge of the entry's band at ``x`` for this derivative order, if any."""
        if self.band_fn is None:
            return None
        xs = np.asarray(x, dtype=np.float64)
        return self.band_fn(xs, order, **self.resolve(**params))


def _param_key(name: str) -> str:
    return name.lower().replace("-", "_")


def _float(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _floats(value: Any) -> tuple[float, ...] | None:
    if isinstance(value, str):
        value = [part for part in value.replace(",", " ").split() if part]
    try:
        items = [_float(v) for v in value]
    except TypeError:
        items = [_float(value)]
    if any(v is None for v in items):
        return None
    return tuple(v for v in items if v is not None)


def _number(value: float) -> str:
    if math.isinf(value):
        return "-inf" if value < 0 else "inf"
    return f"{value:g}"
