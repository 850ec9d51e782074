"""The drawing back ends, side by side; each takes curves and settings and draws them.

:mod:`.figure` (a matplotlib figure: panels, curves, titles), :mod:`.layout` (where titles,
labels and legends go), :mod:`.legends` (what a legend needs to say), :mod:`.style` (the one
drawing lock and the style's rcParams), :mod:`.window` (a window and its re-sampling),
:mod:`.explorer` (sliders, in a window or a notebook), :mod:`.notebook` (a notebook's display),
:mod:`.terminal` (text), :mod:`.terminal_image` (a picture through a terminal's image protocol)
and :mod:`.data` (CSV, JSON, NPZ). They import the core layer only, never the catalog.
"""
