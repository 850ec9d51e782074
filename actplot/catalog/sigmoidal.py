"""(Being written: entries of this family arrive in the next commits.)"""

from __future__ import annotations

from actplot.schema import Activation

ENTRIES: tuple[Activation, ...] = ()
