"""actplot: plot neural-network activation functions and their derivatives.

The public API, a stable contract::

    import actplot
    actplot.names()                       # canonical names, catalog order
    act = actplot.get("LeakyReLU")        # any alias, any case
    act.name, act.params                  # canonical name; parameter name -> default
    act.value(x, negative_slope=0.1)      # float64 array, same shape as x
    act.derivative(x, order=1, **params)  # order 1 or 2
    actplot.registry()                    # name -> entry, built-ins and plug-ins
"""

from actplot.catalog import BUILTINS, PluginWarning, get, names, registry
from actplot.errors import ParameterError, UnknownActivation
from actplot.schema import Activation, Breakpoint, Param, Properties

__version__ = "0.1.0"

__all__ = [
    "BUILTINS",
    "Activation",
    "Breakpoint",
    "Param",
    "ParameterError",
    "PluginWarning",
    "Properties",
    "UnknownActivation",
    "__version__",
    "get",
    "names",
    "registry",
]
