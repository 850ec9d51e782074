"""Figures in Jupyter: every figure :func:`actplot.plot` makes in a cell shows when the cell ends.

A notebook shows only a cell's last value, so a loop of ``actplot.plot`` calls would show
nothing, where pyplot's inline backend shows every figure the cell made. actplot does as pyplot
does, without registering its figures with pyplot: in a Jupyter kernel, each figure ``plot``
makes (without ``axes=``; not with ``show=False``) is kept in the cell's list, and when the cell
ends (IPython's ``post_run_cell`` event, which comes even when the cell failed) every one not shown
yet is displayed, in the order they were made. A figure displayed before that (the cell's value,
or ``display(fig)``) shows then, after the figures made before it that are not shown yet, and is
not shown again: each figure shows once, in order. :func:`forget` takes a figure off the list;
the list holds the figures only until the cell ends. A figure made outside a cell (in a widget's
callback, say) is not kept: it shows where it is displayed, and never in a later cell.

Outside a Jupyter kernel (a script, a terminal IPython) nothing is kept and nothing displays.
"""

from __future__ import annotations

import sys
from typing import Any

#: The figures made in the running cell and not shown yet, in the order they were made.
_pending: list[Any] = []
#: The IPython shell whose cell events this module listens to (None before the first figure).
_shell: Any = None
#: Whether a cell is running (the first figure is made in one: the events are registered then).
_running = False


def in_notebook() -> bool:
    """Whether this runs in a Jupyter kernel (judged without importing IPython)."""
    shell = _ipython()
    return shell is not None and "IPKernelApp" in getattr(shell, "config", {})


def _ipython() -> Any:
    ipython = sys.modules.get("IPython")
    return ipython.get_ipython() if ipython is not None else None


def show_at_cell_end(figure: Any) -> None:
    """In a Jupyter kernel, display ``figure`` when the running cell ends unless it has been
    displayed by then; elsewhere, nothing."""
    global _shell, _running
    if not in_notebook():
        return
    shell = _ipython()
    if _shell is not shell:
        shell.events.register("pre_run_cell", _cell_started)
        shell.events.register("post_run_cell", _cell_ended)
        _shell, _running = shell, True
    if _running:
        _pending.append(figure)


def forget(figure: Any) -> None:
    """Do not display ``figure`` when the cell ends."""
    _pending[:] = [kept for kept in _pending if kept is not figure]


def displaying(figure: Any) -> None:
    """``figure`` is being displayed now (its ``_repr_mimebundle_`` was asked for): display first
    the figures made before it that are waiting, and take it off the list."""
    if not any(kept is figure for kept in _pending):
        return
    index = next(i for i, kept in enumerate(_pending) if kept is figure)
    earlier = _pending[:index]
    del _pending[:index + 1]
    if earlier:
        from IPython.display import display

        display(*earlier)  # their own _repr_mimebundle_ finds them off the list already


def _cell_started(*_: Any) -> None:
    global _running
    _running = True
    _pending.clear()


def _cell_ended(*_: Any) -> None:
    """Display the cell's figures that have not been displayed, in the order they were made."""
    global _running
    _running = False
    waiting = list(_pending)
    _pending.clear()
    if waiting:
        from IPython.display import display

        display(*waiting)
