"""Grids with breakpoints, broken lines at jumps, and the reduction to pixel columns."""

from __future__ import annotations

import numpy as np
import pytest

import actplot
from actplot.core import sampling


@pytest.mark.parametrize(("points", "chunk"), [(2, 5), (10, 3), (11, 11), (1001, 64)])
def test_uniform_chunks_are_linspace(points, chunk):
    joined = np.concatenate(list(sampling.uniform(-3.0, 7.0, points, chunk)))
    np.testing.assert_allclose(joined, np.linspace(-3.0, 7.0, points), rtol=0, atol=1e-14)
    assert joined[0] == -3.0 and joined[-1] == 7.0


def test_grid_merges_extra_points_across_chunk_boundaries():
    extra = [-9.0, 0.05, 0.35, 0.3, 0.95, 1.0, 5.0]
    chunks = list(sampling.grid(0.0, 1.0, 11, extra, chunk=3))
    joined = np.concatenate(chunks)
    uniform = np.concatenate(list(sampling.uniform(0.0, 1.0, 11)))
    np.testing.assert_array_equal(joined, np.union1d(uniform, [0.05, 0.3, 0.35, 0.95, 1.0]))
    assert np.all(np.diff(joined) > 0)
    assert 0.35 in joined and 0.05 in joined and -9.0 not in joined


def test_reduction_keeps_each_columns_extremes_and_ends():
    rng = np.random.default_rng(3)
    x = np.linspace(0, 1, 100_000)
    y = np.sin(40 * x) + rng.normal(0, 0.3, x.size)
    rx, ry = sampling.reduce_to_columns(x, y, 0.0, 1.0, 50)
    assert rx.size <= 4 * 50 and np.all(np.diff(rx) > 0)
    assert rx[0] == x[0] and rx[-1] == x[-1]
    column = np.minimum((x * 50).astype(int), 49)
    reduced_column = np.minimum((rx * 50).astype(int), 49)
    for c in range(50):
        assert ry[reduced_column == c].max() == y[column == c].max()
        assert ry[reduced_column == c].min() == y[column == c].min()
    small = np.linspace(0, 1, 100)
    assert sampling.reduce_to_columns(small, small, 0, 1, 50)[0] is small


def test_trace_breaks_the_line_at_a_jump_and_marks_the_value_taken():
    entry = actplot.get("leaky-relu")
    trace = sampling.trace(lambda x: entry.derivative(x), -2.0, 2.0, 101, jumps=[0.0])
    (lx, ly), (rx, ry) = trace.segments
    assert lx[-1] == np.nextafter(0.0, -1) and rx[0] == np.nextafter(0.0, 1)
    assert set(ly) == {0.01} and set(ry) == {1.0}
    assert 0.0 not in lx and 0.0 not in rx
    (jump,) = trace.jumps
    assert (jump.x, jump.value, jump.limits) == (0.0, 0.01, (1.0,))


def test_trace_samples_kinks_exactly_and_handles_a_jump_at_the_range_edge():
    relu = actplot.get("relu")
    (segment,) = sampling.trace(relu.value, -1.0, 1.0, 4, kinks=[0.0]).segments
    assert 0.0 in segment[0]
    trace = sampling.trace(lambda x: relu.derivative(x), 0.0, 1.0, 11, jumps=[0.0])
    ((x, y),) = trace.segments
    assert x[0] == np.nextafter(0.0, 1) and set(y) == {1.0}
    assert trace.jumps[0].value == 0.0 and trace.jumps[0].limits == (1.0,)


def test_threshold_jump_has_the_value_below_and_the_open_limit_above():
    entry = actplot.get("threshold")
    trace = sampling.trace(entry.value, -2.0, 4.0, 61, jumps=[1.0])
    (jump,) = trace.jumps
    assert jump.value == 0.0 and jump.limits == (pytest.approx(1.0),)


def test_a_million_points_reduce_to_a_few_per_column():
    gelu = actplot.get("gelu")
    trace = sampling.trace(gelu.value, -5.0, 5.0, 1_000_000, columns=200)
    ((x, y),) = trace.segments
    assert x.size < 4 * 200 * 6
    full = gelu.value(np.linspace(-5, 5, 1_000_000))
    assert y.min() == full.min() and y.max() == full.max()
