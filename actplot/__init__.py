"""actplot: plot neural-network activation functions and their exact derivatives.

The public API (everything here; the submodules are the implementation)::

    import actplot
    fig = actplot.plot("leaky-relu", negative_slope=0.01, x_range=(-10, 10))  # a Figure: f | f'
    actplot.plot("relu", "gelu", "silu", order=2)                            # compared
    s = actplot.sample("elu", x_range=(-1, 1), points=5, order=2)             # s.x, s.y, s.dy, s.d2y
    actplot.save("leaky.svg", "leaky-relu", negative_slope=0.01)             # picture or data
    actplot.explore("elu")                                                   # sliders: move alpha
    act = actplot.get("LeakyReLU")                                           # a catalog entry
    act.value(x, negative_slope=0.1), act.derivative(x, order=2)

Importing actplot does not import matplotlib; drawing does, when it happens.
"""

from actplot.api import Samples, curves_for, explore, plot, sample, sample_all, save, show
from actplot.catalog import BUILTINS, PluginWarning, get, names, registry
from actplot.core.curves import Curve
from actplot.core.errors import (
    DrawWarning,
    ParameterError,
    SettingsError,
    UnknownActivation,
    UserError,
)
from actplot.core.schema import (
    NON_NEGATIVE,
    POSITIVE,
    REAL,
    Activation,
    Breakpoint,
    Choice,
    Constraint,
    Interval,
    Param,
    Properties,
    Vector,
)
from actplot.core.version import __version__

__all__ = [
    "BUILTINS",
    "NON_NEGATIVE",
    "POSITIVE",
    "REAL",
    "Activation",
    "Breakpoint",
    "Choice",
    "Constraint",
    "Curve",
    "DrawWarning",
    "Interval",
    "Param",
    "ParameterError",
    "PluginWarning",
    "Properties",
    "Samples",
    "SettingsError",
    "UnknownActivation",
    "UserError",
    "Vector",
    "__version__",
    "curves_for",
    "explore",
    "get",
    "names",
    "plot",
    "registry",
    "sample",
    "sample_all",
    "save",
    "show",
]
