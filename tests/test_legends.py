"""Which curves coincide or hide each other in a panel, and where a legend may go."""

from __future__ import annotations

import doctest

import numpy as np

from actplot.draw import legends
from actplot.specs import spec_curves


def test_the_examples_in_the_docstrings_run():
    failures, tried = doctest.testmod(legends)
    assert tried >= 3 and failures == 0


def test_identical_curves_are_grouped_and_take_turns_along_the_line():
    curves = spec_curves("leaky-relu:alpha=0.1,alpha=0.2,alpha=0.3")
    assert legends.coincident(curves, 2, -1.0, 1.0) == [None, 0, 0]  # f'' = 0 for all three
    assert legends.coincident(curves, 0, -1.0, 1.0) == [None, None, None]
    dashes = legends.shared_dashes([None, 0, 0])
    assert dashes[0] is None and dashes[1] != dashes[2]


def test_a_curve_covered_by_the_later_ones_together_is_hidden():
    curves = spec_curves("hardtanh:min_val=-1,min_val=-2,max_val=1,max_val=2")
    assert legends.hidden(curves, 0, -3.0, 3.0) == [True, False, False, False]
    assert legends.hidden(spec_curves("relu") + spec_curves("gelu"), 0, -3.0, 3.0) == [False, False]


def test_the_occupancy_grid_marks_where_a_line_passes():
    import actplot

    fig = actplot.plot("relu", order=0, x_range=(-1.0, 1.0), show=False)
    ax = fig.axes[0]
    grid = legends.occupancy(ax)
    assert grid.shape == (legends.CELLS, legends.CELLS)
    assert legends.covered(grid, (0.0, 0.0, 0.45, 0.3)) > 0  # the flat left half, low in the panel
    assert legends.covered(grid, (0.0, 0.7, 0.3, 1.0)) == 0  # nothing top left
    assert np.any(grid[-20:, -10:])  # the rising right half reaches the top right
